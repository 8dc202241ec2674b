"""A throw-away Dovecot IMAP server for tests and benchmarks (recipe: ci-and-tests.md).

``Dovecot.start()`` writes a config under a fresh tempfile.mkdtemp() directory (traversable
by the dovecot user when running as root), generates a self-signed certificate, starts
``dovecot -F`` in its own process group and waits for the greeting on both ports.
"""

from __future__ import annotations

import hashlib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from pathlib import Path

USERS = {"test": "secret", "other": "pässword"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_greeting(port: int, use_ssl: bool, deadline: float) -> None:
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if use_ssl:
                    ctx = ssl.create_default_context()
                    ctx.check_hostname = False
                    ctx.verify_mode = ssl.CERT_NONE
                    with ctx.wrap_socket(sock) as s2:
                        if s2.recv(100).startswith(b"* OK"):
                            return
                elif sock.recv(100).startswith(b"* OK"):
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"dovecot did not answer on port {port}")
        time.sleep(0.02)


class Dovecot:
    def __init__(self, extra_conf: str = "") -> None:
        self.root = Path(tempfile.mkdtemp(prefix="cd-dovecot-", dir="/tmp"))
        self.port = free_port()
        self.ssl_port = free_port()
        self.extra_conf = extra_conf
        self.proc = None
        self.cert = self.root / "cert.pem"
        self.key = self.root / "key.pem"

    @property
    def fingerprint(self) -> str:
        der = ssl.PEM_cert_to_DER_cert(self.cert.read_text())
        return hashlib.sha256(der).hexdigest()

    def _config(self) -> str:
        r = self.root
        if os.geteuid() == 0:
            pw = pwd.getpwnam("dovecot")
            mail_user = "dovecot"
            ids = (f"mail_uid = dovecot\nmail_gid = dovecot\nfirst_valid_uid = {pw.pw_uid}\n"
                   "default_login_user = dovenull\ndefault_internal_user = dovecot\n")
            uid, gid = pw.pw_uid, pw.pw_gid
        else:
            me = pwd.getpwuid(os.getuid())
            mail_user = me.pw_name
            ids = (f"mail_uid = {me.pw_uid}\nmail_gid = {me.pw_gid}\nfirst_valid_uid = {me.pw_uid}\n"
                   f"default_login_user = {me.pw_name}\ndefault_internal_user = {me.pw_name}\n")
            uid, gid = me.pw_uid, me.pw_gid
        mailboxes = "".join(f"  mailbox {name} {{\n    special_use = \\{name}\n    auto = create\n  }}\n"
                            for name in ("Trash", "Sent", "Drafts", "Junk"))
        return f"""
base_dir = {r}/run
state_dir = {r}/state
log_path = {r}/dovecot.log
info_log_path = {r}/dovecot.log
instance_name = cd-{self.port}
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{self.key}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{r}/mail/%u
mail_fsync = never
{ids}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {r}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={r}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    mode = 0666
  }}
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
{self.extra_conf}
"""

    def start(self) -> "Dovecot":
        r = self.root
        os.chmod(r, 0o755)
        for d in ("run", "state", "mail", "home"):
            (r / d).mkdir()
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(self.key), "-out", str(self.cert)],
            check=True, capture_output=True)
        (r / "passwd").write_text("".join(f"{u}:{{PLAIN}}{p}::::::\n" for u, p in USERS.items()),
                                  encoding="utf-8")
        if os.geteuid() == 0:
            pw = pwd.getpwnam("dovecot")
            for d in ("mail", "home"):
                os.chown(r / d, pw.pw_uid, pw.pw_gid)
        conf = r / "dovecot.conf"
        conf.write_text(self._config(), encoding="utf-8")
        self.proc = subprocess.Popen(["dovecot", "-F", "-c", str(conf)], start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        try:
            _wait_greeting(self.port, False, deadline)
            _wait_greeting(self.ssl_port, True, deadline)
        except RuntimeError:
            self.stop()
            log = (r / "dovecot.log").read_text(errors="replace") if (r / "dovecot.log").exists() else ""
            raise RuntimeError(f"dovecot failed to start: {log[-2000:]}")
        return self

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        self.proc = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

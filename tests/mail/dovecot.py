"""A throw-away Dovecot IMAP server for tests and benchmarks (recipe: ci-and-tests.md).

``Dovecot.start()`` writes a config under a fresh tempfile.mkdtemp() directory (traversable
by the dovecot user when running as root), generates a self-signed certificate, starts
``dovecot -F`` in its own process group and waits for the greeting on both ports.

Variants (keyword arguments, combinable):
  ``Dovecot(extra_conf=TEXT)``   appended to dovecot.conf (e.g. the quota plugin);
  ``Dovecot(virtual_all=True)``  a virtual folder ``Virtual/All`` with \\All special-use and
      no Gmail extension: every message of the user's folders (Trash, Junk excluded) shows
      there again (Dovecot's virtual plugin; moving the virtual entry moves the real one);
  ``Dovecot(public=True)``       a public namespace ``Team/`` (maildir, no ACL: every user can
      read and change it), for team folders.
Same interface as cyrus.Cyrus: ``port``, ``ssl_port``, ``cert``, ``fingerprint``, ``root``,
``kind``, ``sep``, ``f(name)`` (the server's name of the user's folder), ``is_personal(name)``,
``log_text()``, ``stop()``, ``cleanup()``.
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


def wait_greeting(port: int, use_ssl: bool, deadline: float, proc=None) -> None:
    """Until the server on ``port`` greets with ``* OK`` (raises if ``proc`` exits first)."""
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
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with status {proc.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"the server did not answer on port {port}")
        time.sleep(0.02)


class LoopbackServer:
    """What the test servers share: a temp root, two loopback ports, a self-signed
    certificate, a process group to stop."""

    prefix = "cd-server-"

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix=self.prefix, dir="/tmp"))
        self.port = free_port()
        self.ssl_port = free_port()
        self.proc = None
        self.cert = self.root / "cert.pem"
        self.key = self.root / "key.pem"

    @property
    def fingerprint(self) -> str:
        der = ssl.PEM_cert_to_DER_cert(self.cert.read_text())
        return hashlib.sha256(der).hexdigest()

    def make_cert(self) -> None:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", str(self.key), "-out", str(self.cert)],
            check=True, capture_output=True)

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


VIRTUAL_ALL = "*\n-Trash\n-Trash/*\n-Junk\n-Junk/*\n-Team/*\n  all\n"


class Dovecot(LoopbackServer):
    kind = "dovecot"
    sep = "/"
    prefix = "cd-dovecot-"

    def __init__(self, extra_conf: str = "", virtual_all: bool = False, public: bool = False) -> None:
        super().__init__()
        self.extra_conf = extra_conf
        self.virtual_all = virtual_all
        self.public = public

    def f(self, name: str) -> str:
        """The server name of the user's own folder ``name`` (Dovecot: the name itself)."""
        return name

    def is_personal(self, name: str) -> bool:
        return not name.startswith(("Team/", "Virtual/"))

    def log_text(self) -> str:
        log = self.root / "dovecot.log"
        return log.read_text(errors="replace") if log.exists() else ""

    def _variants(self) -> str:
        r = self.root
        out = ""
        if self.virtual_all:
            out += f"""mail_plugins = $mail_plugins virtual
namespace virtual {{
  prefix = Virtual/
  separator = /
  location = virtual:{r}/virtual:INDEX={r}/home/%u/virtual
  subscriptions = no
  mailbox All {{
    special_use = \\All
  }}
}}
"""
        if self.public:
            out += f"""namespace public {{
  type = public
  prefix = Team/
  separator = /
  location = maildir:{r}/public:INDEX={r}/home/%u/public
  subscriptions = no
  list = yes
}}
"""
        return out

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
{self._variants()}{self.extra_conf}
"""

    def start(self) -> "Dovecot":
        r = self.root
        os.chmod(r, 0o755)
        for d in ("run", "state", "mail", "home", "public", "virtual/All"):
            (r / d).mkdir(parents=True)
        (r / "virtual/All/dovecot-virtual").write_text(VIRTUAL_ALL)
        self.make_cert()
        (r / "passwd").write_text("".join(f"{u}:{{PLAIN}}{p}::::::\n" for u, p in USERS.items()),
                                  encoding="utf-8")
        if os.geteuid() == 0:
            pw = pwd.getpwnam("dovecot")
            for d in ("mail", "home", "public", "virtual", "virtual/All", "virtual/All/dovecot-virtual"):
                os.chown(r / d, pw.pw_uid, pw.pw_gid)
        conf = r / "dovecot.conf"
        conf.write_text(self._config(), encoding="utf-8")
        self.proc = subprocess.Popen(["dovecot", "-F", "-c", str(conf)], start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 15
        try:
            wait_greeting(self.port, False, deadline, self.proc)
            wait_greeting(self.ssl_port, True, deadline, self.proc)
        except RuntimeError:
            self.stop()
            raise RuntimeError(f"dovecot failed to start: {self.log_text()[-2000:]}")
        return self


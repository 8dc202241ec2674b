"""A throw-away Cyrus IMAP server for tests and benchmarks (recipe: ci-and-tests.md).

Debian's cyrus-imapd package conflicts with dovecot-imapd, so ``imapd`` is run from the
unpacked .deb that ``scripts/setup.sh --test`` puts in ``.venv/cyrus`` (override with
CYRUS_ROOT=DIR holding usr/lib/cyrus/bin/imapd); ``master``, ``ctl_cyrusdb`` and
``saslpasswd2`` come from cyrus-common and sasl2-bin, which install beside Dovecot.

``Cyrus(suppress="MOVE UIDPLUS").start()`` writes imapd.conf and cyrus.conf under a fresh
tempfile.mkdtemp() directory, starts ``master`` in its own process group on two loopback
ports (plain and imaps with a self-signed certificate), waits for ``* OK``, creates the
users of USERS with saslpasswd2 and, as the admin ``cyrus``, their mailboxes with the
special-use folders (Trash, Sent, Drafts, Junk) and a 100 MB quota. Cyrus's shape differs
from Dovecot's: separator ``.``, personal folders under ``INBOX.`` (``f("Archive")`` gives
``INBOX.Archive``), other users' folders under ``user.NAME.``. Cyrus logs to syslog: a
small datagram listener on /dev/log (when no syslog daemon owns it) keeps the lines, see
``log_text()``.
"""

from __future__ import annotations

import os
import shutil
import pwd
import socket
import subprocess
import threading
import time
from pathlib import Path

from dovecot import USERS, LoopbackServer, wait_greeting

REPO = Path(__file__).resolve().parents[2]
SPECIAL = {"Trash": "\\Trash", "Sent": "\\Sent", "Drafts": "\\Drafts", "Junk": "\\Junk"}
ADMIN, ADMIN_PW = "cyrus", "admin-secret"
MASTER = "/usr/lib/cyrus/bin/master"


def cyrus_root() -> Path:
    """Where the unpacked cyrus-imapd package lives (its usr/lib/cyrus/bin/imapd)."""
    for cand in (os.environ.get("CYRUS_ROOT"), REPO / ".venv" / "cyrus", "/"):
        if cand and (Path(cand) / "usr/lib/cyrus/bin/imapd").exists():
            return Path(cand)
    raise RuntimeError("Cyrus imapd not found: run `bash scripts/setup.sh --test` (it unpacks cyrus-imapd "
                       "into .venv/cyrus) or set CYRUS_ROOT")


class _Syslog:
    """Datagrams sent to /dev/log, kept per syslog_prefix (one listener per process)."""

    lock = threading.Lock()
    sock = None
    lines: list[bytes] = []

    @classmethod
    def ensure(cls) -> None:
        with cls.lock:
            if cls.sock is not None:
                return
            path = "/dev/log"
            if os.path.exists(path):
                probe = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
                try:
                    probe.connect(path)
                    return  # a real syslog (or another test process) owns it
                except OSError:
                    try:
                        os.unlink(path)  # stale socket left by a finished process
                    except OSError:
                        return
                finally:
                    probe.close()
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            try:
                s.bind(path)
                os.chmod(path, 0o666)
            except OSError:
                s.close()
                return
            cls.sock = s
            threading.Thread(target=cls._read, daemon=True).start()

    @classmethod
    def _read(cls) -> None:
        while True:
            try:
                data = cls.sock.recv(65536)
            except OSError:
                return
            cls.lines.append(data)


class Cyrus(LoopbackServer):
    kind = "cyrus"
    sep = "."
    prefix = "cd-cyrus-"

    def __init__(self, suppress: str = "", extra_conf: str = "") -> None:
        super().__init__()
        self.suppress = suppress
        self.extra_conf = extra_conf
        self.syslog_prefix = f"cd-cyrus-{self.port}"
        self.bin = cyrus_root() / "usr/lib/cyrus/bin"

    # folder names as this server spells them
    def f(self, name: str) -> str:
        """The server name of the user's own folder ``name`` ("Archive" -> "INBOX.Archive")."""
        return name if name.upper() == "INBOX" else "INBOX." + name.replace("/", self.sep)

    def is_personal(self, name: str) -> bool:
        return name.upper() == "INBOX" or name.startswith("INBOX.")

    def log_text(self) -> str:
        tag = self.syslog_prefix.encode()
        return "\n".join(x.decode("utf-8", "replace") for x in list(_Syslog.lines) if tag in x)

    def _user(self) -> str:
        return "cyrus" if os.geteuid() == 0 else pwd.getpwuid(os.getuid()).pw_name

    def _imapd_conf(self) -> str:
        r = self.root
        lines = {
            "configdirectory": r / "config", "partition-default": r / "spool",
            "defaultpartition": "default", "proc_path": r / "proc", "mboxname_lockpath": r / "lock",
            "lmtpsocket": r / "socket/lmtp", "idlesocket": r / "socket/idle",
            "notifysocket": r / "socket/notify", "serverpath": self.bin, "servername": "localhost",
            "cyrus_user": self._user(), "admins": ADMIN, "allowplaintext": "yes",
            "sasl_pwcheck_method": "auxprop", "sasl_auxprop_plugin": "sasldb",
            "sasl_sasldb_path": r / "sasldb2", "sasl_mech_list": "PLAIN LOGIN",
            "altnamespace": "no", "unixhierarchysep": "no", "specialusealways": "yes",
            "delete_mode": "immediate", "expunge_mode": "immediate", "syslog_prefix": self.syslog_prefix,
            "tls_server_cert": self.cert, "tls_server_key": self.key, "tls_versions": "tls1_2 tls1_3",
            "statuscache": "no", "duplicatesuppression": "no", "umask": "077",
            "failedloginpause": "0",  # else each wrong password waits 3 s
        }
        if self.suppress:
            lines["suppress_capabilities"] = self.suppress
        return "".join(f"{k}: {v}\n" for k, v in lines.items()) + self.extra_conf

    def _cyrus_conf(self, conf: Path) -> str:
        return (
            "START {\n"
            f'  recover cmd="{MASTER.rsplit("/", 1)[0]}/ctl_cyrusdb -C {conf} -r"\n'
            "}\nSERVICES {\n"
            f'  imap cmd="{self.bin}/imapd -C {conf}" listen="127.0.0.1:{self.port}" prefork=0\n'
            f'  imaps cmd="{self.bin}/imapd -s -C {conf}" listen="127.0.0.1:{self.ssl_port}" prefork=0\n'
            "}\nEVENTS {\n}\n"
        )

    def start(self) -> "Cyrus":
        r = self.root
        os.chmod(r, 0o755)
        for d in ("config", "spool", "proc", "lock", "socket", "config/db", "config/socket"):
            (r / d).mkdir(parents=True, exist_ok=True)
        self.make_cert()
        if os.geteuid() == 0:
            # imapd runs as the cyrus user, who may not reach the checkout (a 0700 clone or home
            # folder): serve the binaries from this server's own traversable folder.
            staged = r / "bin"
            if not staged.exists():
                shutil.copytree(self.bin, staged, symlinks=True)
                for p in [staged, *staged.rglob("*")]:
                    os.chmod(p, 0o755)
            self.bin = staged
        for user, pw in {**USERS, ADMIN: ADMIN_PW}.items():
            subprocess.run(["saslpasswd2", "-p", "-c", "-u", "localhost", "-f", str(r / "sasldb2"), user],
                           input=pw.encode(), check=True, capture_output=True)
        conf = r / "imapd.conf"
        conf.write_text(self._imapd_conf(), encoding="utf-8")
        (r / "cyrus.conf").write_text(self._cyrus_conf(conf), encoding="utf-8")
        if os.geteuid() == 0:
            pw = pwd.getpwnam("cyrus")
            for dirpath, _dirs, files in os.walk(r):
                os.chown(dirpath, pw.pw_uid, pw.pw_gid)
                for name in files:
                    os.chown(os.path.join(dirpath, name), pw.pw_uid, pw.pw_gid)
        _Syslog.ensure()
        env = dict(os.environ, CYRUS_USER=self._user())
        self.proc = subprocess.Popen(
            [MASTER, "-C", str(conf), "-M", str(r / "cyrus.conf"), "-D", "-p", str(r / "master.pid")],
            start_new_session=True, stdout=subprocess.DEVNULL, stderr=open(r / "master.err", "wb"), env=env)
        deadline = time.monotonic() + 20
        try:
            wait_greeting(self.port, False, deadline, self.proc)
            wait_greeting(self.ssl_port, True, deadline, self.proc)
            self._create_users()
        except Exception as exc:
            self.stop()
            err = (r / "master.err").read_text(errors="replace")
            raise RuntimeError(f"cyrus failed to start: {exc}\n{err[-1500:]}\n{self.log_text()[-1500:]}") from None
        return self

    def admin(self):
        from imapclient import IMAPClient

        c = IMAPClient("127.0.0.1", self.port, ssl=False)
        c.login(ADMIN, ADMIN_PW)
        return c

    def _create_users(self) -> None:
        c = self.admin()
        try:
            for user in USERS:
                c.create_folder(f"user.{user}")
                for name, use in SPECIAL.items():
                    c._imap._simple_command("CREATE", f'"user.{user}.{name}"', f"(USE ({use}))")
                c.set_quota([_Quota(f"user.{user}")])
        finally:
            c.logout()

class _Quota:
    """imapclient.set_quota wants objects with quota_root, resource, limit (KiB)."""

    def __init__(self, root: str, limit_kib: int = 100 * 1024) -> None:
        self.quota_root, self.resource, self.limit = root, "STORAGE", limit_kib

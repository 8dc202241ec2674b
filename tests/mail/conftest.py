"""Fixtures: real IMAP servers (one of each per test session), a fresh user mailbox per
test, a TCP proxy that can cut the connection after N bytes from the server.

Servers (session fixtures; same interface, see dovecot.py and cyrus.py):
  ``dovecot``          Dovecot with the quota plugin; folders "Archive", separator "/".
  ``cyrus``            Cyrus IMAP 3.6; folders "INBOX.Archive", separator "."; ACL, QUOTA,
                       CONDSTORE/QRESYNC, OBJECTID; other users' folders under "user.NAME.".
  ``cyrus_old``        Cyrus without MOVE and UIDPLUS (``suppress_capabilities: MOVE UIDPLUS``).
  ``dovecot_virtual``  Dovecot with a virtual "Virtual/All" (\\All, no Gmail extension) and a
                       public namespace "Team/" (writable by every user).
``server`` is one of them: ``dovecot`` unless the module sets ``SERVERS = ("dovecot",
"cyrus")`` or the test is marked ``@pytest.mark.servers("cyrus_old", ...)``; then the test
runs once per server. ``mailbox``, ``settings`` and ``proxy_factory`` follow ``server``;
``server.f("Archive")`` spells a folder for it. Traps on top of the seeded mailbox:
``cyrus_shared`` (a folder of user "other" that "test" may only read, holding a copy of a
message of the test mailbox) and ``team_folder`` (a Team/ folder on ``dovecot_virtual``
holding a copy). Example::

    @pytest.mark.servers("cyrus", "dovecot_virtual")
    def test_x(server, mailbox, settings, creds): ...
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
from imapclient import IMAPClient

sys.path.insert(0, str(Path(__file__).parent))

from cyrus import Cyrus  # noqa: E402
from dovecot import Dovecot  # noqa: E402
import messages  # noqa: E402

from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings  # noqa: E402


QUOTA_CONF = """mail_plugins = $mail_plugins quota
protocol imap {
  mail_plugins = $mail_plugins imap_quota
}
plugin {
  quota = count:User quota
  quota_rule = *:storage=100M
  quota_vsizes = yes
}
"""


def pytest_configure(config):
    config.addinivalue_line("markers", "servers(*names): run the test once per named IMAP server fixture")


def pytest_generate_tests(metafunc):
    if "server" not in metafunc.fixturenames:
        return
    marker = metafunc.definition.get_closest_marker("servers")
    names = marker.args if marker else getattr(metafunc.module, "SERVERS", None)
    if names:
        # A test that runs on several servers runs on the first one in the fast inner loop
        # (`pytest -m "not slow"`, README); the full suite runs it on all of them.
        params = [pytest.param(name, marks=[pytest.mark.slow] if n else []) for n, name in enumerate(names)]
        metafunc.parametrize("server", params, indirect=True)


@pytest.fixture(scope="session")
def dovecot():
    server = Dovecot(extra_conf=QUOTA_CONF).start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def cyrus():
    server = Cyrus().start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def cyrus_old():
    server = Cyrus(suppress="MOVE UIDPLUS").start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def dovecot_virtual():
    server = Dovecot(virtual_all=True, public=True).start()
    yield server
    server.cleanup()


@pytest.fixture
def server(request):
    return request.getfixturevalue(getattr(request, "param", "dovecot"))


@pytest.fixture
def mailbox(server):
    """The 'test' user's mailbox, emptied and seeded with messages.sample_mailbox()."""
    c = messages.reseed(server)
    yield c
    c.logout()


@pytest.fixture
def settings(server):
    return ImapSettings(host="127.0.0.1", user="test", port=server.port, security="insecure-plain",
                        timeout=10)


@pytest.fixture
def creds():
    return Credentials(password="secret")


SHARED_COPY = messages.plain("<dup-1@example.org>", "Duplicate me")  # same bytes as the test user's


@pytest.fixture
def cyrus_shared(cyrus, mailbox):
    """On ``cyrus`` (use with ``server`` = cyrus): user "other" owns ``user.other.Shared``,
    which "test" may only read (ACL "lr"); it holds a copy of the test mailbox's
    <dup-1@example.org> message and a message of its own. Yields the folder name as "test"
    sees it. Removed afterwards."""
    name = "user.other.Shared"
    admin = cyrus.admin()
    if admin.folder_exists(name):
        admin.delete_folder(name)
    admin.create_folder(name)
    admin.setacl(name, "cyrus", "lrswipkxtecda")
    admin.multiappend(name, [{"msg": SHARED_COPY, "flags": [b"\\Seen"]},
                             {"msg": messages.plain("<others-own@example.org>", "Other's own"), "flags": ()}])
    admin.setacl(name, "test", "lr")
    yield name
    admin.delete_folder(name)
    admin.logout()


@pytest.fixture
def team_folder(dovecot_virtual, mailbox):
    """On ``dovecot_virtual`` (use with ``server`` = dovecot_virtual): a public folder
    ``Team/Projects`` holding a copy of <dup-1@example.org> and a message of its own.
    Yields its name. Emptied and removed afterwards."""
    name = "Team/Projects"
    c = IMAPClient("127.0.0.1", dovecot_virtual.port, ssl=False)
    c.login("test", "secret")
    if c.folder_exists(name):
        c.delete_folder(name)
    c.create_folder(name)
    messages.seed(c, {name: [{"msg": SHARED_COPY}, {"msg": messages.plain("<team-own@example.org>", "Team's own")}]})
    yield name
    if c.folder_exists(name):
        c.delete_folder(name)
    c.logout()


def snapshot(client: IMAPClient) -> dict:
    """(folder, uid) -> (flags, size) for every message, read without changing anything."""
    out = {}
    for _f, _d, name in client.list_folders():
        client.select_folder(name, readonly=True)
        uids = client.search(["ALL"])
        if uids:
            for uid, d in client.fetch(uids, ["FLAGS", "RFC822.SIZE"]).items():
                flags = tuple(sorted(f for f in d[b"FLAGS"] if f != b"\\Recent"))  # session-only flag
                out[(name, uid)] = (flags, d[b"RFC822.SIZE"])
        client.unselect_folder()
    return out


def _close_both(*socks: socket.socket) -> None:
    for s in socks:
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        s.close()


class CuttingProxy:
    """Forwards 127.0.0.1:port -> target; after ``cut_after`` server bytes it drops the
    connection (both ways) once, then forwards normally again."""

    def __init__(self, target_port: int, cut_after: int | None = None, cut_on: bytes | None = None,
                 forward: bool = True) -> None:
        """``cut_on``: cut when the client sends a command containing these bytes, after
        forwarding it (the server acts, the client never hears back) or, with
        ``forward=False``, before (the server never sees it)."""
        self.target_port = target_port
        self.cut_after = cut_after
        self.cut_on = cut_on
        self.forward = forward
        self.cuts = 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self._stop = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            budget = self.cut_after if (self.cut_after is not None and self.cuts == 0) else None
            if budget is not None:
                self.cuts += 1
            threading.Thread(target=self._upstream, args=(client, server), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, budget), daemon=True).start()

    def _upstream(self, src: socket.socket, dst: socket.socket) -> None:
        if self.cut_on is None:
            return self._pipe(src, dst, None)
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if self.cut_on in data and self.cuts == 0:
                    self.cuts += 1
                    if self.forward:
                        dst.sendall(data)
                        time.sleep(0.3)  # let the server finish the command
                    break
                dst.sendall(data)
        except OSError:
            pass
        _close_both(src, dst)

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket, budget: int | None) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if budget is not None and sent + len(data) > budget:
                    dst.sendall(data[: max(0, budget - sent)])
                    break
                dst.sendall(data)
                sent += len(data)
        except OSError:
            pass
        _close_both(src, dst)

    def close(self) -> None:
        self._stop = True
        self.sock.close()


@pytest.fixture
def proxy_factory(server):
    made = []

    def make(cut_after=None, cut_on=None, forward=True):
        p = CuttingProxy(server.port, cut_after, cut_on, forward)
        made.append(p)
        return p

    yield make
    for p in made:
        p.close()


@pytest.fixture
def file_keyring(tmp_path, monkeypatch):
    """The test keyring backend (file_keyring.FileKeyring) for this test and its CLI
    subprocesses (CD_TEST_KEYRING_FILE); yields the file."""
    import keyring
    from file_keyring import FileKeyring

    monkeypatch.setenv("CD_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    old = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    yield tmp_path / "keyring.json"
    keyring.set_keyring(old)

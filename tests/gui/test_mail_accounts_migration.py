"""First start after the upgrade, through the real window: the Exchange and Microsoft 365
accounts the earlier version kept in the GUI settings (gui.ini) and the IMAP accounts file
format 1 are handed to the core's accounts file once; the Exchange password saved by the
earlier version is still found (its keyring entry is unchanged); a removed account stays
removed on the next start."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import keyring
import pytest

from tests.gui.helpers import make_window

sys.path.insert(0, str(Path(__file__).parent.parent / "mail"))

from ews_server import EwsServer  # noqa: E402
from exchange_helpers import loaded_store  # noqa: E402
from file_keyring import FileKeyring  # noqa: E402

pytestmark = pytest.mark.timeout(180)


def test_old_gui_and_imap_accounts_migrate_once_through_the_window(qtbot, tmp_path, monkeypatch):
    from cleanup_desktop.core.mail import accounts
    from cleanup_desktop.gui.engine import mail as door
    from cleanup_desktop.gui.settings import open_settings

    monkeypatch.setenv("CD_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    server = EwsServer(loaded_store()).start()
    try:
        ews = {"kind": "ews", "host": "127.0.0.1", "port": int(server.url.split(":")[2].split("/")[0]),
               "user": "test@example.org", "security": "http", "email": "test@example.org", "auth": "basic",
               "url": server.url}
        graph = {"kind": "graph", "host": "graph.microsoft.com", "port": 443, "user": "anna@contoso.com",
                 "security": "https", "tenant": "contoso", "client_id": "app-id"}
        old = json.dumps([{"name": "Exchange", "account": ews}, {"name": "Office", "account": graph}])
        settings = open_settings()  # exactly as the earlier version wrote them
        settings.setValue("mail/remote_accounts", old)
        settings.sync()
        accounts.config_path().parent.mkdir(parents=True, exist_ok=True)
        accounts.config_path().write_text(json.dumps({"version": 1, "accounts": [
            {"name": "Home", "host": "mail.example.org", "user": "me", "port": None, "security": "ssl",
             "auth": "password", "folders": []}]}))
        keyring.set_password("cleanup-desktop-mail", f"test@example.org@127.0.0.1:{ews['port']}", "secret")

        window = make_window(qtbot)
        box = window.page("targets").mail_box
        labels = [box.list.item(i).text() for i in range(box.list.count())]
        assert [a.name for a in box.checked_accounts()] == ["Home", "Exchange", "Office"], labels
        assert labels[2] == "Office — anna@contoso.com @ Microsoft 365"
        assert open_settings().value("mail/remote_accounts") is None  # handed over...
        assert open_settings().value("mail/remote_accounts_migrated") == old  # ...and kept as a backup
        kinds = {a.name: a.kind for a in accounts.load_accounts()}
        assert kinds == {"Home": "imap", "Exchange": "ews", "Office": "graph"}

        box.list.setCurrentRow(1)  # the Exchange account signs in with the password saved before
        box.test_account()
        qtbot.waitUntil(lambda: "Connection works" in box.status.text(), timeout=30_000)

        box.list.setCurrentRow(2)
        box.remove_account()
        door._migrated.clear()  # as on the next start
        settings = open_settings()
        settings.setValue("mail/remote_accounts", old)  # even if an old copy of the app wrote it again
        settings.sync()
        box.refresh()
        assert [a.name for a in box.checked_accounts()] == ["Home", "Exchange"]
    finally:
        server.stop()
        keyring.set_keyring(previous)


def test_a_damaged_accounts_file_is_shown_and_the_good_accounts_stay(qtbot):
    from cleanup_desktop.core.mail import accounts

    path = accounts.config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": 2, "accounts": [
        {"name": "Broken", "kind": "ews", "id": "b1", "user": 12},
        {"name": "Fine", "kind": "imap", "id": "f1", "host": "mail.example.org", "user": "u"}]}))
    window = make_window(qtbot)
    box = window.page("targets").mail_box
    assert [a.name for a in box.checked_accounts()] == ["Fine"]
    assert "'Broken'" in box.status.text() and "set aside" in box.status.text()
    path.write_text("{oops")
    box.refresh()
    assert str(path) in box.status.text() and box.list.count() == 0
    assert path.read_text() == "{oops"

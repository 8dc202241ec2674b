"""Mail through the window, against a real Dovecot: add the account (password to the
keyring), scan it, tick an old bulky mail, clean to the server's Trash, see it in the bilan."""

from __future__ import annotations

import sys
from pathlib import Path

import keyring
import pytest
from imapclient import IMAPClient
from PySide6.QtCore import Qt

from tests.gui.helpers import make_window

sys.path.insert(0, str(Path(__file__).parent.parent / "mail"))

from dovecot import Dovecot  # noqa: E402
from file_keyring import FileKeyring  # noqa: E402
import messages  # noqa: E402

pytestmark = pytest.mark.timeout(180)


@pytest.fixture
def server(tmp_path, monkeypatch):
    monkeypatch.setenv("CD_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    dovecot = Dovecot().start()
    client = IMAPClient("127.0.0.1", dovecot.port, ssl=False)
    client.login("test", "secret")
    messages.seed(client, messages.sample_mailbox())
    yield dovecot, client
    client.logout()
    dovecot.cleanup()
    keyring.set_keyring(previous)


def test_mail_account_scan_tick_clean_to_trash(qtbot, server):
    from cleanup_desktop.core.bilan import compute_bilan
    from cleanup_desktop.gui import format as fmt

    dovecot, client = server
    window = make_window(qtbot)
    targets = window.page("targets")
    box = targets.mail_box
    assert box.add_button.isEnabled()
    assert box.save({"name": "Work", "host": "127.0.0.1", "port": dovecot.port, "user": "test",
                     "security": "insecure-plain", "auth": "password"}, "secret")
    assert box.list.count() == 1 and box.checked_accounts()[0].name == "Work"
    assert "secret" not in Path(__import__("cleanup_desktop.core.mail.accounts", fromlist=["x"]).config_path()).read_text()
    box.test_account()
    qtbot.waitUntil(lambda: "Connection works" in box.status.text(), timeout=30_000)

    targets.set_checked_roots([])  # mail only
    targets.temp_box.setChecked(False)
    qtbot.mouseClick(targets.primary, Qt.MouseButton.LeftButton)
    session = window.session
    qtbot.waitUntil(lambda: bool(session.mail_scans), timeout=60_000)
    scan = session.mail_scans[0]
    assert scan["old"], "the sample mailbox has an old bulky mail"

    review = window.page("review")
    window.show_page("review")
    attachments = review.views["mail0-attachments"].model
    assert attachments.rowCount() >= 1
    assert "résumé été.pdf" in [attachments.data(attachments.index(r, 0)) for r in range(attachments.rowCount())]
    large_view = review.views["mail0-mail-old"]
    model = large_view.model
    big = scan["old"][0]  # the list shows the biggest first: find the scan's first old mail
    idx = model.index(next(r for r, m in enumerate(model.rows) if m is big), 0)
    assert model.setData(idx, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    review.update_total()
    wasted = sum(d["wasted"] for d in scan["duplicates"])
    expected = sum(len(d["copies"]) - 1 for d in scan["duplicates"]) + 1
    assert f"Selected: {expected} items" in review.total_label.text()
    assert fmt.size(big["size"] + wasted) in review.total_label.text()
    # A bulky sender ticks all their mails at once, and unticks them again.
    senders = review.views["mail0-senders"].model
    # A sender none of whose mails is ticked already (the old mail, the duplicates' copies).
    taken = {(big["folder"], big["uid"])} | {(c["folder"], c["uid"]) for d in scan["duplicates"] for c in d["copies"]}
    row, sender = next((r, s) for r, s in enumerate(senders.rows)
                       if not taken & {(i["folder"], i["uid"]) for i in s["items"]})
    assert senders.setData(senders.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    review.update_total()
    assert f"Selected: {expected + len(sender['items'])} items" in review.total_label.text()
    assert senders.setData(senders.index(row, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    review.update_total()
    assert f"Selected: {expected} items" in review.total_label.text()

    qtbot.mouseClick(review.primary, Qt.MouseButton.LeftButton)
    clean = window.page("clean")
    qtbot.waitUntil(lambda: clean.plan is not None, timeout=30_000)
    assert "moved to the trash" in clean.what.text()
    qtbot.mouseClick(clean.primary, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: clean.report is not None, timeout=60_000)
    assert len(clean.report.by_status("done")) == expected, [o.reason for o in clean.report.outcomes]

    client.select_folder("Trash", readonly=True)
    assert len(client.search(["ALL"])) == expected
    client.select_folder(big["folder"], readonly=True)
    assert big["uid"] not in client.search(["ALL"])

    bilan = compute_bilan()
    window.show_page("bilan")
    page = window.page("bilan")
    qtbot.waitUntil(lambda: page.bilan is not None and not page.refreshing, timeout=30_000)
    assert bilan.in_trash_bytes > 0
    assert page.card_trash.value_label.text() == fmt.size(bilan.in_trash_bytes)


@pytest.mark.slow  # the IMAP flow through the window stays fast (README: fast inner loop)
def test_exchange_account_through_the_dialog_scan_and_clean(qtbot, tmp_path, monkeypatch):
    """An Exchange (EWS) account typed into the real dialog, against the EWS replay server."""
    from cleanup_desktop.gui.dialogs.mail_account import MailAccountDialog

    from ews_server import EwsServer  # noqa: E402  (tests/mail on sys.path above)
    from exchange_helpers import loaded_store

    monkeypatch.setenv("CD_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    server = EwsServer(loaded_store()).start()
    try:
        window = make_window(qtbot)
        targets = window.page("targets")
        dialog = MailAccountDialog(window)
        dialog.kind.setCurrentIndex(dialog.kind.findData("ews"))
        assert dialog._form.isRowVisible(dialog.url) and not dialog._form.isRowVisible(dialog.host)
        dialog.name.setText("Exchange")
        dialog.user.setText("test@example.org")
        dialog.url.setText(server.url)
        dialog.ews_auth.setCurrentIndex(dialog.ews_auth.findData("basic"))
        dialog.password.setText("secret")
        assert targets.mail_box.save(dialog.fields(), dialog.secret())
        box = targets.mail_box
        assert [a.name for a in box.checked_accounts()] == ["Exchange"]
        box.test_account()
        qtbot.waitUntil(lambda: "Connection works" in box.status.text(), timeout=30_000)
        targets.set_checked_roots([])
        targets.temp_box.setChecked(False)
        targets.on_primary()
        qtbot.waitUntil(lambda: bool(window.session.mail_scans), timeout=60_000)
        scan = window.session.mail_scans[0]
        assert scan["connection"]["kind"] == "ews" and scan["stats"]["messages"] == 21
        assert scan["duplicates"], "the replay store holds duplicate mails"
        review = window.page("review")
        assert "mail0-duplicates" in review.views
        review.on_primary()
        clean = window.page("clean")
        qtbot.waitUntil(lambda: clean.plan is not None, timeout=30_000)
        clean.on_primary()
        qtbot.waitUntil(lambda: clean.report is not None, timeout=60_000)
        wasted = sum(len(d["copies"]) - 1 for d in scan["duplicates"])
        assert len(clean.report.by_status("done")) == wasted, [o.reason for o in clean.report.outcomes]
    finally:
        server.stop()
        keyring.set_keyring(previous)


def test_microsoft_365_form_offers_national_clouds_and_a_company_ca(qtbot, tmp_path):
    """The Graph account form: sign-in service, Graph address and company CA, as the CLI's
    --authority, --graph-endpoint and --cafile; they reach the Graph settings the scan uses."""
    from cleanup_desktop.core.mail.sources.graph import GraphSettings
    from cleanup_desktop.gui.dialogs.mail_account import MailAccountDialog

    pem = tmp_path / "company-ca.pem"
    pem.write_text("-----BEGIN CERTIFICATE-----\n")
    window = make_window(qtbot)
    dialog = MailAccountDialog(window)
    dialog.kind.setCurrentIndex(dialog.kind.findData("imap"))
    assert not dialog._form.isRowVisible(dialog.authority) and not dialog._form.isRowVisible(dialog.cafile)
    dialog.kind.setCurrentIndex(dialog.kind.findData("graph"))
    assert all(dialog._form.isRowVisible(w) for w in (dialog.authority, dialog.endpoint, dialog.cafile))
    dialog.user.setText("anna@contoso.onmicrosoft.us")
    dialog.client_id.setText("app-id")
    dialog.tenant.setText("contoso.onmicrosoft.us")
    dialog.authority.setText("https://login.microsoftonline.us/contoso.onmicrosoft.us")
    dialog.endpoint.setText("https://graph.microsoft.us/v1.0")
    dialog.cafile.setText(str(pem))
    fields = dialog.fields()
    settings = GraphSettings.from_account(fields)
    settings.validate()
    assert (settings.authority, settings.endpoint, settings.cafile) == (
        "https://login.microsoftonline.us/contoso.onmicrosoft.us", "https://graph.microsoft.us/v1.0", str(pem))
    assert settings.describe()["authority"] == fields["authority"]
    dialog.kind.setCurrentIndex(dialog.kind.findData("ews"))
    assert dialog.fields()["cafile"] == str(pem)

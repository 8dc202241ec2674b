"""Mail reasons are codes plus params (issue 13 item 4), against the real Dovecot server: the
English sentence stays as it was, the French comes from the core table, JSON carries the code."""

from __future__ import annotations

import json

import pytest

from cleanup_desktop.core.mail.errors import AuthError
from cleanup_desktop.core.mail.scan import scan_mailbox
from cleanup_desktop.core.mail.sources.imap import Credentials
from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
from cleanup_desktop.core.messages import Reason


def test_a_wrong_password_is_a_code_worded_in_both_languages(mailbox, settings):
    with pytest.raises(AuthError) as info:
        scan_mailbox(ImapSource(settings, Credentials(password="bad")))
    reason = info.value.message
    assert reason.code == "mail.wrong-password" and str(info.value).startswith(
        "Sign-in to 127.0.0.1:")
    assert "wrong user name or password. Server said:" in str(info.value)
    assert "nom d’utilisateur ou mot de passe incorrect" in reason.word("fr")


def test_a_folder_deleted_during_the_scan_is_reported_with_a_code(mailbox, server, settings, creds):
    from imapclient import IMAPClient

    done = []

    def progress(ev):
        if ev.phase == "mail-folders" and not done:
            other = IMAPClient("127.0.0.1", server.port, ssl=False)
            other.login("test", "secret")
            other.delete_folder(server.f("Été 2026"))
            other.logout()
            done.append(True)

    r = json.loads(json.dumps(scan_mailbox(ImapSource(settings, creds), progress=progress)))
    err = r["errors"][0]
    assert err["folder"] == server.f("Été 2026") and err["error"]
    again = Reason.from_json(err)
    assert again is not None and str(again) == err["error"]
    assert err["code"] in ("mail.other", "os-error") and again.word("fr")

"""Mail reasons are codes plus params (issue 13 item 4), against the real Dovecot server: the
English sentence stays as it was, the French comes from the core table (the JSON side: test_imap_scan)."""

from __future__ import annotations

import pytest

from cleanup_desktop.core.mail.errors import AuthError
from cleanup_desktop.core.mail.scan import scan_mailbox
from cleanup_desktop.core.mail.sources.imap import Credentials
from cleanup_desktop.core.mail.sources.imap_scan import ImapSource


def test_a_wrong_password_is_a_code_worded_in_both_languages(mailbox, settings):
    with pytest.raises(AuthError) as info:
        scan_mailbox(ImapSource(settings, Credentials(password="bad")))
    reason = info.value.message
    assert reason.code == "mail.wrong-password" and str(info.value).startswith(
        "Sign-in to 127.0.0.1:")
    assert "wrong user name or password. Server said:" in str(info.value)
    assert "nom d’utilisateur ou mot de passe incorrect" in reason.word("fr")

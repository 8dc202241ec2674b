"""Opening a saved mail account's MailSource for the GUI (scan, test, one-click unsubscribe).
Its own module so that engine.mail and engine.unsubscribe share it without importing each other."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def open_source(account):
    """The core's MailSource of a saved core.mail.accounts.Account (password from the keyring,
    or a sign-in); MailError with a clear, translated sentence when no password is saved."""
    from cleanup_desktop.core.mail.backends import source_for
    from cleanup_desktop.core.mail.credentials import NoSecret
    from cleanup_desktop.core.mail.errors import MailError

    try:
        return source_for(account, interactive=True, notify=lambda _text: None)
    except NoSecret:
        text = QCoreApplication.translate("MailAccounts", "No password saved for {0}: edit the account and type it.")
        raise MailError(text.format(account.user), "auth") from None

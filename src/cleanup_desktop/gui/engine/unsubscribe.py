"""Unsubscribing from a bulky sender: thin calls into core.mail.unsubscribe (run in a worker)."""

from __future__ import annotations

_ACCOUNTS: dict[int, object] = {}  # id(mail scan result) -> the account it was scanned from


def remember(result: dict, account) -> dict:
    """Note which account a mail scan came from (the one-click check reads one message back)."""
    _ACCOUNTS[id(result)] = account
    return result


def account_of(result: dict):
    return _ACCOUNTS.get(id(result))


def one_click(result: dict, sender: dict, progress=None, cancel=None) -> int:
    """Read the sender's newest message back, check its DKIM signature, send the RFC 8058 POST."""
    from cleanup_desktop.core.mail.unsubscribe import UnsubscribeError, one_click_unsubscribe
    from cleanup_desktop.gui.engine.mail_source import open_source

    account = account_of(result)
    if account is None:
        raise UnsubscribeError("this mailbox is no longer connected: scan it again")
    source = open_source(account)
    source.connect()
    try:
        return one_click_unsubscribe(source, sender)
    finally:
        source.close()


def older_items(sender: dict, months: int) -> list[dict]:
    from cleanup_desktop.core.mail.unsubscribe import older_items as older

    return older(sender, months)

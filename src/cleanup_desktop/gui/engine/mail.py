"""Mail accounts, mail scans and the mail selection: thin calls into core.mail."""

from __future__ import annotations

from cleanup_desktop.gui.engine.parts import available


def mail_accounts() -> list:
    """Saved mail accounts (core.mail.accounts.Account); passwords stay in the keyring."""
    if not available("mail"):
        return []
    from cleanup_desktop.core.mail import accounts

    return accounts.load_accounts()


def mail_account_label(account) -> str:
    return f"{account.name} — {account.user} @ {account.host}"


def save_mail_account(fields: dict, password: str = "") -> None:
    from cleanup_desktop.core.mail import accounts

    account = accounts.Account(**fields)
    account.validate()
    accounts.upsert(account)
    if password:
        accounts.set_password(account.describe(), password)


def remove_mail_account(name: str) -> None:
    from cleanup_desktop.core.mail import accounts

    accounts.remove(name)


def _oauth(account):
    from cleanup_desktop.core.mail import oauth

    return oauth.OAuthSettings(provider=account.auth.split("-", 1)[1], client_id=account.client_id,
                               tenant=account.tenant or "organizations")


def _source(account):
    """An IMAP source for the account: password from the keyring, or an OAuth sign-in."""
    from cleanup_desktop.core.mail import accounts, oauth
    from cleanup_desktop.core.mail.errors import MailError
    from cleanup_desktop.core.mail.imap import Credentials
    from cleanup_desktop.core.mail.imap_scan import ImapSource

    extra: dict = {}
    if account.auth == "password":
        password = accounts.get_password(account.describe())
        if not password:
            raise MailError(f"No password saved for {account.user}: edit the account and type it.", "auth")
        creds = Credentials(password=password)
    else:
        settings = _oauth(account)
        creds = Credentials(token_provider=lambda: oauth.access_token(settings, account.user, interactive=True,
                                                                      notify=lambda _t: None))
        extra["oauth"] = {"provider": settings.provider, "client_id": settings.client_id, "tenant": settings.tenant}
    return ImapSource(account.settings(), creds), extra


def test_mail_account(account, progress=None, cancel=None) -> int:
    """Connect and list the folders; returns how many (raises MailError with a clear message)."""
    source, _extra = _source(account)
    source.connect()
    try:
        return len(source.list_folders())
    finally:
        source.close()


def scan_mail(account, progress=None, cancel=None) -> dict:
    """The mail-scan/1 result of one account (read-only)."""
    from cleanup_desktop.core.mail.scan import scan_mailbox

    source, extra = _source(account)
    return scan_mailbox(source, account.folders or None, progress=progress, cancel=cancel, connection=extra)


class MailChooser:
    """What the user ticked in one mail scan: the planner's own inputs (``duplicates`` and
    ``selected``, see core.mail.wiring); the planner decides which copy of a duplicate stays."""

    def __init__(self, scan: dict) -> None:
        self.scan = scan
        self.duplicates = True  # remove the extra copies of duplicate mails (one always kept)
        self.selected: dict[tuple, str] = {}  # (folder, uid) -> category

    def is_selected(self, category: str, item: dict) -> bool:
        return (item["folder"], item["uid"]) in self.selected

    def blocked(self, category: str, item: dict):
        return None

    def set_selected(self, category: str, item: dict, on: bool) -> bool:
        key = (item["folder"], item["uid"])
        if on:
            self.selected[key] = category
        else:
            self.selected.pop(key, None)
        return True

    def totals(self) -> tuple[int, int]:
        sizes = {(i["folder"], i["uid"]): i["size"] for c in ("large_messages", "old") for i in self.scan.get(c, [])}
        count = len(self.selected)
        size = sum(sizes.get(k, 0) for k in self.selected)
        if self.duplicates:
            for d in self.scan.get("duplicates", []):
                count += len(d["copies"]) - 1
                size += d["wasted"]
        return count, size

    def plan(self, permanent: bool) -> dict:
        import cleanup_desktop.core.mail.wiring  # noqa: F401  (registers the mail planner)
        from cleanup_desktop.core.plan import build_plan

        selected = [{"folder": f, "uid": u, "category": c} for (f, u), c in self.selected.items()]
        return build_plan(self.scan, duplicates=self.duplicates, selected=selected,
                          op="delete" if permanent else "trash")

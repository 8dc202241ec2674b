"""Mail accounts, mail scans and the mail selection: thin calls into core.mail."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from cleanup_desktop.gui.engine.parts import available, module
from cleanup_desktop.gui.settings import open_settings


@dataclass
class RemoteAccount:
    """An Exchange (EWS) or Microsoft 365 (Graph) account: the engine's account dict (what
    core.mail.backends.source_for takes, no secret) and a display name. IMAP accounts are
    core.mail.accounts.Account objects, saved by the engine."""

    name: str
    account: dict = field(default_factory=dict)
    folders: list = field(default_factory=list)

    @property
    def user(self) -> str:
        return self.account.get("email") or self.account.get("user", "")

    @property
    def host(self) -> str:
        return self.account.get("host") or ("Microsoft 365" if self.account.get("kind") == "graph" else "")


def _remote_accounts() -> list[RemoteAccount]:
    try:
        rows = json.loads(str(open_settings().value("mail/remote_accounts") or "[]"))
    except ValueError:
        return []  # a hand-damaged value: as if none were saved
    return [RemoteAccount(r["name"], dict(r["account"])) for r in rows if isinstance(r, dict) and "account" in r]


def _save_remote(accounts: list[RemoteAccount]) -> None:
    s = open_settings()
    s.setValue("mail/remote_accounts", json.dumps([{"name": a.name, "account": a.account} for a in accounts]))
    s.sync()


def mail_accounts() -> list:
    """Saved mail accounts: the engine's IMAP accounts, then Exchange / Microsoft 365 ones.
    Passwords stay in the keyring."""
    if not available("mail"):
        return []
    from cleanup_desktop.core.mail import accounts

    out: list = list(accounts.load_accounts())
    if module("cleanup_desktop.core.mail.backends") is not None:
        out += _remote_accounts()
    return out


def mail_account_label(account) -> str:
    return f"{account.name} — {account.user} @ {account.host}"


def remote_kinds_available() -> bool:
    return module("cleanup_desktop.core.mail.backends") is not None


def save_mail_account(fields: dict, password: str = "") -> None:
    """``fields``: core.mail.accounts.Account fields (IMAP), or {"kind": "ews"|"graph", "name", ...}."""
    from cleanup_desktop.core.mail import accounts

    kind = fields.get("kind")
    if kind in ("ews", "graph"):
        _save_remote_account(dict(fields), password)
        return
    account = accounts.Account(**fields)
    account.validate()
    accounts.upsert(account)
    if password:
        accounts.set_password(account.describe(), password)


def _save_remote_account(fields: dict, password: str) -> None:
    from cleanup_desktop.core.mail import accounts
    from cleanup_desktop.core.mail.errors import MailError

    name = fields.pop("name", "") or fields.get("user", "")
    if not fields.get("user"):
        raise MailError(QCoreApplication.translate("MailAccounts", "An account needs a user name."), "args")
    if fields["kind"] == "ews":
        from cleanup_desktop.core.mail.sources.ews import EwsSettings

        described = EwsSettings.from_account(fields).describe()  # validates the URL, adds host/port
    else:
        if not fields.get("client_id"):
            raise MailError(QCoreApplication.translate("MailAccounts", "Microsoft 365 needs the application (client) id from your organisation."), "args")
        described = {k: v for k, v in fields.items() if v}
    rows = [a for a in _remote_accounts() if a.name != name]
    rows.append(RemoteAccount(name, described))
    _save_remote(rows)
    if password and fields["kind"] == "ews":
        accounts.set_password(described, password)


def remove_mail_account(account) -> None:
    from cleanup_desktop.core.mail import accounts

    if isinstance(account, RemoteAccount):
        _save_remote([a for a in _remote_accounts() if a.name != account.name])
        if account.account.get("kind") == "ews":
            accounts.delete_password(account.account)
        return
    accounts.remove(account.name)


def _oauth(account):
    from cleanup_desktop.core.mail.sources import oauth

    return oauth.OAuthSettings(provider=account.auth.split("-", 1)[1], client_id=account.client_id,
                               tenant=account.tenant or "organizations")


def _source(account):
    """A MailSource for the account: password from the keyring, or a sign-in."""
    if isinstance(account, RemoteAccount):
        from cleanup_desktop.core.mail.backends import source_for

        return source_for(account.account, interactive=True, notify=lambda _text: None), {}
    from cleanup_desktop.core.mail import accounts
    from cleanup_desktop.core.mail.sources import oauth
    from cleanup_desktop.core.mail.errors import MailError
    from cleanup_desktop.core.mail.sources.imap import Credentials
    from cleanup_desktop.core.mail.sources.imap_scan import ImapSource

    extra: dict = {}
    if account.auth == "password":
        password = accounts.get_password(account.describe())
        if not password:
            raise MailError(QCoreApplication.translate("MailAccounts", "No password saved for {0}: edit the account and type it.").format(account.user), "auth")
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

    from cleanup_desktop.gui.engine.unsubscribe import remember

    source, extra = _source(account)
    return remember(scan_mailbox(source, account.folders or None, progress=progress, cancel=cancel, connection=extra),
                    account)


class MailChooser:
    """What the user ticked in one mail scan: the planner's own inputs (``duplicates`` and
    ``selected``, see core.mail.ops); the planner decides which copy of a duplicate stays."""

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

    def senders(self) -> "SenderChooser":
        return SenderChooser(self)

    def totals(self) -> tuple[int, int]:
        sizes = {(i["folder"], i["uid"]): i["size"] for c in ("large_messages", "old") for i in self.scan.get(c, [])}
        for a in self.scan.get("attachments", []):  # ticking an attachment removes its whole mail
            sizes.setdefault((a["folder"], a["uid"]), a.get("message_size") or a["size"])
        for sender in self.scan.get("senders", []):
            for i in sender.get("items", []):
                sizes.setdefault((i["folder"], i["uid"]), i["size"])
        # A ticked mail that is also a copy of a duplicate group is counted with its group: the
        # planner removes at most all copies but one of a group, whatever is ticked.
        grouped = set()
        count = size = 0
        for d in self.scan.get("duplicates", []):
            keys = {(c["folder"], c["uid"]) for c in d["copies"]}
            grouped |= keys
            ticked = len(keys & self.selected.keys())
            removed = len(keys) - 1 if self.duplicates else min(ticked, len(keys) - 1)
            count += removed
            size += removed * d["size"]
        loose = [k for k in self.selected if k not in grouped]
        count += len(loose)
        size += sum(sizes.get(k, 0) for k in loose)
        return count, size

    def plan(self, permanent: bool) -> dict:
        from cleanup_desktop.core.run.plan import build_plan

        selected = [{"folder": f, "uid": u, "category": c} for (f, u), c in self.selected.items()]
        return build_plan(self.scan, duplicates=self.duplicates, selected=selected,
                          op="delete" if permanent else "trash")


class SenderChooser:
    """Ticks every mail of a bulky sender at once (rows are the scan's "senders" entries)."""

    def __init__(self, mail: MailChooser) -> None:
        self.mail = mail

    def is_selected(self, category: str, sender: dict) -> bool:
        items = sender.get("items", [])
        return bool(items) and all(self.mail.is_selected(category, i) for i in items)

    def blocked(self, category: str, sender: dict):
        return None

    def set_selected(self, category: str, sender: dict, on: bool) -> bool:
        for item in sender.get("items", []):
            self.mail.set_selected("mail-senders", item, on)
        return True

"""Mail accounts, mail scans and the mail selection: thin calls into core.mail."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cleanup_desktop.gui.engine.mail_source import open_source
from cleanup_desktop.gui.settings import open_settings


_migrated: set[str] = set()  # settings files already handed over in this run
OLD_REMOTE_KEY = "mail/remote_accounts"  # where versions before the core owned accounts kept EWS/Graph ones


def migrate_settings() -> list[str]:
    """Once per run: hand the Exchange / Microsoft 365 accounts earlier versions kept in the
    GUI settings to the core (core.mail.account_migration), then keep the old value only as a
    backup key. Returns the core's sentences about rows it had to set aside."""
    from cleanup_desktop.core.mail.account_migration import migrate

    settings = open_settings()
    if settings.fileName() in _migrated:
        return []
    raw = settings.value(OLD_REMOTE_KEY)
    report = migrate(gui_remote_accounts=None if raw is None else str(raw))  # raises on an unreadable file
    if raw is not None:  # every row is in the accounts file now (moved, or set aside there)
        settings.setValue(OLD_REMOTE_KEY + "_migrated", raw)
        settings.remove(OLD_REMOTE_KEY)
        settings.sync()
    _migrated.add(settings.fileName())
    return report.problems


def mail_accounts() -> list:
    """Saved mail accounts of every kind (core.mail.accounts.Account), in the order saved.
    Passwords stay in the keyring."""
    from cleanup_desktop.core.mail import accounts

    migrate_settings()
    return accounts.load_accounts()


def mail_account_problems() -> list[str]:
    """The core's sentences about saved accounts it set aside (a hand-edited or damaged file)."""
    from cleanup_desktop.core.mail import accounts

    migrate_settings()
    return accounts.read_store().problems


def mail_account_label(account) -> str:
    return f"{account.name} — {account.user} @ {account.place}"


def save_mail_account(fields: dict, password: str = "") -> None:
    """``fields``: the dialog's core.mail.accounts.Account fields, any kind; the password goes to the keyring."""
    from cleanup_desktop.core.mail import accounts
    from cleanup_desktop.core.mail.errors import MailError

    if fields.get("kind") in ("ews", "graph") and not fields.get("user"):
        raise MailError(QCoreApplication.translate("MailAccounts", "An account needs a user name."), "args")
    if fields.get("kind") == "graph" and not fields.get("client_id"):
        raise MailError(QCoreApplication.translate("MailAccounts", "Microsoft 365 needs the application (client) id from your organisation."), "args")
    accounts.add(fields, password)


def remove_mail_account(account) -> None:
    from cleanup_desktop.core.mail import accounts

    accounts.remove(account.id)


def test_mail_account(account, progress=None, cancel=None) -> int:
    """Connect and list the folders; returns how many (raises MailError with a clear message)."""
    from cleanup_desktop.core.mail.backends import count_folders

    return count_folders(open_source(account))


def scan_mail(account, progress=None, cancel=None) -> dict:
    """The mail-scan/1 result of one account (read-only)."""
    from cleanup_desktop.core.mail.scan import scan_mailbox

    from cleanup_desktop.gui.engine.unsubscribe import remember

    return remember(scan_mailbox(open_source(account), account.folders or None, progress=progress, cancel=cancel,
                                 connection=account.connection_fields()), account)


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

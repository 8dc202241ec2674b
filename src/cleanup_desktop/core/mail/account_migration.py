"""Moving the mail accounts saved by earlier versions into the one accounts file, once.

Earlier versions kept IMAP accounts in ``mail-accounts.json`` format 1 (no kind, no id) and
Exchange / Microsoft 365 accounts in the GUI's settings (gui.ini, key
``mail/remote_accounts``: a JSON list of {"name", "account": the engine's account dict}).

Why the GUI hands its entries over (rather than the core reading gui.ini): the core never
imports Qt, and QSettings' INI encoding of a value (quoting, escapes, @Variant) is Qt's own;
re-implementing it in the core would be a second reader of a format the core does not own.
So ``migrate(gui_remote_accounts=RAW)`` takes the raw settings value; the GUI calls it at start
and clears its key only once the core says the rows are in the accounts file.

Rules (tests/mail/test_accounts_store.py):
- Idempotent: migrated rows get an id derived from what they were (kind, name, user, server),
  so migrating twice adds nothing; the source is also recorded in the file ("migrated"), so an
  account the user removed afterwards never comes back.
- Nothing lost: a row that is not a valid account is kept, set aside in the file with a
  sentence (``Migration.problems``); a name already used gets " (2)", " (3)"...; the format-1
  file is copied to ``mail-accounts.v1.json`` before it is rewritten.
- Keyring entries keep working: the keyring user is "user@host:port" of ``describe()``, the
  same for a migrated account as for the entry the earlier version saved.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from cleanup_desktop.core.mail import accounts
from cleanup_desktop.core.mail.errors import MailError

GUI_SOURCE = "gui-settings:mail/remote_accounts"
REMOTE_FIELDS = ("user", "email", "url", "auth", "cafile", "tenant", "client_id", "authority", "endpoint")


@dataclass
class Migration:
    moved: list[str] = field(default_factory=list)  # names of the accounts moved in
    problems: list[str] = field(default_factory=list)


def _file_version(path: Path) -> Optional[int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("version", 1) if isinstance(data, dict) else None


def _free_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


def _remote_account(row: Any) -> accounts.Account:
    if not isinstance(row, dict) or not isinstance(row.get("account"), dict):
        raise MailError("not an account (expected {\"name\", \"account\"})", "config")
    d = row["account"]
    kind = d.get("kind")
    if kind not in ("ews", "graph"):
        raise MailError(f"unknown account type {kind!r}", "config")
    name = row.get("name") if isinstance(row.get("name"), str) and row.get("name") else d.get("user", "")
    values = {k: d.get(k) for k in REMOTE_FIELDS if d.get(k) is not None}
    if kind == "graph" and values.get("user") == "me":
        values["user"] = ""
    values.update(kind=kind, name=name,
                  id=accounts.stable_id(kind, name, d.get("user", ""), d.get("host", ""), d.get("tenant", "")))
    return accounts.account_from_row(values)


def migrate(gui_remote_accounts: Any = None, path: Optional[Path] = None) -> Migration:
    """Move earlier versions' accounts into the accounts file (see the module doc).

    ``gui_remote_accounts``: the raw value of the GUI settings key (JSON text or a list), or
    None. Raises MailError("config") only when the accounts file itself is unreadable (then
    nothing is written and the caller keeps its entries)."""
    path = path or accounts.config_path()
    report = Migration()
    store = accounts.read_store(path)  # raises on an unreadable file: nothing is written over it
    changed = False
    if path.exists() and _file_version(path) == 1:
        backup = path.with_name("mail-accounts.v1.json")
        if not backup.exists():
            shutil.copy2(path, backup)
        report.moved += [a.name for a in store.accounts]
        changed = True
    if gui_remote_accounts not in (None, "", []) and GUI_SOURCE not in store.migrated:
        rows = gui_remote_accounts
        if isinstance(rows, str):
            try:
                rows = json.loads(rows)
            except ValueError as exc:
                rows = [rows]  # kept whole, set aside below
                report.problems.append(f"The Exchange / Microsoft 365 accounts saved by the app could not be read "
                                       f"({exc}); they were kept in {path} under \"set_aside\".")
        if not isinstance(rows, list):
            rows = [rows]
        taken = {a.name for a in store.accounts}
        ids = {a.id for a in store.accounts}
        for row in rows:
            try:
                account = _remote_account(row)
            except MailError as exc:
                if not isinstance(row, str):
                    report.problems.append(f"A saved Exchange / Microsoft 365 account was set aside in {path}: {exc}.")
                store.set_aside.append(row)
                continue
            if account.id in ids:
                continue  # moved by an earlier, interrupted migration
            account.name = _free_name(account.name, taken)
            taken.add(account.name)
            ids.add(account.id)
            store.accounts.append(account)
            report.moved.append(account.name)
        store.migrated.append(GUI_SOURCE)
        changed = True
    if changed:
        accounts.write_store(store, path)
    return report

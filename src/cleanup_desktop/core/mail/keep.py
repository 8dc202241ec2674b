"""The keep rule for mail: which copy of a duplicate group stays, and which copies may go.

KEEP_RULE states it in one sentence (docs/mail-imap.md quotes it; tests check it as a
property over random mailboxes). Every backend (IMAP, EWS, Graph) names its folders'
special use the IMAP way (\\Trash, \\Junk, \\Drafts, \\All) so one rule serves them all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Iterable, Optional, Sequence

KEEP_RULE = (
    "The kept copy of a duplicate group is always a live copy (not flagged \\Deleted, not in a "
    "Trash, Junk or Drafts folder found by special use or by name, not in a virtual \\All folder "
    "other than Gmail's All Mail, and in a folder of the user's own mailbox), chosen by the "
    "user's --keep (folder:NAME, newest or oldest), else the INBOX copy, else the copy with the "
    "oldest INTERNALDATE; a group with no live copy is not planned, and a \\Flagged copy is never "
    "planned unless the user asks for it.")

NOT_KEEPER_USES = {"\\Trash": "trash", "\\Junk": "junk", "\\Drafts": "drafts"}
_NAMES = {
    "trash": ("trash", "deleted items", "deleted messages", "deleted", "corbeille", "éléments supprimés",
              "papierkorb", "papelera", "bin"),
    "junk": ("junk", "spam", "junk e-mail", "junk email", "bulk mail", "courrier indésirable",
             "indésirables", "pourriel", "unerwünscht"),
    "drafts": ("drafts", "draft", "brouillons"),
}
MAIL_CRITERIA = ("newest", "oldest")  # plus folder:NAME
FOLDER_PREFIX = "folder:"


class MailKeepError(ValueError):
    pass


def _leaf(name: str) -> str:
    for sep in ("/", "."):
        name = name.rsplit(sep, 1)[-1] if sep in name else name
    return name.strip().lower()


def folder_role(name: str, special_use: Optional[str] = None, gmail: bool = False,
                namespace: str = "personal") -> str:
    """"live", "trash", "junk", "drafts", "virtual" (\\All off Gmail) or "shared" (not the
    user's own namespace). Only "live" folders hold keepers."""
    if namespace != "personal":
        return "shared"
    if special_use in NOT_KEEPER_USES:
        return NOT_KEEPER_USES[special_use]
    if special_use == "\\All" and not gmail:
        return "virtual"
    leaf, full = _leaf(name), name.strip().lower()
    for role, names in _NAMES.items():
        if leaf in names or full in names or full in (f"[gmail]/{n}" for n in names):
            return role
    return "live"


def roles_of_scan(scan: dict) -> dict[str, str]:
    """Folder name -> role from a mail-scan/1 result (folders it does not list are unknown)."""
    gmail = bool(scan.get("gmail"))
    out = {}
    for f in scan.get("folders", []):
        role = f.get("role") or folder_role(f["name"], f.get("special_use"), gmail, f.get("namespace", "personal"))
        if f.get("special_use") in NOT_KEEPER_USES or (f.get("special_use") == "\\All" and not gmail):
            role = folder_role(f["name"], f.get("special_use"), gmail)  # a hand-edited role cannot lift these
        out[f["name"]] = role
    if scan.get("trash_folder"):
        out[scan["trash_folder"]] = "trash"
    return out


def is_live(copy: dict, roles: dict[str, str]) -> bool:
    return roles.get(copy.get("folder") or "") == "live" and "\\Deleted" not in (copy.get("flags") or ())


def is_flagged(copy: dict) -> bool:
    return "\\Flagged" in (copy.get("flags") or ())


def parse_keep(keep: Optional[Iterable[str]]) -> list[str]:
    """The user's --keep for mail: folder:NAME, newest, oldest (disk criteria are refused)."""
    out = []
    for k in keep or ():
        if k in MAIL_CRITERIA or (k.startswith(FOLDER_PREFIX) and len(k) > len(FOLDER_PREFIX)):
            out.append(k)
        else:
            raise MailKeepError(f"--keep {k!r} is a rule for files; for mail use folder:NAME, newest or oldest")
    return out


def _ts(copy: dict) -> float:
    d = copy.get("date")
    if not d:
        return float("inf")
    try:
        return datetime.fromisoformat(d).timestamp()
    except (TypeError, ValueError):
        return float("inf")


def _uid_key(uid) -> tuple:
    return (0, uid, "") if isinstance(uid, int) else (1, 0, str(uid))


def keeper_order(copy: dict, rule: Sequence[str] = ()) -> tuple:
    """Sort key among live copies: the user's criteria in order, then INBOX, then the oldest
    INTERNALDATE; ties go to a \\Flagged copy (it is never planned anyway), then folder and UID."""
    key: list = []
    for r in rule:
        if r.startswith(FOLDER_PREFIX):
            key.append(copy.get("folder") != r[len(FOLDER_PREFIX):])
        elif r == "newest":
            key.append(-_ts(copy) if _ts(copy) != float("inf") else float("inf"))
        elif r == "oldest":
            key.append(_ts(copy))
    key += [str(copy.get("folder", "")).upper() != "INBOX", _ts(copy), not is_flagged(copy),
            str(copy.get("folder", "")), _uid_key(copy.get("uid"))]
    return tuple(key)


def choose_keeper(copies: Sequence[dict], roles: dict[str, str], rule: Sequence[str] = (),
                  avoid: Iterable[tuple] = ()) -> Optional[dict]:
    """The copy to keep, or None when no copy is live (the group is then not planned).
    ``avoid``: (folder, uid) the user ticked for removal; kept only if every live copy is ticked."""
    live = sorted((c for c in copies if is_live(c, roles)), key=lambda c: keeper_order(c, rule))
    if not live:
        return None
    avoid = set(avoid)
    return next((c for c in live if (c["folder"], c["uid"]) not in avoid), live[0])


def removable(copy: dict, keeper: dict, roles: dict[str, str], flagged: bool = False,
              cleanable: Optional[dict[str, bool]] = None) -> Optional[str]:
    """None when ``copy`` may be planned for removal, else why not."""
    if copy is keeper:
        return "kept copy"
    if is_flagged(copy) and not flagged:
        return "flagged"
    role = roles.get(copy.get("folder") or "")
    if role is None:
        return "folder not in the scan"
    if role == "virtual":
        return "virtual folder (a view of other folders)"
    if cleanable is not None and not cleanable.get(copy["folder"], True):
        return "no right to delete in this folder"
    return None

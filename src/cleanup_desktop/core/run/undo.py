"""Undo and empty-trash of one run, driven by the journal: each item goes back to (or is
emptied by) the backend that moved it; nothing else in any trash is touched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from cleanup_desktop.core.disk.trash.fditems import (Handles, RestoreRefused, TrashError, describe_os_error,
                                                     empty_item, restore)
from cleanup_desktop.core.messages import Reason, reason_fields, reason_of

# ---- undo and empty-trash of one run, driven by the journal ---------------------------------

@dataclass
class TrashOutcome:
    action: dict
    status: str  # "restored" | "emptied" | "missing" | "unsupported" | "refused" | "failed"
    message: str = ""
    path: Optional[str] = None  # where it was restored
    freed: int = 0


def items_in_trash(run_id: str, journal) -> list[tuple[dict, dict]]:
    """(action, done result) of the run's items that this app moved to the trash and that are
    still recorded as there (not restored, emptied or found missing)."""
    recs = journal.run_records(run_id)
    if not recs:
        raise KeyError(f"no run {run_id} in the journal")
    intents: dict[str, dict] = {}
    items: dict[str, tuple[dict, dict]] = {}
    dry = any(r.get("event") == "run-start" and r.get("dry_run") for r in recs)
    for r in recs:
        ev, aid = r.get("event"), r.get("action_id")
        if ev == "intent":
            intents[r["action"]["id"]] = r["action"]
        elif ev == "done" and not dry and str((r.get("result") or {}).get("op", "")).endswith("trash"):
            items[aid] = (intents.get(aid, {"id": aid}), r["result"])
        elif ev in ("restored", "emptied", "trash-missing"):
            items.pop(aid, None)
    return list(items.values())


def _mail_items(run_id: str, journal, mode: str, actions: list[dict]) -> list[TrashOutcome]:
    """Mail the run moved to a mailbox's Trash: restored or emptied on the server by the
    mail backends (which journal each message themselves)."""
    from cleanup_desktop.core.mail import wiring

    fn = wiring.restore_mail_run if mode == "restore" else wiring.empty_mail_run
    report = fn(run_id, journal)
    out = []
    for action in actions:
        r = report.get(action["id"])
        if r is None:
            out.append(TrashOutcome(action, "unsupported", Reason("undo.mail-by-hand")))
            continue
        out.append(TrashOutcome(action, r.get("status", "failed"), r.get("message", ""),
                                path=r.get("folder") or r.get("path"), freed=int(r.get("freed") or 0)))
    return out


def trashed_times(run_id: str, journal) -> dict[str, str]:
    """When each item of the run went to the trash (action id -> ISO time of its "done")."""
    return {r["action_id"]: r.get("time") or "" for r in journal.run_records(run_id)
            if r.get("event") == "done" and r.get("action_id")}


def _older_than(run_id: str, journal, days: Optional[float]):
    """A filter keeping the items trashed ``days`` or more ago (None: every item)."""
    if days is None:
        return None
    from datetime import datetime, timedelta, timezone

    limit = datetime.now(timezone.utc) - timedelta(days=days)
    times = trashed_times(run_id, journal)

    def keep(action: dict, _result: dict) -> bool:
        try:
            t = datetime.fromisoformat(times.get(action.get("id"), ""))
        except ValueError:
            return False
        return (t if t.tzinfo else t.replace(tzinfo=timezone.utc)) <= limit

    return keep


def _backend_of(result: dict):
    """The core.disk.trash backend that holds this item (None: the freedesktop trash)."""
    name = result.get("backend")
    if not name or name == "freedesktop":
        return None
    from cleanup_desktop.core.disk import trash as disk_trash

    return disk_trash.backend(name)


def _each_item(run_id: str, journal, work, mode: str, only=None) -> list[TrashOutcome]:
    out = []
    mail_actions = []
    items = items_in_trash(run_id, journal)
    if only is not None:
        items = [(a, r) for a, r in items if only(a, r)]
    if mode == "restore":
        items.reverse()  # last trashed first, so what a run removed later comes back first
    for action, result in items:
        if str(action.get("op", "")).startswith("mail-"):
            mail_actions.append(action)
            continue
        if not result.get("trash_path"):
            out.append(TrashOutcome(action, "unsupported", Reason("undo.no-trash-lookup")))
            continue
        try:
            out.append(work(action, result))
        except RestoreRefused as exc:
            out.append(TrashOutcome(action, "refused", Reason("restore.stays-in-trash", why=reason_of(exc))))
        except TrashError as exc:
            journal.write(run_id, "trash-missing", action_id=action["id"], reason=reason_of(exc), **reason_fields(reason_of(exc)))
            out.append(TrashOutcome(action, "missing", reason_of(exc)))
        except OSError as exc:
            out.append(TrashOutcome(action, "failed", describe_os_error(exc)))
    if mail_actions:
        out.extend(_mail_items(run_id, journal, mode, mail_actions))
    return out


def undo_run(run_id: str, journal, word: str = "restored") -> list[TrashOutcome]:
    """Restore every item the run moved to the trash into its original folder (last first), or
    beside its name as "name (<word>).ext" when that name is taken now."""
    remap: dict = {}  # folders this undo recreated: recorded (dev, ino) -> new (dev, ino)
    handles = Handles()

    def work(action: dict, result: dict) -> TrashOutcome:
        dirs = result.get("dirs")
        dirs = dirs if isinstance(dirs, list) else None
        backend = _backend_of(result)
        if backend is not None:
            dest = backend.restore(result, action, dirs, remap, word)
        else:
            dest = restore(result["trash_path"], action["path"], result.get("trash_ino"),
                           action.get("size"), action.get("mtime_ns"), dirs=dirs, remap=remap, word=word,
                           handles=handles)
        journal.write(run_id, "restored", action_id=action["id"], path=dest)
        note = "" if dest == action["path"] else "a file now has its original name: restored beside it"
        return TrashOutcome(action, "restored", note, path=dest)

    try:
        return _each_item(run_id, journal, work, "restore")
    finally:
        handles.close()


def empty_run(run_id: str, journal, older_than_days: Optional[float] = None) -> list[TrashOutcome]:
    """Permanently remove from the trash exactly the items this run put there (with
    ``older_than_days``, only those trashed that many days ago or more)."""

    def work(action: dict, result: dict) -> TrashOutcome:
        backend = _backend_of(result)
        if backend is not None:
            freed = backend.empty(result, action)
        else:
            freed = empty_item(result["trash_path"], action["path"], result.get("trash_ino"),
                               action.get("size"), action.get("mtime_ns"))
        journal.write(run_id, "emptied", action_id=action["id"], freed=freed)
        return TrashOutcome(action, "emptied", freed=freed)

    out = _each_item(run_id, journal, work, "empty", _older_than(run_id, journal, older_than_days))
    if any(o.status == "emptied" for o in out):
        _journal_usage_after_empty(run_id, journal)
    return out


def _journal_usage_after_empty(run_id: str, journal) -> None:
    """The file-system usage of the run's roots once its trash is emptied: the bilan's
    "after" figure (taken at the end of the run, it would still count the trash)."""
    from cleanup_desktop.core.run.accounting import disk_usage

    roots = [root for r in journal.run_records(run_id) if r.get("event") == "run-start"
             for root in (r.get("disk_usage") or {})]
    if roots:
        journal.write(run_id, "disk-usage", after="empty-trash", disk_usage=disk_usage(roots))

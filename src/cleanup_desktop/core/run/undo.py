"""Undo and empty-trash of one run, driven by the journal: each item goes back to (or is
emptied by) the backend that moved it (core.run.registry: ``Backend.restore`` and
``Backend.empty``, which journal "restored" / "emptied" / "trash-missing" themselves);
nothing else in any trash is touched."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Optional

from cleanup_desktop.core.run import registry
from cleanup_desktop.core.run.accounting import disk_usage
from cleanup_desktop.core.messages import Reason
from cleanup_desktop.core.run.journal import Journal

Item = tuple[dict[str, Any], dict[str, Any]]  # (action, its "done" result)


@dataclass
class TrashOutcome:
    action: dict[str, Any]
    status: str  # "restored" | "emptied" | "missing" | "unsupported" | "refused" | "failed"
    message: str = ""
    path: Optional[str] = None  # where it was restored
    freed: int = 0


def items_in_trash(run_id: str, journal: Journal) -> list[Item]:
    """(action, done result) of the run's items that this app moved to the trash and that are
    still recorded as there (not restored, emptied or found missing)."""
    recs = journal.run_records(run_id)
    if not recs:
        raise KeyError(f"no run {run_id} in the journal")
    intents: dict[str, dict[str, Any]] = {}
    items: dict[str, Item] = {}
    dry = any(r.get("event") == "run-start" and r.get("dry_run") for r in recs)
    for r in recs:
        ev = r.get("event")
        aid: Any = r.get("action_id")
        if ev == "intent":
            intents[r["action"]["id"]] = r["action"]
        elif ev == "done" and not dry and str((r.get("result") or {}).get("op", "")).endswith("trash"):
            items[aid] = (intents.get(aid, {"id": aid}), r["result"])
        elif ev in ("restored", "emptied", "trash-missing"):
            items.pop(aid, None)
    return list(items.values())


def trashed_times(run_id: str, journal: Journal) -> dict[str, str]:
    """When each item of the run went to the trash (action id -> ISO time of its "done")."""
    return {r["action_id"]: r.get("time") or "" for r in journal.run_records(run_id)
            if r.get("event") == "done" and r.get("action_id")}


def _older_than(run_id: str, journal: Journal, days: Optional[float]) -> Optional[Callable[[dict[str, Any], dict[str, Any]], bool]]:
    """A filter keeping the items trashed ``days`` or more ago (None: every item)."""
    if days is None:
        return None
    limit = datetime.now(timezone.utc) - timedelta(days=days)
    times = trashed_times(run_id, journal)

    def keep(action: dict[str, Any], _result: dict[str, Any]) -> bool:
        try:
            t = datetime.fromisoformat(times.get(str(action.get("id")), ""))
        except ValueError:
            return False
        return (t if t.tzinfo else t.replace(tzinfo=timezone.utc)) <= limit

    return keep


def by_backend(items: list[tuple[dict[str, Any], dict[str, Any]]], step: str,
               call: Callable[[registry.Backend, list[Any]], list[Any]]) -> list[TrashOutcome]:
    """Each backend's items handed to it (``call(backend, its items)``), in registration order;
    items no backend can ``step`` ("restore" / "empty") are reported "unsupported"."""
    groups, orphans = registry.split_by_backend(items)
    out: list[TrashOutcome] = []
    for backend, pairs in groups:
        if getattr(backend, step) is None:
            orphans.extend(pairs)
        else:
            out.extend(call(backend, pairs))
    out.extend(TrashOutcome(a, "unsupported", Reason("undo.no-backend-restore" if step == "restore" else "undo.no-backend-empty"))
               for a, _r in orphans)
    return out


def undo_run(run_id: str, journal: Journal, word: str = "restored") -> list[TrashOutcome]:
    """Restore every item the run moved to the trash into its original place, or beside its
    name as "name (<word>).ext" when that name is taken now (items in journal order: each
    backend chooses its own order)."""
    items = items_in_trash(run_id, journal)
    def restore(b: registry.Backend, pairs: list[Item]) -> list[TrashOutcome]:
        assert b.restore is not None  # by_backend calls only backends that have the step
        return b.restore(run_id, journal, pairs, word)

    return by_backend(items, "restore", restore)


def empty_run(run_id: str, journal: Journal, older_than_days: Optional[float] = None) -> list[TrashOutcome]:
    """Permanently remove from the trash exactly the items this run put there (with
    ``older_than_days``, only those trashed that many days ago or more)."""
    items = items_in_trash(run_id, journal)
    only = _older_than(run_id, journal, older_than_days)
    if only is not None:
        items = [(a, r) for a, r in items if only(a, r)]
    def empty(b: registry.Backend, pairs: list[Item]) -> list[TrashOutcome]:
        assert b.empty is not None  # by_backend calls only backends that have the step
        return b.empty(run_id, journal, pairs)

    out = by_backend(items, "empty", empty)
    if any(o.status == "emptied" for o in out):
        _journal_usage_after_empty(run_id, journal)
    return out


def _journal_usage_after_empty(run_id: str, journal: Journal) -> None:
    """The file-system usage of the run's roots once its trash is emptied: the bilan's
    "after" figure (taken at the end of the run, it would still count the trash)."""
    roots = [root for r in journal.run_records(run_id) if r.get("event") == "run-start"
             for root in (r.get("disk_usage") or {})]
    if roots:
        journal.write(run_id, "disk-usage", after="empty-trash", disk_usage=disk_usage(roots))

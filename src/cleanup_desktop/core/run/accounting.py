"""Freed-space accounting, computed from journal records (never from disk usage).

Per run: bytes moved to the trash and still there, bytes really freed (permanent deletes plus
items emptied from the trash), split by category, by source (disk / mail) and by root (or mail
account). Byte figures are allocated sizes measured on the files when they were acted on, and
a file with other hard links counts as 0 freed (its blocks stay in use). Disk usage of the roots
before and after a run is recorded for the bilan but is not the freed figure.
"""

from __future__ import annotations

import os
import shutil
from typing import Any, Iterable, Optional


def allocated_bytes(st: os.stat_result, fallback: Optional[int] = None) -> int:
    blocks = getattr(st, "st_blocks", None)
    if blocks is not None:
        return int(blocks) * 512
    return int(fallback if fallback is not None else st.st_size)


def disk_usage(roots: Iterable[str]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for root in roots:
        try:
            u = shutil.disk_usage(root)
            dev = os.stat(root).st_dev  # which volume: folders on one volume are one place
        except OSError:
            continue
        out[root] = {"total": u.total, "used": u.used, "free": u.free, "dev": dev}
    return out


def action_source(action: dict[str, Any]) -> str:
    """The backend an action belongs to ("disk", "mail"; core.run.registry), the default
    source for an action no backend owns."""
    from cleanup_desktop.core.run import registry  # not at import: the disk scan imports this module

    return registry.source_of(action) or registry.default_source()


def action_location(action: dict[str, Any]) -> str:
    """Where its backend counts an action's bytes: the root of a disk action, ``kind:user@host``
    for a mail account."""
    from cleanup_desktop.core.run import registry

    return registry.location_of(action)


def _counter() -> dict[str, int]:
    return {"bytes": 0, "count": 0}


def _bucket() -> dict[str, dict[str, int]]:
    return {"moved_to_trash": _counter(), "trashed": _counter(), "restored": _counter(),
            "emptied": _counter(), "deleted": _counter(), "freed": _counter()}


def totals_from_records(records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Totals of one run from its journal records (in file order)."""
    total = _bucket()
    by_category: dict[str, dict[str, Any]] = {}
    by_source: dict[str, dict[str, Any]] = {}
    by_root: dict[str, dict[str, Any]] = {}
    counts = {"intent": 0, "done": 0, "skipped": 0, "failed": 0, "refused": 0, "restored": 0, "emptied": 0,
              "missing": 0}
    intents: dict[str, dict[str, Any]] = {}
    outcome: dict[str, str] = {}
    trashed_by_action: dict[str, int] = {}
    meta: dict[str, Any] = {}

    def add(action: dict[str, Any], key: str, nbytes: int, sign: int = 1) -> None:
        loc = action_location(action)
        buckets = [total,
                   by_category.setdefault(action.get("category") or "other", _bucket()),
                   by_source.setdefault(action_source(action), _bucket()),
                   by_root.setdefault(loc, {"source": action_source(action), **_bucket()})]
        for b in buckets:
            b[key]["bytes"] += sign * nbytes
            b[key]["count"] += sign

    for rec in records:
        ev = rec.get("event")
        aid: Any = rec.get("action_id")  # a string in every record that has an action
        if ev == "run-start":
            meta = {k: rec.get(k) for k in ("plan_id", "dry_run", "permanent", "source")}
            meta["started"] = rec.get("time")
            meta["disk_usage_before"] = rec.get("disk_usage")
        elif ev == "run-end":
            meta["ended"] = rec.get("time")
            meta["disk_usage_after"] = rec.get("disk_usage")
            meta["cancelled"] = bool(rec.get("cancelled"))
        elif ev == "intent":
            counts["intent"] += 1
            intents[rec["action"]["id"]] = rec["action"]
        elif ev == "refused":
            counts["refused"] += 1
        elif ev in ("done", "skipped", "failed"):
            counts[ev] += 1
            outcome[aid] = ev
            if ev == "done":
                action = intents.get(aid, {})
                res = rec.get("result") or {}
                trashed = int(res.get("trashed") or 0)
                freed = int(res.get("freed") or 0)
                if str(res.get("op", "")).endswith("trash"):
                    add(action, "moved_to_trash", trashed)
                    add(action, "trashed", trashed)
                    trashed_by_action[aid] = trashed
                else:
                    add(action, "deleted", freed)
                    add(action, "freed", freed)
        elif ev in ("restored", "emptied", "trash-missing") and aid in trashed_by_action:
            action = intents.get(aid, {})
            nbytes = trashed_by_action.pop(aid)
            add(action, "trashed", nbytes, -1)
            if ev == "restored":
                counts["restored"] += 1
                add(action, "restored", nbytes)
            elif ev == "emptied":
                counts["emptied"] += 1
                add(action, "emptied", int(rec.get("freed") or 0))
                add(action, "freed", int(rec.get("freed") or 0))
            else:
                counts["missing"] += 1
    counts["pending"] = sum(1 for aid in intents if aid not in outcome)
    return {**meta, "interrupted": "ended" not in meta, "counts": counts, **total,
            "in_trash_actions": sorted(trashed_by_action),
            "by_category": by_category, "by_source": by_source, "by_root": by_root}

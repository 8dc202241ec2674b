"""A scan result without what a cleanup run removed, so the review shows what is left
without scanning again (the faces call this after a run; nothing is read from disk). The
backend registered for the scan's schema does it (``Backend.refresh``) with the done actions
of its own ops."""

from __future__ import annotations

from typing import Any, Iterable

from cleanup_desktop.core.run import registry


def done_actions(outcomes: Iterable[Any]) -> list[dict[str, Any]]:
    """The actions a run's outcomes say were done."""
    return [o.action for o in outcomes if getattr(o, "status", None) == "done"]


def scan_without(scan: dict[str, Any], actions: list[dict[str, Any]]) -> dict[str, Any]:
    """``scan`` without what these done actions removed (the same object when they touched
    nothing of its backend)."""
    backend = registry.for_schema(scan.get("schema") if isinstance(scan, dict) else None)
    if backend is None or backend.refresh is None:
        return scan
    mine = [a for a in actions if a.get("op") in backend.ops]
    return backend.refresh(scan, mine) if mine else scan

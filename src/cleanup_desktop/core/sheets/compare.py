"""Year over year: a previous ``summary.json`` (`aggregate --compare`), checked, and the
change in the key figures and per team."""

from __future__ import annotations

import os
from pathlib import Path

from cleanup_desktop.core.sheets.event import fold
from cleanup_desktop.core.messages import Reason, os_error

COMPARED = ("participants", "go_total", "go_per_participant", "files_measured", "emails_measured", "kg")


def load_previous(path: os.PathLike | str) -> dict:
    """A previous summary.json, checked enough to compare with (its figures are numbers)."""
    from cleanup_desktop.core.sheets.model import SheetError
    from cleanup_desktop.core.sheets.read import load_json

    try:
        data = load_json(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise SheetError(Reason("sheet.summary-unreadable", path=str(path), error=os_error(str(exc.strerror or exc)))) from None
    if not isinstance(data, dict) or not str(data.get("schema", "")).startswith("cleanup-desktop/aggregate/"):
        raise SheetError(Reason("sheet.not-summary", path=str(path)))
    raw_totals = data.get("totals")
    totals = raw_totals if isinstance(raw_totals, dict) else {}
    for key in ("participants", "go_total", "kg"):
        if not isinstance(totals.get(key), (int, float)) or isinstance(totals.get(key), bool):
            raise SheetError(Reason("sheet.summary-total", path=str(path), key=key))
    return data


def compare(agg, previous: dict) -> dict:
    prev = previous.get("totals", {})
    rows = {}
    for key in COMPARED:
        now_v = getattr(agg.totals, key)
        before = prev.get(key, prev.get({"files_measured": "files_deleted", "emails_measured": "emails_deleted"}
                                        .get(key, key)))
        if isinstance(before, (int, float)) and not isinstance(before, bool):
            rows[key] = {"now": now_v, "previous": before, "change": now_v - before,
                         "change_pct": (now_v - before) / before * 100 if before else None}
    teams_before = {fold(t.get("team", "")): t.get("go_total") for t in previous.get("teams", []) if isinstance(t, dict)}
    teams = [{"team": t.team, "go_total": t.go_total, "previous_go_total": teams_before.get(fold(t.team))}
             for t in agg.teams]
    return {"previous_event": (previous.get("event") or {}).get("event_id"),
            "previous_generated": previous.get("generated"), "totals": rows, "teams": teams}

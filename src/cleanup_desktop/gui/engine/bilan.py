"""The bilan, the measurement sheet and the organiser's aggregation (core.bilan, core.sheets)."""

from __future__ import annotations

import os

from cleanup_desktop.gui.engine.impact import get_method


def compute_bilan(method, progress=None, cancel=None):
    """The personal bilan of every real run in the journal (``method``: a Method or an id)."""
    from cleanup_desktop.core.bilan import compute_bilan as core_bilan

    return core_bilan(method=get_method(method) if isinstance(method, str) else method)


# --- measurement sheet and organiser (core.sheets, render.pdf) ------------------------------

SHEET_FORMATS = ("xlsx", "pdf", "json", "csv", "dcd")


def export_sheet(bilan, prefs, fmt: str, path: str, lang: str = "en") -> str:  # noqa: D401
    """Write the participant's sheet for ``bilan`` in ``fmt``; returns the file written."""
    from cleanup_desktop.core.sheets import export, sheet_from_bilan, stable_sheet_id

    event_id = prefs.event_id or None
    sheet = sheet_from_bilan(bilan, event_id=event_id, participant=prefs.participant or None,
                             team=prefs.team or None, sheet_id=stable_sheet_id(event_id))
    if fmt == "pdf":
        from cleanup_desktop.render.pdf import render_sheet_pdf

        return str(render_sheet_pdf(sheet, path, lang=lang))
    return str(export(sheet, fmt, path, lang=lang))


def aggregate_folder(folder: str, method, event_id: str = "", progress=None, cancel=None, accept=(), **event):
    """Read every sheet of a folder and add them up (core.sheets.aggregate). ``event`` holds
    the national form's metadata the organiser typed (organizer, structure_type, region,
    departement, participants_reached, participants_invited, event_date, sensibilisation);
    empty values stay unknown (null in the INR file). ``accept``: sheet ids held for review
    that the organiser accepted. Sheets of several events come back as the MixedEvents
    listing them (never added up together)."""
    from cleanup_desktop.core.sheets.aggregate import EventMeta, MixedEvents, aggregate_paths

    method = get_method(method) if isinstance(method, str) else method
    meta = EventMeta(event_id=event_id or None, **{k: v for k, v in event.items() if v not in ("", None, 0)})
    try:
        return aggregate_paths([folder], method=method, meta=meta, accept=accept, progress=progress, cancel=cancel)
    except MixedEvents as exc:
        return exc


def rejection_reason(reason: str, lang: str = "en") -> str:
    """Why a file was left out, in the user's language (core.sheets.messages)."""
    from cleanup_desktop.core.sheets.messages import reason_text

    return reason_text(reason, lang)


def mixed_events(result) -> dict | None:
    """Event id -> sheet count when ``aggregate_folder`` found several events, else None."""
    from cleanup_desktop.core.sheets.aggregate import MixedEvents

    return result.events if isinstance(result, MixedEvents) else None


def write_aggregate(agg, out_dir: str, lang: str = "en") -> list[str]:
    """The organiser's files: summary JSON, participants XLSX (in ``lang``), INR DCD-Bilan
    JSON (+ PDF)."""
    from cleanup_desktop.core.sheets.aggregate import write_outputs

    from cleanup_desktop.render.pdf import render_summary_pdf

    written = [str(p) for p in write_outputs(agg, out_dir, lang).values()]
    written.append(str(render_summary_pdf(agg, os.path.join(out_dir, "summary.pdf"), lang=lang)))
    return written


def journal_is_small(limit: int = 1 << 20) -> bool:
    """True when reading the whole journal is quick (a few thousand actions): the window may
    then compute the bilan at once instead of in a worker."""
    from cleanup_desktop.core.paths import journal_path

    try:
        return journal_path().stat().st_size < limit
    except OSError:
        return True  # no journal yet

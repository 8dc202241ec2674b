"""`cleanup-desktop aggregate`: the organiser adds up the participants' sheets."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from cleanup_desktop.cli.common import EXIT_ARGS, EXIT_FAILED, EXIT_OK, fail
from cleanup_desktop.cli.impact_args import add_method_args, format_go, format_kg, method_from_args, non_negative_int
from cleanup_desktop.core.impact import UNIT_NOTE_EN, MethodError


def register(sub) -> None:
    p = sub.add_parser(
        "aggregate",
        help="add up the participants' sheets: totals, team ranking, XLSX, PDF, INR form JSON",
        description="Read measurement sheets (JSON, CSV, XLSX, PDF or the INR block, as the app writes them, "
        "or folders of them), reject other files with a reason, keep one copy per sheet id, hold "
        "implausible or conflicting sheets for review, and write summary.json, participants.xlsx, "
        f"summary.pdf and dcd-bilan.json in --out. Sheets of several events are never mixed. {UNIT_NOTE_EN}.",
    )
    p.add_argument("sheets", nargs="+", metavar="SHEET", help="sheet files or folders of sheets")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--event-id", metavar="ID",
                   help="the event's number (default: the one event the sheets carry; several -> exit 2)")
    p.add_argument("--per-event", action="store_true",
                   help="sheets of several events: write one folder per event in --out")
    p.add_argument("--accept", action="append", default=[], metavar="SHEET_ID",
                   help="add up a sheet held for review (implausible figures or a conflicting id); may be repeated")
    p.add_argument("--organizer", metavar="NAME")
    p.add_argument("--structure-type", metavar="T")
    p.add_argument("--region", metavar="R", help="INSEE region code or name (e.g. 84, Auvergne-Rhône-Alpes)")
    p.add_argument("--departement", metavar="D", help="INSEE département code or name (e.g. 69, Rhône)")
    p.add_argument("--participants-reached", type=non_negative_int, metavar="N",
                   help="people reached (default: the number of sheets)")
    p.add_argument("--participants-invited", type=non_negative_int, metavar="N",
                   help="people invited to take part (active ones are the sheets added up)")
    p.add_argument("--sensibilisation", action="append", default=[], metavar="FORMAT:participants=N,audience=N",
                   help="an awareness session of the national form (webinaire, fresqueNumerique, jeuxNumeville, "
                   "jeuxDowino, jeuxTheWokies, autreFormat[:label=TEXT,...]); may be repeated")
    p.add_argument("--event-date", metavar="DATE", help="YYYY-MM-DD or DD/MM/YYYY")
    p.add_argument("--compare", metavar="LAST/summary.json", help="a previous summary.json: show year over year")
    add_method_args(p)
    p.add_argument("--lang", choices=("en", "fr"), default=None,
                   help="language of the XLSX and PDF (default: the desktop's language)")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF summary")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=run)


class Progress:
    """Reading progress on stderr: a bar at a terminal, else a line every 10 %."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.last = -1
        self.start = time.monotonic()

    def __call__(self, ev) -> None:
        if self.quiet or not ev.items_total:
            return
        done, total = ev.items_done, ev.items_total
        pct = int(100 * done / total)
        if self.tty:
            bar = "#" * (pct * 30 // 100)
            print(f"\rReading sheets [{bar:<30}] {done}/{total}", end="", file=sys.stderr, flush=True)
            if done >= total:
                print(file=sys.stderr)
        elif pct // 10 != self.last // 10 or done >= total:
            if pct != self.last:
                print(f"Reading sheets: {done}/{total} ({pct} %, {time.monotonic() - self.start:.1f} s)",
                      file=sys.stderr, flush=True)
        self.last = pct


def _meta(args):
    from cleanup_desktop.core.sheets.aggregate import EventMeta
    from cleanup_desktop.core.sheets.event import parse_event_date, parse_sensibilisation, resolve_places

    region, dep = resolve_places(args.region, args.departement)
    return EventMeta(event_id=args.event_id, organizer=args.organizer, structure_type=args.structure_type,
                     region=region.name if region else None, departement=dep.name if dep else None,
                     participants_reached=args.participants_reached, event_date=parse_event_date(args.event_date),
                     participants_invited=args.participants_invited,
                     sensibilisation=parse_sensibilisation(args.sensibilisation))


def run(args) -> int:
    from cleanup_desktop.core.sheets.aggregate import MixedEvents, aggregate_inputs, read_paths
    from cleanup_desktop.core.sheets.compare import load_previous
    from cleanup_desktop.core.sheets.event import EventInputError
    from cleanup_desktop.core.sheets.messages import desktop_lang
    from cleanup_desktop.core.sheets.model import SheetError

    lang = args.lang or desktop_lang()
    try:
        method = method_from_args(args)
        meta = _meta(args)
        previous = load_previous(args.compare) if args.compare else None
    except (MethodError, EventInputError, SheetError) as exc:
        return fail("aggregate", str(exc), EXIT_ARGS)
    import os

    inputs = read_paths(args.sheets, progress=Progress(args.quiet or args.json),
                        workers=min(4, os.cpu_count() or 1))
    try:
        if not args.per_event:
            agg = aggregate_inputs(inputs, method=method, meta=meta, accept=args.accept, compare_with=previous)
            return _write_and_show(agg, Path(args.out), lang, args)
        from cleanup_desktop.core.sheets.aggregate import split_by_event

        code = 0
        for event, part in split_by_event(inputs).items():
            meta.event_id = event
            agg = aggregate_inputs(part, method=method, meta=meta, accept=args.accept, compare_with=previous)
            folder = Path(args.out) / _folder_name(event)
            print(f"== event {event or '(none)'} -> {folder}")
            code = max(code, _write_and_show(agg, folder, lang, args))
        return code
    except MixedEvents as exc:
        print(f"cleanup-desktop aggregate: sheets of {len(exc.events)} events; nothing written. "
              "Choose one with --event-id ID, or write one folder per event with --per-event:", file=sys.stderr)
        for event, n in exc.events.items():
            print(f"  event {event}: {n} sheet(s)", file=sys.stderr)
        if exc.without_event:
            print(f"  no event number: {exc.without_event} sheet(s)", file=sys.stderr)
        return EXIT_ARGS


def _folder_name(event) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in str(event or "no-event"))
    return f"event-{safe.strip('.') or 'x'}"


def _write_and_show(agg, out: Path, lang: str, args) -> int:
    from cleanup_desktop.core.sheets.aggregate import write_outputs

    try:
        written = write_outputs(agg, out, lang)
        if not args.no_pdf:
            from cleanup_desktop.render.pdf import render_summary_pdf

            written["pdf"] = render_summary_pdf(agg, out / "summary.pdf", lang=lang)
    except OSError as exc:
        return fail("aggregate", f"cannot write to {out}: {exc}", EXIT_ARGS)
    for w in agg.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for r in agg.to_review:
        print(f"to review {r.file}: {r.reason_text()} -> not added up; --accept {r.sheet_id} to add it",
              file=sys.stderr)
    for r in agg.rejected:
        print(f"rejected {r.file}: {r.reason}", file=sys.stderr)
    for r in agg.without_event:
        print(f"without event {r.file}: {r.reason}", file=sys.stderr)
    for d in agg.duplicates:
        print(f"duplicate {d.file}: same sheet {d.sheet_id} as {d.kept} (kept the latest export)", file=sys.stderr)
    if args.json:
        json.dump(agg.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        _print_summary(agg, written)
    return EXIT_OK if agg.sheets or not (agg.rejected or agg.review or agg.without_event) else EXIT_FAILED


def _print_summary(agg, written) -> None:
    t = agg.totals
    if agg.to_review:
        print(f"{len(agg.to_review)} sheet(s) held for review and NOT added up (see above and 'To review')")
    print(f"Event {agg.meta.event_id or '(unnamed)'}: {t.participants} sheet(s) aggregated, {len(agg.rejected)} "
          f"rejected, {len(agg.without_event)} without event, {len(agg.duplicates)} duplicate(s)")
    if agg.meta.participants_invited:
        print(f"Active participants: {t.participants} of {agg.meta.participants_invited} invited")
    print(f"Total freed: {format_go(t.go_total)} (servers {format_go(t.go_cloud)}, local {format_go(t.go_local)}), "
          f"{format_go(t.go_per_participant)} per participant")
    print("Per place: " + ", ".join(f"{env} {format_go(go)}" for env, go in agg.places.items()) if agg.places
          else "Per place: nothing freed")
    print(f"Measured by the app: {t.files_measured} files, {t.emails_measured} emails deleted; declared (no volume): "
          f"{t.files_declared_cloud + t.files_declared_local} files, {t.emails_declared} emails, {t.apps_declared} apps")
    print(f"National form: {t.emails_national} emails (measured + declared), {t.files_national} files per file "
          "(declared only)")
    print(f"Impact: {format_kg(t.kg)} CO2e with {agg.method.id} ({agg.impact['total']['label']}); {UNIT_NOTE_EN}")
    if t.reemploi_devices or t.recyclage_quantity or t.recyclage_kg:
        print(f"Beyond data: {t.reemploi_devices} device(s) kept in use -> {format_kg(t.reemploi_kg)} CO2e of "
              f"avoided manufacturing (one-off, not in the figure above); {t.recyclage_quantity} device(s), "
              f"{t.recyclage_kg:g} kg handed in for recycling (weights only)")
    if agg.compare:
        for key, row in agg.compare["totals"].items():
            pct = f", {row['change_pct']:+.1f} %" if row["change_pct"] is not None else ""
            print(f"Compared with the previous summary: {key} {row['now']:,.3f} (was {row['previous']:,.3f}{pct})")
    print("Team ranking (Go freed):")
    for tm in agg.teams:
        merged = f" [merged: {', '.join(tm.spellings)}]" if len(tm.spellings) > 1 else ""
        print(f"  {tm.rank:>2}. {tm.team}: {format_go(tm.go_total)}, {tm.participants} participant(s), "
              f"{format_go(tm.go_per_participant)} each, {format_kg(tm.kg)}{merged}")
    print(f"Evidence: {len(agg.sources)} sheet(s) used, listed with the SHA-256 of each file in summary.json; "
          f"input set SHA-256 {agg.input_sha256}")
    for name, path in written.items():
        print(f"Wrote {path}")

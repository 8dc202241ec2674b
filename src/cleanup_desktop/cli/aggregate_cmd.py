"""`cleanup-desktop aggregate`: the organiser adds up the participants' sheets."""

from __future__ import annotations

import json
import sys

from cleanup_desktop.cli.impact_cmd import _non_negative, add_method_args, format_go, format_kg, method_from_args
from cleanup_desktop.core.impact import UNIT_NOTE_EN, MethodError
from cleanup_desktop.core.sheets.aggregate import EventMeta, aggregate_paths, write_outputs


def register(sub) -> None:
    p = sub.add_parser(
        "aggregate",
        help="add up the participants' sheets: totals, team ranking, XLSX, PDF, INR form JSON",
        description="Read measurement sheets (JSON or XLSX written by the app, or folders of them), "
        "reject invalid ones with a reason, keep one copy per sheet id, and write summary.json, "
        f"participants.xlsx, summary.pdf and dcd-bilan.json in --out. {UNIT_NOTE_EN}.",
    )
    p.add_argument("sheets", nargs="+", metavar="SHEET", help="sheet files or folders of sheets")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--event-id", metavar="ID", help="the event's number (sheets of other events are rejected)")
    p.add_argument("--organizer", metavar="NAME")
    p.add_argument("--structure-type", metavar="T")
    p.add_argument("--region", metavar="R")
    p.add_argument("--departement", metavar="D")
    p.add_argument("--participants-reached", type=_non_negative(int), metavar="N",
                   help="people reached (default: the number of sheets)")
    p.add_argument("--event-date", metavar="YYYY-MM-DD")
    add_method_args(p)
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the PDF")
    p.add_argument("--no-pdf", action="store_true", help="skip the PDF summary")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        method = method_from_args(args)
    except MethodError as exc:
        print(f"cleanup-desktop aggregate: {exc}", file=sys.stderr)
        return 2
    meta = EventMeta(event_id=args.event_id, organizer=args.organizer, structure_type=args.structure_type,
                     region=args.region, departement=args.departement,
                     participants_reached=args.participants_reached, event_date=args.event_date)
    agg = aggregate_paths(args.sheets, method=method, meta=meta)
    try:
        written = write_outputs(agg, args.out)
        if not args.no_pdf:
            from cleanup_desktop.render.pdf import render_summary_pdf

            written["pdf"] = render_summary_pdf(agg, f"{args.out}/summary.pdf", lang=args.lang)
    except OSError as exc:
        print(f"cleanup-desktop aggregate: cannot write to {args.out}: {exc}", file=sys.stderr)
        return 2
    for r in agg.rejected:
        print(f"rejected {r.file}: {r.reason}", file=sys.stderr)
    for d in agg.duplicates:
        print(f"duplicate {d.file}: same sheet {d.sheet_id} as {d.kept} (kept the latest export)", file=sys.stderr)
    if args.json:
        json.dump(agg.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        t = agg.totals
        print(f"{t.participants} sheet(s) aggregated, {len(agg.rejected)} rejected, {len(agg.duplicates)} duplicate(s)")
        print(f"Total freed: {format_go(t.go_total)} (servers {format_go(t.go_cloud)}, local {format_go(t.go_local)}), "
              f"{format_go(t.go_per_participant)} per participant; {t.files_deleted} files, {t.emails_deleted} emails")
        print(f"Impact: {format_kg(t.kg)} CO2e with {method.id} ({agg.impact['total']['label']}); {UNIT_NOTE_EN}")
        if t.reemploi_devices or t.recyclage_quantity or t.recyclage_kg:
            print(f"Beyond data: {t.reemploi_devices} device(s) kept in use -> {format_kg(t.reemploi_kg)} CO2e of "
                  f"avoided manufacturing (one-off, not in the figure above); {t.recyclage_quantity} device(s), "
                  f"{t.recyclage_kg:g} kg handed in for recycling (weights only)")
        print("Team ranking (Go freed):")
        for tm in agg.teams:
            print(f"  {tm.rank:>2}. {tm.team}: {format_go(tm.go_total)}, {tm.participants} participant(s), "
                  f"{format_go(tm.go_per_participant)} each, {format_kg(tm.kg)}")
        for name, path in written.items():
            print(f"Wrote {path}")
    return 0 if agg.sheets or not agg.rejected else 1

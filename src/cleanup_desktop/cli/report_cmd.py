"""`cleanup-desktop report`: the participant's measurement sheet from the journal of runs."""

from __future__ import annotations

import json

from cleanup_desktop.cli.common import EXIT_ARGS, fail
from cleanup_desktop.cli.device_args import add_device_args, device_error_text, devices_from_args, summary_lines
from cleanup_desktop.cli.impact_args import add_method_args, format_go, format_kg, method_from_args, non_negative_int
from cleanup_desktop.core.bilan import Declared, Measurement, compute_bilan
from cleanup_desktop.core.devices import DeviceError
from cleanup_desktop.core import compose
from cleanup_desktop.core.impact import UNIT_NOTE_EN, MethodError
from cleanup_desktop.core.sheets import SheetError, export, sheet_from_bilan, stable_sheet_id

FORMATS = ("json", "csv", "xlsx", "pdf", "dcd")


def register(sub) -> None:
    p = sub.add_parser(
        "report",
        help="write your measurement sheet (JSON, CSV, XLSX, PDF or the INR form's block)",
        description="Write the measurement sheet of your cleanup runs for the organiser. "
        f"Only what was really freed counts (not what is still in the trash). {UNIT_NOTE_EN}. "
        "The sheet holds no file name, path, mail subject or address.",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--run", action="append", metavar="ID",
                       help="a run id or unique prefix (see `cleanup-desktop history`); may be repeated")
    which.add_argument("--all", action="store_true", help="every run in the journal (the default)")
    p.add_argument("--since", metavar="DATE", help="only runs started on or after this date (YYYY-MM-DD)")
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--participant", metavar="NAME", help="your name or a pseudonym (optional)")
    p.add_argument("--team", metavar="T", help="team or department (for the inter-team challenge)")
    p.add_argument("--event-id", metavar="ID", help="the event's number on the Digital Cleanup Day site")
    p.add_argument("--event-date", metavar="YYYY-MM-DD", help="default: the day of the last run")
    add_method_args(p)
    for name, what in (("apps", "applications uninstalled"), ("emails", "emails deleted outside this app"),
                       ("files-cloud", "cloud files deleted outside this app (volume unknown)"),
                       ("files-local", "local files deleted outside this app (volume unknown)"),
                       ("social-posts", "social network posts deleted")):
        p.add_argument(f"--declare-{name}", type=non_negative_int, default=0, metavar="N", help=what)
    p.add_argument("--measurements", metavar="FILE",
                   help="JSON list of before/after volumes: [{\"environment\": \"mailbox\", "
                   "\"before_bytes\": N, \"after_bytes\": N, \"before_time\": ISO, \"after_time\": ISO}]")
    add_device_args(p)
    p.add_argument("--no-devices", action="store_true",
                   help="leave the declared devices out of this sheet (the declaration is kept)")
    p.add_argument("--lang", choices=("en", "fr"), default=None,
                   help="language of the PDF and XLSX (default: the desktop's language)")
    p.add_argument("--new-id", action="store_true",
                   help="a new sheet id instead of the one kept for this event")
    p.set_defaults(func=run)


def _runs(args) -> list[str] | None:
    if not args.run:
        return None
    from cleanup_desktop.core.run import journal

    j = journal.Journal()
    return [j.find_run(prefix) for prefix in args.run]


def _measurements(path: str | None) -> list[Measurement]:
    if not path:
        return []
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    if not isinstance(raw, list):
        raise ValueError("the measurements file must hold a JSON list")
    return [Measurement(**m) for m in raw]


def run(args) -> int:
    compose.install()
    try:
        method = method_from_args(args)
        declared = Declared(files_cloud=args.declare_files_cloud, files_local=args.declare_files_local,
                            emails=args.declare_emails, apps=args.declare_apps,
                            social_posts=args.declare_social_posts)
        measurements = _measurements(args.measurements)
        devices, _changed = devices_from_args(args, args.event_id)
        runs = _runs(args)
        bilan = compute_bilan(runs=runs, method=method, declared=declared, measurements=measurements,
                              since=args.since)
        sid = None if args.new_id else stable_sheet_id(args.event_id)
        from cleanup_desktop.core.sheets.event import parse_event_date

        sheet = sheet_from_bilan(bilan, event_id=args.event_id, participant=args.participant,
                                 team=args.team, event_date=parse_event_date(args.event_date), sheet_id=sid,
                                 devices=None if args.no_devices else devices)
        from cleanup_desktop.core.sheets.messages import desktop_lang

        lang = args.lang or desktop_lang()
        if args.format == "pdf":
            from cleanup_desktop.render.pdf import render_sheet_pdf

            out = render_sheet_pdf(sheet, args.out, lang=lang)
        else:
            out = export(sheet, args.format, args.out, lang=lang)
    except DeviceError as exc:
        return fail("report", device_error_text(exc), EXIT_ARGS)
    except (MethodError, SheetError, ValueError, TypeError, KeyError, OSError) as exc:
        return fail("report", str(exc), EXIT_ARGS)
    print(f"Wrote {out} ({args.format}), sheet {sheet.sheet_id}")
    print(f"  {len(bilan.runs)} run(s); freed {format_go(sheet.go_total)} (servers {format_go(sheet.go_cloud)}, "
          f"local {format_go(sheet.go_local)}); measured by the app: {sheet.files_deleted} files, "
          f"{sheet.emails_deleted} emails deleted")
    print(f"  {format_kg(sheet.kg)} CO2e with {method.id} ({sheet.impact['total']['label']}); {UNIT_NOTE_EN}")
    if not args.no_devices:
        for line in summary_lines(devices, method):
            print(f"  {line}")
    if sheet.in_trash_bytes:
        print(f"  {format_go(sheet.in_trash_bytes / 1e9)} is still in the trash and not counted: "
              "empty what the app trashed to count it.")
    return 0

"""`cleanup-desktop clean PLAN.json [--dry-run] [--permanent] [--yes]`"""

from __future__ import annotations

import sys

from cleanup_desktop.cli.common import (
    EXIT_ARGS, EXIT_DECLINED, EXIT_FAILED, EXIT_OK, EXIT_REFUSED, UNIT_NOTE, confirm, fail,
)
from cleanup_desktop.cli.progress_bar import ProgressBar, human_bytes as format_bytes
from cleanup_desktop.core.run.execute import Outcome, RunReport, execute_plan
from cleanup_desktop.core.paths import display_path, printable
from cleanup_desktop.core import compose
from cleanup_desktop.core.run.plan import PlanError, load_plan


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "clean", help="execute a cleanup plan (to the trash by default)",
        description="Re-check every file of the plan, then move it to the trash (or delete it with "
                    "--permanent). Files that changed since the scan are skipped, with the reason.")
    p.add_argument("plan", metavar="PLAN.json", help="plan from `cleanup-desktop plan` (- for stdin)")
    p.epilog = ("exit codes: 0 done (safety skips are not failures), 1 an action failed, 2 bad input, "
                "3 answered no, 4 some actions were refused (the plan asks for something its scan does not allow)")
    p.add_argument("--dry-run", action="store_true", help="check everything and show what would happen; change nothing")
    p.add_argument("--permanent", action="store_true", help="delete permanently instead of moving to the trash")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    from cleanup_desktop.cli import clean_mail

    clean_mail.add_arguments(p)
    p.set_defaults(func=run)


def _label(o: Outcome, dry_run: bool) -> str:
    if o.status == "done":
        op = str(o.result.get("op", o.action.get("op")))
        word = {"trash": "trashed", "delete": "deleted", "cloud-delete": "deleted from the cloud"}.get(op, op)
        return f"would be {word}" if dry_run else word
    return {"skipped": "skipped", "failed": "FAILED", "refused": "REFUSED"}.get(o.status, o.status)


def print_outcome(o: Outcome, dry_run: bool) -> None:
    where = display_path(o.action.get("path") or f"{o.action.get('folder')}#{o.action.get('uid')}")
    line = f"{_label(o, dry_run):16} {where}"
    if o.status == "refused":
        line += f": refused ({o.code}): {o.reason}"
    elif o.reason:
        line += f": {o.reason}"
    elif o.result.get("note"):
        line += f" ({o.result['note']})"
    print(printable(line), file=sys.stderr if o.status in ("failed", "refused") else sys.stdout, flush=True)


def print_summary(report: RunReport) -> None:
    t = report.totals
    c = t["counts"]
    verb = "Would move" if report.dry_run else "Moved"
    print()
    print(f"{'Dry run' if report.dry_run else 'Run ' + (report.run_id or '')[:8]}: "
          f"{c['done']} done, {c['skipped']} skipped for safety, {c['failed']} failed"
          + (f", {c['refused']} REFUSED" if c.get("refused") else ""))
    if c.get("refused"):
        print(f"{c['refused']} action(s) of this plan were refused: the plan file asks for something its scan "
              "does not allow (edited by hand, or made elsewhere); nothing was done for them.")
    print(f"{verb} to the trash: {format_bytes(t['moved_to_trash']['bytes'])} in {t['moved_to_trash']['count']} item(s)")
    print(f"{'Would free' if report.dry_run else 'Really freed'} now: {format_bytes(t['freed']['bytes'])} "
          f"(permanent deletions; trashed items free space once the trash is emptied)")
    for cat, b in sorted(t["by_category"].items()):
        print(f"  {cat:12} trash {format_bytes(b['moved_to_trash']['bytes']):>10}   freed {format_bytes(b['freed']['bytes']):>10}")
    for root, b in sorted(t["by_root"].items()):
        print(f"  {printable(display_path(root)) or '?'}: trash {format_bytes(b['moved_to_trash']['bytes'])}, freed {format_bytes(b['freed']['bytes'])}")
    print(f"({UNIT_NOTE}; sizes are the disk space the files used)")
    if report.run_id and not report.dry_run and t["moved_to_trash"]["count"]:
        rid = report.run_id[:8]
        print(f"Undo with: cleanup-desktop undo {rid}   Free the space for good: cleanup-desktop empty-trash {rid}")


def print_notices(actions: list) -> None:
    """Before the question (and in a dry run): drives without a trash, online-only files."""
    from cleanup_desktop.core.disk import trash as disk_trash

    for n in disk_trash.preflight(actions):
        print(printable(f"Note: {display_path(n.root)}: {n.message} ({n.count} item(s), {format_bytes(n.bytes)})"),
              file=sys.stderr)


def run(args) -> int:
    compose.install()
    try:
        plan = load_plan(args.plan)
    except PlanError as exc:
        return fail("clean", str(exc), EXIT_ARGS)
    actions = plan["actions"]
    s = plan.get("summary") or {}
    mail_account = mail_credentials = None
    if any(str(a.get("op", "")).startswith("mail-") for a in actions):
        from cleanup_desktop.cli import clean_mail
        from cleanup_desktop.core.mail.errors import MailError

        try:
            mail_account, mail_credentials = clean_mail.choose(args, plan)
        except MailError as exc:
            return fail("clean", printable(str(exc)), EXIT_ARGS)
    if not args.permanent:
        print_notices(actions)
    if not args.dry_run and not args.yes:
        where = "DELETE PERMANENTLY (no undo)" if args.permanent else "move to the trash"
        if args.plan == "-":
            return fail("clean", "reading the plan from stdin needs --yes or --dry-run", EXIT_ARGS)
        if not confirm(f"{where}: {len(actions)} item(s), {format_bytes(s.get('bytes', 0))} ({UNIT_NOTE})?"):
            print("Nothing done.", file=sys.stderr)
            return EXIT_DECLINED
    bar = ProgressBar()

    def on_outcome(o: Outcome) -> None:
        bar.close()
        print_outcome(o, args.dry_run)

    try:
        report = execute_plan(plan, dry_run=args.dry_run, permanent=args.permanent, progress=bar,
                              on_outcome=on_outcome,
                              mail_account=mail_account, mail_credentials=mail_credentials)
    finally:
        bar.close()
    print_summary(report)
    if report.refused:
        return EXIT_REFUSED
    return EXIT_FAILED if report.by_status("failed") else EXIT_OK

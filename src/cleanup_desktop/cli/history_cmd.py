"""`cleanup-desktop undo [RUN_ID]`, `cleanup-desktop empty-trash [RUN_ID]`, `cleanup-desktop history`"""

from __future__ import annotations

import sys
from typing import Optional

from cleanup_desktop.cli.common import EXIT_ARGS, EXIT_DECLINED, UNIT_NOTE, confirm, fail, number
from cleanup_desktop.core.disk.trash import fditems as trash
from cleanup_desktop.core.run import undo
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core import compose
from cleanup_desktop.core.paths import display_path, printable
from cleanup_desktop.cli.progress_bar import human_bytes as format_bytes


def register(subparsers) -> None:
    u = subparsers.add_parser("undo", help="put back what a run moved to the trash")
    u.add_argument("run", nargs="?", metavar="RUN_ID", help="run id or prefix (default: the latest run with items in the trash)")
    u.set_defaults(func=run_undo)
    e = subparsers.add_parser("empty-trash", help="permanently remove from the trash exactly what a run put there")
    e.add_argument("run", nargs="?", metavar="RUN_ID", help="run id or prefix (default: every run with items in the trash)")
    e.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation (only asked in an interactive terminal)")
    e.add_argument("--older-than", type=_days, metavar="DAYS",
                   help="only items moved to the trash DAYS days ago or more (e.g. after the event's review period)")
    e.set_defaults(func=run_empty)
    h = subparsers.add_parser("history", help="list cleanup runs and what they freed")
    h.set_defaults(func=run_history)


_days = number(float, 0.0, bad="not a number of days: {text!r}", low="the number of days must be 0 or more")


def _pick_run(journal: Journal, prefix: Optional[str]) -> Optional[str]:
    if prefix:
        return journal.find_run(prefix)
    for r in reversed(journal.list_runs()):
        if not r.dry_run and r.totals["trashed"]["count"] > 0:
            return r.run_id
    return None


def _runs_in_trash(journal: Journal) -> list[str]:
    return [r.run_id for r in journal.list_runs() if not r.dry_run and r.totals["trashed"]["count"] > 0]


NOTHING = "nothing to do: no run has items left in the trash"


def warn_journal(journal: Journal) -> None:
    """Journal lines that did not fit the schema were skipped: say which (stderr)."""
    for warning in journal.warnings:
        print(printable(f"warning: journal {warning}"), file=sys.stderr)


def _report(outcomes, cmd: str) -> int:
    failed = 0
    for o in outcomes:
        a = o.action
        if str(a.get("op", "")).startswith("mail-"):  # a message: its folder and id in the mailbox
            where = f"{a.get('folder', '?')} #{a.get('uid', '?')}"
        else:
            where = display_path(o.path or a.get("path", "?"))
        msg = f": {o.message}" if o.message else ""
        print(printable(f"{o.status:12} {where}{msg}"))
        failed += o.status in ("failed", "refused")
    if any(o.status == "unsupported" for o in outcomes):
        print("Opening the trash so you can restore or empty these items yourself.")
        trash.open_trash()
    return 1 if failed else 0


def run_undo(args) -> int:
    compose.install()
    journal = Journal()
    try:
        run_id = _pick_run(journal, args.run)
    except KeyError as exc:
        return fail("undo", exc.args[0], EXIT_ARGS)
    if run_id is None:
        print(f"cleanup-desktop undo: {NOTHING}")
        return 0
    outcomes = undo.undo_run(run_id, journal)
    warn_journal(journal)
    code = _report(outcomes, "undo")
    print(f"Restored {sum(o.status == 'restored' for o in outcomes)} item(s) of run {run_id[:8]}.")
    return code


def run_empty(args) -> int:
    """Without RUN_ID: every run's items still in the trash ("empty what I trashed")."""
    compose.install()
    journal = Journal()
    try:
        run_ids = [journal.find_run(args.run)] if args.run else _runs_in_trash(journal)
    except KeyError as exc:
        return fail("empty-trash", exc.args[0], EXIT_ARGS)
    days = getattr(args, "older_than", None)
    items = []
    for r in run_ids:
        keep = undo._older_than(r, journal, days)
        items += [action for action, done in undo.items_in_trash(r, journal) if keep is None or keep(action, done)]
    count = len(items)
    if not count:
        print(f"cleanup-desktop empty-trash: {NOTHING}" + (f" (none trashed {days:g} days ago or more)" if days else ""))
        return 0
    size = sum(int(a.get("allocated") or a.get("size") or 0) for a in items)
    # The command itself is the request; in an interactive terminal it is confirmed once more,
    # in words, with the count and the size ("No" unless the answer is yes).
    what = f"{count} item{'s' if count != 1 else ''} ({format_bytes(size)})"
    if not args.yes and sys.stdin.isatty() and not confirm(
            f"Permanently remove {what} this app put in the trash (runs {', '.join(r[:8] for r in run_ids)})? "
            "They cannot be restored afterwards."):
        print("Nothing done.", file=sys.stderr)
        return EXIT_DECLINED
    outcomes = [o for r in run_ids for o in undo.empty_run(r, journal, days)]
    warn_journal(journal)
    code = _report(outcomes, "empty-trash")
    freed = sum(o.freed for o in outcomes)
    print(f"Emptied {sum(o.status == 'emptied' for o in outcomes)} item(s): {format_bytes(freed)} really freed ({UNIT_NOTE}).")
    return code


def run_history(args) -> int:
    compose.install()
    journal = Journal()
    runs = journal.list_runs()
    warn_journal(journal)
    if not runs:
        print("No cleanup run yet.")
        return 0
    print(f"{'run':8}  {'started':25} {'kind':10} {'done':>5} {'skip':>5} {'fail':>5} {'in trash':>10} {'freed':>10}  state")
    for r in runs:
        t = r.totals
        c = t["counts"]
        kind = ("dry-run" if r.dry_run else "permanent" if r.permanent else "trash") + ("/mail" if r.source == "mail" else "")
        state = "interrupted" if r.interrupted else "cancelled" if t.get("cancelled") else "finished"
        if c.get("refused"):
            state += f", {c['refused']} refused"
        if c["restored"]:
            state += f", {c['restored']} restored"
        if c["emptied"]:
            state += f", {c['emptied']} emptied"
        print(f"{r.run_id[:8]}  {(r.started or '')[:25]:25} {kind:10} {c['done']:5} {c['skipped']:5} {c['failed']:5} "
              f"{format_bytes(t['trashed']['bytes']):>10} {format_bytes(t['freed']['bytes']):>10}  {state}")
    print(f"({UNIT_NOTE})")
    if any(r.totals["trashed"]["count"] for r in runs if not r.dry_run):
        from cleanup_desktop.core.bilan import compute_bilan, trash_reminder

        reminder = trash_reminder(compute_bilan())
        if reminder:
            print(f"{reminder} (cleanup-desktop empty-trash [--older-than DAYS])")
    if journal.bad_lines:
        print(f"Note: {journal.bad_lines} unreadable journal line(s) ignored (a run was cut short or the file was edited).")
    return 0

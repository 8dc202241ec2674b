"""`cleanup-desktop plan SCAN.json [--keep ...] [--temp] [--duplicates] > PLAN.json`"""

from __future__ import annotations

import sys

from cleanup_desktop.cli.common import EXIT_ARGS, fail
from cleanup_desktop.core.disk import keep_rules
from cleanup_desktop.core.run.plan import PlanError, build_plan, dumps, load_scan
from cleanup_desktop.core import compose
from cleanup_desktop.core.disk.selection import EXTRA_CATEGORIES
from cleanup_desktop.cli.progress_bar import human_bytes as format_bytes


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "plan", help="build a cleanup plan (JSON) from a scan result",
        description="Build a plan from a scan result: duplicates (every copy but the kept one) and "
                    "safe temporary files (level S). With neither --duplicates nor --temp, both.")
    p.add_argument("scan", metavar="SCAN.json", nargs="?", help="scan result from `cleanup-desktop scan --json` (- for stdin)")
    p.add_argument("--keep", action="extend", nargs="+", default=[], metavar="CRITERION",
                   help="which copy of a duplicate group stays; several (--keep a b, or --keep a --keep b) "
                        "break ties in order: "
                        + ", ".join(keep_rules.CRITERIA_NAMES)
                        + f" (default: {', '.join(keep_rules.DEFAULT_CRITERIA)}). "
                          "reference:DIR keeps the copy in DIR and never plans anything inside DIR. "
                          "For a mail scan: folder:NAME, newest or oldest (else the INBOX copy, else the "
                          "oldest; never a copy in Trash/Junk/Drafts or flagged \\Deleted)")
    p.add_argument("--duplicates", action="store_true", help="plan duplicate copies")
    p.add_argument("--temp", action="store_true", help="plan temporary files of safety level S")
    for kind, text in (("empty-folders", "empty folders (top-most)"), ("empty-files", "empty files"),
                       ("broken-links", "symbolic links whose target is missing"),
                       ("duplicate-folders", "every copy but the kept one of folders whose whole content is identical"),
                       ("similar-images", "similar photos, keeping the largest resolution of each group")):
        p.add_argument("--" + kind, action="store_true", help=f"also plan {text} (never planned by default)")
    p.add_argument("-o", "--output", metavar="PLAN.json", help="write the plan there instead of stdout")
    p.set_defaults(func=run)


def _is_criterion(text: str) -> bool:
    """Whether ``text`` is written like a criterion (its folder, if any, is checked later)."""
    text = text.strip()
    if text.startswith((keep_rules.REFERENCE_PREFIX, keep_rules.PREFER_PREFIX)):
        return True
    return text in keep_rules.CRITERIA_NAMES


def run(args) -> int:
    compose.install()
    if args.scan is None and args.keep and not _is_criterion(args.keep[-1]):
        args.scan = args.keep.pop()  # `plan --keep newest SCAN.json`: the file came after the criteria
    if args.scan is None:
        return fail("plan", "error: the scan result SCAN.json is required", EXIT_ARGS)
    both = not args.duplicates and not args.temp
    try:
        keep_rules.check_folders(args.keep)
        scan = load_scan(args.scan)
        extra = [k for k in EXTRA_CATEGORIES if getattr(args, k)]
        plan = build_plan(scan, keep=args.keep, duplicates=both or args.duplicates, temp=both or args.temp, extra=extra)
    except (PlanError, keep_rules.KeepRuleError) as exc:
        return fail("plan", str(exc), EXIT_ARGS)
    text = dumps(plan) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
    s = plan["summary"]
    parts = ", ".join(f"{c}: {v['count']} ({format_bytes(v['bytes'])})" for c, v in sorted(s["by_category"].items()))
    print(f"Plan {plan['plan_id'][:8]}: {s['actions']} action(s), {format_bytes(s['bytes'])}"
          + (f" - {parts}" if parts else "") + " (1 GB = 10^9 bytes)", file=sys.stderr)
    if scan.get("cancelled"):
        print("Note: the scan was cancelled, so this plan covers only what it found.", file=sys.stderr)
    return 0

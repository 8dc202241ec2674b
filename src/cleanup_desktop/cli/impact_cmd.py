"""`cleanup-desktop impact`: kg CO2e of declared volumes and counts, per line and in total."""

from __future__ import annotations

import json
import sys

from cleanup_desktop.cli.common import EXIT_ARGS, fail
from cleanup_desktop.cli.impact_args import (
    add_method_args,
    format_kg,
    method_from_args,
    non_negative_float,
    non_negative_int,
)
from cleanup_desktop.core.impact import UNIT_NOTE_EN, MethodError, Quantities, compute, equivalences


def register(sub) -> None:
    p = sub.add_parser(
        "impact",
        help="kg CO2e of what you deleted (declared Go and counts)",
        description="Convert declared volumes and counts into kg CO2e with a sourced method. "
        f"{UNIT_NOTE_EN}. Per-file counts are for files whose volume you do not know: "
        "do not give both a volume and a count for the same files.",
    )
    p.add_argument("--cloud-go", type=non_negative_float, default=0.0, metavar="X",
                   help="Go deleted on servers (cloud drives, mailboxes, network shares)")
    p.add_argument("--local-go", type=non_negative_float, default=0.0, metavar="Y",
                   help="Go deleted on your own disks")
    p.add_argument("--emails", type=non_negative_int, default=0, metavar="N", help="emails deleted")
    p.add_argument("--files-cloud", type=non_negative_int, default=0, metavar="N",
                   help="cloud files deleted whose volume is unknown")
    p.add_argument("--files-local", type=non_negative_int, default=0, metavar="N",
                   help="local files deleted whose volume is unknown")
    p.add_argument("--apps", type=non_negative_int, default=0, metavar="N", help="applications uninstalled")
    add_method_args(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def print_result(result, out=sys.stdout) -> None:
    print(f"Method: {result.method_name} [{result.method_id} {result.method_version}]", file=out)
    print(f"Unit: {result.unit}", file=out)
    for ln in result.lines:
        rng = f"  (range {format_kg(ln.kg_low)} - {format_kg(ln.kg_high)})" if ln.kg_low != ln.kg_high else ""
        if ln.covered:
            factor = f"x {ln.factor:g} {ln.factor_unit}"
            period = {"annual": "per year", "one-off": "one-off", "mixed": "first year"}[ln.period]
            print(f"  {ln.label_en}: {ln.quantity:,.6g} {ln.quantity_unit} {factor} = "
                  f"{format_kg(ln.kg)} CO2e {period}{rng}", file=out)
            if ln.period == "mixed":
                print(f"      of which {format_kg(ln.kg_annual)} per year + {format_kg(ln.kg_one_off)} one-off",
                      file=out)
        else:
            print(f"  {ln.label_en}: {ln.quantity:,.6g} {ln.quantity_unit}: {ln.note}", file=out)
        if ln.note and ln.covered:
            print(f"      note: {ln.note}", file=out)
    rng = f"  (range {format_kg(result.kg_low)} - {format_kg(result.kg_high)})" if result.kg_low != result.kg_high else ""
    print(f"Total: {format_kg(result.kg)} CO2e, {result.total_label}{rng}", file=out)
    if result.kg_annual and result.kg_one_off:
        print(f"  = {format_kg(result.kg_annual)} per year of avoided storage + "
              f"{format_kg(result.kg_one_off)} one-off", file=out)


def _tidy(value):
    """Floats without binary noise (57.42395, not 57.423950000000005): 9 significant digits
    are far more than any factor's precision."""
    if isinstance(value, float):
        return float(f"{value:.9g}")
    if isinstance(value, dict):
        return {k: _tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_tidy(v) for v in value]
    return value


def run(args) -> int:
    try:
        method = method_from_args(args)
        q = Quantities(go_cloud=args.cloud_go, go_local=args.local_go, emails=args.emails,
                       files_cloud=args.files_cloud, files_local=args.files_local, apps=args.apps)
    except (MethodError, ValueError) as exc:
        return fail("impact", str(exc), EXIT_ARGS)
    result = compute(q, method)
    eqs = equivalences(result.kg, method)
    if args.json:
        d = result.to_dict()
        d["equivalences"] = [e.to_dict() for e in eqs]
        json.dump(_tidy(d), sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print_result(result)
    for e in eqs:
        print(f"  ~ {e.value:,.2f} {e.unit_en}  [{e.source}]")
    return 0

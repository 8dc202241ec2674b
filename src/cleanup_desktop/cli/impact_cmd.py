"""`cleanup-desktop impact`: kg CO2e of declared volumes and counts, per line and in total."""

from __future__ import annotations

import argparse
import json
import sys

from cleanup_desktop.core.impact import (
    UNIT_NOTE_EN,
    MethodError,
    Quantities,
    compute,
    custom_method,
    equivalences,
    get_method,
)
from cleanup_desktop.core.impact.compute import fixed


def _non_negative(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < 0:
            raise argparse.ArgumentTypeError(f"must not be negative: {text}")
        return value
    return parse


def _factor(text: str) -> tuple[str, float]:
    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected KEY=GRAMS, got {text!r}")
    return key.strip(), _non_negative(float)(value)


def register(sub) -> None:
    p = sub.add_parser(
        "impact",
        help="kg CO2e of what you deleted (declared Go and counts)",
        description="Convert declared volumes and counts into kg CO2e with a sourced method. "
        f"{UNIT_NOTE_EN}. Per-file counts are for files whose volume you do not know: "
        "do not give both a volume and a count for the same files.",
    )
    p.add_argument("--cloud-go", type=_non_negative(float), default=0.0, metavar="X",
                   help="Go deleted on servers (cloud drives, mailboxes, network shares)")
    p.add_argument("--local-go", type=_non_negative(float), default=0.0, metavar="Y",
                   help="Go deleted on your own disks")
    p.add_argument("--emails", type=_non_negative(int), default=0, metavar="N", help="emails deleted")
    p.add_argument("--files-cloud", type=_non_negative(int), default=0, metavar="N",
                   help="cloud files deleted whose volume is unknown")
    p.add_argument("--files-local", type=_non_negative(int), default=0, metavar="N",
                   help="local files deleted whose volume is unknown")
    p.add_argument("--apps", type=_non_negative(int), default=0, metavar="N", help="applications uninstalled")
    add_method_args(p)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def add_method_args(p) -> None:
    """--method, and the custom method's own factors (shared by impact, report, aggregate)."""
    p.add_argument("--method", default=None, metavar="ID",
                   help="method id (see `cleanup-desktop methods`); default: the INR national form")
    p.add_argument("--factor", type=_factor, action="append", default=[], metavar="KEY=GRAMS",
                   help="with --method custom: a factor in grams CO2e (go_cloud, go_local, email, "
                   "file_cloud, file_local, app); may be repeated")
    p.add_argument("--kwh-per-go-year", type=_non_negative(float), metavar="KWH",
                   help="with --method custom: energy x grid, kWh per Go per year of server storage")
    p.add_argument("--grid-kg-per-kwh", type=_non_negative(float), metavar="KG",
                   help="with --method custom: energy x grid, kg CO2e per kWh of the grid")


def method_from_args(args):
    method = get_method(args.method)
    energy = args.kwh_per_go_year is not None or args.grid_kg_per_kwh is not None
    if args.factor or energy:
        if not method.custom:
            raise MethodError("--factor and energy x grid only go with --method custom")
        method = custom_method(dict(args.factor), kwh_per_go_year=args.kwh_per_go_year,
                               grid_kg_per_kwh=args.grid_kg_per_kwh)
    return method


def format_kg(kg: float) -> str:
    if kg >= 10:
        return f"{fixed(kg, 2)} kg"
    if kg >= 0.01 or kg == 0:
        return f"{fixed(kg, 3)} kg"
    return f"{kg * 1000:.3g} g"


def format_go(go: float) -> str:
    return f"{go:,.3f} Go" if go >= 1 or go == 0 else f"{go:.6f} Go"


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
        print(f"cleanup-desktop impact: {exc}", file=sys.stderr)
        return 2
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

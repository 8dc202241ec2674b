"""The CO2e method options (``--method``, ``--factor``, energy x grid) and the kg/Go wording
shared by the impact, report and aggregate commands."""

from __future__ import annotations

import argparse

from cleanup_desktop.cli.common import number
from cleanup_desktop.core.impact import MethodError, custom_method, get_method
from cleanup_desktop.core.impact.compute import fixed

non_negative_int = number(int)
non_negative_float = number(float)


def factor_arg(text: str) -> tuple[str, float]:
    key, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError(f"expected KEY=GRAMS, got {text!r}")
    return key.strip(), non_negative_float(value)


def add_method_args(p) -> None:
    """--method, and the custom method's own factors (shared by impact, report, aggregate)."""
    p.add_argument("--method", default=None, metavar="ID",
                   help="method id (see `cleanup-desktop methods`); default: the INR national form")
    p.add_argument("--factor", type=factor_arg, action="append", default=[], metavar="KEY=GRAMS",
                   help="with --method custom: a factor in grams CO2e (go_cloud, go_local, email, "
                   "file_cloud, file_local, app); may be repeated")
    p.add_argument("--kwh-per-go-year", type=non_negative_float, metavar="KWH",
                   help="with --method custom: energy x grid, kWh per Go per year of server storage")
    p.add_argument("--grid-kg-per-kwh", type=non_negative_float, metavar="KG",
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



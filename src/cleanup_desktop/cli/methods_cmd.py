"""`cleanup-desktop methods`: the CO2e methods shipped, with every factor and its source."""

from __future__ import annotations

import json
import sys

from cleanup_desktop.core.impact import UNIT_NOTE_EN, list_methods
from cleanup_desktop.core.impact.classify import counting, counting_rules


def register(sub) -> None:
    p = sub.add_parser("methods", help="list the CO2e methods and their sources",
                       description=f"List the CO2e methods with their factors and sources. {UNIT_NOTE_EN}.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    methods = list_methods()
    if args.json:
        json.dump({"unit": UNIT_NOTE_EN, "counting": counting(), "methods": [m.to_dict() for m in methods]},
                  sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    print(f"Unit: {UNIT_NOTE_EN}")
    print("How items are counted (every method):")
    for rule in counting_rules("en"):
        print(f"  - {rule}")
    for m in methods:
        tags = [t for t, on in (("default", m.default), ("LEGACY", m.legacy), ("user factors", m.custom)) if on]
        print(f"\n{m.id}  {m.name_en}" + (f"  [{', '.join(tags)}]" if tags else ""))
        print(f"  source: {m.source}" + (f" <{m.url}>" if m.url else ""))
        for f in m.factors.values():
            rng = f" (range {f.low_g:g}-{f.high_g:g})" if f.low_g is not None else ""
            when = " (only items with no known volume)" if f.applies == "without-volume" else ""
            print(f"  {f.key:<10} {f.value_g:g} {f.unit_label}{rng}{when}  - {f.source}")
        if m.note_en:
            print(f"  note: {m.note_en}")
        if m.reemploi is not None:  # beyond data: devices kept in use, shown apart
            per = ", ".join(f"{d} {kg:g}" for d, kg in m.reemploi.kg_per_device.items())
            print(f"  reemploi   kg CO2e per device, one-off ({per}); counts: "
                  f"{', '.join(m.reemploi.counted_actions)}  - {m.reemploi.source}")
        if m.recyclage is not None:
            print(f"  recyclage  weights only, no CO2e  - {m.recyclage.source}")
    return 0

"""`cleanup-desktop devices`: declare what you did with your devices (réemploi, recyclage).

The declaration is kept per event in the data folder (``declared-devices.json``), shared with
the desktop app, and goes into every sheet ``report`` writes for that event. The options
(``--devices``, ``--reemploi``, ``--recyclage``, ``--confirm-large``) are shared with ``report``."""

from __future__ import annotations

import argparse
import json
import sys

from cleanup_desktop.cli.common import EXIT_ARGS, fail
from cleanup_desktop.cli.impact_args import format_kg
from cleanup_desktop.core.devices import (
    CONFIRM_COUNT,
    CONFIRM_KG,
    DEVICES,
    RECYCLAGE_DEVICES,
    ConfirmationNeeded,
    DeviceActions,
    DeviceError,
    apply_spec,
    load_declared,
    recyclage_summary,
    reemploi_impact,
    save_declared,
    store_path,
)
from cleanup_desktop.core.impact import MethodError


def add_device_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group(
        "beyond data: your devices",
        "What you did with your devices, in the INR form's names. Devices: " + ", ".join(DEVICES)
        + " (recyclage also: divers). Kept per event in the data folder and shared with the desktop app.")
    g.add_argument("--devices", metavar="FILE",
                   help='JSON {"reemploi": {"smartphone": {"don": 2}}, "recyclage": {"divers": '
                   '{"quantite": 1, "poidsKg": 2.5}}}; replaces the stored declaration')
    g.add_argument("--reemploi", action="append", default=[], metavar="DEVICE:ACTION=N[,...]",
                   help="e.g. smartphone:don=2,reparation=1 (actions: don, reparation, protection, "
                   "reutilisation); may be repeated")
    g.add_argument("--recyclage", action="append", default=[], metavar="DEVICE:quantite=N,poidsKg=KG",
                   help="e.g. ordinateurPortable:quantite=1,poidsKg=2,5 (a decimal comma is fine); may be repeated")
    g.add_argument("--confirm-large", action="store_true",
                   help=f"accept unusually large values (more than {CONFIRM_COUNT} of one device, "
                   f"more than {CONFIRM_KG:g} kg on one line)")


def devices_from_args(args, event_id) -> tuple[DeviceActions, bool]:
    """The declaration for ``event_id`` after applying the options, and whether it changed
    (then it is validated and saved). Raises DeviceError / ConfirmationNeeded / OSError."""
    changed = bool(args.devices or args.reemploi or args.recyclage)
    if args.devices:
        with open(args.devices, encoding="utf-8-sig") as fh:
            try:
                raw = json.load(fh)
            except ValueError as exc:
                raise DeviceError(f"{args.devices} is not valid JSON ({exc})") from None
        actions = DeviceActions.from_dict(raw)
    else:
        actions = load_declared(event_id)
    for spec in args.reemploi:
        apply_spec(actions, "reemploi", spec)
    for spec in args.recyclage:
        apply_spec(actions, "recyclage", spec)
    if changed:
        actions.validated(confirm_large=args.confirm_large)
        save_declared(actions, event_id)
    return actions, changed


def device_error_text(exc: Exception) -> str:
    if isinstance(exc, ConfirmationNeeded):
        return f"{exc}; add --confirm-large if they are right"
    return str(exc)


def summary_lines(actions: DeviceActions, method=None) -> list[str]:
    reuse = reemploi_impact(actions.reemploi_section(), method)
    rec = recyclage_summary(actions.recyclage_section(), method)
    lines = []
    if reuse.declared:
        lines.append(f"Réemploi: {reuse.devices} device(s) donated, repaired, protected or reused -> "
                     f"{format_kg(reuse.kg)} CO2e of avoided manufacturing (one-off, never added to the data figure)")
        for ln in reuse.lines:
            lines.append(f"  {ln.device}: {ln.devices} x {ln.kg_per_device:g} kg = {format_kg(ln.kg)} CO2e")
    if rec.quantity or rec.weight_kg:
        lines.append(f"Recyclage: {rec.quantity} device(s), {rec.weight_kg:g} kg handed in (weights only, no CO2e)")
        for device, c in rec.by_device.items():
            lines.append(f"  {device}: {c['quantite']}, {c['poidsKg']:g} kg")
    return lines


def register(sub) -> None:
    p = sub.add_parser(
        "devices",
        help="declare what you did with your devices (donated, repaired, protected, reused, recycled)",
        description="Show or change your declaration of devices kept in use (réemploi) and handed in for "
        "recycling (recyclage) for one event. Réemploi counts as the devices' avoided manufacturing "
        "(INR method, ADEME Base Empreinte), shown apart from the data figure; recycling as weights only.",
    )
    p.add_argument("--event-id", metavar="ID", help="the event's number (as given to `report`)")
    add_device_args(p)
    p.add_argument("--clear", action="store_true", help="forget the declaration of this event")
    p.add_argument("--json", action="store_true", help="print the declaration and its figures as JSON")
    p.set_defaults(func=run)


def run(args) -> int:
    from cleanup_desktop.core.devices import devices_summary

    try:
        if args.clear:
            save_declared(DeviceActions(), args.event_id)
        actions, changed = devices_from_args(args, args.event_id)
    except (DeviceError, MethodError, OSError) as exc:
        return fail("devices", device_error_text(exc), EXIT_ARGS)
    if args.json:
        json.dump({"event_id": args.event_id, **actions.to_dict(),
                   **devices_summary(actions.reemploi_section(), actions.recyclage_section())},
                  sys.stdout, indent=2, ensure_ascii=False)
        print()
        return 0
    if changed or args.clear:
        print(f"Saved in {store_path()}")
    lines = summary_lines(actions)
    print("\n".join(lines) if lines else "Nothing declared for this event. Devices: "
          + ", ".join(RECYCLAGE_DEVICES))
    return 0

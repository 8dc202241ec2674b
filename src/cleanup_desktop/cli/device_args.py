"""The device options (``--devices``, ``--reemploi``, ``--recyclage``, ``--confirm-large``)
and their wording, shared by the ``devices`` and ``report`` commands."""

from __future__ import annotations

import argparse
import json

from cleanup_desktop.cli.impact_args import format_kg
from cleanup_desktop.core.devices import (
    CONFIRM_COUNT,
    CONFIRM_KG,
    DEVICES,
    ConfirmationNeeded,
    DeviceActions,
    DeviceError,
    apply_spec,
    load_declared,
    recyclage_summary,
    reemploi_impact,
    save_declared,
)


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

"""`cleanup-desktop devices`: declare what you did with your devices (réemploi, recyclage).

The declaration is kept per event in the data folder (``declared-devices.json``), shared with
the desktop app, and goes into every sheet ``report`` writes for that event. The options
(``--devices``, ``--reemploi``, ``--recyclage``, ``--confirm-large``) are shared with ``report``."""

from __future__ import annotations

import json
import sys

from cleanup_desktop.cli.common import EXIT_ARGS, fail
from cleanup_desktop.cli.device_args import add_device_args, device_error_text, devices_from_args, summary_lines
from cleanup_desktop.core.devices import RECYCLAGE_DEVICES, DeviceActions, DeviceError, save_declared, store_path
from cleanup_desktop.core.impact import MethodError


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

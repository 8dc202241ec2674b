"""The devices declaration (réemploi / recyclage of the INR form): thin calls into core.devices.

The form (widgets/devices_form.py) gets its rows, limits and figures here; core errors come
back as their message (None when all went well), so the widget never names a core type.
"""

from __future__ import annotations

from dataclasses import dataclass

from cleanup_desktop.gui.engine.impact import get_method


@dataclass(frozen=True)
class DevicesLayout:
    """What the form shows: every device row (recyclage), the rows that also take réemploi
    counts, the réemploi actions in column order, and the limits."""

    rows: tuple[str, ...]
    reemploi_rows: tuple[str, ...]
    actions: tuple[str, ...]
    max_count: int
    confirm_count: int
    confirm_kg: float


def devices_layout() -> DevicesLayout:
    from cleanup_desktop.core.devices import CONFIRM_COUNT, CONFIRM_KG, DEVICES, RECYCLAGE_DEVICES, REEMPLOI_ACTIONS
    from cleanup_desktop.core.devices.model import MAX_COUNT

    return DevicesLayout(tuple(RECYCLAGE_DEVICES), tuple(DEVICES), tuple(REEMPLOI_ACTIONS), MAX_COUNT,
                         CONFIRM_COUNT, CONFIRM_KG)


def empty_devices():
    """A declaration with nothing declared (core.devices.DeviceActions)."""
    from cleanup_desktop.core.devices import DeviceActions

    return DeviceActions()


def load_devices(event_id: str | None):
    """(the declaration saved for the event, None) or (an empty one, why the saved one could
    not be read)."""
    from cleanup_desktop.core.devices import DeviceActions, DeviceError, load_declared

    try:
        return load_declared(event_id), None
    except DeviceError as exc:
        return DeviceActions(), str(exc)


def parse_weight(value, where: str) -> float | None:
    """A weight in kg as the core accepts it ("2.5", "1 234,5", a number), or None."""
    from cleanup_desktop.core.devices import DeviceError, parse_kg

    try:
        return parse_kg(value, where)
    except DeviceError:
        return None


def save_devices(actions, event_id: str | None) -> str | None:
    """Validate (large numbers already confirmed) and store the declaration for the event;
    returns None, or why it was not saved."""
    from cleanup_desktop.core.devices import DeviceError, save_declared

    try:
        actions.validated(confirm_large=True)
        save_declared(actions, event_id)
    except (DeviceError, OSError) as exc:
        return str(exc)
    return None


def devices_figures(actions, method_id: str):
    """(réemploi impact, recyclage summary) of a declaration with the chosen method."""
    from cleanup_desktop.core.devices import recyclage_summary, reemploi_impact

    method = get_method(method_id)
    return reemploi_impact(actions.reemploi_section(), method), recyclage_summary(actions.recyclage_section(), method)

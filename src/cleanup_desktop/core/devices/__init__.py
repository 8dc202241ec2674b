"""Beyond data: what the participant did with their devices (réemploi: donate, repair,
protect, reuse; recyclage: hand in for recycling), validated, stored per event, and turned
into kg CO2e of avoided manufacturing (réemploi only; recycling is shown as weights).
No Qt."""

from cleanup_desktop.core.devices.impact import (
    ReemploiImpact,
    RecyclageSummary,
    devices_summary,
    recyclage_summary,
    reemploi_impact,
)
from cleanup_desktop.core.devices.model import (
    CONFIRM_COUNT,
    CONFIRM_KG,
    DEVICES,
    RECYCLAGE_DEVICES,
    RECYCLAGE_FIELDS,
    REEMPLOI_ACTIONS,
    ConfirmationNeeded,
    DeviceActions,
    DeviceError,
    Large,
    apply_spec,
    parse_count,
    parse_kg,
)
from cleanup_desktop.core.devices.store import load_declared, save_declared, store_path

__all__ = [
    "CONFIRM_COUNT", "CONFIRM_KG", "DEVICES", "RECYCLAGE_DEVICES", "RECYCLAGE_FIELDS", "REEMPLOI_ACTIONS",
    "ConfirmationNeeded", "DeviceActions", "DeviceError", "Large", "RecyclageSummary",
    "apply_spec", "ReemploiImpact",
    "devices_summary", "load_declared", "parse_count", "parse_kg", "recyclage_summary", "reemploi_impact",
    "save_declared", "store_path",
]

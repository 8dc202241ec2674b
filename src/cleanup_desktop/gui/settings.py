"""User preferences of the desktop app, persisted in an INI file under the user config dir."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields

from PySide6.QtCore import QByteArray, QSettings

from cleanup_desktop.core import paths


@dataclass
class Preferences:
    method: str = "inr-dcd-bilan"  # CO2e method id (core.impact registry)
    min_size: int = 1024  # smallest file considered for duplicates, bytes
    exclusions: list[str] = field(default_factory=list)
    paranoid: bool = False  # byte-by-byte compare before calling files identical
    permanent: bool = False  # delete permanently instead of moving to the trash
    language: str = ""  # "" follows the system, else "fr" / "en"
    event_id: str = ""
    team: str = ""
    participant: str = ""
    roots: list[str] = field(default_factory=list)  # folders last chosen for the scan
    temp: bool = True
    large: bool = True
    old: bool = True
    similar_images: bool = True  # group similar photos (resized, re-compressed copies)
    # The "custom" CO2e method's own factors, g CO2e per GB (10^9 bytes): 0 = the method's default.
    custom_cloud_g: float = 0.0  # per GB of server storage per year
    custom_local_g: float = 0.0  # per GB freed on local disks


def settings_path() -> str:
    return os.path.join(paths.config_dir(), "gui.ini")


def open_settings() -> QSettings:
    path = settings_path()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return QSettings(path, QSettings.Format.IniFormat)


def load_preferences() -> Preferences:
    s = open_settings()
    prefs = Preferences()
    for f in fields(Preferences):
        if not s.contains(f"prefs/{f.name}"):
            continue
        raw = s.value(f"prefs/{f.name}")
        default = getattr(prefs, f.name)
        try:
            if isinstance(default, bool):
                value = raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
            elif isinstance(default, float):
                value = max(0.0, float(raw))
            elif isinstance(default, int):
                value = max(0, int(raw))
            elif isinstance(default, list):
                value = [str(x) for x in (raw if isinstance(raw, list) else [raw] if raw else [])]
            else:
                value = str(raw)
        except (TypeError, ValueError):
            continue  # a hand-edited or damaged value: keep the default
        setattr(prefs, f.name, value)
    return prefs


def save_preferences(prefs: Preferences) -> None:
    s = open_settings()
    for name, value in asdict(prefs).items():
        s.setValue(f"prefs/{name}", value)
    s.sync()


def save_geometry(key: str, data: QByteArray) -> None:
    s = open_settings()
    s.setValue(f"window/{key}", data)
    s.sync()


def load_geometry(key: str) -> QByteArray | None:
    value = open_settings().value(f"window/{key}")
    return value if isinstance(value, QByteArray) else None

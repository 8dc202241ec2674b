"""The device tables of a method file, validated: réemploi footprints per device and the
recyclage material split (``[reemploi]`` and ``[recyclage]``; see core.devices.impact for what
they are worth)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Mapping, Optional

from cleanup_desktop.core.devices.model import DEVICES, RECYCLAGE_DEVICES, REEMPLOI_ACTIONS
from cleanup_desktop.core.impact.errors import MethodError

MATERIALS = ("reutilisee", "recyclee", "valorisee", "detruite")


@dataclass(frozen=True)
class ReemploiFactors:
    kg_per_device: Mapping[str, float]  # kg CO2e of making one device
    counted_actions: tuple[str, ...]  # which réemploi actions count for CO2e
    source: str
    url: str = ""
    note_en: str = ""
    note_fr: str = ""

    def to_dict(self) -> dict:
        return {"unit": "kg CO2e", "scope": "per-device", "period": "one-off",
                "kg_per_device": dict(self.kg_per_device), "counted_actions": list(self.counted_actions),
                "source": self.source, "url": self.url, "note_en": self.note_en, "note_fr": self.note_fr}


@dataclass(frozen=True)
class RecyclageRates:
    shares: Mapping[str, float]  # material outcome -> share of the weight
    source: str
    url: str = ""
    note_en: str = ""
    note_fr: str = ""

    def to_dict(self) -> dict:
        return {"shares": dict(self.shares), "source": self.source, "url": self.url,
                "note_en": self.note_en, "note_fr": self.note_fr}


def _text(raw: Mapping, key: str, where: str, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise MethodError(f"{where}: '{key}' must be a non-empty text")
    return value


def _positive(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise MethodError(f"{where}: expected a positive number, got {value!r}")
    return float(value)


def _section(raw: Any, where: str, name: str) -> str:
    where = f"{where}: [{name}]"
    if not isinstance(raw, Mapping):
        raise MethodError(f"{where}: expected a table")
    return where


def parse_reemploi_factors(raw: Any, where: str) -> Optional[ReemploiFactors]:
    if raw is None:
        return None
    where = _section(raw, where, "reemploi")
    if raw.get("unit", "kg CO2e") != "kg CO2e" or raw.get("scope", "per-device") != "per-device":
        raise MethodError(f"{where}: unit must be 'kg CO2e' and scope 'per-device'")
    devices = raw.get("devices")
    if not isinstance(devices, Mapping) or set(devices) != set(DEVICES):
        raise MethodError(f"{where}: 'devices' must give a value for exactly {', '.join(DEVICES)}")
    actions = raw.get("counted_actions")
    if (not isinstance(actions, list) or not actions or len(set(actions)) != len(actions)
            or not set(actions) <= set(REEMPLOI_ACTIONS)):
        raise MethodError(f"{where}: 'counted_actions' must list some of {', '.join(REEMPLOI_ACTIONS)}")
    return ReemploiFactors(
        kg_per_device={d: _positive(devices[d], f"{where}: {d}") for d in DEVICES},
        counted_actions=tuple(a for a in REEMPLOI_ACTIONS if a in actions),
        source=_text(raw, "source", where), url=_text(raw, "url", where, required=False),
        note_en=str(raw.get("note_en", "")), note_fr=str(raw.get("note_fr", "")),
    )


def parse_recyclage_rates(raw: Any, where: str) -> Optional[RecyclageRates]:
    if raw is None:
        return None
    where = _section(raw, where, "recyclage")
    shares = raw.get("materials")
    if not isinstance(shares, Mapping) or set(shares) != set(MATERIALS):
        raise MethodError(f"{where}: 'materials' must give a share for exactly {', '.join(MATERIALS)}")
    values = {m: _positive(shares[m], f"{where}: {m}") for m in MATERIALS}
    if abs(sum(values.values()) - 1.0) > 0.001:
        raise MethodError(f"{where}: the material shares add up to {sum(values.values()):g}, not 1")
    return RecyclageRates(shares=values, source=_text(raw, "source", where),
                          url=_text(raw, "url", where, required=False),
                          note_en=str(raw.get("note_en", "")), note_fr=str(raw.get("note_fr", "")))

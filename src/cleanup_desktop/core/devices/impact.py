"""CO2e of réemploi and the weights of recyclage, from the method files' data.

Réemploi: every device kept in use avoids making a new one, so each counted device is worth
its manufacturing footprint (INR DCD-Bilan methodology, "DCD Réemploi": ADEME Base Empreinte,
smartphone 30 kg, laptop 156 kg, desktop 175 kg, screen 80 kg, tablet 63 kg CO2e). This is a
one-off figure of its own: it is never added to the data figure (Go freed, kg of the data
lines). Recyclage: weights only (the INR method computes no CO2e for it), with the ADEME WEEE
stream's split of what becomes of the material.

A method file carries these as ``[reemploi]`` and ``[recyclage]`` tables; a method without
them (the alternatives only cover stored data) uses the default method's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional

from cleanup_desktop.core.devices.model import DEVICES, KG_DECIMALS, RECYCLAGE_DEVICES, REEMPLOI_ACTIONS
from cleanup_desktop.core.impact.methods import MethodError

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


def _with_fallback(method, attr: str):
    """The method's own table, else the default method's (alternatives cover data only)."""
    from cleanup_desktop.core.impact.methods import get_method

    own = getattr(method, attr, None) if method is not None else None
    if own is not None:
        return own, method.id
    default = get_method()
    return getattr(default, attr), default.id


@dataclass
class ReemploiLine:
    device: str
    devices: int  # counted devices (sum of the counted actions)
    kg_per_device: float
    kg: float


@dataclass
class ReemploiImpact:
    lines: list[ReemploiLine] = field(default_factory=list)
    devices: int = 0  # counted devices
    declared: int = 0  # every action declared (counted or not)
    kg: float = 0.0
    method_id: str = ""
    factors: Optional[ReemploiFactors] = None

    def to_dict(self) -> dict:
        f = self.factors
        return {
            "kg_co2e": round(self.kg, 6), "devices": self.devices, "declared_actions": self.declared,
            "period": "one-off", "label": "avoided manufacturing of new devices (one-off, not part of the data figure)",
            "method": self.method_id, "counted_actions": list(f.counted_actions) if f else [],
            "source": f.source if f else "", "url": f.url if f else "",
            "lines": [{"device": ln.device, "devices": ln.devices, "kg_per_device": ln.kg_per_device,
                       "kg_co2e": round(ln.kg, 6)} for ln in self.lines],
        }


def reemploi_impact(section: Optional[Mapping], method=None) -> ReemploiImpact:
    """kg CO2e of a ``reemploi`` section (INR names) under ``method``'s manufacturing
    footprints: counted devices x kg per device, per device and in total."""
    factors, mid = _with_fallback(method, "reemploi")
    out = ReemploiImpact(method_id=mid, factors=factors)
    for device in DEVICES:
        counts = (section or {}).get(device) or {}
        out.declared += sum(int(counts.get(a, 0) or 0) for a in REEMPLOI_ACTIONS)
        n = sum(int(counts.get(a, 0) or 0) for a in factors.counted_actions)
        if n:
            kg = n * factors.kg_per_device[device]
            out.lines.append(ReemploiLine(device, n, factors.kg_per_device[device], kg))
            out.devices += n
            out.kg += kg
    return out


@dataclass
class RecyclageSummary:
    quantity: int = 0
    weight_kg: float = 0.0
    by_device: dict[str, dict] = field(default_factory=dict)
    materials_kg: dict[str, float] = field(default_factory=dict)
    rates: Optional[RecyclageRates] = None

    def to_dict(self) -> dict:
        r = self.rates
        return {"quantity": self.quantity, "weight_kg": round(self.weight_kg, KG_DECIMALS),
                "by_device": self.by_device, "materials_kg": self.materials_kg,
                "note": "weights only: no CO2e is computed for recycling",
                "source": r.source if r else "", "url": r.url if r else ""}


def recyclage_summary(section: Optional[Mapping], method=None) -> RecyclageSummary:
    """Devices and kg handed in for recycling, and the WEEE stream's split of that weight."""
    rates, _mid = _with_fallback(method, "recyclage")
    out = RecyclageSummary(rates=rates)
    for device in RECYCLAGE_DEVICES:
        counts = (section or {}).get(device) or {}
        q, kg = int(counts.get("quantite", 0) or 0), float(counts.get("poidsKg", 0) or 0)
        if q or kg:
            out.by_device[device] = {"quantite": q, "poidsKg": round(kg, KG_DECIMALS)}
        out.quantity += q
        out.weight_kg += kg
    out.weight_kg = round(out.weight_kg, KG_DECIMALS)
    if rates is not None:
        out.materials_kg = {m: round(out.weight_kg * s, KG_DECIMALS) for m, s in rates.shares.items()}
    return out


def devices_summary(reemploi: Optional[Mapping], recyclage: Optional[Mapping], method=None) -> dict:
    """The derived figures a sheet or an aggregate shows next to (never inside) the data figure."""
    return {"reemploi": reemploi_impact(reemploi, method).to_dict(),
            "recyclage": recyclage_summary(recyclage, method).to_dict()}

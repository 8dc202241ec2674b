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

from dataclasses import dataclass, field
from typing import Mapping, Optional

from cleanup_desktop.core.devices.model import DEVICES, KG_DECIMALS, RECYCLAGE_DEVICES, REEMPLOI_ACTIONS

from cleanup_desktop.core.devices.factors import (MATERIALS, RecyclageRates, ReemploiFactors,  # noqa: F401
                                                 parse_recyclage_rates, parse_reemploi_factors)


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

"""The CO2e arithmetic: quantities x method factors -> kg per line, with ranges and periods.

Counting rule (the INR form's own, applied everywhere): every item is counted once, by the
best measure available. Items whose volume is known count through their Go; a per-item factor
whose ``applies`` is ``"without-volume"`` only counts the items with no known volume. A
per-item factor whose ``applies`` is ``"always"`` (the INR email factor, as the national form
computes it) counts every item. Annual and one-off parts are kept apart in every line and in
the total, which is labelled "first year" when it mixes both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional

from cleanup_desktop.core.impact.methods import (
    GO_BYTES,
    UNIT_NOTE_EN,
    Factor,
    Method,
    get_method,
)


def fixed(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals and thousands commas, rounded half up as people
    expect (24.735 -> "24.74"; plain formatting gives "24.73", the nearest binary float)."""
    q = Decimal(repr(round(value, 9))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{q:,}"


@dataclass
class Quantities:
    """What was deleted. Go are decimal (10^9 bytes).

    ``emails``/``files_*`` count every item deleted; ``*_measured`` says how many of them
    have their volume inside ``go_cloud``/``go_local`` already (the double-count guard).
    """

    go_cloud: float = 0.0
    go_local: float = 0.0
    emails: int = 0
    emails_measured: int = 0
    files_cloud: int = 0
    files_cloud_measured: int = 0
    files_local: int = 0
    files_local_measured: int = 0
    apps: int = 0

    def __post_init__(self) -> None:
        for name, value in vars(self).items():  # flat fields (asdict deep-copies: slow)
            if value is None or value < 0:
                raise ValueError(f"{name} must be a non-negative number, got {value!r}")
        for total, measured in (("emails", "emails_measured"), ("files_cloud", "files_cloud_measured"),
                                ("files_local", "files_local_measured")):
            if getattr(self, measured) > getattr(self, total):
                raise ValueError(f"{measured} cannot exceed {total}")

    @classmethod
    def from_bytes(cls, cloud_bytes: int = 0, local_bytes: int = 0, **counts) -> "Quantities":
        return cls(go_cloud=cloud_bytes / GO_BYTES, go_local=local_bytes / GO_BYTES, **counts)


LINE_LABELS = {
    "go_cloud": ("Go freed on servers (cloud, mailboxes)", "Go libérés sur des serveurs (cloud, messageries)", "Go"),
    "go_local": ("Go freed on local disks", "Go libérés sur les disques locaux", "Go"),
    "email": ("Emails deleted", "E-mails supprimés", "emails"),
    "file_cloud": ("Cloud files deleted (volume unknown)", "Fichiers cloud supprimés (volume inconnu)", "files"),
    "file_local": ("Local files deleted (volume unknown)", "Fichiers locaux supprimés (volume inconnu)", "files"),
    "app": ("Applications uninstalled", "Applications désinstallées", "apps"),
}


@dataclass
class ImpactLine:
    key: str
    label_en: str
    label_fr: str
    quantity: float  # the quantity the factor was applied to
    quantity_unit: str
    factor: Optional[float]  # grams CO2e per unit of scope; None when the method has none
    factor_unit: str
    period: str  # "annual" | "one-off" | "mixed" | "none"
    kg: float
    kg_low: float
    kg_high: float
    kg_annual: float
    kg_one_off: float
    covered: bool
    note: str = ""


@dataclass
class ImpactResult:
    method_id: str
    method_version: str
    method_name: str
    lines: list[ImpactLine] = field(default_factory=list)
    kg: float = 0.0
    kg_low: float = 0.0
    kg_high: float = 0.0
    kg_annual: float = 0.0
    kg_one_off: float = 0.0
    unit: str = UNIT_NOTE_EN

    @property
    def total_label(self) -> str:
        if self.kg_annual and self.kg_one_off:
            return "first year: one year of avoided storage + one-off savings"
        if self.kg_annual:
            return "per year of avoided storage"
        return "one-off"

    def line(self, key: str) -> Optional[ImpactLine]:
        return next((ln for ln in self.lines if ln.key == key), None)

    def to_dict(self) -> dict:
        return {
            "method_id": self.method_id,
            "method_version": self.method_version,
            "method_name": self.method_name,
            "unit": self.unit,
            "lines": [dict(ln.__dict__) for ln in self.lines],  # flat dataclasses: asdict is slow
            "total": {
                "kg": self.kg, "kg_low": self.kg_low, "kg_high": self.kg_high,
                "kg_annual": self.kg_annual, "kg_one_off": self.kg_one_off,
                "label": self.total_label,
            },
        }


def _period_split(factor: Factor, quantity: float, scale: float) -> tuple[float, float]:
    """(annual kg, one-off kg) for ``quantity`` units of ``factor``."""
    parts = factor.components or (factor,)
    annual = one_off = 0.0
    for part in parts:
        kg = quantity * scale * part.value_g / 1000.0
        if part.period == "annual":
            annual += kg
        else:
            one_off += kg
    return annual, one_off


def _counted(key: str, q: Quantities, factor: Optional[Factor]) -> tuple[float, str]:
    """The quantity a factor applies to, and a note on what was left to the Go lines."""
    if key == "go_cloud":
        return q.go_cloud, ""
    if key == "go_local":
        return q.go_local, ""
    if key == "app":
        return float(q.apps), ""
    total, measured = {
        "email": (q.emails, q.emails_measured),
        "file_cloud": (q.files_cloud, q.files_cloud_measured),
        "file_local": (q.files_local, q.files_local_measured),
    }[key]
    if factor is not None and factor.applies == "without-volume" and measured:
        return float(total - measured), (
            f"{measured} with a measured volume are counted in Go, not again here"
        )
    return float(total), ""


def compute(quantities: Quantities, method: Optional[Method] = None) -> ImpactResult:
    """kg CO2e per line and in total for ``quantities`` with ``method`` (default: INR)."""
    method = method or get_method()
    result = ImpactResult(method.id, method.version, method.name_en)
    for key, (label_en, label_fr, qunit) in LINE_LABELS.items():
        factor = method.factor(key)
        quantity, note = _counted(key, quantities, factor)
        raw_total = {"email": quantities.emails, "file_cloud": quantities.files_cloud,
                     "file_local": quantities.files_local}.get(key, quantity)
        if not quantity and not raw_total:
            continue
        if factor is None:
            result.lines.append(ImpactLine(
                key, label_en, label_fr, quantity, qunit, None, "", "none", 0.0, 0.0, 0.0, 0.0,
                0.0, False, "not covered by this method" + (
                    " (their volume, when measured, counts in Go)" if key != "app" else ""),
            ))
            continue
        scale = 1000.0 if factor.scope == "per-mo" else 1.0
        kg = quantity * scale * factor.value_g / 1000.0
        low = kg if factor.low_g is None else quantity * scale * factor.low_g / 1000.0
        high = kg if factor.high_g is None else quantity * scale * factor.high_g / 1000.0
        annual, one_off = _period_split(factor, quantity, scale)
        result.lines.append(ImpactLine(
            key, label_en, label_fr, quantity, qunit, factor.value_g, factor.unit_label,
            factor.period, kg, low, high, annual, one_off, True, note,
        ))
    for ln in result.lines:
        result.kg += ln.kg
        result.kg_low += ln.kg_low
        result.kg_high += ln.kg_high
        result.kg_annual += ln.kg_annual
        result.kg_one_off += ln.kg_one_off
    return result


def impact(
    go_cloud: float = 0.0,
    go_local: float = 0.0,
    emails: int = 0,
    files_cloud: int = 0,
    files_local: int = 0,
    apps: int = 0,
    method_id: Optional[str] = None,
) -> ImpactResult:
    """Declared figures, as the national form takes them (no measured volumes)."""
    q = Quantities(go_cloud=go_cloud, go_local=go_local, emails=emails,
                   files_cloud=files_cloud, files_local=files_local, apps=apps)
    return compute(q, get_method(method_id))

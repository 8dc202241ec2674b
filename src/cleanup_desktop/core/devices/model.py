"""What the participant did with their devices: réemploi (keep devices in use) and recyclage
(hand in dead devices), with the INR DCD-Bilan form's own device and field names.

- réemploi, per device: ``don`` (donated), ``reparation`` (repaired), ``protection``
  (protected: case, screen protector, battery care), ``reutilisation`` (reused), whole counts;
- recyclage, per device plus ``divers`` (other): ``quantite`` (whole count) and ``poidsKg``
  (weight in kg, decimal).

Values are validated: non-negative, whole counts, weights as numbers (a French decimal comma
"2,5" is accepted), a hard maximum against typos, and a lower "unusually large" threshold
(e.g. more than 20 smartphones donated by one person) that needs an explicit confirmation.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping, Optional

DEVICES = ("ordinateurFixe", "ecran", "ordinateurPortable", "tablette", "smartphone")
REEMPLOI_ACTIONS = ("don", "reparation", "protection", "reutilisation")
RECYCLAGE_DEVICES = DEVICES + ("divers",)
RECYCLAGE_FIELDS = ("quantite", "poidsKg")

CONFIRM_COUNT = 20  # more than this in one field needs a confirmation
CONFIRM_KG = 100.0  # more than this many kg on one line needs a confirmation
MAX_COUNT = 100_000  # beyond: refused (a typo, not one person's devices)
MAX_KG = 100_000.0
KG_DECIMALS = 3  # grams


class DeviceError(ValueError):
    """A value that cannot be accepted; ``field`` is where (e.g. "reemploi.smartphone.don")."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Large:
    """An unusually large value that needs the user's confirmation."""

    field: str  # "reemploi.<device>.<action>" or "recyclage.<device>.<quantite|poidsKg>"
    value: float
    limit: float


class ConfirmationNeeded(DeviceError):
    """Some values are unusually large: ask the user, then validate again with confirmation."""

    def __init__(self, entries: list[Large]) -> None:
        names = ", ".join(f"{e.field} = {e.value:g}" for e in entries)
        super().__init__(f"unusually large values, please confirm: {names}", entries[0].field)
        self.entries = entries


_INT_RE = re.compile(r"^[+]?\d+$")
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']")


def _cleaned(value: Any, what: str, expected: str) -> Any:
    """None for an empty value, a text without spaces, or the value itself; never a bool."""
    if isinstance(value, bool):
        raise DeviceError(f"{what} must be {expected}, got {value!r}", what)
    if isinstance(value, str):
        value = _SPACES.sub("", value)
        return value or None
    return value


def parse_count(value: Any, what: str = "count") -> int:
    """A whole, non-negative count from an int, a whole float or a text ("3"); "" is 0."""
    value = _cleaned(value, what, "a whole number")
    if value is None:
        return 0
    if isinstance(value, str):
        text = value
        if text.startswith("-") and _INT_RE.match(text[1:]):
            raise DeviceError(f"{what} must not be negative ({text})", what)
        if not _INT_RE.match(text):
            raise DeviceError(f"{what} must be a whole number, got {text!r}", what)
        value = int(text)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise DeviceError(f"{what} must be a whole number, got {value!r}", what)
        value = int(value)
    if not isinstance(value, int):
        raise DeviceError(f"{what} must be a whole number, got {value!r}", what)
    if value < 0:
        raise DeviceError(f"{what} must not be negative ({value})", what)
    if value > MAX_COUNT:
        raise DeviceError(f"{what} is too large ({value}; at most {MAX_COUNT})", what)
    return value


def parse_kg(value: Any, what: str = "weight") -> float:
    """A weight in kg from a number or a text: "2,5" (French decimal comma), "2.5",
    "1 234,5" (spaces as thousands separators). When a text holds both "," and ".", the last
    one is the decimal separator ("1.234,5" and "1,234.5" are both 1234.5). "" is 0."""
    value = _cleaned(value, what, "a number of kg")
    if value is None:
        return 0.0
    if isinstance(value, str):
        text = value
        if "," in text and "." in text:
            dec = max(text.rfind(","), text.rfind("."))
            text = text[:dec].replace(",", "").replace(".", "") + "." + text[dec + 1:]
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text):
            raise DeviceError(f"{what} must be a number of kg (e.g. 2,5), got {value!r}", what)
        value = float(text)
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise DeviceError(f"{what} must be a number of kg, got {value!r}", what)
    if value < 0:
        raise DeviceError(f"{what} must not be negative ({value:g})", what)
    if value > MAX_KG:
        raise DeviceError(f"{what} is too large ({value:g} kg; at most {MAX_KG:g})", what)
    return round(float(value), KG_DECIMALS)


def _empty_reemploi() -> dict[str, dict[str, int]]:
    return {d: {a: 0 for a in REEMPLOI_ACTIONS} for d in DEVICES}


def _empty_recyclage() -> dict[str, dict[str, float]]:
    return {d: {"quantite": 0, "poidsKg": 0.0} for d in RECYCLAGE_DEVICES}


@dataclass
class DeviceActions:
    """Full tables (every device, every field) in the INR form's names."""

    reemploi: dict[str, dict[str, int]] = field(default_factory=_empty_reemploi)
    recyclage: dict[str, dict[str, float]] = field(default_factory=_empty_recyclage)

    # ---- building -------------------------------------------------------------------------
    @classmethod
    def from_sections(cls, reemploi: Optional[Mapping] = None, recyclage: Optional[Mapping] = None) -> "DeviceActions":
        """From INR-style sections (partial tables allowed, texts parsed); raises DeviceError."""
        actions = cls()
        for name, section, devices, fields in (
            ("reemploi", reemploi, DEVICES, REEMPLOI_ACTIONS),
            ("recyclage", recyclage, RECYCLAGE_DEVICES, RECYCLAGE_FIELDS),
        ):
            if section is None:
                continue
            if not isinstance(section, Mapping):
                raise DeviceError(f"'{name}' must be an object of devices", name)
            for device, counts in section.items():
                if device not in devices:
                    raise DeviceError(f"{name}: unknown device {device!r} (known: {', '.join(devices)})",
                                      f"{name}.{device}")
                if not isinstance(counts, Mapping):
                    raise DeviceError(f"{name}.{device} must be an object of counts", f"{name}.{device}")
                for key, value in counts.items():
                    if key not in fields:
                        raise DeviceError(f"{name}.{device}: unknown field {key!r} (known: {', '.join(fields)})",
                                          f"{name}.{device}.{key}")
                    actions.set(name, device, key, value)
        return actions

    @classmethod
    def from_dict(cls, d: Any) -> "DeviceActions":
        if not isinstance(d, Mapping):
            raise DeviceError("expected an object with 'reemploi' and/or 'recyclage'")
        unknown = set(d) - {"reemploi", "recyclage", "updated", "event_id"}
        if unknown:
            raise DeviceError(f"unknown entries: {', '.join(sorted(unknown))} (expected 'reemploi', 'recyclage')")
        return cls.from_sections(d.get("reemploi"), d.get("recyclage"))

    def set(self, section: str, device: str, key: str, value: Any) -> None:
        """Set one field from a number or a text (validated, not yet confirmed)."""
        where = f"{section}.{device}.{key}"
        if section == "reemploi" and device in DEVICES and key in REEMPLOI_ACTIONS:
            self.reemploi[device][key] = parse_count(value, where)
        elif section == "recyclage" and device in RECYCLAGE_DEVICES and key == "quantite":
            self.recyclage[device][key] = parse_count(value, where)
        elif section == "recyclage" and device in RECYCLAGE_DEVICES and key == "poidsKg":
            self.recyclage[device][key] = parse_kg(value, where)
        else:
            raise DeviceError(f"unknown field {where}", where)

    def merged(self, other: "DeviceActions") -> "DeviceActions":
        """This declaration with every non-zero field of ``other`` written over it."""
        out = DeviceActions.from_sections(self.reemploi, self.recyclage)
        for section in ("reemploi", "recyclage"):
            for device, counts in getattr(other, section).items():
                for key, value in counts.items():
                    if value:
                        getattr(out, section)[device][key] = value
        return out

    # ---- reading ----------------------------------------------------------------------------
    @property
    def has_reemploi(self) -> bool:
        return any(v for counts in self.reemploi.values() for v in counts.values())

    @property
    def has_recyclage(self) -> bool:
        return any(v for counts in self.recyclage.values() for v in counts.values())

    @property
    def empty(self) -> bool:
        return not (self.has_reemploi or self.has_recyclage)

    def reemploi_section(self) -> Optional[dict]:
        """The INR ``reemploi`` section (every device), or None when nothing was declared."""
        return {d: dict(c) for d, c in self.reemploi.items()} if self.has_reemploi else None

    def recyclage_section(self) -> Optional[dict]:
        return {d: dict(c) for d, c in self.recyclage.items()} if self.has_recyclage else None

    def to_dict(self) -> dict:
        return {"reemploi": self.reemploi_section(), "recyclage": self.recyclage_section()}

    def large_entries(self) -> list[Large]:
        """Values above the "unusually large" thresholds (they need a confirmation)."""
        out = []
        for device, counts in self.reemploi.items():
            for key, value in counts.items():
                if value > CONFIRM_COUNT:
                    out.append(Large(f"reemploi.{device}.{key}", value, CONFIRM_COUNT))
        for device, rc in self.recyclage.items():
            if rc["quantite"] > CONFIRM_COUNT:
                out.append(Large(f"recyclage.{device}.quantite", rc["quantite"], CONFIRM_COUNT))
            if rc["poidsKg"] > CONFIRM_KG:
                out.append(Large(f"recyclage.{device}.poidsKg", rc["poidsKg"], CONFIRM_KG))
        return out

    def validated(self, confirm_large: bool = False) -> "DeviceActions":
        """Self when acceptable; raises :class:`ConfirmationNeeded` for unusually large
        values unless ``confirm_large``."""
        large = self.large_entries()
        if large and not confirm_large:
            raise ConfirmationNeeded(large)
        return self


def sum_sections(sections: Iterable[Optional[Mapping]], devices: tuple, fields: tuple) -> Optional[dict]:
    """Add up INR-style sections (None ones skipped); None when nothing is left non-zero."""
    out: dict[str, dict[str, float]] = {d: {f: 0 for f in fields} for d in devices}
    for section in sections:
        for device, counts in (section or {}).items():
            for f in fields:
                out[device][f] += counts.get(f, 0) or 0
    for counts in out.values():
        if "poidsKg" in counts:
            counts["poidsKg"] = round(float(counts["poidsKg"]), KG_DECIMALS)
    return out if any(v for counts in out.values() for v in counts.values()) else None


_SPEC_SPLIT = re.compile(r",(?=\s*[A-Za-z]+\s*=)")  # "quantite=1,poidsKg=2,5": the comma of 2,5 stays


def apply_spec(actions: DeviceActions, section: str, spec: str) -> DeviceActions:
    """Apply a command-line spec such as ``smartphone:don=2,reparation=1`` (section
    "reemploi") or ``ordinateurPortable:quantite=1,poidsKg=2,5`` (section "recyclage")."""
    device, sep, rest = spec.partition(":")
    device = device.strip()
    if not sep or not rest.strip():
        raise DeviceError(f"expected DEVICE:FIELD=VALUE[,FIELD=VALUE...], got {spec!r}", section)
    known = DEVICES if section == "reemploi" else RECYCLAGE_DEVICES
    if device not in known:
        raise DeviceError(f"{section}: unknown device {device!r} (known: {', '.join(known)})", section)
    fields = REEMPLOI_ACTIONS if section == "reemploi" else RECYCLAGE_FIELDS
    for part in _SPEC_SPLIT.split(rest):
        key, eq, value = part.partition("=")
        key = key.strip()
        if not eq or key not in fields:
            raise DeviceError(f"{section}.{device}: expected FIELD=VALUE with FIELD one of "
                              f"{', '.join(fields)}, got {part.strip()!r}", f"{section}.{device}")
        actions.set(section, device, key, value)
    return actions


def summed_devices(sheets: Iterable[Any]) -> tuple[Optional[dict], Optional[dict]]:
    """The summed ``reemploi`` and ``recyclage`` sections of ``sheets`` (anything with those two
    attributes, e.g. measurement sheets; None when empty)."""
    sheets = list(sheets)
    return (sum_sections((s.reemploi for s in sheets), DEVICES, REEMPLOI_ACTIONS),
            sum_sections((s.recyclage for s in sheets), RECYCLAGE_DEVICES, RECYCLAGE_FIELDS))

"""CO2e methods: a registry loaded from the shipped data files, validated on load.

A method is a set of factors, each with its value (grams of CO2e), scope (per what and over
which period), source and an optional low-high range. Factor keys:

- ``go_cloud`` / ``go_local``: per Go freed on servers / on the user's own disks
  (1 Go = 10^9 bytes, see :data:`GO_BYTES`);
- ``email``: per email deleted; ``file_cloud`` / ``file_local``: per file deleted;
- ``app``: per application uninstalled.

Per-item factors say when they apply: ``"without-volume"`` (only for items whose volume is
unknown: the INR form's fallback) or ``"always"`` (added for every item, as the INR form does
for emails).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any, Iterable, Mapping, Optional

from cleanup_desktop.core.impact.errors import MethodError

GO_BYTES = 10**9
UNIT_NOTE_EN = "1 Go = 10^9 bytes (decimal gigabyte)"
UNIT_NOTE_FR = "1 Go = 10^9 octets (gigaoctet décimal)"

# scope -> (quantity the factor multiplies, period, multiplier to turn the quantity into the
# factor's own unit). "per-mo" takes Go and multiplies by 1000 (1 Go = 1000 Mo).
SCOPES: dict[str, tuple[str, str, float]] = {
    "per-go-year": ("go", "annual", 1.0),
    "per-go": ("go", "one-off", 1.0),
    "per-mo": ("go", "one-off", 1000.0),
    "per-email": ("email", "one-off", 1.0),
    "per-file": ("file", "one-off", 1.0),
    "per-file-year": ("file", "annual", 1.0),
    "per-app-year": ("app", "annual", 1.0),
}
FACTOR_KEYS: dict[str, str] = {  # factor key -> quantity kind it must be expressed per
    "go_cloud": "go",
    "go_local": "go",
    "email": "email",
    "file_cloud": "file",
    "file_local": "file",
    "app": "app",
}
PER_ITEM_KEYS = ("email", "file_cloud", "file_local")
APPLIES = ("always", "without-volume")
UNITS = {"g CO2e": 1.0, "kg CO2e": 1000.0}
NOT_METHODS = ("equivalences.toml", "counting.toml")  # other data files of the same folder


@dataclass(frozen=True)
class Component:
    value_g: float
    scope: str
    label_en: str = ""
    label_fr: str = ""

    @property
    def period(self) -> str:
        return SCOPES[self.scope][1]


@dataclass(frozen=True)
class Factor:
    key: str
    value_g: float  # grams of CO2e per unit of scope
    scope: str
    source: str
    url: str = ""
    low_g: Optional[float] = None
    high_g: Optional[float] = None
    applies: str = "always"  # for per-item factors: "always" | "without-volume"
    note_en: str = ""
    note_fr: str = ""
    components: tuple[Component, ...] = ()

    @property
    def period(self) -> str:
        """"annual", "one-off" or "mixed" (components of both kinds)."""
        if self.components:
            periods = {c.period for c in self.components}
            return periods.pop() if len(periods) == 1 else "mixed"
        return SCOPES[self.scope][1]

    @property
    def unit_label(self) -> str:
        return {
            "per-go-year": "g CO2e/Go/yr",
            "per-go": "g CO2e/Go",
            "per-mo": "g CO2e/Mo",
            "per-email": "g CO2e/email",
            "per-file": "g CO2e/file",
            "per-file-year": "g CO2e/file/yr",
            "per-app-year": "g CO2e/app/yr",
        }[self.scope]

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "value": self.value_g,
            "unit": self.unit_label,
            "scope": self.scope,
            "period": self.period,
            "low": self.low_g,
            "high": self.high_g,
            "applies": self.applies if self.key in PER_ITEM_KEYS else None,
            "source": self.source,
            "url": self.url,
            "note_en": self.note_en,
            "note_fr": self.note_fr,
            "components": [
                {"value": c.value_g, "scope": c.scope, "period": c.period,
                 "label_en": c.label_en, "label_fr": c.label_fr}
                for c in self.components
            ],
        }


@dataclass(frozen=True)
class Method:
    id: str
    name_en: str
    name_fr: str
    version: str
    source: str
    url: str
    factors: Mapping[str, Factor]
    default: bool = False
    legacy: bool = False
    custom: bool = False
    note_en: str = ""
    note_fr: str = ""
    equivalences: tuple[str, ...] = ()
    reemploi: Optional[Any] = None  # core.devices.factors.ReemploiFactors (device footprints)
    recyclage: Optional[Any] = None  # core.devices.factors.RecyclageRates (weights only)

    def name(self, lang: str = "en") -> str:
        return self.name_fr if lang.startswith("fr") else self.name_en

    def factor(self, key: str) -> Optional[Factor]:
        return self.factors.get(key)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name_en": self.name_en,
            "name_fr": self.name_fr,
            "version": self.version,
            "default": self.default,
            "legacy": self.legacy,
            "custom": self.custom,
            "source": self.source,
            "url": self.url,
            "note_en": self.note_en,
            "note_fr": self.note_fr,
            "unit": UNIT_NOTE_EN,
            "equivalences": list(self.equivalences),
            "factors": {k: f.to_dict() for k, f in self.factors.items()},
            "reemploi": self.reemploi.to_dict() if self.reemploi is not None else None,
            "recyclage": self.recyclage.to_dict() if self.recyclage is not None else None,
        }


def _number(raw: object, where: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, (int, float)) or not math.isfinite(raw):
        raise MethodError(f"{where}: expected a number, got {raw!r}")
    if raw < 0:
        raise MethodError(f"{where}: must not be negative ({raw})")
    return float(raw)


def _text(raw: Mapping, key: str, where: str, required: bool = True) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str) or (required and not value.strip()):
        raise MethodError(f"{where}: '{key}' must be a non-empty text")
    return value


def _parse_factor(key: str, raw: object, where: str) -> Factor:
    where = f"{where}: factor '{key}'"
    if key not in FACTOR_KEYS:
        raise MethodError(f"{where}: unknown factor (known: {', '.join(FACTOR_KEYS)})")
    if not isinstance(raw, Mapping):
        raise MethodError(f"{where}: expected a table")
    unit = raw.get("unit", "g CO2e")
    if unit not in UNITS:
        raise MethodError(f"{where}: unit must be one of {', '.join(UNITS)}, got {unit!r}")
    scale = UNITS[unit]
    scope = raw.get("scope")
    if scope not in SCOPES:
        raise MethodError(f"{where}: scope must be one of {', '.join(SCOPES)}, got {scope!r}")
    if SCOPES[scope][0] != FACTOR_KEYS[key]:
        raise MethodError(f"{where}: scope {scope} does not fit a per-{FACTOR_KEYS[key]} factor")
    value = _number(raw.get("value"), f"{where}: value") * scale
    low = raw.get("low")
    high = raw.get("high")
    low_g = None if low is None else _number(low, f"{where}: low") * scale
    high_g = None if high is None else _number(high, f"{where}: high") * scale
    if (low_g is None) != (high_g is None):
        raise MethodError(f"{where}: give both 'low' and 'high', or neither")
    if low_g is not None and high_g is not None and not (low_g <= value <= high_g):
        raise MethodError(f"{where}: the range must hold the value (low <= value <= high)")
    applies = raw.get("applies", "always" if key not in PER_ITEM_KEYS else "without-volume")
    if applies not in APPLIES:
        raise MethodError(f"{where}: 'applies' must be one of {', '.join(APPLIES)}")
    if key not in PER_ITEM_KEYS and applies != "always":
        raise MethodError(f"{where}: 'applies' only makes sense for per-item factors")
    components = []
    for i, comp in enumerate(raw.get("components", []) or []):
        cw = f"{where}: component {i + 1}"
        if not isinstance(comp, Mapping) or comp.get("scope") not in SCOPES:
            raise MethodError(f"{cw}: needs a valid scope")
        if SCOPES[comp["scope"]][0] != SCOPES[scope][0]:
            raise MethodError(f"{cw}: scope {comp['scope']} does not fit the factor's scope {scope}")
        components.append(Component(
            value_g=_number(comp.get("value"), f"{cw}: value") * scale,
            scope=comp["scope"],
            label_en=str(comp.get("label_en", "")),
            label_fr=str(comp.get("label_fr", "")),
        ))
    if components:
        total = sum(c.value_g for c in components)
        if abs(total - value) > 0.005 * max(1.0, value) + 1e-9:
            raise MethodError(f"{where}: components add up to {total:g}, not to the value {value:g}")
    return Factor(
        key=key, value_g=value, scope=scope,
        source=_text(raw, "source", where), url=_text(raw, "url", where, required=False),
        low_g=low_g, high_g=high_g, applies=applies,
        note_en=str(raw.get("note_en", "")), note_fr=str(raw.get("note_fr", "")),
        components=tuple(components),
    )


def parse_method(raw: Mapping, where: str = "method") -> Method:
    """Build a validated :class:`Method` from a decoded TOML/JSON table."""
    if not isinstance(raw, Mapping):
        raise MethodError(f"{where}: expected a table")
    mid = _text(raw, "id", where)
    where = f"{where} ({mid})"
    factors_raw = raw.get("factors")
    if not isinstance(factors_raw, Mapping) or not factors_raw:
        raise MethodError(f"{where}: needs at least one factor")
    factors = {k: _parse_factor(k, v, where) for k, v in factors_raw.items()}
    eq = raw.get("equivalences", [])
    if not isinstance(eq, list) or not all(isinstance(e, str) for e in eq):
        raise MethodError(f"{where}: 'equivalences' must be a list of ids")
    flags = {}
    for flag in ("default", "legacy", "custom"):
        value = raw.get(flag, False)
        if not isinstance(value, bool):
            raise MethodError(f"{where}: '{flag}' must be true or false")
        flags[flag] = value
    if flags["default"] and flags["legacy"]:
        raise MethodError(f"{where}: a legacy method cannot be the default")
    from cleanup_desktop.core.devices.factors import parse_recyclage_rates, parse_reemploi_factors

    return Method(
        id=mid,
        name_en=_text(raw, "name_en", where),
        name_fr=_text(raw, "name_fr", where),
        version=str(raw.get("version", "")),
        source=_text(raw, "source", where),
        url=_text(raw, "url", where, required=False),
        factors=factors,
        note_en=str(raw.get("note_en", "")),
        note_fr=str(raw.get("note_fr", "")),
        equivalences=tuple(eq),
        reemploi=parse_reemploi_factors(raw.get("reemploi"), where),
        recyclage=parse_recyclage_rates(raw.get("recyclage"), where),
        **flags,
    )


@dataclass
class Registry:
    methods: dict[str, Method] = field(default_factory=dict)

    @property
    def default(self) -> Method:
        return next(m for m in self.methods.values() if m.default)

    def get(self, method_id: Optional[str] = None) -> Method:
        if not method_id:
            return self.default
        try:
            return self.methods[method_id]
        except KeyError:
            raise MethodError(
                f"unknown method '{method_id}' (known: {', '.join(self.methods)})"
            ) from None

    def list(self) -> list[Method]:
        """Methods in display order: default first, legacy last."""
        return sorted(self.methods.values(), key=lambda m: (not m.default, m.legacy, m.custom, m.id))


def build_registry(tables: Iterable[tuple[str, Mapping]]) -> Registry:
    """Validate a set of (file name, table) pairs into a registry (exactly one default)."""
    reg = Registry()
    for name, table in tables:
        method = parse_method(table, name)
        if method.id in reg.methods:
            raise MethodError(f"{name}: method id '{method.id}' is defined twice")
        reg.methods[method.id] = method
    defaults = [m.id for m in reg.methods.values() if m.default]
    if len(defaults) != 1:
        raise MethodError(f"exactly one method must be the default, found {defaults or 'none'}")
    return reg


def data_files():
    """The folder of shipped method files (a Traversable: works from a zip or a bundle too)."""
    return resources.files("cleanup_desktop").joinpath("data", "methods")


_REGISTRY: Optional[Registry] = None


def registry() -> Registry:
    """The shipped methods (loaded and validated once)."""
    global _REGISTRY
    if _REGISTRY is None:
        tables = []
        for entry in sorted(data_files().iterdir(), key=lambda e: e.name):
            if entry.name.endswith(".toml") and entry.name not in NOT_METHODS:
                try:
                    tables.append((entry.name, tomllib.loads(entry.read_text("utf-8"))))
                except tomllib.TOMLDecodeError as exc:
                    raise MethodError(f"{entry.name}: not valid TOML ({exc})") from None
        _REGISTRY = build_registry(tables)
    return _REGISTRY


def get_method(method_id: Optional[str] = None) -> Method:
    """A shipped method by id (the default when None)."""
    return registry().get(method_id)


def list_methods() -> list[Method]:
    return registry().list()


def custom_method(
    factors: Mapping[str, float],
    *,
    kwh_per_go_year: Optional[float] = None,
    grid_kg_per_kwh: Optional[float] = None,
    base: Optional[Method] = None,
) -> Method:
    """The "custom" method with the user's own values (grams of CO2e, in each factor's scope).

    ``factors`` maps factor keys to values; a key absent from the custom data file gets the
    per-item/per-app scope of the default method. ``kwh_per_go_year`` x ``grid_kg_per_kwh``
    (energy x grid), when both are given, sets ``go_cloud`` in g CO2e/Go/yr.
    """
    base = base or get_method("custom")
    reference = get_method()
    new = dict(base.factors)
    values = dict(factors)
    if (kwh_per_go_year is None) != (grid_kg_per_kwh is None):
        raise MethodError("energy x grid needs both kWh per Go per year and kg CO2e per kWh")
    if kwh_per_go_year is not None:
        kwh = _number(kwh_per_go_year, "kWh per Go per year")
        grid = _number(grid_kg_per_kwh, "kg CO2e per kWh")
        values["go_cloud"] = kwh * grid * 1000.0
    for key, value in values.items():
        if key not in FACTOR_KEYS:
            raise MethodError(f"custom factor '{key}' is unknown (known: {', '.join(FACTOR_KEYS)})")
        value_g = _number(value, f"custom factor '{key}'")
        template = new.get(key) or reference.factor(key)
        if template is None:
            raise MethodError(f"custom factor '{key}' has no scope to take from")
        new[key] = replace(template, value_g=value_g, low_g=None, high_g=None, components=(),
                           source="Entered by the user", url="")
    return replace(base, factors=new)

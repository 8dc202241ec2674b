"""Everyday equivalences of a CO2e mass (car km, streaming hours, share of a French footprint),
from the shipped data file, each with its source."""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, replace
from typing import Iterable, Mapping, Optional

from cleanup_desktop.core.impact.methods import Method, MethodError, data_files

KINDS = ("count", "share")


@dataclass(frozen=True)
class EquivalenceDef:
    id: str
    kind: str
    kg_per_unit: float
    unit_en: str
    unit_fr: str
    label_en: str
    label_fr: str
    source: str
    url: str = ""
    # For small figures: the same thing in a smaller unit (km -> metres, hours -> minutes).
    small_factor: float = 0.0
    small_unit_en: str = ""
    small_unit_fr: str = ""


@dataclass(frozen=True)
class Equivalence:
    id: str
    value: float  # a count of units, or a percentage for kind "share"
    kind: str
    unit_en: str
    unit_fr: str
    label_en: str
    label_fr: str
    source: str
    url: str

    def unit(self, lang: str = "en") -> str:
        return self.unit_fr if lang.startswith("fr") else self.unit_en

    def to_dict(self) -> dict:
        return dict(vars(self))  # flat fields: asdict deep-copies (slow over 20,000 sheets)


def parse_equivalences(raw: Mapping, where: str = "equivalences.toml") -> dict[str, EquivalenceDef]:
    items = raw.get("equivalence")
    if not isinstance(items, list) or not items:
        raise MethodError(f"{where}: needs a list of [[equivalence]] tables")
    out: dict[str, EquivalenceDef] = {}
    for i, item in enumerate(items):
        w = f"{where}: equivalence {i + 1}"
        if not isinstance(item, Mapping):
            raise MethodError(f"{w}: expected a table")
        for key in ("id", "unit_en", "unit_fr", "label_en", "label_fr", "source"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise MethodError(f"{w}: '{key}' must be a non-empty text")
        kpu = item.get("kg_per_unit")
        if isinstance(kpu, bool) or not isinstance(kpu, (int, float)) or not math.isfinite(kpu) or kpu <= 0:
            raise MethodError(f"{w}: 'kg_per_unit' must be a positive number")
        if item.get("kind") not in KINDS:
            raise MethodError(f"{w}: 'kind' must be one of {', '.join(KINDS)}")
        if item["id"] in out:
            raise MethodError(f"{w}: id '{item['id']}' is defined twice")
        out[item["id"]] = EquivalenceDef(
            id=item["id"], kind=item["kind"], kg_per_unit=float(kpu),
            unit_en=item["unit_en"], unit_fr=item["unit_fr"], label_en=item["label_en"],
            label_fr=item["label_fr"], source=item["source"], url=str(item.get("url", "")),
        )
        small = item.get("small_factor")
        if small is not None:
            if isinstance(small, bool) or not isinstance(small, (int, float)) or not small > 1:
                raise MethodError(f"{w}: 'small_factor' must be a number above 1")
            for key in ("small_unit_en", "small_unit_fr"):
                if not isinstance(item.get(key), str) or not item[key].strip():
                    raise MethodError(f"{w}: '{key}' must be a non-empty text with small_factor")
            out[item["id"]] = replace(out[item["id"]], small_factor=float(small),
                                      small_unit_en=item["small_unit_en"], small_unit_fr=item["small_unit_fr"])
    return out


_DEFS: Optional[dict[str, EquivalenceDef]] = None


def definitions() -> dict[str, EquivalenceDef]:
    global _DEFS
    if _DEFS is None:
        text = data_files().joinpath("equivalences.toml").read_text("utf-8")
        _DEFS = parse_equivalences(tomllib.loads(text))
    return _DEFS


def equivalences(kg: float, method: Optional[Method] = None,
                 ids: Optional[Iterable[str]] = None) -> list[Equivalence]:
    """Equivalences of ``kg`` CO2e: those the method lists (all when no method/ids)."""
    defs = definitions()
    wanted = list(ids) if ids is not None else (list(method.equivalences) if method else list(defs))
    out = []
    for eid in wanted:
        d = defs.get(eid)
        if d is None:
            raise MethodError(f"unknown equivalence '{eid}' (known: {', '.join(defs)})")
        value = kg / d.kg_per_unit * (100.0 if d.kind == "share" else 1.0)
        out.append(Equivalence(d.id, value, d.kind, d.unit_en, d.unit_fr, d.label_en,
                               d.label_fr, d.source, d.url))
    return out


# Below these, a figure reads as zero once rounded ("0.0 km by car"): it is shown in its small
# unit (metres, minutes) or left out in favour of another everyday item.
SMALLEST_COUNT = 0.1
SMALLEST_SHARE = 0.01  # percent


def readable(items: Iterable[Equivalence], limit: int = 3) -> list[Equivalence]:
    """The equivalences worth showing for this figure, scaled so none reads as zero: a count
    under 1 goes to its small unit when it has one (0.35 km by car -> 350 metres by car), and
    what is still too small to read (0.0001 flights) is left out. At most ``limit``."""
    defs = definitions()
    out = []
    for e in items:
        d = defs.get(e.id)
        if e.kind == "count" and e.value < 1 and d is not None and d.small_factor:
            e = replace(e, value=e.value * d.small_factor, unit_en=d.small_unit_en, unit_fr=d.small_unit_fr)
        if e.value >= (SMALLEST_SHARE if e.kind == "share" else SMALLEST_COUNT):
            out.append(e)
    return out[:limit]


def decimals_for(e: Equivalence) -> int:
    """Digits after the decimal point that show the figure without false precision."""
    if e.kind == "share":
        return 2 if e.value < 1 else 1
    return 0 if e.value >= 10 else 1

"""What the organiser types about the event, validated: the event date, the region and the
département (INSEE's official codes and names, shipped in data/insee), the national form's
``sensibilisation`` section, participants invited. Team names are compared here too."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Iterable, Optional

NO_TEAM = "(no team)"  # the team of a sheet that names none (worded by the messages table)

SENSIBILISATION_FORMATS = ("webinaire", "fresqueNumerique", "jeuxNumeville", "jeuxDowino", "jeuxTheWokies",
                           "autreFormat")
COUNT_MAX = 10_000_000


class EventInputError(ValueError):
    """An organiser input that does not fit its rule; the message says which and why."""


def fold(value: str) -> str:
    """Case-, accent- and space-insensitive key: "  Compta ", "COMPTA", "compta" and "Cômpta"
    are one; "Île-de-France" and "ile de france" too."""
    decomposed = unicodedata.normalize("NFKD", value)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    for ch in "-'’_.":
        bare = bare.replace(ch, " ")
    return " ".join(bare.split())


def parse_event_date(value: Optional[str], today: Optional[date] = None) -> Optional[str]:
    """YYYY-MM-DD or DD/MM/YYYY (as French organisers type it) -> YYYY-MM-DD; a date that
    does not exist, or more than a year ahead, is refused."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            d = datetime.strptime(text, fmt).date()
            break
        except ValueError:
            continue
    else:
        raise EventInputError(f"event date {text!r} is not a date (YYYY-MM-DD or DD/MM/YYYY)")
    today = today or date.today()
    if d.year < 2018 or (d - today).days > 366:
        raise EventInputError(f"event date {d.isoformat()} is out of range (2018 to one year from today)")
    return d.isoformat()


@dataclass(frozen=True)
class Place:
    code: str
    name: str
    region: Optional[str] = None  # a département's region code


def _table(name: str) -> list[dict]:
    text = resources.files("cleanup_desktop").joinpath("data", "insee", name).read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@lru_cache(maxsize=1)
def regions() -> tuple[Place, ...]:
    return tuple(Place(r["code"], r["name"]) for r in _table("regions.csv"))


@lru_cache(maxsize=1)
def departements() -> tuple[Place, ...]:
    return tuple(Place(r["code"], r["name"], r["region"]) for r in _table("departements.csv"))


def _find(value: str, places: Iterable[Place], what: str) -> Place:
    key = fold(value)
    for p in places:
        if key in (fold(p.code), fold(p.name), fold(f"{p.code} {p.name}")) or key.lstrip("0") == p.code.lstrip("0"):
            return p
    raise EventInputError(f"{what} {value!r} is not in INSEE's list (code or name, e.g. "
                          f"{'84 or Auvergne-Rhône-Alpes' if what == 'region' else '69 or Rhône'})")


def resolve_places(region: Optional[str], departement: Optional[str]) -> tuple[Optional[Place], Optional[Place]]:
    """The official region and département for what was typed (code or name, any case or
    accents); the region is filled from the département; a mismatch is refused."""
    reg = _find(region, regions(), "region") if region and region.strip() else None
    dep = _find(departement, departements(), "département") if departement and departement.strip() else None
    if dep is not None:
        dep_region = next(r for r in regions() if r.code == dep.region)
        if reg is not None and reg.code != dep_region.code:
            raise EventInputError(f"département {dep.code} {dep.name} is in {dep_region.name}, not {reg.name}")
        reg = dep_region
    return reg, dep


def parse_sensibilisation(specs: Iterable[str]) -> Optional[dict]:
    """``FORMAT:participants=N,audience=N`` (``autreFormat`` also takes ``label=TEXT``) ->
    the national form's section (every format present, zeros where nothing was held);
    None when no spec is given."""
    specs = [s for s in specs if s and s.strip()]
    if not specs:
        return None
    section: dict = {f: {"participants": 0, "audience": 0} for f in SENSIBILISATION_FORMATS}
    section["autreFormat"]["label"] = None
    by_fold = {f.casefold(): f for f in SENSIBILISATION_FORMATS}
    for spec in specs:
        name, _, rest = spec.partition(":")
        fmt = by_fold.get(name.strip().casefold())
        if fmt is None:
            raise EventInputError(f"unknown sensibilisation format {name.strip()!r} "
                                  f"(one of {', '.join(SENSIBILISATION_FORMATS)})")
        for part in filter(None, (p.strip() for p in rest.split(","))):
            key, eq, val = part.partition("=")
            key = key.strip()
            if not eq:
                raise EventInputError(f"sensibilisation {fmt}: expected key=value, got {part!r}")
            if key == "label" and fmt == "autreFormat":
                label = " ".join(val.split())
                if not label or len(label) > 100:
                    raise EventInputError("sensibilisation autreFormat: the label must be 1 to 100 characters")
                section[fmt]["label"] = label
            elif key in ("participants", "audience"):
                section[fmt][key] = parse_count(val, f"sensibilisation {fmt} {key}")
            else:
                raise EventInputError(f"sensibilisation {fmt}: unknown field {key!r} (participants, audience"
                                      f"{', label' if fmt == 'autreFormat' else ''})")
    return section


def parse_count(value, what: str) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        raise EventInputError(f"{what} must be a whole number, got {value!r}") from None
    if n < 0 or n > COUNT_MAX:
        raise EventInputError(f"{what} must be between 0 and {COUNT_MAX:,}, got {n}")
    return n


def sensibilisation_people(section: Optional[dict]) -> int:
    return sum(int(v.get("participants", 0)) for v in (section or {}).values())

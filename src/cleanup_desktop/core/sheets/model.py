"""The measurement sheet: one per participant per event, versioned JSON (the source of truth).

Schema "cleanup-desktop/sheet/1". It carries counts, bytes, categories and environments only:
never a file name, path, mail subject or address. ``reemploi`` and ``recyclage`` hold the INR
form's per-device counts the participant declared (core.devices), or null when none; their
derived figures (réemploi kg CO2e, recycled kg) are in ``devices``, never in the data totals.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Mapping, Optional

from cleanup_desktop import __version__
from cleanup_desktop.core.bilan import (
    BUCKETS,
    DECLARED,
    Bilan,
    Counter,
    Declared,
    FreedFigures,
    Measurement,
    quantities_of,
)
from cleanup_desktop.core.devices.impact import devices_summary, reemploi_impact
from cleanup_desktop.core.devices.model import (
    DEVICES,
    RECYCLAGE_DEVICES,
    RECYCLAGE_FIELDS,
    REEMPLOI_ACTIONS,
    sum_sections,
)
from cleanup_desktop.core.impact.classify import ENVIRONMENTS
from cleanup_desktop.core.impact.compute import compute
from cleanup_desktop.core.impact.equivalences import equivalences
from cleanup_desktop.core.messages import Reason, reason_of
from cleanup_desktop.core.impact.methods import (
    GO_BYTES,
    UNIT_NOTE_EN,
    Method,
    MethodError,
    custom_method,
    get_method,
)

SCHEMA = "cleanup-desktop/sheet/1"
REEMPLOI_DEVICES = DEVICES  # the INR form's names, defined in core.devices.model
REEMPLOI_FIELDS = REEMPLOI_ACTIONS
STORED = object()  # sheet_from_bilan(devices=STORED): what the user declared for the event
TEXT_MAX = 200
# Hard bound on any number in a sheet (bytes, counts): 10^18 bytes is 1,000,000,000 Go, far
# beyond any workstation; a larger figure is a damaged or forged file, rejected outright.
NUMBER_MAX = 10**18


class SheetError(ValueError):
    """A sheet that cannot be read; the message is the reason shown to the organiser."""


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class Sheet(FreedFigures):
    sheet_id: str
    created: str
    method: Method
    app_version: str = __version__
    event_id: Optional[str] = None
    event_date: Optional[str] = None  # YYYY-MM-DD
    participant: Optional[str] = None
    team: Optional[str] = None
    period_first: Optional[str] = None
    period_last: Optional[str] = None
    runs: int = 0
    freed: dict[str, Counter] = field(default_factory=lambda: {b: Counter() for b in BUCKETS})
    in_trash: dict[str, Counter] = field(default_factory=lambda: {b: Counter() for b in BUCKETS})
    by_environment: dict[str, dict[str, int]] = field(default_factory=dict)
    declared: Declared = field(default_factory=Declared)
    measurements: list[Measurement] = field(default_factory=list)
    reemploi: Optional[dict] = None
    recyclage: Optional[dict] = None
    # kg per line and equivalences: computed from the figures when first asked for (a sheet
    # read for the organiser's aggregation is recomputed there, with one method for all)
    _impact: Optional[dict] = field(default=None, repr=False)
    _equivalences: Optional[list] = field(default=None, repr=False)

    @property
    def impact(self) -> dict:
        if self._impact is None:
            self.recompute()
        assert self._impact is not None  # recompute() sets it
        return self._impact

    @impact.setter
    def impact(self, value: dict) -> None:
        self._impact = value

    @property
    def equivalences(self) -> list[dict]:
        if self._equivalences is None:
            self.recompute()
        assert self._equivalences is not None  # recompute() sets it
        return self._equivalences

    @equivalences.setter
    def equivalences(self, value: list) -> None:
        self._equivalences = value

    # ---- derived figures (cloud/local bytes, Go, counts: FreedFigures) -------------------
    @property
    def kg(self) -> float:
        """kg CO2e of the data lines only (réemploi is :attr:`reemploi_kg`, never added here)."""
        return float(self.impact.get("total", {}).get("kg", 0.0))

    @property
    def reemploi_kg(self) -> float:
        """kg CO2e of avoided manufacturing for the devices kept in use (one-off)."""
        return reemploi_impact(self.reemploi, self.method).kg

    def devices(self) -> dict:
        """Derived figures of ``reemploi``/``recyclage``: réemploi kg CO2e, recycled kg."""
        return devices_summary(self.reemploi, self.recyclage, self.method)

    def recompute(self, method: Optional[Method] = None) -> "Sheet":
        if method is not None:
            self.method = method
        result = compute(quantities_of(self.freed, self.declared), self.method)
        self.impact = result.to_dict()
        self.equivalences = [e.to_dict() for e in equivalences(result.kg, self.method)]
        return self

    def totals(self) -> dict:
        return {
            "go_cloud": self.go_cloud, "go_local": self.go_local, "go_total": self.go_total,
            "files_deleted": self.files_deleted, "emails_deleted": self.emails_deleted,
            "go_in_trash": self.in_trash_bytes / GO_BYTES,
            "kg_co2e": self.kg,
        }

    # ---- JSON ----------------------------------------------------------------------------
    def method_dict(self) -> dict:
        d: dict[str, Any] = {"id": self.method.id, "version": self.method.version, "name": self.method.name_en}
        if self.method.custom:
            d["factors"] = {k: f.value_g for k, f in self.method.factors.items()}
        return d

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "sheet_id": self.sheet_id,
            "created": self.created,
            "app": {"name": "cleanup-desktop", "version": self.app_version},
            "event": {"id": self.event_id, "date": self.event_date},
            "participant": {"name": self.participant, "team": self.team},
            "unit": {"go_bytes": GO_BYTES, "note": UNIT_NOTE_EN},
            "method": self.method_dict(),
            "period": {"first": self.period_first, "last": self.period_last, "runs": self.runs},
            "freed": {b: c.to_dict() for b, c in self.freed.items()},
            "in_trash": {b: c.to_dict() for b, c in self.in_trash.items()},
            "by_environment": {e: dict(v) for e, v in self.by_environment.items()},
            "declared": self.declared.to_dict(),
            "measurements": [m.to_dict() for m in self.measurements],
            "totals": self.totals(),
            "impact": self.impact,
            "equivalences": self.equivalences,
            "reemploi": self.reemploi,
            "recyclage": self.recyclage,
            "devices": self.devices(),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)


def sheet_from_bilan(
    bilan: Bilan,
    *,
    event_id: Optional[str] = None,
    participant: Optional[str] = None,
    team: Optional[str] = None,
    event_date: Optional[str] = None,
    sheet_id: Optional[str] = None,
    devices: Any = STORED,
) -> Sheet:
    """A sheet of ``bilan`` (its method and figures). Give ``sheet_id`` (for instance from
    :func:`stable_sheet_id`) so that re-exports for one event replace each other.

    ``devices`` (a core.devices.DeviceActions) fills ``reemploi``/``recyclage``; by default
    (``STORED``) what the user declared for ``event_id`` in the data dir (shared by the desktop
    app and the CLI); None leaves them null."""
    if devices is STORED:
        from cleanup_desktop.core.devices.store import load_declared

        devices = load_declared(event_id)
    sheet = Sheet(
        sheet_id=sheet_id or str(uuid.uuid4()),
        created=now_iso(),
        method=bilan.method,
        event_id=_text(event_id, "event id"),
        event_date=_date(event_date or (bilan.last_time or now_iso())[:10], "event date"),
        participant=_text(participant, "participant"),
        team=_text(team, "team"),
        period_first=bilan.first_time,
        period_last=bilan.last_time,
        runs=len(bilan.runs),
        freed={b: Counter(c.bytes, c.count) for b, c in bilan.freed.items()},
        in_trash={b: Counter(c.bytes, c.count) for b, c in bilan.in_trash.items()},
        by_environment={e: dict(v) for e, v in bilan.by_environment.items()},
        declared=bilan.declared,
        measurements=list(bilan.measurements),
        reemploi=devices.reemploi_section() if devices is not None else None,
        recyclage=devices.recyclage_section() if devices is not None else None,
    )
    return sheet.recompute()


# ---- validation ------------------------------------------------------------------------------
def _text(value: Any, what: str) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str):
        raise SheetError(Reason("sheet.not-text", what=what))
    value = " ".join(value.split())
    if len(value) > TEXT_MAX:
        raise SheetError(Reason("sheet.too-long", what=what, limit=TEXT_MAX))
    return value or None


def _date(value: Any, what: str) -> Optional[str]:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise SheetError(Reason("sheet.not-date", what=what, value=repr(value))) from None


def _time(value: Any, what: str) -> Optional[str]:
    if value in (None, ""):
        return None
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        raise SheetError(Reason("sheet.not-time", what=what, value=repr(value))) from None
    return str(value)


def _int(value: Any, what: str) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SheetError(Reason("sheet.not-count", what=what, value=_short(value)))
    if value > NUMBER_MAX:
        raise SheetError(Reason("sheet.out-of-range", what=what, value=_short(value)))
    return value


def _num(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise SheetError(Reason("sheet.not-amount", what=what, value=_short(value)))
    if value > NUMBER_MAX or not math.isfinite(value):
        raise SheetError(Reason("sheet.out-of-range", what=what, value=_short(value)))
    return float(value)


def _short(value: Any) -> str:
    """A value as shown in a reason: never a 400-digit number or a huge text."""
    text = repr(value) if not isinstance(value, int) or abs(value) < 10**30 else f"a {len(str(abs(value)))}-digit number"
    return text if len(text) <= 60 else text[:57] + "..."


def _table(d: Mapping, key: str) -> Mapping:
    value = d.get(key)
    if not isinstance(value, Mapping):
        raise SheetError(Reason("sheet.no-object", key=key))
    return value


def _counters(d: Mapping, key: str) -> dict[str, Counter]:
    table = _table(d, key)
    unknown = set(table) - set(BUCKETS)
    if unknown:
        raise SheetError(Reason("sheet.unknown-entries", key=key, entries=", ".join(sorted(unknown))))
    out = {}
    for b in BUCKETS:
        c = table.get(b, {"bytes": 0, "count": 0})
        if not isinstance(c, Mapping):
            raise SheetError(Reason("sheet.not-object", key=f"{key}.{b}"))
        out[b] = Counter(_int(c.get("bytes", 0), f"{key}.{b}.bytes"), _int(c.get("count", 0), f"{key}.{b}.count"))
    return out


def _devices(value: Any, what: str, devices: tuple, fields: tuple) -> Optional[dict]:
    """A validated section, completed to every device and field; null when all are zero."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise SheetError(Reason("sheet.null-or-object", key=what))
    out: dict[str, Any] = {}
    for device, counts in value.items():
        if device not in devices or not isinstance(counts, Mapping):
            raise SheetError(Reason("sheet.unknown-device", key=what, device=repr(device)))
        out[device] = {}
        for f in fields:
            v = counts.get(f, 0)
            out[device][f] = _num(v, f"{what}.{device}.{f}") if f == "poidsKg" else _int(v, f"{what}.{device}.{f}")
    return sum_sections([out], devices, fields)


def method_from_dict(m: Mapping) -> Method:
    mid = m.get("id")
    try:
        method = get_method(mid)
        if method.custom:
            factors = m.get("factors") or {}
            if not isinstance(factors, Mapping):
                raise SheetError(Reason("sheet.not-object", key="method.factors"))
            method = custom_method(dict(factors))
    except MethodError as exc:
        raise SheetError(Reason("sheet.method", error=reason_of(exc))) from None
    return method


UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def sheet_from_dict(d: Any) -> Sheet:
    """Validate and build a sheet; raises :class:`SheetError` with the reason.

    The impact is recomputed from the figures with the sheet's method, so that a sheet whose
    kg were edited by hand cannot disagree with its own figures."""
    if not isinstance(d, Mapping):
        raise SheetError(Reason("sheet.not-object-doc"))
    schema = d.get("schema")
    if schema != SCHEMA:
        if isinstance(schema, str) and schema.startswith("cleanup-desktop/sheet/"):
            raise SheetError(Reason("sheet.newer", schema=schema, known=SCHEMA))
        raise SheetError(Reason("sheet.not-ours", schema=repr(schema), known=SCHEMA))
    sid = d.get("sheet_id")
    if not isinstance(sid, str) or not UUID_RE.match(sid):
        raise SheetError(Reason("sheet.bad-id", value=repr(sid)))
    unit = _table(d, "unit")
    if unit.get("go_bytes") != GO_BYTES:
        raise SheetError(Reason("sheet.go-bytes", expected=GO_BYTES, value=repr(unit.get("go_bytes"))))
    event, who, period = _table(d, "event"), _table(d, "participant"), _table(d, "period")
    raw_app = d.get("app")
    app = raw_app if isinstance(raw_app, Mapping) else {}
    envs = _table(d, "by_environment")
    by_env = {}
    for env, row in envs.items():
        if env not in ENVIRONMENTS or not isinstance(row, Mapping):
            raise SheetError(Reason("sheet.unknown-env", env=repr(env)))
        by_env[env] = {k: _int(v, f"by_environment.{env}.{k}") for k, v in row.items()}
    declared_raw = _table(d, "declared")
    try:
        declared = Declared(**{k: _int(declared_raw.get(k, 0), f"declared.{k}") for k in DECLARED})
        raw_measurements = d.get("measurements") or []
        if not isinstance(raw_measurements, list) or len(raw_measurements) > 50:
            raise SheetError(Reason("sheet.measurements"))
        measurements = [Measurement(
            environment=m.get("environment"), before_bytes=_int(m.get("before_bytes"), "measurement before_bytes"),
            after_bytes=_int(m.get("after_bytes"), "measurement after_bytes"),
            before_time=_time(m.get("before_time"), "measurement time"),
            after_time=_time(m.get("after_time"), "measurement time"),
            volumes=_int(m.get("volumes", 1) or 1, "measurement volumes"),
        ) for m in raw_measurements]
    except (ValueError, TypeError, AttributeError) as exc:
        raise SheetError(Reason("sheet.measurements-bad", error=reason_of(exc))) from None
    sheet = Sheet(
        sheet_id=sid.lower(),
        created=_time(d.get("created"), "created") or "",
        method=method_from_dict(_table(d, "method")),
        app_version=str(app.get("version", "")),
        event_id=_text(event.get("id"), "event id"),
        event_date=_date(event.get("date"), "event date"),
        participant=_text(who.get("name"), "participant"),
        team=_text(who.get("team"), "team"),
        period_first=_time(period.get("first"), "period.first"),
        period_last=_time(period.get("last"), "period.last"),
        runs=_int(period.get("runs", 0), "period.runs"),
        freed=_counters(d, "freed"),
        in_trash=_counters(d, "in_trash"),
        by_environment=by_env,
        declared=declared,
        measurements=measurements,
        reemploi=_devices(d.get("reemploi"), "reemploi", REEMPLOI_DEVICES, REEMPLOI_FIELDS),
        recyclage=_devices(d.get("recyclage"), "recyclage", RECYCLAGE_DEVICES, RECYCLAGE_FIELDS),
    )
    if not sheet.created:
        raise SheetError(Reason("sheet.no-created"))
    return sheet  # its impact is computed from the figures when first asked for


def stable_sheet_id(event_id: Optional[str], data_dir=None) -> str:
    """The same sheet id for every export of one event by this user (kept in the data dir),
    so the organiser's aggregation keeps only the latest export."""
    from cleanup_desktop.core.sheets.store import sheet_id_for_event
    return sheet_id_for_event(event_id, data_dir)

"""The sheet as one flat row of named columns (CSV, XLSX) and back.

Columns marked "derived" (Go, kg) are written for people and recomputed on read."""

from __future__ import annotations

import json
from typing import Any, Mapping

from cleanup_desktop.core.bilan import BUCKETS, DECLARED
from cleanup_desktop.core.impact.classify import ENVIRONMENTS
from cleanup_desktop.core.impact.methods import GO_BYTES
from cleanup_desktop.core.sheets.model import SCHEMA, Sheet, SheetError
from cleanup_desktop.core.messages import Reason

ENV_FIELDS = ("freed_bytes", "freed_count", "in_trash_bytes", "in_trash_count")
MEAS_FIELDS = ("before_bytes", "after_bytes", "before_time", "after_time", "volumes")

# (column, kind): kind is "text", "int", "json" or "derived"
COLUMNS: list[tuple[str, str]] = [
    ("schema", "text"), ("sheet_id", "text"), ("created", "text"), ("app_version", "text"),
    ("event_id", "text"), ("event_date", "text"), ("participant", "text"), ("team", "text"),
    ("unit_go_bytes", "int"), ("method_id", "text"), ("method_version", "text"),
    ("method_name", "derived"), ("method_factors", "json"),
    ("go_total", "derived"), ("go_cloud", "derived"), ("go_local", "derived"),
    ("files_deleted", "derived"), ("emails_deleted", "derived"), ("go_in_trash", "derived"),
    ("kg_co2e", "derived"), ("kg_co2e_low", "derived"), ("kg_co2e_high", "derived"),
    ("kg_co2e_annual", "derived"), ("kg_co2e_one_off", "derived"),
    ("period_first", "text"), ("period_last", "text"), ("runs", "int"),
]
COLUMNS += [(f"freed_{b}_{f}", "int") for b in BUCKETS for f in ("bytes", "count")]
COLUMNS += [(f"in_trash_{b}_{f}", "int") for b in BUCKETS for f in ("bytes", "count")]
COLUMNS += [(f"declared_{k}", "int") for k in DECLARED]
COLUMNS += [(f"env_{e}_{f}", "int") for e in ENVIRONMENTS for f in ENV_FIELDS]
COLUMNS += [(f"measure_{e}_{f}", "int" if f.endswith(("bytes", "volumes")) else "text")
            for e in ENVIRONMENTS for f in MEAS_FIELDS]
COLUMNS += [("reemploi", "json"), ("recyclage", "json"),
            ("reemploi_devices", "derived"), ("reemploi_kg_co2e", "derived"),
            ("recyclage_quantity", "derived"), ("recyclage_weight_kg", "derived")]
COLUMN_NAMES = [c for c, _ in COLUMNS]
KINDS = dict(COLUMNS)

def flatten(sheet: Sheet) -> dict[str, Any]:
    d = sheet.to_dict()
    total = d["impact"].get("total", {})
    row: dict[str, Any] = {
        "schema": SCHEMA, "sheet_id": sheet.sheet_id, "created": sheet.created,
        "app_version": sheet.app_version, "event_id": sheet.event_id, "event_date": sheet.event_date,
        "participant": sheet.participant, "team": sheet.team, "unit_go_bytes": GO_BYTES,
        "method_id": sheet.method.id, "method_version": sheet.method.version,
        "method_name": sheet.method.name_en,
        "method_factors": d["method"].get("factors"),
        "go_total": round(sheet.go_total, 6), "go_cloud": round(sheet.go_cloud, 6),
        "go_local": round(sheet.go_local, 6), "files_deleted": sheet.files_deleted,
        "emails_deleted": sheet.emails_deleted, "go_in_trash": round(sheet.in_trash_bytes / GO_BYTES, 6),
        "kg_co2e": round(total.get("kg", 0.0), 4), "kg_co2e_low": round(total.get("kg_low", 0.0), 4),
        "kg_co2e_high": round(total.get("kg_high", 0.0), 4),
        "kg_co2e_annual": round(total.get("kg_annual", 0.0), 4),
        "kg_co2e_one_off": round(total.get("kg_one_off", 0.0), 4),
        "period_first": sheet.period_first, "period_last": sheet.period_last, "runs": sheet.runs,
        "reemploi": sheet.reemploi, "recyclage": sheet.recyclage,
    }
    devices = d["devices"]
    row["reemploi_devices"] = devices["reemploi"]["devices"]
    row["reemploi_kg_co2e"] = round(devices["reemploi"]["kg_co2e"], 4)
    row["recyclage_quantity"] = devices["recyclage"]["quantity"]
    row["recyclage_weight_kg"] = devices["recyclage"]["weight_kg"]
    for what in ("freed", "in_trash"):
        for b, c in getattr(sheet, what).items():
            row[f"{what}_{b}_bytes"], row[f"{what}_{b}_count"] = c.bytes, c.count
    for k, v in sheet.declared.to_dict().items():
        row[f"declared_{k}"] = v
    for e in ENVIRONMENTS:
        env = sheet.by_environment.get(e, {})
        for f in ENV_FIELDS:
            row[f"env_{e}_{f}"] = env.get(f, 0)
    for m in sheet.measurements:
        for f in MEAS_FIELDS:
            row[f"measure_{m.environment}_{f}"] = getattr(m, f)
    return {c: row.get(c) for c in COLUMN_NAMES}


FORMULA_STARTS = ("=", "+", "-", "@")


def safe_text(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: quote it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def unquote(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def cell_text(column: str, value: Any) -> str:
    """How a flat value is written as text (CSV)."""
    if value is None:
        return ""
    if KINDS.get(column) == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _parse(column: str, value: Any) -> Any:
    kind = KINDS[column]
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    if kind == "int":
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                raise SheetError(Reason("sheet.column-number", column=column, value=repr(value))) from None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return value
    if kind == "json":
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                raise SheetError(Reason("sheet.column-json", column=column)) from None
        return value
    return value if isinstance(value, (int, float)) and kind == "derived" else str(value)


def unflatten(row: Mapping[str, Any]) -> dict:
    """The sheet JSON object from a flat row (unknown columns are ignored)."""
    if "schema" not in row or "sheet_id" not in row:
        raise SheetError(Reason("sheet.flat-not-ours"))
    v = {c: _parse(c, row.get(c)) for c in COLUMN_NAMES}

    def n(c):  # counts missing from a hand-made file count as 0
        return v[c] if v[c] is not None else 0

    method = {"id": v["method_id"], "version": v["method_version"]}
    if v["method_factors"]:
        method["factors"] = v["method_factors"]
    measurements = []
    for e in ENVIRONMENTS:
        if v[f"measure_{e}_before_bytes"] is not None or v[f"measure_{e}_after_bytes"] is not None:
            measurements.append({"environment": e, **{f: v[f"measure_{e}_{f}"] for f in MEAS_FIELDS}})
    by_env = {}
    for e in ENVIRONMENTS:
        vals = {f: n(f"env_{e}_{f}") for f in ENV_FIELDS}
        if any(vals.values()):
            by_env[e] = vals
    return {
        "schema": v["schema"], "sheet_id": v["sheet_id"], "created": v["created"],
        "app": {"name": "cleanup-desktop", "version": v["app_version"] or ""},
        "event": {"id": v["event_id"], "date": v["event_date"]},
        "participant": {"name": v["participant"], "team": v["team"]},
        "unit": {"go_bytes": v["unit_go_bytes"]},
        "method": method,
        "period": {"first": v["period_first"], "last": v["period_last"], "runs": n("runs")},
        "freed": {b: {"bytes": n(f"freed_{b}_bytes"), "count": n(f"freed_{b}_count")} for b in BUCKETS},
        "in_trash": {b: {"bytes": n(f"in_trash_{b}_bytes"), "count": n(f"in_trash_{b}_count")} for b in BUCKETS},
        "by_environment": by_env,
        "declared": {k: n(f"declared_{k}") for k in DECLARED},
        "measurements": measurements,
        "reemploi": v["reemploi"],
        "recyclage": v["recyclage"],
    }

"""Writing a sheet: the project's JSON (source of truth), CSV, XLSX and the INR DCD block,
and reading JSON/XLSX/CSV sheets back. The PDF one-pager is in cleanup_desktop.render.pdf
(it needs Qt). Files are written to a temporary name and renamed into place."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any, Callable

from cleanup_desktop.core.sheets import dcd
from cleanup_desktop.core.sheets.flat import COLUMN_NAMES, KINDS, cell_text, flatten, label, unflatten
from cleanup_desktop.core.sheets.model import Sheet, SheetError, sheet_from_dict

FORMULA_STARTS = ("=", "+", "-", "@")
XLSX_SHEET = "Fiche"
IMPACT_SHEET = "Impact"
DEVICES_SHEET = "Devices"
DEVICE_LABELS = {  # INR device name -> (en, fr)
    "ordinateurFixe": ("Desktop computer", "Ordinateur fixe"), "ecran": ("Screen", "Écran"),
    "ordinateurPortable": ("Laptop", "Ordinateur portable"), "tablette": ("Tablet", "Tablette"),
    "smartphone": ("Smartphone", "Smartphone"), "divers": ("Other", "Divers"),
}


def device_label(device: str, lang: str = "en") -> str:
    en, fr = DEVICE_LABELS.get(device, (device, device))
    return fr if lang.startswith("fr") else en


def devices_rows(reemploi, recyclage, method, lang: str = "fr") -> list[list]:
    """The Devices worksheet: one row per device with what was declared, its réemploi kg
    CO2e and recycled weight (for people: a sheet is read back from its Fiche worksheet)."""
    from cleanup_desktop.core.devices.impact import devices_summary
    from cleanup_desktop.core.devices.model import RECYCLAGE_DEVICES, REEMPLOI_ACTIONS

    summary = devices_summary(reemploi, recyclage, method)
    kg_by_device = {ln["device"]: ln for ln in summary["reemploi"]["lines"]}
    rows = [["device", *REEMPLOI_ACTIONS, "counted devices", "kg per device", "kg CO2e (réemploi)",
             "recycled quantite", "recycled poidsKg"]]
    for device in RECYCLAGE_DEVICES:
        re = (reemploi or {}).get(device, {})
        rc = (recyclage or {}).get(device, {})
        line = kg_by_device.get(device, {})
        rows.append([device_label(device, lang), *[re.get(a) for a in REEMPLOI_ACTIONS], line.get("devices"),
                     line.get("kg_per_device"), line.get("kg_co2e"), rc.get("quantite"), rc.get("poidsKg")])
    rows.append(["total", None, None, None, None, summary["reemploi"]["devices"], None,
                 summary["reemploi"]["kg_co2e"], summary["recyclage"]["quantity"], summary["recyclage"]["weight_kg"]])
    return rows


def atomic_write(path: os.PathLike | str, write: Callable[[Path], None]) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


def _write_text(path, text: str) -> Path:
    return atomic_write(path, lambda p: p.write_text(text, "utf-8"))


def export_json(sheet: Sheet, path) -> Path:
    return _write_text(path, sheet.to_json() + "\n")


def export_dcd(sheet: Sheet, path) -> Path:
    """The INR DCD-Bilan form JSON for this one participant (metadata mostly empty: the
    organiser's aggregation fills it)."""
    doc = dcd.document([sheet], people_reached=1)
    return _write_text(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def _safe_text(value: str) -> str:
    """Spreadsheets run a cell starting with = + - @ as a formula: quote it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _unquote(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def csv_text(rows: list[dict[str, Any]], columns: list[str] = COLUMN_NAMES) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for row in rows:
        w.writerow([_safe_text(cell_text(c, row.get(c))) if KINDS.get(c) == "text"
                    else cell_text(c, row.get(c)) for c in columns])
    return buf.getvalue()


def export_csv(sheet: Sheet, path) -> Path:
    """One header row and one data row (rows from several sheets can be concatenated)."""
    return atomic_write(path, lambda p: p.write_bytes(("\ufeff" + csv_text([flatten(sheet)])).encode("utf-8")))


def xlsx_value(column: str, value: Any) -> Any:
    if value is None:
        return None
    if KINDS.get(column) == "json":
        return cell_text(column, value)
    if isinstance(value, str):
        return _safe_text(value)
    return value


def export_xlsx(sheet: Sheet, path, lang: str = "fr") -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = XLSX_SHEET
    ws.append(["field", "value", "label"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for column, value in flatten(sheet).items():
        ws.append([column, xlsx_value(column, value), label(column, lang)])
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 40
    ws.column_dimensions["C"].width = 48
    lines = wb.create_sheet(IMPACT_SHEET)
    lines.append(["line", "quantity", "unit", "factor", "factor unit", "period",
                  "kg CO2e", "kg low", "kg high", "note"])
    for ln in sheet.impact.get("lines", []):
        lines.append([ln["label_fr"] if lang.startswith("fr") else ln["label_en"], ln["quantity"],
                      ln["quantity_unit"], ln["factor"], ln["factor_unit"], ln["period"],
                      round(ln["kg"], 4), round(ln["kg_low"], 4), round(ln["kg_high"], 4), ln["note"]])
    total = sheet.impact.get("total", {})
    lines.append(["total", None, None, None, None, total.get("label"), round(total.get("kg", 0), 4),
                  round(total.get("kg_low", 0), 4), round(total.get("kg_high", 0), 4), sheet.impact.get("unit")])
    if sheet.reemploi or sheet.recyclage:
        dev = wb.create_sheet(DEVICES_SHEET)
        for row in devices_rows(sheet.reemploi, sheet.recyclage, sheet.method, lang):
            dev.append(row)
        dev.column_dimensions["A"].width = 22
    return atomic_write(path, lambda p: wb.save(p))


# ---- reading back ----------------------------------------------------------------------------
def read_json(path) -> Sheet:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise SheetError(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise SheetError(f"not valid JSON ({exc})") from None
    return sheet_from_dict(data)


def read_xlsx(path) -> Sheet:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for damaged or foreign files
        raise SheetError(f"not a readable XLSX file ({type(exc).__name__}: {exc})") from None
    try:
        if XLSX_SHEET not in wb.sheetnames:
            raise SheetError(f"no '{XLSX_SHEET}' worksheet: not a sheet written by Cleanup Desktop")
        row: dict[str, Any] = {}
        for i, cells in enumerate(wb[XLSX_SHEET].iter_rows(values_only=True)):
            if i == 0 or not cells or cells[0] is None:
                continue
            row[str(cells[0])] = _unquote(cells[1] if len(cells) > 1 else None)
    finally:
        wb.close()
    return sheet_from_dict(unflatten(row))


def sheets_from_csv_text(text: str) -> list[Sheet]:
    """Sheets from CSV text written by :func:`csv_text` (one per data row)."""
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows:
        raise SheetError("the CSV file has no data row")
    return [sheet_from_dict(unflatten({k: _unquote(v) for k, v in r.items()})) for r in rows]


def read_csv(path) -> list[Sheet]:
    try:
        text = Path(path).read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SheetError(f"cannot read the CSV file ({exc})") from None
    return sheets_from_csv_text(text)


def read_sheet(path) -> Sheet:
    """A sheet from a .json or .xlsx file (a .csv holding exactly one row also works)."""
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix == ".csv":
        sheets = read_csv(path)
        if len(sheets) != 1:
            raise SheetError(f"the CSV file holds {len(sheets)} sheets; expected one")
        return sheets[0]
    return read_json(path)


EXPORTERS = {"json": export_json, "csv": export_csv, "xlsx": export_xlsx, "dcd": export_dcd}


def export(sheet: Sheet, fmt: str, path) -> Path:
    """Write ``sheet`` as ``fmt`` ("json", "csv", "xlsx" or "dcd"); the PDF is
    cleanup_desktop.render.pdf.render_sheet_pdf (Qt lives outside the core)."""
    try:
        return EXPORTERS[fmt](sheet, path)
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (json, csv, xlsx, dcd)") from None

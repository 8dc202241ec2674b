"""Writing a sheet: the project's JSON (source of truth), CSV, XLSX and the INR DCD block
(reading every format back is core.sheets.read). The PDF one-pager is in
cleanup_desktop.render.pdf (it needs Qt). Files are written to a temporary name and renamed
into place."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any, Callable, Optional

from cleanup_desktop.core.sheets import dcd
from cleanup_desktop.core.sheets.flat import COLUMN_NAMES, KINDS, cell_text, flatten, safe_text, unquote
from cleanup_desktop.core.sheets.model import Sheet
from cleanup_desktop.core.sheets.read import INR_SHEET_KEY, read_sheet, read_sheets, sheets_from_csv_text

__all__ = ["export", "read_sheet", "read_sheets", "sheets_from_csv_text", "csv_text", "unquote"]


def atomic_write(path: os.PathLike | str, write: Callable[[Path], object]) -> Path:
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
    organiser's aggregation fills it). It also carries the sheet it was made from
    (``cleanupDesktopSheet``): the organiser's aggregation reads it and checks that both agree."""
    doc = dcd.document([sheet], people_reached=1)
    doc[INR_SHEET_KEY] = sheet.to_dict()  # so that the organiser can read and verify this block
    return _write_text(path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def csv_text(rows: list[dict[str, Any]], columns: list[str] = COLUMN_NAMES) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for row in rows:
        w.writerow([safe_text(cell_text(c, row.get(c))) if KINDS.get(c) == "text"
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
        return safe_text(value)
    return value


def export_xlsx(sheet: Sheet, path, lang: str = "fr") -> Path:
    """A form in ``lang`` (label, value, unit), the CO2e lines, the devices, and the sheet
    JSON in a very hidden worksheet (read back by core.sheets.read)."""
    from cleanup_desktop.core.sheets.xlsx_personal import write_personal_xlsx

    return atomic_write(path, lambda p: write_personal_xlsx(sheet, p, "fr" if lang.startswith("fr") else "en"))


EXPORTERS: dict[str, Callable[..., Path]] = {"json": export_json, "csv": export_csv, "xlsx": export_xlsx, "dcd": export_dcd}


def export(sheet: Sheet, fmt: str, path, lang: Optional[str] = None) -> Path:
    """Write ``sheet`` as ``fmt`` ("json", "csv", "xlsx" or "dcd"; the XLSX in ``lang``, the
    desktop's language by default); the PDF is
    cleanup_desktop.render.pdf.render_sheet_pdf (Qt lives outside the core)."""
    try:
        writer = EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (json, csv, xlsx, dcd)") from None
    if fmt != "xlsx":
        return writer(sheet, path)
    from cleanup_desktop.core.sheets.messages import desktop_lang

    return writer(sheet, path, lang or desktop_lang())

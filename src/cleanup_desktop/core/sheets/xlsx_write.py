"""Presentable XLSX worksheets (openpyxl): a form (label, value, unit) or a table with styled
headers in words, number formats, column widths, a frozen header row and a print set-up that
fits the page width; plus the very hidden worksheet that carries the sheet JSON so that the
workbook reads back exactly (core.sheets.read)."""

from __future__ import annotations

import json
from typing import Any, Iterable, Optional, Sequence

from cleanup_desktop.core.sheets.flat import safe_text

GO_FORMAT = "#,##0.000"
INT_FORMAT = "#,##0"
KG_FORMAT = "#,##0.000"
PCT_FORMAT = "0.0%"
HEADER_FILL = "1B5E20"
SECTION_FILL = "E8F5E9"
CHUNK = 30_000  # characters per cell (a cell holds at most 32,767)
FORMATS = {"go": GO_FORMAT, "int": INT_FORMAT, "kg": KG_FORMAT, "pct": PCT_FORMAT, "text": "@", None: None}


def cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def _styles():
    from openpyxl.styles import Alignment, Font, PatternFill

    return {
        "title": Font(bold=True, size=14, color=HEADER_FILL),
        "header_font": Font(bold=True, color="FFFFFF"),
        "header_fill": PatternFill("solid", fgColor=HEADER_FILL),
        "section_font": Font(bold=True),
        "section_fill": PatternFill("solid", fgColor=SECTION_FILL),
        "wrap": Alignment(wrap_text=True, vertical="top"),
        "header_align": Alignment(wrap_text=True, vertical="center"),
    }


def print_setup(ws, landscape: bool = False, header_rows: Optional[str] = None) -> None:
    """Fit every column on the page width (as many pages down as needed), A4."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    if header_rows:
        ws.print_title_rows = header_rows


def form(ws, title: str, headers: Sequence[str], rows: Iterable[tuple], widths=(72, 22, 16)) -> None:
    """A form: a title, a header row, then (label, value, unit, kind) rows; a row whose value
    and unit are both None is a section heading."""
    st = _styles()
    ws.append([title])
    ws["A1"].font = st["title"]
    ws.append(list(headers))
    for cell in ws[2]:
        cell.font, cell.fill, cell.alignment = st["header_font"], st["header_fill"], st["header_align"]
    for label, value, unit, kind in rows:
        ws.append([label, cell_value(value), unit])
        r = ws.max_row
        if value is None and unit is None and kind == "section":
            for cell in ws[r]:
                cell.font, cell.fill = st["section_font"], st["section_fill"]
            continue
        if kind == "note":  # a sentence: wrapped over the three columns, two lines high
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
            ws.cell(r, 1).alignment = st["wrap"]
            ws.row_dimensions[r].height = 30
            continue
        fmt = FORMATS.get(kind)
        if fmt and isinstance(value, (int, float)):
            ws.cell(r, 2).number_format = fmt
    for letter, width in zip("ABC", widths):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A3"
    print_setup(ws, header_rows="2:2")


def table(ws, headers: Sequence[str], kinds: Sequence[Optional[str]], rows: Iterable[Sequence],
          widths: Sequence[float], landscape: bool = True) -> None:
    """A table: one styled header row in words (with units), typed number formats."""
    from openpyxl.utils import get_column_letter

    st = _styles()
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font, cell.fill, cell.alignment = st["header_font"], st["header_fill"], st["header_align"]
    ws.row_dimensions[1].height = 46  # headers in words wrap over up to three lines
    fmts = [(i, f) for i, f in enumerate((FORMATS.get(k) for k in kinds), 1) if f and f != "@"]
    r = 1
    for row in rows:
        ws.append([cell_value(v) for v in row])
        r += 1  # (ws.max_row scans every row: quadratic on 20,000 participants)
        for i, fmt in fmts:
            ws.cell(r, i).number_format = fmt
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    if r > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{r}"
    print_setup(ws, landscape=landscape, header_rows="1:1")


def add_data_sheet(wb, name: str, data: dict) -> None:
    """The sheet JSON in a very hidden worksheet (not shown, not printed; read back by
    core.sheets.read), in chunks of column A, each led by "|" (a cell starting with "=" would
    be written as a formula)."""
    ws = wb.create_sheet(name)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for i in range(0, len(text), CHUNK):
        ws.append(["|" + text[i:i + CHUNK]])
    ws.sheet_state = "veryHidden"

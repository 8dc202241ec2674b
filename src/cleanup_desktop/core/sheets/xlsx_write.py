"""Presentable XLSX worksheets (openpyxl): a form (label, value, unit) or a table with styled
headers in words, number formats, column widths, a frozen header row and a print set-up that
fits the page width; plus the very hidden worksheet that carries the sheet JSON so that the
workbook reads back exactly (core.sheets.read)."""

from __future__ import annotations

import json
from copy import copy
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


class Styler:
    """Cells of a write-only worksheet with their style, made once per kind and copied
    (assigning a font or number format to each of 300,000 cells costs seconds)."""

    def __init__(self, ws) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill

        self.ws = ws
        self._cell = WriteOnlyCell
        self._styles: dict[str, Any] = {}
        looks: dict[str, dict[str, Any]] = {
            "title": {"font": Font(bold=True, size=14, color=HEADER_FILL)},
            "header": {"font": Font(bold=True, color="FFFFFF"), "fill": PatternFill("solid", fgColor=HEADER_FILL),
                       "alignment": Alignment(wrap_text=True, vertical="center")},
            "section": {"font": Font(bold=True), "fill": PatternFill("solid", fgColor=SECTION_FILL)},
            "note": {"font": Font(italic=True, color="616161")},
        }
        looks.update({kind: {"number_format": fmt} for kind, fmt in FORMATS.items() if kind and fmt != "@"})
        for kind, attrs in looks.items():
            c = WriteOnlyCell(ws, value=None)
            for k, v in attrs.items():
                setattr(c, k, v)
            self._styles[kind] = getattr(c, "_style")  # openpyxl: a cell's whole look, copied per cell

    def __call__(self, value: Any, kind: Optional[str] = None):
        value = cell_value(value)
        style = self._styles.get(kind) if kind is not None else None
        if style is None or (kind in FORMATS and not isinstance(value, (int, float))):
            return value
        c = self._cell(self.ws, value=value)
        setattr(c, "_style", copy(style))
        return c


def print_setup(ws, landscape: bool = False, header_rows: Optional[str] = None) -> None:
    """Fit every column on the page width (as many pages down as needed), A4."""
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    if header_rows:
        ws.print_title_rows = header_rows


def _widths(ws, widths: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width


NOTE_CHARS = 105  # a note longer than this goes on several rows (text overflows into B and C)


def form(ws, title: str, headers: Sequence[str], rows: Iterable[tuple], widths=(72, 22, 16)) -> None:
    """A form on a write-only worksheet: a title, a header row, then (label, value, unit,
    kind) rows; a row whose value and unit are both None is a section heading; kind "note"
    is a sentence under the row before."""
    import textwrap

    st = Styler(ws)
    _widths(ws, widths)
    ws.freeze_panes = "A3"
    print_setup(ws, header_rows="2:2")
    ws.append([st(title, "title")])
    ws.append([st(h, "header") for h in headers])
    for label, value, unit, kind in rows:
        if kind == "section" and value is None and unit is None:
            ws.append([st(label, "section"), st(None, "section"), st(None, "section")])
        elif kind == "note":
            for line in textwrap.wrap(label, NOTE_CHARS):
                ws.append([st(line, "note")])
        else:
            ws.append([label, st(value, kind), unit])


def table(ws, headers: Sequence[str], kinds: Sequence[Optional[str]], rows: Iterable[Sequence],
          widths: Sequence[float], landscape: bool = True) -> None:
    """A table on a write-only worksheet: one styled header row in words (with units),
    typed number formats, a filter, the header frozen and printed on every page."""
    from openpyxl.utils import get_column_letter

    st = Styler(ws)
    _widths(ws, widths)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 46  # headers in words wrap over up to three lines
    print_setup(ws, landscape=landscape, header_rows="1:1")
    ws.append([st(h, "header") for h in headers])
    n = 1
    for row in rows:
        ws.append([st(v, k) for v, k in zip(row, kinds)])
        n += 1
    if n > 1:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{n}"


def add_data_sheet(wb, name: str, data: dict) -> None:
    """The sheet JSON in a very hidden worksheet (not shown, not printed; read back by
    core.sheets.read), in chunks of column A, each led by "|" (a cell starting with "=" would
    be written as a formula)."""
    ws = wb.create_sheet(name)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for i in range(0, len(text), CHUNK):
        ws.append(["|" + text[i:i + CHUNK]])
    ws.sheet_state = "veryHidden"

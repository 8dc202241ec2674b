"""Reading sheets back, whatever format the app wrote them in, within hard limits.

Formats (recognised by their content, then their name): the sheet JSON; the INR DCD-Bilan
block the app writes for one person (it carries the sheet it was made from, and both must
agree); CSV (one header row and one or more rows; files concatenated with their header rows
and byte-order marks still read); XLSX (the sheet JSON in the workbook's hidden data
worksheet; the older "Fiche" field/value worksheet too); PDF (the sheet JSON attached to the
PDF as a file). Anything else is rejected with the reason.

Hostile files never take the organiser's machine down: a file larger than the limit is not
read; an XLSX whose parts would unpack to more than the limit, or with too many shared
strings or rows, is rejected before any of it is unpacked (this module reads the few XML
parts it needs itself: fast, and bounded); JSON nested too deeply or holding a number out of
range is rejected. Every rule gives the reason shown to the organiser (a SheetError)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from xml.etree import ElementTree as ET

from cleanup_desktop.core.sheets.flat import unflatten, unquote
from cleanup_desktop.core.sheets.model import Sheet, SheetError, sheet_from_dict
from cleanup_desktop.core.messages import Reason, os_error, reason_of

DATA_SHEET = "cleanup-desktop-data"  # the XLSX's very hidden worksheet: the sheet JSON, in column A
LEGACY_SHEET = "Fiche"  # the field/value worksheet of older versions
PDF_ATTACHMENT = "cleanup-desktop-sheet.json"
INR_SHEET_KEY = "cleanupDesktopSheet"  # the sheet carried in a person's INR block
MB = 1_000_000


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 8 * MB  # a JSON, XLSX, PDF or INR sheet (ours are a few kB to ~100 kB)
    csv_bytes: int = 64 * MB  # a CSV may hold many concatenated rows (~2 kB each)
    xlsx_unpacked_bytes: int = 16 * MB  # all the parts of one workbook, unpacked
    xlsx_parts: int = 64
    xlsx_shared_strings: int = 20_000
    xlsx_rows: int = 5_000
    json_depth: int = 16  # a sheet is 4 levels deep
    number_digits: int = 19  # any number in a sheet is at most 10^18 (model.NUMBER_MAX)


LIMITS = Limits()


@dataclass
class ReadResult:
    """What one file gave: its SHA-256, the format found, the sheets it holds (a CSV may hold
    several, labelled "file (row N)") and the rejected parts with their reason."""

    file: str
    sha256: Optional[str] = None
    format: Optional[str] = None
    sheets: list[tuple[str, Sheet]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)


def read_file(path: os.PathLike | str, limits: Limits = LIMITS) -> ReadResult:
    """Read every sheet of one file; never raises for a bad file (see ``errors``)."""
    result = ReadResult(str(path))
    try:
        data = _read_bounded(Path(path), limits)
    except SheetError as exc:
        result.errors.append((result.file, reason_of(exc)))
        return result
    result.sha256 = hashlib.sha256(data).hexdigest()
    try:
        fmt, items = parse_bytes(data, Path(path).suffix.lower(), limits)
    except SheetError as exc:
        result.errors.append((result.file, reason_of(exc)))
        return result
    result.format = fmt
    for label, item in items:
        name = result.file if label is None else f"{result.file} ({label})"
        (result.errors if isinstance(item, str) else result.sheets).append((name, item))
    return result


def read_sheets(path: os.PathLike | str, limits: Limits = LIMITS) -> list[Sheet]:
    """Every sheet of a file; the first bad part raises its SheetError."""
    r = read_file(path, limits)
    if r.errors:
        raise SheetError(r.errors[0][1])
    return [s for _, s in r.sheets]


def read_sheet(path: os.PathLike | str, limits: Limits = LIMITS) -> Sheet:
    """The one sheet of a JSON, INR block, XLSX, PDF or one-row CSV file."""
    sheets = read_sheets(path, limits)
    if len(sheets) != 1:
        raise SheetError(Reason("sheet.not-one", count=len(sheets)))
    return sheets[0]


def _read_bounded(path: Path, limits: Limits) -> bytes:
    cap = limits.csv_bytes if path.suffix.lower() == ".csv" else limits.file_bytes
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > cap:
                raise SheetError(Reason("sheet.too-large", size=f"{size / MB:.1f}", cap=f"{cap / MB:.0f}"))
            data = fh.read(cap + 1)
    except OSError as exc:
        raise SheetError(Reason("sheet.unreadable", error=os_error(str(exc.strerror or exc)))) from None
    if len(data) > cap:  # grew while read, or a device file
        raise SheetError(Reason("sheet.too-large-grew", cap=f"{cap / MB:.0f}"))
    if not data:
        raise SheetError(Reason("sheet.empty"))
    return data


def parse_bytes(data: bytes, suffix: str, limits: Limits = LIMITS) -> tuple[str, list]:
    """(format, [(label, Sheet or reason)]) of a file's bytes, by content first."""
    if data[:4] == b"PK\x03\x04":
        return "xlsx", [(None, _guard(lambda: _sheet_of_xlsx(data, limits)))]
    if data[:5] == b"%PDF-":
        return "pdf", [(None, _guard(lambda: _sheet_of_pdf(data, limits)))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(Reason("sheet.binary")) from None
    start = text.lstrip()[:1]
    if start in ("{", "["):
        obj = load_json(text, limits)
        if isinstance(obj, dict) and "donnees" in obj and "metadata" in obj:
            return "inr", [(None, _guard(lambda: _sheet_of_inr(obj)))]
        return "json", [(None, _guard(lambda: sheet_from_dict(obj)))]
    if suffix == ".csv" or text.lstrip("\ufeff").startswith("schema,"):
        return "csv", _sheets_of_csv(text)
    raise SheetError(Reason("sheet.unknown-format"))


def _guard(make) -> Any:
    try:
        return make()
    except SheetError as exc:
        return reason_of(exc)


# ---- JSON within limits -----------------------------------------------------------------------
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")


def load_json(text: str, limits: Limits = LIMITS) -> Any:
    """JSON within limits: nesting checked on the text before parsing (a deeply nested file
    never reaches the parser's recursion), NaN and Infinity refused. Numbers are bounded
    where a sheet uses them (model.NUMBER_MAX)."""
    _check_depth(text, limits.json_depth)

    def parse_constant(s: str):
        raise SheetError(Reason("sheet.bad-number", value=s))

    try:
        return json.loads(text, parse_constant=parse_constant)
    except SheetError:
        raise
    except RecursionError:
        raise SheetError(Reason("sheet.json-deep", limit=limits.json_depth)) from None
    except ValueError as exc:  # also Python's limit on digits in an integer
        raise SheetError(Reason("sheet.bad-json", error=os_error(str(exc)[:120]))) from None


def _check_depth(text: str, limit: int) -> None:
    # Fast path: brackets counted everywhere (inside texts too) only overestimate the depth.
    if _max_depth(text, limit) <= limit:
        return
    if _max_depth(_STRINGS.sub("", text), limit) > limit:
        raise SheetError(Reason("sheet.json-deep", limit=limit))


def _max_depth(text: str, limit: int) -> int:
    depth = deepest = 0
    for m in _BRACKETS.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    break
        else:
            depth -= 1
    return deepest


# ---- INR block ----------------------------------------------------------------------------------
def _sheet_of_inr(doc: dict) -> Sheet:
    from cleanup_desktop.core.sheets import dcd

    carried = doc.get(INR_SHEET_KEY)
    if carried is None:
        raise SheetError(Reason("sheet.inr-without-sheet"))
    sheet = sheet_from_dict(carried)
    if doc.get("donnees") != dcd.donnees([sheet]):
        raise SheetError(Reason("sheet.inr-disagrees"))
    return sheet


# ---- CSV --------------------------------------------------------------------------------------
def _sheets_of_csv(text: str) -> list[tuple[str, Any]]:
    """One sheet per data row; a header row ("schema,...") may come again (files
    concatenated), and byte-order marks inside the text are ignored."""
    out: list[tuple[str, Any]] = []
    header: Optional[list[str]] = None
    try:
        rows = list(csv.reader(io.StringIO(text.replace("\ufeff", ""))))
    except csv.Error as exc:
        raise SheetError(Reason("sheet.bad-csv", error=os_error(str(exc)))) from None
    for line, row in enumerate(rows, 1):
        if not row or not any(c.strip() for c in row):
            continue
        if row[0] == "schema":
            header = row
            continue
        if header is None:
            raise SheetError(Reason("sheet.csv-no-schema"))
        label = f"row {line}"
        if len(row) != len(header):
            out.append((label, f"{len(row)} cells where the header has {len(header)}"))
            continue
        out.append((label, _guard(lambda: sheet_from_dict(unflatten({k: unquote(v) for k, v in zip(header, row)})))))
    if not out:
        raise SheetError(Reason("sheet.csv-no-row"))
    return out


# ---- XLSX, read from its XML parts ------------------------------------------------------------
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _sheet_of_xlsx(data: bytes, limits: Limits) -> Sheet:
    book = XlsxBook(data, limits)
    names = book.sheet_names()
    if DATA_SHEET in names:
        rows = book.rows(DATA_SHEET)
        text = "".join(str(r[0])[1:] for r in rows if r and r[0] is not None)  # each chunk led by "|"
        return sheet_from_dict(load_json(text, limits))
    if LEGACY_SHEET in names:
        row = {}
        for i, cells in enumerate(book.rows(LEGACY_SHEET)):
            if i == 0 or not cells or cells[0] is None:
                continue
            row[str(cells[0])] = unquote(cells[1] if len(cells) > 1 else None)
        return sheet_from_dict(unflatten(row))
    raise SheetError(Reason("sheet.xlsx-no-data"))


class XlsxBook:
    """The worksheets of an XLSX file, read straight from its XML parts, within limits."""

    def __init__(self, data: bytes, limits: Limits = LIMITS) -> None:
        self.limits = limits
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, ValueError, OSError) as exc:
            raise SheetError(Reason("sheet.bad-xlsx", error=os_error(str(exc)))) from None
        if len(infos) > limits.xlsx_parts:
            raise SheetError(Reason("sheet.xlsx-parts", count=len(infos), limit=limits.xlsx_parts))
        unpacked = sum(i.file_size for i in infos)
        if unpacked > limits.xlsx_unpacked_bytes:
            raise SheetError(Reason("sheet.xlsx-bomb", size=f"{unpacked / MB:,.0f}",
                                        limit=f"{limits.xlsx_unpacked_bytes / MB:.0f}"))
        self._strings: Optional[list[str]] = None
        self._sheet_parts: Optional[dict[str, str]] = None

    def _part(self, name: str) -> Optional[bytes]:
        try:
            return self.zip.read(name)  # bounded: at most the declared size (checked above)
        except KeyError:
            return None
        except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError) as exc:
            raise SheetError(Reason("sheet.damaged-xlsx", error=os_error(str(exc)))) from None

    def _xml(self, name: str) -> Optional[ET.Element]:
        raw = self._part(name)
        if raw is None:
            return None
        try:
            return ET.fromstring(raw)
        except ET.ParseError as exc:
            raise SheetError(Reason("sheet.damaged-xlsx", error=os_error(f"{name}: {exc}"))) from None

    def _sheets(self) -> dict[str, str]:
        if self._sheet_parts is None:
            self._sheet_parts = self._read_sheet_parts()
        return self._sheet_parts

    def _read_sheet_parts(self) -> dict[str, str]:
        book = self._xml("xl/workbook.xml")
        rels = self._xml("xl/_rels/workbook.xml.rels")
        if book is None or rels is None:
            raise SheetError(Reason("sheet.xlsx-no-workbook"))
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL_NS}Relationship")}
        out = {}
        for s in book.iter(f"{NS}sheet"):
            target = targets.get(s.get(f"{REL_NS}id"), "")
            out[s.get("name", "")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
        return out

    def sheet_names(self) -> list[str]:
        return list(self._sheets())

    def strings(self) -> list[str]:
        if self._strings is None:
            self._strings = []
            raw = self._part("xl/sharedStrings.xml")
            if raw is not None:
                try:
                    for _, el in ET.iterparse(io.BytesIO(raw)):
                        if el.tag == f"{NS}si":
                            if len(self._strings) >= self.limits.xlsx_shared_strings:
                                raise SheetError(Reason("sheet.xlsx-strings", limit=f"{self.limits.xlsx_shared_strings:,}"))
                            self._strings.append("".join(t.text or "" for t in el.iter(f"{NS}t")))
                            el.clear()
                except ET.ParseError as exc:
                    raise SheetError(Reason("sheet.damaged-xlsx", error=os_error(f"shared strings: {exc}"))) from None
        return self._strings

    def rows(self, name: str) -> list[list[Any]]:
        part = self._sheets().get(name)
        raw = self._part(part) if part else None
        if raw is None:
            raise SheetError(Reason("sheet.damaged-xlsx", error=os_error(f"no worksheet part for {name!r}")))
        rows: list[list[Any]] = []
        try:
            for _, el in ET.iterparse(io.BytesIO(raw)):
                if el.tag != f"{NS}row":
                    continue
                if len(rows) >= self.limits.xlsx_rows:
                    raise SheetError(Reason("sheet.xlsx-rows", limit=f"{self.limits.xlsx_rows:,}"))
                cells: list[Any] = []
                for c in el.iter(f"{NS}c"):
                    col = _column_index(c.get("r", ""), len(cells))
                    cells.extend([None] * (col - len(cells)))
                    cells.append(self._value(c))
                rows.append(cells)
                el.clear()
        except ET.ParseError as exc:
            raise SheetError(Reason("sheet.damaged-xlsx", error=os_error(f"{name}: {exc}"))) from None
        return rows

    def _value(self, c: ET.Element) -> Any:
        kind = c.get("t", "n")
        if kind == "inlineStr":
            return "".join(t.text or "" for t in c.iter(f"{NS}t"))
        v = c.find(f"{NS}v")
        if v is None or v.text is None:
            return None
        if kind == "s":
            strings = self.strings()  # (its SheetError, e.g. too many strings, is the reason)
            try:
                return strings[int(v.text)]
            except (ValueError, IndexError):
                raise SheetError(Reason("sheet.damaged-xlsx", error=os_error("a cell points to a missing shared string"))) from None
        if kind in ("str", "e"):
            return v.text
        if kind == "b":
            return v.text == "1"
        text = v.text
        if len(text) > 40:
            raise SheetError(Reason("sheet.number-range"))
        try:
            number = float(text)
        except ValueError:
            raise SheetError(Reason("sheet.damaged-xlsx", error=os_error(f"not a number: {text[:20]!r}"))) from None
        if not math.isfinite(number):
            raise SheetError(Reason("sheet.number-range"))
        if any(ch in text for ch in ".eE"):
            return number
        return int(text)


def _column_index(ref: str, default: int) -> int:
    letters = "".join(ch for ch in ref if ch.isalpha())
    if not letters:
        return default
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n - 1


# ---- PDF: the sheet JSON attached to the page ----------------------------------------------------
def _sheet_of_pdf(data: bytes, limits: Limits) -> Sheet:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged PDF is reported as a reason
    try:
        attachments = PdfReader(io.BytesIO(data)).attachments
        payload = attachments.get(PDF_ATTACHMENT)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise SheetError(Reason("sheet.bad-pdf", error=os_error(type(exc).__name__))) from None
    if not payload:
        raise SheetError(Reason("sheet.pdf-no-sheet"))
    raw = payload[0]
    if len(raw) > limits.file_bytes:
        raise SheetError(Reason("sheet.pdf-too-large"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError(Reason("sheet.pdf-not-text")) from None
    return sheet_from_dict(load_json(text, limits))


def sheets_from_csv_text(text: str) -> list[Sheet]:
    """Sheets from CSV text (one per data row); the first bad row raises its SheetError."""
    out = []
    for label, item in _sheets_of_csv(text):
        if isinstance(item, str):
            raise SheetError(Reason("sheet.csv-row", row=label, reason=item))
        out.append(item)
    return out

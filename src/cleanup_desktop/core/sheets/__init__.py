"""Measurement sheets: the model (schema "cleanup-desktop/sheet/1"), exports (JSON, CSV, XLSX,
INR DCD-Bilan), reading back, and the organiser's aggregation. No Qt (the PDF is in
cleanup_desktop.render.pdf)."""

from cleanup_desktop.core.sheets.export import (
    export,
    export_csv,
    export_dcd,
    export_json,
    export_xlsx,
)
from cleanup_desktop.core.sheets.read import read_file, read_sheet, read_sheets
from cleanup_desktop.core.sheets.model import (
    SCHEMA,
    Sheet,
    SheetError,
    sheet_from_bilan,
    sheet_from_dict,
    stable_sheet_id,
)

__all__ = [
    "SCHEMA", "Sheet", "SheetError", "export", "export_csv", "export_dcd", "export_json",
    "export_xlsx", "read_file", "read_sheet", "read_sheets", "sheet_from_bilan", "sheet_from_dict", "stable_sheet_id",
]

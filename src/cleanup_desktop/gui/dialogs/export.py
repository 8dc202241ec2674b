"""Export the measurement sheet: choose the format and the file."""

from __future__ import annotations

import os

import platformdirs
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from cleanup_desktop.gui import engine
from cleanup_desktop.gui.i18n import current_language


def filters() -> dict[str, str]:
    return {
        "xlsx": QCoreApplication.translate("Export", "Spreadsheet (*.xlsx)"),
        "pdf": QCoreApplication.translate("Export", "One-page PDF (*.pdf)"),
        "json": QCoreApplication.translate("Export", "Measurement sheet, JSON (*.json)"),
        "csv": QCoreApplication.translate("Export", "CSV table (*.csv)"),
        "dcd": QCoreApplication.translate("Export", "INR DCD-Bilan form data (*.dcd.json)"),
    }


def suggested_name(prefs, fmt: str) -> str:
    ext = {"dcd": "dcd.json"}.get(fmt, fmt)
    parts = ["cleanup-sheet", prefs.event_id, prefs.team]
    stem = "-".join(p.replace(os.sep, "_") for p in parts if p)
    return os.path.join(platformdirs.user_documents_dir(), f"{stem}.{ext}")


def write(parent: QWidget, session, bilan, fmt: str, path: str) -> str | None:
    try:
        out = engine.export_sheet(bilan, session.prefs, fmt, path, current_language())
    except (OSError, ValueError) as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("Export", "Export failed"), str(exc))
        return None
    return out


def export_sheet(parent: QWidget, session, bilan) -> str | None:
    """Ask where, then write; returns the file written (None when cancelled)."""
    if bilan is None:
        return None
    f = filters()
    path, chosen = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("Export", "Export my measurement sheet"),
        suggested_name(session.prefs, "xlsx"), ";;".join(f.values()), f["xlsx"])
    if not path:
        return None
    fmt = next((k for k, v in f.items() if v == chosen), "xlsx")
    return write(parent, session, bilan, fmt, path)

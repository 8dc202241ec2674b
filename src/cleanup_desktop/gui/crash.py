"""Crash handling: an unexpected error shows a dialog with the log location instead of the app
vanishing, and its traceback goes to the log file (core.logs, secrets masked).

``install(app)`` (called once by gui.app.run) replaces ``sys.excepthook`` (errors in the GUI
thread, in slots and in worker runnables) and ``threading.excepthook`` (Python threads). Both
only log and emit a signal; the dialog is shown later by the GUI thread (queued connection) and
never blocks: the user can keep working, and several errors in a row share one dialog.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QObject, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from cleanup_desktop.core import logs

log = logging.getLogger("cleanup_desktop.crash")


def one_sentence(exc: BaseException) -> str:
    """The error in one short line (secrets masked), e.g. ``KeyError: 'size'``."""
    first = (str(exc).strip().splitlines() or [""])[0]
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    text = logs.redact(text)
    return text if len(text) <= 200 else text[:199] + "…"


class CrashReporter(QObject):
    crashed = Signal(str)  # the error in one sentence; emitted from any thread

    def __init__(self, app: QApplication, log_path: Optional[Path]) -> None:
        super().__init__(app)
        self.log_path = log_path
        self.dialog: Optional[QMessageBox] = None
        self.count = 0
        self._previous = None
        # Queued even from the GUI thread: the dialog never opens inside a paint event or a
        # half-finished slot.
        self.crashed.connect(self.show_dialog, Qt.ConnectionType.QueuedConnection)

    # --- hooks (any thread) ---
    def install(self) -> "CrashReporter":
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        self.report((exc_type, exc, tb), threading.current_thread().name)

    def thread_excepthook(self, args) -> None:
        if issubclass(args.exc_type, SystemExit):
            return
        self.report((args.exc_type, args.exc_value, args.exc_traceback),
                    args.thread.name if args.thread is not None else "?")

    def report(self, exc_info, where: str) -> None:
        log.critical("unexpected error in thread %s", where, exc_info=exc_info)
        if sys.stderr is not None:  # a GUI app on Windows has no console
            traceback.print_exception(*exc_info, file=sys.stderr)
        self.crashed.emit(one_sentence(exc_info[1]))

    # --- the dialog (GUI thread) ---
    @Slot(str)
    def show_dialog(self, summary: str) -> None:
        self.count += 1
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.setText(self.tr("Cleanup Desktop hit %n unexpected errors. The last one: {0}", "", self.count)
                                .format(summary))
            return
        self.count = 1
        box = QMessageBox(QApplication.activeWindow())
        box.setObjectName("crash-dialog")
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Unexpected error"))
        box.setText(self.tr("Cleanup Desktop hit an unexpected error: {0}").format(summary))
        if self.log_path is not None:
            box.setInformativeText(self.tr(
                "The details are in the log file:\n{0}\n\nPlease send it to your IT contact or the organiser. "
                "Items already cleaned are recorded in the history; you can keep working or restart the "
                "app.").format(str(self.log_path)))
            folder = box.addButton(self.tr("Open the log folder"), QMessageBox.ButtonRole.ActionRole)
            folder.clicked.connect(self.open_log_folder)
        else:
            box.setInformativeText(self.tr("No log file could be written. You can keep working or restart the app."))
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog = box
        box.destroyed.connect(self._forget)
        box.show()

    def _forget(self, *_args) -> None:
        self.dialog = None

    def open_log_folder(self) -> None:
        if self.log_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(os.fspath(self.log_path.parent)))


def install(app: QApplication) -> CrashReporter:
    """Start the log file and the crash dialog for this app (once); returns the reporter."""
    existing = app.findChild(CrashReporter)
    if existing is not None:
        return existing.install()
    try:
        path: Optional[Path] = logs.setup_logging()
    except OSError:
        path = None
    logging.getLogger("cleanup_desktop.gui").info("desktop app started")
    return CrashReporter(app, path).install()

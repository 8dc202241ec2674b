"""An unexpected error shows a dialog with the log location and writes the traceback to the log."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cleanup_desktop import i18n_build
from cleanup_desktop.core import logs, paths
from cleanup_desktop.gui import crash, i18n

pytestmark = pytest.mark.qt_no_exception_capture  # our hook is the one under test


@pytest.fixture
def reporter(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv(paths.LOG_DIR_ENV, str(tmp_path / "logs"))
    saved = sys.excepthook, threading.excepthook
    rep = crash.install(qapp)
    yield rep
    rep.uninstall()
    sys.excepthook, threading.excepthook = saved
    for box in QApplication.topLevelWidgets():
        if isinstance(box, QMessageBox):
            box.close()
    for handler in [h for h in logging.getLogger().handlers if logs._ours(h)]:
        logging.getLogger().removeHandler(handler)
        handler.close()
    rep.setParent(None)  # the next test's install() starts a new reporter


def crash_dialog():
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.objectName() == "crash-dialog" and w.isVisible():
            return w
    return None


def test_error_in_a_slot_shows_the_dialog_and_logs_the_traceback(qtbot, reporter, tmp_path):
    log_file = tmp_path / "logs" / logs.LOG_FILE_NAME
    assert reporter.log_path == log_file and sys.excepthook == reporter.excepthook

    def broken_slot():
        raise KeyError("size of a missing row")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: crash_dialog() is not None, timeout=5000)
    box = crash_dialog()
    assert "KeyError: 'size of a missing row'" in box.text()
    assert str(log_file) in box.informativeText()
    text = log_file.read_text("utf-8")
    assert "Traceback" in text and "broken_slot" in text and "KeyError" in text


def test_worker_thread_error_is_shown_by_the_gui_thread_and_errors_share_one_dialog(qtbot, reporter, tmp_path):
    def worker():
        raise RuntimeError("IMAP connection dropped, password=hunter2")

    t = threading.Thread(target=worker, name="scan-worker")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: crash_dialog() is not None, timeout=5000)
    box = crash_dialog()
    assert "RuntimeError: IMAP connection dropped" in box.text() and "hunter2" not in box.text()
    try:
        raise ValueError("second")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: "ValueError: second" in box.text(), timeout=5000)
    assert "2" in box.text() and len([w for w in QApplication.topLevelWidgets()
                                      if isinstance(w, QMessageBox) and w.isVisible()]) == 1
    text = (tmp_path / "logs" / logs.LOG_FILE_NAME).read_text("utf-8")
    assert "scan-worker" in text and "IMAP connection dropped" in text and "hunter2" not in text


def test_the_dialog_speaks_french(qtbot, reporter):
    i18n_build.release()
    app = QApplication.instance()
    i18n.install(app, "fr")
    try:
        sys.excepthook(OSError, OSError("disque plein"), None)
        qtbot.waitUntil(lambda: crash_dialog() is not None, timeout=5000)
        box = crash_dialog()
        assert box.windowTitle() == "Erreur inattendue"
        assert "erreur inattendue" in box.text() and "OSError: disque plein" in box.text()
        assert str(reporter.log_path) in box.informativeText() and "journal" in box.informativeText()
    finally:
        i18n.install(app, "en")

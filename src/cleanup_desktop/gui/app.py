"""Start the desktop app: QApplication, translator, palette, main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from cleanup_desktop import __version__
from cleanup_desktop.gui import crash, i18n
from cleanup_desktop.gui.session import Session


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(["cleanup-desktop", *(argv or [])])
    app.setApplicationName("Cleanup Desktop")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Digital Cleanup Day")
    app.setDesktopFileName("cleanup-desktop")
    app.setWindowIcon(QIcon(os.path.join(os.path.dirname(os.path.dirname(__file__)), "assets", "app-icon.svg")))
    return app


def create_window(session: Session | None = None, language: str | None = None):
    """The main window for a session (the app must exist); used by run() and by the tests."""
    from cleanup_desktop.gui.main_window import MainWindow

    # Engine work runs in Python worker threads: hand the GIL back to the GUI thread sooner
    # than the default 5 ms so that painting and input stay smooth during a scan.
    sys.setswitchinterval(0.001)
    session = session or Session()
    i18n.install(QApplication.instance(), language or i18n.pick_language(session.prefs.language))
    return MainWindow(session)


def run(argv: list[str], demo: bool = False, lang: str | None = None) -> int:
    """``lang`` ("fr"/"en"): the window's language for this start, over the settings."""
    app = make_app(argv)
    crash.install(app)  # log file + a dialog with its location instead of vanishing on an error
    session = Session()
    if demo:
        from cleanup_desktop.gui.demo import make_demo_folder

        folder = make_demo_folder()
        session.demo = True
        session.prefs.roots = [folder]
    window = create_window(session, lang)
    window.show()
    code = app.exec()
    QThreadPool.globalInstance().waitForDone(5000)
    return code


if __name__ == "__main__":  # pragma: no cover - manual start: python -m cleanup_desktop.gui.app
    sys.exit(run(sys.argv[1:]))

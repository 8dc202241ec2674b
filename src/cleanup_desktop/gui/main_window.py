"""The main window: a side bar of steps and one page per step."""

from __future__ import annotations

import os

import shiboken6
from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from cleanup_desktop import __version__
from cleanup_desktop.gui import i18n
from cleanup_desktop.gui.dialogs.settings import SettingsDialog
from cleanup_desktop.gui.pages.base import Page
from cleanup_desktop.gui.pages.bilan import BilanPage
from cleanup_desktop.gui.pages.clean import CleanPage
from cleanup_desktop.gui.pages.organiser import OrganiserPage
from cleanup_desktop.gui.pages.review import ReviewPage
from cleanup_desktop.gui.pages.scan import ScanPage
from cleanup_desktop.gui.pages.targets import TargetsPage
from cleanup_desktop.gui.pages.welcome import WelcomePage
from cleanup_desktop.gui.session import Session
from cleanup_desktop.gui.settings import load_geometry, save_geometry
from cleanup_desktop.gui.workers import Task

ASSETS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "assets")
PAGE_CLASSES = (WelcomePage, TargetsPage, ScanPage, ReviewPage, CleanPage, BilanPage, OrganiserPage)


def icon(name: str) -> QIcon:
    """An SVG icon from assets/ (stroke #3b73c4 in the file) in the theme's colours."""
    path = os.path.join(ASSETS, f"{name}.svg")
    try:
        with open(path, "rb") as fh:
            svg = fh.read()
    except OSError:
        return QIcon()
    # Drawn in the palette's text colours, so icons read well on light and dark themes and on
    # the highlighted row.
    palette = QApplication.palette()
    text = palette.color(QPalette.ColorRole.WindowText).name().encode()
    highlighted = palette.color(QPalette.ColorRole.HighlightedText).name().encode()
    result = QIcon()
    for mode, data in ((QIcon.Mode.Normal, svg.replace(b"#3b73c4", text)),
                       (QIcon.Mode.Selected, svg.replace(b"#3b73c4", highlighted))):
        renderer = QSvgRenderer(QByteArray(data))
        for size in (22, 44, 66):  # larger sizes stay crisp on high-DPI screens
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
            result.addPixmap(pixmap, mode)
    return result


class MainWindow(QMainWindow):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setWindowIcon(icon("app-icon"))
        self.setMinimumSize(QSize(900, 600))
        self.pages: dict[str, Page] = {}
        session.navigate.connect(self.show_page)
        self.build()
        geometry = load_geometry("main")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1180, 780)

    # building ------------------------------------------------------------------------------
    def build(self) -> None:
        """(Re)create every visible string and page; called again when the language changes."""
        self.setWindowTitle(self.tr("Cleanup Desktop — Digital Cleanup Day"))
        old = self.centralWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(self.tr("Steps"))
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(190)
        self.sidebar.setSpacing(2)
        self.stack = QStackedWidget()
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.pages = {}
        for number, cls in enumerate(PAGE_CLASSES, start=1):
            page = cls(self.session)
            self.pages[cls.key] = page
            self.stack.addWidget(page)
            label = page.title() if cls.key == "organiser" else f"{number}. {page.title()}"
            item = QListWidgetItem(icon(cls.key), label)
            item.setData(Qt.ItemDataRole.UserRole, cls.key)
            item.setSizeHint(QSize(170, 40))
            self.sidebar.addItem(item)
        self.sidebar.currentRowChanged.connect(self._row_changed)
        self.setCentralWidget(central)
        if old is not None:
            # Destroyed now, not later: the old pages must stop answering the session's
            # signals before anything else happens (two scan pages would both start a scan).
            old.setParent(None)
            shiboken6.delete(old)
        self._build_menu()
        self.sidebar.setCurrentRow(0)

    def _build_menu(self) -> None:
        bar = self.menuBar()
        bar.clear()
        app_menu = bar.addMenu(self.tr("&File"))
        settings = QAction(icon("settings"), self.tr("&Settings…"), self)
        settings.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        if settings.shortcut().isEmpty():
            settings.setShortcut(QKeySequence("Ctrl+,"))
        settings.triggered.connect(self.open_settings)
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        app_menu.addAction(settings)
        app_menu.addSeparator()
        app_menu.addAction(quit_action)
        go_menu = bar.addMenu(self.tr("&Go"))
        for number, key in enumerate(self.pages, start=1):
            action = QAction(self.pages[key].title(), self)
            action.setShortcut(QKeySequence(f"Alt+{number}"))
            action.triggered.connect(lambda _=False, k=key: self.show_page(k))
            go_menu.addAction(action)
        help_menu = bar.addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About Cleanup Desktop"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    # navigation ----------------------------------------------------------------------------
    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        page = self.stack.widget(row)
        page.entered()

    def show_page(self, key: str) -> None:
        keys = list(self.pages)
        if key in keys:
            self.sidebar.setCurrentRow(keys.index(key))

    def page(self, key: str) -> Page:
        return self.pages[key]

    # dialogs -------------------------------------------------------------------------------
    def open_settings(self) -> None:
        dialog = SettingsDialog(self.session.prefs, self)
        if dialog.exec():
            self.apply_settings(dialog)

    def busy(self) -> bool:
        """True while a page's engine work runs (pages are rebuilt on a language change)."""
        for page in self.pages.values():
            for value in vars(page).values():
                for task in value if isinstance(value, list) else [value]:
                    if isinstance(task, Task) and not task.done:
                        return True
        return False

    def apply_settings(self, dialog: SettingsDialog) -> None:
        before = self.session.prefs.language
        dialog.apply()
        self.session.save_prefs()
        if self.session.prefs.language != before:
            if self.busy():
                QMessageBox.information(self, self.tr("Language"),
                                        self.tr("The new language applies when the app starts again."))
                return
            self.set_language(i18n.pick_language(self.session.prefs.language))

    def set_language(self, language: str) -> None:
        current = self.sidebar.currentRow()
        i18n.install(QApplication.instance(), language)
        self.build()
        self.sidebar.setCurrentRow(current)

    def about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Cleanup Desktop"),
            self.tr("Cleanup Desktop {0}: a Digital Cleanup Day assistant. Sizes use 1 GB = 10^9 bytes (the French Go).").format(__version__),
        )

    def closeEvent(self, event) -> None:
        scan = self.pages.get("scan")
        if scan is not None and scan.task is not None:
            scan.task.cancel()
        save_geometry("main", self.saveGeometry())
        super().closeEvent(event)

"""The main window: a side bar of steps and one page per step."""

from __future__ import annotations

import os

import shiboken6
from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cleanup_desktop import __version__
from cleanup_desktop.gui import i18n, input_guard
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
# The smallest screen we support is 1366x768 at 125 % (1093x614 logical pixels, less a task bar
# and a title bar): every page fits this size, scrolling its content; the window starts at
# DEFAULT_SIZE or less when the screen is smaller.
MINIMUM_SIZE = QSize(860, 520)
DEFAULT_SIZE = QSize(1180, 780)


def fit_to_screen(size: QSize, available: QRect) -> QSize:
    """``size`` shrunk to the screen's available area (never under MINIMUM_SIZE)."""
    width = max(MINIMUM_SIZE.width(), min(size.width(), available.width() - 16))
    height = max(MINIMUM_SIZE.height(), min(size.height(), available.height() - 40))
    return QSize(width, height)


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
        self.setMinimumSize(MINIMUM_SIZE)
        self.pages: dict[str, Page] = {}
        session.navigate.connect(self.show_page)
        self.build()
        geometry = load_geometry("main")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(DEFAULT_SIZE)
        self.fit_screen()

    def fit_screen(self) -> None:
        """Keep the window inside the screen it opens on (a geometry saved on a bigger screen,
        or the default size on a 1280x720 laptop)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        available = screen.availableGeometry()
        fitted = fit_to_screen(self.size(), available)
        if fitted != self.size():
            self.resize(fitted)
        frame = self.frameGeometry()
        if not available.contains(frame):
            self.move(max(available.left(), min(frame.left(), available.right() - frame.width())),
                      max(available.top(), min(frame.top(), available.bottom() - frame.height())))

    # building ------------------------------------------------------------------------------
    def build(self) -> None:
        """(Re)create every visible string and page; called again when the language changes."""
        self.setWindowTitle(self.tr("Cleanup Desktop — Digital Cleanup Day"))
        old = self.centralWidget()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.demo_banner = QLabel(self.tr("Demo mode: the app works on a generated sample folder, never on your own "
                                          "files or mailboxes. Start the app without --demo for the real cleanup."))
        self.demo_banner.setObjectName("demo-banner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet("QLabel#demo-banner { background: #d9822b; color: #ffffff; padding: 6px 12px; "
                                       "font-weight: bold; }")
        self.demo_banner.setAccessibleName(self.tr("Demo mode"))
        self.demo_banner.setVisible(bool(self.session.demo))
        column.addWidget(self.demo_banner)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        column.addLayout(row, 1)
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName(self.tr("Steps"))
        self.sidebar.setIconSize(QSize(22, 22))
        self.sidebar.setFixedWidth(180)
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
        input_guard.guard(central)  # the wheel scrolls pages, never an unfocused field
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
        input_guard.guard(dialog)
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
        """Speak another language at once: the pages are rebuilt, and what the user did on each
        (ticks, typed text, results on screen) is carried over."""
        current = self.sidebar.currentRow()
        states = {key: page.save_state() for key, page in self.pages.items()}
        i18n.install(QApplication.instance(), language)
        self.build()
        for key, state in states.items():
            if key in self.pages and state:
                self.pages[key].restore_state(state)
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

"""What every step looks like: a title, one sentence, the content, one primary button.

The content scrolls when the window is small (a 1280x720 laptop, or 1366x768 at 125 %); the
title and the button row stay outside the scroll area, so the primary button is always in
view. Enter presses the primary button unless the focused widget uses Enter itself.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cleanup_desktop.gui.session import Session


class Page(QWidget):
    key = ""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 20, 10)
        outer.setSpacing(6)
        self.title_label = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title_label.setFont(font)
        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.intro_label.setOpenExternalLinks(False)
        self.intro_label.linkActivated.connect(self.on_link)
        outer.addWidget(self.title_label)
        outer.addWidget(self.intro_label)
        # The body scrolls as a whole when the window is too small for its minimum size.
        self.body_widget = QWidget()
        self.body = QVBoxLayout(self.body_widget)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(8)
        self.body_area = QScrollArea()
        self.body_area.setObjectName("page-body")
        self.body_area.setWidgetResizable(True)
        self.body_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.body_area.setWidget(self.body_widget)
        outer.addWidget(self.body_area, 1)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.primary = QPushButton()
        self.primary.setObjectName("primary")
        self.primary.setDefault(True)
        self.primary.setAutoDefault(True)
        self.primary.setMinimumHeight(32)
        font = QFont(self.primary.font())
        font.setBold(True)
        self.primary.setFont(font)
        self.primary.clicked.connect(self.on_primary)
        self.buttons.addWidget(self.primary)
        outer.addLayout(self.buttons)

    # helpers -----------------------------------------------------------------------------
    def set_texts(self, title: str, intro: str, primary: str) -> None:
        self.title_label.setText(title)
        self.intro_label.setText(intro)
        self.primary.setText(primary)
        self.primary.setAccessibleName(primary.replace("&", ""))

    def add_secondary(self, button: QPushButton) -> QPushButton:
        self.buttons.insertWidget(self.buttons.count() - 1, button)
        return button

    @staticmethod
    def scrolled(widget: QWidget) -> QWidget:
        """Content that grows with its text: the page body itself scrolls, so no inner area."""
        widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        return widget

    @staticmethod
    def note(text: str = "") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        return label

    # keyboard -----------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        """Enter presses the page's primary button (a QMainWindow has no default button of
        its own); a focused button takes Enter itself, as in a dialog."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            focus = self.focusWidget()
            if focus is not None and focus.property("keeps_enter"):
                event.accept()  # e.g. the review's filter box: Enter filters, it does not clean
                return
            if isinstance(focus, QPushButton) and focus is not self.primary and focus.isEnabled():
                focus.click()
            elif self.primary.isVisible() and self.primary.isEnabled():
                self.primary.click()
            event.accept()
            return
        super().keyPressEvent(event)

    # state kept across a language switch ---------------------------------------------------
    def save_state(self) -> dict:
        """What the user set on this page that the session does not hold (see restore_state)."""
        return {}

    def restore_state(self, state: dict) -> None:
        """Put back what save_state() returned, on the page rebuilt in another language."""

    # overridables -----------------------------------------------------------------------
    def title(self) -> str:
        """The step's name in the side bar."""
        return self.key

    def on_primary(self) -> None:
        """The one obvious next step of this screen."""

    def on_link(self, href: str) -> None:
        """A "Why?" link inside the intro sentence."""

    def entered(self) -> None:
        """Called each time the page is shown."""

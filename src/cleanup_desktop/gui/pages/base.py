"""What every step looks like: a title, one sentence, the content, one primary button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
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
        outer.setContentsMargins(24, 18, 24, 14)
        self.title_label = QLabel()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setBold(True)
        self.title_label.setFont(font)
        self.intro_label = QLabel()
        self.intro_label.setWordWrap(True)
        self.intro_label.setOpenExternalLinks(False)
        self.intro_label.linkActivated.connect(self.on_link)
        outer.addWidget(self.title_label)
        outer.addWidget(self.intro_label)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        outer.addLayout(self.body, 1)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.primary = QPushButton()
        self.primary.setDefault(True)
        self.primary.setAutoDefault(True)
        self.primary.setMinimumHeight(34)
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
    def scrolled(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QScrollArea.Shape.NoFrame)
        area.setWidget(widget)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return area

    @staticmethod
    def note(text: str = "") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        return label

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

"""Big plain numbers with a caption, and the safety level word-and-colour badge."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

# One colour per safety level, readable on light and dark backgrounds.
SAFETY_COLOURS = {"S": "#2e9d4b", "Q": "#d9822b", "R": "#3b73c4", "keep": "#7a7a7a"}


def safety_word(level: str) -> str:
    words = {
        "S": QCoreApplication.translate("Safety", "Safe to remove"),
        "Q": QCoreApplication.translate("Safety", "Close the app first"),
        "R": QCoreApplication.translate("Safety", "Your files: review"),
        "keep": QCoreApplication.translate("Safety", "Kept"),
    }
    return words.get(level, level or "")


def safety_colour(level: str) -> QColor:
    return QColor(SAFETY_COLOURS.get(level, "#7a7a7a"))


class StatCard(QFrame):
    """A big number over a short caption, e.g. "4,2 Go" / "can be freed"."""

    def __init__(self, caption: str, value: str = "—", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self.value_label = QLabel(value)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption_label = QLabel(caption)
        self.caption_label.setWordWrap(True)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        self.setAccessibleName(caption)

    def set_value(self, value: str) -> None:
        self.value_label.setText(value)
        self.setAccessibleDescription(value)
        self._fit()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """The big number shrinks (down to the normal font size) rather than being cut when
        five cards share a narrow window ("0,00 kg CO2e" at 1366x768 and 125 %)."""
        margins = self.layout().contentsMargins()
        room = self.contentsRect().width() - margins.left() - margins.right() - 10
        font = QFont(self.value_label.font())
        size = self.font().pointSizeF() * 1.8
        font.setPointSizeF(size)
        while size > self.font().pointSizeF() and room > 0 and \
                QFontMetrics(font).horizontalAdvance(self.value_label.text()) > room:
            size -= 0.5
            font.setPointSizeF(size)
        if font.pointSizeF() != self.value_label.font().pointSizeF():
            self.value_label.setFont(font)

    def set_caption(self, caption: str) -> None:
        self.caption_label.setText(caption)
        self.setAccessibleName(caption)


class SafetyBadge(QLabel):
    def __init__(self, level: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        colour = safety_colour(level).name()
        self.setText(f"<span style='color:{colour}'>&#9679;</span> {safety_word(level)}")
        self.setAccessibleName(safety_word(level))

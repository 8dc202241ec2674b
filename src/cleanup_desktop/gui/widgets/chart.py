"""A bar chart drawn with QPainter (PySide6-Essentials ships no QtCharts)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

PALETTE = ["#3b73c4", "#2e9d4b", "#d9822b", "#8e5cc2", "#c44b4b", "#3aa6a6", "#9a9a3a"]


class BarChart(QWidget):
    """Horizontal bars: one per (label, value); values formatted by ``fmt``."""

    def __init__(self, fmt=str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fmt = fmt
        self.bars: list[tuple[str, float]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(80)

    def set_bars(self, bars: list[tuple[str, float]]) -> None:
        self.bars = list(bars)
        self.setAccessibleDescription("; ".join(f"{label}: {self.fmt(v)}" for label, v in self.bars))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height() + 10
        return QSize(400, max(80, line * max(1, len(self.bars)) + 10))

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_colour = pal.color(QPalette.ColorRole.WindowText)
        fm = self.fontMetrics()
        line = fm.height() + 10
        if not self.bars:
            p.setPen(text_colour)
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.accessibleName())
            return
        label_w = max(fm.horizontalAdvance(label) for label, _ in self.bars) + 12
        value_w = max(fm.horizontalAdvance(self.fmt(v)) for _, v in self.bars) + 12
        top = max((v for _, v in self.bars), default=0) or 1
        avail = max(10, self.width() - label_w - value_w - 10)
        for i, (label, value) in enumerate(self.bars):
            y = 5 + i * line
            p.setPen(text_colour)
            p.drawText(QRectF(0, y, label_w - 6, line), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            w = avail * (value / top) if value > 0 else 0
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(PALETTE[i % len(PALETTE)]))
            p.drawRoundedRect(QRectF(label_w, y + 4, max(w, 2), line - 8), 3, 3)
            p.setPen(text_colour)
            p.drawText(QRectF(label_w + w + 6, y, value_w, line), Qt.AlignmentFlag.AlignVCenter, self.fmt(value))

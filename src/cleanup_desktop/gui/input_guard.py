"""Input safety: a spin box or a combo box changes with the mouse wheel only when it has the
keyboard focus. Otherwise the wheel scrolls the page under it, as the user meant (three
notches over the bilan's device counts used to add 525 kg CO2e while the page scrolled)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox


class WheelGuard(QObject):
    """An application-wide event filter: wheel events on unfocused spin/combo boxes go to the
    scroll area around them (the page scrolls), never to the field."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if isinstance(obj, (QAbstractSpinBox, QComboBox)) and not obj.hasFocus():
                self.scroll_instead(obj, event)
                return True
        elif kind == QEvent.Type.Polish and isinstance(obj, (QAbstractSpinBox, QComboBox)):
            # Focus by click or Tab, never by the wheel (Qt's default gives it by the wheel).
            if obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


    @staticmethod
    def scroll_instead(obj, event) -> None:
        """Hand the wheel to the scroll area around the field (the page), as if the field
        were not there; with none, the wheel does nothing."""
        area = obj.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        event.accept()
        if area is None:
            return
        viewport = area.viewport()
        pos = QPointF(viewport.mapFromGlobal(event.globalPosition().toPoint()))
        forwarded = QWheelEvent(pos, event.globalPosition(), event.pixelDelta(), event.angleDelta(), event.buttons(),
                                event.modifiers(), event.phase(), event.inverted(), event.source())
        QApplication.sendEvent(viewport, forwarded)


_guard: WheelGuard | None = None


def install(app: QApplication) -> None:
    global _guard
    if _guard is None:
        _guard = WheelGuard()
        app.installEventFilter(_guard)

"""Input safety: a spin box or a combo box changes with the mouse wheel only when it has the
keyboard focus. Otherwise the wheel scrolls the page under it, as the user meant (three
notches over the bilan's device counts used to add 525 kg CO2e while the page scrolled).

The filter sits on the fields themselves, not on the application: an application-wide
Python filter would run Python for every event of the program and, while a scan's worker
threads hold the interpreter, made the window stall (200+ ms gaps in test_responsive).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox, QWidget


class WheelGuard(QObject):
    """Event filter of one field: an unfocused field hands the wheel to the scroll area
    around it (the page scrolls), never changes its value."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Wheel and not obj.hasFocus():
            self.scroll_instead(obj, event)
            return True
        return False

    @staticmethod
    def scroll_instead(obj, event) -> None:
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


def guard(root: QWidget) -> None:
    """Guard every spin box and combo box under ``root`` (call it once the widgets exist;
    again after adding fields): focus by click or Tab, never by the wheel."""
    global _guard
    if _guard is None:
        _guard = WheelGuard()
    for field in root.findChildren(QAbstractSpinBox) + root.findChildren(QComboBox):
        if field.property("wheel_guarded"):
            continue
        field.setProperty("wheel_guarded", True)
        field.installEventFilter(_guard)
        if field.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            field.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

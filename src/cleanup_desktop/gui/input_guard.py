"""Input safety: a spin box or a combo box changes with the mouse wheel only when it has the
keyboard focus. Otherwise the wheel scrolls the page under it, as the user meant (three
notches over the bilan's device counts used to add 525 kg CO2e while the page scrolled)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox


class WheelGuard(QObject):
    """An application-wide event filter: wheel events on unfocused spin/combo boxes go to the
    parent (event ignored and marked handled, so Qt propagates it up)."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if isinstance(obj, (QAbstractSpinBox, QComboBox)) and not obj.hasFocus():
                event.ignore()
                return True
        elif kind == QEvent.Type.Polish and isinstance(obj, (QAbstractSpinBox, QComboBox)):
            # Focus by click or Tab, never by the wheel (Qt's default gives it by the wheel).
            if obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


_guard: WheelGuard | None = None


def install(app: QApplication) -> None:
    global _guard
    if _guard is None:
        _guard = WheelGuard()
        app.installEventFilter(_guard)

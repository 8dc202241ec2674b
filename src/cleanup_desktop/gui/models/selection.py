"""What a result model needs from the selection (the core decides; the model only asks)."""

from __future__ import annotations

from typing import Optional, Protocol


class Chooser(Protocol):
    def is_selected(self, category: str, item: dict) -> bool: ...

    def blocked(self, category: str, item: dict) -> Optional[str]:
        """Why this item cannot be ticked now (e.g. it is the last copy), or None."""

    def set_selected(self, category: str, item: dict, on: bool) -> bool:
        """Tick or untick; returns False when the core refused."""


def explain(reason: str) -> str:
    """The engine's sentence for why an item cannot be ticked, in the user's language."""
    from PySide6.QtCore import QCoreApplication
    if "last copy" in reason:
        return QCoreApplication.translate("Selection", "Kept: the last copy can't be selected, one copy always stays.")
    if "application is running" in reason:
        return QCoreApplication.translate("Selection", "Close its application first: it is running.")
    if "reference folder" in reason:
        return QCoreApplication.translate("Selection", "Kept: it is inside a folder you chose to keep.")
    return reason

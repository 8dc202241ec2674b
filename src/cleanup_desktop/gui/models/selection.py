"""What a result model needs from the selection (the core decides; the model only asks)."""

from __future__ import annotations

from typing import Optional, Protocol

from cleanup_desktop.gui.reasons import shown


class Chooser(Protocol):
    def is_selected(self, category: str, item: dict) -> bool: ...

    def blocked(self, category: str, item: dict) -> Optional[str]:
        """Why this item cannot be ticked now (e.g. it is the last copy), or None."""

    def set_selected(self, category: str, item: dict, on: bool) -> bool:
        """Tick or untick; returns False when the core refused."""


def explain(reason: str) -> str:
    """Why an item cannot be ticked (the engine's Reason: core.disk.selection.can_select), in
    the user's language, through the code table of gui/reasons.py."""
    return shown(reason)

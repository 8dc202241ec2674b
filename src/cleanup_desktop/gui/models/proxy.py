"""Filter by text; sorting is forwarded to the source model (one list sort, not n log n cell reads)."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from cleanup_desktop.gui.models.files import ItemRole


class ResultsProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(False)
        self._needle = ""

    def set_text(self, text: str) -> None:
        self._needle = text.strip().lower()
        self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:
        if not self._needle:
            return True
        src = self.sourceModel()
        item = src.data(src.index(source_row, 0, source_parent), ItemRole)
        path = item.get("path", "") if isinstance(item, dict) else ""
        return self._needle in path.lower() or self._needle in str(item.get("label", "")).lower() if item else False

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)  # the proxy follows the source's layoutChanged

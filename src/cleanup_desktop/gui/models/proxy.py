"""Filter by text; sorting is forwarded to the source model (one list sort, not n log n cell reads).

Filtering uses Qt's own fixed-string filter on :data:`FilterRole` (the item's path and label):
with no filter text Qt accepts rows without calling Python at all, which keeps re-sorting
100,000 rows fast.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from cleanup_desktop.gui.models.files import FilterRole


class ResultsProxy(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(False)
        self.setFilterRole(FilterRole)
        self.setFilterKeyColumn(0)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)  # the proxy follows the source's layoutChanged

"""A flat, checkable table over a list of scan entries (temp, large or old files).

Built for 100,000 rows: rows are the scan's own dicts (no copy per row), texts are made
only for visible cells, and sorting is one Python list sort on a key (the proxy forwards
its sort here instead of comparing cells one by one).
"""

from __future__ import annotations

from cleanup_desktop.core.paths import printable

from typing import Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from cleanup_desktop.gui.models.columns import RULE_WHY, Column
from cleanup_desktop.gui.models.selection import Chooser, explain
from cleanup_desktop.gui.widgets.cards import safety_colour, safety_word

ItemRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
FilterRole = Qt.ItemDataRole.UserRole + 3  # text the filter box matches (see models.proxy)
FILTER_ROLE = int(FilterRole)
# Flag combinations made once (Qt enum arithmetic in Python costs microseconds per row).
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
CHECKABLE = READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable


class FileTableModel(QAbstractTableModel):
    def __init__(self, category: str, rows: list[dict], columns: list[Column], chooser: Optional[Chooser] = None,
                 parent=None) -> None:
        super().__init__(parent)
        self.category = category
        self.rows = list(rows)
        self.columns = list(columns)
        self.chooser = chooser
        self.show_safety = category == "temp"

    # shape ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns) + (1 if self.show_safety else 0)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < len(self.columns):
            return self.columns[section].header()
        return self.tr("Safety")

    # cells ------------------------------------------------------------------------------
    def flags(self, index):
        if index.column() == 0 and self.chooser is not None:
            if self.chooser.blocked(self.category, self.rows[index.row()]) is None:
                return CHECKABLE
        return READ_ONLY

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == FILTER_ROLE:  # first: the filter asks this for every row
            item = self.rows[index.row()]
            return f"{item.get('path') or item.get('subject', '')} {item.get('label') or item.get('from', '')}"
        if not index.isValid():
            return None
        item = self.rows[index.row()]
        col = index.column()
        if col >= len(self.columns):  # the safety column of temp targets
            level = item.get("safety", "")
            if item.get("app_running") and level == "Q":
                level_text = self.tr("Close {0} first").format(item.get("label") or self.tr("the app"))
            else:
                level_text = safety_word(level)
            if role == Qt.ItemDataRole.DisplayRole:
                return level_text
            if role == Qt.ItemDataRole.ForegroundRole:
                return safety_colour(level)
            if role == SortRole:
                return level
            return None
        column = self.columns[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.ToolTipRole:
            reason = self.chooser.blocked(self.category, item) if self.chooser else None
            if reason:
                return explain(reason)
            why = RULE_WHY.get(item.get("rule", ""))
            where = printable(item.get("path", ""))
            return f"{where}\n{why}" if why else where
        if role == Qt.ItemDataRole.CheckStateRole and col == 0 and self.chooser is not None:
            return Qt.CheckState.Checked if self.chooser.is_selected(self.category, item) else Qt.CheckState.Unchecked
        if role == ItemRole:
            return item
        if role == SortRole:
            return column.sort(item)
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != 0 or self.chooser is None:
            return False
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        if not self.chooser.set_selected(self.category, self.rows[index.row()], on):
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True

    def refresh_checks(self) -> None:
        """After a preset changed many ticks at once."""
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 0), [Qt.ItemDataRole.CheckStateRole])

    # sorting ----------------------------------------------------------------------------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            return
        if column < len(self.columns):
            key = self.columns[column].sort
        else:
            key = lambda i: i.get("safety", "")  # noqa: E731
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        before = [self.rows[p.row()] for p in persistent]
        self.rows.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        if persistent:
            where = {id(r): n for n, r in enumerate(self.rows)}
            self.changePersistentIndexList(
                persistent, [self.index(where[id(r)], p.column()) for p, r in zip(persistent, before)]
            )
        self.layoutChanged.emit()

    def item(self, row: int) -> dict:
        return self.rows[row]

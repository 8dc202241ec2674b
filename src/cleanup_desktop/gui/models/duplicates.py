"""Duplicate groups as a two-level tree: a group row, then one row per copy.

The copy the keep rules keep is marked "Kept" and cannot be ticked; when every other copy
is ticked, the last unticked one cannot be ticked either (the core's rule, shown here).
Groups come biggest saving first; sorting sorts groups (by wasted size, name, ...) and keeps
the view's expanded groups expanded (a layout change, not a reset). The Folder column shows
each copy's folder from its scan root ("Documents/Projets"), and on the group row the kept
copy's folder, so which copy stays can be read at a glance.
"""

from __future__ import annotations

from cleanup_desktop.core.paths import printable

import os
from typing import Optional

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt

from cleanup_desktop.gui import format as fmt
from cleanup_desktop.gui.models.columns import relative_folder
from cleanup_desktop.gui.models.files import FILTER_ROLE, ItemRole, SortRole

GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
READ_ONLY = GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
CHECKABLE = READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable
from cleanup_desktop.gui.models.selection import Chooser, explain
from cleanup_desktop.gui.widgets.cards import safety_colour

GROUP = 0  # internalId of a group row; a file row has internalId = group index + 1
COLUMNS = ("name", "size", "status", "folder", "mtime")  # the folder tells same-named copies apart


class DuplicatesModel(QAbstractItemModel):
    category = "duplicates"

    def __init__(self, groups: list[dict], chooser: Optional[Chooser] = None, parent=None) -> None:
        super().__init__(parent)
        self.groups = list(groups)
        self.chooser = chooser

    # structure --------------------------------------------------------------------------
    def index(self, row, column, parent=QModelIndex()):
        if parent.isValid():
            if parent.internalId() != GROUP:
                return QModelIndex()
            return self.createIndex(row, column, parent.row() + 1)
        return self.createIndex(row, column, GROUP)

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, GROUP)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == GROUP and parent.column() == 0:
            return len(self.groups[parent.row()]["files"])
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(COLUMNS)

    def hasChildren(self, parent=QModelIndex()) -> bool:
        return self.rowCount(parent) > 0

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        headers = {"name": self.tr("Name"), "status": self.tr("Status"), "size": self.tr("Size"),
                   "mtime": self.tr("Modified"), "folder": self.tr("Folder")}
        return headers[COLUMNS[section]]

    # helpers ------------------------------------------------------------------------------
    def group_of(self, index) -> dict:
        if index.internalId() == GROUP:
            return self.groups[index.row()]
        return self.groups[index.internalId() - 1]

    def file_of(self, index) -> Optional[dict]:
        if not index.isValid() or index.internalId() == GROUP:
            return None
        return self.groups[index.internalId() - 1]["files"][index.row()]

    def _file_item(self, group: dict, f: dict) -> dict:
        """The entry handed to the chooser: the file plus what the core needs of its group."""
        return {**f, "size": group["size"], "digest": group["digest"], "group": group}

    # cells --------------------------------------------------------------------------------
    def flags(self, index):
        if not index.isValid() or index.internalId() == GROUP:
            return GROUP_FLAGS
        if index.column() == 0 and self.chooser is not None:
            f = self.file_of(index)
            if self.chooser.blocked(self.category, self._file_item(self.group_of(index), f)) is None:
                return CHECKABLE
        return READ_ONLY

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == FILTER_ROLE:  # first: the filter asks this for every row
            f = self.file_of(index)
            return f["path"] if f is not None else ""
        if not index.isValid():
            return None
        group = self.group_of(index)
        f = self.file_of(index)
        col = COLUMNS[index.column()]
        if f is None:
            return self._group_data(group, col, role)
        item = self._file_item(group, f)
        blocked = self.chooser.blocked(self.category, item) if self.chooser else None
        selected = self.chooser.is_selected(self.category, item) if self.chooser else False
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "name":
                return printable(os.path.basename(f["path"]))
            if col == "folder":
                return printable(relative_folder(f["path"]))
            if col == "size":
                return fmt.size(group["size"])
            if col == "mtime":
                return fmt.when(f.get("mtime", ""))
            if col == "status":
                if selected:
                    return self.tr("Will be removed")
                return self.tr("Kept") if blocked else ""
        if role == Qt.ItemDataRole.CheckStateRole and col == "name" and self.chooser is not None:
            return Qt.CheckState.Checked if selected else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{printable(f['path'])}\n{explain(blocked)}" if blocked else printable(f["path"])
        if role == Qt.ItemDataRole.FontRole and blocked and col in ("name", "status", "folder"):
            return self._bold()  # the copy that stays stands out in its group
        if role == Qt.ItemDataRole.ForegroundRole and col == "status":
            return safety_colour("keep" if not selected else "R")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "size":
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == ItemRole:
            return item
        if role == SortRole:
            return {"name": os.path.basename(f["path"]).lower(), "folder": f["path"].lower(),
                    "size": group["size"], "mtime": f.get("mtime_ns", 0), "status": selected}[col]
        return None

    def _group_data(self, group: dict, col: str, role):
        n = len(group["files"])
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "name":
                return self.tr("{0} — %n copies", "", n).format(printable(os.path.basename(group["files"][0]["path"])))
            if col == "size":
                return fmt.size(group.get("wasted", 0))
            if col == "status":
                if self.chooser is None:
                    return ""
                chosen = sum(1 for f in group["files"] if self.chooser.is_selected(self.category, self._file_item(group, f)))
                return self.tr("%n of {0} selected", "", chosen).format(n)
            if col == "folder":
                kept = self.kept_file(group)
                return self.tr("kept in {0}").format(relative_folder(kept["path"])) if kept else ""
            return ""
        if role == Qt.ItemDataRole.ToolTipRole and col == "size":
            return self.tr("Space freed by keeping a single copy")
        if role == Qt.ItemDataRole.ToolTipRole and col == "folder":
            kept = self.kept_file(group)
            return kept["path"] if kept else None
        if role == Qt.ItemDataRole.ToolTipRole and col == "name":
            return self._group_data(group, col, Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == "size":
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == SortRole:
            return {"name": os.path.basename(group["files"][0]["path"]).lower(), "folder": "",
                    "size": group.get("wasted", 0), "mtime": max(f.get("mtime_ns", 0) for f in group["files"]),
                    "status": 0}[col]
        return None

    def _bold(self):
        if not hasattr(self, "_bold_font"):
            from PySide6.QtGui import QFont

            self._bold_font = QFont()
            self._bold_font.setBold(True)
        return self._bold_font

    def status_texts(self) -> list[str]:
        """Every text the status column can show, for its width (the widest group counts)."""
        n = max([len(g["files"]) for g in self.groups[:3000]] or [2])
        return [self.tr("Will be removed"), self.tr("Kept"), self.tr("%n of {0} selected", "", n).format(n)]

    def kept_file(self, group: dict) -> Optional[dict]:
        """The copy that stays when some copies are ticked: the first one not selected (the
        keep rule's choice); None when nothing in the group is ticked (every copy stays)."""
        if self.chooser is None:
            return None
        selected = [self.chooser.is_selected(self.category, self._file_item(group, f)) for f in group["files"]]
        if not any(selected):
            return None
        return next((f for f, on in zip(group["files"], selected) if not on), None)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        f = self.file_of(index)
        if role != Qt.ItemDataRole.CheckStateRole or f is None or self.chooser is None:
            return False
        group = self.group_of(index)
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        if not self.chooser.set_selected(self.category, self._file_item(group, f), on):
            return False
        self.refresh_group(index.internalId() - 1)
        return True

    def refresh_group(self, g: int) -> None:
        """Ticking one copy can make another one (the last) unselectable: repaint the group."""
        parent = self.index(g, 0)
        last = len(self.groups[g]["files"]) - 1
        self.dataChanged.emit(self.index(0, 0, parent), self.index(last, len(COLUMNS) - 1, parent))
        self.dataChanged.emit(self.index(g, 0), self.index(g, len(COLUMNS) - 1))

    def refresh_checks(self) -> None:
        """After a keep rule changed many ticks: repaint everything, keeping the tree's
        expanded groups and current row (a layout change keeps persistent indexes)."""
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    # sorting ------------------------------------------------------------------------------
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if column < 0:
            return
        col = COLUMNS[column]
        keys = {
            "name": lambda g: os.path.basename(g["files"][0]["path"]).lower(),
            "folder": lambda g: g["files"][0]["path"].lower(),
            "size": lambda g: g.get("wasted", 0),
            "mtime": lambda g: max(f.get("mtime_ns", 0) for f in g["files"]),
            "status": lambda g: len(g["files"]),
        }
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        # (group, row of the copy or -1) of every persistent index: expanded groups, current row
        before = [(self.group_of(p), p.row() if p.internalId() != GROUP else -1, p.column()) for p in persistent]
        self.groups.sort(key=keys[col], reverse=order == Qt.SortOrder.DescendingOrder)
        if persistent:
            where = {id(g): n for n, g in enumerate(self.groups)}
            after = []
            for group, row, column in before:
                g = where[id(group)]
                after.append(self.createIndex(g, column, GROUP) if row < 0 else self.createIndex(row, column, g + 1))
            self.changePersistentIndexList(persistent, after)
        self.layoutChanged.emit()

"""One category of the review: filter box, the (tree or table) view, the preview beside it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cleanup_desktop.gui.models.files import ItemRole
from cleanup_desktop.gui.models.proxy import ResultsProxy
from cleanup_desktop.gui.widgets.preview import Preview


class CategoryView(QWidget):
    checks_changed = Signal()

    def __init__(self, model, tools: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = ResultsProxy(self)
        self.proxy.setSourceModel(model)
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        if tools is not None:
            col.addWidget(tools)
        bar = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name or folder…"))
        self.filter.setAccessibleName(self.tr("Filter"))
        self.filter.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(250)  # filter once typing pauses, not at every key
        self._filter_timer.timeout.connect(lambda: self.proxy.set_text(self.filter.text()))
        self.filter.textChanged.connect(self._filter_timer.start)
        bar.addWidget(self.filter, 1)
        col.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal)
        if getattr(model, "category", "") == "duplicates":
            self.view = QTreeView()  # groups and their copies
            self.view.setUniformRowHeights(True)  # needed to stay fluid at 100k rows
            header = self.view.header()
        else:
            # A flat list: QTableView lays out only the visible rows (a QTreeView walks all
            # of them after each sort), so 100,000 rows stay fluid.
            self.view = QTableView()
            self.view.setShowGrid(False)
            self.view.verticalHeader().setVisible(False)
            self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
            self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            self.view.setWordWrap(False)
            header = self.view.horizontalHeader()
        self.view.setModel(self.proxy)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long folders keep both ends
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(0, 230)
        self.view.setColumnWidth(1, 125)
        self.view.setColumnWidth(2, 230)
        self.view.setAccessibleName(self.tr("Items found"))
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        model.dataChanged.connect(lambda *a: self.checks_changed.emit())
        model.modelReset.connect(self.checks_changed.emit)
        self.preview = Preview()
        self.preview.setMaximumWidth(200)
        split.addWidget(self.view)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        split.setSizes([760, 160])
        col.addWidget(split, 1)

    def _current_changed(self, current, _previous) -> None:
        item = self.proxy.data(current.siblingAtColumn(0), ItemRole) if current.isValid() else None
        self.preview.show_path(item.get("path", "") if isinstance(item, dict) else "")

    def expand_all_if_small(self, limit: int = 300) -> None:
        """Open every group when there are few files in all (expanding is per row work)."""
        groups = getattr(self.model, "groups", [])
        if isinstance(self.view, QTreeView) and sum(len(g["files"]) for g in groups[: limit + 1]) <= limit:
            self.view.expandAll()

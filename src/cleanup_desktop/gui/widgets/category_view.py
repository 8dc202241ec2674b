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


def column_keys(model) -> list[str]:
    """What each column of a review model holds ("name", "size", "status", "safety", ...)."""
    if hasattr(model, "columns"):
        return [c.key for c in model.columns] + (["safety"] if getattr(model, "show_safety", False) else [])
    from cleanup_desktop.gui.models.duplicates import COLUMNS

    return list(COLUMNS)


def sample_indexes(model, col: int, limit: int) -> list:
    """Indexes of the first ``limit`` rows of a column, the copies of duplicate groups too."""
    out = []
    for r in range(min(limit, model.rowCount())):
        index = model.index(r, col)
        out.append(index)
        parent = model.index(r, 0)
        out += [model.index(c, col, parent) for c in range(min(model.rowCount(parent), limit - len(out)))]
        if len(out) >= limit:
            break
    return out


def fixed_texts(model, key: str) -> list[str]:
    """Texts a column may show later (after ticking, in the other language's width)."""
    from cleanup_desktop.gui import format as fmt
    from cleanup_desktop.gui.widgets.cards import safety_word

    if key == "status" and hasattr(model, "status_texts"):
        return model.status_texts()
    if key == "safety":
        return [safety_word(level) for level in ("S", "Q", "R")]
    if key in ("size", "wasted", "bytes", "message_size"):
        return [fmt.size(999_900_000), fmt.size(99_900_000_000)]
    return []


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
        self.filter.setProperty("keeps_enter", True)  # Enter filters at once (not the page's button)
        self.filter.returnPressed.connect(lambda: (self._filter_timer.stop(), self.proxy.set_text(self.filter.text())))
        bar.addWidget(self.filter, 1)
        col.addLayout(bar)
        split = QSplitter(Qt.Orientation.Vertical)
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
        self.view.setAlternatingRowColors(True)
        keys = column_keys(model)
        self.view.column_keys = lambda: keys  # read by gui.layout_check
        self.header = header
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(40)
        if "safety" in keys:  # the safety word right after the size, before the long texts
            header.moveSection(header.visualIndex(keys.index("safety")), min(3, len(keys) - 1))
        self.view.setSortingEnabled(True)
        # Biggest first: groups by the space they would free, files by size.
        for key in ("size", "wasted", "bytes"):
            if key in keys:
                self.view.sortByColumn(keys.index(key), Qt.SortOrder.DescendingOrder)
                break
        else:
            self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.fit_columns()  # after sorting: the header's size hints include the sort arrow
        self.view.setAccessibleName(self.tr("Items found"))
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        model.dataChanged.connect(lambda *a: self.checks_changed.emit())
        model.modelReset.connect(self.checks_changed.emit)
        self.preview = Preview()
        split.addWidget(self.view)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setChildrenCollapsible(False)
        col.addWidget(split, 1)

    def fit_columns(self) -> None:
        """Widths from the texts: sizes, counts, dates and status words are never cut; the
        long texts (names, folders, subjects) share what is left and elide in the middle,
        the whole text on hover."""
        keys = column_keys(self.model)
        fm = self.view.fontMetrics()
        pad = 18
        sample = 40  # the widest texts come from fixed_texts(); a screenful of rows is enough
        long_keys = ("name", "folder", "subject", "filename", "from", "rule")
        stretchy = ("name", "folder", "subject", "filename")
        self.header.setMinimumSectionSize(max([40] + [self.header.sectionSizeHint(c) + 16 for c, k in enumerate(keys)
                                                       if k in stretchy]))
        for col, key in enumerate(keys):
            width = self.header.sectionSizeHint(col) + 16  # room for the sort arrow too
            if key in long_keys:
                width = max(width, 140 if key != "name" else 200)
                self.header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            else:
                texts = [str(self.model.data(index, Qt.ItemDataRole.DisplayRole) or "")
                         for index in sample_indexes(self.model, col, sample)]
                texts += fixed_texts(self.model, key)
                width = max([width] + [fm.horizontalAdvance(t) + pad for t in texts])
                self.header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.header.resizeSection(col, width)
            if key not in stretchy and width < self.header.minimumSectionSize():
                self.header.resizeSection(col, self.header.minimumSectionSize())
        # The long texts share the room left (a group's name and the kept copy's folder both
        # matter); the user can still drag the borders.
        for key in ("name", "folder", "subject", "filename"):
            if key in keys:
                self.header.setSectionResizeMode(keys.index(key), QHeaderView.ResizeMode.Stretch)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """On a narrow window the dates give their room to names and folders (the sizes and
        status words always stay)."""
        super().resizeEvent(event)
        keys = column_keys(self.model)
        for key in ("mtime", "date"):
            if key in keys:
                self.header.setSectionHidden(keys.index(key), self.width() < 820)

    def _current_changed(self, current, _previous) -> None:
        item = self.proxy.data(current.siblingAtColumn(0), ItemRole) if current.isValid() else None
        self.preview.show_path(item.get("path", "") if isinstance(item, dict) else "")

    def expand_all_if_small(self, limit: int = 300) -> None:
        """Open every group when there are few files in all (expanding is per row work)."""
        groups = getattr(self.model, "groups", [])
        if isinstance(self.view, QTreeView) and sum(len(g["files"]) for g in groups[: limit + 1]) <= limit:
            self.view.expandAll()

"""Is anything cut? Walks a window's visible labels, buttons, group boxes and item views and
names every text that is elided or clipped, and every primary button outside the window.

Used by the layout test (tests/gui/test_layout.py) and by tools/screenshots.py --check. The
rule it checks: a visible text is shown whole (wrapped if need be), except a path in an
``ElidedLabel`` or a path column, which is elided in the middle and carries the whole path in
its tooltip; a page's primary button lies inside the window; the review's size and status
columns are within the view (no sideways scrolling needed) and wide enough for their text.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListView,
    QTreeView,
    QWidget,
)

from cleanup_desktop.gui.widgets.elided import ElidedLabel

SLACK = 1  # rounding of fractional font metrics


def _name(w: QWidget) -> str:
    text = ""
    for attr in ("text", "title"):
        if hasattr(w, attr):
            try:
                text = getattr(w, attr)()
            except TypeError:
                continue
            if isinstance(text, str) and text:
                break
    return f"{type(w).__name__}({text[:60]!r})"


def _showing(w: QWidget, top: QWidget) -> bool:
    return w.isVisible() and w.isVisibleTo(top) and w.width() > 0 and w.height() > 0


def _clip_rect(w: QWidget, top: QWidget) -> tuple[QWidget, QRect]:
    """The area a widget must fit in: the nearest scroll area's content (it can be scrolled
    into view) or the window."""
    parent = w.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            return parent, QRect(-10**6, -10**6, 2 * 10**6, 2 * 10**6)  # scrolled content: anywhere
        parent = grand
    return top, top.rect()


def widget_problems(top: QWidget) -> list[str]:
    out = []
    for w in top.findChildren(QWidget):
        if not _showing(w, top) or w.objectName().startswith("qt_"):
            continue
        if isinstance(w, ElidedLabel):
            if w.is_elided() and w.toolTip() != w.full_text():
                out.append(f"{_name(w)} is elided without its whole text on hover")
            continue
        if isinstance(w, QLabel) and w.text() and not isinstance(w.parentWidget(), QAbstractButton):
            if w.pixmap() is not None and not w.pixmap().isNull():
                continue
            inner = w.contentsRect()
            if w.wordWrap():
                need = w.heightForWidth(w.width())
                if need > w.height() + SLACK:
                    out.append(f"{_name(w)} is clipped: needs {need} px of height, has {w.height()}")
            elif w.sizeHint().width() - (w.width() - inner.width()) > inner.width() + SLACK + w.margin() * 2 + w.indent():
                out.append(f"{_name(w)} is cut: needs {w.sizeHint().width()} px, has {w.width()}")
        elif isinstance(w, QAbstractButton) and w.text():
            if w.sizeHint().width() > w.width() + SLACK:
                out.append(f"{_name(w)} is cut: needs {w.sizeHint().width()} px, has {w.width()}")
        elif isinstance(w, QGroupBox) and w.title():
            if w.fontMetrics().horizontalAdvance(w.title().replace("&", "")) + 12 > w.width():
                out.append(f"{_name(w)} title is cut")
        if isinstance(w, (QLabel, QAbstractButton, QGroupBox)):
            area, rect = _clip_rect(w, top)
            where = QRect(w.mapTo(area, w.rect().topLeft()), w.size())
            if not rect.contains(where):
                out.append(f"{_name(w)} lies outside the visible area ({where.getRect()} not in {rect.getRect()})")
    return out


def view_problems(view: QAbstractItemView, key_columns: tuple[str, ...] = ("size", "status", "safety", "wasted", "bytes", "copies", "messages",
                                                   "message_size"),
                  rows: int = 40) -> list[str]:
    """Header texts fit their sections; the key columns are inside the viewport and wide
    enough for every text of the first ``rows`` rows (and their children when expanded)."""
    out = []
    model = view.model()
    header: QHeaderView = view.header() if isinstance(view, QTreeView) else view.horizontalHeader()
    fm = view.fontMetrics()
    keys = getattr(view, "column_keys", None)
    keys = keys() if keys else [key_columns[0]] * model.columnCount()  # plain tables: every column
    for col in range(model.columnCount()):
        if header.isSectionHidden(col):
            continue
        title = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        # Qt's own measure of the header text (margins, sort arrow) against the section
        if header.sectionSizeHint(col) > header.sectionSize(col) + SLACK:
            out.append(f"{view.accessibleName()}: header {title!r} is cut ({header.sectionSize(col)} px)")
        key = keys[col] if col < len(keys) else ""
        if key not in key_columns:
            continue
        left = header.sectionViewportPosition(col)
        if left < 0 or left + header.sectionSize(col) > view.viewport().width() + SLACK:
            out.append(f"{view.accessibleName()}: column {title!r} is outside the view")
        indexes = []
        for r in range(min(rows, model.rowCount())):
            parent = model.index(r, 0)
            indexes.append(model.index(r, col))
            if isinstance(view, QTreeView) and view.isExpanded(parent):
                indexes += [model.index(c, col, parent) for c in range(min(rows, model.rowCount(parent)))]
        for index in indexes:
            text = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
            if text and model.data(index, Qt.ItemDataRole.ToolTipRole) and view.textElideMode() != Qt.TextElideMode.ElideNone:
                continue  # elided on purpose, the whole text on hover
            depth = (2 if index.parent().isValid() else 1) if isinstance(view, QTreeView) and view.rootIsDecorated() else 0
            indent = view.indentation() * depth if col == 0 else 0
            # the delegate's own size for the cell (text, margins, check box, icon)
            need = (view.sizeHintForIndex(index).width() or fm.horizontalAdvance(text) + 8) + indent
            if text and need > header.sectionSize(col) + SLACK:
                out.append(f"{view.accessibleName()}: {title!r} text {text!r} is cut ({header.sectionSize(col)} px)")
    return out


def list_problems(view: QListView) -> list[str]:
    """Items of a list (side bar, categories, errors) show their whole text, or wrap, or
    carry it in their tooltip."""
    out = []
    model = view.model()
    fm = view.fontMetrics()
    icon = view.iconSize().width() + 8 if view.iconSize().isValid() else 0
    for r in range(min(60, model.rowCount())):
        index = model.index(r, 0)
        text = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
        if not text or view.wordWrap() or model.data(index, Qt.ItemDataRole.ToolTipRole) == text:
            continue
        widest = max(fm.horizontalAdvance(line) for line in text.split("\n"))
        if widest + icon + 12 > view.viewport().width():
            out.append(f"{view.accessibleName()}: item {text!r} is cut ({view.viewport().width()} px)")
    return out


def primary_problems(window, page) -> list[str]:
    button = page.primary
    if not button.isVisible():
        return []
    where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
    if not window.rect().contains(where):
        return [f"{type(page).__name__}: the primary button {button.text()!r} is outside the window "
                f"({where.getRect()} not in {window.rect().getRect()})"]
    return []


def page_problems(window, page) -> list[str]:
    out = [f"{type(page).__name__}: {p}" for p in widget_problems(page)]
    out += primary_problems(window, page)
    for view in page.findChildren(QAbstractItemView):
        if not _showing(view, page) or isinstance(view, QHeaderView) or isinstance(view.parentWidget(), QComboBox):
            continue
        if isinstance(view, QListView):
            out += [f"{type(page).__name__}: {p}" for p in list_problems(view)]
        else:
            out += [f"{type(page).__name__}: {p}" for p in view_problems(view)]
    return out


def window_problems(window) -> list[str]:
    """Every problem of the page on screen now, and of the side bar."""
    out = []
    page = window.stack.currentWidget()
    out += page_problems(window, page)
    out += [f"side bar: {p}" for p in list_problems(window.sidebar)]
    return out


__all__ = ["window_problems", "page_problems", "widget_problems", "view_problems", "QModelIndex"]

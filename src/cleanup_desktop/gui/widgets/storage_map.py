"""“Where your space is”: an interactive treemap of the scanned folders and the mailboxes.

Every rectangle is a folder, its area the allocated bytes below it (the scan's storage map);
its colour says what the scan found inside (duplicates, temporary files, large or old files),
the stronger the larger that share. Click a folder to zoom into it, click the path bar or press
Backspace to go back up. Each mailbox is one more area, its folders sized by the bytes the mail
scan counted. The layout is the squarified treemap (Bruls, Huizing, van Wijk, 2000), drawn with
QPainter, two levels at a time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Optional

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolTip, QVBoxLayout, QWidget

from cleanup_desktop.gui import format as fmt

KINDS = ("duplicates", "temp", "large")  # colour keys (large: large or old files)
COLOURS = {"duplicates": QColor("#e07b24"), "temp": QColor("#2e9e5b"), "large": QColor("#3d6fc4"),
           "none": QColor("#9aa3ad"), "mail": QColor("#7a5cc0")}


@dataclass
class Node:
    name: str
    size: int
    path: str = ""
    kind: str = "folder"  # "folder" | "files" (the files right in a folder) | "mail" | "root"
    children: list["Node"] = field(default_factory=list)
    found: dict = field(default_factory=dict)  # kind -> bytes found inside

    def share(self) -> tuple[str, float]:
        if not self.size or not self.found:
            return "none", 0.0
        kind, nbytes = max(self.found.items(), key=lambda kv: kv[1])
        return kind, min(1.0, nbytes / self.size)


def _findings(scan: dict) -> list[tuple[str, str, int]]:
    """(path, colour kind, bytes) of everything the scan offers."""
    out = []
    for g in scan.get("duplicates", []):
        for f in g.get("files", [])[1:]:
            out.append((f["path"], "duplicates", int(f.get("allocated") or g.get("size", 0))))
    for g in scan.get("duplicate_folders", []):
        for f in g.get("folders", []):
            if f["path"] != g.get("keep"):
                out.append((f["path"], "duplicates", int(f.get("allocated") or 0)))
    for g in scan.get("similar_images") or []:
        for im in g.get("images", []):
            if im["path"] != g.get("keep"):
                out.append((im["path"], "duplicates", int(im.get("allocated") or 0)))
    for it in scan.get("temp", []):
        out.append((it["path"], "temp", int(it.get("allocated") or it.get("size") or 0)))
    seen = set()
    for cat in ("large", "old"):
        for it in scan.get(cat, []):
            if it["path"] not in seen:
                seen.add(it["path"])
                out.append((it["path"], "large", int(it.get("allocated") or it.get("size") or 0)))
    return out


def _short(path: str) -> str:
    """A scanned root as the user knows it: ~/Documents rather than /home/anne/Documents."""
    home = os.path.expanduser("~")
    return "~" + path[len(home):] if path == home or path.startswith(home + os.sep) else path


def build_tree(scan: Optional[dict], mail_scans: list[dict], files_label: str, mail_label: str) -> Node:
    """The whole map: one node per scanned root, one per mailbox."""
    top = Node("", 0, kind="root")
    if scan is not None:
        folders = (scan.get("storage") or {}).get("folders", [])
        nodes = []
        for f in folders:
            name = os.path.basename(f["path"].rstrip(os.sep)) or f["path"]
            nodes.append(Node(name if f.get("parent", -1) >= 0 else _short(f["path"]), int(f["allocated"]), f["path"]))
        for f, node in zip(folders, nodes):
            p = f.get("parent", -1)
            (nodes[p].children if 0 <= p < len(nodes) else top.children).append(node)
        index = {n.path: n for n in nodes}
        chains: dict[str, list] = {}  # folder -> the map folders holding it (memo: findings share folders)

        def chain(d: str) -> list:
            got = chains.get(d)
            if got is None:
                parent = os.path.dirname(d)
                got = ([index[d]] if d in index else []) + (chain(parent) if parent != d else [])
                chains[d] = got
            return got

        for path, kind, nbytes in _findings(scan):
            for node in chain(path if path in index else os.path.dirname(path)):
                node.found[kind] = node.found.get(kind, 0) + nbytes
        for node in nodes:
            rest = node.size - sum(c.size for c in node.children)
            if node.children and rest > 0:
                own = Node(files_label, rest, node.path, kind="files")
                own.found = {k: max(0, v - sum(c.found.get(k, 0) for c in node.children)) for k, v in node.found.items()}
                node.children.append(own)
    for m in mail_scans:
        folders = [f for f in m.get("folders", []) if int(f.get("bytes") or 0) > 0]
        area = Node(mail_label.format(m.get("account", "")), sum(int(f["bytes"]) for f in folders), kind="mail")
        area.children = [Node(f["name"], int(f["bytes"]), kind="mail") for f in folders]
        if area.size:
            top.children.append(area)
    top.size = sum(c.size for c in top.children)
    return top


def squarify(sizes: list[float], rect: QRectF) -> list[QRectF]:
    """Rectangles for ``sizes`` (sorted largest first) filling ``rect``, as square as can be."""
    out: list[QRectF] = []
    total = sum(sizes)
    if total <= 0 or rect.width() <= 0 or rect.height() <= 0:
        return [QRectF() for _ in sizes]
    scale = rect.width() * rect.height() / total
    areas = [s * scale for s in sizes]
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    i = 0
    while i < len(areas):
        side = min(w, h)
        row = [areas[i]]
        j = i + 1

        def worst(r):
            s = sum(r)
            return max(max(side * side * a / (s * s), (s * s) / (side * side * a)) for a in r) if s else float("inf")

        while j < len(areas) and worst(row + [areas[j]]) <= worst(row):
            row.append(areas[j])
            j += 1
        across = w >= h  # lay the row along the left edge, else along the top
        thick = sum(row) / ((h if across else w) or 1)
        pos = y if across else x
        for a in row:
            length = a / thick if thick else 0
            out.append(QRectF(x, pos, thick, length) if across else QRectF(pos, y, length, thick))
            pos += length
        if across:
            x, w = x + thick, w - thick
        else:
            y, h = y + thick, h - thick
        i = j
    return out


def _build(scan, mail_scans, files_label, mail_label, progress=None, cancel=None) -> Node:
    return build_tree(scan, mail_scans, files_label, mail_label)


class TreemapCanvas(QWidget):
    zoomed = Signal(object)  # the Node now shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.root = Node("", 0, kind="root")
        self.current = self.root
        self.trail: list[Node] = []
        self.hits: list[tuple[QRectF, Node, int]] = []
        self.setMouseTracking(True)
        self.setMinimumSize(320, 200)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.tr("Storage map"))

    def set_tree(self, root: Node) -> None:
        self.root = self.current = root
        self.trail = []
        if len(root.children) == 1 and root.children[0].children:
            self.trail, self.current = [root], root.children[0]  # one root: start inside it
        self.zoomed.emit(self.current)
        self.update()

    def zoom_to(self, node: Node) -> None:
        if node is self.current or not node.children:
            return
        self.trail.append(self.current)
        self.current = node
        self.zoomed.emit(node)
        self.update()

    def up(self) -> None:
        if self.trail:
            self.current = self.trail.pop()
            self.zoomed.emit(self.current)
            self.update()

    def up_to(self, depth: int) -> None:
        while len(self.trail) > depth:
            self.up()

    # drawing ---------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(self.rect(), self.palette().base())
        self.hits = []
        children = sorted((c for c in self.current.children if c.size > 0), key=lambda c: -c.size)
        if not children:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Nothing to show here."))
            return
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        self._draw_level(painter, children, rect, 0)

    def _colour(self, node: Node) -> QColor:
        if node.kind == "mail":
            base = COLOURS["mail"]
            return QColor.fromRgbF(base.redF() * 0.55 + 0.45 * 0.85, base.greenF() * 0.55 + 0.45 * 0.85, base.blueF() * 0.55 + 0.45 * 0.85)
        kind, share = node.share()
        grey, hue = COLOURS["none"], COLOURS[kind]
        t = 0.0 if kind == "none" else 0.35 + 0.65 * min(1.0, share * 3)
        return QColor.fromRgbF(grey.redF() + (hue.redF() - grey.redF()) * t,
                               grey.greenF() + (hue.greenF() - grey.greenF()) * t,
                               grey.blueF() + (hue.blueF() - grey.blueF()) * t)

    def _draw_level(self, painter: QPainter, nodes: list[Node], rect: QRectF, depth: int) -> None:
        small = self.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * (0.95 if depth else 1.0)))
        bold = QFont(small)
        bold.setBold(True)
        metrics_h = painter.fontMetrics().height()
        for node, r in zip(nodes, squarify([n.size for n in nodes], rect)):
            if r.width() < 2 or r.height() < 2:
                continue
            self.hits.append((r, node, depth))
            painter.fillRect(r, self._colour(node))
            painter.setPen(QPen(self.palette().base().color(), 2 if depth == 0 else 1))
            painter.drawRect(r)
            header = metrics_h + 4
            if depth == 0 and node.children and r.height() > 3 * header and r.width() > 60:
                painter.setFont(bold)
                painter.setPen(QColor("white"))
                label = f"{node.name} · {fmt.size(node.size)}"
                painter.drawText(r.adjusted(4, 1, -4, 0), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                                 painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideMiddle, int(r.width() - 8)))
                kids = sorted((c for c in node.children if c.size > 0), key=lambda c: -c.size)
                self._draw_level(painter, kids, r.adjusted(3, header, -3, -3), depth + 1)
            elif r.width() > 40 and r.height() > metrics_h + 2:
                painter.setFont(small)
                painter.setPen(QColor("white"))
                lines = [node.name, fmt.size(node.size)] if r.height() > 2 * metrics_h + 4 else [node.name]
                text = "\n".join(painter.fontMetrics().elidedText(t, Qt.TextElideMode.ElideMiddle, int(r.width() - 6))
                                 for t in lines)
                painter.drawText(r.adjusted(3, 2, -3, -2), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)

    # interaction -----------------------------------------------------------------------
    def node_at(self, pos) -> Optional[tuple[Node, int]]:
        best = None
        for r, node, depth in self.hits:
            if r.contains(pos):
                best = (node, depth) if best is None or depth > best[1] else best
        return best

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.BackButton or event.button() == Qt.MouseButton.RightButton:
            self.up()
            return
        hit = self.node_at(event.position())
        if hit is None:
            return
        node, depth = hit
        if depth > 0:  # a folder inside a folder: zoom into the outer one first, then this one
            outer = next((n for r, n, d in self.hits if d == 0 and r.contains(event.position())), None)
            if outer is not None:
                self.zoom_to(outer)
        self.zoom_to(node)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Escape):
            self.up()
        else:
            super().keyPressEvent(event)

    def mouseMoveEvent(self, event) -> None:
        hit = self.node_at(event.position())
        if hit is None:
            QToolTip.hideText()
            return
        node = hit[0]
        lines = [node.path or node.name, fmt.size(node.size)]
        names = {"duplicates": self.tr("duplicates"), "temp": self.tr("temporary files"), "large": self.tr("large or old files")}
        for kind in KINDS:
            if node.found.get(kind):
                lines.append(self.tr("{0}: {1}").format(names[kind], fmt.size(node.found[kind])))
        QToolTip.showText(event.globalPosition().toPoint(), "\n".join(lines), self)


class StorageMap(QWidget):
    """The map with its path bar, legend and a sentence on how to use it."""

    checks_changed = Signal()  # nothing to tick here: kept for the review's category API

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = None
        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.up_button = QPushButton(self.tr("⬑ &Up"))
        self.up_button.setAccessibleName(self.tr("Back to the folder above"))
        self.up_button.clicked.connect(lambda: self.canvas.up())
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.RichText)
        self.where.linkActivated.connect(lambda href: self.canvas.up_to(int(href)))
        bar.addWidget(self.up_button)
        bar.addWidget(self.where, 1)
        col.addLayout(bar)
        self.canvas = TreemapCanvas()
        self.canvas.zoomed.connect(self._zoomed)
        col.addWidget(self.canvas, 1)
        legend = QHBoxLayout()
        for kind, text in (("duplicates", self.tr("duplicates")), ("temp", self.tr("temporary files")),
                           ("large", self.tr("large or old files")), ("none", self.tr("nothing found")),
                           ("mail", self.tr("mailbox"))):
            legend.addWidget(QLabel(f"<span style='color:{COLOURS[kind].name()}'>&#9632;</span> {text}"))
        legend.addStretch(1)
        hint = QLabel(self.tr("Area = disk space used. Click a folder to look inside; right-click or Backspace to go back."))
        hint.setWordWrap(True)
        col.addLayout(legend)
        col.addWidget(hint)

    def set_data(self, scan: Optional[dict], mail_scans: list[dict]) -> None:
        """Build the tree in a worker (tens of milliseconds on a big scan), then show it."""
        from cleanup_desktop.gui.workers import Task  # noqa: PLC0415

        self.where.setText(self.tr("Measuring…"))
        task = Task(_build, scan, list(mail_scans), self.tr("(files here)"), self.tr("Mailbox {0}"))
        task.signals.finished.connect(self._built)
        self._task = task.start()

    def _built(self, tree: Node) -> None:
        try:
            self.canvas.set_tree(tree)
        except RuntimeError:  # the review was rebuilt meanwhile: this map is gone
            pass

    def ready(self) -> bool:
        return getattr(self, "_task", None) is not None and self._task.done

    def _zoomed(self, node: Node) -> None:
        parts = []
        for depth, n in enumerate(self.canvas.trail + [node]):
            name = self.tr("Everything") if n.kind == "root" else n.name
            text = f"{name} ({fmt.size(n.size)})"
            parts.append(text if n is node else f'<a href="{depth}">{text}</a>')
        self.where.setText(" › ".join(parts))
        self.up_button.setEnabled(bool(self.canvas.trail))

"""Review views at 100,000 rows: model build, sort, filter and selection total timings.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_gui_model.py [--rows 100000]

Compares our models (rows are the scan's own dicts, sort = one list sort forwarded by the
proxy) with the textbook alternative (QStandardItemModel filled item by item, sorted by a
plain QSortFilterProxyModel comparing cells), and prints the ratios.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
NONE_REFS: list = []  # see build_standard below


def fake_scan(rows: int) -> dict:
    rnd = random.Random(1)
    now = 1_700_000_000_000_000_000

    def entry(i: int) -> dict:
        size = rnd.randrange(1 << 20, 1 << 32)
        return {"path": f"/home/me/Documents/folder{i % 997}/file-{i:06}.bin", "size": size, "allocated": size,
                "mtime": "2024-01-01T00:00:00+00:00", "mtime_ns": now - rnd.randrange(10**18), "dev": 1, "ino": i,
                "root": "/home/me"}

    groups = []
    for g in range(rows // 2):
        a, b = entry(2 * g), entry(2 * g + 1)
        b["size"] = a["size"]
        groups.append({"size": a["size"], "digest": f"{g:032x}", "paths": [a["path"], b["path"]],
                       "allocated": a["size"], "wasted": a["size"], "files": [a, b]})
    return {"schema": "cleanup-desktop/scan/1", "roots": ["/home/me"], "duplicates": groups,
            "large": [entry(i) for i in range(rows)], "temp": [], "old": [], "errors": [], "stats": {}}


def timed(label: str, fn, results: dict) -> float:
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    results[label] = dt
    print(f"  {label:<48} {dt * 1000:9.1f} ms")
    return dt


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView, QTreeView

    from cleanup_desktop.gui import engine
    from cleanup_desktop.gui.models.columns import FILE_COLUMNS
    from cleanup_desktop.gui.models.duplicates import DuplicatesModel
    from cleanup_desktop.gui.models.files import FileTableModel
    from cleanup_desktop.gui.models.proxy import ResultsProxy

    app = QApplication.instance() or QApplication(sys.argv[:1])
    scan = fake_scan(args.rows)
    r: dict[str, float] = {}
    print(f"{args.rows:,} rows (large files table; {args.rows // 2:,} duplicate groups of 2 = {args.rows:,} files)")
    holder: dict = {}
    timed("selection (core.disk.selection defaults, in a worker)", lambda: holder.update(c=engine.make_chooser(scan)), r)
    chooser = holder.get("c")
    timed("ours: table model build", lambda: holder.update(m=FileTableModel("large", scan["large"], FILE_COLUMNS, chooser)), r)
    model = holder["m"]
    proxy = ResultsProxy()
    timed("ours: proxy + view attach", lambda: (proxy.setSourceModel(model), holder.update(v=QTableView()),
                                               holder["v"].setModel(proxy), holder["v"].setSortingEnabled(True)), r)
    view = holder["v"]
    view.resize(1000, 700)
    view.show()
    app.processEvents()
    timed("ours: sort by size (desc)", lambda: (view.sortByColumn(2, Qt.SortOrder.DescendingOrder), app.processEvents()), r)
    timed("ours: sort by name", lambda: (view.sortByColumn(0, Qt.SortOrder.AscendingOrder), app.processEvents()), r)
    timed("ours: filter 'folder12'", lambda: (proxy.set_text("folder12"), app.processEvents()), r)
    timed("ours: clear filter", lambda: (proxy.set_text(""), app.processEvents()), r)
    timed("ours: duplicates tree build + attach", lambda: holder.update(
        d=DuplicatesModel(scan["duplicates"], chooser), dv=QTreeView(), dp=ResultsProxy()), r)
    dproxy, dview = holder["dp"], holder["dv"]
    dproxy.setSourceModel(holder["d"])
    dview.setModel(dproxy)
    dview.setUniformRowHeights(True)
    dview.show()
    timed("ours: duplicates sort by wasted size", lambda: (dview.sortByColumn(2, Qt.SortOrder.DescendingOrder),
                                                          app.processEvents()), r)
    if chooser is not None:
        timed("ours: running total of the selection", lambda: engine.selection_totals(chooser), r)

    # PySide 6.12 drops a reference to None on each QStandardItemModel.setItem call; 300k calls
    # would free None itself ("none_dealloc"). Holding extra references keeps the baseline alive.
    NONE_REFS.extend([None] * (10 * args.rows))

    def build_standard():
        m = QStandardItemModel(len(scan["large"]), 3)
        for row, it in enumerate(scan["large"]):
            m.setItem(row, 0, QStandardItem(os.path.basename(it["path"])))
            m.setItem(row, 1, QStandardItem(os.path.dirname(it["path"])))
            # zero-padded text sorts like the number (QStandardItem.setData(number) crashes
            # PySide 6.12 in a 100k loop: "none_dealloc")
            m.setItem(row, 2, QStandardItem(f"{it['size']:015d}"))
        holder["s"] = m

    timed("textbook: QStandardItemModel build", build_standard, r)
    sproxy = QSortFilterProxyModel()
    sproxy.setSourceModel(holder["s"])
    sview = QTableView()
    sview.setModel(sproxy)
    sview.setSortingEnabled(True)
    sview.show()
    timed("textbook: proxy sort by size (desc)", lambda: (sview.sortByColumn(2, Qt.SortOrder.DescendingOrder),
                                                         app.processEvents()), r)
    timed("textbook: proxy sort by name", lambda: (sview.sortByColumn(0, Qt.SortOrder.AscendingOrder), app.processEvents()), r)
    print("ratios (textbook / ours, higher is better for ours):")
    for a, b in (("textbook: QStandardItemModel build", "ours: table model build"),
                 ("textbook: proxy sort by size (desc)", "ours: sort by size (desc)"),
                 ("textbook: proxy sort by name", "ours: sort by name")):
        print(f"  {b.split(': ', 1)[1]:<30} x{r[a] / max(r[b], 1e-9):.1f}")
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown (see NONE_REFS)

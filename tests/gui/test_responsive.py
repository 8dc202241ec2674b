"""While a 50,000-file tree is scanned, the GUI thread keeps running its timers (scan, result
handling and the review models included). The rule, between two ticks of a 10 ms QTimer:
- the GUI thread itself never works more than 100 ms (its own CPU time, time.thread_time):
  that is what a person feels as a frozen window, whatever else the machine does;
- and the wall-clock gap stays under 150 ms on a quiet machine (the GUI thread's own work
  plus its waits for the interpreter lock while the worker finishes the scan and saves the
  rescan index: measured 63-108 ms here); on a loaded one (other processes taking the cores,
  load average above the core count) the thread may wait for a core, so the wall gap is only
  held to 1 s (a worker holding the interpreter lock for long would still fail).
The first gap is the click itself (the scan page's first layout and paint, the worker's
start): a page change, not a stall while scanning; it is printed and held to 250 ms."""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtCore import QTimer

from tests.gui.helpers import make_window

pytestmark = pytest.mark.timeout(300)

FILES = 50_000


def make_big_tree(root) -> None:
    """50k files in 500 folders; one in five is a copy of another, so hashing has work."""
    pool = [os.urandom(1024 + 37 * i) for i in range(64)]
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    for d in range(500):
        folder = os.path.join(root, f"d{d:03}")
        os.mkdir(folder)
        for f in range(FILES // 500):
            n = d * 100 + f
            data = pool[n % 64] if n % 5 == 0 else pool[n % 64][:-8] + n.to_bytes(8, "little")
            fd = os.open(os.path.join(folder, f"f{f:03}.bin"), flags, 0o644)
            os.write(fd, data)
            os.close(fd)


@pytest.mark.slow  # long end-to-end: out of the fast inner loop (README)
def test_gui_thread_never_stalls_while_scanning_50k_files(qtbot, tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    make_big_tree(str(tree))
    window = make_window(qtbot)
    targets = window.page("targets")
    targets.set_checked_roots([str(tree)])
    targets.set_temp_locations(lambda path: False)

    gaps: list[float] = []
    work: list[float] = []  # the GUI thread's own CPU time between two ticks
    last = [time.monotonic()]
    last_cpu = [time.thread_time()]

    start = time.monotonic()
    where: list[tuple[float, float]] = []

    def tick() -> None:
        now = time.monotonic()
        cpu = time.thread_time()
        gaps.append(now - last[0])
        work.append(cpu - last_cpu[0])
        if now - last[0] > 0.05:
            where.append((round(last[0] - start, 3), round(now - last[0], 3)))
        last[0], last_cpu[0] = now, cpu

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    last[0], last_cpu[0] = time.monotonic(), time.thread_time()
    load_before = os.getloadavg()[0]
    targets.on_primary()
    qtbot.waitUntil(lambda: window.session.scan is not None, timeout=240_000)
    qtbot.wait(200)  # the review page builds its models from the result
    timer.stop()

    scan = window.session.scan
    assert scan["stats"]["files"] == FILES
    assert scan["duplicates"], "the tree has copies"
    assert window.page("review").views["duplicates"].model.rowCount() == len(scan["duplicates"])
    assert len(gaps) > 20
    click, gaps, work = gaps[0], gaps[1:], work[1:]
    assert click < 0.250, f"the click on Scan took {click * 1000:.0f} ms before the window answered again"
    worst, busiest = max(gaps), max(work)
    loaded = max(load_before, os.getloadavg()[0]) > (os.cpu_count() or 1)
    print(f"click: {click * 1000:.1f} ms; timer ticks: {len(gaps)}, worst gap {worst * 1000:.1f} ms, most GUI-thread work between ticks "
          f"{busiest * 1000:.1f} ms, loaded machine: {loaded}; gaps over 50 ms (at s, length s): {where}")
    assert busiest < 0.100, f"the GUI thread worked {busiest * 1000:.0f} ms without running its timers"
    assert worst < (1.0 if loaded else 0.150), f"the GUI thread stalled {worst * 1000:.0f} ms"

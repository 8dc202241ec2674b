#!/usr/bin/env python3
"""In-process rescan timing for bench_disk.py (issue 20 item 3), run as a child process so that
``--ours-rev`` can point it at another revision through PYTHONPATH.

In one process: a first scan through the app's engine door (gui.engine.disk.run_scan: it
keeps the rescan index), then ROUNDS alternated pairs of (the floor: a bare os.scandir +
lstat walk of the same tree, every entry stat'ed once) and (the app's rescan of the unchanged
tree, result dict included), then ROUNDS alternated pairs of (the floor) and (the app's first
rescan after a restart: a fresh index reads the last scan's index file beside the hash cache,
checks it and re-stats the tree; imports aside, which the start-up figures cover), then one
rescan after one file's status changed (its times set
to what they were: the bytes stay, the ctime moves), which the index must not vouch for.
Prints one JSON object.

Options are the app's defaults (Preferences) except temp rules and similar photos: the bench
tree lives under /var/tmp, which the temp rules take wholesale as temporary files, and photo
similarity is another feature's cost.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time


def floor_walk(root: str) -> int:
    stack, n = [root], 0
    while stack:
        with os.scandir(stack.pop()) as it:
            for entry in it:
                entry.stat(follow_symlinks=False)
                n += 1
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
    return n


def newest_ctime_ns(root: str) -> int:
    newest, stack = os.lstat(root).st_ctime_ns, [root]
    while stack:
        with os.scandir(stack.pop()) as it:
            for entry in it:
                newest = max(newest, entry.stat(follow_symlinks=False).st_ctime_ns)
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
    return newest


def main() -> int:
    root, rounds = sys.argv[1], int(sys.argv[2])
    from cleanup_desktop.core.disk import rescan, rescan_store
    from cleanup_desktop.gui.engine import disk as engine_disk

    spent: dict = {"load": [], "save": []}

    def timed(name, fn):
        def wrapper(*a, **kw):
            t = time.perf_counter()
            try:
                return fn(*a, **kw)
            finally:
                spent[name].append(time.perf_counter() - t)
        return wrapper

    rescan_store.load = timed("load", rescan_store.load)
    rescan_store.save = timed("save", rescan_store.save)
    from cleanup_desktop.gui.settings import Preferences

    # The index never vouches for what changed within RACY_NS of a walk (the same clock tick
    # could hide a second change): a tree written a moment ago (the quick bench's) is rescanned
    # in full. Measure the steady state of a person's rescan: start once the tree is older.
    wait = (newest_ctime_ns(root) + rescan.RACY_NS - time.time_ns()) / 1e9
    if wait > 0:
        time.sleep(wait + 0.05)

    opts = engine_disk.scan_options(Preferences(), temp=False, similar_images=False)
    t0 = time.perf_counter()
    first = engine_disk.run_scan([root], opts)
    first_s = time.perf_counter() - t0
    floors, rescans, reused = [], [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        entries = floor_walk(root)
        floors.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        again = engine_disk.run_scan([root], opts)
        rescans.append(time.perf_counter() - t0)
        reused.append(bool(again["stats"].get("rescan_reused")))
    same = again["duplicates"] == first["duplicates"]
    restart_floors, restarts, restart_reused = [], [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        floor_walk(root)
        restart_floors.append(time.perf_counter() - t0)
        engine_disk._INDEX = None  # what a restart of the app leaves: no index in memory
        t0 = time.perf_counter()
        again = engine_disk.run_scan([root], opts)
        restarts.append(time.perf_counter() - t0)
        restart_reused.append(bool(again["stats"].get("rescan_reused")) and engine_disk._INDEX.loaded == 1)
        same = same and again["duplicates"] == first["duplicates"]
    store = engine_disk._INDEX.store
    index_bytes = os.path.getsize(store) if os.path.exists(store) else None  # before the change below drops it
    # One file's status changes (same bytes, same mtime, new ctime): a full rescan again.
    victim = again["duplicates"][0]["paths"][0] if again["duplicates"] else None
    changed_s = None
    changed_reused = None
    if victim:
        st = os.lstat(victim)
        os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
        time.sleep(0.01)
        t0 = time.perf_counter()
        changed = engine_disk.run_scan([root], opts)
        changed_s = time.perf_counter() - t0
        changed_reused = bool(changed["stats"].get("rescan_reused"))
        same = same and changed["duplicates"] == first["duplicates"]
    ratios = [r / f for r, f in zip(rescans, floors)]
    print(json.dumps({
        "entries": entries, "first_s": first_s, "floor_times": floors, "rescan_times": rescans,
        "floor_median": statistics.median(floors), "rescan_median": statistics.median(rescans),
        "ratio_median": statistics.median(ratios), "ratios": ratios, "reused": reused,
        "changed_s": changed_s, "changed_reused": changed_reused, "same_groups": same,
        "groups": len(first["duplicates"]),
        "restart_floor_times": restart_floors, "restart_times": restarts, "restart_reused": restart_reused,
        "restart_median": statistics.median(restarts),
        "restart_ratio_median": statistics.median([r / f for r, f in zip(restarts, restart_floors)]),
        "load_median": statistics.median(spent["load"]) if spent["load"] else None,
        "save_s": spent["save"][0] if spent["save"] else None,
        "index_bytes": index_bytes,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""What telling online-only cloud files apart costs the disk scan (issue 16), in one run.

Builds a seeded tree (default 60,000 files, a quarter of them in a ``OneDrive`` folder, half of
those online-only: a size and no block, as on-demand clients show them), then scans it in
interleaved rounds:

  off      no cloud folder known (the Detector is not installed): the scan of a machine without
           cloud storage, and what a scanner that does not tell online-only files apart does
           with them (it opens the same-size ones to hash them: a sync client downloads them)
  cloud    the OneDrive folder detected: every file goes through the online-only test, the
           online-only ones are listed apart and never read

Prints medians, the cloud/off ratio (the goal: at most 1.10) and the bytes each variant read
from online-only files. Run it alone: ``flock /tmp/cleanup-bench.lock .venv/bin/python
bench/bench_cloud_scan.py``.
"""

from __future__ import annotations

import argparse
import builtins
import os
import random
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))

from cleanup_desktop.core.disk.cloud import CloudPlaces  # noqa: E402
from cleanup_desktop.core.disk.scan import ScanOptions, scan  # noqa: E402
from cleanup_desktop.core.disk.syncfolders import SyncFolder  # noqa: E402


def build(root: str, files: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    online = []
    payloads = [rng.randbytes(rng.choice((2000, 5000, 12000))) for _ in range(files // 20)]
    for i in range(files):
        cloud = i % 4 == 0
        folder = os.path.join(root, "OneDrive" if cloud else "Documents", f"d{i % 97}", f"e{i % 7}")
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, f"f{i}.bin")
        if cloud and i % 8 == 0:
            with open(path, "wb") as fh:
                fh.truncate(rng.choice((2000, 5000, 12000)))
            online.append(path)
        else:
            with open(path, "wb") as fh:
                fh.write(payloads[i % len(payloads)])
    return online


def run(root: str, places, online: set) -> tuple[float, int, int]:
    read = 0
    real_open = os.open

    def counting_open(path, flags, mode=0o777, *, dir_fd=None):
        nonlocal read
        fd = real_open(path, flags, mode, dir_fd=dir_fd)
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            target = ""
        if target in online:
            read += 1
        return fd

    os.open = counting_open
    try:
        t0 = time.perf_counter()
        result = scan([root], ScanOptions(use_cache=False, temp=False, cloud=places, workers=2))
        elapsed = time.perf_counter() - t0
    finally:
        os.open = real_open
    return elapsed, read, len(result.online_only)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=60_000)
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    base = tempfile.mkdtemp(prefix="cd-bench-cloud-")
    try:
        root = os.path.join(base, "home")
        online = set(build(root, args.files))
        onedrive = os.path.join(root, "OneDrive")
        variants = {
            "off": lambda: CloudPlaces(),
            "cloud": lambda: CloudPlaces(sync_folders=[SyncFolder("onedrive", onedrive)]),
        }
        times: dict[str, list[float]] = {k: [] for k in variants}
        reads: dict[str, int] = {}
        listed: dict[str, int] = {}
        for _ in range(args.rounds):
            for name, make in variants.items():
                t, r, n = run(root, make(), online)
                times[name].append(t)
                reads[name], listed[name] = r, n
        med = {k: statistics.median(v) for k, v in times.items()}
        print(f"tree: {args.files} files, {len(online)} online-only (in OneDrive), {args.rounds} interleaved rounds")
        for name in ("off", "cloud"):
            print(f"  {name:6} median {med[name]:.3f} s   online-only files opened: {reads[name]:6}   listed apart: {listed[name]}")
        ratio = med["cloud"] / med["off"]
        print(f"cloud/off = {ratio:.3f}  ({'PASS' if ratio <= 1.10 else 'FAIL'}: goal <= 1.10); "
              f"online-only files opened with detection: {reads['cloud']} "
              f"({'PASS' if reads['cloud'] == 0 else 'FAIL'}: goal 0; a scan that does not tell them apart "
              f"opens {reads['off']})")
        return 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Storage-review benchmark (issue 19), in one run:

1. ``kinds``: the default scan with the new kinds (empty folders and files, broken links,
   duplicate folders, storage map) against the same scan as committed at ``--base-rev``
   (before they existed), and against rmlint looking for the same kinds
   (``-T df,ed,ef,bl``), on the 50k-file bench tree of bench_disk.py, in interleaved rounds
   with a warm page cache and no hash cache. Target: at most 10 % slower than the base.
2. ``photos``: ``--similar-images`` on N generated photos (families of an original, a resized
   and a re-compressed copy, plus unrelated photos): first scan (every photo decoded and
   hashed), cached rescan (perceptual hashes from the hash cache), and the check that every
   family is found as one group and no unrelated photo is grouped.

Run it alone on the machine (other benchmarks share the 2 cores):
  flock /tmp/cleanup-bench.lock .venv/bin/python bench/bench_storage.py --base-rev 6b1dd82
  .venv/bin/python bench/bench_storage.py --quick      # small tree and 300 photos, 1 round
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
import bench_disk  # noqa: E402
from bench_disk import Tool, median, prepare_tree, run_blocking, run_once, snapshot_source  # noqa: E402

TARGET = 1.10


def scan_argv(extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "cleanup_desktop", "scan", "--json", "--no-cache", *extra]


def kinds_phase(args, scratch: str, env: dict) -> tuple[list[str], dict]:
    tag = f"s{args.seed}-f{args.files}-x{args.size_scale:g}"
    manifest = prepare_tree(args.workdir, tag, args.files, args.size_scale, False, args.seed, False)
    root = manifest["root"]
    base_env = dict(env, PYTHONPATH=snapshot_source(args.base_rev, os.path.join(scratch, "base")))
    # The change as committed (a working tree edited during the run would blur the figures).
    after_env = dict(env, PYTHONPATH=snapshot_source(args.after_rev, os.path.join(scratch, "after")))
    tools = [
        Tool("before", f"ours at {args.base_rev} (no new kinds)", scan_argv([]), None, "ours", base_env),
        Tool("after", f"ours at {args.after_rev}, with the new kinds", scan_argv([]), None, "ours", after_env),
        Tool("after-no-folders", f"ours at {args.after_rev} --no-folders", scan_argv(["--no-folders"]), None, "info",
             after_env),
    ]
    if shutil.which("rmlint"):
        tools.append(Tool("rmlint", "rmlint -T df,ed,ef,bl -o json",
                          ["rmlint", "-T", "df,ed,ef,bl", "-o", "json"], None, "peer"))
    found = {}
    for t in tools:  # one untimed run each: warms the page cache, checks the output
        r = run_once(t, root, scratch)
        if r["rc"] != 0:
            raise SystemExit(f"{t.name} failed: status {r['rc']}")
        if t.name == "after":
            with open(r["out"], encoding="utf-8") as fh:
                doc = json.load(fh)
            found = {k: len(doc[k]) for k in ("empty_folders", "empty_files", "broken_links", "duplicate_folders")}
            found["storage_folders"] = len(doc["storage"]["folders"])
    rng = random.Random(args.seed)
    order = list(tools)
    for i in range(args.runs):
        rng.shuffle(order)
        for t in order:
            t.times.append(run_blocking(t, root, scratch)["seconds"])
        print(f"  round {i + 1}/{args.runs} done", file=sys.stderr)
    base = median(tools[0].times)
    lines = [f"Tree {root}: {manifest['counts']['entries']} entries; the new kinds found: "
             + ", ".join(f"{k} {v}" for k, v in found.items()),
             f"Warm page cache, no hash cache, {args.runs} interleaved rounds (x = median / before):"]
    for t in tools:
        m = median(t.times)
        lines.append(f"  {t.label:<40} median {m:7.3f} s   x {m / base:5.2f}")
    ratio = median(tools[1].times) / base
    lines.append(f"{'PASS' if ratio <= TARGET else 'FAIL'}  scan with the new kinds within 10 % of before: x {ratio:.3f}")
    return lines, {"found": found, "medians": {t.name: median(t.times) for t in tools}, "ratio": ratio,
                   "pass": ratio <= TARGET}


def make_photos(folder: str, count: int, seed: int) -> dict:
    """count photos: families of 3 (original, resized, re-compressed) and 1 unrelated in 4."""
    from PIL import Image  # noqa: PLC0415
    from photo_factory import camera_exif, jpeg_bytes, scene  # noqa: PLC0415

    mpath = os.path.join(folder, "manifest.json")
    if os.path.exists(mpath):
        with open(mpath, encoding="utf-8") as fh:
            m = json.load(fh)
        if m.get("count") == count and m.get("seed") == seed:
            return m
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    families, unrelated, n, s = [], [], 0, seed * 100_000
    print(f"Generating {count} photos in {folder}...", file=sys.stderr)
    while n < count:
        s += 1
        img = scene(s, 1024, 768)
        d = os.path.join(folder, f"{s // 100:04d}")
        os.makedirs(d, exist_ok=True)
        if n % 4 == 3 or count - n < 3:
            p = os.path.join(d, f"unrelated_{s}.jpg")
            with open(p, "wb") as fh:
                fh.write(jpeg_bytes(img, 90))
            unrelated.append(p)
            n += 1
            continue
        fam = [os.path.join(d, f"IMG_{s}{suffix}.jpg") for suffix in ("", "_small", "_chat")]
        for p, data in zip(fam, (jpeg_bytes(img, 95, camera_exif()),
                                 jpeg_bytes(img.resize((512, 384), Image.Resampling.LANCZOS), 90),
                                 jpeg_bytes(img.resize((800, 600), Image.Resampling.BILINEAR), 35))):
            with open(p, "wb") as fh:
                fh.write(data)
        families.append(fam)
        n += 3
    m = {"count": count, "seed": seed, "families": families, "unrelated": unrelated}
    with open(mpath, "w", encoding="utf-8") as fh:
        json.dump(m, fh)
    return m


def photos_phase(args, scratch: str, env: dict) -> tuple[list[str], dict]:
    folder = os.path.join(args.workdir, f"photos-{args.photos}")
    m = make_photos(folder, args.photos, args.seed)
    first = Tool("first", "--similar-images, first scan (hash every photo)",
                 [sys.executable, "-m", "cleanup_desktop", "scan", "--json", "--similar-images", "--no-cache"], None, "ours", env)
    cache_env = dict(env, XDG_CACHE_HOME=os.path.join(scratch, "photo-cache"))
    rescan = Tool("rescan", "--similar-images, cached rescan",
                  [sys.executable, "-m", "cleanup_desktop", "scan", "--json", "--similar-images"], None, "rescan", cache_env)
    plain = Tool("plain", "same scan without --similar-images", scan_argv([]), None, "info", env)
    r = run_once(rescan, folder, scratch)  # fills the cache, and checks the groups
    with open(r["out"], encoding="utf-8") as fh:
        doc = json.load(fh)
    groups = {frozenset(g["paths"]) for g in doc["similar_images"]}
    want = {frozenset(f) for f in m["families"]}
    grouped = {p for g in groups for p in g}
    correct = groups == want and not grouped & set(m["unrelated"])
    tools = [first, rescan, plain]
    for i in range(args.photo_runs):
        for t in tools:
            t.times.append(run_blocking(t, folder, scratch)["seconds"])
    with open(os.path.join(scratch, "rescan.out"), encoding="utf-8") as fh:
        stats = json.load(fh)["stats"]
    lines = [f"{args.photos} photos ({len(m['families'])} families of 3, {len(m['unrelated'])} unrelated), "
             f"{args.photo_runs} rounds:"]
    for t in tools:
        med = median(t.times)
        lines.append(f"  {t.label:<48} median {med:7.2f} s   {args.photos / med:8.0f} photos/s")
    lines.append(f"  cached rescan: {stats.get('image_cache_hits')} image cache hits, {stats.get('images_hashed')} hashed")
    lines.append(f"{'PASS' if correct else 'FAIL'}  groups: {len(groups)} found, {len(want)} expected, "
                 f"{len(grouped & set(m['unrelated']))} unrelated photos grouped")
    return lines, {"medians": {t.name: median(t.times) for t in tools}, "groups_found": len(groups),
                   "groups_expected": len(want), "correct": correct}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--base-rev", default="main", help="revision before the new kinds (default %(default)s)")
    p.add_argument("--after-rev", default="HEAD", help="revision with them (default %(default)s)")
    p.add_argument("--workdir", default=bench_disk.DEFAULT_WORKDIR)
    p.add_argument("--phases", default="kinds,photos")
    p.add_argument("--files", type=int, default=50_000)
    p.add_argument("--size-scale", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--photos", type=int, default=5000)
    p.add_argument("--photo-runs", type=int, default=2)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--out", default=os.path.join(HERE, "out"))
    args = p.parse_args(argv)
    if args.quick:
        args.files, args.size_scale, args.runs, args.photos, args.photo_runs = 2000, 0.02, 1, 300, 1
    os.makedirs(args.workdir, exist_ok=True)
    scratch = tempfile.mkdtemp(prefix="scratch-storage-", dir=args.workdir)
    env = {k: os.path.join(scratch, k.lower()) for k in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME")}
    report = {"schema": "cleanup-desktop/bench-storage/1", "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "cpus": os.cpu_count(), "load_avg": os.getloadavg(), "base_rev": args.base_rev}
    lines: list[str] = []
    try:
        phases = set(args.phases.split(","))
        if "kinds" in phases:
            out, report["kinds"] = kinds_phase(args, scratch, env)
            lines += out + [""]
        if "photos" in phases:
            out, report["photos"] = photos_phase(args, scratch, env)
            lines += out
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("\n".join(lines))
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "bench-storage.json"), "w", encoding="utf-8") as fh:
        json.dump(report, fh, indent=1)
    ok = report.get("kinds", {}).get("pass", True) and report.get("photos", {}).get("correct", True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

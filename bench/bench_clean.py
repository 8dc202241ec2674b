"""Clean speed: `cleanup-desktop clean` of a 2,000-action plan, this checkout against another
revision (default: main) and against a bare send2trash loop, in one run; prints ratios.

The tree: 3,000 files of 10 kB in 1,000 duplicate groups (2,000 copies to remove). Each tool
gets a fresh copy of the tree, a fresh HOME/trash and journal; only `clean --yes` (and `undo`)
are timed, the scan and the plan are not. Run it under the bench lock:

    flock /tmp/cleanup-bench.lock python bench/bench_clean.py [--rev main] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(HERE), "src")


def make_tree(root: str, groups: int = 1000, copies: int = 3, size: int = 10_000) -> None:
    for g in range(groups):
        data = g.to_bytes(4, "big") * (size // 4)
        for c in range(copies):
            d = os.path.join(root, f"d{c}", f"s{g % 50}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"file{g:04d}.bin"), "wb") as fh:
                fh.write(data)


def snapshot(rev: str, scratch: str) -> str:
    dest = os.path.join(scratch, f"src-{rev}")
    os.makedirs(dest)
    archive = subprocess.run(["git", "-C", os.path.dirname(HERE), "archive", rev, "src"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", dest], input=archive, check=True)
    return os.path.join(dest, "src")


def run_ours(src: str, scratch: str, label: str) -> dict:
    work = tempfile.mkdtemp(prefix=f"{label}-", dir=scratch)
    home, tree = os.path.join(work, "home"), os.path.join(work, "tree")
    os.makedirs(home)
    make_tree(tree)
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=f"{home}/.local/share", XDG_CACHE_HOME=f"{home}/.cache",
               XDG_STATE_HOME=f"{home}/.local/state", XDG_CONFIG_HOME=f"{home}/.config", PYTHONPATH=src)
    env.pop("CLEANUP_DESKTOP_DATA_DIR", None)
    cmd = [sys.executable, "-m", "cleanup_desktop"]
    scan = subprocess.run(cmd + ["scan", "--json", "--no-cache", "--min-size", "1", tree], env=env, check=True,
                          capture_output=True).stdout
    plan_file = os.path.join(work, "plan.json")
    subprocess.run(cmd + ["plan", "-", "--duplicates", "-o", plan_file], env=env, input=scan, check=True,
                   capture_output=True)
    t0 = time.perf_counter()
    r = subprocess.run(cmd + ["clean", plan_file, "--yes"], env=env, capture_output=True, text=True)
    clean = time.perf_counter() - t0
    if r.returncode != 0 or "2000 done" not in r.stdout:
        raise SystemExit(f"{label}: clean did not finish every action:\n{r.stdout[-800:]}\n{r.stderr[-800:]}")
    t0 = time.perf_counter()
    r = subprocess.run(cmd + ["undo"], env=env, capture_output=True, text=True)
    undo = time.perf_counter() - t0
    if "Restored 2000" not in r.stdout:
        raise SystemExit(f"{label}: undo did not restore everything:\n{r.stdout[-800:]}\n{r.stderr[-800:]}")
    shutil.rmtree(work, ignore_errors=True)
    return {"clean": clean, "undo": undo}


def run_send2trash(scratch: str) -> dict:
    """The floor: send2trash on each of the same 2,000 paths, no checks, no journal."""
    work = tempfile.mkdtemp(prefix="send2trash-", dir=scratch)
    home, tree = os.path.join(work, "home"), os.path.join(work, "tree")
    os.makedirs(home)
    make_tree(tree)
    code = ("import os, sys, send2trash\n"
            "paths = [os.path.join(dp, n) for c in ('d1', 'd2') for dp, _d, fs in os.walk(os.path.join(sys.argv[1], c))"
            " for n in fs]\n"
            "assert len(paths) == 2000\n"
            "for p in paths: send2trash.send2trash(p)\n")
    env = dict(os.environ, HOME=home, XDG_DATA_HOME=f"{home}/.local/share")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, tree], env=env, check=True)
    elapsed = time.perf_counter() - t0
    shutil.rmtree(work, ignore_errors=True)
    return {"clean": elapsed, "undo": float("nan")}


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--rev", default="main", help="revision to compare with (default main)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--workdir", default="/var/tmp/cleanup-desktop-bench-clean")
    args = p.parse_args(argv)
    os.makedirs(args.workdir, exist_ok=True)
    scratch = tempfile.mkdtemp(dir=args.workdir)
    try:
        other = snapshot(args.rev, scratch)
        results: dict[str, list[dict]] = {"this checkout": [], args.rev: [], "send2trash loop": []}
        for i in range(args.runs):  # interleaved, order alternating, so machine load hits every tool
            order = [("this checkout", SRC), (args.rev, other)]
            for name, src in (order if i % 2 == 0 else order[::-1]):
                results[name].append(run_ours(src, scratch, "ours" if src == SRC else "rev"))
            results["send2trash loop"].append(run_send2trash(scratch))
        for name, rows in results.items():
            print(f"{name:20} clean runs: " + " ".join(f"{r['clean']:.2f}" for r in rows))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    med = {k: {m: statistics.median(r[m] for r in v) for m in ("clean", "undo")} for k, v in results.items()}
    print(f"2,000-action clean (3,000 files of 10 kB, 1,000 groups), median of {args.runs} runs")
    print(f"{'tool':20} {'clean s':>8} {'undo s':>8}")
    for k, m in med.items():
        print(f"{k:20} {m['clean']:8.2f} {m['undo']:8.2f}")
    base = med[args.rev]["clean"]
    print(f"ratio clean this/{args.rev}: {med['this checkout']['clean'] / base:.2f}  "
          f"(undo {med['this checkout']['undo'] / med[args.rev]['undo']:.2f}); "
          f"this/send2trash loop: {med['this checkout']['clean'] / med['send2trash loop']['clean']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Disk-scan benchmark: our duplicate scan against jdupes, rmlint and fdupes, in one run.

It generates (or reuses) a seeded workstation-like tree (bench/gen_tree.py), installs the
Debian peers when they are missing (root + apt-get), runs every tool once to check that all
of them find the same duplicate groups (compared per inode, against the generator's own
expected groups too), then times them in interleaved rounds and prints medians, ratios and
peak RSS, with PASS/FAIL verdicts for the targets of issue 2. Results go to bench/out/*.json.

Phases (``--phases``):
  warm   page cache warm: ours first scan (--no-cache), ours cached rescan, each peer
  cold   page cache dropped before every run (root only): same tools
  rss1m  a 1,000,000-file tree of small files (on a tmpfs it mounts when root): one run of
         ours (and of each peer with --rss-peers), peak RSS in bytes per file
  startup  start-up of our command line, interleaved rounds: the bare interpreter (the
         floor), ``--version``, ``--help`` and ``scan`` of an empty folder (start-up and set-up
         up to the walk's first folder)
  rescan the app's rescan of the unchanged tree in one process (the rescan index, issue 20)
         against the floor, a bare scandir + lstat walk of the same tree in the same process
         (bench/rescan_probe.py)

The default phases are warm, cold, rescan and startup: one run gives every figure of issue 20
with verdicts (goal met, or the distance to it). ``--readme README.md`` then rewrites the
block between the bench-disk markers of the README from this run (``--from-json FILE
--readme README.md`` from a saved run instead, without measuring).

Examples:
  .venv/bin/python bench/bench_disk.py                        # warm, cold, rescan, start-up: 50k files ~3 GB
  .venv/bin/python bench/bench_disk.py --readme README.md     # the same, then the README table
  .venv/bin/python bench/bench_disk.py --phases rss1m --rss-peers
  .venv/bin/python bench/bench_disk.py --quick --no-install   # tiny tree, 1 run, warm only
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import random
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_tree  # noqa: E402
from bench_readme import write_readme  # noqa: E402

DEFAULT_WORKDIR = "/var/tmp/cleanup-desktop-bench"
PEER_PACKAGES = {"jdupes": "jdupes", "rmlint": "rmlint", "fdupes": "fdupes", "time": "/usr/bin/time"}
TIME_BIN = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
TARGETS = {"jdupes": 1.5, "rmlint": 4.0, "fdupes": 4.0, "rescan": 10.0, "rss_bytes_per_file": 500,
           "startup_s": 0.15, "scan_first_file_s": 0.2, "jdupes_cold": 2.0, "rescan_vs_floor": 1.3}


# ----------------------------------------------------------------------------- tools
def parse_blocks(out: bytes) -> list[list[bytes]]:
    """jdupes/fdupes: one path per line, groups separated by a blank line."""
    groups, cur = [], []
    for line in out.split(b"\n"):
        if line:
            cur.append(line)
        elif cur:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    return groups


def parse_rmlint(out: bytes) -> list[list[bytes]]:
    """rmlint -o json: raw (possibly non-UTF-8) bytes inside JSON strings."""
    by_key: dict[tuple, list[bytes]] = {}
    for item in json.loads(out.decode("utf-8", "surrogateescape")):
        if item.get("type") == "duplicate_file":
            key = (item["size"], item["checksum"])
            by_key.setdefault(key, []).append(os.fsencode(item["path"]))
    return list(by_key.values())


def parse_ours(out: bytes) -> list[list[bytes]]:
    doc = json.loads(out)
    if doc.get("schema") != "cleanup-desktop/scan/1":
        raise ValueError(f"unexpected scan schema {doc.get('schema')!r}")
    return [[os.fsencode(p) for p in g["paths"]] for g in doc["duplicates"]]


@dataclass
class Tool:
    name: str
    label: str
    argv: list[str]  # the root is appended
    parse: object
    role: str  # "ours", "rescan", "peer" or "info"
    env: dict = field(default_factory=dict)
    times: list = field(default_factory=list)
    cold_times: list = field(default_factory=list)
    rss_kb: int = 0
    groups: int = 0
    agree: bool | None = None
    problems: list = field(default_factory=list)
    failed: bool = False


def our_argv(extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "cleanup_desktop", "scan", "--json", "--min-size", "1",
            "--no-temp", "--no-large", *extra]


def have_our_scan(env: dict) -> bool:
    probe = subprocess.run([sys.executable, "-m", "cleanup_desktop", "scan", "--help"],
                           capture_output=True, env=dict(os.environ, **env))
    return probe.returncode == 0


def snapshot_source(rev: str, scratch: str) -> str:
    """Our package as committed at REV (the shared working tree may hold half-done edits)."""
    dest = os.path.join(scratch, "src-snapshot")
    os.makedirs(dest)
    repo = os.path.dirname(HERE)
    archive = subprocess.run(["git", "-C", repo, "archive", rev, "src"], check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", dest], input=archive, check=True)
    return os.path.join(dest, "src")


def build_tools(cache_env: dict, info: bool, only: set[str] | None) -> list[Tool]:
    tools = []
    if have_our_scan(cache_env):
        tools += [
            Tool("ours", "ours, first scan (--no-cache)", our_argv(["--no-cache"]), parse_ours,
                 "ours", cache_env),
            Tool("rescan", "ours, cached rescan", our_argv([]), parse_ours, "rescan", cache_env),
        ]
        if info:
            tools.append(Tool("ours-paranoid", "ours --paranoid --no-cache",
                              our_argv(["--paranoid", "--no-cache"]), parse_ours, "info", cache_env))
    else:
        print("WARNING: `python -m cleanup_desktop scan` is not available: peers only.",
              file=sys.stderr)
    peers = [
        Tool("jdupes", "jdupes -r -q", ["jdupes", "-r", "-q"], parse_blocks, "peer"),
        Tool("rmlint", "rmlint -T df -L -F --hidden -o json",
             ["rmlint", "-T", "df", "-L", "-F", "--hidden", "-o", "json"],
             parse_rmlint, "peer"),
        Tool("fdupes", "fdupes -r -q -n", ["fdupes", "-r", "-q", "-n"], parse_blocks, "peer"),
    ]
    if info:
        peers.append(Tool("jdupes-Q", "jdupes -r -q -Q (hash only)", ["jdupes", "-r", "-q", "-Q"],
                          parse_blocks, "info"))
    for t in peers:
        if shutil.which(t.argv[0]):
            tools.append(t)
        else:
            print(f"WARNING: {t.argv[0]} is not installed: skipped.", file=sys.stderr)
    if only:
        tools = [t for t in tools if t.name in only or t.role in ("ours", "rescan")]
    return tools


def install_peers() -> None:
    missing = [pkg for pkg, exe in PEER_PACKAGES.items() if not shutil.which(exe)]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"WARNING: cannot install {missing} (needs root and apt-get).", file=sys.stderr)
        return
    print(f"Installing {' '.join(missing)} with apt-get...", file=sys.stderr)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], env=env, check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                   env=env, check=False, stdout=subprocess.DEVNULL)
    global TIME_BIN
    TIME_BIN = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def tool_versions() -> dict:
    out = {}
    for name, flag in (("jdupes", "-v"), ("rmlint", "--version"), ("fdupes", "-v")):
        if shutil.which(name):
            r = subprocess.run([name, flag], capture_output=True, text=True, errors="replace")
            out[name] = (r.stdout or r.stderr).splitlines()[0].strip() if (r.stdout or r.stderr) else "?"
    return out


def our_revision(rev: str | None) -> str:
    repo = os.path.dirname(HERE)
    r = subprocess.run(["git", "-C", repo, "rev-parse", "--short", rev or "HEAD"],
                       capture_output=True, text=True)
    sha = r.stdout.strip() or "?"
    if rev:
        return sha
    dirty = subprocess.run(["git", "-C", repo, "status", "--porcelain", "--", "src"],
                           capture_output=True, text=True).stdout.strip()
    return sha + ("+working-tree-changes" if dirty else "")


# ----------------------------------------------------------------------------- running
def drop_caches() -> None:
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as fh:
        fh.write("3\n")


def can_drop_caches() -> bool:
    return os.geteuid() == 0 and os.access("/proc/sys/vm/drop_caches", os.W_OK)


def run_once(tool: Tool, root: str, scratch: str, cold: bool = False, timeout: float = 1800) -> dict:
    """One run: wall seconds (perf_counter around spawn+wait4), rusage of that child only."""
    if cold:
        drop_caches()
    out_path = os.path.join(scratch, f"{tool.name}.out")
    err_path = os.path.join(scratch, f"{tool.name}.err")
    rss_path = os.path.join(scratch, f"{tool.name}.rss")
    env = dict(os.environ, **tool.env)
    argv = tool.argv + [root]
    # A child's ru_maxrss starts at its parent's peak (fork/vfork + exec keep the high-water
    # mark), so the peak is read from /usr/bin/time, whose own child starts small.
    if TIME_BIN:
        argv = [TIME_BIN, "-f", "%M", "-o", rss_path] + argv
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, cwd=scratch, env=env)
        deadline = start + timeout
        while True:
            pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, ru = os.wait4(proc.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_kb = ru.ru_maxrss  # fallback without /usr/bin/time: includes this process's peak
    if TIME_BIN and os.path.exists(rss_path):
        with open(rss_path, encoding="utf-8", errors="replace") as fh:
            lines = [ln for ln in fh.read().splitlines() if ln.strip().isdigit()]
        rss_kb = int(lines[-1]) if lines else rss_kb
    return {"seconds": wall, "user": ru.ru_utime, "sys": ru.ru_stime, "rss_kb": rss_kb,
            "rc": proc.returncode, "out": out_path, "err": err_path}


def run_blocking(tool: Tool, root: str, scratch: str, cold: bool = False) -> dict:
    """Like run_once but blocking in wait4 (no polling noise); used for timed rounds."""
    if cold:
        drop_caches()
    out_path = os.path.join(scratch, f"{tool.name}.out")
    env = dict(os.environ, **tool.env)
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(tool.argv + [root], stdout=out, stderr=subprocess.DEVNULL,
                                cwd=scratch, env=env)
        _, status = os.waitpid(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": wall, "rc": proc.returncode}


# ----------------------------------------------------------------------------- agreement
def normalize(groups: list[list[bytes]]) -> tuple[set[frozenset], dict]:
    """Groups as frozensets of (dev, ino): hard links collapse, single-inode groups vanish."""
    result, names = set(), {}
    for g in groups:
        inodes = set()
        for p in g:
            st = os.lstat(p)
            key = (st.st_dev, st.st_ino)
            inodes.add(key)
            names.setdefault(key, p)
        if len(inodes) > 1:
            result.add(frozenset(inodes))
    return result, names


def describe(group: frozenset, names: dict) -> str:
    return "{" + ", ".join(sorted(repr(os.fsdecode(names[k])) for k in group)) + "}"


def check_agreement(tools: list[Tool], expected: set[frozenset], names: dict, outputs: dict) -> bool:
    all_ok = True
    for t in tools:
        if t.name not in outputs:
            continue
        try:
            got, more = normalize(t.parse(outputs[t.name]))
        except (ValueError, KeyError, OSError) as exc:
            t.agree, t.problems = False, [f"cannot read output: {exc}"]
            all_ok = False
            continue
        names.update({k: v for k, v in more.items() if k not in names})
        t.groups = len(got)
        missing, extra = expected - got, got - expected
        t.agree = not missing and not extra
        if not t.agree:
            all_ok = False
            t.problems = ([f"missing {describe(g, names)}" for g in sorted(missing, key=sorted)[:5]]
                          + [f"extra {describe(g, names)}" for g in sorted(extra, key=sorted)[:5]]
                          + [f"{len(missing)} groups missing, {len(extra)} extra in total"])
    return all_ok


# ----------------------------------------------------------------------------- phases
def prepare_tree(workdir: str, name: str, files: int, size_scale: float, tiny: bool, seed: int,
                 regen: bool) -> dict:
    outdir = os.path.join(workdir, name)
    mpath = os.path.join(outdir, "manifest.json")
    want = {"seed": seed, "files": files, "size_scale": size_scale, "tiny": tiny}
    if not regen and os.path.exists(mpath):
        with open(mpath, encoding="utf-8") as fh:
            manifest = json.load(fh)
        if manifest.get("params") == want and os.path.isdir(manifest["root"]):
            return manifest
    print(f"Generating tree {outdir} ({files} files, seed {seed})...", file=sys.stderr)
    return gen_tree.generate(outdir, seed, files, size_scale, tiny, force=True)


def check_run(tools: list[Tool], root: str, scratch: str, manifest: dict,
              cold: bool = False) -> bool:
    """One untimed run per tool (warms the page cache, fills our hash cache for the rescan),
    keeps its peak RSS, and compares the duplicate groups."""
    outputs = {}
    for t in tools:
        r = run_once(t, root, scratch, cold=cold)
        t.rss_kb = max(t.rss_kb, r["rss_kb"])
        if r["rc"] != 0:
            with open(r["err"], "rb") as fh:
                err = fh.read()[-500:].decode("utf-8", "replace")
            t.agree, t.problems, t.failed = False, [f"exit status {r['rc']}: {err}"], True
            print(f"  {t.name} FAILED (status {r['rc']}), left out of the timing", file=sys.stderr)
            continue
        with open(r["out"], "rb") as fh:
            outputs[t.name] = fh.read()
        print(f"  checked {t.name}: {r['seconds']:.2f} s, {r['rss_kb'] / 1024:.1f} MB",
              file=sys.stderr)
    expected, names = normalize([[os.fsencode(p) for p in g] for g in manifest["expected_groups"]])
    return check_agreement(tools, expected, names, outputs)


def timed_rounds(tools: list[Tool], root: str, scratch: str, runs: int, cold: bool,
                 seed: int) -> None:
    order = [t for t in tools if not t.failed]
    rng = random.Random(seed)
    for i in range(runs):
        rng.shuffle(order)  # interleaved, shuffled: background load hits every tool alike
        for t in order:
            r = run_blocking(t, root, scratch, cold=cold)
            if r["rc"] != 0:
                raise SystemExit(f"{t.name} failed with status {r['rc']} during timing")
            (t.cold_times if cold else t.times).append(r["seconds"])
        print(f"  round {i + 1}/{runs} {'cold' if cold else 'warm'} done", file=sys.stderr)


def hyperfine_cross_check(tools: list[Tool], root: str, scratch: str, runs: int) -> dict:
    """Optional: the same warm commands timed by hyperfine -N (medians only)."""
    if not shutil.which("hyperfine"):
        return {}
    export = os.path.join(scratch, "hyperfine.json")
    cmd = ["hyperfine", "-N", "--style", "basic", "--warmup", "1", "--runs", str(max(2, runs)),
           "--export-json", export]
    for t in tools:
        cmd += ["-n", t.name, shlex.join(t.argv + [root])]
    env = dict(os.environ)
    for t in tools:
        env.update(t.env)
    subprocess.run(cmd, cwd=scratch, env=env, check=True, stdout=subprocess.DEVNULL)
    with open(export, encoding="utf-8") as fh:
        return {r["command"]: r["median"] for r in json.load(fh)["results"]}


def our_stats(tools: list[Tool], scratch: str) -> dict:
    """Scan stats of our last runs (e.g. cache hits of the rescan), from their saved output."""
    out = {}
    for t in tools:
        path = os.path.join(scratch, f"{t.name}.out")
        if t.parse is parse_ours and not t.failed and os.path.exists(path):
            with open(path, "rb") as fh:
                try:
                    out[t.name] = json.load(fh)["stats"]
                except (ValueError, KeyError):
                    continue
    return out


def median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


# ----------------------------------------------------------------------------- report
def fmt(x: float | None, spec: str = ".2f") -> str:
    return "-" if x is None else format(x, spec)


def table(tools: list[Tool], cold: bool) -> list[str]:
    ours = next((t for t in tools if t.role == "ours"), None)
    base = median(ours.cold_times if cold else ours.times) if ours else None
    head = (f"{'tool':36} {'median s':>9} {'min-max s':>13} {'runs':>4} {'x ours':>7} "
            f"{'peak RSS MB':>11} {'groups':>7}  agree")
    lines = [head, "-" * len(head)]
    for t in tools:
        xs = t.cold_times if cold else t.times
        if not xs:
            continue
        m = median(xs)
        rss = t.rss_kb  # from the untimed check run (warm)
        spread = f"{min(xs):.2f}-{max(xs):.2f}"
        ratio = fmt(m / base) if base else "-"
        agree = {True: "yes", False: "NO", None: "-"}[t.agree]
        lines.append(f"{t.label:36} {m:9.3f} {spread:>13} {len(xs):4d} {ratio:>7} "
                     f"{rss / 1024:11.1f} {t.groups:7d}  {agree}")
    return lines


def verdict(target: str, value: float, goal: float, higher_is_better: bool = True) -> dict:
    """One goal: met, or the distance to it (how many times better the value must get)."""
    ok = value >= goal if higher_is_better else value <= goal
    distance = (goal / value if higher_is_better else value / goal) if value else None
    return {"target": target, "value": round(value, 3 if value < 10 else 2), "goal": goal,
            "pass": ok, "distance": None if ok or distance is None else round(distance, 2)}


def verdict_line(v: dict) -> str:
    more = "goal met" if v["pass"] else (f"distance: {v['distance']:.2f}x to go" if v.get("distance") else "not met")
    return f"  {'PASS' if v['pass'] else 'FAIL'}  {v['target']}: {v['value']} ({more})"


def verdicts(tools: list[Tool], rss: dict | None) -> list[dict]:
    by = {t.name: t for t in tools}
    out = []
    ours = median(by["ours"].times) if "ours" in by else None
    for peer in ("jdupes", "rmlint", "fdupes"):
        if ours and peer in by and by[peer].times:
            out.append(verdict(f"{TARGETS[peer]}x faster than {peer} (warm)", median(by[peer].times) / ours, TARGETS[peer]))
    ours_cold = median(by["ours"].cold_times) if "ours" in by else None
    if ours_cold and "jdupes" in by and by["jdupes"].cold_times:
        out.append(verdict(f"{TARGETS['jdupes_cold']}x faster than jdupes (cold)",
                           median(by["jdupes"].cold_times) / ours_cold, TARGETS["jdupes_cold"]))
    if ours and "rescan" in by and by["rescan"].times:
        out.append(verdict("cached rescan >= 10x faster than first scan (both warm page cache)",
                           ours / median(by["rescan"].times), TARGETS["rescan"]))
        if by["ours"].cold_times:
            out.append(verdict("cached rescan (warm) >= 10x faster than first scan (cold page cache)",
                               median(by["ours"].cold_times) / median(by["rescan"].times), TARGETS["rescan"]))
        if by["ours"].cold_times and by["rescan"].cold_times:
            out.append(verdict("cached rescan >= 10x faster than first scan (both cold page cache)",
                               median(by["ours"].cold_times) / median(by["rescan"].cold_times), TARGETS["rescan"]))
    if rss and rss.get("ours_bytes_per_file") is not None:
        out.append(verdict(f"peak RSS <= 500 bytes/file on a {rss['files']}-file tree",
                           rss["ours_bytes_per_file"], TARGETS["rss_bytes_per_file"], higher_is_better=False))
    return out


# ----------------------------------------------------------------------------- in-process rescan
def rescan_phase(env_extra: dict, root: str, rounds: int) -> dict:
    """The app's rescan of the unchanged tree against the bare walk, in one child process."""
    env = {**os.environ, **env_extra}
    r = subprocess.run([sys.executable, os.path.join(HERE, "rescan_probe.py"), root, str(rounds)],
                       env=env, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        raise SystemExit(f"rescan probe failed: {r.stderr[-2000:]}")
    return json.loads(r.stdout)


def print_rescan(res: dict, rounds: int) -> list[str]:
    changed = (f"{res['changed_s']:.3f} s ({'answered from the index: WRONG' if res['changed_reused'] else 'full scan with the hash cache, as it must'})"
               if res.get("changed_s") is not None else "-")
    return [f"App rescan of the unchanged tree, in process (gui.engine.disk.run_scan, rescan index), "
            f"{rounds} alternated rounds with the floor:",
            f"  floor (bare scandir + lstat walk, {res['entries']} entries)  median {res['floor_median']:.3f} s",
            f"  app rescan (result dict included)             median {res['rescan_median']:.3f} s"
            f"   ratio median {res['ratio_median']:.2f} (per round: {', '.join(f'{x:.2f}' for x in res['ratios'])})",
            f"  answered from the index: {sum(res['reused'])}/{len(res['reused'])}; first scan in the app "
            f"{res['first_s']:.2f} s; after one file's status changed: {changed}; "
            f"same groups as the first scan: {'yes' if res['same_groups'] else 'NO'}"] + print_restart(res)


def print_restart(res: dict) -> list[str]:
    if "restart_times" not in res:
        return []
    load, save = res["load_median"], res["save_s"]
    return [f"  app's first rescan after a restart (index file read back, checked, tree re-stat'ed) "
            f"median {res['restart_median']:.3f} s   ratio median {res['restart_ratio_median']:.2f} "
            f"(per round: {', '.join(f'{r / f:.2f}' for r, f in zip(res['restart_times'], res['restart_floor_times']))}); "
            f"answered from the file: {sum(res['restart_reused'])}/{len(res['restart_reused'])}",
            f"  index file {res['index_bytes'] or 0:,} bytes; reading + checking it median "
            f"{load if load is not None else float('nan'):.3f} s; writing it after the first scan "
            f"{save if save is not None else float('nan'):.3f} s"]


def rescan_verdicts(res: dict) -> list[dict]:
    return [verdict(f"app rescan of the unchanged tree <= {TARGETS['rescan_vs_floor']}x the bare walk (median ratio)",
                    res["ratio_median"], TARGETS["rescan_vs_floor"], higher_is_better=False)] + (
        [verdict(f"app rescan after a restart (index file) <= {TARGETS['rescan_vs_floor']}x the bare walk (median ratio)",
                 res["restart_ratio_median"], TARGETS["rescan_vs_floor"], higher_is_better=False)]
        if "restart_ratio_median" in res else [])


# ----------------------------------------------------------------------------- rss 1M
def mount_tmpfs(path: str, size: str) -> bool:
    os.makedirs(path, exist_ok=True)
    if os.path.ismount(path):
        return True
    if os.geteuid() != 0:
        return False
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", path])
    return r.returncode == 0


def rss_phase(args, tools: list[Tool], scratch: str) -> dict:
    base = os.path.join(args.workdir, "rss-1m")
    mounted = False
    if not args.no_tmpfs:
        mounted = mount_tmpfs(base, "8g")
        if not mounted:
            print("WARNING: no tmpfs (needs root): the 1M tree goes to disk.", file=sys.stderr)
    try:
        manifest = prepare_tree(base, "tree1m", args.rss_files, 1.0, True, args.seed, args.regen)
        root = manifest["root"]
        chosen = [dataclasses.replace(t, times=[], cold_times=[], rss_kb=0,
                                      groups=0, agree=None, problems=[])
                  for t in tools if t.role == "ours" or (args.rss_peers and t.role == "peer")]
        ok = check_run(chosen, root, scratch, manifest)
        c = manifest["counts"]
        # Files = regular files (empty ones included), each inode once: what a scan visits.
        # Hard-link names and symlinks are extra entries, not counted.
        res = {"files": c["regular_files"] + c["empty_files"], "entries": c["entries"],
               "regular_files": c["regular_files"], "agree": ok, "tmpfs": mounted, "tools": {}}
        empty = tempfile.mkdtemp(dir=scratch)
        ours = next((t for t in chosen if t.role == "ours"), None)
        if ours:
            baseline = run_once(ours, empty, scratch)["rss_kb"]
            res["ours_baseline_rss_kb"] = baseline
            res["ours_bytes_per_file"] = ours.rss_kb * 1024 / res["files"]
            res["ours_bytes_per_file_above_baseline"] = (ours.rss_kb - baseline) * 1024 / res["files"]
        for t in chosen:
            r = run_once(t, root, scratch)  # timed once more, now with a warm page cache
            res["tools"][t.name] = {"label": t.label, "rss_kb": max(t.rss_kb, r["rss_kb"]),
                                    "bytes_per_file": max(t.rss_kb, r["rss_kb"]) * 1024 / res["files"],
                                    "seconds": round(r["seconds"], 3), "agree": t.agree,
                                    "problems": t.problems}
        return res
    finally:
        if mounted and not args.keep_tree:
            subprocess.run(["umount", base], check=False)


def print_rss(res: dict) -> list[str]:
    lines = [f"1M tree: {res['files']} files ({res['regular_files']} non-empty; {res['entries']} "
             f"entries with hard links and symlinks), "
             f"{'tmpfs' if res['tmpfs'] else 'disk'}, groups agree: {'yes' if res['agree'] else 'NO'}",
             f"{'tool':36} {'peak RSS MB':>11} {'bytes/file':>10} {'seconds':>8}  agree"
             "  (seconds: one run, warm page cache)"]
    for t in res["tools"].values():
        lines.append(f"{t['label']:36} {t['rss_kb'] / 1024:11.1f} {t['bytes_per_file']:10.0f} "
                     f"{t['seconds']:8.2f}  {'yes' if t['agree'] else 'NO'}")
    if "ours_baseline_rss_kb" in res:
        lines.append(f"ours on an empty folder (interpreter + imports): "
                     f"{res['ours_baseline_rss_kb'] / 1024:.1f} MB; above that: "
                     f"{res['ours_bytes_per_file_above_baseline']:.0f} bytes/file")
    return lines


# ----------------------------------------------------------------------------- start-up
STARTUP_ROWS = (
    ("python", "python -c pass (interpreter floor)", ["-c", "pass"], None),
    ("version", "cleanup-desktop --version", ["-m", "cleanup_desktop", "--version"], "startup_s"),
    ("help", "cleanup-desktop --help", ["-m", "cleanup_desktop", "--help"], "startup_s"),
    ("scan", "cleanup-desktop scan --json EMPTY", ["-m", "cleanup_desktop", "scan", "--json", "--no-cache"],
     "scan_first_file_s"),
)


def startup_phase(env_extra: dict, scratch: str, runs: int) -> dict:
    """Wall time of each start-up row, ``runs`` interleaved rounds after one untimed round."""
    empty = tempfile.mkdtemp(dir=scratch)
    env = {**os.environ, **env_extra}
    times: dict[str, list[float]] = {key: [] for key, *_ in STARTUP_ROWS}
    for round_no in range(runs + 1):
        for key, _label, argv, _target in STARTUP_ROWS:
            cmd = [sys.executable, *argv] + ([empty] if key == "scan" else [])
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            if round_no:
                times[key].append(time.perf_counter() - t0)
    return {key: {"label": label, "times": times[key], "median": median(times[key]), "min": min(times[key]),
                  "target_s": TARGETS.get(target) if target else None}
            for key, label, _argv, target in STARTUP_ROWS}


def print_startup(res: dict, runs: int) -> list[str]:
    lines = [f"Start-up, {runs} interleaved rounds (wall seconds):",
             f"{'command':42} {'median s':>9} {'min s':>7} {'goal s':>7}"]
    for row in res.values():
        goal = f"{row['target_s']:.2f}" if row["target_s"] else ""
        lines.append(f"{row['label']:42} {row['median']:9.3f} {row['min']:7.3f} {goal:>7}")
    return lines


def startup_verdicts(res: dict) -> list[dict]:
    return [verdict(f"{row['label']} <= {row['target_s']} s (median)", row["median"], row["target_s"], higher_is_better=False)
            for row in res.values() if row["target_s"]]


# ----------------------------------------------------------------------------- main
def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--quick", action="store_true",
                   help="small tree (2000 files, ~20 MB), 1 run, warm phase only")
    p.add_argument("--workdir", default=DEFAULT_WORKDIR, help="trees and scratch (default %(default)s)")
    p.add_argument("--out", default=os.path.join(HERE, "out"), help="JSON results folder")
    p.add_argument("--phases", default=None,
                   help="comma list of warm,cold,rescan,rss1m,startup (default warm,cold,rescan,startup)")
    p.add_argument("--rescan-runs", type=int, default=7, help="in-process rescan rounds (default 7)")
    p.add_argument("--readme", default=None, metavar="README.md",
                   help="rewrite the README's bench-disk block from this run's figures")
    p.add_argument("--from-json", default=None, metavar="FILE",
                   help="with --readme: take the figures from a saved run (bench/out/*.json), measure nothing")
    p.add_argument("--startup-runs", type=int, default=15, help="start-up rounds (default 15)")
    p.add_argument("--runs", type=int, default=None, help="timed warm rounds (default 5)")
    p.add_argument("--cold-runs", type=int, default=3)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--files", type=int, default=None, help="files in the tree (default 50000)")
    p.add_argument("--size-scale", type=float, default=None, help="see gen_tree.py (default 1.0)")
    p.add_argument("--rss-files", type=int, default=1_000_000)
    p.add_argument("--rss-peers", action="store_true", help="also run the peers on the 1M tree")
    p.add_argument("--no-tmpfs", action="store_true", help="put the 1M tree on disk")
    p.add_argument("--keep-tree", action="store_true", help="do not unmount the 1M tmpfs")
    p.add_argument("--regen", action="store_true", help="regenerate the trees")
    p.add_argument("--tools", default=None, help="comma list of peers to run (default: all)")
    p.add_argument("--info", action="store_true",
                   help="extra rows: ours --paranoid, jdupes -Q (not part of the targets)")
    p.add_argument("--hyperfine", action="store_true", help="cross-check warm medians with hyperfine -N")
    p.add_argument("--ours-rev", default=None,
                   help="run our scan as committed at this git revision (e.g. HEAD) instead of "
                        "the working tree")
    p.add_argument("--no-install", action="store_true", help="never apt-get install the peers")
    args = p.parse_args(argv)
    if args.quick:
        args.files = args.files or 2000
        args.size_scale = args.size_scale if args.size_scale is not None else 0.02
        args.runs = args.runs or 1
        args.phases = args.phases or "warm"
    args.files = args.files or 50_000
    args.size_scale = args.size_scale if args.size_scale is not None else 1.0
    args.runs = args.runs or 5
    args.phases = set((args.phases or "warm,cold,rescan,startup").split(","))
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.from_json:
        if not args.readme:
            raise SystemExit("--from-json goes with --readme")
        with open(args.from_json, encoding="utf-8") as fh:
            write_readme(args.readme, json.load(fh))
        print(f"{args.readme}: bench-disk block rewritten from {args.from_json}")
        return 0
    os.makedirs(args.workdir, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)
    if not args.no_install:
        install_peers()
    scratch = tempfile.mkdtemp(prefix="scratch-", dir=args.workdir)
    cache_env = {"XDG_CACHE_HOME": os.path.join(scratch, "cache"),
                 "XDG_DATA_HOME": os.path.join(scratch, "data"),
                 "XDG_CONFIG_HOME": os.path.join(scratch, "config"),
                 "XDG_STATE_HOME": os.path.join(scratch, "state")}
    if args.ours_rev:
        cache_env["PYTHONPATH"] = snapshot_source(args.ours_rev, scratch)
    only = set(args.tools.split(",")) if args.tools else None
    tools = build_tools(cache_env, args.info, only)
    report: dict = {"schema": "cleanup-desktop/bench-disk/1",
                    "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "command": " ".join([os.path.relpath(sys.argv[0])] + list(argv or sys.argv[1:])),
                    "machine": {"cpus": os.cpu_count(), "kernel": platform.release(),
                                "python": platform.python_version(),
                                "load_avg": os.getloadavg()},
                    "versions": tool_versions(), "targets": TARGETS,
                    "ours_revision": our_revision(args.ours_rev)}
    lines: list[str] = []
    agree_ok = True
    try:
        if args.phases & {"warm", "cold", "rescan"}:
            tag = f"s{args.seed}-f{args.files}-x{args.size_scale:g}"
            manifest = prepare_tree(args.workdir, tag, args.files, args.size_scale, False,
                                    args.seed, args.regen)
            root, c = manifest["root"], manifest["counts"]
            lines.append(f"Tree {root}: {c['entries']} entries, {c['regular_files']} non-empty files, "
                         f"{c['bytes'] / 1e9:.2f} GB, {c['empty_files']} empty, {c['hardlinks']} hard "
                         f"links, {c['symlinks']} symlinks, {c['duplicate_groups']} expected groups")
            report["tree"] = {"root": root, "params": manifest["params"], "counts": c}
            if args.phases & {"warm", "cold"}:
                print("Checking that all tools find the same groups...", file=sys.stderr)
                agree_ok = check_run(tools, root, scratch, manifest)
            if "warm" in args.phases:
                timed_rounds(tools, root, scratch, args.runs, False, args.seed)
                lines += ["", f"Warm page cache, {args.runs} interleaved rounds "
                              f"(x ours = tool median / ours first-scan median):"]
                lines += table(tools, cold=False)
                report["ours_stats"] = stats = our_stats(tools, scratch)
                if "rescan" in stats:
                    st = stats["rescan"]
                    lines.append(f"(cached rescan: {st['cache_hits']} cache hits, "
                                 f"{st['bytes_hashed']} bytes hashed, {st['files']} files)")
                if args.hyperfine:
                    report["hyperfine_medians"] = hyperfine_cross_check(tools, root, scratch, args.runs)
                    lines += ["", "hyperfine -N medians (cross-check): " + ", ".join(
                        f"{k} {v:.3f} s" for k, v in report["hyperfine_medians"].items())]
            rescan = None
            if "rescan" in args.phases:
                print("In-process rescan against the bare walk...", file=sys.stderr)
                rescan = rescan_phase(cache_env, root, args.rescan_runs)
                report["rescan_in_process"] = rescan
                agree_ok = agree_ok and rescan["same_groups"] and not rescan["changed_reused"]
                lines += [""] + print_rescan(rescan, args.rescan_runs)
            if "cold" in args.phases:
                if can_drop_caches():
                    cold_tools = [t for t in tools if t.role in ("ours", "rescan", "peer")]
                    timed_rounds(cold_tools, root, scratch, args.cold_runs, True, args.seed + 1)
                    lines += ["", f"Cold page cache (sync; echo 3 > /proc/sys/vm/drop_caches before "
                                  f"each run), {args.cold_runs} rounds; the cached rescan keeps its "
                                  f"hash cache but not the page cache:"]
                    lines += table(cold_tools, cold=True)
                else:
                    lines += ["", "Cold phase skipped: dropping the page cache needs root."]
        rss = None
        if "rss1m" in args.phases:
            rss = rss_phase(args, tools, scratch)
            report["rss_1m"] = rss
            agree_ok = agree_ok and rss["agree"]
            lines += [""] + print_rss(rss)
        startup = None
        if "startup" in args.phases:
            startup = startup_phase(cache_env, scratch, args.startup_runs)
            report["startup"] = startup
            lines += [""] + print_startup(startup, args.startup_runs)
        problems = [f"{t.name}: {p}" for t in tools for p in t.problems]
        if problems:
            lines += ["", "DISAGREEMENTS / FAILURES:"] + ["  " + p for p in problems]
        v = (verdicts(tools, rss) + (rescan_verdicts(report["rescan_in_process"]) if "rescan_in_process" in report else [])
             + (startup_verdicts(startup) if startup else []))
        if args.quick:
            lines += ["", "Quick mode: the tree is too small for the speed targets to mean "
                          "anything (start-up dominates); this run checks agreement only."]
            v = [x for x in v if "RSS" in x["target"] or x["target"].endswith("s (median)")]
        if v:
            lines += ["", "Targets:"] + [verdict_line(x) for x in v]
        lines.append(f"\nAll tools agree on the duplicate groups: {'yes' if agree_ok else 'NO'}")
        report["verdicts"] = v
        report["agree"] = agree_ok
        report["machine"]["load_avg_end"] = os.getloadavg()
        report["tools"] = {t.name: {"label": t.label, "argv": t.argv, "role": t.role,
                                    "times": t.times, "median": median(t.times),
                                    "cold_times": t.cold_times, "cold_median": median(t.cold_times),
                                    "rss_kb": t.rss_kb,
                                    "groups": t.groups, "agree": t.agree, "problems": t.problems}
                           for t in tools}
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("\n".join(lines))
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    for name in (f"bench-disk-{stamp}.json", "latest.json"):
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=1)
    print(f"Results: {os.path.join(args.out, f'bench-disk-{stamp}.json')}")
    if args.readme:
        write_readme(args.readme, report)
        print(f"{args.readme}: bench-disk block rewritten from this run")
    return 0 if agree_ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""The README's disk-scan table, written from one bench_disk.py run (its JSON report).

``write_readme(path, report)`` replaces what lies between README_BEGIN and README_END (both
kept) with a Markdown table of that run: every figure comes from the report, nothing typed
by hand, and the run's date, revision and load average are stated above the table.
"""

from __future__ import annotations

README_BEGIN = "<!-- bench-disk:begin (written by bench/bench_disk.py --readme) -->"
README_END = "<!-- bench-disk:end -->"

PEERS = ("jdupes", "fdupes", "rmlint")


def _s(x) -> str:
    return "–" if x is None else f"{x:.2f} s" if x >= 0.995 else f"{x:.3f} s"


def _goal(v: dict) -> str:
    if v["pass"]:
        return f"met ({v['value']})"
    return f"**not met** ({v['value']}; {v['distance']:.2f}x to go)" if v.get("distance") else "**not met**"


def _verdicts(report: dict, *needles: str) -> list[dict]:
    return [v for v in report.get("verdicts", []) if all(n in v["target"] for n in needles)]


def _peer_cells(tools: dict, ours: float | None, key: str) -> str:
    cells = []
    for name in PEERS:
        t = tools.get(name)
        m = t.get(key) if t else None
        if m is not None and ours:
            cells.append(f"{name} {_s(m)} ({m / ours:.2f}x)")
    return ", ".join(cells) or "–"


def _goal_cells(report: dict, rows: list[tuple[str, ...]]) -> str:
    out = []
    for label, *needles in rows:
        for v in _verdicts(report, *needles):
            out.append(f"{label}: {_goal(v)}")
    return "; ".join(out) or "–"


def table(report: dict) -> list[str]:
    tools = report.get("tools", {})
    m = report.get("machine", {})
    load0 = "/".join(f"{x:.1f}" for x in m.get("load_avg", []))
    load1 = "/".join(f"{x:.1f}" for x in m.get("load_avg_end", []))
    tree = report.get("tree", {}).get("counts", {})
    lines = [
        f"One run of `{report.get('command', 'bench/bench_disk.py')}` on {report.get('date', '?')}, "
        f"revision {report.get('ours_revision', '?')}, {m.get('cpus', '?')} cores, load average "
        f"{load0 or '?'} at the start and {load1 or '?'} at the end (1/5/15 min)"
        + (f"; tree of {tree.get('regular_files', 0) + tree.get('empty_files', 0):,} files, "
           f"{tree.get('bytes', 0) / 1e9:.2f} GB, {tree.get('duplicate_groups', '?'):,} duplicate groups" if tree else "")
        + f". All tools found the same groups: {'yes' if report.get('agree') else '**NO**'}.",
        "",
        "| measure | ours | peers (peer time / ours) | goal |",
        "|---|---|---|---|",
    ]
    ours = tools.get("ours", {})
    if ours.get("median") is not None:
        lines.append(f"| duplicate scan, warm page cache | {_s(ours['median'])} | {_peer_cells(tools, ours['median'], 'median')} | "
                     + _goal_cells(report, [("1.5x jdupes", "jdupes (warm)"), ("4x fdupes", "fdupes (warm)"),
                                            ("4x rmlint", "rmlint (warm)")]) + " |")
    if ours.get("cold_median") is not None:
        lines.append(f"| same, cold page cache (the first scan of the day) | {_s(ours['cold_median'])} | "
                     f"{_peer_cells(tools, ours['cold_median'], 'cold_median')} | "
                     + _goal_cells(report, [("2x jdupes", "jdupes (cold)")]) + " |")
    rescan = tools.get("rescan", {})
    if rescan.get("median") is not None:
        cold = f"; {_s(rescan['cold_median'])} cold" if rescan.get("cold_median") is not None else ""
        lines.append(f"| command-line rescan with the hash cache (new process) | {_s(rescan['median'])} warm{cold} | – | "
                     + _goal_cells(report, [("10x the first scan (warm)", "both warm")]) + " |")
    inproc = report.get("rescan_in_process")
    if inproc:
        lines.append(f"| app rescan of the unchanged tree (in process, rescan index) | {_s(inproc['rescan_median'])} "
                     f"({inproc['ratio_median']:.2f}x the floor) | floor: bare scandir + lstat walk {_s(inproc['floor_median'])} | "
                     + _goal_cells(report, [("≤ 1.3x the floor", "app rescan of the unchanged")]) + " |")
        if inproc.get("restart_median") is not None:
            lines.append(f"| same, first rescan after the app restarts (index file read back and checked) | "
                         f"{_s(inproc['restart_median'])} ({inproc['restart_ratio_median']:.2f}x the floor) | "
                         f"floor: bare scandir + lstat walk {_s(inproc['floor_median'])} | "
                         + _goal_cells(report, [("≤ 1.3x the floor", "app rescan after a restart")]) + " |")
    startup = report.get("startup")
    if startup:
        floor = startup.get("python", {}).get("median")
        for key, label in (("version", "`cleanup-desktop --version`"), ("help", "`cleanup-desktop --help`"),
                           ("scan", "`scan` reaching its first folder (empty folder)")):
            row = startup.get(key)
            if row:
                lines.append(f"| start-up: {label} | {_s(row['median'])} | interpreter alone {_s(floor)} | "
                             + _goal_cells(report, [(f"≤ {row['target_s']} s", row["label"])]) + " |")
    return lines


def write_readme(path: str, report: dict) -> None:
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        raise SystemExit(f"{path}: no {README_BEGIN!r} ... {README_END!r} block to rewrite")
    new = text[: start + len(README_BEGIN)] + "\n" + "\n".join(table(report)) + "\n" + text[end:]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(new)

"""Benchmark: the organiser's aggregation of N sheets, half XLSX and half JSON, as the app
writes them (`cleanup-desktop aggregate`, every output including the PDF), against the
previous XLSX reader (openpyxl, timed on a sample and scaled to the same number of XLSX),
with the totals checked against the sum the generator knows.

    flock /tmp/cleanup-bench.lock .venv/bin/python bench/bench_aggregate.py [--sheets 20000]

The sheets are generated once into /tmp/cleanup-bench-sheets-N (2 processes) and reused.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

GO = 10**9
TEAMS = ["Compta", "COMPTA", "compta", "Informatique", "RH", "Ressources humaines", "Achats", "Juridique",
         "Direction", "Marketing", "Équipe Sud", "equipe sud", "Logistique", "Qualité", "R&D"]


def _figures(i: int) -> dict:
    rnd = random.Random(i)
    return {"local": rnd.randrange(0, 30 * GO), "cloud": rnd.randrange(0, 20 * GO),
            "mails": rnd.randrange(0, 3000), "mail_bytes": rnd.randrange(0, 2 * GO),
            "team": TEAMS[i % len(TEAMS)]}


def _write(args: tuple[int, int, str]) -> None:
    start, stop, folder = args
    from cleanup_desktop.core.bilan import BUCKETS, Counter, Declared
    from cleanup_desktop.core.impact import get_method
    from cleanup_desktop.core.sheets import export
    from cleanup_desktop.core.sheets.model import Sheet

    method = get_method()
    for i in range(start, stop):
        f = _figures(i)
        freed = {b: Counter() for b in BUCKETS}
        freed["files_local"] = Counter(f["local"], 1 + i % 40)
        freed["files_cloud"] = Counter(f["cloud"], i % 25)
        freed["mails_cloud"] = Counter(f["mail_bytes"], f["mails"])
        env = {"workstation": {"freed_bytes": f["local"], "freed_count": 1 + i % 40, "in_trash_bytes": 0,
                               "in_trash_count": 0},
               "cloud-drive": {"freed_bytes": f["cloud"], "freed_count": i % 25, "in_trash_bytes": 0,
                               "in_trash_count": 0},
               "mailbox": {"freed_bytes": f["mail_bytes"], "freed_count": f["mails"], "in_trash_bytes": 0,
                           "in_trash_count": 0}}
        sheet = Sheet(sheet_id=str(uuid.UUID(int=i + 1, version=4)), created="2026-03-21T17:00:00+00:00",
                      method=method, event_id="4242", event_date="2026-03-21", participant=f"P{i:05d}",
                      team=f["team"], runs=1, freed=freed, by_environment=env, declared=Declared(apps=i % 3))
        sheet.recompute()
        export(sheet, "xlsx" if i % 2 else "json", Path(folder) / f"sheet-{i:05d}.{'xlsx' if i % 2 else 'json'}")


def generate(n: int) -> Path:
    folder = Path(f"/tmp/cleanup-bench-sheets-{n}")
    done = folder / ".complete"
    if done.exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    t = time.perf_counter()
    chunks = [(s, min(n, s + 500), str(folder)) for s in range(0, n, 500)]
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_write, chunks))
    done.write_text("ok")
    print(f"generated {n} sheets in {time.perf_counter() - t:.1f} s into {folder}")
    return folder


def expected_bytes(n: int) -> int:
    return sum(f["local"] + f["cloud"] + f["mail_bytes"] for f in map(_figures, range(n)))


def openpyxl_sample(folder: Path, sample: int) -> float:
    """Seconds per XLSX with the previous reader (openpyxl read-only, every cell of the sheet)."""
    from openpyxl import load_workbook

    files = sorted(folder.glob("*.xlsx"))[:sample]
    t = time.perf_counter()
    for f in files:
        wb = load_workbook(f, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()
    return (time.perf_counter() - t) / len(files)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sheets", type=int, default=20000)
    ap.add_argument("--sample", type=int, default=300, help="XLSX files timed with openpyxl")
    args = ap.parse_args()
    folder = generate(args.sheets)
    out = Path(f"/tmp/cleanup-bench-aggregate-out-{os.getpid()}")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT / "src"))
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "cleanup_desktop", "aggregate", str(folder), "--out", str(out),
                        "--event-id", "4242", "--lang", "fr"], capture_output=True, text=True, env=env)
    ours = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != 0:
        print(p.stdout[-2000:], p.stderr[-2000:])
        return 1
    summary = json.loads((out / "summary.json").read_text())
    got = round(summary["totals"]["go_total"] * GO)
    want = expected_bytes(args.sheets)
    per_xlsx = openpyxl_sample(folder, args.sample)
    n_xlsx = args.sheets // 2
    progress_lines = [ln for ln in p.stderr.splitlines() if ln.startswith("Reading sheets")]
    print(f"sheets: {args.sheets} ({n_xlsx} XLSX, {args.sheets - n_xlsx} JSON), "
          f"aggregated {summary['totals']['participants']}, to review {len(summary['to_review'])}, "
          f"rejected {len(summary['rejected'])}")
    print(f"cleanup-desktop aggregate (read, rules, summary.json, participants.xlsx, dcd-bilan.json, summary.pdf): "
          f"{ours:.1f} s ({ours / args.sheets * 1000:.2f} ms per sheet); limit 60 s")
    print(f"  CPU time of the command and its reading processes: {cpu:.1f} s on {os.cpu_count()} cores; "
          f"load average when it started: {load:.1f} (other programs share the cores)")
    print(f"previous XLSX reader (openpyxl, {args.sample} files timed): {per_xlsx * 1000:.1f} ms per XLSX -> "
          f"{per_xlsx * n_xlsx:.1f} s for the {n_xlsx} XLSX alone; ratio previous/ours = "
          f"{per_xlsx * n_xlsx / ours:.1f}x")
    print(f"total Go: {got / GO:,.6f} aggregated vs {want / GO:,.6f} generated -> "
          f"{'EXACT' if abs(got - want) <= 1000 else 'MISMATCH'}")
    print(f"progress lines on stderr: {len(progress_lines)} (first: {progress_lines[0] if progress_lines else '-'})")
    shutil.rmtree(out, ignore_errors=True)
    return 0 if abs(got - want) <= 1000 and ours < 60 else 1


if __name__ == "__main__":
    sys.exit(main())

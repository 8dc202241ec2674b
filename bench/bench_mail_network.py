"""Mail scan over a slow network: cleanup-desktop mail-scan vs IMAPdedup at several round trips.

Seeds a local server (Dovecot, Cyrus or both) with an office-sized mailbox (default 1,853
messages in 7 folders, ~4 % duplicates, ~2 % with attachments), then, behind a delay proxy
(bench/delay_proxy.py: each chunk delayed RTT/2 each way; at 0 ms no proxy), times in the
same run:
  ours: cleanup-desktop mail-scan --json  (all folders; sizes, duplicates, attachments, old
        mail, senders, quota: everything the scan computes)
  peer: imapdedup -n  (dry run, Message-ID duplicates, over the same folders)
both as command-line processes, alternating, after one warm-up each; medians and ratios.
Needs: apt dovecot-imapd (and Cyrus from scripts/setup.sh --test); `.venv/bin/pip install
imapdedup` (GPL: only run here, never copied). Run it alone on the machine:

    flock /tmp/cleanup-bench.lock .venv/bin/python bench/bench_mail_network.py \\
        [--messages 1853] [--rtt 0,30,100] [--runs 5] [--server dovecot|cyrus|both]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "mail"))
from bench_mail import generate, timed  # noqa: E402
from delay_proxy import DelayProxy  # noqa: E402

from imapclient import IMAPClient  # noqa: E402

FOLDERS = ("INBOX", "Archive", "Newsletters", "Projects", "Receipts", "Travel", "Old")


def seed(server, n: int) -> tuple[int, int, list[str]]:
    """``n`` generated messages spread over FOLDERS (spelled for the server)."""
    c = IMAPClient("127.0.0.1", server.port, ssl=False)
    c.login("test", "secret")
    names = [server.f(f) for f in FOLDERS]
    for name in names[1:]:
        c.create_folder(name)
    pending: dict[str, list] = {f: [] for f in names}
    count = total = 0
    for i, (folder, data, date) in enumerate(generate(n)):
        if folder == "Newsletters":
            name = server.f("Newsletters")
        else:
            name = names[(i * 7919) % len(names)] if folder != "INBOX" else "INBOX"
        item = {"msg": data, "flags": ()}
        if date is not None:
            item["date"] = date
        pending[name].append(item)
        count += 1
        total += len(data)
        if len(pending[name]) >= 100:
            c.multiappend(name, pending[name])
            pending[name] = []
    for name, items in pending.items():
        if items:
            c.multiappend(name, items)
    all_names = [row[2] for row in c.list_folders() if b"\\Noselect" not in row[0]]
    c.logout()
    return count, total, all_names


def start(kind: str):
    if kind == "cyrus":
        from cyrus import Cyrus

        return Cyrus().start()
    from dovecot import Dovecot

    return Dovecot().start()


def bench_server(kind: str, args, py: str, peer: str) -> list[dict]:
    server = start(kind)
    rows = []
    try:
        t = time.perf_counter()
        count, total, folders = seed(server, args.messages)
        print(f"\n[{kind}] seeded {count} messages, {total / 1e6:.0f} MB in {len(folders)} folders "
              f"({time.perf_counter() - t:.1f} s)", flush=True)
        env = dict(os.environ, BENCH_PW="secret")
        for rtt in args.rtt:
            proxy = DelayProxy(server.port, rtt / 2).start() if rtt else None
            port = str(proxy.port if proxy else server.port)  # 0 ms: straight to the server
            ours = [py, "-m", "cleanup_desktop", "mail-scan", "--host", "127.0.0.1", "--port", port,
                    "--security", "insecure-plain", "--user", "test", "--password-env", "BENCH_PW", "--json"]
            theirs = [peer, "-s", "127.0.0.1", "-p", port, "-u", "test", "-w", "secret", "-n", *folders]
            timed(ours, env)  # warm-up (server caches, Python bytecode)
            timed(theirs, env)
            our_t, peer_t, inproc = [], [], []
            result = None
            for _ in range(args.runs):
                dt, out, _cpu = timed(ours, env)
                our_t.append(dt)
                result = json.loads(out[: out.rindex("}") + 1])
                inproc.append(result["stats"]["seconds"])
                dt, _out, _cpu = timed(theirs, env)
                peer_t.append(dt)
            if proxy:
                proxy.stop()
            row = {"server": kind, "rtt": rtt, "ours": statistics.median(our_t),
                   "inproc": statistics.median(inproc), "peer": statistics.median(peer_t),
                   "messages": result["stats"]["messages"], "dups": len(result["duplicates"])}
            rows.append(row)
            print(f"[{kind}] RTT {rtt:>3} ms: ours {row['ours']:.2f} s (scan {row['inproc']:.2f} s in-process; "
                  f"runs {', '.join(f'{x:.2f}' for x in our_t)}), imapdedup {row['peer']:.2f} s "
                  f"(runs {', '.join(f'{x:.2f}' for x in peer_t)}) -> {row['peer'] / row['ours']:.2f}x", flush=True)
    finally:
        server.cleanup()
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=1853)
    ap.add_argument("--rtt", default="0,30,100", help="round trips in ms, comma-separated")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--server", choices=("dovecot", "cyrus", "both"), default="both")
    args = ap.parse_args()
    args.rtt = [float(x) for x in args.rtt.split(",")]
    py = sys.executable
    peer = shutil.which("imapdedup") or str(Path(py).parent / "imapdedup")
    if not Path(peer).exists():
        raise SystemExit("imapdedup not found: .venv/bin/pip install imapdedup")
    kinds = ("dovecot", "cyrus") if args.server == "both" else (args.server,)
    rows = [row for kind in kinds for row in bench_server(kind, args, py, peer)]
    print("\n| server | RTT | cleanup-desktop mail-scan (all findings) | imapdedup -n (duplicates only) | ratio |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['server']} | {r['rtt']:g} ms | {r['ours']:.2f} s | {r['peer']:.2f} s | "
              f"{r['peer'] / r['ours']:.2f}x faster |")
    goal = [r for r in rows if r["rtt"] == 30]
    if goal:
        ok = all(r["peer"] / r["ours"] >= 2 for r in goal)
        print(f"goal >= 2x faster at 30 ms: {'met' if ok else 'NOT met'}; "
              f"same or better at 0 ms: {'met' if all(r['peer'] >= r['ours'] for r in rows if r['rtt'] == 0) else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

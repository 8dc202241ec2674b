"""Mailbox scan cost per protocol: the same generated mailbox scanned over IMAP (Dovecot), EWS
(the replay server, through exchangelib) and Microsoft Graph (the replay server, through the
app's httpx client), in one run. Prints the median scan time, messages per second, bytes read
and the ratio to IMAP, and checks that the three scans give the same findings.

The replay servers run in a child process (so their own work does not share our GIL); they are
local and answer instantly, so the figures are the client's cost (request building, XML/JSON
parsing, paging), not a real server's latency. No Microsoft server is reachable from here.

    .venv/bin/python bench/bench_mail_exchange.py [--messages 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "mail"))

import bench_mail  # noqa: E402  (the IMAP benchmark's generator and seeding)


def content(n: int) -> dict:
    out: dict = {f: [] for f in bench_mail.FOLDERS}
    for folder, data, date in bench_mail.generate(n):
        out[folder].append({"msg": data, **({"date": date} if date is not None else {})})
    return out


def serve(n: int) -> None:
    """Child: both replay servers over the same generated content; prints their URLs."""
    from ews_server import EwsServer
    from exchange_helpers import loaded_store
    from graph_server import GraphServer

    data = content(n)
    ews = EwsServer(loaded_store(data)).start()
    graph = GraphServer(loaded_store(data)).start()
    print(json.dumps({"ews": ews.url, "graph": graph.endpoint}), flush=True)
    sys.stdin.read()  # until the parent closes our stdin


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        serve(args.messages)
        return 0

    from dovecot import Dovecot
    from exchange_helpers import findings

    from cleanup_desktop.core.mail.sources.ews import EwsSettings, EwsSource
    from cleanup_desktop.core.mail.sources.graph import GraphSettings, GraphSource
    from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings
    from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
    from cleanup_desktop.core.mail.scan import scan_mailbox

    class Token:
        def token(self, force_refresh=False):
            return "good-token"

    server = Dovecot().start()
    child = subprocess.Popen([sys.executable, __file__, "--serve", "--messages", str(args.messages)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        t0 = time.monotonic()
        count, total = bench_mail.seed(server, args.messages)
        urls = json.loads(child.stdout.readline())
        print(f"mailbox: {count} messages, {total / 1e6:.1f} MB (seeded in {time.monotonic() - t0:.1f} s)")
        sources = {
            "imap": lambda: ImapSource(ImapSettings("127.0.0.1", "test", server.port, "insecure-plain", timeout=60),
                                       Credentials(password="secret")),
            "ews": lambda: EwsSource(EwsSettings(user="test@example.org", url=urls["ews"], auth="basic"),
                                     Credentials(password="secret")),
            "graph": lambda: GraphSource(GraphSettings(tenant="t", client_id="c", endpoint=urls["graph"]), Token()),
        }
        results, times = {}, {}
        for name, make in sources.items():
            scan_mailbox(make())  # warm-up (connections, exchangelib's version probe)
            runs = []
            for _ in range(args.runs):
                t = time.monotonic()
                results[name] = scan_mailbox(make())
                runs.append(time.monotonic() - t)
            times[name] = statistics.median(runs)
        base = times["imap"]
        print(f"{'backend':8} {'median s':>9} {'msg/s':>8} {'read MB':>8} {'x IMAP':>7}")
        for name, t in times.items():
            r = results[name]
            print(f"{name:8} {t:9.2f} {r['stats']['records'] / t:8.0f} "
                  f"{r['stats']['bytes_downloaded'] / 1e6:8.2f} {t / base:7.2f}")
        same = findings(results["ews"]) == findings(results["imap"]) == findings(results["graph"])
        print(f"findings agree across the three backends: {'yes' if same else 'NO'}")
        return 0 if same else 1
    finally:
        child.stdin.close()
        child.wait(timeout=30)
        server.cleanup()


if __name__ == "__main__":
    sys.exit(main())

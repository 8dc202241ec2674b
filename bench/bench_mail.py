"""Mailbox scan benchmark: cleanup-desktop mail-scan vs IMAPdedup (dry run) on one Dovecot.

Seeds a local Dovecot (tests/mail/dovecot.py) with N messages (~1 GB at the default 20,000)
by MULTIAPPEND, then times, in the same run and on the same mailbox:
  ours: cleanup-desktop mail-scan --json  (all folders; sizes, duplicates, attachments, senders)
  peer: imapdedup -n (dry run, Message-ID duplicates across the same folders)
Both are run as command-line processes; one warm-up each, then medians of --runs.
Needs: apt dovecot-imapd openssl; `.venv/bin/pip install imapdedup` (GPL; only run here).

    .venv/bin/python bench/bench_mail.py [--messages 20000] [--runs 5]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "mail"))
from dovecot import Dovecot  # noqa: E402

from imapclient import IMAPClient  # noqa: E402

FOLDERS = ("INBOX", "Archive", "Newsletters")
WORDS = ("meeting budget report cleanup planning energy storage mailbox project review draft "
         "invoice schedule agenda minutes team office digital carbon server network backup").split()


def _text(rng: random.Random, n: int) -> str:
    out, size = [], 0
    while size < n:
        line = " ".join(rng.choice(WORDS) for _ in range(12))
        out.append(line)
        size += len(line) + 2
    return "\r\n".join(out)


def _b64(data: bytes) -> str:
    raw = base64.b64encode(data).decode()
    return "\r\n".join(raw[i:i + 76] for i in range(0, len(raw), 76))


def generate(n: int, seed: int = 7):
    """Yield (folder, message bytes, date). ~2 % carry a 1.5-3 MB attachment, ~4 % are
    duplicates of an earlier message in another folder, ~15 % are newsletters."""
    rng = random.Random(seed)
    blobs = [_b64(rng.randbytes(rng.randint(1_100_000, 2_200_000))) for _ in range(8)]
    start = datetime(2019, 1, 1, tzinfo=timezone.utc)
    recent: list[bytes] = []
    for i in range(n):
        if recent and rng.random() < 0.04:
            yield rng.choice(FOLDERS[:2]), rng.choice(recent), None
            continue
        date = start + timedelta(minutes=i * 190)
        news = rng.random() < 0.15
        folder = "Newsletters" if news else ("INBOX" if rng.random() < 0.6 else "Archive")
        sender = f"News {i % 40} <news{i % 40}@letters.example.com>" if news else \
            f"Person {i % 300} <p{i % 300}@example.org>"
        received = "".join(f"Received: from relay{k}.example.net (relay{k}.example.net [192.0.2.{k}])\r\n"
                           f"\tby mx.example.org with ESMTPS id {i:08x}{k}; {format_datetime(date)}\r\n"
                           for k in range(4))
        head = (f"{received}From: {sender}\r\nTo: Test <test@example.org>\r\n"
                f"Subject: Message {i} {rng.choice(WORDS)} {rng.choice(WORDS)}\r\n"
                f"Date: {format_datetime(date)}\r\nMessage-ID: <bench-{i}-{seed}@example.org>\r\n"
                "MIME-Version: 1.0\r\n")
        if news:
            head += f"List-Unsubscribe: <mailto:unsub{i % 40}@letters.example.com>\r\n"
        body = _text(rng, rng.randint(2_000, 14_000))
        if rng.random() < 0.02:
            msg = (head + 'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
                   "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body[:2000] + "\r\n--b1\r\n"
                   f'Content-Type: application/pdf; name="file{i}.pdf"\r\n'
                   "Content-Transfer-Encoding: base64\r\n"
                   f'Content-Disposition: attachment; filename="file{i}.pdf"\r\n\r\n'
                   + rng.choice(blobs) + "\r\n--b1--\r\n")
        else:
            msg = head + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n"
        data = msg.encode()
        if len(recent) < 500:
            recent.append(data)
        elif rng.random() < 0.05:
            recent[rng.randrange(500)] = data
        yield folder, data, date


def seed(server: Dovecot, n: int) -> tuple[int, int]:
    c = IMAPClient("127.0.0.1", server.port, ssl=False)
    c.login("test", "secret")
    for f in FOLDERS[1:]:
        c.create_folder(f)
    pending = {f: [] for f in FOLDERS}
    sizes = {f: 0 for f in FOLDERS}
    total = count = 0

    def flush(f):
        if pending[f]:
            c.multiappend(f, pending[f])
            pending[f] = []
            sizes[f] = 0

    for folder, data, date in generate(n):
        item = {"msg": data}
        if date is not None:
            item["date"] = date
        pending[folder].append(item)
        sizes[folder] += len(data)
        total += len(data)
        count += 1
        if len(pending[folder]) >= 200 or sizes[folder] > 16_000_000:
            flush(folder)
    for f in FOLDERS:
        flush(f)
    c.logout()
    return count, total


class CountingProxy:
    """TCP relay counting bytes sent by the server: the same yardstick for both tools."""

    def __init__(self, target: int) -> None:
        self.target = target
        self.down = 0
        self.lock = threading.Lock()
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            s = socket.create_connection(("127.0.0.1", self.target))
            threading.Thread(target=self._pipe, args=(c, s, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(s, c, True), daemon=True).start()

    def _pipe(self, a, b, count) -> None:
        try:
            while data := a.recv(1 << 16):
                if count:
                    with self.lock:
                        self.down += len(data)
                b.sendall(data)
        except OSError:
            pass
        for x in (a, b):
            try:
                x.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def measure(self, cmd: list[str], env: dict) -> int:
        before = self.down
        timed(cmd, env)
        time.sleep(0.2)
        return self.down - before


def timed(cmd: list[str], env: dict) -> tuple[float, str, float]:
    """(wall seconds, output, CPU seconds user+sys of the process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return dt, p.stdout + p.stderr, cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--messages", type=int, default=20_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--peer-runs", type=int, default=7)
    args = ap.parse_args()
    py = sys.executable
    peer = shutil.which("imapdedup") or str(Path(py).parent / "imapdedup")
    if not Path(peer).exists():
        raise SystemExit("imapdedup not found: .venv/bin/pip install imapdedup")
    server = Dovecot().start()
    try:
        t = time.perf_counter()
        count, total = seed(server, args.messages)
        print(f"seeded {count} messages, {total / 1e6:.0f} MB in {time.perf_counter() - t:.1f} s "
              f"(dovecot on 127.0.0.1:{server.port})")
        env = dict(os.environ, BENCH_PW="secret")
        ours = [py, "-m", "cleanup_desktop", "mail-scan", "--host", "127.0.0.1", "--port", str(server.port),
                "--security", "insecure-plain", "--user", "test", "--password-env", "BENCH_PW", "--json"]
        theirs = [peer, "-s", "127.0.0.1", "-p", str(server.port), "-u", "test", "-w", "secret", "-n",
                  *FOLDERS]
        timed(ours, env)  # warm-up: Dovecot builds its index caches for the fetched fields
        timed(theirs, env)
        # alternate the two tools so that load from other processes hits both alike
        our_times, our_cpu, results, peer_times, peer_cpu, peer_out = [], [], [], [], [], ""
        for i in range(max(args.runs, args.peer_runs)):
            if i < args.runs:
                dt, out, cpu = timed(ours, env)
                our_times.append(dt)
                our_cpu.append(cpu)
                results.append(json.loads(out[: out.rindex("}") + 1]))
            if i < args.peer_runs:
                dt, peer_out, cpu = timed(theirs, env)
                peer_times.append(dt)
                peer_cpu.append(cpu)
        proxy = CountingProxy(server.port)
        via = [x if x != str(server.port) else str(proxy.port) for x in ours]
        ours_wire = proxy.measure(via, env)
        peer_wire = proxy.measure([x if x != str(server.port) else str(proxy.port) for x in theirs], env)
    finally:
        server.cleanup()
    r = results[-1]
    st = r["stats"]
    ours_med = statistics.median(our_times)
    peer_med = statistics.median(peer_times)
    pct = 100.0 * st["bytes_downloaded"] / st["bytes"]
    print(f"mailbox: {st['messages']} messages, {st['bytes'] / 1e6:.0f} MB in {len(r['folders'])} folders; "
          f"{len(r['duplicates'])} duplicate groups, {len(r['attachments'])} large attachments")
    print(f"ours  cleanup-desktop mail-scan: median {ours_med:.2f} s wall, {statistics.median(our_cpu):.2f} s CPU "
          f"(runs {', '.join(f'{x:.2f}' for x in our_times)}; in-process scan {st['seconds']:.2f} s)")
    print(f"      bytes read from the socket: {st['bytes_downloaded'] / 1e6:.2f} MB = {pct:.2f} % of the mailbox")
    if "confirm_bytes" in st:
        print(f"      of which duplicate candidates' content (confirmation): {st['confirm_bytes'] / 1e6:.2f} MB "
              f"(budget {st['confirm_budget'] / 1e6:.2f} MB; {st['split_groups']} candidate groups split, "
              f"{st['unconfirmed_groups']} left unconfirmed)")
    print(f"      bytes on the wire (counting proxy): ours {ours_wire / 1e6:.2f} MB, "
          f"imapdedup {peer_wire / 1e6:.2f} MB")
    print(f"peer  imapdedup -n: median {peer_med:.2f} s wall, {statistics.median(peer_cpu):.2f} s CPU "
          f"(runs {', '.join(f'{x:.2f}' for x in peer_times)})")
    last = [ln for ln in peer_out.splitlines() if ln.strip()][-3:]
    print("      peer said: " + " | ".join(last))
    print(f"ratio: imapdedup / ours = {peer_med / ours_med:.1f}x wall, "
          f"{statistics.median(peer_cpu) / statistics.median(our_cpu):.1f}x CPU; "
          f"bytes {peer_wire / max(1, ours_wire):.1f}x")
    print(f"targets: scan <= 3 s: {'met' if ours_med <= 3 else 'NOT met'}; downloaded <= 2 %: "
          f"{'met' if pct <= 2 else 'NOT met'}; >= 5x faster: {'met' if peer_med / ours_med >= 5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

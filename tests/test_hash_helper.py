"""Hashing on two cores (core.disk.hashpool, core.disk.hashhelper), issue 20.

The rule: a scan finds the same groups, the same errors and the same byte counts whether the
helper process runs (during the walk and in the usual stages), never starts, exits, is
killed half-way or answers garbage. Real helper processes, real files."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cleanup_desktop.core import gcpause
from cleanup_desktop.core.disk import hashpool, readers
from cleanup_desktop.core.disk.scan import ScanOptions, scan

pytestmark = pytest.mark.skipif(not readers.DIR_FD_OK, reason="the helper runs where files open relative to a folder")

BLOBS = [b"", b"a", b"b" * 10, b"c" * 4096, b"c" * 4095 + b"d", os.urandom(9000), b"e" * 200_000,
         b"e" * 199_999 + b"f", b"\x00" * 131_072, b"\x00" * 131_073]
NAMES = ["plain.txt", "espace é.txt", "line\nbreak", "bad\udcff-byte", "-dash", "x" * 200]


def opts(**kw) -> ScanOptions:
    return ScanOptions(min_size=1, use_cache=False, temp=False, large=False, old=False, **kw)


def findings(result) -> tuple:
    d = result.to_dict()
    groups = sorted((g["size"], g["digest"], tuple(g["paths"])) for g in d["duplicates"])
    errors = sorted((e["path"], e.get("code")) for e in d["errors"])
    return groups, errors, d["stats"]["bytes_hashed"]


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of a few files, so a small tree makes many (during the walk and after)."""
    monkeypatch.setattr(hashpool.Early, "BATCH", 3)
    monkeypatch.setattr(hashpool.Early, "START_AFTER", 3)
    from cleanup_desktop.core.disk import hashing

    real = hashing.batched
    monkeypatch.setattr(hashing, "batched", lambda items, weight, max_items=4, max_weight=16 << 20: real(items, weight, 4, max_weight))


def helper_on(monkeypatch, on: bool) -> None:
    monkeypatch.setenv("CLEANUP_DESKTOP_HASH_HELPER", "1" if on else "0")


def build(root: Path, picks: list[tuple[int, int, int]]) -> None:
    for i, (d, n, b) in enumerate(picks):
        folder = root / f"d{d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i}-{NAMES[n]}").write_bytes(BLOBS[b])


def count_answers(monkeypatch) -> list[int]:
    """The number of batches helpers answered, over the test."""
    answered = [0]
    real = hashpool.Helper.decode

    def decode(self, body, batch):
        out = real(self, body, batch)
        if out is not None:
            answered[0] += 1
        return out

    monkeypatch.setattr(hashpool.Helper, "decode", decode)
    return answered


trees = st.lists(st.tuples(st.integers(0, 4), st.integers(0, len(NAMES) - 1), st.integers(0, len(BLOBS) - 1)),
                 min_size=2, max_size=60)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(picks=trees)
def test_the_helper_changes_nothing_found(small_batches, monkeypatch, picks):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, picks)
        helper_on(monkeypatch, False)
        alone = findings(scan([str(root)], opts()))
        helper_on(monkeypatch, True)
        answered = count_answers(monkeypatch)
        assert findings(scan([str(root)], opts())) == alone
        candidates = sum(1 for _d, _n, b in picks if BLOBS[b])
        if candidates >= 8:
            assert answered[0] > 0, "the helper never answered"


def test_the_helper_works_during_the_walk_and_after(small_batches, monkeypatch, tmp_path):
    build(tmp_path, [(i % 5, i % len(NAMES), 2 + i % 8) for i in range(120)])
    helper_on(monkeypatch, False)
    alone = findings(scan([str(tmp_path)], opts()))
    helper_on(monkeypatch, True)
    early_done = []
    real_finish = hashpool.Early.finish
    monkeypatch.setattr(hashpool.Early, "finish", lambda self: early_done.append(real_finish(self)) or early_done[-1])
    answered = count_answers(monkeypatch)
    assert findings(scan([str(tmp_path)], opts())) == alone
    assert early_done and early_done[0], "nothing was hashed during the walk"
    assert answered[0] > len(early_done[0]) // 3, "the usual stages did not use the helper"
    assert len(alone[0]) > 5


@pytest.mark.parametrize("when", [1, 3, 8])
def test_a_helper_killed_half_way_loses_nothing(small_batches, monkeypatch, tmp_path, when):
    build(tmp_path, [(i % 5, i % len(NAMES), 2 + i % 8) for i in range(120)])
    helper_on(monkeypatch, False)
    alone = findings(scan([str(tmp_path)], opts()))
    helper_on(monkeypatch, True)
    sends = [0]
    procs = []
    real_send = hashpool.Helper.send

    def send(self, *args):
        sends[0] += 1
        procs.append(self.proc)
        if sends[0] == when:
            self.proc.kill()
            self.proc.wait()
        return real_send(self, *args)

    monkeypatch.setattr(hashpool.Helper, "send", send)
    assert findings(scan([str(tmp_path)], opts())) == alone
    assert sends[0] >= when
    assert all(p.poll() is not None for p in procs), "a helper process was left running"


GARBAGE = r"""
import marshal, os, struct, sys
kind = sys.argv[1]
while True:
    head = os.read(0, 4)
    if len(head) < 4:
        break
    (n,) = struct.unpack("<I", head)
    body = b""
    while len(body) < n:
        body += os.read(0, n - len(body))
    stage, cold, folders, batch, reading = marshal.loads(body)
    m = len(batch)
    if kind == "short-digests":
        reply = (b"\x00" * (16 * m - 1), [0] * m, {})
    elif kind == "missing-count":
        reply = (b"\x00" * (16 * m), [0] * (m - 1), {})
    elif kind == "not-marshal":
        out = b"\xff" * 9
        os.write(1, struct.pack("<I", len(out)) + out)
        continue
    elif kind == "huge-length":
        os.write(1, struct.pack("<I", 2**32 - 1))
        continue
    elif kind == "error-elsewhere":
        reply = (b"\x00" * (16 * m), [0] * m, {m: ("os", 2, "gone", None)})
    else:  # rows, the wrong shape
        reply = [(i, b"\x00" * 16, 0, None) for i, _d, _n, _s in batch]
    out = marshal.dumps(reply)
    os.write(1, struct.pack("<I", len(out)) + out)
"""


@pytest.mark.parametrize("kind", ["short-digests", "missing-count", "not-marshal", "huge-length", "error-elsewhere", "rows"])
def test_a_helper_answering_garbage_is_not_believed(small_batches, monkeypatch, tmp_path, kind):
    build(tmp_path, [(i % 5, i % len(NAMES), 2 + i % 8) for i in range(60)])
    helper_on(monkeypatch, False)
    alone = findings(scan([str(tmp_path)], opts()))
    helper_on(monkeypatch, True)
    monkeypatch.setattr(hashpool.Helper, "command", staticmethod(lambda: [sys.executable, "-c", GARBAGE, kind]))
    assert findings(scan([str(tmp_path)], opts())) == alone


@pytest.mark.parametrize("command", [["/nonexistent/python3"], [sys.executable, "-c", "pass"],
                                     [sys.executable, "-c", "import sys; sys.stdin.read(3); sys.exit(1)"]])
def test_a_helper_that_cannot_start_or_exits_at_once_loses_nothing(small_batches, monkeypatch, tmp_path, command):
    build(tmp_path, [(i % 5, i % len(NAMES), 2 + i % 8) for i in range(60)])
    helper_on(monkeypatch, False)
    alone = findings(scan([str(tmp_path)], opts()))
    helper_on(monkeypatch, True)
    monkeypatch.setattr(hashpool.Helper, "command", staticmethod(lambda: list(command)))
    assert findings(scan([str(tmp_path)], opts())) == alone


def test_errors_found_by_the_helper_are_reported_like_ours(small_batches, monkeypatch, tmp_path):
    """A file that turns into a folder's name (gone) between the walk and its reading: the
    same error with the helper as without it."""
    build(tmp_path, [(i % 3, 0, 3) for i in range(30)])
    victim = sorted((tmp_path / "d1").iterdir())[0]
    from cleanup_desktop.core.disk import duplicates

    real = duplicates.find_duplicates

    def remove_then_find(*args, **kwargs):
        if victim.exists():
            victim.unlink()
        return real(*args, **kwargs)

    monkeypatch.setattr("cleanup_desktop.core.disk.scan.find_duplicates", remove_then_find)
    monkeypatch.setattr(hashpool.Early, "START_AFTER", 10**9)  # the victim must still be there for the walk
    monkeypatch.setattr(hashpool.Early, "BATCH", 10**9)
    results = []
    for on in (False, True):
        helper_on(monkeypatch, on)
        victim.write_bytes(BLOBS[3])
        results.append(findings(scan([str(tmp_path)], opts())))
    assert results[0] == results[1]
    assert [code for _p, code in results[0][1]] == ["scan.vanished"]


def test_cancel_while_the_helper_works_stops_and_reaps_it(small_batches, monkeypatch, tmp_path):
    from cleanup_desktop.core.progress import CancelToken

    build(tmp_path, [(i % 5, 0, 2 + i % 8) for i in range(200)])
    helper_on(monkeypatch, True)
    token = CancelToken()
    procs = []
    real_init = hashpool.Helper.__init__

    def init(self):
        real_init(self)
        procs.append(self.proc)

    monkeypatch.setattr(hashpool.Helper, "__init__", init)
    real_send = hashpool.Helper.send
    sends = [0]

    def send(self, *args):
        real_send(self, *args)
        sends[0] += 1
        if sends[0] == 3:
            token.cancel()  # batches are at the helper now

    monkeypatch.setattr(hashpool.Helper, "send", send)
    result = scan([str(tmp_path)], opts(), cancel=token)
    assert result.cancelled and sends[0] >= 3
    assert procs and all(p.poll() is not None for p in procs)


def test_helper_off_where_asked_or_where_it_cannot_run(monkeypatch):
    monkeypatch.setenv("CLEANUP_DESKTOP_HASH_HELPER", "0")
    assert not hashpool.possible()
    monkeypatch.setenv("CLEANUP_DESKTOP_HASH_HELPER", "")
    monkeypatch.setattr(sys, "executable", "/Applications/Cleanup Desktop.app/Contents/MacOS/Cleanup Desktop")
    assert not hashpool.possible(), "a packaged app's executable would start the app again"
    monkeypatch.setattr(sys, "executable", "/usr/bin/python3.11")
    assert hashpool.possible()
    assert not hashpool.wanted(10, 10_000) and hashpool.wanted(hashpool.HELPER_MIN_FILES, 0)
    monkeypatch.setattr(readers, "DIR_FD_OK", False)
    assert not hashpool.possible()


@given(st.lists(st.tuples(st.binary(min_size=16, max_size=16), st.integers(0, 9000), st.booleans()), min_size=1, max_size=6),
       st.sampled_from(["short-digests", "long-digests", "count-missing", "count-extra", "negative", "too-many-bytes",
                        "float-count", "huge-count", "error-kind", "error-position", "error-with-bytes", "not-tuple",
                        "text-digests"]))
def test_a_malformed_reply_is_always_refused(rows, damage):
    batch = [(100 + i, 0, f"f{i}", 5000) for i in range(len(rows))]
    digests = b"".join(b"\x00" * 16 if failed else d for d, _n, failed in rows)
    counts = [0 if failed else min(n, 5000) for _d, n, failed in rows]
    errors = {k: ("os", 13, "denied", None) for k, (_d, _n, failed) in enumerate(rows) if failed}
    assert hashpool._checked((digests, counts, errors), batch) == (digests, counts, errors)
    if damage == "short-digests":
        reply = (digests[:-1], counts, errors)
    elif damage == "long-digests":
        reply = (digests + b"\x00" * 16, counts, errors)
    elif damage == "count-missing":
        reply = (digests, counts[1:], errors)
    elif damage == "count-extra":
        reply = (digests, counts + [0], errors)
    elif damage == "negative":
        reply = (digests, [-1] + counts[1:], errors)
    elif damage == "too-many-bytes":
        reply = (digests, [10**6] + counts[1:], errors)
    elif damage == "float-count":
        reply = (digests, [0.5] + counts[1:], errors)
    elif damage == "huge-count":
        reply = (digests, [2**70] + counts[1:], errors)
    elif damage == "error-kind":
        reply = (digests, [0] + counts[1:], {0: ("boom",)})
    elif damage == "error-position":
        reply = (digests, counts, {**errors, len(rows): ("changed",)})
    elif damage == "error-with-bytes":
        reply = (digests, [7] + counts[1:], {0: ("changed",)})
    elif damage == "not-tuple":
        reply = [digests, counts, errors]
    else:
        reply = (digests.hex(), counts, errors)
    assert hashpool._checked(reply, batch) is None


def test_the_collector_pause_nests_and_restores(monkeypatch):
    import gc

    assert gc.isenabled()
    with gcpause.paused():
        assert not gc.isenabled()
        with gcpause.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with gcpause.paused():
            pass
        assert not gc.isenabled(), "a collector turned off before stays off"
    finally:
        gc.enable()


def test_a_request_taken_back_before_it_was_written_tells_its_folders_again(tmp_path, monkeypatch):
    """Each folder's path is sent to the helper once; a request dropped before it reached the
    pipe (the walk ended) must not leave the helper without a folder a later request needs."""
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        for i in range(3):
            (tmp_path / d / f"f{i}").write_bytes(b"x" * (100 + i))
    dirs = [(str(tmp_path / "a"), 0, 0), (str(tmp_path / "b"), 0, 0)]
    helper = hashpool.Helper()
    try:
        real_write = os.write
        blocked = {"on": True}

        def write(fd, data):
            if fd == helper.wfd and blocked["on"]:
                raise BlockingIOError()
            return real_write(fd, data)

        monkeypatch.setattr(hashpool.os, "write", write)
        first = [(0, 1, "f0", 100), (1, 1, "f1", 101)]
        helper.send("partial", False, dirs, first, ("t", first))  # stays unsent: the pipe "is full"
        assert helper.queued() == 1 and helper.drop_unsent() == [("t", first)]
        blocked["on"] = False
        again = [(2, 1, "f2", 102), (3, 0, "f0", 100)]
        helper.send("partial", False, dirs, again, ("t", again))
        while helper.queued():
            helper.wait()
            got = helper.take()
        (_tag, rows), = got
        assert rows is not None and helper.alive
        assert [(i, err) for i, _d, _n, err in rows] == [(2, None), (3, None)]
    finally:
        helper.close()


def test_the_scan_holds_the_collector_off_only_while_it_runs(tmp_path):
    import gc

    (tmp_path / "a").write_bytes(b"x" * 100)
    (tmp_path / "b").write_bytes(b"x" * 100)
    during = []
    result = scan([str(tmp_path)], opts(), progress=lambda ev: during.append(gc.isenabled()))
    assert during and not any(during)
    assert gc.isenabled()
    result.write_json(__import__("io").StringIO())
    assert gc.isenabled()

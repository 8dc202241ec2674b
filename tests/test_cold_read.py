"""The duplicate finder's cold-cache read path (files opened a window ahead with read-ahead
hints, core.disk.readers.hash_ahead) finds exactly what the warm path finds."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.disk import hashing, readers, walk
from cleanup_desktop.core.disk.scan import ScanOptions, scan

pytestmark = pytest.mark.skipif(not readers.FADVISE, reason="no posix_fadvise: the cold path is not used here")

BLOBS = [b"a" * 100, b"b" * 100, b"c" * 5000, b"c" * 4999 + b"d", bytes(range(256)) * 600, bytes(range(256)) * 599 + b"x" * 256]


def groups(result) -> set[frozenset[str]]:
    return {frozenset(g["paths"]) for g in result.to_dict()["duplicates"]}


def cold(monkeypatch) -> None:
    """Every first batch counts as waiting for the disk (threads and the read-ahead path for
    the batches after it), and batches are small so that a small tree has several."""
    monkeypatch.setattr(hashing, "SLOW_BATCH_S", -1.0)
    real = hashing.batched
    monkeypatch.setattr(hashing, "batched", lambda items, weight, max_items=8, max_weight=16 << 20: real(items, weight, 8, max_weight))


def opts() -> ScanOptions:
    return ScanOptions(min_size=1, use_cache=False, temp=False, large=False, old=False, folders=False)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(0, len(BLOBS) - 1), min_size=40, max_size=120), st.integers(1, 40))
def test_cold_read_path_finds_what_the_warm_path_finds(picks, ahead):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, b in enumerate(picks):
            d = root / f"d{i % 7}"
            d.mkdir(exist_ok=True)
            (d / f"f{i}").write_bytes(BLOBS[b])
        warm = groups(scan([str(root)], opts()))
        with pytest.MonkeyPatch.context() as mp:
            cold(mp)
            mp.setattr(readers, "READ_AHEAD_FILES", ahead)
            calls = []
            real = readers.will_need
            mp.setattr(readers, "will_need", lambda *a: (calls.append(a), real(*a)))
            assert groups(scan([str(root)], opts())) == warm
            assert calls, "the read-ahead path did not run"
        expected = {}
        for i, b in enumerate(picks):
            expected.setdefault(b, set()).add(str(root / f"d{i % 7}" / f"f{i}"))
        assert warm == {frozenset(v) for v in expected.values() if len(v) > 1}


def test_a_file_gone_before_it_is_read_is_an_error_and_the_rest_is_grouped(tmp_path, monkeypatch):
    cold(monkeypatch)
    for i in range(60):
        (tmp_path / f"f{i:02}").write_bytes(b"same bytes" * 50)  # f30: in a later batch (read ahead)
    real_run = walk.Walker.run

    def run_then_delete(self):
        real_run(self)
        (tmp_path / "f30").unlink()

    monkeypatch.setattr(walk.Walker, "run", run_then_delete)
    result = scan([str(tmp_path)], opts())
    d = result.to_dict()
    assert [e["path"] for e in d["errors"]] == [str(tmp_path / "f30")]
    assert len(d["duplicates"]) == 1 and len(d["duplicates"][0]["paths"]) == 59

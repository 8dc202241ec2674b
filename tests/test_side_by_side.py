"""The full stage reads a group's files side by side and stops reading a file the moment no
other file of its group matches it (core.disk.readers.hash_groups), issue 20.

The rule: the groups found are exactly those of reading every file whole; a file is read no
further than the chunk in which it stopped matching every other file of its group."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cleanup_desktop.core.disk import readers
from cleanup_desktop.core.disk.scan import ScanOptions, scan

CHUNK = 4096
SIZE = 40_000  # > WHOLE (below): every file reaches the full stage


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(readers, "CHUNK", CHUNK)
    monkeypatch.setattr(readers, "WHOLE_READ_LIMIT", 8192)


def opts() -> ScanOptions:
    return ScanOptions(min_size=1, use_cache=False, temp=False, large=False, old=False, folders=False)


def found(root: Path) -> tuple[set[frozenset[str]], int]:
    result = scan([str(root)], opts())
    d = result.to_dict()
    return {frozenset(g["paths"]) for g in d["duplicates"]}, d["stats"]["bytes_hashed"]


BASE = bytes(range(256)) * (SIZE // 256) + bytes(SIZE % 256)

# Each file: which variant of the shared content it is (variant v differs from the base from
# offset 8192 + v * 3000 on: head and tail stay the same, so the first stage cannot tell).
files = st.lists(st.integers(0, 6), min_size=2, max_size=12)


def content(variant: int) -> bytes:
    if variant == 0:
        return BASE
    at = 8192 + variant * 3000
    return BASE[:at] + bytes([variant]) * (SIZE - 4096 - at) + BASE[SIZE - 4096:]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(variants=files, helper=st.booleans())
def test_side_by_side_finds_what_whole_reads_find_and_stops_early(small_chunks, monkeypatch, variants, helper):
    monkeypatch.setenv("CLEANUP_DESKTOP_HASH_HELPER", "1" if helper else "0")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for i, v in enumerate(variants):
            (root / f"f{i}").write_bytes(content(v))
        side_groups, side_bytes = found(root)
        with monkeypatch.context() as mp:
            mp.setattr(readers, "LOCKSTEP_MAX", 1)  # every file read whole, alone
            whole_groups, whole_bytes = found(root)
        expected: dict[int, set[str]] = {}
        for i, v in enumerate(variants):
            expected.setdefault(v, set()).add(str(root / f"f{i}"))
        assert side_groups == whole_groups == {frozenset(p) for p in expected.values() if len(p) > 1}
        # The bound: a file with no twin is read no further than the chunk holding the last
        # offset at which some other file still matched it (its first byte differing from
        # every other file's), after the first stage's head and tail.
        def first_difference(v: int, w: int) -> int:
            return 8192 + (max(v, w) if min(v, w) == 0 else min(v, w)) * 3000

        bound = len(variants) * 2 * readers.EDGE
        for v in set(variants):
            n = variants.count(v)
            if n > 1:
                bound += n * SIZE
            elif len(set(variants)) > 1:
                differs = max(first_difference(v, w) for w in set(variants) if w != v)
                bound += -(-(differs + 1) // CHUNK) * CHUNK
        assert side_bytes <= bound
        assert side_bytes <= whole_bytes


def test_a_group_of_identical_files_is_read_whole(small_chunks, tmp_path):
    for i in range(3):
        (tmp_path / f"same{i}").write_bytes(BASE)
    groups, nbytes = found(tmp_path)
    assert groups == {frozenset(str(tmp_path / f"same{i}") for i in range(3))}
    assert nbytes == 3 * (2 * readers.EDGE) + 3 * SIZE


def test_a_file_that_grows_while_read_side_by_side_is_an_error(small_chunks, monkeypatch, tmp_path):
    for i in range(3):
        (tmp_path / f"same{i}").write_bytes(BASE)
    real = readers._read_at
    grown = []

    def read_at(fd, view, offset):
        if offset == 0 and not grown:
            with open(tmp_path / "same1", "ab") as f:
                f.write(b"more")
            grown.append(True)
        return real(fd, view, offset)

    monkeypatch.setattr(readers, "_read_at", read_at)
    result = scan([str(tmp_path)], opts()).to_dict()
    assert grown
    assert [g["paths"] for g in result["duplicates"]] == [[str(tmp_path / "same0"), str(tmp_path / "same2")]]
    assert [e["code"] for e in result["errors"]] == ["scan.changed"]
    assert os.path.getsize(tmp_path / "same1") == SIZE + 4


def test_files_read_to_their_end_keep_their_digest_for_the_cache(monkeypatch, tmp_path):
    """Unique files told apart only in their last chunk were read whole: their digest is kept
    in the hash cache, and a rescan reads nothing again."""
    monkeypatch.setattr(readers, "CHUNK", 65536)  # every file in one chunk
    monkeypatch.setattr(readers, "WHOLE_READ_LIMIT", 8192)
    root = tmp_path / "r"
    root.mkdir()
    for i, v in enumerate([0, 0, 1, 2, 3]):
        (root / f"f{i}").write_bytes(content(v))
    cached = ScanOptions(min_size=1, use_cache=True, cache_path=str(tmp_path / "cache.sqlite3"), temp=False,
                         large=False, old=False, folders=False)
    first = scan([str(root)], cached).to_dict()
    again = scan([str(root)], cached).to_dict()
    assert [g["paths"] for g in first["duplicates"]] == [[str(root / "f0"), str(root / "f1")]]
    assert again["duplicates"] == first["duplicates"]
    assert again["stats"]["bytes_hashed"] == 0 and again["stats"]["cache_hits"] == 5

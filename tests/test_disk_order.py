"""The full stage's groups are read in on-disk order where the file system says where data
lies (Linux FIEMAP), and in inode order otherwise (core.disk.readers.disk_order), issue 20.

The rule: disk_order returns the same groups, sorted by their first file's physical offset
when every group's is known, untouched when any is not; the scan finds the same groups
either way."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.disk import duplicates, readers
from cleanup_desktop.core.disk.scan import ScanOptions, scan


def placed(path: Path) -> bool:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        return readers.physical_offset(fd) is not None
    finally:
        os.close(fd)


@pytest.fixture
def fiemap_dir(tmp_path):
    probe = tmp_path / "probe"
    probe.write_bytes(os.urandom(10_000))
    if not readers.HAVE_FIEMAP or not placed(probe):
        pytest.skip("no FIEMAP on this file system")
    return tmp_path


def test_data_not_placed_yet_has_no_offset(fiemap_dir):
    """Delayed allocation: written, not yet flushed, the data has no place on the disk."""
    path = fiemap_dir / "fresh"
    with open(path, "wb") as f:
        f.write(os.urandom(300_000))
        f.flush()
        fd = os.open(path, os.O_RDONLY)
        try:
            before = readers.physical_offset(fd)
            os.fsync(f.fileno())
            after = readers.physical_offset(fd)
        finally:
            os.close(fd)
    assert after is not None and after > 0
    assert before is None or before == after  # None where the file system delays allocation (ext4, XFS)


def test_no_offset_where_there_is_no_fiemap(tmp_path):
    shm = Path("/dev/shm")
    if not shm.is_dir():
        pytest.skip("no tmpfs at /dev/shm")
    path = shm / f"cleanup-desktop-test-{os.getpid()}"
    path.write_bytes(b"x" * 5000)
    try:
        fd = os.open(path, os.O_RDONLY)
        try:
            assert readers.physical_offset(fd) is None
        finally:
            os.close(fd)
    finally:
        path.unlink()


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(1, 3), min_size=1, max_size=12), st.randoms(use_true_random=False), st.booleans())
def test_disk_order_sorts_by_place_or_leaves_alone(sizes, rnd, one_unknown):
    base = Path(os.environ.get("TMPDIR", "/var/tmp")) / f"cleanup-desktop-order-{os.getpid()}"
    base.mkdir(exist_ok=True)
    try:
        dirs = [(str(base), 0, 0)]
        groups, n = [], 0
        for g, count in enumerate(sizes):
            group = []
            for _ in range(count):
                name = f"f{n}"
                (base / name).write_bytes(os.urandom(5000 + rnd.randrange(50_000)))
                group.append((n, 0, name, 0))
                n += 1
            groups.append(group)
        for path in base.iterdir():
            fd = os.open(path, os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
        rnd.shuffle(groups)
        where = {}
        for group in groups:
            fd = os.open(base / group[0][2], os.O_RDONLY)
            where[group[0][0]] = readers.physical_offset(fd)
            os.close(fd)
        real = readers.physical_offset
        if one_unknown:
            victim = groups[-1][0][2]
            victim_ino = os.stat(base / victim).st_ino

            def some_unknown(fd):
                return None if os.fstat(fd).st_ino == victim_ino else real(fd)

            readers.physical_offset = some_unknown
        try:
            out = readers.disk_order(dirs, [list(g) for g in groups])
        finally:
            readers.physical_offset = real
        assert sorted(map(tuple, map(tuple, out))) == sorted(map(tuple, map(tuple, groups)))
        if one_unknown or None in where.values():
            assert out == groups
        else:
            assert [where[g[0][0]] for g in out] == sorted(where[g[0][0]] for g in groups)
    finally:
        for path in base.iterdir():
            path.unlink()
        base.rmdir()


def test_the_scan_finds_the_same_groups_in_disk_order(monkeypatch, tmp_path):
    rng = random.Random(7)
    blobs = [os.urandom(300_000) for _ in range(6)]
    for i in range(30):
        (tmp_path / f"f{i}").write_bytes(blobs[rng.randrange(6)])
    opts = ScanOptions(min_size=1, use_cache=False, temp=False, large=False, old=False, folders=False)
    calls = []
    real = readers.disk_order
    monkeypatch.setattr(readers, "disk_order", lambda *a: calls.append(1) or real(*a))
    monkeypatch.setattr(duplicates, "DISK_ORDER_BYTES", 1)
    ordered = {frozenset(g["paths"]) for g in scan([str(tmp_path)], opts).to_dict()["duplicates"]}
    monkeypatch.setattr(duplicates, "DISK_ORDER_BYTES", 1 << 62)
    plain = {frozenset(g["paths"]) for g in scan([str(tmp_path)], opts).to_dict()["duplicates"]}
    assert calls and ordered == plain and len(plain) == 6

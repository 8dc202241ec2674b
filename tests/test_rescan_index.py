"""The rescan index (core.disk.rescan): a rescan answered from the last scan's index equals a
fresh full scan of the same folders, whatever changed in between; an unchanged tree is
answered from the index (re-stat only, nothing read)."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from cleanup_desktop.core.disk import rescan
from cleanup_desktop.core.disk.rescan import ScanIndex
from cleanup_desktop.core.disk.scan import ScanOptions, scan

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the index is kept where directory entries carry inodes")

RACY_TEST_NS = 30_000_000  # the tests' file system (ext4/tmpfs) stamps times from a clock of a few ms
VOLATILE_STATS = {"seconds", "bytes_hashed", "cache_hits", "rescan_reused"}
THREE_YEARS = 3 * 365 * 86400

CONTENTS = [b"", b"a" * 10, b"b" * 10, b"a" * 9 + b"b", b"x" * 5000, b"y" * 5000, b"x" * 4999 + b"z", b"q" * 200_000]
NAMES = ["a.txt", "b.txt", "c.bin", "d", "e.tmp", "photo.jpg", "f g.doc"]
DIRS = ["", "sub", "sub/deeper", "other", "other/x"]


def settle() -> None:
    """Let every timestamp written so far fall out of the racy window."""
    time.sleep(RACY_TEST_NS / 1e9 + 0.01)


def options(**kw) -> ScanOptions:
    base = dict(min_size=1, use_cache=False, temp=True, large_min_size=1000, old_min_size=1000, large_top=5, old_top=5)
    base.update(kw)
    return ScanOptions(**base)


def findings(result) -> dict:
    d = result.to_dict()
    d.pop("started"), d.pop("finished"), d.pop("disk_usage")
    d["stats"] = {k: v for k, v in d["stats"].items() if k not in VOLATILE_STATS}
    return d


def build(root: Path, files: list[tuple[int, int, int, bool]]) -> None:
    for di, ni, ci, old in files:
        p = root / DIRS[di] / NAMES[ni]
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(CONTENTS[ci])
        if old:
            t = time.time() - THREE_YEARS
            os.utime(p, (t, t))


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def apply(root: Path, change: tuple[str, int, int]) -> None:
    kind, a, b = change
    files = files_under(root)
    target = files[a % len(files)] if files else None
    if kind == "rewrite-same-size" and target is not None:
        data = target.read_bytes()
        target.write_bytes(bytes(reversed(data)) if len(set(data)) > 1 else data[:-1] + b"!" if data else b"")
    elif kind == "append" and target is not None:
        with open(target, "ab") as f:
            f.write(CONTENTS[b % len(CONTENTS)][:100] or b"+")
    elif kind == "delete" and target is not None:
        target.unlink()
    elif kind == "rename" and target is not None:
        target.rename(target.with_name("renamed-" + target.name))
    elif kind == "new-file":
        p = root / DIRS[a % len(DIRS)] / ("new-" + NAMES[b % len(NAMES)])
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(CONTENTS[b % len(CONTENTS)])
    elif kind == "new-folder":
        p = root / DIRS[a % len(DIRS)] / f"made{b}"
        p.mkdir(parents=True, exist_ok=True)
        (p / "copy.bin").write_bytes(CONTENTS[b % len(CONTENTS)])
    elif kind == "hard-link" and target is not None:
        link = target.with_name("link-" + target.name)
        if not link.exists():
            os.link(target, link)
    elif kind == "symlink":
        link = root / DIRS[a % len(DIRS)] / f"ln{b}"
        if link.parent.is_dir() and not os.path.lexists(link):
            os.symlink(str(root / "missing") if b % 2 else str(target or root), link)
    elif kind == "age" and target is not None:
        t = time.time() - THREE_YEARS
        os.utime(target, (t, t))
    elif kind == "touch" and target is not None:
        os.utime(target)  # mtime now, same bytes
    elif kind == "chmod" and target is not None:
        os.chmod(target, 0o600 if b % 2 else 0o644)
    elif kind == "remove-folder":
        d = root / DIRS[1 + a % (len(DIRS) - 1)]
        shutil.rmtree(d, ignore_errors=True)
    elif kind == "link-target-appears":
        (root / "missing").write_bytes(b"now here")


CHANGE_KINDS = ["rewrite-same-size", "append", "delete", "rename", "new-file", "new-folder", "hard-link",
                "symlink", "age", "touch", "chmod", "remove-folder", "link-target-appears"]

file_specs = st.lists(
    st.tuples(st.integers(0, len(DIRS) - 1), st.integers(0, len(NAMES) - 1), st.integers(0, len(CONTENTS) - 1), st.booleans()),
    min_size=1, max_size=14,
)
changes = st.lists(st.tuples(st.sampled_from(CHANGE_KINDS), st.integers(0, 50), st.integers(0, 50)), max_size=4)


@pytest.fixture
def racy_window(monkeypatch):
    monkeypatch.setattr(rescan, "RACY_NS", RACY_TEST_NS)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=file_specs, steps=st.lists(changes, min_size=1, max_size=3))
def test_rescan_equals_a_fresh_full_scan(racy_window, files, steps):
    """Random tree, random changes between scans: each rescan through the index gives exactly
    the findings of a full scan made without it; with no change it is answered from the index."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "tree"
        build(root, files)
        os.symlink(str(root / "missing"), root / "dangling")
        settle()
        index = ScanIndex()
        first = scan([str(root)], options(), index=index)
        assert findings(first) == findings(scan([str(root)], options()))
        for step in steps:
            for change in step:
                apply(root, change)
            settle()
            hits = index.hits
            again = scan([str(root)], options(), index=index)
            assert findings(again) == findings(scan([str(root)], options()))
            assert again.stats.get("rescan_reused", False) == (index.hits == hits + 1)
            if not step:  # nothing changed since a scan that saw every timestamp settled
                assert index.hits == hits + 1


def test_unchanged_tree_is_answered_from_the_index(racy_window, tmp_path):
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, True), (2, 2, 7, False), (3, 3, 1, False)])
    settle()
    index = ScanIndex()
    first = scan([str(tmp_path / "t")], options(), index=index)
    first_dict = findings(first)
    settle()
    again = scan([str(tmp_path / "t")], options(), index=index)
    assert index.hits == 1 and again.stats["rescan_reused"] is True
    assert again.stats["bytes_hashed"] == 0
    assert findings(again) == first_dict
    assert len(first_dict["duplicates"]) == 1 and len(first_dict["old"]) == 1


def test_a_file_changed_in_the_scans_clock_tick_is_never_vouched_for(tmp_path, monkeypatch):
    """Racily clean: a file written just before the scan could change again in the same clock
    tick without its times showing it, so its folder is re-read by the next rescan."""
    monkeypatch.setattr(rescan, "RACY_NS", 10 * 1_000_000_000)
    build(tmp_path / "t", [(0, 0, 4, False), (0, 1, 4, False)])
    index = ScanIndex()
    scan([str(tmp_path / "t")], options(), index=index)
    (tmp_path / "t" / "b.txt").write_bytes(b"X" * 5000)  # same size, possibly the same mtime
    again = scan([str(tmp_path / "t")], options(), index=index)
    assert index.hits == 0 and not again.stats.get("rescan_reused")
    assert again.to_dict()["duplicates"] == []


def test_other_options_or_folders_need_a_full_scan(racy_window, tmp_path):
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, False)])
    (tmp_path / "u").mkdir()
    settle()
    index = ScanIndex()
    scan([str(tmp_path / "t")], options(), index=index)
    assert not scan([str(tmp_path / "t")], options(min_size=6000), index=index).stats.get("rescan_reused")
    assert not scan([str(tmp_path / "t"), str(tmp_path / "u")], options(min_size=6000), index=index).stats.get("rescan_reused")
    assert scan([str(tmp_path / "t"), str(tmp_path / "u")], options(min_size=6000), index=index).stats["rescan_reused"]


def test_a_folder_with_an_error_is_never_vouched_for(racy_window, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every folder")
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, False)])
    locked = tmp_path / "t" / "locked"
    locked.mkdir()
    os.chmod(locked, 0)
    try:
        settle()
        index = ScanIndex()
        first = scan([str(tmp_path / "t")], options(), index=index)
        assert first.errors
        again = scan([str(tmp_path / "t")], options(), index=index)
        assert not again.stats.get("rescan_reused")
    finally:
        os.chmod(locked, 0o700)


def test_the_apps_rescan_goes_through_the_index(racy_window, tmp_path, monkeypatch):
    """The GUI's scan (gui.engine.disk.run_scan) keeps the index between scans: the rescan of
    an unchanged folder is answered from it, and after a deletion it is a full scan again."""
    from cleanup_desktop.gui.engine import disk as engine_disk

    monkeypatch.setenv("CLEANUP_DESKTOP_CACHE_DIR", str(tmp_path / "cache"))  # where it keeps the index between runs
    monkeypatch.setattr(engine_disk, "_INDEX", None)
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, False), (2, 2, 4, False)])
    settle()
    opts = options()
    first = engine_disk.run_scan([str(tmp_path / "t")], opts)
    assert not first["stats"].get("rescan_reused")
    again = engine_disk.run_scan([str(tmp_path / "t")], opts)
    assert again["stats"]["rescan_reused"] is True
    assert again["duplicates"] == first["duplicates"] and len(first["duplicates"][0]["paths"]) == 3
    (tmp_path / "t" / DIRS[1] / NAMES[1]).unlink()  # what a cleanup does
    after = engine_disk.run_scan([str(tmp_path / "t")], opts)
    assert not after["stats"].get("rescan_reused")
    assert [len(g["paths"]) for g in after["duplicates"]] == [2]


def test_the_rescan_reports_progress_and_can_be_cancelled(racy_window, tmp_path):
    from cleanup_desktop.core.progress import CancelToken

    build(tmp_path / "t", [(d, n, 1, False) for d in range(len(DIRS)) for n in range(len(NAMES))])
    for i in range(4200):  # enough entries for a progress event during the re-stat
        (tmp_path / "t" / "other" / f"n{i}").write_bytes(b"")
    settle()
    index = ScanIndex()
    scan([str(tmp_path / "t")], options(), index=index)
    events = []
    again = scan([str(tmp_path / "t")], options(), progress=events.append, index=index)
    assert again.stats["rescan_reused"] is True
    walk_events = [e for e in events if e.phase == "walk"]
    assert walk_events and all(isinstance(e.bytes_done, int) and e.items_done > 0 for e in walk_events)
    token = CancelToken()
    token.cancel()
    cancelled = scan([str(tmp_path / "t")], options(), cancel=token, index=index)
    assert cancelled.cancelled and not cancelled.stats.get("rescan_reused")


def test_an_index_read_back_compares_stable_digests(racy_window, tmp_path):
    """In memory the folders' signatures are compared as Python's hash of the same tuples; an
    index read back from its file has only the stable digests, and they are what its rescans
    compare: a change is still seen."""
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, True), (2, 2, 7, False)])
    settle()
    index = ScanIndex()
    scan([str(tmp_path / "t")], options(), index=index)
    walker = index.walker
    assert len(walker.dir_hsigs) == len(walker.dirs) and None not in walker.dir_hsigs
    walker.dir_hsigs = [h ^ 1 for h in walker.dir_hsigs]  # the in-process hashes are what is compared
    settle()
    assert not scan([str(tmp_path / "t")], options(), index=index).stats.get("rescan_reused", False)
    scan([str(tmp_path / "t")], options(), index=index)
    index.walker.dir_hsigs = []  # what rescan_store.load leaves
    settle()
    again = scan([str(tmp_path / "t")], options(), index=index)
    assert again.stats["rescan_reused"] is True and index.walker.dir_hsigs == []
    apply(tmp_path / "t", ("append", 0, 0))
    settle()
    changed = scan([str(tmp_path / "t")], options(), index=index)
    assert not changed.stats.get("rescan_reused", False)
    assert findings(changed) == findings(scan([str(tmp_path / "t")], options()))


names = st.text(st.characters(blacklist_categories=("Cs",)) | st.sampled_from(["\udcff", "\udc80"]), max_size=12)
entries = st.lists(st.one_of(
    st.tuples(names, st.integers(0, 2**64), st.integers(0, 2**63), st.integers(-2**63, 2**63), st.integers(0, 2**63)),
    st.tuples(names, st.integers(0, 2**64), st.integers(0, 2**64))), max_size=8)


@given(st.tuples(st.integers(0, 2**64), st.integers(0, 2**64), st.integers(-2**63, 2**63), st.integers(0, 2**63)), entries)
def test_a_folders_stable_digest_depends_on_values_only(head, rows):
    """Equal signatures made from other string objects (interned or not) give the same digest;
    the digest is what the index file keeps between processes."""
    import sys as _sys

    from cleanup_desktop.core.disk.walk import signature_digest

    sig = [head, *rows]
    copy = [head, *[tuple("".join(list(v)) if isinstance(v, str) else v for v in row) for row in rows]]
    interned = [head, *[tuple(_sys.intern(v) if isinstance(v, str) and "\udcff" not in v and "\udc80" not in v else v for v in row)
                        for row in rows]]
    assert signature_digest(sig) == signature_digest(copy) == signature_digest(interned)
    if rows:
        changed = [head, *rows[:-1], rows[-1][:-1] + (rows[-1][-1] + 1,)]
        assert signature_digest(changed) != signature_digest(sig)

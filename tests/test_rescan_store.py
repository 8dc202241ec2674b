"""The rescan index on disk (core.disk.rescan_store): after a save and a load in a fresh index
(a restart of the app), a rescan still equals a fresh full scan whatever changed; a file that
breaks any rule (truncated, bit-flipped, hand-edited, another key or version, huge numbers, a
symbolic link, readable by others, too big) is ignored with a log line and the scan is a full
one with the same findings; the signatures are the same in another process."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import xxhash
from hypothesis import HealthCheck, given, settings, strategies as st

from cleanup_desktop.core.disk import rescan, rescan_store
from cleanup_desktop.core.disk.rescan import ScanIndex
from cleanup_desktop.core.disk.scan import scan
from test_rescan_index import RACY_TEST_NS, apply, build, changes, file_specs, findings, options, settle

pytestmark = pytest.mark.skipif(os.name == "nt", reason="the index is kept where directory entries carry inodes")


@pytest.fixture
def racy_window(monkeypatch):
    monkeypatch.setattr(rescan, "RACY_NS", RACY_TEST_NS)


def first_scan(root: Path, store: str, **kw):
    index = ScanIndex(store=store)
    result = scan([str(root)], options(**kw), index=index)
    result.to_dict()
    assert rescan_store.save(index, store)
    return result


def after_restart(root: Path, store: str, **kw):
    index = ScanIndex(store=store)
    return index, scan([str(root)], options(**kw), index=index)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=file_specs, step=changes, similar=st.booleans())
def test_rescan_after_a_restart_equals_a_fresh_full_scan(racy_window, files, step, similar):
    """Random tree, save, random changes, load in a fresh index: the rescan gives exactly the
    findings of a scan made without any index; with no change it is answered from the file."""
    with tempfile.TemporaryDirectory() as tmp:
        root, store = Path(tmp) / "tree", os.path.join(tmp, "cache", rescan_store.FILE_NAME)
        build(root, files)
        os.symlink(str(root / "missing"), root / "dangling")
        settle()
        first_scan(root, store, similar_images=similar)
        for change in step:
            apply(root, change)
        settle()
        index, again = after_restart(root, store, similar_images=similar)
        assert findings(again) == findings(scan([str(root)], options(similar_images=similar)))
        assert again.stats.get("rescan_reused", False) == (index.hits == 1)
        assert index.loaded == 1  # same folders and options: the file passed every check
        if not step:
            assert index.hits == 1


def test_the_file_is_private_and_written_whole(racy_window, tmp_path):
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, False)])
    settle()
    store = str(tmp_path / "cache" / rescan_store.FILE_NAME)
    first_scan(tmp_path / "t", store)
    assert os.stat(store).st_mode & 0o777 == 0o600
    assert os.listdir(tmp_path / "cache") == [rescan_store.FILE_NAME]  # no temporary file left


def rewrite(store: str, edit) -> None:
    """Apply ``edit`` to the body and write it back with a correct length and digest: only the
    field checks can catch it."""
    data = Path(store).read_bytes()
    cut = data.index(b"\n")
    head, body = json.loads(data[:cut]), json.loads(data[cut + 1:])
    edit(body)
    payload = json.dumps(body).encode()
    head["length"], head["digest"] = len(payload), xxhash.xxh3_128_hexdigest(payload)
    Path(store).write_bytes(json.dumps(head).encode() + b"\n" + payload)


def first_dup_path(body: dict) -> list:
    return body["result"]["duplicates"][0]["paths"]


def set_path(body, value):
    """A group's first path and its file entry both moved: only the place check can tell."""
    first_dup_path(body)[0] = value
    body["result"]["duplicates"][0]["files"][0]["path"] = value


HOSTILE = {
    "truncated": lambda s, root: Path(s).write_bytes(Path(s).read_bytes()[:-40]),
    "bit-flipped": lambda s, root: Path(s).write_bytes(flip(Path(s).read_bytes(), -30)),
    "header-bit-flipped": lambda s, root: Path(s).write_bytes(flip(Path(s).read_bytes(), 5)),
    "empty": lambda s, root: Path(s).write_bytes(b""),
    "not-json": lambda s, root: Path(s).write_bytes(b"\x80\x81 garbage\n{"),
    "other-version": lambda s, root: Path(s).write_bytes(Path(s).read_bytes().replace(b'"version": 1', b'"version": 2', 1)),
    "other-key": lambda s, root: Path(s).write_bytes(Path(s).read_bytes().replace(b'"key": "', b'"key": "0', 1)),
    "path-outside-the-roots": lambda s, root: rewrite(s, lambda b: set_path(b, "/etc/passwd")),
    "path-with-dotdot": lambda s, root: rewrite(s, lambda b: set_path(b, str(root) + "/../../etc/passwd")),
    "large-file-outside-the-roots": lambda s, root: rewrite(s, lambda b: b["result"]["large"][0].__setitem__("path", "/etc/passwd")),
    "root-not-scanned": lambda s, root: rewrite(s, lambda b: b["result"]["large"][0].__setitem__("root", "/")),
    "folder-outside-the-roots": lambda s, root: rewrite(s, lambda b: b["dirs"][-1].__setitem__(0, "/etc")),
    "folder-not-in-its-parent": lambda s, root: rewrite(s, lambda b: b["dirs"][-1].__setitem__(0, str(root) + "/x/../..")),
    "other-roots": lambda s, root: rewrite(s, lambda b: b.__setitem__("walk_roots", ["/"])),
    "huge-number": lambda s, root: rewrite(s, lambda b: b["sigs"].__setitem__(0, 1 << 70)),
    "huge-size": lambda s, root: rewrite(s, lambda b: b["result"]["large"][0].__setitem__("size", 10 ** 30)),
    "negative-parent": lambda s, root: rewrite(s, lambda b: b["parents"].__setitem__(-1, -5)),
    "forward-parent": lambda s, root: rewrite(s, lambda b: b["parents"].__setitem__(1, 7)),
    "string-for-number": lambda s, root: rewrite(s, lambda b: b["sigs"].__setitem__(0, "12")),
    "bool-for-number": lambda s, root: rewrite(s, lambda b: b["dirs"][0].__setitem__(1, True)),
    "files-and-paths-differ": lambda s, root: rewrite(s, lambda b: b["result"]["duplicates"][0]["files"][0].__setitem__(
        "path", first_dup_path(b)[1])),
    "same-file-twice": lambda s, root: rewrite(s, lambda b: swap_in_twice(b["result"]["duplicates"][0])),
    "one-member-group": lambda s, root: rewrite(s, lambda b: b["result"]["duplicates"][0].__setitem__("paths", first_dup_path(b)[:1])),
    "missing-field": lambda s, root: rewrite(s, lambda b: b.pop("links")),
    "deep-nesting": lambda s, root: rewrite(s, lambda b: b["result"]["stats"].__setitem__("x", json.loads("[" * 50 + "]" * 50))),
    "link-name-with-slash": lambda s, root: rewrite(s, lambda b: b["links"].append([0, "../../x"])),
    "symlinked-file": lambda s, root: symlink_swap(s),
    "readable-by-others": lambda s, root: os.chmod(s, 0o644),
    "a-folder": lambda s, root: (os.unlink(s), os.mkdir(s)),
    # a duplicate group's own fields (checked by _Checker.group, not the general walk)
    "group-bool-link-count": lambda s, root: rewrite(s, lambda b: first_file(b).__setitem__("nlink", True)),
    "group-huge-inode": lambda s, root: rewrite(s, lambda b: first_file(b).__setitem__("ino", 1 << 70)),
    "group-root-not-scanned": lambda s, root: rewrite(s, lambda b: first_file(b).__setitem__("root", "/")),
    "group-time-not-text": lambda s, root: rewrite(s, lambda b: first_file(b).__setitem__("mtime", [1])),
    "group-digest-not-text": lambda s, root: rewrite(s, lambda b: b["result"]["duplicates"][0].__setitem__("digest", 5)),
    "group-negative-size": lambda s, root: rewrite(s, lambda b: b["result"]["duplicates"][0].__setitem__("wasted", -1)),
    "group-extra-field-nested": lambda s, root: rewrite(s, lambda b: b["result"]["duplicates"][0].__setitem__(
        "x", json.loads("[" * 50 + "]" * 50))),
    "group-file-extra-path": lambda s, root: rewrite(s, lambda b: first_file(b).__setitem__("keep", "/etc/passwd")),
}


def first_file(body: dict) -> dict:
    return body["result"]["duplicates"][0]["files"][0]


def swap_in_twice(group: dict) -> None:
    group["paths"][1] = group["paths"][0]
    group["files"][1] = dict(group["files"][0])


def flip(data: bytes, at: int) -> bytes:
    b = bytearray(data)
    b[at] ^= 0x10
    return bytes(b)


def symlink_swap(store: str) -> None:
    real = store + ".real"
    os.rename(store, real)
    os.symlink(real, store)


@pytest.mark.parametrize("how", sorted(HOSTILE))
def test_a_doubtful_file_means_a_full_scan_with_the_same_findings(racy_window, tmp_path, caplog, how):
    root = tmp_path / "t"
    build(root, [(0, 0, 4, False), (1, 1, 4, False), (2, 2, 7, False), (3, 3, 7, True)])
    os.symlink(str(root / "missing"), root / "dangling")
    settle()
    store = str(tmp_path / "cache" / rescan_store.FILE_NAME)
    first_scan(root, store)
    HOSTILE[how](store, root)
    with caplog.at_level(logging.INFO, logger=rescan_store.__name__):
        index, again = after_restart(root, store)
    assert index.loaded == 0 and index.hits == 0 and not again.stats.get("rescan_reused")
    assert findings(again) == findings(scan([str(root)], options()))
    assert [r for r in caplog.records if r.name == rescan_store.__name__], "a log line says why"


def test_a_file_bigger_than_the_limit_is_ignored(racy_window, tmp_path, monkeypatch, caplog):
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, False)])
    settle()
    store = str(tmp_path / "cache" / rescan_store.FILE_NAME)
    first_scan(tmp_path / "t", store)
    monkeypatch.setattr(rescan_store, "MAX_BYTES", os.path.getsize(store) - 1)
    index, again = after_restart(tmp_path / "t", store)
    assert index.loaded == 0 and not again.stats.get("rescan_reused")
    assert "too big" in caplog.text


def test_no_file_yet_is_a_plain_full_scan(racy_window, tmp_path, caplog):
    build(tmp_path / "t", [(0, 0, 4, False)])
    index, again = after_restart(tmp_path / "t", str(tmp_path / "none" / rescan_store.FILE_NAME))
    assert index.loaded == 0 and again.stats["files"] == 1 and not caplog.records


def test_the_app_finds_its_index_after_a_restart(racy_window, tmp_path, monkeypatch):
    """The app's scan door saves the index (beside the hash cache) in one process, with one
    string-hash seed; the app started again, with another seed, rescans from it."""
    monkeypatch.setenv("CLEANUP_DESKTOP_CACHE_DIR", str(tmp_path / "cache"))
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, False), (2, 2, 7, False)])
    settle()
    code = (
        "import json, sys\n"
        "from cleanup_desktop.core.disk import rescan\n"
        f"rescan.RACY_NS = {RACY_TEST_NS}\n"
        "from cleanup_desktop.gui.engine import disk\n"
        "from cleanup_desktop.core.disk.scan import ScanOptions\n"
        "opts = ScanOptions(min_size=1, use_cache=False, temp=False)\n"
        "r = disk.run_scan([sys.argv[1]], opts)\n"
        "print(json.dumps([r['stats'].get('rescan_reused', False), disk._INDEX.loaded, r['duplicates']]))\n"
    )
    runs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "t")], env=env, capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout))
    assert [r[:2] for r in runs] == [[False, 0], [True, 1], [True, 1]]
    assert runs[0][2] == runs[1][2] == runs[2][2] and len(runs[0][2]) == 1
    assert (tmp_path / "cache" / rescan_store.FILE_NAME).is_file()


def test_an_index_that_cannot_vouch_for_every_folder_replaces_no_file_and_drops_the_old(racy_window, tmp_path, monkeypatch):
    """A scan with a folder changed in its clock tick cannot answer a rescan: nothing is
    written, and the older file (which the change made stale) is removed."""
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, False)])
    settle()
    store = str(tmp_path / "cache" / rescan_store.FILE_NAME)
    first_scan(tmp_path / "t", store)
    monkeypatch.setattr(rescan, "RACY_NS", 60 * 10**9)  # every timestamp is now "in the tick"
    index = ScanIndex()
    scan([str(tmp_path / "t")], options(), index=index)
    assert None in index.walker.dir_sigs
    assert not rescan_store.save(index, store) and not os.path.exists(store)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_file_of_another_user_is_ignored(racy_window, tmp_path, caplog):
    build(tmp_path / "t", [(0, 0, 4, False), (1, 1, 4, False)])
    settle()
    store = str(tmp_path / "cache" / rescan_store.FILE_NAME)
    first_scan(tmp_path / "t", store)
    os.chown(store, 65534, 65534)
    index, again = after_restart(tmp_path / "t", store)
    assert index.loaded == 0 and not again.stats.get("rescan_reused")
    assert findings(again) == findings(scan([str(tmp_path / "t")], options()))
    assert "another user" in caplog.text

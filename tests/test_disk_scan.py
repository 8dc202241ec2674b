"""The disk scan engine on real files: duplicates pipeline edge cases, walk safety, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cleanup_desktop.core.disk import readers
from cleanup_desktop.core.disk.scan import ScanOptions, scan
from cleanup_desktop.core.progress import CancelToken


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def groups_of(result) -> set[frozenset[str]]:
    return {frozenset(g["paths"]) for g in result.to_dict()["duplicates"]}


def opts(tmp_path, **kw) -> ScanOptions:
    kw.setdefault("min_size", 1)
    kw.setdefault("temp", False)
    kw.setdefault("cache_path", str(tmp_path / "cache.sqlite3"))
    return ScanOptions(**kw)


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "root"
    big = os.urandom(300_000)
    write(root / "docs" / "report.pdf", big)
    write(root / "backup" / "report (1).pdf", big)
    write(root / "backup" / "old" / "report copy.pdf", big)
    small = os.urandom(5000)
    write(root / "a.txt", small)
    write(root / "b.txt", small)
    return root


def test_finds_groups_with_sizes_and_wasted_bytes(tree, tmp_path):
    result = scan([str(tree)], opts(tmp_path))
    d = result.to_dict()
    assert groups_of(result) == {
        frozenset(str(tree / p) for p in ("docs/report.pdf", "backup/report (1).pdf", "backup/old/report copy.pdf")),
        frozenset(str(tree / p) for p in ("a.txt", "b.txt")),
    }
    big = next(g for g in d["duplicates"] if g["size"] == 300_000)
    alloc = os.stat(tree / "docs" / "report.pdf").st_blocks * 512
    assert big["allocated"] == alloc
    assert big["wasted"] == 2 * alloc
    assert len(big["digest"]) == 32 and int(big["digest"], 16) >= 0
    assert {f["path"] for f in big["files"]} == set(big["paths"])
    for f in big["files"]:
        assert f["mtime_ns"] == os.stat(f["path"]).st_mtime_ns
        assert f["root"] == str(tree)
    assert d["stats"]["files"] == 5
    assert d["stats"]["duplicate_groups"] == 2
    # Largest group first.
    assert d["duplicates"][0]["size"] == 300_000


def test_same_size_different_head_middle_or_tail_are_not_duplicates(tmp_path):
    root = tmp_path / "r"
    for size in (1000, 200_000, 3_000_000):  # whole-read, edges+full and multi-chunk sizes
        base = bytearray(os.urandom(size))
        write(root / f"{size}" / "orig", bytes(base))
        write(root / f"{size}" / "copy", bytes(base))
        for name, pos in (("head", 0), ("middle", size // 2), ("tail", size - 1)):
            changed = bytearray(base)
            changed[pos] ^= 0xFF
            write(root / f"{size}" / name, bytes(changed))
    result = scan([str(root)], opts(tmp_path))
    assert groups_of(result) == {
        frozenset({str(root / f"{s}" / "orig"), str(root / f"{s}" / "copy")}) for s in (1000, 200_000, 3_000_000)
    }


def test_hard_links_are_one_file_and_symlinks_are_never_followed(tmp_path):
    root = tmp_path / "r"
    data = os.urandom(20_000)
    a = write(root / "a", data)
    os.link(a, root / "a-hardlink")
    os.symlink(a, root / "a-symlink")
    os.symlink(root, root / "loop")  # a symlink loop back to the root
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "up")
    result = scan([str(root)], opts(tmp_path))
    assert groups_of(result) == set(), "a hard link or a symlink is not a duplicate"
    assert result.stats["files"] == 1
    write(root / "real-copy", data)
    result = scan([str(root)], opts(tmp_path))
    (group,) = result.to_dict()["duplicates"]
    assert len(group["paths"]) == 2 and str(root / "real-copy") in group["paths"]
    assert {os.path.basename(p) for p in group["paths"]} & {"a", "a-hardlink"}
    assert not any("symlink" in p or "loop" in p for p in group["paths"])


def test_empty_files_are_never_duplicates_and_min_size_applies(tmp_path):
    root = tmp_path / "r"
    for i in range(50):
        write(root / f"empty{i}", b"")
    write(root / "s1", b"abc")
    write(root / "s2", b"abc")
    write(root / "k1", b"k" * 2048)
    write(root / "k2", b"k" * 2048)
    assert groups_of(scan([str(root)], opts(tmp_path, min_size=1))) == {
        frozenset({str(root / "s1"), str(root / "s2")}),
        frozenset({str(root / "k1"), str(root / "k2")}),
    }
    assert groups_of(scan([str(root)], opts(tmp_path, min_size=1024))) == {
        frozenset({str(root / "k1"), str(root / "k2")})
    }


def test_overlapping_roots_count_each_file_once(tree, tmp_path):
    result = scan([str(tree), str(tree / "backup"), str(tree)], opts(tmp_path))
    assert result.roots == [str(tree), str(tree / "backup")]  # as given, each once
    assert result.stats["files"] == 5
    for g in result.to_dict()["duplicates"]:
        assert len(g["paths"]) == len(set(g["paths"]))


def test_bind_mounted_folder_is_walked_once(tree, tmp_path):
    other = tmp_path / "mnt"
    other.mkdir()
    if subprocess.run(["mount", "--bind", str(tree / "backup"), str(other)], capture_output=True).returncode:
        pytest.skip("bind mounts need root")
    try:
        result = scan([str(tree), str(other)], opts(tmp_path))
        assert result.stats["files"] == 5
        assert all(len(g["paths"]) == len({os.stat(p).st_ino for p in g["paths"]}) for g in result.to_dict()["duplicates"])
    finally:
        subprocess.run(["umount", str(other)], check=True)


def test_non_utf8_names_round_trip_through_json(tmp_path):
    root = tmp_path / "r"
    root.mkdir()
    raw_dir = os.fsencode(root) + b"/caf\xe9-\xff"
    os.mkdir(raw_dir)
    data = os.urandom(4000)
    for name in (b"na\xefve.txt", b"ok.txt"):
        with open(raw_dir + b"/" + name, "wb") as f:
            f.write(data)
    proc = subprocess.run(
        [sys.executable, "-m", "cleanup_desktop", "scan", "--json", "--min-size", "1", "--no-temp", str(root)],
        capture_output=True,
        env={**os.environ, "CLEANUP_DESKTOP_CACHE_DIR": str(tmp_path / "c")},
    )
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    (group,) = d["duplicates"]
    raw_paths = {os.fsencode(p) for p in group["paths"]}
    assert raw_paths == {raw_dir + b"/na\xefve.txt", raw_dir + b"/ok.txt"}
    for p in raw_paths:
        assert os.path.exists(p)


def test_cache_makes_rescans_read_nothing_and_is_invalidated_on_change(tree, tmp_path):
    first = scan([str(tree)], opts(tmp_path))
    assert first.stats["bytes_hashed"] > 0 and first.stats["cache_hits"] == 0
    second = scan([str(tree)], opts(tmp_path))
    assert second.stats["bytes_hashed"] == 0
    assert second.stats["cache_hits"] == 5
    assert groups_of(second) == groups_of(first)
    # Same size, new content: the mtime changes, so the cached digest must not be trusted.
    target = tree / "backup" / "report (1).pdf"
    data = bytearray(target.read_bytes())
    data[-1] ^= 1
    target.write_bytes(bytes(data))
    st = os.stat(target)
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    third = scan([str(tree)], opts(tmp_path))
    assert third.stats["bytes_hashed"] > 0
    big = next(g for g in third.to_dict()["duplicates"] if g["size"] == 300_000)
    assert str(target) not in big["paths"] and len(big["paths"]) == 2
    # A replaced file (new inode) is not taken for the old one either.
    os.remove(target)
    write(target, (tree / "docs" / "report.pdf").read_bytes())
    fourth = scan([str(tree)], opts(tmp_path))
    assert str(target) in next(g for g in fourth.to_dict()["duplicates"] if g["size"] == 300_000)["paths"]


def test_no_cache_option_reads_everything(tree, tmp_path):
    scan([str(tree)], opts(tmp_path))
    again = scan([str(tree)], opts(tmp_path, use_cache=False))
    assert again.stats["cache_hits"] == 0 and again.stats["bytes_hashed"] > 0


def test_damaged_cache_file_is_replaced(tree, tmp_path):
    cache = tmp_path / "cache.sqlite3"
    cache.write_bytes(b"this is not a database" * 100)
    result = scan([str(tree)], opts(tmp_path))
    assert len(result.duplicates) == 2
    assert scan([str(tree)], opts(tmp_path)).stats["cache_hits"] == 5


def test_paranoid_confirms_byte_by_byte(tree, tmp_path, monkeypatch):
    assert groups_of(scan([str(tree)], opts(tmp_path, paranoid=True))) == groups_of(scan([str(tree)], opts(tmp_path)))
    # Simulate a digest collision: the byte comparison must split the group.
    root = tmp_path / "coll"
    write(root / "x", b"1" * 3000)
    write(root / "y", b"2" * 3000)
    monkeypatch.setattr(readers.xxhash, "xxh3_128_digest", lambda data: bytes(16))
    assert groups_of(scan([str(root)], opts(tmp_path, use_cache=False))) == {frozenset({str(root / "x"), str(root / "y")})}
    assert groups_of(scan([str(root)], opts(tmp_path, use_cache=False, paranoid=True))) == set()


def after_walk(action):
    """A progress callback running ``action`` once, between the walk and the hashing."""
    done = []

    def progress(ev):
        if ev.phase == "walk" and ev.items_total is not None and not done:
            done.append(True)
            action()

    return progress


def test_file_vanishing_during_hashing_is_an_error_not_a_crash(tree, tmp_path):
    victim = str(tree / "b.txt")
    result = scan([str(tree)], opts(tmp_path, use_cache=False), progress=after_walk(lambda: os.remove(victim)))
    assert {"path": victim, "error": "Vanished during the scan", "code": "scan.vanished", "params": {}} in result.errors
    assert all(victim not in g for g in groups_of(result))
    assert len(result.duplicates) == 1


def test_file_growing_during_hashing_is_reported(tree, tmp_path):
    victim = str(tree / "a.txt")

    def grow():
        with open(victim, "ab") as f:
            f.write(b"more")

    result = scan([str(tree)], opts(tmp_path, use_cache=False), progress=after_walk(grow))
    assert {"path": victim, "error": "Changed during the scan", "code": "scan.changed", "params": {}} in result.errors
    big = scan([str(tree)], opts(tmp_path, use_cache=False),
               progress=after_walk(lambda: open(tree / "docs" / "report.pdf", "ab").write(b"x")))
    assert {"path": str(tree / "docs" / "report.pdf"), "error": "Changed during the scan", "code": "scan.changed",
            "params": {}} in big.errors


def test_unreadable_folders_and_files_are_listed_as_errors(tree, tmp_path):
    """CI runs as root, where permission bits do not stop reads: scan as `nobody`."""
    if os.geteuid() != 0:
        pytest.skip("needs root to switch to an unprivileged user")
    import pwd

    nobody = pwd.getpwnam("nobody")
    base = Path("/tmp") / f"cd-perm-{os.getpid()}"
    subprocess.run(["rm", "-rf", str(base)])
    root = base / "root"
    write(root / "open" / "x1", b"z" * 3000)
    write(root / "open" / "x2", b"z" * 3000)
    write(root / "locked" / "secret", b"s" * 3000)
    write(root / "unreadable-file", b"z" * 3000)
    os.chmod(base, 0o755)
    for dirpath, dirnames, filenames in os.walk(base):
        os.chown(dirpath, nobody.pw_uid, nobody.pw_gid)
        for n in filenames:
            os.chown(os.path.join(dirpath, n), nobody.pw_uid, nobody.pw_gid)
    os.chmod(root / "locked", 0)
    os.chmod(root / "unreadable-file", 0)
    code = (
        "import json, os, sys\n"
        "sys.path.insert(0, " + repr(os.path.dirname(__file__)) + ")\n"
        "import unprivileged\n"
        "exec(unprivileged.PRELOAD)\n"
        "from cleanup_desktop.core.disk.scan import scan, ScanOptions\n"
        # The interpreter may live in root's home: import first, then drop privileges.
        f"os.setgid({nobody.pw_gid}); os.setuid({nobody.pw_uid})\n"
        f"r = scan([{str(root)!r}], ScanOptions(min_size=1, temp=False, use_cache=False))\n"
        "print(json.dumps(r.to_dict()))\n"
    )
    try:
        env = {**os.environ, "HOME": str(base)}
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=str(base))
        assert proc.returncode == 0, proc.stderr
        d = json.loads(proc.stdout)
        errors = {e["path"]: e["error"] for e in d["errors"]}
        assert errors[str(root / "locked")] == "Permission denied"
        assert errors[str(root / "unreadable-file")] == "Permission denied"
        assert {frozenset(g["paths"]) for g in d["duplicates"]} == {
            frozenset({str(root / "open" / "x1"), str(root / "open" / "x2")})
        }
    finally:
        subprocess.run(["rm", "-rf", str(base)])


def test_missing_root_and_file_root_are_errors(tmp_path):
    write(tmp_path / "f", b"x")
    result = scan([str(tmp_path / "nope"), str(tmp_path / "f")], opts(tmp_path))
    errors = {e["path"]: e["error"] for e in result.errors}
    assert errors == {str(tmp_path / "nope"): "No such folder", str(tmp_path / "f"): "Not a folder"}


def test_long_paths_are_reported_not_fatal(tmp_path):
    root = tmp_path / "r"
    root.mkdir()
    fd = os.open(root, os.O_RDONLY)
    name = "d" * 200
    depth = 0
    try:
        # Build a chain deeper than PATH_MAX (4096) with directory-relative calls.
        cur = fd
        while depth < 25:
            os.mkdir(name, dir_fd=cur)
            nxt = os.open(name, os.O_RDONLY, dir_fd=cur)
            if cur != fd:
                os.close(cur)
            cur = nxt
            depth += 1
        with open(os.open("deep.bin", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=cur), "wb") as f:
            f.write(b"q" * 2000)
        os.close(cur)
    finally:
        os.close(fd)
    write(root / "top1", b"q" * 2000)
    result = scan([str(root)], opts(tmp_path))
    assert any(e["error"] == "Path too long" for e in result.errors)
    assert result.stats["files"] >= 1
    # Clean up from the bottom with relative calls (rm -rf copes with long paths).
    subprocess.run(["rm", "-rf", str(root)], check=True)


def test_cancel_returns_partial_results(tmp_path):
    root = tmp_path / "r"
    for i in range(3000):
        write(root / f"d{i % 30}" / f"f{i}", b"x" * 1500)
    token = CancelToken()
    events = []

    def progress(ev):
        events.append(ev.phase)
        if ev.phase == "walk" and ev.items_done >= 1024:
            token.cancel()

    result = scan([str(root)], opts(tmp_path), progress=progress, cancel=token)
    assert result.cancelled is True
    assert result.to_dict()["cancelled"] is True
    assert 1024 <= result.stats["files"] < 3000


def test_cancel_from_another_thread_during_hashing(tmp_path):
    root = tmp_path / "r"
    data = os.urandom(2_000_000)
    for i in range(40):
        write(root / f"big{i}", data)
    token = CancelToken()
    seen = threading.Event()

    def progress(ev):
        if ev.phase.startswith("hash"):
            seen.set()
            token.cancel()

    result = scan([str(root)], opts(tmp_path, use_cache=False), progress=progress, cancel=token)
    assert seen.is_set() and result.cancelled
    assert result.stats["bytes_hashed"] < 40 * 2_000_000


def test_one_file_system_stays_on_the_root_device(tmp_path):
    root = tmp_path / "r"
    write(root / "a", b"m" * 3000)
    mnt = root / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("mounting a tmpfs needs root")
    try:
        write(mnt / "b", b"m" * 3000)
        assert len(scan([str(root)], opts(tmp_path)).duplicates) == 1
        assert scan([str(root)], opts(tmp_path, one_file_system=True)).duplicates == []
    finally:
        subprocess.run(["umount", str(mnt)], check=True)


def test_large_and_old_files(tmp_path):
    root = tmp_path / "r"
    sizes = [3 << 20, 2 << 20, 5 << 20, 1000]
    for i, size in enumerate(sizes):
        p = write(root / f"f{i}", b"\0" * size)
    old = root / "f1"
    os.utime(old, (1_500_000_000, 1_500_000_000))
    result = scan([str(root)], opts(tmp_path, large_top=2, min_size=10 << 20))
    d = result.to_dict()
    assert [f["path"] for f in d["large"]] == [str(root / "f2"), str(root / "f0")]
    assert d["large"][0]["size"] == 5 << 20 and d["large"][0]["mtime"].startswith("20")
    assert [f["path"] for f in d["old"]] == [str(old)]
    assert d["old"][0]["mtime"].startswith("2017-07-14")
    assert scan([str(root)], opts(tmp_path, large=False, old=False)).large == []


def test_temp_leftovers_found_old_ones_offered_recent_ones_explained(tmp_path):
    root = tmp_path / "r"
    old_tmp = write(root / "work" / "report.tmp", b"t" * 5000)
    os.utime(old_tmp, (1_600_000_000, 1_600_000_000))
    fresh = write(root / "dl" / "movie.mkv.crdownload", b"c" * 5000)
    write(root / "work" / "report.docx", b"d" * 5000)
    d = scan([str(root)], opts(tmp_path, temp=True)).to_dict()
    temp = {t["path"]: t for t in d["temp"]}
    assert set(temp) == {str(old_tmp)}
    item = temp[str(old_tmp)]
    assert item["safety"] == "S" and item["size"] == 5000 and item["rule"]
    assert item["allocated"] == os.stat(old_tmp).st_blocks * 512
    skipped = {n.get("path"): n for n in d["temp_skipped"]}
    assert skipped[str(fresh)]["code"] == "recent"


def test_protected_system_folder_as_root_is_refused():
    d = scan(["/usr/share/doc", "/etc"], ScanOptions(temp=False, use_cache=False)).to_dict()
    assert d["stats"]["files"] == 0 and d["duplicates"] == [] and d["large"] == []
    assert {e["path"] for e in d["errors"]} == {"/usr/share/doc", "/etc"}
    assert all("System folder" in e["error"] for e in d["errors"])


def test_vcs_and_trash_folders_are_left_out(tmp_path):
    root = tmp_path / "r"
    data = os.urandom(3000)
    write(root / "project" / ".git" / "objects" / "ab", data)
    write(root / ".local" / "share" / "Trash" / "files" / "old.bin", data)
    write(root / "project" / "file.bin", data)
    d = scan([str(root)], opts(tmp_path)).to_dict()
    assert d["duplicates"] == [] and d["stats"]["files"] == 1


def run_cli(*args, env_extra=None):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "cleanup_desktop", *args], capture_output=True, text=True, env=env)


def test_cli_json_contract(tree, tmp_path):
    proc = run_cli("scan", "--json", "--min-size", "1", str(tree), env_extra={"CLEANUP_DESKTOP_CACHE_DIR": str(tmp_path / "c")})
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    assert d["schema"] == "cleanup-desktop/scan/1"
    assert d["roots"] == [str(tree)]
    for key in ("started", "finished"):
        assert "T" in d[key]
    for g in d["duplicates"]:
        assert isinstance(g["size"], int) and isinstance(g["digest"], str)
        assert all(os.path.isabs(p) for p in g["paths"])
    for key in ("temp", "large", "errors"):
        assert isinstance(d[key], list)
    for key, typ in (("files", int), ("bytes", int), ("bytes_hashed", int), ("seconds", float)):
        assert isinstance(d["stats"][key], typ)
    assert d["stats"]["files"] == 5


def test_cli_human_summary_and_bad_arguments(tree, tmp_path):
    proc = run_cli("scan", str(tree), env_extra={"CLEANUP_DESKTOP_CACHE_DIR": str(tmp_path / "c")})
    assert proc.returncode == 0
    assert "Duplicates: 2 groups" in proc.stdout
    bad = run_cli("scan", "--min-size", "zero", str(tree))
    assert bad.returncode == 2 and "--min-size" in bad.stderr
    missing = run_cli("scan", str(tree / "nope"))
    assert missing.returncode == 2 and "no such folder" in missing.stderr
    # A missing folder beside a real one: listed in the errors, the scan succeeds.
    some = run_cli("scan", "--json", str(tree), str(tree / "nope"), env_extra={"CLEANUP_DESKTOP_CACHE_DIR": str(tmp_path / "c")})
    assert some.returncode == 0
    d = json.loads(some.stdout)
    assert {"path": str(tree / "nope"), "error": "No such folder", "code": "scan.no-folder", "params": {}} in d["errors"] and len(d["duplicates"]) == 2
    assert run_cli("scan").returncode == 2
    assert run_cli("scan", "--min-size", "0", str(tree)).returncode == 2


def test_streamed_json_equals_the_dict_and_vanished_members_are_dropped(tree, tmp_path):
    import io

    result = scan([str(tree)], opts(tmp_path))
    os.remove(tree / "b.txt")  # gone after hashing: its group no longer has two copies
    buf = io.StringIO()
    result.write_json(buf)
    streamed = json.loads(buf.getvalue())
    again = scan([str(tree)], opts(tmp_path))
    assert len(streamed["duplicates"]) == 1 and streamed["stats"]["duplicate_groups"] == 1
    assert streamed["stats"]["wasted"] == streamed["duplicates"][0]["wasted"]
    assert json.loads(json.dumps(result.to_dict())) == streamed
    assert groups_of(again) == {frozenset(streamed["duplicates"][0]["paths"])}


def test_temp_only_roots_give_temp_items_but_never_duplicates_or_large_files(tmp_path):
    home = tmp_path / "home"
    data = os.urandom(5000)
    write(home / "Documents" / "keep.bin", data)
    cache = tmp_path / "cache"
    in_cache = write(cache / "app" / "copy.bin", data)  # same content in a temp location
    old_tmp = write(cache / "app" / "old.tmp", b"t" * 5000)
    os.utime(old_tmp, (1_600_000_000, 1_600_000_000))
    write(cache / "big.part", b"\0" * (3 << 20))
    d = scan([str(home)], opts(tmp_path, temp=True, temp_roots=[str(cache)], large_min_size=1 << 20)).to_dict()
    assert d["duplicates"] == [] and d["large"] == []
    assert str(old_tmp) in {t["path"] for t in d["temp"]}
    assert d["roots"] == [str(home)]
    assert d["stats"]["files"] == 4
    assert str(in_cache) not in json.dumps(d["duplicates"])

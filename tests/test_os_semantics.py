"""The scan, the duplicate pipeline, the plan and the executor under Linux, Windows and macOS
semantics, on this machine's real files (tests/fake_os.py gives the other OSes' answers).

Every test runs once per OS. The rule each one checks holds on every OS; where an OS has no
such thing (no junctions, no locks, no file attributes on Linux) its case says what happens
instead.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from cleanup_desktop.core.disk.scan import ScanOptions, scan
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.run.plan import PlanError, build_plan
from fake_os import HIDDEN, RECALL_ON_DATA_ACCESS, SYSTEM, FakeOS

OSES = ("linux", "windows", "macos")


def write(path: Path, data: bytes, mtime_ns: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if mtime_ns is not None:
        os.utime(path, ns=(mtime_ns, mtime_ns))
    return path


def opts(tmp_path: Path, **kw) -> ScanOptions:
    kw.setdefault("min_size", 1)
    kw.setdefault("temp", False)
    kw.setdefault("cache_path", str(tmp_path / "cache.sqlite3"))
    kw.setdefault("workers", 1)
    return ScanOptions(**kw)


def groups(result) -> set[frozenset[str]]:
    return {frozenset(g["paths"]) for g in result.to_dict()["duplicates"]}


def reported_paths(doc: dict) -> set[str]:
    out = {p for g in doc["duplicates"] for p in g["paths"]}
    for cat in ("temp", "large", "old"):
        out |= {it["path"] for it in doc[cat]}
    return out


@pytest.fixture
def fs(tmp_path) -> Path:
    root = tmp_path / "fs"
    root.mkdir()
    return root


@pytest.fixture(params=OSES)
def fake(request, fs, monkeypatch) -> FakeOS:
    """The OS semantics under test; install() switches them on (after the tree is built)."""
    fake = FakeOS(request.param, str(fs))
    fake.install_later = lambda: fake.install(monkeypatch)  # type: ignore[attr-defined]
    return fake


def nested_tree(root: Path) -> dict[str, bytes]:
    """Folders side by side and nested, duplicates across them, unique files everywhere."""
    contents = {}
    shared = [os.urandom(3000 + i) for i in range(4)]
    for top in ("Documents", "Pictures", "Music", "Desktop", "Downloads"):
        for sub in ("", "a", "a/b", "c", "a/b/d"):
            folder = root / top / sub if sub else root / top
            for i, data in enumerate(shared):
                if (len(top) + len(sub) + i) % 3 == 0:
                    contents[str(write(folder / f"copy-{i}.bin", data))] = data
            unique = os.urandom(500 + len(top) * 7 + len(sub))
            contents[str(write(folder / "unique.bin", unique))] = unique
    return contents


def expected_groups(contents: dict[str, bytes]) -> set[frozenset[str]]:
    by_data: dict[bytes, set[str]] = {}
    for path, data in contents.items():
        by_data.setdefault(data, set()).add(path)
    return {frozenset(p) for p in by_data.values() if len(p) > 1}


# ---- the walk --------------------------------------------------------------------------------
def test_nested_folders_every_file_and_group(fake, fs, tmp_path):
    """Windows' zero st_ino in directory entries must not make every folder after the first
    look "already walked"."""
    contents = nested_tree(fs)
    fake.install_later()
    result = scan([str(fs)], opts(tmp_path))
    assert result.stats["files"] == len(contents)
    assert result.stats["dirs"] == 1 + 5 * 5
    assert groups(result) == expected_groups(contents)
    assert not result.errors


def test_same_results_as_the_linux_scan(fake, fs, tmp_path):
    """Every file, every group and every large item the Linux scan finds, with hard links
    counted once (the same copy kept as on Linux) and never two different files folded together."""
    contents = nested_tree(fs)
    big = os.urandom(70_000)
    write(fs / "Videos" / "film.mkv", big)
    os.link(fs / "Videos" / "film.mkv", fs / "Desktop" / "film link.mkv")
    write(fs / "Backup" / "film.mkv", big)
    first = next(iter(contents))
    os.link(first, fs / "Backup" / "hard link.bin")
    options = dict(large_min_size=60_000, old=False)
    linux = scan([str(fs)], opts(tmp_path, use_cache=False, **options)).to_dict()
    fake.install_later()
    here = scan([str(fs)], opts(tmp_path, use_cache=False, **options)).to_dict()
    assert sorted(g["paths"] for g in here["duplicates"]) == sorted(g["paths"] for g in linux["duplicates"])
    assert [i["path"] for i in here["large"]] == [i["path"] for i in linux["large"]]
    assert {i["path"] for i in here["large"]} <= {str(fs / "Videos" / "film.mkv"), str(fs / "Backup" / "film.mkv"),
                                                  str(fs / "Desktop" / "film link.mkv")}
    for g in here["duplicates"]:
        idents = [(f["dev"], f["ino"]) for f in g["files"]]
        assert all(dev and ino for dev, ino in idents), "a zero is never an identity"
        assert len(set(idents)) == len(idents), "two copies of a group are two different files"
    assert [(i["dev"], i["ino"]) for i in here["large"]] == [(i["dev"], i["ino"]) for i in linux["large"]]


def test_cache_never_hands_a_digest_to_another_file(fake, fs, tmp_path):
    """The hash cache is keyed by identity: with Windows' zeros every file had key (0, 0), and a
    file could get another file's digest (a false duplicate)."""
    size, mtime = 6000, 1_600_000_000 * 10**9
    same = os.urandom(size)
    write(fs / "A" / "a1", same, mtime)
    write(fs / "A" / "a2", same, mtime)
    b = fs / "B"
    b.mkdir()
    for name in ("n1", "n2"):
        write(b / name, b"x" * size)
    first, last = [e.name for e in os.scandir(b)]
    write(b / first, same, mtime + 10**9)  # same content as A's files, another mtime
    write(b / last, os.urandom(size), mtime)  # other content, same size and mtime as A's
    fake.install_later()
    assert groups(scan([str(fs / "A")], opts(tmp_path))) == {frozenset({str(fs / "A" / "a1"), str(fs / "A" / "a2")})}
    assert groups(scan([str(fs / "B")], opts(tmp_path))) == set()


def test_only_needed_identity_lookups(fake, fs, tmp_path):
    """Windows: identities are read for folders and duplicate candidates, not for every file."""
    for i in range(300):
        write(fs / f"d{i % 3}" / f"f{i}", os.urandom(1000 + i))  # unique sizes: no candidates
    write(fs / "d0" / "dup1", b"z" * 5000)
    write(fs / "d1" / "dup2", b"z" * 5000)
    fake.install_later()
    fake.calls["lstat"] = 0
    result = scan([str(fs)], opts(tmp_path))
    assert len(groups(result)) == 1
    assert fake.calls["lstat"] <= 20


def test_junction_and_folder_links_never_followed(fake, fs, tmp_path):
    outside = tmp_path / "outside"
    write(outside / "secret.bin", b"s" * 4000)
    write(outside / "copy.bin", b"c" * 4000)
    write(fs / "copy.bin", b"c" * 4000)
    write(fs / "own.bin", b"o" * 4000)
    fake.junction(str(fs / "Link"), str(outside))
    fake.junction(str(fs / "Loop"), str(fs))
    fake.install_later()
    result = scan([str(fs)], opts(tmp_path))
    doc = result.to_dict()
    assert result.stats["files"] == 2
    assert groups(result) == set()
    assert not any(p.startswith((str(fs / "Link"), str(fs / "Loop"))) for p in reported_paths(doc))
    assert result.stats["symlinks_skipped"] == 2


# ---- names and paths -------------------------------------------------------------------------
def test_names_differing_in_case(fake, fs, tmp_path):
    """On Windows and macOS a folder named in another case is the same folder: an exclusion and
    a reference folder given that way apply; on Linux they name another (absent) folder."""
    data = os.urandom(5000)
    write(fs / "Photos" / "a.jpg", data)
    write(fs / "Backup" / "a.jpg", data)
    write(fs / "Cache" / "x.bin", data)
    fake.install_later()
    folds = fake.name in ("windows", "macos")
    result = scan([str(fs)], opts(tmp_path, extra_excludes=[str(fs / "cache")]))
    scanned = {p for g in groups(result) for p in g}
    assert (str(fs / "Cache" / "x.bin") in scanned) is not folds
    doc = scan([str(fs)], opts(tmp_path)).to_dict()
    plan = build_plan(doc, keep=["reference:" + str(fs / "photos")])
    targets = {a["path"] for a in plan["actions"]}
    if folds:
        assert str(fs / "Photos" / "a.jpg") not in targets
        assert str(fs / "Backup" / "a.jpg") in targets


def test_kept_copy_named_in_another_case_is_the_file_itself(fake, fs, tmp_path):
    """A hand-edited plan whose kept copy is the planned file spelt in another case: refused
    when the plan is read (Windows, macOS); on Linux it names no file and the action skips."""
    data = os.urandom(5000)
    write(fs / "Docs" / "Report.pdf", data)
    write(fs / "Old" / "report.pdf", data)
    doc = scan([str(fs)], opts(tmp_path)).to_dict()
    plan = build_plan(doc, keep=["reference:" + str(fs / "Docs")])
    (action,) = plan["actions"]
    action["keep"]["path"] = str(fs / "OLD" / "REPORT.PDF")
    fake.install_later()
    if fake.name in ("windows", "macos"):
        with pytest.raises(PlanError, match="kept copy"):
            execute_plan(plan, journal=None)
    else:
        report = execute_plan(plan, journal=None)
        assert [o.status for o in report.outcomes] == ["skipped"]
    assert (fs / "Old" / "report.pdf").exists() and (fs / "Docs" / "Report.pdf").exists()


def test_kept_copy_that_became_the_file_itself(fake, fs, tmp_path):
    """The kept copy replaced by a hard link of the planned file (another name, the same
    file): the executor's identity check refuses it on every OS."""
    data = os.urandom(5000)
    keep = write(fs / "Docs" / "report.pdf", data)
    target = write(fs / "Old" / "report.pdf", data)
    doc = scan([str(fs)], opts(tmp_path)).to_dict()
    plan = build_plan(doc, keep=["reference:" + str(fs / "Docs")])
    keep.unlink()
    os.link(target, keep)
    fake.install_later()
    (outcome,) = execute_plan(plan, journal=None).outcomes
    assert outcome.status == "skipped" and "this very file" in outcome.reason
    assert target.exists() and keep.exists()


def test_macos_names_in_another_unicode_form(fake, fs, tmp_path):
    """APFS ignores Unicode normalization: a reference folder typed in NFD ("e" + accent)
    protects the files of the NFC-named folder; elsewhere it names another folder."""
    data = os.urandom(5000)
    nfc, nfd = "R\u00e9sum\u00e9s", "Re\u0301sume\u0301s"
    write(fs / nfc / "cv.pdf", data)
    write(fs / "Old" / "cv.pdf", data)
    fake.install_later()
    doc = scan([str(fs)], opts(tmp_path)).to_dict()
    plan = build_plan(doc, keep=["reference:" + str(fs / nfd)])
    targets = {a["path"] for a in plan["actions"]}
    if fake.name == "macos":
        assert targets == {str(fs / "Old" / "cv.pdf")}
    else:
        assert str(fs / "Old" / "cv.pdf") in targets or str(fs / nfc / "cv.pdf") in targets


def test_long_paths(fake, fs, tmp_path):
    """Paths beyond Windows' MAX_PATH are scanned, hashed, re-checked and deleted."""
    deep = fs
    while len(str(deep)) < 300:
        deep = deep / ("long folder name " + "x" * 20)
    data = os.urandom(5000)
    far = write(deep / "far copy.bin", data)
    near = write(fs / "near copy.bin", data)
    assert len(str(far)) > 300
    fake.install_later()
    result = scan([str(fs)], opts(tmp_path))
    assert groups(result) == {frozenset({str(far), str(near)})}
    assert not result.errors
    plan = build_plan(result.to_dict(), keep=["reference:" + str(fs / "near copy.bin")])
    assert [a["path"] for a in plan["actions"]] == [str(far)]
    report = execute_plan(plan, permanent=True, journal=None)
    assert [o.status for o in report.outcomes] == ["done"], [o.reason for o in report.outcomes]
    assert not _really_exists(far)
    assert near.exists()


def _really_exists(path: Path) -> bool:
    return os.fsencode(path.name) in os.listdir(os.fsencode(path.parent))


# ---- attributes and locks --------------------------------------------------------------------
def test_system_files_and_hidden_system_folders(fake, fs, tmp_path):
    """Windows: system files (desktop.ini) are never offered, hidden system folders
    ($RECYCLE.BIN) are not walked, online-only files are never read; hidden folders are walked."""
    ini = b"[.ShellClassInfo]\r\nIconResource=x\r\n" * 50
    write(fs / "A" / "desktop.ini", ini)
    write(fs / "B" / "desktop.ini", ini)
    binned = os.urandom(4000)
    write(fs / "Sys Store" / "S-1-5" / "R1.bin", binned)
    write(fs / "Docs" / "kept.bin", binned)
    cloud = os.urandom(4000)
    write(fs / "OneDrive" / "online.bin", cloud)
    write(fs / "Docs" / "local.bin", cloud)
    hidden = os.urandom(4000)
    write(fs / "AppData" / "h.bin", hidden)
    write(fs / "Docs" / "h copy.bin", hidden)
    for ini_path in (fs / "A" / "desktop.ini", fs / "B" / "desktop.ini"):
        fake.set_attributes(str(ini_path), HIDDEN | SYSTEM)
    fake.set_attributes(str(fs / "Sys Store"), HIDDEN | SYSTEM)
    fake.set_attributes(str(fs / "OneDrive" / "online.bin"), RECALL_ON_DATA_ACCESS)
    fake.set_attributes(str(fs / "AppData"), HIDDEN)
    fake.install_later()
    found = groups(scan([str(fs)], opts(tmp_path)))
    attrs = fake.name == "windows"
    assert (frozenset({str(fs / "A" / "desktop.ini"), str(fs / "B" / "desktop.ini")}) in found) is not attrs
    assert (frozenset({str(fs / "Sys Store" / "S-1-5" / "R1.bin"), str(fs / "Docs" / "kept.bin")}) in found) is not attrs
    assert (frozenset({str(fs / "OneDrive" / "online.bin"), str(fs / "Docs" / "local.bin")}) in found) is not attrs
    assert frozenset({str(fs / "AppData" / "h.bin"), str(fs / "Docs" / "h copy.bin")}) in found


def test_locked_file_skipped_with_a_reason(fake, fs, tmp_path):
    """Windows: a file open in another program cannot be read or moved: the scan says so and
    leaves it out, and the executor skips it with that reason. Other OSes do not lock."""
    data = os.urandom(5000)
    for name in ("a", "b", "c"):
        write(fs / name / "same.bin", data)
    fake.lock(str(fs / "c" / "same.bin"))
    fake.install_later()
    locks = fake.name == "windows"
    result = scan([str(fs)], opts(tmp_path))
    doc = result.to_dict()
    (group,) = doc["duplicates"]
    assert (str(fs / "c" / "same.bin") in group["paths"]) is not locks
    if locks:
        assert {"path": str(fs / "c" / "same.bin"), "error": "Open in another program (locked)", "code": "scan.locked",
                "params": {}} in doc["errors"]
    fake.lock(str(fs / "b" / "same.bin"))
    plan = build_plan(doc, keep=["reference:" + str(fs / "a")])
    report = execute_plan(plan, journal=None)
    by_path = {o.action["path"]: o for o in report.outcomes}
    b = by_path[str(fs / "b" / "same.bin")]
    if locks:
        assert b.status == "skipped" and "open in another program" in b.reason
        assert (fs / "b" / "same.bin").exists()
    else:
        assert b.status == "done"
        assert {o.status for o in report.outcomes} == {"done"}


# ---- the executor --------------------------------------------------------------------------
def test_executor_acts_on_unchanged_files(fake, fs, tmp_path):
    """Duplicates and large files found under each OS's semantics are trashed: the plan carries
    real identities (Windows' zeros made every action look like another file)."""
    data = os.urandom(5000)
    write(fs / "keep" / "x.bin", data)
    write(fs / "sub" / "deeper" / "x.bin", data)
    write(fs / "other" / "big.iso", os.urandom(80_000))
    fake.install_later()
    from cleanup_desktop.core.disk.selection import Selection
    from cleanup_desktop.core.disk.plan import plan_from_selection

    doc = scan([str(fs)], opts(tmp_path, large_min_size=60_000)).to_dict()
    sel = Selection.from_scan(doc, keep=["reference:" + str(fs / "keep")])
    assert sel.select(str(fs / "other" / "big.iso"), "large")
    plan = plan_from_selection(sel)
    assert all(a["dev"] and a["ino"] for a in plan["actions"])
    report = execute_plan(plan, journal=None)
    assert [o.status for o in report.outcomes] == ["done", "done"], [o.reason for o in report.outcomes]
    assert not (fs / "sub" / "deeper" / "x.bin").exists() and not (fs / "other" / "big.iso").exists()
    assert (fs / "keep" / "x.bin").exists()


def test_executor_refuses_a_file_whose_identity_changed(fake, fs, tmp_path):
    """Same name, size, mtime and content, but another file: refused."""
    data = os.urandom(5000)
    write(fs / "keep" / "x.bin", data)
    target = write(fs / "sub" / "x.bin", data)
    doc = scan([str(fs)], opts(tmp_path)).to_dict()
    plan = build_plan(doc, keep=["reference:" + str(fs / "keep")])
    st = target.stat()
    shutil.copy2(target, fs / "sub" / "new.bin")
    os.replace(fs / "sub" / "new.bin", target)
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    fake.install_later()
    report = execute_plan(plan, journal=None)
    (outcome,) = report.outcomes
    assert outcome.status == "skipped" and "replaced" in outcome.reason
    assert target.exists()


def test_executor_never_takes_zero_as_an_identity(fake, fs, tmp_path):
    """A plan carrying zeros for the device and file number (as a Windows scan used to write)
    proves nothing about the file: refused on every OS."""
    data = os.urandom(5000)
    write(fs / "keep" / "x.bin", data)
    target = write(fs / "sub" / "x.bin", data)
    doc = scan([str(fs)], opts(tmp_path)).to_dict()
    plan = build_plan(doc, keep=["reference:" + str(fs / "keep")])
    for a in plan["actions"]:
        a["dev"] = a["ino"] = 0
        a["keep"]["dev"] = a["keep"]["ino"] = 0
    fake.install_later()
    (outcome,) = execute_plan(plan, journal=None).outcomes
    assert outcome.status == "skipped"
    assert target.exists()


def test_long_path_of_an_interrupted_run_is_not_taken_for_deleted(fake, fs, tmp_path):
    """After a crash between intent and outcome, a long path that still exists is re-checked
    and acted on, never recorded as "already deleted" (a plain existence test fails on Windows)."""
    from cleanup_desktop.core.disk.actions import run_disk_action
    from cleanup_desktop.core.run.execute import ExecContext

    deep = fs
    while len(str(deep)) < 300:
        deep = deep / ("folder " + "y" * 30)
    data = os.urandom(5000)
    far = write(deep / "far.bin", data)
    write(fs / "near.bin", data)
    plan = build_plan(scan([str(fs)], opts(tmp_path)).to_dict(), keep=["reference:" + str(fs / "near.bin")])
    (action,) = plan["actions"]
    fake.install_later()
    ctx = ExecContext(dry_run=False, permanent=True, journal=None, run_id=None, plan=plan, interrupted=action)
    result = run_disk_action(action, ctx)
    assert not result.get("recovered")
    assert not _really_exists(far)


def test_temp_files_carry_identity_and_are_cleaned(fake, fs, tmp_path):
    """Temp items (a system-attributed Thumbs.db included: temp rules still see system files)
    carry a real identity under every OS, so the executor can re-check and remove them."""
    old = 1_500_000_000 * 10**9
    write(fs / "Downloads" / "setup.tmp", os.urandom(3000), old)
    write(fs / "Pictures" / "Thumbs.db", os.urandom(3000), old)
    fake.set_attributes(str(fs / "Pictures" / "Thumbs.db"), HIDDEN | SYSTEM)
    fake.install_later()
    doc = scan([str(fs)], opts(tmp_path, temp=True)).to_dict()
    temp = {it["path"]: it for it in doc["temp"]}
    assert set(temp) == {str(fs / "Downloads" / "setup.tmp"), str(fs / "Pictures" / "Thumbs.db")}
    assert all(it["dev"] and it["ino"] for it in temp.values())
    plan = build_plan(doc, duplicates=False, temp=True)
    report = execute_plan(plan, journal=None)
    assert [o.status for o in report.outcomes] == ["done", "done"], [o.reason for o in report.outcomes]
    assert not (fs / "Downloads" / "setup.tmp").exists() and not (fs / "Pictures" / "Thumbs.db").exists()

"""Every trash backend of core.disk.trash, driven by the real executor, undo and empty-trash,
against faithful fakes of the OS calls (tests/fake_trash.py): the Windows Recycle Bin with real
$I files, the macOS Trash through a fake NSFileManager, and the quarantine folder of drives
without a trash (on a real tmpfs mount standing in for a network share)."""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.disk.trash import fditems as trash

from cleanup_desktop.core.run import undo
from cleanup_desktop.core.bilan import compute_bilan
from cleanup_desktop.core.disk import trash as disk_trash
from cleanup_desktop.core.disk.trash import quarantine, recyclebin
from cleanup_desktop.core.disk.trash.mactrash import MacTrash
from cleanup_desktop.core.disk.trash.quarantine import Quarantine
from cleanup_desktop.core.disk.trash.recyclebin import IFileError, RecycleBin, pack_ifile, parse_ifile
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.run.plan import build_plan

from fake_trash import FakeFileManager, FakeShell, Settings, write_i_v1, write_i_v2
from safe_cleanup_helpers import cli, dup_group, make_scan, mounted_tmpfs, temp_item, write


# ---- the $I format -------------------------------------------------------------------------
def test_i_file_version_2_written_by_the_shell_is_parsed_back(tmp_path):
    p = str(tmp_path / "$IAB12CD.txt")
    write_i_v2(p, "C:\\Users\\Léa\\Documents\\rapport final.txt", 123_456, 1_700_000_000.5)
    data = Path(p).read_bytes()
    # the documented layout, byte by byte
    assert data[:8] == struct.pack("<q", 2) and data[8:16] == struct.pack("<q", 123_456)
    assert struct.unpack_from("<i", data, 24)[0] == len("C:\\Users\\Léa\\Documents\\rapport final.txt") + 1
    info = parse_ifile(data)
    assert (info.version, info.size, info.path) == (2, 123_456, "C:\\Users\\Léa\\Documents\\rapport final.txt")
    assert abs(info.deleted_at - 1_700_000_000.5) < 1e-6
    assert pack_ifile(info.path, info.size, info.deleted_at) == data  # and our writer agrees


def test_i_file_version_1_fixed_field_is_parsed(tmp_path):
    p = str(tmp_path / "$I1.doc")
    write_i_v1(p, "D:\\old\\a.doc", 42, 1_300_000_000)
    info = parse_ifile(Path(p).read_bytes())
    assert (info.version, info.size, info.path) == (1, 42, "D:\\old\\a.doc")
    assert len(Path(p).read_bytes()) == 544


@pytest.mark.parametrize("data", [
    b"", b"\x02" + b"\0" * 10, struct.pack("<qqqi", 2, 1, 1, 5) + "ab".encode("utf-16-le"),  # length lies
    struct.pack("<qqqi", 3, 1, 1, 2) + b"a\0\0\0", struct.pack("<qqqi", 2, -5, 1, 2) + b"a\0\0\0",
    struct.pack("<qqqi", 2, 1, 1, 1) + b"\0\0",  # empty path
    struct.pack("<qqq", 1, 1, 1) + b"\0" * 100,  # version 1 of the wrong length
])
def test_malformed_i_files_are_refused(data):
    with pytest.raises(IFileError):
        parse_ifile(data)


@settings(max_examples=200, deadline=None)
@given(path=st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\0"), min_size=1, max_size=300),
       size=st.integers(0, 2**62), when=st.floats(0, 4e9, allow_nan=False))
def test_i_file_round_trip_and_garbage_never_crashes(path, size, when):
    info = parse_ifile(pack_ifile(path, size, when))
    assert (info.path, info.size) == (path, size) and abs(info.deleted_at - when) < 1e-3
    for cut in (1, 7, 27):
        try:
            parse_ifile(pack_ifile(path, size, when)[:-cut])
        except IFileError:
            pass


# ---- fixtures ------------------------------------------------------------------------------
DATA = os.urandom(20_000)


@pytest.fixture
def backends():
    """Install fake backends; the test sets which one every path goes to."""
    chosen = {"name": "quarantine", "why": ""}
    installed: dict = {}

    def install(name: str, instance=None, why: str = ""):
        chosen["name"], chosen["why"] = name, why
        if instance is not None:
            installed[name] = instance
        return instance

    previous = disk_trash.use(installed, lambda path, root, size: (chosen["name"], chosen["why"]))
    yield install
    disk_trash.restore_use(previous)


def temp_plan(root: str, files: list[str]) -> dict:
    return build_plan(make_scan([root], temp=[temp_item(f, root) for f in files]))


def run(plan: dict):
    report = execute_plan(plan)
    assert [o.status for o in report.outcomes] == ["done"] * len(plan["actions"]), [o.reason for o in report.outcomes]
    return report


def shell_for(tmp_path, **kw) -> FakeShell:
    drive = tmp_path / "C"
    drive.mkdir(exist_ok=True)
    return FakeShell(str(drive), **kw)


# ---- Windows Recycle Bin ------------------------------------------------------------------
def test_recycle_bin_move_records_our_pair_and_undo_restores_bytes(tmp_path, backends):
    shell = shell_for(tmp_path)
    backends("recyclebin", RecycleBin(shell))
    root = str(tmp_path / "C" / "Users" / "lea")
    a = write(f"{root}/Docs/a.tmp", DATA, mtime=1_600_000_000)
    b = write(f"{root}/Docs/sub/b.tmp", DATA[:999])
    report = run(temp_plan(root, [a, b]))
    bin_dir = Path(shell.bin_dir(a))
    for o in report.outcomes:
        res = o.result
        assert res["backend"] == "recyclebin"
        assert os.path.basename(res["trash_path"]).startswith("$R") and os.path.basename(res["trash_info"]).startswith("$I")
        assert os.path.basename(res["trash_path"])[2:] == os.path.basename(res["trash_info"])[2:]
        assert recyclebin.read_ifile(res["trash_info"]).path == o.action["path"]
    assert len(list(bin_dir.iterdir())) == 4
    out = undo.undo_run(report.run_id, Journal())
    assert sorted((o.status, o.path) for o in out) == [("restored", a), ("restored", b)]
    assert Path(a).read_bytes() == DATA and Path(b).read_bytes() == DATA[:999]
    assert os.stat(a).st_mtime == 1_600_000_000
    assert list(bin_dir.iterdir()) == []  # $R moved back, $I removed


def test_recycle_bin_empty_frees_exactly_ours_and_the_bilan_counts_it(tmp_path, backends):
    shell = shell_for(tmp_path)
    backends("recyclebin", RecycleBin(shell))
    root = str(tmp_path / "C" / "work")
    mine = write(f"{root}/x.tmp", DATA)
    theirs = write(f"{root}/x2.tmp", DATA)
    shell.recycle(theirs)  # the user recycled this one themselves (same size, same folder)
    report = run(temp_plan(root, [mine]))
    assert compute_bilan().in_trash_bytes == report.outcomes[0].result["trashed"] > 0
    out = undo.empty_run(report.run_id, Journal())
    assert [o.status for o in out] == ["emptied"] and out[0].freed == report.outcomes[0].result["allocated"]
    left = sorted(p.name[:2] for p in Path(shell.bin_dir(mine)).iterdir())
    assert left == ["$I", "$R"]  # the user's pair survives
    unrelated = [p for p in Path(shell.bin_dir(mine)).iterdir() if p.name.startswith("$I")][0]
    assert recyclebin.read_ifile(str(unrelated)).path == theirs
    bilan = compute_bilan()
    assert bilan.in_trash_bytes == 0 and bilan.local_bytes == out[0].freed and bilan.files_deleted == 1


def test_recycle_bin_finds_each_of_two_same_named_files(tmp_path, backends):
    shell = shell_for(tmp_path)
    backends("recyclebin", RecycleBin(shell))
    root = str(tmp_path / "C" / "r")
    a = write(f"{root}/one/same.tmp", DATA)
    b = write(f"{root}/two/same.tmp", DATA)
    report = run(temp_plan(root, [a, b]))
    paths = {o.result["trash_path"] for o in report.outcomes}
    assert len(paths) == 2
    assert {o.path for o in undo.undo_run(report.run_id, Journal())} == {a, b}


def test_recycle_bin_locked_file_is_skipped_and_stays(tmp_path, backends):
    shell = shell_for(tmp_path)
    backends("recyclebin", RecycleBin(shell))
    root = str(tmp_path / "C" / "l")
    f = write(f"{root}/open.tmp", DATA)
    shell.locked.add(f)
    report = execute_plan(temp_plan(root, [f]))
    (o,) = report.outcomes
    assert o.status == "skipped" and "open in another program" in o.reason
    assert Path(f).read_bytes() == DATA and not shell.recycled


def test_recycle_bin_record_changed_by_someone_else_is_never_emptied(tmp_path, backends):
    shell = shell_for(tmp_path)
    backends("recyclebin", RecycleBin(shell))
    root = str(tmp_path / "C" / "t")
    f = write(f"{root}/a.tmp", DATA)
    report = run(temp_plan(root, [f]))
    res = report.outcomes[0].result
    write_i_v2(res["trash_info"], "C:\\somebody\\else.tmp", len(DATA), 1_700_000_000)
    out = undo.empty_run(report.run_id, Journal())
    assert [o.status for o in out] == ["missing"]
    assert Path(res["trash_path"]).read_bytes() == DATA  # nothing removed


@pytest.mark.parametrize("shell_kw, why", [
    ({"settings": Settings(disabled=True)}, "turned off"),
    ({"settings": Settings(max_bytes=10_000)}, "larger than"),
    ({"kind": "remote"}, "network drive"),
    ({"kind": "removable", "settings": None}, "no Recycle Bin"),
])
def test_recycle_bin_that_would_delete_for_good_is_detected_before(tmp_path, shell_kw, why):
    rb = RecycleBin(shell_for(tmp_path, **shell_kw))
    assert why in rb.unusable(str(tmp_path / "C" / "f.bin"), 20_000)
    assert rb.unusable(str(tmp_path / "C" / "f.bin"), 10) is None or "larger" not in why


def test_recycle_bin_turned_off_goes_to_quarantine_and_the_confirmation_says_so(tmp_path, monkeypatch):
    shell = shell_for(tmp_path, settings=Settings(disabled=True))
    previous = disk_trash.use({"recyclebin": RecycleBin(shell)})
    try:
        monkeypatch.setattr(disk_trash.fileid, "running_os", lambda: "windows")
        root = str(tmp_path / "C" / "q")
        f = write(f"{root}/a.tmp", DATA)
        plan = temp_plan(root, [f])
        (notice,) = disk_trash.preflight(plan["actions"])
        assert notice.kind == "quarantine" and "Recycle Bin is turned off" in notice.message
        assert "quarantine folder" in notice.message and notice.count == 1
        report = run(plan)
        assert report.outcomes[0].result["backend"] == "quarantine" and not shell.recycled
        assert "quarantine" in report.outcomes[0].result["note"]
    finally:
        disk_trash.restore_use(previous)


# ---- macOS Trash ---------------------------------------------------------------------------
def test_macos_trash_records_the_resulting_url_and_undo_puts_back(tmp_path, backends):
    fm = FakeFileManager(str(tmp_path / "home"))
    backends("macos", MacTrash(fm))
    root = str(tmp_path / "Users" / "lea")
    f = write(f"{root}/Desktop/a.tmp", DATA)
    write(str(tmp_path / "home" / ".Trash" / "a.tmp"), b"the user's own a.tmp")  # name taken in the Trash
    report = run(temp_plan(root, [f]))
    landed = report.outcomes[0].result["trash_path"]
    assert landed.startswith(str(tmp_path / "home" / ".Trash")) and os.path.basename(landed) != "a.tmp"
    assert Path(landed).read_bytes() == DATA
    (o,) = undo.undo_run(report.run_id, Journal())
    assert (o.status, o.path) == ("restored", f) and Path(f).read_bytes() == DATA
    assert (tmp_path / "home" / ".Trash" / "a.tmp").read_bytes() == b"the user's own a.tmp"


def test_macos_other_volume_uses_its_trashes_and_empty_removes_exactly_ours(tmp_path, backends):
    vol = tmp_path / "Volumes" / "USB"
    fm = FakeFileManager(str(tmp_path / "home"), volumes=(str(vol),))
    backends("macos", MacTrash(fm))
    root = str(vol / "photos")
    ours = write(f"{root}/dup.tmp", DATA)
    other = write(str(vol / "other.tmp"), DATA)
    fm.trash_item(other)  # the user's own item in the same trash
    report = run(temp_plan(root, [ours]))
    landed = report.outcomes[0].result["trash_path"]
    assert landed.startswith(str(vol / ".Trashes" / str(os.getuid())) + "/")
    (o,) = undo.empty_run(report.run_id, Journal())
    assert o.status == "emptied" and o.freed == report.outcomes[0].result["allocated"] and not os.path.exists(landed)
    assert (vol / ".Trashes" / str(os.getuid()) / "other.tmp").read_bytes() == DATA
    assert compute_bilan().freed["files_local"].bytes == o.freed


def test_macos_item_replaced_in_the_trash_is_not_emptied(tmp_path, backends):
    fm = FakeFileManager(str(tmp_path / "home"))
    backends("macos", MacTrash(fm))
    root = str(tmp_path / "u")
    f = write(f"{root}/a.tmp", DATA)
    report = run(temp_plan(root, [f]))
    landed = report.outcomes[0].result["trash_path"]
    os.unlink(landed)
    write(landed, b"x" * len(DATA))  # another item now has that name
    (o,) = undo.empty_run(report.run_id, Journal())
    assert o.status == "missing" and Path(landed).read_bytes() == b"x" * len(DATA)


# ---- quarantine ----------------------------------------------------------------------------
def test_quarantine_move_undo_and_empty_with_duplicates(tmp_path, backends):
    backends("quarantine", why=disk_trash.NO_TRASH)
    root = str(tmp_path / "share")
    keep = write(f"{root}/a/photo.jpg", DATA)
    dup = write(f"{root}/b/photo.jpg", DATA)
    plan = build_plan(make_scan([root], duplicates=[dup_group([keep, dup], root)]), keep=["reference:" + f"{root}/a"])
    report = run(plan)
    qdir = Path(root, quarantine.NAME)
    assert stat.S_IMODE(qdir.stat().st_mode) == 0o700
    res = report.outcomes[0].result
    assert res["backend"] == "quarantine" and Path(res["trash_path"]).read_bytes() == DATA
    assert quarantine.read_record(res["trash_info"])["path"] == dup
    assert res["note"] == disk_trash.NO_TRASH
    (o,) = undo.undo_run(report.run_id, Journal())
    assert (o.status, o.path) == ("restored", dup) and Path(dup).read_bytes() == DATA
    assert list(qdir.iterdir()) == []
    report2 = run(build_plan(make_scan([root], duplicates=[dup_group([keep, dup], root)]),
                             keep=["reference:" + f"{root}/a"]))
    assert Journal().run_totals(report2.run_id)["trashed"]["bytes"] > 0  # in the trash, not yet freed
    (o,) = undo.empty_run(report2.run_id, Journal())
    assert o.status == "emptied" and o.freed > 0 and list(qdir.iterdir()) == []
    assert Path(keep).read_bytes() == DATA


def test_quarantine_folder_is_never_scanned(tmp_path):
    from cleanup_desktop.core.disk.scan import ScanOptions, scan

    root = tmp_path / "r"
    write(str(root / quarantine.NAME / "x" / "a.bin"), DATA)
    write(str(root / "b.bin"), DATA)
    write(str(root / "c.bin"), DATA)
    doc = scan([str(root)], ScanOptions(use_cache=False, temp=False)).to_dict()
    assert [sorted(g["paths"]) for g in doc["duplicates"]] == [[str(root / "b.bin"), str(root / "c.bin")]]


@pytest.fixture
def share():
    """A tmpfs mount standing in for a network share (no trash may be made there)."""
    with mounted_tmpfs("cd-share-", "size=8m,mode=0755") as mnt:
        yield mnt


def test_network_share_goes_through_quarantine_undo_and_empty(share, monkeypatch):
    monkeypatch.setenv("CLEANUP_DESKTOP_NETWORK_MOUNTS", share)
    root = os.path.join(share, "team")
    f = write(f"{root}/old.tmp", DATA)
    g = write(f"{root}/deep/er/other.tmp", DATA[:5000])
    plan = temp_plan(root, [f, g])
    notices = disk_trash.preflight(plan["actions"])
    assert [(n.kind, n.count, n.message) for n in notices] == [("quarantine", 2, disk_trash.NO_TRASH)]
    report = run(plan)
    assert {o.result["backend"] for o in report.outcomes} == {"quarantine"}
    assert not any(n.startswith(".Trash") for n in os.listdir(share))  # no trash made on the share
    home_trash = Path(os.environ["XDG_DATA_HOME"], "Trash")
    assert not home_trash.exists() or not any((home_trash / "files").iterdir())
    assert sorted(os.listdir(root)) == [quarantine.NAME, "deep"]
    out = undo.undo_run(report.run_id, Journal())
    assert sorted(o.path for o in out) == sorted([f, g])
    assert Path(f).read_bytes() == DATA and Path(g).read_bytes() == DATA[:5000]
    report = run(temp_plan(root, [f, g]))
    assert compute_bilan().in_trash_bytes == sum(o.result["trashed"] for o in report.outcomes)
    out = undo.empty_run(report.run_id, Journal())
    assert {o.status for o in out} == {"emptied"} and not os.path.exists(f) and not os.path.exists(g)
    assert os.listdir(os.path.join(root, quarantine.NAME)) == []
    bilan = compute_bilan()
    assert bilan.in_trash_bytes == 0 and bilan.files_deleted == 2


# ---- empty-trash --older-than and the bilan reminder --------------------------------------
def test_empty_trash_older_than_keeps_recent_items(tmp_path):
    root = str(tmp_path / "o")
    f = write(f"{root}/a.tmp", DATA)
    report = run(temp_plan(root, [f]))
    r = cli("empty-trash", "--older-than", "3", "--yes")
    assert r.returncode == 0 and "none trashed 3 days ago or more" in r.stdout, r.stdout + r.stderr
    assert len(undo.items_in_trash(report.run_id, Journal())) == 1
    r = cli("empty-trash", "--older-than", "0", "--yes")
    assert r.returncode == 0 and "Emptied 1 item(s)" in r.stdout, r.stdout + r.stderr
    assert cli("empty-trash", "--older-than", "-2").returncode == 2


def test_bilan_reminds_what_is_still_in_the_trash(tmp_path):
    from cleanup_desktop.core.bilan import trash_reminder

    assert trash_reminder(compute_bilan()) is None
    root = str(tmp_path / "b")
    run(temp_plan(root, [write(f"{root}/a.tmp", os.urandom(2_400_000))]))
    text = trash_reminder(compute_bilan())
    assert text.startswith("You still have 2.4 MB in the trash from this cleanup") and "empty" in text
    assert trash_reminder(compute_bilan(), "fr").startswith("Il reste 2,4 Mo dans la corbeille")
    r = cli("history")
    assert r.returncode == 0 and "You still have 2.4 MB in the trash from this cleanup" in r.stdout, r.stdout + r.stderr


# ---- the real OS (release check, see docs/packaging.md) -----------------------------------
@pytest.mark.parametrize("kind", [pytest.param("recyclebin", marks=pytest.mark.windows_only),
                                  pytest.param("macos", marks=pytest.mark.macos_only)])
def test_real_os_trash_move_undo_empty(kind):
    """On the real OS (release check): the chosen backend, move -> undo -> move -> empty."""
    root = str(Path.home() / "cleanup-desktop-release-check")
    f = write(f"{root}/a.tmp", DATA)
    try:
        report = run(temp_plan(root, [f]))
        assert report.outcomes[0].result["backend"] == kind
        assert [o.status for o in undo.undo_run(report.run_id, Journal())] == ["restored"]
        assert Path(f).read_bytes() == DATA
        report = run(temp_plan(root, [f]))
        assert [o.status for o in undo.empty_run(report.run_id, Journal())] == ["emptied"]
    finally:
        if os.path.exists(f):
            os.unlink(f)


def test_every_core_module_imports_without_pyobjc_or_windows_apis():
    import pkgutil
    import subprocess
    import sys

    import cleanup_desktop.core as core

    names = [m.name for m in pkgutil.walk_packages(core.__path__, "cleanup_desktop.core.")]
    assert {"cleanup_desktop.core.disk.trash.winshell", "cleanup_desktop.core.disk.trash.macfm"} <= set(names)
    code = ("import importlib, sys\n"
            f"for n in {names!r}: importlib.import_module(n)\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('objc', 'Foundation', 'AppKit', 'winreg', 'win32api', 'pythoncom'))\n"
            "print(','.join(bad)); sys.exit(1 if bad else 0)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ---- the rule, for random items on every backend ------------------------------------------
NAMES = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd"), whitelist_characters=" -_éà"),
                min_size=1, max_size=12).map(lambda s: s.strip() or "x")


@pytest.mark.parametrize("kind", ["recyclebin", "macos", "quarantine"])
@settings(max_examples=8, deadline=None)
@given(files=st.lists(st.tuples(st.lists(NAMES, max_size=2), NAMES, st.binary(min_size=1, max_size=3000)),
                      min_size=1, max_size=5, unique_by=lambda t: (tuple(t[0]), t[1])))
def test_every_backend_undo_restores_and_empty_frees_exactly_ours(kind, files):
    """For any set of files: move -> undo puts back byte-identical files at their paths;
    move -> empty removes exactly ours (an unrelated item in the same trash survives) and the
    bilan counts what empty freed."""
    import shutil
    import tempfile

    base = tempfile.mkdtemp(prefix="cd-prop-")
    try:
        root = os.path.join(base, "C", "root")
        shell, fm = FakeShell(os.path.join(base, "C")), FakeFileManager(os.path.join(base, "home"))
        instances = {"recyclebin": RecycleBin(shell), "macos": MacTrash(fm), "quarantine": Quarantine()}
        previous = disk_trash.use(instances, lambda path, r, size: (kind, ""))
        try:
            paths = {}
            for folders, name, data in files:
                p = os.path.join(root, *folders, name + ".tmp")
                if p not in paths:
                    paths[p] = write(p, data)
            contents = {p: Path(p).read_bytes() for p in paths}
            unrelated = write(os.path.join(root, "unrelated.tmp"), b"not ours")
            {"recyclebin": shell.recycle, "macos": fm.trash_item, "quarantine": lambda p: None}[kind](unrelated)
            report = run(temp_plan(root, sorted(paths)))
            assert not any(os.path.exists(p) for p in paths)
            undo.undo_run(report.run_id, Journal())
            assert {p: Path(p).read_bytes() for p in paths} == contents
            report = run(temp_plan(root, sorted(paths)))
            before = compute_bilan(runs=[report.run_id])
            out = undo.empty_run(report.run_id, Journal())
            assert {o.status for o in out} == {"emptied"} and not any(os.path.exists(p) for p in paths)
            assert sum(o.freed for o in out) == sum(o.result["trashed"] for o in report.outcomes) == before.in_trash_bytes
            after = compute_bilan(runs=[report.run_id])
            assert after.in_trash_bytes == 0 and after.local_bytes == sum(o.freed for o in out)
            survivors = {"recyclebin": lambda: [recyclebin.read_ifile(str(i)).path for i in Path(shell.bin_dir(root)).glob("$I*")],
                         "macos": lambda: [str(p) for p in Path(fm.trash_dir(root)).iterdir()],
                         "quarantine": lambda: [unrelated] if os.path.exists(unrelated) else []}[kind]()
            assert len(survivors) == 1
        finally:
            disk_trash.restore_use(previous)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("kind", ["recyclebin", "quarantine"])
def test_a_run_killed_after_the_move_finds_the_item_in_its_backend(tmp_path, backends, kind):
    """Killed after the move but before its "done" line: the rerun finds the entry by its
    record (the $I, the quarantine record) and the same inode, and undo still works."""
    shell = shell_for(tmp_path)
    backends(kind, {"recyclebin": RecycleBin(shell), "quarantine": Quarantine()}[kind])
    if kind == "recyclebin":
        disk_trash.backend("quarantine")  # the real one, looked in too
    root = str(tmp_path / "C" / "k")
    f = write(f"{root}/a.tmp", DATA)
    plan = temp_plan(root, [f])
    j = Journal()
    run_id = j.start_run(plan_id=plan["plan_id"], dry_run=False, permanent=False, source="disk")
    j.write(run_id, "intent", action=plan["actions"][0])
    disk_trash.backend(kind).move(f, os.lstat(f), set(), {"root": root})  # the move, then the kill
    report = execute_plan(plan)
    (o,) = report.outcomes
    assert o.status == "done" and o.result["recovered"] and o.result["backend"] == kind
    (u,) = undo.undo_run(report.run_id, Journal())
    assert (u.status, u.path) == ("restored", f) and Path(f).read_bytes() == DATA


# ---- hostile cases ---------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["recyclebin", "macos", "quarantine"])
def test_a_hand_edited_journal_never_empties_a_file_outside_the_trash(tmp_path, backends, kind):
    """The journal is read back, not trusted: a `done` record edited to point at one of the
    user's files (with a matching record beside it) makes empty-trash leave everything alone."""
    import json

    shell, fm = shell_for(tmp_path), FakeFileManager(str(tmp_path / "home"))
    backends(kind, {"recyclebin": RecycleBin(shell), "macos": MacTrash(fm), "quarantine": Quarantine()}[kind])
    root = str(tmp_path / "C" / "h")
    f = write(f"{root}/a.tmp", DATA)
    victim = write(str(tmp_path / "precious" / "a.tmp"), DATA)
    os.utime(victim, ns=(os.stat(f).st_atime_ns, os.stat(f).st_mtime_ns))
    report = run(temp_plan(root, [f]))
    journal_path = Path(os.environ["XDG_DATA_HOME"], "cleanup-desktop", "journal.jsonl")
    if not journal_path.exists():
        journal_path = next(Path(os.environ["HOME"]).rglob("journal.jsonl"))
    lines = journal_path.read_text().splitlines()
    edited = []
    for line in lines:
        rec = json.loads(line)
        if rec.get("event") == "done" and rec.get("run") == report.run_id:
            rec["result"]["trash_path"] = victim
            rec["result"]["trash_ino"] = os.stat(victim).st_ino
            rec["result"]["trash_info"] = str(tmp_path / "precious" / "a.json")
            Path(tmp_path / "precious" / "a.json").write_text(json.dumps({"path": f}))
        edited.append(json.dumps(rec))
    journal_path.write_text("\n".join(edited) + "\n")
    (o,) = undo.empty_run(report.run_id, Journal())
    assert o.status == "missing" and "does not point into this trash" in o.message
    assert Path(victim).read_bytes() == DATA


def test_a_quarantine_folder_planted_as_a_link_is_refused(tmp_path, backends):
    backends("quarantine")
    root = str(tmp_path / "share")
    f = write(f"{root}/a.tmp", DATA)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, os.path.join(root, quarantine.NAME))
    (o,) = execute_plan(temp_plan(root, [f])).outcomes
    assert o.status == "failed" and "left in place" in o.reason
    assert Path(f).read_bytes() == DATA and list(elsewhere.iterdir()) == []

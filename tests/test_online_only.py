"""Online-only cloud files are never read: the real scan over real files, its open calls traced;
deleting one deletes it from the cloud and counts as cloud; team libraries are never planned."""

from __future__ import annotations

import builtins
import os
import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from cleanup_desktop.core.disk import actions as disk_actions  # noqa: F401  (reads os.open at import time)
from cleanup_desktop.core.bilan import compute_bilan
from cleanup_desktop.core.disk import cloud, hashing  # noqa: F401
from cleanup_desktop.core.disk import trash as disk_trash
from cleanup_desktop.core.disk.cloud import SF_DATALESS, CloudPlaces, Detector, fuse_cloud_mounts
from cleanup_desktop.core.disk.scan import ScanOptions, scan
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.disk.plan import plan_from_selection
from cleanup_desktop.core.run.plan import build_plan
from cleanup_desktop.core.disk.selection import Selection

from safe_cleanup_helpers import write

SIZE = 300_000


def sparse(path: Path, size: int = SIZE) -> str:
    """A file with a size and no allocated block: what an on-demand client shows for a file
    whose data is only in the cloud (rclone, onedriver... and placeholders on a plain disk)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.truncate(size)
    assert os.stat(path).st_blocks == 0
    return str(path)


@pytest.fixture
def opened(monkeypatch):
    """Every path the process opens from now on (os.open with or without dir_fd, open())."""
    seen: list[str] = []
    lock = threading.Lock()
    real_os_open, real_open = os.open, builtins.open

    def resolve(path, dir_fd=None) -> str:
        text = os.fsdecode(path) if not isinstance(path, int) else f"fd:{path}"
        if dir_fd is not None and not os.path.isabs(text):
            text = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), text)
        return text

    def traced_os_open(path, flags, mode=0o777, *, dir_fd=None):
        with lock:
            seen.append(resolve(path, dir_fd))
        return real_os_open(path, flags, mode, dir_fd=dir_fd)

    def traced_open(file, *args, **kw):
        if not isinstance(file, int):
            with lock:
                seen.append(resolve(file))
        return real_open(file, *args, **kw)

    monkeypatch.setattr(os, "open", traced_os_open)
    monkeypatch.setattr(builtins, "open", traced_open)
    return seen


def opts(**kw) -> ScanOptions:
    kw.setdefault("use_cache", False)
    return ScanOptions(temp=False, large_min_size=100_000, old_min_size=100_000, **kw)


def test_scan_opens_no_online_only_file_and_still_finds_real_duplicates(isolated_home, opened):
    onedrive = isolated_home / "OneDrive"
    online = [sparse(onedrive / "Photos" / f"IMG_{i}.jpg") for i in range(4)]  # same size: candidates if read
    data = os.urandom(SIZE)
    local_a = write(str(onedrive / "Docs" / "contract.pdf"), data)
    local_b = write(str(isolated_home / "Downloads" / "contract.pdf"), data)
    opened.clear()  # from here on: the scan's own calls
    result = scan([str(isolated_home)], opts())
    doc = result.to_dict()
    assert not set(online) & set(opened), "an online-only file was opened"
    assert any(p.startswith(str(onedrive / "Docs")) for p in opened)  # the local files were read
    assert [sorted(g["paths"]) for g in doc["duplicates"]] == [sorted([local_b, local_a])]
    assert sorted(f["path"] for f in doc["online_only"]) == sorted(online)
    assert {f["provider"] for f in doc["online_only"]} == {"onedrive"}
    assert doc["stats"]["online_only_files"] == 4 and doc["stats"]["online_only_bytes"] == 4 * SIZE
    large = {f["path"]: f for f in doc["large"]}
    assert all(large[p].get("online_only") for p in online)  # listed as large, flagged
    assert not large[local_a].get("online_only")


def test_a_sparse_file_outside_cloud_folders_is_an_ordinary_file(isolated_home):
    a, b = sparse(isolated_home / "vm" / "a.img"), sparse(isolated_home / "vm" / "b.img")
    doc = scan([str(isolated_home)], opts()).to_dict()
    assert doc["online_only"] == [] and [sorted(g["paths"]) for g in doc["duplicates"]] == [[a, b]]


def test_fuse_cloud_mount_is_never_read_unless_opted_in(tmp_path, opened):
    data = os.urandom(SIZE)
    a, b = write(str(tmp_path / "m" / "a.bin"), data), write(str(tmp_path / "m" / "b.bin"), data)
    dev = os.stat(tmp_path).st_dev
    mount = CloudPlaces(fuse_mounts={dev: str(tmp_path)})
    opened.clear()
    doc = scan([str(tmp_path / "m")], opts(cloud=mount)).to_dict()
    assert a not in opened and b not in opened
    assert doc["duplicates"] == [] and sorted(f["path"] for f in doc["online_only"]) == [a, b]
    assert {f["provider"] for f in doc["online_only"]} == {"cloud-mount"}
    doc = scan([str(tmp_path / "m")], opts(cloud=CloudPlaces(fuse_mounts={dev: str(tmp_path)}, read_fuse_mounts=True))).to_dict()
    assert [sorted(g["paths"]) for g in doc["duplicates"]] == [[a, b]] and doc["online_only"] == []


def test_fuse_cloud_mounts_read_from_the_mount_table(tmp_path):
    table = tmp_path / "mountinfo"
    table.write_text(
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        "90 22 0:51 / /home/lea/OneDrive rw,nosuid,nodev shared:50 - fuse.onedriver onedriver rw,user_id=1000\n"
        "91 22 0:52 / /home/lea/My\\040Drive rw shared:51 - fuse.rclone gdrive: rw\n"
        "92 22 0:53 / /mnt/nas rw shared:52 - cifs //nas/share rw\n")
    found = fuse_cloud_mounts(str(table))
    assert found == {os.makedev(0, 51): "/home/lea/OneDrive", os.makedev(0, 52): "/home/lea/My Drive"}
    assert fuse_cloud_mounts(str(tmp_path / "absent")) == {}


@pytest.mark.parametrize("st, online", [
    (SimpleNamespace(st_file_attributes=0x400000, st_size=5, st_blocks=8, st_dev=1), True),  # RECALL_ON_DATA_ACCESS
    (SimpleNamespace(st_file_attributes=0x40000, st_size=5, st_blocks=8, st_dev=1), True),  # RECALL_ON_OPEN
    (SimpleNamespace(st_file_attributes=0x1000, st_size=5, st_blocks=8, st_dev=1), True),  # OFFLINE
    (SimpleNamespace(st_file_attributes=0x80020, st_size=5, st_blocks=8, st_dev=1), False),  # PINNED, ARCHIVE
    (SimpleNamespace(st_flags=SF_DATALESS, st_size=5, st_blocks=0, st_dev=1), True),  # macOS evicted
    (SimpleNamespace(st_flags=0, st_size=5, st_blocks=8, st_dev=1), False),
])
def test_attribute_provider_reports_placeholders_from_metadata_only(st, online):
    det = Detector(CloudPlaces(), [("/x", 1, 0)])
    assert det.online_only(st, 0) is online


def test_windows_placeholders_are_listed_apart_by_the_real_scan(tmp_path, monkeypatch):
    from fake_os import RECALL_ON_DATA_ACCESS, FakeOS

    fs = tmp_path / "fs"
    data = os.urandom(5000)
    write(str(fs / "OneDrive" / "online.bin"), data)
    write(str(fs / "OneDrive" / "online2.bin"), data)
    write(str(fs / "Docs" / "a.bin"), data)
    write(str(fs / "Docs" / "b.bin"), data)
    fake = FakeOS("windows", str(fs))
    fake.set_attributes(str(fs / "OneDrive" / "online.bin"), RECALL_ON_DATA_ACCESS)
    fake.set_attributes(str(fs / "OneDrive" / "online2.bin"), RECALL_ON_DATA_ACCESS)
    fake.install(monkeypatch)
    doc = scan([str(fs)], opts(min_size=1, cloud=CloudPlaces())).to_dict()
    assert [sorted(g["paths"]) for g in doc["duplicates"]] == [[str(fs / "Docs" / "a.bin"), str(fs / "Docs" / "b.bin")]]
    assert sorted(f["path"] for f in doc["online_only"]) == [str(fs / "OneDrive" / "online.bin"), str(fs / "OneDrive" / "online2.bin")]


def test_deleting_an_online_only_file_skips_the_trash_and_counts_as_cloud(isolated_home):
    f = sparse(isolated_home / "OneDrive" / "Videos" / "holiday.mp4")
    doc = scan([str(isolated_home)], opts()).to_dict()
    sel = Selection.from_scan(doc, duplicates=False, temp=False)
    assert sel.select(f, "large")
    plan = plan_from_selection(sel)
    (action,) = plan["actions"]
    assert action["online_only"] is True
    (notice,) = disk_trash.preflight(plan["actions"])
    assert notice.kind == "online-only" and "provider's own recycle bin" in notice.message
    report = execute_plan(plan)
    (o,) = report.outcomes
    assert o.status == "done" and o.result["op"] == "cloud-delete" and o.result["freed"] == SIZE
    assert not os.path.exists(f) and "recycle bin" in o.result["note"]
    home_trash = Path(os.environ["XDG_DATA_HOME"], "Trash", "files")
    assert not home_trash.exists() or list(home_trash.iterdir()) == []
    bilan = compute_bilan()
    assert bilan.freed["files_cloud"].bytes == SIZE and bilan.freed["files_local"].bytes == 0


def test_a_plan_calling_a_local_file_online_only_is_skipped(isolated_home):
    f = write(str(isolated_home / "OneDrive" / "local.bin"), os.urandom(SIZE))
    doc = scan([str(isolated_home)], opts()).to_dict()
    sel = Selection.from_scan(doc, duplicates=False, temp=False)
    assert sel.select(f, "large")
    plan = plan_from_selection(sel)
    plan["actions"][0]["online_only"] = True  # edited by hand: would skip the trash
    (o,) = execute_plan(plan).outcomes
    assert o.status == "skipped" and "not online-only" in o.reason and os.path.exists(f)


def test_a_file_made_online_only_since_the_scan_is_skipped(isolated_home):
    p = isolated_home / "OneDrive" / "was-local.bin"
    f = write(str(p), os.urandom(SIZE))
    doc = scan([str(isolated_home)], opts()).to_dict()
    sel = Selection.from_scan(doc, duplicates=False, temp=False)
    assert sel.select(f, "large")
    plan = plan_from_selection(sel)
    st = os.stat(f)
    os.unlink(f)
    sparse(p)  # "free up space": the same name, its data gone from the disk
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    (o,) = execute_plan(plan).outcomes
    assert o.status == "skipped" and os.path.exists(f)


def test_team_libraries_are_listed_but_never_planned(isolated_home):
    data = os.urandom(SIZE)
    (isolated_home / "OneDrive - Contoso").mkdir()
    team = [write(str(isolated_home / "Contoso" / "Sales - Documents" / n), data) for n in ("a.pptx", "b.pptx")]
    gdrive = [write(str(isolated_home / "Google Drive" / "Shared drives" / "Team" / n), data) for n in ("c.pptx", "d.pptx")]
    mine = write(str(isolated_home / "Documents" / "mine.pptx"), data)
    doc = scan([str(isolated_home)], opts()).to_dict()
    assert doc["duplicates"] == []  # only one copy is the user's own
    large = {f["path"]: f for f in doc["large"]}
    assert all(large[p].get("team_library") for p in team + gdrive) and not large[mine].get("team_library")
    plan = build_plan(doc)
    assert plan["actions"] == []

"""The temp rules' list of disk mount points is read from /proc without psutil at every scan
start (core.disk.rules._linux_disk_mounts), issue 20 start-up. The rule: it is the list
psutil.disk_partitions(all=False) gives for the same tables, whatever the names (spaces,
tabs, backslashes, non-ASCII), devices and file system types."""

from __future__ import annotations

import sys

import pytest
from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.disk import rules

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux /proc tables")
psutil_linux = pytest.importorskip("psutil._psutil_linux")

FSTYPES = ["ext4", "xfs", "btrfs", "vfat", "zfs", "tmpfs", "proc", "sysfs", "nfs4", "fuse.rclone", "overlay"]
NODEV = {"tmpfs", "proc", "sysfs", "nfs4", "fuse.rclone", "overlay"}


def escape(path: str) -> str:
    return "".join("\\%03o" % ord(c) if c in " \t\n\\" else c for c in path)


def psutil_reference(filesystems: str, table: str) -> list[str]:
    """psutil._pslinux.disk_partitions(all=False), with its C parser, on these files."""
    fstypes = set()
    with open(filesystems) as fh:
        for line in fh:
            line = line.strip()
            if not line.startswith("nodev"):
                fstypes.add(line.strip())
            elif line.split("\t")[1] == "zfs":
                fstypes.add("zfs")
    out = []
    for device, mountpoint, fstype, _opts in psutil_linux.disk_partitions(table):
        if device == "none":
            device = ""
        if device == "" or fstype not in fstypes:
            continue
        out.append(mountpoint)
    return out


names = st.text(st.sampled_from(list("abz09 _-\\\té.")), min_size=1, max_size=12)
mounts = st.lists(st.tuples(st.sampled_from(["/dev/sda1", "none", "server:/share", "rootfs", "tank/home"]),
                            st.lists(names, min_size=0, max_size=3), st.sampled_from(FSTYPES)), max_size=12)


@settings(max_examples=60, deadline=None)
@given(mounts, st.booleans())
def test_the_mount_list_is_psutils(tmp_path_factory, table_rows, zfs_nodev):
    tmp = tmp_path_factory.mktemp("proc")
    filesystems = tmp / "filesystems"
    lines = [("nodev\t" if t in NODEV or (t == "zfs" and zfs_nodev) else "\t") + t for t in FSTYPES]
    filesystems.write_text("\n".join(lines) + "\n")
    table = tmp / "mounts"
    table.write_text("".join(f"{dev} {escape('/' + '/'.join(parts))} {fs} rw,relatime 0 0\n"
                             for dev, parts, fs in table_rows))
    assert rules._linux_disk_mounts(str(filesystems), str(table)) == psutil_reference(str(filesystems), str(table))


def test_unreadable_tables_leave_it_to_psutil(tmp_path):
    assert rules._linux_disk_mounts(str(tmp_path / "missing"), str(tmp_path / "missing")) is None

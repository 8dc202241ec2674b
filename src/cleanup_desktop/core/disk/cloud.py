"""Online-only ("on demand") cloud files and synced team libraries, told from metadata only.

Rule this module guarantees to the scan: a file whose data is not on this disk is never
opened (opening it, even for its first bytes, makes the sync client download it). Such a
file is recognised from what ``stat`` already returned, never from its content:

- Windows: ``st_file_attributes`` has FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS, RECALL_ON_OPEN
  or OFFLINE (core.fileid.ONLINE_ONLY): OneDrive Files On-Demand, Dropbox, Google Drive;
- macOS: ``st_flags`` has SF_DATALESS (iCloud Drive and every File Provider client);
- Linux: inside a detected cloud-drive folder (core.disk.syncfolders.detect_sync_folders), a
  file whose allocated size is 0 while its size is not; and every file on a FUSE cloud mount
  (rclone, onedriver, google-drive-ocamlfuse...), whose files report allocated blocks even
  when they are not local: never read unless the user opts in (``read_fuse_mounts``).

Synced team libraries (SharePoint/Teams libraries synced by OneDrive, Google shared drives,
Dropbox team spaces) are told apart from personal cloud folders: a trashed copy there
disappears for the whole team, so nothing in them is offered as a duplicate or a temp file;
their large and old files are listed with ``team_library`` so nothing is planned by default.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk.syncfolders import SyncFolder, detect_sync_folders

SF_DATALESS = 0x40000000  # macOS <sys/stat.h>: the file's data is not on the disk
FUSE_CLOUD_TYPES = frozenset({
    "fuse.rclone", "rclone", "fuse.onedriver", "fuse.google-drive-ocamlfuse", "fuse.gdfs",
    "fuse.gcsfuse", "fuse.s3fs", "fuse.goofys", "fuse.pcloudfs", "fuse.megafuse", "fuse.dbxfs",
})
# Names of the folders that hold a team's shared libraries inside a personal sync folder.
TEAM_FOLDER_NAMES = frozenset({"shared drives", "drives partagés", "shareddrives"})


@dataclass
class CloudPlaces:
    """What a scan needs to know about cloud storage on this machine (detected once)."""

    sync_folders: list[SyncFolder] = field(default_factory=list)
    team_folders: list[str] = field(default_factory=list)
    fuse_mounts: dict[int, str] = field(default_factory=dict)  # st_dev -> mount point
    read_fuse_mounts: bool = False  # the user opted in to reading FUSE cloud mounts

    def provider_of(self, path: str) -> Optional[str]:
        for folder in self.sync_folders:
            if _inside(path, folder.path):
                return folder.provider
        return None

    def in_team_library(self, path: str) -> bool:
        if any(_inside(path, t) for t in self.team_folders):
            return True
        provider = self.provider_of(path)
        if provider is None:
            return False
        comps = {c.lower() for c in path.replace("\\", "/").split("/")}
        return bool(comps & TEAM_FOLDER_NAMES)


def _inside(path: str, folder: str) -> bool:
    p, f = fileid.fold(path), fileid.fold(folder).rstrip("/\\")
    return p == f or p.startswith(f + os.sep) or p.startswith(f + "/")


def fuse_cloud_mounts(mountinfo: str = "/proc/self/mountinfo") -> dict[int, str]:
    """st_dev of each FUSE cloud mount (Linux), from the kernel's mount table."""
    out: dict[int, str] = {}
    try:
        with open(mountinfo, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return out
    for line in lines:
        left, sep, right = line.partition(" - ")
        if not sep:
            continue
        fstype = right.split(" ", 1)[0]
        if fstype not in FUSE_CLOUD_TYPES:
            continue
        fields = left.split(" ")
        if len(fields) < 5:
            continue
        major, _, minor = fields[2].partition(":")
        point = fields[4].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        try:
            out[os.makedev(int(major), int(minor))] = point
        except (ValueError, AttributeError):
            continue
    return out


def team_folders_of(sync_folders: list[Any], home: Optional[str] = None) -> list[str]:
    """Team library folders next to the personal ones: OneDrive syncs an organisation's
    SharePoint/Teams libraries to ``~/<Org>`` beside ``~/OneDrive - <Org>`` (Windows) or to
    ``~/Library/CloudStorage/OneDrive-SharedLibraries-<Org>`` (macOS); Dropbox team spaces are
    ``Dropbox (<Team>)`` folders."""
    home = home or os.path.expanduser("~")
    out: list[str] = []
    for folder in sync_folders:
        name = os.path.basename(folder.path)
        parent = os.path.dirname(folder.path)
        if folder.provider == "onedrive" and name.startswith("OneDrive - "):
            org = os.path.join(parent, name[len("OneDrive - "):])
            if os.path.isdir(org):
                out.append(org)
        if folder.provider == "dropbox" and name.startswith("Dropbox (") and name.endswith(")"):
            out.append(folder.path)
    try:
        storage = os.path.join(home, "Library", "CloudStorage")
        out += [os.path.join(storage, n) for n in os.listdir(storage) if n.startswith("OneDrive-SharedLibraries")]
    except OSError:
        pass
    return out


def detect(read_fuse_mounts: bool = False) -> CloudPlaces:
    try:
        folders = detect_sync_folders()
    except Exception:  # unreadable client settings never stop a scan
        folders = []
    return CloudPlaces(folders, team_folders_of(folders),
                       fuse_cloud_mounts() if sys.platform.startswith("linux") else {}, read_fuse_mounts)


def metadata_says_online_only(st: os.stat_result) -> bool:
    """Windows attributes or macOS flags say the data is not on the disk."""
    if fileid.attributes(st) & fileid.ONLINE_ONLY:
        return True
    return bool(getattr(st, "st_flags", 0) & SF_DATALESS)


class Detector:
    """Per-scan answers, cheap enough for every file of a walk: a folder is looked up once."""

    def __init__(self, places: CloudPlaces, dirs: list[Any]) -> None:
        self.places = places
        self.dirs = dirs  # the walker's (path, dev, root index) list
        self._dir_kind: dict[int, tuple[Optional[str], bool]] = {}
        self.fuse = {} if places.read_fuse_mounts else places.fuse_mounts
        self.blocks = hasattr(os.stat_result, "st_blocks")

    def dir_kind(self, di: int) -> tuple[Optional[str], bool]:
        """(cloud provider or None, in a team library) of folder ``di``."""
        kind = self._dir_kind.get(di)
        if kind is None:
            path = self.dirs[di][0]
            provider = self.places.provider_of(path)
            team = self.places.in_team_library(path)
            if provider is None and self.dirs[di][1] in self.places.fuse_mounts:
                provider = "cloud-mount"
            kind = self._dir_kind[di] = (provider, team)
        return kind

    def online_only(self, st: os.stat_result, di: int) -> bool:
        if metadata_says_online_only(st):
            return True
        if self.fuse and st.st_dev in self.fuse:
            return True
        if self.blocks and st.st_size > 0 and getattr(st, "st_blocks", 1) == 0:
            return self.dir_kind(di)[0] is not None
        return False


def still_online_only(path: str, st: os.stat_result, places: Optional[CloudPlaces] = None) -> bool:
    """The executor's check, just before acting, from metadata only (see Detector)."""
    if metadata_says_online_only(st):
        return True
    places = places if places is not None else detect()
    if not places.read_fuse_mounts and st.st_dev in places.fuse_mounts:
        return True
    return (st.st_size > 0 and getattr(st, "st_blocks", 1) == 0
            and places.provider_of(os.path.dirname(path)) is not None)


OnlineTest = Callable[[os.stat_result, int], bool]

"""The Windows Recycle Bin: move with the shell, find our entry, put it back, empty it.

Each recycled item is a pair in ``<drive>\\$Recycle.Bin\\<user SID>\\``: ``$R<id><ext>`` (the
item) and ``$I<id><ext>`` (its record). ``$I`` format, little-endian:

- version 2 (Windows 10 and later): int64 version = 2, int64 original size, int64 deletion
  time (FILETIME: 100 ns since 1601-01-01 UTC), int32 path length in UTF-16 code units
  including the final NUL, the original path in UTF-16LE;
- version 1 (Vista to 8.1): int64 version = 1, int64 size, int64 FILETIME, then the path in a
  fixed 520-byte (260 code units) UTF-16LE field.

After the shell moved an item, the entry is the ``$I`` written since the move started that
names our path (compared as Windows does, ignoring case) with our size, whose ``$R`` is our
file (same file number, size and time). Undo moves ``$R`` back and removes ``$I``; empty
removes both. The OS calls (shell move, user SID, drive type, Recycle Bin settings) are the
``shell`` object: ``winshell`` on Windows, a faithful fake in the tests.
"""

from __future__ import annotations

import os
import stat
import struct
import time
from dataclasses import dataclass
from typing import Any, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk.trash import common
from cleanup_desktop.core.disk.trash.fditems import Remap, TrashError
from cleanup_desktop.core.messages import Reason, os_error

FILETIME_UNIX_EPOCH = 116444736000000000  # 1970-01-01 in FILETIME units
V1_PATH_BYTES = 520
RECENT = 10.0  # seconds: a $I older than the move's start minus this is not ours


class IFileError(ValueError):
    """A $I file that does not follow the format."""


@dataclass(frozen=True)
class IFile:
    version: int
    size: int
    filetime: int
    path: str

    @property
    def deleted_at(self) -> float:
        """The deletion time as a Unix timestamp."""
        return (self.filetime - FILETIME_UNIX_EPOCH) / 10**7


def filetime(unix_time: float) -> int:
    return int(round(unix_time * 10**7)) + FILETIME_UNIX_EPOCH


def pack_ifile(path: str, size: int, when: float, version: int = 2) -> bytes:
    text = path.encode("utf-16-le")
    head = struct.pack("<qqq", version, size, filetime(when))
    if version == 2:
        return head + struct.pack("<i", len(text) // 2 + 1) + text + b"\0\0"
    if version == 1:
        if len(text) + 2 > V1_PATH_BYTES:
            raise IFileError("a version 1 $I holds at most 259 characters")
        return head + text.ljust(V1_PATH_BYTES, b"\0")
    raise IFileError(f"unknown $I version {version}")


def parse_ifile(data: bytes) -> IFile:
    """Parse a $I file; raises IFileError for anything that does not follow the format."""
    if len(data) < 24:
        raise IFileError("too short")
    version, size, ft = struct.unpack_from("<qqq", data)
    if version == 2:
        if len(data) < 28:
            raise IFileError("too short")
        (units,) = struct.unpack_from("<i", data, 24)
        if units < 1 or 28 + units * 2 != len(data):
            raise IFileError("path length does not match the file")
        raw = data[28:28 + units * 2]
        if raw[-2:] != b"\0\0":
            raise IFileError("path not terminated")
        raw = raw[:-2]
    elif version == 1:
        if len(data) != 24 + V1_PATH_BYTES:
            raise IFileError("a version 1 $I is 544 bytes")
        raw = data[24:]
        end = next((i for i in range(0, len(raw), 2) if raw[i:i + 2] == b"\0\0"), len(raw))
        raw = raw[:end]
    else:
        raise IFileError(f"unknown $I version {version}")
    if size < 0:
        raise IFileError("negative size")
    try:
        path = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        raise IFileError("path is not UTF-16") from None
    if not path or "\0" in path:
        raise IFileError("empty or broken path")
    return IFile(version, size, ft, path)


def read_ifile(path: str) -> Optional[IFile]:
    try:
        with open(fileid.io_path(path), "rb") as fh:
            data = fh.read(64 * 1024)
        return parse_ifile(data)
    except (OSError, IFileError):
        return None


def r_name(i_name: str) -> str:
    return "$R" + i_name[2:]


def _same_path(a: str, b: str) -> bool:
    def norm(p: str) -> str:
        return fileid.plain_path(p).replace("/", "\\").rstrip("\\").lower()

    return norm(a) == norm(b)


class RecycleBin:
    name = "recyclebin"

    def __init__(self, shell: Any = None) -> None:
        self._shell = shell
        self._drives: dict[str, tuple[Any, ...]] = {}  # drive -> (kind, settings), asked once

    @property
    def shell(self) -> Any:
        if self._shell is None:
            from cleanup_desktop.core.disk.trash import winshell  # Windows only, imported on use

            self._shell = winshell.Shell()
        return self._shell

    def unusable(self, path: str, size: int) -> Optional[str]:
        """Why the Recycle Bin cannot take this item (the shell would delete it for good):
        checked before moving, never after. None when it can."""
        drive = os.path.splitdrive(fileid.plain_path(path))[0].lower() or path
        if drive not in self._drives:
            self._drives[drive] = (self.shell.drive_kind(path), self.shell.settings(path))
        kind, settings = self._drives[drive]
        if kind == "remote":
            return Reason("trash.network-drive")
        if settings is None:
            return Reason("trash.no-recyclebin") if kind == "removable" else None
        if settings.disabled:
            return Reason("trash.recyclebin-off")
        if settings.max_bytes is not None and size > settings.max_bytes:
            return Reason("trash.too-large")
        return None

    def move(self, path: str, st: os.stat_result, claimed: Optional[set[Any]] = None, place: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        bin_dir = self.shell.bin_dir(path)
        started = time.time()
        try:
            self.shell.recycle(path)
        except OSError as exc:
            if fileid.is_locked(exc):
                raise common.MoveError(fileid.LOCKED) from None
            raise common.MoveError(Reason("trash.recyclebin-refused", error=os_error(exc.strerror or str(exc)))) from None
        found = self._find(bin_dir, path, st, started, claimed if claimed is not None else set())
        if found is None:
            if os.path.lexists(fileid.io_path(path)):
                raise common.MoveError(Reason("trash.recyclebin-left"))
            raise TrashError(Reason("trash.recyclebin-entry-lost"))
        i_path, r_path, rst, info = found
        return {"backend": self.name, "trash_path": r_path, "trash_info": i_path, "trash_ino": rst.st_ino,
                "deleted_at": info.filetime}

    def _find(self, bin_dir: str, path: str, st: os.stat_result, started: float,
              claimed: set[Any]) -> Optional[tuple[str, str, os.stat_result, IFile]]:
        """Our $I/$R pair: written since the move started, naming our path and size, its $R
        being our file (same number where the OS gives one, same size and time)."""
        best: Optional[tuple[str, str, os.stat_result, IFile]] = None
        try:
            entries = list(os.scandir(fileid.io_path(bin_dir)))
        except OSError:
            return None
        for entry in entries:
            if not entry.name.startswith("$I"):
                continue
            i_path = os.path.join(bin_dir, entry.name)
            if i_path in claimed:
                continue
            try:
                if entry.stat(follow_symlinks=False).st_mtime < started - RECENT:
                    continue
            except OSError:
                continue
            info = read_ifile(i_path)
            if info is None or not _same_path(info.path, path):
                continue
            if stat.S_ISREG(st.st_mode) and info.size != st.st_size:
                continue
            r_path = os.path.join(bin_dir, r_name(entry.name))
            try:
                rst = fileid.lstat(r_path)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode) and (rst.st_size != st.st_size or rst.st_mtime_ns != st.st_mtime_ns):
                continue
            if rst.st_ino and st.st_ino and rst.st_ino != st.st_ino:
                continue
            if best is None or info.filetime > best[3].filetime:
                best = (i_path, r_path, rst, info)
        if best is not None:
            claimed.add(best[0])
        return best

    def locate(self, path: str, root: str, ino: int) -> Optional[dict[str, Any]]:
        """The $I/$R pair of ``path`` (file number ``ino``) already in the Recycle Bin (a run
        interrupted between the move and its journal line). Windows only."""
        if self._shell is None and fileid.running_os() != "windows":
            return None
        bin_dir = self.shell.bin_dir(path)
        try:
            names = [n for n in os.listdir(fileid.io_path(bin_dir)) if n.startswith("$I")]
        except OSError:
            return None
        for n in names:
            info = read_ifile(os.path.join(bin_dir, n))
            r_path = os.path.join(bin_dir, r_name(n))
            if info is not None and _same_path(info.path, path) and common.identity_of(r_path) == ino:
                return {"backend": self.name, "trash_path": r_path, "trash_info": os.path.join(bin_dir, n),
                        "trash_ino": ino, "deleted_at": info.filetime}
        return None

    def _check(self, rec: dict[str, Any], action: dict[str, Any]) -> os.stat_result:
        r_path, i_path = str(rec.get("trash_path") or ""), str(rec.get("trash_info") or "")
        r_name_, i_name = os.path.basename(r_path), os.path.basename(i_path)
        common.require(os.path.dirname(r_path) == os.path.dirname(i_path)
                       and os.path.basename(os.path.dirname(os.path.dirname(r_path))).lower() == "$recycle.bin"
                       and r_name_.startswith("$R") and i_name == "$I" + r_name_[2:] and len(r_name_) > 2)
        info = read_ifile(rec["trash_info"])
        if info is None:
            raise TrashError(Reason("trash.recyclebin-record-gone"))
        if not _same_path(info.path, action["path"]) or (rec.get("deleted_at") and info.filetime != rec["deleted_at"]):
            raise TrashError(Reason("trash.recyclebin-record-other"))
        return common.check_entry(rec["trash_path"], rec, action)

    def restore(self, rec: dict[str, Any], action: dict[str, Any], dirs: Optional[list[Any]] = None, remap: Optional[Remap] = None,
                word: str = "restored") -> str:
        st = self._check(rec, action)
        dest = common.put_back(rec["trash_path"], st, action["path"], dirs, remap, word)
        common.unlink_quiet(rec["trash_info"])
        return dest

    def empty(self, rec: dict[str, Any], action: dict[str, Any]) -> int:
        st = self._check(rec, action)
        freed = common.remove(rec["trash_path"], st)
        common.unlink_quiet(rec["trash_info"])
        return freed

    def deleted_at(self, rec: dict[str, Any]) -> Optional[float]:
        ft = rec.get("deleted_at")
        return (ft - FILETIME_UNIX_EPOCH) / 10**7 if isinstance(ft, int) else None

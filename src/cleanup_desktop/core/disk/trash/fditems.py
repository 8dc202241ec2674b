"""The OS trash: find our entries again, restore them, empty them; send2trash where the OS
trash needs its own API (Windows, macOS).

On freedesktop systems the move itself is core.disk.trash.freedesktop (relative to folder handles); every
trashed item is a ``files/NAME`` entry with an ``info/NAME.trashinfo`` beside it (Path=
original path, DeletionDate=), recorded in the journal with its inode and the identity of the
folders it came from. Undo and empty-trash touch exactly the items this app trashed, never the
user's other trash; undo restores through folder handles, only into the same folders. Items
recorded by the other backends of core.disk.trash (Windows Recycle Bin, macOS Trash, the
quarantine folder of drives without a trash: ``backend`` in their ``done`` record) are restored
and emptied by that backend, with the same rules.
"""

from __future__ import annotations

import errno
import os
import stat
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional
from urllib.parse import unquote_to_bytes

import send2trash
from send2trash.exceptions import TrashPermissionError

from cleanup_desktop.core.disk.trash import freedesktop as fdtrash
from cleanup_desktop.core.run.accounting import allocated_bytes
from cleanup_desktop.core.messages import Reason, os_error, reason_of

FREEDESKTOP = sys.platform.startswith("linux") or (os.name == "posix" and sys.platform != "darwin")


class TrashError(Exception):
    """The trash could not be used; the message says why, for the user."""


@dataclass
class TrashEntry:
    trash_path: str  # files/NAME (surrogate-escaped str)
    info_path: Optional[str]
    dev: int
    ino: int


def undo_supported() -> bool:
    """Undo and empty work on every OS (core.disk.trash: freedesktop, Recycle Bin, macOS
    Trash, quarantine); only items trashed by older versions without a record cannot."""
    return True


home_trash = fdtrash.home_trash


def _sync_send2trash_env() -> None:
    """send2trash's freedesktop module reads XDG_DATA_HOME at import time: follow the current env."""
    mod = sys.modules.get("send2trash.plat_other")
    if mod is None or send2trash.send2trash is not getattr(mod, "send2trash", None):
        return
    data_home = os.path.dirname(home_trash())
    setattr(mod, "XDG_DATA_HOME", data_home)
    setattr(mod, "HOMETRASH_B", os.path.join(data_home, b"Trash"))
    setattr(mod, "HOMETRASH", os.fsdecode(os.path.join(data_home, b"Trash")))


def candidate_trash_dirs(path: bytes) -> Iterator[bytes]:
    """Trash directories where a file at ``path`` may have been put (home trash first; the
    volume's own trash folders are only worked out when asked for)."""
    yield home_trash()
    uid = str(os.getuid()).encode()
    top = fdtrash.mount_point(os.path.dirname(path))
    yield os.path.join(top, b".Trash", uid)
    yield os.path.join(top, b".Trash-" + uid)


def _trash_top(trash_dir: bytes) -> bytes:
    """The directory a relative Path= in this trash's .trashinfo files is relative to."""
    if os.path.normpath(trash_dir) == os.path.normpath(home_trash()):
        return os.path.dirname(trash_dir)
    parent = os.path.dirname(trash_dir)
    return os.path.dirname(parent) if os.path.basename(parent) == b".Trash" else parent


def read_trashinfo(info_path: bytes) -> Optional[bytes]:
    """The original path (bytes) recorded in a .trashinfo file, or None if unreadable."""
    try:
        with open(info_path, "rb") as fh:
            text = fh.read()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(b"Path="):
            orig = unquote_to_bytes(line[5:].strip())
            if not os.path.isabs(orig):
                orig = os.path.join(_trash_top(os.path.dirname(os.path.dirname(info_path))), orig)
            return os.path.normpath(orig)
    return None


_entry_names = fdtrash.entry_names


def _locate(path_b: bytes, ino: int) -> Optional[TrashEntry]:
    """Find the entry send2trash just made for ``path_b`` (same inode when it was a rename)."""
    want = os.path.normpath(path_b)
    fallback: Optional[TrashEntry] = None
    for tdir in candidate_trash_dirs(path_b):
        files_dir, info_dir = os.path.join(tdir, b"files"), os.path.join(tdir, b"info")
        if not os.path.isdir(info_dir):
            continue
        for name in _entry_names(os.path.basename(path_b)):
            fpath = os.path.join(files_dir, name)
            ipath = os.path.join(info_dir, name + b".trashinfo")
            try:
                st = os.lstat(fpath)
            except FileNotFoundError:
                if not os.path.lexists(ipath):
                    break
                continue
            if read_trashinfo(ipath) != want:
                continue
            entry = TrashEntry(os.fsdecode(fpath), os.fsdecode(ipath), st.st_dev, st.st_ino)
            if st.st_ino == ino:
                return entry
            if tdir == home_trash():
                fallback = entry  # copied into the home trash from another drive: the newest is ours
    return fallback


def trash_dirs_of(root: Optional[str]) -> list[bytes]:
    """The home trash (root None) or the existing trash folders of the drive holding ``root``."""
    if root is None:
        return [home_trash()]
    try:
        root_b = os.fsencode(root)
        return [t for t in list(candidate_trash_dirs(os.path.join(root_b, b"x")))[1:] if os.path.isdir(t)]
    except OSError:
        return []


def remove_stale_infos(trash_dir: bytes) -> list[bytes]:
    return fdtrash.remove_stale_infos(os.path.join(trash_dir, b"info"), os.path.join(trash_dir, b"files"))


def _remove_orphan_info(path_b: bytes) -> None:
    """send2trash writes the .trashinfo before moving; drop it if the move then failed."""
    for tdir in candidate_trash_dirs(path_b):
        info_dir = os.path.join(tdir, b"info")
        for name in _entry_names(os.path.basename(path_b)):
            ipath = os.path.join(info_dir, name + b".trashinfo")
            if not os.path.lexists(ipath):
                break
            if not os.path.lexists(os.path.join(tdir, b"files", name)) and read_trashinfo(ipath) == os.path.normpath(path_b):
                try:
                    os.unlink(ipath)
                except OSError:
                    pass


def describe_os_error(exc: BaseException) -> Reason:
    if isinstance(exc, TrashPermissionError):
        return Reason("trash.no-usable-trash")
    if isinstance(exc, OSError):
        if getattr(exc, "winerror", None) in (32, 33):
            return Reason("skip.file-locked")
        if exc.errno == errno.EROFS:
            return Reason("trash.read-only")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return Reason("trash.permission-denied")
        if exc.errno == errno.ENOSPC:
            return Reason("trash.no-space")
        return os_error(exc.strerror or str(exc))
    return reason_of(exc)


def _read_only(path: bytes) -> bool:
    try:
        return bool(os.statvfs(os.path.dirname(path)).f_flag & getattr(os, "ST_RDONLY", 1))
    except (OSError, AttributeError):
        return False


def move_to_trash(path: str, ino: int) -> Optional[TrashEntry]:
    """Move one file to the OS trash. Returns our entry (None where the OS does not tell).

    Raises TrashError with a clear reason when the trash cannot take it; the file stays."""
    path_b = os.fsencode(path)
    _sync_send2trash_env()
    try:
        send2trash.send2trash(path_b)
    except (OSError, TrashPermissionError) as exc:
        if FREEDESKTOP:
            _remove_orphan_info(path_b)
        why = Reason("trash.read-only") if _read_only(path_b) else describe_os_error(exc)
        raise TrashError(Reason("trash.move-failed", error=why)) from exc
    if not FREEDESKTOP:
        return None
    entry = _locate(path_b, ino)
    if entry is None:
        raise TrashError(Reason("trash.entry-lost"))
    return entry


def _check_ours(trash_path: str, original: str, ino: Optional[int], size: Optional[int] = None,
                mtime_ns: Optional[int] = None) -> tuple[bytes, bytes, os.stat_result]:
    fpath = os.fsencode(trash_path)
    ipath = os.path.join(os.path.dirname(os.path.dirname(fpath)), b"info", os.path.basename(fpath) + b".trashinfo")
    try:
        st = os.lstat(fpath)
    except FileNotFoundError:
        raise TrashError(Reason("trash.entry-gone")) from None
    # Inode numbers are reused at once on many file systems: the size and mtime (kept by
    # the move into the trash) must match too.
    if (
        (ino is not None and st.st_ino != ino)
        or (size is not None and stat.S_ISREG(st.st_mode) and st.st_size != size)
        or (mtime_ns is not None and stat.S_ISREG(st.st_mode) and st.st_mtime_ns != mtime_ns)
    ):
        raise TrashError(Reason("trash.entry-other"))
    if read_trashinfo(ipath) != os.path.normpath(os.fsencode(original)):
        raise TrashError(Reason("trash.entry-renamed"))
    return fpath, ipath, st


class RestoreRefused(Exception):
    """The original folder is not the folder the item came from any more: nothing is put back
    by path (the item stays in the trash); the message says which folder and why."""


DIR_FLAGS = fdtrash.DIR_FLAGS
NOFOLLOW = fdtrash.NOFOLLOW


def _open_original_parent(original: bytes, dirs: Optional[list[Any]], remap: Remap) -> int:
    """A handle on the item's original folder, reached without following links.

    With ``dirs`` (device, inode of the scan root and of each folder below it, recorded at
    trash time) every existing folder must still be that folder (or the one this undo recreated
    for it, ``remap``); a missing one is recreated from the nearest one that still is. Without
    it (older journals) the walk starts at / and only refuses links."""
    parent = os.path.dirname(original)
    comps = [c for c in parent.split(b"/") if c]
    ids = [tuple(d) for d in dirs] if dirs else None
    if ids:
        n_below = len(ids) - 1
        if n_below > len(comps):
            raise RestoreRefused(Reason("restore.dirs-mismatch"))
        top = b"/" + b"/".join(comps[:len(comps) - n_below])
        below = comps[len(comps) - n_below:]
        fd = os.open(top, DIR_FLAGS)
        st = os.fstat(fd)
        if remap.get(ids[0], ids[0]) != (st.st_dev, st.st_ino):
            os.close(fd)
            raise RestoreRefused(Reason("restore.folder-changed-identity", folder=os.fsdecode(top)))
    else:
        top, below, fd = b"/", comps, os.open(b"/", DIR_FLAGS)
    walked = top
    creating = False
    try:
        for i, comp in enumerate(below):
            walked = os.path.join(walked, comp)
            if not creating:
                try:
                    nfd = os.open(comp, DIR_FLAGS | NOFOLLOW, dir_fd=fd)
                except FileNotFoundError:
                    creating = True
                except OSError as exc:
                    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                        raise RestoreRefused(Reason("restore.folder-replaced", folder=os.fsdecode(walked))) from None
                    raise
            if creating:
                try:
                    os.mkdir(comp, 0o777, dir_fd=fd)
                    nfd = os.open(comp, DIR_FLAGS | NOFOLLOW, dir_fd=fd)
                except OSError:  # something appeared or changed there meanwhile: never guess
                    raise RestoreRefused(Reason("restore.folder-changed", folder=os.fsdecode(walked))) from None
            os.close(fd)
            fd = nfd
            st = os.fstat(fd)
            if ids:
                want = ids[i + 1]
                if creating:
                    remap[want] = (st.st_dev, st.st_ino)
                elif remap.get(want, want) != (st.st_dev, st.st_ino):
                    raise RestoreRefused(Reason("restore.folder-changed-identity", folder=os.fsdecode(walked)))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _free_names(name: bytes, word: str = "restored") -> Iterator[bytes]:
    """``name``, then "name (restored).ext", "name (restored 2).ext"...; the word comes in the
    user's language from the caller (the GUI passes its translation)."""
    stem, ext = os.path.splitext(name)
    tag = os.fsencode(word.strip() or "restored")
    yield name
    n = 1
    while True:
        yield stem + (b" (" + tag + b")" if n == 1 else b" (" + tag + b" %d)" % n) + ext
        n += 1


# (dev, ino) recorded for a folder -> (dev, ino) of the folder re-created in its place on undo
Remap = dict[tuple[int, int], tuple[int, int]]


class Handles:
    """Folder handles kept for one undo: a folder verified once is used through its handle for
    the run's other items (it stays the folder that was checked, whatever its path becomes)."""

    def __init__(self) -> None:
        self.fds: dict[tuple[Any, ...], int] = {}

    def get(self, key: tuple[Any, ...], opener: Callable[[], int]) -> int:
        fd = self.fds.get(key)
        if fd is None:
            fd = self.fds[key] = opener()
        return fd

    def close(self) -> None:
        for fd in self.fds.values():
            os.close(fd)
        self.fds.clear()


def _open_trash_files(path: bytes) -> int:
    fd = os.open(path, DIR_FLAGS)
    if os.fstat(fd).st_uid != os.getuid():
        os.close(fd)
        raise RestoreRefused(Reason("restore.trash-foreign"))
    return fd


def put_back_at(ffd: int, entry: bytes, st: os.stat_result, orig_b: bytes, dirs: Optional[list[Any]] = None,
                remap: Optional[Remap] = None, word: str = "restored", handles: Optional[Handles] = None) -> bytes:
    """Move ``entry`` of the folder handle ``ffd`` (checked as ``st``) back into the folder of
    ``orig_b``, reached through _open_original_parent, under its name or beside it (never over
    another file). Every trash backend that can use folder handles puts items back this way.
    With ``handles`` (one undo) a folder verified once is reused for the run's other items."""
    remap = remap if remap is not None else {}
    own = handles is None
    handles = handles if handles is not None else Handles()
    key = ("parent", os.path.dirname(orig_b), tuple(tuple(d) for d in dirs or ()))
    pfd = handles.get(key, lambda: _open_original_parent(orig_b, dirs, remap))
    try:
        if os.fstat(pfd).st_dev != st.st_dev:
            raise RestoreRefused(Reason("restore.other-drive"))
        for cand in _free_names(os.path.basename(orig_b), word):
            try:
                os.link(entry, cand, src_dir_fd=ffd, dst_dir_fd=pfd, follow_symlinks=False)
                os.unlink(entry, dir_fd=ffd)
                break
            except FileExistsError:
                continue
            except FileNotFoundError:  # the verified folder was removed meanwhile: the item stays put
                raise RestoreRefused(Reason("restore.folder-removed")) from None
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV, errno.EACCES):
                    raise
                try:  # no hard links here (folders, some file systems): rename to a free name
                    os.stat(cand, dir_fd=pfd, follow_symlinks=False)
                    continue
                except FileNotFoundError:
                    os.rename(entry, cand, src_dir_fd=ffd, dst_dir_fd=pfd)
                    break
        return os.path.join(os.path.dirname(orig_b), cand)
    finally:
        if own:
            handles.close()


def restore(trash_path: str, original: str, ino: Optional[int] = None, size: Optional[int] = None,
            mtime_ns: Optional[int] = None, dirs: Optional[list[Any]] = None, remap: Optional[Remap] = None,
            word: str = "restored", handles: Optional[Handles] = None) -> str:
    """Put a trashed item back in its original folder (or beside its name, never over another
    file), relative to folder handles: only into the folder it came from (see
    _open_original_parent); raises RestoreRefused when that folder was replaced."""
    fpath, ipath, st = _check_ours(trash_path, original, ino, size, mtime_ns)
    orig_b = os.path.normpath(os.fsencode(original))
    if any(c in (b"..", b".") for c in orig_b.split(b"/")):
        raise RestoreRefused(Reason("restore.bad-path"))
    own = handles is None
    handles = handles if handles is not None else Handles()
    remap = remap if remap is not None else {}
    try:
        ffd = handles.get(("files", os.path.dirname(fpath)), lambda: _open_trash_files(os.path.dirname(fpath)))
        entry = os.path.basename(fpath)
        now = os.stat(entry, dir_fd=ffd, follow_symlinks=False)
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise TrashError(Reason("trash.entry-other"))
        dest = put_back_at(ffd, entry, st, orig_b, dirs, remap, word, handles)
    finally:
        if own:
            handles.close()
    try:
        os.unlink(ipath)
    except FileNotFoundError:
        pass
    return os.fsdecode(dest)


def empty_item(trash_path: str, original: str, ino: Optional[int] = None, size: Optional[int] = None,
               mtime_ns: Optional[int] = None) -> int:
    """Remove one of our trashed items for good. Returns the bytes really freed."""
    fpath, ipath, st = _check_ours(trash_path, original, ino, size, mtime_ns)
    freed = allocated_bytes(st) if st.st_nlink <= 1 else 0
    if os.path.isdir(fpath) and not os.path.islink(fpath):
        shutil.rmtree(fpath)
    else:
        os.unlink(fpath)
    try:
        os.unlink(ipath)
    except FileNotFoundError:
        pass
    return freed


def open_trash() -> bool:
    """Open the OS trash in the file manager. Returns False when no way was found."""
    if sys.platform == "darwin":
        cmd = ["open", os.path.expanduser("~/.Trash")]
    elif sys.platform == "win32":
        cmd = ["explorer.exe", "shell:RecycleBinFolder"]
    else:
        cmd = ["xdg-open", "trash:///"]
    try:
        subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return True
    except OSError:
        return False



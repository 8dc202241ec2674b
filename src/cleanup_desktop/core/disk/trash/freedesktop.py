"""The freedesktop.org trash, done by this app relative to verified folder handles (Linux, BSD).

``move(pfd, name, path_b, st, cache)`` moves the file ``name`` of the folder handle ``pfd`` (the
handle the executor's checks opened, from the scan root down without following links) into
the trash of the same file system, as the Trash specification 1.0 says:

1. the home trash (``$XDG_DATA_HOME/Trash``) when it is on the file's file system;
2. else ``$topdir/.Trash/$uid`` when the administrator made ``$topdir/.Trash`` (a real folder,
   not a link, with the sticky bit);
3. else ``$topdir/.Trash-$uid`` (created 0700).

A trash folder is used only when it is a real folder owned by this user (another user cannot
plant one for us) on the same device as the file. The ``.trashinfo`` is written first
(``O_EXCL``), then the file is renamed with ``src_dir_fd``/``dst_dir_fd``: nothing is resolved
twice by path, and a rename never copies, so a full disk or another file system can only make
the move fail with the file left in place (and no ``.trashinfo`` left behind). After the rename
the entry's inode is checked: a file swapped in at the last instant is put back and skipped.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from dataclasses import dataclass
from typing import Any, Iterator, Optional
from urllib.parse import quote_from_bytes
from cleanup_desktop.core.messages import Reason, os_error, reason_of

DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
ORPHAN_AGE = 60.0  # seconds: a .trashinfo without its item younger than this may be another program's move in progress


class TrashMoveError(Exception):
    """The file could not go to a trash on its own file system; it was left in place."""


class SwappedError(Exception):
    """The name pointed at another file at the moment of the move: it was put back."""


@dataclass
class TrashDir:
    path: bytes  # the trash folder (…/Trash, $topdir/.Trash/$uid or $topdir/.Trash-$uid)
    top: Optional[bytes]  # Path= is relative to this folder (topdir trashes), None = absolute (home trash)
    fd: int
    files_fd: int
    info_fd: int
    dev: int

    def close(self) -> None:
        for fd in (self.files_fd, self.info_fd, self.fd):
            try:
                os.close(fd)
            except OSError:
                pass


def home_trash() -> bytes:
    data_home = os.environb.get(b"XDG_DATA_HOME") or os.path.join(os.path.expanduser(b"~"), b".local", b"share")
    return os.path.join(data_home, b"Trash")


def _own_dir_at(dir_fd: Optional[int], name: bytes, create: bool) -> int:
    """Open (creating with 0700 when asked) the folder ``name``; refuse links and folders of others."""
    if create:
        try:
            os.mkdir(name, 0o700, dir_fd=dir_fd)
        except FileExistsError:
            pass
    fd = os.open(name, DIR_FLAGS | NOFOLLOW, dir_fd=dir_fd)
    st = os.fstat(fd)
    if st.st_uid != os.getuid():
        os.close(fd)
        raise TrashMoveError(Reason("trash.foreign-owner"))
    return fd


def _finish(path: bytes, top: Optional[bytes], fd: int) -> TrashDir:
    try:
        files_fd = _own_dir_at(fd, b"files", True)
        try:
            info_fd = _own_dir_at(fd, b"info", True)
        except BaseException:
            os.close(files_fd)
            raise
    except BaseException:
        os.close(fd)
        raise
    return TrashDir(path, top, fd, files_fd, info_fd, os.fstat(files_fd).st_dev)


def _open_home(dev: int) -> Optional[TrashDir]:
    path = home_trash()
    try:
        os.makedirs(os.path.dirname(path), 0o700, exist_ok=True)
        fd = _own_dir_at(None, path, True)
    except (OSError, TrashMoveError):
        return None
    if os.fstat(fd).st_dev != dev:
        os.close(fd)
        return None
    return _finish(path, None, fd)


def mount_point(path: bytes) -> bytes:
    path = os.path.realpath(path)
    while not os.path.ismount(path):
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return path


def _open_topdir(parent_path: bytes, dev: int) -> TrashDir:
    top = mount_point(parent_path)
    uid = str(os.getuid()).encode()
    top_fd = os.open(top, DIR_FLAGS)
    try:
        if os.fstat(top_fd).st_dev != dev:
            raise TrashMoveError(Reason("trash.no-top"))
        try:  # 1. the administrator's $topdir/.Trash (sticky, not a link) holding one folder per user
            shared = os.open(b".Trash", DIR_FLAGS | NOFOLLOW, dir_fd=top_fd)
        except OSError:
            shared = None
        if shared is not None:
            try:
                sst = os.fstat(shared)
                if sst.st_mode & stat.S_ISVTX and sst.st_dev == dev:
                    try:
                        fd = _own_dir_at(shared, uid, True)
                        if os.fstat(fd).st_dev == dev:
                            return _finish(os.path.join(top, b".Trash", uid), top, fd)
                        os.close(fd)
                    except (OSError, TrashMoveError):
                        pass
            finally:
                os.close(shared)
        # 2. $topdir/.Trash-$uid
        try:
            fd = _own_dir_at(top_fd, b".Trash-" + uid, True)
        except OSError as exc:
            raise TrashMoveError(Reason("trash.no-own-trash", error=describe(exc))) from None
        if os.fstat(fd).st_dev != dev:
            os.close(fd)
            raise TrashMoveError(Reason("trash.trash-elsewhere"))
        return _finish(os.path.join(top, b".Trash-" + uid), top, fd)
    finally:
        os.close(top_fd)


def trash_for(dev: int, parent_path: bytes, cache: dict[int, TrashDir]) -> TrashDir:
    """The trash folder for a file on device ``dev`` (opened once per run, kept in ``cache``)."""
    tdir = cache.get(dev)
    if tdir is None:
        tdir = _open_home(dev) or _open_topdir(parent_path, dev)
        cache[dev] = tdir
    return tdir


def close_all(cache: dict[str, Any]) -> None:
    for tdir in cache.values():
        tdir.close()
    cache.clear()


def describe(exc: BaseException) -> Reason:
    if isinstance(exc, OSError):
        if exc.errno == errno.EROFS:
            return Reason("trash.read-only")
        if exc.errno in (errno.EACCES, errno.EPERM):
            return Reason("trash.permission-denied")
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return Reason("trash.no-space")
        return os_error(exc.strerror or str(exc))
    return reason_of(exc)


def entry_names(name: bytes) -> Iterator[bytes]:
    stem, ext = os.path.splitext(name)
    yield name
    n = 1
    while True:
        yield stem + b" " + str(n).encode() + ext
        n += 1


def trashinfo_text(path_b: bytes, top: Optional[bytes]) -> bytes:
    shown = path_b
    if top is not None:
        prefix = top.rstrip(b"/") + b"/"
        if path_b.startswith(prefix):
            shown = path_b[len(prefix):]
    return (b"[Trash Info]\nPath=" + quote_from_bytes(shown, safe=b"/").encode("ascii")
            + b"\nDeletionDate=" + time.strftime("%Y-%m-%dT%H:%M:%S").encode() + b"\n")


def _write_info(tdir: TrashDir, name: bytes, text: bytes) -> bytes:
    """Reserve a free entry name by creating its .trashinfo (O_EXCL); returns the name."""
    for cand in entry_names(name):
        info = cand + b".trashinfo"
        try:
            fd = os.open(info, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_CLOEXEC", 0),
                         0o600, dir_fd=tdir.info_fd)
        except FileExistsError:
            continue
        try:
            try:
                os.lstat(cand, dir_fd=tdir.files_fd)
                taken = True  # an item without its info: leave it, take another name
            except FileNotFoundError:
                taken = False
            if not taken:
                view = memoryview(text)
                while view:
                    view = view[os.write(fd, view):]
        except BaseException:
            os.close(fd)
            _unlink_quiet(info, tdir.info_fd)
            raise
        os.close(fd)
        if taken:
            _unlink_quiet(info, tdir.info_fd)
            continue
        return cand
    raise AssertionError("unreachable")


def _unlink_quiet(name: bytes, dir_fd: int) -> None:
    try:
        os.unlink(name, dir_fd=dir_fd)
    except OSError:
        pass


def _put_back(tdir: TrashDir, cand: bytes, pfd: int, name: bytes) -> None:
    """Undo a rename that took a swapped-in item: back under its name, never over another file."""
    try:
        os.link(cand, name, src_dir_fd=tdir.files_fd, dst_dir_fd=pfd, follow_symlinks=False)
        os.unlink(cand, dir_fd=tdir.files_fd)
    except OSError:
        try:
            os.lstat(name, dir_fd=pfd)
        except FileNotFoundError:
            os.rename(cand, name, src_dir_fd=tdir.files_fd, dst_dir_fd=pfd)
            _unlink_quiet(cand + b".trashinfo", tdir.info_fd)
            return
        return  # the name is taken again: the swapped-in item stays in our trash with its info
    _unlink_quiet(cand + b".trashinfo", tdir.info_fd)


def move(pfd: int, name: bytes, path_b: bytes, st: os.stat_result, cache: dict[int, TrashDir]) -> tuple[bytes, bytes, int]:
    """Move ``name`` (in folder handle ``pfd``, original path ``path_b``, checked as ``st``) to the
    trash of its own file system. Returns (trash item path, .trashinfo path, inode)."""
    try:
        tdir = trash_for(st.st_dev, os.path.dirname(path_b), cache)
    except OSError as exc:
        raise TrashMoveError(Reason("trash.no-usable-trash-why", error=describe(exc))) from None
    try:
        cand = _write_info(tdir, name, trashinfo_text(path_b, tdir.top))
    except OSError as exc:
        raise TrashMoveError(describe(exc)) from None
    try:
        os.rename(name, cand, src_dir_fd=pfd, dst_dir_fd=tdir.files_fd)
    except OSError as exc:
        _unlink_quiet(cand + b".trashinfo", tdir.info_fd)
        if exc.errno == errno.ENOENT:
            raise SwappedError(Reason("trash.gone-at-move")) from None
        raise TrashMoveError(describe(exc)) from None
    moved = os.lstat(cand, dir_fd=tdir.files_fd)
    if (moved.st_dev, moved.st_ino) != (st.st_dev, st.st_ino):
        _put_back(tdir, cand, pfd, name)
        raise SwappedError(Reason("trash.swapped-at-move"))
    base = tdir.path
    return os.path.join(base, b"files", cand), os.path.join(base, b"info", cand + b".trashinfo"), moved.st_ino


def remove_stale_infos(info_dir: bytes, files_dir: bytes, now: Optional[float] = None) -> list[bytes]:
    """Remove ``.trashinfo`` files that are empty or have no item (left by a crash or a full
    disk), older than ORPHAN_AGE so another program's move in progress is left alone."""
    now = time.time() if now is None else now
    removed: list[bytes] = []
    try:
        ifd = os.open(info_dir, DIR_FLAGS | NOFOLLOW)
    except OSError:
        return removed
    try:
        if os.fstat(ifd).st_uid != os.getuid():
            return removed
        try:
            ffd = os.open(files_dir, DIR_FLAGS | NOFOLLOW)
        except OSError:
            ffd = None
        try:
            for entry in os.scandir(ifd):
                name = os.fsencode(entry.name)
                if not name.endswith(b".trashinfo"):
                    continue
                try:
                    st = os.stat(name, dir_fd=ifd, follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < ORPHAN_AGE:
                    continue
                orphan = st.st_size == 0
                if not orphan and ffd is not None:
                    try:
                        os.stat(name[:-len(b".trashinfo")], dir_fd=ffd, follow_symlinks=False)
                    except FileNotFoundError:
                        orphan = True
                    except OSError:
                        pass
                if orphan:
                    try:
                        os.unlink(name, dir_fd=ifd)
                        removed.append(os.path.join(info_dir, name))
                    except OSError:
                        pass
        finally:
            if ffd is not None:
                os.close(ffd)
    finally:
        os.close(ifd)
    return removed

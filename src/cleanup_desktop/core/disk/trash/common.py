"""What every trash backend does the same way: check that a recorded trash entry is still the
item we put there, put it back without overwriting anything, remove it for good.

Rule: an entry is acted on only when it still has the recorded identity (file number) and, for
a file, the size and modification time the plan recorded (file numbers are reused at once on
many file systems). Putting back never replaces a file: a taken name gets " (restored)".
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
from typing import Any, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.run.accounting import allocated_bytes
from cleanup_desktop.core.disk.trash.fditems import DIR_FLAGS, Remap, RestoreRefused, TrashError, _free_names, put_back_at
from cleanup_desktop.core.messages import Reason

HAVE_DIR_FD = os.open in os.supports_dir_fd and os.rename in os.supports_dir_fd


class MoveError(Exception):
    """The item could not go to this backend's trash; it was left in place (message for the user)."""


NOT_OURS = Reason("trash.not-ours")


def require(ok: bool) -> None:
    """A journal record read back is validated against its backend's layout before use."""
    if not ok:
        raise TrashError(NOT_OURS)


def check_entry(path: str, rec: dict[str, Any], action: dict[str, Any]) -> os.stat_result:
    """The trash entry at ``path``, if it is still the item recorded in ``rec`` for ``action``."""
    try:
        st = fileid.lstat(path)
    except FileNotFoundError:
        raise TrashError(Reason("trash.entry-gone")) from None
    ino = rec.get("trash_ino")
    if (
        (ino and st.st_ino and st.st_ino != ino)
        or (stat.S_ISREG(st.st_mode) and action.get("size") is not None and st.st_size != action["size"])
        or (stat.S_ISREG(st.st_mode) and action.get("mtime_ns") is not None and st.st_mtime_ns != action["mtime_ns"])
    ):
        raise TrashError(Reason("trash.entry-other"))
    if stat.S_ISLNK(st.st_mode) and not action.get("symlink"):
        raise TrashError(Reason("trash.entry-link"))
    return st


def put_back(path: str, st: os.stat_result, original: str, dirs: Optional[list[Any]] = None,
             remap: Optional[Remap] = None, word: str = "restored") -> str:
    """Move the entry at ``path`` back to ``original``'s folder (recreated if missing), under
    its name or beside it. Through folder handles where the OS has them (see
    core.disk.trash.fditems.put_back_at), else by path with the same no-overwrite rule."""
    orig = os.path.normpath(original)
    if any(c in ("..", ".") for c in orig.replace("\\", "/").split("/")):
        raise RestoreRefused(Reason("restore.bad-path"))
    if HAVE_DIR_FD and os.sep == "/":
        src = os.fsencode(path)
        ffd = os.open(os.path.dirname(src), DIR_FLAGS)
        try:
            now = os.stat(os.path.basename(src), dir_fd=ffd, follow_symlinks=False)
            if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
                raise TrashError(Reason("trash.entry-other"))
            return os.fsdecode(put_back_at(ffd, os.path.basename(src), st, os.fsencode(orig), dirs, remap, word))
        finally:
            os.close(ffd)
    parent = os.path.dirname(orig)
    os.makedirs(fileid.io_path(parent), exist_ok=True)
    pst = fileid.lstat(parent)
    if fileid.is_link(pst) or not stat.S_ISDIR(pst.st_mode):
        raise RestoreRefused(Reason("restore.folder-replaced", folder=parent))
    for cand in _free_names(os.path.basename(orig).encode("utf-8", "surrogateescape"), word):
        dest = os.path.join(parent, cand.decode("utf-8", "surrogateescape"))
        if os.path.lexists(fileid.io_path(dest)):
            continue
        try:
            os.rename(fileid.io_path(path), fileid.io_path(dest))  # Windows' rename never replaces
        except FileExistsError:
            continue
        return dest
    raise AssertionError("unreachable")


def remove(path: str, st: os.stat_result) -> int:
    """Remove the entry for good; the bytes this really frees (0 while other links keep it)."""
    if stat.S_ISDIR(st.st_mode):
        freed = tree_bytes(path)
        shutil.rmtree(fileid.io_path(path))
        return freed
    freed = allocated_bytes(st) if st.st_nlink <= 1 else 0
    os.unlink(fileid.io_path(path))
    return freed


def tree_bytes(path: str) -> int:
    total = 0
    for base, _dirs, files in os.walk(fileid.io_path(path)):
        for name in files:
            try:
                st = os.lstat(os.path.join(base, name))
            except OSError:
                continue
            if st.st_nlink <= 1:
                total += allocated_bytes(st)
    return total


def unlink_quiet(path: str) -> None:
    try:
        os.unlink(fileid.io_path(path))
    except FileNotFoundError:
        pass
    except OSError as exc:
        if exc.errno != errno.ENOENT:
            raise


def identity_of(path: str) -> int:
    try:
        return fileid.lstat(path).st_ino
    except OSError:
        return 0

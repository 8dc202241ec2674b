"""Folders reached from a scan root without following a link: the disk executors' and the
folder executors' shared re-check of the folder chain above an item.

Where folders can be opened relative to a handle (``HAVE_DIR_FD``: Linux, macOS), every folder
below the root is opened with O_NOFOLLOW relative to the previous one; elsewhere (Windows) each
one is lstat'ed and refused when it is a link or a junction.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Any, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.run.execute import Skip

DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
HAVE_DIR_FD = os.open in os.supports_dir_fd and os.stat in os.supports_dir_fd


def split(path: str) -> tuple[bytes, bytes]:
    path_b = os.path.normpath(os.fsencode(path))
    return os.path.dirname(path_b), os.path.basename(path_b)


def within(path: bytes, root: bytes) -> bool:
    return bool(root) and (path == root or path.startswith(root.rstrip(b"/") + b"/"))


def open_parent(parent: bytes, root: bytes, root_fd: Optional[int] = None, chain: Optional[list[Any]] = None) -> int:
    """A handle on ``parent`` reached from ``root`` without following any link below the root.

    ``root_fd`` is the root's verified handle (else the root is opened by path). With ``chain``,
    the (device, inode) of the root and of every folder below it are appended to it."""
    if root_fd is not None:
        start, fd = root, os.dup(root_fd)
    else:
        start = root if within(parent, root) else b"/"
        fd = os.open(start, DIR_FLAGS)
    rel = parent[len(start):]
    walked = start
    try:
        if chain is not None:
            st = os.fstat(fd)
            chain.append([st.st_dev, st.st_ino])
        for comp in rel.split(b"/"):
            if comp in (b"", b"."):
                continue
            walked = os.path.join(walked, comp)
            try:
                nfd = os.open(comp, DIR_FLAGS | NOFOLLOW, dir_fd=fd)
            except OSError as exc:
                if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                    if os.path.islink(walked):
                        raise Skip("skip.folder-now-symlink", folder=os.fsdecode(walked)) from None
                    raise Skip("skip.not-folder-now", folder=os.fsdecode(walked)) from None
                if exc.errno == errno.ENOENT:
                    raise Skip("skip.folder-gone", folder=os.fsdecode(walked)) from None
                raise
            os.close(fd)
            fd = nfd
            if chain is not None:
                st = os.fstat(fd)
                chain.append([st.st_dev, st.st_ino])
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_components_no_links(parent: bytes, root: bytes) -> None:
    """Fallback where folders cannot be opened relative to a handle (Windows): lstat each one."""
    start = root if within(parent, root) else os.path.splitdrive(parent)[0] + os.sep.encode()
    walked = start
    for comp in parent[len(start):].replace(b"\\", b"/").split(b"/"):
        if not comp:
            continue
        walked = os.path.join(walked, comp)
        try:
            st = fileid.lstat(walked)
        except FileNotFoundError:
            raise Skip("skip.folder-gone", folder=os.fsdecode(walked)) from None
        if fileid.is_link(st):  # a symbolic link or a junction (a OneDrive folder is no link)
            raise Skip("skip.folder-now-link", folder=os.fsdecode(walked))
        if not stat.S_ISDIR(st.st_mode):
            raise Skip("skip.not-folder-now", folder=os.fsdecode(walked))


def check_parents(parent: bytes, root: bytes) -> None:
    """The folder chain from ``root`` to ``parent`` has no link (Skip otherwise)."""
    if HAVE_DIR_FD:
        os.close(open_parent(parent, root))
    else:
        check_components_no_links(parent, root)

"""A fake OS layer: the real scan, duplicate pipeline, plan and executor on Linux files, with
the answers Windows or macOS would give for every path below one folder (the fake's root).

Installed by replacing ``os.scandir``, ``os.stat``, ``os.lstat``, ``os.open``, ``os.rename``
and ``os.unlink`` (paths outside the root go to the real calls untouched), and by switching
``cleanup_desktop.core.fileid`` to that OS's semantics. What each OS answers:

windows
  - ``DirEntry.stat()`` has st_dev, st_ino and st_nlink = 0 (Python's documented behaviour);
    ``os.stat``/``os.lstat`` carry them (volume serial number, file index) and
    ``st_file_attributes``/``st_reparse_tag``;
  - a junction (``junction()``: a real symlink here) is a folder for ``DirEntry.is_dir`` and
    not a symlink for ``is_symlink``, with FILE_ATTRIBUTE_REPARSE_POINT and
    IO_REPARSE_TAG_MOUNT_POINT, as Python 3.11 on Windows reports it;
  - names are looked up case-insensitively;
  - a plain path of 260 characters or more is not found; the ``\\\\?\\`` form works;
  - a locked file (``lock()``: open in another program) cannot be opened, renamed or
    deleted: PermissionError with winerror 32 (sharing violation);
  - extra attributes per path (``set_attributes``: hidden, system, online-only);
  - no ``dir_fd`` support (the code under test then uses whole paths).
macos
  - names are looked up ignoring case and Unicode normalization (default APFS); everything
    else as Linux.
linux
  - nothing is replaced: the real OS.
"""

from __future__ import annotations

import errno
import os
import stat as stat_mod
import unicodedata
from typing import Optional

EXTENDED = "\\\\?\\"
MAX_PATH = 260
# Windows file attributes and reparse tags (winnt.h); the fake needs no code under test.
ARCHIVE = 0x20
HIDDEN = 0x2
SYSTEM = 0x4
DIRECTORY = 0x10
REPARSE_POINT = 0x400
RECALL_ON_DATA_ACCESS = 0x400000
IO_REPARSE_TAG_MOUNT_POINT = 0xA0000003
IO_REPARSE_TAG_SYMLINK = 0xA000000C
ERROR_SHARING_VIOLATION = 32
STAT_FIELDS = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime",
               "st_mtime", "st_ctime", "st_atime_ns", "st_mtime_ns", "st_ctime_ns", "st_blocks", "st_blksize")


class FakeStat:
    """A stat result with Windows' extra fields (os.stat_result cannot take them on Linux)."""

    def __init__(self, real: os.stat_result, **changes) -> None:
        for name in STAT_FIELDS:
            setattr(self, name, getattr(real, name))
        self.st_file_attributes = 0
        self.st_reparse_tag = 0
        for name, value in changes.items():
            setattr(self, name, value)


def _locked_error(path: str) -> PermissionError:
    exc = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another process", path)
    exc.winerror = ERROR_SHARING_VIOLATION  # what Windows sets; OSError has no such field on Linux
    return exc


class FakeEntry:
    """A Windows os.DirEntry over a real one."""

    def __init__(self, fake: "FakeOS", real: os.DirEntry, path: str) -> None:
        self._fake, self._real = fake, real
        self.name = real.name
        self.path = path
        self._junction = real.path in fake.junctions

    def __fspath__(self) -> str:
        return self.path

    def is_symlink(self) -> bool:
        return False if self._junction else self._real.is_symlink()

    def is_junction(self) -> bool:
        return self._junction

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return True if self._junction else self._real.is_dir(follow_symlinks=follow_symlinks)

    def is_file(self, *, follow_symlinks: bool = True) -> bool:
        return False if self._junction else self._real.is_file(follow_symlinks=follow_symlinks)

    def inode(self) -> int:
        return self._real.inode()

    def stat(self, *, follow_symlinks: bool = True):
        if follow_symlinks and self._real.is_symlink():
            return self._fake._stat(self._real.path, True)  # Windows calls os.stat() then
        st = self._fake._win_stat(self._real.path, self._real.stat(follow_symlinks=follow_symlinks), follow_symlinks)
        st.st_ino = st.st_dev = st.st_nlink = 0  # the documented zeros of DirEntry.stat() on Windows
        return st


class _ScandirIterator:
    def __init__(self, entries) -> None:
        self._it = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._it)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass

    def close(self) -> None:
        pass


class FakeOS:
    def __init__(self, name: str, root: str) -> None:
        self.name = name
        self.root = os.path.realpath(str(root))
        self.windows = name == "windows"
        self.folds = name in ("windows", "macos")
        self.junctions: set[str] = set()
        self.locked: set[str] = set()
        self.attrs: dict[str, int] = {}
        self.calls = {"lstat": 0}
        self.real = {fn: getattr(os, fn) for fn in ("scandir", "stat", "lstat", "open", "rename", "unlink", "listdir")}

    # ---- set-up helpers (they work the same under every OS) -------------------------------
    def junction(self, link: str, target: str) -> None:
        """A directory junction on Windows; a symbolic link to a folder elsewhere."""
        self.real_symlink(target, link)
        self.junctions.add(os.path.realpath(os.path.dirname(link)) + os.sep + os.path.basename(link))

    @staticmethod
    def real_symlink(target: str, link: str) -> None:
        os.symlink(target, link)

    def lock(self, path: str) -> None:
        """Another program holds ``path`` open without sharing (Windows only refuses access)."""
        self.locked.add(os.path.realpath(path))

    def unlock(self, path: str) -> None:
        self.locked.discard(os.path.realpath(path))

    def set_attributes(self, path: str, attrs: int) -> None:
        self.attrs[os.path.realpath(path)] = attrs

    # ---- path translation ---------------------------------------------------------------
    def _translate(self, path, dir_fd: Optional[int] = None) -> Optional[str]:
        """The real path for a path under the root (None: not ours, use the real call)."""
        if isinstance(path, int) or self.name == "linux":
            return None
        text = os.fsdecode(os.fspath(path))
        if dir_fd is not None and not os.path.isabs(text):
            text = os.path.join(os.readlink(f"/proc/self/fd/{dir_fd}"), text)
        extended = text.startswith(EXTENDED)
        if extended:
            text = text[len(EXTENDED):]
        if not (text == self.root or text.startswith(self.root + os.sep)):
            return None
        if self.windows and not extended and len(text) >= MAX_PATH:
            raise FileNotFoundError(errno.ENOENT, "The system cannot find the path specified", text)
        return self._resolve_case(text) if self.folds else text

    def _exists(self, path: str) -> bool:
        try:
            self.real["lstat"](path)
            return True
        except OSError:
            return False

    def _resolve_case(self, path: str) -> str:
        if self._exists(path):
            return path
        cur = self.root
        for comp in path[len(self.root):].split(os.sep):
            if not comp:
                continue
            cand = os.path.join(cur, comp)
            if not self._exists(cand):
                try:
                    names = self.real["listdir"](cur)
                except OSError:
                    return path
                match = [n for n in names if self._fold(n) == self._fold(comp)]
                if not match:
                    return path
                cand = os.path.join(cur, match[0])
            cur = cand
        return cur

    def _fold(self, name: str) -> str:
        """NTFS ignores case; APFS ignores case and Unicode normalization."""
        return (unicodedata.normalize("NFC", name) if self.name == "macos" else name).lower()

    def _win_stat(self, real_path: str, st: os.stat_result, followed: bool) -> FakeStat:
        attrs = self.attrs.get(real_path, 0)
        tag = 0
        mode = st.st_mode
        if stat_mod.S_ISDIR(mode):
            attrs |= DIRECTORY
        elif stat_mod.S_ISLNK(mode) and real_path in self.junctions:
            # os.lstat of a junction on Windows: a folder with a mount-point reparse tag
            mode = stat_mod.S_IFDIR | 0o777
            attrs |= DIRECTORY | REPARSE_POINT
            tag = IO_REPARSE_TAG_MOUNT_POINT
        elif stat_mod.S_ISLNK(mode):
            attrs |= REPARSE_POINT
            tag = IO_REPARSE_TAG_SYMLINK
        else:
            attrs |= ARCHIVE
        return FakeStat(st, st_mode=mode, st_file_attributes=attrs, st_reparse_tag=tag)

    def _check_lock(self, real_path: str) -> None:
        if self.windows and real_path in self.locked:
            raise _locked_error(real_path)

    # ---- the replaced calls -------------------------------------------------------------
    def _stat(self, real_path: str, follow_symlinks: bool):
        st = self.real["stat"](real_path, follow_symlinks=follow_symlinks)
        return self._win_stat(real_path, st, follow_symlinks) if self.windows else st

    def stat(self, path, *, dir_fd=None, follow_symlinks=True):
        real = self._translate(path, dir_fd)
        if real is None:
            return self.real["stat"](path, dir_fd=dir_fd, follow_symlinks=follow_symlinks)
        self.calls["lstat"] += 1
        return self._stat(real, follow_symlinks)

    def lstat(self, path, *, dir_fd=None):
        return self.stat(path, dir_fd=dir_fd, follow_symlinks=False)

    def open(self, path, flags, mode=0o777, *, dir_fd=None):
        real = self._translate(path, dir_fd)
        if real is None:
            return self.real["open"](path, flags, mode, dir_fd=dir_fd)
        self._check_lock(real)
        return self.real["open"](real, flags, mode)

    def rename(self, src, dst, *, src_dir_fd=None, dst_dir_fd=None):
        real_src = self._translate(src, src_dir_fd)
        if real_src is None:
            return self.real["rename"](src, dst, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
        self._check_lock(real_src)
        real_dst = self._translate(dst, dst_dir_fd)
        if real_dst is None:  # into a folder outside the fake's root (the trash): relative to its handle
            return self.real["rename"](real_src, dst, dst_dir_fd=dst_dir_fd)
        return self.real["rename"](real_src, real_dst)

    def unlink(self, path, *, dir_fd=None):
        real = self._translate(path, dir_fd)
        if real is None:
            return self.real["unlink"](path, dir_fd=dir_fd)
        self._check_lock(real)
        return self.real["unlink"](real)

    def scandir(self, path="."):
        real = self._translate(path)
        if real is None:
            return self.real["scandir"](path)
        given = os.fsdecode(os.fspath(path))
        with self.real["scandir"](real) as it:
            reals = list(it)
        if self.windows:
            entries = [FakeEntry(self, e, os.path.join(given, e.name)) for e in reals]
        elif given == real:
            entries = reals
        else:  # macOS: entries echo the case the folder was named with
            entries = [_Renamed(e, os.path.join(given, e.name)) for e in reals]
        return _ScandirIterator(entries)

    def install(self, monkeypatch) -> None:
        # Modules that test os.open & co. at import time are imported before anything is replaced.
        from cleanup_desktop.core.disk import actions as disk_actions  # noqa: F401
        from cleanup_desktop.core.disk import hashing  # noqa: F401
        if self.name == "linux":
            return
        for fn in ("scandir", "stat", "lstat", "open", "rename", "unlink"):
            monkeypatch.setattr(os, fn, getattr(self, fn))
        monkeypatch.setattr(os, "remove", self.unlink)
        try:  # the code's own per-OS semantics (absent from code older than the fake)
            from cleanup_desktop.core import fileid
        except ImportError:
            pass
        else:
            monkeypatch.setattr(fileid, "_current", fileid.SEMANTICS[self.name])
        if self.windows:
            from cleanup_desktop.core.disk import parents
            try:  # where the reading loops live (core.disk.hashing before they moved)
                from cleanup_desktop.core.disk import readers as loops
            except ImportError:
                from cleanup_desktop.core.disk import hashing as loops
            monkeypatch.setattr(loops, "DIR_FD_OK", False)
            monkeypatch.setattr(parents, "HAVE_DIR_FD", False)


class _Renamed:
    """A real DirEntry whose path starts with the folder as the caller named it."""

    def __init__(self, real: os.DirEntry, path: str) -> None:
        self._real, self.name, self.path = real, real.name, path

    def __getattr__(self, attr):
        return getattr(self._real, attr)

    def __fspath__(self) -> str:
        return self.path

"""Which file is this, which folder is this: identity, links, names and attributes, per OS.

The walk, the duplicate finder, the hash cache and the executor ask this module instead of
reading ``st_dev``/``st_ino`` themselves. The rules it guarantees, on every OS:

1. An identity is a (device, file number) pair with both parts non-zero. A zero is "not
   known", never an identity: two unknown identities are neither the same file nor provably
   different files. Windows' ``os.DirEntry.stat()`` carries zeros in st_dev, st_ino and
   st_nlink; where an identity is needed (folders, duplicate candidates, the files a scan
   reports, the executor's re-checks) ``with_identity`` reads it with ``os.lstat`` (volume
   serial number and file index), one call, never for every file of a walk. Linux and macOS
   entries carry it already and cost nothing more.
2. Links are never followed: symbolic links and, on Windows, every reparse point that names
   another path (junctions, volume mount points, symbolic links: the "name surrogate" tags,
   Python's own rule for ``os.lstat`` since 3.8) or whose tag is not known. Cloud-file
   placeholders (OneDrive) and de-duplicated files are reparse points that hold the user's
   own data: they are walked, but a file that is not on the disk (online-only) is never read.
3. Names on case-insensitive systems (Windows, and macOS whose default APFS/HFS+ volumes
   ignore case and Unicode normalization) are compared that way (``fold``): folders named
   by the user (roots, exclusions, reference folders) and the paths of a plan.
4. On Windows, paths of ``LONG_PATH`` characters or more go to the system in the ``\\\\?\\``
   form (``io_path``), where plain calls fail beyond MAX_PATH; reports keep the plain path.
5. Windows system files (FILE_ATTRIBUTE_SYSTEM: desktop.ini, Thumbs.db) are never offered as
   duplicates or large/old files, and hidden system folders ($RECYCLE.BIN, System Volume
   Information) are not walked.
6. A file another program holds open (Windows sharing or lock violation) is reported as
   ``LOCKED``, never as a bare "permission denied".

``current()`` answers for the running OS. Tests switch to another OS's semantics with
``use(name)`` and run the real code over a fake OS layer (tests/fake_os.py).
"""

from __future__ import annotations

import os
import stat as stat_mod
import sys
import unicodedata
from dataclasses import dataclass
from typing import Optional, Union, overload

from cleanup_desktop.core.messages import Reason

# Windows file attributes and reparse tags (winnt.h)
FILE_ATTRIBUTE_HIDDEN = 0x2
FILE_ATTRIBUTE_SYSTEM = 0x4
FILE_ATTRIBUTE_DIRECTORY = 0x10
FILE_ATTRIBUTE_REPARSE_POINT = 0x400
FILE_ATTRIBUTE_OFFLINE = 0x1000
FILE_ATTRIBUTE_RECALL_ON_OPEN = 0x40000
FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS = 0x400000
ONLINE_ONLY = FILE_ATTRIBUTE_OFFLINE | FILE_ATTRIBUTE_RECALL_ON_OPEN | FILE_ATTRIBUTE_RECALL_ON_DATA_ACCESS
IO_REPARSE_TAG_MOUNT_POINT = 0xA0000003  # junctions and volume mount points
IO_REPARSE_TAG_SYMLINK = 0xA000000C
IO_REPARSE_TAG_CLOUD = 0x9000001A  # OneDrive placeholders: 0x9000001A, 0x9000101A ... 0x9000F01A
NAME_SURROGATE = 0x20000000
ERROR_SHARING_VIOLATION = 32
ERROR_LOCK_VIOLATION = 33

LONG_PATH = 248  # Windows: MAX_PATH is 260 with the final NUL, 248 for a folder (room for 8.3 names)
LOCKED = Reason("scan.locked")

Identity = tuple[int, int]
PathT = Union[str, bytes]


@dataclass(frozen=True)
class Semantics:
    """What one OS's file system calls answer."""

    name: str  # "linux" | "windows" | "macos"
    entry_ids: bool  # os.DirEntry.stat() carries st_dev, st_ino and st_nlink
    folds_case: bool  # names differing only in case are the same file (default volumes)
    attributes: bool  # stat results carry st_file_attributes / st_reparse_tag
    long_path: Optional[int]  # paths this long need the \\?\ form (None: no limit to work around)


SEMANTICS = {
    "linux": Semantics("linux", entry_ids=True, folds_case=False, attributes=False, long_path=None),
    "macos": Semantics("macos", entry_ids=True, folds_case=True, attributes=False, long_path=None),
    "windows": Semantics("windows", entry_ids=False, folds_case=True, attributes=True, long_path=LONG_PATH),
}


def running_os() -> str:
    if sys.platform.startswith("win"):
        return "windows"
    if sys.platform == "darwin":
        return "macos"
    return "linux"


_current = SEMANTICS[running_os()]


def current() -> Semantics:
    return _current


def use(name: str) -> Semantics:
    """Answer with ``name``'s semantics from now on (tests); returns the previous ones."""
    global _current
    previous, _current = _current, SEMANTICS[name]
    return previous


# ---- identity ------------------------------------------------------------------------------
def identity(st: os.stat_result) -> Optional[Identity]:
    """(device, file number), or None when either is zero (not known: never an identity)."""
    dev, ino = st.st_dev, st.st_ino
    return (dev, ino) if dev and ino else None


def known(dev: object, ino: object) -> Optional[Identity]:
    """An identity from recorded numbers (a plan, a scan record); None unless both are non-zero ints."""
    if type(dev) is int and type(ino) is int and dev and ino:
        return (dev, ino)
    return None


def same_file(a: Optional[Identity], b: Optional[Identity]) -> bool:
    """True only when both identities are known and equal."""
    return a is not None and a == b


def distinct(a: Optional[Identity], b: Optional[Identity]) -> bool:
    """True only when both identities are known and differ (provably two files)."""
    return a is not None and b is not None and a != b


def lstat(path: PathT) -> os.stat_result:
    """os.lstat through ``io_path``: carries the identity on every OS."""
    return os.lstat(io_path(path))


def with_identity(st: os.stat_result, path: PathT) -> os.stat_result:
    """``st`` itself when it carries an identity, else a fresh lstat of ``path`` (Windows
    directory entries). May raise OSError like os.lstat."""
    if st.st_dev and st.st_ino:
        return st
    return lstat(path)


# ---- links and attributes -----------------------------------------------------------------
def attributes(st: os.stat_result) -> int:
    return getattr(st, "st_file_attributes", 0)


def is_link(st: os.stat_result) -> bool:
    """A link the walk never follows: a symbolic link, or a reparse point naming another path
    (junction, mount point, symbolic link) or of an unknown kind."""
    if stat_mod.S_ISLNK(st.st_mode):
        return True
    if not attributes(st) & FILE_ATTRIBUTE_REPARSE_POINT:
        return False
    tag = getattr(st, "st_reparse_tag", 0)
    return tag == 0 or bool(tag & NAME_SURROGATE)


def is_cloud_placeholder(st: os.stat_result) -> bool:
    return (getattr(st, "st_reparse_tag", 0) & 0xFFFF0FFF) == IO_REPARSE_TAG_CLOUD


def skip_dir(st: os.stat_result) -> bool:
    """Folders the walk never enters: links, and Windows' hidden system folders."""
    hidden_system = FILE_ATTRIBUTE_HIDDEN | FILE_ATTRIBUTE_SYSTEM
    return is_link(st) or attributes(st) & hidden_system == hidden_system


def not_offered(st: os.stat_result) -> Optional[str]:
    """Why a regular file is never a duplicate, large or old file (None: it may be): a system
    file, a file that is not on the disk (online-only), or a link in disguise."""
    attrs = attributes(st)
    if not attrs:
        return None
    if attrs & FILE_ATTRIBUTE_SYSTEM:
        return "system file"
    if attrs & ONLINE_ONLY:
        return "online-only file (not on this disk)"
    if is_link(st):
        return "link"
    return None


# ---- names and paths ----------------------------------------------------------------------
def fold(path: str) -> str:
    """A path as names compare on this OS: case-folded where case is ignored, and on macOS
    in one Unicode normalization form (its volumes ignore that difference too)."""
    path = os.path.normcase(path)
    if not _current.folds_case:
        return path
    if _current.name == "macos" and not path.isascii():
        path = unicodedata.normalize("NFC", path)
    return path.lower()


EXTENDED = "\\\\?\\"


@overload
def io_path(path: str) -> str: ...
@overload
def io_path(path: bytes) -> bytes: ...
def io_path(path: PathT) -> PathT:
    """The form of ``path`` to hand to the OS: ``\\\\?\\`` + absolute path for long Windows
    paths (``\\\\?\\UNC\\server\\share`` for network ones), the path itself otherwise."""
    limit = _current.long_path
    if limit is None or len(path) < limit:
        return path
    if isinstance(path, bytes):
        return os.fsencode(io_path(os.fsdecode(path)))
    if path.startswith(EXTENDED):
        return path
    full = os.path.abspath(path)
    if full.startswith("\\\\"):
        return EXTENDED + "UNC\\" + full[2:]
    return EXTENDED + full


def plain_path(path: str) -> str:
    """``path`` without the ``\\\\?\\`` prefix (what reports show)."""
    if path.startswith(EXTENDED + "UNC\\"):
        return "\\\\" + path[8:]
    return path[4:] if path.startswith(EXTENDED) else path


# ---- errors -------------------------------------------------------------------------------
def is_locked(exc: BaseException) -> bool:
    """A sharing or lock violation: another program holds the file open (Windows)."""
    return isinstance(exc, OSError) and getattr(exc, "winerror", None) in (ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION)

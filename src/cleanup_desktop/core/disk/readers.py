"""The duplicate finder's reading loops: open, read, hash, close, for one batch of files.

Kept free of the rest of the engine (it imports os, xxhash, and fcntl where there is one) because it runs in two
places: in the scan's own process, and in the hash helper process (core.disk.hashhelper),
which must start in a few milliseconds. Errors are returned as the exception raised, never
worded here: the scan's process words them (core.disk.walk.describe_error).

Per-file Python overhead dominates hashing on a warm page cache, so small files are read
with a single os.open/os.read/os.close and hashed whole at once (written out inline in the
batch loop, its hottest path); larger ones get a cheap head+tail digest first (one open,
two reads) and a streamed full digest only if that still collides.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Optional, Sequence

import xxhash

WHOLE_READ_LIMIT = 128 * 1024  # files up to this size are read once, whole, in the first stage
EDGE = 4096  # bytes read at the head and at the tail for the partial digest
CHUNK = 1 << 20
O_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
DIR_FD_OK = os.open in os.supports_dir_fd
O_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
FADVISE = hasattr(os, "posix_fadvise")
READ_AHEAD_FILES = 32  # files opened and hinted ahead of the one being read (cold page cache; measured: 8 and 32 beat none)
LOCKSTEP_MAX = 64  # files of one group read side by side at most (each holds a file handle)
HAVE_PREADV = hasattr(os, "preadv")
# Folders opened to be listed (core.disk.walk, core.disk.rescan): never through a symbolic link.
O_DIR_NOFOLLOW = O_DIR_FLAGS | getattr(os, "O_NOFOLLOW", 0)


def settings() -> tuple[int, int, int, int]:
    """The reading settings a helper process must share with the scan (sent with every request)."""
    return WHOLE_READ_LIMIT, EDGE, CHUNK, LOCKSTEP_MAX


def apply_settings(values: Any) -> None:
    global WHOLE_READ_LIMIT, EDGE, CHUNK, LOCKSTEP_MAX
    whole, edge, chunk, lockstep = values
    for v in values:
        if type(v) is not int or not 0 <= v <= 1 << 40:
            raise ValueError("bad reading settings")
    if edge < 1 or chunk < 1:
        raise ValueError("bad reading settings")
    WHOLE_READ_LIMIT, EDGE, CHUNK, LOCKSTEP_MAX = whole, edge, chunk, lockstep


# One batch item: (index in the stage, folder index, file name, size); one result:
# (index, digest or None, bytes read, the exception or None).
Item = tuple[int, int, str, int]
Result = tuple[int, Optional[bytes], int, Optional[BaseException]]


class ChangedDuringScan(OSError):
    """The file's size is not what the walk saw: it is being written to."""

    def __init__(self) -> None:
        super().__init__(0, "changed during the scan")


def _pread(fd: int, n: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, n, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, n)


def will_need(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start reading a range now (asynchronously); quiet where unsupported."""
    if FADVISE:
        try:
            os.posix_fadvise(fd, offset, length, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass


def _same_path(path: str) -> str:
    return path


class DirHandles:
    """Open directory handles for one batch, so files open by name relative to their folder
    (shorter lookups than absolute paths, and no path strings to build). ``dirs[i][0]`` is
    folder i's path; ``io_path`` gives the form of a whole path to hand to the OS where
    handles cannot be used (Windows)."""

    def __init__(self, dirs: Any, io_path: Callable[[str], str] = _same_path) -> None:
        self.dirs = dirs
        self.io_path = io_path
        self.fds: dict[int, int] = {}

    def __enter__(self) -> "DirHandles":
        return self

    def target(self, dir_index: int, name: str) -> tuple[str, Optional[int]]:
        """(name, dir_fd) to pass to os.open; falls back to the absolute path."""
        if not DIR_FD_OK:  # Windows: whole paths, in the \\?\ form when long
            return self.io_path(os.path.join(self.dirs[dir_index][0], name)), None
        fd = self.fds.get(dir_index)
        if fd is None:
            if len(self.fds) > 64:
                self.close()
            fd = self.fds[dir_index] = os.open(self.dirs[dir_index][0], O_DIR_FLAGS)
        return name, fd

    def close(self) -> None:
        for fd in self.fds.values():
            os.close(fd)
        self.fds.clear()

    def __exit__(self, *exc: object) -> None:
        self.close()


def digest_edges(path: str, size: int, dir_fd: Optional[int] = None) -> bytes:
    """Digest of the first and last EDGE bytes (and the size, through the bucket)."""
    fd = os.open(path, O_FLAGS, dir_fd=dir_fd)
    try:
        head = os.read(fd, EDGE)
        tail = _pread(fd, EDGE, size - EDGE)
        if len(head) != EDGE or len(tail) != EDGE or _pread(fd, 1, size) != b"":
            raise ChangedDuringScan()
    finally:
        os.close(fd)
    return xxhash.xxh3_128_digest(head + tail)


def digest_full(path: str, size: int, dir_fd: Optional[int] = None) -> bytes:
    """Streamed digest of the whole file in large reads."""
    h = xxhash.xxh3_128()
    buf = bytearray(min(CHUNK, max(size, 1)))
    view = memoryview(buf)
    total = 0
    fd = os.open(path, O_FLAGS, dir_fd=dir_fd)
    with open(fd, "rb", buffering=0) as f:
        while True:
            n = f.readinto(buf)
            if not n:
                break
            h.update(view[:n])
            total += n
    if total != size:
        raise ChangedDuringScan()
    return h.digest()


def hash_batch(dirs: Any, stage: str, cold: bool, batch: Sequence[Any],
               io_path: Callable[[str], str] = _same_path, stop: Optional[Callable[[], bool]] = None) -> list[Result]:
    """Hash one batch; ``stage`` is "partial" (small files whole, larger ones head and tail:
    ``batch`` is a list of items) or "full" (``batch`` is a list of groups of items, see
    hash_groups). With a cold page cache (``cold``) the first stage goes through hash_ahead."""
    if stage == "full":
        return hash_groups(dirs, cold, batch, io_path, stop)
    if cold and FADVISE:
        return hash_ahead(dirs, batch, io_path)
    out: list[Result] = []
    append = out.append
    whole_limit = WHOLE_READ_LIMIT
    os_open, os_read, os_close, flags = os.open, os.read, os.close, O_FLAGS
    digest = xxhash.xxh3_128_digest
    with DirHandles(dirs, io_path) as handles:
        for idx, di, name, size in batch:
            try:
                target, dir_fd = handles.target(di, name)
                if size <= whole_limit:
                    fd = os_open(target, flags, dir_fd=dir_fd)
                    try:
                        data = os_read(fd, size + 1)
                    finally:
                        os_close(fd)
                    if len(data) != size:
                        raise ChangedDuringScan()
                    append((idx, digest(data), size, None))
                else:
                    append((idx, digest_edges(target, size, dir_fd), 2 * EDGE, None))
            except (OSError, UnicodeError) as exc:
                append((idx, None, 0, exc))
    return out


def hash_ahead(dirs: Any, batch: Sequence[Item], io_path: Callable[[str], str] = _same_path) -> list[Result]:
    """The first stage with the disk as the bottleneck: files are opened READ_AHEAD_FILES
    ahead of the one being read, each with a read-ahead hint for the bytes this stage needs
    (whole small file, or head and tail), so the disk has a queue of requests in on-disk order
    to serve instead of one at a time."""
    out: list[Result] = []
    append = out.append
    whole_limit, edge = WHOLE_READ_LIMIT, EDGE
    os_open, flags, need = os.open, O_FLAGS, will_need
    digest = xxhash.xxh3_128_digest
    opened: list[tuple[int, int, int]] = []  # (position in batch, fd, size), oldest first
    ahead = READ_AHEAD_FILES
    n = len(batch)
    nxt = 0
    with DirHandles(dirs, io_path) as handles:
        try:
            for pos in range(n):
                while nxt < n and nxt - pos < ahead:
                    idx, di, name, size = batch[nxt]
                    try:
                        target, dir_fd = handles.target(di, name)
                        fd = os_open(target, flags, dir_fd=dir_fd)
                    except (OSError, UnicodeError) as exc:
                        opened.append((nxt, -1, 0))
                        append((idx, None, 0, exc))
                    else:
                        opened.append((nxt, fd, size))
                        if size <= whole_limit:
                            need(fd, 0, size)
                        else:
                            need(fd, 0, edge)
                            need(fd, size - edge, edge)
                    nxt += 1
                _pos, fd, size = opened.pop(0)
                if fd < 0:
                    continue
                idx = batch[pos][0]
                try:
                    if size <= whole_limit:
                        data = os.read(fd, size + 1)
                        if len(data) != size:
                            raise ChangedDuringScan()
                        append((idx, digest(data), size, None))
                    else:
                        head = os.read(fd, edge)
                        tail = _pread(fd, edge, size - edge)
                        if len(head) != edge or len(tail) != edge or _pread(fd, 1, size) != b"":
                            raise ChangedDuringScan()
                        append((idx, digest(head + tail), 2 * edge, None))
                except OSError as exc:
                    append((idx, None, 0, exc))
                finally:
                    os.close(fd)
        finally:
            for _p, fd, _s in opened:
                if fd >= 0:
                    os.close(fd)
    return out


def flat(batch: Sequence[Any]) -> list[Item]:
    """The items of a batch, whether a list of items or a list of groups of items."""
    if batch and type(batch[0]) is list:
        return [item for group in batch for item in group]
    return list(batch)


def hash_groups(dirs: Any, cold: bool, groups: Sequence[Sequence[Item]],
                io_path: Callable[[str], str] = _same_path, stop: Optional[Callable[[], bool]] = None) -> list[Result]:
    """The full stage, one group at a time: the files of a group (same size, same first-stage
    digest) are read side by side, CHUNK bytes of each in turn, and a file whose bytes so
    far match no other file of the group is settled, unique, and read no further: its
    result is ``(index, None, bytes read, None)``. Files read to their end (alike to the end,
    or told apart only by their last chunk) get their whole digest, which the hash cache
    keeps: a rescan does not read them again. A group of one file (its partners' digests are known from elsewhere, the
    hash cache) or of more than LOCKSTEP_MAX is read file by file, to the end. ``stop`` (a
    cancel) is asked between two rounds of side-by-side reading: files not finished then get
    no result."""
    out: list[Result] = []
    with DirHandles(dirs, io_path) as handles:
        for group in groups:
            if stop is not None and stop():
                break
            if 2 <= len(group) <= LOCKSTEP_MAX:
                _side_by_side(handles, group, cold, out, stop)
                continue
            for idx, di, name, size in group:
                try:
                    target, dir_fd = handles.target(di, name)
                    out.append((idx, digest_full(target, size, dir_fd), size, None))
                except (OSError, UnicodeError) as exc:
                    out.append((idx, None, 0, exc))
    return out


def _read_at(fd: int, view: memoryview, offset: int) -> int:
    """Fill ``view`` from ``offset`` (fewer bytes only at the end of the file); no new buffer."""
    if HAVE_PREADV:
        return os.preadv(fd, [view], offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.readv(fd, [view])


def _side_by_side(handles: DirHandles, group: Sequence[Item], cold: bool, out: list[Result],
                  stop: Optional[Callable[[], bool]]) -> None:
    size = group[0][3]
    reading: list[tuple[int, int, Any]] = []  # (index, fd, running digest)
    for idx, di, name, _size in group:
        try:
            target, dir_fd = handles.target(di, name)
            fd = os.open(target, O_FLAGS, dir_fd=dir_fd)
        except (OSError, UnicodeError) as exc:
            out.append((idx, None, 0, exc))
            continue
        reading.append((idx, fd, xxhash.xxh3_128()))
        if cold:
            will_need(fd, 0, min(CHUNK, size))
    buf = bytearray(min(CHUNK, size))
    whole = memoryview(buf)
    offset = 0
    try:
        while reading:
            if offset >= size:  # read to the end: every file left gets its digest
                for idx, fd, h in reading:
                    try:
                        if _pread(fd, 1, size) != b"":
                            raise ChangedDuringScan()
                        out.append((idx, h.digest(), size, None))
                    except OSError as exc:
                        out.append((idx, None, 0, exc))
                break
            if len(reading) == 1:  # no other file left to match: unique, read no further
                idx, fd, _h = reading.pop()
                os.close(fd)
                out.append((idx, None, offset, None))
                break
            if stop is not None and stop():
                break
            n = min(CHUNK, size - offset)
            view = whole[:n]
            alike: dict[bytes, list[tuple[int, int, Any]]] = {}
            for entry in reading:
                idx, fd, h = entry
                try:
                    if _read_at(fd, view, offset) != n:
                        raise ChangedDuringScan()
                except OSError as exc:
                    os.close(fd)
                    out.append((idx, None, 0, exc))
                    continue
                h.update(view)
                if cold and offset + n < size:
                    will_need(fd, offset + n, CHUNK)
                alike.setdefault(h.digest(), []).append(entry)
            offset += n
            reading = []
            for members in alike.values():
                if len(members) == 1 and offset < size:
                    idx, fd, _h = members[0]
                    os.close(fd)
                    out.append((idx, None, offset, None))
                else:  # alike so far, or read whole (a unique file read to its end keeps its digest)
                    reading.extend(members)
    finally:
        for _idx, fd, _h in reading:
            os.close(fd)


# Where a file's data starts on the disk (Linux FIEMAP: the first extent's physical offset),
# to read the full stage's groups in disk order. Anything else answers None: another OS,
# a file system without FIEMAP (tmpfs, network), data not placed yet (delayed allocation) or
# kept inside the inode.
try:
    import fcntl as _fcntl
except ImportError:  # Windows
    _fcntl = None  # type: ignore[assignment]
FS_IOC_FIEMAP = 0xC020660B
_FIEMAP_REQUEST = b"".join([
    (0).to_bytes(8, "little"), (0xFFFFFFFFFFFFFFFF).to_bytes(8, "little"),  # fm_start, fm_length
    (0).to_bytes(4, "little"), (0).to_bytes(4, "little"), (1).to_bytes(4, "little"), (0).to_bytes(4, "little"),
]) + bytes(56)  # fm_flags, fm_mapped_extents, fm_extent_count = 1, fm_reserved; one fiemap_extent
_NO_PLACE = 0x2 | 0x4 | 0x200  # FIEMAP_EXTENT_UNKNOWN, _DELALLOC, _DATA_INLINE
HAVE_FIEMAP = _fcntl is not None and os.uname().sysname == "Linux" if hasattr(os, "uname") else False


def physical_offset(fd: int) -> Optional[int]:
    if not HAVE_FIEMAP:
        return None
    buf = bytearray(_FIEMAP_REQUEST)
    try:
        _fcntl.ioctl(fd, FS_IOC_FIEMAP, buf, True)
    except (OSError, ValueError):
        return None
    mapped = int.from_bytes(buf[20:24], "little")
    if not mapped or int.from_bytes(buf[72:76], "little") & _NO_PLACE:
        return None
    return int.from_bytes(buf[40:48], "little")


def disk_order(dirs: Any, groups: list[list[Item]], io_path: Callable[[str], str] = _same_path) -> list[list[Item]]:
    """The groups sorted by where their first file's data starts on the disk, when that is
    known for every group (one open and one FIEMAP call per group); as given otherwise."""
    if not HAVE_FIEMAP:
        return groups
    keys = []
    with DirHandles(dirs, io_path) as handles:
        for group in groups:
            _idx, di, name, _size = group[0]
            try:
                target, dir_fd = handles.target(di, name)
                fd = os.open(target, O_FLAGS, dir_fd=dir_fd)
            except (OSError, UnicodeError):
                return groups
            try:
                where = physical_offset(fd)
            finally:
                os.close(fd)
            if where is None:
                return groups
            keys.append(where)
    order = sorted(range(len(groups)), key=keys.__getitem__)
    return [groups[k] for k in order]

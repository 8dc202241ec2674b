"""Reading and hashing files for the duplicate finder (xxHash XXH3, 128-bit).

Per-file Python overhead dominates hashing on a warm page cache, so small files are read
with a single os.open/os.read/os.close and hashed whole at once (inline in the duplicate
finder's batch loop, its hottest path); larger ones get a cheap
head+tail digest first (one open, two reads) and a streamed full digest only if that still
collides. Work is handed to threads in batches (a future per file costs more than it saves).
"""

from __future__ import annotations

import os
import time
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, TypeVar

import xxhash as xxhash  # re-exported: the duplicate pipeline calls its digests directly

from cleanup_desktop.core import fileid
from cleanup_desktop.core.progress import CancelToken
from cleanup_desktop.core.messages import Reason

WHOLE_READ_LIMIT = 128 * 1024  # files up to this size are read once, whole, in the first stage
EDGE = 4096  # bytes read at the head and at the tail for the partial digest
CHUNK = 1 << 20
SLOW_BATCH_S = 0.02  # a first batch slower than this is waiting for the disk: use threads
O_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class ChangedDuringScan(OSError):
    """The file's size is not what the walk saw: it is being written to."""

    def __init__(self) -> None:
        super().__init__(0, Reason("scan.changed"))


def _pread(fd: int, n: int, offset: int) -> bytes:
    if hasattr(os, "pread"):
        return os.pread(fd, n, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, n)


DIR_FD_OK = os.open in os.supports_dir_fd
O_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)


class DirHandles:
    """Open directory handles for one batch, so files open by name relative to their folder
    (shorter lookups than absolute paths, and no path strings to build)."""

    def __init__(self, dirs: list[Any]) -> None:
        self.dirs = dirs
        self.fds: dict[int, int] = {}

    def __enter__(self) -> "DirHandles":
        return self

    def target(self, dir_index: int, name: str) -> tuple[str, Optional[int]]:
        """(name, dir_fd) to pass to os.open; falls back to the absolute path."""
        if not DIR_FD_OK:  # Windows: whole paths, in the \\?\ form when long
            return fileid.io_path(os.path.join(self.dirs[dir_index][0], name)), None
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


def files_equal(a: str, b: str, size: int) -> bool:
    """Byte-by-byte comparison (the "paranoid" confirmation)."""
    with open(a, "rb", buffering=0) as fa, open(b, "rb", buffering=0) as fb:
        remaining = size
        while remaining > 0:
            x = fa.read(min(CHUNK, remaining))
            y = fb.read(min(CHUNK, remaining))
            if x != y:
                return False
            if not x:
                break
            remaining -= len(x)
        return fa.read(1) == fb.read(1) == b""


T = TypeVar("T")
R = TypeVar("R")


def batched(items: Iterable[T], weight: Callable[[T], int], max_items: int = 256, max_weight: int = 16 << 20) -> Iterator[list[T]]:
    batch: list[T] = []
    w = 0
    for item in items:
        batch.append(item)
        w += weight(item)
        if len(batch) >= max_items or w >= max_weight:
            yield batch
            batch, w = [], 0
    if batch:
        yield batch


class ReadMode:
    """Shared by a stage's batches: ``cold`` once the first batch showed reads wait for the
    disk (then files are opened a window ahead with read-ahead hints)."""

    def __init__(self) -> None:
        self.cold = False


FADVISE = hasattr(os, "posix_fadvise")
READ_AHEAD_FILES = 32  # files opened and hinted ahead of the one being read (cold page cache; measured: 8 and 32 beat none)


def will_need(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start reading a range now (asynchronously); quiet where unsupported."""
    if FADVISE:
        try:
            os.posix_fadvise(fd, offset, length, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass


def run_batches(
    batches: Iterable[Sequence[T]],
    work: Callable[[Sequence[T]], R],
    workers: int,
    cancel: Optional[CancelToken] = None,
    mode: Optional[ReadMode] = None,
) -> Iterator[R]:
    """Run ``work`` on each batch, yielding results as they complete.

    Adaptive: the first batch runs in the calling thread and is timed. Files served from the
    page cache cost a few microseconds each, and then threads only fight over the GIL, so
    everything stays in this thread; when reads wait for the disk (more than SLOW_BATCH_S
    for the first batch) the rest goes to ``workers`` threads, at most ``2 * workers``
    batches in flight so memory stays flat whatever the count.
    """
    it = iter(batches)
    first = next(it, None)
    if first is None:
        return
    started = time.perf_counter()
    yield work(first)
    if time.perf_counter() - started >= SLOW_BATCH_S and mode is not None:
        mode.cold = True
    if workers <= 1 or time.perf_counter() - started < SLOW_BATCH_S:
        for batch in it:
            if cancel is not None and cancel.cancelled:
                return
            yield work(batch)
        return
    # Imported here: a scan served from the page cache never needs threads, and start-up
    # (time to the first file) does not pay for them.
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hash")
    pending: set[Future[Any]] = set()
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * workers:
                if cancel is not None and cancel.cancelled:
                    exhausted = True
                    break
                try:
                    pending.add(pool.submit(work, next(it)))
                except StopIteration:
                    exhausted = True
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                yield fut.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

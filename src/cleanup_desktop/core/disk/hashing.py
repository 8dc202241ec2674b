"""Hashing files for the duplicate finder (xxHash XXH3, 128-bit): batching, the byte-by-byte
confirmation, and running batches in this thread or in threads. The reading loops themselves
live in core.disk.readers (the hash helper process runs them too), re-exported here.
Work is handed out in batches (a future per file costs more than it saves).
"""

from __future__ import annotations

import os
import time
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, TypeVar

import xxhash as xxhash  # re-exported: the duplicate pipeline calls its digests directly

from cleanup_desktop.core.disk.readers import (  # noqa: F401  # re-exported: the reading loops live there
    CHUNK, DIR_FD_OK, EDGE, FADVISE, O_FLAGS, READ_AHEAD_FILES, WHOLE_READ_LIMIT, ChangedDuringScan,
    DirHandles, digest_edges, digest_full, will_need)
from cleanup_desktop.core.progress import CancelToken

SLOW_BATCH_S = 0.02  # a first batch slower than this is waiting for the disk: use threads


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

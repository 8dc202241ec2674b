"""Hashing files for the duplicate finder (xxHash XXH3, 128-bit): batching, the byte-by-byte
confirmation, and running batches in this thread or in threads. The reading loops themselves
live in core.disk.readers (the hash helper process runs them too).
Work is handed out in batches (a future per file costs more than it saves).
"""

from __future__ import annotations

import os
import time
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence, TypeVar

from cleanup_desktop.core.disk.readers import CHUNK
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


class Sizer:
    """How many batches to keep reading at once, from the throughput measured (hill climbing).

    Starts at ``start``. Every window (WINDOW_S seconds and at least WINDOW_BATCHES batches
    done) the window's bytes per second are compared with the window before: after a step up,
    a gain of at least GAIN doubles again (up to ``limit``); less, and it steps back to where it
    was and holds. While holding, every PROBE_EVERY windows it tries one step up again (the
    disk may have become free). Never below 1 nor above ``limit``. The rule the tests check:
    the size settles within a factor 2 of the smallest one reaching the best throughput, and a
    size that does not pay (no gain) is left again at the next window."""

    WINDOW_S = 0.25
    WINDOW_BATCHES = 4
    GAIN = 0.10
    PROBE_EVERY = 8

    def __init__(self, start: int, limit: int, clock: Callable[[], float] = time.perf_counter) -> None:
        self.limit = max(1, limit)
        self.target = max(1, min(start, self.limit))
        self.clock = clock
        self.before: Optional[int] = None  # the size before the last step up (None: holding)
        self.rate = 0.0  # bytes per second of the last window
        self.held = 0
        self._start = clock()
        self._bytes = 0
        self._batches = 0

    def done(self, nbytes: int) -> None:
        """One batch done, ``nbytes`` read."""
        self._bytes += nbytes
        self._batches += 1
        now = self.clock()
        elapsed = now - self._start
        if elapsed < self.WINDOW_S or self._batches < self.WINDOW_BATCHES:
            return
        rate = self._bytes / elapsed if elapsed > 0 else 0.0
        self._start, self._bytes, self._batches = now, 0, 0
        if self.before is not None:  # judging a step up
            if rate >= self.rate * (1 + self.GAIN) and self.target < self.limit:
                self.before, self.target = self.target, min(self.limit, self.target * 2)
            elif rate < self.rate * (1 + self.GAIN):
                self.target, self.before = self.before, None  # no gain: back, and hold
                self.held = 0
                return  # keep the rate of the size held
            else:
                self.before = None
            self.rate = rate
        else:
            self.rate = rate
            self.held += 1
            if self.held >= self.PROBE_EVERY and self.target < self.limit:
                self.before, self.target, self.held = self.target, min(self.limit, self.target * 2), 0

    def start_probing(self) -> None:
        """Measure the first window at the start size, then try one step up."""
        self.held = self.PROBE_EVERY - 1

    @classmethod
    def for_reading(cls, workers: int) -> "Sizer":
        """The reading threads' sizer: 2 to start with, ``workers`` at most, probing at once."""
        sizer = cls(2, workers)
        sizer.start_probing()
        return sizer


def judge_first(started: float, mode: Optional[ReadMode]) -> bool:
    """Whether the first batch of a stage, begun at ``started``, waited for the disk (then
    ``mode.cold`` is set: the stage's next batches read ahead)."""
    slow = time.perf_counter() - started >= SLOW_BATCH_S
    if slow and mode is not None:
        mode.cold = True
    return slow


def run_batches(
    batches: Iterable[Sequence[T]],
    work: Callable[[Sequence[T]], R],
    workers: int,
    cancel: Optional[CancelToken] = None,
    mode: Optional[ReadMode] = None,
    weigh: Optional[Callable[[Sequence[T]], int]] = None,
    sizer: Optional[Sizer] = None,
) -> Iterator[R]:
    """Run ``work`` on each batch, yielding results as they complete.

    Adaptive: the first batch runs in the calling thread and is timed. Files served from the
    page cache cost a few microseconds each, and then threads only fight over the GIL, so
    everything stays in this thread; when reads wait for the disk (more than SLOW_BATCH_S
    for the first batch) the rest goes to at most ``workers`` threads, as many batches in
    flight as a Sizer finds worth it from the bytes per second measured (``weigh`` gives a
    batch's bytes; its item count without it), so memory stays flat whatever the count.
    """
    it = iter(batches)
    first = next(it, None)
    if first is None:
        return
    started = time.perf_counter()
    yield work(first)
    if workers <= 1 or not judge_first(started, mode):
        for batch in it:
            if cancel is not None and cancel.cancelled:
                return
            yield work(batch)
        return
    # Imported here: a scan served from the page cache never needs threads, and start-up
    # (time to the first file) does not pay for them.
    from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait

    if sizer is None:
        sizer = Sizer.for_reading(workers)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hash")
    pending: dict[Future[Any], int] = {}  # batch -> its bytes
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < sizer.target:
                if cancel is not None and cancel.cancelled:
                    exhausted = True
                    break
                try:
                    batch = next(it)
                except StopIteration:
                    exhausted = True
                    break
                pending[pool.submit(work, batch)] = weigh(batch) if weigh is not None else len(batch)
            if not pending:
                return
            done, _rest = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in done:
                sizer.done(pending.pop(fut))
                yield fut.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

"""Progress reporting and cancellation, shared by every long operation of the engine.

A long call takes ``progress`` (any callable receiving a :class:`ProgressEvent`, or None)
and ``cancel`` (a :class:`CancelToken`, or None). The CLI turns events into a progress bar
on stderr; the GUI turns them into Qt signals from a worker thread.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable, Optional, Protocol


class Cancelled(Exception):
    """Raised inside an operation when its cancel token was triggered."""


@dataclass(frozen=True)
class ProgressEvent:
    phase: str  # machine name of the phase, e.g. "walk", "hash-partial", "hash-full"
    items_done: int = 0
    items_total: Optional[int] = None  # None while unknown (e.g. during a walk)
    bytes_done: int = 0
    bytes_total: Optional[int] = None
    source: str = ""  # which source this is about (a root, a mailbox), for per-source bars
    detail: str = ""  # what is being worked on now (a folder name), informative only

    @property
    def fraction(self) -> Optional[float]:
        if self.bytes_total:
            return min(1.0, self.bytes_done / self.bytes_total)
        if self.items_total:
            return min(1.0, self.items_done / self.items_total)
        return None


class ProgressCallback(Protocol):
    def __call__(self, event: ProgressEvent) -> None: ...


class CancelToken:
    """Thread-safe flag checked by long operations between units of work."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()


class Reporter:
    """Throttles progress events so hot loops can report cheaply.

    ``update`` may be called for every item; the callback runs at most every ``interval``
    seconds, plus once at each phase change and on ``flush``. It also checks cancellation.
    """

    def __init__(
        self,
        progress: Optional[Callable[[ProgressEvent], None]] = None,
        cancel: Optional[CancelToken] = None,
        interval: float = 0.1,
    ) -> None:
        self._progress = progress
        self.cancel = cancel
        self._interval = interval
        self._last = 0.0
        self._event: Optional[ProgressEvent] = None

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def check(self) -> None:
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()

    def update(self, event: ProgressEvent, force: bool = False) -> None:
        self.check()
        phase_changed = self._event is None or self._event.phase != event.phase
        self._event = event
        if self._progress is None:
            return
        now = time.monotonic()
        if force or phase_changed or now - self._last >= self._interval:
            self._last = now
            self._progress(event)

    def flush(self) -> None:
        if self._progress is not None and self._event is not None:
            self._progress(self._event)

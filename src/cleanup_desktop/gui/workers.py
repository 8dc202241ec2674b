"""Run engine calls off the GUI thread and turn their progress into Qt signals.

A :class:`Task` wraps one core call ``fn(progress=..., cancel=...)``; it runs on the global
QThreadPool. Progress events (core.progress.ProgressEvent) arrive on the GUI thread through
queued signals; :meth:`Task.cancel` triggers the call's CancelToken, which the engine checks
between units of work, so cancelling answers at once.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from cleanup_desktop.core.progress import Cancelled, CancelToken, ProgressEvent
from cleanup_desktop.core.messages import Reason
from cleanup_desktop.gui.reasons import shown


class _CollectorPause:
    """Python's full garbage collections walk every object and hold the GIL meanwhile: on a
    50k-file scan that is 50-100 ms each, a visible freeze of the window whichever thread runs
    them. While engine tasks run, the cyclic collector is paused (reference counting still
    frees almost everything); when the last task ends, the objects that survived (the results
    the window keeps) are moved out of the collector's reach with gc.freeze() and it resumes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0

    def enter(self) -> None:
        with self._lock:
            self._running += 1
            if self._running == 1:
                self._was_enabled = gc.isenabled()
                gc.disable()

    def leave(self) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0 and self._was_enabled:
                gc.freeze()
                gc.enable()


COLLECTOR = _CollectorPause()


class TaskSignals(QObject):
    progress = Signal(object)  # ProgressEvent
    finished = Signal(object)  # the call's return value
    failed = Signal(str)  # a one-line error message
    cancelled = Signal()


class Task(QRunnable):
    #: Progress events closer together than this are merged (the last one wins).
    MIN_INTERVAL = 0.05

    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the owner keeps it while it runs
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.token = CancelToken()
        self.signals = TaskSignals()
        self._last_emit = 0.0
        # Set on the GUI thread when the outcome is delivered, before the owner's own slots
        # run, so "is it running?" never disagrees with what the window has been told.
        self.done = False
        self.result: Any = None  # what the call returned (or the error message)
        for signal in (self.signals.finished, self.signals.failed, self.signals.cancelled):
            signal.connect(self._mark_done)

    def _mark_done(self, *args) -> None:
        self.done = True
        if args:
            self.result = args[0]

    def cancel(self) -> None:
        self.token.cancel()

    def _progress(self, event: ProgressEvent) -> None:
        now = time.monotonic()
        if now - self._last_emit >= self.MIN_INTERVAL:
            self._last_emit = now
            self.signals.progress.emit(event)

    def run(self) -> None:
        lower_this_thread_priority()
        COLLECTOR.enter()
        try:
            result = self.fn(*self.args, progress=self._progress, cancel=self.token, **self.kwargs)
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # shown to the user, never a crash of the window
            traceback.print_exc()
            ours = type(exc).__module__.startswith("cleanup_desktop.")  # the engine's own clear messages
            if len(exc.args) == 1 and isinstance(exc.args[0], Reason):  # worded from its code (gui.reasons)
                self.signals.failed.emit(shown(exc.args[0]))
            else:
                self.signals.failed.emit(str(exc) if ours else f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(result)
        finally:
            COLLECTOR.leave()

    def start(self) -> "Task":
        QThreadPool.globalInstance().start(self)
        return self


def lower_this_thread_priority(step: int = 5) -> None:
    """Background work yields the CPU to the window: on Linux the nice value is per thread
    and inherited by the threads the engine starts from here (hashing workers)."""
    if not hasattr(os, "setpriority") or not sys.platform.startswith("linux"):
        return
    try:
        base = os.getpriority(os.PRIO_PROCESS, os.getpid())  # the main (GUI) thread's value
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), min(19, base + step))
    except OSError:
        pass  # not allowed here: run at normal priority


class EtaClock:
    """Estimates time left from the fraction done, smoothed by elapsed time."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def remaining(self, fraction: float | None) -> float | None:
        if not fraction or fraction <= 0.02:
            return None
        elapsed = time.monotonic() - self.start
        return elapsed * (1 - fraction) / fraction

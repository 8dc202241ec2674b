"""Run engine calls off the GUI thread and turn their progress into Qt signals.

A :class:`Task` wraps one core call ``fn(progress=..., cancel=...)``; it runs on the global
QThreadPool. Progress events (core.progress.ProgressEvent) arrive on the GUI thread through
queued signals; :meth:`Task.cancel` triggers the call's CancelToken, which the engine checks
between units of work, so cancelling answers at once.
"""

from __future__ import annotations

import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from cleanup_desktop.core.progress import Cancelled, CancelToken, ProgressEvent


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
        self.done = False

    def cancel(self) -> None:
        self.token.cancel()

    def _progress(self, event: ProgressEvent) -> None:
        now = time.monotonic()
        if now - self._last_emit >= self.MIN_INTERVAL:
            self._last_emit = now
            self.signals.progress.emit(event)

    def run(self) -> None:
        try:
            result = self.fn(*self.args, progress=self._progress, cancel=self.token, **self.kwargs)
        except Cancelled:
            self.done = True
            self.signals.cancelled.emit()
        except Exception as exc:  # shown to the user, never a crash of the window
            traceback.print_exc()
            self.done = True
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.done = True
            self.signals.finished.emit(result)

    def start(self) -> "Task":
        QThreadPool.globalInstance().start(self)
        return self


class EtaClock:
    """Estimates time left from the fraction done, smoothed by elapsed time."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def remaining(self, fraction: float | None) -> float | None:
        if not fraction or fraction <= 0.02:
            return None
        elapsed = time.monotonic() - self.start
        return elapsed * (1 - fraction) / fraction

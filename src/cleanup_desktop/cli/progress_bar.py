"""A one-line progress bar on stderr, fed by core ProgressEvents."""

from __future__ import annotations

import sys
import time
from typing import Optional, TextIO

from cleanup_desktop.core.progress import ProgressEvent

PHASE_LABELS = {
    "walk": "Walking",
    "group-size": "Grouping by size",
    "hash-partial": "Hashing heads/tails",
    "hash-full": "Hashing",
    "compare": "Comparing bytes",
    "temp": "Temp files",
    "large": "Large files",
}


def human_bytes(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000.0
    return f"{n:.1f} TB"


class ProgressBar:
    def __init__(self, stream: Optional[TextIO] = None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = self.stream.isatty()
        self._start = time.monotonic()
        self._shown = False

    def __call__(self, ev: ProgressEvent) -> None:
        if not self.enabled:
            return
        label = PHASE_LABELS.get(ev.phase, ev.phase)
        frac = ev.fraction
        if frac is None:
            bar = f"{ev.items_done} items, {human_bytes(ev.bytes_done)}"
        else:
            filled = int(frac * self.width)
            bar = "[" + "#" * filled + "-" * (self.width - filled) + f"] {frac * 100:5.1f}%"
            elapsed = time.monotonic() - self._start
            if 0 < frac < 1 and elapsed > 1:
                bar += f" ETA {elapsed * (1 - frac) / frac:4.0f}s"
        self.stream.write(f"\r\x1b[K{label}: {bar}")
        self.stream.flush()
        self._shown = True

    def close(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()

"""Python's cycle collector held off during the scan's hot loops.

A scan creates hundreds of thousands of small tuples, lists and dicts that live until its
end; each time enough are made the collector walks every tracked object in the process,
which costs a scan of 50,000 files a tenth of a second and more, to find nothing: the
scan's records hold no reference cycles. Reference counting still frees everything as
usual; only the search for cycles waits until the outermost pause ends (nested and
concurrent pauses, from several threads, count; the collector's state before the first is
put back after the last). What was made during the pause is then filed with the oldest
objects (gc.freeze then gc.unfreeze): otherwise the first allocation after it would walk all
of it at once, as young objects, for the same nothing.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Iterator

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.freeze()
                gc.unfreeze()
                gc.enable()

"""The hash helper process: reads files and hashes them for a scan running in its parent.

Python runs one thread at a time, and hashing a warm page cache is Python work (an open, a
read, a digest and a close per file), so a scan in one process uses one core. The scan starts
this helper (core.disk.hashpool) and hands it every other batch: two cores read and hash.

Protocol, on the helper's standard input and output, one request then one reply, each framed
as a 4-byte little-endian length and a marshal payload (a pipe between a parent and the child
it started; no file is involved):

- request: ``(stage, cold, {folder index: folder path}, batch, reading settings)``, the
  folders those of the batch not sent in an earlier request (the helper keeps them)
  (core.disk.readers.settings: the scan's own, so both read alike), the batch a list of
  ``(index, folder index, name, size)`` for the first stage, a list of groups of them for the
  full stage (core.disk.readers.hash_groups)
- reply, in the request's order (groups flattened): ``(digests, byte counts, errors)``: the 16-byte digests
  one after the other (zeros where the file could not be read), the bytes read per file, and
  ``{position: error}`` where an error is ``("changed",)`` or ``("os", errno, strerror,
  winerror)``. Columns rather than rows: the scan checks a reply in a few C-level steps.

It imports os, sys, marshal, xxhash and core.disk.readers only (start-up is a few tens of
milliseconds, while the parent goes on alone), exits when its input closes, and never writes
anything but replies (no file, no log).
"""

from __future__ import annotations

import marshal
import os
import struct
import sys
from typing import Any, Optional

from cleanup_desktop.core.disk import readers

HEADER = struct.Struct("<I")
MAX_MESSAGE = 256 << 20


def read_exact(fd: int, n: int) -> Optional[bytes]:
    """n bytes from fd, or None at end of input."""
    parts = []
    while n:
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        n -= len(chunk)
    return b"".join(parts)


def read_message(fd: int) -> Any:
    head = read_exact(fd, HEADER.size)
    if head is None:
        return None
    (length,) = HEADER.unpack(head)
    if length > MAX_MESSAGE:
        raise ValueError("message too long")
    body = read_exact(fd, length)
    if body is None:
        return None
    return marshal.loads(body)


def write_message(fd: int, obj: Any) -> None:
    body = marshal.dumps(obj)
    data = memoryview(HEADER.pack(len(body)) + body)
    while data:
        data = data[os.write(fd, data):]


def error_fields(exc: Optional[BaseException]) -> Any:
    if exc is None:
        return None
    if isinstance(exc, readers.ChangedDuringScan):
        return ("changed",)
    if isinstance(exc, OSError):
        return ("os", exc.errno or 0, exc.strerror if isinstance(exc.strerror, str) else None,
                getattr(exc, "winerror", None))
    return ("os", 0, type(exc).__name__, None)


def serve(fd_in: int, fd_out: int) -> int:
    dirs: dict[int, tuple[str]] = {}  # folder index -> (path,), over the helper's life
    while True:
        request = read_message(fd_in)
        if request is None:
            return 0
        stage, cold, folders, batch, reading = request
        readers.apply_settings(reading)
        for di, path in folders.items():  # folders not sent before (the scan sends each once)
            dirs[di] = (path,)
        items = readers.flat(batch)
        position = {item[0]: k for k, item in enumerate(items)}
        digests = bytearray(16 * len(items))
        counts = [0] * len(items)
        errors = {}
        for idx, digest, nbytes, exc in readers.hash_batch(dirs, stage, cold, batch):
            k = position[idx]
            if exc is not None:
                errors[k] = error_fields(exc)
            elif digest is not None:  # None: settled as unique by the full stage (left as zeros)
                digests[16 * k:16 * k + 16] = digest
            counts[k] = nbytes
        write_message(fd_out, (bytes(digests), counts, errors))


def main() -> int:
    try:
        return serve(sys.stdin.fileno(), sys.stdout.fileno())
    except (BrokenPipeError, KeyboardInterrupt):
        return 0


if __name__ == "__main__":
    sys.exit(main())

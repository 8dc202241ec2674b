"""Hashing on two cores: this process and a hash helper process (core.disk.hashhelper).

The rule: a scan finds the same groups, the same errors and the same byte counts whether the
helper runs, never starts, or dies half-way; a batch the helper did not answer (it exited,
was killed, replied something malformed) is hashed again here. The helper is used where it
can start cheaply and safely: the interpreter is a plain Python one (a packaged app's
executable would start the app again), files can be opened relative to a folder handle
(POSIX), and the scan has enough to hash to repay a process start (HELPER_MIN_FILES files or
HELPER_MIN_BYTES bytes to read). CLEANUP_DESKTOP_HASH_HELPER=0 turns it off, =1 forces it.
"""

from __future__ import annotations

import os
import re
import sys
import marshal
from array import array
import time
from collections import deque
from typing import Any, Callable, Iterable, Iterator, Optional, Sequence

from cleanup_desktop.core.disk import hashhelper, hashing, readers
from cleanup_desktop.core.progress import CancelToken

HELPER_MIN_FILES = 4000
HELPER_MIN_BYTES = 256 << 20
IN_FLIGHT = 4  # batches handed to the helper at once: one being hashed, the others waiting
_PYTHON = re.compile(r"python[0-9.]*(\.exe)?$", re.IGNORECASE)


class HelperGone(Exception):
    """The helper did not answer a batch: hash it here."""


def possible() -> bool:
    """A helper can run here (and is not turned off)."""
    if os.environ.get("CLEANUP_DESKTOP_HASH_HELPER", "") == "0" or not readers.DIR_FD_OK:
        return False
    return bool(sys.executable) and _PYTHON.search(os.path.basename(sys.executable)) is not None


def forced() -> bool:
    return os.environ.get("CLEANUP_DESKTOP_HASH_HELPER", "") == "1"


def wanted(files: int, nbytes: int) -> bool:
    return possible() and (forced() or files >= HELPER_MIN_FILES or nbytes >= HELPER_MIN_BYTES)


class Helper:
    """One helper process and the two pipes to it, driven from the scan's own thread without
    blocking: requests wait in a queue until the pipe takes them, replies are collected
    whenever the scan looks (``pump``), and a thread is never needed (a second thread in
    this process would fight the walk for Python's lock at every reply)."""

    def __init__(self) -> None:
        import subprocess  # here: only scans large enough for a helper pay for the import

        package_root = os.path.dirname(os.path.abspath(hashhelper.__file__))
        for _ in range(3):  # .../cleanup_desktop/core/disk -> the folder holding cleanup_desktop
            package_root = os.path.dirname(package_root)
        env = dict(os.environ)
        env["PYTHONPATH"] = package_root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen(
            self.command(),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, close_fds=True)
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.wfd, self.rfd = self.proc.stdin.fileno(), self.proc.stdout.fileno()
        os.set_blocking(self.wfd, False)
        os.set_blocking(self.rfd, False)
        self.alive = True
        self._unsent: deque[tuple[memoryview, Any]] = deque()  # (bytes still to write, tag)
        self._sent: deque[Any] = deque()  # tags of requests written whole, oldest first
        self._inbuf = bytearray()
        self._replies: deque[tuple[Any, bytes]] = deque()
        self._folders_sent: set[int] = set()  # folder indexes the helper knows the path of

    @staticmethod
    def command() -> list[str]:
        # -P: the current folder is not put on the module path (a stray xxhash.py there is not run).
        return [sys.executable, "-P", "-m", "cleanup_desktop.core.disk.hashhelper"]

    def queued(self) -> int:
        """Requests not yet answered (written or not)."""
        return len(self._unsent) + len(self._sent) + len(self._replies)

    def send(self, stage: str, cold: bool, dirs: list[Any], batch: Sequence[readers.Item], tag: Any) -> None:
        sent = self._folders_sent
        folders = {}
        for _i, di, _n, _s in readers.flat(batch):
            if di not in sent:
                sent.add(di)
                folders[di] = dirs[di][0]
        body = marshal.dumps((stage, cold, folders, list(batch), readers.settings()))
        self._unsent.append((memoryview(hashhelper.HEADER.pack(len(body)) + body), tag))
        self.pump()

    def pump(self) -> None:
        """Write what the pipe takes, read what is there; never waits."""
        if not self.alive:
            return
        try:
            while self._unsent:
                data, tag = self._unsent[0]
                n = os.write(self.wfd, data)
                if n < len(data):
                    self._unsent[0] = (data[n:], tag)
                    break
                self._unsent.popleft()
                self._sent.append(tag)
            while self._sent:
                chunk = os.read(self.rfd, 1 << 20)
                if not chunk:
                    raise EOFError()
                self._inbuf += chunk
                self._split()
        except (BlockingIOError, InterruptedError):
            pass
        except (OSError, EOFError, ValueError):
            self.alive = False

    def _split(self) -> None:
        buf, size = self._inbuf, hashhelper.HEADER.size
        while len(buf) >= size:
            (length,) = hashhelper.HEADER.unpack_from(buf)
            if length > hashhelper.MAX_MESSAGE or not self._sent:
                raise ValueError("bad reply")
            if len(buf) < size + length:
                return
            self._replies.append((self._sent.popleft(), bytes(buf[size:size + length])))
            del buf[:size + length]

    def wait(self) -> None:
        """Block until a reply is in (or the helper is gone)."""
        import select

        while self.alive and not self._replies and (self._sent or self._unsent):
            select.select([self.rfd], [self.wfd] if self._unsent else [], [], 1.0)
            self.pump()

    def take_raw(self) -> list[tuple[Any, bytes]]:
        """(tag, reply as received) of the requests answered so far, in order, undecoded
        (the walk's hot path defers the work; see ``decode``)."""
        out = list(self._replies)
        self._replies.clear()
        return out

    def take(self) -> list[tuple[Any, Optional[list[Any]]]]:
        """(tag, results) of the requests answered so far, in order; results None where the
        reply was malformed or the helper is gone (the caller hashes that batch itself).
        Once the helper is gone, every request not answered comes back here too."""
        out: list[tuple[Any, Optional[list[Any]]]] = []
        while self._replies:
            tag, body = self._replies.popleft()
            out.append((tag, self.rows(body, tag[1])))
        if not self.alive:
            out.extend((tag, None) for tag in self._sent)
            out.extend((tag, None) for _d, tag in self._unsent)
            self._sent.clear()
            self._unsent.clear()
        return out

    def decode(self, body: bytes, batch: Sequence[readers.Item]) -> Optional[Columns]:
        """A reply checked against its request (marks the helper gone when malformed)."""
        try:
            reply = marshal.loads(body)
        except (ValueError, EOFError, TypeError):
            reply = None
        columns = _checked(reply, batch)
        if columns is None:
            self.alive = False
        return columns

    def rows(self, body: bytes, batch: Sequence[readers.Item]) -> Optional[list[Any]]:
        """A reply as the rows core.disk.readers.hash_batch returns, or None (see decode)."""
        columns = self.decode(body, batch)
        if columns is None:
            return None
        digests, counts, errors = columns
        return [(item[0], None, 0, _error(errors[k])) if k in errors else (item[0], _digest(digests, k), counts[k], None)
                for k, item in enumerate(readers.flat(batch))]

    def drop_unsent(self) -> list[Any]:
        """Take back the requests not written at all yet (tags); the partly written one stays."""
        kept: deque[tuple[memoryview, Any]] = deque()
        dropped = []
        for i, (data, tag) in enumerate(self._unsent):
            if i == 0 and data.obj is not None and len(data) != len(data.obj):  # type: ignore[arg-type]
                kept.append((data, tag))
            else:
                dropped.append(tag)
        self._unsent = kept
        if dropped:
            self._folders_sent.clear()  # some of those were to tell the helper a folder: tell again
        return dropped

    def close(self) -> None:
        """End the helper. It keeps nothing (no file, no state), so it is stopped at once
        (SIGKILL) rather than asked to finish: waiting for an interpreter to tear itself down,
        or to finish starting, costs the scan tens of milliseconds for nothing."""
        if self.proc.returncode is not None and self.proc.stdout is not None and self.proc.stdout.closed:
            return
        self.alive = False
        try:
            self.proc.kill()
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        except OSError:
            pass
        finally:
            self.proc.wait()
            if self.proc.stdout is not None:
                self.proc.stdout.close()


Columns = tuple[bytes, list[int], dict[int, Any]]  # digests, bytes read, {position: error}


def _digest(digests: bytes, k: int) -> Optional[bytes]:
    """Position k's digest; None for a file the full stage settled as unique (all zeros)."""
    d = digests[16 * k:16 * k + 16]
    return None if d == ZERO_DIGEST else d


ZERO_DIGEST = bytes(16)


def _checked(reply: Any, batch: Sequence[Any]) -> Optional[Columns]:
    """The reply when it answers exactly this batch: one 16-byte digest and one byte count per
    file (whole numbers from 0 to what reading that batch can take), errors only at positions
    of the batch and of a known kind; else None."""
    batch = readers.flat(batch)
    n = len(batch)
    if type(reply) is not tuple or len(reply) != 3:
        return None
    digests, counts, errors = reply
    if type(digests) is not bytes or len(digests) != 16 * n or type(counts) is not list or len(counts) != n:
        return None
    if type(errors) is not dict or len(errors) > n:
        return None
    try:
        array("q", counts)  # whole numbers, each within 64 bits (a float or a string is refused)
        if n and (min(counts) < 0 or max(counts) > max(max(item[3] for item in batch), 2 * readers.EDGE)):
            return None
    except (TypeError, OverflowError):
        return None
    for k, err in errors.items():
        if type(k) is not int or not 0 <= k < n or type(err) is not tuple or not err or err[0] not in ("changed", "os"):
            return None
        if counts[k] != 0:
            return None
    return digests, counts, errors


def _error(err: Any) -> Optional[BaseException]:
    if err is None:
        return None
    if err[0] == "changed":
        return readers.ChangedDuringScan()
    _kind, errno, strerror, _winerror = (tuple(err) + (0, None, None))[:4]
    return OSError(errno if type(errno) is int else 0, strerror if type(strerror) is str else "error")


class Pool:
    """This process and one helper (``helper``, or a new one): ``run`` hands batches to both."""

    def __init__(self, helper: Optional[Helper] = None) -> None:
        self.helper: Optional[Helper] = helper if helper is not None and helper.alive else None
        if self.helper is None:
            try:
                self.helper = Helper()
            except OSError:
                self.helper = None

    def run(self, batches: Iterable[Sequence[readers.Item]], local: Callable[[Sequence[readers.Item]], list[Any]],
            stage: str, dirs: list[Any], cancel: Optional[CancelToken] = None,
            mode: Optional[Any] = None) -> Iterator[list[Any]]:
        """Results of every batch, in any order: up to IN_FLIGHT batches wait at the helper,
        the others are hashed here, one at a time between two looks at the helper. The
        first batch is hashed here and timed, as core.disk.hashing.run_batches does, to set
        ``mode.cold`` (then both processes read ahead). Results come back unworded (the
        caller words errors); a batch the helper did not answer is hashed here."""
        helper = self.helper
        it = iter(batches)
        first = next(it, None)
        if first is None:
            return
        started = time.perf_counter()
        yield local(first)
        cold = hashing.judge_first(started, mode) and mode is not None
        exhausted = False
        try:
            while True:
                if cancel is not None and cancel.cancelled:
                    return
                while helper is not None and helper.alive and not exhausted and helper.queued() < IN_FLIGHT:
                    nxt = next(it, None)
                    if nxt is None:
                        exhausted = True
                    else:
                        helper.send(stage, cold, dirs, nxt, (stage, nxt))
                if helper is not None:
                    helper.pump()
                    for (_stage, batch), result in helper.take():
                        yield local(batch) if result is None else result
                if not exhausted:
                    mine = next(it, None)
                    if mine is None:
                        exhausted = True
                    else:
                        yield local(mine)
                        continue
                if helper is None or not helper.queued():
                    return
                helper.wait()
        finally:
            if helper is not None and helper.queued():
                # Cancelled (or the caller stopped reading): what the helper is on is not wanted,
                # and a batch of the full stage can take long: stop it now.
                helper.close()

    def close(self) -> None:
        if self.helper is not None:
            self.helper.close()
            self.helper = None


class Early:
    """The first stage started during the walk, by the helper, on the second core.

    The walk hands over every file the moment a second file of its size turns up (then both);
    once ``start_after`` such files are waiting, a helper starts and gets them in batches of
    BATCH, each sorted by inode, while at most IN_FLIGHT are unanswered (the others wait
    for the finder's usual stage). When the walk ends, ``finish`` hands out no more, waits
    for the batches already written, and keeps what came back; the duplicate finder takes
    those digests instead of reading the files again (an error is not kept: the file is read
    again in the usual stage, which reports it), and the same helper goes on working for the
    usual stages (``helper``). Used for a scan without a filled hash cache only: with one,
    most digests come from it."""

    START_AFTER = 2048
    BATCH = 256

    def __init__(self, dirs: list[Any]) -> None:
        self.dirs = dirs
        self.start_after = self.BATCH if forced() else self.START_AFTER
        self.pending: list[tuple[int, Any]] = []  # (size, record) not handed out yet
        self.helper: Optional[Helper] = None
        self.failed = False
        self.next_look = self.start_after  # pending count at which to hand out next
        self.sent: list[Any] = []  # the records handed out, by early index (kept alive: see EarlyDigests)
        self.raw: list[tuple[Any, bytes]] = []  # replies, decoded once the walk is over

    def hand_out(self) -> None:
        """Hand ``pending`` to the helper (starting it the first time). The walk appends each
        candidate to ``pending`` and calls this once it holds ``next_look`` of them
        (core.disk.scan's hot path: no call per file)."""
        helper = self.helper
        if self.failed or (helper is not None and not helper.alive):
            self.pending.clear()
            self.next_look = 1 << 62
            return
        if helper is None:
            try:
                helper = self.helper = Helper()
            except OSError:
                self.failed, self.next_look = True, 1 << 62
                self.pending.clear()
                return
        helper.pump()
        self.raw.extend(helper.take_raw())
        if helper.queued() >= IN_FLIGHT:  # the helper is behind the walk: look again a batch later
            if len(self.pending) >= 4 * self.BATCH:
                self.pending.clear()  # the usual stage reads these
            self.next_look = len(self.pending) + self.BATCH
            return
        pending = self.pending[:]  # the list itself stays: the walk's hot path appends to it
        self.pending.clear()
        self.next_look = self.BATCH
        pending.sort(key=lambda t: t[1][2])  # by inode
        sent = self.sent
        base = len(sent)
        batch = [(base + k, rec[0], rec[1], size) for k, (size, rec) in enumerate(pending)]
        sent.extend([rec for _size, rec in pending])
        # Read ahead whatever the page cache holds: the helper waits for the walk when warm,
        # so the hints cost nothing then, and keep the disk busy when cold.
        helper.send("partial", True, self.dirs, batch, ("early", batch))

    def finish(self) -> "EarlyDigests":
        """Stop handing out; the digests of what is done."""
        self.pending.clear()
        self.next_look = 1 << 62
        helper = self.helper
        n = len(self.sent)
        digests, counts, ok = bytearray(16 * n), [0] * n, bytearray(n)
        if helper is not None:
            helper.drop_unsent()
            while helper.alive and helper.queued():
                helper.wait()
                self.raw.extend(helper.take_raw())
            for (_early, batch), body in self.raw:
                columns = helper.decode(body, batch)
                if columns is None:
                    break  # malformed: nothing after it is trusted either
                base, m = batch[0][0], len(batch)
                digests[16 * base:16 * (base + m)] = columns[0]
                counts[base:base + m] = columns[1]
                ok[base:base + m] = b"\x01" * m
                for k in columns[2]:
                    ok[base + k] = 0  # an error: read again in the usual stage, which reports it
            self.raw = []
            helper.take()  # a helper gone leaves its unanswered requests: the usual stage reads them
        return EarlyDigests(self.sent, bytes(digests), counts, bytes(ok))

    def close(self) -> None:
        if self.helper is not None:
            self.helper.close()


class EarlyDigests:
    """First-stage digests made during the walk, looked up by record (the duplicate finder
    reads ``index``, ``ok``, ``digests`` and ``counts`` inline). Records are the walk's own
    tuples, told apart by identity (``id``): this object keeps every one alive, so no other
    object can take an address while it is in use."""

    def __init__(self, recs: list[Any], digests: bytes, counts: list[int], ok: bytes) -> None:
        self.recs = recs
        self.index = dict(zip(map(id, recs), range(len(recs))))
        self.digests, self.counts, self.ok = digests, counts, ok

    def __len__(self) -> int:
        return self.ok.count(1)

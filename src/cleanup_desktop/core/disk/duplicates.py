"""Staged duplicate finder: size buckets -> distinct inodes -> partial digest -> full digest
-> optional byte-by-byte confirmation. Groups are built with dicts, never pairwise.

Input records come from the scan's collector, one per distinct (device, inode) — hard links
were already collapsed by the walk — as tuples ``(dir_index, name, ino, mtime_ns[, dev])``
(the device is stored only when it differs from the folder's). Where the walk could not know
a file's identity (Windows directory entries carry zeros), candidates get it here, one lstat
each (core.fileid), and hard links among them are collapsed the way the walk does elsewhere
(the first one walked stays); a zero identity is never a hash-cache key. Candidates are processed in
chunks of whole size buckets, so the per-file working state (digests, work items) never
exists for all files at once: memory stays close to what the walk itself keeps.
"""

from __future__ import annotations

import os
import stat
from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial as partial_fn
from typing import Any, Iterator, Optional, Sequence

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk import hashing, hashpool, readers
from cleanup_desktop.core.disk.hashcache import HashCache
from cleanup_desktop.core.disk.walk import WalkError, describe_error
from cleanup_desktop.core.messages import Reason
from cleanup_desktop.core.progress import Cancelled, ProgressEvent, Reporter

Record = tuple[Any, ...]  # (dir_index, name, ino, mtime_ns[, dev])
R_DIR, R_NAME, R_INO, R_MTIME, R_DEV = range(5)
CHUNK_FILES = 50_000  # candidates hashed together (whole size buckets)
DISK_ORDER_BYTES = 64 << 20  # a full stage reading this much is read in on-disk order (FIEMAP)


def rec_dev(rec: Record, dirs: list[Any]) -> int:
    dev: int = rec[R_DEV] if len(rec) > R_DEV else dirs[rec[R_DIR]][1]
    return dev


@dataclass
class DupGroup:
    size: int
    digest: bytes  # 16 bytes, XXH3-128
    members: list[Record]


@dataclass
class DupResult:
    groups: list[DupGroup] = field(default_factory=list)
    bytes_hashed: int = 0
    cache_hits: int = 0
    complete: bool = True


def _hash_batch(dirs: list[Any], stage: str, mode: hashing.ReadMode, stop: Optional[Any],
                batch: Sequence[Any]) -> list[readers.Result]:
    """Hash one batch of (index, dir_index, name, size) here; returns (index, digest, bytes
    read, exception). With a cold page cache the first stage reads ahead (core.disk.readers)."""
    return readers.hash_batch(dirs, stage, mode.cold, batch, fileid.io_path, stop)


def _compare_batch(dirs: list[Any], batch: Sequence[tuple[int, list[Record], int]]) -> list[tuple[int, list[list[int]], Optional[str]]]:
    """Split each group into subgroups of byte-identical files (the "paranoid" option)."""
    out: list[tuple[int, list[list[int]], Optional[str]]] = []
    for gi, members, size in batch:
        paths = [fileid.io_path(os.path.join(dirs[r[R_DIR]][0], r[R_NAME])) for r in members]
        remaining = list(range(len(paths)))
        parts: list[list[int]] = []
        err = None
        try:
            while remaining:
                ref = remaining[0]
                same: list[int] = [ref]
                rest: list[int] = []
                for j in remaining[1:]:
                    (same if hashing.files_equal(paths[ref], paths[j], size) else rest).append(j)
                parts.append(same)
                remaining = rest
        except OSError as exc:
            parts, err = [], describe_error(exc)
        out.append((gi, parts, err))
    return out


def _identify(bucket: list[Record], size: int, dirs: list[Any], errors: list[Any]) -> list[Record]:
    """The bucket with every record's identity read (lstat) where it is missing, files that
    changed since the walk left out, and each hard-linked file once."""
    out: list[Record] = []
    seen: set[tuple[int, int]] = set()
    for rec in bucket:
        ident = fileid.known(rec_dev(rec, dirs), rec[R_INO])
        if ident is None:
            path = os.path.join(dirs[rec[R_DIR]][0], rec[R_NAME])
            try:
                st = fileid.lstat(path)
            except OSError as exc:
                errors.append(WalkError(path, describe_error(exc)))
                continue
            if not stat.S_ISREG(st.st_mode) or st.st_size != size:
                continue  # replaced or written to since the walk
            ident = fileid.identity(st)
            if ident is not None:
                rec = (rec[R_DIR], rec[R_NAME], ident[1], rec[R_MTIME], ident[0])
        if ident is not None:
            if ident in seen:
                continue  # a hard link of a file already kept
            seen.add(ident)
        out.append(rec)
    return out


def _chunks(by_size: dict[int, Any]) -> Iterator[list[tuple[int, list[Record]]]]:
    chunk: list[tuple[int, list[Record]]] = []
    count = 0
    for size, bucket in by_size.items():
        if type(bucket) is not list:  # a single record is stored bare: no duplicate possible
            continue
        chunk.append((size, bucket))
        count += len(bucket)
        if count >= CHUNK_FILES:
            yield chunk
            chunk, count = [], 0
    if chunk:
        yield chunk


class _Finder:
    def __init__(self, dirs: list[tuple[str, int, int]], cache: Optional[HashCache], paranoid: bool, workers: int,
                 reporter: Reporter, errors: list[WalkError], totals: tuple[int, int]) -> None:
        self.dirs = dirs
        self.cache = cache
        self.paranoid = paranoid
        self.workers = workers
        self.reporter = reporter
        self.errors = errors
        self.result = DupResult()
        self.items_total, self.bytes_total = totals
        self.items_done = self.bytes_done = 0
        self.pool: Optional[hashpool.Pool] = None  # set by find_duplicates where a helper is worth it
        # Reading threads in flight when the disk is the bottleneck, sized from the throughput
        # measured (one Sizer for the whole scan: the full stage starts where the first ended).
        self.sizer = hashing.Sizer.for_reading(workers)
        self.early: Optional[hashpool.EarlyDigests] = None  # first-stage digests made during the walk

    def path_of(self, rec: Record) -> str:
        return os.path.join(self.dirs[rec[R_DIR]][0], rec[R_NAME])

    def report(self, files: int, nbytes: int) -> None:
        self.items_done += files
        self.bytes_done += nbytes
        try:
            self.reporter.update(ProgressEvent("hash", self.items_done, self.items_total, self.bytes_done, self.bytes_total))
        except Cancelled:
            self.result.complete = False

    def hash_stage(self, stage: str, todo: list[Any], sizes: list[int], recs: list[Record],
                   out_digests: list[Optional[bytes]], fresh: list[Any]) -> None:
        """``todo``: indexes for the first stage; groups of indexes (read side by side, see
        core.disk.readers.hash_groups) for the full stage."""
        batches: Iterator[list[Any]]
        if stage == "full":
            groups = [sorted(((i, recs[i][R_DIR], recs[i][R_NAME], sizes[i]) for i in g), key=lambda t: recs[t[0]][R_INO])
                      for g in todo]
            groups.sort(key=lambda g: recs[g[0][0]][R_INO])
            group_bytes = lambda g: g[0][3] * len(g)  # noqa: E731
            files, nbytes = sum(map(len, groups)), sum(map(group_bytes, groups))
            if nbytes >= DISK_ORDER_BYTES:  # worth an open per group
                groups = readers.disk_order(self.dirs, groups, fileid.io_path)
            batches = hashing.batched(groups, group_bytes, max_items=64)
            weigh: Any = lambda batch: sum(map(group_bytes, batch))  # noqa: E731
        else:
            items = [(i, recs[i][R_DIR], recs[i][R_NAME], sizes[i]) for i in todo]
            # In on-disk order as far as the file system tells it cheaply: by inode number (ext4,
            # XFS and NTFS allocate a folder's files together, and data near its inode), which
            # also keeps a folder's files together for the folder handles.
            items.sort(key=lambda t: recs[t[0]][R_INO])
            limit = readers.WHOLE_READ_LIMIT
            item_bytes = lambda t: min(t[3], limit)  # noqa: E731  # what this stage reads of a file
            files, nbytes = len(items), sum(sizes[i] for i in todo)
            batches = hashing.batched(items, item_bytes)
            weigh = lambda batch: sum(map(item_bytes, batch))  # noqa: E731
        mode = hashing.ReadMode()
        cancel = self.reporter.cancel
        work = partial_fn(_hash_batch, self.dirs, stage, mode, None if cancel is None else (lambda: cancel.cancelled))
        if self.pool is None and self.workers > 1 and hashpool.wanted(files, nbytes):
            self.pool = hashpool.Pool()  # a helper only for enough reading (the cache answered the rest)
        if self.pool is not None and self.pool.helper is not None:
            results = self.pool.run(batches, work, stage, self.dirs, self.reporter.cancel, mode)
        else:
            results = hashing.run_batches(batches, work, self.workers, self.reporter.cancel, mode, weigh, self.sizer)
        for out in results:
            for i, digest, nbytes, exc in out:
                self.result.bytes_hashed += nbytes
                if exc is not None:
                    self.errors.append(WalkError(self.path_of(recs[i]), describe_error(exc)))
                    continue
                out_digests[i] = digest
                fresh[i] = True
            if self.reporter.cancelled:
                self.result.complete = False
                return

    def chunk(self, buckets: list[tuple[int, list[Record]]]) -> None:
        dirs = self.dirs
        if not fileid.current().entry_ids:  # Windows: the walk had no identities; elsewhere a
            # zero stays unknown (an lstat would say the same), never a cache key or a link
            known = [(size, _identify(b, size, dirs, self.errors), len(b)) for size, b in buckets]
            self.report(sum(n - len(b) for _s, b, n in known), sum(s * (n - len(b)) for s, b, n in known))
            buckets = [(size, b) for size, b, _n in known if len(b) > 1]
            self.report(sum(len(b) for _s, b, _n in known if len(b) == 1),
                        sum(s for s, b, _n in known if len(b) == 1))
            if not buckets:
                return
        sizes = [size for size, bucket in buckets for _ in bucket]
        recs = [rec for _, bucket in buckets for rec in bucket]
        n = len(recs)
        partial: list[Optional[bytes]] = [None] * n
        full: list[Optional[bytes]] = [None] * n
        fresh = [False] * n
        if self.cache is not None:
            by_dev: dict[int, list[int]] = defaultdict(list)
            for i, rec in enumerate(recs):
                dev = rec_dev(rec, dirs)
                if dev and rec[R_INO]:  # no identity, no cache
                    by_dev[dev].append(i)
            for dev, idxs in by_dev.items():
                keyed = {recs[i][R_INO]: i for i in idxs}
                found = self.cache.lookup(dev, [(recs[i][R_INO], sizes[i], recs[i][R_MTIME]) for i in idxs])
                for ino, (p, f) in found.items():
                    i = keyed[ino]
                    partial[i], full[i] = p, f
                self.result.cache_hits += len(found)

        early = self.early
        if early is not None:  # core.disk.hashpool.EarlyDigests, read inline: once per candidate
            where, ok, made, counts = early.index.get, early.ok, early.digests, early.counts
            got = 0
            for i, rec in enumerate(recs):
                k = where(id(rec))  # the same record: EarlyDigests keeps every record it indexes alive
                if k is not None and ok[k] and partial[i] is None:
                    partial[i], fresh[i] = made[16 * k:16 * k + 16], True
                    got += counts[k]
            self.result.bytes_hashed += got
        whole = readers.WHOLE_READ_LIMIT
        self.hash_stage("partial", [i for i in range(n) if partial[i] is None], sizes, recs, partial, fresh)
        for i in range(n):
            if sizes[i] <= whole and full[i] is None:
                full[i] = partial[i]  # small files were read whole: that digest is final
        if not self.result.complete:
            self.finish_chunk(sizes, recs, partial, full, fresh, final_only=True)
            return
        buckets2: dict[tuple[int, bytes], list[int]] = defaultdict(list)
        for i in range(n):
            p = partial[i]
            if p is not None and sizes[i] > whole:  # small files were read whole: their digest is final
                buckets2[(sizes[i], p)].append(i)
        # Groups read side by side when every member needs reading; where some digests came
        # from the cache, the others are read whole, each alone, to compare with those.
        groups: list[list[int]] = []
        for b in buckets2.values():
            if len(b) > 1:
                need = [i for i in b if full[i] is None]
                if len(need) == len(b):
                    groups.append(need)
                else:
                    groups.extend([i] for i in need)
        todo = [i for g in groups for i in g]
        done_now = n - len(todo)
        self.report(done_now, sum(sizes) - sum(sizes[i] for i in todo))
        del buckets2
        self.hash_stage("full", groups, sizes, recs, full, fresh)
        if self.result.complete:
            self.report(len(todo), sum(sizes[i] for i in todo))
        self.finish_chunk(sizes, recs, partial, full, fresh)

    def finish_chunk(self, sizes: list[int], recs: list[Record], partial: list[Optional[bytes]],
                     full: list[Optional[bytes]], fresh: list[Any], final_only: bool = False) -> None:
        groups: dict[tuple[int, bytes], list[int]] = defaultdict(list)
        for i, digest in enumerate(full):
            if digest is not None:
                groups[(sizes[i], digest)].append(i)
        found = [DupGroup(size, digest, [recs[i] for i in idxs]) for (size, digest), idxs in groups.items() if len(idxs) > 1]
        del groups
        if self.paranoid and found and self.result.complete:
            found = self.confirm(found)
        self.result.groups.extend(found)
        if self.cache is not None:
            dirs = self.dirs
            for i in range(len(recs)):
                if fresh[i] and recs[i][R_INO] and rec_dev(recs[i], dirs):
                    rec = recs[i]
                    self.cache.store(rec_dev(rec, dirs), rec[R_INO], sizes[i], rec[R_MTIME], partial[i], full[i])
            self.cache.flush()

    def confirm(self, found: list[DupGroup]) -> list[DupGroup]:
        checked: list[DupGroup] = []
        items = [(gi, g.members, g.size) for gi, g in enumerate(found)]
        batches = hashing.batched(items, lambda t: t[2] * len(t[1]), max_items=64)
        work = partial_fn(_compare_batch, self.dirs)
        for out in hashing.run_batches(batches, work, self.workers, self.reporter.cancel):
            for gi, parts, err in out:
                g = found[gi]
                self.result.bytes_hashed += g.size * len(g.members)
                if err is not None:
                    self.errors.append(WalkError(self.path_of(g.members[0]), Reason("scan.compare-failed", error=err)))
                    continue
                checked.extend(DupGroup(g.size, g.digest, [g.members[j] for j in part]) for part in parts if len(part) > 1)
            if self.reporter.cancelled:
                self.result.complete = False
                break
        return checked


def find_duplicates(
    by_size: dict[int, Any],
    dirs: list[tuple[str, int, int]],
    *,
    cache: Optional[HashCache],
    paranoid: bool = False,
    workers: int = 2,
    reporter: Optional[Reporter] = None,
    errors: Optional[list[WalkError]] = None,
    early: Optional[hashpool.Early] = None,
) -> DupResult:
    reporter = reporter or Reporter()
    errors = errors if errors is not None else []
    items_total = bytes_total = 0
    for size, bucket in by_size.items():
        if type(bucket) is list:
            items_total += len(bucket)
            bytes_total += size * len(bucket)
    finder = _Finder(dirs, cache, paranoid, workers, reporter, errors, (items_total, bytes_total))
    if early is not None:  # started during the walk (core.disk.hashpool.Early)
        finder.early = early.finish()
        if early.helper is not None:
            finder.pool = hashpool.Pool(early.helper)
    try:
        for chunk in _chunks(by_size):
            finder.chunk(chunk)
            if not finder.result.complete:
                break
    finally:
        if finder.pool is not None:  # made by the first stage with enough to read, or by the walk
            finder.pool.close()
    return finder.result

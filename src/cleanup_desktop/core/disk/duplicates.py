"""Staged duplicate finder: size buckets -> distinct inodes -> partial digest -> full digest
-> optional byte-by-byte confirmation. Groups are built with dicts, never pairwise.

Input records come from the scan's collector, one per distinct (device, inode) — hard links
were already collapsed by the walk — as tuples
``(dir_index, name, dev, ino, mtime_ns, blocks, nlink)``.
"""

from __future__ import annotations

import os
from collections import defaultdict
from functools import partial as partial_fn
from dataclasses import dataclass, field
from typing import Optional, Sequence

from cleanup_desktop.core.disk import hashing
from cleanup_desktop.core.disk.hashcache import HashCache
from cleanup_desktop.core.disk.walk import WalkError, describe_error
from cleanup_desktop.core.progress import Cancelled, ProgressEvent, Reporter

Record = tuple  # (dir_index, name, dev, ino, mtime_ns, blocks, nlink)
R_DIR, R_NAME, R_DEV, R_INO, R_MTIME, R_BLOCKS, R_NLINK = range(7)


@dataclass
class DupGroup:
    size: int
    digest: str
    members: list[Record]


@dataclass
class DupResult:
    groups: list[DupGroup] = field(default_factory=list)
    bytes_hashed: int = 0
    cache_hits: int = 0
    complete: bool = True


def _hash_batch(dirs: list, stage: str, batch: Sequence[tuple[int, int, str, int]]) -> list[tuple[int, Optional[str], int, Optional[str]]]:
    """Hash one batch of (index, dir_index, name, size); returns (index, digest, bytes read, error)."""
    out = []
    whole_limit = hashing.WHOLE_READ_LIMIT
    with hashing.DirHandles(dirs) as handles:
        for idx, di, name, size in batch:
            try:
                target, dir_fd = handles.target(di, name)
                if stage == "hash-full":
                    out.append((idx, hashing.digest_full(target, size, dir_fd), size, None))
                elif size <= whole_limit:
                    out.append((idx, hashing.digest_whole(target, size, dir_fd), size, None))
                else:
                    out.append((idx, hashing.digest_edges(target, size, dir_fd), 2 * hashing.EDGE, None))
            except OSError as exc:
                out.append((idx, None, 0, describe_error(exc)))
    return out


def _work_compare(batch: Sequence[tuple[int, list[str], int]]) -> list[tuple[int, list[list[int]], Optional[str]]]:
    """Split each group into subgroups of byte-identical files."""
    out = []
    for gi, paths, size in batch:
        remaining = list(range(len(paths)))
        parts: list[list[int]] = []
        err = None
        try:
            while remaining:
                ref = remaining[0]
                same = [ref]
                rest = []
                for j in remaining[1:]:
                    (same if hashing.files_equal(paths[ref], paths[j], size) else rest).append(j)
                parts.append(same)
                remaining = rest
        except OSError as exc:
            parts, err = [], describe_error(exc)
        out.append((gi, parts, err))
    return out


def find_duplicates(
    by_size: dict,
    dirs: list[tuple[str, int, int]],
    *,
    cache: Optional[HashCache],
    paranoid: bool = False,
    workers: int = 2,
    reporter: Optional[Reporter] = None,
    errors: Optional[list[WalkError]] = None,
) -> DupResult:
    reporter = reporter or Reporter()
    errors = errors if errors is not None else []
    result = DupResult()
    join = os.path.join

    sizes: list[int] = []
    recs: list[Record] = []
    for size, bucket in by_size.items():
        if isinstance(bucket, list):  # a single record is stored bare: no duplicate possible
            for rec in bucket:
                sizes.append(size)
                recs.append(rec)
    n = len(recs)
    partial: list[Optional[str]] = [None] * n
    full: list[Optional[str]] = [None] * n
    fresh: list[bool] = [False] * n  # computed now (to store in the cache)

    def path_of(i: int) -> str:
        rec = recs[i]
        return join(dirs[rec[R_DIR]][0], rec[R_NAME])

    # Cached digests (valid only for the same dev, inode, size and mtime_ns).
    if cache is not None and n:
        by_dev: dict[int, list[int]] = defaultdict(list)
        for i, rec in enumerate(recs):
            by_dev[rec[R_DEV]].append(i)
        for dev, idxs in by_dev.items():
            keyed = {recs[i][R_INO]: i for i in idxs}
            found = cache.lookup(dev, ((recs[i][R_INO], sizes[i], recs[i][R_MTIME]) for i in idxs))
            for ino, (p, f) in found.items():
                i = keyed[ino]
                partial[i], full[i] = p, f
                result.cache_hits += 1

    def run_stage(phase: str, todo: list[int], weight_total: int) -> None:
        done_items = done_bytes = 0
        # Sorted by folder: a batch opens each folder once and the disk is read in order.
        items = [(i, recs[i][R_DIR], recs[i][R_NAME], sizes[i]) for i in todo]
        items.sort(key=lambda t: t[1])
        work = partial_fn(_hash_batch, dirs, phase)
        limit = hashing.WHOLE_READ_LIMIT if phase == "hash-partial" else 1 << 62
        batches = hashing.batched(items, lambda t: min(t[3], limit))
        for out in hashing.run_batches(batches, work, workers, reporter.cancel):
            for i, digest, nbytes, err in out:
                done_items += 1
                done_bytes += sizes[i]
                result.bytes_hashed += nbytes
                if err is not None:
                    errors.append(WalkError(path_of(i), err))
                    continue
                fresh[i] = True
                if phase == "hash-partial":
                    partial[i] = digest
                    if sizes[i] <= hashing.WHOLE_READ_LIMIT:
                        full[i] = digest
                else:
                    full[i] = digest
            try:
                reporter.update(ProgressEvent(phase, done_items, len(todo), done_bytes, weight_total))
            except Cancelled:
                result.complete = False
                return

    # Stage 1: partial digest (whole digest for small files).
    todo = [i for i in range(n) if partial[i] is None]
    run_stage("hash-partial", todo, sum(sizes[i] for i in todo))

    # Stage 2: full digest where the partial digest still collides.
    if result.complete:
        buckets: dict[tuple[int, str], list[int]] = defaultdict(list)
        for i in range(n):
            if partial[i] is not None:
                buckets[(sizes[i], partial[i])].append(i)
        todo = [i for b in buckets.values() if len(b) > 1 for i in b if full[i] is None]
        run_stage("hash-full", todo, sum(sizes[i] for i in todo))

    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i in range(n):
        if full[i] is not None:
            groups[(sizes[i], full[i])].append(i)
    final = [(key, idxs) for key, idxs in groups.items() if len(idxs) > 1]

    if paranoid and final and result.complete:
        checked = []
        items = [(gi, [path_of(i) for i in idxs], key[0]) for gi, (key, idxs) in enumerate(final)]
        batches = hashing.batched(items, lambda t: t[2] * len(t[1]), max_items=64)
        done = 0
        for out in hashing.run_batches(batches, _work_compare, workers, reporter.cancel):
            for gi, parts, err in out:
                key, idxs = final[gi]
                done += 1
                result.bytes_hashed += key[0] * len(idxs)
                if err is not None:
                    errors.append(WalkError(path_of(idxs[0]), f"Byte comparison failed: {err}"))
                    continue
                checked.extend((key, [idxs[j] for j in part]) for part in parts if len(part) > 1)
            try:
                reporter.update(ProgressEvent("compare", done, len(final)))
            except Cancelled:
                result.complete = False
                break
        final = checked

    result.groups = [DupGroup(size, digest, [recs[i] for i in idxs]) for (size, digest), idxs in final]

    if cache is not None:
        for i in range(n):
            if fresh[i]:
                rec = recs[i]
                cache.store(rec[R_DEV], rec[R_INO], sizes[i], rec[R_MTIME], partial[i], full[i])
        cache.flush()
    return result

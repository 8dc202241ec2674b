"""The disk scan: one walk feeding the duplicate finder, the temp-rule matcher and the
large/old file collectors, then the staged duplicate pipeline. Both faces call ``scan``."""

from __future__ import annotations

import heapq
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Callable, Optional

from cleanup_desktop.core.disk.duplicates import R_BLOCKS, R_DEV, R_DIR, R_INO, R_MTIME, R_NAME, R_NLINK, DupResult, find_duplicates
from cleanup_desktop.core.disk.hashcache import HashCache
from cleanup_desktop.core.disk.walk import WalkError, Walker, normalize_roots
from cleanup_desktop.core.progress import CancelToken, Cancelled, ProgressEvent, Reporter

SCHEMA = "cleanup-desktop/scan/1"


@dataclass
class ScanOptions:
    min_size: int = 1024  # smallest file considered for duplicates (empty files never are)
    use_cache: bool = True
    paranoid: bool = False  # confirm duplicates byte by byte after hashing
    temp: bool = True
    large: bool = True
    old: bool = True
    one_file_system: bool = False
    extra_excludes: list[str] = field(default_factory=list)
    large_top: int = 50
    large_min_size: int = 1 << 20
    old_days: int = 730
    old_min_size: int = 1 << 20
    old_top: int = 200
    workers: Optional[int] = None
    cache_path: Optional[str] = None
    os_name: Optional[str] = None  # rules/protected paths of this OS (tests); default: running OS


def iso(ns: int) -> str:
    return datetime.fromtimestamp(ns / 1e9, tz=timezone.utc).isoformat()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def default_workers() -> int:
    return max(2, min(4, os.cpu_count() or 2))


@dataclass
class ScanResult:
    roots: list[str]
    started: str
    finished: str = ""
    cancelled: bool = False
    duplicates: list[dict] = field(default_factory=list)
    temp: list[dict] = field(default_factory=list)
    temp_skipped: list[dict] = field(default_factory=list)
    large: list[dict] = field(default_factory=list)
    old: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    stats: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "roots": self.roots,
            "started": self.started,
            "finished": self.finished,
            "cancelled": self.cancelled,
            "duplicates": self.duplicates,
            "temp": self.temp,
            "temp_skipped": self.temp_skipped,
            "large": self.large,
            "old": self.old,
            "errors": self.errors,
            "stats": self.stats,
        }


class _Collector:
    """The per-file hot path: keeps only what each finding needs."""

    def __init__(self, opts: ScanOptions, matcher, roots: list[str]) -> None:
        self.opts = opts
        self.by_size: dict = {}
        self.large: list[tuple] = []
        self.old: list[tuple] = []
        self.temp: list[dict] = []
        self.matcher = matcher
        self.roots = roots
        self.walker: Optional[Walker] = None
        self.old_before_ns = time.time_ns() - opts.old_days * 86400 * 10**9
        self._seq = 0
        self.has_blocks = hasattr(os.stat_result, "st_blocks")

    def on_dir(self, path: str, parent_ctx):
        return self.matcher.dir_rule(path, parent_ctx)

    def on_file(self, di: int, name: str, path: str, st: os.stat_result, ctx) -> None:
        size = st.st_size
        opts = self.opts
        if size <= 0:
            return
        blocks = st.st_blocks if self.has_blocks else (size + 4095) // 4096 * 8
        if size >= opts.min_size:
            dir_dev = self.walker.dirs[di][1]
            dev = dir_dev if st.st_dev == dir_dev else st.st_dev
            rec = (di, name, dev, st.st_ino, st.st_mtime_ns, blocks, st.st_nlink)
            bucket = self.by_size.get(size)
            if bucket is None:
                self.by_size[size] = rec
            elif type(bucket) is list:
                bucket.append(rec)
            else:
                self.by_size[size] = [bucket, rec]
        if opts.large and size >= opts.large_min_size:
            self._seq += 1
            item = (size, self._seq, di, name, st.st_mtime_ns, st.st_dev, st.st_ino, blocks)
            heap = self.large
            if len(heap) < opts.large_top:
                heapq.heappush(heap, item)
            elif size > heap[0][0]:
                heapq.heapreplace(heap, item)
            if opts.old and st.st_mtime_ns < self.old_before_ns and size >= opts.old_min_size:
                heap = self.old
                if len(heap) < opts.old_top:
                    heapq.heappush(heap, item)
                elif size > heap[0][0]:
                    heapq.heapreplace(heap, item)
        elif opts.old and size >= opts.old_min_size and st.st_mtime_ns < self.old_before_ns:
            self._seq += 1
            item = (size, self._seq, di, name, st.st_mtime_ns, st.st_dev, st.st_ino, blocks)
            if len(self.old) < opts.old_top:
                heapq.heappush(self.old, item)
            elif size > self.old[0][0]:
                heapq.heapreplace(self.old, item)
        if ctx is not None or self.matcher is not None:
            rule = self.matcher.file_rule(name, ctx) if self.matcher is not None else None
            if rule is not None:
                self.temp.append(
                    {
                        "path": path,
                        "size": size,
                        "allocated": blocks * 512,
                        "mtime": iso(st.st_mtime_ns),
                        "mtime_ns": st.st_mtime_ns,
                        "dev": st.st_dev,
                        "ino": st.st_ino,
                        "rule": rule.id,
                        "root": self.roots[self.walker.dirs[di][2]],
                    }
                )

    def file_entry(self, item: tuple) -> dict:
        size, _seq, di, name, mtime_ns, dev, ino, blocks = item
        dpath, _dev, root_index = self.walker.dirs[di]
        return {
            "path": os.path.join(dpath, name),
            "size": size,
            "mtime": iso(mtime_ns),
            "mtime_ns": mtime_ns,
            "dev": dev,
            "ino": ino,
            "allocated": blocks * 512,
            "root": self.roots[root_index],
        }


NOTE_DETAIL_LIMIT = 20


def summarize_notes(notes: list[dict]) -> list[dict]:
    """Temp files left out (too recent, open, app running...): listed one by one up to
    NOTE_DETAIL_LIMIT per rule and reason, beyond that as one entry with a count and examples."""
    by_key: dict[tuple, list[dict]] = {}
    for note in notes:
        by_key.setdefault((note.get("rule"), note.get("code")), []).append(note)
    out: list[dict] = []
    for (rule, code), group in by_key.items():
        if len(group) <= NOTE_DETAIL_LIMIT:
            out.extend(group)
            continue
        out.append(
            {
                "rule": rule,
                "code": code,
                "reason": group[0].get("reason", ""),
                "count": sum(n.get("count", 1) for n in group),
                "examples": [n["path"] for n in group[:5] if "path" in n],
            }
        )
    return out


def _group_dict(group, walker: Walker, roots: list[str]) -> dict:
    files = []
    for rec in group.members:
        dpath, _dev, root_index = walker.dirs[rec[R_DIR]]
        files.append(
            {
                "path": os.path.join(dpath, rec[R_NAME]),
                "mtime": iso(rec[R_MTIME]),
                "mtime_ns": rec[R_MTIME],
                "dev": rec[R_DEV],
                "ino": rec[R_INO],
                "allocated": rec[R_BLOCKS] * 512,
                "nlink": rec[R_NLINK],
                "root": roots[root_index],
            }
        )
    files.sort(key=lambda f: f["path"])
    allocs = [f["allocated"] for f in files]
    return {
        "size": group.size,
        "digest": group.digest,
        "paths": [f["path"] for f in files],
        "allocated": max(allocs),
        "wasted": sum(allocs) - max(allocs),
        "files": files,
    }


def scan(
    roots: list[str],
    options: Optional[ScanOptions] = None,
    progress: Optional[Callable[[ProgressEvent], None]] = None,
    cancel: Optional[CancelToken] = None,
) -> ScanResult:
    """Scan ``roots`` for duplicates, temp/cache files and large/old files.

    Never raises for a path that cannot be read: such paths are listed in ``errors``.
    Cancelling returns what was found so far, with ``cancelled`` set.
    """
    from cleanup_desktop.core.disk import protected

    opts = options or ScanOptions()
    t0 = time.monotonic()
    reporter = Reporter(progress, cancel)
    norm_roots, errors = normalize_roots(roots)
    result = ScanResult(roots=norm_roots, started=_now())
    walk_roots = []
    for root in norm_roots:
        if protected.is_protected(root, opts.os_name):
            errors.append(WalkError(root, "System folder: Cleanup Desktop never offers anything in it for deletion, so it is not scanned"))
        else:
            walk_roots.append(root)

    rule_list: list = []
    matcher = None
    if opts.temp:
        from cleanup_desktop.core.disk import rules as rules_mod, temp as temp_mod

        rule_list = rules_mod.load_rules(opts.os_name)
        matcher = temp_mod.TempMatcher(rule_list, walk_roots, os_name=opts.os_name)
    collector = _Collector(opts, matcher, walk_roots)
    excludes = {os.path.abspath(p) for p in opts.extra_excludes}

    def exclude_dir(path: str, name: str) -> bool:
        return (
            protected.is_excluded_dir(path, name)
            or path in excludes
            or protected.is_protected(path, opts.os_name)
        )

    walker = Walker(
        walk_roots,
        on_file=collector.on_file,
        on_dir=collector.on_dir if matcher is not None else None,
        exclude_dir=exclude_dir,
        one_file_system=opts.one_file_system,
        reporter=reporter,
    )
    collector.walker = walker
    dup = DupResult(complete=False)
    cache = None
    try:
        walker.run()
        cache = HashCache(opts.cache_path) if opts.use_cache else None
        dup = find_duplicates(
            collector.by_size,
            walker.dirs,
            cache=cache,
            paranoid=opts.paranoid,
            workers=opts.workers or default_workers(),
            reporter=reporter,
            errors=walker.errors,
        )
    except Cancelled:
        pass
    finally:
        if cache is not None:
            cache.close()
    result.cancelled = reporter.cancelled or not dup.complete

    groups = [_group_dict(g, walker, walk_roots) for g in dup.groups]
    groups.sort(key=lambda g: (-g["wasted"], -g["size"], g["paths"][0]))
    result.duplicates = groups
    result.large = [collector.file_entry(i) for i in sorted(collector.large, reverse=True)]
    result.old = [collector.file_entry(i) for i in sorted(collector.old, reverse=True)]
    if matcher is not None and collector.temp:
        reporter_phase = ProgressEvent("temp", 0, len(collector.temp))
        if progress:
            progress(reporter_phase)
        items, notes = temp_mod.finalize_temp(collector.temp, {r.id: r for r in rule_list})
        result.temp = sorted(items, key=lambda t: t["path"])
        result.temp_skipped = summarize_notes(notes)
    result.errors = [e.to_dict() for e in errors + walker.errors]
    result.finished = _now()
    result.stats = {
        "files": walker.files,
        "dirs": len(walker.dirs),
        "bytes": walker.bytes,
        "allocated": walker.allocated,
        "bytes_hashed": dup.bytes_hashed,
        "cache_hits": dup.cache_hits,
        "seconds": round(time.monotonic() - t0, 3),
        "duplicate_groups": len(groups),
        "wasted": sum(g["wasted"] for g in groups),
        "symlinks_skipped": walker.symlinks,
    }
    return result

"""The disk scan: one walk feeding the duplicate finder, the temp-rule matcher and the
large/old file collectors, then the staged duplicate pipeline. Both faces call ``scan``."""

from __future__ import annotations

import heapq
import json
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Iterator, Optional, TextIO

from cleanup_desktop.core.disk.duplicates import R_DEV, R_DIR, R_INO, R_MTIME, R_NAME, DupGroup, DupResult, find_duplicates
from cleanup_desktop.core import fileid, gcpause
from cleanup_desktop.core.disk import cloud
from cleanup_desktop.core.disk.cloud import CloudPlaces, Detector
from cleanup_desktop.core.run.accounting import allocated_bytes, disk_usage
from cleanup_desktop.core.disk import hashpool
from cleanup_desktop.core.disk.hashcache import HashCache, default_cache_path
from cleanup_desktop.core.disk.walk import FileVisitor, WalkError, Walker, folder_prefix, normalize_roots
from cleanup_desktop.core.paths import is_inside
from cleanup_desktop.core.progress import CancelToken, Cancelled, ProgressEvent, Reporter
from cleanup_desktop.core.messages import Reason

if TYPE_CHECKING:  # types only: the temp rules are imported when a scan looks for temp files (start-up cost)
    from cleanup_desktop.core.disk.rescan import ScanIndex
    from cleanup_desktop.core.disk.rules import Rule
    from cleanup_desktop.core.disk.temp import TempMatcher

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
    large_min_size: int = 1_000_000  # 1 MB, decimal like every size the app shows
    old_days: int = 730
    old_min_size: int = 1_000_000
    old_top: int = 200
    workers: Optional[int] = None
    cache_path: Optional[str] = None
    os_name: Optional[str] = None  # rules/protected paths of this OS (tests); default: running OS
    # Folders walked for temp/cache files only (this OS's temp locations): never a source of
    # duplicates, large or old files, so nothing in /tmp is ever offered as a "kept" copy.
    temp_roots: list[str] = field(default_factory=list)
    # Empty folders and files, broken links, duplicate folders and the storage map (cheap: from
    # what the walk and the duplicate finder already know); similar photos only on request.
    folders: bool = True
    similar_images: bool = False
    # Cloud storage on this machine (None: detected when the scan starts; see core.disk.cloud).
    cloud: Optional[CloudPlaces] = None
    read_cloud_mounts: bool = False  # opt in: read files on FUSE cloud mounts (rclone, onedriver...)


def iso(ns: int) -> str:
    return datetime.fromtimestamp(ns / 1e9, tz=timezone.utc).isoformat()


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


def default_workers() -> int:
    """Reading threads when the disk is the bottleneck (they wait on I/O, not on the CPU):
    measured on the 2-core bench machine with a cold page cache, 8 beat 2 by 20 %."""
    return min(8, 4 * (os.cpu_count() or 2))


@dataclass
class ScanResult:
    roots: list[str]
    started: str
    finished: str = ""
    cancelled: bool = False
    groups: list[DupGroup] = field(default_factory=list)  # compact; dicts made on demand
    temp: list[dict[str, Any]] = field(default_factory=list)
    temp_skipped: list[dict[str, Any]] = field(default_factory=list)
    large: list[dict[str, Any]] = field(default_factory=list)
    old: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)
    empty_folders: list[dict[str, Any]] = field(default_factory=list)
    empty_files: list[dict[str, Any]] = field(default_factory=list)
    broken_links: list[dict[str, Any]] = field(default_factory=list)
    duplicate_folders: list[dict[str, Any]] = field(default_factory=list)
    similar_images: Optional[list[dict[str, Any]]] = None  # only with ScanOptions.similar_images
    storage: dict[str, Any] = field(default_factory=dict)
    online_only: list[dict[str, Any]] = field(default_factory=list)  # cloud files not on this disk: never read

    temp_roots: list[Any] = field(default_factory=list)  # system temp locations walked for temp files only
    dirs: list[Any] = field(default_factory=list, repr=False)
    walk_roots: list[Any] = field(default_factory=list, repr=False)  # what dirs' root indexes refer to
    _duplicates: Optional[list[dict[str, Any]]] = field(default=None, repr=False)
    disk_usage: dict[str, Any] = field(default_factory=dict)  # usage of the roots' volumes when the scan started

    def iter_duplicates(self) -> Iterator[dict[str, Any]]:
        """Duplicate groups as dicts, largest first, made one at a time (files re-read with
        lstat for their allocated size and link count; a file gone since is left out)."""
        writer = _GroupWriter(self.dirs, self.walk_roots)
        for group in self.groups:
            d = writer.group(group)
            if d is not None:
                yield d

    @property
    def duplicates(self) -> list[dict[str, Any]]:
        if self._duplicates is None:
            self._duplicates = list(self.iter_duplicates())
        return self._duplicates

    def _head(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "roots": self.roots,
            "started": self.started,
            "finished": self.finished,
            "cancelled": self.cancelled,
            **({"temp_roots": self.temp_roots} if self.temp_roots else {}),
        }

    def _tail(self) -> dict[str, Any]:
        return {
            "temp": self.temp,
            "temp_skipped": self.temp_skipped,
            "large": self.large,
            "old": self.old,
            "empty_folders": self.empty_folders,
            "empty_files": self.empty_files,
            "broken_links": self.broken_links,
            "duplicate_folders": self.duplicate_folders,
            **({"similar_images": self.similar_images} if self.similar_images is not None else {}),
            "storage": self.storage,
            "online_only": self.online_only,
            "errors": self.errors,
            "stats": self.stats,
            "disk_usage": self.disk_usage,
        }

    def to_dict(self) -> dict[str, Any]:
        dups = self.duplicates
        self.stats["wasted"] = sum(g["wasted"] for g in dups)
        self.stats["duplicate_groups"] = len(dups)
        return {**self._head(), "duplicates": dups, **self._tail()}

    @gcpause.paused()
    def write_json(self, out: TextIO) -> None:
        """The same object as ``json.dumps(to_dict())``, streamed group by group so a huge
        result never exists twice in memory."""
        head = json.dumps(self._head())
        out.write(head[:-1] + ', "duplicates": [')
        wasted = count = 0
        some: list[dict[str, Any]] = []  # groups encoded 64 at a time: one encoder call each

        def flush() -> None:
            out.write((", " if count > len(some) else "") + json.dumps(some)[1:-1])
            some.clear()

        for g in self.iter_duplicates() if self._duplicates is None else self._duplicates:
            some.append(g)
            wasted += g["wasted"]
            count += 1
            if len(some) == 64:
                flush()
        if some:
            flush()
        self.stats["wasted"] = wasted
        self.stats["duplicate_groups"] = count
        out.write("], " + json.dumps(self._tail())[1:] + "\n")


class _Collector:
    """The per-file hot path: keeps only what each finding needs."""

    def __init__(self, opts: ScanOptions, matcher: Optional[TempMatcher], roots: list[str]) -> None:
        self.opts = opts
        self.by_size: dict[int, Any] = {}
        self.large: list[tuple[Any, ...]] = []
        self.old: list[tuple[Any, ...]] = []
        self.temp: list[dict[str, Any]] = []
        self.matcher = matcher
        self.roots = roots
        self.walker: Walker  # set by scan() right after the walker is made, before the walk
        self.old_before_ns = time.time_ns() - opts.old_days * 86400 * 10**9
        self._seq = 0
        self.has_blocks = hasattr(os.stat_result, "st_blocks")
        self.first_temp_only = len(roots)  # walk roots from this index on are temp-only
        self.empty: list[tuple[Any, ...]] = []  # empty regular files (dir index, name, mtime_ns, dev, ino)
        self.nbig: dict[int, int] = {}  # per folder: files of at least min_size (duplicate candidates)
        self.images: list[tuple[Any, ...]] = []  # photo candidates (with ScanOptions.similar_images)
        self.cloud: Optional[Detector] = None  # when there is cloud storage to tell apart
        self.online: list[dict[str, Any]] = []
        self.flags: dict[tuple[int, str], dict[str, Any]] = {}  # (folder, name) -> online_only / team_library
        self.old_pool: Optional[list[tuple[Any, ...]]] = None  # with a rescan index: every old-file candidate, old or not yet
        self.early: Optional[hashpool.Early] = None  # set before the walk where the first stage can start during it

    def on_dir(self, path: str, parent_ctx: Optional[Rule]) -> Optional[Rule]:
        assert self.matcher is not None  # on_dir is given to the walk only with a matcher
        return self.matcher.dir_rule(path, parent_ctx)

    def make_on_file(self) -> FileVisitor:
        """The function the walk calls for every regular file: locals only, and one
        comparison for the common case of a file that is neither large, old nor temp."""
        opts, dirs, by_size = self.opts, self.walker.dirs, self.by_size
        get = by_size.get
        min_size = opts.min_size
        never = float("inf")
        slow_from = min(opts.large_min_size if opts.large else never, opts.old_min_size if opts.old else never)
        file_rule = self.matcher.file_rule if self.matcher is not None else None
        large_or_old, temp_item = self._large_or_old, self._temp_item
        first_temp_only = self.first_temp_only
        # Windows: system files and online-only files are never offered (temp rules only).
        not_offered = fileid.not_offered if fileid.current().attributes else None
        empty = self.empty.append if opts.folders else None
        nbig = self.nbig
        nbig_get = nbig.get
        cloud = self.cloud
        online = cloud.online_only if cloud is not None else None
        team = cloud.dir_kind if cloud is not None and (cloud.places.sync_folders or cloud.places.team_folders) else None
        set_apart = self._set_apart
        early = self.early  # the first stage during the walk (core.disk.hashpool.Early)
        feed = early.pending.append if early is not None else None

        def on_file(di: int, name: str, path: str, st: os.stat_result, ctx: Optional[Rule]) -> None:
            size = st.st_size
            if size <= 0:
                if empty is not None and size == 0:
                    empty((di, name, st.st_mtime_ns, st.st_dev, st.st_ino))
                return
            if online is not None and dirs[di][2] < first_temp_only:
                if online(st, di):  # not on this disk: listed apart, never read
                    set_apart(di, name, path, st, size, "online_only")
                    return
                if team is not None and team(di)[1]:  # a team's library: only listed
                    set_apart(di, name, path, st, size, "team_library")
                    return
            if dirs[di][2] >= first_temp_only or (not_offered is not None and not_offered(st)):
                # under a temp-only root, or never offered
                if file_rule is not None:
                    rule = file_rule(name, ctx)
                    if rule is not None:
                        temp_item(di, path, st, size, rule)
                return
            if size >= min_size:
                # Compact: the device is the folder's (kept apart only for a file mounted on
                # its own); allocated size and link count are read again for group members.
                rec: tuple[Any, ...]
                if st.st_dev == dirs[di][1]:
                    rec = (di, name, st.st_ino, st.st_mtime_ns)
                else:
                    rec = (di, name, st.st_ino, st.st_mtime_ns, st.st_dev)
                nbig[di] = nbig_get(di, 0) + 1
                bucket = get(size)
                if bucket is None:
                    by_size[size] = rec
                else:
                    if type(bucket) is list:
                        bucket.append(rec)
                    else:
                        by_size[size] = [bucket, rec]
                        if feed is not None:
                            feed((size, bucket))  # the first of its size is a candidate now
                    if feed is not None:
                        feed((size, rec))
                        if len(early.pending) >= early.next_look:  # type: ignore[union-attr]  # set with feed
                            early.hand_out()  # type: ignore[union-attr]
            if size >= slow_from:
                large_or_old(di, name, st, size)
            if file_rule is not None:
                rule = file_rule(name, ctx)
                if rule is not None:
                    temp_item(di, path, st, size, rule)

        if not opts.similar_images:
            return on_file
        from cleanup_desktop.core.disk import similar  # noqa: PLC0415

        images, roots, is_image = self.images, self.roots, similar.is_image_name
        min_bytes = similar.MIN_BYTES

        def on_file_and_image(di: int, name: str, path: str, st: os.stat_result, ctx: Optional[Rule]) -> None:
            on_file(di, name, path, st, ctx)
            if st.st_size >= min_bytes and is_image(name) and dirs[di][2] < first_temp_only:
                images.append((di, name, similar.candidate(path, st, roots[dirs[di][2]])))

        return on_file_and_image

    def _set_apart(self, di: int, name: str, path: str, st: os.stat_result, size: int, flag: str) -> None:
        """An online-only file or a file of a team library: never a duplicate or temp candidate
        (nothing is read), listed as large or old with its flag so nothing is planned unasked."""
        flags = self.flags.setdefault((di, name), {})
        flags[flag] = True
        if flag == "online_only":
            provider = self.cloud.dir_kind(di)[0] if self.cloud is not None else None
            self.online.append({"path": path, "size": size, "mtime": iso(st.st_mtime_ns), "mtime_ns": st.st_mtime_ns,
                                "dev": st.st_dev, "ino": st.st_ino, "allocated": 0, "online_only": True,
                                "provider": provider or "cloud", "root": self.roots[self.walker.dirs[di][2]]})
        if size >= min(self.opts.large_min_size, self.opts.old_min_size):
            self._large_or_old(di, name, st, size)

    def _blocks(self, st: os.stat_result, size: int) -> int:
        return st.st_blocks if self.has_blocks else (size + 4095) // 4096 * 8

    def _push(self, heap: list[Any], top: int, item: tuple[Any, ...]) -> None:
        if len(heap) < top:
            heapq.heappush(heap, item)
        elif item[0] > heap[0][0]:
            heapq.heapreplace(heap, item)

    def _large_or_old(self, di: int, name: str, st: os.stat_result, size: int) -> None:
        opts = self.opts
        self._seq += 1
        item = (size, self._seq, di, name, st.st_mtime_ns, st.st_dev, st.st_ino, self._blocks(st, size))
        if opts.large and size >= opts.large_min_size:
            self._push(self.large, opts.large_top, item)
        if opts.old and size >= opts.old_min_size:
            if st.st_mtime_ns < self.old_before_ns:
                self._push(self.old, opts.old_top, item)
            if self.old_pool is not None:
                self.old_pool.append(item)

    def _temp_item(self, di: int, path: str, st: os.stat_result, size: int, rule: Rule) -> None:
        self.temp.append(
            {
                "path": path,
                "size": size,
                "allocated": self._blocks(st, size) * 512,
                "mtime": iso(st.st_mtime_ns),
                "mtime_ns": st.st_mtime_ns,
                "dev": st.st_dev,
                "ino": st.st_ino,
                "rule": rule.id,
                "root": self.roots[self.walker.dirs[di][2]],
            }
        )

    def file_entries(self, heap: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
        """Large or old items, largest first, each file once (by identity, read where the
        walk had none: Windows)."""
        out: list[tuple[Any, ...]] = []
        seen: set[Any] = set()
        for item in sorted(heap, key=lambda i: i[1]):  # walk order: the first link walked stays, as on Linux
            entry = self.file_entry(item)
            ident = fileid.known(entry["dev"], entry["ino"])
            if ident is None:
                try:
                    st = fileid.lstat(entry["path"])
                except OSError:
                    continue  # gone since the walk
                ident = fileid.identity(st)
                entry["dev"], entry["ino"] = st.st_dev, st.st_ino
            if ident is not None:
                if ident in seen:
                    continue  # a hard link of a file already listed
                seen.add(ident)
            out.append((item, entry))
        out.sort(key=lambda pair: pair[0], reverse=True)
        return [entry for _item, entry in out]

    def file_entry(self, item: tuple[Any, ...]) -> dict[str, Any]:
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
            **self.flags.get((di, name), {}),
        }


NOTE_DETAIL_LIMIT = 20


def summarize_notes(notes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Temp files left out (too recent, open, app running...): listed one by one up to
    NOTE_DETAIL_LIMIT per rule and reason, beyond that as one entry with a count and examples."""
    by_key: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for note in notes:
        by_key.setdefault((note.get("rule"), note.get("code")), []).append(note)
    out: list[dict[str, Any]] = []
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


class _GroupWriter:
    """Duplicate groups as the dicts the scan document holds. Each member is read again (lstat)
    for its allocated size and link count, and left out when it changed since it was hashed
    (another size; another identity, or where there is none another mtime): not vouched for.
    Per-folder path prefixes are made once; this runs for every member of every group."""

    def __init__(self, dirs: list[Any], roots: list[str]) -> None:
        self.dirs, self.roots = dirs, roots
        self.prefixes: dict[int, str] = {}
        self.lstat = os.lstat if fileid.io_path("x" * 300) == "x" * 300 else fileid.lstat  # Windows: long paths

    def prefix(self, di: int) -> str:
        p = self.prefixes[di] = folder_prefix(self.dirs[di][0])
        return p

    def group(self, group: DupGroup) -> Optional[dict[str, Any]]:
        files = []
        dirs, roots, prefixes, lstat = self.dirs, self.roots, self.prefixes, self.lstat
        size = group.size
        fromtimestamp, utc = datetime.fromtimestamp, timezone.utc
        identity, known = fileid.identity, fileid.known
        for rec in group.members:
            di = rec[R_DIR]
            path = (prefixes.get(di) or self.prefix(di)) + rec[R_NAME]
            try:
                st = lstat(path)
            except OSError:
                continue
            dev = rec[R_DEV] if len(rec) > R_DEV else dirs[di][1]
            ident = identity(st)
            if st.st_size != size or (ident != known(dev, rec[R_INO]) if ident else st.st_mtime_ns != rec[R_MTIME]):
                continue  # replaced since it was hashed: not vouched for
            mtime = rec[R_MTIME]
            files.append(
                {
                    "path": path,
                    "mtime": fromtimestamp(mtime / 1e9, utc).isoformat(),
                    "mtime_ns": mtime,
                    "dev": dev,
                    "ino": rec[R_INO],
                    "allocated": allocated_bytes(st),
                    "nlink": st.st_nlink,
                    "root": roots[dirs[di][2]],
                }
            )
        if len(files) < 2:
            return None
        files.sort(key=lambda f: f["path"])
        allocs = [f["allocated"] for f in files]
        return {
            "size": size,
            "digest": group.digest.hex(),
            "paths": [f["path"] for f in files],
            "allocated": max(allocs),
            "wasted": sum(allocs) - max(allocs),
            "files": files,
        }


@gcpause.paused()  # the scan's records hold no cycles (core.gcpause)
def scan(
    roots: list[str],
    options: Optional[ScanOptions] = None,
    progress: Optional[Callable[[ProgressEvent], None]] = None,
    cancel: Optional[CancelToken] = None,
    index: Optional["ScanIndex"] = None,
) -> ScanResult:
    """Scan ``roots`` for duplicates, temp/cache files and large/old files.

    Never raises for a path that cannot be read: such paths are listed in ``errors``.
    Cancelling returns what was found so far, with ``cancelled`` set.
    With ``index`` (the app keeps one), a rescan of the same folders with the same options
    re-stats them only and reuses the last findings when nothing changed (core.disk.rescan);
    a full scan fills the index for the next time.
    """
    from cleanup_desktop.core.disk import protected

    opts = options or ScanOptions()
    t0 = time.monotonic()
    reporter = Reporter(progress, cancel)
    norm_roots, errors = normalize_roots(roots)
    # The roots as given (absolute, each once); nested ones are walked as part of their parent.
    given = list(dict.fromkeys(os.path.realpath(os.path.abspath(os.path.expanduser(r))) for r in roots))
    result = ScanResult(roots=given, started=_now())
    walk_roots = []
    for root in norm_roots:
        if protected.is_protected(root, opts.os_name):
            errors.append(WalkError(root, Reason("scan.system-folder")))
        else:
            walk_roots.append(root)
    first_temp_only = len(walk_roots)
    result.disk_usage = {"time": result.started, "roots": disk_usage(walk_roots)}
    if opts.temp and opts.temp_roots:
        temp_roots, _ = normalize_roots(opts.temp_roots)
        covered = [os.path.realpath(r) for r in walk_roots]
        for root in temp_roots:
            real = os.path.realpath(root)
            if not any(is_inside(real, c) for c in covered):
                walk_roots.append(root)  # walked after the normal roots, so they claim shared folders

    rule_list: list[Any] = []
    matcher = None
    if opts.temp:
        from cleanup_desktop.core.disk import rules as rules_mod, temp as temp_mod

        rule_list = rules_mod.load_rules(opts.os_name)
        matcher = temp_mod.TempMatcher(rule_list, walk_roots, os_name=opts.os_name)
    collector = _Collector(opts, matcher, walk_roots)
    collector.first_temp_only = first_temp_only
    excludes = {fileid.fold(os.path.abspath(p)) for p in opts.extra_excludes}

    def exclude_dir(path: str, name: str) -> bool:
        return (
            protected.is_excluded_dir(path, name)
            or (bool(excludes) and fileid.fold(path) in excludes)
            or protected.is_protected(path, opts.os_name)
        )

    walker = Walker(
        walk_roots,
        on_file=None,  # set below: the collector's hot path needs the walker's folder list
        on_dir=collector.on_dir if matcher is not None else None,
        exclude_dir=exclude_dir,
        one_file_system=opts.one_file_system,
        reporter=reporter,
        want_names=opts.folders,
    )
    collector.walker = walker
    places = opts.cloud
    if places is None:
        places = cloud.detect(opts.read_cloud_mounts)
    if places.sync_folders or places.team_folders or places.fuse_mounts or fileid.current().name != "linux":
        collector.cloud = cloud.Detector(places, walker.dirs)
    if (opts.workers or default_workers()) > 1 and hashpool.possible() and (
            not opts.use_cache or not os.path.exists(opts.cache_path or default_cache_path())):
        collector.early = hashpool.Early(walker.dirs)  # no hash cache to answer: read during the walk
    walker.on_file = collector.make_on_file()
    key = None
    if index is not None:
        from cleanup_desktop.core.disk import rescan as rescan_mod  # the app's rescans only (start-up of the CLI)

        if collector.cloud is None and fileid.current().entry_ids:
            key = rescan_mod.index_key(walk_roots, first_temp_only, opts, rule_list)
            if index.key != key and index.store is not None:  # after a restart: the last run's index
                from cleanup_desktop.core.disk import rescan_store

                spare = _Collector(opts, matcher, walk_roots)
                spare.first_temp_only = first_temp_only
                if rescan_store.load(index, key, index.store, spare, given):
                    index.rules = {r.id: r for r in rule_list}
            if index.key == key and rescan_mod.unchanged(index.walker, exclude_dir, reporter):
                index.hits += 1
                rescan_mod.reuse(index, opts, result, temp_mod.finalize_temp if matcher is not None else None,
                                 summarize_notes, disk_usage)
                result.finished = _now()
                result.stats["seconds"] = round(time.monotonic() - t0, 3)
                return result
            walker.want_sigs = True
            walker.sigs_before_ns = time.time_ns() - rescan_mod.RACY_NS
            collector.old_pool = []
        index.clear()
    dup = DupResult(complete=False)
    cache = None
    image_stats: dict[str, Any] = {}
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
            early=collector.early,
        )
        if opts.similar_images and collector.images:
            from cleanup_desktop.core.disk import similar  # noqa: PLC0415

            result.similar_images, image_stats = similar.find_similar(
                _image_candidates(collector.images, dup.groups), cache, workers=min(2, os.cpu_count() or 1),
                reporter=reporter)
        elif opts.similar_images:
            result.similar_images, image_stats = [], {}
    except Cancelled:
        pass
    finally:
        if cache is not None:
            cache.close()
        if collector.early is not None:
            collector.early.close()
    result.cancelled = reporter.cancelled or not dup.complete
    if opts.folders:
        dup.groups = _folder_findings(result, walker, collector, dup.groups, walk_roots, first_temp_only, opts)

    # Largest first (by apparent size: allocated sizes are read when the groups are written).
    dup.groups.sort(key=lambda g: (-g.size * (len(g.members) - 1), -g.size, g.digest))
    result.groups = dup.groups
    result.dirs = walker.dirs
    result.walk_roots = walk_roots
    result.temp_roots = walk_roots[first_temp_only:]
    result.large = collector.file_entries(collector.large)
    result.old = collector.file_entries(collector.old)
    result.online_only = sorted(collector.online, key=lambda f: (-f["size"], f["path"]))
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
        "duplicate_groups": len(dup.groups),
        "wasted": 0,  # filled when the groups are written (to_dict / write_json)
        "symlinks_skipped": walker.symlinks,
        "online_only_files": len(collector.online),
        "online_only_bytes": sum(f["size"] for f in collector.online),
    }
    if opts.similar_images and result.similar_images is not None:
        result.stats.update(image_stats)
    if key is not None and index is not None and not result.cancelled:  # a key is made only with an index
        index.remember(key, result, walker, collector, {r.id: r for r in rule_list})
    return result


def _image_candidates(images: list[tuple[Any, ...]], groups: list[DupGroup]) -> list[tuple[Any, ...]]:
    """Photo candidates less the extra copies of identical files (the duplicate finder's job)."""
    extra = {(rec[R_DIR], rec[R_NAME]) for g in groups for rec in g.members[1:]}
    return [c for di, name, c in images if (di, name) not in extra]


def _folder_findings(result: ScanResult, walker: Walker, collector: _Collector, groups: list[DupGroup],
                     walk_roots: list[str], first_temp_only: int, opts: ScanOptions) -> list[DupGroup]:
    """Empty folders and files, broken links, storage map, duplicate folders; returns the file
    groups left once those inside duplicate folders are folded away."""
    from cleanup_desktop.core.disk import dupfolders, folders  # noqa: PLC0415

    hidden = folders.hidden_flags(walker, first_temp_only)
    totals = folders.subtree_totals(walker)
    result.storage = folders.storage_map(walker, first_temp_only, totals)
    if result.cancelled:
        return groups  # an unfinished walk cannot say what is empty or identical
    result.empty_folders = folders.empty_folders(walker, walk_roots, first_temp_only, hidden)
    result.empty_files = folders.empty_files(collector.empty, walker, walk_roots, hidden)
    result.broken_links = folders.broken_links(walker, walk_roots, first_temp_only)
    result.duplicate_folders, folded = dupfolders.find_duplicate_folders(
        walker, groups, collector.nbig, walk_roots, hidden, totals, opts.min_size)
    return [g for g in groups if id(g) not in folded]

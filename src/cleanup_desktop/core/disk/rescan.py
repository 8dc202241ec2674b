"""The rescan index: the last scan kept in memory so that a rescan of the same folders with the
same options only re-lists and re-stats them, and reuses the findings when nothing changed.

The rule it guarantees: a rescan answered from the index equals what a full scan would find
at that moment (the findings; timestamps, durations and hashing counters aside). It holds
because the index vouches for a folder only through what a later walk sees again:

- the folder's own device, inode, mtime and ctime (an entry added, removed or renamed in it,
  or another folder mounted over it, changes them);
- for each regular file in it: name, inode, size, mtime and ctime (the ctime changes with any
  write, chmod or new hard link, and cannot be set back by a program);
- for each sub-folder walked: name, device and inode.

A folder with an error, or whose own ctime or one of its files' is within the file system's
timestamp granularity of the walk's start (RACY_NS: a change in the same clock tick would
not show), is never vouched for, and any folder that differs sends the rescan to a full scan.
What does not live in folders is recomputed on every rescan: free space, which big files are
now old enough to be "old", the temp files' checks (age, open files, running programs), and
whether each symbolic link is broken. The index is only kept where directory entries carry
file identities (Linux, macOS) and no cloud storage needs telling apart (online-only files
change without a trace in these fields).
"""

from __future__ import annotations

import heapq
import os
import time
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Optional

from cleanup_desktop.core.disk import folders, protected
from cleanup_desktop.core.disk.readers import O_DIR_NOFOLLOW
from cleanup_desktop.core.disk.walk import dir_signature, folder_prefix, signature_digest, signature_hash
from cleanup_desktop.core.progress import ProgressEvent, Reporter

# Timestamp granularity covered: 2 s (FAT, ext3 and HFS+ store seconds or two seconds; ext4,
# XFS, Btrfs and APFS take times from a clock that ticks every few milliseconds).
RACY_NS = 2_000_000_000


@dataclass
class ScanIndex:
    """What the last scan saw, for the next rescan of the same folders (one per window)."""

    key: Optional[str] = None
    result: Any = None  # the ScanResult
    walker: Any = None  # its Walker (folders, signatures, links)
    collector: Any = None  # its collector (old-file candidates, raw temp candidates)
    rules: dict[str, Any] = field(default_factory=dict)  # temp rules by id
    hits: int = 0  # rescans answered from the index (for the benchmark and the tests)
    store: Optional[str] = None  # the file it is kept in between runs of the app (core.disk.rescan_store)
    loaded: int = 0  # times it was read back from that file and passed every check

    def clear(self) -> None:
        self.key = self.result = self.walker = self.collector = None
        self.rules = {}

    def remember(self, key: str, result: Any, walker: Any, collector: Any, rules: dict[str, Any]) -> None:
        collector.by_size = {}  # the candidates were only needed by the duplicate finder
        self.key, self.result, self.walker, self.collector, self.rules = key, result, walker, collector, rules


def index_key(walk_roots: list[str], first_temp_only: int, opts: Any, rule_list: list[Any]) -> str:
    """Everything a scan's findings depend on besides the folders' contents and the clock."""
    settings = [(f.name, getattr(opts, f.name)) for f in fields(opts) if f.name not in ("workers", "use_cache", "cache_path")]
    env = [(k, os.environ.get(k)) for k in protected.EXCLUDE_ENV_KEYS]  # which folders are skipped
    return repr((walk_roots, first_temp_only, settings, rule_list, env))


def unchanged(walker: Any, exclude: Optional[Callable[[str, str], bool]], reporter: Reporter) -> bool:
    """True when every folder the last walk vouched for looks exactly the same now: the walk of
    the rescan (one scandir per folder, one lstat per file), stopping at the first difference.

    Signatures are compared as the in-process hash where the index was made in this process
    (walker.dir_hsigs), else as the stable digest kept in the index file (an index read back
    after a restart: computing both would slow the first rescan for a later one's sake)."""
    dirs, parents, sigs = walker.dirs, walker.parents, walker.dir_sigs
    if len(sigs) != len(dirs):
        return False
    in_process = len(walker.dir_hsigs) == len(dirs)
    wanted, digest_of = (walker.dir_hsigs, signature_hash) if in_process else (sigs, signature_digest)
    files = reported = 0  # entries re-stated so far (for the progress bar)
    cancel = reporter.cancel
    lstat, stat, scandir = os.lstat, os.stat, os.scandir
    by_handle = scandir in os.supports_fd  # as the walk lists folders (core.disk.walk)
    # A folder the last walk went into was not excluded then, and exclusion depends only on
    # the path, the options and the environment, which the index key holds: asked again only
    # for folders new since.
    walked = {d[0] for d in dirs}
    for i, (path, _dev, _root) in enumerate(dirs):
        want = wanted[i]
        if want is None or (cancel is not None and cancel.cancelled):
            return False
        prefix = folder_prefix(path)
        fd = -1
        try:
            if by_handle:
                fd = os.open(path, O_DIR_NOFOLLOW)
                sig = [dir_signature(os.fstat(fd))]
            else:
                sig = [dir_signature(stat(path) if parents[i] < 0 else lstat(path))]
            append = sig.append
            subdirs = []
            with scandir(path if fd < 0 else fd) as it:
                for entry in it:
                    if entry.is_file(follow_symlinks=False):
                        st = entry.stat(follow_symlinks=False)
                        append((entry.name, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
                    elif entry.is_dir(follow_symlinks=False):
                        subdirs.append(entry)
            for entry in reversed(subdirs):
                sub = prefix + entry.name
                if exclude is not None and sub not in walked and exclude(sub, entry.name):
                    continue
                st = entry.stat(follow_symlinks=False)
                append((entry.name, st.st_dev, st.st_ino))
        except OSError:
            return False
        finally:
            if fd >= 0:
                os.close(fd)
        if digest_of(sig) != want:
            return False
        files += len(sig)
        if files - reported > 4096:
            reporter.update(ProgressEvent("walk", files, None, 0, None, detail=path))
            reported = files
    return True


def reuse(index: ScanIndex, opts: Any, res: Any, finalize_temp: Optional[Callable[..., Any]], summarize_notes: Callable[..., Any],
          disk_usage: Callable[..., Any]) -> None:
    """Fill ``res`` (a new ScanResult) from the index's, with what depends on the clock or on
    other programs computed again."""
    prev, walker, collector = index.result, index.walker, index.collector
    first_temp_only = collector.first_temp_only
    started = res.started
    res.groups = list(prev.groups)
    if prev._duplicates is not None:  # the group dicts as written last time: every member re-stated unchanged
        res._duplicates = [{**g, "paths": list(g["paths"]), "files": [dict(f) for f in g["files"]]}
                           for g in prev._duplicates]
    res.dirs, res.walk_roots, res.temp_roots = prev.dirs, prev.walk_roots, list(prev.temp_roots)
    res.large = [dict(e) for e in prev.large]
    res.empty_folders = [dict(e) for e in prev.empty_folders]
    res.empty_files = [dict(e) for e in prev.empty_files]
    res.duplicate_folders = [dict(e) for e in prev.duplicate_folders]
    res.similar_images = None if prev.similar_images is None else [dict(e) for e in prev.similar_images]
    res.storage = prev.storage
    res.online_only = [dict(e) for e in prev.online_only]
    res.errors = [dict(e) for e in prev.errors]
    res.disk_usage = {"time": started, "roots": disk_usage(prev.walk_roots[:first_temp_only])}
    if opts.folders:
        res.broken_links = folders.broken_links(walker, prev.walk_roots, first_temp_only)
    if opts.old:
        before = time.time_ns() - opts.old_days * 86400 * 10**9
        heap: list[Any] = []
        for item in collector.old_pool:
            if item[4] < before:
                if len(heap) < opts.old_top:
                    heapq.heappush(heap, item)
                elif item[0] > heap[0][0]:
                    heapq.heapreplace(heap, item)
        res.old = collector.file_entries(heap)
    if finalize_temp is not None and collector.temp:
        items, notes = finalize_temp(collector.temp, index.rules)
        res.temp = sorted(items, key=lambda t: t["path"])
        res.temp_skipped = summarize_notes(notes)
    res.stats = {**prev.stats, "bytes_hashed": 0, "cache_hits": 0, "wasted": 0, "rescan_reused": True}

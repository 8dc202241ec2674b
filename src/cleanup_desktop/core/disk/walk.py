"""Directory walk for the disk scan: os.scandir, no symlink following, each file once.

The walk keeps no per-file objects of its own: it hands every regular file to a visitor
(``on_file``) together with the index of its directory in ``Walker.dirs``, so the consumers
decide what they keep (the duplicate finder keeps compact tuples, the large-file collector a
heap). Each directory and each hard-linked inode is visited once, whatever the number of
paths leading to it (overlapping roots, bind mounts, hard links), and links are never
followed (symbolic links, Windows junctions and other name-surrogate reparse points), so link
loops cannot trap it. "Which folder is this" comes from core.fileid: on Windows, whose
directory entries carry no identity, one lstat per folder (never per file), and a folder whose
identity cannot be known is walked rather than taken for another one.
"""

from __future__ import annotations

import errno
import marshal
import os
import stat as stat_mod
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

import xxhash

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk.readers import O_DIR_NOFOLLOW, ChangedDuringScan
from cleanup_desktop.core.messages import Reason, os_error, reason_fields
from cleanup_desktop.core.paths import is_inside
from cleanup_desktop.core.progress import ProgressEvent, Reporter

ERROR_CODES = {
    errno.EACCES: "scan.permission-denied",
    errno.EPERM: "scan.not-permitted",
    errno.ENOENT: "scan.vanished",
    errno.ENAMETOOLONG: "scan.path-too-long",
    errno.EIO: "scan.io-error",
    errno.ELOOP: "scan.link-loop",
    errno.ENOTDIR: "scan.not-folder-any-more",
}


def describe_error(exc: BaseException) -> Reason:
    """A short readable reason for an OS error, without the path (reported beside it)."""
    if isinstance(exc, UnicodeError):
        return Reason("scan.bad-name")
    if fileid.is_locked(exc):
        return fileid.LOCKED
    if isinstance(exc, OSError):
        if isinstance(exc, ChangedDuringScan):
            return Reason("scan.changed")
        if isinstance(exc.strerror, Reason):  # the engine's own
            return exc.strerror
        code = ERROR_CODES.get(exc.errno or 0)
        if code:
            return Reason(code)
        return os_error(exc.strerror or exc.__class__.__name__)
    return os_error(str(exc) or exc.__class__.__name__)


@dataclass
class WalkError:
    path: str
    error: str

    def to_dict(self) -> dict[str, Any]:
        """``error`` is the English text; ``code`` and ``params`` word it again (core.messages)."""
        return {"path": self.path, "error": self.error, **reason_fields(self.error)}


# on_file(dir_index, name, path, stat_result, dir_context) -> None
FileVisitor = Callable[[int, str, str, os.stat_result, Any], None]
# on_dir(path, parent_context) -> context for files in this directory
DirVisitor = Callable[[str, Any], Any]
# exclude_dir(path, name) -> True to skip this directory entirely
DirFilter = Callable[[str, str], bool]


@dataclass
class Walker:
    roots: list[str]
    on_file: Optional[FileVisitor]
    on_dir: Optional[DirVisitor] = None
    exclude_dir: Optional[DirFilter] = None
    one_file_system: bool = False
    reporter: Optional[Reporter] = None
    # Filled by run():
    dirs: list[tuple[str, int, int]] = field(default_factory=list)  # (path, st_dev or 0, root index)
    errors: list[WalkError] = field(default_factory=list)
    files: int = 0
    bytes: int = 0
    allocated: int = 0
    symlinks: int = 0  # links not followed (symbolic links, junctions)
    # Per folder, parallel to ``dirs`` (for empty folders, duplicate folders and the storage
    # map): parent index (-1 for a root), regular files listed directly in it, their bytes and
    # allocated bytes, and "other" content (anything that is not a walked file or folder:
    # links, excluded or unreadable entries, hard links met before).
    parents: list[int] = field(default_factory=list)
    dir_files: list[int] = field(default_factory=list)
    dir_bytes: list[int] = field(default_factory=list)
    dir_alloc: list[int] = field(default_factory=list)
    dir_other: list[int] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)  # symbolic links: (dir index, name)
    want_names: bool = False
    dir_names: list[int] = field(default_factory=list)  # with want_names: hash of the set of entry names
    # With want_sigs (the rescan index, core.disk.rescan): per folder, a hash of what a later
    # walk must see again for this one's findings to hold (the folder's own identity and
    # times, and name, inode, size, mtime and ctime of each regular file), None where the
    # folder had an error (never vouched for).
    # A folder whose own ctime or a file's is at or after ``sigs_before_ns`` (the walk's start
    # less the file system's timestamp granularity) gets None too: a change made in the same
    # clock tick would not show in its times ("racily clean", as git calls it).
    want_sigs: bool = False
    dir_sigs: list[Optional[int]] = field(default_factory=list)
    # The same signatures as Python's hash() of the same tuples: several times cheaper to
    # make, but only valid in the process that made them (str hashes are seeded per
    # process), so only compared by in-memory rescans; dir_sigs is what the index file keeps.
    dir_hsigs: list[Optional[int]] = field(default_factory=list)
    sigs_before_ns: int = 0

    def run(self) -> None:
        seen_dirs: set[tuple[int, int]] = set()
        seen_links: set[tuple[int, int]] = set()  # inodes with st_nlink > 1 already visited
        reporter = self.reporter
        on_file, on_dir, exclude = self.on_file, self.on_dir, self.exclude_dir
        assert on_file is not None, "set on_file before run()"
        S_ISREG = stat_mod.S_ISREG
        has_blocks = hasattr(os.stat_result, "st_blocks")
        dirs = self.dirs
        parents, dir_files, dir_bytes, dir_alloc, dir_other = (
            self.parents, self.dir_files, self.dir_bytes, self.dir_alloc, self.dir_other)
        links = self.links
        names = self.dir_names if self.want_names else None
        sigs = self.dir_sigs if self.want_sigs else None
        hsigs = self.dir_hsigs
        fsig: Optional[list[Any]] = None
        racy = False
        before_ns = self.sigs_before_ns
        errors = self.errors
        files = nbytes = nalloc = 0
        io_path, identity, skip_dir = fileid.io_path, fileid.identity, fileid.skip_dir
        attrs = fileid.current().attributes  # Windows: reparse points and system folders
        dfd = -1  # the folder being listed, open (see _entries)
        by_handle = os.scandir in os.supports_fd  # POSIX (asked now: tests stand in for other OSes)

        try:
            for root_index, root in enumerate(self.roots):
                try:
                    st = os.stat(io_path(root))  # a root named by the user may itself be a symlink
                except FileNotFoundError:
                    errors.append(WalkError(root, "No such folder"))
                    continue
                except OSError as exc:
                    errors.append(WalkError(root, describe_error(exc)))
                    continue
                if not stat_mod.S_ISDIR(st.st_mode):
                    errors.append(WalkError(root, "Not a folder"))
                    continue
                key = identity(st)
                if key is not None:
                    if key in seen_dirs:
                        continue
                    seen_dirs.add(key)
                root_dev = st.st_dev
                stack: list[tuple[str, int, Any, int, os.stat_result]] = [
                    (root, st.st_dev, on_dir(root, None) if on_dir else None, -1, st)
                ]
                while stack:
                    path, dev, ctx, parent_index, dir_st = stack.pop()
                    dir_index = len(dirs)
                    dirs.append((path, dev, root_index))
                    parents.append(parent_index)
                    files0, bytes0, alloc0, nerrors = files, nbytes, nalloc, len(errors)
                    listed = io_path(path)
                    if dfd >= 0:
                        os.close(dfd)
                        dfd = -1
                    entries, dfd = self._entries(listed, path, by_handle)
                    if names is not None:  # which names a folder holds (duplicate folders compare it)
                        names.append(hash(frozenset([e.name for e in entries])))
                    other = 1 if len(errors) != nerrors else 0
                    # Entries are reported under the folder's plain path (never its \\?\ form).
                    prefix = folder_prefix(path)
                    subdirs = []
                    if sigs is not None:
                        fsig = [dir_signature(dir_st)]
                        racy = dir_st.st_ctime_ns >= before_ns
                    for entry in entries:
                        try:
                            # d_type answers these without a system call on most file systems.
                            if entry.is_file(follow_symlinks=False):
                                st = entry.stat(follow_symlinks=False)
                            elif entry.is_dir(follow_symlinks=False):
                                subdirs.append(entry)
                                continue
                            else:
                                other += 1
                                if entry.is_symlink():
                                    self.symlinks += 1
                                    links.append((dir_index, entry.name))
                                continue  # symlinks are never followed; fifos, sockets, devices
                        except OSError as exc:
                            other += 1
                            errors.append(WalkError(prefix + entry.name, describe_error(exc)))
                            continue
                        if fsig is not None:
                            fsig.append((entry.name, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
                            if st.st_ctime_ns >= before_ns:
                                racy = True
                        if not S_ISREG(st.st_mode):
                            other += 1
                            continue  # replaced by something else since the listing
                        if st.st_nlink > 1:
                            key = identity(st)
                            if key is not None:
                                if key in seen_links:
                                    other += 1
                                    continue
                                seen_links.add(key)
                        files += 1
                        nbytes += st.st_size
                        if has_blocks:
                            nalloc += st.st_blocks * 512
                        else:
                            nalloc += st.st_size
                        on_file(dir_index, entry.name, prefix + entry.name, st, ctx)
                        if reporter is not None and not files & 1023:
                            reporter.update(
                                ProgressEvent("walk", files, None, nbytes, None, source=self.roots[root_index], detail=path)
                            )
                    for entry in reversed(subdirs):
                        sub = prefix + entry.name
                        if exclude is not None and exclude(sub, entry.name):
                            other += 1
                            continue
                        try:
                            st = entry.stat(follow_symlinks=False)
                            if fsig is not None:
                                fsig.append((entry.name, st.st_dev, st.st_ino))
                            if attrs and skip_dir(st):
                                other += 1
                                if fileid.is_link(st):
                                    self.symlinks += 1  # a junction: never followed
                                continue
                            st = fileid.with_identity(st, sub)  # Windows: one lstat per folder
                            key = identity(st)
                        except OSError as exc:
                            other += 1
                            errors.append(WalkError(sub, describe_error(exc)))
                            continue
                        if key is not None:
                            if key in seen_dirs:
                                other += 1
                                continue  # bind mount or overlapping root: already walked
                            seen_dirs.add(key)
                        # else: no identity to tell it from another folder; links are never
                        # followed, so walking it cannot loop.
                        if self.one_file_system and st.st_dev and st.st_dev != root_dev:
                            other += 1
                            continue
                        stack.append((sub, st.st_dev, on_dir(sub, ctx) if on_dir else ctx, dir_index, st))
                    if sigs is not None:
                        vouched = not racy and len(errors) == nerrors
                        sigs.append(signature_digest(fsig) if vouched else None)  # type: ignore[arg-type]  # a list whenever sigs is
                        hsigs.append(signature_hash(fsig) if vouched else None)  # type: ignore[arg-type]
                    dir_files.append(files - files0)
                    dir_bytes.append(nbytes - bytes0)
                    dir_alloc.append(nalloc - alloc0)
                    dir_other.append(other)
        finally:
            if dfd >= 0:
                os.close(dfd)
            self.files, self.bytes, self.allocated = files, nbytes, nalloc
            for lst in (dir_files, dir_bytes, dir_alloc):
                lst.extend([0] * (len(dirs) - len(lst)))
            dir_other.extend([1] * (len(dirs) - len(dir_other)))  # cut short (cancelled): unknown content
            if names is not None:
                names.extend([0] * (len(dirs) - len(names)))
            if sigs is not None:
                sigs.extend([None] * (len(dirs) - len(sigs)))
                hsigs.extend([None] * (len(dirs) - len(hsigs)))
        if reporter is not None:
            reporter.update(ProgressEvent("walk", files, files, nbytes, nbytes), force=True)


    def _entries(self, listed: str, path: str, by_handle: bool) -> tuple[list[Any], int]:
        """All entries of a folder at once (fast path), and the folder's open handle (-1 for
        none) that the caller closes once done with them; entry by entry when the listing
        fails half-way, to keep what could be read and record the error (under ``path``).

        With ``by_handle`` (where the OS allows), the folder is opened first (never through a symbolic link: one
        swapped in since its parent was listed is an error, not a way out of the scanned
        folders) and listed through that handle, so each entry's stat looks up its own name
        only, not every folder of its path (a fifth less time for the walk)."""
        fd = -1
        if by_handle and listed is path:
            try:
                fd = os.open(path, O_DIR_NOFOLLOW)
            except OSError as exc:
                self.errors.append(WalkError(path, describe_error(exc)))
                return [], -1
        try:
            with os.scandir(listed if fd < 0 else fd) as it:
                return list(it), fd
        except OSError as exc:
            if fd >= 0:
                os.close(fd)
                fd = -1
            if isinstance(exc, (PermissionError, FileNotFoundError, NotADirectoryError)) or exc.errno == errno.ENAMETOOLONG:
                self.errors.append(WalkError(path, describe_error(exc)))
                return [], -1
        entries = []
        try:
            with os.scandir(listed) as it:
                for entry in it:
                    entries.append(entry)
        except OSError as exc:
            self.errors.append(WalkError(path, describe_error(exc)))
        return entries, -1


def signature_digest(sig: list[Any]) -> int:
    """A folder's signature as a 64-bit number, the same in every process: xxh3 of its
    marshal form, version 2 (names, ints and tuples only: no references between objects, so
    equal values give equal bytes). Python's own hash() of strings changes from one process
    to the next, and the index is kept on disk. Another Python's marshal could write other
    bytes: then nothing matches and the rescan is a full scan, never a wrong answer."""
    return xxhash.xxh3_64_intdigest(marshal.dumps(sig, 2))


def signature_hash(sig: list[Any]) -> int:
    """The same signature as Python's hash(): several times cheaper than signature_digest,
    but valid only in the process that made it (str hashes are seeded per process)."""
    return hash(tuple(sig))


def folder_prefix(path: str) -> str:
    """``path`` ready to take an entry's name: with one separator at its end."""
    return path if path.endswith(os.sep) or (os.altsep is not None and path.endswith(os.altsep)) else path + os.sep


def dir_signature(st: os.stat_result) -> tuple[Any, ...]:
    """What changes in a folder's own status when an entry is added, removed or renamed in it,
    or when another folder is mounted over it (identity, mtime and ctime)."""
    return (st.st_dev, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


def normalize_roots(roots: list[str]) -> tuple[list[str], list[WalkError]]:
    """Roots as real paths (a symlinked folder is walked as its target, so every path in the
    result and every protected-folder test is on the real path), without repeats and without
    roots nested inside another root."""
    errors: list[WalkError] = []
    resolved: list[tuple[str, str]] = []
    for root in roots:
        ab = os.path.abspath(os.path.expanduser(root))
        if not os.path.isdir(fileid.io_path(ab)):
            error = WalkError(ab, Reason("scan.no-folder" if not os.path.lexists(fileid.io_path(ab)) else "scan.not-folder"))
            if error not in errors:
                errors.append(error)
            continue
        real = os.path.realpath(ab)
        resolved.append((ab, real))
    kept: list[str] = []
    reals: list[str] = []
    # Shorter real paths first so a parent is kept before its children.
    for ab, real in sorted(resolved, key=lambda p: (len(p[1]), p[1])):
        if any(is_inside(real, r) for r in reals):
            continue
        kept.append(real)
        reals.append(real)
    order = {real: i for i, (_ab, real) in enumerate(resolved)}
    kept.sort(key=lambda real: order[real])
    return kept, errors

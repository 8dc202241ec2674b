"""Whole duplicate folders: "Copy of Photos 2019" as one decision instead of 5,000 file groups.

Rule: two folders are reported together only when their whole content is identical: the
same relative paths, each a folder in both or a regular file in both with the same bytes
(same size and XXH3-128 digest), and nothing else in either (no link, no unreadable or
excluded entry). Only top-most folders are reported (no reported folder lies inside another
reported one), never a scan root nor a hidden folder, and the duplicate file groups lying
wholly inside one reported folder group are folded into it.

How, without reading anything twice: the walk gives per folder the set of names it holds, its
file count and bytes and whether it holds anything else; the duplicate pipeline gives the
digest of every file that has a twin. A folder holding a file of at least ``min_size`` bytes
that has no twin cannot have a duplicate, nor can its ancestors. The rest get a signature
(names, counts, bytes, digests of their duplicate files, their sub-folders' signatures), and
folders sharing a signature are confirmed by listing them again (``manifest``): files below
``min_size`` are read and hashed there, the others take their digest from the groups.
"""

from __future__ import annotations

import os
import stat as stat_mod
from typing import Any, Callable, Optional

import xxhash

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk.duplicates import R_DIR, R_MTIME, R_NAME
from cleanup_desktop.core.disk.walk import Walker

# A folder of one file is the same decision as that file's group: it stays a file group.
MIN_FILES = 2
Known = Callable[[str, os.stat_result], Optional[bytes]]


def hash_file(path: str) -> bytes:
    h = xxhash.xxh3_128()
    with open(fileid.io_path(path), "rb", buffering=0) as fh:
        while True:
            block = fh.read(1 << 20)
            if not block:
                return h.digest()
            h.update(block)


def manifest(folder: str, known: Known = lambda _p, _st: None) -> Optional[list[tuple[Any, ...]]]:
    """Every entry below ``folder``: ("d", rel) or ("f", rel, size, digest hex), sorted; None
    when it holds anything else (a link, a special file) or something cannot be read. Files get
    their digest from ``known`` when it has one, else are read and hashed."""
    out: list[tuple[Any, ...]] = []
    stack = [("", folder)]
    try:
        while stack:
            rel, path = stack.pop()
            with os.scandir(fileid.io_path(path)) as it:
                entries = list(it)
            for e in entries:
                sub_rel = rel + "/" + e.name if rel else e.name
                sub = os.path.join(path, e.name)
                st = e.stat(follow_symlinks=False)
                if stat_mod.S_ISDIR(st.st_mode) and not fileid.is_link(st):
                    out.append(("d", sub_rel))
                    stack.append((sub_rel, sub))
                elif stat_mod.S_ISREG(st.st_mode):
                    digest = known(sub, st)
                    if digest is None:
                        digest = hash_file(sub)
                    out.append(("f", sub_rel, st.st_size, digest.hex()))
                else:
                    return None
    except (OSError, UnicodeError):
        return None
    out.sort()
    return out


def manifest_digest(entries: list[tuple[Any, ...]]) -> str:
    h = xxhash.xxh3_128()
    for e in entries:
        h.update(os.fsencode("\t".join(str(x) for x in e)) + b"\n")
    return h.hexdigest()


def find_duplicate_folders(walker: Walker, groups: list[Any], nbig: dict[int, int], roots: list[str], hidden: list[bool],
                           totals: Any, min_size: int) -> tuple[list[dict[str, Any]], set[int]]:
    """Verified duplicate folder groups, largest first, and the ids (``id()``) of the file
    groups folded into them. ``nbig``: per folder, how many of its files have at least
    ``min_size`` bytes (each one that is in no duplicate group has no twin)."""
    dirs, parents = walker.dirs, walker.parents
    n = len(dirs)
    if n == 0 or len(walker.dir_names) != n:
        return [], set()
    alloc, nbytes, files = totals
    dup_names: dict[int, list[Any]] = {}  # folder -> (name, digest) of its files that have a twin
    for g in groups:
        for rec in g.members:
            dup_names.setdefault(rec[R_DIR], []).append((rec[R_NAME], g.digest))
    # A folder holding anything else than files and folders, or a file with no twin, cannot
    # have a duplicate (nor can its ancestors, below).
    qual = [other == 0 and nbig.get(d, 0) == len(dup_names.get(d, ())) for d, other in enumerate(walker.dir_other)]
    children: dict[int, list[int]] = {}
    for d in range(n - 1, -1, -1):
        p = parents[d]
        if p >= 0:
            if not qual[d]:
                qual[p] = False
            else:
                children.setdefault(p, []).append(d)
    sig: dict[int, int] = {}
    by_sig: dict[tuple[Any, ...], list[int]] = {}
    for d in range(n - 1, -1, -1):
        if not qual[d]:
            continue
        kids = tuple(sorted((os.path.basename(dirs[c][0]), sig[c]) for c in children.get(d, ())))
        sig[d] = hash((walker.dir_names[d], walker.dir_files[d], walker.dir_bytes[d],
                       tuple(sorted(dup_names.get(d, ()))), kids))
        if parents[d] >= 0 and not hidden[d] and files[d] >= MIN_FILES:
            by_sig.setdefault((sig[d], files[d], nbytes[d]), []).append(d)
    candidates = [ds for ds in by_sig.values() if len(ds) >= 2]
    if not candidates:
        return [], set()

    known_digest = {os.path.join(dirs[di][0], name): digest for di, pairs in dup_names.items() for name, digest in pairs}
    mtimes = {os.path.join(dirs[rec[R_DIR]][0], rec[R_NAME]): rec[R_MTIME] for g in groups for rec in g.members}

    def known(path: str, st: os.stat_result) -> Optional[bytes]:
        digest: Optional[bytes] = known_digest.get(path)
        if digest is not None and mtimes.get(path) == st.st_mtime_ns:
            return digest
        if st.st_size >= min_size:
            raise OSError("a file with no twin")  # cannot be identical: stop listing this folder
        return None

    verified: list[tuple[str, list[int]]] = []
    for ds in candidates:
        classes: dict[str, list[int]] = {}
        for d in ds:
            entries = manifest(dirs[d][0], known)
            if entries is not None:
                classes.setdefault(manifest_digest(entries), []).append(d)
        verified.extend((digest, members) for digest, members in classes.items() if len(members) >= 2)

    # Top-most only: drop every member lying inside a member of a group still standing, until
    # nothing changes (the sets only shrink, so this ends; at the end no reported folder lies
    # inside another, whatever the order the groups were found in).
    kept_of = [list(members) for _digest, members in verified]
    while True:
        standing = {d for ms in kept_of if len(ms) >= 2 for d in ms}
        new = [[d for d in ms if not _inside_reported(d, parents, standing)] for ms in kept_of]
        if new == kept_of:
            break
        kept_of = new
    out_groups = [(digest, ms) for (digest, _m), ms in zip(verified, kept_of) if len(ms) >= 2]
    reported = {d: i for i, (_digest, ms) in enumerate(out_groups) for d in ms}  # folder -> group number
    owner = [-1] * n  # nearest reported folder group at or above each folder
    for d in range(n):
        owner[d] = reported.get(d, owner[parents[d]] if parents[d] >= 0 else -1)
    folded = set()
    for g in groups:
        owners = {owner[rec[R_DIR]] for rec in g.members}
        if len(owners) == 1 and -1 not in owners:
            folded.add(id(g))
    result = []
    for digest, members in out_groups:
        group = _group_dict(digest, members, walker, roots, alloc, nbytes, files)
        if group is not None:
            result.append(group)
    result.sort(key=lambda g: (-g["wasted"], g["paths"]))
    return result, folded


def _inside_reported(d: int, parents: list[int], reported: set[int]) -> bool:
    p = parents[d]
    while p >= 0:
        if p in reported:
            return True
        p = parents[p]
    return False


def _group_dict(digest: str, members: list[int], walker: Walker, roots: list[str], alloc: Any, nbytes: Any,
                files: Any) -> Optional[dict[str, Any]]:
    folders = []
    for d in members:
        path, _dev, ri = walker.dirs[d]
        try:
            st = fileid.lstat(path)
        except OSError:
            continue
        folders.append({"path": path, "files": files[d], "size": nbytes[d], "allocated": alloc[d],
                        "mtime_ns": st.st_mtime_ns, "dev": st.st_dev, "ino": st.st_ino, "root": roots[ri]})
    if len(folders) < 2:
        return None
    from cleanup_desktop.core.disk import keep_rules  # noqa: PLC0415 - only when a group was found

    folders.sort(key=lambda f: f["path"])
    keep = keep_rules.choose_keep(folders, keep_rules.parse_criteria(None))
    one = max(f["allocated"] for f in folders)
    return {"paths": [f["path"] for f in folders], "bytes": one, "files": folders[0]["files"],
            "size": folders[0]["size"], "digest": digest, "keep": keep["path"],
            "wasted": sum(f["allocated"] for f in folders) - one, "folders": folders}

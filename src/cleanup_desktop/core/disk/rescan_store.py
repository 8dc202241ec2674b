"""The rescan index on disk, beside the hash cache, so that the app's first rescan after a
restart re-stats the folders instead of reading them again (core.disk.rescan holds the rule).

The file is never trusted. It is read only when it is a regular file (not a symbolic link),
owned by the current user, readable by nobody else and at most MAX_BYTES; its header must name
this format, this version and the key of the scan asked for (folders, options, rules and the
app's version, as an xxh3-128 digest), and the body must have exactly the length and the
xxh3-128 digest the header states. Then every field is checked against its rule: types and
ranges of every number, each folder a child of its parent folder (names without a separator,
no "." or ".."), the roots exactly the scan's, every path of a finding in a folder of the walk,
every index in range. Anything else (corrupt, truncated, another version, another user, a
link, too big, a path outside the scanned folders, a number out of range) and the file is
ignored with one log line: the scan is then a full one, so a doubtful file costs time, never a
wrong finding. JSON, no pickle: reading it never runs code.

What it cannot tell: a file written by a program running as the same user, with a correct
digest, is as trusted as the hash cache beside it (which says which content a file has). Every
deletion re-checks size, time and, for duplicates, content just before it runs (core.run.guard).
"""

from __future__ import annotations

import json
import logging
import math
import os
import stat as stat_mod
import tempfile
from types import SimpleNamespace
from typing import Any, Optional

import xxhash

from cleanup_desktop import __version__
from cleanup_desktop.core.disk.walk import Walker

log = logging.getLogger(__name__)

FORMAT = "cleanup-desktop/rescan-index"
VERSION = 1
FILE_NAME = "rescan-index.json"
MAX_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 8  # of a finding (the storage map and duplicate folders nest deepest: 3)
U64 = 1 << 64
I64 = 1 << 63
RESULT_LISTS = ("temp_roots", "large", "empty_folders", "empty_files", "duplicate_folders", "online_only", "errors")
PLACE_KEYS = frozenset(("path", "keep", "paths", "root"))
GROUP_KEYS = {"size", "digest", "paths", "allocated", "wasted", "files"}  # a duplicate group (core.disk.scan)
FILE_KEYS = {"path", "mtime", "mtime_ns", "dev", "ino", "allocated", "nlink", "root"}
FILE_INTS = ("mtime_ns", "dev", "ino", "allocated", "nlink")
TEMP_KEYS = {"path", "size", "allocated", "mtime", "mtime_ns", "dev", "ino", "rule", "root"}


class Doubt(ValueError):
    """The file breaks one of its rules: it is ignored."""


def default_path() -> str:
    from cleanup_desktop.core import paths  # noqa: PLC0415 (platformdirs: the app's scans only)

    return os.path.join(paths.cache_dir(), FILE_NAME)


def file_key(key: str) -> str:
    """The index key as stored: the scan's key (folders, options, rules) and the app's version."""
    return xxhash.xxh3_128_hexdigest(repr((FORMAT, VERSION, __version__, key)).encode("utf-8", "surrogatepass"))


# -- writing -------------------------------------------------------------------------------

def save(index: Any, path: str) -> bool:
    """Write the index (atomically: a 0600 temporary file renamed over the old one). Only an
    index that vouches for every folder is worth a file; returns True when written."""
    walker, collector, result = index.walker, index.collector, index.result
    if index.key is None or walker is None or any(s is None for s in walker.dir_sigs):
        try:  # the last file is older than this scan: it could only cost a read and a walk
            os.unlink(path)
        except OSError:
            pass
        return False
    body = {
        "walk_roots": list(result.walk_roots),
        "first_temp_only": collector.first_temp_only,
        "dirs": [list(d) for d in walker.dirs],
        "parents": walker.parents,
        "sigs": walker.dir_sigs,
        "links": [list(link) for link in walker.links],
        "old_pool": [list(item) for item in (collector.old_pool or [])],
        "temp": collector.temp,
        "result": {
            "duplicates": result.duplicates,
            "similar_images": result.similar_images,
            "storage": result.storage,
            "stats": result.stats,
            **{name: getattr(result, name) for name in RESULT_LISTS},
        },
    }
    data = "".join(_chunks(body, 2)).encode("utf-8", "surrogatepass")
    head = {"format": FORMAT, "version": VERSION, "key": file_key(index.key), "length": len(data),
            "digest": xxhash.xxh3_128_hexdigest(data)}
    folder = os.path.dirname(path)
    try:
        os.makedirs(folder, mode=0o700, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".rescan-index-", dir=folder)  # 0600
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(json.dumps(head).encode() + b"\n" + data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as exc:
        log.warning("rescan index not saved (%s): %s", path, exc)
        return False
    return True


def _chunks(value: Any, depth: int) -> Any:
    """The JSON text of ``value`` (as json.dumps with compact separators) in small pieces:
    one C call per item of the big lists, so the app's window thread gets the GIL in between
    (one json.dumps of a 50k-file scan would hold it for a tenth of a second)."""
    dumps = json.dumps
    if depth and type(value) is dict:
        yield "{"
        for i, (k, v) in enumerate(value.items()):
            yield ("," if i else "") + dumps(k) + ":"
            yield from _chunks(v, depth - 1)
        yield "}"
    elif type(value) is list:
        yield "[" + ",".join([dumps(v, separators=(",", ":"), allow_nan=False) for v in value]) + "]"
    else:
        yield dumps(value, separators=(",", ":"), allow_nan=False)


# -- reading -------------------------------------------------------------------------------

def load(index: Any, key: str, path: str, collector: Any, given_roots: list[str]) -> bool:
    """Fill ``index`` from the file at ``path`` when it holds the scan ``key`` and keeps every
    rule; ``collector`` is a fresh collector of this scan (its options, roots and temp rules),
    which receives the file's old-file and temp candidates. False (and the index untouched)
    on any doubt, with a log line."""
    try:
        data = _read(path)
        if data is None:
            return False
        body = _body(data, key)
        if body is None:
            return False
        walker, prev = _restore(body, collector, given_roots)
    except (Doubt, ValueError, TypeError, KeyError, IndexError, RecursionError, MemoryError) as exc:
        log.warning("rescan index ignored, full scan (%s): %s", path, exc)
        return False
    except OSError as exc:
        log.warning("rescan index unreadable, full scan (%s): %s", path, exc)
        return False
    index.key, index.result, index.walker, index.collector = key, prev, walker, collector
    index.loaded += 1
    return True


def _read(path: str) -> Optional[bytes]:
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None  # no index yet: the usual first start
    except OSError as exc:
        raise Doubt(f"cannot open it ({exc.strerror or exc})") from None  # ELOOP: a symbolic link
    try:
        st = os.fstat(fd)
        if not stat_mod.S_ISREG(st.st_mode):
            raise Doubt("not a regular file")
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            raise Doubt("owned by another user")
        if os.name != "nt" and st.st_mode & 0o077:
            raise Doubt("readable or writable by others")
        if st.st_size > MAX_BYTES:
            raise Doubt(f"too big ({st.st_size} bytes)")
        chunks, left = [], st.st_size + 1  # one byte more: a file that grew is seen
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 24))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) != st.st_size:
            raise Doubt("changed while read")
        return data
    finally:
        os.close(fd)


def _reject_constant(name: str) -> Any:
    raise Doubt(f"not a number: {name}")


def _body(data: bytes, key: str) -> Optional[dict[str, Any]]:
    cut = data.find(b"\n", 0, 4096)
    if cut < 0:
        raise Doubt("no header")
    head = json.loads(data[:cut], parse_constant=_reject_constant)
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise Doubt("not a rescan index")
    if head.get("version") != VERSION:
        raise Doubt(f"other version ({head.get('version')!r})")
    if head.get("key") != file_key(key):
        log.info("rescan index on disk is for other folders or options: full scan")
        return None
    payload = data[cut + 1:]
    if head.get("length") != len(payload) or head.get("digest") != xxhash.xxh3_128_hexdigest(payload):
        raise Doubt("truncated or corrupt (length or digest differs)")
    body = json.loads(payload, parse_constant=_reject_constant)
    if not isinstance(body, dict):
        raise Doubt("body is not an object")
    return body


def _int(value: Any, lo: int, hi: int, what: str) -> int:
    if type(value) is not int or not lo <= value < hi:
        raise Doubt(f"{what} out of range")
    return value


def _name(value: Any, what: str) -> str:
    if type(value) is not str or not value or value in (".", "..") or "/" in value or os.sep in value or "\0" in value:
        raise Doubt(f"bad {what} name")
    return value


def _list(value: Any, what: str, length: Optional[int] = None) -> list[Any]:
    if type(value) is not list or (length is not None and len(value) != length):
        raise Doubt(f"{what} is not a list" + ("" if length is None else f" of {length}"))
    return value


def _restore(body: dict[str, Any], collector: Any, given_roots: list[str]) -> tuple[Walker, SimpleNamespace]:
    roots = collector.roots
    if body.get("walk_roots") != roots or body.get("first_temp_only") != collector.first_temp_only:
        raise Doubt("other folders")
    dirs_in = _list(body.get("dirs"), "dirs")
    parents = _list(body.get("parents"), "parents", len(dirs_in))
    sigs = _list(body.get("sigs"), "sigs", len(dirs_in))
    dirs: list[tuple[str, int, int]] = []
    dirname = os.path.dirname
    for i, d in enumerate(dirs_in):
        path, dev, root = _list(d, "dir", 3)
        _int(dev, 0, U64, "device")
        _int(root, 0, len(roots), "root index")
        parent = _int(parents[i], -1, i, "parent")
        _int(sigs[i], 0, U64, "signature")
        if type(path) is not str:
            raise Doubt("folder path is not text")
        if parent < 0:
            if path != roots[root]:
                raise Doubt("a walk starts outside the scanned folders")
        else:
            ppath, _pdev, proot = dirs[parent]
            if proot != root or dirname(path) != ppath:
                raise Doubt("a folder is not inside its parent")
            _name(path[len(ppath):].lstrip(os.sep), "folder")
        dirs.append((path, dev, root))
    walker = Walker(list(roots), on_file=None)
    walker.dirs, walker.parents, walker.dir_sigs = dirs, parents, sigs
    walker.links = [(_int(di, 0, len(dirs), "link folder"), _name(name, "link"))
                    for di, name in (_list(x, "link", 2) for x in _list(body.get("links"), "links"))]
    collector.walker = walker
    collector.old_pool = [_old_item(x, len(dirs)) for x in _list(body.get("old_pool"), "old_pool")]

    places = {d[0] for d in dirs}
    checker = _Checker(places, set(roots), set(given_roots) | set(roots))
    temp = _list(body.get("temp"), "temp")
    for item in temp:
        if type(item) is not dict or set(item) != TEMP_KEYS or type(item["rule"]) is not str or type(item["mtime"]) is not str:
            raise Doubt("bad temp candidate")
        for name in ("size", "allocated", "mtime_ns", "dev", "ino"):
            _int(item[name], 0, U64, "temp " + name)
        checker.check(item, "temp", 0)
    collector.temp = temp

    res = body.get("result")
    if type(res) is not dict:
        raise Doubt("no findings")
    prev = SimpleNamespace(groups=[], dirs=dirs, walk_roots=list(roots))
    for name in RESULT_LISTS:
        prev.__dict__[name] = checker.check(_list(res.get(name), name), name, 0)
    for g in _list(res.get("duplicates"), "duplicates"):
        checker.group(g)
        if type(g) is not dict or len(_list(g.get("paths"), "group")) < 2:
            raise Doubt("bad duplicate group")
        _int(g.get("size"), 1, I64, "group size")
        files = _list(g.get("files"), "group files", len(g["paths"]))
        if [f.get("path") if type(f) is dict else None for f in files] != g["paths"] or len(set(g["paths"])) != len(files):
            raise Doubt("a duplicate group's files and paths differ")
    prev._duplicates = res["duplicates"]
    similar = res.get("similar_images")
    prev.similar_images = None if similar is None else checker.check(_list(similar, "similar_images"), "similar", 0)
    for name in ("storage", "stats"):
        if type(res.get(name)) is not dict:
            raise Doubt(f"bad {name}")
        prev.__dict__[name] = checker.check(res[name], name, 0)
    return walker, prev


def _old_item(x: Any, ndirs: int) -> tuple[Any, ...]:
    size, seq, di, name, mtime_ns, dev, ino, blocks = _list(x, "old candidate", 8)
    return (_int(size, 0, I64, "size"), _int(seq, 0, I64, "sequence"), _int(di, 0, ndirs, "folder"),
            _name(name, "file"), _int(mtime_ns, -I64, I64, "mtime"), _int(dev, 0, U64, "device"),
            _int(ino, 0, U64, "inode"), _int(blocks, 0, I64, "blocks"))


class _Checker:
    """Findings: JSON values only, numbers in 64 bits and finite, bounded depth; every "path",
    "keep" or "paths" names a walked folder or a file in one, every "root" a scanned folder
    (an error may also name a folder the user gave that was not walked)."""

    def __init__(self, places: set[str], roots: set[str], given: set[str]) -> None:
        self.places, self.roots, self.given = places, roots, given
        self.files: set[str] = set()  # file paths already found good (a group names each twice)

    def place(self, value: Any, where: str) -> None:
        if value in self.files:
            return
        if type(value) is not str or "\0" in value:
            raise Doubt(f"bad path in {where}")
        if value in self.places:
            return
        if os.path.dirname(value) in self.places and _name(os.path.basename(value), "file"):
            self.files.add(value)
            return
        if where == "errors" and value in self.given:
            return
        raise Doubt(f"a path in {where} is outside the scanned folders")

    def check(self, value: Any, where: str, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise Doubt(f"{where} nested too deep")
        kind = type(value)
        if kind is dict:
            items: Any = value.items()
        elif kind is list:
            items = ((None, v) for v in value)
        else:
            self.scalar(value, where)
            return value
        for k, v in items:  # scalars inline: most values of a finding are
            t = type(v)
            if k is not None and k in PLACE_KEYS:
                if k == "root":
                    if v not in self.roots:
                        raise Doubt(f"a root in {where} is not a scanned folder")
                elif k == "paths":
                    for p in _list(v, "paths"):
                        self.place(p, where)
                else:
                    self.place(v, where)
            elif t is int:
                if not -I64 <= v < U64:
                    raise Doubt(f"{where} out of range")
            elif t is dict or t is list:
                self.check(v, where, depth + 1)
            elif t is not str:
                self.scalar(v, where)
        return value

    def group(self, g: Any) -> None:
        """A duplicate group as the scan writes it (core.disk.scan), checked field by field
        without the general walk (a group of the usual shape is most of the file); any other
        shape goes through ``check``, which decides."""
        if type(g) is not dict or g.keys() != GROUP_KEYS:
            self.check(g, "duplicates", 1)
            return
        for name in ("allocated", "wasted"):  # "size": _restore checks it for every group
            v = g[name]
            if type(v) is not int or not 0 <= v < U64:
                raise Doubt("duplicates: a size out of range")
        paths, files, roots = g["paths"], g["files"], self.roots
        if type(g["digest"]) is not str or type(paths) is not list or type(files) is not list:
            raise Doubt("bad duplicate group")
        for p in paths:
            self.place(p, "duplicates")
        for f in files:
            if type(f) is not dict or f.keys() != FILE_KEYS:
                self.check(f, "duplicates", 2)
                continue
            self.place(f["path"], "duplicates")
            if f["root"] not in roots:
                raise Doubt("a root in duplicates is not a scanned folder")
            if type(f["mtime"]) is not str:
                raise Doubt("duplicates: bad time")
            for name in FILE_INTS:
                v = f[name]
                if type(v) is not int or not -I64 <= v < U64:
                    raise Doubt("duplicates out of range")

    @staticmethod
    def scalar(value: Any, where: str) -> None:
        kind = type(value)
        if kind is int:
            _int(value, -I64, U64, where)
        elif kind is float:
            if not math.isfinite(value):
                raise Doubt(f"not a finite number in {where}")
        elif value is not None and kind is not str and kind is not bool:
            raise Doubt(f"unexpected value in {where}")

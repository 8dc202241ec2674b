"""What the walk's per-folder facts tell, beyond single files: empty folders (top-most only),
empty files that are not markers, broken symbolic links, and the storage map (which folders
hold the allocated bytes).

Rules this module guarantees (tests state them as properties):
- an empty folder holds no file, no link, nothing unreadable and nothing left out by the walk
  (a ``.git`` folder, an excluded or protected folder counts as content), only empty folders;
- only the top-most empty folder of a chain is listed; never a scan root, never a hidden
  folder or anything below one (applications keep state in them), never a standard user
  folder (Desktop, Documents, Downloads...), never anything under a temp-only root;
- an empty file is listed unless its name marks something (``.gitkeep``, ``__init__.py``,
  lock and pid files, any hidden file) or it lies below a hidden folder;
- a broken link is a symbolic link whose target does not exist, unless the target lies on a
  removable or network volume that is not mounted now (``/media``, ``/run/media``, ``/mnt``,
  ``/Volumes``, a missing Windows drive or share): such a link works again once it is plugged in.
"""

from __future__ import annotations

import errno
import os
import stat as stat_mod
from typing import Any, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.run.accounting import allocated_bytes
from cleanup_desktop.core.disk.walk import Walker

MARKER_NAMES = frozenset({
    "__init__.py", "py.typed", "icon\r", "lock", "lockfile", "placeholder", "empty", "keep",
    "desktop.ini", "marker",
})
MARKER_SUFFIXES = (".lock", ".lck", ".pid", ".keep", ".gitkeep", ".stamp", ".flag", ".marker", ".sentinel", ".ok")
USER_FOLDER_NAMES = (
    "Desktop", "Documents", "Downloads", "Music", "Pictures", "Videos", "Movies", "Public", "Templates",
    "Bureau", "Téléchargements", "Images", "Musique", "Vidéos", "Modèles", "Public", "OneDrive",
    "Dropbox", "Google Drive", "iCloud Drive", "Applications", "Library", "AppData",
)
# Where removable and network volumes are mounted: (base, number of path parts naming a volume).
VOLUME_BASES = (("/run/media", 2), ("/media", 1), ("/mnt", 1), ("/Volumes", 1), ("/net", 1), ("/smb", 1))


def is_marker(name: str) -> bool:
    """An empty file whose very existence means something to a program."""
    low = name.lower()
    return name.startswith(".") or low in MARKER_NAMES or low.endswith(MARKER_SUFFIXES) or low.startswith("lock")


def user_folders() -> set[str]:
    home = os.path.expanduser("~")
    out = {fileid.fold(os.path.join(home, n)) for n in USER_FOLDER_NAMES}
    out.add(fileid.fold(home))
    return out


def hidden_flags(walker: Walker, first_temp_only: int) -> list[bool]:
    """Per folder: hidden (itself or below a hidden folder, roots excepted) or under a temp-only root."""
    dirs, parents = walker.dirs, walker.parents
    out = [False] * len(dirs)
    for d, (path, _dev, root_index) in enumerate(dirs):
        p = parents[d]
        if root_index >= first_temp_only:
            out[d] = True
        elif p >= 0:
            out[d] = out[p] or os.path.basename(path).startswith(".")
    return out


def empty_flags(walker: Walker) -> list[bool]:
    """Per folder: holds nothing but (recursively) empty folders."""
    n = len(walker.dirs)
    parents = walker.parents
    empty = [walker.dir_files[d] == 0 and walker.dir_other[d] == 0 for d in range(n)]
    for d in range(n - 1, -1, -1):  # children come after their parent in walk order
        if not empty[d] and parents[d] >= 0:
            empty[parents[d]] = False
    return empty


def _stat_entry(path: str, root: str, **extra: Any) -> Optional[dict[str, Any]]:
    try:
        st = fileid.lstat(path)
    except OSError:
        return None
    return {"path": path, "size": st.st_size if stat_mod.S_ISREG(st.st_mode) else 0,
            "allocated": allocated_bytes(st) if stat_mod.S_ISREG(st.st_mode) else 0,
            "mtime_ns": st.st_mtime_ns, "dev": st.st_dev, "ino": st.st_ino, "root": root, **extra,
            **({"is_dir": stat_mod.S_ISDIR(st.st_mode) and not fileid.is_link(st)} if "folders" in extra else {})}


def empty_folders(walker: Walker, roots: list[str], first_temp_only: int, hidden: list[bool]) -> list[dict[str, Any]]:
    dirs, parents = walker.dirs, walker.parents
    empty = empty_flags(walker)
    users = user_folders()

    def reportable(d: int) -> bool:
        return parents[d] >= 0 and not hidden[d] and fileid.fold(dirs[d][0]) not in users

    inside = [0] * len(dirs)  # empty folders in each empty folder's subtree, itself included
    for d in range(len(dirs) - 1, -1, -1):
        if empty[d]:
            inside[d] += 1
            if parents[d] >= 0:
                inside[parents[d]] += inside[d]
    out = []
    for d in range(len(dirs)):
        if not empty[d] or not reportable(d):
            continue
        p = parents[d]
        if empty[p] and reportable(p):
            continue  # its parent is listed instead
        entry = _stat_entry(dirs[d][0], roots[dirs[d][2]], folders=inside[d])
        if entry is not None and entry.pop("is_dir"):
            out.append(entry)
    out.sort(key=lambda e: e["path"])
    return out


def empty_files(candidates: list[tuple[Any, ...]], walker: Walker, roots: list[str], hidden: list[bool]) -> list[dict[str, Any]]:
    """candidates: (dir index, name, mtime_ns, dev, ino) of the 0-byte files the walk met."""
    out = []
    for di, name, mtime_ns, dev, ino in candidates:
        if hidden[di] or is_marker(name):
            continue
        dpath, _dev, root_index = walker.dirs[di]
        path = os.path.join(dpath, name)
        if fileid.known(dev, ino) is None:  # Windows: directory entries carry no identity
            entry = _stat_entry(path, roots[root_index])
            if entry is None or entry["size"] != 0:
                continue
        else:
            entry = {"path": path, "size": 0, "allocated": 0, "mtime_ns": mtime_ns, "dev": dev, "ino": ino,
                     "root": roots[root_index]}
        out.append(entry)
    out.sort(key=lambda e: e["path"])
    return out


def on_absent_volume(target: str) -> bool:
    """True when ``target`` lies on a removable or network volume that is not mounted now."""
    if os.name == "nt":
        drive, _rest = os.path.splitdrive(target)
        return bool(drive) and not os.path.exists(drive + os.sep)
    norm = os.path.normpath(target)
    for base, depth in VOLUME_BASES:
        if norm == base or not norm.startswith(base + "/"):
            continue
        parts = norm[len(base) + 1:].split("/")
        if len(parts) <= depth:
            return False  # the mount folder itself
        volume = os.path.join(base, *parts[:depth])
        return not os.path.ismount(volume)
    return False


def link_state(path: str) -> tuple[str, str]:
    """("ok" | "broken" | "absent-volume" | "gone", target) for the symbolic link at ``path``."""
    try:
        os.stat(fileid.io_path(path))  # follows the link
        ok = True
    except OSError as exc:
        # unreadable but not known missing: never called broken
        ok = exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.ELOOP)
    try:
        target = os.readlink(fileid.io_path(path))
    except OSError:
        return "gone", ""
    if ok:
        return "ok", target
    full = os.path.normpath(os.path.join(os.path.dirname(path), target))
    return ("absent-volume" if on_absent_volume(full) else "broken"), target


def broken_links(walker: Walker, roots: list[str], first_temp_only: int) -> list[dict[str, Any]]:
    out = []
    for di, name in walker.links:
        dpath, _dev, root_index = walker.dirs[di]
        if root_index >= first_temp_only:
            continue
        path = os.path.join(dpath, name)
        try:
            os.stat(path)  # the common case: the link works (one system call)
            continue
        except OSError:
            pass
        state, target = link_state(path)
        if state != "broken":
            continue
        entry = _stat_entry(path, roots[root_index], target=target)
        if entry is not None:
            out.append(entry)
    out.sort(key=lambda e: e["path"])
    return out


def subtree_totals(walker: Walker) -> tuple[list[int], list[int], list[int]]:
    """Per folder, for its whole subtree: allocated bytes, bytes, regular files."""
    parents = walker.parents
    alloc, nbytes, files = list(walker.dir_alloc), list(walker.dir_bytes), list(walker.dir_files)
    for d in range(len(parents) - 1, -1, -1):
        p = parents[d]
        if p >= 0:
            alloc[p] += alloc[d]
            nbytes[p] += nbytes[d]
            files[p] += files[d]
    return alloc, nbytes, files


MAP_MAX_FOLDERS = 4000
MAP_MIN_SHARE = 1 / 2000


def storage_map(walker: Walker, first_temp_only: int, totals: Any) -> dict[str, Any]:
    """The folders that hold the space, as a tree: every root, and every folder holding at
    least 1/2000 of its root's allocated bytes (at most MAP_MAX_FOLDERS, largest kept)."""
    alloc, _nbytes, files = totals
    dirs, parents = walker.dirs, walker.parents
    root_total: dict[int, int] = {}
    for d, (_p, _dev, ri) in enumerate(dirs):
        if parents[d] < 0:
            root_total[ri] = alloc[d]
    keep = [d for d in range(len(dirs)) if dirs[d][2] < first_temp_only
            and (parents[d] < 0 or alloc[d] >= max(1, root_total.get(dirs[d][2], 0) * MAP_MIN_SHARE))]
    if len(keep) > MAP_MAX_FOLDERS:
        cut = sorted((alloc[d] for d in keep), reverse=True)[MAP_MAX_FOLDERS - 1]
        keep = [d for d in keep if parents[d] < 0 or alloc[d] > cut]
    index = {d: i for i, d in enumerate(keep)}  # a kept folder's parent is kept (it holds more)
    folders = [{"path": dirs[d][0], "parent": index.get(parents[d], -1), "allocated": alloc[d],
                "own": walker.dir_alloc[d], "files": files[d]} for d in keep]
    return {"folders": folders}

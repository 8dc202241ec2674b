"""One trash backend per kind of place, each able to move an item (recording exactly where it
landed), put it back, empty exactly our items and say how many bytes that really freed.

=============  ===========================================  ==============================
backend        where                                        module
=============  ===========================================  ==============================
freedesktop    Linux/BSD drives with a usable trash         core.disk.trash.freedesktop (by folder handles)
recyclebin     Windows local drives with a Recycle Bin      recyclebin (+ winshell)
macos          macOS volumes                                mactrash (+ macfm, pyobjc)
quarantine     network shares, drives without a usable      quarantine
               trash, a Recycle Bin turned off or too small
=============  ===========================================  ==============================

Online-only cloud files never reach a trash: deleting one deletes it from the cloud (the
provider's own recycle bin is the way back), see core.disk.cloud and core.disk.actions.

``choose(path, root, size)`` gives the backend and, when it is not the OS trash, the reason
("this drive has no trash: items go to a quarantine folder"), decided before anything moves;
``preflight(actions)`` collects those reasons for the review and the clean confirmation.
Every OS call sits in one thin module per OS imported on first use, so every module here
imports on Linux without pyobjc or Windows APIs; tests install fakes with ``use``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk.syncfolders import NETWORK_FSTYPES
from cleanup_desktop.core.messages import Reason

NO_TRASH = Reason("trash.no-trash-quarantine")
ONLINE_ONLY = Reason("trash.online-only-notice")

_backends: dict[str, object] = {}
_chooser: Optional[Callable[[str, str, int], tuple[str, str]]] = None


def backend(name: str) -> Any:
    """The backend called ``name`` (created on first use; a fake when a test installed one)."""
    found = _backends.get(name)
    if found is None:
        classes = _backend_classes()
        if name not in classes:
            raise KeyError(f"no trash backend {name!r}")
        found = _backends[name] = classes[name]()
    return found


def use(backends: Optional[dict[str, Any]] = None, chooser: Optional[Callable[..., Any]] = None) -> tuple[dict[str, Any], Optional[Callable[..., Any]]]:
    """Install backends and/or a chooser (tests: fakes of the OS); returns what was there."""
    global _backends, _chooser
    previous = (_backends, _chooser)
    _backends = backends if backends is not None else {}
    _chooser = chooser
    return previous


def restore_use(previous: tuple[dict[str, Any], Optional[Callable[..., Any]]]) -> None:
    global _backends, _chooser
    _backends, _chooser = previous


def _network_fs(path: str) -> bool:
    if path.startswith(("\\\\", "//")):
        return True
    try:
        import psutil

        parts = psutil.disk_partitions(all=True)
    except Exception:
        parts = []
    best = ("", "")
    for p in parts:
        mp = p.mountpoint
        if (path == mp or path.startswith(mp.rstrip(os.sep) + os.sep)) and len(mp) > len(best[0]):
            best = (mp, p.fstype.lower())
    if best[1] in NETWORK_FSTYPES:
        return True
    return any(m not in ("/", "") and (path == m or path.startswith(m.rstrip(os.sep) + os.sep))
               for m in network_mounts_extra())


def network_mounts_extra() -> list[str]:
    """Mount points to treat as network shares beyond the file-system type (tests, settings)."""
    extra = os.environ.get("CLEANUP_DESKTOP_NETWORK_MOUNTS", "")
    return [p for p in extra.split(os.pathsep) if p]


def _freedesktop_usable(path: str) -> bool:
    """Whether the freedesktop trash can take a file of ``path``'s drive without a copy: the
    home trash on the same drive, or a topdir trash this account has or may create."""
    from cleanup_desktop.core.disk.trash import freedesktop as fdtrash

    try:
        dev = os.lstat(os.path.dirname(path) or path).st_dev
    except OSError:
        return True  # the executor reports the real error
    home = fdtrash.home_trash()
    probe = home
    while probe and not os.path.exists(probe):
        probe = os.path.dirname(probe)
    try:
        if os.stat(probe).st_dev == dev:
            return True
    except OSError:
        pass
    top = fdtrash.mount_point(os.fsencode(os.path.dirname(path)))
    uid = str(os.getuid()).encode()
    for cand in (os.path.join(top, b".Trash", uid), os.path.join(top, b".Trash-" + uid)):
        try:
            st = os.lstat(cand)
            if st.st_uid == os.getuid() and not os.path.islink(cand):
                return True
        except OSError:
            pass
    shared = os.path.join(top, b".Trash")
    try:
        sst = os.lstat(shared)
        if sst.st_mode & 0o1000 and not os.path.islink(shared) and os.access(shared, os.W_OK | os.X_OK):
            return True
    except OSError:
        pass
    return os.access(top, os.W_OK | os.X_OK)


def choose(path: str, root: str, size: int = 0, cache: Optional[dict[int | str, tuple[str, str]]] = None) -> tuple[str, str]:
    """(backend name, reason shown to the user when it is not the OS trash) for ``path``.
    ``cache`` (one dict per run or per review) keeps the answer per drive."""
    if _chooser is not None:
        return _chooser(path, root, size)
    system = fileid.running_os()
    if system == "windows":
        why = backend("recyclebin").unusable(path, size)  # network drives included (drive type)
        return ("quarantine", Reason("trash.quarantine-because", why=why)) if why else ("recyclebin", "")
    cache = {} if cache is None else cache
    key: int | str
    try:
        key = os.lstat(os.path.dirname(path) or path).st_dev
    except OSError:
        key = path
    if key not in cache:
        if _network_fs(path):
            cache[key] = ("quarantine", NO_TRASH)
        elif system == "macos":
            cache[key] = ("macos", "")
        elif not _freedesktop_usable(path):
            cache[key] = ("quarantine", NO_TRASH)
        else:
            cache[key] = ("freedesktop", "")
    return cache[key]


@dataclass
class Notice:
    """One thing the review and the clean confirmation must say before anything moves."""

    kind: str  # "quarantine" | "online-only"
    root: str
    message: str
    count: int = 0
    bytes: int = 0


def preflight(actions: Iterable[dict[str, Any]]) -> list[Notice]:
    """What the confirmation must say for these disk actions: drives without a trash (their
    items go to a quarantine folder) and online-only files (deleted from the cloud)."""
    notices: dict[tuple[str, str], Notice] = {}
    cache: dict[int | str, tuple[str, str]] = {}
    for a in actions:
        if a.get("op") not in ("trash",) or not isinstance(a.get("path"), str):
            continue
        root = a.get("root") or os.path.dirname(a["path"])
        size = int(a.get("size") or 0)
        msg: str
        if a.get("online_only"):
            key, msg = ("online-only", root), ONLINE_ONLY
        else:
            name, why = choose(a["path"], root, size, cache)
            if name != "quarantine":
                continue
            key, msg = ("quarantine", root), why
        n = notices.setdefault(key, Notice(key[0], root, msg))
        n.count += 1
        n.bytes += size
    return list(notices.values())



def _backend_classes() -> dict[str, Any]:
    """The backend classes, imported on first use (they import this package's helpers)."""
    from cleanup_desktop.core.disk.trash.mactrash import MacTrash
    from cleanup_desktop.core.disk.trash.quarantine import Quarantine
    from cleanup_desktop.core.disk.trash.recyclebin import RecycleBin

    return {"recyclebin": RecycleBin, "macos": MacTrash, "quarantine": Quarantine}

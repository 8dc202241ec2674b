"""The OS trash: find our entries again, restore them, empty them; send2trash where the OS
trash needs its own API (Windows, macOS).

On freedesktop systems the move itself is core.fdtrash (relative to folder handles); every
trashed item is a ``files/NAME`` entry with an ``info/NAME.trashinfo`` beside it (Path=
original path, DeletionDate=), recorded in the journal with its inode and the identity of the
folders it came from. Undo and empty-trash touch exactly the items this app trashed, never the
user's other trash; undo restores through folder handles, only into the same folders. Items
recorded by the other backends of core.disk.trash (Windows Recycle Bin, macOS Trash, the
quarantine folder of drives without a trash: ``backend`` in their ``done`` record) are restored
and emptied by that backend, with the same rules.
"""

from __future__ import annotations

import errno
import os
import stat
import shutil
import subprocess
import sys
from dataclasses import dataclass
from typing import Optional
from urllib.parse import unquote_to_bytes

import send2trash
from send2trash.exceptions import TrashPermissionError

from cleanup_desktop.core import fdtrash
from cleanup_desktop.core.accounting import allocated_bytes

FREEDESKTOP = sys.platform.startswith("linux") or (os.name == "posix" and sys.platform != "darwin")


class TrashError(Exception):
    """The trash could not be used; the message says why, for the user."""


@dataclass
class TrashEntry:
    trash_path: str  # files/NAME (surrogate-escaped str)
    info_path: Optional[str]
    dev: int
    ino: int


def undo_supported() -> bool:
    """Undo and empty work on every OS (core.disk.trash: freedesktop, Recycle Bin, macOS
    Trash, quarantine); only items trashed by older versions without a record cannot."""
    return True


home_trash = fdtrash.home_trash


def _sync_send2trash_env() -> None:
    """send2trash's freedesktop module reads XDG_DATA_HOME at import time: follow the current env."""
    mod = sys.modules.get("send2trash.plat_other")
    if mod is None or send2trash.send2trash is not getattr(mod, "send2trash", None):
        return
    data_home = os.path.dirname(home_trash())
    mod.XDG_DATA_HOME = data_home
    mod.HOMETRASH_B = os.path.join(data_home, b"Trash")
    mod.HOMETRASH = os.fsdecode(mod.HOMETRASH_B)


def candidate_trash_dirs(path: bytes):
    """Trash directories where a file at ``path`` may have been put (home trash first; the
    volume's own trash folders are only worked out when asked for)."""
    yield home_trash()
    uid = str(os.getuid()).encode()
    top = fdtrash.mount_point(os.path.dirname(path))
    yield os.path.join(top, b".Trash", uid)
    yield os.path.join(top, b".Trash-" + uid)


def _trash_top(trash_dir: bytes) -> bytes:
    """The directory a relative Path= in this trash's .trashinfo files is relative to."""
    if os.path.normpath(trash_dir) == os.path.normpath(home_trash()):
        return os.path.dirname(trash_dir)
    parent = os.path.dirname(trash_dir)
    return os.path.dirname(parent) if os.path.basename(parent) == b".Trash" else parent


def read_trashinfo(info_path: bytes) -> Optional[bytes]:
    """The original path (bytes) recorded in a .trashinfo file, or None if unreadable."""
    try:
        with open(info_path, "rb") as fh:
            text = fh.read()
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith(b"Path="):
            orig = unquote_to_bytes(line[5:].strip())
            if not os.path.isabs(orig):
                orig = os.path.join(_trash_top(os.path.dirname(os.path.dirname(info_path))), orig)
            return os.path.normpath(orig)
    return None


_entry_names = fdtrash.entry_names


def _locate(path_b: bytes, ino: int) -> Optional[TrashEntry]:
    """Find the entry send2trash just made for ``path_b`` (same inode when it was a rename)."""
    want = os.path.normpath(path_b)
    fallback: Optional[TrashEntry] = None
    for tdir in candidate_trash_dirs(path_b):
        files_dir, info_dir = os.path.join(tdir, b"files"), os.path.join(tdir, b"info")
        if not os.path.isdir(info_dir):
            continue
        for name in _entry_names(os.path.basename(path_b)):
            fpath = os.path.join(files_dir, name)
            ipath = os.path.join(info_dir, name + b".trashinfo")
            try:
                st = os.lstat(fpath)
            except FileNotFoundError:
                if not os.path.lexists(ipath):
                    break
                continue
            if read_trashinfo(ipath) != want:
                continue
            entry = TrashEntry(os.fsdecode(fpath), os.fsdecode(ipath), st.st_dev, st.st_ino)
            if st.st_ino == ino:
                return entry
            if tdir == home_trash():
                fallback = entry  # copied into the home trash from another drive: the newest is ours
    return fallback


def trash_dirs_of(root: Optional[str]) -> list[bytes]:
    """The home trash (root None) or the existing trash folders of the drive holding ``root``."""
    if root is None:
        return [home_trash()]
    try:
        root_b = os.fsencode(root)
        return [t for t in list(candidate_trash_dirs(os.path.join(root_b, b"x")))[1:] if os.path.isdir(t)]
    except OSError:
        return []


def remove_stale_infos(trash_dir: bytes) -> list[bytes]:
    return fdtrash.remove_stale_infos(os.path.join(trash_dir, b"info"), os.path.join(trash_dir, b"files"))


def _remove_orphan_info(path_b: bytes) -> None:
    """send2trash writes the .trashinfo before moving; drop it if the move then failed."""
    for tdir in candidate_trash_dirs(path_b):
        info_dir = os.path.join(tdir, b"info")
        for name in _entry_names(os.path.basename(path_b)):
            ipath = os.path.join(info_dir, name + b".trashinfo")
            if not os.path.lexists(ipath):
                break
            if not os.path.lexists(os.path.join(tdir, b"files", name)) and read_trashinfo(ipath) == os.path.normpath(path_b):
                try:
                    os.unlink(ipath)
                except OSError:
                    pass


def describe_os_error(exc: BaseException) -> str:
    if isinstance(exc, TrashPermissionError):
        return "this drive has no trash folder this account may use"
    if isinstance(exc, OSError):
        if getattr(exc, "winerror", None) in (32, 33):
            return "the file is open in another program (locked); close it and run the plan again"
        if exc.errno == errno.EROFS:
            return "the drive is read-only"
        if exc.errno in (errno.EACCES, errno.EPERM):
            return "permission denied"
        if exc.errno == errno.ENOSPC:
            return "no space left for the trash"
        return exc.strerror or str(exc)
    return str(exc)


def _read_only(path: bytes) -> bool:
    try:
        return bool(os.statvfs(os.path.dirname(path)).f_flag & getattr(os, "ST_RDONLY", 1))
    except (OSError, AttributeError):
        return False


def move_to_trash(path: str, ino: int) -> Optional[TrashEntry]:
    """Move one file to the OS trash. Returns our entry (None where the OS does not tell).

    Raises TrashError with a clear reason when the trash cannot take it; the file stays."""
    path_b = os.fsencode(path)
    _sync_send2trash_env()
    try:
        send2trash.send2trash(path_b)
    except (OSError, TrashPermissionError) as exc:
        if FREEDESKTOP:
            _remove_orphan_info(path_b)
        why = "the drive is read-only" if _read_only(path_b) else describe_os_error(exc)
        raise TrashError(f"could not move to the trash: {why}; the file was left in place") from exc
    if not FREEDESKTOP:
        return None
    entry = _locate(path_b, ino)
    if entry is None:
        raise TrashError("the file was moved to the trash but its trash entry could not be found")
    return entry


def _check_ours(trash_path: str, original: str, ino: Optional[int], size: Optional[int] = None,
                mtime_ns: Optional[int] = None) -> tuple[bytes, bytes, os.stat_result]:
    fpath = os.fsencode(trash_path)
    ipath = os.path.join(os.path.dirname(os.path.dirname(fpath)), b"info", os.path.basename(fpath) + b".trashinfo")
    try:
        st = os.lstat(fpath)
    except FileNotFoundError:
        raise TrashError("no longer in the trash") from None
    # Inode numbers are reused at once on many file systems: the size and mtime (kept by
    # the move into the trash) must match too.
    if (
        (ino is not None and st.st_ino != ino)
        or (size is not None and stat.S_ISREG(st.st_mode) and st.st_size != size)
        or (mtime_ns is not None and stat.S_ISREG(st.st_mode) and st.st_mtime_ns != mtime_ns)
    ):
        raise TrashError("the trash entry of that name is another item now")
    if read_trashinfo(ipath) != os.path.normpath(os.fsencode(original)):
        raise TrashError("the trash entry's record does not name the original path any more")
    return fpath, ipath, st


class RestoreRefused(Exception):
    """The original folder is not the folder the item came from any more: nothing is put back
    by path (the item stays in the trash); the message says which folder and why."""


DIR_FLAGS = fdtrash.DIR_FLAGS
NOFOLLOW = fdtrash.NOFOLLOW


def _open_original_parent(original: bytes, dirs: Optional[list], remap: dict) -> int:
    """A handle on the item's original folder, reached without following links.

    With ``dirs`` (device, inode of the scan root and of each folder below it, recorded at
    trash time) every existing folder must still be that folder (or the one this undo recreated
    for it, ``remap``); a missing one is recreated from the nearest one that still is. Without
    it (older journals) the walk starts at / and only refuses links."""
    parent = os.path.dirname(original)
    comps = [c for c in parent.split(b"/") if c]
    ids = [tuple(d) for d in dirs] if dirs else None
    if ids:
        n_below = len(ids) - 1
        if n_below > len(comps):
            raise RestoreRefused("its recorded folders do not match its path")
        top = b"/" + b"/".join(comps[:len(comps) - n_below])
        below = comps[len(comps) - n_below:]
        fd = os.open(top, DIR_FLAGS)
        st = os.fstat(fd)
        if remap.get(ids[0], ids[0]) != (st.st_dev, st.st_ino):
            os.close(fd)
            raise RestoreRefused(f"the folder {os.fsdecode(top)} is not the folder it came from any more")
    else:
        top, below, fd = b"/", comps, os.open(b"/", DIR_FLAGS)
    walked = top
    creating = False
    try:
        for i, comp in enumerate(below):
            walked = os.path.join(walked, comp)
            if not creating:
                try:
                    nfd = os.open(comp, DIR_FLAGS | NOFOLLOW, dir_fd=fd)
                except FileNotFoundError:
                    creating = True
                except OSError as exc:
                    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
                        raise RestoreRefused(f"{os.fsdecode(walked)} was replaced by a link or a file") from None
                    raise
            if creating:
                try:
                    os.mkdir(comp, 0o777, dir_fd=fd)
                    nfd = os.open(comp, DIR_FLAGS | NOFOLLOW, dir_fd=fd)
                except OSError:  # something appeared or changed there meanwhile: never guess
                    raise RestoreRefused(f"the folder {os.fsdecode(walked)} changed while it was being restored") from None
            os.close(fd)
            fd = nfd
            st = os.fstat(fd)
            if ids:
                want = ids[i + 1]
                if creating:
                    remap[want] = (st.st_dev, st.st_ino)
                elif remap.get(want, want) != (st.st_dev, st.st_ino):
                    raise RestoreRefused(f"the folder {os.fsdecode(walked)} is not the folder it came from any more")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _free_names(name: bytes, word: str = "restored"):
    """``name``, then "name (restored).ext", "name (restored 2).ext"...; the word comes in the
    user's language from the caller (the GUI passes its translation)."""
    stem, ext = os.path.splitext(name)
    tag = os.fsencode(word.strip() or "restored")
    yield name
    n = 1
    while True:
        yield stem + (b" (" + tag + b")" if n == 1 else b" (" + tag + b" %d)" % n) + ext
        n += 1


class Handles:
    """Folder handles kept for one undo: a folder verified once is used through its handle for
    the run's other items (it stays the folder that was checked, whatever its path becomes)."""

    def __init__(self) -> None:
        self.fds: dict = {}

    def get(self, key, opener) -> int:
        fd = self.fds.get(key)
        if fd is None:
            fd = self.fds[key] = opener()
        return fd

    def close(self) -> None:
        for fd in self.fds.values():
            os.close(fd)
        self.fds.clear()


def _open_trash_files(path: bytes) -> int:
    fd = os.open(path, DIR_FLAGS)
    if os.fstat(fd).st_uid != os.getuid():
        os.close(fd)
        raise RestoreRefused("the trash folder belongs to another user")
    return fd


def put_back_at(ffd: int, entry: bytes, st: os.stat_result, orig_b: bytes, dirs: Optional[list] = None,
                remap: Optional[dict] = None, word: str = "restored", handles: Optional[Handles] = None) -> bytes:
    """Move ``entry`` of the folder handle ``ffd`` (checked as ``st``) back into the folder of
    ``orig_b``, reached through _open_original_parent, under its name or beside it (never over
    another file). Every trash backend that can use folder handles puts items back this way.
    With ``handles`` (one undo) a folder verified once is reused for the run's other items."""
    remap = remap if remap is not None else {}
    own = handles is None
    handles = Handles() if own else handles
    key = ("parent", os.path.dirname(orig_b), tuple(tuple(d) for d in dirs or ()))
    pfd = handles.get(key, lambda: _open_original_parent(orig_b, dirs, remap))
    try:
        if os.fstat(pfd).st_dev != st.st_dev:
            raise RestoreRefused("its original folder is now on another drive: restore it from the trash")
        for cand in _free_names(os.path.basename(orig_b), word):
            try:
                os.link(entry, cand, src_dir_fd=ffd, dst_dir_fd=pfd, follow_symlinks=False)
                os.unlink(entry, dir_fd=ffd)
                break
            except FileExistsError:
                continue
            except OSError as exc:
                if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV, errno.EACCES):
                    raise
                try:  # no hard links here (folders, some file systems): rename to a free name
                    os.stat(cand, dir_fd=pfd, follow_symlinks=False)
                    continue
                except FileNotFoundError:
                    os.rename(entry, cand, src_dir_fd=ffd, dst_dir_fd=pfd)
                    break
        return os.path.join(os.path.dirname(orig_b), cand)
    finally:
        if own:
            handles.close()


def restore(trash_path: str, original: str, ino: Optional[int] = None, size: Optional[int] = None,
            mtime_ns: Optional[int] = None, dirs: Optional[list] = None, remap: Optional[dict] = None,
            word: str = "restored", handles: Optional[Handles] = None) -> str:
    """Put a trashed item back in its original folder (or beside its name, never over another
    file), relative to folder handles: only into the folder it came from (see
    _open_original_parent); raises RestoreRefused when that folder was replaced."""
    fpath, ipath, st = _check_ours(trash_path, original, ino, size, mtime_ns)
    orig_b = os.path.normpath(os.fsencode(original))
    if any(c in (b"..", b".") for c in orig_b.split(b"/")):
        raise RestoreRefused("its recorded path is not a plain path")
    own = handles is None
    handles = Handles() if own else handles
    remap = remap if remap is not None else {}
    try:
        ffd = handles.get(("files", os.path.dirname(fpath)), lambda: _open_trash_files(os.path.dirname(fpath)))
        entry = os.path.basename(fpath)
        now = os.stat(entry, dir_fd=ffd, follow_symlinks=False)
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise TrashError("the trash entry of that name is another item now")
        dest = put_back_at(ffd, entry, st, orig_b, dirs, remap, word, handles)
    finally:
        if own:
            handles.close()
    try:
        os.unlink(ipath)
    except FileNotFoundError:
        pass
    return os.fsdecode(dest)


def empty_item(trash_path: str, original: str, ino: Optional[int] = None, size: Optional[int] = None,
               mtime_ns: Optional[int] = None) -> int:
    """Remove one of our trashed items for good. Returns the bytes really freed."""
    fpath, ipath, st = _check_ours(trash_path, original, ino, size, mtime_ns)
    freed = allocated_bytes(st) if st.st_nlink <= 1 else 0
    if os.path.isdir(fpath) and not os.path.islink(fpath):
        shutil.rmtree(fpath)
    else:
        os.unlink(fpath)
    try:
        os.unlink(ipath)
    except FileNotFoundError:
        pass
    return freed


def open_trash() -> bool:
    """Open the OS trash in the file manager. Returns False when no way was found."""
    if sys.platform == "darwin":
        cmd = ["open", os.path.expanduser("~/.Trash")]
    elif sys.platform == "win32":
        cmd = ["explorer.exe", "shell:RecycleBinFolder"]
    else:
        cmd = ["xdg-open", "trash:///"]
    try:
        subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return True
    except OSError:
        return False


# ---- undo and empty-trash of one run, driven by the journal ---------------------------------

@dataclass
class TrashOutcome:
    action: dict
    status: str  # "restored" | "emptied" | "missing" | "unsupported" | "refused" | "failed"
    message: str = ""
    path: Optional[str] = None  # where it was restored
    freed: int = 0


def items_in_trash(run_id: str, journal) -> list[tuple[dict, dict]]:
    """(action, done result) of the run's items that this app moved to the trash and that are
    still recorded as there (not restored, emptied or found missing)."""
    recs = journal.run_records(run_id)
    if not recs:
        raise KeyError(f"no run {run_id} in the journal")
    intents: dict[str, dict] = {}
    items: dict[str, tuple[dict, dict]] = {}
    dry = any(r.get("event") == "run-start" and r.get("dry_run") for r in recs)
    for r in recs:
        ev, aid = r.get("event"), r.get("action_id")
        if ev == "intent":
            intents[r["action"]["id"]] = r["action"]
        elif ev == "done" and not dry and str((r.get("result") or {}).get("op", "")).endswith("trash"):
            items[aid] = (intents.get(aid, {"id": aid}), r["result"])
        elif ev in ("restored", "emptied", "trash-missing"):
            items.pop(aid, None)
    return list(items.values())


def _mail_items(run_id: str, journal, mode: str, actions: list[dict]) -> list[TrashOutcome]:
    """Mail the run moved to a mailbox's Trash: restored or emptied on the server by the
    mail backends (which journal each message themselves)."""
    from cleanup_desktop.core.mail import wiring

    fn = wiring.restore_mail_run if mode == "restore" else wiring.empty_mail_run
    report = fn(run_id, journal)
    out = []
    for action in actions:
        r = report.get(action["id"])
        if r is None:
            out.append(TrashOutcome(action, "unsupported", "restore or empty this message from the mailbox's Trash folder"))
            continue
        out.append(TrashOutcome(action, r.get("status", "failed"), r.get("message", ""),
                                path=r.get("folder") or r.get("path"), freed=int(r.get("freed") or 0)))
    return out


def trashed_times(run_id: str, journal) -> dict[str, str]:
    """When each item of the run went to the trash (action id -> ISO time of its "done")."""
    return {r["action_id"]: r.get("time") or "" for r in journal.run_records(run_id)
            if r.get("event") == "done" and r.get("action_id")}


def _older_than(run_id: str, journal, days: Optional[float]):
    """A filter keeping the items trashed ``days`` or more ago (None: every item)."""
    if days is None:
        return None
    from datetime import datetime, timedelta, timezone

    limit = datetime.now(timezone.utc) - timedelta(days=days)
    times = trashed_times(run_id, journal)

    def keep(action: dict, _result: dict) -> bool:
        try:
            t = datetime.fromisoformat(times.get(action.get("id"), ""))
        except ValueError:
            return False
        return (t if t.tzinfo else t.replace(tzinfo=timezone.utc)) <= limit

    return keep


def _backend_of(result: dict):
    """The core.disk.trash backend that holds this item (None: the freedesktop trash)."""
    name = result.get("backend")
    if not name or name == "freedesktop":
        return None
    from cleanup_desktop.core.disk import trash as disk_trash

    return disk_trash.backend(name)


def _each_item(run_id: str, journal, work, mode: str, only=None) -> list[TrashOutcome]:
    out = []
    mail_actions = []
    items = items_in_trash(run_id, journal)
    if only is not None:
        items = [(a, r) for a, r in items if only(a, r)]
    if mode == "restore":
        items.reverse()  # last trashed first, so what a run removed later comes back first
    for action, result in items:
        if str(action.get("op", "")).startswith("mail-"):
            mail_actions.append(action)
            continue
        if not result.get("trash_path"):
            out.append(TrashOutcome(action, "unsupported",
                                    "this system does not let applications find items back in its trash; open the trash to restore them"))
            continue
        try:
            out.append(work(action, result))
        except RestoreRefused as exc:
            out.append(TrashOutcome(action, "refused", f"{exc}: nothing was restored, it stays in the trash"))
        except TrashError as exc:
            journal.write(run_id, "trash-missing", action_id=action["id"], reason=str(exc))
            out.append(TrashOutcome(action, "missing", str(exc)))
        except OSError as exc:
            out.append(TrashOutcome(action, "failed", describe_os_error(exc)))
    if mail_actions:
        out.extend(_mail_items(run_id, journal, mode, mail_actions))
    return out


def undo_run(run_id: str, journal, word: str = "restored") -> list[TrashOutcome]:
    """Restore every item the run moved to the trash into its original folder (last first), or
    beside its name as "name (<word>).ext" when that name is taken now."""
    remap: dict = {}  # folders this undo recreated: recorded (dev, ino) -> new (dev, ino)
    handles = Handles()

    def work(action: dict, result: dict) -> TrashOutcome:
        dirs = result.get("dirs")
        dirs = dirs if isinstance(dirs, list) else None
        backend = _backend_of(result)
        if backend is not None:
            dest = backend.restore(result, action, dirs, remap, word)
        else:
            dest = restore(result["trash_path"], action["path"], result.get("trash_ino"),
                           action.get("size"), action.get("mtime_ns"), dirs=dirs, remap=remap, word=word,
                           handles=handles)
        journal.write(run_id, "restored", action_id=action["id"], path=dest)
        note = "" if dest == action["path"] else "a file now has its original name: restored beside it"
        return TrashOutcome(action, "restored", note, path=dest)

    try:
        return _each_item(run_id, journal, work, "restore")
    finally:
        handles.close()


def empty_run(run_id: str, journal, older_than_days: Optional[float] = None) -> list[TrashOutcome]:
    """Permanently remove from the trash exactly the items this run put there (with
    ``older_than_days``, only those trashed that many days ago or more)."""

    def work(action: dict, result: dict) -> TrashOutcome:
        backend = _backend_of(result)
        if backend is not None:
            freed = backend.empty(result, action)
        else:
            freed = empty_item(result["trash_path"], action["path"], result.get("trash_ino"),
                               action.get("size"), action.get("mtime_ns"))
        journal.write(run_id, "emptied", action_id=action["id"], freed=freed)
        return TrashOutcome(action, "emptied", freed=freed)

    out = _each_item(run_id, journal, work, "empty", _older_than(run_id, journal, older_than_days))
    if any(o.status == "emptied" for o in out):
        _journal_usage_after_empty(run_id, journal)
    return out


def _journal_usage_after_empty(run_id: str, journal) -> None:
    """The file-system usage of the run's roots once its trash is emptied: the bilan's
    "after" figure (taken at the end of the run, it would still count the trash)."""
    from cleanup_desktop.core.accounting import disk_usage

    roots = [root for r in journal.run_records(run_id) if r.get("event") == "run-start"
             for root in (r.get("disk_usage") or {})]
    if roots:
        journal.write(run_id, "disk-usage", after="empty-trash", disk_usage=disk_usage(roots))

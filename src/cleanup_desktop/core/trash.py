"""The OS trash: move files there (send2trash), find our entry again, restore it, empty it.

On Linux (freedesktop trash) every trashed item is a ``files/NAME`` entry with an
``info/NAME.trashinfo`` beside it (Path= original path, DeletionDate=). After send2trash moved a
file we find its entry back by name and inode and record it, so undo and empty-trash touch
exactly the items this app trashed, never the user's other trash. Windows and macOS give no
way back to a trashed item through send2trash: undo there says so and opens the trash.
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
    return FREEDESKTOP


def home_trash() -> bytes:
    data_home = os.environb.get(b"XDG_DATA_HOME") or os.path.join(os.path.expanduser(b"~"), b".local", b"share")
    return os.path.join(data_home, b"Trash")


def _sync_send2trash_env() -> None:
    """send2trash's freedesktop module reads XDG_DATA_HOME at import time: follow the current env."""
    mod = sys.modules.get("send2trash.plat_other")
    if mod is None or send2trash.send2trash is not getattr(mod, "send2trash", None):
        return
    data_home = os.path.dirname(home_trash())
    mod.XDG_DATA_HOME = data_home
    mod.HOMETRASH_B = os.path.join(data_home, b"Trash")
    mod.HOMETRASH = os.fsdecode(mod.HOMETRASH_B)


def _mount_point(path: bytes) -> bytes:
    path = os.path.realpath(path)
    while not os.path.ismount(path):
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return path


def candidate_trash_dirs(path: bytes):
    """Trash directories where a file at ``path`` may have been put (home trash first; the
    volume's own trash folders are only worked out when asked for)."""
    yield home_trash()
    uid = str(os.getuid()).encode()
    top = _mount_point(os.path.dirname(path))
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


def _entry_names(name: bytes):
    stem, ext = os.path.splitext(name)
    yield name
    n = 1
    while True:
        yield stem + b" " + str(n).encode() + ext
        n += 1


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


def _free_name(path: bytes, word: str = "restored") -> bytes:
    """``path``, or "name (restored).ext", "name (restored 2).ext"... when it is taken; the
    word comes in the user's language from the caller (the GUI passes its translation)."""
    if not os.path.lexists(path):
        return path
    stem, ext = os.path.splitext(path)
    tag = os.fsencode(word.strip() or "restored")
    n = 1
    while True:
        cand = stem + (b" (" + tag + b")" if n == 1 else b" (" + tag + b" %d)" % n) + ext
        if not os.path.lexists(cand):
            return cand
        n += 1


def restore(trash_path: str, original: str, ino: Optional[int] = None, size: Optional[int] = None,
            mtime_ns: Optional[int] = None, word: str = "restored") -> str:
    """Put a trashed item back at its original path (or beside it, never over another file)."""
    fpath, ipath, _st = _check_ours(trash_path, original, ino, size, mtime_ns)
    dest = _free_name(os.fsencode(original), word)
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    try:
        os.link(fpath, dest)  # fails instead of replacing a file that appeared meanwhile
        os.unlink(fpath)
    except OSError as exc:
        if exc.errno == errno.EEXIST:
            dest = _free_name(dest, word)
        if exc.errno == errno.EXDEV:
            shutil.move(fpath, dest)
        else:
            os.rename(fpath, dest)
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
    status: str  # "restored" | "emptied" | "missing" | "unsupported" | "failed"
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


def _each_item(run_id: str, journal, work, mode: str) -> list[TrashOutcome]:
    out = []
    mail_actions = []
    for action, result in items_in_trash(run_id, journal):
        if str(action.get("op", "")).startswith("mail-"):
            mail_actions.append(action)
            continue
        if not result.get("trash_path"):
            out.append(TrashOutcome(action, "unsupported",
                                    "this system does not let applications find items back in its trash; open the trash to restore them"))
            continue
        try:
            out.append(work(action, result))
        except TrashError as exc:
            journal.write(run_id, "trash-missing", action_id=action["id"], reason=str(exc))
            out.append(TrashOutcome(action, "missing", str(exc)))
        except OSError as exc:
            out.append(TrashOutcome(action, "failed", describe_os_error(exc)))
    if mail_actions:
        out.extend(_mail_items(run_id, journal, mode, mail_actions))
    return out


def undo_run(run_id: str, journal, word: str = "restored") -> list[TrashOutcome]:
    """Restore every item the run moved to the trash, to its original path (or beside it as
    "name (<word>).ext" when that name is taken now)."""

    def work(action: dict, result: dict) -> TrashOutcome:
        dest = restore(result["trash_path"], action["path"], result.get("trash_ino"),
                       action.get("size"), action.get("mtime_ns"), word)
        journal.write(run_id, "restored", action_id=action["id"], path=dest)
        note = "" if dest == action["path"] else "a file now has its original name: restored beside it"
        return TrashOutcome(action, "restored", note, path=dest)

    return _each_item(run_id, journal, work, "restore")


def empty_run(run_id: str, journal) -> list[TrashOutcome]:
    """Permanently remove from the trash exactly the items this run put there."""

    def work(action: dict, result: dict) -> TrashOutcome:
        freed = empty_item(result["trash_path"], action["path"], result.get("trash_ino"),
                           action.get("size"), action.get("mtime_ns"))
        journal.write(run_id, "emptied", action_id=action["id"], freed=freed)
        return TrashOutcome(action, "emptied", freed=freed)

    out = _each_item(run_id, journal, work, "empty")
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

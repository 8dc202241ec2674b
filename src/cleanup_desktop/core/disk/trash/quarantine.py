"""Drives without a trash (network shares, Windows network drives, removable drives, a drive
whose trash this account may not use): a quarantine folder at the top of the scanned root.

Layout: ``<root>/.cleanup-desktop-quarantine/`` (mode 0700, owned by the user, never a link;
the scan never walks into it), one folder per item ``<time>-<random>/`` holding the item under
its own name, and ``<time>-<random>.json`` beside it naming the original path. The record is
written first (exclusive create), then the item is renamed into its folder: a rename on the
same drive, never a copy, so a failure leaves the file where it was. Items count as "in the
trash, not yet freed" until emptied; undo renames them back, empty removes exactly them.
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import time
from typing import Any, Optional

from cleanup_desktop.core import fileid

from cleanup_desktop.core.disk.trash import freedesktop as fdtrash
from cleanup_desktop.core.disk.trash import common
from cleanup_desktop.core.disk.trash.fditems import Remap, TrashError
from cleanup_desktop.core.messages import Reason, reason_of

NAME = ".cleanup-desktop-quarantine"
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def folder_of(root: str) -> str:
    return os.path.join(root, NAME)


def _record_text(original: str) -> bytes:
    return json.dumps({"path": original, "time": time.time(), "app": "cleanup-desktop"}).encode("utf-8")


def read_record(path: str) -> Optional[dict[str, Any]]:
    try:
        with open(fileid.io_path(path), "rb") as fh:
            data = json.loads(fh.read(1 << 16))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("path"), str) else None


class Quarantine:
    name = "quarantine"

    def unusable(self, path: str, size: int) -> Optional[str]:
        return None

    def move(self, path: str, st: os.stat_result, claimed: Optional[set[Any]] = None, place: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        place = place or {}
        root = place.get("root") or os.path.dirname(path)
        entry = time.strftime("%Y%m%d-%H%M%S-") + secrets.token_hex(4)
        qdir = folder_of(root)
        try:
            if common.HAVE_DIR_FD and place.get("pfd") is not None and place.get("root_fd") is not None:
                self._move_at(place["root_fd"], place["pfd"], place["name"], entry, path, st)
            else:
                self._move_by_path(qdir, entry, path, st)
        except OSError as exc:
            if exc.errno == errno.EXDEV:
                why = Reason("trash.other-drive")
            else:
                why = fdtrash.describe(exc)
            raise common.MoveError(Reason("trash.no-quarantine", folder=root, error=why)) from None
        item = os.path.join(qdir, entry, os.path.basename(path))
        return {"backend": self.name, "trash_path": item, "trash_info": os.path.join(qdir, entry + ".json"),
                "trash_ino": st.st_ino, "quarantine": qdir}

    def _move_at(self, root_fd: int, pfd: int, name: bytes, entry: str, path: str, st: os.stat_result) -> None:
        qfd = fdtrash._own_dir_at(root_fd, NAME.encode(), True)
        try:
            os.fchmod(qfd, 0o700)
            rfd = os.open(entry + ".json", os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600, dir_fd=qfd)
            try:
                os.write(rfd, _record_text(path))
            finally:
                os.close(rfd)
            os.mkdir(entry, 0o700, dir_fd=qfd)
            efd = os.open(entry, fdtrash.DIR_FLAGS | NOFOLLOW, dir_fd=qfd)
            try:
                try:
                    os.rename(name, name, src_dir_fd=pfd, dst_dir_fd=efd)
                except OSError:
                    os.rmdir(entry, dir_fd=qfd)
                    os.unlink(entry + ".json", dir_fd=qfd)
                    raise
                moved = os.stat(name, dir_fd=efd, follow_symlinks=False)
                if (moved.st_dev, moved.st_ino) != (st.st_dev, st.st_ino):  # swapped at the last instant
                    try:
                        os.stat(name, dir_fd=pfd, follow_symlinks=False)
                    except FileNotFoundError:
                        os.rename(name, name, src_dir_fd=efd, dst_dir_fd=pfd)
                        os.rmdir(entry, dir_fd=qfd)
                        os.unlink(entry + ".json", dir_fd=qfd)
                    raise common.MoveError(Reason("trash.swapped-at-move"))
            finally:
                os.close(efd)
        except fdtrash.TrashMoveError as exc:
            raise common.MoveError(reason_of(exc)) from None
        finally:
            os.close(qfd)

    def _move_by_path(self, qdir: str, entry: str, path: str, st: os.stat_result) -> None:
        try:
            os.mkdir(fileid.io_path(qdir), 0o700)
        except FileExistsError:
            pass
        qst = fileid.lstat(qdir)
        if fileid.is_link(qst) or (hasattr(os, "getuid") and qst.st_uid != os.getuid()):
            raise common.MoveError(Reason("trash.quarantine-not-ours"))
        record = os.path.join(qdir, entry + ".json")
        fd = os.open(fileid.io_path(record), os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            os.write(fd, _record_text(path))
        finally:
            os.close(fd)
        edir = os.path.join(qdir, entry)
        os.mkdir(fileid.io_path(edir), 0o700)
        try:
            os.rename(fileid.io_path(path), fileid.io_path(os.path.join(edir, os.path.basename(path))))
        except OSError:
            os.rmdir(fileid.io_path(edir))
            os.unlink(fileid.io_path(record))
            raise

    def locate(self, path: str, root: str, ino: int) -> Optional[dict[str, Any]]:
        """The entry of ``path`` (file number ``ino``) in ``root``'s quarantine, if one is there
        (a run interrupted between the move and its journal line)."""
        qdir = folder_of(root)
        try:
            names = sorted(os.listdir(fileid.io_path(qdir)), reverse=True)
        except OSError:
            return None
        for n in names:
            if not n.endswith(".json"):
                continue
            record = read_record(os.path.join(qdir, n))
            if record is None or os.path.normpath(record["path"]) != os.path.normpath(path):
                continue
            item = os.path.join(qdir, n[:-5], os.path.basename(path))
            if common.identity_of(item) == ino:
                return {"backend": self.name, "trash_path": item, "trash_info": os.path.join(qdir, n),
                        "trash_ino": ino, "quarantine": qdir}
        return None

    def _check(self, rec: dict[str, Any], action: dict[str, Any]) -> os.stat_result:
        item, info = str(rec.get("trash_path") or ""), str(rec.get("trash_info") or "")
        entry = os.path.dirname(item)
        qdir = os.path.dirname(entry)
        common.require(os.path.basename(qdir) == NAME and os.path.basename(item) == os.path.basename(action["path"])
                       and info == entry + ".json" and os.path.basename(entry) not in ("", ".", "..")
                       and action["path"].startswith(os.path.dirname(qdir).rstrip(os.sep) + os.sep))
        record = read_record(rec["trash_info"])
        if record is None or os.path.normpath(record["path"]) != os.path.normpath(action["path"]):
            raise TrashError(Reason("trash.quarantine-record"))
        return common.check_entry(rec["trash_path"], rec, action)

    def _tidy(self, rec: dict[str, Any]) -> None:
        common.unlink_quiet(rec["trash_info"])
        try:
            os.rmdir(fileid.io_path(os.path.dirname(rec["trash_path"])))
        except OSError:
            pass

    def restore(self, rec: dict[str, Any], action: dict[str, Any], dirs: Optional[list[Any]] = None, remap: Optional[Remap] = None,
                word: str = "restored") -> str:
        st = self._check(rec, action)
        dest = common.put_back(rec["trash_path"], st, action["path"], dirs, remap, word)
        self._tidy(rec)
        return dest

    def empty(self, rec: dict[str, Any], action: dict[str, Any]) -> int:
        st = self._check(rec, action)
        freed = common.remove(rec["trash_path"], st)
        self._tidy(rec)
        return freed

"""Executors for the kinds that are not one regular file: empty folders, duplicate folders and
broken links (plan categories ``empty_folders``, ``duplicate_folders``, ``broken_links``), and
the extra check of similar photos. Called from core.disk.actions.run_disk_action, which keeps the
ops "trash" and "delete".

Each is re-verified just before it runs, as files are:
- every folder above the item is reached without following a link (a folder swapped for a
  symbolic link since the scan is refused), and the item is still the planned one (device and
  file number, never a link unless it is the planned link);
- an empty folder is removed only if it still holds nothing but empty folders;
- a duplicate folder only if its whole content and the kept folder's still give the planned
  digest (every file re-read), the kept folder being another folder, neither inside the other;
- a broken link only if it still points where it did and its target is still missing;
- a similar photo only if the kept photo is still there, unchanged and another file.
Trash moves keep undo working: folders go through send2trash; links, which send2trash
refuses when dangling, are moved into the home trash with their .trashinfo (freedesktop).
"""

from __future__ import annotations

import os
import stat
import time
from typing import Any, Optional
from urllib.parse import quote_from_bytes

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk import parents
from cleanup_desktop.core.disk.trash import fditems as trash
from cleanup_desktop.core.run.execute import ExecContext, Skip

KINDS = ("empty_folders", "duplicate_folders", "broken_links")


def _check_parents(path: str, action: dict[str, Any]) -> None:
    parent = os.path.dirname(os.path.normpath(os.fsencode(path)))
    root = os.path.normpath(os.fsencode(action["root"])) if action.get("root") else b""
    parents.check_parents(parent, root)


def _same_item(action: dict[str, Any], st: os.stat_result, what: str) -> None:
    planned = fileid.known(action["dev"], action["ino"])
    if planned is None:
        raise Skip("skip.no-item-identity")
    if not fileid.same_file(fileid.identity(st), planned):
        raise Skip("skip.folder-replaced" if what == "folder" else "skip.link-replaced")


def _lstat(path: str, what: str) -> os.stat_result:
    try:
        return fileid.lstat(path)
    except FileNotFoundError:
        raise Skip("skip.folder-item-gone" if what == "folder" else "skip.link-gone") from None


def only_empty_folders(path: str) -> bool:
    """True when ``path`` holds nothing but (recursively) empty folders."""
    stack = [path]
    try:
        while stack:
            with os.scandir(fileid.io_path(stack.pop())) as it:
                for e in it:
                    if not e.is_dir(follow_symlinks=False):
                        return False
                    stack.append(os.path.join(e.path))
    except OSError:
        return False
    return True


def _folder_action(action: dict[str, Any], ctx: ExecContext) -> dict[str, Any]:
    path = action["path"]
    root = action.get("root") or ""
    here, top = fileid.fold(os.path.normpath(path)), fileid.fold(os.path.normpath(root)) if root else ""
    if not top or here == top or not here.startswith(top.rstrip(os.sep) + os.sep):
        raise Skip("skip.scanned-folder-itself")
    _check_parents(path, action)
    st = _lstat(path, "folder")
    if fileid.is_link(st) or not stat.S_ISDIR(st.st_mode):
        raise Skip("skip.no-longer-folder")
    _same_item(action, st, "folder")
    if action["category"] == "empty_folders":
        if not only_empty_folders(path):
            raise Skip("skip.folder-not-empty")
        size = 0
    else:
        size = _check_duplicate_folder(action, st, ctx)
    return _remove(action, ctx, st, size, folder=True)


def _check_duplicate_folder(action: dict[str, Any], st: os.stat_result, ctx: ExecContext) -> int:
    from cleanup_desktop.core.disk.dupfolders import manifest, manifest_digest  # noqa: PLC0415

    keep = action.get("keep") or {}
    kpath = keep.get("path")
    if not kpath:
        raise Skip("skip.no-kept-folder")
    try:
        kst = fileid.lstat(kpath)
    except OSError:
        raise Skip("skip.kept-folder-gone", path=kpath) from None
    if fileid.is_link(kst) or not stat.S_ISDIR(kst.st_mode):
        raise Skip("skip.kept-folder-not-folder", path=kpath)
    if not fileid.distinct(fileid.identity(kst), fileid.identity(st)):
        raise Skip("skip.kept-folder-same")
    a, b = fileid.fold(os.path.normpath(action["path"])), fileid.fold(os.path.normpath(kpath))
    if a.startswith(b + os.sep) or b.startswith(a + os.sep):
        raise Skip("skip.kept-folder-nested")
    verified = ctx.state.setdefault("verified_keep_folders", {})
    ident = (kst.st_dev, kst.st_ino, kst.st_mtime_ns)
    if verified.get(kpath) != ident:
        kept = manifest(kpath)
        if kept is None or manifest_digest(kept) != action["digest"]:
            raise Skip("skip.kept-folder-changed", path=kpath)
        verified[kpath] = ident
    mine = manifest(action["path"])
    if mine is None or manifest_digest(mine) != action["digest"]:
        raise Skip("skip.folder-content-changed")
    return sum(e[2] for e in mine if e[0] == "f")


def _link_action(action: dict[str, Any], ctx: ExecContext) -> dict[str, Any]:
    from cleanup_desktop.core.disk.folders import link_state  # noqa: PLC0415

    path = action["path"]
    _check_parents(path, action)
    st = _lstat(path, "link")
    if not stat.S_ISLNK(st.st_mode):
        raise Skip("skip.not-link-now")
    _same_item(action, st, "link")
    state, target = link_state(path)
    if action.get("target") is not None and target != action["target"]:
        raise Skip("skip.link-retargeted")
    if state != "broken":
        raise Skip("skip.link-works" if state == "ok" else "skip.link-target-unplugged")
    return _remove(action, ctx, st, 0, folder=False)


def _remove(action: dict[str, Any], ctx: ExecContext, st: os.stat_result, size: int, folder: bool) -> dict[str, Any]:
    op = "delete" if ctx.permanent else "trash"
    freed = int(action.get("allocated") or 0) if folder else 0
    result = {"op": op, "size": size, "allocated": freed, "nlink": 1,
              "trashed": freed if op == "trash" else 0, "freed": freed if op == "delete" else 0}
    if ctx.dry_run:
        result["dry_run"] = True
        return result
    now = fileid.lstat(action["path"])
    if not fileid.same_file(fileid.identity(now), fileid.identity(st)):
        raise Skip("skip.replaced-while-checked-3")
    path = action["path"]
    if op == "delete":
        if folder and action["category"] == "empty_folders":
            for dirpath, _dirs, _files in list(os.walk(path, topdown=False)):
                os.rmdir(dirpath)  # fails rather than remove anything that appeared meanwhile
        elif folder:
            import shutil  # noqa: PLC0415

            shutil.rmtree(path)  # never follows links
        else:
            os.unlink(path)
        return result
    entry: Optional[trash.TrashEntry]
    if not folder and trash.FREEDESKTOP:
        entry = trash_link(path)
    else:
        try:
            entry = trash.move_to_trash(path, st.st_ino)
        except trash.TrashError as exc:
            raise RuntimeError(str(exc)) from exc
    if entry is not None:
        result.update(trash_path=entry.trash_path, trash_info=entry.info_path, trash_ino=entry.ino)
    return result


def trash_link(path: str) -> trash.TrashEntry:
    """Move a symbolic link into the home trash (freedesktop), dangling or not: a link is only
    the text of its target, so across drives it is re-created there and the original removed."""
    path_b = os.path.normpath(os.fsencode(os.path.abspath(path)))
    tdir = trash.home_trash()
    files_dir, info_dir = os.path.join(tdir, b"files"), os.path.join(tdir, b"info")
    os.makedirs(files_dir, mode=0o700, exist_ok=True)
    os.makedirs(info_dir, mode=0o700, exist_ok=True)
    info = (b"[Trash Info]\nPath=" + quote_from_bytes(path_b, safe=b"/").encode() + b"\nDeletionDate="
            + time.strftime("%Y-%m-%dT%H:%M:%S").encode() + b"\n")
    for name in trash._entry_names(os.path.basename(path_b)):
        ipath = os.path.join(info_dir, name + b".trashinfo")
        fpath = os.path.join(files_dir, name)
        if os.path.lexists(fpath):
            continue
        try:
            fd = os.open(ipath, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        with os.fdopen(fd, "wb") as fh:
            fh.write(info)
        try:
            try:
                os.rename(path_b, fpath)
            except OSError as exc:
                if exc.errno != 18:  # EXDEV: another drive
                    raise
                os.symlink(os.readlink(path_b), fpath)
                os.unlink(path_b)
        except OSError:
            os.unlink(ipath)
            raise
        st = os.lstat(fpath)
        return trash.TrashEntry(os.fsdecode(fpath), os.fsdecode(ipath), st.st_dev, st.st_ino)
    raise RuntimeError("no free name in the trash")  # unreachable: names are endless


def check_similar_keep(action: dict[str, Any]) -> None:
    """A similar photo goes only while the photo kept in its place is still there, unchanged."""
    keep = action.get("similar_to")
    if not isinstance(keep, dict) or not isinstance(keep.get("path"), str):
        raise Skip("skip.no-kept-photo")
    try:
        st = fileid.lstat(keep["path"])
    except OSError:
        raise Skip("skip.kept-photo-gone", path=keep["path"]) from None
    if not stat.S_ISREG(st.st_mode):
        raise Skip("skip.kept-photo-not-regular", path=keep["path"])
    if st.st_size != keep.get("size") or st.st_mtime_ns != keep.get("mtime_ns"):
        raise Skip("skip.kept-photo-changed", path=keep["path"])
    planned = fileid.known(action["dev"], action["ino"])
    if planned is not None and not fileid.distinct(fileid.identity(st), planned):
        raise Skip("skip.kept-photo-same")


def run(action: dict[str, Any], ctx: ExecContext) -> dict[str, Any]:
    if action["op"] == "delete" and not ctx.permanent:
        raise Skip("skip.permanent-unconfirmed")
    if action["category"] == "broken_links":
        return _link_action(action, ctx)
    return _folder_action(action, ctx)


def is_folder_kind(action: dict[str, Any]) -> bool:
    return action.get("category") in KINDS


"""Disk executors ("trash", "delete"): re-verify each file just before acting, then act.

Before this runs, core.run.guard checked the action against the plan's record (roots,
protected folders, temp rule, path shape). Checks, in order (any mismatch raises Skip):
1. the scan root is opened once per run and must still be the recorded folder (device, inode);
   every folder below it is opened with O_NOFOLLOW relative to the previous one, so a folder
   swapped for a symbolic link since the scan is refused;
2. the file, stat'ed relative to that folder handle without following links, is still a regular
   file with the planned device, inode, size and mtime;
3. duplicates: the file is re-hashed (opened O_NOFOLLOW relative to the folder handle) and must
   still have the planned digest; the kept copy (opened the same way from its root) must still
   exist, be a regular file other than this one, and hash to the same digest. A group whose
   kept copy fails is skipped whole.
Then the file goes to the trash backend of its place (core.disk.trash): on freedesktop systems
into its own file system's trash relative to the folder handle (core.disk.trash.freedesktop: nothing resolved
twice by path); on Windows the Recycle Bin, on macOS the Trash (their OS API takes a path, after
one more look at the folder and the file); on a drive without a trash a quarantine folder at the
top of the scanned root. An online-only cloud file (never read) is deleted from the cloud. With
``permanent`` the file is unlinked relative to the handle.

Identities (device and file number) are compared through core.fileid: a zero is never an
identity, so a plan or a file system that cannot tell which file this is gets a skip, never
a guess. Where folders cannot be opened relative to a handle (Windows) the checks use whole
paths, in the ``\\\\?\\`` form when long; a file another program holds open is skipped with
that reason.
"""

from __future__ import annotations

import errno
import os
import subprocess
import stat
from typing import Any, Optional

import xxhash

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk.trash import fditems as trash

from cleanup_desktop.core.disk.trash import freedesktop as fdtrash

from cleanup_desktop.core.disk import cloud, parents, trash as disk_trash
from cleanup_desktop.core.disk.guard import root_of
from cleanup_desktop.core.disk.parents import NOFOLLOW, open_parent
from cleanup_desktop.core.disk.trash import common as disk_trash_common
from cleanup_desktop.core.run.accounting import allocated_bytes
from cleanup_desktop.core.run.execute import ExecContext, Skip
from cleanup_desktop.core.run.guard import Refused
from cleanup_desktop.core.messages import Reason, os_error, reason_of

CHUNK = 1 << 20


def root_handle(root: dict[str, Any], ctx: ExecContext) -> Optional[int]:
    """The scan root's folder handle, opened once per run and checked against the plan record
    (device and inode): a root swapped for another folder or a link since the scan is refused."""
    fds: dict[str, Optional[int]] = ctx.state.setdefault("root-fds", {})
    if root["path"] in fds:
        return fds[root["path"]]
    try:
        fd = os.open(os.fsencode(root["path"]), parents.DIR_FLAGS)
    except OSError as exc:
        raise Skip("skip.root-unopenable", folder=root["path"], error=os_error(exc.strerror or str(exc))) from None
    st = os.fstat(fd)
    if (st.st_dev, st.st_ino) != (root["dev"], root["ino"]):
        os.close(fd)
        raise Refused("root-replaced", Reason("skip.root-replaced", folder=root["path"]))
    fds[root["path"]] = fd
    ctx.state.setdefault("closers", []).append(lambda: os.close(fd))
    return fd


def _hash_fd(fd: int, ctx: ExecContext) -> str:
    h = xxhash.xxh3_128()
    while True:
        if ctx.cancel is not None:
            ctx.cancel.raise_if_cancelled()
        block = os.read(fd, CHUNK)
        if not block:
            return h.hexdigest()
        h.update(block)


def _check_target(action: dict[str, Any], st: os.stat_result) -> None:
    if stat.S_ISLNK(st.st_mode):
        raise Skip("skip.file-now-symlink")
    if not stat.S_ISREG(st.st_mode):
        raise Skip("skip.not-regular-now")
    planned = fileid.known(action["dev"], action["ino"])
    if planned is None:
        raise Skip("skip.no-identity")
    if not fileid.same_file(fileid.identity(st), planned):
        raise Skip("skip.file-replaced")
    if st.st_size != action["size"]:
        raise Skip("skip.size-changed", old=action["size"], new=st.st_size)
    if st.st_mtime_ns != action["mtime_ns"]:
        raise Skip("skip.modified")


def _rehash_target(name: bytes, pfd: Optional[int], path_b: bytes, st: os.stat_result, action: dict[str, Any],
                   ctx: ExecContext) -> None:
    try:
        fd = os.open(name, os.O_RDONLY | NOFOLLOW | getattr(os, "O_BINARY", 0), dir_fd=pfd) if pfd is not None \
            else os.open(fileid.io_path(path_b), os.O_RDONLY | NOFOLLOW | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Skip("skip.file-now-symlink") from None
        if fileid.is_locked(exc):
            raise Skip(trash.describe_os_error(exc)) from None
        raise Skip("skip.unreadable", error=os_error(exc.strerror or str(exc))) from None
    try:
        fst = os.fstat(fd)
        if not fileid.same_file(fileid.identity(fst), fileid.identity(st)):
            raise Skip("skip.replaced-while-checked")
        if _hash_fd(fd, ctx) != action["digest"]:
            raise Skip("skip.content-changed")
    finally:
        os.close(fd)


def _verify_keep(action: dict[str, Any], target: os.stat_result, ctx: ExecContext) -> None:
    keep = action["keep"]
    bad = ctx.state.setdefault("bad_groups", {})
    group = action.get("group") or keep["path"]
    if group in bad:
        raise Skip(bad[group])
    try:
        try:
            fd = _open_keep(keep["path"], ctx)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise Skip("keep.now-symlink", path=keep["path"]) from None
            if exc.errno == errno.ENOENT:
                raise Skip("keep.gone", path=keep["path"]) from None
            raise Skip("keep.unreadable", path=keep["path"], error=os_error(exc.strerror or str(exc))) from None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise Skip("keep.not-regular", path=keep["path"])
            if fileid.same_file(fileid.identity(st), fileid.identity(target)):
                raise Skip("keep.same-file", path=keep["path"])
            if not fileid.distinct(fileid.identity(st), fileid.identity(target)):
                raise Skip("keep.indistinct", path=keep["path"])
            if st.st_size != keep["size"]:
                raise Skip("keep.size-changed", path=keep["path"])
            ident = (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)
            verified = ctx.state.setdefault("verified_keeps", {})
            if verified.get(keep["path"]) != ident:
                if _hash_fd(fd, ctx) != keep["digest"]:
                    raise Skip("keep.content-changed", path=keep["path"])
                verified[keep["path"]] = ident
        finally:
            os.close(fd)
    except Skip as skip:
        bad[group] = Reason("skip.whole-group", reason=skip.reason)
        raise Skip(bad[group]) from None


def _open_keep(path: str, ctx: ExecContext) -> int:
    """The kept copy, opened through the folder handles from its scan root (no link followed)."""
    flags = os.O_RDONLY | NOFOLLOW | getattr(os, "O_BINARY", 0)
    record = ctx.state.get("plan-record")
    if not parents.HAVE_DIR_FD or record is None:
        return os.open(fileid.io_path(os.fsencode(path)), flags)
    root = root_of(path, record, "kept copy")
    parent, name = parents.split(path)
    pfd = open_parent(parent, os.fsencode(root["path"]), root_handle(root, ctx))
    try:
        return os.open(name, flags, dir_fd=pfd)
    finally:
        os.close(pfd)


def _recover_interrupted(action: dict[str, Any], ctx: ExecContext, op: str) -> Optional[dict[str, Any]]:
    """An earlier run wrote the intent and was killed: did the action actually happen?"""
    if os.path.lexists(fileid.io_path(os.fsencode(action["path"]))):
        return None
    if op == "trash":
        found = _locate_in_backends(action)
        if found is not None:
            return found
    if op == "trash" and trash.FREEDESKTOP:
        entry = trash._locate(os.fsencode(action["path"]), action["ino"])
        if entry is not None and entry.ino == action["ino"]:
            try:
                st = os.lstat(os.fsencode(entry.trash_path))
                nlink = st.st_nlink
                alloc = allocated_bytes(st, action.get("allocated"))
            except OSError:
                nlink, alloc = 1, int(action.get("allocated") or 0)
            return {"op": "trash", "trash_path": entry.trash_path, "trash_info": entry.info_path,
                    "trash_ino": entry.ino, "size": action["size"], "allocated": alloc, "nlink": nlink,
                    "trashed": alloc if nlink <= 1 else 0, "freed": 0, "recovered": True}
        raise Skip("skip.gone-not-in-trash")
    if op == "delete":
        return {"op": "delete", "size": action["size"], "allocated": int(action.get("allocated") or 0),
                "freed": int(action.get("allocated") or 0), "trashed": 0, "recovered": True,
                "note": "the run that deleted it was interrupted before recording it; freed bytes are the scan's"}
    return None


def _locate_in_backends(action: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The entry an interrupted run made in a backend that keeps a record of each item (the
    Recycle Bin's $I, the quarantine's record): found by original path and file number."""
    root = action.get("root") or os.path.dirname(action["path"])
    for name in ("quarantine", "recyclebin"):
        locate = getattr(disk_trash.backend(name), "locate", None)
        try:
            rec = locate(action["path"], root, action["ino"]) if locate else None
        except (OSError, ImportError, subprocess.SubprocessError):
            rec = None
        if rec is not None:
            alloc = int(action.get("allocated") or 0)
            return {"op": "trash", **rec, "size": action["size"], "allocated": alloc, "nlink": 1,
                    "trashed": alloc, "freed": 0, "recovered": True}
    return None


def run_disk_action(action: dict[str, Any], ctx: ExecContext) -> dict[str, Any]:
    from cleanup_desktop.core.disk import folder_actions  # empty/duplicate folders, broken links

    if folder_actions.is_folder_kind(action):
        return folder_actions.run(action, ctx)
    if action["op"] == "delete" and not ctx.permanent:
        raise Skip("skip.permanent-unconfirmed")
    op = "delete" if ctx.permanent else "trash"
    if ctx.interrupted is not None and not ctx.dry_run:
        recovered = _recover_interrupted(action, ctx, op)
        if recovered is not None:
            return recovered
    parent, name = parents.split(action["path"])
    path_b = os.path.join(parent, name)
    root_rec = (ctx.state.get("action-roots") or {}).get(action["id"])
    root = os.fsencode(root_rec["path"]) if root_rec else \
        (os.path.normpath(os.fsencode(action["root"])) if action.get("root") else b"")
    chain: list[Any] = []
    pfd: Optional[int] = None
    if parents.HAVE_DIR_FD:
        pfd = open_parent(parent, root, root_handle(root_rec, ctx) if root_rec else None, chain)
    try:
        if pfd is None:
            parents.check_components_no_links(parent, root)
        try:
            st = os.stat(name, dir_fd=pfd, follow_symlinks=False) if pfd is not None else fileid.lstat(path_b)
        except FileNotFoundError:
            raise Skip("skip.file-gone") from None
        _check_target(action, st)
        if action.get("category") == "similar_images":
            folder_actions.check_similar_keep(action)
        online = _online_only(action, path_b, st, ctx)
        if action.get("category") == "temp":
            _check_temp_still_safe(action, path_b, ctx)
        if action.get("digest"):
            _rehash_target(name, pfd, path_b, st, action, ctx)
        if action.get("keep"):
            _verify_keep(action, st, ctx)
        alloc = allocated_bytes(st, action.get("allocated"))
        sole = st.st_nlink <= 1
        result = {"op": op, "size": st.st_size, "allocated": alloc, "nlink": st.st_nlink,
                  "trashed": alloc if (op == "trash" and sole) else 0,
                  "freed": alloc if (op == "delete" and sole) else 0}
        if not sole:
            result["note"] = f"{st.st_nlink - 1} other hard link(s) keep its content: no space freed"
        if online:
            # Not on this disk: no local trash can hold it. Deleting the placeholder deletes the
            # file from the cloud (the sync client does), which frees its whole size there.
            op = "cloud-delete"
            result.update(op=op, allocated=0, trashed=0, freed=st.st_size if sole else 0, online_only=True,
                          note=Reason("note.cloud-deleted"))
        if ctx.dry_run:
            result["dry_run"] = True
            return result
        backend, why = ("", "") if op != "trash" else \
            disk_trash.choose(action["path"], root_rec["path"] if root_rec else os.fsdecode(root) or os.fsdecode(parent),
                              st.st_size, ctx.state.setdefault("trash-choice", {}))
        if op in ("delete", "cloud-delete"):
            _recheck_before_act(parent, pfd, path_b, st, name)
            try:
                os.unlink(name, dir_fd=pfd) if pfd is not None else os.unlink(fileid.io_path(path_b))
            except OSError as exc:
                if fileid.is_locked(exc):
                    raise Skip(trash.describe_os_error(exc)) from None
                raise RuntimeError(Reason("trash.delete-failed", error=trash.describe_os_error(exc))) from exc
        elif backend not in ("freedesktop", ""):
            _recheck_before_act(parent, pfd, path_b, st, name)
            place = {"pfd": pfd, "name": name, "root_fd": root_handle(root_rec, ctx) if (root_rec and pfd is not None) else None,
                     "root": root_rec["path"] if root_rec else (action.get("root") or os.fsdecode(parent))}
            result.update(_move_with(backend, action, st, place, ctx))
            if why:
                result["note"] = why
            if chain:
                result["dirs"] = chain
        elif pfd is not None and trash.FREEDESKTOP:
            _recheck_before_act(parent, pfd, path_b, st, name)
            result.update(_move_to_trash_at(pfd, name, path_b, st, ctx))
            if chain:
                result["dirs"] = chain  # (dev, ino) of the root and each folder below: undo checks them
        else:
            # Windows and macOS: the OS trash needs its own API (send2trash), which takes a path.
            _recheck_before_act(parent, pfd, path_b, st, name)
            try:
                entry = trash.move_to_trash(action["path"], st.st_ino)
            except trash.TrashError as exc:
                if exc.__cause__ is not None and fileid.is_locked(exc.__cause__):
                    raise Skip(trash.describe_os_error(exc.__cause__)) from None
                raise RuntimeError(reason_of(exc)) from exc
            if entry is not None:
                result.update(trash_path=entry.trash_path, trash_info=entry.info_path, trash_ino=entry.ino)
        return result
    finally:
        if pfd is not None:
            os.close(pfd)


def _online_only(action: dict[str, Any], path_b: bytes, st: os.stat_result, ctx: ExecContext) -> bool:
    """Whether the file is an online-only cloud file, from metadata only (it is never opened).
    The plan says so (the user was told it is deleted from the cloud) and the file must agree:
    a plan naming a local file online-only, or a file made online-only since, is skipped."""
    said = bool(action.get("online_only"))
    places = ctx.state.get("cloud-places")
    if places is None:
        places = ctx.state["cloud-places"] = cloud.detect()
    now = cloud.still_online_only(os.fsdecode(path_b), st, places)
    if said and not now:
        raise Skip("skip.local-now")
    if now and not said:
        raise Skip("skip.online-only-now")
    return now


def _move_with(name: str, action: dict[str, Any], st: os.stat_result, place: dict[str, Any], ctx: ExecContext) -> dict[str, Any]:
    """Move to a trash backend of core.disk.trash (Recycle Bin, macOS Trash, quarantine)."""
    claimed = ctx.state.setdefault("trash-claimed", set())
    try:
        moved: dict[str, Any] = disk_trash.backend(name).move(action["path"], st, claimed, place)
        return moved
    except disk_trash_common.MoveError as exc:
        if str(exc) == fileid.LOCKED:
            raise Skip("skip.file-locked") from None
        raise RuntimeError(Reason("trash.move-failed", error=reason_of(exc))) from None
    except trash.TrashError as exc:  # it moved, but its entry is not where the system said
        return {"note": reason_of(exc)}


def _move_to_trash_at(pfd: int, name: bytes, path_b: bytes, st: os.stat_result, ctx: ExecContext) -> dict[str, Any]:
    cache = ctx.state.get("trash-dirs")
    if cache is None:
        cache = ctx.state["trash-dirs"] = {}
        ctx.state.setdefault("closers", []).append(lambda: fdtrash.close_all(cache))
    try:
        item, info, ino = fdtrash.move(pfd, name, path_b, st, cache)
    except fdtrash.SwappedError as exc:
        raise Skip(reason_of(exc)) from None
    except fdtrash.TrashMoveError as exc:
        raise RuntimeError(Reason("trash.move-failed", error=reason_of(exc))) from None
    return {"trash_path": os.fsdecode(item), "trash_info": os.fsdecode(info), "trash_ino": ino}


def _check_temp_still_safe(action: dict[str, Any], path_b: bytes, ctx: ExecContext) -> None:
    """Temp items: the owning application must still be closed (level Q, or S rules that say so),
    and no program may hold the file open (checked against one snapshot per run)."""
    try:
        from cleanup_desktop.core.disk import rules as rules_mod, temp as temp_mod
    except ImportError:  # scanner not part of this build: nothing more to check
        return
    state = ctx.state
    if "temp-rules" not in state:
        try:
            state["temp-rules"] = {r.id: r for r in rules_mod.load_rules()}
        except Exception:  # unreadable rule data must not stop the run; Q items then rely on the scan
            state["temp-rules"] = {}
    rule = state["temp-rules"].get(action.get("rule"))
    if rule is not None and rule.processes and (action.get("safety") == "Q" or rule.skip_if_running):
        running = temp_mod.running_apps(rule.processes)
        if running:
            raise Skip("skip.app-running", app=rule.label, processes=", ".join(sorted(running)))
    if "open-files" not in state:
        state["open-files"] = temp_mod.open_file_paths()
    if os.path.normcase(os.fsdecode(path_b)) in state["open-files"]:
        raise Skip("skip.file-open")


def _recheck_before_act(parent: bytes, pfd: Optional[int], path_b: bytes, st: os.stat_result, name: bytes) -> None:
    """Last look right before acting: the same file under its name (relative to the folder
    handle where there is one; by path elsewhere, where the folder is compared too)."""
    try:
        if pfd is not None and not trash.FREEDESKTOP:
            here, held = os.stat(parent), os.fstat(pfd)
            if not fileid.same_file(fileid.identity(here), fileid.identity(held)):
                raise Skip("skip.folder-replaced-while-checked")
        now = os.stat(name, dir_fd=pfd, follow_symlinks=False) if pfd is not None else fileid.lstat(path_b)
    except FileNotFoundError:
        raise Skip("skip.gone-while-checked") from None
    if not fileid.same_file(fileid.identity(now), fileid.identity(st)) or fileid.is_link(now):
        raise Skip("skip.replaced-while-checked-2")


def prepare_run(actions: list[Any], ctx: ExecContext) -> None:
    """Before a real run: empty or orphan .trashinfo files a crash or a full disk left in the
    trash folders of the home and of the roots' drives are removed."""
    if not trash.FREEDESKTOP:
        return
    roots = sorted({a.get("root") for a in actions if a.get("root")})
    seen = set()
    for root in [None] + list(roots):
        for tdir in trash.trash_dirs_of(root):
            if tdir not in seen:
                seen.add(tdir)
                trash.remove_stale_infos(tdir)

"""The disk backend's undo and empty-trash: files a run moved to a trash (the freedesktop trash
or one of core.disk.trash's backends, named in the "done" result) are put back where they were,
or removed from the trash for good, each re-verified first (core.disk.trash.fditems). Each item
is journaled as it is settled: "restored", "emptied" or "trash-missing"."""

from __future__ import annotations

from typing import Any, Callable

from cleanup_desktop.core.disk.trash.fditems import (Handles, RestoreRefused, TrashError, describe_os_error,
                                                     empty_item, restore)
from cleanup_desktop.core.messages import Reason, reason_fields, reason_of
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.run.undo import Item, TrashOutcome

NO_TRASH_PATH = Reason("undo.no-trash-lookup")


def _backend_of(result: dict[str, Any]) -> Any:
    """The core.disk.trash backend that holds this item (None: the freedesktop trash)."""
    name = result.get("backend")
    if not name or name == "freedesktop":
        return None
    from cleanup_desktop.core.disk import trash as disk_trash

    return disk_trash.backend(name)


def _each_item(run_id: str, journal: Journal, items: list[Item], work: Callable[[dict[str, Any], dict[str, Any]], TrashOutcome]) -> list[TrashOutcome]:
    out = []
    for action, result in items:
        if not result.get("trash_path"):
            out.append(TrashOutcome(action, "unsupported", NO_TRASH_PATH))
            continue
        try:
            out.append(work(action, result))
        except RestoreRefused as exc:
            out.append(TrashOutcome(action, "refused", Reason("restore.stays-in-trash", why=reason_of(exc))))
        except TrashError as exc:
            journal.write(run_id, "trash-missing", action_id=action["id"], reason=reason_of(exc), **reason_fields(reason_of(exc)))
            out.append(TrashOutcome(action, "missing", reason_of(exc)))
        except OSError as exc:
            out.append(TrashOutcome(action, "failed", describe_os_error(exc)))
    return out


def restore_items(run_id: str, journal: Journal, items: list[Item], word: str = "restored") -> list[TrashOutcome]:
    """Put back each (action, done result) into its original folder, last trashed first (what a
    run removed later comes back first: a folder before the files that were in it), or beside
    its name as "name (<word>).ext" when that name is taken now."""
    items = list(reversed(items))
    remap: dict[Any, Any] = {}  # folders this undo recreated: recorded (dev, ino) -> new (dev, ino)
    handles = Handles()

    def work(action: dict[str, Any], result: dict[str, Any]) -> TrashOutcome:
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
        return _each_item(run_id, journal, items, work)
    finally:
        handles.close()


def empty_items(run_id: str, journal: Journal, items: list[Item]) -> list[TrashOutcome]:
    """Remove each (action, done result) from the trash for good (re-verified first)."""

    def work(action: dict[str, Any], result: dict[str, Any]) -> TrashOutcome:
        backend = _backend_of(result)
        if backend is not None:
            freed = backend.empty(result, action)
        else:
            freed = empty_item(result["trash_path"], action["path"], result.get("trash_ino"),
                               action.get("size"), action.get("mtime_ns"))
        journal.write(run_id, "emptied", action_id=action["id"], freed=freed)
        return TrashOutcome(action, "emptied", freed=freed)

    return _each_item(run_id, journal, items, work)

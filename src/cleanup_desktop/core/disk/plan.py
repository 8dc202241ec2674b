"""The disk backend's plans: actions from a disk scan (or the GUI's edited selection) and the
rules a disk action of a plan must keep (core.run.plan.validate_plan hands them here).

Rules: every disk action names its file by an absolute path with its size, time and identity
(integers); no file is acted on twice; a duplicate's kept copy is well-formed, has the same
digest, is never the file itself and is never planned for removal (names compare as the OS
does); a similar photo's kept photo is never planned for removal either.
"""

from __future__ import annotations

import os
from typing import Any, Iterable, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk import keep_rules
from cleanup_desktop.core.disk.kinds import OPS as DISK_OPS, SCAN_SCHEMA as DISK_SCAN_SCHEMA  # noqa: F401
from cleanup_desktop.core.disk.selection import EXTRA_CATEGORIES, Selection
from cleanup_desktop.core.run.plan import PlanError, build_plan
DISK_KEYS = ("id", "op", "category", "group", "path", "root", "size", "allocated", "mtime_ns", "dev", "ino",
             "digest", "keep", "rule", "safety")


def disk_planner(scan: dict[str, Any], *, keep: Optional[Iterable[str]] = None, duplicates: bool = True,
                 temp: bool = True, selection: Optional[Selection] = None, op: str = "trash",
                 extra: Iterable[str] = ()) -> list[dict[str, Any]]:
    """Duplicates: all but the kept copy; temp: the default selection (S, and Q with its app closed);
    ``extra``: storage-review kinds planned whole (empty_folders, empty_files, broken_links,
    duplicate_folders, similar_images), never planned unless named.

    With ``selection`` (the GUI's edited selection) the flags are ignored and it is used as is."""
    if op not in DISK_OPS:
        raise PlanError(f"unknown disk operation {op!r}")
    if selection is None:
        try:
            selection = Selection.from_scan(scan, keep=keep, duplicates=duplicates, temp=False)
        except keep_rules.KeepRuleError as exc:
            raise PlanError(str(exc)) from exc
        if temp:
            selection.select_temp_defaults(levels=("S",))
        for category in extra:
            if category not in EXTRA_CATEGORIES:
                raise PlanError(f"unknown kind to plan {category!r}")
            selection.select_category(category)
    return selection.actions(op)


def plan_from_selection(selection: Selection, op: str = "trash") -> dict[str, Any]:
    return build_plan(selection.scan, selection=selection, op=op)


def validate_actions(actions: list[dict[str, Any]]) -> None:
    """The disk actions of one plan (see the module doc); raises PlanError."""
    targets: set[str] = set()
    for a in actions:
        missing = [k for k in DISK_KEYS if k not in a]
        if missing:
            raise PlanError(f"action {a['id']} lacks {', '.join(missing)}")
        if not isinstance(a["path"], str) or not os.path.isabs(a["path"]):
            raise PlanError(f"action {a['id']}: path must be absolute")
        for k in ("size", "mtime_ns", "dev", "ino"):
            if not isinstance(a[k], int):
                raise PlanError(f"action {a['id']}: {k} must be an integer")
        if fileid.fold(a["path"]) in targets:
            raise PlanError(f"two actions on the same file {a['path']!r}")
        targets.add(fileid.fold(a["path"]))
    for a in actions:
        similar = a.get("similar_to")
        if similar is not None and (not isinstance(similar, dict) or not isinstance(similar.get("path"), str)
                                    or fileid.fold(similar["path"]) in targets):
            raise PlanError(f"action {a['id']}: its kept photo is missing or also planned for removal")
        keep = a.get("keep")
        if keep:
            if not isinstance(keep, dict) or not isinstance(keep.get("path"), str) or not keep.get("digest"):
                raise PlanError(f"action {a['id']}: malformed kept copy")
            if fileid.fold(keep["path"]) in targets:  # names compare as the OS does (case)
                raise PlanError(f"action {a['id']}: its kept copy {keep['path']!r} is also planned for removal")
            if fileid.fold(keep["path"]) == fileid.fold(a["path"]):
                raise PlanError(f"action {a['id']}: a file cannot be its own kept copy")
            if keep.get("digest") != a.get("digest"):
                raise PlanError(f"action {a['id']}: kept copy digest differs from the file's")

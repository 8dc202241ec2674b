"""Plans: the data both the preview and the executor use ("cleanup-desktop/plan/1").

A planner turns a scan result into a list of actions. The disk planner is built in; other
sources (mail scans) add theirs with ``register_planner(schema, planner)`` where
``planner(scan: dict, **options) -> list[dict]`` returns actions in the documented shape.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import uuid
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Optional

from cleanup_desktop.core import fileid

from cleanup_desktop.core.disk import keep_rules
from cleanup_desktop.core.disk.selection import EXTRA_CATEGORIES, Selection

PLAN_SCHEMA = "cleanup-desktop/plan/1"
DISK_SCAN_SCHEMA = "cleanup-desktop/scan/1"
DISK_OPS = ("trash", "delete")
DISK_KEYS = ("id", "op", "category", "group", "path", "root", "size", "allocated", "mtime_ns", "dev", "ino",
             "digest", "keep", "rule", "safety")

Planner = Callable[..., list[Any]]
_PLANNERS: dict[str, Planner] = {}


class PlanError(ValueError):
    """A scan or plan that cannot be used, with a message for the user."""


# Modules that register the planner of these scan schemas when imported (loaded on first use).
PROVIDERS = {"cleanup-desktop/mail-scan/1": "cleanup_desktop.core.mail.wiring"}


def register_planner(schema: str, planner: Planner) -> None:
    _PLANNERS[schema] = planner


def planner_for(schema: Optional[str]) -> Optional[Planner]:
    if schema not in _PLANNERS and schema in PROVIDERS:
        try:
            importlib.import_module(PROVIDERS[schema])
        except ImportError:
            return None
    return _PLANNERS.get(schema) if schema is not None else None


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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


register_planner(DISK_SCAN_SCHEMA, disk_planner)


def summarize(actions: list[dict[str, Any]]) -> dict[str, Any]:
    by_category: dict[str, dict[str, int]] = {}
    total_bytes = total_alloc = 0
    for a in actions:
        cat = by_category.setdefault(a.get("category") or "other", {"count": 0, "bytes": 0})
        cat["count"] += 1
        cat["bytes"] += int(a.get("size") or 0)
        total_bytes += int(a.get("size") or 0)
        total_alloc += int(a.get("allocated") or 0)
    return {"actions": len(actions), "bytes": total_bytes, "allocated": total_alloc, "by_category": by_category}


def build_plan(scan: dict[str, Any], **options: Any) -> dict[str, Any]:
    """A plan from a scan result, dispatching on the scan's schema."""
    schema = scan.get("schema") if isinstance(scan, dict) else None
    planner = planner_for(schema)
    if planner is None:
        raise PlanError(f"cannot plan from a document of schema {schema!r} (known: {', '.join(sorted(_PLANNERS))})")
    actions = planner(scan, **options)
    plan = {
        "schema": PLAN_SCHEMA, "plan_id": str(uuid.uuid4()), "created": now_iso(),
        "source": {"schema": schema, "roots": list(scan.get("roots", [])),
                   # file-system usage when the scan started (the bilan's "before"), when known
                   **({"disk_usage": scan["disk_usage"]} if scan.get("disk_usage") else {})},
        "actions": actions, "summary": summarize(actions),
    }
    validate_plan(plan)
    _keep_record(plan, scan)
    return plan


def _keep_record(plan: dict[str, Any], scan: dict[str, Any]) -> None:
    """What the executor will check this plan's actions against (core.run.guard): the scan's
    roots as real paths (system folders left out) and the temp safety levels chosen."""
    from cleanup_desktop.core.run import guard as plan_guard
    from cleanup_desktop.core.disk import protected

    def real(key: str) -> list[str]:
        found = [os.path.realpath(r) for r in scan.get(key, []) if isinstance(r, str) and os.path.isabs(r)]
        return [r for r in found if not protected.is_protected(r)]

    levels = {a.get("safety") for a in plan["actions"] if a.get("category") == "temp"} & {"S", "Q"}
    try:
        plan_guard.save_record(plan_guard.make_record(plan, real("roots"), levels, temp_roots=real("temp_roots")))
    except OSError as exc:
        raise PlanError(f"cannot keep the plan's record in {plan_guard.records_dir()}: {exc.strerror or exc}") from exc


def plan_from_selection(selection: Selection, op: str = "trash") -> dict[str, Any]:
    return build_plan(selection.scan, selection=selection, op=op)


def validate_plan(plan: Any) -> None:
    """Refuse malformed plans and, above all, any plan that would remove every copy of a group."""
    if not isinstance(plan, dict) or plan.get("schema") != PLAN_SCHEMA:
        raise PlanError(f"not a cleanup plan (expected schema {PLAN_SCHEMA!r})")
    actions = plan.get("actions")
    if not isinstance(actions, list) or not isinstance(plan.get("plan_id"), str):
        raise PlanError("plan has no plan_id or no action list")
    ids: set[str] = set()
    targets: set[str] = set()
    for a in actions:
        if not isinstance(a, dict) or not isinstance(a.get("id"), str) or not isinstance(a.get("op"), str):
            raise PlanError("every action needs a string id and op")
        if a["id"] in ids:
            raise PlanError(f"duplicate action id {a['id']}")
        ids.add(a["id"])
        if a["op"] in DISK_OPS:
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
    # Mail: a kept copy (account, folder, uid) may never be planned for removal either.
    def mail_key(acc: Any, folder: Any, uid: Any) -> tuple[Any, ...]:
        acc = acc if isinstance(acc, dict) else {}
        return (acc.get("kind"), acc.get("host") or acc.get("url") or acc.get("tenant"), acc.get("user"), folder, str(uid))

    mail_targets = {mail_key(a.get("account"), a.get("folder"), a.get("uid"))
                    for a in actions if str(a.get("op", "")).startswith("mail-")}
    for a in actions:
        keep = a.get("keep")
        if str(a.get("op", "")).startswith("mail-") and isinstance(keep, dict):
            if mail_key(a.get("account"), keep.get("folder"), keep.get("uid")) in mail_targets:
                raise PlanError(f"action {a['id']}: its kept copy {keep.get('folder')}#{keep.get('uid')} is also planned for removal")
    for a in actions:
        similar = a.get("similar_to") if a.get("op") in DISK_OPS else None
        if similar is not None and (not isinstance(similar, dict) or not isinstance(similar.get("path"), str)
                                    or fileid.fold(similar["path"]) in targets):
            raise PlanError(f"action {a['id']}: its kept photo is missing or also planned for removal")
        keep = a.get("keep") if a.get("op") in DISK_OPS else None
        if keep:
            if not isinstance(keep, dict) or not isinstance(keep.get("path"), str) or not keep.get("digest"):
                raise PlanError(f"action {a['id']}: malformed kept copy")
            if fileid.fold(keep["path"]) in targets:  # names compare as the OS does (case)
                raise PlanError(f"action {a['id']}: its kept copy {keep['path']!r} is also planned for removal")
            if fileid.fold(keep["path"]) == fileid.fold(a["path"]):
                raise PlanError(f"action {a['id']}: a file cannot be its own kept copy")
            if keep.get("digest") != a.get("digest"):
                raise PlanError(f"action {a['id']}: kept copy digest differs from the file's")


def _read_json(source: str, what: str) -> Any:
    try:
        if source == "-":
            return json.load(sys.stdin)
        with open(source, "r", encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:
        raise PlanError(f"cannot read {what} {source}: {exc.strerror or exc}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PlanError(f"{what} {source} is not valid JSON: {exc}") from exc


def load_scan(source: str) -> dict[str, Any]:
    scan = _read_json(source, "scan result")
    if not isinstance(scan, dict) or "schema" not in scan:
        raise PlanError(f"{source} is not a scan result (no schema field)")
    return scan


def load_plan(source: str) -> dict[str, Any]:
    plan = _read_json(source, "plan")
    validate_plan(plan)
    checked: dict[str, Any] = plan  # validate_plan refused anything else
    return checked


def dumps(doc: Any) -> str:
    """JSON text; ensure_ascii keeps surrogate-escaped (non-UTF-8) names intact."""
    return json.dumps(doc, ensure_ascii=True, indent=1)

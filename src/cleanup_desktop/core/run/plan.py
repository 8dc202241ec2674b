"""Plans: the data both the preview and the executor use ("cleanup-desktop/plan/1").

A planner turns a scan result into a list of actions. Planners belong to backends
(core.run.registry): ``build_plan`` hands a scan to the backend registered for its schema, and
``validate_plan`` hands each backend its own actions after the checks every plan gets.
"""

from __future__ import annotations

import json
import sys
import uuid
from datetime import datetime, timezone
from typing import Any, cast

from cleanup_desktop.core.run import registry

PLAN_SCHEMA = "cleanup-desktop/plan/1"


class PlanError(ValueError):
    """A scan or plan that cannot be used, with a message for the user."""


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


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
    backend = registry.for_schema(schema)
    if backend is None or backend.plan is None:
        raise PlanError(f"cannot plan from a document of schema {schema!r} (known: {', '.join(registry.schemas())})")
    actions = backend.plan(scan, **options)
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
    """What the executor will check this plan's actions against (core.run.guard): each
    backend's part of the record (scan roots, temp safety levels, mail accounts...)."""
    from cleanup_desktop.core.run import guard as plan_guard

    try:
        plan_guard.save_record(plan_guard.make_record(plan, scan))
    except OSError as exc:
        raise PlanError(f"cannot keep the plan's record in {plan_guard.records_dir()}: {exc.strerror or exc}") from exc


def validate_plan(plan: Any) -> None:
    """Refuse malformed plans and, above all, any plan that would remove every copy of a group
    (each backend checks its own actions: their keys, their kept copies)."""
    if not isinstance(plan, dict) or plan.get("schema") != PLAN_SCHEMA:
        raise PlanError(f"not a cleanup plan (expected schema {PLAN_SCHEMA!r})")
    actions = plan.get("actions")
    if not isinstance(actions, list) or not isinstance(plan.get("plan_id"), str):
        raise PlanError("plan has no plan_id or no action list")
    ids: set[str] = set()
    for a in actions:
        if not isinstance(a, dict) or not isinstance(a.get("id"), str) or not isinstance(a.get("op"), str):
            raise PlanError("every action needs a string id and op")
        if a["id"] in ids:
            raise PlanError(f"duplicate action id {a['id']}")
        ids.add(a["id"])
    groups, _unowned = registry.split_by_backend((a, None) for a in actions)
    for backend, pairs in groups:  # actions no backend owns fail in the executor ("no executor")
        if backend.validate is not None:
            backend.validate([a for a, _ in pairs])


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
    return cast(dict[str, Any], plan)  # validate_plan refused anything else


def dumps(doc: Any) -> str:
    """JSON text; ensure_ascii keeps surrogate-escaped (non-UTF-8) names intact."""
    return json.dumps(doc, ensure_ascii=True, indent=1)

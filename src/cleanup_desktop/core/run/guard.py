"""Plans checked against their scan: what a plan file may ask is decided by a record the app
keeps, never by the plan file (anyone who can write it can edit it).

``build_plan`` saves ``plans/<plan_id>.json`` in the user data folder; each backend writes its
fields (``Backend.record``): the disk backend the scan roots (real paths, with their device and
inode) and the temp safety levels the user chose (core.disk.guard), the mail backend the mail
accounts (core.mail.guard). Before the executor touches anything, each action is checked
against that record by its backend (``check(action, ctx)``, raising :class:`Refused` with a
code and a reason):

- ``no-record``: the plan was not made here (no record for its id);
- ``bad-path``: a path with ``..``, ``.`` or empty components, or not absolute;
- ``outside-roots``: the action's root is not one of the recorded scan roots, or its path is
  not below it (the folder chain is then opened from the root without following links, so
  its real path stays inside);
- ``root-replaced``: the scan root is no longer the folder that was scanned (device/inode);
- ``protected``: the folder is a system or program folder;
- ``temp-rule``: a temp action whose file no longer matches its rule at a planned safety level;
- ``keep-outside-roots`` / ``bad-keep``: a duplicate's kept copy outside the roots, or malformed;
- ``mail-account``: a mail action for another server or user than the recorded one or the
  account ``clean`` was told to use.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any, Optional, Protocol

from cleanup_desktop.core import paths
from cleanup_desktop.core.messages import Reason
from cleanup_desktop.core.run import registry

RECORD_SCHEMA = "cleanup-desktop/plan-record/1"
_PLAN_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class RunContext(Protocol):
    """What the checks read of a run (core.run.execute.ExecContext)."""

    plan: dict[str, Any]
    state: dict[str, Any]


class Refused(Exception):
    """An action the plan may not ask for; ``code`` is stable, ``reason`` is for the user."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def records_dir() -> str:
    return os.path.join(str(paths.data_dir()), "plans")


def _record_path(plan_id: str) -> Optional[str]:
    if not isinstance(plan_id, str) or not _PLAN_ID.match(plan_id):
        return None  # also keeps a crafted id from naming a file outside the folder
    return os.path.join(records_dir(), plan_id + ".json")


def make_record(plan: dict[str, Any], scan: Optional[dict[str, Any]] = None) -> dict[str, Any]:
    """The record of a plan: each registered backend adds its fields (from the plan's actions
    and the scan it was made from)."""
    rec = {"schema": RECORD_SCHEMA, "plan_id": plan["plan_id"], "created": plan.get("created")}
    for backend in registry.backends():
        if backend.record is not None:
            rec.update(backend.record(plan, scan or {}))
    return rec


def save_record(record: dict[str, Any]) -> None:
    path = _record_path(record["plan_id"])
    if path is None:
        raise ValueError("bad plan id")
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(record, fh, ensure_ascii=True)
    os.replace(tmp, path)


def load_record(plan_id: Any) -> Optional[dict[str, Any]]:
    """The record kept for ``plan_id``, or None when there is none or it is malformed (each
    backend checks its own fields)."""
    path = _record_path(plan_id)
    if path is None:
        return None
    try:
        with open(path, "r", encoding="utf-8") as fh:
            rec = json.load(fh)
    except (OSError, ValueError):
        return None
    ok = (isinstance(rec, dict) and rec.get("schema") == RECORD_SCHEMA and rec.get("plan_id") == plan_id
          and all(b.record_ok(rec) for b in registry.backends() if b.record_ok is not None))
    return rec if ok else None


# ---------------------------------------------------------------- checks


def plan_record(ctx: RunContext) -> dict[str, Any]:
    """The record of the plan being run (read once per run), or Refused("no-record")."""
    state = ctx.state
    if "plan-record" not in state:
        state["plan-record"] = load_record(ctx.plan.get("plan_id"))
    rec: Optional[dict[str, Any]] = state["plan-record"]
    if rec is None:
        raise Refused("no-record", Reason("refused.no-record"))
    return rec


def check(action: dict[str, Any], ctx: RunContext) -> None:
    """The checks of the backend that owns the action (none for an op no backend owns: the
    executor then fails it, "no executor")."""
    backend = registry.for_op(action.get("op"))
    if backend is not None and backend.check is not None:
        backend.check(action, ctx)

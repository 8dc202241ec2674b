"""The disk backend of the run lifecycle: files and folders on this computer's drives.

``BACKEND`` tells core.run.registry what the disk part of every step is; the composition
module (cleanup_desktop.core.compose) registers it. Each step imports its module on first
use, so registering imports none of the disk engine.
"""

from __future__ import annotations

from cleanup_desktop.core.disk.kinds import OPS, SCAN_SCHEMA
from cleanup_desktop.core.run.registry import Backend


def plan(scan: dict, **options) -> list:
    from cleanup_desktop.core.disk import plan as disk_plan

    return disk_plan.disk_planner(scan, **options)


def validate(actions: list) -> None:
    from cleanup_desktop.core.disk import plan as disk_plan

    disk_plan.validate_actions(actions)


def record(plan_doc: dict, scan: dict) -> dict:
    from cleanup_desktop.core.disk import guard

    return guard.record_fields(plan_doc, scan)


def record_ok(rec: dict) -> bool:
    from cleanup_desktop.core.disk import guard

    return guard.record_ok(rec)


def check(action: dict, ctx) -> None:
    from cleanup_desktop.core.disk import guard

    guard.check(action, ctx)


def prepare(actions: list, ctx) -> None:
    from cleanup_desktop.core.disk import actions as disk_actions

    disk_actions.prepare_run(actions, ctx)


def run(action: dict, ctx) -> dict:
    from cleanup_desktop.core.disk import actions as disk_actions

    return disk_actions.run_disk_action(action, ctx)


def restore(run_id: str, journal, items: list, word: str) -> list:
    from cleanup_desktop.core.disk import restore as disk_restore

    return disk_restore.restore_items(run_id, journal, items, word)


def empty(run_id: str, journal, items: list) -> list:
    from cleanup_desktop.core.disk import restore as disk_restore

    return disk_restore.empty_items(run_id, journal, items)


def refresh(scan: dict, actions: list) -> dict:
    from cleanup_desktop.core.disk import refresh as disk_refresh

    return disk_refresh.refresh(scan, actions)


BACKEND = Backend(name="disk", ops=OPS, schemas=(SCAN_SCHEMA,), plan=plan, validate=validate, record=record,
                  record_ok=record_ok, check=check, prepare=prepare, run=run, restore=restore, empty=empty,
                  refresh=refresh)

"""The disk backend of the run lifecycle: files and folders on this computer's drives.

``BACKEND`` tells core.run.registry what the disk part of every step is; the composition
module (cleanup_desktop.core.compose) registers it. Each step imports its module on first
use (the functions below), so registering imports none of the disk engine.
"""

from __future__ import annotations

from types import ModuleType

from cleanup_desktop.core.disk.kinds import OPS, SCAN_SCHEMA
from cleanup_desktop.core.run.registry import Backend


def _plan() -> ModuleType:
    from cleanup_desktop.core.disk import plan  # selection, keep rules

    return plan


def _guard() -> ModuleType:
    from cleanup_desktop.core.disk import guard  # the record's roots, the checks

    return guard


def _actions() -> ModuleType:
    from cleanup_desktop.core.disk import actions  # the executors, the trash

    return actions


def _restore() -> ModuleType:
    from cleanup_desktop.core.disk import restore  # undo, empty-trash

    return restore


def _refresh() -> ModuleType:
    from cleanup_desktop.core.disk import refresh

    return refresh


BACKEND = Backend(
    name="disk", ops=OPS, schemas=(SCAN_SCHEMA,),
    plan=lambda scan, **options: _plan().disk_planner(scan, **options),
    validate=lambda actions: _plan().validate_actions(actions),
    record=lambda plan, scan: _guard().record_fields(plan, scan),
    record_ok=lambda rec: _guard().record_ok(rec),
    check=lambda action, ctx: _guard().check(action, ctx),
    prepare=lambda actions, ctx: _actions().prepare_run(actions, ctx),
    run=lambda action, ctx: _actions().run_disk_action(action, ctx),
    restore=lambda run_id, journal, items, word: _restore().restore_items(run_id, journal, items, word),
    empty=lambda run_id, journal, items: _restore().empty_items(run_id, journal, items),
    refresh=lambda scan, actions: _refresh().refresh(scan, actions),
)

"""The mail backend of the run lifecycle: messages on IMAP, Exchange (EWS) and Microsoft 365
(Graph) mailboxes.

``BACKEND`` tells core.run.registry what the mail part of every step is; the composition
module (cleanup_desktop.core.compose) registers it. Each step imports its module on first
use, so registering imports none of the mail stack (a disk plan never loads it).
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from cleanup_desktop.core.mail.kinds import OPS, SCAN_SCHEMA
from cleanup_desktop.core.run.registry import Backend


def _ops() -> ModuleType:
    from cleanup_desktop.core.mail import ops  # planner, executors, undo and empty (the mail stack)

    return ops


def _guard() -> ModuleType:
    from cleanup_desktop.core.mail import guard  # the record's accounts, the account check (light)

    return guard


def location(action: dict[str, Any]) -> str:
    """``kind:user@host`` of the action's account (where its bytes are counted)."""
    acc = action.get("account")
    if isinstance(acc, dict):
        return f"{acc.get('kind', '?')}:{acc.get('user', '')}@{acc.get('host', '')}"
    return action.get("root") or ""


def _refresh(scan: dict[str, Any], actions: list[Any]) -> dict[str, Any]:
    from cleanup_desktop.core.mail import refresh  # no mail stack: plain dict work

    return refresh.refresh(scan, actions)


BACKEND = Backend(
    name="mail", ops=OPS, schemas=(SCAN_SCHEMA,),
    plan=lambda scan, **options: _ops().mail_planner(scan, **options),
    validate=lambda actions: _guard().validate_actions(actions),
    record=lambda plan, scan: _guard().record_fields(plan, scan),
    check=lambda action, ctx: _guard().check(action, ctx),
    run=lambda action, ctx: _ops().run_mail_action(action, ctx),
    restore=lambda run_id, journal, items, word: _ops().restore_items(run_id, journal, items, word),
    empty=lambda run_id, journal, items: _ops().empty_items(run_id, journal, items),
    refresh=_refresh, location=location,
    # execute_plan(mail_account=..., mail_credentials=...): the account chosen for the run and
    # its credential resolver (core.mail.ops, core.mail.guard read them from ctx.state)
    run_options=("mail_account", "mail_credentials"),
)

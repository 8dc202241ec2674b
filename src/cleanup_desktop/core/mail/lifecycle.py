"""The mail backend of the run lifecycle: messages on IMAP, Exchange (EWS) and Microsoft 365
(Graph) mailboxes.

``BACKEND`` tells core.run.registry what the mail part of every step is; the composition
module (cleanup_desktop.core.compose) registers it. Each step imports its module on first
use, so registering imports none of the mail stack (a disk plan never loads it).
"""

from __future__ import annotations

from cleanup_desktop.core.mail.kinds import OPS, SCAN_SCHEMA
from cleanup_desktop.core.run.registry import Backend


def plan(scan: dict, **options) -> list:
    from cleanup_desktop.core.mail import ops

    return ops.mail_planner(scan, **options)


def validate(actions: list) -> None:
    from cleanup_desktop.core.mail import guard

    guard.validate_actions(actions)


def record(plan_doc: dict, scan: dict) -> dict:
    from cleanup_desktop.core.mail import guard

    return guard.record_fields(plan_doc, scan)


def check(action: dict, ctx) -> None:
    from cleanup_desktop.core.mail import guard

    guard.check(action, ctx)


def run(action: dict, ctx) -> dict:
    from cleanup_desktop.core.mail import ops

    return ops.run_mail_action(action, ctx)


def restore(run_id: str, journal, items: list, word: str) -> list:
    from cleanup_desktop.core.mail import ops

    return ops.restore_items(run_id, journal, items, word)


def empty(run_id: str, journal, items: list) -> list:
    from cleanup_desktop.core.mail import ops

    return ops.empty_items(run_id, journal, items)


def refresh(scan: dict, actions: list) -> dict:
    from cleanup_desktop.core.mail import refresh as mail_refresh

    return mail_refresh.refresh(scan, actions)


def location(action: dict) -> str:
    """``kind:user@host`` of the action's account."""
    acc = action.get("account")
    if isinstance(acc, dict):
        return f"{acc.get('kind', '?')}:{acc.get('user', '')}@{acc.get('host', '')}"
    return action.get("root") or ""


BACKEND = Backend(name="mail", ops=OPS, schemas=(SCAN_SCHEMA,), plan=plan, validate=validate, record=record,
                  check=check, run=run, restore=restore, empty=empty, refresh=refresh, location=location)

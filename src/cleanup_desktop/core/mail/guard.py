"""The mail backend's part of the plan record and of the check before a mail action runs
(core.run.guard keeps the record).

Record fields: ``mail_accounts`` (kind, server, user of each account the plan acts on, lower
case) and ``mail_connections`` (the connection settings the scan used for them: port,
security, pinned certificate...). Check (code ``mail-account``): a mail action is refused when
its account is not a recorded one, or not the account ``clean`` was told to use.
"""

from __future__ import annotations

from typing import Any, Optional

from cleanup_desktop.core.mail.kinds import OPS as MAIL_OPS
from cleanup_desktop.core.messages import Reason
from cleanup_desktop.core.run.guard import Refused, RunContext, load_record, plan_record
from cleanup_desktop.core.run.plan import PlanError


def mail_identity(account: Any) -> tuple:
    acc = account if isinstance(account, dict) else {}
    server = acc.get("host") or acc.get("url") or acc.get("tenant") or ""
    user = acc.get("user") or acc.get("email") or ""
    return (str(acc.get("kind") or "imap"), str(server).lower(), str(user).lower())


def _key(acc: Any, folder: Any, uid: Any) -> tuple:
    acc = acc if isinstance(acc, dict) else {}
    return (acc.get("kind"), acc.get("host") or acc.get("url") or acc.get("tenant"), acc.get("user"), folder, str(uid))


def validate_actions(actions: list[dict[str, Any]]) -> None:
    """The mail actions of one plan: a kept copy (account, folder, uid) is never planned for
    removal too (raises PlanError)."""
    targets = {_key(a.get("account"), a.get("folder"), a.get("uid")) for a in actions}
    for a in actions:
        keep = a.get("keep")
        if isinstance(keep, dict) and _key(a.get("account"), keep.get("folder"), keep.get("uid")) in targets:
            raise PlanError(f"action {a['id']}: its kept copy {keep.get('folder')}#{keep.get('uid')} is also planned for removal")


def record_fields(plan: dict[str, Any], scan: dict[str, Any]) -> dict[str, Any]:
    accounts, connections = [], []
    for a in plan["actions"]:
        if a.get("op") in MAIL_OPS:
            ident = list(mail_identity(a.get("account")))
            if ident not in accounts:
                accounts.append(ident)
                connections.append(dict(a.get("account") or {}))
    return {"mail_accounts": accounts, "mail_connections": connections}


def recorded_connection(plan_id: Any, host: str, user: str) -> Optional[dict[str, Any]]:
    """The connection settings (port, security, pinned certificate...) the scan used for this
    server and user, as recorded when the plan was made (not as the plan file says now)."""
    rec = load_record(plan_id) or {}
    for conn in rec.get("mail_connections") or []:
        if isinstance(conn, dict) and mail_identity(conn)[1:] == (host.lower(), user.lower()):
            return conn
    return None


def check(action: dict[str, Any], ctx: RunContext) -> None:
    rec = plan_record(ctx)
    ident = list(mail_identity(action.get("account")))
    if ident not in rec.get("mail_accounts", []):
        raise Refused("mail-account", Reason("refused.mail-account"))
    trusted = ctx.state.get("mail-account")
    if trusted is not None and mail_identity(trusted)[1:] != tuple(ident[1:]):
        raise Refused("mail-account", Reason("refused.other-account", user=ident[2], host=ident[1],
                                             chosen_user=mail_identity(trusted)[2], chosen_host=mail_identity(trusted)[1]))

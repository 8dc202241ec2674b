"""Which mail account `clean` signs in to, and with which secret: never the plan's choice.

A plan file names the mailbox its actions are for, but anyone who can edit it could make it
name another server, or say which environment variable holds "the password" (any variable, a
cloud secret, sent to any host in LOGIN). So `clean` takes the server, the user and the
credentials from a saved account of any kind (``--account NAME``: IMAP, Exchange or Microsoft
365; password from the keyring, Microsoft 365 from its sign-in cache) or from its
own options (``--host``, ``--user``, ``--password-env VAR``, as `mail-scan`); without them it
uses the saved account with the plan's server and user, if there is one. Actions for another
server or user are refused by the executor (core.run.guard, code ``mail-account``).
"""

from __future__ import annotations

from typing import Callable, Optional


def add_arguments(p) -> None:
    g = p.add_argument_group("mail plans (the account to sign in to; never taken from the plan)")
    g.add_argument("--account", metavar="NAME", help="saved mail account of any type (see mail-accounts); password from the keyring")
    g.add_argument("--host", help="mail server (with --user and --password-env)")
    g.add_argument("--user", help="mail user name")
    g.add_argument("--port", type=int, default=None)
    g.add_argument("--password-env", metavar="VAR", help="environment variable holding the password")


def _plan_account(plan: dict) -> Optional[dict]:
    for a in plan.get("actions", []):
        if str(a.get("op", "")).startswith("mail-") and isinstance(a.get("account"), dict):
            return a["account"]
    return None


def choose(args, plan: dict) -> tuple[Optional[dict], Optional[Callable]]:
    """(trusted account, credentials resolver) for a mail plan, (None, None) for a disk plan.

    Raises MailError (kind "args") with a sentence for the user."""
    wanted = _plan_account(plan)
    if wanted is None:
        return None, None
    from cleanup_desktop.core.mail import accounts, credentials  # mail modules only for mail plans
    from cleanup_desktop.core.mail.errors import MailError
    from cleanup_desktop.core.mail.sources.imap import DEFAULT_PORTS

    env_var = getattr(args, "password_env", None)
    if getattr(args, "account", None):
        acc = accounts.find(args.account)
    elif getattr(args, "host", None) or getattr(args, "user", None):
        if not (args.host and args.user and env_var):
            raise MailError("--host, --user and --password-env go together (or use --account NAME).", "args")
        from cleanup_desktop.core.mail.guard import recorded_connection

        # port, security and pinned certificate as the scan used them (kept in the plan's record)
        trusted = dict(recorded_connection(plan.get("plan_id"), args.host, args.user)
                       or {"kind": "imap", "security": "ssl"})
        trusted.update(host=args.host, user=args.user)
        if args.port:
            trusted["port"] = args.port
        trusted.setdefault("port", DEFAULT_PORTS.get(str(trusted.get("security")), 993))
        creds = credentials.resolve(trusted, password_env=env_var)
        return trusted, lambda account, action: creds
    else:
        same = [a for a in accounts.load_accounts()
                if a.matches(str(wanted.get("host", "")), str(wanted.get("user", "")))]
        if not same:
            raise MailError(f"this mail plan is for {wanted.get('user')} on {wanted.get('host')}: say which account to "
                            "use with --account NAME (a saved account), or --host, --user and --password-env.", "args")
        acc = same[0]
    trusted = dict(acc.describe(), **{k: v for k, v in acc.connection_fields().items() if k != "oauth"})
    if acc.kind == "graph" and not env_var:
        return trusted, None  # Microsoft 365: MSAL's keyring token cache (core.mail.clean.graph.tokens_for)
    creds = credentials.resolve(acc, password_env=env_var,
                                missing=f"no password saved for account '{acc.name}': run mail-accounts "
                                        "set-password, or give --password-env VAR.")
    return trusted, lambda account, action: creds

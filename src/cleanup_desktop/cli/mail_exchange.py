"""The Exchange (EWS) and Microsoft 365 (Graph) options of `cleanup-desktop mail-scan`.

    cleanup-desktop mail-scan --ews URL --user USER --password-env VAR [--auth ntlm|basic]
    cleanup-desktop mail-scan --ews auto --user USER --email ADDRESS --password-env VAR
    cleanup-desktop mail-scan --graph --tenant ID --client-id ID [--user UPN] [--device-code]
        [--authority URL] [--graph-endpoint URL] [--cafile company-ca.pem]

Both print the same mail-scan/1 JSON as an IMAP scan. ``--authority`` and ``--graph-endpoint``
reach the national clouds (US Government, China); ``--cafile`` a company's TLS-inspection CA.
``--token-env VAR`` (hidden) hands the Graph scan a given token (tests).
"""

from __future__ import annotations

import argparse
import os
import sys

from cleanup_desktop.core.mail.errors import MailError


def add_arguments(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("Exchange and Microsoft 365")
    g.add_argument("--ews", metavar="URL",
                   help="on-premises Exchange: the EWS address (https://server/EWS/Exchange.asmx), "
                        "or 'auto' to find it from the e-mail address (autodiscover)")
    g.add_argument("--email", help="Exchange: the mailbox's e-mail address (needed with DOMAIN\\user)")
    g.add_argument("--auth", choices=("ntlm", "basic", "kerberos"), default="ntlm",
                   help="Exchange sign-in method (default ntlm)")
    g.add_argument("--graph", action="store_true",
                   help="Microsoft 365 through Microsoft Graph; needs --tenant and --client-id")
    g.add_argument("--authority", metavar="URL", default=None,
                   help="Microsoft 365: the sign-in service, for national clouds, e.g. "
                        "https://login.microsoftonline.us/TENANT (US Government) or "
                        "https://login.chinacloudapi.cn/TENANT (China); default "
                        "https://login.microsoftonline.com/TENANT")
    g.add_argument("--graph-endpoint", metavar="URL", default=None,
                   help="Microsoft 365: the Graph address, e.g. https://graph.microsoft.us/v1.0 (US Government L4), "
                        "https://dod-graph.microsoft.us/v1.0 (DoD), https://microsoftgraph.chinacloudapi.cn/v1.0 "
                        "(China); default https://graph.microsoft.com/v1.0")
    g.add_argument("--token-env", metavar="VAR", default=None, help=argparse.SUPPRESS)


def wanted(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "ews", None) or getattr(args, "graph", False))


def apply_account(args: argparse.Namespace, acc) -> None:
    """Fill the Exchange / Microsoft 365 options from a saved account (``--account NAME``);
    options given on the command line win."""
    args.user = args.user or acc.user
    args.cafile = args.cafile or acc.cafile
    args.folder = args.folder or (acc.folders or None)
    if acc.kind == "ews":
        args.ews = args.ews or acc.url or "auto"
        args.email = args.email or acc.email
        args.auth = acc.auth
        args.keyring_account = acc
    else:
        args.graph = True
        args.client_id = args.client_id or acc.client_id
        args.tenant = acc.tenant if args.tenant == "organizations" else args.tenant
        args.authority = args.authority or acc.authority
        args.graph_endpoint = args.graph_endpoint or acc.endpoint


def _source(args: argparse.Namespace):
    """(source, extra connection fields) or raises MailError(kind="args")."""
    from cleanup_desktop.core.mail import credentials
    from cleanup_desktop.core.mail.accounts import Account
    from cleanup_desktop.core.mail.backends import source_for
    from cleanup_desktop.core.mail.sources.imap import Credentials

    extra: dict = {}
    cafile = os.path.abspath(args.cafile) if args.cafile else None
    if args.ews and args.graph:
        raise MailError("choose --ews or --graph, not both.", "args")
    if args.cafile and not os.path.isfile(args.cafile):
        raise MailError(f"CA file not found: {args.cafile}", "args")
    if args.ews:
        if not args.user:
            raise MailError("--ews needs --user (DOMAIN\\user or user@domain).", "args")
        account = Account(kind="ews", name=args.user, user=args.user, email=args.email,
                          url=None if args.ews == "auto" else args.ews, auth=args.auth, cafile=cafile)
        account.ews_settings().validate()
        saved = getattr(args, "keyring_account", None)
        if args.auth == "kerberos":
            creds = credentials.resolve(account)  # the system's ticket, no secret
        elif args.password_env:
            creds = credentials.resolve(account, password_env=args.password_env)
            extra["password_env"] = args.password_env
        elif saved is not None:
            try:
                creds = credentials.resolve(saved)
            except credentials.NoSecret:  # as for an IMAP account: exit 2, the user's to fix
                raise MailError(f"no password saved for account '{saved.name}': run mail-accounts set-password "
                                "first.", "args") from None
        else:
            raise MailError("--ews needs --password-env VAR (or --auth kerberos).", "args")
        return source_for(account, creds), extra
    if not args.client_id:
        raise MailError("--graph needs --client-id (the application your IT registered) and --tenant.", "args")
    if args.authority and not args.authority.startswith("https://"):
        raise MailError("--authority must be an https:// address (the sign-in service of your cloud).", "args")
    account = Account(kind="graph", name=args.user or "me", user=args.user or "", tenant=args.tenant,
                      client_id=args.client_id, authority=args.authority, endpoint=args.graph_endpoint, cafile=cafile)
    account.graph_settings().validate()
    creds = credentials.resolve(account)  # MSAL's cache; --user pre-fills the sign-in and keys it
    if args.token_env:
        from cleanup_desktop.core.mail.sources.graph import EnvToken

        creds = Credentials(token_provider=EnvToken(args.token_env).token)
        extra["token_env"] = args.token_env
    return source_for(account, creds, device_code=args.device_code, interactive=True,
                      notify=lambda t: print(t, file=sys.stderr)), extra


def run(args: argparse.Namespace, options, show) -> int:
    """Scan and print like the IMAP scan; ``show(result)`` prints (JSON or summary)."""
    from cleanup_desktop.cli.mail_common import fail_mail, scan_and_show

    try:
        source, extra = _source(args)
    except MailError as exc:
        return fail_mail(exc)
    return scan_and_show(source, args.folder, options, extra, show)

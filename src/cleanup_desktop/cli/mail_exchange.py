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


def _source(args: argparse.Namespace):
    """(source, extra connection fields) or raises MailError(kind="args")."""
    from cleanup_desktop.core.mail.sources.imap import Credentials

    extra: dict = {}
    if args.ews and args.graph:
        raise MailError("choose --ews or --graph, not both.", "args")
    if args.ews:
        from cleanup_desktop.core.mail.sources.ews import EwsSettings, EwsSource

        if not args.user:
            raise MailError("--ews needs --user (DOMAIN\\user or user@domain).", "args")
        if args.cafile and not os.path.isfile(args.cafile):
            raise MailError(f"CA file not found: {args.cafile}", "args")
        settings = EwsSettings(user=args.user, email=args.email, url=None if args.ews == "auto" else args.ews,
                               auth=args.auth, cafile=os.path.abspath(args.cafile) if args.cafile else None)
        settings.validate()
        if args.auth == "kerberos":
            creds = Credentials()
        elif args.password_env:
            if args.password_env not in os.environ:
                raise MailError(f"environment variable {args.password_env} is not set.", "args")
            creds = Credentials(password=os.environ[args.password_env])
            extra["password_env"] = args.password_env
        else:
            raise MailError("--ews needs --password-env VAR (or --auth kerberos).", "args")
        return EwsSource(settings, creds), extra
    from cleanup_desktop.core.mail.sources.graph import EnvToken, GraphSettings, GraphSource, MsalTokens
    from cleanup_desktop.core.mail.sources.graph_http import GRAPH_URL

    if not args.client_id:
        raise MailError("--graph needs --client-id (the application your IT registered) and --tenant.", "args")
    if args.cafile and not os.path.isfile(args.cafile):
        raise MailError(f"CA file not found: {args.cafile}", "args")
    if args.authority and not args.authority.startswith("https://"):
        raise MailError("--authority must be an https:// address (the sign-in service of your cloud).", "args")
    graph = GraphSettings(tenant=args.tenant, client_id=args.client_id, user=args.user or "",
                          endpoint=args.graph_endpoint or GRAPH_URL, authority=args.authority,
                          cafile=os.path.abspath(args.cafile) if args.cafile else None)
    graph.validate()
    tokens: EnvToken | MsalTokens
    if args.token_env:
        tokens = EnvToken(args.token_env)
        extra["token_env"] = args.token_env
    else:  # --user is optional: it pre-fills the sign-in and keys the token cache
        tokens = MsalTokens(graph, device_code=args.device_code, notify=lambda t: print(t, file=sys.stderr))
    return GraphSource(graph, tokens), extra


def run(args: argparse.Namespace, options, show) -> int:
    """Scan and print like the IMAP scan; ``show(result)`` prints (JSON or summary)."""
    from cleanup_desktop.cli.mail_cmd import EXIT_ARGS, EXIT_MAIL, _fail
    from cleanup_desktop.cli.progress_bar import ProgressBar
    from cleanup_desktop.core.mail.scan import scan_mailbox

    try:
        source, extra = _source(args)
    except MailError as exc:
        return _fail(EXIT_ARGS if exc.kind == "args" else EXIT_MAIL, str(exc))
    bar = ProgressBar()
    try:
        result = scan_mailbox(source, args.folder, options, progress=bar, connection=extra)
    except MailError as exc:
        bar.close()
        return _fail(EXIT_ARGS if exc.kind == "args" else EXIT_MAIL, str(exc))
    bar.close()
    show(result)
    return 0

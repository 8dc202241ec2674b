"""`cleanup-desktop mail-scan`: scan a mailbox over IMAP (read-only) and report findings."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys

from cleanup_desktop.cli.common import fail
from cleanup_desktop.cli.progress_bar import ProgressBar, human_bytes
from cleanup_desktop.core.mail.analysis import AnalysisOptions
from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.mail.sources.imap import SECURITY_MODES, is_loopback, normalise_fingerprint
from cleanup_desktop.cli import mail_exchange
from cleanup_desktop.cli.mail_common import fail_mail, scan_and_show

KINDS = ("imap", "ews", "graph")  # core.mail.accounts.KINDS, IMAP_AUTH, EWS_AUTH (not imported: keyring
IMAP_AUTH = ("password", "oauth-microsoft", "oauth-google")  # loads slowly and only commands need it)
EWS_AUTH = ("ntlm", "basic", "kerberos")
NO_PASSWORD = "no password saved for account '{name}': run mail-accounts set-password first."


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "mail-scan", help="scan a mailbox over IMAP, Exchange (EWS) or Microsoft 365 (Graph); nothing is changed",
        description="Scan a mailbox over IMAP, Exchange (EWS) or Microsoft 365 (Graph): folder sizes, duplicates, large messages and "
                    "attachments, old bulky mail, bulk senders. Reads headers only; never marks "
                    "anything as read.")
    p.add_argument("--account", metavar="NAME", help="use a saved account of any type (see mail-accounts); "
                                                     "password from the keyring")
    p.add_argument("--host")
    p.add_argument("--port", type=int, default=None, help="default 993 (ssl) or 143 (starttls)")
    p.add_argument("--security", choices=SECURITY_MODES, default=None,
                   help="insecure-plain is allowed only to localhost")
    p.add_argument("--user")
    auth = p.add_mutually_exclusive_group()
    auth.add_argument("--password-env", metavar="VAR",
                      help="name of the environment variable holding the password")
    auth.add_argument("--oauth", choices=("microsoft", "google"),
                      help="sign in with OAuth2 (XOAUTH2); needs --client-id")
    p.add_argument("--client-id", help="OAuth application (client) id")
    p.add_argument("--tenant", default="organizations", help="Microsoft tenant id (default: organizations)")
    p.add_argument("--device-code", action="store_true", help="Microsoft: sign in with a device code")
    p.add_argument("--folder", action="extend", nargs="+", metavar="NAME",
                   help="folders to scan (--folder A B, or --folder A --folder B; default all)")
    p.add_argument("--trust-fingerprint", metavar="SHA256",
                   help="trust this self-signed server certificate (SHA-256 fingerprint)")
    p.add_argument("--cafile", help="extra CA certificates (PEM) to verify the server")
    p.add_argument("--large-min-size", type=int, default=1_000_000)
    p.add_argument("--attachment-min-size", type=int, default=500_000)
    p.add_argument("--old-months", type=int, default=24)
    p.add_argument("--old-min-size", type=int, default=200_000)
    p.add_argument("--json", action="store_true", help="print the mail-scan/1 JSON object")
    p.add_argument("--output", "-o", help="also write the JSON to this file")
    mail_exchange.add_arguments(p)  # --ews URL / --graph (Exchange, Microsoft 365)
    p.set_defaults(func=run_scan)

    ap = subparsers.add_parser(
        "mail-accounts", help="list, add or remove saved mail accounts (passwords go to the OS keyring)")
    asub = ap.add_subparsers(dest="accounts_cmd", metavar="ACTION", required=True)
    asub.add_parser("list", help="list saved accounts")
    add = asub.add_parser("add", help="add or replace an account (IMAP, Exchange or Microsoft 365)")
    add.add_argument("name")
    add.add_argument("--kind", choices=KINDS, default="imap",
                     help="imap (default), ews (an Exchange server) or graph (Microsoft 365)")
    add.add_argument("--host", help="IMAP: the server")
    add.add_argument("--user", required=True)
    add.add_argument("--port", type=int)
    add.add_argument("--security", choices=SECURITY_MODES, default="ssl")
    add.add_argument("--auth", choices=IMAP_AUTH + EWS_AUTH, default=None,
                     help="IMAP: password (default), oauth-microsoft, oauth-google; Exchange: ntlm (default), "
                          "basic, kerberos")
    add.add_argument("--client-id")
    add.add_argument("--tenant")
    add.add_argument("--trust-fingerprint", metavar="SHA256")
    add.add_argument("--folder", action="append", metavar="NAME")
    add.add_argument("--url", help="Exchange: the EWS address (default: autodiscover from --email)")
    add.add_argument("--email", help="Exchange: the mailbox's e-mail address")
    add.add_argument("--cafile", help="extra CA certificates (PEM) to verify the server")
    add.add_argument("--authority", metavar="URL", help="Microsoft 365: the sign-in service (national clouds)")
    add.add_argument("--graph-endpoint", metavar="URL", help="Microsoft 365: the Graph address (national clouds)")
    rm = asub.add_parser("remove", help="remove an account and its saved password")
    rm.add_argument("name")
    sp = asub.add_parser("set-password", help="save the account's password in the OS keyring")
    sp.add_argument("name")
    sp.add_argument("--password-env", metavar="VAR", help="read it from this environment variable (else prompt)")
    ap.set_defaults(func=run_accounts)

    lp = subparsers.add_parser(
        "mail-local", help="scan mail stored on this computer (Thunderbird, .mbox/.eml, Outlook files), read-only",
        description="Scan local mail stores read-only: Thunderbird profiles, .mbox/.eml files; Outlook "
                    ".pst/.ost by size only. Without PATH, looks in the usual Thunderbird/Outlook places.")
    lp.add_argument("paths", nargs="*", metavar="PATH")
    lp.add_argument("--large-min-size", type=int, default=1_000_000)
    lp.add_argument("--attachment-min-size", type=int, default=500_000)
    lp.add_argument("--json", action="store_true", help="print the mail-local-scan/1 JSON object")
    lp.set_defaults(func=run_local)


def _apply_account(args: argparse.Namespace, acc) -> None:
    """Fill the IMAP options the command line left out from a saved IMAP account."""
    args.host = args.host or acc.host
    args.user = args.user or acc.user
    args.port = args.port or acc.port
    args.security = args.security or acc.security
    args.trust_fingerprint = args.trust_fingerprint or acc.trust_fingerprint
    args.cafile = args.cafile or acc.cafile
    args.folder = args.folder or (acc.folders or None)
    if not args.password_env and not args.oauth:
        if acc.auth.startswith("oauth-"):
            args.oauth = acc.auth[6:]
            args.client_id = args.client_id or acc.client_id
            args.tenant = acc.tenant or args.tenant
        else:
            args.keyring_account = acc


def run_scan(args: argparse.Namespace) -> int:
    from cleanup_desktop.core.mail import accounts, credentials
    from cleanup_desktop.core.mail.backends import source_for

    args.keyring_account = None
    if args.account:
        try:
            acc = accounts.find(args.account)
        except MailError as exc:
            return fail("mail-scan", str(exc))
        if acc.kind == "imap":
            _apply_account(args, acc)
        else:
            mail_exchange.apply_account(args, acc)
    if mail_exchange.wanted(args):
        return mail_exchange.run(args, _options(args), lambda r: _show(args, r))
    args.security = args.security or "ssl"
    if not args.host or not args.user:
        return fail("mail-scan", "--host and --user are required (or --account NAME).")
    if not (args.password_env or args.oauth or args.keyring_account):
        return fail("mail-scan", "one of --password-env VAR or --oauth microsoft|google is required.")
    if args.security == "insecure-plain" and not is_loopback(args.host):
        return fail("mail-scan", "insecure-plain is only allowed to localhost; use --security ssl or starttls.")
    if args.port is not None and not 0 < args.port < 65536:
        return fail("mail-scan", f"invalid port {args.port}.")
    if args.trust_fingerprint:
        try:
            normalise_fingerprint(args.trust_fingerprint)
        except MailError as exc:
            return fail("mail-scan", str(exc))
    if args.cafile and not os.path.isfile(args.cafile):
        return fail("mail-scan", f"CA file not found: {args.cafile}")
    if args.oauth and not args.password_env and not args.client_id:
        return fail("mail-scan", "--oauth needs --client-id (the application registered by your organisation).")
    account = accounts.Account(name=args.account or args.user, host=args.host, user=args.user, port=args.port,
                               security=args.security, trust_fingerprint=args.trust_fingerprint,
                               cafile=os.path.abspath(args.cafile) if args.cafile else None,
                               auth=f"oauth-{args.oauth}" if args.oauth and not args.password_env else "password",
                               client_id=args.client_id, tenant=args.tenant)
    extra = account.connection_fields()  # non-secret connection fields the clean step needs to reconnect
    try:
        if args.keyring_account is not None:
            creds = credentials.resolve(args.keyring_account, missing=NO_PASSWORD.format(name=args.account))
        else:
            creds = credentials.resolve(account, password_env=args.password_env, interactive=True,
                                        device_code=args.device_code, notify=lambda t: print(t, file=sys.stderr))
    except MailError as exc:
        return fail("mail-scan", str(exc))
    if args.password_env:
        extra["password_env"] = args.password_env
    # one scan per process: nothing to reuse later, so the rescan memory (imap_cache) is off
    return scan_and_show(source_for(account, creds, reuse_unchanged=False), args.folder, _options(args), extra,
                         lambda r: _show(args, r))


def _options(args: argparse.Namespace) -> AnalysisOptions:
    return AnalysisOptions(large_min_size=args.large_min_size, attachment_min_size=args.attachment_min_size,
                           old_months=args.old_months, old_min_size=args.old_min_size)


def _show(args: argparse.Namespace, result: dict) -> None:
    text = json.dumps(result, ensure_ascii=True, indent=1)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    if args.json:
        sys.stdout.write(text + "\n")  # JSON: exact (ASCII-escaped) names
    else:
        print_summary(result)


def print(*parts, **kw) -> None:  # noqa: A001  every human-readable line of this module, escaped
    import builtins

    from cleanup_desktop.core.paths import printable

    builtins.print(*(printable(str(p)) for p in parts), **kw)


def print_summary(r: dict) -> None:
    st = r["stats"]
    print(f"{r['account']}: {st['messages']} messages, {human_bytes(st['bytes'])} "
          f"(read {human_bytes(st['bytes_downloaded'])} in {st['seconds']:.1f} s)")
    for f in r["folders"]:
        print(f"  {f['name']}: {f['messages']} messages, {human_bytes(f['bytes'])}")
    if r["duplicates"]:
        print(f"Duplicates: {len(r['duplicates'])} groups, {human_bytes(st['wasted'])} can go")
    for title, key in (("Large messages", "large_messages"), ("Large attachments", "attachments"),
                       ("Old bulky mail", "old")):
        if r[key]:
            print(f"{title}: {len(r[key])}, {human_bytes(sum(x['size'] for x in r[key]))}")
    for s in r["senders"][:10]:
        print(f"  {s['key']}: {s['messages']} messages, {human_bytes(s['bytes'])}")
    if r["cancelled"]:
        print("Scan cancelled: partial results.")


def run_local(args: argparse.Namespace) -> int:
    from cleanup_desktop.core.mail.sources.localstore import scan_local

    opts = AnalysisOptions(large_min_size=args.large_min_size, attachment_min_size=args.attachment_min_size)
    bar = ProgressBar()
    result = scan_local(args.paths or None, opts, progress=bar)
    bar.close()
    if args.json:
        sys.stdout.write(json.dumps(result, ensure_ascii=True, indent=1) + "\n")
        return 0
    st = result["stats"]
    print(f"{len(result['stores'])} mail stores, {st['messages']} messages, {human_bytes(st['bytes'])}; "
          f"{human_bytes(st['compactable'])} waiting for 'Compact'")
    for s in result["stores"]:
        print(f"  {s['path']}: {s['messages']} messages, {human_bytes(s['bytes'])}")
    for o in result["outlook_files"]:
        print(f"  {o['path']}: Outlook .{o['kind']}, {human_bytes(o['size'])}")
    if result["duplicates"]:
        print(f"Duplicates: {len(result['duplicates'])} groups, {human_bytes(st['wasted'])}")
    for kind, text in result["how_to"].items():
        print(f"- {text}")
    for e in result["errors"]:
        print(f"cannot read {e['path']}: {e['error']}", file=sys.stderr)
    return 0


def run_accounts(args: argparse.Namespace) -> int:
    from cleanup_desktop.core.mail import accounts

    try:
        if args.accounts_cmd == "list":
            store = accounts.read_store()
            for a in store.accounts:
                print(account_line(a))
            for problem in store.problems:
                print(problem, file=sys.stderr)
        elif args.accounts_cmd == "add":
            acc = accounts.Account(name=args.name, kind=args.kind, host=args.host or "", user=args.user,
                                   port=args.port, security=args.security,
                                   auth=args.auth or ("ntlm" if args.kind == "ews" else "password"),
                                   client_id=args.client_id, tenant=args.tenant,
                                   trust_fingerprint=args.trust_fingerprint, folders=args.folder or [],
                                   url=args.url, email=args.email, authority=args.authority,
                                   endpoint=args.graph_endpoint,
                                   cafile=os.path.abspath(args.cafile) if args.cafile else None)
            accounts.upsert(acc)
            print(f"Saved account '{acc.name}' in {accounts.config_path()} (no password in that file).")
        elif args.accounts_cmd == "remove":
            if not accounts.remove(args.name):
                return fail("mail-accounts", f"no mail account named '{args.name}'.")
        elif args.accounts_cmd == "set-password":
            acc = accounts.find(args.name)
            if not acc.uses_password:
                return fail("mail-accounts", f"account '{acc.name}' signs in without a password ({acc.auth}).")
            if args.password_env:
                if args.password_env not in os.environ:
                    return fail("mail-accounts", f"environment variable {args.password_env} is not set.")
                pw = os.environ[args.password_env]
            else:
                pw = getpass.getpass(f"Password for {acc.user}@{acc.place}: ")
            accounts.set_password(acc.describe(), pw)
            print("Password saved in the system keyring.")
    except MailError as exc:
        return fail_mail(exc, "mail-accounts")
    return 0


def account_line(a) -> str:
    """One line of `mail-accounts list` (the IMAP line is the one earlier versions printed)."""
    from cleanup_desktop.core.mail import accounts

    saved = "password saved" if a.uses_password and accounts.get_password(a.describe()) else a.auth
    if a.kind == "imap":
        return f"{a.name}: {a.user}@{a.host}:{a.describe()['port']} ({a.security}, {saved})"
    if a.kind == "ews":
        return f"{a.name}: {a.user} on Exchange {a.url or 'autodiscover'} ({saved})"
    return f"{a.name}: {a.user or 'me'} on Microsoft 365, tenant {a.tenant} ({saved})"

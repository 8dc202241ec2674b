"""`cleanup-desktop mail-scan`: scan a mailbox over IMAP (read-only) and report findings."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Optional

from cleanup_desktop.cli.common import fail, mail_exit
from cleanup_desktop.cli.progress_bar import ProgressBar, human_bytes
from cleanup_desktop.core.mail.analysis import AnalysisOptions
from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.mail.sources.imap import SECURITY_MODES, Credentials, ImapSettings, is_loopback, normalise_fingerprint



def register(subparsers) -> None:
    p = subparsers.add_parser(
        "mail-scan", help="scan a mailbox over IMAP, Exchange (EWS) or Microsoft 365 (Graph); nothing is changed",
        description="Scan a mailbox over IMAP, Exchange (EWS) or Microsoft 365 (Graph): folder sizes, duplicates, large messages and "
                    "attachments, old bulky mail, bulk senders. Reads headers only; never marks "
                    "anything as read.")
    p.add_argument("--account", metavar="NAME", help="use a saved account (see mail-accounts); password from the keyring")
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
    from cleanup_desktop.cli import mail_exchange

    mail_exchange.add_arguments(p)  # --ews URL / --graph (Exchange, Microsoft 365)
    p.set_defaults(func=run_scan)

    ap = subparsers.add_parser(
        "mail-accounts", help="list, add or remove saved mail accounts (passwords go to the OS keyring)")
    asub = ap.add_subparsers(dest="accounts_cmd", metavar="ACTION", required=True)
    asub.add_parser("list", help="list saved accounts")
    add = asub.add_parser("add", help="add or replace an account")
    add.add_argument("name")
    add.add_argument("--host", required=True)
    add.add_argument("--user", required=True)
    add.add_argument("--port", type=int)
    add.add_argument("--security", choices=SECURITY_MODES, default="ssl")
    add.add_argument("--auth", choices=("password", "oauth-microsoft", "oauth-google"), default="password")
    add.add_argument("--client-id")
    add.add_argument("--tenant")
    add.add_argument("--trust-fingerprint", metavar="SHA256")
    add.add_argument("--folder", action="append", metavar="NAME")
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


def _apply_account(args: argparse.Namespace) -> Optional[str]:
    """Fill host/user/... from a saved account; returns an error message or None."""
    from cleanup_desktop.core.mail import accounts

    try:
        acc = accounts.find(args.account)
    except MailError as exc:
        return str(exc)
    args.host = args.host or acc.host
    args.user = args.user or acc.user
    args.port = args.port or acc.port
    args.security = args.security or acc.security
    args.trust_fingerprint = args.trust_fingerprint or acc.trust_fingerprint
    args.folder = args.folder or (acc.folders or None)
    if not args.password_env and not args.oauth:
        if acc.auth.startswith("oauth-"):
            args.oauth = acc.auth[6:]
            args.client_id = args.client_id or acc.client_id
            args.tenant = acc.tenant or args.tenant
        else:
            args.keyring_account = acc.describe()
    return None


def run_scan(args: argparse.Namespace) -> int:
    from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
    from cleanup_desktop.core.mail.scan import scan_mailbox

    from cleanup_desktop.cli import mail_exchange

    if mail_exchange.wanted(args):
        return mail_exchange.run(args, _options(args), lambda r: _show(args, r))
    args.keyring_account = None
    if args.account:
        err = _apply_account(args)
        if err:
            return fail("mail-scan", err)
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
    settings = ImapSettings(host=args.host, user=args.user, port=args.port, security=args.security,
                            trust_fingerprint=args.trust_fingerprint, cafile=args.cafile)
    extra = {}  # non-secret connection fields the clean step needs to reconnect
    if args.trust_fingerprint:
        extra["trust_fingerprint"] = args.trust_fingerprint
    if args.cafile:
        extra["cafile"] = os.path.abspath(args.cafile)
    if args.keyring_account:
        from cleanup_desktop.core.mail import accounts

        pw = accounts.get_password(args.keyring_account)
        if pw is None:
            return fail("mail-scan", f"no password saved for account '{args.account}': "
                                    "run mail-accounts set-password first.")
        creds = Credentials(password=pw)
    elif args.password_env:
        if args.password_env not in os.environ:
            return fail("mail-scan", f"environment variable {args.password_env} is not set.")
        creds = Credentials(password=os.environ[args.password_env])
        extra["password_env"] = args.password_env
    else:
        if not args.client_id:
            return fail("mail-scan", "--oauth needs --client-id (the application registered by your organisation).")
        from cleanup_desktop.core.mail.sources import oauth

        provider = oauth.OAuthSettings(provider=args.oauth, client_id=args.client_id, tenant=args.tenant,
                                       device_code=args.device_code)
        creds = Credentials(token_provider=lambda: oauth.access_token(provider, args.user, interactive=True,
                                                                      notify=lambda t: print(t, file=sys.stderr)))
        extra["oauth"] = {"provider": args.oauth, "client_id": args.client_id, "tenant": args.tenant}
    opts = _options(args)
    bar = ProgressBar()
    try:
        # one scan per process: nothing to reuse later, so the rescan memory (imap_cache) is off
        source = ImapSource(settings, creds, reuse_unchanged=False)
        result = scan_mailbox(source, args.folder, opts, progress=bar, connection=extra)
    except MailError as exc:
        bar.close()
        return fail("mail-scan", str(exc), mail_exit(exc.kind))
    bar.close()
    _show(args, result)
    return 0


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
            for a in accounts.load_accounts():
                saved = "password saved" if a.auth == "password" and accounts.get_password(a.describe()) else a.auth
                print(f"{a.name}: {a.user}@{a.host}:{a.describe()['port']} ({a.security}, {saved})")
        elif args.accounts_cmd == "add":
            acc = accounts.Account(name=args.name, host=args.host, user=args.user, port=args.port,
                                   security=args.security, auth=args.auth, client_id=args.client_id,
                                   tenant=args.tenant, trust_fingerprint=args.trust_fingerprint,
                                   folders=args.folder or [])
            accounts.upsert(acc)
            print(f"Saved account '{acc.name}' in {accounts.config_path()} (no password in that file).")
        elif args.accounts_cmd == "remove":
            if not accounts.remove(args.name):
                return fail("mail-accounts", f"no mail account named '{args.name}'.")
        elif args.accounts_cmd == "set-password":
            acc = accounts.find(args.name)
            if args.password_env:
                if args.password_env not in os.environ:
                    return fail("mail-accounts", f"environment variable {args.password_env} is not set.")
                pw = os.environ[args.password_env]
            else:
                pw = getpass.getpass(f"Password for {acc.user}@{acc.host}: ")
            accounts.set_password(acc.describe(), pw)
            print("Password saved in the system keyring.")
    except MailError as exc:
        return fail("mail-accounts", str(exc), mail_exit(exc.kind, ("args", "config")))
    return 0

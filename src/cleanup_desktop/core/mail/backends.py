"""One door for the GUI: a MailSource for any saved account dict, whatever its kind.

Account dicts are what ``source.describe()`` gives (and what plan actions carry):
    IMAP:  {"kind": "imap", "host", "port", "user", "security", ...}
    EWS:   {"kind": "ews", "user", "email", "url" (absent: autodiscover), "auth", "cafile"?}
    Graph: {"kind": "graph", "user", "tenant", "client_id", "endpoint"?}

    src = source_for(account, Credentials(password=pw))   # IMAP/EWS; Graph signs in with MSAL
    result = scan_mailbox(src, progress=cb, cancel=token)  # in a worker thread
    ok, message = test_connection(account, Credentials(password=pw))

Passwords (IMAP, EWS) live in the OS keyring (accounts.set_password(account, pw));
Microsoft 365 tokens in the keyring's MSAL cache (oauth.py). Cleaning goes through plans:
build_plan(result) then execute_plan(plan); the executor picks the cleaner by kind.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.mail.sources.imap import Credentials

KINDS = ("imap", "ews", "graph")


def _password(account: dict, credentials: Optional[Credentials]) -> Credentials:
    if credentials is not None:
        return credentials
    from cleanup_desktop.core.mail import accounts

    pw = accounts.get_password(account)
    if pw is None:
        raise MailError(f"No password saved for {account.get('user')}: enter it once, it is kept in the "
                        "system keyring.", "auth")
    return Credentials(password=pw)


def source_for(account: dict, credentials: Optional[Credentials] = None, *, interactive: bool = True,
               device_code: bool = False, notify: Callable[[str], None] = print, cancel=None):
    """The MailSource of an account dict (see the module doc)."""
    kind = account.get("kind", "imap")
    if kind == "imap":
        from cleanup_desktop.core.mail.clean.imap import settings_from_account
        from cleanup_desktop.core.mail.sources.imap_scan import ImapSource

        return ImapSource(settings_from_account(account), _password(account, credentials))
    if kind == "ews":
        from cleanup_desktop.core.mail.sources.ews import EwsSettings, EwsSource

        settings = EwsSettings.from_account(account)
        if settings.auth == "kerberos" and credentials is None:
            credentials = Credentials()  # the system's Kerberos ticket, no password
        return EwsSource(settings, _password(account, credentials), cancel=cancel)
    if kind == "graph":
        from cleanup_desktop.core.mail.sources.graph import GraphSettings, GraphSource, MsalTokens

        graph = GraphSettings.from_account(account)
        tokens: Any
        if credentials is not None and credentials.token_provider is not None:
            provider = credentials.token_provider

            class _Tokens:
                def token(self, force_refresh: bool = False) -> str:
                    return provider()

            tokens = _Tokens()
        else:
            tokens = MsalTokens(graph, device_code=device_code, interactive=interactive, notify=notify)
        return GraphSource(graph, tokens, cancel=cancel)
    raise MailError(f"Unknown mail account type '{kind}' (imap, ews or graph).", "args")


def test_connection(account: dict, credentials: Optional[Credentials] = None, **kw) -> tuple[bool, str]:
    """Sign in and list the folders: (True, "N folders") or (False, the clear message)."""
    try:
        src = source_for(account, credentials, **kw)
        src.connect()
        try:
            n = len(src.list_folders())
        finally:
            src.close()
    except MailError as exc:
        return False, str(exc)
    return True, f"Connected: {n} folders."

"""One door for the CLI and the GUI: a MailSource for any mail account, whatever its kind.

``account`` is a saved core.mail.accounts.Account (any kind), or an account dict as
``source.describe()`` gives it (and as plan actions carry it):
    IMAP:  {"kind": "imap", "host", "port", "user", "security", ...}
    EWS:   {"kind": "ews", "user", "email", "url" (absent: autodiscover), "auth", "cafile"?}
    Graph: {"kind": "graph", "user", "tenant", "client_id", "endpoint"?}

    src = source_for(account, Credentials(password=pw))   # IMAP/EWS; Graph signs in with MSAL
    result = scan_mailbox(src, progress=cb, cancel=token)  # in a worker thread
    ok, message = test_connection(account, Credentials(password=pw))

Without credentials, core.mail.credentials.resolve finds them: passwords (IMAP, EWS) in the
OS keyring (accounts.set_password(account, pw)), OAuth and Microsoft 365 tokens in the
keyring's token caches (oauth.py, graph.MsalTokens). Cleaning goes through plans:
build_plan(result) then execute_plan(plan); the executor picks the cleaner by kind.
"""

from __future__ import annotations

from typing import Callable, Optional

from cleanup_desktop.core.mail import accounts, credentials as _credentials
from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.mail.sources.imap import Credentials

KINDS = accounts.KINDS


def source_for(account, credentials: Optional[Credentials] = None, *, interactive: bool = True,
               device_code: bool = False, notify: Callable[[str], None] = print, cancel=None,
               reuse_unchanged: bool = True):
    """The MailSource of a saved ``accounts.Account`` or of an engine account dict (see the
    module doc). Without ``credentials``, the one resolver (core.mail.credentials) finds them."""
    saved = account if isinstance(account, accounts.Account) else None
    described = saved.describe() if saved else account
    if saved is not None:
        described = dict(described, **saved.connection_fields())
    kind = described.get("kind", "imap")
    if kind not in KINDS:
        raise MailError(f"Unknown mail account type '{kind}' (imap, ews or graph).", "args")
    if credentials is None:
        credentials = _credentials.resolve(saved or described, interactive=interactive, device_code=device_code,
                                           notify=notify, missing=NO_PASSWORD.format(user=described.get("user")))
    if kind == "imap":
        from cleanup_desktop.core.mail.clean.imap import settings_from_account
        from cleanup_desktop.core.mail.sources.imap_scan import ImapSource

        return ImapSource(settings_from_account(described), credentials, reuse_unchanged=reuse_unchanged)
    if kind == "ews":
        from cleanup_desktop.core.mail.sources.ews import EwsSettings, EwsSource

        return EwsSource(EwsSettings.from_account(described), credentials, cancel=cancel)
    from cleanup_desktop.core.mail.sources.graph import GraphSettings, GraphSource, MsalTokens
    from cleanup_desktop.core.mail.sources.graph_http import TokenSource

    settings = GraphSettings.from_account(described)
    tokens: TokenSource
    if credentials.token_provider is not None:
        provider = credentials.token_provider

        class _Tokens:
            def token(self, force_refresh: bool = False) -> str:
                return provider()

        tokens = _Tokens()
    else:
        tokens = MsalTokens(settings, device_code=device_code, interactive=interactive, notify=notify)
    return GraphSource(settings, tokens, cancel=cancel)


NO_PASSWORD = "No password saved for {user}: enter it once, it is kept in the system keyring."


def count_folders(src) -> int:
    """Sign in to a MailSource and list its folders; how many there are (raises MailError with
    a clear message)."""
    src.connect()
    try:
        return len(src.list_folders())
    finally:
        src.close()


def test_connection(account, credentials: Optional[Credentials] = None, **kw) -> tuple[bool, str]:
    """Sign in and list the folders: (True, "N folders") or (False, the clear message)."""
    try:
        n = count_folders(source_for(account, credentials, **kw))
    except MailError as exc:
        return False, str(exc)
    return True, f"Connected: {n} folders."

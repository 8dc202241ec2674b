"""The one credential resolver for every mail account kind, used by the CLI, the GUI and the
cleaners.

Where a secret comes from, in this order:
1. ``password_env``: an environment variable the user named on the command line (never one a
   plan or a journal names: anyone who can edit those files could point it anywhere);
2. OAuth (IMAP with Microsoft or Google sign-in): a token provider over the keyring's token
   cache (core.mail.sources.oauth), refreshed silently, signing in again when ``interactive``;
3. Exchange with Kerberos: the system's ticket, no secret;
4. Microsoft 365 (Graph): no Credentials secret, source_for signs in through MSAL's keyring
   cache (core.mail.sources.graph.MsalTokens);
5. the OS keyring (accounts.get_password), else NoSecret with the caller's sentence.
"""

from __future__ import annotations

import os
from typing import Callable, Optional, Union

from cleanup_desktop.core.mail import accounts
from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.mail.sources.imap import Credentials
from cleanup_desktop.core.messages import Reason

AnyAccount = Union[accounts.Account, dict]


class NoSecret(MailError):
    """No password saved for an account that needs one (kind "auth")."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "auth")


def _oauth_of(account: AnyAccount, action: Optional[dict]) -> Optional[dict]:
    if isinstance(account, accounts.Account):
        return account.connection_fields().get("oauth")
    cred = (action or {}).get("credential") or {}
    return cred.get("oauth") or account.get("oauth")


def resolve(account: AnyAccount, action: Optional[dict] = None, *, password_env: Optional[str] = None,
            interactive: bool = False, device_code: bool = False, notify: Callable[[str], None] = print,
            missing: Optional[str] = None) -> Credentials:
    """Credentials for ``account`` (a saved Account or the engine's account dict of a plan
    action). ``missing``: the sentence when no password is saved (each face names its own
    remedy: a CLI command, a GUI field)."""
    described = account.describe() if isinstance(account, accounts.Account) else account
    kind = described.get("kind", "imap")
    if password_env:
        if password_env not in os.environ:
            raise MailError(f"environment variable {password_env} is not set.", "args")
        return Credentials(password=os.environ[password_env])
    oauth_fields = _oauth_of(account, action) if kind == "imap" else None
    if oauth_fields:
        from cleanup_desktop.core.mail.sources import oauth

        settings = oauth.OAuthSettings(provider=oauth_fields["provider"], client_id=oauth_fields.get("client_id") or "",
                                       tenant=oauth_fields.get("tenant") or "organizations", device_code=device_code)
        user = described["user"]
        if interactive:
            return Credentials(token_provider=lambda: oauth.access_token(settings, user, interactive=True,
                                                                         notify=notify))
        return Credentials(token_provider=lambda: oauth.access_token(settings, user))
    if kind == "graph" or (kind == "ews" and described.get("auth") == "kerberos"):
        return Credentials()
    password = accounts.get_password(described)
    if password:
        return Credentials(password=password)
    raise NoSecret(missing or Reason("mail.no-password", account=f"{described.get('user')}@{described.get('host')}"))


def resolve_credentials(account: dict, action: dict) -> Credentials:
    """The cleaners' default resolver (a plan action's account): keyring or OAuth cache."""
    return resolve(account, action)

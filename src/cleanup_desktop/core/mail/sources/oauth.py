"""OAuth2 sign-in for IMAP (SASL XOAUTH2), tokens cached in the OS keyring only.

Microsoft 365 / Outlook.com: MSAL public client (never a client secret), device-code flow or
the system browser; tenant id and client id are account settings (the organisation's admin
registers the app with the delegated scope IMAP.AccessAsUser.All).
Gmail: installed-app loopback flow with PKCE (RFC 7636) on 127.0.0.1; client id is a setting.
Access tokens are refreshed silently from the cached refresh token.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import secrets
import threading
import time
import urllib.parse
import webbrowser
from dataclasses import dataclass
from typing import Any, Callable, Optional

import httpx
import keyring
import msal

from cleanup_desktop.core.mail.errors import AuthError, MailError

KEYRING_SERVICE = "cleanup-desktop-oauth"
MS_SCOPES = ["https://outlook.office.com/IMAP.AccessAsUser.All"]  # MSAL adds offline_access itself
GOOGLE_SCOPE = "https://mail.google.com/"
GOOGLE_AUTH_URL = "https://accounts.google.com/o/oauth2/v2/auth"
GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"


@dataclass
class OAuthSettings:
    provider: str  # "microsoft" | "google"
    client_id: str
    tenant: str = "organizations"  # Microsoft: tenant id, "organizations" or "consumers"
    device_code: bool = False  # Microsoft: device-code flow instead of the system browser
    client_secret: Optional[str] = None  # Google desktop clients get a non-confidential one
    auth_url: str = GOOGLE_AUTH_URL
    token_url: str = GOOGLE_TOKEN_URL
    scopes: Optional[list] = None  # Microsoft: None = IMAP.AccessAsUser.All; Graph passes Mail.ReadWrite
    authority: Optional[str] = None  # Microsoft: None = https://login.microsoftonline.com/<tenant>
    cafile: Optional[str] = None  # behind a TLS-inspecting proxy: the company CA (PEM) for the sign-in


def _cache_key(settings: OAuthSettings, user: str) -> str:
    return f"{settings.provider}:{settings.client_id}:{user}"


def _load(key: str) -> Optional[str]:
    try:
        return keyring.get_password(KEYRING_SERVICE, key)
    except Exception:
        return None


def _save(key: str, value: str) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, key, value)
    except Exception as exc:  # no keyring: tokens live for this session only
        raise MailError(f"Cannot store the sign-in in the system keyring ({exc}).", "keyring") from None


def forget(settings: OAuthSettings, user: str) -> None:
    try:
        keyring.delete_password(KEYRING_SERVICE, _cache_key(settings, user))
    except Exception:
        pass


def access_token(settings: OAuthSettings, user: str, interactive: bool = True,
                 notify: Callable[[str], None] = print,
                 open_browser: Callable[[str], object] = webbrowser.open, force_refresh: bool = False) -> str:
    """A valid access token for IMAP, from the keyring cache, a refresh, or a sign-in."""
    if settings.provider == "microsoft":
        return _microsoft_token(settings, user, interactive, notify, force_refresh)
    if settings.provider == "google":
        return _google_token(settings, user, interactive, notify, open_browser)
    raise MailError(f"Unknown OAuth provider '{settings.provider}'.", "args")


# -- Microsoft (MSAL) ---------------------------------------------------------------------

def _microsoft_token(settings: OAuthSettings, user: str, interactive: bool,
                     notify: Callable[[str], None], force_refresh: bool = False) -> str:
    scopes = settings.scopes or MS_SCOPES
    key = _cache_key(settings, user)
    cache = msal.SerializableTokenCache()
    saved = _load(key)
    if saved:
        cache.deserialize(saved)
    app = msal.PublicClientApplication(
        settings.client_id, authority=settings.authority or f"https://login.microsoftonline.com/{settings.tenant}",
        token_cache=cache, **({"instance_discovery": False} if settings.authority else {}),
        **({"verify": settings.cafile} if settings.cafile else {}))
    result = None
    accounts = app.get_accounts(username=user)
    if accounts:
        result = app.acquire_token_silent(scopes, account=accounts[0], force_refresh=force_refresh)
    if not result:
        if not interactive:
            raise AuthError("The Microsoft sign-in has expired: sign in again.")
        if settings.device_code:
            flow = app.initiate_device_flow(scopes=scopes)
            if "user_code" not in flow:
                raise AuthError(f"Microsoft sign-in could not start: {flow.get('error_description', flow)}")
            notify(flow["message"])
            result = app.acquire_token_by_device_flow(flow)
        else:
            result = app.acquire_token_interactive(scopes, login_hint=user)
    if "access_token" not in result:
        raise AuthError("Microsoft sign-in failed: "
                        f"{result.get('error_description') or result.get('error') or 'no token'}")
    if cache.has_state_changed:
        _save(key, cache.serialize())
    return result["access_token"]


# -- Google (loopback + PKCE) -------------------------------------------------------------

def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge) as in RFC 7636."""
    verifier = base64.urlsafe_b64encode(secrets.token_bytes(48)).rstrip(b"=").decode()
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


class _RedirectCatcher(http.server.BaseHTTPRequestHandler):
    result: dict = {}

    def do_GET(self):  # noqa: N802 - http.server API
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        self.server.result = {k: v[0] for k, v in query.items()}
        body = ("<html><body><p>Sign-in finished. You can close this window and return to "
                "Cleanup Desktop.</p></body></html>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep codes out of logs
        pass


def _token_request(settings: OAuthSettings, data: dict) -> dict:
    data = dict(data, client_id=settings.client_id)
    if settings.client_secret:
        data["client_secret"] = settings.client_secret
    try:
        r = httpx.post(settings.token_url, data=data, timeout=30)
    except httpx.HTTPError as exc:
        raise MailError(f"Cannot reach the Google sign-in service ({exc}).", "down") from None
    try:
        payload = r.json()
    except ValueError:
        payload = {}
    if r.status_code != 200 or "access_token" not in payload:
        raise AuthError("Google sign-in failed: "
                        f"{payload.get('error_description') or payload.get('error') or r.status_code}")
    return payload


def _google_token(settings: OAuthSettings, user: str, interactive: bool,
                  notify: Callable[[str], None], open_browser: Callable[[str], object],
                  timeout: float = 300) -> str:
    key = _cache_key(settings, user)
    cached = json.loads(_load(key) or "{}")
    if cached.get("access_token") and cached.get("expires_at", 0) > time.time() + 60:
        return cached["access_token"]
    if cached.get("refresh_token"):
        try:
            tok = _token_request(settings, {"grant_type": "refresh_token",
                                            "refresh_token": cached["refresh_token"]})
            cached.update(access_token=tok["access_token"],
                          expires_at=time.time() + int(tok.get("expires_in", 3600)))
            if tok.get("refresh_token"):
                cached["refresh_token"] = tok["refresh_token"]
            _save(key, json.dumps(cached))
            return cached["access_token"]
        except AuthError:
            if not interactive:
                raise
    if not interactive:
        raise AuthError("The Google sign-in has expired: sign in again.")
    verifier, challenge = pkce_pair()
    state = secrets.token_urlsafe(16)
    server: Any = http.server.HTTPServer(("127.0.0.1", 0), _RedirectCatcher)  # + .result, read by the handler
    server.result = {}
    server.timeout = 1
    redirect = f"http://127.0.0.1:{server.server_address[1]}"
    url = settings.auth_url + "?" + urllib.parse.urlencode({
        "client_id": settings.client_id, "redirect_uri": redirect, "response_type": "code",
        "scope": GOOGLE_SCOPE, "code_challenge": challenge, "code_challenge_method": "S256",
        "state": state, "access_type": "offline", "prompt": "consent", "login_hint": user})
    notify(f"Opening your browser to sign in to Google. If it does not open, visit: {url}")
    deadline = time.monotonic() + timeout
    try:
        threading.Thread(target=open_browser, args=(url,), daemon=True).start()
        while not server.result and time.monotonic() < deadline:
            server.handle_request()
    finally:
        server.server_close()
    got = server.result
    if not got:
        raise AuthError("Google sign-in timed out: the browser did not come back.")
    if got.get("state") != state:
        raise AuthError("Google sign-in answer did not match this request (state); try again.")
    if "code" not in got:
        raise AuthError(f"Google sign-in was refused: {got.get('error', 'no code')}")
    tok = _token_request(settings, {"grant_type": "authorization_code", "code": got["code"],
                                    "redirect_uri": redirect, "code_verifier": verifier})
    cached = {"access_token": tok["access_token"], "refresh_token": tok.get("refresh_token"),
              "expires_at": time.time() + int(tok.get("expires_in", 3600))}
    _save(key, json.dumps(cached))
    return cached["access_token"]

"""OAuth2 (Google loopback + PKCE flow, token cache and refresh, XOAUTH2 into a real Dovecot
validating tokens by introspection) and saved accounts with keyring passwords."""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import os
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import httpx
import keyring
import pytest

from dovecot import Dovecot
from cleanup_desktop.core.mail import accounts
from cleanup_desktop.core.mail.sources import oauth
from cleanup_desktop.core.mail.errors import AuthError
from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings
from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
from cleanup_desktop.core.mail.scan import scan_mailbox


class IdP:
    """A tiny OAuth2 provider: /token (authorization_code with PKCE S256, refresh_token) and
    /introspect for Dovecot's oauth2 passdb."""

    def __init__(self):
        self.codes: dict[str, str] = {}  # code -> challenge
        self.active: set[str] = set()
        self.refresh: set[str] = set()
        self.grants: list[str] = []
        idp = self

        class H(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                form = urllib.parse.parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                f = {k: v[0] for k, v in form.items()}
                if self.path == "/introspect":
                    ok = f.get("token") in idp.active
                    return self._json(200, {"active": ok, "email": "test"} if ok else {"active": False})
                idp.grants.append(f.get("grant_type", ""))
                if f.get("grant_type") == "authorization_code":
                    challenge = idp.codes.pop(f.get("code"), None)
                    digest = base64.urlsafe_b64encode(hashlib.sha256(f.get("code_verifier", "").encode()).digest())
                    if challenge is None or digest.rstrip(b"=").decode() != challenge:
                        return self._json(400, {"error": "invalid_grant", "error_description": "bad PKCE verifier"})
                elif f.get("grant_type") == "refresh_token":
                    if f.get("refresh_token") not in idp.refresh:
                        return self._json(400, {"error": "invalid_grant", "error_description": "Token has been revoked."})
                else:
                    return self._json(400, {"error": "unsupported_grant_type"})
                token = f"at-{len(idp.grants)}"
                idp.active.add(token)
                rt = f"rt-{len(idp.grants)}"
                idp.refresh.add(rt)
                return self._json(200, {"access_token": token, "expires_in": 3600, "refresh_token": rt})

            def _json(self, code, obj):
                data = json.dumps(obj).encode()
                self.send_response(code)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def browser(self, visits: list, deny: bool = False, wrong_state: bool = False):
        """Stands in for the user's browser: consents and follows the redirect to the loopback."""

        def open_url(url: str):
            q = {k: v[0] for k, v in urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).items()}
            visits.append(q)
            assert q["code_challenge_method"] == "S256" and q["redirect_uri"].startswith("http://127.0.0.1:")
            code = f"code-{len(visits)}"
            self.codes[code] = q["code_challenge"]
            params = {"code": code, "state": "x" if wrong_state else q["state"]}
            if deny:
                params = {"error": "access_denied", "state": q["state"]}
            httpx.get(q["redirect_uri"] + "/?" + urllib.parse.urlencode(params), timeout=10)

        return open_url


@pytest.fixture(scope="module")
def idp():
    p = IdP()
    yield p
    p.server.shutdown()


@pytest.fixture(scope="module")
def oauth_dovecot(idp):
    d = Dovecot()
    conf = d.root / "oauth2.conf.ext"
    conf.write_text(f"introspection_mode = post\nintrospection_url = {idp.url}/introspect\n"
                    "username_attribute = email\nactive_attribute = active\nactive_value = true\n")
    d.extra_conf = ("auth_mechanisms = plain login xoauth2 oauthbearer\n"
                    f"passdb {{\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = {conf}\n}}\n")
    d.start()
    yield d
    d.cleanup()


def test_google_pkce_flow_cache_refresh_and_xoauth2(idp, oauth_dovecot, file_keyring):
    settings = oauth.OAuthSettings(provider="google", client_id="cid.apps.example",
                                   auth_url=idp.url + "/auth", token_url=idp.url + "/token")
    visits: list = []
    token = oauth.access_token(settings, "test", notify=lambda t: None, open_browser=idp.browser(visits))
    assert len(visits) == 1 and visits[0]["client_id"] == "cid.apps.example" and visits[0]["login_hint"] == "test"
    cached = json.loads(file_keyring.read_text())
    assert any(token in v for v in cached.values())  # stored in the keyring only
    # second call: from the cache, no browser
    assert oauth.access_token(settings, "test", open_browser=idp.browser(visits)) == token and len(visits) == 1
    # XOAUTH2 into Dovecot with that token, through the scan
    imap = ImapSettings("127.0.0.1", "test", oauth_dovecot.port, "insecure-plain", timeout=10)
    creds = Credentials(token_provider=lambda: oauth.access_token(settings, "test", interactive=False))
    r = scan_mailbox(ImapSource(imap, creds))
    assert r["account"] == "test@127.0.0.1" and r["stats"]["messages"] == 0
    # expired access token: refreshed silently with the refresh token
    key = next(k for k in cached)
    data = json.loads(cached[key])
    data["expires_at"] = time.time() - 10
    keyring.set_password(oauth.KEYRING_SERVICE, key.split("\0", 1)[1], json.dumps(data))
    fresh = oauth.access_token(settings, "test", interactive=False)
    assert fresh != token and idp.grants[-1] == "refresh_token" and len(visits) == 1
    # a token the server no longer accepts: a clear sign-in message
    idp.active.discard(fresh)
    with pytest.raises(AuthError, match="sign in again"):
        scan_mailbox(ImapSource(imap, creds))
    # revoked refresh token and no interaction allowed: clear message
    data = json.loads(keyring.get_password(oauth.KEYRING_SERVICE, key.split("\0", 1)[1]))
    data.update(expires_at=0, refresh_token="revoked")
    keyring.set_password(oauth.KEYRING_SERVICE, key.split("\0", 1)[1], json.dumps(data))
    with pytest.raises(AuthError, match="revoked"):
        oauth.access_token(settings, "test", interactive=False)


def test_google_flow_refusals(idp, file_keyring):
    settings = oauth.OAuthSettings(provider="google", client_id="cid", auth_url=idp.url + "/auth",
                                   token_url=idp.url + "/token")
    with pytest.raises(AuthError, match="refused: access_denied"):
        oauth.access_token(settings, "a", notify=lambda t: None, open_browser=idp.browser([], deny=True))
    with pytest.raises(AuthError, match="did not match"):
        oauth.access_token(settings, "b", notify=lambda t: None, open_browser=idp.browser([], wrong_state=True))


def test_pkce_pair_is_rfc7636():
    verifier, challenge = oauth.pkce_pair()
    assert 43 <= len(verifier) <= 128
    assert challenge == base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def test_accounts_file_has_no_secret_and_cli_uses_keyring(mailbox, dovecot, file_keyring, isolated_home):
    acc = accounts.Account(name="Work", host="127.0.0.1", user="test", port=dovecot.port, security="insecure-plain")
    accounts.upsert(acc)
    accounts.set_password(acc.describe(), "secret")
    text = accounts.config_path().read_text()
    assert "secret" not in text and json.loads(text)["accounts"][0]["host"] == "127.0.0.1"
    assert accounts.get_password(acc.describe()) == "secret"
    with pytest.raises(Exception, match="only allowed to this computer"):
        accounts.upsert(accounts.Account(name="Bad", host="mail.example.org", user="u", security="insecure-plain"))
    accounts.remove("Work")  # "Home" below is the same login: with "Work" kept, its password would stay
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="file_keyring.FileKeyring",
               PYTHONPATH=str(Path(__file__).parent), NEWPW="secret")

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "cleanup_desktop", *args], capture_output=True, text=True,
                              env=env, timeout=60)

    p = cli("mail-accounts", "add", "Home", "--host", "127.0.0.1", "--port", str(dovecot.port),
            "--security", "insecure-plain", "--user", "test")
    assert p.returncode == 0, p.stderr
    p = cli("mail-scan", "--account", "Home", "--json")
    assert p.returncode == 2 and "no password saved" in p.stderr
    assert cli("mail-accounts", "set-password", "Home", "--password-env", "NEWPW").returncode == 0
    p = cli("mail-scan", "--account", "Home", "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["stats"]["messages"] == 21
    p = cli("mail-accounts", "list")
    assert "Home: test@127.0.0.1" in p.stdout and "password saved" in p.stdout
    assert cli("mail-accounts", "remove", "Home").returncode == 0
    assert json.loads(file_keyring.read_text()) == {}  # its password left the keyring too
    assert "secret" not in accounts.config_path().read_text()

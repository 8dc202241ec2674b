"""A local Microsoft identity platform (v2.0) endpoint for the real MSAL: OpenID discovery,
device authorization (RFC 8628) and the token endpoint (device_code and refresh_token grants),
over HTTPS with a self-signed certificate (MSAL's requests session trusts it through
REQUESTS_CA_BUNDLE). Shapes from Microsoft Learn "OAuth 2.0 device authorization grant" and
"Microsoft identity platform ID tokens"; tokens are opaque strings, the ID token an unsigned
JWT with the claims MSAL checks (iss, aud, exp, iat, oid, tid, preferred_username)."""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


class Authority:
    def __init__(self, ssl_context, tenant: str = "contoso", user: str = "anna@contoso.com",
                 on_token=lambda token: None) -> None:
        self.tenant, self.user, self.on_token = tenant, user, on_token
        self.grants: list[str] = []  # grant types asked, in order
        self.scopes: list[str] = []
        self.refresh_tokens: set[str] = set()
        self.count = 0
        handler = type("Handler", (_Handler,), {"authority": self})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.socket = ssl_context.wrap_socket(self.httpd.socket, server_side=True)
        self.base = f"https://127.0.0.1:{self.httpd.server_address[1]}"
        self.url = f"{self.base}/{tenant}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def tokens(self, client_id: str, scope: str) -> dict:
        self.count += 1
        now = int(time.time())
        access, refresh = f"msal-at-{self.count}", f"msal-rt-{self.count}"
        self.refresh_tokens.add(refresh)
        self.on_token(access)
        id_token = ".".join([_b64({"alg": "none", "typ": "JWT"}), _b64({
            "iss": f"{self.url}/v2.0", "aud": client_id, "exp": now + 3600, "iat": now, "nbf": now,
            "oid": "00000000-0000-0000-0000-0000000000aa", "sub": "anna", "tid": "t-1",
            "preferred_username": self.user, "name": "Anna"}), ""])
        return {"token_type": "Bearer", "scope": scope, "expires_in": 3600, "ext_expires_in": 3600,
                "access_token": access, "refresh_token": refresh, "id_token": id_token,
                "client_info": _b64({"uid": "00000000-0000-0000-0000-0000000000aa", "utid": "t-1"})}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    authority: Authority

    def log_message(self, *args):
        pass

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):  # noqa: N802
        a = self.authority
        if self.path.split("?")[0] == f"/{a.tenant}/v2.0/.well-known/openid-configuration":
            return self._json(200, {
                "issuer": f"{a.url}/v2.0", "token_endpoint": f"{a.url}/oauth2/v2.0/token",
                "authorization_endpoint": f"{a.url}/oauth2/v2.0/authorize",
                "device_authorization_endpoint": f"{a.url}/oauth2/v2.0/devicecode",
                "response_types_supported": ["code"], "scopes_supported": ["openid", "profile", "offline_access"]})
        self._json(404, {"error": "not_found"})

    def do_POST(self):  # noqa: N802
        a = self.authority
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()).items()}
        path = self.path.split("?")[0]
        if path == f"/{a.tenant}/oauth2/v2.0/devicecode":
            a.scopes.append(form.get("scope", ""))
            return self._json(200, {"device_code": "dev-code-1", "user_code": "ABCD-EFGH",
                                    "verification_uri": "https://microsoft.com/devicelogin", "expires_in": 900,
                                    "interval": 1, "message": "To sign in, use a web browser to open the page "
                                    "https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate."})
        if path == f"/{a.tenant}/oauth2/v2.0/token":
            grant = form.get("grant_type", "")
            a.grants.append(grant)
            if grant == "urn:ietf:params:oauth:grant-type:device_code" and form.get("device_code") == "dev-code-1":
                return self._json(200, a.tokens(form.get("client_id", ""), form.get("scope", "")))
            if grant == "refresh_token" and form.get("refresh_token") in a.refresh_tokens:
                a.refresh_tokens.discard(form["refresh_token"])
                return self._json(200, a.tokens(form.get("client_id", ""), form.get("scope", "")))
            return self._json(400, {"error": "invalid_grant", "error_description": "AADSTS70000: expired"})
        self._json(404, {"error": "not_found"})

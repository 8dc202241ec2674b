"""A small Microsoft Graph client over httpx: bearer token with one silent refresh on 401,
throttling (429/503/504 with Retry-After) waited out, @odata.nextLink paging and JSON
batching ($batch, 20 requests per call, throttled sub-requests sent again).

    client = GraphClient(token_source, "https://graph.microsoft.com/v1.0")
    for msg in client.pages("/me/mailFolders/inbox/messages", {"$top": 100}): ...
    answers = client.batch([{"method": "GET", "url": "/me/messages/ID/attachments"}])
"""

from __future__ import annotations

from typing import Any, Iterator, Optional, Protocol
from urllib.parse import urlsplit

import httpx

from cleanup_desktop.core.mail.errors import AuthError, ConnectionLost, MailError, UntrustedCertificate
from cleanup_desktop.core.mail.sources.remote_items import wait_backoff
from cleanup_desktop.core.progress import CancelToken
from cleanup_desktop.core.messages import Reason, os_error

GRAPH_URL = "https://graph.microsoft.com/v1.0"
BATCH_LIMIT = 20  # Graph JSON batching takes at most 20 requests
RETRY_STATUS = (429, 503, 504)
MAX_TRANSIENT = 4  # dropped connections retried for reads


class TokenSource(Protocol):
    """Gives an access token for Graph; ``force_refresh`` asks for a new one (after a 401)."""

    def token(self, force_refresh: bool = False) -> str: ...


class GraphError(MailError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message, "graph")
        self.status = status
        self.code = code


def _error_of(status: int, payload) -> tuple[str, str]:
    err = (payload or {}).get("error") if isinstance(payload, dict) else None
    if isinstance(err, dict):
        return str(err.get("code") or status), str(err.get("message") or "")
    return str(status), ""


def _retry_after(headers) -> Optional[float]:
    value = (headers or {}).get("Retry-After") or (headers or {}).get("retry-after")
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


class GraphClient:
    def __init__(self, tokens: TokenSource, base_url: str = GRAPH_URL, timeout: float = 60.0,
                 cancel: Optional[CancelToken] = None, verify=True) -> None:
        self.tokens = tokens
        self.base_url = base_url.rstrip("/")
        self.cancel = cancel
        self.host = urlsplit(self.base_url).hostname or "graph"
        self.http = httpx.Client(timeout=timeout, verify=verify, headers={"Accept": "application/json"})
        self.bytes_read = 0
        self._token: Optional[str] = None
        self.requests = 0

    def close(self) -> None:
        self.http.close()

    def _url(self, path: str) -> str:
        return path if path.startswith("http") else self.base_url + path

    def _auth(self, force: bool = False) -> str:
        if self._token is None or force:
            self._token = self.tokens.token(force_refresh=force)
        return self._token

    def _send(self, method: str, url: str, **kw) -> httpx.Response:
        try:
            r = self.http.request(method, url, **kw)
        except httpx.ConnectError as exc:
            text = str(exc)
            if "CERTIFICATE_VERIFY_FAILED" in text:
                raise UntrustedCertificate(Reason("mail.untrusted", where=self.host, error=os_error(text))) from None
            if "Name or service not known" in text or "getaddrinfo" in text or "nodename" in text:
                raise MailError(Reason("graph.dns", host=self.host), "dns") from None
            raise MailError(Reason("graph.down", host=self.host, error=os_error(text or "refused")), "down") from None
        except httpx.TimeoutException:
            raise MailError(Reason("graph.timeout", host=self.host), "timeout") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError):
            raise ConnectionLost(Reason("graph.cut", host=self.host)) from None
        self.requests += 1
        self.bytes_read += len(r.content)
        return r

    def request(self, method: str, path: str, params: Optional[dict] = None, json=None,
                idempotent: Optional[bool] = None) -> dict:
        """One call; returns the JSON body ({} when empty). Raises GraphError/AuthError."""
        idempotent = method in ("GET", "DELETE") if idempotent is None else idempotent
        refreshed = False
        waited = 0.0
        cuts = 0
        while True:
            headers = {"Authorization": "Bearer " + self._auth()}
            try:
                r = self._send(method, self._url(path), params=params, json=json, headers=headers)
            except ConnectionLost:
                cuts += 1
                if not idempotent or cuts > MAX_TRANSIENT:
                    raise
                continue
            if r.status_code in RETRY_STATUS:
                ra = _retry_after(r.headers)
                waited = wait_backoff(ra if ra is not None else 2.0, waited, self.cancel,
                                      f"Microsoft Graph ({self.host})")
                continue
            if r.status_code == 401 and not refreshed:
                refreshed = True
                self._auth(force=True)
                continue
            return self._body(r)

    def _body(self, r: httpx.Response) -> dict:
        try:
            payload = r.json() if r.content else {}
        except ValueError:
            payload = {}
        if r.status_code < 300:
            return payload
        code, message = _error_of(r.status_code, payload)
        raise self.error(r.status_code, code, message)

    def error(self, status: int, code: str, message: str) -> MailError:
        if status == 401:
            return AuthError(Reason("graph.sign-in-refused", error=os_error(f"{code}: {message}")))
        if status == 403:
            return GraphError(status, code, "Microsoft 365 refused access to the mailbox: the app needs the "
                                            "delegated permission Mail.ReadWrite, granted by you or your "
                                            f"administrator ({code}).")
        if status == 404:
            return GraphError(status, code, f"Not found on Microsoft 365 ({code}: {message}).")
        return GraphError(status, code, f"Microsoft Graph answered {status} ({code}: {message}).")

    def pages(self, path: str, params: Optional[dict] = None) -> Iterator[list[dict]]:
        """Each page's "value", following @odata.nextLink until the last page."""
        url: Optional[str] = path
        p = params
        while url:
            body = self.request("GET", url, params=p)
            yield body.get("value", [])
            url, p = body.get("@odata.nextLink"), None

    def batch(self, requests: list[dict]) -> list[dict]:
        """Answers ({"status", "headers", "body"}) in the order of ``requests`` (each
        {"method", "url", "body"?}); 429/503 sub-answers are asked again after Retry-After.
        Non-idempotent requests are sent again only when the answer says they were not run."""
        out: list[Optional[dict]] = [None] * len(requests)
        for start in range(0, len(requests), BATCH_LIMIT):
            pending = list(range(start, min(start + BATCH_LIMIT, len(requests))))
            waited = 0.0
            refreshed = False
            while pending:
                body: dict[str, Any] = {"requests": []}
                for i in pending:
                    rq = requests[i]
                    item = {"id": str(i), "method": rq["method"], "url": rq["url"]}
                    if rq.get("body") is not None:
                        item["body"] = rq["body"]
                        item["headers"] = {"Content-Type": "application/json"}
                    body["requests"].append(item)
                reads = all(requests[i]["method"] == "GET" for i in pending)
                answer = self.request("POST", "/$batch", json=body, idempotent=reads)
                again, delay = [], 0.0
                by_id = {int(a["id"]): a for a in answer.get("responses", [])}
                for i in pending:
                    a = by_id.get(i)
                    if a is None or int(a.get("status", 0)) in RETRY_STATUS:
                        again.append(i)
                        ra = _retry_after((a or {}).get("headers"))
                        delay = max(delay, ra if ra is not None else 1.0)
                    elif int(a["status"]) == 401 and not refreshed:
                        again.append(i)
                    else:
                        out[i] = {"status": int(a["status"]), "headers": a.get("headers") or {},
                                  "body": a.get("body") or {}}
                if again and any(int((by_id.get(i) or {}).get("status", 0)) == 401 for i in again):
                    refreshed = True
                    self._auth(force=True)
                elif again:
                    waited = wait_backoff(delay, waited, self.cancel, f"Microsoft Graph ({self.host})")
                pending = again
        return out  # type: ignore[return-value]

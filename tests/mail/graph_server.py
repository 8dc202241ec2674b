"""A local Microsoft Graph (v1.0) mail endpoint answering protocol-accurate JSON over a Store.

Shapes follow the Graph reference (Microsoft Learn: mailFolder, message, attachment,
singleValueLegacyExtendedProperty, "JSON batching", "throttling", "error responses"):
- GET /me/mailFolders, /me/mailFolders/{id|well-known}, /me/mailFolders/{id}/childFolders
  ($top, $select, $expand=singleValueExtendedProperties($filter=id eq 'Long 0x0E08'))
- GET /me/mailFolders/{id}/messages ($select, $top, $orderby=receivedDateTime,
  $filter=internetMessageId eq '…', $expand of extended properties, @odata.nextLink with $skip)
- GET /me/messages/{id} ($select incl. internetMessageHeaders), /me/messages/{id}/attachments
- POST /me/messages/{id}/move {"destinationId"} -> 201 with the moved message (new id)
- DELETE /me/messages/{id} -> 204 (soft delete: kept for retention)
- POST /$batch (at most 20 requests; each answered with id/status/headers/body)
- 429 with Retry-After when asked to throttle, 401 InvalidAuthenticationToken for an
  expired token, 403 ErrorAccessDenied when the token lacks Mail.ReadWrite.
"""

from __future__ import annotations

import json
import re
import threading
from datetime import timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from urllib.parse import parse_qs, unquote, urlsplit

from fake_store import Store, StoredFolder, StoredMessage

WELL_KNOWN = ("inbox", "deleteditems", "sentitems", "drafts", "junkemail", "archive", "msgfolderroot")
PS_INTERNET_HEADERS = "{00020386-0000-0000-c000-000000000046}"


def _iso(dt) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _err(status: int, code: str, message: str) -> tuple[int, dict, dict]:
    return status, {}, {"error": {"code": code, "message": message,
                                  "innerError": {"date": "2026-11-25T10:00:00", "request-id": "0000",
                                                 "client-request-id": "0000"}}}


class GraphState:
    def __init__(self, store: Store, base: str) -> None:
        self.store = store
        self.base = base  # e.g. http://127.0.0.1:PORT/v1.0
        self.tokens = {"good-token"}  # accepted access tokens
        self.expired = {"expired-token"}
        self.no_mail_scope = set()  # tokens without Mail.ReadWrite
        self.throttle: dict[str, int] = {}  # "list" | "batch" | "sub" | "move" | "any" -> remaining 429s
        self.retry_after = 1
        self.unavailable = 0  # remaining 503 answers
        self.fail_moves = False  # move answers 201 but leaves the message (verification must catch it)
        self.lose_answer = 0  # $batch calls with a move to act on, then drop the connection unanswered
        self.log: list[tuple[str, str]] = []  # (method, path) of every top-level and batched request
        self.lock = threading.Lock()

    def take(self, kind: str) -> bool:
        with self.lock:
            for k in (kind, "any"):
                if self.throttle.get(k, 0) > 0:
                    self.throttle[k] -= 1
                    return True
        return False


# -- resources -----------------------------------------------------------------------------

def _norm(prop_id: str) -> str:
    """Property ids compare without case and leading zeros of the tag (0x0E08 == 0xe08)."""
    return re.sub(r"0x0*([0-9a-f]+)", r"0x\1", prop_id.lower())


def _props_wanted(expand: str) -> list[str]:
    return [_norm(m) for m in re.findall(r"id eq '([^']+)'", expand or "")]


def _ext_props(values: dict[str, object], wanted: list[str]) -> list[dict]:
    return [{"id": k, "value": str(v)} for k, v in values.items() if _norm(k) in wanted and v is not None]


def folder_json(store: Store, f: StoredFolder, select: Optional[set], expand: str) -> dict:
    items = store.in_folder(f.id)
    full = {"id": f.id, "displayName": f.name, "parentFolderId": f.parent_id,
            "childFolderCount": len(store.children(f.id)), "unreadItemCount": sum(1 for m in items if not m.is_read),
            "totalItemCount": len(items), "isHidden": False}
    out = {k: v for k, v in full.items() if select is None or k in select or k == "id"}
    wanted = _props_wanted(expand)
    if wanted:
        out["singleValueExtendedProperties"] = _ext_props({"Long 0xe08": store.folder_size(f.id)}, wanted)
    return out


def message_json(store: Store, m: StoredMessage, select: Optional[set], expand: str) -> dict:
    full = {
        "@odata.etag": 'W/"CQAAABYAAAB"', "id": m.id, "createdDateTime": _iso(m.received),
        "lastModifiedDateTime": _iso(m.last_modified), "changeKey": m.change_key, "categories": [],
        "receivedDateTime": _iso(m.received), "sentDateTime": _iso(m.sent) if m.sent else None,
        "hasAttachments": any(not a.is_inline for a in m.attachments),
        "internetMessageId": m.message_id, "subject": m.subject, "importance": "normal",
        "parentFolderId": m.folder_id, "isRead": m.is_read, "isDraft": False,
        "from": {"emailAddress": {"name": m.sender_name or m.sender_email, "address": m.sender_email}},
        "sender": {"emailAddress": {"name": m.sender_name or m.sender_email, "address": m.sender_email}},
        "toRecipients": [{"emailAddress": {"name": n or e, "address": e}} for n, e in m.to],
    }
    full["flag"] = {"flagStatus": "flagged" if m.flagged else "notFlagged"}
    full["body"] = {"contentType": "text", "content": m.body}
    out = {k: v for k, v in full.items() if select is None or k in select or k in ("id", "@odata.etag")}
    if select is not None and "internetMessageHeaders" in select:
        out["internetMessageHeaders"] = [{"name": k, "value": v} for k, v in m.headers]
    if select is not None and "internetMessageId" in select and not m.message_id:
        out.pop("internetMessageId", None)  # Graph leaves the property out when there is none
    wanted = _props_wanted(expand)
    if wanted:
        values = {"Integer 0xe08": m.size}
        for h in ("List-Id", "List-Unsubscribe"):
            v = m.header(h)
            values[f"String {PS_INTERNET_HEADERS} Name {h}"] = " ".join(v.split()) if v else None
        out["singleValueExtendedProperties"] = _ext_props(values, wanted)
    return out


def attachment_json(a, select: Optional[set]) -> dict:
    kind = "#microsoft.graph.itemAttachment" if a.is_item else "#microsoft.graph.fileAttachment"
    full = {"@odata.type": kind, "id": a.id, "lastModifiedDateTime": "2026-03-02T09:00:00Z", "name": a.name,
            "contentType": a.content_type, "size": a.size, "isInline": a.is_inline}
    return {k: v for k, v in full.items() if select is None or k in select or k in ("@odata.type", "id")}


class Api:
    """Routes one Graph request (top-level or inside $batch) to (status, headers, body)."""

    def __init__(self, state: GraphState) -> None:
        self.state = state

    def folder(self, ref: str) -> Optional[StoredFolder]:
        store = self.state.store
        ref = unquote(ref)
        if ref.lower() in WELL_KNOWN:
            try:
                return store.by_well_known(ref.lower())
            except StopIteration:
                return None
        return store.folders.get(ref)

    def handle(self, method: str, url: str, body) -> tuple[int, dict, dict]:
        st = self.state
        parts = urlsplit(url)
        path = re.sub(r"^/v1\.0", "", parts.path)
        q = {k: v[0] for k, v in parse_qs(parts.query).items()}
        select = set(q["$select"].split(",")) if "$select" in q else None
        expand = q.get("$expand", "")
        st.log.append((method, path))
        store = st.store
        with store.lock:
            m = re.fullmatch(r"/me/mailFolders(?:/([^/]+))?(?:/(childFolders|messages))?", path)
            if m and method == "GET":
                ref, sub = m.group(1), m.group(2)
                if ref is None:
                    return self._page([folder_json(store, f, select, expand)
                                       for f in sorted(store.children(store.root.id), key=lambda f: f.name)], q, url)
                f = self.folder(ref)
                if f is None:
                    return _err(404, "ErrorItemNotFound", "The specified object was not found in the store.")
                if sub is None:
                    return 200, {}, folder_json(store, f, select, expand)
                if sub == "childFolders":
                    return self._page([folder_json(store, c, select, expand)
                                       for c in sorted(store.children(f.id), key=lambda c: c.name)], q, url)
                if st.take("list"):
                    return 429, {"Retry-After": str(st.retry_after)}, _err(429, "TooManyRequests",
                                                                           "Please retry again later.")[2]
                orderby = q.get("$orderby", "receivedDateTime desc").split()
                items = store.in_folder(f.id, "modified" if orderby[0] == "lastModifiedDateTime" else "received",
                                        not (len(orderby) > 1 and orderby[1] == "asc"))
                flt = re.fullmatch(r"internetMessageId eq '(.*)'", q.get("$filter", ""))
                if flt:
                    items = [x for x in items if x.message_id == flt.group(1).replace("''", "'")]
                return self._page([message_json(store, x, select, expand) for x in items], q, url)
            m = re.fullmatch(r"/me/messages/([^/]+)(?:/(attachments|move))?", path)
            if m:
                msg = store.messages.get(unquote(m.group(1)))
                if msg is None:
                    return _err(404, "ErrorItemNotFound", "The specified object was not found in the store.")
                if m.group(2) is None and method == "GET":
                    return 200, {}, message_json(store, msg, select, expand)
                if m.group(2) is None and method == "DELETE":
                    store.hard_delete(msg.id)
                    return 204, {}, {}
                if m.group(2) == "attachments" and method == "GET":
                    return 200, {}, {"value": [attachment_json(a, select) for a in msg.attachments]}
                if m.group(2) == "move" and method == "POST":
                    if st.take("move"):
                        return 429, {"Retry-After": str(st.retry_after)}, _err(429, "TooManyRequests",
                                                                               "Please retry again later.")[2]
                    dest = self.folder((body or {}).get("destinationId", ""))
                    if dest is None:
                        return _err(404, "ErrorInvalidIdMalformed", "Id is malformed.")
                    if st.fail_moves:
                        return 201, {}, message_json(store, msg, None, "")
                    moved = store.move(msg.id, dest.id)
                    return 201, {}, message_json(store, moved, None, "")
            return _err(400, "BadRequest", f"Unsupported request {method} {path}")

    def _page(self, values: list[dict], q: dict, url: str) -> tuple[int, dict, dict]:
        top = int(q.get("$top", 10))
        skip = int(q.get("$skip", 0))
        page = values[skip:skip + top]
        body = {"@odata.context": f"{self.state.base}/$metadata#value", "value": page}
        if skip + top < len(values):
            parts = urlsplit(url)
            rest = {k: v for k, v in q.items() if k != "$skip"}
            from urllib.parse import urlencode

            path = parts.path if parts.path.startswith("/v1.0") else "/v1.0" + parts.path
            base = self.state.base.rsplit("/v1.0", 1)[0]
            body["@odata.nextLink"] = f"{base}{path}?{urlencode(dict(rest, **{'$skip': skip + top}))}"
        return 200, {}, body


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    state: GraphState

    def log_message(self, *args):
        pass

    def _send(self, status: int, headers: dict, body: dict) -> None:
        data = json.dumps(body).encode() if status != 204 else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json; odata.metadata=minimal")
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _auth(self) -> Optional[tuple[int, dict, dict]]:
        auth = self.headers.get("Authorization", "")
        token = auth[7:] if auth.startswith("Bearer ") else ""
        st = self.state
        if token in st.expired:
            return _err(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.")
        if token in st.no_mail_scope:
            return _err(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.")
        if token not in st.tokens:
            return _err(401, "InvalidAuthenticationToken", "IDX14100: JWT is not well formed.")
        return None

    def _run(self, method: str) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.loads(raw) if raw else None
        st = self.state
        denied = self._auth()
        if denied:
            status, headers, payload = denied
            if status == 401:
                headers = {"WWW-Authenticate": 'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"'}
            return self._send(status, headers, payload)
        if st.unavailable > 0:
            with st.lock:
                st.unavailable -= 1
            return self._send(503, {"Retry-After": str(st.retry_after)},
                              _err(503, "serviceNotAvailable", "Service unavailable")[2])
        api = Api(st)
        if self.path.split("?")[0].endswith("/$batch") and method == "POST":
            st.log.append(("POST", "/$batch"))
            if st.take("batch"):
                return self._send(429, {"Retry-After": str(st.retry_after)},
                                  _err(429, "TooManyRequests", "Please retry again later.")[2])
            reqs = (body or {}).get("requests", [])
            if len(reqs) > 20:
                return self._send(*_err(400, "BadRequest", "The number of batch requests exceeds 20."))
            out = []
            for r in reqs:
                if st.take("sub"):
                    out.append({"id": r["id"], "status": 429, "headers": {"Retry-After": str(st.retry_after)},
                                "body": _err(429, "TooManyRequests", "Please retry again later.")[2]})
                    continue
                url = r["url"] if r["url"].startswith("/") else "/" + r["url"]
                status, headers, payload = api.handle(r["method"], url, r.get("body"))
                out.append({"id": r["id"], "status": status, "headers": dict(headers, **{"Content-Type": "application/json"}),
                            "body": payload})
            with st.lock:
                lose = st.lose_answer > 0 and any(r["url"].endswith("/move") for r in reqs)
                if lose:
                    st.lose_answer -= 1
            if lose:  # the server moved them, the client never hears back
                self.close_connection = True
                return
            return self._send(200, {}, {"responses": out})
        self._send(*api.handle(method, self.path, body))

    def do_GET(self):  # noqa: N802
        self._run("GET")

    def do_POST(self):  # noqa: N802
        self._run("POST")

    def do_DELETE(self):  # noqa: N802
        self._run("DELETE")


class GraphServer:
    """``GraphServer(store).start()``; ``endpoint`` is the base URL (…/v1.0)."""

    def __init__(self, store: Store, ssl_context=None) -> None:
        """``ssl_context``: serve https (a company's TLS-inspection certificate, say)."""
        handler = type("Handler", (_Handler,), {})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        scheme = "http"
        if ssl_context is not None:
            self.httpd.socket = ssl_context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.endpoint = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}/v1.0"
        self.state = GraphState(store, self.endpoint)
        handler.state = self.state
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> "GraphServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

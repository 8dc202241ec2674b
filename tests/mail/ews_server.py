"""A local Exchange Web Services endpoint answering protocol-accurate SOAP over a Store.

Shapes follow the EWS reference (Microsoft Learn, "EWS XML elements" and the operation
pages): every answer carries ServerVersionInfo in the SOAP header and one
``<Operation>ResponseMessage`` per requested object with ResponseClass/ResponseCode.
Operations: ConvertId (exchangelib's version probe), GetFolder, FindFolder (Shallow/Deep,
IndexedPageFolderView), FindItem (IndexedPageItemView paging, SortOrder on
DateTimeReceived, extended InternetHeaders properties), GetItem (Attachments,
InternetMessageHeaders), MoveItem (new ids, as Exchange does), DeleteItem (HardDelete,
SoftDelete, MoveToDeletedItems). Faults: ErrorServerBusy with BackOffMilliseconds (HTTP 500),
HTTP 401 on a wrong password, HTTP 403 when the server "blocks EWS" (Exchange Online).
"""

from __future__ import annotations

import base64
import threading
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Optional
from xml.sax.saxutils import escape, quoteattr

from fake_store import Store, StoredFolder, StoredMessage

S = "http://schemas.xmlsoap.org/soap/envelope/"
M = "http://schemas.microsoft.com/exchange/services/2006/messages"
T = "http://schemas.microsoft.com/exchange/services/2006/types"
NS = {"s": S, "m": M, "t": T}
VERSION_HEADER = ('<h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" '
                  'MinorBuildNumber="6" Version="V2017_07_11" xmlns:h="%s" xmlns="%s"/>' % (T, T))


def _iso(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _envelope(body: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>'
            f'<s:Envelope xmlns:s="{S}"><s:Header>{VERSION_HEADER}</s:Header>'
            f'<s:Body>{body}</s:Body></s:Envelope>').encode("utf-8")


def _response(op: str, messages: list[str]) -> bytes:
    return _envelope(f'<m:{op}Response xmlns:m="{M}" xmlns:t="{T}"><m:ResponseMessages>'
                     + "".join(messages) + f"</m:ResponseMessages></m:{op}Response>")


def _ok(op: str, inner: str = "") -> str:
    return (f'<m:{op}ResponseMessage ResponseClass="Success"><m:ResponseCode>NoError</m:ResponseCode>'
            f"{inner}</m:{op}ResponseMessage>")


def _error(op: str, code: str, text: str) -> str:
    return (f'<m:{op}ResponseMessage ResponseClass="Error"><m:MessageText>{escape(text)}</m:MessageText>'
            f"<m:ResponseCode>{code}</m:ResponseCode><m:DescriptiveLinkKey>0</m:DescriptiveLinkKey>"
            f"</m:{op}ResponseMessage>")


def busy_fault(back_off_ms: int) -> bytes:
    text = "The server cannot service this request right now. Try again later."
    return _envelope(
        f'<s:Fault><faultcode xmlns:a="{T}">a:ErrorServerBusy</faultcode>'
        f'<faultstring xml:lang="en-US">{text}</faultstring><detail>'
        f'<e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorServerBusy</e:ResponseCode>'
        f'<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">{text}</e:Message>'
        f'<t:MessageXml xmlns:t="{T}"><t:Value Name="BackOffMilliseconds">{back_off_ms}</t:Value></t:MessageXml>'
        "</detail></s:Fault>")


class EwsState:
    """What the test controls: the mailbox, the account, faults to inject, what was asked."""

    def __init__(self, store: Store, user: str = "test@example.org", password: str = "secret") -> None:
        self.store = store
        self.user = user
        self.password = password
        self.auth = "basic"  # or "ntlm" (needs NTLM_USER_FILE in the environment)
        self.busy: dict[str, int] = {}  # operation -> how many ErrorServerBusy faults to answer
        self.lose_answer: dict[str, int] = {}  # operation -> times to act, then drop the connection unanswered
        self.back_off_ms = 150
        self.forbidden = False  # answer 403 like Exchange Online with EWS blocked
        self.fail_move_silently = False  # MoveItem answers NoError but leaves the item (for verify)
        self.requests: list[str] = []  # operation names, in order
        self.find_item_pages: list[tuple[int, int]] = []  # (offset, max entries) of each FindItem
        self.lock = threading.Lock()

    def take_busy(self, op: str) -> bool:
        with self.lock:
            if self.busy.get(op, 0) > 0:
                self.busy[op] -= 1
                return True
        return False


# -- rendering -----------------------------------------------------------------------------

def _folder_xml(store: Store, f: StoredFolder, props: set[str], ext: list[ET.Element]) -> str:
    parent = f'<t:ParentFolderId Id={quoteattr(f.parent_id)} ChangeKey="AQAAAA=="/>' if f.parent_id else ""
    total = len(store.in_folder(f.id))
    unread = sum(1 for m in store.in_folder(f.id) if not m.is_read)
    out = [f'<t:Folder><t:FolderId Id={quoteattr(f.id)} ChangeKey="AQAAAA=="/>', parent,
           "<t:FolderClass>IPF.Note</t:FolderClass>", f"<t:DisplayName>{escape(f.name)}</t:DisplayName>",
           f"<t:TotalCount>{total}</t:TotalCount>",
           f"<t:ChildFolderCount>{len(store.children(f.id))}</t:ChildFolderCount>"]
    for e in ext:
        tag, ptype = e.get("PropertyTag", ""), e.get("PropertyType", "")
        if tag.lower() in ("0x0e08", "3592") and ptype in ("Integer", "Long"):
            out.append(f'<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0xe08" PropertyType="{ptype}"/>'
                       f"<t:Value>{store.folder_size(f.id)}</t:Value></t:ExtendedProperty>")
    out.append(f"<t:UnreadCount>{unread}</t:UnreadCount></t:Folder>")
    return "".join(out)


def _mbox(name: str, email: str) -> str:
    return (f"<t:Mailbox><t:Name>{escape(name or email)}</t:Name><t:EmailAddress>{escape(email)}"
            "</t:EmailAddress><t:RoutingType>SMTP</t:RoutingType><t:MailboxType>OneOff</t:MailboxType>"
            "</t:Mailbox>")


def _mailbox(tag: str, name: str, email: str) -> str:
    return f"<t:{tag}>{_mbox(name, email)}</t:{tag}>"


def _message_xml(store: Store, m: StoredMessage, fields: set[str], ext: list[ET.Element]) -> str:
    """A t:Message with the requested properties, in the schema's element order."""
    o = ["<t:Message>"]
    if "item:MimeContent" in fields:
        import base64

        o.append(f'<t:MimeContent CharacterSet="UTF-8">{base64.b64encode(m.raw).decode()}</t:MimeContent>')
    o.append(f'<t:ItemId Id={quoteattr(m.id)} ChangeKey={quoteattr(m.change_key)}/>')
    if "item:ParentFolderId" in fields:
        o.append(f'<t:ParentFolderId Id={quoteattr(m.folder_id)} ChangeKey="AQAAAA=="/>')
    if "item:Subject" in fields:
        o.append(f"<t:Subject>{escape(m.subject)}</t:Subject>")
    if "item:Attachments" in fields and m.attachments:
        o.append("<t:Attachments>")
        for a in m.attachments:
            kind = "ItemAttachment" if a.is_item else "FileAttachment"
            o.append(f'<t:{kind}><t:AttachmentId Id={quoteattr(a.id)}/><t:Name>{escape(a.name)}</t:Name>'
                     f"<t:ContentType>{escape(a.content_type)}</t:ContentType><t:Size>{a.size}</t:Size>"
                     f"<t:LastModifiedTime>{_iso(m.received)}</t:LastModifiedTime>"
                     f"<t:IsInline>{'true' if a.is_inline else 'false'}</t:IsInline>"
                     + ("<t:IsContactPhoto>false</t:IsContactPhoto>" if not a.is_item else "")
                     + f"</t:{kind}>")
        o.append("</t:Attachments>")
    if "item:DateTimeReceived" in fields:
        o.append(f"<t:DateTimeReceived>{_iso(m.received)}</t:DateTimeReceived>")
    if "item:Size" in fields:
        o.append(f"<t:Size>{m.size}</t:Size>")
    if "item:InternetMessageHeaders" in fields:
        o.append("<t:InternetMessageHeaders>")
        for k, v in m.headers:
            o.append(f"<t:InternetMessageHeader HeaderName={quoteattr(k)}>{escape(v)}</t:InternetMessageHeader>")
        o.append("</t:InternetMessageHeaders>")
    if "item:DateTimeSent" in fields and m.sent is not None:
        o.append(f"<t:DateTimeSent>{_iso(m.sent)}</t:DateTimeSent>")
    if "item:HasAttachments" in fields:
        o.append(f"<t:HasAttachments>{'true' if m.attachments else 'false'}</t:HasAttachments>")
    for e in ext:
        if e.get("PropertyTag", "").lower() in ("0x1090", "4240") and m.flagged:  # PR_FLAG_STATUS: 2 = flagged
            o.append('<t:ExtendedProperty><t:ExtendedFieldURI PropertyTag="0x1090" PropertyType="Integer"/>'
                     "<t:Value>2</t:Value></t:ExtendedProperty>")
        if e.get("DistinguishedPropertySetId") == "InternetHeaders":
            value = m.header(e.get("PropertyName", ""))
            if value is not None:
                o.append(f'<t:ExtendedProperty><t:ExtendedFieldURI DistinguishedPropertySetId="InternetHeaders" '
                         f'PropertyName={quoteattr(e.get("PropertyName"))} PropertyType="String"/>'
                         f"<t:Value>{escape(' '.join(value.split()))}</t:Value></t:ExtendedProperty>")
    if "message:Sender" in fields:
        o.append(_mailbox("Sender", m.sender_name, m.sender_email))
    if "message:ToRecipients" in fields and m.to:
        o.append("<t:ToRecipients>" + "".join(_mbox(n, e) for n, e in m.to) + "</t:ToRecipients>")
    if "message:From" in fields:
        o.append(_mailbox("From", m.sender_name, m.sender_email))
    if "message:InternetMessageId" in fields and m.message_id:
        o.append(f"<t:InternetMessageId>{escape(m.message_id)}</t:InternetMessageId>")
    if "message:IsRead" in fields:
        o.append(f"<t:IsRead>{'true' if m.is_read else 'false'}</t:IsRead>")
    o.append("</t:Message>")
    return "".join(o)


def _shape(req: ET.Element, shape_tag: str) -> tuple[set[str], list[ET.Element]]:
    shape = req.find(f"m:{shape_tag}", NS)
    fields: set[str] = set()
    ext: list[ET.Element] = []
    if shape is not None:
        base = shape.findtext("t:BaseShape", "", NS)
        if base in ("Default", "AllProperties"):
            fields |= {"item:Subject", "item:DateTimeReceived", "item:Size", "item:HasAttachments",
                       "message:Sender", "message:From", "message:IsRead", "item:DateTimeSent"}
        props = shape.find("t:AdditionalProperties", NS)
        if props is not None:
            fields |= {p.get("FieldURI") for p in props.findall("t:FieldURI", NS)}
            ext = props.findall("t:ExtendedFieldURI", NS)
    return fields, ext


# -- the HTTP handler ----------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    state: EwsState  # set on the subclass made per server

    def log_message(self, *args):
        pass

    def _send(self, code: int, body: bytes = b"", headers: Optional[dict] = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    _ntlm = None  # per connection: NTLM authenticates the TCP connection, as IIS does
    _ntlm_user: Optional[str] = None

    def _basic_ok(self, auth: str) -> bool:
        try:
            user, _, pw = base64.b64decode(auth[6:]).decode("utf-8").partition(":")
        except Exception:
            return False
        return user.lower() == self.state.user.lower() and pw == self.state.password

    def _authorise(self) -> Optional[tuple[int, dict]]:
        """None when the request may go on, else (status, headers) of the refusal/challenge.
        NTLM is checked by pyspnego's acceptor against NTLM_USER_FILE (DOMAIN:user:password)."""
        auth = self.headers.get("Authorization", "")
        if self.state.auth == "basic":
            return None if auth.startswith("Basic ") and self._basic_ok(auth) else \
                (401, {"WWW-Authenticate": 'Basic realm="exchange.example.org"'})
        if self._ntlm_user is not None and not auth:
            return None
        if not auth.startswith("NTLM "):
            return 401, {"WWW-Authenticate": "NTLM"}
        import spnego

        try:
            if self._ntlm is None:
                self._ntlm = spnego.server(protocol="ntlm")
            out = self._ntlm.step(base64.b64decode(auth[5:]))
        except Exception:  # wrong password, malformed token
            self._ntlm = None
            return 401, {"WWW-Authenticate": "NTLM"}
        if not self._ntlm.complete:
            return 401, {"WWW-Authenticate": "NTLM " + base64.b64encode(out).decode()}
        self._ntlm_user = str(self._ntlm.client_principal)
        self._ntlm = None
        return None

    def do_POST(self):  # noqa: N802 - http.server API
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        st = self.state
        if st.forbidden:
            return self._send(403, b"")
        refused = self._authorise()
        if refused is not None:
            return self._send(refused[0], b"", refused[1])
        root = ET.fromstring(body)
        req = root.find("s:Body", NS)[0]
        op = req.tag.split("}")[1]
        st.requests.append(op)
        if st.take_busy(op):
            return self._send(500, busy_fault(st.back_off_ms))
        handler = getattr(self, "op_" + op, None)
        if handler is None:
            return self._send(500, _envelope(f"<s:Fault><faultcode>s:Client</faultcode>"
                                             f"<faultstring>{op} is not served here</faultstring></s:Fault>"))
        with st.store.lock:
            payload = handler(req)
        with st.lock:
            lose = st.lose_answer.get(op, 0) > 0
            if lose:
                st.lose_answer[op] -= 1
        if lose:  # the server did it, the client never hears back
            self.close_connection = True
            return
        self._send(200, payload)

    # -- operations ------------------------------------------------------------------------
    def _folder_ref(self, el: ET.Element) -> Optional[StoredFolder]:
        store = self.state.store
        tag = el.tag.split("}")[1]
        try:
            if tag == "DistinguishedFolderId":
                return store.by_well_known(el.get("Id"))
            return store.folders[el.get("Id")]
        except (KeyError, StopIteration):
            return None

    def op_ConvertId(self, req):
        msgs = [_error("ConvertId", "ErrorInvalidIdMalformed", "Id is malformed.")
                for _ in req.find("m:SourceIds", NS)]
        return _response("ConvertId", msgs)

    def op_GetFolder(self, req):
        props, ext = _shape(req, "FolderShape")
        msgs = []
        for ref in req.find("m:FolderIds", NS):
            f = self._folder_ref(ref)
            if f is None:
                msgs.append(_error("GetFolder", "ErrorFolderNotFound", "The specified folder could not be found in the store."))
            else:
                msgs.append(_ok("GetFolder", "<m:Folders>" + _folder_xml(self.state.store, f, props, ext) + "</m:Folders>"))
        return _response("GetFolder", msgs)

    def op_FindFolder(self, req):
        props, ext = _shape(req, "FolderShape")
        deep = req.get("Traversal") == "Deep"
        view = req.find("m:IndexedPageFolderView", NS)
        offset = int(view.get("Offset", 0)) if view is not None else 0
        limit = int(view.get("MaxEntriesReturned", 1000)) if view is not None else 1000
        msgs = []
        store = self.state.store
        for ref in req.find("m:ParentFolderIds", NS):
            parent = self._folder_ref(ref)
            if parent is None:
                msgs.append(_error("FindFolder", "ErrorFolderNotFound", "The specified folder could not be found in the store."))
                continue
            found = store.descendants(parent.id) if deep else sorted(store.children(parent.id), key=lambda f: f.name)
            page = found[offset:offset + limit]
            last = offset + len(page) >= len(found)
            msgs.append(_ok("FindFolder",
                            f'<m:RootFolder IndexedPagingOffset="{offset + len(page)}" TotalItemsInView="{len(found)}" '
                            f'IncludesLastItemInRange="{"true" if last else "false"}"><t:Folders>'
                            + "".join(_folder_xml(store, f, props, ext) for f in page)
                            + "</t:Folders></m:RootFolder>"))
        return _response("FindFolder", msgs)

    def op_FindItem(self, req):
        fields, ext = _shape(req, "ItemShape")
        view = req.find("m:IndexedPageItemView", NS)
        offset = int(view.get("Offset", 0)) if view is not None else 0
        limit = int(view.get("MaxEntriesReturned", 1000)) if view is not None else 1000
        self.state.find_item_pages.append((offset, limit))
        order = req.find("m:SortOrder/t:FieldOrder", NS)
        msgs = []
        store = self.state.store
        for ref in req.find("m:ParentFolderIds", NS):
            folder = self._folder_ref(ref)
            if folder is None:
                msgs.append(_error("FindItem", "ErrorFolderNotFound", "The specified folder could not be found in the store."))
                continue
            by = "modified" if order is not None and order.find("t:FieldURI", NS).get("FieldURI") == \
                "item:LastModifiedTime" else "received"
            items = store.in_folder(folder.id, by, order is None or order.get("Order") != "Ascending")
            equal = req.find("m:Restriction/t:IsEqualTo", NS)
            if equal is not None:  # the one restriction the app sends: InternetMessageId equal to
                uri = equal.find("t:FieldURI", NS).get("FieldURI")
                value = equal.find("t:FieldURIOrConstant/t:Constant", NS).get("Value")
                if uri != "message:InternetMessageId":
                    return _response("FindItem", [_error("FindItem", "ErrorUnsupportedQueryFilter",
                                                         "The restriction is not served here.")])
                items = [m for m in items if m.message_id == value]
            page = items[offset:offset + limit]
            last = offset + len(page) >= len(items)
            msgs.append(_ok("FindItem",
                            f'<m:RootFolder IndexedPagingOffset="{offset + len(page)}" TotalItemsInView="{len(items)}" '
                            f'IncludesLastItemInRange="{"true" if last else "false"}"><t:Items>'
                            + "".join(_message_xml(store, m, fields, ext) for m in page)
                            + "</t:Items></m:RootFolder>"))
        return _response("FindItem", msgs)

    def op_GetItem(self, req):
        fields, ext = _shape(req, "ItemShape")
        fields |= {"item:Subject", "item:Size"} if not fields else set()
        msgs = []
        store = self.state.store
        for ref in req.find("m:ItemIds", NS):
            m = store.messages.get(ref.get("Id"))
            if m is None:
                msgs.append(_error("GetItem", "ErrorItemNotFound", "The specified object was not found in the store."))
            else:
                msgs.append(_ok("GetItem", "<m:Items>" + _message_xml(store, m, fields, ext) + "</m:Items>"))
        return _response("GetItem", msgs)

    def op_MoveItem(self, req):
        store = self.state.store
        dest = self._folder_ref(req.find("m:ToFolderId", NS)[0])
        msgs = []
        for ref in req.find("m:ItemIds", NS):
            m = store.messages.get(ref.get("Id"))
            if dest is None:
                msgs.append(_error("MoveItem", "ErrorFolderNotFound", "The specified folder could not be found in the store."))
            elif m is None:
                msgs.append(_error("MoveItem", "ErrorItemNotFound", "The specified object was not found in the store."))
            elif self.state.fail_move_silently:
                msgs.append(_ok("MoveItem", f'<m:Items><t:Message><t:ItemId Id={quoteattr(m.id)} '
                                            f'ChangeKey={quoteattr(m.change_key)}/></t:Message></m:Items>'))
            else:
                moved = store.move(m.id, dest.id)
                msgs.append(_ok("MoveItem", f'<m:Items><t:Message><t:ItemId Id={quoteattr(moved.id)} '
                                            f'ChangeKey={quoteattr(moved.change_key)}/></t:Message></m:Items>'))
        return _response("MoveItem", msgs)

    def op_DeleteItem(self, req):
        store = self.state.store
        mode = req.get("DeleteType")
        msgs = []
        for ref in req.find("m:ItemIds", NS):
            m = store.messages.get(ref.get("Id"))
            if m is None:
                msgs.append(_error("DeleteItem", "ErrorItemNotFound", "The specified object was not found in the store."))
                continue
            if mode == "MoveToDeletedItems":
                store.move(m.id, store.by_well_known("deleteditems").id)
            else:  # HardDelete / SoftDelete: gone from the folders, kept for retention
                store.hard_delete(m.id)
            msgs.append(_ok("DeleteItem"))
        return _response("DeleteItem", msgs)


class EwsServer:
    """``EwsServer(store).start()``; ``url`` is the service endpoint (…/EWS/Exchange.asmx)."""

    def __init__(self, store: Store, user: str = "test@example.org", password: str = "secret",
                 ssl_context=None) -> None:
        self.state = EwsState(store, user, password)
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        scheme = "http"
        if ssl_context is not None:
            self.httpd.socket = ssl_context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://127.0.0.1:{self.httpd.server_address[1]}/EWS/Exchange.asmx"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> "EwsServer":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

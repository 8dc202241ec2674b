"""Microsoft 365 mailboxes over Microsoft Graph: settings, sign-in tokens, MailSource.

    from cleanup_desktop.core.mail.sources.graph import GraphSettings, GraphSource, MsalTokens
    settings = GraphSettings(tenant="contoso.onmicrosoft.com", client_id="…", user="anna@contoso.com")
    src = GraphSource(settings, MsalTokens(settings, device_code=True))
    result = scan_mailbox(src)            # the same mail-scan/1 dict as an IMAP scan

Sign-in: MSAL public client (system browser, or device code), delegated scope
Mail.ReadWrite (MSAL adds offline_access, openid and profile itself), token cache in the OS
keyring (cleanup_desktop.core.mail.sources.oauth), silent refresh, one forced refresh after a 401.
Scan: /me/mailFolders and childFolders (recursive), folder size from PR_MESSAGE_SIZE_EXTENDED
(Long 0x0E08), messages with $select/$top and @odata.nextLink, message size from
PR_MESSAGE_SIZE (Integer 0x0E08), List-Id/List-Unsubscribe from the Internet-header named
properties, attachments (name, size, contentType) of large messages and the raw headers of
messages without a Message-ID through $batch. Read-only: nothing is marked as read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional, cast
from urllib.parse import quote, urlencode, urlsplit

from cleanup_desktop.core.mail.errors import AuthError, MailError
from cleanup_desktop.core.mail.sources.graph_http import GRAPH_URL, GraphClient, TokenSource
from cleanup_desktop.core.mail.sources.remote_items import (SPECIAL_USE, WELL_KNOWN, apply_headers, sender_text)
from cleanup_desktop.core.mail.source import Attachment, FolderInfo, MessageSummary, counted
from cleanup_desktop.core.progress import CancelToken
from cleanup_desktop.core.messages import Reason, os_error

SCOPES = ["Mail.ReadWrite"]  # delegated; MSAL adds offline_access (refresh token) itself
PS_INTERNET_HEADERS = "{00020386-0000-0000-C000-000000000046}"
PROP_SIZE = "Integer 0x0E08"  # PR_MESSAGE_SIZE
PROP_FOLDER_SIZE = "Long 0x0E08"  # PR_MESSAGE_SIZE_EXTENDED
PROP_LIST_ID = f"String {PS_INTERNET_HEADERS} Name List-Id"
PROP_LIST_UNSUB = f"String {PS_INTERNET_HEADERS} Name List-Unsubscribe"
PROP_LIST_UNSUB_POST = f"String {PS_INTERNET_HEADERS} Name List-Unsubscribe-Post"
MESSAGE_SELECT = "id,receivedDateTime,subject,from,internetMessageId,hasAttachments,parentFolderId,flag"
PAGE = 250
FOLDER_PAGE = 100


def q(item_id: str) -> str:
    """An id as a URL path segment."""
    return quote(str(item_id), safe="")


def url_with(path: str, params: dict) -> str:
    """A relative URL for $batch, its query encoded (spaces and quotes in $filter/$expand)."""
    return path + "?" + urlencode(params, quote_via=quote, safe="$,()")


def props_filter(*ids: str) -> str:
    return "singleValueExtendedProperties($filter=" + " or ".join(f"id eq '{i}'" for i in ids) + ")"


MESSAGE_EXPAND = props_filter(PROP_SIZE, PROP_LIST_ID, PROP_LIST_UNSUB, PROP_LIST_UNSUB_POST)
FOLDER_EXPAND = props_filter(PROP_FOLDER_SIZE)


@dataclass
class GraphSettings:
    tenant: str  # tenant id or domain ("organizations" for any work account)
    client_id: str  # the app registered by the organisation (public client)
    user: str = ""  # the sign-in name, for the token cache and the label
    endpoint: str = GRAPH_URL  # national clouds: https://graph.microsoft.us/v1.0, https://microsoftgraph.chinacloudapi.cn/v1.0
    authority: Optional[str] = None  # sign-in service; None: https://login.microsoftonline.com/<tenant>
    cafile: Optional[str] = None  # a company's TLS-inspection CA (PEM), added to the system's
    timeout: float = 60.0

    @property
    def host(self) -> str:
        return urlsplit(self.endpoint).hostname or "graph.microsoft.com"

    def validate(self) -> None:
        if not self.client_id:
            raise MailError(Reason("graph.no-client-id"), "args")
        if not self.tenant:
            raise MailError(Reason("graph.no-tenant"), "args")
        parts = urlsplit(self.endpoint)
        from cleanup_desktop.core.mail.sources.imap import is_loopback

        if parts.scheme != "https" and not (parts.scheme == "http" and is_loopback(parts.hostname or "")):
            raise MailError(Reason("graph.https-only"), "args")
        if self.authority and not self.authority.startswith("https://"):
            raise MailError(Reason("graph.authority-https"), "args")
        if self.cafile and not os.path.isfile(self.cafile):
            raise MailError(Reason("graph.no-cafile", path=self.cafile), "args")

    def describe(self) -> dict:
        d = {"kind": "graph", "host": self.host, "port": urlsplit(self.endpoint).port or 443,
             "user": self.user or "me", "security": "https", "tenant": self.tenant, "client_id": self.client_id}
        if self.endpoint != GRAPH_URL:
            d["endpoint"] = self.endpoint
        if self.authority:
            d["authority"] = self.authority
        if self.cafile:
            d["cafile"] = self.cafile
        return d

    def verify(self):
        """httpx's ``verify``: the system's CAs, plus the company CA file when given."""
        if not self.cafile:
            return True
        import ssl

        ctx = ssl.create_default_context()
        try:
            ctx.load_verify_locations(cafile=self.cafile)
        except (OSError, ssl.SSLError) as exc:
            raise MailError(Reason("graph.bad-cafile", path=self.cafile, error=os_error(str(exc))), "args") from None
        return ctx

    @classmethod
    def from_account(cls, account: dict) -> "GraphSettings":
        return cls(tenant=account.get("tenant") or "organizations", client_id=account.get("client_id") or "",
                   user=(account.get("user") or "") if account.get("user") != "me" else "",
                   endpoint=account.get("endpoint") or GRAPH_URL, authority=account.get("authority"),
                   cafile=account.get("cafile"))


class MsalTokens:
    """TokenSource over MSAL (public client; system browser or device code; keyring cache)."""

    def __init__(self, settings: GraphSettings, device_code: bool = False, interactive: bool = True,
                 notify: Callable[[str], None] = print) -> None:
        from cleanup_desktop.core.mail.sources import oauth

        self.user = settings.user
        self.oauth = oauth.OAuthSettings(provider="microsoft", client_id=settings.client_id,
                                         tenant=settings.tenant, device_code=device_code, scopes=list(SCOPES),
                                         authority=settings.authority, cafile=settings.cafile)
        self.interactive = interactive
        self.notify = notify

    def token(self, force_refresh: bool = False) -> str:
        from cleanup_desktop.core.mail.sources import oauth

        return oauth.access_token(self.oauth, self.user, interactive=self.interactive, notify=self.notify,
                                  force_refresh=force_refresh)


class EnvToken:
    """TokenSource reading an access token from an environment variable (scripts, tests).
    A refresh reads the variable again."""

    def __init__(self, var: str) -> None:
        self.var = var

    def token(self, force_refresh: bool = False) -> str:
        value = os.environ.get(self.var)
        if not value:
            raise AuthError(Reason("graph.no-token", var=self.var))
        return value


def _norm(prop_id: str) -> str:
    """Graph answers "Integer 0xe08" for a request of "Integer 0x0E08"."""
    return re.sub(r"0x0*([0-9a-f]+)", r"0x\1", prop_id.lower())


def prop(item: dict, prop_id: str) -> Optional[str]:
    want = _norm(prop_id)
    for p in item.get("singleValueExtendedProperties") or []:
        if _norm(str(p.get("id", ""))) == want:
            return p.get("value")
    return None


def summary_from_message(item: dict, folder: str) -> MessageSummary:
    from datetime import datetime

    sender = (item.get("from") or {}).get("emailAddress") or {}
    received = item.get("receivedDateTime")
    try:
        when = datetime.fromisoformat(received.replace("Z", "+00:00")) if received else None
    except ValueError:
        when = None
    return MessageSummary(
        folder=folder, uid=item["id"], size=int(prop(item, PROP_SIZE) or 0), internaldate=when,
        message_id=item.get("internetMessageId") or None,
        from_=sender_text(sender.get("name"), sender.get("address")), subject=item.get("subject") or "",
        list_id=prop(item, PROP_LIST_ID) or "", list_unsubscribe=prop(item, PROP_LIST_UNSUB) or "",
        list_unsubscribe_post=prop(item, PROP_LIST_UNSUB_POST) or "",
        flags=("\\Flagged",) if (item.get("flag") or {}).get("flagStatus") == "flagged" else ())


def attachment_records(values: list[dict]) -> list[Attachment]:
    out = []
    for a in values:
        kind = a.get("@odata.type", "")
        mime = a.get("contentType") or ("message/rfc822" if kind.endswith("itemAttachment") else "")
        out.append(Attachment(filename=a.get("name") or "(unnamed)", mime=mime.lower(), size=int(a.get("size") or 0),
                              part=a.get("id", "")))
    return out


def headers_of(body: dict) -> list[tuple[str, str]]:
    return [(h.get("name", ""), h.get("value", "")) for h in body.get("internetMessageHeaders") or []]


def well_known_ids(client: GraphClient) -> dict[str, str]:
    """Well-known folder name -> folder id (one $batch); folders a mailbox lacks are left out."""
    answers = client.batch([{"method": "GET", "url": f"/me/mailFolders/{n}?$select=id"} for n in WELL_KNOWN])
    out = {}
    for name, a in zip(WELL_KNOWN, answers):
        if a["status"] == 200 and a["body"].get("id"):
            out[name] = a["body"]["id"]
        elif a["status"] in (401, 403):
            raise client.error(a["status"], *_code(a))
    return out


def _code(answer: dict) -> tuple[str, str]:
    err = (answer.get("body") or {}).get("error") or {}
    return str(err.get("code", answer["status"])), str(err.get("message", ""))


def fill_extra(client: GraphClient, summaries: list[MessageSummary], big: set) -> None:
    """Attachments of big messages and raw headers of messages without a Message-ID, batched."""
    reqs, targets = [], []
    for m in summaries:
        if m.uid in big:
            reqs.append({"method": "GET", "url": url_with(f"/me/messages/{q(str(m.uid))}/attachments",
                                                           {"$select": "id,name,size,contentType,isInline"})})
            targets.append(("att", m))
        if not m.message_id:
            reqs.append({"method": "GET", "url": url_with(f"/me/messages/{q(str(m.uid))}", {"$select": "internetMessageHeaders"})})
            targets.append(("hdr", m))
    if not reqs:
        return
    for (what, m), a in zip(targets, client.batch(reqs)):
        if a["status"] != 200:
            continue  # gone meanwhile: keep what the list gave
        if what == "att":
            m.attachments = attachment_records(a["body"].get("value", []))
        else:
            apply_headers(m, headers_of(a["body"]))


class GraphSource:
    """MailSource over Microsoft Graph (see source.MailSource)."""

    kind = "graph"
    is_gmail = False

    def __init__(self, settings: GraphSettings, tokens: TokenSource, page: int = PAGE,
                 cancel: Optional[CancelToken] = None) -> None:
        self.settings = settings
        self.tokens = tokens
        self.page = page
        self.cancel = cancel
        self.client: Optional[GraphClient] = None
        self.paths: dict[str, str] = {}  # path -> folder id
        self._read_before = 0
        self._folders: list[FolderInfo] = []

    @property
    def label(self) -> str:
        return f"{self.settings.user or 'Microsoft 365 mailbox'} (Microsoft 365)"

    @property
    def bytes_downloaded(self) -> int:
        return self._read_before + (self.client.bytes_read if self.client else 0)

    def describe(self) -> dict:
        return self.settings.describe()

    def connect(self) -> None:
        self.settings.validate()
        self.client = GraphClient(self.tokens, self.settings.endpoint, self.settings.timeout, self.cancel,
                                  verify=self.settings.verify())
        me = self.client.request("GET", "/me/mailFolders/inbox", params={"$select": "id"})  # checks the sign-in
        self._known = well_known_ids(self.client)
        self._known.setdefault("inbox", cast(str, me.get("id")))
        self._folders = self._walk()

    def _connected(self) -> GraphClient:
        assert self.client is not None, "connect() first"
        return self.client

    def _walk(self) -> list[FolderInfo]:
        c = self._connected()
        params = {"$top": str(FOLDER_PAGE), "$expand": FOLDER_EXPAND,
                  "$select": "id,displayName,parentFolderId,childFolderCount,totalItemCount"}
        out: list[FolderInfo] = []
        by_id = {v: k for k, v in self._known.items()}
        todo = [("", "/me/mailFolders")]
        while todo:
            prefix, url = todo.pop(0)
            for page in c.pages(url, dict(params)):
                for f in page:
                    path = prefix + f["displayName"]
                    self.paths[path] = f["id"]
                    wk = by_id.get(f["id"], "")
                    out.append(FolderInfo(name=path, messages=int(f.get("totalItemCount") or 0),
                                          bytes=int(prop(f, PROP_FOLDER_SIZE) or 0),
                                          special_use=SPECIAL_USE.get(wk)))
                    if int(f.get("childFolderCount") or 0):
                        todo.append((path + "/", f"/me/mailFolders/{q(f['id'])}/childFolders"))
        inbox = self._known.get("inbox")
        out.sort(key=lambda fi: (self.paths.get(fi.name) != inbox, fi.name))
        return out

    def list_folders(self) -> list[FolderInfo]:
        return self._folders

    def iter_messages(self, folder: FolderInfo, attachment_min_size: int,
                      on_batch: Optional[Callable[[int, int], None]] = None) -> Iterator[MessageSummary]:
        fid = self.paths[folder.name]
        params = {"$select": MESSAGE_SELECT, "$expand": MESSAGE_EXPAND, "$top": str(self.page),
                  "$orderby": "receivedDateTime asc"}
        folder.messages = 0
        folder.bytes = 0
        client = self._connected()
        for page in client.pages(f"/me/mailFolders/{q(fid)}/messages", params):
            summaries = [summary_from_message(item, folder.name) for item in page]
            # every large message: hasAttachments leaves out inline parts (pictures in the text)
            big = {m.uid for m in summaries if m.size >= attachment_min_size}
            fill_extra(client, summaries, big)
            yield from counted(folder, summaries, on_batch)

    def content_digests(self, folder: str, items: list[tuple[str, int]]) -> dict[str, str]:
        """Digests of duplicate candidates (core.mail.confirm): the body as Graph gives it plus
        the attachments' names, types and sizes, batched. Nothing is marked as read."""
        import hashlib

        reqs = []
        for uid, _size in items:
            reqs.append({"method": "GET", "url": url_with(f"/me/messages/{q(uid)}", {"$select": "body"})})
            reqs.append({"method": "GET", "url": url_with(f"/me/messages/{q(uid)}/attachments",
                                                           {"$select": "name,size,contentType"})})
        answers = self._connected().batch(reqs)
        out = {}
        for n, (uid, _size) in enumerate(items):
            body, atts = answers[2 * n], answers[2 * n + 1]
            if body["status"] != 200 or atts["status"] != 200:
                continue  # gone meanwhile: not a confirmed copy
            h = hashlib.sha256(str((body["body"].get("body") or {}).get("content", "")).encode("utf-8"))
            for a in sorted(atts["body"].get("value", []), key=lambda a: (str(a.get("name")), int(a.get("size") or 0))):
                h.update(f"\0{a.get('name')}\0{a.get('contentType')}\0{a.get('size')}".encode("utf-8"))
            out[uid] = "g:" + h.hexdigest()
        return out

    def quota(self) -> Optional[dict]:
        return None

    def close(self) -> None:
        if self.client is not None:
            self._read_before += self.client.bytes_read
            self.client.close()
            self.client = None

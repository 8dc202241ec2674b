"""On-premises Exchange over EWS (exchangelib): settings, connection, clear errors, MailSource.

    from cleanup_desktop.core.mail.sources.ews import EwsSettings, EwsSource
    from cleanup_desktop.core.mail.sources.imap import Credentials
    src = EwsSource(EwsSettings(user="CORP\\\\anna", email="anna@corp.example",
                                url="https://mail.corp.example/EWS/Exchange.asmx", auth="ntlm"),
                    Credentials(password=pw))
    result = scan_mailbox(src)            # the same mail-scan/1 dict as an IMAP scan

Scanning reads item properties only (FindItem with ``.only(...)`` fields, paged with
IndexedPageItemView in received order), attachment names and sizes for messages at or above
the attachment threshold (GetItem), and the raw headers of messages without a Message-ID (so
their keys equal IMAP's). Nothing is changed: no body is opened, no read flag set.
Throttling (ErrorServerBusy) is waited out with the server's BackOffMilliseconds and the
same page is asked again, so a long scan goes on where it was.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Optional
from urllib.parse import urlsplit

from cleanup_desktop.core.mail.errors import AuthError, MailError, UntrustedCertificate
from cleanup_desktop.core.mail.sources.imap import Credentials
from cleanup_desktop.core.mail.sources.remote_items import (SPECIAL_USE, apply_headers, aware, sender_text,
                                                    wait_backoff)
from cleanup_desktop.core.mail.source import Attachment, FolderInfo, MessageSummary, counted
from cleanup_desktop.core.progress import CancelToken
from cleanup_desktop.core.messages import Reason, os_error

AUTH_TYPES = ("ntlm", "basic", "kerberos")
PAGE = 200  # items per FindItem page
MAX_CUTS = 3  # dropped connections retried per read
FETCH_CHUNK = 100  # items per GetItem request
SCAN_FIELDS = ("id", "changekey", "size", "datetime_received", "subject", "sender", "message_id",
               "cd_list_id", "cd_list_unsubscribe", "cd_flag_status")
FLAGGED = 2  # PR_FLAG_STATUS (0x1090): 2 = flagged for follow-up, 1 = complete
MICROSOFT_365_HOSTS = ("outlook.office365.com", "outlook.office.com", "outlook.live.com",
                       "outlook.office365.us", "partner.outlook.cn")


@dataclass
class EwsSettings:
    user: str  # DOMAIN\user or user@domain (UPN)
    email: Optional[str] = None  # primary SMTP address; default: the UPN
    url: Optional[str] = None  # EWS endpoint; None: autodiscover from the e-mail address
    auth: str = "ntlm"  # ntlm | basic | kerberos
    cafile: Optional[str] = None  # extra CA certificates (PEM) for a company CA
    timeout: float = 60.0
    version: Optional[tuple] = None  # (major, minor, build, revision); None: ask the server

    @property
    def mailbox(self) -> str:
        if self.email:
            return self.email
        if "@" in self.user and "\\" not in self.user:
            return self.user
        raise MailError(Reason("ews.domain-needs-mailbox"), "args")

    @property
    def host(self) -> str:
        if self.url:
            return urlsplit(self.url).hostname or ""
        return "autodiscover:" + self.mailbox.rpartition("@")[2]

    @property
    def port(self) -> Optional[int]:
        if not self.url:
            return 443
        parts = urlsplit(self.url)
        return parts.port or (443 if parts.scheme == "https" else 80)

    def validate(self) -> None:
        if not self.user:
            raise MailError(Reason("ews.no-user"), "args")
        if self.auth not in AUTH_TYPES:
            raise MailError(Reason("ews.bad-auth", method=self.auth), "args")
        if self.url:
            parts = urlsplit(self.url)
            if parts.scheme not in ("https", "http") or not parts.hostname:
                raise MailError(Reason("ews.bad-url", url=self.url), "args")
            from cleanup_desktop.core.mail.sources.imap import is_loopback

            if parts.scheme == "http" and not is_loopback(parts.hostname):
                raise MailError(Reason("ews.plain-not-local"), "args")
        self.mailbox  # noqa: B018 - raises a clear error when missing

    def describe(self) -> dict:
        """Account fields for plan actions and scan results (no secret)."""
        d = {"kind": "ews", "host": self.host, "port": self.port, "user": self.user,
             "security": urlsplit(self.url).scheme if self.url else "https", "email": self.mailbox,
             "auth": self.auth}
        if self.url:
            d["url"] = self.url
        if self.cafile:
            d["cafile"] = self.cafile
        return d

    @classmethod
    def from_account(cls, account: dict) -> "EwsSettings":
        return cls(user=account["user"], email=account.get("email"), url=account.get("url"),
                   auth=account.get("auth") or "ntlm", cafile=account.get("cafile"))


def is_microsoft_365(settings: EwsSettings) -> bool:
    return settings.host.lower() in MICROSOFT_365_HOSTS


USE_365 = "use the Microsoft 365 account type (Microsoft Graph) for this mailbox"


# -- transport: company CA files per host and a byte count ----------------------------------

_counters: dict[str, int] = {}
_cafiles: dict[str, str] = {}
_lock = threading.Lock()


def _install_adapter() -> None:
    """exchangelib sends through requests with one adapter class; ours adds a CA file for
    the hosts that need one and counts the bytes received per host."""
    import requests
    from exchangelib.protocol import BaseProtocol

    if getattr(BaseProtocol.HTTP_ADAPTER_CLS, "_cleanup_desktop", False):
        return
    base = BaseProtocol.HTTP_ADAPTER_CLS

    class CountingAdapter(base):  # type: ignore[valid-type,misc]  # exchangelib's adapter class, known at run time
        _cleanup_desktop = True

        def send(self, request, **kwargs):
            netloc = urlsplit(request.url).netloc.lower()
            ca = _cafiles.get(netloc)
            if ca and kwargs.get("verify", True) is not False:  # True or the default bundle's path
                kwargs["verify"] = ca
            response = super().send(request, **kwargs)
            size = response.headers.get("Content-Length")
            with _lock:
                _counters[netloc] = _counters.get(netloc, 0) + (int(size) if size and size.isdigit() else 0)
            return response

    if not issubclass(base, requests.adapters.HTTPAdapter):  # someone else's adapter: leave it
        return
    BaseProtocol.HTTP_ADAPTER_CLS = CountingAdapter


def _register_properties() -> None:
    """Extended properties the scan reads: List-Id and List-Unsubscribe (Internet headers
    promoted to named properties) on messages, PR_MESSAGE_SIZE_EXTENDED (0x0E08) on folders."""
    from exchangelib import ExtendedProperty, Folder, Message

    class ListId(ExtendedProperty):
        distinguished_property_set_id = "InternetHeaders"
        property_name = "List-Id"
        property_type = "String"

    class ListUnsubscribe(ExtendedProperty):
        distinguished_property_set_id = "InternetHeaders"
        property_name = "List-Unsubscribe"
        property_type = "String"

    class ListUnsubscribePost(ExtendedProperty):
        distinguished_property_set_id = "InternetHeaders"
        property_name = "List-Unsubscribe-Post"
        property_type = "String"

    class FolderSize(ExtendedProperty):
        property_tag = 0x0E08
        property_type = "Long"

    class FlagStatus(ExtendedProperty):  # Outlook's follow-up flag
        property_tag = 0x1090
        property_type = "Integer"

    for cls, name, prop in ((Message, "cd_list_id", ListId), (Message, "cd_list_unsubscribe", ListUnsubscribe),
                            (Message, "cd_list_unsubscribe_post", ListUnsubscribePost),
                            (Folder, "cd_size", FolderSize), (Message, "cd_flag_status", FlagStatus)):
        if name not in {f.name for f in cls.FIELDS}:
            cls.register(name, prop)


_setup_done = False


def _setup() -> None:
    global _setup_done
    if not _setup_done:
        _install_adapter()
        _register_properties()
        _setup_done = True


# -- errors -------------------------------------------------------------------------------

def describe_ews_error(exc: BaseException, settings: EwsSettings) -> MailError:
    """One clear sentence for any failure talking to Exchange."""
    import requests
    from exchangelib import errors as x

    if isinstance(exc, MailError):
        return exc
    where = settings.host or Reason("ews.the-server")
    text = str(exc)
    if isinstance(exc, x.UnauthorizedError):
        if is_microsoft_365(settings):
            return AuthError(Reason("ews.no-passwords", where=where))
        return AuthError(Reason("ews.wrong-password", where=where))
    if "403" in text and ("Code: 403" in text or "Forbidden" in text):
        return MailError(Reason("ews.forbidden", where=where), "wrong-kind")
    if isinstance(exc, x.ErrorServerBusy):
        return MailError(Reason("ews.busy", where=where), "busy")
    if isinstance(exc, x.AutoDiscoverFailed):
        return MailError(Reason("ews.autodiscover", mailbox=settings.mailbox), "autodiscover")
    if isinstance(exc, (x.ErrorNonExistentMailbox, x.ErrorMailboxStoreUnavailable)):
        return MailError(Reason("ews.no-mailbox", where=where, mailbox=settings.mailbox), "args")
    if isinstance(exc, x.ErrorAccessDenied):
        return AuthError(Reason("ews.denied", where=where, mailbox=settings.mailbox))
    if isinstance(exc, requests.exceptions.SSLError) or "CERTIFICATE_VERIFY_FAILED" in text:
        return UntrustedCertificate(Reason("ews.untrusted", where=where))
    if isinstance(exc, (requests.exceptions.ConnectionError, x.TransportError)) and (
            "Connection refused" in text or "Errno 111" in text):
        return MailError(Reason("ews.refused", where=where), "down")
    if "Name or service not known" in text or "getaddrinfo" in text or "Failed to resolve" in text:
        return MailError(Reason("ews.dns", where=where), "dns")
    if isinstance(exc, (requests.exceptions.Timeout, TimeoutError)):
        return MailError(Reason("ews.timeout", where=where), "timeout")
    cut = ("Connection broken", "ChunkedEncodingError", "Connection aborted", "RemoteDisconnected",
           "Connection reset")
    if isinstance(exc, (requests.exceptions.ConnectionError, ConnectionError)) or any(c in text for c in cut):
        from cleanup_desktop.core.mail.errors import ConnectionLost

        return ConnectionLost(Reason("mail.cut", where=where))
    name = type(exc).__name__
    first = text.strip().splitlines()[0][:300] if text.strip() else name
    return MailError(Reason("ews.other", where=where, error=os_error(f"{first} ({name})" if name not in first else first)))


def retrying(fn, settings: EwsSettings, cancel: Optional[CancelToken] = None, idempotent: bool = True):
    """Run ``fn()``; ErrorServerBusy: wait what the server asked, then ask again. A dropped
    connection is retried for reads (``idempotent``); a change is left to the caller, who
    looks at the server again before doing anything twice."""
    from exchangelib import errors as x

    from cleanup_desktop.core.mail.errors import ConnectionLost
    from cleanup_desktop.core.progress import Cancelled

    waited = 0.0
    cuts = 0
    while True:
        try:
            return fn()
        except x.ErrorServerBusy as exc:
            waited = wait_backoff(exc.back_off, waited, cancel, f"The Exchange server {settings.host}")
        except (MailError, Cancelled):
            raise
        except Exception as exc:
            err = describe_ews_error(exc, settings)
            cuts += 1
            if not (isinstance(err, ConnectionLost) and idempotent and cuts <= MAX_CUTS):
                raise err from None


def connect_account(settings: EwsSettings, credentials: Credentials):
    """An exchangelib Account (no request is sent until it is used)."""
    from exchangelib import (BASIC, DELEGATE, GSSAPI, NTLM, Account, Build, Configuration, FailFast,
                             Version)
    from exchangelib import Credentials as XCredentials

    settings.validate()
    _setup()
    if not credentials.password and settings.auth != "kerberos":
        raise AuthError(Reason("ews.no-password", user=settings.user, host=settings.host))
    if settings.auth == "kerberos":
        try:
            import requests_gssapi  # noqa: F401  (exchangelib's Kerberos sign-in)
        except ImportError:
            raise MailError(Reason("ews.no-kerberos"), "args") from None
    if settings.cafile and settings.url:
        parts = urlsplit(settings.url)
        _cafiles[parts.netloc.lower()] = settings.cafile
    creds = XCredentials(settings.user, credentials.password or "") if credentials.password else None
    version = Version(build=Build(*settings.version)) if settings.version else None
    auth = {"ntlm": NTLM, "basic": BASIC, "kerberos": GSSAPI}[settings.auth]
    try:
        if settings.url:
            config = Configuration(service_endpoint=settings.url, credentials=creds, auth_type=auth,
                                   version=version, retry_policy=FailFast(), max_connections=2)
            return Account(primary_smtp_address=settings.mailbox, config=config, autodiscover=False,
                           access_type=DELEGATE)
        config = Configuration(credentials=creds, auth_type=auth, retry_policy=FailFast())
        return Account(primary_smtp_address=settings.mailbox, config=config, autodiscover=True,
                       access_type=DELEGATE)
    except Exception as exc:
        raise describe_ews_error(exc, settings) from None


# -- folders ------------------------------------------------------------------------------

class EwsFolders:
    """The mail folders of an account, by path relative to the top of the mailbox."""

    def __init__(self, account, settings: EwsSettings, cancel: Optional[CancelToken] = None) -> None:
        self.account = account
        self.settings = settings
        self.cancel = cancel
        self.by_path: dict = {}
        self.by_id: dict = {}
        self.well_known: dict[str, str] = {}  # "deleteditems" -> path

    def load(self) -> list[FolderInfo]:
        from exchangelib.fields import FieldPath
        from exchangelib.folders import (DeletedItems, Drafts, Folder, FolderCollection, Inbox, JunkEmail,
                                         MsgFolderRoot, SentItems)
        from exchangelib.properties import DistinguishedFolderId, Mailbox

        acc = self.account
        mbox = Mailbox(email_address=self.settings.mailbox)
        classes = (MsgFolderRoot, Inbox, DeletedItems, SentItems, Drafts, JunkEmail)
        names = [c.DISTINGUISHED_FOLDER_ID for c in classes]

        def get_known():
            root = acc.root  # GetFolder "root": the first request, it checks the sign-in
            refs = [c(_distinguished_id=DistinguishedFolderId(id=c.DISTINGUISHED_FOLDER_ID, mailbox=mbox), root=root)
                    for c in classes]
            return list(FolderCollection(account=acc, folders=refs).get_folders(additional_fields=set()))

        known = retrying(get_known, self.settings, self.cancel)
        ids, objs = {}, {}
        for n, f in zip(names, known):
            if isinstance(f, Exception):  # a folder this server does not have
                continue
            ids[n] = f.id
            objs[n] = f
        if "msgfolderroot" not in ids:
            raise MailError(Reason("ews.no-folders", host=self.settings.host))
        root = FolderCollection(account=acc, folders=[objs["msgfolderroot"]])
        fields = {FieldPath(field=f) for f in Folder.FIELDS
                  if f.name in ("name", "folder_class", "total_count", "parent_folder_id")}

        def find_all():
            from exchangelib.folders.queryset import DEEP

            return list(root.find_folders(depth=DEEP, additional_fields=fields, page_size=500))

        found = [f for f in retrying(find_all, self.settings, self.cancel) if not isinstance(f, Exception)]
        parents = {f.id: f for f in found}
        sizes = self._sizes([f for f in found if _is_mail(f)])
        out: list[FolderInfo] = []
        id_to_name = {v: k for k, v in ids.items()}
        for f in found:
            if not _is_mail(f):
                continue  # calendars, contacts, tasks...
            parts, cur, seen = [f.name], f, set()
            while cur.parent_folder_id and cur.parent_folder_id.id in parents and cur.id not in seen:
                seen.add(cur.id)
                cur = parents[cur.parent_folder_id.id]
                parts.append(cur.name)
            path = "/".join(reversed(parts))
            wk = id_to_name.get(f.id)
            self.by_path[path] = f
            self.by_id[f.id] = path
            if wk:
                self.well_known[wk] = path
            out.append(FolderInfo(name=path, messages=int(f.total_count or 0), bytes=sizes.get(f.id, 0),
                                  special_use=SPECIAL_USE.get(wk or "")))
        out.sort(key=lambda fi: (self.well_known.get("inbox") != fi.name, fi.name))
        return out

    def _sizes(self, folders: list) -> dict:
        """Folder sizes from PR_MESSAGE_SIZE_EXTENDED (0x0E08), one GetFolder for all."""
        from exchangelib.fields import FieldPath
        from exchangelib.folders import Folder, FolderCollection

        if not folders:
            return {}
        field = {FieldPath(field=f) for f in Folder.FIELDS if f.name == "cd_size"}
        got = retrying(lambda: list(FolderCollection(account=self.account, folders=folders)
                                    .get_folders(additional_fields=field)), self.settings, self.cancel)
        return {f.id: int(getattr(f, "cd_size", 0) or 0) for f in got if not isinstance(f, Exception)}


def _is_mail(folder) -> bool:
    cls = folder.folder_class or "IPF.Note"
    return cls == "IPF" or cls.startswith("IPF.Note")


def attachment_records(item) -> list[Attachment]:
    from exchangelib import FileAttachment

    out = []
    for a in item.attachments or []:
        mime = (a.content_type or ("message/rfc822" if not isinstance(a, FileAttachment) else "")).lower()
        out.append(Attachment(filename=a.name or "(unnamed)", mime=mime, size=int(a.size or 0),
                              part=a.attachment_id.id if a.attachment_id else ""))
    return out


def summary_from_item(item, folder: str) -> MessageSummary:
    sender = item.sender
    return MessageSummary(
        folder=folder, uid=item.id, size=int(item.size or 0), internaldate=aware(item.datetime_received),
        message_id=item.message_id or None,
        from_=sender_text(sender.name, sender.email_address) if sender else "",
        subject=item.subject or "", list_id=getattr(item, "cd_list_id", None) or "",
        list_unsubscribe=getattr(item, "cd_list_unsubscribe", None) or "",
        list_unsubscribe_post=getattr(item, "cd_list_unsubscribe_post", None) or "",
        flags=("\\Flagged",) if getattr(item, "cd_flag_status", None) == FLAGGED else ())


def fetch_extra(account, summaries: list[MessageSummary], attachment_min_size: int, settings: EwsSettings,
                cancel: Optional[CancelToken] = None) -> None:
    """GetItem, in chunks: attachments of big messages, raw headers of messages without an id."""
    want_att = [m for m in summaries if m.size >= attachment_min_size]
    want_hdr = [m for m in summaries if not m.message_id]
    for group, field in ((want_att, "attachments"), (want_hdr, "headers")):
        for start in range(0, len(group), FETCH_CHUNK):
            chunk = group[start:start + FETCH_CHUNK]
            got = retrying(lambda c=chunk, f=field: list(account.fetch(ids=[(m.uid, None) for m in c],
                                                                       only_fields=[f])), settings, cancel)
            for m, item in zip(chunk, got):
                if isinstance(item, Exception):  # gone meanwhile: keep what FindItem gave
                    continue
                if field == "attachments":
                    m.attachments = attachment_records(item)
                else:
                    apply_headers(m, [(h.name, h.value) for h in item.headers or []])


class EwsSource:
    """MailSource over EWS (see source.MailSource)."""

    kind = "ews"
    is_gmail = False

    def __init__(self, settings: EwsSettings, credentials: Credentials, page: int = PAGE,
                 cancel: Optional[CancelToken] = None) -> None:
        self.settings = settings
        self.credentials = credentials
        self.page = page
        self.cancel = cancel
        self.account: Any = None  # an exchangelib Account once connected
        self.folders: Any = None  # EwsFolders once connected
        self._bytes_at_start = 0

    @property
    def label(self) -> str:
        return f"{self.settings.mailbox} on {self.settings.host}"

    def _netloc(self) -> str:
        if self.account is None:
            return ""
        return urlsplit(self.account.protocol.service_endpoint).netloc.lower()

    @property
    def bytes_downloaded(self) -> int:
        return _counters.get(self._netloc(), 0) - self._bytes_at_start

    def describe(self) -> dict:
        return self.settings.describe()

    def connect(self) -> None:
        self.account = connect_account(self.settings, self.credentials)
        self._bytes_at_start = _counters.get(self._netloc(), 0)
        self.folders = EwsFolders(self.account, self.settings, self.cancel)
        self._folder_infos = self.folders.load()  # first request: checks the sign-in

    def list_folders(self) -> list[FolderInfo]:
        return self._folder_infos

    def iter_messages(self, folder: FolderInfo, attachment_min_size: int,
                      on_batch: Optional[Callable[[int, int], None]] = None) -> Iterator[MessageSummary]:
        ews_folder = self.folders.by_path[folder.name]
        qs = ews_folder.all().only(*SCAN_FIELDS).order_by("datetime_received")
        qs.page_size = self.page  # one FindItem per page (exchangelib would split a slice in 100s)
        offset = 0
        folder.messages = 0
        folder.bytes = 0
        while True:
            def page(o=offset):
                sub = qs[o:o + self.page]
                return list(sub)

            items = retrying(page, self.settings, self.cancel)
            summaries = [summary_from_item(item, folder.name) for item in items if not isinstance(item, Exception)]
            # every large message: HasAttachments leaves out inline parts (pictures in the text)
            fetch_extra(self.account, summaries, attachment_min_size, self.settings, self.cancel)
            yield from counted(folder, summaries, on_batch)
            offset += len(items)
            if len(items) < self.page:
                break

    def content_digests(self, folder: str, items: list[tuple[str, int]]) -> dict[str, str]:
        """Digests of duplicate candidates (core.mail.confirm): the MIME content after its header
        block, fetched with GetItem in chunks. Nothing is marked as read."""
        import hashlib

        out = {}
        ids = [uid for uid, _s in items]
        for start in range(0, len(ids), FETCH_CHUNK):
            chunk = ids[start:start + FETCH_CHUNK]
            got = retrying(lambda c=chunk: list(self.account.fetch(ids=[(i, None) for i in c],
                                                                   only_fields=["mime_content"])),
                           self.settings, self.cancel)
            for uid, item in zip(chunk, got):
                if isinstance(item, Exception) or not item.mime_content:
                    continue
                raw = bytes(item.mime_content).replace(b"\r\n", b"\n")
                end = raw.find(b"\n\n")
                out[uid] = "e:" + hashlib.sha256(raw[end + 2:] if end >= 0 else raw).hexdigest()
        return out

    def quota(self) -> Optional[dict]:
        return None

    def close(self) -> None:
        if self.account is not None:
            try:
                self.account.protocol.close()
            except Exception:
                pass

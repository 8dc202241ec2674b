"""The mailbox behind the local EWS and Graph replay servers.

Loads the same content the Dovecot fixture seeds (messages.sample_mailbox(): folder ->
[{"msg": raw RFC 822 bytes, "flags", "date"}]) and keeps what Exchange keeps per item:
an opaque item id that changes when the item moves (as EWS/Graph ids do), the parent
folder, the size (here: the RFC 822 size, so the three servers agree), the received time
(the "date" given, else load time), the decoded subject and sender, the Internet
Message-ID, the raw Internet headers, and attachments with their decoded sizes.
Parsed with the standard email package, independently of the app's own parsers.
"""

from __future__ import annotations

import base64
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes
from email.header import decode_header, make_header
from email.policy import compat32
from email.utils import parseaddr
from typing import Optional

# folder name in the content -> (display name, well-known / distinguished name)
WELL_KNOWN = {"INBOX": ("Inbox", "inbox"), "Trash": ("Deleted Items", "deleteditems"),
              "Sent": ("Sent Items", "sentitems"), "Drafts": ("Drafts", "drafts"),
              "Junk": ("Junk Email", "junkemail")}


def new_id(prefix: str = "AAMkAD") -> str:
    return prefix + base64.urlsafe_b64encode(uuid.uuid4().bytes * 2).decode()


def _decode(raw: Optional[str]) -> str:
    if not raw:
        return ""
    try:
        return " ".join(str(make_header(decode_header(raw))).split())
    except Exception:
        return " ".join(str(raw).split())


def _text(value) -> str:
    """Header value as text: raw 8-bit bytes read as UTF-8, else Latin-1."""
    raw = str(value).encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


@dataclass
class StoredAttachment:
    id: str
    name: str
    content_type: str
    size: int
    is_inline: bool
    is_item: bool = False  # an attached message (EWS ItemAttachment, Graph itemAttachment)


@dataclass
class StoredMessage:
    id: str
    folder_id: str
    raw: bytes
    received: datetime
    is_read: bool
    subject: str
    sender_name: str
    sender_email: str
    to: list[tuple[str, str]]
    sent: Optional[datetime]
    message_id: Optional[str]
    headers: list[tuple[str, str]]
    attachments: list[StoredAttachment] = field(default_factory=list)
    change_key: str = "CQAAABYAAAB"
    modified: Optional[datetime] = None  # last modification (a move counts); None: received
    flagged: bool = False  # Outlook's follow-up flag (Graph "flag", EWS PR_FLAG_STATUS 0x1090 = 2)

    @property
    def body(self) -> str:
        """The text after the header block (what Graph's "body" and the content digest see)."""
        raw = self.raw.replace(b"\r\n", b"\n")
        end = raw.find(b"\n\n")
        return raw[end + 2:].decode("utf-8", "replace") if end >= 0 else ""

    @property
    def last_modified(self) -> datetime:
        return self.modified or self.received

    @property
    def size(self) -> int:
        return len(self.raw)

    def header(self, name: str) -> Optional[str]:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


@dataclass
class StoredFolder:
    id: str
    name: str
    parent_id: Optional[str]
    well_known: Optional[str] = None


def _attachments(msg) -> list[StoredAttachment]:
    out = []

    def walk(part) -> None:
        if part.is_multipart() and part.get_content_maintype() == "multipart":
            for child in part.get_payload() or []:
                if hasattr(child, "get_content_type"):
                    walk(child)
            return
        ctype = part.get_content_type()
        disp = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
        name = part.get_filename() or part.get_param("name") or ""
        if isinstance(name, tuple):
            name = name[2]
        name = _decode(name)
        if ctype in ("message/rfc822", "message/global"):
            inner = part.get_payload()
            inner = inner[0] if isinstance(inner, list) and inner else inner
            data = inner.as_bytes() if hasattr(inner, "as_bytes") else b""
            subj = _decode(inner.get("Subject")) if hasattr(inner, "get") else ""
            out.append(StoredAttachment(new_id("AAMkAtt"), subj or "(attached message)", ctype, len(data),
                                        False, True))
            return
        if not (name or disp == "attachment" or part.get_content_maintype() != "text"):
            return
        try:
            data = part.get_payload(decode=True) or b""
        except Exception:
            data = b""
        out.append(StoredAttachment(new_id("AAMkAtt"), name or f"(unnamed {ctype})", ctype, len(data),
                                    disp == "inline"))

    walk(msg)
    return out


def parse_message(raw: bytes, folder_id: str, received: datetime, is_read: bool) -> StoredMessage:
    msg = message_from_bytes(raw, policy=compat32)
    headers = [(k, " ".join(_text(v).split())) for k, v in msg.raw_items()]  # as sent, unfolded
    first: dict[str, str] = {}
    for k, v in headers:
        first.setdefault(k.lower(), v)
    from_name, from_addr = parseaddr(_decode(first.get("from", "")))
    to = [parseaddr(_decode(x.strip())) for x in first.get("to", "").split(",") if x.strip()]
    try:
        from email.utils import parsedate_to_datetime

        sent = parsedate_to_datetime(msg.get("Date"))
    except Exception:
        sent = None
    mid = msg.get("Message-ID")
    return StoredMessage(
        id=new_id(), folder_id=folder_id, raw=raw, received=received, is_read=is_read,
        subject=_decode(first.get("subject", "")), sender_name=from_name, sender_email=from_addr,
        to=to, sent=sent, message_id=" ".join(str(mid).split()) if mid else None, headers=headers,
        attachments=_attachments(msg))


class Store:
    """Folders and messages of one mailbox, safe to use from server threads."""

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.folders: dict[str, StoredFolder] = {}
        self.messages: dict[str, StoredMessage] = {}
        self.root = StoredFolder(new_id("AAMkRoot"), "Top of Information Store", None, "msgfolderroot")
        self.folders[self.root.id] = self.root
        self.mailbox_root = StoredFolder(new_id("AAMkTop"), "Root", None, "root")  # parent of msgfolderroot
        self.retention: list[StoredMessage] = []  # "Recoverable Items" after a hard delete
        for key in ("INBOX", "Sent", "Drafts", "Trash", "Junk"):
            self.folder_for(key)

    def by_well_known(self, name: str) -> StoredFolder:
        if name == "msgfolderroot":
            return self.root
        if name == "root":
            return self.mailbox_root
        return next(f for f in self.folders.values() if f.well_known == name)

    def folder_for(self, path: str) -> StoredFolder:
        """The folder for a content path ("INBOX", "Archive", "A/B"), created when missing."""
        with self.lock:
            if path in WELL_KNOWN:
                name, wk = WELL_KNOWN[path]
                existing = [f for f in self.folders.values() if f.well_known == wk]
                if existing:
                    return existing[0]
                f = StoredFolder(new_id("AAMkFld"), name, self.root.id, wk)
                self.folders[f.id] = f
                return f
            parent = self.root
            for part in path.split("/"):
                child = next((f for f in self.folders.values()
                              if f.parent_id == parent.id and f.name == part), None)
                if child is None:
                    child = StoredFolder(new_id("AAMkFld"), part, parent.id)
                    self.folders[child.id] = child
                parent = child
            return parent

    def load(self, content: dict[str, list[dict]]) -> None:
        now = datetime.now(timezone.utc).replace(microsecond=0)
        with self.lock:
            for path, msgs in content.items():
                folder = self.folder_for(path)
                for m in msgs:
                    flags = m.get("flags") or []
                    sm = parse_message(m["msg"], folder.id, m.get("date") or now, b"\\Seen" in flags)
                    sm.flagged = b"\\Flagged" in flags
                    self.messages[sm.id] = sm

    def children(self, folder_id: str) -> list[StoredFolder]:
        return [f for f in self.folders.values() if f.parent_id == folder_id]

    def descendants(self, folder_id: str) -> list[StoredFolder]:
        out = []
        for c in sorted(self.children(folder_id), key=lambda f: f.name):
            out.append(c)
            out.extend(self.descendants(c.id))
        return out

    def in_folder(self, folder_id: str, by: str = "received", descending: bool = True) -> list[StoredMessage]:
        """Items of a folder, newest received first by default (the servers' default order);
        ``by="modified"`` sorts on the last modification time."""
        items = [m for m in self.messages.values() if m.folder_id == folder_id]
        key = (lambda m: (m.last_modified, m.id)) if by == "modified" else (lambda m: (m.received, m.id))
        items.sort(key=key, reverse=descending)
        return items

    def folder_size(self, folder_id: str) -> int:
        return sum(m.size for m in self.messages.values() if m.folder_id == folder_id)

    def move(self, item_id: str, dest_id: str) -> StoredMessage:
        """Move an item; like Exchange, the item gets a new id in its new folder."""
        with self.lock:
            m = self.messages.pop(item_id)
            m.id = new_id()
            m.folder_id = dest_id
            self._clock = max(getattr(self, "_clock", datetime.now(timezone.utc)), datetime.now(timezone.utc))
            self._clock += timedelta(milliseconds=1)  # strictly later than any earlier change
            m.modified = self._clock
            self.messages[m.id] = m
            return m

    def hard_delete(self, item_id: str) -> None:
        with self.lock:
            self.retention.append(self.messages.pop(item_id))

    def folder_path(self, folder_id: str) -> str:
        parts = []
        f = self.folders[folder_id]
        while f.parent_id is not None:
            parts.append(f.name)
            f = self.folders[f.parent_id]
        return "/".join(reversed(parts))

"""IMAP backend of MailSource: folders, message summaries, quota.

Reads only: folders are opened with EXAMINE (read-only), headers with BODY.PEEK, so no
flag changes; BODYSTRUCTURE is fetched only for messages at or above the attachment
threshold. Never downloads a body. The fetch loop (pipelined, over a pool of connections)
is core.mail.sources.imap_fetch.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Iterator, Optional

from cleanup_desktop.core.mail.analysis import decode_text
from cleanup_desktop.core.mail.errors import MailError, describe_exception
from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings, close, connect, drop as _drop
from cleanup_desktop.core.mail.sources import imap_cache
from cleanup_desktop.core.mail.sources.imap_fetch import FolderReader, list_with_status, rights_many, status_many, uid_ranges
from cleanup_desktop.core.mail.source import Attachment, FolderInfo, MessageSummary, counted
from cleanup_desktop.core.messages import Reason

HEADER_FIELDS = ("MESSAGE-ID", "FROM", "TO", "DATE", "SUBJECT", "LIST-ID", "LIST-UNSUBSCRIBE", "LIST-UNSUBSCRIBE-POST")
HEADER_ITEM = "BODY.PEEK[HEADER.FIELDS (%s)]" % " ".join(HEADER_FIELDS)
SPECIAL_USE = (b"\\Trash", b"\\All", b"\\Sent", b"\\Drafts", b"\\Junk", b"\\Archive", b"\\Flagged")
BATCH = 1000  # messages parsed and reported at a time (one FETCH command per folder)


def _s(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            return value.decode("latin-1")
    return str(value)


def parse_header_block(raw: bytes) -> dict[str, str]:
    """Fast parser for a HEADER.FIELDS block: unfolds lines, first occurrence wins."""
    out: dict[str, str] = {}
    name = None
    for line in _s(raw).replace("\r\n", "\n").split("\n"):
        if not line:
            name = None
            continue
        if line[0] in " \t":
            if name is not None:
                out[name] += " " + line.strip()
            continue
        key, sep, value = line.partition(":")
        if not sep:
            name = None
            continue
        key = key.strip().lower()
        if key in out:
            name = None
            continue
        out[key] = value.strip()
        name = key
    return out


def _params(seq) -> dict[str, str]:
    """BODYSTRUCTURE parameter list -> dict, RFC 2231 continuations and charsets decoded."""
    if not seq or not isinstance(seq, (list, tuple)):
        return {}
    pairs = []
    items = list(seq)
    for i in range(0, len(items) - 1, 2):
        pairs.append((_s(items[i]).lower(), _s(items[i + 1])))
    plain = {k: v for k, v in pairs if "*" not in k}
    starred = [(k, v) for k, v in pairs if "*" in k]
    if starred:
        try:
            params = decode_rfc2231_params(starred)
            plain.update(params)
        except Exception:
            for k, v in starred:
                plain.setdefault(k.split("*")[0], v)
    return plain


def decode_rfc2231_params(starred: list[tuple[str, str]]) -> dict[str, str]:
    groups: dict[str, list] = {}
    for key, value in starred:
        base, _, rest = key.partition("*")
        num = rest.rstrip("*")
        encoded = key.endswith("*")
        groups.setdefault(base, []).append((int(num) if num.isdigit() else 0, encoded, value))
    out = {}
    for base, parts in groups.items():
        parts.sort()
        first_encoded = parts[0][1]
        text = "".join(v for _, _, v in parts)
        if first_encoded:
            charset, _, rest = text.partition("'")
            _lang, _, data = rest.partition("'")
            out[base] = _percent_decode(data, charset or "us-ascii")
        else:
            out[base] = text
    return out


def _percent_decode(data: str, charset: str) -> str:
    from urllib.parse import unquote_to_bytes

    raw = unquote_to_bytes(data)
    try:
        return raw.decode(charset, "replace")
    except LookupError:
        return raw.decode("utf-8", "replace")


def parse_bodystructure(bs, prefix: str = "") -> list[Attachment]:
    """Leaf parts that are attachments (a file name, a non-text type, or an attached message)."""
    out: list[Attachment] = []
    _walk(bs, prefix, out)
    return out


def _walk(bs, part: str, out: list[Attachment]) -> None:
    if not isinstance(bs, (list, tuple)) or not bs:
        return
    if isinstance(bs[0], (list, tuple)):  # multipart: ([part, part, ...], subtype, ...)
        children = bs[0] if isinstance(bs[0], list) else [x for x in bs if isinstance(x, tuple)]
        for n, child in enumerate(children, 1):
            _walk(child, f"{part}.{n}" if part else str(n), out)
        return
    try:
        mtype = _s(bs[0]).lower()
        subtype = _s(bs[1]).lower()
        params = _params(bs[2])
        size = int(bs[6] or 0)
    except (IndexError, TypeError, ValueError):
        return
    part = part or "1"
    if mtype == "text":
        ext = 8
    elif mtype == "message" and subtype in ("rfc822", "global"):
        ext = 10
    else:
        ext = 7
    disposition, dparams = "", {}
    if len(bs) > ext + 1 and isinstance(bs[ext + 1], (list, tuple)) and bs[ext + 1]:
        disposition = _s(bs[ext + 1][0]).lower()
        dparams = _params(bs[ext + 1][1] if len(bs[ext + 1]) > 1 else None)
    filename = dparams.get("filename") or params.get("name") or ""
    filename = decode_text(filename)
    is_message = mtype == "message" and subtype in ("rfc822", "global")
    if filename or disposition == "attachment" or is_message or mtype not in ("text", "multipart"):
        if not filename:
            filename = "(attached message)" if is_message else f"(unnamed {mtype}/{subtype})"
        out.append(Attachment(filename=filename, mime=f"{mtype}/{subtype}", size=size, part=part))


def _aware(dt) -> Optional[datetime]:
    if not isinstance(dt, datetime):
        return None
    if dt.tzinfo is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def _message_from_fetch(folder: str, uidvalidity: Optional[int], uid: int, data: dict) -> MessageSummary:
    raw = b""
    for key, value in data.items():
        if isinstance(key, bytes) and key.startswith(b"BODY[HEADER"):
            raw = value or b""
            break
    h = parse_header_block(raw)
    flags = tuple(_s(f) for f in data.get(b"FLAGS", ()))
    gm = data.get(b"X-GM-MSGID")
    return MessageSummary(
        folder=folder, uid=uid, uidvalidity=uidvalidity, size=int(data.get(b"RFC822.SIZE") or 0),
        internaldate=_aware(data.get(b"INTERNALDATE")), flags=flags,
        message_id=h.get("message-id") or None, from_=h.get("from", ""), to=h.get("to", ""),
        date_header=h.get("date", ""), subject=h.get("subject", ""), list_id=h.get("list-id", ""),
        list_unsubscribe=h.get("list-unsubscribe", ""), list_unsubscribe_post=h.get("list-unsubscribe-post", ""),
        gm_msgid=int(gm) if gm is not None else None,
    )


def folder_namespaces(client, capabilities) -> list[tuple[str, str]]:
    """(prefix, kind) of the server's personal, other-users and shared namespaces (RFC 2342),
    longest prefix first."""
    if b"NAMESPACE" not in capabilities:
        return []
    try:
        ns = client.namespace()
    except Exception:
        return []
    out = []
    for kind, entries in (("personal", ns.personal), ("other", ns.other), ("shared", ns.shared)):
        for entry in entries or ():
            out.append((_s(entry[0]), kind))
    out.sort(key=lambda p: -len(p[0]))
    return out


def namespace_of(name: str, spaces: list[tuple[str, str]]) -> str:
    for prefix, kind in spaces:
        if prefix and (name.startswith(prefix) or name + (prefix[-1:] if prefix[-1:] in "/." else "") == prefix):
            return kind
    return "personal"


def my_rights(client, folder: str) -> Optional[str]:
    """The user's rights on ``folder`` (e.g. "lrswipkxtecda"), None when the server refuses."""
    try:
        typ, data = client._imap.myrights(client._normalise_folder(folder))
    except Exception:
        return None
    if typ != "OK" or not data or data[0] is None:
        return None
    line = data[0]
    line = line[0] if isinstance(line, tuple) else line
    return _s(line).rsplit(" ", 1)[-1].strip().strip('"')


def can_delete(rights: str) -> bool:
    """Moving a message out needs the delete-message and expunge rights (t and e; d in RFC 2086)."""
    return "r" in rights and (("t" in rights and "e" in rights) or "d" in rights)


class ImapSource:
    """MailSource over IMAP (see source.MailSource).

    Folders are read with pipelined commands (core.mail.sources.imap_fetch); when the folders to
    read hold at least ``parallel_min`` messages, over a pool of ``connections`` read-only
    connections (folders shared out, largest first).
    """

    kind = "imap"

    def __init__(self, settings: ImapSettings, credentials: Credentials, batch: int = BATCH,
                 connections: int = 1, parallel_min: int = 3000, reuse_unchanged: bool = True) -> None:
        """``reuse_unchanged``: folders the server (CONDSTORE) says did not change since this
        process last read them are not read again (core.mail.sources.imap_cache)."""
        self.settings = settings
        self.credentials = credentials
        self.batch = batch
        self.connections = max(1, connections)
        self.parallel_min = parallel_min
        self.client: Any = None  # a CountingIMAPClient once connected
        self._extra: list = []
        self._reader: Optional[FolderReader] = None
        self._min_size = 0
        self._quota = None  # read with the folder list
        self.reuse_unchanged = reuse_unchanged
        self._modseq: dict[str, int] = {}
        self._reused: dict[str, list[MessageSummary]] = {}
        self._downloaded_before = 0
        self._uidvalidity: dict[str, Optional[int]] = {}  # per folder, from this scan's STATUS
        self.capabilities: set[bytes] = set()

    @property
    def _account_key(self) -> str:
        return f"{self.settings.user}@{self.settings.host}:{self.settings.effective_port}"

    @property
    def label(self) -> str:
        return f"{self.settings.user}@{self.settings.host}"

    @property
    def is_gmail(self) -> bool:
        return b"X-GM-EXT-1" in self.capabilities

    @property
    def bytes_downloaded(self) -> int:
        total = self._downloaded_before
        for c in [self.client, *self._extra]:
            if c is not None:
                total += c.bytes_read
        return total

    def describe(self) -> dict:
        return self.settings.describe()

    def connect(self) -> None:
        self.client = connect(self.settings, self.credentials)
        self.capabilities = set(self.client.capabilities())

    def close(self) -> None:
        clean = self._reader.stop() if self._reader is not None else True
        self._reader = None
        for c in [self.client, *self._extra]:
            if c is not None:
                self._downloaded_before += c.bytes_read
                if clean:
                    close(c, wait=False)
                else:  # stopped mid-answer: the connection is not in step any more
                    _drop(c)
        self.client = None
        self._extra = []

    def _guard(self, fn, *args):
        try:
            return fn(*args)
        except MailError:
            raise
        except Exception as exc:
            raise describe_exception(exc, self.settings.host, self.settings.effective_port) from None

    def list_folders(self) -> list[FolderInfo]:
        # one round trip: LIST (with STATUS where the server has LIST-STATUS) and the quota
        rows, status, self._quota = self._guard(list_with_status, self.client, b"QUOTA" in self.capabilities)
        spaces = folder_namespaces(self.client, self.capabilities)
        out = []
        for flags, _delim, name in rows:
            if b"\\Noselect" in flags or b"\\NonExistent" in flags:
                continue
            special = next((_s(f) for f in flags if f in SPECIAL_USE), None)
            out.append(FolderInfo(name=_s(name), special_use=special, namespace=namespace_of(_s(name), spaces)))
        out.sort(key=lambda f: (f.name.upper() != "INBOX", f.name))
        missing = [f.name for f in out if f.name not in status]
        if missing:
            status.update(self._guard(status_many, self.client, missing))  # one burst
        for f in out:
            st = status[f.name]
            if isinstance(st, MailError):
                f.error = st.message  # the sentence, with its reason code (core.messages)
                continue
            f.messages = int(st.get(b"MESSAGES", 0))
            f.uidvalidity = int(st.get(b"UIDVALIDITY", 0)) or None
            self._uidvalidity[f.name] = f.uidvalidity
            if st.get(b"HIGHESTMODSEQ"):
                self._modseq[f.name] = int(st[b"HIGHESTMODSEQ"])
        return out

    def content_digests(self, folder: str, items: list[tuple[int, int]]) -> dict[int, str]:
        """Digests of duplicate candidates (core.mail.confirm): the only bodies a scan reads.
        Runs on the main connection once the folder reader's threads are done with it."""
        from cleanup_desktop.core.mail.sources.imap_confirm import content_digests

        if self._reader is not None:
            for t in self._reader.threads:
                t.join()
        remember = self.reuse_unchanged  # digests of (UIDVALIDITY, UID) never change: kept for a rescan
        return content_digests(self, folder, items, self._uidvalidity.get(folder),
                               self._account_key if remember else None)

    def check_rights(self, folders: list[FolderInfo]) -> None:
        """MYRIGHTS (RFC 4314) of the folders to scan, where the server has ACL."""
        if b"ACL" not in self.capabilities:
            return
        rights = self._guard(rights_many, self.client, [f.name for f in folders])  # one burst
        for f in folders:
            f.rights = rights.get(f.name)
            f.cleanable = f.rights is not None and can_delete(f.rights)

    def _items(self) -> list[str]:
        items = ["UID", "RFC822.SIZE", "INTERNALDATE", "FLAGS", HEADER_ITEM]
        if self.is_gmail:
            items.append("X-GM-MSGID")
        return items

    def plan_folders(self, folders: list[FolderInfo], attachment_min_size: int) -> None:
        """Start reading these folders, in this order (commands are sent ahead; see
        imap_fetch). Optional in MailSource: iter_messages works without it."""
        if self._reader is not None and self._reader.min_size != attachment_min_size:
            raise MailError(Reason("mail.one-threshold"), "args")
        todo = []
        for f in folders:
            if f.error:
                continue
            same = imap_cache.get(self._account_key, f.name, f.uidvalidity, self._modseq.get(f.name),
                                  f.messages, attachment_min_size) if self.reuse_unchanged else None
            if same is not None:
                self._reused[f.name] = same
            else:
                todo.append((f.name, f.messages))
        n = 1
        if self.connections > 1 and sum(m for _n, m in todo) >= self.parallel_min:
            n = min(self.connections, len([1 for _n, m in todo if m > 0]))
        if self._reader is None:
            while len(self._extra) < n - 1:
                self._extra.append(self._guard(connect, self.settings, self.credentials))
            self._min_size = attachment_min_size
            self._reader = FolderReader([self.client, *self._extra[: n - 1]], self._items(), self.batch,
                                        attachment_min_size, self.settings.host, self.settings.effective_port)
        self._reader.start(todo)

    def iter_messages(self, folder: FolderInfo, attachment_min_size: int,
                      on_batch: Optional[Callable[[int, int], None]] = None) -> Iterator[MessageSummary]:
        if folder.name in self._reused:  # unchanged since the last read (CONDSTORE)
            folder.messages = folder.bytes = 0
            yield from counted(folder, self._reused.pop(folder.name), on_batch)
            return
        if self._reader is None or folder.name not in self._reader.jobs:
            self.plan_folders([folder], attachment_min_size)
        modseq = self._modseq.get(folder.name)  # as STATUS said before the read
        uidvalidity = status_uidvalidity = folder.uidvalidity
        folder.messages = folder.bytes = 0
        read: list[MessageSummary] = []
        held: dict[int, MessageSummary] = {}  # at or above the threshold: wait for BODYSTRUCTURE
        assert self._reader is not None  # plan_folders() made it before any folder is read
        for event in self._reader.events(folder.name):
            kind = event[0]
            if kind == "examined":
                uidvalidity = folder.uidvalidity = event[1] if event[1] is not None else folder.uidvalidity
            elif kind == "error":
                raise event[1]
            elif kind == "data":
                ready = []
                for uid in sorted(event[1]):
                    m = _message_from_fetch(folder.name, uidvalidity, uid, event[1][uid])
                    if attachment_min_size > 0 and m.size >= attachment_min_size:
                        held[uid] = m
                    else:
                        ready.append(m)
                read.extend(ready)
                yield from counted(folder, ready, on_batch)
            elif kind == "structures":
                for uid, m in held.items():
                    s = event[1].get(uid)
                    if s is not None and b"BODYSTRUCTURE" in s:
                        try:
                            m.attachments = parse_bodystructure(s[b"BODYSTRUCTURE"])
                        except Exception:  # odd structure from broken MIME: keep the message
                            m.attachments = []
                read.extend(held[u] for u in sorted(held))
                yield from counted(folder, [held[u] for u in sorted(held)], on_batch)
                held = {}
        read.extend(held[u] for u in sorted(held))
        yield from counted(folder, [held[u] for u in sorted(held)], on_batch)
        if self.reuse_unchanged and uidvalidity == status_uidvalidity:
            imap_cache.put(self._account_key, folder.name, uidvalidity, modseq, attachment_min_size, read)

    def quota(self) -> Optional[dict]:
        if b"QUOTA" not in self.capabilities:
            return None
        quotas = self._quota
        if quotas is None:
            if self._reader is not None and not self._reader.stop():
                return None  # stopped mid-answer (cancelled): the connection is not in step
            try:
                _roots, quotas = self.client.get_quota_root("INBOX")
            except Exception:
                return None
        for q in quotas:
            if _s(q.resource).upper() == "STORAGE":
                return {"root": _s(q.quota_root), "used": int(q.usage) * 1024, "limit": int(q.limit) * 1024}
        return None

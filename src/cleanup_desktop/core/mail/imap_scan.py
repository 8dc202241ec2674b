"""IMAP backend of MailSource: folders, message summaries in UID batches, quota.

Reads only: folders are opened with EXAMINE (read-only), headers with BODY.PEEK, so no
flag changes; BODYSTRUCTURE is fetched only for messages above the attachment threshold
(UID SEARCH LARGER). Never downloads a body.
"""

from __future__ import annotations

import queue
from collections import deque
from itertools import islice
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from typing import Callable, Iterator, Optional

from cleanup_desktop.core.mail.analysis import decode_text
from cleanup_desktop.core.mail.errors import MailError, describe_exception
from cleanup_desktop.core.mail.fetch_parse import fetch_uidset, parse_raw, read_fetch, send_fetch
from cleanup_desktop.core.mail.imap import Credentials, ImapSettings, close, connect
from cleanup_desktop.core.mail.source import Attachment, FolderInfo, MessageSummary

HEADER_FIELDS = ("MESSAGE-ID", "FROM", "TO", "DATE", "SUBJECT", "LIST-ID", "LIST-UNSUBSCRIBE", "LIST-UNSUBSCRIBE-POST")
HEADER_ITEM = "BODY.PEEK[HEADER.FIELDS (%s)]" % " ".join(HEADER_FIELDS)
SPECIAL_USE = (b"\\Trash", b"\\All", b"\\Sent", b"\\Drafts", b"\\Junk", b"\\Archive", b"\\Flagged")
BATCH = 1000
PIPELINE = 2  # FETCH commands in flight on one connection


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


def uid_ranges(uids: list[int]) -> str:
    """Compact UID set: 1:5,7,9:12."""
    uids = sorted(uids)
    parts = []
    i = 0
    while i < len(uids):
        j = i
        while j + 1 < len(uids) and uids[j + 1] == uids[j] + 1:
            j += 1
        parts.append(str(uids[i]) if i == j else f"{uids[i]}:{uids[j]}")
        i = j + 1
    return ",".join(parts)


class ImapSource:
    """MailSource over IMAP (see source.MailSource).

    Folders with more than ``parallel_min`` messages are fetched over ``connections``
    read-only connections at once (the server works on one batch while we parse another).
    """

    kind = "imap"

    def __init__(self, settings: ImapSettings, credentials: Credentials, batch: int = BATCH,
                 connections: int = 1, parallel_min: int = 3000) -> None:
        self.settings = settings
        self.credentials = credentials
        self.batch = batch
        self.connections = max(1, connections)
        self.parallel_min = parallel_min
        self.client = None
        self._extra: list = []
        self._selected: dict[int, str] = {}
        self._downloaded_before = 0
        self.capabilities: set[bytes] = set()

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
        for c in [self.client, *self._extra]:
            if c is not None:
                self._downloaded_before += c.bytes_read
                close(c)
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
        rows = self._guard(self.client.list_folders)
        out = []
        for flags, _delim, name in rows:
            if b"\\Noselect" in flags or b"\\NonExistent" in flags:
                continue
            special = next((_s(f) for f in flags if f in SPECIAL_USE), None)
            out.append(FolderInfo(name=_s(name), special_use=special))
        out.sort(key=lambda f: (f.name.upper() != "INBOX", f.name))
        for f in out:
            try:
                st = self._guard(self.client.folder_status, f.name, [b"MESSAGES", b"UIDVALIDITY"])
                f.messages = int(st.get(b"MESSAGES", 0))
                f.uidvalidity = int(st.get(b"UIDVALIDITY", 0)) or None
            except MailError as exc:
                f.error = str(exc)
        return out

    def _fetch_chunk(self, c, folder: str, chunk: list[int], big: set, items: list[str]) -> tuple[dict, dict]:
        if self._selected.get(id(c)) != folder:
            self._guard(c.select_folder, folder, True)  # EXAMINE: read-only
            self._selected[id(c)] = folder
        data = self._guard(fetch_uidset, c, uid_ranges(chunk), items)
        big_chunk = [u for u in chunk if u in big]
        structures = {}
        if big_chunk:
            structures = self._guard(fetch_uidset, c, uid_ranges(big_chunk), ["BODYSTRUCTURE"], False)
        return data, structures

    def _pool_clients(self, n: int) -> list:
        while len(self._extra) < n - 1:
            self._extra.append(connect(self.settings, self.credentials))
        return [self.client, *self._extra[: n - 1]]

    def _pipelined(self, folder: str, chunks: list[list[int]], big: set, items: list[str]):
        """One connection, up to PIPELINE FETCH commands in flight: the server prepares the
        next batch while this one is parsed. BODYSTRUCTURE of the folder's big messages is
        fetched first, in one command."""
        c = self.client
        if self._selected.get(id(c)) != folder:
            self._guard(c.select_folder, folder, True)
            self._selected[id(c)] = folder
        structures = {}
        if big:
            structures = self._guard(fetch_uidset, c, uid_ranges(sorted(big)), ["BODYSTRUCTURE"], False)
        imap = c._imap
        pending: deque = deque()
        todo = iter(chunks)
        merged: dict = {}
        for chunk in islice(todo, PIPELINE):
            pending.append((self._guard(send_fetch, imap, uid_ranges(chunk), items), chunk))
        while pending:
            tag, chunk = pending.popleft()
            raw = self._guard(read_fetch, imap, tag)
            nxt = next(todo, None)
            if nxt is not None:
                pending.append((self._guard(send_fetch, imap, uid_ranges(nxt), items), nxt))
            merged.update(parse_raw(raw))  # keyed by UID: right even if responses interleave
            data = {u: merged.pop(u) for u in chunk if u in merged}
            yield chunk, data, {u: structures[u] for u in chunk if u in structures}

    def _fetched(self, folder: str, chunks: list[list[int]], big: set, items: list[str]):
        """Yield (chunk, data, structures) in order, over one or several connections."""
        n = min(self.connections, len(chunks))
        if n <= 1 or sum(len(c) for c in chunks) < self.parallel_min:
            yield from self._pipelined(folder, chunks, big, items)
            return
        clients = self._pool_clients(n)
        pool = queue.Queue()
        for c in clients:
            pool.put(c)

        def job(chunk):
            c = pool.get()
            try:
                return self._fetch_chunk(c, folder, chunk, big, items)
            finally:
                pool.put(c)

        with ThreadPoolExecutor(n) as ex:
            futures = [ex.submit(job, chunk) for chunk in chunks]
            try:
                for chunk, fut in zip(chunks, futures):
                    yield (chunk, *fut.result())
            finally:
                for f in futures:
                    f.cancel()

    def iter_messages(self, folder: FolderInfo, attachment_min_size: int,
                      on_batch: Optional[Callable[[int, int], None]] = None) -> Iterator[MessageSummary]:
        c = self.client
        sel = self._guard(c.select_folder, folder.name, True)  # EXAMINE: read-only
        self._selected[id(c)] = folder.name
        uidvalidity = int(sel.get(b"UIDVALIDITY", 0)) or None
        folder.uidvalidity = uidvalidity
        uids = self._guard(c.search, ["ALL"]) if int(sel.get(b"EXISTS", 0)) else []
        uids = sorted(uids)
        big = set()
        if uids and attachment_min_size > 0:
            big = set(self._guard(c.search, ["LARGER", str(max(0, attachment_min_size - 1))]))
        items = ["UID", "RFC822.SIZE", "INTERNALDATE", "FLAGS", HEADER_ITEM]
        if self.is_gmail:
            items.append("X-GM-MSGID")
        folder.messages = len(uids)
        folder.bytes = 0
        chunks = [uids[i:i + self.batch] for i in range(0, len(uids), self.batch)]
        for chunk, data, structures in self._fetched(folder.name, chunks, big, items):
            done = nbytes = 0
            for uid in chunk:
                d = data.get(uid)
                if d is None:  # expunged meanwhile
                    continue
                m = _message_from_fetch(folder.name, uidvalidity, uid, d)
                s = structures.get(uid)
                if s is not None and b"BODYSTRUCTURE" in s:
                    try:
                        m.attachments = parse_bodystructure(s[b"BODYSTRUCTURE"])
                    except Exception:  # odd structure from broken MIME: keep the message
                        m.attachments = []
                folder.bytes += m.size
                nbytes += m.size
                done += 1
                yield m
            if on_batch is not None:
                on_batch(done, nbytes)

    def quota(self) -> Optional[dict]:
        if b"QUOTA" not in self.capabilities:
            return None
        try:
            _roots, quotas = self.client.get_quota_root("INBOX")
        except Exception:
            return None
        for q in quotas:
            if _s(q.resource).upper() == "STORAGE":
                return {"root": _s(q.quota_root), "used": int(q.usage) * 1024, "limit": int(q.limit) * 1024}
        return None

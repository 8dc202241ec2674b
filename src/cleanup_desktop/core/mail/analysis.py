"""Findings from message summaries, whatever protocol produced them.

Duplicates (same Message-ID and size, or a hash of From/To/Date/Subject and size when the
ID is missing), large messages, large attachments, old bulky mail and bulk senders.
Gmail labels: records sharing an X-GM-MSGID are one message, never duplicates.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email.header import decode_header, make_header
from email.utils import parseaddr
from typing import Any, Iterable, Optional

from cleanup_desktop.core.mail.keep import is_live, keeper_order
from cleanup_desktop.core.mail.source import MessageSummary


@dataclass
class AnalysisOptions:
    large_min_size: int = 1_000_000  # a message this big is listed as large
    large_top: int = 200
    attachment_min_size: int = 500_000  # attachments this big are listed (BODYSTRUCTURE only above it)
    old_months: int = 24
    old_min_size: int = 200_000
    old_top: int = 500
    senders_top: int = 50
    senders_min_messages: int = 3


def decode_text(raw: str) -> str:
    """Decode RFC 2047 words; never raises on broken encodings."""
    if not raw:
        return ""
    if "=?" not in raw:
        return " ".join(raw.split())
    try:
        return " ".join(str(make_header(decode_header(raw))).split())
    except Exception:  # malformed encoded words: show them as they are
        return " ".join(raw.split())


def normalise_message_id(raw: Optional[str]) -> Optional[str]:
    if not raw:
        return None
    value = "".join(raw.split())
    if not value or value == "<>":
        return None
    return value


def duplicate_key(m: MessageSummary) -> str:
    """Message-ID when there is one, else a hash of the key headers; size is compared apart."""
    mid = normalise_message_id(m.message_id)
    if mid:
        return mid
    h = hashlib.sha1()
    for part in (m.from_, m.to, m.date_header, m.subject):
        h.update(" ".join((part or "").split()).encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return "hash:" + h.hexdigest()


def _uid_order(uid) -> tuple:
    return (0, uid, "") if isinstance(uid, int) else (1, 0, str(uid))


def gmail_messages(messages: Iterable[MessageSummary], all_mail: Optional[str] = None,
                   ident=lambda m: m.gm_msgid) -> list[list[MessageSummary]]:
    """Group records of one Gmail message (same X-GM-MSGID) seen under several labels (or, with
    ``ident`` reading EMAILID, one stored message that RFC 8474 says is in several folders).

    The representative (first) record is the one in All Mail when scanned, else the first seen.
    """
    groups: dict = {}
    out: list[list[MessageSummary]] = []
    for m in messages:
        key = ident(m)
        if key is None:
            out.append([m])
            continue
        g = groups.get(key)
        if g is None:
            g = groups[key] = []
            out.append(g)
        if all_mail and m.folder == all_mail:
            g.insert(0, m)
        else:
            g.append(m)
    return out


KEPT_FLAGS = ("\\Flagged", "\\Deleted", "\\Seen", "\\Answered", "\\Draft")


def flag_names(m: MessageSummary) -> list[str]:
    """System flags that matter to the keep rule and to undo (\\Recent is session-only)."""
    out = []
    for f in m.flags:
        name = f.decode("ascii", "replace") if isinstance(f, bytes) else str(f)
        if name in KEPT_FLAGS or name.lower() in ("$flagged",):
            out.append("\\Flagged" if name.lower() == "$flagged" else name)
    return out


def _copy(m: MessageSummary, labels: Optional[list[str]] = None) -> dict:
    d: dict[str, Any] = {"folder": m.folder, "uid": m.uid, "uidvalidity": m.uidvalidity, "size": m.size,
                         "date": iso(m.internaldate), "key": duplicate_key(m)}
    _with_flags(d, m)
    if labels is not None:
        d["labels"] = labels
    return d


def iso(dt: Optional[datetime]) -> Optional[str]:
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.isoformat()


def find_duplicates(logical: list[list[MessageSummary]], is_gmail: bool = False,
                    roles: Optional[dict] = None) -> list[dict]:
    """Candidate groups (same key and size); copies in keep-rule order, the default keeper first
    when there is a live copy. The scan then confirms them by content (core.mail.confirm)."""
    by_key: dict = defaultdict(list)
    for group in logical:
        m = group[0]
        by_key[(duplicate_key(m), m.size)].append(group)
    result = []
    for (key, size), groups in by_key.items():
        if len(groups) < 2:
            continue
        copies = [_copy(g[0], [x.folder for x in g] if is_gmail else None) for g in groups]
        if roles is None:
            copies.sort(key=lambda c: keeper_order(c))
        else:
            copies.sort(key=lambda c: (not is_live(c, roles), keeper_order(c)))
        result.append({"key": key, "size": size, "copies": copies,
                       "wasted": size * (len(copies) - 1),
                       "subject": decode_text(groups[0][0].subject)})
    result.sort(key=lambda d: (-d["wasted"], d["key"]))
    return result


def _summary_line(m: MessageSummary) -> dict:
    d = {"folder": m.folder, "uid": m.uid, "uidvalidity": m.uidvalidity, "size": m.size,
         "key": duplicate_key(m), "date": iso(m.internaldate), "from": decode_text(m.from_),
         "subject": decode_text(m.subject)}
    return _with_flags(d, m)


def _with_flags(d: dict, m: MessageSummary) -> dict:
    flags = flag_names(m)
    if flags:
        d["flags"] = flags
    return d


def large_messages(logical: list[list[MessageSummary]], opts: AnalysisOptions) -> list[dict]:
    big = [g[0] for g in logical if g[0].size >= opts.large_min_size]
    big.sort(key=lambda m: (-m.size, m.folder, _uid_order(m.uid)))
    return [_summary_line(m) for m in big[: opts.large_top]]


def attachments(logical: list[list[MessageSummary]], opts: AnalysisOptions) -> list[dict]:
    out = []
    for g in logical:
        m = g[0]
        for a in m.attachments:
            if a.size >= opts.attachment_min_size:
                out.append(_with_flags({"folder": m.folder, "uid": m.uid, "uidvalidity": m.uidvalidity,
                                        "key": duplicate_key(m), "filename": a.filename, "mime": a.mime,
                                        "size": a.size, "message_size": m.size, "date": iso(m.internaldate),
                                        "subject": decode_text(m.subject)}, m))
    out.sort(key=lambda d: (-d["size"], d["folder"], _uid_order(d["uid"])))
    return out


def old_bulky(logical: list[list[MessageSummary]], opts: AnalysisOptions,
              now: Optional[datetime] = None) -> list[dict]:
    now = now or datetime.now(timezone.utc)
    limit = now - timedelta(days=round(opts.old_months * 30.44))
    out = []
    for g in logical:
        m = g[0]
        d = m.internaldate
        if d is None or m.size < opts.old_min_size:
            continue
        if d.tzinfo is None:
            d = d.replace(tzinfo=timezone.utc)
        if d < limit:
            out.append(m)
    out.sort(key=lambda m: (-m.size, m.folder, _uid_order(m.uid)))
    return [_summary_line(m) for m in out[: opts.old_top]]


_ANGLE_ADDR = re.compile(r"<\s*([^<>\s@]+@[^<>\s]+?)\s*>\s*$")
_BARE_ADDR = re.compile(r"^\s*([^<>\s@\"]+@[^<>\s\"]+)\s*$")


def sender_address(from_header: str) -> str:
    """Lower-case address of a From header (fast path for the usual shapes)."""
    m = _ANGLE_ADDR.search(from_header) or _BARE_ADDR.match(from_header)
    if m:
        return m.group(1).lower()
    text = decode_text(from_header)
    return parseaddr(text)[1].lower() or text.lower()


def sender_key(m: MessageSummary) -> tuple[str, str]:
    """(key, kind): List-Id for mailing lists, else the sender address (newsletter when it
    offers List-Unsubscribe)."""
    list_id = " ".join(m.list_id.split())
    if list_id:
        name, addr = parseaddr(list_id)
        ident = addr or list_id
        return "list:" + ident.strip("<>").lower(), "list"
    addr = sender_address(m.from_) or "(unknown sender)"
    if m.list_unsubscribe.strip():
        return "newsletter:" + addr, "newsletter"
    return "sender:" + addr, "sender"


def senders(logical: list[list[MessageSummary]], opts: AnalysisOptions) -> list[dict]:
    acc: dict = {}
    for g in logical:
        m = g[0]
        key, kind = sender_key(m)
        e = acc.get(key)
        if e is None:
            e = acc[key] = {"key": key, "kind": kind, "name": decode_text(m.from_),
                            "messages": 0, "bytes": 0, "folders": set(), "items": [], "_m": []}
        e["items"].append(_with_flags({"folder": m.folder, "uid": m.uid, "uidvalidity": m.uidvalidity,
                                       "size": m.size, "key": duplicate_key(m),
                                       "date": m.internaldate.isoformat() if m.internaldate else ""}, m))
        if m.list_unsubscribe:
            e["_m"].append(m)
        e["messages"] += 1
        e["bytes"] += m.size
        e["folders"].add(m.folder)
    from cleanup_desktop.core.mail.unsubscribe import sender_offer  # noqa: PLC0415

    rows = [{**{k: v for k, v in e.items() if k != "_m"}, "folders": sorted(e["folders"]),
             "unsubscribe": sender_offer(e["_m"])}
            for e in acc.values() if e["messages"] >= opts.senders_min_messages]
    rows.sort(key=lambda e: (-e["bytes"], e["key"]))
    return rows[: opts.senders_top]


def analyse(messages: Iterable[MessageSummary], opts: Optional[AnalysisOptions] = None,
            is_gmail: bool = False, all_mail: Optional[str] = None,
            now: Optional[datetime] = None, roles: Optional[dict] = None) -> dict:
    """All findings as JSON-ready lists, plus unique message/byte totals. ``roles``: folder ->
    keep-rule role (core.mail.keep.folder_role) to order duplicate copies."""
    opts = opts or AnalysisOptions()
    if is_gmail:
        logical = gmail_messages(messages, all_mail)
    else:
        logical = gmail_messages(messages, None, lambda m: m.email_id)
    return {
        "duplicates": find_duplicates(logical, is_gmail, roles),
        "large_messages": large_messages(logical, opts),
        "attachments": attachments(logical, opts),
        "old": old_bulky(logical, opts, now),
        "senders": senders(logical, opts),
        "unique_messages": len(logical),
        "unique_bytes": sum(g[0].size for g in logical),
    }

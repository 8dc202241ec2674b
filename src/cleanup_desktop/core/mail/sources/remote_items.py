"""What the Exchange backends (EWS and Microsoft Graph) share: turning an item's properties
into a :class:`MessageSummary` whose keys equal the IMAP scan's, waiting out throttling, and
the note about what the server keeps after "empty".

Keys: a message with an Internet Message-ID is keyed on it (as over IMAP). A message
without one is keyed on a hash of its raw From/To/Date/Subject headers, so the backends
fetch the Internet headers of exactly those messages and hand them to :func:`apply_headers`.
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Iterable, Optional

from cleanup_desktop.core.mail.analysis import duplicate_key
from cleanup_desktop.core.mail.source import MessageSummary
from cleanup_desktop.core.progress import Cancelled, CancelToken
from cleanup_desktop.core.messages import Reason

# well-known folder -> IMAP SPECIAL-USE flag the findings and planner understand
SPECIAL_USE = {"deleteditems": "\\Trash", "sentitems": "\\Sent", "drafts": "\\Drafts",
               "junkemail": "\\Junk", "archive": "\\Archive"}
WELL_KNOWN = ("inbox",) + tuple(SPECIAL_USE)
RETENTION_NOTE = ("Exchange keeps emptied items in 'Recoverable Items' for the retention period your "
                  "organisation sets (14 days by default, often 30) before the space is really freed.")
MAX_BACKOFF = 120.0  # never sleep longer than this for one throttling answer
MAX_BUSY_WAIT = 600.0  # give up after this much waiting in total for one request


def sender_text(name: Optional[str], email: Optional[str]) -> str:
    """A From-like text: "Name <address>" (what IMAP's decoded From header looks like)."""
    name = " ".join((name or "").split())
    email = (email or "").strip()
    if name and email and name.lower() != email.lower():
        return f"{name} <{email}>"
    return email or name


def aware(dt) -> Optional[datetime]:
    if not isinstance(dt, datetime):
        return None
    if dt.tzinfo is None:
        return datetime(*dt.timetuple()[:6], dt.microsecond, tzinfo=timezone.utc)
    return datetime.fromtimestamp(dt.timestamp(), timezone.utc)  # also for exchangelib's EWSDateTime


def apply_headers(m: MessageSummary, headers: Iterable[tuple[str, str]]) -> None:
    """Fill the raw header fields the duplicate key hashes (first occurrence wins, as IMAP)."""
    seen: dict[str, str] = {}
    for name, value in headers:
        key = (name or "").strip().lower()
        if key and key not in seen:
            seen[key] = " ".join(str(value or "").split())
    if not m.message_id and seen.get("message-id"):
        m.message_id = seen["message-id"]
    m.from_ = seen.get("from", m.from_)
    m.to = seen.get("to", m.to)
    m.date_header = seen.get("date", m.date_header)
    m.subject = seen.get("subject", m.subject)
    m.list_id = seen.get("list-id", m.list_id)
    m.list_unsubscribe = seen.get("list-unsubscribe", m.list_unsubscribe)
    m.list_unsubscribe_post = seen.get("list-unsubscribe-post", m.list_unsubscribe_post)


def item_key(message_id: Optional[str], headers: Optional[Iterable[tuple[str, str]]] = None,
             size: int = 0) -> str:
    """The duplicate/verification key of an item, computed exactly as for a scan record."""
    m = MessageSummary("", "", size, message_id=message_id)
    if headers is not None:
        apply_headers(m, headers)
    return duplicate_key(m)


def wait_backoff(seconds: Optional[float], waited: float, cancel: Optional[CancelToken],
                 what: str) -> float:
    """Sleep what the server asked (bounded), in small steps so a cancel is noticed.

    Returns the total waited so far; raises ThrottledTooLong past MAX_BUSY_WAIT.
    """
    from cleanup_desktop.core.mail.errors import MailError

    delay = min(max(float(seconds or 1.0), 0.05), MAX_BACKOFF)
    if waited + delay > MAX_BUSY_WAIT:
        raise MailError(Reason("mail.busy-too-long", where=what), "busy")
    end = time.monotonic() + delay
    while True:
        if cancel is not None and cancel.cancelled:
            raise Cancelled()
        left = end - time.monotonic()
        if left <= 0:
            return waited + delay
        time.sleep(min(left, 0.1))

"""What every mail backend (IMAP, EWS, Graph, local stores) hands to the analysis.

Backends produce plain records (:class:`FolderInfo`, :class:`MessageSummary`) and never
message bodies; :mod:`cleanup_desktop.core.mail.analysis` builds findings from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Iterator, Optional, Protocol, Union

Uid = Union[int, str]  # IMAP UIDs are ints; EWS/Graph item ids are strings


@dataclass
class Attachment:
    filename: str
    mime: str
    size: int  # encoded size on the server (base64 is about 4/3 of the file)
    part: str = ""  # IMAP part number ("2", "1.3"...) or backend id


@dataclass
class MessageSummary:
    folder: str
    uid: Uid
    size: int
    uidvalidity: Optional[int] = None
    internaldate: Optional[datetime] = None  # aware, UTC when known
    flags: tuple[str, ...] = ()
    message_id: Optional[str] = None
    from_: str = ""
    to: str = ""
    date_header: str = ""
    subject: str = ""
    list_id: str = ""
    list_unsubscribe: str = ""
    list_unsubscribe_post: str = ""  # RFC 8058: "List-Unsubscribe=One-Click"
    gm_msgid: Optional[int] = None  # Gmail: the same message under several labels
    email_id: Optional[str] = None  # RFC 8474 EMAILID: the same stored message in several folders
    attachments: list[Attachment] = field(default_factory=list)


@dataclass
class FolderInfo:
    name: str
    messages: int = 0
    bytes: int = 0
    uidvalidity: Optional[int] = None
    special_use: Optional[str] = None  # "\\Trash", "\\All", "\\Sent"...
    error: Optional[str] = None
    namespace: str = "personal"  # RFC 2342: "personal", "other" (other users) or "shared"
    rights: Optional[str] = None  # RFC 4314 MYRIGHTS, when the server has ACL
    cleanable: bool = True  # False: no right to delete/expunge here (never planned)


def counted(folder: FolderInfo, msgs: list[MessageSummary],
            on_batch: Optional[Callable[[int, int], None]] = None) -> Iterator[MessageSummary]:
    """Yield one batch of a folder's summaries, adding them to the folder's count and bytes,
    then report the batch to ``on_batch(count, bytes)`` (what every backend's iter_messages does)."""
    if not msgs:
        return
    nbytes = 0
    for m in msgs:
        folder.messages += 1
        folder.bytes += m.size
        nbytes += m.size
        yield m
    if on_batch is not None:
        on_batch(len(msgs), nbytes)


class MailSource(Protocol):
    """A mailbox being scanned. Implemented by imap.ImapSource (EWS/Graph later).

    ``connect`` raises MailError with a clear message; ``iter_messages`` yields summaries
    of one folder in batches without downloading bodies or changing flags.
    """

    @property
    def kind(self) -> str: ...  # "imap" | "ews" | "graph" | "local"

    @property
    def label(self) -> str: ...  # what the user sees, e.g. "me@example.org on imap.example.org"

    @property
    def bytes_downloaded(self) -> int: ...  # bytes read from the network so far

    @property
    def is_gmail(self) -> bool: ...

    def connect(self) -> None: ...

    def list_folders(self) -> list[FolderInfo]: ...

    # optional: ``plan_folders(folders, attachment_min_size)`` before the first
    # iter_messages lets a backend start reading them ahead (IMAP pipelining)

    def iter_messages(
        self,
        folder: FolderInfo,
        attachment_min_size: int,
        on_batch: Optional[Callable[[int, int], None]] = None,
    ) -> Iterator[MessageSummary]: ...

    def quota(self) -> Optional[dict]: ...

    def describe(self) -> dict: ...  # account fields for plan actions (no secret)

    def close(self) -> None: ...


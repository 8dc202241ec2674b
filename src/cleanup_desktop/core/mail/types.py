"""The mail backend's documents, as JSON: the mail scan ("cleanup-desktop/mail-scan/1", what
`cleanup-desktop mail-scan --json` prints for IMAP, Exchange and Microsoft 365 alike) and a
mail plan action.

Every key the scanner and the planner write is declared here; ``NotRequired`` keys are written
only in some cases (said beside them). A message is named by (folder, uid, uidvalidity) and
re-identified before any change by ``key`` (Message-ID, or a header hash) and ``size``. No
secret is ever in these documents: ``connection`` and ``account`` say which server and user,
never a password or where one comes from.
"""

# No `from __future__ import annotations`: Python 3.11 reads NotRequired only from real annotations.
from typing import Any, Literal, NotRequired, TypedDict

from cleanup_desktop.core.run.types import ActionResult, RecordHead

MailScanSchema = Literal["cleanup-desktop/mail-scan/1"]


class Connection(TypedDict):
    """Which account: server settings without a secret (ImapSettings/EWS/Graph ``describe``)."""

    kind: str  # "imap", "ews" or "graph"
    host: str
    port: int
    user: str
    security: str  # imap: ssl, starttls, insecure-plain; ews/graph: https...
    trust_fingerprint: NotRequired[str]  # a pinned certificate (imap)
    cafile: NotRequired[str]
    email: NotRequired[str]  # ews: the mailbox
    auth: NotRequired[str]  # ews: the authentication kind
    url: NotRequired[str]  # ews: the service URL
    tenant: NotRequired[str]  # graph
    client_id: NotRequired[str]  # graph
    endpoint: NotRequired[str]  # graph: another API endpoint
    authority: NotRequired[str]  # graph: another sign-in authority
    oauth: NotRequired[dict[str, Any]]  # imap OAuth provider settings (no secret)
    password_env: NotRequired[str]  # the CLI's --password-env, for the record only


class MessageRef(TypedDict):
    folder: str
    uid: int | str  # IMAP UID, or EWS/Graph item id
    uidvalidity: int | None
    size: int
    key: str  # duplicate key: Message-ID, or a hash of the headers when there is none
    date: str | None  # INTERNALDATE, ISO 8601
    flags: NotRequired[list[str]]  # kept system flags (\\Flagged...), when any


class MailCopy(MessageRef):
    """A copy in a duplicate group."""

    labels: NotRequired[list[str]]  # Gmail: the labels (folders) of this logical message
    digest: NotRequired[str]  # content digest that confirmed the copy


class DuplicateMailGroup(TypedDict):
    key: str
    size: int
    copies: list[MailCopy]  # keep-rule order: the copy that stays first
    wasted: int  # bytes of the copies but one
    subject: str


# A large or old message (the functional form: "from" is a Python keyword).
MessageLine = TypedDict("MessageLine", {
    "folder": str, "uid": int | str, "uidvalidity": int | None, "size": int, "key": str,
    "date": str | None, "from": str, "subject": str, "flags": NotRequired[list[str]],
})


class Attachment(TypedDict):
    folder: str
    uid: int | str
    uidvalidity: int | None
    key: str
    filename: str
    mime: str
    size: int  # the attachment's size
    message_size: int
    date: str | None
    subject: str
    flags: NotRequired[list[str]]


class SenderItem(TypedDict):
    folder: str
    uid: int | str
    uidvalidity: int | None
    size: int
    key: str
    date: str
    flags: NotRequired[list[str]]


class Sender(TypedDict):
    """Everything from one sender, list or newsletter (bulky newsletters)."""

    key: str  # "list:ID", "newsletter:ADDRESS" or "sender:ADDRESS"
    kind: str  # "list", "newsletter" or "sender"
    name: str  # the From header, decoded
    messages: int
    bytes: int
    folders: list[str]
    items: list[SenderItem]
    unsubscribe: dict[str, Any] | None  # core.mail.unsubscribe.sender_offer: targets and a sample


class MailFolder(TypedDict):
    name: str
    messages: int
    bytes: int
    uidvalidity: int | None
    special_use: str | None  # \\Trash, \\Sent, \\All...
    namespace: str | None  # "personal", "other", "shared"
    role: str  # keep-rule role (core.mail.keep.folder_role)
    cleanable: bool  # delete rights and not virtual: actions may be planned here
    rights: NotRequired[str]  # IMAP ACL MYRIGHTS, when the server has ACL


class NotScanned(TypedDict):
    name: str
    messages: int
    reason: str  # code: gmail-label, no-select, virtual...


class FolderError(TypedDict):
    folder: str
    error: str  # English
    code: NotRequired[str]  # its core.messages code, when the engine worded it
    params: NotRequired[dict[str, Any]]


class Quota(TypedDict):
    root: str
    used: int  # bytes
    limit: int  # bytes


class MailOptions(TypedDict):
    large_min_size: int
    attachment_min_size: int
    old_months: int
    old_min_size: int


class MailStats(TypedDict):
    messages: int  # unique messages (a Gmail message in several labels once)
    bytes: int
    records: int  # message records read (one per folder copy)
    bytes_downloaded: int  # headers and confirmation bodies read from the server
    seconds: float
    duplicate_groups: int
    wasted: int
    confirm_bytes: NotRequired[int]  # bodies downloaded to confirm duplicates
    confirm_budget: NotRequired[int]  # the byte budget for that
    unconfirmed_groups: NotRequired[int]
    split_groups: NotRequired[int]


class MailScanDoc(TypedDict):
    """``cleanup-desktop mail-scan --json``: one mailbox scan."""

    schema: MailScanSchema
    account: str  # the source's label (user@host)
    connection: Connection
    started: str
    finished: str
    cancelled: bool
    gmail: bool
    trash_folder: str | None
    folders: list[MailFolder]
    not_scanned: list[NotScanned]
    duplicates: list[DuplicateMailGroup]
    large_messages: list[MessageLine]
    attachments: list[Attachment]
    old: list[MessageLine]
    senders: list[Sender]
    quota: Quota | None
    errors: list[FolderError]
    options: MailOptions
    stats: MailStats


class KeepCopy(TypedDict):
    """The copy of a duplicate group that stays (re-checked before acting)."""

    folder: str
    uid: int | str
    digest: NotRequired[str]  # its content digest, when the scan confirmed the group


class MailAction(TypedDict):
    """A mail plan action (ActionBase keys plus these): core.mail.wiring.mail_planner."""

    id: str
    op: str  # "mail-trash" or "mail-delete"
    category: str  # "mail-duplicates", or the category the GUI ticked it under ("mail-large"...)
    group: str | None
    account: Connection  # which account (no secret); `clean` signs in with one it is given
    folder: str
    uid: int | str
    uidvalidity: int | None
    size: int
    key: str | None
    keep: KeepCopy | None  # duplicates: the copy that stays
    credential: dict[str, Any]  # OAuth provider settings only, never a secret's source
    digest: NotRequired[str]
    labels: NotRequired[list[str]]
    rule: NotRequired[list[str]]  # the keep rule the copy was chosen by


class MailResult(ActionResult):
    """The mail cleaners' result (core.mail.clean)."""

    trash_folder: NotRequired[str | None]  # mail-trash: the folder it was moved to
    trash_uid: NotRequired[int | str | None]  # its UID (IMAP) or item id (EWS, Graph) there
    labels: NotRequired[list[str]]  # Gmail: the labels it had, put back on undo


class MailBatchRecord(RecordHead):
    """Written before a mail cleaner changes the server (the batch's intents come after)."""

    folder: str
    action_ids: list[str]
    op: str



# the journal events the mail backend writes besides core/run's (core.run.types.RECORD_TYPES)
MAIL_RECORD_TYPES: dict[str, type] = {"mail-batch": MailBatchRecord}

"""The documents of the run lifecycle, as JSON: the plan, an action's common keys, the result
of an executed action, the run totals and the journal records.

These are the contracts between the faces (CLI, GUI), core/run and the backends. Backends add
their own action keys (``core.disk.types.DiskAction``, ``core.mail.types.MailAction``); core/run
names no backend, so a plan's actions are typed here by their common keys only.

Every key a writer produces is declared here; ``NotRequired`` keys are written only in some
cases (said beside them). Readers never trust a file read back (plan, journal): they validate
it (``core.run.plan.validate_plan``, ``core.run.journal.record_problem``) before use.
"""

# No `from __future__ import annotations`: Python 3.11 reads NotRequired only from real annotations.
from typing import Any, Literal, NotRequired, TypedDict

PlanSchema = Literal["cleanup-desktop/plan/1"]


class ActionBase(TypedDict):
    """The keys every plan action has, whatever its backend."""

    id: str  # stable id of the action within its plan ("f-..." disk, "m-..." mail)
    op: str  # what to do: "trash", "delete" (disk), "mail-trash", "mail-delete" (mail)
    category: str  # the kind it was found as: "duplicates", "temp", "large", "old", ...
    group: str | None  # duplicate group id, None outside a duplicate group
    size: int  # bytes (a file's length, a message's RFC822 size)


class Usage(TypedDict):
    """File-system usage of one folder's volume (shutil.disk_usage), in bytes."""

    total: int
    used: int
    free: int
    dev: int  # st_dev of the folder: folders on one volume are one place


class ScanDiskUsage(TypedDict):
    """File-system usage when a scan started: the bilan's "before"."""

    time: str  # ISO 8601 UTC
    roots: dict[str, Usage]  # root path -> its volume's usage


class PlanSource(TypedDict):
    schema: str | None  # the scan's schema ("cleanup-desktop/scan/1", ".../mail-scan/1")
    roots: list[str]  # the scan's roots (disk); empty for a mail scan
    disk_usage: NotRequired[ScanDiskUsage]  # when the scan measured it


class CategoryTotal(TypedDict):
    count: int
    bytes: int


class PlanSummary(TypedDict):
    actions: int  # number of actions
    bytes: int  # sum of the actions' sizes
    allocated: int  # sum of the actions' allocated bytes (disk; 0 for mail)
    by_category: dict[str, CategoryTotal]


class Plan(TypedDict):
    """A plan ("cleanup-desktop/plan/1"): what the preview shows and the executor runs, in order.

    ``actions`` holds ActionBase keys plus the backend's own (DiskAction, MailAction)."""

    schema: PlanSchema
    plan_id: str  # uuid4; the plan record (core.run.guard) is kept under this id
    created: str  # ISO 8601 UTC, seconds
    source: PlanSource
    actions: list[dict[str, Any]]
    summary: PlanSummary


class ActionResult(TypedDict):
    """What an executor returns for a done action (the journal's ``done`` ``result``).

    ``trashed`` bytes went to a trash (undo can put them back), ``freed`` bytes were freed for
    good; a file with other hard links frees nothing. Backends add their own keys: disk
    (trash_path, trash_info, trash_ino, dirs, backend...), mail (trash_folder, trash_uid, labels)."""

    op: str  # the operation done: "trash", "delete", "cloud-delete", "mail-trash", "mail-delete"
    size: int
    trashed: int
    freed: int
    allocated: NotRequired[int]  # disk: blocks the item used
    nlink: NotRequired[int]  # disk: its link count when checked
    dry_run: NotRequired[bool]  # a preview: nothing was changed
    recovered: NotRequired[bool]  # an interrupted run had done it: found, not done twice
    note: NotRequired[str]  # a remark for the user (hard links, retention, cloud delete...)
    online_only: NotRequired[bool]  # disk: a cloud placeholder, deleted from the cloud


class Counters(TypedDict):
    """How many outcomes of each kind a run had."""

    intent: int
    done: int
    skipped: int
    failed: int
    refused: int
    restored: int
    emptied: int
    missing: int
    pending: int  # intents without an outcome (a run cut short)


class Buckets(TypedDict):
    """Bytes and counts of a run, overall or for one category, root or source."""

    moved_to_trash: CategoryTotal  # moved to a trash by the run
    trashed: CategoryTotal  # still in a trash (moved less restored, emptied, missing)
    freed: CategoryTotal  # freed for good (deleted, emptied)
    deleted: CategoryTotal  # deleted at once (no trash)
    restored: CategoryTotal  # put back by undo
    emptied: CategoryTotal  # removed from the trash by empty-trash


class RootBuckets(Buckets):
    source: str  # "disk" or "mail"


class RunTotals(Buckets):
    """core.run.accounting.totals_from_records: one run's figures from its journal records."""

    plan_id: str | None
    dry_run: bool | None
    permanent: bool | None
    source: str | None  # "disk" or "mail"
    started: str | None  # the run-start record's time
    disk_usage_before: dict[str, Usage] | None
    ended: NotRequired[str | None]  # when the run ended (a run-end record was read)
    disk_usage_after: NotRequired[dict[str, Usage] | None]
    cancelled: NotRequired[bool]
    counts: Counters
    by_category: dict[str, Buckets]
    by_root: dict[str, RootBuckets]  # disk root path, or "kind:user@host" for a mailbox
    by_source: dict[str, Buckets]
    in_trash_actions: list[str]  # ids of the actions whose item is still in a trash
    interrupted: bool  # a run-start without a run-end


class EndTotals(TypedDict):
    """The totals a run-end record carries (a subset of RunTotals)."""

    counts: Counters
    moved_to_trash: CategoryTotal
    freed: CategoryTotal
    deleted: CategoryTotal


class RecordHead(TypedDict):
    """Keys of every journal line (journal.jsonl, one JSON object per line)."""

    v: Literal[1]  # record version
    run: str  # run id (uuid4)
    seq: int  # 0, 1, 2... within the run
    time: str  # ISO 8601 UTC, milliseconds
    event: str


class RunStartRecord(RecordHead):
    plan_id: str | None
    dry_run: bool
    permanent: bool
    source: str  # "disk" or "mail"
    actions: int  # how many actions the plan has
    disk_usage: dict[str, Usage]  # the roots' usage when the run started
    scan_disk_usage: ScanDiskUsage | None  # the plan's source.disk_usage


class IntentRecord(RecordHead):
    action: dict[str, Any]  # the plan action, as planned (ActionBase + backend keys)


class DoneRecord(RecordHead):
    action_id: str
    result: dict[str, Any]  # the executor's result: ActionResult keys plus the backend's (DiskResult, MailResult)


class SkippedRecord(RecordHead):
    action_id: str
    reason: str  # why it was skipped (safety: changed since the scan, gone...), English
    code: NotRequired[str]  # the reason's core.messages code (journals before issue 13 lack it)
    params: NotRequired[dict[str, Any]]


class FailedRecord(RecordHead):
    action_id: str
    error: str  # the error, for the user (English)
    code: NotRequired[str]
    params: NotRequired[dict[str, Any]]


class RefusedRecord(RecordHead):
    action_id: str
    code: str  # core.run.guard code: no-record, outside-roots, ...
    reason: str  # English
    reason_code: NotRequired[str]  # the reason's core.messages code
    params: NotRequired[dict[str, Any]]


class RunEndRecord(RecordHead):
    totals: EndTotals
    cancelled: bool
    disk_usage: dict[str, Usage]  # the roots' usage when the run ended


class RestoredRecord(RecordHead):
    action_id: str
    path: str  # where it was put back: a file's path, a message's folder
    uid: NotRequired[int | str | None]  # mail: its UID / item id there


class DiskUsageRecord(RecordHead):
    """File-system usage measured after a later step of the run (empty-trash)."""

    after: str  # the step: "empty-trash"
    disk_usage: dict[str, Usage]


class EmptiedRecord(RecordHead):
    action_id: str
    freed: int  # bytes freed for good by emptying it from the trash


class TrashMissingRecord(RecordHead):
    action_id: str
    reason: str  # why it was not found in the trash (English)
    code: NotRequired[str]
    params: NotRequired[dict[str, Any]]


JournalRecord = (RunStartRecord | IntentRecord | DoneRecord | SkippedRecord | FailedRecord | RefusedRecord
                 | RunEndRecord | RestoredRecord | EmptiedRecord | TrashMissingRecord | DiskUsageRecord)

# event name -> the record type of that event (the contract test checks every line against it);
# a backend's own events are declared with its types (core.mail.types.MAIL_RECORD_TYPES)
RECORD_TYPES: dict[str, type] = {
    "run-start": RunStartRecord, "intent": IntentRecord, "done": DoneRecord, "skipped": SkippedRecord,
    "failed": FailedRecord, "refused": RefusedRecord, "run-end": RunEndRecord, "restored": RestoredRecord,
    "emptied": EmptiedRecord, "trash-missing": TrashMissingRecord,
    "disk-usage": DiskUsageRecord,
}

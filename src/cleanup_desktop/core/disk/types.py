"""The disk backend's documents, as JSON: the scan result ("cleanup-desktop/scan/1", what
`cleanup-desktop scan --json` prints and the GUI keeps) and a disk plan action.

Every key the scanner writes is declared here; ``NotRequired`` keys are written only in some
cases (said beside them). Paths are real paths; sizes are bytes; ``allocated`` is the disk
space used (blocks), ``mtime_ns``/``dev``/``ino`` identify the file for the executor's
re-checks. A scan read back from a file is not trusted: a scan that has only the contract's
keys (no facts) is completed by ``core.disk.facts.complete_scan`` before use.
"""

# No `from __future__ import annotations`: Python 3.11 reads NotRequired only from real annotations.
from typing import Any, Literal, NotRequired, TypedDict

from cleanup_desktop.core.run.types import ActionResult, ScanDiskUsage

ScanSchema = Literal["cleanup-desktop/scan/1"]


class Entry(TypedDict):
    """One file (or folder, or link) found by the scan."""

    path: str
    size: int  # length in bytes (0 for a folder or a link)
    allocated: int  # bytes of disk space it uses
    mtime_ns: int
    dev: int
    ino: int
    root: str  # the scan root it was found under


class FileEntry(Entry):
    mtime: str  # ISO 8601 of mtime_ns
    online_only: NotRequired[bool]  # a cloud placeholder (large/old lists): never read
    team_library: NotRequired[bool]  # a file of a synced team library (large/old lists)


class DupFile(TypedDict):
    """One copy in a duplicate group (``size`` is the group's)."""

    path: str
    mtime: str
    mtime_ns: int
    dev: int
    ino: int
    allocated: int
    nlink: int  # hard links: a copy with others frees nothing
    root: str


class DuplicateGroup(TypedDict):
    size: int  # each copy's length
    digest: str  # xxh3-128 of the content, hex
    paths: list[str]  # the copies, sorted
    allocated: int  # the largest copy's allocated bytes
    wasted: int  # bytes the extra copies use
    files: list[DupFile]


class TempItem(FileEntry):
    """A temp/cache file a rule proposes (core.disk.rules, core.disk.temp)."""

    rule: str  # rule id
    safety: str  # "S" safe, "Q" when its program is closed, "R" review
    label: str  # the rule's name for people
    app_running: bool  # Q rules: the owning program runs now (not selectable)


class TempNote(TypedDict):
    """A temp candidate left out, and why (``code``), or a summary of many (``count``)."""

    path: NotRequired[str]
    rule: str | None
    code: str  # unknown-rule, gone, unreadable, not-a-file, not-owner, recent, app-running, open, never, user-data
    reason: str  # English sentence of the code
    error: NotRequired[str]  # unreadable: the system's error
    min_age_hours: NotRequired[float]  # recent: the rule's minimum age
    processes: NotRequired[list[str]]  # app-running: the programs
    safety: NotRequired[str]  # never/user-data: the rule's level
    label: NotRequired[str]
    count: NotRequired[int]  # aggregated notes: how many
    size: NotRequired[int]
    allocated: NotRequired[int]
    paths: NotRequired[list[str]]
    examples: NotRequired[list[str]]  # summaries: up to five paths


class EmptyFolder(Entry):
    folders: NotRequired[int]  # how many empty folders it holds, itself included


class BrokenLink(Entry):
    target: str | None  # what the link points to


class DupFolder(Entry):
    files: int  # files inside the folder


class DuplicateFolderGroup(TypedDict):
    paths: list[str]
    bytes: int  # one copy's allocated bytes
    files: int  # files in each copy
    size: int  # one copy's content length
    digest: str  # digest of the folder's content
    keep: str  # the copy that stays (path)
    wasted: int
    folders: list[DupFolder]


class SimilarImage(Entry):
    width: int
    height: int
    pixels: int
    taken: str | None  # EXIF date taken
    camera: str | None
    similarity: int  # percent, to the kept photo (100 for itself)


class SimilarGroup(TypedDict):
    paths: list[str]
    bytes: int
    wasted: int  # bytes of the photos but the kept one
    pixels: int  # the kept photo's
    similarity: int  # the lowest in the group
    keep: str
    images: list[SimilarImage]


class StorageFolder(TypedDict):
    path: str
    parent: int  # index of the parent folder in the list, -1 for a root
    allocated: int  # the folder and everything below it
    own: int  # its files only
    files: int


class Storage(TypedDict):
    """The storage map (folders holding the most space)."""

    folders: list[StorageFolder]


class ScanError(TypedDict):
    path: str
    error: str  # the reason, for the user (English)
    code: NotRequired[str]  # its core.messages code, when the engine worded it
    params: NotRequired[dict[str, Any]]  # the code's parameters


class ScanStats(TypedDict):
    files: int
    dirs: int
    bytes: int
    allocated: int
    bytes_hashed: int
    cache_hits: int
    seconds: float
    duplicate_groups: int
    wasted: int
    symlinks_skipped: int
    online_only_files: int
    online_only_bytes: int
    images: NotRequired[int]  # --similar-images: photos looked at
    images_hashed: NotRequired[int]
    image_cache_hits: NotRequired[int]


class ScanDoc(TypedDict):
    """``cleanup-desktop scan --json``: one disk scan."""

    schema: ScanSchema
    roots: list[str]  # the scanned folders, real paths
    started: str  # ISO 8601 UTC
    finished: str
    cancelled: bool  # stopped by the user: what was found so far
    temp_roots: NotRequired[list[str]]  # system temp folders walked for temp files only
    duplicates: list[DuplicateGroup]
    temp: list[TempItem]
    temp_skipped: list[TempNote]
    large: list[FileEntry]
    old: list[FileEntry]
    empty_folders: list[EmptyFolder]
    empty_files: list[Entry]
    broken_links: list[BrokenLink]
    duplicate_folders: list[DuplicateFolderGroup]
    similar_images: NotRequired[list[SimilarGroup]]  # only with --similar-images
    storage: Storage
    online_only: list[FileEntry]  # cloud files not on this disk: never read
    errors: list[ScanError]
    stats: ScanStats
    disk_usage: ScanDiskUsage


class KeepRef(TypedDict):
    """What must still be there for an action to run: the kept copy (duplicates, folders)."""

    path: str
    digest: str
    size: int
    dev: int
    ino: int


class SimilarRef(TypedDict):
    """The kept photo of a similar-photos action."""

    path: str
    size: int
    mtime_ns: int
    dev: int
    ino: int


class DiskAction(TypedDict):
    """A disk plan action (ActionBase keys plus these): core.disk.selection.Selection.actions."""

    id: str
    op: str  # "trash" or "delete"
    category: str
    group: str | None
    path: str
    root: str
    size: int
    allocated: int
    mtime_ns: int
    dev: int
    ino: int
    digest: str | None  # duplicates: the content digest re-checked before acting
    keep: KeepRef | None  # duplicates, duplicate folders: the copy that stays
    rule: str | None  # temp: the rule id
    safety: str | None  # temp: S, Q or R
    similar_to: NotRequired[SimilarRef]  # similar photos
    target: NotRequired[str | None]  # broken links
    folders: NotRequired[int]  # empty folders: how many it holds
    files: NotRequired[int]  # duplicate folders: files inside
    online_only: NotRequired[bool]  # a cloud placeholder: deleted from the cloud


class DiskResult(ActionResult):
    """The disk executors' result (core.disk.actions, core.disk.folder_actions)."""

    trash_path: NotRequired[str]  # where the item is in the trash
    trash_info: NotRequired[str]  # its .trashinfo / $I / quarantine record
    trash_ino: NotRequired[int]
    dirs: NotRequired[list[list[int]]]  # (dev, ino) of the root and each folder down: undo checks them
    backend: NotRequired[str]  # trash backend other than freedesktop: recyclebin, macos, quarantine
    quarantine: NotRequired[str]  # the quarantine folder used
    deleted_at: NotRequired[int]  # Recycle Bin: the $I file time


"""Column definitions shared by the result models: header, text, sort key, alignment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, Qt

from cleanup_desktop.core.paths import printable
from cleanup_desktop.gui import format as fmt

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class Column:
    key: str
    header: Callable[[], str]
    text: Callable[[dict], str]
    sort: Callable[[dict], Any]
    align: Qt.AlignmentFlag = LEFT


def name_of(item: dict) -> str:
    return printable(os.path.basename(item.get("path", "")))  # control characters shown escaped


SCAN_ROOTS: list[str] = []  # the folders of the scan on screen (set by the review page)


def relative_folder(path: str, roots: list[str] | None = None) -> str:
    """The folder of ``path`` from its scan root, named by the root's own name:
    "Documents/Administratif/Impôts 2024" instead of a long absolute prefix shared by every
    row. A path outside every root keeps its whole folder."""
    folder = os.path.dirname(path)
    best = ""
    for root in SCAN_ROOTS if roots is None else roots:
        root = root.rstrip(os.sep) or os.sep
        if (folder == root or folder.startswith(root + os.sep)) and len(root) > len(best):
            best = root
    if not best:
        return folder
    rest = folder[len(best):].lstrip(os.sep)
    name = os.path.basename(best) or best
    if len(SCAN_ROOTS if roots is None else roots) == 1 and rest:
        return rest  # one folder scanned: its name would only repeat on every row
    return os.path.join(name, rest) if rest else name


def folder_of(item: dict) -> str:
    return printable(relative_folder(item.get("path", "")))


NAME = Column("name", lambda: QCoreApplication.translate("Columns", "Name"), name_of, lambda i: name_of(i).lower())
FOLDER = Column("folder", lambda: QCoreApplication.translate("Columns", "Folder"), folder_of,
                lambda i: os.path.dirname(i.get("path", "")).lower())
SIZE = Column("size", lambda: QCoreApplication.translate("Columns", "Size"), lambda i: fmt.size(i.get("size", 0)),
              lambda i: i.get("size", 0), RIGHT)
MODIFIED = Column("mtime", lambda: QCoreApplication.translate("Columns", "Modified"), lambda i: fmt.when(i.get("mtime", "")),
                  lambda i: i.get("mtime_ns", 0))
RULE_LABELS: dict[str, str] = {}  # rule id -> label in the user's language (set by the review page)
RULE_WHY: dict[str, str] = {}  # rule id -> why its files may go, in the user's language


def rule_label(item: dict) -> str:
    return RULE_LABELS.get(item.get("rule", "")) or item.get("label") or item.get("rule", "")


APP = Column("rule", lambda: QCoreApplication.translate("Columns", "Application or kind"), rule_label,
             lambda i: rule_label(i).lower())

FILE_COLUMNS = [NAME, SIZE, FOLDER, MODIFIED]
TEMP_COLUMNS = [NAME, SIZE, APP, FOLDER]  # + the safety word, shown after the size (the rule decides, not the date)


# Mail (mail-scan/1 items: folder, uid, size, date, from, subject)
SUBJECT = Column("subject", lambda: QCoreApplication.translate("Columns", "Subject"), lambda i: printable(i.get("subject", "")),
                 lambda i: i.get("subject", "").lower())
SENDER = Column("from", lambda: QCoreApplication.translate("Columns", "From"), lambda i: printable(i.get("from", "")),
                lambda i: i.get("from", "").lower())
MAIL_FOLDER = Column("folder", lambda: QCoreApplication.translate("Columns", "Mail folder"),
                     lambda i: printable(i.get("folder", "")), lambda i: i.get("folder", ""))
MAIL_DATE = Column("date", lambda: QCoreApplication.translate("Columns", "Date"), lambda i: fmt.when(i.get("date", "")),
                   lambda i: i.get("date", ""))
COPIES = Column("copies", lambda: QCoreApplication.translate("Columns", "Copies"), lambda i: str(len(i.get("copies", []))),
                lambda i: len(i.get("copies", [])), RIGHT)
WASTED = Column("wasted", lambda: QCoreApplication.translate("Columns", "Extra copies"),
                lambda i: fmt.size(i.get("wasted", 0)), lambda i: i.get("wasted", 0), RIGHT)
SENDER_NAME = Column("name", lambda: QCoreApplication.translate("Columns", "Sender"), lambda i: printable(i.get("name", "")),
                     lambda i: i.get("name", "").lower())
MESSAGES = Column("messages", lambda: QCoreApplication.translate("Columns", "Mails"), lambda i: fmt.number(i.get("messages", 0)),
                  lambda i: i.get("messages", 0), RIGHT)
TOTAL = Column("bytes", lambda: QCoreApplication.translate("Columns", "Total size"), lambda i: fmt.size(i.get("bytes", 0)),
               lambda i: i.get("bytes", 0), RIGHT)

MAIL_COLUMNS = [SUBJECT, SIZE, SENDER, MAIL_DATE, MAIL_FOLDER]
MAIL_DUPLICATE_COLUMNS = [SUBJECT, COPIES, WASTED]
SENDER_COLUMNS = [SENDER_NAME, MESSAGES, TOTAL]
ATTACHMENT = Column("filename", lambda: QCoreApplication.translate("Columns", "Attachment"), lambda i: i.get("filename") or "",
                    lambda i: (i.get("filename") or "").lower())
MESSAGE_SIZE = Column("message_size", lambda: QCoreApplication.translate("Columns", "Whole mail"),
                      lambda i: fmt.size(i.get("message_size", 0)), lambda i: i.get("message_size", 0), RIGHT)
ATTACHMENT_COLUMNS = [ATTACHMENT, SIZE, MESSAGE_SIZE, SUBJECT, MAIL_FOLDER]

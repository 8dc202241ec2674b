"""The engine's messages in the user's language.

The core never imports Qt, so its messages (why a file was skipped for safety, why a path
could not be read) are English sentences. Each known sentence shape is listed here once,
marked for Qt's translation tools; ``translated(text)`` matches an engine message against
the shapes and returns it in the current language with its details ({0}...) put back. A
message of an unknown shape is shown as it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

CONTEXT = "EngineMessages"

SHAPES = (
    # Reading the disk (scan errors)
    QT_TRANSLATE_NOOP("EngineMessages", "Permission denied"),
    QT_TRANSLATE_NOOP("EngineMessages", "Operation not permitted"),
    QT_TRANSLATE_NOOP("EngineMessages", "Vanished during the scan"),
    QT_TRANSLATE_NOOP("EngineMessages", "Path too long"),
    QT_TRANSLATE_NOOP("EngineMessages", "Input/output error (the disk may be failing)"),
    QT_TRANSLATE_NOOP("EngineMessages", "Too many levels of symbolic links"),
    QT_TRANSLATE_NOOP("EngineMessages", "Not a folder any more"),
    QT_TRANSLATE_NOOP("EngineMessages", "Not a folder"),
    QT_TRANSLATE_NOOP("EngineMessages", "No such folder"),
    QT_TRANSLATE_NOOP("EngineMessages", "Changed during the scan"),
    QT_TRANSLATE_NOOP("EngineMessages", "Name cannot be decoded"),
    QT_TRANSLATE_NOOP("EngineMessages", "Open in another program (locked)"),
    QT_TRANSLATE_NOOP("EngineMessages", "Byte comparison failed: {0}"),
    QT_TRANSLATE_NOOP("EngineMessages", "System folder: Cleanup Desktop never offers anything in it for deletion, so it is not scanned"),
    # Re-checks just before an action (skipped for safety)
    QT_TRANSLATE_NOOP("EngineMessages", "the folder {0} was replaced by a symbolic link"),
    QT_TRANSLATE_NOOP("EngineMessages", "the folder {0} was replaced by a link"),
    QT_TRANSLATE_NOOP("EngineMessages", "{0} is no longer a folder"),
    QT_TRANSLATE_NOOP("EngineMessages", "the folder {0} no longer exists"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file was replaced by a symbolic link"),
    QT_TRANSLATE_NOOP("EngineMessages", "it is no longer a regular file"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file was replaced by another file since the scan"),
    QT_TRANSLATE_NOOP("EngineMessages", "its size changed since the scan ({0} -> {1} bytes)"),
    QT_TRANSLATE_NOOP("EngineMessages", "it was modified since the scan"),
    QT_TRANSLATE_NOOP("EngineMessages", "it can no longer be read ({0})"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file was replaced by another file while being checked"),
    QT_TRANSLATE_NOOP("EngineMessages", "its content changed since the scan"),
    QT_TRANSLATE_NOOP("EngineMessages", "the kept copy {0} was replaced by a symbolic link"),
    QT_TRANSLATE_NOOP("EngineMessages", "the kept copy {0} no longer exists"),
    QT_TRANSLATE_NOOP("EngineMessages", "the kept copy {0} cannot be read ({1})"),
    QT_TRANSLATE_NOOP("EngineMessages", "the kept copy {0} is no longer a regular file"),
    QT_TRANSLATE_NOOP("EngineMessages", "the kept copy {0} now leads to this very file"),
    QT_TRANSLATE_NOOP("EngineMessages", "the kept copy {0} cannot be told apart from this file"),
    QT_TRANSLATE_NOOP("EngineMessages", "the plan does not say which file this is (no device and file number)"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file is open in another program (locked); close it and run the plan again"),
    QT_TRANSLATE_NOOP("EngineMessages", "the kept copy {0} changed size"),
    QT_TRANSLATE_NOOP("EngineMessages", "the kept copy {0} no longer has the same content"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file is gone and not in the trash: it was removed outside this run"),
    QT_TRANSLATE_NOOP("EngineMessages", "permanent deletion was not confirmed (use --permanent)"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file no longer exists"),
    QT_TRANSLATE_NOOP("EngineMessages", "{0} is running ({1}): close it and run the plan again"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file is open in another program"),
    QT_TRANSLATE_NOOP("EngineMessages", "its folder was replaced while it was being checked"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file disappeared while it was being checked"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file was replaced while it was being checked"),
    QT_TRANSLATE_NOOP("EngineMessages", "already done by run {0}"),
    # Mail: the keep rule and server checks before a clean (core.mail.clean.imap, remote_clean)
    QT_TRANSLATE_NOOP("EngineMessages", "this server offers neither MOVE nor UIDPLUS: removing a message would need a plain EXPUNGE, which could also remove messages flagged \\Deleted elsewhere, so this folder cannot be cleaned safely on this server"),
    QT_TRANSLATE_NOOP("EngineMessages", "this server lacks UIDPLUS (UID EXPUNGE): deleting exactly these messages is not possible"),
    QT_TRANSLATE_NOOP("EngineMessages", "you have no right to delete messages in '{0}' (rights: {1})"),
    QT_TRANSLATE_NOOP("EngineMessages", "the message was flagged (starred) since the scan: left alone"),
    QT_TRANSLATE_NOOP("EngineMessages", "the message was flagged for follow-up since the scan: left alone"),
    QT_TRANSLATE_NOOP("EngineMessages", "the copy to keep (folder '{0}') is no longer on the server: not removing what may be the last copy"),
    QT_TRANSLATE_NOOP("EngineMessages", "the copy to keep is in '{0}', which is not a folder that keeps mail (Trash, Junk, Drafts, virtual or shared): not removing what may be the last copy"),
    QT_TRANSLATE_NOOP("EngineMessages", "the copy to keep is gone, changed or flagged \\Deleted: not removing what may be the last copy"),
    QT_TRANSLATE_NOOP("EngineMessages", "the copy to keep is in Deleted Items: not removing what may be the last copy"),
    QT_TRANSLATE_NOOP("EngineMessages", "the message's content changed since the scan: left alone"),
    QT_TRANSLATE_NOOP("EngineMessages", "the copy to keep no longer has the same content: not removing what may be the last copy"),
    QT_TRANSLATE_NOOP("EngineMessages", "could not move it back to '{0}': {1}"),
    QT_TRANSLATE_NOOP("EngineMessages", "the copy to keep (folder '{0}') cannot be read: left alone"),
    QT_TRANSLATE_NOOP("EngineMessages", "the copy to keep is gone or changed: not removing what may be the last copy"),
    # Checks against the plan record, the trash move, undo (issue 15)
    QT_TRANSLATE_NOOP("EngineMessages", "the scanned folder {0} cannot be opened ({1})"),
    QT_TRANSLATE_NOOP("EngineMessages", "the scanned folder {0} is not the folder that was scanned any more"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file disappeared while it was being moved"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file was replaced at the moment of the move: it was put back"),
    QT_TRANSLATE_NOOP("EngineMessages", "could not move to the trash: {0}; the file was left in place"),
    QT_TRANSLATE_NOOP("EngineMessages", "no space left for the trash"),
    QT_TRANSLATE_NOOP("EngineMessages", "the drive is read-only"),
    QT_TRANSLATE_NOOP("EngineMessages", "permission denied"),
    QT_TRANSLATE_NOOP("EngineMessages", "its trash folder belongs to another user"),
    QT_TRANSLATE_NOOP("EngineMessages", "the top of its drive could not be found"),
    QT_TRANSLATE_NOOP("EngineMessages", "this drive has no trash folder this account may use ({0})"),
    QT_TRANSLATE_NOOP("EngineMessages", "this drive's trash folder is on another drive"),
    QT_TRANSLATE_NOOP("EngineMessages", "this drive has no usable trash folder ({0})"),
    QT_TRANSLATE_NOOP("EngineMessages", "this plan was not made by this app for this user (no record of it): make it again from a scan"),
    QT_TRANSLATE_NOOP("EngineMessages", "its path is not an absolute path"),
    QT_TRANSLATE_NOOP("EngineMessages", "its path has '..', '.' or empty parts"),
    QT_TRANSLATE_NOOP("EngineMessages", "its kept copy's path is not an absolute path"),
    QT_TRANSLATE_NOOP("EngineMessages", "its kept copy's path has '..', '.' or empty parts"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file is not inside a folder that was scanned"),
    QT_TRANSLATE_NOOP("EngineMessages", "the kept copy is not inside a folder that was scanned"),
    QT_TRANSLATE_NOOP("EngineMessages", "only temp files are planned in system temp folders"),
    QT_TRANSLATE_NOOP("EngineMessages", "it is in a system or program folder"),
    QT_TRANSLATE_NOOP("EngineMessages", "its kept copy is malformed"),
    QT_TRANSLATE_NOOP("EngineMessages", "its safety level {0} was not chosen when the plan was made"),
    QT_TRANSLATE_NOOP("EngineMessages", "it does not match the temp-file rule it was planned with"),
    QT_TRANSLATE_NOOP("EngineMessages", "its rule is level {0}, not {1}"),
    QT_TRANSLATE_NOOP("EngineMessages", "its mail server or user is not the one the plan was made for"),
    QT_TRANSLATE_NOOP("EngineMessages", "the plan is for {0} on {1}, not for the account chosen for this run ({2} on {3})"),
    QT_TRANSLATE_NOOP("EngineMessages", "{0}: nothing was restored, it stays in the trash"),
    QT_TRANSLATE_NOOP("EngineMessages", "the folder {0} is not the folder it came from any more"),
    QT_TRANSLATE_NOOP("EngineMessages", "{0} was replaced by a link or a file"),
    QT_TRANSLATE_NOOP("EngineMessages", "the folder {0} changed while it was being restored"),
    QT_TRANSLATE_NOOP("EngineMessages", "its folder was removed while it was being restored"),
    QT_TRANSLATE_NOOP("EngineMessages", "its recorded folders do not match its path"),
    QT_TRANSLATE_NOOP("EngineMessages", "its original folder is now on another drive: restore it from the trash"),
    QT_TRANSLATE_NOOP("EngineMessages", "the trash folder belongs to another user"),
    QT_TRANSLATE_NOOP("EngineMessages", "its recorded path is not a plain path"),
    # Trash backends per place, online-only cloud files, the bilan reminder (issue 16)
    QT_TRANSLATE_NOOP("EngineMessages", "this drive has no trash: items go to a quarantine folder"),
    QT_TRANSLATE_NOOP("EngineMessages", "{0}: items go to a quarantine folder"),
    QT_TRANSLATE_NOOP("EngineMessages", "network drive: it has no Recycle Bin"),
    QT_TRANSLATE_NOOP("EngineMessages", "this drive has no Recycle Bin"),
    QT_TRANSLATE_NOOP("EngineMessages", "the Recycle Bin is turned off on this drive"),
    QT_TRANSLATE_NOOP("EngineMessages", "the item is larger than this drive's Recycle Bin"),
    QT_TRANSLATE_NOOP("EngineMessages", "the file is open in another program (locked); close it and run the plan again"),
    QT_TRANSLATE_NOOP("EngineMessages", "the Recycle Bin refused it ({0})"),
    QT_TRANSLATE_NOOP("EngineMessages", "the Trash refused it ({0})"),
    QT_TRANSLATE_NOOP("EngineMessages", "this drive has no trash folder this account may use, and no quarantine folder could be made in {0} ({1})"),
    QT_TRANSLATE_NOOP("EngineMessages", "it is on another drive than the scanned folder"),
    QT_TRANSLATE_NOOP("EngineMessages", "moved to the Recycle Bin, but its entry could not be found: restore it from the Recycle Bin"),
    QT_TRANSLATE_NOOP("EngineMessages", "its Recycle Bin record ($I) is gone or unreadable"),
    QT_TRANSLATE_NOOP("EngineMessages", "the Recycle Bin record ($I) of that name is another item now"),
    QT_TRANSLATE_NOOP("EngineMessages", "its quarantine record is gone or names another item"),
    QT_TRANSLATE_NOOP("EngineMessages", "the trash entry of that name is another item now"),
    QT_TRANSLATE_NOOP("EngineMessages", "no longer in the trash"),
    QT_TRANSLATE_NOOP("EngineMessages", "its journal record does not point into this trash (edited?): left alone"),
    QT_TRANSLATE_NOOP("EngineMessages", "deleted from the cloud: the provider's own recycle bin is the way back"),
    QT_TRANSLATE_NOOP("EngineMessages", "it is on this disk now, not online-only as the plan says: scan again"),
    QT_TRANSLATE_NOOP("EngineMessages", "it is an online-only cloud file now: deleting it would delete it from the cloud; scan again"),
    QT_TRANSLATE_NOOP("EngineMessages", "online-only cloud files are deleted from the cloud and skip the local trash: the provider's own recycle bin is the way back"),
)


@lru_cache(maxsize=None)
def _patterns() -> list[tuple[re.Pattern, str]]:
    out = []
    for shape in SHAPES:
        parts = re.split(r"\{(\d)\}", shape)
        rx = "".join(re.escape(p) if i % 2 == 0 else f"(?P<g{p}>.+?)" for i, p in enumerate(parts))
        out.append((re.compile(rx + r"\Z", re.S), shape))
    # Longer shapes first, so "Not a folder any more" wins over "Not a folder".
    out.sort(key=lambda t: -len(t[1]))
    return out


def translated(text: str) -> str:
    """``text`` (an engine message) in the current language when its shape is known."""
    if not text:
        return text
    for rx, shape in _patterns():
        m = rx.match(text)
        if m:
            # a detail may itself be an engine message ("could not move to the trash: {0}; ...")
            values = [translated(m.group(f"g{i}")) for i in range(len(m.groupdict()))]
            return QCoreApplication.translate(CONTEXT, shape).format(*values)
    return text

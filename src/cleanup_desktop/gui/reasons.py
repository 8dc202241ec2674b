"""The engine's reasons in the user's language, through Qt's translations.

The engine gives every reason (why a file was skipped for safety, why a path could not be
read, why an item cannot be selected, why an action was refused) as a code plus params
(core.messages.Reason, or ``code``/``params`` beside the English text in a result dict). This
table holds, for each code, the English template marked for Qt's translation tools (context
"Reasons"); its French is in translations/cleanup_desktop_fr.ts. ``shown(...)`` words a reason
in the current language; a text without a code (an outside executor's own words) is shown as
it is. No sentence is ever matched: rewording the engine cannot lose the French, and
tests/gui/test_gui_reasons.py checks that every code of the core table has an entry here with
a French translation and no placeholder the core does not give.

A few codes keep the GUI's own, shorter wording (the selection hints); the others use the
core's English template.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Optional

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from cleanup_desktop.core.messages import REASONS, Reason

CONTEXT = "Reasons"

TEMPLATES = {
    "scan.permission-denied": QT_TRANSLATE_NOOP("Reasons", "Permission denied"),
    "scan.not-permitted": QT_TRANSLATE_NOOP("Reasons", "Operation not permitted"),
    "scan.vanished": QT_TRANSLATE_NOOP("Reasons", "Vanished during the scan"),
    "scan.path-too-long": QT_TRANSLATE_NOOP("Reasons", "Path too long"),
    "scan.io-error": QT_TRANSLATE_NOOP("Reasons", "Input/output error (the disk may be failing)"),
    "scan.link-loop": QT_TRANSLATE_NOOP("Reasons", "Too many levels of symbolic links"),
    "scan.not-folder-any-more": QT_TRANSLATE_NOOP("Reasons", "Not a folder any more"),
    "scan.not-folder": QT_TRANSLATE_NOOP("Reasons", "Not a folder"),
    "scan.no-folder": QT_TRANSLATE_NOOP("Reasons", "No such folder"),
    "scan.changed": QT_TRANSLATE_NOOP("Reasons", "Changed during the scan"),
    "scan.bad-name": QT_TRANSLATE_NOOP("Reasons", "Name cannot be decoded"),
    "scan.locked": QT_TRANSLATE_NOOP("Reasons", "Open in another program (locked)"),
    "scan.compare-failed": QT_TRANSLATE_NOOP("Reasons", "Byte comparison failed: {error}"),
    "scan.system-folder": QT_TRANSLATE_NOOP("Reasons", "System folder: Cleanup Desktop never offers anything in it for deletion, so it is not scanned"),
    "os-error": QT_TRANSLATE_NOOP("Reasons", "{error}"),
    "temp.unknown-rule": QT_TRANSLATE_NOOP("Reasons", "no cleaning rule of that name"),
    "temp.gone": QT_TRANSLATE_NOOP("Reasons", "no longer exists"),
    "temp.unreadable": QT_TRANSLATE_NOOP("Reasons", "cannot be checked"),
    "temp.not-a-file": QT_TRANSLATE_NOOP("Reasons", "not a regular file"),
    "temp.not-owner": QT_TRANSLATE_NOOP("Reasons", "belongs to another user"),
    "temp.recent": QT_TRANSLATE_NOOP("Reasons", "changed too recently"),
    "temp.not-core-dump": QT_TRANSLATE_NOOP("Reasons", "named like a core dump but is not one"),
    "temp.app-running": QT_TRANSLATE_NOOP("Reasons", "its program is running"),
    "temp.open": QT_TRANSLATE_NOOP("Reasons", "open by a running program"),
    "temp.never": QT_TRANSLATE_NOOP("Reasons", "never deleted by Cleanup Desktop (size reported only)"),
    "temp.user-data": QT_TRANSLATE_NOOP("Reasons", "your own files: review them yourself (size reported only)"),
    "select.reference-folder": QT_TRANSLATE_NOOP("Reasons", "Kept: it is inside a folder you chose to keep."),
    "select.last-copy": QT_TRANSLATE_NOOP("Reasons", "Kept: the last copy can't be selected, one copy always stays."),
    "select.not-in-scan": QT_TRANSLATE_NOOP("Reasons", "it is not part of the scan result"),
    "select.app-running": QT_TRANSLATE_NOOP("Reasons", "Close its application first: it is running."),
    "skip.folder-now-symlink": QT_TRANSLATE_NOOP("Reasons", "the folder {folder} was replaced by a symbolic link"),
    "skip.folder-now-link": QT_TRANSLATE_NOOP("Reasons", "the folder {folder} was replaced by a link"),
    "skip.not-folder-now": QT_TRANSLATE_NOOP("Reasons", "{folder} is no longer a folder"),
    "skip.folder-gone": QT_TRANSLATE_NOOP("Reasons", "the folder {folder} no longer exists"),
    "skip.file-now-symlink": QT_TRANSLATE_NOOP("Reasons", "the file was replaced by a symbolic link"),
    "skip.not-regular-now": QT_TRANSLATE_NOOP("Reasons", "it is no longer a regular file"),
    "skip.no-identity": QT_TRANSLATE_NOOP("Reasons", "the plan does not say which file this is (no device and file number)"),
    "skip.file-replaced": QT_TRANSLATE_NOOP("Reasons", "the file was replaced by another file since the scan"),
    "skip.size-changed": QT_TRANSLATE_NOOP("Reasons", "its size changed since the scan ({old} -> {new} bytes)"),
    "skip.modified": QT_TRANSLATE_NOOP("Reasons", "it was modified since the scan"),
    "skip.unreadable": QT_TRANSLATE_NOOP("Reasons", "it can no longer be read ({error})"),
    "skip.replaced-while-checked": QT_TRANSLATE_NOOP("Reasons", "the file was replaced by another file while being checked"),
    "skip.content-changed": QT_TRANSLATE_NOOP("Reasons", "its content changed since the scan"),
    "skip.gone-not-in-trash": QT_TRANSLATE_NOOP("Reasons", "the file is gone and not in the trash: it was removed outside this run"),
    "skip.permanent-unconfirmed": QT_TRANSLATE_NOOP("Reasons", "permanent deletion was not confirmed (use --permanent)"),
    "skip.file-gone": QT_TRANSLATE_NOOP("Reasons", "the file no longer exists"),
    "skip.app-running": QT_TRANSLATE_NOOP("Reasons", "{app} is running ({processes}): close it and run the plan again"),
    "skip.file-open": QT_TRANSLATE_NOOP("Reasons", "the file is open in another program"),
    "skip.file-locked": QT_TRANSLATE_NOOP("Reasons", "the file is open in another program (locked); close it and run the plan again"),
    "skip.folder-replaced-while-checked": QT_TRANSLATE_NOOP("Reasons", "its folder was replaced while it was being checked"),
    "skip.gone-while-checked": QT_TRANSLATE_NOOP("Reasons", "the file disappeared while it was being checked"),
    "skip.replaced-while-checked-2": QT_TRANSLATE_NOOP("Reasons", "the file was replaced while it was being checked"),
    "skip.root-unopenable": QT_TRANSLATE_NOOP("Reasons", "the scanned folder {folder} cannot be opened ({error})"),
    "skip.root-replaced": QT_TRANSLATE_NOOP("Reasons", "the scanned folder {folder} is not the folder that was scanned any more"),
    "skip.local-now": QT_TRANSLATE_NOOP("Reasons", "it is on this disk now, not online-only as the plan says: scan again"),
    "skip.online-only-now": QT_TRANSLATE_NOOP("Reasons", "it is an online-only cloud file now: deleting it would delete it from the cloud; scan again"),
    "skip.whole-group": QT_TRANSLATE_NOOP("Reasons", "{reason} (whole group skipped)"),
    "keep.now-symlink": QT_TRANSLATE_NOOP("Reasons", "the kept copy {path} was replaced by a symbolic link"),
    "keep.gone": QT_TRANSLATE_NOOP("Reasons", "the kept copy {path} no longer exists"),
    "keep.unreadable": QT_TRANSLATE_NOOP("Reasons", "the kept copy {path} cannot be read ({error})"),
    "keep.not-regular": QT_TRANSLATE_NOOP("Reasons", "the kept copy {path} is no longer a regular file"),
    "keep.same-file": QT_TRANSLATE_NOOP("Reasons", "the kept copy {path} now leads to this very file"),
    "keep.indistinct": QT_TRANSLATE_NOOP("Reasons", "the kept copy {path} cannot be told apart from this file"),
    "keep.size-changed": QT_TRANSLATE_NOOP("Reasons", "the kept copy {path} changed size"),
    "keep.content-changed": QT_TRANSLATE_NOOP("Reasons", "the kept copy {path} no longer has the same content"),
    "skip.no-item-identity": QT_TRANSLATE_NOOP("Reasons", "the plan does not say which item this is (no device and file number)"),
    "skip.folder-replaced": QT_TRANSLATE_NOOP("Reasons", "the folder was replaced by another one since the scan"),
    "skip.link-replaced": QT_TRANSLATE_NOOP("Reasons", "the link was replaced by another one since the scan"),
    "skip.folder-item-gone": QT_TRANSLATE_NOOP("Reasons", "the folder no longer exists"),
    "skip.link-gone": QT_TRANSLATE_NOOP("Reasons", "the link no longer exists"),
    "skip.scanned-folder-itself": QT_TRANSLATE_NOOP("Reasons", "a folder is removed only inside a scanned folder, never the scanned folder itself"),
    "skip.no-longer-folder": QT_TRANSLATE_NOOP("Reasons", "it is no longer a folder (a link or a file took its place)"),
    "skip.folder-not-empty": QT_TRANSLATE_NOOP("Reasons", "the folder is no longer empty"),
    "skip.no-kept-folder": QT_TRANSLATE_NOOP("Reasons", "the plan names no kept folder"),
    "skip.kept-folder-gone": QT_TRANSLATE_NOOP("Reasons", "the kept folder {path} no longer exists"),
    "skip.kept-folder-not-folder": QT_TRANSLATE_NOOP("Reasons", "the kept folder {path} is no longer a folder"),
    "skip.kept-folder-same": QT_TRANSLATE_NOOP("Reasons", "the kept folder now leads to this very folder"),
    "skip.kept-folder-nested": QT_TRANSLATE_NOOP("Reasons", "the kept folder and this folder lie inside one another"),
    "skip.kept-folder-changed": QT_TRANSLATE_NOOP("Reasons", "the kept folder {path} no longer has the same content"),
    "skip.folder-content-changed": QT_TRANSLATE_NOOP("Reasons", "the folder's content changed since the scan"),
    "skip.not-link-now": QT_TRANSLATE_NOOP("Reasons", "it is no longer a symbolic link"),
    "skip.link-retargeted": QT_TRANSLATE_NOOP("Reasons", "the link now points somewhere else"),
    "skip.link-works": QT_TRANSLATE_NOOP("Reasons", "the link works again (its target exists)"),
    "skip.link-target-unplugged": QT_TRANSLATE_NOOP("Reasons", "its target is on a volume that is not plugged in"),
    "skip.replaced-while-checked-3": QT_TRANSLATE_NOOP("Reasons", "it was replaced while it was being checked"),
    "skip.no-kept-photo": QT_TRANSLATE_NOOP("Reasons", "the plan names no kept photo"),
    "skip.kept-photo-gone": QT_TRANSLATE_NOOP("Reasons", "the kept photo {path} no longer exists (whole group skipped)"),
    "skip.kept-photo-not-regular": QT_TRANSLATE_NOOP("Reasons", "the kept photo {path} is no longer a regular file"),
    "skip.kept-photo-changed": QT_TRANSLATE_NOOP("Reasons", "the kept photo {path} changed since the scan"),
    "skip.kept-photo-same": QT_TRANSLATE_NOOP("Reasons", "the kept photo now leads to this very file"),
    "trash.no-usable-trash": QT_TRANSLATE_NOOP("Reasons", "this drive has no trash folder this account may use"),
    "trash.read-only": QT_TRANSLATE_NOOP("Reasons", "the drive is read-only"),
    "trash.permission-denied": QT_TRANSLATE_NOOP("Reasons", "permission denied"),
    "trash.no-space": QT_TRANSLATE_NOOP("Reasons", "no space left for the trash"),
    "trash.move-failed": QT_TRANSLATE_NOOP("Reasons", "could not move to the trash: {error}; the file was left in place"),
    "trash.delete-failed": QT_TRANSLATE_NOOP("Reasons", "could not delete: {error}"),
    "trash.not-ours": QT_TRANSLATE_NOOP("Reasons", "its journal record does not point into this trash (edited?): left alone"),
    "trash.entry-gone": QT_TRANSLATE_NOOP("Reasons", "no longer in the trash"),
    "trash.entry-other": QT_TRANSLATE_NOOP("Reasons", "the trash entry of that name is another item now"),
    "trash.entry-link": QT_TRANSLATE_NOOP("Reasons", "the trash entry of that name is a link now"),
    "trash.entry-lost": QT_TRANSLATE_NOOP("Reasons", "the file was moved to the trash but its trash entry could not be found"),
    "trash.entry-renamed": QT_TRANSLATE_NOOP("Reasons", "the trash entry's record does not name the original path any more"),
    "trash.foreign-owner": QT_TRANSLATE_NOOP("Reasons", "its trash folder belongs to another user"),
    "trash.no-top": QT_TRANSLATE_NOOP("Reasons", "the top of its drive could not be found"),
    "trash.no-own-trash": QT_TRANSLATE_NOOP("Reasons", "this drive has no trash folder this account may use ({error})"),
    "trash.trash-elsewhere": QT_TRANSLATE_NOOP("Reasons", "this drive's trash folder is on another drive"),
    "trash.no-usable-trash-why": QT_TRANSLATE_NOOP("Reasons", "this drive has no usable trash folder ({error})"),
    "trash.gone-at-move": QT_TRANSLATE_NOOP("Reasons", "the file disappeared while it was being moved"),
    "trash.swapped-at-move": QT_TRANSLATE_NOOP("Reasons", "the file was replaced at the moment of the move: it was put back"),
    "trash.no-trash-quarantine": QT_TRANSLATE_NOOP("Reasons", "this drive has no trash: items go to a quarantine folder"),
    "trash.quarantine-because": QT_TRANSLATE_NOOP("Reasons", "{why}: items go to a quarantine folder"),
    "trash.no-quarantine": QT_TRANSLATE_NOOP("Reasons", "this drive has no trash folder this account may use, and no quarantine folder could be made in {folder} ({error})"),
    "trash.other-drive": QT_TRANSLATE_NOOP("Reasons", "it is on another drive than the scanned folder"),
    "trash.quarantine-not-ours": QT_TRANSLATE_NOOP("Reasons", "its quarantine folder is a link or belongs to another user"),
    "trash.quarantine-record": QT_TRANSLATE_NOOP("Reasons", "its quarantine record is gone or names another item"),
    "trash.network-drive": QT_TRANSLATE_NOOP("Reasons", "network drive: it has no Recycle Bin"),
    "trash.no-recyclebin": QT_TRANSLATE_NOOP("Reasons", "this drive has no Recycle Bin"),
    "trash.recyclebin-off": QT_TRANSLATE_NOOP("Reasons", "the Recycle Bin is turned off on this drive"),
    "trash.too-large": QT_TRANSLATE_NOOP("Reasons", "the item is larger than this drive's Recycle Bin"),
    "trash.recyclebin-refused": QT_TRANSLATE_NOOP("Reasons", "the Recycle Bin refused it ({error})"),
    "trash.recyclebin-left": QT_TRANSLATE_NOOP("Reasons", "the Recycle Bin did not take it; it was left in place"),
    "trash.recyclebin-entry-lost": QT_TRANSLATE_NOOP("Reasons", "moved to the Recycle Bin, but its entry could not be found: restore it from the Recycle Bin"),
    "trash.recyclebin-record-gone": QT_TRANSLATE_NOOP("Reasons", "its Recycle Bin record ($I) is gone or unreadable"),
    "trash.recyclebin-record-other": QT_TRANSLATE_NOOP("Reasons", "the Recycle Bin record ($I) of that name is another item now"),
    "trash.mac-refused": QT_TRANSLATE_NOOP("Reasons", "the Trash refused it ({error})"),
    "trash.mac-elsewhere": QT_TRANSLATE_NOOP("Reasons", "moved to the Trash, but not where the system said: restore it from the Trash"),
    "trash.mac-other": QT_TRANSLATE_NOOP("Reasons", "moved to the Trash, but the item there is not the file: restore it from the Trash"),
    "trash.online-only-notice": QT_TRANSLATE_NOOP("Reasons", "online-only cloud files are deleted from the cloud and skip the local trash: the provider's own recycle bin is the way back"),
    "note.cloud-deleted": QT_TRANSLATE_NOOP("Reasons", "deleted from the cloud: the provider's own recycle bin is the way back"),
    "restore.bad-path": QT_TRANSLATE_NOOP("Reasons", "its recorded path is not a plain path"),
    "restore.folder-replaced": QT_TRANSLATE_NOOP("Reasons", "{folder} was replaced by a link or a file"),
    "restore.dirs-mismatch": QT_TRANSLATE_NOOP("Reasons", "its recorded folders do not match its path"),
    "restore.folder-changed-identity": QT_TRANSLATE_NOOP("Reasons", "the folder {folder} is not the folder it came from any more"),
    "restore.folder-changed": QT_TRANSLATE_NOOP("Reasons", "the folder {folder} changed while it was being restored"),
    "restore.trash-foreign": QT_TRANSLATE_NOOP("Reasons", "the trash folder belongs to another user"),
    "restore.other-drive": QT_TRANSLATE_NOOP("Reasons", "its original folder is now on another drive: restore it from the trash"),
    "restore.folder-removed": QT_TRANSLATE_NOOP("Reasons", "its folder was removed while it was being restored"),
    "restore.stays-in-trash": QT_TRANSLATE_NOOP("Reasons", "{why}: nothing was restored, it stays in the trash"),
    "mail.the-server": QT_TRANSLATE_NOOP("Reasons", "the mail server"),
    "mail.dns": QT_TRANSLATE_NOOP("Reasons", "Cannot find the mail server '{host}': check the server name and your internet connection."),
    "mail.untrusted": QT_TRANSLATE_NOOP("Reasons", "The certificate of {where} is not trusted ({error})."),
    "mail.tls": QT_TRANSLATE_NOOP("Reasons", "Secure connection to {where} failed ({error}). Check the port and the security setting (SSL/TLS on 993, STARTTLS on 143)."),
    "mail.refused": QT_TRANSLATE_NOOP("Reasons", "The mail server {where} refused the connection: it is down or the port is wrong."),
    "mail.timeout": QT_TRANSLATE_NOOP("Reasons", "The mail server {where} did not answer in time."),
    "mail.cut": QT_TRANSLATE_NOOP("Reasons", "The connection to {where} was cut. Nothing was changed by the cut; try again."),
    "mail.unreachable": QT_TRANSLATE_NOOP("Reasons", "The mail server {where} cannot be reached from this network."),
    "mail.cut-why": QT_TRANSLATE_NOOP("Reasons", "The connection to {where} was cut ({error}). Nothing was lost; try again."),
    "mail.auth": QT_TRANSLATE_NOOP("Reasons", "Sign-in to {where} failed: wrong user name or password ({error})."),
    "mail.other": QT_TRANSLATE_NOOP("Reasons", "Mail server {where}: {error}"),
    "mail.unsupported-kind": QT_TRANSLATE_NOOP("Reasons", "{kind} accounts are not supported"),
    "mail.batch-stopped": QT_TRANSLATE_NOOP("Reasons", "the mail batch stopped before this message (connection lost); run the plan again"),
    "mail.no-move-no-uidplus": QT_TRANSLATE_NOOP("Reasons", "this server offers neither MOVE nor UIDPLUS: removing a message would need a plain EXPUNGE, which could also remove messages flagged \\Deleted elsewhere, so this folder cannot be cleaned safely on this server"),
    "mail.no-uidplus": QT_TRANSLATE_NOOP("Reasons", "this server lacks UIDPLUS (UID EXPUNGE): deleting exactly these messages is not possible"),
    "mail.no-delete-right": QT_TRANSLATE_NOOP("Reasons", "you have no right to delete messages in '{folder}' (rights: {rights})"),
    "mail.no-trash": QT_TRANSLATE_NOOP("Reasons", "no Trash folder found on the server: choose 'delete permanently' or create a Trash folder"),
    "mail.already-in-trash": QT_TRANSLATE_NOOP("Reasons", "already in the Trash folder"),
    "mail.already-in-deleted-items": QT_TRANSLATE_NOOP("Reasons", "already in Deleted Items"),
    "mail.uidvalidity": QT_TRANSLATE_NOOP("Reasons", "folder '{folder}' changed on the server since the scan (UIDVALIDITY): scan again before cleaning it"),
    "mail.changed": QT_TRANSLATE_NOOP("Reasons", "the message changed since the scan: left alone"),
    "mail.flagged": QT_TRANSLATE_NOOP("Reasons", "the message was flagged (starred) since the scan: left alone"),
    "mail.flagged-follow-up": QT_TRANSLATE_NOOP("Reasons", "the message was flagged for follow-up since the scan: left alone"),
    "mail.keep-folder-gone": QT_TRANSLATE_NOOP("Reasons", "the copy to keep (folder '{folder}') is no longer on the server: not removing what may be the last copy"),
    "mail.keep-not-keeping-folder": QT_TRANSLATE_NOOP("Reasons", "the copy to keep is in '{folder}', which is not a folder that keeps mail (Trash, Junk, Drafts, virtual or shared): not removing what may be the last copy"),
    "mail.keep-unreadable": QT_TRANSLATE_NOOP("Reasons", "the copy to keep (folder '{folder}') cannot be read: left alone"),
    "mail.keep-gone-imap": QT_TRANSLATE_NOOP("Reasons", "the copy to keep is gone, changed or flagged \\Deleted: not removing what may be the last copy"),
    "mail.keep-gone": QT_TRANSLATE_NOOP("Reasons", "the copy to keep is gone or changed: not removing what may be the last copy"),
    "mail.keep-in-deleted-items": QT_TRANSLATE_NOOP("Reasons", "the copy to keep is in Deleted Items: not removing what may be the last copy"),
    "mail.content-changed": QT_TRANSLATE_NOOP("Reasons", "the message's content changed since the scan: left alone"),
    "mail.keep-content-changed": QT_TRANSLATE_NOOP("Reasons", "the copy to keep no longer has the same content: not removing what may be the last copy"),
    "mail.gone": QT_TRANSLATE_NOOP("Reasons", "the message is no longer in the folder (moved or deleted elsewhere)"),
    "mail.not-removed": QT_TRANSLATE_NOOP("Reasons", "the server did not remove the message (still in the folder)"),
    "mail.not-in-trash-after": QT_TRANSLATE_NOOP("Reasons", "moved, but not found in '{folder}' afterwards"),
    "mail.server-refused": QT_TRANSLATE_NOOP("Reasons", "the server refused: {error}"),
    "mail.not-ours": QT_TRANSLATE_NOOP("Reasons", "not the message this app moved: left alone"),
    "mail.not-ours-deleted-items": QT_TRANSLATE_NOOP("Reasons", "not the message this app moved to Deleted Items: left alone"),
    "mail.kept-in-trash": QT_TRANSLATE_NOOP("Reasons", "the server kept it in Trash"),
    "mail.kept-in-deleted-items": QT_TRANSLATE_NOOP("Reasons", "the server kept it in Deleted Items"),
    "mail.move-back-failed": QT_TRANSLATE_NOOP("Reasons", "could not move it back to '{folder}': {error}"),
    "mail.gone-from-trash": QT_TRANSLATE_NOOP("Reasons", "no longer in '{folder}' (emptied or moved elsewhere)"),
    "refused.not-absolute": QT_TRANSLATE_NOOP("Reasons", "its path is not an absolute path"),
    "refused.keep-not-absolute": QT_TRANSLATE_NOOP("Reasons", "its kept copy's path is not an absolute path"),
    "refused.bad-parts": QT_TRANSLATE_NOOP("Reasons", "its path has '..', '.' or empty parts"),
    "refused.keep-bad-parts": QT_TRANSLATE_NOOP("Reasons", "its kept copy's path has '..', '.' or empty parts"),
    "refused.no-record": QT_TRANSLATE_NOOP("Reasons", "this plan was not made by this app for this user (no record of it): make it again from a scan"),
    "refused.outside-roots": QT_TRANSLATE_NOOP("Reasons", "the file is not inside a folder that was scanned"),
    "refused.keep-outside-roots": QT_TRANSLATE_NOOP("Reasons", "the kept copy is not inside a folder that was scanned"),
    "refused.temp-only": QT_TRANSLATE_NOOP("Reasons", "only temp files are planned in system temp folders"),
    "refused.protected": QT_TRANSLATE_NOOP("Reasons", "it is in a system or program folder"),
    "refused.bad-keep": QT_TRANSLATE_NOOP("Reasons", "its kept copy is malformed"),
    "refused.level-not-chosen": QT_TRANSLATE_NOOP("Reasons", "its safety level {level} was not chosen when the plan was made"),
    "refused.rule-mismatch": QT_TRANSLATE_NOOP("Reasons", "it does not match the temp-file rule it was planned with"),
    "refused.rule-level": QT_TRANSLATE_NOOP("Reasons", "its rule is level {level}, not {planned}"),
    "refused.mail-account": QT_TRANSLATE_NOOP("Reasons", "its mail server or user is not the one the plan was made for"),
    "refused.other-account": QT_TRANSLATE_NOOP("Reasons", "the plan is for {user} on {host}, not for the account chosen for this run ({chosen_user} on {chosen_host})"),
    "undo.no-trash-lookup": QT_TRANSLATE_NOOP("Reasons", "this system does not let applications find items back in its trash; open the trash to restore them"),
    "undo.mail-by-hand": QT_TRANSLATE_NOOP("Reasons", "restore or empty this message from the mailbox's Trash folder"),
    "run.already-done": QT_TRANSLATE_NOOP("Reasons", "already done by run {run}"),
    "run.cancelled": QT_TRANSLATE_NOOP("Reasons", "cancelled before this file was touched"),
}


def _value(value: Any) -> Any:
    if isinstance(value, Reason):
        return shown(value)
    if isinstance(value, Mapping) and value.get("code") in REASONS:
        return word(value["code"], value.get("params"))
    return value


def word(code: str, params: Optional[Mapping[str, Any]] = None) -> str:
    """The reason ``code`` in the current language, with its params (nested reasons worded too)."""
    template = QCoreApplication.translate(CONTEXT, TEMPLATES[code])
    return template.format_map({k: _value(v) for k, v in (params or {}).items()})


def shown(reason: Any, record: Optional[Mapping[str, Any]] = None) -> str:
    """``reason`` (a Reason, or the English text of ``record`` whose ``code``/``params`` the
    engine wrote beside it) in the current language; a text with no known code as it is."""
    if isinstance(reason, Reason) and reason.code in TEMPLATES:
        return word(reason.code, reason.params)
    if record is not None:
        again = Reason.from_json(record)
        if again is not None and again.code in TEMPLATES:
            return word(again.code, again.params)
    return "" if reason is None else str(reason)

"""Scan any MailSource: walk folders, collect summaries, build the mail-scan/1 result.

    from cleanup_desktop.core.mail.sources.imap import ImapSettings, Credentials
    from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
    from cleanup_desktop.core.mail.scan import scan_mailbox
    src = ImapSource(ImapSettings(host, user, port, "ssl"), Credentials(password=pw))
    result = scan_mailbox(src, folders=None, progress=cb, cancel=token)   # dict, JSON-ready

Cancelling returns the partial result with ``cancelled: True``. Connection problems raise
MailError (nothing is ever changed by a scan).
"""

from __future__ import annotations

import time
from datetime import datetime, timezone
from typing import Optional, Sequence

from cleanup_desktop.core.mail.analysis import AnalysisOptions, analyse
from cleanup_desktop.core.mail.confirm import confirm_duplicates
from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.mail.keep import folder_role
from cleanup_desktop.core.mail.kinds import SCAN_SCHEMA
from cleanup_desktop.core.mail.source import MailSource, MessageSummary
from cleanup_desktop.core.progress import Cancelled, CancelToken, ProgressEvent, Reporter
from cleanup_desktop.core.messages import Reason, reason_fields

SCHEMA = SCAN_SCHEMA
# errors that end the scan; any other folder error is reported and the scan goes on
FATAL_KINDS = ("connection-lost", "auth", "down", "dns", "timeout", "tls", "tls-untrusted")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


GMAIL_OWN_FOLDERS = ("\\All", "\\Trash", "\\Junk")


def default_folders(folders: list, is_gmail: bool) -> list:
    """Every folder, except on Gmail: labels (INBOX, Sent, user labels) are views of All Mail,
    so All Mail, Trash and Spam hold every message once; reading the labels too would fetch
    the same messages again."""
    if not is_gmail or not any(f.special_use == "\\All" for f in folders):
        return list(folders)
    return [f for f in folders if f.special_use in GMAIL_OWN_FOLDERS]


def skip_reason(folder, is_gmail: bool) -> Optional[str]:
    """Why a folder is left out of an "all folders" scan (None: scanned)."""
    if folder.namespace == "other":
        return "other-user"  # a colleague's folder shared with me
    if folder.namespace == "shared":
        return "shared"  # public / team folders
    if folder.special_use == "\\All" and not is_gmail:
        return "virtual"  # a view of every other folder: each message would be its own duplicate
    return None


def scan_mailbox(source: MailSource, folders: Optional[Sequence[str]] = None,
                 options: Optional[AnalysisOptions] = None, progress=None,
                 cancel: Optional[CancelToken] = None, connection: Optional[dict] = None) -> dict:
    """Scan the chosen folders (all when None) and return the mail-scan/1 dict.

    ``connection`` adds non-secret fields to the result's "connection" (e.g. password_env).
    """
    opts = options or AnalysisOptions()
    started = _now()
    t0 = time.monotonic()
    rep = Reporter(progress, cancel)
    messages: list[MessageSummary] = []
    errors: list[dict] = []
    cancelled = False
    quota = None
    all_folders = []
    skipped: list[dict] = []
    chosen: list = []
    found = None
    confirm_stats: dict[str, int] = {}
    source.connect()
    try:
        all_folders = source.list_folders()
        if folders:
            def same(want: str, name: str) -> bool:
                return want == name or (want.upper() == "INBOX" and name.upper() == "INBOX")

            chosen = [f for f in all_folders if any(same(w, f.name) for w in folders)]
            missing = [w for w in folders if not any(same(w, f.name) for f in chosen)]
            if missing:
                raise MailError(Reason("mail.no-such-folder", folders=", ".join(sorted(missing))), "args")
        else:
            chosen = default_folders(all_folders, source.is_gmail)
            for f in chosen:
                reason = skip_reason(f, source.is_gmail)
                if reason:
                    skipped.append({"name": f.name, "messages": f.messages, "reason": reason})
            chosen = [f for f in chosen if not skip_reason(f, source.is_gmail)]
        if hasattr(source, "check_rights"):
            source.check_rights(chosen)
        total = sum(f.messages for f in chosen)
        done = 0
        nbytes = 0
        rep.update(ProgressEvent("mail-folders", 0, total, source=source.label), force=True)
        start_reading = getattr(source, "plan_folders", None)  # optional: send commands ahead
        if start_reading is not None:
            start_reading([f for f in chosen if not f.error], opts.attachment_min_size)
        for folder in chosen:
            if folder.error:
                errors.append({"folder": folder.name, "error": folder.error, **reason_fields(folder.error)})
                continue

            def on_batch(n: int, b: int, _f=folder) -> None:
                nonlocal done, nbytes
                done += n
                nbytes += b
                rep.update(ProgressEvent("mail-fetch", done, max(total, done), nbytes,
                                         source=source.label, detail=_f.name))

            rep.check()
            try:
                for m in source.iter_messages(folder, opts.attachment_min_size, on_batch):
                    messages.append(m)
            except MailError as exc:
                if exc.kind in FATAL_KINDS:
                    raise
                # e.g. deleted meanwhile
                errors.append({"folder": folder.name, "error": exc.message, **reason_fields(exc.message)})
        quota = source.quota()
        found = _analyse(source, messages, opts, all_folders, chosen)
        rep.update(ProgressEvent("mail-confirm", 0, len(found["duplicates"]), source=source.label), force=True)
        found["duplicates"], confirm_stats = confirm_duplicates(source, found["duplicates"],
                                                                sum(m.size for m in messages))
    except Cancelled:
        cancelled = True
    finally:
        source.close()
    rep.flush()
    if found is None or cancelled:  # duplicates not confirmed by content are never reported
        found = _analyse(source, messages, opts, all_folders, all_folders)
        confirm_stats = {"unconfirmed_groups": len(found["duplicates"])}
        found["duplicates"] = []
    trash = next((f.name for f in all_folders if f.special_use == "\\Trash"), None)
    conn = dict(source.describe())
    conn.update(connection or {})
    return {
        "schema": SCHEMA,
        "account": source.label,
        "connection": conn,
        "started": started,
        "finished": _now(),
        "cancelled": cancelled,
        "gmail": source.is_gmail,
        "trash_folder": trash,
        "folders": [_folder_entry(f, source.is_gmail) for f in chosen],
        "not_scanned": skipped + ([{"name": f.name, "messages": f.messages, "reason": "gmail-label"}
                                   for f in all_folders if f not in chosen]
                                  if source.is_gmail and not folders else []),
        "duplicates": found["duplicates"],
        "large_messages": found["large_messages"],
        "attachments": found["attachments"],
        "old": found["old"],
        "senders": found["senders"],
        "quota": quota,
        "errors": errors,
        "options": {"large_min_size": opts.large_min_size, "attachment_min_size": opts.attachment_min_size,
                    "old_months": opts.old_months, "old_min_size": opts.old_min_size},
        "stats": {"messages": found["unique_messages"], "bytes": found["unique_bytes"],
                  "records": len(messages),
                  "bytes_downloaded": source.bytes_downloaded,
                  "seconds": round(time.monotonic() - t0, 3),
                  "duplicate_groups": len(found["duplicates"]),
                  "wasted": sum(d["wasted"] for d in found["duplicates"]),
                  **confirm_stats},
    }


def _folder_entry(f, is_gmail: bool) -> dict:
    d = {"name": f.name, "messages": f.messages, "bytes": f.bytes, "uidvalidity": f.uidvalidity,
         "special_use": f.special_use, "namespace": f.namespace,
         "role": folder_role(f.name, f.special_use, is_gmail, f.namespace), "cleanable": f.cleanable}
    if f.rights is not None:
        d["rights"] = f.rights
    return d


def _analyse(source, messages, opts, all_folders, chosen) -> dict:
    roles = {f.name: folder_role(f.name, f.special_use, source.is_gmail, f.namespace) for f in chosen}
    return analyse(messages, opts, is_gmail=source.is_gmail,
                   all_mail=next((f.name for f in all_folders if f.special_use == "\\All"), None)
                   if source.is_gmail else None, roles=roles)

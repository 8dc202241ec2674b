"""Scan any MailSource: walk folders, collect summaries, build the mail-scan/1 result.

    from cleanup_desktop.core.mail.imap import ImapSettings, Credentials
    from cleanup_desktop.core.mail.imap_scan import ImapSource
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
from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.mail.source import MailSource, MessageSummary
from cleanup_desktop.core.progress import Cancelled, CancelToken, ProgressEvent, Reporter

SCHEMA = "cleanup-desktop/mail-scan/1"
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
    source.connect()
    try:
        all_folders = source.list_folders()
        if folders:
            def same(want: str, name: str) -> bool:
                return want == name or (want.upper() == "INBOX" and name.upper() == "INBOX")

            chosen = [f for f in all_folders if any(same(w, f.name) for w in folders)]
            missing = [w for w in folders if not any(same(w, f.name) for f in chosen)]
            if missing:
                raise MailError("No such folder on the server: " + ", ".join(sorted(missing)), "args")
        else:
            chosen = default_folders(all_folders, source.is_gmail)
        total = sum(f.messages for f in chosen)
        done = 0
        nbytes = 0
        rep.update(ProgressEvent("mail-folders", 0, total, source=source.label), force=True)
        start_reading = getattr(source, "plan_folders", None)  # optional: send commands ahead
        if start_reading is not None:
            start_reading([f for f in chosen if not f.error], opts.attachment_min_size)
        for folder in chosen:
            if folder.error:
                errors.append({"folder": folder.name, "error": folder.error})
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
                errors.append({"folder": folder.name, "error": str(exc)})  # e.g. deleted meanwhile
        quota = source.quota()
    except Cancelled:
        cancelled = True
    finally:
        source.close()
    rep.flush()
    found = analyse(messages, opts, is_gmail=source.is_gmail,
                    all_mail=next((f.name for f in all_folders if f.special_use == "\\All"), None)
                    if source.is_gmail else None)
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
        "folders": [{"name": f.name, "messages": f.messages, "bytes": f.bytes,
                     "uidvalidity": f.uidvalidity, "special_use": f.special_use} for f in chosen],
        "not_scanned": [{"name": f.name, "messages": f.messages, "reason": "gmail-label"}
                        for f in all_folders if f not in chosen] if source.is_gmail and not folders else [],
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
                  "wasted": sum(d["wasted"] for d in found["duplicates"])},
    }

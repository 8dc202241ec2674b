"""Mail stored on this computer, scanned read-only: Thunderbird profiles (mbox "Local
Folders" and ImapMail caches), Maildir and Maildir++ folders (Evolution, KMail, mutt,
offlineimap, Dovecot), exported .mbox / .eml files; Outlook .pst/.ost by size only.

Same findings as a server scan (duplicates, large messages and attachments, old bulky mail,
senders) through analysis.analyse. Nothing is ever written: removing mail from a client's
files must be done in the client (then "Compact folders"), never behind its back.
"""

from __future__ import annotations

import email.parser
import email.policy
import os
import sys
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Iterator, Optional

from cleanup_desktop.core.mail.analysis import AnalysisOptions, analyse, decode_text
from cleanup_desktop.core.mail.confirm import confirm_duplicates
from cleanup_desktop.core.mail.sources.imap_scan import parse_header_block
from cleanup_desktop.core.mail.source import Attachment, MessageSummary
from cleanup_desktop.core.progress import Cancelled, CancelToken, ProgressEvent, Reporter

SCHEMA = "cleanup-desktop/mail-local-scan/1"
MOZ_EXPUNGED = 0x0008  # X-Mozilla-Status: deleted, space returned by "Compact"
SKIP_SUFFIXES = {".msf", ".dat", ".json", ".sqlite", ".sqlite-wal", ".sqlite-shm", ".html", ".js",
                 ".mab", ".rdf", ".txt", ".ini", ".lz4", ".baklz4", ".db", ".log", ".xml"}
HOW_TO = {
    "thunderbird": ("Thunderbird: select the messages, press Delete, empty the Trash (right-click Trash > "
                    "Empty Trash), then File > Compact Folders to give the space back. Close "
                    "Thunderbird before copying or moving its profile; this app never writes into it."),
    "mbox": ("Exported mailbox file: import it into your mail client to sort it, or delete the file itself "
             "from the disk scan once you no longer need it."),
    "eml": "Saved messages (.eml): delete the files you no longer need (they are ordinary files).",
    "maildir": ("Maildir (Evolution, KMail, mutt, offlineimap...): delete the messages in your mail client, "
                "or on the server it synchronises with, and empty its Trash; this app never writes into it."),
    "pst": ("Outlook data file (.pst): open it in Outlook, delete or archive what you no longer need, empty "
            "Deleted Items, then File > Account Settings > Data Files > Settings > Compact Now."),
    "ost": ("Outlook offline cache (.ost): a copy of your server mailbox. Never delete it by hand; clean the "
            "mailbox itself (it shrinks after Outlook syncs) or reduce 'Mail to keep offline'."),
}


def thunderbird_roots(home: Optional[Path] = None) -> list[Path]:
    home = home or Path.home()
    cands = [home / ".thunderbird", home / "snap/thunderbird/common/.thunderbird",
             home / ".var/app/org.mozilla.Thunderbird/.thunderbird",
             home / "Library/Thunderbird/Profiles"]
    appdata = os.environ.get("APPDATA")
    if appdata:
        cands.append(Path(appdata) / "Thunderbird/Profiles")
    profiles = []
    for c in cands:
        if c.is_dir():
            for p in sorted(c.iterdir()):
                if p.is_dir() and ((p / "Mail").is_dir() or (p / "ImapMail").is_dir()):
                    profiles.append(p)
    return profiles


def outlook_files(home: Optional[Path] = None) -> list[Path]:
    home = home or Path.home()
    dirs = [home / "Documents/Outlook Files", home / "AppData/Local/Microsoft/Outlook"]
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft/Outlook")
    out = []
    for d in dirs:
        if d.is_dir():
            out += [p for p in sorted(d.iterdir()) if p.suffix.lower() in (".pst", ".ost")]
    return out


def default_paths(home: Optional[Path] = None) -> list[Path]:
    return thunderbird_roots(home) + outlook_files(home)


def _is_mbox(path: Path) -> bool:
    if path.suffix.lower() in SKIP_SUFFIXES or path.name.startswith("."):
        return False
    if path.suffix.lower() == ".mbox":
        return True
    try:
        with open(path, "rb") as fh:
            head = fh.read(5)
    except OSError:
        return False
    return head == b"From " or (head == b"" and path.with_name(path.name + ".msf").exists())


def _kind(path: Path) -> str:
    parts = {p.lower() for p in path.parts}
    if "mail" in parts or "imapmail" in parts:
        return "thunderbird"
    return "mbox"


def _summary(folder: str, uid, raw_head: bytes, size: int, mtime: Optional[datetime]) -> MessageSummary:
    h = parse_header_block(raw_head)
    date = None
    try:
        date = parsedate_to_datetime(h.get("date", "")) if h.get("date") else None
        if date is not None and date.tzinfo is None:
            date = date.replace(tzinfo=timezone.utc)
    except (TypeError, ValueError, IndexError):
        date = None
    return MessageSummary(folder=folder, uid=uid, size=size, internaldate=date or mtime,
                          message_id=h.get("message-id") or None, from_=h.get("from", ""), to=h.get("to", ""),
                          date_header=h.get("date", ""), subject=h.get("subject", ""),
                          list_id=h.get("list-id", ""), list_unsubscribe=h.get("list-unsubscribe", ""))


def mime_attachments(raw: bytes) -> list[Attachment]:
    """Attachments of a full message (local files only), sizes as stored (encoded)."""
    msg = email.parser.BytesParser(policy=email.policy.default).parsebytes(raw)
    out = []
    for i, part in enumerate(msg.walk()):
        if part.is_multipart():
            continue
        ctype = part.get_content_type()
        try:
            filename = part.get_filename() or ""
        except Exception:
            filename = ""
        try:
            disp = part.get_content_disposition() or ""
        except Exception:
            disp = ""
        if filename or disp == "attachment" or not ctype.startswith("text/"):
            payload = part.get_payload()
            size = len(payload) if isinstance(payload, (str, bytes)) else 0
            name = str(filename).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            out.append(Attachment(filename=decode_text(name) or f"(unnamed {ctype})", mime=ctype,
                                  size=size, part=str(i)))
    return out


def iter_mbox(path: Path, attachment_min_size: int, stats: dict) -> Iterator[MessageSummary]:
    """Messages of an mbox file (byte offset as uid); Thunderbird-expunged ones are counted
    in stats["compactable"] instead."""
    folder = str(path)
    mtime = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    with open(path, "rb") as fh:
        start = None
        head: list[bytes] = []
        in_head = False
        offset = 0
        prev_blank = True

        def finish(end: int) -> Optional[MessageSummary]:
            assert start is not None  # a message has started when it is finished
            size = end - start
            raw_head = b"".join(head)
            hdr = parse_header_block(raw_head)
            status = hdr.get("x-mozilla-status", "")
            try:
                expunged = bool(int(status, 16) & MOZ_EXPUNGED) if status else False
            except ValueError:
                expunged = False
            if expunged:
                stats["compactable"] = stats.get("compactable", 0) + size
                return None
            m = _summary(folder, start, raw_head, size, mtime)
            LOCATIONS[(folder, start)] = (path, start, size)
            if size >= attachment_min_size:
                fh2 = open(path, "rb")
                try:
                    fh2.seek(start)
                    raw = fh2.read(size)
                finally:
                    fh2.close()
                nl = raw.find(b"\n")
                try:
                    m.attachments = mime_attachments(raw[nl + 1:])
                except Exception:
                    m.attachments = []
            return m

        for line in fh:
            if line.startswith(b"From ") and prev_blank:
                if start is not None:
                    m = finish(offset)
                    if m is not None:
                        yield m
                start = offset
                head = []
                in_head = True
            elif in_head:
                if line in (b"\n", b"\r\n"):
                    in_head = False
                else:
                    head.append(line)
            prev_blank = line in (b"\n", b"\r\n")
            offset += len(line)
        if start is not None:
            m = finish(offset)
            if m is not None:
                yield m


def _eml(path: Path, attachment_min_size: int) -> MessageSummary:
    st = path.stat()
    with open(path, "rb") as fh:
        raw = fh.read()
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    m = _summary(str(path.parent), path.name, raw[: end if end >= 0 else len(raw)], st.st_size,
                 datetime.fromtimestamp(st.st_mtime, timezone.utc))
    LOCATIONS[(str(path.parent), path.name)] = (path, 0, st.st_size)
    if st.st_size >= attachment_min_size:
        try:
            m.attachments = mime_attachments(raw)
        except Exception:
            m.attachments = []
    return m


MAILDIR_PARTS = ("cur", "new", "tmp")
MAILDIR_FLAGS = {"F": "\\Flagged", "S": "\\Seen", "R": "\\Answered", "T": "\\Deleted", "D": "\\Draft"}


def is_maildir(path: Path) -> bool:
    return all((path / d).is_dir() for d in MAILDIR_PARTS)


def _walk(paths: list[Path]) -> Iterator[Path]:
    """Files to read, and Maildir folders as directories (their cur/new/tmp are not walked)."""
    for p in paths:
        if p.is_dir():
            for dirpath, dirnames, filenames in os.walk(p):
                dirnames.sort()
                here = Path(dirpath)
                if is_maildir(here):
                    yield here
                    dirnames[:] = [d for d in dirnames if d not in MAILDIR_PARTS]  # Maildir++ .Sub folders stay
                    continue
                for name in sorted(filenames):
                    yield here / name
        else:
            yield p


def maildir_name(path: Path) -> str:
    """Folder name shown for a Maildir: Maildir++ ".Archive.2019" inside ``~/Maildir`` is
    "Maildir/Archive/2019"; the root is the folder's own name."""
    if path.name.startswith(".") and is_maildir(path.parent):
        return f"{maildir_name(path.parent)}/{path.name[1:].replace('.', '/')}"
    return str(path)


def _read_head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        data = fh.read(65536)
    end = data.find(b"\r\n\r\n")
    end = data.find(b"\n\n") if end < 0 else end
    return data[: end if end >= 0 else len(data)]


def iter_maildir(path: Path, attachment_min_size: int) -> Iterator[MessageSummary]:
    """Messages of one Maildir folder (cur/ and new/), flags from the file names (":2,FS")."""
    folder = maildir_name(path)
    for sub in ("new", "cur"):
        for entry in sorted(os.scandir(path / sub), key=lambda e: e.name):
            if not entry.is_file() or entry.name.startswith("."):
                continue
            st = entry.stat()
            p = Path(entry.path)
            m = _summary(folder, entry.name, _read_head(p), st.st_size,
                         datetime.fromtimestamp(st.st_mtime, timezone.utc))
            info = entry.name.rsplit(":2,", 1)[1] if ":2," in entry.name else ""
            m.flags = tuple(MAILDIR_FLAGS[c] for c in info if c in MAILDIR_FLAGS)
            if st.st_size >= attachment_min_size:
                try:
                    m.attachments = mime_attachments(p.read_bytes())
                except Exception:
                    m.attachments = []
            LOCATIONS[(folder, entry.name)] = (p, 0, st.st_size)
            yield m


# (folder, uid) -> (file, offset, size) of messages seen by this process's scans, to read their
# content when a duplicate candidate is confirmed (local reads cost no network)
LOCATIONS: dict[tuple, tuple[Path, int, int]] = {}


class LocalContent:
    """The content digests of core.mail.confirm for files on this computer (read-only)."""

    bytes_downloaded = 0

    def content_digests(self, folder: str, items: list[tuple]) -> dict:
        import hashlib

        out = {}
        for uid, _size in items:
            where = LOCATIONS.get((folder, uid))
            if where is None:
                continue
            path, offset, size = where
            try:
                with open(path, "rb") as fh:
                    fh.seek(offset)
                    raw = fh.read(size)
            except OSError:
                continue
            self.bytes_downloaded += len(raw)
            raw = raw.replace(b"\r\n", b"\n")
            if offset or raw.startswith(b"From "):  # mbox: the separator line is not the message
                raw = raw[raw.find(b"\n") + 1:]
            end = raw.find(b"\n\n")
            out[uid] = "b:" + hashlib.sha256(raw[end + 2:] if end >= 0 else b"").hexdigest()
        return out


def client_running() -> bool:
    try:
        import psutil

        for proc in psutil.process_iter(["name"]):
            name = (proc.info.get("name") or "").lower()
            if name.startswith("thunderbird") or name in ("outlook.exe", "outlook"):
                return True
    except Exception:
        return False
    return False


def scan_local(paths: Optional[list] = None, options: Optional[AnalysisOptions] = None, progress=None,
               cancel: Optional[CancelToken] = None) -> dict:
    """Scan local stores read-only; ``paths`` default to the Thunderbird/Outlook locations."""
    opts = options or AnalysisOptions()
    started = datetime.now(timezone.utc).isoformat()
    roots = [Path(p) for p in (paths if paths else default_paths())]
    rep = Reporter(progress, cancel)
    messages: list[MessageSummary] = []
    stores: list[dict] = []
    outlook: list[dict] = []
    errors: list[dict] = []
    cancelled = False
    try:
        for i, path in enumerate(_walk(roots)):
            rep.update(ProgressEvent("mail-local", i, None, source="local", detail=str(path)))
            suffix = path.suffix.lower()
            try:
                if path.is_dir():  # a Maildir folder (from _walk)
                    found = list(iter_maildir(path, opts.attachment_min_size))
                    messages += found
                    nbytes = sum(m.size for m in found)
                    stores.append({"path": str(path), "name": maildir_name(path), "kind": "maildir",
                                   "messages": len(found), "bytes": nbytes, "compactable": 0, "file_size": nbytes})
                elif suffix in (".pst", ".ost"):
                    kind = suffix[1:]
                    outlook.append({"path": str(path), "size": path.stat().st_size, "kind": kind,
                                    "how_to": HOW_TO[kind], "deletable": kind == "pst"})
                elif suffix == ".eml":
                    m = _eml(path, opts.attachment_min_size)
                    messages.append(m)
                    stores.append({"path": str(path), "kind": "eml", "messages": 1, "bytes": m.size,
                                   "compactable": 0, "file_size": m.size})
                elif path.is_file() and _is_mbox(path):
                    stats: dict = {}
                    found = list(iter_mbox(path, opts.attachment_min_size, stats))
                    messages += found
                    stores.append({"path": str(path), "kind": _kind(path), "messages": len(found),
                                   "bytes": sum(m.size for m in found), "compactable": stats.get("compactable", 0),
                                   "file_size": path.stat().st_size})
            except OSError as exc:
                errors.append({"path": str(path), "error": exc.strerror or str(exc)})
    except Cancelled:
        cancelled = True
    for r in roots:
        if not r.exists():
            errors.append({"path": str(r), "error": "not found"})
    result = analyse(messages, opts)
    if not cancelled:  # same content, not only the same headers (core.mail.confirm)
        result["duplicates"], _stats = confirm_duplicates(LocalContent(), result["duplicates"], 0, budget=1 << 62)
    kinds = sorted({s["kind"] for s in stores} | {o["kind"] for o in outlook})
    return {
        "schema": SCHEMA, "roots": [str(r) for r in roots], "started": started,
        "finished": datetime.now(timezone.utc).isoformat(), "cancelled": cancelled,
        "read_only": True, "client_running": client_running(),
        "stores": stores, "outlook_files": outlook,
        "duplicates": result["duplicates"], "large_messages": result["large_messages"],
        "attachments": result["attachments"], "old": result["old"], "senders": result["senders"],
        "how_to": {k: HOW_TO[k] for k in kinds}, "errors": errors,
        "stats": {"messages": result["unique_messages"], "bytes": result["unique_bytes"],
                  "compactable": sum(s["compactable"] for s in stores),
                  "outlook_bytes": sum(o["size"] for o in outlook),
                  "wasted": sum(d["wasted"] for d in result["duplicates"]), "platform": sys.platform},
    }

"""The app's log file: rotating, size-limited, and never holding secrets (no Qt here).

``setup_logging()`` is called once by the CLI and by the GUI. It writes
``cleanup-desktop.log`` in ``core.paths.log_dir()`` (1 MB, 3 backups by default). Our own
loggers (``cleanup_desktop.*``) log from INFO; third-party libraries only from WARNING
(exchangelib, httpx or imaplib at DEBUG/INFO would write request bodies and mail data).

What is logged: commands, counts, sizes, errors and tracebacks; never passwords or tokens,
never mail subjects, never file contents. The code does not pass them to the logger in the
first place, and ``RedactingFilter`` on the handler masks anything that looks like a
credential (``password=…``, ``token: …``, ``Authorization: Bearer …``, ``access_token``…)
or a ``Subject:`` header line in the message, the traceback and the stack, as a second guard.
"""

from __future__ import annotations

import logging
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Optional

from cleanup_desktop.core import paths

LOG_FILE_NAME = "cleanup-desktop.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
MASK = "[redacted]"
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_SECRET_WORDS = (r"pass(?:word|wd|phrase)?|pwd|secret|client_secret|api[_-]?key|"
                 r"(?:access|refresh|id|bearer|auth)?[_-]?token|cookie|session[_-]?id|credentials?")
_PATTERNS = [
    # Authorization: Bearer xyz / Basic xyz (header or repr of a headers dict)
    (re.compile(r"(?i)(\bauthori[sz]ation['\"]?\s*[:=]\s*['\"]?)(?:(bearer|basic|ntlm|negotiate)\s+)?[^\s'\",;}]+"),
     lambda m: f"{m.group(1)}{(m.group(2) + ' ') if m.group(2) else ''}{MASK}"),
    (re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9\-._~+/]+=*"), lambda m: f"{m.group(1)} {MASK}"),
    # password=xyz, "token": "xyz", client_secret: xyz, ?access_token=xyz&
    (re.compile(rf"(?i)(\b(?:{_SECRET_WORDS})['\"]?\s*[:=]\s*)(?:'[^']*'|\"[^\"]*\"|[^\s,;&}}\)]+)"),
     lambda m: f"{m.group(1)}{MASK}"),
    # IMAP LOGIN user password: everything after the user (a quoted password may hold spaces)
    (re.compile(r"(\bLOGIN\s+(?:\"(?:[^\"\\]|\\.)*\"|\S+)\s+)[^\r\n]+"), lambda m: f"{m.group(1)}{MASK}"),
    # A mail header line with a subject
    (re.compile(r"(?im)^(\s*(?:b['\"])?subject\s*:).*$"), lambda m: f"{m.group(1)} {MASK}"),
    # JWT-looking tokens anywhere
    (re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"), lambda m: MASK),
]


_KEYWORD = re.compile(rf"(?i)(?:{_SECRET_WORDS}|login|user(?:name)?|bearer|basic)")
_SECRETS: set[str] = set()  # secret values in use by this process (passwords), masked wherever they appear


def register_secret(value: Optional[str]) -> None:
    """Mask this exact value (and its quoted/escaped forms) in every log record from now on:
    the patterns above only see what follows a keyword, and a password may hold spaces."""
    if value and len(value) >= 3 and not _KEYWORD.fullmatch(value):  # "password" itself: the patterns mask it
        _SECRETS.add(value)
        _SECRETS.add(repr(value)[1:-1])  # as it appears inside a repr() or a traceback
        _SECRETS.add(value.replace("\\", "\\\\").replace('"', '\\"'))  # IMAP quoted string


def redact(text: str) -> str:
    for secret in sorted(_SECRETS, key=len, reverse=True):  # whole values first, spaces and all
        if secret in text:
            text = text.replace(secret, MASK)
    for pattern, repl in _PATTERNS:
        text = pattern.sub(repl, text)
    return text


class RedactingFilter(logging.Filter):
    """Masks credentials and subject lines in the message, the traceback and the stack."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        # one record, one line: a file name with a newline or ESC cannot forge log lines
        record.msg, record.args = paths.printable(redact(message)), None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def log_path() -> Path:
    return paths.log_dir() / LOG_FILE_NAME


def _ours(handler: logging.Handler) -> bool:
    return getattr(handler, "_cleanup_desktop", False)


def setup_logging(log_dir: Optional[Path] = None, max_bytes: int = MAX_BYTES, backups: int = BACKUPS,
                  level: int = logging.INFO) -> Path:
    """Attach the rotating log file to the root logger (once per process); returns its path.

    Called again with another folder (tests, a changed environment), it moves the file there.
    """
    folder = Path(log_dir) if log_dir is not None else paths.log_dir()
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for old in [h for h in root.handlers if _ours(h)]:
        if isinstance(old, RotatingFileHandler) and Path(old.baseFilename) == path and old.maxBytes == max_bytes and old.backupCount == backups:
            return path
        root.removeHandler(old)
        old.close()
    folder.mkdir(parents=True, exist_ok=True)
    # delay=True: the file is opened at the first record, so a quick CLI run that logs
    # nothing costs nothing.
    handler = RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8", delay=True)
    setattr(handler, "_cleanup_desktop", True)
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.WARNING:
        root.setLevel(logging.WARNING)  # third-party libraries: warnings and errors only
    logging.getLogger("cleanup_desktop").setLevel(level)
    logging.captureWarnings(True)
    return path


def current_log_path() -> Optional[Path]:
    """The file setup_logging() attached, if any."""
    for handler in logging.getLogger().handlers:
        if _ours(handler) and isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None

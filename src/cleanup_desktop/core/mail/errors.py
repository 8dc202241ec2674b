"""Mail errors with one clear sentence for the user (no traceback, no secret)."""

from __future__ import annotations

import errno
import socket
import ssl
from typing import Optional

from cleanup_desktop.core.messages import Reason, os_error, reason_of


class MailError(Exception):
    """An error the user can understand; ``kind`` is a machine name for the GUI."""

    def __init__(self, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.kind = kind

    @property
    def message(self) -> str:
        """The sentence: a core.messages.Reason (code + params) for the errors worded here."""
        return reason_of(self)


class AuthError(MailError):
    def __init__(self, message: str) -> None:
        super().__init__(message, "auth")


class ConnectionLost(MailError):
    """The connection dropped in the middle of an operation; nothing was half-done."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "connection-lost")


class UntrustedCertificate(MailError):
    """The server certificate is not trusted; ``fingerprint`` lets the user pin it."""

    def __init__(self, message: str, fingerprint: Optional[str] = None) -> None:
        super().__init__(message, "tls-untrusted")
        self.fingerprint = fingerprint


class FolderChanged(MailError):
    """UIDVALIDITY changed: UIDs recorded at scan time no longer mean the same messages."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "uidvalidity")


def describe_exception(exc: BaseException, host: str = "", port: Optional[int] = None) -> MailError:
    """Turn a low-level exception into a MailError with a clear message."""
    if isinstance(exc, MailError):
        return exc
    where = f"{host}:{port}" if host and port else (host or Reason("mail.the-server"))
    if isinstance(exc, socket.gaierror):
        return MailError(Reason("mail.dns", host=host), "dns")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return UntrustedCertificate(
            Reason("mail.untrusted", where=where, error=os_error(str(exc.verify_message or exc.reason))))
    if isinstance(exc, ssl.SSLError):
        return MailError(Reason("mail.tls", where=where, error=os_error(str(exc.reason or exc))), "tls")
    if isinstance(exc, ConnectionRefusedError):
        return MailError(Reason("mail.refused", where=where), "down")
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return MailError(Reason("mail.timeout", where=where), "timeout")
    if isinstance(exc, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, EOFError)):
        return ConnectionLost(Reason("mail.cut", where=where))
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return MailError(Reason("mail.unreachable", where=where), "down")
    name = type(exc).__name__
    text = str(exc) or name
    if name in ("IMAPClientAbortError", "abort") or "socket error" in text.lower() or "EOF" in text:
        return ConnectionLost(Reason("mail.cut-why", where=where, error=os_error(text)))
    if name == "LoginError":
        return AuthError(Reason("mail.auth", where=where, error=os_error(_clean(text))))
    return MailError(Reason("mail.other", where=where, error=os_error(_clean(text))))


def _clean(text: str) -> str:
    text = text.strip()
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    return text.replace("\r", " ").replace("\n", " ")[:300]

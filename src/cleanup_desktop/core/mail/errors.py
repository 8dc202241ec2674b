"""Mail errors with one clear sentence for the user (no traceback, no secret)."""

from __future__ import annotations

import errno
import socket
import ssl
from typing import Optional


class MailError(Exception):
    """An error the user can understand; ``kind`` is a machine name for the GUI."""

    def __init__(self, message: str, kind: str = "error") -> None:
        super().__init__(message)
        self.kind = kind

    @property
    def message(self) -> str:
        return str(self)


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
    where = f"{host}:{port}" if host and port else (host or "the mail server")
    if isinstance(exc, socket.gaierror):
        return MailError(
            f"Cannot find the mail server '{host}': check the server name and your internet connection.",
            "dns",
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return UntrustedCertificate(
            f"The certificate of {where} is not trusted ({exc.verify_message or exc.reason}).")
    if isinstance(exc, ssl.SSLError):
        return MailError(
            f"Secure connection to {where} failed ({exc.reason or exc}). "
            "Check the port and the security setting (SSL/TLS on 993, STARTTLS on 143).",
            "tls",
        )
    if isinstance(exc, ConnectionRefusedError):
        return MailError(
            f"The mail server {where} refused the connection: it is down or the port is wrong.",
            "down",
        )
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return MailError(f"The mail server {where} did not answer in time.", "timeout")
    if isinstance(exc, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError, EOFError)):
        return ConnectionLost(f"The connection to {where} was cut. Nothing was changed by the cut; try again.")
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return MailError(f"The mail server {where} cannot be reached from this network.", "down")
    name = type(exc).__name__
    text = str(exc) or name
    if name in ("IMAPClientAbortError", "abort") or "socket error" in text.lower() or "EOF" in text:
        return ConnectionLost(f"The connection to {where} was cut ({text}). Nothing was lost; try again.")
    if name == "LoginError":
        return AuthError(f"Sign-in to {where} failed: wrong user name or password ({_clean(text)}).")
    return MailError(f"Mail server {where}: {_clean(text)}")


def _clean(text: str) -> str:
    text = text.strip()
    if text.startswith("b'") or text.startswith('b"'):
        text = text[2:-1]
    return text.replace("\r", " ").replace("\n", " ")[:300]

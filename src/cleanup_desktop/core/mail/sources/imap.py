"""IMAP connection: TLS modes, pinned certificates, sign-in, byte counting.

``connect(settings, credentials)`` returns a logged-in :class:`CountingIMAPClient` whose
``bytes_read`` is what came from the socket. Every failure becomes a MailError with a clear
sentence (wrong password, server down, DNS, untrusted certificate...).
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import ssl
from dataclasses import dataclass, field
from typing import Callable, Optional

from imapclient import IMAPClient, exceptions as imap_exc
from imapclient.imap4 import IMAP4WithTimeout
from imapclient.tls import IMAP4_TLS

from cleanup_desktop.core.mail.errors import AuthError, ConnectionLost, MailError, UntrustedCertificate, describe_exception
from cleanup_desktop.core.messages import Reason, os_error

SECURITY_MODES = ("ssl", "starttls", "insecure-plain")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "insecure-plain": 143}


@dataclass
class ImapSettings:
    host: str
    user: str
    port: Optional[int] = None
    security: str = "ssl"
    trust_fingerprint: Optional[str] = None  # SHA-256 of a self-signed certificate the user trusts
    cafile: Optional[str] = None
    timeout: float = 30.0

    @property
    def effective_port(self) -> int:
        return self.port or DEFAULT_PORTS[self.security]

    def describe(self) -> dict:
        """Account fields for plan actions and scan results (no secret)."""
        d = {"kind": "imap", "host": self.host, "port": self.effective_port,
             "user": self.user, "security": self.security}
        if self.trust_fingerprint:  # needed to reconnect the same way when cleaning
            d["trust_fingerprint"] = self.trust_fingerprint
        if self.cafile:
            d["cafile"] = self.cafile
        return d


@dataclass
class Credentials:
    """Either a password or a callable giving a fresh OAuth2 access token (XOAUTH2)."""

    password: Optional[str] = field(default=None, repr=False)
    token_provider: Optional[Callable[[], str]] = field(default=None, repr=False)

    def __post_init__(self) -> None:
        from cleanup_desktop.core import logs

        logs.register_secret(self.password)  # never in a log line, whatever surrounds it


def normalise_fingerprint(value: str) -> str:
    text = value.strip().lower()
    if text.startswith("sha256:"):
        text = text[7:]
    text = text.replace(":", "").replace(" ", "")
    if len(text) != 64 or any(c not in "0123456789abcdef" for c in text):
        raise MailError(Reason("mail.bad-fingerprint"), "args")
    return text


def format_fingerprint(hex_digest: str) -> str:
    return ":".join(hex_digest[i:i + 2] for i in range(0, len(hex_digest), 2)).upper()


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _CountingMixin:
    """Counts every byte imaplib reads from the socket (greeting and STARTTLS included)."""

    bytes_read = 0

    def read(self, size):  # noqa: D401 - imaplib API
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readline(self):
        line = super().readline()
        self.bytes_read += len(line)
        return line

    def _get_capabilities(self):
        """imaplib always asks CAPABILITY after the greeting (a round trip); most servers
        (Dovecot, Cyrus, Gmail...) already put them in the greeting: use those."""
        greeting = self.untagged_responses.pop("CAPABILITY", None)
        if greeting and greeting[-1]:
            self.capabilities = tuple(str(greeting[-1], self._encoding).upper().split())
            return
        super()._get_capabilities()


class _PlainIMAP4(_CountingMixin, IMAP4WithTimeout):
    pass


class _TlsIMAP4(_CountingMixin, IMAP4_TLS):
    pass


class CountingIMAPClient(IMAPClient):
    def _create_IMAP4(self):
        timeout = getattr(self._timeout, "connect", None)
        if self.ssl:
            return _TlsIMAP4(self.host, self.port, self.ssl_context, timeout)
        return _PlainIMAP4(self.host, self.port, timeout)

    @property
    def bytes_read(self) -> int:
        return self._imap.bytes_read


def _context(settings: ImapSettings) -> ssl.SSLContext:
    if settings.trust_fingerprint:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE  # checked against the pinned fingerprint right after
        return ctx
    return ssl.create_default_context(cafile=settings.cafile)


def peer_fingerprint(client: IMAPClient) -> str:
    der = client.socket().getpeercert(binary_form=True)
    return hashlib.sha256(der).hexdigest()


def probe_fingerprint(settings: ImapSettings) -> Optional[str]:
    """The server certificate's SHA-256, read without trusting it (to show the user)."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        client = IMAPClient(settings.host, settings.effective_port, ssl=settings.security == "ssl",
                            ssl_context=ctx, timeout=settings.timeout)
        try:
            if settings.security == "starttls":
                client.starttls(ctx)
            return peer_fingerprint(client)
        finally:
            try:
                client.shutdown()
            except Exception:
                pass
    except Exception:
        return None


def no_delay(client: IMAPClient) -> None:
    """Turn Nagle's algorithm off: imaplib writes a command and its literal (or CRLF) in
    separate writes, and with Nagle on the second waits for the server's delayed ACK
    (~40 ms per command on Cyrus). Every command is sent whole, so nothing is lost."""
    try:
        client.socket().setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except (OSError, AttributeError):
        pass  # not a TCP socket (tests with a Unix socket...)


def open_connection(settings: ImapSettings) -> CountingIMAPClient:
    """Connect and secure the channel (no sign-in yet)."""
    if settings.security not in SECURITY_MODES:
        raise MailError(Reason("mail.bad-security", mode=settings.security), "args")
    if settings.security == "insecure-plain" and not is_loopback(settings.host):
        raise MailError(Reason("mail.plain-not-local"), "args")
    port = settings.effective_port
    ctx = _context(settings)
    try:
        client = CountingIMAPClient(settings.host, port, ssl=settings.security == "ssl",
                                    ssl_context=ctx, timeout=settings.timeout)
        no_delay(client)
        if settings.security == "starttls":
            if b"STARTTLS" not in client.capabilities():
                client.shutdown()
                raise MailError(Reason("mail.no-starttls", where=f"{settings.host}:{port}"), "tls")
            client.starttls(ctx)
    except MailError:
        raise
    except ssl.SSLCertVerificationError as exc:
        fp = probe_fingerprint(settings)
        hint = Reason("mail.fingerprint-hint", fingerprint=format_fingerprint(fp)) if fp else ""
        raise UntrustedCertificate(
            Reason("mail.untrusted-hint", where=f"{settings.host}:{port}",
                   error=os_error(str(exc.verify_message or exc.reason)), hint=hint), fp) from None
    except Exception as exc:
        raise describe_exception(exc, settings.host, port) from None
    if settings.trust_fingerprint and settings.security != "insecure-plain":
        want = normalise_fingerprint(settings.trust_fingerprint)
        got = peer_fingerprint(client)
        if got != want:
            client.shutdown()
            raise UntrustedCertificate(
                Reason("mail.fingerprint-changed", where=f"{settings.host}:{port}", fingerprint=format_fingerprint(got)), got)
    client.normalise_times = False
    client._imap.debug = 0  # imapclient logs every response line otherwise (~20 % of a scan)
    return client


def connect(settings: ImapSettings, credentials: Credentials) -> CountingIMAPClient:
    """Connect, secure and sign in; raises MailError (AuthError for a refused sign-in)."""
    client = open_connection(settings)
    where = f"{settings.host}:{settings.effective_port}"
    try:
        if credentials.token_provider is not None:
            token = credentials.token_provider()
            client.oauth2_login(settings.user, token)
        elif credentials.password is not None:
            login(client, settings.user, credentials.password)
        else:
            raise MailError(Reason("mail.no-secret"), "args")
    except MailError:
        _quiet_close(client)
        raise
    except (imap_exc.LoginError, imap_exc.IMAPClientError) as exc:
        _quiet_close(client)
        text = str(exc)
        if _connection_cut(exc):
            raise ConnectionLost(Reason("mail.cut-at-sign-in", where=where)) from None
        if credentials.token_provider is not None:
            raise AuthError(Reason("mail.token-refused", where=where, error=os_error(_short(text)))) from None
        raise AuthError(Reason("mail.wrong-password", where=where, error=os_error(_short(text)))) from None
    except Exception as exc:
        _quiet_close(client)
        raise describe_exception(exc, settings.host, settings.effective_port) from None
    return client


def _connection_cut(exc: BaseException) -> bool:
    """imapclient reports a connection cut during LOGIN as a LoginError: look at its cause."""
    import imaplib

    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, (imaplib.IMAP4.abort, OSError, EOFError)):
            return True
        text = str(exc)
        if "socket error" in text or "EOF" in text or "connection closed" in text.lower():
            return True
        cause = exc.__cause__ or exc.__context__
        if cause is None:
            break
        exc = cause
        seen += 1
    return False


def login(client: IMAPClient, user: str, password: str) -> None:
    """LOGIN for ASCII names and passwords (one round trip); otherwise AUTHENTICATE PLAIN,
    whose SASL string is UTF-8 (RFC 4616; LOGIN's strings are ASCII unless UTF8=ACCEPT)."""
    if (user + password).isascii():
        client.login(user, password)
    else:
        client.plain_login(user, password)


def _short(text: str) -> str:
    text = text.strip()
    for prefix in ("b'", 'b"'):
        if text.startswith(prefix):
            text = text[2:-1]
    return text[:200]


def _quiet_close(client: IMAPClient) -> None:
    try:
        client.shutdown()
    except Exception:
        pass


def close(client: Optional[IMAPClient], wait: bool = True) -> None:
    """LOGOUT and close. ``wait=False`` sends LOGOUT without waiting for the server's
    goodbye (saves a round trip; the server still logs a normal logout)."""
    if client is None:
        return
    if not wait:
        try:
            tag = client._imap._new_tag()
            client._imap.send(tag + b" LOGOUT\r\n")
        except Exception:
            pass
        _quiet_close(client)
        return
    try:
        client.logout()
    except Exception:
        _quiet_close(client)


def drop(client: Optional[IMAPClient]) -> None:
    """Close without a word (the connection is out of step, e.g. a cancelled read)."""
    if client is not None:
        _quiet_close(client)


def resolve_host(host: str) -> None:
    """Fail early with a clear DNS message (used by the CLI before long operations)."""
    try:
        socket.getaddrinfo(host, None)
    except socket.gaierror as exc:
        raise describe_exception(exc, host) from None

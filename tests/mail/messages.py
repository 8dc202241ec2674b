"""Generated test messages: plain, duplicates, no Message-ID, attachments, nested multipart,
RFC 2047/2231 headers, newsletters, broken MIME. Deterministic (seeded) bytes."""

from __future__ import annotations

import base64
import random
from datetime import datetime, timezone
from email.utils import format_datetime


def _b64(data: bytes) -> str:
    raw = base64.b64encode(data).decode()
    return "\r\n".join(raw[i:i + 76] for i in range(0, len(raw), 76))


def payload(n: int, seed: int = 1) -> bytes:
    return random.Random(seed).randbytes(n)


def plain(mid: str | None, subject: str = "Hello", sender: str = "Alice <alice@example.org>",
          to: str = "test@example.org", date: datetime | None = None, body: str = "Hi.\r\n",
          extra_headers: str = "") -> bytes:
    date = date or datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc)
    head = f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {format_datetime(date)}\r\n"
    if mid:
        head += f"Message-ID: {mid}\r\n"
    head += extra_headers
    return (head + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body).encode()


def with_attachment(mid: str, size: int, filename_header: str = 'filename="report.pdf"',
                    mime: str = "application/pdf", subject: str = "Report", seed: int = 2,
                    date: datetime | None = None) -> bytes:
    date = date or datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    return (
        f"From: Bob <bob@example.org>\r\nTo: test@example.org\r\nSubject: {subject}\r\n"
        f"Date: {format_datetime(date)}\r\nMessage-ID: {mid}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="BOUND"\r\n\r\n'
        "--BOUND\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nSee attached.\r\n"
        f"--BOUND\r\nContent-Type: {mime}\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Disposition: attachment; {filename_header}\r\n\r\n"
        f"{_b64(payload(size, seed))}\r\n--BOUND--\r\n"
    ).encode()


def nested(mid: str, image_size: int = 600_000) -> bytes:
    inner = plain("<inner@example.org>", "Forwarded inner", body="inner body\r\n").decode()
    return (
        "From: =?utf-8?q?Caf=C3=A9_Cr=C3=A8me?= <cafe@example.fr>\r\nTo: test@example.org\r\n"
        "Subject: =?utf-8?b?w4l0w6kgw6AgUGFyaXMg4pyI?=\r\n"
        "Date: Tue, 03 Mar 2026 08:00:00 +0100\r\n"
        f"Message-ID: {mid}\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="OUTER"\r\n\r\n'
        '--OUTER\r\nContent-Type: multipart/alternative; boundary="ALT"\r\n\r\n'
        "--ALT\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbonjour\r\n"
        "--ALT\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>bonjour</p>\r\n--ALT--\r\n"
        "--OUTER\r\nContent-Type: image/jpeg; name=\"=?utf-8?q?photo_=C3=A9t=C3=A9.jpg?=\"\r\n"
        "Content-Transfer-Encoding: base64\r\nContent-Disposition: inline\r\n\r\n"
        f"{_b64(payload(image_size, 3))}\r\n"
        "--OUTER\r\nContent-Type: message/rfc822\r\n\r\n"
        f"{inner}\r\n--OUTER--\r\n"
    ).encode()


def broken_mime(mid: str) -> bytes:
    # boundary never closed, a part without headers, 8-bit bytes in a header, bad encoded word
    return (
        b"From: =?utf-8?q?broken?= <x@example.org>\r\nTo: test@example.org\r\n"
        b"Subject: =?unknown-charset?q?=FF=FE?= caf\xe9 \xff\r\n"
        b"Date: not a date\r\nMessage-ID: " + mid.encode() + b"\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="NOPE"\r\n\r\n'
        b"--NOPE\r\n\r\nno headers here\r\n--NOPE\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n"
    )


def newsletter(i: int, list_id: str | None = None) -> bytes:
    extra = "List-Unsubscribe: <mailto:unsub@news.example.com>\r\n"
    if list_id:
        extra = f"List-Id: Team list <{list_id}>\r\n"
    return plain(f"<news-{i}-{list_id or 'n'}@news.example.com>", f"News {i}",
                 sender="Shop News <news@news.example.com>" if not list_id else "Dev <dev@example.org>",
                 body="x" * (2000 + i) + "\r\n", extra_headers=extra)


def sample_mailbox() -> dict[str, list[dict]]:
    """Folder -> messages (dicts for imapclient.multiappend: msg, flags, date)."""
    old = datetime(2019, 5, 4, 12, 0, tzinfo=timezone.utc)
    dup = plain("<dup-1@example.org>", "Duplicate me")
    nomid = plain(None, "No id here", date=datetime(2026, 1, 5, 7, 0, tzinfo=timezone.utc))
    attach = with_attachment("<att-1@example.org>", 700_000,
                             "filename*=utf-8''r%C3%A9sum%C3%A9%20%C3%A9t%C3%A9.pdf")
    inbox = [
        {"msg": dup, "flags": [b"\\Seen"]},
        {"msg": dup},  # same folder duplicate, unread
        {"msg": nomid, "flags": [b"\\Flagged"]},
        {"msg": nomid},
        {"msg": plain("<dup-1@example.org>", "Duplicate me", body="different body, same id\r\n")},
        {"msg": attach},
        {"msg": nested("<nested-1@example.org>")},
        {"msg": broken_mime("<broken-1@example.org>"), "flags": [b"\\Answered"]},
        {"msg": with_attachment("<old-1@example.org>", 300_000, 'filename="old.zip"',
                                "application/zip", "Old archive", seed=5, date=old), "date": old},
    ]
    inbox += [{"msg": newsletter(i)} for i in range(5)]
    inbox += [{"msg": newsletter(i, "dev.lists.example.org")} for i in range(4)]
    archive = [{"msg": dup, "flags": [b"\\Seen"]}, {"msg": attach}]
    return {"INBOX": inbox, "Archive": archive, "Été 2026": [{"msg": plain("<ete@example.org>", "Été")}]}


def seed(client, mailbox: dict[str, list[dict]]) -> None:
    for folder, msgs in mailbox.items():
        if folder.upper() != "INBOX" and not client.folder_exists(folder):
            client.create_folder(folder)
        # every message with a flag list: imapclient sends a literal right after a literal with
        # two spaces between them, which Dovecot accepts and Cyrus refuses (BAD)
        client.multiappend(folder, [m if isinstance(m, dict) and "flags" in m else
                                    {"flags": (), **(m if isinstance(m, dict) else {"msg": m})} for m in msgs])


SPECIAL_USE = (b"\\Trash", b"\\Sent", b"\\Drafts", b"\\Junk")


def reseed(server, user: str = "test", password: str = "secret", mailbox: dict | None = None):
    """A logged-in client on a local test server (a Dovecot/Cyrus object, or a Dovecot port),
    the user's own mailbox emptied and seeded with ``mailbox`` (default sample_mailbox()):
    INBOX and special-use folders emptied, the user's other folders deleted; shared, public
    and virtual folders left alone. Folder names are given Dovecot-style ("Archive") and
    spelled for the server (Cyrus: "INBOX.Archive")."""
    from imapclient import IMAPClient

    port = server if isinstance(server, int) else server.port
    spell = getattr(server, "f", lambda name: name)
    personal = getattr(server, "is_personal", lambda name: True)
    c = IMAPClient("127.0.0.1", port, ssl=False)
    c.login(user, password)
    rows = sorted(c.list_folders(), key=lambda row: -len(row[2]))  # children before parents
    for flags, _d, name in rows:
        if not personal(name) or b"\\Noselect" in flags:
            continue
        if name.upper() == "INBOX" or any(f in SPECIAL_USE for f in flags):
            c.select_folder(name)
            uids = c.search(["ALL"])
            if uids:
                c.delete_messages(uids)
                c.expunge()
            c.close_folder()
        else:
            c.delete_folder(name)
    seed(c, {spell(k): v for k, v in (mailbox or sample_mailbox()).items()})
    return c

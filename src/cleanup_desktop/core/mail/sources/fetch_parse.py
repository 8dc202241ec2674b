"""UID FETCH over a compact UID set, with a fast parser for the scan's fixed item list.

imapclient's general parser costs ~60 % of a scan's time; the scan asks for a known set of
items (UID, RFC822.SIZE, INTERNALDATE, FLAGS, one BODY[HEADER.FIELDS] literal, X-GM-MSGID),
which regular expressions read directly. Anything unexpected falls back to imapclient's
parser for the whole batch, so odd servers are still read correctly.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from imapclient.response_parser import parse_fetch_response

_UID = re.compile(rb"\bUID (\d+)")
_SIZE = re.compile(rb"\bRFC822\.SIZE (\d+)")
_DATE = re.compile(rb'\bINTERNALDATE "\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)"')
_FLAGS = re.compile(rb"\bFLAGS \(([^)]*)\)")
_GM = re.compile(rb"\bX-GM-MSGID (\d+)")
_LITERAL_KEY = re.compile(rb"(BODY\[HEADER[^\]]*\]) \{\d+\}$")
_NIL_HEADER = re.compile(rb"(BODY\[HEADER[^\]]*\]) (?:NIL|\"\")")
_MONTHS = {m: i for i, m in enumerate((b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug",
                                        b"sep", b"oct", b"nov", b"dec"), 1)}


class _Unexpected(Exception):
    pass


def _date(m) -> datetime:
    d, mon, y, hh, mm, ss, sign, oh, om = m.groups()
    offset = timedelta(hours=int(oh), minutes=int(om))
    dt = datetime(int(y), _MONTHS[mon.lower()], int(d), int(hh), int(mm), int(ss), tzinfo=timezone.utc)
    return dt - offset if sign == b"+" else dt + offset


# the usual shape (Dovecot, Cyrus, most servers answer in the order asked): one match
_USUAL = re.compile(rb'\d+ \(UID (\d+) RFC822\.SIZE (\d+) INTERNALDATE "\s?(\d{1,2})-([A-Za-z]{3})-(\d{4}) '
                    rb'(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)" FLAGS \(([^)]*)\) (BODY\[HEADER[^\]]*\]) \{\d+\}$')


def _usual(head: bytes, literal: bytes, tail: bytes):
    m = _USUAL.match(head)
    if m is None or tail != b")":
        return None
    uid, size, d, mon, y, hh, mm, ss, sign, oh, om, flags, key = m.groups()
    dt = datetime(int(y), _MONTHS[mon.lower()], int(d), int(hh), int(mm), int(ss), tzinfo=timezone.utc)
    offset = timedelta(hours=int(oh), minutes=int(om))
    return int(uid), {b"RFC822.SIZE": int(size), b"INTERNALDATE": dt - offset if sign == b"+" else dt + offset,
                      b"FLAGS": tuple(flags.split()), key: literal}


def _one(text: bytes, literal) -> tuple[int, dict]:
    m = _UID.search(text)
    if m is None:
        raise _Unexpected()
    out: dict = {}
    if (s := _SIZE.search(text)) is not None:
        out[b"RFC822.SIZE"] = int(s.group(1))
    if (s := _DATE.search(text)) is not None:
        out[b"INTERNALDATE"] = _date(s)
    if (s := _FLAGS.search(text)) is not None:
        out[b"FLAGS"] = tuple(s.group(1).split())
    if (s := _GM.search(text)) is not None:
        out[b"X-GM-MSGID"] = int(s.group(1))
    if literal is not None:
        out[literal[0]] = literal[1]
    elif (s := _NIL_HEADER.search(text)) is not None:
        out[s.group(1)] = b""
    return int(m.group(1)), out


def fast_parse(data: list) -> dict[int, dict]:
    """Parse untagged FETCH data as imaplib returns it (tuples for literals)."""
    result: dict[int, dict] = {}
    n = len(data)
    i = 0
    while i + 1 < n and isinstance(data[i], tuple) and isinstance(data[i + 1], bytes):
        got = _usual(data[i][0], data[i][1], data[i + 1])
        if got is None:
            break
        result[got[0]] = got[1]
        i += 2
    if i:
        data = data[i:]
    text = b""
    literal = None
    for item in data:
        if isinstance(item, tuple):
            if literal is not None:
                raise _Unexpected()  # two literals in one response: not our item list
            head, body = item
            k = _LITERAL_KEY.search(head)
            if k is None:
                raise _Unexpected()
            text += head
            literal = (k.group(1), body)
            continue
        if item is None:
            continue
        if text and literal is not None and not item.startswith(b" ") and not item.startswith(b")"):
            raise _Unexpected()
        text += item
        if text.endswith(b")"):
            uid, fields = _one(text, literal)
            result[uid] = fields
            text = b""
            literal = None
    if text:
        raise _Unexpected()
    return result


_LITERAL_END = re.compile(rb"\{(\d+)\}\r\n$")


class FetchFailed(Exception):
    """The server answered NO/BAD to a FETCH."""


def send_command(imap, command: bytes) -> bytes:
    """Send one command without waiting for its answer (several may be in flight:
    pipelining, RFC 3501 5.5); returns its tag. Read the answer with read_tagged."""
    tag = imap._new_tag()
    imap.send(tag + b" " + command + b"\r\n")
    imap.tagged_commands.pop(tag, None)
    return tag


def send_fetch(imap, uidset: str, items: list[str]) -> bytes:
    """Send UID FETCH without waiting (several may be in flight: pipelining); returns the tag."""
    return send_command(imap, b"UID FETCH " + uidset.encode("ascii") + b" (" + " ".join(items).encode("ascii") + b")")


def raw_fetch(imap, uidset: str, items: list[str]) -> list:
    """Send UID FETCH and read the untagged FETCH data straight from imaplib's reader."""
    return read_fetch(imap, send_fetch(imap, uidset, items))


def read_tagged(imap, tag: bytes, on_fetch=None) -> tuple[bool, bytes, list[bytes]]:
    """Read the answer to the command ``tag``: (OK?, the completion text, other untagged
    lines). Each untagged FETCH goes to ``on_fetch(items)`` as it arrives, in the shape
    imaplib would return it (tuples for literals), skipping imaplib's per-line machinery."""
    read = imap.read
    prefix = tag + b" "
    other: list[bytes] = []

    def readline() -> bytes:
        line = imap.readline()
        if not line.endswith(b"\n"):  # nothing, or a line cut short: the connection was cut
            raise EOFError("connection closed by the server")
        return line

    while True:
        line = readline()
        if line.startswith(prefix):
            rest = line[len(prefix):].rstrip(b"\r\n")
            return rest[:2] == b"OK", rest, other
        if not line.startswith(b"* "):
            raise EOFError(f"unexpected line from the server: {line[:60]!r}")
        fetching = b" FETCH " in line[:40]
        if fetching:  # imaplib's shape: b"SEQ (..." without the word FETCH
            line = line[2:].replace(b" FETCH ", b" ", 1)
        items: list = []
        while True:
            m = _LITERAL_END.search(line)
            if m is None:
                items.append(line.rstrip(b"\r\n"))
                break
            size = int(m.group(1))
            literal = read(size)
            if len(literal) < size:
                raise EOFError("connection closed by the server")
            items.append((line.rstrip(b"\r\n"), literal))
            line = readline()
        if not fetching:
            other.append(b"".join(i if isinstance(i, bytes) else i[0] + i[1] for i in items))
        elif on_fetch is not None:
            on_fetch(items)


def read_fetch(imap, tag: bytes) -> list:
    """The untagged FETCH data answering ``tag`` (FetchFailed on NO/BAD). Other untagged
    responses (EXISTS, EXPUNGE...) are ignored: the folder is read-only here."""
    data: list = []
    ok, text, _other = read_tagged(imap, tag, data.extend)
    if not ok:
        raise FetchFailed((tag + b" " + text).decode("utf-8", "replace"))
    return data


def parse_raw(data: list) -> dict:
    try:
        return fast_parse(data)
    except (_Unexpected, ValueError, KeyError):
        return parse_fetch_response(data, False, True)


def fetch_uidset(client, uidset: str, items: list[str], fast: bool = True) -> dict:
    """UID FETCH ``uidset`` (e.g. "1:500,502") returning {uid: {item: value}} like imapclient."""
    imap = client._imap
    if fast:
        try:
            data = raw_fetch(imap, uidset, items)
        except FetchFailed as exc:
            raise client.Error(f"fetch failed: {exc}") from None
        try:
            return fast_parse(data)
        except (_Unexpected, ValueError, KeyError):
            return parse_fetch_response(data, False, True)
    tag = imap._command("UID", "FETCH", uidset, "(" + " ".join(items) + ")")
    typ, data = imap._command_complete("FETCH", tag)
    client._checkok("fetch", typ, data)
    typ, data = imap._untagged_response(typ, data, "FETCH")
    return parse_fetch_response(data, False, True)

"""Protocol-independent findings on plain records (Gmail labels, keys, senders, structures)."""

from __future__ import annotations

from datetime import datetime, timezone

from cleanup_desktop.core.mail.analysis import AnalysisOptions, analyse, decode_text, duplicate_key
from cleanup_desktop.core.mail.sources.imap_scan import parse_bodystructure, parse_header_block, uid_ranges
from cleanup_desktop.core.mail.source import MessageSummary
from imapclient.response_types import BodyData


def m(folder, uid, size=1000, mid="<a@x>", gm=None, **kw):
    return MessageSummary(folder=folder, uid=uid, size=size, message_id=mid, gm_msgid=gm, **kw)


def test_gmail_labels_are_one_message_not_duplicates():
    recs = [m("INBOX", 5, gm=111), m("[Gmail]/All Mail", 9, gm=111), m("Work", 2, gm=111),
            # a real duplicate: another Gmail message with the same Message-ID and size
            m("[Gmail]/All Mail", 12, gm=222), m("Old", 3, gm=222)]
    r = analyse(recs, is_gmail=True, all_mail="[Gmail]/All Mail")
    assert r["unique_messages"] == 2 and r["unique_bytes"] == 2000
    assert len(r["duplicates"]) == 1
    copies = r["duplicates"][0]["copies"]
    assert len(copies) == 2
    # each copy is represented by its All Mail record and lists its labels
    assert {c["uid"] for c in copies} == {9, 12}
    assert all(c["folder"] == "[Gmail]/All Mail" for c in copies)
    assert sorted(copies[0]["labels"] + copies[1]["labels"]) == sorted(
        ["INBOX", "[Gmail]/All Mail", "Work", "[Gmail]/All Mail", "Old"])
    # without the Gmail flag the same records are five copies of one message
    assert len(analyse(recs)["duplicates"][0]["copies"]) == 5


def test_keep_rule_inbox_then_oldest_uid():
    recs = [m("Archive", 1), m("INBOX", 40), m("INBOX", 7), m("Zed", 2)]
    copies = analyse(recs)["duplicates"][0]["copies"]
    assert [(c["folder"], c["uid"]) for c in copies] == [("INBOX", 7), ("INBOX", 40), ("Archive", 1), ("Zed", 2)]


def test_duplicate_key_without_message_id_uses_headers():
    a = MessageSummary("INBOX", 1, 10, from_="a@x", to="b@y", date_header="d", subject="s")
    b = MessageSummary("INBOX", 2, 10, from_="a@x", to="b@y", date_header="d", subject="s")
    c = MessageSummary("INBOX", 3, 10, from_="a@x", to="b@y", date_header="d", subject="other")
    assert duplicate_key(a) == duplicate_key(b) != duplicate_key(c)
    assert duplicate_key(m("I", 1, mid=" <id@x>\r\n")) == "<id@x>"


def test_old_and_senders():
    now = datetime(2026, 11, 25, tzinfo=timezone.utc)
    old = datetime(2023, 1, 1, tzinfo=timezone.utc)
    recs = [m("I", i, 300_000, mid=f"<{i}@x>", internaldate=old, from_="N <n@shop.example>",
              list_unsubscribe="<mailto:u@x>") for i in range(3)]
    recs.append(m("I", 9, 300_000, mid="<9@x>", internaldate=now, from_="n@shop.example"))
    r = analyse(recs, AnalysisOptions(old_months=12, old_min_size=200_000), now=now)
    assert [o["uid"] for o in r["old"]] == [0, 1, 2]
    keys = {s["key"]: s["messages"] for s in r["senders"]}
    assert keys == {"newsletter:n@shop.example": 3}


def test_header_parsing_and_decoding():
    raw = (b"Message-ID: <x@y>\r\nSubject: =?utf-8?q?Caf=C3=A9?=\r\n  suite\r\nFrom: a@b\r\n"
           b"Subject: second\r\nTo: caf\xe9@x\r\n\r\n")
    h = parse_header_block(raw)
    assert h["message-id"] == "<x@y>" and h["subject"] == "=?utf-8?q?Caf=C3=A9?= suite"
    assert decode_text(h["subject"]) == "Café suite" and h["to"] == "café@x"
    assert decode_text("=?bogus-charset?q?=FF?= ok") and decode_text("") == ""
    assert uid_ranges([5, 1, 2, 3, 9, 10]) == "1:3,5,9:10"


def test_bodystructure_nested_and_rfc2231():
    pdf = (b"application", b"pdf", None, None, None, b"base64", 1000, None,
           (b"attachment", (b"filename*", b"utf-8''r%C3%A9sum%C3%A9.pdf")), None)
    text = (b"text", b"plain", (b"charset", b"utf-8"), None, None, b"7bit", 10, 1, None, None, None)
    html = (b"text", b"html", (b"charset", b"utf-8"), None, None, b"7bit", 20, 1, None, None, None)
    alt = BodyData.create((text, html, b"alternative", None, None, None))
    img = (b"image", b"png", (b"name", b"=?utf-8?q?=C3=A9.png?="), None, None, b"base64", 500, None, None, None)
    bs = BodyData.create((alt, pdf, img, b"mixed", (b"boundary", b"X"), None, None))
    atts = parse_bodystructure(bs)
    assert [(a.filename, a.mime, a.size, a.part) for a in atts] == [
        ("résumé.pdf", "application/pdf", 1000, "2"), ("é.png", "image/png", 500, "3")]
    single = BodyData.create(text)
    assert parse_bodystructure(single) == []
    assert parse_bodystructure(BodyData.create((b"garbage",))) == []


def test_sender_address_fast_path_matches_parseaddr():
    from email.utils import parseaddr

    from cleanup_desktop.core.mail.analysis import sender_address

    for raw in ["Alice <Alice@Example.org>", "bob@example.org", '"Doe, J" <j@x.fr>',
                "=?utf-8?q?Caf=C3=A9?= <cafe@example.fr>", "<only@angle.org>", "broken <",
                "group: a@b.c;", ""]:
        expect = parseaddr(decode_text(raw))[1].lower() or decode_text(raw).lower()
        assert sender_address(raw) == expect, raw


class _GmailLike:
    """A MailSource over records in memory (the Gmail folder logic; no Gmail server here)."""

    kind = "imap"
    label = "me@gmail.com"
    bytes_downloaded = 0
    is_gmail = True

    def __init__(self, records):
        self.records = records
        self.read = []

    def connect(self):
        pass

    def close(self):
        pass

    def list_folders(self):
        from cleanup_desktop.core.mail.source import FolderInfo

        special = {"[Gmail]/All Mail": "\\All", "[Gmail]/Trash": "\\Trash", "[Gmail]/Spam": "\\Junk",
                   "[Gmail]/Sent Mail": "\\Sent"}
        names = sorted({r.folder for r in self.records} | set(special))
        return [FolderInfo(n, sum(1 for r in self.records if r.folder == n), special_use=special.get(n)) for n in names]

    def iter_messages(self, folder, attachment_min_size, on_batch=None):
        self.read.append(folder.name)
        for r in self.records:
            if r.folder == folder.name:
                folder.bytes += r.size
                yield r

    def quota(self):
        return None

    def describe(self):
        return {"kind": "imap", "host": "imap.gmail.com", "port": 993, "user": "me@gmail.com", "security": "ssl"}


def test_gmail_scan_reads_all_mail_trash_and_spam_only():
    from cleanup_desktop.core.mail.scan import scan_mailbox

    recs = [m("INBOX", 1, gm=1), m("[Gmail]/All Mail", 10, gm=1), m("Work", 3, gm=1),
            m("[Gmail]/All Mail", 11, mid="<b@x>", gm=2), m("[Gmail]/Trash", 4, mid="<c@x>", gm=3),
            m("[Gmail]/Sent Mail", 5, mid="<d@x>", gm=4), m("[Gmail]/All Mail", 12, mid="<d@x>", gm=4)]
    src = _GmailLike(recs)
    r = scan_mailbox(src)
    assert sorted(src.read) == ["[Gmail]/All Mail", "[Gmail]/Spam", "[Gmail]/Trash"]
    assert r["stats"]["messages"] == 4 and r["duplicates"] == []
    assert {f["name"] for f in r["not_scanned"]} == {"INBOX", "Work", "[Gmail]/Sent Mail"}
    # an explicit folder list is honoured as given, labels deduplicated by X-GM-MSGID
    src = _GmailLike(recs)
    r = scan_mailbox(src, folders=["INBOX", "Work", "[Gmail]/All Mail"])
    assert sorted(src.read) == ["INBOX", "Work", "[Gmail]/All Mail"] and r["stats"]["messages"] == 3
    assert r["duplicates"] == [] and r["not_scanned"] == []


def test_fast_fetch_parser_other_server_shapes_match_imapclient():
    """Orders and forms other servers use (FLAGS first, X-GM-MSGID after the literal, NIL or
    empty header, no literal at all): same result as imapclient's general parser."""
    from imapclient.response_parser import parse_fetch_response

    from cleanup_desktop.core.mail.sources.fetch_parse import fast_parse

    key = b"BODY[HEADER.FIELDS (MESSAGE-ID FROM)]"
    data = [
        (b'7 (FLAGS (\\Seen $Label1) UID 70 INTERNALDATE " 5-Mar-2026 08:00:00 -0130" RFC822.SIZE 1234 '
         + key + b" {21}", b"Message-ID: <a@b>\r\n\r\n"),
        b" X-GM-MSGID 1600000000000000001)",
        (b'8 (UID 80 RFC822.SIZE 99 INTERNALDATE "25-Nov-2026 11:53:44 +0100" FLAGS () ' + key + b" {2}",
         b"\r\n"),
        b")",
        b'9 (UID 90 RFC822.SIZE 5 INTERNALDATE "01-Jan-2020 00:00:00 +0000" FLAGS (\\Deleted) ' + key + b' "")',
    ]
    fast = fast_parse(list(data))
    slow = parse_fetch_response(list(data), False, True)
    assert sorted(fast) == sorted(slow) == [70, 80, 90]
    for uid in slow:
        for k, v in slow[uid].items():
            if k in (b"SEQ", b"UID"):
                continue
            assert fast[uid][k] == v, (uid, k)

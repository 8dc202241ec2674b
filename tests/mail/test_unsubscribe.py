"""Unsubscribe (RFC 2369 targets, RFC 8058 one-click behind DKIM): DKIM is checked by dkimpy
against a local DNS stub (no network), the POST goes to an in-process transport, and the
message is read back from a real Dovecot mailbox where the scan found the sender."""

import base64
from datetime import datetime, timedelta, timezone

import dkim
import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
from cleanup_desktop.core.mail.scan import scan_mailbox
from cleanup_desktop.core.mail.unsubscribe import (UnsubscribeError, check_one_click, older_items,
                                                   one_click_unsubscribe, post_one_click, targets)

URL = "https://news.example.com/u/abc123"


@pytest.fixture(scope="module")
def key():
    k = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                          serialization.NoEncryption())
    pub = k.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(pub)
    return pem, record


def dns_stub(record):
    def dnsfunc(name, timeout=5):
        return record if name == b"sel._domainkey.example.com." else None
    return dnsfunc


def message(post=True, unsub=URL, date="Mon, 01 Jan 2024 10:00:00 +0000"):
    lines = [b"From: News <news@example.com>", b"To: anne@example.org", b"Subject: Weekly deals",
             b"Date: " + date.encode(), b"Message-ID: <w1@example.com>",
             b"List-Unsubscribe: <mailto:unsub@example.com?subject=stop>, <" + unsub.encode() + b">"]
    if post:
        lines.append(b"List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    return b"\r\n".join(lines) + b"\r\n\r\nHello, here are this week's deals.\r\n"


def sign(msg, key, headers=(b"from", b"to", b"subject", b"list-unsubscribe", b"list-unsubscribe-post")):
    sig = dkim.sign(msg, b"sel", b"example.com", key[0], include_headers=list(headers))
    return sig + msg


def test_targets_keep_only_mailto_and_https():
    value = "<mailto:u@x.org>, <http://x.org/u>, <https://x.org/u>,\r\n <javascript:alert(1)>, <mailto:nothing>"
    assert targets(value) == ["mailto:u@x.org", "https://x.org/u"]
    assert targets("") == [] and targets("https://no-brackets.example") == []


def test_a_valid_signature_covering_both_headers_passes(key):
    check_one_click(sign(message(), key), URL, dns_stub(key[1]))


def test_a_signature_not_covering_the_post_header_is_refused(key):
    raw = sign(message(), key, headers=(b"from", b"to", b"subject", b"list-unsubscribe"))
    with pytest.raises(UnsubscribeError, match="does not cover"):
        check_one_click(raw, URL, dns_stub(key[1]))


def test_a_forged_target_breaks_the_signature(key):
    raw = sign(message(), key).replace(URL.encode(), b"https://evil.example.net/x")
    with pytest.raises(UnsubscribeError, match="does not offer"):
        check_one_click(raw, URL, dns_stub(key[1]))
    with pytest.raises(UnsubscribeError, match="does not verify"):
        check_one_click(raw, "https://evil.example.net/x", dns_stub(key[1]))


def test_no_post_header_or_no_signature_means_no_one_click(key):
    with pytest.raises(UnsubscribeError, match="does not offer"):
        check_one_click(sign(message(post=False), key), URL, dns_stub(key[1]))
    with pytest.raises(UnsubscribeError, match="no DKIM signature"):
        check_one_click(message(), URL, dns_stub(key[1]))
    with pytest.raises(UnsubscribeError, match="does not verify"):  # unknown key in DNS
        check_one_click(sign(message(), key), URL, lambda name, timeout=5: None)


def test_the_post_is_rfc8058_and_carries_nothing_else():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    assert post_one_click(URL, transport=httpx.MockTransport(handler)) == 200
    (req,) = seen
    assert req.method == "POST" and str(req.url) == URL and req.content == b"List-Unsubscribe=One-Click"
    assert req.headers["content-type"] == "application/x-www-form-urlencoded"
    assert "cookie" not in req.headers and "authorization" not in req.headers
    with pytest.raises(UnsubscribeError, match="answered 500"):
        post_one_click(URL, transport=httpx.MockTransport(lambda r: httpx.Response(500)))


def test_older_items_by_months():
    now = datetime(2026, 12, 6, tzinfo=timezone.utc)
    sender = {"items": [{"uid": 1, "date": (now - timedelta(days=400)).isoformat()},
                        {"uid": 2, "date": (now - timedelta(days=20)).isoformat()}, {"uid": 3, "date": ""}]}
    assert [i["uid"] for i in older_items(sender, 6, now)] == [1]
    assert [i["uid"] for i in older_items(sender, 0, now)] == [1, 2]


def test_scan_offers_it_and_the_click_checks_the_real_message(mailbox, settings, creds, key):
    """IMAP end to end: the scan fetches List-Unsubscribe(-Post) headers only; the click reads
    the one message back from Dovecot, checks DKIM, and POSTs."""
    mailbox.select_folder("INBOX")
    for n in range(3):
        mailbox.append("INBOX", sign(message(date=f"Mon, 0{n + 1} Jan 2024 10:00:00 +0000").replace(
            b"<w1@", b"<w%d@" % (n + 10)), key))
    source = ImapSource(settings, creds)
    result = scan_mailbox(source, ["INBOX"])
    sender = next(s for s in result["senders"] if "news@example.com" in s["key"])
    offer = sender["unsubscribe"]
    assert offer["targets"] == ["mailto:unsub@example.com?subject=stop", URL] and offer["one_click"] == URL
    posts = []
    source = ImapSource(settings, creds)
    source.connect()
    try:
        status = one_click_unsubscribe(source, sender, dns_stub(key[1]),
                                       transport=httpx.MockTransport(lambda r: posts.append(r) or httpx.Response(202)))
    finally:
        source.close()
    assert status == 202 and len(posts) == 1
    assert all(i.get("date") for i in sender["items"])


def test_graph_and_ews_summaries_carry_the_post_header():
    """Graph returns the headers as named Internet-header properties; EWS-like header lists go
    through remote_items.apply_headers: both fill List-Unsubscribe-Post."""
    from cleanup_desktop.core.mail.sources.graph import PROP_LIST_UNSUB, PROP_LIST_UNSUB_POST, summary_from_message
    from cleanup_desktop.core.mail.sources.remote_items import apply_headers
    from cleanup_desktop.core.mail.source import MessageSummary

    item = {"id": "AAMk1", "receivedDateTime": "2024-01-02T10:00:00Z", "subject": "Deals",
            "from": {"emailAddress": {"name": "News", "address": "news@example.com"}},
            "singleValueExtendedProperties": [
                {"id": PROP_LIST_UNSUB, "value": f"<{URL}>"},
                {"id": PROP_LIST_UNSUB_POST, "value": "List-Unsubscribe=One-Click"}]}
    m = summary_from_message(item, "Inbox")
    assert m.list_unsubscribe == f"<{URL}>" and m.list_unsubscribe_post == "List-Unsubscribe=One-Click"
    m2 = MessageSummary(folder="Inbox", uid="x", size=1)
    apply_headers(m2, [("List-Unsubscribe", f"<{URL}>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")])
    assert m2.list_unsubscribe_post == "List-Unsubscribe=One-Click"

"""Scanning real servers (Dovecot and Cyrus): findings, read-only guarantee, bytes read, TLS,
errors, cancel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import re
import time

import pytest

from conftest import snapshot
from cleanup_desktop.core.mail.errors import AuthError, ConnectionLost, MailError, UntrustedCertificate
from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings, format_fingerprint
from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
from cleanup_desktop.core.mail.scan import SCHEMA, scan_mailbox
from cleanup_desktop.core.progress import CancelToken

SERVERS = ("dovecot", "cyrus")  # every test here runs on both (see conftest.py)


def _scan(settings, creds, **kw):
    return scan_mailbox(ImapSource(settings, creds, batch=kw.pop("batch", 1000)), **kw)


def _no_recent(snap):
    return {k: (tuple(f for f in flags if f != b"\\Recent"), size) for k, (flags, size) in snap.items()}


def _logouts(server) -> list[str]:
    return [ln for ln in server.log_text().splitlines() if "Logged out" in ln]


def test_scan_findings_and_nothing_changes(mailbox, settings, creds, server):
    f = server.f
    before = _no_recent(snapshot(mailbox))
    seen = len(_logouts(server))
    r = _scan(settings, creds)
    after = _no_recent(snapshot(mailbox))
    assert before == after  # no \Seen or any other flag set, nothing moved
    if server.kind == "dovecot":  # Dovecot's log counts what it sent
        deadline = time.monotonic() + 5
        while len(_logouts(server)) <= seen and time.monotonic() < deadline:
            time.sleep(0.05)
        mine = [ln for ln in _logouts(server)[seen:] if "hdr_count=21 " in ln]
        # bodies only of the duplicate candidates, to confirm them by content, within the budget
        assert mine and all(int(re.search(r"body_bytes=(\d+)", ln).group(1)) <= r["stats"]["confirm_bytes"]
                            for ln in mine)
    assert 0 < r["stats"]["confirm_bytes"] <= r["stats"]["confirm_budget"]
    assert r["stats"]["unconfirmed_groups"] == 0
    root = "User quota" if server.kind == "dovecot" else "INBOX"
    assert r["quota"] == {"root": root, "used": pytest.approx(r["stats"]["bytes"], abs=2048),
                          "limit": 100 * 1024 * 1024}
    assert r["schema"] == SCHEMA and r["cancelled"] is False
    folders = {f["name"]: f for f in r["folders"]}
    assert folders["INBOX"]["messages"] == 18 and folders[f("Archive")]["messages"] == 2
    assert folders[f("Été 2026")]["messages"] == 1
    assert folders[f("Trash")]["special_use"] == "\\Trash" and r["trash_folder"] == f("Trash")
    assert r["stats"]["messages"] == 21
    assert r["stats"]["bytes"] == sum(f["bytes"] for f in r["folders"]) == sum(s for s in (v[1] for v in before.values()))

    dups = {d["key"]: d for d in r["duplicates"]}
    # same Message-ID and size: two in INBOX and one in Archive; the INBOX copy with the oldest UID first
    d1 = dups["<dup-1@example.org>"]
    inbox_uids = [c["uid"] for c in d1["copies"] if c["folder"] == "INBOX"]
    assert (d1["copies"][0]["folder"], d1["copies"][0]["uid"]) == ("INBOX", min(inbox_uids))
    assert sorted(c["folder"] for c in d1["copies"]) == sorted([f("Archive"), "INBOX", "INBOX"])
    assert d1["wasted"] == 2 * d1["size"]
    # same Message-ID with another size is not a duplicate
    assert all(c["size"] == d1["size"] for c in d1["copies"])
    # no Message-ID: matched on the header hash
    hashed = [d for d in r["duplicates"] if d["key"].startswith("hash:")]
    assert len(hashed) == 1 and len(hashed[0]["copies"]) == 2
    assert [c["folder"] for c in dups["<att-1@example.org>"]["copies"]] == ["INBOX", f("Archive")]
    assert len(r["duplicates"]) == 3

    names = {(a["folder"], a["filename"], a["mime"]) for a in r["attachments"]}
    assert ("INBOX", "résumé été.pdf", "application/pdf") in names  # RFC 2231
    assert (f("Archive"), "résumé été.pdf", "application/pdf") in names
    assert ("INBOX", "photo été.jpg", "image/jpeg") in names  # RFC 2047 inside nested multipart
    pdf = next(a for a in r["attachments"] if a["filename"] == "résumé été.pdf")
    assert 700_000 * 4 // 3 <= pdf["size"] < pdf["message_size"]
    subjects = {d["subject"] for d in r["duplicates"]}
    assert "Duplicate me" in subjects
    old = r["old"]
    assert [o["subject"] for o in old] == ["Old archive"] and old[0]["date"].startswith("2019-05-04")
    senders = {s["key"]: s for s in r["senders"]}
    assert senders["newsletter:news@news.example.com"]["messages"] == 5
    assert senders["list:dev.lists.example.org"]["messages"] == 4
    # headers, plus the candidates' content: far less than the mailbox was read from the socket
    assert 0 < r["stats"]["bytes_downloaded"] - r["stats"]["confirm_bytes"] < 0.02 * r["stats"]["bytes"]
    assert r["stats"]["bytes_downloaded"] < 0.05 * r["stats"]["bytes"]


def test_nested_and_broken_mime_are_scanned(mailbox, settings, creds):
    opts_small = __import__("cleanup_desktop.core.mail.analysis", fromlist=["AnalysisOptions"]).AnalysisOptions(
        attachment_min_size=1, large_min_size=1)
    r = _scan(settings, creds, options=opts_small, folders=["INBOX"])
    by_uid = {}
    for a in r["attachments"]:
        by_uid.setdefault(a["uid"], []).append(a)
    nested = next(u for u, lst in by_uid.items() if any(a["filename"] == "photo été.jpg" for a in lst))
    kinds = sorted(a["mime"] for a in by_uid[nested])
    assert kinds == ["image/jpeg", "message/rfc822"]  # text parts of multipart/alternative are not attachments
    subjects = {m["subject"] for m in r["large_messages"]}
    assert "Été à Paris ✈" in subjects  # RFC 2047 base64 subject decoded
    broken = next(m for m in r["large_messages"] if "caf" in m["subject"])
    assert broken["from"] == "broken <x@example.org>"
    assert [f["name"] for f in r["folders"]] == ["INBOX"]


def test_unknown_folder_is_a_clear_error(mailbox, settings, creds):
    with pytest.raises(MailError, match="No such folder on the server: Nope"):
        _scan(settings, creds, folders=["Nope", "INBOX"])


def test_wrong_password(mailbox, settings):
    with pytest.raises(AuthError, match="wrong user name or password"):
        _scan(settings, Credentials(password="bad"))


def test_non_ascii_password_signs_in(mailbox, server):
    """'other' has the password 'pässword': LOGIN cannot carry it, AUTHENTICATE PLAIN (UTF-8) can."""
    s = ImapSettings("127.0.0.1", "other", server.port, "insecure-plain", timeout=10)
    r = _scan(s, Credentials(password="pässword"), folders=["INBOX"])
    assert r["account"] == "other@127.0.0.1" and r["folders"][0]["name"] == "INBOX"
    with pytest.raises(AuthError, match="wrong user name or password"):
        _scan(s, Credentials(password="passwörd"))


def test_server_down_and_dns(settings, creds):
    from dovecot import free_port

    down = ImapSettings("127.0.0.1", "test", free_port(), "insecure-plain", timeout=5)
    with pytest.raises(MailError, match="refused the connection") as e:
        _scan(down, creds)
    assert e.value.kind == "down"
    dns = ImapSettings("no-such-host.invalid", "test", 993, "ssl", timeout=5)
    with pytest.raises(MailError, match="Cannot find the mail server 'no-such-host.invalid'"):
        _scan(dns, creds)


def test_insecure_plain_refused_off_loopback(creds):
    with pytest.raises(MailError, match="only allowed to this computer"):
        _scan(ImapSettings("192.0.2.1", "test", 143, "insecure-plain"), creds)


def test_tls_self_signed_needs_explicit_trust(mailbox, server, creds):
    plain = ImapSettings("127.0.0.1", "test", server.ssl_port, "ssl", timeout=10)
    with pytest.raises(UntrustedCertificate) as e:
        _scan(plain, creds)
    assert e.value.fingerprint == server.fingerprint
    assert format_fingerprint(server.fingerprint) in str(e.value)
    pinned = ImapSettings("127.0.0.1", "test", server.ssl_port, "ssl",
                          trust_fingerprint=format_fingerprint(server.fingerprint), timeout=10)
    assert _scan(pinned, creds)["stats"]["messages"] == 21
    wrong = ImapSettings("127.0.0.1", "test", server.ssl_port, "ssl", trust_fingerprint="ab" * 32)
    with pytest.raises(UntrustedCertificate, match="does not match the trusted fingerprint"):
        _scan(wrong, creds)
    # STARTTLS on the plain port, verified against the certificate given as a CA file
    starttls = ImapSettings("127.0.0.1", "test", server.port, "starttls", cafile=str(server.cert), timeout=10)
    r = _scan(starttls, creds)
    assert r["stats"]["messages"] == 21 and r["stats"]["bytes_downloaded"] > 0


@pytest.mark.parametrize("cut_after", [1200, 2500, 3000, 3700, 4400])  # inside lines and literals
def test_connection_cut_mid_batch(mailbox, creds, proxy_factory, cut_after):
    before = _no_recent(snapshot(mailbox))
    proxy = proxy_factory(cut_after=cut_after)  # after the login, in the folder list or the FETCH answers
    s = ImapSettings("127.0.0.1", "test", proxy.port, "insecure-plain", timeout=10)
    with pytest.raises(ConnectionLost, match="connection .* was cut"):
        _scan(s, creds, batch=3)
    assert proxy.cuts == 1
    assert _no_recent(snapshot(mailbox)) == before
    # the next attempt goes through the same proxy and completes
    assert _scan(s, creds, batch=3)["stats"]["messages"] == 21


def test_cancel_returns_partial_result(mailbox, settings, creds):
    token = CancelToken()
    seen = []

    def progress(ev):
        seen.append(ev)
        if ev.phase == "mail-fetch":
            token.cancel()

    r = _scan(settings, creds, batch=4, progress=progress, cancel=token)
    assert r["cancelled"] is True
    assert 0 < r["stats"]["records"] < 21
    assert any(ev.detail == "INBOX" for ev in seen)


def _cli(*args, env=None):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "cleanup_desktop", *args], capture_output=True,
                          text=True, env=e, timeout=60)


def test_cli_json_contract(mailbox, server):
    p = _cli("mail-scan", "--host", "127.0.0.1", "--port", str(server.port), "--security",
             "insecure-plain", "--user", "test", "--password-env", "MAILPW", "--folder", "INBOX",
             "--folder", server.f("Archive"), "--json", env={"MAILPW": "secret"})
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["schema"] == "cleanup-desktop/mail-scan/1" and r["account"] == "test@127.0.0.1"
    assert {"folders", "duplicates", "large_messages", "attachments", "senders", "stats"} <= set(r)
    assert set(r["stats"]) >= {"messages", "bytes", "bytes_downloaded", "seconds"}
    assert r["connection"]["password_env"] == "MAILPW" and "secret" not in p.stdout
    for d in r["duplicates"]:
        assert set(d) >= {"key", "size", "copies"}
        assert all(set(c) >= {"folder", "uid", "uidvalidity"} for c in d["copies"])
    assert r["stats"]["messages"] == 20


def test_cli_errors_are_one_line(server):
    base = ["mail-scan", "--host", "127.0.0.1", "--port", str(server.port), "--user", "test"]
    p = _cli(*base, "--security", "insecure-plain", "--password-env", "MAILPW", env={"MAILPW": "nope"})
    assert p.returncode == 3 and "wrong user name or password" in p.stderr
    assert "Traceback" not in p.stderr and len(p.stderr.strip().splitlines()) == 1
    p = _cli(*base, "--security", "ssl", "--password-env", "MAILPW", env={"MAILPW": "secret"})
    assert p.returncode == 3 and "Secure connection" in p.stderr and "Check the port" in p.stderr
    p = _cli("mail-scan", "--host", "127.0.0.1", "--port", str(server.ssl_port), "--user", "test",
             "--password-env", "MAILPW", env={"MAILPW": "secret"})
    assert p.returncode == 3 and "not trusted" in p.stderr and "--trust-fingerprint" in p.stderr
    p = _cli("mail-scan", "--host", "mail.example.org", "--security", "insecure-plain", "--user", "u",
             "--password-env", "X", env={"X": "y"})
    assert p.returncode == 2 and "only allowed to localhost" in p.stderr
    p = _cli(*base, "--password-env", "CD_UNSET_VAR_FOR_TEST")
    assert p.returncode == 2 and "CD_UNSET_VAR_FOR_TEST is not set" in p.stderr
    p = _cli("mail-scan", "--host", "x")  # argparse: missing --user and auth
    assert p.returncode == 2


def test_fast_fetch_parser_agrees_with_imapclient(mailbox, settings, creds):
    from imapclient.response_parser import parse_fetch_response

    from cleanup_desktop.core.mail.sources.fetch_parse import fetch_uidset, raw_fetch
    from cleanup_desktop.core.mail.sources.imap import connect
    from cleanup_desktop.core.mail.sources.imap_scan import HEADER_ITEM

    c = connect(settings, creds)
    c.select_folder("INBOX", readonly=True)
    items = ["UID", "RFC822.SIZE", "INTERNALDATE", "FLAGS", HEADER_ITEM]
    fast = fetch_uidset(c, "1:*", items)
    slow = fetch_uidset(c, "1:*", items, fast=False)
    # the raw reader hands imaplib-shaped data: imapclient's parser (the fallback) reads it too
    fallback = parse_fetch_response(raw_fetch(c._imap, "1:*", items), False, True)
    assert fallback == slow
    with pytest.raises(c.Error, match="fetch failed"):
        fetch_uidset(c, "1:*", ["NOT-AN-ITEM"])
    first = sorted(fast)[:3]
    assert sorted(fetch_uidset(c, ",".join(map(str, first)), items)) == first  # still in step
    c.logout()
    assert len(fast) == len(slow) == 18
    for uid, d in slow.items():
        for k, v in d.items():
            if k in (b"SEQ", b"UID"):
                continue
            assert fast[uid][k] == v, (uid, k)


def test_parallel_connections_give_the_same_result(mailbox, settings, creds):
    one = _scan(settings, creds, batch=3)
    src = ImapSource(settings, creds, batch=3, connections=2, parallel_min=0, reuse_unchanged=False)
    before = _no_recent(snapshot(mailbox))
    two = scan_mailbox(src)
    assert _no_recent(snapshot(mailbox)) == before
    for key in ("folders", "duplicates", "large_messages", "attachments", "old", "senders"):
        assert one[key] == two[key], key
    assert two["stats"]["bytes_downloaded"] > one["stats"]["bytes_downloaded"]  # two logins counted


def test_folder_deleted_during_the_scan_is_reported_and_the_scan_goes_on(mailbox, server, settings, creds):
    from imapclient import IMAPClient

    done = []

    def progress(ev):
        # after the folder list, before any folder is read (the reads are sent in one burst)
        if ev.phase == "mail-folders" and not done:
            other = IMAPClient("127.0.0.1", server.port, ssl=False)
            other.login("test", "secret")
            other.delete_folder(server.f("Été 2026"))
            other.logout()
            done.append(True)

    r = _scan(settings, creds, progress=progress)
    assert done and r["cancelled"] is False
    assert [e["folder"] for e in r["errors"]] == [server.f("Été 2026")]
    assert "Mail server" in r["errors"][0]["error"] or "exist" in r["errors"][0]["error"]
    # beside the English text, the reason's code and params (core.messages), as JSON keeps them
    from cleanup_desktop.core.messages import Reason

    again = Reason.from_json(json.loads(json.dumps(r["errors"][0])))
    assert again is not None and str(again) == r["errors"][0]["error"] and again.word("fr")
    assert r["stats"]["messages"] == 20  # INBOX and Archive were read


def test_rescan_reads_only_the_folders_that_changed(mailbox, server, settings, creds):
    """CONDSTORE: a folder with the same UIDVALIDITY, HIGHESTMODSEQ and count is not read again."""
    keys = ("folders", "duplicates", "large_messages", "attachments", "old", "senders")
    first = _scan(settings, creds)
    again = _scan(settings, creds)
    assert {k: again[k] for k in keys} == {k: first[k] for k in keys}
    assert again["stats"]["bytes_downloaded"] < first["stats"]["bytes_downloaded"] / 2  # no header read
    fresh = scan_mailbox(ImapSource(settings, creds, reuse_unchanged=False))
    assert {k: fresh[k] for k in keys} == {k: first[k] for k in keys}
    # a flag changed in Archive and a new message in Été 2026: those two folders are read again
    mailbox.select_folder(server.f("Archive"))
    mailbox.add_flags(mailbox.search(["ALL"]), [b"\\Flagged"])
    mailbox.unselect_folder()
    mailbox.append(server.f("Été 2026"), b"Message-ID: <new@x>\r\nSubject: new\r\n\r\nnew\r\n")
    seen = []
    third = _scan(settings, creds, progress=seen.append)
    folders = {f["name"]: f for f in third["folders"]}
    assert folders[server.f("Été 2026")]["messages"] == 2 and third["stats"]["messages"] == 22
    assert third["stats"]["bytes_downloaded"] > again["stats"]["bytes_downloaded"]
    reread = scan_mailbox(ImapSource(settings, creds, reuse_unchanged=False))
    assert {k: third[k] for k in keys} == {k: reread[k] for k in keys}
    from cleanup_desktop.core.mail.sources import imap_cache

    kept = imap_cache._FOLDERS[(f"test@127.0.0.1:{server.port}", server.f("Archive"))][3]
    assert len(kept) == 2 and all("\\Flagged" in m.flags for m in kept)  # read again, not reused


@pytest.mark.parametrize("connections,window,batch", [(1, 1, 1), (3, 2, 5), (2, 8, 1000)])
def test_pipelined_reader_reports_every_message_once(mailbox, settings, creds, connections, window, batch,
                                                     monkeypatch):
    """Whatever the pool size, window and batch: each message the server holds is reported
    exactly once, in its own folder, with its size and flags (checked against a plain
    imapclient read)."""
    from cleanup_desktop.core.mail.sources import imap_fetch

    monkeypatch.setattr(imap_fetch, "WINDOW", window)
    truth = {k: (tuple(sorted(f for f in flags if f != b"\\Recent")), size)
             for k, (flags, size) in snapshot(mailbox).items()}
    src = ImapSource(settings, creds, batch=batch, connections=connections, parallel_min=0, reuse_unchanged=False)
    src.connect()
    try:
        folders = [f for f in src.list_folders() if f.messages]
        src.plan_folders(folders, 500_000)
        got = {}
        for f in reversed(folders):  # read in another order than planned: each folder's answers wait for it
            for m in src.iter_messages(f, 500_000):
                assert (m.folder, m.uid) not in got
                got[(m.folder, m.uid)] = (tuple(sorted(x.encode() for x in m.flags if x != "\\Recent")), m.size)
                assert m.uidvalidity == f.uidvalidity
        assert len(src._reader.threads) == min(connections, len(folders))
    finally:
        src.close()
    assert got == truth

"""Local mail stores: Thunderbird profile, .mbox/.eml, Outlook files; strictly read-only."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import messages
from cleanup_desktop.core.mail.sources.localstore import SCHEMA, scan_local


def _mbox(msgs: list[bytes], statuses=None) -> bytes:
    out = b""
    for i, m in enumerate(msgs):
        m = m.replace(b"\r\n", b"\n")
        status = (statuses or {}).get(i)
        if status is not None:
            m = f"X-Mozilla-Status: {status:04x}\n".encode() + m
        body_escaped = m.replace(b"\nFrom ", b"\n>From ")
        out += b"From - Tue Mar  3 10:00:00 2026\n" + body_escaped + b"\n"
    return out


def _profile(home: Path) -> Path:
    prof = home / ".thunderbird" / "abcd.default-release"
    local = prof / "Mail" / "Local Folders"
    (local / "Archives.sbd").mkdir(parents=True)
    dup = messages.plain("<dup-l@example.org>", "Local dup")
    inbox = [dup, dup, messages.with_attachment("<att-l@example.org>", 700_000, 'filename="plan été.pdf"'),
             messages.plain(None, "From the start of a line", body="Hello\r\nFrom here on it is escaped\r\n"),
             messages.plain("<gone@example.org>", "Deleted, not compacted", body="x" * 5000 + "\r\n")]
    (local / "Inbox").write_bytes(_mbox(inbox, {4: 0x0009}))
    (local / "Inbox.msf").write_bytes(b"// mork index, not mail")
    (local / "Archives.sbd" / "2019").write_bytes(_mbox([dup, messages.nested("<n-l@example.org>")]))
    imap = prof / "ImapMail" / "imap.example.org"
    imap.mkdir(parents=True)
    (imap / "INBOX").write_bytes(_mbox([messages.plain("<cache@example.org>", "cached")]))
    (imap / "INBOX.msf").write_bytes(b"")
    (prof / "prefs.js").write_text("user_pref('x', 1);\n")
    return prof


def _digest_tree(root: Path) -> dict:
    return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


def test_thunderbird_profile_and_outlook_files(isolated_home):
    prof = _profile(isolated_home)
    out_dir = isolated_home / "Documents" / "Outlook Files"
    out_dir.mkdir(parents=True)
    (out_dir / "archive.pst").write_bytes(b"\0" * 4096)
    (out_dir / "me@example.org.ost").write_bytes(b"\0" * 8192)
    before = _digest_tree(isolated_home)
    r = scan_local()  # default places under HOME
    assert _digest_tree(isolated_home) == before  # read-only
    assert r["schema"] == SCHEMA and r["read_only"] is True
    stores = {Path(s["path"]).relative_to(prof).as_posix(): s for s in r["stores"]}
    assert set(stores) == {"Mail/Local Folders/Inbox", "Mail/Local Folders/Archives.sbd/2019",
                           "ImapMail/imap.example.org/INBOX"}
    inbox = stores["Mail/Local Folders/Inbox"]
    assert inbox["messages"] == 4 and inbox["compactable"] > 5000 and inbox["kind"] == "thunderbird"
    dup = next(d for d in r["duplicates"] if d["key"] == "<dup-l@example.org>")
    assert len(dup["copies"]) == 3
    names = {a["filename"] for a in r["attachments"]}
    assert "plan été.pdf" in names and "photo été.jpg" in names
    kinds = {o["kind"]: o for o in r["outlook_files"]}
    assert kinds["pst"]["size"] == 4096 and kinds["pst"]["deletable"] is True
    assert kinds["ost"]["size"] == 8192 and kinds["ost"]["deletable"] is False
    assert "Never delete" in kinds["ost"]["how_to"]
    assert "Compact" in r["how_to"]["thunderbird"]
    subjects = {m["subject"] for m in r["large_messages"]} if r["large_messages"] else set()
    assert r["stats"]["messages"] == 7 and not subjects - {"Report", "Été à Paris ✈"}


def test_mbox_and_eml_files_and_errors(tmp_path):
    exported = tmp_path / "export.mbox"
    exported.write_bytes(_mbox([messages.broken_mime("<b@x>"), messages.newsletter(1), messages.newsletter(2),
                                messages.newsletter(3)]))
    eml_dir = tmp_path / "saved"
    eml_dir.mkdir()
    (eml_dir / "a.eml").write_bytes(messages.plain("<same@x>", "Saved"))
    (eml_dir / "b.eml").write_bytes(messages.plain("<same@x>", "Saved"))
    r = scan_local([exported, eml_dir, tmp_path / "missing"])
    assert [s["messages"] for s in r["stores"]] == [4, 1, 1]
    assert [d["key"] for d in r["duplicates"]] == ["<same@x>"]
    assert {s["key"] for s in r["senders"]} == {"newsletter:news@news.example.com"}
    assert r["errors"] == [{"path": str(tmp_path / "missing"), "error": "not found"}]


def test_cli_mail_local_json(tmp_path):
    f = tmp_path / "x.mbox"
    f.write_bytes(_mbox([messages.plain("<1@x>", "one")]))
    p = subprocess.run([sys.executable, "-m", "cleanup_desktop", "mail-local", str(f), "--json"],
                       capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["schema"] == SCHEMA and r["stats"]["messages"] == 1


def _maildir(root: Path, name: str, msgs: dict[str, bytes]) -> Path:
    d = root / name if name else root
    for sub in ("cur", "new", "tmp"):
        (d / sub).mkdir(parents=True, exist_ok=True)
    for fname, raw in msgs.items():
        (d / ("cur" if ":2," in fname else "new") / fname).write_bytes(raw)
    return d


def test_maildir_and_maildir_plus_plus_are_read_read_only(tmp_path):
    home = tmp_path / "Maildir"
    dup = messages.plain("<md@example.org>", "Maildir dup")
    code1 = messages.plain("<otp@x>", "Code", body="code 111111\r\n")
    code2 = messages.plain("<otp@x>", "Code", body="code 222222\r\n")
    _maildir(home, "", {"1700000001.M1P1.host:2,S": dup, "1700000002.M2P1.host": code1,
                        "1700000003.M3P1.host:2,FS": code2})
    _maildir(home, ".Archive.2019", {"1700000004.M4P1.host:2,S": dup})
    _maildir(home, ".Sent", {"1700000005.M5P1.host:2,S": messages.with_attachment("<s@x>", 600_000)})
    before = _digest_tree(home)
    p = subprocess.run([sys.executable, "-m", "cleanup_desktop", "mail-local", str(home), "--json"],
                       capture_output=True, text=True, env=dict(os.environ), timeout=60)
    assert p.returncode == 0, p.stderr
    assert _digest_tree(home) == before  # nothing written, not even a flag in a file name
    r = json.loads(p.stdout)
    stores = {s["name"]: s for s in r["stores"]}
    assert set(stores) == {str(home), f"{home}/Archive/2019", f"{home}/Sent"}
    assert [stores[n]["messages"] for n in sorted(stores)] == [3, 1, 1] and {s["kind"] for s in r["stores"]} == {"maildir"}
    # the duplicate across Maildir++ folders is found; same-ID look-alikes with other bodies are not
    assert [(d["key"], len(d["copies"])) for d in r["duplicates"]] == [("<md@example.org>", 2)]
    assert any(a["filename"] == "report.pdf" for a in r["attachments"])
    assert "Maildir" in r["how_to"]["maildir"]

"""Issue 14's traps, each through the default scan -> plan -> clean on a real server: the kept
copy is always a live copy, virtual and team folders are left alone, look-alikes with other
content are not duplicates, \\Flagged mail never moves, an old server is refused, a Trash UID is
claimed once per run, undo reports per item, UTF-8 passwords sign in."""

from __future__ import annotations

import pytest
from imapclient import IMAPClient

from dovecot_traps import TrapDovecot
from messages import plain
from cleanup_desktop.core.execute import execute_plan
from cleanup_desktop.core.journal import Journal
from cleanup_desktop.core.mail import wiring
from cleanup_desktop.core.mail.imap import Credentials, ImapSettings, connect
from cleanup_desktop.core.mail.imap_scan import ImapSource
from cleanup_desktop.core.mail.scan import scan_mailbox
from cleanup_desktop.core.plan import build_plan

OWN_SPECIAL = ("INBOX", "Trash", "Sent", "Drafts", "Junk")


@pytest.fixture(scope="module")
def traps():
    server = TrapDovecot().start()
    yield server
    server.cleanup()


@pytest.fixture(scope="module")
def old_server():
    server = TrapDovecot(old_server=True).start()
    yield server
    server.cleanup()


def fresh(port: int, folders: dict) -> IMAPClient:
    """The test user's own folders emptied (team and virtual namespaces untouched), then seeded:
    folders = {name: [raw or (raw, flags)]} appended in order."""
    c = IMAPClient("127.0.0.1", port, ssl=False)
    c.login("test", "secret")
    for flags, _d, name in c.list_folders():
        if name.startswith(("Team", "Virtual")) or b"\\Noselect" in flags:
            continue
        if name in OWN_SPECIAL:
            c.select_folder(name)
            uids = c.search(["ALL"])
            if uids:
                c.delete_messages(uids)
                c.expunge()
            c.close_folder()
        else:
            c.delete_folder(name)
    for name, msgs in folders.items():
        if not c.folder_exists(name):
            c.create_folder(name)
        for m in msgs:
            raw, flags = m if isinstance(m, tuple) else (m, ())
            c.append(name, raw, flags)
    return c


def contents(c: IMAPClient, folder: str) -> list[tuple[bytes, tuple]]:
    c.select_folder(folder, readonly=True)
    uids = c.search(["ALL"])
    data = c.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}
    c.close_folder()  # opened read-only (EXAMINE): CLOSE expunges nothing
    return sorted((d[b"BODY[]"], tuple(sorted(f for f in d[b"FLAGS"] if f != b"\\Recent"))) for d in data.values())


def scan(port: int, monkeypatch, **kw) -> dict:
    monkeypatch.setenv("T_TRAPPW", "secret")
    s = ImapSettings("127.0.0.1", "test", port, "insecure-plain", timeout=10)
    return scan_mailbox(ImapSource(s, Credentials(password="secret")), connection={"password_env": "T_TRAPPW"}, **kw)


def clean(port: int, monkeypatch, tmp_path, **kw):
    result = scan(port, monkeypatch, **kw)
    plan = build_plan(result)
    journal = Journal(tmp_path / "journal.jsonl")
    return result, plan, execute_plan(plan, journal=journal), journal


DUP = plain("<dup@example.org>", "Minutes", body="the minutes of the meeting\r\n")


def test_a_copy_in_trash_or_junk_is_never_the_kept_one(traps, monkeypatch, tmp_path):
    # the Archive copy has the highest UID of the three; Spam is a Junk folder found by name
    c = fresh(traps.port, {"Archive": [plain("<a@x>", "a"), plain("<b@x>", "b"), DUP], "Trash": [DUP], "Spam": [DUP]})
    result, plan, report, _j = clean(traps.port, monkeypatch, tmp_path)
    group = next(d for d in result["duplicates"] if d["key"] == "<dup@example.org>")
    assert group["copies"][0]["folder"] == "Archive"
    assert {(a["folder"], a["keep"]["folder"]) for a in plan["actions"]} == {("Spam", "Archive")}
    assert [o.status for o in report.outcomes] == ["done"]
    assert [m for m, _f in contents(c, "Archive")].count(DUP) == 1  # the live copy stayed
    assert [m for m, _f in contents(c, "Trash")].count(DUP) == 2
    c.logout()


def test_a_kept_copy_flagged_deleted_is_not_kept(traps, monkeypatch, tmp_path):
    c = fresh(traps.port, {"INBOX": [(DUP, [b"\\Deleted"])], "Archive": [DUP]})
    result, plan, report, _j = clean(traps.port, monkeypatch, tmp_path)
    assert [(a["folder"], a["keep"]["folder"]) for a in plan["actions"]] == [("INBOX", "Archive")]
    assert contents(c, "Archive") == [(DUP, ())]
    # the re-check too: another client flags the kept copy \Deleted between plan and clean
    c = fresh(traps.port, {"INBOX": [DUP], "Archive": [DUP]})
    plan = build_plan(scan(traps.port, monkeypatch))
    assert [(a["folder"], a["keep"]["folder"]) for a in plan["actions"]] == [("Archive", "INBOX")]
    c.select_folder("INBOX")
    c.add_flags(c.search(["ALL"]), [b"\\Deleted"])
    report = execute_plan(plan, journal=None)
    assert [o.status for o in report.outcomes] == ["skipped"] and "\\Deleted" in report.outcomes[0].reason
    assert contents(c, "Archive") == [(DUP, ())]
    c.logout()


def test_a_virtual_all_folder_is_not_scanned_and_nothing_is_its_own_duplicate(traps, monkeypatch, tmp_path):
    c = fresh(traps.port, {"INBOX": [plain("<one@x>", "one")], "Archive": [plain("<two@x>", "two")]})
    result, plan, report, _j = clean(traps.port, monkeypatch, tmp_path)
    assert {"name": "Virtual/All", "messages": 2, "reason": "virtual"} in result["not_scanned"]
    assert result["duplicates"] == [] and plan["actions"] == [] and report.outcomes == []
    # asked for explicitly, it is read but never holds a keeper nor gets an action
    result = scan(traps.port, monkeypatch, folders=["INBOX", "Archive", "Virtual/All"])
    plan = build_plan(result)
    assert plan["actions"] == []
    assert len(contents(c, "INBOX")) == 1 and len(contents(c, "Archive")) == 1
    c.logout()


def test_a_team_folder_is_never_touched(traps, monkeypatch, tmp_path):
    traps.put_team_message(DUP, 1)
    c = fresh(traps.port, {"Archive": [plain("<a@x>", "a"), DUP]})
    result, plan, report, _j = clean(traps.port, monkeypatch, tmp_path)
    assert any(s["name"] == "Team/News" and s["reason"] == "shared" for s in result["not_scanned"])
    assert plan["actions"] == []
    # added explicitly: read, but my copy is the keeper and the read-only team folder gets nothing
    result = scan(traps.port, monkeypatch, folders=["Archive", "Team/News"])
    team = next(f for f in result["folders"] if f["name"] == "Team/News")
    assert team["rights"] == "lr" and team["cleanable"] is False and team["role"] == "shared"
    assert len(result["duplicates"]) == 1
    assert build_plan(result)["actions"] == []
    # a hand-made plan aimed at the team folder: the dry run already refuses it (no delete right)
    group = result["duplicates"][0]
    team_copy = next(x for x in group["copies"] if x["folder"] == "Team/News")
    mine = next(x for x in group["copies"] if x["folder"] == "Archive")
    account = {"kind": "imap", "host": "127.0.0.1", "port": traps.port, "user": "test", "security": "insecure-plain"}
    action = {"id": "m-team", "op": "mail-trash", "category": "mail-duplicates", "group": "g", "account": account,
              "folder": "Team/News", "uid": team_copy["uid"], "uidvalidity": team_copy["uidvalidity"],
              "size": group["size"], "key": group["key"], "keep": {"folder": "Archive", "uid": mine["uid"]},
              "credential": {"password_env": "T_TRAPPW"}}
    hand = {"schema": "cleanup-desktop/plan/1", "plan_id": "hand", "actions": [action]}
    for dry in (True, False):
        out = execute_plan(hand, dry_run=dry, journal=None)
        assert [o.status for o in out.outcomes] == ["skipped"] and "no right to delete" in out.outcomes[0].reason
    c.select_folder("Team/News", readonly=True)
    assert len(c.search(["ALL"])) == 1
    c.logout()


def test_look_alikes_with_other_content_are_not_duplicates(traps, monkeypatch, tmp_path):
    code1 = plain("<otp@bank.example>", "Your code", body="Your code is 123456\r\n")
    code2 = plain("<otp@bank.example>", "Your code", body="Your code is 654321\r\n")
    cron1 = plain(None, "Cron <root@host> df", body="disk 91% full\r\n")
    cron2 = plain(None, "Cron <root@host> df", body="disk 92% full\r\n")
    assert len(code1) == len(code2) and len(cron1) == len(cron2)
    c = fresh(traps.port, {"INBOX": [code1, code2, cron1, cron2, DUP], "Archive": [DUP]})
    result, plan, report, _j = clean(traps.port, monkeypatch, tmp_path)
    assert [d["key"] for d in result["duplicates"]] == ["<dup@example.org>"]
    assert result["stats"]["split_groups"] == 2 and result["stats"]["confirm_bytes"] > 0
    assert [a["folder"] for a in plan["actions"]] == ["Archive"]
    assert [o.status for o in report.outcomes] == ["done"]
    inbox = [m for m, _f in contents(c, "INBOX")]
    assert all(m in inbox for m in (code1, code2, cron1, cron2, DUP))
    c.logout()


def test_a_flagged_copy_is_never_moved(traps, monkeypatch, tmp_path):
    big = plain("<big@x>", "big", body="y" * 1_200_000 + "\r\n")
    c = fresh(traps.port, {"INBOX": [DUP, (big, [b"\\Flagged"])], "Archive": [(DUP, [b"\\Flagged"])]})
    result = scan(traps.port, monkeypatch)
    ticked = [{"folder": m["folder"], "uid": m["uid"], "category": "mail-large"} for m in result["large_messages"]]
    plan = build_plan(result, selected=ticked)
    assert plan["actions"] == []
    assert [(a["folder"]) for a in build_plan(result, selected=ticked, flagged=True)["actions"]] == ["Archive", "INBOX"]
    c.logout()


def test_a_server_without_move_and_uidplus_is_refused_and_left_as_it_was(old_server, monkeypatch, tmp_path):
    others = [plain(f"<o{i}@x>", f"o{i}", body=f"other {i}\r\n") for i in range(3)]
    c = fresh(old_server.port, {"INBOX": [DUP, *others], "Archive": [DUP, *others]})
    before = {f: contents(c, f) for f in ("INBOX", "Archive", "Trash")}
    result, plan, report, journal = clean(old_server.port, monkeypatch, tmp_path)
    assert len(plan["actions"]) == 4
    assert {o.status for o in report.outcomes} == {"skipped"}
    assert all("neither MOVE nor UIDPLUS" in o.reason for o in report.outcomes)
    assert {f: contents(c, f) for f in ("INBOX", "Archive", "Trash")} == before  # no copy, no \Deleted
    assert not any(r["event"] == "done" for r in journal.iter_records())
    c.logout()


def test_a_trash_copy_is_claimed_once_per_run(traps, monkeypatch, tmp_path):
    c = fresh(traps.port, {"INBOX": [DUP], "Archive": [DUP], "Other": [DUP]})
    plan = build_plan(scan(traps.port, monkeypatch, folders=["INBOX", "Archive", "Other"]))
    assert sorted(a["folder"] for a in plan["actions"]) == ["Archive", "Other"]
    c.select_folder("Other")  # another client deletes it for good between plan and clean
    c.delete_messages(c.search(["ALL"]))
    c.expunge()
    journal = Journal(tmp_path / "journal.jsonl")
    report = execute_plan(plan, journal=journal)
    status = {o.action["folder"]: o.status for o in report.outcomes}
    assert status == {"Archive": "done", "Other": "skipped"}
    emptied = wiring.empty_mail_run(report.run_id, journal)
    assert len(emptied) == 1 and sum(e["freed"] for e in emptied.values()) == plan["actions"][0]["size"]
    c.logout()


def test_undo_reports_and_journals_each_item(traps, monkeypatch, tmp_path):
    c = fresh(traps.port, {"INBOX": [DUP], "Archive": [DUP], "Other": [DUP]})
    result, plan, report, journal = clean(traps.port, monkeypatch, tmp_path, folders=["INBOX", "Archive", "Other"])
    assert sorted(o.status for o in report.outcomes) == ["done", "done"]
    c.delete_folder("Other")  # the user removed one of the folders meanwhile
    undo = wiring.restore_mail_run(report.run_id, journal)
    by_folder = {a["folder"]: undo[a["id"]]["status"] for a in plan["actions"]}
    assert by_folder == {"Archive": "restored", "Other": "failed"}
    restored = [r for r in journal.iter_records() if r["event"] == "restored"]
    assert [r["path"] for r in restored] == ["Archive"]
    assert [m for m, _f in contents(c, "Archive")] == [DUP]
    c.logout()


def test_a_utf8_password_signs_in(traps):
    client = connect(ImapSettings("127.0.0.1", "other", traps.port, "insecure-plain", timeout=10),
                     Credentials(password="pässword"))
    assert client.list_folders()
    client.logout()

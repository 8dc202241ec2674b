"""Issue 14's traps, each through the default scan -> plan -> clean on real servers (Dovecot
and Cyrus, plus their variants): the kept copy is always a live copy, virtual, team and
colleagues' folders are left alone, look-alikes with other content are not duplicates,
\\Flagged mail never moves, an old server is refused, a Trash UID is claimed once per run,
undo reports per item, UTF-8 passwords sign in. Each of these fails on the code before
issue 14."""

from __future__ import annotations

import uuid

import pytest
from imapclient import IMAPClient

import messages
from dovecot_traps import TrapDovecot
from messages import plain
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.mail import ops as mail_ops
from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings, connect
from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
from cleanup_desktop.core.mail.scan import scan_mailbox
from cleanup_desktop.core.run import guard as plan_guard
from cleanup_desktop.core.run.plan import build_plan

SERVERS = ("dovecot", "cyrus")


def _trap_server(**variant):
    @pytest.fixture(scope="module")
    def server_fixture():
        server = TrapDovecot(**variant).start()
        yield server
        server.cleanup()

    return server_fixture


dovecot_acl = _trap_server()  # a virtual \\All folder and a team folder Team/News that 'test' may only read
dovecot_move_only = _trap_server(move_only=True)  # MOVE announced, UIDPLUS not
dovecot_old = _trap_server(old_server=True)  # neither MOVE nor UIDPLUS announced


def fresh(server, folders: dict) -> IMAPClient:
    """The test user's own folders emptied (team, shared and virtual ones untouched), then
    seeded: folders = {name (Dovecot style): [raw or (raw, flags)]} appended in order."""
    return messages.reseed(server, mailbox={
        name: [{"msg": m[0], "flags": list(m[1])} if isinstance(m, tuple) else {"msg": m, "flags": []} for m in msgs]
        for name, msgs in folders.items()})


def contents(c: IMAPClient, folder: str) -> list[tuple[bytes, tuple]]:
    c.select_folder(folder, readonly=True)
    uids = c.search(["ALL"])
    data = c.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}
    c.close_folder()  # opened read-only (EXAMINE): CLOSE expunges nothing
    return sorted((d[b"BODY[]"], tuple(sorted(f for f in d[b"FLAGS"] if f != b"\\Recent"))) for d in data.values())


def scan(server, monkeypatch, **kw) -> dict:
    from cleanup_desktop.core.mail import ops as mail_ops

    # the password comes from the caller (the GUI's prompt, `clean --password-env`), never the plan
    monkeypatch.setattr(mail_ops, "credential_resolver", lambda account, action: Credentials(password="secret"))
    s = ImapSettings("127.0.0.1", "test", server.port, "insecure-plain", timeout=10)
    if kw.get("folders"):
        kw["folders"] = [server.f(f) if f.split("/")[0] not in ("Team", "Virtual") and not f.startswith("user.")
                         else f for f in kw["folders"]]
    return scan_mailbox(ImapSource(s, Credentials(password="secret")), connection={"password_env": "T_TRAPPW"}, **kw)


def clean(server, monkeypatch, tmp_path, **kw):
    result = scan(server, monkeypatch, **kw)
    plan = build_plan(result)
    journal = Journal(tmp_path / "journal.jsonl")
    return result, plan, execute_plan(plan, journal=journal), journal


DUP = plain("<dup@example.org>", "Minutes", body="the minutes of the meeting\r\n")


def test_a_copy_in_trash_or_junk_is_never_the_kept_one(server, monkeypatch, tmp_path):
    f = server.f  # the Archive copy has the highest UID of the three; Spam is a Junk folder found by name
    c = fresh(server, {"Archive": [plain("<a@x>", "a"), plain("<b@x>", "b"), DUP], "Trash": [DUP], "Spam": [DUP]})
    result, plan, report, _j = clean(server, monkeypatch, tmp_path)
    group = next(d for d in result["duplicates"] if d["key"] == "<dup@example.org>")
    assert group["copies"][0]["folder"] == f("Archive")
    assert {(a["folder"], a["keep"]["folder"]) for a in plan["actions"]} == {(f("Spam"), f("Archive"))}
    assert [o.status for o in report.outcomes] == ["done"]
    assert [m for m, _f in contents(c, f("Archive"))].count(DUP) == 1  # the live copy stayed
    assert [m for m, _f in contents(c, f("Trash"))].count(DUP) == 2
    c.logout()


def test_a_kept_copy_flagged_deleted_is_not_kept(server, monkeypatch, tmp_path):
    f = server.f
    c = fresh(server, {"INBOX": [(DUP, [b"\\Deleted"])], "Archive": [DUP]})
    result, plan, report, _j = clean(server, monkeypatch, tmp_path)
    assert [(a["folder"], a["keep"]["folder"]) for a in plan["actions"]] == [("INBOX", f("Archive"))]
    assert contents(c, f("Archive")) == [(DUP, ())]
    # the re-check too: another client flags the kept copy \Deleted between plan and clean
    c = fresh(server, {"INBOX": [DUP], "Archive": [DUP]})
    plan = build_plan(scan(server, monkeypatch))
    assert [(a["folder"], a["keep"]["folder"]) for a in plan["actions"]] == [(f("Archive"), "INBOX")]
    c.select_folder("INBOX")
    c.add_flags(c.search(["ALL"]), [b"\\Deleted"])
    report = execute_plan(plan, journal=None)
    assert [o.status for o in report.outcomes] == ["skipped"] and "\\Deleted" in report.outcomes[0].reason
    assert contents(c, f("Archive")) == [(DUP, ())]
    c.logout()


@pytest.mark.servers("dovecot_virtual", "dovecot_acl")
def test_a_virtual_all_folder_is_not_scanned_and_nothing_is_its_own_duplicate(server, monkeypatch, tmp_path):
    c = fresh(server, {"INBOX": [plain("<one@x>", "one")], "Archive": [plain("<two@x>", "two")]})
    result, plan, report, _j = clean(server, monkeypatch, tmp_path)
    assert {"name": "Virtual/All", "messages": 2, "reason": "virtual"} in result["not_scanned"]
    assert result["duplicates"] == [] and plan["actions"] == [] and report.outcomes == []
    # asked for explicitly, it is read but never holds a keeper nor gets an action
    result = scan(server, monkeypatch, folders=["INBOX", "Archive", "Virtual/All"])
    assert len(result["duplicates"]) == 2
    assert build_plan(result)["actions"] == []
    assert len(contents(c, "INBOX")) == 1 and len(contents(c, "Archive")) == 1
    c.logout()


@pytest.mark.servers("dovecot_virtual")
def test_a_team_folder_is_not_scanned_by_default(server, team_folder, monkeypatch, tmp_path):
    c = IMAPClient("127.0.0.1", server.port, ssl=False)
    c.login("test", "secret")
    before = contents(c, team_folder)
    result, plan, report, _j = clean(server, monkeypatch, tmp_path)
    assert any(s["name"] == team_folder and s["reason"] == "shared" for s in result["not_scanned"])
    assert all(a["folder"] != team_folder for a in plan["actions"]) and plan["actions"]
    assert contents(c, team_folder) == before
    # added explicitly: the team's copy is never the keeper, my own copy is
    result = scan(server, monkeypatch, folders=["INBOX", "Archive", team_folder])
    group = next(d for d in result["duplicates"] if any(x["folder"] == team_folder for x in d["copies"]))
    assert group["copies"][0]["folder"] != team_folder
    assert all(a["keep"]["folder"] != team_folder for a in build_plan(result)["actions"] if a["keep"])
    c.logout()


def _hand_plan(server, folder, copy, keep, group) -> dict:
    account = {"kind": "imap", "host": "127.0.0.1", "port": server.port, "user": "test", "security": "insecure-plain"}
    action = {"id": "m-hand", "op": "mail-trash", "category": "mail-duplicates", "group": "g", "account": account,
              "folder": folder, "uid": copy["uid"], "uidvalidity": copy["uidvalidity"], "size": group["size"],
              "key": group["key"], "keep": {"folder": keep["folder"], "uid": keep["uid"]},
              "credential": {}}
    plan = {"schema": "cleanup-desktop/plan/1", "plan_id": str(uuid.uuid4()), "actions": [action]}
    plan_guard.save_record(plan_guard.make_record(plan, []))  # as build_plan does
    return plan


@pytest.mark.servers("dovecot_acl", "cyrus")
def test_a_read_only_shared_folder_is_never_touched(server, request, monkeypatch, tmp_path):
    if server.kind == "cyrus":
        fresh(server, {"Archive": [plain("<a@x>", "a"), messages.plain("<dup-1@example.org>", "Duplicate me")]})
        shared = request.getfixturevalue("cyrus_shared")
        reason = "other-user"
    else:
        shared = "Team/News"
        server.put_team_message(messages.plain("<dup-1@example.org>", "Duplicate me"), 1)
        reason = "shared"
    c = fresh(server, {"Archive": [plain("<a@x>", "a"), messages.plain("<dup-1@example.org>", "Duplicate me")]})
    result, plan, report, _j = clean(server, monkeypatch, tmp_path)
    assert any(s["name"] == shared and s["reason"] == reason for s in result["not_scanned"])
    assert plan["actions"] == []
    # added explicitly: read, but my copy is the keeper and the read-only folder gets nothing
    result = scan(server, monkeypatch, folders=["Archive", shared])
    folder = next(f for f in result["folders"] if f["name"] == shared)
    assert folder["rights"] == "lr" and folder["cleanable"] is False and folder["role"] == "shared"
    group = next(d for d in result["duplicates"] if d["key"] == "<dup-1@example.org>")
    assert group["copies"][0]["folder"] == server.f("Archive")
    assert build_plan(result)["actions"] == []
    # a hand-made plan aimed at it: the dry run already refuses it (no delete right)
    theirs = next(x for x in group["copies"] if x["folder"] == shared)
    hand = _hand_plan(server, shared, theirs, group["copies"][0], group)
    for dry in (True, False):
        out = execute_plan(hand, dry_run=dry, journal=None)
        assert [o.status for o in out.outcomes] == ["skipped"] and "no right to delete" in out.outcomes[0].reason
    c.select_folder(shared, readonly=True)
    assert len(c.search(["ALL"])) >= 1
    c.close_folder()
    c.logout()


def test_look_alikes_with_other_content_are_not_duplicates(server, monkeypatch, tmp_path):
    code1 = plain("<otp@bank.example>", "Your code", body="Your code is 123456\r\n")
    code2 = plain("<otp@bank.example>", "Your code", body="Your code is 654321\r\n")
    cron1 = plain(None, "Cron <root@host> df", body="disk 91% full\r\n")
    cron2 = plain(None, "Cron <root@host> df", body="disk 92% full\r\n")
    assert len(code1) == len(code2) and len(cron1) == len(cron2)
    c = fresh(server, {"INBOX": [code1, code2, cron1, cron2, DUP], "Archive": [DUP]})
    result, plan, report, _j = clean(server, monkeypatch, tmp_path)
    assert [d["key"] for d in result["duplicates"]] == ["<dup@example.org>"]
    assert result["stats"]["split_groups"] == 2 and result["stats"]["confirm_bytes"] > 0
    assert [a["folder"] for a in plan["actions"]] == [server.f("Archive")]
    assert [o.status for o in report.outcomes] == ["done"]
    inbox = [m for m, _f in contents(c, "INBOX")]
    assert all(m in inbox for m in (code1, code2, cron1, cron2, DUP))
    c.logout()


def test_a_large_look_alike_is_told_apart_by_its_parts(server, monkeypatch, tmp_path):
    a = messages.with_attachment("<report@x>", 200_000, seed=7)
    b = messages.with_attachment("<report@x>", 200_000, seed=8)  # same size, other bytes in the middle
    assert len(a) == len(b)
    c = fresh(server, {"INBOX": [a, b], "Archive": [a]})
    result = scan(server, monkeypatch)
    groups = [d for d in result["duplicates"] if d["key"] == "<report@x>"]
    assert len(groups) == 1 and len(groups[0]["copies"]) == 2
    assert all(x["digest"].startswith("s:") for x in groups[0]["copies"])
    assert result["stats"]["confirm_bytes"] < 3 * 80_000  # head and tail of the parts, not the 270 kB
    c.logout()


def test_a_flagged_copy_is_never_moved(server, monkeypatch, tmp_path):
    f = server.f
    big = plain("<big@x>", "big", body="y" * 1_200_000 + "\r\n")
    c = fresh(server, {"INBOX": [DUP, (big, [b"\\Flagged"])], "Archive": [(DUP, [b"\\Flagged"])]})
    result = scan(server, monkeypatch)
    ticked = [{"folder": m["folder"], "uid": m["uid"], "category": "mail-large"} for m in result["large_messages"]]
    plan = build_plan(result, selected=ticked)
    assert plan["actions"] == []
    assert sorted(a["folder"] for a in build_plan(result, selected=ticked, flagged=True)["actions"]) == \
        sorted([f("Archive"), "INBOX"])
    c.logout()


@pytest.mark.servers("dovecot_old", "cyrus_old")
def test_a_server_without_move_and_uidplus_is_refused_and_left_as_it_was(server, monkeypatch, tmp_path):
    f = server.f
    others = [plain(f"<o{i}@x>", f"o{i}", body=f"other {i}\r\n") for i in range(3)]
    c = fresh(server, {"INBOX": [DUP, *others], "Archive": [DUP, *others]})
    names = ("INBOX", f("Archive"), f("Trash"))
    before = {n: contents(c, n) for n in names}
    result, plan, report, journal = clean(server, monkeypatch, tmp_path)
    assert len(plan["actions"]) == 4
    assert {o.status for o in report.outcomes} == {"skipped"}
    assert all("neither MOVE nor UIDPLUS" in o.reason for o in report.outcomes)
    assert {n: contents(c, n) for n in names} == before  # no copy, no \Deleted
    assert not any(r["event"] == "done" for r in journal.iter_records())
    c.logout()


def test_a_trash_copy_is_claimed_once_per_run(server, monkeypatch, tmp_path):
    f = server.f
    c = fresh(server, {"INBOX": [DUP], "Archive": [DUP], "Other": [DUP]})
    plan = build_plan(scan(server, monkeypatch, folders=["INBOX", "Archive", "Other"]))
    assert sorted(a["folder"] for a in plan["actions"]) == sorted([f("Archive"), f("Other")])
    c.select_folder(f("Other"))  # another client deletes it for good between plan and clean
    c.delete_messages(c.search(["ALL"]))
    c.expunge()
    c.close_folder()
    journal = Journal(tmp_path / "journal.jsonl")
    report = execute_plan(plan, journal=journal)
    status = {o.action["folder"]: o.status for o in report.outcomes}
    assert status == {f("Archive"): "done", f("Other"): "skipped"}
    emptied = mail_ops.empty_mail_run(report.run_id, journal)
    assert len(emptied) == 1 and sum(e["freed"] for e in emptied.values()) == plan["actions"][0]["size"]
    c.logout()


def test_undo_reports_and_journals_each_item(server, monkeypatch, tmp_path):
    f = server.f
    c = fresh(server, {"INBOX": [DUP], "Archive": [DUP], "Other": [DUP]})
    result, plan, report, journal = clean(server, monkeypatch, tmp_path, folders=["INBOX", "Archive", "Other"])
    assert sorted(o.status for o in report.outcomes) == ["done", "done"]
    c.delete_folder(f("Other"))  # the user removed one of the folders meanwhile
    undo = mail_ops.restore_mail_run(report.run_id, journal)
    by_folder = {a["folder"]: undo[a["id"]]["status"] for a in plan["actions"]}
    assert by_folder == {f("Archive"): "restored", f("Other"): "failed"}
    restored = [r for r in journal.iter_records() if r["event"] == "restored"]
    assert [r["path"] for r in restored] == [f("Archive")]
    assert [m for m, _f in contents(c, f("Archive"))] == [DUP]
    c.logout()


def test_a_utf8_password_signs_in(server):
    client = connect(ImapSettings("127.0.0.1", "other", server.port, "insecure-plain", timeout=10),
                     Credentials(password="pässword"))
    assert client.list_folders()
    client.logout()


@pytest.mark.servers("dovecot")
def test_the_batch_is_journaled_before_the_server_changes_and_keep_is_chosen_from_the_cli(server, monkeypatch,
                                                                                           tmp_path):
    import json
    import subprocess
    import sys

    c = fresh(server, {"INBOX": [DUP], "Archive": [DUP], "Other": [DUP]})
    result = scan(server, monkeypatch, folders=["INBOX", "Archive", "Other"])
    (tmp_path / "scan.json").write_text(json.dumps(result))
    p = subprocess.run([sys.executable, "-m", "cleanup_desktop", "plan", str(tmp_path / "scan.json"),
                        "--keep", "folder:Archive", "-o", str(tmp_path / "plan.json")], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    plan = json.loads((tmp_path / "plan.json").read_text())
    assert sorted(a["folder"] for a in plan["actions"]) == ["INBOX", "Other"]
    assert {a["keep"]["folder"] for a in plan["actions"]} == {"Archive"}
    bad = subprocess.run([sys.executable, "-m", "cleanup_desktop", "plan", str(tmp_path / "scan.json"),
                          "--keep", "shortest-path"], capture_output=True, text=True)
    assert bad.returncode == 2 and "folder:NAME, newest or oldest" in bad.stderr
    journal = Journal(tmp_path / "journal.jsonl")
    report = execute_plan(plan, journal=journal)
    assert [o.status for o in report.outcomes] == ["done", "done"]
    events = [(r["event"], r.get("action_id") or (r.get("action") or {}).get("id")) for r in journal.iter_records()]
    batch = next(i for i, (e, _a) in enumerate(events) if e == "mail-batch")
    first_done = next(i for i, (e, _a) in enumerate(events) if e == "done")
    assert batch < first_done  # written before any message moved
    c.logout()


@pytest.mark.servers("dovecot_move_only")
def test_move_without_uidplus_is_found_in_trash_before_it_is_journaled(server, monkeypatch, tmp_path):
    c = fresh(server, {"INBOX": [DUP], "Archive": [DUP], "Other": [DUP]})
    result, plan, report, journal = clean(server, monkeypatch, tmp_path, folders=["INBOX", "Archive", "Other"])
    assert [o.status for o in report.outcomes] == ["done", "done"], [o.reason for o in report.outcomes]
    c.select_folder("Trash", readonly=True)
    in_trash = set(c.search(["ALL"]))
    c.close_folder()
    done = [r["result"] for r in journal.iter_records() if r["event"] == "done"]
    assert {r["trash_uid"] for r in done} == in_trash and len(in_trash) == 2  # found by search, one each
    undo = mail_ops.restore_mail_run(report.run_id, journal)  # undo works with MOVE alone too
    assert {v["status"] for v in undo.values()} == {"restored"}
    assert contents(c, server.f("Trash")) == []
    c.logout()


def test_gmail_labels_go_into_the_journal_and_back_on_undo(server, monkeypatch, tmp_path):
    """Gmail cannot run here: the label calls are recorded around a real server's move and undo
    (X-GM-LABELS read before the move, journaled, handed back to the relabel step)."""
    from cleanup_desktop.core.mail.clean.imap import ImapCleaner

    labels = ["\\Important", "Projects/Été"]
    put_back = []
    monkeypatch.setattr(ImapCleaner, "gmail_labels", lambda self, uids: {u: list(labels) for u in uids})
    monkeypatch.setattr(ImapCleaner, "_relabel", lambda self, folder, uid, got: put_back.append((folder, got)))
    c = fresh(server, {"INBOX": [DUP], "Archive": [DUP]})
    result, plan, report, journal = clean(server, monkeypatch, tmp_path)
    done = [r["result"] for r in journal.iter_records() if r["event"] == "done"]
    assert [r["labels"] for r in done] == [labels]
    undo = mail_ops.restore_mail_run(report.run_id, journal)
    assert {v["status"] for v in undo.values()} == {"restored"}
    assert put_back == [(server.f("Archive"), labels)]
    c.logout()

"""Cleaning real servers (Dovecot and Cyrus) through plans: re-verification, Trash, exact
expunge, cuts, journal."""

from __future__ import annotations

import pytest

from conftest import snapshot
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.mail import ops as mail_ops
from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings
from cleanup_desktop.core.mail.clean.imap import ImapCleaner
from cleanup_desktop.core.mail.sources.imap_scan import ImapSource
from cleanup_desktop.core.mail.scan import scan_mailbox
from cleanup_desktop.core.run.plan import PlanError, build_plan

SERVERS = ("dovecot", "cyrus")  # every test here runs on both (see conftest.py)


def _scan(port, monkeypatch):
    # the password comes from the caller (the GUI's prompt, `clean --password-env`), never the plan
    monkeypatch.setattr(mail_ops, "credential_resolver", lambda account, action: Credentials(password="secret"))
    s = ImapSettings("127.0.0.1", "test", port, "insecure-plain", timeout=10)
    return scan_mailbox(ImapSource(s, Credentials(password="secret")), connection={"password_env": "T_MAILPW"})


def _folder_keys(client, folder):
    client.select_folder(folder, readonly=True)
    uids = client.search(["ALL"])
    data = client.fetch(uids, ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID SUBJECT)]", "FLAGS"]) if uids else {}
    client.unselect_folder()
    return {u: d for u, d in data.items()}


def _ids(client, folder):
    out = []
    for d in _folder_keys(client, folder).values():
        raw = next(v for k, v in d.items() if k.startswith(b"BODY["))
        line = [ln for ln in raw.decode(errors="replace").splitlines() if ln.lower().startswith("message-id")]
        out.append(line[0].split(":", 1)[1].strip() if line else "(none)")
    return sorted(out)


def test_duplicates_to_trash_with_journal(mailbox, server, monkeypatch, tmp_path):
    f = server.f
    scan = _scan(server.port, monkeypatch)
    plan = build_plan(scan)
    acts = plan["actions"]
    assert {a["op"] for a in acts} == {"mail-trash"} and len(acts) == 4
    assert all(a["keep"] and not a["credential"] for a in acts)  # a plan never names a secret's source
    assert "secret" not in repr(plan)
    # the INBOX copy with the oldest UID is kept
    assert ("INBOX", 1) not in {(a["folder"], a["uid"]) for a in acts}
    before = snapshot(mailbox)
    preview = execute_plan(plan, dry_run=True, journal=None)
    assert [o.status for o in preview.outcomes] == ["done"] * 4
    assert all(o.result["dry_run"] for o in preview.outcomes)
    assert snapshot(mailbox) == before  # a dry run changes nothing
    journal = Journal(tmp_path / "journal.jsonl")
    report = execute_plan(plan, journal=journal)
    assert [o.status for o in report.outcomes] == ["done"] * 4, [o.reason for o in report.outcomes]
    assert sum(o.result["trashed"] for o in report.outcomes) == sum(a["size"] for a in acts)
    assert _ids(mailbox, f("Trash")) == sorted(["(none)", "<att-1@example.org>", "<dup-1@example.org>",
                                             "<dup-1@example.org>"])
    assert _ids(mailbox, f("Archive")) == []
    inbox = _ids(mailbox, "INBOX")
    assert inbox.count("<dup-1@example.org>") == 2  # the kept one and the same-id other-size one
    assert inbox.count("(none)") == 1 and "<att-1@example.org>" in inbox
    done = [r for r in journal.iter_records() if r["event"] == "done"]
    assert len(done) == 4 and all(r["result"]["trash_folder"] == f("Trash") for r in done)
    # every message the plan did not name is untouched, flags included
    after = snapshot(mailbox)
    removed = {(a["folder"], a["uid"]) for a in acts}
    assert {k: v for k, v in before.items() if k not in removed} == {k: v for k, v in after.items() if k[0] != f("Trash")}
    # running the same plan again without the journal: found in Trash, nothing done twice
    again = execute_plan(plan, journal=None)
    statuses = sorted(o.status for o in again.outcomes)
    assert statuses.count("done") == 3 and statuses.count("skipped") == 1  # the header-hash one is not searchable
    assert len(_ids(mailbox, f("Trash"))) == 4

    # a message the user put in the Trash himself is not ours: it stays
    mailbox.append(f("Trash"), b"Message-ID: <users-own@x>\r\nSubject: mine\r\n\r\nkeep me\r\n")
    # empty exactly those from the Trash, from the journal of the run
    rep = mail_ops.empty_mail_run(report.run_id, journal)
    assert [v["status"] for v in rep.values()] == ["emptied"] * 4
    assert _ids(mailbox, f("Trash")) == ["<users-own@x>"]
    emptied = [r for r in journal.iter_records() if r["event"] == "emptied"]
    assert sum(r["freed"] for r in emptied) == sum(a["size"] for a in acts)
    assert mail_ops.mail_items_in_trash(report.run_id, journal) == []


def test_safety_skips(mailbox, server, monkeypatch):
    f = server.f
    scan = _scan(server.port, monkeypatch)
    plan = build_plan(scan)
    by_key = {}
    for a in plan["actions"]:
        by_key.setdefault(a["key"], []).append(a)
    # 1) UIDVALIDITY changed for the Archive folder
    for a in plan["actions"]:
        if a["folder"] == f("Archive"):
            a["uidvalidity"] += 1
    # 2) the kept copy of the header-hash group disappears before the run
    hashed = next(a for a in plan["actions"] if a["key"].startswith("hash:"))
    mailbox.select_folder("INBOX")
    mailbox.delete_messages([hashed["keep"]["uid"]])
    mailbox.uid_expunge([hashed["keep"]["uid"]])
    mailbox.unselect_folder()
    # 3) a size that no longer matches
    inbox_dup = next(a for a in plan["actions"] if a["folder"] == "INBOX" and a["key"] == "<dup-1@example.org>")
    inbox_dup["size"] += 1
    report = execute_plan(plan, journal=None)
    reasons = {o.action["id"]: (o.status, o.reason) for o in report.outcomes}
    assert all(s == "skipped" for s, _r in reasons.values())
    assert "UIDVALIDITY" in reasons[next(a["id"] for a in plan["actions"] if a["folder"] == f("Archive"))][1]
    assert "copy to keep is gone" in reasons[hashed["id"]][1]
    assert "changed" in reasons[inbox_dup["id"]][1]
    assert _ids(mailbox, f("Trash")) == []


def test_planner_never_removes_every_copy(mailbox, server, monkeypatch):
    scan = _scan(server.port, monkeypatch)
    grp = next(d for d in scan["duplicates"] if d["key"] == "<dup-1@example.org>")
    selected = [{"folder": c["folder"], "uid": c["uid"], "category": "mail-duplicates"} for c in grp["copies"]]
    plan = build_plan(scan, duplicates=False, selected=selected)
    assert len(plan["actions"]) == 2
    kept = {(a["keep"]["folder"], a["keep"]["uid"]) for a in plan["actions"]}
    assert len(kept) == 1 and kept.isdisjoint({(a["folder"], a["uid"]) for a in plan["actions"]})
    big = scan["large_messages"] or scan["attachments"]
    plan = build_plan(scan, duplicates=False, selected=[{"folder": big[0]["folder"], "uid": big[0]["uid"],
                                                         "category": "mail-large"}], op="delete")
    assert [a["op"] for a in plan["actions"]] == ["mail-delete"]
    with pytest.raises(PlanError, match="not in this scan"):
        build_plan(scan, selected=[{"folder": "INBOX", "uid": 9999}])


def test_permanent_delete_and_copy_fallback_expunges_exactly(mailbox, server, monkeypatch):
    f = server.f
    scan = _scan(server.port, monkeypatch)
    plan = build_plan(scan, op="delete")
    assert execute_plan(plan, journal=None).outcomes[0].status == "skipped"  # not confirmed
    # another message flagged \Deleted by the user's mail client must survive our UID EXPUNGE
    mailbox.select_folder("INBOX")
    other = max(mailbox.search(["ALL"]))
    mailbox.add_flags([other], [b"\\Deleted"])
    mailbox.unselect_folder()
    report = execute_plan(plan, permanent=True, journal=None)
    assert all(o.status == "done" and o.result["freed"] == o.action["size"] for o in report.outcomes)
    assert other in _folder_keys(mailbox, "INBOX")
    assert _ids(mailbox, f("Trash")) == []
    # COPY + STORE + UID EXPUNGE path (servers without MOVE)
    mailbox.select_folder("INBOX")
    mailbox.remove_flags([other], [b"\\Deleted"])
    mailbox.unselect_folder()
    c = ImapCleaner(ImapSettings("127.0.0.1", "test", server.port, "insecure-plain"), Credentials(password="secret"),
                    use_move=False)
    mailbox.select_folder("INBOX")
    mailbox.add_flags([other], [b"\\Deleted"])
    mailbox.unselect_folder()
    data = _folder_keys(mailbox, "INBOX")
    uid = min(u for u in data if u != other)
    size = mailbox.select_folder("INBOX", readonly=True) and mailbox.fetch([uid], ["RFC822.SIZE"])[uid][b"RFC822.SIZE"]
    mailbox.unselect_folder()
    out = c.run_batch("INBOX", [{"id": "x", "uid": uid, "size": size, "uidvalidity": None, "key": None}])
    c.close()
    assert out["x"].ok and out["x"].result["trash_folder"] == f("Trash")
    assert other in _folder_keys(mailbox, "INBOX") and uid not in _folder_keys(mailbox, "INBOX")
    assert len(_ids(mailbox, f("Trash"))) == 1


@pytest.mark.parametrize("cut_on,forward,use_move", [
    (b"MOVE", True, True),      # server moved them; the answer is lost
    (b"MOVE", False, True),     # the command never reached the server
    (b"EXPUNGE", False, False),  # COPY and STORE done, EXPUNGE lost
])
def test_connection_cut_mid_clean(mailbox, server, monkeypatch, proxy_factory, cut_on, forward, use_move):
    f = server.f
    proxy = proxy_factory(cut_on=cut_on, forward=forward)
    scan = _scan(proxy.port, monkeypatch)
    plan = build_plan(scan)
    n = len(plan["actions"])
    trash_before = len(_ids(mailbox, f("Trash")))
    settings = ImapSettings("127.0.0.1", "test", proxy.port, "insecure-plain", timeout=10)
    cleaner = ImapCleaner(settings, Credentials(password="secret"), use_move=use_move)
    outcomes = {}
    for folder in sorted({a["folder"] for a in plan["actions"]}):
        batch = [a for a in plan["actions"] if a["folder"] == folder]
        outcomes.update(cleaner.run_batch(folder, batch))
    cleaner.close()
    assert proxy.cuts == 1 and cleaner.reconnects == 1
    assert all(o.ok for o in outcomes.values()), [o.reason for o in outcomes.values()]
    assert len(_ids(mailbox, f("Trash"))) == trash_before + n  # each moved exactly once
    for a in plan["actions"]:
        assert a["uid"] not in _folder_keys(mailbox, a["folder"])
    kept = {(a["keep"]["folder"], a["keep"]["uid"]) for a in plan["actions"]}
    for folder, uid in kept:
        assert uid in _folder_keys(mailbox, folder)


def test_clean_over_tls_with_the_pinned_certificate_from_the_scan(mailbox, server, monkeypatch):
    f = server.f
    import json
    import os
    import subprocess
    import sys

    from cleanup_desktop.core.mail.sources.imap import format_fingerprint

    fp = format_fingerprint(server.fingerprint)
    p = subprocess.run([sys.executable, "-m", "cleanup_desktop", "mail-scan", "--host", "127.0.0.1", "--port",
                        str(server.ssl_port), "--user", "test", "--password-env", "T_MAILPW", "--trust-fingerprint",
                        fp, "--json"], capture_output=True, text=True, env=dict(os.environ, T_MAILPW="secret"),
                       timeout=60)
    assert p.returncode == 0, p.stderr
    scan = json.loads(p.stdout)
    assert scan["connection"]["trust_fingerprint"] == fp and scan["connection"]["security"] == "ssl"
    monkeypatch.setattr(mail_ops, "credential_resolver", lambda account, action: Credentials(password="secret"))
    plan = build_plan(scan)
    assert all(a["account"]["trust_fingerprint"] == fp for a in plan["actions"])
    report = execute_plan(plan, journal=None)
    assert [o.status for o in report.outcomes] == ["done"] * 4
    assert len(_ids(mailbox, f("Trash"))) == 4


def test_cli_scan_plan_clean_end_to_end(mailbox, server, tmp_path):
    f = server.f
    import os
    import subprocess
    import sys

    env = dict(os.environ, T_MAILPW="secret")

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "cleanup_desktop", *args], capture_output=True, text=True,
                              env=env, timeout=120)

    scan, plan = tmp_path / "scan.json", tmp_path / "plan.json"
    p = cli("mail-scan", "--host", "127.0.0.1", "--port", str(server.port), "--security", "insecure-plain",
            "--user", "test", "--password-env", "T_MAILPW", "-o", str(scan))
    assert p.returncode == 0, p.stderr
    p = cli("plan", str(scan), "-o", str(plan))
    assert p.returncode == 0, p.stderr
    account = ("--host", "127.0.0.1", "--user", "test", "--password-env", "T_MAILPW")  # never from the plan
    p = cli("clean", str(plan), "--dry-run", *account)
    assert p.returncode == 0, p.stderr
    assert _ids(mailbox, f("Trash")) == []
    p = cli("clean", str(plan), "--yes", *account)
    assert p.returncode == 0, p.stdout + p.stderr
    assert len(_ids(mailbox, f("Trash"))) == 4 and _ids(mailbox, f("Archive")) == []


def test_undo_moves_trashed_mail_back(mailbox, server, monkeypatch, tmp_path):
    f = server.f
    scan = _scan(server.port, monkeypatch)
    before = {name: _ids(mailbox, name) for name in ("INBOX", f("Archive"), f("Trash"))}
    plan = build_plan(scan)
    journal = Journal(tmp_path / "journal.jsonl")
    report = execute_plan(plan, journal=journal)
    assert all(o.status == "done" for o in report.outcomes)
    # one trashed message was already taken out of the Trash by the user: reported, not invented
    gone = report.outcomes[0].result
    mailbox.select_folder(f("Trash"))
    mailbox.delete_messages([gone["trash_uid"]])
    mailbox.uid_expunge([gone["trash_uid"]])
    mailbox.unselect_folder()
    rep = mail_ops.restore_mail_run(report.run_id, journal)
    statuses = {k: v["status"] for k, v in rep.items()}
    assert statuses.pop(report.outcomes[0].action["id"]) == "failed"
    assert set(statuses.values()) == {"restored"}
    after = {name: _ids(mailbox, name) for name in ("INBOX", f("Archive"), f("Trash"))}
    lost = report.outcomes[0].action
    expect_inbox = list(before["INBOX"])
    expect_archive = list(before[f("Archive")])
    (expect_inbox if lost["folder"] == "INBOX" else expect_archive).remove(
        lost["key"] if not lost["key"].startswith("hash:") else "(none)")
    assert after["INBOX"] == sorted(expect_inbox) and after[f("Archive")] == sorted(expect_archive)
    assert after[f("Trash")] == []
    restored = [r for r in journal.iter_records() if r["event"] == "restored"]
    assert len(restored) == 3 and all(r["path"] in ("INBOX", f("Archive")) for r in restored)


def test_generic_undo_and_empty_trash_reach_the_mailbox(mailbox, server, monkeypatch, tmp_path):
    """`cleanup-desktop undo` / `empty-trash` go through core.run.undo, which hands mail to the mail backend."""
    f = server.f
    from cleanup_desktop.core.run import undo as trash

    scan = _scan(server.port, monkeypatch)
    before = {name: _ids(mailbox, name) for name in ("INBOX", f("Archive"))}
    journal = Journal(tmp_path / "journal.jsonl")
    first = execute_plan(build_plan(scan), journal=journal)
    assert all(o.status == "done" for o in first.outcomes)
    undone = trash.undo_run(first.run_id, journal)
    assert [o.status for o in undone] == ["restored"] * len(first.outcomes)
    assert {name: _ids(mailbox, name) for name in ("INBOX", f("Archive"))} == before
    assert _ids(mailbox, f("Trash")) == []
    assert trash.items_in_trash(first.run_id, journal) == []

    second = execute_plan(build_plan(_scan(server.port, monkeypatch)), journal=journal)
    trashed = sum(o.result["trashed"] for o in second.outcomes)
    emptied = trash.empty_run(second.run_id, journal)
    assert [o.status for o in emptied] == ["emptied"] * len(second.outcomes)
    assert sum(o.freed for o in emptied) == trashed > 0
    assert _ids(mailbox, f("Trash")) == []


def test_empty_trash_older_than_leaves_mail_trashed_since(mailbox, server, monkeypatch, tmp_path):
    """`empty-trash --older-than DAYS` empties only what went to the trash that long ago, in a
    mailbox's Trash as on disk: messages of the same run trashed since stay there."""
    import json
    from datetime import datetime, timedelta, timezone

    from cleanup_desktop.core.run import undo as trash

    f = server.f
    path = tmp_path / "journal.jsonl"
    report = execute_plan(build_plan(_scan(server.port, monkeypatch)), journal=Journal(path))
    assert len(report.outcomes) > 1 and all(o.status == "done" for o in report.outcomes)
    # the first message went to the trash three days ago, the others just now
    old = report.outcomes[0].action["id"]
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    for rec in lines:
        if rec["event"] == "done" and rec["action_id"] == old:
            rec["time"] = (datetime.now(timezone.utc) - timedelta(days=3)).isoformat(timespec="milliseconds")
    path.write_text("".join(json.dumps(rec) + "\n" for rec in lines))
    journal = Journal(path)
    in_trash = _ids(mailbox, f("Trash"))
    emptied = trash.empty_run(report.run_id, journal, older_than_days=1)
    assert [(o.action["id"], o.status) for o in emptied] == [(old, "emptied")]
    assert len(_ids(mailbox, f("Trash"))) == len(in_trash) - 1  # the others are still there
    assert {a["id"] for a, _r in trash.items_in_trash(report.run_id, journal)} == \
        {o.action["id"] for o in report.outcomes[1:]}


def test_a_hand_made_mail_plan_removing_the_kept_copy_is_refused(mailbox, server, monkeypatch):
    import copy

    from cleanup_desktop.core.run.plan import validate_plan

    plan = build_plan(_scan(server.port, monkeypatch))
    victim = next(a for a in plan["actions"] if a["keep"])
    bad = copy.deepcopy(plan)
    extra = copy.deepcopy(victim)
    extra["id"] = "kept-too"
    extra["folder"], extra["uid"] = victim["keep"]["folder"], victim["keep"]["uid"]
    extra["keep"] = None
    bad["actions"].append(extra)
    with pytest.raises(PlanError, match="kept copy"):
        validate_plan(bad)
    validate_plan(plan)  # the planner's own plan passes

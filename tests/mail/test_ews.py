"""On-premises Exchange through the real exchangelib, against the local EWS replay server:
scan (paging, attachments, folder sizes, read-only), throttling, sign-in/403/certificate
errors, and cleaning through plans (Deleted Items, verification, resume, empty)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ews_server import EwsServer
from exchange_helpers import ids_in, loaded_store, self_signed, store_snapshot
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.mail import ops as mail_ops
from cleanup_desktop.core.mail.errors import AuthError, MailError, UntrustedCertificate
from cleanup_desktop.core.mail.sources.ews import EwsSettings, EwsSource
from cleanup_desktop.core.mail.clean.ews import EwsCleaner
from cleanup_desktop.core.mail.sources.imap import Credentials
from cleanup_desktop.core.mail.scan import SCHEMA, scan_mailbox
from cleanup_desktop.core.run.plan import build_plan


@pytest.fixture
def ews():
    server = EwsServer(loaded_store()).start()
    yield server
    server.stop()


def _settings(server, **kw) -> EwsSettings:
    return EwsSettings(user="test@example.org", url=server.url, auth="basic", **kw)


def _scan(server, password="secret", page=5, **kw):
    return scan_mailbox(EwsSource(_settings(server), Credentials(password=password), page=page), **kw)


def test_scan_findings_paging_and_nothing_changes(ews):
    before = store_snapshot(ews.state.store)
    r = _scan(ews)
    assert store_snapshot(ews.state.store) == before  # nothing moved, nothing marked as read
    assert r["schema"] == SCHEMA and r["cancelled"] is False and r["connection"]["kind"] == "ews"
    assert set(ews.state.requests) <= {"ConvertId", "GetFolder", "FindFolder", "FindItem", "GetItem"}
    folders = {f["name"]: f for f in r["folders"]}
    assert folders["Inbox"]["messages"] == 18 and folders["Archive"]["messages"] == 2
    assert folders["Été 2026"]["messages"] == 1
    assert folders["Deleted Items"]["special_use"] == "\\Trash" and r["trash_folder"] == "Deleted Items"
    assert folders["Sent Items"]["special_use"] == "\\Sent"
    store = ews.state.store
    assert folders["Inbox"]["bytes"] == store.folder_size(store.folder_for("INBOX").id)
    # Inbox (18 items) was read in pages of 5: offsets 0, 5, 10, 15
    assert [o for o, n in ews.state.find_item_pages if n == 5][:4] == [0, 5, 10, 15]
    assert r["stats"]["messages"] == 21 and r["stats"]["bytes"] == sum(s for _f, s, _r in before.values())
    dups = {d["key"]: d for d in r["duplicates"]}
    assert [c["folder"] for c in dups["<dup-1@example.org>"]["copies"]] == ["Inbox", "Inbox", "Archive"]
    assert len([k for k in dups if k.startswith("hash:")]) == 1  # no Message-ID: raw-header hash, as IMAP
    att = {(a["folder"], a["filename"], a["mime"], a["size"]) for a in r["attachments"]}
    assert ("Inbox", "résumé été.pdf", "application/pdf", 700_000) in att  # decoded size, as Exchange says
    assert ("Inbox", "photo été.jpg", "image/jpeg", 600_000) in att  # inline picture of a big message
    assert [o["key"] for o in r["old"]] == ["<old-1@example.org>"]
    senders = {s["key"]: s for s in r["senders"]}
    assert senders["newsletter:news@news.example.com"]["messages"] == 5  # List-Unsubscribe read
    assert senders["list:dev.lists.example.org"]["messages"] == 4  # List-Id read
    assert r["stats"]["bytes_downloaded"] > 0


def test_server_busy_is_waited_out_and_the_page_asked_again(ews):
    ews.state.busy = {"FindItem": 2, "GetItem": 1}
    ews.state.back_off_ms = 100
    r = _scan(ews)
    assert ews.state.busy == {"FindItem": 0, "GetItem": 0}
    assert r["stats"]["messages"] == 21 and len(r["duplicates"]) == 3


def test_wrong_password_and_microsoft_365_refusal(ews):
    with pytest.raises(AuthError, match="wrong user name or password"):
        _scan(ews, password="nope")
    ews.state.forbidden = True
    with pytest.raises(MailError, match="use the Microsoft 365 account type") as exc:
        _scan(ews)
    assert exc.value.kind == "wrong-kind"


def test_settings_need_a_mailbox_address_and_https():
    with pytest.raises(MailError, match="e-mail address"):
        EwsSettings(user="CORP\\anna", url="https://mail.corp.example/EWS/Exchange.asmx").validate()
    with pytest.raises(MailError, match="https"):
        EwsSettings(user="a@corp.example", url="http://mail.corp.example/EWS/Exchange.asmx").validate()
    with pytest.raises(MailError, match="ntlm, basic or kerberos"):
        EwsSettings(user="a@corp.example", url="https://x/EWS/Exchange.asmx", auth="digest").validate()
    s = EwsSettings(user="CORP\\anna", email="anna@corp.example", url="https://mail.corp.example/EWS/Exchange.asmx")
    s.validate()
    assert s.describe()["host"] == "mail.corp.example" and s.describe()["port"] == 443


def test_untrusted_certificate_then_company_ca(tmp_path):
    ctx, pem = self_signed(tmp_path)
    server = EwsServer(loaded_store(), ssl_context=ctx).start()
    try:
        with pytest.raises(UntrustedCertificate, match="not trusted"):
            scan_mailbox(EwsSource(_settings(server), Credentials(password="secret")))
        r = scan_mailbox(EwsSource(_settings(server, cafile=str(pem)), Credentials(password="secret")))
        assert r["stats"]["messages"] == 21 and r["connection"]["cafile"] == str(pem)
    finally:
        server.stop()


def _plan(server, monkeypatch, **options):
    from cleanup_desktop.core.mail import ops as mail_ops
    from cleanup_desktop.core.mail.sources.imap import Credentials

    # the password comes from the caller (the GUI's prompt, `clean --password-env`), never the plan
    monkeypatch.setattr(mail_ops, "credential_resolver", lambda account, action: Credentials(password="secret"))
    scan = _scan(server, connection={"password_env": "T_EWSPW"})
    return scan, build_plan(scan, **options)


def test_clean_duplicates_to_deleted_items_verified_and_journaled(ews, monkeypatch, tmp_path):
    scan, plan = _plan(ews, monkeypatch)
    acts = plan["actions"]
    assert len(acts) == 4 and {a["op"] for a in acts} == {"mail-trash"}
    assert all(a["account"]["kind"] == "ews" and a["account"]["url"] == ews.url for a in acts)
    assert "secret" not in json.dumps(plan)
    store = ews.state.store
    before = store_snapshot(store)
    preview = execute_plan(plan, dry_run=True, journal=None)
    assert [o.status for o in preview.outcomes] == ["done"] * 4
    assert store_snapshot(store) == before and "MoveItem" not in ews.state.requests
    journal = Journal(tmp_path / "journal.jsonl")
    report = execute_plan(plan, journal=journal)
    assert [o.status for o in report.outcomes] == ["done"] * 4, [o.reason for o in report.outcomes]
    assert "MoveItem" in ews.state.requests and "DeleteItem" not in ews.state.requests  # never deleted
    assert ids_in(store, "Trash") == sorted(["(none)", "<att-1@example.org>", "<dup-1@example.org>",
                                             "<dup-1@example.org>"])
    assert ids_in(store, "Archive") == [] and ids_in(store, "INBOX").count("<dup-1@example.org>") == 2
    done = [r for r in journal.iter_records() if r["event"] == "done"]
    assert all(r["result"]["trash_folder"] == "Deleted Items" and r["result"]["trash_uid"] in store.messages
               for r in done)
    assert sum(r["result"]["trashed"] for r in done) == sum(a["size"] for a in acts)
    # the same plan again (no journal): each moved item is found in Deleted Items, nothing twice
    again = execute_plan(plan, journal=None)
    assert [(o.status, o.result.get("recovered")) for o in again.outcomes] == [("done", True)] * 4
    assert len(ids_in(store, "Trash")) == 4
    # empty exactly those from Deleted Items; the note says what the server keeps
    rep = mail_ops.empty_mail_run(report.run_id, journal)
    assert [v["status"] for v in rep.values()] == ["emptied"] * 4
    assert all("Recoverable Items" in v["message"] for v in rep.values())
    assert ids_in(store, "Trash") == [] and len(store.retention) == 4
    assert "HardDelete" not in json.dumps(ews.state.requests)


def test_clean_resumes_after_a_cut_and_checks_the_server(ews, monkeypatch):
    scan, plan = _plan(ews, monkeypatch)
    store = ews.state.store
    # a run that was cut after the server had moved one item: the item is gone from its folder
    first = next(a for a in plan["actions"] if not str(a["key"]).startswith("hash:"))
    store.move(first["uid"], store.by_well_known("deleteditems").id)
    # and a server that says NoError without moving (verification must catch it)
    ews.state.fail_move_silently = True
    report = execute_plan(plan, journal=None)
    by_id = {o.action["id"]: o for o in report.outcomes}
    assert by_id[first["id"]].status == "done" and by_id[first["id"]].result["recovered"] is True
    others = [o for o in report.outcomes if o.action["id"] != first["id"]]
    assert all(o.status == "skipped" and "did not remove" in o.reason for o in others)
    ews.state.fail_move_silently = False
    report = execute_plan(plan, journal=None)
    assert sorted(o.status for o in report.outcomes) == ["done"] * 4


def test_changed_message_and_lost_kept_copy_are_left_alone(ews, monkeypatch):
    scan, plan = _plan(ews, monkeypatch)
    store = ews.state.store
    dup = [a for a in plan["actions"] if a["key"] == "<dup-1@example.org>"]
    keep_uid = dup[0]["keep"]["uid"]
    store.hard_delete(keep_uid)  # the copy to keep disappeared meanwhile
    att = next(a for a in plan["actions"] if a["key"] == "<att-1@example.org>")
    store.messages[att["uid"]].raw += b"x"  # the message changed since the scan
    report = execute_plan(plan, journal=None)
    by_id = {o.action["id"]: o for o in report.outcomes}
    assert all(by_id[a["id"]].status == "skipped" and "copy to keep" in by_id[a["id"]].reason for a in dup)
    assert by_id[att["id"]].status == "skipped" and "changed" in by_id[att["id"]].reason
    assert all(a["uid"] in store.messages for a in dup + [att])


def test_permanent_delete_only_when_asked(ews, monkeypatch):
    scan, plan = _plan(ews, monkeypatch, op="delete")
    store = ews.state.store
    refused = execute_plan(plan, journal=None)
    assert all(o.status == "skipped" and "--permanent" in o.reason for o in refused.outcomes)
    assert len(store.retention) == 0
    report = execute_plan(plan, permanent=True, journal=None)
    assert [o.status for o in report.outcomes] == ["done"] * 4
    assert all(o.result["freed"] == o.action["size"] and "Recoverable Items" in o.result["note"]
               for o in report.outcomes)
    assert len(store.retention) == 4 and ids_in(store, "Trash") == []


def test_cleaner_refuses_items_already_in_deleted_items(ews, monkeypatch):
    store = ews.state.store
    m = next(iter(store.in_folder(store.folder_for("INBOX").id)))
    moved = store.move(m.id, store.by_well_known("deleteditems").id)
    cleaner = EwsCleaner(_settings(ews), Credentials(password="secret"))
    try:
        act = {"id": "a1", "uid": moved.id, "size": moved.size, "key": moved.message_id}
        out = cleaner.run_batch("Inbox", [act])
    finally:
        cleaner.close()
    assert not out["a1"].ok and "already in Deleted Items" in out["a1"].reason


def test_cli_scan_json_contract(ews):
    env = dict(os.environ, T_EWS_PW="secret")
    p = subprocess.run([sys.executable, "-m", "cleanup_desktop", "mail-scan", "--ews", ews.url,
                        "--user", "test@example.org", "--password-env", "T_EWS_PW", "--auth", "basic", "--json"],
                       capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["schema"] == SCHEMA and r["stats"]["messages"] == 21
    assert r["connection"]["kind"] == "ews" and r["connection"]["password_env"] == "T_EWS_PW"
    bad = subprocess.run([sys.executable, "-m", "cleanup_desktop", "mail-scan", "--ews", ews.url,
                          "--user", "test@example.org", "--password-env", "T_EWS_PW", "--auth", "basic"],
                         capture_output=True, text=True, env=dict(os.environ, T_EWS_PW="wrong"), timeout=60)
    assert bad.returncode == 3 and len(bad.stderr.strip().splitlines()) == 1
    assert "wrong user name or password" in bad.stderr


def test_gui_door_for_an_exchange_account(ews):
    from cleanup_desktop.core.mail.backends import source_for, test_connection

    account = _settings(ews).describe()
    assert account["kind"] == "ews" and "password" not in account
    ok, message = test_connection(account, Credentials(password="secret"))
    assert ok and "folders" in message
    ok, message = test_connection(account, Credentials(password="wrong"))
    assert not ok and "wrong user name or password" in message
    ok, message = test_connection(account)  # nothing in the keyring (tests use the null keyring)
    assert not ok and "No password saved" in message
    r = scan_mailbox(source_for(account, Credentials(password="secret")))
    assert r["stats"]["messages"] == 21


@pytest.mark.slow  # the EWS clean cut and the IMAP/Graph scan cuts stay fast (README: fast inner loop)
def test_scan_goes_on_after_a_dropped_connection(ews):
    from conftest import CuttingProxy

    port = int(ews.url.split(":")[2].split("/")[0])
    proxy = CuttingProxy(port, cut_after=6000)  # the first connection is cut mid-answer
    try:
        settings = EwsSettings(user="test@example.org", url=ews.url.replace(str(port), str(proxy.port)),
                               auth="basic")
        r = scan_mailbox(EwsSource(settings, Credentials(password="secret"), page=5))
    finally:
        proxy.close()
    assert proxy.cuts == 1
    assert r["stats"]["messages"] == 21 and len(r["duplicates"]) == 3


def test_clean_cut_while_moving_is_reconciled(ews, monkeypatch):
    scan, plan = _plan(ews, monkeypatch)
    ews.state.lose_answer = {"MoveItem": 2}  # both batches: moved by the server, the answer lost
    report = execute_plan(plan, journal=None)
    assert ews.state.lose_answer == {"MoveItem": 0}
    by_key: dict = {}
    for o in report.outcomes:
        by_key.setdefault(str(o.action["key"]).startswith("hash:"), []).append(o)
    # found in Deleted Items by Message-ID and size: done, nothing moved twice
    assert [(o.status, o.result.get("recovered")) for o in by_key[False]] == [("done", True)] * 3
    # without Message-ID: found among the items moved there last, by header hash and size
    assert [(o.status, o.result.get("recovered")) for o in by_key[True]] == [("done", True)]
    assert len(ids_in(ews.state.store, "Trash")) == 4


def test_ntlm_sign_in(ews, tmp_path, monkeypatch):
    users = tmp_path / "ntlm-users"
    users.write_text("CORP:anna:s3cret\n")
    monkeypatch.setenv("NTLM_USER_FILE", str(users))  # read by pyspnego's NTLM acceptor in the server
    ews.state.auth = "ntlm"
    ews.state.password = None  # basic would fail: only the NTLM handshake can get in

    def scan(password):
        s = EwsSettings(user="CORP\\anna", email="test@example.org", url=ews.url, auth="ntlm")
        return scan_mailbox(EwsSource(s, Credentials(password=password)))

    assert scan("s3cret")["stats"]["messages"] == 21
    with pytest.raises(AuthError, match="wrong user name or password"):
        scan("wrong")


def test_a_microsoft_365_mailbox_tried_over_ews_is_sent_to_the_right_type():
    from exchangelib.errors import UnauthorizedError

    from cleanup_desktop.core.mail.sources.ews import describe_ews_error

    m365 = EwsSettings(user="anna@contoso.com", url="https://outlook.office365.com/EWS/Exchange.asmx")
    err = describe_ews_error(UnauthorizedError("Invalid credentials"), m365)
    assert isinstance(err, AuthError) and "use the Microsoft 365 account type" in str(err)
    onprem = EwsSettings(user="anna@corp.example", url="https://mail.corp.example/EWS/Exchange.asmx")
    assert "wrong user name or password" in str(describe_ews_error(UnauthorizedError("x"), onprem))

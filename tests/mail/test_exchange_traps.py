"""The keep rule and issue 14's traps on Exchange (EWS, exchangelib) and Microsoft 365 (Graph),
against the local replay servers: Deleted Items and Junk Email never hold the kept copy, a
flagged (follow-up) mail is never planned, look-alikes with other content are not
duplicates; Graph's national-cloud options and company CA go from the scan into the plan."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timezone

import pytest

from ews_server import EwsServer
from exchange_helpers import ids_in, loaded_store, self_signed
from graph_server import GraphServer
from messages import plain
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.mail.sources.ews import EwsSettings, EwsSource
from cleanup_desktop.core.mail.sources.graph import GraphSettings, GraphSource
from cleanup_desktop.core.mail.sources.imap import Credentials
from cleanup_desktop.core.mail.scan import scan_mailbox
from cleanup_desktop.core.run.plan import build_plan

OLD = datetime(2024, 1, 1, tzinfo=timezone.utc)
NEW = datetime(2026, 1, 1, tzinfo=timezone.utc)
DUP = plain("<dup@example.org>", "Minutes", body="the minutes\r\n")
DUP2 = plain("<dup2@example.org>", "Agenda", body="the agenda\r\n")
CODE1 = plain("<otp@bank.example>", "Your code", body="Your code is 123456\r\n")
CODE2 = plain("<otp@bank.example>", "Your code", body="Your code is 654321\r\n")
TRAPS = {
    # the oldest copies are in Deleted Items and Junk Email: the Archive copy must be kept
    "Trash": [{"msg": DUP, "date": OLD}], "Junk": [{"msg": DUP, "date": OLD}],
    "Archive": [{"msg": DUP, "date": NEW}, {"msg": DUP2, "date": OLD, "flags": [b"\\Flagged"]}],
    "INBOX": [{"msg": DUP2, "date": NEW}, {"msg": CODE1, "date": NEW}, {"msg": CODE2, "date": NEW}],
}


class Tokens:
    def token(self, force_refresh: bool = False) -> str:
        return "good-token"


@pytest.fixture(params=["ews", "graph"])
def exchange(request, monkeypatch):
    store = loaded_store(TRAPS)
    monkeypatch.setenv("T_EXPW", "secret")
    monkeypatch.setenv("T_EXTOKEN", "good-token")
    from cleanup_desktop.core.mail import ops as mail_ops

    # the secret comes from the caller (the GUI's sign-in), never from a variable the plan names
    monkeypatch.setattr(mail_ops, "credential_resolver", lambda account, action: (
        Credentials(password="secret") if request.param == "ews" else Credentials(token_provider=lambda: "good-token")))
    if request.param == "ews":
        server = EwsServer(store).start()
        source = EwsSource(EwsSettings(user="test@example.org", url=server.url, auth="basic"),
                           Credentials(password="secret"))
        conn = {"password_env": "T_EXPW"}
    else:
        server = GraphServer(store).start()
        source = GraphSource(GraphSettings(tenant="contoso", client_id="app-id", user="test@example.org",
                                           endpoint=server.endpoint), Tokens())
        conn = {"token_env": "T_EXTOKEN"}
    yield server, source, conn
    server.stop()


def test_keep_rule_flags_and_content_on_exchange(exchange):
    server, source, conn = exchange
    store = server.state.store
    result = scan_mailbox(source, connection=conn)
    keys = sorted(d["key"] for d in result["duplicates"])
    assert keys == ["<dup2@example.org>", "<dup@example.org>"]  # the two one-time codes differ in content
    assert result["stats"]["split_groups"] == 1 and result["stats"]["confirm_bytes"] > 0
    dup = next(d for d in result["duplicates"] if d["key"] == "<dup@example.org>")
    assert dup["copies"][0]["folder"] == "Archive"
    flagged = next(d for d in result["duplicates"] if d["key"] == "<dup2@example.org>")
    assert any("\\Flagged" in c.get("flags", ()) for c in flagged["copies"])
    plan = build_plan(result)
    moves = sorted((a["folder"], a["keep"]["folder"]) for a in plan["actions"])
    # Junk's copy goes, Deleted Items' copy is already there, the flagged Archive copy stays
    assert moves == [("Junk Email", "Archive")]
    report = execute_plan(plan, journal=None)
    assert [o.status for o in report.outcomes] == ["done"], [o.reason for o in report.outcomes]
    assert ids_in(store, "Archive") == ["<dup2@example.org>", "<dup@example.org>"]
    assert ids_in(store, "INBOX").count("<otp@bank.example>") == 2


def test_graph_national_cloud_options_and_company_ca_reach_the_plan(tmp_path, monkeypatch):
    monkeypatch.setenv("T_GRAPH_TOKEN", "good-token")
    ctx, pem = self_signed(tmp_path)
    server = GraphServer(loaded_store(TRAPS), ssl_context=ctx).start()
    try:
        env = dict(os.environ, T_GRAPH_TOKEN="good-token")
        base = [sys.executable, "-m", "cleanup_desktop", "mail-scan", "--graph", "--tenant", "contoso",
                "--client-id", "app-id", "--graph-endpoint", server.endpoint, "--token-env", "T_GRAPH_TOKEN",
                "--authority", "https://login.microsoftonline.us/contoso"]
        refused = subprocess.run(base, capture_output=True, text=True, env=env, timeout=60)
        assert refused.returncode == 3 and "certificate" in refused.stderr.lower()
        scan_file = tmp_path / "scan.json"
        p = subprocess.run(base + ["--cafile", str(pem), "--json", "-o", str(scan_file)],
                           capture_output=True, text=True, env=env, timeout=60)
        assert p.returncode == 0, p.stderr
        conn = json.loads(scan_file.read_text())["connection"]
        assert conn["endpoint"] == server.endpoint and conn["cafile"] == str(pem)
        assert conn["authority"] == "https://login.microsoftonline.us/contoso"
        plan_file = tmp_path / "plan.json"
        p = subprocess.run([sys.executable, "-m", "cleanup_desktop", "plan", str(scan_file), "-o", str(plan_file)],
                           capture_output=True, text=True, env=env, timeout=60)
        assert p.returncode == 0, p.stderr
        plan = json.loads(plan_file.read_text())
        account = plan["actions"][0]["account"]
        assert (account["endpoint"], account["cafile"], account["authority"]) == (
            server.endpoint, str(pem), "https://login.microsoftonline.us/contoso")
        # clean signs in at the same place, through the company CA (the token from the caller:
        # a plan never names the variable a secret is read from)
        from cleanup_desktop.core.mail import ops as mail_ops

        monkeypatch.setattr(mail_ops, "credential_resolver",
                            lambda account, action: Credentials(token_provider=lambda: "good-token"))
        report = execute_plan(plan, journal=None)
        assert [o.status for o in report.outcomes] == ["done"], [o.reason for o in report.outcomes]
        helptext = subprocess.run([sys.executable, "-m", "cleanup_desktop", "mail-scan", "--help"],
                                  capture_output=True, text=True, timeout=60).stdout
        assert "--authority" in helptext and "--graph-endpoint" in helptext
    finally:
        server.stop()


def test_a_mail_flagged_after_the_scan_is_left_alone(exchange):
    server, source, conn = exchange
    store = server.state.store
    plan = build_plan(scan_mailbox(source, connection=conn))
    [action] = plan["actions"]
    store.messages[action["uid"]].flagged = True  # the user flags it in Outlook before the clean
    report = execute_plan(plan, journal=None)
    assert [o.status for o in report.outcomes] == ["skipped"] and "flagged" in report.outcomes[0].reason
    assert ids_in(store, "Junk") == ["<dup@example.org>"]

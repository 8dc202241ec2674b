"""Microsoft 365 through the app's Graph client (httpx), against the local Graph replay
server: scan (folders, paging, PR_MESSAGE_SIZE, $batch attachments/headers), expired token
refresh, throttling (429/503 Retry-After), access errors, cleaning through plans."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from exchange_helpers import ids_in, loaded_store, store_snapshot
from graph_server import GraphServer
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.mail import ops as mail_ops
from cleanup_desktop.core.mail.errors import AuthError, MailError
from cleanup_desktop.core.mail.sources.graph import GraphSettings, GraphSource
from cleanup_desktop.core.mail.sources.graph_http import GraphClient
from cleanup_desktop.core.mail.scan import SCHEMA, scan_mailbox
from cleanup_desktop.core.run.plan import build_plan


class Tokens:
    """A token provider as MSAL would be: a cached token first, a new one on force_refresh."""

    def __init__(self, first: str = "good-token", fresh: str = "good-token") -> None:
        self.first, self.fresh = first, fresh
        self.refreshes = 0

    def token(self, force_refresh: bool = False) -> str:
        if force_refresh:
            self.refreshes += 1
            return self.fresh
        return self.first


@pytest.fixture
def graph():
    server = GraphServer(loaded_store()).start()
    yield server
    server.stop()


def _settings(server) -> GraphSettings:
    return GraphSettings(tenant="contoso", client_id="app-id", user="test@example.org", endpoint=server.endpoint)


def _scan(server, tokens=None, page=5, **kw):
    return scan_mailbox(GraphSource(_settings(server), tokens or Tokens(), page=page), **kw)


def test_scan_findings_paging_and_nothing_changes(graph):
    before = store_snapshot(graph.state.store)
    tokens = Tokens(first="expired-token")  # the cached token has expired: one silent refresh
    r = _scan(graph, tokens)
    assert tokens.refreshes == 1
    assert store_snapshot(graph.state.store) == before
    assert {m for m, _p in graph.state.log} == {"GET", "POST"}  # POST only for $batch
    assert all(p == "/$batch" for m, p in graph.state.log if m == "POST")
    assert r["schema"] == SCHEMA and r["connection"]["kind"] == "graph" and r["connection"]["tenant"] == "contoso"
    folders = {f["name"]: f for f in r["folders"]}
    assert folders["Inbox"]["messages"] == 18 and folders["Archive"]["messages"] == 2
    assert folders["Deleted Items"]["special_use"] == "\\Trash" and r["trash_folder"] == "Deleted Items"
    store = graph.state.store
    assert folders["Inbox"]["bytes"] == store.folder_size(store.folder_for("INBOX").id)  # PR_MESSAGE_SIZE sum
    inbox_id = store.folder_for("INBOX").id
    pages = [p for m, p in graph.state.log if p.endswith("/messages") and inbox_id in p.replace("%3D", "=")]
    assert len(pages) == 4  # 18 messages, $top=5, followed @odata.nextLink
    assert r["stats"]["messages"] == 21 and r["stats"]["bytes"] == sum(s for _f, s, _r in before.values())
    dups = {d["key"]: d for d in r["duplicates"]}
    assert [c["folder"] for c in dups["<dup-1@example.org>"]["copies"]] == ["Inbox", "Inbox", "Archive"]
    assert len([k for k in dups if k.startswith("hash:")]) == 1
    att = {(a["folder"], a["filename"], a["mime"], a["size"]) for a in r["attachments"]}
    assert ("Archive", "résumé été.pdf", "application/pdf", 700_000) in att
    assert ("Inbox", "photo été.jpg", "image/jpeg", 600_000) in att
    senders = {s["key"]: s for s in r["senders"]}
    assert senders["newsletter:news@news.example.com"]["messages"] == 5
    assert senders["list:dev.lists.example.org"]["messages"] == 4
    assert r["stats"]["bytes_downloaded"] > 0


def test_throttling_is_waited_out(graph):
    graph.state.throttle = {"list": 1, "sub": 1}  # a whole call, and one request inside a $batch
    graph.state.unavailable = 1  # 503 with Retry-After
    r = _scan(graph)
    assert graph.state.throttle == {"list": 0, "sub": 0} and graph.state.unavailable == 0
    assert r["stats"]["messages"] == 21 and len(r["duplicates"]) == 3 and len(r["attachments"]) == 3


def test_sign_in_and_permission_errors(graph):
    with pytest.raises(AuthError, match="sign in again"):
        _scan(graph, Tokens(first="expired-token", fresh="expired-token"))
    graph.state.no_mail_scope.add("narrow-token")
    graph.state.tokens.add("narrow-token")
    with pytest.raises(MailError, match="Mail.ReadWrite"):
        _scan(graph, Tokens(first="narrow-token"))
    with pytest.raises(MailError, match="https"):
        GraphSettings(tenant="t", client_id="c", endpoint="http://graph.example.org/v1.0").validate()
    with pytest.raises(MailError, match="client"):
        GraphSettings(tenant="t", client_id="").validate()


def test_batch_splits_in_twenties_and_keeps_order(graph):
    store = graph.state.store
    ids = [m.id for m in store.messages.values()]  # 21 messages: two $batch calls
    client = GraphClient(Tokens(), graph.endpoint)
    try:
        answers = client.batch([{"method": "GET", "url": f"/me/messages/{i}?$select=id"} for i in ids])
    finally:
        client.close()
    assert [a["body"]["id"] for a in answers] == ids
    assert sum(1 for _m, p in graph.state.log if p == "/$batch") == 2


def _plan(server, monkeypatch, **options):
    from cleanup_desktop.core.mail import ops as mail_ops
    from cleanup_desktop.core.mail.sources.imap import Credentials

    # the token comes from the caller (the GUI's sign-in), never from a variable the plan names
    monkeypatch.setattr(mail_ops, "credential_resolver",
                        lambda account, action: Credentials(token_provider=lambda: "good-token"))
    scan = _scan(server, connection={"token_env": "T_GRAPH_TOKEN"})
    return build_plan(scan, **options)


def test_clean_moves_to_deleted_items_verified_journaled_and_emptied(graph, monkeypatch, tmp_path):
    plan = _plan(graph, monkeypatch)
    acts = plan["actions"]
    assert len(acts) == 4 and all(a["account"]["kind"] == "graph" for a in acts)
    assert all(not a["credential"] for a in acts)  # a plan never names a secret's source
    store = graph.state.store
    before = store_snapshot(store)
    preview = execute_plan(plan, dry_run=True, journal=None)
    assert [o.status for o in preview.outcomes] == ["done"] * 4 and store_snapshot(store) == before
    graph.state.throttle = {"move": 1}  # one move answered 429 inside the batch: sent again
    graph.state.retry_after = 0
    journal = Journal(tmp_path / "journal.jsonl")
    report = execute_plan(plan, journal=journal)
    assert [o.status for o in report.outcomes] == ["done"] * 4, [o.reason for o in report.outcomes]
    assert ids_in(store, "Trash") == sorted(["(none)", "<att-1@example.org>", "<dup-1@example.org>",
                                             "<dup-1@example.org>"])
    assert ids_in(store, "Archive") == [] and not store.retention  # moved, never deleted
    done = [r for r in journal.iter_records() if r["event"] == "done"]
    assert all(r["result"]["trash_uid"] in store.messages for r in done)
    moves = [p for m, p in graph.state.log if m == "POST" and p.endswith("/move")]
    assert len(moves) == 5  # four moves, one of them twice after the 429
    again = execute_plan(plan, journal=None)
    assert [(o.status, o.result.get("recovered")) for o in again.outcomes] == [("done", True)] * 4  # found again
    rep = mail_ops.empty_mail_run(report.run_id, journal)
    assert [v["status"] for v in rep.values()] == ["emptied"] * 4
    assert all("Recoverable Items" in v["message"] for v in rep.values())
    assert ids_in(store, "Trash") == [] and len(store.retention) == 4


def test_move_that_did_not_happen_is_caught(graph, monkeypatch):
    plan = _plan(graph, monkeypatch)
    graph.state.fail_moves = True
    report = execute_plan(plan, journal=None)
    assert all(o.status == "skipped" for o in report.outcomes)
    assert {o.reason for o in report.outcomes} <= {"the server did not remove the message (still in the folder)",
                                                   "moved, but not found in 'Deleted Items' afterwards"}
    assert ids_in(graph.state.store, "Trash") == []


def test_clean_cut_while_moving_is_reconciled(graph, monkeypatch):
    """The batch of moves is carried out but its answer is lost (connection dropped): the
    cleaner's retry loop (core.mail.clean.retry) looks again, finds each message in Deleted
    Items and counts it done once; nothing is moved twice."""
    plan = _plan(graph, monkeypatch)
    graph.state.lose_answer = 2  # both batches (one per folder): moved by the server, the answer lost
    report = execute_plan(plan, journal=None)
    assert graph.state.lose_answer == 0
    assert [(o.status, o.result.get("recovered")) for o in report.outcomes] == [("done", True)] * 4, \
        [o.reason for o in report.outcomes]
    moves = [p for m, p in graph.state.log if m == "POST" and p.endswith("/move")]
    assert len(moves) == 4  # each message moved once: the retry moved nothing again
    assert len(ids_in(graph.state.store, "Trash")) == 4 and ids_in(graph.state.store, "Archive") == []


def test_permanent_delete_only_when_asked(graph, monkeypatch):
    plan = _plan(graph, monkeypatch, op="delete")
    store = graph.state.store
    refused = execute_plan(plan, journal=None)
    assert all(o.status == "skipped" for o in refused.outcomes) and not store.retention
    report = execute_plan(plan, permanent=True, journal=None)
    assert [o.status for o in report.outcomes] == ["done"] * 4 and len(store.retention) == 4
    assert ("DELETE" in {m for m, _p in graph.state.log})


def test_cli_graph_scan_json_contract(graph):
    env = dict(os.environ, T_GRAPH_TOKEN="good-token")
    base = [sys.executable, "-m", "cleanup_desktop", "mail-scan", "--graph", "--tenant", "contoso",
            "--client-id", "app-id", "--graph-endpoint", graph.endpoint, "--token-env", "T_GRAPH_TOKEN"]
    p = subprocess.run(base + ["--json"], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 0, p.stderr
    r = json.loads(p.stdout)
    assert r["schema"] == SCHEMA and r["stats"]["messages"] == 21 and r["connection"]["token_env"] == "T_GRAPH_TOKEN"
    assert r["connection"]["endpoint"] == graph.endpoint
    bad = subprocess.run(base, capture_output=True, text=True, env=dict(env, T_GRAPH_TOKEN="expired-token"), timeout=60)
    assert bad.returncode == 3 and "sign in again" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    noid = subprocess.run([sys.executable, "-m", "cleanup_desktop", "mail-scan", "--graph", "--tenant", "t"],
                          capture_output=True, text=True, timeout=60)
    assert noid.returncode == 2 and "--client-id" in noid.stderr


def test_gui_door_for_a_microsoft_365_account(graph):
    from cleanup_desktop.core.mail.backends import test_connection
    from cleanup_desktop.core.mail.sources.imap import Credentials

    account = _settings(graph).describe()
    assert account["kind"] == "graph" and account["endpoint"] == graph.endpoint
    assert test_connection(account, Credentials(token_provider=lambda: "good-token")) == (True, "Connected: 7 folders.")
    ok, message = test_connection(account, Credentials(token_provider=lambda: "expired-token"))
    assert not ok and "sign in again" in message


def test_scan_goes_on_after_a_dropped_connection(graph):
    from conftest import CuttingProxy

    port = int(graph.endpoint.split(":")[2].split("/")[0])
    proxy = CuttingProxy(port, cut_after=3000)
    try:
        settings = GraphSettings(tenant="t", client_id="c", endpoint=graph.endpoint.replace(str(port), str(proxy.port)))
        r = scan_mailbox(GraphSource(settings, Tokens(), page=5))
    finally:
        proxy.close()
    assert proxy.cuts == 1
    assert r["stats"]["messages"] == 21 and len(r["duplicates"]) == 3


def test_msal_device_code_keyring_cache_and_silent_refresh(graph, tmp_path, monkeypatch):
    """The real MSAL against a local identity platform: device-code sign-in, the token cache in
    the keyring, a Graph 401 answered by one forced silent refresh (refresh_token grant)."""
    import keyring
    from file_keyring import FileKeyring
    from msal_authority import Authority

    from exchange_helpers import self_signed
    from cleanup_desktop.core.mail.sources.graph import MsalTokens

    ctx, pem = self_signed(tmp_path)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(pem))  # MSAL's requests session trusts the local authority
    monkeypatch.setenv("CD_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    old = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    authority = Authority(ctx, on_token=graph.state.tokens.add)
    try:
        settings = GraphSettings(tenant="contoso", client_id="app-id", user="anna@contoso.com",
                                 endpoint=graph.endpoint, authority=authority.url)
        shown: list[str] = []
        tokens = MsalTokens(settings, device_code=True, notify=shown.append)
        r = scan_mailbox(GraphSource(settings, tokens))
        assert r["stats"]["messages"] == 21
        assert authority.grants == ["urn:ietf:params:oauth:grant-type:device_code"]
        assert "ABCD-EFGH" in shown[0] and "Mail.ReadWrite" in authority.scopes[0]
        assert "offline_access" in authority.scopes[0]  # added by MSAL: a refresh token comes back
        saved = (tmp_path / "keyring.json").read_text()
        assert "msal-rt-1" in saved  # the MSAL cache, in the keyring only
        # a later run: silent from the keyring cache, no sign-in; the server then refuses the
        # access token (revoked/expired): one forced silent refresh with the refresh token
        graph.state.tokens.discard("msal-at-1")
        graph.state.expired.add("msal-at-1")
        later = MsalTokens(settings, interactive=False)
        r = scan_mailbox(GraphSource(settings, later))
        assert r["stats"]["messages"] == 21
        assert authority.grants == ["urn:ietf:params:oauth:grant-type:device_code", "refresh_token"]
        assert "msal-rt-2" in (tmp_path / "keyring.json").read_text()
        # cleaning from a plan signs in the same way: silently, from the keyring cache
        report = execute_plan(build_plan(r), journal=None)
        assert [o.status for o in report.outcomes] == ["done"] * 4
        assert len(authority.grants) == 2  # no new sign-in
    finally:
        authority.stop()
        keyring.set_keyring(old)

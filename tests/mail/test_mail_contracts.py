"""The mail documents fit their typed contracts (core/mail/types.py, core/run/types.py): a real
scan of a real server, the plan built from it, a dry run, a real run, undo and empty-trash,
and every journal record they wrote."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from contracts import assert_fits  # noqa: E402

from cleanup_desktop.core.mail import ops as mail_ops  # noqa: E402
from cleanup_desktop.core.run import undo  # noqa: E402
from cleanup_desktop.core.mail.analysis import AnalysisOptions  # noqa: E402
from cleanup_desktop.core.mail.scan import scan_mailbox  # noqa: E402
from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings  # noqa: E402
from cleanup_desktop.core.mail.sources.imap_scan import ImapSource  # noqa: E402
from cleanup_desktop.core.mail.types import MAIL_RECORD_TYPES, MailAction, MailResult, MailScanDoc  # noqa: E402
from cleanup_desktop.core.run.execute import execute_plan  # noqa: E402
from cleanup_desktop.core.run.journal import Journal  # noqa: E402
from cleanup_desktop.core.run.plan import build_plan  # noqa: E402
from cleanup_desktop.core.run.types import RECORD_TYPES, Plan, RunTotals  # noqa: E402

SERVERS = ("dovecot", "cyrus")


def test_mail_scan_plan_run_and_journal_fit_their_types(mailbox, server, monkeypatch, tmp_path):
    monkeypatch.setattr(mail_ops, "credential_resolver", lambda account, action: Credentials(password="secret"))
    settings = ImapSettings("127.0.0.1", "test", server.port, "insecure-plain", timeout=10)
    opts = AnalysisOptions(large_min_size=100_000, attachment_min_size=100_000, old_min_size=1,
                           senders_min_messages=1)
    scan = scan_mailbox(ImapSource(settings, Credentials(password="secret")), options=opts,
                        connection={"password_env": "T_MAILPW"})
    assert_fits(scan, MailScanDoc, "mail-scan")
    for kind in ("folders", "duplicates", "large_messages", "attachments", "old", "senders"):
        assert scan[kind], kind  # each list the contract describes is really checked

    plan = build_plan(scan)
    assert_fits(plan, Plan, "plan")
    assert plan["actions"]
    for i, action in enumerate(plan["actions"]):
        assert_fits(action, MailAction, f"plan.actions[{i}]")

    journal = Journal(tmp_path / "journal.jsonl")
    preview = execute_plan(plan, dry_run=True, journal=journal)
    report = execute_plan(plan, journal=journal)
    assert report.ok and all(o.status == "done" for o in report.outcomes), [o.reason for o in report.outcomes]
    for run in (preview, report):
        assert_fits(run.totals, RunTotals, "totals")
        for o in run.outcomes:
            assert_fits(o.result, MailResult, "outcome")
    assert {o.status for o in undo.undo_run(report.run_id, journal)} == {"restored"}
    again = build_plan(scan_mailbox(ImapSource(settings, Credentials(password="secret")), options=opts))
    second = execute_plan(again, journal=journal)
    assert second.ok
    assert {o.status for o in undo.empty_run(second.run_id, journal)} == {"emptied"}

    events = set()
    for rec in journal.iter_records():
        events.add(rec["event"])
        assert_fits(rec, {**RECORD_TYPES, **MAIL_RECORD_TYPES}[rec["event"]], f"journal {rec['event']}")
        if rec["event"] == "intent":
            assert_fits(rec["action"], MailAction, "journal intent.action")
        if rec["event"] == "done":
            assert_fits(rec["result"], MailResult, "journal done.result")
    assert events >= {"run-start", "mail-batch", "intent", "done", "run-end", "restored", "emptied"}, events
    for run_id in (report.run_id, second.run_id):
        assert_fits(journal.run_totals(run_id), RunTotals, "run totals")


def test_exchange_and_microsoft_365_scans_fit_the_same_types():
    """The EWS and Graph backends (replay servers) write the same mail-scan document, with
    their own connection keys (url, auth, email / tenant, client_id, endpoint)."""
    import messages
    from ews_server import EwsServer
    from exchange_helpers import loaded_store
    from graph_server import GraphServer

    from cleanup_desktop.core.mail.sources.ews import EwsSettings, EwsSource
    from cleanup_desktop.core.mail.sources.graph import GraphSettings, GraphSource

    class Token:
        def token(self, force_refresh: bool = False) -> str:
            return "good-token"

    opts = AnalysisOptions(large_min_size=100_000, attachment_min_size=100_000, old_min_size=1,
                           senders_min_messages=1)
    ews_server = EwsServer(loaded_store(messages.sample_mailbox())).start()
    graph_server = GraphServer(loaded_store(messages.sample_mailbox())).start()
    try:
        ews = scan_mailbox(EwsSource(EwsSettings(user="test@example.org", url=ews_server.url, auth="basic"),
                                     Credentials(password="secret"), page=10), options=opts)
        graph = scan_mailbox(GraphSource(GraphSettings(tenant="t", client_id="c", user="test@example.org",
                                                       endpoint=graph_server.endpoint), Token(), page=10),
                             options=opts)
    finally:
        ews_server.stop()
        graph_server.stop()
    for name, scan in (("ews", ews), ("graph", graph)):
        assert scan["connection"]["kind"] == name
        assert_fits(scan, MailScanDoc, f"{name} mail-scan")
        assert scan["duplicates"] and scan["attachments"] and scan["senders"]
        plan = build_plan(scan)
        assert_fits(plan, Plan, f"{name} plan")
        assert plan["actions"]
        for i, action in enumerate(plan["actions"]):
            assert_fits(action, MailAction, f"{name} plan.actions[{i}]")

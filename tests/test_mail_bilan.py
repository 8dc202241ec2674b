"""The bilan and the sheet over real mail runs on a real Dovecot: server mail counts as cloud,
moved-to-Trash is not freed, sizes match the server's, and no subject, message id, address or
folder name reaches any export."""

import json
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).parent / "mail"))

import messages  # noqa: E402
from dovecot import Dovecot  # noqa: E402

from cleanup_desktop.core.bilan import compute_bilan  # noqa: E402
from cleanup_desktop.core.run.execute import execute_plan  # noqa: E402
from cleanup_desktop.core.impact.classify import Classifier  # noqa: E402
from cleanup_desktop.core.run.journal import Journal  # noqa: E402
from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings  # noqa: E402
from cleanup_desktop.core.mail.sources.imap_scan import ImapSource  # noqa: E402
from cleanup_desktop.core.mail.scan import scan_mailbox  # noqa: E402
from cleanup_desktop.core.run.plan import build_plan  # noqa: E402
from cleanup_desktop.core.sheets import export, sheet_from_bilan  # noqa: E402


@pytest.fixture(scope="module")
def server():
    d = Dovecot().start()
    yield d
    d.cleanup()


def _server_sizes(client, actions):
    out = 0
    for a in actions:
        client.select_folder(a["folder"], readonly=True)
        out += client.fetch([a["uid"]], ["RFC822.SIZE"])[a["uid"]][b"RFC822.SIZE"]
        client.unselect_folder()
    return out


def _plan(port, monkeypatch, op):
    from cleanup_desktop.core.mail import ops as mail_ops

    monkeypatch.setattr(mail_ops, "credential_resolver", lambda account, action: Credentials(password="secret"))
    settings = ImapSettings("127.0.0.1", "test", port, "insecure-plain", timeout=10)
    scan = scan_mailbox(ImapSource(settings, Credentials(password="secret")), connection={"password_env": "T_MAILPW"})
    return build_plan(scan, op=op)


def test_mail_runs_bilan_and_sheet(server, monkeypatch, tmp_path):
    journal = Journal(tmp_path / "journal.jsonl")
    client = messages.reseed(server.port)
    trash_plan = _plan(server.port, monkeypatch, "trash")
    trashed = _server_sizes(client, trash_plan["actions"])
    report = execute_plan(trash_plan, journal=journal)
    assert all(o.status == "done" for o in report.outcomes)
    client.logout()

    client = messages.reseed(server.port)
    delete_plan = _plan(server.port, monkeypatch, "delete")
    freed = _server_sizes(client, delete_plan["actions"])
    report = execute_plan(delete_plan, permanent=True, journal=journal)
    assert all(o.status == "done" for o in report.outcomes), [o.reason for o in report.outcomes]
    client.logout()

    bilan = compute_bilan(journal_path=journal.path, classifier=Classifier(sync_folders=[], network=[]))
    n_trash, n_delete = len(trash_plan["actions"]), len(delete_plan["actions"])
    assert n_trash >= 3 and n_delete >= 3 and trashed > 0 and freed > 0
    assert bilan.in_trash["mails_cloud"].to_dict() == {"bytes": trashed, "count": n_trash}
    assert bilan.freed["mails_cloud"].to_dict() == {"bytes": freed, "count": n_delete}
    assert bilan.local_bytes == 0 and bilan.by_environment["mailbox"]["freed_bytes"] == freed
    assert bilan.impact.line("go_cloud").quantity == pytest.approx(freed / 1e9)
    assert bilan.impact.line("email").quantity == n_delete  # the trashed ones are not counted yet

    sheet = sheet_from_bilan(bilan, participant="P", team="Support", event_id="E")
    texts = {}
    for fmt in ("json", "csv", "dcd"):
        texts[fmt] = export(sheet, fmt, tmp_path / f"s.{fmt}").read_text(encoding="utf-8-sig")
    wb = load_workbook(export(sheet, "xlsx", tmp_path / "s.xlsx"))
    texts["xlsx"] = "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    secrets = ["Duplicate me", "dup-1@", "att-1@", "example.org", "Été 2026", "Archive", "INBOX",
               "127.0.0.1", "T_MAILPW", "report.pdf"]
    for fmt, text in texts.items():
        for secret in secrets:
            assert secret not in text, f"{secret!r} leaked into {fmt}"
    assert json.loads(texts["dcd"])["donnees"]["fichiersSupprimes"]["emails"] == n_delete

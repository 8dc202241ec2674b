"""Personal bilan from the journal, the measurement sheet, its exports and reading them back."""

import csv
import json
import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from cleanup_desktop.core.bilan import Declared, Measurement, compute_bilan
from cleanup_desktop.core.impact import get_method
from cleanup_desktop.core.sheets import (
    SCHEMA,
    SheetError,
    export,
    read_sheet,
    sheet_from_bilan,
    sheet_from_dict,
    stable_sheet_id,
)
from sheet_factory import ACCOUNT, HOME, ONEDRIVE, SENSITIVE, JournalWriter, classifier, make_sheet, sensitive_journal


def test_trashed_is_not_freed_until_emptied_and_restores_undo_it():
    j = JournalWriter()
    run = j.start()
    a = j.file(run, HOME + "/a", 4096)
    b = j.file(run, HOME + "/b", 8192)
    c = j.file(run, HOME + "/c", 12288)
    d = j.file(run, HOME + "/d", 1000)
    j.end(run)
    bilan = compute_bilan(j.records, classifier=classifier())
    assert bilan.freed["files_local"].bytes == 0
    assert bilan.in_trash["files_local"].bytes == 4096 + 8192 + 12288 + 1000
    j.rec(run, "emptied", action_id=a, freed=4096)
    j.rec(run, "restored", action_id=b, path=HOME + "/b")
    j.rec(run, "trash-missing", action_id=d)
    bilan = compute_bilan(j.records, classifier=classifier())
    assert bilan.freed["files_local"].to_dict() == {"bytes": 4096, "count": 1}
    assert bilan.in_trash["files_local"].to_dict() == {"bytes": 12288, "count": 1}
    assert bilan.in_trash_actions == [(run, c)]
    assert bilan.in_trash_runs == [run]
    assert bilan.by_category["duplicates"]["freed_bytes"] == 4096


def test_dry_runs_are_ignored_and_runs_can_be_chosen():
    j = JournalWriter()
    dry = j.start(dry_run=True)
    j.file(dry, HOME + "/x", 10**9, op="delete")
    r1 = j.start(permanent=True)
    j.file(r1, HOME + "/y", 2 * 10**9, op="delete")
    r2 = j.start(permanent=True)
    j.file(r2, HOME + "/z", 3 * 10**9, op="delete")
    assert compute_bilan(j.records, classifier=classifier()).local_bytes == 5 * 10**9
    only = compute_bilan(j.records, runs=[r2], classifier=classifier())
    assert only.local_bytes == 3 * 10**9 and only.runs == [r2]
    for rec in j.records:  # r2 started a day later
        if rec["run"] == r2:
            rec["time"] = rec["time"].replace("2026-11-25", "2026-11-26")
    assert compute_bilan(j.records, since="2026-11-26", classifier=classifier()).runs == [r2]
    assert compute_bilan(j.records, since="2026-11-26T00:00:00+01:00", classifier=classifier()).runs == [r2]
    assert len(compute_bilan(j.records, since="2026-11-25", classifier=classifier()).runs) == 2
    with pytest.raises(ValueError):
        compute_bilan(j.records, since="yesterday")


def test_cloud_drive_files_and_server_mail_count_once_as_cloud():
    j = JournalWriter()
    run = j.start(permanent=True)
    j.file(run, ONEDRIVE + "/Projets/plan.pptx", 100 * 10**9, op="delete")
    j.file(run, HOME + "/Videos/film.mkv", 50 * 10**9, op="delete")
    for _ in range(4):
        j.mail(run, "k", 10**6)
    j.mail(run, "k", 5 * 10**6, account={"kind": "mbox", "host": "", "user": "", "port": 0, "security": ""})
    j.mail(run, "k", 7 * 10**6, op="mail-trash")
    j.end(run)
    bilan = compute_bilan(j.records, classifier=classifier())
    assert bilan.freed["files_cloud"].to_dict() == {"bytes": 100 * 10**9, "count": 1}
    assert bilan.freed["files_local"].to_dict() == {"bytes": 50 * 10**9, "count": 1}
    assert bilan.freed["mails_cloud"].to_dict() == {"bytes": 4 * 10**6, "count": 4}
    assert bilan.freed["mails_local"].to_dict() == {"bytes": 5 * 10**6, "count": 1}
    assert bilan.in_trash["mails_cloud"].to_dict() == {"bytes": 7 * 10**6, "count": 1}
    assert bilan.by_environment["cloud-drive"]["freed_bytes"] == 100 * 10**9
    assert bilan.by_environment["mailbox"]["in_trash_bytes"] == 7 * 10**6
    # cloud-drive bytes are counted once, as cloud: 100 Go + 4 MB of server mail
    r = bilan.impact
    assert r.line("go_cloud").quantity == pytest.approx(100.004)
    assert r.line("go_local").quantity == pytest.approx(50.005)
    # the measured files are not counted again per file (double-count guard)
    assert r.line("file_cloud").quantity == 0 and r.line("file_local").quantity == 0
    assert r.line("email").quantity == 5  # the INR form's email factor: every email deleted
    assert r.kg == pytest.approx(100.004 * 0.2095 + 50.005 * 0.0157 + 5 * 0.0003)


def test_declared_items_and_measurements():
    j = JournalWriter()
    usage_before = {HOME: {"total": 500 * 10**9, "used": 300 * 10**9, "free": 200 * 10**9},
                    HOME + "/Documents": {"total": 500 * 10**9, "used": 300 * 10**9, "free": 200 * 10**9}}
    usage_after = {HOME: {"total": 500 * 10**9, "used": 290 * 10**9, "free": 210 * 10**9},
                   HOME + "/Documents": {"total": 500 * 10**9, "used": 290 * 10**9, "free": 210 * 10**9}}
    run = j.start(permanent=True, disk_usage=usage_before)
    j.file(run, HOME + "/f", 10**9, op="delete")
    j.end(run, disk_usage=usage_after)
    mailbox = Measurement("mailbox", 12 * 10**9, 9 * 10**9, "2026-11-25T09:00:00+00:00", "2026-11-25T12:00:00+00:00")
    bilan = compute_bilan(j.records, classifier=classifier(), declared=Declared(apps=10, files_cloud=500),
                          measurements=[mailbox])
    got = {m.environment: m for m in bilan.measurements}
    # two roots on one file system are measured once
    assert (got["workstation"].before_bytes, got["workstation"].after_bytes) == (300 * 10**9, 290 * 10**9)
    assert got["mailbox"].difference == 3 * 10**9
    assert bilan.impact.line("app").kg == pytest.approx(10 * 1.46 / 1000)
    assert bilan.impact.line("file_cloud").kg == pytest.approx(500 * 8 / 1000)
    with pytest.raises(ValueError):
        Measurement("my laptop C:", 1, 1)
    with pytest.raises(ValueError):
        Declared(apps=-1)


def test_journal_file_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_DESKTOP_DATA_DIR", str(tmp_path))
    j = JournalWriter(tmp_path / "journal.jsonl")
    run = j.start(permanent=True)
    j.file(run, HOME + "/a", 10**9, op="delete")
    with open(tmp_path / "journal.jsonl", "a") as fh:
        fh.write('{"v": 1, "run": "' + run + '", "event": "don')  # a line cut short by a crash
    bilan = compute_bilan(classifier=classifier())
    assert bilan.local_bytes == 10**9


def test_sheet_json_round_trip_and_schema():
    sheet = make_sheet(cloud=3 * 10**9, local=2 * 10**9, mails=10, mail_bytes=10**7)
    d = sheet.to_dict()
    assert d["schema"] == SCHEMA == "cleanup-desktop/sheet/1"
    assert d["unit"] == {"go_bytes": 10**9, "note": "1 Go = 10^9 bytes (decimal gigabyte)"}
    assert d["reemploi"] is None and d["recyclage"] is None
    assert d["method"]["id"] == "inr-dcd-bilan"
    assert d["totals"]["go_cloud"] == pytest.approx(3.01)
    back = sheet_from_dict(json.loads(json.dumps(d)))
    assert back.to_dict() == d


def test_every_export_reads_back_with_the_same_figures(tmp_path):
    sheet = make_sheet(cloud=3 * 10**9, local=2 * 10**9, mails=10, mail_bytes=10**7, team="=SUM(A1)")
    sheet.declared = Declared(apps=4, emails=3)
    sheet.recompute()
    for fmt in ("json", "csv", "xlsx"):
        path = export(sheet, fmt, tmp_path / f"sheet.{fmt}")
        back = read_sheet(path)
        assert back.to_dict()["freed"] == sheet.to_dict()["freed"], fmt
        assert back.declared == sheet.declared
        assert back.kg == pytest.approx(sheet.kg)
        assert back.team == "=SUM(A1)" and back.sheet_id == sheet.sheet_id
    path = export(sheet, "xlsx", tmp_path / "sheet.xlsx", lang="en")
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["My sheet", "CO2e per line"]
    assert wb["cleanup-desktop-data"].sheet_state == "veryHidden"  # the sheet JSON, read back
    rows = {r[0]: r for r in wb["My sheet"].iter_rows(values_only=True)}
    assert rows["Go freed"][1:] == (pytest.approx(5.01), "Go")
    assert rows["kg CO2e avoided"][1] == pytest.approx(sheet.kg)
    assert rows["Team / department"][1] == "'=SUM(A1)"  # never run as a formula by the spreadsheet
    assert rows["Emails deleted, measured by the app"][1:] == (10, "emails")
    assert rows["Emails declared"][1] == 3
    form = wb["My sheet"]
    assert form.freeze_panes == "A3" and form.page_setup.fitToWidth == 1 and form.sheet_properties.pageSetUpPr.fitToPage
    assert [c.value for c in wb["CO2e per line"][1]][:3] == ["What was deleted", "Quantity", "Unit"]
    with open(tmp_path / "sheet.csv", encoding="utf-8-sig") as fh:
        (row,) = list(csv.DictReader(fh))
    assert row["go_total"] == "5.01" and row["method_id"] == "inr-dcd-bilan"


def test_dcd_block_maps_to_the_national_form(tmp_path):
    sheet = make_sheet(cloud=100 * 10**9, local=50 * 10**9, mails=10_000, mail_bytes=10**9)
    sheet.declared = Declared(files_local=20, apps=2)
    sheet.recompute()
    doc = json.loads(export(sheet, "dcd", tmp_path / "s.dcd.json").read_text())
    assert set(doc) == {"metadata", "sensibilisation", "reemploi", "donnees", "recyclage", "cleanupDesktopSheet"}
    assert read_sheet(tmp_path / "s.dcd.json").to_dict()["freed"] == sheet.to_dict()["freed"]
    assert doc["donnees"] == {
        "fichiersSupprimes": {"emails": 10_000, "postsSociaux": 0, "cloud": 0, "local": 20},
        "applicationsDesinstallees": 2,
        "goRecuperes": {"cloud": 101.0, "local": 50.0},
    }
    assert doc["metadata"]["cleanupId"] == "DCD-42" and doc["metadata"]["actionsRealisees"] == ["donnees"]
    # the national form's own arithmetic on this block gives our total
    d = doc["donnees"]
    national = (d["goRecuperes"]["cloud"] * 209.5 + d["goRecuperes"]["local"] * 15.7
                + d["fichiersSupprimes"]["emails"] * 0.3 + d["fichiersSupprimes"]["local"] * 0.79
                + d["applicationsDesinstallees"] * 1.46) / 1000
    assert national == pytest.approx(sheet.kg)


@pytest.mark.parametrize("change, reason", [
    (lambda d: d.update(schema="cleanup-desktop/sheet/2"), "newer"),
    (lambda d: d.update(schema="something-else"), "not a Cleanup Desktop sheet"),
    (lambda d: d.update(sheet_id="123"), "UUID"),
    (lambda d: d["freed"]["files_local"].update(bytes=-5), "non-negative"),
    (lambda d: d["freed"].update(photos={"bytes": 1, "count": 1}), "unknown entries"),
    (lambda d: d["method"].update(id="nope"), "unknown method"),
    (lambda d: d["unit"].update(go_bytes=2**30), r"10\^9 bytes"),
    (lambda d: d["event"].update(date="25/11/2026"), "date"),
    (lambda d: d.update(reemploi={"frigo": {"don": 1}}), "device"),
    (lambda d: d.pop("freed"), "freed"),
])
def test_invalid_sheets_are_rejected_with_a_reason(change, reason):
    d = make_sheet(local=10**9).to_dict()
    change(d)
    with pytest.raises(SheetError, match=reason):
        sheet_from_dict(d)


def test_edited_kg_are_recomputed_and_future_sections_accepted():
    d = make_sheet(cloud=100 * 10**9).to_dict()
    d["impact"]["total"]["kg"] = 9999
    d["reemploi"] = {"smartphone": {"don": 2, "reparation": 1, "protection": 0, "reutilisation": 0}}
    d["recyclage"] = {"divers": {"quantite": 3, "poidsKg": 4.5}}
    s = sheet_from_dict(d)
    assert s.kg == pytest.approx(20.95)
    assert s.reemploi["smartphone"]["don"] == 2 and s.recyclage["divers"]["poidsKg"] == 4.5


def test_stable_sheet_id_per_event(tmp_path):
    a = stable_sheet_id("DCD-42", tmp_path)
    assert a == stable_sheet_id("DCD-42", tmp_path)
    assert a != stable_sheet_id("DCD-43", tmp_path)


def _pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_no_path_subject_or_address_leaks_into_any_export(tmp_path):
    from cleanup_desktop.render.pdf import render_sheet_pdf

    j, _ = sensitive_journal()
    bilan = compute_bilan(j.records, classifier=classifier())
    assert bilan.cloud_bytes == 3_000_000_000 + 500_000_000  # OneDrive file + server mail
    sheet = sheet_from_bilan(bilan, participant="P1", team="Finance", event_id="DCD-42")
    outputs = {}
    for fmt in ("json", "csv", "xlsx", "dcd"):
        outputs[fmt] = export(sheet, fmt, tmp_path / f"s.{fmt}")
    outputs["pdf"] = render_sheet_pdf(sheet, tmp_path / "s.pdf")
    texts = {fmt: p.read_bytes().decode("utf-8", "replace") for fmt, p in outputs.items() if fmt not in ("xlsx", "pdf")}
    wb = load_workbook(outputs["xlsx"])
    texts["xlsx"] = "\n".join(str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    texts["pdf"] = _pdf_text(outputs["pdf"])
    assert "3.5" in texts["pdf"] or "3,5" in texts["pdf"]
    for fmt, text in texts.items():
        assert "Finance" in text or fmt == "dcd"
        for secret in SENSITIVE:
            assert secret.lower() not in text.lower(), f"{secret!r} leaked into {fmt}"
    assert ACCOUNT["user"] not in json.dumps(sheet.to_dict())


def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "cleanup_desktop", *args], capture_output=True, text=True,
                          timeout=120, env=env)


def test_report_over_a_real_run(tmp_path):
    """Real files, the real scan/plan/clean/empty-trash commands, then the report."""
    env = dict(os.environ, CLEANUP_DESKTOP_DATA_DIR=str(tmp_path / "data"))
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(3):
        payload = os.urandom(40_000 + 7_000 * i)
        for c in range(3):
            (docs / f"Rapport {i} ({c}).odt").write_bytes(payload)
    scan = _cli("scan", "--json", str(docs), env=env)
    assert scan.returncode == 0, scan.stderr
    (tmp_path / "scan.json").write_text(scan.stdout)
    plan = _cli("plan", str(tmp_path / "scan.json"), "-o", str(tmp_path / "plan.json"), env=env)
    assert plan.returncode == 0, plan.stderr
    actions = json.loads((tmp_path / "plan.json").read_text())["actions"]
    assert len(actions) == 6
    expected = sum(os.stat(a["path"]).st_blocks * 512 for a in actions)
    half = actions[:3]
    (tmp_path / "plan1.json").write_text(json.dumps({**json.loads((tmp_path / "plan.json").read_text()),
                                                      "actions": half}))
    first = _cli("clean", "--yes", "--permanent", str(tmp_path / "plan1.json"), env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    second = _cli("clean", "--yes", str(tmp_path / "plan.json"), env=env)  # the rest, to the trash
    assert second.returncode == 0, second.stdout + second.stderr
    rep = _cli("report", "--format", "json", "--out", str(tmp_path / "before-empty.json"), "--event-id", "E1", env=env)
    assert rep.returncode == 0, rep.stderr
    s1 = json.loads((tmp_path / "before-empty.json").read_text())
    assert s1["freed"]["files_local"]["count"] == 3
    assert s1["in_trash"]["files_local"]["count"] == 3
    assert s1["freed"]["files_local"]["bytes"] + s1["in_trash"]["files_local"]["bytes"] == expected
    assert "still in the trash" in rep.stdout
    empty = _cli("empty-trash", "--yes", env=env)
    assert empty.returncode == 0, empty.stdout + empty.stderr
    for fmt in ("json", "xlsx", "dcd", "csv"):
        rep = _cli("report", "--format", fmt, "--out", str(tmp_path / f"sheet.{fmt}"), "--event-id", "E1",
                   "--team", "IT", "--participant", "Bob", env=env)
        assert rep.returncode == 0, rep.stderr
    s2 = read_sheet(tmp_path / "sheet.json")
    assert s2.freed["files_local"].bytes == expected and s2.files_deleted == 6
    assert s2.in_trash_bytes == 0
    assert s2.sheet_id == s1["sheet_id"]  # the same sheet id for every export of one event
    assert read_sheet(tmp_path / "sheet.xlsx").freed["files_local"].bytes == expected
    dcd = json.loads((tmp_path / "sheet.dcd").read_text())
    assert dcd["donnees"]["goRecuperes"]["local"] == pytest.approx(expected / 1e9, abs=1e-6)
    for secret in ("Rapport", str(docs)):
        assert secret not in (tmp_path / "sheet.json").read_text()
        assert secret not in (tmp_path / "sheet.csv").read_text(encoding="utf-8-sig")
    bad = _cli("report", "--format", "json", "--out", str(tmp_path / "x.json"), "--run", "zzzz", env=env)
    assert bad.returncode == 2 and "no run" in bad.stderr

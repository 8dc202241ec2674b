"""The organiser's aggregation: valid, invalid and duplicate sheets, team ranking, outputs."""

import json
import subprocess
import sys
import uuid
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cleanup_desktop.core.impact import get_method
from cleanup_desktop.core.sheets import export, read_sheet, sheet_from_dict
from cleanup_desktop.core.sheets.export import csv_text, sheets_from_csv_text
from cleanup_desktop.core.sheets.flat import flatten
from cleanup_desktop.core.sheets.aggregate import EventMeta, aggregate_paths, aggregate_sheets, write_outputs
from sheet_factory import make_sheet
from unprivileged import run_as

GO = 10**9


@pytest.fixture
def sheets_dir(tmp_path):
    d = tmp_path / "sheets"
    d.mkdir()
    a = make_sheet(team="Compta", participant="Ann", cloud=100 * GO, local=10 * GO)
    b = make_sheet(team="Compta", participant="Bea", local=40 * GO, mails=100, mail_bytes=GO)
    c = make_sheet(team="IT", participant="Cid", cloud=174 * GO)
    e = make_sheet(team=None, participant=None, local=2 * GO)
    export(a, "json", d / "ann.json")
    export(b, "xlsx", d / "bea.xlsx")
    export(c, "json", d / "cid.json")
    export(e, "json", d / "anon.json")
    # the same sheet exported twice: the later export wins
    older = replace(c, created="2026-11-25T09:00:00+00:00")
    export(older, "xlsx", d / "cid-old.xlsx")
    # invalid files
    (d / "broken.json").write_text('{"schema": "cleanup-desktop/sheet/1", "sheet_id": ')
    (d / "notes.json").write_text('{"hello": "world"}')
    bad = make_sheet(local=GO).to_dict()
    bad["freed"]["files_local"]["count"] = -1
    (d / "negative.json").write_text(json.dumps(bad))
    wb = Workbook()
    wb.active.append(["nothing", "here"])
    wb.save(d / "budget.xlsx")
    (d / "fake.xlsx").write_bytes(b"not a zip at all")
    other = make_sheet(team="IT", participant="Zoe", local=GO, event_id="DCD-99")
    export(other, "json", d / "other-event.json")
    export(make_sheet(team="IT", participant="Nel", local=GO, event_id=None), "json", d / "no-event.json")
    return d, {"a": a, "b": b, "c": c, "e": e}


def test_aggregate_folder_rejects_invalid_and_deduplicates(sheets_dir):
    d, s = sheets_dir
    agg = aggregate_paths([d], meta=EventMeta(event_id="DCD-42", organizer="ACME"))
    reasons = {r.file.split("/")[-1]: r.reason for r in agg.rejected}
    assert set(reasons) == {"broken.json", "notes.json", "negative.json", "budget.xlsx", "fake.xlsx",
                            "other-event.json"}
    assert "not valid JSON" in reasons["broken.json"]
    assert "not a Cleanup Desktop sheet" in reasons["notes.json"]
    assert "non-negative" in reasons["negative.json"]
    assert "without Cleanup Desktop sheet data" in reasons["budget.xlsx"]
    assert "XLSX" in reasons["fake.xlsx"]
    assert "DCD-99" in reasons["other-event.json"]
    assert [(x.file.split("/")[-1], x.kept.split("/")[-1]) for x in agg.duplicates] == [("cid-old.xlsx", "cid.json")]
    assert [r.file.split("/")[-1] for r in agg.without_event] == ["no-event.json"]  # never added to DCD-42
    t = agg.totals
    assert t.participants == 4
    assert t.go_cloud == pytest.approx(274 + 1)  # Ann 100 + Cid 174 + Bea's 1 Go of mail
    assert t.go_local == pytest.approx(10 + 40 + 2)
    assert t.go_per_participant == pytest.approx(327 / 4)
    assert t.emails_measured == 100 and t.emails_national == 100
    assert t.kg == pytest.approx(275 * 0.2095 + 52 * 0.0157 + 100 * 0.0003)
    ranking = [(tm.rank, tm.team, tm.participants) for tm in agg.teams]
    assert ranking == [(1, "IT", 1), (2, "Compta", 2), (3, "(no team)", 1)]
    assert agg.teams[1].go_per_participant == pytest.approx(151 / 2)


def test_check_value_through_aggregation():
    sheets = [make_sheet(cloud=137_050_000_000), make_sheet(cloud=137_050_000_000)]
    agg = aggregate_sheets([(f"s{i}", s) for i, s in enumerate(sheets)])
    assert agg.totals.go_cloud == pytest.approx(274.10)
    assert round(agg.totals.kg, 1) == 57.4


def test_sheets_of_different_methods_add_up_with_one_method():
    a = make_sheet(cloud=50 * GO, method=get_method("letsdoit-world"))
    b = make_sheet(cloud=50 * GO, method=get_method("legacy-19g-mo"))
    agg = aggregate_sheets([("a", a), ("b", b)])
    assert agg.method.id == "inr-dcd-bilan" and agg.totals.kg == pytest.approx(20.95)
    gcc = aggregate_sheets([("a", a), ("b", b)], method=get_method("green-cloud-computing"))
    assert (gcc.totals.kg_low, gcc.totals.kg_high) == pytest.approx((16.6, 28.0))


def test_outputs_xlsx_dcd_and_summary(sheets_dir, tmp_path):
    d, s = sheets_dir
    meta = EventMeta(event_id="DCD-42", organizer="ACME", structure_type="entreprise", region="Bretagne",
                     participants_reached=25)
    agg = aggregate_paths([d], meta=meta)
    out = write_outputs(agg, tmp_path / "out")
    wb = load_workbook(out["xlsx"])
    assert wb.sheetnames == ["Summary", "Teams", "Participants", "Rejected", "Sources"]
    rows = list(wb["Participants"].iter_rows(values_only=True))
    assert rows[0][:5] == ("Event", "Participant", "Team", "Event date", "Go freed (Go)")
    assert sorted(r[1] or "" for r in rows[1:]) == ["", "Ann", "Bea", "Cid"]
    assert {r[0] for r in rows[1:]} == {"DCD-42"}
    teams = list(wb["Teams"].iter_rows(values_only=True))
    assert [(r[0], r[1], r[2]) for r in teams[1:]] == [(1, "IT", 1), (2, "Compta", 2), (3, "(no team)", 1)]
    assert teams[1][3] == pytest.approx(174)
    dcd = json.loads(out["dcd"].read_text())
    assert dcd["metadata"]["cleanupId"] == "DCD-42" and dcd["metadata"]["organizer"] == "ACME"
    assert dcd["metadata"]["structureType"] == "entreprise" and dcd["metadata"]["region"] == "Bretagne"
    assert dcd["metadata"]["personneattainte"] == 25
    assert dcd["donnees"]["goRecuperes"] == {"cloud": pytest.approx(275), "local": pytest.approx(52)}
    assert dcd["donnees"]["fichiersSupprimes"]["emails"] == 100
    summary = json.loads(out["summary"].read_text())
    assert summary["totals"]["participants"] == 4 and len(summary["rejected"]) == 6
    assert len(summary["without_event"]) == 1


def test_reemploi_and_recyclage_sum_in_the_event_form():
    a, b = make_sheet(local=GO), make_sheet(local=GO)
    a.reemploi = {"smartphone": {"don": 1, "reparation": 0, "protection": 2, "reutilisation": 0}}
    b.reemploi = {"smartphone": {"don": 3, "reparation": 1, "protection": 0, "reutilisation": 0}}
    b.recyclage = {"ecran": {"quantite": 2, "poidsKg": 7.5}}
    doc = aggregate_sheets([("a", a), ("b", b)]).dcd_document()
    assert doc["reemploi"]["smartphone"] == {"don": 4, "reparation": 1, "protection": 2, "reutilisation": 0}
    assert doc["recyclage"]["ecran"] == {"quantite": 2, "poidsKg": 7.5}
    assert doc["metadata"]["actionsRealisees"] == ["donnees", "reemploi", "recyclage"]


def test_aggregate_cli(sheets_dir, tmp_path):
    d, s = sheets_dir
    out = tmp_path / "result"
    p = subprocess.run([sys.executable, "-m", "cleanup_desktop", "aggregate", str(d), "--out", str(out),
                        "--event-id", "DCD-42", "--organizer", "ACME", "--structure-type", "association",
                        "--region", "Occitanie", "--participants-reached", "30"],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "4 sheet(s) aggregated, 6 rejected, 1 without event, 1 duplicate(s)" in p.stdout
    assert "1. IT" in p.stdout and "rejected" in p.stderr and "broken.json" in p.stderr
    assert sorted(f.name for f in out.iterdir()) == ["dcd-bilan.json", "participants.xlsx", "summary.json", "summary.pdf"]
    assert json.loads((out / "dcd-bilan.json").read_text())["metadata"]["region"] == "Occitanie"
    none = subprocess.run([sys.executable, "-m", "cleanup_desktop", "aggregate", str(d / "notes.json"),
                           "--out", str(tmp_path / "x"), "--no-pdf"], capture_output=True, text=True, timeout=120)
    assert none.returncode == 1 and "notes.json" in none.stderr


def test_latest_export_wins_across_time_zones():
    a = make_sheet(team="A", participant="Ann", local=GO)
    a = replace(a, created="2026-11-25T10:00:00Z")  # 10:00 UTC
    b = replace(make_sheet(team="A", participant="Ann", local=2 * GO, sheet_id=a.sheet_id),
                created="2026-11-25T11:30:00+02:00")
    agg = aggregate_sheets([("b.json", b), ("a.json", a)])
    assert [s.go_total for s in agg.sheets] == [1.0]  # 11:30+02:00 is 09:30 UTC: the older export
    assert agg.duplicates[0].file == "b.json" and agg.duplicates[0].kept == "a.json"


def test_xlsx_sheet_round_trip_through_aggregation(tmp_path):
    a = make_sheet(team="RH", cloud=5 * GO, local=GO, mails=3, mail_bytes=3000)
    export(a, "xlsx", tmp_path / "a.xlsx")
    back = read_sheet(tmp_path / "a.xlsx")
    agg = aggregate_sheets([("a.xlsx", back)])
    assert agg.totals.go_total == pytest.approx(a.go_total)
    assert agg.totals.kg == pytest.approx(a.kg)
    assert agg.teams[0].team == "RH"


counts = st.integers(min_value=0, max_value=4 * 10**11)  # 4 buckets: under the 2 TB plausibility rule


@st.composite
def sheet_dicts(draw):
    d = make_sheet(local=GO).to_dict()
    d["sheet_id"] = str(uuid.UUID(int=draw(st.integers(min_value=0, max_value=2**128 - 1)), version=4))
    for what in ("freed", "in_trash"):
        for bucket in d[what]:
            d[what][bucket] = {"bytes": draw(counts), "count": draw(st.integers(0, 4 * 10**5))}
    d["declared"] = {k: draw(st.integers(0, 10**5)) for k in d["declared"]}
    d["participant"]["team"] = draw(st.sampled_from(["A", "B", "=C", None, "Équipe 4"]))
    return d


@settings(max_examples=40, deadline=None)
@given(st.lists(sheet_dicts(), min_size=1, max_size=6, unique_by=lambda d: d["sheet_id"]))
def test_aggregate_is_the_sum_of_its_sheets_and_csv_round_trips(dicts):
    sheets = [sheet_from_dict(d) for d in dicts]
    agg = aggregate_sheets([(str(i), s) for i, s in enumerate(sheets)])
    assert agg.totals.go_total == pytest.approx(sum(s.go_total for s in sheets))
    assert agg.totals.kg == pytest.approx(sum(s.kg for s in sheets))  # same (default) method: linear
    assert sum(t.participants for t in agg.teams) == len(sheets)
    assert sum(t.go_total for t in agg.teams) == pytest.approx(agg.totals.go_total)
    text = csv_text([flatten(s) for s in sheets])
    back = sheets_from_csv_text(text)
    for a, b in zip(sheets, back):
        assert b.to_dict()["freed"] == a.to_dict()["freed"] and b.declared == a.declared and b.team == a.team
    # by_environment is copied from the factory's sheet: the per-place figures stay its own


def test_unreadable_sheets_and_folders_as_an_unprivileged_user():
    """CI runs as root, where permission bits do not stop reads: aggregate as `nobody`."""
    import os
    import shutil
    import tempfile

    base = tempfile.mkdtemp(prefix="cd-agg-", dir="/tmp")
    try:
        os.chmod(base, 0o755)
        ok = make_sheet(team="Lisible", local=GO)
        export(ok, "json", f"{base}/ok.json")
        export(make_sheet(team="Secret", local=GO), "json", f"{base}/closed.json")
        export(make_sheet(team="Secret", local=GO), "xlsx", f"{base}/closed.xlsx")
        os.mkdir(f"{base}/locked")
        export(make_sheet(team="Secret", local=GO), "json", f"{base}/locked/in.json")
        for name, mode in (("ok.json", 0o644), ("closed.json", 0o600), ("closed.xlsx", 0o600), ("locked", 0o700)):
            os.chmod(f"{base}/{name}", mode)
        setup = (  # as root: imports and the method's data file (the checkout may be unreadable)
            "import json, sys, zipfile, openpyxl, encodings.utf_8_sig\n"
            "from cleanup_desktop.core.sheets.aggregate import aggregate_paths\n"
            "from cleanup_desktop.core.impact.methods import get_method\n"
            "method = get_method()\n"
            # one run as root loads every lazily imported module and cached data file
            f"aggregate_paths([{base!r}], method=method)\n"
        )
        code = (
            "agg = aggregate_paths([sys.argv[1], sys.argv[1] + '/locked', sys.argv[1] + '/missing.json'], method=method)\n"
            "print(json.dumps({'teams': [t.team for t in agg.teams],"
            " 'rejected': {r.file.rsplit('/', 1)[-1]: r.reason for r in agg.rejected}}))\n"
        )
        p = run_as("nobody", code, [base], setup=setup, env={"HOME": base, "PATH": "/usr/bin:/bin"})
        assert p.returncode == 0, p.stderr
        got = json.loads(p.stdout)
        assert got["teams"] == ["Lisible"]
        assert "Permission denied" in got["rejected"]["closed.json"]
        assert "Permission denied" in got["rejected"]["closed.xlsx"]
        assert got["rejected"]["locked"].startswith("cannot list the folder") and "Permission denied" in got["rejected"]["locked"]
        assert "No such file" in got["rejected"]["missing.json"]
    finally:
        shutil.rmtree(base, ignore_errors=True)

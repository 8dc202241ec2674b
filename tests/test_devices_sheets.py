"""Declared devices through every sheet export and back, the INR DCD sections, the PDF, and the
organiser's aggregation (per team and in total, in summary.json, the XLSX, the DCD and the PDF)."""

import csv
import io
import json
import re
import subprocess

import pytest
from openpyxl import load_workbook

from cleanup_desktop.core.devices import DeviceActions, save_declared
from cleanup_desktop.core.sheets import export, read_sheet
from cleanup_desktop.core.sheets.aggregate import EventMeta, aggregate_paths, aggregate_sheets, write_outputs
from cleanup_desktop.core.sheets.export import sheets_from_csv_text
from cleanup_desktop.render.pdf import kg_text, render_sheet_pdf, render_summary_pdf
from sheet_factory import make_sheet

GO = 10**9


def with_devices(sheet, reemploi=None, recyclage=None):
    a = DeviceActions.from_sections(reemploi, recyclage)
    sheet.reemploi, sheet.recyclage = a.reemploi_section(), a.recyclage_section()
    return sheet


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def sheet():
    s = make_sheet(cloud=100 * GO, local=50 * GO)
    return with_devices(s, {"smartphone": {"don": 10}, "ordinateurPortable": {"reparation": 3, "protection": 2},
                            "ecran": {"reutilisation": 1}},
                        {"ordinateurPortable": {"quantite": 1, "poidsKg": 2.5}, "divers": {"quantite": 4, "poidsKg": 3.25}})


def test_sheet_from_bilan_takes_what_was_declared_for_the_event():
    save_declared(DeviceActions.from_sections({"tablette": {"don": 2}}), "DCD-42")
    s = make_sheet(local=GO, event_id="DCD-42")
    assert s.reemploi["tablette"]["don"] == 2 and s.recyclage is None
    assert s.reemploi_kg == 126.0
    assert make_sheet(local=GO, event_id="DCD-43").reemploi is None  # another event: nothing


def test_reemploi_is_apart_from_the_data_figure(sheet):
    bare = make_sheet(cloud=100 * GO, local=50 * GO)
    assert sheet.kg == pytest.approx(bare.kg)  # never mixed into the data kg
    d = sheet.to_dict()
    assert d["totals"]["kg_co2e"] == pytest.approx(bare.kg)
    assert d["devices"]["reemploi"]["kg_co2e"] == pytest.approx(10 * 30 + 5 * 156 + 80)
    assert d["devices"]["reemploi"]["devices"] == 16
    assert d["devices"]["recyclage"]["quantity"] == 5 and d["devices"]["recyclage"]["weight_kg"] == 5.75
    assert not any("co2" in key.lower() for key in d["devices"]["recyclage"])  # weights only


@pytest.mark.parametrize("fmt", ["json", "xlsx", "csv"])
def test_round_trip_through_every_readable_export(sheet, tmp_path, fmt):
    path = export(sheet, fmt, tmp_path / f"s.{fmt}")
    back = read_sheet(path)
    assert back.reemploi == sheet.reemploi and back.recyclage == sheet.recyclage
    assert back.reemploi_kg == pytest.approx(1160.0)
    assert back.kg == pytest.approx(sheet.kg)


def test_csv_and_xlsx_show_the_figures_for_people(sheet, tmp_path):
    text = (export(sheet, "csv", tmp_path / "s.csv")).read_text("utf-8-sig")
    [back] = sheets_from_csv_text(text)
    assert back.recyclage["divers"] == {"quantite": 4, "poidsKg": 3.25}
    header, row = list(csv.reader(io.StringIO(text)))[:2]
    cells = dict(zip(header, row))
    assert cells["reemploi_devices"] == "16" and float(cells["reemploi_kg_co2e"]) == 1160.0
    assert cells["recyclage_quantity"] == "5" and float(cells["recyclage_weight_kg"]) == 5.75
    wb = load_workbook(export(sheet, "xlsx", tmp_path / "s.xlsx", lang="fr"))
    rows = {r[0]: r for r in wb["Équipements"].iter_rows(values_only=True)}
    assert rows["Smartphone"][1:5] == (10, 0, 0, 0) and rows["Smartphone"][7] == 300.0
    assert rows["Ordinateur portable"][5] == 5 and rows["Ordinateur portable"][9] == 2.5
    assert rows["Divers"][8:] == (4, 3.25)
    assert rows["Total"][5] == 16 and rows["Total"][7] == 1160.0 and rows["Total"][9] == 5.75
    fiche = {r[0]: r for r in wb["Ma fiche"].iter_rows(values_only=True)}
    label = "kg CO2e de fabrication évitée (ponctuel, hors chiffre des données)"
    assert fiche[label][1] == 1160.0 and fiche[label][2] == "kg CO2e"


def test_dcd_export_fills_reemploi_recyclage_and_actions(sheet, tmp_path):
    doc = json.loads(export(sheet, "dcd", tmp_path / "s.dcd.json").read_text())
    assert doc["metadata"]["actionsRealisees"] == ["donnees", "reemploi", "recyclage"]
    assert doc["reemploi"]["ordinateurPortable"] == {"don": 0, "reparation": 3, "protection": 2, "reutilisation": 0}
    assert set(doc["reemploi"]) == {"ordinateurFixe", "ecran", "ordinateurPortable", "tablette", "smartphone"}
    assert doc["recyclage"]["divers"] == {"quantite": 4, "poidsKg": 3.25}
    assert set(doc["recyclage"]) == {"ordinateurFixe", "ecran", "ordinateurPortable", "tablette", "smartphone", "divers"}
    only_reuse = with_devices(make_sheet(local=GO), {"smartphone": {"don": 1}})
    doc = json.loads(export(only_reuse, "dcd", tmp_path / "r.dcd.json").read_text())
    assert doc["metadata"]["actionsRealisees"] == ["donnees", "reemploi"] and doc["recyclage"] is None
    doc = json.loads(export(make_sheet(local=GO), "dcd", tmp_path / "n.dcd.json").read_text())
    assert doc["metadata"]["actionsRealisees"] == ["donnees"] and doc["reemploi"] is None


def test_all_zero_sections_read_back_as_null(tmp_path):
    s = make_sheet(local=GO)
    d = s.to_dict()
    d["reemploi"] = {"smartphone": {"don": 0}}
    path = tmp_path / "z.json"
    path.write_text(json.dumps(d))
    assert read_sheet(path).reemploi is None


@pytest.mark.parametrize("lang, kg", [("en", "1,160.00 kg CO2e"), ("fr", "1\u202f160,00 kg CO2e")])
def test_pdf_shows_devices_apart_on_one_page(sheet, tmp_path, lang, kg):
    path = render_sheet_pdf(sheet, tmp_path / "s.pdf", lang=lang)
    text = pdf_text(path)
    fr = lang == "fr"  # each PDF in its own language (the compiled French translation is loaded)
    assert ("Au-delà des données : mes équipements" if fr else "Beyond data: my devices") in text, text
    assert kg.replace("\u202f", " ") in text.replace("\u202f", " ").replace("\xa0", " "), text
    assert kg_text(sheet.kg, lang) in text  # the data figure is still its own
    assert ("non inclus dans le total ci-dessus" if fr else "not included in the total above") in text
    assert ("5 équipements, 5,75 kg (poids seulement" if fr else "5 devices, 5.75 kg (weights only: no CO2e") in text
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M)


def test_aggregation_sums_devices_per_team_and_in_total(tmp_path):
    a = with_devices(make_sheet(team="Compta", participant="A", local=GO), {"smartphone": {"don": 2}},
                     {"divers": {"quantite": 1, "poidsKg": 1.5}})
    b = with_devices(make_sheet(team="Compta", participant="B", local=GO), {"smartphone": {"protection": 3},
                                                                            "ordinateurPortable": {"don": 1}})
    c = with_devices(make_sheet(team="RH", participant="C", local=3 * GO), None, {"ecran": {"quantite": 2, "poidsKg": 9.0}})
    d = make_sheet(team="RH", participant="D", local=GO)
    folder = tmp_path / "sheets"
    export(a, "json", folder / "a.json")
    export(b, "xlsx", folder / "b.xlsx")
    export(c, "json", folder / "c.json")
    export(d, "xlsx", folder / "d.xlsx")
    agg = aggregate_paths([folder], meta=EventMeta(event_id="DCD-42"))
    assert not agg.rejected and agg.totals.participants == 4
    t = agg.totals
    assert (t.reemploi_devices, t.reemploi_kg, t.recyclage_quantity, t.recyclage_kg) == (6, 306.0, 3, 10.5)
    data_only = aggregate_sheets([(str(i), make_sheet(local=g)) for i, g in enumerate((GO, GO, 3 * GO, GO))])
    assert t.kg == pytest.approx(data_only.totals.kg)  # réemploi is never in the data kg
    teams = {tm.team: tm for tm in agg.teams}
    assert (teams["Compta"].reemploi_devices, teams["Compta"].reemploi_kg) == (6, 306.0)
    assert (teams["Compta"].recyclage_quantity, teams["Compta"].recyclage_kg) == (1, 1.5)
    assert (teams["RH"].reemploi_devices, teams["RH"].recyclage_quantity, teams["RH"].recyclage_kg) == (0, 2, 9.0)
    out = write_outputs(agg, tmp_path / "out")
    summary = json.loads(out["summary"].read_text())
    assert summary["devices"]["reemploi"]["kg_co2e"] == 306.0
    assert summary["totals"]["reemploi_kg"] == 306.0
    by_name = {p["participant"]: p for p in summary["participants"]}
    assert by_name["B"]["reemploi_kg"] == 90.0 + 156.0 and by_name["D"]["reemploi_devices"] == 0
    dcd = json.loads(out["dcd"].read_text())
    assert dcd["reemploi"]["smartphone"] == {"don": 2, "reparation": 0, "protection": 3, "reutilisation": 0}
    assert dcd["recyclage"]["ecran"] == {"quantite": 2, "poidsKg": 9.0}
    assert dcd["recyclage"]["divers"] == {"quantite": 1, "poidsKg": 1.5}
    assert dcd["metadata"]["actionsRealisees"] == ["donnees", "reemploi", "recyclage"]
    wb = load_workbook(out["xlsx"])
    head = [c.value for c in wb["Teams"][1]]
    compta = next(r for r in wb["Teams"].iter_rows(min_row=2, values_only=True) if r[1] == "Compta")
    assert compta[head.index("kg CO2e réemploi (apart)")] == 306.0
    rows = {r[0]: r for r in wb["Devices"].iter_rows(values_only=True)}
    assert rows["Smartphone"][1:5] == (2, 0, 3, 0) and rows["Total"][9] == 10.5
    text = pdf_text(render_summary_pdf(agg, tmp_path / "out" / "summary.pdf"))
    assert "6 devices kept in use" in text and "306.00 kg CO2e" in text and "10.5 kg" in text


def test_aggregate_cli_prints_the_devices_apart(tmp_path, capsys):
    from cleanup_desktop.cli import main

    a = with_devices(make_sheet(team="Compta", local=GO), {"ordinateurPortable": {"don": 5}},
                     {"divers": {"quantite": 2, "poidsKg": 3.5}})
    export(a, "json", tmp_path / "in" / "a.json")
    assert main(["aggregate", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--no-pdf"]) == 0
    out = capsys.readouterr().out
    assert "Beyond data: 5 device(s) kept in use -> 780.00 kg CO2e" in out and "3.5 kg handed in" in out
    dcd = json.loads((tmp_path / "out" / "dcd-bilan.json").read_text())
    assert dcd["reemploi"]["ordinateurPortable"]["don"] == 5

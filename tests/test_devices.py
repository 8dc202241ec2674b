"""Beyond data (core.devices): the INR check values, which réemploi actions count, validation
(negative, non-integer, French decimal comma, huge values with/without confirmation), the
method data, the per-event store shared by the CLI and the app, and the CLI itself."""

import json

import pytest

from cleanup_desktop.cli import main
from cleanup_desktop.core.devices import (
    CONFIRM_COUNT,
    DEVICES,
    ConfirmationNeeded,
    DeviceActions,
    DeviceError,
    apply_spec,
    load_declared,
    parse_count,
    parse_kg,
    recyclage_summary,
    reemploi_impact,
    save_declared,
    store_path,
)
from cleanup_desktop.core.devices.impact import parse_recyclage_rates, parse_reemploi_factors
from cleanup_desktop.core.impact import MethodError, custom_method, get_method, list_methods


# ---- INR check values ----------------------------------------------------------------------
@pytest.mark.parametrize("device, n, kg", [
    ("smartphone", 10, 300.0), ("ordinateurPortable", 5, 780.0),  # the check values
    ("ordinateurFixe", 3, 525.0), ("ecran", 8, 640.0), ("tablette", 1, 63.0),  # the INR page's examples
])
def test_inr_check_values(device, n, kg):
    result = reemploi_impact({device: {"don": n}}, get_method("inr-dcd-bilan"))
    assert result.kg == pytest.approx(kg)
    assert result.devices == n
    assert [(ln.device, ln.devices, ln.kg) for ln in result.lines] == [(device, n, pytest.approx(kg))]


def test_every_reemploi_action_counts_as_the_inr_method_says():
    """The methodology names all four (don, réparation, protection, réutilisation) and its
    dashboard adds all four up: one smartphone in each is 4 x 30 kg."""
    m = get_method()
    assert m.reemploi.counted_actions == ("don", "reparation", "protection", "reutilisation")
    result = reemploi_impact({"smartphone": {"don": 1, "reparation": 1, "protection": 1, "reutilisation": 1}}, m)
    assert result.kg == pytest.approx(120.0) and result.devices == 4 and result.declared == 4


def test_counted_actions_come_from_the_method_data():
    raw = {"devices": {d: 10 for d in DEVICES}, "counted_actions": ["don"], "source": "test"}
    factors = parse_reemploi_factors(raw, "t")
    from dataclasses import replace

    method = replace(get_method(), reemploi=factors)
    result = reemploi_impact({"smartphone": {"don": 2, "protection": 5}}, method)
    assert result.kg == 20.0 and result.devices == 2 and result.declared == 7


def test_methods_without_device_data_use_the_default_ones():
    for method in (get_method("letsdoit-world"), get_method("green-cloud-computing"), custom_method({"go_cloud": 1})):
        assert method.reemploi is None
        r = reemploi_impact({"ordinateurPortable": {"reparation": 5}}, method)
        assert r.kg == 780.0 and r.method_id == "inr-dcd-bilan"


def test_method_data_carries_value_unit_and_source():
    d = get_method().to_dict()
    assert d["reemploi"]["kg_per_device"] == {"ordinateurFixe": 175.0, "ecran": 80.0, "ordinateurPortable": 156.0,
                                              "tablette": 63.0, "smartphone": 30.0}
    assert d["reemploi"]["unit"] == "kg CO2e" and d["reemploi"]["period"] == "one-off"
    assert "ADEME Base Empreinte" in d["reemploi"]["source"]
    assert "No CO2e" in d["recyclage"]["note_en"]
    assert sum(d["recyclage"]["shares"].values()) == pytest.approx(1.0)
    assert [m.id for m in list_methods() if m.reemploi is not None] == ["inr-dcd-bilan"]


@pytest.mark.parametrize("raw, reason", [
    ({"devices": {"smartphone": 30}, "counted_actions": ["don"], "source": "s"}, "exactly"),
    ({"devices": {d: 1 for d in DEVICES}, "counted_actions": ["vente"], "source": "s"}, "counted_actions"),
    ({"devices": {d: 1 for d in DEVICES}, "counted_actions": [], "source": "s"}, "counted_actions"),
    ({"devices": {**{d: 1 for d in DEVICES}, "ecran": -80}, "counted_actions": ["don"], "source": "s"}, "positive"),
    ({"devices": {d: 1 for d in DEVICES}, "counted_actions": ["don"]}, "source"),
    ({"devices": {d: 1 for d in DEVICES}, "counted_actions": ["don"], "source": "s", "unit": "g CO2e"}, "unit"),
])
def test_invalid_reemploi_data_is_rejected_with_a_reason(raw, reason):
    with pytest.raises(MethodError, match=reason):
        parse_reemploi_factors(raw, "x.toml")


def test_invalid_recycling_shares_are_rejected():
    with pytest.raises(MethodError, match="add up"):
        parse_recyclage_rates({"materials": {"reutilisee": 0.5, "recyclee": 0.5, "valorisee": 0.5,
                                             "detruite": 0.5}, "source": "s"}, "x")


def test_recycling_is_weights_only():
    r = recyclage_summary({"ordinateurPortable": {"quantite": 2, "poidsKg": 4.5}, "divers": {"quantite": 1, "poidsKg": 0.5}})
    d = r.to_dict()
    assert d["quantity"] == 3 and d["weight_kg"] == 5.0
    assert d["materials_kg"] == {"reutilisee": 0.05, "recyclee": 3.8, "valorisee": 0.6, "detruite": 0.55}
    assert not any("co2" in k.lower() for k in d)  # no CO2e figure at all


# ---- validation ----------------------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [(3, 3), ("3", 3), (" 12 ", 12), (4.0, 4), ("", 0), (None, 0), ("1 000", 1000)])
def test_counts_accept_whole_numbers(value, expected):
    assert parse_count(value) == expected


@pytest.mark.parametrize("value, reason", [
    (-1, "negative"), ("-2", "negative"), (2.5, "whole"), ("2,5", "whole"), ("deux", "whole"),
    (True, "whole"), (float("nan"), "whole"), (10**6, "too large"),
])
def test_counts_reject_bad_values(value, reason):
    with pytest.raises(DeviceError, match=reason):
        parse_count(value, "reemploi.smartphone.don")


@pytest.mark.parametrize("value, expected", [
    ("2,5", 2.5), ("2.5", 2.5), ("1 234,5", 1234.5), ("1\u202f234,5", 1234.5), ("1.234,5", 1234.5),
    ("1,234.5", 1234.5), (3, 3.0), ("0,125", 0.125), ("", 0.0), (",5", 0.5), ("2,0004", 2.0),
])
def test_weights_accept_a_french_decimal_comma(value, expected):
    assert parse_kg(value) == pytest.approx(expected)


@pytest.mark.parametrize("value, reason", [
    ("-2,5", "negative"), ("2,5,3", "number"), ("abc", "number"), ("2kg", "number"), (float("inf"), "number"),
    (1e9, "too large"),
])
def test_weights_reject_bad_values(value, reason):
    with pytest.raises(DeviceError, match=reason):
        parse_kg(value, "recyclage.divers.poidsKg")


def test_huge_values_need_a_confirmation():
    a = DeviceActions()
    a.set("reemploi", "smartphone", "don", str(CONFIRM_COUNT))  # 20: fine without asking
    assert a.validated() is a
    a.set("reemploi", "smartphone", "don", "500")
    a.set("recyclage", "divers", "poidsKg", "250,5")
    with pytest.raises(ConfirmationNeeded) as exc:
        a.validated()
    assert [(e.field, e.value) for e in exc.value.entries] == [("reemploi.smartphone.don", 500),
                                                                ("recyclage.divers.poidsKg", 250.5)]
    assert a.validated(confirm_large=True) is a


def test_sections_and_errors_name_the_field():
    a = DeviceActions.from_sections({"smartphone": {"don": "2"}}, {"divers": {"quantite": 1, "poidsKg": "0,5"}})
    assert a.reemploi_section()["smartphone"] == {"don": 2, "reparation": 0, "protection": 0, "reutilisation": 0}
    assert set(a.reemploi_section()) == set(DEVICES)
    assert a.recyclage_section()["divers"] == {"quantite": 1, "poidsKg": 0.5}
    assert DeviceActions().reemploi_section() is None and DeviceActions().empty
    for sections, field in (({"frigo": {"don": 1}}, None), ({"smartphone": {"vente": 1}}, None),
                            ({"smartphone": {"don": -1}}, None)):
        with pytest.raises(DeviceError) as exc:
            DeviceActions.from_sections(sections)
        assert exc.value.field.startswith("reemploi.")
    with pytest.raises(DeviceError, match="unknown device"):
        DeviceActions.from_sections(None, {"ecran": {"quantite": 1}, "frigo": {"quantite": 1}})


def test_command_line_specs_keep_the_decimal_comma():
    a = DeviceActions()
    apply_spec(a, "reemploi", "smartphone:don=2,reparation=1")
    apply_spec(a, "recyclage", "ordinateurPortable:quantite=1,poidsKg=2,5")
    apply_spec(a, "recyclage", "divers: quantite = 3 , poidsKg = 1.25")
    assert a.reemploi["smartphone"] == {"don": 2, "reparation": 1, "protection": 0, "reutilisation": 0}
    assert a.recyclage["ordinateurPortable"] == {"quantite": 1, "poidsKg": 2.5}
    assert a.recyclage["divers"] == {"quantite": 3, "poidsKg": 1.25}
    for section, spec in (("reemploi", "smartphone"), ("reemploi", "divers:don=1"), ("reemploi", "smartphone:vente=1"),
                          ("recyclage", "ecran:poids=2")):
        with pytest.raises(DeviceError):
            apply_spec(a, section, spec)


# ---- store ---------------------------------------------------------------------------------
def test_store_keeps_one_declaration_per_event(tmp_path):
    a = DeviceActions.from_sections({"tablette": {"protection": 2}})
    save_declared(a, "DCD-1", tmp_path)
    save_declared(DeviceActions.from_sections({"ecran": {"don": 1}}), None, tmp_path)
    assert load_declared("DCD-1", tmp_path).reemploi == a.reemploi
    assert load_declared(None, tmp_path).reemploi["ecran"]["don"] == 1
    assert load_declared("DCD-2", tmp_path).empty
    save_declared(DeviceActions(), "DCD-1", tmp_path)  # an empty declaration forgets the event
    assert "DCD-1" not in json.loads((tmp_path / "declared-devices.json").read_text())["events"]


def test_damaged_store_is_reported_not_ignored(tmp_path):
    (tmp_path / "declared-devices.json").write_text("{not json")
    with pytest.raises(DeviceError, match="not valid JSON"):
        load_declared("x", tmp_path)
    (tmp_path / "declared-devices.json").write_text(json.dumps({"events": {"x": {"reemploi": {"smartphone": {"don": -3}}}}}))
    with pytest.raises(DeviceError, match="negative"):
        load_declared("x", tmp_path)


def test_store_is_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_DESKTOP_DATA_DIR", str(tmp_path / "d"))
    assert store_path() == tmp_path / "d" / "declared-devices.json"


# ---- CLI -----------------------------------------------------------------------------------
def test_devices_cli_declares_confirms_and_shares_with_report(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CLEANUP_DESKTOP_DATA_DIR", str(tmp_path / "data"))
    assert main(["devices", "--event-id", "42", "--reemploi", "smartphone:don=10",
                 "--recyclage", "ordinateurPortable:quantite=1,poidsKg=2,5"]) == 0
    out = capsys.readouterr().out
    assert "300.00 kg CO2e" in out and "2.5 kg" in out
    # 500 smartphones: refused without --confirm-large, nothing saved
    assert main(["devices", "--event-id", "42", "--reemploi", "smartphone:don=500"]) == 2
    assert "--confirm-large" in capsys.readouterr().err
    assert load_declared("42").reemploi["smartphone"]["don"] == 10
    assert main(["devices", "--event-id", "42", "--reemploi", "ordinateurPortable:reparation=-1"]) == 2
    assert "negative" in capsys.readouterr().err
    assert main(["devices", "--event-id", "42", "--reemploi", "ordinateurPortable:reparation=25", "--confirm-large"]) == 0
    capsys.readouterr()
    assert main(["devices", "--event-id", "42", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["reemploi"]["kg_co2e"] == 300.0 + 25 * 156.0
    # report takes the stored declaration, a file replaces it, --no-devices leaves it out
    out_json = tmp_path / "sheet.json"
    assert main(["report", "--event-id", "42", "--format", "json", "--out", str(out_json)]) == 0
    sheet = json.loads(out_json.read_text())
    assert sheet["reemploi"]["ordinateurPortable"]["reparation"] == 25
    assert sheet["devices"]["reemploi"]["kg_co2e"] == 4200.0 and sheet["totals"]["kg_co2e"] == 0
    devices_file = tmp_path / "devices.json"
    devices_file.write_text(json.dumps({"reemploi": {"tablette": {"protection": 1}}}))
    assert main(["report", "--event-id", "42", "--format", "json", "--out", str(out_json),
                 "--devices", str(devices_file), "--recyclage", "divers:quantite=2,poidsKg=1,5"]) == 0
    sheet = json.loads(out_json.read_text())
    assert sheet["reemploi"]["tablette"]["protection"] == 1 and sheet["reemploi"]["smartphone"]["don"] == 0
    assert sheet["recyclage"]["divers"] == {"quantite": 2, "poidsKg": 1.5}
    assert load_declared("42").recyclage["divers"]["poidsKg"] == 1.5  # saved for the app too
    assert main(["report", "--event-id", "42", "--format", "json", "--out", str(out_json), "--no-devices"]) == 0
    assert json.loads(out_json.read_text())["reemploi"] is None
    assert main(["devices", "--event-id", "42", "--clear"]) == 0
    assert load_declared("42").empty

"""CO2e methods, arithmetic, equivalences and local/cloud classification."""

import json
import subprocess
import sys

import pytest

from cleanup_desktop.core.impact import (
    GO_BYTES,
    MethodError,
    Quantities,
    compute,
    custom_method,
    equivalences,
    get_method,
    impact,
    list_methods,
)
from cleanup_desktop.core.impact.classify import (
    Classifier,
    SyncFolder,
    counting,
    counting_rules,
    detect_sync_folders,
    parse_counting,
)
from cleanup_desktop.core.impact.equivalences import parse_equivalences
from cleanup_desktop.core.impact.methods import build_registry, parse_method


def test_check_values_of_the_national_form():
    assert impact(go_cloud=100).kg == pytest.approx(20.95)
    assert impact(go_cloud=100).total_label == "per year of avoided storage"
    assert impact(go_local=50).kg == pytest.approx(0.785)
    assert impact(emails=10_000).kg == pytest.approx(3.0)
    assert round(impact(go_cloud=274.10).kg, 1) == 57.4


def test_default_method_is_inr_and_legacy_is_marked():
    methods = {m.id: m for m in list_methods()}
    assert set(methods) >= {"inr-dcd-bilan", "letsdoit-world", "green-cloud-computing",
                            "legacy-19g-mo", "custom"}
    assert get_method().id == "inr-dcd-bilan"
    assert list_methods()[0].id == "inr-dcd-bilan"
    assert methods["legacy-19g-mo"].legacy and not methods["legacy-19g-mo"].default
    assert list_methods()[-1].legacy
    for m in methods.values():
        assert m.source and m.name_en and m.name_fr
        for f in m.factors.values():
            assert f.source, (m.id, f.key)


def test_every_method_on_the_same_quantities():
    q = Quantities(go_cloud=10, go_local=20, emails=1000)
    got = {m.id: compute(q, m) for m in list_methods()}
    # LDIW: 0.25 kg per GB, cloud or local alike; no email factor
    assert got["letsdoit-world"].kg == pytest.approx(30 * 0.25)
    assert not got["letsdoit-world"].line("email").covered
    # Green Cloud Computing: cloud only, with its range
    gcc = got["green-cloud-computing"]
    assert (gcc.kg_low, gcc.kg, gcc.kg_high) == pytest.approx((1.66, 2.08, 2.80))
    assert gcc.line("go_local").kg == 0 and not gcc.line("go_local").covered
    # legacy: 19 g per Mo, 1 Go = 1000 Mo
    assert got["legacy-19g-mo"].kg == pytest.approx(30 * 1000 * 19 / 1000)
    # INR: 2.095 + 0.314 + 0.3
    inr = got["inr-dcd-bilan"]
    assert inr.kg == pytest.approx(2.095 + 0.314 + 0.3)
    assert inr.kg_annual == pytest.approx(2.095 + 20 * 3.2 / 1000)
    assert inr.kg_one_off == pytest.approx(20 * 12.5 / 1000 + 0.3)
    assert inr.total_label.startswith("first year")
    # custom: pre-filled with the INR Go values; per-item factors only once the user enters them
    assert got["custom"].kg == pytest.approx(2.095 + 0.314)
    assert not got["custom"].line("email").covered


def test_annual_and_one_off_parts_are_labelled_per_line():
    r = impact(go_cloud=1, go_local=50)
    cloud, local = r.line("go_cloud"), r.line("go_local")
    assert cloud.period == "annual" and cloud.kg_annual == pytest.approx(0.2095) and cloud.kg_one_off == 0
    assert local.period == "mixed"
    assert (local.kg_annual, local.kg_one_off) == pytest.approx((0.16, 0.625))


def test_double_count_guard_per_file_factors_only_without_volume():
    # 200 local files measured (their 10 Go is known) + 100 declared without volume
    q = Quantities(go_local=10, files_local=300, files_local_measured=200,
                   files_cloud=40, files_cloud_measured=40, emails=50, emails_measured=50)
    r = compute(q, get_method("inr-dcd-bilan"))
    assert r.line("file_local").quantity == 100
    assert r.line("file_local").kg == pytest.approx(100 * 0.79 / 1000)
    assert "counted in Go" in r.line("file_local").note
    assert r.line("file_cloud").quantity == 0 and r.line("file_cloud").kg == 0
    # the INR email factor applies to every email, as the national form computes it
    assert r.line("email").quantity == 50
    assert r.kg == pytest.approx(10 * 15.7 / 1000 + 100 * 0.79 / 1000 + 50 * 0.3 / 1000)
    # a method whose email factor is a fallback does not count measured mails twice
    fallback = parse_method({
        "id": "t", "name_en": "t", "name_fr": "t", "source": "test",
        "factors": {"go_cloud": {"value": 200, "scope": "per-go-year", "source": "s"},
                    "email": {"value": 1, "scope": "per-email", "applies": "without-volume",
                              "source": "s"}},
    })
    r2 = compute(Quantities(go_cloud=1, emails=10, emails_measured=7), fallback)
    assert r2.line("email").quantity == 3
    assert r2.kg == pytest.approx(0.2 + 3 / 1000)
    with pytest.raises(ValueError):
        Quantities(files_local=1, files_local_measured=2)
    with pytest.raises(ValueError):
        Quantities(go_cloud=-1)


def test_quantities_from_bytes_use_decimal_go():
    q = Quantities.from_bytes(cloud_bytes=3 * GO_BYTES, local_bytes=500_000_000)
    assert (q.go_cloud, q.go_local) == (3.0, 0.5)


def test_custom_method_and_energy_times_grid():
    m = custom_method({"go_local": 5, "email": 1})
    r = compute(Quantities(go_cloud=1, go_local=2, emails=3), m)
    assert r.kg == pytest.approx(0.2095 + 0.010 + 0.003)
    assert r.method_id == "custom"
    m2 = custom_method({}, kwh_per_go_year=0.5, grid_kg_per_kwh=0.06)
    assert m2.factor("go_cloud").value_g == pytest.approx(30.0)
    with pytest.raises(MethodError):
        custom_method({"bogus": 1})
    with pytest.raises(MethodError):
        custom_method({"go_cloud": -3})
    with pytest.raises(MethodError):
        custom_method({}, kwh_per_go_year=0.5)


@pytest.mark.parametrize("bad, message", [
    ({"value": -1, "scope": "per-go-year", "source": "s"}, "negative"),
    ({"value": 1, "scope": "per-email", "source": "s"}, "does not fit"),
    ({"value": 1, "scope": "per-go-year", "source": ""}, "source"),
    ({"value": 1, "scope": "per-go-year", "source": "s", "low": 2, "high": 3}, "range"),
    ({"value": 1, "scope": "per-go-year", "source": "s", "low": 0.5}, "both"),
    ({"value": 1, "scope": "per-go-year", "source": "s", "unit": "lb"}, "unit"),
    ({"value": "x", "scope": "per-go-year", "source": "s"}, "number"),
    ({"value": 10, "scope": "per-go", "source": "s",
      "components": [{"value": 3, "scope": "per-go-year"}]}, "add up"),
])
def test_invalid_factors_are_rejected_with_a_reason(bad, message):
    raw = {"id": "x", "name_en": "x", "name_fr": "x", "source": "s", "factors": {"go_cloud": bad}}
    with pytest.raises(MethodError, match=message):
        parse_method(raw, "x.toml")


def test_registry_needs_exactly_one_default_and_unique_ids():
    base = {"name_en": "x", "name_fr": "x", "source": "s",
            "factors": {"go_cloud": {"value": 1, "scope": "per-go-year", "source": "s"}}}
    with pytest.raises(MethodError, match="default"):
        build_registry([("a.toml", {"id": "a", **base}), ("b.toml", {"id": "b", **base})])
    with pytest.raises(MethodError, match="twice"):
        build_registry([("a.toml", {"id": "a", "default": True, **base}), ("b.toml", {"id": "a", **base})])
    with pytest.raises(MethodError, match="legacy"):
        parse_method({"id": "a", "default": True, "legacy": True, **base})


def test_equivalences_from_data_with_sources():
    eqs = {e.id: e for e in equivalences(21.8, get_method())}
    assert eqs["car-km"].value == pytest.approx(100)
    assert eqs["streaming-hour"].value == pytest.approx(21.8 / 0.036)
    assert eqs["french-footprint"].kind == "share"
    assert eqs["french-footprint"].value == pytest.approx(21.8 / 9900 * 100)
    assert all(e.source for e in eqs.values())
    assert eqs["car-km"].unit("fr") == "km en voiture"
    with pytest.raises(MethodError):
        parse_equivalences({"equivalence": [{"id": "x", "kind": "count", "kg_per_unit": 0}]})
    with pytest.raises(MethodError):
        equivalences(1, ids=["nope"])


def test_sync_folder_detection_linux(tmp_path):
    home = tmp_path
    (home / "Dropbox (Acme)").mkdir()
    custom_dbx = tmp_path / "elsewhere" / "MyDropbox"
    custom_dbx.mkdir(parents=True)
    (home / ".dropbox").mkdir()
    (home / ".dropbox" / "info.json").write_text(json.dumps({"personal": {"path": str(custom_dbx)}}))
    nc = tmp_path / "data" / "nc-sync"
    nc.mkdir(parents=True)
    (home / ".config" / "Nextcloud").mkdir(parents=True)
    (home / ".config" / "Nextcloud" / "nextcloud.cfg").write_text(
        "[General]\nclientVersion=3.10\n\n[Accounts]\n0\\Folders\\1\\localPath=" + str(nc) + "/\n"
        "0\\Folders\\1\\targetPath=/\n")
    (home / "OneDrive").mkdir()
    (home / "Google Drive").mkdir()
    (home / "Documents").mkdir()
    found = {(s.provider, s.path) for s in detect_sync_folders(home, "linux", env={})}
    assert ("dropbox", str(custom_dbx)) in found
    assert ("dropbox", str(home / "Dropbox (Acme)")) in found
    assert ("nextcloud", str(nc)) in found
    assert ("onedrive", str(home / "OneDrive")) in found
    assert ("google-drive", str(home / "Google Drive")) in found
    assert not any(p.endswith("Documents") for _, p in found)
    # missing folders are not reported
    (home / ".dropbox" / "info.json").write_text(json.dumps({"business": {"path": str(tmp_path / "gone")}}))
    assert not any("gone" in s.path for s in detect_sync_folders(home, "linux", env={}))


def test_sync_folder_detection_macos_and_windows(tmp_path):
    mac = tmp_path / "mac"
    (mac / "Library" / "CloudStorage" / "OneDrive-Acme").mkdir(parents=True)
    (mac / "Library" / "CloudStorage" / "GoogleDrive-me@example.org").mkdir(parents=True)
    (mac / "Library" / "Mobile Documents" / "com~apple~CloudDocs").mkdir(parents=True)
    found = {s.provider for s in detect_sync_folders(mac, "darwin", env={})}
    assert found == {"onedrive", "google-drive", "icloud-drive"}
    win = tmp_path / "win"
    od = tmp_path / "D" / "OneDrive - Contoso"
    od.mkdir(parents=True)
    (win / "iCloudDrive").mkdir(parents=True)
    (win / "AppData" / "Roaming" / "Nextcloud").mkdir(parents=True)
    ncdir = tmp_path / "D" / "Nextcloud"
    ncdir.mkdir()
    (win / "AppData" / "Roaming" / "Nextcloud" / "nextcloud.cfg").write_text(
        f"[Accounts]\n0\\Folders\\2\\localPath={ncdir}\n")
    got = {(s.provider, s.path) for s in detect_sync_folders(win, "win32", env={"OneDriveCommercial": str(od)})}
    assert got == {("onedrive", str(od)), ("icloud-drive", str(win / "iCloudDrive")), ("nextcloud", str(ncdir))}


def test_classification_rule():
    c = Classifier(sync_folders=[SyncFolder("onedrive", "/home/ann/OneDrive"),
                                 SyncFolder("nextcloud", "/home/ann/OneDrive/nc")],
                   network=["/mnt/share"], windows=False)
    assert c.classify_path("/home/ann/OneDrive/report.pdf").kind == "cloud"
    assert c.classify_path("/home/ann/OneDrive/nc/x").provider == "nextcloud"
    assert c.classify_path("/home/ann/OneDriveOld/report.pdf").kind == "local"
    assert c.classify_path("/mnt/share/a").environment == "network-share"
    assert c.classify_path("/home/ann/Documents/a").environment == "workstation"
    assert c.classify_mail({"kind": "imap"}).environment == "mailbox"
    assert c.classify_mail({"kind": "ews"}).kind == "cloud"
    assert c.classify_mail({"kind": "mbox"}).kind == "local"
    assert c.classify_action({"op": "mail-trash", "account": {"kind": "graph"}}).kind == "cloud"
    assert c.classify_action({"op": "trash", "path": "/home/ann/OneDrive/x"}).environment == "cloud-drive"
    w = Classifier(sync_folders=[SyncFolder("onedrive", r"C:\Users\Ann\OneDrive")], network=[], windows=True)
    assert w.classify_path(r"c:\users\ann\onedrive\Docs\a.txt").kind == "cloud"
    assert w.classify_path(r"\\server\share\a.txt").environment == "network-share"
    assert w.classify_path(r"C:\Users\Ann\Desktop\a.txt").kind == "local"


def test_counting_rules_are_data_and_validated():
    c = counting()
    assert c["placement"]["cloud-drive"] == "cloud" and c["placement"]["workstation"] == "local"
    assert any("twice" in r for r in counting_rules("en"))
    assert any("deux fois" in r for r in counting_rules("fr"))
    good = {"placement": dict(c["placement"]), "rules": {"x_en": "text"}}
    assert parse_counting(good)["placement"] == c["placement"]
    with pytest.raises(MethodError, match="placement"):
        parse_counting({**good, "placement": {**good["placement"], "mailbox": "both"}})
    with pytest.raises(MethodError, match="exactly"):
        parse_counting({**good, "placement": {"workstation": "local"}})
    with pytest.raises(MethodError, match="rule"):
        parse_counting({**good, "rules": {"x": ""}})


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "cleanup_desktop", *args],
                          capture_output=True, text=True, timeout=60)


def test_impact_cli_text_and_json():
    p = _cli("impact", "--cloud-go", "100", "--local-go", "50", "--emails", "10000")
    assert p.returncode == 0, p.stderr
    assert "20.95 kg" in p.stdout and "0.785 kg" in p.stdout and "3.000 kg" in p.stdout
    assert "1 Go = 10^9 bytes" in p.stdout
    assert "per year" in p.stdout and "one-off" in p.stdout
    p = _cli("impact", "--cloud-go", "274.10", "--method", "green-cloud-computing", "--json")
    d = json.loads(p.stdout)
    assert d["method_id"] == "green-cloud-computing"
    assert d["total"]["kg_low"] == pytest.approx(274.1 * 0.166)
    assert d["total"]["kg_high"] == pytest.approx(274.1 * 0.280)
    assert d["equivalences"]
    p = _cli("impact", "--method", "custom", "--factor", "go_cloud=100", "--cloud-go", "2", "--json")
    assert json.loads(p.stdout)["total"]["kg"] == pytest.approx(0.2)
    grid = _cli("impact", "--method", "custom", "--kwh-per-go-year", "0.5", "--grid-kg-per-kwh", "0.06",
                "--cloud-go", "100", "--json")
    assert json.loads(grid.stdout)["total"]["kg"] == pytest.approx(3.0)
    wrong = _cli("impact", "--factor", "go_cloud=1", "--cloud-go", "1")
    assert wrong.returncode == 2 and "custom" in wrong.stderr
    bad = _cli("impact", "--method", "nope", "--cloud-go", "1")
    assert bad.returncode == 2 and "unknown method" in bad.stderr
    neg = _cli("impact", "--cloud-go", "-1")
    assert neg.returncode == 2 and "negative" in neg.stderr
    listing = _cli("methods")
    assert "legacy-19g-mo" in listing.stdout and "LEGACY" in listing.stdout and "ADEME" in listing.stdout
    assert "count once, as cloud" in listing.stdout
    data = json.loads(_cli("methods", "--json").stdout)
    assert data["methods"][0]["id"] == "inr-dcd-bilan" and data["counting"]["placement"]["mailbox"] == "cloud"

"""The "What I did with my devices" form driven through its widgets: type values (a French
decimal comma), confirm a large number in the real dialog, save, see the réemploi kg, and
export a sheet that carries them; the bilan page shows the form and the export includes it."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cleanup_desktop.core.devices import load_declared
from cleanup_desktop.gui.widgets.devices_form import DevicesForm

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def french():
    old = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    yield
    QLocale.setDefault(old)


def type_into(qtbot, widget, text):
    widget.setFocus()
    widget.selectAll() if hasattr(widget, "selectAll") else None
    qtbot.keyClicks(widget, text)


def answer_dialog(qtbot, button, seen):
    """Click ``button`` in the confirmation box as soon as it is shown (it runs modally)."""

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text() + "\n" + box.informativeText())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)


def test_type_confirm_save_and_export(qtbot, tmp_path, french):
    from cleanup_desktop.core.bilan import compute_bilan
    from cleanup_desktop.core.sheets import export, read_sheet, sheet_from_bilan

    form = DevicesForm("DCD-42", "inr-dcd-bilan")
    qtbot.addWidget(form)
    form.show()
    phones = form.spins[("reemploi", "smartphone", "don")]
    assert phones.accessibleName() == "Smartphone: Donated"
    type_into(qtbot, phones, "10")
    assert phones.value() == 10
    type_into(qtbot, form.spins[("reemploi", "ordinateurPortable", "reparation")], "5")
    type_into(qtbot, form.spins[("recyclage", "ordinateurPortable", "quantite")], "1")
    type_into(qtbot, form.weights["ordinateurPortable"], "2,5")  # French decimal comma
    assert form.card.value_label.text() == QLocale().toString(1080) + " kg CO2e"  # 10 x 30 + 5 x 156
    assert form.message.text() == "Not saved yet."
    # a large number: the dialog asks; "No" keeps nothing
    type_into(qtbot, form.spins[("reemploi", "tablette", "protection")], "500")
    seen: list[str] = []
    answer_dialog(qtbot, QMessageBox.StandardButton.No, seen)
    assert form.save() is False
    assert "Tablet, Protected: 500" in seen[0]
    assert load_declared("DCD-42").empty
    # "Yes" saves it
    answer_dialog(qtbot, QMessageBox.StandardButton.Yes, seen)
    assert form.save() is True
    stored = load_declared("DCD-42")
    assert stored.reemploi["smartphone"]["don"] == 10 and stored.reemploi["tablette"]["protection"] == 500
    assert stored.recyclage["ordinateurPortable"] == {"quantite": 1, "poidsKg": 2.5}
    kg = 10 * 30 + 5 * 156 + 500 * 63
    assert form.card.value_label.text() == QLocale().toString(float(kg), "f", 0) + " kg CO2e"
    assert "Saved" in form.message.text() and "weights only" in form.summary.text()
    # the exported sheet carries them, apart from the data figure
    sheet = sheet_from_bilan(compute_bilan(), event_id="DCD-42")
    path = export(sheet, "json", tmp_path / "sheet.json")
    d = json.loads(path.read_text())
    assert d["reemploi"]["tablette"]["protection"] == 500 and d["recyclage"]["ordinateurPortable"]["poidsKg"] == 2.5
    assert d["devices"]["reemploi"]["kg_co2e"] == kg and d["totals"]["kg_co2e"] == 0
    assert read_sheet(export(sheet, "xlsx", tmp_path / "sheet.xlsx")).reemploi == d["reemploi"]


def test_bad_weight_is_refused_and_reload_shows_saved_values(qtbot, french):
    form = DevicesForm("E1", "inr-dcd-bilan")
    qtbot.addWidget(form)
    type_into(qtbot, form.weights["divers"], "deux")
    assert form.save() is False
    assert "weight must be a number" in form.message.text()
    assert load_declared("E1").empty
    form.weights["divers"].clear()
    type_into(qtbot, form.weights["divers"], "1 234,5")
    type_into(qtbot, form.spins[("recyclage", "divers", "quantite")], "3")
    seen: list[str] = []
    answer_dialog(qtbot, QMessageBox.StandardButton.Yes, seen)  # 1234.5 kg is above 100 kg
    assert form.save() is True and "1\u202f234,5" in seen[0].replace("\xa0", "\u202f")
    assert load_declared("E1").recyclage["divers"] == {"quantite": 3, "poidsKg": 1234.5}
    again = DevicesForm("E1", "inr-dcd-bilan")  # a new form (or the CLI) sees what was saved
    qtbot.addWidget(again)
    assert again.spins[("recyclage", "divers", "quantite")].value() == 3
    assert again.parse_weight(again.weights["divers"].text(), "w") == 1234.5
    again.set_context("E2", "inr-dcd-bilan")  # another event: its own (empty) declaration
    assert again.spins[("recyclage", "divers", "quantite")].value() == 0


def test_bilan_page_shows_the_form_and_exports_the_devices(qtbot, tmp_path):
    from cleanup_desktop.gui import engine
    from tests.gui.helpers import make_window

    window = make_window(qtbot)
    window.session.prefs.event_id = "DCD-7"
    window.session.prefs_changed.emit()
    page = window.page("bilan")
    form = page.devices_form
    assert form.event_id == "DCD-7"
    type_into(qtbot, form.spins[("reemploi", "ecran", "reutilisation")], "2")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert load_declared("DCD-7").reemploi["ecran"]["reutilisation"] == 2
    assert "160" in form.card.value_label.text()
    page.refresh()
    out = engine.export_sheet(page.bilan, window.session.prefs, "dcd", str(tmp_path / "s.dcd.json"))
    doc = json.loads(open(out, encoding="utf-8").read())
    assert doc["reemploi"]["ecran"]["reutilisation"] == 2
    assert doc["metadata"]["actionsRealisees"] == ["donnees", "reemploi"]

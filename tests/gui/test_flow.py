"""The whole disk flow driven through the widgets: select roots, scan, apply a preset, clean
to the trash, bilan figures equal the engine's, undo."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtCore import Qt

from cleanup_desktop.gui.models.duplicates import COLUMNS

from tests.gui.helpers import make_tree, make_window

pytestmark = pytest.mark.timeout(120)


def click(qtbot, button):
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_disk_flow_scan_review_clean_bilan_undo(qtbot, tmp_path):
    from cleanup_desktop.core.bilan import compute_bilan
    from cleanup_desktop.gui import format as fmt

    files = make_tree(tmp_path)
    window = make_window(qtbot)
    session = window.session

    # 1. Welcome: the event fields are remembered.
    welcome = window.page("welcome")
    welcome.event_edit.setText("DCD-2026-42")
    welcome.team_edit.setText("Accounting")
    click(qtbot, welcome.primary)
    assert window.stack.currentWidget() is window.page("targets")

    # 2. What to scan: exactly our temp folder.
    targets = window.page("targets")
    targets.set_checked_roots([str(tmp_path)])
    assert targets.checked_roots() == [str(tmp_path)]
    home = os.environ["HOME"]
    targets.set_temp_locations(lambda path: path.startswith(home))  # not the machine's shared /tmp
    assert targets.checked_temp_locations()
    click(qtbot, targets.primary)

    # 3. Scan runs in a worker; the page reports it.
    scan_page = window.page("scan")
    assert window.stack.currentWidget() is scan_page
    qtbot.waitUntil(lambda: session.scan is not None, timeout=60_000)
    scan = session.scan
    assert len(scan["duplicates"]) == 2
    assert any(t["path"] == files["thumb"] for t in scan["temp"])
    assert scan_page.primary.isEnabled()
    click(qtbot, scan_page.primary)

    # 4. Review: the keep-newest preset; the kept copy can't be ticked.
    review = window.page("review")
    assert window.stack.currentWidget() is review
    view = review.views["duplicates"]
    review.preset.setCurrentIndex(review.preset.findData("keep-newest"))
    review.apply_preset("keep-newest")
    model = view.model
    kept_paths, selected_paths = set(), set()
    for g in range(model.rowCount()):
        parent = model.index(g, 0)
        for r in range(model.rowCount(parent)):
            idx = model.index(r, 0, parent)
            path = model.file_of(idx)["path"]
            if model.data(idx, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked:
                selected_paths.add(path)
            else:
                kept_paths.add(path)
                assert not model.flags(idx) & Qt.ItemFlag.ItemIsUserCheckable
                assert "last copy" in model.data(idx, Qt.ItemDataRole.ToolTipRole)
                assert model.data(model.index(r, COLUMNS.index("status"), parent)) == "Kept"
    assert kept_paths == {files["a_copy2"], files["b_copy"]}  # the newest copies stay
    # Trying to tick the kept copy through the model is refused.
    first = model.index(0, 0)
    kept_row = next(r for r in range(model.rowCount(first))
                    if model.file_of(model.index(r, 0, first))["path"] in kept_paths)
    assert not model.setData(model.index(kept_row, 0, first), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    # Temp: the thumbnail (safe level) is pre-selected.
    temp_model = review.views["temp"].model
    assert any(temp_model.data(temp_model.index(r, 0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
               for r in range(temp_model.rowCount()))
    thumb_row = next(r for r in range(temp_model.rowCount()) if temp_model.rows[r]["path"] == files["thumb"])
    assert "preview pictures" in temp_model.data(temp_model.index(thumb_row, 0), Qt.ItemDataRole.ToolTipRole)
    review.update_total()
    assert "Selected: 4 items" in review.total_label.text()
    assert "GB" in review.total_label.text() and "CO2e" in review.total_label.text()
    click(qtbot, review.primary)

    # 5. Clean: the confirmation says trash, counts and sizes; then results.
    clean = window.page("clean")
    assert window.stack.currentWidget() is clean
    qtbot.waitUntil(lambda: clean.plan is not None, timeout=30_000)
    assert "4 items" in clean.what.text() and "moved to the trash" in clean.what.text()
    assert clean.table.topLevelItemCount() == 2  # duplicates and temp
    click(qtbot, clean.primary)
    qtbot.waitUntil(lambda: clean.report is not None, timeout=30_000)
    report = clean.report
    assert len(report.by_status("done")) == 4
    for key in ("a_orig", "a_copy", "b_orig", "thumb"):
        assert not os.path.exists(files[key]), key
    for key in ("a_copy2", "b_copy", "big", "unique"):
        assert os.path.exists(files[key]), key
    assert clean.undo_button.isVisible()
    assert clean.card_done.value_label.text() == "4"
    # The review now lists only what is left: the cleaned duplicates and temp file are gone.
    qtbot.waitUntil(lambda: all(files[k] not in str(window.session.scan) for k in ("a_orig", "a_copy", "b_orig", "thumb")),
                    timeout=30_000)
    left = {f["path"] for g in window.session.scan["duplicates"] for f in g["files"]}
    assert files["a_copy"] not in left and files["thumb"] not in {t["path"] for t in window.session.scan["temp"]}
    assert window.page("review").views["duplicates"].model.rowCount() == len(window.session.scan["duplicates"])

    # 6. Bilan: same figures as the engine's own bilan of the journal.
    click(qtbot, clean.primary)
    bilan_page = window.page("bilan")
    assert window.stack.currentWidget() is bilan_page
    qtbot.waitUntil(lambda: bilan_page.bilan is not None and not bilan_page.refreshing, timeout=30_000)
    engine_bilan = compute_bilan()
    assert engine_bilan.in_trash_bytes > 0
    assert bilan_page.card_trash.value_label.text() == fmt.size(engine_bilan.in_trash_bytes)
    assert bilan_page.card_local.value_label.text() == fmt.size(engine_bilan.local_bytes)
    assert bilan_page.card_kg.value_label.text() == fmt.kg(engine_bilan.impact.kg)
    assert bilan_page.empty_button.isEnabled()
    assert bilan_page.chart.bars

    # Export the measurement sheet (the same figures, no paths), then the organiser adds it up.
    from cleanup_desktop.gui.dialogs import export
    from cleanup_desktop.core.sheets import read_sheet

    sheets = tmp_path / "sheets"
    sheets.mkdir()
    out = export.write(bilan_page, session, bilan_page.bilan, "json", str(sheets / "me.json"))
    bilan_page.exported(out)
    assert "Sheet written" in bilan_page.status.text()
    sheet = read_sheet(out)
    assert sheet.event_id == "DCD-2026-42" and sheet.team == "Accounting"
    text = open(out, encoding="utf-8").read()
    assert str(tmp_path) not in text and "report.pdf" not in text
    xlsx = export.write(bilan_page, session, bilan_page.bilan, "xlsx", str(tmp_path / "me.xlsx"))
    assert os.path.getsize(xlsx) > 0
    organiser = window.page("organiser")
    window.show_page("organiser")
    qtbot.keyClicks(organiser.organizer_edit, "ACME")
    organiser.structure_edit.setCurrentIndex(1)
    qtbot.keyClicks(organiser.region_edit, "Bretagne")
    organiser.reached_spin.setValue(42)
    organiser.load_folder(str(sheets))
    qtbot.waitUntil(lambda: organiser.aggregate is not None, timeout=30_000)
    assert organiser.card_people.value_label.text() == "1"
    assert organiser.teams.topLevelItem(0).text(1) == "Accounting"
    written = organiser.export_to(str(tmp_path / "organiser"))
    dcd_file = next(w for w in written if w.endswith("dcd-bilan.json"))
    meta = json.load(open(dcd_file, encoding="utf-8"))["metadata"]
    assert (meta["organizer"], meta["region"], meta["personneattainte"]) == ("ACME", "Bretagne", 42)
    assert meta["structureType"] == organiser.structure_edit.itemText(1)

    # Undo puts everything back.
    window.show_page("clean")
    click(qtbot, clean.undo_button)
    # (undo runs in a worker, last trashed first: wait for every item)
    qtbot.waitUntil(lambda: all(os.path.exists(files[k]) for k in ("a_orig", "a_copy", "b_orig", "thumb")),
                    timeout=30_000)
    for key in ("a_orig", "a_copy", "b_orig", "thumb"):
        assert os.path.exists(files[key]), key
    qtbot.waitUntil(lambda: "put back" in clean.status.text(), timeout=10_000)
    # ...and the review lists them again.
    assert files["thumb"] in {t["path"] for t in window.session.scan["temp"]}
    assert compute_bilan().in_trash_bytes == 0

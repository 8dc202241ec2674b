"""The Organiser page: events never mixed, sheets held for review shown first with an Accept
button, progress while reading, INSEE region/département checked, the national form's
sensibilisation and participants invited reaching the INR file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sheet_factory import make_sheet  # noqa: E402

from cleanup_desktop.core.sheets import export  # noqa: E402
from tests.gui.helpers import make_window  # noqa: E402

pytestmark = pytest.mark.timeout(120)
GO = 10**9


@pytest.fixture
def folder(tmp_path):
    d = tmp_path / "sheets"
    d.mkdir()
    export(make_sheet(team="Compta", participant="Ann", local=2 * GO, event_id="4242"), "json", d / "ann.json")
    export(make_sheet(team="COMPTA", participant="Bea", cloud=GO, event_id="4242"), "xlsx", d / "bea.xlsx")
    big = make_sheet(team="IT", participant="Big", cloud=5000 * GO, event_id="4242")
    export(big, "json", d / "big.json")
    export(make_sheet(team="IT", participant="Zoe", local=GO, event_id="9999"), "json", d / "zoe.json")
    return d, big


def test_organiser_page_holds_review_apart_and_accepts_on_request(qtbot, folder, tmp_path):
    d, big = folder
    window = make_window(qtbot)
    page = window.page("organiser")
    window.show_page("organiser")
    page.event_edit.clear()
    page.load_folder(str(d))
    qtbot.waitUntil(lambda: page.primary.isEnabled() and "several events" in page.status.text(), timeout=30_000)
    assert "4242 (3 sheets)" in page.status.text() and page.aggregate is None  # never mixed

    page.event_edit.setText("4242")
    page.region_edit.setEditText("Atlantis")
    page.load_folder(str(d))
    assert "INSEE" in page.status.text() and not page.progress.isVisible()  # nothing read
    page.region_edit.setEditText("")
    page.departement_edit.setCurrentIndex(page.departement_edit.findText("69 Rhône"))
    page.invited_spin.setValue(10)
    page.sens_spins["webinaire"][0].setValue(12)
    page.sens_spins["webinaire"][1].setValue(80)
    seen = []
    page.load_folder(str(d))
    page.task.signals.progress.connect(lambda ev: seen.append(ev.items_total))
    qtbot.waitUntil(lambda: page.aggregate is not None, timeout=30_000)
    agg = page.aggregate
    assert agg.totals.participants == 2 and agg.totals.go_total == 3.0  # Big is held, Zoe is another event
    assert page.review_box.isVisible() and page.review.topLevelItemCount() == 1
    assert page.review.topLevelItem(0).text(0) == "Big" and "2,000 Go" in page.review.topLevelItem(0).text(2)
    assert page.teams.topLevelItem(0).text(1) in ("COMPTA", "Compta") and page.teams.topLevelItemCount() == 1
    assert "held for review" in page.status.text()

    page.review.setCurrentItem(page.review.topLevelItem(0))
    page.accept_button.click()
    qtbot.waitUntil(lambda: page.aggregate is not agg and page.aggregate is not None, timeout=30_000)
    assert page.aggregate.totals.go_total == 5003.0 and page.accepted == [big.sheet_id]
    assert not page.review_box.isVisible()

    written = page.export_to(str(tmp_path / "out"))
    dcd = json.loads(Path(next(w for w in written if w.endswith("dcd-bilan.json"))).read_text())
    assert (dcd["metadata"]["region"], dcd["metadata"]["departement"]) == ("Auvergne-Rhône-Alpes", "Rhône")
    assert dcd["sensibilisation"]["webinaire"] == {"participants": 12, "audience": 80}
    summary = json.loads(Path(next(w for w in written if w.endswith("summary.json"))).read_text())
    assert summary["participants_invited"] == 10 and summary["accepted_after_review"][0]["sheet_id"] == big.sheet_id

"""PDF one-pager and organiser summary (Qt's PDF writer, offscreen), read back with poppler."""

import os
import subprocess
import sys

import pytest

from cleanup_desktop.core.bilan import Declared
from cleanup_desktop.core.impact import get_method
from cleanup_desktop.core.sheets.aggregate import EventMeta, aggregate_sheets
from cleanup_desktop.render.pdf import go_text, kg_text, number, render_sheet_pdf, render_summary_pdf
from sheet_factory import make_sheet

GO = 10**9


def pdf_pages(path):
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sheet_pdf_is_one_page_with_the_totals(tmp_path, lang):
    sheet = make_sheet(team="Compta", participant="Ann", cloud=274_100_000_000, local=50 * GO, mails=1000,
                       mail_bytes=10**8, method=get_method("green-cloud-computing"))
    sheet.declared = Declared(apps=5)
    sheet.recompute()
    path = render_sheet_pdf(sheet, tmp_path / "sheet.pdf", lang=lang)
    assert path.stat().st_size > 2000
    assert pdf_pages(path) == 1
    text = pdf_text(path)
    assert go_text(sheet.go_total, lang) in text  # 324.20 Go / 324,20 Go
    assert kg_text(sheet.kg, lang) in text
    total = sheet.impact["total"]
    assert f"{number(total['kg_low'], lang, 3)} - {number(total['kg_high'], lang, 3)}" in text
    assert "Ann" in text and "Compta" in text
    assert "green-cloud-computing" in text
    assert ("10^9 bytes" if lang == "en" else "10^9 octets") in text
    # no ligature: the text stays searchable (French when the compiled translation is loaded)
    assert "Measured by the app" in text or "Mesurés par l’application" in text or "Mesurés par l'application" in text
    assert "Declared" in text or "Déclarés" in text  # the 5 apps: declared, worded apart from measured


def test_summary_pdf_with_many_teams_stays_one_page(tmp_path):
    sheets = [make_sheet(team=f"Team {i:02d}", participant=f"P{i}", local=(i + 1) * GO, event_id="DCD-7") for i in range(30)]
    agg = aggregate_sheets([(str(i), s) for i, s in enumerate(sheets)],
                           meta=EventMeta(event_id="DCD-7", organizer="Ville de Lyon", participants_reached=120))
    path = render_summary_pdf(agg, tmp_path / "summary.pdf")
    assert pdf_pages(path) == 1
    text = pdf_text(path)
    assert go_text(agg.totals.go_total) in text and kg_text(agg.totals.kg) in text
    assert "1. Team 29" in text and "Ville de Lyon" in text
    assert "20 more teams" in text


def test_long_names_wrap_and_stay_on_one_page(tmp_path):
    sheet = make_sheet(participant="P" * 200, team="Équipe " + "très longue " * 15, event_id="E" * 60, local=GO)
    path = render_sheet_pdf(sheet, tmp_path / "long.pdf", lang="fr")
    assert pdf_pages(path) == 1 and kg_text(sheet.kg, "fr") in pdf_text(path)
    sheets = [make_sheet(team=f"{'Direction des systèmes d’information ' * 4}{i}", local=GO, event_id="E") for i in range(3)]
    agg = aggregate_sheets([(str(i), s) for i, s in enumerate(sheets)])
    path = render_summary_pdf(agg, tmp_path / "long-summary.pdf")
    assert pdf_pages(path) == 1 and go_text(agg.totals.go_total) in pdf_text(path)


def test_pdf_works_without_a_display_or_platform(tmp_path):
    """A fresh process with no QT_QPA_PLATFORM and no DISPLAY: the renderer goes offscreen."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    code = (
        "import sys; sys.path.insert(0, sys.argv[2])\n"
        "from sheet_factory import make_sheet\n"
        "from cleanup_desktop.render.pdf import render_sheet_pdf\n"
        "render_sheet_pdf(make_sheet(local=10**9), sys.argv[1])\n"
    )
    out = tmp_path / "x.pdf"
    p = subprocess.run([sys.executable, "-c", code, str(out), os.path.dirname(__file__)], env=env,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert pdf_pages(out) == 1 and "1.00 Go" in pdf_text(out)


@pytest.mark.slow  # a stress run; the other PDF tests stay fast (README: fast inner loop)
def test_many_renderings_in_one_process_exit_cleanly(tmp_path):
    """PySide6 6.12 on CPython 3.11 drops a reference to None at each void Qt call; without
    render.pdf.keep_none_alive a few dozen summaries abort the process ("deallocating None")."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[2])\n"
        "from sheet_factory import make_sheet\n"
        "from cleanup_desktop.core.sheets.aggregate import aggregate_sheets\n"
        "from cleanup_desktop.render.pdf import render_sheet_pdf, render_summary_pdf\n"
        "sheets = [make_sheet(team=f'T{i}', local=10**9) for i in range(25)]\n"
        "agg = aggregate_sheets([(str(i), s) for i, s in enumerate(sheets)])\n"
        "for i in range(40):\n"
        "    render_summary_pdf(agg, sys.argv[1]); render_sheet_pdf(sheets[0], sys.argv[1])\n"
        "print('rendered')\n"
    )
    p = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.pdf"), os.path.dirname(__file__)],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0 and "rendered" in p.stdout, p.stderr[-2000:]
    assert "Fatal" not in p.stderr


def test_report_cli_pdf(tmp_path):
    env = dict(os.environ, CLEANUP_DESKTOP_DATA_DIR=str(tmp_path / "data"))
    p = subprocess.run([sys.executable, "-m", "cleanup_desktop", "report", "--format", "pdf", "--out",
                        str(tmp_path / "me.pdf"), "--team", "Ops", "--lang", "fr"], env=env,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    text = pdf_text(tmp_path / "me.pdf")
    # French numbers and French sentences (the PDF's strings are in the French .ts too).
    assert "0,00 Go" in text and "Ops" in text and "Rien de libéré pour l’instant" in text
    assert "ma fiche de mesure" in text and "Nothing freed yet" not in text
    en = tmp_path / "en.pdf"
    assert subprocess.run([sys.executable, "-m", "cleanup_desktop", "report", "--format", "pdf", "--out", str(en),
                           "--team", "Ops", "--lang", "en"], env=env, capture_output=True, timeout=120).returncode == 0
    assert "Nothing freed yet" in pdf_text(en)

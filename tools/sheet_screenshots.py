"""Pictures of the files the app writes, for the docs: the personal sheet (PDF, XLSX) and the
organiser's outputs (summary PDF, workbook) in French and English, from a sample event.

    .venv/bin/python tools/sheet_screenshots.py [--out docs/images]

PDF pages are rendered with pdftoppm (poppler-utils); the XLSX files are printed to PDF with
LibreOffice (Debian's libreoffice-calc: for the docs only, never needed by the tests).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

GO = 10**9


def sample(work: Path):
    """An event of 24 people in 5 teams (spellings vary), one outlier, one other event."""
    from dataclasses import replace

    from sheet_factory import make_sheet

    from cleanup_desktop.core.bilan import Declared, Measurement

    teams = ["Compta", "COMPTA", "Informatique", "RH", "Ressources humaines", "Achats", "Direction"]
    sheets = []
    for i in range(24):
        s = make_sheet(team=teams[i % len(teams)], participant=f"Participant {i + 1}", event_id="4242",
                       local=(3 + i % 5) * GO, cloud=(1 + i % 4) * GO, mails=200 + 37 * i, mail_bytes=(i + 1) * 10**8,
                       files=3)
        s.declared = Declared(emails=50 * (i % 3), apps=i % 2)
        s.event_date = "2026-03-21"
        s.recompute()
        sheets.append(s)
    me = sheets[0]
    me.participant, me.team = "Camille Martin", "Compta"
    me.measurements = [Measurement("workstation", 412_300_000_000, 405_900_000_000, "2026-03-21T09:02:00+01:00",
                                   "2026-03-21T16:40:00+01:00", volumes=1)]
    me.reemploi = {"smartphone": {"don": 1, "reparation": 0, "protection": 1, "reutilisation": 0}}
    me.recompute()
    outlier = replace(make_sheet(team="Informatique", participant="Participant 99", event_id="4242",
                                 cloud=3500 * GO), event_date="2026-03-21")
    return me, sheets + [outlier]


def render(pdf: Path, png_stem: Path, pages: int = 1) -> list[Path]:
    """PNG of the first ``pages`` pages: NAME.png, or NAME-p1.png, NAME-p2.png..."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", str(pages), str(pdf), f"{tmp}/page"],
                       check=True)
        out = sorted(Path(tmp).glob("page-*.png"))
        final = []
        for i, p in enumerate(out, 1):
            target = png_stem.with_name(f"{png_stem.name}{'' if len(out) == 1 else f'-p{i}'}.png")
            shutil.move(str(p), target)
            final.append(target)
    return final


def xlsx_to_pdf(xlsx: Path, work: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed to print the XLSX files (apt-get install libreoffice-calc)")
    profile = work / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(work), str(xlsx)], check=True, capture_output=True, timeout=300)
    return work / (xlsx.stem + ".pdf")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "images"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from cleanup_desktop.core.sheets import export
    from cleanup_desktop.core.sheets.aggregate import EventMeta, aggregate_paths, write_outputs
    from cleanup_desktop.core.sheets.event import parse_sensibilisation
    from cleanup_desktop.render.pdf import render_sheet_pdf, render_summary_pdf

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        me, sheets = sample(work)
        meta = EventMeta(event_id="4242", organizer="Mairie de Lyon", structure_type="collectivité",
                         region="Auvergne-Rhône-Alpes", departement="Rhône", event_date="2026-03-21",
                         participants_invited=40, participants_reached=60,
                         sensibilisation=parse_sensibilisation(["fresqueNumerique:participants=18,audience=18",
                                                                "webinaire:participants=30,audience=120"]))
        folder = work / "sheets"
        for i, s in enumerate(sheets):  # as participants send them: JSON and XLSX
            export(s, "xlsx" if i % 2 else "json", folder / f"sheet-{i:02d}.{'xlsx' if i % 2 else 'json'}")
        agg = aggregate_paths([folder], meta=meta)
        made = []
        for lang in ("fr", "en"):
            made += render(render_sheet_pdf(me, work / f"sheet-{lang}.pdf", lang=lang), out / f"sheet-pdf-{lang}")
            xlsx = export(me, "xlsx", work / f"sheet-xlsx-{lang}.xlsx", lang=lang)
            made += render(xlsx_to_pdf(xlsx, work), out / f"sheet-xlsx-{lang}")
            made += render(render_summary_pdf(agg, work / f"summary-{lang}.pdf", lang=lang), out / f"summary-pdf-{lang}")
            book = write_outputs(agg, work / lang, lang)["xlsx"]
            named = book.with_name(f"organiser-xlsx-{lang}.xlsx")
            book.replace(named)
            made += render(xlsx_to_pdf(named, work), out / f"organiser-xlsx-{lang}", pages=3)
    for p in made:
        print(p)
    return 0


if __name__ == "__main__":
    sys.exit(main())

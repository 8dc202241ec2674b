"""PDF one-pager of a measurement sheet and the organiser's summary, drawn with Qt
(QPdfWriter + QPainter). Outside the core because it imports Qt; works without a display
(creates an offscreen QGuiApplication when none exists).

Texts go through Qt translation (context "SheetPdf"); figures are written as text, so the
totals can be read back from the PDF (pdftotext)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from cleanup_desktop.core.impact.compute import fixed
from cleanup_desktop.core.impact.methods import UNIT_NOTE_EN, UNIT_NOTE_FR

A4_W, A4_H = 595.0, 842.0  # points (the writer's resolution is set to 72 dpi)
MARGIN = 40.0
PALETTE = ("#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#5d4037", "#455a64")


def ensure_gui_app():
    """The running QGuiApplication, or a new offscreen one (for the CLI and tests)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["cleanup-desktop"])
    elif not isinstance(app, QGuiApplication):
        raise RuntimeError("a QCoreApplication without GUI is running: PDF needs a QGuiApplication")
    return app


def tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("SheetPdf", text)


def number(value: float, lang: str = "en", decimals: int = 2) -> str:
    """1234.5 -> "1,234.50" (en) or "1 234,50" (fr)."""
    text = fixed(value, decimals)
    if lang.startswith("fr"):
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def go_text(go: float, lang: str = "en") -> str:
    return f"{number(go, lang, 2 if go >= 0.01 or go == 0 else 4)} Go"


def kg_text(kg: float, lang: str = "en") -> str:
    return f"{number(kg, lang, 2 if kg >= 0.1 else 3)} kg CO2e"


class _Page:
    """A cursor over one A4 page: text lines, rules and bar charts, top to bottom."""

    def __init__(self, painter) -> None:
        from PySide6.QtGui import QFont

        self.p = painter
        self.y = MARGIN
        self.family = QFont("DejaVu Sans").family()

    def font(self, size: float, bold: bool = False):
        from PySide6.QtGui import QFont

        f = QFont(self.family)
        f.setPointSizeF(size)
        f.setBold(bold)
        if hasattr(f, "setFeature"):  # no "fi"/"ff" ligatures: the PDF text stays searchable
            f.setFeature(QFont.Tag("liga"), 0)
        self.p.setFont(f)
        return f

    def text(self, s: str, size: float = 10, bold: bool = False, color: str = "#212121",
             x: float = MARGIN, width: Optional[float] = None, advance: bool = True) -> float:
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor

        self.font(size, bold)
        self.p.setPen(QColor(color))
        w = width if width is not None else A4_W - MARGIN - x
        rect = self.p.boundingRect(QRectF(x, self.y, w, 1000), int(Qt.TextWordWrap), s)
        self.p.drawText(QRectF(x, self.y, w, rect.height()), int(Qt.TextWordWrap), s)
        if advance:
            self.y += rect.height() + 2
        return rect.height()

    def row(self, cells: Sequence[tuple[str, float]], size: float = 9, bold: bool = False) -> None:
        """Cells as (text, width); one line high (long texts wrap within their cell)."""
        x, tallest = MARGIN, 0.0
        for s, w in cells:
            tallest = max(tallest, self.text(s, size, bold, x=x, width=w - 4, advance=False))
            x += w
        self.y += tallest + 3

    def rule(self) -> None:
        from PySide6.QtGui import QColor, QPen

        self.p.setPen(QPen(QColor("#bdbdbd"), 0.7))
        self.p.drawLine(MARGIN, self.y + 2, A4_W - MARGIN, self.y + 2)
        self.y += 8

    def bars(self, items: Sequence[tuple[str, float, str]], title: str, height: float = 16) -> None:
        """A horizontal bar chart: (label, value, value text)."""
        from PySide6.QtCore import QRectF
        from PySide6.QtGui import QColor

        self.text(title, 11, True)
        biggest = max((v for _, v, _ in items), default=0) or 1.0
        label_w, value_w = 150.0, 110.0
        bar_w = A4_W - 2 * MARGIN - label_w - value_w
        for i, (label, value, shown) in enumerate(items):
            self.text(label, 9, x=MARGIN, width=label_w - 6, advance=False)
            w = max(1.0, bar_w * value / biggest) if value > 0 else 0.0
            self.p.fillRect(QRectF(MARGIN + label_w, self.y + 2, w, height - 5), QColor(PALETTE[i % len(PALETTE)]))
            self.text(shown, 9, x=MARGIN + label_w + w + 4, width=value_w + bar_w - w, advance=False)
            self.y += height
        self.y += 4


def _paint(path: os.PathLike | str, draw, title: str) -> Path:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    ensure_gui_app()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(72)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title)
    writer.setCreator("Cleanup Desktop")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the PDF file {path}")
    try:
        painter.setRenderHint(QPainter.Antialiasing)
        draw(_Page(painter))
    finally:
        painter.end()
    del writer
    os.replace(tmp, path)
    return path


ENV_LABELS = {
    "workstation": "This computer",
    "cloud-drive": "Cloud drive (synced folder)",
    "network-share": "Network share",
    "mailbox": "Mailbox on a server",
    "local-mail": "Local mail store",
}


def _impact_table(pg: _Page, impact: dict, lang: str) -> None:
    pg.row([(tr("What"), 200), (tr("Quantity"), 90), (tr("Factor"), 110), (tr("kg CO2e"), 115)], 9, True)
    periods = {"annual": tr("per year"), "one-off": tr("one-off"), "mixed": tr("first year"), "none": ""}
    for ln in impact.get("lines", []):
        if ln["covered"] and not ln["quantity"]:
            continue  # e.g. files whose measured volume is already in the Go lines
        label = ln["label_fr"] if lang.startswith("fr") else ln["label_en"]
        qty = number(ln["quantity"], lang, 3 if ln["quantity_unit"] == "Go" else 0)
        factor = f"{number(ln['factor'], lang, 2)} {ln['factor_unit']}" if ln["covered"] else tr("not in this method")
        pg.row([(label, 200), (f"{qty} {ln['quantity_unit']}", 90), (factor, 110),
                (f"{number(ln['kg'], lang, 3)} {periods.get(ln['period'], '')}", 115)])


def _total_lines(pg: _Page, impact: dict, lang: str) -> None:
    total = impact.get("total", {})
    label = {"per year of avoided storage": tr("per year of avoided storage"),
             "one-off": tr("one-off"),
             }.get(total.get("label"), tr("first year: one year of avoided storage + one-off savings"))
    pg.text(f"{tr('Total')}: {kg_text(total.get('kg', 0.0), lang)} ({label})", 11, True)
    if total.get("kg_low") != total.get("kg_high"):
        pg.text(f"{tr('Range')}: {number(total['kg_low'], lang, 3)} - {number(total['kg_high'], lang, 3)} kg CO2e", 9)
    if total.get("kg_annual") and total.get("kg_one_off"):
        pg.text(f"= {number(total['kg_annual'], lang, 3)} kg {tr('per year of avoided storage')} + "
                f"{number(total['kg_one_off'], lang, 3)} kg {tr('one-off')}", 9)


def _equivalences(pg: _Page, eqs: list[dict], lang: str) -> None:
    if not eqs:
        return
    parts = [f"{number(e['value'], lang, 2 if e['kind'] == 'share' else 1)} "
             f"{e['unit_fr'] if lang.startswith('fr') else e['unit_en']}" for e in eqs]
    pg.text(tr("That is about: ") + "; ".join(parts) + ".", 9)
    pg.text(tr("Sources: ") + "; ".join(e["source"] for e in eqs), 7, color="#616161")


def _method_note(pg: _Page, method, lang: str) -> None:
    unit = UNIT_NOTE_FR if lang.startswith("fr") else UNIT_NOTE_EN
    pg.text(f"{tr('Method')}: {method.name(lang)} [{method.id} {method.version}]. {tr('Source')}: "
            f"{method.source}. {unit}.", 8, color="#424242")
    note = method.note_fr if lang.startswith("fr") else method.note_en
    if note:
        pg.text(note, 8, color="#424242")


def render_sheet_pdf(sheet, path: os.PathLike | str, lang: str = "en") -> Path:
    """One A4 page: big numbers, a bar chart per environment, the kg per line, equivalences,
    the method and its source. ``sheet`` is a core.sheets.Sheet."""

    def draw(pg: _Page) -> None:
        pg.text(tr("Digital Cleanup Day: my measurement sheet"), 18, True, "#1b5e20")
        who = [x for x in (sheet.participant, sheet.team, sheet.event_id and f"{tr('event')} {sheet.event_id}",
                           sheet.event_date) if x]
        if who:
            pg.text(" · ".join(who), 10, color="#424242")
        pg.rule()
        pg.text(f"{go_text(sheet.go_total, lang)} {tr('freed')}", 22, True, "#2e7d32")
        pg.text(f"{go_text(sheet.go_cloud, lang)} {tr('on servers (cloud, mail)')}  ·  "
                f"{go_text(sheet.go_local, lang)} {tr('on this computer')}", 10)
        pg.text(f"{kg_text(sheet.kg, lang)}", 18, True, "#1565c0")
        pg.text(f"{number(sheet.files_deleted, lang, 0)} {tr('files deleted')}  ·  "
                f"{number(sheet.emails_deleted, lang, 0)} {tr('emails deleted')}", 10)
        if sheet.in_trash_bytes:
            pg.text(f"{go_text(sheet.in_trash_bytes / 1e9, lang)} {tr('still in the trash: not counted until the trash is emptied')}",
                    9, color="#e65100")
        pg.rule()
        envs = [(tr(ENV_LABELS[e]), v.get("freed_bytes", 0) / 1e9, go_text(v.get("freed_bytes", 0) / 1e9, lang))
                for e, v in sheet.by_environment.items() if v.get("freed_bytes")]
        if sheet.in_trash_bytes:
            envs.append((tr("Still in the trash"), sheet.in_trash_bytes / 1e9, go_text(sheet.in_trash_bytes / 1e9, lang)))
        pg.bars(envs or [(tr("Nothing freed yet"), 0.0, go_text(0.0, lang))], tr("Go freed per place"))
        if sheet.measurements:
            pg.text(tr("Measured before / after"), 11, True)
            for m in sheet.measurements:
                pg.text(f"{tr(ENV_LABELS[m.environment])}: {go_text(m.before_bytes / 1e9, lang)} -> "
                        f"{go_text(m.after_bytes / 1e9, lang)}", 9)
        pg.rule()
        _impact_table(pg, sheet.impact, lang)
        _total_lines(pg, sheet.impact, lang)
        _equivalences(pg, sheet.equivalences, lang)
        pg.rule()
        _method_note(pg, sheet.method, lang)
        pg.text(tr("Moving to the trash frees nothing until the trash is emptied; only what was really "
                   "freed is counted. Keeping devices longer matters more: manufacturing is most of "
                   "their footprint."), 8, color="#424242")
        pg.y = A4_H - MARGIN - 12
        pg.text(f"{tr('Sheet')} {sheet.sheet_id} · Cleanup Desktop {sheet.app_version}", 7, color="#9e9e9e")

    return _paint(path, draw, "Cleanup Desktop measurement sheet")


def render_summary_pdf(agg, path: os.PathLike | str, lang: str = "en", top: int = 12) -> Path:
    """The organiser's one-page summary: totals, the team ranking as a chart and a table."""

    def draw(pg: _Page) -> None:
        m = agg.meta
        pg.text(tr("Digital Cleanup Day: event summary"), 18, True, "#1b5e20")
        who = [x for x in (m.organizer, m.event_id and f"{tr('event')} {m.event_id}", m.structure_type,
                           m.region, m.event_date) if x]
        if who:
            pg.text(" · ".join(str(x) for x in who), 10, color="#424242")
        pg.rule()
        t = agg.totals
        pg.text(f"{go_text(t.go_total, lang)} {tr('freed')}", 20, True, "#2e7d32")
        pg.text(f"{tr('Participants')}: {t.participants}", 10)
        pg.text(f"{go_text(t.go_cloud, lang)} {tr('on servers (cloud, mail)')}  ·  "
                f"{go_text(t.go_local, lang)} {tr('on computers')}  ·  "
                f"{go_text(t.go_per_participant, lang)} {tr('per participant')}", 10)
        pg.text(kg_text(t.kg, lang), 18, True, "#1565c0")
        pg.text(f"{number(t.files_deleted, lang, 0)} {tr('files deleted')}  ·  "
                f"{number(t.emails_deleted, lang, 0)} {tr('emails deleted')}", 10)
        if m.participants_reached:
            pg.text(f"{number(m.participants_reached, lang, 0)} {tr('people reached')}", 10)
        pg.rule()
        teams = agg.teams[:top]
        pg.bars([(f"{tm.rank}. {tm.team}", tm.go_total, go_text(tm.go_total, lang)) for tm in teams]
                or [(tr("No sheet"), 0.0, go_text(0.0, lang))], tr("Team ranking (Go freed)"))
        pg.row([(tr("Rank"), 40), (tr("Team"), 150), (tr("Participants"), 70), (tr("Go freed"), 80),
                (tr("Go per participant"), 80), (tr("kg CO2e"), 95)], 9, True)
        for tm in teams:
            pg.row([(str(tm.rank), 40), (tm.team, 150), (str(tm.participants), 70),
                    (number(tm.go_total, lang, 3), 80), (number(tm.go_per_participant, lang, 3), 80),
                    (number(tm.kg, lang, 3), 95)])
        if len(agg.teams) > top:
            pg.text(f"… {len(agg.teams) - top} {tr('more teams in the XLSX file')}", 8)
        pg.rule()
        _total_lines(pg, agg.impact, lang)
        _equivalences(pg, agg.equivalences, lang)
        _method_note(pg, agg.method, lang)
        if agg.rejected or agg.duplicates:
            pg.text(f"{len(agg.rejected)} {tr('sheets rejected')}, {len(agg.duplicates)} "
                    f"{tr('duplicates ignored (see the XLSX file)')}", 8, color="#e65100")

    return _paint(path, draw, "Cleanup Desktop event summary")

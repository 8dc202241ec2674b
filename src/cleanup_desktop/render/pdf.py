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

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtCore import QCoreApplication as Q

from cleanup_desktop import __version__
from cleanup_desktop.core.impact.compute import fixed
from cleanup_desktop.core.impact.methods import UNIT_NOTE_EN, UNIT_NOTE_FR
from cleanup_desktop.render.source_texts import source_text

A4_W, A4_H = 595.0, 842.0  # points (the writer's resolution is set to 72 dpi)
MARGIN = 40.0
PALETTE = ("#2e7d32", "#1565c0", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#5d4037", "#455a64")


TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
_translators: list = []
_own_app: list = []  # the QApplication ensure_gui_app created (not the desktop app's)


def ensure_gui_app(lang: str = "en"):
    """The running QGuiApplication (the desktop app has installed its translations), or a new
    offscreen one for the CLI and tests, with the shipped translation of ``lang`` if any."""
    from PySide6.QtCore import QCoreApplication, QTranslator
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        headless = sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # A QApplication (a QGuiApplication too): widgets created later in the same process,
        # e.g. the desktop app or pytest-qt after a PDF test, need one and Qt allows one app.
        from PySide6.QtWidgets import QApplication

        app = QApplication(["cleanup-desktop"])
        _own_app.append(app)
    elif not isinstance(app, QGuiApplication):
        raise RuntimeError("a QCoreApplication without GUI is running: PDF needs a QGuiApplication")
    if _own_app and _own_app[0] is app:
        # Our own app (CLI, tests): each PDF in the language asked for, whatever came before.
        for t in _translators:
            app.removeTranslator(t)
        _translators.clear()
        translator = QTranslator(app)
        if not lang.startswith("en") and translator.load(str(TRANSLATIONS_DIR / f"cleanup_desktop_{lang[:2]}.qm")):
            app.installTranslator(translator)
            _translators.append(translator)
    return app


class SheetPdf(QObject):
    """The sheets' sentences with a count, in Qt's plural forms (%n). They live in tr() calls
    of a class named like the context because lupdate reads a plural form only there."""

    def donated(self, n: int) -> str:
        return self.tr("%n devices donated, repaired, protected or reused: {0} of avoided manufacturing "
                       "(one-off, not included in the total above)", "", n)

    def recycled(self, n: int) -> str:
        return self.tr("Handed in for recycling: %n devices, {0} kg (weights only: no CO2e is computed for "
                       "recycling)", "", n)

    def files_deleted(self, n: int) -> str:
        return self.tr("%n files deleted", "", n)

    def emails_deleted(self, n: int) -> str:
        return self.tr("%n emails deleted", "", n)

    def kept_in_use(self, n: int) -> str:
        return self.tr("Beyond data: %n devices kept in use, {0} of avoided manufacturing (one-off, apart from "
                       "the data figure);", "", n)

    def handed_in(self, n: int) -> str:
        return self.tr("%n devices, {0} kg handed in for recycling", "", n)

    def more_teams(self, n: int) -> str:
        return self.tr("… %n more teams in the XLSX file", "", n)

    def rejected(self, n: int) -> str:
        return self.tr("%n sheets rejected,", "", n)

    def ignored(self, n: int) -> str:
        return self.tr("%n duplicates ignored (see the XLSX file)", "", n)

    def files(self, n: int) -> str:
        return self.tr("%n files", "", n)

    def emails(self, n: int) -> str:
        return self.tr("%n emails", "", n)

    def apps_uninstalled(self, n: int) -> str:
        return self.tr("%n apps uninstalled", "", n)

    def posts(self, n: int) -> str:
        return self.tr("%n posts", "", n)

    def volumes_note(self, n: int) -> str:
        return self.tr("Whole-volume usage of the %n volumes holding the cleaned folders: it includes every other "
                       "change on them (downloads, updates, other programs).", "", n)

    def held_for_review(self, n: int) -> str:
        return self.tr("%n sheets held for review, NOT added up (see \"To review\" in the XLSX file; accept one "
                       "with --accept SHEET_ID)", "", n)

    def files_rejected(self, n: int) -> str:
        return self.tr("%n files rejected,", "", n)

    def without_event(self, n: int) -> str:
        return self.tr("%n sheets without an event number,", "", n)

    def copies_ignored(self, n: int) -> str:
        return self.tr("%n older copies ignored (listed with their reason in the XLSX file and summary.json)", "", n)

    def sheets_used(self, n: int) -> str:
        return self.tr("%n sheets used", "", n)


_plural: list = []


def plural() -> SheetPdf:
    if not _plural:
        _plural.append(SheetPdf())
    return _plural[0]


def tr(text: object) -> str:
    """Translate a text marked with QT_TRANSLATE_NOOP("SheetPdf", ...) (typed object: it
    returns its message unchanged, a str)."""
    return Q.translate("SheetPdf", str(text))


def number(value: float, lang: str = "en", decimals: int = 2) -> str:
    """1234.5 -> "1,234.50" (en) or "1 234,50" (fr)."""
    text = fixed(value, decimals)
    if lang.startswith("fr"):
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def weight(kg: float, lang: str = "en") -> str:
    """A weight in kg as entered, up to the gram: 2.5 -> "2.5" / "2,5", 5.75 -> "5.75"."""
    text = number(kg, lang, 3)
    sep = "," if lang.startswith("fr") else "."
    return text.rstrip("0").rstrip(sep) if sep in text else text


def go_text(go: float, lang: str = "en") -> str:
    return f"{number(go, lang, 2 if go >= 0.01 or go == 0 else 4)} Go"


def kg_text(kg: float, lang: str = "en") -> str:
    return f"{number(kg, lang, 2 if kg >= 0.1 else 3)} kg CO2e"


class _Page:
    """A cursor over one A4 page: text lines, rules and bar charts, top to bottom."""

    def __init__(self, painter) -> None:
        from PySide6.QtGui import QFont, QTextOption

        self.p = painter
        self.y = MARGIN
        self.family = QFont("DejaVu Sans").family()
        self._fonts: dict = {}
        self._current: tuple = (None, None)  # (font key, colour) set on the painter
        self.option = QTextOption()
        self.option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long names never overflow

    def font(self, size: float, bold: bool = False):
        """The font (made once per size/weight) and set on the painter only when it changes:
        fewer Qt calls (see keep_none_alive)."""
        from PySide6.QtGui import QFont

        key = (size, bold)
        f = self._fonts.get(key)
        if f is None:
            f = QFont(self.family)
            f.setPointSizeF(size)
            f.setBold(bold)
            if hasattr(f, "setFeature"):  # no "fi"/"ff" ligatures: the PDF text stays searchable
                f.setFeature(QFont.Tag("liga"), 0)
            self._fonts[key] = f
        if self._current[0] != key:
            self.p.setFont(f)
            self._current = (key, self._current[1])
        return f

    def pen(self, color: str) -> None:
        from PySide6.QtGui import QColor

        if self._current[1] != color:
            self.p.setPen(QColor(color))
            self._current = (self._current[0], color)

    def text(self, s: str, size: float = 10, bold: bool = False, color: str = "#212121",
             x: float = MARGIN, width: Optional[float] = None, advance: bool = True) -> float:
        from PySide6.QtCore import QRectF

        self.font(size, bold)
        self.pen(color)
        w = width if width is not None else A4_W - MARGIN - x
        rect = self.p.boundingRect(QRectF(x, self.y, w, 1000), s, self.option)
        self.p.drawText(QRectF(x, self.y, w, rect.height()), s, self.option)
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
        self._current = (self._current[0], None)
        self.p.drawLine(MARGIN, self.y + 2, A4_W - MARGIN, self.y + 2)
        self.y += 8

    def bars(self, items: Sequence[tuple[str, float, str]], title: str, height: float = 16) -> None:
        """A horizontal bar chart: (label, value, value text)."""
        from PySide6.QtCore import QRectF, Qt
        from PySide6.QtGui import QColor, QFontMetricsF

        self.text(title, 11, True)
        biggest = max((v for _, v, _ in items), default=0) or 1.0
        metrics = QFontMetricsF(self.font(9))
        value_w = 110.0
        # As wide as the longest label (French ones run longer), within 40 % of the line.
        widest = max((metrics.horizontalAdvance(label) for label, _, _ in items), default=0.0)
        label_w = min(max(150.0, widest + 12), 0.4 * (A4_W - 2 * MARGIN))
        bar_w = A4_W - 2 * MARGIN - label_w - value_w
        for i, (label, value, shown) in enumerate(items):
            label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 8)  # one line per bar
            self.text(label, 9, x=MARGIN, width=label_w - 6, advance=False)
            w = max(1.0, bar_w * value / biggest) if value > 0 else 0.0
            self.p.fillRect(QRectF(MARGIN + label_w, self.y + 2, w, height - 5), QColor(PALETTE[i % len(PALETTE)]))
            self.text(shown, 9, x=MARGIN + label_w + w + 4, width=value_w + bar_w - w, advance=False)
            self.y += height
        self.y += 4


_none_kept_alive = False


def keep_none_alive() -> None:
    """Work around PySide6 6.12 on CPython 3.11: its void methods (setFont, setPen, setText...)
    return None without taking a reference, so every call lowers None's reference count and
    the process aborts ("deallocating None", often at exit) once it reaches zero; one summary
    page costs dozens of such calls. Here None gets a reference count no run can exhaust,
    once per process, as CPython 3.12+ does for every immortal object. Nothing is done on
    3.12+ (None is immortal there) or on other Python implementations."""
    global _none_kept_alive
    if _none_kept_alive or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40  # ob_refcnt, the first field
    _none_kept_alive = True


def _paint(path: os.PathLike | str, draw, title: str, lang: str, attachments: Sequence[tuple] = ()) -> Path:
    keep_none_alive()
    return _paint_unguarded(path, draw, title, lang, attachments)


def _paint_unguarded(path: os.PathLike | str, draw, title: str, lang: str, attachments: Sequence[tuple] = ()) -> Path:
    app = ensure_gui_app(lang)
    extra = None
    if not (_own_app and _own_app[0] is app) and not lang.startswith("en"):
        # Someone else's app (the desktop app, a test's): lay this PDF's language over its own
        # translations for this page only.
        from PySide6.QtCore import QTranslator

        extra = QTranslator()
        if extra.load(str(TRANSLATIONS_DIR / f"cleanup_desktop_{lang[:2]}.qm")):
            app.installTranslator(extra)
        else:
            extra = None
    try:
        return _paint_file(path, draw, title, attachments)
    finally:
        if extra is not None:
            app.removeTranslator(extra)


def _paint_file(path: os.PathLike | str, draw, title: str, attachments: Sequence[tuple]) -> Path:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(72)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    writer.setTitle(title)
    writer.setCreator("Cleanup Desktop")
    for name, data, mime in attachments:  # (file name, bytes, MIME type): embedded files
        writer.addFileAttachment(name, data, mime)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the PDF file {path}")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        draw(_Page(painter))
    finally:
        painter.end()
    del writer
    os.replace(tmp, path)
    return path


# Every text goes through Qt translation, context "SheetPdf" (extracted by pyside6-lupdate:
# the context and the texts are literals; numbers are {0}-style arguments).
ENV_LABELS = {
    "workstation": QT_TRANSLATE_NOOP("SheetPdf", "This computer"),
    "cloud-drive": QT_TRANSLATE_NOOP("SheetPdf", "Cloud drive (synced folder)"),
    "network-share": QT_TRANSLATE_NOOP("SheetPdf", "Network share"),
    "mailbox": QT_TRANSLATE_NOOP("SheetPdf", "Mailbox on a server"),
    "local-mail": QT_TRANSLATE_NOOP("SheetPdf", "Local mail store"),
}
PERIODS = {
    "annual": QT_TRANSLATE_NOOP("SheetPdf", "per year"),
    "one-off": QT_TRANSLATE_NOOP("SheetPdf", "one-off"),
    "mixed": QT_TRANSLATE_NOOP("SheetPdf", "first year"),
}
TOTAL_LABELS = {
    "per year of avoided storage": QT_TRANSLATE_NOOP("SheetPdf", "per year of avoided storage"),
    "one-off": QT_TRANSLATE_NOOP("SheetPdf", "one-off"),
    "first year: one year of avoided storage + one-off savings":
        QT_TRANSLATE_NOOP("SheetPdf", "first year: one year of avoided storage + one-off savings"),
}


USAGE_PLACES = {
    "workstation": QT_TRANSLATE_NOOP("SheetPdf", "This computer's disks"),
}


DEVICE_LABELS = {
    "ordinateurFixe": QT_TRANSLATE_NOOP("SheetPdf", "Desktop computer"),
    "ecran": QT_TRANSLATE_NOOP("SheetPdf", "Screen"),
    "ordinateurPortable": QT_TRANSLATE_NOOP("SheetPdf", "Laptop"),
    "tablette": QT_TRANSLATE_NOOP("SheetPdf", "Tablet"),
    "smartphone": QT_TRANSLATE_NOOP("SheetPdf", "Smartphone"),
    "divers": QT_TRANSLATE_NOOP("SheetPdf", "Other"),
}


def _devices(pg: _Page, summary: dict, lang: str) -> None:
    """Beyond data: réemploi kg CO2e (apart from the data total) and recycled weights."""
    reuse, recycled = summary["reemploi"], summary["recyclage"]
    if not reuse["declared_actions"] and not recycled["quantity"] and not recycled["weight_kg"]:
        return
    pg.text(Q.translate("SheetPdf", "Beyond data: my devices"), 11, True)
    if reuse["declared_actions"]:
        devices = int(reuse["devices"])
        pg.text(plural().donated(devices).format(
            kg_text(reuse["kg_co2e"], lang)), 10, True, "#6a1b9a")
        parts = [f"{tr(DEVICE_LABELS[ln['device']])} {number(ln['devices'], lang, 0)} × "
                 f"{number(ln['kg_per_device'], lang, 0)} kg" for ln in reuse["lines"]]
        if parts:
            pg.text(" · ".join(parts), 8)
    if recycled["quantity"] or recycled["weight_kg"]:
        quantity = int(recycled["quantity"])
        pg.text(plural().recycled(quantity).format(
            weight(recycled["weight_kg"], lang)), 10)
    sources = [x for x in (reuse["source"] if reuse["declared_actions"] else "", recycled["source"]
                           if recycled["quantity"] or recycled["weight_kg"] else "") if x]
    if sources:
        pg.text(Q.translate("SheetPdf", "Sources: {0}").format("; ".join(map(source_text, sources))), 7, color="#616161")


def _impact_table(pg: _Page, impact: dict, lang: str) -> None:
    pg.row([(Q.translate("SheetPdf", "What"), 200), (Q.translate("SheetPdf", "Quantity"), 90),
            (Q.translate("SheetPdf", "Factor"), 110), (Q.translate("SheetPdf", "kg CO2e"), 115)], 9, True)
    for ln in impact.get("lines", []):
        if ln["covered"] and not ln["quantity"]:
            continue  # e.g. files whose measured volume is already in the Go lines
        label = ln["label_fr"] if lang.startswith("fr") else ln["label_en"]
        qty = number(ln["quantity"], lang, 3 if ln["quantity_unit"] == "Go" else 0)
        factor = (f"{number(ln['factor'], lang, 2)} {ln['factor_unit']}" if ln["covered"]
                  else Q.translate("SheetPdf", "not in this method"))
        period = tr(PERIODS[ln["period"]]) if ln["period"] in PERIODS else ""
        pg.row([(label, 200), (f"{qty} {ln['quantity_unit']}", 90), (factor, 110),
                (f"{number(ln['kg'], lang, 3)} {period}", 115)])


def _total_lines(pg: _Page, impact: dict, lang: str) -> None:
    total = impact.get("total", {})
    label = tr(TOTAL_LABELS.get(total.get("label"), total.get("label", "")))
    pg.text(Q.translate("SheetPdf", "Total: {0} ({1})").format(kg_text(total.get("kg", 0.0), lang), label), 11, True)
    if total.get("kg_low") != total.get("kg_high"):
        pg.text(Q.translate("SheetPdf", "Range: {0} - {1} kg CO2e").format(
            number(total["kg_low"], lang, 3), number(total["kg_high"], lang, 3)), 9)
    if total.get("kg_annual") and total.get("kg_one_off"):
        pg.text(Q.translate("SheetPdf", "= {0} kg per year of avoided storage + {1} kg one-off").format(
            number(total["kg_annual"], lang, 3), number(total["kg_one_off"], lang, 3)), 9)


def _equivalences(pg: _Page, eqs: list[dict], lang: str) -> None:
    if not eqs:
        return
    from cleanup_desktop.core.impact.equivalences import Equivalence, decimals_for, readable

    shown = readable([Equivalence(**{k: e[k] for k in Equivalence.__dataclass_fields__}) for e in eqs], limit=len(eqs))
    if not shown:
        return
    parts = [f"{number(e.value, lang, decimals_for(e))} {e.unit(lang)}" for e in shown]
    pg.text(Q.translate("SheetPdf", "That is about: {0}.").format("; ".join(parts)), 9)
    pg.text(Q.translate("SheetPdf", "Sources: {0}").format("; ".join(source_text(e.source) for e in shown)), 7,
            color="#616161")


def _method_note(pg: _Page, method, lang: str) -> None:
    unit = UNIT_NOTE_FR if lang.startswith("fr") else UNIT_NOTE_EN
    pg.text(Q.translate("SheetPdf", "Method: {0} [{1} {2}]. Source: {3}. {4}.").format(
        method.name(lang), method.id, method.version, source_text(method.source), unit), 8, color="#424242")
    note = method.note_fr if lang.startswith("fr") else method.note_en
    if note:
        pg.text(note, 8, color="#424242")


def _counts(pg: _Page, files: int, emails: int, lang: str, declared=None) -> None:
    """Counts in one vocabulary: measured by the app, or declared (no volume known)."""
    pl = plural()
    pg.text(Q.translate("SheetPdf", "Measured by the app: {0} and {1} (counted through their Go)").format(
        _n(pl.files_deleted(int(files)), lang), _n(pl.emails_deleted(int(emails)), lang)), 10)
    if declared is not None and any(declared):
        files_cloud, files_local, d_emails, apps, posts = (int(x) for x in declared)
        parts = [pl.files(files_cloud + files_local), pl.emails(d_emails), pl.apps_uninstalled(apps), pl.posts(posts)]
        pg.text(Q.translate("SheetPdf", "Declared (deleted outside the app, no volume known): {0}").format(
            ", ".join(_n(x, lang) for x in parts)), 9)


def _n(text: str, lang: str) -> str:
    """A %n sentence with its number grouped as the language writes it (1,200 / 1 200)."""
    import re

    return re.sub(r"\d{4,}", lambda m: number(int(m.group()), lang, 0), text, count=1)


def _usage(pg: _Page, measurements, lang: str) -> None:
    """Before/after disk usage, worded so that it is never read as the freed figure."""
    if not measurements:
        return
    pg.text(Q.translate("SheetPdf", "Disk usage before / after (not the freed figure)"), 11, True)
    for m in measurements:
        pg.text(Q.translate("SheetPdf", "{0}: {1} used at the first scan ({2}), {3} after the last emptying "
                            "or run ({4})").format(
            tr(USAGE_PLACES.get(m.environment, ENV_LABELS[m.environment])), go_text(m.before_bytes / 1e9, lang),
            _when(m.before_time), go_text(m.after_bytes / 1e9, lang), _when(m.after_time)), 9)
    n = sum(getattr(m, "volumes", 1) for m in measurements)
    pg.text(plural().volumes_note(int(n)), 8, color="#616161")


def _when(t) -> str:
    return str(t or "?")[:16].replace("T", " ")


def render_sheet_pdf(sheet, path: os.PathLike | str, lang: str = "en") -> Path:
    """One A4 page: big numbers, a bar chart per environment, the kg per line, equivalences,
    the method and its source. ``sheet`` is a core.sheets.Sheet."""

    def draw(pg: _Page) -> None:
        pg.text(Q.translate("SheetPdf", "Digital Cleanup Day: my measurement sheet"), 18, True, "#1b5e20")
        event = sheet.event_id and Q.translate("SheetPdf", "event {0}").format(sheet.event_id)
        who = [x for x in (sheet.participant, sheet.team, event, sheet.event_date) if x]
        if who:
            pg.text(" · ".join(who), 10, color="#424242")
        pg.rule()
        pg.text(Q.translate("SheetPdf", "{0} freed").format(go_text(sheet.go_total, lang)), 22, True, "#2e7d32")
        pg.text(Q.translate("SheetPdf", "{0} on servers (cloud, mail)  ·  {1} on this computer").format(
            go_text(sheet.go_cloud, lang), go_text(sheet.go_local, lang)), 10)
        pg.text(kg_text(sheet.kg, lang), 18, True, "#1565c0")
        d = sheet.declared
        _counts(pg, sheet.files_deleted, sheet.emails_deleted, lang,
                (d.files_cloud, d.files_local, d.emails, d.apps, d.social_posts))
        in_trash = sheet.in_trash_bytes / 1e9
        if in_trash:
            pg.text(Q.translate("SheetPdf", "{0} still in the trash: not counted until the trash is emptied").format(
                go_text(in_trash, lang)), 9, color="#e65100")
        pg.rule()
        envs = [(tr(ENV_LABELS[e]), v.get("freed_bytes", 0) / 1e9, go_text(v.get("freed_bytes", 0) / 1e9, lang))
                for e, v in sheet.by_environment.items() if v.get("freed_bytes")]
        if in_trash:
            envs.append((Q.translate("SheetPdf", "Still in the trash"), in_trash, go_text(in_trash, lang)))
        pg.bars(envs or [(Q.translate("SheetPdf", "Nothing freed yet"), 0.0, go_text(0.0, lang))],
                Q.translate("SheetPdf", "Go freed per place"))
        _usage(pg, sheet.measurements, lang)
        pg.rule()
        _impact_table(pg, sheet.impact, lang)
        _total_lines(pg, sheet.impact, lang)
        _equivalences(pg, sheet.equivalences, lang)
        pg.rule()
        if sheet.reemploi or sheet.recyclage:
            _devices(pg, sheet.devices(), lang)
            pg.rule()
        _method_note(pg, sheet.method, lang)
        pg.text(Q.translate("SheetPdf", "Moving to the trash frees nothing until the trash is emptied; only what "
                            "was really freed is counted. Keeping devices longer matters more: manufacturing "
                            "is most of their footprint."), 8, color="#424242")
        pg.y = A4_H - MARGIN - 22
        pg.text(Q.translate("SheetPdf", "The sheet's data is attached to this PDF (cleanup-desktop-sheet.json): the "
                            "organiser's aggregation reads it."), 7, color="#9e9e9e")
        pg.text(Q.translate("SheetPdf", "Sheet {0} · Cleanup Desktop {1}").format(sheet.sheet_id, sheet.app_version),
                7, color="#9e9e9e")

    from cleanup_desktop.core.sheets.read import PDF_ATTACHMENT

    payload = (sheet.to_json() + "\n").encode("utf-8")  # read back by the organiser (core.sheets.read)
    return _paint(path, draw, "Cleanup Desktop measurement sheet", lang,
                  [(PDF_ATTACHMENT, payload, "application/json")])


def render_summary_pdf(agg, path: os.PathLike | str, lang: str = "en", top: int = 10) -> Path:
    """The organiser's one-page summary: sheets to review first, totals, Go per place,
    counts (measured and declared), the team ranking as a chart and a table, the method, and
    where the evidence is (every sheet used with the SHA-256 of its file)."""

    def draw(pg: _Page) -> None:
        m = agg.meta
        pg.text(Q.translate("SheetPdf", "Digital Cleanup Day: event summary"), 18, True, "#1b5e20")
        event = m.event_id and Q.translate("SheetPdf", "event {0}").format(m.event_id)
        who = [x for x in (m.organizer, event, m.structure_type, m.region, m.departement, m.event_date) if x]
        if who:
            pg.text(" · ".join(str(x) for x in who), 10, color="#424242")
        review = agg.to_review
        if review:
            pg.text(plural().held_for_review(len(review)), 10, True, "#c62828")
            for r in review[:3]:
                pg.text(f"{r.sheet_id[:8]}… {r.participant or ''} {r.team or ''}: "
                        f"{r.reason_text('fr' if lang.startswith('fr') else 'en')}", 8, color="#c62828")
        pg.rule()
        t = agg.totals
        pg.text(Q.translate("SheetPdf", "{0} freed").format(go_text(t.go_total, lang)), 20, True, "#2e7d32")
        if m.participants_invited:
            pg.text(Q.translate("SheetPdf", "Active participants: {0} of {1} invited").format(
                number(t.participants, lang, 0), number(m.participants_invited, lang, 0)), 10)
        else:
            pg.text(Q.translate("SheetPdf", "Participants: {0}").format(number(t.participants, lang, 0)), 10)
        pg.text(Q.translate("SheetPdf", "{0} on servers (cloud, mail)  ·  {1} on computers  ·  {2} per participant")
                .format(go_text(t.go_cloud, lang), go_text(t.go_local, lang), go_text(t.go_per_participant, lang)), 10)
        pg.text(kg_text(t.kg, lang), 18, True, "#1565c0")
        _counts(pg, t.files_measured, t.emails_measured, lang,
                (t.files_declared_cloud, t.files_declared_local, t.emails_declared, t.apps_declared,
                 t.social_posts_declared))
        pg.text(Q.translate("SheetPdf", "National form (dcd-bilan.json): {0} (measured + declared), {1} counted per "
                            "file (declared only)").format(_n(plural().emails(int(t.emails_national)), lang),
                                                           _n(plural().files(int(t.files_national)), lang)), 8,
                color="#616161")
        if m.participants_reached:
            pg.text(Q.translate("SheetPdf", "{0} people reached").format(number(m.participants_reached, lang, 0)), 10)
        if m.sensibilisation:
            people = sum(int(v.get("participants", 0)) for v in m.sensibilisation.values())
            audience = sum(int(v.get("audience", 0)) for v in m.sensibilisation.values())
            pg.text(Q.translate("SheetPdf", "Awareness sessions: {0} participants, audience {1}").format(
                number(people, lang, 0), number(audience, lang, 0)), 9)
        if t.reemploi_devices or t.recyclage_quantity or t.recyclage_kg:
            kept_n, handed_n = int(t.reemploi_devices), int(t.recyclage_quantity)
            kept = plural().kept_in_use(kept_n)
            handed = plural().handed_in(handed_n)
            pg.text(kept.format(kg_text(t.reemploi_kg, lang)) + " " + handed.format(weight(t.recyclage_kg, lang)), 9,
                    color="#6a1b9a")
        if agg.compare and agg.compare.get("totals"):
            c = agg.compare["totals"]
            parts = []
            if "go_total" in c:
                parts.append(Q.translate("SheetPdf", "Go freed {0} (previously {1})").format(
                    go_text(c["go_total"]["now"], lang), go_text(c["go_total"]["previous"], lang)))
            if "participants" in c:
                parts.append(Q.translate("SheetPdf", "participants {0} (previously {1})").format(
                    number(c["participants"]["now"], lang, 0), number(c["participants"]["previous"], lang, 0)))
            if "kg" in c:
                parts.append(Q.translate("SheetPdf", "{0} (previously {1})").format(
                    kg_text(c["kg"]["now"], lang), kg_text(c["kg"]["previous"], lang)))
            pg.text(Q.translate("SheetPdf", "Compared with the previous summary: {0}").format("; ".join(parts)), 9)
        pg.rule()
        places = [(tr(ENV_LABELS[e]), go, go_text(go, lang)) for e, go in agg.places.items() if go > 0]
        if places:
            pg.bars(places, Q.translate("SheetPdf", "Go freed per place"), height=14)
        teams = agg.teams[:top]
        pg.bars([(f"{tm.rank}. {tm.team}", tm.go_total, go_text(tm.go_total, lang)) for tm in teams]
                or [(Q.translate("SheetPdf", "No sheet"), 0.0, go_text(0.0, lang))],
                Q.translate("SheetPdf", "Team ranking (Go freed)"), height=13)
        pg.row([(Q.translate("SheetPdf", "Rank"), 40), (Q.translate("SheetPdf", "Team"), 150),
                (Q.translate("SheetPdf", "Participants"), 70), (Q.translate("SheetPdf", "Go freed"), 80),
                (Q.translate("SheetPdf", "Go per participant"), 80), (Q.translate("SheetPdf", "kg CO2e"), 95)], 8, True)
        for tm in teams:
            pg.row([(str(tm.rank), 40), (tm.team, 150), (str(tm.participants), 70),
                    (number(tm.go_total, lang, 3), 80), (number(tm.go_per_participant, lang, 3), 80),
                    (number(tm.kg, lang, 3), 95)], 8)
        if len(agg.teams) > top:
            more = len(agg.teams) - top
            pg.text(plural().more_teams(more), 8)
        pg.rule()
        _total_lines(pg, agg.impact, lang)
        _equivalences(pg, agg.equivalences, lang)
        _method_note(pg, agg.method, lang)
        if agg.rejected or agg.duplicates or agg.without_event:
            pl = plural()
            pg.text(" ".join((pl.files_rejected(len(agg.rejected)), pl.without_event(len(agg.without_event)),
                              pl.copies_ignored(len(agg.duplicates)))), 8, color="#e65100")
        from cleanup_desktop.core.impact.classify import counting

        pg.text(Q.translate("SheetPdf", "Evidence: generated {0} by Cleanup Desktop {1}, method {2} {3}, counting "
                            "rules version {4}. The sheets used ({5}: id, team, date, SHA-256 of each file) are listed "
                            "in summary.json (\"evidence\") and in the Sources sheet of participants.xlsx. SHA-256 of "
                            "the whole input set: {6}").format(
            _when(agg.generated), __version__, agg.method.id, agg.method.version,
            counting().get("version", ""), _n(plural().sheets_used(len(agg.sources)), lang), agg.input_sha256), 7,
            color="#616161")

    return _paint(path, draw, "Cleanup Desktop event summary", lang)

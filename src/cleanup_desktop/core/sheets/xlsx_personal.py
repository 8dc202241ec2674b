"""The participant's XLSX: a form that reads on paper (label, value, unit) in the chosen
language, the CO2e lines, the devices, and the sheet JSON in a very hidden worksheet."""

from __future__ import annotations

from pathlib import Path

from cleanup_desktop.core.impact.classify import ENVIRONMENTS
from cleanup_desktop.core.impact.methods import GO_BYTES, UNIT_NOTE_EN, UNIT_NOTE_FR
from cleanup_desktop.core.sheets.messages import text, unit_text
from cleanup_desktop.core.sheets.model import Sheet
from cleanup_desktop.core.sheets.read import DATA_SHEET
from cleanup_desktop.core.sheets.xlsx_write import add_data_sheet, form, table


def section(key: str, lang: str) -> tuple:
    """A section heading row of a form (core.sheets.xlsx_write.form)."""
    return (text(key, lang), None, None, "section")


def usage_rows(measurements, lang: str) -> list[tuple]:
    """Before/after usage, worded so that it is never read as the freed figure."""
    rows = []
    for m in measurements:
        place = text(f"place.{m.environment}", lang)
        rows.append((text("usage.before", lang, place=place, time=(m.before_time or "?")[:16].replace("T", " ")),
                     m.before_bytes / GO_BYTES, text("unit.go", lang), "go"))
        rows.append((text("usage.after", lang, place=place, time=(m.after_time or "?")[:16].replace("T", " ")),
                     m.after_bytes / GO_BYTES, text("unit.go", lang), "go"))
        rows.append((text("usage.note", lang, n=m.volumes), None, "", "note"))
    return rows


def sheet_rows(sheet: Sheet, lang: str) -> list[tuple]:
    go, files, emails = text("unit.go", lang), text("unit.files", lang), text("unit.emails", lang)
    kg = text("unit.kg", lang)
    total = sheet.impact.get("total", {})
    d = sheet.declared
    rows = [
        section("section.who", lang),
        (text("f.participant", lang), sheet.participant or "", "", "text"),
        (text("f.team", lang), sheet.team or "", "", "text"),
        (text("f.event_id", lang), sheet.event_id or "", "", "text"),
        (text("f.event_date", lang), sheet.event_date or "", "", "text"),
        (text("f.period", lang), sheet.runs, "", "int"),
        section("section.freed", lang),
        (text("f.go_total", lang), sheet.go_total, go, "go"),
        (text("f.go_cloud", lang), sheet.go_cloud, go, "go"),
        (text("f.go_local", lang), sheet.go_local, go, "go"),
        (text("f.files_measured", lang), sheet.files_deleted, files, "int"),
        (text("f.emails_measured", lang), sheet.emails_deleted, emails, "int"),
        (text("f.go_in_trash", lang), sheet.in_trash_bytes / GO_BYTES, go, "go"),
        section("section.declared", lang),
        (text("f.files_declared_cloud", lang), d.files_cloud, files, "int"),
        (text("f.files_declared_local", lang), d.files_local, files, "int"),
        (text("f.emails_declared", lang), d.emails, emails, "int"),
        (text("f.apps_declared", lang), d.apps, text("unit.apps", lang), "int"),
        (text("f.posts_declared", lang), d.social_posts, text("unit.posts", lang), "int"),
        section("section.places", lang),
    ]
    for env in ENVIRONMENTS:
        freed = sheet.by_environment.get(env, {}).get("freed_bytes", 0)
        if freed:
            rows.append((text(f"place.{env}", lang), freed / GO_BYTES, go, "go"))
    if sheet.measurements:
        rows.append(section("section.usage", lang))
        rows += usage_rows(sheet.measurements, lang)
    rows += [
        section("section.impact", lang),
        (text("f.kg", lang), total.get("kg", 0.0), kg, "kg"),
        (text("f.kg_low", lang), total.get("kg_low", 0.0), kg, "kg"),
        (text("f.kg_high", lang), total.get("kg_high", 0.0), kg, "kg"),
        (text("f.kg_annual", lang), total.get("kg_annual", 0.0), text("unit.kg_year", lang), "kg"),
        (text("f.kg_one_off", lang), total.get("kg_one_off", 0.0), kg, "kg"),
        (text("f.total_kind", lang), text(total_key(total), lang), "", "text"),
    ]
    if sheet.reemploi or sheet.recyclage:
        dev = sheet.devices()
        rows += [
            section("section.devices", lang),
            (text("f.reemploi_devices", lang), dev["reemploi"]["devices"], text("unit.devices", lang), "int"),
            (text("f.reemploi_kg", lang), dev["reemploi"]["kg_co2e"], kg, "kg"),
            (text("f.recyclage_quantity", lang), dev["recyclage"]["quantity"], text("unit.devices", lang), "int"),
            (text("f.recyclage_kg", lang), dev["recyclage"]["weight_kg"], text("unit.kg_weight", lang), "kg"),
        ]
    rows += [
        section("section.method", lang),
        (text("f.method", lang), sheet.method.name(lang), "", "text"),
        (text("f.method_version", lang), f"{sheet.method.id} {sheet.method.version}", "", "text"),
        (text("f.source", lang), sheet.method.source, "", "text"),
        (text("f.unit", lang), UNIT_NOTE_FR if lang == "fr" else UNIT_NOTE_EN, "", "text"),
        (text("f.app", lang), f"Cleanup Desktop {sheet.app_version}", "", "text"),
        (text("f.created", lang), sheet.created, "", "text"),
        (text("f.sheet_id", lang), sheet.sheet_id, "", "text"),
    ]
    return rows


def total_key(total: dict) -> str:
    """The message key naming what a total adds up (annual, one-off or both)."""
    if total.get("kg_annual") and total.get("kg_one_off"):
        return "total.mixed"
    return "total.annual" if total.get("kg_annual") else "total.one-off"


def impact_rows(sheet: Sheet, lang: str) -> list[list]:
    rows = []
    for ln in sheet.impact.get("lines", []):
        if ln["covered"] and not ln["quantity"]:
            continue
        period = ln["period"] if f"period.{ln['period']}" in ("period.annual", "period.one-off", "period.mixed") else None
        rows.append([ln["label_fr"] if lang == "fr" else ln["label_en"], ln["quantity"],
                     unit_text(ln["quantity_unit"], lang), ln["factor"], unit_text(ln["factor_unit"], lang),
                     text(f"period.{period}", lang) if period else "",
                     ln["kg"], ln["kg_low"], ln["kg_high"]])
    total = sheet.impact.get("total", {})
    rows.append([text("col.total", lang), None, None, None, None, "", total.get("kg", 0.0),
                 total.get("kg_low", 0.0), total.get("kg_high", 0.0)])
    return rows


def write_personal_xlsx(sheet: Sheet, path: Path, lang: str) -> None:
    from openpyxl import Workbook

    from cleanup_desktop.core.sheets.xlsx_devices import devices_rows

    wb = Workbook(write_only=True)  # streamed, as the organiser's workbook
    ws = wb.create_sheet(text("ws.sheet", lang))
    form(ws, text("title.sheet", lang), [text("col.label", lang), text("col.value", lang), text("col.unit", lang)],
         sheet_rows(sheet, lang))
    lines = wb.create_sheet(text("ws.impact", lang))
    table(lines, [text(k, lang) for k in ("col.line", "col.quantity", "col.unit", "col.factor", "col.factor_unit",
                                          "col.period", "col.kg", "col.kg_low", "col.kg_high")],
          ["text", "kg", "text", "kg", "text", "text", "kg", "kg", "kg"], impact_rows(sheet, lang),
          [44, 14, 10, 14, 18, 14, 12, 12, 12])
    if sheet.reemploi or sheet.recyclage:
        dev = wb.create_sheet(text("ws.devices", lang))
        rows = devices_rows(sheet.reemploi, sheet.recyclage, sheet.method, lang)
        table(dev, rows[0], [None] * len(rows[0]), rows[1:], [22] + [14] * (len(rows[0]) - 1))
    add_data_sheet(wb, DATA_SHEET, sheet.to_dict())
    wb.save(path)

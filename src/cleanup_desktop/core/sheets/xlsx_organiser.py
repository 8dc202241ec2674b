"""The organiser's workbook, in the chosen language: Summary (key figures, method, source,
date, evidence), To review (first after the summary), Teams, Participants (with the event
column), Rejected, Sources (every sheet used with the SHA-256 of its file), Devices."""

from __future__ import annotations

from pathlib import Path

from cleanup_desktop import __version__
from cleanup_desktop.core.impact.classify import ENVIRONMENTS, counting
from cleanup_desktop.core.impact.methods import UNIT_NOTE_EN, UNIT_NOTE_FR
from cleanup_desktop.core.sheets.event import NO_TEAM, SENSIBILISATION_FORMATS
from cleanup_desktop.core.sheets.messages import reason_text, text
from cleanup_desktop.core.sheets.xlsx_personal import section, total_key
from cleanup_desktop.core.sheets.xlsx_write import form, table


def summary_rows(agg, lang: str) -> list[tuple]:
    t, m = agg.totals, agg.meta
    go, kg, people = text("unit.go", lang), text("unit.kg", lang), text("unit.people", lang)
    sheets = text("unit.sheets", lang)
    rows = []
    if agg.to_review:
        rows += [section("section.review", lang),
                 (text("f.to_review", lang) + f" — {text('ws.review', lang)}", len(agg.to_review), sheets, "int")]
    rows += [
        section("section.event", lang),
        (text("f.event_id", lang), m.event_id or "", "", "text"),
        (text("f.event_date", lang), m.event_date or "", "", "text"),
        (text("f.organizer", lang), m.organizer or "", "", "text"),
        (text("f.structure_type", lang), m.structure_type or "", "", "text"),
        (text("f.region", lang), m.region or "", "", "text"),
        (text("f.departement", lang), m.departement or "", "", "text"),
        (text("f.participants_invited", lang), m.participants_invited, people, "int"),
        (text("f.participants_active", lang), t.participants, people, "int"),
    ]
    if m.participants_invited:
        rows.append((text("f.participation_rate", lang), t.participants / m.participants_invited, "", "pct"))
    if m.participants_reached is not None:
        rows.append((text("f.people_reached", lang), m.participants_reached, people, "int"))
    rows += [
        section("section.figures", lang),
        (text("f.go_total", lang), t.go_total, go, "go"),
        (text("f.go_cloud", lang), t.go_cloud, go, "go"),
        (text("f.go_local", lang), t.go_local, go, "go"),
        (text("f.go_per_participant", lang), t.go_per_participant, go, "go"),
        (text("f.kg", lang), t.kg, kg, "kg"),
        (text("f.kg_low", lang), t.kg_low, kg, "kg"),
        (text("f.kg_high", lang), t.kg_high, kg, "kg"),
        (text("f.total_kind", lang), text(total_key(agg.impact.get("total", {})), lang), "", "text"),
        (text("f.go_in_trash", lang), t.go_in_trash, go, "go"),
        section("section.places", lang),
    ]
    rows += [(text(f"place.{e}", lang), agg.places[e], go, "go") for e in ENVIRONMENTS if e in agg.places]
    rows += [
        section("section.counts", lang),
        (text("f.files_measured", lang), t.files_measured, text("unit.files", lang), "int"),
        (text("f.emails_measured", lang), t.emails_measured, text("unit.emails", lang), "int"),
        (text("f.files_declared_cloud", lang), t.files_declared_cloud, text("unit.files", lang), "int"),
        (text("f.files_declared_local", lang), t.files_declared_local, text("unit.files", lang), "int"),
        (text("f.emails_declared", lang), t.emails_declared, text("unit.emails", lang), "int"),
        (text("f.apps_declared", lang), t.apps_declared, text("unit.apps", lang), "int"),
        (text("f.posts_declared", lang), t.social_posts_declared, text("unit.posts", lang), "int"),
        (text("f.emails_national", lang), t.emails_national, text("unit.emails", lang), "int"),
        (text("f.files_national", lang), t.files_national, text("unit.files", lang), "int"),
    ]
    if t.reemploi_devices or t.recyclage_quantity or t.recyclage_kg:
        rows += [
            section("section.devices", lang),
            (text("f.reemploi_devices", lang), t.reemploi_devices, text("unit.devices", lang), "int"),
            (text("f.reemploi_kg", lang), t.reemploi_kg, kg, "kg"),
            (text("f.recyclage_quantity", lang), t.recyclage_quantity, text("unit.devices", lang), "int"),
            (text("f.recyclage_kg", lang), t.recyclage_kg, text("unit.kg_weight", lang), "kg"),
        ]
    if m.sensibilisation:
        rows.append(section("section.sensibilisation", lang))
        for f in SENSIBILISATION_FORMATS:
            v = m.sensibilisation.get(f) or {}
            if v.get("participants") or v.get("audience"):
                name = text(f"sens.{f}", lang) + (f" ({v['label']})" if v.get("label") else "")
                rows.append((text("sens.participants", lang, name), v.get("participants", 0), people, "int"))
                rows.append((text("sens.audience", lang, name), v.get("audience", 0), people, "int"))
    if agg.compare:
        rows.append(section("section.compare", lang))
        labels = {"participants": "f.participants_active", "go_total": "f.go_total",
                  "go_per_participant": "f.go_per_participant", "files_measured": "f.files_measured",
                  "emails_measured": "f.emails_measured", "kg": "f.kg"}
        for key, row in agg.compare["totals"].items():
            rows.append((f"{text(labels[key], lang)} ({text('cmp.previous', lang)})", row["previous"], "",
                         "go" if key.startswith("go") else "kg" if key == "kg" else "int"))
    rows += [
        section("section.method", lang),
        (text("f.method", lang), agg.method.name(lang), "", "text"),
        (text("f.method_version", lang), f"{agg.method.id} {agg.method.version}", "", "text"),
        (text("f.methodology", lang), str(counting().get("version", "")), "", "text"),
        (text("f.source", lang), agg.method.source, "", "text"),
        (text("f.unit", lang), UNIT_NOTE_FR if lang == "fr" else UNIT_NOTE_EN, "", "text"),
        section("section.evidence", lang),
        (text("f.generated", lang), agg.generated, "", "text"),
        (text("f.app", lang), f"Cleanup Desktop {__version__}", "", "text"),
        (text("f.input_sha", lang), agg.input_sha256, "", "text"),
        (text("f.sources_where", lang), text("f.sources_where_value", lang), "", "text"),
        (text("f.rejected", lang), len(agg.rejected), text("unit.sheets", lang), "int"),
        (text("f.no_event", lang), len(agg.without_event), text("unit.sheets", lang), "int"),
        (text("f.duplicates", lang), len(agg.duplicates), text("unit.sheets", lang), "int"),
    ]
    return rows


def write_organiser_xlsx(agg, path: Path, lang: str) -> None:
    from openpyxl import Workbook

    from cleanup_desktop.core.devices.model import summed_devices
    from cleanup_desktop.core.sheets.xlsx_devices import devices_rows

    lang = "fr" if str(lang).startswith("fr") else "en"
    h = lambda *keys: [text(k, lang) for k in keys]  # noqa: E731
    no_team = text("no_team", lang)
    wb = Workbook(write_only=True)  # streamed: 20,000 participants in seconds
    ws = wb.create_sheet(text("ws.summary", lang))
    form(ws, text("title.summary", lang), h("col.label", "col.value", "col.unit"), summary_rows(agg, lang),
         widths=(62, 30, 16))
    if agg.to_review:
        rv = wb.create_sheet(text("ws.review", lang))
        table(rv, h("col.sheet_id", "col.file", "col.participant", "col.team", "col.event", "col.go_total",
                    "col.emails_measured", "col.reason", "col.accept"),
              ["text", "text", "text", "text", "text", "go", "int", "text", "text"],
              ([r.sheet_id, r.file, r.participant, r.team, r.event_id, r.go_total, r.emails, r.reason_text(lang),
                text("accept_hint", lang, r.sheet_id)] for r in agg.to_review),
              [38, 30, 18, 16, 12, 14, 14, 60, 40])
    tm = wb.create_sheet(text("ws.teams", lang))
    table(tm, h("col.rank", "col.team", "col.participants", "col.go_total", "col.go_per_participant",
                "col.go_cloud", "col.go_local", "col.files_measured", "col.emails_measured", "col.kg",
                "col.reemploi_devices", "col.reemploi_kg", "col.recyclage_quantity", "col.recyclage_kg",
                "col.spellings"),
          ["int", "text", "int", "go", "go", "go", "go", "int", "int", "kg", "int", "kg", "int", "kg", "text"],
          ([t.rank, no_team if t.team == NO_TEAM else t.team, t.participants, t.go_total, t.go_per_participant,
            t.go_cloud, t.go_local, t.files_measured, t.emails_measured, t.kg, t.reemploi_devices, t.reemploi_kg,
            t.recyclage_quantity, t.recyclage_kg, ", ".join(t.spellings)]
           for t in agg.teams),
          [7, 24, 12, 14, 14, 14, 14, 14, 14, 12, 12, 12, 12, 12, 30])
    pp = wb.create_sheet(text("ws.participants", lang))
    rows = []
    for s in agg.sheets:
        f = agg.participant_figures(s)
        team = agg.team_of.get(s.sheet_id, NO_TEAM)
        rows.append([s.event_id or text("no_event", lang), s.participant, no_team if team == NO_TEAM else team,
                     s.event_date, f.go_total, f.go_cloud, f.go_local, f.files_measured, f.emails_measured,
                     f.emails_declared, f.files_national, f.go_in_trash, f.kg, s.sheet_id])
    table(pp, h("col.event", "col.participant", "col.team", "col.date", "col.go_total", "col.go_cloud",
                "col.go_local", "col.files_measured", "col.emails_measured", "col.emails_declared",
                "col.files_declared", "col.go_in_trash", "col.kg", "col.sheet_id"),
          ["text", "text", "text", "text", "go", "go", "go", "int", "int", "int", "int", "go", "kg", "text"],
          rows, [12, 20, 18, 12, 12, 12, 12, 12, 12, 12, 12, 14, 11, 38])
    rj = wb.create_sheet(text("ws.rejected", lang))
    dup = text("f.duplicates", lang)
    table(rj, h("col.file", "col.reason"), ["text", "text"],
          [[r.file, reason_text(r.reason, lang)] for r in agg.rejected + agg.without_event]
          + [[d.file, f"{dup}: {d.sheet_id} → {d.kept}"] for d in agg.duplicates],
          [60, 90], landscape=True)
    src = wb.create_sheet(text("ws.sources", lang))
    table(src, h("col.sheet_id", "col.team", "col.date", "col.written", "col.file", "col.format", "col.sha256"),
          ["text"] * 7,
          ([x.sheet_id, x.team, x.event_date, x.created, x.file, x.format, x.sha256] for x in agg.sources),
          [38, 18, 12, 26, 40, 8, 66])
    reemploi, recyclage = summed_devices(agg.sheets)
    if reemploi or recyclage:
        dev = wb.create_sheet(text("ws.devices", lang))
        drows = devices_rows(reemploi, recyclage, agg.method, lang)
        table(dev, drows[0], [None] * len(drows[0]), drows[1:], [22] + [14] * (len(drows[0]) - 1))
    wb.save(path)

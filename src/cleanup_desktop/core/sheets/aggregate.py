"""The organiser's aggregation: read every sheet (JSON or XLSX), reject invalid ones with a
per-file reason, keep one sheet per sheet id (the latest export), add up, rank the teams, and
write the outputs (summary JSON, participants XLSX, INR DCD-Bilan JSON; the PDF summary is
cleanup_desktop.render.pdf.render_summary_pdf).

kg CO2e are recomputed with ONE method for everyone (the organiser's choice, INR by default)
from the summed volumes and counts, so sheets exported with different methods add up."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from cleanup_desktop.core.bilan import BUCKETS, DECLARED, Counter, Declared, FreedFigures, quantities_of
from cleanup_desktop.core.devices.impact import devices_summary, reemploi_impact
from cleanup_desktop.core.devices.model import (
    DEVICES,
    RECYCLAGE_DEVICES,
    RECYCLAGE_FIELDS,
    REEMPLOI_ACTIONS,
    sum_sections,
)
from cleanup_desktop.core.impact.compute import compute
from cleanup_desktop.core.impact.equivalences import equivalences
from cleanup_desktop.core.impact.methods import GO_BYTES, UNIT_NOTE_EN, Method, get_method
from cleanup_desktop.core.progress import CancelToken, ProgressEvent, Reporter
from cleanup_desktop.core.sheets import dcd
from cleanup_desktop.core.sheets.export import (
    DEVICES_SHEET,
    _write_text,
    atomic_write,
    devices_rows,
    read_sheet,
    xlsx_value,
)
from cleanup_desktop.core.sheets.model import Sheet, SheetError

SHEET_SUFFIXES = (".json", ".xlsx")
NO_TEAM = "(no team)"


@dataclass
class EventMeta:
    event_id: Optional[str] = None
    organizer: Optional[str] = None
    structure_type: Optional[str] = None
    region: Optional[str] = None
    departement: Optional[str] = None
    participants_reached: Optional[int] = None
    event_date: Optional[str] = None


@dataclass
class Rejected:
    file: str
    reason: str


@dataclass
class Duplicate:
    file: str
    sheet_id: str
    kept: str  # the file whose copy of this sheet was kept


@dataclass
class Figures:
    """Summed figures of a group of sheets, with kg under the aggregation method."""

    participants: int = 0
    go_cloud: float = 0.0
    go_local: float = 0.0
    go_total: float = 0.0
    go_per_participant: float = 0.0
    files_deleted: int = 0
    emails_deleted: int = 0
    go_in_trash: float = 0.0
    kg: float = 0.0
    kg_low: float = 0.0
    kg_high: float = 0.0
    kg_annual: float = 0.0
    kg_one_off: float = 0.0
    # beyond data (declared devices): réemploi kg CO2e is apart from kg (data), never added
    reemploi_devices: int = 0
    reemploi_kg: float = 0.0
    recyclage_quantity: int = 0
    recyclage_kg: float = 0.0


@dataclass
class TeamFigures(Figures):
    team: str = ""
    rank: int = 0


@dataclass
class Aggregate:
    method: Method
    meta: EventMeta
    sheets: list[Sheet] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # sheet id -> file it was read from
    rejected: list[Rejected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    totals: Figures = field(default_factory=Figures)
    teams: list[TeamFigures] = field(default_factory=list)  # ranked, best first
    impact: dict = field(default_factory=dict)
    equivalences: list[dict] = field(default_factory=list)

    def participant_figures(self, sheet: Sheet) -> Figures:
        return figures([sheet], self.method)

    def dcd_document(self) -> dict:
        m = self.meta
        return dcd.document(self.sheets, cleanup_id=m.event_id, organizer=m.organizer,
                            structure_type=m.structure_type, region=m.region,
                            departement=m.departement, people_reached=m.participants_reached,
                            event_date=m.event_date)

    def to_dict(self) -> dict:
        return {
            "schema": "cleanup-desktop/aggregate/1",
            "unit": {"go_bytes": GO_BYTES, "note": UNIT_NOTE_EN},
            "method": {"id": self.method.id, "version": self.method.version, "name": self.method.name_en},
            "event": asdict(self.meta),
            "totals": asdict(self.totals),
            "teams": [asdict(t) for t in self.teams],
            "participants": [
                {"sheet_id": s.sheet_id, "participant": s.participant, "team": s.team,
                 "event_date": s.event_date, "sheet_method": s.method.id, "file": self.files.get(s.sheet_id),
                 **asdict(self.participant_figures(s))}
                for s in self.sheets
            ],
            "rejected": [asdict(r) for r in self.rejected],
            "duplicates": [asdict(d) for d in self.duplicates],
            "impact": self.impact,
            "equivalences": self.equivalences,
            "devices": devices_summary(*summed_devices(self.sheets), self.method),
            "dcd": self.dcd_document(),
        }


@dataclass
class _Summed(FreedFigures):
    freed: dict[str, Counter]
    in_trash: dict[str, Counter]
    declared: Declared


def _sum(sheets: Sequence[Sheet]) -> _Summed:
    freed = {b: Counter() for b in BUCKETS}
    in_trash = {b: Counter() for b in BUCKETS}
    declared = {k: 0 for k in DECLARED}
    for s in sheets:
        for b in BUCKETS:
            freed[b].add(s.freed[b].bytes, s.freed[b].count)
            in_trash[b].add(s.in_trash[b].bytes, s.in_trash[b].count)
        for k in DECLARED:
            declared[k] += getattr(s.declared, k)
    return _Summed(freed, in_trash, Declared(**declared))


def summed_devices(sheets: Sequence[Sheet]) -> tuple:
    """The summed ``reemploi`` and ``recyclage`` sections of ``sheets`` (None when empty)."""
    return (sum_sections((s.reemploi for s in sheets), DEVICES, REEMPLOI_ACTIONS),
            sum_sections((s.recyclage for s in sheets), RECYCLAGE_DEVICES, RECYCLAGE_FIELDS))


def figures(sheets: Sequence[Sheet], method: Method, cls=Figures, **extra):
    total = _sum(sheets)
    result = compute(quantities_of(total.freed, total.declared), method)
    n = len(sheets)
    reemploi, recyclage = summed_devices(sheets)
    reuse = reemploi_impact(reemploi, method)
    return cls(
        participants=n, go_cloud=total.go_cloud, go_local=total.go_local, go_total=total.go_total,
        go_per_participant=total.go_total / n if n else 0.0,
        files_deleted=total.files_deleted, emails_deleted=total.emails_deleted,
        go_in_trash=total.in_trash_bytes / GO_BYTES, kg=result.kg, kg_low=result.kg_low,
        kg_high=result.kg_high, kg_annual=result.kg_annual, kg_one_off=result.kg_one_off,
        reemploi_devices=reuse.devices, reemploi_kg=reuse.kg,
        recyclage_quantity=sum(int(c["quantite"]) for c in (recyclage or {}).values()),
        recyclage_kg=round(sum(float(c["poidsKg"]) for c in (recyclage or {}).values()), 3), **extra,
    )


def expand_paths(paths: Iterable[os.PathLike | str]) -> tuple[list[Path], list[Rejected]]:
    """Files as given, and the .json/.xlsx files directly inside any folder given; folders
    that cannot be listed come back as rejected, with the reason."""
    out: list[Path] = []
    rejected: list[Rejected] = []
    for p in map(Path, paths):
        if p.is_dir():
            try:
                out += sorted(c for c in p.iterdir() if c.suffix.lower() in SHEET_SUFFIXES and c.is_file()
                              and not c.name.startswith((".", "~$")))
            except OSError as exc:
                rejected.append(Rejected(str(p), f"cannot list the folder: {exc.strerror or exc}"))
        else:
            out.append(p)
    return out, rejected


def _when(sheet: Sheet) -> datetime:
    """When a sheet was exported, comparable across time zones (naive times taken as UTC)."""
    try:
        t = datetime.fromisoformat(sheet.created)
    except ValueError:
        return datetime.min.replace(tzinfo=timezone.utc)
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def aggregate_sheets(
    named: Iterable[tuple[str, Sheet]],
    *,
    method: Optional[Method] = None,
    meta: Optional[EventMeta] = None,
    rejected: Optional[list[Rejected]] = None,
) -> Aggregate:
    """Aggregate already-read sheets given as (file name, sheet) pairs."""
    agg = Aggregate(method=method or get_method(), meta=meta or EventMeta(), rejected=list(rejected or []))
    kept: dict[str, tuple[str, Sheet]] = {}
    for name, sheet in named:
        if agg.meta.event_id and sheet.event_id and sheet.event_id != agg.meta.event_id:
            agg.rejected.append(Rejected(name, f"sheet of event {sheet.event_id!r}, not {agg.meta.event_id!r}"))
            continue
        prev = kept.get(sheet.sheet_id)
        if prev is None:
            kept[sheet.sheet_id] = (name, sheet)
        elif _when(sheet) > _when(prev[1]):  # a later export of the same sheet replaces it
            agg.duplicates.append(Duplicate(prev[0], sheet.sheet_id, name))
            kept[sheet.sheet_id] = (name, sheet)
        else:
            agg.duplicates.append(Duplicate(name, sheet.sheet_id, prev[0]))
    agg.sheets = [s for _, s in kept.values()]
    agg.files = {sid: name for sid, (name, _) in kept.items()}
    agg.totals = figures(agg.sheets, agg.method)
    by_team: dict[str, list[Sheet]] = {}
    for s in agg.sheets:
        by_team.setdefault(s.team or NO_TEAM, []).append(s)
    teams = [figures(ss, agg.method, TeamFigures, team=t) for t, ss in by_team.items()]
    teams.sort(key=lambda t: (-round(t.go_total, 9), -t.kg, t.team.casefold()))
    for i, t in enumerate(teams, 1):
        t.rank = i
    agg.teams = teams
    summed = _sum(agg.sheets)
    result = compute(quantities_of(summed.freed, summed.declared), agg.method)
    agg.impact = result.to_dict()
    agg.equivalences = [e.to_dict() for e in equivalences(result.kg, agg.method)]
    return agg


def aggregate_paths(
    paths: Iterable[os.PathLike | str],
    *,
    method: Optional[Method] = None,
    meta: Optional[EventMeta] = None,
    progress: Optional[Callable[[ProgressEvent], None]] = None,
    cancel: Optional[CancelToken] = None,
) -> Aggregate:
    """Read sheets from files and folders, then aggregate. Unreadable or invalid files are
    listed in ``rejected`` with their reason; the others are aggregated."""
    files, rejected = expand_paths(paths)
    rep = Reporter(progress, cancel)
    named: list[tuple[str, Sheet]] = []
    for i, f in enumerate(files):
        rep.update(ProgressEvent("read-sheets", i, len(files), detail=f.name))
        try:
            named.append((str(f), read_sheet(f)))
        except SheetError as exc:
            rejected.append(Rejected(str(f), str(exc)))
        except OSError as exc:
            rejected.append(Rejected(str(f), f"cannot read the file: {exc.strerror or exc}"))
    rep.update(ProgressEvent("read-sheets", len(files), len(files)), force=True)
    return aggregate_sheets(named, method=method, meta=meta, rejected=rejected)


PARTICIPANT_COLUMNS = [
    ("participant", "Participant"), ("team", "Team"), ("event_date", "Date"),
    ("go_total", "Go freed"), ("go_cloud", "Go cloud"), ("go_local", "Go local"),
    ("files_deleted", "Files deleted"), ("emails_deleted", "Emails deleted"),
    ("go_in_trash", "Go still in trash"), ("kg", "kg CO2e"), ("kg_low", "kg low"),
    ("kg_high", "kg high"), ("reemploi_devices", "Devices kept in use (réemploi)"),
    ("reemploi_kg", "kg CO2e réemploi (apart)"), ("recyclage_quantity", "Devices recycled"),
    ("recyclage_kg", "kg recycled"), ("sheet_method", "Sheet's own method"), ("sheet_id", "Sheet id"),
    ("file", "File"),
]
TEAM_COLUMNS = [
    ("rank", "Rank"), ("team", "Team"), ("participants", "Participants"), ("go_total", "Go freed"),
    ("go_per_participant", "Go per participant"), ("go_cloud", "Go cloud"), ("go_local", "Go local"),
    ("files_deleted", "Files deleted"), ("emails_deleted", "Emails deleted"), ("kg", "kg CO2e"),
    ("reemploi_devices", "Devices kept in use (réemploi)"), ("reemploi_kg", "kg CO2e réemploi (apart)"),
    ("recyclage_quantity", "Devices recycled"), ("recyclage_kg", "kg recycled"),
]


def write_xlsx(agg: Aggregate, path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    d = agg.to_dict()
    wb = Workbook()

    def table(ws, columns, rows):
        ws.append([title for _, title in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([xlsx_value("", _rounded(row.get(key))) for key, _ in columns])
        for i in range(len(columns)):
            ws.column_dimensions[chr(ord("A") + i)].width = 16

    ws = wb.active
    ws.title = "Participants"
    table(ws, PARTICIPANT_COLUMNS, d["participants"])
    table(wb.create_sheet("Teams"), TEAM_COLUMNS, d["teams"])
    tot = wb.create_sheet("Totals")
    for key, value in d["totals"].items():
        tot.append([key, _rounded(value)])
    tot.append(["method", f"{agg.method.name_en} [{agg.method.id} {agg.method.version}]"])
    tot.append(["unit", UNIT_NOTE_EN])
    for key, value in d["event"].items():
        tot.append([f"event_{key}", xlsx_value("", value)])
    reemploi, recyclage = summed_devices(agg.sheets)
    if reemploi or recyclage:
        dev = wb.create_sheet(DEVICES_SHEET)
        for row in devices_rows(reemploi, recyclage, agg.method, "en"):
            dev.append(row)
    if agg.rejected or agg.duplicates:
        rej = wb.create_sheet("Rejected")
        rej.append(["file", "reason"])
        for r in agg.rejected:
            rej.append([xlsx_value("", r.file), xlsx_value("", r.reason)])
        for dup in agg.duplicates:
            rej.append([xlsx_value("", dup.file), f"duplicate of sheet {dup.sheet_id}; kept {dup.kept}"])
    return atomic_write(path, lambda p: wb.save(p))


def _rounded(value):
    return round(value, 6) if isinstance(value, float) else value


def write_outputs(agg: Aggregate, out_dir: os.PathLike | str) -> dict[str, Path]:
    """summary.json, participants.xlsx and dcd-bilan.json in ``out_dir`` (the PDF summary is
    written by cleanup_desktop.render.pdf.render_summary_pdf)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    d = agg.to_dict()
    return {
        "summary": _write_text(out / "summary.json", json.dumps(d, indent=2, ensure_ascii=False) + "\n"),
        "xlsx": write_xlsx(agg, out / "participants.xlsx"),
        "dcd": _write_text(out / "dcd-bilan.json", json.dumps(d["dcd"], indent=2, ensure_ascii=False) + "\n"),
    }

"""The organiser's aggregation: read every sheet in every format the app writes, reject bad
files with a per-file reason, never mix events, hold implausible or conflicting sheets apart
for review, keep one sheet per sheet id (the latest export), add up, merge team spellings,
rank the teams, and record the evidence (every sheet used with the SHA-256 of its file).

The rules this module guarantees (tested as properties):
- the totals are exactly the sum of the accepted sheets (valid, of the chosen event, one per
  sheet id, not held for review unless the organiser accepted them), whatever the order in
  which the files come;
- sheets of another event, or without an event number when the event has one, are never
  added up: they are listed apart with the reason;
- teams whose names differ only by case, accents or spaces are one team, shown with their
  most common spelling.

kg CO2e are recomputed with ONE method for everyone (the organiser's choice, INR by default)
from the summed volumes and counts, so sheets exported with different methods add up."""

from __future__ import annotations

import hashlib
import json
import os
import statistics
from collections import Counter as Tally
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Iterable, Optional, Sequence

from cleanup_desktop import __version__
from cleanup_desktop.core.bilan import BUCKETS, DECLARED, Counter, Declared, FreedFigures, quantities_of
from cleanup_desktop.core.devices.impact import devices_summary, reemploi_impact
from cleanup_desktop.core.devices.model import summed_devices
from cleanup_desktop.core.impact.classify import ENVIRONMENTS, counting
from cleanup_desktop.core.impact.compute import compute
from cleanup_desktop.core.impact.equivalences import equivalences
from cleanup_desktop.core.impact.methods import GO_BYTES, UNIT_NOTE_EN, Method, get_method
from cleanup_desktop.core.progress import CancelToken, ProgressEvent, Reporter
from cleanup_desktop.core.sheets import dcd
from cleanup_desktop.core.sheets.event import NO_TEAM, fold
from cleanup_desktop.core.sheets.export import _write_text
from cleanup_desktop.core.sheets.messages import text
from cleanup_desktop.core.sheets.model import Sheet
from cleanup_desktop.core.sheets.read import LIMITS, Limits, read_file
from cleanup_desktop.core.messages import Reason, os_error, reason_fields

SCHEMA = "cleanup-desktop/aggregate/2"
# Plausibility per person (held for review above these; the organiser may accept).
MAX_GO_PER_PERSON = 2000.0  # 2 TB
MAX_EMAILS_PER_PERSON = 1_000_000
MAX_DEVICES_PER_PERSON = 50
MEDIAN_RULE_MIN_SHEETS = 20
MEDIAN_RULE_FACTOR = 20
FUTURE_TOLERANCE = timedelta(days=1)  # clocks differ; a sheet written later than this is suspect


@dataclass
class EventMeta:
    event_id: Optional[str] = None
    organizer: Optional[str] = None
    structure_type: Optional[str] = None
    region: Optional[str] = None
    departement: Optional[str] = None
    participants_reached: Optional[int] = None
    event_date: Optional[str] = None
    participants_invited: Optional[int] = None
    sensibilisation: Optional[dict] = None  # the national form's section (core.sheets.event)


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
class Review:
    """A sheet held apart: not added up unless the organiser accepts its sheet id."""

    sheet_id: str
    file: str
    participant: Optional[str]
    team: Optional[str]
    event_id: Optional[str]
    go_total: float
    emails: int
    reasons: list[tuple[str, list]]  # (message key, arguments): worded in any language
    accepted: bool = False

    def reason_text(self, lang: str = "en") -> str:
        return "; ".join(text(key, lang, *(_shown(a, lang) for a in args)) for key, args in self.reasons)


def _shown(value, lang: str) -> str:
    """A number in a reason, in the reader's convention (1,234.5 / 1 234,5)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    s = f"{value:,.0f}" if isinstance(value, int) or value >= 100 else f"{value:,.3f}"
    return s.replace(",", "\u202f").replace(".", ",") if str(lang).startswith("fr") else s


@dataclass
class Source:
    """Evidence: one sheet used, the file it came from and that file's SHA-256."""

    sheet_id: str
    team: Optional[str]
    event_date: Optional[str]
    created: str
    file: str
    format: Optional[str]
    sha256: Optional[str]


class MixedEvents(Exception):
    """Sheets of several events and no event chosen: never summed together."""

    def __init__(self, events: dict[str, int], without_event: int) -> None:
        self.events = dict(sorted(events.items(), key=lambda kv: (-kv[1], kv[0])))
        self.without_event = without_event
        listing = ", ".join(f"{e} ({n} sheets)" for e, n in self.events.items())
        super().__init__(f"sheets of {len(self.events)} events: {listing}"
                         + (f"; {without_event} without an event number" if without_event else "")
                         + ". Choose one with --event-id, or --per-event for one folder per event.")


@dataclass
class Figures:
    """Summed figures of a group of sheets, with kg under the aggregation method. Counts are
    named for what they are: *measured* (deleted by the app, counted through their Go) or
    *declared* (deleted outside the app, no volume known: counted per item)."""

    participants: int = 0
    go_cloud: float = 0.0
    go_local: float = 0.0
    go_total: float = 0.0
    go_per_participant: float = 0.0
    files_measured: int = 0
    emails_measured: int = 0
    files_declared_cloud: int = 0
    files_declared_local: int = 0
    emails_declared: int = 0
    apps_declared: int = 0
    social_posts_declared: int = 0
    emails_national: int = 0  # what the national form counts: measured + declared
    files_national: int = 0  # what the national form counts per file: declared only
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

    @property
    def files_deleted(self) -> int:  # measured: the older name
        return self.files_measured

    @property
    def emails_deleted(self) -> int:
        return self.emails_measured


@dataclass
class TeamFigures(Figures):
    team: str = ""
    rank: int = 0
    spellings: list[str] = field(default_factory=list)


@dataclass
class Candidate:
    """A sheet read from a file (a CSV row is a candidate of its own)."""

    name: str
    sheet: Sheet
    sha256: Optional[str] = None
    format: Optional[str] = None


@dataclass
class Inputs:
    candidates: list[Candidate] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)  # file -> SHA-256 of its bytes


@dataclass
class Aggregate:
    method: Method
    meta: EventMeta
    sheets: list[Sheet] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # sheet id -> file it was read from
    rejected: list[Rejected] = field(default_factory=list)
    without_event: list[Rejected] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    review: list[Review] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    team_of: dict[str, str] = field(default_factory=dict)  # sheet id -> team as shown
    totals: Figures = field(default_factory=Figures)
    teams: list[TeamFigures] = field(default_factory=list)  # ranked, best first
    places: dict[str, float] = field(default_factory=dict)  # environment -> Go freed
    impact: dict = field(default_factory=dict)
    equivalences: list[dict] = field(default_factory=list)
    input_sha256: str = ""
    generated: str = ""
    compare: Optional[dict] = None

    @property
    def to_review(self) -> list[Review]:
        """Sheets held apart and not accepted: shown first in every output."""
        return [r for r in self.review if not r.accepted]

    def participant_figures(self, sheet: Sheet) -> Figures:
        cached = self._figures.get(sheet.sheet_id)
        if cached is None:
            cached = self._figures[sheet.sheet_id] = figures([sheet], self.method)
        return cached

    def dcd_document(self) -> dict:
        m = self.meta
        return dcd.document(self.sheets, cleanup_id=m.event_id, organizer=m.organizer,
                            structure_type=m.structure_type, region=m.region,
                            departement=m.departement, people_reached=m.participants_reached,
                            event_date=m.event_date, sensibilisation=m.sensibilisation,
                            submitted=self.generated or None)

    def to_dict(self) -> dict:
        counts = counting()
        return {
            "schema": SCHEMA,
            "generated": self.generated,
            "app": {"name": "cleanup-desktop", "version": __version__},
            "method": {"id": self.method.id, "version": self.method.version, "name": self.method.name_en,
                       "source": self.method.source},
            "methodology": {"counting_rules_version": counts.get("version")},
            "unit": {"go_bytes": GO_BYTES, "note": UNIT_NOTE_EN},
            "event": asdict(self.meta),
            "warnings": list(self.warnings),
            "to_review": [self._review_dict(r) for r in self.to_review],
            "totals": asdict(self.totals),
            "participants_invited": self.meta.participants_invited,
            "participants_active": self.totals.participants,
            "places_go": dict(self.places),
            "teams": [asdict(t) for t in self.teams],
            "participants": [
                {"sheet_id": s.sheet_id, "event_id": s.event_id, "participant": s.participant,
                 "team": self.team_of.get(s.sheet_id), "team_as_written": s.team,
                 "event_date": s.event_date, "sheet_method": s.method.id, "file": self.files.get(s.sheet_id),
                 **vars(self.participant_figures(s))}  # flat: faster than asdict for 20,000
                for s in self.sheets
            ],
            "accepted_after_review": [self._review_dict(r) for r in self.review if r.accepted],
            # file, reason (English) + the reason's code and params (core.messages)
            "rejected": [{**asdict(r), **reason_fields(r.reason)} for r in self.rejected],
            "without_event": [{**asdict(r), **reason_fields(r.reason)} for r in self.without_event],
            "duplicates": [asdict(d) for d in self.duplicates],
            "evidence": {
                "sheets_used": [dict(vars(s)) for s in self.sources],
                "input_set_sha256": self.input_sha256,
                "input_set_rule": "SHA-256 of the sorted SHA-256 hex digests of every file read, one per line",
                "files_read": len(self._hashes),
            },
            "compare": self.compare,
            "impact": self.impact,
            "equivalences": self.equivalences,
            "devices": devices_summary(*summed_devices(self.sheets), self.method),
            "dcd": self.dcd_document(),
        }

    _hashes: dict = field(default_factory=dict, repr=False)
    _figures: dict = field(default_factory=dict, repr=False)

    @staticmethod
    def _review_dict(r: Review) -> dict:
        d = asdict(r)
        d["reasons"] = r.reason_text("en")
        d["reasons_fr"] = r.reason_text("fr")
        d["accept_with"] = f"--accept {r.sheet_id}"
        return d


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


def figures(sheets: Sequence[Sheet], method: Method, cls=Figures, **extra):
    total = _sum(sheets)
    result = compute(quantities_of(total.freed, total.declared), method)
    n = len(sheets)
    reemploi, recyclage = summed_devices(sheets)
    reuse = reemploi_impact(reemploi, method)
    d = total.declared
    return cls(
        participants=n, go_cloud=total.go_cloud, go_local=total.go_local, go_total=total.go_total,
        go_per_participant=total.go_total / n if n else 0.0,
        files_measured=total.files_deleted, emails_measured=total.emails_deleted,
        files_declared_cloud=d.files_cloud, files_declared_local=d.files_local, emails_declared=d.emails,
        apps_declared=d.apps, social_posts_declared=d.social_posts,
        emails_national=total.emails_deleted + d.emails, files_national=d.files_cloud + d.files_local,
        go_in_trash=total.in_trash_bytes / GO_BYTES, kg=result.kg, kg_low=result.kg_low,
        kg_high=result.kg_high, kg_annual=result.kg_annual, kg_one_off=result.kg_one_off,
        reemploi_devices=reuse.devices, reemploi_kg=reuse.kg,
        recyclage_quantity=sum(int(c["quantite"]) for c in (recyclage or {}).values()),
        recyclage_kg=round(sum(float(c["poidsKg"]) for c in (recyclage or {}).values()), 3), **extra,
    )


def places_go(sheets: Iterable[Sheet]) -> dict[str, float]:
    """Go freed per place (environment), as companies report it."""
    total = {e: 0 for e in ENVIRONMENTS}
    for s in sheets:
        for env, row in s.by_environment.items():
            total[env] += int(row.get("freed_bytes", 0))
    return {e: b / GO_BYTES for e, b in total.items() if b}


# ---- reading ---------------------------------------------------------------------------------
def expand_paths(paths: Iterable[os.PathLike | str]) -> tuple[list[Path], list[Rejected]]:
    """Files as given, and every file directly inside any folder given (hidden files and
    Office lock files aside): a file that is not a sheet is listed with the reason, so that
    the organiser sees everything the folder held. Folders that cannot be listed come back
    as rejected, with the reason."""
    out: list[Path] = []
    rejected: list[Rejected] = []
    for p in map(Path, paths):
        if p.is_dir():
            try:
                out += sorted(c for c in p.iterdir() if not c.name.startswith((".", "~$")) and c.is_file())
            except OSError as exc:
                rejected.append(Rejected(str(p), Reason("sheet.unlistable", error=os_error(str(exc.strerror or exc)))))
        else:
            out.append(p)
    return out, rejected


def read_paths(
    paths: Iterable[os.PathLike | str],
    *,
    progress: Optional[Callable[[ProgressEvent], None]] = None,
    cancel: Optional[CancelToken] = None,
    limits: Limits = LIMITS,
    workers: int = 1,
) -> Inputs:
    files, rejected = expand_paths(paths)
    rep = Reporter(progress, cancel)
    inputs = Inputs(rejected=rejected)
    rep.update(ProgressEvent("read-sheets", 0, len(files)), force=True)
    for done, results in _read_all(files, limits, workers):
        for r in results:
            if r.sha256:
                inputs.hashes[r.file] = r.sha256
            inputs.rejected += [Rejected(name, reason) for name, reason in r.errors]
            inputs.candidates += [Candidate(name, sheet, r.sha256, r.format) for name, sheet in r.sheets]
        rep.update(ProgressEvent("read-sheets", done, len(files)))
    rep.update(ProgressEvent("read-sheets", len(files), len(files)), force=True)
    return inputs


CHUNK = 250  # files per task when several processes read


def _read_chunk(files: list[str], limits: Limits) -> list:
    return [read_file(f, limits) for f in files]


def _read_all(files: list[Path], limits: Limits, workers: int):
    """(files done so far, ReadResults) in file order: in this process, or with ``workers``
    processes (spawned, so safe from any program; worth it from a few hundred files)."""
    if workers <= 1 or len(files) < 2 * CHUNK:
        for i, f in enumerate(files, 1):
            yield i, [read_file(f, limits)]
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [[str(f) for f in files[i:i + CHUNK]] for i in range(0, len(files), CHUNK)]
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = [pool.submit(_read_chunk, chunk, limits) for chunk in chunks]
        done = 0
        for chunk, fut in zip(chunks, futures):  # in order: the result never depends on timing
            results = fut.result()
            done += len(chunk)
            yield done, results
    finally:  # also when the reader stops early (cancelled): drop the chunks not started
        pool.shutdown(wait=True, cancel_futures=True)


# ---- the rules -------------------------------------------------------------------------------
def _when(created: str) -> datetime:
    """When a sheet was exported, comparable across time zones (naive times taken as UTC)."""
    try:
        t = datetime.fromisoformat(created)
    except ValueError:
        return datetime.min.replace(tzinfo=timezone.utc)
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def _order(c: Candidate) -> tuple:
    """Latest export last; ties broken by content, then name: never by reading order."""
    return (_when(c.sheet.created), c.sha256 or "", c.sheet.to_json(), c.name)


def events_of(candidates: Iterable[Candidate]) -> tuple[dict[str, int], int]:
    """Sheet counts per event id, and how many sheets have none."""
    tally = Tally(c.sheet.event_id for c in candidates)
    without = tally.pop(None, 0)
    return {event: n for event, n in tally.items() if event is not None}, without


def _select_event(inputs: Inputs, agg: Aggregate) -> list[Candidate]:
    events, without = events_of(inputs.candidates)
    chosen = agg.meta.event_id
    if chosen is None:
        if len(events) > 1:
            raise MixedEvents(events, without)
        chosen = next(iter(events), None)
        agg.meta.event_id = chosen
        if chosen is None and inputs.candidates:
            agg.warnings.append("no sheet has an event number: they are added up as one unnamed event")
    kept = []
    for c in inputs.candidates:
        if chosen is None or c.sheet.event_id == chosen:
            kept.append(c)
        elif c.sheet.event_id is None:
            agg.without_event.append(Rejected(c.name, Reason("sheet.no-event", event=repr(chosen))))
        else:
            agg.rejected.append(Rejected(c.name, Reason("sheet.other-event", event=repr(c.sheet.event_id), chosen=repr(chosen))))
    return kept


def _who(sheet: Sheet) -> tuple:
    return (fold(sheet.participant or ""), fold(sheet.team or ""))


def _review(c: Candidate, reasons: list) -> Review:
    s = c.sheet
    return Review(s.sheet_id, c.name, s.participant, s.team, s.event_id, round(s.go_total, 6),
                  s.emails_deleted + s.declared.emails, reasons)


def _one_per_id(cands: list[Candidate], agg: Aggregate, accept: set[str], now: datetime) -> list[Candidate]:
    """One candidate per sheet id. A later export replaces an earlier one of the same person.
    Never a silent replacement: a copy written in the future is held for review (the copies
    written before now still count), and copies of one id with different participants or
    teams are a conflict, all held. Accepting the id (``accept``) trusts its latest copy."""
    groups: dict[str, list[Candidate]] = {}
    for c in cands:
        groups.setdefault(c.sheet.sheet_id, []).append(c)
    kept = []
    for sid in sorted(groups):
        group = groups[sid] if len(groups[sid]) == 1 else sorted(groups[sid], key=_order)
        accepted = sid in accept
        future = [c for c in group if _when(c.sheet.created) > now + FUTURE_TOLERANCE]
        present = [c for c in group if all(c is not f for f in future)]
        for c in future:
            reasons = [("review.future", [c.sheet.created])]
            if any(_who(p.sheet) != _who(c.sheet) for p in present):
                reasons.insert(0, ("review.conflict", [", ".join(p.name for p in present)]))
            agg.review.append(_review(c, reasons))
            agg.review[-1].accepted = accepted
        if not accepted:
            group = present
        if not group:
            continue
        if not accepted and len({_who(c.sheet) for c in group}) > 1:
            for c in group:
                others = ", ".join(o.name for o in group if o is not c)
                agg.review.append(_review(c, [("review.conflict", [others])]))
            continue
        winner = group[-1]
        agg.duplicates += [Duplicate(c.name, sid, winner.name) for c in group[:-1]]
        kept.append(winner)
    return kept


def plausibility(sheet: Sheet, median_go: Optional[float]) -> list:
    """Why one person's figures need a look before they count (empty when plausible)."""
    reasons = []
    go = sheet.go_total
    if go > MAX_GO_PER_PERSON:
        reasons.append(("review.go", [go, MAX_GO_PER_PERSON]))
    emails = sheet.emails_deleted + sheet.declared.emails
    if emails > MAX_EMAILS_PER_PERSON:
        reasons.append(("review.emails", [emails, MAX_EMAILS_PER_PERSON]))
    dev = sheet.devices()
    devices = int(dev["reemploi"]["devices"]) + int(dev["recyclage"]["quantity"])
    if devices > MAX_DEVICES_PER_PERSON:
        reasons.append(("review.devices", [devices, MAX_DEVICES_PER_PERSON]))
    if median_go and go > MEDIAN_RULE_FACTOR * median_go and go <= MAX_GO_PER_PERSON:
        reasons.append(("review.median", [go, MEDIAN_RULE_FACTOR, median_go]))
    return reasons


def _plausible(cands: list[Candidate], agg: Aggregate, accept: set[str]) -> list[Candidate]:
    median_go = None
    if len(cands) >= MEDIAN_RULE_MIN_SHEETS:
        median_go = statistics.median(c.sheet.go_total for c in cands) or None
    out = []
    for c in cands:
        reasons = plausibility(c.sheet, median_go)
        if reasons:
            r = _review(c, reasons)
            r.accepted = c.sheet.sheet_id in accept
            agg.review.append(r)
            if not r.accepted:
                continue
        out.append(c)
    return out


def team_names(sheets: Iterable[Sheet]) -> dict[str, tuple[str, list[str]]]:
    """Folded team key -> (the most common spelling, every spelling seen); ties go to the
    first spelling in alphabetical order, so the choice never depends on reading order."""
    spellings: dict[str, Tally] = {}
    for s in sheets:
        if s.team:
            spellings.setdefault(fold(s.team), Tally())[s.team] += 1
    return {key: (min(t.items(), key=lambda kv: (-kv[1], kv[0]))[0], sorted(t)) for key, t in spellings.items()}


def aggregate_inputs(
    inputs: Inputs,
    *,
    method: Optional[Method] = None,
    meta: Optional[EventMeta] = None,
    accept: Iterable[str] = (),
    now: Optional[datetime] = None,
    compare_with: Optional[dict] = None,
) -> Aggregate:
    """Apply the rules to sheets already read. Raises :class:`MixedEvents` when the sheets
    belong to several events and ``meta.event_id`` chooses none."""
    meta = EventMeta(**asdict(meta)) if meta else EventMeta()
    now = now or datetime.now(timezone.utc)
    agg = Aggregate(method=method or get_method(), meta=meta, rejected=list(inputs.rejected))
    agg.generated = now.isoformat(timespec="seconds")
    accept = {a.strip().lower() for a in accept}
    cands = _select_event(inputs, agg)
    cands = _one_per_id(cands, agg, accept, now)
    cands = _plausible(cands, agg, accept)
    agg.review.sort(key=lambda r: (r.accepted, r.sheet_id))
    names = team_names(c.sheet for c in cands)
    cands.sort(key=lambda c: (fold(c.sheet.team or "\uffff"), fold(c.sheet.participant or ""), c.sheet.sheet_id))
    agg.sheets = [c.sheet for c in cands]
    agg.files = {c.sheet.sheet_id: c.name for c in cands}
    agg.sources = [Source(c.sheet.sheet_id, c.sheet.team, c.sheet.event_date, c.sheet.created, c.name, c.format,
                          c.sha256) for c in cands]
    agg.team_of = {s.sheet_id: names[fold(s.team)][0] if s.team else NO_TEAM for s in agg.sheets}
    agg.totals = figures(agg.sheets, agg.method)
    agg.places = places_go(agg.sheets)
    by_team: dict[str, list[Sheet]] = {}
    for s in agg.sheets:
        by_team.setdefault(agg.team_of[s.sheet_id], []).append(s)
    teams = [figures(ss, agg.method, TeamFigures, team=t,
                     spellings=names[fold(t)][1] if t != NO_TEAM else []) for t, ss in by_team.items()]
    teams.sort(key=lambda t: (-round(t.go_total, 9), -t.kg, fold(t.team)))
    for i, t in enumerate(teams, 1):
        t.rank = i
    agg.teams = teams
    summed = _sum(agg.sheets)
    result = compute(quantities_of(summed.freed, summed.declared), agg.method)
    agg.impact = result.to_dict()
    agg.equivalences = [e.to_dict() for e in equivalences(result.kg, agg.method)]
    agg._hashes = dict(inputs.hashes)
    agg.input_sha256 = hashlib.sha256("".join(f"{h}\n" for h in sorted(inputs.hashes.values())).encode()).hexdigest()
    if compare_with is not None:
        from cleanup_desktop.core.sheets.compare import compare

        agg.compare = compare(agg, compare_with)
    return agg


def aggregate_sheets(
    named: Iterable[tuple[str, Sheet]],
    *,
    method: Optional[Method] = None,
    meta: Optional[EventMeta] = None,
    rejected: Optional[list[Rejected]] = None,
    accept: Iterable[str] = (),
    now: Optional[datetime] = None,
) -> Aggregate:
    """Aggregate already-read sheets given as (file name, sheet) pairs."""
    inputs = Inputs([Candidate(n, s) for n, s in named], list(rejected or []))
    return aggregate_inputs(inputs, method=method, meta=meta, accept=accept, now=now)


def aggregate_paths(
    paths: Iterable[os.PathLike | str],
    *,
    method: Optional[Method] = None,
    meta: Optional[EventMeta] = None,
    accept: Iterable[str] = (),
    progress: Optional[Callable[[ProgressEvent], None]] = None,
    cancel: Optional[CancelToken] = None,
    limits: Limits = LIMITS,
    compare_with: Optional[dict] = None,
) -> Aggregate:
    """Read sheets from files and folders, then aggregate. Unreadable or invalid files are
    listed in ``rejected`` with their reason; the others go through the rules."""
    inputs = read_paths(paths, progress=progress, cancel=cancel, limits=limits)
    return aggregate_inputs(inputs, method=method, meta=meta, accept=accept, compare_with=compare_with)


def split_by_event(inputs: Inputs) -> dict[Optional[str], Inputs]:
    """One Inputs per event id (for --per-event); sheets without an event id go with each
    event (and are listed apart there), or form the unnamed event when no sheet has one."""
    events, _ = events_of(inputs.candidates)
    if not events:
        return {None: inputs}
    return {e: Inputs(list(inputs.candidates), list(inputs.rejected), dict(inputs.hashes)) for e in sorted(events)}


# ---- outputs ---------------------------------------------------------------------------------
def write_outputs(agg: Aggregate, out_dir: os.PathLike | str, lang: str = "en") -> dict[str, Path]:
    """summary.json, participants.xlsx (in ``lang``) and dcd-bilan.json in ``out_dir`` (the
    PDF summary is written by cleanup_desktop.render.pdf.render_summary_pdf)."""
    from cleanup_desktop.core.sheets.export import atomic_write
    from cleanup_desktop.core.sheets.xlsx_organiser import write_organiser_xlsx

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    d = agg.to_dict()
    indent = 2 if len(agg.sheets) <= 2000 else None  # (indented JSON is written 10x slower)
    return {
        "summary": _write_text(out / "summary.json", json.dumps(d, indent=indent, ensure_ascii=False) + "\n"),
        "xlsx": atomic_write(out / "participants.xlsx", lambda p: write_organiser_xlsx(agg, p, lang)),
        "dcd": _write_text(out / "dcd-bilan.json", json.dumps(d["dcd"], indent=2, ensure_ascii=False) + "\n"),
    }

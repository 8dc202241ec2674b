"""The personal bilan: what the journal of runs says was moved to the trash and really freed,
classified local/cloud, converted to kg CO2e with a method.

Moving to the trash frees nothing yet: trashed items are reported apart ("in_trash") and only
items deleted for good (permanent deletes, emptied trash, expunged mail) count as freed.
Dry runs are ignored. The bilan never keeps a path, subject or address: only counts, bytes,
categories and environments (the per-action details stay in the journal).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Mapping, Optional, Sequence

from cleanup_desktop.core.run import journal
from cleanup_desktop.core.paths import is_inside
from cleanup_desktop.core.impact.classify import ENVIRONMENTS, Classifier
from cleanup_desktop.core.impact.compute import ImpactResult, Quantities, compute
from cleanup_desktop.core.impact.equivalences import Equivalence, equivalences
from cleanup_desktop.core.impact.methods import GO_BYTES, Method, get_method

BUCKETS = ("files_cloud", "files_local", "mails_cloud", "mails_local")
DECLARED = ("files_cloud", "files_local", "emails", "apps", "social_posts")


def _records_from(path: Optional[os.PathLike | str]) -> Iterator[dict]:
    """Journal records (core.run.journal reads them: lines cut short by a crash are skipped)."""
    return journal.iter_records(path)


def journal_records(path: Optional[os.PathLike | str] = None) -> list[dict]:
    return list(_records_from(path))


@dataclass
class Counter:
    bytes: int = 0
    count: int = 0

    def add(self, nbytes: int, count: int = 1) -> None:
        self.bytes += nbytes
        self.count += count

    def to_dict(self) -> dict:
        return {"bytes": self.bytes, "count": self.count}


def _buckets() -> dict[str, Counter]:
    return {b: Counter() for b in BUCKETS}


@dataclass
class Measurement:
    """A before/after volume of one environment (file-system or mailbox usage), no path."""

    environment: str
    before_bytes: int
    after_bytes: int
    before_time: Optional[str] = None
    after_time: Optional[str] = None
    volumes: int = 1  # how many volumes this figure adds up (file-system usage)

    def __post_init__(self) -> None:
        if self.environment not in ENVIRONMENTS:
            raise ValueError(f"unknown environment {self.environment!r} (known: {', '.join(ENVIRONMENTS)})")
        for name in ("before_bytes", "after_bytes"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"{name} must be a non-negative whole number of bytes")

    @property
    def difference(self) -> int:
        return self.before_bytes - self.after_bytes

    def to_dict(self) -> dict:
        return {"environment": self.environment, "before_bytes": self.before_bytes,
                "after_bytes": self.after_bytes, "before_time": self.before_time,
                "after_time": self.after_time, "volumes": self.volumes}


@dataclass
class Declared:
    """Items the user declares without a measured volume (counted by per-item factors)."""

    files_cloud: int = 0
    files_local: int = 0
    emails: int = 0
    apps: int = 0
    social_posts: int = 0

    def __post_init__(self) -> None:
        for name in DECLARED:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(f"declared {name} must be a non-negative whole number")

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in DECLARED}


class FreedFigures:
    """Derived figures of anything holding ``freed`` and ``in_trash`` bucket counters
    (a bilan, a sheet)."""

    freed: dict[str, Counter]
    in_trash: dict[str, Counter]

    @property
    def cloud_bytes(self) -> int:
        return self.freed["files_cloud"].bytes + self.freed["mails_cloud"].bytes

    @property
    def local_bytes(self) -> int:
        return self.freed["files_local"].bytes + self.freed["mails_local"].bytes

    @property
    def go_cloud(self) -> float:
        return self.cloud_bytes / GO_BYTES

    @property
    def go_local(self) -> float:
        return self.local_bytes / GO_BYTES

    @property
    def go_total(self) -> float:
        return (self.cloud_bytes + self.local_bytes) / GO_BYTES

    @property
    def files_deleted(self) -> int:
        return self.freed["files_cloud"].count + self.freed["files_local"].count

    @property
    def emails_deleted(self) -> int:
        return self.freed["mails_cloud"].count + self.freed["mails_local"].count

    @property
    def mails_deleted(self) -> int:  # the same figure, by its older name
        return self.emails_deleted

    @property
    def in_trash_bytes(self) -> int:
        return sum(c.bytes for c in self.in_trash.values())


@dataclass
class Bilan(FreedFigures):
    method: Method
    freed: dict[str, Counter] = field(default_factory=_buckets)
    in_trash: dict[str, Counter] = field(default_factory=_buckets)
    by_environment: dict[str, dict[str, int]] = field(default_factory=dict)
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)
    declared: Declared = field(default_factory=Declared)
    measurements: list[Measurement] = field(default_factory=list)
    runs: list[str] = field(default_factory=list)
    first_time: Optional[str] = None
    last_time: Optional[str] = None
    # (run id, action id) of items still in the trash: what "empty what I trashed" empties.
    # Kept for the app; never exported to a sheet.
    in_trash_actions: list[tuple[str, str]] = field(default_factory=list)
    impact: Optional[ImpactResult] = None
    equivalences: list[Equivalence] = field(default_factory=list)

    @property
    def in_trash_runs(self) -> list[str]:
        """Runs with items still in the trash: what "empty what I trashed" passes to
        core.run.undo.empty_run (it empties exactly what each run trashed, nothing else)."""
        return sorted({run for run, _ in self.in_trash_actions})

    def quantities(self) -> Quantities:
        return quantities_of(self.freed, self.declared)

    def recompute(self, method: Optional[Method] = None) -> "Bilan":
        """(Re)compute the impact and the equivalences, with another method if given."""
        if method is not None:
            self.method = method
        self.impact = compute(self.quantities(), self.method)
        self.equivalences = equivalences(self.impact.kg, self.method)
        return self


def quantities_of(freed: Mapping[str, Counter], declared: Declared) -> Quantities:
    """Quantities for the CO2e arithmetic: measured items count by volume and are marked
    measured (so no per-item fallback counts them again); declared ones by count."""
    mails = freed["mails_cloud"].count + freed["mails_local"].count
    return Quantities.from_bytes(
        cloud_bytes=freed["files_cloud"].bytes + freed["mails_cloud"].bytes,
        local_bytes=freed["files_local"].bytes + freed["mails_local"].bytes,
        emails=mails + declared.emails, emails_measured=mails,
        files_cloud=freed["files_cloud"].count + declared.files_cloud,
        files_cloud_measured=freed["files_cloud"].count,
        files_local=freed["files_local"].count + declared.files_local,
        files_local_measured=freed["files_local"].count,
        apps=declared.apps,
    )


def _volume_key(usage: Mapping) -> tuple:
    """Which volume a root is on: its device id when recorded, else its size (older journals)."""
    return ("dev", int(usage["dev"])) if usage.get("dev") is not None else ("size", int(usage.get("total", 0)))


def _disk_measurements(starts: Sequence[Mapping], ends: Sequence[Mapping], classifier: Classifier) -> list[Measurement]:
    """Before / after file-system usage of the VOLUMES holding the cleaned folders (a folder
    is never "the whole disk" on its own: the figure is the volume's, with all its other
    activity). Folders on one volume (a cloud-drive sync folder in the home folder, two
    roots on the system disk) are one place. Before: when the scan behind the first run
    started (recorded in the plan), else at that run's start; after: the latest of each run's
    end and each emptying of its trash (``disk-usage`` records), so what sat in the trash at
    the end of a run is not taken as still used. One figure per kind of place: local volumes
    ("workstation") and network volumes ("network-share")."""
    before: dict[tuple, tuple[int, Optional[str], str]] = {}  # volume -> (used, time, environment)
    after: dict[tuple, tuple[int, Optional[str]]] = {}
    for rec in starts:
        scanned = rec.get("scan_disk_usage") or {}
        for root, u in (rec.get("disk_usage") or {}).items():
            if not isinstance(u, dict):
                continue
            vol = _volume_key(u)
            env = "network-share" if classifier.classify_path(root).environment == "network-share" else "workstation"
            if vol in before:
                continue
            at_scan = next((v for r, v in (scanned.get("roots") or {}).items()
                            if isinstance(v, dict) and is_inside(root, r)), None)
            if at_scan is not None and int(at_scan.get("total", -1)) == int(u.get("total", 0)):
                before[vol] = (int(at_scan.get("used", 0)), scanned.get("time"), env)
            else:
                before[vol] = (int(u.get("used", 0)), rec.get("time"), env)
    for rec in sorted(ends, key=lambda r: str(r.get("time") or "")):
        for root, u in (rec.get("disk_usage") or {}).items():
            if isinstance(u, dict):
                after[_volume_key(u)] = (int(u.get("used", 0)), rec.get("time"))
    per_env: dict[str, list] = {}
    for vol, (used_before, t_before, env) in before.items():
        if vol not in after:
            continue
        acc = per_env.setdefault(env, [0, 0, t_before, after[vol][1], 0])
        acc[0] += used_before
        acc[1] += after[vol][0]
        acc[2] = min(acc[2] or "", t_before or "") or t_before
        acc[3] = max(acc[3] or "", after[vol][1] or "") or None
        acc[4] += 1
    return [Measurement(env, b, a, tb, ta, volumes=n) for env, (b, a, tb, ta, n) in per_env.items()]


def _instant(value: Optional[str]) -> datetime:
    """An ISO date or time as an aware datetime (dates and naive times taken as UTC)."""
    try:
        t = datetime.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"not an ISO date or time: {value!r}") from None
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def compute_bilan(
    records: Optional[Iterable[Mapping]] = None,
    *,
    runs: Optional[Sequence[str]] = None,
    method: Optional[Method] = None,
    classifier: Optional[Classifier] = None,
    declared: Optional[Declared] = None,
    measurements: Optional[Sequence[Measurement]] = None,
    journal_path: Optional[os.PathLike | str] = None,
    since: Optional[str] = None,
) -> Bilan:
    """The bilan of ``runs`` (all real runs when None; with ``since``, an ISO date or time,
    only runs started then or later) from journal ``records`` (read from the user's journal
    when None). ``measurements`` add to (and, per environment, replace) the before/after
    volumes found in the journal."""
    records = list(_records_from(journal_path)) if records is None else list(records)
    classifier = classifier or Classifier()
    bilan = Bilan(method=method or get_method(), declared=declared or Declared())
    wanted = set(runs) if runs is not None else None
    start_after = _instant(since) if since else None
    real: set[str] = set()
    run: Any
    intents: dict[tuple[str, str], tuple[str, str, str]] = {}  # -> (bucket, environment, category)
    trashed: dict[tuple[str, str], int] = {}
    starts, ends = [], []
    for rec in records:
        ev, run = rec.get("event"), rec.get("run")
        if ev == "run-start":
            late_enough = start_after is None or _instant(rec.get("time")) >= start_after
            if not rec.get("dry_run") and (wanted is None or run in wanted) and late_enough:
                real.add(run)
                bilan.runs.append(run)
                starts.append(rec)
            continue
        if run not in real:
            continue
        t = rec.get("time")
        if t:
            bilan.first_time = min(bilan.first_time or t, t)
            bilan.last_time = max(bilan.last_time or t, t)
        aid = rec.get("action_id")
        key = (run, aid)
        if ev in ("run-end", "disk-usage"):
            ends.append(rec)
        elif ev == "intent" and isinstance(rec.get("action"), Mapping):
            action = rec["action"]
            place = classifier.classify_action(action)
            kind = "mails" if str(action.get("op", "")).startswith("mail-") or "account" in action else "files"
            intents[(run, action.get("id"))] = (f"{kind}_{place.kind}", place.environment,
                                               str(action.get("category") or "other"))
        elif ev == "done" and key in intents:
            bucket, env, cat = intents[key]
            res = rec.get("result") or {}
            if str(res.get("op", "")).endswith("trash"):
                nbytes = int(res.get("trashed") or 0)
                trashed[key] = nbytes
                _add(bilan, "in_trash", bucket, env, cat, nbytes, 1)
            else:
                _add(bilan, "freed", bucket, env, cat, int(res.get("freed") or 0), 1)
        elif ev in ("restored", "emptied", "trash-missing") and key in trashed:
            bucket, env, cat = intents[key]
            _add(bilan, "in_trash", bucket, env, cat, -trashed.pop(key), -1)
            if ev == "emptied":
                _add(bilan, "freed", bucket, env, cat, int(rec.get("freed") or 0), 1)
    bilan.in_trash_actions = sorted(trashed)
    found = {m.environment: m for m in _disk_measurements(starts, ends, classifier)}
    for m in measurements or ():
        found[m.environment] = m
    bilan.measurements = [found[e] for e in ENVIRONMENTS if e in found]
    return bilan.recompute()


def _add(bilan: Bilan, what: str, bucket: str, env: str, cat: str, nbytes: int, count: int) -> None:
    getattr(bilan, what)[bucket].add(nbytes, count)
    for table, name in ((bilan.by_environment, env), (bilan.by_category, cat)):
        row = table.setdefault(name, {"freed_bytes": 0, "freed_count": 0,
                                      "in_trash_bytes": 0, "in_trash_count": 0})
        row[f"{what}_bytes"] += nbytes
        row[f"{what}_count"] += count


# ---- the reminder of what is still in the trash ------------------------------------------
REMINDER = {
    "en": "You still have {size} in the trash from this cleanup: empty what you trashed to free it "
          "for good and count it.",
    "fr": "Il reste {size} dans la corbeille depuis ce nettoyage : videz ce que vous y avez mis pour "
          "le libérer vraiment et le compter.",
}
_UNITS = {"en": ("B", "kB", "MB", "GB", "TB"), "fr": ("o", "ko", "Mo", "Go", "To")}


def size_text(nbytes: int, lang: str = "en") -> str:
    """Decimal units in the user's language: 2.4 GB, 2,4 Go."""
    lang = "fr" if lang.startswith("fr") else "en"
    units, n = _UNITS[lang], float(nbytes)
    for unit in units:
        if abs(n) < 1000 or unit == units[-1]:
            text = f"{n:.0f} {unit}" if unit == units[0] else f"{n:.1f} {unit}"
            return text.replace(".", ",") if lang == "fr" else text
        n /= 1000.0
    raise AssertionError("unreachable")


def trash_reminder(bilan: "Bilan", lang: str = "en") -> Optional[str]:
    """"You still have 2.4 GB in the trash from this cleanup" (None when nothing is left):
    trashed items count as freed only once emptied, within the event's period."""
    if bilan.in_trash_bytes <= 0:
        return None
    lang = "fr" if lang.startswith("fr") else "en"
    return REMINDER[lang].format(size=size_text(bilan.in_trash_bytes, lang))

"""The append-only journal of every cleanup run (JSON lines, flushed and fsynced per line).

Record shape (see cleanup-interfaces.md): {"v": 1, "run", "seq", "time", "event", ...}.
Events: run-start, intent (before acting), done, skipped, failed, run-end; later restored and
emptied (undo / empty-trash, written under the run that trashed the item), and trash-missing
(the item left the trash without us: counted neither as restored nor as freed).
A line cut short by a killed process is ignored when reading.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Optional

from cleanup_desktop.core import paths

from cleanup_desktop.core.run import accounting

VERSION = 1


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


@dataclass
class RunSummary:
    run_id: str
    plan_id: Optional[str]
    started: Optional[str]
    ended: Optional[str]
    dry_run: bool
    permanent: bool
    source: Optional[str]
    interrupted: bool
    totals: dict[str, Any]


class Journal:
    def __init__(self, path: Optional[os.PathLike[str] | str] = None) -> None:
        self.path = Path(path) if path is not None else paths.journal_path()
        self._seq: dict[str, int] = {}
        self._lock = threading.Lock()
        self.bad_lines = 0
        self.warnings: list[str] = []  # lines skipped by the last read, with why
        self._tail_checked = False

    # ---- writing -------------------------------------------------------------------------
    def _next_seq(self, run: str) -> int:
        if run not in self._seq:
            last = -1
            for rec in self.iter_records():
                if rec.get("run") == run:
                    last = max(last, int(rec.get("seq", -1)))
            self._seq[run] = last + 1
        seq = self._seq[run]
        self._seq[run] = seq + 1
        return seq

    def _terminate_cut_line(self) -> bytes:
        """A process killed mid-write may have left a line without its newline: end it, so the
        next record starts on its own line (the cut line is then ignored when reading)."""
        try:
            with open(self.path, "rb") as fh:
                fh.seek(0, os.SEEK_END)
                if fh.tell() == 0:
                    return b""
                fh.seek(-1, os.SEEK_END)
                return b"" if fh.read(1) == b"\n" else b"\n"
        except FileNotFoundError:
            return b""

    def write(self, run: str, event: str, **fields: Any) -> dict[str, Any]:
        with self._lock:
            rec = {"v": VERSION, "run": run, "seq": self._next_seq(run), "time": now_iso(), "event": event, **fields}
            line = (json.dumps(rec, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
            try:
                if not self._tail_checked:
                    line = self._terminate_cut_line() + line
                    self._tail_checked = True
                view = memoryview(line)
                while view:
                    n = os.write(fd, view)
                    view = view[n:]
                os.fsync(fd)
            finally:
                os.close(fd)
            return rec

    def start_run(self, *, plan_id: Optional[str], dry_run: bool, permanent: bool, source: str, **extra: Any) -> str:
        run = str(uuid.uuid4())
        self._seq[run] = 0
        self.write(run, "run-start", plan_id=plan_id, dry_run=dry_run, permanent=permanent, source=source, **extra)
        return run

    # ---- reading -------------------------------------------------------------------------
    def iter_records(self) -> Iterator[dict[str, Any]]:
        """The records that fit the schema. A line that does not (cut short by a killed process,
        not JSON, or JSON of the wrong shape) is skipped, and ``warnings`` names it: one damaged
        line never blocks the other runs."""
        self.bad_lines = 0
        self.warnings = []
        try:
            fh = open(self.path, "rb")
        except FileNotFoundError:
            return
        with fh:
            for lineno, raw in enumerate(fh, 1):
                if not raw.endswith(b"\n"):
                    self.bad_lines += 1  # cut short by a killed process: never acted upon as a record
                    continue
                try:
                    rec = json.loads(raw)
                except (ValueError, UnicodeDecodeError, RecursionError):
                    self._bad(lineno, "not valid JSON")
                    continue
                if isinstance(rec, dict) and rec.get("v") != VERSION and "v" in rec:
                    continue  # a record of another version of the app: not ours to read
                problem = record_problem(rec)
                if problem:
                    self._bad(lineno, problem)
                    continue
                yield rec

    def _bad(self, lineno: int, problem: str) -> None:
        self.bad_lines += 1
        msg = f"{self.path}: line {lineno} skipped ({problem})"
        if msg not in self.warnings:
            self.warnings.append(msg)
            _log.warning("journal %s", msg)

    def records_by_run(self) -> dict[str, list[dict[str, Any]]]:
        runs: dict[str, list[dict[str, Any]]] = {}
        for rec in self.iter_records():
            runs.setdefault(rec["run"], []).append(rec)  # a record read has its run (record_problem)
        return runs

    def list_runs(self) -> list[RunSummary]:
        out = []
        for run, recs in self.records_by_run().items():
            if not any(r.get("event") == "run-start" for r in recs):
                continue
            t = accounting.totals_from_records(recs)
            out.append(RunSummary(run, t.get("plan_id"), t.get("started"), t.get("ended"), bool(t.get("dry_run")),
                                  bool(t.get("permanent")), t.get("source"), t["interrupted"], t))
        out.sort(key=lambda r: r.started or "")
        return out

    def run_records(self, run_id: str) -> list[dict[str, Any]]:
        return [r for r in self.iter_records() if r.get("run") == run_id]

    def run_totals(self, run_id: str) -> dict[str, Any]:
        recs = self.run_records(run_id)
        if not recs:
            raise KeyError(f"no run {run_id} in the journal")
        return accounting.totals_from_records(recs)

    def find_run(self, prefix: str) -> str:
        """A run id from a full id or a unique prefix (as printed by history)."""
        ids = [r.run_id for r in self.list_runs() if r.run_id.startswith(prefix)]
        if len(ids) != 1:
            raise KeyError(f"no run matches {prefix!r}" if not ids else f"{prefix!r} matches several runs")
        return ids[0]

    def plan_state(self, plan_id: str) -> dict[str, dict[str, Any]]:
        """For each action of a plan, across its real (not dry) runs: its intent and last outcome.

        Returns {action_id: {"run", "intent": action|None, "outcome": record|None}}."""
        real_runs: set[str] = set()
        state: dict[str, dict[str, Any]] = {}
        for rec in self.iter_records():
            ev, run = rec["event"], rec["run"]  # every record read has both (record_problem)
            if ev == "run-start":
                if rec.get("plan_id") == plan_id and not rec.get("dry_run"):
                    real_runs.add(run)
                continue
            if run not in real_runs:
                continue
            if ev == "intent":
                aid = rec["action"]["id"]
                prev = state.get(aid)
                if prev and prev["outcome"] and prev["outcome"]["event"] == "done":
                    continue
                state[aid] = {"run": run, "intent": rec["action"], "outcome": None}
            elif ev in ("done", "skipped", "failed") and rec.get("action_id") in state:
                entry = state[rec["action_id"]]
                if entry["run"] == run and entry["outcome"] is None:
                    entry["outcome"] = rec
            elif ev == "restored" and rec.get("action_id") in state:
                # Undone: the file is back where it was, so the action may run again.
                entry = state[rec["action_id"]]
                if entry["run"] == run:
                    del state[rec["action_id"]]
        return state


_log = logging.getLogger("cleanup_desktop.journal")
Types = tuple[type, ...]
_STR: Types = (str,)
_INT: Types = (int,)
_DICT: Types = (dict,)
_BOOL: Types = (bool,)
# event -> {field: allowed types}; fields not listed may be anything
_SCHEMA: dict[str, dict[str, Types]] = {
    "run-start": {"plan_id": (str, type(None))},
    "intent": {"action": _DICT},
    "done": {"action_id": _STR, "result": _DICT},
    # reasons: the English text, plus (since issue 13) the core.messages code and its params
    "skipped": {"action_id": _STR, "reason": _STR, "code": _STR, "params": _DICT},
    "failed": {"action_id": _STR, "error": _STR, "code": _STR, "params": _DICT},
    "refused": {"action_id": _STR, "code": _STR, "reason": _STR, "reason_code": _STR, "params": _DICT},
    "run-end": {"totals": _DICT},
    "restored": {"action_id": _STR},
    "emptied": {"action_id": _STR, "freed": _INT},
    "trash-missing": {"action_id": _STR},
}
# fields a record may lack: older journals have no reason codes (core.messages), which readers
# then take as plain English text
# (a refusal's own "code" was always there and stays required)
OPTIONAL = frozenset({"plan_id", "freed", "code", "reason_code", "params"})
_RESULT: dict[str, Types] = {"op": _STR, "trash_path": _STR, "trash_info": _STR, "trash_ino": _INT, "size": _INT,
           "allocated": _INT, "nlink": _INT, "trashed": _INT, "freed": _INT, "dirs": (list,)}
_ACTION: dict[str, Types] = {"id": _STR, "op": _STR, "path": _STR, "root": _STR, "size": _INT, "allocated": _INT,
           "mtime_ns": _INT, "dev": _INT, "ino": _INT}


def _typed(obj: dict[str, Any], fields: dict[str, Types]) -> Optional[str]:
    for key, types in fields.items():
        if key in obj and (not isinstance(obj[key], types) or (isinstance(obj[key], bool) and bool not in types)):
            return f"{key} is not a {types[0].__name__}"
    return None


def record_problem(rec: Any) -> Optional[str]:
    """Why a journal record does not fit the schema (None when it does)."""
    if not isinstance(rec, dict):
        return "not a JSON object"
    if rec.get("v") != VERSION or not isinstance(rec.get("run"), str) or not isinstance(rec.get("event"), str):
        return "no version, run or event"
    if not isinstance(rec.get("seq"), int) or isinstance(rec.get("seq"), bool):
        return "no sequence number"
    fields = _SCHEMA.get(rec["event"])
    if fields is None:
        return None  # an event of a newer version: ignored by the readers
    optional = OPTIONAL - {"code"} if rec["event"] == "refused" else OPTIONAL
    missing = [k for k in fields if k not in rec and k not in optional]
    if missing:
        return f"{rec['event']} without {', '.join(missing)}"
    problem = _typed(rec, fields)
    if problem:
        return problem
    if rec["event"] == "intent":
        action = rec["action"]
        if not isinstance(action.get("id"), str):
            return "intent without an action id"
        problem = _typed(action, _ACTION)
    elif rec["event"] == "done":
        problem = _typed(rec["result"], _RESULT)
        dirs = rec["result"].get("dirs")
        if problem is None and dirs is not None and not all(
                isinstance(d, list) and len(d) == 2 and all(isinstance(x, int) for x in d) for d in dirs):
            problem = "result.dirs is not a list of (device, inode)"
    return f"{rec['event']}: {problem}" if problem else None


def default_journal() -> Journal:
    return Journal()


def iter_records(path: Optional[os.PathLike[str] | str] = None) -> Iterator[dict[str, Any]]:
    return Journal(path).iter_records()


def list_runs(path: Optional[os.PathLike[str] | str] = None) -> list[RunSummary]:
    return Journal(path).list_runs()


def run_totals(run_id: str, path: Optional[os.PathLike[str] | str] = None) -> dict[str, Any]:
    return Journal(path).run_totals(run_id)

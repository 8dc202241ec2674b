"""Run a plan: one code path for the preview (dry run) and the real thing.

For every action: write an "intent" record, call the ``run`` of the backend registered for the
action's "op" (core.run.registry), write the outcome ("done" with a result, "skipped" with a
reason, or "failed" with an error):

    backend.run(action: dict[str, Any], ctx: ExecContext) -> dict   # result: {"op", "trashed", "freed", ...}
    raise Skip("code", **params)                          # safety skip, not a failure (core.messages)
    raise any other exception                             # failure, message shown to the user

Actions a previous real run of the same plan finished are skipped ("already done"), so running
a plan again after a crash completes it.

Test hook: env CLEANUP_DESKTOP_TEST_SLOW_ACTION=SECONDS sleeps after each intent record, so
the kill-mid-run test can land a SIGKILL inside a run. It has no other effect.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from cleanup_desktop.core.run import accounting, registry
from cleanup_desktop.core.run.guard import Refused, check
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.run.plan import validate_plan
from cleanup_desktop.core.messages import REASONS, Reason, reason_fields
from cleanup_desktop.core.progress import CancelToken, Cancelled, ProgressEvent, Reporter

SLOW_ENV = "CLEANUP_DESKTOP_TEST_SLOW_ACTION"
DEFAULT_JOURNAL = object()  # sentinel: the user's journal for real runs, none for dry runs


class Skip(Exception):
    """Raised by an executor to skip an action for safety: ``Skip(code, **params)`` with a code
    of core.messages.REASONS (or ``Skip(reason)`` with a Reason); ``reason`` is the Reason, whose
    text is the English sentence. A text that is no code is kept as it is (an outside
    executor's own words: shown as written, in every language); the project's own executors
    always give a code (tests/test_reason_codes.py checks every call)."""

    def __init__(self, code: str, **params: Any) -> None:
        reason = code if isinstance(code, Reason) or (code not in REASONS and not params) else Reason(code, **params)
        super().__init__(reason)
        self.reason = reason


@dataclass
class ExecContext:
    dry_run: bool
    permanent: bool
    journal: Optional[Journal]
    run_id: Optional[str]
    plan: dict[str, Any]
    cancel: Optional[CancelToken] = None
    state: dict[str, Any] = field(default_factory=dict)  # per-run scratch space shared by executors
    interrupted: Optional[dict[str, Any]] = None  # set when an earlier run wrote an intent for this action but no outcome


@dataclass
class Outcome:
    action: dict[str, Any]
    status: str  # "done" | "skipped" | "failed" | "refused" (the plan may not ask for it)
    reason: str = ""  # skip reason, error message or refusal reason
    result: dict[str, Any] = field(default_factory=dict)
    code: str = ""  # refusals: a stable code (see core.run.guard)


@dataclass
class RunReport:
    run_id: Optional[str]
    plan_id: str
    dry_run: bool
    permanent: bool
    outcomes: list[Outcome]
    totals: dict[str, Any]
    cancelled: bool = False

    def by_status(self, status: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def ok(self) -> bool:
        return not self.by_status("failed")

    @property
    def refused(self) -> list[Outcome]:
        return self.by_status("refused")


def execute_plan(plan: dict[str, Any], *, dry_run: bool = False, permanent: bool = False, journal: Any = DEFAULT_JOURNAL,
                 progress: Optional[Callable[[ProgressEvent], None]] = None, cancel: Optional[CancelToken] = None,
                 on_outcome: Optional[Callable[[Outcome], None]] = None,
                 **backend_options: Any) -> RunReport:
    """Execute (or, with dry_run, preview) exactly the actions of ``plan``, in order.

    Every action is first checked by its backend against the record ``build_plan`` kept for
    the plan id (core.run.guard); what the plan may not ask for is "refused" and the rest runs.
    ``backend_options`` (each declared by a backend: ``Backend.run_options``, else TypeError)
    are handed to the backends in ``ctx.state`` ("_" becomes "-"), e.g. the
    mail backend's ``mail_account`` (the account the caller chose: server, user, connection
    settings from a saved account or the command line, never from the plan) and
    ``mail_credentials`` (a ``resolver(account, action) -> Credentials`` for it)."""
    unknown = sorted(set(backend_options) - registry.run_options())
    if unknown:
        raise TypeError(f"execute_plan() got options no backend reads: {', '.join(unknown)}")
    validate_plan(plan)
    if journal is DEFAULT_JOURNAL:
        journal = None if dry_run else Journal()
    actions = plan["actions"]
    roots = sorted({a.get("root") for a in actions if a.get("root")})
    previous = journal.plan_state(plan["plan_id"]) if journal is not None and not dry_run else {}
    run_id = None
    if journal is not None:
        run_id = journal.start_run(plan_id=plan["plan_id"], dry_run=dry_run, permanent=permanent,
                                   source=registry.source_of_plan(actions), actions=len(actions), disk_usage=accounting.disk_usage(roots),
                                   scan_disk_usage=(plan.get("source") or {}).get("disk_usage"))
    ctx = ExecContext(dry_run, permanent, journal, run_id, plan, cancel)
    for name, value in backend_options.items():  # e.g. mail_account -> ctx.state["mail-account"]
        if value is not None:
            ctx.state[name.replace("_", "-")] = value
    if not dry_run:
        for backend in registry.backends():
            if backend.prepare is not None:
                backend.prepare(actions, ctx)
    reporter = Reporter(progress, None)  # cancellation is checked between actions, below
    total_bytes = sum(int(a.get("size") or 0) for a in actions)
    slow = float(os.environ.get(SLOW_ENV) or 0)
    outcomes: list[Outcome] = []
    records: list[dict[str, Any]] = []
    cancelled = False
    done_bytes = 0

    def log(event: str, **fields: Any) -> None:
        rec = {"event": event, **fields}
        records.append(rec)
        if journal is not None:
            journal.write(run_id, event, **fields)

    try:
        for i, action in enumerate(actions):
            if cancel is not None and cancel.cancelled:
                cancelled = True
                break
            reporter.update(ProgressEvent("clean", i, len(actions), done_bytes, total_bytes, detail=action.get("path", "")))
            prev = previous.get(action["id"])
            refusal = _refusal(action, ctx)
            if refusal is not None:
                outcome = refusal
                log("refused", action_id=action["id"], code=outcome.code, reason=outcome.reason, **_why(outcome, "reason_code"))
            elif prev and prev["outcome"] and prev["outcome"]["event"] == "done":
                outcome = Outcome(action, "skipped", Reason("run.already-done", run=prev["run"][:8]))
                log("skipped", action_id=action["id"], reason=outcome.reason, **_why(outcome))
            else:
                ctx.interrupted = prev["intent"] if prev and prev["outcome"] is None else None
                log("intent", action=action)
                if slow:
                    time.sleep(slow)
                outcome = _run_one(action, ctx)
                if outcome.status == "done":
                    log("done", action_id=action["id"], result=outcome.result)
                elif outcome.status == "skipped":
                    log("skipped", action_id=action["id"], reason=outcome.reason, **_why(outcome))
                elif outcome.status == "refused":
                    log("refused", action_id=action["id"], code=outcome.code, reason=outcome.reason, **_why(outcome, "reason_code"))
                else:
                    log("failed", action_id=action["id"], error=outcome.reason, **_why(outcome))
            done_bytes += int(action.get("size") or 0)
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    finally:
        for close in ctx.state.get("closers", []):
            close()
    reporter.update(ProgressEvent("clean", len(outcomes), len(actions), done_bytes, total_bytes), force=True)
    totals = accounting.totals_from_records([{"event": "run-start", "plan_id": plan["plan_id"], "dry_run": dry_run,
                                              "permanent": permanent}] + records)
    log("run-end", totals={k: totals[k] for k in ("counts", "moved_to_trash", "freed", "deleted")},
        cancelled=cancelled, disk_usage=accounting.disk_usage(roots))
    return RunReport(run_id, plan["plan_id"], dry_run, permanent, outcomes, totals, cancelled)


def _why(outcome: Outcome, key: str = "code") -> dict[str, Any]:
    """The fields a journal record gains beside the English text: the reason's code (under
    ``key``: refusals already use "code" for the refusal's own code) and its params."""
    fields = reason_fields(outcome.reason)
    return {key: fields["code"], "params": fields["params"]} if fields else {}


def error_text(exc: BaseException) -> str:
    """The text of a failure: the engine's Reason when it raised one, else the error's words."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Reason):
        return exc.args[0]
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {os.fsdecode(exc.filename)}" if exc.filename is not None else ""
        return f"{exc.strerror}{where}"
    return str(exc) or type(exc).__name__


def _refusal(action: dict[str, Any], ctx: ExecContext) -> Optional[Outcome]:
    """The plan record's checks (core.run.guard) by the action's backend."""
    try:
        check(action, ctx)
    except Refused as exc:
        return Outcome(action, "refused", exc.reason, code=exc.code)
    return None


def _run_one(action: dict[str, Any], ctx: ExecContext) -> Outcome:
    backend = registry.for_op(action.get("op", ""))
    if backend is None or backend.run is None:
        return Outcome(action, "failed", f"no executor for operation {action.get('op')!r}")
    try:
        result = backend.run(action, ctx)
    except Refused as exc:
        return Outcome(action, "refused", exc.reason, code=exc.code)
    except Skip as skip:
        return Outcome(action, "skipped", skip.reason)
    except Cancelled:
        return Outcome(action, "skipped", Reason("run.cancelled"))
    except Exception as exc:  # reported per action; the run goes on
        return Outcome(action, "failed", error_text(exc))
    return Outcome(action, "done", "", dict(result or {}))

"""Which backend does what: the run lifecycle (core/run) asks here and never imports a backend.

Each backend package (core/disk, core/mail, ...) describes itself with one :class:`Backend`:
the action ops it runs, the scan schemas it plans from, and its part of every step of a run.
The composition module (``cleanup_desktop.core.compose``) registers them; the faces call
``compose.install()`` before they plan, run, undo or account. Rules the registry keeps:

- an op and a scan schema belong to one backend at most (a second claim is refused);
- registering a backend again under its name replaces it (``install()`` may run twice);
- a step a backend leaves out (None) is skipped for its actions: no check, nothing to prepare,
  "unsupported" for undo/empty, the scan unchanged by a refresh, its "root" as location.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Optional


@dataclass(frozen=True)
class Backend:
    name: str  # the "source" of its actions in totals and journals ("disk", "mail")
    ops: tuple[str, ...] = ()  # the action "op" values it owns
    schemas: tuple[str, ...] = ()  # the scan schemas it plans from
    # plan(scan, **options) -> actions (raise core.run.plan.PlanError for bad input)
    plan: Optional[Callable[..., list[Any]]] = None
    # validate(its actions of one plan) -> None, raise PlanError (hand-edited plans)
    validate: Optional[Callable[[list[Any]], None]] = None
    # record(plan, scan) -> its fields of the plan record (core.run.guard), for every plan
    record: Optional[Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]] = None
    # record_ok(record) -> whether its fields of a record read back are well-formed
    record_ok: Optional[Callable[[dict[str, Any]], bool]] = None
    # check(action, ctx) before the action runs, against the plan record: raise guard.Refused
    check: Optional[Callable[[dict[str, Any], Any], None]] = None
    # prepare(actions of the plan, ctx) once before every real run (housekeeping)
    prepare: Optional[Callable[[list[Any], Any], None]] = None
    # run(action, ctx) -> result {"op", "trashed", "freed", ...}; raise execute.Skip to skip
    run: Optional[Callable[[dict[str, Any], Any], dict[str, Any]]] = None
    # restore(run_id, journal, [(action, done result)], word) -> [undo.TrashOutcome]
    restore: Optional[Callable[[str, Any, list[Any], str], list[Any]]] = None
    # empty(run_id, journal, [(action, done result)]) -> [undo.TrashOutcome]
    empty: Optional[Callable[[str, Any, list[Any]], list[Any]]] = None
    # refresh(scan, done actions) -> the scan without what they removed
    refresh: Optional[Callable[[dict[str, Any], list[Any]], dict[str, Any]]] = None
    # location(action) -> the root (or account) an action's bytes are counted under
    location: Optional[Callable[[dict[str, Any]], str]] = None
    # keyword options of execute_plan it reads from ctx.state ("mail_account" -> "mail-account")
    run_options: tuple[str, ...] = ()


class RegistryError(ValueError):
    """Two backends claim one op or one scan schema."""


_BACKENDS: dict[str, Backend] = {}


def register(backend: Backend) -> None:
    """Add ``backend`` (or replace the one registered under its name)."""
    for other in _BACKENDS.values():
        if other.name == backend.name:
            continue
        for what, mine, theirs in (("op", backend.ops, other.ops), ("scan schema", backend.schemas, other.schemas)):
            both = sorted(set(mine) & set(theirs))
            if both:
                raise RegistryError(f"{what} {both[0]!r} already belongs to the {other.name} backend")
    _BACKENDS[backend.name] = backend


def unregister(name: str) -> Optional[Backend]:
    return _BACKENDS.pop(name, None)


@contextmanager
def registered(backend: Backend) -> Iterator[Backend]:
    """``backend`` registered for the ``with`` block, then whatever was there before."""
    previous = _BACKENDS.get(backend.name)
    register(backend)
    try:
        yield backend
    finally:
        _BACKENDS.pop(backend.name, None)
        if previous is not None:
            _BACKENDS[previous.name] = previous


def backends() -> list[Backend]:
    """The registered backends, in registration order."""
    return list(_BACKENDS.values())


def for_op(op: Any) -> Optional[Backend]:
    for b in _BACKENDS.values():
        if op in b.ops:
            return b
    return None


def for_schema(schema: Any) -> Optional[Backend]:
    for b in _BACKENDS.values():
        if schema in b.schemas:
            return b
    return None


def run_options() -> set[str]:
    """The execute_plan options some registered backend reads."""
    return {o for b in _BACKENDS.values() for o in b.run_options}


def schemas() -> list[str]:
    return sorted(s for b in _BACKENDS.values() for s in b.schemas)


def source_of(action: dict[str, Any]) -> str:
    """The name of the backend that owns an action ("" when none does)."""
    b = for_op(action.get("op"))
    return b.name if b is not None else ""


def default_source() -> str:
    """The first registered backend's name: what an action no backend owns is counted under."""
    first = next(iter(_BACKENDS.values()), None)
    return first.name if first is not None else ""


def source_of_plan(actions: Iterable[dict[str, Any]]) -> str:
    """The backend all these actions belong to; a mixed or empty plan is the default source."""
    names = {source_of(a) for a in actions}
    if len(names) == 1 and "" not in names:
        return names.pop()
    return default_source()


def location_of(action: dict[str, Any]) -> str:
    b = for_op(action.get("op"))
    if b is not None and b.location is not None:
        return b.location(action)
    return action.get("root") or ""


def split_by_backend(pairs: Iterable[tuple[dict[str, Any], Any]]) -> tuple[list[tuple[Backend, list[Any]]], list[Any]]:
    """(action, x) pairs grouped by backend, in registration order, keeping their order; and
    the pairs no backend owns."""
    groups: dict[str, list[Any]] = {}
    orphans: list[Any] = []
    for pair in pairs:
        b = for_op(pair[0].get("op"))
        if b is None:
            orphans.append(pair)
        else:
            groups.setdefault(b.name, []).append(pair)
    return [(b, groups[b.name]) for b in _BACKENDS.values() if b.name in groups], orphans

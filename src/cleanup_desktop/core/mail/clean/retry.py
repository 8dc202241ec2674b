"""The one retry-on-cut loop of every mail cleaner (IMAP, Exchange EWS, Microsoft Graph).

A cleaner's step works on the items that have no outcome yet and records each outcome in an
:class:`Outcomes` map as soon as it is known. When the connection is cut in the middle
(:class:`ConnectionLost`), the cleaner forgets its connection (``reset``) and the step runs
again over the items still without an outcome; the step first looks at what the server did
before the cut (moved? copied? gone?), so that nothing is done twice. At most
:data:`MAX_RETRIES` cuts are taken in one loop; the next one goes up to the caller, which
reports the items (core.mail.ops).

Rule (tested with random cut points, tests/mail/test_clean_retry.py): an item gets at most one
outcome (:class:`Outcomes` refuses a second), a step is only ever given items without one, and
a step that looks before it acts (as the cleaners' steps do) moves nothing twice; when the loop
returns, every item a step settles has exactly one outcome, done or reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, TypeVar

from cleanup_desktop.core.mail.errors import ConnectionLost

MAX_RETRIES = 3

T = TypeVar("T")


@dataclass
class Outcome:
    """What happened to one item: done (``ok``, with its journal ``result``) or not (``reason``)."""

    ok: bool
    result: dict = field(default_factory=dict)
    reason: str = ""


class SettledTwice(RuntimeError):
    """A cleaner tried to give a second outcome to an item: a bug, never silently overwritten
    (the journal would then disagree with the server)."""


class Outcomes(dict):
    """Item id -> :class:`Outcome`, each id set once."""

    def __setitem__(self, key: str, value: Outcome) -> None:
        if key in self:
            raise SettledTwice(f"item {key} already has an outcome")
        super().__setitem__(key, value)

    def setdefault(self, key, default=None):  # type: ignore[override,unused-ignore]
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args, **kwargs) -> None:  # type: ignore[override,unused-ignore]
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


def retry_on_cut(items: Iterable[T], step: Callable[[list[T], Outcomes], None], reset: Callable[[], None],
                 out: Optional[Outcomes] = None, key: Callable[[T], str] = lambda item: item["id"],  # type: ignore[index]  # T: a plan action
                 retries: int = MAX_RETRIES) -> Outcomes:
    """Run ``step(todo, out)`` over the ``items`` that have no outcome in ``out`` yet, again
    after each cut (``reset()`` first), at most ``retries`` times; returns ``out``. A step that
    returns has settled every item it was given, or left some without an outcome on purpose
    (the caller reports those). The cut after the last retry is raised, ``out`` keeping what
    was settled before it."""
    items = list(items)
    out = Outcomes() if out is None else out
    for attempt in range(retries + 1):
        todo = [item for item in items if key(item) not in out]
        if not todo:
            return out
        try:
            step(todo, out)
            return out
        except ConnectionLost:
            reset()
            if attempt == retries:
                raise
    return out

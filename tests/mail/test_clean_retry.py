"""The one retry-on-cut loop every mail cleaner shares (core.mail.clean.retry), tested on its
rule with random cut points: every item ends with exactly one outcome, done or reported, never
two, and nothing is moved twice. The real cleaners cut mid-batch are in test_imap_clean.py
(Dovecot behind a cutting proxy), test_ews.py and test_graph.py (replay servers dropping the
answer of a move)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.mail.clean import imap as imap_clean, remote as remote_clean, retry
from cleanup_desktop.core.mail.clean.retry import MAX_RETRIES, Outcome, Outcomes, SettledTwice, retry_on_cut
from cleanup_desktop.core.mail.errors import ConnectionLost


class CuttingServer:
    """A mailbox folder and its Trash; every request may be the one the connection drops on
    (``cuts``: request numbers). Another client may have moved or deleted messages first."""

    def __init__(self, ids: list[str], cuts: set[int], moved_before: set[str], gone: set[str]) -> None:
        self.folder = set(ids) - moved_before - gone
        self.trash = set(moved_before)
        self.moves: Counter = Counter()
        self.requests = 0
        self.cuts = set(cuts)
        self.cut_count = 0
        self.resets = 0

    def request(self) -> None:
        self.requests += 1
        if self.requests in self.cuts:
            self.cut_count += 1
            raise ConnectionLost("cut")

    def move(self, item: str) -> None:
        assert item in self.folder
        self.folder.discard(item)
        self.trash.add(item)
        self.moves[item] += 1


def cleaner_step(server: CuttingServer, seen: list[tuple[list[str], set[str]]]):
    """A step written as the cleaners write theirs: look at the server first (a cut may have
    come after the move), then move what is still there, then record."""

    def step(todo: list[dict], out: Outcomes) -> None:
        seen.append(([a["id"] for a in todo], set(out)))
        for a in todo:
            server.request()  # look
            if a["id"] in server.trash:
                out[a["id"]] = Outcome(True, {"recovered": True})
            elif a["id"] not in server.folder:
                out[a["id"]] = Outcome(False, reason="no longer in the folder")
            else:
                server.request()  # the move: cut before the server acts
                server.move(a["id"])
                server.request()  # its answer: cut after the server acted
                out[a["id"]] = Outcome(True, {})

    return step


@settings(max_examples=300, deadline=None)
@given(data=st.data(), n=st.integers(min_value=0, max_value=8))
def test_every_item_ends_once_done_or_reported_never_twice(data, n):
    ids = [f"m{i}" for i in range(n)]
    moved_before = set(data.draw(st.sets(st.sampled_from(ids)) if ids else st.just(set())))
    gone = set(data.draw(st.sets(st.sampled_from(ids)) if ids else st.just(set()))) - moved_before
    cuts = data.draw(st.sets(st.integers(min_value=1, max_value=3 * n + 6), max_size=6))
    server = CuttingServer(ids, cuts, moved_before, gone)
    seen: list = []

    def reset() -> None:
        server.resets += 1

    items = [{"id": i} for i in ids]
    out = Outcomes()
    try:
        retry_on_cut(items, cleaner_step(server, seen), reset, out)
        finished = True
    except ConnectionLost:
        finished = False
    assert all(count == 1 for count in server.moves.values())  # never a double move
    for todo, settled in seen:  # a step only ever sees items without an outcome
        assert not set(todo) & settled
    assert server.resets == server.cut_count
    for item_id, o in out.items():  # what is reported agrees with the server
        assert o.ok == (item_id in server.trash)
        if o.ok and not o.result.get("recovered"):
            assert server.moves[item_id] == 1  # done by this loop, once
        if item_id in moved_before:
            assert o.ok and o.result.get("recovered") and server.moves[item_id] == 0
    if finished:
        assert set(out) == set(ids) and server.cut_count <= MAX_RETRIES
        assert {i for i, o in out.items() if o.ok} == set(ids) - gone
    else:  # the cut after the last retry goes up; what was settled before it is kept
        assert server.cut_count == MAX_RETRIES + 1 and len(seen) == MAX_RETRIES + 1


def test_a_second_outcome_for_one_item_is_refused():
    out = Outcomes()
    out["a"] = Outcome(True)
    with pytest.raises(SettledTwice):
        out["a"] = Outcome(False, reason="again")
    with pytest.raises(SettledTwice):
        out.update({"a": Outcome(True)})
    assert out.setdefault("a", Outcome(False)).ok is True
    assert out["a"].ok is True and len(out) == 1


def test_other_errors_are_not_retried():
    calls = []

    def step(todo, out):
        calls.append(list(todo))
        raise ValueError("a bug, not a cut")

    with pytest.raises(ValueError):
        retry_on_cut([{"id": "x"}], step, lambda: calls.append("reset"))
    assert calls == [[{"id": "x"}]]


def test_the_cleaners_have_no_retry_loop_of_their_own():
    """IMAP and Exchange/Graph cleaners go through retry_on_cut; no other module of
    core/mail/clean catches a cut to try again."""
    folder = Path(retry.__file__).parent
    users = set()
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "retry_on_cut":
                users.add(path.name)
            if path.name != "retry.py" and isinstance(node, ast.For):
                assert "attempt" not in ast.unparse(node.target), f"{path.name}: a retry loop of its own"
    assert {"imap.py", "remote.py"} <= users
    assert imap_clean.Outcome is Outcome and remote_clean.Outcome is Outcome

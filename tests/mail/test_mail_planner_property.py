"""Property: whatever the user ticks, a mail plan never removes every copy of a duplicate,
never names a message twice, and each kept copy is a message the plan leaves alone."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.mail import wiring  # noqa: F401
from cleanup_desktop.core.plan import build_plan

FOLDERS = ["INBOX", "Archive", "Old", "Été"]


@st.composite
def scans(draw):
    uid = iter(range(1, 10_000))
    groups = []
    for g in range(draw(st.integers(0, 6))):
        n = draw(st.integers(2, 5))
        copies = [{"folder": draw(st.sampled_from(FOLDERS)), "uid": next(uid), "uidvalidity": 7} for _ in range(n)]
        groups.append({"key": f"<m{g}@x>", "size": draw(st.integers(1, 10**7)), "copies": copies})
    large = [{"folder": draw(st.sampled_from(FOLDERS)), "uid": next(uid), "uidvalidity": 7, "size": 5_000_000,
              "key": f"<big{i}@x>"} for i in range(draw(st.integers(0, 4)))]
    for d in groups:  # a big duplicate is listed as a large message too, copy by copy
        if d["size"] >= 1_000_000:
            large += [dict(c, size=d["size"], key=d["key"]) for c in d["copies"]]
    scan = {"schema": "cleanup-desktop/mail-scan/1", "account": "u@h",
            "connection": {"kind": "imap", "host": "h", "port": 993, "user": "u", "security": "ssl"},
            "duplicates": groups, "large_messages": large, "attachments": [], "old": [], "senders": []}
    every = [(c["folder"], c["uid"]) for d in groups for c in d["copies"]] + [(m["folder"], m["uid"]) for m in large]
    ticked = draw(st.lists(st.sampled_from(every), unique=True)) if every else []
    return scan, [{"folder": f, "uid": u, "category": "mail-large"} for f, u in ticked]


@settings(max_examples=200, deadline=None)
@given(scans(), st.booleans())
def test_plan_keeps_a_copy_of_every_duplicate(case, duplicates):
    scan, selected = case
    plan = build_plan(scan, duplicates=duplicates, selected=selected)
    targets = [(a["folder"], a["uid"]) for a in plan["actions"]]
    assert len(targets) == len(set(targets))
    for d in scan["duplicates"]:
        copies = {(c["folder"], c["uid"]) for c in d["copies"]}
        assert copies - set(targets), "every copy of a duplicate planned"
    for a in plan["actions"]:
        if a["keep"]:
            assert (a["keep"]["folder"], a["keep"]["uid"]) not in set(targets)
    if duplicates:
        assert sum(1 for a in plan["actions"] if a["category"] == "mail-duplicates") == \
            sum(len(d["copies"]) - 1 for d in scan["duplicates"])

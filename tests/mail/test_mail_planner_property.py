"""The mail keep rule (core.mail.keep.KEEP_RULE) as a property over random mailboxes: folders
with every role (Trash/Junk/Drafts by special use or by name, a virtual \\All, a colleague's
shared folder, a folder without delete rights), copies flagged \\Deleted or \\Flagged, any
INTERNALDATE, any --keep choice and anything the user ticks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.mail.keep import KEEP_RULE, folder_role
from cleanup_desktop.core.run.plan import build_plan

# (name, special_use, namespace, cleanable)
FOLDERS = [
    ("INBOX", None, "personal", True),
    ("Archive", None, "personal", True),
    ("Été", None, "personal", True),
    ("Bin", "\\Trash", "personal", True),         # Trash by special use
    ("INBOX.Trash", None, "personal", True),      # Trash by name (Cyrus shape)
    ("Spam", None, "personal", True),             # Junk by name
    ("Junk", "\\Junk", "personal", True),
    ("Drafts", "\\Drafts", "personal", True),
    ("Virtual/All", "\\All", "personal", True),   # a virtual folder off Gmail
    ("shared/bob/Projects", None, "other", True),  # a colleague's folder added explicitly
    ("Team/News", None, "shared", True),
    ("ReadOnly", None, "personal", False),        # MYRIGHTS without t/e
]
NAMES = [f[0] for f in FOLDERS]
LIVE = {f[0] for f in FOLDERS if folder_role(f[0], f[1], False, f[2]) == "live"}
NOT_CLEANABLE = {f[0] for f in FOLDERS if not f[3]} | {"Virtual/All"}
T0 = datetime(2020, 1, 1, tzinfo=timezone.utc)


@st.composite
def mailboxes(draw):
    uid = iter(range(1, 10_000))
    groups = []
    for g in range(draw(st.integers(0, 6))):
        copies = []
        for _ in range(draw(st.integers(2, 5))):
            c = {"folder": draw(st.sampled_from(NAMES)), "uid": next(uid), "uidvalidity": 7,
                 "date": (T0 + timedelta(hours=draw(st.integers(0, 50)))).isoformat()}
            flags = draw(st.lists(st.sampled_from(["\\Deleted", "\\Flagged", "\\Seen"]), unique=True))
            if flags:
                c["flags"] = flags
            copies.append(c)
        groups.append({"key": f"<m{g}@x>", "size": draw(st.integers(1, 10**7)), "copies": copies})
    scan = {"schema": "cleanup-desktop/mail-scan/1", "account": "u@h", "gmail": False, "trash_folder": "Bin",
            "connection": {"kind": "imap", "host": "h", "port": 993, "user": "u", "security": "ssl"},
            "folders": [{"name": n, "special_use": su, "namespace": ns, "cleanable": ok} for n, su, ns, ok in FOLDERS],
            "duplicates": groups, "large_messages": [], "attachments": [], "old": [], "senders": []}
    every = [(c["folder"], c["uid"]) for d in groups for c in d["copies"]]
    ticked = draw(st.lists(st.sampled_from(every), unique=True)) if every else []
    keep = draw(st.sampled_from([[], ["newest"], ["oldest"], ["folder:Archive"], ["folder:Bin"],
                                 ["folder:Archive", "newest"]]))
    return scan, [{"folder": f, "uid": u, "category": "mail-large"} for f, u in ticked], keep


def _live(c) -> bool:
    return c["folder"] in LIVE and "\\Deleted" not in c.get("flags", ())


def _expected_keeper(copies, keep, ticked):
    live = [c for c in copies if _live(c)]

    def order(c):
        k = []
        for r in keep:
            if r.startswith("folder:"):
                k.append(c["folder"] != r[7:])
            elif r == "newest":
                k.append(-datetime.fromisoformat(c["date"]).timestamp())
            else:
                k.append(datetime.fromisoformat(c["date"]).timestamp())
        return (*k, c["folder"] != "INBOX", datetime.fromisoformat(c["date"]), "\\Flagged" not in c.get("flags", ()),
                c["folder"], c["uid"])

    live.sort(key=order)
    return next((c for c in live if (c["folder"], c["uid"]) not in ticked), live[0]) if live else None


@settings(max_examples=300, deadline=None)
@given(mailboxes(), st.booleans(), st.sampled_from(["trash", "delete"]))
def test_keep_rule_holds(case, duplicates, op):
    scan, selected, keep = case
    plan = build_plan(scan, duplicates=duplicates, selected=selected, keep=keep, op=op)
    targets = [(a["folder"], a["uid"]) for a in plan["actions"]]
    assert len(targets) == len(set(targets))
    planned = set(targets)
    ticked = {(s["folder"], s["uid"]) for s in selected}
    for d in scan["duplicates"]:
        copies = d["copies"]
        mine = [a for a in plan["actions"] if (a["folder"], a["uid"]) in {(c["folder"], c["uid"]) for c in copies}]
        keeper = _expected_keeper(copies, keep, ticked)
        if keeper is None:  # no live copy: nothing of the group is planned
            assert not mine, KEEP_RULE
            continue
        # a live copy always stays, and it is the one the rule names
        assert (keeper["folder"], keeper["uid"]) not in planned
        assert all(a["keep"] == {"folder": keeper["folder"], "uid": keeper["uid"]} for a in mine)
        for c in copies:
            ident = (c["folder"], c["uid"])
            may = (c is not keeper and "\\Flagged" not in c.get("flags", ()) and c["folder"] not in NOT_CLEANABLE
                   and not (op == "trash" and c["folder"] in ("Bin", "INBOX.Trash"))
                   and (duplicates or ident in ticked))
            assert (ident in planned) == may, (c, keeper)
    for a in plan["actions"]:  # never a \Flagged message, never in a virtual or read-only folder
        src = next(c for d in scan["duplicates"] for c in d["copies"] if (c["folder"], c["uid"]) == (a["folder"], a["uid"]))
        assert "\\Flagged" not in src.get("flags", ()) and a["folder"] not in NOT_CLEANABLE


def test_disk_keep_rules_are_refused_for_mail():
    scan = {"schema": "cleanup-desktop/mail-scan/1", "connection": {"kind": "imap", "host": "h", "user": "u"},
            "folders": [], "duplicates": []}
    import pytest
    from cleanup_desktop.core.run.plan import PlanError

    with pytest.raises(PlanError, match="folder:NAME, newest or oldest"):
        build_plan(scan, keep=["shortest-path"])


class _Contents:
    """A mailbox's content digests, as core.mail.confirm asks a backend for them."""

    bytes_downloaded = 0

    def __init__(self, digests: dict) -> None:
        self.digests = digests

    def content_digests(self, folder, items):
        return {uid: self.digests[(folder, uid)] for uid, _size in items if (folder, uid) in self.digests}


@st.composite
def stored_mailboxes(draw):
    """Random messages (some reusing a Message-ID or headers with other content), each stored in
    1-4 random folders with random flags."""
    from cleanup_desktop.core.mail.source import MessageSummary

    uid = iter(range(1, 10_000))
    records, digests = [], {}
    for n in range(draw(st.integers(1, 8))):
        mid = draw(st.sampled_from(["<a@x>", "<b@x>", None]))  # few ids: look-alikes happen
        size = draw(st.sampled_from([100, 200]))
        content = draw(st.sampled_from(["c1", "c2", "c3"]))
        for _ in range(draw(st.integers(1, 4))):
            folder = draw(st.sampled_from(NAMES))
            flags = tuple(draw(st.lists(st.sampled_from([b"\\Deleted", b"\\Flagged", b"\\Seen"]), unique=True)))
            u = next(uid)
            when = T0 + timedelta(hours=draw(st.integers(0, 50)))
            records.append(MessageSummary(folder=folder, uid=u, size=size, uidvalidity=7, internaldate=when,
                                          flags=flags, message_id=mid, from_="A <a@x>", subject="s"))
            digests[(folder, u)] = content
    return records, digests


@settings(max_examples=150, deadline=None)
@given(stored_mailboxes(), st.sampled_from([[], ["newest"], ["folder:Archive"]]))
def test_scan_then_plan_leaves_a_live_copy_of_every_distinct_message(mailbox, keep):
    """From the scan's records to the plan: whatever the mailbox, every distinct message (same key,
    size and content) that had a live copy still has one after the plan, and nothing else is lost."""
    from cleanup_desktop.core.mail.analysis import analyse, duplicate_key
    from cleanup_desktop.core.mail.confirm import confirm_duplicates

    records, digests = mailbox
    roles = {n: folder_role(n, su, False, ns) for n, su, ns, _ok in FOLDERS}
    found = analyse(records, roles=roles)
    groups, _stats = confirm_duplicates(_Contents(digests), found["duplicates"], 10**9, budget=10**9)
    scan = {"schema": "cleanup-desktop/mail-scan/1", "gmail": False, "trash_folder": "Bin",
            "connection": {"kind": "imap", "host": "h", "port": 993, "user": "u", "security": "ssl"},
            "folders": [{"name": n, "special_use": su, "namespace": ns, "cleanable": ok} for n, su, ns, ok in FOLDERS],
            "duplicates": groups, "large_messages": [], "attachments": [], "old": [], "senders": []}
    plan = build_plan(scan, keep=keep)
    gone = {(a["folder"], a["uid"]) for a in plan["actions"]}
    by_message: dict = {}
    for m in records:
        by_message.setdefault((duplicate_key(m), m.size, digests[(m.folder, m.uid)]), []).append(m)
    for copies in by_message.values():
        live = [m for m in copies if m.folder in LIVE and b"\\Deleted" not in m.flags]
        if live:
            assert any((m.folder, m.uid) not in gone for m in live), KEEP_RULE
    planned = [m for m in records if (m.folder, m.uid) in gone]
    assert not any(b"\\Flagged" in m.flags or m.folder in NOT_CLEANABLE for m in planned)
    for a in plan["actions"]:  # a removed copy has the same content as the copy that is kept
        assert digests[(a["folder"], a["uid"])] == digests[(a["keep"]["folder"], a["keep"]["uid"])]

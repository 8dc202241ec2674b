"""Confirm duplicate candidates by content: the one place where a scan reads message bodies.

A candidate group (same Message-ID or header hash, same size) is only a guess: one-time-code
notifications reuse IDs, cron mails share From/To/Date/Subject. Each backend digests the
content of the candidates only (``source.content_digests(folder, [(uid, size)])``):
- IMAP, messages up to SMALL_MAX bytes: the body (BODY.PEEK[TEXT]);
- larger ones: BODYSTRUCTURE (types, sizes, encodings, MD5 where given) plus the first and
  last EDGE bytes of every part (the whole part when it is not bigger than two edges).
Copies whose digests differ are split into separate groups; a copy left alone is no longer
a duplicate. The bytes read are counted on the socket and reported (``stats.confirm_bytes``).
The budget keeps the whole scan within SCAN_SHARE (2 %) of the mailbox: ``max(BUDGET_MIN,
SCAN_SHARE x mailbox bytes - what the scan already read)``; groups beyond it (the ones wasting
least are left for last) are reported as unconfirmed and never as duplicates.
"""

from __future__ import annotations

from typing import Optional

SMALL_MAX = 32 * 1024
EDGE = 16 * 1024
SCAN_SHARE = 0.02
BUDGET_MIN = 4 * 1024 * 1024


def budget_for(mailbox_bytes: int, already_read: int = 0) -> int:
    return max(BUDGET_MIN, int(mailbox_bytes * SCAN_SHARE) - already_read)


def estimated_cost(size: int) -> int:
    """Bytes a digest is expected to read for a message of ``size`` (estimate for the budget)."""
    return size if size <= SMALL_MAX else 4 * EDGE + 2048


def confirm_duplicates(source, groups: list[dict], mailbox_bytes: int,
                       budget: Optional[int] = None) -> tuple[list[dict], dict]:
    """Split candidate ``groups`` by content digest; returns (confirmed groups, stats)."""
    digests_of = getattr(source, "content_digests", None)
    if digests_of is None or not groups:
        return groups, {"confirm_bytes": 0, "unconfirmed_groups": 0, "split_groups": 0}
    budget = budget_for(mailbox_bytes, source.bytes_downloaded) if budget is None else budget
    planned, unconfirmed, spent = [], 0, 0
    for g in sorted(groups, key=lambda g: -g["wasted"]):
        cost = sum(estimated_cost(int(g["size"])) for _c in g["copies"])
        if spent + cost > budget:
            unconfirmed += 1
            continue
        spent += cost
        planned.append(g)
    by_folder: dict[str, dict] = {}
    for g in planned:
        for c in g["copies"]:
            by_folder.setdefault(c["folder"], {})[c["uid"]] = int(g["size"])
    before = source.bytes_downloaded
    digests: dict[tuple, str] = {}
    for folder, items in by_folder.items():
        for uid, digest in digests_of(folder, sorted(items.items(), key=lambda kv: str(kv[0]))).items():
            digests[(folder, uid)] = digest
    out, split = [], 0
    for g in planned:
        buckets: dict[str, list] = {}
        for c in g["copies"]:  # keeps the keep-rule order of the copies inside each bucket
            d = digests.get((c["folder"], c["uid"]))
            if d is not None:  # unreadable meanwhile: not a confirmed copy
                buckets.setdefault(d, []).append(dict(c, digest=d))
        if len(buckets) > 1:
            split += 1
        for copies in buckets.values():
            if len(copies) > 1:
                out.append(dict(g, copies=copies, wasted=int(g["size"]) * (len(copies) - 1)))
    out.sort(key=lambda d: (-d["wasted"], d["key"], d["copies"][0]["folder"]))
    return out, {"confirm_bytes": source.bytes_downloaded - before, "confirm_budget": budget,
                 "unconfirmed_groups": unconfirmed, "split_groups": split}

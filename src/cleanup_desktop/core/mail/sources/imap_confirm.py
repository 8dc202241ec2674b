"""IMAP content digests for duplicate candidates (see core.mail.confirm for the rule)."""

from __future__ import annotations

import hashlib
from typing import Optional, Sequence

from cleanup_desktop.core.mail.confirm import EDGE, SMALL_MAX
from imapclient.response_parser import parse_fetch_response

from cleanup_desktop.core.mail.sources.fetch_parse import read_tagged, send_command, send_fetch
from cleanup_desktop.core.mail.sources.imap_fetch import _UIDVALIDITY, uid_ranges


def leaf_parts(bs, part: str = "") -> list[tuple[str, int]]:
    """(part number, encoded size) of every leaf of a BODYSTRUCTURE."""
    if not isinstance(bs, (list, tuple)) or not bs:
        return []
    if isinstance(bs[0], (list, tuple)):
        children = bs[0] if isinstance(bs[0], list) else [x for x in bs if isinstance(x, tuple)]
        out = []
        for n, child in enumerate(children, 1):
            out += leaf_parts(child, f"{part}.{n}" if part else str(n))
        return out
    try:
        size = int(bs[6] or 0)
    except (IndexError, TypeError, ValueError):
        size = 0
    return [(part or "1", size)]


def part_items(parts: list[tuple[str, int]]) -> tuple[str, ...]:
    items = []
    for p, size in parts:
        if size <= 2 * EDGE:
            items.append(f"BODY.PEEK[{p}]")
        else:
            items += [f"BODY.PEEK[{p}]<0.{EDGE}>", f"BODY.PEEK[{p}]<{size - EDGE}.{EDGE}>"]
    return tuple(items)


def _answer_key(item: str) -> bytes:
    # BODY.PEEK[1]<0.16384> is answered as BODY[1]<0>
    text = item.replace("BODY.PEEK[", "BODY[")
    if "<" in text:
        text = text[:text.index("<")] + "<" + text[text.index("<") + 1:].split(".")[0] + ">"
    return text.encode()


# (account, folder, UIDVALIDITY, UID) -> digest. An IMAP message never changes under one UID of
# one UIDVALIDITY, so a rescan reads only the candidates it has not digested yet. In memory only.
_CACHE: dict[tuple, str] = {}
MAX_CACHE = 200_000


def content_digests(source, folder: str, items: list[tuple[int, int]], uidvalidity: Optional[int] = None,
                    account: Optional[str] = None) -> dict[int, str]:
    """{uid: digest} for ``items`` [(uid, size)] of ``folder`` (read-only, PEEK: no flag changes).
    With ``uidvalidity`` (this scan's STATUS) and ``account``, digests are remembered; without
    them (the clean step's re-check) everything is read again."""
    cached: dict[int, str] = {}
    if uidvalidity and account:
        cached = {u: _CACHE[(account, folder, uidvalidity, u)] for u, _s in items
                  if (account, folder, uidvalidity, u) in _CACHE}
        items = [(u, s) for u, s in items if u not in cached]
        if not items:
            return cached
    out = source._guard(_digests, source.client, folder, items, uidvalidity)
    if uidvalidity and account:
        if len(_CACHE) + len(out) > MAX_CACHE:
            _CACHE.clear()
        _CACHE.update({(account, folder, uidvalidity, u): d for u, d in out.items()})
    return {**cached, **out}


def _digests(c, folder: str, items: list[tuple[int, int]], uidvalidity: Optional[int]) -> dict[int, str]:
    """Three round trips per folder whatever the number of candidates: EXAMINE, the small
    bodies and the large messages' BODYSTRUCTUREs go out together, then every edge fetch
    (one per part layout) in one burst (pipelining, as the scan's folder reader)."""
    imap = c._imap
    out: dict[int, str] = {}
    small = [u for u, s in items if s <= SMALL_MAX]
    large = [u for u, s in items if s > SMALL_MAX]
    examine = send_command(imap, b"EXAMINE " + c._normalise_folder(folder))  # read-only
    t_small = send_fetch(imap, uid_ranges(small), ["BODY.PEEK[TEXT]"]) if small else None
    t_large = send_fetch(imap, uid_ranges(large), ["BODYSTRUCTURE"]) if large else None
    ok, text, other = read_tagged(imap, examine)
    same = ok and (not uidvalidity or any(
        (m := _UIDVALIDITY.search(line)) is not None and int(m.group(1)) == uidvalidity for line in other))
    # a server may run two FETCH commands of one folder at the same time and mix their
    # untagged answers (RFC 3501 5.5): both answers are read, then told apart by UID
    first = _read(imap, [t_small, t_large])
    small_data = {u: d for u, d in first.items() if u in small}
    structures = {u: d for u, d in first.items() if u in large}
    if not ok:
        raise c.Error(f"select failed: {text.decode('utf-8', 'replace')}")
    if not same:
        return {}  # the folder was recreated meanwhile: nothing of it is confirmed
    for uid, d in small_data.items():
        if uid in small:
            body = next((v for k, v in d.items() if k.startswith(b"BODY[TEXT]")), None)
            if body is not None:
                out[uid] = "t:" + hashlib.sha256(body).hexdigest()
    by_items: dict[tuple, list[int]] = {}
    shapes = {}
    for uid, d in structures.items():
        bs = d.get(b"BODYSTRUCTURE")
        if uid not in large or bs is None:
            continue
        shapes[uid] = repr(bs).encode()
        by_items.setdefault(part_items(leaf_parts(bs)), []).append(uid)
    tags = [send_fetch(imap, uid_ranges(uids), list(wanted)) for wanted, uids in by_items.items()]
    data = _read(imap, tags)  # the UID sets are disjoint: mixed answers are told apart by UID
    for wanted, uids in by_items.items():
        for uid in uids:
            d = data.get(uid)
            if d is None:
                continue
            h = hashlib.sha256(shapes[uid])
            for item in wanted:
                v = d.get(_answer_key(item))
                h.update(b"\0" + (v if isinstance(v, bytes) else b"\1NIL"))
            out[uid] = "s:" + h.hexdigest()
    return out


def _read(imap, tags: Sequence[Optional[bytes]]) -> dict:
    """The FETCH answers to ``tags`` (None: nothing asked), parsed together by imapclient: a
    command answered NO (messages gone) adds nothing."""
    data: list = []
    for tag in tags:
        if tag is not None:
            read_tagged(imap, tag, data.extend)
    return parse_fetch_response(data, False, True) if data else {}

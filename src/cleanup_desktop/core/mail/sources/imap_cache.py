"""Skipping unchanged folders on a rescan (CONDSTORE, RFC 7162).

A server with CONDSTORE gives every folder a HIGHESTMODSEQ that grows with any change in it
(new or removed message, changed flag). The scan asks for it with the folder list (STATUS);
when a folder has the same UIDVALIDITY, HIGHESTMODSEQ and message count as when it was last
read in this process, with the same attachment threshold, its summaries are reused and the
folder is not opened at all. The rule: a folder is reused only if the server says nothing
in it changed; anything else (no CONDSTORE, NOMODSEQ, a different value) reads it again.
The modseq kept is the one STATUS gave *before* the folder was read, so a change during the
read makes the next scan read it again.

The cache lives in memory for the life of the process (the desktop app's "scan again"
after a clean); nothing about the mail is written to disk. The command line scans once per
process and turns it off.
"""

from __future__ import annotations

import threading
from typing import Optional

from cleanup_desktop.core.mail.source import MessageSummary

_LOCK = threading.Lock()
_FOLDERS: dict[tuple, tuple] = {}  # (account, folder) -> (uidvalidity, modseq, min_size, summaries)
MAX_FOLDERS = 2000


def _key(account: str, folder: str) -> tuple:
    return (account, folder)


def _copies(summaries: list[MessageSummary]) -> list[MessageSummary]:
    """Copies that later steps may change without touching the kept ones: the same field
    values (strings, ints, tuples, datetimes: immutable) and a new attachment list; about
    0.1 s for 20,000 messages where deepcopy took 0.5 s."""
    out = []
    new = MessageSummary.__new__
    for m in summaries:
        c = new(MessageSummary)
        c.__dict__.update(m.__dict__)
        c.attachments = list(m.attachments)
        out.append(c)
    return out


def get(account: str, folder: str, uidvalidity: Optional[int], modseq: Optional[int], messages: int,
        min_size: int) -> Optional[list[MessageSummary]]:
    """The summaries read last time, if the folder provably did not change since."""
    if not uidvalidity or not modseq:
        return None
    with _LOCK:
        hit = _FOLDERS.get(_key(account, folder))
    if hit is None:
        return None
    c_uidvalidity, c_modseq, c_min, summaries = hit
    if (c_uidvalidity, c_modseq, c_min) != (uidvalidity, modseq, min_size) or len(summaries) != messages:
        return None
    return _copies(summaries)  # the caller's records may be changed by later steps


def put(account: str, folder: str, uidvalidity: Optional[int], modseq: Optional[int], min_size: int,
        summaries: list[MessageSummary]) -> None:
    if not uidvalidity or not modseq:
        return
    if any(m.uidvalidity != uidvalidity for m in summaries):
        return  # read under another UIDVALIDITY than STATUS said: not provably the same folder
    with _LOCK:
        if len(_FOLDERS) >= MAX_FOLDERS:
            _FOLDERS.clear()
        _FOLDERS[_key(account, folder)] = (uidvalidity, modseq, min_size, _copies(summaries))


def clear() -> None:
    with _LOCK:
        _FOLDERS.clear()

"""Reading many IMAP folders in few round trips (the scan's fetch loop).

Over a real network each command costs a round trip (30 ms office-to-cloud, 100 ms and more
further away), so the scan sends commands ahead instead of waiting for each answer
(pipelining, RFC 3501 section 5.5; both Dovecot and Cyrus answer in order):

- STATUS of every folder in one burst (``status_many``);
- per folder, ``EXAMINE`` (read-only) then one ``UID FETCH 1:* (items)``: no SEARCH, the
  answer is streamed and parsed in batches as it arrives; up to WINDOW folders are in flight
  per connection (small commands, so neither side can block the other); folders STATUS
  found empty are not opened;
- BODYSTRUCTURE only for messages at or above the attachment threshold (their size comes
  with the first fetch), asked in a second burst for all folders of the connection;
- with a pool of connections, folders are shared out (largest first) and read in parallel.

The rule: every message a folder held when its EXAMINE ran is reported once, with the
UIDVALIDITY of that EXAMINE; a folder whose EXAMINE fails is an error and nothing read after
it is attributed to it. Nothing is ever changed (EXAMINE, BODY.PEEK).
"""

from __future__ import annotations

import queue
import re
import socket
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Iterator, Optional

from imapclient.imap_utf7 import decode as decode_utf7
from imapclient.imapclient import _parse_quota
from imapclient.response_parser import parse_fetch_response, parse_response
from imapclient.util import to_unicode
from imapclient.imapclient import as_pairs

from cleanup_desktop.core.mail.errors import MailError, describe_exception
from cleanup_desktop.core.mail.sources.fetch_parse import parse_raw, read_tagged, send_command
from cleanup_desktop.core.messages import Reason, os_error

WINDOW = 8  # folders in flight per connection
STATUS_WINDOW = 64  # STATUS commands in flight

_UIDVALIDITY = re.compile(rb"\[UIDVALIDITY (\d+)\]", re.I)
_EXISTS = re.compile(rb"^\* (\d+) EXISTS", re.I)
_STATUS_ITEMS = re.compile(rb"\(([^()]*)\)\s*$")


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").strip()


def server_error(client, text: bytes) -> MailError:
    """A NO/BAD answer about one folder (deleted meanwhile, no rights...): not fatal."""
    return MailError(Reason("mail.other", where=f"{client.host}:{client.port}", error=os_error(_text(text))))


def status_items(caps) -> tuple[str, ...]:
    """MESSAGES, UIDVALIDITY, and HIGHESTMODSEQ where the server has CONDSTORE (imap_cache)."""
    return ("MESSAGES", "UIDVALIDITY") + (("HIGHESTMODSEQ",) if b"CONDSTORE" in caps else ())


def per_folder(client, names: list[str], command: bytes, suffix: bytes = b"") -> dict:
    """One command per folder (``COMMAND "name" SUFFIX``), pipelined with up to STATUS_WINDOW
    in flight: {name: (OK?, completion text, other untagged lines)}."""
    imap = client._imap
    out: dict = {}
    pending: deque = deque()
    todo = iter(names)

    def send_next() -> None:
        name = next(todo, None)
        if name is not None:
            pending.append((name, send_command(imap, command + b" " + client._normalise_folder(name) + suffix)))

    for _ in range(STATUS_WINDOW):
        send_next()
    while pending:
        name, tag = pending.popleft()
        out[name] = read_tagged(imap, tag)
        send_next()
    return out


def status_many(client, names: list[str], items: Optional[tuple[str, ...]] = None) -> dict:
    """STATUS of many folders, pipelined: {name: {b"MESSAGES": n, ...} or a MailError}."""
    items = items or status_items(client.capabilities())
    want = (" (" + " ".join(items) + ")").encode("ascii")
    out: dict = {}
    for name, (ok, text, other) in per_folder(client, names, b"STATUS", want).items():
        if not ok:
            out[name] = server_error(client, text)
            continue
        values: dict = {}
        for line in other:
            m = _STATUS_ITEMS.search(line) if line[:9].upper() == b"* STATUS " else None
            if m:
                words = m.group(1).split()
                values.update({words[i].upper(): int(words[i + 1]) for i in range(0, len(words) - 1, 2)
                               if words[i + 1].isdigit()})
        out[name] = values
    return out


def rights_many(client, names: list[str]) -> dict[str, Optional[str]]:
    """MYRIGHTS (RFC 4314) of many folders, pipelined: {name: rights, or None if refused}."""
    out: dict[str, Optional[str]] = {}
    for name, (ok, _answer, other) in per_folder(client, names, b"MYRIGHTS").items():
        lines = [line for line in other if line[:11].upper() == b"* MYRIGHTS "]
        out[name] = _text(lines[-1].rsplit(b" ", 1)[-1]).strip('"') if ok and lines else None
    return out


def list_with_status(client, quota: bool = False) -> tuple[list, dict, Optional[tuple]]:
    """LIST of every folder (special-use attributes asked for, RFC 6154) with, where the
    server has LIST-STATUS (RFC 5819), the STATUS of each in the same answer, and
    GETQUOTAROOT INBOX sent in the same burst when ``quota``: one round trip. Returns (imapclient's list_folders rows, {name: STATUS values},
    (quota roots, quotas) or None). Folders without a STATUS in the answer are missing from
    the dict (ask status_many)."""
    imap = client._imap
    qtag = imap._command("GETQUOTAROOT", '"INBOX"') if quota else None
    caps = client.capabilities()
    returns = []
    if b"LIST-STATUS" in caps or b"LIST-EXTENDED" in caps:  # RETURN needs extended LIST (RFC 5258)
        if b"SPECIAL-USE" in caps:  # with RETURN options a server sends \\Trash... only when asked
            returns.append("SPECIAL-USE")
        if b"LIST-STATUS" in caps:
            returns.append("STATUS (" + " ".join(status_items(caps)) + ")")
    args = ('""', '"*"') + (("RETURN", "(" + " ".join(returns) + ")") if returns else ())
    def send_list(*a):
        try:
            return imap._command_complete("LIST", imap._command("LIST", *a))
        except imap.error as exc:  # BAD
            return "BAD", [str(exc).encode()]

    typ, dat = send_list(*args)
    if typ != "OK" and returns:  # a server that advertises more than it does: plain LIST
        imap.untagged_responses.pop("STATUS", None)
        typ, dat = send_list('""', '"*"')
    client._checkok("list", typ, dat)
    typ, dat = imap._untagged_response(typ, dat, "LIST")
    rows = client._proc_folder_list(dat)
    status: dict = {}
    for raw in imap.untagged_responses.pop("STATUS", []):
        try:
            name, values = parse_response([raw] if isinstance(raw, bytes) else list(raw))
        except Exception:
            continue
        name = decode_utf7(name) if client.folder_encode else to_unicode(name)
        status[name] = dict(as_pairs(values))
    quotas = None
    if qtag is not None:
        typ, qdat = imap._command_complete("GETQUOTAROOT", qtag)
        qdat = imap.untagged_responses.pop("QUOTA", [])
        imap.untagged_responses.pop("QUOTAROOT", None)
        if typ == "OK":
            quotas = _parse_quota(qdat)
    return rows, status, quotas


@dataclass
class _Job:
    name: str
    messages: int
    events: queue.Queue = field(default_factory=queue.Queue)
    big: list[int] = field(default_factory=list)
    uidvalidity: Optional[int] = None
    closed: bool = False

    def put(self, *event) -> None:
        if not self.closed:
            self.events.put(event)
            self.closed = event[0] in ("end", "error")


class FolderReader:
    """Reads folders over logged-in connections, one thread per connection.

    ``start(folders)`` sends the commands; ``events(name)`` yields, in order:
    ("examined", uidvalidity, exists), ("data", {uid: fetch dict}) per batch,
    ("structures", {uid: fetch dict}) when some messages are at or above ``min_size``,
    then ("end",) or ("error", MailError).
    """

    def __init__(self, clients: list, items: list[str], batch: int, min_size: int, host: str, port: int,
                 window: Optional[int] = None) -> None:
        self.clients = clients
        self.items = ("(" + " ".join(items) + ")").encode("ascii")
        self.batch = max(1, batch)
        self.min_size = min_size
        self.where = (host, port)
        self.window = max(1, window or WINDOW)
        self.jobs: dict[str, _Job] = {}
        self.client_of: dict = {}
        self.threads: list[threading.Thread] = []
        self._stopping = False

    def start(self, folders: list[tuple[str, int]]) -> None:
        """``folders``: (name, messages per STATUS), in the order they will be read."""
        shares: list[list[_Job]] = [[] for _ in self.clients]
        load = [0] * len(self.clients)
        jobs = [_Job(name, n) for name, n in folders if name not in self.jobs]
        for job in sorted(jobs, key=lambda j: -j.messages):  # largest first to the least loaded
            i = min(range(len(load)), key=lambda k: (load[k], k))
            shares[i].append(job)
            load[i] += job.messages + 1
        order = {job.name: n for n, job in enumerate(jobs)}
        for client, share in zip(self.clients, shares):
            share.sort(key=lambda j: order[j.name])  # the scan's order, so its first folder comes first
            for job in share:
                self.jobs[job.name] = job
                self.client_of[job.name] = client
            if share:
                t = threading.Thread(target=self._work, args=(client, share), daemon=True,
                                     name="imap-fetch")
                self.threads.append(t)
                t.start()

    def events(self, name: str) -> Iterator[tuple]:
        job = self.jobs[name]
        while True:
            event = job.events.get()
            yield event
            if event[0] in ("end", "error"):
                return

    def stop(self) -> bool:
        """Stop the workers (a cancelled scan: unread answers are dropped with the
        connection). Returns True when every worker had finished on its own."""
        clean = all(not t.is_alive() for t in self.threads)
        if not clean:
            self._stopping = True
            for c in self.clients:
                try:
                    c.socket().shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        for t in self.threads:
            t.join(10)
        return clean

    # -- worker side ---------------------------------------------------------------------
    def _work(self, client, jobs: list[_Job]) -> None:
        for job in jobs:
            if job.messages <= 0:  # STATUS said empty: nothing to open
                job.put("examined", None, 0)
                job.put("end")
        try:
            self._pipeline(client, [j for j in jobs if j.messages > 0])
        except Exception as exc:  # the connection is gone: every unfinished folder says why
            if self._stopping:
                err = MailError(Reason("mail.scan-stopped"), "cancelled")
            elif isinstance(exc, MailError):
                err = exc
            else:
                err = describe_exception(exc, *self.where)
            for job in jobs:
                job.put("error", err)

    def _pipeline(self, client, jobs: list[_Job]) -> None:
        """Up to ``window`` folders in flight. As soon as a folder's main answer is read, its
        BODYSTRUCTURE request (if any) goes out first: it costs no extra round trip except
        for the last folders."""
        imap = client._imap
        todo = deque(jobs)
        structures: deque = deque()
        pending: deque = deque()

        def send_next() -> None:
            if structures:
                job = structures.popleft()
                unit = (job, self._structure_commands(client, job), self._read_structures)
            elif todo:
                job = todo.popleft()
                unit = (job, self._main_commands(client, job), self._read_main)
            else:
                return
            pending.append((unit[0], [send_command(imap, c) for c in unit[1]], unit[2]))

        for _ in range(self.window):
            send_next()
        while pending:
            job, tags, read = pending.popleft()
            read(imap, job, tags)
            if read == self._read_main and job.big and not job.closed:
                structures.append(job)
            send_next()

    def _main_commands(self, client, job: _Job) -> list[bytes]:
        return [b"EXAMINE " + client._normalise_folder(job.name), b"UID FETCH 1:* " + self.items]

    def _structure_commands(self, client, job: _Job) -> list[bytes]:
        return [b"EXAMINE " + client._normalise_folder(job.name),
                b"UID FETCH " + uid_ranges(job.big).encode("ascii") + b" (BODYSTRUCTURE)"]

    def _examine(self, imap, job: _Job, tag: bytes) -> tuple[bool, Optional[int], int, bytes]:
        ok, text, other = read_tagged(imap, tag)
        uidvalidity, exists = None, 0
        for line in other:
            if (m := _UIDVALIDITY.search(line)) is not None:
                uidvalidity = int(m.group(1))
            elif (m := _EXISTS.match(line)) is not None:
                exists = int(m.group(1))
        return ok, uidvalidity, exists, text

    def _read_main(self, imap, job: _Job, tags: list[bytes]) -> None:
        ok, uidvalidity, exists, text = self._examine(imap, job, tags[0])
        if ok:
            job.uidvalidity = uidvalidity
            job.put("examined", uidvalidity, exists)
        pending: list = []
        count = 0

        def on_fetch(items: list) -> None:
            nonlocal count
            if not ok:
                return  # whatever a server answers after a failed EXAMINE is not this folder's
            pending.extend(items)
            count += 1
            if count >= self.batch:
                flush()

        def flush() -> None:
            nonlocal pending, count
            if not pending:
                return
            data = parse_raw(pending)
            pending, count = [], 0
            if self.min_size > 0:
                job.big.extend(u for u, d in data.items() if int(d.get(b"RFC822.SIZE") or 0) >= self.min_size)
            job.put("data", data)

        fetched, ftext, _other = read_tagged(imap, tags[1], on_fetch)
        if not ok:
            job.put("error", server_error(self.client_of[job.name], text))
            return
        if not fetched and exists:
            job.put("error", server_error(self.client_of[job.name], ftext))
            return
        flush()
        if not job.big:
            job.put("end")

    def _read_structures(self, imap, job: _Job, tags: list[bytes]) -> None:
        ok, uidvalidity, _exists, _text_ = self._examine(imap, job, tags[0])
        data: list = []
        fetched, _t, _o = read_tagged(imap, tags[1], data.extend)
        structures = {}
        if ok and fetched and uidvalidity == job.uidvalidity:  # else: reported without attachments
            try:
                structures = parse_fetch_response(data, False, True)
            except Exception:  # an odd structure from broken MIME: keep the messages
                structures = {}
        job.put("structures", structures)
        job.put("end")


def uid_ranges(uids: list[int]) -> str:
    """Compact UID set: 1:5,7,9:12."""
    uids = sorted(uids)
    parts = []
    i = 0
    while i < len(uids):
        j = i
        while j + 1 < len(uids) and uids[j + 1] == uids[j] + 1:
            j += 1
        parts.append(str(uids[i]) if i == j else f"{uids[i]}:{uids[j]}")
        i = j + 1
    return ",".join(parts)

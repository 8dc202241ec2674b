"""Clean an IMAP mailbox safely: re-verify, move to Trash (or delete), verify, recover.

One folder at a time, in batches of UIDs:
1. SELECT the folder; UIDVALIDITY must equal the scan's, else the whole folder is skipped.
2. Each message must still be there with the scanned size and key (Message-ID or header
   hash, fetched with BODY.PEEK); a duplicate's kept copy must still exist with the same key.
3. Move to Trash (SPECIAL-USE \\Trash, else a usual name) with UID MOVE, or UID COPY + UID
   STORE \\Deleted + UID EXPUNGE of exactly those UIDs (UIDPLUS); permanent delete = STORE +
   UID EXPUNGE. Never a plain EXPUNGE.
4. Verify: the UIDs are gone from the folder and (trash) a matching copy is in Trash.
A connection cut mid-batch: reconnect, look at what the server did (still in the folder?
already copied to Trash?), finish only the rest. Nothing lost, nothing done twice. The loop
that does this is the one every mail cleaner shares (core.mail.clean.retry).
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Optional, cast

from cleanup_desktop.core.mail.analysis import duplicate_key
from cleanup_desktop.core.mail import credentials as _credentials
from cleanup_desktop.core.mail.clean.retry import Outcome, Outcomes, retry_on_cut
from cleanup_desktop.core.mail.errors import ConnectionLost, MailError, describe_exception
from cleanup_desktop.core.mail.sources.imap import Credentials, ImapSettings, close, connect
from cleanup_desktop.core.mail.sources.fetch_parse import fetch_uidset
from cleanup_desktop.core.mail.sources.imap_scan import (SPECIAL_USE, _s, can_delete, folder_namespaces, my_rights,
                                                 namespace_of, parse_header_block, uid_ranges)
from cleanup_desktop.core.mail.keep import folder_role
from cleanup_desktop.core.mail.source import MessageSummary
from cleanup_desktop.core.messages import Reason, reason_of

KEY_ITEM = "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID FROM TO DATE SUBJECT)]"
TRASH_NAMES = ("Trash", "Deleted Items", "Deleted Messages", "[Gmail]/Trash", "[Google Mail]/Trash",
               "INBOX.Trash", "INBOX/Trash", "Corbeille", "Éléments supprimés", "Papierkorb", "Papelera")


class MailSkip(Exception):
    """A message left alone for safety (reason shown to the user)."""


def settings_from_account(account: dict) -> ImapSettings:
    return ImapSettings(host=account["host"], user=account["user"], port=account.get("port"),
                        security=account.get("security", "ssl"),
                        trust_fingerprint=account.get("trust_fingerprint"), cafile=account.get("cafile"))


def account_key(account: dict) -> tuple:
    return (account.get("kind"), account.get("host"), account.get("port"), account.get("user"))


def _key_of(data: dict) -> str:
    raw = b""
    for k, v in data.items():
        if isinstance(k, bytes) and k.startswith(b"BODY[HEADER"):
            raw = v or b""
    h = parse_header_block(raw)
    return duplicate_key(MessageSummary("", 0, 0, message_id=h.get("message-id"), from_=h.get("from", ""),
                                        to=h.get("to", ""), date_header=h.get("date", ""),
                                        subject=h.get("subject", "")))


class ImapCleaner:
    """Batched, verified, resumable clean of one IMAP account."""

    def __init__(self, settings: ImapSettings, credentials: Credentials,
                 use_move: Optional[bool] = None) -> None:
        self.settings = settings
        self.credentials = credentials
        self.use_move = use_move  # None: MOVE when the server offers it
        self.client: Any = None  # an IMAPClient once connected
        self.caps: set = set()
        self._trash: Optional[str] = None
        self._roles: Optional[dict[str, str]] = None
        self.claimed: set[tuple[str, int]] = set()  # Trash UIDs this run already accounted for
        self.reconnects = 0

    # -- connection -----------------------------------------------------------------------
    def _connect(self):
        if self.client is None:
            self.client = connect(self.settings, self.credentials)
            self.caps = set(self.client.capabilities())
        return self.client

    def _drop(self) -> None:
        if self.client is not None:
            try:
                self.client.shutdown()
            except Exception:
                pass
        self.client = None

    def close(self) -> None:
        close(self.client)
        self.client = None

    def _call(self, fn, *args):
        try:
            return fn(*args)
        except MailError:
            raise
        except Exception as exc:
            err = describe_exception(exc, self.settings.host, self.settings.effective_port)
            if isinstance(err, ConnectionLost):
                self._drop()
            raise err from None

    _guard = _call  # the name imap_confirm.content_digests uses

    def trash_folder(self) -> Optional[str]:
        if self._trash is None:
            c = self._connect()
            rows = self._call(c.list_folders)
            names = [_s(n) for _f, _d, n in rows]
            special = [_s(n) for f, _d, n in rows if b"\\Trash" in f]
            if special:
                self._trash = special[0]
            else:
                lower = {n.lower(): n for n in names}
                self._trash = next((lower[t.lower()] for t in TRASH_NAMES if t.lower() in lower), None)
            spaces = folder_namespaces(c, self.caps)
            gmail = b"X-GM-EXT-1" in self.caps
            self._roles = {}
            for f, _d, n in rows:
                special_use = next((_s(x) for x in f if x in SPECIAL_USE), None)
                self._roles[_s(n)] = folder_role(_s(n), special_use, gmail, namespace_of(_s(n), spaces))
        return self._trash

    def role(self, folder: str) -> str:
        self.trash_folder()
        return (self._roles or {}).get(folder, "gone")

    def refusal(self, folder: str, permanent: bool) -> Optional[str]:
        """Why this server/folder cannot be cleaned safely (None: it can), checked before any change
        and in the dry run too."""
        c = self._connect()
        if b"UIDPLUS" not in self.caps and (permanent or b"MOVE" not in self.caps or self.use_move is False):
            return Reason("mail.no-move-no-uidplus" if not permanent else "mail.no-uidplus")
        if b"ACL" in self.caps:
            rights = my_rights(c, folder)
            if rights is None or not can_delete(rights):
                return Reason("mail.no-delete-right", folder=folder, rights=rights or "none")
        return None

    # -- reading --------------------------------------------------------------------------
    def _select(self, folder: str, readonly: bool) -> int:
        sel = self._call(self._connect().select_folder, folder, readonly)
        return int(sel.get(b"UIDVALIDITY", 0))

    def _fetch_keys(self, uids) -> dict[int, tuple[str, int, tuple]]:
        if not uids:
            return {}
        data = self._call(fetch_uidset, self.client, uid_ranges(list(uids)), ["UID", "RFC822.SIZE", "FLAGS", KEY_ITEM])
        return {uid: (_key_of(d), int(d.get(b"RFC822.SIZE") or 0), tuple(d.get(b"FLAGS", ())))
                for uid, d in data.items()}

    def _present(self, uids) -> set[int]:
        if not uids:
            return set()
        return set(self._call(self.client.search, ["UID", uid_ranges(list(uids))]))

    def _trash_since(self, trash: str, uidnext: int) -> dict[int, tuple[str, int, tuple]]:
        self._select(trash, True)
        uids = self._call(self.client.search, ["UID", f"{uidnext}:*"])
        uids = [u for u in uids if u >= uidnext]
        return self._fetch_keys(uids)

    def _uidnext(self, folder: str) -> int:
        st = self._call(self._connect().folder_status, folder, [b"UIDNEXT", b"UIDVALIDITY"])
        return int(st[b"UIDNEXT"])

    # -- acting ---------------------------------------------------------------------------
    def _expunge_exactly(self, uids: list[int]) -> None:
        """STORE \\Deleted + UID EXPUNGE of exactly ``uids`` (needs UIDPLUS: checked by refusal());
        if the expunge fails, our \\Deleted flags are removed again before anything else."""
        c = self.client
        if b"UIDPLUS" not in self.caps:
            raise MailError(Reason("mail.no-uidplus-flag"), "unsupported")
        self._call(c.add_flags, uids, [b"\\Deleted"], True)
        try:
            self._call(c.uid_expunge, uids)
        except ConnectionLost:
            raise  # the retry looks at the server's state (copied? flagged?) and finishes
        except MailError:
            self._call(c.remove_flags, uids, [b"\\Deleted"], True)
            raise

    def _move(self, uids: list[int], trash: str) -> None:
        use_move = self.use_move if self.use_move is not None else b"MOVE" in self.caps
        if use_move or b"UIDPLUS" not in self.caps:  # without UIDPLUS: MOVE only (refusal() checked it)
            self._call(self.client.move, uids, trash)
        else:
            self._call(self.client.copy, uids, trash)
            self._expunge_exactly(uids)

    def run_batch(self, folder: str, actions: list[dict], permanent: bool = False,
                  dry_run: bool = False) -> dict[str, Outcome]:
        """Act on ``actions`` (all in ``folder``); returns action id -> Outcome."""
        return retry_on_cut(actions, lambda todo, out: self._batch_once(folder, todo, permanent, dry_run, out),
                            self._after_cut)

    def _after_cut(self) -> None:
        self._drop()
        self.reconnects += 1  # _copied_before_cut then looks for copies a cut COPY left in Trash

    def _batch_once(self, folder: str, actions: list[dict], permanent: bool, dry_run: bool,
                    out: dict[str, Outcome]) -> None:
        todo = [a for a in actions if a["id"] not in out]
        if not todo:
            return
        trash = None if permanent else self.trash_folder()
        if not permanent:
            if trash is None:
                for a in todo:
                    out[a["id"]] = Outcome(False, reason=Reason("mail.no-trash"))
                return
            if folder == trash:
                for a in todo:
                    out[a["id"]] = Outcome(False, reason=Reason("mail.already-in-trash"))
                return
        why = self.refusal(folder, permanent)
        if why:
            for a in todo:
                out[a["id"]] = Outcome(False, reason=why)
            return
        # keep copies first (may be in other folders)
        self._check_keeps(todo, out)
        todo = [a for a in todo if a["id"] not in out]
        if not todo:
            return
        self._check_content(folder, todo, out)
        todo = [a for a in todo if a["id"] not in out]
        if not todo:
            return
        state = self._pending_state(folder, trash)
        uidvalidity = self._select(folder, dry_run)
        for a in todo:
            if a.get("uidvalidity") and int(a["uidvalidity"]) != uidvalidity:
                out[a["id"]] = Outcome(False, reason=Reason("mail.uidvalidity", folder=folder))
        todo = [a for a in todo if a["id"] not in out]
        info = self._fetch_keys([int(a["uid"]) for a in todo])
        ready, missing = [], []
        for a in todo:
            got = info.get(int(a["uid"]))
            if got is None:
                missing.append(a)
            elif got[1] != int(a["size"]) or (a.get("key") and got[0] != a["key"]):
                out[a["id"]] = Outcome(False, reason=Reason("mail.changed"))
            elif b"\\Flagged" in got[2] and a.get("category") == "mail-duplicates":
                out[a["id"]] = Outcome(False, reason=Reason("mail.flagged"))
            else:
                ready.append(a if a.get("key") else dict(a, key=got[0]))
        if missing:
            self._resolve_missing(missing, trash, state, out)
            self._select(folder, dry_run)
        if dry_run:
            for a in ready:
                out[a["id"]] = Outcome(True, self._result(a, permanent, trash, None, dry_run=True))
            return
        if not ready:
            return
        uids = [int(a["uid"]) for a in ready]
        labels = self.gmail_labels(uids)  # Gmail: recorded in the journal, undo puts them back
        ready = [dict(a, labels=labels[int(a["uid"])]) if int(a["uid"]) in labels else a for a in ready]
        if permanent:
            if state is None:
                state = self._state = {"folder": folder, "trash": None, "uidnext": None, "copied": set()}
            self._expunge_exactly(uids)
        else:
            if state is None:
                state = {"folder": folder, "trash": trash, "uidnext": self._uidnext(cast(str, trash)), "copied": set()}
                self._select(folder, False)
                self._state = state
            already = self._copied_before_cut(ready, state)
            rest = [u for u in uids if u not in already]
            if already:
                self._expunge_exactly(sorted(already))
            if rest:
                self._move(rest, cast(str, trash))  # not permanent: the caller found the Trash
        self._verify(folder, ready, permanent, trash, state, out)
        self._state = None

    _state: Optional[dict] = None

    def _pending_state(self, folder: str, trash: Optional[str]) -> Optional[dict]:
        st = self._state
        return st if st and st["folder"] == folder and st["trash"] == trash else None

    def _copied_before_cut(self, ready: list[dict], state: dict) -> set[int]:
        """UIDs still in the folder whose copy already reached Trash before a cut (COPY path)."""
        if not self.reconnects:
            return set()
        folder = state["folder"]
        in_trash = Counter((k, s) for k, s, _f in self._trash_since(state["trash"], state["uidnext"]).values())
        self._select(folder, False)
        flags = self._fetch_keys([int(a["uid"]) for a in ready])
        done = set()
        for a in ready:
            k = (flags[int(a["uid"])][0], int(a["size"]))
            if in_trash[k] > 0 and b"\\Deleted" in flags[int(a["uid"])][2]:
                in_trash[k] -= 1
                done.add(int(a["uid"]))
        return done

    def _check_keeps(self, todo: list[dict], out: dict[str, Outcome]) -> None:
        by_folder: dict[str, list[dict]] = {}
        for a in todo:
            keep = a.get("keep")
            if keep:
                by_folder.setdefault(keep["folder"], []).append(a)
        for kfolder, acts in by_folder.items():
            role = self.role(kfolder)
            if role == "gone":
                for a in acts:
                    out[a["id"]] = Outcome(False, reason=Reason("mail.keep-folder-gone", folder=kfolder))
                continue
            if role != "live":
                for a in acts:
                    out[a["id"]] = Outcome(False, reason=Reason("mail.keep-not-keeping-folder", folder=kfolder))
                continue
            try:
                self._select(kfolder, True)
            except MailError as exc:
                if isinstance(exc, ConnectionLost):
                    raise
                for a in acts:
                    out[a["id"]] = Outcome(False, reason=Reason("mail.keep-unreadable", folder=kfolder))
                continue
            info = self._fetch_keys([int(a["keep"]["uid"]) for a in acts])
            for a in acts:
                got = info.get(int(a["keep"]["uid"]))
                if got is None or (a.get("key") and got[0] != a["key"]) or got[1] != int(a["size"]) \
                        or b"\\Deleted" in got[2]:
                    out[a["id"]] = Outcome(False, reason=Reason("mail.keep-gone-imap"))

    def _check_content(self, folder: str, todo: list[dict], out: dict[str, Outcome]) -> None:
        """Duplicates planned with a content digest: the message and its kept copy must still have
        the digest the scan confirmed (same bytes read the same way, PEEK only)."""
        from cleanup_desktop.core.mail.sources.imap_confirm import content_digests

        mine = [a for a in todo if a.get("digest") and (a.get("keep") or {}).get("digest")]
        if not mine:
            return
        got = content_digests(self, folder, [(int(a["uid"]), int(a["size"])) for a in mine])
        keeps: dict[str, dict] = {}
        for a in mine:
            keeps.setdefault(a["keep"]["folder"], {})[int(a["keep"]["uid"])] = int(a["size"])
        kept = {(f, u): d for f, items in keeps.items()
                for u, d in content_digests(self, f, sorted(items.items())).items()}
        for a in mine:
            if int(a["uid"]) not in got:
                continue  # gone from the folder: handled with the other missing messages
            if got[int(a["uid"])] != a["digest"]:
                out[a["id"]] = Outcome(False, reason=Reason("mail.content-changed"))
            elif kept.get((a["keep"]["folder"], int(a["keep"]["uid"]))) != a["keep"]["digest"]:
                out[a["id"]] = Outcome(False, reason=Reason("mail.keep-content-changed"))

    def _claim(self, trash: str, pool: dict, k: tuple) -> Optional[int]:
        """First Trash UID with key/size ``k`` not yet claimed by this run (each counted once)."""
        uids = pool.get(k) or []
        while uids:
            u = uids.pop(0)
            if (trash, u) not in self.claimed:
                self.claimed.add((trash, u))
                return u
        return None

    def _resolve_missing(self, missing: list[dict], trash: Optional[str], state: Optional[dict],
                         out: dict[str, Outcome]) -> None:
        """Messages gone from the folder: done by us before a cut (found in Trash) or gone elsewhere."""
        if trash is not None and state is not None:
            found = self._trash_since(trash, state["uidnext"])
            pool: dict = {}
            for uid, (k, s, _f) in found.items():
                pool.setdefault((k, s), []).append(uid)
            for a in missing:
                tuid = self._claim(trash, pool, (a.get("key"), int(a["size"])))
                if tuid is not None:
                    out[a["id"]] = Outcome(True, self._result(a, False, trash, tuid))
        if trash is not None and state is None:
            self._find_in_trash_by_id(trash, [a for a in missing if a["id"] not in out], out)
        for a in missing:
            if a["id"] not in out:
                if state is not None and trash is None:  # permanent delete before a cut
                    out[a["id"]] = Outcome(True, self._result(a, True, None, None))
                else:
                    out[a["id"]] = Outcome(False, reason=Reason("mail.gone"))

    def _find_in_trash_by_id(self, trash: str, missing: list[dict], out: dict[str, Outcome]) -> None:
        """After a crash (no state from this process): a message gone from its folder whose
        Message-ID and size are in Trash was moved there by the interrupted run."""
        with_id = [a for a in missing if a.get("key") and not str(a["key"]).startswith("hash:")]
        if not with_id:
            return
        self._select(trash, True)
        for a in with_id:
            uids = self._call(self.client.search, ["HEADER", "Message-ID", a["key"]])
            info = self._fetch_keys([u for u in uids if (trash, u) not in self.claimed])
            match = next((u for u, (k, sz, _f) in sorted(info.items()) if k == a["key"] and sz == int(a["size"])), None)
            if match is not None:
                self.claimed.add((trash, match))
                r = self._result(a, False, trash, match)
                r["recovered"] = True
                out[a["id"]] = Outcome(True, r)

    def _verify(self, folder: str, ready: list[dict], permanent: bool, trash: Optional[str],
                state: Optional[dict], out: dict[str, Outcome]) -> None:
        self._select(folder, True)
        still = self._present([int(a["uid"]) for a in ready])
        pool: dict = {}
        if not permanent:
            for uid, (k, s, _f) in sorted(self._trash_since(cast(str, trash), cast(dict, state)["uidnext"]).items()):
                pool.setdefault((k, s), []).append(uid)
        for a in ready:
            if int(a["uid"]) in still:
                out[a["id"]] = Outcome(False, reason=Reason("mail.not-removed"))
                continue
            if permanent:
                out[a["id"]] = Outcome(True, self._result(a, True, None, None))
                continue
            tuid = self._claim(cast(str, trash), pool, (a.get("key"), int(a["size"])))
            if tuid is None:
                out[a["id"]] = Outcome(False, reason=Reason("mail.not-in-trash-after", folder=trash))
                continue
            out[a["id"]] = Outcome(True, self._result(a, False, trash, tuid))

    def _result(self, a: dict, permanent: bool, trash: Optional[str], trash_uid: Optional[int],
                dry_run: bool = False) -> dict:
        size = int(a["size"])
        if permanent:
            r = {"op": "mail-delete", "size": size, "freed": size, "trashed": 0}
        else:
            r = {"op": "mail-trash", "size": size, "freed": 0, "trashed": size, "trash_folder": trash,
                 "trash_uid": trash_uid}
            if a.get("labels"):
                r["labels"] = list(a["labels"])
        if dry_run:
            r["dry_run"] = True
        return r

    # -- emptying what we moved -----------------------------------------------------------
    def empty_from_trash(self, items: list[dict]) -> dict[str, Outcome]:
        """Remove for good the messages this app moved to Trash. ``items``: {"id", "trash_folder",
        "trash_uid", "key", "size"} (from journal results); each is re-verified first."""
        out = Outcomes()
        by_folder: dict[str, list[dict]] = {}
        for it in items:
            by_folder.setdefault(it["trash_folder"], []).append(it)
        for folder, its in by_folder.items():
            def step(todo: list[dict], out: Outcomes, folder: str = folder) -> None:
                self._empty_once(folder, todo, out)

            retry_on_cut(its, step, self._drop, out)
        return out

    def _empty_once(self, folder: str, todo: list[dict], out: Outcomes) -> None:
        self._select(folder, False)
        info = self._fetch_keys([int(i["trash_uid"]) for i in todo])
        ok = []
        for i in todo:
            got = info.get(int(i["trash_uid"]))
            if got is None:
                out[i["id"]] = Outcome(True, {"freed": int(i["size"]), "note": "already gone from Trash"})
            elif got[0] != i.get("key") or got[1] != int(i["size"]):
                out[i["id"]] = Outcome(False, reason=Reason("mail.not-ours"))
            else:
                ok.append(i)
        if ok:
            self._expunge_exactly([int(i["trash_uid"]) for i in ok])
            still = self._present([int(i["trash_uid"]) for i in ok])
            for i in ok:
                out[i["id"]] = (Outcome(False, reason=Reason("mail.kept-in-trash"))
                                if int(i["trash_uid"]) in still else
                                Outcome(True, {"freed": int(i["size"])}))

    def restore_from_trash(self, items: list[dict],
                           on_item: Optional[Callable[[str, Outcome], None]] = None) -> dict[str, Outcome]:
        """Move back to their folder the messages this app moved to Trash (undo). ``items``:
        {"id", "trash_folder", "trash_uid", "key", "size", "folder"[, "labels"]}; each is
        re-verified in Trash first and found in its folder afterwards (also after a cut mid-move).
        Each outcome is handed to ``on_item`` as soon as it is known (the caller journals it); a
        folder that fails only fails its own items. On Gmail the recorded labels are put back."""
        out = Outcomes()
        groups: dict[tuple, list[dict]] = {}
        for it in items:
            groups.setdefault((it["trash_folder"], it["folder"]), []).append(it)

        def settle(i: dict, o: Outcome) -> None:
            out[i["id"]] = o
            if on_item is not None:
                on_item(i["id"], o)

        for (trash, dest), its in groups.items():
            try:
                self._restore_group(trash, dest, its, out, settle)
            except MailError as exc:
                for i in its:
                    if i["id"] not in out:
                        settle(i, Outcome(False, reason=Reason("mail.move-back-failed", folder=dest, error=reason_of(exc))))
        return out

    def _restore_group(self, trash: str, dest: str, its: list[dict], out: Outcomes, settle) -> None:
        uidnext: Optional[int] = None  # taken once, before the first move: a retry finds moves cut short

        def step(todo: list[dict], _out: Outcomes) -> None:
            nonlocal uidnext
            if uidnext is None:
                uidnext = self._uidnext(dest)
            self._select(trash, False)
            info = self._fetch_keys([int(i["trash_uid"]) for i in todo])
            ok, gone = [], []
            for i in todo:
                got = info.get(int(i["trash_uid"]))
                if got is None:
                    gone.append(i)
                elif got[0] != i.get("key") or got[1] != int(i["size"]):
                    settle(i, Outcome(False, reason=Reason("mail.not-ours")))
                else:
                    ok.append(i)
            if ok:
                if b"MOVE" not in self.caps and b"UIDPLUS" not in self.caps:
                    raise MailError(Reason("mail.no-move-no-uidplus-short"), "unsupported")
                self._move([int(i["trash_uid"]) for i in ok], dest)
            pool: dict = {}
            for uid, (k, sz, _f) in sorted(self._trash_since(dest, uidnext).items()):
                pool.setdefault((k, sz), []).append(uid)
            for i in ok + gone:
                uids = pool.get((i.get("key"), int(i["size"])))
                if uids:
                    uid = uids.pop(0)
                    self._relabel(dest, uid, i.get("labels"))
                    settle(i, Outcome(True, {"folder": dest, "uid": uid}))
                else:
                    settle(i, Outcome(False, reason=Reason("mail.gone-from-trash", folder=trash)
                                      if i in gone else Reason("mail.not-in-trash-after", folder=dest)))

        retry_on_cut(its, step, self._drop, out)

    def _relabel(self, folder: str, uid: int, labels: Optional[list]) -> None:
        """Gmail: put back the labels the message had when it was moved (from the journal)."""
        if not labels or b"X-GM-EXT-1" not in self.caps:
            return
        keep = [lb for lb in labels if lb != folder and not str(lb).startswith("\\Trash")]
        if keep:
            self._select(folder, False)
            self._call(self.client.add_gmail_labels, [uid], keep, True)

    def gmail_labels(self, uids: list[int]) -> dict[int, list[str]]:
        """X-GM-LABELS of ``uids`` in the selected folder (recorded in the journal before a move)."""
        if not uids or b"X-GM-EXT-1" not in self.caps:
            return {}
        got = self._call(self.client.get_gmail_labels, uids)
        return {u: [_s(x) for x in v] for u, v in got.items()}


def provider_note(account: dict, gmail: bool = False) -> str:
    """What the provider may still keep after emptying the trash (shown to the user)."""
    host = (account.get("host") or "").lower()
    if gmail or "gmail" in host or "googlemail" in host:
        return ("Gmail: a message leaves your storage only once it is out of All Mail and Trash; "
                "messages in Trash are deleted for good after 30 days.")
    if "outlook" in host or "office365" in host:
        return ("Microsoft 365 keeps deleted items in 'Recoverable Items' for 14 days or more "
                "(set by your organisation) before the space is freed.")
    return ""


CredentialResolver = Callable[[dict, dict], Credentials]


# The one resolver (keyring, OAuth cache) lives in core.mail.credentials; re-exported here for
# the cleaners that name it.
resolve_credentials = _credentials.resolve_credentials

"""Verified, resumable cleaning of Exchange mailboxes (EWS and Graph share this logic).

A backend gives five primitives on item ids (``get``, ``find_in_trash``, ``move_to_trash``,
``delete``, ``trash_id``); :class:`RemoteCleaner` does the rest, per batch of plan actions:
1. a duplicate's kept copy must still exist with the scanned key and size;
2. each item must still exist with the scanned key and size, outside Deleted Items;
   an item gone since the scan is looked for in Deleted Items by Message-ID and size (a run
   cut after the server moved it) and counted as done, else left alone;
3. move to Deleted Items (new ids come back, as Exchange gives moved items new ids), or, only
   when asked, delete (the server keeps it in Recoverable Items for its retention period);
4. verify: the old id is gone; the moved item is in Deleted Items with the same key and size.
A dropped connection: the batch is looked at again from step 2 (nothing done twice), by the
loop every mail cleaner shares (core.mail.clean.retry).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from cleanup_desktop.core.mail.clean.retry import Outcome, Outcomes, retry_on_cut
from cleanup_desktop.core.mail.sources.remote_items import RETENTION_NOTE
from cleanup_desktop.core.messages import Reason, os_error

RECENT_LOOKUP = 50  # items of Deleted Items looked at for a moved message without Message-ID
TRASH_NAME = "Deleted Items"


@dataclass
class ItemState:
    id: str
    key: str
    size: int
    folder_id: str
    flagged: bool = False  # follow-up flag (Graph flag, EWS PR_FLAG_STATUS), when the backend reads it


class RemoteCleaner:
    """Subclasses implement the primitives below; all take and return item ids (str)."""

    kind = "remote"

    def get(self, ids: list[str], headers: bool) -> dict[str, Optional[ItemState]]:
        raise NotImplementedError

    def find_in_trash(self, message_id: str) -> list[ItemState]:
        raise NotImplementedError

    def recent_in_trash(self, limit: int) -> list[ItemState]:
        """The items of Deleted Items modified last (a move counts), with header-based keys."""
        raise NotImplementedError

    def move_to_trash(self, ids: list[str]) -> dict[str, object]:  # old id -> new id or Exception
        raise NotImplementedError

    def delete(self, ids: list[str]) -> dict[str, object]:  # id -> None or Exception
        raise NotImplementedError

    def trash_id(self) -> str:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget the connection after a cut."""

    def close(self) -> None:
        pass

    # -- shared logic ---------------------------------------------------------------------
    def run_batch(self, folder: str, actions: list[dict], permanent: bool = False,
                  dry_run: bool = False) -> dict[str, Outcome]:
        return retry_on_cut(actions, lambda todo, out: self._batch_once(folder, todo, permanent, dry_run, out),
                            self.reset)

    @staticmethod
    def _hashed(actions: list[dict]) -> bool:
        return any(str(a.get("key") or "").startswith("hash:") for a in actions)

    def _batch_once(self, folder: str, actions: list[dict], permanent: bool, dry_run: bool,
                    out: Outcomes) -> None:
        todo = [a for a in actions if a["id"] not in out]
        if not todo:
            return
        if not permanent and folder == TRASH_NAME:
            for a in todo:
                out[a["id"]] = Outcome(False, reason=Reason("mail.already-in-deleted-items"))
            return
        self._check_keeps(todo, out)
        todo = [a for a in todo if a["id"] not in out]
        trash = self.trash_id()
        states = self.get([str(a["uid"]) for a in todo], self._hashed(todo))
        ready, missing = [], []
        for a in todo:
            st = states.get(str(a["uid"]))
            if st is None:
                missing.append(a)
            elif st.folder_id == trash and not permanent:
                out[a["id"]] = Outcome(False, reason=Reason("mail.already-in-deleted-items"))
            elif st.size != int(a["size"]) or (a.get("key") and st.key != a["key"]):
                out[a["id"]] = Outcome(False, reason=Reason("mail.changed"))
            elif st.flagged and a.get("category") == "mail-duplicates":
                out[a["id"]] = Outcome(False, reason=Reason("mail.flagged-follow-up"))
            else:
                ready.append(a)
        self._resolve_missing(missing, permanent, out)
        if dry_run:
            for a in ready:
                out[a["id"]] = Outcome(True, dict(self._result(a, permanent, None), dry_run=True))
            return
        if not ready:
            return
        ids = [str(a["uid"]) for a in ready]
        acted = self.delete(ids) if permanent else self.move_to_trash(ids)
        self._verify(ready, acted, permanent, trash, out)

    def _check_keeps(self, todo: list[dict], out: Outcomes) -> None:
        with_keep = [a for a in todo if a.get("keep")]
        if not with_keep:
            return
        states = self.get([str(a["keep"]["uid"]) for a in with_keep], self._hashed(with_keep))
        trash = self.trash_id()
        for a in with_keep:
            st = states.get(str(a["keep"]["uid"]))
            if st is None or st.size != int(a["size"]) or (a.get("key") and st.key != a["key"]):
                out[a["id"]] = Outcome(False, reason=Reason("mail.keep-gone"))
            elif st.folder_id == trash:  # keep rule: a copy in Deleted Items is never the kept one
                out[a["id"]] = Outcome(False, reason=Reason("mail.keep-in-deleted-items"))

    def _resolve_missing(self, missing: list[dict], permanent: bool, out: Outcomes) -> None:
        """Gone since the scan: moved by an earlier, interrupted run (found in Deleted Items by
        Message-ID and size; without a Message-ID, among the items moved there last, by the
        header hash and size) or gone elsewhere (left alone)."""
        taken: set[str] = set()
        recent: Optional[list[ItemState]] = None
        for a in missing:
            key = str(a.get("key") or "")
            if not permanent and key:
                if key.startswith("hash:"):
                    if recent is None:
                        recent = self.recent_in_trash(RECENT_LOOKUP + 2 * len(missing))
                    candidates = recent
                else:
                    candidates = self.find_in_trash(key)
                match = next((s for s in candidates
                              if s.size == int(a["size"]) and s.key == key and s.id not in taken), None)
                if match is not None:
                    taken.add(match.id)
                    out[a["id"]] = Outcome(True, dict(self._result(a, False, match.id), recovered=True))
                    continue
            out[a["id"]] = Outcome(False, reason=Reason("mail.gone"))

    def _verify(self, ready: list[dict], acted: dict[str, object], permanent: bool, trash: str,
                out: Outcomes) -> None:
        ids = [str(a["uid"]) for a in ready]
        still = self.get(ids, False)
        new_ids = [v for v in acted.values() if isinstance(v, str)]
        moved = self.get(new_ids, self._hashed(ready)) if new_ids else {}
        for a in ready:
            uid = str(a["uid"])
            res = acted.get(uid)
            if isinstance(res, Exception):
                out[a["id"]] = Outcome(False, reason=Reason("mail.server-refused", error=os_error(str(res))))
            elif (now := still.get(uid)) is not None and now.folder_id != trash:
                out[a["id"]] = Outcome(False, reason=Reason("mail.not-removed"))
            elif permanent:
                out[a["id"]] = Outcome(True, self._result(a, True, None))
            else:
                st = moved.get(res) if isinstance(res, str) else None
                if st is None or st.folder_id != trash or st.size != int(a["size"]) or \
                        (a.get("key") and st.key != a["key"]):
                    out[a["id"]] = Outcome(False, reason=Reason("mail.not-in-trash-after", folder=TRASH_NAME))
                else:
                    out[a["id"]] = Outcome(True, self._result(a, False, st.id))

    @staticmethod
    def _result(a: dict, permanent: bool, trash_uid: Optional[str]) -> dict:
        size = int(a["size"])
        if permanent:
            return {"op": "mail-delete", "size": size, "freed": size, "trashed": 0, "note": RETENTION_NOTE}
        return {"op": "mail-trash", "size": size, "freed": 0, "trashed": size, "trash_folder": TRASH_NAME,
                "trash_uid": trash_uid}

    # -- "empty these from Deleted Items" ---------------------------------------------------
    def empty_from_trash(self, items: list[dict]) -> dict[str, Outcome]:
        """Delete for good the messages this app moved to Deleted Items. ``items``: {"id",
        "trash_uid", "key", "size"} from journal results; each is re-verified first. The
        server keeps them in Recoverable Items for its retention period (see the note)."""
        return retry_on_cut(items, self._empty_once, self.reset)

    def _empty_once(self, todo: list[dict], out: Outcomes) -> None:
        trash = self.trash_id()
        states = self.get([str(i["trash_uid"]) for i in todo], self._hashed(todo))
        ok = []
        for i in todo:
            st = states.get(str(i["trash_uid"]))
            if st is None:
                out[i["id"]] = Outcome(True, {"freed": int(i["size"]), "note": "already gone from Deleted Items"})
            elif st.folder_id != trash or st.size != int(i["size"]) or (i.get("key") and st.key != i["key"]):
                out[i["id"]] = Outcome(False, reason=Reason("mail.not-ours-deleted-items"))
            else:
                ok.append(i)
        if ok:
            acted = self.delete([str(i["trash_uid"]) for i in ok])
            still = self.get([str(i["trash_uid"]) for i in ok], False)
            for i in ok:
                uid = str(i["trash_uid"])
                if isinstance(acted.get(uid), Exception) or still.get(uid) is not None:
                    out[i["id"]] = Outcome(False, reason=Reason("mail.kept-in-deleted-items"))
                else:
                    out[i["id"]] = Outcome(True, {"freed": int(i["size"]), "note": RETENTION_NOTE})

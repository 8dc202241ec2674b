"""Clean an on-premises Exchange mailbox over EWS: the primitives RemoteCleaner needs.

Moving is one MoveItem per chunk to Deleted Items (the new ids come back and are verified);
deleting (only when asked, and for "empty these from Deleted Items") is DeleteItem with
SoftDelete, what Outlook does: the server keeps the items in Recoverable Items for its
retention period. Never HardDelete.
"""

from __future__ import annotations

from typing import Optional

from cleanup_desktop.core.mail.sources.ews import FLAGGED, EwsSettings, connect_account, retrying
from cleanup_desktop.core.mail.sources.imap import Credentials
from cleanup_desktop.core.mail.clean.remote import ItemState, RemoteCleaner
from cleanup_desktop.core.mail.sources.remote_items import item_key

CHUNK = 100


class EwsCleaner(RemoteCleaner):
    kind = "ews"

    def __init__(self, settings: EwsSettings, credentials: Credentials) -> None:
        self.settings = settings
        self.credentials = credentials
        self._account = None
        self._trash = None

    @property
    def account(self):
        if self._account is None:
            self._account = connect_account(self.settings, self.credentials)
        return self._account

    def _call(self, fn, idempotent: bool = True):
        return retrying(fn, self.settings, idempotent=idempotent)

    def reset(self) -> None:
        self.close()

    def close(self) -> None:
        if self._account is not None:
            try:
                self._account.protocol.close()
            except Exception:
                pass
        self._account = None
        self._trash = None

    def trash(self):
        if self._trash is None:
            self._trash = self._call(lambda: self.account.trash)
        return self._trash

    def trash_id(self) -> str:
        return self.trash().id

    def get(self, ids: list[str], headers: bool) -> dict[str, Optional[ItemState]]:
        out: dict[str, Optional[ItemState]] = {}
        fields = ["size", "message_id", "parent_folder_id", "cd_flag_status"] + (["headers"] if headers else [])
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            got = self._call(lambda c=chunk: list(self.account.fetch(ids=[(i, None) for i in c], only_fields=fields)))
            for i, item in zip(chunk, got):
                if isinstance(item, Exception):
                    out[i] = None
                    continue
                hdrs = [(h.name, h.value) for h in item.headers or []] if headers and not item.message_id else None
                out[i] = ItemState(item.id, item_key(item.message_id, hdrs), int(item.size or 0),
                                   item.parent_folder_id.id if item.parent_folder_id else "",
                                   getattr(item, "cd_flag_status", None) == FLAGGED)
        return out

    def find_in_trash(self, message_id: str) -> list[ItemState]:
        items = self._call(lambda: list(self.trash().filter(message_id=message_id)
                                        .only("size", "message_id", "parent_folder_id")))
        return [ItemState(i.id, item_key(i.message_id), int(i.size or 0), self.trash_id())
                for i in items if not isinstance(i, Exception)]

    def recent_in_trash(self, limit: int) -> list[ItemState]:
        qs = self.trash().all().order_by("-last_modified_time").only("size", "message_id", "headers")
        items = self._call(lambda: list(qs[:limit]))
        trash = self.trash_id()
        return [ItemState(i.id, item_key(i.message_id, [(h.name, h.value) for h in i.headers or []]),
                          int(i.size or 0), trash) for i in items if not isinstance(i, Exception)]

    def move_to_trash(self, ids: list[str]) -> dict[str, object]:
        out: dict[str, object] = {}
        trash = self.trash()
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            got = self._call(lambda c=chunk: self.account.bulk_move(ids=[(i, None) for i in c], to_folder=trash),
                             idempotent=False)
            for i, res in zip(chunk, got):
                out[i] = res if isinstance(res, Exception) else res[0]
        return out

    def delete(self, ids: list[str]) -> dict[str, object]:
        from exchangelib.items import SOFT_DELETE

        out: dict[str, object] = {}
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            got = self._call(lambda c=chunk: self.account.bulk_delete(ids=[(i, None) for i in c],
                                                                      delete_type=SOFT_DELETE), idempotent=False)
            for i, res in zip(chunk, got):
                out[i] = res if isinstance(res, Exception) else None
        return out


def make_cleaner(account: dict, action: dict, resolver=None) -> EwsCleaner:
    """For the executor registry: settings from the plan action's account, the password from
    the resolver (GUI prompt), else the scan's environment variable, else the keyring."""
    if resolver is None:
        from cleanup_desktop.core.mail.clean.imap import resolve_credentials as resolver
    return EwsCleaner(EwsSettings.from_account(account), resolver(account, action))

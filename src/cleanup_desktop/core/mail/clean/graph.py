"""Clean a Microsoft 365 mailbox over Microsoft Graph: the primitives RemoteCleaner needs.

Reads and moves go through $batch (20 per call): GET /me/messages/{id} (size from
PR_MESSAGE_SIZE), POST /me/messages/{id}/move {"destinationId": "deleteditems"} (the moved
message, with its new id, comes back), DELETE /me/messages/{id} only when asked or to empty
Deleted Items (Microsoft 365 keeps it in Recoverable Items for the retention period).
"""

from __future__ import annotations

from typing import Optional

from cleanup_desktop.core.mail.sources.graph import (PROP_SIZE, GraphSettings, MsalTokens, headers_of, prop,
                                             props_filter, q, url_with)
from cleanup_desktop.core.mail.sources.graph_http import GraphClient, GraphError, TokenSource
from cleanup_desktop.core.mail.clean.remote import ItemState, RemoteCleaner
from cleanup_desktop.core.mail.sources.remote_items import item_key

SELECT = "id,internetMessageId,parentFolderId"


class GraphCleaner(RemoteCleaner):
    kind = "graph"

    def __init__(self, settings: GraphSettings, tokens: TokenSource) -> None:
        self.settings = settings
        self.tokens = tokens
        self._client: Optional[GraphClient] = None
        self._trash: Optional[str] = None

    @property
    def client(self) -> GraphClient:
        if self._client is None:
            self.settings.validate()
            self._client = GraphClient(self.tokens, self.settings.endpoint, self.settings.timeout,
                                       verify=self.settings.verify())
        return self._client

    def reset(self) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None

    def trash_id(self) -> str:
        if self._trash is None:
            self._trash = self.client.request("GET", "/me/mailFolders/deleteditems", params={"$select": "id"})["id"]
        return self._trash

    def _state(self, body: dict) -> ItemState:
        mid = body.get("internetMessageId")
        hdrs = headers_of(body) if not mid and "internetMessageHeaders" in body else None
        return ItemState(body["id"], item_key(mid, hdrs), int(prop(body, PROP_SIZE) or 0), body.get("parentFolderId", ""),
                         (body.get("flag") or {}).get("flagStatus") == "flagged")

    def get(self, ids: list[str], headers: bool) -> dict[str, Optional[ItemState]]:
        params = {"$select": SELECT + ",flag" + (",internetMessageHeaders" if headers else ""),
                  "$expand": props_filter(PROP_SIZE)}
        answers = self.client.batch([{"method": "GET", "url": url_with(f"/me/messages/{q(i)}", params)} for i in ids])
        out: dict[str, Optional[ItemState]] = {}
        for i, a in zip(ids, answers):
            if a["status"] == 404:
                out[i] = None
            elif a["status"] == 200:
                out[i] = self._state(a["body"])
            else:
                raise self._error(a)
        return out

    def _error(self, answer: dict):
        err = (answer.get("body") or {}).get("error") or {}
        return self.client.error(answer["status"], str(err.get("code", answer["status"])), str(err.get("message", "")))

    def find_in_trash(self, message_id: str) -> list[ItemState]:
        params = {"$filter": "internetMessageId eq '%s'" % message_id.replace("'", "''"),
                  "$select": SELECT, "$expand": props_filter(PROP_SIZE), "$top": "10"}
        out: list = []
        for page in self.client.pages(f"/me/mailFolders/{q(self.trash_id())}/messages", params):
            out.extend(self._state(m) for m in page)
        return out

    def recent_in_trash(self, limit: int) -> list[ItemState]:
        params = {"$orderby": "lastModifiedDateTime desc", "$top": str(limit),
                  "$select": SELECT + ",internetMessageHeaders", "$expand": props_filter(PROP_SIZE)}
        body = self.client.request("GET", f"/me/mailFolders/{q(self.trash_id())}/messages", params=params)
        return [self._state(m) for m in body.get("value", [])]

    def move_to_trash(self, ids: list[str]) -> dict[str, object]:
        answers = self.client.batch([{"method": "POST", "url": f"/me/messages/{q(i)}/move",
                                      "body": {"destinationId": "deleteditems"}} for i in ids])
        out: dict[str, object] = {}
        for i, a in zip(ids, answers):
            out[i] = a["body"].get("id") if a["status"] in (200, 201) else self._error(a)
        return out

    def delete(self, ids: list[str]) -> dict[str, object]:
        answers = self.client.batch([{"method": "DELETE", "url": f"/me/messages/{q(i)}"} for i in ids])
        out: dict[str, object] = {}
        for i, a in zip(ids, answers):
            out[i] = None if a["status"] in (204, 404) else self._error(a)
        return out


def tokens_for(account: dict, action: dict, resolver=None) -> TokenSource:
    """A token source for a plan action: the GUI's resolver when it gives a token provider,
    else MSAL's keyring cache (never an environment variable a plan or journal names)
    (silent; a sign-in is needed again when the refresh token has expired)."""
    from cleanup_desktop.core.mail.clean.imap import resolve_credentials

    if resolver is not None and resolver is not resolve_credentials:  # IMAP's: passwords only
        creds = resolver(account, action)
        if getattr(creds, "token_provider", None) is not None:
            provider = creds.token_provider

            class _Provided:
                def token(self, force_refresh: bool = False) -> str:
                    return provider()

            return _Provided()
    return MsalTokens(GraphSettings.from_account(account), interactive=False)


def make_cleaner(account: dict, action: dict, resolver=None) -> GraphCleaner:
    return GraphCleaner(GraphSettings.from_account(account), tokens_for(account, action, resolver))


__all__ = ["GraphCleaner", "GraphError", "make_cleaner", "tokens_for"]

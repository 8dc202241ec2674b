"""Unsubscribing from a bulk sender, only on the user's click.

- RFC 2369: ``List-Unsubscribe: <mailto:...>, <https://...>`` lists where to unsubscribe; the
  app offers the mailto and https targets (opened in the mail client or the browser by the
  GUI), never an http, javascript or other link.
- RFC 8058 one-click: the app itself sends ``POST List-Unsubscribe=One-Click`` to the https
  target only when the message carries ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``
  and a DKIM signature that verifies (dkimpy) and whose signed headers (``h=``) include both
  List-Unsubscribe and List-Unsubscribe-Post: otherwise anyone could forge a message that
  makes the app POST to a URL of their choice. The message is fetched whole for that check
  (one message, on the click, never during the scan); the POST carries no cookie and no
  credential, TLS is verified, and redirects are not followed.
- "And delete this sender's mail older than N months": the sender's mails received before
  that date, to be ticked for the same run (``older_items``).
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.parser import BytesHeaderParser
from typing import Callable, Optional

ONE_CLICK = "list-unsubscribe=one-click"
_URI = re.compile(r"<\s*([^>]+?)\s*>")


def targets(list_unsubscribe: str) -> list[str]:
    """The mailto and https targets of a List-Unsubscribe value, in the sender's order."""
    out = []
    for uri in _URI.findall(" ".join((list_unsubscribe or "").split())):
        low = uri.lower()
        if (low.startswith("mailto:") and "@" in uri) or low.startswith("https://"):
            if uri not in out:
                out.append(uri)
    return out


def one_click_target(list_unsubscribe: str, list_unsubscribe_post: str) -> Optional[str]:
    """The https target a one-click POST would go to, when the headers offer one."""
    if " ".join((list_unsubscribe_post or "").split()).lower() != ONE_CLICK:
        return None
    return next((t for t in targets(list_unsubscribe) if t.lower().startswith("https://")), None)


def sender_offer(messages: list) -> Optional[dict]:
    """What a sender's newest message carrying List-Unsubscribe offers (MessageSummary list)."""
    carrying = [m for m in messages if targets(m.list_unsubscribe)]
    if not carrying:
        return None
    newest = max(carrying, key=lambda m: (m.internaldate or datetime.min.replace(tzinfo=timezone.utc)))
    return {"targets": targets(newest.list_unsubscribe),
            "one_click": one_click_target(newest.list_unsubscribe, getattr(newest, "list_unsubscribe_post", "")),
            "sample": {"folder": newest.folder, "uid": newest.uid, "uidvalidity": newest.uidvalidity}}


class UnsubscribeError(Exception):
    """Why the app will not (or could not) unsubscribe by itself; shown to the user."""


def check_one_click(raw: bytes, url: str, dnsfunc: Optional[Callable] = None) -> None:
    """Raise UnsubscribeError unless ``raw`` offers a one-click POST to ``url`` under a valid
    DKIM signature covering List-Unsubscribe and List-Unsubscribe-Post."""
    import dkim  # noqa: PLC0415 - dkimpy, only on the user's click

    headers = BytesHeaderParser().parsebytes(raw)
    if one_click_target(str(headers.get("List-Unsubscribe", "")), str(headers.get("List-Unsubscribe-Post", ""))) != url:
        raise UnsubscribeError("this message does not offer one-click unsubscription to that address")
    signatures = headers.get_all("DKIM-Signature") or []
    if not signatures:
        raise UnsubscribeError("the message has no DKIM signature: open the link instead")
    d = dkim.DKIM(raw)
    covering = False
    for idx, sig in enumerate(signatures):
        tags = dict(part.strip().split("=", 1) for part in " ".join(str(sig).split()).split(";") if "=" in part)
        signed = {h.strip().lower() for h in re.sub(r"\s+", "", tags.get("h", "")).split(":")}
        if not {"list-unsubscribe", "list-unsubscribe-post"} <= signed:
            continue
        covering = True
        try:
            ok = d.verify(idx=idx, dnsfunc=dnsfunc) if dnsfunc is not None else d.verify(idx=idx)
        except dkim.DKIMException:
            ok = False
        if ok:
            return
    if not covering:
        raise UnsubscribeError("the DKIM signature does not cover the unsubscribe headers: open the link instead")
    raise UnsubscribeError("the DKIM signature does not verify: open the link instead")


def post_one_click(url: str, timeout: float = 20.0, transport=None) -> int:
    """Send the RFC 8058 POST (no cookie, no credential, TLS verified, no redirect followed)."""
    import httpx  # noqa: PLC0415

    with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport) as client:
        r = client.post(url, content=b"List-Unsubscribe=One-Click",
                        headers={"Content-Type": "application/x-www-form-urlencoded"})
    if r.status_code >= 400:
        raise UnsubscribeError(f"the sender's server answered {r.status_code}: open the link instead")
    return r.status_code


def fetch_raw(source, folder: str, uid) -> bytes:
    """One whole message, read-only, from a connected MailSource (IMAP, EWS or Graph)."""
    kind = getattr(source, "kind", "imap")
    if kind == "imap":
        client = source.client
        client.select_folder(folder, readonly=True)
        data = client.fetch([uid], ["BODY.PEEK[]"]).get(uid) or {}
        raw = data.get(b"BODY[]")
    elif kind == "graph":
        from urllib.parse import quote  # noqa: PLC0415

        client = source.client
        raw = client._send("GET", client._url(f"/me/messages/{quote(str(uid), safe='')}/$value")).content
    elif kind == "ews":
        items = list(source.account.fetch(ids=[(uid, None)], only_fields=["mime_content"]))
        raw = getattr(items[0], "mime_content", None) if items else None
    else:
        raw = None
    if not raw:
        raise UnsubscribeError("the message could not be read back from the mailbox")
    return bytes(raw)


def one_click_unsubscribe(source, sender: dict, dnsfunc: Optional[Callable] = None, transport=None) -> int:
    """Fetch the sender's sample message, check it, and POST. Returns the HTTP status."""
    offer = sender.get("unsubscribe") or {}
    url, sample = offer.get("one_click"), offer.get("sample") or {}
    if not url or not sample:
        raise UnsubscribeError("this sender offers no one-click unsubscription")
    raw = fetch_raw(source, sample["folder"], sample["uid"])
    check_one_click(raw, url, dnsfunc)
    return post_one_click(url, transport=transport)


def older_items(sender: dict, months: int, now: Optional[datetime] = None) -> list[dict]:
    """The sender's mails received more than ``months`` months (30.44 days) ago."""
    now = now or datetime.now(timezone.utc)
    limit = now - timedelta(days=30.44 * max(0, months))
    out = []
    for item in sender.get("items", []):
        try:
            when = datetime.fromisoformat(item.get("date") or "")
        except ValueError:
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        if when < limit:
            out.append(item)
    return out

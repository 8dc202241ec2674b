"""The mail backend's refresh: a mail scan without the messages a run removed (nothing is
asked of the server; see core.run.refresh)."""

from __future__ import annotations

from typing import Any


def mail_scan_without(scan: dict[str, Any], done: set[tuple[str, str]]) -> dict[str, Any]:
    """The mail scan minus the messages in ``done`` ((folder, uid) pairs)."""
    if not done:
        return scan

    def keep(item: dict[str, Any]) -> bool:
        return (str(item.get("folder")), str(item.get("uid"))) not in done

    out = dict(scan)
    groups = []
    for d in scan.get("duplicates", []):
        copies = [c for c in d.get("copies", []) if keep(c)]
        if len(copies) >= 2:
            groups.append({**d, "copies": copies})
    out["duplicates"] = groups
    for cat in ("large_messages", "attachments", "old"):
        out[cat] = [i for i in scan.get(cat, []) if keep(i)]
    senders = []
    for s in scan.get("senders", []):
        if "items" not in s:
            senders.append(s)
            continue
        items = [i for i in s["items"] if keep(i)]
        if items:
            senders.append({**s, "items": items, "messages": len(items),
                            "bytes": sum(int(i.get("size", 0)) for i in items)})
    out["senders"] = senders
    return out


def refresh(scan: dict[str, Any], actions: list[dict[str, Any]]) -> dict[str, Any]:
    """``Backend.refresh``: the scan without the messages of these done actions."""
    return mail_scan_without(scan, {(str(a.get("folder")), str(a.get("uid"))) for a in actions})

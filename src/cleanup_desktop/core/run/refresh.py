"""A scan result without what a cleanup run removed, so the review shows what is left
without scanning again (the faces call this after a run; nothing is read from disk)."""

from __future__ import annotations

from typing import Any, Iterable


def done_targets(outcomes: Iterable[Any]) -> tuple[set[str], set[tuple[str, str]]]:
    """(file paths, (folder, uid) of messages) that a run's outcomes say were done."""
    paths: set[str] = set()
    mails: set[tuple[str, str]] = set()
    for o in outcomes:
        if getattr(o, "status", None) != "done":
            continue
        a = o.action
        if str(a.get("op", "")).startswith("mail-"):
            mails.add((str(a.get("folder")), str(a.get("uid"))))
        elif a.get("path"):
            paths.add(a["path"])
    return paths, mails


def disk_scan_without(scan: dict[str, Any], paths: set[str]) -> dict[str, Any]:
    """The disk scan minus the files in ``paths``; a duplicate group left with one copy goes."""
    if not paths:
        return scan
    out = dict(scan)
    groups = []
    for g in scan.get("duplicates", []):
        files = [f for f in g.get("files", []) if f["path"] not in paths]
        if len(files) >= 2:
            allocs = [f.get("allocated", 0) for f in files]
            groups.append({**g, "files": files, "paths": [f["path"] for f in files],
                           "wasted": sum(allocs) - max(allocs)})
    out["duplicates"] = groups
    for cat in ("temp", "large", "old", "empty_folders", "empty_files", "broken_links"):
        if cat in scan:
            out[cat] = [it for it in scan.get(cat, []) if it.get("path") not in paths]
    for cat, members in (("duplicate_folders", "folders"), ("similar_images", "images")):
        if cat in scan and scan[cat] is not None:  # a group goes when its kept copy or all others went
            out[cat] = [{**g, members: kept, "paths": [m["path"] for m in kept]}
                        for g in scan[cat]
                        for kept in [[m for m in g.get(members, []) if m["path"] not in paths]]
                        if len(kept) >= 2 and g.get("keep") not in paths]
    return out


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

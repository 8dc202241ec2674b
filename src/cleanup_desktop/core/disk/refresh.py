"""The disk backend's refresh: a disk scan without the files a run removed (nothing is read
from disk; see core.run.refresh)."""

from __future__ import annotations

from typing import Any


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


def refresh(scan: dict[str, Any], actions: list[dict[str, Any]]) -> dict[str, Any]:
    """``Backend.refresh``: the scan without the files of these done actions."""
    return disk_scan_without(scan, {a["path"] for a in actions if a.get("path")})

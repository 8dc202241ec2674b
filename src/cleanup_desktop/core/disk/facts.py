"""Fill in the per-file facts a plan needs when a scan result carries only the keys of the
published contract (``paths`` in a duplicate group; ``path``/``size`` in temp, large and old
items), e.g. a scan written by another tool or trimmed by hand.

The facts (mtime_ns, device, inode, allocated size) are read from the files now, at planning
time, so the plan records what must still hold when it runs; a file that is gone is left
out (and a group left with fewer than two copies is dropped). The content digest of a group
is taken from the scan as it is: every file and the kept copy are re-hashed against it just
before anything is done, so a wrong or foreign digest only makes actions skip.
"""

from __future__ import annotations

import os
import stat
from datetime import datetime, timezone
from typing import Any, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.run.accounting import allocated_bytes
from cleanup_desktop.core.paths import is_inside

FACTS = ("mtime_ns", "dev", "ino")


def _facts(path: str, roots: list[str], expected_size: Optional[int]) -> Optional[dict[str, Any]]:
    try:
        st = fileid.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or (expected_size is not None and st.st_size != expected_size):
        return None
    root = next((r for r in roots if is_inside(path, r)), os.path.dirname(path))
    return {
        "path": path,
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "mtime": datetime.fromtimestamp(st.st_mtime_ns / 1e9, tz=timezone.utc).isoformat(),
        "dev": st.st_dev,
        "ino": st.st_ino,
        "allocated": allocated_bytes(st),
        "nlink": st.st_nlink,
        "root": root,
    }


def _complete_item(item: dict[str, Any], roots: list[str]) -> Optional[dict[str, Any]]:
    if all(k in item for k in FACTS):
        return item
    facts = _facts(item.get("path", ""), roots, item.get("size"))
    return None if facts is None else {**facts, **item, **{k: facts[k] for k in FACTS}, "allocated": item.get("allocated", facts["allocated"])}


def complete_scan(scan: dict[str, Any]) -> dict[str, Any]:
    """The scan itself when every fact is there (our own scans), else a completed copy."""
    dups = scan.get("duplicates", [])
    needs = any("files" not in g for g in dups) or any(
        not all(k in it for k in FACTS) for c in ("temp", "large", "old") for it in scan.get(c, [])
    )
    if not needs:
        return scan
    roots = [r for r in scan.get("roots", []) if isinstance(r, str)]
    out = dict(scan)
    groups = []
    for g in dups:
        if "files" in g:
            groups.append(g)
            continue
        size = g.get("size")
        files = [f for f in (_facts(p, roots, size) for p in g.get("paths", [])) if f is not None]
        if len(files) >= 2:
            allocs = [f["allocated"] for f in files]
            groups.append({**g, "paths": [f["path"] for f in files], "files": files,
                           "allocated": g.get("allocated", max(allocs)),
                           "wasted": g.get("wasted", sum(allocs) - max(allocs))})
    out["duplicates"] = groups
    for cat in ("temp", "large", "old"):
        items = [_complete_item(it, roots) for it in scan.get(cat, [])]
        out[cat] = [it for it in items if it is not None]
    return out

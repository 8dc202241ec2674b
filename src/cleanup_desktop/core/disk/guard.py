"""The disk backend's part of the plan record and of the checks before a disk action runs
(core.run.guard keeps the record; codes are listed there).

Record fields: ``roots`` (the scan roots as real paths with device and inode, system folders
left out; system temp folders marked ``temp_only``) and ``temp_levels`` (the temp safety levels
planned). Checks: a clean absolute path below a recorded root (only temp files in temp-only
roots), not in a protected folder, a kept copy inside the roots, a temp file still matching the
rule it was planned with at a chosen level.
"""

from __future__ import annotations

import os
import stat
from typing import Any, Optional

from cleanup_desktop.core import paths
from cleanup_desktop.core.disk import protected
from cleanup_desktop.core.messages import Reason
from cleanup_desktop.core.run.guard import Refused, RunContext, plan_record


def root_entry(root: str) -> Optional[dict[str, Any]]:
    """A scan root as recorded: its real path and identity (None when it is not a folder)."""
    real = os.path.realpath(root)
    try:
        st = os.stat(real)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    return {"path": real, "dev": st.st_dev, "ino": st.st_ino}


def record_fields(plan: dict[str, Any], scan: dict[str, Any]) -> dict[str, Any]:
    """The scan's roots as real paths (system folders left out) and the temp levels planned."""

    def real(key: str) -> list[str]:
        found = [os.path.realpath(r) for r in scan.get(key, []) if isinstance(r, str) and os.path.isabs(r)]
        return [r for r in found if not protected.is_protected(r)]

    levels = {a.get("safety") for a in plan["actions"] if a.get("category") == "temp"} & {"S", "Q"}
    entries = [e for e in (root_entry(r) for r in real("roots")) if e is not None]
    entries += [dict(e, temp_only=True) for e in (root_entry(r) for r in real("temp_roots"))
                if e is not None and e["path"] not in [x["path"] for x in entries]]
    return {"roots": entries, "temp_levels": sorted(levels)}


def record_ok(rec: dict[str, Any]) -> bool:
    return (isinstance(rec.get("roots"), list) and isinstance(rec.get("temp_levels"), list)
            and all(isinstance(r, dict) and isinstance(r.get("path"), str) and isinstance(r.get("dev"), int)
                    and isinstance(r.get("ino"), int) for r in rec["roots"]))


KEEP_PATH = "its kept copy's path"  # ``what`` of clean_components for a kept copy


def clean_components(path: Any, what: str = "its path") -> list[bytes]:
    """The components of an absolute path, refusing '..', '.' and empty ones."""
    raw = os.fsencode(path) if isinstance(path, str) else b""
    if not raw or not os.path.isabs(raw) or b"\0" in raw:
        raise Refused("bad-path", Reason("refused.keep-not-absolute" if what == KEEP_PATH else "refused.not-absolute"))
    if os.name == "nt":  # C:\... or \\server\share\...: the drive part is not a component
        raw = os.path.splitdrive(raw)[1].replace(b"\\", b"/")
    body = raw.split(b"/")[1:]
    if any(p in (b"", b".", b"..") for p in body):
        raise Refused("bad-path", Reason("refused.keep-bad-parts" if what == KEEP_PATH else "refused.bad-parts"))
    return body


def root_of(path: str, rec: dict[str, Any], what: str = "file") -> dict[str, Any]:
    """The recorded root ``path`` lies below (the deepest one); the path has no '..' by now."""
    best: Optional[dict[str, Any]] = None
    for r in rec["roots"]:
        if paths.is_inside(path, r["path"]) and os.path.normcase(os.path.normpath(path)) != \
                os.path.normcase(os.path.normpath(r["path"])) and (best is None or len(r["path"]) > len(best["path"])):
            best = r
    if best is None:
        raise Refused("outside-roots" if what == "file" else "keep-outside-roots",
                      Reason("refused.outside-roots" if what == "file" else "refused.keep-outside-roots"))
    return best


def check(action: dict[str, Any], ctx: RunContext) -> None:
    """The checks of a disk action; the recorded root it belongs to is kept for the executor
    (``ctx.state["action-roots"][action id]``)."""
    ctx.state.setdefault("action-roots", {})[action["id"]] = check_disk(action, ctx)


def check_disk(action: dict[str, Any], ctx: RunContext) -> dict[str, Any]:
    """The checks of a disk action; returns the recorded root it belongs to."""
    rec = plan_record(ctx)
    clean_components(action.get("path"))
    root = root_of(action["path"], rec)
    if root.get("temp_only") and action.get("category") != "temp":
        raise Refused("outside-roots", Reason("refused.temp-only"))
    parent = os.path.dirname(action["path"])
    if protected.is_protected(parent) or protected.is_protected(action["path"]):
        raise Refused("protected", Reason("refused.protected"))
    keep = action.get("keep")
    if keep:
        if not isinstance(keep, dict) or not isinstance(keep.get("path"), str):
            raise Refused("bad-keep", Reason("refused.bad-keep"))
        clean_components(keep["path"], KEEP_PATH)
        root_of(keep["path"], rec, "kept copy")
    if action.get("category") == "temp":
        _check_temp_rule(action, rec, ctx)
    return root


def _check_temp_rule(action: dict[str, Any], rec: dict[str, Any], ctx: RunContext) -> None:
    rule_id, level = action.get("rule"), action.get("safety")
    if level not in rec["temp_levels"] or level not in ("S", "Q"):
        raise Refused("temp-rule", Reason("refused.level-not-chosen", level=repr(level)))
    state = ctx.state
    if "temp-matcher" not in state:
        from cleanup_desktop.core.disk import rules as rules_mod, temp as temp_mod

        rule_list = rules_mod.load_rules()
        roots = [r["path"] for r in rec["roots"]]
        state["temp-matcher"] = (temp_mod.TempMatcher(rule_list, roots), roots)
    matcher, roots = state["temp-matcher"]
    path = action["path"]
    root = max((r for r in roots if paths.is_inside(path, r)), key=len)
    # the governing location rule, folder by folder from the root, then the file's own rule
    rule = matcher.dir_rule(root, None)
    walked = root
    for comp in path[len(root):].strip(os.sep).split(os.sep)[:-1]:
        walked = os.path.join(walked, comp)
        rule = matcher.dir_rule(walked, rule)
    rule = matcher.file_rule(os.path.basename(path), rule)
    if rule is None or rule.id != rule_id:
        raise Refused("temp-rule", Reason("refused.rule-mismatch"))
    if rule.safety != level:
        raise Refused("temp-rule", Reason("refused.rule-level", level=rule.safety, planned=level))

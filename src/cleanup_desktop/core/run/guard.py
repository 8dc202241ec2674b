"""Plans checked against their scan: what a plan file may ask is decided by a record the app
keeps, never by the plan file (anyone who can write it can edit it).

``build_plan`` saves ``plans/<plan_id>.json`` in the user data folder: the scan roots (real
paths, with their device and inode), the temp safety levels the user chose, the mail accounts.
Before the executor touches anything, each action is checked against that record
(``check(action, ctx)``, raising :class:`Refused` with a code and a reason):

- ``no-record``: the plan was not made here (no record for its id);
- ``bad-path``: a path with ``..``, ``.`` or empty components, or not absolute;
- ``outside-roots``: the action's root is not one of the recorded scan roots, or its path is
  not below it (the folder chain is then opened from the root without following links, so
  its real path stays inside);
- ``root-replaced``: the scan root is no longer the folder that was scanned (device/inode);
- ``protected``: the folder is a system or program folder;
- ``temp-rule``: a temp action whose file no longer matches its rule at a planned safety level;
- ``keep-outside-roots`` / ``bad-keep``: a duplicate's kept copy outside the roots, or malformed;
- ``mail-account``: a mail action for another server or user than the recorded one or the
  account ``clean`` was told to use.
"""

from __future__ import annotations

import json
import os
import re
import stat
from typing import Any, Optional

from cleanup_desktop.core import paths
from cleanup_desktop.core.messages import Reason

RECORD_SCHEMA = "cleanup-desktop/plan-record/1"
_PLAN_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
DISK_OPS = ("trash", "delete")


class Refused(Exception):
    """An action the plan may not ask for; ``code`` is stable (the refusal's class), ``reason``
    is for the user: a core.messages.Reason (its own code and params word it again)."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def records_dir() -> str:
    return os.path.join(str(paths.data_dir()), "plans")


def _record_path(plan_id: str) -> Optional[str]:
    if not isinstance(plan_id, str) or not _PLAN_ID.match(plan_id):
        return None  # also keeps a crafted id from naming a file outside the folder
    return os.path.join(records_dir(), plan_id + ".json")


def root_entry(root: str) -> Optional[dict]:
    """A scan root as recorded: its real path and identity (None when it is not a folder)."""
    real = os.path.realpath(root)
    try:
        st = os.stat(real)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode):
        return None
    return {"path": real, "dev": st.st_dev, "ino": st.st_ino}


def mail_identity(account: Any) -> tuple:
    acc = account if isinstance(account, dict) else {}
    server = acc.get("host") or acc.get("url") or acc.get("tenant") or ""
    user = acc.get("user") or acc.get("email") or ""
    return (str(acc.get("kind") or "imap"), str(server).lower(), str(user).lower())


def make_record(plan: dict, roots: list[str], temp_levels=("S",), temp_roots=()) -> dict:
    entries = [e for e in (root_entry(r) for r in roots) if e is not None]
    entries += [dict(e, temp_only=True) for e in (root_entry(r) for r in temp_roots)
                if e is not None and e["path"] not in [x["path"] for x in entries]]
    accounts, connections = [], []
    for a in plan["actions"]:
        if str(a.get("op", "")).startswith("mail-"):
            ident = list(mail_identity(a.get("account")))
            if ident not in accounts:
                accounts.append(ident)
                connections.append(dict(a.get("account") or {}))
    return {"schema": RECORD_SCHEMA, "plan_id": plan["plan_id"], "created": plan.get("created"),
            "roots": entries, "temp_levels": sorted(set(temp_levels)), "mail_accounts": accounts,
            "mail_connections": connections}


def recorded_connection(plan_id: Any, host: str, user: str) -> Optional[dict]:
    """The connection settings (port, security, pinned certificate...) the scan used for this
    server and user, as recorded when the plan was made (not as the plan file says now)."""
    rec = load_record(plan_id) or {}
    for conn in rec.get("mail_connections") or []:
        if isinstance(conn, dict) and mail_identity(conn)[1:] == (host.lower(), user.lower()):
            return conn
    return None


def save_record(record: dict) -> None:
    path = _record_path(record["plan_id"])
    if path is None:
        raise ValueError("bad plan id")
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    tmp = f"{path}.{os.getpid()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(record, fh, ensure_ascii=True)
    os.replace(tmp, path)


def load_record(plan_id: Any) -> Optional[dict]:
    path = _record_path(plan_id)
    if path is None:
        return None
    try:
        with open(path, "r", encoding="utf-8") as fh:
            rec = json.load(fh)
    except (OSError, ValueError):
        return None
    ok = (isinstance(rec, dict) and rec.get("schema") == RECORD_SCHEMA and rec.get("plan_id") == plan_id
          and isinstance(rec.get("roots"), list) and isinstance(rec.get("temp_levels"), list)
          and all(isinstance(r, dict) and isinstance(r.get("path"), str) and isinstance(r.get("dev"), int)
                  and isinstance(r.get("ino"), int) for r in rec["roots"]))
    return rec if ok else None


# ---------------------------------------------------------------- checks


KEEP_PATH = "its kept copy's path"  # ``what`` of clean_components for a kept copy


def clean_components(path: str, what: str = "its path") -> list[bytes]:
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


def _record(ctx) -> dict:
    state = ctx.state
    if "plan-record" not in state:
        state["plan-record"] = load_record(ctx.plan.get("plan_id"))
    rec = state["plan-record"]
    if rec is None:
        raise Refused("no-record", Reason("refused.no-record"))
    return rec


def root_of(path: str, rec: dict, what: str = "file") -> dict:
    """The recorded root ``path`` lies below (the deepest one); the path has no '..' by now."""
    best = None
    for r in rec["roots"]:
        if paths.is_inside(path, r["path"]) and os.path.normcase(os.path.normpath(path)) != \
                os.path.normcase(os.path.normpath(r["path"])) and (best is None or len(r["path"]) > len(best["path"])):
            best = r
    if best is None:
        raise Refused("outside-roots" if what == "file" else "keep-outside-roots",
                      Reason("refused.outside-roots" if what == "file" else "refused.keep-outside-roots"))
    return best


def check_disk(action: dict, ctx) -> dict:
    """The checks of a disk action; returns the recorded root it belongs to."""
    rec = _record(ctx)
    clean_components(action.get("path"))
    root = root_of(action["path"], rec)
    if root.get("temp_only") and action.get("category") != "temp":
        raise Refused("outside-roots", Reason("refused.temp-only"))
    parent = os.path.dirname(action["path"])
    from cleanup_desktop.core.disk import protected

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


def _check_temp_rule(action: dict, rec: dict, ctx) -> None:
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


def check_mail(action: dict, ctx) -> None:
    rec = _record(ctx)
    ident = list(mail_identity(action.get("account")))
    if ident not in rec.get("mail_accounts", []):
        raise Refused("mail-account", Reason("refused.mail-account"))
    trusted = ctx.state.get("mail-account")
    if trusted is not None and mail_identity(trusted)[1:] != tuple(ident[1:]):
        raise Refused("mail-account", Reason("refused.other-account", user=ident[2], host=ident[1],
                                             chosen_user=mail_identity(trusted)[2], chosen_host=mail_identity(trusted)[1]))


def check(action: dict, ctx) -> None:
    op = str(action.get("op", ""))
    if op in DISK_OPS:
        ctx.state.setdefault("action-roots", {})[action["id"]] = check_disk(action, ctx)
    elif op.startswith("mail-"):
        check_mail(action, ctx)

"""Which scanned files are temp, cache or leftover files, and which of them may be proposed.

:class:`TempMatcher` runs inside the walk (once per directory, once per file), so everything
it needs is compiled up front. :func:`finalize_temp` runs once after the walk on the
candidates: it re-reads each file's status and leaves out what is too recent, open, owned by
someone else or governed by a rule that only reports (R) or never touches (N).
"""

from __future__ import annotations

import os
import re
import stat
import sys
import time
from typing import Any, Iterable, Literal, Mapping, Optional


from cleanup_desktop.core import fileid
from cleanup_desktop.core.messages import word
from cleanup_desktop.core.disk.rules import (
    Rule,
    check_os_name,
    expand_locations,
    folds_case,
    glob_to_regex,
    has_magic,
    machine_env,
    path_key_function,
    path_module,
    unescape,
)


class _Filters:
    """Keep-lists and name filters of one location rule, compiled."""

    __slots__ = ("loc_re", "keep_re", "keep_names_re", "only_re")

    def __init__(self, rule: Rule, locations: list[str], sep: str, fold: bool) -> None:
        def f(s: str) -> str:
            return s.lower() if fold else s

        locs = "|".join(glob_to_regex(loc, sep) for loc in locations)
        self.loc_re = re.compile(f"(?:{locs})(?:{re.escape(sep)}(?P<rel>.*))?", re.DOTALL)
        self.keep_re = _alternation([f(k).replace("/", sep) for k in rule.keep], sep)
        self.keep_names_re = _alternation([f(k) for k in rule.keep_names], sep)
        self.only_re = _alternation([f(k) for k in rule.only_names], sep)

    def keeps_dir(self, key: str, sep: str) -> bool:
        if self.keep_re is not None:
            m = self.loc_re.fullmatch(key)
            rel = m.group("rel") if m is not None else None
            if rel and self.keep_re.fullmatch(rel):
                return True
        if self.keep_names_re is not None:
            return self.keep_names_re.fullmatch(key.rsplit(sep, 1)[-1]) is not None
        return False


def _alternation(globs: list[str], sep: str) -> Optional[re.Pattern[str]]:
    if not globs:
        return None
    return re.compile("|".join(f"(?:{glob_to_regex(g, sep)})" for g in globs), re.DOTALL)


class TempMatcher:
    """Decides, during the walk, which rule governs a directory and a file.

    A location rule applies only where its location is equal to or inside a scan root:
    scanning /tmp/project does not turn a project into "user temp", scanning /tmp or the
    home folder does cover /tmp or ~/.cache. The most specific location wins (entering
    ~/.cache/google-chrome switches from the "other caches" rule to the Chrome rule), and
    a keep-list entry leaves the rule (its directory and everything below is not governed).
    """

    def __init__(
        self,
        rules: list[Rule],
        roots: list[str],
        env: Optional[Mapping[str, str]] = None,
        os_name: Optional[str] = None,
    ) -> None:
        self.os_name = os_name = check_os_name(os_name)
        env = machine_env(os_name) if env is None else env
        self._win = os_name == "windows"
        self._fold = folds_case(os_name)
        self._sep = sep = "\\" if self._win else "/"
        pm = path_module(os_name)
        self._key = path_key_function(os_name)
        root_keys = [self._key(pm.normpath(r)) for r in roots]
        self._exact: dict[str, Rule] = {}
        self._filters: dict[str, _Filters] = {}
        glob_sources: list[str] = []
        self._glob_rules: dict[str, Rule] = {}
        for rule in rules:
            if not rule.paths:
                continue
            applicable = []
            for loc in expand_locations(rule, env, os_name):
                key = self._key(loc)
                if not any(_inside(key, root, sep) for root in root_keys):
                    continue
                applicable.append(key)
                if has_magic(key):
                    group = f"g{len(glob_sources)}"
                    glob_sources.append(f"(?P<{group}>{glob_to_regex(key, sep)})")
                    self._glob_rules[group] = rule
                else:
                    self._exact.setdefault(unescape(key), rule)
            if applicable and (rule.keep or rule.keep_names or rule.only_names):
                self._filters[rule.id] = _Filters(rule, applicable, sep, self._fold)
        self._glob_re = re.compile("|".join(glob_sources), re.DOTALL) if glob_sources else None
        self._compile_names([r for r in rules if r.names])

    def _compile_names(self, name_rules: list[Rule]) -> None:
        self._names: dict[str, Rule] = {}
        suffixes: list[tuple[str, Rule]] = []
        sources: list[str] = []
        self._name_groups: dict[str, Rule] = {}
        for rule in name_rules:
            for pattern in rule.names:
                low = pattern.lower()
                if not has_magic(low):
                    self._names.setdefault(unescape(low), rule)
                elif low.startswith("*") and not has_magic(low[1:]):
                    suffixes.append((unescape(low[1:]), rule))
                else:
                    group = f"n{len(sources)}"
                    sources.append(f"(?P<{group}>{glob_to_regex(low, '/')})")
                    self._name_groups[group] = rule
        self._suffix_rules = suffixes
        self._suffixes = tuple(s for s, _r in suffixes)
        self._name_re = re.compile("|".join(sources), re.DOTALL) if sources else None
        # Most names start with none of the patterns' literal beginnings: test that first.
        prefixes = tuple(_literal_prefix(p) for r in name_rules for p in r.names
                         if has_magic(p.lower()) and not (p.startswith("*") and not has_magic(p[1:])))
        self._name_prefixes = prefixes if all(prefixes) else None

    def dir_rule(self, dirpath: str, parent_rule: Optional[Rule]) -> Optional[Rule]:
        """The location rule governing the files directly in ``dirpath``, or None."""
        key = self._key(dirpath)
        rule = self._exact.get(key)
        if rule is not None:
            return rule
        if self._glob_re is not None:
            m = self._glob_re.fullmatch(key)
            if m is not None:
                return self._glob_rules[m.lastgroup or ""]
        if parent_rule is None:
            return None
        filters = self._filters.get(parent_rule.id)
        if filters is not None and filters.keeps_dir(key, self._sep):
            return None
        return parent_rule

    def file_rule(self, name: str, dir_rule: Optional[Rule]) -> Optional[Rule]:
        """The rule for file ``name`` in a directory governed by ``dir_rule`` (or None)."""
        if dir_rule is not None:
            filters = self._filters.get(dir_rule.id)
            if filters is None:
                return dir_rule
            folded = name.lower() if self._fold else name
            if filters.keep_names_re is not None and filters.keep_names_re.fullmatch(folded):
                return None
            if filters.only_re is None or filters.only_re.fullmatch(folded):
                return dir_rule
        low = name.lower()
        rule = self._names.get(low)
        if rule is not None:
            return rule
        if self._suffixes and low.endswith(self._suffixes):
            for suffix, rule in self._suffix_rules:
                if low.endswith(suffix):
                    return rule
        if self._name_re is not None and (self._name_prefixes is None or low.startswith(self._name_prefixes)):
            m = self._name_re.fullmatch(low)
            if m is not None:
                return self._name_groups[m.lastgroup or ""]
        return None


def _literal_prefix(pattern: str) -> str:
    """The lower-cased characters of a name glob before its first wildcard."""
    m = re.match(r"[^*?\[]*", pattern.lower())
    return m.group(0) if m else ""


def _inside(key: str, root: str, sep: str) -> bool:
    """True when location pattern ``key`` is equal to or inside the literal path ``root``."""
    k_parts = key.split(sep) if key != sep else [""]
    r_parts = root.split(sep) if root != sep else [""]
    if len(k_parts) < len(r_parts):
        return False
    for k, r in zip(k_parts, r_parts):
        if has_magic(k):
            if not re.fullmatch(glob_to_regex(k, sep), r, re.DOTALL):
                return False
        elif unescape(k) != r:
            return False
    return True


# ---------------------------------------------------------------- running programs

def _proc_name(name: str) -> str:
    name = name.lower()
    return name[:-4] if name.endswith(".exe") else name


def running_apps(process_names: Iterable[str]) -> set[str]:
    """The names among ``process_names`` that a running process has (case and .exe ignored)."""
    wanted: dict[str, set[str]] = {}
    for name in process_names:
        wanted.setdefault(_proc_name(name), set()).add(name)
    found: set[str] = set()
    if not wanted:
        return found
    import psutil  # here: a scan that finds no temp file never needs it (start-up)

    for proc in psutil.process_iter(["name"]):
        pname = proc.info.get("name")
        if pname:
            hit = wanted.get(_proc_name(pname))
            if hit:
                found |= hit
    return found


def open_file_paths() -> set[str]:
    """Paths of the files that processes this user may inspect hold open (or map, on Linux)."""
    import psutil  # here: a scan that finds no temp file never needs it (start-up)

    paths: set[str] = set()
    linux = sys.platform.startswith("linux")
    for proc in psutil.process_iter():
        try:
            paths.update(f.path for f in proc.open_files())
        except (psutil.Error, OSError):
            pass
        if linux:
            try:
                with open(f"/proc/{proc.pid}/maps", encoding="utf-8", errors="surrogateescape") as fh:
                    for line in fh:
                        parts = line.rstrip("\n").split(None, 5)
                        if len(parts) == 6 and parts[5].startswith("/"):
                            paths.add(parts[5])
            except OSError:
                pass
    return {os.path.normcase(p) for p in paths}


def is_core_dump(path: str) -> bool:
    """ELF core (ET_CORE), Mach-O core (MH_CORE) or Windows minidump, by its first bytes."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            head = os.read(fd, 20)
        finally:
            os.close(fd)
    except OSError:
        return False
    if head[:4] == b"MDMP":
        return True
    if head[:4] == b"\x7fELF" and len(head) >= 18:
        order: Literal["little", "big"] = "little" if head[5] == 1 else "big"
        return int.from_bytes(head[16:18], order) == 4
    if head[:4] in (b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe") and len(head) >= 16:
        return int.from_bytes(head[12:16], "little") == 4
    if head[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf") and len(head) >= 16:
        return int.from_bytes(head[12:16], "big") == 4
    return False


# ---------------------------------------------------------------- finalize

# Why a temp/cache file is not proposed: the scan's notes carry the short code ("gone"...) and
# the English text; both languages are in the core's table under "temp.<code>" (core.messages).
TEMP_CODES = ("unknown-rule", "gone", "unreadable", "not-a-file", "not-owner", "recent", "not-core-dump",
              "app-running", "open", "never", "user-data")
REASONS = {code: word(f"temp.{code}") for code in TEMP_CODES}


def _note(path: str, rule_id: Optional[str], code: str, **extra: Any) -> dict[str, Any]:
    return {"path": path, "rule": rule_id, "code": code, "reason": REASONS[code], **extra}


def finalize_temp(
    candidates: list[dict[str, Any]],
    rules_by_id: dict[str, Any],
    now: Optional[float] = None,
    open_paths: Optional[set[str]] = None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split walk candidates into proposable temp items and notes on what was left out.

    Items get "safety", "label" and "app_running" (Q rules: one of the owning program's
    processes runs). Each file is re-read (lstat) so a vanished or changed file is not
    proposed on stale data. R and N rules are summed into one note per rule.
    """
    now = time.time() if now is None else now
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    notes: list[dict[str, Any]] = []
    reported: dict[str, dict[str, Any]] = {}
    pending: list[tuple[dict[str, Any], Rule]] = []
    for cand in candidates:
        path, rule = cand["path"], rules_by_id.get(cand.get("rule") or "")
        if rule is None:
            notes.append(_note(path, cand.get("rule"), "unknown-rule"))
            continue
        if not rule.proposable:
            agg = reported.get(rule.id)
            if agg is None:
                agg = reported[rule.id] = _note(
                    path, rule.id, "never" if rule.safety == "N" else "user-data",
                    safety=rule.safety, label=rule.label, count=0, size=0, allocated=0, paths=[],
                )
            agg["count"] += 1
            agg["size"] += cand.get("size", 0)
            agg["allocated"] += cand.get("allocated", 0)
            agg["paths"].append(path)
            continue
        try:
            st = fileid.lstat(path)
        except FileNotFoundError:
            notes.append(_note(path, rule.id, "gone"))
            continue
        except OSError as exc:
            notes.append(_note(path, rule.id, "unreadable", error=exc.strerror or str(exc)))
            continue
        if not stat.S_ISREG(st.st_mode):
            notes.append(_note(path, rule.id, "not-a-file"))
        elif rule.owner_only and uid is not None and st.st_uid != uid:
            notes.append(_note(path, rule.id, "not-owner"))
        elif rule.min_age_hours and now - st.st_mtime < rule.min_age_hours * 3600:
            notes.append(_note(path, rule.id, "recent", min_age_hours=rule.min_age_hours))
        elif rule.check == "core-dump" and not is_core_dump(path):
            notes.append(_note(path, rule.id, "not-core-dump"))
        else:
            if not fileid.known(cand.get("dev"), cand.get("ino")):  # Windows walk: identity read now
                cand = {**cand, "dev": st.st_dev, "ino": st.st_ino}
            pending.append((cand, rule))

    watched = {p for _c, r in pending if r.safety == "Q" or r.skip_if_running for p in r.processes}
    running = running_apps(watched) if watched else set()
    if pending and open_paths is None:
        open_paths = open_file_paths()
    open_set = {os.path.normcase(p) for p in open_paths or ()}
    real_dirs: dict[str, str] = {}
    items: list[dict[str, Any]] = []
    for cand, rule in pending:
        path = cand["path"]
        app_running = any(p in running for p in rule.processes)
        if rule.skip_if_running and app_running:
            notes.append(_note(path, rule.id, "app-running", processes=list(rule.processes)))
            continue
        if open_set and _is_open(path, open_set, real_dirs):
            notes.append(_note(path, rule.id, "open"))
            continue
        item = dict(cand)
        item.update(safety=rule.safety, label=rule.label, app_running=rule.safety == "Q" and app_running)
        items.append(item)
    for agg in reported.values():
        paths = agg.pop("paths")
        try:
            agg["path"] = os.path.commonpath(paths) if len(paths) > 1 else paths[0]
        except ValueError:
            agg["path"] = paths[0]
        notes.append(agg)
    return items, notes


def _is_open(path: str, open_set: set[str], real_dirs: dict[str, str]) -> bool:
    if os.path.normcase(path) in open_set:
        return True
    parent, name = os.path.split(path)
    real = real_dirs.get(parent)
    if real is None:
        real = real_dirs[parent] = os.path.realpath(parent)
    return os.path.normcase(os.path.join(real, name)) in open_set

"""Temp and cache cleaning rules: shipped TOML data files, validated when loaded.

One file per target and per OS under ``cleanup_desktop/data/rules/<os>/`` (plus
``common/`` for rules every OS shares). A rule is either a *location* rule (``paths``: the
folders whose files it governs) or a *name* rule (``names``: leftover files matched by name
wherever the scan finds them). docs/temp-rules.md describes the file format.

Path expansion is pure: it takes the environment as a mapping and the target OS by name, so
the Windows and macOS expansions are testable anywhere.
"""

from __future__ import annotations

import ntpath
import os
import posixpath
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Optional, Union

from cleanup_desktop.core.fileid import running_os

OS_NAMES = ("linux", "windows", "macos")
SAFETY_LEVELS = ("S", "Q", "R", "N")  # safe / close the app first / user data: report / never
CHECKS = ("core-dump",)
VARIABLES = frozenset(
    {"HOME", "TMPDIR", "LOCALAPPDATA", "APPDATA", "WINDIR", "USERPROFILE", "PROGRAMDATA",
     "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "UID", "MOUNT"}
)
# Environment key holding the mount points / drive roots {MOUNT} expands to, separated by
# the target OS's path list separator (";" on Windows, ":" elsewhere).
MOUNTS_KEY = "CLEANUP_MOUNTS"
_VAR_RE = re.compile(r"\{([^{}]*)\}")
_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class RuleError(ValueError):
    """A rule file is unreadable or holds bad data; the message names the file and field."""


@dataclass(frozen=True, repr=False)
class Rule:
    id: str
    label: str
    description: str
    label_fr: str
    description_fr: str
    safety: str  # "S", "Q", "R" or "N"
    os: str  # "linux", "windows", "macos" or "common"
    paths: tuple[str, ...] = ()  # location globs with {VARIABLES}, "/" separated
    names: tuple[str, ...] = ()  # leftover name globs (name rules)
    only_names: tuple[str, ...] = ()  # location rules: only files with these names
    keep: tuple[str, ...] = ()  # relative paths below a location that are left alone
    keep_names: tuple[str, ...] = ()  # names left alone at any depth below a location
    min_age_hours: float = 0.0
    processes: tuple[str, ...] = ()  # process names of the owning application
    skip_if_running: bool = False  # S rules: leave the files while one of processes runs
    owner_only: bool = False  # only files the current user owns (shared /tmp)
    admin: bool = False  # cleaning it needs administrator rights
    check: str = ""  # content check before proposing a file ("core-dump")
    only_os: tuple[str, ...] = ()  # common rules: restrict to these OSes
    source: str = ""  # the data file it came from

    def __repr__(self) -> str:
        return f"Rule({self.id!r}, os={self.os!r}, safety={self.safety!r})"

    @property
    def is_location(self) -> bool:
        return bool(self.paths)

    @property
    def proposable(self) -> bool:
        """True when files under this rule may be proposed for deletion (S and Q)."""
        return self.safety in ("S", "Q")


# ---------------------------------------------------------------- loading and validation

_STR_FIELDS = ("id", "label", "description", "label_fr", "description_fr", "safety")
_LIST_FIELDS = ("paths", "names", "only_names", "keep", "keep_names", "processes", "os")
_BOOL_FIELDS = ("skip_if_running", "owner_only", "admin")
_ALL_FIELDS = frozenset(_STR_FIELDS + _LIST_FIELDS + _BOOL_FIELDS + ("min_age_hours", "check"))


@lru_cache(maxsize=1)
def current_os() -> str:
    return running_os()


def check_os_name(os_name: Optional[str]) -> str:
    name = os_name or current_os()
    if name not in OS_NAMES:
        raise ValueError(f"unknown OS name {name!r}: expected one of {', '.join(OS_NAMES)}")
    return name


def _default_rules_dir() -> Traversable:
    return resources.files("cleanup_desktop").joinpath("data", "rules")


def parse_rule(data: object, source: str, folder: str) -> Rule:
    """Validate one decoded TOML document; ``folder`` is the OS folder ("common" included)."""

    def fail(field: str, why: str) -> RuleError:
        return RuleError(f"{source}: field '{field}': {why}")

    if not isinstance(data, dict):
        raise RuleError(f"{source}: not a table of fields")
    unknown = sorted(set(data) - _ALL_FIELDS)
    if unknown:
        raise fail(unknown[0], f"unknown field (allowed: {', '.join(sorted(_ALL_FIELDS))})")
    for key in _STR_FIELDS:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(key, "required, must be a non-empty string")
    for key in _LIST_FIELDS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise fail(key, "must be a list of non-empty strings")
    for key in _BOOL_FIELDS:
        if not isinstance(data.get(key, False), bool):
            raise fail(key, "must be true or false")
    rule_id, safety = data["id"], data["safety"]
    if not _ID_RE.match(rule_id):
        raise fail("id", f"{rule_id!r} must be lower-case words joined by '-'")
    stem = Path(source).stem
    if rule_id != stem:
        raise fail("id", f"{rule_id!r} must equal the file name without .toml ({stem!r})")
    if safety not in SAFETY_LEVELS:
        raise fail("safety", f"must be one of {', '.join(SAFETY_LEVELS)} (got {safety!r})")
    age = data.get("min_age_hours", 0)
    if isinstance(age, bool) or not isinstance(age, (int, float)) or age < 0:
        raise fail("min_age_hours", "must be a number of hours >= 0")
    check = data.get("check", "")
    if check not in ("",) + CHECKS:
        raise fail("check", f"must be one of {', '.join(CHECKS)} (got {check!r})")
    paths, names = data.get("paths", []), data.get("names", [])
    if bool(paths) == bool(names):
        raise fail("paths", "a rule needs either 'paths' (locations) or 'names' (leftovers), not both")
    for path in paths:
        _validate_path(path, folder, fail)
    if names:
        for key in ("only_names", "keep", "keep_names"):
            if data.get(key):
                raise fail(key, "only location rules (with 'paths') can have it")
    for entry in data.get("keep", []):
        if entry.startswith(("/", "\\")) or ".." in entry.replace("\\", "/").split("/"):
            raise fail("keep", f"{entry!r} must be a path relative to the location")
    only_os = data.get("os", [])
    if only_os and folder != "common":
        raise fail("os", "only rules in the common folder can be restricted to some OSes")
    for name in only_os:
        if name not in OS_NAMES:
            raise fail("os", f"unknown OS {name!r} (expected {', '.join(OS_NAMES)})")
    processes = data.get("processes", [])
    if safety == "Q" and not processes:
        raise fail("processes", "Q rules must name the processes of the application to close")
    if data.get("skip_if_running") and not processes:
        raise fail("skip_if_running", "needs 'processes' to know which programs to look for")
    return Rule(
        id=rule_id,
        label=data["label"].strip(),
        description=data["description"].strip(),
        label_fr=data["label_fr"].strip(),
        description_fr=data["description_fr"].strip(),
        safety=safety,
        os=folder,
        paths=tuple(paths),
        names=tuple(names),
        only_names=tuple(data.get("only_names", [])),
        keep=tuple(data.get("keep", [])),
        keep_names=tuple(data.get("keep_names", [])),
        min_age_hours=float(age),
        processes=tuple(processes),
        skip_if_running=data.get("skip_if_running", False),
        owner_only=data.get("owner_only", False),
        admin=data.get("admin", False),
        check=check,
        only_os=tuple(only_os),
        source=source,
    )


def _validate_path(path: str, folder: str, fail: Callable[[str, str], Exception]) -> None:
    for var in _VAR_RE.findall(path):
        if var not in VARIABLES:
            raise fail("paths", f"{path!r}: unknown variable {{{var}}} (known: {', '.join(sorted(VARIABLES))})")
    if "{" in _VAR_RE.sub("", path) or "}" in _VAR_RE.sub("", path):
        raise fail("paths", f"{path!r}: unbalanced braces")
    if "\\" in path:
        raise fail("paths", f"{path!r}: write paths with '/' (they are converted per OS)")
    if ".." in path.split("/"):
        raise fail("paths", f"{path!r}: '..' is not allowed")
    absolute = path.startswith("{") or (path.startswith("/") and folder in ("linux", "macos"))
    if not absolute:
        raise fail("paths", f"{path!r}: must start with a variable such as {{HOME}}"
                   + (" or '/'" if folder in ("linux", "macos") else ""))


def _load_folder(base: Traversable, folder: str) -> list[Rule]:
    directory = base.joinpath(folder)
    if not directory.is_dir():
        return []
    rules = []
    for entry in sorted(directory.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        source = str(entry)
        try:
            data = tomllib.loads(entry.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise RuleError(f"{source}: not UTF-8 text ({exc.reason})") from None
        except tomllib.TOMLDecodeError as exc:
            raise RuleError(f"{source}: invalid TOML: {exc}") from None
        except OSError as exc:
            raise RuleError(f"{source}: cannot read: {exc.strerror or exc}") from None
        rules.append(parse_rule(data, source, folder))
    return rules


@lru_cache(maxsize=8)
def _load_shipped(os_name: str) -> tuple[Rule, ...]:
    return _load(os_name, None)


def _load(os_name: str, rules_dir: Optional[str]) -> tuple[Rule, ...]:
    base: Traversable = Path(rules_dir) if rules_dir is not None else _default_rules_dir()
    if rules_dir is not None and not base.is_dir():
        raise RuleError(f"{rules_dir}: rules folder not found")
    rules = _load_folder(base, os_name)
    rules += [r for r in _load_folder(base, "common") if not r.only_os or os_name in r.only_os]
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"{rule.source}: field 'id': {rule.id!r} is already used by {seen[rule.id]}")
        seen[rule.id] = rule.source
    return tuple(rules)


def load_rules(os_name: Optional[str] = None, rules_dir: Union[str, Path, None] = None) -> list[Rule]:
    """Rules for ``os_name`` (default: the running OS): its own folder, then ``common``.

    ``rules_dir`` replaces the shipped data folder (tests, custom rule sets). Raises
    :class:`RuleError` naming the file and the field on bad data.
    """
    name = check_os_name(os_name)
    if rules_dir is None:  # shipped data never changes while the program runs
        return list(_load_shipped(name))
    return list(_load(name, str(rules_dir)))


# ---------------------------------------------------------------- path expansion

def path_module(os_name: str) -> Any:
    return ntpath if os_name == "windows" else posixpath


def folds_case(os_name: str) -> bool:
    """Windows and (by default) macOS file systems ignore case in names."""
    return os_name in ("windows", "macos")


def path_key_function(os_name: str) -> Callable[[str], str]:
    """A normalizer making paths of ``os_name`` comparable as strings: one separator, no
    Windows ``\\\\?\\`` prefix, no trailing separator, lower case where names ignore case."""
    win, fold = os_name == "windows", folds_case(os_name)
    sep = "\\" if win else "/"

    def key(path: str) -> str:
        if win:
            path = path.replace("/", "\\")
            if path.startswith("\\\\?\\"):
                path = path[4:]
        if fold:
            path = path.lower()
        if len(path) > 1 and path.endswith(sep):
            path = path.rstrip(sep) or sep
        return path

    return key


def _glob_escape(value: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", value)


def _lookup(env: Mapping[str, str], os_name: str) -> dict[str, list[str]]:
    """Values of every variable for ``os_name``, with the usual defaults filled in."""
    if os_name == "windows":  # Windows environment names ignore case
        env = {k.upper(): v for k, v in env.items()}
    def get(key: str) -> Optional[str]:
        return env.get(key) or None  # empty counts as unset

    values: dict[str, Optional[str]] = {}
    if os_name == "windows":
        profile = get("USERPROFILE")
        local = get("LOCALAPPDATA") or (profile and profile + "\\AppData\\Local")
        values.update(
            HOME=profile, USERPROFILE=profile, LOCALAPPDATA=local,
            APPDATA=get("APPDATA") or (profile and profile + "\\AppData\\Roaming"),
            TMPDIR=get("TEMP") or get("TMP") or (local and local + "\\Temp"),
            WINDIR=get("WINDIR") or get("SYSTEMROOT") or "C:\\Windows",
            PROGRAMDATA=get("PROGRAMDATA") or "C:\\ProgramData",
        )
        default_mounts = [get("SYSTEMDRIVE") or "C:"]
    else:
        home = get("HOME")
        values.update(
            HOME=home, TMPDIR=get("TMPDIR") or ("/tmp" if os_name == "linux" else None),
            XDG_CACHE_HOME=get("XDG_CACHE_HOME") or (home and home + "/.cache"),
            XDG_CONFIG_HOME=get("XDG_CONFIG_HOME") or (home and home + "/.config"),
            XDG_DATA_HOME=get("XDG_DATA_HOME") or (home and home + "/.local/share"),
            UID=get("UID") or (str(os.getuid()) if hasattr(os, "getuid") else None),
        )
        default_mounts = ["/"]
    if os_name == "macos":  # XDG folders are a Linux convention; macOS apps do not use them
        values.update(XDG_CACHE_HOME=None, XDG_CONFIG_HOME=None, XDG_DATA_HOME=None)
    out = {k: [_glob_escape(v)] for k, v in values.items() if v}
    mounts = get(MOUNTS_KEY)
    mount_list = mounts.split(";" if os_name == "windows" else ":") if mounts else default_mounts
    strip = "\\/" if os_name == "windows" else "/"
    out["MOUNT"] = [_glob_escape(m.rstrip(strip)) for m in mount_list if m]
    return out


def expand_locations(rule: Rule, env: Mapping[str, str], os_name: str) -> list[str]:
    """The absolute location patterns of ``rule`` on ``os_name`` given ``env``.

    Pure: nothing is read from the machine (except the user id when ``env`` lacks UID).
    Glob characters of the rule stay (``*``, ``?``, ``[...]``); characters from variable
    values are escaped (``[[]``). Locations needing an unset variable are left out. On macOS,
    /tmp, /var and /etc paths are also given under /private (their real place).
    """
    os_name = check_os_name(os_name)
    values = _lookup(env, os_name)
    pm = path_module(os_name)
    out: list[str] = []
    for pattern in rule.paths:
        partial = [""]
        for piece in re.split(r"(\{[A-Z_]+\})", pattern):
            if piece.startswith("{") and piece.endswith("}"):
                choices = values.get(piece[1:-1], [])
                partial = [p + c for p in partial for c in choices]
            else:
                partial = [p + piece for p in partial]
        for path in partial:
            if os_name == "windows":
                path = path.replace("/", "\\")
            path = pm.normpath(path)
            if not pm.isabs(path) or (os_name == "windows" and not pm.splitdrive(path)[0]):
                continue
            variants = [path]
            if os_name == "macos":
                for prefix in ("/tmp", "/var", "/etc"):
                    if path == prefix or path.startswith(prefix + "/"):
                        variants.append("/private" + path)
            for v in variants:
                if v not in out:
                    out.append(v)
    return out


def machine_env(os_name: Optional[str] = None) -> dict[str, str]:
    """os.environ plus what this machine adds for its own OS: TMPDIR, UID, mount points."""
    os_name = check_os_name(os_name)
    env = dict(os.environ)
    if os_name != current_os():
        return env
    import tempfile

    if os_name != "windows":
        env.setdefault("TMPDIR", tempfile.gettempdir())
        if hasattr(os, "getuid"):
            env.setdefault("UID", str(os.getuid()))
    if MOUNTS_KEY not in env:
        mounts = _linux_disk_mounts() if os_name == "linux" else None
        if mounts is None:
            try:
                import psutil

                mounts = [p.mountpoint for p in psutil.disk_partitions(all=False)]
            except Exception:  # noqa: BLE001 - mount listing is best effort
                mounts = []
        if mounts:
            env[MOUNTS_KEY] = (";" if os_name == "windows" else ":").join(mounts)
    return env


def _linux_disk_mounts(filesystems: str = "/proc/filesystems", table: Optional[str] = None) -> Optional[list[str]]:
    """Mount points of disk file systems, read from /proc as psutil.disk_partitions(all=False)
    reads them (file system types not marked "nodev" in /proc/filesystems, zfs included; a
    device of "none" is none), without importing psutil at every scan's start. None when
    /proc cannot be read (then psutil answers)."""
    try:
        fstypes = set()
        with open(filesystems, encoding="utf-8", errors="surrogateescape") as fh:
            for line in fh:
                fields = line.split()
                if not fields:
                    continue
                if fields[0] != "nodev":
                    fstypes.add(fields[0])
                elif fields[1:] == ["zfs"]:
                    fstypes.add("zfs")
        if table is None:
            table = "/etc/mtab" if os.path.isfile("/etc/mtab") else "/proc/self/mounts"
        with open(os.path.realpath(table), encoding="utf-8", errors="surrogateescape") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    mounts = []
    for line in lines:
        fields = line.split()
        if len(fields) < 3:
            continue
        device, mountpoint, fstype = fields[0], fields[1], fields[2]
        if device in ("none", "") or fstype not in fstypes:
            continue
        # getmntent's escapes: space, tab, newline and backslash as \ooo
        mounts.append(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), mountpoint))
    return mounts


def default_temp_locations(
    os_name: Optional[str] = None,
    env: Optional[Mapping[str, str]] = None,
    safety: Iterable[str] = ("S", "Q"),
    rules: Optional[list[Rule]] = None,
) -> list[tuple[Rule, str]]:
    """(rule, folder) for every location of this OS that exists on this machine.

    By default only the levels that may be proposed (S, Q): pass ``safety="SQRN"`` to also
    list the trash and the never-touched locations (to report their size).
    """
    import glob

    os_name = check_os_name(os_name)
    env = machine_env(os_name) if env is None else env
    levels = set(safety)
    out: list[tuple[Rule, str]] = []
    seen = set()
    for rule in load_rules(os_name) if rules is None else rules:
        if rule.safety not in levels or not rule.paths:
            continue
        for pattern in expand_locations(rule, env, os_name):
            for path in sorted(glob.glob(pattern)):
                if os.path.isdir(path) and not os.path.islink(path) and (rule.id, path) not in seen:
                    seen.add((rule.id, path))
                    out.append((rule, path))
    return out


def temp_roots(os_name: Optional[str] = None, env: Optional[Mapping[str, str]] = None,
               rules: Optional[list[Rule]] = None) -> list[str]:
    """The outermost existing S/Q locations: extra scan roots to cover this OS's temp files."""
    found = default_temp_locations(os_name, env, rules=rules)
    paths = sorted({p for _r, p in found}, key=lambda p: (len(p), p))
    kept: list[str] = []
    for path in paths:
        if not any(path == k or path.startswith(k.rstrip(os.sep) + os.sep) for k in kept):
            kept.append(path)
    return kept


# ---------------------------------------------------------------- glob -> regex

def glob_to_regex(pattern: str, sep: str) -> str:
    """Regex source for a glob where ``*``/``?``/``[...]`` never cross ``sep``."""
    not_sep = "[^" + re.escape(sep) + "]"
    out, i, n = [], 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == "*":
            out.append(not_sep + "*")
        elif c == "?":
            out.append(not_sep)
        elif c == "[":
            j = i
            if j < n and pattern[j] in "!^":
                j += 1
            if j < n and pattern[j] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                j += 1
            if j >= n:
                out.append(re.escape(c))
                continue
            body = pattern[i:j]
            i = j + 1
            negate = body[:1] in ("!", "^")
            if negate:
                body = body[1:]
            body = body.replace("\\", "\\\\").replace("^", "\\^")
            out.append(("[^" + re.escape(sep) if negate else "[") + body + "]")
        else:
            out.append(re.escape(c))
    return "".join(out)


def has_magic(pattern: str) -> bool:
    return re.search(r"[*?\[]", re.sub(r"\[[*?\[]\]", "", pattern)) is not None


def unescape(pattern: str) -> str:
    return re.sub(r"\[([*?\[])\]", r"\1", pattern)

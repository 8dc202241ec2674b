"""System and program folders that are never offered for cleaning, and folders the walk skips.

Both checks are pure (the OS is a parameter, the environment a mapping) so every OS's
rules are testable on any machine, and cheap: the walker calls them for every directory.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping, Optional

from cleanup_desktop.core.disk.rules import check_os_name, current_os, path_key_function

APP_NAME = "cleanup-desktop"

# (protected trees, exceptions inside them, top-level name prefixes that are protected)
_POSIX = {
    "linux": (
        ("/bin", "/boot", "/dev", "/etc", "/lost+found", "/nix", "/opt", "/proc", "/run", "/sbin",
         "/snap", "/srv", "/sys", "/usr", "/var"),
        ("/var/tmp",),
        ("/lib",),  # /lib, /lib32, /lib64, /libx32
    ),
    "macos": (
        ("/System", "/Library", "/Applications", "/private", "/usr", "/bin", "/sbin", "/etc",
         "/var", "/opt", "/dev", "/.vol", "/.fseventsd", "/.Spotlight-V100",
         "/.DocumentRevisions-V100"),
        ("/private/tmp", "/private/var/folders", "/private/var/tmp", "/var/folders", "/var/tmp"),
        (),
    ),
}
# Protected on every Windows drive (relative to the drive root).
_WINDOWS_TOP = (
    "Windows", "Program Files", "Program Files (x86)", "ProgramData", "System Volume Information",
    "Recovery", "Boot", "$WinREAgent", "$Windows.~BT", "$Windows.~WS", "Config.Msi",
    "pagefile.sys", "hiberfil.sys", "swapfile.sys", "bootmgr",
)
_WINDOWS_EXCEPT = ("Windows\\Temp",)
# Environment variables naming Windows system and program folders (+ suffix under them).
_WINDOWS_ENV = (
    ("WINDIR", ""), ("SYSTEMROOT", ""), ("PROGRAMFILES", ""), ("PROGRAMFILES(X86)", ""),
    ("PROGRAMW6432", ""), ("PROGRAMDATA", ""), ("LOCALAPPDATA", "\\Programs"),
    ("LOCALAPPDATA", "\\Microsoft\\WindowsApps"),
)
_WINDOWS_KEYS = tuple(sorted({k for k, _s in _WINDOWS_ENV}))


class _Checker:
    def __init__(self, os_name: str, trees: Iterable[str], exceptions: Iterable[str],
                 top_prefixes: Iterable[str]) -> None:
        self.win = os_name == "windows"
        self.sep = "\\" if self.win else "/"
        self.norm = path_key_function(os_name)
        self.by_top: dict[str, list[str]] = {}
        for tree in trees:
            tree = self.norm(tree)
            self.by_top.setdefault(self.top(tree), []).append(tree)
        self.exceptions = tuple(self.norm(e) for e in exceptions)
        self.top_prefixes = tuple(self.norm(p) for p in top_prefixes)

    def top(self, path: str) -> str:
        return self.sep.join(path.split(self.sep, 2)[:2])

    def __call__(self, path: str) -> bool:
        p = self.norm(path)
        sep = self.sep
        top = self.top(p)
        trees = self.by_top.get(top)
        if trees is None:
            return bool(self.top_prefixes) and top.startswith(self.top_prefixes)
        for tree in trees:
            if p == tree or p.startswith(tree + sep):
                for exc in self.exceptions:
                    if p == exc or p.startswith(exc + sep):
                        return False
                return True
        return False


@lru_cache(maxsize=8)
def _posix_checker(os_name: str) -> _Checker:
    return _Checker(os_name, *_POSIX[os_name])


@lru_cache(maxsize=8)
def _windows_checker(values: tuple[Any, ...]) -> _Checker:
    env = dict(values)
    drives = [chr(c) + ":" for c in range(ord("A"), ord("Z") + 1)]
    trees = [f"{d}\\{t}" for d in drives for t in _WINDOWS_TOP]
    trees += [env[k] + suffix for k, suffix in _WINDOWS_ENV if env.get(k)]
    exceptions = [f"{d}\\{e}" for d in drives for e in _WINDOWS_EXCEPT]
    if env.get("WINDIR"):
        exceptions.append(env["WINDIR"] + "\\Temp")
    return _Checker("windows", trees, exceptions, ())


def _windows_values(env: Optional[Mapping[str, str]]) -> tuple[Any, ...]:
    if env is None and current_os() == "windows":  # os.environ ignores case there
        return tuple((k, os.environ.get(k)) for k in _WINDOWS_KEYS)
    upper = {k.upper(): v for k, v in (env or {}).items()}
    return tuple((k, upper.get(k)) for k in _WINDOWS_KEYS)


def is_protected(path: str, os_name: Optional[str] = None, env: Optional[Mapping[str, str]] = None) -> bool:
    """True for OS system folders and program folders and everything inside them.

    Temp folders inside them stay open (/var/tmp, C:\\Windows\\Temp, macOS /private/tmp and
    /private/var/folders). Home folders are never protected (root's /root is a home too).
    ``env`` (Windows only) supplies WINDIR, ProgramFiles... (default: os.environ).
    """
    if os_name is None:
        os_name = _RUNNING_OS
    if os_name == "windows":
        return _windows_checker(_windows_values(env))(path)
    checker = _POSIX_CHECKERS.get(os_name)
    if checker is None:
        checker = _posix_checker(check_os_name(os_name))
    return checker(path)


_RUNNING_OS = current_os()
_POSIX_CHECKERS = {name: _posix_checker(name) for name in _POSIX}


# ---------------------------------------------------------------- walk exclusions

_NAMES = frozenset({".git", ".hg", ".svn", ".bzr", ".Trash", ".Trashes",
                    ".cleanup-desktop-quarantine"})  # the quarantine of drives without a trash (core.disk.trash)
_NAMES_ANY_CASE = frozenset({"$recycle.bin", "recycler"})
_PSEUDO_FS = {"linux": ("/proc", "/sys", "/dev", "/run"), "macos": ("/dev",), "windows": ()}
_ENV_KEYS = ("HOME", "USERPROFILE", "LOCALAPPDATA", "APPDATA", "XDG_DATA_HOME", "XDG_CACHE_HOME",
             "XDG_CONFIG_HOME", "XDG_STATE_HOME", "CLEANUP_DESKTOP_DATA_DIR")
EXCLUDE_ENV_KEYS = _ENV_KEYS  # what the folders skipped depend on besides paths and options (the rescan index key)


def default_excluded_dir_names() -> frozenset[str]:
    """Folder names the walk never enters: trash folders and version-control internals.

    Besides these exact names, ``.Trash-<uid>`` folders are skipped, and $RECYCLE.BIN /
    RECYCLER whatever their case.
    """
    return _NAMES | {"$RECYCLE.BIN", "RECYCLER"}


def excluded_dir_paths(os_name: Optional[str] = None, env: Optional[Mapping[str, str]] = None) -> list[str]:
    """Absolute folders the walk never enters: the user trash, this app's own data folders
    (platformdirs locations for "cleanup-desktop") and system pseudo file systems."""
    os_name = check_os_name(os_name)
    if env is None:
        env = os.environ
    if os_name == "windows":
        env = {k.upper(): v for k, v in env.items()}
    def get(k: str) -> Optional[str]:
        return env.get(k) or None

    paths: list[str] = list(_PSEUDO_FS[os_name])
    if os_name == "windows":
        profile = get("USERPROFILE")
        local = get("LOCALAPPDATA") or (profile and profile + "\\AppData\\Local")
        roaming = get("APPDATA") or (profile and profile + "\\AppData\\Roaming")
        paths += [p + "\\" + APP_NAME for p in (local, roaming) if p]
    elif os_name == "macos":
        home = get("HOME")
        if home:
            lib = home + "/Library/"
            paths += [home + "/.Trash"] + [lib + d + "/" + APP_NAME for d in
                                          ("Application Support", "Caches", "Preferences", "Logs")]
    else:
        home = get("HOME")
        xdg = {k: get(k) or (home and home + d) for k, d in (
            ("XDG_DATA_HOME", "/.local/share"), ("XDG_CACHE_HOME", "/.cache"),
            ("XDG_CONFIG_HOME", "/.config"), ("XDG_STATE_HOME", "/.local/state"))}
        paths += [v + "/" + APP_NAME for v in xdg.values() if v]
        if xdg["XDG_DATA_HOME"]:
            paths.append(xdg["XDG_DATA_HOME"] + "/Trash")
        if home:
            paths.append(home + "/.local/share/Trash")
    data_dir = get("CLEANUP_DESKTOP_DATA_DIR")
    if data_dir:
        paths.append(data_dir)
    if os_name == current_os() and env is os.environ:
        import platformdirs

        paths += [platformdirs.user_data_dir(APP_NAME), platformdirs.user_cache_dir(APP_NAME),
                  platformdirs.user_config_dir(APP_NAME)]
    out: list[str] = []
    for p in paths:
        if p not in out:
            out.append(p)
    return out


def make_dir_excluder(os_name: Optional[str] = None, env: Optional[Mapping[str, str]] = None
                      ) -> Callable[[str, str], bool]:
    """A fast ``exclude(path, name) -> bool`` for the walker, with everything precomputed."""
    os_name = check_os_name(os_name)
    norm = path_key_function(os_name)
    excluded = frozenset(norm(p) for p in excluded_dir_paths(os_name, env))
    names, any_case = _NAMES, _NAMES_ANY_CASE

    def exclude(path: str, name: str) -> bool:
        if name in names or name.startswith(".Trash-") or name.lower() in any_case:
            return True
        return norm(path) in excluded

    return exclude


@lru_cache(maxsize=16)
def _cached_excluder(os_name: str, values: tuple[Any, ...]) -> Callable[[str, str], bool]:
    return make_dir_excluder(os_name, None)


_HOME_TRASH_SUFFIX = os.sep + os.path.join(".local", "share", "Trash")


def is_excluded_dir(path: str, name: str, os_name: Optional[str] = None,
                    env: Optional[Mapping[str, str]] = None) -> bool:
    """True for folders the walk skips by default (see :func:`default_excluded_dir_names`
    and :func:`excluded_dir_paths`). ``name`` is the last component of ``path``.

    Called for every folder of a scan: names decide most cases without reading the
    environment (every excluded path ends with one of ``EXCLUDED_PATH_NAMES`` or with the
    name of the CLEANUP_DESKTOP_DATA_DIR folder)."""
    if name in _NAMES or name.startswith(".Trash-"):
        return True
    if name == "Trash" and path.endswith(_HOME_TRASH_SUFFIX):
        return True  # any user's freedesktop home trash, not only ours (scanning /home)
    low = name.lower()
    if low in _NAMES_ANY_CASE:
        return True
    if env is not None:
        return make_dir_excluder(os_name, env)(path, name)
    if low not in EXCLUDED_PATH_NAMES:
        data_dir = _data_dir_setting()
        if not data_dir or _base_name(data_dir) != low:
            return False
    os_name = check_os_name(os_name)
    return _cached_excluder(os_name, tuple(os.environ.get(k) for k in _ENV_KEYS))(path, name)


# Last components of every path excluded_dir_paths() can return (lower case), besides the
# CLEANUP_DESKTOP_DATA_DIR folder; tests check that this stays true.
EXCLUDED_PATH_NAMES = frozenset({APP_NAME, "trash", ".trash", "cache", "proc", "sys", "dev", "run"})


def _data_dir_setting() -> Optional[str]:
    """os.environ.get("CLEANUP_DESKTOP_DATA_DIR") without its cost: a missing key makes
    os.environ raise and catch KeyError (~2 us), too slow for once per folder."""
    data, key = getattr(os.environ, "_data", None), _DATA_KEY
    if data is None or key is None:
        return os.environ.get("CLEANUP_DESKTOP_DATA_DIR")
    value = data.get(key)
    return None if value is None else os.environ.decodevalue(value)


try:
    _DATA_KEY: Optional[str] = os.environ.encodekey("CLEANUP_DESKTOP_DATA_DIR")
except AttributeError:  # not CPython's os._Environ
    _DATA_KEY = None


def _base_name(path: str) -> str:
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1].lower()

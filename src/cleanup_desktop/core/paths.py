"""Where Cleanup Desktop keeps its own files, per user (no admin rights needed).

One place for every location, all from platformdirs with the same app name and no author
folder, so the CLI, the engine and the GUI agree on every OS:

- data (the journal, sheets, devices, the demo folder): ``data_dir()``
- configuration (``gui.ini``, ``mail-accounts.json``): ``config_dir()``
- cache (the hash cache): ``cache_dir()``
- logs (rotating ``cleanup-desktop.log``): ``log_dir()``

Environment overrides (tests, portable installs): ``CLEANUP_DESKTOP_DATA_DIR``,
``CLEANUP_DESKTOP_CONFIG_DIR``, ``CLEANUP_DESKTOP_CACHE_DIR``, ``CLEANUP_DESKTOP_LOG_DIR``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from cleanup_desktop.core import fileid

APP_NAME = "cleanup-desktop"
DATA_DIR_ENV = "CLEANUP_DESKTOP_DATA_DIR"
CONFIG_DIR_ENV = "CLEANUP_DESKTOP_CONFIG_DIR"
CACHE_DIR_ENV = "CLEANUP_DESKTOP_CACHE_DIR"
LOG_DIR_ENV = "CLEANUP_DESKTOP_LOG_DIR"


def _dir(env: str, default, create: bool) -> Path:
    override = os.environ.get(env)
    path = Path(override) if override else Path(default(APP_NAME, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir(create: bool = True) -> Path:
    return _dir(DATA_DIR_ENV, platformdirs.user_data_dir, create)


def config_dir(create: bool = False) -> Path:
    return _dir(CONFIG_DIR_ENV, platformdirs.user_config_dir, create)


def cache_dir(create: bool = False) -> Path:
    return _dir(CACHE_DIR_ENV, platformdirs.user_cache_dir, create)


def log_dir(create: bool = False) -> Path:
    return _dir(LOG_DIR_ENV, platformdirs.user_log_dir, create)


def journal_path() -> Path:
    return data_dir() / "journal.jsonl"


def display_path(path: str) -> str:
    """A printable form of a path whose name may hold undecodable bytes (surrogate-escaped)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


_CONTROL = {c: f"\\x{c:02x}" for c in list(range(0x20)) + [0x7f] + list(range(0x80, 0xa0))}
_CONTROL.update({c: f"\\u{c:04x}" for c in (0x061c, 0x200e, 0x200f, 0x2028, 0x2029, *range(0x202a, 0x202f), *range(0x2066, 0x206a))})


def printable(text: str) -> str:
    """``text`` safe to show to a person (terminal, log line, label): control characters (ESC,
    newline, carriage return, C1 codes, line separators) and bidirectional overrides are written as
    ``\\xNN`` / ``\\uNNNN``, so a file name can neither rewrite the screen nor pass
    for another name. JSON output keeps the exact names."""
    if text.isprintable():
        return text
    return text.translate(_CONTROL)


def is_inside(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or lies below it (pure string test on absolute paths;
    names compare case-insensitively where the OS ignores case: Windows, macOS)."""
    folder = fileid.fold(os.path.normpath(os.path.abspath(folder)))
    path = fileid.fold(os.path.normpath(path))
    if path == folder:
        return True
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    return path.startswith(prefix)

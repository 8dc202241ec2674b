"""Where Cleanup Desktop keeps its own data (the journal), per user.

``CLEANUP_DESKTOP_DATA_DIR`` overrides the platformdirs location (tests, portable installs).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "cleanup-desktop"
DATA_DIR_ENV = "CLEANUP_DESKTOP_DATA_DIR"


def data_dir(create: bool = True) -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def journal_path() -> Path:
    return data_dir() / "journal.jsonl"


def display_path(path: str) -> str:
    """A printable form of a path whose name may hold undecodable bytes (surrogate-escaped)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")

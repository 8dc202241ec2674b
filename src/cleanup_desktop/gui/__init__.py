"""Desktop face of Cleanup Desktop (PySide6).

This package module stays free of Qt imports so that the command line can ask whether a
display exists, and print a clear message when none does, without ever loading Qt.
"""

from __future__ import annotations

import os
import sys
from typing import Optional, Sequence


def display_available(environ: Optional[dict] = None, platform: str = sys.platform) -> bool:
    """True when Qt can open a window: a display on Linux/BSD, or a platform chosen by hand."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return True
    if platform.startswith(("win", "darwin", "cygwin")):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


NO_DISPLAY_MESSAGE = (
    "cleanup-desktop: no display found (DISPLAY/WAYLAND_DISPLAY unset), so the window cannot "
    "open; use the command line instead, e.g. `cleanup-desktop scan ~/Documents` "
    "(see `cleanup-desktop --help`)."
)


def launch(argv: Optional[Sequence[str]] = None, demo: bool = False) -> int:
    """Open the desktop app; returns the process exit code."""
    if not display_available():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 2
    from cleanup_desktop.gui.app import run

    return run(list(argv or []), demo=demo)

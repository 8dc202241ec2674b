"""Desktop face of Cleanup Desktop (PySide6).

This package module stays free of Qt imports so that the command line can ask whether a
display exists, and print a clear message when none does, without ever loading Qt.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Optional, Sequence


def display_available(environ: Optional[dict] = None, platform: str = sys.platform) -> bool:
    """True when Qt can open a window: a display on Linux/BSD, or a platform chosen by hand."""
    env = os.environ if environ is None else environ
    if env.get("QT_QPA_PLATFORM"):
        return True
    if platform.startswith(("win", "darwin", "cygwin")):
        return True
    if env.get("WAYLAND_DISPLAY"):
        return True
    display = env.get("DISPLAY", "")
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if local and platform.startswith("linux"):
        # A local X display is a socket; when it is gone Qt would abort the process instead
        # of saying so (abstract sockets have no file: accept those when the file is absent
        # but an X authority is set up).
        return os.path.exists(f"/tmp/.X11-unix/X{local.group(1)}") or bool(env.get("XAUTHORITY"))
    return bool(display)


NO_DISPLAY_MESSAGE = (
    "cleanup-desktop: no display found (DISPLAY/WAYLAND_DISPLAY unset or unreachable), so the window cannot "
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

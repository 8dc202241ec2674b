"""Opening the window: whether a display exists, the message when none does, and the
launch itself. Free of Qt imports so that the command line can ask without ever loading Qt."""


from __future__ import annotations

import os
import re
import sys
from typing import Optional, Sequence


def display_available(environ: Optional[dict] = None, platform: str = sys.platform) -> bool:
    """True when Qt can open a window: a reachable display on Linux/BSD, or a platform that
    needs none. Qt aborts the whole process when its platform cannot start, so this is asked
    before Qt is ever loaded."""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0]
    if chosen and chosen not in ("xcb", "wayland", "wayland-egl"):
        return True  # offscreen, minimal, vnc, eglfs...: no display server needed
    if platform.startswith(("win", "darwin", "cygwin")):
        return True
    if env.get("WAYLAND_DISPLAY") and chosen != "xcb":
        return True
    if chosen.startswith("wayland"):
        return False
    return _x_display_reachable(env.get("DISPLAY", ""), env, platform)


def _x_display_reachable(display: str, env, platform: str) -> bool:
    local = re.fullmatch(r"(?:unix)?:(\d+)(?:\.\d+)?", display)
    if local and platform.startswith("linux"):
        # A local X display is a socket; when it is gone Qt would abort the process instead
        # of saying so (abstract sockets have no file: accept those when the file is absent
        # but an X authority is set up).
        return os.path.exists(f"/tmp/.X11-unix/X{local.group(1)}") or bool(env.get("XAUTHORITY"))
    remote = re.fullmatch(r"([^:/]+):(\d+)(?:\.\d+)?", display)
    if remote:
        import socket

        try:  # an X server over TCP listens on 6000 + display number
            with socket.create_connection((remote.group(1), 6000 + int(remote.group(2))), timeout=1.5):
                return True
        except OSError:
            return False
    return bool(display)


NO_DISPLAY_MESSAGE = (
    "cleanup-desktop: no display found (DISPLAY/WAYLAND_DISPLAY unset or unreachable), so the window cannot "
    "open; use the command line instead, e.g. `cleanup-desktop scan ~/Documents` "
    "(see `cleanup-desktop --help`)."
)


def no_display_message(environ: Optional[dict] = None) -> str:
    """The one line printed when the window cannot open; over SSH it says what to do."""
    env = os.environ if environ is None else environ
    if env.get("SSH_CONNECTION") or env.get("SSH_TTY"):
        return NO_DISPLAY_MESSAGE.replace(
            "so the window cannot open;",
            "so the window cannot open: this is an SSH session without X forwarding (connect with `ssh -X` for "
            "the window, or run the app on the computer's own desktop);")
    return NO_DISPLAY_MESSAGE


def launch(argv: Optional[Sequence[str]] = None, demo: bool = False, lang: Optional[str] = None) -> int:
    """Open the desktop app; returns the process exit code."""
    if not display_available():
        print(no_display_message(), file=sys.stderr)
        return 2
    from cleanup_desktop.gui.app import run

    return run(list(argv or []), demo=demo, lang=lang)

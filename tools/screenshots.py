"""Render every step of the desktop app to PNG, in English and in French.

    xvfb-run -a -s "-screen 0 1280x720x24" .venv/bin/python tools/screenshots.py [--out DIR] [--check]

(works offscreen too: QT_QPA_PLATFORM=offscreen). Runs the real flow after a realistic scan
(a French home folder with long paths, accents and many duplicate groups, see
gui.demo.make_sample_home) inside a throw-away HOME, so the user's trash, journal and
settings are never touched. The window is --size (1280x720 by default); --check prints every
text that is cut and every primary button outside the window (gui.layout_check) and exits 1
when there is one.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile


def isolate() -> str:
    home = tempfile.mkdtemp(prefix="cleanup-shots-")
    os.environ["HOME"] = home
    for var, sub in (("XDG_DATA_HOME", ".local/share"), ("XDG_CACHE_HOME", ".cache"),
                     ("XDG_CONFIG_HOME", ".config"), ("XDG_STATE_HOME", ".local/state")):
        os.makedirs(os.path.join(home, sub), exist_ok=True)
        os.environ[var] = os.path.join(home, sub)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    return home


def wait(app, condition, timeout: float = 60.0) -> None:
    import time

    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the app did not finish in time")
        app.processEvents()
        time.sleep(0.02)


def _shoot(window, app, name: str, out: str, lang: str) -> str:
    for _ in range(5):
        app.processEvents()
    path = os.path.join(out, f"{lang}-{name}.png")
    window.grab().save(path)
    return path


def dark_palette(app) -> None:
    """A dark theme, to check the window stays readable (the app itself follows the system)."""
    from PySide6.QtGui import QColor, QPalette

    app.setStyle("Fusion")
    p = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#262626"),
                         (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#3b73c4"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#353535"),
                         (QPalette.ColorRole.ToolTipText, "#e6e6e6"), (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
        p.setColor(role, QColor(colour))
    app.setPalette(p)


def run(out: str, lang: str, dark: bool = False, size: tuple[int, int] | None = (1280, 720),
        problems: list | None = None) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from cleanup_desktop.gui.app import create_window, make_app
    from cleanup_desktop.gui.demo import make_sample_home
    from cleanup_desktop.gui.layout_check import window_problems
    from cleanup_desktop.gui.session import Session

    app = make_app()
    if dark:
        dark_palette(app)
        lang_tag = f"{lang}-dark"
    else:
        lang_tag = lang
    session = Session()
    home = make_sample_home(tempfile.mkdtemp(prefix="home-"))
    # Each top folder is a source of its own, as Documents, Downloads, Pictures... would be.
    session.prefs.roots = [os.path.join(home, name) for name in sorted(os.listdir(home))]
    session.prefs.event_id, session.prefs.team = "DCD-2026", "Communication — Île-de-France"
    window = create_window(session, lang)
    if size is None:  # the whole available screen (logical pixels: QT_SCALE_FACTOR applies)
        available = app.primaryScreen().availableGeometry()
        size = (available.width(), available.height())
    window.resize(*size)
    window.show()
    problems = [] if problems is None else problems

    def shoot(window, app, name, out, lang_tag):  # noqa: F811 - also checks the layout
        path = _shoot(window, app, name, out, lang_tag)
        problems.extend(f"{lang_tag}-{name}: {p}" for p in window_problems(window))
        return path

    window.page("targets").set_temp_locations(lambda p: False)  # never this machine's own temp files
    shots = [shoot(window, app, "1-welcome", out, lang_tag)]
    window.show_page("targets")
    shots.append(shoot(window, app, "2-targets", out, lang_tag))
    window.page("targets").on_primary()
    wait(app, lambda: session.scan is not None)
    shots.append(shoot(window, app, "3-scan", out, lang_tag))
    window.show_page("review")
    review = window.page("review")
    shots.append(shoot(window, app, "4-review", out, lang_tag))
    for row in range(1, min(4, review.categories.count())):
        review.categories.setCurrentRow(row)
        shots.append(shoot(window, app, f"4-review-{review.categories.item(row).data(256)}", out, lang_tag))
    review.categories.setCurrentRow(0)
    window.page("review").on_primary()
    clean = window.page("clean")
    wait(app, lambda: clean.plan is not None)
    shots.append(shoot(window, app, "5-clean-confirm", out, lang_tag))
    clean.on_primary()
    wait(app, lambda: clean.report is not None)
    shots.append(shoot(window, app, "5-clean-results", out, lang_tag))
    window.show_page("bilan")
    bilan = window.page("bilan")
    wait(app, lambda: bilan.bilan is not None and not bilan.refreshing)
    shots.append(shoot(window, app, "6-bilan-in-trash", out, lang_tag))
    if bilan.empty_button.isEnabled():
        # "Empty what I trashed" asks first: shoot the question, then answer yes.
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QMessageBox

        def answer() -> None:
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(50, answer)
                return
            path = os.path.join(out, f"{lang_tag}-6-bilan-empty-question.png")
            box.grab().save(path)
            shots.append(path)
            [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole][0].click()

        QTimer.singleShot(100, answer)
        bilan.empty_trash()
        wait(app, lambda: bilan.task is not None and bilan.task.done)
        wait(app, lambda: not bilan.refreshing and bilan.bilan is not None and not bilan.bilan.in_trash_bytes)
    shots.append(shoot(window, app, "6-bilan", out, lang_tag))
    sheets = tempfile.mkdtemp(prefix="sheets-")
    from cleanup_desktop.gui.dialogs import export

    export.write(window, session, window.page("bilan").bilan, "json", os.path.join(sheets, "me.json"))
    organiser = window.page("organiser")
    window.show_page("organiser")
    organiser.load_folder(sheets)
    wait(app, lambda: organiser.aggregate is not None)
    shots.append(shoot(window, app, "7-organiser", out, lang_tag))
    from cleanup_desktop.gui.dialogs.settings import SettingsDialog

    dialog = SettingsDialog(session.prefs, window)
    dialog.show()
    app.processEvents()
    path = os.path.join(out, f"{lang_tag}-8-settings.png")
    dialog.grab().save(path)
    shots.append(path)
    from cleanup_desktop.gui.layout_check import widget_problems

    problems.extend(f"{lang_tag}-8-settings: {p}" for p in widget_problems(dialog))
    screen = app.primaryScreen().availableGeometry()
    if dialog.width() > screen.width() or dialog.height() > screen.height():
        problems.append(f"{lang_tag}-8-settings: the dialog ({dialog.width()}x{dialog.height()}) is larger than the "
                        f"screen ({screen.width()}x{screen.height()})")
    dialog.close()
    window.close()
    QApplication.processEvents()
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join("bench", "out", "screenshots"))
    parser.add_argument("--lang", action="append", choices=("en", "fr"))
    parser.add_argument("--dark", action="store_true", help="also render with a dark palette")
    parser.add_argument("--size", default="1280x720",
                        help="window size, WIDTHxHEIGHT (default 1280x720), or 'screen' for the whole screen")
    parser.add_argument("--check", action="store_true", help="list cut texts and off-window buttons; exit 1 if any")
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    size = None if args.size == "screen" else tuple(int(x) for x in args.size.lower().split("x"))
    problems: list[str] = []
    for lang in args.lang or ["en", "fr"]:
        isolate()  # a fresh home per language: each bilan shows its own cleanup only
        for path in run(out, lang, size=size, problems=problems):
            print(path)
    if args.dark:
        isolate()
        for path in run(out, (args.lang or ["en"])[0], dark=True, size=size, problems=problems):
            print(path)
    if args.check:
        for line in problems:
            print("CUT:", line)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())

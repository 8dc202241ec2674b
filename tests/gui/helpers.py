"""Shared set-up for the GUI tests: a temp folder with known findings, and the window."""

from __future__ import annotations

import os
import time

OLD = time.time() - 3 * 365 * 86400


def write(path, data: bytes, mtime: float | None = None) -> str:
    path = str(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def make_tree(root) -> dict:
    """Two duplicate groups, one large old file, one thumbnail in the (isolated) cache."""
    a = os.urandom(50_000)
    b = os.urandom(20_000)
    files = {
        "a_orig": write(root / "Documents" / "report.pdf", a, OLD),
        "a_copy": write(root / "Documents" / "report (1).pdf", a, OLD + 3600),
        "a_copy2": write(root / "Downloads" / "report.pdf", a),
        "b_orig": write(root / "Pictures" / "photo.jpg", b, OLD),
        "b_copy": write(root / "Pictures" / "Copy of photo.jpg", b),
        "big": write(root / "Videos" / "film.mp4", os.urandom(1_200_000), OLD),
        "unique": write(root / "Documents" / "notes.txt", b"my own notes\n" * 100),
    }
    cache = os.path.join(os.environ["XDG_CACHE_HOME"], "thumbnails", "large")
    files["thumb"] = write(os.path.join(cache, "0123456789abcdef.png"), os.urandom(9_000), OLD)
    return files


def make_window(qtbot, language: str = "en"):
    from cleanup_desktop.gui.app import create_window
    from cleanup_desktop.gui.session import Session

    window = create_window(Session(), language)
    qtbot.addWidget(window)
    window.show()
    return window


def answer_next_box(answer: str, seen: list | None = None, delay: int = 100) -> None:
    """Click "yes" (the destructive button) or "no" in the next modal message box, after
    checking "No" is its default; its text goes into ``seen``."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def press():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, press)
            return
        if seen is not None:
            seen.append((box.text(), box.defaultButton() is box.button(QMessageBox.StandardButton.No)))
        if answer == "no":
            box.button(QMessageBox.StandardButton.No).click()
        else:
            [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole][0].click()

    QTimer.singleShot(delay, press)

"""One question before anything permanent: in words, with the count and the size, "No" being
the default button (Enter or Escape answers No)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def ask_permanent(parent: QWidget, title: str, text: str, yes_text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton(QMessageBox.StandardButton.No)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setObjectName("confirm-permanent")
    box.exec()
    return box.clickedButton() is yes

"""Preview of the chosen file: image thumbnail or the start of a text file; open / show in folder."""

from __future__ import annotations

from cleanup_desktop.core.paths import printable

import os

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImageReader, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

TEXT_EXTS = {".txt", ".md", ".csv", ".log", ".json", ".xml", ".html", ".py", ".ini", ".cfg", ".toml", ".yaml", ".yml"}


class Preview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = ""
        # A strip under the list (the list keeps the whole width): picture or text start,
        # then the whole path and the two buttons.
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        self.picture = QLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setFixedSize(QSize(220, 96))
        self.picture.setWordWrap(True)
        self.picture.setAccessibleName(self.tr("Preview"))
        self.caption = QLabel(wordWrap=True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open"))
        self.open_button.clicked.connect(self.open_file)
        self.folder_button = QPushButton(self.tr("Show in fol&der"))
        self.folder_button.clicked.connect(self.open_folder)
        row.addWidget(self.open_button)
        row.addWidget(self.folder_button)
        row.addStretch(1)
        col = QVBoxLayout()
        col.addWidget(self.caption, 1)
        col.addLayout(row)
        line.addWidget(self.picture)
        line.addLayout(col, 1)
        self.setMaximumHeight(110)
        self.show_path("")

    def show_path(self, path: str) -> None:
        self.path = path
        self.open_button.setEnabled(bool(path))
        self.folder_button.setEnabled(bool(path))
        # The whole path (the list shows it from the scan root), breakable after each separator;
        # control characters escaped.
        shown = printable(path)
        self.caption.setText(shown.replace(os.sep, os.sep + "\u200b"))
        self.caption.setToolTip(shown)
        self.picture.setPixmap(QPixmap())
        if not path:
            self.picture.setText(self.tr("Choose a file to see a preview."))
            return
        reader = QImageReader(path)
        if reader.canRead():
            size = reader.size()
            if size.isValid():
                reader.setScaledSize(size.scaled(QSize(210, 90), Qt.AspectRatioMode.KeepAspectRatio))
            image = reader.read()
            if not image.isNull():
                self.picture.setPixmap(QPixmap.fromImage(image))
                return
        if os.path.splitext(path)[1].lower() in TEXT_EXTS:
            try:
                with open(path, "rb") as fh:
                    snippet = fh.read(300).decode("utf-8", "replace")
            except OSError as exc:
                snippet = str(exc)
            self.picture.setText(snippet)
            return
        self.picture.setText(self.tr("No preview for this kind of file."))

    def open_file(self) -> None:
        if self.path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self.path))

    def open_folder(self) -> None:
        if self.path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(os.path.dirname(self.path)))

"""One progress bar per source: phase, counts, bytes and time left."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QWidget

from cleanup_desktop.gui import format as fmt
from cleanup_desktop.gui.workers import EtaClock


def phase_name(phase: str) -> str:
    t = lambda s: QCoreApplication.translate("Phase", s)  # noqa: E731
    names = {
        "walk": t("Listing files"),
        "temp": t("Looking for temporary files"),
        "size": t("Grouping by size"),
        "hash-partial": t("Comparing the start of files"),
        "hash-head": t("Comparing the start of files"),
        "hash-tail": t("Comparing the end of files"),
        "hash-full": t("Comparing whole files"),
        "compare": t("Comparing byte by byte"),
        "large": t("Finding large and old files"),
        "done": t("Finished"),
    }
    return names.get(phase, phase)


class ProgressRow(QWidget):
    def __init__(self, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        self.title = QLabel(source)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until a total is known
        self.bar.setAccessibleName(source)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.bar, 1, 0)
        grid.addWidget(self.detail, 2, 0)
        self.clock = EtaClock()
        self.last_phase = ""

    def update_event(self, event) -> None:
        if event.phase != self.last_phase:
            self.last_phase = event.phase
            self.clock = EtaClock()
        fraction = event.fraction
        if fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(fraction * 1000))
        parts = [phase_name(event.phase)]
        if event.items_total:
            parts.append(self.tr("{0} of {1} files").format(fmt.number(event.items_done), fmt.number(event.items_total)))
        elif event.items_done:
            parts.append(self.tr("{0} files").format(fmt.number(event.items_done)))
        if event.bytes_done:
            parts.append(fmt.size(event.bytes_done))
        eta = self.clock.remaining(fraction)
        if eta is not None:
            parts.append(self.tr("about {0} left").format(fmt.duration(eta)))
        self.detail.setText(" · ".join(parts))

    def finish(self, text: str) -> None:
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.detail.setText(text)

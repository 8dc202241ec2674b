"""One progress bar per source: phase, counts, bytes and time left."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QProgressBar, QSizePolicy, QWidget

from cleanup_desktop.gui import format as fmt
from cleanup_desktop.gui.widgets.elided import ElidedLabel
from cleanup_desktop.gui.workers import EtaClock


def phase_name(phase: str) -> str:
    names = {
        "walk": QCoreApplication.translate("Phase", "Listing files"),
        "temp": QCoreApplication.translate("Phase", "Looking for temporary files"),
        "size": QCoreApplication.translate("Phase", "Grouping by size"),
        "hash-partial": QCoreApplication.translate("Phase", "Comparing the start of files"),
        "hash-head": QCoreApplication.translate("Phase", "Comparing the start of files"),
        "hash-tail": QCoreApplication.translate("Phase", "Comparing the end of files"),
        "hash-full": QCoreApplication.translate("Phase", "Comparing whole files"),
        "compare": QCoreApplication.translate("Phase", "Comparing byte by byte"),
        "large": QCoreApplication.translate("Phase", "Finding large and old files"),
        "done": QCoreApplication.translate("Phase", "Finished"),
        "clean": QCoreApplication.translate("Phase", "Checking and cleaning"),
        "mail-folders": QCoreApplication.translate("Phase", "Listing mail folders"),
        "mail-fetch": QCoreApplication.translate("Phase", "Reading mail sizes and headers"),
        "read-sheets": QCoreApplication.translate("Phase", "Reading the sheets"),
    }
    return names.get(phase, phase)


class ProgressRow(QWidget):
    """Never squashed: its height is fixed by its content (a long path is elided in the
    middle, the whole path on hover), so each source keeps one readable row."""

    def __init__(self, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.setVerticalSpacing(2)
        self.title = ElidedLabel(source)
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
            parts.append(self.tr("{0} of %Ln files", "", int(event.items_total)).format(fmt.number(event.items_done)))
        elif event.items_done:
            parts.append(self.tr("%Ln files", "", int(event.items_done)))
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

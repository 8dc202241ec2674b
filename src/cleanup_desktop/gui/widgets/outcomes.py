"""The results table of a clean: what was skipped for safety or failed, and why."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from cleanup_desktop.core.paths import display_path, printable
from cleanup_desktop.gui import format as fmt
from cleanup_desktop.gui.reasons import shown


class OutcomeList(QTreeWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([self.tr("File"), self.tr("Size"), self.tr("What happened")])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setColumnWidth(0, 420)
        self.setAccessibleName(self.tr("Items not cleaned, and why"))

    def show_outcomes(self, outcomes) -> None:
        self.clear()
        words = {"skipped": self.tr("Skipped for safety: {0}"), "failed": self.tr("Failed: {0}"),
                 "refused": self.tr("Refused (the plan asked for something its scan does not allow): {0}")}
        for o in outcomes:
            if o.status not in words:
                continue
            action = o.action
            where = printable(display_path(action.get("path") or action.get("folder") or ""))
            reason = printable(shown(o.reason))
            item = QTreeWidgetItem([where, fmt.size(action.get("size", 0)), words[o.status].format(reason)])
            item.setToolTip(2, reason)
            self.addTopLevelItem(item)

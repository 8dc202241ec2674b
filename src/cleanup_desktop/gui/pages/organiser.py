"""Organiser: aggregate a folder of measurement sheets, team ranking, export."""

from __future__ import annotations

from cleanup_desktop.gui import engine
from cleanup_desktop.gui.pages.base import Page


class OrganiserPage(Page):
    key = "organiser"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.set_texts(
            self.tr("Organiser"),
            self.tr("Add up the measurement sheets of your participants and get the figures for the national bilan."),
            self.tr("&Choose a folder of sheets…"),
        )
        self.status = self.note()
        self.body.addWidget(self.status)
        self.body.addStretch(1)
        self.entered()

    def title(self) -> str:
        return self.tr("Organiser")

    def entered(self) -> None:
        if not engine.available("sheets"):
            self.status.setText(self.tr("Aggregation is not available yet in this version."))
            self.primary.setEnabled(False)

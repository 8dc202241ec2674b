"""Organiser: add up a folder of measurement sheets, team ranking, files for the national bilan."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from cleanup_desktop.gui import engine, format as fmt
from cleanup_desktop.gui.i18n import current_language
from cleanup_desktop.gui.pages.base import Page
from cleanup_desktop.gui.widgets.cards import StatCard
from cleanup_desktop.gui.workers import Task

GO = 10**9


class OrganiserPage(Page):
    key = "organiser"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.set_texts(
            self.tr("Organiser"),
            self.tr("Add up your participants' measurement sheets (JSON or XLSX files in one folder) "
                    "and get the figures for the national bilan."),
            self.tr("&Choose a folder of sheets…"),
        )
        self.aggregate = None
        self.task: Task | None = None
        row = QHBoxLayout()
        self.event_edit = QLineEdit(session.prefs.event_id)
        self.event_edit.setPlaceholderText(self.tr("Only sheets of this event id (optional)"))
        self.event_edit.setAccessibleName(self.tr("Event id"))
        row.addWidget(self.event_edit)
        self.body.addLayout(row)
        self.body.addWidget(self._event_form())
        cards = QHBoxLayout()
        self.card_people = StatCard(self.tr("participants"))
        self.card_go = StatCard(self.tr("freed in total"))
        self.card_avg = StatCard(self.tr("per participant"))
        self.card_kg = StatCard(self.tr("avoided (CO2 equivalent)"))
        for c in (self.card_people, self.card_go, self.card_avg, self.card_kg):
            cards.addWidget(c)
        self.body.addLayout(cards)
        teams_box = QGroupBox(self.tr("Inter-team challenge"))
        tcol = QVBoxLayout(teams_box)
        self.teams = QTreeWidget()
        self.teams.setRootIsDecorated(False)
        self.teams.setHeaderLabels([self.tr("Rank"), self.tr("Team"), self.tr("Participants"), self.tr("Freed"),
                                    self.tr("kg CO2e")])
        self.teams.setAccessibleName(self.tr("Team ranking"))
        self.teams.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # never cut
        tcol.addWidget(self.teams)
        self.body.addWidget(teams_box, 1)
        self.rejected_box = QGroupBox(self.tr("Sheets left out"))
        rcol = QVBoxLayout(self.rejected_box)
        self.rejected = QListWidget()
        self.rejected.setAccessibleName(self.tr("Sheets left out, and why"))
        rcol.addWidget(self.rejected)
        self.rejected_box.setVisible(False)
        self.body.addWidget(self.rejected_box)
        self.status = self.note()
        self.body.addWidget(self.status)
        self.export_button = self.add_secondary(QPushButton(self.tr("&Export the organiser files…")))
        self.export_button.clicked.connect(self.export_dialog)
        self.export_button.setEnabled(False)
        self.entered()

    def _event_form(self) -> QGroupBox:
        """What the national form asks about the event besides the figures (all optional)."""
        box = QGroupBox(self.tr("For the national form (optional)"))
        form = QFormLayout(box)
        self.organizer_edit = QLineEdit()
        self.structure_edit = QComboBox()
        self.structure_edit.setEditable(True)
        self.structure_edit.addItems(["", self.tr("company"), self.tr("public administration"),
                                      self.tr("local authority"), self.tr("association"), self.tr("school or university")])
        self.region_edit = QLineEdit()
        self.departement_edit = QLineEdit()
        self.reached_spin = QSpinBox()
        self.reached_spin.setRange(0, 10_000_000)
        for label, widget in ((self.tr("Organiser"), self.organizer_edit),
                              (self.tr("Type of organisation"), self.structure_edit),
                              (self.tr("Region"), self.region_edit),
                              (self.tr("Département"), self.departement_edit),
                              (self.tr("People reached"), self.reached_spin)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        return box

    def event_fields(self) -> dict:
        return {
            "organizer": self.organizer_edit.text().strip(),
            "structure_type": self.structure_edit.currentText().strip(),
            "region": self.region_edit.text().strip(),
            "departement": self.departement_edit.text().strip(),
            "participants_reached": self.reached_spin.value(),
        }

    def title(self) -> str:
        return self.tr("Organiser")

    def save_state(self) -> dict:
        edits = [w for w in self.findChildren(QLineEdit) if not w.objectName().startswith("qt_")]
        return {"aggregate": self.aggregate, "edits": [w.text() for w in edits],
                "combos": [c.currentText() for c in self.findChildren(QComboBox)],
                "spins": [s.value() for s in self.findChildren(QSpinBox)]}

    def restore_state(self, state: dict) -> None:
        """The figures and every field typed, after a language switch (the page is rebuilt)."""
        edits = [w for w in self.findChildren(QLineEdit) if not w.objectName().startswith("qt_")]
        combos = self.findChildren(QComboBox)
        for w, text in zip(edits, state.get("edits", [])):
            if not isinstance(w.parentWidget(), QComboBox):
                w.setText(text)
        for c, text in zip(combos, state.get("combos", [])):
            c.setCurrentText(text)
        for s, value in zip(self.findChildren(QSpinBox), state.get("spins", [])):
            s.setValue(value)
        if state.get("aggregate") is not None:
            self.show_aggregate(state["aggregate"])

    def entered(self) -> None:
        if not engine.available("sheets"):
            self.status.setText(self.tr("Aggregation is not available yet in this version."))
            self.primary.setEnabled(False)

    def on_primary(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of measurement sheets"))
        if folder:
            self.load_folder(folder)

    def load_folder(self, folder: str) -> None:
        self.status.setText(self.tr("Reading the sheets…"))
        self.primary.setEnabled(False)
        self.task = Task(engine.aggregate_folder, folder, engine.method_of(self.session.prefs),
                         self.event_edit.text().strip(), **self.event_fields())
        self.task.signals.finished.connect(self.show_aggregate)
        self.task.signals.failed.connect(self._failed)
        self.task.start()

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.primary.setEnabled(True)

    def show_aggregate(self, agg) -> None:
        self.aggregate = agg
        self.primary.setEnabled(True)
        t = agg.totals
        self.card_people.set_value(fmt.number(t.participants))
        self.card_go.set_value(fmt.go(int(t.go_total * GO)))
        self.card_avg.set_value(fmt.go(int(t.go_per_participant * GO)))
        self.card_kg.set_value(fmt.kg(t.kg))
        self.teams.clear()
        for team in agg.teams:
            self.teams.addTopLevelItem(QTreeWidgetItem([
                str(team.rank), team.team, fmt.number(team.participants), fmt.go(int(team.go_total * GO)), fmt.kg(team.kg)]))
        for column in range(self.teams.columnCount()):
            self.teams.resizeColumnToContents(column)
        self.rejected.clear()
        for r in agg.rejected:
            self.rejected.addItem(f"{r.file}: {r.reason}")
        self.rejected_box.setVisible(bool(agg.rejected))
        text = self.tr("%n sheets added up.", "", len(agg.sheets))
        if agg.duplicates:
            text += " " + self.tr("%n older copies of the same sheets were ignored.", "", len(agg.duplicates))
        self.status.setText(text)
        self.export_button.setEnabled(True)

    def export_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Where to write the organiser files"))
        if folder:
            self.export_to(folder)

    def export_to(self, folder: str) -> list[str]:
        if self.aggregate is None:
            return []
        written = engine.write_aggregate(self.aggregate, folder, current_language())
        self.status.setText(self.tr("Written: {0}").format(", ".join(written)))
        return written

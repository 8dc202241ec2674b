"""Organiser: add up a folder of measurement sheets, team ranking, files for the national bilan."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
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
            self.tr("Add up your participants' measurement sheets (JSON, CSV, XLSX, PDF or INR files in one "
                    "folder) and get the figures for the national bilan."),
            self.tr("&Choose a folder of sheets…"),
        )
        self.aggregate = None
        self.task: Task | None = None
        self.folder: str | None = None
        self.accepted: list[str] = []  # sheet ids held for review that the organiser accepted
        row = QHBoxLayout()
        self.event_edit = QLineEdit(session.prefs.event_id)
        self.event_edit.setPlaceholderText(self.tr("Only sheets of this event id (optional)"))
        self.event_edit.setAccessibleName(self.tr("Event id"))
        row.addWidget(self.event_edit)
        self.body.addLayout(row)
        self.body.addWidget(self._event_form())
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Reading the sheets"))
        self.progress.setVisible(False)
        self.body.addWidget(self.progress)
        self.body.addWidget(self._review_box())
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
        from cleanup_desktop.core.sheets.event import departements, regions

        # INSEE's official lists (typed text is checked against them too)
        self.region_edit = QComboBox()
        self.region_edit.setEditable(True)
        self.region_edit.addItems([""] + [r.name for r in regions()])
        self.departement_edit = QComboBox()
        self.departement_edit.setEditable(True)
        self.departement_edit.addItems([""] + [f"{d.code} {d.name}" for d in departements()])
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumDate(QDate(2018, 1, 1))
        self.date_edit.setSpecialValueText(self.tr("not set"))  # the minimum stands for "no date"
        self.date_edit.setDate(self.date_edit.minimumDate())
        self.reached_spin = QSpinBox()
        self.reached_spin.setRange(0, 10_000_000)
        self.invited_spin = QSpinBox()
        self.invited_spin.setRange(0, 10_000_000)
        for label, widget in ((self.tr("Organiser"), self.organizer_edit),
                              (self.tr("Type of organisation"), self.structure_edit),
                              (self.tr("Region"), self.region_edit),
                              (self.tr("Département"), self.departement_edit),
                              (self.tr("Event date"), self.date_edit),
                              (self.tr("People reached"), self.reached_spin),
                              (self.tr("Participants invited"), self.invited_spin)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow(self.tr("Awareness sessions"), self._sensibilisation_form())
        return box

    def _sensibilisation_form(self) -> QWidget:
        """The national form's sensibilisation section: participants and audience per format."""
        from cleanup_desktop.core.sheets.event import SENSIBILISATION_FORMATS

        names = {"webinaire": self.tr("Webinar"), "fresqueNumerique": self.tr("Digital Collage (Fresque du Numérique)"),
                 "jeuxNumeville": self.tr("Numeville game"), "jeuxDowino": self.tr("Dowino game"),
                 "jeuxTheWokies": self.tr("The Wokies game"), "autreFormat": self.tr("Other format")}
        holder = QWidget()
        grid = QGridLayout(holder)  # two formats a row: the page keeps room for the ranking
        grid.setContentsMargins(0, 0, 0, 0)
        self.sens_spins: dict[str, tuple[QSpinBox, QSpinBox]] = {}
        for i, fmt_key in enumerate(SENSIBILISATION_FORMATS):
            r, c = divmod(i, 2)
            grid.addWidget(QLabel(names[fmt_key]), r, c * 3)
            spins = []
            for j, what in enumerate((self.tr("participants"), self.tr("audience"))):
                spin = QSpinBox()
                spin.setRange(0, 10_000_000)
                spin.setSuffix(f" {what}")
                spin.setAccessibleName(f"{names[fmt_key]}: {what}")
                grid.addWidget(spin, r, c * 3 + 1 + j)
                spins.append(spin)
            self.sens_spins[fmt_key] = (spins[0], spins[1])
        self.other_label_edit = QLineEdit()
        self.other_label_edit.setPlaceholderText(self.tr("which format"))
        self.other_label_edit.setAccessibleName(self.tr("Other format: which one"))
        grid.addWidget(self.other_label_edit, 3, 3, 1, 3)
        return holder

    def _review_box(self) -> QGroupBox:
        """Sheets held apart (implausible figures, conflicting ids): shown first, not added up."""
        self.review_box = QGroupBox(self.tr("To review: not added up"))
        col = QVBoxLayout(self.review_box)
        self.review = QTreeWidget()
        self.review.setRootIsDecorated(False)
        self.review.setHeaderLabels([self.tr("Participant"), self.tr("Team"), self.tr("Why"), self.tr("File")])
        self.review.setAccessibleName(self.tr("Sheets to review"))
        col.addWidget(self.review)
        self.accept_button = QPushButton(self.tr("&Accept the selected sheet"))
        self.accept_button.setToolTip(self.tr("Add it up anyway: you checked its figures with the participant"))
        self.accept_button.clicked.connect(self.accept_selected)
        col.addWidget(self.accept_button)
        self.review_box.setVisible(False)
        return self.review_box

    def sensibilisation_specs(self) -> list[str]:
        specs = []
        for fmt_key, (people, audience) in self.sens_spins.items():
            if people.value() or audience.value():
                spec = f"{fmt_key}:participants={people.value()},audience={audience.value()}"
                label = self.other_label_edit.text().strip().replace(",", " ")
                if fmt_key == "autreFormat" and label:
                    spec += f",label={label}"
                specs.append(spec)
        return specs

    def event_fields(self) -> dict:
        """What the organiser typed, validated (INSEE region and département, the date, the
        sensibilisation section); raises core.sheets.event.EventInputError with the reason."""
        from cleanup_desktop.core.sheets.event import parse_sensibilisation, resolve_places

        dep_text = self.departement_edit.currentText().strip()
        region, dep = resolve_places(self.region_edit.currentText().strip(), dep_text.split(" ", 1)[0] or dep_text)
        date = self.date_edit.date()
        return {
            "organizer": self.organizer_edit.text().strip(),
            "structure_type": self.structure_edit.currentText().strip(),
            "region": region.name if region else "",
            "departement": dep.name if dep else "",
            "participants_reached": self.reached_spin.value(),
            "participants_invited": self.invited_spin.value(),
            "event_date": "" if date == self.date_edit.minimumDate() else date.toString("yyyy-MM-dd"),
            "sensibilisation": parse_sensibilisation(self.sensibilisation_specs()),
        }

    def title(self) -> str:
        return self.tr("Organiser")

    def save_state(self) -> dict:
        edits = [w for w in self.findChildren(QLineEdit) if not w.objectName().startswith("qt_")]
        return {"aggregate": self.aggregate, "edits": [w.text() for w in edits],
                "combos": [c.currentText() for c in self.findChildren(QComboBox)],
                "spins": [s.value() for s in self.findChildren(QSpinBox)],
                "date": self.date_edit.date(), "folder": self.folder, "accepted": list(self.accepted)}

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
        if state.get("date") is not None:
            self.date_edit.setDate(state["date"])
        self.folder, self.accepted = state.get("folder"), list(state.get("accepted", []))
        if state.get("aggregate") is not None:
            self.show_aggregate(state["aggregate"])

    def on_primary(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder of measurement sheets"))
        if folder:
            self.load_folder(folder)

    def load_folder(self, folder: str, accepted: list[str] | None = None) -> None:
        from cleanup_desktop.core.sheets.event import EventInputError

        try:
            fields = self.event_fields()
        except EventInputError as exc:
            self.status.setText(self.tr("Check the event details: {0}").format(str(exc)))
            return
        if folder != self.folder:
            self.accepted = []
        self.folder = folder
        self.accepted = list(accepted if accepted is not None else self.accepted)
        self.status.setText(self.tr("Reading the sheets…"))
        self.primary.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.task = Task(engine.aggregate_folder, folder, engine.method_of(self.session.prefs),
                         self.event_edit.text().strip(), accept=self.accepted, **fields)
        self.task.signals.progress.connect(self._progress)
        self.task.signals.finished.connect(self.show_aggregate)
        self.task.signals.failed.connect(self._failed)
        self.task.start()

    def _progress(self, event) -> None:
        if event.items_total:
            self.progress.setRange(0, event.items_total)
            self.progress.setValue(event.items_done)
            self.progress.setFormat(self.tr("%v of %m sheets read"))

    def _failed(self, message: str) -> None:
        self.status.setText(message)
        self.primary.setEnabled(True)
        self.progress.setVisible(False)

    def accept_selected(self) -> None:
        item = self.review.currentItem()
        if item is None or self.folder is None:
            return
        self.load_folder(self.folder, self.accepted + [item.data(0, 256)])  # 256: Qt.UserRole

    def show_aggregate(self, agg) -> None:
        self.progress.setVisible(False)
        self.primary.setEnabled(True)
        events = engine.mixed_events(agg)
        if events is not None:
            listing = ", ".join(f"{e} ({self.tr('%n sheets', '', n)})" for e, n in events.items())
            self.status.setText(self.tr("These sheets belong to several events: {0}. Type the event id above and "
                                        "add up again; events are never mixed.").format(listing))
            return
        self.aggregate = agg
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
        self.review.clear()
        for r in agg.to_review:
            item = QTreeWidgetItem([r.participant or "", r.team or "", r.reason_text(current_language()), r.file])
            item.setData(0, 256, r.sheet_id)
            self.review.addTopLevelItem(item)
        self.review_box.setVisible(bool(agg.to_review))
        self.rejected.clear()
        for r in agg.rejected + agg.without_event:
            self.rejected.addItem(f"{r.file}: {engine.rejection_reason(r.reason, current_language())}")
        self.rejected_box.setVisible(bool(agg.rejected or agg.without_event))
        text = self.tr("%n sheets added up.", "", len(agg.sheets))
        if agg.to_review:
            text = self.tr("%n sheets held for review are not added up.", "", len(agg.to_review)) + " " + text
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

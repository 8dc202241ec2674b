"""Step 6: what was freed, in Go and kg CO2e, a chart, and the measurement sheet export."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QGridLayout, QHBoxLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from cleanup_desktop.gui import engine, format as fmt
from cleanup_desktop.gui.i18n import current_language
from cleanup_desktop.gui.pages.base import Page
from cleanup_desktop.gui.widgets.cards import StatCard
from cleanup_desktop.gui.widgets.chart import BarChart
from cleanup_desktop.gui.widgets.devices_form import DevicesForm
from cleanup_desktop.gui.widgets.storage_review import kind_names
from cleanup_desktop.gui.workers import Task


class BilanPage(Page):
    key = "bilan"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.set_texts(
            self.tr("Your bilan"),
            self.tr("What you freed, measured from the files themselves. 1 GB = 10^9 bytes."),
            self.tr("&Export my measurement sheet…"),
        )
        self.bilan = None
        self.task: Task | None = None  # emptying the trash
        self.refresh_task: Task | None = None
        self.refreshing = False
        self._again = False
        content = QWidget()
        col = QVBoxLayout(content)
        grid = QGridLayout()
        self.card_local = StatCard(self.tr("freed on this computer"))
        self.card_cloud = StatCard(self.tr("freed on servers (cloud, mail)"))
        self.card_trash = StatCard(self.tr("still in the trash: not freed yet"))
        self.card_items = StatCard(self.tr("files and mails deleted"))
        self.card_kg = StatCard(self.tr("avoided (CO2 equivalent)"))
        for i, card in enumerate((self.card_local, self.card_cloud, self.card_trash, self.card_items, self.card_kg)):
            grid.addWidget(card, 0, i, Qt.AlignmentFlag.AlignTop)
        col.addLayout(grid)
        self.method_label = QLabel(wordWrap=True)
        self.method_label.setAccessibleName(self.tr("Method"))
        col.addWidget(self.method_label)
        self.empty_button = QPushButton(self.tr("Empty &what I trashed"))
        self.empty_button.setAccessibleDescription(self.tr("Removes for good only the items this app moved to the trash"))
        self.empty_button.clicked.connect(self.empty_trash)
        self.empty_note = QLabel(wordWrap=True)
        empty_row = QHBoxLayout()
        empty_row.addWidget(self.empty_note, 1)
        empty_row.addWidget(self.empty_button)
        col.addLayout(empty_row)
        chart_box = QGroupBox(self.tr("By category"))
        ccol = QVBoxLayout(chart_box)
        self.chart = BarChart(fmt.size)
        self.chart.setAccessibleName(self.tr("Nothing cleaned yet"))
        ccol.addWidget(self.chart)
        col.addWidget(chart_box)
        self.usage_box = QGroupBox(self.tr("Before and after (disk and mailbox usage)"))
        ucol = QVBoxLayout(self.usage_box)
        ucol.addWidget(self.note(self.tr("Measured at the first scan and after the last cleanup; other activity moves "
                                         "these figures too, so the freed amount above comes from the files themselves.")))
        self.usage_chart = BarChart(fmt.size)
        ucol.addWidget(self.usage_chart)
        col.addWidget(self.usage_box)
        self.equivalences = QLabel(wordWrap=True)
        col.addWidget(self.equivalences)
        closing = QGroupBox(self.tr("Beyond data"))
        lcol = QVBoxLayout(closing)
        lcol.addWidget(self.note(self.tr(
            "About 60-80 % of a device's footprint comes from making it: keeping your computer and phone longer "
            "matters more than deleting data. Give unused devices a second life (donate, repair, reuse) or bring "
            "them to your organiser's collection point for recycling.")))
        self.devices_form = DevicesForm(context=lambda: (session.prefs.event_id, session.prefs.method))  # réemploi apart
        session.prefs_changed.connect(self.devices_form.refresh_context)
        lcol.addWidget(self.devices_form)
        col.addWidget(closing)
        col.addStretch(1)
        self.body.addWidget(self.scrolled(content), 1)
        self.status = self.note()
        self.body.addWidget(self.status)
        self.refresh_button = self.add_secondary(QPushButton(self.tr("&Refresh")))
        self.refresh_button.clicked.connect(self.refresh)
        session.run_finished.connect(self.refresh)  # a bound method: dropped with the page
        session.prefs_changed.connect(self.refresh)
        self.refresh()

    def title(self) -> str:
        return self.tr("Bilan")

    def save_state(self) -> dict:
        """The device counts typed but not saved yet survive a language switch."""
        return {"spins": [s.value() for s in self.findChildren(QAbstractSpinBox) if hasattr(s, "value")]}

    def restore_state(self, state: dict) -> None:
        spins = [s for s in self.findChildren(QAbstractSpinBox) if hasattr(s, "value")]
        if len(spins) == len(state.get("spins", [])):
            for spin, value in zip(spins, state["spins"]):
                spin.setValue(value)

    def entered(self) -> None:
        self.refresh()

    def refresh(self, _report=None) -> None:
        if self.refreshing:
            self._again = True  # the journal changed meanwhile: read it once more after this
            return
        if engine.journal_is_small():  # a few thousand actions: quicker than a round trip
            self.show_bilan(engine.compute_bilan(engine.method_of(self.session.prefs)))
            return
        self.refreshing, self._again = True, False
        self.refresh_task = Task(engine.compute_bilan, engine.method_of(self.session.prefs))  # reads the whole journal
        self.refresh_task.signals.finished.connect(self.show_bilan)
        self.refresh_task.signals.failed.connect(self._refresh_failed)
        self.refresh_task.start()

    def _refresh_failed(self, message: str) -> None:
        self.refreshing = False
        self.status.setText(message)

    def show_bilan(self, b) -> None:
        self.refreshing = False
        if self._again:
            self.refresh()
        self.bilan = b
        lang = current_language()
        self.card_local.set_value(fmt.size(b.local_bytes))
        self.card_cloud.set_value(fmt.size(b.cloud_bytes))
        self.card_trash.set_value(fmt.size(b.in_trash_bytes))
        self.card_items.set_value(fmt.number(b.files_deleted + b.mails_deleted))
        impact = b.impact
        self.card_kg.set_value(fmt.kg(impact.kg))
        text = self.tr("Method: {0}.").format(b.method.name(lang))
        if abs(impact.kg_high - impact.kg_low) > 1e-9:
            text += " " + self.tr("Range: {0} to {1}.").format(fmt.kg(impact.kg_low), fmt.kg(impact.kg_high))
        if impact.kg_annual and impact.kg_one_off:
            text += " " + self.tr("First year: one year of avoided storage plus one-off savings.")
        elif impact.kg_annual:
            text += " " + self.tr("Per year of avoided storage.")
        self.method_label.setText(text)
        if b.in_trash_bytes:
            self.empty_note.setText(self.tr("You still have {0} in the trash from this cleanup: empty what you trashed "
                                            "to free it for good and count it.").format(fmt.size(b.in_trash_bytes)))
        else:
            self.empty_note.setText(self.tr("Nothing of yours is waiting in the trash."))
        self.empty_button.setEnabled(bool(b.in_trash_actions))
        names = {"duplicates": self.tr("Duplicates"), "temp": self.tr("Temporary files"), "large": self.tr("Large files"),
                 "old": self.tr("Old files"), "mail-duplicates": self.tr("Duplicate mails"),
                 "mail-large": self.tr("Large mails"), "mail-old": self.tr("Old bulky mails"),
                 "mail-senders": self.tr("Mails of bulky senders"), **kind_names()}
        bars = []
        for cat, row in sorted(b.by_category.items()):
            label = names.get(cat, cat)
            bars.append((self.tr("{0}: freed").format(label), row.get("freed_bytes", 0)))
            bars.append((self.tr("{0}: in the trash").format(label), row.get("in_trash_bytes", 0)))
        self.chart.set_bars(bars)
        places = {"workstation": self.tr("This computer"), "cloud-drive": self.tr("Cloud drive"),
                  "network-share": self.tr("Network share"), "mailbox": self.tr("Mailbox"),
                  "local-mail": self.tr("Local mail files")}
        usage = []
        for m in b.measurements:
            place = places.get(m.environment, m.environment)
            usage += [(self.tr("{0}: before").format(place), m.before_bytes),
                      (self.tr("{0}: after").format(place), m.after_bytes)]
        self.usage_chart.set_bars(usage)
        self.usage_box.setVisible(bool(usage))
        from cleanup_desktop.core.impact.equivalences import decimals_for, readable

        eq = [f"≈ {fmt.number(e.value, decimals_for(e))} {e.unit(lang)}" for e in readable(b.equivalences)]
        self.equivalences.setText(self.tr("That is about: {0}").format(", ".join(eq)) if eq and impact.kg else "")
        self.primary.setEnabled(True)

    def empty_trash(self) -> None:
        if self.bilan is None or not self.bilan.in_trash_actions:
            return
        from cleanup_desktop.gui.dialogs.confirm import ask_permanent

        count = len(self.bilan.in_trash_actions)
        if not ask_permanent(
                self, self.tr("Empty what you trashed?"),
                self.tr("%Ln items ({0}) that this app moved to the trash will be deleted for good. They cannot be "
                        "restored afterwards. Your other items in the trash are not touched.", "", count)
                .format(fmt.size(self.bilan.in_trash_bytes)),
                self.tr("Delete for good")):
            return
        runs = sorted({run for run, _aid in self.bilan.in_trash_actions})
        self.empty_button.setEnabled(False)
        self.task = Task(engine.empty_runs, runs)
        self.task.signals.finished.connect(self.on_emptied)
        self.task.signals.failed.connect(lambda m: self.status.setText(m))
        self.task.start()

    def on_emptied(self, outcomes) -> None:
        freed = sum(o.freed for o in outcomes if o.status == "emptied")
        self.refresh()
        self.status.setText(self.tr("Emptied from the trash: {0} really freed.").format(fmt.size(freed)))

    def on_primary(self) -> None:
        from cleanup_desktop.gui.dialogs.export import export_sheet

        self.exported(export_sheet(self, self.session, self.bilan))

    def exported(self, path: str | None) -> None:
        if path:
            self.status.setText(self.tr("Sheet written: {0}. Send it to your organiser.").format(path))

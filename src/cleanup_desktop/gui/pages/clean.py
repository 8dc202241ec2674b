"""Step 5: confirm (trash vs permanent, counts, sizes), clean with progress, results, undo."""

from __future__ import annotations

from cleanup_desktop.core.paths import printable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from cleanup_desktop.gui import engine, format as fmt
from cleanup_desktop.gui.pages.base import Page
from cleanup_desktop.gui.widgets.storage_review import kind_names
from cleanup_desktop.gui.widgets.cards import StatCard
from cleanup_desktop.gui.widgets.outcomes import OutcomeList
from cleanup_desktop.gui.widgets.progress_row import ProgressRow
from cleanup_desktop.gui.workers import Task
from cleanup_desktop.gui.reasons import shown


class CombinedReport:
    """The runs of one cleanup (files, then each mailbox) seen as one result."""

    def __init__(self, reports: list) -> None:
        self.reports = reports
        self.run_ids = [r.run_id for r in reports if r.run_id]
        self.outcomes = [o for r in reports for o in r.outcomes]
        self.cancelled = any(r.cancelled for r in reports)
        self.totals = {key: {"count": sum(r.totals[key]["count"] for r in reports),
                             "bytes": sum(r.totals[key]["bytes"] for r in reports)}
                       for key in ("moved_to_trash", "freed")}

    def by_status(self, status: str) -> list:
        return [o for o in self.outcomes if o.status == status]


class CleanPage(Page):
    key = "clean"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.set_texts(
            self.tr("Clean"),
            self.tr("Check what will happen, then confirm. Every file is checked again just before it is touched."),
            self.tr("&Move to the trash"),
        )
        self.plan: dict | None = None
        self.report = None
        self.task: Task | None = None
        # confirmation
        self.confirm_box = QGroupBox(self.tr("What will happen"))
        ccol = QVBoxLayout(self.confirm_box)
        self.what = QLabel(wordWrap=True)
        font = self.what.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.what.setFont(font)
        ccol.addWidget(self.what)
        self.place_note = QLabel(wordWrap=True)  # drives without a trash, online-only files
        self.place_note.setVisible(False)
        ccol.addWidget(self.place_note)
        self.table = QTreeWidget()
        self.table.setHeaderLabels([self.tr("Category"), self.tr("Items"), self.tr("Size")])
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName(self.tr("What will be cleaned, by category"))
        self.table.setMaximumHeight(150)
        self.table.header().setStretchLastSection(False)
        ccol.addWidget(self.table)
        self.confirm_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.body.addWidget(self.confirm_box)
        # progress
        self.progress = ProgressRow(self.tr("Cleaning"))
        self.progress.setVisible(False)
        self.body.addWidget(self.progress)
        # results
        self.results_box = QGroupBox(self.tr("Result"))
        rcol = QVBoxLayout(self.results_box)
        cards = QHBoxLayout()
        self.card_done = StatCard(self.tr("items cleaned"))
        self.card_trash = StatCard(self.tr("moved to the trash (recoverable)"))
        self.card_freed = StatCard(self.tr("freed for good"))
        self.card_skipped = StatCard(self.tr("skipped for safety"))
        for c in (self.card_done, self.card_trash, self.card_freed, self.card_skipped):
            cards.addWidget(c)
        rcol.addLayout(cards)
        self.result_note = QLabel(wordWrap=True)
        rcol.addWidget(self.result_note)
        self.outcomes = OutcomeList()
        rcol.addWidget(self.outcomes)
        self.results_box.setVisible(False)
        rcol.addStretch(1)
        self.body.addWidget(self.results_box, 1)
        self.status = self.note()
        self.body.addWidget(self.status)
        self.body.addStretch(0)
        self.cancel_button = self.add_secondary(QPushButton(self.tr("&Cancel")))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.undo_button = self.add_secondary(QPushButton(self.tr("&Undo: put everything back")))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.setVisible(False)
        session.selection_changed.connect(self.new_selection)
        session.scan_finished.connect(self.new_selection)  # a bound method: dropped with the page
        self.entered()

    def new_selection(self, _scan=None) -> None:
        """A new review: forget the last results; the confirmation is rebuilt when shown."""
        if self.task is not None and not self.task.done:
            return
        self.report = None
        self.plan = None
        self.undo_button.setVisible(False)
        self.status.setText("")
        if self.isVisible():
            self.entered()

    def title(self) -> str:
        return self.tr("Clean")

    # confirmation ------------------------------------------------------------------------------
    def entered(self) -> None:
        if self.task is not None and not self.task.done:
            return
        if self.report is not None:
            return  # results stay on screen until a new selection is reviewed
        self.prepare()

    def prepare(self) -> None:
        """Build the plan of the current selection in a worker, then show the confirmation."""
        chooser = self.session.selection
        mail = list(self.session.mail_choosers)
        self.results_box.setVisible(False)
        self.progress.setVisible(False)
        self.confirm_box.setVisible(True)
        self.table.clear()
        self.plan = None
        if chooser is None and not mail:
            self.what.setText(self.tr("Nothing selected yet: review what was found first."))
            self.primary.setText(self.tr("Go to the &review"))
            self.primary.setEnabled(self.session.scan is not None)
            return
        self.what.setText(self.tr("Preparing the list of what will be cleaned…"))
        self.primary.setEnabled(False)
        self.task = Task(engine.make_plans, chooser, mail, self.session.prefs.permanent)
        self.task.signals.finished.connect(self.show_plan)
        self.task.signals.failed.connect(self.on_failed)
        self.task.start()

    def show_plan(self, plans: list) -> None:
        self.plan = plans
        self.table.clear()
        permanent = self.session.prefs.permanent
        by_category = engine.plan_by_category(plans)
        count, _size = self.plan_totals()
        row_texts, size_text = fmt.sizes_adding_up([row["bytes"] for row in by_category.values()])
        if permanent:
            self.what.setText(self.tr("%Ln items ({0}) will be deleted permanently. This cannot be undone.", "", count)
                              .format(size_text))
            self.primary.setText(self.tr("&Delete permanently"))
        else:
            self.what.setText(self.tr("%Ln items ({0}) will be moved to the trash. Nothing is deleted for good: "
                                      "you can undo, and empty them from the trash later.", "", count).format(size_text))
            self.primary.setText(self.tr("&Move to the trash"))
        names = {"duplicates": self.tr("Duplicates"), "temp": self.tr("Temporary files and caches"),
                 "large": self.tr("Large files"), "old": self.tr("Old files"),
                 "mail-duplicates": self.tr("Duplicate mails"), "mail-large": self.tr("Large mails"),
                 "mail-old": self.tr("Old bulky mails"), "mail-senders": self.tr("Mails of bulky senders"),
                 **kind_names()}
        for (cat, row), size_text in zip(by_category.items(), row_texts):
            item = QTreeWidgetItem([names.get(cat, cat), fmt.number(row.get("count", 0)), size_text])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight)
            self.table.addTopLevelItem(item)
        for column in range(self.table.columnCount()):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, self.table.columnWidth(column) + 24)
        self.primary.setEnabled(count > 0)
        notes = []
        for n in ([] if permanent else engine.place_notices(plans)):
            if n.kind == "quarantine":
                notes.append(self.tr("This drive has no trash: %Ln items ({1}) go to a quarantine folder "
                                     "(.cleanup-desktop-quarantine in {0}). You can undo, and they count as freed "
                                     "once emptied.", "", n.count).format(printable(n.root), fmt.size(n.bytes)))
            else:
                notes.append(self.tr("%Ln online-only cloud files ({0}) are deleted from the cloud: they skip the local "
                                     "trash, so the cloud provider's own recycle bin is the way back.", "", n.count).format(
                    fmt.size(n.bytes)))
        self.place_note.setText("\n".join(notes))
        self.place_note.setVisible(bool(notes))

    # running ---------------------------------------------------------------------------------
    def on_primary(self) -> None:
        if self.report is not None:
            self.session.navigate.emit("bilan")
            return
        if self.plan is None:
            self.session.navigate.emit("review")
            return
        if self.session.prefs.permanent and not self.confirm_permanent():
            return
        self.confirm_box.setEnabled(False)
        self.progress.setVisible(True)
        self.primary.setEnabled(False)
        self.cancel_button.setVisible(True)
        self.task = Task(engine.run_plans, self.plan, self.session.prefs.permanent)
        self.task.signals.progress.connect(self.progress.update_event)
        self.task.signals.finished.connect(self.on_finished)
        self.task.signals.failed.connect(self.on_failed)
        self.task.start()

    def confirm_permanent(self) -> bool:
        """Permanent deletion cannot be undone: one explicit yes, "No" being the default."""
        from cleanup_desktop.gui.dialogs.confirm import ask_permanent

        count, size = self.plan_totals()
        return ask_permanent(
            self, self.tr("Delete permanently?"),
            self.tr("%Ln items ({0}) will not go to the trash and cannot be restored. Delete them permanently?",
                    "", count).format(fmt.size(size)),
            self.tr("Delete permanently"))

    def plan_totals(self) -> tuple[int, int]:
        """Items and bytes of the plans on screen: the one basis every figure of this step uses."""
        rows = engine.plan_by_category(self.plan or []).values()
        return sum(r["count"] for r in rows), sum(r["bytes"] for r in rows)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)

    def on_failed(self, message: str) -> None:
        self.status.setText(self.tr("Cleaning stopped: {0}").format(message))
        self.cancel_button.setVisible(False)
        self.confirm_box.setEnabled(True)

    def on_finished(self, reports: list) -> None:
        report = self.show_report(CombinedReport(reports))
        self.session.runs.extend(report.run_ids)
        self.session.run_finished.emit(report)
        # The review then lists only what is left (worked out in a worker thread).
        self.refresh_task = Task(engine.refreshed, self.session.scan, list(self.session.mail_scans), report.outcomes)
        self.refresh_task.signals.finished.connect(self.session.apply_refresh)
        self.refresh_task.start()

    def save_state(self) -> dict:
        return {"report": self.report, "undo": self.undo_button.isVisible() and self.undo_button.isEnabled()}

    def restore_state(self, state: dict) -> None:
        """The results of the last cleanup stay on screen after a language switch."""
        if state.get("report") is not None:
            self.show_report(state["report"])
            self.undo_button.setVisible(bool(state.get("undo")))

    def show_report(self, report: "CombinedReport") -> "CombinedReport":
        self.report = report
        self.plan = None
        self.cancel_button.setVisible(False)
        self.confirm_box.setVisible(False)
        self.confirm_box.setEnabled(True)
        self.progress.finish(self.tr("Done"))
        self.progress.setVisible(True)
        totals = report.totals
        done, skipped, failed = (len(report.by_status(s)) for s in ("done", "skipped", "failed"))
        failed += len(report.by_status("refused"))  # refused by the plan checks: left in place too
        self.card_done.set_value(fmt.number(done))
        self.card_trash.set_value(fmt.size(totals["moved_to_trash"]["bytes"]))
        self.card_freed.set_value(fmt.size(totals["freed"]["bytes"]))
        self.card_skipped.set_value(fmt.number(skipped + failed))
        notes = []
        if totals["moved_to_trash"]["count"]:
            notes.append(self.tr("Moved to the trash, recoverable: the space is freed once the trash is emptied "
                                 "(the bilan offers to empty exactly these items)."))
        if report.cancelled:
            notes.append(self.tr("Cancelled: the rest was not touched."))
        if skipped or failed:
            notes.append(self.tr("Items below were left in place, each with the reason."))
        self.result_note.setText(" ".join(notes))
        self.outcomes.show_outcomes(report.outcomes)
        self.outcomes.setVisible(bool(skipped or failed))
        self.results_box.setVisible(True)
        can_undo = bool(totals["moved_to_trash"]["count"]) and bool(report.run_ids)
        self.undo_button.setVisible(can_undo)
        self.undo_button.setEnabled(can_undo)
        self.primary.setText(self.tr("&See my bilan"))
        self.primary.setEnabled(True)
        self.primary.setFocus()
        return report

    # undo -----------------------------------------------------------------------------------
    def undo(self) -> None:
        if self.report is None or not self.report.run_ids:
            return
        self.undo_button.setEnabled(False)
        if not engine.undo_supported():
            engine.open_system_trash()
            self.status.setText(self.tr("This system does not let apps restore from its trash: the trash is now open, "
                                        "restore the files from there."))
            return
        # The word in "report (restored).pdf", in the user's language.
        task = Task(engine.undo_runs, list(self.report.run_ids), self.tr("restored"))
        task.signals.finished.connect(self.on_undone)
        task.signals.failed.connect(self.on_failed)
        self.task = task.start()

    def on_undone(self, outcomes) -> None:
        import os

        restored = [o for o in outcomes if o.status == "restored"]
        problems = [o for o in outcomes if o.status != "restored"]
        renamed = [o for o in restored if o.path and o.path != o.action.get("path")]
        text = self.tr("%n items put back from the trash.", "", len(restored))
        if renamed:
            shown = "; ".join(self.tr("{0} as {1}").format(os.path.basename(o.action.get("path", "")),
                                                          os.path.basename(o.path)) for o in renamed[:3])
            more = len(renamed) - 3
            text += " " + self.tr("%n came back under a new name, because a file of the same name is there now:",
                                  "", len(renamed)) + " " + shown + (" …" if more > 0 else "") + "."
        if problems:
            text += " " + self.tr("%n could not be restored: {0}", "", len(problems)).format(
                printable(shown(problems[0].message)))
        self.status.setText(text)
        self.status.setToolTip("\n".join(o.path for o in renamed))
        # The cards now say what is true: what came back is no longer in the trash.
        back = sum(int(o.action.get("allocated") or o.action.get("size") or 0) for o in restored)
        if self.report is not None:
            still = max(0, self.report.totals["moved_to_trash"]["bytes"] - back)
            self.card_trash.set_value(fmt.size(still))
            self.card_trash.set_caption(self.tr("still in the trash (the rest was put back)"))
            self.card_done.set_value(fmt.number(max(0, len(self.report.by_status("done")) - len(restored))))
            self.card_done.set_caption(self.tr("items cleaned, after the undo"))
            self.result_note.setText(self.tr("Undone: %n items are back in their folders.", "", len(restored)))
        self.undo_button.setVisible(False)
        self.session.undo_refresh()
        self.session.run_finished.emit(self.report)

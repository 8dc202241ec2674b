"""Step 3: the scan runs in a worker thread; per-source progress, cancel, errors."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QListWidget, QPushButton, QVBoxLayout, QWidget

from cleanup_desktop.gui import engine, format as fmt
from cleanup_desktop.gui.pages.base import Page
from cleanup_desktop.gui.widgets.progress_row import ProgressRow
from cleanup_desktop.gui.workers import Task
from cleanup_desktop.gui.reasons import shown


class ScanPage(Page):
    key = "scan"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.set_texts(
            self.tr("Scan"),
            self.tr("Reading your folders. You can keep working; cancel keeps what was found so far."),
            self.tr("&Review what was found"),
        )
        self.task: Task | None = None
        self.mail_tasks: list[Task] = []
        self.rows: dict[str, ProgressRow] = {}
        self.rows_box = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.body.addWidget(self.rows_box)
        self.summary = self.note()
        self.body.addWidget(self.summary)
        self.errors_box = QGroupBox(self.tr("Could not be read (skipped, nothing else affected)"))
        ecol = QVBoxLayout(self.errors_box)
        self.errors = QListWidget()
        self.errors.setAccessibleName(self.tr("Read errors"))
        self.errors.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.errors.setMinimumHeight(70)
        self.errors.setMaximumHeight(140)  # the progress rows above keep their room
        ecol.addWidget(self.errors)
        self.errors_box.setVisible(False)
        self.body.addWidget(self.errors_box)
        self.body.addStretch(1)
        self.cancel_button = self.add_secondary(QPushButton(self.tr("&Cancel")))
        self.cancel_button.clicked.connect(self.cancel)
        self.again_button = self.add_secondary(QPushButton(self.tr("Scan &again")))
        self.again_button.clicked.connect(self.start)
        self.session.scan_started.connect(self.start)
        self._idle()

    def title(self) -> str:
        return self.tr("Scan")

    def _idle(self) -> None:
        self.cancel_button.setEnabled(False)
        self.primary.setEnabled(self.session.scan is not None or bool(self.session.mail_scans))
        self.again_button.setEnabled(bool(self.session.prefs.roots))

    @property
    def running(self) -> bool:
        return any(t is not None and not t.done for t in [self.task, *self.mail_tasks])

    def row(self, source: str) -> ProgressRow:
        if source not in self.rows:
            row = ProgressRow(source or self.tr("All folders"))
            self.rows[source] = row
            self.rows_layout.addWidget(row)
        return self.rows[source]

    def start(self) -> None:
        if self.running:
            self._idle()
            return
        roots = list(self.session.prefs.roots)
        temp_roots = []
        if self.session.prefs.temp:  # the temp/cache locations ticked on the previous step
            temp_roots = [r for r in self.session.temp_roots if r not in roots]
        accounts = list(self.session.mail_accounts)
        if not roots and not temp_roots and not accounts:
            self.summary.setText(self.tr("No folder is ticked: go back one step and tick at least one."))
            return
        for row in self.rows.values():
            row.deleteLater()
        self.rows.clear()
        self.errors.clear()
        self.errors_box.setVisible(False)
        self.session.clear_mail()
        self.mail_tasks = [self.start_mail(account) for account in accounts]
        self.primary.setEnabled(False)
        self.again_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.disk_roots = roots + temp_roots
        if not self.disk_roots:
            self.task = None
            self.session.scan = None
            return
        for root in self.disk_roots:
            self.row(root)
        self.summary.setText(self.tr("Scanning %n folders…", "", len(self.disk_roots)))
        overrides = {"large_min_size": 1_000_000} if self.session.demo else {}
        overrides["temp_roots"] = temp_roots  # temp/cache only: never duplicates or large files
        prefs = copy.deepcopy(self.session.prefs)  # the worker reads its own copy
        self.task = Task(engine.scan_for_review, roots, prefs, overrides)
        self.task.signals.progress.connect(self.on_progress)
        self.task.signals.finished.connect(self.on_finished)
        self.task.signals.failed.connect(self.on_failed)
        self.task.signals.cancelled.connect(self.on_failed)
        self.task.start()

    def start_mail(self, account) -> Task:
        """One progress row and one worker per mailbox; errors stay in that row."""
        label = engine.mail_account_label(account)
        row = self.row(label)
        task = Task(engine.scan_mail, account)
        task.signals.progress.connect(row.update_event)
        task.signals.finished.connect(lambda result, row=row: self.on_mail_finished(row, result))
        task.signals.failed.connect(lambda message, row=row: self.on_mail_failed(row, message))
        task.signals.cancelled.connect(lambda row=row: self.on_mail_failed(row, self.tr("cancelled")))
        return task.start()

    def on_mail_finished(self, row, result: dict) -> None:
        stats = result.get("stats", {})
        row.finish(self.tr("%Ln mails read ({0}).", "", int(stats.get("messages", 0))).format(fmt.size(stats.get("bytes", 0))))
        for err in result.get("errors", []):
            self._add_error(f"{err.get('folder', '')}: {shown(err.get('error', ''), err)}")
            self.errors_box.setVisible(True)
        self.session.add_mail_scan(result)
        self._maybe_done()

    def _add_error(self, text: str) -> None:
        self.errors.addItem(text)
        self.errors.item(self.errors.count() - 1).setToolTip(text)

    def on_mail_failed(self, row, message: str) -> None:
        row.finish(self.tr("Mailbox not scanned: {0}").format(message))
        self._maybe_done()

    def _maybe_done(self) -> None:
        if not self.running:
            self._idle()
            self.primary.setEnabled(self.session.scan is not None or bool(self.session.mail_scans))

    def cancel(self) -> None:
        for task in self.mail_tasks:
            task.cancel()
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
            self.summary.setText(self.tr("Cancelling… what was found so far is kept."))

    def on_progress(self, event) -> None:
        roots = getattr(self, "disk_roots", [])
        if event.source in self.rows:
            self.rows[event.source].update_event(event)
            return
        if len(roots) == 1:
            self.rows[roots[0]].update_event(event)
            return
        # Work across all folders (comparing files): the folders' own rows are done listing.
        for root in roots:
            if root in self.rows and self.rows[root].last_phase == "walk":
                self.rows[root].finish(self.tr("Files listed"))
                self.rows[root].last_phase = "listed"
        self.row("").update_event(event)

    def save_state(self) -> dict:
        return {"shown": self.session.scan is not None and not self.running}

    def restore_state(self, state: dict) -> None:
        """After a language switch: the finished scan's rows, summary and errors again."""
        scan = self.session.scan
        if state.get("shown") and scan is not None:
            self.disk_roots = [*scan.get("roots", []), *scan.get("temp_roots", [])]
            for root in self.disk_roots:
                self.row(root)
            self.show_result(scan)

    def on_finished(self, outcome) -> None:
        result, chooser = outcome
        self.show_result(result)
        self.session.set_scan(result, chooser)
        self._maybe_done()
        self.primary.setFocus()

    def show_result(self, result: dict) -> None:
        stats = result.get("stats", {})
        for root in [*getattr(self, "disk_roots", []), ""]:
            if root in self.rows:
                self.rows[root].finish(self.tr("Done"))
        text = self.tr("%Ln files read ({0}) in {1}.", "", int(stats.get("files", 0))).format(
            fmt.size(stats.get("bytes", 0)), fmt.duration(stats.get("seconds", 0)))
        if result.get("cancelled"):
            text = self.tr("Cancelled: showing what was found so far.") + " " + text
        self.summary.setText(text)
        for err in result.get("errors", []):
            self._add_error(f"{err.get('path', '')}: {shown(err.get('error', ''), err)}")
        self.errors_box.setVisible(bool(result.get("errors")))

    def on_failed(self, message: str = "") -> None:
        self.summary.setText(self.tr("The scan stopped: {0}").format(message or self.tr("cancelled")))
        self._maybe_done()

    def on_primary(self) -> None:
        self.session.navigate.emit("review")

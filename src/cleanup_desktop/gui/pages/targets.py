"""Step 2: which folders, temp/cache targets and mail accounts to scan."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cleanup_desktop.gui import engine, format as fmt
from cleanup_desktop.gui.i18n import current_language
from cleanup_desktop.gui.pages.base import Page
from cleanup_desktop.gui.widgets.cards import safety_colour, safety_word
from cleanup_desktop.gui.widgets.mail_accounts import MailAccountsBox
from cleanup_desktop.gui.workers import Task


class TargetsPage(Page):
    key = "targets"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.set_texts(
            self.tr("What to scan"),
            self.tr("Tick the folders to look at. Nothing is changed during the scan: it only reads."),
            self.tr("&Scan now"),
        )
        self._size_tasks: list[Task] = []
        content = QWidget()
        col = QVBoxLayout(content)

        folders = QGroupBox(self.tr("Folders"))
        fcol = QVBoxLayout(folders)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Folder"), self.tr("Size")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAccessibleName(self.tr("Folders to scan"))
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.tree.header().resizeSection(1, self.tree.fontMetrics().horizontalAdvance(fmt.size(999_900_000_000)) + 30)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        fcol.addWidget(self.tree)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add a folder…"))
        self.add_button.clicked.connect(self.add_folder_dialog)
        self.exclude_button = QPushButton(self.tr("E&xclude a folder…"))
        self.exclude_button.clicked.connect(self.exclude_folder_dialog)
        row.addWidget(self.add_button)
        row.addWidget(self.exclude_button)
        row.addStretch(1)
        fcol.addLayout(row)
        self.excluded = QListWidget()
        self.excluded.setAccessibleName(self.tr("Excluded folders"))
        self.excluded.setMaximumHeight(70)
        self.excluded_label = self.note(self.tr("Excluded (never scanned):"))
        fcol.addWidget(self.excluded_label)
        fcol.addWidget(self.excluded)
        col.addWidget(folders)

        what = QGroupBox(self.tr("What to look for"))
        wcol = QVBoxLayout(what)
        wcol.addWidget(self.note(self.tr("Duplicate files are always looked for in the folders above.")))
        self.temp_box = QCheckBox(self.tr("&Temporary files and caches of this computer"))
        self.large_box = QCheckBox(self.tr("&Large files"))
        self.old_box = QCheckBox(self.tr("&Old files not changed for two years"))
        prefs = session.prefs
        self.temp_box.setChecked(prefs.temp)
        self.large_box.setChecked(prefs.large)
        self.old_box.setChecked(prefs.old)
        self.similar_box = QCheckBox(self.tr("Similar &photos (resized or re-sent copies)"))
        self.similar_box.setChecked(prefs.similar_images)
        for box in (self.temp_box, self.large_box, self.old_box, self.similar_box):
            wcol.addWidget(box)
        self.temp_list = QListWidget()
        self.temp_list.setAccessibleName(self.tr("Temporary file locations"))
        self.temp_list.setMaximumHeight(110)
        wcol.addWidget(self.temp_list)
        col.addWidget(what)

        self.mail_box = MailAccountsBox(session)
        col.addWidget(self.mail_box)
        col.addStretch(1)
        self.body.addWidget(self.scrolled(content))
        self.populate()

    def title(self) -> str:
        return self.tr("What to scan")

    def save_state(self) -> dict:
        folders = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            folders.append((item.data(0, Qt.ItemDataRole.UserRole), item.checkState(0) == Qt.CheckState.Checked))
        return {"folders": folders, "temp": self.checked_temp_locations(),
                "boxes": [b.isChecked() for b in (self.temp_box, self.large_box, self.old_box)],
                "mail": self.mail_box.checked_accounts() if hasattr(self.mail_box, "checked_accounts") else None}

    def restore_state(self, state: dict) -> None:
        wanted = dict(state.get("folders", []))
        for path in wanted:
            self.add_folder(path, checked=wanted[path])
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            on = wanted.get(item.data(0, Qt.ItemDataRole.UserRole), False)
            item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        temp = set(state.get("temp", []))
        self.set_temp_locations(lambda path: path in temp)
        for box, on in zip((self.temp_box, self.large_box, self.old_box), state.get("boxes", [])):
            box.setChecked(on)

    # folders -----------------------------------------------------------------------------
    def populate(self) -> None:
        prefs = self.session.prefs
        chosen = set(prefs.roots)
        folders = list(prefs.roots) if self.session.demo else engine.default_folders()
        for path in engine.cloud_folders():
            if path not in folders:
                folders.append(path)
        for path in prefs.roots:
            if path not in folders and os.path.isdir(path):
                folders.append(path)
        for path in folders:
            self.add_folder(path, checked=(path in chosen) if chosen else True)
        for path in prefs.exclusions:
            self.excluded.addItem(path)
        self.excluded.setVisible(bool(prefs.exclusions))
        self.excluded_label.setVisible(bool(prefs.exclusions))
        locations = [] if self.session.demo else engine.temp_locations()
        if self.session.demo:
            self.temp_list.addItem(self.tr("The demo only reads its sample folder, never this computer's temporary files."))
        labels = engine.rule_labels(current_language())
        for rule, path in locations:
            item = QListWidgetItem(f"{labels.get(rule.id, rule.label)} — {path}  ({safety_word(rule.safety)})")
            item.setForeground(safety_colour(rule.safety))
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.temp_list.addItem(item)
        if not locations:
            self.temp_list.addItem(self.tr("No temporary file location found on this computer."))

    def add_folder(self, path: str, checked: bool = True) -> None:
        path = os.path.abspath(path)
        for i in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == path:
                self.tree.topLevelItem(i).setCheckState(0, Qt.CheckState.Checked)
                return
        item = QTreeWidgetItem([path, "…"])
        item.setData(0, Qt.ItemDataRole.UserRole, path)
        item.setToolTip(0, path)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        self.tree.addTopLevelItem(item)
        task = Task(engine.folder_size, path)
        task.path = path
        task.signals.finished.connect(self._size_ready)  # bound: dropped if the page goes first
        self._size_tasks.append(task.start())

    def _size_ready(self, size: int) -> None:
        done = [t for t in self._size_tasks if t.done]
        self._size_tasks = [t for t in self._size_tasks if not t.done]
        for task in done:
            for i in range(self.tree.topLevelItemCount()):
                item = self.tree.topLevelItem(i)
                if item.data(0, Qt.ItemDataRole.UserRole) == task.path:
                    item.setText(1, fmt.size(task.result))

    def add_folder_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Add a folder to scan"))
        if path:
            self.add_folder(path)

    def exclude_folder_dialog(self) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Exclude a folder"))
        if path:
            self.exclude_folder(path)

    def exclude_folder(self, path: str) -> None:
        path = os.path.abspath(path)
        if path not in self.session.prefs.exclusions:
            self.session.prefs.exclusions.append(path)
            self.excluded.addItem(path)
        self.excluded.setVisible(True)
        self.excluded_label.setVisible(True)

    def checked_roots(self) -> list[str]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.checkState(0) == Qt.CheckState.Checked:
                out.append(item.data(0, Qt.ItemDataRole.UserRole))
        return out

    def set_checked_roots(self, roots: list[str]) -> None:
        """Tick exactly these folders (adding the ones not listed yet)."""
        wanted = [os.path.abspath(r) for r in roots]
        for path in wanted:
            self.add_folder(path)
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            state = item.data(0, Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(0, Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def checked_temp_locations(self) -> list[str]:
        out = []
        for i in range(self.temp_list.count()):
            item = self.temp_list.item(i)
            path = item.data(Qt.ItemDataRole.UserRole)
            if path and item.checkState() == Qt.CheckState.Checked and path not in out:
                out.append(path)
        return out

    def set_temp_locations(self, wanted) -> None:
        """Tick the temp locations for which ``wanted(path)`` is true, untick the others."""
        for i in range(self.temp_list.count()):
            item = self.temp_list.item(i)
            path = item.data(Qt.ItemDataRole.UserRole)
            if path:
                item.setCheckState(Qt.CheckState.Checked if wanted(path) else Qt.CheckState.Unchecked)

    def on_primary(self) -> None:
        prefs = self.session.prefs
        prefs.roots = self.checked_roots()
        prefs.temp = self.temp_box.isChecked()
        prefs.large = self.large_box.isChecked()
        prefs.old = self.old_box.isChecked()
        prefs.similar_images = self.similar_box.isChecked()
        self.session.temp_roots = self.checked_temp_locations() if prefs.temp and not self.session.demo else []
        self.session.mail_accounts = self.mail_box.checked_accounts()
        self.session.save_prefs()
        self.session.navigate.emit("scan")
        self.session.scan_started.emit()

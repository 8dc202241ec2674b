"""Step 4: what was found, by category; tick what should go; a running total."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cleanup_desktop.core.paths import printable
from cleanup_desktop.gui import engine, format as fmt
from cleanup_desktop.gui.i18n import current_language
from cleanup_desktop.gui.models import columns
from cleanup_desktop.gui.models.columns import FILE_COLUMNS, TEMP_COLUMNS
from cleanup_desktop.gui.models.duplicates import DuplicatesModel
from cleanup_desktop.gui.models.files import FileTableModel
from cleanup_desktop.gui.pages.base import Page
from cleanup_desktop.gui.widgets.cards import StatCard, safety_colour, safety_word
from cleanup_desktop.gui.widgets.category_view import CategoryView
from cleanup_desktop.gui.widgets.storage_review import add_storage_review
from cleanup_desktop.gui.dialogs.unsubscribe import UnsubscribeButton

DISK_CATEGORIES = ("duplicates", "temp", "large", "old")


def on_disk(item: dict) -> int:
    """The space an item takes on disk (allocated size), the one basis of every total: the
    running total, the confirmation and the bilan count the same (duplicates' "wasted" is
    on this basis already)."""
    return int(item.get("allocated") or item.get("size") or 0)


class ReviewPage(Page):
    key = "review"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.set_texts(
            self.tr("Review"),
            self.tr("Tick what can go. Nothing happens until you confirm on the next step. "
                    "Sizes in GB: 1 GB = 10^9 bytes.") + f' <a href="why">{self.tr("Why is it safe?")}</a>',
            self.tr("&Clean the selection…"),
        )
        cards = QHBoxLayout()
        self.card_total = StatCard(self.tr("could be freed"))
        self.card_dupes = StatCard(self.tr("duplicate files"))
        self.card_temp = StatCard(self.tr("temporary files"))
        self.card_large = StatCard(self.tr("large or old files"))
        for c in (self.card_total, self.card_dupes, self.card_temp, self.card_large):
            cards.addWidget(c)
        self.body.addLayout(cards)
        self.place_note = QLabel(wordWrap=True)  # drives without a trash, online-only cloud files
        self.place_note.setVisible(False)
        self.body.addWidget(self.place_note)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.categories = QListWidget()
        self.categories.setAccessibleName(self.tr("Categories"))
        self.categories.setMaximumWidth(170)
        self.categories.setWordWrap(True)  # "Fichiers temporaires et caches" on two lines
        self.categories.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.categories.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.categories.setSpacing(2)
        self.stack = QStackedWidget()
        left = QWidget()
        left.setMaximumWidth(170)
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        lcol.addWidget(self.categories, 1)
        # The safety colours' legend under the categories (their room is otherwise empty).
        for level in ("S", "Q", "R", "keep"):
            colour = safety_colour(level).name()
            lcol.addWidget(QLabel(f"<span style='color:{colour}'>&#9679;</span> {safety_word(level)}", wordWrap=True))
        split.addWidget(left)
        split.addWidget(self.stack)
        split.setStretchFactor(1, 1)
        self.body.addWidget(split, 1)
        self.total_label = QLabel()
        self.total_label.setAccessibleName(self.tr("Selected total"))
        font = self.total_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.total_label.setFont(font)
        self.total_label.setWordWrap(True)
        # Beside the primary button, outside the scrolling body: always in view.
        self.buttons.insertWidget(0, self.total_label, 1)
        self.categories.currentRowChanged.connect(self.stack.setCurrentIndex)
        self._total_timer = QTimer(self)
        self._total_timer.setSingleShot(True)
        self._total_timer.setInterval(60)  # many ticks at once (a preset) give one recount
        self._total_timer.timeout.connect(self.update_total)
        self.views: dict[str, CategoryView] = {}
        self.chooser = None
        session.scan_finished.connect(self.load)
        session.scan_refreshed.connect(self.load)
        session.mail_scanned.connect(self.add_mail)
        if session.scan is not None or session.mail_scans:
            self.load(session.scan)
        else:
            self._empty()

    def title(self) -> str:
        return self.tr("Review")

    def save_state(self) -> dict:
        return {"row": self.categories.currentRow(),
                "filters": {key: view.filter.text() for key, view in self.views.items()}}

    def restore_state(self, state: dict) -> None:
        for key, text in state.get("filters", {}).items():
            if key in self.views and text:
                self.views[key].filter.setText(text)
        if 0 <= state.get("row", -1) < self.categories.count():
            self.categories.setCurrentRow(state["row"])

    # building -------------------------------------------------------------------------------
    def _empty(self) -> None:
        self.total_label.setText(self.tr("Nothing to review yet: run a scan first."))
        self.primary.setEnabled(False)

    def _clear(self) -> None:
        self.categories.clear()
        while self.stack.count():
            w = self.stack.widget(0)
            self.stack.removeWidget(w)
            w.deleteLater()
        self.views.clear()

    def load(self, scan: dict | None) -> None:
        """(Re)build every category: the disk scan's, then each mailbox's (the category on
        screen stays on screen, e.g. after a cleanup refreshed the lists)."""
        current = self.categories.currentItem()
        key = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self._clear()
        self.chooser = None
        if scan is not None:
            self.load_disk(scan)
        for choice in self.session.mail_choosers:
            self.add_mail_categories(choice)
        keys = [self.categories.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.categories.count())]
        self.categories.setCurrentRow(keys.index(key) if key in keys else 0)
        self.update_total()

    def add_mail(self, _result: dict) -> None:
        self.add_mail_categories(self.session.mail_choosers[-1])
        if self.categories.currentRow() < 0:
            self.categories.setCurrentRow(0)
        self.update_total()

    def add_category(self, key: str, title: str, count: int, size: int, view: CategoryView) -> None:
        view.setObjectName(f"view-{key}")
        view.checks_changed.connect(self._total_timer.start)
        self.views[key] = view
        self.stack.addWidget(view)
        item = QListWidgetItem(f"{title}\n{fmt.number(count)} · {fmt.size(size)}")
        item.setData(Qt.ItemDataRole.UserRole, key)
        self.categories.addItem(item)

    def add_mail_categories(self, choice) -> None:
        """Duplicate mails (one switch: the planner keeps one copy), large and old mail to tick,
        bulky senders (ticking one ticks all their mails)."""
        scan = choice.scan
        account = scan.get("account", "")
        n = self.session.mail_choosers.index(choice)
        dupes = scan.get("duplicates", [])
        box = QCheckBox(self.tr("Remove the extra copies of duplicate mails (one copy always stays)"))
        box.setChecked(choice.duplicates)

        def toggled(on: bool, choice=choice) -> None:
            choice.duplicates = on
            self.update_total()

        box.toggled.connect(toggled)
        model = FileTableModel("mail-duplicates", dupes, columns.MAIL_DUPLICATE_COLUMNS, None)
        self.add_category(f"mail{n}-duplicates", self.tr("Duplicate mails — {0}").format(account),
                          sum(len(d["copies"]) - 1 for d in dupes), sum(d["wasted"] for d in dupes),
                          CategoryView(model, box))
        for key, cat, title in (("large_messages", "mail-large", self.tr("Large mails — {0}")),
                                ("old", "mail-old", self.tr("Old bulky mails — {0}"))):
            rows = scan.get(key, [])
            model = FileTableModel(cat, rows, columns.MAIL_COLUMNS, choice)
            self.add_category(f"mail{n}-{cat}", title.format(account), len(rows), sum(r["size"] for r in rows),
                              CategoryView(model))
        attachments = scan.get("attachments", [])
        model = FileTableModel("mail-large", attachments, columns.ATTACHMENT_COLUMNS, choice)
        self.add_category(f"mail{n}-attachments", self.tr("Large attachments — {0}").format(account),
                          len(attachments), sum(a["size"] for a in attachments),
                          CategoryView(model, QLabel(self.tr("Ticking an attachment removes the whole mail that carries it."))))
        senders = scan.get("senders", [])
        model = FileTableModel("mail-senders", senders, columns.SENDER_COLUMNS, choice.senders())
        unsubscribe = UnsubscribeButton(self, choice)
        view = CategoryView(model, unsubscribe)
        unsubscribe.attach(view)
        self.add_category(f"mail{n}-senders", self.tr("Bulky senders — {0}").format(account),
                          len(senders), sum(x["bytes"] for x in senders), view)

    def load_disk(self, scan: dict) -> None:
        columns.SCAN_ROOTS[:] = [*scan.get("roots", []), *scan.get("temp_roots", [])]
        columns.RULE_LABELS.clear()
        columns.RULE_LABELS.update(engine.rule_labels(current_language()))
        columns.RULE_WHY.clear()
        columns.RULE_WHY.update(engine.rule_descriptions(current_language()))
        if self.session.selection is None:
            self.session.selection = engine.make_chooser(scan)
        self.chooser = self.session.selection
        lists = {
            "duplicates": scan.get("duplicates", []),
            "temp": scan.get("temp", []),
            "large": scan.get("large", []),
            "old": scan.get("old", []) if self.session.prefs.old else [],
        }
        wasted = sum(g.get("wasted", 0) for g in lists["duplicates"])
        temp_bytes = sum(on_disk(t) for t in lists["temp"])
        self.card_total.set_value(fmt.size(wasted + temp_bytes))
        self.card_total.set_caption(self.tr("could be freed by duplicates and temporary files"))
        self.card_dupes.set_value(fmt.number(sum(len(g["files"]) - 1 for g in lists["duplicates"])))
        self.card_temp.set_value(fmt.number(len(lists["temp"])))
        self.card_large.set_value(fmt.number(len(lists["large"]) + len(lists["old"])))
        names = {
            "duplicates": self.tr("Duplicates"),
            "temp": self.tr("Temporary files and caches"),
            "large": self.tr("Large files"),
            "old": self.tr("Old files"),
        }
        self.show_places(scan)
        for cat in DISK_CATEGORIES:
            rows = lists[cat]
            if cat == "duplicates":
                model = DuplicatesModel(rows, self.chooser)
                size = wasted
                tools = self._duplicate_tools()
            else:
                model = FileTableModel(cat, rows, TEMP_COLUMNS if cat == "temp" else FILE_COLUMNS, self.chooser)
                size = sum(on_disk(r) for r in rows)
                tools = self._temp_tools() if cat == "temp" else None
            view = CategoryView(model, tools)
            self.add_category(cat, names[cat], len(rows), size, view)
            if cat == "duplicates":
                view.expand_all_if_small()
        add_storage_review(self, scan)  # the map first, then duplicate folders, similar photos...

    def show_places(self, scan: dict) -> None:
        no_trash, online, online_bytes = scan.get("places") or engine.scan_places(scan)
        notes = []
        for root in no_trash:
            notes.append(self.tr("This drive has no trash: items go to a quarantine folder ({0}).").format(printable(root)))
        if online:
            notes.append(self.tr("%Ln online-only cloud files ({0}, cloud storage) are listed apart: they are not on "
                                 "this disk, so they are never read nor compared. Deleting one deletes it from the cloud.",
                                 "", online).format(fmt.size(online_bytes)))
        self.place_note.setText("\n".join(notes))
        self.place_note.setVisible(bool(notes))

    def _duplicate_tools(self) -> QWidget:
        box = QWidget()
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        outer.addLayout(row)
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("Keep rule"))
        for key, label in (
            ("keep-default", self.tr("Keep the original (name without “copy”, oldest)")),
            ("keep-newest", self.tr("Keep the newest copy")),
            ("keep-oldest", self.tr("Keep the oldest copy")),
            ("keep-in", self.tr("Keep the copy in a folder…")),
            ("select-in", self.tr("Select every copy in a folder…")),
            ("none", self.tr("Untick everything")),
        ):
            self.preset.addItem(label, key)
        apply = QPushButton(self.tr("A&pply"))
        apply.clicked.connect(lambda: self.apply_preset(self.preset.currentData()))
        row.addWidget(QLabel(self.tr("Keep rule:")))
        row.addWidget(self.preset)
        row.addWidget(apply)
        self.last_copy_note = QLabel(self.tr("One copy of each file is always kept: the last copy can't be selected."))
        self.last_copy_note.setWordWrap(True)
        row.addStretch(1)
        outer.addWidget(self.last_copy_note)
        for w in (self.preset, apply):
            w.setEnabled(self.chooser is not None)
        return box

    def _temp_tools(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(self.tr("Tick the safe ones"))
        button.clicked.connect(lambda: self.apply_preset("temp-safe"))
        button.setEnabled(self.chooser is not None)
        row.addWidget(button)
        row.addStretch(1)
        return box

    # actions ---------------------------------------------------------------------------------
    def apply_preset(self, preset: str, folder: str | None = None) -> None:
        if self.chooser is None:
            return
        if preset in ("keep-in", "select-in") and folder is None:
            folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the folder"))
            if not folder:
                return
        engine.apply_preset(self.chooser, preset, folder)
        for view in self.views.values():
            view.model.refresh_checks()
        self.update_total()

    def update_total(self) -> None:
        if self.chooser is None and not self.session.mail_choosers:
            self.total_label.setText(self.tr("Nothing to review yet: run a scan first."))
            self.primary.setEnabled(False)
            return
        count, local = engine.selection_totals(self.chooser) if self.chooser is not None else (0, 0)
        cloud = mails = 0
        if self.chooser is not None:
            local, cloud = engine.selection_split(self.chooser, engine.classifier())
        for choice in self.session.mail_choosers:
            n, b = choice.totals()
            count, cloud, mails = count + n, cloud + b, mails + n
        size = local + cloud
        text = self.tr("Selected: %Ln items · {0} ({1})", "", count).format(fmt.size(size), fmt.go(size))
        kg = engine.kg_for_bytes(local, engine.method_of(self.session.prefs), cloud, emails=mails)
        if kg is not None:
            text += " · ≈ " + fmt.kg(kg)
        self.total_label.setText(text)
        self.primary.setEnabled(count > 0)

    def on_link(self, href: str) -> None:
        QMessageBox.information(self, self.tr("Why is it safe?"), self.tr(
            "One copy of every duplicate always stays, and the app picks the original (a name without "
            "“copy”, the oldest) unless you choose another rule. Temporary files are offered only where their "
            "application recreates them; green ones are safe, orange ones need their application closed first, "
            "blue ones are your own files: look before you tick. Files go to the trash, so you can undo."))

    def on_primary(self) -> None:
        self.session.selection_changed.emit()
        self.session.navigate.emit("clean")

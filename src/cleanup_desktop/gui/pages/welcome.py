"""Step 1: what the app does and does not do, the event, and a few good practices."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from cleanup_desktop.gui.pages.base import Page


class WelcomePage(Page):
    key = "welcome"

    def __init__(self, session, parent=None) -> None:
        super().__init__(session, parent)
        self.set_texts(
            self.tr("Welcome to Cleanup Desktop"),
            self.tr(
                "For Digital Cleanup Day: find what you no longer need on your computer and in "
                "your mailbox, delete it safely, and measure what you freed."
            ),
            self.tr("&Start: choose what to scan"),
        )
        content = QWidget()
        col = QVBoxLayout(content)

        does = QGroupBox(self.tr("What this app does, and does not do"))
        does_layout = QVBoxLayout(does)
        for line in (
            self.tr("✔ It looks for duplicate files, temporary files and caches, large and old files, and heavy mail."),
            self.tr("✔ You review every suggestion; nothing is removed until you confirm."),
            self.tr("✔ Files go to the trash by default, so you can undo; one copy of every duplicate is always kept."),
            self.tr("✘ It never sends your file names, paths or mail subjects anywhere; the sheet you export holds only totals."),
        ):
            label = self.note(line)
            does_layout.addWidget(label)
        col.addWidget(does)

        event = QGroupBox(self.tr("Your event"))
        form = QFormLayout(event)
        prefs = self.session.prefs
        self.event_edit = QLineEdit(prefs.event_id)
        self.event_edit.setPlaceholderText(self.tr("e.g. the event number given by your organiser"))
        self.team_edit = QLineEdit(prefs.team)
        self.team_edit.setPlaceholderText(self.tr("e.g. Accounting"))
        self.name_edit = QLineEdit(prefs.participant)
        self.name_edit.setPlaceholderText(self.tr("optional: a name or a pseudonym"))
        for edit, label in (
            (self.event_edit, self.tr("Event id:")),
            (self.team_edit, self.tr("Team or department:")),
            (self.name_edit, self.tr("Your name (optional):")),
        ):
            edit.setAccessibleName(label.rstrip(":"))
            edit.editingFinished.connect(self.save)  # kept even when leaving by the side bar
            form.addRow(label, edit)
        col.addWidget(event)

        tips = QGroupBox(self.tr("Good habits, today and after"))
        tips_layout = QVBoxLayout(tips)
        for line in (
            self.tr("Mail: unsubscribe from newsletters you never read; delete old mail and heavy attachments."),
            self.tr("Share a link to a file instead of attaching it; compress images and videos."),
            self.tr("Storage: delete duplicates and temporary files; keep each file in one place."),
            self.tr("Sort regularly rather than once a year."),
            self.tr("Most of a device's footprint comes from making it: keeping devices longer matters more than deleting data."),
        ):
            tips_layout.addWidget(QLabel("• " + line, wordWrap=True))
        col.addWidget(tips)
        col.addStretch(1)
        self.body.addWidget(self.scrolled(content))

    def title(self) -> str:
        return self.tr("Welcome")

    def save_state(self) -> dict:
        return {"texts": [e.text() for e in (self.event_edit, self.team_edit, self.name_edit)]}

    def restore_state(self, state: dict) -> None:
        for edit, text in zip((self.event_edit, self.team_edit, self.name_edit), state.get("texts", [])):
            edit.setText(text)

    def save(self) -> None:
        prefs = self.session.prefs
        prefs.event_id = self.event_edit.text().strip()
        prefs.team = self.team_edit.text().strip()
        prefs.participant = self.name_edit.text().strip()
        self.session.save_prefs()

    def on_primary(self) -> None:
        self.save()
        self.session.navigate.emit("targets")

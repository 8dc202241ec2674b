"""The mail accounts box of the "what to scan" step."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from cleanup_desktop.gui import engine
from cleanup_desktop.gui.dialogs.mail_account import MailAccountDialog


class MailAccountsBox(QGroupBox):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.setTitle(self.tr("Mail accounts"))
        col = QVBoxLayout(self)
        self.status = QLabel(wordWrap=True)
        col.addWidget(self.status)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Mail accounts"))
        self.list.setMaximumHeight(80)
        col.addWidget(self.list)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add a &mail account…"))
        self.add_button.clicked.connect(self.add_account)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_account)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test_account)
        for b in (self.add_button, self.remove_button, self.test_button):
            row.addWidget(b)
        row.addStretch(1)
        col.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        ready = engine.available("mail")
        self.status.setText(
            self.tr("Scan a mailbox on a server: duplicates, large attachments, bulky senders.")
            if ready
            else self.tr("Mail accounts: not available yet in this version.")
        )
        for b in (self.add_button, self.remove_button, self.test_button):
            b.setEnabled(ready)
        self.list.clear()
        for account in engine.mail_accounts():
            item = QListWidgetItem(engine.mail_account_label(account))
            item.setData(256, account)
            self.list.addItem(item)

    def add_account(self) -> None:
        dialog = MailAccountDialog(self)
        if dialog.exec():
            engine.add_mail_account(dialog.account(), dialog.secret())
            self.refresh()

    def remove_account(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            engine.remove_mail_account(item.data(256))
            self.refresh()

    def test_account(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        ok, message = engine.test_mail_account(item.data(256))
        self.status.setText((self.tr("Connection works.") if ok else self.tr("Connection failed:")) + " " + message)

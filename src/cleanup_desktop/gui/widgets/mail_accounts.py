"""The mail accounts box of the "what to scan" step: add, remove, test, tick to scan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from cleanup_desktop.gui import engine
from cleanup_desktop.gui.input_guard import guard as guard_fields
from cleanup_desktop.gui.dialogs.mail_account import MailAccountDialog
from cleanup_desktop.gui.workers import Task


class MailAccountsBox(QGroupBox):
    def __init__(self, session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.task: Task | None = None
        self.setTitle(self.tr("Mail accounts"))
        col = QVBoxLayout(self)
        self.status = QLabel(wordWrap=True)
        col.addWidget(self.status)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Mail accounts to scan"))
        self.list.setMaximumHeight(90)
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
        ready = not self.session.demo
        self.status.setText(
            self.tr("Scan a mailbox on a server: duplicate mails, large mails, old bulky mail, bulky senders.")
            if ready else self.tr("Mail accounts: not available here."))
        for b in (self.add_button, self.remove_button, self.test_button):
            b.setEnabled(ready)
        self.list.clear()
        if not ready:
            return
        try:
            accounts = engine.mail_accounts()
        except Exception as exc:  # a damaged settings file: say so, keep the rest usable
            self.status.setText(str(exc))
            return
        for account in accounts:
            item = QListWidgetItem(engine.mail_account_label(account))
            item.setData(Qt.ItemDataRole.UserRole, account)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        problems = engine.mail_account_problems()  # rows of a hand-edited file, set aside: say so
        if problems:
            self.status.setText("\n".join(problems))

    def checked_accounts(self) -> list:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def add_account(self) -> None:
        dialog = MailAccountDialog(self)
        guard_fields(dialog)  # the wheel never changes an unfocused field
        if dialog.exec():
            self.save(dialog.fields(), dialog.secret())

    def save(self, fields: dict, secret: str) -> bool:
        try:
            engine.save_mail_account(fields, secret)
        except Exception as exc:  # MailError: a clear sentence for the user
            QMessageBox.warning(self, self.tr("Mail account"), str(exc))
            return False
        self.refresh()
        return True

    def remove_account(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            engine.remove_mail_account(item.data(Qt.ItemDataRole.UserRole))
            self.refresh()

    def test_account(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        if item is None:
            return
        self.status.setText(self.tr("Connecting…"))
        self.test_button.setEnabled(False)
        self.task = Task(engine.test_mail_account, item.data(Qt.ItemDataRole.UserRole))
        self.task.signals.finished.connect(
            lambda n: self._tested(self.tr("Connection works: %n folders.", "", int(n))))
        self.task.signals.failed.connect(lambda m: self._tested(self.tr("Connection failed: {0}").format(m)))
        self.task.start()

    def _tested(self, text: str) -> None:
        self.status.setText(text)
        self.test_button.setEnabled(True)

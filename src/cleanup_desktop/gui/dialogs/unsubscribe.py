"""“Unsubscribe…” for a bulky sender: open its unsubscribe link (browser or mail client), or,
when the sender offers it behind a valid DKIM signature, let the app unsubscribe in one click;
and, in the same go, tick this sender's mail older than N months for the cleanup."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from cleanup_desktop.gui import format as fmt
from cleanup_desktop.gui.engine import unsubscribe as engine
from cleanup_desktop.gui.models.files import ItemRole
from cleanup_desktop.gui.workers import Task


class UnsubscribeDialog(QDialog):
    def __init__(self, scan: dict, sender: dict, choice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scan, self.sender, self.choice = scan, sender, choice
        self.task = None
        self.setWindowTitle(self.tr("Unsubscribe"))
        col = QVBoxLayout(self)
        col.addWidget(QLabel(self.tr("<b>{0}</b><br>%Ln mails · {1}", "", int(sender.get("messages", 0))).format(
            sender.get("name", ""), fmt.size(sender.get("bytes", 0)))))
        offer = sender.get("unsubscribe") or {}
        targets = offer.get("targets") or []
        if not targets:
            col.addWidget(QLabel(self.tr("This sender gives no unsubscribe link in its mails."), wordWrap=True))
        for target in targets:
            web = target.lower().startswith("https:")
            button = QPushButton(self.tr("Open the unsubscribe page") if web else self.tr("Write the unsubscribe mail"))
            button.setToolTip(target)
            button.clicked.connect(lambda _c=False, t=target: QDesktopServices.openUrl(QUrl(t)))
            col.addWidget(button)
        self.one_click_button = QPushButton(self.tr("Unsubscribe for me (one click)"))
        self.one_click_button.setVisible(bool(offer.get("one_click")))
        self.one_click_button.setToolTip(self.tr(
            "The app checks that the sender really signed this offer (DKIM) before sending the request."))
        self.one_click_button.clicked.connect(self.run_one_click)
        col.addWidget(self.one_click_button)
        self.status = QLabel(wordWrap=True)
        col.addWidget(self.status)
        row = QHBoxLayout()
        self.delete_box = QCheckBox(self.tr("and delete this sender's mail older than"))
        self.months = QSpinBox()
        self.months.setRange(0, 120)
        self.months.setValue(6)
        self.months.setSuffix(self.tr(" months"))
        row.addWidget(self.delete_box)
        row.addWidget(self.months)
        row.addStretch(1)
        col.addLayout(row)
        self.delete_note = QLabel(wordWrap=True)
        col.addWidget(self.delete_note)
        for signal in (self.delete_box.toggled, self.months.valueChanged):
            signal.connect(self.update_note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.update_note()

    def old_items(self) -> list[dict]:
        return engine.older_items(self.sender, self.months.value()) if self.delete_box.isChecked() else []

    def update_note(self) -> None:
        items = self.old_items()
        self.delete_note.setText(self.tr("%Ln mails ({0}) will be ticked for the cleanup.", "", len(items)).format(
            fmt.size(sum(i.get("size", 0) for i in items))) if self.delete_box.isChecked() else "")

    def run_one_click(self) -> None:
        self.one_click_button.setEnabled(False)
        self.status.setText(self.tr("Checking the sender's signature…"))
        task = Task(engine.one_click, self.scan, self.sender)
        task.signals.finished.connect(lambda _status: self.status.setText(self.tr("Done: the sender confirmed the request.")))
        task.signals.failed.connect(self.on_failed)
        self.task = task.start()

    def on_failed(self, message: str) -> None:
        self.status.setText(self.tr("Not sent: {0}").format(message))
        self.one_click_button.setEnabled(True)

    def accept(self) -> None:
        for item in self.old_items():
            self.choice.set_selected("mail-senders", item, True)
        super().accept()


class UnsubscribeButton(QPushButton):
    """The senders list's tool: acts on the sender chosen in the list."""

    def __init__(self, page, choice) -> None:
        super().__init__(self.tr("&Unsubscribe…"))
        self.page, self.choice, self.view = page, choice, None
        self.setToolTip(self.tr("Open this sender's unsubscribe link, or unsubscribe in one click where it is safe."))
        self.clicked.connect(self.open_dialog)

    def attach(self, view) -> None:
        self.view = view

    def open_dialog(self) -> None:
        index = self.view.view.currentIndex() if self.view is not None else None
        sender = self.view.proxy.data(index.siblingAtColumn(0), ItemRole) if index is not None and index.isValid() else None
        if not isinstance(sender, dict):
            self.setToolTip(self.tr("Choose a sender in the list first."))
            return
        dialog = UnsubscribeDialog(self.choice.scan, sender, self.choice, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            for view in self.page.views.values():
                view.model.refresh_checks()
            self.page.update_total()

"""Add or edit a mail account: IMAP, Exchange (EWS) or Microsoft 365 (Graph)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

KINDS = ("imap", "ews", "graph")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143}


class MailAccountDialog(QDialog):
    def __init__(self, parent=None, account: dict | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mail account"))
        account = dict(account or {})
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Your password is kept in the system keyring, never in a file."), wordWrap=True))
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("IMAP (most providers)"), "imap")
        self.kind.addItem(self.tr("Exchange server (EWS)"), "ews")
        self.kind.addItem(self.tr("Microsoft 365 (sign in with Microsoft)"), "graph")
        self.kind.setCurrentIndex(max(0, KINDS.index(account.get("kind", "imap"))))
        self.host = QLineEdit(account.get("host", ""))
        self.host.setPlaceholderText(self.tr("e.g. imap.example.org"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(int(account.get("port", 993)))
        self.security = QComboBox()
        self.security.addItem(self.tr("SSL/TLS"), "ssl")
        self.security.addItem(self.tr("STARTTLS"), "starttls")
        if account.get("security") == "starttls":
            self.security.setCurrentIndex(1)
        self.security.currentIndexChanged.connect(
            lambda _i: self.port.setValue(DEFAULT_PORTS[self.security.currentData()])
        )
        self.user = QLineEdit(account.get("user", ""))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.tenant = QLineEdit(account.get("tenant", ""))
        self.client_id = QLineEdit(account.get("client_id", ""))
        rows = (
            (self.tr("Type:"), self.kind),
            (self.tr("Server:"), self.host),
            (self.tr("Port:"), self.port),
            (self.tr("Security:"), self.security),
            (self.tr("User name:"), self.user),
            (self.tr("Password:"), self.password),
            (self.tr("Tenant id (Microsoft 365):"), self.tenant),
            (self.tr("Application id (Microsoft 365):"), self.client_id),
        )
        self._rows = {}
        for label, widget in rows:
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
            self._rows[widget] = label
        layout.addLayout(form)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._form = form
        self._kind_changed()

    def _kind_changed(self) -> None:
        graph = self.kind.currentData() == "graph"
        for widget in (self.host, self.port, self.security, self.password):
            self._form.setRowVisible(widget, not graph)
        for widget in (self.tenant, self.client_id):
            self._form.setRowVisible(widget, graph)

    def account(self) -> dict:
        kind = self.kind.currentData()
        out = {"kind": kind, "user": self.user.text().strip()}
        if kind == "graph":
            out.update(tenant=self.tenant.text().strip(), client_id=self.client_id.text().strip())
        else:
            out.update(host=self.host.text().strip(), port=self.port.value(), security=self.security.currentData())
        return out

    def secret(self) -> str:
        return self.password.text()

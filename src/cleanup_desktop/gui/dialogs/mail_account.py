"""Add a mail account: IMAP with a password, or Microsoft 365 / Gmail with a sign-in."""

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

PRESETS = {  # kind -> (host, security, auth)
    "imap": ("", "ssl", "password"),
    "microsoft": ("outlook.office365.com", "ssl", "oauth-microsoft"),
    "google": ("imap.gmail.com", "ssl", "oauth-google"),
}
DEFAULT_PORTS = {"ssl": 993, "starttls": 143}


class MailAccountDialog(QDialog):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mail account"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Your password is kept in the system keyring, never in a file. "
                                        "Scanning only reads: nothing changes until you confirm a cleanup."),
                                wordWrap=True))
        form = QFormLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("IMAP with a password (most providers)"), "imap")
        self.kind.addItem(self.tr("Microsoft 365 / Outlook (sign in with Microsoft)"), "microsoft")
        self.kind.addItem(self.tr("Gmail (sign in with Google)"), "google")
        self.kind.addItem(self.tr("Exchange server (EWS, password)"), "ews")
        self.kind.addItem(self.tr("Microsoft 365 (Microsoft Graph, sign in)"), "graph")
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. Work mail"))
        self.host = QLineEdit()
        self.host.setPlaceholderText(self.tr("e.g. imap.example.org"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(993)
        self.security = QComboBox()
        self.security.addItem(self.tr("SSL/TLS"), "ssl")
        self.security.addItem(self.tr("STARTTLS"), "starttls")
        self.security.currentIndexChanged.connect(lambda _i: self.port.setValue(DEFAULT_PORTS[self.security.currentData()]))
        self.user = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.client_id = QLineEdit()
        self.client_id.setPlaceholderText(self.tr("given by your organisation's IT"))
        self.tenant = QLineEdit()
        self.tenant.setPlaceholderText("organizations")
        self.url = QLineEdit()
        self.url.setPlaceholderText(self.tr("empty: found from your address (autodiscover)"))
        self.email = QLineEdit()
        self.email.setPlaceholderText(self.tr("e.g. first.last@example.org"))
        self.ews_auth = QComboBox()
        self.ews_auth.addItem(self.tr("Windows sign-in (NTLM)"), "ntlm")
        self.ews_auth.addItem(self.tr("Basic (user name and password over HTTPS)"), "basic")
        self.authority = QLineEdit()  # national clouds (US Government, China): their sign-in service
        self.authority.setPlaceholderText(self.tr("empty: https://login.microsoftonline.com (worldwide)"))
        self.endpoint = QLineEdit()
        self.endpoint.setPlaceholderText(self.tr("empty: https://graph.microsoft.com/v1.0 (worldwide)"))
        self.cafile = QLineEdit()  # a company proxy that inspects TLS: its CA certificate
        self.cafile.setPlaceholderText(self.tr("empty: only the system's certificates"))
        self.note = QLabel(wordWrap=True)
        for label, widget in (
            (self.tr("Type:"), self.kind),
            (self.tr("Name:"), self.name),
            (self.tr("Server:"), self.host),
            (self.tr("Exchange address (EWS URL):"), self.url),
            (self.tr("Mail address:"), self.email),
            (self.tr("Sign-in method:"), self.ews_auth),
            (self.tr("Port:"), self.port),
            (self.tr("Security:"), self.security),
            (self.tr("User name:"), self.user),
            (self.tr("Password:"), self.password),
            (self.tr("Application id:"), self.client_id),
            (self.tr("Tenant id (Microsoft 365):"), self.tenant),
            (self.tr("Sign-in service (national cloud):"), self.authority),
            (self.tr("Microsoft Graph address:"), self.endpoint),
            (self.tr("Company certificate (PEM file):"), self.cafile),
        ):
            widget.setAccessibleName(label.rstrip(":"))
            form.addRow(label, widget)
        self._form = form
        layout.addLayout(form)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        imap = kind in PRESETS
        host, security, auth = PRESETS.get(kind, ("", "ssl", "password" if kind == "ews" else "oauth"))
        if host:
            self.host.setText(host)
        self.security.setCurrentIndex(self.security.findData(security))
        password = auth == "password"
        for widget in (self.host, self.port, self.security):
            self._form.setRowVisible(widget, imap)
        self._form.setRowVisible(self.url, kind == "ews")
        self._form.setRowVisible(self.email, kind == "ews")
        self._form.setRowVisible(self.ews_auth, kind == "ews")
        self._form.setRowVisible(self.password, password)
        self._form.setRowVisible(self.client_id, not password)
        self._form.setRowVisible(self.tenant, kind in ("microsoft", "graph"))
        self._form.setRowVisible(self.authority, kind == "graph")
        self._form.setRowVisible(self.endpoint, kind == "graph")
        self._form.setRowVisible(self.cafile, kind in ("graph", "ews"))
        notes = {"ews": self.tr("For an Exchange server of your organisation (Exchange Online: use Microsoft 365)."),
                 "graph": self.tr("Your organisation registers the application once and gives you its id.")}
        self.note.setText(notes.get(kind, ""))

    def fields(self) -> dict:
        """The core.mail.accounts.Account fields of the account, any kind; never the secret."""
        kind = self.kind.currentData()
        name = self.name.text().strip() or self.user.text().strip()
        if kind == "ews":
            return {"kind": "ews", "name": name, "user": self.user.text().strip(),
                    "email": self.email.text().strip() or None, "url": self.url.text().strip() or None,
                    "auth": self.ews_auth.currentData(), "cafile": self.cafile.text().strip() or None}
        if kind == "graph":
            return {"kind": "graph", "name": name, "user": self.user.text().strip(),
                    "tenant": self.tenant.text().strip() or "organizations", "client_id": self.client_id.text().strip(),
                    "authority": self.authority.text().strip() or None,
                    "endpoint": self.endpoint.text().strip() or None, "cafile": self.cafile.text().strip() or None}
        auth = PRESETS[kind][2]
        out = {"name": self.name.text().strip() or self.user.text().strip(), "host": self.host.text().strip(),
               "user": self.user.text().strip(), "port": self.port.value(), "security": self.security.currentData(),
               "auth": auth}
        if auth != "password":
            out["client_id"] = self.client_id.text().strip() or None
            out["tenant"] = (self.tenant.text().strip() or "organizations") if kind == "microsoft" else None
        return out

    def secret(self) -> str:
        return self.password.text()

"""Mail account settings: a JSON file in the user config folder, secrets in the OS keyring.

The file (core.paths.config_dir()/mail-accounts.json) holds no
password or token; ``set_password``/``get_password`` use ``keyring`` (service
"cleanup-desktop-mail", user "user@host:port").
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

import keyring

from cleanup_desktop.core import paths
from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.mail.sources.imap import DEFAULT_PORTS, SECURITY_MODES, ImapSettings, is_loopback

KEYRING_SERVICE = "cleanup-desktop-mail"
FILE_NAME = "mail-accounts.json"


@dataclass
class Account:
    name: str  # display name
    host: str
    user: str
    port: Optional[int] = None
    security: str = "ssl"  # ssl | starttls | insecure-plain (localhost only)
    auth: str = "password"  # password | oauth-microsoft | oauth-google
    client_id: Optional[str] = None  # OAuth application id (set by the organisation)
    tenant: Optional[str] = None  # Microsoft tenant id
    trust_fingerprint: Optional[str] = None
    folders: list[str] = field(default_factory=list)  # empty: all

    def validate(self) -> None:
        if not self.name or not self.host or not self.user:
            raise MailError("An account needs a name, a server and a user name.", "args")
        if self.security not in SECURITY_MODES:
            raise MailError(f"Unknown security '{self.security}'.", "args")
        if self.security == "insecure-plain" and not is_loopback(self.host):
            raise MailError("Unencrypted IMAP is only allowed to this computer (localhost).", "args")
        if self.auth not in ("password", "oauth-microsoft", "oauth-google"):
            raise MailError(f"Unknown sign-in method '{self.auth}'.", "args")
        if self.auth != "password" and not self.client_id:
            raise MailError("OAuth sign-in needs the application (client) id from your organisation.", "args")

    def settings(self) -> ImapSettings:
        return ImapSettings(host=self.host, user=self.user, port=self.port, security=self.security,
                            trust_fingerprint=self.trust_fingerprint)

    def describe(self) -> dict:
        return {"kind": "imap", "host": self.host, "port": self.port or DEFAULT_PORTS[self.security],
                "user": self.user, "security": self.security}


def config_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load_accounts(path: Optional[Path] = None) -> list[Account]:
    path = path or config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as exc:
        raise MailError(f"Cannot read the mail account settings {path}: {exc}", "config") from None
    known = set(Account.__dataclass_fields__)
    out = []
    for row in data.get("accounts", []):
        acc = Account(**{k: v for k, v in row.items() if k in known})
        out.append(acc)
    return out


def save_accounts(accounts: list[Account], path: Optional[Path] = None) -> None:
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for a in accounts:
        a.validate()
    text = json.dumps({"version": 1, "accounts": [asdict(a) for a in accounts]}, indent=1, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".mail-accounts-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text + "\n")
    os.replace(tmp, path)


def upsert(account: Account, path: Optional[Path] = None) -> None:
    accounts = [a for a in load_accounts(path) if a.name != account.name]
    accounts.append(account)
    save_accounts(accounts, path)


def remove(name: str, path: Optional[Path] = None) -> bool:
    accounts = load_accounts(path)
    keep = [a for a in accounts if a.name != name]
    if len(keep) == len(accounts):
        return False
    gone = next(a for a in accounts if a.name == name)
    save_accounts(keep, path)
    delete_password(gone.describe())
    return True


def find(name: str, path: Optional[Path] = None) -> Account:
    for a in load_accounts(path):
        if a.name == name:
            return a
    raise MailError(f"No mail account named '{name}'.", "args")


def _keyring_user(account: dict) -> str:
    return f"{account['user']}@{account['host']}:{account.get('port') or DEFAULT_PORTS[account.get('security', 'ssl')]}"


def set_password(account: dict, password: str) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_user(account), password)
    except Exception as exc:
        raise MailError(f"Cannot store the password in the system keyring ({exc}).", "keyring") from None


def get_password(account: dict) -> Optional[str]:
    try:
        return keyring.get_password(KEYRING_SERVICE, _keyring_user(account))
    except Exception:
        return None


def delete_password(account: dict) -> None:
    try:
        keyring.delete_password(KEYRING_SERVICE, _keyring_user(account))
    except Exception:
        pass

"""Mail accounts of every kind, owned by the core: IMAP, Exchange (EWS), Microsoft 365 (Graph).

Where they live: ONE file, ``core.paths.config_dir()/mail-accounts.json`` (version 2, one row
per account, each with a stable ``id``). The file never holds a password or a token: IMAP and
Exchange passwords are in the OS keyring (service "cleanup-desktop-mail", user
"user@host:port" of ``Account.describe()``), Microsoft sign-ins in the keyring's MSAL cache.

Rules this module guarantees (tests/mail/test_accounts_store.py):
- Reading never trusts the file. A row that is not a valid account (hand-edited, damaged,
  holding a secret, a second row with the same name or id) is set aside with one sentence in
  ``Store.problems`` and written back unchanged (under "set_aside") on the next save: no other
  account is lost, and once the user repairs it there it is read as an account again. A file that is not JSON at all raises MailError("config") naming the
  file, and nothing writes over it.
- Names and ids are unique; replacing an account by name keeps its id.
- ``migrate(...)`` (accounts.migrate) moves the accounts saved by earlier versions into this
  file once (see that module).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, Optional

import keyring

from cleanup_desktop.core import paths
from cleanup_desktop.core.mail.errors import MailError
from cleanup_desktop.core.mail.sources.imap import DEFAULT_PORTS, SECURITY_MODES, is_loopback

KEYRING_SERVICE = "cleanup-desktop-mail"
FILE_NAME = "mail-accounts.json"
VERSION = 2
KINDS = ("imap", "ews", "graph")
IMAP_AUTH = ("password", "oauth-microsoft", "oauth-google")
EWS_AUTH = ("ntlm", "basic", "kerberos")
SECRET_KEYS = ("password", "secret", "token", "access_token", "refresh_token", "client_secret")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def new_id() -> str:
    return uuid.uuid4().hex[:16]


@dataclass
class Account:
    """One saved mail account; the fields that do not belong to its kind stay empty.

    IMAP: host, port, security, auth (password | oauth-microsoft | oauth-google), client_id
    and tenant (OAuth), trust_fingerprint, cafile. Exchange (kind "ews"): user, email, url
    (None: autodiscover), auth (ntlm | basic | kerberos), cafile. Microsoft 365 (kind
    "graph"): user, tenant, client_id, authority, endpoint (national clouds), cafile."""

    name: str = ""  # display name, unique; what --account NAME chooses
    host: str = ""
    user: str = ""
    port: Optional[int] = None
    security: str = "ssl"  # ssl | starttls | insecure-plain (localhost only)
    auth: str = "password"
    client_id: Optional[str] = None
    tenant: Optional[str] = None
    trust_fingerprint: Optional[str] = None
    folders: list[str] = field(default_factory=list)  # empty: all
    kind: str = "imap"
    email: Optional[str] = None
    url: Optional[str] = None
    cafile: Optional[str] = None
    authority: Optional[str] = None
    endpoint: Optional[str] = None
    id: str = ""

    def __post_init__(self) -> None:
        if self.kind == "ews" and self.auth == "password":
            self.auth = "ntlm"
        elif self.kind == "graph":
            self.auth = "oauth"
            self.tenant = self.tenant or "organizations"
        if not self.id:
            self.id = new_id()

    # -- validation ---------------------------------------------------------------------

    def validate(self) -> None:
        """Raises MailError("args") with one sentence when the account cannot be used."""
        if self.kind not in KINDS:
            raise MailError(f"Unknown mail account type '{self.kind}' (imap, ews or graph).", "args")
        if not self.name:
            raise MailError("An account needs a name.", "args")
        if not _ID.match(self.id or ""):
            raise MailError(f"'{self.id}' is not an account id (letters, digits, - and _).", "args")
        if self.kind == "imap":
            self._validate_imap()
        elif self.kind == "ews":
            self.ews_settings().validate()
        else:
            if not self.client_id:
                raise MailError("Microsoft 365 needs the application (client) id from your organisation.", "args")
            self.graph_settings().validate()

    def _validate_imap(self) -> None:
        if not self.host or not self.user:
            raise MailError("An account needs a name, a server and a user name.", "args")
        if self.security not in SECURITY_MODES:
            raise MailError(f"Unknown security '{self.security}'.", "args")
        if self.security == "insecure-plain" and not is_loopback(self.host):
            raise MailError("Unencrypted IMAP is only allowed to this computer (localhost).", "args")
        if self.port is not None and not 0 < self.port < 65536:
            raise MailError(f"invalid port {self.port}.", "args")
        if self.auth not in IMAP_AUTH:
            raise MailError(f"Unknown sign-in method '{self.auth}'.", "args")
        if self.auth != "password" and not self.client_id:
            raise MailError("OAuth sign-in needs the application (client) id from your organisation.", "args")

    # -- what the engine takes ----------------------------------------------------------

    def ews_settings(self):
        from cleanup_desktop.core.mail.sources.ews import EwsSettings

        return EwsSettings.from_account(asdict(self))  # the same path as a plan action's account

    def graph_settings(self):
        from cleanup_desktop.core.mail.sources.graph import GraphSettings

        return GraphSettings.from_account(asdict(self))

    def describe(self) -> dict:
        """The engine's account dict (what plan actions and scans carry; keys the keyring)."""
        if self.kind == "ews":
            return self.ews_settings().describe()
        if self.kind == "graph":
            return self.graph_settings().describe()
        return {"kind": "imap", "host": self.host, "port": self.port or DEFAULT_PORTS[self.security],
                "user": self.user, "security": self.security}

    def connection_fields(self) -> dict:
        """Non-secret fields a scan records beside ``describe()`` so that the clean step can
        sign in again the same way: pinned certificate, CA file, OAuth provider."""
        extra: dict = {}
        if self.kind != "imap":
            return extra
        if self.trust_fingerprint:
            extra["trust_fingerprint"] = self.trust_fingerprint
        if self.cafile:
            extra["cafile"] = self.cafile
        if self.auth.startswith("oauth-"):
            extra["oauth"] = {"provider": self.auth[6:], "client_id": self.client_id,
                              "tenant": self.tenant or "organizations"}
        return extra

    @property
    def place(self) -> str:
        """Where the mailbox is, for a label: the server, or "Microsoft 365"."""
        if self.kind == "graph":
            return "Microsoft 365"
        if self.kind == "ews":
            return self.describe()["host"]
        return self.host

    @property
    def uses_password(self) -> bool:
        return (self.kind == "imap" and self.auth == "password") or (self.kind == "ews" and self.auth != "kerberos")

    def matches(self, host: str, user: str) -> bool:
        d = self.describe()
        return str(d.get("host", "")).lower() == host.lower() and str(d.get("user", "")).lower() == user.lower()


# -- the file ---------------------------------------------------------------------------


@dataclass
class Store:
    accounts: list[Account] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one sentence per row set aside
    set_aside: list[Any] = field(default_factory=list)  # those rows, written back unchanged
    migrated: list[str] = field(default_factory=list)  # sources already moved in (accounts.migrate)


def config_path() -> Path:
    return paths.config_dir() / FILE_NAME


_TYPES = {"name": str, "host": str, "user": str, "security": str, "auth": str, "kind": str, "id": str}
_OPTIONAL_TEXT = ("client_id", "tenant", "trust_fingerprint", "email", "url", "cafile", "authority", "endpoint")


def account_from_row(row: Any, version: int = VERSION) -> Account:
    """An Account from one row of the file; MailError("config") with the reason otherwise."""
    if not isinstance(row, dict):
        raise MailError("not an account (expected an object)", "config")
    secret = [k for k in row if str(k).lower() in SECRET_KEYS]
    if secret:
        raise MailError(f"it holds a secret ('{secret[0]}'): passwords belong in the system keyring, "
                        "remove it from the file", "config")
    known = {f.name for f in fields(Account)}
    values = {k: v for k, v in row.items() if k in known}
    for key, typ in _TYPES.items():
        if key in values and not isinstance(values[key], typ):
            raise MailError(f"'{key}' must be text", "config")
    for key in _OPTIONAL_TEXT:
        if values.get(key) is not None and not isinstance(values[key], str):
            raise MailError(f"'{key}' must be text", "config")
    port = values.get("port")
    if port is not None and (isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536):
        raise MailError("'port' must be a number from 1 to 65535", "config")
    folders = values.get("folders", [])
    if not isinstance(folders, list) or not all(isinstance(f, str) for f in folders):
        raise MailError("'folders' must be a list of folder names", "config")
    if version >= 2 and not values.get("id"):
        raise MailError("it has no id", "config")
    if not values.get("id"):  # version 1 rows (IMAP only): an id derived from the row, stable
        values["id"] = stable_id("imap", values.get("name", ""), values.get("user", ""), values.get("host", ""))
    account = Account(**values)
    try:
        account.validate()
    except MailError as exc:
        raise MailError(str(exc).rstrip("."), "config") from None
    return account


def stable_id(*parts: Any) -> str:
    import hashlib

    return "m" + hashlib.sha1("\0".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:15]


def read_store(path: Optional[Path] = None) -> Store:
    path = path or config_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Store()
    except (OSError, ValueError) as exc:
        raise MailError(f"Cannot read the mail account settings {path}: {exc}. Repair or remove that file "
                        "(nothing was changed in it).", "config") from None
    if not isinstance(data, dict) or not isinstance(data.get("accounts", []), list):
        raise MailError(f"Cannot read the mail account settings {path}: it is not a list of accounts. Repair or "
                        "remove that file (nothing was changed in it).", "config")
    version = data.get("version", 1)
    if not isinstance(version, int) or version > VERSION:
        raise MailError(f"The mail account settings {path} were written by a newer version of Cleanup Desktop "
                        f"(format {version}); nothing was changed in that file.", "config")
    store = Store(migrated=[str(m) for m in data.get("migrated", []) if isinstance(m, str)])
    names: set[str] = set()
    ids: set[str] = set()
    # rows set aside by an earlier save are read again: once repaired by hand, they are accounts again
    raw_aside = data.get("set_aside")
    aside = raw_aside if isinstance(raw_aside, list) else []
    for i, row in enumerate(list(data.get("accounts", [])) + aside):
        label = row.get("name") if isinstance(row, dict) and isinstance(row.get("name"), str) else f"#{i + 1}"
        try:
            account = account_from_row(row, version)
            if account.name in names:
                raise MailError("another account has the same name", "config")
            if account.id in ids:
                raise MailError("another account has the same id", "config")
        except MailError as exc:
            store.problems.append(f"The mail account '{label}' in {path} was set aside: {exc}.")
            store.set_aside.append(row)
            continue
        names.add(account.name)
        ids.add(account.id)
        store.accounts.append(account)
    return store


def write_store(store: Store, path: Optional[Path] = None) -> None:
    path = path or config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for a in store.accounts:
        a.validate()
    doc: dict = {"version": VERSION, "accounts": [asdict(a) for a in store.accounts]}
    if store.set_aside:
        doc["set_aside"] = store.set_aside
    if store.migrated:
        doc["migrated"] = sorted(set(store.migrated))
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".mail-accounts-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_accounts(path: Optional[Path] = None) -> list[Account]:
    return read_store(path).accounts


def save_accounts(accounts: list[Account], path: Optional[Path] = None) -> None:
    store = read_store(path) if (path or config_path()).exists() else Store()
    store.accounts = list(accounts)
    write_store(store, path)


def upsert(account: Account, path: Optional[Path] = None) -> Account:
    """Add the account, or replace the one with the same name (keeping that one's id)."""
    account.validate()
    store = read_store(path)
    old = next((a for a in store.accounts if a.name == account.name), None)
    if old is not None:
        account.id = old.id
    elif any(a.id == account.id for a in store.accounts):
        account.id = new_id()
    store.accounts = [a for a in store.accounts if a.name != account.name] + [account]
    write_store(store, path)
    return account


def remove(name_or_id: str, path: Optional[Path] = None) -> bool:
    """Remove an account (by name or id) and its saved password, unless another account signs
    in with the same login (the keyring holds one password per user@host:port)."""
    store = read_store(path)
    gone = [a for a in store.accounts if name_or_id in (a.name, a.id)]
    if not gone:
        return False
    store.accounts = [a for a in store.accounts if a not in gone]
    write_store(store, path)
    still = {_keyring_user(a.describe()) for a in store.accounts if a.uses_password}
    for a in gone:
        if a.uses_password and _keyring_user(a.describe()) not in still:
            delete_password(a.describe())
    return True


def find(name: str, path: Optional[Path] = None) -> Account:
    """The account with this name (or id); a clear sentence when missing or set aside."""
    store = read_store(path)
    for a in store.accounts:
        if name in (a.name, a.id):
            return a
    for problem in store.problems:
        if f"'{name}'" in problem:
            raise MailError(problem, "config")
    raise MailError(f"No mail account named '{name}'.", "args")


def add(fields_: dict, secret: str = "", path: Optional[Path] = None) -> Account:
    """Save an account from its fields (any kind) and its password, if one is given."""
    known = {f.name for f in fields(Account)}
    account = Account(**{k: v for k, v in fields_.items() if k in known and v is not None})
    account.name = account.name or account.user
    upsert(account, path)
    if secret and account.uses_password:
        set_password(account.describe(), secret)
    return account


# -- secrets: the OS keyring ------------------------------------------------------------


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

"""Where freed bytes lived: on a server ("cloud") or only on the user's own disk ("local").

Rule (documented in docs/impact-and-sheets.md and in data/methods/counting.toml, whose
[placement] table this module applies):

- mail kept on a server (IMAP, Exchange/EWS, Microsoft Graph) is server storage: cloud;
  a local mail store (kind "local", "mbox", "maildir", "pst") is local;
- a file under a cloud-drive sync folder (OneDrive, Google Drive, Dropbox, iCloud Drive,
  Nextcloud) exists twice, on the server and on the disk. Deleting it removes both once the
  sync client propagates the deletion, but it is ONE item: it counts once, as cloud (the
  server copy is the one kept and replicated for as long as the file lives; counting the
  local copy too would count the same item twice, which the INR form forbids);
- a file on a network share (SMB/CIFS, NFS, AFP, WebDAV, SSHFS, a Windows UNC path) is
  server storage: cloud;
- anything else is local.

Environments, for the sheet's "Go freed per environment": "workstation", "cloud-drive",
"network-share", "mailbox" (server mail) and "local-mail" (a local mail store).
"""

from __future__ import annotations

import sys
import tomllib
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath, PureWindowsPath
from typing import Mapping, Optional, Sequence

from cleanup_desktop.core.impact.methods import MethodError, data_files
from cleanup_desktop.core.disk.syncfolders import (  # noqa: F401  (the sync-folder detection lives there)
    NETWORK_FSTYPES, SyncFolder, _dropbox_paths, _globbed, _nextcloud_paths, _os_name, _read_json,
    detect_sync_folders, network_mounts,
)

PROVIDERS = ("onedrive", "google-drive", "dropbox", "icloud-drive", "nextcloud")
SERVER_MAIL_KINDS = ("imap", "ews", "graph", "exchange", "gmail", "pop3-server")
ENVIRONMENTS = ("workstation", "cloud-drive", "network-share", "mailbox", "local-mail")
KINDS = ("cloud", "local")


def parse_counting(raw: Mapping, where: str = "counting.toml") -> dict:
    """Validate the counting rules: a placement ("cloud"/"local") for every environment and
    the rule texts in English and French."""
    placement = raw.get("placement")
    if not isinstance(placement, Mapping) or set(placement) != set(ENVIRONMENTS):
        raise MethodError(f"{where}: [placement] must give exactly {', '.join(ENVIRONMENTS)}")
    for env, kind in placement.items():
        if kind not in KINDS:
            raise MethodError(f"{where}: placement of {env} must be one of {', '.join(KINDS)}, got {kind!r}")
    rules = raw.get("rules")
    if not isinstance(rules, Mapping) or not rules:
        raise MethodError(f"{where}: [rules] must hold the rule texts")
    for key, text in rules.items():
        if not isinstance(text, str) or not text.strip() or not key.endswith(("_en", "_fr")):
            raise MethodError(f"{where}: rule {key!r} must be a non-empty text named *_en or *_fr")
    return {"placement": dict(placement), "rules": dict(rules), "version": str(raw.get("version", ""))}


_COUNTING: Optional[dict] = None


def counting() -> dict:
    """The shipped counting rules (validated once)."""
    global _COUNTING
    if _COUNTING is None:
        _COUNTING = parse_counting(tomllib.loads(data_files().joinpath("counting.toml").read_text("utf-8")))
    return _COUNTING


def counting_rules(lang: str = "en") -> list[str]:
    suffix = "_fr" if lang.startswith("fr") else "_en"
    return [text for key, text in counting()["rules"].items() if key.endswith(suffix)]


@dataclass(frozen=True)
class Placement:
    kind: str  # "cloud" | "local"
    environment: str  # one of ENVIRONMENTS
    provider: Optional[str] = None


def _is_under(path: str, folder: str, windows: bool) -> bool:
    flavour = PureWindowsPath if windows else PurePosixPath
    p, f = flavour(path), flavour(folder)
    if windows:
        p, f = PureWindowsPath(str(p).lower()), PureWindowsPath(str(f).lower())
    return p == f or f in p.parents


class Classifier:
    """Classifies freed items; build one per bilan (it detects the sync folders once)."""

    def __init__(
        self,
        sync_folders: Optional[Sequence[SyncFolder]] = None,
        network: Optional[Sequence[str]] = None,
        windows: Optional[bool] = None,
    ) -> None:
        self.sync_folders = list(detect_sync_folders() if sync_folders is None else sync_folders)
        # the longest folder first, so nested folders win
        self.sync_folders.sort(key=lambda s: len(s.path), reverse=True)
        self.network = list(network_mounts() if network is None else network)
        self.network.sort(key=len, reverse=True)
        self.windows = sys.platform.startswith("win") if windows is None else windows
        self.placement = counting()["placement"]

    def _place(self, environment: str, provider: Optional[str] = None) -> Placement:
        return Placement(self.placement[environment], environment, provider)

    def classify_path(self, path: str) -> Placement:
        for folder in self.sync_folders:
            if _is_under(path, folder.path, self.windows):
                return self._place("cloud-drive", folder.provider)
        if path.startswith("\\\\") or path.startswith("//"):
            return self._place("network-share")
        for mount in self.network:
            if mount not in ("/", "") and _is_under(path, mount, self.windows):
                return self._place("network-share")
        return self._place("workstation")

    def classify_mail(self, account: Optional[Mapping]) -> Placement:
        kind = str((account or {}).get("kind", "imap")).lower()
        return self._place("mailbox" if kind in SERVER_MAIL_KINDS else "local-mail")

    def classify_action(self, action: Mapping, source: Optional[str] = None) -> Placement:
        """Placement of a plan ACTION (disk or mail) as journalled."""
        op = str(action.get("op", ""))
        if op.startswith("mail-") or source == "mail" or "account" in action:
            return self.classify_mail(action.get("account"))
        return self.classify_path(str(action.get("path", "")))


def classify_path(path: str | PurePath, sync_folders: Optional[Sequence[SyncFolder]] = None) -> Placement:
    """One-off classification of a path (detects the sync folders when none are given)."""
    return Classifier(sync_folders=sync_folders).classify_path(str(path))

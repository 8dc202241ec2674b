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

import configparser
import json
import os
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from typing import Iterable, Mapping, Optional, Sequence

from cleanup_desktop.core.impact.methods import MethodError, data_files

PROVIDERS = ("onedrive", "google-drive", "dropbox", "icloud-drive", "nextcloud")
SERVER_MAIL_KINDS = ("imap", "ews", "graph", "exchange", "gmail", "pop3-server")
NETWORK_FSTYPES = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "smb2", "afpfs", "webdav", "davfs", "fuse.sshfs",
    "sshfs", "fuse.rclone", "9p", "ncpfs", "fuse.davfs2",
})
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
class SyncFolder:
    provider: str
    path: str


@dataclass(frozen=True)
class Placement:
    kind: str  # "cloud" | "local"
    environment: str  # one of ENVIRONMENTS
    provider: Optional[str] = None


def _os_name(os_name: Optional[str]) -> str:
    name = os_name or sys.platform
    if name.startswith("win"):
        return "windows"
    if name == "darwin" or name == "macos":
        return "macos"
    return "linux"


def _read_json(path: Path) -> Optional[dict]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _dropbox_paths(candidates: Iterable[Path]) -> list[str]:
    """Dropbox writes its folders in info.json: {"personal": {"path": ...}, "business": ...}."""
    out = []
    for info in candidates:
        data = _read_json(info)
        for account in (data or {}).values():
            if isinstance(account, dict) and isinstance(account.get("path"), str):
                out.append(account["path"])
    return out


def _nextcloud_paths(candidates: Iterable[Path]) -> list[str]:
    """Nextcloud's nextcloud.cfg lists sync folders as ``0\\Folders\\1\\localPath=...``."""
    out = []
    for cfg in candidates:
        try:
            text = cfg.read_text("utf-8", errors="replace")
        except OSError:
            continue
        parser = configparser.RawConfigParser(strict=False, interpolation=None)
        try:
            parser.read_string(text)
        except configparser.Error:
            continue
        for section in parser.sections():
            for key, value in parser.items(section):
                if re.search(r"folders\w*\\\d+\\localpath$", key, re.IGNORECASE) and value:
                    out.append(value)
    return out


def _globbed(base: Path, pattern: str) -> list[str]:
    try:
        return [str(p) for p in sorted(base.glob(pattern)) if p.is_dir()]
    except OSError:
        return []


def detect_sync_folders(
    home: Optional[os.PathLike | str] = None,
    os_name: Optional[str] = None,
    env: Optional[Mapping[str, str]] = None,
) -> list[SyncFolder]:
    """The cloud-drive sync folders that exist for this user, per OS.

    Sources: the clients' own settings where they have one (Dropbox info.json, Nextcloud
    nextcloud.cfg, OneDrive environment variables on Windows) and the default folder names
    (``~/OneDrive``, ``~/OneDrive - Org``, ``~/Library/CloudStorage/<Provider>-*`` on macOS,
    ``~/Library/Mobile Documents/com~apple~CloudDocs`` for iCloud Drive, ``~/iCloudDrive``
    on Windows, ``~/Google Drive``, ``~/Dropbox``, ``~/Nextcloud``). Only existing folders.
    """
    home_p = Path(home) if home is not None else Path.home()
    env = os.environ if env is None else env
    system = _os_name(os_name)
    found: list[tuple[str, str]] = []

    def add(provider: str, paths: Iterable[str]) -> None:
        for p in paths:
            if p and Path(p).is_dir():
                found.append((provider, os.path.normpath(p)))

    appdata = Path(env["APPDATA"]) if env.get("APPDATA") else home_p / "AppData" / "Roaming"
    localappdata = Path(env["LOCALAPPDATA"]) if env.get("LOCALAPPDATA") else home_p / "AppData" / "Local"
    # OneDrive
    if system == "windows":
        add("onedrive", [env.get(v, "") for v in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")])
    if system == "macos":
        add("onedrive", _globbed(home_p / "Library" / "CloudStorage", "OneDrive*"))
    add("onedrive", _globbed(home_p, "OneDrive") + _globbed(home_p, "OneDrive - *"))
    # Google Drive (for desktop mounts a virtual drive on Windows: "G:\My Drive"; its
    # letter is not fixed, so only the folders under home are detected there)
    if system == "macos":
        add("google-drive", _globbed(home_p / "Library" / "CloudStorage", "GoogleDrive*"))
    add("google-drive", _globbed(home_p, "Google Drive") + _globbed(home_p, "GoogleDrive"))
    # Dropbox
    infos = [home_p / ".dropbox" / "info.json"]
    if system == "windows":
        infos += [appdata / "Dropbox" / "info.json", localappdata / "Dropbox" / "info.json"]
    add("dropbox", _dropbox_paths(infos))
    if system == "macos":
        add("dropbox", _globbed(home_p / "Library" / "CloudStorage", "Dropbox*"))
    add("dropbox", _globbed(home_p, "Dropbox") + _globbed(home_p, "Dropbox (*)"))
    # iCloud Drive
    if system == "macos":
        add("icloud-drive", [str(home_p / "Library" / "Mobile Documents" / "com~apple~CloudDocs")])
    if system == "windows":
        add("icloud-drive", _globbed(home_p, "iCloudDrive"))
    # Nextcloud (and ownCloud, same client lineage and file format)
    xdg_config = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else home_p / ".config"
    cfgs = {
        "linux": [xdg_config / "Nextcloud" / "nextcloud.cfg"],
        "macos": [home_p / "Library" / "Preferences" / "Nextcloud" / "nextcloud.cfg"],
        "windows": [appdata / "Nextcloud" / "nextcloud.cfg"],
    }[system]
    add("nextcloud", _nextcloud_paths(cfgs))
    add("nextcloud", _globbed(home_p, "Nextcloud"))

    seen: set[str] = set()
    out = []
    for provider, path in found:
        if path not in seen:
            seen.add(path)
            out.append(SyncFolder(provider, path))
    return out


def _is_under(path: str, folder: str, windows: bool) -> bool:
    flavour = PureWindowsPath if windows else PurePosixPath
    p, f = flavour(path), flavour(folder)
    if windows:
        p, f = PureWindowsPath(str(p).lower()), PureWindowsPath(str(f).lower())
    return p == f or f in p.parents


def network_mounts() -> list[str]:
    """Mount points of network file systems on this machine (empty when unknown)."""
    try:
        import psutil
        parts = psutil.disk_partitions(all=True)
    except Exception:  # psutil missing or /proc unreadable: no network mounts known
        return []
    return [p.mountpoint for p in parts if p.fstype.lower() in NETWORK_FSTYPES]


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

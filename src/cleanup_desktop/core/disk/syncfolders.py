"""Cloud-drive sync folders on this machine (OneDrive, Google Drive, Dropbox, iCloud Drive,
Nextcloud): where they are, per OS. Light on purpose (no impact data): the disk scan reads it
to tell online-only files apart (core.disk.cloud) and the bilan to classify freed bytes
(core.impact.classify)."""

from __future__ import annotations

import configparser
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

NETWORK_FSTYPES = frozenset({
    "nfs", "nfs4", "cifs", "smbfs", "smb3", "smb2", "afpfs", "webdav", "davfs", "fuse.sshfs",
    "sshfs", "fuse.rclone", "9p", "ncpfs", "fuse.davfs2",
})


@dataclass(frozen=True)
class SyncFolder:
    provider: str
    path: str


def _os_name(os_name: Optional[str]) -> str:
    name = os_name or sys.platform
    if name.startswith("win"):
        return "windows"
    if name == "darwin" or name == "macos":
        return "macos"
    return "linux"


def _read_json(path: Path) -> Optional[dict[str, Any]]:
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
    home: Optional[os.PathLike[str] | str] = None,
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


def network_mounts() -> list[str]:
    """Mount points of network file systems on this machine (empty when unknown)."""
    try:
        import psutil
        parts = psutil.disk_partitions(all=True)
    except Exception:  # psutil missing or /proc unreadable: no network mounts known
        return []
    return [p.mountpoint for p in parts if p.fstype.lower() in NETWORK_FSTYPES]

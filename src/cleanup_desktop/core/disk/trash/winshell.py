"""The Windows calls the Recycle Bin backend needs, and nothing else (imported on Windows only,
by core.disk.trash.recyclebin when it is first used; every name below is looked up lazily so
this module also imports on Linux for the import-everything test).

- recycle: the shell's recycle operation through send2trash (IFileOperation, or
  SHFileOperationW with the short path for long names);
- bin_dir: ``<drive>\\$Recycle.Bin\\<SID of the current user>``;
- drive_kind: GetDriveTypeW ("remote" for network drives and UNC paths);
- settings: the per-volume Recycle Bin settings Explorer keeps in
  ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Explorer\\BitBucket\\Volume\\{GUID}``
  (NukeOnDelete = turned off, MaxCapacity in MB).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from cleanup_desktop.core import fileid

DRIVE_KINDS = {2: "removable", 3: "fixed", 4: "remote", 5: "cdrom", 6: "ramdisk"}
BITBUCKET = r"Software\Microsoft\Windows\CurrentVersion\Explorer\BitBucket\Volume"


@dataclass(frozen=True)
class BinSettings:
    disabled: bool
    max_bytes: Optional[int]


def drive_of(path: str) -> str:
    drive = os.path.splitdrive(os.path.abspath(fileid.plain_path(path)))[0]
    return drive + "\\"


@lru_cache(maxsize=1)
def user_sid() -> str:
    out = subprocess.run(["whoami", "/user", "/fo", "csv", "/nh"], capture_output=True, text=True, check=True).stdout
    return out.strip().split(",")[-1].strip('"')


class Shell:
    def recycle(self, path: str) -> None:
        import send2trash

        send2trash.send2trash(fileid.plain_path(path))

    def bin_dir(self, path: str) -> str:
        return os.path.join(drive_of(path), "$Recycle.Bin", user_sid())

    def drive_kind(self, path: str) -> str:
        if fileid.plain_path(path).startswith("\\\\"):
            return "remote"
        import ctypes

        return DRIVE_KINDS.get(ctypes.windll.kernel32.GetDriveTypeW(drive_of(path)), "unknown")

    def settings(self, path: str) -> Optional[BinSettings]:
        """None when the drive has no Recycle Bin folder for this user."""
        import ctypes
        import winreg

        if not os.path.isdir(fileid.io_path(os.path.dirname(self.bin_dir(path)))):
            return None
        buf = ctypes.create_unicode_buffer(64)
        if not ctypes.windll.kernel32.GetVolumeNameForVolumeMountPointW(drive_of(path), buf, 64):
            return BinSettings(False, None)
        guid = buf.value[buf.value.find("{"):buf.value.find("}") + 1]
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, BITBUCKET + "\\" + guid) as key:
                values = {}
                for name in ("NukeOnDelete", "MaxCapacity"):
                    try:
                        values[name] = winreg.QueryValueEx(key, name)[0]
                    except OSError:
                        pass
        except OSError:
            return BinSettings(False, None)
        cap = values.get("MaxCapacity")
        return BinSettings(bool(values.get("NukeOnDelete")), int(cap) * 1024 * 1024 if cap else None)

"""Faithful fakes of the Windows shell's Recycle Bin and of macOS's NSFileManager, on Linux files.

FakeShell behaves as Windows 10/11 does when Explorer or IFileOperation recycles an item: in
``<drive>/$Recycle.Bin/<SID>/`` it picks a random 6-character id, writes ``$I<id><ext>`` in the
documented version 2 layout (packed here with struct, independently of the code under test),
then renames the item to ``$R<id><ext>``. A locked file fails with a sharing violation
(winerror 32) and stays. Drive kind and the per-volume settings (turned off, maximum size) are
what the test says.

FakeFileManager behaves as ``trashItemAtURL:resultingItemURL:error:``: an item of the start-up
disk goes to ``<home>/.Trash``, an item under ``/Volumes/<vol>`` (here: under a folder the test
names as a volume) to ``<vol>/.Trashes/<uid>``; a taken name gets a time suffix, as Finder does;
the resulting path is returned.
"""

from __future__ import annotations

import errno
import os
import random
import string
import struct
import time
from dataclasses import dataclass
from typing import Optional


def write_i_v2(path: str, original: str, size: int, unix_time: float) -> None:
    """A $I file, version 2: <q version=2><q size><q FILETIME><i chars incl. NUL><UTF-16LE path><NUL>."""
    ft = int(unix_time * 10_000_000) + 116_444_736_000_000_000
    text = original.encode("utf-16-le") + b"\x00\x00"
    with open(path, "wb") as fh:
        fh.write(struct.pack("<qqqi", 2, size, ft, len(text) // 2) + text)


def write_i_v1(path: str, original: str, size: int, unix_time: float) -> None:
    """Version 1 (Vista to 8.1): the path in a fixed 520-byte field."""
    ft = int(unix_time * 10_000_000) + 116_444_736_000_000_000
    with open(path, "wb") as fh:
        fh.write(struct.pack("<qqq", 1, size, ft) + original.encode("utf-16-le").ljust(520, b"\x00"))


@dataclass
class Settings:
    disabled: bool = False
    max_bytes: Optional[int] = None


class FakeShell:
    def __init__(self, drive: str, sid: str = "S-1-5-21-3623811015-3361044348-30300820-1013",
                 kind: str = "fixed", settings: Optional[Settings] = Settings()) -> None:
        self.drive, self.sid, self.kind, self._settings = drive, sid, kind, settings
        self.locked: set[str] = set()
        self.recycled: list[str] = []

    def bin_dir(self, path: str) -> str:
        return os.path.join(self.drive, "$Recycle.Bin", self.sid)

    def drive_kind(self, path: str) -> str:
        return self.kind

    def settings(self, path: str):
        return self._settings

    def recycle(self, path: str) -> None:
        if path in self.locked:
            exc = PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another process", path)
            exc.winerror = 32
            raise exc
        bin_dir = self.bin_dir(path)
        os.makedirs(bin_dir, exist_ok=True)
        st = os.lstat(path)
        ext = os.path.splitext(path)[1]
        while True:
            ident = "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(6))
            if not os.path.lexists(os.path.join(bin_dir, "$I" + ident + ext)):
                break
        write_i_v2(os.path.join(bin_dir, "$I" + ident + ext), path, st.st_size, time.time())
        os.rename(path, os.path.join(bin_dir, "$R" + ident + ext))
        self.recycled.append(path)


class FakeFileManager:
    def __init__(self, home: str, volumes: tuple[str, ...] = ()) -> None:
        self.home, self.volumes = home, volumes

    def trash_dir(self, path: str) -> str:
        for vol in self.volumes:
            if path.startswith(vol.rstrip("/") + "/"):
                return os.path.join(vol, ".Trashes", str(os.getuid()))
        return os.path.join(self.home, ".Trash")

    def trash_item(self, path: str) -> str:
        tdir = self.trash_dir(path)
        os.makedirs(tdir, mode=0o700, exist_ok=True)
        name = os.path.basename(path)
        dest = os.path.join(tdir, name)
        if os.path.lexists(dest):
            stem, ext = os.path.splitext(name)
            dest = os.path.join(tdir, f"{stem} {time.strftime('%H.%M.%S')}{ext}")
            n = 2
            while os.path.lexists(dest):
                dest = os.path.join(tdir, f"{stem} {time.strftime('%H.%M.%S')} {n}{ext}")
                n += 1
        os.rename(path, dest)
        return dest

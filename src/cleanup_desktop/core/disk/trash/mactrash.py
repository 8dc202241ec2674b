"""The macOS Trash: NSFileManager moves the item and says where it landed.

``trashItemAtURL:resultingItemURL:error:`` puts an item of the start-up disk in ``~/.Trash``
and an item of another volume in that volume's ``.Trashes/<uid>``, renaming it when the name
is taken; the resulting URL it returns is recorded. Finder keeps "Put Back" locations in
``.DS_Store``, which is not readable: the original path comes from our journal. Undo renames
the recorded item back (the same checks as the other backends); empty removes exactly it.
The OS call is the ``file_manager`` object: ``macfm`` (pyobjc) on macOS, a fake in the tests.
"""

from __future__ import annotations

import os
from typing import Any, Optional

from cleanup_desktop.core import fileid
from cleanup_desktop.core.disk.trash import common
from cleanup_desktop.core.disk.trash.fditems import Remap, TrashError
from cleanup_desktop.core.messages import Reason, os_error


class MacTrash:
    name = "macos"

    def __init__(self, file_manager: Any = None) -> None:
        self._fm = file_manager

    @property
    def fm(self) -> Any:
        if self._fm is None:
            from cleanup_desktop.core.disk.trash import macfm  # macOS only (pyobjc), imported on use

            self._fm = macfm.FileManager()
        return self._fm

    def unusable(self, path: str, size: int) -> Optional[str]:
        return None

    def move(self, path: str, st: os.stat_result, claimed: Optional[set[Any]] = None, place: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        try:
            landed = self.fm.trash_item(path)
        except OSError as exc:
            raise common.MoveError(Reason("trash.mac-refused", error=os_error(exc.strerror or str(exc)))) from None
        try:
            now = fileid.lstat(landed)
        except OSError:
            raise TrashError(Reason("trash.mac-elsewhere")) from None
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            raise TrashError(Reason("trash.mac-other"))
        return {"backend": self.name, "trash_path": landed, "trash_ino": now.st_ino}

    @staticmethod
    def _check(rec: dict[str, Any], action: dict[str, Any]) -> os.stat_result:
        parent = os.path.dirname(str(rec.get("trash_path") or ""))
        common.require(os.path.basename(parent) == ".Trash" or (
            os.path.basename(os.path.dirname(parent)) == ".Trashes" and os.path.basename(parent) == str(os.getuid())))
        return common.check_entry(rec["trash_path"], rec, action)

    def restore(self, rec: dict[str, Any], action: dict[str, Any], dirs: Optional[list[Any]] = None, remap: Optional[Remap] = None,
                word: str = "restored") -> str:
        st = self._check(rec, action)
        return common.put_back(rec["trash_path"], st, action["path"], dirs, remap, word)

    def empty(self, rec: dict[str, Any], action: dict[str, Any]) -> int:
        st = self._check(rec, action)
        return common.remove(rec["trash_path"], st)

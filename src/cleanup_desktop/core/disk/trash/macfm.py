"""The one macOS call the Trash backend needs (pyobjc's Foundation; macOS only, imported on use
so this module imports anywhere)."""

from __future__ import annotations


class FileManager:
    def trash_item(self, path: str) -> str:
        """Move ``path`` to the Trash of its volume; returns where it landed."""
        from Foundation import NSURL, NSFileManager  # pyobjc-framework-Cocoa (environment marker)

        url = NSURL.fileURLWithPath_(path)
        ok, landed, error = NSFileManager.defaultManager().trashItemAtURL_resultingItemURL_error_(url, None, None)
        if not ok or landed is None:
            code = int(error.code()) if error is not None else 0
            raise OSError(code, str(error.localizedDescription()) if error is not None else "the Trash refused it")
        return str(landed.path())

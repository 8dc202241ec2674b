"""Disk scan and what to scan: thin calls into core.disk and core.impact.classify."""

from __future__ import annotations

import threading
from typing import Any

from cleanup_desktop.gui.engine.selection import make_chooser


def scan_options(prefs: Any, **overrides: Any) -> Any:
    from cleanup_desktop.core.disk.scan import ScanOptions

    opts = dict(
        min_size=prefs.min_size,
        paranoid=prefs.paranoid,
        temp=prefs.temp,
        large=prefs.large,
        old=prefs.old,
        similar_images=getattr(prefs, "similar_images", False),
        extra_excludes=list(prefs.exclusions),
    )
    opts.update(overrides)
    return ScanOptions(**opts)


_INDEX: Any = None  # the last scan's index (core.disk.rescan.ScanIndex): rescans re-stat only
_INDEX_LOCK = threading.Lock()


def run_scan(roots: list[str], options: Any, progress=None, cancel=None) -> dict:
    """Scan; a rescan of the same folders with the same options reuses the last scan's index
    (what is unchanged is not read again). Two scans at once: the second goes without it."""
    global _INDEX
    from cleanup_desktop.core.disk import rescan_store
    from cleanup_desktop.core.disk.rescan import ScanIndex
    from cleanup_desktop.core.disk.scan import scan

    if not _INDEX_LOCK.acquire(blocking=False):
        return scan(list(roots), options, progress=progress, cancel=cancel).to_dict()
    try:
        if _INDEX is None:
            _INDEX = ScanIndex(store=rescan_store.default_path())
        hits = _INDEX.hits
        result = scan(list(roots), options, progress=progress, cancel=cancel, index=_INDEX)
        out = result.to_dict()
        if _INDEX.hits == hits and _INDEX.result is result:  # a full scan: kept for the next run of the app
            rescan_store.save(_INDEX, _INDEX.store)
        return out
    finally:
        _INDEX_LOCK.release()


def scan_for_review(roots: list[str], prefs: Any, overrides: dict, progress=None, cancel=None) -> tuple[dict, Any]:
    """Scan, then build the default selection, both in the worker thread (importing the
    engine and selecting over tens of thousands of groups take a moment: never on the GUI
    thread)."""
    result = run_scan(roots, scan_options(prefs, **overrides), progress=progress, cancel=cancel)
    chooser = make_chooser(result)
    from cleanup_desktop.gui.engine.clean import scan_places

    result["places"] = scan_places(result)  # which drives have no trash: asked here, not on the GUI thread
    return result, chooser


def temp_locations() -> list:
    """(rule, folder) of this machine's temp/cache locations that may be proposed (S, Q)."""
    from cleanup_desktop.core.disk import rules

    return list(rules.default_temp_locations())


def rule_descriptions(lang: str) -> dict[str, str]:
    """Temp rule id -> the one-sentence "why" of the rule file, in the user's language."""
    from cleanup_desktop.core.disk import rules

    return {r.id: (r.description_fr if lang == "fr" and r.description_fr else r.description) for r in rules.load_rules()}


def rule_labels(lang: str) -> dict[str, str]:
    """Temp rule id -> its label in the user's language (from the rule files)."""
    from cleanup_desktop.core.disk import rules

    return {r.id: (r.label_fr if lang == "fr" and r.label_fr else r.label) for r in rules.load_rules()}


# --- what to scan ----------------------------------------------------------------------

def default_folders() -> list[str]:
    """The user's usual folders (platformdirs), those that exist, without repeats."""
    import os

    import platformdirs

    out: list[str] = []
    for getter in (
        platformdirs.user_documents_dir,
        platformdirs.user_downloads_dir,
        platformdirs.user_desktop_dir,
        platformdirs.user_pictures_dir,
        platformdirs.user_videos_dir,
        platformdirs.user_music_dir,
    ):
        try:
            path = os.path.realpath(getter())
        except Exception:  # platformdirs may fail on exotic desktops: just skip that folder
            continue
        if os.path.isdir(path) and path not in out and path != os.path.realpath(os.path.expanduser("~")):
            out.append(path)
    return out


def cloud_folders() -> list[str]:
    """Cloud-drive sync folders (OneDrive, Dropbox, ...) the engine detects for this user."""
    from cleanup_desktop.core.impact.classify import detect_sync_folders

    return [f.path for f in detect_sync_folders()]


def folder_size(path: str, progress=None, cancel=None) -> int:
    """Bytes under a folder, for the "what to scan" list only (an estimate shown to the user)."""
    import os

    total, stack = 0, [path]
    while stack:
        if cancel is not None and cancel.cancelled:
            break
        try:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            stack.append(entry.path)
                        elif entry.is_file(follow_symlinks=False):
                            total += entry.stat(follow_symlinks=False).st_size
                    except OSError:
                        continue
        except OSError:
            continue
    return total

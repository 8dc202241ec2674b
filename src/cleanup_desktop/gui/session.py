"""What the current session knows, shared by every page: preferences, scan result, runs."""

from __future__ import annotations

from typing import Any, Optional

from PySide6.QtCore import QObject, Signal

from cleanup_desktop.gui.settings import Preferences, load_preferences, save_preferences


class Session(QObject):
    prefs_changed = Signal()
    scan_started = Signal()
    scan_finished = Signal(object)  # the scan dict (schema cleanup-desktop/scan/1)
    mail_scanned = Signal(object)  # a mail-scan/1 dict, one per account
    selection_changed = Signal()
    run_finished = Signal(object)  # what the clean step reports about its run
    scan_refreshed = Signal(object)  # the scan without what a run removed (review rebuilds)
    navigate = Signal(str)  # page key to show

    def __init__(self, prefs: Optional[Preferences] = None, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.prefs = prefs or load_preferences()
        self.scan: Optional[dict] = None
        self.mail_scans: list[dict] = []
        self.selection: Any = None  # the review step's selection (core.disk.selection object)
        self.runs: list[str] = []  # run ids made in this session, newest last
        self.demo = False
        self.temp_roots: list[str] = []  # temp/cache locations to scan too (never in the demo)
        self.mail_accounts: list = []  # accounts ticked for the next scan (core.mail Account)
        self.mail_choosers: list = []  # one engine.MailChooser per mail scan result
        self._before_refresh: Optional[tuple] = None  # what the review listed before the last run

    def save_prefs(self) -> None:
        if not self.demo:  # the demo's sample folder must not replace the user's choices
            save_preferences(self.prefs)
        self.prefs_changed.emit()

    def add_mail_scan(self, result: dict) -> None:
        from cleanup_desktop.gui.engine import MailChooser

        self.mail_scans.append(result)
        self.mail_choosers.append(MailChooser(result))
        self.mail_scanned.emit(result)

    def clear_mail(self) -> None:
        self.mail_scans.clear()
        self.mail_choosers.clear()

    def apply_refresh(self, refreshed: tuple) -> None:
        """Take the scans without what a run removed (engine.refreshed, run in a worker),
        so the review lists only what is left."""
        scan, chooser, mail_scans, changed = refreshed
        if not changed:
            return
        from cleanup_desktop.gui.engine import MailChooser

        self._before_refresh = (self.scan, self.selection, list(self.mail_scans), list(self.mail_choosers))
        if scan is not self.scan:
            self.scan, self.selection = scan, chooser
        if mail_scans is not self.mail_scans:
            self.mail_scans = list(mail_scans)
            self.mail_choosers = [MailChooser(m) for m in self.mail_scans]
        self.scan_refreshed.emit(self.scan)

    def undo_refresh(self) -> None:
        """After an undo: the review lists again what the run had removed."""
        before = getattr(self, "_before_refresh", None)
        if before is None:
            return
        self.scan, self.selection, self.mail_scans, self.mail_choosers = before
        self._before_refresh = None
        self.scan_refreshed.emit(self.scan)

    def set_scan(self, result: dict, selection: Any = None) -> None:
        self.scan = result
        self.selection = selection
        self.scan_finished.emit(result)

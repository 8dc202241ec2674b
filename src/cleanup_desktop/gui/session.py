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
    navigate = Signal(str)  # page key to show

    def __init__(self, prefs: Optional[Preferences] = None, parent: Optional[QObject] = None) -> None:
        super().__init__(parent)
        self.prefs = prefs or load_preferences()
        self.scan: Optional[dict] = None
        self.mail_scans: list[dict] = []
        self.selection: Any = None  # the review step's selection (core.selection object)
        self.runs: list[str] = []  # run ids made in this session, newest last
        self.demo = False
        self.temp_roots: list[str] = []  # temp/cache locations to scan too (never in the demo)
        self.mail_accounts: list = []  # accounts ticked for the next scan (core.mail Account)
        self.mail_choosers: list = []  # one engine.MailChooser per mail scan result

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

    def set_scan(self, result: dict, selection: Any = None) -> None:
        self.scan = result
        self.selection = selection
        self.scan_finished.emit(result)

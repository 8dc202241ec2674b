"""The GUI's one door to the engine.

Pages never import core modules directly: they ask here whether a part has landed
(:func:`available`) and call thin wrappers that only translate GUI preferences into the
core's own arguments. No engine logic lives here.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any, Optional

PARTS: dict[str, tuple[str, ...]] = {
    "scan": ("cleanup_desktop.core.disk.scan",),
    "temp": ("cleanup_desktop.core.disk.rules",),
    "clean": (
        "cleanup_desktop.core.selection",
        "cleanup_desktop.core.plan",
        "cleanup_desktop.core.execute",
        "cleanup_desktop.core.journal",
    ),
    "impact": ("cleanup_desktop.core.impact",),
    "bilan": ("cleanup_desktop.core.bilan",),
    "sheets": ("cleanup_desktop.core.sheets",),
    "mail": ("cleanup_desktop.core.mail",),
}


def module(name: str) -> Optional[ModuleType]:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
            return None  # not landed yet
        raise


def available(part: str) -> bool:
    return all(module(name) is not None for name in PARTS[part])


# --- disk scan -------------------------------------------------------------------------

def scan_options(prefs: Any, **overrides: Any) -> Any:
    from cleanup_desktop.core.disk.scan import ScanOptions

    opts = dict(
        min_size=prefs.min_size,
        paranoid=prefs.paranoid,
        temp=prefs.temp,
        large=prefs.large,
        old=prefs.old,
        extra_excludes=list(prefs.exclusions),
    )
    opts.update(overrides)
    return ScanOptions(**opts)


def run_scan(roots: list[str], options: Any, progress=None, cancel=None) -> dict:
    from cleanup_desktop.core.disk.scan import scan

    return scan(list(roots), options, progress=progress, cancel=cancel).to_dict()


def scan_for_review(roots: list[str], prefs: Any, overrides: dict, progress=None, cancel=None) -> tuple[dict, Any]:
    """Scan, then build the default selection, both in the worker thread (importing the
    engine and selecting over tens of thousands of groups take a moment: never on the GUI
    thread)."""
    result = run_scan(roots, scan_options(prefs, **overrides), progress=progress, cancel=cancel)
    chooser = make_chooser(result) if available("clean") else None
    return result, chooser


def temp_locations() -> list:
    """(rule, folder) of this machine's temp/cache locations that may be proposed (S, Q)."""
    mod = module("cleanup_desktop.core.disk.rules")
    if mod is None:
        return []
    return list(mod.default_temp_locations())


def rule_labels(lang: str) -> dict[str, str]:
    """Temp rule id -> its label in the user's language (from the rule files)."""
    mod = module("cleanup_desktop.core.disk.rules")
    if mod is None:
        return {}
    return {r.id: (r.label_fr if lang == "fr" and r.label_fr else r.label) for r in mod.load_rules()}


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
    mod = module("cleanup_desktop.core.impact.classify")
    if mod is None:
        return []
    return [f.path for f in mod.detect_sync_folders()]


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


# --- mail (core.mail) ------------------------------------------------------------------------

def mail_accounts() -> list:
    """Saved mail accounts (core.mail.accounts.Account); passwords stay in the keyring."""
    if not available("mail"):
        return []
    from cleanup_desktop.core.mail import accounts

    return accounts.load_accounts()


def mail_account_label(account) -> str:
    return f"{account.name} — {account.user} @ {account.host}"


def save_mail_account(fields: dict, password: str = "") -> None:
    from cleanup_desktop.core.mail import accounts

    account = accounts.Account(**fields)
    account.validate()
    accounts.upsert(account)
    if password:
        accounts.set_password(account.describe(), password)


def remove_mail_account(name: str) -> None:
    from cleanup_desktop.core.mail import accounts

    accounts.remove(name)


def _oauth(account):
    from cleanup_desktop.core.mail import oauth

    return oauth.OAuthSettings(provider=account.auth.split("-", 1)[1], client_id=account.client_id,
                               tenant=account.tenant or "organizations")


def _source(account):
    """An IMAP source for the account: password from the keyring, or an OAuth sign-in."""
    from cleanup_desktop.core.mail import accounts, oauth
    from cleanup_desktop.core.mail.errors import MailError
    from cleanup_desktop.core.mail.imap import Credentials
    from cleanup_desktop.core.mail.imap_scan import ImapSource

    extra: dict = {}
    if account.auth == "password":
        password = accounts.get_password(account.describe())
        if not password:
            raise MailError(f"No password saved for {account.user}: edit the account and type it.", "auth")
        creds = Credentials(password=password)
    else:
        settings = _oauth(account)
        creds = Credentials(token_provider=lambda: oauth.access_token(settings, account.user, interactive=True,
                                                                      notify=lambda _t: None))
        extra["oauth"] = {"provider": settings.provider, "client_id": settings.client_id, "tenant": settings.tenant}
    return ImapSource(account.settings(), creds), extra


def test_mail_account(account, progress=None, cancel=None) -> int:
    """Connect and list the folders; returns how many (raises MailError with a clear message)."""
    source, _extra = _source(account)
    source.connect()
    try:
        return len(source.list_folders())
    finally:
        source.close()


def scan_mail(account, progress=None, cancel=None) -> dict:
    """The mail-scan/1 result of one account (read-only)."""
    from cleanup_desktop.core.mail.scan import scan_mailbox

    source, extra = _source(account)
    return scan_mailbox(source, account.folders or None, progress=progress, cancel=cancel, connection=extra)


class MailChooser:
    """What the user ticked in one mail scan: the planner's own inputs (``duplicates`` and
    ``selected``, see core.mail.wiring); the planner decides which copy of a duplicate stays."""

    def __init__(self, scan: dict) -> None:
        self.scan = scan
        self.duplicates = True  # remove the extra copies of duplicate mails (one always kept)
        self.selected: dict[tuple, str] = {}  # (folder, uid) -> category

    def is_selected(self, category: str, item: dict) -> bool:
        return (item["folder"], item["uid"]) in self.selected

    def blocked(self, category: str, item: dict):
        return None

    def set_selected(self, category: str, item: dict, on: bool) -> bool:
        key = (item["folder"], item["uid"])
        if on:
            self.selected[key] = category
        else:
            self.selected.pop(key, None)
        return True

    def totals(self) -> tuple[int, int]:
        sizes = {(i["folder"], i["uid"]): i["size"] for c in ("large_messages", "old") for i in self.scan.get(c, [])}
        count = len(self.selected)
        size = sum(sizes.get(k, 0) for k in self.selected)
        if self.duplicates:
            for d in self.scan.get("duplicates", []):
                count += len(d["copies"]) - 1
                size += d["wasted"]
        return count, size

    def plan(self, permanent: bool) -> dict:
        import cleanup_desktop.core.mail.wiring  # noqa: F401  (registers the mail planner)
        from cleanup_desktop.core.plan import build_plan

        selected = [{"folder": f, "uid": u, "category": c} for (f, u), c in self.selected.items()]
        return build_plan(self.scan, duplicates=self.duplicates, selected=selected,
                          op="delete" if permanent else "trash")


# --- impact (CO2e) -----------------------------------------------------------------------

def methods(lang: str = "en") -> list[tuple[str, str]]:
    """(id, name) of the CO2e methods the engine ships, default first."""
    mod = module("cleanup_desktop.core.impact.methods")
    if mod is None:
        return []
    return [(m.id, m.name(lang)) for m in mod.list_methods()]


def get_method(method_id: str):
    from cleanup_desktop.core.impact.methods import get_method as core_get

    try:
        return core_get(method_id)
    except Exception:  # an unknown id left in old settings: the engine's default method
        return core_get()


def kg_for_bytes(local_bytes: int, method_id: str, cloud_bytes: int = 0) -> float | None:
    """Estimate for the review's running total: files count as local storage, mail on a
    server as cloud storage (the bilan classifies each item precisely after the cleanup)."""
    if module("cleanup_desktop.core.impact.compute") is None:
        return None
    from cleanup_desktop.core.impact.compute import Quantities, compute

    q = Quantities.from_bytes(cloud_bytes=cloud_bytes, local_bytes=local_bytes)
    return compute(q, get_method(method_id)).kg


# --- selection (core.selection) ----------------------------------------------------------

class Chooser:
    """Adapts core.selection.Selection to what the result models ask (see models.selection)."""

    def __init__(self, selection, scan: dict) -> None:
        self.selection = selection
        # bytes each path would free (allocated size, as the plan counts it), for the running total
        self.sizes: dict[str, int] = {}
        for g in scan.get("duplicates", []):
            for f in g["files"]:
                self.sizes[f["path"]] = int(f.get("allocated") or g["size"])
        for cat in ("temp", "large", "old"):
            for it in scan.get(cat, []):
                self.sizes.setdefault(it["path"], int(it.get("allocated") or it.get("size") or 0))

    def is_selected(self, category: str, item: dict) -> bool:
        return self.selection.is_selected(item["path"])

    def blocked(self, category: str, item: dict):
        path = item["path"]
        if self.selection.is_selected(path):
            return None
        ok, why = self.selection.can_select(path, category)
        return None if ok else why

    def set_selected(self, category: str, item: dict, on: bool) -> bool:
        if on:
            return self.selection.select(item["path"], category)
        self.selection.unselect(item["path"])
        return True


def make_chooser(scan: dict) -> Chooser:
    from cleanup_desktop.core.selection import Selection

    return Chooser(Selection.from_scan(scan), scan)


def apply_preset(chooser: Chooser, preset: str, folder: str | None = None) -> None:
    from cleanup_desktop.core import keep_rules

    sel = chooser.selection
    if preset == "keep-default":
        sel.apply_keep(keep_rules.PRESETS["keep-default"])
    elif preset == "keep-newest":
        sel.keep_newest()
    elif preset == "keep-oldest":
        sel.keep_oldest()
    elif preset == "keep-in" and folder:
        sel.keep_in_folder(folder)
    elif preset == "select-in" and folder:
        sel.select_in_folder(folder)
    elif preset == "none":
        sel.clear("duplicates")
    elif preset == "temp-safe":
        sel.select_temp_defaults()
    else:
        raise ValueError(f"unknown preset {preset!r}")


def selection_totals(chooser: Chooser) -> tuple[int, int]:
    """(items, bytes) the current selection would free (the plan's summary gives the same
    figures; this sum stays instant at 100,000 ticked items)."""
    selected = chooser.selection.selected
    return len(selected), sum(chooser.sizes.get(p, 0) for p in selected)


# --- clean (core.plan, core.execute, core.trash, core.journal) --------------------------------

def make_plan(chooser: Chooser, permanent: bool, progress=None, cancel=None) -> dict:
    from cleanup_desktop.core.plan import plan_from_selection

    return plan_from_selection(chooser.selection, op="delete" if permanent else "trash")


def make_plans(chooser, mail_choosers: list, permanent: bool, progress=None, cancel=None) -> list[dict]:
    """One plan for the files and one per mailbox, those with something to do."""
    plans = [make_plan(chooser, permanent)] if chooser is not None else []
    plans += [m.plan(permanent) for m in mail_choosers]
    return [p for p in plans if p["actions"]]


def run_plans(plans: list[dict], permanent: bool, progress=None, cancel=None) -> list:
    """Execute the plans one after the other; returns the core's RunReports."""
    from cleanup_desktop.core.execute import execute_plan

    reports = []
    for plan in plans:
        if cancel is not None and cancel.cancelled:
            break
        reports.append(execute_plan(plan, permanent=permanent, progress=progress, cancel=cancel))
    return reports


def undo_runs(run_ids: list[str], progress=None, cancel=None) -> list:
    """Restore what these runs moved to the trash; returns the core's TrashOutcomes."""
    from cleanup_desktop.core import trash
    from cleanup_desktop.core.journal import Journal

    journal, out = Journal(), []
    for run_id in run_ids:
        out.extend(trash.undo_run(run_id, journal))
    return out


def empty_runs(run_ids: list[str], progress=None, cancel=None) -> list:
    """Remove for good what these runs (and only they) moved to the trash."""
    from cleanup_desktop.core import trash
    from cleanup_desktop.core.journal import Journal

    journal, out = Journal(), []
    for run_id in run_ids:
        out.extend(trash.empty_run(run_id, journal))
    return out


def undo_supported() -> bool:
    from cleanup_desktop.core import trash

    return trash.undo_supported()


def open_system_trash() -> bool:
    from cleanup_desktop.core import trash

    return trash.open_trash()


# --- bilan (core.bilan) ---------------------------------------------------------------------

def compute_bilan(method_id: str):
    from cleanup_desktop.core.bilan import compute_bilan as core_bilan

    return core_bilan(method=get_method(method_id))


# --- measurement sheet and organiser (core.sheets, render.pdf) ------------------------------

SHEET_FORMATS = ("xlsx", "pdf", "json", "csv", "dcd")


def export_sheet(bilan, prefs, fmt: str, path: str, lang: str = "en") -> str:
    """Write the participant's sheet for ``bilan`` in ``fmt``; returns the file written."""
    from cleanup_desktop.core.sheets import export, sheet_from_bilan, stable_sheet_id

    event_id = prefs.event_id or None
    sheet = sheet_from_bilan(bilan, event_id=event_id, participant=prefs.participant or None,
                             team=prefs.team or None, sheet_id=stable_sheet_id(event_id))
    if fmt == "pdf":
        from cleanup_desktop.render.pdf import render_sheet_pdf

        return str(render_sheet_pdf(sheet, path, lang=lang))
    return str(export(sheet, fmt, path))


def aggregate_folder(folder: str, method_id: str, event_id: str = "", progress=None, cancel=None):
    """Read every sheet of a folder and add them up (core.sheets.aggregate)."""
    from cleanup_desktop.core.sheets.aggregate import EventMeta, aggregate_paths

    return aggregate_paths([folder], method=get_method(method_id), meta=EventMeta(event_id=event_id or None),
                           progress=progress, cancel=cancel)


def write_aggregate(agg, out_dir: str, lang: str = "en") -> list[str]:
    """The organiser's files: summary JSON, participants XLSX, INR DCD-Bilan JSON (+ PDF)."""
    from cleanup_desktop.core.sheets.aggregate import write_outputs

    written = [str(p) for p in write_outputs(agg, out_dir).values()]
    pdf = module("cleanup_desktop.render.pdf")
    if pdf is not None and hasattr(pdf, "render_summary_pdf"):
        import os

        written.append(str(pdf.render_summary_pdf(agg, os.path.join(out_dir, "summary.pdf"), lang=lang)))
    return written

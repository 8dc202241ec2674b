"""The review's selection: an adapter over core.disk.selection and its presets."""

from __future__ import annotations


class Chooser:
    """Adapts core.disk.selection.Selection to what the result models ask (see models.selection)."""

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
        for items in selection.items.values():  # storage kinds: folders, photos, links
            for it in items:
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
    from cleanup_desktop.core.disk.selection import Selection

    return Chooser(Selection.from_scan(scan), scan)


def refreshed(scan, mail_scans, outcomes, progress=None, cancel=None) -> tuple:
    """(disk scan, its new default selection, mail scans, changed?) without what a run's
    outcomes removed (core.run.refresh); run in a worker: a new selection over many groups takes
    a moment."""
    from cleanup_desktop.core.run import refresh

    done = refresh.done_actions(outcomes)
    new_scan = refresh.scan_without(scan, done) if scan is not None else scan
    chooser = make_chooser(new_scan) if new_scan is not scan else None
    new_mail = [refresh.scan_without(m, done) for m in mail_scans]
    changed = new_scan is not scan or any(n is not m for n, m in zip(new_mail, mail_scans))
    return new_scan, chooser, new_mail, changed


def apply_preset(chooser: Chooser, preset: str, folder: str | None = None) -> None:
    from cleanup_desktop.core.disk import keep_rules

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


def selection_split(chooser: Chooser, classifier) -> tuple[int, int]:
    """(local bytes, cloud bytes) of the selection, each file placed as the bilan will place
    it (a file in a cloud-drive sync folder or on a network share counts as cloud). Without
    sync folders or network mounts on this computer everything is local, decided at once."""
    selected = chooser.selection.selected
    total = sum(chooser.sizes.get(p, 0) for p in selected)
    if classifier is None or (not classifier.sync_folders and not classifier.network):
        return total, 0
    cloud = sum(chooser.sizes.get(p, 0) for p in selected if classifier.classify_path(p).kind == "cloud")
    return total - cloud, cloud


def selection_totals(chooser: Chooser) -> tuple[int, int]:
    """(items, bytes) the current selection would free (the plan's summary gives the same
    figures; this sum stays instant at 100,000 ticked items)."""
    selected = chooser.selection.selected
    return len(selected), sum(chooser.sizes.get(p, 0) for p in selected)

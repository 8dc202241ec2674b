"""Plans, execution, undo and empty-trash: thin calls into core.run (plan, execute, undo)."""

from __future__ import annotations


def make_plan(chooser, permanent: bool, progress=None, cancel=None) -> dict:
    from cleanup_desktop.core.disk.plan import plan_from_selection

    return plan_from_selection(chooser.selection, op="delete" if permanent else "trash")


def place_notices(plans: list[dict]) -> list:
    """What the confirmation must say before anything moves: drives without a trash (their
    items go to a quarantine folder) and online-only cloud files (deleted from the cloud)."""
    from cleanup_desktop.core.disk import trash as disk_trash

    return disk_trash.preflight(a for p in plans for a in p.get("actions", []))


def scan_places(scan: dict) -> tuple[list[str], int, int]:
    """(scanned roots on a drive without a trash, online-only files, their bytes) of a scan.
    Asks the drives (first call: ~0.1 s with the imports): call it in a worker thread."""
    import os

    from cleanup_desktop.core.disk import trash as disk_trash

    cache: dict = {}
    no_trash = [r for r in scan.get("roots", [])
                if os.path.isdir(r) and disk_trash.choose(os.path.join(r, "x"), r, 0, cache)[0] == "quarantine"]
    online = scan.get("online_only") or []
    return no_trash, len(online), sum(int(f.get("size") or 0) for f in online)


def make_plans(chooser, mail_choosers: list, permanent: bool, progress=None, cancel=None) -> list[dict]:
    """One plan for the files and one per mailbox, those with something to do."""
    plans = [make_plan(chooser, permanent)] if chooser is not None else []
    plans += [m.plan(permanent) for m in mail_choosers]
    return [p for p in plans if p["actions"]]


def plan_by_category(plans: list[dict]) -> dict[str, dict[str, int]]:
    """Items and bytes per category of these plans, on the review's basis: the space each
    item really takes on disk (allocated size, else its size), so the confirmation shows the
    same figure as the review's running total."""
    out: dict[str, dict[str, int]] = {}
    for plan in plans:
        for action in plan.get("actions", []):
            row = out.setdefault(action.get("category") or "other", {"count": 0, "bytes": 0})
            row["count"] += 1
            row["bytes"] += int(action.get("allocated") or action.get("size") or 0)
    return out


def run_plans(plans: list[dict], permanent: bool, progress=None, cancel=None) -> list:
    """Execute the plans one after the other; returns the core's RunReports."""
    from cleanup_desktop.core.run.execute import execute_plan

    reports = []
    for plan in plans:
        if cancel is not None and cancel.cancelled:
            break
        reports.append(execute_plan(plan, permanent=permanent, progress=progress, cancel=cancel))
    return reports


def undo_runs(run_ids: list[str], word: str = "restored", progress=None, cancel=None) -> list:
    """Restore what these runs moved to the trash; returns the core's TrashOutcomes. ``word``
    names a copy put back beside a file that took its name meanwhile ("restauré")."""
    from cleanup_desktop.core.run import undo
    from cleanup_desktop.core.run.journal import Journal

    journal, out = Journal(), []
    for run_id in run_ids:
        out.extend(undo.undo_run(run_id, journal, word))
    return out


def empty_runs(run_ids: list[str], progress=None, cancel=None) -> list:
    """Remove for good what these runs (and only they) moved to the trash."""
    from cleanup_desktop.core.run import undo
    from cleanup_desktop.core.run.journal import Journal

    journal, out = Journal(), []
    for run_id in run_ids:
        out.extend(undo.empty_run(run_id, journal))
    return out


def undo_supported() -> bool:
    from cleanup_desktop.core.disk.trash import fditems as trash

    return trash.undo_supported()


def open_system_trash() -> bool:
    from cleanup_desktop.core.disk.trash import fditems as trash

    return trash.open_trash()

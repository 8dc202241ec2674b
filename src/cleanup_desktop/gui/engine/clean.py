"""Plans, execution, undo and empty-trash: thin calls into core.plan/execute/trash."""

from __future__ import annotations


def make_plan(chooser, permanent: bool, progress=None, cancel=None) -> dict:
    from cleanup_desktop.core.plan import plan_from_selection

    return plan_from_selection(chooser.selection, op="delete" if permanent else "trash")


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
    from cleanup_desktop.core.execute import execute_plan

    reports = []
    for plan in plans:
        if cancel is not None and cancel.cancelled:
            break
        reports.append(execute_plan(plan, permanent=permanent, progress=progress, cancel=cancel))
    return reports


def undo_runs(run_ids: list[str], word: str = "restored", progress=None, cancel=None) -> list:
    """Restore what these runs moved to the trash; returns the core's TrashOutcomes. ``word``
    names a copy put back beside a file that took its name meanwhile ("restauré")."""
    from cleanup_desktop.core import trash
    from cleanup_desktop.core.journal import Journal

    journal, out = Journal(), []
    for run_id in run_ids:
        out.extend(trash.undo_run(run_id, journal, word))
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

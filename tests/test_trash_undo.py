"""Undo puts back what the app trashed (content, original path); empty-trash removes exactly
this app's items from the real freedesktop trash, never the user's other trash."""

import os
from pathlib import Path

import pytest
import send2trash

from cleanup_desktop.core.disk.trash import fditems as trash

from cleanup_desktop.core.run import undo
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.run.plan import build_plan

from safe_cleanup_helpers import mounted_tmpfs, dup_group, make_scan, temp_item, write

DATA = os.urandom(30_000)
HOME_TRASH = lambda: Path(os.environ["XDG_DATA_HOME"]) / "Trash"  # noqa: E731


def user_trashes(path):
    """The user trashing something themselves, outside the app."""
    trash._sync_send2trash_env()
    send2trash.send2trash(path)


def run_temp(root, files, **kw):
    plan = build_plan(make_scan([root], temp=[temp_item(f, root) for f in files]))
    report = execute_plan(plan, **kw)
    assert all(o.status == "done" for o in report.outcomes), [o.reason for o in report.outcomes]
    return report


def test_undo_restores_content_metadata_and_original_path(tmp_path):
    root = str(tmp_path)
    f = write(f"{root}/docs/a/report.tmp", DATA, mtime=1_500_000_000)
    os.chmod(f, 0o640)
    report = run_temp(root, [f])
    tp = report.outcomes[0].result["trash_path"]
    assert not os.path.exists(f) and Path(tp).read_bytes() == DATA
    assert (HOME_TRASH() / "info" / "report.tmp.trashinfo").exists()
    out = undo.undo_run(report.run_id, Journal())
    assert [(o.status, o.path) for o in out] == [("restored", f)]
    assert Path(f).read_bytes() == DATA
    st = os.stat(f)
    assert st.st_mtime == 1_500_000_000 and st.st_mode & 0o777 == 0o640
    assert not os.path.exists(tp) and list((HOME_TRASH() / "info").iterdir()) == []
    t = Journal().run_totals(report.run_id)
    assert t["trashed"]["count"] == 0 and t["restored"]["count"] == 1 and t["freed"]["bytes"] == 0
    assert undo.undo_run(report.run_id, Journal()) == []  # nothing left to undo


def test_undo_recreates_a_deleted_folder_and_never_overwrites(tmp_path):
    root = str(tmp_path)
    f1 = write(f"{root}/gone/x.tmp", DATA)
    f2 = write(f"{root}/kept/y.tmp", DATA + b"2")
    report = run_temp(root, [f1, f2])
    os.rmdir(f"{root}/gone")
    write(f2, b"new file the user made since")
    out = {o.action["path"]: o for o in undo.undo_run(report.run_id, Journal())}
    assert Path(f1).read_bytes() == DATA
    assert out[f2].path == f"{root}/kept/y (restored).tmp" and "beside" in out[f2].message
    assert Path(f2).read_bytes() == b"new file the user made since"
    assert Path(out[f2].path).read_bytes() == DATA + b"2"


def test_empty_trash_removes_only_this_apps_items(tmp_path):
    root = str(tmp_path)
    mine_first = write(f"{root}/u/report.tmp", b"user's own old report")
    user_trashes(mine_first)  # the user's own trash holds a "report.tmp" already
    other = write(f"{root}/u/notes.txt", b"user notes")
    user_trashes(other)
    f = write(f"{root}/app/report.tmp", DATA)
    g = write(f"{root}/app/cache.tmp", DATA + b"x")
    report = run_temp(root, [f, g])
    entry = next(o.result["trash_path"] for o in report.outcomes if o.action["path"] == f)
    assert os.path.basename(entry) == "report 1.tmp"  # found back by inode, not by name
    out = undo.empty_run(report.run_id, Journal())
    assert sorted(o.status for o in out) == ["emptied", "emptied"]
    freed = sum(o.freed for o in out)
    assert freed == sum(o.result["allocated"] for o in report.outcomes) > 0
    names = sorted(p.name for p in (HOME_TRASH() / "files").iterdir())
    assert names == ["notes.txt", "report.tmp"]
    assert (HOME_TRASH() / "files" / "report.tmp").read_bytes() == b"user's own old report"
    assert sorted(p.name for p in (HOME_TRASH() / "info").iterdir()) == ["notes.txt.trashinfo", "report.tmp.trashinfo"]
    t = Journal().run_totals(report.run_id)
    assert t["freed"] == {"bytes": freed, "count": 2} and t["trashed"]["count"] == 0
    assert t["by_category"]["temp"]["emptied"]["count"] == 2


def test_items_that_left_the_trash_outside_the_app_are_not_counted_as_freed(tmp_path):
    root = str(tmp_path)
    f = write(f"{root}/a.tmp", DATA)
    g = write(f"{root}/b.tmp", DATA + b"b")
    report = run_temp(root, [f, g])
    os.unlink(report.outcomes[0].result["trash_path"])  # the user emptied it themselves
    # and replaced the other entry by a different item of the same name
    tp = report.outcomes[1].result["trash_path"]
    os.unlink(tp)
    write(tp, b"something else")
    out = undo.empty_run(report.run_id, Journal())
    assert [o.status for o in out] == ["missing", "missing"]
    assert "another item" in out[1].message
    assert Path(tp).read_bytes() == b"something else"
    t = Journal().run_totals(report.run_id)
    assert t["freed"]["bytes"] == 0 and t["counts"]["missing"] == 2 and t["trashed"]["count"] == 0


def test_non_utf8_names_survive_plan_trash_journal_and_undo(tmp_path):
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9-\xff.tmp"
    with open(raw, "wb") as fh:
        fh.write(DATA)
    name = os.fsdecode(raw)
    a = os.fsencode(str(tmp_path)) + b"/dup-\xe9.bin"
    b = os.fsencode(str(tmp_path)) + b"/sub/dup-\xe9 (1).bin"
    os.makedirs(os.path.dirname(b))
    for p in (a, b):
        with open(p, "wb") as fh:
            fh.write(DATA + b"dup")
    scan = make_scan([str(tmp_path)], [dup_group([os.fsdecode(a), os.fsdecode(b)], str(tmp_path))],
                     [temp_item(name, str(tmp_path))])
    report = execute_plan(build_plan(scan))
    assert [o.status for o in report.outcomes] == ["done", "done"]
    assert not os.path.exists(raw) and not os.path.exists(b) and os.path.exists(a)
    info = (HOME_TRASH() / "info").iterdir()
    assert any(b"caf%E9-%FF" in p.read_bytes() for p in info)
    out = undo.undo_run(report.run_id, Journal())
    assert sorted(os.fsencode(o.path) for o in out) == sorted([raw, b])
    assert Path(os.fsdecode(raw)).read_bytes() == DATA


@pytest.fixture
def other_fs():
    with mounted_tmpfs("cd-otherfs-") as mnt:
        yield mnt


def test_trash_on_another_file_system_undo_and_empty(other_fs):
    f = write(f"{other_fs}/data/a.tmp", DATA)
    g = write(f"{other_fs}/data/b.tmp", DATA + b"b")
    report = run_temp(other_fs, [f, g])
    tps = [o.result["trash_path"] for o in report.outcomes]
    assert all(tp.startswith(f"{other_fs}/.Trash-{os.getuid()}/files/") for tp in tps)
    assert list(HOME_TRASH().glob("files/*")) == []
    info = Path(other_fs, f".Trash-{os.getuid()}", "info", "a.tmp.trashinfo").read_text()
    assert "Path=data/a.tmp" in info  # relative to the volume top, as the spec allows
    journal = Journal()
    run = report.run_id
    restored = undo.undo_run(run, journal)
    assert [o.status for o in restored] == ["restored", "restored"] and Path(f).read_bytes() == DATA
    report2 = run_temp(other_fs, [f])
    out = undo.empty_run(report2.run_id, journal)
    assert out[0].status == "emptied" and out[0].freed > 0
    assert list(Path(other_fs, f".Trash-{os.getuid()}", "files").iterdir()) == []


def test_undo_unsupported_platform_reports_instead_of_guessing(tmp_path, monkeypatch):
    root = str(tmp_path)
    f = write(f"{root}/a.tmp", DATA)
    report = run_temp(root, [f])
    j = Journal()
    # a run recorded on a system whose trash gives no entry back (Windows/macOS): no trash_path
    run = j.start_run(plan_id="p", dry_run=False, permanent=False, source="disk")
    j.write(run, "intent", action=report.outcomes[0].action)
    j.write(run, "done", action_id=report.outcomes[0].action["id"], result={"op": "trash", "trashed": 1, "freed": 0})
    out = undo.undo_run(run, j)
    assert out[0].status == "unsupported" and "open the trash" in out[0].message


def test_a_plan_undone_can_run_again(tmp_path):
    root = str(tmp_path)
    f = write(f"{root}/again/z.tmp", DATA, mtime=1_500_000_000)
    plan = build_plan(make_scan([root], temp=[temp_item(f, root)]))
    first = execute_plan(plan)
    assert [o.status for o in first.outcomes] == ["done"]
    undo.undo_run(first.run_id, Journal())
    assert Path(f).read_bytes() == DATA
    second = execute_plan(plan)
    assert [o.status for o in second.outcomes] == ["done"], [o.reason for o in second.outcomes]
    assert not os.path.exists(f)
    third = execute_plan(plan)
    assert [o.status for o in third.outcomes] == ["skipped"]
    assert "already done" in third.outcomes[0].reason

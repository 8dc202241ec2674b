"""Execution re-verifies every file just before acting: each fault made between plan and
execution must skip the action with its reason and leave every file where it was."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from cleanup_desktop.core.run import execute as ex, guard as plan_guard
import dataclasses

from cleanup_desktop.core.disk.plan import plan_from_selection
from cleanup_desktop.core.mail import lifecycle as mail_lifecycle
from cleanup_desktop.core.run import registry
from cleanup_desktop.core.run.execute import ExecContext, Skip, execute_plan
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.run.plan import build_plan, dumps
from cleanup_desktop.core.disk.selection import Selection

from unprivileged import cli_as
from safe_cleanup_helpers import mounted_tmpfs, SRC, cli, dup_group, make_scan, temp_item, write

DATA = os.urandom(70_000)


@pytest.fixture
def root(tmp_path):
    r = tmp_path / "root"
    r.mkdir()
    return str(r)


def dup_setup(root, n=3, data=DATA):
    paths = [write(f"{root}/keep/orig.bin", data, mtime=1_600_000_000)]
    paths += [write(f"{root}/d{i}/orig (copy {i}).bin", data, mtime=1_700_000_000) for i in range(1, n)]
    scan = make_scan([root], [dup_group(paths, root)])
    return paths, build_plan(scan)


def outcome_of(report, path):
    return next(o for o in report.outcomes if o.action["path"] == path)


def trash_files():
    tdir = Path(os.environ["XDG_DATA_HOME"]) / "Trash" / "files"
    return sorted(p.name for p in tdir.iterdir()) if tdir.exists() else []


def test_clean_run_trashes_all_but_the_kept_copy_and_journals_it(root):
    paths, plan = dup_setup(root)
    assert [a["keep"]["path"] for a in plan["actions"]] == [paths[0], paths[0]]
    report = execute_plan(plan)
    assert [o.status for o in report.outcomes] == ["done", "done"]
    assert os.path.exists(paths[0]) and not any(os.path.exists(p) for p in paths[1:])
    assert sorted(trash_files()) == sorted(os.path.basename(p) for p in paths[1:])
    for o in report.outcomes:
        assert Path(o.result["trash_path"]).read_bytes() == DATA
        assert o.result["trashed"] == os.lstat(o.result["trash_path"]).st_blocks * 512 > 0
        assert o.result["freed"] == 0
    recs = list(Journal().iter_records())
    assert [r["event"] for r in recs] == ["run-start", "intent", "done", "intent", "done", "run-end"]
    assert [r["seq"] for r in recs] == list(range(6))
    assert recs[1]["action"] == plan["actions"][0]
    assert recs[2]["result"]["trash_path"] == report.outcomes[0].result["trash_path"]


def _replace_same_size(path):
    tmp = path + ".new"
    write(tmp, os.urandom(len(DATA)))
    os.replace(tmp, path)


def _rewrite_in_place_keep_mtime(path):
    st = os.stat(path)
    with open(path, "r+b") as fh:
        fh.write(b"X" * 100)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _modify(path):
    with open(path, "r+b") as fh:
        fh.write(b"edited")
    os.utime(path, (1_750_000_000, 1_750_000_000))


def _truncate(path):
    os.truncate(path, 1000)


def _symlink_to_keep(path, keep):
    os.unlink(path)
    os.symlink(keep, path)


FAULTS = {
    "modified": (_modify, "modified since the scan"),
    "truncated": (_truncate, "size changed"),
    "replaced-same-size": (_replace_same_size, "replaced by another file"),
    "rewritten-same-size-same-mtime": (_rewrite_in_place_keep_mtime, "content changed"),
    "deleted": (os.unlink, "no longer exists"),
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_changed_file_is_skipped_with_its_reason(root, fault):
    paths, plan = dup_setup(root)
    change, reason = FAULTS[fault]
    change(paths[1])
    before = Path(paths[1]).read_bytes() if os.path.exists(paths[1]) else None
    report = execute_plan(plan)
    o = outcome_of(report, paths[1])
    assert o.status == "skipped" and reason in o.reason
    if before is not None:
        assert Path(paths[1]).read_bytes() == before
    assert outcome_of(report, paths[2]).status == "done"  # the other copy is unaffected
    assert Path(paths[0]).read_bytes() == DATA
    assert report.ok


def test_file_replaced_by_a_symlink_is_skipped_and_the_link_target_untouched(root):
    paths, plan = dup_setup(root)
    _symlink_to_keep(paths[1], paths[0])
    report = execute_plan(plan)
    o = outcome_of(report, paths[1])
    assert o.status == "skipped" and "symbolic link" in o.reason
    assert os.path.islink(paths[1]) and Path(paths[0]).read_bytes() == DATA


def test_parent_folder_swapped_for_a_symlink_is_refused(root):
    paths, plan = dup_setup(root)
    d1 = os.path.dirname(paths[1])
    moved = d1 + "-moved"
    os.rename(d1, moved)
    os.symlink(moved, d1)  # same file, now reached through a link
    report = execute_plan(plan)
    o = outcome_of(report, paths[1])
    assert o.status == "skipped" and "replaced by a symbolic link" in o.reason and d1 in o.reason
    assert Path(moved, os.path.basename(paths[1])).read_bytes() == DATA


def test_parent_folder_swapped_for_a_link_to_another_folder(root, tmp_path):
    paths, plan = dup_setup(root)
    elsewhere = tmp_path / "elsewhere"
    victim = write(str(elsewhere / os.path.basename(paths[1])), DATA)
    d1 = os.path.dirname(paths[1])
    shutil.rmtree(d1)
    os.symlink(elsewhere, d1)
    report = execute_plan(plan)
    assert outcome_of(report, paths[1]).status == "skipped"
    assert Path(victim).read_bytes() == DATA


@pytest.mark.parametrize("fault, reason", [
    ("deleted", "no longer exists"),
    ("changed", "no longer has the same content"),
    ("symlink-to-target", "symbolic link"),
    ("truncated", "changed size"),
])
def test_kept_copy_problems_skip_the_whole_group(root, fault, reason):
    paths, plan = dup_setup(root)
    keep = paths[0]
    if fault == "deleted":
        os.unlink(keep)
    elif fault == "changed":
        with open(keep, "r+b") as fh:
            fh.write(b"different")
    elif fault == "truncated":
        os.truncate(keep, 10)
    else:
        os.unlink(keep)
        os.symlink(paths[1], keep)
    report = execute_plan(plan)
    assert [o.status for o in report.outcomes] == ["skipped", "skipped"]
    for o in report.outcomes:
        assert reason in o.reason and "whole group" in o.reason
    for p in paths[1:]:
        assert Path(p).read_bytes() == DATA  # every remaining copy stays


def test_kept_copy_is_verified_once_per_run_but_each_target_is_rehashed(root, monkeypatch):
    paths, plan = dup_setup(root, n=4)
    calls = []
    real = __import__("cleanup_desktop.core.disk.actions", fromlist=["x"])._hash_fd
    monkeypatch.setattr("cleanup_desktop.core.disk.actions._hash_fd", lambda fd, ctx: calls.append(fd) or real(fd, ctx))
    report = execute_plan(plan)
    assert [o.status for o in report.outcomes] == ["done"] * 3
    assert len(calls) == 3 + 1


def test_dry_run_changes_nothing_and_writes_no_journal(root):
    paths, plan = dup_setup(root)
    report = execute_plan(plan, dry_run=True)
    assert [o.status for o in report.outcomes] == ["done", "done"]
    assert all(o.result["dry_run"] and o.result["trashed"] > 0 for o in report.outcomes)
    assert report.totals["moved_to_trash"]["count"] == 2
    assert all(os.path.exists(p) for p in paths) and trash_files() == []
    assert not Journal().path.exists()


def test_permanent_delete_only_when_asked(root):
    paths, plan = dup_setup(root)
    for a in plan["actions"]:
        a["op"] = "delete"
    report = execute_plan(plan)
    assert all(o.status == "skipped" and "--permanent" in o.reason for o in report.outcomes)
    assert all(os.path.exists(p) for p in paths)
    report = execute_plan(plan, permanent=True)
    assert [o.status for o in report.outcomes] == ["done", "done"]
    assert not any(os.path.exists(p) for p in paths[1:]) and trash_files() == []
    assert report.totals["freed"]["bytes"] == sum(o.result["allocated"] for o in report.outcomes) > 0
    assert report.totals["freed"]["count"] == 2


def test_hard_linked_file_frees_nothing_until_its_last_link_goes(root):
    a = write(f"{root}/tmp/a.tmp", DATA)
    b = f"{root}/other/b.tmp"
    os.makedirs(os.path.dirname(b))
    os.link(a, b)
    plan = build_plan(make_scan([root], temp=[temp_item(a, root)]))
    report = execute_plan(plan, permanent=True)
    res = report.outcomes[0].result
    assert report.outcomes[0].status == "done" and res["nlink"] == 2
    assert res["freed"] == 0 and "hard link" in res["note"]
    plan2 = build_plan(make_scan([root], temp=[temp_item(b, root)]))
    res2 = execute_plan(plan2, permanent=True).outcomes[0].result
    assert res2["nlink"] == 1 and res2["freed"] == res2["allocated"] > 0


def test_generic_executor_registry(root):
    seen = []

    def executor(action, ctx: ExecContext):
        seen.append((action["id"], ctx.dry_run, ctx.permanent, ctx.run_id is not None))
        if action["uid"] == 1:
            raise Skip("message changed on the server")
        if action["uid"] == 2:
            raise ConnectionError("connection dropped")
        return {"op": "mail-trash", "trashed": action["size"], "freed": 0}

    # the mail backend with this executor, the real one put back afterwards
    with registry.registered(dataclasses.replace(mail_lifecycle.BACKEND, run=executor)):
        acts = [{"id": f"m{u}", "op": "mail-trash", "category": "mail-large", "uid": u, "size": 100 * u,
                 "account": {"kind": "imap", "host": "h", "user": "u"}} for u in (1, 2, 3)]
        plan = {"schema": "cleanup-desktop/plan/1", "plan_id": str(uuid.uuid4()), "created": "", "source": {},
                "actions": acts}
        plan_guard.save_record(plan_guard.make_record(plan, []))  # as build_plan does
        report = execute_plan(plan)
    assert [o.status for o in report.outcomes] == ["skipped", "failed", "done"]
    assert report.outcomes[0].reason == "message changed on the server"
    assert "connection dropped" in report.outcomes[1].reason and not report.ok
    assert seen == [("m1", False, False, True), ("m2", False, False, True), ("m3", False, False, True)]
    t = Journal().run_totals(report.run_id)
    assert t["source"] == "mail"
    assert t["by_source"]["mail"]["moved_to_trash"] == {"bytes": 300, "count": 1}
    assert "imap:u@h" in t["by_root"]
    unknown = dict(plan, actions=[dict(acts[0], id="m9", op="no-such-op")])
    assert "no executor" in execute_plan(unknown).outcomes[0].reason


def test_rerun_of_the_same_plan_skips_what_is_done(root):
    paths, plan = dup_setup(root)
    os.utime(paths[2], (1, 1))  # this one is skipped the first time
    first = execute_plan(plan)
    assert [o.status for o in first.outcomes] == ["done", "skipped"]
    second = execute_plan(plan)
    assert second.outcomes[0].status == "skipped" and "already done" in second.outcomes[0].reason
    assert second.outcomes[1].status == "skipped" and "modified" in second.outcomes[1].reason


def test_interrupted_action_that_had_happened_is_recognised(root):
    """Killed after send2trash but before the "done" line: the rerun finds it in the trash."""
    paths, plan = dup_setup(root)
    j = Journal()
    run = j.start_run(plan_id=plan["plan_id"], dry_run=False, permanent=False, source="disk")
    j.write(run, "intent", action=plan["actions"][0])
    import send2trash

    from cleanup_desktop.core.disk.trash.fditems import _sync_send2trash_env
    _sync_send2trash_env()
    send2trash.send2trash(paths[1])
    report = execute_plan(plan)
    o = outcome_of(report, paths[1])
    assert o.status == "done" and o.result["recovered"] and o.result["trash_path"].endswith(os.path.basename(paths[1]))
    assert outcome_of(report, paths[2]).status == "done"
    assert Journal().list_runs()[0].interrupted


# ---- process killed in the middle of a run ----------------------------------------------------

def test_sigkill_mid_run_leaves_a_consistent_journal_and_rerun_completes(root, tmp_path):
    data = os.urandom(5000)
    files = [write(f"{root}/t/f{i:02d}.tmp", data + bytes([i])) for i in range(12)]
    plan = build_plan(make_scan([root], temp=[temp_item(p, root) for p in files]))
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(dumps(plan))
    env = dict(os.environ, CLEANUP_DESKTOP_TEST_SLOW_ACTION="0.15", PYTHONPATH=SRC)
    proc = subprocess.Popen([sys.executable, "-m", "cleanup_desktop", "clean", str(plan_file), "--yes"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = Journal()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if journal.path.exists() and journal.path.read_text().count('"event":"done"') >= 4:
            break
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    lines = journal.path.read_text().splitlines()
    recs = [json.loads(line) for line in lines]  # every line is complete JSON
    assert recs[0]["event"] == "run-start" and all(r["event"] != "run-end" for r in recs)
    done = {r["action_id"] for r in recs if r["event"] == "done"}
    intents = [r["action"]["id"] for r in recs if r["event"] == "intent"]
    assert 4 <= len(done) < len(files)
    assert len(set(intents) - done) <= 1  # at most the action it was killed in
    by_id = {a["id"]: a["path"] for a in plan["actions"]}
    for aid, path in by_id.items():
        assert os.path.exists(path) == (aid not in done) or aid in set(intents) - done
    assert journal.list_runs()[0].interrupted
    rerun = cli("clean", str(plan_file), "--yes")
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.count("already done") == len(done)
    assert not any(os.path.exists(p) for p in files)
    assert len(trash_files()) == len(files)
    runs = journal.list_runs()
    assert len(runs) == 2 and not runs[1].interrupted
    assert runs[0].totals["moved_to_trash"]["count"] + runs[1].totals["moved_to_trash"]["count"] == len(files)


# ---- trash unavailable ------------------------------------------------------------------------

@pytest.fixture
def tmpfs():
    with mounted_tmpfs("cd-tmpfs-", "size=8m,mode=0755") as mnt:
        yield mnt


def test_read_only_file_system_gives_a_clear_error_and_the_file_stays(tmpfs):
    f = write(f"{tmpfs}/docs/old.tmp", DATA)
    plan = build_plan(make_scan([tmpfs], temp=[temp_item(f, tmpfs)]))
    subprocess.run(["mount", "-o", "remount,ro", tmpfs], check=True)
    report = execute_plan(plan)
    o = report.outcomes[0]
    assert o.status == "failed" and "read-only" in o.reason and "left in place" in o.reason
    assert Path(f).read_bytes() == DATA and not report.ok


@pytest.fixture
def as_nobody():
    """A home folder for `nobody` under /tmp (pytest's own tmp is 0700) and a runner of the CLI
    as that user with it: (home, run(*args))."""
    import xxhash
    site = os.path.dirname(os.path.dirname(xxhash.__file__))
    home = tempfile.mkdtemp(prefix="cd-nobody-", dir="/tmp")
    os.chmod(home, 0o755)
    shutil.chown(home, "nobody")
    env = {"HOME": home, "XDG_DATA_HOME": f"{home}/.local/share", "CLEANUP_DESKTOP_DATA_DIR": f"{home}/j",
           "PATH": "/usr/bin:/bin", "PYTHONPATH": f"{SRC}{os.pathsep}{site}"}
    yield home, lambda *args: cli_as("nobody", *args, env=env)
    shutil.rmtree(home, ignore_errors=True)


def plan_as_user(run, home: str, scan: dict) -> Path:
    """`cleanup-desktop plan` run as that user (the plan's record is kept in their data folder)."""
    scan_file, plan_file = Path(home, "scan.json"), Path(home, "plan.json")
    scan_file.write_text(json.dumps(scan))
    r = run("plan", str(scan_file), "-o", str(plan_file))
    assert r.returncode == 0, r.stderr
    return plan_file


def test_other_file_system_without_a_usable_trash_as_unprivileged_user(tmpfs, as_nobody):
    home, run = as_nobody
    sub = Path(tmpfs, "shared")
    sub.mkdir()
    shutil.chown(sub, "nobody")
    f = write(str(sub / "report.tmp"), DATA)
    shutil.chown(f, "nobody")
    plan_file = plan_as_user(run, home, make_scan([tmpfs], temp=[temp_item(f, tmpfs)]))
    r = run("clean", str(plan_file), "--yes")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "no trash folder" in r.stderr and "left in place" in r.stderr
    assert Path(f).read_bytes() == DATA
    assert not Path(tmpfs, ".Trash-65534").exists()


def test_cancel_stops_between_actions_and_the_run_is_recorded(root):
    from cleanup_desktop.core.progress import CancelToken

    files = [write(f"{root}/c/{i}.tmp", DATA + bytes([i])) for i in range(5)]
    plan = build_plan(make_scan([root], temp=[temp_item(p, root) for p in files]))
    token = CancelToken()
    events = []

    def on_outcome(o):
        if len([x for x in events if x]) == 0 and o.status == "done":
            token.cancel()
        events.append(o)

    progress = []
    report = execute_plan(plan, cancel=token, on_outcome=on_outcome, progress=progress.append)
    assert report.cancelled and [o.status for o in report.outcomes] == ["done"]
    assert sum(os.path.exists(p) for p in files) == 4
    assert progress and progress[0].phase == "clean" and progress[0].items_total == 5
    runs = Journal().list_runs()
    assert not runs[0].interrupted and runs[0].totals["cancelled"]


def test_temp_item_whose_application_started_since_the_scan_is_skipped(root, tmp_path):
    xdg_cache = os.path.realpath(os.environ["XDG_CACHE_HOME"])  # where the Firefox rule applies
    cache = write(f"{xdg_cache}/mozilla/firefox/cache2/entries/ABC", DATA)
    item = temp_item(cache, xdg_cache, safety="Q", rule="browser-firefox")  # closed at scan time
    sel = Selection(make_scan([xdg_cache], temp=[item]))
    assert sel.select(cache)  # level Q, app closed at scan time: selectable
    plan = plan_from_selection(sel)
    fake = tmp_path / "firefox"
    shutil.copy("/bin/sleep", fake)
    proc = subprocess.Popen([str(fake), "30"])
    try:
        report = execute_plan(plan)
    finally:
        proc.kill()
        proc.wait()
    o = report.outcomes[0]
    assert o.status == "skipped" and "is running (firefox" in o.reason and "close it" in o.reason
    assert Path(cache).read_bytes() == DATA
    assert execute_plan(plan).outcomes[0].status == "done"  # once it is closed


def test_temp_file_held_open_by_a_program_is_skipped(root):
    f = write(f"{root}/t/held.tmp", DATA)
    plan = build_plan(make_scan([root], temp=[temp_item(f, root)]))
    with open(f, "rb") as fh:
        proc = subprocess.Popen(["sleep", "30"], stdin=fh)
    try:
        report = execute_plan(plan)
    finally:
        proc.kill()
        proc.wait()
    assert report.outcomes[0].status == "skipped" and "open in another program" in report.outcomes[0].reason
    assert os.path.exists(f)


def test_locked_file_and_trash_errors_are_described_for_the_user():
    from cleanup_desktop.core.disk.trash.fditems import describe_os_error
    from send2trash.exceptions import TrashPermissionError

    locked = PermissionError(13, "The process cannot access the file")
    locked.winerror = 32  # ERROR_SHARING_VIOLATION, as Windows reports a file another program holds
    assert "open in another program" in describe_os_error(locked)
    assert describe_os_error(TrashPermissionError("/mnt/usb")) == "this drive has no trash folder this account may use"
    assert describe_os_error(OSError(30, "Read-only file system")) == "the drive is read-only"


def test_a_folder_the_user_may_not_enter_is_a_clear_failure(as_nobody):
    """As root permissions do not stop us: the check runs as `nobody` in a subprocess."""
    home, run = as_nobody
    locked = Path(home, "data", "private")
    f = write(str(locked / "old.tmp"), DATA)
    for p in (Path(home, "data"), locked, Path(f)):
        shutil.chown(p, "nobody")
    plan_file = plan_as_user(run, home, make_scan([f"{home}/data"], temp=[temp_item(f, f"{home}/data")]))
    os.chmod(locked, 0o000)  # nobody may no longer enter it
    r = run("clean", str(plan_file), "--yes")
    assert r.returncode == 1 and "FAILED" in r.stderr and "Permission denied" in r.stderr, r.stderr
    assert "Errno" not in r.stderr
    os.chmod(locked, 0o755)
    assert Path(f).read_bytes() == DATA

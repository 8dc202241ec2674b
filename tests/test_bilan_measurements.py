"""The bilan's before/after volumes: before = when the scan behind the first run started,
after = at the end of the last run; never used as the freed figure."""

import os

from cleanup_desktop.core.bilan import compute_bilan
from cleanup_desktop.core.disk.scan import ScanOptions, scan
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.impact.classify import Classifier
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.run.plan import build_plan


def test_before_is_measured_when_the_scan_started(tmp_path):
    root = tmp_path / "docs"
    root.mkdir()
    data = os.urandom(300_000)
    for name in ("a.bin", "b.bin"):
        (root / name).write_bytes(data)
    result = scan([str(root)], ScanOptions(min_size=1, temp=False, cache_path=str(tmp_path / "c.db"))).to_dict()
    usage = result["disk_usage"]
    assert usage["time"] == result["started"] and usage["roots"][str(root)]["used"] > 0
    plan = build_plan(result)
    assert plan["source"]["disk_usage"] == usage
    journal = Journal(tmp_path / "journal.jsonl")
    report = execute_plan(plan, journal=journal, permanent=True)
    assert [o.status for o in report.outcomes] == ["done"]
    bilan = compute_bilan(journal.iter_records(), classifier=Classifier(sync_folders=[], network=[]))
    (m,) = bilan.measurements
    assert m.environment == "workstation"
    assert m.before_time == result["started"]
    assert m.before_bytes == usage["roots"][str(root)]["used"]
    # The freed figure comes from the files themselves, not from the usage difference.
    assert bilan.local_bytes == os.stat(root / "a.bin").st_blocks * 512


def _usage(used, dev, total=500 * 10**9):
    return {"total": total, "used": used, "free": total - used, "dev": dev}


def test_one_place_per_volume_and_after_is_taken_after_emptying():
    """A cloud-drive folder inside the home folder is on the same volume: one place, not two;
    a network share is its own; "after" is the usage once the trash was emptied."""
    from cleanup_desktop.core.impact.classify import SyncFolder

    home, onedrive, share = "/home/ann", "/home/ann/OneDrive", "/mnt/share"
    cls = Classifier(sync_folders=[SyncFolder("onedrive", onedrive)], network=[share], windows=False)
    start = {"home": _usage(300, 1), "od": _usage(300, 1), "share": _usage(900, 7, 10**12)}
    recs = [
        {"run": "r1", "event": "run-start", "time": "2026-03-21T09:00:00+00:00", "dry_run": False,
         "disk_usage": {home: start["home"], onedrive: start["od"], share: start["share"]}},
        {"run": "r1", "event": "run-end", "time": "2026-03-21T09:10:00+00:00",
         "disk_usage": {home: _usage(300, 1), onedrive: _usage(300, 1), share: _usage(850, 7, 10**12)}},
        {"run": "r1", "event": "disk-usage", "time": "2026-03-21T16:00:00+00:00", "after": "empty-trash",
         "disk_usage": {home: _usage(220, 1), onedrive: _usage(220, 1), share: _usage(850, 7, 10**12)}},
    ]
    bilan = compute_bilan(recs, classifier=cls)
    by_env = {m.environment: m for m in bilan.measurements}
    assert set(by_env) == {"workstation", "network-share"}  # never a second "cloud drive" place
    ws = by_env["workstation"]
    assert (ws.before_bytes, ws.after_bytes, ws.volumes) == (300, 220, 1)
    assert ws.after_time == "2026-03-21T16:00:00+00:00"  # after the emptying, not the run's end
    assert (by_env["network-share"].before_bytes, by_env["network-share"].after_bytes) == (900, 850)


def test_empty_trash_journals_the_usage_after_emptying(tmp_path, monkeypatch):
    from cleanup_desktop.core.run import undo as trash

    journal = Journal(tmp_path / "journal.jsonl")
    root = tmp_path / "docs"
    root.mkdir()
    journal.write("run-x", "run-start", dry_run=False, disk_usage={str(root): _usage(10, 1)})
    monkeypatch.setattr(trash, "by_backend", lambda items, step, call: [trash.TrashOutcome({}, "emptied")])
    trash.empty_run("run-x", journal)
    (rec,) = [r for r in journal.run_records("run-x") if r["event"] == "disk-usage"]
    assert rec["after"] == "empty-trash" and rec["disk_usage"][str(root)]["dev"] == os.stat(root).st_dev

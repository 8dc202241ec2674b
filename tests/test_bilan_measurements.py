"""The bilan's before/after volumes: before = when the scan behind the first run started,
after = at the end of the last run; never used as the freed figure."""

import os

from cleanup_desktop.core.bilan import compute_bilan
from cleanup_desktop.core.disk.scan import ScanOptions, scan
from cleanup_desktop.core.execute import execute_plan
from cleanup_desktop.core.impact.classify import Classifier
from cleanup_desktop.core.journal import Journal
from cleanup_desktop.core.plan import build_plan


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

"""The typed contracts (core/*/types.py) match what the code really writes: a real scan (the
CLI's --json), a plan with every disk kind, a dry run and a real run with their journal
records, undo and empty-trash, the totals and the measurement sheet. Every key produced is
declared, every required key is produced, every value has its declared type."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import given, settings, strategies as st

from contracts import assert_fits, declared_keys, problems
from photo_factory import write_family
from safe_cleanup_helpers import cli

from cleanup_desktop.core.bilan import compute_bilan
from cleanup_desktop.core.disk.types import DiskAction, DiskResult, ScanDoc
from cleanup_desktop.core.run import undo
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.run.plan import build_plan
from cleanup_desktop.core.run.types import RECORD_TYPES, DiskUsageRecord, DoneRecord, Plan, RunTotals
from cleanup_desktop.core.sheets import sheet_from_bilan
from cleanup_desktop.core.sheets.types import SheetDoc


def put(path: Path, data: bytes = b"") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def every_kind_tree(root: Path, home: Path) -> None:
    """Duplicates, a duplicated folder, similar photos, empty folders and files, a dangling
    link, large and old files, and a thumbnail cache (temp)."""
    big = os.urandom(300_000)
    for top in ("Projects/Thesis", "Backup/Copy of Thesis"):
        put(root / top / "thesis.odt", big)
        put(root / top / "notes.md", b"# chapter 1\n")
    same = os.urandom(5000)
    put(root / "a" / "report.pdf", same)
    put(root / "b" / "report (1).pdf", same)
    (root / "Old" / "2019" / "trip").mkdir(parents=True)
    put(root / "notes" / "todo.txt")
    os.symlink(str(root / "gone" / "report.pdf"), root / "notes" / "report.pdf")
    old = put(root / "archive" / "old.bin", os.urandom(1_100_000))  # old files: 1 MB and more
    os.utime(old, (1_000_000_000, 1_000_000_000))
    write_family(root / "Pictures", 7)
    put(home / ".cache" / "thumbnails" / "normal" / "abc.png", b"p" * 4000)


def test_scan_plan_run_journal_and_sheet_fit_their_types(tmp_path, isolated_home):
    root = tmp_path / "data"
    every_kind_tree(root, isolated_home)
    r = cli("scan", "--json", "--no-cache", "--similar-images", "--min-size", "1", "--large-min", "20000",
            "--old-days", "30", str(root), str(isolated_home / ".cache"), str(tmp_path / "no-such-folder"))
    assert r.returncode == 0, r.stderr
    scan = json.loads(r.stdout)
    assert_fits(scan, ScanDoc, "scan")
    # every list the test means to cover is really there (not vacuously empty)
    for kind in ("duplicates", "temp", "large", "old", "empty_folders", "empty_files", "broken_links",
                 "duplicate_folders", "similar_images", "errors", "storage"):
        assert scan[kind], kind

    plan = build_plan(scan, temp=True, extra=["empty_folders", "empty_files", "broken_links",
                                              "duplicate_folders", "similar_images"])
    assert_fits(plan, Plan, "plan")
    for i, action in enumerate(plan["actions"]):
        assert_fits(action, DiskAction, f"plan.actions[{i}]")
    assert {a["category"] for a in plan["actions"]} >= {"duplicates", "temp", "empty_folders", "empty_files",
                                                         "broken_links", "duplicate_folders", "similar_images"}

    journal = Journal(tmp_path / "journal.jsonl")
    preview = execute_plan(plan, dry_run=True, journal=journal)
    report = execute_plan(plan, journal=journal)
    assert [o.status for o in report.outcomes] == ["done"] * len(plan["actions"]), \
        [(o.status, o.reason) for o in report.outcomes]
    for run in (preview, report):
        assert_fits(run.totals, RunTotals, "totals")
        for o in run.outcomes:
            assert_fits(o.result, DiskResult, f"outcome {o.action['category']}")
    assert undo.undo_run(report.run_id, journal)  # "restored" records
    again = execute_plan(plan, journal=journal)  # what was put back may go again
    assert again.ok and undo.empty_run(again.run_id, journal)  # "emptied" and "disk-usage" records

    events = set()
    for rec in journal.iter_records():
        events.add(rec["event"])
        assert_fits(rec, RECORD_TYPES[rec["event"]], f"journal {rec['event']}")
        if rec["event"] == "intent":
            assert_fits(rec["action"], DiskAction, "journal intent.action")
        if rec["event"] == "done":
            assert_fits(rec["result"], DiskResult, "journal done.result")
    assert events >= {"run-start", "intent", "done", "run-end", "restored", "emptied", "disk-usage"}, events
    assert_fits(journal.run_totals(report.run_id), RunTotals, "run totals after undo")
    assert_fits(journal.run_totals(again.run_id), RunTotals, "run totals after empty-trash")

    sheet = sheet_from_bilan(compute_bilan(journal.iter_records()), participant="P", team="T", event_id="E")
    doc = json.loads(sheet.to_json())
    assert_fits(doc, SheetDoc, "sheet")
    assert doc["freed"] and doc["measurements"]


DONE = {"v": 1, "run": "r", "seq": 2, "time": "t", "event": "done", "action_id": "f-1",
        "result": {"op": "trash", "size": 1, "trashed": 1, "freed": 0}}


@settings(max_examples=60, deadline=None)
@given(extra=st.text(min_size=1, max_size=12), drop=st.sampled_from(sorted(DoneRecord.__required_keys__)),
       bad=st.one_of(st.none(), st.text(max_size=5), st.floats(allow_nan=False), st.booleans()))
def test_the_check_refuses_an_undeclared_key_a_missing_key_and_a_wrong_type(extra, drop, bad):
    assert problems(DONE, DoneRecord) == []
    if extra not in declared_keys(DoneRecord):
        assert problems({**DONE, extra: 1}, DoneRecord)
    if extra not in declared_keys(DiskResult):
        assert problems({**DONE["result"], extra: 1}, DiskResult)
    assert problems(DONE["result"], DiskResult) == []
    assert problems({"schema": "cleanup-desktop/scan/1", "roots": [extra]}, ScanDoc)  # nested: required keys missing
    assert problems({k: v for k, v in DONE.items() if k != drop}, DoneRecord)
    assert problems({**DONE, "seq": bad}, DoneRecord)  # seq is an int: no null, text, float or bool


def test_the_types_declare_the_keys_other_checkers_name():
    """The journal's own reader (record_problem) and the disk plan's DISK_KEYS name only declared keys."""
    from cleanup_desktop.core.disk import plan as disk_plan
    from cleanup_desktop.core.run import journal as journal_mod

    assert set(disk_plan.DISK_KEYS) <= declared_keys(DiskAction)
    for event, fields in journal_mod._SCHEMA.items():
        assert set(fields) <= declared_keys(RECORD_TYPES[event]), event
    assert set(journal_mod._RESULT) <= declared_keys(DiskResult)
    assert set(DiskUsageRecord.__required_keys__) >= {"after", "disk_usage"}


NAMES = st.text(st.characters(codec="utf-8", exclude_characters="/\x00", exclude_categories=("Cs",)),
                min_size=1, max_size=12).filter(lambda n: n not in (".", ".."))
TREES = st.lists(st.tuples(st.lists(NAMES, min_size=1, max_size=3),  # folder path below the root, file name last
                           st.sampled_from([b"", b"a" * 3000, b"b" * 3000, b"c" * 50, None])),  # None: a folder
                 min_size=1, max_size=14)


@settings(max_examples=15, deadline=None)
@given(tree=TREES, links=st.integers(0, 2))
def test_any_tree_gives_documents_that_fit_their_types(tree, links, tmp_path_factory):
    """The rule for any folder tree (odd names, copies, empty files and folders, dangling
    links): the scan, the plan of every kind and the preview fit their types."""
    from cleanup_desktop.core.disk.scan import ScanOptions, scan

    root = tmp_path_factory.mktemp("tree")
    for parts, data in tree:
        path = root.joinpath(*parts)
        try:
            if data is None:
                path.mkdir(parents=True, exist_ok=True)
            else:
                put(path, data)
        except OSError:  # a name used both as a file and a folder, or too long: not this tree
            continue
    for i in range(links):
        os.symlink(str(root / f"gone-{i}"), root / f"link-{i}")
    opts = ScanOptions(use_cache=False, temp=False, min_size=1, large_min_size=2000, old_days=1)
    doc = json.loads(json.dumps(scan([str(root)], opts).to_dict()))
    assert_fits(doc, ScanDoc, "scan")
    plan = build_plan(doc, temp=False, extra=["empty_folders", "empty_files", "broken_links", "duplicate_folders"])
    assert_fits(plan, Plan, "plan")
    for action in plan["actions"]:
        assert_fits(action, DiskAction, "action")
    preview = execute_plan(plan, dry_run=True, journal=None)
    assert_fits(preview.totals, RunTotals, "totals")
    for o in preview.outcomes:
        assert_fits(o.result, DiskResult, "result")

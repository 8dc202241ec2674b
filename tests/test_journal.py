"""The journal: one fsynced JSON line per event, tolerant of a cut last line, totals per run."""

import json
import os
from pathlib import Path

from cleanup_desktop.core.run import journal as jmod
from cleanup_desktop.core import paths
from cleanup_desktop.core.run.journal import Journal


def action(aid, category="duplicates", root="/r", path=None, op="trash", **extra):
    return {"id": aid, "op": op, "category": category, "path": path or f"{root}/{aid}", "root": root, **extra}


def fill_run(j, plan_id="p1", dry_run=False):
    run = j.start_run(plan_id=plan_id, dry_run=dry_run, permanent=False, source="disk",
                      disk_usage={"/r": {"total": 10, "used": 5, "free": 5}})
    acts = [action("a1"), action("a2", category="temp"), action("a3", root="/s"), action("a4"), action("a5", op="delete")]
    results = {"a1": {"op": "trash", "trashed": 4096, "freed": 0, "trash_path": "/t/files/a1"},
               "a2": {"op": "trash", "trashed": 8192, "freed": 0, "trash_path": "/t/files/a2"},
               "a3": {"op": "trash", "trashed": 100, "freed": 0, "trash_path": "/t/files/a3"},
               "a5": {"op": "delete", "trashed": 0, "freed": 500}}
    for a in acts:
        j.write(run, "intent", action=a)
        if a["id"] in results:
            j.write(run, "done", action_id=a["id"], result=results[a["id"]])
        else:
            j.write(run, "skipped", action_id=a["id"], reason="modified since the scan")
    j.write(run, "run-end", totals={}, cancelled=False)
    return run


def test_default_location_and_override(monkeypatch, tmp_path):
    assert Journal().path == Path(os.environ["XDG_DATA_HOME"]) / "cleanup-desktop" / "journal.jsonl"
    monkeypatch.setenv("CLEANUP_DESKTOP_DATA_DIR", str(tmp_path / "dd"))
    assert Journal().path == tmp_path / "dd" / "journal.jsonl" and paths.data_dir().is_dir()


def test_each_record_is_one_fsynced_json_line_with_the_contract_fields(monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(jmod.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    j = Journal()
    run = fill_run(j)
    lines = j.path.read_bytes().split(b"\n")
    assert lines[-1] == b"" and len(lines) - 1 == len(synced) == 12
    recs = [json.loads(x) for x in lines[:-1]]
    assert all(set(r) >= {"v", "run", "seq", "time", "event"} and r["v"] == 1 and r["run"] == run for r in recs)
    assert [r["seq"] for r in recs] == list(range(12))
    assert recs[0]["event"] == "run-start" and recs[0]["plan_id"] == "p1" and recs[0]["dry_run"] is False
    assert recs[0]["source"] == "disk" and recs[0]["permanent"] is False
    assert recs[1] == {**recs[1], "event": "intent", "action": action("a1")}
    assert oct(os.stat(j.path).st_mode & 0o777) == "0o600"


def test_run_totals_split_by_category_root_and_source_and_net_of_undo_and_empty():
    j = Journal()
    run = fill_run(j)
    j.write(run, "restored", action_id="a1", path="/r/a1")
    j.write(run, "emptied", action_id="a2", freed=8192)
    t = jmod.run_totals(run)
    assert t["counts"] == {"intent": 5, "done": 4, "skipped": 1, "failed": 0, "refused": 0, "restored": 1, "emptied": 1,
                           "missing": 0, "pending": 0}
    assert t["moved_to_trash"] == {"bytes": 4096 + 8192 + 100, "count": 3}
    assert t["trashed"] == {"bytes": 100, "count": 1}  # still in the trash: a3 only
    assert t["restored"] == {"bytes": 4096, "count": 1}
    assert t["freed"] == {"bytes": 8192 + 500, "count": 2}  # emptied + permanent delete
    assert t["deleted"] == {"bytes": 500, "count": 1}
    assert t["by_category"]["temp"]["freed"] == {"bytes": 8192, "count": 1}
    assert t["by_category"]["duplicates"]["trashed"] == {"bytes": 100, "count": 1}
    assert t["by_root"]["/s"]["trashed"]["bytes"] == 100 and t["by_root"]["/r"]["source"] == "disk"
    assert t["by_source"]["disk"]["freed"]["bytes"] == 8692
    assert t["disk_usage_before"] == {"/r": {"total": 10, "used": 5, "free": 5}}
    assert not t["interrupted"] and t["in_trash_actions"] == ["a3"]


def test_list_runs_marks_interrupted_and_dry_runs():
    j = Journal()
    r1 = fill_run(j)
    r2 = j.start_run(plan_id="p2", dry_run=True, permanent=False, source="disk")
    j.write(r2, "intent", action=action("b1"))
    runs = jmod.list_runs()
    assert [r.run_id for r in runs] == [r1, r2]
    assert not runs[0].interrupted and runs[1].interrupted and runs[1].dry_run
    assert runs[1].totals["counts"]["pending"] == 1
    assert j.find_run(r2[:8]) == r2


def test_a_cut_last_line_is_ignored_and_the_next_record_starts_clean():
    j = Journal()
    run = fill_run(j)
    with open(j.path, "ab") as fh:
        fh.write(b'{"v":1,"run":"' + run.encode() + b'","seq":12,"event":"do')  # killed mid-write
    assert len(list(jmod.iter_records())) == 12
    j2 = Journal()
    j2.write(run, "restored", action_id="a1", path="/r/a1")
    recs = list(j2.iter_records())
    assert j2.bad_lines == 1 and recs[-1]["event"] == "restored" and recs[-1]["seq"] == 12


def test_plan_state_ignores_dry_runs_and_keeps_done():
    j = Journal()
    dry = j.start_run(plan_id="p", dry_run=True, permanent=False, source="disk")
    j.write(dry, "intent", action=action("x"))
    j.write(dry, "done", action_id="x", result={"op": "trash"})
    assert j.plan_state("p") == {}
    real = j.start_run(plan_id="p", dry_run=False, permanent=False, source="disk")
    j.write(real, "intent", action=action("x"))
    j.write(real, "intent", action=action("y"))
    state = j.plan_state("p")
    assert state["x"]["outcome"] is None and state["x"]["run"] == real
    j.write(real, "done", action_id="x", result={"op": "trash"})
    again = j.start_run(plan_id="p", dry_run=False, permanent=False, source="disk")
    j.write(again, "intent", action=action("x"))  # a later intent never hides a done
    assert j.plan_state("p")["x"]["outcome"]["event"] == "done"


def test_non_utf8_paths_round_trip():
    name = b"/r/\xff\xfe-caf\xe9.txt".decode("utf-8", "surrogateescape")
    j = Journal()
    run = j.start_run(plan_id="p", dry_run=False, permanent=False, source="disk")
    j.write(run, "intent", action=action("n", path=name))
    j.path.read_bytes().decode("ascii")  # stored as pure ASCII escapes
    rec = [r for r in j.iter_records() if r["event"] == "intent"][0]
    assert rec["action"]["path"] == name and os.fsencode(rec["action"]["path"]) == b"/r/\xff\xfe-caf\xe9.txt"

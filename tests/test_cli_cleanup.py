"""The real CLI end to end: scan -> plan -> clean -> history -> undo -> empty-trash, in
subprocesses, on real files and the real (isolated) freedesktop trash."""

import json
import os
from pathlib import Path

import pytest

from cleanup_desktop.core.run.plan import build_plan, dumps

from safe_cleanup_helpers import cli, make_scan, temp_item, write

DATA = os.urandom(40_000)
OLD = 1_577_836_800  # 2020-01-01


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "files"
    paths = {
        "orig": write(f"{root}/Documents/report.pdf", DATA, mtime=OLD),
        "copy1": write(f"{root}/Downloads/report (1).pdf", DATA, mtime=OLD + 10),
        "copy2": write(f"{root}/Desktop/old/report.pdf", DATA, mtime=OLD + 20),
        "tmp": write(f"{root}/Documents/~$draft.tmp", b"lock" * 500, mtime=OLD),
        "solo": write(f"{root}/Documents/unique.txt", b"only one" * 300, mtime=OLD),
    }
    return str(root), paths


def scan_json(tmp_path, root):
    r = cli("scan", "--json", root)
    assert r.returncode == 0, r.stderr
    f = tmp_path / "scan.json"
    f.write_text(r.stdout)
    return f, json.loads(r.stdout)


def make_plan(tmp_path, scan_file, *args, name="plan.json"):
    r = cli("plan", str(scan_file), *args)
    assert r.returncode == 0, r.stderr
    f = tmp_path / name
    f.write_text(r.stdout)
    return f, json.loads(r.stdout), r


def test_scan_plan_clean_history_undo_empty(tmp_path, tree):
    root, p = tree
    scan_file, scan = scan_json(tmp_path, root)
    assert len(scan["duplicates"]) == 1 and [t["path"] for t in scan["temp"]] == [p["tmp"]]
    plan_file, plan, r = make_plan(tmp_path, scan_file)
    assert "3 action(s)" in r.stderr and "10^9" in r.stderr
    assert sorted(a["path"] for a in plan["actions"]) == sorted([p["copy1"], p["copy2"], p["tmp"]])
    assert {a["keep"]["path"] for a in plan["actions"] if a["keep"]} == {p["orig"]}

    dry = cli("clean", str(plan_file), "--dry-run")
    assert dry.returncode == 0 and sum(x.startswith("would be trashed") for x in dry.stdout.splitlines()) == 3
    assert "Would move to the trash" in dry.stdout and "1 GB = 10^9 bytes" in dry.stdout
    assert all(os.path.exists(x) for x in p.values())

    no = cli("clean", str(plan_file), input="n\n")
    assert no.returncode == 3 and "move to the trash: 3 item(s)" in no.stderr
    assert all(os.path.exists(x) for x in p.values())

    yes = cli("clean", str(plan_file), input="y\n")
    assert yes.returncode == 0, yes.stderr
    assert sum(x.startswith("trashed ") for x in yes.stdout.splitlines()) == 3 and "Moved to the trash:" in yes.stdout
    assert not any(os.path.exists(p[k]) for k in ("copy1", "copy2", "tmp"))
    assert Path(p["orig"]).read_bytes() == DATA and os.path.exists(p["solo"])

    hist = cli("history")
    assert hist.returncode == 0 and "finished" in hist.stdout and " 3 " in hist.stdout

    undo = cli("undo")
    assert undo.returncode == 0 and undo.stdout.count("restored") == 3, undo.stdout
    assert all(Path(p[k]).read_bytes() == DATA for k in ("copy1", "copy2"))
    assert "3 restored" in cli("history").stdout

    again = cli("clean", str(plan_file), "--yes")  # undone, so the same plan may run again
    assert again.returncode == 0 and sum(x.startswith("trashed ") for x in again.stdout.splitlines()) == 3
    assert not any(os.path.exists(p[k]) for k in ("copy1", "copy2", "tmp"))
    thrice = cli("clean", str(plan_file), "--yes")  # done now: nothing is redone
    assert thrice.returncode == 0 and thrice.stdout.count("already done") == 3
    assert cli("undo").returncode == 0
    assert all(os.path.exists(x) for x in p.values())

    scan_file, _ = scan_json(tmp_path, root)
    plan_file, plan2, _ = make_plan(tmp_path, scan_file, "--duplicates", name="plan2.json")
    assert len(plan2["actions"]) == 2
    assert cli("clean", str(plan_file), "--yes").returncode == 0
    refuse = cli_in_terminal("empty-trash", answer="n\n")  # a person at a terminal is asked once more
    assert refuse.returncode == 3 and len(list(Path(os.environ["XDG_DATA_HOME"], "Trash", "files").iterdir())) == 2
    empty = cli("empty-trash")  # the command itself is the request when nobody is at a terminal
    assert empty.returncode == 0 and empty.stdout.count("emptied") >= 2 and "really freed" in empty.stdout
    assert list(Path(os.environ["XDG_DATA_HOME"], "Trash", "files").iterdir()) == []
    last = cli("history").stdout.splitlines()
    assert "2 emptied" in last[-2] and "kB" in last[-2]
    nothing = cli("undo")  # nothing left in the trash: said, not an error
    assert nothing.returncode == 0 and "nothing to do" in nothing.stdout
    assert cli("empty-trash").returncode == 0


def cli_in_terminal(*args, answer):
    """The CLI with its standard input on a pseudo-terminal, typing ``answer``."""
    import pty
    import subprocess
    import sys

    from safe_cleanup_helpers import SRC

    master, slave = pty.openpty()
    env = dict(os.environ, PYTHONPATH=SRC + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "cleanup_desktop", *args], stdin=slave,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    os.close(slave)
    os.write(master, answer.encode())
    try:
        proc.communicate(timeout=60)
    finally:
        os.close(master)
    return proc


def test_empty_trash_without_run_id_empties_every_run(tmp_path):
    root = str(tmp_path / "many")
    files = [write(f"{root}/r{i}/x{i}.tmp", DATA + bytes([i]), mtime=OLD) for i in range(2)]
    for i, f in enumerate(files):
        scan = make_scan([root], temp=[temp_item(f, root)])
        plan_file = tmp_path / f"p{i}.json"
        plan_file.write_text(dumps(build_plan(scan)))
        assert cli("clean", str(plan_file), "--yes").returncode == 0
    out = cli("empty-trash")
    assert out.returncode == 0 and out.stdout.count("emptied ") == 2, out.stdout
    assert list(Path(os.environ["XDG_DATA_HOME"], "Trash", "files").iterdir()) == []


def test_plan_flags_keep_criteria_and_stdin(tmp_path, tree):
    root, p = tree
    scan_file, _ = scan_json(tmp_path, root)
    _, dups, _ = make_plan(tmp_path, scan_file, "--duplicates")
    assert {a["category"] for a in dups["actions"]} == {"duplicates"}
    _, temps, _ = make_plan(tmp_path, scan_file, "--temp")
    assert [a["path"] for a in temps["actions"]] == [p["tmp"]]
    _, newest, _ = make_plan(tmp_path, scan_file, "--duplicates", "--keep", "newest")
    assert newest["actions"][0]["keep"]["path"] == p["copy2"]
    _, ref, _ = make_plan(tmp_path, scan_file, "--keep", f"reference:{root}/Downloads", "--keep", "oldest")
    assert {a["keep"]["path"] for a in ref["actions"] if a["keep"]} == {p["copy1"]}
    assert not any(a["path"].startswith(f"{root}/Downloads/") for a in ref["actions"])
    r = cli("plan", "-", "--keep", "most-nested", input=scan_file.read_text())
    assert r.returncode == 0 and json.loads(r.stdout)["actions"][0]["keep"]["path"] == p["copy2"]
    bad = cli("plan", str(scan_file), "--keep", "biggest")
    assert bad.returncode == 2 and "unknown keep criterion" in bad.stderr and "newest" in bad.stderr
    missing = cli("plan", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_exit_codes_failures_versus_safety_skips(tmp_path):
    root = str(tmp_path / "r")
    a = write(f"{root}/a.tmp", b"a" * 5000, mtime=OLD)
    b = write(f"{root}/b.tmp", b"b" * 5000, mtime=OLD)
    plan = build_plan(make_scan([root], temp=[temp_item(a, root), temp_item(b, root)]))
    os.utime(b, (OLD + 5, OLD + 5))  # changed after planning: a safety skip, not a failure
    pf = tmp_path / "p.json"
    pf.write_text(dumps(plan))
    r = cli("clean", str(pf), "--yes")
    assert r.returncode == 0 and "skipped" in r.stdout and "modified since the scan" in r.stdout
    assert "1 done, 1 skipped for safety, 0 failed" in r.stdout
    plan["actions"][1]["op"] = "x-unknown-op"
    pf.write_text(dumps(plan))
    r = cli("clean", str(pf), "--yes")
    assert r.returncode == 1 and "FAILED" in r.stderr and "no executor" in r.stderr
    pf.write_text("[]")
    r = cli("clean", str(pf), "--yes")
    assert r.returncode == 2 and "not a cleanup plan" in r.stderr
    r = cli("clean", "-", input=dumps(plan))
    assert r.returncode == 2 and "--yes" in r.stderr


def test_permanent_clean_reports_really_freed_space(tmp_path):
    root = str(tmp_path / "r")
    a = write(f"{root}/a.tmp", os.urandom(20_000), mtime=OLD)
    pf = tmp_path / "p.json"
    pf.write_text(dumps(build_plan(make_scan([root], temp=[temp_item(a, root)]))))
    no = cli("clean", str(pf), "--permanent", input="\n")
    assert no.returncode == 3 and "DELETE PERMANENTLY" in no.stderr and os.path.exists(a)
    r = cli("clean", str(pf), "--permanent", "--yes")
    assert r.returncode == 0 and r.stdout.startswith("deleted ") and not os.path.exists(a)
    assert "Really freed now: 20.5 kB" in r.stdout  # 5 blocks of 4096 bytes, decimal kB
    assert not Path(os.environ["XDG_DATA_HOME"], "Trash", "files").exists() or \
        list(Path(os.environ["XDG_DATA_HOME"], "Trash", "files").iterdir()) == []


def test_non_utf8_names_through_the_real_cli(tmp_path):
    base = os.fsencode(str(tmp_path / "r"))
    os.makedirs(base + b"/sub")
    names = [base + b"/caf\xe9.bin", base + b"/sub/caf\xe9 (1).bin"]
    for n in names:
        with open(n, "wb") as fh:
            fh.write(DATA)
        os.utime(n, (OLD, OLD))
    scan_file, scan = scan_json(tmp_path, os.fsdecode(base))
    plan_file, plan, _ = make_plan(tmp_path, scan_file)
    assert [os.fsencode(a["path"]) for a in plan["actions"]] == [names[1]]
    r = cli("clean", str(plan_file), "--yes")
    assert r.returncode == 0 and not os.path.exists(names[1]) and os.path.exists(names[0])
    assert cli("undo").returncode == 0
    with open(names[1], "rb") as fh:
        assert fh.read() == DATA

"""Hostile cases against the executor (issue 15): a local attacker flipping folders and links
while clean runs, hand-edited plans, symlinked roots and reference folders, concurrent scans,
a damaged journal, a full file system, control characters in names, a cut sign-in.

Real files, the real trash, the real CLI; each test fails on the code before issue 15."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

from cleanup_desktop.core import logs
from cleanup_desktop.core.disk.trash import fditems as trash
from cleanup_desktop.core.run import undo
from cleanup_desktop.core.run.execute import execute_plan
from cleanup_desktop.core.run.journal import Journal
from cleanup_desktop.core.run.plan import build_plan, dumps
from safe_cleanup_helpers import cli, dup_group, make_scan, mounted_tmpfs, temp_item, write

pytestmark = pytest.mark.skipif(not trash.FREEDESKTOP, reason="freedesktop trash (Linux)")

OLD = 1_500_000_000


def _tree_state(folder: str) -> dict:
    """Every file below ``folder``: (inode, content)."""
    out = {}
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            p = os.path.join(dirpath, name)
            with open(p, "rb") as fh:
                out[p] = (os.lstat(p).st_ino, fh.read())
    return out


def _trash_items() -> list[str]:
    files = os.path.join(os.fsdecode(trash.home_trash()), "files")
    return sorted(os.listdir(files)) if os.path.isdir(files) else []


# ---------------------------------------------------------------- 1. the symlink race


class Flipper(threading.Thread):
    """The attacker: swaps ``folder`` for a symbolic link to ``target`` and back, again and again."""

    def __init__(self, folder: str, target: str) -> None:
        super().__init__(daemon=True)
        self.folder, self.target, self.aside = folder, target, folder + ".real"
        self.stop = threading.Event()
        self.flips = 0

    def run(self) -> None:
        while not self.stop.is_set():
            try:
                os.rename(self.folder, self.aside)
                os.symlink(self.target, self.folder)
                os.unlink(self.folder)
                os.rename(self.aside, self.folder)
                self.flips += 1
            except OSError:
                pass

    def finish(self) -> None:
        self.stop.set()
        self.join()
        if os.path.islink(self.folder):
            os.unlink(self.folder)
        if os.path.isdir(self.aside) and not os.path.exists(self.folder):
            os.rename(self.aside, self.folder)


def test_symlink_race_during_clean_and_undo_touches_nothing_outside_the_roots(tmp_path):
    root, outside = str(tmp_path / "scanned"), str(tmp_path / "victim")
    n = 300
    groups = []
    for i in range(n):
        data = os.urandom(2048) + bytes([i % 256])
        a = write(f"{root}/keep/f{i:03d}.bin", data)
        b = write(f"{root}/subfolder/f{i:03d}.bin", data)
        write(f"{outside}/f{i:03d}.bin", data)  # the same names and content behind the link
        groups.append(dup_group([a, b], root))
    plan = build_plan(make_scan([root], duplicates=groups), keep=["shortest-path"])
    assert all("/subfolder/" in a["path"] for a in plan["actions"]) and len(plan["actions"]) == n
    victim_before = _tree_state(outside)

    flips = rounds = 0
    while flips < 2000 and rounds < 30:  # thousands of swaps while clean runs (several runs if the machine is slow)
        if rounds:
            assert all(o.status == "restored" for o in undo.undo_run(report.run_id, Journal()))
        flipper = Flipper(f"{root}/subfolder", outside)
        flipper.start()
        try:
            report = execute_plan(plan)
        finally:
            flipper.finish()
        flips += flipper.flips
        rounds += 1
        assert _tree_state(outside) == victim_before  # zero files outside the roots touched
        done = [o for o in report.outcomes if o.status == "done"]
        assert all(o.status in ("done", "skipped") for o in report.outcomes), \
            [o.reason for o in report.outcomes if o.status not in ("done", "skipped")][:3]
        for o in done:  # what went to the trash is exactly the planned file
            assert os.lstat(o.result["trash_path"]).st_ino == o.action["ino"]
    assert flips >= 2000, flips

    # undo while the attacker keeps flipping: never into the link's target
    flipper = Flipper(f"{root}/subfolder", outside)
    flipper.start()
    try:
        first = undo.undo_run(report.run_id, Journal())
    finally:
        flipper.finish()
    assert _tree_state(outside) == victim_before
    assert {o.status for o in first} <= {"restored", "refused"}, [o.message for o in first if o.status == "failed"][:3]
    # what was restored landed inside the scanned folder (a folder missing mid-flip may have been
    # recreated there, beside the real one): every file is in the root or still in the trash
    in_root = sum(len(files) for _d, _s, files in os.walk(root))
    assert in_root == 2 * n - sum(o.status == "refused" for o in first)


def test_undo_recreates_a_removed_folder_but_never_follows_a_replaced_ancestor(tmp_path):
    root = str(tmp_path / "r")
    data = os.urandom(5000)
    keep = write(f"{root}/a/keep.bin", data)
    gone = write(f"{root}/a/b/c/copy.bin", data)
    plan = build_plan(make_scan([root], duplicates=[dup_group([keep, gone], root)]), keep=["shortest-path"])
    report = execute_plan(plan)
    assert report.outcomes[0].status == "done"
    shutil.rmtree(f"{root}/a/b")  # the run's folder is gone: recreated from a/, the same folder
    out = undo.undo_run(report.run_id, Journal())
    assert out[0].status == "restored" and Path(gone).read_bytes() == data
    # again, but now an ancestor is replaced by another folder (another inode)
    report = execute_plan(build_plan(make_scan([root], duplicates=[dup_group([keep, gone], root)]),
                                     keep=["shortest-path"]))
    os.rename(f"{root}/a", f"{root}/a.old")
    os.makedirs(f"{root}/a/b/c")
    out = undo.undo_run(report.run_id, Journal())
    assert out[0].status == "refused" and "not the folder it came from" in out[0].message
    assert os.listdir(f"{root}/a/b/c") == []
    # replaced by a symbolic link to a folder elsewhere: nothing restored by path, reported
    elsewhere = str(tmp_path / "elsewhere")
    os.makedirs(f"{elsewhere}/b/c")
    shutil.rmtree(f"{root}/a")
    os.symlink(elsewhere, f"{root}/a")
    out = undo.undo_run(report.run_id, Journal())
    assert out[0].status == "refused" and "nothing was restored" in out[0].message
    assert os.listdir(f"{elsewhere}/b/c") == []
    # the real folder is back: the item returns
    os.unlink(f"{root}/a")
    os.rename(f"{root}/a.old", f"{root}/a")
    out = undo.undo_run(report.run_id, Journal())
    assert out[0].status == "restored" and Path(gone).read_bytes() == data


# ---------------------------------------------------------------- 2. symlinked protected root


@pytest.fixture
def system_folder():
    """A throw-away folder inside /srv (a protected system folder)."""
    try:
        os.makedirs("/srv", exist_ok=True)
        folder = tempfile.mkdtemp(prefix="cd-hostile-", dir="/srv")
    except OSError as exc:
        pytest.skip(f"cannot create a folder in /srv here: {exc}")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_symlinked_root_pointing_into_a_system_folder_is_never_scanned_nor_cleaned(tmp_path, system_folder):
    from cleanup_desktop.core.disk.scan import ScanOptions, scan

    victim = write(f"{system_folder}/cache.tmp", b"x" * 5000, mtime=OLD)
    write(f"{system_folder}/a.bin", b"y" * 5000)
    write(f"{system_folder}/b.bin", b"y" * 5000)
    link = str(tmp_path / "link-to-srv")
    os.symlink(system_folder, link)
    result = scan([link], ScanOptions(min_size=1, cache_path=str(tmp_path / "c.sqlite3"))).to_dict()
    assert result["roots"] == [system_folder]  # resolved before anything else
    assert not result["duplicates"] and not result["temp"]
    assert any("System folder" in e["error"] for e in result["errors"])
    # a scan document naming the link (written by hand, or by an older version): still refused
    fake = make_scan([link], temp=[temp_item(victim.replace(system_folder, link), link)])
    report = execute_plan(build_plan(fake))
    assert [o.status for o in report.outcomes] == ["refused"]
    assert Path(victim).exists()


# ---------------------------------------------------------------- 3. hand-edited plans


def _clean_cli(plan: dict, tmp_path, *extra, env=None):
    pf = tmp_path / f"plan-{uuid.uuid4().hex[:6]}.json"
    pf.write_text(dumps(plan))
    return cli("clean", str(pf), "--yes", *extra, env=env)


def _forged(action: dict, path: str, root: str) -> dict:
    st = os.lstat(path)
    return dict(action, path=path, root=root, dev=st.st_dev, ino=st.st_ino, size=st.st_size,
                mtime_ns=st.st_mtime_ns, allocated=st.st_blocks * 512)


@pytest.mark.parametrize("permanent", [False, True])
def test_hand_edited_plans_are_refused_and_the_rest_runs(tmp_path, system_folder, permanent):
    root, outside = str(tmp_path / "r"), str(tmp_path / "outside")
    honest = write(f"{root}/honest.tmp", b"h" * 5000, mtime=OLD)
    decoy = write(f"{root}/decoy.tmp", b"d" * 5000, mtime=OLD)
    victims = {
        "outside": write(f"{outside}/precious.tmp", b"p" * 5000, mtime=OLD),
        "system": write(f"{system_folder}/config.tmp", b"s" * 5000, mtime=OLD),
        "dotdot": write(f"{outside}/behind-dotdot.tmp", b"b" * 5000, mtime=OLD),
    }
    plan = build_plan(make_scan([root], temp=[temp_item(honest, root), temp_item(decoy, root)]))
    untouched = plan["actions"][1]["path"]
    plan["actions"][0] = _forged(plan["actions"][0], victims["outside"], root)
    dotdot = f"{root}/../outside/behind-dotdot.tmp"
    extra = [_forged(dict(plan["actions"][1], id="x-system"), victims["system"], system_folder),
             dict(_forged(dict(plan["actions"][1], id="x-dotdot"), victims["dotdot"], root), path=dotdot)]
    plan["actions"] += extra
    r = _clean_cli(plan, tmp_path, *(["--permanent"] if permanent else []))
    assert r.returncode == 4, r.stdout + r.stderr  # the new exit code: some actions refused
    assert "REFUSED" in r.stderr and "refused" in r.stdout
    assert "outside-roots" in r.stderr and "bad-path" in r.stderr
    for path in victims.values():
        assert Path(path).read_bytes()[:1] in (b"p", b"s", b"b")  # all still there
    assert not Path(untouched).exists(), r.stdout + r.stderr  # the honest action of the edited plan ran
    # refusals are journaled with their code
    refused = [rec for rec in Journal().iter_records() if rec["event"] == "refused"]
    assert {rec["code"] for rec in refused} >= {"outside-roots", "bad-path"} and len(refused) == 3


def test_a_system_folder_inside_a_scanned_root_is_refused(system_folder):
    victim = write(f"{system_folder}/leftover.tmp", b"s" * 5000, mtime=OLD)
    plan = build_plan(make_scan(["/"], temp=[temp_item(victim, "/")]))  # a scan of the whole disk
    report = execute_plan(plan, permanent=True)
    assert [(o.status, o.code) for o in report.outcomes] == [("refused", "protected")]
    assert Path(victim).exists()


def test_a_temp_action_must_still_match_its_rule_and_level(tmp_path):
    root = str(tmp_path / "r")
    doc = write(f"{root}/thesis.docx", b"t" * 5000, mtime=OLD)  # matches no temp rule
    tmp = write(f"{root}/x.tmp", b"x" * 5000, mtime=OLD)
    plan = build_plan(make_scan([root], temp=[temp_item(tmp, root)]))
    plan["actions"].append(_forged(dict(plan["actions"][0], id="x-doc"), doc, root))
    plan["actions"][0]["safety"] = "R"  # a level nobody chose
    report = execute_plan(plan)
    assert [(o.status, o.code) for o in report.outcomes] == [("refused", "temp-rule"), ("refused", "temp-rule")]
    assert Path(doc).exists() and Path(tmp).exists()


def test_a_plan_made_elsewhere_or_for_another_scan_is_refused(tmp_path):
    root = str(tmp_path / "r")
    f = write(f"{root}/x.tmp", b"x" * 5000, mtime=OLD)
    plan = build_plan(make_scan([root], temp=[temp_item(f, root)]))
    plan["plan_id"] = str(uuid.uuid4())  # no record of this id: not made here
    report = execute_plan(plan)
    assert report.outcomes[0].status == "refused" and report.outcomes[0].code == "no-record"
    plan["plan_id"] = "../../../../etc/passwd"  # the id never names a file outside the records folder
    assert execute_plan(plan).outcomes[0].code == "no-record"
    assert Path(f).exists()


class FakeImap(threading.Thread):
    """A listener that plays an IMAP server and records every byte a client sends it."""

    def __init__(self, cut_at_login: bool = False) -> None:
        super().__init__(daemon=True)
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(20)
        self.port = self.sock.getsockname()[1]
        self.received = b""
        self.cut_at_login = cut_at_login

    def run(self) -> None:
        try:
            conn, _ = self.sock.accept()
        except OSError:
            return
        with conn:
            conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
            buf = b""
            while True:
                try:
                    chunk = conn.recv(4096)
                except OSError:
                    return
                if not chunk:
                    return
                self.received += chunk
                buf += chunk
                while b"\r\n" in buf:
                    line, buf = buf.split(b"\r\n", 1)
                    tag = line.split(b" ", 1)[0]
                    if b" LOGIN " in line.upper() and self.cut_at_login:
                        conn.shutdown(socket.SHUT_RDWR)
                        return
                    if b"CAPABILITY" in line.upper():
                        conn.sendall(b"* CAPABILITY IMAP4rev1\r\n" + tag + b" OK done\r\n")
                    else:
                        conn.sendall(tag + b" NO no\r\n")

    def close(self) -> None:
        self.sock.close()


def _mail_scan(host: str, user: str, port: int) -> dict:
    copies = [{"folder": "INBOX", "uid": 1, "date": "2024-01-01T00:00:00+00:00", "flags": []},
              {"folder": "Archive", "uid": 7, "date": "2024-01-02T00:00:00+00:00", "flags": []}]
    return {"schema": "cleanup-desktop/mail-scan/1", "account": f"{user}@{host}",
            "connection": {"kind": "imap", "host": host, "user": user, "port": port, "security": "ssl"},
            "duplicates": [{"key": "<a@b>", "size": 4000, "copies": copies}],
            "large_messages": [], "attachments": [], "old": [], "senders": [],
            "folders": [{"name": "INBOX", "messages": 1, "bytes": 4000}, {"name": "Archive", "messages": 1, "bytes": 4000}]}


def test_a_forged_mail_server_or_password_variable_never_receives_a_secret(tmp_path):
    listener = FakeImap()
    listener.start()
    try:
        plan = build_plan(_mail_scan("mail.example.org", "alice", 993))
        assert plan["actions"]
        for a in plan["actions"]:  # the attacker's edit: their host, any variable as "the password"
            a["account"].update(host="127.0.0.1", port=listener.port, security="insecure-plain")
            a["credential"] = {"password_env": "CLOUD_SECRET"}
        env = dict(os.environ, CLOUD_SECRET="aws-secret-do-not-send")
        r = _clean_cli(plan, tmp_path, env=env)
        assert r.returncode == 2 and "say which account" in r.stderr, r.stdout + r.stderr
        # told to use an account: its server and user differ from the plan's -> refused, exit 4
        r = _clean_cli(plan, tmp_path, "--host", "mail.example.org", "--user", "alice", "--password-env",
                       "MAIL_PW", env=dict(env, MAIL_PW="alice-pw"))
        assert r.returncode == 4 and "mail-account" in r.stderr, r.stdout + r.stderr
        # the plan for the listener itself: the password comes from --password-env, never the plan
        plan2 = build_plan(_mail_scan("127.0.0.1", "alice", listener.port))
        for a in plan2["actions"]:
            a["credential"] = {"password_env": "CLOUD_SECRET"}
            a["account"]["security"] = "insecure-plain"
        r = _clean_cli(plan2, tmp_path, "--host", "127.0.0.1", "--user", "alice", "--password-env", "MAIL_PW",
                       env=dict(env, MAIL_PW="alice-pw"))
        time.sleep(0.2)
    finally:
        listener.close()
    assert b"aws-secret-do-not-send" not in listener.received


# ---------------------------------------------------------------- 4. reference folders


def test_misspelled_reference_folder_is_an_error_and_a_symlinked_one_works_as_its_target(tmp_path):
    root = str(tmp_path / "r")
    data = os.urandom(5000)
    ref_copy = write(f"{root}/photos/img (1).jpg", data)  # the default criteria would not keep this one
    other = write(f"{root}/dl/img.jpg", data, mtime=OLD)
    scan_file = tmp_path / "scan.json"
    scan_file.write_text(json.dumps(make_scan([root], duplicates=[dup_group([ref_copy, other], root)])))
    r = cli("plan", str(scan_file), "--keep", f"reference:{root}/phtos")
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and "no such folder" in r.stderr
    link = str(tmp_path / "my-photos")
    os.symlink(f"{root}/photos", link)
    r = cli("plan", str(scan_file), "--keep", f"reference:{link}")
    assert r.returncode == 0, r.stderr
    planned = [a["path"] for a in json.loads(r.stdout)["actions"]]
    assert planned == [other]  # nothing inside the (symlinked) reference folder is planned


# ---------------------------------------------------------------- 5. concurrency and damaged state


@pytest.mark.slow  # long end-to-end: out of the fast inner loop (README)
def test_two_scans_at_once_both_succeed(tmp_path):
    env = dict(os.environ, CLEANUP_DESKTOP_CACHE_DIR=str(tmp_path / "cache"))
    roots = []
    for k in range(2):
        for i in range(400):
            data = bytes([k]) + i.to_bytes(2, "big") + os.urandom(6000)
            write(f"{tmp_path}/s{k}/d{i % 20}/f{i}.bin", data)
            write(f"{tmp_path}/s{k}/e{i % 20}/f{i}.bin", data)
        roots.append(f"{tmp_path}/s{k}")
    from safe_cleanup_helpers import SRC
    import sys

    env["PYTHONPATH"] = SRC
    for attempt in range(6):  # the lock came from an overlap of the two scans: try several times
        shutil.rmtree(tmp_path / "cache", ignore_errors=True)
        # --no-folders: d* and e* are whole duplicate folders, which would fold the 400 file groups
        procs = [subprocess.Popen([sys.executable, "-m", "cleanup_desktop", "scan", "--json", "--min-size", "1",
                                   "--no-folders", "--workers", "1", r], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for r in roots]
        outs = [p.communicate(timeout=120) for p in procs]
        for p, (out, err) in zip(procs, outs):
            assert p.returncode == 0 and b"locked" not in err, err.decode()
            assert len(json.loads(out)["duplicates"]) == 400
    # and a scan while a clean runs (the clean slowed down so that they overlap)
    scan_file = tmp_path / "scan.json"
    scan_file.write_bytes(subprocess.run([sys.executable, "-m", "cleanup_desktop", "scan", "--json", "--min-size", "1",
                                          "--no-folders", roots[0]], env=env, capture_output=True, check=True).stdout)
    plan_file = tmp_path / "plan.json"
    subprocess.run([sys.executable, "-m", "cleanup_desktop", "plan", str(scan_file), "-o", str(plan_file)], env=env,
                   check=True, capture_output=True)
    slow = dict(env, CLEANUP_DESKTOP_TEST_SLOW_ACTION="0.002")
    clean = subprocess.Popen([sys.executable, "-m", "cleanup_desktop", "clean", str(plan_file), "--yes"], env=slow,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.5)
    scans = [subprocess.run([sys.executable, "-m", "cleanup_desktop", "scan", "--json", "--min-size", "1", r],
                            env=env, capture_output=True) for r in roots]
    out, err = clean.communicate(timeout=300)
    assert clean.returncode == 0 and b"400 done" in out, (out + err).decode()
    assert all(s.returncode == 0 for s in scans), [s.stderr for s in scans]


def test_a_journal_record_of_the_wrong_shape_is_skipped_with_a_warning(tmp_path):
    root = str(tmp_path / "r")
    f = write(f"{root}/x.tmp", b"x" * 5000, mtime=OLD)
    report = execute_plan(build_plan(make_scan([root], temp=[temp_item(f, root)])))
    path = Journal().path
    lines = path.read_bytes().splitlines(keepends=True)
    bad = json.dumps({"v": 1, "run": report.run_id, "seq": 99, "event": "done", "action_id": "zz",
                      "result": ["not", "a", "dict"]}).encode() + b"\n"
    path.write_bytes(b"".join(lines[:2]) + bad + b"".join(lines[2:]))
    for args in (("history",), ("undo",)):
        r = cli(*args)
        assert r.returncode == 0, r.stderr
        assert "line 3 skipped" in r.stderr
    assert Path(f).read_bytes() == b"x" * 5000  # undo worked despite the damaged line
    r = cli("report", "--format", "json", "--out", str(tmp_path / "sheet.json"))
    assert r.returncode == 0, r.stderr


def test_empty_and_orphan_trashinfo_files_from_a_crash_are_removed_on_the_next_run(tmp_path):
    info = os.path.join(os.fsdecode(trash.home_trash()), "info")
    os.makedirs(info, exist_ok=True)
    os.makedirs(os.path.join(os.fsdecode(trash.home_trash()), "files"), exist_ok=True)
    empty, orphan, fresh = (os.path.join(info, n) for n in ("a.tmp.trashinfo", "b.tmp.trashinfo", "c.tmp.trashinfo"))
    Path(empty).write_bytes(b"")
    Path(orphan).write_text("[Trash Info]\nPath=/x/b.tmp\nDeletionDate=2020-01-01T00:00:00\n")
    Path(fresh).write_text("[Trash Info]\nPath=/x/c.tmp\nDeletionDate=2020-01-01T00:00:00\n")
    for p in (empty, orphan):
        os.utime(p, (time.time() - 3600, time.time() - 3600))
    root = str(tmp_path / "r")
    f = write(f"{root}/x.tmp", b"x" * 5000, mtime=OLD)
    execute_plan(build_plan(make_scan([root], temp=[temp_item(f, root)])))
    assert not os.path.exists(empty) and not os.path.exists(orphan)
    assert os.path.exists(fresh)  # maybe another program's move in progress: left alone


def test_full_file_system_during_a_trash_move_never_leaves_a_partial_copy(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANUP_DESKTOP_DATA_DIR", str(tmp_path / "data"))  # journal and plan records
    with mounted_tmpfs("cd-home-", "size=32m") as home, mounted_tmpfs("cd-data-", "size=1m") as data_home:
        # the home folder and the file on one file system, XDG_DATA_HOME (the home trash) on another,
        # almost full: a copy into the home trash could only be cut short
        monkeypatch.setenv("HOME", home)
        monkeypatch.setenv("XDG_DATA_HOME", data_home)
        filler = os.path.join(data_home, "filler")
        with open(filler, "wb") as fh:
            try:
                fh.write(b"\0" * (1 << 20))
            except OSError:
                pass
        big = write(f"{home}/docs/video.tmp", os.urandom(4 << 20), mtime=OLD)
        plan = build_plan(make_scan([f"{home}/docs"], temp=[temp_item(big, f"{home}/docs")]))
        report = execute_plan(plan)
        o = report.outcomes[0]
        assert o.status == "done", o.reason
        moved = o.result["trash_path"]
        assert moved.startswith(home) and os.path.getsize(moved) == 4 << 20  # its own drive's trash
        assert not os.path.exists(os.path.join(data_home, "Trash", "files", "video.tmp"))
        # now the file's own drive is full: the .trashinfo cannot be written -> clear failure,
        # the file stays, and no empty .trashinfo is left behind
        undo.undo_run(report.run_id, Journal())
        with open(f"{home}/fill", "wb") as fh:
            try:
                while True:
                    fh.write(b"\0" * (1 << 16))
                    fh.flush()
            except OSError:
                pass
        plan = build_plan(make_scan([f"{home}/docs"], temp=[temp_item(big, f"{home}/docs")]))
        o = execute_plan(plan).outcomes[0]
        assert o.status == "failed" and "no space" in o.reason and "left in place" in o.reason
        assert os.path.getsize(big) == 4 << 20
        infos = [n for t in (f"{home}/.Trash-{os.getuid()}",) for n in os.listdir(f"{t}/info")]
        assert infos == []


# ---------------------------------------------------------------- 6. output hygiene


def test_control_characters_in_names_are_escaped_for_people_and_exact_in_json(tmp_path):
    root = str(tmp_path / "r")
    evil = "evil\x1b[2J\x1b[Hdone  /etc/passwd\nREFUSED x\u202e.tmp"
    f = write(f"{root}/{evil}", b"x" * 5000, mtime=OLD)
    plan = build_plan(make_scan([root], temp=[temp_item(f, root)]))
    pf = tmp_path / "plan.json"
    pf.write_text(dumps(plan))
    assert json.loads(pf.read_text())["actions"][0]["path"] == f  # JSON keeps the exact name
    r = cli("clean", str(pf), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "\x1b" not in r.stdout and "\u202e" not in r.stdout
    assert "\\x1b[2J" in r.stdout and "\\x0aREFUSED" in r.stdout and "\\u202e" in r.stdout
    assert not any(line.startswith("REFUSED") for line in r.stdout.splitlines())
    r = cli("scan", root)
    assert "\x1b" not in r.stdout
    log = logs.setup_logging(tmp_path / "logs")
    import logging

    logging.getLogger("cleanup_desktop.test").warning("cannot read %s", f)
    for h in logging.getLogger().handlers:
        h.flush()
    text = log.read_text()
    assert "\x1b" not in text and "\\x0aREFUSED" in text


def test_a_cut_during_sign_in_is_a_network_error_not_a_wrong_password(tmp_path):
    listener = FakeImap(cut_at_login=True)
    listener.start()
    try:
        r = cli("mail-scan", "--host", "127.0.0.1", "--port", str(listener.port), "--security", "insecure-plain",
                "--user", "alice", "--password-env", "PW", env=dict(os.environ, PW="pw"))
    finally:
        listener.close()
    assert r.returncode == 3, r.stderr
    assert "connection" in r.stderr and "lost during sign-in" in r.stderr
    assert "wrong user name or password" not in r.stderr


def test_log_redaction_covers_a_whole_password_with_spaces(tmp_path):
    import logging

    from cleanup_desktop.core.mail.sources.imap import Credentials

    secret = "correct horse battery staple"
    Credentials(password=secret)
    log = logs.setup_logging(tmp_path / "logs")
    lg = logging.getLogger("cleanup_desktop.test")
    lg.warning('> a001 LOGIN alice "%s"', secret)
    lg.warning("login failed with password=%s", secret)
    lg.warning("details: %r", {"user": "alice", "pw": secret})
    for h in logging.getLogger().handlers:
        h.flush()
    text = log.read_text()
    for word in ("horse", "battery", "staple"):
        assert word not in text, text

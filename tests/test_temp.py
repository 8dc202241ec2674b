"""The temp matcher on real trees and pure paths, and finalize on real files and processes."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleanup_desktop.core.disk import temp as T
from cleanup_desktop.core.disk.rules import load_rules
from cleanup_desktop.core.disk.temp import TempMatcher, finalize_temp, running_apps

DAY = 86400
NON_UTF8 = os.fsdecode(b"caf\xe9 \xff")  # a Latin-1 name: surrogate-escaped in str form


def walk_rules(matcher: TempMatcher, root: Path) -> dict[str, str | None]:
    """What the scan's walker does: dir_rule once per folder with the parent's rule,
    file_rule once per file. Returns {path relative to root: rule id or None}."""
    found: dict[str, str | None] = {}

    def visit(path: str, parent_rule) -> None:
        rule = matcher.dir_rule(path, parent_rule)
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    visit(entry.path, rule)
                elif entry.is_file(follow_symlinks=False):
                    hit = matcher.file_rule(entry.name, rule)
                    found[os.path.relpath(entry.path, root)] = hit.id if hit else None

    visit(str(root), None)
    return found


def touch(path: Path, data: bytes = b"x", age_hours: float = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if age_hours:
        t = time.time() - age_hours * 3600
        os.utime(path, (t, t))
    return path


HOME_TREE = {
    ".cache/google-chrome/Default/Cache/data_1": "browser-chrome",
    ".cache/google-chrome/Default/Cache/My Page 2.html": "browser-chrome",
    ".cache/pip/http/abc": "other-caches",
    ".cache/pip/leftover.tmp": "other-caches",  # the location rule wins over the name rule
    f".cache/{NON_UTF8}/blob": "other-caches",
    ".cache/pypoetry/virtualenvs/proj-py3.11/bin/python": None,  # keep-list: a venv
    ".cache/pypoetry/cache/wheel.whl": "other-caches",
    ".cache/sessions/xfce4-session-host:0": None,  # keep-list: desktop session
    ".cache/motd.legal-displayed": None,  # keep_names
    ".cache/thumbnails/normal/0a1b.png": "thumbnails",
    ".cache/mozilla/firefox/abc.default/cache2/entries/E1": "browser-firefox",
    ".config/google-chrome/Profile 1/GPUCache/data_0": "browser-chrome",
    ".config/google-chrome/Profile 1/Cookies": None,  # never cookies
    ".config/google-chrome/Local State": None,
    "Documents/report.docx": None,
    "Documents/~$report.docx": "office-owner-files",
    "Documents/.~lock.budget.ods#": "office-owner-files",
    "Documents/film 2024.mkv.part": "leftovers",
    "Documents/photo.jpg.crdownload": "leftovers",
    "Documents/Thumbs.db": "leftovers",
    "Documents/sub/THUMBS.DB": "leftovers",
    "Documents/desktop.ini": "windows-folder-files",
    "Documents/.DS_Store": "macos-finder-files",
    "Documents/core": "core-dumps",
    "Documents/core.4242": "core-dumps",
    "Documents/core.txt": None,
    f"Documents/{NON_UTF8}.tmp": "leftovers",
    "Documents/old mail.pst": "outlook-pst",
    "Documents/notes.txt": None,
}


@pytest.fixture
def home_tree(tmp_path):
    home = tmp_path / "home"
    for rel in HOME_TREE:
        touch(home / rel)
    return home


def linux_matcher(home: Path, roots: list, **env) -> TempMatcher:
    return TempMatcher(load_rules("linux"), [str(r) for r in roots],
                       env={"HOME": str(home), "UID": "1000", **env}, os_name="linux")


def test_scanning_home_covers_its_caches_with_the_most_specific_rule(home_tree):
    assert walk_rules(linux_matcher(home_tree, [home_tree]), home_tree) == HOME_TREE


def test_locations_apply_only_inside_the_scan_roots(home_tree):
    docs = home_tree / "Documents"
    found = walk_rules(linux_matcher(home_tree, [docs]), docs)
    assert found["report.docx"] is None and found["film 2024.mkv.part"] == "leftovers"
    # Scanning inside a location (not the location itself) does not make it temp.
    profile = home_tree / ".cache" / "google-chrome" / "Default"
    assert set(walk_rules(linux_matcher(home_tree, [profile]), profile).values()) == {None}
    chrome = home_tree / ".cache" / "google-chrome"
    assert set(walk_rules(linux_matcher(home_tree, [chrome]), chrome).values()) == {"browser-chrome"}
    cache = home_tree / ".cache"
    found = walk_rules(linux_matcher(home_tree, [docs, cache]), cache)
    assert found["pip/http/abc"] == "other-caches" and found["pypoetry/virtualenvs/proj-py3.11/bin/python"] is None


def test_scanning_a_project_inside_tmp_is_not_user_temp(tmp_path):
    tmpdir = tmp_path / "T"
    touch(tmpdir / "project" / "main.c")
    touch(tmpdir / "project" / "build.log")
    touch(tmpdir / "stray.bin")
    touch(tmpdir / "krb5cc_1000")
    touch(tmpdir / "tmux-1000" / "default")
    m = linux_matcher(tmp_path, [tmpdir / "project"], TMPDIR=str(tmpdir))
    assert set(walk_rules(m, tmpdir / "project").values()) == {None}
    m = linux_matcher(tmp_path, [tmpdir], TMPDIR=str(tmpdir))
    assert walk_rules(m, tmpdir) == {"project/main.c": "user-temp", "project/build.log": "user-temp",
                                     "stray.bin": "user-temp", "krb5cc_1000": None, "tmux-1000/default": None}
    # The same with the real /tmp, as pure paths.
    rules = load_rules("linux")
    assert TempMatcher(rules, ["/tmp/project"], env={}, os_name="linux").dir_rule("/tmp/project", None) is None
    whole = TempMatcher(rules, ["/"], env={}, os_name="linux")
    tmp_rule = whole.dir_rule("/tmp", None)
    assert tmp_rule.id == "user-temp" and whole.dir_rule("/var/tmp", None).id == "user-temp"
    assert whole.dir_rule("/tmp/.X11-unix", tmp_rule) is None
    assert whole.dir_rule("/tmp/project", tmp_rule) is tmp_rule


WIN_ENV = {
    "USERPROFILE": "C:\\Users\\Zoé",
    "LOCALAPPDATA": "C:\\Users\\Zoé\\AppData\\Local",
    "APPDATA": "C:\\Users\\Zoé\\AppData\\Roaming",
    "TEMP": "C:\\Users\\Zoé\\AppData\\Local\\Temp",
    "WINDIR": "C:\\Windows",
    "CLEANUP_MOUNTS": "C:\\;D:\\",
}


def test_windows_matcher_on_pure_paths():
    rules = {r.id: r for r in load_rules("windows")}
    m = TempMatcher(list(rules.values()), ["C:\\Users\\Zoé"], env=WIN_ENV, os_name="windows")
    local = "C:\\Users\\Zoé\\AppData\\Local"
    temp_rule = m.dir_rule("c:/users/ZOÉ/appdata/local/temp", None)  # case and slashes ignored
    assert temp_rule is rules["user-temp"]
    assert m.dir_rule(local + "\\Temp\\Low", temp_rule) is None  # keep: Low, at the top only
    assert m.dir_rule(local + "\\Temp\\setup\\Low", temp_rule) is temp_rule
    teams = local + "\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams"
    t = m.dir_rule(teams, None)
    assert t is rules["teams-new"]
    assert m.dir_rule(teams + "\\Backgrounds", t) is t
    assert m.dir_rule(teams + "\\Backgrounds\\Uploads", t) is None
    assert m.dir_rule("C:\\Users\\Zoé\\AppData\\Roaming\\Microsoft\\Teams\\Service Worker\\CacheStorage", None) \
        is rules["teams-classic"]
    assert m.dir_rule("C:\\Users\\Zoé\\AppData\\Roaming\\Microsoft\\Teams", None) is None
    chrome = local + "\\Google\\Chrome\\User Data"
    assert m.dir_rule(chrome + "\\Profile 2\\Code Cache", None) is rules["browser-chrome"]
    assert m.dir_rule(chrome + "\\Profile 2", None) is None
    assert m.dir_rule(local + "\\Mozilla\\Firefox\\Profiles\\x1y2.default-release\\cache2", None) \
        is rules["browser-firefox"]
    explorer = m.dir_rule(local + "\\Microsoft\\Windows\\Explorer", None)
    assert m.file_rule("thumbcache_256.db", explorer) is rules["thumbnails"]
    assert m.file_rule("iconcache_16.db", explorer) is None
    assert m.file_rule("setup.TMP", explorer) is rules["leftovers"]
    outlook = m.dir_rule(local + "\\Microsoft\\Outlook", None)
    assert m.file_rule("zoe@example.org.ost", outlook) is rules["outlook-ost"]
    assert m.file_rule("Archive 2019.PST", outlook) is rules["outlook-pst"]
    assert m.file_rule("desktop.ini", None) is None  # functional on Windows
    assert m.file_rule(".DS_Store", None) is rules["macos-finder-files"]
    # The system temp folder and the D: recycle bin are not under this root...
    assert m.dir_rule("C:\\Windows\\Temp", None) is None
    whole = TempMatcher(list(rules.values()), ["C:\\", "D:\\"], env=WIN_ENV, os_name="windows")
    assert whole.dir_rule("C:\\Windows\\Temp", None) is rules["system-temp"]
    assert whole.dir_rule("D:\\$RECYCLE.BIN", None) is rules["recycle-bin"]
    assert TempMatcher(list(rules.values()), ["D:\\"], env=WIN_ENV, os_name="windows").dir_rule(
        local + "\\Temp", None) is None


def test_macos_matcher_on_pure_paths():
    rules = {r.id: r for r in load_rules("macos")}
    env = {"HOME": "/Users/zoe", "TMPDIR": "/var/folders/x1/abc/T/", "UID": "501"}
    m = TempMatcher(list(rules.values()), ["/private/var/folders", "/Users/zoe"], env=env, os_name="macos")
    t = m.dir_rule("/private/var/folders/x1/abc/T", None)
    assert t is rules["user-temp"]
    assert m.dir_rule("/private/var/folders/x1/abc/T/TemporaryItems", t) is None
    caches = m.dir_rule("/Users/Zoe/library/Caches", None)  # APFS ignores case
    assert caches is rules["other-caches"]
    assert m.dir_rule("/Users/zoe/Library/Caches/com.apple.Safari", caches) is rules["browser-safari"]
    assert m.dir_rule("/Users/zoe/Library/Caches/com.apple.akd", caches) is None
    assert m.dir_rule("/Users/zoe/Library/Caches/com.spotify.client", caches) is caches
    assert m.dir_rule("/Users/zoe/Library/Caches/Google/Chrome/Default/Cache", None) is None  # parent not entered
    assert m.file_rule("desktop.ini", None) is rules["windows-folder-files"]
    assert m.file_rule(".DS_Store", None) is None


def test_file_rule_on_odd_names_with_and_without_a_location():
    m = TempMatcher(load_rules("linux"), ["/home/z"], env={"HOME": "/home/z"}, os_name="linux")
    assert m.file_rule(NON_UTF8 + ".part", None).id == "leftovers"
    assert m.file_rule("a\nb.tmp", None).id == "leftovers"  # newline in a name
    assert m.file_rule("~$.docx", None).id == "office-owner-files"
    assert m.file_rule("~$x.docx.bak", None) is None
    assert m.file_rule("core.", None) is None and m.file_rule("score", None) is None
    cache = m.dir_rule("/home/z/.cache", None)
    assert m.file_rule(NON_UTF8, cache) is cache
    assert m.file_rule("motd.legal-displayed", cache) is None


# ------------------------------------------------------------------ finalize

def candidate(path: Path, rule_id: str, root: Path | None = None) -> dict:
    st = os.lstat(path)
    return {"path": str(path), "size": st.st_size, "allocated": st.st_blocks * 512,
            "mtime": "", "mtime_ns": st.st_mtime_ns, "dev": st.st_dev, "ino": st.st_ino,
            "rule": rule_id, "root": str(root or path.parent)}


RULES = {r.id: r for r in load_rules("linux")}


def test_finalize_drops_recent_files_and_labels_the_rest(tmp_path):
    old = touch(tmp_path / "old.bin", age_hours=30)
    new = touch(tmp_path / "new.bin", age_hours=2)
    chrome = touch(tmp_path / "data_1", age_hours=0)  # Q rule: no minimum age
    items, notes = finalize_temp(
        [candidate(old, "other-caches"), candidate(new, "other-caches"), candidate(chrome, "browser-chrome")],
        RULES, open_paths=set())
    assert [(i["path"], i["safety"], i["label"], i["rule"]) for i in items] == [
        (str(old), "S", "Other application caches", "other-caches"),
        (str(chrome), "Q", "Google Chrome cache", "browser-chrome")]
    assert items[0]["app_running"] is False and items[0]["size"] == 1
    assert notes == [{"path": str(new), "rule": "other-caches", "code": "recent",
                      "reason": "changed too recently", "min_age_hours": 24.0}]
    # The clock is a parameter: a day later the new file is old enough.
    items, notes = finalize_temp([candidate(new, "other-caches")], RULES, now=time.time() + DAY, open_paths=set())
    assert [i["path"] for i in items] == [str(new)] and notes == []


def test_finalize_reports_gone_unknown_and_not_regular(tmp_path):
    gone = touch(tmp_path / "gone.tmp", age_hours=48)
    cand = candidate(gone, "leftovers")
    gone.unlink()
    link = tmp_path / "link.tmp"
    link.symlink_to(tmp_path)
    items, notes = finalize_temp(
        [cand, {**cand, "path": str(tmp_path / "x"), "rule": "no-such-rule"}, {**cand, "path": str(link)}],
        RULES, open_paths=set())
    assert items == []
    assert [n["code"] for n in notes] == ["gone", "unknown-rule", "not-a-file"]


def test_finalize_never_proposes_r_and_n_files_and_sums_them(tmp_path):
    a = touch(tmp_path / "mail" / "2019.pst", b"a" * 1000, age_hours=100)
    b = touch(tmp_path / "mail" / "2020.pst", b"b" * 3000, age_hours=100)
    ost = touch(tmp_path / "zoe.ost", b"c" * 10, age_hours=100)
    win = {r.id: r for r in load_rules("windows")}
    items, notes = finalize_temp([candidate(a, "outlook-pst"), candidate(b, "outlook-pst"),
                                  candidate(ost, "outlook-ost")], win, open_paths=set())
    assert items == []
    pst, never = notes
    assert pst["code"] == "user-data" and pst["safety"] == "R" and pst["count"] == 2
    assert pst["size"] == 4000 and pst["path"] == str(tmp_path / "mail")
    assert never["code"] == "never" and never["rule"] == "outlook-ost" and never["path"] == str(ost)


def test_finalize_skips_files_of_other_users_where_the_rule_says_so(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("giving a file to another user needs root (CI runs as root)")
    mine = touch(tmp_path / "mine", age_hours=48)
    theirs = touch(tmp_path / "theirs", age_hours=48)
    os.chown(theirs, 65534, 65534)
    items, notes = finalize_temp([candidate(mine, "user-temp"), candidate(theirs, "user-temp"),
                                  candidate(theirs, "other-caches")], RULES, open_paths=set())
    assert [i["path"] for i in items] == [str(mine), str(theirs)]  # other-caches has no owner check
    assert [(n["path"], n["code"]) for n in notes] == [(str(theirs), "not-owner")]


def elf_header(e_type: int) -> bytes:
    return b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8) + e_type.to_bytes(2, "little") + bytes(46)


def test_finalize_checks_core_dumps_by_content(tmp_path):
    real = touch(tmp_path / "a" / "core", elf_header(4) + bytes(100), age_hours=2)
    fake = touch(tmp_path / "b" / "core", b"core: the heart of the project\n", age_hours=2)
    exe = tmp_path / "c" / "core.123"
    exe.parent.mkdir()
    shutil.copyfile("/bin/sleep", exe)
    os.utime(exe, (time.time() - 7200,) * 2)
    items, notes = finalize_temp([candidate(p, "core-dumps") for p in (real, fake, exe)], RULES, open_paths=set())
    assert [i["path"] for i in items] == [str(real)]
    assert [(n["path"], n["code"]) for n in notes] == [(str(fake), "not-core-dump"), (str(exe), "not-core-dump")]
    assert T.is_core_dump(str(touch(tmp_path / "x.dmp", b"MDMP\x93\xa7" + bytes(30))))
    assert T.is_core_dump(str(touch(tmp_path / "core.9", b"\xcf\xfa\xed\xfe" + bytes(8) + (4).to_bytes(4, "little"))))
    assert not T.is_core_dump(str(tmp_path / "missing"))


def _start(args: list[str]) -> subprocess.Popen:
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    return proc


def _stop(proc: subprocess.Popen) -> None:
    proc.kill()
    proc.wait(timeout=30)


HOLD_OPEN = "import sys, time\nf = open(sys.argv[1], 'rb')\nprint('ready', flush=True)\ntime.sleep(120)\n"
HOLD_MAPPED = ("import mmap, sys, time\nwith open(sys.argv[1], 'rb') as f:\n"
               "    m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)\n"
               "print('ready', flush=True)\ntime.sleep(120)\n")


def test_finalize_skips_a_file_a_running_process_holds_open(tmp_path):
    held = touch(tmp_path / "real" / "held.tmp", b"data", age_hours=48)
    free = touch(tmp_path / "real" / "free.tmp", b"data", age_hours=48)
    (tmp_path / "via").symlink_to(tmp_path / "real")
    proc = _start([sys.executable, "-c", HOLD_OPEN, str(held)])
    try:
        assert proc.stdout.readline().strip() == "ready"
        assert str(held) in T.open_file_paths()
        # Also when the scan reached the file through a symlinked folder.
        via = {**candidate(held, "leftovers"), "path": str(tmp_path / "via" / "held.tmp")}
        items, notes = finalize_temp([candidate(held, "leftovers"), via, candidate(free, "leftovers")], RULES)
        assert [i["path"] for i in items] == [str(free)]
        assert [(n["path"], n["code"], n["reason"]) for n in notes] == [
            (str(held), "open", "open by a running program"),
            (str(tmp_path / "via" / "held.tmp"), "open", "open by a running program")]
    finally:
        _stop(proc)
    items, notes = finalize_temp([candidate(held, "leftovers")], RULES)
    assert [i["path"] for i in items] == [str(held)] and notes == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/<pid>/maps")
def test_finalize_skips_a_file_a_running_process_has_mapped(tmp_path):
    mapped = touch(tmp_path / "lib.so.tmp", b"\0" * 4096, age_hours=48)
    proc = _start([sys.executable, "-c", HOLD_MAPPED, str(mapped)])
    try:
        assert proc.stdout.readline().strip() == "ready"
        items, notes = finalize_temp([candidate(mapped, "leftovers")], RULES)
        assert items == [] and notes[0]["code"] == "open"
    finally:
        _stop(proc)


def _rules_with(tmp_path: Path, rule_id: str, safety: str, processes: list[str], extra: str = "") -> dict:
    folder = tmp_path / "rules" / "linux"
    folder.mkdir(parents=True, exist_ok=True)
    names = ", ".join(f'"{p}"' for p in processes)
    (folder / f"{rule_id}.toml").write_text(
        f'id = "{rule_id}"\nlabel = "Test app cache"\ndescription = "d"\nlabel_fr = "Cache"\n'
        f'description_fr = "d"\nsafety = "{safety}"\npaths = ["{{HOME}}/.cache/app"]\n'
        f"processes = [{names}]\n{extra}", encoding="utf-8")
    return {r.id: r for r in load_rules("linux", rules_dir=tmp_path / "rules")}


def test_q_rule_items_say_whether_their_app_runs(tmp_path):
    name = "cdq" + secrets.token_hex(4)  # 11 characters: the kernel keeps 15
    fake_app = tmp_path / "bin" / name
    fake_app.parent.mkdir()
    shutil.copy2("/bin/sleep", fake_app)
    rules = _rules_with(tmp_path, "app-cache", "Q", [name.upper() + ".exe", "other-app"])
    rules.update(_rules_with(tmp_path, "lock-files", "S", [name], "skip_if_running = true\n"))
    cache = touch(tmp_path / "cache" / "entry", age_hours=1)
    lock = touch(tmp_path / "doc" / "~$memo.docx", age_hours=1)
    assert running_apps([name, "other-app"]) == set()
    proc = subprocess.Popen([str(fake_app), "120"])
    try:
        assert running_apps([name.upper() + ".exe", "other-app"]) == {name.upper() + ".exe"}
        items, notes = finalize_temp([candidate(cache, "app-cache"), candidate(lock, "lock-files")], rules)
        assert [(i["path"], i["app_running"], i["safety"]) for i in items] == [(str(cache), True, "Q")]
        assert [(n["path"], n["code"]) for n in notes] == [(str(lock), "app-running")]
    finally:
        _stop(proc)
    items, notes = finalize_temp([candidate(cache, "app-cache"), candidate(lock, "lock-files")], rules)
    assert [(i["path"], i["app_running"]) for i in items] == [(str(cache), False), (str(lock), False)]
    assert notes == []


# ------------------------------------------------------------------ with the real scan

def test_scan_of_home_reports_temp_items_and_notes(isolated_home):
    from cleanup_desktop.core.disk.scan import ScanOptions, scan

    home = isolated_home
    thumb = touch(home / ".cache" / "thumbnails" / "normal" / "a.png", b"png" * 10, age_hours=1)
    old = touch(home / ".cache" / "someapp" / "blob", b"b" * 50, age_hours=72)
    new = touch(home / ".cache" / "someapp" / "fresh", b"f" * 50, age_hours=1)
    touch(home / ".cache" / "pypoetry" / "virtualenvs" / "v" / "lib.py", b"v", age_hours=72)
    part = touch(home / "Downloads" / "iso image.part", b"p" * 20, age_hours=72)
    touch(home / "Downloads" / "kept.iso", b"k" * 20, age_hours=72)
    result = scan([str(home)], ScanOptions(min_size=1, use_cache=False, os_name="linux")).to_dict()
    temp = {t["path"]: (t["rule"], t["safety"], t["app_running"]) for t in result["temp"]}
    assert temp == {str(thumb): ("thumbnails", "S", False), str(old): ("other-caches", "S", False),
                    str(part): ("leftovers", "S", False)}
    assert {(n["path"], n["code"]) for n in result["temp_skipped"]} == {(str(new), "recent")}

"""Cleaning rules: the shipped data, validation of bad files, per-OS path expansion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cleanup_desktop.core.disk import rules as R
from cleanup_desktop.core.disk.rules import Rule, RuleError, expand_locations, load_rules

# ------------------------------------------------------------------ the shipped rules

EXPECTED = {
    "linux": {
        "user-temp": "S", "trash": "R", "browser-chrome": "Q", "browser-chromium": "Q",
        "browser-edge": "Q", "browser-firefox": "Q", "teams": "Q", "thumbnails": "S",
        "other-caches": "S", "core-dumps": "S", "leftovers": "S", "office-owner-files": "S",
        "macos-finder-files": "S", "windows-folder-files": "S", "outlook-pst": "R",
    },
    "windows": {
        "user-temp": "S", "system-temp": "S", "recycle-bin": "R", "browser-chrome": "Q",
        "browser-edge": "Q", "browser-firefox": "Q", "teams-classic": "Q", "teams-new": "Q",
        "thumbnails": "S", "crash-dumps": "S", "outlook-ost": "N", "outlook-pst": "R",
        "leftovers": "S", "office-owner-files": "S", "macos-finder-files": "S",
    },
    "macos": {
        "user-temp": "S", "trash": "R", "browser-chrome": "Q", "browser-edge": "Q",
        "browser-firefox": "Q", "browser-safari": "Q", "teams-classic": "Q", "teams-new": "Q",
        "other-caches": "S", "core-dumps": "S", "leftovers": "S", "office-owner-files": "S",
        "windows-folder-files": "S", "outlook-pst": "R",
    },
}


@pytest.mark.parametrize("os_name", sorted(EXPECTED))
def test_every_target_of_each_os_is_shipped_with_its_safety_level(os_name):
    rules = load_rules(os_name)
    assert {r.id: r.safety for r in rules} == EXPECTED[os_name]
    for rule in rules:
        assert rule.label_fr and rule.description_fr and rule.label != rule.label_fr
        assert Path(rule.source).stem == rule.id
        if rule.safety == "Q":
            assert rule.processes, rule.id


def test_shipped_rules_details_that_matter_for_safety():
    win = {r.id: r for r in load_rules("windows")}
    assert win["teams-new"].keep == ("Backgrounds/Uploads",)
    assert win["user-temp"].keep == ("Low",) and win["user-temp"].min_age_hours == 24
    assert win["system-temp"].admin
    assert "ms-teams" in win["teams-new"].processes and "Teams" in win["teams-classic"].processes
    assert {"chrome", "msedge", "firefox"} <= {p for r in win.values() for p in r.processes}
    assert win["outlook-ost"].only_names == ("*.ost",)
    lin = {r.id: r for r in load_rules("linux")}
    assert lin["user-temp"].owner_only and lin["user-temp"].min_age_hours == 24
    assert "krb5cc_*" in lin["user-temp"].keep_names
    assert "pypoetry/virtualenvs" in lin["other-caches"].keep
    assert lin["core-dumps"].check == "core-dump"
    left = lin["leftovers"].names
    for pattern in ("*.tmp", "*.crdownload", "*.part", "Thumbs.db"):
        assert pattern in left
    office = lin["office-owner-files"]
    assert office.skip_if_running and "~$*.docx" in office.names
    # desktop.ini is functional on Windows, .DS_Store on macOS: not offered there.
    assert "windows-folder-files" not in win and "macos-finder-files" not in {r.id for r in load_rules("macos")}


def test_default_os_is_the_running_one_and_unknown_os_is_refused():
    assert [r.id for r in load_rules()] == [r.id for r in load_rules(R.current_os())]
    with pytest.raises(ValueError, match="unknown OS name 'beos'"):
        load_rules("beos")


# ------------------------------------------------------------------ expansion

WIN_ENV = {
    "USERPROFILE": "C:\\Users\\Zoé Martin",
    "LocalAppData": "C:\\Users\\Zoé Martin\\AppData\\Local",  # Windows names ignore case
    "APPDATA": "C:\\Users\\Zoé Martin\\AppData\\Roaming",
    "TEMP": "C:\\Users\\ZOÉ~1\\AppData\\Local\\Temp",
    "windir": "C:\\WINDOWS",
    "CLEANUP_MOUNTS": "C:\\;E:\\",
}


def _by_id(os_name):
    return {r.id: r for r in load_rules(os_name)}


def test_windows_expansion():
    rules = _by_id("windows")
    exp = lambda rid, env=WIN_ENV: expand_locations(rules[rid], env, "windows")  # noqa: E731
    assert exp("user-temp") == ["C:\\Users\\ZOÉ~1\\AppData\\Local\\Temp",
                                "C:\\Users\\Zoé Martin\\AppData\\Local\\Temp"]
    assert exp("system-temp") == ["C:\\WINDOWS\\Temp"]
    assert exp("recycle-bin") == ["C:\\$Recycle.Bin", "E:\\$Recycle.Bin"]
    assert exp("teams-new") == [
        "C:\\Users\\Zoé Martin\\AppData\\Local\\Packages\\MSTeams_8wekyb3d8bbwe\\LocalCache\\Microsoft\\MSTeams"]
    classic = exp("teams-classic")
    assert "C:\\Users\\Zoé Martin\\AppData\\Roaming\\Microsoft\\Teams\\Service Worker\\CacheStorage" in classic
    assert len(classic) == 7
    chrome = exp("browser-chrome")
    assert "C:\\Users\\Zoé Martin\\AppData\\Local\\Google\\Chrome\\User Data\\*\\Code Cache" in chrome
    assert "C:\\Users\\Zoé Martin\\AppData\\Local\\Google\\Chrome\\User Data\\GrShaderCache" in chrome
    assert exp("browser-firefox") == ["C:\\Users\\Zoé Martin\\AppData\\Local\\Mozilla\\Firefox\\Profiles\\*\\cache2"]
    assert exp("outlook-ost") == ["C:\\Users\\Zoé Martin\\AppData\\Local\\Microsoft\\Outlook"]
    assert exp("leftovers") == []  # a name rule has no location


def test_windows_expansion_defaults_from_the_profile_alone():
    rules = _by_id("windows")
    env = {"USERPROFILE": "D:\\Profiles\\zoe", "SystemDrive": "D:"}
    assert expand_locations(rules["user-temp"], env, "windows") == ["D:\\Profiles\\zoe\\AppData\\Local\\Temp"]
    assert expand_locations(rules["teams-classic"], env, "windows")[0] == \
        "D:\\Profiles\\zoe\\AppData\\Roaming\\Microsoft\\Teams\\Cache"
    assert expand_locations(rules["system-temp"], {}, "windows") == ["C:\\Windows\\Temp"]
    assert expand_locations(rules["recycle-bin"], env, "windows") == ["D:\\$Recycle.Bin"]
    # Nothing to say where the profile is: profile locations are left out, not guessed.
    assert expand_locations(rules["user-temp"], {}, "windows") == []


def test_macos_expansion():
    rules = _by_id("macos")
    env = {"HOME": "/Users/zoe", "TMPDIR": "/var/folders/x1/abc_123/T/", "UID": "501",
           "CLEANUP_MOUNTS": "/:/Volumes/Clé USB"}
    exp = lambda rid: expand_locations(rules[rid], env, "macos")  # noqa: E731
    assert exp("user-temp") == ["/var/folders/x1/abc_123/T", "/private/var/folders/x1/abc_123/T",
                                "/tmp", "/private/tmp"]
    assert exp("trash") == ["/Users/zoe/.Trash", "/.Trashes/501", "/Volumes/Clé USB/.Trashes/501"]
    assert exp("browser-safari") == ["/Users/zoe/Library/Caches/com.apple.Safari"]
    assert exp("other-caches") == ["/Users/zoe/Library/Caches"]
    assert exp("browser-chrome")[0] == "/Users/zoe/Library/Caches/Google/Chrome"
    assert "/Users/zoe/Library/Application Support/Google/Chrome/*/GPUCache" in exp("browser-chrome")
    assert exp("teams-new") == ["/Users/zoe/Library/Containers/com.microsoft.teams2/Data/Library/Caches"]
    assert exp("core-dumps") == ["/cores"]


def test_macos_ignores_xdg_variables():
    rule = Rule(id="x", label="x", description="x", label_fr="y", description_fr="y", safety="S",
                os="macos", paths=("{XDG_CACHE_HOME}/x", "{HOME}/Library/Caches/x"))
    env = {"HOME": "/Users/zoe", "XDG_CACHE_HOME": "/Users/zoe/.cache"}
    assert expand_locations(rule, env, "macos") == ["/Users/zoe/Library/Caches/x"]


def test_linux_expansion_defaults_overrides_uid_and_mounts():
    rules = _by_id("linux")
    env = {"HOME": "/home/zoe", "UID": "1000", "CLEANUP_MOUNTS": "/:/media/zoe/USB DISK"}
    exp = lambda rid, e=env: expand_locations(rules[rid], e, "linux")  # noqa: E731
    assert exp("user-temp") == ["/tmp", "/var/tmp"]
    assert exp("user-temp", {**env, "TMPDIR": "/run/user/1000/tmp"}) == ["/tmp", "/var/tmp", "/run/user/1000/tmp"]
    assert exp("trash") == ["/home/zoe/.local/share/Trash", "/.Trash-1000", "/media/zoe/USB DISK/.Trash-1000",
                            "/.Trash/1000", "/media/zoe/USB DISK/.Trash/1000"]
    assert exp("thumbnails") == ["/home/zoe/.cache/thumbnails", "/home/zoe/.thumbnails"]
    assert exp("browser-chrome")[:2] == ["/home/zoe/.cache/google-chrome", "/home/zoe/.config/google-chrome/*/GPUCache"]
    xdg = {**env, "XDG_CACHE_HOME": "/data/cache", "XDG_CONFIG_HOME": "/data/config", "XDG_DATA_HOME": "/data/share"}
    assert exp("other-caches", xdg) == ["/data/cache"]
    assert exp("browser-firefox", xdg)[0] == "/data/cache/mozilla"
    assert exp("trash", xdg)[0] == "/data/share/Trash"
    assert exp("teams", xdg)[0] == "/data/config/Microsoft/Microsoft Teams/Cache"


def test_variable_values_are_escaped_so_they_never_act_as_globs():
    rules = _by_id("linux")
    env = {"HOME": "/home/zoe [old]*", "UID": "1000"}
    (pattern,) = expand_locations(rules["other-caches"], env, "linux")
    assert pattern == "/home/zoe [[]old][*]/.cache"
    assert R.has_magic(pattern) is False and R.unescape(pattern) == "/home/zoe [old]*/.cache"
    assert R.has_magic(expand_locations(rules["browser-chrome"], env, "linux")[1]) is True


# ------------------------------------------------------------------ validation

GOOD = """\
id = "{id}"
label = "Test cache"
description = "A test rule."
label_fr = "Cache de test"
description_fr = "Une règle de test."
safety = "S"
paths = ["{{HOME}}/.cache/test"]
"""


def _write(base: Path, folder: str, name: str, text: str | bytes) -> Path:
    (base / folder).mkdir(parents=True, exist_ok=True)
    path = base / folder / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_custom_rules_dir_loads_os_then_common_with_os_filter(tmp_path):
    _write(tmp_path, "linux", "my-cache.toml", GOOD.format(id="my-cache"))
    _write(tmp_path, "common", "everywhere.toml", GOOD.format(id="everywhere").replace(
        'paths = ["{HOME}/.cache/test"]', 'names = ["*.bak~"]'))
    _write(tmp_path, "common", "not-linux.toml", GOOD.format(id="not-linux").replace(
        'paths = ["{HOME}/.cache/test"]', 'names = ["*.x"]\nos = ["windows"]'))
    _write(tmp_path, "linux", "README.txt", "not a rule")
    rules = load_rules("linux", rules_dir=tmp_path)
    assert [r.id for r in rules] == ["my-cache", "everywhere"]
    assert rules[0].os == "linux" and rules[1].os == "common" and rules[1].names == ("*.bak~",)
    assert [r.id for r in load_rules("windows", rules_dir=tmp_path)] == ["everywhere", "not-linux"]


BAD_CASES = [
    # (replace this, with that, expected field, expected words)
    ('safety = "S"', 'safety = "X"', "safety", "must be one of S, Q, R, N"),
    ('label_fr = "Cache de test"\n', "", "label_fr", "required"),
    ('label = "Test cache"', 'label = ""', "label", "non-empty"),
    ('label = "Test cache"', "label = 3", "label", "string"),
    ('safety = "S"', 'safety = "S"\ncolour = "red"', "colour", "unknown field"),
    ('paths = ["{HOME}/.cache/test"]', 'paths = ["{HOMEDIR}/.cache"]', "paths", "unknown variable {HOMEDIR}"),
    ('paths = ["{HOME}/.cache/test"]', 'paths = "{HOME}/.cache"', "paths", "list of non-empty strings"),
    ('paths = ["{HOME}/.cache/test"]', 'paths = [".cache/test"]', "paths", "must start with a variable"),
    ('paths = ["{HOME}/.cache/test"]', 'paths = ["{HOME}/../etc"]', "paths", "'..' is not allowed"),
    ('paths = ["{HOME}/.cache/test"]', 'paths = ["{HOME}\\\\.cache"]', "paths", "write paths with '/'"),
    ('paths = ["{HOME}/.cache/test"]', 'paths = ["{HOME}/x"]\nnames = ["*.tmp"]', "paths", "not both"),
    ('paths = ["{HOME}/.cache/test"]', "", "paths", "either 'paths'"),
    ('safety = "S"', 'safety = "Q"', "processes", "Q rules must name the processes"),
    ('safety = "S"', 'safety = "S"\nmin_age_hours = -1', "min_age_hours", ">= 0"),
    ('safety = "S"', 'safety = "S"\nmin_age_hours = true', "min_age_hours", "number"),
    ('safety = "S"', 'safety = "S"\nkeep = ["../x"]', "keep", "relative"),
    ('safety = "S"', 'safety = "S"\nowner_only = "yes"', "owner_only", "true or false"),
    ('safety = "S"', 'safety = "S"\ncheck = "virus"', "check", "core-dump"),
    ('safety = "S"', 'safety = "S"\nskip_if_running = true', "skip_if_running", "processes"),
    ('safety = "S"', 'safety = "S"\nos = ["linux"]', "os", "only rules in the common folder"),
    ('id = "bad-rule"', 'id = "Bad_Rule"', "id", "lower-case"),
    ('id = "bad-rule"', 'id = "other-name"', "id", "must equal the file name"),
]


@pytest.mark.parametrize("old,new,field,words", BAD_CASES, ids=[c[2] + ":" + c[3] for c in BAD_CASES])
def test_bad_rule_files_are_refused_naming_file_and_field(tmp_path, old, new, field, words):
    text = GOOD.format(id="bad-rule")
    assert old in text
    path = _write(tmp_path, "linux", "bad-rule.toml", text.replace(old, new, 1))
    with pytest.raises(RuleError) as err:
        load_rules("linux", rules_dir=tmp_path)
    message = str(err.value)
    assert message.startswith(str(path) + ": field '" + field + "'"), message
    assert words in message


def test_name_rules_cannot_have_location_only_fields(tmp_path):
    text = GOOD.format(id="names").replace('paths = ["{HOME}/.cache/test"]', 'names = ["*.tmp"]\nkeep = ["x"]')
    path = _write(tmp_path, "common", "names.toml", text)
    with pytest.raises(RuleError, match=f"^{path}: field 'keep': only location rules"):
        load_rules("linux", rules_dir=tmp_path)


def test_invalid_toml_and_bad_encoding_name_the_file(tmp_path):
    path = _write(tmp_path, "macos", "broken.toml", 'id = "broken"\nlabel = "unterminated\n')
    with pytest.raises(RuleError, match=f"^{path}: invalid TOML"):
        load_rules("macos", rules_dir=tmp_path)
    path.unlink()
    path = _write(tmp_path, "macos", "latin1.toml", GOOD.format(id="latin1").replace("règle", "r\xe8gle").encode("latin-1"))
    with pytest.raises(RuleError, match=f"^{path}: not UTF-8"):
        load_rules("macos", rules_dir=tmp_path)


def test_same_id_in_os_and_common_folders_is_refused(tmp_path):
    _write(tmp_path, "windows", "twice.toml", GOOD.format(id="twice"))
    common = _write(tmp_path, "common", "twice.toml", GOOD.format(id="twice"))
    with pytest.raises(RuleError, match=f"^{common}: field 'id': 'twice' is already used by .*windows"):
        load_rules("windows", rules_dir=tmp_path)


def test_missing_rules_dir_is_a_clear_error(tmp_path):
    with pytest.raises(RuleError, match="rules folder not found"):
        load_rules("linux", rules_dir=tmp_path / "nowhere")


def test_unreadable_rule_file_is_reported():
    """Root reads everything: the unreadable case runs in a child that drops to nobody."""
    if os.geteuid() != 0:
        pytest.skip("dropping privileges needs root (CI runs as root)")
    base = Path(tempfile.mkdtemp(prefix="cd-rules-"))  # not under pytest's 0700 folder
    try:
        os.chmod(base, 0o755)
        path = _write(base, "linux", "secret.toml", GOOD.format(id="secret"))
        os.chmod(base / "linux", 0o755)
        os.chmod(path, 0)
        code = (
            "import os\n"
            "from cleanup_desktop.core.disk.rules import load_rules, RuleError\n"
            "os.setgid(65534); os.setuid(65534)\n"
            "try:\n"
            f"    load_rules('linux', rules_dir={str(base)!r})\n"
            "except RuleError as e:\n"
            "    print(e)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        assert out.stdout.startswith(f"{path}: cannot read: Permission denied"), out.stdout + out.stderr
    finally:
        shutil.rmtree(base)


# ------------------------------------------------------------------ locations on this machine

def test_default_temp_locations_lists_existing_folders_of_this_machine(tmp_path):
    home = tmp_path / "home"
    (home / ".cache" / "google-chrome" / "Default").mkdir(parents=True)
    (home / ".config" / "google-chrome" / "Profile 1" / "GPUCache").mkdir(parents=True)
    (home / ".local" / "share" / "Trash").mkdir(parents=True)
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = {"HOME": str(home), "TMPDIR": str(tmpdir), "UID": "1000", "CLEANUP_MOUNTS": str(tmp_path / "none")}
    found = [(r.id, p) for r, p in R.default_temp_locations("linux", env)]
    assert ("other-caches", str(home / ".cache")) in found
    assert ("browser-chrome", str(home / ".cache" / "google-chrome")) in found
    assert ("browser-chrome", str(home / ".config" / "google-chrome" / "Profile 1" / "GPUCache")) in found
    assert ("user-temp", str(tmpdir)) in found
    assert not any(rid == "trash" for rid, _p in found)  # R: only when asked for
    reported = [(r.id, p) for r, p in R.default_temp_locations("linux", env, safety="SQRN")]
    assert ("trash", str(home / ".local" / "share" / "Trash")) in reported
    assert not any(p.startswith(str(home / ".thumbnails")) for _r, p in reported)  # does not exist


def test_temp_roots_keeps_only_outermost_folders(tmp_path):
    _write(tmp_path / "rules", "linux", "outer.toml", GOOD.format(id="outer").replace(
        '"{HOME}/.cache/test"', '"{HOME}/.cache", "{HOME}/.thumbnails"'))
    _write(tmp_path / "rules", "linux", "inner.toml", GOOD.format(id="inner").replace(
        '"{HOME}/.cache/test"', '"{HOME}/.cache/*/cache2"'))
    home = tmp_path / "home"
    (home / ".cache" / "mozilla" / "cache2").mkdir(parents=True)
    (home / ".cache" / "other" / "cache2").mkdir(parents=True)
    rules = load_rules("linux", rules_dir=tmp_path / "rules")
    env = {"HOME": str(home)}
    pairs = sorted((r.id, p) for r, p in R.default_temp_locations("linux", env, rules=rules))
    assert pairs == [("inner", str(home / ".cache" / "mozilla" / "cache2")),
                     ("inner", str(home / ".cache" / "other" / "cache2")),
                     ("outer", str(home / ".cache"))]
    assert R.temp_roots("linux", env, rules=rules) == [str(home / ".cache")]

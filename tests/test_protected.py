"""Protected system and program folders per OS, and the walk's default exclusions."""

from __future__ import annotations

import os

import platformdirs
import pytest

from cleanup_desktop.core.disk.protected import (
    default_excluded_dir_names,
    excluded_dir_paths,
    is_excluded_dir,
    is_protected,
    make_dir_excluder,
)

LINUX = [
    ("/usr/bin/python3", True), ("/usr", True), ("/etc/passwd", True), ("/boot/vmlinuz", True),
    ("/lib/x86_64-linux-gnu/libc.so.6", True), ("/lib64/ld.so", True), ("/libx32", True),
    ("/opt/google/chrome", True), ("/var/lib/dpkg", True), ("/var/log/syslog", True), ("/var", True),
    ("/snap/firefox", True), ("/srv/www", True), ("/proc/1", True), ("/sys/kernel", True),
    ("/dev/sda", True), ("/run/user/1000", True), ("/sbin/init", True), ("/bin/", True),
    ("/var/tmp", False), ("/var/tmp/big.iso", False), ("/var/tmpfoo", True),
    ("/tmp/x", False), ("/tmp", False), ("/home/zoe/Documents", False), ("/root/Downloads/a.iso", False),
    ("/root", False), ("/media/zoe/USB", False), ("/mnt/data", False), ("/", False),
    ("/usrlocal/x", False), ("/home/zoe/usr/bin", False), ("/Users/x", False),
]
MACOS = [
    ("/System/Library/CoreServices", True), ("/system/library", True), ("/Library/Caches/x", True),
    ("/Applications/Safari.app", True), ("/applications", True), ("/usr/local/bin/brew", True),
    ("/bin/zsh", True), ("/sbin", True), ("/private/etc/hosts", True), ("/etc/hosts", True),
    ("/private/var/db", True), ("/var/db", True), ("/opt/homebrew", True), ("/.fseventsd", True),
    ("/private/tmp/x", False), ("/tmp/x", False), ("/private/var/folders/x1/abc/T/y", False),
    ("/var/folders/x1/abc/T", False), ("/private/var/tmp/z", False), ("/cores/core.123", False),
    ("/Users/zoe/Library/Caches/x", False), ("/Users/zoe/Applications/x.app", False),
    ("/Volumes/USB/Library", False), ("/Users/Shared/x", False),
]
WIN_ENV = {
    "WINDIR": "C:\\Windows", "ProgramFiles": "C:\\Program Files",
    "ProgramFiles(x86)": "C:\\Program Files (x86)", "ProgramData": "C:\\ProgramData",
    "LOCALAPPDATA": "C:\\Users\\Zoé\\AppData\\Local",
}
WINDOWS = [
    ("C:\\Windows\\System32\\drivers", True), ("c:\\windows", True), ("C:/Windows/explorer.exe", True),
    ("\\\\?\\C:\\Windows\\System32", True), ("C:\\Program Files\\Microsoft Office", True),
    ("C:\\Program Files (x86)\\Steam", True), ("C:\\ProgramData\\Microsoft", True),
    ("D:\\Program Files\\Game", True), ("E:\\System Volume Information", True),
    ("C:\\pagefile.sys", True), ("C:\\Users\\Zoé\\AppData\\Local\\Programs\\Microsoft VS Code", True),
    ("c:\\users\\zoé\\appdata\\local\\microsoft\\windowsapps\\python.exe", True),
    ("C:\\Windows\\Temp", False), ("C:\\Windows\\Temp\\setup.log", False),
    ("C:\\Windows\\Templates", True),
    ("C:\\Users\\Zoé\\Documents", False), ("C:\\Users\\Zoé\\AppData\\Local\\Temp", False),
    ("C:\\Users\\Zoé\\AppData\\Local\\ProgramsData", False), ("C:\\", False), ("D:\\Photos", False),
    ("C:\\Program Files Backup\\x", False), ("\\\\server\\share\\Windows", False),
]


@pytest.mark.parametrize("path,expected", LINUX)
def test_linux_protected_paths(path, expected):
    assert is_protected(path, "linux") is expected


@pytest.mark.parametrize("path,expected", MACOS)
def test_macos_protected_paths(path, expected):
    assert is_protected(path, "macos") is expected


@pytest.mark.parametrize("path,expected", WINDOWS)
def test_windows_protected_paths(path, expected):
    assert is_protected(path, "windows", env=WIN_ENV) is expected


def test_windows_program_folders_come_from_the_environment_too():
    env = {"ProgramFiles": "E:\\Apps", "WINDIR": "F:\\WinNT"}
    assert is_protected("E:\\Apps\\Tool\\tool.exe", "windows", env=env)
    assert is_protected("F:\\WinNT\\System32", "windows", env=env)
    assert not is_protected("F:\\WinNT\\Temp\\x.log", "windows", env=env)
    assert not is_protected("E:\\Apps", "windows", env={})  # not a program folder by default


def test_running_os_default_and_unknown_os():
    assert is_protected("/usr/bin") is True and is_protected(os.environ["HOME"]) is False
    with pytest.raises(ValueError, match="unknown OS name 'amiga'"):
        is_protected("/usr", "amiga")


def test_excluded_dir_names():
    names = default_excluded_dir_names()
    assert {".git", ".hg", ".svn", ".Trash", "$RECYCLE.BIN"} <= names
    for os_name in ("linux", "macos", "windows"):
        for name in (".git", ".hg", ".svn", ".Trash", ".Trash-1000", "$RECYCLE.BIN", "$Recycle.Bin", ".Trashes"):
            assert is_excluded_dir("/x/" + name, name, os_name, env={}) is True, (os_name, name)
        for name in (".github", "git", "Trash", ".gitignore-dir", "Recycle"):
            assert is_excluded_dir("/x/" + name, name, os_name, env={}) is False, (os_name, name)


def test_excluded_paths_per_os_with_fake_environments():
    linux = {"HOME": "/home/zoe", "XDG_CACHE_HOME": "/fast/cache"}
    assert excluded_dir_paths("linux", linux) == [
        "/proc", "/sys", "/dev", "/run", "/home/zoe/.local/share/cleanup-desktop", "/fast/cache/cleanup-desktop",
        "/home/zoe/.config/cleanup-desktop", "/home/zoe/.local/state/cleanup-desktop",
        "/home/zoe/.local/share/Trash"]
    mac = {"HOME": "/Users/zoe"}
    assert excluded_dir_paths("macos", mac) == [
        "/dev", "/Users/zoe/.Trash", "/Users/zoe/Library/Application Support/cleanup-desktop",
        "/Users/zoe/Library/Caches/cleanup-desktop", "/Users/zoe/Library/Preferences/cleanup-desktop",
        "/Users/zoe/Library/Logs/cleanup-desktop"]
    win = {"userprofile": "C:\\Users\\Zoé", "CLEANUP_DESKTOP_DATA_DIR": "D:\\cd-data"}
    assert excluded_dir_paths("windows", win) == [
        "C:\\Users\\Zoé\\AppData\\Local\\cleanup-desktop", "C:\\Users\\Zoé\\AppData\\Roaming\\cleanup-desktop",
        "D:\\cd-data"]
    exclude = make_dir_excluder("windows", win)
    assert exclude("c:/users/ZOÉ/appdata/local/cleanup-desktop", "cleanup-desktop")
    assert not exclude("C:\\Users\\Zoé\\AppData\\Local\\Temp", "Temp")
    exclude = make_dir_excluder("linux", linux)
    assert exclude("/proc", "proc") and exclude("/home/zoe/.local/share/Trash", "Trash")
    assert exclude("/fast/cache/cleanup-desktop", "cleanup-desktop")
    assert not exclude("/home/zoe/.cache/cleanup-desktop", "cleanup-desktop")  # XDG_CACHE_HOME moved it
    assert not exclude("/home/zoe/proc", "proc") and not exclude("/home/zoe/Trash", "Trash")


def test_default_exclusions_follow_this_process_environment(isolated_home, monkeypatch):
    cache = platformdirs.user_cache_dir("cleanup-desktop")
    assert cache.startswith(str(isolated_home))
    assert is_excluded_dir(cache, "cleanup-desktop")
    assert is_excluded_dir(str(isolated_home / ".local" / "share" / "Trash"), "Trash")
    assert not is_excluded_dir(str(isolated_home / "Documents"), "Documents")
    monkeypatch.setenv("CLEANUP_DESKTOP_DATA_DIR", str(isolated_home / "data"))
    assert is_excluded_dir(str(isolated_home / "data"), "data")
    monkeypatch.setenv("XDG_CACHE_HOME", str(isolated_home / "elsewhere"))
    assert is_excluded_dir(str(isolated_home / "elsewhere" / "cleanup-desktop"), "cleanup-desktop")


@pytest.mark.parametrize("os_name", ["linux", "macos", "windows"])
def test_every_excluded_path_ends_with_a_name_the_fast_check_knows(os_name, monkeypatch):
    from cleanup_desktop.core.disk import protected

    env = {"HOME": "/home/zoe", "USERPROFILE": "C:\\Users\\Zoé", "XDG_DATA_HOME": "/d/share",
           "LOCALAPPDATA": "C:\\L", "APPDATA": "C:\\R"}
    paths = excluded_dir_paths(os_name, env) + excluded_dir_paths()
    assert paths
    for path in paths:
        assert protected._base_name(path) in protected.EXCLUDED_PATH_NAMES, path

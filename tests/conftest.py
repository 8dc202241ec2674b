"""Shared test setup.

Qt aborts the whole process when it has no display and no platform is chosen: default to
the offscreen platform unless a real display is set. Every test gets its own HOME and XDG
folders so that the trash, the hash cache, the journal and the keyring never touch the
developer's own.
"""

import os

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys

import pytest

from cleanup_desktop.core import compose

compose.install()  # as the faces do: the disk and mail backends in the run registry


def pytest_collection_modifyitems(config, items):
    """``windows_only`` / ``macos_only`` tests run on that OS only (the release check of
    docs/packaging.md); everywhere else they are reported as skipped."""
    here = "windows" if sys.platform == "win32" else "macos" if sys.platform == "darwin" else "linux"
    for item in items:
        for mark, os_name in (("windows_only", "windows"), ("macos_only", "macos")):
            if item.get_closest_marker(mark) and here != os_name:
                item.add_marker(pytest.mark.skip(reason=f"needs a real {os_name} machine"))


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        path = home / sub
        path.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(path))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    yield home

"""Start-up of the command line: only what a command needs is imported.

Times are measured by bench/bench_disk.py (``--phases startup``), not here; these tests guard
what makes them: the light command table agrees with the command modules, and ``--version``,
``--help`` and ``scan`` import exactly the listed modules (a new import shows up here first).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from cleanup_desktop import cli

HEAVY = ("PySide6", "shiboken6", "exchangelib", "imapclient", "msal", "openpyxl", "keyring", "requests",
         "cleanup_desktop.gui", "cleanup_desktop.render", "cleanup_desktop.core.mail", "cleanup_desktop.core.sheets",
         "cleanup_desktop.core.impact", "cleanup_desktop.core.devices")

# What `cleanup-desktop scan --json PATH` imports from this package, and nothing more.
SCAN_MODULES = {
    "cleanup_desktop", "cleanup_desktop.cli", "cleanup_desktop.cli.scan_cmd", "cleanup_desktop.cli.progress_bar",
    "cleanup_desktop.cli.common",
    "cleanup_desktop.core", "cleanup_desktop.core.run", "cleanup_desktop.core.run.accounting", "cleanup_desktop.core.fileid",
    "cleanup_desktop.core.logs", "cleanup_desktop.core.paths", "cleanup_desktop.core.progress",
    "cleanup_desktop.core.disk", "cleanup_desktop.core.disk.duplicates", "cleanup_desktop.core.disk.hashcache",
    "cleanup_desktop.core.disk.hashing", "cleanup_desktop.core.disk.protected", "cleanup_desktop.core.disk.rules",
    "cleanup_desktop.core.disk.scan", "cleanup_desktop.core.disk.temp", "cleanup_desktop.core.disk.walk",
    # empty folders and files, broken links, storage map; duplicate folders (issue 19)
    "cleanup_desktop.core.disk.folders", "cleanup_desktop.core.disk.dupfolders",
    "cleanup_desktop.core.disk.cloud", "cleanup_desktop.core.disk.syncfolders",  # online-only files told apart
    "cleanup_desktop.core.messages",  # the reason table: scan errors are codes (issue 13), no imports of its own
    # hashing on two cores (issue 20): the reading loops, the helper's protocol, the pool; the
    # cycle collector held off during the scan
    "cleanup_desktop.core.disk.readers", "cleanup_desktop.core.disk.hashhelper", "cleanup_desktop.core.disk.hashpool",
    "cleanup_desktop.core.gcpause",
}

PROBE = """
import json, sys
from cleanup_desktop.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
sys.stdout.flush()
print("\\n" + json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def run_cli(*args: str) -> tuple[int, set[str], str]:
    out = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=120)
    last = json.loads(out.stdout.strip().splitlines()[-1])
    return last["code"], set(last["modules"]), out.stdout


def ours(modules: set[str]) -> set[str]:
    return {m for m in modules if m == "cleanup_desktop" or m.startswith("cleanup_desktop.")}


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY)}


def test_light_table_matches_the_command_modules():
    """Every command of every module is in the table, in help order, with the module's help."""
    parser = cli.build_parser(full=True)
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    real = [(choice.dest, choice.help) for choice in action._choices_actions]
    assert real == [(name, text) for name, (_module, text) in cli.COMMANDS.items()]
    for module in cli.COMMAND_MODULES:
        one = cli.build_parser(only=module)
        (sub,) = [a for a in one._actions if isinstance(a, argparse._SubParsersAction)]
        assert set(sub.choices) == {n for n, (m, _t) in cli.COMMANDS.items() if m == module}


def test_version_and_help_import_no_command_module():
    for args in (["--version"], ["--help"]):
        code, modules, out = run_cli(*args)
        assert code == 0
        assert ours(modules) == {"cleanup_desktop", "cleanup_desktop.cli"}, args
        assert not heavy(modules)
        assert not {"psutil", "xxhash", "sqlite3", "platformdirs"} & modules
    assert "cleanup-desktop 0" in run_cli("--version")[2]
    help_text = run_cli("--help")[2]
    for name, (_module, text) in cli.COMMANDS.items():
        assert name in help_text and text.split()[0] in help_text


def test_scan_imports_only_the_scan_engine(tmp_path):
    (tmp_path / "a").write_bytes(b"x" * 2000)
    (tmp_path / "b").write_bytes(b"x" * 2000)
    code, modules, out = run_cli("scan", "--json", "--no-cache", str(tmp_path))
    assert code == 0 and '"duplicates": [{' in out
    assert ours(modules) == SCAN_MODULES, sorted(ours(modules) ^ SCAN_MODULES)
    assert not heavy(modules)


def test_a_command_gets_its_own_parser_even_after_options():
    code, modules, _out = run_cli("--demo", "methods", "--json")
    assert code == 0 and "cleanup_desktop.cli.methods_cmd" in modules
    assert "cleanup_desktop.cli.scan_cmd" not in modules
    code, _modules, _out = run_cli("no-such-command")
    assert code == 2


def test_scan_engine_defers_what_the_walk_does_not_need():
    """Threads and SQLite are imported when the hashing starts, not before the first file."""
    code = ("import sys\nimport cleanup_desktop.core.disk.scan\n"
            "print(sorted(m for m in ('sqlite3', 'concurrent.futures') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr

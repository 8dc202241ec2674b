"""The type check is part of the README's test command: scripts/run-tests.sh runs mypy before
pytest under ``set -e`` (a type error fails the run), and pyproject.toml keeps core/run and
core/disk under mypy's strict flags; a module left out of the check says why."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRICT_FLAGS = {"disallow_any_generics", "disallow_subclassing_any", "disallow_untyped_calls",
                "disallow_untyped_defs", "disallow_incomplete_defs", "check_untyped_defs",
                "disallow_untyped_decorators", "warn_return_any", "no_implicit_reexport", "strict_equality",
                "extra_checks"}


def test_the_test_script_type_checks_before_the_tests_and_stops_on_errors():
    script = (ROOT / "scripts" / "run-tests.sh").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in script.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    assert "set -euo pipefail" in lines
    mypy = next(i for i, ln in enumerate(lines) if re.search(r"-m mypy\b", ln))
    pytest_ = next(i for i, ln in enumerate(lines) if re.search(r"-m pytest\b", ln))
    assert mypy < pytest_
    assert not re.search(r"mypy.*(\|\||;\s*true|&& *true)", lines[mypy])  # its failure is not swallowed


def test_core_run_and_core_disk_are_strict_and_every_exclusion_gives_a_reason():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    mypy = tomllib.loads(text)["tool"]["mypy"]
    assert mypy["files"] == ["src/cleanup_desktop"]
    strict = [o for o in mypy["overrides"] if {"cleanup_desktop.core.run.*", "cleanup_desktop.core.disk.*"} <= set(o["module"])]
    assert strict and all(strict[0].get(flag) is True for flag in STRICT_FLAGS)
    for override in mypy["overrides"]:
        if override.get("ignore_errors") or override.get("ignore_missing_imports"):
            first = override["module"][0]
            at = text.index(f'"{first}"')
            block_start = text.rindex("[[tool.mypy.overrides]]", 0, at)
            comment = text[:block_start].rstrip().splitlines()[-1]
            assert comment.startswith("#"), f"{first}: no reason given above its override"
    # a module of core/run or core/disk is never excluded
    excluded = [m for o in mypy["overrides"] if o.get("ignore_errors") for m in o["module"]]
    assert not [m for m in excluded if m.startswith(("cleanup_desktop.core.run", "cleanup_desktop.core.disk."))
                and "winshell" not in m]

"""The fast inner loop (README): `pytest -m "not slow"` leaves out the packaging builds, the
benchmarks and the longest end-to-end runs; the README's test command and CI run everything."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FAST = 'QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest -q -p no:cacheprovider -m "not slow" -n 2'


FILES = ("tests/test_packaging.py", "tests/test_bench_smoke.py", "tests/mail/test_imap_clean.py",
         "tests/mail/test_mail_traps.py", "tests/mail/test_servers.py")


@functools.lru_cache(maxsize=None)
def collected(selection: str) -> frozenset[str]:
    """Test ids of FILES that ``-m selection`` keeps (one collection per selection)."""
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--collect-only",
                          "-m", selection, *FILES],
                         cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    return frozenset(line.strip() for line in out.stdout.splitlines() if "::" in line)


def test_readme_starts_with_the_two_commands_then_the_fast_loop():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.startswith("# Cleanup Desktop\n\n```bash\nbash scripts/setup.sh && .venv/bin/cleanup-desktop\n```\n"
                           "```bash\nbash scripts/run-tests.sh\n```\n")
    first_section = text.index("\n## ")
    assert 0 < text.index(FAST) < first_section


def test_the_full_commands_deselect_nothing():
    for script in ("scripts/run-tests.sh", ".ci/run"):
        body = (ROOT / script).read_text(encoding="utf-8")
        assert not re.search(r"-m\s+['\"]?not slow", body), script
    assert "slow:" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")  # the marker is declared


@pytest.mark.slow  # two pytest collections in subprocesses (~10 s each)
def test_packaging_builds_and_benchmarks_are_slow_and_config_checks_stay_fast():
    slow, fast = collected("slow"), collected("not slow")
    assert "tests/test_packaging.py::test_wheel_installs_into_a_fresh_venv_and_scans_headless" in slow
    assert "tests/test_packaging.py::test_no_wheel_without_compiled_translations" in slow
    assert {t for t in slow | fast if t.startswith("tests/test_bench_smoke.py")} <= slow
    assert "tests/test_packaging.py::test_briefcase_config_lives_in_pyproject_only" in fast


@pytest.mark.slow  # two pytest collections in subprocesses (~10 s each)
def test_a_test_on_several_servers_keeps_its_first_server_in_the_fast_loop():
    slow, fast = collected("slow"), collected("not slow")
    assert any(t.endswith("[dovecot]") for t in fast) and any(t.endswith("[cyrus]") for t in slow)
    assert any(t.endswith("[cyrus]") for t in fast)  # a test that runs on Cyrus only stays fast
    names = lambda ids: {t.split("[")[0] for t in ids}  # noqa: E731
    mail = lambda ids: {t for t in ids if t.startswith("tests/mail/")}  # noqa: E731
    assert names(mail(slow)) <= names(mail(fast))  # no mail test left the fast loop entirely

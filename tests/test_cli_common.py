"""cli/common.py: the helpers every command shares (exit codes, numbers given as arguments,
one-line errors, the yes/no question)."""

from __future__ import annotations

import argparse
import io
import math
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from cleanup_desktop.cli import common


def _outcome(parse, text):
    try:
        return "ok", parse(text)
    except argparse.ArgumentTypeError as exc:
        return "error", str(exc)


numbers_as_text = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["nan", "inf", "-inf", "1e999", " 3 ", "0x10", "1_000", "-0", "+5", "٣"]),
)


@given(text=numbers_as_text, minimum=st.integers(min_value=-5, max_value=5))
def test_a_number_argument_is_a_finite_number_at_least_the_minimum_or_one_clear_error(text, minimum):
    """Rule: the parser returns a finite number >= minimum of the asked kind, or raises
    ArgumentTypeError with one of its two messages; nothing else escapes."""
    for kind in (int, float):
        status, value = _outcome(common.number(kind, minimum, bad="bad {text!r}", low="low {value}"), text)
        if status == "ok":
            assert isinstance(value, kind) and math.isfinite(value) and value >= minimum
            assert value == kind(text)
        else:
            assert value == f"bad {text!r}" or value.startswith("low ")
            if value.startswith("low "):
                assert kind(text) < minimum


@pytest.mark.parametrize("text", ["nan", "inf", "-inf", "1e999"])
def test_not_finite_is_not_a_number(text):
    with pytest.raises(argparse.ArgumentTypeError, match="not a number"):
        common.number(float)(text)


def test_the_commands_keep_their_words_for_bad_numbers():
    """Each command's wording is unchanged by the move to one parser."""
    from cleanup_desktop.cli.history_cmd import _days
    from cleanup_desktop.cli.impact_args import non_negative_float, non_negative_int
    from cleanup_desktop.cli.scan_cmd import positive_int

    assert _outcome(positive_int, "x") == ("error", "expected a whole number of bytes, got 'x'")
    assert _outcome(positive_int, "0") == ("error", "must be at least 1, got 0")
    assert _outcome(positive_int, "12") == ("ok", 12)
    assert _outcome(_days, "soon") == ("error", "not a number of days: 'soon'")
    assert _outcome(_days, "-1") == ("error", "the number of days must be 0 or more")
    assert _outcome(_days, "nan") == ("error", "not a number of days: 'nan'")
    assert _outcome(_days, "2.5") == ("ok", 2.5)
    assert _outcome(non_negative_int, "1.5") == ("error", "not a number: '1.5'")
    assert _outcome(non_negative_float, "-2") == ("error", "must not be negative: -2")


def test_fail_prints_one_line_on_stderr_and_returns_the_code(capsys):
    assert common.fail("plan", "bad plan") == common.EXIT_ARGS
    assert common.fail("mail-scan", "server down", common.EXIT_MAIL) == common.EXIT_MAIL
    out, err = capsys.readouterr()
    assert out == "" and err == "cleanup-desktop plan: bad plan\ncleanup-desktop mail-scan: server down\n"


def test_mail_errors_are_argument_or_server_exits():
    assert common.mail_exit("args") == common.EXIT_ARGS
    assert common.mail_exit("auth") == common.EXIT_MAIL
    assert common.mail_exit("config", ("args", "config")) == common.EXIT_ARGS


@pytest.mark.parametrize("answer, yes", [("y\n", True), ("Oui\n", True), (" yes \n", True), ("\n", False),
                                         ("n\n", False), ("", False), ("yep\n", False)])
def test_confirm_takes_only_yes_for_yes(monkeypatch, capsys, answer, yes):
    monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
    assert common.confirm("Go?") is yes
    assert capsys.readouterr().err == "Go? [y/N] "


def test_commands_never_borrow_from_each_other():
    """A command module imports no other command module: what two commands share lives in
    common.py, impact_args.py (method options, kg/Go wording) or device_args.py (device
    options), and no private (_name) helper crosses a module."""
    import re
    from pathlib import Path

    import cleanup_desktop.cli as cli

    folder = Path(cli.__file__).parent
    for path in folder.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"from cleanup_desktop\.cli\.\w+_cmd import", text), path.name
        assert not re.search(r"import .*\b_[a-z]", "\n".join(
            line for line in text.splitlines() if line.startswith("from cleanup_desktop"))), path.name


def test_impact_rejects_infinite_volumes_with_the_usage_exit():
    out = subprocess.run([sys.executable, "-m", "cleanup_desktop", "impact", "--cloud-go", "inf"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 2 and "not a number: 'inf'" in out.stderr

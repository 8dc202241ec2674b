"""What every command shares: its exit codes, the parsing of numbers given as arguments, its
one-line error messages and its yes/no question.

Kept light (argparse and sys only): every command imports it, and start-up time counts
(tests/test_cli_startup.py).
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Callable, TypeVar

# Exit codes, the same for every command.
EXIT_OK = 0
EXIT_FAILED = 1     # the command ran and some items failed (each one is listed)
EXIT_ARGS = 2       # bad arguments or an unreadable input file: nothing was done
EXIT_DECLINED = 3   # the user answered no to the confirmation: nothing was done
EXIT_MAIL = 3       # the mail server could not be reached or refused the command
EXIT_REFUSED = 4    # some actions of a plan were refused (see core.run.guard); the rest ran

# How the disk commands word their sizes (clean, undo, empty-trash, history).
UNIT_NOTE = "decimal units: 1 GB = 10^9 bytes"

N = TypeVar("N", int, float)


def number(kind: Callable[[str], N], minimum: N = 0, *, bad: str = "not a number: {text!r}",
           low: str = "must not be negative: {text}") -> Callable[[str], N]:
    """An argparse ``type=``: the text as ``kind`` (int or float), at least ``minimum``.

    Rule: the parser returns a finite number >= ``minimum`` or raises ArgumentTypeError with
    ``bad`` (not a number, NaN or infinite) or ``low`` (below the minimum), both formatted
    with ``text`` (the argument as given) and, for ``low``, ``value``; nothing else escapes.
    """
    def parse(text: str) -> N:
        try:
            value = kind(text)
        except (ValueError, OverflowError):
            raise argparse.ArgumentTypeError(bad.format(text=text)) from None
        if isinstance(value, float) and not math.isfinite(value):
            raise argparse.ArgumentTypeError(bad.format(text=text))
        if value < minimum:
            raise argparse.ArgumentTypeError(low.format(text=text, value=value))
        return value
    return parse


def fail(command: str, message: str, code: int = EXIT_ARGS) -> int:
    """Print ``cleanup-desktop COMMAND: MESSAGE`` on stderr; returns ``code`` for the caller to
    return."""
    print(f"cleanup-desktop {command}: {message}", file=sys.stderr)
    return code


def mail_exit(kind: str, args_kinds: tuple[str, ...] = ("args",)) -> int:
    """The exit code for a MailError of this ``kind``: a bad argument, or the server's fault."""
    return EXIT_ARGS if kind in args_kinds else EXIT_MAIL


def confirm(question: str) -> bool:
    """Ask on stderr, read one line on stdin: only yes (y, yes, o, oui) is yes."""
    print(question + " [y/N] ", end="", flush=True, file=sys.stderr)
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes", "o", "oui")

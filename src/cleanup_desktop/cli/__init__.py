"""Command line face of Cleanup Desktop: argparse over the core engine.

Each sub-command lives in its own module exposing ``register(subparsers)``; the module adds
its parser and sets ``func`` (taking the parsed namespace, returning an exit code).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Optional, Sequence

from cleanup_desktop import __version__

# Modules under cleanup_desktop.cli that provide sub-commands, in help order.
COMMAND_MODULES: list[str] = [
    "scan_cmd",
    "mail_cmd",
    "impact_cmd",
    "methods_cmd",
    "plan_cmd",
    "clean_cmd",
    "history_cmd",
    "report_cmd",
    "devices_cmd",
    "aggregate_cmd",
]


# Which module provides a command: lets `cleanup-desktop scan ...` import only what it needs
# (start-up time counts in benchmarks and scripts). Commands not listed load every module.
COMMAND_OWNERS: dict[str, str] = {
    "scan": "scan_cmd",
    "plan": "plan_cmd",
    "clean": "clean_cmd",
    "undo": "history_cmd",
    "empty-trash": "history_cmd",
    "history": "history_cmd",
    "impact": "impact_cmd",
    "methods": "methods_cmd",
    "report": "report_cmd",
    "devices": "devices_cmd",
    "aggregate": "aggregate_cmd",
    "mail-scan": "mail_cmd",
    "mail-local": "mail_cmd",
    "mail-accounts": "mail_cmd",
}


def build_parser(only: Optional[str] = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cleanup-desktop",
        description="Digital Cleanup Day assistant: find what can go, delete it safely, measure it.",
    )
    parser.add_argument("--version", action="version", version=f"cleanup-desktop {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="open the desktop app on a generated sample folder (no command: open the app)")
    parser.add_argument("--lang", dest="app_lang", choices=("en", "fr"), default=None,
                        help="language of the desktop app for this start (default: the one chosen in its settings, "
                             "else the system's); the report and aggregate commands have their own --lang for the PDF")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only else COMMAND_MODULES:
        module = importlib.import_module(f"cleanup_desktop.cli.{name}")
        module.register(sub)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # Non-UTF-8 file names (surrogate-escaped) are written back as their original bytes.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    parser = build_parser(COMMAND_OWNERS.get(argv[0]) if argv else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        from cleanup_desktop.gui import launch  # Qt is imported only when the window opens

        return launch(demo=args.demo, lang=args.app_lang)
    log = start_log()
    log.info("command %s started", args.command)
    try:
        code = int(args.func(args) or 0)
    except KeyboardInterrupt:
        log.info("command %s interrupted", args.command)
        print("Interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`... | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as exc:
        # Never a traceback for the user: one line, and the details in the log.
        log.exception("command %s failed", args.command)
        from cleanup_desktop.core.logs import current_log_path

        where = current_log_path()
        print(f"cleanup-desktop {args.command}: error: {exc}" + (f" (details in {where})" if where else ""), file=sys.stderr)
        return 1
    log.info("command %s: exit %d", args.command, code)
    return code


def start_log():
    """The rotating log file in the user log folder (see core.logs); the command runs without
    it when the folder cannot be written."""
    import logging

    from cleanup_desktop.core import logs

    try:
        logs.setup_logging()
    except OSError as exc:
        print(f"cleanup-desktop: no log file ({exc})", file=sys.stderr)
    return logging.getLogger("cleanup_desktop.cli")

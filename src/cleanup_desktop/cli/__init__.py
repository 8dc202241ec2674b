"""Command line face of Cleanup Desktop: argparse over the core engine.

Each sub-command lives in its own module exposing ``register(subparsers)``; the module adds
its parser and sets ``func`` (taking the parsed namespace, returning an exit code).

Start-up is part of every command's time, so only what a command needs is imported: the
parser for ``--version``, ``--help`` and the GUI is built from the light table ``COMMANDS``
below (name, owning module, one-line help) without importing any command module, and a
command's own module is imported only when that command runs. tests/test_cli_startup.py
checks that the table matches the modules and guards what each path imports.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Optional, Sequence

from cleanup_desktop import __version__

# Every command, in help order: name -> (module under cleanup_desktop.cli, one-line help).
COMMANDS: dict[str, tuple[str, str]] = {
    "scan": ("scan_cmd", "scan folders for duplicates, temp/cache files and large or old files (changes nothing)"),
    "mail-scan": ("mail_cmd", "scan a mailbox over IMAP, Exchange (EWS) or Microsoft 365 (Graph); nothing is changed"),
    "mail-accounts": ("mail_cmd", "list, add or remove saved mail accounts (passwords go to the OS keyring)"),
    "mail-local": ("mail_cmd", "scan mail stored on this computer (Thunderbird, .mbox/.eml, Outlook files), read-only"),
    "impact": ("impact_cmd", "kg CO2e of what you deleted (declared Go and counts)"),
    "methods": ("methods_cmd", "list the CO2e methods and their sources"),
    "plan": ("plan_cmd", "build a cleanup plan (JSON) from a scan result"),
    "clean": ("clean_cmd", "execute a cleanup plan (to the trash by default)"),
    "undo": ("history_cmd", "put back what a run moved to the trash"),
    "empty-trash": ("history_cmd", "permanently remove from the trash exactly what a run put there"),
    "history": ("history_cmd", "list cleanup runs and what they freed"),
    "report": ("report_cmd", "write your measurement sheet (JSON, CSV, XLSX, PDF or the INR form's block)"),
    "devices": ("devices_cmd", "declare what you did with your devices (donated, repaired, protected, reused, recycled)"),
    "aggregate": ("aggregate_cmd", "add up the participants' sheets: totals, team ranking, XLSX, PDF, INR form JSON"),
}
# Modules that provide sub-commands, in help order.
COMMAND_MODULES: list[str] = list(dict.fromkeys(module for module, _help in COMMANDS.values()))
# Which module provides a command (kept for callers of the former name).
COMMAND_OWNERS: dict[str, str] = {name: module for name, (module, _help) in COMMANDS.items()}


def build_parser(only: Optional[str] = None, full: bool = False) -> argparse.ArgumentParser:
    """The parser with the real sub-parsers of module ``only`` (or of every module with
    ``full``); otherwise every command as a light entry that only names it in the help."""
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
    if only or full:
        for name in [only] if only else COMMAND_MODULES:
            module = importlib.import_module(f"cleanup_desktop.cli.{name}")
            module.register(sub)
    else:
        for name, (_module, text) in COMMANDS.items():
            sub.add_parser(name, help=text, add_help=False)
    return parser


def command_of(argv: Sequence[str]) -> Optional[str]:
    """The command named on a command line: its first argument that is neither an option nor
    the value of the app's own ``--lang`` (``cleanup-desktop --lang fr scan ...``)."""
    args = list(argv)
    for n, a in enumerate(args):
        if a.startswith("-") or (n and args[n - 1] == "--lang" and a in ("en", "fr")):
            continue
        return a
    return None


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (sys.stdout, sys.stderr):
        # Non-UTF-8 file names (surrogate-escaped) are written back as their original bytes.
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="surrogateescape")
    command = command_of(argv)
    parser = build_parser(COMMAND_OWNERS.get(command) if command else None)
    args = parser.parse_args(argv)
    if getattr(args, "command", None) and not getattr(args, "func", None):
        parser.error(f"command {args.command} could not be loaded")
    if not getattr(args, "func", None):
        from cleanup_desktop.gui.launch import launch  # Qt is imported only when the window opens

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

"""What the mail commands share (mail_cmd for IMAP and accounts, mail_exchange for Exchange and
Microsoft 365): exit codes, the error line, and one scan-and-show step over any MailSource.
Its own module so that mail_cmd and mail_exchange never import each other."""

from __future__ import annotations

import sys
from typing import Callable

from cleanup_desktop.core.mail.errors import MailError

EXIT_ARGS = 2
EXIT_MAIL = 3


def fail(code: int, message: str, command: str = "mail-scan") -> int:
    print(f"cleanup-desktop {command}: {message}", file=sys.stderr)
    return code


def fail_mail(exc: MailError, command: str = "mail-scan") -> int:
    """A MailError's exit: 2 for wrong input or settings, 3 for the mailbox."""
    return fail(EXIT_ARGS if exc.kind in ("args", "config") else EXIT_MAIL, str(exc), command)


def scan_and_show(source, folders, options, extra: dict, show: Callable[[dict], None]) -> int:
    """Scan ``source`` read-only with a progress bar, then ``show(result)``; 0, or the exit of the error."""
    from cleanup_desktop.cli.progress_bar import ProgressBar
    from cleanup_desktop.core.mail.scan import scan_mailbox

    bar = ProgressBar()
    try:
        result = scan_mailbox(source, folders, options, progress=bar, connection=extra)
    except MailError as exc:
        bar.close()
        return fail(EXIT_ARGS if exc.kind == "args" else EXIT_MAIL, str(exc))
    bar.close()
    show(result)
    return 0

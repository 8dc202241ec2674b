"""What the mail commands share (mail_cmd for IMAP and accounts, mail_exchange for Exchange and
Microsoft 365): a MailError's exit, and one scan-and-show step over any MailSource (exit codes
and the error line are cli.common's).
Its own module so that mail_cmd and mail_exchange never import each other."""

from __future__ import annotations

from typing import Callable

from cleanup_desktop.cli.common import fail, mail_exit
from cleanup_desktop.core.mail.errors import MailError


def fail_mail(exc: MailError, command: str = "mail-scan") -> int:
    """A MailError's exit: 2 for wrong input or settings, 3 for the mailbox."""
    return fail(command, str(exc), mail_exit(exc.kind, ("args", "config")))


def scan_and_show(source, folders, options, extra: dict, show: Callable[[dict], None]) -> int:
    """Scan ``source`` read-only with a progress bar, then ``show(result)``; 0, or the exit of the error."""
    from cleanup_desktop.cli.progress_bar import ProgressBar
    from cleanup_desktop.core.mail.scan import scan_mailbox

    bar = ProgressBar()
    try:
        result = scan_mailbox(source, folders, options, progress=bar, connection=extra)
    except MailError as exc:
        bar.close()
        return fail("mail-scan", str(exc), mail_exit(exc.kind))
    bar.close()
    show(result)
    return 0

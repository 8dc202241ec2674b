"""The engine's English messages reach a French user in French (gui.engine_text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cleanup_desktop import i18n_build
from cleanup_desktop.core.disk.walk import ERROR_TEXTS
from cleanup_desktop.gui import i18n
from cleanup_desktop.gui.engine_text import translated

CORE = Path(__file__).resolve().parents[2] / "src" / "cleanup_desktop" / "core"


@pytest.fixture
def french(qapp):
    i18n_build.release()
    assert i18n.install(QApplication.instance(), "fr")
    yield
    i18n.install(QApplication.instance(), "en")


def engine_messages() -> list[str]:
    """Every fixed message the disk engine can give, with sample values in its placeholders."""
    out = list(ERROR_TEXTS.values()) + ["Not a folder", "No such folder"]
    src = (CORE / "disk" / "actions.py").read_text("utf-8")
    for literal in re.findall(r'raise Skip\(f?"([^"]+)"', src):
        out.append(re.sub(r"\{[^}]*\}", "X", literal))
    return out


def test_every_engine_message_is_shown_in_french(french):
    messages = engine_messages()
    assert len(messages) > 30
    untranslated = [m for m in messages if translated(m) == m]
    assert untranslated == []


def test_details_are_put_back_and_unknown_messages_kept(french):
    assert translated("its size changed since the scan (100 -> 200 bytes)") == \
        "sa taille a changé depuis l’analyse (100 -> 200 octets)"
    assert translated("the kept copy /home/é/a.pdf no longer exists") == "la copie conservée /home/é/a.pdf n’existe plus"
    assert translated("Not a folder any more") == "N’est plus un dossier"
    assert translated("something new") == "something new"


def test_english_stays_english(qapp):
    i18n.install(QApplication.instance(), "en")
    assert translated("Permission denied") == "Permission denied"


def test_file_identity_messages_are_shown_in_french(french):
    from cleanup_desktop.core import fileid
    from cleanup_desktop.core.disk.trash import fditems as trash

    locked = PermissionError(13, "in use")
    locked.winerror = fileid.ERROR_SHARING_VIOLATION
    for message in (fileid.LOCKED, trash.describe_os_error(locked)):
        assert translated(message) != message
    assert translated(fileid.LOCKED) == "Ouvert dans un autre programme (verrouillé)"


def test_mail_keep_rule_and_server_messages_are_shown_in_french(french):
    """Every reason core.mail gives for leaving a message alone (issue 14) has its French text."""
    src = "".join((CORE / "mail" / "clean" / name).read_text("utf-8") for name in ("imap.py", "remote.py"))
    reasons = re.findall(r'reason=f?"([^"]+)"(?:\s*"([^"]+)")?(?:\s*"([^"]+)")?', src)
    wanted = ("UIDPLUS", "no right to delete", "flagged", "copy to keep", "content changed", "move it back")
    found = [re.sub(r"\{[^}]*\}", "X", "".join(parts).replace("\\\\", "\\")) for parts in reasons]
    found = [m for m in found if any(w in m for w in wanted)]
    assert len(found) >= 8
    assert [m for m in found if translated(m) == m] == []
    assert translated("you have no right to delete messages in 'Team/News' (rights: lr)") == \
        "vous n’avez pas le droit de supprimer des messages dans « Team/News » (droits : lr)"

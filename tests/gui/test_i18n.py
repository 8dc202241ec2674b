"""Translations: every French string is translated and current with the code; the window
really speaks French; the language follows the system unless overridden."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from cleanup_desktop import i18n_build
from cleanup_desktop.gui import i18n
from tests.gui.helpers import make_window

PLACEHOLDER = re.compile(r"\{\d\}")


def problems(ts: Path) -> list[str]:
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for m in context.iter("message"):
            src = m.findtext("source") or ""
            tr = m.find("translation")
            kind = tr.get("type") if tr is not None else "missing"
            forms = [f.text or "" for f in tr.iter("numerusform")] if tr is not None else []
            if m.get("numerus") != "yes":
                forms = [(tr.text or "") if tr is not None else ""]
            if kind in ("unfinished", "obsolete", "vanished", "missing") or not all(f.strip() for f in forms) or not forms:
                out.append(f"{name}: {src!r} is {kind or 'empty'}")
                continue
            for text in forms:
                if sorted(PLACEHOLDER.findall(src)) != sorted(PLACEHOLDER.findall(text)):
                    out.append(f"{name}: {src!r} -> {text!r} changes the placeholders")
                elif ("&" in src.replace("&&", "")) != ("&" in text.replace("&&", "")):
                    out.append(f"{name}: {src!r} -> {text!r} loses or adds the keyboard accelerator")
                elif ("%n" in src or "%Ln" in src) and not ("%n" in text or "%Ln" in text):
                    out.append(f"{name}: {src!r} -> {text!r} loses the count %n")
    return out


def test_french_ts_has_every_string_translated():
    ts = i18n_build.ts_path("fr")
    assert ET.parse(ts).getroot().get("language") == "fr"
    assert len(list(ET.parse(ts).getroot().iter("message"))) > 250
    assert problems(ts) == []


def test_french_ts_is_current_with_the_code(tmp_path):
    """lupdate over today's sources adds nothing unfinished: no string of the GUI is missing."""
    copy = tmp_path / "fr.ts"
    shutil.copy(i18n_build.ts_path("fr"), copy)
    subprocess.run([i18n_build.tool("pyside6-lupdate"), *i18n_build.sources(), "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", "fr", "-ts", str(copy)],
                   check=True, capture_output=True)
    assert problems(copy) == []


def ts_file(folder: Path, *messages: str) -> Path:
    """A French .ts file holding these <message> elements, in one context."""
    path = folder / "bad.ts"
    path.write_text('<?xml version="1.0" encoding="utf-8"?><TS version="2.1" language="fr"><context><name>X</name>'
                    + "".join(messages) + '</context></TS>', encoding="utf-8")
    return path


def test_problems_are_caught(tmp_path):
    bad = ts_file(tmp_path, '<message><source>Hello {0}</source><translation type="unfinished"></translation></message>',
                  '<message><source>Size {0}</source><translation>Taille</translation></message>',
                  '<message><source>&amp;Open</source><translation>Ouvrir</translation></message>')
    assert len(problems(bad)) == 3


@pytest.mark.slow  # a build step, like packaging (README: fast inner loop)
def test_build_compiles_qm_files():
    assert i18n_build.main([]) == 0
    for lang in i18n_build.LANGUAGES:
        assert i18n_build.qm_path(lang).stat().st_size > 0


def test_window_speaks_french(qtbot):
    i18n_build.release()
    window = make_window(qtbot, "fr")
    try:
        assert window.page("welcome").title_label.text() == "Bienvenue dans Cleanup Desktop"
        assert window.sidebar.item(1).text() == "2. Quoi analyser"
        from cleanup_desktop.gui import format as fmt

        assert fmt.size(4_200_000_000) == "4,20 Go"
        assert fmt.go(1_500_000_000) == "1,50 Go"
    finally:
        window.set_language("en")


def test_language_follows_the_system_with_a_manual_override():
    assert i18n.pick_language("", QLocale("fr_FR")) == "fr"
    assert i18n.pick_language("", QLocale("fr_BE")) == "fr"
    assert i18n.pick_language("", QLocale("de_DE")) == "en"
    assert i18n.pick_language("en", QLocale("fr_FR")) == "en"
    assert i18n.pick_language("fr", QLocale("en_US")) == "fr"


def test_settings_dialog_switches_the_language_at_once(qtbot, tmp_path):
    from cleanup_desktop.gui.dialogs.settings import SettingsDialog
    from cleanup_desktop.gui.settings import load_preferences

    i18n_build.release()
    window = make_window(qtbot, "en")
    dialog = SettingsDialog(window.session.prefs, window)
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    window.apply_settings(dialog)
    try:
        assert window.page("review").title_label.text() == "Vérification"
        assert load_preferences().language == "fr"
        # The rebuilt pages work: a scan goes through to the review and the bilan.
        (tmp_path / "d").mkdir()
        (tmp_path / "d" / "a.bin").write_bytes(b"z" * 5000)
        (tmp_path / "d" / "b.bin").write_bytes(b"z" * 5000)
        targets = window.page("targets")
        targets.set_checked_roots([str(tmp_path / "d")])
        targets.set_temp_locations(lambda p: False)
        targets.on_primary()
        qtbot.waitUntil(lambda: window.session.scan is not None, timeout=60_000)
        assert len(window.session.scan["duplicates"]) == 1
        assert window.page("review").views["duplicates"].model.rowCount() == 1
    finally:
        window.set_language("en")
    assert window.page("review").title_label.text() == "Review"


@pytest.mark.skipif(sys.platform != "linux", reason="display variables are a Linux/X11 notion")
def test_no_display_prints_one_line_and_exits_non_zero(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "cleanup_desktop"], env=env, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "no display" in lines[0] and "cleanup-desktop scan" in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""
    demo = subprocess.run([sys.executable, "-m", "cleanup_desktop", "--demo"], env=env, capture_output=True,
                          text=True, timeout=60)
    assert demo.returncode != 0 and "no display" in demo.stderr


def test_command_line_never_loads_qt():
    code = ("import sys\nfrom cleanup_desktop.cli import build_parser\nbuild_parser()\n"
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_display_detection():
    from cleanup_desktop.gui.launch import display_available

    assert not display_available({}, "linux")
    assert display_available({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert display_available({"WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not display_available({"DISPLAY": ":4242"}, "linux")  # no such X server socket
    assert not display_available({"QT_QPA_PLATFORM": "xcb"}, "linux")  # xcb chosen, no display
    assert not display_available({"DISPLAY": "127.0.0.1:4242"}, "linux")  # nothing listens there
    assert not display_available({"QT_QPA_PLATFORM": "wayland"}, "linux")
    import socket
    server = socket.socket()
    for n in range(60, 200):  # an 'X server' over TCP listens on 6000 + display number
        try:
            server.bind(("127.0.0.1", 6000 + n))
            break
        except OSError:
            continue
    server.listen(1)
    try:
        assert display_available({"DISPLAY": f"127.0.0.1:{n}.0"}, "linux")
    finally:
        server.close()
    assert display_available({}, "win32") and display_available({}, "darwin")


COUNT_NOUNS = (r"items?|files?|folders?|cop(?:y|ies)|mails?|e-?mails?|devices?|sheets?|errors?|teams?|duplicates?|"
               r"groups?|messages?|éléments?|fichiers?|dossiers?|équipements?|fiches?|erreurs?|équipes?|doublons?")
HAND_MADE = re.compile(r"\{\d\}\s+(?:[^\s{}]+\s+)?(?:" + COUNT_NOUNS + r")\b|\(s\)|\(es\)", re.IGNORECASE)


def hand_made_plurals(ts: Path) -> list[str]:
    """Sentences that put a count before a noun without Qt's %n plural forms ("{0} files",
    "device(s)"): they read "1 files" / "1 équipements"."""
    out = []
    for m in ET.parse(ts).getroot().iter("message"):
        if m.get("numerus") == "yes":
            continue
        texts = [m.findtext("source") or ""]
        tr = m.find("translation")
        if tr is not None and tr.text:
            texts.append(tr.text)
        out += [t for t in texts if HAND_MADE.search(t)]
    return out


def test_no_hand_made_plurals_in_the_translations():
    for name in ("cleanup_desktop_fr.ts", "cleanup_desktop_en.ts"):
        assert hand_made_plurals(i18n_build.SOURCES / name) == [], name
    # and plural forms exist in both languages for every %n sentence
    for lang in ("fr", "en"):
        numerus = [m for m in ET.parse(i18n_build.ts_path(lang)).getroot().iter("message") if m.get("numerus") == "yes"]
        assert len(numerus) >= 30
        assert all(len([f for f in m.iter("numerusform") if (f.text or "").strip()]) == 2 for m in numerus)


def test_the_plural_check_catches_hand_made_plurals(tmp_path):
    bad = ts_file(tmp_path, '<message><source>{0} files read</source><translation>{0} fichiers lus</translation></message>',
                  '<message><source>Kept: {0} device(s)</source><translation>Gardé : {0} équipement(s)</translation>'
                  '</message>',
                  '<message><source>{0} on servers</source><translation>{0} sur des serveurs</translation></message>')
    assert len(hand_made_plurals(bad)) == 4


def test_plural_forms_are_used_in_both_languages(qtbot):
    from PySide6.QtWidgets import QApplication

    from cleanup_desktop.gui.models.duplicates import DuplicatesModel

    i18n_build.release()
    model = DuplicatesModel([])
    try:
        i18n.install(QApplication.instance(), "fr")
        assert model.tr("{0} — %n copies", "", 1).format("a.pdf") == "a.pdf — 1 copie"
        assert model.tr("{0} — %n copies", "", 3).format("a.pdf") == "a.pdf — 3 copies"
        i18n.install(QApplication.instance(), "en")
        assert model.tr("{0} — %n copies", "", 1).format("a.pdf") == "a.pdf — 1 copy"
        assert model.tr("{0} — %n copies", "", 2).format("a.pdf") == "a.pdf — 2 copies"
    finally:
        i18n.install(QApplication.instance(), "en")


def test_qt_file_dialog_speaks_french(qtbot):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    i18n_build.release()
    try:
        i18n.install(QApplication.instance(), "fr")
        for context, text, french in (("QFileDialog", "Look in:", "Voir dans"), ("QFileDialog", "Look in", "Voir dans"),
                                      ("QFileDialog", "Files of type", "Fichiers de type"),
                                      ("QAbstractFileIconProvider", "Folder", "Dossier"),
                                      ("QPlatformTheme", "Cancel", "Annuler")):
            assert QCoreApplication.translate(context, text).startswith(french), text
    finally:
        i18n.install(QApplication.instance(), "en")

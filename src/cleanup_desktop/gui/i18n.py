"""Which language the window speaks: the system locale, or the one chosen in the settings."""

from __future__ import annotations

import os
from typing import Optional

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

LANGUAGES = ("en", "fr")
TRANSLATIONS_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), "translations")

_installed: list[QTranslator] = []


def pick_language(override: str = "", system: Optional[QLocale] = None) -> str:
    """The override when it is a language we ship, else the system's first UI language we ship."""
    if override in LANGUAGES:
        return override
    locale = system or QLocale.system()
    for name in locale.uiLanguages() or [locale.name()]:
        code = name.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def qm_path(language: str) -> str:
    return os.path.join(TRANSLATIONS_DIR, f"cleanup_desktop_{language}.qm")


def install(app: QCoreApplication, language: str) -> bool:
    """Install our translator (and Qt's own for standard dialogs); True if ours was found."""
    for tr in _installed:
        app.removeTranslator(tr)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.French if language == "fr" else QLocale.Language.English,
                               QLocale.Country.France if language == "fr" else QLocale.Country.UnitedKingdom))
    ours = QTranslator(app)
    found = ours.load(qm_path(language))
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    # What Qt's own catalogue lacks (the file dialog's "Look in", "Files of type", "Folder"...):
    # installed last, so it is asked first; it holds only those strings.
    extra = QTranslator(app)
    if extra.load(os.path.join(TRANSLATIONS_DIR, f"qt_extra_{language}.qm")):
        app.installTranslator(extra)
        _installed.append(extra)
    return found or language == "en"


def current_language() -> str:
    """The language the window speaks now ("fr" or "en"), from the default locale set by install()."""
    return "fr" if QLocale().language() == QLocale.Language.French else "en"

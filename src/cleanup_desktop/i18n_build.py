"""Build the desktop app's translations: ``python -m cleanup_desktop.i18n_build [--update]``.

The sources are ``translations/cleanup_desktop_<lang>.ts`` at the top of the source tree;
``pyside6-lrelease`` compiles them into ``src/cleanup_desktop/translations/*.qm`` (git-ignored,
shipped in the package, loaded by the app). With ``--update``, ``pyside6-lupdate`` first
refreshes the .ts files from the sources of every Qt face (the GUI and the PDF renderer): new
strings appear as unfinished; translate them, then build again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
SOURCES = PACKAGE.parent.parent / "translations"  # the .ts files (source tree only)
TRANSLATIONS = PACKAGE / "translations"  # the compiled .qm files the app loads
LANGUAGES = ("fr", "en")


def tool(name: str) -> str:
    """The PySide6 tool next to this Python (the venv's bin), else on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials (it ships the tool)")
    return found


def ts_path(lang: str) -> Path:
    return SOURCES / f"cleanup_desktop_{lang}.ts"


def qm_path(lang: str) -> Path:
    return TRANSLATIONS / f"cleanup_desktop_{lang}.qm"


def sources() -> list[str]:
    """Every module with user-visible Qt strings: the GUI and the PDF renderer."""
    return sorted(str(p) for sub in ("gui", "render") for p in (PACKAGE / sub).rglob("*.py"))


def update() -> None:
    for lang in LANGUAGES:
        cmd = [tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations", "none",
               "-source-language", "en", "-target-language", lang, "-ts", str(ts_path(lang))]
        if lang == "en":
            cmd.insert(-2, "-pluralonly")  # English is the source language: plural forms only
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def extra_ts(lang: str) -> Path:
    """Our supplement to Qt's own catalogue (strings qtbase_<lang> lacks), when there is one."""
    return SOURCES / f"qt_extra_{lang}.ts"


def extra_qm(lang: str) -> Path:
    return TRANSLATIONS / f"qt_extra_{lang}.qm"


def release() -> list[Path]:
    out = []
    for lang in LANGUAGES:
        if extra_ts(lang).exists():
            subprocess.run([tool("pyside6-lrelease"), "-silent", str(extra_ts(lang)), "-qm", str(extra_qm(lang))],
                           check=True)
            out.append(extra_qm(lang))
    for lang in LANGUAGES:
        ts, qm = ts_path(lang), qm_path(lang)
        if not ts.exists():
            raise SystemExit(f"{ts} not found: the translation sources live in the source tree")
        subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        out.append(qm)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cleanup_desktop.i18n_build", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="refresh the .ts sources from the code first")
    args = parser.parse_args(argv)
    os.makedirs(TRANSLATIONS, exist_ok=True)
    if args.update:
        update()
    for qm in release():
        print(qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())

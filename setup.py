"""setuptools hook (all metadata is in pyproject.toml): a wheel is never built without the
compiled translations.

Building the wheel compiles ``translations/*.ts`` into ``*.qm`` with ``pyside6-lrelease`` when
that tool is on PATH; otherwise the ``.qm`` files must already be there and newer than their
``.ts`` (``python -m cleanup_desktop.i18n_build``), or the build stops and says so. Editable
installs (``pip install -e .``) are left alone: scripts/setup.sh compiles after installing.
"""

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SOURCES = ROOT / "translations"  # the .ts sources
TRANSLATIONS = ROOT / "src" / "cleanup_desktop" / "translations"  # the compiled .qm, shipped


LANGUAGES = ("fr", "en")


class BuildPyWithTranslations(build_py):
    def run(self):
        if not getattr(self, "editable_mode", False):
            lrelease = shutil.which("pyside6-lrelease")
            TRANSLATIONS.mkdir(parents=True, exist_ok=True)
            for lang in LANGUAGES:
                ts = SOURCES / f"cleanup_desktop_{lang}.ts"
                qm = TRANSLATIONS / f"cleanup_desktop_{lang}.qm"
                if lrelease and ts.exists():
                    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
                elif not qm.exists() or (ts.exists() and qm.stat().st_mtime < ts.stat().st_mtime):
                    raise SystemExit(f"{qm.name} is missing or older than {ts.name}: run "
                                     "`python -m cleanup_desktop.i18n_build` before building the wheel")
        super().run()


setup(cmdclass={"build_py": BuildPyWithTranslations})

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

TRANSLATIONS = Path(__file__).resolve().parent / "src" / "cleanup_desktop" / "translations"


class BuildPyWithTranslations(build_py):
    def run(self):
        if not getattr(self, "editable_mode", False):
            lrelease = shutil.which("pyside6-lrelease")
            for ts in sorted(TRANSLATIONS.glob("*.ts")):
                qm = ts.with_suffix(".qm")
                if lrelease:
                    subprocess.run([lrelease, "-silent", str(ts), "-qm", str(qm)], check=True)
                elif not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
                    raise SystemExit(f"{qm.name} is missing or older than {ts.name}: run "
                                     "`python -m cleanup_desktop.i18n_build` before building the wheel")
        super().run()


setup(cmdclass={"build_py": BuildPyWithTranslations})

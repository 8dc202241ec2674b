"""Packaging: what CI can check of the installers without Briefcase's templates.

One version everywhere; the sdist and the wheel build (``python -m build``); the wheel,
installed into a fresh venv, carries the translations, icons, rules and methods, answers
``--version`` and scans a folder headless; the sdist holds what is needed to rebuild, test and
package (translation sources, icon set, tests, README).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import cleanup_desktop

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "cleanup_desktop"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
# Captured before the autouse fixture moves HOME: the fresh venv reuses the machine's pip cache.
PIP_CACHE = os.environ.get("PIP_CACHE_DIR") or str(Path.home() / ".cache" / "pip")
BIN = "Scripts" if os.name == "nt" else "bin"


def shipped_data_files() -> set[str]:
    """Every non-code file the package loads at run time, relative to the package."""
    out = set()
    for sub in ("data", "assets", "translations"):
        for p in (PACKAGE / sub).rglob("*"):
            if p.is_file() and p.suffix not in (".py", ".pyc", ".ts"):
                out.add(p.relative_to(PACKAGE).as_posix())
    return out


def test_one_version_for_the_package_the_wheel_and_the_installers():
    version = PYPROJECT["project"]["version"]
    assert cleanup_desktop.__version__ == version
    briefcase = PYPROJECT["tool"]["briefcase"]
    # Briefcase takes [project].version unless it is overridden: it must not be.
    assert "version" not in briefcase
    assert all("version" not in app for app in briefcase["app"].values())


def test_briefcase_config_lives_in_pyproject_only():
    assert not (ROOT / "briefcase.toml").exists()
    app = PYPROJECT["tool"]["briefcase"]["app"]["cleanup-desktop"]
    assert app["sources"] == ["src/cleanup_desktop"]
    icon = ROOT / app["icon"]
    for suffix in (".ico", ".icns", *(f"-{s}.png" for s in (16, 32, 64, 128, 256, 512, 1024))):
        assert Path(f"{icon}{suffix}").stat().st_size > 0, suffix
    for platform in ("macOS", "linux", "windows"):
        assert platform in app
    assert {"system", "flatpak", "appimage"} <= set(app["linux"])


def run(cmd, **kw):
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=240, **kw)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_scans_headless(tmp_path, isolated_home):
    env = dict(os.environ, PIP_CACHE_DIR=PIP_CACHE, PIP_DISABLE_PIP_VERSION_CHECK="1",
               PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
    env.pop("QT_QPA_PLATFORM", None)  # the CLI must not need Qt or a display
    env.pop("DISPLAY", None)
    env.pop("PYTHONPATH", None)

    dist = tmp_path / "dist"
    run([sys.executable, "-m", "build", "--outdir", str(dist), str(ROOT)], env=env)  # sdist, then wheel from it
    version = PYPROJECT["project"]["version"]
    wheel = dist / f"cleanup_desktop-{version}-py3-none-any.whl"
    sdist = dist / f"cleanup_desktop-{version}.tar.gz"
    assert wheel.exists() and sdist.exists(), sorted(os.listdir(dist))

    # The wheel: every data file, the compiled translations, no translation sources.
    names = set(zipfile.ZipFile(wheel).namelist())
    in_wheel = {n.removeprefix("cleanup_desktop/") for n in names if n.startswith("cleanup_desktop/")}
    assert shipped_data_files() <= in_wheel, shipped_data_files() - in_wheel
    assert {"translations/cleanup_desktop_fr.qm", "translations/cleanup_desktop_en.qm", "assets/app-icon.svg",
            "data/copy_name_patterns.json"} <= in_wheel
    assert sum(n.startswith("data/rules/") and n.endswith(".toml") for n in in_wheel) >= 30
    assert sum(n.startswith("data/methods/") and n.endswith(".toml") for n in in_wheel) >= 5
    assert not any(n.endswith(".ts") for n in names)

    # The sdist: enough to rebuild, test and package.
    members = {m.split("/", 1)[1] for m in tarfile.open(sdist).getnames() if "/" in m}
    for needed in ("README.md", "LICENSE", "pyproject.toml", "setup.py",
                   "translations/cleanup_desktop_fr.ts",
                   "translations/cleanup_desktop_en.ts",
                   "src/cleanup_desktop/assets/app-icon.svg",
                   "assets/icons/cleanup-desktop.ico", "assets/icons/cleanup-desktop.icns",
                   "assets/icons/cleanup-desktop-1024.png", "tools/make_icons.py",
                   "tests/conftest.py", "tests/test_packaging.py", "tests/gui/test_crash.py",
                   "scripts/setup.sh", "src/cleanup_desktop/data/methods/inr-dcd-bilan.toml"):
        assert needed in members, needed

    # A fresh venv (no system site-packages), dependencies from the package index.
    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], env=env)
    py = venv / BIN / "python"
    run([str(py), "-m", "pip", "install", "-q", str(wheel)], env=env)
    work = tmp_path / "elsewhere"  # away from the source tree: the installed copy is imported
    work.mkdir()
    where = run([str(py), "-c", "import cleanup_desktop, os; print(os.path.dirname(cleanup_desktop.__file__))"],
                env=env, cwd=work).stdout.strip()
    installed = Path(where)
    assert installed.is_relative_to(venv), installed
    for rel in shipped_data_files():
        assert (installed / rel).is_file(), rel

    exe = venv / BIN / "cleanup-desktop"
    assert run([str(exe), "--version"], env=env, cwd=work).stdout.strip() == f"cleanup-desktop {version}"

    folder = tmp_path / "files"
    (folder / "a").mkdir(parents=True)
    blob = os.urandom(40_000)
    for name in ("a/report.pdf", "report (1).pdf"):
        (folder / name).write_bytes(blob)
    (folder / "unique.txt").write_bytes(os.urandom(5_000))
    scan = json.loads(run([str(exe), "scan", str(folder), "--json", "--no-cache"], env=env, cwd=work).stdout)
    assert [sorted(Path(p).name for p in g["paths"]) for g in scan["duplicates"]] == [["report (1).pdf", "report.pdf"]]
    assert scan["stats"]["files"] == 3 and scan["errors"] == []
    methods = run([str(exe), "methods", "--json"], env=env, cwd=work).stdout
    assert "inr-dcd-bilan" in methods

    # The installed French translation loads (Qt offscreen) and is the current one.
    check = ("import sys; from PySide6.QtCore import QTranslator, QCoreApplication; app = QCoreApplication([]); "
             "t = QTranslator(); assert t.load(sys.argv[1]); print(t.translate('CrashReporter', 'Unexpected error'))")
    out = run([str(py), "-c", check, str(installed / "translations" / "cleanup_desktop_fr.qm")],
              env=dict(env, QT_QPA_PLATFORM="offscreen"), cwd=work).stdout.strip()
    assert out == "Erreur inattendue"

    # The run wrote the app's log in the per-user log folder, nothing in the source tree.
    log = isolated_home / ".local/state/cleanup-desktop/log/cleanup-desktop.log"
    assert "command scan: exit 0" in log.read_text("utf-8")


@pytest.mark.slow
def test_no_wheel_without_compiled_translations(tmp_path):
    """Without pyside6-lrelease on PATH and without .qm files, the wheel build stops and says why."""
    import shutil

    src = tmp_path / "src"
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(PACKAGE, src / "cleanup_desktop", ignore=shutil.ignore_patterns("*.qm", "__pycache__"))
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    env = dict(os.environ, PIP_CACHE_DIR=PIP_CACHE, PATH=os.pathsep.join(["/usr/bin", "/bin"]))
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path / "dist"), str(tmp_path)],
                          capture_output=True, text=True, timeout=240, env=env)
    assert done.returncode != 0
    assert "python -m cleanup_desktop.i18n_build" in done.stdout + done.stderr
    assert not (tmp_path / "dist").exists() or not list((tmp_path / "dist").glob("*.whl"))

"""The engine must never import Qt: the CLI and the GUI are two faces over it."""

import pkgutil
import subprocess
import sys

import cleanup_desktop.core as core


def test_importing_every_core_module_loads_no_qt():
    names = [m.name for m in pkgutil.walk_packages(core.__path__, "cleanup_desktop.core.")]
    assert "cleanup_desktop.core.progress" in names
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}: importlib.import_module(n)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'))\n"
        "print(','.join(bad))\n"
        "sys.exit(1 if bad else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, f"core imported Qt modules: {proc.stdout} {proc.stderr}"

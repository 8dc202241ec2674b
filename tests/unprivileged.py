"""Run test code as an unprivileged user (CI runs as root, where permission bits stop nothing).

The interpreter, the virtual environment and the checkout may all live where that user cannot
read (a 0700 home or clone folder), so the child starts as root, runs ``setup`` (imports,
data files the code will need) and only then drops to the user and runs ``code`` in the same
namespace, with ``sys.argv`` set to ``args``.
"""

from __future__ import annotations

import json
import pwd
import subprocess
import sys

BOOTSTRAP = """
import json, os, sys
spec = json.loads(sys.argv[1])
ns = {"__name__": "__main__"}
exec(compile(spec["setup"], "<setup as root>", "exec"), ns)
os.setgroups([])
os.setgid(spec["gid"])
os.setuid(spec["uid"])
sys.argv = ["unprivileged", *spec["args"]]
exec(compile(spec["code"], "<as user>", "exec"), ns)
"""

# Every module of the engine and the CLI (they import one another lazily), imported while
# still root: a module added later is covered without touching this list.
PRELOAD = """
import importlib, pkgutil
import logging.handlers, encodings.utf_8_sig, encodings.latin_1
import send2trash, send2trash.exceptions
# Modules engine functions import when they are called (here, not at start-up): psutil used to
# bring glob with it at start-up, and the scan no longer imports psutil until it needs it.
import concurrent.futures, glob, hashlib, psutil, select, shutil, sqlite3, struct, subprocess, tempfile, textwrap
import cleanup_desktop.core, cleanup_desktop.cli
for _pkg in (cleanup_desktop.core, cleanup_desktop.cli):
    for _m in pkgutil.walk_packages(_pkg.__path__, _pkg.__name__ + "."):
        importlib.import_module(_m.name)
"""

# What the CLI's cleanup commands load lazily: imported (and data files read) while still root.
CLI_SETUP = PRELOAD + """
from cleanup_desktop.core.disk import rules
rules.load_rules()
"""

CLI_CODE = """
import sys
from cleanup_desktop.cli import main
sys.stdout.flush()
code = main(sys.argv[1:])
sys.stdout.flush(); sys.stderr.flush()
sys.exit(code)
"""


def run_as(user: str, code: str, args=(), setup: str = "", env=None, timeout: float = 120):
    pw = pwd.getpwnam(user)
    spec = json.dumps({"setup": setup, "code": code, "args": list(args), "uid": pw.pw_uid, "gid": pw.pw_gid})
    return subprocess.run([sys.executable, "-c", BOOTSTRAP, spec], env=env, capture_output=True, text=True,
                          errors="surrogateescape", timeout=timeout)


def cli_as(user: str, *args, env=None, timeout: float = 120):
    """The real CLI (`cleanup-desktop ARGS`) run as ``user``."""
    return run_as(user, CLI_CODE, args, setup=CLI_SETUP, env=env, timeout=timeout)

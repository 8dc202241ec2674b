"""Helpers for the safe-cleanup tests: real files, and scan documents built from them exactly in
the "cleanup-desktop/scan/1" shape (so plan/clean are tested independently of the scanner)."""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import sys
from datetime import datetime, timezone
from pathlib import Path

import xxhash

SRC = str(Path(__file__).resolve().parents[1] / "src")


def write(path, data: bytes, mtime: float | None = None) -> str:
    path = os.fsencode(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return os.fsdecode(path)


def _iso(ns: int) -> str:
    return datetime.fromtimestamp(ns / 1e9, tz=timezone.utc).isoformat()


def file_entry(path: str, root: str) -> dict:
    st = os.lstat(os.fsencode(path))
    return {"path": path, "mtime": _iso(st.st_mtime_ns), "mtime_ns": st.st_mtime_ns, "dev": st.st_dev,
            "ino": st.st_ino, "allocated": st.st_blocks * 512, "root": root}


def dup_group(paths: list[str], root: str) -> dict:
    with open(os.fsencode(paths[0]), "rb") as fh:
        data = fh.read()
    files = [file_entry(p, root) for p in paths]
    return {"size": len(data), "digest": xxhash.xxh3_128_hexdigest(data), "paths": list(paths),
            "allocated": files[0]["allocated"], "wasted": files[0]["allocated"] * (len(paths) - 1), "files": files}


def item(path: str, root: str, **extra) -> dict:
    e = file_entry(path, root)
    e["size"] = os.lstat(os.fsencode(path)).st_size
    e.update(extra)
    return e


def temp_item(path: str, root: str, safety: str = "S", rule: str = "leftovers", app_running: bool = False) -> dict:
    return item(path, root, rule=rule, safety=safety, label=rule, app_running=app_running)


def make_scan(roots, duplicates=(), temp=(), large=(), old=()) -> dict:
    now = datetime.now(timezone.utc).isoformat()
    return {"schema": "cleanup-desktop/scan/1", "roots": list(roots), "started": now, "finished": now,
            "cancelled": False, "duplicates": list(duplicates), "temp": list(temp), "large": list(large),
            "old": list(old), "errors": [], "stats": {}}


def cli(*args, env=None, input=None, user=None, python=None, timeout=60):
    """Run the real CLI in a subprocess with the test's environment."""
    e = dict(os.environ if env is None else env)
    e["PYTHONPATH"] = SRC + os.pathsep + e.get("PYTHONPATH", "")
    return subprocess.run([python or sys.executable, "-m", "cleanup_desktop", *args], env=e, input=input,
                          capture_output=True, text=True, errors="surrogateescape", user=user, timeout=timeout)


@contextlib.contextmanager
def mounted_tmpfs(prefix: str, options: str = "size=8m"):
    """A fresh tmpfs (another file system) mounted under /tmp for one test; the test is
    skipped where mounting is not permitted."""
    import pytest

    mnt = tempfile.mkdtemp(prefix=prefix, dir="/tmp")
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", mnt], capture_output=True)
    if r.returncode != 0:
        os.rmdir(mnt)
        pytest.skip(f"mount not permitted here: {r.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", mnt], check=False)
        os.rmdir(mnt)

"""Smoke test of the disk-scan benchmark (bench/bench_disk.py) and its tree generator.

No timing is asserted here (speed is the benchmark's own printed verdict); what is checked:
the generator is deterministic and makes the hard cases it promises, and on a tiny tree our
scan and every installed peer (jdupes, rmlint, fdupes) report the same duplicate groups as
the generator's expected groups.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

# Benchmark tests build and scan generated trees: out of the fast inner loop (README).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
import gen_tree  # noqa: E402


def _tree_fingerprint(root: bytes) -> list[tuple]:
    """(relative path, kind, size, content digest or link target) for every entry."""
    rows = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]):
            path = os.path.join(dirpath, name)
            st = os.lstat(path)
            rel = os.path.relpath(path, root)
            if stat.S_ISLNK(st.st_mode):
                target = os.readlink(path)
                if target.startswith(root):  # absolute links: compare relative to the root
                    target = b"<root>" + target[len(root):]
                rows.append((rel, "link", 0, target))
            else:
                with open(path, "rb") as fh:
                    digest = hashlib.blake2b(fh.read(), digest_size=16).hexdigest()
                rows.append((rel, "file", st.st_size, digest, st.st_mtime_ns))
    return sorted(rows)


def test_generator_is_deterministic_and_has_the_hard_cases(tmp_path):
    a = gen_tree.generate(str(tmp_path / "a"), seed=7, files=400, size_scale=0.01, quiet=True)
    b = gen_tree.generate(str(tmp_path / "b"), seed=7, files=400, size_scale=0.01, quiet=True)
    c = gen_tree.generate(str(tmp_path / "c"), seed=8, files=400, size_scale=0.01, quiet=True)
    root_a, root_b = os.fsencode(a["root"]), os.fsencode(b["root"])
    assert _tree_fingerprint(root_a) == _tree_fingerprint(root_b)
    assert _tree_fingerprint(root_a) != _tree_fingerprint(os.fsencode(c["root"]))
    assert a["counts"] == b["counts"]

    counts = a["counts"]
    assert counts["empty_files"] >= 5 and counts["hardlinks"] >= 4 and counts["symlinks"] >= 6
    assert counts["duplicate_groups"] > 10

    names = [os.path.basename(p) for p, *_ in _tree_fingerprint(root_a)]
    non_utf8 = [n for n in names if _not_utf8(n)]
    assert non_utf8, "expected names that are not valid UTF-8"

    # Near duplicates: same size, differ only in the middle byte or only in the last byte.
    by_set: dict[bytes, dict[bytes, bytes]] = {}
    for dirpath, _, files in os.walk(root_a):
        for n in files:
            if n.startswith(b"near") and b"-" in n:
                set_id, tag = n.split(b"-", 1)
                with open(os.path.join(dirpath, n), "rb") as fh:
                    by_set.setdefault(set_id, {})[tag.split(b".")[0].split(b" ")[0]] = fh.read()
    assert by_set
    for variants in by_set.values():
        base, mid, last = variants[b"base"], variants[b"mid"], variants[b"last"]
        assert len(base) == len(mid) == len(last)
        assert [i for i in range(len(base)) if base[i] != mid[i]] == [len(base) // 2]
        assert [i for i in range(len(base)) if base[i] != last[i]] == [len(base) - 1]

    # Every expected group: 2+ distinct inodes, same size, same bytes.
    for group in a["expected_groups"]:
        paths = [os.fsencode(p) for p in group]
        assert len({(os.lstat(p).st_dev, os.lstat(p).st_ino) for p in paths}) == len(paths) >= 2
        contents = set()
        for p in paths:
            with open(p, "rb") as fh:
                contents.add(fh.read())
        assert len(contents) == 1 and len(next(iter(contents))) > 0


def _not_utf8(name: bytes) -> bool:
    try:
        name.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


README_BLOCK = "intro\n<!-- bench-disk:begin (written by bench/bench_disk.py --readme) -->\nold table\n<!-- bench-disk:end -->\nrest\n"


def test_quick_benchmark_all_tools_agree(tmp_path):
    """One quick run: every tool finds the expected groups, the app's in-process rescan is
    answered from its index (and not after a change) with the same groups, and the README
    block is rewritten from the run's own figures (again identically from its saved JSON)."""
    out = tmp_path / "out"
    readme = tmp_path / "README.md"
    readme.write_text(README_BLOCK, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(BENCH / "bench_disk.py"), "--quick", "--no-install", "--phases", "warm,rescan",
         "--rescan-runs", "2", "--readme", str(readme), "--workdir", str(tmp_path / "work"), "--out", str(out)],
        capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    expected = report["tree"]["counts"]["duplicate_groups"]
    assert expected > 10
    tools = report["tools"]
    assert {"ours", "rescan"} <= set(tools), "our scan did not run"
    for peer in ("jdupes", "rmlint", "fdupes"):
        if shutil.which(peer):
            assert peer in tools, f"{peer} is installed but was not run"
        else:
            print(f"{peer} not installed: not compared")
    for name, t in tools.items():
        assert t["agree"] is True, (name, t["problems"])
        assert t["groups"] == expected, name
        assert len(t["times"]) == 1 and t["times"][0] > 0
        assert t["rss_kb"] > 0
    assert report["agree"] is True
    assert "All tools agree on the duplicate groups: yes" in proc.stdout
    assert not list((tmp_path / "work").glob("scratch-*")), "scratch folder left behind"
    inproc = report["rescan_in_process"]
    assert inproc["reused"] == [True, True] and inproc["changed_reused"] is False and inproc["same_groups"]
    assert inproc["groups"] > 0  # the app's options (1 KiB minimum, duplicate folders folded), not the CLI's
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("intro\n") and text.endswith("<!-- bench-disk:end -->\nrest\n") and "old table" not in text
    assert f"| duplicate scan, warm page cache | {tools['ours']['median']:.3f} s |" in text
    assert f"({inproc['ratio_median']:.2f}x the floor)" in text
    readme.write_text(README_BLOCK, encoding="utf-8")
    again = subprocess.run([sys.executable, str(BENCH / "bench_disk.py"), "--from-json", str(out / "latest.json"),
                            "--readme", str(readme)], capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert readme.read_text(encoding="utf-8") == text

"""Keep criteria for duplicate groups: which copy stays.

Like dupeGuru's Re-Prioritize dialog, criteria form an ordered list; each one only breaks the
ties the previous ones left. A criterion maps a scan file entry (a dict with at least "path",
"mtime_ns" and "allocated") to a sort key where smaller means "better to keep". The path itself
is the last tie-breaker, so the choice is always deterministic.

Criterion names (also the CLI ``--keep`` values): newest, oldest, shortest-path, longest-path,
least-nested, most-nested, no-copy-suffix, largest-allocated, reference:DIR.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterable, Sequence

from cleanup_desktop.core.paths import is_inside as is_inside  # part of this module's API

DEFAULT_CRITERIA: tuple[str, ...] = ("no-copy-suffix", "oldest", "shortest-path")
REFERENCE_PREFIX = "reference:"
PREFER_PREFIX = "prefer:"  # like reference: but only a preference, files inside stay selectable


class KeepRuleError(ValueError):
    """An unknown or malformed keep criterion."""


@dataclass(frozen=True)
class Criterion:
    name: str
    key: Callable[[dict[str, Any]], Any]
    description: str


@lru_cache(maxsize=1)
def copy_name_patterns() -> tuple[re.Pattern[str], ...]:
    """The shipped copy-name patterns, validated: each regex compiles and matches its examples."""
    raw = resources.files("cleanup_desktop").joinpath("data/copy_name_patterns.json").read_text("utf-8")
    data = json.loads(raw)
    if data.get("schema") != "cleanup-desktop/copy-name-patterns/1":
        raise KeepRuleError("copy_name_patterns.json: unexpected schema")
    patterns = []
    for entry in data["patterns"]:
        rx = re.compile(entry["regex"], re.IGNORECASE)
        for example in entry.get("examples", []):
            if not rx.search(example):
                raise KeepRuleError(f"copy pattern {entry['id']!r} does not match its example {example!r}")
        patterns.append(rx)
    return tuple(patterns)


def has_copy_suffix(path: str) -> bool:
    """True when the file name looks like a copy: "x (1).pdf", "x - Copie.docx", "Copy of x"..."""
    name = os.path.basename(path)
    stem, _ext = os.path.splitext(name)
    return any(rx.search(stem) or rx.search(name) for rx in copy_name_patterns())


def _depth(path: str) -> int:
    return len([p for p in re.split(r"[\\/]+", path) if p])


_SIMPLE: dict[str, tuple[Callable[[dict[str, Any]], Any], str]] = {
    "newest": (lambda f: -int(f["mtime_ns"]), "keep the most recently modified copy"),
    "oldest": (lambda f: int(f["mtime_ns"]), "keep the oldest copy"),
    "shortest-path": (lambda f: len(f["path"]), "keep the copy with the shortest path"),
    "longest-path": (lambda f: -len(f["path"]), "keep the copy with the longest path"),
    "least-nested": (lambda f: _depth(f["path"]), "keep the copy in the least nested folder"),
    "most-nested": (lambda f: -_depth(f["path"]), "keep the copy in the most nested folder"),
    "no-copy-suffix": (lambda f: 1 if has_copy_suffix(f["path"]) else 0,
                       'keep a copy whose name has no copy suffix like " (1)" or " - Copie"'),
    "largest-allocated": (lambda f: -int(f.get("allocated") or 0), "keep the copy using the most disk space"),
}

CRITERIA_NAMES: tuple[str, ...] = tuple(_SIMPLE) + (REFERENCE_PREFIX + "DIR", PREFER_PREFIX + "DIR")


def parse_criterion(text: str) -> Criterion:
    text = text.strip()
    for prefix in (REFERENCE_PREFIX, PREFER_PREFIX):
        if text.startswith(prefix):
            folder = text[len(prefix):]
            if not folder:
                raise KeepRuleError(f"{prefix} needs a folder, e.g. {prefix}/home/me/Photos")
            # a symlinked folder works as its target (the scan's paths are real paths too)
            folder = os.path.realpath(os.path.abspath(os.path.expanduser(folder)))
            def inside(f: dict[str, Any], d: str = folder) -> int:
                return 0 if is_inside(f["path"], d) else 1

            return Criterion(prefix + folder, inside, f"keep the copy inside {folder}")
    if text not in _SIMPLE:
        raise KeepRuleError(f"unknown keep criterion {text!r}; choose from: {', '.join(CRITERIA_NAMES)}")
    key, description = _SIMPLE[text]
    return Criterion(text, key, description)


def check_folders(texts: Iterable[str]) -> None:
    """Refuse reference:/prefer: criteria whose folder does not exist (a misspelled folder would
    otherwise protect nothing, silently)."""
    for text in texts:
        text = text.strip()
        for prefix in (REFERENCE_PREFIX, PREFER_PREFIX):
            if text.startswith(prefix) and text[len(prefix):]:
                given = os.path.abspath(os.path.expanduser(text[len(prefix):]))
                if not os.path.isdir(given):
                    what = "no such folder" if not os.path.lexists(given) else "not a folder"
                    raise KeepRuleError(f"{prefix}{given}: {what}")


def parse_criteria(texts: Iterable[str | Criterion] | None) -> list[Criterion]:
    """Criteria from names; an empty list or None gives DEFAULT_CRITERIA."""
    items = list(texts or [])
    if not items:
        items = list(DEFAULT_CRITERIA)
    return [t if isinstance(t, Criterion) else parse_criterion(t) for t in items]


def reference_dirs(criteria: Sequence[Criterion]) -> list[str]:
    """Folders named by reference: criteria (nothing inside them is ever planned for removal)."""
    return [c.name[len(REFERENCE_PREFIX):] for c in criteria if c.name.startswith(REFERENCE_PREFIX)]


def sort_key(criteria: Sequence[Criterion]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    return lambda f: tuple(c.key(f) for c in criteria) + (f["path"],)


def rank(files: Iterable[dict[str, Any]], criteria: Sequence[Criterion]) -> list[dict[str, Any]]:
    """Files best-to-keep first."""
    return sorted(files, key=sort_key(criteria))


def choose_keep(files: Sequence[dict[str, Any]], criteria: Sequence[Criterion]) -> dict[str, Any]:
    if not files:
        raise ValueError("empty duplicate group")
    return min(files, key=sort_key(criteria))


# One-click presets (czkawka style). "select-in:DIR" is a selection, see selection.py.
PRESETS: dict[str, tuple[str, ...]] = {
    "keep-newest": ("newest", "shortest-path"),
    "keep-oldest": ("oldest", "shortest-path"),
    "keep-default": DEFAULT_CRITERIA,
}

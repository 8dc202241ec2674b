"""What the user (or a preset) chose to remove from a disk scan.

The model guarantees the one rule that matters most: in every duplicate group at least one copy
stays. Selecting the last unselected copy of a group is refused (``can_select`` says why), and
presets that would take every copy leave the best-ranked one. Files inside reference folders are
never selectable, in any category.

Defaults: duplicates - every copy but the best-ranked one; temp - level S selected, level Q
selected only when its application is closed (and not selectable while it runs), level R never
pre-selected; large and old files - never pre-selected.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence

from cleanup_desktop.core.disk import keep_rules
from cleanup_desktop.core.disk.keep_rules import Criterion
from cleanup_desktop.core.disk.facts import complete_scan
from cleanup_desktop.core.messages import Reason

# Kinds of the storage review (issue 19): never pre-selected, planned only when asked for.
EXTRA_CATEGORIES = ("duplicate_folders", "similar_images", "empty_folders", "empty_files", "broken_links")
ITEM_CATEGORIES = ("temp", "large", "old") + EXTRA_CATEGORIES
# When a path is listed in several categories, the action is labelled with the first of these.
CATEGORY_ORDER = ("duplicates",) + ITEM_CATEGORIES


def extra_items(scan: dict[str, Any], category: str) -> list[dict[str, Any]]:
    """The selectable items of a storage-review kind: every entry of the plain lists; for
    duplicate folders and similar photos every member but the kept one, which carries what the
    executor must find again before acting (the kept folder's digest, the kept photo's facts)."""
    entries = scan.get(category) or []
    if category == "duplicate_folders":
        out = []
        for g in entries:
            by_path = {f["path"]: f for f in g.get("folders", [])}
            kept = by_path.get(g.get("keep"))
            if kept is None:
                continue
            for f in g.get("folders", []):
                if f["path"] != kept["path"]:
                    out.append({**f, "digest": g["digest"],
                                "keep": {"path": kept["path"], "digest": g["digest"], "size": int(kept.get("size") or 0),
                                         "dev": int(kept["dev"]), "ino": int(kept["ino"])}})
        return out
    if category == "similar_images":
        out = []
        for g in entries:
            images = {im["path"]: im for im in g.get("images", [])}
            kept = images.get(g.get("keep"))
            if kept is None:
                continue
            for im in images.values():
                if im["path"] != kept["path"]:
                    out.append({**im, "similar_to": {k: kept[k] for k in ("path", "size", "mtime_ns", "dev", "ino")}})
        return out
    return list(entries)


@dataclass
class DupGroup:
    id: str
    size: int
    digest: str
    files: list[dict[str, Any]]

    @property
    def paths(self) -> list[str]:
        return [f["path"] for f in self.files]


def group_id(group: dict[str, Any]) -> str:
    return f"dup-{group['digest'][:16]}-{group['size']}"


def action_id(path: str) -> str:
    return "f-" + hashlib.sha1(os.fsencode(path)).hexdigest()[:16]


@dataclass
class Selection:
    scan: dict[str, Any]
    criteria: list[Criterion] = field(default_factory=lambda: keep_rules.parse_criteria(None))
    selected: dict[str, str] = field(default_factory=dict)  # path -> category it was selected through

    def __post_init__(self) -> None:
        self.scan = complete_scan(self.scan)  # a scan with only the contract's keys gets its file facts
        self.groups: list[DupGroup] = [
            DupGroup(group_id(g), int(g["size"]), g["digest"], list(g["files"]))
            for g in self.scan.get("duplicates", [])
            if len(g.get("files", [])) >= 2
        ]
        self._group_of: dict[str, DupGroup] = {}
        self._file_of: dict[str, dict[str, Any]] = {}
        for g in self.groups:
            for f in g.files:
                self._group_of[f["path"]] = g
                self._file_of[f["path"]] = f
        self.items: dict[str, list[dict[str, Any]]] = {c: extra_items(self.scan, c) for c in ITEM_CATEGORIES}
        self._item_of: dict[tuple[str, str], dict[str, Any]] = {
            (c, it["path"]): it for c in ITEM_CATEGORIES for it in self.items[c]
        }

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def from_scan(cls, scan: dict[str, Any], keep: Iterable[str | Criterion] | None = None,
                  duplicates: bool = True, temp: bool = True) -> "Selection":
        """A selection with the defaults applied for the chosen categories."""
        sel = cls(scan, keep_rules.parse_criteria(keep))
        if duplicates:
            sel.apply_keep()
        if temp:
            sel.select_temp_defaults()
        return sel

    @property
    def reference_dirs(self) -> list[str]:
        return keep_rules.reference_dirs(self.criteria)

    # ---- queries ---------------------------------------------------------------------------
    def is_selected(self, path: str) -> bool:
        return path in self.selected

    def group_of(self, path: str) -> Optional[DupGroup]:
        return self._group_of.get(path)

    def kept_copy(self, group: DupGroup) -> dict[str, Any]:
        """The copy that stays: the best-ranked copy that is not selected."""
        remaining = [f for f in group.files if f["path"] not in self.selected]
        return keep_rules.choose_keep(remaining, self.criteria)

    def can_select(self, path: str, category: Optional[str] = None) -> tuple[bool, str]:
        """Whether ``path`` may be selected now, and if not, why (a core.messages.Reason)."""
        if path in self.selected:
            return True, ""
        for folder in self.reference_dirs:
            if keep_rules.is_inside(path, folder):
                return False, Reason("select.reference-folder", folder=folder)
        group = self._group_of.get(path)
        if group is not None and all(p in self.selected for p in group.paths if p != path):
            return False, Reason("select.last-copy")
        item = self._find_item(path, category)
        if item is not None and item.get("safety") == "Q" and item.get("app_running"):
            return False, Reason("select.app-running", app=item.get('label') or item.get('rule'))
        if group is None and item is None:
            return False, Reason("select.not-in-scan")
        return True, ""

    def _find_item(self, path: str, category: Optional[str]) -> Optional[dict[str, Any]]:
        cats = [category] if category in ITEM_CATEGORIES else list(ITEM_CATEGORIES)
        for c in cats:
            it = self._item_of.get((c, path))
            if it is not None:
                return it
        return None

    # ---- edits -----------------------------------------------------------------------------
    def select(self, path: str, category: Optional[str] = None) -> bool:
        ok, _why = self.can_select(path, category)
        if ok and path not in self.selected:
            self.selected[path] = category or self._default_category(path)
        return ok

    def unselect(self, path: str) -> None:
        self.selected.pop(path, None)

    def toggle(self, path: str, category: Optional[str] = None) -> bool:
        if path in self.selected:
            self.unselect(path)
            return True
        return self.select(path, category)

    def _default_category(self, path: str) -> str:
        if path in self._group_of:
            return "duplicates"
        for c in ITEM_CATEGORIES:
            if (c, path) in self._item_of:
                return c
        return "duplicates"

    def clear(self, category: Optional[str] = None) -> None:
        if category is None:
            self.selected.clear()
        else:
            self.selected = {p: c for p, c in self.selected.items() if c != category}

    # ---- duplicate presets -------------------------------------------------------------------
    def set_criteria(self, keep: Iterable[str | Criterion] | None) -> None:
        self.criteria = keep_rules.parse_criteria(keep)

    def apply_keep(self, keep: Iterable[str | Criterion] | None = None) -> None:
        """Dupe groups: select every copy but the best one by the criteria (re-prioritize)."""
        if keep is not None:
            self.set_criteria(keep)
        for group in self.groups:
            for p in group.paths:
                if self.selected.get(p) == "duplicates":
                    del self.selected[p]
            outside = [f for f in group.files if f["path"] not in self.selected]
            if not outside:  # every copy selected through other categories: free the best one
                best = keep_rules.choose_keep(group.files, self.criteria)
                self.selected.pop(best["path"], None)
                outside = [best]
            keep_file = keep_rules.choose_keep(outside, self.criteria)
            for f in group.files:
                if f["path"] != keep_file["path"] and f["path"] not in self.selected:
                    self.select(f["path"], "duplicates")

    def keep_newest(self) -> None:
        self.apply_keep(keep_rules.PRESETS["keep-newest"])

    def keep_oldest(self) -> None:
        self.apply_keep(keep_rules.PRESETS["keep-oldest"])

    def keep_in_folder(self, folder: str) -> None:
        """Keep the copy inside ``folder`` (the current criteria break ties; reference folders stay first)."""
        refs = [c for c in self.criteria if c.name.startswith(keep_rules.REFERENCE_PREFIX)]
        others = [c for c in self.criteria if not c.name.startswith((keep_rules.REFERENCE_PREFIX, keep_rules.PREFER_PREFIX))]
        self.apply_keep(refs + [keep_rules.parse_criterion(keep_rules.PREFER_PREFIX + folder)] + others)

    def select_in_folder(self, folder: str) -> int:
        """Select every duplicate copy inside ``folder``; a group entirely inside keeps its best copy.

        Returns how many copies were newly selected."""
        count = 0
        for group in self.groups:
            inside = [f for f in group.files if keep_rules.is_inside(f["path"], folder)]
            if not inside:
                continue
            if len(inside) == len(group.files):
                inside = [f for f in keep_rules.rank(inside, self.criteria)[1:]]
            for f in keep_rules.rank(inside, self.criteria)[::-1]:
                if f["path"] not in self.selected and self.select(f["path"], "duplicates"):
                    count += 1
        return count

    # ---- temp / large / old ----------------------------------------------------------------
    def select_temp_defaults(self, levels: Sequence[str] = ("S", "Q")) -> None:
        """Level S always; level Q only when its application is closed; R never."""
        for it in self.items["temp"]:
            level = it.get("safety")
            if level not in levels or level == "R":
                continue
            if level == "Q" and it.get("app_running"):
                continue
            self.select(it["path"], "temp")

    def select_category(self, category: str) -> int:
        """Every item of one storage-review kind (``plan --empty-folders`` and the like)."""
        return sum(1 for it in self.items.get(category, []) if self.select(it["path"], category))

    # ---- output ----------------------------------------------------------------------------
    def actions(self, op: str = "trash") -> list[dict[str, Any]]:
        """Plan actions for the current selection (see cleanup-interfaces.md, Disk ACTION)."""
        out: list[dict[str, Any]] = []
        order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
        for path, category in sorted(self.selected.items(), key=lambda kv: (order.get(kv[1], len(order)), kv[0])):
            ok = not any(keep_rules.is_inside(path, d) for d in self.reference_dirs)
            if not ok:
                continue
            group = self._group_of.get(path)
            item = self._find_item(path, category)
            base = self._file_of.get(path) or item
            assert base is not None  # a selected path is a duplicate copy or an item (select() checks)
            action = {
                "id": action_id(path), "op": op, "category": category,
                "group": group.id if group else None, "path": path,
                "root": base.get("root") or "", "size": int(base.get("size", group.size if group else 0)),
                "allocated": int(base.get("allocated") or 0), "mtime_ns": int(base["mtime_ns"]),
                "dev": int(base["dev"]), "ino": int(base["ino"]),
                "digest": group.digest if group else (item or {}).get("digest"), "keep": (item or {}).get("keep"),
                "rule": item.get("rule") if item else None, "safety": item.get("safety") if item else None,
            }
            for extra in ("similar_to", "target", "folders", "files"):
                if item and extra in item and category in EXTRA_CATEGORIES:
                    action[extra] = item[extra]
            if base.get("online_only"):
                action["online_only"] = True  # not on this disk: deleted from the cloud (the executor re-checks)
            if group is not None:
                kept = self.kept_copy(group)
                action["keep"] = {"path": kept["path"], "digest": group.digest, "size": group.size,
                                  "dev": int(kept["dev"]), "ino": int(kept["ino"])}
            out.append(action)
        return out

    def summary(self) -> dict[str, Any]:
        from cleanup_desktop.core.run.plan import summarize
        return summarize(self.actions())

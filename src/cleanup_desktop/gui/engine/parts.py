"""Which engine parts have landed, and importing them lazily.

Pages never import core modules directly: they ask here whether a part has landed
(:func:`available`) and call thin wrappers that only translate GUI preferences into the
core's own arguments. No engine logic lives here.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Optional

PARTS: dict[str, tuple[str, ...]] = {
    "scan": ("cleanup_desktop.core.disk.scan",),
    "temp": ("cleanup_desktop.core.disk.rules",),
    "clean": (
        "cleanup_desktop.core.disk.selection",
        "cleanup_desktop.core.run.plan",
        "cleanup_desktop.core.run.execute",
        "cleanup_desktop.core.run.journal",
    ),
    "impact": ("cleanup_desktop.core.impact",),
    "bilan": ("cleanup_desktop.core.bilan",),
    "sheets": ("cleanup_desktop.core.sheets",),
    "mail": ("cleanup_desktop.core.mail",),
}


def module(name: str) -> Optional[ModuleType]:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
            return None  # not landed yet
        raise


def available(part: str) -> bool:
    return all(module(name) is not None for name in PARTS[part])

"""The user's declared device actions, kept per event in the app's data dir, so the desktop
app and the command line share what was entered (``declared-devices.json``)."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Optional

from cleanup_desktop.core import paths
from cleanup_desktop.core.devices.model import DeviceActions, DeviceError

FILE = "declared-devices.json"
VERSION = 1


def store_path(data_dir: Optional[os.PathLike | str] = None) -> Path:
    return (Path(data_dir) if data_dir is not None else paths.data_dir()) / FILE


def _read(path: Path) -> dict:
    try:
        raw = path.read_text("utf-8")
    except FileNotFoundError:
        return {"version": VERSION, "events": {}}
    except OSError as exc:
        raise DeviceError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise DeviceError(f"{path} is not valid JSON ({exc}); fix or delete it") from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), dict):
        raise DeviceError(f"{path} is not a declared-devices file; fix or delete it")
    return data


def load_declared(event_id: Optional[str] = None, data_dir=None) -> DeviceActions:
    """What the user declared for ``event_id`` (empty when nothing was)."""
    path = store_path(data_dir)
    entry = _read(path)["events"].get(event_id or "")
    if entry is None:
        return DeviceActions()
    try:
        return DeviceActions.from_dict(entry)
    except DeviceError as exc:
        raise DeviceError(f"{path}: {exc}", exc.field) from None


def save_declared(actions: DeviceActions, event_id: Optional[str] = None, data_dir=None) -> Path:
    """Keep ``actions`` for ``event_id`` (an empty declaration removes the entry)."""
    path = store_path(data_dir)
    data = _read(path)
    key = event_id or ""
    if actions.empty:
        data["events"].pop(key, None)
    else:
        data["events"][key] = {**actions.to_dict(),
                               "updated": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    data["version"] = VERSION
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
    os.replace(tmp, path)
    return path

"""Per-user memory of sheet ids: one stable UUID per event, in the app's data dir."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Optional

from cleanup_desktop.core import paths

IDS_FILE = "sheet-ids.json"


def _data_dir(data_dir: Optional[os.PathLike | str]) -> Path:
    return Path(data_dir) if data_dir is not None else paths.data_dir()


def sheet_id_for_event(event_id: Optional[str], data_dir: Optional[os.PathLike | str] = None) -> str:
    base = _data_dir(data_dir)
    path = base / IDS_FILE
    key = event_id or ""
    try:
        ids = json.loads(path.read_text("utf-8"))
        if not isinstance(ids, dict):
            ids = {}
    except (OSError, ValueError):
        ids = {}
    sid = ids.get(key)
    try:
        return str(uuid.UUID(sid))
    except (TypeError, ValueError):
        pass
    sid = str(uuid.uuid4())
    ids[key] = sid
    base.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(ids, indent=1), "utf-8")
    os.replace(tmp, path)
    return sid

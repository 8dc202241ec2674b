"""The GUI reaches the engine through one door (gui/engine): the devices form names no core
module, and the "has this engine part landed yet" scaffolding is gone for good (no
``available()`` check, no "not available yet in this version" text, in the code or the .ts)."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given, settings, strategies as st

import cleanup_desktop.gui as gui
from cleanup_desktop.gui import engine

GUI = Path(gui.__file__).parent
ROOT = GUI.parents[2]


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
    return out


def test_the_devices_form_goes_through_the_engine_door():
    form = GUI / "widgets" / "devices_form.py"
    assert not {m for m in imported_modules(form) if m.startswith("cleanup_desktop.core")}
    for path in GUI.rglob("*.py"):
        if "engine" not in path.relative_to(GUI).parts:
            assert not {m for m in imported_modules(path) if m.startswith("cleanup_desktop.core.devices")}, path


def test_no_part_landed_scaffolding_is_left():
    assert not (GUI / "engine" / "parts.py").exists()
    assert not hasattr(engine, "available") and not hasattr(engine, "PARTS")
    texts = [*GUI.rglob("*.py"), *(ROOT / "translations").glob("*.ts"), *(ROOT / "tools").glob("*.py"),
             *(ROOT / "bench").glob("*.py")]
    assert len(texts) > 20
    for path in texts:
        text = path.read_text(encoding="utf-8")
        assert "not available yet in this version" not in text, path
        assert "engine.available(" not in text and "gui.engine.parts" not in text, path


def test_devices_door_round_trip():
    """What the form saves through the door is what it loads back; a bad weight is None."""
    layout = engine.devices_layout()
    assert "smartphone" in layout.reemploi_rows and set(layout.reemploi_rows) <= set(layout.rows)
    actions, error = engine.load_devices("DCD-7")
    assert error is None and engine.devices_figures(actions, "inr-dcd-bilan")[0].kg == 0
    actions.set("reemploi", "smartphone", "don", 3)
    actions.recyclage["ecran"]["poidsKg"] = engine.parse_weight("2.5", "recyclage.ecran.poidsKg")
    assert engine.save_devices(actions, "DCD-7") is None
    back, error = engine.load_devices("DCD-7")
    assert error is None and back.reemploi["smartphone"]["don"] == 3 and back.recyclage["ecran"]["poidsKg"] == 2.5
    reuse, rec = engine.devices_figures(back, "inr-dcd-bilan")
    assert reuse.devices == 3 and reuse.kg > 0 and rec.weight_kg == 2.5
    assert engine.parse_weight("two kilos", "recyclage.ecran.poidsKg") is None


@settings(max_examples=60, deadline=None)
@given(text=st.text(max_size=10))
def test_the_door_turns_every_weight_into_a_number_or_none(text):
    """Rule: whatever is typed, the door answers a finite non-negative kg or None, never an
    exception (the form then marks the field)."""
    kg = engine.parse_weight(text, "recyclage.divers.poidsKg")
    assert kg is None or (isinstance(kg, float) and 0 <= kg < float("inf"))

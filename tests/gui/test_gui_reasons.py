"""The engine's reasons reach a French user in French, worded from their codes through Qt's
.ts files (gui.reasons), never by matching English sentences."""

from __future__ import annotations

import string
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from cleanup_desktop import i18n_build
from cleanup_desktop.core.messages import REASONS, Reason, placeholders
from cleanup_desktop.gui import i18n, reasons
from cleanup_desktop.gui.reasons import TEMPLATES, shown

from safe_cleanup_helpers import make_scan, temp_item, write

GUI = Path(reasons.__file__).resolve().parent


@pytest.fixture
def french(qapp):
    i18n_build.release()
    assert i18n.install(QApplication.instance(), "fr")
    yield
    i18n.install(QApplication.instance(), "en")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def ts_reasons() -> dict[str, str]:
    root = ET.parse(i18n_build.ts_path("fr")).getroot()
    ctx = [c for c in root.iter("context") if c.findtext("name") == reasons.CONTEXT]
    assert len(ctx) == 1
    return {m.findtext("source"): m.findtext("translation") for m in ctx[0].iter("message")}


def test_every_core_code_has_a_gui_entry_with_its_french():
    french = ts_reasons()
    assert set(TEMPLATES) == set(REASONS)
    for code, template in TEMPLATES.items():
        core_en, core_fr = REASONS[code]
        # the GUI never asks for a detail the engine does not give
        assert fields(template) <= placeholders(core_en), code
        assert template in french, code
        assert fields(french[template]) == fields(template), code
        if template == core_en:  # the core's own sentence: the same French as the core's table
            assert french[template] == core_fr, code


def sample(code: str) -> dict:
    return {name: f"<{name}>" for name in placeholders(REASONS[code][0])}


def test_every_code_is_shown_in_french_with_its_details(french):
    for code in REASONS:
        text = shown(Reason(code, **sample(code)))
        if REASONS[code][1] != REASONS[code][0]:
            assert text != REASONS[code][0].format_map(sample(code)), code
        for name in fields(TEMPLATES[code]):
            assert f"<{name}>" in text, code


def test_english_stays_the_engine_text_and_unknown_texts_are_kept(qapp):
    i18n.install(QApplication.instance(), "en")
    r = Reason("skip.size-changed", old=100, new=200)
    assert shown(r) == str(r) == "its size changed since the scan (100 -> 200 bytes)"
    assert shown("an outside executor's own words") == "an outside executor's own words"
    assert shown(None) == ""


def test_a_json_record_is_worded_from_its_code(french):
    rec = {"path": "/x", "error": "Permission denied", "code": "scan.permission-denied", "params": {}}
    assert shown(rec["error"], rec) == "Accès refusé"
    old = {"path": "/x", "error": "Permission denied"}  # written before codes: shown as written
    assert shown(old["error"], old) == "Permission denied"


def test_nested_reasons_are_french_too(french):
    inner = Reason("trash.read-only")
    assert shown(Reason("trash.move-failed", error=inner)) == \
        "impossible de le mettre à la corbeille : le disque est en lecture seule ; le fichier est resté en place"


def test_no_gui_module_matches_engine_sentences():
    """The sentence matchers are gone: no module of the GUI reads the engine's English."""
    assert not (GUI / "engine_text.py").exists()
    for path in GUI.rglob("*.py"):
        text = path.read_text("utf-8")
        assert "engine_text" not in text, path
    selection = (GUI / "models" / "selection.py").read_text("utf-8")
    assert '" in reason' not in selection and "import re" not in selection


# -- real scenarios, shown by the real widgets in French ------------------------------------

def test_a_real_executor_skip_is_shown_in_french(french, qtbot, tmp_path):
    from cleanup_desktop.core.run.execute import execute_plan
    from cleanup_desktop.core.run.plan import build_plan
    from cleanup_desktop.gui.widgets.outcomes import OutcomeList

    root = str(tmp_path / "root")
    f = write(f"{root}/old.tmp", b"x" * 4000, mtime=1_000_000_000)
    plan = build_plan(make_scan([root], temp=[temp_item(f, root)]))
    write(f, b"y" * 5000)
    report = execute_plan(plan)
    table = OutcomeList()
    qtbot.addWidget(table)
    table.show_outcomes(report.outcomes)
    assert table.topLevelItemCount() == 1
    assert "sa taille a changé depuis l’analyse (4000 -> 5000 octets)" in table.topLevelItem(0).text(2)


def test_a_real_scan_error_is_shown_in_french(french, qtbot, tmp_path):
    from cleanup_desktop.core.disk.scan import scan
    from tests.gui.helpers import make_window

    write(f"{tmp_path}/there/a.txt", b"a")
    result = scan([str(tmp_path / "there"), str(tmp_path / "gone")]).to_dict()
    assert any(e.get("code") == "scan.no-folder" for e in result["errors"])
    window = make_window(qtbot, "fr")
    try:
        page = window.page("scan")
        page.show_result(result)
        texts = [page.errors.item(i).text() for i in range(page.errors.count())]
        assert any(t.endswith(": Dossier introuvable") for t in texts), texts
    finally:
        window.set_language("en")


def test_a_real_refusal_is_shown_in_french(french, qtbot, tmp_path):
    import json

    from cleanup_desktop.core.run.execute import execute_plan
    from cleanup_desktop.core.run.plan import build_plan
    from cleanup_desktop.gui.widgets.outcomes import OutcomeList

    root, outside = str(tmp_path / "root"), str(tmp_path / "outside")
    honest = write(f"{root}/honest.tmp", b"h" * 3000, mtime=1_000_000_000)
    precious = write(f"{outside}/precious.tmp", b"p" * 3000, mtime=1_000_000_000)
    plan = build_plan(make_scan([root], temp=[temp_item(honest, root)]))
    edited = json.loads(json.dumps(plan))
    edited["actions"].append({**temp_item(precious, root), **{k: v for k, v in plan["actions"][0].items()
                                                              if k not in temp_item(precious, root)},
                              "id": "edited", "path": precious})
    report = execute_plan(edited, dry_run=True)
    refused = report.refused
    assert refused and refused[0].reason.code
    table = OutcomeList()
    qtbot.addWidget(table)
    table.show_outcomes(refused)
    shown_text = table.topLevelItem(0).text(2)
    assert refused[0].reason.word("fr") in shown_text and str(refused[0].reason) not in shown_text


def test_the_selection_hint_is_french(french, tmp_path):
    from cleanup_desktop.core.disk.selection import Selection
    from cleanup_desktop.gui.models.selection import explain
    from safe_cleanup_helpers import dup_group

    root = str(tmp_path / "root")
    a, b = write(f"{root}/a.bin", b"z" * 3000), write(f"{root}/b.bin", b"z" * 3000)
    sel = Selection(make_scan([root], duplicates=[dup_group([a, b], root)]))
    sel.select(a)
    assert explain(sel.can_select(b)[1]) == "Conservé : la dernière copie ne peut pas être sélectionnée, une copie reste toujours."


def test_a_mail_error_from_a_worker_is_shown_in_french(french, qtbot):
    """A mailbox scan that cannot connect: the worker's failure text is worded from its code."""
    from cleanup_desktop.core.mail.errors import describe_exception
    from cleanup_desktop.gui.workers import Task

    def scan_that_cannot_connect(progress=None, cancel=None):
        raise describe_exception(ConnectionRefusedError(), "imap.example.org", 993)

    task = Task(scan_that_cannot_connect)
    with qtbot.waitSignal(task.signals.failed, timeout=10000) as blocker:
        task.start()
    assert blocker.args == ["Le serveur de messagerie imap.example.org:993 a refusé la connexion : il est arrêté "
                            "ou le port est faux."]

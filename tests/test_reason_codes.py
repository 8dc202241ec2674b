"""Reason codes (issue 13 item 4): every reason the engine gives is a code plus params, worded
from one core table in English and French; JSON and the journal carry the code beside the
English text, which stays as it was."""

from __future__ import annotations

import ast
import json
import os
import pickle
import string
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.messages import REASONS, Reason, placeholders, reason_fields, word
from cleanup_desktop.core.sheets.messages import MESSAGES

from safe_cleanup_helpers import cli, make_scan, temp_item, write

CORE = Path(__file__).resolve().parents[1] / "src" / "cleanup_desktop" / "core"
FORMATTER = string.Formatter()


def fields(template: str) -> list[str]:
    return [name for _, name, _, _ in FORMATTER.parse(template) if name is not None]


@pytest.mark.parametrize("table", [REASONS, MESSAGES], ids=["reasons", "sheets"])
def test_every_key_has_both_languages_with_the_same_placeholders(table):
    for key, pair in table.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        en, fr = pair
        assert en.strip() and fr.strip(), key
        assert sorted(fields(en)) == sorted(fields(fr)), key


def test_reason_placeholders_are_named_and_the_french_is_french():
    for code, (en, fr) in REASONS.items():
        assert all(name and not name.isdigit() for name in fields(en)), code  # named, never {0}
        if en.strip("{}") not in placeholders(en) and en not in ("Go",):
            assert fr != en or not any(c.isalpha() for c in en.replace("$I", "")), code
    # one English sentence has one French one (the GUI's .ts keys by the English text)
    by_en: dict[str, str] = {}
    for en, fr in REASONS.values():
        assert by_en.setdefault(en, fr) == fr, en


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
ints = st.integers(-10**12, 10**12)


@st.composite
def reasons(draw, depth=1):
    code = draw(st.sampled_from(sorted(REASONS)))
    params = {}
    for name in placeholders(REASONS[code][0]):
        if depth and draw(st.booleans()):
            params[name] = draw(reasons(depth=depth - 1))
        else:
            params[name] = draw(st.one_of(text, ints))
    return Reason(code, **params)


@settings(max_examples=300, deadline=None)
@given(reasons())
def test_a_reason_is_its_english_sentence_and_survives_json_and_pickle(reason):
    assert str(reason) == word(reason.code, reason.params, "en")
    again = Reason.from_json(json.loads(json.dumps(reason_fields(reason))))
    assert again is not None and again.code == reason.code
    for lang in ("en", "fr", "fr_FR.UTF-8"):
        assert again.word(lang) == reason.word(lang)
    copied = pickle.loads(pickle.dumps(reason))
    assert copied == reason and copied.code == reason.code and copied.word("fr") == reason.word("fr")


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(REASONS)), text)
def test_a_nested_reason_is_worded_in_the_same_language(outer_code, value):
    names = sorted(placeholders(REASONS[outer_code][0]))
    if not names:
        return
    inner = Reason("skip.modified")
    outer = Reason(outer_code, **{n: inner if i == 0 else value for i, n in enumerate(names)})
    assert "il a été modifié depuis l’analyse" in outer.word("fr")
    assert "it was modified since the scan" in outer.word("en")


def test_records_that_are_not_known_reasons_are_not_taken_for_one():
    for bad in (None, "text", {"code": "no-such-code"}, {"code": "skip.size-changed", "params": {"old": 1}},
                {"code": "skip.modified", "params": "x"}, {"code": 3}, {"params": {}}):
        assert Reason.from_json(bad) is None
    with pytest.raises(KeyError):
        Reason("no-such-code")


# -- the rule for the engine's sources: reasons are codes, never sentences ------------------

RAISERS = {"Skip", "Reason", "RestoreRefused", "TrashError", "MoveError", "TrashMoveError", "SwappedError"}


def _literal_codes(node: ast.AST) -> list:
    """The string literals a reason argument can be (through a conditional)."""
    if isinstance(node, ast.IfExp):
        return _literal_codes(node.body) + _literal_codes(node.orelse)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return [node]  # an f-string: a sentence built on the spot
    return []


# calls whose reason argument (by position) must be a Reason, never a sentence
REASON_ARG = {"Refused": 1, "TrashOutcome": 2}


def _sentence(node: ast.AST) -> bool:
    if isinstance(node, ast.IfExp):
        return _sentence(node.body) or _sentence(node.orelse)
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)
                                               and bool(node.value))


def test_the_engine_gives_codes_never_sentences():
    bad, checked = [], 0
    for path in sorted(CORE.rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            where = f"{path.relative_to(CORE)}:{node.lineno}"
            if name in RAISERS and node.args:
                checked += 1
                for lit in _literal_codes(node.args[0]):
                    if not isinstance(lit, str) or lit not in REASONS:
                        bad.append((where, lit if isinstance(lit, str) else "f-string"))
            given = [node.args[REASON_ARG[name]]] if name in REASON_ARG and len(node.args) > REASON_ARG[name] else []
            given += [k.value for k in node.keywords if k.arg == "reason"]
            checked += len(given)
            bad += [(where, "a sentence as the reason") for arg in given if _sentence(arg)]
    assert checked > 150  # the walk sees the engine's reasons (skips, refusals, trash, mail)
    assert bad == []
    # and the rule bites: a sentence is caught
    probe = ast.parse('raise Skip(f"it changed {x}")\nRefused("c", "a sentence")\nOutcome(False, reason="x")')
    calls = [n for n in ast.walk(probe) if isinstance(n, ast.Call)]
    assert _literal_codes(calls[0].args[0])[0].__class__ is ast.JoinedStr
    assert _sentence(calls[1].args[1]) and _sentence(calls[2].keywords[0].value)


MAIL_ERRORS = {"MailError", "AuthError", "ConnectionLost", "UntrustedCertificate", "FolderChanged"}
# the mail modules whose errors are worded from codes (the IMAP path, the cleaners, the executor);
# the Exchange and Graph connection and settings errors too; the OAuth sign-in module and the
# account store still give sentences (shown as written)
MAIL_WORDED = ["mail/errors.py", "mail/scan.py", "mail/ops.py", "mail/sources/imap.py", "mail/sources/imap_fetch.py",
               "mail/sources/imap_scan.py", "mail/clean/imap.py", "mail/clean/remote.py", "mail/sources/ews.py",
               "mail/sources/graph_http.py", "mail/sources/graph.py", "mail/sources/remote_items.py"]


def test_the_imap_path_and_the_cleaners_raise_mail_errors_with_codes():
    bad, checked = [], 0
    for name in MAIL_WORDED:
        for node in ast.walk(ast.parse((CORE / name).read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in MAIL_ERRORS and node.args:
                checked += 1
                if _sentence(node.args[0]) or isinstance(node.args[0], ast.BinOp):
                    bad.append(f"{name}:{node.lineno}")
    assert checked >= 20 and bad == []


def test_a_connection_error_is_worded_in_french():
    from cleanup_desktop.core.mail.errors import describe_exception

    err = describe_exception(ConnectionRefusedError(), "imap.example.org", 993)
    assert err.message.code == "mail.refused" and err.kind == "down"
    assert str(err) == "The mail server imap.example.org:993 refused the connection: it is down or the port is wrong."
    assert err.message.word("fr") == ("Le serveur de messagerie imap.example.org:993 a refusé la connexion : il est "
                                      "arrêté ou le port est faux.")


# -- real runs: JSON and journal carry the code beside the English text ---------------------

def test_scan_json_errors_carry_code_and_params_beside_the_english_text(tmp_path):
    missing = str(tmp_path / "not-here")
    write(f"{tmp_path}/there/a.txt", b"a")
    out = cli("scan", str(tmp_path / "there"), missing, "--json", "--no-cache")
    doc = json.loads(out.stdout)
    err = [e for e in doc["errors"] if e["path"] == missing][0]
    assert err["error"] == "No such folder"  # unchanged for users and scripts
    assert err["code"] == "scan.no-folder" and err["params"] == {}


def test_an_executor_skip_is_journaled_with_its_code(tmp_path):
    from cleanup_desktop.core.run.execute import execute_plan
    from cleanup_desktop.core.run.journal import Journal
    from cleanup_desktop.core.run.plan import build_plan

    root = str(tmp_path / "root")
    f = write(f"{root}/old.tmp", b"x" * 4000, mtime=1_000_000_000)
    plan = build_plan(make_scan([root], temp=[temp_item(f, root)]))
    write(f, b"y" * 5000)  # it grew since the scan
    report = execute_plan(plan)
    o = report.outcomes[0]
    assert o.status == "skipped" and o.reason.code == "skip.size-changed"
    assert o.reason == "its size changed since the scan (4000 -> 5000 bytes)"
    assert o.reason.word("fr") == "sa taille a changé depuis l’analyse (4000 -> 5000 octets)"
    rec = [r for r in Journal().iter_records() if r.get("run") == report.run_id and r["event"] == "skipped"][0]
    assert rec["reason"] == str(o.reason)
    assert rec["code"] == "skip.size-changed" and rec["params"] == {"old": 4000, "new": 5000}
    assert Reason.from_json(rec).word("fr") == o.reason.word("fr")


def test_old_journal_records_without_codes_still_read(tmp_path):
    from cleanup_desktop.core.run.journal import Journal, record_problem

    old = [{"v": 1, "seq": 1, "run": "r1", "event": "skipped", "action_id": "a", "reason": "it was modified since the scan"},
           {"v": 1, "seq": 2, "run": "r1", "event": "failed", "action_id": "b", "error": "Permission denied"},
           {"v": 1, "seq": 3, "run": "r1", "event": "refused", "action_id": "c", "code": "bad-path",
            "reason": "its path is not an absolute path"}]
    version = Journal.__module__ and __import__("cleanup_desktop.core.run.journal", fromlist=["VERSION"]).VERSION
    for rec in old:
        rec["v"] = version
        assert record_problem(rec) is None, rec
        assert Reason.from_json(rec) is None  # no code: the face shows the English text as it is
    # a refusal still needs its own code; a code of the wrong type is refused
    assert record_problem({**old[2], "v": version, "code": None}) is not None
    assert record_problem({**old[0], "v": version, "params": "x"}) is not None


def test_selection_says_why_with_a_code(tmp_path):
    from cleanup_desktop.core.disk.selection import Selection
    from safe_cleanup_helpers import dup_group

    root = str(tmp_path / "root")
    a, b = write(f"{root}/a.bin", b"z" * 3000), write(f"{root}/b.bin", b"z" * 3000)
    sel = Selection(make_scan([root], duplicates=[dup_group([a, b], root)]))
    assert sel.select(a)
    ok, why = sel.can_select(b)
    assert not ok and why.code == "select.last-copy"
    assert why == "it is the last copy of this file: one copy always stays"
    assert why.word("fr") == "c’est la dernière copie de ce fichier : une copie reste toujours"


def test_scan_error_of_the_os_is_kept_as_its_own_words():
    import errno
    from cleanup_desktop.core.disk.walk import describe_error

    r = describe_error(OSError(errno.EXDEV, "Invalid cross-device link"))
    assert r.code == "os-error" and r == "Invalid cross-device link" and r.word("fr") == "Invalid cross-device link"
    assert describe_error(PermissionError(errno.EACCES, "x")).word("fr") == "Accès refusé"
    assert os.strerror(errno.EACCES)  # the errno table maps the ones users meet, the rest stay as worded


def test_a_rejected_sheet_says_why_in_french_from_its_code(tmp_path):
    from cleanup_desktop.core.sheets.aggregate import read_paths
    from cleanup_desktop.core.sheets.messages import reason_text

    (tmp_path / "empty.json").write_bytes(b"")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "other.json").write_text('{"schema": "someone-else/1"}', encoding="utf-8")
    for workers in (1, 2):  # the worker processes hand the reason back with its code
        rejected = {os.path.basename(r.file): r.reason for r in read_paths([tmp_path], workers=workers).rejected}
        assert rejected["empty.json"].code == "sheet.empty" and rejected["empty.json"] == "the file is empty"
        assert reason_text(rejected["empty.json"], "fr") == "le fichier est vide"
        assert rejected["broken.json"].code == "sheet.bad-json"
        assert reason_text(rejected["broken.json"], "fr").startswith("JSON invalide (")
        assert rejected["other.json"].code == "sheet.not-ours"
        assert reason_text(rejected["other.json"], "fr").startswith("pas une fiche Cleanup Desktop (schéma 'someone-else/1'")
    assert reason_text("a text without a code", "fr") == "a text without a code"

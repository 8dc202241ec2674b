"""The package's import graph, read from the source with ast: every ``import`` counts, at
module level and inside functions alike, relative imports resolved.

Rules: no import cycle between the project's modules; core/run imports no backend (core.disk,
core.mail) and not the composition module (core.compose); core never imports the faces (cli,
gui). The graph code is itself tested on small made-up packages (its rules are general).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

import cleanup_desktop

PACKAGE = Path(cleanup_desktop.__file__).parent

# Cycles allowed to remain (none): the test fails on a cycle that is not listed, and on a listed
# one that no longer exists, so this list can only shrink.
EXPECTED_CYCLES: set[frozenset[str]] = set()  # none: every module loop is broken


def modules_of(root: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package's __init__) for every .py under ``root``."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts = parts[:-1]
        out[".".join(parts)] = (path, package)
    return out


def imports_of(name: str, source: str, package: bool, known: set[str]) -> set[str]:
    """The project modules ``source`` imports, anywhere in it (functions included)."""
    top = name.split(".")[0]
    here = name.split(".") if package else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[:len(here) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            # "from pkg import sub" imports the module pkg.sub when it is one
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in known else mod for a in node.names]
        else:
            continue
        for t in targets:
            if t.split(".")[0] != top:
                continue
            while t and t not in known:  # "import a.b.c" of a non-module attribute: its module
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


def import_graph(root: Path) -> dict[str, set[str]]:
    mods = modules_of(root)
    known = set(mods)
    return {name: imports_of(name, path.read_text(encoding="utf-8"), package, known)
            for name, (path, package) in mods.items()}


def cycles(graph: dict[str, set[str]]) -> set[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph.get(w, ())))))
                    break
                if w in on_stack:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = set()
                    while True:
                        w = stack.pop()
                        on_stack.discard(w)
                        comp.add(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        found.add(frozenset(comp))
    return found


def _names(comps) -> list[list[str]]:
    return sorted(sorted(c) for c in comps)


# ---------------------------------------------------------------- the graph code, on made-up graphs


def _reaches(graph: dict[str, set[str]], a: str, b: str) -> bool:
    seen, todo = set(), [a]
    while todo:
        v = todo.pop()
        for w in graph.get(v, ()):
            if w == b:
                return True
            if w not in seen:
                seen.add(w)
                todo.append(w)
    return False


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from("abcdefgh"), st.sets(st.sampled_from("abcdefgh"), max_size=4), max_size=8))
def test_cycles_are_exactly_the_groups_of_modules_that_reach_each_other(raw):
    graph = {v: {w for w in ws if w != v} for v, ws in raw.items()}
    for ws in list(graph.values()):
        for w in ws:
            graph.setdefault(w, set())
    comps = cycles(graph)
    in_comp = {v: c for c in comps for v in c}
    for a in graph:
        for b in graph:
            if a != b:
                mutual = _reaches(graph, a, b) and _reaches(graph, b, a)
                assert mutual == (a in in_comp and in_comp.get(a) is in_comp.get(b)), (a, b)


def test_imports_inside_functions_and_relative_imports_count(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from . import b\n")
    (pkg / "a.py").write_text("def f():\n    from pkg.sub import b\n    return b\n")
    (pkg / "sub" / "b.py").write_text("from ..a import f\nimport pkg.sub.c as c\n")
    (pkg / "sub" / "c.py").write_text("import json\nfrom pkg import a\n")
    graph = import_graph(pkg)
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg.a", "pkg.sub.c"}
    assert graph["pkg.sub"] == {"pkg.sub.b"}
    assert _names(cycles(graph)) == [["pkg.a", "pkg.sub.b", "pkg.sub.c"]]


# ---------------------------------------------------------------- the rules, on this package


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph(PACKAGE)


def test_no_new_import_cycle(graph):
    found = cycles(graph)
    assert _names(found - EXPECTED_CYCLES) == [], "new import cycles"
    assert _names(EXPECTED_CYCLES - found) == [], "cycles gone: drop them from EXPECTED_CYCLES"


def test_core_run_names_no_backend_and_not_the_composition(graph):
    bad = {(m, t) for m, ts in graph.items() if m.startswith("cleanup_desktop.core.run")
           for t in ts if t.startswith(("cleanup_desktop.core.disk", "cleanup_desktop.core.mail"))
           or t == "cleanup_desktop.core.compose"}
    assert sorted(bad) == []


def test_core_never_imports_the_faces(graph):
    bad = {(m, t) for m, ts in graph.items() if m.startswith("cleanup_desktop.core")
           for t in ts if t.startswith(("cleanup_desktop.cli", "cleanup_desktop.gui"))}
    assert sorted(bad) == []


def test_core_run_holds_no_by_name_import():
    """No importlib / __import__ in core/run: a backend is reached through the registry."""
    for path in (PACKAGE / "core" / "run").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | \
                {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        mods = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not ({"importlib", "__import__", "import_module"} & (names | mods)), path.name


def test_the_engine_imports_no_module_by_name():
    """No ``import_module`` / ``__import__`` anywhere in core (a backend, a cleaner, a provider
    is reached through an import statement or the registry)."""
    for path in (PACKAGE / "core").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        called = {n.func.attr if isinstance(n.func, ast.Attribute) else getattr(n.func, "id", "")
                  for n in ast.walk(tree) if isinstance(n, ast.Call)}
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        assert not ({"import_module", "__import__"} & (called | imported)), path.relative_to(PACKAGE)


def _code_strings(tree: ast.AST) -> set[str]:
    """String constants of a module that are not docstrings."""
    docs = {id(n.body[0].value) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.body
            and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs}


def test_core_run_tests_no_backend_by_name():
    """No "mail-" prefix test, no backend's scan schema in core/run's code: it asks the registry."""
    from cleanup_desktop.core.disk import kinds as disk_kinds
    from cleanup_desktop.core.mail import kinds as mail_kinds

    named = {disk_kinds.SCAN_SCHEMA, mail_kinds.SCAN_SCHEMA, *mail_kinds.OPS}
    for path in (PACKAGE / "core" / "run").glob("*.py"):
        strings = _code_strings(ast.parse(path.read_text(encoding="utf-8")))
        bad = {s for s in strings if "mail" in s.lower() or s in named}
        assert bad == set(), (path.name, bad)

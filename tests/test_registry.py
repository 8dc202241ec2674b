"""core.run.registry: one backend per op and per scan schema, steps dispatched to the owner,
and the composition (core.compose) that fills it without loading a backend's engine."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from cleanup_desktop.core import compose
from cleanup_desktop.core.disk import kinds as disk_kinds
from cleanup_desktop.core.mail import kinds as mail_kinds
from cleanup_desktop.core.run import registry
from cleanup_desktop.core.run.registry import Backend, RegistryError

OPS = st.sampled_from(["t-a", "t-b", "t-c", "t-d", "t-e"])
CLAIMS = st.lists(st.tuples(st.sampled_from(["x", "y", "z"]), st.frozensets(OPS, max_size=3)), max_size=6)


@pytest.fixture
def empty_registry(monkeypatch):
    monkeypatch.setattr(registry, "_BACKENDS", {})


@settings(max_examples=200, deadline=None)
@given(CLAIMS)
def test_an_op_belongs_to_one_backend_at_most(claims):
    saved = dict(registry._BACKENDS)
    registry._BACKENDS.clear()
    try:
        owner: dict[str, str] = {}  # what the registry must say, kept by hand
        names: dict[str, frozenset] = {}
        for name, ops in claims:
            others = {op for n, o in names.items() if n != name for op in o}
            if ops & others:
                with pytest.raises(RegistryError):
                    registry.register(Backend(name, ops=tuple(sorted(ops))))
                continue
            registry.register(Backend(name, ops=tuple(sorted(ops))))
            names[name] = ops  # a name registered again replaces its former claim
        owner = {op: n for n, o in names.items() for op in o}
        for op in ("t-a", "t-b", "t-c", "t-d", "t-e"):
            b = registry.for_op(op)
            assert (b.name if b else None) == owner.get(op)
    finally:
        registry._BACKENDS.clear()
        registry._BACKENDS.update(saved)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["a1", "a2", "b1", "zz"]), max_size=12))
def test_split_by_backend_keeps_every_item_once_in_order(ops):
    a, b = Backend("ta", ops=("a1", "a2")), Backend("tb", ops=("b1",))
    with registry.registered(a), registry.registered(b):
        items = [({"op": op, "id": str(i)}, i) for i, op in enumerate(ops)]
        groups, orphans = registry.split_by_backend(items)
        got = {bk.name: pairs for bk, pairs in groups if bk.name in ("ta", "tb")}
        assert got.get("ta", []) == [p for p in items if p[0]["op"] in a.ops]
        assert got.get("tb", []) == [p for p in items if p[0]["op"] in b.ops]
        assert orphans == [p for p in items if p[0]["op"] == "zz"]


def test_registered_puts_back_what_was_there(empty_registry):
    first = Backend("x", ops=("t-a",))
    registry.register(first)
    with registry.registered(Backend("x", ops=("t-b",))):
        assert registry.for_op("t-b").name == "x" and registry.for_op("t-a") is None
    assert registry.for_op("t-a") is first and registry.for_op("t-b") is None
    with registry.registered(Backend("y", schemas=("s/1",))):
        assert registry.for_schema("s/1").name == "y"
    assert registry.for_schema("s/1") is None and registry.backends() == [first]


def test_sources_and_locations(empty_registry):
    registry.register(Backend("first", ops=("t-a",)))
    registry.register(Backend("second", ops=("t-b",), location=lambda a: "acct:" + a["who"]))
    assert registry.source_of_plan([{"op": "t-b"}, {"op": "t-b"}]) == "second"
    assert registry.source_of_plan([{"op": "t-a"}, {"op": "t-b"}]) == "first"  # mixed: the default
    assert registry.source_of_plan([]) == "first"
    assert registry.source_of({"op": "nope"}) == "" and registry.default_source() == "first"
    assert registry.location_of({"op": "t-b", "who": "me"}) == "acct:me"
    assert registry.location_of({"op": "t-a", "root": "/r"}) == "/r"


def test_the_composition_registers_disk_and_mail():
    compose.install()
    compose.install()  # again: same backends, no error
    assert [b.name for b in registry.backends()][:2] == ["disk", "mail"]
    assert registry.for_op("trash").name == "disk" and registry.for_op("mail-delete").name == "mail"
    assert registry.for_schema(disk_kinds.SCAN_SCHEMA).name == "disk"
    assert registry.for_schema(mail_kinds.SCAN_SCHEMA).name == "mail"


def test_backend_names_match_what_the_scans_write():
    from cleanup_desktop.core.disk import scan as disk_scan
    from cleanup_desktop.core.mail import scan as mail_scan

    assert disk_kinds.SCAN_SCHEMA == disk_scan.SCHEMA and mail_kinds.SCAN_SCHEMA == mail_scan.SCHEMA


PROBE = """
import json, os, sys
from cleanup_desktop.core import compose
compose.install()
after_install = sorted(sys.modules)
from cleanup_desktop.core.run.plan import build_plan
from cleanup_desktop.core.disk.scan import ScanOptions, scan
root = sys.argv[1]
doc = scan([root], ScanOptions(use_cache=False)).to_dict()
plan = build_plan(doc)
print(json.dumps({"install": after_install, "plan": sorted(sys.modules), "actions": len(plan["actions"])}))
"""


def test_a_disk_plan_loads_no_mail_module(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).write_bytes(b"x" * 5000)
    out = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["actions"] == 1
    # the mail backend's small modules only (every plan record gets its empty mail fields)
    mail_light = {"cleanup_desktop.core.mail", "cleanup_desktop.core.mail.lifecycle", "cleanup_desktop.core.mail.kinds",
                  "cleanup_desktop.core.mail.guard"}
    for phase in ("install", "plan"):
        mail = {m for m in got[phase] if m.startswith("cleanup_desktop.core.mail")}
        assert mail <= mail_light, (phase, sorted(mail - mail_light))
        assert not {"imapclient", "exchangelib", "msal"} & set(got[phase])
    # registering loads no engine of the disk backend either: only its lifecycle module
    assert "cleanup_desktop.core.disk.actions" not in got["install"]


def test_execute_plan_refuses_an_option_no_backend_reads():
    """A misspelt option (``mail_acount=``) would silently drop the account check: refused."""
    from cleanup_desktop.core.run.execute import execute_plan

    plan = {"schema": "cleanup-desktop/plan/1", "plan_id": "x", "actions": []}
    with pytest.raises(TypeError, match="mail_acount"):
        execute_plan(plan, dry_run=True, mail_acount={"host": "h"})
    assert execute_plan(plan, dry_run=True, mail_account={"host": "h"}, mail_credentials=None).outcomes == []

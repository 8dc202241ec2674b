"""Selections and plans: defaults, presets, reference folders, overlaps, validation, and the
property that no plan ever removes every copy of a duplicate group."""

import json

import pytest
from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.disk import plan as disk_plan
from cleanup_desktop.core.run import plan as planmod, registry
from cleanup_desktop.core.run.plan import PlanError, build_plan, validate_plan
from cleanup_desktop.core.disk.selection import Selection

ROOT = "/r"


def fentry(path, mtime=1, ino=None):
    return {"path": path, "mtime": "2024-01-01T00:00:00+00:00", "mtime_ns": mtime, "dev": 1,
            "ino": ino if ino is not None else abs(hash(path)) % 10**9, "allocated": 4096, "root": ROOT}


def group(paths, digest="0" * 32, size=1000, mtimes=None):
    files = [fentry(p, (mtimes or {}).get(p, 1)) for p in paths]
    return {"size": size, "digest": digest, "paths": list(paths), "allocated": 4096,
            "wasted": 4096 * (len(paths) - 1), "files": files}


def titem(path, safety="S", app_running=False, rule="r1"):
    return {**fentry(path), "size": 10, "rule": rule, "safety": safety, "label": rule, "app_running": app_running}


def scan(dups=(), temp=(), large=(), old=()):
    return {"schema": "cleanup-desktop/scan/1", "roots": [ROOT], "started": "", "finished": "", "cancelled": False,
            "duplicates": list(dups), "temp": list(temp), "large": list(large), "old": list(old),
            "errors": [], "stats": {}}


def removed(plan):
    return {a["path"] for a in plan["actions"]}


def test_plan_shape_matches_the_interface():
    s = scan([group(["/r/a/x.txt", "/r/b/x (1).txt"], digest="ab" * 16)], [titem("/r/t/cache.tmp")])
    p = build_plan(s)
    assert p["schema"] == "cleanup-desktop/plan/1" and len(p["plan_id"]) == 36
    assert p["source"] == {"schema": "cleanup-desktop/scan/1", "roots": [ROOT]}
    dup = next(a for a in p["actions"] if a["category"] == "duplicates")
    assert set(dup) == set(disk_plan.DISK_KEYS)
    assert dup["path"] == "/r/b/x (1).txt" and dup["op"] == "trash" and dup["digest"] == "ab" * 16
    assert dup["keep"]["path"] == "/r/a/x.txt" and dup["keep"]["digest"] == "ab" * 16 and dup["keep"]["size"] == 1000
    tmp = next(a for a in p["actions"] if a["category"] == "temp")
    assert tmp["keep"] is None and tmp["digest"] is None and tmp["rule"] == "r1" and tmp["safety"] == "S"
    assert p["summary"]["actions"] == 2
    assert p["summary"]["by_category"] == {"duplicates": {"count": 1, "bytes": 1000}, "temp": {"count": 1, "bytes": 10}}
    json.dumps(p)


def test_cli_flags_choose_categories_and_temp_takes_only_level_s():
    s = scan([group(["/r/a", "/r/b"])], [titem("/r/s.tmp", "S"), titem("/r/q.tmp", "Q"), titem("/r/r.tmp", "R")])
    assert {a["category"] for a in build_plan(s, duplicates=True, temp=False)["actions"]} == {"duplicates"}
    only_temp = build_plan(s, duplicates=False, temp=True)
    assert removed(only_temp) == {"/r/s.tmp"}


def test_selection_defaults_for_temp_levels():
    sel = Selection.from_scan(scan(temp=[titem("/r/s", "S"), titem("/r/q", "Q"), titem("/r/qrun", "Q", app_running=True),
                                         titem("/r/r", "R")]))
    assert set(sel.selected) == {"/r/s", "/r/q"}
    ok, why = sel.can_select("/r/qrun")
    assert not ok and "running" in why
    assert sel.select("/r/r") and sel.is_selected("/r/r")  # R: never pre-selected, but the user may pick it


def test_large_and_old_are_never_preselected_but_selectable():
    big = {**fentry("/r/big.iso"), "size": 5 << 30}
    sel = Selection.from_scan(scan(large=[big], old=[{**fentry("/r/old.doc"), "size": 5}]))
    assert sel.selected == {}
    assert sel.select("/r/big.iso")
    assert [a["category"] for a in sel.actions()] == ["large"]


def test_last_copy_is_unselectable():
    sel = Selection(scan([group(["/r/1", "/r/2", "/r/3"])]))
    assert sel.select("/r/1") and sel.select("/r/2")
    ok, why = sel.can_select("/r/3")
    assert not ok and "last copy" in why
    assert not sel.select("/r/3")
    assert not sel.toggle("/r/3") and not sel.is_selected("/r/3")
    sel.unselect("/r/1")
    assert sel.select("/r/3")


def test_presets_keep_newest_oldest_and_folder():
    g = group(["/r/a/f", "/r/b/f", "/r/c/f"], mtimes={"/r/a/f": 5, "/r/b/f": 9, "/r/c/f": 1})
    sel = Selection(scan([g]))
    sel.keep_newest()
    assert set(sel.selected) == {"/r/a/f", "/r/c/f"}
    sel.keep_oldest()
    assert set(sel.selected) == {"/r/a/f", "/r/b/f"}
    sel.keep_in_folder("/r/a")
    assert set(sel.selected) == {"/r/b/f", "/r/c/f"}
    assert sel.kept_copy(sel.groups[0])["path"] == "/r/a/f"


def test_select_everything_in_a_folder_keeps_one_when_the_whole_group_is_inside():
    g1 = group(["/r/dl/a", "/r/docs/a"], digest="1" * 32)
    g2 = group(["/r/dl/b", "/r/dl/sub/b"], digest="2" * 32)
    sel = Selection(scan([g1, g2]))
    n = sel.select_in_folder("/r/dl")
    assert n == 2
    assert sel.is_selected("/r/dl/a") and not sel.is_selected("/r/docs/a")
    assert sum(sel.is_selected(p) for p in ("/r/dl/b", "/r/dl/sub/b")) == 1


def test_reference_folder_is_kept_and_never_planned():
    g = group(["/r/ref/x", "/r/other/x", "/r/ref/y"])
    s = scan([g], [titem("/r/ref/junk.tmp")])
    p = build_plan(s, keep=["reference:/r/ref"])
    assert removed(p) == {"/r/other/x"}
    assert p["actions"][0]["keep"]["path"].startswith("/r/ref/")
    sel = Selection.from_scan(s, keep=["reference:/r/ref"])
    assert not sel.can_select("/r/ref/y")[0]


def test_a_kept_copy_that_is_also_temp_is_not_planned_twice():
    # the same file is a duplicate copy and a temp item: the group must still keep one copy
    g = group(["/r/cache/a.bin", "/r/docs/a.bin"])
    s = scan([g], [titem("/r/cache/a.bin"), titem("/r/docs/a.bin")])
    p = build_plan(s)
    assert len(removed(p)) == 1
    validate_plan(p)


def test_unknown_scan_schema_and_mail_planner_hook():
    with pytest.raises(PlanError, match="schema"):
        build_plan({"schema": "nope/1"})
    calls = []

    def mail_planner(scan_doc, **options):
        calls.append(options)
        return [{"id": "m1", "op": "mail-trash", "category": "mail-large", "group": None,
                 "account": {"kind": "imap", "host": "h", "port": 993, "user": "u", "security": "ssl"},
                 "folder": "INBOX", "uid": 7, "uidvalidity": 1, "size": 5000, "key": None, "keep": None}]

    with registry.registered(registry.Backend("test", schemas=("test/mail-scan/1",), plan=mail_planner)):
        p = build_plan({"schema": "test/mail-scan/1", "roots": []}, large=True)
    assert calls == [{"large": True}]
    assert p["actions"][0]["op"] == "mail-trash" and p["summary"]["bytes"] == 5000


@pytest.mark.parametrize("mutate, message", [
    (lambda p: p.update(schema="x"), "not a cleanup plan"),
    (lambda p: p["actions"].append(dict(p["actions"][0])), "duplicate action id"),
    (lambda p: p["actions"][0].update(path="relative/x"), "absolute"),
    (lambda p: p["actions"][0].update(size="12"), "integer"),
    (lambda p: p["actions"][0].pop("ino"), "lacks"),
    (lambda p: p["actions"][0]["keep"].update(path=p["actions"][0]["path"]), "also planned|own kept copy"),
    (lambda p: p["actions"].append({**p["actions"][0], "id": "other", "path": p["actions"][0]["keep"]["path"]}),
     "also planned"),
])
def test_validation_refuses_malformed_or_unsafe_plans(mutate, message):
    p = build_plan(scan([group(["/r/a", "/r/b"])]))
    mutate(p)
    with pytest.raises(PlanError, match=message):
        validate_plan(p)


def test_load_plan_reports_bad_files(tmp_path):
    bad = tmp_path / "p.json"
    bad.write_text("{nope")
    with pytest.raises(PlanError, match="not valid JSON"):
        planmod.load_plan(str(bad))
    with pytest.raises(PlanError, match="cannot read"):
        planmod.load_plan(str(tmp_path / "missing.json"))


def test_non_utf8_names_round_trip_through_plan_json():
    name = b"/r/caf\xe9 (1).txt".decode("utf-8", "surrogateescape")
    p = build_plan(scan([group(["/r/caf.txt", name])]))
    again = json.loads(planmod.dumps(p))
    assert again["actions"][0]["path"] == name
    validate_plan(again)


# ---- property: whatever the selection, a plan never removes every copy of a group -----------

folders = st.sampled_from(["/r/a", "/r/b", "/r/a/deep", "/r/ref"])
op_st = st.one_of(
    st.tuples(st.just("select"), st.integers(0, 30)),
    st.tuples(st.just("toggle"), st.integers(0, 30)),
    st.tuples(st.just("unselect"), st.integers(0, 30)),
    st.tuples(st.just("select_in_folder"), folders),
    st.tuples(st.just("keep_in_folder"), folders),
    st.tuples(st.just("preset"), st.sampled_from(["keep_newest", "keep_oldest", "apply_keep", "select_temp_defaults"])),
    st.tuples(st.just("clear"), st.sampled_from([None, "duplicates", "temp"])),
)


@st.composite
def scans(draw):
    n_groups = draw(st.integers(1, 4))
    groups, all_paths = [], []
    for g in range(n_groups):
        k = draw(st.integers(2, 4))
        paths = [f"{draw(folders)}/g{g}_{i}{draw(st.sampled_from(['', ' (1)', ' - Copie']))}.bin" for i in range(k)]
        mtimes = {p: draw(st.integers(0, 3)) for p in paths}
        groups.append(group(paths, digest=f"{g:032x}", mtimes=mtimes))
        all_paths += paths
    temp_paths = draw(st.lists(st.sampled_from(all_paths), max_size=4, unique=True))
    temps = [titem(p, draw(st.sampled_from("SQR"))) for p in temp_paths]
    return scan(groups, temps), all_paths


@settings(max_examples=300, deadline=None)
@given(scans(), st.lists(st.sampled_from(["newest", "oldest", "shortest-path", "longest-path", "least-nested",
                                          "most-nested", "no-copy-suffix", "largest-allocated", "reference:/r/ref"]),
                         max_size=3),
       st.lists(op_st, max_size=12), st.booleans())
def test_no_plan_ever_removes_every_copy_of_a_group(scan_and_paths, keep, ops, reference):
    s, paths = scan_and_paths
    sel = Selection.from_scan(s, keep=keep + (["reference:/r/ref"] if reference else []))
    for name, arg in ops:
        if name in ("select", "toggle", "unselect"):
            getattr(sel, name)(paths[arg % len(paths)])
        elif name == "preset":
            getattr(sel, arg)()
        elif name == "clear":
            sel.clear(arg)
        else:
            getattr(sel, name)(arg)
        for g in sel.groups:  # the invariant holds after every single step
            assert any(not sel.is_selected(p) for p in g.paths)
    p = disk_plan.plan_from_selection(sel)
    validate_plan(p)
    gone = removed(p)
    for g in s["duplicates"]:
        assert not set(g["paths"]) <= gone
    for a in p["actions"]:
        if a["keep"]:
            assert a["keep"]["path"] not in gone
        for ref in sel.reference_dirs:
            assert not a["path"].startswith(ref + "/")
    # the CLI-style planner too
    validate_plan(build_plan(s, keep=keep))
    assert all(not set(g["paths"]) <= removed(build_plan(s, keep=keep)) for g in s["duplicates"])

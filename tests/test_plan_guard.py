"""The rules the plan checks and the output escaping guarantee, tested as properties."""

from __future__ import annotations

import os
import unicodedata

from hypothesis import given, settings, strategies as st

from cleanup_desktop.core.disk import guard as disk_guard
from cleanup_desktop.core.run import guard as plan_guard
from cleanup_desktop.core.paths import is_inside, printable

ROOT = "/home/me/scanned"
RECORD = {"roots": [{"path": ROOT, "dev": 1, "ino": 2}, {"path": "/data/photos", "dev": 3, "ino": 4}]}
COMPONENTS = st.sampled_from(["..", ".", "", "a", "b", "scanned", "me", "home", "data", "photos", "x.tmp", "é"])


@settings(max_examples=500, deadline=None)
@given(st.lists(COMPONENTS, min_size=1, max_size=8))
def test_an_accepted_path_is_plain_and_really_inside_its_recorded_root(parts):
    path = "/" + "/".join(parts)
    try:
        disk_guard.clean_components(path)
        root = disk_guard.root_of(path, RECORD)
    except plan_guard.Refused as exc:
        assert exc.code in ("bad-path", "outside-roots")
        return
    # the rule: no component can move the path anywhere else, and it lies strictly below a root
    assert os.path.normpath(path) == path
    assert is_inside(path, root["path"]) and path != root["path"]
    assert not any(p in ("", ".", "..") for p in parts)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_printable_text_holds_no_control_or_direction_character(text):
    out = printable(text)
    bad = [c for c in out if unicodedata.category(c) == "Cc" or c in "\u061c\u200e\u200f\u2028\u2029"
           or "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069"]
    assert bad == []
    if text.isprintable():
        assert out == text


def test_a_plan_id_never_names_a_file_outside_the_records_folder():
    for bad in ("../x", "/etc/passwd", "a" * 36, "", None, 5):
        assert plan_guard.load_record(bad) is None

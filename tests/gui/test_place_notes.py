"""The review and the clean confirmation say where items go: a drive without a trash (the
quarantine folder) and online-only cloud files (deleted from the cloud), in English and French."""

from __future__ import annotations

import os

import pytest

from cleanup_desktop.core.disk.scan import ScanOptions, scan
from cleanup_desktop.gui import engine

from tests.gui.helpers import make_tree, make_window

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize("language, no_trash, online", [
    ("en", "This drive has no trash: items go to a quarantine folder", "deleted from the cloud"),
    ("fr", "Ce disque n'a pas de corbeille : les éléments vont dans un dossier de quarantaine", "est supprimé du cloud"),
])
def test_review_and_confirmation_say_where_items_go(qtbot, isolated_home, monkeypatch, language, no_trash, online):
    share = isolated_home / "share"
    make_tree(share)
    monkeypatch.setenv("CLEANUP_DESKTOP_NETWORK_MOUNTS", str(share))  # stands in for an SMB share
    cloud_file = isolated_home / "OneDrive" / "film.mp4"
    cloud_file.parent.mkdir()
    with open(cloud_file, "wb") as fh:
        fh.truncate(3_000_000)  # online only: a size, no block on this disk
    doc = scan([str(share), str(cloud_file.parent)], ScanOptions(use_cache=False, temp=False)).to_dict()
    assert [f["path"] for f in doc["online_only"]] == [str(cloud_file)]

    window = make_window(qtbot, language)
    window.session.scan = doc
    review = window.page("review")
    review.load(doc)
    text = review.place_note.text()
    assert not review.place_note.isHidden()
    assert no_trash in text and str(share) in text
    assert "OneDrive" not in text.split("\n")[0]

    chooser = window.session.selection
    assert chooser.selection.select(str(cloud_file), "large")
    clean = window.page("clean")
    clean.show_plan(engine.make_plans(chooser, [], False))
    note = clean.place_note.text()
    assert not clean.place_note.isHidden()
    assert no_trash.split(":")[0] in note and ".cleanup-desktop-quarantine" in note
    assert online in note
    window.session.prefs.permanent = True  # permanent deletion: no trash at all, nothing to say
    clean.show_plan(engine.make_plans(chooser, [], True))
    assert clean.place_note.isHidden()
    window.session.prefs.permanent = False
    assert os.path.exists(cloud_file)  # nothing was run

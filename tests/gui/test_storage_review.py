"""The storage review in a real window: the map comes first and zooms on click, the mailbox is
one more area, the new kinds are listed unticked, similar photos show side by side, ticking one
plans it, and the unsubscribe dialog ticks a sender's old mail."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings, strategies as st
from PySide6.QtCore import QPointF, QRectF, Qt

from tests.gui.helpers import make_window

pytestmark = pytest.mark.timeout(180)


def put(path, data: bytes = b"") -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)


def storage_tree(root) -> dict:
    from tests.photo_factory import write_family

    fam = write_family(root / "Pictures", 5)
    big = os.urandom(200_000)
    for top in ("Work/Plans", "Backup/Copy of Plans"):
        put(str(root / top / "plan.dwg"), big)
        put(str(root / top / "readme.txt"), b"plans\n")
    (root / "Work" / "old" / "empty").mkdir(parents=True)
    put(str(root / "Music" / "song.flac"), os.urandom(400_000))
    return {k: str(v) for k, v in fam.items()}


def scanned_window(qtbot, tmp_path, language="en"):
    fam = storage_tree(tmp_path)
    window = make_window(qtbot, language)
    session = window.session
    session.prefs.similar_images = True
    targets = window.page("targets")
    targets.set_checked_roots([str(tmp_path)])
    targets.set_temp_locations(lambda path: False)
    targets.similar_box.setChecked(True)
    targets.on_primary()
    qtbot.waitUntil(lambda: session.scan is not None, timeout=90_000)
    window.show_page("review")
    return window, fam


def mail_scan():
    now = datetime.now(timezone.utc)
    items = [{"folder": "INBOX", "uid": n, "uidvalidity": 1, "size": 10_000, "key": f"k{n}",
              "date": (now - timedelta(days=30 * n)).isoformat()} for n in range(1, 13)]
    sender = {"key": "newsletter:news@example.com", "kind": "newsletter", "name": "News <news@example.com>",
              "messages": 12, "bytes": 120_000, "folders": ["INBOX"], "items": items,
              "unsubscribe": {"targets": ["mailto:u@example.com", "https://example.com/u"],
                              "one_click": "https://example.com/u", "sample": {"folder": "INBOX", "uid": 1}}}
    return {"schema": "cleanup-desktop/mail-scan/1", "account": "anne@example.org", "cancelled": False,
            "folders": [{"name": "INBOX", "messages": 12, "bytes": 5_000_000}, {"name": "Sent", "messages": 3, "bytes": 2_000_000}],
            "duplicates": [], "large_messages": [], "attachments": [], "old": [], "senders": [sender], "errors": []}


def test_map_first_zoom_and_mailbox_area(qtbot, tmp_path):
    window, _fam = scanned_window(qtbot, tmp_path)
    review = window.page("review")
    assert review.categories.item(0).data(Qt.ItemDataRole.UserRole) == "storage-map"
    assert review.stack.currentWidget() is review.storage_map
    qtbot.waitUntil(review.storage_map.ready, timeout=10_000)  # the tree is built in a worker
    canvas = review.storage_map.canvas
    canvas.resize(800, 500)
    canvas.repaint()
    start = canvas.current
    assert start.path == str(tmp_path) and {c.name for c in start.children} >= {"Pictures", "Work", "Backup", "Music"}
    work = next(c for c in start.children if c.name == "Work")
    assert work.found.get("duplicates", 0) == 0  # the kept copy is in Work
    backup = next(c for c in start.children if c.name == "Backup")
    assert backup.found.get("duplicates", 0) > 0
    rect = next(r for r, n, d in canvas.hits if n is backup and d == 0)
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert canvas.current is not start and canvas.current.path.startswith(str(backup.path))
    qtbot.keyClick(canvas, Qt.Key.Key_Backspace)
    canvas.up_to(0)
    window.session.add_mail_scan(mail_scan())
    qtbot.waitUntil(review.storage_map.ready, timeout=10_000)
    top = canvas.current
    assert any(c.kind == "mail" and c.size == 7_000_000 for c in top.children)


def test_new_kinds_listed_unticked_and_similar_photos_side_by_side(qtbot, tmp_path):
    window, fam = scanned_window(qtbot, tmp_path)
    review = window.page("review")
    chooser = window.session.selection
    for key in ("duplicate_folders", "similar_images", "empty_folders"):
        assert review.views[key].model.rowCount() >= 1, key
    assert not any(c in ("duplicate_folders", "similar_images", "empty_folders") for c in chooser.selection.selected.values())
    view = review.views["similar_images"]
    model = view.model
    paths = {model.rows[r]["path"] for r in range(model.rowCount())}
    assert paths == {fam["resized"], fam["recompressed"]}  # the kept original is not offered
    view.view.setCurrentIndex(view.proxy.index(0, 0))
    assert not view.pair.kept.picture.pixmap().isNull() and not view.pair.other.picture.pixmap().isNull()
    assert "Canon EOS 80D" in view.pair.kept.facts.text()
    assert model.setData(model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    plan = window.session.selection.selection.actions()
    (action,) = [a for a in plan if a["category"] == "similar_images"]
    assert action["similar_to"]["path"] == fam["original"]


def test_unsubscribe_dialog_ticks_old_mail(qtbot, tmp_path):
    from cleanup_desktop.gui.dialogs.unsubscribe import UnsubscribeDialog

    window, _fam = scanned_window(qtbot, tmp_path)
    window.session.add_mail_scan(mail_scan())
    choice = window.session.mail_choosers[-1]
    sender = choice.scan["senders"][0]
    dialog = UnsubscribeDialog(choice.scan, sender, choice, window)
    qtbot.addWidget(dialog)
    assert not dialog.one_click_button.isHidden()
    dialog.delete_box.setChecked(True)
    dialog.months.setValue(6)
    assert "6 mails" in dialog.delete_note.text()  # plural form from the .ts
    dialog.accept()
    assert len(choice.selected) == 6
    assert choice.totals() == (6, 60_000)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=40),
       st.floats(min_value=20, max_value=2000), st.floats(min_value=20, max_value=2000))
def test_squarify_tiles_the_rectangle_in_proportion(sizes, w, h):
    from cleanup_desktop.gui.widgets.storage_map import squarify

    sizes = sorted(sizes, reverse=True)
    rect = QRectF(0, 0, w, h)
    rects = squarify(sizes, rect)
    total = sum(sizes)
    assert len(rects) == len(sizes)
    for s, r in zip(sizes, rects):
        assert abs(r.width() * r.height() - s / total * w * h) <= 1e-6 * w * h + 1e-6
        assert r.left() >= -1e-6 and r.top() >= -1e-6 and r.right() <= w + 1e-6 and r.bottom() <= h + 1e-6
    assert abs(sum(r.width() * r.height() for r in rects) - w * h) <= 1e-6 * w * h
    for i, a in enumerate(rects):  # no two overlap
        for b in rects[i + 1:]:
            inter = a.intersected(b)
            assert inter.width() * inter.height() <= 1e-6 * w * h

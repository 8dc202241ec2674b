"""The window itself: settings persisted, geometry remembered, keyboard and accessible names,
the demo folder, cancel, permanent deletion wording and "empty what I trashed"."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
)

from cleanup_desktop.gui import format as fmt
from tests.gui.helpers import answer_next_box, make_tree, make_window

pytestmark = pytest.mark.timeout(120)


def test_settings_dialog_values_are_saved_and_read_back(qtbot):
    from cleanup_desktop.gui.dialogs.settings import SettingsDialog
    from cleanup_desktop.gui.settings import load_preferences

    window = make_window(qtbot)
    dialog = SettingsDialog(window.session.prefs, window)
    methods = [dialog.method.itemData(i) for i in range(dialog.method.count())]
    assert "inr-dcd-bilan" in methods and len(methods) >= 4
    dialog.method.setCurrentIndex(methods.index("letsdoit-world") if "letsdoit-world" in methods else 1)
    dialog.min_size.setValue(64)
    dialog.paranoid.setChecked(True)
    dialog.permanent.setChecked(True)
    dialog.exclusions.addItem("/srv/never")
    window.apply_settings(dialog)
    prefs = load_preferences()
    assert prefs.method == dialog.method.currentData()
    assert prefs.min_size == 64_000 and prefs.paranoid and prefs.permanent
    assert prefs.exclusions == ["/srv/never"]
    # The scan options the engine receives come from these settings.
    from cleanup_desktop.gui import engine

    opts = engine.scan_options(prefs)
    assert opts.min_size == 64_000 and opts.paranoid and opts.extra_excludes == ["/srv/never"]


def test_window_geometry_is_remembered(qtbot):
    from cleanup_desktop.gui.settings import load_geometry

    window = make_window(qtbot)
    window.resize(931, 642)
    saved = window.saveGeometry()
    window.close()
    assert load_geometry("main") == saved
    again = make_window(qtbot)
    # The offscreen test screen is 800x600: the window comes back fitted to it (never larger
    # than the screen, never under the minimum size).
    available = again.screen().availableGeometry()
    assert again.height() == max(again.minimumHeight(), min(642, available.height() - 40))


def test_every_input_has_an_accessible_name_and_steps_have_shortcuts(qtbot):
    window = make_window(qtbot)
    unnamed = []
    for page in window.pages.values():
        for cls in (QLineEdit, QComboBox, QAbstractItemView):
            for w in page.findChildren(cls):
                inner = isinstance(w, QHeaderView) or isinstance(w.parent(), (QComboBox, QAbstractSpinBox)) \
                    or w.objectName().startswith("qt_")
                if w.isVisibleTo(page) and not w.accessibleName() and not inner:
                    unnamed.append(f"{type(page).__name__}: {type(w).__name__}")
        for b in page.findChildren(QAbstractButton):
            if b.isVisibleTo(page) and not (b.text() or b.accessibleName()):
                unnamed.append(f"{type(page).__name__}: button")
    assert unnamed == [], unnamed
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)
    for number, key in enumerate(window.pages, start=1):
        QTest.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.AltModifier)
        assert window.stack.currentWidget() is window.page(key)
    assert all(p.primary.isDefault() for p in window.pages.values())


def test_demo_folder_has_something_in_every_category(qtbot):
    from cleanup_desktop.gui import engine
    from cleanup_desktop.gui.demo import make_demo_folder
    from cleanup_desktop.gui.settings import Preferences

    folder = make_demo_folder()
    result = engine.run_scan([folder], engine.scan_options(Preferences(), large_min_size=1 << 20))
    assert len(result["duplicates"]) >= 4
    assert result["large"] and result["old"]
    assert result["temp"], "the demo has leftover files the temp rules recognise"


def test_cancel_keeps_the_window_usable(qtbot, tmp_path):
    make_tree(tmp_path)
    window = make_window(qtbot)
    targets = window.page("targets")
    targets.set_checked_roots([str(tmp_path)])
    targets.set_temp_locations(lambda p: False)
    targets.on_primary()
    scan = window.page("scan")
    scan.cancel()
    qtbot.waitUntil(lambda: not scan.running, timeout=30_000)
    assert not scan.cancel_button.isEnabled()
    assert scan.again_button.isEnabled()


def test_permanent_mode_says_so_and_empty_trash_frees_exactly_ours(qtbot, tmp_path):
    from cleanup_desktop.core.bilan import compute_bilan

    files = make_tree(tmp_path)
    window = make_window(qtbot)
    targets = window.page("targets")
    targets.set_checked_roots([str(tmp_path)])
    targets.set_temp_locations(lambda p: False)
    targets.on_primary()
    qtbot.waitUntil(lambda: window.session.scan is not None, timeout=60_000)
    window.session.prefs.permanent = True
    window.page("review").on_primary()
    clean = window.page("clean")
    qtbot.waitUntil(lambda: clean.plan is not None, timeout=30_000)
    assert "deleted permanently" in clean.what.text() and "cannot be undone" in clean.what.text()
    assert "Delete permanently" in clean.primary.text()
    # Back to the trash, clean, then empty exactly what was trashed from the bilan.
    window.session.prefs.permanent = False
    clean.prepare()
    qtbot.waitUntil(lambda: clean.plan is not None, timeout=30_000)
    clean.on_primary()
    qtbot.waitUntil(lambda: clean.report is not None, timeout=30_000)
    bilan = window.page("bilan")
    window.show_page("bilan")
    qtbot.waitUntil(lambda: bilan.bilan is not None and not bilan.refreshing, timeout=30_000)
    trashed = compute_bilan().in_trash_bytes
    assert trashed > 0 and bilan.empty_button.isEnabled()
    # Emptying deletes for good: one question, in words, with the count and size; No is the default.
    seen: list = []
    answer_next_box("no", seen)
    bilan.empty_trash()
    count = len(bilan.bilan.in_trash_actions)
    assert seen and seen[0][1], "No must be the default answer"
    assert f"{count} items ({fmt.size(trashed)})" in seen[0][0] and "deleted for good" in seen[0][0]
    assert compute_bilan().in_trash_bytes == trashed and bilan.task is None  # No: nothing emptied
    answer_next_box("yes")
    bilan.empty_trash()
    qtbot.waitUntil(lambda: "really freed" in bilan.status.text(), timeout=30_000)
    after = compute_bilan()
    assert after.in_trash_bytes == 0 and after.local_bytes == trashed
    assert not os.path.exists(files["a_copy"]) and os.path.exists(files["a_orig"])  # default rule keeps the original


@pytest.mark.skipif(sys.platform != "linux", reason="offscreen platform check")
def test_demo_command_opens_the_window(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.Popen([sys.executable, "-m", "cleanup_desktop", "--demo"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(4)
        assert proc.poll() is None, proc.communicate()
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=10)
    samples = list((tmp_path / "data" / "cleanup-desktop" / "demo").iterdir())
    assert samples and (samples[0] / "Documents").is_dir()


def test_space_ticks_the_current_item_from_the_keyboard(qtbot, tmp_path):
    make_tree(tmp_path)
    window = make_window(qtbot)
    targets = window.page("targets")
    targets.set_checked_roots([str(tmp_path)])
    targets.set_temp_locations(lambda p: False)
    targets.on_primary()
    qtbot.waitUntil(lambda: window.session.scan is not None, timeout=60_000)
    window.show_page("review")
    review = window.page("review")
    review.categories.setCurrentRow(next(  # large files: nothing ticked by default
        i for i in range(review.categories.count()) if review.categories.item(i).data(Qt.ItemDataRole.UserRole) == "large"))
    view = review.views["large"]
    qtbot.waitUntil(lambda: view.view.isVisible(), timeout=5_000)
    index = view.proxy.index(0, 0)
    view.view.setFocus()
    view.view.setCurrentIndex(index)
    assert view.proxy.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    QTest.keyClick(view.view, Qt.Key.Key_Space)
    assert view.proxy.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    QTest.keyClick(view.view, Qt.Key.Key_Space)
    assert view.proxy.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_one_progress_row_per_folder_and_one_for_the_comparison(qtbot, tmp_path):
    from tests.gui.helpers import write

    for name in ("one", "two"):
        for i in range(30):
            write(tmp_path / name / f"f{i}.bin", bytes([i]) * 5000)  # copies across the two folders
    window = make_window(qtbot)
    targets = window.page("targets")
    targets.set_checked_roots([str(tmp_path / "one"), str(tmp_path / "two")])
    targets.set_temp_locations(lambda p: False)
    targets.on_primary()
    qtbot.waitUntil(lambda: window.session.scan is not None, timeout=60_000)
    scan = window.page("scan")
    assert set(scan.rows) >= {str(tmp_path / "one"), str(tmp_path / "two")}
    assert all(row.bar.maximum() > 0 for row in scan.rows.values())  # every bar ended, none left busy
    assert len(window.session.scan["duplicates"]) == 30


def test_permanent_deletion_asks_once_more_and_no_means_nothing_happens(qtbot, tmp_path):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from cleanup_desktop.core.bilan import compute_bilan

    files = make_tree(tmp_path)
    window = make_window(qtbot)
    window.session.prefs.permanent = True
    targets = window.page("targets")
    targets.set_checked_roots([str(tmp_path)])
    targets.set_temp_locations(lambda p: False)
    targets.on_primary()
    qtbot.waitUntil(lambda: window.session.scan is not None, timeout=60_000)
    window.page("review").on_primary()
    clean = window.page("clean")
    qtbot.waitUntil(lambda: clean.plan is not None, timeout=30_000)

    seen: list = []
    answer_next_box("no", seen)
    clean.on_primary()
    count, size = clean.plan_totals()
    assert seen[0][1] and "cannot be restored" in seen[0][0] and f"{count} items ({fmt.size(size)})" in seen[0][0]
    assert clean.task is None or clean.task.fn.__name__ == "make_plans"
    assert os.path.exists(files["a_copy"])
    answer_next_box("yes")
    clean.on_primary()
    qtbot.waitUntil(lambda: clean.report is not None, timeout=30_000)
    assert not os.path.exists(files["a_copy"]) and os.path.exists(files["a_orig"])
    bilan = compute_bilan()
    assert bilan.in_trash_bytes == 0 and bilan.local_bytes > 0
    assert not clean.undo_button.isVisible()


def test_usual_folders_and_cloud_drives_are_offered_with_their_size(qtbot, isolated_home):
    from tests.gui.helpers import write

    write(isolated_home / "Documents" / "a.txt", b"x" * 2000)
    (isolated_home / "Downloads").mkdir()
    write(isolated_home / "Dropbox" / "b.txt", b"y" * 3000)
    window = make_window(qtbot)
    tree = window.page("targets").tree
    rows = {tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}
    assert str(isolated_home / "Documents") in rows and str(isolated_home / "Dropbox") in rows
    assert str(isolated_home / "Downloads") in rows
    qtbot.waitUntil(lambda: rows[str(isolated_home / "Dropbox")].text(1) == "3 kB", timeout=10_000)
    assert all(item.checkState(0) == Qt.CheckState.Checked for item in rows.values())


def test_review_why_link_explains_in_one_short_box(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    window = make_window(qtbot)
    review = window.page("review")
    assert 'href="why"' in review.intro_label.text()
    seen = []

    def close():
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(100, close)
    review.intro_label.linkActivated.emit("why")
    assert seen and "One copy of every duplicate always stays" in seen[0]


def test_bilan_of_a_big_journal_is_read_in_a_worker(qtbot, tmp_path, monkeypatch):
    from cleanup_desktop.core.bilan import compute_bilan
    from cleanup_desktop.gui import engine, format as fmt

    make_tree(tmp_path)
    window = make_window(qtbot)
    targets = window.page("targets")
    targets.set_checked_roots([str(tmp_path)])
    targets.set_temp_locations(lambda p: False)
    targets.on_primary()
    qtbot.waitUntil(lambda: window.session.scan is not None, timeout=60_000)
    window.page("review").on_primary()
    clean = window.page("clean")
    qtbot.waitUntil(lambda: clean.plan is not None, timeout=30_000)
    monkeypatch.setattr(engine, "journal_is_small", lambda: False)
    clean.on_primary()
    qtbot.waitUntil(lambda: clean.report is not None, timeout=30_000)
    page = window.page("bilan")
    page.refresh()
    assert page.refreshing  # the journal is read in the worker, the window goes on
    qtbot.waitUntil(lambda: not page.refreshing, timeout=30_000)
    assert page.card_trash.value_label.text() == fmt.size(compute_bilan().in_trash_bytes) != fmt.size(0)


def test_custom_method_factors_are_typed_in_the_settings_and_used(qtbot):
    from cleanup_desktop.gui import engine
    from cleanup_desktop.gui.dialogs.settings import SettingsDialog
    from cleanup_desktop.gui.settings import load_preferences

    window = make_window(qtbot)
    dialog = SettingsDialog(window.session.prefs, window)
    assert not dialog._form.isRowVisible(dialog.custom_cloud)
    dialog.method.setCurrentIndex(dialog.method.findData("custom"))
    assert dialog._form.isRowVisible(dialog.custom_cloud)
    dialog.custom_cloud.setValue(100.0)
    dialog.custom_local.setValue(10.0)
    window.apply_settings(dialog)
    prefs = load_preferences()
    assert (prefs.method, prefs.custom_cloud_g, prefs.custom_local_g) == ("custom", 100.0, 10.0)
    # 2 GB local + 1 GB on servers = 2 x 10 g + 1 x 100 g
    assert engine.kg_for_bytes(2 * 10**9, engine.method_of(prefs), 10**9) == pytest.approx(0.12)


def test_running_estimate_counts_like_the_bilan(tmp_path):
    """Files in a cloud-drive folder count as cloud, mails with the per-email factor."""
    from cleanup_desktop.core.impact.classify import Classifier, SyncFolder
    from cleanup_desktop.core.impact.compute import Quantities, compute
    from cleanup_desktop.gui import engine

    class FakeChooser:
        pass

    drive = tmp_path / "OneDrive"
    chooser = FakeChooser()
    chooser.sizes = {str(drive / "a.bin"): 3_000_000_000, str(tmp_path / "Documents" / "b.bin"): 1_000_000_000}
    chooser.selection = FakeChooser()
    chooser.selection.selected = dict.fromkeys(chooser.sizes, "duplicates")
    classifier = Classifier(sync_folders=[SyncFolder("onedrive", str(drive))], network=[])
    local, cloud = engine.selection_split(chooser, classifier)
    assert (local, cloud) == (1_000_000_000, 3_000_000_000)
    method = engine.get_method("inr-dcd-bilan")
    kg = engine.kg_for_bytes(local, method, cloud + 2_000_000_000, emails=10_000)
    expected = compute(Quantities(go_cloud=5.0, go_local=1.0, emails=10_000, emails_measured=10_000), method).kg
    assert kg == pytest.approx(expected)
    assert kg > compute(Quantities(go_cloud=5.0, go_local=1.0), method).kg  # the mails count

"""The review's storage kinds (issue 19): the map first, then duplicate folders, similar photos
(with the kept photo and the chosen one side by side), empty folders, empty files and broken
links. Nothing here is ticked by default; the rows are core.disk.selection's items, so the same
rules hold as on the command line (the kept folder or photo can't be ticked)."""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QListWidgetItem, QSizePolicy, QWidget

from cleanup_desktop.gui import format as fmt
from cleanup_desktop.gui.models.columns import FOLDER, MODIFIED, NAME, RIGHT, SIZE, Column
from cleanup_desktop.gui.models.files import FileTableModel, ItemRole
from cleanup_desktop.gui.widgets.category_view import CategoryView
from cleanup_desktop.gui.widgets.storage_map import StorageMap


FILES = Column("files", lambda: QCoreApplication.translate("StorageReview", "Files"), lambda i: fmt.number(i.get("files", 0)), lambda i: i.get("files", 0), RIGHT)
KEPT = Column("kept", lambda: QCoreApplication.translate("StorageReview", "Kept copy"), lambda i: (i.get("keep") or i.get("similar_to") or {}).get("path", ""),
              lambda i: (i.get("keep") or i.get("similar_to") or {}).get("path", ""))
TARGET = Column("target", lambda: QCoreApplication.translate("StorageReview", "Pointed to"), lambda i: i.get("target", ""), lambda i: i.get("target", ""))
FOLDERS = Column("folders", lambda: QCoreApplication.translate("StorageReview", "Empty folders inside"), lambda i: fmt.number(i.get("folders", 1)),
                 lambda i: i.get("folders", 1), RIGHT)
RESOLUTION = Column("pixels", lambda: QCoreApplication.translate("StorageReview", "Resolution"), lambda i: f"{i.get('width', 0)} × {i.get('height', 0)}",
                    lambda i: i.get("pixels", 0), RIGHT)
SIMILARITY = Column("similarity", lambda: QCoreApplication.translate("StorageReview", "Similarity"), lambda i: f"{i.get('similarity', 0)} %",
                    lambda i: i.get("similarity", 0), RIGHT)
TAKEN = Column("taken", lambda: QCoreApplication.translate("StorageReview", "Taken"), lambda i: fmt.when(i.get("taken", "")) if i.get("taken") else "",
               lambda i: i.get("taken", ""))
CAMERA = Column("camera", lambda: QCoreApplication.translate("StorageReview", "Camera"), lambda i: i.get("camera", ""), lambda i: i.get("camera", ""))
FOLDER_PATH = Column("path", lambda: QCoreApplication.translate("StorageReview", "Folder"), lambda i: i.get("path", ""), lambda i: i.get("path", "").lower())


def kind_names() -> dict[str, str]:
    """The storage kinds' names, for the clean and bilan pages' per-category lines."""
    return {"duplicate_folders": QCoreApplication.translate("StorageReview", "Duplicate folders"),
            "similar_images": QCoreApplication.translate("StorageReview", "Similar photos"),
            "empty_folders": QCoreApplication.translate("StorageReview", "Empty folders"),
            "empty_files": QCoreApplication.translate("StorageReview", "Empty files"),
            "broken_links": QCoreApplication.translate("StorageReview", "Broken links")}


class PhotoCard(QWidget):
    """One photo with what tells it apart: resolution, size, date taken, camera."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(f"<b>{title}</b>")
        self.picture = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.picture.setMinimumSize(QSize(220, 150))
        self.picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.facts = QLabel(wordWrap=True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.picture, 1, 0)
        grid.addWidget(self.facts, 2, 0)

    def show_image(self, image: dict | None) -> None:
        self.picture.setPixmap(QPixmap())
        if not image:
            self.picture.setText(QCoreApplication.translate("StorageReview", "Choose a photo in the list."))
            self.facts.setText("")
            return
        reader = QImageReader(image["path"])
        reader.setAutoTransform(True)
        size = reader.size()
        if size.isValid():
            reader.setScaledSize(size.scaled(QSize(260, 160), Qt.AspectRatioMode.KeepAspectRatio))
        picture = reader.read()
        if picture.isNull():
            self.picture.setText(QCoreApplication.translate("StorageReview", "No preview for this kind of file."))
        else:
            self.picture.setPixmap(QPixmap.fromImage(picture))
        facts = [os.path.basename(image["path"]),
                 f"{image.get('width', 0)} × {image.get('height', 0)} · {fmt.size(image.get('size', 0))}"]
        if image.get("taken"):
            facts.append(QCoreApplication.translate("StorageReview", "Taken {0}").format(fmt.when(image["taken"])))
        if image.get("camera"):
            facts.append(image["camera"])
        self.facts.setText("\n".join(facts))
        self.setToolTip(image["path"])


class SideBySide(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.kept = PhotoCard(QCoreApplication.translate("StorageReview", "Kept (largest resolution)"))
        self.other = PhotoCard(QCoreApplication.translate("StorageReview", "Similar copy"))
        grid.addWidget(self.kept, 0, 0)
        grid.addWidget(self.other, 0, 1)
        self.show_pair(None, None)

    def show_pair(self, kept: dict | None, other: dict | None) -> None:
        self.kept.show_image(kept)
        self.other.show_image(other)


class SimilarView(CategoryView):
    """Similar photos: the list, and above it the kept photo beside the chosen one."""

    def __init__(self, model, groups: list[dict], parent: QWidget | None = None) -> None:
        self.pair = SideBySide()
        super().__init__(model, self.pair, parent)
        self.kept_of = {}
        for g in groups:
            images = {im["path"]: im for im in g.get("images", [])}
            for im in g.get("images", []):
                self.kept_of[im["path"]] = images.get(g.get("keep"))
        self.preview.hide()

    def _current_changed(self, current, _previous) -> None:
        item = self.proxy.data(current.siblingAtColumn(0), ItemRole) if current.isValid() else None
        if isinstance(item, dict):
            self.pair.show_pair(self.kept_of.get(item["path"]), item)
        else:
            self.pair.show_pair(None, None)


def add_storage_review(page, scan: dict) -> None:
    """Add the map (first) and the storage kinds to the review page."""
    chooser = page.chooser
    items = chooser.selection.items if chooser is not None else {}

    def rows(category: str) -> list[dict]:
        if category in items:
            return items[category]
        from cleanup_desktop.core.disk.selection import extra_items  # noqa: PLC0415

        return extra_items(scan, category)

    note = QLabel(QCoreApplication.translate("StorageReview", "Nothing here is ticked for you: look, then tick what you no longer need. "
                     "The kept copy always stays."), wordWrap=True)
    groups = scan.get("similar_images") or []
    names = kind_names()
    kinds = [
        ("duplicate_folders", [NAME, FILES, SIZE, FOLDER, KEPT]),
        ("similar_images", [NAME, RESOLUTION, SIMILARITY, SIZE, TAKEN, CAMERA, FOLDER]),
        ("empty_folders", [FOLDER_PATH, FOLDERS, MODIFIED]),
        ("empty_files", [NAME, FOLDER, MODIFIED]),
        ("broken_links", [NAME, TARGET, FOLDER]),
    ]
    for key, cols in kinds:
        title = names[key]
        data = rows(key)
        if key == "similar_images" and "similar_images" not in scan:
            continue
        model = FileTableModel(key, data, cols, chooser)
        view = SimilarView(model, groups) if key == "similar_images" else CategoryView(
            model, note if key == "duplicate_folders" else None)
        size = sum(int(r.get("allocated") or r.get("size") or 0) for r in data)
        page.add_category(key, title, len(data), size, view)
    add_map(page, scan)


def add_map(page, scan: dict) -> None:
    storage = StorageMap()
    storage.setObjectName("view-storage-map")
    storage.set_data(scan, page.session.mail_scans)

    def follow_mail(_result, session=page.session) -> None:
        try:
            storage.set_data(session.scan, session.mail_scans)
        except RuntimeError:  # the review was rebuilt: this map is gone
            session.mail_scanned.disconnect(follow_mail)

    page.session.mail_scanned.connect(follow_mail)
    page.stack.insertWidget(0, storage)
    total = sum(int(f["allocated"]) for f in (scan.get("storage") or {}).get("folders", []) if f.get("parent", -1) < 0)
    item = QListWidgetItem(QCoreApplication.translate("StorageReview", "Where your space is") + f"\n{fmt.size(total)}")
    item.setData(Qt.ItemDataRole.UserRole, "storage-map")
    page.categories.insertItem(0, item)
    page.storage_map = storage

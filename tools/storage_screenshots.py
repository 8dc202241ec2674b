"""Screenshots of the storage review (issue 19): the "Where your space is" map and the
similar-photo review, 1280x720, in English and French, into docs/images.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/storage_screenshots.py [--out docs/images]

A sample home is made on the spot in a throw-away HOME (folders of various sizes, a copied
folder, photos with resized and re-sent copies, empty folders, a broken link), scanned with
the real engine; the mailbox area comes from a mail-scan result with folder sizes only.
"""

from __future__ import annotations

import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests"))
from screenshots import isolate, wait  # noqa: E402


def put(path: str, size: int = 0, data: bytes | None = None) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data if data is not None else os.urandom(size))


def sample_home(home: str) -> str:
    from photo_factory import write_family, jpeg_bytes, scene

    root = os.path.join(home, "Sample")
    mb = 1_000_000
    for i, size in enumerate((9, 6, 4, 3, 2, 1)):
        put(os.path.join(root, "Documents", "Reports", f"report-{2019 + i}.pdf"), size * mb // 2)
    thesis = os.urandom(3 * mb)
    for top in ("Documents/Thesis", "Documents/Backup/Copy of Thesis"):
        put(os.path.join(root, top, "thesis.odt"), data=thesis)
        put(os.path.join(root, top, "notes.md"), data=b"# chapter 1\n" * 50)
        put(os.path.join(root, top, "figures", "plot.svg"), data=b"<svg/>" * 500)
    put(os.path.join(root, "Downloads", "installer-2021.iso"), 14 * mb)
    put(os.path.join(root, "Downloads", "video-call.mp4"), 8 * mb)
    put(os.path.join(root, "Downloads", "Copy of video-call.mp4"), data=open(os.path.join(root, "Downloads", "video-call.mp4"), "rb").read())
    for seed in (3, 11, 17):
        write_family(_P(os.path.join(root, "Pictures", "Holidays 2019")), seed)
    for seed in (21, 22, 23, 24):
        put(os.path.join(root, "Pictures", "Family", f"DSC_{seed}.jpg"), data=jpeg_bytes(scene(seed), 93))
    put(os.path.join(root, "Music", "album", "track01.flac"), 5 * mb)
    put(os.path.join(root, "Music", "album", "track02.flac"), 4 * mb)
    os.makedirs(os.path.join(root, "Documents", "Old projects", "2018", "drafts"))
    os.makedirs(os.path.join(root, "Desktop", "New folder"))
    put(os.path.join(root, "Documents", "todo.txt"), data=b"")
    os.symlink(os.path.join(root, "Documents", "gone.pdf"), os.path.join(root, "Desktop", "gone.pdf"))
    return root


class _P(str):
    """A str path with the few pathlib calls photo_factory makes."""

    def __truediv__(self, other):
        return _P(os.path.join(self, other))

    def mkdir(self, parents=False, exist_ok=False):
        os.makedirs(self, exist_ok=exist_ok)

    def write_bytes(self, data):
        with open(self, "wb") as fh:
            fh.write(data)


def mail_sizes() -> dict:
    gb = 1_000_000
    folders = [("INBOX", 41), ("Sent", 17), ("Archive/2022", 12), ("Archive/2023", 9), ("Newsletters", 6), ("Trash", 3)]
    return {"schema": "cleanup-desktop/mail-scan/1", "account": "anne@example.org", "cancelled": False,
            "folders": [{"name": n, "messages": s * 40, "bytes": s * gb} for n, s in folders],
            "duplicates": [], "large_messages": [], "attachments": [], "old": [], "senders": [], "errors": []}


def run(out: str, lang: str) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from cleanup_desktop.gui.app import create_window, make_app
    from cleanup_desktop.gui.session import Session

    app = make_app()
    session = Session()
    session.demo = True
    session.prefs.roots = [sample_home(os.environ["HOME"]) if lang == "en" else os.path.join(os.environ["HOME"], "Sample")]
    session.prefs.similar_images = True
    window = create_window(session, lang)
    window.resize(1280, 720)
    window.show()
    window.show_page("targets")
    window.page("targets").on_primary()
    wait(app, lambda: session.scan is not None, 120)
    session.add_mail_scan(mail_sizes())
    window.show_page("review")
    review = window.page("review")
    shots = []
    review.categories.setCurrentRow(0)
    wait(app, review.storage_map.ready)
    for _ in range(5):
        app.processEvents()
    path = os.path.join(out, f"storage-map-{lang}.png")
    window.grab().save(path)
    shots.append(path)
    row = next(i for i in range(review.categories.count())
               if review.categories.item(i).data(0x0100) == "similar_images")
    review.categories.setCurrentRow(row)
    view = review.views["similar_images"]
    view.view.selectRow(0)
    view.view.setCurrentIndex(view.proxy.index(0, 0))
    for _ in range(5):
        app.processEvents()
    path = os.path.join(out, f"similar-photos-{lang}.png")
    window.grab().save(path)
    shots.append(path)
    window.close()
    QApplication.processEvents()
    return shots


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join("docs", "images"))
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    isolate()
    for lang in ("en", "fr"):
        for path in run(out, lang):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

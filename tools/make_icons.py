"""Render the app's icon set from its SVG master, reproducibly (QtSvg; no other tool needed).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/make_icons.py

Reads ``src/cleanup_desktop/assets/app-icon.svg`` (the icon the running window uses) and
writes ``assets/icons/cleanup-desktop-<size>.png`` (16 … 1024, Linux packages and AppImage),
``cleanup-desktop.ico`` (Windows MSI; PNG-compressed entries 16 … 256) and
``cleanup-desktop.icns`` (macOS; PNG entries 16 … 1024) for Briefcase
(``icon = "assets/icons/cleanup-desktop"`` in pyproject.toml).
"""

from __future__ import annotations

import argparse
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
MASTER = ROOT / "src" / "cleanup_desktop" / "assets" / "app-icon.svg"
OUT = ROOT / "assets" / "icons"
STEM = "cleanup-desktop"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple icon types holding PNG data, by pixel size (the @2x types share the larger size).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"icp6", 64), (b"ic12", 64), (b"ic07", 128),
              (b"ic08", 256), (b"ic13", 256), (b"ic09", 512), (b"ic14", 512), (b"ic10", 1024))


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (read by Windows Vista and later)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        data = pngs[s]
        side = 0 if s >= 256 else s  # 0 means 256 in the directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for kind, s in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    renderer = QSvgRenderer(str(MASTER))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {MASTER}")
    args.out.mkdir(parents=True, exist_ok=True)
    pngs = {s: render_png(renderer, s) for s in PNG_SIZES}
    for s, data in pngs.items():
        (args.out / f"{STEM}-{s}.png").write_bytes(data)
    (args.out / f"{STEM}.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (args.out / f"{STEM}.icns").write_bytes(icns(pngs))
    for path in sorted(args.out.iterdir()):
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size:>8} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

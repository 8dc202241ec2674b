"""The running window uses the packaged app icon (the master of the installers' icon set)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from cleanup_desktop.gui.app import make_app

ICON = Path(__file__).resolve().parents[2] / "src" / "cleanup_desktop" / "assets" / "app-icon.svg"


def test_app_icon_is_the_packaged_svg_and_renders(qapp):
    app = make_app()
    image = app.windowIcon().pixmap(64, 64).toImage()
    assert not image.isNull() and image.width() == 64
    px = image.pixelColor
    assert px(0, 0).alpha() == 0  # rounded tile: transparent corner
    edge = px(32, 4)
    assert edge.alpha() == 255 and edge.green() > 120 and edge.red() < 100  # green tile
    white = sum(px(x, y).red() > 230 and px(x, y).green() > 230 and px(x, y).blue() > 230
                for x in range(64) for y in range(64))
    assert 0.1 < white / 64 ** 2 < 0.5  # the white leaf
    assert image == QIcon(str(ICON)).pixmap(64, 64).toImage()  # the packaged file itself

"""Render the app icon from its SVG source into what each platform wants: PNGs of the
hicolor sizes (Linux, and the window icon), a Windows .ico and a macOS .icns.

Run `scripts/render-icons` after changing resources/icons/realtime-desktop.svg; the
results are committed, so building and running never need this.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from desktop.resources import ICON_SIZES

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Windows shows; .ico stops at 256
ICNS_SIZES = (16, 32, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])  # fonts and image plugins need one
    renderer = QSvgRenderer(str(ICONS / "realtime-desktop.svg"))
    if not renderer.isValid():
        print("the SVG could not be read", file=sys.stderr)
        return 1
    for size in ICON_SIZES:
        if not render(renderer, size).save(str(ICONS / f"realtime-desktop-{size}.png")):
            print(f"could not write the {size} px PNG", file=sys.stderr)
            return 1
    pngs = {size: Image.open(ICONS / f"realtime-desktop-{size}.png") for size in ICON_SIZES}
    largest = pngs[256]
    largest.save(
        ICONS / "realtime-desktop.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[pngs[s] for s in ICO_SIZES if s != 256],
    )
    pngs[512].save(ICONS / "realtime-desktop.icns", append_images=[pngs[s] for s in ICNS_SIZES])
    print(f"wrote {len(ICON_SIZES)} PNGs, an .ico and an .icns to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Draw the app icon: assets/icons/sciatica-coach.svg and its hicolor PNG sizes.

The mark is a person in a gentle standing side stretch, one arm arching over the
head, in white on a soft teal rounded square. Shapes are few and strokes thick so
it still reads at 16 px.

    python tools/make_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS_DIR = Path(__file__).resolve().parent.parent / "assets" / "icons"
NAME = "sciatica-coach"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#46b9a4"/>
      <stop offset="1" stop-color="#23807a"/>
    </linearGradient>
  </defs>
  <rect x="16" y="16" width="480" height="480" rx="112" fill="url(#tile)"/>
  <g transform="translate(-8 -31) scale(1.12)" fill="#ffffff">
    <g fill="none" stroke="#ffffff" stroke-width="46" stroke-linecap="round"
       stroke-linejoin="round">
      <path d="M 192 414 L 252 318 C 282 270 312 196 292 150 C 272 100 214 86 162 124"/>
      <path d="M 252 318 L 312 414"/>
    </g>
    <circle cx="216" cy="206" r="40"/>
  </g>
</svg>
"""


def render_png(renderer: QSvgRenderer, size: int, path: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    svg_path = ICONS_DIR / f"{NAME}.svg"
    svg_path.parent.mkdir(parents=True, exist_ok=True)
    svg_path.write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode("utf-8")))
    if not renderer.isValid():
        raise ValueError("the icon SVG did not parse")
    print(svg_path)
    for size in SIZES:
        png_path = ICONS_DIR / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
        render_png(renderer, size, png_path)
        print(png_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

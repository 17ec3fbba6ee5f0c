"""Write the exercise illustrations: one start-to-end SVG sheet per exercise, and a contact sheet.

    python tools/make_illustrations.py [--out DIR] [--contact PNG]

By default the sheets go to assets/illustrations/ and the contact sheet to docs/illustrations.png.

The SVGs come straight from `sciatica_coach.illustrations`; the contact sheet (every exercise,
start and end side by side, with names) is rasterised with Qt offscreen, so it needs no display.
"""

from __future__ import annotations

import argparse
import os
import sys
import tomllib
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from PySide6.QtCore import QByteArray, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QPainter,
)
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from sciatica_coach.illustrations import available, render_sheet_svg  # noqa: E402

COLUMNS = 3
CELL_W, CELL_H = 560, 236
SHEET_H = 188
MARGIN = 24


def exercise_names(catalog: Path) -> dict[str, str]:
    """Display names from the built-in catalog, when it is there."""
    if not catalog.is_file():
        return {}
    with catalog.open("rb") as f:
        data = tomllib.load(f)
    return {str(e["id"]): str(e.get("name", e["id"])) for e in data.get("exercise", [])}


def write_sheets(out: Path) -> list[str]:
    out.mkdir(parents=True, exist_ok=True)
    ids = sorted(available())
    for exercise_id in ids:
        (out / f"{exercise_id}.svg").write_text(render_sheet_svg(exercise_id), encoding="utf-8")
    return ids


def write_contact_sheet(ids: list[str], names: dict[str, str], path: Path) -> None:
    rows = (len(ids) + COLUMNS - 1) // COLUMNS
    image = QImage(
        COLUMNS * CELL_W + 2 * MARGIN, rows * CELL_H + 2 * MARGIN, QImage.Format.Format_RGB32
    )
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    bold = QFont("DejaVu Sans")
    bold.setPixelSize(17)
    bold.setBold(True)
    small = QFont("DejaVu Sans")
    small.setPixelSize(13)
    for index, exercise_id in enumerate(ids):
        x = MARGIN + (index % COLUMNS) * CELL_W
        y = MARGIN + (index // COLUMNS) * CELL_H
        renderer = QSvgRenderer(QByteArray(render_sheet_svg(exercise_id).encode("utf-8")))
        if not renderer.isValid():
            raise SystemExit(f"{exercise_id}: the SVG did not load")
        size = renderer.defaultSize()
        width = SHEET_H * size.width() / size.height()
        renderer.render(painter, QRectF(x + (CELL_W - 16 - width) / 2, y + 34, width, SHEET_H))
        name = names.get(exercise_id, exercise_id)
        painter.setFont(bold)
        painter.setPen(QColor("#2f3b48"))
        painter.drawText(QRectF(x, y, CELL_W - 16, 30), Qt.AlignmentFlag.AlignLeft, name)
        used = QFontMetrics(bold).horizontalAdvance(name) + 10
        painter.setFont(small)
        painter.setPen(QColor("#7d838a"))
        painter.drawText(
            QRectF(x + used, y + 4, CELL_W - 16 - used, 26), Qt.AlignmentFlag.AlignLeft, exercise_id
        )
    painter.end()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):
        raise SystemExit(f"could not write {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "assets" / "illustrations")
    parser.add_argument("--contact", type=Path, default=ROOT / "docs" / "illustrations.png")
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication([])
    ids = write_sheets(args.out)
    names = exercise_names(ROOT / "assets" / "library" / "exercises.toml")
    write_contact_sheet(ids, names, args.contact)
    print(f"wrote {len(ids)} sheets to {args.out} and the contact sheet {args.contact}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Write the exercise illustrations: one start-to-end SVG sheet per exercise, and a contact sheet.

    python tools/make_illustrations.py [--out DIR] [--contact PNG]
    python tools/make_illustrations.py --review [PDF]

By default the sheets go to assets/illustrations/ and the contact sheet to docs/illustrations.png.

The SVGs come straight from `sciatica_coach.illustrations`; the contact sheet (every exercise,
start and end side by side, with names) is rasterised with Qt offscreen, so it needs no display.

``--review`` writes instead a sheet for a physiotherapist to mark up on paper
(docs/illustrations-review.pdf): one exercise a row with its start, middle and end frames, its
position and cues beside them, and room for a verdict and notes. Every pose in it has passed
`sciatica_coach.illustrations.validate` (joint ranges, contacts, nothing through the floor).
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

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from sciatica_coach.illustrations import available, render_sheet_svg, render_svg  # noqa: E402
from sciatica_coach.illustrations.poses import SCENES  # noqa: E402
from sciatica_coach.illustrations.validate import check_scenes  # noqa: E402

COLUMNS = 3
CELL_W, CELL_H = 560, 236
SHEET_H = 188
MARGIN = 24


# The review sheet, in points on A4 portrait.
REVIEW_MARGIN = 36.0
REVIEW_ROWS = 5
FRAME_W, FRAME_H = 112.0, 84.0
FRAME_GAP = 6.0
PHASES = (("Start", 0.0), ("Middle", 0.5), ("End", 1.0))


def exercise_names(catalog: Path) -> dict[str, str]:
    """Display names from the built-in catalog, when it is there."""
    return {k: str(e.get("name", k)) for k, e in exercise_entries(catalog).items()}


def exercise_entries(catalog: Path) -> dict[str, dict[str, object]]:
    """The built-in catalog's exercises by id (empty when the file is not there)."""
    if not catalog.is_file():
        return {}
    with catalog.open("rb") as f:
        data = tomllib.load(f)
    return {str(e["id"]): e for e in data.get("exercise", [])}


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def _review_row(
    painter: QPainter, top: float, width: float, height: float, exercise_id: str, entry: dict
) -> None:
    """One exercise: heading, three frames, then position and cues, then the verdict boxes."""
    x0 = REVIEW_MARGIN
    name = str(entry.get("name", exercise_id))
    painter.setPen(QColor("#2f3b48"))
    painter.setFont(_font(10.5, bold=True))
    painter.drawText(QRectF(x0, top, width, 14), Qt.AlignmentFlag.AlignLeft, name)
    used = painter.fontMetrics().horizontalAdvance(name)
    painter.setFont(_font(7.5))
    painter.setPen(QColor("#7d838a"))
    position = str(entry.get("position", ""))
    painter.drawText(
        QRectF(x0 + used + 8, top + 2.5, width - used - 8, 12),
        Qt.AlignmentFlag.AlignLeft,
        f"{exercise_id}  ·  {position}" if position else exercise_id,
    )
    frames_top = top + 17
    for index, (label, phase) in enumerate(PHASES):
        left = x0 + index * (FRAME_W + FRAME_GAP)
        svg = render_svg(exercise_id, phase, size=(480, 360))
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        renderer.render(painter, QRectF(left, frames_top, FRAME_W, FRAME_H))
        painter.setFont(_font(6.5, bold=True))
        painter.setPen(QColor("#41546a"))
        painter.drawText(QRectF(left + 5, frames_top + 3, FRAME_W, 10), label)
    text_left = x0 + 3 * (FRAME_W + FRAME_GAP) + 4
    text_w = width - (text_left - x0)
    cues = [str(c) for c in entry.get("cues", [])]  # type: ignore[attr-defined]
    painter.setFont(_font(7.2))
    painter.setPen(QColor("#2f3b48"))
    flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
    y = frames_top
    for cue in cues:
        box = painter.boundingRect(QRectF(text_left + 7, y, text_w - 7, 200), flags, cue)
        painter.drawText(QRectF(text_left, y, 7, 10), "•")
        painter.drawText(QRectF(text_left + 7, y, text_w - 7, box.height()), flags, cue)
        y += box.height() + 1.5
    # Room for the reviewer: a verdict to tick and a line or two for notes.
    verdict_top = frames_top + FRAME_H + 6
    painter.setFont(_font(7.2))
    painter.setPen(QPen(QColor("#7d838a"), 0.6))
    x = x0
    for choice in ("Correct", "Change start", "Change middle", "Change end"):
        painter.drawRect(QRectF(x, verdict_top, 7, 7))
        painter.drawText(QRectF(x + 10, verdict_top - 1.5, 120, 10), choice)
        x += 22 + painter.fontMetrics().horizontalAdvance(choice)
    painter.drawText(QRectF(x + 6, verdict_top - 1.5, 40, 10), "Notes:")
    line_y = verdict_top + 7
    painter.drawLine(int(x + 36), int(line_y), int(x0 + width), int(line_y))
    for extra in (1, 2):
        ly = line_y + extra * 13
        if ly < top + height - 4:
            painter.drawLine(int(x0), int(ly), int(x0 + width), int(ly))


def write_review_sheet(ids: list[str], entries: dict[str, dict], path: Path) -> int:
    """The clinician's review sheet as a PDF; returns the number of pages."""
    problems = check_scenes(SCENES)
    if problems:
        raise SystemExit("poses fail the validator:\n" + "\n".join(map(str, problems)))
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setTitle("Sciatica Coach exercise pictures: review sheet")
    writer.setCreator("tools/make_illustrations.py --review")
    writer.setResolution(72)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    page_w, page_h = 595.0, 842.0
    width = page_w - 2 * REVIEW_MARGIN
    header = 58.0
    row_h = (page_h - 2 * REVIEW_MARGIN - header) / REVIEW_ROWS
    pages = (len(ids) + REVIEW_ROWS - 1) // REVIEW_ROWS
    painter = QPainter(writer)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    for page in range(pages):
        if page:
            writer.newPage()
        painter.setPen(QColor("#2f3b48"))
        painter.setFont(_font(13, bold=True))
        painter.drawText(
            QRectF(REVIEW_MARGIN, REVIEW_MARGIN - 6, width, 18),
            "Exercise pictures: review sheet",
        )
        painter.setFont(_font(7.5))
        painter.setPen(QColor("#5f6b76"))
        painter.drawText(
            QRectF(REVIEW_MARGIN, REVIEW_MARGIN + 13, width, 34),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            "Please check each picture against how the exercise should be done and against its "
            "cues (the words the user reads or hears). The figure shows the left side working; "
            "the right side is its mirror image. Tick a box and note what to change. "
            f"Page {page + 1} of {pages}.",
        )
        for row, exercise_id in enumerate(ids[page * REVIEW_ROWS : (page + 1) * REVIEW_ROWS]):
            top = REVIEW_MARGIN + header + row * row_h
            if row:
                painter.setPen(QPen(QColor("#c4ccd1"), 0.8))
                painter.drawLine(
                    int(REVIEW_MARGIN), int(top - 6), int(REVIEW_MARGIN + width), int(top - 6)
                )
            _review_row(painter, top, width, row_h, exercise_id, entries.get(exercise_id, {}))
    painter.end()
    return pages


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
    parser.add_argument(
        "--review",
        type=Path,
        nargs="?",
        const=ROOT / "docs" / "illustrations-review.pdf",
        help="write only the clinician's review sheet (default docs/illustrations-review.pdf)",
    )
    args = parser.parse_args(argv)
    app = QGuiApplication.instance() or QGuiApplication([])
    catalog = ROOT / "assets" / "library" / "exercises.toml"
    if args.review is not None:
        pages = write_review_sheet(sorted(available()), exercise_entries(catalog), args.review)
        print(f"wrote the review sheet {args.review} ({pages} pages)")
        del app
        return 0
    ids = write_sheets(args.out)
    names = exercise_names(catalog)
    write_contact_sheet(ids, names, args.contact)
    print(f"wrote {len(ids)} sheets to {args.out} and the contact sheet {args.contact}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

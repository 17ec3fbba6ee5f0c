"""Lay report HTML out on pages and paint them to a PDF file or a printer.

Every page gets the same frame painted around its slice of the QTextDocument: a header (app
icon and name, the report's title and date on the right, a thin rule) and a footer (the safety
wording, the print date and "Page n of m"). A heading that would end up alone at the foot of a
page is moved to the next one. The document only ever shows the images handed to it: any
other image or link it is asked to load comes back empty, never read from disk or network.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QLocale, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageSize,
    QPainter,
    QPen,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextTable,
)
from PySide6.QtSvg import QSvgRenderer

from sciatica_coach.core import paths
from sciatica_coach.core.safety import REPORT_FOOTER
from sciatica_coach.core.words import long_date
from sciatica_coach.i18n import _
from sciatica_coach.report.charts import FONT_FAMILIES
from sciatica_coach.report.html import APP_NAME

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
# Territories that use US Letter paper (Unicode CLDR, supplemental paperSize data).
LETTER_TERRITORIES = frozenset(
    {"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"}
)
RESOLUTION = 600  # dots per inch of the PDF's coordinate space; text and charts stay vector
BODY_POINTS = 10
HEADING_POINTS = {1: 17.0, 2: 11.5, 3: 8.5}

# Page frame, in millimetres.
SIDE_MARGIN = 17.0
HEADER_TOP = 11.0
HEADER_HEIGHT = 8.0
BODY_TOP = 25.0
FOOTER_HEIGHT = 17.0
BOTTOM_MARGIN = 9.0
BODY_GAP = 5.0

ACCENT = QColor("#1f6f69")
MUTED = QColor("#5f6b76")
RULE = QColor("#c4ccd1")


class ReportError(Exception):
    """The report could not be written; the message says where and why."""


@dataclass
class ReportDocument:
    """A report ready to paint: HTML, the images it names, and its page header title.

    With a ``page_limit``, the ``alternatives`` (tighter layouts of the same content) are
    tried in turn while the HTML runs past that many pages.
    """

    html: str
    title: str
    printed_on: date
    images: Mapping[str, QImage] = field(default_factory=dict)
    pdf_title: str = ""
    page_limit: int | None = None
    alternatives: tuple[str, ...] = ()


def paper_for_territory(territory: str) -> str:
    """'letter' for the territories that use it (an ISO 3166 code like 'US'), else 'a4'."""
    return "letter" if territory.upper() in LETTER_TERRITORIES else "a4"


def default_paper(locale: QLocale | None = None) -> str:
    """The paper size of the locale (the system's by default): 'a4' or 'letter'."""
    name = (locale or QLocale()).name()  # "en_US"; "C" has no territory
    territory = name.split("_")[1] if "_" in name else ""
    return paper_for_territory(territory)


def page_size(paper: str | None = None) -> QPageSize:
    """``paper`` is 'a4', 'letter' or None for the locale's choice."""
    key = (paper or default_paper()).lower()
    if key not in PAPERS:
        # i18n: not words (a programmer's error: the command line offers only a4 and letter)
        raise ValueError(f"unknown paper size {paper!r}; use a4 or letter")
    return QPageSize(PAPERS[key])


def paint_document(document: ReportDocument, device: QPagedPaintDevice, *, where: str = "") -> int:
    """Paint every page onto ``device`` (a QPdfWriter, or a QPrinter set to full page);
    ``where`` names it in an error (the printer when empty)."""
    where = where or _("the printer")
    dpi = device.logicalDpiY()
    mm = dpi / 25.4
    full = device.pageLayout().fullRectPixels(dpi)
    page_width, page_height = float(full.width()), float(full.height())
    body = QRectF(
        SIDE_MARGIN * mm,
        BODY_TOP * mm,
        page_width - 2 * SIDE_MARGIN * mm,
        page_height - (BODY_TOP + BODY_GAP + FOOTER_HEIGHT + BOTTOM_MARGIN) * mm,
    )
    text = _layout(document, device, body.size())
    pages = text.pageCount()
    painter = QPainter()
    if not painter.begin(device):
        raise ReportError(
            _("Could not write {where}: check the folder exists and is writable.").format(
                where=where
            )
        )
    # Charts and line drawings: without this the PDF engine stores them as JPEG, which greys
    # the white and blurs the lines.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    try:
        for index in range(pages):
            if index and not device.newPage():
                raise ReportError(
                    _("Could not add a page to {where}; is the disk full?").format(where=where)
                )
            _header(painter, document, page_width, mm)
            painter.save()
            # A table row Qt could not keep whole must not spill into the footer.
            painter.setClipRect(body)
            painter.translate(body.left(), body.top() - index * body.height())
            text.drawContents(
                painter, QRectF(0, index * body.height(), body.width(), body.height())
            )
            painter.restore()
            _footer(painter, document, page_width, page_height, mm, index + 1, pages)
    finally:
        painter.end()
    return pages


class _SealedDocument(QTextDocument):
    """A text document that loads no resource it was not given (style sheets, files, network).

    Qt still reads an <img> it has no resource for straight from disk, so `_drop_foreign_images`
    takes those out before layout.
    """

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None


def _drop_foreign_images(text: QTextDocument, allowed: set[str]) -> None:
    """Delete every image whose name is not one of ours. The HTML builder escapes user text,
    so this only matters if that ever fails: a stray <img src="file:..."> stays off paper."""
    cursor = QTextCursor(text)
    block = text.begin()
    foreign: list[int] = []
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            found = fragment.charFormat()
            if found.isImageFormat() and found.toImageFormat().name() not in allowed:
                foreign.extend(range(fragment.position(), fragment.position() + fragment.length()))
            fragments += 1
        block = block.next()
    for position in reversed(foreign):
        cursor.setPosition(position)
        cursor.deleteChar()


def _layout(document: ReportDocument, device: QPagedPaintDevice, size: QSizeF) -> QTextDocument:
    for markup in (document.html, *document.alternatives):
        text = _SealedDocument()
        text.documentLayout().setPaintDevice(device)
        text.setDefaultFont(_font(BODY_POINTS))
        text.setDocumentMargin(0)
        for name, image in document.images.items():
            text.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        text.setHtml(markup)
        _drop_foreign_images(text, set(document.images))
        _size_headings(text)
        text.setPageSize(size)
        _keep_small_tables_whole(text)
        _keep_headings_with_next(text)
        if document.page_limit is None or text.pageCount() <= document.page_limit:
            break
    return text


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points)
    font.setBold(bold)
    # No ligatures: copied or extracted text should read "file", not "ﬁle".
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _size_headings(text: QTextDocument) -> None:
    """Give headings the sizes of `HEADING_POINTS`: Qt's HTML import ignores CSS font-size on
    h1-h6 in favour of its own relative sizes."""
    block = text.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level in HEADING_POINTS:
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                sized = fragment.charFormat()
                sized.clearProperty(QTextFormat.Property.FontSizeAdjustment)
                sized.setFontPointSize(HEADING_POINTS[level])
                cursor = QTextCursor(text)
                cursor.setPosition(fragment.position())
                cursor.setPosition(
                    fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                )
                cursor.setCharFormat(sized)
                fragments += 1
        block = block.next()


def _keep_small_tables_whole(text: QTextDocument) -> None:
    """Start a table of at most half a page (with its heading) on the next page when it would
    cross a page break: Qt moves a row's lines one by one, so a row of two-line cells would be
    torn."""
    layout = text.documentLayout()
    page = text.pageSize().height()
    for frame in text.rootFrame().childFrames():
        if not isinstance(frame, QTextTable):
            continue
        text.pageCount()  # lays the document out up to date
        box = layout.frameBoundingRect(frame)
        crosses = int(box.top() // page) != int((box.bottom() - 1) // page)
        if not crosses or box.height() > page / 2:
            continue
        heading = text.findBlock(frame.firstPosition() - 1)
        if heading.isValid() and heading.blockFormat().headingLevel() > 0:
            moved_heading = QTextBlockFormat()  # the table's heading goes with it
            moved_heading.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(heading).mergeBlockFormat(moved_heading)
        else:
            moved = frame.format()
            moved.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            frame.setFormat(moved)


def _keep_headings_with_next(text: QTextDocument) -> None:
    """Move a heading to the next page when what follows it starts there."""
    layout = text.documentLayout()
    page = text.pageSize().height()
    block = text.begin()
    while block.isValid():
        following = block.next()
        if block.blockFormat().headingLevel() > 0 and following.isValid():
            text.pageCount()  # lays the document out up to date
            here = layout.blockBoundingRect(block)
            there = layout.blockBoundingRect(following)
            if int(there.top() // page) > int(here.top() // page):
                cursor = QTextCursor(block)
                moved = QTextBlockFormat()
                moved.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.mergeBlockFormat(moved)
        block = following


def _header(painter: QPainter, document: ReportDocument, width: float, mm: float) -> None:
    left, right = SIDE_MARGIN * mm, width - SIDE_MARGIN * mm
    top, height = HEADER_TOP * mm, HEADER_HEIGHT * mm
    icon = _icon()
    name_left = left
    if icon is not None:
        side = height * 0.82
        icon.render(painter, QRectF(left, top + (height - side) / 2, side, side))
        name_left += side + 2.2 * mm
    painter.setFont(_font(11.5, bold=True))
    painter.setPen(ACCENT)
    middle = int(Qt.AlignmentFlag.AlignVCenter)
    painter.drawText(
        QRectF(name_left, top, right - name_left, height),
        middle | int(Qt.AlignmentFlag.AlignLeft),
        APP_NAME,
    )
    painter.setFont(_font(9))
    painter.setPen(MUTED)
    painter.drawText(
        QRectF(left, top, right - left, height),
        middle | int(Qt.AlignmentFlag.AlignRight),
        document.title,
    )
    painter.setPen(QPen(RULE, 0.35 * mm))
    rule = top + height + 1.6 * mm
    painter.drawLine(QPointF(left, rule), QPointF(right, rule))


def _footer(
    painter: QPainter,
    document: ReportDocument,
    width: float,
    height: float,
    mm: float,
    page: int,
    pages: int,
) -> None:
    left, right = SIDE_MARGIN * mm, width - SIDE_MARGIN * mm
    top = height - (BOTTOM_MARGIN + FOOTER_HEIGHT) * mm
    painter.setPen(QPen(RULE, 0.25 * mm))
    painter.drawLine(QPointF(left, top), QPointF(right, top))
    page_words = _("Page {page} of {pages}").format(page=page, pages=pages)
    printed = _("Printed {date}").format(date=long_date(document.printed_on))
    # The right-hand column is as wide as its longer line (German dates are long).
    painter.setFont(_font(8.5, bold=True))
    widest = painter.fontMetrics().horizontalAdvance(page_words)
    painter.setFont(_font(7.5))
    widest = max(widest, painter.fontMetrics().horizontalAdvance(printed))
    side = max(34 * mm, widest + mm)
    painter.setPen(MUTED)
    painter.drawText(
        QRectF(left, top + 2.2 * mm, right - left - side - 6 * mm, FOOTER_HEIGHT * mm),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap),
        _(REPORT_FOOTER),
    )
    painter.setFont(_font(8.5, bold=True))
    painter.drawText(
        QRectF(right - side, top + 2 * mm, side, 5 * mm),
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
        page_words,
    )
    painter.setFont(_font(7.5))
    painter.drawText(
        QRectF(right - side, top + 6.6 * mm, side, 5 * mm),
        int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
        printed,
    )


# One icon renderer per thread: a PDF may be painted on a worker while the print preview
# paints on the UI thread, and a renderer is not safe to share between them.
_icons = threading.local()


def _icon() -> QSvgRenderer | None:
    """The app icon, or None if its file is missing (a report still prints without it)."""
    if not hasattr(_icons, "renderer"):
        _icons.renderer = _load_icon()
    renderer: QSvgRenderer | None = _icons.renderer
    return renderer


def _load_icon() -> QSvgRenderer | None:
    try:
        renderer = QSvgRenderer(str(paths.assets_dir() / "icons" / "sciatica-coach.svg"))
    except FileNotFoundError:
        return None
    return renderer if renderer.isValid() else None

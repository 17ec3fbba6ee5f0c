"""The session summary and the progress report as documents, and as PDF files (Qt).

A QGuiApplication (or QApplication) must exist: charts and pictures are painted with fonts.

A PDF is painted into memory, checked to be whole (its header and its closing ``%%EOF``) and
only then written, through `core.outputs`, as a private file that replaces the target in one
step: a full disk or a failing write leaves the old file as it was.

A document can also be made in two steps (`DocumentDraft`): its words from the log first, on
the thread that owns the log, and its pictures later on any thread, with the pages.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QImage, QPageLayout, QPdfWriter

from sciatica_coach.core import outputs
from sciatica_coach.core.library import Library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.words import date_range, long_date
from sciatica_coach.i18n import _
from sciatica_coach.illustrations.qt_pictures import illustration_image, user_picture_image
from sciatica_coach.report import charts, html
from sciatica_coach.report.html import APP_NAME
from sciatica_coach.report.paint import (
    RESOLUTION,
    ReportDocument,
    ReportError,
    page_size,
    paint_document,
)
from sciatica_coach.report.progress_report import gather_progress
from sciatica_coach.report.summary import summarise_session

THUMBNAIL_SCALE = 3.0


@dataclass(frozen=True)
class DocumentDraft:
    """A report with its words written and its pictures still to draw.

    Making the draft reads the log; `finish` only draws (charts, exercise pictures) from what
    was read, so it may run on a worker thread while the log stays with the UI thread.
    """

    document: ReportDocument  # without its pictures
    draw_pictures: Callable[[], dict[str, QImage]]

    def finish(self) -> ReportDocument:
        return dataclasses.replace(self.document, images=self.draw_pictures())


def session_summary_document(
    log: SessionLog, library: Library, session_id: int, *, printed_on: date | None = None
) -> ReportDocument:
    """Raises LogError if the session does not exist."""
    return session_summary_draft(log, library, session_id, printed_on=printed_on).finish()


def session_summary_draft(
    log: SessionLog, library: Library, session_id: int, *, printed_on: date | None = None
) -> DocumentDraft:
    """The summary read from the log, its pictures to draw; raises LogError if the session
    does not exist."""
    summary = summarise_session(log, library, session_id)
    size = html.thumbnail_size(len(summary.exercises))
    # Every exercise with an id gets a picture: its own, the built-in sheet or the stand-in.
    pictured = {
        index: line.exercise_id for index, line in enumerate(summary.exercises) if line.exercise_id
    }

    def draw_pictures() -> dict[str, QImage]:
        images: dict[str, QImage] = {}
        for index, exercise_id in pictured.items():
            picture = exercise_thumbnail(library, exercise_id, size)
            if picture is not None:
                images[html.thumbnail_name(index)] = picture
        return images

    thumbnails = set(pictured)
    day = long_date(summary.session.local_date)
    document = ReportDocument(
        html=html.session_summary_html(summary, thumbnails=thumbnails),
        title=f"{_(html.SUMMARY_TITLE)} · {day}",
        printed_on=printed_on or date.today(),
        pdf_title=f"{_(html.SUMMARY_TITLE)}, {day}",
        page_limit=1,
        alternatives=(html.session_summary_html(summary, thumbnails=thumbnails, compact=True),),
    )
    return DocumentDraft(document, draw_pictures)


def progress_report_document(
    log: SessionLog, start: date, end: date, *, printed_on: date | None = None
) -> ReportDocument:
    """Raises ValueError if end is before start."""
    return progress_report_draft(log, start, end, printed_on=printed_on).finish()


def progress_report_draft(
    log: SessionLog, start: date, end: date, *, printed_on: date | None = None
) -> DocumentDraft:
    """The report read from the log, its two charts to draw; raises ValueError if end is
    before start."""
    report = gather_progress(log, start, end)
    span = date_range(start, end)
    document = ReportDocument(
        html=html.progress_report_html(report),
        title=f"{_(html.REPORT_TITLE)} · {span}",
        printed_on=printed_on or date.today(),
        pdf_title=f"{_(html.REPORT_TITLE)}, {span}",
    )
    return DocumentDraft(
        document,
        lambda: {
            html.ADHERENCE_CHART: charts.adherence_chart(report.weeks, html.CHART_SIZE),
            html.PAIN_CHART: charts.pain_chart(report.weeks, html.CHART_SIZE),
        },
    )


def write_session_summary_pdf(
    log: SessionLog,
    library: Library,
    session_id: int,
    path: Path,
    *,
    paper: str | None = None,
    printed_on: date | None = None,
) -> int:
    """Write the one-page summary of a session; returns the number of pages.

    Raises LogError (no such session), ReportError or OutputError (see `write_document_pdf`).
    """
    outputs.check_target(path)  # before the work of painting
    document = session_summary_document(log, library, session_id, printed_on=printed_on)
    return write_document_pdf(document, path, paper)


def write_progress_report_pdf(
    log: SessionLog,
    start: date,
    end: date,
    path: Path,
    *,
    paper: str | None = None,
    printed_on: date | None = None,
) -> int:
    """Write the progress report for [start, end]; returns the number of pages.

    Raises ValueError (end before start), ReportError or OutputError.
    """
    outputs.check_target(path)
    document = progress_report_document(log, start, end, printed_on=printed_on)
    return write_document_pdf(document, path, paper)


def write_document_pdf(document: ReportDocument, path: Path, paper: str | None = None) -> int:
    """Write ``document`` to ``path`` as a 0600 PDF, all or nothing; returns the page count.

    Raises ReportError if the PDF could not be made whole, OutputError if it could not be
    written (the old file at ``path`` is then unchanged).
    """
    data, pages = pdf_bytes(document, paper, where=str(path))
    outputs.write_bytes(path, data)
    return pages


def pdf_bytes(
    document: ReportDocument, paper: str | None = None, *, where: str = ""
) -> tuple[bytes, int]:
    """The document as a complete PDF file in memory, and its number of pages; ``where``
    names it in an error (the PDF when empty)."""
    where = where or _("the PDF")
    buffer = QBuffer()
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise ReportError(_("Could not make {where}: no memory for the PDF.").format(where=where))
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setCreator(APP_NAME)
    writer.setTitle(document.pdf_title or document.title)
    layout = QPageLayout(page_size(paper), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    if not writer.setPageLayout(layout):
        raise ReportError(
            _("Could not make {where}: the page size was not accepted.").format(where=where)
        )
    pages = paint_document(document, writer, where=where)  # ends the painter: the PDF is closed
    data = bytes(buffer.data().data())
    buffer.close()
    # A PDF ends in %%EOF; without it (or its header) the writer stopped part way.
    if not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
        raise ReportError(
            _("Could not make {where}: the PDF came out incomplete.").format(where=where)
        )
    return data, pages


def exercise_thumbnail(
    library: Library, exercise_id: str | None, size: tuple[int, int]
) -> QImage | None:
    """The exercise's picture on white, fitted into ``size`` CSS pixels; None without an id.

    As in the player, and decoded the same way: the user's own picture when their routine
    names one (read and checked again now), else the built-in start-and-end sheet, else the
    grey stand-in.
    """
    if not exercise_id:
        return None
    width, height = round(size[0] * THUMBNAIL_SCALE), round(size[1] * THUMBNAIL_SCALE)
    exercise = library.exercises.get(exercise_id)
    if exercise is not None and exercise.image is not None:
        own = user_picture_image(exercise.image, width, height)
        if own is not None:
            return own
    return illustration_image(exercise_id, width, height)

"""The session summary and the progress report as documents, and as PDF files (Qt).

A QGuiApplication (or QApplication) must exist: charts and pictures are painted with fonts.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from sciatica_coach.core.library import Library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.report import charts, html
from sciatica_coach.report.progress_report import gather_progress
from sciatica_coach.report.render import ReportDocument, write_pdf
from sciatica_coach.report.summary import summarise_session

THUMBNAIL_SCALE = 3.0


def session_summary_document(
    log: SessionLog, library: Library, session_id: int, *, printed_on: date | None = None
) -> ReportDocument:
    """Raises LogError if the session does not exist."""
    summary = summarise_session(log, library, session_id)
    images: dict[str, QImage] = {}
    size = html.thumbnail_size(len(summary.exercises))
    for index, line in enumerate(summary.exercises):
        picture = exercise_thumbnail(library, line.exercise_id, size)
        if picture is not None:
            images[html.thumbnail_name(index)] = picture
    thumbnails = {int(name.split(":")[1]) for name in images}
    day = html.long_date(summary.session.local_date)
    return ReportDocument(
        html=html.session_summary_html(summary, thumbnails=thumbnails),
        title=f"{html.SUMMARY_TITLE} · {day}",
        printed_on=printed_on or date.today(),
        images=images,
        pdf_title=f"{html.SUMMARY_TITLE}, {day}",
        page_limit=1,
        alternatives=(html.session_summary_html(summary, thumbnails=thumbnails, compact=True),),
    )


def progress_report_document(
    log: SessionLog, start: date, end: date, *, printed_on: date | None = None
) -> ReportDocument:
    """Raises ValueError if end is before start."""
    report = gather_progress(log, start, end)
    span = html.date_range(start, end)
    return ReportDocument(
        html=html.progress_report_html(report),
        title=f"{html.REPORT_TITLE} · {span}",
        printed_on=printed_on or date.today(),
        images={
            html.ADHERENCE_CHART: charts.adherence_chart(report.weeks, html.CHART_SIZE),
            html.PAIN_CHART: charts.pain_chart(report.weeks, html.CHART_SIZE),
        },
        pdf_title=f"{html.REPORT_TITLE}, {span}",
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
    """Write the one-page summary of a session; returns the number of pages."""
    document = session_summary_document(log, library, session_id, printed_on=printed_on)
    return write_pdf(document, path, paper)


def write_progress_report_pdf(
    log: SessionLog,
    start: date,
    end: date,
    path: Path,
    *,
    paper: str | None = None,
    printed_on: date | None = None,
) -> int:
    """Write the progress report for [start, end]; returns the number of pages."""
    document = progress_report_document(log, start, end, printed_on=printed_on)
    return write_pdf(document, path, paper)


def exercise_thumbnail(
    library: Library, exercise_id: str | None, size: tuple[int, int]
) -> QImage | None:
    """The exercise's start-and-end picture on white, fitted into ``size`` CSS pixels.

    None when there is no picture: no id, or neither a built-in illustration nor a picture
    the user's routine file names.
    """
    if not exercise_id:
        return None
    width, height = round(size[0] * THUMBNAIL_SCALE), round(size[1] * THUMBNAIL_SCALE)
    svg = _builtin_sheet(exercise_id)
    if svg is not None:
        return _render_svg(svg.encode("utf-8"), width, height)
    exercise = library.exercises.get(exercise_id)
    if exercise is not None and exercise.image is not None and exercise.image.is_file():
        if exercise.image.suffix.lower() == ".svg":
            return _render_svg(exercise.image.read_bytes(), width, height)
        picture = QImage(str(exercise.image))
        if not picture.isNull():
            return _fit(picture, width, height)
    return None


def _builtin_sheet(exercise_id: str) -> str | None:
    try:
        from sciatica_coach.illustrations import IllustrationNotFound, render_sheet_svg
    except ImportError:
        return None
    try:
        return render_sheet_svg(exercise_id)
    except IllustrationNotFound:
        return None


def _render_svg(data: bytes, width: int, height: int) -> QImage | None:
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(data)
    if not renderer.isValid():
        return None
    natural = renderer.defaultSize()
    image = _blank(width, height)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, _fitted_rect(natural.width(), natural.height(), width, height))
    painter.end()
    return image


def _fit(picture: QImage, width: int, height: int) -> QImage:
    image = _blank(width, height)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(_fitted_rect(picture.width(), picture.height(), width, height), picture)
    painter.end()
    return image


def _blank(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    return image


def _fitted_rect(natural_w: float, natural_h: float, width: int, height: int) -> QRectF:
    if natural_w <= 0 or natural_h <= 0:
        return QRectF(0, 0, width, height)
    scale = min(width / natural_w, height / natural_h)
    w, h = natural_w * scale, natural_h * scale
    return QRectF((width - w) / 2, (height - h) / 2, w, h)

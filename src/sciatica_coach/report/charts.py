"""Report charts drawn with QPainter onto a QImage: no window, no pyqtgraph.

Sizes are in CSS pixels (1/96 inch) as the HTML places them; the image is drawn ``scale``
times larger so it stays sharp on paper. A QGuiApplication must exist (for fonts).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen

from sciatica_coach.core.words import month_name, short_date
from sciatica_coach.i18n import _
from sciatica_coach.report.progress_report import WeekRow

SCALE = 2.5
LABEL_GAP = 10  # pixels between two week labels
LABEL_CHAR = 6.2  # width of a label character, about
# i18n: not words (font names)
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica Neue", "Arial"]

INK = QColor("#1d2b36")
MUTED = QColor("#5f6b76")
GRID = QColor("#e1e6e9")
AXIS = QColor("#9aa6ad")
DONE = QColor("#3a968c")
PLANNED = QColor("#1d2b36")
BACK = QColor("#2f5f8a")
LEG = QColor("#d2782d")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]
    colour: QColor
    dashed: bool = False


class _Plot:
    """The plot area of a weekly chart: maps week number and value to a point."""

    def __init__(self, width: float, height: float, weeks: int, top_value: float) -> None:
        self.area = QRectF(46, 30, width - 46 - 10, height - 30 - 40)
        self.weeks = max(1, weeks)
        self.top_value = top_value

    @property
    def band(self) -> float:
        return self.area.width() / self.weeks

    def x(self, week: int) -> float:
        return self.area.left() + (week + 0.5) * self.band

    def y(self, value: float) -> float:
        return self.area.bottom() - value / self.top_value * self.area.height()


def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


def _canvas(width: int, height: int, scale: float) -> tuple[QImage, QPainter]:
    image = QImage(math.ceil(width * scale), math.ceil(height * scale), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    return image, painter


def _pen(colour: QColor, width: float, dashed: bool = False) -> QPen:
    pen = QPen(colour, width)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap if dashed else Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dashed:
        pen.setDashPattern([4.0, 2.5])
    return pen


def _axes(
    painter: QPainter, plot: _Plot, ticks: Sequence[float], y_title: str, starts: Sequence[date]
) -> None:
    area = plot.area
    painter.setFont(_font(10))
    for value in ticks:
        y = plot.y(value)
        painter.setPen(_pen(GRID, 0.8))
        painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        painter.setPen(MUTED)
        label = f"{value:g}"
        painter.drawText(
            QRectF(area.left() - 30, y - 8, 24, 16),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
    painter.setPen(_pen(AXIS, 1.0))
    painter.drawLine(area.bottomLeft(), area.bottomRight())
    painter.save()
    painter.setPen(MUTED)
    painter.setFont(_font(10.5))
    painter.translate(11, area.center().y())
    painter.rotate(-90)
    painter.drawText(
        QRectF(-area.height() / 2, -8, area.height(), 16), Qt.AlignmentFlag.AlignCenter, y_title
    )
    painter.restore()
    painter.setPen(MUTED)
    painter.setFont(_font(10))
    for week, text in _week_labels(starts, plot.band):
        x = plot.x(week)
        painter.setPen(_pen(AXIS, 1.0))
        painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 3))
        painter.setPen(MUTED)
        painter.drawText(
            QRectF(x - 40, area.bottom() + 4, 80, 14), Qt.AlignmentFlag.AlignHCenter, text
        )
    painter.setFont(_font(10.5))
    painter.drawText(
        QRectF(area.left(), area.bottom() + 21, area.width(), 16),
        Qt.AlignmentFlag.AlignHCenter,
        _("Week starting (Monday)"),
    )


def _week_labels(starts: Sequence[date], band: float) -> list[tuple[int, str]]:
    """Every n-th week's date, n as small as fits; over longer ranges, months (every first,
    second or third month, as space allows) at their first week. Labels keep regular steps;
    one that would still crowd its neighbour (a first label carrying the year) is left out."""
    if len(starts) <= 20:
        step = max(1, math.ceil((LABEL_CHAR * 6 + LABEL_GAP) / band))
        candidates = [(n, short_date(day)) for n, day in enumerate(starts) if n % step == 0]
    else:
        month_width = band * 52 / 12
        month_step = next(
            (s for s in (1, 2, 3, 6) if s * month_width >= LABEL_CHAR * 3 + LABEL_GAP), 12
        )
        candidates = []
        for n, day in enumerate(starts):
            if day.day <= 7 and (day.month - 1) % month_step == 0:
                name = month_name(day)
                if not candidates or day.month == 1:
                    name += f" {day.year}"
                candidates.append((n, name))
    labels: list[tuple[int, str]] = []
    for n, text in candidates:
        if labels:
            last, last_text = labels[-1]
            needed = LABEL_CHAR * (len(last_text) + len(text)) / 2 + LABEL_GAP
            if (n - last) * band < needed:
                continue
        labels.append((n, text))
    return labels


def _legend(painter: QPainter, right: float, entries: Sequence[tuple[str, QColor, str]]) -> None:
    """Entries (label, colour, "bar" | "line" | "dash"), laid out right-aligned in one row."""
    painter.setFont(_font(10.5))
    metrics = painter.fontMetrics()
    widths = [22 + metrics.horizontalAdvance(label) + 14 for label, _, _ in entries]
    x = right - sum(widths) + 14
    y = 12.0
    for (label, colour, kind), width in zip(entries, widths, strict=True):
        if kind == "bar":
            painter.fillRect(QRectF(x, y - 5, 14, 10), colour)
        else:
            painter.setPen(_pen(colour, 2.0, dashed=kind == "dash"))
            painter.drawLine(QPointF(x, y), QPointF(x + 16, y))
        painter.setPen(INK)
        painter.drawText(QRectF(x + 21, y - 8, width, 16), Qt.AlignmentFlag.AlignVCenter, label)
        x += width


def _empty(painter: QPainter, plot: _Plot, message: str) -> None:
    painter.setPen(MUTED)
    painter.setFont(_font(12))
    painter.drawText(plot.area, Qt.AlignmentFlag.AlignCenter, message)


def adherence_chart(
    weeks: Sequence[WeekRow], size: tuple[int, int], scale: float = SCALE
) -> QImage:
    """Bars of sessions done per week against a dashed line at the weekly plan."""
    width, height = size
    image, painter = _canvas(width, height, scale)
    planned = max((week.planned for week in weeks), default=1)
    top = max([planned, *(week.sessions_done for week in weeks)]) + 1
    plot = _Plot(width, height, len(weeks), top)
    step = 1 if top <= 8 else 2 if top <= 16 else 5
    _axes(painter, plot, range(0, top + 1, step), _("Sessions"), [w.week_start for w in weeks])
    bar = min(plot.band * 0.64, 28)
    painter.setPen(Qt.PenStyle.NoPen)
    for n, week in enumerate(weeks):
        if week.sessions_done:
            y = plot.y(week.sessions_done)
            rect = QRectF(plot.x(n) - bar / 2, y, bar, plot.area.bottom() - y)
            painter.fillRect(rect, DONE)
    painter.setPen(_pen(PLANNED, 1.6, dashed=True))
    path = QPainterPath()
    drawing = False
    for n, week in enumerate(weeks):
        if not week.counted:  # before the user started there was no plan to meet
            drawing = False
            continue
        left, right = plot.area.left() + n * plot.band, plot.area.left() + (n + 1) * plot.band
        y = plot.y(week.planned)
        if drawing:
            path.lineTo(left, y)
        else:
            path.moveTo(left, y)
            drawing = True
        path.lineTo(right, y)
    painter.drawPath(path)
    _legend(
        painter,
        plot.area.right(),
        [(_("Sessions done"), DONE, "bar"), (_("Planned"), PLANNED, "dash")],
    )
    painter.end()
    return image


def pain_chart(weeks: Sequence[WeekRow], size: tuple[int, int], scale: float = SCALE) -> QImage:
    """Weekly average pain, back and leg, before (solid) and after (dashed) sessions."""
    series = [
        Series(_("Back, before"), [w.back_before for w in weeks], BACK),
        Series(_("Back, after"), [w.back_after for w in weeks], BACK, dashed=True),
        Series(_("Leg, before"), [w.leg_before for w in weeks], LEG),
        Series(_("Leg, after"), [w.leg_after for w in weeks], LEG, dashed=True),
    ]
    return line_chart(
        [w.week_start for w in weeks],
        series,
        size,
        top_value=10,
        ticks=(0, 2, 4, 6, 8, 10),
        y_title=_("Pain (0–10)"),
        empty_message=_("No pain check-ins in this period"),
        scale=scale,
    )


def line_chart(
    starts: Sequence[date],
    series: Sequence[Series],
    size: tuple[int, int],
    *,
    top_value: float,
    ticks: Sequence[float],
    y_title: str,
    empty_message: str,
    scale: float = SCALE,
) -> QImage:
    """Lines over weeks; a None value breaks its line, and a lone value shows as a dot."""
    width, height = size
    image, painter = _canvas(width, height, scale)
    plot = _Plot(width, height, len(starts), top_value)
    _axes(painter, plot, ticks, y_title, starts)
    if not any(value is not None for s in series for value in s.values):
        _empty(painter, plot, empty_message)
    dots = plot.band >= 14
    for s in series:
        painter.setPen(_pen(s.colour, 2.0 if not s.dashed else 1.6, s.dashed))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath()
        points: list[QPointF] = []
        drawing = False
        for n, value in enumerate(s.values):
            if value is None:
                drawing = False
                continue
            point = QPointF(plot.x(n), plot.y(value))
            neighbours = [s.values[m] for m in (n - 1, n + 1) if 0 <= m < len(s.values)]
            if dots or all(v is None for v in neighbours):
                points.append(point)
            if drawing:
                path.lineTo(point)
            else:
                path.moveTo(point)
                drawing = True
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(s.colour if not s.dashed else QColor("#ffffff"))
        if s.dashed:
            painter.setPen(_pen(s.colour, 1.3))
        radius = 2.4 if not s.dashed else 2.0
        for point in points:
            painter.drawEllipse(point, radius, radius)
    _legend(
        painter,
        plot.area.right(),
        [(s.label, s.colour, "dash" if s.dashed else "line") for s in series],
    )
    painter.end()
    return image

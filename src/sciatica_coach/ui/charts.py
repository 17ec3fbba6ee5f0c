"""Chart helpers that need no plotting library: colours, date ticks and the exercise calendar
with each day's traffic light.

Kept apart from progress.py so they can be tested, and imported, without pyqtgraph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QPoint, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from sciatica_coach.core.stats import DayActivity, week_start
from sciatica_coach.core.words import (
    LIGHT_WORDS,
    light_label,
    long_date,
    month_name,
    month_year,
    plural,
    short_date,
)
from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.colours import ChartColours

ONE_DAY = timedelta(days=1)
ONE_WEEK = timedelta(days=7)
# Calendar shades: no exercise, then up to these many minutes, then more.
MINUTE_STEPS = (10.0, 20.0, 30.0)
MIN_WEEKS = 26
MAX_CELL = 22.0
SHADE_LABELS = (N_("None"), N_("< 10 min"), "10–20", "20–30", N_("30+ min"))
# Lines of text the calendar needs besides its days: months, the two keys and the period.
TEXT_LINES = 4
LIGHTS_CAPTION = N_("After sessions:")


def day_x(day: date) -> float:
    """The x coordinate of the start of a day on a date axis (days since 1 Jan of year 1)."""
    return float(day.toordinal())


def x_day(x: float) -> date:
    """The day holding x on a date axis."""
    return date.fromordinal(max(1, int(x // 1)))


def date_ticks(first: date, last: date, width: float, min_gap: float = 60.0) -> list[date]:
    """Tick dates between first and last that leave at least min_gap pixels between labels.

    Tries Mondays, every other Monday, month starts, quarters, then years (and every 2, 5, 10).
    """
    most = max(2, int(width // min_gap))
    days = (last - first).days
    if days <= 0:
        return [first]
    for step in (7, 14):
        if days / step <= most:
            monday = week_start(first)
            if monday < first:
                monday += ONE_WEEK
            return _every(monday, last, timedelta(days=step))
    for months in (1, 3, 6, 12, 24, 60, 120):
        if days / (30.4 * months) <= most:
            return [
                d for d in _month_starts(first, last) if (d.year * 12 + d.month - 1) % months == 0
            ]
    return [first, last]


def _every(start: date, last: date, step: timedelta) -> list[date]:
    ticks = []
    while start <= last:
        ticks.append(start)
        start += step
    return ticks


def _month_starts(first: date, last: date) -> list[date]:
    day = date(first.year, first.month, 1)
    if day < first:
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    months = []
    while day <= last:
        months.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return months


def tick_label(day: date, ticks: Sequence[date]) -> str:
    """``3 Mar`` for weeks, ``Mar`` for months, ``2025`` for years; the first tick of a new year
    carries the year (``6 Jan 2025``, ``Jan 2025``)."""
    spacing = (ticks[1] - ticks[0]).days if len(ticks) > 1 else 7
    if spacing > 300:
        return str(day.year)
    index = ticks.index(day)
    new_year = index > 0 and ticks[index - 1].year != day.year
    text = month_name(day) if spacing > 20 else short_date(day)
    return f"{text} {day.year}" if new_year else text


def shade_level(minutes: float) -> int:
    """0 for a day without exercise, then 1-4 by minutes exercised."""
    if minutes <= 0:
        return 0
    return 1 + sum(1 for step in MINUTE_STEPS if minutes >= step)


def paint_light(painter: QPainter, colour: str, centre: QPointF, size: float) -> None:
    """A day's traffic light, told apart by shape as well as hue: a circle for green, a
    triangle for amber, a square for red. The painter's brush and pen are used as set."""
    half = size / 2
    if colour == "green":
        painter.drawEllipse(centre, half, half)
    elif colour == "amber":
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), centre.y() - half * 1.1),
                    QPointF(centre.x() + half * 1.1, centre.y() + half * 0.85),
                    QPointF(centre.x() - half * 1.1, centre.y() + half * 0.85),
                ]
            )
        )
    else:
        side = half * 0.85
        painter.drawRect(QRectF(centre.x() - side, centre.y() - side, side * 2, side * 2))


class CalendarHeatMap(QWidget):
    """Days exercised as a calendar: one column per week (Monday at the top), shaded by minutes,
    with a mark for the worst traffic light of the day's sessions.

    Shows the latest MIN_WEEKS weeks, or more where they fit at full size, drawn in one painter
    pass; hovering a day shows its date, sessions, minutes and light.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.colours = ChartColours.from_palette(self.palette())
        self.days: dict[date, DayActivity] = {}
        self.lights: dict[date, str] = {}
        self.first = self.last = date.today()
        self.hover_text = ""

    def set_days(
        self,
        first: date,
        last: date,
        days: Mapping[date, DayActivity],
        lights: Mapping[date, str] | None = None,
    ) -> None:
        """Show the weeks from the one holding first to the one holding last; ``lights``
        holds each day's worst traffic-light colour."""
        self.first, self.last = week_start(first), last
        self.days = dict(days)
        self.lights = dict(lights or {})
        self.update()

    def set_colours(self, colours: ChartColours) -> None:
        self.colours = colours
        self.update()

    # --- geometry -------------------------------------------------------------------------

    def _weeks(self) -> int:
        return (week_start(self.last) - self.first).days // 7 + 1

    def _label_width(self) -> int:
        return QFontMetrics(self.font()).horizontalAdvance(_("Wed")) + 8

    def _cell(self) -> float:
        """Cell pitch in pixels: at least MIN_WEEKS must fit, and as many more as fit MAX_CELL."""
        metrics = QFontMetrics(self.font())
        available_w = self.width() - self._label_width() - 4
        available_h = self.height() - TEXT_LINES * metrics.lineSpacing() - 24
        return max(4.0, min(MAX_CELL, available_h / 7, available_w / MIN_WEEKS))

    def shown_weeks(self) -> int:
        """How many of the latest weeks fit the current width."""
        fit = int((self.width() - self._label_width() - 4) / self._cell() + 1e-6)
        return max(1, min(self._weeks(), fit))

    def shown_first_day(self) -> date:
        return week_start(self.last) - ONE_WEEK * (self.shown_weeks() - 1)

    def sizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        lines = TEXT_LINES * metrics.lineSpacing() + 24
        return QSize(self._label_width() + MIN_WEEKS * 18, 7 * 18 + lines)

    def minimumSizeHint(self) -> QSize:
        metrics = QFontMetrics(self.font())
        lines = TEXT_LINES * metrics.lineSpacing() + 24
        return QSize(self._label_width() + MIN_WEEKS * 12, 7 * 12 + lines)

    def _origin(self) -> tuple[float, float]:
        return float(self._label_width()), float(QFontMetrics(self.font()).height() + 4)

    def cell_rect(self, day: date) -> QRectF | None:
        """Where the day is drawn, or None when it is not shown."""
        column = (week_start(day) - self.shown_first_day()).days // 7
        if not 0 <= column < self.shown_weeks() or day > self.last:
            return None
        left, top = self._origin()
        cell = self._cell()
        return QRectF(left + column * cell, top + day.weekday() * cell, cell, cell)

    def day_at(self, pos: QPoint) -> date | None:
        left, top = self._origin()
        cell = self._cell()
        column = int((pos.x() - left) // cell)
        row = int((pos.y() - top) // cell)
        if not (0 <= column < self.shown_weeks() and 0 <= row < 7):
            return None
        day = self.shown_first_day() + ONE_WEEK * column + ONE_DAY * row
        return day if day <= self.last else None

    # --- painting and hover ---------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colours = self.colours
        metrics = QFontMetrics(self.font())
        left, top = self._origin()
        cell = self._cell()
        gap = max(2.0, cell * 0.15)
        first = self.shown_first_day()
        painter.setPen(colours.muted)
        for row, name in ((0, _("Mon")), (2, _("Wed")), (4, _("Fri")), (6, _("Sun"))):
            box = QRectF(0, top + row * cell, left - 6, cell - gap)
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
        last_label_end = -1.0
        for column in range(self.shown_weeks()):
            monday = first + ONE_WEEK * column
            x = left + column * cell
            month_start = next(
                (monday + ONE_DAY * d for d in range(7) if (monday + ONE_DAY * d).day == 1), None
            )
            if (month_start is not None or column == 0) and x > last_label_end:
                text = month_name(month_start or monday)
                painter.setPen(colours.muted)
                painter.drawText(int(x), metrics.ascent(), text)
                last_label_end = x + metrics.horizontalAdvance(text) + 6
            painter.setPen(Qt.PenStyle.NoPen)
            for row in range(7):
                day = monday + ONE_DAY * row
                if day > self.last:
                    break
                activity = self.days.get(day)
                level = shade_level(activity.minutes) if activity else 0
                painter.setBrush(colours.shades[level])
                box = QRectF(x, top + row * cell, cell - gap, cell - gap)
                painter.drawRoundedRect(box, 2, 2)
                light = self.lights.get(day)
                if light is not None:
                    self._paint_light(painter, light, box.center(), box.width() * 0.62)
                    painter.setPen(Qt.PenStyle.NoPen)
        self._paint_key(painter, top + 7 * cell + 6)
        painter.end()

    def _paint_light(self, painter: QPainter, colour: str, centre: QPointF, size: float) -> None:
        # A ring in the background colour keeps the mark clear of the day's green shade.
        painter.setPen(QPen(self.colours.background, max(1.2, size * 0.16)))
        painter.setBrush(self.colours.light(colour))
        paint_light(painter, colour, centre, size)

    def _paint_key(self, painter: QPainter, top: float) -> None:
        metrics = QFontMetrics(self.font())
        size = float(metrics.height() - 4)
        x = float(self._label_width())
        for level, english in enumerate(SHADE_LABELS):
            label = _(english)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colours.shades[level])
            painter.drawRoundedRect(QRectF(x, top + 2, size, size), 2, 2)
            x += size + 5
            painter.setPen(self.colours.muted)
            painter.drawText(int(x), int(top + metrics.ascent()), label)
            x += metrics.horizontalAdvance(label) + 12
        line = top + metrics.lineSpacing() + 6
        x = float(self._label_width())
        painter.setPen(self.colours.muted)
        caption = _(LIGHTS_CAPTION)
        painter.drawText(int(x), int(line + metrics.ascent()), caption)
        x += metrics.horizontalAdvance(caption) + 8
        for colour in LIGHT_WORDS:
            centre = QPointF(x + size / 2, line + 2 + size / 2)
            self._paint_light(painter, colour, centre, size)
            x += size + 5
            label = light_label(colour)
            painter.setPen(self.colours.muted)
            painter.drawText(int(x), int(line + metrics.ascent()), label)
            x += metrics.horizontalAdvance(label) + 12
        period = _("{first} to {last}. Point at a day for details.").format(
            first=month_year(self.shown_first_day()), last=month_year(self.last)
        )
        painter.drawText(
            int(self._label_width()),
            int(line + metrics.lineSpacing() + 4 + metrics.ascent()),
            period,
        )

    def describe(self, day: date) -> str:
        activity = self.days.get(day)
        if activity is None:
            return _("{day}: no exercise").format(day=long_date(day))
        text = _("{day}: {sessions}, {minutes} min").format(
            day=long_date(day),
            sessions=plural(activity.sessions, "session"),
            minutes=f"{activity.minutes:.0f}",
        )
        light = self.lights.get(day)
        return f"{text}\n{light_label(light)}" if light else text

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        day = self.day_at(event.position().toPoint())
        self.hover_text = "" if day is None else self.describe(day)
        if self.hover_text:
            QToolTip.showText(event.globalPosition().toPoint(), self.hover_text, self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

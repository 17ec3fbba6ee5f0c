"""The Progress screen: sessions and minutes per week against the plan, pain over time, how
far down the leg symptoms reach over time, streaks, completion and a calendar of days
exercised with each day's traffic light.

The charts are pyqtgraph plots (ui/plots.py, which brings numpy too), loaded only when
Progress is first opened, so start-up stays as quick as a bare Qt window. In the app they load
on a Python thread while the page shows its frame, its figures and the calendar; then each
chart gets its plot on its own turn of the event loop. Every figure comes from core.stats;
this module only places them on charts.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from bisect import bisect_left
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QFont, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core import stats, symptom_stats
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError, PainPoint, WeeklyPlan, WeekPain
from sciatica_coach.core.safety import LEG_REACH
from sciatica_coach.core.stats import (
    DayActivity,
    Streaks,
    WeekAdherence,
    WeekMinutes,
    week_start,
)
from sciatica_coach.core.symptom_stats import ReachPoint, ReachTrend, WeekReach, reach_height
from sciatica_coach.core.words import (
    calendar_text,
    long_date,
    percent,
    plural,
    reach_trend_text,
    reach_words,
    short_date,
    weekday_name,
)
from sciatica_coach.i18n import N_, _, pgettext, short_number
from sciatica_coach.ui.charts import ONE_WEEK, CalendarHeatMap, day_x, x_day
from sciatica_coach.ui.colours import PROGRESS_STYLE, ChartColours, mix
from sciatica_coach.ui.plain_text import show_warning

if TYPE_CHECKING:
    import pyqtgraph as pg  # loaded when the charts are drawn: see PlotsLoader

logger = logging.getLogger(__name__)

# (key, button text, weeks shown; None = since the first session)
RANGES: tuple[tuple[str, str, int | None], ...] = (
    ("4w", N_("4 weeks"), 4),
    ("3m", N_("3 months"), 13),
    ("1y", N_("1 year"), 52),
    ("all", N_("All"), None),
)
RANGE_KEYS = tuple(key for key, _text, _weeks in RANGES)
RANGE_WORDS = {
    "4w": N_("the last 4 weeks"),
    "3m": N_("the last 3 months"),
    "1y": N_("the last year"),
}
DEFAULT_RANGE = "3m"
CALENDAR_WEEKS = 53  # a year of days; the calendar shows as many of them as fit
BAR_WIDTH_DAYS = 5.6
# Over a year and more, one point per session would be a blur: weekly means instead.
WEEKLY_PAIN_RANGES = frozenset({"1y", "all"})
CHART_ROW_HEIGHT = 270  # pixels: a chart row's height, however small the window
SYMBOLS_UP_TO = 120  # per series; beyond this points would crowd into a blur, so lines only
PAIN_LABEL = N_("Pain (0 = none, 10 = worst)")
PAIN_WEEK_LABEL = N_("Weekly average pain (0–10)")
REACH_TITLE = N_("How far down the leg")
REACH_SERIES = ("before", "after", "morning")  # keys, and the fields of ReachPoint and WeekReach
REACH_NAMES = {"before": N_("Before"), "after": N_("After"), "morning": N_("Next morning")}
# The axis reads like the leg from the top: no symptoms at the top, the foot at the bottom.
REACH_TICKS = [(reach_height(code), label) for code, label in LEG_REACH]
PAIN_SERIES = (  # key, which score, moment
    ("back_before", "back", "before"),
    ("back_after", "back", "after"),
    ("leg_before", "leg", "before"),
    ("leg_after", "leg", "after"),
)

Series = tuple[list[date], list[float]]


PLOTS_MODULE = "sciatica_coach.ui.plots"
LOADING_SWITCH_INTERVAL = 0.0002  # seconds; Python's own is 0.005


class PlotsLoader(QObject):
    """Imports the plotting module (pyqtgraph and numpy: about a third of a second) on a
    Python thread, once per app, so the window answers while it loads.

    Only classes are defined on that thread; every plot is made on the GUI thread, after
    ``loaded`` (emitted there) says the import is done: "" when it worked, else the error.
    """

    loaded = Signal(str)
    _finished = Signal(str)  # emitted on the loading thread, delivered on the GUI thread

    def __init__(self, module: str) -> None:
        super().__init__(QCoreApplication.instance())  # lives as long as the app
        self.error: str | None = None  # None while loading
        self._finished.connect(self._done)  # queued: this object belongs to the GUI thread
        # Each Python call the GUI thread makes (a size hint, a paint) waits for the loading
        # thread to give up the interpreter, up to the switch interval: at 5 ms, the page's
        # first layout and paint took a quarter of a second while pyqtgraph loaded.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(LOADING_SWITCH_INTERVAL)
        threading.Thread(target=self._load, args=(module,), name="load-plots", daemon=True).start()

    def _load(self, module: str) -> None:
        try:
            importlib.import_module(module)
        except Exception as error:  # whatever broke, the page says so instead of its charts
            self._finished.emit(f"{type(error).__name__}: {error}")
        else:
            self._finished.emit("")

    def _done(self, error: str) -> None:
        sys.setswitchinterval(self._switch_interval)
        self.error = error
        self.loaded.emit(error)

    def call_when_loaded(self, receiver: QObject, slot: Callable[[str], None]) -> None:
        """Call ``slot`` (a method of ``receiver``) with the outcome, on a later turn of the
        event loop; never once ``receiver`` is deleted."""
        if self.error is None:
            self.loaded.connect(slot)
        else:
            QTimer.singleShot(0, receiver, partial(slot, self.error))


_loaders: dict[str, PlotsLoader] = {}


def load_plots(module: str | None = None) -> PlotsLoader:
    """The loader of ``module`` (PLOTS_MODULE), started by the first call (the first visit
    to Progress)."""
    module = module or PLOTS_MODULE
    if module not in _loaders:
        _loaders[module] = PlotsLoader(module)
    return _loaders[module]


class ChartCard(QFrame):
    """A titled chart with a legend line, a friendly message when it has nothing to show, and
    a tooltip that describes whatever is under the mouse.

    ``series`` holds what each plotted series was given, as dates and values, so tests (and
    anyone curious) can check the figures without reading pixels.
    """

    def __init__(
        self,
        title: str,
        y_label: str,
        x_label: str,
        *,
        week_bars: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel(title)
        self.title.setFont(_font(self.font(), 12, bold=True))
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.week_bars = week_bars
        # The pyqtgraph plot, once the plotting library is loaded (attach_plot); until then
        # the card says it is drawing, and its table and messages work without it.
        self.plot: pg.PlotWidget | None = None
        self.axis: pg.AxisItem | None = None
        self.colours: ChartColours | None = None
        self.waiting = QLabel(_("Drawing the chart…"))
        self.waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.waiting.setWordWrap(True)
        self.waiting.setMinimumHeight(170)  # the plot's least height: nothing moves later
        self.y_label, self.x_label = y_label, x_label
        self._label_style: dict[str, str] = {}
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setFont(_font(self.font(), 12))
        self.stack = QStackedWidget()
        self.stack.addWidget(self.waiting)
        self.stack.addWidget(self.empty)
        # The same figures as a table, for a screen reader or anyone who would rather read.
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(title)
        self.stack.addWidget(self.table)
        self.table_button = QPushButton(_("Table"))
        self.table_button.setCheckable(True)
        self.table_button.setAccessibleName(_("Show {chart} as a table").format(chart=title))
        self.table_button.toggled.connect(lambda _on: self._show_current())
        # Column headings by series key, and how a value reads in a cell.
        self.series_names: dict[str, str] = {}
        self.value_words: Callable[[str, float], str] = lambda _key, value: short_number(value)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.table_button)
        # The legend has a line of its own, wrapping if it must: beside the title it made the
        # card wider than a small window (German words are long), and the page scrolled sideways.
        self.legend.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.setSpacing(4)
        layout.addLayout(heading)
        layout.addWidget(self.legend)
        layout.addWidget(self.stack, 1)
        # A sentence saying what the chart shows, for everyone and for screen readers.
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setVisible(False)
        layout.addWidget(self.summary)
        self.series: dict[str, Series] = {}
        self.describe: Callable[[float, float], str | None] = lambda x, tolerance: None
        self.hover_text = ""

    def attach_plot(self, plot: pg.PlotWidget) -> None:
        """Show ``plot`` (from plots.chart_plot) where the card said it was drawing."""
        self.plot = plot
        self.axis = plot.getPlotItem().getAxis("bottom")
        self.stack.addWidget(plot)
        plot.scene().sigMouseMoved.connect(self._mouse_moved)
        if self.colours is not None:
            self.apply_colours(self.colours)
        self.set_summary(self.summary.text() or None)
        self._show_current()

    def set_failed(self, reason: str) -> None:
        """Say, where the chart would be, why it cannot be drawn; the table still works."""
        self.waiting.setText(reason)

    def set_empty(self, message: str | None) -> None:
        """Show message instead of the chart, or the chart (or its table) again with None."""
        self.empty.setText(message or "")
        self._show_current()

    def _show_current(self) -> None:
        if self.empty.text():
            self.stack.setCurrentWidget(self.empty)
        elif self.table_button.isChecked():
            self.fill_table()
            self.stack.setCurrentWidget(self.table)
        else:
            self.stack.setCurrentWidget(self.plot or self.waiting)

    def fill_table(self) -> None:
        """One row per date, one column per series, from the figures the chart was given."""
        keys = [key for key in self.series if self.series[key][0]]
        days = sorted({day for key in keys for day in self.series[key][0]})
        cells = {
            (key, day): value
            for key in keys
            for day, value in zip(*self.series[key], strict=True)
            if value is not None and value == value  # a gap in a line is NaN
        }
        self.table.clear()
        self.table.setColumnCount(1 + len(keys))
        self.table.setRowCount(len(days))
        names = [_("Date"), *(self.series_names.get(key, key) for key in keys)]
        self.table.setHorizontalHeaderLabels(names)
        for row, day in enumerate(days):
            self.table.setItem(row, 0, QTableWidgetItem(short_date(day)))
            for column, key in enumerate(keys, start=1):
                value = cells.get((key, day))
                text = "" if value is None else self.value_words(key, value)
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def set_summary(self, text: str | None) -> None:
        """The sentence under the chart, which is also the chart's description for screen
        readers; None hides it."""
        self.summary.setText(text or "")
        self.summary.setVisible(bool(text))
        if self.plot is not None:
            self.plot.setAccessibleName(self.title.text())
            self.plot.setAccessibleDescription(text or "")

    @property
    def is_empty(self) -> bool:
        return bool(self.empty.text())

    def apply_colours(self, colours: ChartColours) -> None:
        self.colours = colours
        if self.plot is None:
            return
        # Only here, once the plot exists: on the way there this would wait for the import.
        import pyqtgraph as pg

        self.plot.setBackground(colours.background)
        item = self.plot.getPlotItem()
        self._label_style = {"color": colours.muted.name(), "font-size": "10pt"}
        if self.y_label:  # without one, the tick labels say it all
            item.setLabel("left", self.y_label, **self._label_style)
        item.setLabel("bottom", self.x_label, **self._label_style)
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(colours.grid))
            axis.setTextPen(pg.mkPen(colours.text))
            axis.setZValue(-1)  # grid lines behind the bars, not across them
        item.showGrid(x=False, y=True, alpha=0.35 if colours.dark else 0.25)

    def set_y_label(self, text: str) -> None:
        if text != self.y_label:
            self.y_label = text
            if self.plot is not None:
                self.plot.getPlotItem().setLabel("left", text, **self._label_style)

    def hover_at(self, x: float) -> str:
        """The text the tooltip would show with the mouse at x (a day number)."""
        if self.plot is None:
            return ""
        tolerance = self.plot.getPlotItem().vb.viewPixelSize()[0] * 8
        return self.describe(x, tolerance) or ""

    def _mouse_moved(self, pos: QPointF) -> None:
        if self.plot is None:
            return
        view = self.plot.getPlotItem().vb
        if self.is_empty or not view.sceneBoundingRect().contains(pos):
            self.hover_text = ""
            QToolTip.hideText()
            return
        self.hover_text = self.hover_at(view.mapSceneToView(pos).x())
        if self.hover_text:
            QToolTip.showText(QCursor.pos(), self.hover_text, self.plot)
        else:
            QToolTip.hideText()


class FigureTile(QFrame):
    """A headline number with a caption above and a line of context below."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.caption = QLabel(caption)
        self.value = QLabel("–")
        self.value.setFont(_font(self.font(), 20, bold=True))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        for label in (self.caption, self.value, self.detail):
            layout.addWidget(label)

    def show_figure(self, value: str, detail: str) -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class TileRow(QWidget):
    """The plan and the figures side by side, or the plan above the figures when the window
    is too narrow for one row, so the page never needs more width than two rows do (one row
    needed about 1060 pixels, more than an 800x600 screen or a laptop at 200%)."""

    SPACING = 12

    def __init__(self, first: QWidget, others: tuple[QWidget, ...]) -> None:
        super().__init__()
        self._first, self._others = first, others
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(self.SPACING)
        self.one_row: bool | None = None
        self._arrange(one_row=True)

    def _width_of(self, widgets: tuple[QWidget, ...]) -> int:
        widths = [widget.minimumSizeHint().width() for widget in widgets]
        return sum(widths) + self.SPACING * (len(widths) - 1)

    def _arrange(self, *, one_row: bool) -> None:
        if one_row == self.one_row:
            return
        self.one_row = one_row
        for widget in (self._first, *self._others):
            self._grid.removeWidget(widget)
        for column in range(len(self._others) + 1):
            self._grid.setColumnStretch(column, 0)
        if one_row:
            self._grid.addWidget(self._first, 0, 0)
            self._grid.setColumnStretch(0, 3)
            for column, widget in enumerate(self._others, start=1):
                self._grid.addWidget(widget, 0, column)
                self._grid.setColumnStretch(column, 2)
        else:
            self._grid.addWidget(self._first, 0, 0, 1, len(self._others))
            for column, widget in enumerate(self._others):
                self._grid.addWidget(widget, 1, column)
                self._grid.setColumnStretch(column, 1)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        width = max(self._first.minimumSizeHint().width(), self._width_of(self._others))
        return QSize(width, self._grid.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(one_row=self.width() >= self._width_of((self._first, *self._others)))


class ChartsPage(QWidget):
    """The charts inside their scroll area: as small as the rows allow, and filling the
    window when it is taller. A plot's own size hint follows the size it was last given, so
    asking the plots would let the page grow on every layout.

    Two charts side by side where the window is wide enough for both, else one under the
    other, so the page never scrolls sideways (two German chart titles did not fit 800 pixels).
    """

    SPACING = 12

    def __init__(self, charts: tuple[QWidget, ...], below: QWidget) -> None:
        super().__init__()
        self._charts, self._below = charts, below
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(self.SPACING)
        # The page's least width is one chart's (minimumSizeHint), not what two columns need.
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.two_columns: bool | None = None
        self._arrange(two_columns=True)

    def _widest(self) -> int:
        return max(widget.minimumSizeHint().width() for widget in self._charts)

    def _arrange(self, *, two_columns: bool) -> None:
        if two_columns == self.two_columns:
            return
        self.two_columns = two_columns
        for widget in (*self._charts, self._below):
            self._grid.removeWidget(widget)
        for row in range(len(self._charts) + 1):
            self._grid.setRowMinimumHeight(row, 0)
        columns = 2 if two_columns else 1
        for index, chart in enumerate(self._charts):
            self._grid.addWidget(chart, index // columns, index % columns)
        rows = -(-len(self._charts) // columns)
        self._grid.addWidget(self._below, rows, 0, 1, columns)  # the whole width
        for row in range(rows):
            self._grid.setRowMinimumHeight(row, CHART_ROW_HEIGHT)
        self._grid.setColumnStretch(0, 1)
        self._grid.setColumnStretch(1, 1 if two_columns else 0)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        width = max(self._widest(), self._below.minimumSizeHint().width())
        return QSize(width, self._grid.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(two_columns=self.width() >= 2 * self._widest() + self.SPACING)

    def event(self, event: QEvent) -> bool:
        # A chart's least width changes with its words (a legend filled in later) too.
        if event.type() == QEvent.Type.LayoutRequest and self.width() > 0:
            self._arrange(two_columns=self.width() >= 2 * self._widest() + self.SPACING)
        return super().event(event)

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def heightForWidth(self, width: int) -> int:
        # Asked instead of sizeHint because a summary line wraps; the same answer.
        return self.minimumSizeHint().height()


class ProgressView(QWidget):
    """Charts of the log for a chosen range ending today, plus the weekly plan editor.

    Exposes what each chart was given (``adherence_series``, ``minutes_series``,
    ``pain_points`` or, for a year and more, ``pain_weeks``, likewise ``reach_points`` or
    ``reach_weeks`` with ``reach_trend``, ``calendar_days``, ``calendar_lights``,
    ``completion``, ``streaks`` and each card's ``series``).
    """

    def __init__(
        self,
        log: SessionLog,
        today: Callable[[], date],
        parent: QWidget | None = None,
        *,
        range_key: str = DEFAULT_RANGE,
        charts_later: bool = False,
    ) -> None:
        """With ``charts_later`` (the app) the page shows its frame and figures at once and
        each chart once the plotting library has loaded on a thread (PlotsLoader); without
        it (tests, benchmarks) the library is loaded here and every chart drawn at once."""
        super().__init__(parent)
        if range_key not in RANGE_KEYS:
            # i18n: not words (a programmer's error)
            raise ValueError(
                f"unknown range {range_key!r}; expected one of {', '.join(RANGE_KEYS)}"
            )
        self.log = log
        self.today = today
        self.range_key = range_key
        self.colours = ChartColours.from_palette(self.palette())
        self.adherence_series: list[WeekAdherence] = []
        self.minutes_series: list[WeekMinutes] = []
        self.pain_points: list[PainPoint] = []
        self.pain_weeks: list[WeekPain] = []
        self.calendar_days: list[DayActivity] = []
        self.calendar_lights: dict[date, str] = {}
        self.reach_points: list[ReachPoint] = []
        self.reach_weeks: list[WeekReach] = []
        self.reach_trend: ReachTrend | None = None
        # The two line charts' lines, made with their plots once pyqtgraph is loaded.
        self.pain_items: dict[str, pg.PlotDataItem] = {}
        self.reach_items: dict[str, pg.PlotDataItem] = {}
        self.completion: float | None = None
        self.streaks: Streaks | None = None
        self._syncing_plan = False
        self._plan_count = WeeklyPlan().sessions_per_week

        heading = QLabel(_("Your progress"))
        heading.setFont(_font(self.font(), 22, bold=True))
        self.range_buttons: dict[str, QPushButton] = {}
        self._range_group = QButtonGroup(self)
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addStretch(1)
        self.range_caption = QLabel(_("Show"))
        header.addWidget(self.range_caption)
        for key, text, _weeks in RANGES:
            button = QPushButton(_(text))
            button.setCheckable(True)
            button.setMinimumWidth(64)
            button.setProperty("range", True)
            button.clicked.connect(lambda _=False, k=key: self.set_range(k))
            self._range_group.addButton(button)
            self.range_buttons[key] = button
            header.addWidget(button)
        self.range_buttons[self.range_key].setChecked(True)

        self.plan_tile = self._build_plan_tile()
        self.completion_tile = FigureTile(_("Exercises done"))
        self.current_tile = FigureTile(_("Current streak"))
        self.best_tile = FigureTile(_("Best streak"))
        tiles = TileRow(self.plan_tile, (self.completion_tile, self.current_tile, self.best_tile))

        self.adherence = ChartCard(
            _("Sessions each week"), _("Sessions"), _("Week starting"), week_bars=True
        )
        self.minutes = ChartCard(
            _("Minutes of exercise each week"), _("Minutes"), _("Week starting"), week_bars=True
        )
        self.pain = ChartCard(_("Pain over time"), _(PAIN_LABEL), _("Date"))
        self.reach = ChartCard(_(REACH_TITLE), "", _("Date"))
        self.cards = (self.adherence, self.minutes, self.pain, self.reach)
        self._name_table_columns()
        self.adherence.describe = self._describe_week_sessions
        self.minutes.describe = self._describe_week_minutes
        self.pain.describe = self._describe_pain
        self.reach.describe = self._describe_reach
        self._span = (0.0, 1.0)  # the days shown, as x (see charts.day_x); set by refresh
        self._first_day: date | None = None  # of the range shown; None for an empty log
        self.calendar = CalendarHeatMap()
        # Full-size days, not the least the calendar could get by with: there is room to scroll.
        self.calendar.setMinimumHeight(self.calendar.sizeHint().height())
        self.calendar_title = QLabel(_("Days you exercised"))
        self.calendar_title.setFont(_font(self.font(), 12, bold=True))
        calendar_card = QFrame()
        calendar_card.setObjectName("card")
        calendar_layout = QVBoxLayout(calendar_card)
        calendar_layout.setContentsMargins(10, 8, 10, 8)
        calendar_layout.addWidget(self.calendar_title)
        calendar_layout.addWidget(self.calendar, 1)

        # A year of days fits the calendar across the whole width.
        charts = ChartsPage((self.adherence, self.minutes, self.pain, self.reach), calendar_card)
        # Three rows of charts are taller than a small window: the charts scroll.
        scroller = QScrollArea()
        scroller.setAccessibleName(_("Charts"))
        scroller.setWidget(charts)
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        # Two charts side by side can be wider than a small window: then the charts scroll.
        scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroller = scroller
        self.empty_page = QLabel(
            _(
                "No sessions yet.\n\nWhen you finish your first routine, your sessions, minutes, "
                "pain scores and streaks will show up here.\nSet how often you plan to exercise "
                "above; you can change it at any time."
            )
        )
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setWordWrap(True)
        self.empty_page.setFont(_font(self.font(), 15))
        self.body = QStackedWidget()
        self.charts_page = scroller
        self.body.addWidget(self.charts_page)
        self.body.addWidget(self.empty_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(tiles)
        layout.addWidget(self.body, 1)
        self.setStyleSheet(PROGRESS_STYLE)
        self._apply_colours()
        if charts_later:
            # The figures paint first; the charts' own figures are read on a later turn. A
            # timer, not a posted call: a posted call would run before the frame's paint,
            # also posted, and the two would keep the window from answering as one.
            self._refresh_figures()
            QTimer.singleShot(1, self, self._refresh_charts_then_plot)
        else:
            self.refresh()
            self.add_plots()

    # --- building -------------------------------------------------------------------------

    def _build_plan_tile(self) -> QFrame:
        tile = QFrame()
        tile.setObjectName("card")
        self.plan_count = QSpinBox()
        self.plan_count.setRange(1, 21)
        self.plan_count.setSuffix(_(" a week"))
        self.plan_count.setToolTip(_("How many sessions you aim to do each week"))
        self.plan_count.setAccessibleName(_("Sessions you aim to do each week"))
        self.plan_count.valueChanged.connect(self._plan_edited)
        self.plan_days: list[QToolButton] = []
        days = QHBoxLayout()
        days.setSpacing(3)
        days.addWidget(QLabel(_("On set days (optional):")))
        for index in range(7):
            name = weekday_name(index)
            button = QToolButton()
            button.setText(name[:2])
            button.setCheckable(True)
            button.setToolTip(_("Plan a session every {day}").format(day=name))
            button.setAccessibleName(name)
            button.toggled.connect(self._plan_edited)
            button.setProperty("weekday", index)
            self.plan_days.append(button)
            days.addWidget(button)
        days.addStretch(1)
        top = QHBoxLayout()
        caption = QLabel(_("Your weekly plan"))
        top.addWidget(caption)
        top.addStretch(1)
        sessions = QLabel(_("Sessions:"))
        top.addWidget(sessions)
        top.addWidget(self.plan_count)
        layout = QVBoxLayout(tile)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(days)
        return tile

    def _name_table_columns(self) -> None:
        """What each chart's table calls its columns, and how the reach reads in words."""
        self.adherence.series_names = {"done": _("Sessions"), "plan": _("Planned")}
        self.minutes.series_names = {"minutes": _("Minutes")}
        self.pain.series_names = {
            "back_before": _("Back, before"),
            "back_after": _("Back, after"),
            "leg_before": _("Leg, before"),
            "leg_after": _("Leg, after"),
        }
        self.reach.series_names = {key: _(name) for key, name in REACH_NAMES.items()}
        self.reach.value_words = lambda _key, height: _first_upper(_height_words(height))

    # --- the plots ----------------------------------------------------------------------

    @property
    def charts_drawn(self) -> bool:
        """Whether every chart has its plot (they come once the plotting library is loaded)."""
        return all(card.plot is not None for card in self.cards)

    def add_plots(self) -> None:
        """Load the plotting library here, if it is not yet, and give every chart its plot."""
        for add in self._plot_makers():
            add()

    def _plot_makers(self) -> list[Callable[[], None]]:
        """One maker per chart still without a plot, in reading order."""
        makers = {
            self.adherence: self._plot_adherence,
            self.minutes: self._plot_minutes,
            self.pain: self._plot_pain,
            self.reach: self._plot_reach,
        }
        return [make for card, make in makers.items() if card.plot is None]

    def _refresh_charts_then_plot(self) -> None:
        self._refresh_charts()
        # Loaded only now: while pyqtgraph loads, every Python call the page makes (a size
        # hint, a paint) waits its turn for the interpreter, so the frame is made first.
        load_plots().call_when_loaded(self, self._plots_loaded)

    def _plots_loaded(self, error: str) -> None:
        if error:
            logger.error("The charts could not be drawn: %s", error)
            for card in self.cards:
                card.set_failed(
                    _(
                        "This chart could not be drawn ({error}).\n"
                        "Its table and the figures above still work."
                    ).format(error=error)
                )
            return
        self._add_next_plot()

    def _add_next_plot(self) -> None:
        """Make one chart's plot, then come back on the next turn of the event loop for the
        next: all four at once kept the window from answering for a tenth of a second."""
        makers = self._plot_makers()
        if makers:
            makers[0]()
        if len(makers) > 1:
            QTimer.singleShot(0, self, self._add_next_plot)

    def _plot_adherence(self) -> None:
        import pyqtgraph as pg

        from sciatica_coach.ui.plots import chart_plot

        plot = chart_plot(week_bars=True)
        self.done_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH_DAYS)
        self.plan_line = pg.PlotDataItem(antialias=False)  # level steps: nothing to smooth
        plot.addItem(self.done_bars)
        plot.addItem(self.plan_line)
        self.adherence.attach_plot(plot)
        self._colour_adherence()
        self._push_adherence()

    def _plot_minutes(self) -> None:
        import pyqtgraph as pg

        from sciatica_coach.ui.plots import chart_plot

        plot = chart_plot(week_bars=True)
        self.minute_bars = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH_DAYS)
        plot.addItem(self.minute_bars)
        self.minutes.attach_plot(plot)
        self._colour_minutes()
        self._push_minutes()

    def _plot_pain(self) -> None:
        import pyqtgraph as pg

        from sciatica_coach.ui.plots import chart_plot

        plot = chart_plot(week_bars=False)
        self.pain_items = {key: pg.PlotDataItem(antialias=True) for key, *_ in PAIN_SERIES}
        for item in self.pain_items.values():
            plot.addItem(item)
        plot.getPlotItem().setYRange(-0.4, 10.4, padding=0)
        plot.getPlotItem().getAxis("left").setTicks(
            [[(v, str(v)) for v in range(0, 11, 2)], [(v, "") for v in range(11)]]
        )
        self.pain.attach_plot(plot)
        self._push_pain()

    def _plot_reach(self) -> None:
        import pyqtgraph as pg

        from sciatica_coach.ui.plots import chart_plot, set_word_ticks

        plot = chart_plot(week_bars=False)
        self.reach_items = {key: pg.PlotDataItem(antialias=True) for key in REACH_SERIES}
        for item in self.reach_items.values():
            plot.addItem(item)
        plot.getPlotItem().setYRange(-0.4, len(REACH_TICKS) - 0.6, padding=0)
        set_word_ticks(plot, [(height, _(label)) for height, label in REACH_TICKS])
        self.reach.attach_plot(plot)
        self._push_reach()

    def _apply_colours(self) -> None:
        colours = self.colours
        for card in self.cards:
            card.apply_colours(colours)
        self._colour_adherence()
        self._colour_minutes()
        self.calendar.set_colours(colours)
        self.adherence.legend.setText(
            _legend(
                [("■", colours.sessions, _("Sessions done")), ("╍╍", colours.plan, _("Your plan"))]
            )
        )
        self.pain.legend.setText(
            pgettext("pain", "Back")
            + " "
            + _legend([("○", colours.back, _("before")), ("●━", colours.back, _("after"))])
            + "&nbsp;&nbsp;&nbsp;&nbsp;"
            + pgettext("pain", "Leg")
            + " "
            + _legend([("○", colours.leg, _("before")), ("●━", colours.leg, _("after"))])
        )
        self._style_pain_items()
        # The legends' marks are for the eye; a screen reader hears what the marks stand for.
        self.adherence.legend.setAccessibleName(
            _("Key: bars, sessions done; dashed line, your plan")
        )
        self.pain.legend.setAccessibleName(
            _("Key: open circles, pain before; filled circles on a line, pain after")
        )
        self.reach.legend.setAccessibleName(
            _("Key: filled circles, before; open circles, after; diamonds, the next morning")
        )
        self.reach.legend.setText(
            _legend(
                [
                    ("●━", colours.leg, _("before")),
                    ("○", colours.leg, _("after")),
                    ("◆", colours.morning, _("next morning")),
                ]
            )
        )
        self._style_reach_items()
        for tile in (self.completion_tile, self.current_tile, self.best_tile):
            detail = tile.detail.palette()
            detail.setColor(QPalette.ColorRole.WindowText, colours.muted)
            tile.detail.setPalette(detail)

    def _colour_adherence(self) -> None:
        if self.adherence.plot is None:
            return
        import pyqtgraph as pg

        self.done_bars.setOpts(brush=self.colours.sessions, pen=pg.mkPen(None))
        self.plan_line.setPen(pg.mkPen(self.colours.plan, width=2, style=Qt.PenStyle.DashLine))

    def _colour_minutes(self) -> None:
        if self.minutes.plot is None:
            return
        import pyqtgraph as pg

        self.minute_bars.setOpts(brush=self.colours.minutes, pen=pg.mkPen(None))

    def _style_pain_items(self) -> None:
        """After: a solid line through filled points. Before: hollow points and no line, which
        keeps four noisy series apart; a faint line instead when points would crowd."""
        if self.pain.plot is None:
            return
        import pyqtgraph as pg

        for key, which, moment in PAIN_SERIES:
            colour = QColor(self.colours.back if which == "back" else self.colours.leg)
            item = self.pain_items[key]
            crowded = len(self.pain.series.get(key, ([], []))[0]) > SYMBOLS_UP_TO
            item.setSymbol(None if crowded else "o")
            item.setSymbolSize(6)
            if moment == "after":
                item.setPen(pg.mkPen(colour, width=1.8))
                item.setSymbolPen(pg.mkPen(colour, width=1.3))
                item.setSymbolBrush(colour)
                continue
            if crowded:  # opaque, so Qt can take its fast path for plain lines
                item.setPen(pg.mkPen(mix(self.colours.background, colour, 0.5), width=1))
            else:
                colour.setAlphaF(0.8)
                item.setPen(None)
            item.setSymbolPen(pg.mkPen(colour, width=1.3))
            item.setSymbolBrush(self.colours.background)

    def _style_reach_items(self) -> None:
        """Before, which the summary speaks of: a line through filled points. After: hollow
        points. Next morning: diamonds in their own colour. Lines only when points crowd."""
        if self.reach.plot is None:
            return
        import pyqtgraph as pg

        leg, morning = QColor(self.colours.leg), QColor(self.colours.morning)
        for key, item in self.reach_items.items():
            crowded = len(self.reach.series.get(key, ([], []))[0]) > SYMBOLS_UP_TO
            colour = morning if key == "morning" else leg
            item.setSymbol(None if crowded else ("d" if key == "morning" else "o"))
            item.setSymbolSize(8 if key == "morning" else 6)
            item.setSymbolPen(pg.mkPen(colour, width=1.3))
            item.setSymbolBrush(self.colours.background if key == "after" else colour)
            if key == "before":
                item.setPen(pg.mkPen(colour, width=1.8))
            elif crowded:
                item.setPen(pg.mkPen(mix(self.colours.background, colour, 0.5), width=1))
            else:
                item.setPen(None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.colours = ChartColours.from_palette(self.palette())
            self._apply_colours()
        super().changeEvent(event)

    # --- the plan -------------------------------------------------------------------------

    def current_plan(self) -> WeeklyPlan:
        """The plan as the editor shows it.

        While weekdays are ticked the count shows how many and is read-only; the count the
        user chose is kept for when they untick them all again.
        """
        days = frozenset(i for i, button in enumerate(self.plan_days) if button.isChecked())
        count = self.plan_count.value() if self.plan_count.isEnabled() else self._plan_count
        return WeeklyPlan(count, days)

    def _show_plan(self, plan: WeeklyPlan) -> None:
        self._plan_count = plan.sessions_per_week
        self._syncing_plan = True
        try:
            self.plan_count.setValue(plan.planned_per_week)
            self.plan_count.setEnabled(not plan.weekdays)
            for index, button in enumerate(self.plan_days):
                button.setChecked(index in plan.weekdays)
        finally:
            self._syncing_plan = False

    def _plan_edited(self) -> None:
        if self._syncing_plan:
            return
        try:
            self.log.set_plan(self.current_plan(), self.today())
        except LogError as error:
            show_warning(self, _("Plan not saved"), str(error))
        self.refresh()

    # --- ranges and refresh ---------------------------------------------------------------

    def set_range(self, key: str) -> None:
        """Show "4w", "3m", "1y" or "all" (everything since the first session)."""
        if key not in RANGE_KEYS:
            # i18n: not words (a programmer's error)
            raise ValueError(f"unknown range {key!r}; expected one of {', '.join(RANGE_KEYS)}")
        self.range_key = key
        self.range_buttons[key].setChecked(True)
        self.refresh()

    def _range_start(self, today: date, first: date) -> date:
        this_week = week_start(today)
        weeks = dict((key, weeks) for key, _text, weeks in RANGES)[self.range_key]
        if weeks is None:
            return min(first, this_week - ONE_WEEK * 3)
        return this_week - ONE_WEEK * (weeks - 1)

    @property
    def is_empty(self) -> bool:
        return self.body.currentWidget() is self.empty_page

    def refresh(self) -> None:
        """Read the plan and the figures for the chosen range again and redraw every chart."""
        self._refresh_figures()
        self._refresh_charts()

    def _refresh_figures(self) -> None:
        """The plan, the figures above the charts, and the charts or the empty page."""
        today = self.today()
        plan = self.log.plan()
        self._show_plan(plan)
        first = stats.first_week(self.log, today)
        empty = first is None
        self.body.setCurrentWidget(self.empty_page if empty else self.charts_page)
        for widget in (
            self.completion_tile,
            self.current_tile,
            self.best_tile,
            self.range_caption,
            *self.range_buttons.values(),
        ):
            widget.setVisible(not empty)
        self._first_day = None
        if first is None:
            return
        # "All" goes back to the start, which a plan set before the first session can precede.
        began = stats.started_on(self.log)
        self._first_day = self._range_start(
            today, min(first, week_start(began)) if began else first
        )
        self.completion = stats.completion_ratio(self.log, self._first_day, today)
        self.streaks = stats.streaks(self.log, today)
        self._show_figures(self._range_words())

    def _range_words(self) -> str:
        if self.range_key in RANGE_WORDS:
            return _(RANGE_WORDS[self.range_key])
        assert self._first_day is not None
        return _("since {day}").format(day=long_date(self._first_day))

    def _refresh_charts(self) -> None:
        """The charts' and the calendar's figures from the first day _refresh_figures chose."""
        start = self._first_day
        if start is None:
            return
        today = self.today()
        self.adherence_series = stats.weekly_adherence(self.log, start, today)
        self.minutes_series = stats.minutes_per_week(self.log, start, today)
        if self.range_key in WEEKLY_PAIN_RANGES:
            self.pain_points = []
            self.pain_weeks = stats.pain_by_week(self.log, start, today)
        else:
            self.pain_points = stats.pain_series(self.log, start, today)
            self.pain_weeks = []
        points = symptom_stats.reach_series(self.log, week_start(start), today)
        self.reach_trend = symptom_stats.reach_trend(points)
        weekly_reach = self.range_key in WEEKLY_PAIN_RANGES
        self.reach_points = [] if weekly_reach else points
        self.reach_weeks = symptom_stats.reach_by_week(points) if weekly_reach else []
        calendar_start = week_start(today) - ONE_WEEK * (CALENDAR_WEEKS - 1)
        self.calendar_days = stats.days_exercised(self.log, calendar_start, today)
        self.calendar_lights = symptom_stats.calendar_lights(self.log, calendar_start)
        self._span = (day_x(week_start(start)), day_x(week_start(today) + ONE_WEEK))
        words = self._range_words()
        self._draw_adherence(words)
        self._draw_minutes(words)
        self._draw_pain(words)
        self._draw_reach(words)
        for card in self.cards:
            card.set_empty(card.empty.text() or None)  # a table on show follows the new figures
        self.calendar.set_days(
            calendar_start,
            today,
            {day.local_date: day for day in self.calendar_days},
            self.calendar_lights,
        )
        self.calendar.setAccessibleName(_("Calendar of days exercised"))
        self.calendar.setAccessibleDescription(
            calendar_text(
                CALENDAR_WEEKS,
                sum(1 for day in self.calendar_days if day.sessions),
                list(self.calendar_lights.values()),
            )
        )

    def _draw_adherence(self, words: str) -> None:
        weeks = self.adherence_series
        starts = [w.week_start for w in weeks]
        done = [float(w.sessions_done) for w in weeks]
        planned = [float(w.planned) for w in weeks]
        self.adherence.series = {"done": (starts, done), "plan": (starts, planned)}
        self._push_adherence()
        self.adherence.set_empty(
            None
            if any(done)
            else _("No finished sessions in {range}. Your plan is {sessions} a week.").format(
                range=words, sessions=plural(int(planned[-1]), "session")
            )
        )

    def _push_adherence(self) -> None:
        if self.adherence.plot is None or not self.adherence.series:  # no plot, or an empty log
            return
        weeks = self.adherence_series
        starts, done = self.adherence.series["done"]
        planned = self.adherence.series["plan"][1]
        self.done_bars.setOpts(x=[day_x(d) + 3.5 for d in starts], height=done)
        # The plan line begins the week the user started: nothing was planned before it.
        first = next((n for n, week in enumerate(weeks) if week.counted), len(weeks))
        edges = [day_x(d) for d in starts[first:]] + [self._span[1]]
        if first < len(weeks):
            self.plan_line.setData(x=edges, y=planned[first:], stepMode="center")
        else:
            self.plan_line.setData(x=[], y=[])
        top = max([*done, *planned, 1.0])
        item = self.adherence.plot.getPlotItem()
        item.setXRange(*self._span, padding=0.01)
        item.setYRange(0, top + 0.6, padding=0)
        step = 1 if top <= 8 else 2 if top <= 16 else 5
        item.getAxis("left").setTicks([[(v, str(v)) for v in range(0, int(top) + 1, step)]])

    def _draw_minutes(self, words: str) -> None:
        weeks = self.minutes_series
        minutes = [w.minutes for w in weeks]
        self.minutes.series = {"minutes": ([w.week_start for w in weeks], minutes)}
        self._push_minutes()
        self.minutes.set_empty(
            None if any(minutes) else _("No exercise time in {range}.").format(range=words)
        )

    def _push_minutes(self) -> None:
        if self.minutes.plot is None or not self.minutes.series:  # no plot, or an empty log
            return
        starts, minutes = self.minutes.series["minutes"]
        self.minute_bars.setOpts(x=[day_x(d) + 3.5 for d in starts], height=minutes)
        item = self.minutes.plot.getPlotItem()
        item.setXRange(*self._span, padding=0.01)
        item.setYRange(0, max([*minutes, 10.0]) * 1.08, padding=0)

    def _draw_pain(self, words: str) -> None:
        """One point per session, or per week (its mean, at mid-week) over long ranges."""
        weekly = bool(self.pain_weeks)
        rows: Sequence[PainPoint | WeekPain] = self.pain_weeks if weekly else self.pain_points
        series: dict[str, Series] = {}
        for key, which, moment in PAIN_SERIES:
            attribute = f"{which}_{moment}"
            shown = [row for row in rows if getattr(row, attribute) is not None]
            series[key] = (
                [_pain_day(row) for row in shown],
                [getattr(row, attribute) for row in shown],
            )
        self.pain.series = series
        self.pain.set_y_label(_(PAIN_WEEK_LABEL) if weekly else _(PAIN_LABEL))
        self._push_pain()
        self.pain.set_empty(
            None
            if rows
            else _(
                "No pain scores in {range}.\nThey are asked before and after each session."
            ).format(range=words)
        )

    def _push_pain(self) -> None:
        self._push_lines(self.pain, self.pain_items, bool(self.pain_weeks), self._style_pain_items)

    def _push_lines(
        self,
        card: ChartCard,
        items: dict[str, pg.PlotDataItem],
        weekly: bool,
        style: Callable[[], None],
    ) -> None:
        """Give a line chart's items its card's series: each point mid-day, or mid-week for
        weekly means, over the range on show."""
        if card.plot is None or not card.series:  # no plot, or an empty log
            return
        offset = 3.5 if weekly else 0.5
        for key, (days, values) in card.series.items():
            # Antialiased lines through hundreds of points cost tens of milliseconds to paint;
            # that many points are a blur anyway, so they get Qt's fast plain lines.
            items[key].setData(
                x=[day_x(d) + offset for d in days],
                y=values,
                antialias=len(days) <= SYMBOLS_UP_TO,
            )
        style()
        card.plot.getPlotItem().setXRange(*self._span, padding=0.01)

    def _draw_reach(self, words: str) -> None:
        """Heights (see symptom_stats.reach_height) per session, or weekly means over long
        ranges; the next morning's answer sits on the morning's own date."""
        series: dict[str, Series] = {}
        if self.reach_weeks:
            for key in REACH_SERIES:
                shown = [w for w in self.reach_weeks if getattr(w, key) is not None]
                series[key] = ([w.week_start for w in shown], [getattr(w, key) for w in shown])
        else:
            for key in REACH_SERIES:
                shown_points = [p for p in self.reach_points if getattr(p, key) is not None]
                series[key] = (
                    [_reach_day(p, key) for p in shown_points],
                    [float(reach_height(getattr(p, key))) for p in shown_points],
                )
        self.reach.series = series
        self._push_reach()
        empty = not (self.reach_points or self.reach_weeks)
        self.reach.set_empty(
            _(
                "No answers in {range} about how far down the leg your symptoms reach.\n"
                "The check-in before each session asks."
            ).format(range=words)
            if empty
            else None
        )
        self.reach.set_summary(None if empty else reach_trend_text(self.reach_trend))

    def _push_reach(self) -> None:
        self._push_lines(
            self.reach, self.reach_items, bool(self.reach_weeks), self._style_reach_items
        )

    def _show_figures(self, words: str) -> None:
        if self.completion is None:
            self.completion_tile.show_figure(
                "–", _("No exercises planned in {range}").format(range=words)
            )
        else:
            self.completion_tile.show_figure(
                percent(self.completion), _("of those planned, {range}").format(range=words)
            )
        streaks = self.streaks
        assert streaks is not None
        self.current_tile.show_figure(
            plural(streaks.current_weeks, "week"),
            _("on plan · {days} in a row").format(days=plural(streaks.current_days, "day")),
        )
        self.best_tile.show_figure(
            plural(streaks.best_weeks, "week"),
            _("on plan · best run: {days}").format(days=plural(streaks.best_days, "day")),
        )

    # --- hover text -----------------------------------------------------------------------

    def _week_at(self, x: float, starts: Sequence[date]) -> int | None:
        if not starts:
            return None
        index = (x_day(x) - starts[0]).days // 7
        if not 0 <= index < len(starts):
            return None
        offset = x - (day_x(starts[index]) + 3.5)
        return index if abs(offset) <= BAR_WIDTH_DAYS / 2 else None

    def _describe_week_sessions(self, x: float, tolerance: float) -> str | None:
        index = self._week_at(x, [w.week_start for w in self.adherence_series])
        if index is None:
            return None
        week = self.adherence_series[index]
        so_far = _(" (so far)") if week.week_start == week_start(self.today()) else ""
        if not week.counted:
            return _("Week of {day}\nBefore you started: not counted").format(
                day=long_date(week.week_start)
            )
        return _("Week of {day}{so_far}\n{sessions} done, plan {planned}").format(
            day=long_date(week.week_start),
            so_far=so_far,
            sessions=plural(week.sessions_done, "session"),
            planned=week.planned,
        )

    def _describe_week_minutes(self, x: float, tolerance: float) -> str | None:
        index = self._week_at(x, [w.week_start for w in self.minutes_series])
        if index is None:
            return None
        week = self.minutes_series[index]
        return _("Week of {day}\n{minutes} minutes of exercise").format(
            day=long_date(week.week_start), minutes=f"{week.minutes:.0f}"
        )

    def _describe_pain(self, x: float, tolerance: float) -> str | None:
        if self.pain_weeks:
            return self._describe_pain_week(x)
        points = self.pain_points
        if not points:
            return None
        centres = [day_x(p.local_date) + 0.5 for p in points]
        index = bisect_left(centres, x)
        nearest = min(
            (i for i in (index - 1, index) if 0 <= i < len(points)),
            key=lambda i: abs(centres[i] - x),
        )
        if abs(centres[nearest] - x) > max(tolerance, 0.5):
            return None
        day = points[nearest].local_date
        lines = [long_date(day)]
        for point in points:
            if point.local_date == day:
                back = _before_after(point.back_before, point.back_after)
                leg = _before_after(point.leg_before, point.leg_after)
                lines.append(_("Back pain: {pain}").format(pain=back))
                lines.append(_("Leg pain: {pain}").format(pain=leg))
        return "\n".join(lines)

    def _describe_pain_week(self, x: float) -> str | None:
        monday = week_start(x_day(x))
        week = next((w for w in self.pain_weeks if w.week_start == monday), None)
        if week is None:
            return None
        return _("Week of {day}, average of {sessions}\nBack pain: {back}\nLeg pain: {leg}").format(
            day=long_date(week.week_start),
            sessions=plural(week.sessions, "session"),
            back=_before_after(week.back_before, week.back_after),
            leg=_before_after(week.leg_before, week.leg_after),
        )

    def _describe_reach(self, x: float, tolerance: float) -> str | None:
        if self.reach_weeks:
            monday = week_start(x_day(x))
            week = next((w for w in self.reach_weeks if w.week_start == monday), None)
            if week is None:
                return None
            parts = [
                _(REACH_NAMES[key]) + f": {_height_words(getattr(week, key))}"
                for key in REACH_SERIES
                if getattr(week, key) is not None
            ]
            heading = _("Week of {day}, on average").format(day=long_date(monday))
            return heading + "\n" + "\n".join(parts)
        day = x_day(x)
        lines = []
        for point in self.reach_points:
            for key in REACH_SERIES:
                reach = getattr(point, key)
                if reach is not None and _reach_day(point, key) == day:
                    lines.append(_(REACH_NAMES[key]) + f": {reach_words(reach)}")
        return f"{long_date(day)}\n" + "\n".join(lines) if lines else None


def _reach_day(point: ReachPoint, key: str) -> date:
    """Where a point sits: the session's day, or for the next morning, that morning's."""
    if key == "morning" and point.morning_date is not None:
        return point.morning_date
    return point.local_date


def _height_words(height: float) -> str:
    """A weekly mean height as the nearest reach in words."""
    return reach_words(symptom_stats.reach_at_height(round(height)))


def _first_upper(text: str) -> str:
    """The first letter upper case and the rest as it is (German nouns keep theirs)."""
    return text[:1].upper() + text[1:]


def _before_after(before: float | None, after: float | None) -> str:
    shown = [
        "–" if value is None else short_number(float(f"{value:.3g}")) for value in (before, after)
    ]
    return _("{before} before, {after} after").format(before=shown[0], after=shown[1])


def _pain_day(row: PainPoint | WeekPain) -> date:
    return row.week_start if isinstance(row, WeekPain) else row.local_date


def _legend(entries: Sequence[tuple[str, QColor, str]]) -> str:
    parts = [
        f'<span style="color:{colour.name()}">{mark}</span>&nbsp;{text}'
        for mark, colour, text in entries
    ]
    return "&nbsp;&nbsp; ".join(parts)


def _font(base: QFont, points: int, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSize(points)
    font.setBold(bold)
    return font


def plotted(item: pg.PlotDataItem | pg.BarGraphItem) -> tuple[list[float], list[float]]:
    """The x and y an item was given to draw (bar centres and heights for bars)."""
    import pyqtgraph as pg

    if isinstance(item, pg.BarGraphItem):
        return [float(v) for v in item.opts["x"]], [float(v) for v in item.opts["height"]]
    xs, ys = item.getData()
    if xs is None or ys is None:
        return [], []
    return [float(v) for v in xs], [float(v) for v in ys]

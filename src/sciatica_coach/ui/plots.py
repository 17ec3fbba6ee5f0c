"""The part of Progress that needs pyqtgraph (and with it numpy): the date axis and a plot set
up for a chart card.

Kept apart so that Progress can show its frame and figures before this loads. The app imports
it on a Python thread (progress.PlotsLoader), so nothing here may make a QObject at import:
defining classes is fine, making widgets is for the functions, called on the GUI thread.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFontMetrics

from sciatica_coach.ui.charts import date_ticks, day_x, tick_label, x_day


# pyqtgraph ships no type stubs, so to mypy AxisItem is Any and subclassing it is flagged.
class DateAxis(pg.AxisItem):  # type: ignore[misc]
    """A bottom axis over day numbers (see charts.day_x) that labels weeks, months or years.

    With week_bars, weekly labels sit under the middle of each week's bar.
    """

    def __init__(self, week_bars: bool = False) -> None:
        super().__init__("bottom")
        self.enableAutoSIPrefix(False)
        self.week_bars = week_bars
        self._labels: dict[float, str] = {}

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        ticks = date_ticks(x_day(minVal), x_day(maxVal), size)
        weekly = len(ticks) > 1 and (ticks[1] - ticks[0]).days <= 14
        shift = 3.5 if self.week_bars and weekly else 0.0
        self._labels = {
            day_x(t) + shift: tick_label(t, ticks)
            for t in ticks
            if minVal <= day_x(t) + shift <= maxVal
        }
        return [(7.0, list(self._labels))]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [self._labels.get(value, "") for value in values]


def chart_plot(week_bars: bool) -> pg.PlotWidget:
    """A still plot over a date axis: no menus, buttons, mouse panning or automatic ranges."""
    # No context menus: they are for tinkering with plots, and cost time to build.
    plot = pg.PlotWidget(axisItems={"bottom": DateAxis(week_bars)}, enableMenu=False)
    plot.setMinimumHeight(170)
    item = plot.getPlotItem()
    item.setMenuEnabled(False)
    item.hideButtons()
    item.setMouseEnabled(x=False, y=False)
    item.vb.disableAutoRange()
    return plot


def set_word_ticks(plot: pg.PlotWidget, ticks: list[tuple[float, str]]) -> None:
    """Label the left axis with words, wide enough for the widest from the first paint.

    pyqtgraph leaves out a label wider than the axis and widens the axis only when it paints,
    so a first paint (a grab, or the page's first frame) showed just the shortest word.
    """
    axis = plot.getPlotItem().getAxis("left")
    axis.setTicks([ticks])
    metrics = QFontMetrics(axis.style["tickFont"] or plot.font())
    widest = max(metrics.horizontalAdvance(text) for _value, text in ticks)
    axis.setStyle(tickTextWidth=widest + 4, autoExpandTextSpace=False)

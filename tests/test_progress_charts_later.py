"""In the app, Progress shows its figures at once and its charts once pyqtgraph has loaded on
a thread; a plotting library that fails to load is said on the page, not a crash."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from known_history import TODAY
from sciatica_coach.core.log import SessionLog
from sciatica_coach.ui import progress
from sciatica_coach.ui.progress import ProgressView

pytestmark = pytest.mark.known_history  # the log fixture holds it


def shown(qtbot: QtBot, view: ProgressView) -> ProgressView:
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.show()
    return view


def test_the_figures_are_there_before_any_chart(qtbot: QtBot, log: SessionLog) -> None:
    view = shown(qtbot, ProgressView(log, lambda: TODAY, charts_later=True))
    assert view.current_tile.value.text() != "–"
    assert view.completion_tile.value.text().endswith("%")
    assert all(card.plot is None for card in view.cards)
    assert all(card.stack.currentWidget() is card.waiting for card in view.cards)


def test_the_charts_come_once_the_plots_are_loaded(qtbot: QtBot, log: SessionLog) -> None:
    view = shown(qtbot, ProgressView(log, lambda: TODAY, charts_later=True))
    qtbot.waitUntil(lambda: view.charts_drawn, timeout=20000)
    for card in view.cards:
        assert card.stack.currentWidget() is (card.empty if card.is_empty else card.plot)
    assert not view.adherence.is_empty
    ready = shown(qtbot, ProgressView(log, lambda: TODAY))
    # The same figures as a view drawn at once.
    assert view.adherence.series == ready.adherence.series
    assert progress.plotted(view.done_bars) == progress.plotted(ready.done_bars)
    assert progress.plotted(view.reach_items["before"]) == progress.plotted(
        ready.reach_items["before"]
    )


def test_a_table_works_before_its_chart(qtbot: QtBot, log: SessionLog) -> None:
    view = shown(qtbot, ProgressView(log, lambda: TODAY, charts_later=True))
    view.adherence.table_button.click()
    assert view.adherence.stack.currentWidget() is view.adherence.table
    qtbot.waitUntil(lambda: view.adherence.table.rowCount() == 13)  # 3 months of weeks
    assert view.adherence.plot is None or not view.charts_drawn


def test_plots_that_fail_to_load_are_reported_on_the_page(
    qtbot: QtBot, log: SessionLog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "PLOTS_MODULE", "sciatica_coach.ui.no_such_plots")
    monkeypatch.setattr(progress, "_loaders", {})
    view = shown(qtbot, ProgressView(log, lambda: TODAY, charts_later=True))
    card = view.pain
    qtbot.waitUntil(lambda: "could not be drawn" in card.waiting.text(), timeout=20000)
    assert "ModuleNotFoundError" in card.waiting.text()
    assert card.stack.currentWidget() is card.waiting
    assert not view.charts_drawn
    assert view.completion_tile.value.text().endswith("%")  # the figures still stand


def test_the_reach_axis_is_wide_enough_for_every_level_from_its_first_paint(
    qtbot: QtBot, log: SessionLog
) -> None:
    # pyqtgraph leaves out a label wider than its axis: a first paint showed only "Foot".
    view = ProgressView(log, lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1110, 760)
    view.show()
    plot = view.reach.plot
    assert plot is not None
    metrics = QFontMetrics(plot.font())
    widest = max(metrics.horizontalAdvance(label) for _height, label in progress.REACH_TICKS)
    # The space kept for its words, which pyqtgraph would otherwise widen only as it paints.
    assert plot.getPlotItem().getAxis("left").style["tickTextWidth"] > widest

"""Every chart on Progress can show its figures as a table: the same numbers, in words where
the chart uses words, for a screen reader or anyone who would rather read."""

from __future__ import annotations

from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from known_history import TODAY
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.symptom_stats import reach_height
from sciatica_coach.core.words import short_date
from sciatica_coach.ui.progress import ChartCard, ProgressView

pytestmark = pytest.mark.known_history  # the log fixture holds it


@pytest.fixture
def view(qtbot: QtBot, log: SessionLog) -> ProgressView:
    shown = ProgressView(log, lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1100, 760)
    shown.show()
    qtbot.waitExposed(shown)
    shown.set_range("4w")
    return shown


def rows(card: ChartCard) -> list[list[str]]:
    table = card.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def headings(card: ChartCard) -> list[str]:
    table = card.table
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def test_the_sessions_chart_as_a_table_has_one_row_a_week_with_done_and_planned(
    view: ProgressView,
) -> None:
    card = view.adherence
    assert card.stack.currentWidget() is card.plot
    card.table_button.click()
    assert card.stack.currentWidget() is card.table
    assert headings(card) == ["Date", "Sessions", "Planned"]
    weeks = [date(2024, 3, 25), date(2024, 4, 1), date(2024, 4, 8), date(2024, 4, 15)]
    assert rows(card) == [
        [short_date(week), done, "3"]
        for week, done in zip(weeks, ["4", "2", "0", "1"], strict=True)
    ]
    card.table_button.click()
    assert card.stack.currentWidget() is card.plot


def test_a_table_on_show_follows_a_new_range(view: ProgressView) -> None:
    card = view.pain
    card.table_button.click()
    assert headings(card) == ["Date", "Back, before", "Back, after", "Leg, before", "Leg, after"]
    sessions = rows(card)
    # Session 5 (Sat 30 Mar) was rated only afterwards: back 3, leg 3.
    assert sessions[0] == [short_date(date(2024, 3, 30)), "", "3", "", "3"]
    view.set_range("1y")  # weekly means now: the table follows without being asked
    assert card.stack.currentWidget() is card.table
    weekly = rows(card)
    assert weekly != sessions
    assert all(card.series[key][0] for key in card.series)


def test_the_reach_table_reads_in_words(view: ProgressView) -> None:
    assert view.reach.value_words("before", reach_height("thigh")) == "Thigh"
    assert view.reach.value_words("after", reach_height("none")) == "No symptoms"


def test_every_chart_has_a_named_table_button(view: ProgressView) -> None:
    for card in (view.adherence, view.minutes, view.pain, view.reach):
        name = card.table_button.accessibleName()
        assert name == f"Show {card.title.text()} as a table"


def test_the_calendar_says_in_one_sentence_what_it_shows(view: ProgressView) -> None:
    # Days with a finished session in the known history: 18, 20, 22, 25, 30 and 31 March
    # (two that Sunday), 1, 3 (interrupted, still a session), 4 and 16 April.
    # Lights by day: green on 18 and 20 March, 30 March, 1, 4 and 16 April; red on 31 March
    # (session 7 stopped as pain spread); the other days had no check-in to judge by.
    assert view.calendar.accessibleDescription() == (
        "Last 53 weeks: you exercised on 10 days. After sessions: 6 green, 0 amber, 1 red."
    )
    assert view.calendar.accessibleName() == "Calendar of days exercised"

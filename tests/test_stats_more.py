"""Days exercised for the calendar, and the first week with a session for the "All" range."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sciatica_coach.core import stats
from sciatica_coach.core.log import PainCheck, SessionLog
from sciatica_coach.core.stats import DayActivity

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def log(tmp_path: Path) -> Iterator[SessionLog]:
    with SessionLog(tmp_path / "sessions.db") as opened:
        yield opened


def finished(
    log: SessionLog, started: datetime, status: str, seconds: float, reason: str | None = None
) -> int:
    session_id = log.start_session("gentle", "Gentle start", 900.0, 4, started)
    log.finish_session(session_id, status, started + timedelta(minutes=20), seconds, reason)
    return session_id


def test_days_exercised_lists_each_local_date_with_finished_sessions(log: SessionLog) -> None:
    finished(log, datetime(2024, 3, 30, 9, tzinfo=LONDON), "completed", 600)
    # Either side of the clocks going forward on Sunday 31 March; both are the 31st locally.
    finished(log, datetime(2024, 3, 31, 0, 30, tzinfo=LONDON), "completed", 300)
    finished(log, datetime(2024, 3, 31, 23, 30, tzinfo=LONDON), "stopped", 120, "user")
    # 00:30 summer time on 1 April is still 31 March in UTC: it belongs to the 1st.
    finished(log, datetime(2024, 4, 1, 0, 30, tzinfo=LONDON), "stopped", 90, "numbness")
    log.start_session("gentle", "Gentle start", 900.0, 4, datetime(2024, 4, 2, 9, tzinfo=LONDON))
    finished(log, datetime(2024, 4, 9, 9, tzinfo=LONDON), "completed", 600)  # after the range

    days = stats.days_exercised(log, date(2024, 3, 30), date(2024, 4, 8))

    assert days == [
        DayActivity(date(2024, 3, 30), 1, 1, 10.0),
        DayActivity(date(2024, 3, 31), 2, 1, 7.0),
        DayActivity(date(2024, 4, 1), 1, 1, 1.5),
    ]


def test_days_exercised_is_empty_for_an_empty_log(log: SessionLog) -> None:
    assert stats.days_exercised(log, date(2024, 1, 1), date(2024, 12, 31)) == []


def test_first_week_is_the_monday_of_the_earliest_finished_session(log: SessionLog) -> None:
    assert stats.first_week(log, date(2024, 5, 1)) is None
    log.start_session("gentle", "Gentle start", 900.0, 4, datetime(2024, 2, 1, 9, tzinfo=LONDON))
    assert stats.first_week(log, date(2024, 5, 1)) is None  # still in progress
    finished(log, datetime(2024, 3, 14, 9, tzinfo=LONDON), "stopped", 60, "tired")
    finished(log, datetime(2024, 4, 2, 9, tzinfo=LONDON), "completed", 600)
    assert stats.first_week(log, date(2024, 5, 1)) == date(2024, 3, 11)
    assert stats.first_week(log, date(2024, 3, 13)) is None


def with_pain(
    log: SessionLog,
    started: datetime,
    before: tuple[int, int] | None,
    after: tuple[int, int] | None,
) -> None:
    session_id = finished(log, started, "completed", 600)
    if before is not None:
        log.record_pain(session_id, PainCheck("before", *before), started)
    if after is not None:
        log.record_pain(session_id, PainCheck("after", *after), started + timedelta(minutes=20))


def test_pain_by_week_averages_each_score_over_the_sessions_that_had_it(log: SessionLog) -> None:
    # Week of 25 March 2024, across the clocks going forward on Sunday 31st.
    with_pain(log, datetime(2024, 3, 25, 9, tzinfo=LONDON), (6, 7), (4, 5))
    with_pain(log, datetime(2024, 3, 31, 0, 30, tzinfo=LONDON), (5, 6), None)
    with_pain(log, datetime(2024, 3, 31, 23, 30, tzinfo=LONDON), None, (2, 2))
    finished(log, datetime(2024, 3, 27, 9, tzinfo=LONDON), "completed", 600)  # no pain check
    # 00:30 summer time on Monday 1 April is still Sunday in UTC: the next week.
    with_pain(log, datetime(2024, 4, 1, 0, 30, tzinfo=LONDON), (3, 3), (2, 1))
    with_pain(log, datetime(2024, 4, 15, 9, tzinfo=LONDON), (9, 9), (9, 9))  # after the range

    weeks = stats.pain_by_week(log, date(2024, 3, 27), date(2024, 4, 10))

    assert weeks == [
        stats.WeekPain(date(2024, 3, 25), 3, 5.5, 6.5, 3.0, 3.5),
        stats.WeekPain(date(2024, 4, 1), 1, 3.0, 3.0, 2.0, 1.0),
    ]
    assert stats.pain_by_week(log, date(2024, 5, 1), date(2024, 5, 31)) == []

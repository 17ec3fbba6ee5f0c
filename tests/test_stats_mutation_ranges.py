"""The ends of every range: a session the day before a range starts, on its first and last
day, and the day after; streaks that ignore sessions after the day they are asked about;
weekly pain over ranges of one week and of three with a check in the last."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sciatica_coach.core import stats
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, PainPoint, WeeklyPlan, WeekPain
from sciatica_coach.core.stats import DayActivity, Streaks

MONDAY = date(2024, 6, 3)


def finished(log: SessionLog, day: date, minutes: float, *, hour: int = 8) -> int:
    """A completed session on ``day`` with one planned work step, done."""
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    session_id = log.start_session("gentle-start", "Gentle start", 600, 1, start)
    log.finish_session(session_id, "completed", start + timedelta(minutes=minutes), minutes * 60)
    return session_id


def with_pain(log: SessionLog, day: date, before: int, after: int) -> int:
    session_id = finished(log, day, 10)
    taken = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    log.record_pain(session_id, PainCheck("before", before, before + 1), taken)
    log.record_pain(session_id, PainCheck("after", after, after + 1), taken + timedelta(minutes=11))
    return session_id


def test_days_exercised_are_those_from_the_first_day_to_the_last(log: SessionLog) -> None:
    for offset, minutes in ((-1, 5), (0, 10), (6, 12), (7, 20)):
        finished(log, MONDAY + timedelta(days=offset), minutes)
    assert stats.days_exercised(log, MONDAY, MONDAY + timedelta(days=6)) == [
        DayActivity(MONDAY, 1, 1, 10.0),
        DayActivity(MONDAY + timedelta(days=6), 1, 1, 12.0),
    ]


def test_the_pain_series_starts_on_the_first_day_of_the_range(log: SessionLog) -> None:
    with_pain(log, MONDAY - timedelta(days=1), 8, 7)
    first = with_pain(log, MONDAY, 6, 4)
    last = with_pain(log, MONDAY + timedelta(days=2), 5, 3)
    with_pain(log, MONDAY + timedelta(days=3), 2, 1)
    assert stats.pain_series(log, MONDAY, MONDAY + timedelta(days=2)) == [
        PainPoint(MONDAY, first, 6, 7, 4, 5),
        PainPoint(MONDAY + timedelta(days=2), last, 5, 6, 3, 4),
    ]


def test_weekly_pain_of_one_week_is_that_whole_week(log: SessionLog) -> None:
    with_pain(log, MONDAY - timedelta(days=1), 9, 9)
    with_pain(log, MONDAY, 6, 4)
    with_pain(log, MONDAY + timedelta(days=6), 4, 2)
    with_pain(log, MONDAY + timedelta(days=7), 1, 1)
    assert stats.pain_by_week(log, MONDAY + timedelta(days=3), MONDAY + timedelta(days=3)) == [
        WeekPain(MONDAY, 2, 5.0, 6.0, 3.0, 4.0)
    ]


def test_weekly_pain_over_three_weeks_includes_the_last_week_to_its_sunday(
    log: SessionLog,
) -> None:
    with_pain(log, MONDAY + timedelta(days=1), 6, 4)
    with_pain(log, MONDAY + timedelta(days=20), 3, 1)  # Sunday of the third week
    with_pain(log, MONDAY + timedelta(days=21), 9, 9)  # the Monday after
    weeks = stats.pain_by_week(log, MONDAY + timedelta(days=2), MONDAY + timedelta(days=15))
    assert weeks == [
        WeekPain(MONDAY, 1, 6.0, 7.0, 4.0, 5.0),
        WeekPain(MONDAY + timedelta(days=14), 1, 3.0, 4.0, 1.0, 2.0),
    ]


def test_streaks_ignore_sessions_after_the_day_asked_about(log: SessionLog) -> None:
    """Plan one a week. Sessions on Mon and Tue of the first week and Wed of the second, then
    on the Thursday and Friday after "today" (a clock set back, or a look at a past week)."""
    log.set_plan(WeeklyPlan(1), MONDAY)
    for offset in (0, 1, 9, 10, 11):
        finished(log, MONDAY + timedelta(days=offset), 10)
    today = MONDAY + timedelta(days=8)  # Tuesday of the second week, nothing done yet
    assert stats.streaks(log, today) == Streaks(
        current_weeks=1, best_weeks=1, current_days=0, best_days=2
    )
    assert stats.streaks(log, today + timedelta(days=3)) == Streaks(
        current_weeks=2, best_weeks=2, current_days=3, best_days=3
    )

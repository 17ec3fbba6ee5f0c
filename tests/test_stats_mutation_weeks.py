"""Progress figures worked out by hand from a small history: each week against its own plan,
the cap at 100%, runs of days and weeks at their edges, minutes, completion and the days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from sciatica_coach.core import stats
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PlanChange, StepRecord, WeeklyPlan
from sciatica_coach.core.stats import DayActivity, Streaks, WeekAdherence, WeekMinutes

MONDAY = date(2024, 6, 3)
TWO_A_WEEK = WeeklyPlan(sessions_per_week=2)
THREE_DAYS = WeeklyPlan(weekdays=frozenset({0, 2, 4}))


def session(
    log: SessionLog, day: date, minutes: float, *, status: str = "completed", done: int = 1
) -> None:
    """A session on ``day`` at 08:00 UTC with two planned work steps, ``done`` of them done."""
    start = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    session_id = log.start_session("gentle-start", "Gentle start", 600, 2, start)
    for index in range(2):
        log.record_step(
            session_id,
            StepRecord(
                index,
                "work",
                "bridge",
                "Bridge",
                1,
                1,
                None,
                30,
                30,
                None,
                None,
                "done" if index < done else "skipped",
                start,
            ),
        )
    reason = "pain" if status == "stopped" else None
    log.finish_session(session_id, status, start + timedelta(minutes=minutes), minutes * 60, reason)


def history(log: SessionLog) -> None:
    """Week of 3 June: Mon, Tue, Wed (three, plan two: capped). Week of 10 June: Mon only.
    Week of 17 June: nothing. Week of 24 June: Mon, Wed, Fri (the weekday plan, met)."""
    log.set_plan(TWO_A_WEEK, MONDAY)
    for offset in (0, 1, 2):
        session(log, MONDAY + timedelta(days=offset), 10)
    session(log, MONDAY + timedelta(days=7), 12, done=0)
    log.set_plan(THREE_DAYS, MONDAY + timedelta(days=26))
    for offset in (21, 23, 25):
        session(log, MONDAY + timedelta(days=offset), 6)


def test_weeks_against_their_own_plans(log: SessionLog) -> None:
    history(log)
    weeks = stats.weekly_adherence(log, MONDAY - timedelta(days=3), MONDAY + timedelta(days=27))
    assert weeks == [
        WeekAdherence(date(2024, 5, 27), 0, 0, 0.0, None),
        WeekAdherence(MONDAY, 3, 2, 1.0, TWO_A_WEEK),
        WeekAdherence(date(2024, 6, 10), 1, 2, 0.5, TWO_A_WEEK),
        WeekAdherence(date(2024, 6, 17), 0, 2, 0.0, TWO_A_WEEK),
        WeekAdherence(date(2024, 6, 24), 3, 3, 1.0, THREE_DAYS),
    ]
    assert [w.counted for w in weeks] == [False, True, True, True, True]


def test_a_range_ending_before_it_starts_is_refused(log: SessionLog) -> None:
    with pytest.raises(ValueError) as raised:
        stats.minutes_per_week(log, MONDAY, MONDAY - timedelta(days=1))
    assert str(raised.value) == "the range ends (2024-06-02) before it starts (2024-06-03)"


def test_one_day_is_one_whole_week(log: SessionLog) -> None:
    history(log)
    assert stats.minutes_per_week(log, MONDAY + timedelta(days=6), MONDAY + timedelta(days=6)) == [
        WeekMinutes(MONDAY, 30.0)
    ]


def test_minutes_per_week_with_empty_weeks(log: SessionLog) -> None:
    history(log)
    assert stats.minutes_per_week(log, MONDAY, MONDAY + timedelta(days=21)) == [
        WeekMinutes(MONDAY, 30.0),
        WeekMinutes(date(2024, 6, 10), 12.0),
        WeekMinutes(date(2024, 6, 17), 0.0),
        WeekMinutes(date(2024, 6, 24), 18.0),
    ]


def test_week_of_judges_even_before_the_start(log: SessionLog) -> None:
    history(log)
    assert stats.week_of(log, MONDAY + timedelta(days=9)) == WeekAdherence(
        date(2024, 6, 10), 1, 2, 0.5, TWO_A_WEEK
    )
    assert stats.week_of(log, date(2024, 5, 30)) == WeekAdherence(
        date(2024, 5, 27), 0, 5, 0.0, WeeklyPlan()
    )


def test_the_plan_on_the_week_s_sunday_judges_it() -> None:
    changes = [
        PlanChange(effective_from=MONDAY, plan=TWO_A_WEEK),
        PlanChange(effective_from=MONDAY + timedelta(days=13), plan=THREE_DAYS),
    ]
    assert stats.week_plan(changes, MONDAY - timedelta(days=7)) == WeeklyPlan()
    assert stats.week_plan(changes, MONDAY) == TWO_A_WEEK
    assert stats.week_plan(changes, MONDAY + timedelta(days=7)) == THREE_DAYS
    assert (
        stats.week_plan(
            [PlanChange(effective_from=MONDAY + timedelta(days=6), plan=TWO_A_WEEK)], MONDAY
        )
        == TWO_A_WEEK
    )
    assert (
        stats.week_plan(
            [PlanChange(effective_from=MONDAY + timedelta(days=7), plan=TWO_A_WEEK)], MONDAY
        )
        == WeeklyPlan()
    )


def test_completion_counts_work_steps(log: SessionLog) -> None:
    assert stats.completion_ratio(log, MONDAY, MONDAY + timedelta(days=30)) is None
    history(log)
    assert stats.completion_ratio(log, MONDAY, MONDAY + timedelta(days=30)) == 6 / 14


def test_streaks_of_days_and_weeks(log: SessionLog) -> None:
    history(log)
    assert stats.streaks(log, MONDAY + timedelta(days=25)) == Streaks(1, 1, 1, 3)
    assert stats.streaks(log, MONDAY + timedelta(days=26)) == Streaks(1, 1, 1, 3)
    assert stats.streaks(log, MONDAY + timedelta(days=27)) == Streaks(1, 1, 0, 3)
    assert stats.streaks(log, MONDAY + timedelta(days=2)) == Streaks(1, 1, 3, 3)
    assert stats.streaks(log, MONDAY + timedelta(days=3)) == Streaks(1, 1, 3, 3)
    assert stats.streaks(log, MONDAY + timedelta(days=10)) == Streaks(1, 1, 0, 3)


def test_consecutive_weeks_make_a_run(log: SessionLog) -> None:
    log.set_plan(WeeklyPlan(sessions_per_week=1), MONDAY)
    for weeks in (0, 1, 2, 4):
        session(log, MONDAY + timedelta(weeks=weeks), 5)
    assert stats.streaks(log, MONDAY + timedelta(weeks=2, days=1)) == Streaks(3, 3, 1, 1)
    assert stats.streaks(log, MONDAY + timedelta(weeks=4, days=6)) == Streaks(1, 3, 0, 1)
    assert stats.streaks(log, MONDAY + timedelta(weeks=5)) == Streaks(1, 3, 0, 1)
    assert stats.streaks(log, MONDAY + timedelta(weeks=6)) == Streaks(0, 3, 0, 1)


def test_days_exercised_and_the_first_week(log: SessionLog) -> None:
    assert stats.first_week(log, MONDAY) is None
    history(log)
    session(log, MONDAY, 4, status="stopped")
    assert stats.days_exercised(log, MONDAY, MONDAY + timedelta(days=1)) == [
        DayActivity(MONDAY, 2, 1, 14.0),
        DayActivity(MONDAY + timedelta(days=1), 1, 1, 10.0),
    ]
    assert stats.first_week(log, MONDAY + timedelta(days=2)) == MONDAY
    assert stats.first_week(log, MONDAY - timedelta(days=1)) is None


def test_started_on_is_the_earlier_of_first_session_and_first_plan(log: SessionLog) -> None:
    assert stats.started_on(log) is None
    session(log, MONDAY + timedelta(days=3), 5)
    assert stats.started_on(log) == MONDAY + timedelta(days=3)
    log.set_plan(TWO_A_WEEK, MONDAY + timedelta(days=5))
    assert stats.started_on(log) == MONDAY + timedelta(days=3)
    log.set_plan(TWO_A_WEEK, MONDAY + timedelta(days=1))
    assert stats.started_on(log) == MONDAY + timedelta(days=1)


def test_week_start_is_the_monday() -> None:
    assert [stats.week_start(MONDAY + timedelta(days=n)) for n in (0, 6, 7)] == [
        MONDAY,
        MONDAY,
        MONDAY + timedelta(days=7),
    ]

"""Days exercised for the calendar, the first week with a session for the "All" range, the
day the user started, and each week judged by the plan in effect that week."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sciatica_coach.core import stats
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, WeeklyPlan, WeekPain
from sciatica_coach.core.stats import DayActivity

LONDON = ZoneInfo("Europe/London")


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
    assert stats.first_week(log, date(2024, 3, 14)) == date(2024, 3, 11)  # that very day


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
        WeekPain(date(2024, 3, 25), 3, 5.5, 6.5, 3.0, 3.5),
        WeekPain(date(2024, 4, 1), 1, 3.0, 3.0, 2.0, 1.0),
    ]
    assert stats.pain_by_week(log, date(2024, 5, 1), date(2024, 5, 31)) == []


# --- each week against its own plan, counted from the start -------------------------------


def completed_on(log: SessionLog, *days: date) -> None:
    for day in days:
        finished(log, datetime(day.year, day.month, day.day, 9, tzinfo=LONDON), "completed", 600)


def test_a_user_who_started_ten_weeks_into_a_65_week_range_is_judged_on_those_ten(
    log: SessionLog,
) -> None:
    first_monday = date(2024, 1, 1)
    started = first_monday + timedelta(weeks=55, days=2)  # a Wednesday, week 56 of 65
    log.set_plan(WeeklyPlan(2), started)
    completed_on(log, started, started + timedelta(days=1), started + timedelta(weeks=3))

    weeks = stats.weekly_adherence(log, first_monday, first_monday + timedelta(weeks=65, days=-1))

    assert len(weeks) == 65
    before, since = weeks[:55], weeks[55:]
    assert all(not w.counted and (w.planned, w.adherence) == (0, 0.0) for w in before)
    assert all(w.counted and w.planned == 2 for w in since)
    assert sum(w.planned for w in weeks) == 20  # 10 weeks of 2, not 65
    assert [w.sessions_done for w in since] == [2, 0, 0, 1, 0, 0, 0, 0, 0, 0]
    assert stats.started_on(log) == started


def test_the_start_is_the_earlier_of_the_first_session_and_the_first_plan(
    log: SessionLog,
) -> None:
    assert stats.started_on(log) is None
    log.start_session("gentle", "Gentle start", 900.0, 4, datetime(2024, 2, 1, 9, tzinfo=LONDON))
    assert stats.started_on(log) is None  # a session still running has not started anything
    completed_on(log, date(2024, 3, 14))
    assert stats.started_on(log) == date(2024, 3, 14)
    log.set_plan(WeeklyPlan(3), date(2024, 3, 20))  # set later: the session still came first
    assert stats.started_on(log) == date(2024, 3, 14)
    log.set_plan(WeeklyPlan(4), date(2024, 3, 4))  # a plan before the first session
    assert stats.started_on(log) == date(2024, 3, 4)
    # Set up a plan, then did nothing for a week: that week is missed, not ignored.
    [week] = stats.weekly_adherence(log, date(2024, 3, 4), date(2024, 3, 10))
    assert (week.sessions_done, week.planned, week.counted) == (0, 4, True)


def test_a_plan_changed_from_3_to_5_judges_earlier_weeks_by_3_and_later_by_5(
    log: SessionLog,
) -> None:
    log.set_plan(WeeklyPlan(3), date(2024, 4, 1))
    # Three sessions in each of five weeks from 1 April; the plan becomes 5 on Wednesday
    # 17 April, so the week of 15 April is judged by 5, its Sunday's plan.
    for monday in (date(2024, 4, 1) + timedelta(weeks=n) for n in range(5)):
        completed_on(log, monday, monday + timedelta(days=2), monday + timedelta(days=4))
    log.set_plan(WeeklyPlan(5), date(2024, 4, 17))

    weeks = stats.weekly_adherence(log, date(2024, 4, 1), date(2024, 5, 5))

    assert [w.planned for w in weeks] == [3, 3, 5, 5, 5]
    assert [w.adherence for w in weeks] == [1.0, 1.0, 0.6, 0.6, 0.6]
    assert [w.plan for w in weeks] == [WeeklyPlan(3)] * 2 + [WeeklyPlan(5)] * 3
    # The two weeks met under the old plan stay met; the new plan is not met yet.
    assert stats.streaks(log, date(2024, 5, 5)) == stats.Streaks(0, 2, 0, 1)
    assert stats.week_plan(log.plan_history(), date(2024, 4, 8)) == WeeklyPlan(3)
    assert stats.week_plan(log.plan_history(), date(2024, 4, 15)) == WeeklyPlan(5)


def test_weeks_before_the_first_plan_keep_the_default(log: SessionLog) -> None:
    completed_on(log, date(2024, 4, 2), date(2024, 4, 9))
    log.set_plan(WeeklyPlan(2), date(2024, 4, 15))  # chosen only after two weeks of exercise
    weeks = stats.weekly_adherence(log, date(2024, 4, 1), date(2024, 4, 21))
    assert [w.planned for w in weeks] == [5, 5, 2]


def test_this_week_is_judged_even_before_the_first_session(log: SessionLog) -> None:
    week = stats.week_of(log, date(2024, 5, 8))
    assert (week.week_start, week.sessions_done, week.planned, week.counted) == (
        date(2024, 5, 6),
        0,
        5,
        True,
    )
    log.set_plan(WeeklyPlan(3, frozenset({0, 2, 4})), date(2024, 5, 8))
    completed_on(log, date(2024, 5, 6))
    assert stats.week_of(log, date(2024, 5, 12)).planned == 3
    assert stats.week_of(log, date(2024, 5, 12)).sessions_done == 1
    assert stats.week_of(log, date(2024, 4, 30)).planned == 5  # before the plan: the default

"""Progress figures against hand-counted calendars, including DST switches and a long flight."""

from __future__ import annotations

import itertools
import tempfile
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sciatica_coach.core import stats
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, PainPoint, StepRecord, WeeklyPlan
from sciatica_coach.core.stats import Streaks, WeekAdherence, WeekMinutes

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def at(
    year: int,
    month: int,
    day: int,
    hour: int = 9,
    minute: int = 0,
    *,
    tz: ZoneInfo = LONDON,
    fold: int = 0,
) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz, fold=fold)


def work_step(index: int, status: str, ended_at: datetime) -> StepRecord:
    return StepRecord(
        index,
        "work",
        "bridge",
        "Glute bridge",
        1,
        1,
        None,
        30.0,
        30.0,
        None,
        None,
        status,
        ended_at,
    )


def session(
    log: SessionLog,
    started_at: datetime,
    status: str = "completed",
    reason: str | None = None,
    *,
    active_seconds: float = 600.0,
    planned_work: int = 4,
    done: int = 4,
    skipped: int = 0,
) -> int:
    """A session with `done` then `skipped` work steps, closed with the given status.

    "in_progress" leaves it open; "interrupted" is not written here (it needs a reopen).
    """
    session_id = log.start_session("gentle", "Gentle start", 900.0, planned_work, started_at)
    ended = started_at + timedelta(minutes=15)
    for index in range(done + skipped):
        log.record_step(session_id, work_step(index, "done" if index < done else "skipped", ended))
    if status != "in_progress":
        log.finish_session(session_id, status, ended, active_seconds, reason)
    return session_id


def planned(log: SessionLog, plan: WeeklyPlan, since: date = date(2023, 1, 2)) -> None:
    """Adopt ``plan`` from ``since`` (by default long before any session here)."""
    log.set_plan(plan, since)


def test_week_start_is_the_monday_of_the_iso_week() -> None:
    assert stats.week_start(date(2024, 5, 6)) == date(2024, 5, 6)
    assert stats.week_start(date(2024, 5, 12)) == date(2024, 5, 6)
    assert stats.week_start(date(2024, 1, 2)) == date(2024, 1, 1)
    assert stats.week_start(date(2021, 1, 3)) == date(2020, 12, 28)


def test_weekly_adherence_counts_completed_sessions_and_safety_stops(log: SessionLog) -> None:
    # Week of Mon 6 May: 2 completed, 1 stopped for numbness (counts), 1 stopped by choice,
    # 1 stopped tired, 1 left in progress (none of these three count): 3 done.
    session(log, at(2024, 5, 6))
    session(log, at(2024, 5, 7))
    session(log, at(2024, 5, 8), "stopped", "numbness")
    session(log, at(2024, 5, 9), "stopped", "user")
    session(log, at(2024, 5, 10), "stopped", "tired")
    session(log, at(2024, 5, 11), "in_progress")
    # Week of 13 May: 6 completed, more than planned: capped at 100%.
    for day in range(13, 19):
        session(log, at(2024, 5, day))
    # Week of 20 May: nothing, but still listed.
    weeks = stats.weekly_adherence(log, date(2024, 5, 6), date(2024, 5, 26))
    default = WeeklyPlan()  # 5 a week: no plan was ever set
    assert weeks == [
        WeekAdherence(date(2024, 5, 6), 3, 5, 0.6, default),
        WeekAdherence(date(2024, 5, 13), 6, 5, 1.0, default),
        WeekAdherence(date(2024, 5, 20), 0, 5, 0.0, default),
    ]


def test_weekdays_in_the_plan_set_the_weekly_target(log: SessionLog) -> None:
    session(log, at(2024, 5, 6))
    session(log, at(2024, 5, 8, 18), "stopped", "pain_spreading")
    planned(log, WeeklyPlan(sessions_per_week=6, weekdays=frozenset({0, 2, 4})))
    [week] = stats.weekly_adherence(log, date(2024, 5, 6), date(2024, 5, 12))
    assert (week.sessions_done, week.planned) == (2, 3)
    assert week.adherence == pytest.approx(2 / 3)


def test_a_range_covers_the_whole_weeks_at_its_ends(log: SessionLog) -> None:
    session(log, at(2024, 5, 6))  # Monday, before the range starts on Wednesday
    session(log, at(2024, 5, 19))  # Sunday, after the range ends on Friday 17th
    weeks = stats.weekly_adherence(log, date(2024, 5, 8), date(2024, 5, 17))
    assert [(w.week_start, w.sessions_done) for w in weeks] == [
        (date(2024, 5, 6), 1),
        (date(2024, 5, 13), 1),
    ]
    with pytest.raises(ValueError, match="ends"):
        stats.weekly_adherence(log, date(2024, 5, 17), date(2024, 5, 8))


def test_completion_is_work_steps_done_over_planned(log: SessionLog) -> None:
    session(log, at(2024, 5, 6), done=3, skipped=1)
    session(log, at(2024, 5, 7), "stopped", "sharp_pain", done=1, skipped=0)
    session(log, at(2024, 5, 8), done=4)
    session(log, at(2024, 5, 9), "in_progress", done=2)  # still running: not counted
    session(log, at(2024, 6, 1), done=0, skipped=4)  # outside the range
    # (3 + 1 + 4) done of 3 * 4 planned
    assert stats.completion_ratio(log, date(2024, 5, 1), date(2024, 5, 31)) == 8 / 12
    assert stats.completion_ratio(log, date(2024, 6, 1), date(2024, 6, 30)) == 0.0
    assert stats.completion_ratio(log, date(2024, 7, 1), date(2024, 7, 31)) is None


def test_minutes_per_week_come_from_active_time(log: SessionLog) -> None:
    session(log, at(2024, 5, 6), active_seconds=600)
    session(log, at(2024, 5, 12, 20), "stopped", "user", active_seconds=330)
    session(log, at(2024, 5, 20), active_seconds=1200)
    session(log, at(2024, 5, 21), "in_progress")
    assert stats.minutes_per_week(log, date(2024, 5, 6), date(2024, 5, 26)) == [
        WeekMinutes(date(2024, 5, 6), 15.5),
        WeekMinutes(date(2024, 5, 13), 0.0),
        WeekMinutes(date(2024, 5, 20), 20.0),
    ]


def test_pain_series_pairs_before_and_after_per_session(log: SessionLog) -> None:
    both = session(log, at(2024, 5, 6))
    log.record_pain(both, PainCheck("before", 6, 7, reach="thigh"), at(2024, 5, 6))
    log.record_pain(both, PainCheck("after", 4, 5), at(2024, 5, 6, 9, 20))
    session(log, at(2024, 5, 7))  # no check-in: no point
    only_before = session(log, at(2024, 5, 8), "stopped", "pain_spreading")
    log.record_pain(only_before, PainCheck("before", 5, 3), at(2024, 5, 8))
    only_after = session(log, at(2024, 5, 8, 18))
    log.record_pain(only_after, PainCheck("after", 2, 2), at(2024, 5, 8, 18, 20))
    late = session(log, at(2024, 6, 2))
    log.record_pain(late, PainCheck("before", 1, 1), at(2024, 6, 2))
    assert stats.pain_series(log, date(2024, 5, 1), date(2024, 5, 31)) == [
        PainPoint(date(2024, 5, 6), both, 6, 7, 4, 5),
        PainPoint(date(2024, 5, 8), only_before, 5, 3, None, None),
        PainPoint(date(2024, 5, 8), only_after, None, None, 2, 2),
    ]


def streak_calendar(log: SessionLog) -> None:
    """Plan 2 a week.
    Week 29 Apr: Tue 30, Wed 1 May            -> met; days run of 2
    Week  6 May: Mon 6, Tue 7, Wed 8          -> met; days run of 3 (the best)
    Week 13 May: Tue 14, Wed 15 stopped by choice -> not met; day run of 1
    Week 20 May: Tue 21, Wed 22               -> met; days run of 2
    """
    for day in ((4, 30), (5, 1), (5, 6), (5, 7), (5, 8), (5, 14), (5, 21), (5, 22)):
        session(log, at(2024, *day))
    session(log, at(2024, 5, 15), "stopped", "user")


def test_streaks_count_weeks_meeting_the_plan_and_days_with_a_session(log: SessionLog) -> None:
    streak_calendar(log)
    planned(log, WeeklyPlan(2))
    on_wednesday = stats.streaks(log, date(2024, 5, 22))
    assert on_wednesday == Streaks(current_weeks=1, best_weeks=2, current_days=2, best_days=3)
    # Nothing yet on Thursday: the day streak still ends yesterday.
    assert stats.streaks(log, date(2024, 5, 23)).current_days == 2
    # Nothing Thursday or Friday: the day streak is broken.
    assert stats.streaks(log, date(2024, 5, 24)).current_days == 0
    # Seen on Wed 15 May (stopped by choice): the unmet week so far leaves the run up to last
    # week standing, and the day streak ends yesterday.
    assert stats.streaks(log, date(2024, 5, 15)) == Streaks(2, 2, 1, 3)


def test_the_week_streak_runs_up_to_last_week_until_this_week_is_met(log: SessionLog) -> None:
    for day in (6, 8, 13, 15, 20):
        session(log, at(2024, 5, day))
    planned(log, WeeklyPlan(2))
    assert stats.streaks(log, date(2024, 5, 20)).current_weeks == 2
    session(log, at(2024, 5, 21))
    assert stats.streaks(log, date(2024, 5, 21)).current_weeks == 3
    assert stats.streaks(log, date(2024, 6, 3)).current_weeks == 0
    assert stats.streaks(log, date(2024, 6, 3)).best_weeks == 3


def test_streaks_on_an_empty_log_are_zero(log: SessionLog) -> None:
    assert stats.streaks(log, date(2024, 5, 1)) == Streaks(0, 0, 0, 0)


def day_counts(log: SessionLog) -> dict[date, int]:
    return {t.period_start: t.adherent for t in log.day_totals()}


def test_london_spring_forward_keeps_each_session_on_its_local_day(log: SessionLog) -> None:
    planned(log, WeeklyPlan(3))
    # Clocks go from 01:00 GMT to 02:00 BST on Sunday 31 March 2024.
    session(log, at(2024, 3, 30, 23, 30))  # Saturday night, 23:30 UTC
    session(log, at(2024, 3, 31, 0, 30))  # before the switch, 00:30 UTC
    session(log, at(2024, 3, 31, 3, 0))  # after the switch, 02:00 UTC
    session(log, at(2024, 4, 1, 0, 15))  # Monday just after midnight BST: Sunday 23:15 UTC
    assert day_counts(log) == {date(2024, 3, 30): 1, date(2024, 3, 31): 2, date(2024, 4, 1): 1}
    assert [r.utc_offset_minutes for r in log.sessions()] == [60, 60, 0, 0]
    weeks = stats.weekly_adherence(log, date(2024, 3, 25), date(2024, 4, 7))
    assert [w.sessions_done for w in weeks] == [3, 1]
    assert stats.streaks(log, date(2024, 4, 1)).current_days == 3


def test_london_fall_back_counts_the_repeated_hour_on_one_day(log: SessionLog) -> None:
    planned(log, WeeklyPlan(3))
    # 01:00-02:00 happens twice on Sunday 27 October 2024: first in BST, then in GMT.
    session(log, at(2024, 10, 26, 23, 30))
    first = session(log, at(2024, 10, 27, 1, 30, fold=0))
    second = session(log, at(2024, 10, 27, 1, 30, fold=1))
    assert log.session(second).started_at - log.session(first).started_at == timedelta(hours=1)
    assert day_counts(log) == {date(2024, 10, 26): 1, date(2024, 10, 27): 2}
    weeks = stats.weekly_adherence(log, date(2024, 10, 21), date(2024, 10, 27))
    assert [(w.week_start, w.sessions_done, w.adherence) for w in weeks] == [
        (date(2024, 10, 21), 3, 1.0)
    ]
    assert stats.streaks(log, date(2024, 10, 27)) == Streaks(1, 1, 2, 2)


def test_new_york_evening_sessions_stay_on_their_local_day_and_week(log: SessionLog) -> None:
    planned(log, WeeklyPlan(2))
    # Sat 9 March 22:00 EST is 03:00 UTC on Sunday; Sun 10 March 21:00 EDT is 01:00 UTC Monday.
    session(log, at(2024, 3, 9, 22, tz=NEW_YORK))
    session(log, at(2024, 3, 10, 21, tz=NEW_YORK))
    # Sun 3 November: 01:30 EDT, then 01:30 EST an hour later.
    session(log, at(2024, 11, 3, 1, 30, tz=NEW_YORK, fold=0))
    session(log, at(2024, 11, 3, 1, 30, tz=NEW_YORK, fold=1))
    assert day_counts(log) == {date(2024, 3, 9): 1, date(2024, 3, 10): 1, date(2024, 11, 3): 2}
    march = stats.weekly_adherence(log, date(2024, 3, 4), date(2024, 3, 17))
    assert [(w.week_start, w.sessions_done) for w in march] == [
        (date(2024, 3, 4), 2),
        (date(2024, 3, 11), 0),
    ]
    november = stats.weekly_adherence(log, date(2024, 11, 3), date(2024, 11, 3))
    assert [(w.week_start, w.sessions_done) for w in november] == [(date(2024, 10, 28), 2)]


def test_flying_berlin_to_los_angeles_neither_splits_nor_merges_days(log: SessionLog) -> None:
    planned(log, WeeklyPlan(3))
    session(log, at(2024, 6, 8, 9, tz=BERLIN))  # Sat 07:00 UTC
    session(log, at(2024, 6, 9, 8, tz=BERLIN))  # Sun 06:00 UTC, then the flight west
    session(log, at(2024, 6, 9, 20, tz=LOS_ANGELES))  # Sun evening: Mon 03:00 UTC
    session(log, at(2024, 6, 10, 19, tz=LOS_ANGELES))  # Mon evening: Tue 02:00 UTC
    session(log, at(2024, 6, 17, 22, tz=LOS_ANGELES))  # Mon night: Tue 05:00 UTC, fly east
    session(log, at(2024, 6, 18, 18, tz=BERLIN))  # Tue evening: Tue 16:00 UTC
    assert day_counts(log) == {
        date(2024, 6, 8): 1,
        date(2024, 6, 9): 2,
        date(2024, 6, 10): 1,
        date(2024, 6, 17): 1,
        date(2024, 6, 18): 1,
    }
    assert sorted({r.utc_offset_minutes for r in log.sessions()}) == [-420, 120]
    weeks = stats.weekly_adherence(log, date(2024, 6, 3), date(2024, 6, 23))
    assert [w.sessions_done for w in weeks] == [3, 1, 2]
    assert stats.streaks(log, date(2024, 6, 10)).current_days == 3
    assert stats.streaks(log, date(2024, 6, 18)) == Streaks(0, 1, 2, 3)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=date(2023, 1, 1), max_value=date(2023, 3, 31)),
            st.sampled_from(["completed", "numbness", "user", "in_progress"]),
        ),
        max_size=30,
    ),
    st.none() | st.dates(min_value=date(2022, 12, 1), max_value=date(2023, 4, 30)),
)
def test_weekly_adherence_agrees_with_a_plain_count(
    entries: list[tuple[date, str]], plan_from: date | None
) -> None:
    with tempfile.TemporaryDirectory() as folder, SessionLog(Path(folder) / "s.db") as log:
        expected: Counter[date] = Counter()
        for day, outcome in entries:
            started = datetime(day.year, day.month, day.day, 9, tzinfo=LONDON)
            if outcome == "completed":
                session(log, started)
            elif outcome == "in_progress":
                session(log, started, "in_progress")
            else:
                session(log, started, "stopped", outcome)
            if outcome in ("completed", "numbness"):
                expected[stats.week_start(day)] += 1
        if plan_from is not None:
            log.set_plan(WeeklyPlan(4), plan_from)
        weeks = stats.weekly_adherence(log, date(2023, 1, 1), date(2023, 3, 31))
    assert weeks[0].week_start == date(2022, 12, 26)
    gaps = {b.week_start - a.week_start for a, b in itertools.pairwise(weeks)}
    assert gaps == {timedelta(days=7)}
    assert {w.week_start: w.sessions_done for w in weeks if w.sessions_done} == dict(expected)
    # Counted from the earlier of the first finished session and the plan; before the plan
    # took effect (by the week's Sunday) the default of 5 applies.
    begun = [day for day, outcome in entries if outcome != "in_progress"]
    begun += [plan_from] if plan_from is not None else []
    first = stats.week_start(min(begun)) if begun else None
    for week in weeks:
        if first is None or week.week_start < first:
            assert (week.planned, week.adherence, week.plan) == (0, 0.0, None)
            continue
        sunday = week.week_start + timedelta(days=6)
        target = 4 if plan_from is not None and plan_from <= sunday else 5
        assert week.planned == target
        assert week.adherence == min(1.0, week.sessions_done / target)

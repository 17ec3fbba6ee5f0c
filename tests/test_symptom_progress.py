"""Symptoms on Progress and in the report: how far down the leg over time (rising as symptoms
move up towards the back), each day's traffic light on the calendar, and the report's
profile, flags, suggestions and safety stops."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sciatica_coach.core import symptom_stats, words
from sciatica_coach.core.coaching import AMBER, GREEN, RED, Light
from sciatica_coach.core.library import load_library
from sciatica_coach.core.records import PainCheck, SessionRecord
from sciatica_coach.core.symptom_stats import (
    ReachPoint,
    ReachTrend,
    day_lights,
    reach_by_week,
    reach_height,
    reach_points,
    reach_trend,
)
from sciatica_coach.core.symptoms import MorningCheck

LONDON = ZoneInfo("Europe/London")
ROUTINES = load_library(None).routines


def record(
    number: int,
    start: datetime,
    before: str | None,
    after: str | None = None,
    *,
    local: date | None = None,
) -> SessionRecord:
    """A finished session with pain checks that answered only how far down the leg."""
    return SessionRecord(
        id=number,
        routine_id="core-stability",
        routine_name="Core stability",
        started_at=start,
        local_date=local or start.date(),
        utc_offset_minutes=int((start.utcoffset() or timedelta()).total_seconds() // 60),
        ended_at=start + timedelta(minutes=10),
        status="completed",
        stop_reason=None,
        planned_seconds=600,
        planned_work_steps=3,
        active_seconds=600,
        notes="",
        pain_before=PainCheck("before", 3, 4, reach=before) if before else None,
        pain_after=PainCheck("after", 3, 4, reach=after) if after else None,
        work_done=3,
        work_skipped=0,
    )


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=LONDON)


# --- the reach series, its axis and its trend ---------------------------------------------------


def test_reach_is_a_height_with_the_foot_at_the_bottom_and_no_symptoms_at_the_top() -> None:
    heights = {reach: reach_height(reach) for reach in ("foot", "below_knee", "thigh")}
    assert heights == {"foot": 0, "below_knee": 1, "thigh": 2}
    assert reach_height("buttock") == 3 and reach_height("back") == 4
    assert reach_height("none") == 5
    assert [symptom_stats.reach_at_height(h) for h in range(6)] == [
        "foot",
        "below_knee",
        "thigh",
        "buttock",
        "back",
        "none",
    ]


def test_sessions_without_any_reach_are_left_out_and_the_rest_come_oldest_first() -> None:
    sessions = [
        record(3, at(3, 20), "buttock", "back"),
        record(1, at(3, 18), "thigh", None),
        record(2, at(3, 19), None, None),  # pain scores only, or no check at all
    ]
    morning = MorningCheck(1, "better", 2, 3, "buttock", at(3, 19, 8), date(2024, 3, 19))
    points = reach_points(sessions, {1: morning})
    assert points == [
        ReachPoint(1, date(2024, 3, 18), "thigh", None, "buttock", date(2024, 3, 19)),
        ReachPoint(3, date(2024, 3, 20), "buttock", "back"),
    ]


def test_a_session_after_midnight_on_the_night_the_clocks_change_keeps_its_local_date() -> None:
    # 00:30 BST on Mon 1 April 2024 is still Sunday 31 March in UTC.
    late = at(4, 1, 0, 30)
    assert late.astimezone(UTC).date() == date(2024, 3, 31)
    points = reach_points([record(8, late, "thigh", "buttock")], {})
    assert [p.local_date for p in points] == [date(2024, 4, 1)]
    weeks = reach_by_week(points)
    assert [w.week_start for w in weeks] == [date(2024, 4, 1)]  # Monday's week, not Sunday's


def test_weekly_reach_is_the_mean_height_of_the_weeks_answers() -> None:
    points = [
        ReachPoint(1, date(2024, 3, 18), "thigh", "thigh"),  # 2, 2
        ReachPoint(2, date(2024, 3, 20), "buttock", None, "back", date(2024, 3, 21)),  # 3, -, 4
        ReachPoint(3, date(2024, 3, 25), None, "foot"),  # -, 0
    ]
    weeks = reach_by_week(points)
    assert [(w.week_start, w.before, w.after, w.morning) for w in weeks] == [
        (date(2024, 3, 18), 2.5, 2.0, 4.0),
        (date(2024, 3, 25), None, 0.0, None),
    ]


def test_the_trend_compares_the_middle_answer_of_the_first_three_and_the_last_three() -> None:
    reaches = ["below_knee", "thigh", "foot", "thigh", "thigh", "buttock", "back", "buttock"]
    points = [
        ReachPoint(n, date(2024, 3, 1) + timedelta(days=n), reach, None)
        for n, reach in enumerate(reaches)
    ]
    trend = reach_trend(points)
    assert trend == ReachTrend("below_knee", "buttock", date(2024, 3, 1), date(2024, 3, 8), 8)
    assert trend.direction == symptom_stats.MOVED_UP


def test_with_two_answers_at_an_end_the_one_further_down_counts() -> None:
    points = [
        ReachPoint(1, date(2024, 3, 1), "thigh", None),
        ReachPoint(2, date(2024, 3, 2), "buttock", None),
        ReachPoint(3, date(2024, 3, 3), "back", None),
        ReachPoint(4, date(2024, 3, 4), "thigh", None),
    ]
    trend = reach_trend(points)
    assert trend is not None
    assert (trend.first, trend.last, trend.direction) == ("thigh", "thigh", "same")


def test_the_trend_uses_answers_before_sessions_only() -> None:
    assert reach_trend([ReachPoint(1, date(2024, 3, 1), None, "foot")]) is None
    single = reach_trend([ReachPoint(1, date(2024, 3, 1), "thigh", "foot")])
    assert single is not None and single.answers == 1 and single.direction is None


def test_the_trend_in_words_says_which_way_is_good() -> None:
    up = ReachTrend("thigh", "buttock", date(2024, 3, 1), date(2024, 4, 1), 9)
    assert words.reach_trend_text(up) == (
        "How far down the leg before sessions: thigh at the start of this period, "
        "buttock now. Moving up towards the back is a good sign."
    )
    down = ReachTrend("buttock", "below_knee", date(2024, 3, 1), date(2024, 4, 1), 9)
    assert words.reach_trend_text(down).startswith(
        "How far down the leg before sessions: buttock at the start of this period, "
        "below the knee now. Moving further down the leg"
    )
    same = ReachTrend("back", "back", date(2024, 3, 1), date(2024, 4, 1), 4)
    assert words.reach_trend_text(same) == (
        "How far down the leg before sessions: back only at the start of this period and now."
    )
    one = ReachTrend("none", "none", date(2024, 3, 4), date(2024, 3, 4), 1)
    assert words.reach_trend_text(one) == (
        "How far down the leg before sessions: no symptoms on Mon 4 Mar 2024, "
        "the only answer so far."
    )
    assert words.reach_trend_text(None).startswith("No answers yet")


# --- the traffic light of each day --------------------------------------------------------------


def light(number: int, day: date, colour: str | None) -> Light:
    return Light(number, day, "core-stability", colour, (), (), False, True)


def test_a_day_shows_the_worst_light_of_its_sessions() -> None:
    monday, tuesday, wednesday = date(2024, 3, 18), date(2024, 3, 19), date(2024, 3, 20)
    lights = [
        light(1, monday, RED),
        light(2, monday, GREEN),
        light(3, tuesday, GREEN),
        light(4, tuesday, AMBER),
        light(5, tuesday, None),
        light(6, wednesday, None),  # nothing to judge by: no mark
    ]
    assert day_lights(lights) == {monday: RED, tuesday: AMBER}


def test_the_light_legend_reads_in_words() -> None:
    assert words.light_legend() == (
        "Green: leg settled; Amber: stirred up; Red: worse or spreading"
    )
    assert words.light_label(RED) == "Red: worse or spreading"

"""Symptoms on Progress and in the report: how far down the leg over time (rising as symptoms
move up towards the back), each day's traffic light on the calendar, and the report's
profile, flags, suggestions and safety stops."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sciatica_coach.core import symptom_stats, words
from sciatica_coach.core.coaching import AMBER, GREEN, RED, Light
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, SessionRecord, StepRecord
from sciatica_coach.core.symptom_stats import (
    ReachPoint,
    ReachTrend,
    day_lights,
    reach_by_week,
    reach_height,
    reach_points,
    reach_trend,
)
from sciatica_coach.core.symptoms import LEANING_BACK, MorningCheck, SymptomProfile

LONDON = ZoneInfo("Europe/London")


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


# --- a real log: the calendar's lights and the reach chart on Progress --------------------------

TODAY = date(2024, 4, 17)


def logged_session(
    log: SessionLog,
    start: datetime,
    *,
    before: tuple[int, str | None] = (4, "thigh"),
    after: tuple[int, str | None] | None = (4, "thigh"),
    stop: str | None = None,
    exercises: tuple[str, ...] = ("dead_bug", "bird_dog"),
    worse_after: str | None = None,
) -> int:
    """A session of one work step per exercise with pain checks; ``stop`` stops it in the
    last exercise for that reason."""
    session_id = log.start_session("core-stability", "Core stability", 600, 2, start)
    log.record_pain(session_id, PainCheck("before", 2, before[0], "", before[1]), start)
    for index, exercise in enumerate(exercises):
        stopped = stop is not None and index == len(exercises) - 1
        log.record_step(
            session_id,
            StepRecord(
                index,
                "work",
                exercise,
                exercise.replace("_", " ").capitalize(),
                1,
                1,
                None,
                60,
                20 if stopped else 60,
                None,
                None,
                "stopped" if stopped else "done",
                start + timedelta(minutes=index + 1),
            ),
        )
        if not stopped:
            log.set_leg_response(session_id, index, "worse" if exercise == worse_after else "same")
    end = start + timedelta(minutes=10)
    if stop is not None:
        log.finish_session(session_id, "stopped", end, 140, stop, stop_step=len(exercises) - 1)
    else:
        log.finish_session(session_id, "completed", end, 600)
    if after is not None:
        log.record_pain(session_id, PainCheck("after", 2, after[0], "", after[1]), end)
    return session_id


@pytest.fixture
def log(tmp_path: Path) -> SessionLog:
    with SessionLog(tmp_path / "log.sqlite3") as opened:
        yield opened  # type: ignore[misc]


def test_a_day_with_a_red_and_a_green_session_is_red_on_the_calendar(log: SessionLog) -> None:
    logged_session(log, at(4, 8, 9))  # green: the leg stayed the same
    logged_session(log, at(4, 8, 18), stop="pain_spreading", after=None)  # red
    logged_session(log, at(4, 10, 9), after=(7, "thigh"))  # amber: leg pain rose by 3
    assert symptom_stats.calendar_lights(log, date(2024, 4, 1)) == {
        date(2024, 4, 8): RED,
        date(2024, 4, 10): AMBER,
    }
    assert log.suggestions() == []  # reading the lights offers nothing


def test_the_reach_series_reads_what_the_whole_session_records_would_give(
    log: SessionLog,
) -> None:
    # Out of range on both sides, an answer only the next morning, none at all, a start
    # in the early hours (so its local date and its UTC date differ), two on one day.
    logged_session(log, at(3, 17), before=(4, "foot"), after=(4, "foot"))
    early = logged_session(log, at(3, 18), before=(4, "below_knee"), after=(3, None))
    quiet = logged_session(log, at(3, 19), before=(4, None), after=None)
    logged_session(log, at(3, 20), before=(4, None), after=None)
    logged_session(log, at(4, 1, 0, 30), before=(4, None), after=(3, "buttock"))
    evening = logged_session(log, at(4, 2, 19), before=(5, "thigh"), after=(4, "thigh"))
    morning = logged_session(log, at(4, 2, 7), before=(3, "back"), after=(3, "none"))
    logged_session(log, at(4, 3), before=(4, "thigh"), after=(4, "thigh"))
    log.record_morning_check(
        MorningCheck(quiet, "better", 2, 3, "buttock", at(3, 20, 8), date(2024, 3, 20))
    )
    log.record_morning_check(
        MorningCheck(early, "same", 4, 4, None, at(3, 19, 8), date(2024, 3, 19))
    )
    start, end = date(2024, 3, 18), date(2024, 4, 2)
    points = symptom_stats.reach_series(log, start, end)
    assert points == [
        ReachPoint(early, date(2024, 3, 18), "below_knee", None),
        ReachPoint(quiet, date(2024, 3, 19), None, None, "buttock", date(2024, 3, 20)),
        ReachPoint(quiet + 2, date(2024, 4, 1), None, "buttock"),
        ReachPoint(morning, date(2024, 4, 2), "back", "none"),
        ReachPoint(evening, date(2024, 4, 2), "thigh", "thigh"),
    ]
    assert points == reach_points(log.sessions(start, end), log.morning_checks(start))


def test_progress_draws_reach_as_height_with_the_foot_at_the_bottom(
    qtbot,  # type: ignore[no-untyped-def]
    log: SessionLog,
) -> None:
    from sciatica_coach.ui.progress import ProgressView, plotted

    first = logged_session(log, at(3, 25), before=(6, "below_knee"), after=(5, "thigh"))
    # 00:30 BST on the night the clocks went forward, Sunday 31 March: no reach answered
    logged_session(log, at(3, 31, 0, 30), before=(4, None), after=None)
    logged_session(log, at(4, 1, 0, 30), before=(4, "thigh"), after=(3, "buttock"))
    logged_session(log, at(4, 16), before=(3, "buttock"), after=(2, "back"))
    log.record_morning_check(
        MorningCheck(first, "better", 2, 4, "thigh", at(3, 26, 8), date(2024, 3, 26))
    )
    view = ProgressView(log, lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1100, 760)
    view.set_range("4w")
    days = [date(2024, 3, 25), date(2024, 4, 1), date(2024, 4, 16)]
    assert view.reach.series["before"] == (days, [1.0, 2.0, 3.0])  # below knee, thigh, buttock
    assert view.reach.series["after"] == (days, [2.0, 3.0, 4.0])
    assert view.reach.series["morning"] == ([date(2024, 3, 26)], [2.0])
    xs, ys = plotted(view.reach_items["before"])
    assert ys == [1.0, 2.0, 3.0] and xs[1] == date(2024, 4, 1).toordinal() + 0.5
    ticks = view.reach.plot.getPlotItem().getAxis("left")._tickLevels[0]
    assert sorted(ticks) == [
        (0, "Foot"),
        (1, "Below the knee"),
        (2, "Thigh"),
        (3, "Buttock"),
        (4, "Back only"),
        (5, "No symptoms"),
    ]
    assert view.reach.summary.text() == (
        "How far down the leg before sessions: below the knee at the start of this period, "
        "buttock now. Moving up towards the back is a good sign."
    )
    assert view.reach.hover_at(date(2024, 3, 25).toordinal() + 0.5) == (
        "Mon 25 Mar 2024\nBefore: below the knee\nAfter: thigh"
    )
    view.set_range("1y")
    assert view.reach_points == []
    weeks = [date(2024, 3, 25), date(2024, 4, 1), date(2024, 4, 15)]
    assert view.reach.series["before"] == (weeks, [1.0, 2.0, 3.0])


def test_progress_says_when_reach_was_never_answered(
    qtbot,  # type: ignore[no-untyped-def]
    log: SessionLog,
) -> None:
    from sciatica_coach.ui.progress import ProgressView

    logged_session(log, at(4, 16), before=(3, None), after=(2, None))
    view = ProgressView(log, lambda: TODAY)
    qtbot.addWidget(view)
    view.set_range("4w")
    assert view.reach.is_empty
    assert view.reach.empty.text().startswith("No answers in the last 4 weeks about how far")
    assert view.calendar.lights == {date(2024, 4, 16): GREEN}


# --- the progress report ------------------------------------------------------------------------


def symptom_history(log: SessionLog) -> None:
    """Three weeks of April 2024: the leg centralises from the thigh to the back, Bird dog
    makes it worse twice, one session is stopped for numbness during Bird dog, two profiles
    are saved (one before the report's range), and three suggestions get each answer."""
    log.save_profile(
        SymptomProfile(at(3, 20, 8).astimezone(UTC), date(2024, 3, 20), "foot", "not_sure")
    )
    first = logged_session(log, at(4, 1), before=(5, "thigh"), worse_after="bird_dog")
    second = logged_session(log, at(4, 3), before=(5, "thigh"), worse_after="bird_dog")
    stopped = logged_session(log, at(4, 5), before=(4, "buttock"), after=None, stop="numbness")
    fourth = logged_session(log, at(4, 9), before=(3, "buttock"), after=(2, "back"))
    logged_session(log, at(4, 12), before=(2, "back"), after=(2, "back"))
    log.record_morning_check(
        MorningCheck(fourth, "better", 2, 2, "back", at(4, 10, 8), date(2024, 4, 10))
    )
    log.save_profile(
        SymptomProfile(
            at(4, 8, 19).astimezone(UTC),
            date(2024, 4, 8),
            "buttock",
            LEANING_BACK,
            {"extension": "up", "flexion": "down"},
        )
    )
    log.offer_suggestion(
        second,
        rule="leave-out-worse-twice",
        kind="leave_out",
        text="Consider leaving Bird dog out of Core stability.",
        reason="Bird dog: leg worse 2 of 2 times in the last 14 days.",
    )
    log.decide_suggestion(second, "leave-out-worse-twice", "accepted", at(4, 3, 10))
    log.offer_suggestion(
        stopped,
        rule="ease-off-after-red",
        kind="ease_off",
        text="Try the easier versions next time.",
        reason="You stopped during Bird dog because of numbness or weakness.",
    )
    log.decide_suggestion(stopped, "ease-off-after-red", "dismissed", at(4, 5, 10))
    log.offer_suggestion(
        fourth,
        rule="keep-after-amber",
        kind="keep",
        text="Keep the same routine and amounts next time, without stepping up.",
        reason="Your leg felt worse after Bird dog.",
    )
    assert first


def test_the_report_lists_profiles_flags_suggestions_and_safety_stops(log: SessionLog) -> None:
    from sciatica_coach.report import html
    from sciatica_coach.report.progress_report import gather_progress

    symptom_history(log)
    report = gather_progress(log, date(2024, 4, 1), date(2024, 4, 21))
    assert [p.local_date for p in report.profiles] == [date(2024, 4, 8)]
    assert report.profile_before is not None and report.profile_before.reach == "foot"
    assert [line.flag.text for line in report.flags] == ["Bird dog: leg worse 2 of 4 times"]
    assert [(s.local_date, s.decision) for s in report.suggestions] == [
        (date(2024, 4, 3), "accepted"),
        (date(2024, 4, 5), "dismissed"),
        (date(2024, 4, 9), None),
    ]
    assert [(s.local_date, s.reason, s.exercise) for s in report.safety_stops] == [
        (date(2024, 4, 5), "Numbness, pins and needles or weakness getting worse", "Bird dog")
    ]
    markup = html.progress_report_html(report)
    sections = ["Safety stops", "Symptom profile", "Exercises flagged", "Suggestions", "Notes"]
    places = [markup.index(f"<h2>{name}</h2>") for name in sections]
    assert places == sorted(places)
    safety, profile, flags, suggestions = (markup[places[n] : places[n + 1]] for n in range(4))
    assert "Fri 5 Apr 2024" in safety and "Bird dog" in safety
    assert "Numbness" in safety
    assert "Saved Mon 8 Apr 2024 (in use)" in profile
    assert "Buttock" in profile and "Leaning back" in profile
    assert "Leaning back: moved up towards my back" in profile
    assert "Bending forward: spread further down my leg" in profile
    assert "thigh at the start of this period, buttock now" in profile
    assert "Bird dog: leg worse 2 of 4 times" in flags
    assert "in the 14 days to Fri 12 Apr 2024" in flags
    for day, answer, text in (
        ("Wed 3 Apr 2024", "Taken", "Consider leaving Bird dog out of Core stability."),
        ("Fri 5 Apr 2024", "Set aside", "Try the easier versions next time."),
        ("Tue 9 Apr 2024", "Not answered", "Keep the same routine and amounts next time"),
    ):
        assert f'<p class="suggestion"><b>{day} · {answer}</b><br />{text}' in suggestions
    assert "Your leg felt worse after Bird dog." in suggestions
    assert log.suggestions()[-1].decision is None  # the report only reads


def test_a_report_with_no_symptom_answers_says_so_in_one_line_each(log: SessionLog) -> None:
    from sciatica_coach.report import html
    from sciatica_coach.report.progress_report import gather_progress

    logged_session(log, at(4, 1), before=(3, None), after=(3, None))
    markup = html.progress_report_html(gather_progress(log, date(2024, 4, 1), date(2024, 4, 7)))
    for line in (
        "No session was stopped for a safety reason.",
        "No symptom profile has been saved.",
        "No exercise made the leg worse 2 or more times within 14 days.",
        "The coach made no suggestions in this period.",
    ):
        assert f'<p class="muted">{line}</p>' in markup

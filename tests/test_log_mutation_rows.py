"""The log's reads checked against a hand-written history, field by field: totals per day and
per week (finished sessions only, adherence by status and stop reason), work steps planned and
done, pain per session and per week, exercises done and skipped; sessions left in progress
becoming interrupted; whole sessions imported (or none); every refusal with its message; and
times stored in UTC whatever the machine's zone."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import (
    ExerciseTotals,
    LogError,
    PainCheck,
    PainPoint,
    PeriodTotals,
    SessionRecord,
    StepRecord,
    WeeklyPlan,
    WeekPain,
    WorkTotals,
)
from sciatica_coach.core.symptoms import MorningCheck

BERLIN = ZoneInfo("Europe/Berlin")  # UTC+1 in early March
MON, WED, THU, NEXT_MON, NEXT_TUE = (date(2026, 3, d) for d in (2, 4, 5, 9, 10))


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def work(
    index: int,
    exercise: str | None,
    name: str | None,
    status: str,
    ended: datetime,
    actual: float = 30,
    *,
    variant: str | None = None,
) -> StepRecord:
    return StepRecord(
        index, "work", exercise, name, 1, 1, None, 30, actual, None, None, status, ended,
        variant=variant,
    )  # fmt: skip


@dataclass
class History:
    early: int
    hips: int
    spread: int
    gave_up: int
    next_week: int
    under_way: int


def history(log: SessionLog) -> History:
    """Monday 08:00 hips (bridge done, clam skipped, bridge done; pain before and after),
    completed, 540 s; Monday 06:00 gentle (march done; pain before), completed, 300 s, logged
    after it; Wednesday core (clam done, march stopped; pain before), stopped for pain
    spreading, 100 s; Thursday core (bridge skipped, an unnamed plank skipped), stopped by
    the user, 30 s; next Monday hips (bridge done; pain after), completed, 600 s; next
    Tuesday hips under way (bridge done)."""
    start = local(MON, 8)
    hips = log.start_session("hips", "Hips", 600, 3, start)
    log.record_step(hips, work(0, "bridge_x", "Bridge", "done", start + timedelta(minutes=1)))
    log.record_step(hips, work(1, "clam_x", "Clam", "skipped", start + timedelta(minutes=2), 0))
    log.record_step(hips, work(2, "bridge_x", "Bridge", "done", start + timedelta(minutes=3)))
    log.record_pain(hips, PainCheck("before", 3, 5, "stiff", "thigh"), start)
    log.record_pain(hips, PainCheck("after", 2, 4, "", "buttock"), start + timedelta(minutes=9))
    log.finish_session(hips, "completed", start + timedelta(minutes=10), 540)

    start = local(MON, 6)
    early = log.start_session("gentle", "Gentle", 300, 1, start)
    log.record_step(early, work(0, "march_x", "March", "done", start + timedelta(minutes=1)))
    log.record_pain(early, PainCheck("before", 0, 0), start)
    log.finish_session(early, "completed", start + timedelta(minutes=5), 300)

    start = local(WED, 18)
    spread = log.start_session("core", "Core", 300, 2, start)
    log.record_step(spread, work(0, "clam_x", "Clam", "done", start + timedelta(minutes=1)))
    log.record_step(spread, work(1, "march_x", "March", "stopped", start + timedelta(2), 12))
    log.record_pain(spread, PainCheck("before", 6, 7), start)
    log.finish_session(spread, "stopped", start + timedelta(minutes=3), 100, "pain_spreading", 1)

    start = local(THU, 7, 30)
    gave_up = log.start_session("core", "Core", 300, 2, start)
    log.record_step(gave_up, work(0, "bridge_x", "Bridge", "skipped", start, 0))
    log.record_step(gave_up, work(1, "plank_x", None, "skipped", start, 0))
    log.finish_session(gave_up, "stopped", start + timedelta(minutes=1), 30, "user")

    start = local(NEXT_MON, 9)
    next_week = log.start_session("hips", "Hips", 600, 3, start)
    log.record_step(next_week, work(0, "bridge_x", "Bridge", "done", start))
    log.record_pain(next_week, PainCheck("after", 1, 1), start + timedelta(minutes=10))
    log.finish_session(next_week, "completed", start + timedelta(minutes=10), 600)

    start = local(NEXT_TUE, 9)
    under_way = log.start_session("hips", "Hips", 600, 3, start)
    log.record_step(under_way, work(0, "bridge_x", "Bridge", "done", start))
    return History(early, hips, spread, gave_up, next_week, under_way)


# --- totals -----------------------------------------------------------------------------------


def test_the_first_day_is_the_first_finished_session_s_local_date(log: SessionLog) -> None:
    assert log.first_day() is None
    start = local(NEXT_TUE, 9)
    log.start_session("hips", "Hips", 600, 3, start)  # still under way: not started yet
    assert log.first_day() is None
    history(log)
    assert log.first_day() == MON == log.day_totals()[0].period_start


def test_day_totals_count_finished_sessions_and_those_that_count(log: SessionLog) -> None:
    history(log)
    assert log.day_totals() == [
        PeriodTotals(MON, 2, 2, 840.0),
        PeriodTotals(WED, 1, 1, 100.0),
        PeriodTotals(THU, 1, 0, 30.0),
        PeriodTotals(NEXT_MON, 1, 1, 600.0),
    ]
    assert log.day_totals(WED, THU) == [
        PeriodTotals(WED, 1, 1, 100.0),
        PeriodTotals(THU, 1, 0, 30.0),
    ]


def test_done_days_are_the_days_with_a_session_that_counts_up_to_the_day_given(
    log: SessionLog,
) -> None:
    history(log)
    counted = [t.period_start for t in log.day_totals() if t.adherent > 0]
    assert log.done_days(NEXT_MON) == counted == [MON, WED, NEXT_MON]
    assert log.done_days(THU) == [MON, WED]  # Thursday's session does not count
    assert log.done_days(MON) == [MON]  # two that count on Monday: the day once
    assert log.done_days(MON - timedelta(days=1)) == []


def test_week_totals_over_the_local_dates_in_range(log: SessionLog) -> None:
    history(log)
    assert log.week_totals() == [
        PeriodTotals(MON, 4, 3, 970.0),
        PeriodTotals(NEXT_MON, 1, 1, 600.0),
    ]
    assert log.week_totals(since=MON + timedelta(days=1)) == [
        PeriodTotals(MON, 2, 1, 130.0),
        PeriodTotals(NEXT_MON, 1, 1, 600.0),
    ]
    assert log.week_totals(until=MON + timedelta(days=6)) == [PeriodTotals(MON, 4, 3, 970.0)]


def test_work_steps_planned_and_done_over_finished_sessions(log: SessionLog) -> None:
    history(log)
    assert log.work_totals() == WorkTotals(planned=11, done=5)
    assert log.work_totals(WED, THU) == WorkTotals(planned=4, done=1)
    assert log.work_totals(NEXT_TUE, NEXT_TUE) == WorkTotals(planned=0, done=0)


def test_exercises_done_and_skipped_most_skipped_first_then_by_name(log: SessionLog) -> None:
    history(log)
    assert log.exercise_totals() == [
        ExerciseTotals("bridge_x", "Bridge", 3, 1),
        ExerciseTotals("clam_x", "Clam", 1, 1),
        ExerciseTotals("plank_x", "plank_x", 0, 1),
        ExerciseTotals("march_x", "March", 1, 0),
    ]
    assert log.exercise_totals(WED, THU) == [
        ExerciseTotals("bridge_x", "Bridge", 0, 1),
        ExerciseTotals("plank_x", "plank_x", 0, 1),
        ExerciseTotals("clam_x", "Clam", 1, 0),
        ExerciseTotals("march_x", "March", 0, 0),
    ]


# --- pain -------------------------------------------------------------------------------------


def test_pain_per_session_in_order_of_day_and_start(log: SessionLog) -> None:
    ids = history(log)
    assert log.pain_rows() == [
        PainPoint(MON, ids.early, 0, 0, None, None),
        PainPoint(MON, ids.hips, 3, 5, 2, 4),
        PainPoint(WED, ids.spread, 6, 7, None, None),
        PainPoint(NEXT_MON, ids.next_week, None, None, 1, 1),
    ]
    assert log.pain_rows(MON + timedelta(days=1), THU) == [
        PainPoint(WED, ids.spread, 6, 7, None, None)
    ]


def test_pain_per_week_averages_each_score_over_the_sessions_that_had_it(log: SessionLog) -> None:
    history(log)
    assert log.pain_week_rows() == [
        WeekPain(MON, 3, 3.0, 4.0, 2.0, 4.0),
        WeekPain(NEXT_MON, 1, None, None, 1.0, 1.0),
    ]
    assert log.pain_week_rows(MON + timedelta(days=1), THU) == [
        WeekPain(MON, 1, 6.0, 7.0, None, None)
    ]


def test_a_session_read_back_field_by_field(log: SessionLog) -> None:
    ids = history(log)
    assert log.session(ids.hips) == SessionRecord(
        id=ids.hips,
        routine_id="hips",
        routine_name="Hips",
        started_at=local(MON, 8),
        local_date=MON,
        utc_offset_minutes=60,
        ended_at=local(MON, 8, 10),
        status="completed",
        stop_reason=None,
        planned_seconds=600.0,
        planned_work_steps=3,
        active_seconds=540.0,
        notes="",
        pain_before=PainCheck("before", 3, 5, "stiff", "thigh"),
        pain_after=PainCheck("after", 2, 4, "", "buttock"),
        work_done=2,
        work_skipped=1,
        stop_step=None,
    )
    assert log.pain_times(ids.hips) == {
        "before": local(MON, 8),
        "after": local(MON, 8, 9),
    }
    new = log.session(ids.under_way)
    assert (new.status, new.active_seconds, new.ended_at, new.work_done) == (
        "in_progress",
        0.0,
        None,
        1,
    )


def test_sessions_newest_first_and_a_limit_of_none(log: SessionLog) -> None:
    ids = history(log)
    assert [s.id for s in log.sessions(MON, MON)] == [ids.hips, ids.early]
    assert [s.id for s in log.sessions(limit=2)] == [ids.under_way, ids.next_week]
    assert log.sessions(limit=0) == []
    with pytest.raises(ValueError) as raised:
        log.sessions(limit=-1)
    assert str(raised.value) == "limit cannot be negative"


# --- sessions cut short -----------------------------------------------------------------------


def test_sessions_left_in_progress_are_interrupted_on_the_next_open(tmp_path: Path) -> None:
    path = tmp_path / "log.sqlite3"
    with SessionLog(path) as log:
        first = log.start_session("hips", "Hips", 600, 3, local(MON, 8))
        log.record_step(first, work(0, "bridge_x", "Bridge", "done", local(MON, 8, 1), 25))
        log.record_step(first, work(1, "clam_x", "Clam", "stopped", local(MON, 8, 2), 12.5))
        second = log.start_session("core", "Core", 300, 2, local(WED, 8))
        done = log.start_session("core", "Core", 300, 2, local(THU, 8))
        log.finish_session(done, "completed", local(THU, 8, 5), 300)
    with SessionLog(path, recover=False) as reader:
        assert reader.interrupted == []
        assert reader.unfinished_sessions() == []
    with SessionLog(path) as log:
        assert [s.id for s in log.interrupted] == [first, second]
        unfinished = log.unfinished_sessions()
        assert [s.id for s in unfinished] == [second, first]
        assert [(s.status, s.active_seconds, s.ended_at) for s in unfinished] == [
            ("interrupted", 0.0, None),
            ("interrupted", 37.5, local(MON, 8, 2)),
        ]
        assert log.session(done).status == "completed"


# --- import -----------------------------------------------------------------------------------


def imported(
    started: datetime,
    *,
    status: str = "completed",
    routine_id: str = "hips",
    before: PainCheck | None = None,
    after: PainCheck | None = None,
    stop_step: int | None = None,
) -> SessionRecord:
    return SessionRecord(
        id=999,
        routine_id=routine_id,
        routine_name="Hips",
        started_at=started,
        local_date=started.date(),
        utc_offset_minutes=60,
        ended_at=started + timedelta(minutes=12),
        status=status,
        stop_reason="numbness" if status == "stopped" else None,
        planned_seconds=610.5,
        planned_work_steps=4,
        active_seconds=333.25,
        notes="From the old laptop.",
        pain_before=before,
        pain_after=after,
        work_done=99,
        work_skipped=99,
        stop_step=stop_step,
    )


def test_whole_sessions_are_imported_field_by_field(log: SessionLog) -> None:
    ids = history(log)
    start = local(MON, 20)
    first = imported(
        start,
        status="stopped",
        before=PainCheck("before", 4, 6, "sore", "foot"),
        after=PainCheck("after", 3, 2, "", None),
        stop_step=1,
    )
    steps = [
        work(0, "bridge_x", "Bridge", "done", start + timedelta(minutes=2), variant="easier"),
        work(1, "clam_x", "Clam", "stopped", start + timedelta(minutes=3), 7.5),
    ]
    steps[0] = StepRecord(**{**steps[0].__dict__, "leg_response": "worse"})
    taken = {"after": start + timedelta(minutes=12)}
    morning = MorningCheck(0, "same", 2, 3, "thigh", local(MON + timedelta(1), 7), MON)
    plain = imported(local(THU, 21), routine_id="core")
    again = imported(local(MON, 8))  # Monday's hips session, already in the log

    added = log.import_sessions(
        [(first, steps, taken), (again, [], {}), (plain, [], {})], [morning]
    )

    new, skipped, other = added
    assert skipped is None and new is not None and other is not None
    assert new not in vars(ids).values() and other != new
    assert log.session(new) == SessionRecord(
        id=new,
        routine_id="hips",
        routine_name="Hips",
        started_at=start,
        local_date=MON,
        utc_offset_minutes=60,
        ended_at=start + timedelta(minutes=12),
        status="stopped",
        stop_reason="numbness",
        planned_seconds=610.5,
        planned_work_steps=4,
        active_seconds=333.25,
        notes="From the old laptop.",
        pain_before=PainCheck("before", 4, 6, "sore", "foot"),
        pain_after=PainCheck("after", 3, 2, "", None),
        work_done=1,
        work_skipped=0,
        stop_step=1,
    )
    assert log.steps(new) == steps
    assert log.pain_times(new) == {"before": start, "after": start + timedelta(minutes=12)}
    assert log.morning_checks() == {
        new: MorningCheck(new, "same", 2, 3, "thigh", local(MON + timedelta(1), 7), MON)
    }
    assert log.session(other).pain_before is None and log.steps(other) == []
    assert len(log.sessions()) == 8


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (
            lambda: (imported(local(MON, 20), status="in_progress"), [], {}),
            "an imported session is completed, stopped or interrupted, not 'in_progress'",
        ),
        (
            lambda: (imported(local(MON, 20), routine_id=""), [], {}),
            "routine_id cannot be empty",
        ),
        (
            lambda: (imported(datetime(2026, 3, 2, 20)), [], {}),
            "started_at must be a datetime with a time zone",
        ),
        (
            lambda: (
                imported(local(MON, 20), before=PainCheck("before", 1, 1)),
                [],
                {"before": datetime(2026, 3, 2, 20)},
            ),
            "taken_at must be a datetime with a time zone",
        ),
    ],
    ids=["in progress", "no routine", "no zone", "pain without zone"],
)
def test_an_import_with_one_bad_session_adds_none(
    log: SessionLog, bad: object, message: str
) -> None:
    good = (imported(local(MON, 7)), [work(0, "bridge_x", "Bridge", "done", local(MON, 7))], {})
    with pytest.raises(ValueError) as raised:
        log.import_sessions([good, bad()])  # type: ignore[operator]
    assert str(raised.value) == message
    assert log.sessions() == []


def test_interrupted_sessions_may_be_imported(log: SessionLog) -> None:
    (added,) = log.import_sessions([(imported(local(MON, 20), status="interrupted"), [], {})])
    assert added is not None and log.session(added).status == "interrupted"


# --- refusals ---------------------------------------------------------------------------------


def test_starting_a_session_refuses_what_cannot_be_logged(log: SessionLog) -> None:
    cases = [
        (("", "Hips", 600, 3, local(MON, 8)), "routine_id cannot be empty"),
        (("hips", "Hips", -0.5, 3, local(MON, 8)), "planned_seconds cannot be negative"),
        (("hips", "Hips", 600, -1, local(MON, 8)), "planned_work_steps cannot be negative"),
        (
            ("hips", "Hips", 600, 3, datetime(2026, 3, 2, 8)),
            "started_at must be a datetime with a time zone",
        ),
    ]
    for arguments, message in cases:
        with pytest.raises(ValueError) as raised:
            log.start_session(*arguments)  # type: ignore[arg-type]
        assert str(raised.value) == message
    empty = log.start_session("hips", "Hips", 0, 0, local(MON, 8))
    assert (log.session(empty).planned_seconds, log.session(empty).planned_work_steps) == (0, 0)


def test_finishing_a_session_refuses_what_cannot_be_logged(log: SessionLog) -> None:
    session_id = log.start_session("hips", "Hips", 600, 3, local(MON, 8))
    end = local(MON, 9)
    cases = [
        (("paused", end, 10), {}, "a session finishes completed or stopped, not 'paused'"),
        (
            ("completed", end, 10),
            {"stop_reason": "user"},
            "only a stopped session has a stop reason",
        ),
        (("stopped", end, -0.1), {}, "active_seconds cannot be negative"),
        (("completed", end, 10), {"stop_step": 0}, "only a stopped session has a stop step"),
        (("stopped", end, 10), {"stop_step": -1}, "stop_step cannot be negative"),
        (
            ("stopped", datetime(2026, 3, 2, 9), 10),
            {},
            "ended_at must be a datetime with a time zone",
        ),
    ]
    for arguments, options, message in cases:
        with pytest.raises(ValueError) as raised:
            log.finish_session(session_id, *arguments, **options)  # type: ignore[arg-type]
        assert str(raised.value) == message
    log.finish_session(session_id, "stopped", end, 0, "user", 0)
    assert (log.session(session_id).stop_step, log.session(session_id).active_seconds) == (0, 0)


def test_pain_and_plans_refuse_what_cannot_be_logged(log: SessionLog) -> None:
    session_id = log.start_session("hips", "Hips", 600, 3, local(MON, 8))
    with pytest.raises(ValueError) as not_a_check:
        log.record_pain(session_id, (3, 4), local(MON, 8))  # type: ignore[arg-type]
    assert str(not_a_check.value) == "check must be a PainCheck"
    with pytest.raises(ValueError) as naive:
        log.record_pain(session_id, PainCheck("before", 3, 4), datetime(2026, 3, 2, 8))
    assert str(naive.value) == "taken_at must be a datetime with a time zone"
    for when in (local(MON, 8), "2026-03-02"):
        with pytest.raises(ValueError) as raised:
            log.set_plan(WeeklyPlan(3), when)  # type: ignore[arg-type]
        assert str(raised.value) == "a plan takes effect from a date, not a time"
    assert log.session(session_id).pain_before is None
    assert log.plan_history() == []


def test_an_unknown_session_is_named_with_the_log_s_path(log: SessionLog) -> None:
    expected = f"There is no session 77 in {log.path}."
    for read in (lambda: log.session(77), lambda: log.set_notes(77, "x")):
        with pytest.raises(LogError) as raised:
            read()
        assert str(raised.value) == expected


def test_a_closed_log_says_which_file_it_could_not_use(log: SessionLog) -> None:
    session_id = log.start_session("hips", "Hips", 600, 3, local(MON, 8))
    log.close()
    expected = f"Could not use the session log {log.path}: Cannot operate on a closed database.."
    for read in (log.sessions, lambda: log.session(session_id)):
        with pytest.raises(LogError) as raised:
            read()
        assert str(raised.value) == expected


# --- UTC on disk ------------------------------------------------------------------------------


def test_times_are_stored_and_read_in_utc_whatever_the_machine_s_zone(
    log: SessionLog, new_york: None
) -> None:
    session_id = log.start_session("hips", "Hips", 600, 3, local(MON, 8))
    log.record_step(session_id, work(0, "bridge_x", "Bridge", "done", local(MON, 8, 1)))
    log.finish_session(session_id, "completed", local(MON, 8, 10), 600)
    raw = sqlite3.connect(log.path).execute("SELECT started_at, ended_at FROM sessions").fetchone()
    assert raw == ("2026-03-02T07:00:00.000000+00:00", "2026-03-02T07:10:00.000000+00:00")
    record = log.session(session_id)
    assert record.started_at.utcoffset() == timedelta(0)
    assert record.started_at.isoformat() == "2026-03-02T07:00:00+00:00"
    assert log.steps(session_id)[0].ended_at.isoformat() == "2026-03-02T07:01:00+00:00"
    assert record.started_at.tzinfo is UTC


def test_an_imported_session_with_only_an_after_check_keeps_it(log: SessionLog) -> None:
    start = local(MON, 20)
    after = PainCheck("after", 2, 3, "better", "back")
    (added,) = log.import_sessions([(imported(start, after=after), [], {})])
    assert added is not None
    record = log.session(added)
    assert (record.pain_before, record.pain_after) == (None, after)
    assert log.pain_times(added) == {"after": start}

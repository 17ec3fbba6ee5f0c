"""The symptom records in a real log file, and the coach's view of it on a given day."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sciatica_coach.core import coach, schema
from sciatica_coach.core.library import load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError, PainCheck, StepRecord
from sciatica_coach.core.symptoms import LEANING_BACK, MorningCheck, SymptomProfile

LONDON = ZoneInfo("Europe/London")
ROUTINES = load_library(None).routines


def run_session(
    log: SessionLog,
    start: datetime,
    *,
    routine: str = "core-stability",
    before: tuple[int, str] = (3, "thigh"),
    after: tuple[int, str] = (3, "thigh"),
    worse_after: str | None = None,
) -> int:
    """A finished session of two exercise steps, with pain checks and one leg response."""
    session_id = log.start_session(routine, ROUTINES[routine].name, 600, 2, start)
    log.record_pain(session_id, PainCheck("before", 2, before[0], "", before[1]), start)
    for index, exercise in enumerate(("dead_bug", "bird_dog")):
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
                60,
                None,
                None,
                "done",
                start + timedelta(minutes=index + 1),
            ),
        )
        answer = "worse" if exercise == worse_after else "same"
        log.set_leg_response(session_id, index, answer)
    end = start + timedelta(minutes=10)
    log.record_pain(session_id, PainCheck("after", 2, after[0], "", after[1]), end)
    log.finish_session(session_id, "completed", end, 600)
    return session_id


@pytest.fixture
def log(tmp_path: Path) -> SessionLog:
    with SessionLog(tmp_path / "log.sqlite3") as opened:
        yield opened  # type: ignore[misc]


def test_profiles_are_kept_in_order_and_the_latest_is_in_use(log: SessionLog) -> None:
    assert log.profile() is None
    first = SymptomProfile(
        datetime(2026, 3, 1, 9, tzinfo=UTC),
        date(2026, 3, 1),
        "foot",
        "not_sure",
        {"extension": "up"},
    )
    second = SymptomProfile(
        datetime(2026, 3, 8, 9, tzinfo=UTC),
        date(2026, 3, 8),
        "thigh",
        LEANING_BACK,
        {"extension": "up", "flexion": "down"},
    )
    log.save_profile(first)
    log.save_profile(second)
    assert log.profiles() == [first, second]
    assert log.profile() == second


def test_a_leg_response_lives_on_its_step_and_a_redo_keeps_it(log: SessionLog) -> None:
    start = datetime(2026, 3, 2, 9, tzinfo=LONDON)
    session_id = log.start_session("core-stability", "Core", 600, 2, start)
    step = StepRecord(
        0, "work", "dead_bug", "Dead bug", 1, 1, None, 60, 60, None, None, "done", start
    )
    log.record_step(session_id, step)
    log.set_leg_response(session_id, 0, "worse")
    log.record_step(session_id, step)  # done again after "back"
    (answer,) = log.leg_responses()
    assert (answer.exercise_id, answer.response, answer.routine_id) == (
        "dead_bug",
        "worse",
        "core-stability",
    )
    with pytest.raises(LogError, match="no exercise step 5"):
        log.set_leg_response(session_id, 5, "same")
    with pytest.raises(ValueError):
        log.set_leg_response(session_id, 0, "awful")


def test_morning_checks_replace_each_other_and_go_with_their_session(log: SessionLog) -> None:
    session_id = run_session(log, datetime(2026, 3, 2, 9, tzinfo=LONDON))
    taken = datetime(2026, 3, 3, 7, tzinfo=UTC)
    log.record_morning_check(
        MorningCheck(session_id, "worse", 3, 6, "foot", taken, date(2026, 3, 3))
    )
    log.record_morning_check(
        MorningCheck(session_id, "same", 3, 3, "thigh", taken, date(2026, 3, 3))
    )
    assert log.morning_checks()[session_id].compared == "same"
    log.delete_session(session_id)
    assert log.morning_checks() == {}


def test_a_suggestion_is_offered_once_and_its_decision_kept(log: SessionLog) -> None:
    session_id = run_session(log, datetime(2026, 3, 2, 9, tzinfo=LONDON))
    for _ in range(2):
        log.offer_suggestion(
            session_id, rule="keep-after-amber", kind="keep", text="Keep it.", reason="Because."
        )
    decided = datetime(2026, 3, 2, 10, tzinfo=UTC)
    log.decide_suggestion(session_id, "keep-after-amber", "dismissed", decided)
    log.offer_suggestion(
        session_id, rule="keep-after-amber", kind="keep", text="Again.", reason="Again."
    )
    (kept,) = log.suggestions()
    assert (kept.text, kept.decision, kept.decided_at) == ("Keep it.", "dismissed", decided)
    with pytest.raises(LogError, match="no suggestion"):
        log.decide_suggestion(session_id, "nope", "accepted", decided)


def test_a_version_4_log_gains_the_symptom_tables_and_keeps_its_steps(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    for statements in schema.MIGRATIONS[:4]:
        for statement in statements:
            conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 4")
    conn.execute(
        """INSERT INTO sessions (routine_id, routine_name, started_at, local_date,
             utc_offset_minutes, ended_at, status, planned_seconds, planned_work_steps,
             active_seconds, notes)
           VALUES ('core-stability', 'Core', '2026-03-02T09:00:00+00:00', '2026-03-02', 0,
             '2026-03-02T09:10:00+00:00', 'completed', 600, 1, 600, '')"""
    )
    conn.execute(
        """INSERT INTO steps (session_id, step_index, kind, exercise_id, exercise_name,
             set_number, set_count, planned_seconds, actual_seconds, status, ended_at, variant)
           VALUES (1, 0, 'work', 'dead_bug', 'Dead bug', 1, 1, 60, 60, 'done',
             '2026-03-02T09:01:00+00:00', 'easier')"""
    )
    conn.commit()
    conn.close()
    with SessionLog(path) as log:
        (step,) = log.steps(1)
        assert (step.exercise_id, step.variant, step.leg_response) == ("dead_bug", "easier", None)
        log.set_leg_response(1, 0, "better")
        assert [r.response for r in log.leg_responses()] == ["better"]
        assert log.profile() is None and log.morning_checks() == {}
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == schema.SCHEMA_VERSION


# --- the coach's view ---------------------------------------------------------------------------


def test_the_morning_after_is_asked_on_the_next_local_day_only(log: SessionLog) -> None:
    # Saturday 30 March 2024, 23:30 GMT; the clocks go forward that night.
    late = datetime(2024, 3, 30, 23, 30, tzinfo=LONDON)
    session_id = run_session(log, late)
    assert coach.morning_due(log, date(2024, 3, 30)) is None  # the same day
    due = coach.morning_due(log, date(2024, 3, 31))
    assert due is not None and due.id == session_id
    assert coach.morning_due(log, date(2024, 4, 1)) is None  # a day skipped: too late to ask
    taken = datetime(2024, 3, 31, 8, tzinfo=LONDON)
    log.record_morning_check(MorningCheck(session_id, "same", 2, 3, "thigh", taken, taken.date()))
    assert coach.morning_due(log, date(2024, 3, 31)) is None


def test_the_morning_after_two_sessions_asks_about_the_later_one(log: SessionLog) -> None:
    run_session(log, datetime(2026, 3, 2, 8, tzinfo=LONDON))
    later = run_session(log, datetime(2026, 3, 2, 18, tzinfo=LONDON))
    due = coach.morning_due(log, date(2026, 3, 3))
    assert due is not None and due.id == later


def test_the_coach_offers_and_logs_suggestions_after_the_latest_session(log: SessionLog) -> None:
    first = run_session(log, datetime(2026, 3, 2, 9, tzinfo=LONDON), worse_after="dead_bug")
    second = run_session(log, datetime(2026, 3, 4, 9, tzinfo=LONDON), worse_after="dead_bug")
    view = coach.look(log, ROUTINES, date(2026, 3, 5))
    assert [light.session_id for light in view.lights] == [first, second]
    assert [light.colour for light in view.lights] == ["amber", "amber"]
    assert [flag.text for flag in view.flags] == ["Dead bug: leg worse 2 of 2 times"]
    rules = [s.rule for s in view.suggestions]
    assert rules == ["leave-out-worse-twice", "keep-after-amber"]
    assert all(s.session_id == second for s in view.suggestions)
    log.decide_suggestion(second, "keep-after-amber", "accepted", datetime(2026, 3, 5, tzinfo=UTC))
    again = coach.look(log, ROUTINES, date(2026, 3, 5))
    assert [s.rule for s in again.suggestions] == ["leave-out-worse-twice"]
    assert len(log.suggestions()) == 2  # offered once each, whatever the number of looks


def test_a_step_up_once_accepted_moves_on_to_the_next_exercise(log: SessionLog) -> None:
    day = datetime(2026, 3, 2, 9, tzinfo=LONDON)
    for offset in (0, 2):
        session_id = run_session(log, day + timedelta(days=offset))
        taken = day + timedelta(days=offset + 1)
        log.record_morning_check(
            MorningCheck(session_id, "same", 2, 3, "thigh", taken, taken.date())
        )
    (step_up,) = coach.look(log, ROUTINES, date(2026, 3, 5)).suggestions
    log.decide_suggestion(step_up.session_id, step_up.rule, "accepted", datetime.now(UTC))
    third = run_session(log, day + timedelta(days=4))
    taken = day + timedelta(days=5)
    log.record_morning_check(MorningCheck(third, "same", 2, 3, "thigh", taken, taken.date()))
    (next_one,) = coach.look(log, ROUTINES, date(2026, 3, 7)).suggestions
    assert next_one.kind == "step_up" and next_one.exercise_id != step_up.exercise_id


def test_leg_responses_and_morning_checks_survive_csv_export_and_import(tmp_path: Path) -> None:
    import io

    from sciatica_coach.core import csv_io

    start = datetime(2026, 3, 29, 0, 30, tzinfo=LONDON)  # the night the clocks go forward
    with SessionLog(tmp_path / "a.sqlite3") as log:
        session_id = run_session(log, start, worse_after="bird_dog")
        taken = datetime(2026, 3, 30, 7, 45, tzinfo=LONDON)
        log.record_morning_check(
            MorningCheck(session_id, "worse", 2, 6, "foot", taken, taken.date())
        )
        exported = io.StringIO()
        csv_io.export_csv(log, exported)
        original = (
            [(r.exercise_id, r.response) for r in log.leg_responses()],
            log.morning_checks()[session_id],
        )
    with SessionLog(tmp_path / "b.sqlite3") as other:
        summary = csv_io.import_csv(other, exported.getvalue())
        assert summary.sessions_added == 1
        (record,) = other.sessions()
        answers = [(r.exercise_id, r.response) for r in other.leg_responses()]
        morning = other.morning_checks()[record.id]
        again = io.StringIO()
        csv_io.export_csv(other, again)
    assert answers == original[0] == [("dead_bug", "same"), ("bird_dog", "worse")]
    assert (morning.compared, morning.back, morning.leg, morning.reach) == ("worse", 2, 6, "foot")
    assert morning.taken_at == original[1].taken_at and morning.local_date == date(2026, 3, 30)
    assert again.getvalue() == exported.getvalue()


def test_a_morning_check_without_its_answer_is_refused_naming_line_and_column(
    tmp_path: Path,
) -> None:
    from sciatica_coach.core import csv_io

    cells = dict.fromkeys(csv_io.COLUMNS, "")
    cells.update(
        started_at="2026-03-02T09:00:00+00:00", routine_id="r", status="completed", morning_leg="4"
    )
    text = ",".join(csv_io.COLUMNS) + "\n" + ",".join(cells[c] for c in csv_io.COLUMNS) + "\n"
    with SessionLog(tmp_path / "c.sqlite3") as log:
        with pytest.raises(csv_io.CsvImportError) as caught:
            csv_io.import_csv(log, text)
        assert log.sessions() == []
    assert "line 2" in str(caught.value) and "morning_compared" in str(caught.value)


def test_one_rule_may_suggest_leaving_out_two_exercises_and_each_is_answered_apart(
    log: SessionLog,
) -> None:
    for day in (2, 4):
        session_id = run_session(log, datetime(2026, 3, day, 9, tzinfo=LONDON))
        for index in (0, 1):
            log.set_leg_response(session_id, index, "worse")
    view = coach.look(log, ROUTINES, date(2026, 3, 5))
    leave = [s for s in view.suggestions if s.rule == "leave-out-worse-twice"]
    assert sorted(s.exercise_id or "" for s in leave) == ["bird_dog", "dead_bug"]
    first = leave[0]
    log.decide_suggestion(
        first.session_id,
        first.rule,
        "accepted",
        datetime.now(UTC),
        routine_id=first.routine_id,
        exercise_id=first.exercise_id,
    )
    decided = {s.exercise_id: s.decision for s in log.suggestions() if s.rule == first.rule}
    assert decided == {first.exercise_id: "accepted", leave[1].exercise_id: None}
    again = coach.look(log, ROUTINES, date(2026, 3, 5))
    assert [s.exercise_id for s in again.suggestions if s.rule == first.rule] == [
        leave[1].exercise_id
    ]


def test_a_stop_in_the_rest_after_an_exercise_offers_to_leave_that_exercise_out(
    log: SessionLog,
) -> None:
    start = datetime(2026, 3, 2, 9, tzinfo=LONDON)
    session_id = log.start_session("core-stability", "Core stability", 600, 2, start)
    done = StepRecord(
        1,
        "work",
        "dead_bug",
        "Dead bug",
        1,
        1,
        None,
        60,
        60,
        None,
        None,
        "done",
        start + timedelta(minutes=2),
    )
    rest = StepRecord(
        2,
        "rest",
        None,
        None,
        0,
        0,
        None,
        20,
        5,
        None,
        None,
        "stopped",
        start + timedelta(minutes=3),
    )
    log.record_step(session_id, done)
    log.record_step(session_id, rest)
    log.finish_session(
        session_id, "stopped", start + timedelta(minutes=3), 125, "pain_spreading", 2
    )
    view = coach.look(log, ROUTINES, date(2026, 3, 2))
    (leave,) = [s for s in view.suggestions if s.rule == "leave-out-after-red"]
    assert leave.exercise_id == "dead_bug" and "Dead bug" in leave.text

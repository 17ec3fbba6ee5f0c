"""The recorder against a real SQLite log, field by field: the session row it opens, each step
row as the engine ends it, pain, the leg's response, notes and the close (completed, stopped,
or left running), and what happens when the log refuses a write: every later write waits
behind it, in order, and the user is told once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.engine import Session
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.recorder import SessionRecorder, step_record
from sciatica_coach.core.records import LogError, PainCheck, StepRecord
from sciatica_coach.core.timeline import PREPARE, REST, SWITCH, WORK, Step, Timeline, expand_routine

T0 = 500.0
STARTED = datetime(2026, 3, 23, 9, 0, tzinfo=UTC)


def timeline() -> Timeline:
    """0 prepare 5 s; 1 bridge left 12 s; 2 switch 4 s; 3 bridge right 12 s; 4 rest 6 s;
    5 clam, 3 reps at 2 s (6 s)."""
    exercises = [
        exercise_table("bridge", hold=12, sides="both", rest_after=6, easier="Lower hips."),
        exercise_table("clam", mode="reps", reps=3, tempo=2, rest_after=0),
    ]
    routine = make_routine(
        {"exercise": "bridge"},
        {"exercise": "clam"},
        exercises=exercises,
        prepare=5,
        switch=4,
        id="hips",
        name="Hips and core",
    )
    made = expand_routine(routine)
    assert [(s.kind, s.seconds) for s in made.steps] == [
        (PREPARE, 5),
        (WORK, 12),
        (SWITCH, 4),
        (WORK, 12),
        (REST, 6),
        (WORK, 6),
    ]
    return made


class Wall:
    """The local time the recorder stamps rows with: one minute per call, from 09:00."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> datetime:
        moment = STARTED + timedelta(minutes=self.calls)
        self.calls += 1
        return moment


class Rig:
    def __init__(self, log: Any, **options: Any) -> None:
        self.now = T0
        self.wall = Wall()
        self.timeline = timeline()
        self.recorder = SessionRecorder(log, self.timeline, now=self.wall, **options)
        self.session = Session(
            self.timeline, lambda: self.now, on_step_end=self.recorder.record_step
        )

    def at(self, seconds: float) -> None:
        while self.now < T0 + seconds:
            self.now = min(T0 + seconds, self.now + 0.5)
            self.session.state()


# --- one step's row ---------------------------------------------------------------------------


def test_a_work_step_s_row_field_by_field() -> None:
    step = timeline().steps[3]
    ended = datetime(2026, 3, 23, 9, 4, tzinfo=UTC)
    assert step_record(step, "stopped", 7.123456, 2, ended, "easier") == StepRecord(
        step_index=3,
        kind="work",
        exercise_id="bridge",
        exercise_name="Bridge",
        set_number=1,
        set_count=1,
        side="right",
        planned_seconds=12.0,
        actual_seconds=7.123,
        reps_planned=None,
        reps_done=2,
        status="stopped",
        ended_at=ended,
        variant="easier",
    )


def test_a_paced_step_s_row_plans_its_reps() -> None:
    step = timeline().steps[5]
    ended = datetime(2026, 3, 23, 9, 4, tzinfo=UTC)
    record = step_record(step, "done", 5.9995, 3, ended)
    assert (record.exercise_id, record.reps_planned, record.reps_done, record.actual_seconds) == (
        "clam",
        3,
        3,
        6.0,
    )
    assert record.variant is None


@pytest.mark.parametrize("index", [0, 2, 4])
def test_a_rest_switch_or_prepare_row_names_no_exercise_and_no_version(index: int) -> None:
    step = timeline().steps[index]
    ended = datetime(2026, 3, 23, 9, 4, tzinfo=UTC)
    record = step_record(step, "skipped", 1.0, None, ended, "easier")
    assert (record.step_index, record.kind, record.planned_seconds) == (
        index,
        step.kind,
        step.seconds,
    )
    assert (record.exercise_id, record.exercise_name, record.reps_planned, record.variant) == (
        None,
        None,
        None,
        None,
    )


def test_a_rest_with_an_exercise_attached_still_names_none() -> None:
    bridge = timeline().steps[1].exercise
    rest = Step(4, REST, 6.0, exercise=bridge, reps=3)
    record = step_record(rest, "done", 6.0, None, STARTED, "harder")
    assert (record.exercise_id, record.exercise_name, record.reps_planned, record.variant) == (
        None,
        None,
        None,
        None,
    )


# --- a whole session in the log ---------------------------------------------------------------


def test_begin_opens_the_session_row_with_the_plan(log: SessionLog) -> None:
    rig = Rig(log)
    session_id = rig.recorder.begin()
    assert rig.recorder.session_id == session_id
    row = log.session(session_id)
    assert (row.routine_id, row.routine_name, row.status, row.started_at) == (
        "hips",
        "Hips and core",
        "in_progress",
        STARTED,
    )
    assert (row.planned_seconds, row.planned_work_steps, row.active_seconds) == (45, 3, 0)


def test_begin_when_resuming_opens_nothing_new(log: SessionLog) -> None:
    first = Rig(log).recorder.begin()
    again = Rig(log, session_id=first)
    assert again.recorder.begin() == first
    assert again.wall.calls == 0
    assert [s.id for s in log.sessions()] == [first]


def test_each_step_is_logged_as_it_ends_with_the_recorder_s_time(log: SessionLog) -> None:
    rig = Rig(log)
    session_id = rig.recorder.begin()
    rig.session.start()
    rig.at(19)
    rig.session.skip()
    steps = log.steps(session_id)
    assert [
        (s.step_index, s.kind, s.exercise_id, s.side, s.status, s.actual_seconds, s.ended_at)
        for s in steps
    ] == [
        (0, "prepare", None, None, "done", 5, STARTED + timedelta(minutes=1)),
        (1, "work", "bridge", "left", "done", 12, STARTED + timedelta(minutes=2)),
        (2, "switch", None, "right", "skipped", 2, STARTED + timedelta(minutes=3)),
    ]


def test_pain_leg_response_and_notes_reach_the_session(log: SessionLog) -> None:
    rig = Rig(log)
    session_id = rig.recorder.begin()
    rig.recorder.record_pain(PainCheck("before", 3, 5, "", "thigh"))
    rig.session.start()
    rig.at(17)
    rig.recorder.record_leg_response(1, "worse")
    rig.recorder.set_notes("Stiff after sitting.")
    row = log.session(session_id)
    assert row.pain_before == PainCheck("before", 3, 5, "", "thigh")
    assert log.pain_times(session_id) == {"before": STARTED + timedelta(minutes=1)}
    assert row.notes == "Stiff after sitting."
    assert [(s.step_index, s.leg_response) for s in log.steps(session_id)] == [
        (0, None),
        (1, "worse"),
    ]


def test_a_finished_session_closes_completed_with_its_active_time(log: SessionLog) -> None:
    rig = Rig(log, prior_seconds=100.2504)  # kept to the millisecond
    session_id = rig.recorder.begin()
    rig.session.start()
    rig.at(3)
    rig.session.pause()
    rig.now += 30
    rig.session.resume()
    rig.at(33 + 42)
    rig.recorder.finish(rig.session)
    row = log.session(session_id)
    assert (row.status, row.stop_reason, row.stop_step, row.active_seconds) == (
        "completed",
        None,
        None,
        145.25,
    )
    assert row.ended_at == STARTED + timedelta(minutes=7)
    assert [
        (s.step_index, s.reps_planned, s.reps_done) for s in log.steps(session_id) if s.kind == WORK
    ] == [(1, None, None), (3, None, None), (5, 3, 3)]
    assert rig.recorder.finished is True


def test_a_stopped_session_closes_with_its_reason_and_step(log: SessionLog) -> None:
    rig = Rig(log)
    session_id = rig.recorder.begin()
    rig.session.start()
    rig.at(8.5)
    rig.session.stop("pain_spreading")
    rig.recorder.finish(rig.session)
    row = log.session(session_id)
    assert (row.status, row.stop_reason, row.stop_step, row.active_seconds) == (
        "stopped",
        "pain_spreading",
        1,
        8.5,
    )


def test_a_session_closed_while_still_running_is_stopped_by_the_user(log: SessionLog) -> None:
    rig = Rig(log)
    session_id = rig.recorder.begin()
    rig.session.start()
    rig.at(2)
    rig.recorder.finish(rig.session)
    row = log.session(session_id)
    assert (row.status, row.stop_reason, row.stop_step, row.active_seconds) == (
        "stopped",
        "user",
        None,
        2,
    )


def test_finish_closes_once(log: SessionLog) -> None:
    rig = Rig(log)
    session_id = rig.recorder.begin()
    rig.session.start()
    rig.at(2)
    rig.session.stop("tired")
    rig.recorder.finish(rig.session)
    rig.recorder.finish(rig.session)  # the log would refuse a second close
    assert rig.recorder.problem is None
    assert log.session(session_id).stop_reason == "tired"


def test_nothing_is_written_before_begin() -> None:
    rig = Rig(None)
    for write in (
        lambda: rig.recorder.record_pain(PainCheck("before", 1, 1)),
        lambda: rig.recorder.record_leg_response(1, "same"),
        lambda: rig.recorder.set_notes("x"),
        lambda: rig.recorder.finish(rig.session),
    ):
        with pytest.raises(RuntimeError) as raised:
            write()
        assert str(raised.value) == "the session has not begun"
    assert rig.recorder.finished is False


# --- a log that refuses writes ----------------------------------------------------------------


class Refusing:
    """A real log that refuses every write while ``refusing`` is set."""

    def __init__(self, log: SessionLog) -> None:
        self.log = log
        self.refusing = False
        self.tries = 0

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self.log, name)

        def write(*args: Any) -> Any:
            self.tries += 1
            if self.refusing:
                raise LogError(f"The disk is full ({name}).")
            return method(*args)

        return write


def test_a_refused_write_keeps_every_later_one_behind_it_in_order(log: SessionLog) -> None:
    told: list[str] = []
    refusing = Refusing(log)
    rig = Rig(refusing, on_problem=told.append)
    session_id = rig.recorder.begin()
    rig.session.start()
    refusing.refusing = True
    rig.at(5)
    assert told == ["The disk is full (record_step)."]
    assert (rig.recorder.problem, rig.recorder.unsaved) == ("The disk is full (record_step).", 1)
    tries = refusing.tries
    rig.recorder.record_pain(PainCheck("before", 2, 2))
    rig.recorder.set_notes("later")
    assert refusing.tries == tries  # queued behind the refused write, not tried out of turn
    assert rig.recorder.unsaved == 3
    assert rig.recorder.flush() is False
    assert told == ["The disk is full (record_step)."]  # told once, not at every retry
    assert rig.recorder.unsaved == 3
    assert log.steps(session_id) == []

    refusing.refusing = False
    assert rig.recorder.flush() is True
    assert (rig.recorder.problem, rig.recorder.unsaved) == (None, 0)
    assert [s.step_index for s in log.steps(session_id)] == [0]
    assert log.session(session_id).notes == "later"
    assert log.session(session_id).pain_before == PainCheck("before", 2, 2)


def test_a_new_problem_after_a_recovery_is_told_again(log: SessionLog) -> None:
    told: list[str] = []
    refusing = Refusing(log)
    rig = Rig(refusing, on_problem=told.append)
    rig.recorder.begin()
    refusing.refusing = True
    rig.recorder.set_notes("one")
    refusing.refusing = False
    rig.recorder.flush()
    refusing.refusing = True
    rig.recorder.set_notes("two")
    assert told == ["The disk is full (set_notes).", "The disk is full (set_notes)."]


def test_a_refused_write_without_a_listener_is_kept_quietly(log: SessionLog) -> None:
    refusing = Refusing(log)
    rig = Rig(refusing)
    rig.recorder.begin()
    refusing.refusing = True
    rig.recorder.set_notes("kept")
    assert (rig.recorder.problem, rig.recorder.unsaved) == ("The disk is full (set_notes).", 1)


def test_a_refused_opening_write_is_raised(log: SessionLog) -> None:
    refusing = Refusing(log)
    refusing.refusing = True
    rig = Rig(refusing)
    with pytest.raises(LogError) as raised:
        rig.recorder.begin()
    assert str(raised.value) == "The disk is full (start_session)."
    assert rig.recorder.session_id is None


def test_a_refused_close_is_kept_and_the_session_counts_as_finished(log: SessionLog) -> None:
    refusing = Refusing(log)
    rig = Rig(refusing)
    session_id = rig.recorder.begin()
    rig.session.start()
    rig.at(1)
    refusing.refusing = True
    rig.session.stop("tired")
    rig.recorder.finish(rig.session)
    assert (rig.recorder.finished, rig.recorder.unsaved) == (True, 2)
    refusing.refusing = False
    assert rig.recorder.flush() is True
    assert log.session(session_id).status == "stopped"

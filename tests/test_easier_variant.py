"""The Easier toggle in the core: which steps it covers, and what the log and CSV keep."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core import csv_io
from sciatica_coach.core.engine import Session, StepOutcome
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.recorder import SessionRecorder
from sciatica_coach.core.records import StepRecord
from sciatica_coach.core.timeline import WORK, Step, Timeline, expand_routine
from sciatica_coach.core.variants import EASIER, VariantChoice


class FakeClock:
    def __init__(self) -> None:
        self.now = 50.0

    def __call__(self) -> float:
        return self.now


def run_for(session: Session, clock: FakeClock, seconds: float) -> None:
    """Poll a few times a second, as the player does (a long gap would look like sleep)."""
    end = clock.now + seconds
    while clock.now < end:
        clock.now = min(end, clock.now + 0.5)
        session.state()


def three_exercises() -> Timeline:
    """Stretch (both sides, 2 sets), bridge (no easier version), then plank."""
    exercises = [
        exercise_table("stretch", hold=20, sets=2, sides="both", easier="Bend the knee more."),
        exercise_table("bridge", hold=10),
        exercise_table("plank", hold=15, easier="Do it on your knees."),
    ]
    blocks = [{"exercise": e["id"]} for e in exercises]
    return expand_routine(make_routine(*blocks, exercises=exercises))


def work_steps(timeline: Timeline, exercise_id: str) -> list[Step]:
    return [
        s for s in timeline.steps if s.kind == WORK and s.exercise and s.exercise.id == exercise_id
    ]


def skip_to(session: Session, exercise_id: str) -> None:
    while (step := session.current_step) is not None and not (
        step.kind == WORK and step.exercise is not None and step.exercise.id == exercise_id
    ):
        session.skip()


def test_easier_for_this_exercise_covers_every_set_and_side_of_it_only() -> None:
    timeline = three_exercises()
    choice = VariantChoice()
    first = work_steps(timeline, "stretch")[0]
    assert choice.toggle_exercise(first) is True
    assert [choice.variant(s) for s in work_steps(timeline, "stretch")] == [EASIER] * 4
    assert choice.variant(work_steps(timeline, "plank")[0]) is None
    assert choice.toggle_exercise(work_steps(timeline, "stretch")[3]) is False
    assert [choice.variant(s) for s in work_steps(timeline, "stretch")] == [None] * 4


def test_rest_of_session_covers_later_exercises_but_not_earlier_ones() -> None:
    timeline = three_exercises()
    choice = VariantChoice()
    bridge = work_steps(timeline, "bridge")[0]
    assert choice.toggle_rest_of_session(bridge) is True
    assert choice.rest_of_session
    assert all(choice.variant(s) is None for s in work_steps(timeline, "stretch"))
    # The bridge has no easier version, so it stays as written; the plank after it changes.
    assert choice.variant(bridge) is None
    assert choice.variant(work_steps(timeline, "plank")[0]) == EASIER
    assert choice.toggle_rest_of_session(bridge) is False
    assert choice.variant(work_steps(timeline, "plank")[0]) is None


def test_one_exercise_can_go_back_to_as_written_inside_an_easier_rest_of_session() -> None:
    timeline = three_exercises()
    choice = VariantChoice()
    stretch = work_steps(timeline, "stretch")
    choice.toggle_rest_of_session(stretch[0])
    assert choice.toggle_exercise(stretch[1]) is False
    assert [choice.variant(s) for s in stretch] == [None] * 4
    assert choice.variant(work_steps(timeline, "plank")[0]) == EASIER


def test_exercise_without_an_easier_version_cannot_be_switched() -> None:
    timeline = three_exercises()
    clock = FakeClock()
    session = Session(timeline, clock)
    session.start()
    skip_to(session, "bridge")
    assert session.toggle_easier() is None
    assert session.variants.variant(work_steps(timeline, "bridge")[0]) is None


def test_during_a_rest_the_choice_is_about_the_exercise_coming_up() -> None:
    timeline = three_exercises()
    clock = FakeClock()
    session = Session(timeline, clock)
    session.start()
    assert session.current_step is not None and session.current_step.kind != WORK  # get ready
    target = session.easier_target
    assert target is not None and target.exercise is not None
    assert target.exercise.id == "stretch"
    assert session.toggle_easier() is True
    assert session.variants.applies(work_steps(timeline, "stretch")[0])


def test_engine_reports_the_variant_each_step_ended_in() -> None:
    timeline = three_exercises()
    clock = FakeClock()
    outcomes: list[StepOutcome] = []
    session = Session(timeline, clock, on_step_end=outcomes.append)
    session.start()
    skip_to(session, "stretch")
    session.toggle_easier()
    run_for(session, clock, 20.5)  # the first set ends on its own, easier
    assert session.toggle_easier() is False  # back to as written from the second set on
    skip_to(session, "plank")
    session.toggle_easier(rest_of_session=True)
    session.stop("tired")
    work = [(o.step.exercise.id, o.status, o.variant) for o in outcomes if o.step.kind == WORK]
    assert work[0] == ("stretch", "done", EASIER)
    assert all(v is None for _, _, v in work[1:-1])
    assert work[-1] == ("plank", "stopped", EASIER)


def test_log_keeps_the_variant_and_a_better_redo_replaces_it(tmp_path: Path) -> None:
    timeline = three_exercises()
    clock = FakeClock()
    with SessionLog(tmp_path / "log.sqlite3") as log:
        recorder = SessionRecorder(log, timeline)
        recorder.begin()
        session = Session(timeline, clock, on_step_end=recorder.record_step)
        session.start()
        skip_to(session, "stretch")
        session.toggle_easier()
        run_for(session, clock, 20.5)  # the first set, left side, ends easier
        assert recorder.session_id is not None
        steps = log.steps(recorder.session_id)
        assert [(s.exercise_id, s.side, s.variant) for s in steps if s.kind == WORK] == [
            ("stretch", "left", EASIER)
        ]
        assert all(s.variant is None for s in steps if s.kind != WORK)
        # Back to that set and do it as written: the redo's variant is what is kept.
        session.back()
        session.toggle_easier()
        run_for(session, clock, 20.5)
        work = [s for s in log.steps(recorder.session_id) if s.kind == WORK]
        assert [(s.side, s.status, s.variant) for s in work] == [("left", "done", None)]


def test_variant_survives_csv_export_and_import(tmp_path: Path) -> None:
    timeline = three_exercises()
    clock = FakeClock()
    with SessionLog(tmp_path / "a.sqlite3") as log:
        recorder = SessionRecorder(log, timeline)
        session_id = recorder.begin()
        session = Session(timeline, clock, on_step_end=recorder.record_step)
        session.start()
        skip_to(session, "stretch")
        session.toggle_easier()
        run_for(session, clock, 20.5)  # left side, easier
        session.toggle_easier()  # the right side as written
        run_for(session, clock, 25.5)
        session.stop("tired")
        recorder.finish(session)
        exported = io.StringIO()
        csv_io.export_csv(log, exported)
    text = exported.getvalue()
    assert "variant" in text.splitlines()[0].split(",")
    with SessionLog(tmp_path / "b.sqlite3") as other:
        csv_io.import_csv(other, text)
        (record,) = other.sessions()
        steps = other.steps(record.id)
    variants = {(s.exercise_id, s.set_number, s.side): s.variant for s in steps if s.kind == WORK}
    assert variants[("stretch", 1, "left")] == EASIER
    assert variants[("stretch", 1, "right")] is None
    assert session_id is not None


def test_unknown_variant_in_a_csv_is_refused_with_its_line_and_column(tmp_path: Path) -> None:
    header = ",".join(csv_io.COLUMNS)
    cells = dict.fromkeys(csv_io.COLUMNS, "")
    cells.update(
        started_at="2026-11-02T09:00:00+00:00",
        routine_id="r",
        routine_name="R",
        status="completed",
        step_index="0",
        step_kind="work",
        step_status="done",
        variant="tougher",
    )
    text = header + "\n" + ",".join(cells[c] for c in csv_io.COLUMNS) + "\n"
    with SessionLog(tmp_path / "c.sqlite3") as log:
        with pytest.raises(csv_io.CsvImportError) as caught:
            csv_io.import_csv(log, text)
        assert log.sessions() == []
    message = str(caught.value)
    assert "line 2" in message and "variant" in message and "tougher" in message


def test_step_record_refuses_an_unknown_variant() -> None:
    with pytest.raises(ValueError, match="variant"):
        StepRecord(0, "work", "x", "X", 1, 1, None, 10, 10, None, None, "done",
                   datetime(2026, 1, 1, tzinfo=UTC), variant="tougher")  # fmt: skip


def test_a_harder_version_chosen_beforehand_is_logged_unless_made_easier() -> None:
    timeline = three_exercises()
    exercises = {s.exercise.id: s.exercise for s in timeline.steps if s.exercise}
    # Only an exercise with a harder version can run harder; the stretch has none here.
    assert exercises["plank"].harder is None
    clock = FakeClock()
    outcomes: list[StepOutcome] = []
    harder_plank = expand_routine(
        make_routine(
            {"exercise": "plank"},
            {"exercise": "bridge"},
            exercises=[
                exercise_table("plank", hold=15, easier="On your knees.", harder="Lift a leg."),
                exercise_table("bridge", hold=10, harder="One foot."),
            ],
        )
    )
    session = Session(
        harder_plank,
        clock,
        on_step_end=outcomes.append,
        variants=VariantChoice(harder=frozenset({"plank", "bridge"})),
    )
    session.start()
    skip_to(session, "plank")
    assert session.variants.is_harder(session.current_step)
    session.toggle_easier()  # easier wins over a harder version chosen beforehand
    session.skip()
    skip_to(session, "bridge")
    session.skip()
    work = [(o.step.exercise.id, o.variant) for o in outcomes if o.step.kind == WORK]
    assert work == [("plank", EASIER), ("bridge", "harder")]


def test_easier_from_the_start_covers_every_exercise_until_switched_off() -> None:
    timeline = three_exercises()
    choice = VariantChoice(easier_from_start=True)
    assert choice.rest_of_session
    assert choice.variant(work_steps(timeline, "stretch")[0]) == EASIER
    assert choice.variant(work_steps(timeline, "plank")[0]) == EASIER

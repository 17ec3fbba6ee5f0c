"""Cautions, easier and harder reach the user outside the player: the routine page, the
session summary and ``sciatica-coach plan``."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from sciatica_coach.cli import main
from sciatica_coach.core.engine import Session
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.recorder import SessionRecorder
from sciatica_coach.core.timeline import WORK, expand_routine
from sciatica_coach.core.words import first_caution
from sciatica_coach.report.html import session_summary_html
from sciatica_coach.report.summary import summarise_session
from sciatica_coach.ui.routines import RoutinesView

LIBRARY = load_library(None)
BUILT_IN = sorted(r.id for r in LIBRARY.routines.values() if r.builtin)


class FakeClock:
    def __init__(self) -> None:
        self.now = 10.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("routine_id", BUILT_IN)
def test_plan_prints_every_caution_and_both_variants_of_each_exercise(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], routine_id: str
) -> None:
    assert main(["--data-dir", str(tmp_path), "plan", routine_id]) == 0
    out = capsys.readouterr().out
    cautions = out[out.index("\nTake care\n") :]
    routine = LIBRARY.routines[routine_id]
    for exercise in {block.exercise.id: block.exercise for block in routine.blocks}.values():
        assert cautions.count(f"\n{exercise.name}:\n") == 1, exercise.id
        for caution in exercise.cautions:
            assert f"  - {caution}" in cautions
        assert f"  Easier: {exercise.easier}" in cautions
        assert f"  Harder: {exercise.harder}" in cautions


@pytest.mark.parametrize("routine_id", BUILT_IN)
def test_routine_page_shows_who_it_is_for_and_a_caution_under_each_exercise(
    qtbot: QtBot, routine_id: str
) -> None:
    view = RoutinesView(LIBRARY)
    qtbot.addWidget(view)
    view.select(routine_id)
    routine = LIBRARY.routines[routine_id]
    assert routine.who_for in view.audience.text() and routine.not_for in view.audience.text()
    lines = view.exercises.text().splitlines()
    for number, block in enumerate(routine.blocks, 1):
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{number}.  "))
        assert block.exercise.name in lines[at]
        assert lines[at + 1].strip() == first_caution(block.exercise)


def run_with_first_exercise_easier(log: SessionLog, library: Library, routine_id: str) -> int:
    """Run ``routine_id`` on a fake clock, the first exercise switched to easier, every step
    done by skipping straight through except the first exercise's, which run their time."""
    timeline = expand_routine(library.routines[routine_id])
    clock = FakeClock()
    moments = iter(datetime(2026, 5, 4, 9, 0, second, tzinfo=UTC) for second in range(60))
    recorder = SessionRecorder(log, timeline, now=lambda: next(moments))
    session_id = recorder.begin()
    session = Session(timeline, clock, on_step_end=recorder.record_step)
    session.start()
    assert session.toggle_easier() is True
    first = timeline.steps[1].exercise
    assert first is not None
    while (step := session.current_step) is not None:
        if step.kind == WORK and step.exercise is first and not step.self_paced:
            while session.current_step is step:
                clock.now += 0.5
                session.state()
        elif step.self_paced:
            session.mark_done()
        else:
            session.skip()
    recorder.finish(session)
    return session_id


def test_summary_lists_each_exercise_with_its_caution_and_what_was_done_easier(
    tmp_path: Path,
) -> None:
    with SessionLog(tmp_path / "log.sqlite3") as log:
        session_id = run_with_first_exercise_easier(log, LIBRARY, "core-stability")
        summary = summarise_session(log, LIBRARY, session_id)
    routine = LIBRARY.routines["core-stability"]
    assert [line.exercise_id for line in summary.exercises] == [
        b.exercise.id for b in routine.blocks
    ]
    for line, block in zip(summary.exercises, routine.blocks, strict=True):
        assert line.caution == first_caution(block.exercise)
    first, *rest = summary.exercises
    assert first.easier_steps == first.done_steps > 0
    assert all(line.easier_steps == 0 for line in rest)
    html = session_summary_html(summary)
    for block in routine.blocks:
        assert escape(first_caution(block.exercise)) in html
    assert html.count(">easier</span>") == 1


def test_summary_of_an_exercise_no_longer_known_has_no_caution(tmp_path: Path) -> None:
    with SessionLog(tmp_path / "log.sqlite3") as log:
        session_id = run_with_first_exercise_easier(log, LIBRARY, "core-stability")
        forgotten = Library({}, {}, [])
        summary = summarise_session(log, forgotten, session_id)
    assert summary.exercises and all(line.caution == "" for line in summary.exercises)
    assert "Take care" not in session_summary_html(summary)


def test_a_practice_session_is_summarised_against_its_plan(tmp_path: Path) -> None:
    from sciatica_coach.core.exercise_search import practice_routine

    exercise = LIBRARY.exercises["bird_dog"]  # alternating sides: only the plan knows
    routine = practice_routine(exercise)
    timeline = expand_routine(routine)
    clock = FakeClock()
    moments = iter(datetime(2026, 5, 4, 9, 0, second, tzinfo=UTC) for second in range(60))
    with SessionLog(tmp_path / "log.sqlite3") as log:
        recorder = SessionRecorder(log, timeline, now=lambda: next(moments))
        session_id = recorder.begin()
        session = Session(timeline, clock, on_step_end=recorder.record_step)
        session.start()
        session.skip()  # the get-ready countdown
        session.stop("tired")  # during the first set: the rest were never reached
        recorder.finish(session)
        summary = summarise_session(log, LIBRARY, session_id)
    (line,) = summary.exercises
    assert line.exercise_id == "bird_dog" and line.caution == first_caution(exercise)
    assert line.alternating  # read from the routine's plan, not guessed from the steps
    assert line.planned_steps == sum(1 for s in timeline.steps if s.kind == WORK)
    assert line.done_steps == 0 and line.not_reached == line.planned_steps

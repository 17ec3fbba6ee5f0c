"""What a session summary shows, gathered from the log (no Qt, no HTML).

Each exercise of the session becomes one line: its plan (sets, sides, a hold or reps) against
what was done and skipped. When the routine still expands to the steps the session was run
with, exercises the session never reached are listed too; otherwise the plan comes from the
recorded steps alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from sciatica_coach.core import stats
from sciatica_coach.core.exercise_search import find_routine
from sciatica_coach.core.library import Library
from sciatica_coach.core.library_text import shown_exercise_name
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import DONE, SKIPPED, SessionRecord, StepRecord
from sciatica_coach.core.stats import WeekAdherence
from sciatica_coach.core.timeline import WORK, Step, expand_routine
from sciatica_coach.core.variants import EASIER
from sciatica_coach.core.words import first_caution, outcome_line
from sciatica_coach.i18n import _


@dataclass(frozen=True)
class ExerciseLine:
    """One exercise of a session: planned against done."""

    exercise_id: str | None
    name: str
    set_count: int
    sides: tuple[str, ...]  # ("left", "right") when each side is worked in turn
    alternating: bool
    hold_seconds: float | None  # planned hold per set (None for reps)
    reps: int | None  # planned reps per set (per side when alternating)
    planned_steps: int
    done_steps: int
    skipped_steps: int
    held_seconds: float | None  # average time held over the done sets
    reps_done: int | None  # reps counted over the done sets, if any were counted
    caution: str = ""  # "Take care: ...", the exercise's first caution, when it is known
    easier_steps: int = 0  # done sets the user switched to the easier version

    @property
    def not_reached(self) -> int:
        return max(0, self.planned_steps - self.done_steps - self.skipped_steps)


@dataclass(frozen=True)
class SessionSummary:
    session: SessionRecord
    exercises: tuple[ExerciseLine, ...]
    week: WeekAdherence  # the session's week, against the plan in effect that week
    week_days: tuple[bool, ...]  # Monday to Sunday: a session counting towards the plan
    outcome: str = ""  # "Stopped during Bridge after 8 s: sharp pain", from core.words


def summarise_session(log: SessionLog, library: Library, session_id: int) -> SessionSummary:
    """Raises LogError if there is no such session."""
    session = log.session(session_id)
    all_steps = log.steps(session_id)
    steps = [step for step in all_steps if step.kind == WORK]
    planned = _planned_steps(library, session, steps)
    exercises = _lines_from_plan(planned, steps) if planned else _lines_from_steps(steps)
    exercises = [_with_caution(line, library) for line in exercises]
    monday = stats.week_start(session.local_date)
    week = stats.week_of(log, session.local_date)
    done_days = {
        totals.period_start
        for totals in log.day_totals(monday, monday + timedelta(days=6))
        if totals.adherent
    }
    days = tuple(monday + timedelta(days=n) in done_days for n in range(7))
    return SessionSummary(
        session, tuple(exercises), week, days, outcome=outcome_line(session, all_steps)
    )


def _with_caution(line: ExerciseLine, library: Library) -> ExerciseLine:
    """The line with its exercise's first caution, from the catalog or the routine that
    defines the exercise; an exercise no longer known keeps none."""
    exercise = library.exercises.get(line.exercise_id or "")
    if exercise is None:
        exercise = next(
            (
                block.exercise
                for routine in library.routines.values()
                for block in routine.blocks
                if block.exercise.id == line.exercise_id
            ),
            None,
        )
    return replace(line, caution=first_caution(exercise)) if exercise else line


def _planned_steps(
    library: Library, session: SessionRecord, recorded: Sequence[StepRecord]
) -> list[Step] | None:
    """The routine's work steps, if they still match the steps this session was run with."""
    routine = find_routine(library, session.routine_id)  # a practice session too
    if routine is None:
        return None
    timeline = expand_routine(routine)
    if timeline.work_steps != session.planned_work_steps:
        return None
    by_index = {step.index: step for step in timeline.steps}
    for record in recorded:
        step = by_index.get(record.step_index)
        if step is None or step.kind != WORK or step.exercise is None:
            return None
        if step.exercise.id != record.exercise_id or step.side != record.side:
            return None
    return [step for step in timeline.steps if step.kind == WORK]


def _lines_from_plan(planned: Sequence[Step], recorded: Sequence[StepRecord]) -> list[ExerciseLine]:
    by_index = {record.step_index: record for record in recorded}
    blocks: dict[int, list[Step]] = {}
    for step in planned:
        blocks.setdefault(step.block_index, []).append(step)
    lines = []
    for block in blocks.values():
        first = block[0]
        assert first.exercise is not None
        records = [by_index[step.index] for step in block if step.index in by_index]
        sides = tuple(dict.fromkeys(step.side for step in block if step.side))
        lines.append(
            _line(
                first.exercise.id,
                first.exercise.name,
                first.set_count,
                sides,
                first.alternating,
                None if first.reps is not None else first.seconds,
                first.reps,
                len(block),
                records,
            )
        )
    return lines


def _lines_from_steps(recorded: Sequence[StepRecord]) -> list[ExerciseLine]:
    groups: list[list[StepRecord]] = []
    for record in recorded:
        if not groups or groups[-1][0].exercise_id != record.exercise_id:
            groups.append([])
        groups[-1].append(record)
    lines = []
    for group in groups:
        first = group[0]
        sides = tuple(dict.fromkeys(record.side for record in group if record.side))
        set_count = max(record.set_count for record in group)
        lines.append(
            _line(
                first.exercise_id,
                shown_exercise_name(
                    first.exercise_id, first.exercise_name or first.exercise_id or _("Exercise")
                ),
                set_count,
                sides,
                False,
                None if first.reps_planned is not None else first.planned_seconds,
                first.reps_planned,
                max(len(group), set_count * max(1, len(sides))),
                group,
            )
        )
    return lines


def _line(
    exercise_id: str | None,
    name: str,
    set_count: int,
    sides: tuple[str, ...],
    alternating: bool,
    hold_seconds: float | None,
    reps: int | None,
    planned_steps: int,
    records: Sequence[StepRecord],
) -> ExerciseLine:
    done = [record for record in records if record.status == DONE]
    counted = [record.reps_done for record in done if record.reps_done is not None]
    held = (
        sum(record.actual_seconds for record in done) / len(done)
        if done and hold_seconds is not None
        else None
    )
    return ExerciseLine(
        exercise_id=exercise_id,
        name=name,
        set_count=set_count,
        sides=sides,
        alternating=alternating,
        hold_seconds=hold_seconds,
        reps=reps,
        planned_steps=planned_steps,
        done_steps=len(done),
        skipped_steps=sum(1 for record in records if record.status == SKIPPED),
        held_seconds=held,
        reps_done=sum(counted) if counted else None,
        easier_steps=sum(1 for record in done if record.variant == EASIER),
    )

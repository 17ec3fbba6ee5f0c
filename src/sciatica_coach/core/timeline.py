"""Expand a routine into the flat list of steps the player walks through."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sciatica_coach.i18n import _

if TYPE_CHECKING:  # the step kinds (colours) need no catalog
    from sciatica_coach.core.catalog import Block, Exercise, Routine

PREPARE = "prepare"
WORK = "work"
REST = "rest"
SWITCH = "switch"

SELF_PACED_SECONDS_PER_REP = 4.0


@dataclass(frozen=True)
class Step:
    """One thing to do for a while: get ready, work, rest, or change sides."""

    index: int
    kind: str
    seconds: float
    exercise: Exercise | None = None
    set_number: int = 0
    set_count: int = 0
    side: str | None = None
    reps: int | None = None
    tempo: float | None = None
    self_paced: bool = False
    alternating: bool = False
    block_index: int = -1

    @property
    def timed(self) -> bool:
        """Timed steps end by themselves; self-paced ones wait for "done"."""
        return not self.self_paced

    @property
    def title(self) -> str:
        if self.kind == PREPARE:
            return _("Get ready")
        if self.kind == REST:
            return _("Rest")
        if self.kind == SWITCH:
            return _("Switch sides")
        assert self.exercise is not None
        return self.exercise.name

    def rep_cue_times(self) -> tuple[float, ...]:
        """Seconds into the step at which each paced repetition starts."""
        if self.kind != WORK or self.tempo is None or self.reps is None:
            return ()
        count = self.reps * (
            2 if self.exercise and self.exercise.dose.sides == "alternating" else 1
        )
        return tuple(round(i * self.tempo, 6) for i in range(count))


@dataclass(frozen=True)
class Timeline:
    routine: Routine
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> float:
        """Planned length, with self-paced reps at their estimate."""
        return sum(step.seconds for step in self.steps)

    @property
    def work_steps(self) -> int:
        return sum(1 for step in self.steps if step.kind == WORK)

    def next_work_step(self, after: int) -> Step | None:
        return next((s for s in self.steps[after + 1 :] if s.kind == WORK), None)

    def seconds_from(self, index: int) -> float:
        return sum(step.seconds for step in self.steps[index:])


def work_seconds(block: Block) -> tuple[float, bool]:
    """Seconds one work step takes, and whether it is self-paced (seconds then an estimate)."""
    dose = block.dose
    if dose.mode == "hold":
        assert dose.hold is not None
        return dose.hold, False
    assert dose.reps is not None
    movements = dose.reps * (2 if dose.sides == "alternating" else 1)
    if dose.tempo is None:
        return movements * SELF_PACED_SECONDS_PER_REP, True
    return movements * dose.tempo, False


def side_order(routine: Routine, sides: str) -> tuple[str | None, ...]:
    """The sides a set is done on: for ``sides = "both"`` left then right, or the affected
    side first when the routine's prescription names one, or that side alone when it says so;
    one unsided step otherwise."""
    if sides != "both":
        return (None,)
    prescription = routine.prescription
    affected = prescription.affected_side if prescription else None
    if prescription is None or affected not in ("left", "right"):
        return ("left", "right")
    if prescription.affected_side_only:
        return (affected,)
    return (affected, "right" if affected == "left" else "left")


def expand_routine(routine: Routine) -> Timeline:
    """Prepare, then each block's sets and sides with switches and rests; no rest at the end."""
    steps: list[Step] = []
    if routine.prepare_seconds > 0:
        # equivalent mutant: a placeholder index; every step is renumbered below
        steps.append(Step(0, PREPARE, routine.prepare_seconds))
    for block_index, block in enumerate(routine.blocks):
        dose = block.dose
        seconds, self_paced = work_seconds(block)
        sides = side_order(routine, dose.sides)
        for set_number in range(1, dose.sets + 1):
            for side_index, side in enumerate(sides):
                if side_index > 0 and routine.switch_seconds > 0:
                    # equivalent mutant: a placeholder index; every step is renumbered below
                    switch = Step(0, SWITCH, routine.switch_seconds, block.exercise, side=side)
                    steps.append(switch)
                work = Step(
                    # equivalent mutant: a placeholder index; every step is renumbered below
                    0,
                    WORK,
                    seconds,
                    exercise=block.exercise,
                    set_number=set_number,
                    set_count=dose.sets,
                    side=side,
                    reps=dose.reps,
                    tempo=dose.tempo,
                    self_paced=self_paced,
                    alternating=dose.sides == "alternating",
                    block_index=block_index,
                )
                steps.append(work)
            if set_number < dose.sets and dose.rest > 0:
                # equivalent mutant: a placeholder index; every step is renumbered below
                steps.append(Step(0, REST, dose.rest, block_index=block_index))
        if dose.rest_after > 0:
            # equivalent mutant: a placeholder index; every step is renumbered below
            steps.append(Step(0, REST, dose.rest_after, block_index=block_index))
    while steps and steps[-1].kind != WORK:
        steps.pop()
    numbered = tuple(replace(step, index=index) for index, step in enumerate(steps))
    return Timeline(routine=routine, steps=numbered)


def exercise_just_finished(steps: Sequence[Step], index: int) -> Step | None:
    """For the rest at ``index`` that follows the last set of an exercise (not a rest between
    its sets), that exercise's last step; otherwise None. The leg question is asked there."""
    if not 0 < index < len(steps) or steps[index].kind != REST:
        return None
    before = steps[index - 1]
    if before.kind != WORK:
        return None
    following = next((s for s in steps[index + 1 :] if s.kind == WORK), None)
    if following is not None and following.block_index == before.block_index:
        return None
    return before

"""Which version of each exercise a running session uses: as written, easier or harder.

Harder versions are chosen before the session starts (a step up the user took from the
coach), for whole exercises by id. The player's Easier toggle works during it, at two scopes,
and wins over a chosen harder version. "This exercise" covers every set and side of
the exercise on screen (a right side harder than the left would be odd); "the rest of the
session" covers it and every exercise after it. An exercise with no easier version always
runs as written. The choice changes the words on screen and the variant the log keeps for
each step; it never changes the timing.
"""

from __future__ import annotations

from sciatica_coach.core.timeline import WORK, Step

EASIER = "easier"
HARDER = "harder"
VARIANTS = frozenset({EASIER, HARDER})


def has_easier(step: Step | None) -> bool:
    """Whether ``step`` is an exercise with an easier version to switch to."""
    return (
        step is not None
        and step.kind == WORK
        and step.exercise is not None
        and bool(step.exercise.easier)
    )


class VariantChoice:
    """The versions one session uses, asked about one step at a time. ``harder`` names the
    exercises to run in their harder version; ``easier_from_start`` begins the session with
    "easier for the rest of the session" on (a suggestion the user took after a bad day)."""

    def __init__(
        self, *, harder: frozenset[str] = frozenset(), easier_from_start: bool = False
    ) -> None:
        self.harder = harder
        self._exercises_on: set[int] = set()
        self._exercises_off: set[int] = set()
        self._from_step: int | None = 0 if easier_from_start else None

    @property
    def rest_of_session(self) -> bool:
        """Whether "easier for the rest of the session" is switched on."""
        return self._from_step is not None

    def applies(self, step: Step | None) -> bool:
        """Whether ``step`` runs in its easier version."""
        if step is None or not has_easier(step):
            return False
        block = step.block_index
        if block in self._exercises_off:
            return False
        if block in self._exercises_on:
            return True
        return self._from_step is not None and step.index >= self._from_step

    def is_harder(self, step: Step | None) -> bool:
        """Whether ``step`` runs in its harder version (chosen before, and not made easier)."""
        if step is None or step.kind != WORK or step.exercise is None:
            return False
        exercise = step.exercise
        return bool(exercise.harder) and exercise.id in self.harder and not self.applies(step)

    def variant(self, step: Step) -> str | None:
        """The variant the log keeps for ``step``: "easier", "harder", or None as written."""
        if self.applies(step):
            return EASIER
        return HARDER if self.is_harder(step) else None

    def toggle_exercise(self, step: Step) -> bool:
        """Switch the exercise ``step`` belongs to between easier and as written; returns
        whether it is now easier. A step with no easier version is left as it is."""
        if not has_easier(step):
            return False
        block = step.block_index
        if self.applies(step):
            self._exercises_on.discard(block)
            self._exercises_off.add(block)
            return False
        self._exercises_off.discard(block)
        self._exercises_on.add(block)
        return True

    def toggle_rest_of_session(self, step: Step) -> bool:
        """Switch every exercise from ``step`` on to easier, or back to as written; returns
        whether the rest of the session is now easier."""
        if self._from_step is None:
            self._from_step = step.index
            self._exercises_off = {b for b in self._exercises_off if b < step.block_index}
            return True
        self._from_step = None
        self._exercises_on = {b for b in self._exercises_on if b < step.block_index}
        return False

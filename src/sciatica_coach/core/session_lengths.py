"""The user's own lengths for the pauses of every routine: get ready, switch sides, rests.

Set once in Preferences, they apply to the built-in routines and the user's own alike,
without changing any routine file: the library the app shows and runs is adjusted as it is
loaded. None keeps what each routine says.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sciatica_coach.core.catalog import Block, Routine
from sciatica_coach.core.library import Library


@dataclass(frozen=True)
class SessionLengths:
    prepare_seconds: float | None = None
    switch_seconds: float | None = None
    rest_percent: int = 100  # each rest as a share of the routine's own

    @property
    def as_written(self) -> bool:
        return (
            self.prepare_seconds is None
            and self.switch_seconds is None
            and (self.rest_percent == 100)
        )


def _rests(block: Block, percent: int) -> Block:
    dose = block.dose
    return replace(
        block,
        dose=replace(
            dose,
            rest=round(dose.rest * percent / 100),
            rest_after=round(dose.rest_after * percent / 100),
        ),
    )


def adjusted_routine(routine: Routine, lengths: SessionLengths) -> Routine:
    """``routine`` with the user's pauses."""
    if lengths.as_written:
        return routine
    return replace(
        routine,
        prepare_seconds=(
            routine.prepare_seconds if lengths.prepare_seconds is None else lengths.prepare_seconds
        ),
        switch_seconds=(
            routine.switch_seconds if lengths.switch_seconds is None else lengths.switch_seconds
        ),
        blocks=tuple(_rests(block, lengths.rest_percent) for block in routine.blocks),
    )


def adjusted_library(library: Library, lengths: SessionLengths) -> Library:
    """``library`` with every routine adjusted (the same object when nothing changes)."""
    if lengths.as_written:
        return library
    routines = {key: adjusted_routine(r, lengths) for key, r in library.routines.items()}
    return replace(library, routines=routines)

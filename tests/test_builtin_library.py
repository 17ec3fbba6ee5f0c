"""The shipped catalog and routines: complete, in range, and as long as they say."""

from __future__ import annotations

import pytest

from sciatica_coach.core.catalog import GROUPS
from sciatica_coach.core.library import load_library
from sciatica_coach.core.timeline import expand_routine

LIBRARY = load_library(None)


def test_builtin_library_loads_without_problems() -> None:
    assert LIBRARY.problems == []


def test_catalog_covers_every_group_with_enough_exercises() -> None:
    assert len(LIBRARY.exercises) >= 22
    groups = {exercise.group for exercise in LIBRARY.exercises.values()}
    assert groups == set(GROUPS)
    ids = set(LIBRARY.exercises)
    nerve_glides = {i for i in ids if "nerve_glide" in i}
    assert nerve_glides, "a nerve glide belongs in the mobility group"
    for needed in ("sit_to_stand", "step_up", "split_squat", "hip_hinge"):
        assert needed in ids


@pytest.mark.parametrize("exercise", LIBRARY.exercises.values(), ids=lambda e: e.id)
def test_every_exercise_is_fully_described(exercise: object) -> None:
    from sciatica_coach.core.catalog import Exercise

    assert isinstance(exercise, Exercise)
    assert 3 <= len(exercise.cues) <= 5
    assert exercise.cautions
    assert exercise.illustration == exercise.id
    assert 1 <= exercise.level <= 3


def test_at_least_five_routines_ship() -> None:
    assert len([r for r in LIBRARY.routines.values() if r.builtin]) >= 5


@pytest.mark.parametrize("routine", LIBRARY.routines.values(), ids=lambda r: r.id)
def test_routine_length_matches_its_stated_duration(routine: object) -> None:
    from sciatica_coach.core.catalog import Routine

    assert isinstance(routine, Routine) and routine.target_minutes
    minutes = expand_routine(routine).total_seconds / 60
    assert abs(minutes - routine.target_minutes) <= 0.15 * routine.target_minutes

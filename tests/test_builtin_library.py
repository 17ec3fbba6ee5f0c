"""The shipped catalog and routines: complete, in range, and as long as they say."""

from __future__ import annotations

from pathlib import Path

import pytest

from sciatica_coach.core.catalog import GROUPS, SPINAL_DIRECTIONS, Exercise, Routine
from sciatica_coach.core.library import load_library
from sciatica_coach.core.timeline import expand_routine
from sciatica_coach.illustrations import available

LIBRARY = load_library(None)
ILLUSTRATIONS = Path(__file__).resolve().parent.parent / "assets" / "illustrations"
EXERCISES = sorted(LIBRARY.exercises.values(), key=lambda e: e.id)
ROUTINES = sorted(LIBRARY.routines.values(), key=lambda r: r.id)

# The player shows the first caution under the cues on every work step.
FIRST_CAUTION_MAX = 90
# No routine may lean more than this far on bending. Cat-camel ("flexion_and_extension") bends
# both ways; it counts as bending here, to be strict.
MAX_FLEXION_SHARE = 2 / 3
BENDING = ("flexion", "flexion_and_extension")


def minutes(routine: Routine) -> float:
    return expand_routine(routine).total_seconds / 60


def flexion_share(routine: Routine) -> float:
    bending = [b for b in routine.blocks if b.exercise.spinal_direction in BENDING]
    return len(bending) / len(routine.blocks)


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


def test_the_flare_and_extension_exercises_are_in_the_catalog() -> None:
    found = LIBRARY.exercises
    assert found["prone_lying"].spinal_direction == "extension"
    assert found["prone_on_elbows"].spinal_direction == "extension"
    assert found["ankle_pumps"].dose.mode == "reps"
    assert found["walk"].dose.mode == "hold" and found["walk"].position == "standing"


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_is_fully_described(exercise: Exercise) -> None:
    assert 3 <= len(exercise.cues) <= 5
    assert 1 <= len(exercise.cautions) <= 5
    assert exercise.easier and exercise.harder
    assert exercise.spinal_direction in SPINAL_DIRECTIONS
    assert 1 <= exercise.level <= 3


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_every_exercise_has_its_own_picture(exercise: Exercise) -> None:
    assert exercise.illustration == exercise.id
    assert exercise.id in available()
    assert (ILLUSTRATIONS / f"{exercise.id}.svg").is_file()


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.id)
def test_the_first_caution_is_short_enough_to_show_on_every_step(exercise: Exercise) -> None:
    assert len(exercise.cautions[0]) < FIRST_CAUTION_MAX


def test_nerve_loading_moves_are_tagged_neural() -> None:
    for exercise_id in ("seated_nerve_glide", "supine_nerve_glide", "supine_hamstring_stretch"):
        assert LIBRARY.exercises[exercise_id].spinal_direction == "neural"
    assert LIBRARY.exercises["cat_camel"].spinal_direction == "flexion_and_extension"


def test_the_first_nerve_glide_keeps_the_ankle_relaxed() -> None:
    glide = LIBRARY.exercises["seated_nerve_glide"]
    assert any("ankle relaxed" in cue for cue in glide.cues)
    assert not any("toes back" in cue for cue in glide.cues)
    assert glide.harder and "toes back" in glide.harder


@pytest.mark.parametrize("exercise_id", ["hip_hinge", "split_squat", "step_up", "sit_to_stand"])
def test_strength_progressions_wait_for_a_settled_next_morning(exercise_id: str) -> None:
    harder = LIBRARY.exercises[exercise_id].harder
    assert harder and harder.startswith("Once two sessions in a row have left your leg no worse")
    assert "next morning" in harder.split(",")[0]


def test_at_least_five_routines_ship() -> None:
    assert len([r for r in LIBRARY.routines.values() if r.builtin]) >= 5


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_routine_length_is_within_ten_percent_of_its_target(routine: Routine) -> None:
    assert routine.target_minutes
    assert abs(minutes(routine) - routine.target_minutes) <= 0.10 * routine.target_minutes


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_routine_says_who_it_is_for_and_who_should_leave_it(routine: Routine) -> None:
    assert routine.description and routine.who_for and routine.not_for


@pytest.mark.parametrize("routine", ROUTINES, ids=lambda r: r.id)
def test_no_routine_is_more_than_two_thirds_bending(routine: Routine) -> None:
    assert flexion_share(routine) <= MAX_FLEXION_SHARE


def test_a_flare_day_routine_is_short_and_holds_no_long_stretch() -> None:
    flare = LIBRARY.routines["flare-day"]
    assert flare.target_minutes is not None and 5 <= flare.target_minutes <= 8
    assert 5 * 0.9 <= minutes(flare) <= 8 * 1.1
    ids = [b.exercise.id for b in flare.blocks]
    assert "ankle_pumps" in ids and "walk" in ids
    stretches = [b for b in flare.blocks if b.exercise.id != "walk" and b.dose.mode == "hold"]
    for block in stretches:
        assert block.exercise.spinal_direction not in (*BENDING, "neural"), block.exercise.id
        assert "only if" in block.exercise.cautions[0]


def test_the_extension_routine_never_bends_forward_and_asks_first() -> None:
    extension = LIBRARY.routines["extension"]
    ids = [b.exercise.id for b in extension.blocks]
    assert ids == ["prone_lying", "prone_on_elbows", "prone_press_up"]
    for block in extension.blocks:
        assert block.exercise.spinal_direction == "extension"
        first = block.exercise.cautions[0]
        assert "only if" in first and "eas" in first, block.exercise.id
    press_up = extension.blocks[-1].dose
    assert (press_up.sets, press_up.reps) == (1, 10)


def test_gentle_start_leaves_out_the_long_bending_and_nerve_stretches() -> None:
    gentle = LIBRARY.routines["gentle-start"]
    ids = [b.exercise.id for b in gentle.blocks]
    for left_out in ("child_pose", "figure_four_stretch", "supine_hamstring_stretch"):
        assert left_out not in ids
    assert "knee_rocks" in ids and "glute_bridge" in ids
    assert ids.index("seated_nerve_glide") < ids.index("single_knee_to_chest")
    assert "flare" not in gentle.description.lower()


def test_strength_is_one_set_each_without_the_hip_hinge() -> None:
    strength = LIBRARY.routines["strength"]
    ids = [b.exercise.id for b in strength.blocks]
    assert "hip_hinge" not in ids
    assert not {"step_up", "split_squat"} <= set(ids)
    assert all(b.dose.sets == 1 for b in strength.blocks if b.exercise.group == "strength")


def test_the_hip_hinge_waits_for_the_later_strength_stage() -> None:
    later = [r for r in ROUTINES if "hip_hinge" in [b.exercise.id for b in r.blocks]]
    assert [r.id for r in later] == ["strength-plus"]
    assert later[0].level == 3
    assert "Strength has felt easy" in later[0].who_for


def test_balance_has_no_level_three_exercise() -> None:
    balance = LIBRARY.routines["balance"]
    assert all(b.exercise.level <= balance.level for b in balance.blocks)
    assert "heel_raise" in [b.exercise.id for b in balance.blocks]


def test_daily_mobility_rests_on_the_elbows_glides_and_walks() -> None:
    ids = [b.exercise.id for b in LIBRARY.routines["daily-mobility"].blocks]
    assert "single_knee_to_chest" not in ids
    for needed in ("prone_on_elbows", "seated_nerve_glide", "walk"):
        assert needed in ids
    walk = LIBRARY.routines["daily-mobility"].blocks[ids.index("walk")]
    assert walk.dose.hold == 300

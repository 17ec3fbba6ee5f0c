"""The exercise library's filters, on a small catalog whose answers are counted by hand.

The catalog (group, position, level, direction):

    cat_camel        Cat–camel             mobility  hands and knees  1  flexion_and_extension
    knee_to_chest    Single knee to chest  mobility  lying on back    1  flexion
    prone_press_up   Prone press-up        mobility  lying on front   2  extension
    lumbar_rotation  Lumbar rotation       mobility  lying on back    1  rotation
    nerve_glide      Seated nerve glide    mobility  seated           1  neural
    bridge           Bridge                core      lying on back    2  neutral
    bird_dog         Bird dog              core      hands and knees  2  neutral
    sit_to_stand     Sit to stand          strength  standing         3  neutral
    raised_bridge    Pont élevé            strength  lying on back    3  neutral
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.catalog import ROUTINE_ID, SPINAL_DIRECTIONS, Exercise
from sciatica_coach.core.exercise_search import (
    ExerciseFilter,
    all_exercises,
    find_exercises,
    find_routine,
    practice_routine,
)
from sciatica_coach.core.library import Library
from sciatica_coach.core.timeline import PREPARE, REST, SWITCH, WORK, expand_routine
from sciatica_coach.core.words import DIRECTION_WORDS, direction_words, dose_words, shown_count


def exercise(
    ex_id: str, name: str, group: str, position: str, level: int, direction: str
) -> Exercise:
    table = exercise_table(ex_id, name=name, group=group, position=position, level=level)
    # Set after loading, so the search is tested on every direction whatever the catalog allows.
    routine = make_routine({"exercise": ex_id}, exercises=[table])
    return replace(routine.blocks[0].exercise, spinal_direction=direction)


CATALOG = (
    exercise("cat_camel", "Cat–camel", "mobility", "hands and knees", 1, "flexion_and_extension"),
    exercise("knee_to_chest", "Single knee to chest", "mobility", "lying on back", 1, "flexion"),
    exercise("prone_press_up", "Prone press-up", "mobility", "lying on front", 2, "extension"),
    exercise("lumbar_rotation", "Lumbar rotation", "mobility", "lying on back", 1, "rotation"),
    exercise("nerve_glide", "Seated nerve glide", "mobility", "seated", 1, "neural"),
    exercise("bridge", "Bridge", "core", "lying on back", 2, "neutral"),
    exercise("bird_dog", "Bird dog", "core", "hands and knees", 2, "neutral"),
    exercise("sit_to_stand", "Sit to stand", "strength", "standing", 3, "neutral"),
    exercise("raised_bridge", "Pont élevé", "strength", "lying on back", 3, "neutral"),
)


def found(**wanted: Any) -> list[str]:
    return [e.id for e in find_exercises(CATALOG, ExerciseFilter(**wanted))]


def test_no_filter_lists_every_exercise_by_group_then_name() -> None:
    assert found() == [
        "cat_camel",
        "lumbar_rotation",
        "prone_press_up",
        "nerve_glide",
        "knee_to_chest",
        "bird_dog",
        "bridge",
        "raised_bridge",
        "sit_to_stand",
    ]
    assert ExerciseFilter().is_empty and ExerciseFilter(text="  ").is_empty
    assert not ExerciseFilter(level=1).is_empty


def test_group_alone() -> None:
    mobility = ["cat_camel", "lumbar_rotation", "prone_press_up", "nerve_glide", "knee_to_chest"]
    assert found(group="mobility") == mobility
    assert found(group="core") == ["bird_dog", "bridge"]
    assert found(group="strength") == ["raised_bridge", "sit_to_stand"]


def test_position_alone() -> None:
    lying = ["lumbar_rotation", "knee_to_chest", "bridge", "raised_bridge"]
    assert found(position="lying on back") == lying
    assert found(position="hands and knees") == ["cat_camel", "bird_dog"]
    assert found(position="standing") == ["sit_to_stand"]


def test_level_alone() -> None:
    gentle = ["cat_camel", "lumbar_rotation", "nerve_glide", "knee_to_chest"]
    assert found(level=1) == gentle
    assert found(level=2) == ["prone_press_up", "bird_dog", "bridge"]
    assert found(level=3) == ["raised_bridge", "sit_to_stand"]


def test_direction_alone() -> None:
    assert found(direction="neutral") == ["bird_dog", "bridge", "raised_bridge", "sit_to_stand"]
    assert found(direction="flexion") == ["knee_to_chest"]
    assert found(direction="extension") == ["prone_press_up"]
    assert found(direction="rotation") == ["lumbar_rotation"]
    assert found(direction="neural") == ["nerve_glide"]
    assert found(direction="flexion_and_extension") == ["cat_camel"]


def test_text_alone_matches_names_and_the_words_of_ids() -> None:
    assert found(text="knee") == ["knee_to_chest"]
    assert found(text="bridge") == ["bridge", "raised_bridge"], "raised_bridge by its id"
    assert found(text="press up") == ["prone_press_up"], "every word, anywhere in name or id"
    assert found(text="chest knee") == ["knee_to_chest"], "words in any order"
    assert found(text="  glide  ") == ["nerve_glide"]


def test_text_ignores_case_and_accents() -> None:
    assert found(text="eleve") == ["raised_bridge"]
    assert found(text="ÉLEVÉ") == ["raised_bridge"]
    assert found(text="Élevé") == ["raised_bridge"]
    assert found(text="BIRD DOG") == ["bird_dog"]
    assert found(text="cat–camel") == ["cat_camel"]


def test_filters_combine() -> None:
    assert found(group="core", position="hands and knees") == ["bird_dog"]
    assert found(level=1, position="lying on back") == ["lumbar_rotation", "knee_to_chest"]
    assert found(text="st", group="strength") == ["sit_to_stand"]
    assert found(text="bridge", level=3) == ["raised_bridge"]
    assert found(group="mobility", level=1, direction="flexion") == ["knee_to_chest"]
    assert found(direction="neutral", position="lying on back") == ["bridge", "raised_bridge"]


def test_no_match_is_an_empty_list() -> None:
    assert found(group="balance") == []
    assert found(text="zzz") == []
    assert found(group="core", direction="flexion") == []
    assert found(text="knee", level=3) == []


def test_all_exercises_adds_those_defined_in_routines_once_after_the_catalog() -> None:
    builtins = {e.id: e for e in CATALOG[:2]}
    own = exercise_table("ankle_pumps", name="Ankle pumps", group="mobility")
    other = exercise_table("ankle_pumps", name="Ankle pumps again", group="mobility")
    wall = exercise_table("wall_sit", name="Wall sit", group="strength")
    first = make_routine(
        {"exercise": "wall_sit"}, {"exercise": "ankle_pumps"}, exercises=[own, wall], id="first"
    )
    second = make_routine({"exercise": "ankle_pumps"}, exercises=[other], id="second")
    library = Library(builtins, {"first": first, "second": second})
    listed = all_exercises(library)
    assert [e.id for e in listed] == ["cat_camel", "knee_to_chest", "ankle_pumps", "wall_sit"]
    assert listed[2].name == "Ankle pumps", "the first routine to define an id wins"
    assert all_exercises(Library({}, {})) == []


def test_a_routine_using_a_builtin_does_not_list_it_twice() -> None:
    bridge = CATALOG[5]
    routine = replace(make_routine(), blocks=(replace(make_routine().blocks[0], exercise=bridge),))
    library = Library({"bridge": bridge}, {"test-routine": routine})
    assert [e.id for e in all_exercises(library)] == ["bridge"]


def test_practice_routine_is_the_exercise_alone_at_its_own_dose() -> None:
    glide = CATALOG[4]
    routine = practice_routine(glide)
    assert routine.id == "practice-nerve-glide" and ROUTINE_ID.fullmatch(routine.id)
    assert routine.name == "Practice: Seated nerve glide"
    assert [(b.exercise, b.dose) for b in routine.blocks] == [(glide, glide.dose)]
    assert (routine.builtin, routine.source, routine.level) == (False, None, 1)
    assert 0 < routine.prepare_seconds <= 5


def test_practice_routine_expands_to_a_short_get_ready_then_the_sets() -> None:
    sides = exercise_table("clam", mode="reps", reps=8, sets=2, sides="both", rest=10)
    clam = make_routine({"exercise": "clam"}, exercises=[sides]).blocks[0].exercise
    timeline = expand_routine(practice_routine(clam))
    kinds = [(s.kind, s.side) for s in timeline.steps]
    assert kinds == [
        (PREPARE, None),
        (WORK, "left"),
        (SWITCH, "right"),
        (WORK, "right"),
        (REST, None),
        (WORK, "left"),
        (SWITCH, "right"),
        (WORK, "right"),
    ], "no rest after the last set"
    assert timeline.work_steps == 4


def test_a_long_exercise_id_still_makes_a_valid_distinct_routine_id() -> None:
    long_a = replace(CATALOG[0], id="a" * 60 + "_one")
    long_b = replace(CATALOG[0], id="a" * 60 + "_two")
    ids = {practice_routine(e).id for e in (long_a, long_b)}
    assert len(ids) == 2
    assert all(ROUTINE_ID.fullmatch(i) and i.startswith("practice-aaa") for i in ids)


def test_find_routine_knows_the_library_and_the_practice_of_each_exercise() -> None:
    own = exercise_table("wall_sit", name="Wall sit", group="strength")
    mine = make_routine({"exercise": "wall_sit"}, exercises=[own], id="mine")
    library = Library({e.id: e for e in CATALOG}, {"mine": mine})
    assert find_routine(library, "mine") is mine
    assert find_routine(library, "practice-bird-dog") == practice_routine(CATALOG[6])
    found_own = find_routine(library, "practice-wall-sit")
    assert found_own is not None and found_own.blocks[0].exercise.name == "Wall sit"
    assert find_routine(library, "practice-nothing-here") is None
    assert find_routine(library, "gone") is None


def test_every_catalog_direction_has_its_own_words() -> None:
    assert set(SPINAL_DIRECTIONS) <= set(DIRECTION_WORDS)
    assert direction_words("flexion") == "Flexion (bending forward)"
    assert direction_words("neural") == "Neural (nerve glide or stretch)"
    assert direction_words("side_bend") == "Side bend", "an unknown one still reads"


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"hold": 30}, "hold 30 s"),
        ({"hold": 20, "sets": 3, "sides": "both"}, "3 × hold 20 s, left and right"),
        ({"mode": "reps", "reps": 10, "sides": "alternating"}, "10 reps each side"),
    ],
)
def test_dose_words(fields: dict[str, Any], words: str) -> None:
    table = exercise_table("clam", **fields)
    clam = make_routine({"exercise": "clam"}, exercises=[table]).blocks[0].exercise
    assert dose_words(clam.dose) == words


def test_shown_count() -> None:
    assert shown_count(12, 33, "exercise") == "12 of 33 exercises"
    assert shown_count(33, 33, "exercise") == "33 exercises"
    assert shown_count(0, 1, "exercise") == "0 of 1 exercise"

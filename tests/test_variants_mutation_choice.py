"""Which version each step runs in, step by step: which steps can be made easier at all, a
harder version chosen beforehand, the two scopes of the Easier toggle switched on and off in
either order, and exactly where "the rest of the session" begins."""

from __future__ import annotations

from dataclasses import replace

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.timeline import REST, WORK, Step, Timeline, expand_routine
from sciatica_coach.core.variants import EASIER, HARDER, VARIANTS, VariantChoice, has_easier


def four_exercises() -> Timeline:
    """Blocks 0 stretch, 1 bridge, 2 plank, 3 clam, each two sets with a rest between and a
    rest after. Every one has an easier version but the bridge; plank and bridge a harder one."""
    exercises = [
        exercise_table("stretch", hold=10, sets=2, rest=5, rest_after=5, easier="Bend it."),
        exercise_table("bridge", hold=10, sets=2, rest=5, rest_after=5, harder="One foot."),
        exercise_table(
            "plank", hold=10, sets=2, rest=5, rest_after=5, easier="Knees.", harder="Lift."
        ),
        exercise_table("clam", hold=10, sets=2, rest=5, rest_after=0, easier="Smaller."),
    ]
    routine = make_routine(
        *({"exercise": e["id"]} for e in exercises), exercises=exercises, prepare=0
    )
    return expand_routine(routine)


def work(timeline: Timeline, exercise_id: str) -> list[Step]:
    return [s for s in timeline.steps if s.exercise is not None and s.exercise.id == exercise_id]


TIMELINE = four_exercises()
STRETCH, BRIDGE, PLANK, CLAM = (
    work(TIMELINE, name) for name in ("stretch", "bridge", "plank", "clam")
)


def versions(choice: VariantChoice) -> dict[str, list[str | None]]:
    return {
        name: [choice.variant(s) for s in steps]
        for name, steps in (
            ("stretch", STRETCH),
            ("bridge", BRIDGE),
            ("plank", PLANK),
            ("clam", CLAM),
        )
    }


def test_the_variant_codes_the_log_keeps() -> None:
    assert (EASIER, HARDER) == ("easier", "harder")
    assert frozenset({"easier", "harder"}) == VARIANTS


def test_the_timeline_has_two_work_steps_per_block_in_block_order() -> None:
    assert [(s.block_index, s.kind) for s in STRETCH + BRIDGE + PLANK + CLAM] == [
        (0, WORK),
        (0, WORK),
        (1, WORK),
        (1, WORK),
        (2, WORK),
        (2, WORK),
        (3, WORK),
        (3, WORK),
    ]


def test_which_steps_have_an_easier_version() -> None:
    assert has_easier(STRETCH[0]) is True
    assert has_easier(BRIDGE[0]) is False
    assert has_easier(None) is False
    rest = next(s for s in TIMELINE.steps if s.kind == REST)
    assert has_easier(rest) is False
    assert has_easier(replace(rest, exercise=STRETCH[0].exercise)) is False  # not a work step
    assert has_easier(replace(STRETCH[0], exercise=None)) is False
    assert STRETCH[0].exercise is not None
    blank = replace(STRETCH[0].exercise, easier="")
    assert has_easier(replace(STRETCH[0], exercise=blank)) is False


def test_as_written_unless_chosen() -> None:
    choice = VariantChoice()
    assert choice.rest_of_session is False
    assert choice.harder == frozenset()
    assert versions(choice) == {
        "stretch": [None, None],
        "bridge": [None, None],
        "plank": [None, None],
        "clam": [None, None],
    }
    assert choice.applies(None) is False
    assert choice.is_harder(None) is False


def test_harder_only_for_the_chosen_exercises_that_have_a_harder_version() -> None:
    choice = VariantChoice(harder=frozenset({"bridge", "plank", "stretch"}))
    assert versions(choice) == {
        "stretch": [None, None],  # no harder version to run
        "bridge": [HARDER, HARDER],
        "plank": [HARDER, HARDER],
        "clam": [None, None],
    }
    rest = next(s for s in TIMELINE.steps if s.kind == REST)
    assert choice.is_harder(replace(rest, exercise=PLANK[0].exercise)) is False
    assert choice.is_harder(replace(PLANK[0], exercise=None)) is False


def test_easier_for_this_exercise_covers_its_sets_and_wins_over_harder() -> None:
    choice = VariantChoice(harder=frozenset({"plank"}))
    assert choice.toggle_exercise(PLANK[1]) is True
    assert choice.rest_of_session is False
    assert versions(choice) == {
        "stretch": [None, None],
        "bridge": [None, None],
        "plank": [EASIER, EASIER],
        "clam": [None, None],
    }
    assert choice.is_harder(PLANK[0]) is False
    assert choice.toggle_exercise(PLANK[0]) is False
    assert versions(choice)["plank"] == [HARDER, HARDER]


def test_an_exercise_without_an_easier_version_cannot_be_toggled() -> None:
    choice = VariantChoice(easier_from_start=True)
    assert choice.toggle_exercise(BRIDGE[0]) is False
    assert versions(choice)["bridge"] == [None, None]
    assert choice.applies(BRIDGE[0]) is False
    assert versions(choice)["clam"] == [EASIER, EASIER]


def test_easier_from_the_start_covers_every_exercise_with_an_easier_version() -> None:
    choice = VariantChoice(easier_from_start=True, harder=frozenset({"plank", "bridge"}))
    assert choice.rest_of_session is True
    assert versions(choice) == {
        "stretch": [EASIER, EASIER],
        "bridge": [HARDER, HARDER],
        "plank": [EASIER, EASIER],
        "clam": [EASIER, EASIER],
    }


def test_the_rest_of_the_session_begins_at_the_step_it_was_chosen_on() -> None:
    choice = VariantChoice()
    assert choice.toggle_rest_of_session(STRETCH[1]) is True
    assert choice.rest_of_session is True
    assert versions(choice) == {
        "stretch": [None, EASIER],
        "bridge": [None, None],
        "plank": [EASIER, EASIER],
        "clam": [EASIER, EASIER],
    }
    assert choice.toggle_rest_of_session(PLANK[0]) is False
    assert choice.rest_of_session is False
    assert versions(choice)["plank"] == [None, None]


def test_the_rest_of_the_session_clears_this_exercise_offs_from_its_exercise_on() -> None:
    choice = VariantChoice(easier_from_start=True)
    for steps in (STRETCH, PLANK, CLAM):
        assert choice.toggle_exercise(steps[0]) is False  # each back to as written
    assert choice.toggle_rest_of_session(STRETCH[0]) is False  # off for the rest
    assert choice.toggle_rest_of_session(PLANK[0]) is True  # on again from the plank
    assert versions(choice) == {
        "stretch": [None, None],  # switched off before the plank: stays as written
        "bridge": [None, None],
        "plank": [EASIER, EASIER],  # its own off is cleared by the new choice
        "clam": [EASIER, EASIER],
    }


def test_turning_the_rest_of_the_session_off_clears_this_exercise_ons_from_there() -> None:
    choice = VariantChoice()
    for steps in (STRETCH, PLANK, CLAM):
        assert choice.toggle_exercise(steps[0]) is True
    assert choice.toggle_rest_of_session(STRETCH[0]) is True
    assert choice.toggle_rest_of_session(PLANK[1]) is False
    assert versions(choice) == {
        "stretch": [EASIER, EASIER],  # switched on before the plank: stays easier
        "bridge": [None, None],
        "plank": [None, None],
        "clam": [None, None],
    }


def test_this_exercise_back_to_as_written_inside_the_rest_of_the_session() -> None:
    choice = VariantChoice()
    choice.toggle_rest_of_session(STRETCH[0])
    assert choice.toggle_exercise(PLANK[0]) is False
    assert versions(choice) == {
        "stretch": [EASIER, EASIER],
        "bridge": [None, None],
        "plank": [None, None],
        "clam": [EASIER, EASIER],
    }
    assert choice.toggle_exercise(PLANK[1]) is True
    assert versions(choice)["plank"] == [EASIER, EASIER]


@pytest.mark.parametrize("first", [0, 1])
def test_one_step_before_where_it_began_is_as_written(first: int) -> None:
    choice = VariantChoice()
    choice.toggle_rest_of_session(CLAM[first])
    assert [choice.applies(s) for s in CLAM] == [first == 0, True]


def test_an_exercise_switched_on_and_off_again_leaves_nothing_behind() -> None:
    choice = VariantChoice()
    assert choice.toggle_exercise(STRETCH[0]) is True
    assert choice.toggle_exercise(STRETCH[0]) is False
    assert choice.toggle_rest_of_session(STRETCH[0]) is True  # covers the stretch again
    assert choice.toggle_rest_of_session(PLANK[0]) is False  # and ends before the plank
    assert versions(choice) == {
        "stretch": [None, None],
        "bridge": [None, None],
        "plank": [None, None],
        "clam": [None, None],
    }

"""The timeline field by field: every step's kind, length, set, side, reps and block, and the
small questions the player asks of it (titles, rep cues, what comes next, what is left)."""

from __future__ import annotations

from typing import Any

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.timeline import (
    PREPARE,
    REST,
    SELF_PACED_SECONDS_PER_REP,
    SWITCH,
    WORK,
    Step,
    Timeline,
    exercise_just_finished,
    expand_routine,
    work_seconds,
)

EXERCISES = [
    exercise_table("bridge", hold=20, sets=2, rest=10, rest_after=30, sides="both"),
    exercise_table("clam", mode="reps", reps=3, tempo=2, sets=1, rest=0, rest_after=15),
    exercise_table("march", mode="reps", reps=2, sides="alternating", rest_after=0),
    exercise_table("glide", mode="reps", reps=5, sets=2, rest=7, rest_after=12),
]


def summary(step: Step) -> tuple[Any, ...]:
    exercise = step.exercise.id if step.exercise else None
    return (
        step.index,
        step.kind,
        step.seconds,
        exercise,
        step.set_number,
        step.set_count,
        step.side,
        step.reps,
        step.tempo,
        step.self_paced,
        step.alternating,
        step.block_index,
    )


def full_timeline() -> Timeline:
    routine = make_routine(
        {"exercise": "bridge"},
        {"exercise": "clam"},
        {"exercise": "march"},
        {"exercise": "glide"},
        exercises=EXERCISES,
        prepare=8,
        switch=4,
    )
    return expand_routine(routine)


def test_every_field_of_every_step_of_a_mixed_routine() -> None:
    steps = [summary(step) for step in full_timeline().steps]
    assert steps == [
        (0, PREPARE, 8, None, 0, 0, None, None, None, False, False, -1),
        (1, WORK, 20, "bridge", 1, 2, "left", None, None, False, False, 0),
        (2, SWITCH, 4, "bridge", 0, 0, "right", None, None, False, False, -1),
        (3, WORK, 20, "bridge", 1, 2, "right", None, None, False, False, 0),
        (4, REST, 10, None, 0, 0, None, None, None, False, False, 0),
        (5, WORK, 20, "bridge", 2, 2, "left", None, None, False, False, 0),
        (6, SWITCH, 4, "bridge", 0, 0, "right", None, None, False, False, -1),
        (7, WORK, 20, "bridge", 2, 2, "right", None, None, False, False, 0),
        (8, REST, 30, None, 0, 0, None, None, None, False, False, 0),
        (9, WORK, 6, "clam", 1, 1, None, 3, 2, False, False, 1),
        (10, REST, 15, None, 0, 0, None, None, None, False, False, 1),
        (11, WORK, 16, "march", 1, 1, None, 2, None, True, True, 2),
        (12, WORK, 20, "glide", 1, 2, None, 5, None, True, False, 3),
        (13, REST, 7, None, 0, 0, None, None, None, False, False, 3),
        (14, WORK, 20, "glide", 2, 2, None, 5, None, True, False, 3),
    ]


def test_totals_and_counts() -> None:
    timeline = full_timeline()
    assert timeline.total_seconds == 8 + 20 * 4 + 4 * 2 + 10 + 30 + 6 + 15 + 16 + 20 + 7 + 20
    assert timeline.work_steps == 8


def test_no_prepare_and_no_switch_when_they_are_zero() -> None:
    routine = make_routine(
        {"exercise": "bridge"},
        exercises=[exercise_table("bridge", sides="both", sets=1)],
        prepare=0,
        switch=0,
    )
    steps = [(s.kind, s.side) for s in expand_routine(routine).steps]
    assert steps == [(WORK, "left"), (WORK, "right")]


def test_a_single_set_has_no_rest_between_sets_even_with_rest_set() -> None:
    routine = make_routine(
        {"exercise": "bridge"},
        {"exercise": "clam"},
        exercises=[
            exercise_table("bridge", sets=1, rest=9, rest_after=0),
            exercise_table("clam", sets=2, rest=0, rest_after=0),
        ],
    )
    assert [s.kind for s in expand_routine(routine).steps] == [PREPARE, WORK, WORK, WORK]


def test_rest_after_of_one_second_is_kept() -> None:
    routine = make_routine(
        {"exercise": "bridge"},
        {"exercise": "clam"},
        exercises=[
            exercise_table("bridge", sets=2, rest=1, rest_after=1),
            exercise_table("clam"),
        ],
        prepare=1,
        switch=1,
    )
    steps = [(s.kind, s.seconds) for s in expand_routine(routine).steps]
    assert steps == [(PREPARE, 1), (WORK, 20), (REST, 1), (WORK, 20), (REST, 1), (WORK, 20)]


def test_titles_name_what_to_do() -> None:
    steps = full_timeline().steps
    assert [steps[i].title for i in (0, 1, 2, 4)] == ["Get ready", "Bridge", "Switch sides", "Rest"]


def test_timed_is_the_opposite_of_self_paced() -> None:
    steps = full_timeline().steps
    assert steps[9].timed is True
    assert steps[11].timed is False


def test_rep_cues_start_each_paced_rep_on_the_tempo() -> None:
    routine = make_routine(
        {"exercise": "clam"},
        {"exercise": "march"},
        exercises=[
            exercise_table("clam", mode="reps", reps=3, tempo=2.5),
            exercise_table("march", mode="reps", reps=2, tempo=1.5, sides="alternating"),
        ],
    )
    steps = expand_routine(routine).steps
    clam, march = (s for s in steps if s.kind == WORK)
    assert clam.rep_cue_times() == (0.0, 2.5, 5.0)
    assert march.rep_cue_times() == (0.0, 1.5, 3.0, 4.5)
    assert march.seconds == 6.0


@pytest.mark.parametrize("index", [0, 1, 4, 11])
def test_no_rep_cues_for_holds_rests_and_self_paced_reps(index: int) -> None:
    assert full_timeline().steps[index].rep_cue_times() == ()


def test_rep_cues_need_a_work_step() -> None:
    paced = full_timeline().steps[9]
    assert paced.rep_cue_times() == (0.0, 2.0, 4.0)
    for kind in (PREPARE, REST, SWITCH):
        moved = Step(paced.index, kind, paced.seconds, paced.exercise, reps=3, tempo=2.0)
        assert moved.rep_cue_times() == ()


def test_next_work_step_skips_rests_and_switches() -> None:
    timeline = full_timeline()
    found = [timeline.next_work_step(i) for i in (0, 1, 8, 11, 13, 14)]
    assert [s.index if s else None for s in found] == [1, 3, 9, 12, 14, None]


def test_seconds_from_counts_the_step_itself_and_all_after() -> None:
    timeline = full_timeline()
    assert timeline.seconds_from(0) == timeline.total_seconds
    assert timeline.seconds_from(13) == 27
    assert timeline.seconds_from(14) == 20
    assert timeline.seconds_from(15) == 0


def test_work_seconds_for_each_kind_of_dose() -> None:
    routine = full_timeline().routine
    assert [work_seconds(block) for block in routine.blocks] == [
        (20, False),
        (6, False),
        (2 * 2 * SELF_PACED_SECONDS_PER_REP, True),
        (5 * SELF_PACED_SECONDS_PER_REP, True),
    ]
    assert SELF_PACED_SECONDS_PER_REP == 4.0


def test_the_leg_question_follows_only_an_exercise_s_last_step() -> None:
    steps = full_timeline().steps
    finished = {i: exercise_just_finished(steps, i) for i in range(-1, len(steps) + 1)}
    assert {i: s.index for i, s in finished.items() if s is not None} == {8: 7, 10: 9}


def test_the_leg_question_is_not_asked_for_a_rest_after_something_other_than_work() -> None:
    bridge = full_timeline().steps[1]
    steps = (
        Step(0, PREPARE, 5),
        Step(1, REST, 5, block_index=0),
        replace_index(bridge, 2),
        Step(3, REST, 5, block_index=0),
    )
    assert exercise_just_finished(steps, 1) is None
    last = exercise_just_finished(steps, 3)
    assert last is not None and last.index == 2


def replace_index(step: Step, index: int) -> Step:
    return Step(index, step.kind, step.seconds, step.exercise, block_index=step.block_index)


def test_a_switch_of_one_second_is_kept() -> None:
    routine = make_routine(
        {"exercise": "bridge"}, exercises=[exercise_table("bridge", sides="both")], switch=1
    )
    assert [(s.kind, s.seconds) for s in expand_routine(routine).steps] == [
        (PREPARE, 10),
        (WORK, 20),
        (SWITCH, 1),
        (WORK, 20),
    ]


def test_rep_cues_are_rounded_to_the_microsecond() -> None:
    paced = full_timeline().steps[9]
    step = Step(9, WORK, 3, paced.exercise, reps=2, tempo=1.0000004)
    assert step.rep_cue_times() == (0.0, 1.0)


def test_the_leg_question_at_the_first_and_last_places_of_the_list() -> None:
    bridge = full_timeline().steps[1]
    work = Step(0, WORK, 20, bridge.exercise, block_index=0)
    rest = Step(1, REST, 5, block_index=0)
    assert exercise_just_finished((work, rest), 1) is work
    later = Step(2, WORK, 20, bridge.exercise, block_index=2)
    steps = (Step(0, REST, 5, block_index=0), replace_index(work, 1), later)
    assert exercise_just_finished(steps, 0) is None

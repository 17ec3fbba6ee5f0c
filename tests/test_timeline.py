from __future__ import annotations

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.timeline import PREPARE, REST, SWITCH, WORK, expand_routine


def kinds(routine_steps: object) -> list[str]:
    return [step.kind for step in routine_steps]  # type: ignore[attr-defined]


def test_prepare_comes_first_and_no_rest_at_the_end() -> None:
    timeline = expand_routine(make_routine({"exercise": "bridge", "sets": 1}))
    assert kinds(timeline.steps) == [PREPARE, WORK]
    assert timeline.steps[0].seconds == 10


def test_rest_is_inserted_between_sets() -> None:
    timeline = expand_routine(make_routine({"exercise": "bridge", "sets": 3, "rest": 15}))
    assert kinds(timeline.steps) == [PREPARE, WORK, REST, WORK, REST, WORK]
    assert [s.set_number for s in timeline.steps if s.kind == WORK] == [1, 2, 3]
    assert all(s.seconds == 15 for s in timeline.steps if s.kind == REST)


def test_both_sides_go_left_then_right_with_a_switch() -> None:
    routine = make_routine({"exercise": "bridge", "sets": 2, "sides": "both"}, switch=4)
    steps = expand_routine(routine).steps
    assert kinds(steps) == [PREPARE, WORK, SWITCH, WORK, REST, WORK, SWITCH, WORK]
    assert [s.side for s in steps if s.kind == WORK] == ["left", "right", "left", "right"]
    assert [s.seconds for s in steps if s.kind == SWITCH] == [4, 4]


def test_rest_after_separates_exercises() -> None:
    routine = make_routine(
        {"exercise": "bridge", "rest_after": 40},
        {"exercise": "bridge", "hold": 5},
    )
    steps = expand_routine(routine).steps
    assert kinds(steps) == [PREPARE, WORK, REST, WORK]
    assert steps[2].seconds == 40
    assert steps[3].seconds == 5


def test_tempo_reps_are_timed_with_rep_cues() -> None:
    routine = make_routine(
        {"exercise": "tilt", "reps": 5, "tempo": 3},
        exercises=[exercise_table("tilt", mode="reps")],
    )
    work = expand_routine(routine).steps[1]
    assert (work.seconds, work.self_paced) == (15, False)
    assert work.rep_cue_times() == (0, 3, 6, 9, 12)


def test_reps_without_tempo_wait_for_done() -> None:
    routine = make_routine(exercises=[exercise_table("bridge", mode="reps", reps=8)])
    work = expand_routine(routine).steps[1]
    assert work.self_paced and not work.timed
    assert work.seconds == 8 * 4  # the estimate used for the plan's total


def test_alternating_reps_count_both_sides_in_one_step() -> None:
    routine = make_routine(
        exercises=[exercise_table("dead_bug", mode="reps", reps=6, tempo=4, sides="alternating")],
        block=[{"exercise": "dead_bug"}],
    )
    steps = expand_routine(routine).steps
    assert kinds(steps) == [PREPARE, WORK]
    assert steps[1].seconds == 48 and steps[1].side is None
    assert len(steps[1].rep_cue_times()) == 12


def test_total_and_indexes() -> None:
    routine = make_routine({"exercise": "bridge", "sets": 2, "rest": 10, "sides": "both"})
    timeline = expand_routine(routine)
    assert [s.index for s in timeline.steps] == list(range(len(timeline.steps)))
    assert timeline.total_seconds == 10 + (20 + 5 + 20) * 2 + 10
    assert timeline.work_steps == 4

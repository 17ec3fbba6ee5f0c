"""The engine's edges: a lead-in of a second, a poll that passes the lead-in and the step
after it, done in the middle of a routine, stop and restart inside a second pause, the state
asked about a given moment, a clock that starts at zero, and the Easier toggle with what the
log is told about each step's version."""

from __future__ import annotations

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.engine import (
    CUE_REST,
    CUE_START,
    CUE_STEP_END,
    CUE_SWITCH,
    CUE_TICK,
    FINISHED,
    PAUSED,
    RUNNING,
    STOPPED,
    Cue,
    Session,
    SessionState,
    StepOutcome,
    planned_cues,
)
from sciatica_coach.core.timeline import PREPARE, REST, SWITCH, WORK, Step, Timeline, expand_routine
from sciatica_coach.core.variants import EASIER, HARDER, VariantChoice

T0 = 1000.0


def small_timeline() -> Timeline:
    """0 prepare 5 s; 1 bridge left 12 s; 2 switch 4 s; 3 bridge right 12 s; 4 rest 6 s;
    5 march, 4 reps at your own pace (16 s); 6 rest 5 s; 7 plank 10 s."""
    exercises = [
        exercise_table("bridge", hold=12, sides="both", rest_after=6),
        exercise_table("march", mode="reps", reps=4, rest_after=5),
        exercise_table("plank", hold=10, rest_after=0),
    ]
    routine = make_routine(
        {"exercise": "bridge"},
        {"exercise": "march"},
        {"exercise": "plank"},
        exercises=exercises,
        prepare=5,
        switch=4,
    )
    timeline = expand_routine(routine)
    assert [(s.kind, s.seconds) for s in timeline.steps] == [
        (PREPARE, 5),
        (WORK, 12),
        (SWITCH, 4),
        (WORK, 12),
        (REST, 6),
        (WORK, 16),
        (REST, 5),
        (WORK, 10),
    ]
    assert timeline.steps[5].self_paced
    return timeline


class Rig:
    """A session with a clock set in seconds after ``origin`` and the outcomes it logs."""

    def __init__(
        self, timeline: Timeline | None = None, *, origin: float = T0, **options: object
    ) -> None:
        self.origin = origin
        self.now = origin
        self.outcomes: list[StepOutcome] = []
        self.session = Session(
            timeline or small_timeline(),
            lambda: self.now,
            on_step_end=self.outcomes.append,
            **options,  # type: ignore[arg-type]
        )

    def start(self) -> Rig:
        self.session.start()
        return self

    def at(self, seconds: float) -> SessionState:
        """Poll every half second up to ``seconds`` (as the player does) and give the state."""
        while self.now < self.origin + seconds:
            self.now = min(self.origin + seconds, self.now + 0.5)
            self.session.state()
        return self.session.state()

    def jump(self, seconds: float) -> None:
        """Move the clock without polling."""
        self.now = self.origin + seconds

    def logged(self) -> list[tuple[int, str, float, int | None, float, str | None]]:
        return [
            (
                o.step.index,
                o.status,
                o.actual_seconds,
                o.reps_done,
                o.ended_at - self.origin,
                o.variant,
            )
            for o in self.outcomes
        ]


# -- cues at one moment -------------------------------------------------------------------


def test_a_zero_length_switch_says_switch_before_its_end() -> None:
    # Two cues due at the same moment keep the order they are spoken in, whatever their names.
    assert planned_cues(Step(2, SWITCH, 0.0)) == [
        (0.0, CUE_SWITCH, None),
        (0.0, CUE_STEP_END, None),
    ]


# -- the lead-in --------------------------------------------------------------------------


def test_a_lead_in_of_one_second_counts_down_into_its_step() -> None:
    rig = Rig(start_index=3, lead_in_seconds=1).start()
    state = rig.at(0.5)
    assert rig.session.in_lead_in is True
    assert state.step is not None
    assert (state.step.kind, state.step.index, state.index, state.remaining) == (PREPARE, 3, 3, 0.5)
    rig.jump(1)
    state = rig.session.state()
    assert rig.session.in_lead_in is False
    assert (state.step, state.elapsed_in_step) == (rig.session.timeline.steps[3], 0)
    assert state.cues == (Cue(CUE_STEP_END, 3, 1.0), Cue(CUE_START, 3, 0.0))


def test_the_lead_in_counts_down_under_the_number_of_the_step_it_leads_into() -> None:
    rig = Rig(start_index=4, lead_in_seconds=10).start()
    heard: list[Cue] = []
    for tenth in range(1, 95):
        rig.jump(tenth / 10)
        heard += rig.session.state().cues
    assert heard == [Cue(CUE_TICK, 4, 7, 3), Cue(CUE_TICK, 4, 8, 2), Cue(CUE_TICK, 4, 9, 1)]
    assert rig.session.current_step is not None
    assert rig.session.current_step.index == 4


def test_one_poll_that_passes_the_lead_in_and_a_short_step_after_it_moves_past_both() -> None:
    rig = Rig(start_index=2, lead_in_seconds=10).start()
    rig.at(9)
    rig.jump(14)  # a gap of five seconds is not yet sleep
    state = rig.session.state()
    assert (state.status, state.index, state.elapsed_in_step) == (RUNNING, 3, 0)
    assert rig.logged() == [(2, "done", 4, None, 14, None)]
    assert state.cues == (
        Cue(CUE_STEP_END, 2, 10.0),
        Cue(CUE_SWITCH, 2, 0.0),
        Cue(CUE_TICK, 2, 1.0, 3),
        Cue(CUE_TICK, 2, 2.0, 2),
        Cue(CUE_TICK, 2, 3.0, 1),
        Cue(CUE_STEP_END, 2, 4.0),
        Cue(CUE_START, 3, 0.0),
    )


# -- done in the middle -------------------------------------------------------------------


def test_done_in_the_middle_of_a_routine_moves_on_to_the_very_next_step_now() -> None:
    rig = Rig(start_index=5).start()
    rig.at(10)
    assert rig.session.mark_done() is True
    assert rig.logged() == [(5, "done", 10, 4, 10, None)]
    state = rig.session.state()
    assert (state.status, state.index, state.elapsed_in_step) == (RUNNING, 6, 0)
    assert state.cues == (Cue(CUE_REST, 6, 0.0),)
    state = rig.at(13)
    assert (state.index, state.elapsed_in_step, state.remaining, state.elapsed) == (6, 3, 2, 13)


def test_done_on_the_last_step_ends_the_session_with_its_active_time() -> None:
    rig = Rig(start_index=5).start()
    rig.at(10)
    rig.session.mark_done()
    rig.at(15)
    rig.session.skip()
    state = rig.at(22)
    assert (state.status, state.elapsed, state.session_remaining, state.progress) == (
        FINISHED,
        15,
        0,
        1.0,
    )


# -- stop, pause and restart --------------------------------------------------------------


def test_stop_before_start_ran_for_no_time() -> None:
    rig = Rig()
    rig.jump(30)
    rig.session.stop("changed my mind")
    state = rig.session.state()
    assert (state.status, state.elapsed, state.elapsed_in_step) == (STOPPED, 0, 0)
    assert rig.session.paused_seconds == 0


def test_stop_in_a_second_pause_adds_it_to_the_first() -> None:
    rig = Rig().start()
    rig.at(2)
    rig.session.pause()
    rig.jump(4)
    rig.session.resume()
    rig.at(6)
    rig.session.pause()
    rig.jump(9)
    rig.session.stop("pain")
    assert rig.session.paused_seconds == 5
    assert rig.logged() == [(0, "stopped", 4, None, 6, None)]
    assert rig.session.state().elapsed == 4


def test_restart_while_paused_then_resume_runs_the_step_from_the_resume() -> None:
    rig = Rig().start()
    rig.at(3)
    rig.session.pause()
    rig.jump(8)
    rig.session.restart_step()
    rig.jump(10)
    rig.session.resume()
    state = rig.at(12)
    assert (state.status, state.index, state.elapsed_in_step, state.remaining) == (
        RUNNING,
        0,
        2,
        3,
    )
    assert state.elapsed == 5
    assert rig.session.paused_seconds == 7


def test_the_last_second_of_a_step_has_less_than_a_second_left() -> None:
    rig = Rig().start()
    state = rig.at(4.5)
    assert (state.index, state.remaining, state.session_remaining) == (0, 0.5, 0.5 + 65)


def test_the_state_is_taken_at_the_moment_asked_for() -> None:
    rig = Rig().start()
    rig.at(3)
    state = rig.session.state(T0 + 4.5)  # the clock itself still says 3
    assert (state.index, state.elapsed_in_step, state.remaining, state.elapsed) == (
        0,
        4.5,
        0.5,
        4.5,
    )


def test_a_clock_that_starts_at_zero_measures_a_sleep_from_the_start() -> None:
    rig = Rig(origin=0.0).start()
    rig.jump(5.5)
    state = rig.session.state()
    assert (state.status, state.slept, state.elapsed, state.elapsed_in_step) == (PAUSED, True, 0, 0)


# -- easier and harder --------------------------------------------------------------------


def stretch_bridge_plank() -> Timeline:
    """0 stretch 20 s (easier: bend the knee); 1 rest 5; 2 bridge 10 s (no easier version);
    3 rest 5; 4 plank 15 s (easier: on your knees; harder: lift a leg)."""
    exercises = [
        exercise_table("stretch", hold=20, rest_after=5, easier="Bend the knee more."),
        exercise_table("bridge", hold=10, rest_after=5),
        exercise_table(
            "plank", hold=15, rest_after=0, easier="On your knees.", harder="Lift a leg."
        ),
    ]
    routine = make_routine(
        *({"exercise": e["id"]} for e in exercises), exercises=exercises, prepare=0
    )
    timeline = expand_routine(routine)
    assert [(s.kind, s.seconds) for s in timeline.steps] == [
        (WORK, 20),
        (REST, 5),
        (WORK, 10),
        (REST, 5),
        (WORK, 15),
    ]
    return timeline


def test_easier_switches_only_the_exercise_on_screen_and_the_log_says_so() -> None:
    rig = Rig(stretch_bridge_plank()).start()
    steps = rig.session.timeline.steps
    assert rig.session.toggle_easier() is True
    assert rig.session.variants.applies(steps[0]) is True
    assert rig.session.variants.applies(steps[4]) is False
    assert rig.session.variants.rest_of_session is False
    rig.at(20)
    assert rig.logged() == [(0, "done", 20, None, 20, EASIER)]


def test_easier_for_the_rest_of_the_session_covers_the_exercises_after_it() -> None:
    rig = Rig(stretch_bridge_plank()).start()
    steps = rig.session.timeline.steps
    assert rig.session.toggle_easier(rest_of_session=True) is True
    assert rig.session.variants.rest_of_session is True
    assert [rig.session.variants.applies(s) for s in steps] == [True, False, False, False, True]
    rig.at(20)
    assert rig.logged()[-1][-1] == EASIER


def test_easier_on_an_exercise_without_one_is_no_choice_at_all() -> None:
    rig = Rig(stretch_bridge_plank()).start()
    rig.at(26)
    assert rig.session.current_step is rig.session.timeline.steps[2]
    assert rig.session.toggle_easier() is None
    assert rig.session.toggle_easier(rest_of_session=True) is None
    assert rig.session.variants.rest_of_session is False


def test_easier_during_a_rest_is_about_the_exercise_coming_up() -> None:
    rig = Rig(stretch_bridge_plank()).start()
    rig.at(36)
    assert rig.session.current_step is rig.session.timeline.steps[3]
    assert rig.session.toggle_easier() is True
    assert rig.session.toggle_easier() is False  # and back to as written
    assert rig.session.toggle_easier() is True
    rig.at(55)
    assert [(index, variant) for index, *_, variant in rig.logged()] == [
        (0, None),
        (1, None),
        (2, None),
        (3, None),
        (4, EASIER),
    ]


def test_easier_after_the_session_has_ended_is_no_choice() -> None:
    rig = Rig(stretch_bridge_plank()).start()
    rig.session.stop("pain")
    assert rig.session.toggle_easier() is None
    assert rig.session.toggle_easier(rest_of_session=True) is None


def test_a_harder_version_chosen_beforehand_is_logged_as_harder() -> None:
    rig = Rig(stretch_bridge_plank(), variants=VariantChoice(harder=frozenset({"plank"}))).start()
    rig.at(55)
    assert [variant for *_, variant in rig.logged()] == [None, None, None, None, HARDER]

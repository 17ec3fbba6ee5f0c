"""Every command from every state: skip, back, restart, stop and done from running, paused,
ready, the lead-in, the last step and after the end, each checked by what the log is told
and where the session then stands."""

from __future__ import annotations

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.engine import (
    CUE_REST,
    CUE_SESSION_END,
    CUE_START,
    CUE_SWITCH,
    FINISHED,
    PAUSED,
    READY,
    RUNNING,
    STOPPED,
    Cue,
    Session,
    SessionState,
    StepOutcome,
)
from sciatica_coach.core.timeline import PREPARE, REST, SWITCH, WORK, Timeline, expand_routine

T0 = 1000.0


def small_timeline() -> Timeline:
    """0 prepare 5 s; 1 bridge left 12 s; 2 switch 4 s; 3 bridge right 12 s; 4 rest 6 s;
    5 clam, 3 reps at 2 s (6 s); 6 rest 5 s; 7 march, 4 reps at your own pace (16 s)."""
    exercises = [
        exercise_table("bridge", hold=12, sides="both", rest_after=6),
        exercise_table("clam", mode="reps", reps=3, tempo=2, rest_after=5),
        exercise_table("march", mode="reps", reps=4, rest_after=0),
    ]
    routine = make_routine(
        {"exercise": "bridge"},
        {"exercise": "clam"},
        {"exercise": "march"},
        exercises=exercises,
        prepare=5,
        switch=4,
    )
    timeline = expand_routine(routine)
    kinds = [s.kind for s in timeline.steps]
    assert kinds == [PREPARE, WORK, SWITCH, WORK, REST, WORK, REST, WORK]
    return timeline


class Rig:
    """A session with a clock set in seconds after its start and the outcomes it logs."""

    def __init__(self, **options: object) -> None:
        self.now = T0
        self.outcomes: list[StepOutcome] = []
        self.session = Session(
            small_timeline(),
            lambda: self.now,
            on_step_end=self.outcomes.append,
            **options,  # type: ignore[arg-type]
        )

    def at(self, seconds: float) -> SessionState:
        """Poll every half second up to ``seconds`` (as the player does) and give the state."""
        while self.now < T0 + seconds:
            self.now = min(T0 + seconds, self.now + 0.5)
            self.session.state()
        return self.session.state()

    def jump(self, seconds: float) -> None:
        """Move the clock without polling (the session is paused meanwhile)."""
        self.now = T0 + seconds

    def logged(self) -> list[tuple[int, str, float, int | None, float]]:
        return [
            (o.step.index, o.status, o.actual_seconds, o.reps_done, o.ended_at - T0)
            for o in self.outcomes
        ]


def started(**options: object) -> Rig:
    rig = Rig(**options)
    rig.session.start()
    return rig


def where(state: SessionState) -> tuple[str, int, float]:
    return state.status, state.index, state.elapsed_in_step


# -- skip ---------------------------------------------------------------------------------


def test_skip_in_the_middle_moves_on_exactly_one_step_and_starts_it_now() -> None:
    rig = started()
    rig.at(20)
    rig.session.skip()
    assert rig.logged() == [
        (0, "done", 5, None, 5),
        (1, "done", 12, None, 17),
        (2, "skipped", 3, None, 20),
    ]
    state = rig.session.state()
    assert where(state) == (RUNNING, 3, 0)
    assert state.cues == (Cue(CUE_START, 3, 0.0),)
    assert where(rig.at(21)) == (RUNNING, 3, 1)


def test_skip_while_paused_logs_the_step_to_the_pause_and_the_next_waits_for_resume() -> None:
    rig = started()
    rig.at(8)
    rig.session.pause()
    rig.jump(50)
    rig.session.skip()
    assert rig.logged()[-1] == (1, "skipped", 3, None, 8)
    state = rig.session.state()
    assert where(state) == (PAUSED, 2, 0)
    assert state.elapsed == 8
    rig.jump(70)
    rig.session.resume()
    state = rig.at(71)
    assert where(state) == (RUNNING, 2, 1)
    assert state.elapsed == 9
    assert rig.session.paused_seconds == 62


def test_skip_on_the_last_step_finishes_the_session() -> None:
    rig = started(start_index=7)
    rig.at(3)
    rig.session.skip()
    assert rig.logged() == [(7, "skipped", 3, None, 3)]
    state = rig.session.state()
    assert (state.status, state.step, state.progress) == (FINISHED, None, 1.0)
    assert state.cues == (Cue(CUE_SESSION_END, 7, 16),)
    assert state.elapsed == 3


def test_skip_before_start_and_after_the_end_does_nothing() -> None:
    rig = Rig()
    rig.session.skip()
    assert (rig.session.status, rig.session.index, rig.outcomes) == (READY, 0, [])
    rig.session.start()
    rig.session.stop("pain")
    rig.session.skip()
    assert rig.session.status == STOPPED
    assert rig.logged() == [(0, "stopped", 0, None, 0)]


def test_skip_during_the_lead_in_starts_the_step_now_and_logs_nothing() -> None:
    rig = started(start_index=3, lead_in_seconds=10)
    rig.at(4)
    rig.session.skip()
    assert rig.outcomes == []
    assert rig.session.in_lead_in is False
    state = rig.session.state()
    assert where(state) == (RUNNING, 3, 0)
    assert state.cues == (Cue(CUE_START, 3, 0.0),)


# -- back ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "back_to"), [(2, 0), (8, 0), (19, 1), (25, 1), (35, 3), (40, 3)]
)
def test_back_goes_to_the_start_of_the_exercise_before_or_the_one_just_done(
    moment: float, back_to: int
) -> None:
    rig = started()
    before = rig.at(moment)
    rig.session.back()
    state = rig.session.state()
    assert where(state) == (RUNNING, back_to, 0)
    assert rig.logged() == [o for o in rig.logged() if o[4] <= moment]
    assert before.index != back_to or before.index == 0


def test_back_while_paused_stays_paused_at_the_start_of_that_exercise() -> None:
    rig = started()
    rig.at(35)
    rig.session.pause()
    rig.jump(90)
    rig.session.back()
    state = rig.session.state()
    assert where(state) == (PAUSED, 3, 0)
    assert state.remaining == 12
    rig.jump(100)
    rig.session.resume()
    assert where(rig.at(101)) == (RUNNING, 3, 1)


def test_back_during_the_lead_in_ends_it() -> None:
    rig = started(start_index=4, lead_in_seconds=10)
    rig.at(2)
    rig.session.back()
    assert rig.session.in_lead_in is False
    assert where(rig.session.state()) == (RUNNING, 3, 0)


def test_back_and_restart_before_the_start_do_nothing() -> None:
    rig = Rig(start_index=4)
    rig.session.back()
    rig.session.restart_step()
    assert (rig.session.status, rig.session.index) == (READY, 4)


# -- restart ------------------------------------------------------------------------------


def test_restart_runs_the_step_again_from_now_with_its_opening_cue() -> None:
    rig = started()
    rig.at(35)
    rig.session.restart_step()
    state = rig.session.state()
    assert where(state) == (RUNNING, 4, 0)
    assert state.cues == (Cue(CUE_REST, 4, 0.0),)
    assert rig.logged()[-1][0] == 3
    assert where(rig.at(40)) == (RUNNING, 4, 5)


def test_restart_while_paused_starts_the_step_at_the_pause() -> None:
    rig = started()
    rig.at(19)
    rig.session.pause()
    rig.jump(30)
    rig.session.restart_step()
    state = rig.session.state()
    assert where(state) == (PAUSED, 2, 0)
    assert state.cues == (Cue(CUE_SWITCH, 2, 0.0),)


def test_restart_after_the_end_does_nothing() -> None:
    rig = started(start_index=7)
    rig.session.mark_done()
    rig.session.restart_step()
    rig.session.back()
    assert rig.session.status == FINISHED


# -- stop ---------------------------------------------------------------------------------


def test_stop_while_running_logs_the_step_so_far_with_its_reps() -> None:
    rig = started()
    rig.at(43.5)
    rig.session.stop("pain")
    assert rig.logged()[-1] == (5, "stopped", 4.5, 2, 43.5)
    assert (rig.session.stop_reason, rig.session.stop_index) == ("pain", 5)
    state = rig.session.state()
    assert (state.status, state.step, state.remaining, state.elapsed) == (STOPPED, None, None, 43.5)
    assert state.session_remaining == 0


def test_stop_while_paused_keeps_active_time_right() -> None:
    rig = started()
    rig.at(8)
    rig.session.pause()
    rig.jump(68)
    rig.session.stop("tired")
    assert rig.logged()[-1] == (1, "stopped", 3, None, 8)
    assert rig.session.paused_seconds == 60
    state = rig.session.state()
    assert (state.status, state.elapsed) == (STOPPED, 8)
    rig.jump(500)
    assert rig.session.state().elapsed == 8


def test_stop_after_an_earlier_pause_excludes_only_that_pause() -> None:
    rig = started()
    rig.at(8)
    rig.session.pause()
    rig.jump(20)
    rig.session.resume()
    rig.at(25)
    rig.session.stop("done for today")
    assert rig.session.paused_seconds == 12
    assert rig.session.state().elapsed == 13
    assert rig.logged()[-1] == (1, "stopped", 8, None, 25)


def test_stop_before_start_logs_nothing() -> None:
    rig = Rig()
    rig.session.stop("changed my mind")
    assert (rig.session.status, rig.session.stop_reason, rig.session.stop_index) == (
        STOPPED,
        "changed my mind",
        None,
    )
    assert rig.outcomes == []


def test_stop_during_the_lead_in_logs_nothing_and_ends_the_lead_in() -> None:
    rig = started(start_index=3, lead_in_seconds=10)
    rig.at(4)
    rig.session.stop("pain")
    assert rig.outcomes == []
    assert rig.session.stop_index is None
    assert rig.session.in_lead_in is False
    assert rig.session.status == STOPPED


def test_stop_after_the_end_changes_nothing() -> None:
    rig = started(start_index=7)
    rig.at(2)
    rig.session.mark_done()
    rig.session.stop("pain")
    assert (rig.session.status, rig.session.stop_reason) == (FINISHED, None)
    assert len(rig.outcomes) == 1
    stopped = started()
    stopped.session.stop("first")
    stopped.session.stop("second")
    assert stopped.session.stop_reason == "first"


# -- done ---------------------------------------------------------------------------------


def test_done_on_a_self_paced_step_logs_its_reps_and_moves_on() -> None:
    rig = started(start_index=7)
    state = rig.at(30)
    assert (state.remaining, state.waiting_for_done, state.elapsed_in_step) == (None, True, 30)
    assert rig.session.mark_done() is True
    assert rig.logged() == [(7, "done", 30, 4, 30)]
    assert rig.session.status == FINISHED


def test_done_is_refused_on_timed_steps_while_paused_in_the_lead_in_and_before_start() -> None:
    rig = Rig(start_index=7, lead_in_seconds=5)
    assert rig.session.mark_done() is False
    rig.session.start()
    rig.at(2)
    assert rig.session.mark_done() is False
    rig.at(6)
    rig.session.pause()
    assert rig.session.mark_done() is False
    assert rig.outcomes == []
    timed = started()
    timed.at(7)
    assert timed.session.mark_done() is False
    assert timed.session.index == 1


def test_a_timed_work_step_that_runs_out_logs_its_planned_reps() -> None:
    rig = started(start_index=5)
    rig.at(6)
    assert rig.logged() == [(5, "done", 6, 3, 6)]


# -- pause and resume ---------------------------------------------------------------------


def test_toggle_pause_pauses_then_resumes() -> None:
    rig = started()
    rig.at(3)
    rig.session.toggle_pause()
    assert rig.session.status == PAUSED
    rig.jump(10)
    rig.session.toggle_pause()
    assert rig.session.status == RUNNING
    assert rig.session.paused_seconds == 7
    assert where(rig.at(11)) == (RUNNING, 0, 4)


def test_pause_and_resume_are_ignored_where_they_mean_nothing() -> None:
    rig = Rig()
    rig.session.pause()
    rig.session.resume()
    assert rig.session.status == READY
    rig.session.start()
    rig.at(3)
    rig.session.resume()
    assert rig.session.paused_seconds == 0
    rig.session.start()
    assert where(rig.session.state()) == (RUNNING, 0, 3)


def test_a_paused_clock_going_backwards_adds_no_pause() -> None:
    rig = started()
    rig.at(4)
    rig.session.pause()
    rig.jump(2)
    rig.session.resume()
    assert rig.session.paused_seconds == 0


# -- lead-in and construction -------------------------------------------------------------


def test_the_lead_in_counts_down_then_starts_its_step_without_logging() -> None:
    rig = started(start_index=4, lead_in_seconds=10)
    state = rig.at(3)
    assert rig.session.in_lead_in is True
    assert (state.index, state.remaining, state.step.kind if state.step else None) == (
        4,
        7,
        PREPARE,
    )
    assert state.session_remaining == 7 + 6 + 6 + 5 + 16
    state = rig.at(10)
    assert rig.session.in_lead_in is False
    assert where(state) == (RUNNING, 4, 0)
    assert rig.outcomes == []
    assert rig.at(16).index == 5
    assert rig.logged() == [(4, "done", 6, None, 16)]


def test_a_lead_in_of_zero_is_none() -> None:
    rig = Rig(start_index=2, lead_in_seconds=0)
    assert rig.session.in_lead_in is False
    assert rig.session.current_step is rig.session.timeline.steps[2]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"start_index": -1}, "start step -1 is outside the timeline"),
        ({"start_index": 8}, "start step 8 is outside the timeline"),
        ({"lead_in_seconds": -0.5}, "the lead-in cannot be negative"),
    ],
)
def test_a_session_refuses_a_start_outside_the_timeline(
    options: dict[str, float], message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        Rig(**options)
    assert str(raised.value) == message


def test_a_session_needs_a_step() -> None:
    empty = Timeline(small_timeline().routine, ())
    with pytest.raises(ValueError) as raised:
        Session(empty, lambda: T0)
    assert str(raised.value) == "a session needs at least one step"


def test_the_last_step_may_be_the_start() -> None:
    assert Rig(start_index=7).session.index == 7


def test_easier_target_is_the_exercise_on_screen_or_the_next_one() -> None:
    rig = started()
    steps = rig.session.timeline.steps
    assert rig.session.easier_target is steps[1]
    rig.at(6)
    assert rig.session.easier_target is steps[1]
    rig.at(19)
    assert rig.session.easier_target is steps[3]
    rig.session.stop("pain")
    assert rig.session.easier_target is None
    assert rig.session.current_step is None

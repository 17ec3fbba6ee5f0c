from __future__ import annotations

import random

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.engine import (
    CUE_HALFWAY,
    CUE_REP,
    CUE_SESSION_END,
    CUE_START,
    CUE_SWITCH,
    CUE_TICK,
    FINISHED,
    PAUSED,
    RUNNING,
    STOPPED,
    Session,
    StepOutcome,
)
from sciatica_coach.core.timeline import WORK, Timeline, expand_routine


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def run_for(session: Session, clock: FakeClock, seconds: float, tick: float = 0.25) -> None:
    """Poll like the player does; jumps over 5 s between polls would look like sleep."""
    end = clock.now + seconds
    while clock.now < end - 1e-9:
        clock.advance(min(tick, end - clock.now))
        session.state()


def long_timeline() -> Timeline:
    """About 45 minutes: holds and paced reps, sides, sets and rests."""
    exercises = [
        exercise_table("stretch", hold=30, sets=3, rest=15, sides="both", rest_after=30),
        exercise_table("bridge", mode="reps", reps=12, tempo=5, sets=3, rest=45, rest_after=60),
        exercise_table("plank", hold=20, sets=3, rest=20, sides="both", rest_after=30),
        exercise_table("bird", mode="reps", reps=6, tempo=6, sides="alternating", sets=2, rest=40),
    ]
    blocks = [{"exercise": e["id"]} for e in exercises] * 3
    timeline = expand_routine(make_routine(*blocks, exercises=exercises))
    assert 40 * 60 < timeline.total_seconds < 50 * 60
    return timeline


def test_jittery_ticks_land_every_boundary_on_plan_and_exclude_pauses() -> None:
    timeline = long_timeline()
    clock = FakeClock()
    outcomes: list[StepOutcome] = []
    session = Session(timeline, clock, on_step_end=outcomes.append)
    rng = random.Random(7)
    session.start()
    started = clock.now
    paused_total = 0.0
    pauses: list[tuple[int, float]] = []
    while session.status != FINISHED:
        clock.advance(rng.uniform(0.001, 0.200))
        state = session.state()
        if rng.random() < 0.002 and session.status == RUNNING:
            session.pause()
            pause = rng.uniform(1, 60)
            clock.advance(pause)
            paused_total += pause
            pauses.append((state.index, pause))
            session.resume()
    assert len(pauses) > 5
    assert [o.step.index for o in outcomes] == list(range(len(timeline.steps)))
    planned_end = started
    for outcome in outcomes:
        planned_end += outcome.step.seconds + sum(p for i, p in pauses if i == outcome.step.index)
        assert abs(outcome.ended_at - planned_end) < 0.010, outcome.step
    assert abs(session.paused_seconds - paused_total) < 1e-6
    final = session.state()
    assert abs(final.elapsed - timeline.total_seconds) < 0.010


def test_step_boundaries_match_plan_within_10ms() -> None:
    timeline = long_timeline()
    clock = FakeClock()
    outcomes: list[StepOutcome] = []
    session = Session(timeline, clock, on_step_end=outcomes.append)
    rng = random.Random(11)
    session.start()
    while session.status != FINISHED:
        clock.advance(rng.uniform(0.001, 0.200))
        session.state()
    for outcome in outcomes:
        assert abs(outcome.actual_seconds - outcome.step.seconds) < 0.010
        assert outcome.status == "done"


def test_pause_freezes_the_countdown() -> None:
    clock = FakeClock()
    session = Session(expand_routine(make_routine()), clock)
    session.start()
    run_for(session, clock, 4)
    session.pause()
    clock.advance(100)
    state = session.state()
    assert state.status == PAUSED and state.index == 0
    assert state.remaining == 6
    session.resume()
    run_for(session, clock, 6.5)
    state = session.state()
    assert state.index == 1 and state.elapsed == 10.5
    assert abs(state.remaining - 19.5) < 1e-9  # type: ignore[operator]


def test_a_long_gap_pauses_where_the_gap_began() -> None:
    clock = FakeClock()
    session = Session(expand_routine(make_routine()), clock)
    session.start()
    run_for(session, clock, 3)
    session.state()
    clock.advance(600)  # laptop lid closed for ten minutes
    state = session.state()
    assert state.status == PAUSED and state.slept
    assert state.index == 0 and state.remaining == 7
    session.resume()
    run_for(session, clock, 7)
    assert session.state().index == 1


def test_skip_logs_skipped_with_actual_time() -> None:
    clock = FakeClock()
    outcomes: list[StepOutcome] = []
    session = Session(expand_routine(make_routine()), clock, on_step_end=outcomes.append)
    session.start()
    run_for(session, clock, 10)
    session.state()
    run_for(session, clock, 5)
    session.skip()
    assert session.status == FINISHED
    assert [(o.step.kind, o.status, o.actual_seconds) for o in outcomes] == [
        ("prepare", "done", 10),
        (WORK, "skipped", 5),
    ]


def test_self_paced_step_waits_for_done() -> None:
    clock = FakeClock()
    routine = make_routine(exercises=[exercise_table("bridge", mode="reps", reps=8)])
    outcomes: list[StepOutcome] = []
    session = Session(expand_routine(routine), clock, on_step_end=outcomes.append)
    session.start()
    run_for(session, clock, 10)
    session.state()
    for _ in range(30):
        run_for(session, clock, 1)
        state = session.state()
    assert state.waiting_for_done and state.remaining is None and state.index == 1
    run_for(session, clock, 2)
    assert session.mark_done()
    assert session.status == FINISHED
    assert outcomes[-1].status == "done" and outcomes[-1].actual_seconds == 32
    assert outcomes[-1].reps_done == 8


def test_mark_done_is_ignored_on_a_timed_step() -> None:
    clock = FakeClock()
    session = Session(expand_routine(make_routine()), clock)
    session.start()
    assert not session.mark_done()
    assert session.index == 0


def test_back_returns_to_the_exercise_just_done() -> None:
    clock = FakeClock()
    routine = make_routine({"exercise": "bridge", "sets": 2})
    session = Session(expand_routine(routine), clock)
    session.start()
    run_for(session, clock, 10 + 20 + 3)  # into the rest after set 1
    assert session.state().step.kind == "rest"  # type: ignore[union-attr]
    session.back()
    state = session.state()
    assert state.index == 1 and state.elapsed_in_step == 0 and state.remaining == 20


def test_restart_step_resets_its_timer() -> None:
    clock = FakeClock()
    session = Session(expand_routine(make_routine()), clock)
    session.start()
    run_for(session, clock, 12)
    session.restart_step()
    run_for(session, clock, 1)
    state = session.state()
    assert state.index == 1 and state.remaining == 19


def test_stop_records_reason_and_ends_the_session() -> None:
    clock = FakeClock()
    outcomes: list[StepOutcome] = []
    session = Session(expand_routine(make_routine()), clock, on_step_end=outcomes.append)
    session.start()
    run_for(session, clock, 15)
    session.stop("pain_spreading")
    state = session.state()
    assert state.status == STOPPED and session.stop_reason == "pain_spreading"
    # The prepare step ended on time; the hold under way is logged as stopped where it got to.
    assert [(o.step.index, o.status) for o in outcomes] == [(0, "done"), (1, "stopped")]
    prepare_seconds = outcomes[0].actual_seconds
    assert outcomes[1].actual_seconds == 15 - prepare_seconds
    assert session.stop_index == 1
    assert state.elapsed == 15


def test_a_stop_while_paused_logs_the_step_up_to_the_pause_and_no_paused_time() -> None:
    clock = FakeClock()
    outcomes: list[StepOutcome] = []
    session = Session(expand_routine(make_routine()), clock, on_step_end=outcomes.append)
    session.start()
    run_for(session, clock, 12)
    session.pause()
    clock.advance(300)
    session.stop("tired")
    stopped = outcomes[-1]
    assert stopped.status == "stopped"
    assert stopped.actual_seconds == 12 - outcomes[0].actual_seconds
    assert session.state().elapsed == 12
    assert session.paused_seconds == 300


def test_a_stop_part_way_through_paced_reps_logs_the_reps_finished() -> None:
    clock = FakeClock()
    routine = make_routine(
        {"exercise": "bridge"},
        exercises=[exercise_table("bridge", mode="reps", reps=10, tempo=4)],
        prepare=0,
    )
    outcomes: list[StepOutcome] = []
    session = Session(expand_routine(routine), clock, on_step_end=outcomes.append)
    session.start()
    run_for(session, clock, 13.5)  # three reps of four seconds done, the fourth under way
    session.stop("sharp_pain")
    assert [(o.status, o.reps_done) for o in outcomes] == [("stopped", 3)]


def test_a_resumed_session_counts_down_into_its_step_and_never_logs_the_lead_in() -> None:
    clock = FakeClock()
    timeline = expand_routine(make_routine())
    outcomes: list[StepOutcome] = []
    session = Session(
        timeline, clock, on_step_end=outcomes.append, start_index=1, lead_in_seconds=10
    )
    session.start()
    state = session.state()
    assert session.in_lead_in and state.step is not None
    assert state.step.title == "Get ready" and state.remaining == 10
    assert state.session_remaining == timeline.seconds_from(1) + 10
    run_for(session, clock, 9.9)
    assert session.in_lead_in
    clock.advance(0.2)
    state = session.state()
    ticks = [cue.kind for cue in state.cues]
    assert not session.in_lead_in and state.index == 1 and state.step == timeline.steps[1]
    assert CUE_START in ticks
    assert outcomes == []
    run_for(session, clock, timeline.steps[1].seconds)
    assert [(o.step.index, o.status) for o in outcomes] == [(1, "done")]


def test_stopping_during_the_lead_in_logs_nothing() -> None:
    clock = FakeClock()
    outcomes: list[StepOutcome] = []
    timeline = expand_routine(make_routine())
    session = Session(
        timeline, clock, on_step_end=outcomes.append, start_index=1, lead_in_seconds=10
    )
    session.start()
    run_for(session, clock, 4)
    session.stop("user")
    assert outcomes == [] and session.stop_index is None


def test_cues_countdown_halfway_switch_and_end() -> None:
    clock = FakeClock()
    routine = make_routine({"exercise": "bridge", "sides": "both", "hold": 20})
    session = Session(expand_routine(routine), clock)
    session.start()
    cues = []
    while session.status != FINISHED:
        clock.advance(0.1)
        cues.extend((c.kind, c.step_index, c.count) for c in session.state().cues)
    assert [c for c in cues if c[1] == 0] == [
        (CUE_TICK, 0, 3),
        (CUE_TICK, 0, 2),
        (CUE_TICK, 0, 1),
        ("step_end", 0, None),
    ]
    assert (CUE_START, 1, None) in cues and (CUE_HALFWAY, 1, None) in cues
    assert (CUE_SWITCH, 2, None) in cues
    assert cues[-1] == (CUE_SESSION_END, 3, None)


def test_paced_reps_give_a_cue_per_rep() -> None:
    clock = FakeClock()
    routine = make_routine(
        {"exercise": "tilt", "reps": 4, "tempo": 5},
        exercises=[exercise_table("tilt", mode="reps")],
    )
    session = Session(expand_routine(routine), clock)
    session.start()
    cues = []
    while session.status != FINISHED:
        clock.advance(0.05)
        cues.extend(c for c in session.state().cues if c.kind == CUE_REP)
    assert [(c.offset, c.count) for c in cues] == [(5, 2), (10, 3), (15, 4)]


def test_resume_starts_at_the_given_step() -> None:
    clock = FakeClock()
    routine = make_routine({"exercise": "bridge", "sets": 3})
    session = Session(expand_routine(routine), clock, start_index=3)
    session.start()
    assert session.state().index == 3

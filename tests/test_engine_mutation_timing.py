"""When the engine does things, not only whether: every cue of a small routine against a
hand-written schedule, to the poll; the state's numbers at known moments; the sleep gap at
its limit; reps counted by the clock at their boundaries."""

from __future__ import annotations

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.engine import (
    COUNTDOWN_FROM,
    CUE_HALFWAY,
    CUE_REP,
    CUE_REST,
    CUE_SESSION_END,
    CUE_START,
    CUE_STEP_END,
    CUE_SWITCH,
    CUE_TICK,
    FINISHED,
    MIN_HALFWAY_SECONDS,
    PAUSED,
    READY,
    RUNNING,
    SLEEP_GAP_SECONDS,
    Cue,
    Session,
    SessionState,
    StepOutcome,
    planned_cues,
    reps_before,
)
from sciatica_coach.core.timeline import PREPARE, REST, SWITCH, WORK, Step, Timeline, expand_routine

T0 = 1000.0


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now

    def at(self, seconds: float) -> None:
        """Set the clock to ``seconds`` after the session began."""
        self.now = T0 + seconds


def small_timeline() -> Timeline:
    """0 prepare 5 s; 1 bridge left 12 s; 2 switch 4 s; 3 bridge right 12 s; 4 rest 6 s;
    5 clam, 3 reps at 2 s (6 s). 45 s in all."""
    exercises = [
        exercise_table("bridge", hold=12, sides="both", rest_after=6),
        exercise_table("clam", mode="reps", reps=3, tempo=2, rest_after=0),
    ]
    routine = make_routine(
        {"exercise": "bridge"}, {"exercise": "clam"}, exercises=exercises, prepare=5, switch=4
    )
    timeline = expand_routine(routine)
    assert [(s.kind, s.seconds) for s in timeline.steps] == [
        (PREPARE, 5),
        (WORK, 12),
        (SWITCH, 4),
        (WORK, 12),
        (REST, 6),
        (WORK, 6),
    ]
    return timeline


# (seconds after start, kind, step, offset in step, count), written out by hand.
SCHEDULE = [
    (2, CUE_TICK, 0, 2, 3),
    (3, CUE_TICK, 0, 3, 2),
    (4, CUE_TICK, 0, 4, 1),
    (5, CUE_STEP_END, 0, 5, None),
    (5, CUE_START, 1, 0, None),
    (11, CUE_HALFWAY, 1, 6, None),
    (14, CUE_TICK, 1, 9, 3),
    (15, CUE_TICK, 1, 10, 2),
    (16, CUE_TICK, 1, 11, 1),
    (17, CUE_STEP_END, 1, 12, None),
    (17, CUE_SWITCH, 2, 0, None),
    (18, CUE_TICK, 2, 1, 3),
    (19, CUE_TICK, 2, 2, 2),
    (20, CUE_TICK, 2, 3, 1),
    (21, CUE_STEP_END, 2, 4, None),
    (21, CUE_START, 3, 0, None),
    (27, CUE_HALFWAY, 3, 6, None),
    (30, CUE_TICK, 3, 9, 3),
    (31, CUE_TICK, 3, 10, 2),
    (32, CUE_TICK, 3, 11, 1),
    (33, CUE_STEP_END, 3, 12, None),
    (33, CUE_REST, 4, 0, None),
    (36, CUE_TICK, 4, 3, 3),
    (37, CUE_TICK, 4, 4, 2),
    (38, CUE_TICK, 4, 5, 1),
    (39, CUE_STEP_END, 4, 6, None),
    (39, CUE_START, 5, 0, None),
    (41, CUE_REP, 5, 2, 2),
    (42, CUE_TICK, 5, 3, 3),
    (43, CUE_REP, 5, 4, 3),
    (43, CUE_TICK, 5, 4, 2),
    (44, CUE_TICK, 5, 5, 1),
    (45, CUE_STEP_END, 5, 6, None),
    (45, CUE_SESSION_END, 5, 6, None),
]


def heard(polls: list[float]) -> list[tuple[float, str, int, float, int | None]]:
    """Start a session of the small timeline, poll it at ``polls`` and note each cue with
    the poll that brought it."""
    clock = Clock()
    session = Session(small_timeline(), clock)
    session.start()
    cues = []
    for poll in polls:
        clock.at(poll)
        cues += [(poll, c.kind, c.step_index, c.offset, c.count) for c in session.state().cues]
    assert session.status == FINISHED
    return cues


def test_every_cue_arrives_at_the_poll_of_its_moment_and_not_before() -> None:
    polls = [n / 4 for n in range(1, 46 * 4)]
    assert heard(polls) == SCHEDULE


def test_with_slow_polls_each_cue_arrives_at_the_first_poll_after_its_moment() -> None:
    polls = [1.5 + 2 * n for n in range(23)]
    expected = [(next(p for p in polls if p >= cue[0]), *cue[1:]) for cue in SCHEDULE]
    assert heard(polls) == expected


def test_the_planned_cues_of_each_kind_of_step() -> None:
    steps = small_timeline().steps
    assert planned_cues(steps[0]) == [
        (2, CUE_TICK, 3),
        (3, CUE_TICK, 2),
        (4, CUE_TICK, 1),
        (5, CUE_STEP_END, None),
    ]
    assert planned_cues(steps[5]) == [
        (0.0, CUE_START, None),
        (2.0, CUE_REP, 2),
        (3, CUE_TICK, 3),
        (4.0, CUE_REP, 3),
        (4, CUE_TICK, 2),
        (5, CUE_TICK, 1),
        (6, CUE_STEP_END, None),
    ]


def test_the_first_step_has_no_opening_cue_whatever_its_kind() -> None:
    work = small_timeline().steps[1]
    first = Step(0, WORK, 12, work.exercise)
    assert [kind for _, kind, _ in planned_cues(first)][:1] == [CUE_HALFWAY]


@pytest.mark.parametrize(
    ("seconds", "halfway"),
    [(MIN_HALFWAY_SECONDS, True), (MIN_HALFWAY_SECONDS - 0.5, False)],
)
def test_halfway_is_for_work_of_ten_seconds_or_more(seconds: float, halfway: bool) -> None:
    work = small_timeline().steps[1]
    step = Step(1, WORK, seconds, work.exercise)
    assert ((seconds / 2, CUE_HALFWAY, None) in planned_cues(step)) is halfway
    assert not any(k == CUE_HALFWAY for _, k, _ in planned_cues(Step(1, REST, 20)))


@pytest.mark.parametrize(("seconds", "ticks"), [(COUNTDOWN_FROM, 0), (COUNTDOWN_FROM + 0.5, 3)])
def test_the_countdown_needs_a_step_longer_than_three_seconds(seconds: float, ticks: int) -> None:
    cues = planned_cues(Step(1, REST, seconds))
    assert [c for c in cues if c[1] == CUE_TICK] == [
        (seconds - n, CUE_TICK, n) for n in range(COUNTDOWN_FROM, 0, -1)
    ][:ticks]
    assert cues[-1] == (seconds, CUE_STEP_END, None)


def test_a_self_paced_step_has_only_its_opening_cue() -> None:
    work = small_timeline().steps[1]
    step = Step(2, WORK, 40, work.exercise, reps=10, self_paced=True)
    assert planned_cues(step) == [(0.0, CUE_START, None)]


def state_at(session: Session, clock: Clock, seconds: float) -> SessionState:
    clock.at(seconds)
    return session.state()


def test_the_state_s_numbers_at_known_moments() -> None:
    clock = Clock()
    session = Session(small_timeline(), clock)
    before = session.state()
    assert (before.status, before.index, before.elapsed_in_step, before.elapsed) == (READY, 0, 0, 0)
    assert (before.remaining, before.session_remaining, before.progress) == (5, 45, 0)
    session.start()
    for moment in [n / 2 for n in range(1, 15)]:
        state_at(session, clock, moment)
    state = state_at(session, clock, 7.5)
    assert (state.status, state.index, state.step, state.elapsed_in_step) == (
        RUNNING,
        1,
        session.timeline.steps[1],
        2.5,
    )
    assert (state.remaining, state.elapsed, state.session_remaining) == (9.5, 7.5, 37.5)
    assert state.progress == pytest.approx(7.5 / 45)
    assert state.slept is False and state.waiting_for_done is False


def poll_until(session: Session, clock: Clock, start: float, end: float) -> None:
    moment = start
    while moment < end:
        moment = min(end, moment + 1)
        state_at(session, clock, moment)


def test_the_state_after_the_end() -> None:
    clock = Clock()
    session = Session(small_timeline(), clock)
    session.start()
    poll_until(session, clock, 0, 46)
    state = state_at(session, clock, 60)
    assert (state.status, state.step, state.remaining, state.session_remaining) == (
        FINISHED,
        None,
        None,
        0,
    )
    assert (state.elapsed, state.progress, state.elapsed_in_step) == (45, 1.0, 0)


def test_a_gap_of_exactly_the_sleep_limit_is_not_sleep() -> None:
    clock = Clock()
    session = Session(small_timeline(), clock)
    session.start()
    state = state_at(session, clock, SLEEP_GAP_SECONDS)
    assert (state.status, state.index, state.slept) == (RUNNING, 1, False)


def test_a_gap_just_over_the_limit_pauses_at_the_last_poll_and_resume_clears_it() -> None:
    clock = Clock()
    outcomes: list[StepOutcome] = []
    session = Session(small_timeline(), clock, on_step_end=outcomes.append)
    session.start()
    poll_until(session, clock, 0, 7)
    state = state_at(session, clock, 7 + SLEEP_GAP_SECONDS + 0.01)
    assert (state.status, state.index, state.slept, state.elapsed_in_step) == (PAUSED, 1, True, 2)
    assert state.elapsed == 7
    assert [(o.step.index, o.ended_at) for o in outcomes] == [(0, T0 + 5)]
    clock.at(100)
    session.resume()
    state = state_at(session, clock, 101)
    assert (state.status, state.slept, state.elapsed_in_step, state.elapsed) == (
        RUNNING,
        False,
        3,
        8,
    )
    assert session.paused_seconds == 93


def test_a_step_end_exactly_at_a_poll_moves_on_at_that_poll() -> None:
    clock = Clock()
    outcomes: list[StepOutcome] = []
    session = Session(small_timeline(), clock, on_step_end=outcomes.append)
    session.start()
    state = state_at(session, clock, 5)
    assert (state.index, state.elapsed_in_step, state.remaining) == (1, 0, 12)
    assert outcomes == [StepOutcome(session.timeline.steps[0], "done", 5, None, T0 + 5)]


def paced(reps: int, tempo: float, *, alternating: bool = False) -> Step:
    work = small_timeline().steps[5]
    return Step(
        5, WORK, reps * tempo, work.exercise, reps=reps, tempo=tempo, alternating=alternating
    )


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, 0), (1.999, 0), (2, 1), (2 - 1e-10, 1), (5.9, 2), (6, 3), (60, 3)],
)
def test_reps_finished_by_the_clock(seconds: float, expected: int) -> None:
    assert reps_before(paced(3, 2), seconds) == expected


@pytest.mark.parametrize(("seconds", "expected"), [(1.5, 0), (3, 1), (4.5, 1), (6, 2), (99, 2)])
def test_alternating_reps_take_two_movements(seconds: float, expected: int) -> None:
    assert reps_before(paced(2, 1.5, alternating=True), seconds) == expected


def test_reps_are_not_counted_by_the_clock_for_holds_rests_or_own_pace() -> None:
    work = small_timeline().steps[5]
    assert reps_before(Step(1, WORK, 12, work.exercise), 6) is None
    assert reps_before(Step(1, REST, 12, reps=3, tempo=2), 6) is None
    own_pace = Step(1, WORK, 12, work.exercise, reps=3, tempo=2, self_paced=True)
    assert reps_before(own_pace, 6) is None
    assert reps_before(Step(1, WORK, 12, work.exercise, tempo=2), 6) is None


def test_cue_is_plain_data() -> None:
    assert Cue(CUE_TICK, 1, 2.0) == Cue(CUE_TICK, 1, 2.0, None)

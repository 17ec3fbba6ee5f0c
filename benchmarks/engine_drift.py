"""Worst step-boundary error over a simulated 45-minute session polled with jittery ticks.

The engine is driven by a fake clock advanced by random 1-200 ms ticks, with pauses thrown
in; each step's end, as the engine reports it, is compared with where the plan puts it.
"""

from __future__ import annotations

import random
import statistics
import time

from sciatica_coach.core.catalog import parse_routine
from sciatica_coach.core.engine import FINISHED, RUNNING, Session, StepOutcome
from sciatica_coach.core.timeline import Timeline, expand_routine


def forty_five_minutes() -> Timeline:
    cues = ["Breathe out", "Move slowly", "Stop if pain spreads"]
    exercises = [
        {
            "id": "hold_both",
            "name": "Hold",
            "group": "mobility",
            "position": "lying on back",
            "mode": "hold",
            "hold": 30,
            "sets": 3,
            "rest": 15,
            "sides": "both",
            "cues": cues,
        },
        {
            "id": "paced",
            "name": "Paced",
            "group": "core",
            "position": "lying on back",
            "mode": "reps",
            "reps": 8,
            "tempo": 5,
            "sets": 3,
            "rest": 45,
            "cues": cues,
        },
        {
            "id": "alternate",
            "name": "Alternate",
            "group": "core",
            "position": "hands and knees",
            "mode": "reps",
            "reps": 6,
            "tempo": 6,
            "sets": 2,
            "rest": 40,
            "sides": "alternating",
            "cues": cues,
        },
    ]
    blocks = [{"exercise": e["id"], "rest_after": 30} for e in exercises] * 4
    document = {"id": "drift", "name": "Drift", "exercise": exercises, "block": blocks}
    return expand_routine(parse_routine(document, {}, label="drift"))


def run_once(seed: int) -> tuple[float, float, int]:
    timeline = forty_five_minutes()
    now = [0.0]
    outcomes: list[StepOutcome] = []
    session = Session(timeline, lambda: now[0], on_step_end=outcomes.append)
    rng = random.Random(seed)
    pauses: dict[int, float] = {}
    session.start()
    ticks = 0
    while session.status != FINISHED:
        now[0] += rng.uniform(0.001, 0.200)
        ticks += 1
        state = session.state()
        if rng.random() < 0.001 and session.status == RUNNING:
            session.pause()
            pause = rng.uniform(1, 120)
            now[0] += pause
            pauses[state.index] = pauses.get(state.index, 0.0) + pause
            session.resume()
    planned_end = 0.0
    worst = 0.0
    for outcome in outcomes:
        planned_end += outcome.step.seconds + pauses.get(outcome.step.index, 0.0)
        worst = max(worst, abs(outcome.ended_at - planned_end))
    excluded_error = abs(session.state().elapsed - timeline.total_seconds)
    return worst, excluded_error, ticks


def tick_counting_error(seed: int = 0) -> float:
    """How far a timer that adds a nominal 100 ms per tick ends up from the real clock."""
    rng = random.Random(seed)
    real = counted = 0.0
    total = forty_five_minutes().total_seconds
    while counted < total:
        real += rng.uniform(0.001, 0.200)
        counted += 0.100
    return abs(real - counted)


def main() -> None:
    timeline = forty_five_minutes()
    print(f"routine: {len(timeline.steps)} steps, {timeline.total_seconds / 60:.1f} min planned")
    worst_all = 0.0
    wall: list[float] = []
    for seed in range(5):
        started = time.perf_counter()
        worst, paused_error, ticks = run_once(seed)
        wall.append(time.perf_counter() - started)
        worst_all = max(worst_all, worst)
        print(
            f"seed {seed}: {ticks} ticks, worst boundary error {worst * 1000:.6f} ms, "
            f"active-time error {paused_error * 1000:.6f} ms"
        )
    print(f"worst boundary error over all runs: {worst_all * 1000:.6f} ms (limit 10 ms)")
    print(f"for comparison, counting 100 ms ticks instead: {tick_counting_error():.1f} s off")
    print(f"simulation time per 45-minute session: median {statistics.median(wall):.3f} s")


if __name__ == "__main__":
    main()

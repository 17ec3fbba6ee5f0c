"""Fill a data folder with months of believable exercise history, for screenshots and demos.

Everything is written through the core's own SessionLog API, exactly as the app writes it:
a mix of the built-in routines, about four sessions a week with a holiday, a flare-up and a
quiet patch, pain easing slowly with day-to-day noise, a few sessions stopped (some by a safety
rule) or interrupted, skipped steps, and notes. The plan starts at three sessions a week and
goes up to four after a month, so past weeks are judged by the plan of their day. The same seed
and end date give the same data.

    python tools/make_demo_data.py --data-dir /tmp/demo --months 6
    SCIATICA_COACH_DATA_DIR=/tmp/demo sciatica-coach
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sciatica_coach.core import paths
from sciatica_coach.core.library import load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.recorder import step_record
from sciatica_coach.core.records import LogError, PainCheck, WeeklyPlan
from sciatica_coach.core.timeline import WORK, Timeline, expand_routine

FIRST_PLAN = WeeklyPlan(sessions_per_week=3)
PLAN = WeeklyPlan(sessions_per_week=4)
PLAN_RAISED_AFTER = timedelta(weeks=4, days=2)  # a month in, and likely part-way through a week
# Routine ids with how often they are picked early on and later (strength comes in later).
ROUTINE_WEIGHTS = {
    "gentle-start": (5, 1),
    "daily-mobility": (4, 4),
    "core-stability": (1, 3),
    "balance": (0.5, 1),
    "strength": (0, 2),
}
NOTES = (
    "Felt stiff to start, easier by the end.",
    "Leg tingling settled after the nerve glides.",
    "Slept badly, took it slowly.",
    "Good session, back felt looser afterwards.",
    "Did this one after a long drive.",
    "Knee to chest still pulls on the left.",
    "Walked 20 minutes before, warmed up nicely.",
    "Bridges felt strong today.",
    "Busy day, squeezed it in before work.",
)
FLARE_NOTES = (
    "Flare-up after lifting boxes at the weekend.",
    "Sore this morning, kept everything small.",
)
STOP_NOTES = (
    "Pain went further down the leg on the second stretch, stopped there.",
    "Tingling in the foot came back halfway through. Stopped and lay down.",
)


@dataclass(frozen=True)
class Phase:
    """A stretch of weeks where the user exercised more or less, and hurt more or less."""

    name: str
    session_chance: float  # chance of a session on any one day
    extra_pain: float


def phase_for(week: int, weeks: int) -> Phase:
    """The usual rhythm, with a holiday, a flare-up and a quiet patch at fixed points."""
    holiday = round(weeks * 0.3)
    flare = round(weeks * 0.55)
    quiet = round(weeks * 0.8)
    if week == holiday:
        return Phase("holiday", 0.08, 0.0)
    if flare <= week < flare + 2:
        return Phase("flare-up", 0.4, 2.2)
    if quiet <= week < quiet + 2:
        return Phase("quiet", 0.3, 0.4)
    return Phase("usual", 0.6, 0.0)


def start_time(rng: random.Random, day: date, zone: ZoneInfo) -> datetime:
    if rng.random() < 0.25:
        hour = rng.randint(18, 21)
    elif day.weekday() >= 5:
        hour = rng.randint(9, 11)
    else:
        hour = rng.randint(6, 8)
    return datetime(day.year, day.month, day.day, hour, rng.randrange(60), tzinfo=zone)


def pick_routine(rng: random.Random, progress: float) -> str:
    ids = list(ROUTINE_WEIGHTS)
    weights = [early + (late - early) * progress for early, late in ROUTINE_WEIGHTS.values()]
    return rng.choices(ids, weights)[0]


def score(value: float) -> int:
    return max(0, min(10, round(value)))


def reach_for(leg: int) -> str:
    return "below_knee" if leg >= 6 else "thigh" if leg >= 4 else "buttock" if leg >= 2 else "back"


class DemoWriter:
    def __init__(self, log: SessionLog, rng: random.Random, timelines: dict[str, Timeline]):
        self.log = log
        self.rng = rng
        self.timelines = timelines
        self.left_open = 0

    def session(self, started: datetime, progress: float, phase: Phase) -> None:
        rng = self.rng
        timeline = self.timelines[pick_routine(rng, progress)]
        routine = timeline.routine
        session_id = self.log.start_session(
            routine.id, routine.name, timeline.total_seconds, timeline.work_steps, started
        )
        leg = 6.5 - 4.0 * progress + phase.extra_pain + rng.gauss(0, 0.75)
        back = 5.0 - 2.5 * progress + phase.extra_pain * 0.6 + rng.gauss(0, 0.75)
        if rng.random() < 0.92:
            before = PainCheck("before", score(back), score(leg), reach=reach_for(score(leg)))
            self.log.record_pain(session_id, before, started)

        outcome, reason = "completed", None
        roll = rng.random()
        if phase.name == "flare-up" and roll < 0.35:
            outcome, reason = (
                "stopped",
                rng.choice(("pain_spreading", "pain_spreading", "numbness")),
            )
        elif roll < 0.01:
            outcome, reason = "stopped", "sharp_pain"
        elif roll < 0.06:
            outcome, reason = "stopped", rng.choice(("user", "tired"))
        elif roll < 0.09:
            outcome = "interrupted"
        steps = timeline.steps
        last = len(steps) if outcome == "completed" else rng.randrange(3, len(steps) - 2)
        skip_chance = 0.03 + 0.05 * phase.extra_pain
        clock, active = started, 0.0
        for step in steps[:last]:
            skipped = step.kind == WORK and rng.random() < skip_chance
            actual = step.seconds * (rng.uniform(0.0, 0.3) if skipped else rng.uniform(0.96, 1.12))
            clock += timedelta(seconds=actual + rng.uniform(0.5, 4.0))
            active += actual
            reps_done = None
            if step.kind == WORK and step.reps is not None:
                reps_done = 0 if skipped else step.reps - (rng.random() < 0.1)
            status = "skipped" if skipped else "done"
            record = step_record(step, status, actual, reps_done, clock)
            self.log.record_step(session_id, record)
        if outcome == "interrupted":
            self.left_open += 1  # found "interrupted" when the log is next opened
            return
        self.log.finish_session(session_id, outcome, clock, round(active, 3), reason)
        if rng.random() < 0.85:
            relief = rng.choice((0, 1, 1, 1, 2)) if reason is None else -rng.choice((0, 1, 2))
            after_leg = score(leg - relief + rng.gauss(0, 0.5))
            after = PainCheck(
                "after",
                score(back - relief + rng.gauss(0, 0.5)),
                after_leg,
                reach=reach_for(after_leg),
            )
            self.log.record_pain(session_id, after, clock + timedelta(minutes=1))
        note_roll = rng.random()
        if reason in ("pain_spreading", "numbness"):
            self.log.set_notes(session_id, rng.choice(STOP_NOTES))
        elif phase.name == "flare-up" and note_roll < 0.3:
            self.log.set_notes(session_id, rng.choice(FLARE_NOTES))
        elif note_roll < 0.12:
            self.log.set_notes(session_id, rng.choice(NOTES))


def make_demo_data(
    data_dir: Path, months: int, seed: int, end: date, zone: ZoneInfo
) -> tuple[int, int]:
    """Write the history into data_dir's log; returns (sessions, interrupted)."""
    library = load_library(None)
    timelines = {rid: expand_routine(library.routines[rid]) for rid in ROUTINE_WEIGHTS}
    rng = random.Random(seed)
    first = end - timedelta(days=round(months * 30.44))
    days = (end - first).days
    weeks = days // 7 + 1
    count = 0
    paths.ensure_private_dir(data_dir)
    with SessionLog(data_dir / paths.DATABASE_NAME) as log:
        if log.sessions():
            raise LogError(f"{log.path} already holds sessions; choose an empty data folder.")
        log.set_plan(FIRST_PLAN, first)
        log.set_plan(PLAN, first + PLAN_RAISED_AFTER)
        writer = DemoWriter(log, rng, timelines)
        for offset in range(days + 1):
            day = first + timedelta(days=offset)
            phase = phase_for(offset // 7, weeks)
            if rng.random() < phase.session_chance:
                writer.session(start_time(rng, day, zone), offset / days, phase)
                count += 1
        interrupted = writer.left_open
    SessionLog(data_dir / paths.DATABASE_NAME).close()  # marks the open ones interrupted
    return count, interrupted


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="folder to write the log in")
    parser.add_argument("--months", type=int, default=6, help="months of history (default 6)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument(
        "--end",
        type=date.fromisoformat,
        default=date.today(),
        help="last day of the history, YYYY-MM-DD (default today)",
    )
    parser.add_argument("--zone", default="Europe/London", help="time zone of the sessions")
    args = parser.parse_args(argv)
    if not 1 <= args.months <= 240:
        parser.error("--months must be from 1 to 240")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        count, interrupted = make_demo_data(
            args.data_dir, args.months, args.seed, args.end, ZoneInfo(args.zone)
        )
    except LogError as error:
        print(f"make_demo_data: {error}", file=sys.stderr)
        return 1
    print(
        f"Wrote {count} sessions ({interrupted} interrupted) over {args.months} months "
        f"to {args.data_dir / paths.DATABASE_NAME}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

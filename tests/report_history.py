"""A made-up but plausible history for report tests, screenshots and the report benchmark.

Sessions follow the built-in routines step by step, with skipped sets, stops, pain easing
over the months and the odd note, one of which tries to smuggle in an image tag. Everything
comes from a seeded random generator, so the same call always writes the same history.

docs/screenshots/summary.png and report.png are the first pages of session 92 and of
1 Apr - 30 Jun 2024 from `write_history(log, load_library(None), date(2024, 1, 1),
date(2024, 12, 31))`, written with `sciatica-coach summary 92 --pdf ... --paper a4` and
`sciatica-coach report --from 2024-04-01 --to 2024-06-30 --pdf ... --paper a4`, then
`pdftoppm -png -r 80 -f 1 -l 1 -singlefile`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sciatica_coach.core.library import Library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, SessionRecord, StepRecord
from sciatica_coach.core.timeline import WORK, expand_routine

LONDON = ZoneInfo("Europe/London")
HOSTILE_NOTE = 'Felt tight <img src=file:///etc/passwd> & "stiff" after sitting'
NOTES = (
    "Left calf tingled during the nerve glide, settled after a minute.",
    "Good day. Walked to the shops afterwards.",
    "Slept badly; kept it gentle.",
    "Back ached in the morning, easier once warmed up.",
)
STOP_REASONS = ("pain_spreading", "tired", "user", "numbness")


@dataclass(frozen=True)
class HistoryFacts:
    """What the generator wrote, for tests to check figures against."""

    session_ids: tuple[int, ...]
    first_day: date
    last_day: date
    adherent: int
    stopped: int
    notes: int


def routine_for(day: date) -> str:
    if day.month <= 2:
        return "gentle-start"
    if day.month <= 5:
        return "daily-mobility"
    return "core-stability" if day.toordinal() % 2 else "strength"


def write_history(
    log: SessionLog, library: Library, start: date, end: date, *, seed: int = 7
) -> HistoryFacts:
    """Write sessions on most days from start to end in one transaction."""
    rng = random.Random(seed)
    entries: list[tuple[SessionRecord, list[StepRecord], dict[str, datetime]]] = []
    span = max(1, (end - start).days)
    day = start
    adherent = stopped = notes = 0
    while day <= end:
        chance = 0.78 if day.weekday() < 5 else 0.3
        if rng.random() < chance:
            progress = (day - start).days / span
            entry = _session(library, day, progress, rng, note_index=len(entries))
            entries.append(entry)
            record = entry[0]
            adherent += record.adherent
            stopped += record.status == "stopped"
            notes += bool(record.notes)
        day += timedelta(days=1)
    ids = log.import_sessions(entries)
    return HistoryFacts(
        tuple(i for i in ids if i is not None), start, end, adherent, stopped, notes
    )


def _session(
    library: Library, day: date, progress: float, rng: random.Random, *, note_index: int
) -> tuple[SessionRecord, list[StepRecord], dict[str, datetime]]:
    routine = library.routines[routine_for(day)]
    timeline = expand_routine(routine)
    at = time(7, 30) if rng.random() < 0.6 else time(18, 15)
    started = datetime.combine(day, at, tzinfo=LONDON)
    stop_at = rng.randrange(len(timeline.steps)) if rng.random() < 0.04 else None
    steps: list[StepRecord] = []
    clock = started
    for step in timeline.steps:
        if stop_at is not None and step.index > stop_at:
            break
        work = step.kind == WORK
        skipped = work and rng.random() < 0.06
        actual = 1.5 if skipped else step.seconds * rng.uniform(0.95, 1.05)
        clock += timedelta(seconds=actual)
        steps.append(
            StepRecord(
                step_index=step.index,
                kind=step.kind,
                exercise_id=step.exercise.id if work and step.exercise else None,
                exercise_name=step.exercise.name if work and step.exercise else None,
                set_number=step.set_number,
                set_count=step.set_count,
                side=step.side,
                planned_seconds=step.seconds,
                actual_seconds=round(actual, 3),
                reps_planned=step.reps if work else None,
                reps_done=None if skipped or step.reps is None else step.reps,
                status="skipped" if skipped else "done",
                ended_at=clock,
            )
        )
    back = _score(6.5 - 4.0 * progress + rng.gauss(0, 0.8))
    leg = _score(7.0 - 4.5 * progress + rng.gauss(0, 0.9))
    before = PainCheck("before", back, leg, "", "below_knee" if leg > 4 else "thigh")
    after = PainCheck(
        "after", _score(back - rng.choice((0, 1, 1, 2))), _score(leg - rng.choice((0, 1, 1)))
    )
    if note_index % 11 == 3:
        note = HOSTILE_NOTE if note_index == 3 else NOTES[note_index % len(NOTES)]
    else:
        note = ""
    stop_reason = rng.choice(STOP_REASONS) if stop_at is not None else None
    work_planned = timeline.work_steps
    record = SessionRecord(
        id=0,
        routine_id=routine.id,
        routine_name=routine.name,
        started_at=started,
        local_date=day,
        utc_offset_minutes=int(started.utcoffset().total_seconds() // 60),  # type: ignore[union-attr]
        ended_at=clock,
        status="stopped" if stop_at is not None else "completed",
        stop_reason=stop_reason,
        planned_seconds=timeline.total_seconds,
        planned_work_steps=work_planned,
        active_seconds=round((clock - started).total_seconds(), 3),
        notes=note,
        pain_before=before,
        pain_after=None if stop_at is not None else after,
        work_done=0,
        work_skipped=0,
    )
    return record, steps, {"before": started, "after": clock}


def _score(value: float) -> int:
    return max(0, min(10, round(value)))

"""A small, hand-counted exercise history for the Progress and History view tests.

Europe/London, March-April 2024, around the clocks going forward (01:00 GMT on Sunday
31 March). Plan: 3 sessions a week. "Today" is Wednesday 17 April 2024.

 id  local start (London)     status                     active  work planned/done/skipped  pain
  1  Mon 18 Mar 09:00 GMT     completed                   600 s  3 / 3 / 0   5,6 -> 4,5
  2  Wed 20 Mar 18:30 GMT     completed                   900 s  4 / 3 / 1   4,6 -> 4,4
  3  Fri 22 Mar 09:00 GMT     stopped (user)              300 s  4 / 1 / 1   5,7 -> -
  4  Mon 25 Mar 09:00 GMT     completed                   600 s  3 / 3 / 0   -
  5  Sat 30 Mar 23:30 GMT     completed                   480 s  3 / 3 / 0   - -> 3,3
  6  Sun 31 Mar 00:30 GMT     completed                   420 s  3 / 3 / 0   -
  7  Sun 31 Mar 23:30 BST     stopped (pain_spreading)    240 s  4 / 2 / 0   4,5 -> 4,7
  8  Mon  1 Apr 00:30 BST     completed                   540 s  3 / 3 / 0   3,4 -> 2,3
     (still Sunday 31 March in UTC: it belongs to Monday's week)
  9  Wed  3 Apr 09:00 BST     interrupted (app killed)     70 s  4 / 2 / 0   -
 10  Thu  4 Apr 09:00 BST     completed                   660 s  4 / 2 / 2   3,4 -> 2,2
 11  Tue 16 Apr 09:00 BST     completed                   600 s  3 / 3 / 0   2,3 -> 1,2
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, StepRecord, WeeklyPlan

LONDON = ZoneInfo("Europe/London")
TODAY = date(2024, 4, 17)
PLAN = WeeklyPlan(3)
NOTE = "Hamstrings tight; took the stretches slowly."


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2024, month, day, hour, minute, tzinfo=LONDON)


def step(index: int, kind: str, status: str, ended: datetime, actual: float) -> StepRecord:
    work = kind == "work"
    return StepRecord(
        step_index=index,
        kind=kind,
        exercise_id="bridge" if work else None,
        exercise_name="Glute bridge" if work else None,
        set_number=index if work else 0,
        set_count=4 if work else 0,
        side="left" if work and index % 2 else None,
        planned_seconds=30.0 if work else 10.0,
        actual_seconds=actual,
        reps_planned=10 if work else None,
        reps_done=(10 if status == "done" else 0) if work else None,
        status=status,
        ended_at=ended,
    )


def add_session(
    log: SessionLog,
    started: datetime,
    *,
    status: str = "completed",
    reason: str | None = None,
    active: float,
    planned: int,
    done: int,
    skipped: int = 0,
    before: tuple[int, int] | None = None,
    after: tuple[int, int] | None = None,
    routine: tuple[str, str] = ("gentle-start", "Gentle start"),
) -> int:
    """A prepare step, then `done` work steps done and `skipped` skipped."""
    session_id = log.start_session(routine[0], routine[1], 900.0, planned, started)
    ended = started + timedelta(minutes=12)
    if before is not None:
        log.record_pain(session_id, PainCheck("before", *before), started)
    log.record_step(session_id, step(0, "prepare", "done", started, 10.0))
    for n in range(done + skipped):
        status_of_step = "done" if n < done else "skipped"
        actual = 30.0 if status_of_step == "done" else 2.0
        log.record_step(session_id, step(n + 1, "work", status_of_step, ended, actual))
    if status != "in_progress":
        log.finish_session(session_id, status, ended, active, reason)
    if after is not None:
        log.record_pain(session_id, PainCheck("after", *after), ended)
    return session_id


def build_known_history(path: Path) -> None:
    """Write the history above to a new log at path (session ids 1 to 11)."""
    with SessionLog(path) as log:
        log.set_plan(PLAN, at(3, 18, 9).date())
        add_session(log, at(3, 18, 9), active=600, planned=3, done=3, before=(5, 6), after=(4, 5))
        add_session(
            log,
            at(3, 20, 18, 30),
            active=900,
            planned=4,
            done=3,
            skipped=1,
            before=(4, 6),
            after=(4, 4),
            routine=("daily-mobility", "Daily mobility"),
        )
        add_session(
            log,
            at(3, 22, 9),
            status="stopped",
            reason="user",
            active=300,
            planned=4,
            done=1,
            skipped=1,
            before=(5, 7),
        )
        add_session(log, at(3, 25, 9), active=600, planned=3, done=3)
        add_session(log, at(3, 30, 23, 30), active=480, planned=3, done=3, after=(3, 3))
        add_session(log, at(3, 31, 0, 30), active=420, planned=3, done=3)
        add_session(
            log,
            at(3, 31, 23, 30),
            status="stopped",
            reason="pain_spreading",
            active=240,
            planned=4,
            done=2,
            before=(4, 5),
            after=(4, 7),
        )
        add_session(
            log, at(4, 1, 0, 30), active=540, planned=3, done=3, before=(3, 4), after=(2, 3)
        )
        # Killed mid-session: the next open finds it in progress and marks it interrupted,
        # with the time of its recorded steps (10 + 30 + 30 s) as its active time.
        add_session(log, at(4, 3, 9), status="in_progress", active=0, planned=4, done=2)
        ten = add_session(
            log,
            at(4, 4, 9),
            active=660,
            planned=4,
            done=2,
            skipped=2,
            before=(3, 4),
            after=(2, 2),
            routine=("core-stability", "Core and stability"),
        )
        log.set_notes(ten, NOTE)
        add_session(log, at(4, 16, 9), active=600, planned=3, done=3, before=(2, 3), after=(1, 2))
    SessionLog(path).close()

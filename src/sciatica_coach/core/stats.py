"""Progress figures: adherence, completion, streaks, minutes and pain, from the log's aggregates.

Days are the local calendar dates stored when each session started; weeks are ISO weeks
(Monday to Sunday) over those dates. A range given as (start, end) covers the whole weeks that
contain start and end, so a chart never shows a half-counted first or last week.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sciatica_coach.core.log import PainCheck, SessionLog, WeeklyPlan

ONE_DAY = timedelta(days=1)
ONE_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class WeekAdherence:
    week_start: date
    sessions_done: int
    planned: int
    adherence: float  # sessions_done / planned, capped at 1.0


@dataclass(frozen=True)
class WeekMinutes:
    week_start: date
    minutes: float


@dataclass(frozen=True)
class Streaks:
    current_weeks: int
    best_weeks: int
    current_days: int
    best_days: int


@dataclass(frozen=True)
class PainPoint:
    local_date: date
    session_id: int
    back_before: int | None
    leg_before: int | None
    back_after: int | None
    leg_after: int | None


def week_start(d: date) -> date:
    """The Monday of the ISO week holding d."""
    return d - timedelta(days=d.weekday())


def _week_starts(start: date, end: date) -> list[date]:
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    first, last = week_start(start), week_start(end)
    return [first + ONE_WEEK * n for n in range((last - first).days // 7 + 1)]


def weekly_adherence(
    log: SessionLog, plan: WeeklyPlan, start: date, end: date
) -> list[WeekAdherence]:
    """Every week from start to end, zeros included.

    A week's done sessions are the completed ones plus those stopped by a safety rule.
    """
    weeks = _week_starts(start, end)
    done = {
        totals.period_start: totals.adherent
        for totals in log.week_totals(weeks[0], weeks[-1] + ONE_WEEK - ONE_DAY)
    }
    planned = plan.planned_per_week
    return [
        WeekAdherence(week, done.get(week, 0), planned, min(1.0, done.get(week, 0) / planned))
        for week in weeks
    ]


def completion_ratio(log: SessionLog, start: date, end: date) -> float | None:
    """Work steps done / work steps planned over finished sessions; None if none were planned."""
    planned, done = log.work_totals(start, end)
    return done / planned if planned else None


def minutes_per_week(log: SessionLog, start: date, end: date) -> list[WeekMinutes]:
    """Active exercise minutes for every week from start to end, zeros included."""
    weeks = _week_starts(start, end)
    seconds = {
        totals.period_start: totals.active_seconds
        for totals in log.week_totals(weeks[0], weeks[-1] + ONE_WEEK - ONE_DAY)
    }
    return [WeekMinutes(week, seconds.get(week, 0.0) / 60) for week in weeks]


def pain_series(log: SessionLog, start: date, end: date) -> list[PainPoint]:
    """Before/after pain per session with a pain check, oldest first; None where not asked."""
    return [PainPoint(*row) for row in log.pain_rows(start, end)]


def streaks(log: SessionLog, plan: WeeklyPlan, today: date) -> Streaks:
    """Runs of weeks meeting the plan and of days with a done session.

    The current week counts once the plan is met; until then the week streak runs up to last
    week. The current day streak ends today or, if nothing is done yet today, yesterday.
    """
    planned = plan.planned_per_week
    met_weeks = [t.period_start for t in log.week_totals(until=today) if t.adherent >= planned]
    done_days = [t.period_start for t in log.day_totals(until=today) if t.adherent > 0]
    this_week = week_start(today)
    return Streaks(
        current_weeks=_run_ending(met_weeks, this_week, ONE_WEEK)
        or _run_ending(met_weeks, this_week - ONE_WEEK, ONE_WEEK),
        best_weeks=_longest_run(met_weeks, ONE_WEEK),
        current_days=_run_ending(done_days, today, ONE_DAY)
        or _run_ending(done_days, today - ONE_DAY, ONE_DAY),
        best_days=_longest_run(done_days, ONE_DAY),
    )


def _longest_run(ordered: Sequence[date], step: timedelta) -> int:
    best = run = 0
    previous: date | None = None
    for current in ordered:
        run = run + 1 if previous is not None and current - previous == step else 1
        best = max(best, run)
        previous = current
    return best


def _run_ending(dates: Iterable[date], last: date, step: timedelta) -> int:
    present = set(dates)
    run = 0
    while last - step * run in present:
        run += 1
    return run


@dataclass(frozen=True)
class DayActivity:
    """One local date with finished sessions, for the calendar of days exercised."""

    local_date: date
    sessions: int  # finished sessions, whatever their outcome
    sessions_done: int  # of those, the ones that count towards the plan
    minutes: float


def days_exercised(log: SessionLog, start: date, end: date) -> list[DayActivity]:
    """Every day from start to end (inclusive) with a finished session, oldest first."""
    return [
        DayActivity(t.period_start, t.sessions, t.adherent, t.active_seconds / 60)
        for t in log.day_totals(start, end)
    ]


def first_week(log: SessionLog, today: date) -> date | None:
    """The Monday of the first week with a finished session up to today; None if there is none."""
    weeks = log.week_totals(until=today)
    return weeks[0].period_start if weeks else None


@dataclass(frozen=True)
class WeekPain:
    """Mean pain scores over the sessions of one week that had a pain check."""

    week_start: date
    sessions: int
    back_before: float | None
    leg_before: float | None
    back_after: float | None
    leg_after: float | None


def pain_by_week(log: SessionLog, start: date, end: date) -> list[WeekPain]:
    """Weekly mean pain, before and after, for the whole weeks from start to end; weeks without
    a pain check are left out. For long ranges, where one point per session would be a blur."""
    weeks = _week_starts(start, end)
    return [WeekPain(*row) for row in log.pain_week_rows(weeks[0], weeks[-1] + ONE_WEEK - ONE_DAY)]


def pain_pair(before: PainCheck | None, after: PainCheck | None, which: str) -> str:
    """``5 → 3`` for ``which`` ("back" or "leg"), with a dash for a skipped check-in."""
    first = "–" if before is None else str(getattr(before, which))
    last = "–" if after is None else str(getattr(after, which))
    return f"{first} → {last}"

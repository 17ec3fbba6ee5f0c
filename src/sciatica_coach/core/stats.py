"""Progress figures: adherence, completion, streaks, minutes and pain, from the log's aggregates.

Days are the local calendar dates stored when each session started; weeks are ISO weeks
(Monday to Sunday) over those dates. A range given as (start, end) covers the whole weeks that
contain start and end, so a chart never shows a half-counted first or last week.

Each week is judged by its own plan: the one in effect on its Sunday, the week's last day. So a
plan changed mid-week applies to the whole of that week (a new plan shows at once in this week's
figures), and a plan first set mid-week covers the week it was set in. Weeks before the user
started (`started_on`) are not judged at all: nothing was asked of them, so they are not missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainPoint, PlanChange, WeeklyPlan, WeekPain

ONE_DAY = timedelta(days=1)
ONE_WEEK = timedelta(days=7)


@dataclass(frozen=True)
class WeekAdherence:
    """One week's done sessions against the plan that applied to it.

    ``plan`` is None for a week before the user started: nothing was asked of it, so it is
    neither met nor missed, and ``planned`` and ``adherence`` are 0.
    """

    week_start: date
    sessions_done: int
    planned: int
    adherence: float  # sessions_done / planned, capped at 1.0
    plan: WeeklyPlan | None

    @property
    def counted(self) -> bool:
        """Whether the week is judged against a plan (it is not before the user started)."""
        return self.plan is not None


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


def week_start(d: date) -> date:
    """The Monday of the ISO week holding d."""
    return d - timedelta(days=d.weekday())


def _week_starts(start: date, end: date) -> list[date]:
    if end < start:
        # i18n: not words (a programmer's error: every caller checks the range first)
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    first, last = week_start(start), week_start(end)
    return [first + ONE_WEEK * n for n in range((last - first).days // 7 + 1)]


PlanHistory = Sequence[PlanChange]


def started_on(log: SessionLog) -> date | None:
    """The day the user started: the earlier of their first finished session's date and the
    day their first plan took effect; None if there is neither."""
    first = log.first_day()
    plans = log.plan_history()
    candidates = [first] if first else []
    candidates += [plans[0].effective_from] if plans else []
    return min(candidates, default=None)


def week_plan(history: PlanHistory, monday: date) -> WeeklyPlan:
    """The plan that judges the week starting ``monday``: the one in effect on its Sunday.

    ``history`` is `SessionLog.plan_history()`; the default plan before any was set.
    """
    sunday = monday + ONE_WEEK - ONE_DAY
    chosen = WeeklyPlan()
    for change in history:
        if change.effective_from > sunday:
            break
        chosen = change.plan
    return chosen


def _judged(week: date, done: int, plan: WeeklyPlan | None) -> WeekAdherence:
    if plan is None:
        return WeekAdherence(week, done, 0, 0.0, None)
    planned = plan.planned_per_week
    return WeekAdherence(week, done, planned, min(1.0, done / planned), plan)


def weekly_adherence(log: SessionLog, start: date, end: date) -> list[WeekAdherence]:
    """Every week from start to end, zeros included, each against its own plan; weeks before
    the user started are listed but not judged (``plan`` None).

    A week's done sessions are the completed ones plus those stopped by a safety rule.
    """
    weeks = _week_starts(start, end)
    done = {
        totals.period_start: totals.adherent
        # equivalent mutant: a wider range only reads weeks that are never looked up
        for totals in log.week_totals(weeks[0], weeks[-1] + ONE_WEEK - ONE_DAY)
    }
    history = log.plan_history()
    began = started_on(log)
    first = week_start(began) if began is not None else None
    return [
        _judged(
            week,
            done.get(week, 0),
            week_plan(history, week) if first is not None and week >= first else None,
        )
        for week in weeks
    ]


def week_of(log: SessionLog, day: date) -> WeekAdherence:
    """The week holding ``day`` against its plan, judged even if the user has not started: it
    is the week a new user starts in (Today) or the week of a session just done (a summary)."""
    monday = week_start(day)
    totals = log.week_totals(monday, monday + ONE_WEEK - ONE_DAY)
    done = totals[0].adherent if totals else 0
    return _judged(monday, done, week_plan(log.plan_history(), monday))


def completion_ratio(log: SessionLog, start: date, end: date) -> float | None:
    """Work steps done / work steps planned over finished sessions; None if none were planned."""
    work = log.work_totals(start, end)
    return work.done / work.planned if work.planned else None


def minutes_per_week(log: SessionLog, start: date, end: date) -> list[WeekMinutes]:
    """Active exercise minutes for every week from start to end, zeros included."""
    weeks = _week_starts(start, end)
    seconds = {
        totals.period_start: totals.active_seconds
        # equivalent mutant: a wider range only reads weeks that are never looked up
        for totals in log.week_totals(weeks[0], weeks[-1] + ONE_WEEK - ONE_DAY)
    }
    return [WeekMinutes(week, seconds.get(week, 0.0) / 60) for week in weeks]


def pain_series(log: SessionLog, start: date, end: date) -> list[PainPoint]:
    """Before/after pain per session with a pain check, oldest first; None where not asked."""
    return log.pain_rows(start, end)


def streaks(log: SessionLog, today: date) -> Streaks:
    """Runs of weeks meeting their plan and of days with a done session.

    The current week counts once the plan is met; until then the week streak runs up to last
    week. The current day streak ends today or, if nothing is done yet today, yesterday.
    """
    history = log.plan_history()
    met_weeks = [
        t.period_start
        for t in log.week_totals(until=today)
        if t.adherent >= week_plan(history, t.period_start).planned_per_week
    ]
    done_days = log.done_days(today)
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
    first = log.first_day()
    return week_start(first) if first is not None and first <= today else None


def pain_by_week(log: SessionLog, start: date, end: date) -> list[WeekPain]:
    """Weekly mean pain, before and after, for the whole weeks from start to end; weeks without
    a pain check are left out. For long ranges, where one point per session would be a blur."""
    weeks = _week_starts(start, end)
    return log.pain_week_rows(weeks[0], weeks[-1] + ONE_WEEK - ONE_DAY)

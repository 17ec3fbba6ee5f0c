"""What a progress report shows for a date range, gathered from the log (no Qt, no HTML).

Weekly figures cover whole ISO weeks (Monday to Sunday), as `stats` does: the weeks holding the
first and last day of the range are counted in full, each against the plan in effect that week.
A range may begin before the user started; the weeks before are shown but not counted, so
"N of M sessions" is only ever measured from the start. Lists (skipped exercises, stop reasons,
notes, profiles, suggestions, safety stops) keep to the dates asked for. An exercise is listed
as flagged when, on some day of the range, the leg had been worse after it often enough in the
days before (the rule in `coaching.flagged_exercises`). Reading the log here writes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sciatica_coach.core import stats, symptom_stats
from sciatica_coach.core.coaching import WORSE_FLAG_DAYS, ExerciseFlag, flagged_exercises
from sciatica_coach.core.library_text import shown_exercise_name, shown_routine_name
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import INTERRUPTED, STOPPED, PainPoint, WeeklyPlan
from sciatica_coach.core.safety import STOP_REASONS, stop_reason
from sciatica_coach.core.symptom_stats import ReachTrend
from sciatica_coach.core.symptoms import LegResponse, SymptomProfile
from sciatica_coach.core.words import provoking_exercise
from sciatica_coach.i18n import N_, _

# How many check-ins at each end of the range the "pain then and now" figures average over.
PAIN_SAMPLE = 5
MOST_SKIPPED = 8
INTERRUPTED_LABEL = N_("Not finished (the app was closed mid-session)")


@dataclass(frozen=True)
class WeekRow:
    week_start: date
    sessions_done: int
    planned: int  # 0 for a week before the user started
    adherence: float
    plan: WeeklyPlan | None  # the plan the week is judged by; None before the user started
    minutes: float
    back_before: float | None  # averages of the week's check-ins, None if there were none
    leg_before: float | None
    back_after: float | None
    leg_after: float | None

    @property
    def counted(self) -> bool:
        return self.plan is not None


@dataclass(frozen=True)
class PainChange:
    """Average pain before sessions at the start and the end of the range."""

    sessions: int  # check-ins averaged at each end
    back_first: float
    back_last: float
    leg_first: float
    leg_last: float


@dataclass(frozen=True)
class SkippedExercise:
    name: str
    skipped: int
    planned: int  # work steps done or skipped


@dataclass(frozen=True)
class NoteLine:
    local_date: date
    routine_name: str
    label: str  # "Session note", "Before the session", "After the session"
    text: str


@dataclass(frozen=True)
class FlagLine:
    """An exercise flagged in the range, at its worst, and the last day of that window."""

    flag: ExerciseFlag
    until: date


@dataclass(frozen=True)
class SuggestionLine:
    local_date: date  # of the session it was offered after
    text: str
    reason: str
    decision: str | None  # "accepted", "dismissed", or None: not answered


@dataclass(frozen=True)
class SafetyStop:
    local_date: date
    routine_name: str
    reason: str  # the stop sheet's label
    exercise: str | None  # the exercise under way, when known


@dataclass(frozen=True)
class ProgressReport:
    start: date
    end: date
    started_on: date | None  # the day the user started, whatever the range; None if not yet
    plans: tuple[tuple[date, WeeklyPlan], ...]  # each plan that judged a week, from its first
    weeks: tuple[WeekRow, ...]
    sessions_logged: int
    completion: float | None
    pain_change: PainChange | None
    skipped: tuple[SkippedExercise, ...]
    stop_reasons: tuple[tuple[str, int], ...]
    notes: tuple[NoteLine, ...]
    # (exercise under way, short reason, times) of stops for a symptom, most often first
    stopped_during: tuple[tuple[str, str, int], ...] = ()
    profiles: tuple[SymptomProfile, ...] = ()  # saved in the range, latest first
    profile_before: SymptomProfile | None = None  # the one in use when the range began
    reach_trend: ReachTrend | None = None
    flags: tuple[FlagLine, ...] = ()
    suggestions: tuple[SuggestionLine, ...] = ()
    safety_stops: tuple[SafetyStop, ...] = ()  # oldest first

    @property
    def counted_weeks(self) -> tuple[WeekRow, ...]:
        """The weeks judged against a plan: those from the week the user started on."""
        return tuple(week for week in self.weeks if week.counted)

    @property
    def sessions_done(self) -> int:
        return sum(week.sessions_done for week in self.counted_weeks)

    @property
    def sessions_planned(self) -> int:
        return sum(week.planned for week in self.counted_weeks)

    @property
    def started_within(self) -> bool:
        """Whether the user started after the range's first week, so earlier weeks are left out."""
        return bool(self.weeks) and not self.weeks[0].counted and bool(self.counted_weeks)

    @property
    def minutes(self) -> float:
        return sum(week.minutes for week in self.weeks)


def gather_progress(log: SessionLog, start: date, end: date) -> ProgressReport:
    """Raises ValueError if end is before start."""
    if end < start:
        # i18n: not words (a programmer's error: every caller checks the range first)
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    adherence = stats.weekly_adherence(log, start, end)
    minutes = stats.minutes_per_week(log, start, end)
    first_week, last_week = adherence[0].week_start, adherence[-1].week_start
    pain = stats.pain_series(log, first_week, last_week + timedelta(days=6))
    by_week: dict[date, list[PainPoint]] = {}
    for point in pain:
        by_week.setdefault(stats.week_start(point.local_date), []).append(point)
    weeks = tuple(
        WeekRow(
            week_start=done.week_start,
            sessions_done=done.sessions_done,
            planned=done.planned,
            adherence=done.adherence,
            plan=done.plan,
            minutes=spent.minutes,
            back_before=_mean(p.back_before for p in by_week.get(done.week_start, [])),
            leg_before=_mean(p.leg_before for p in by_week.get(done.week_start, [])),
            back_after=_mean(p.back_after for p in by_week.get(done.week_start, [])),
            leg_after=_mean(p.leg_after for p in by_week.get(done.week_start, [])),
        )
        for done, spent in zip(adherence, minutes, strict=True)
    )
    sessions = sorted(log.sessions(start, end), key=lambda s: (s.started_at, s.id))
    finished = [s for s in sessions if s.status != "in_progress"]
    reasons: Counter[str] = Counter()
    places: Counter[tuple[str, str]] = Counter()
    safety_stops: list[SafetyStop] = []
    for session in finished:
        if session.status == STOPPED:
            label = STOP_REASONS.get(session.stop_reason or "user", N_("Stopped early"))
            reasons[_(label)] += 1
            why = stop_reason(session.stop_reason).translated()
            exercise = None
            if session.stop_step is not None and why.is_safety:
                exercise = provoking_exercise(session, log.steps(session.id))
                if exercise:
                    places[(exercise, why.short)] += 1
            if why.is_safety:
                safety_stops.append(
                    SafetyStop(
                        session.local_date,
                        shown_routine_name(session.routine_id, session.routine_name),
                        why.label,
                        exercise,
                    )
                )
        elif session.status == INTERRUPTED:
            reasons[_(INTERRUPTED_LABEL)] += 1
    notes: list[NoteLine] = []
    for session in sessions:
        for label, text in (
            (_("Before the session"), session.pain_before.note if session.pain_before else ""),
            (_("Session note"), session.notes),
            (_("After the session"), session.pain_after.note if session.pain_after else ""),
        ):
            if text.strip():
                notes.append(
                    NoteLine(
                        session.local_date,
                        shown_routine_name(session.routine_id, session.routine_name),
                        label,
                        text.strip(),
                    )
                )
    skipped = [
        SkippedExercise(
            shown_exercise_name(totals.exercise_id, totals.exercise_name),
            totals.skipped,
            totals.done + totals.skipped,
        )
        for totals in log.exercise_totals(start, end)
        if totals.skipped > 0
    ]
    plans: list[tuple[date, WeeklyPlan]] = []
    for week in weeks:
        if week.plan is not None and (not plans or plans[-1][1] != week.plan):
            plans.append((week.week_start, week.plan))
    saved = log.profiles()
    in_range = [p for p in saved if start <= p.local_date <= end]
    earlier = [p for p in saved if p.local_date < start]
    dates = {session.id: session.local_date for session in sessions}
    offered = [
        SuggestionLine(dates[s.session_id], s.text, s.reason, s.decision)
        for s in log.suggestions(start)
        if s.session_id in dates
    ]
    responses = log.leg_responses(start - timedelta(days=WORSE_FLAG_DAYS - 1))
    return ProgressReport(
        start=start,
        end=end,
        started_on=stats.started_on(log),
        plans=tuple(plans),
        weeks=weeks,
        sessions_logged=len(finished),
        completion=stats.completion_ratio(log, start, end),
        pain_change=_pain_change([p for p in pain if start <= p.local_date <= end]),
        skipped=tuple(skipped[:MOST_SKIPPED]),
        stop_reasons=tuple(sorted(reasons.items(), key=lambda item: (-item[1], item[0]))),
        stopped_during=tuple(
            (name, why, count)
            for (name, why), count in sorted(places.items(), key=lambda i: (-i[1], i[0]))
        ),
        notes=tuple(notes),
        profiles=tuple(reversed(in_range)),
        profile_before=earlier[-1] if earlier else None,
        reach_trend=symptom_stats.reach_trend(
            symptom_stats.reach_points(sessions, log.morning_checks(start))
        ),
        flags=flags_in_range(responses, start, end),
        suggestions=tuple(offered),
        safety_stops=tuple(safety_stops),
    )


def flags_in_range(
    responses: Sequence[LegResponse], start: date, end: date
) -> tuple[FlagLine, ...]:
    """Each exercise flagged on any day of the range, at its worst (the later day when two
    are as bad), most often worse first."""
    worst: dict[str, FlagLine] = {}
    days = sorted({r.local_date for r in responses if start <= r.local_date <= end})
    for day in days:
        for flag in flagged_exercises(responses, day):
            held = worst.get(flag.exercise_id)
            if held is None or flag.worse >= held.flag.worse:
                worst[flag.exercise_id] = FlagLine(flag, day)
    return tuple(sorted(worst.values(), key=lambda line: (-line.flag.worse, line.flag.name)))


def _mean(values: Iterable[int | None]) -> float | None:
    present = [value for value in values if value is not None]
    return sum(present) / len(present) if present else None


def _pain_change(points: Sequence[PainPoint]) -> PainChange | None:
    checked = [p for p in points if p.back_before is not None and p.leg_before is not None]
    if len(checked) < 2:
        return None
    count = min(PAIN_SAMPLE, len(checked) // 2)
    first, last = checked[:count], checked[-count:]

    def average(values: Sequence[int | None]) -> float:
        present = [value for value in values if value is not None]
        return sum(present) / len(present)

    return PainChange(
        sessions=count,
        back_first=average([p.back_before for p in first]),
        back_last=average([p.back_before for p in last]),
        leg_first=average([p.leg_before for p in first]),
        leg_last=average([p.leg_before for p in last]),
    )

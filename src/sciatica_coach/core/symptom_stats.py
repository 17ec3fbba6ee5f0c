"""Symptom figures for Progress and the report: how far down the leg symptoms reach over
time, which way that is heading, and each day's traffic light for the calendar.

Symptoms that move up out of the leg towards the back (centralise) are the sign of
progress, so reach is plotted as a *height*: 0 for the foot, up to 5 for no symptoms. A line
that rises is good news, as on any other chart the user knows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sciatica_coach.core.coach import session_facts
from sciatica_coach.core.coaching import AMBER, GREEN, RED, Light, judge_history
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import SYMPTOM_REACH, SessionRecord
from sciatica_coach.core.stats import week_start
from sciatica_coach.core.symptom_log import SessionReach
from sciatica_coach.core.symptoms import MorningCheck

# How many answers at each end of a period the trend compares.
REACH_SAMPLE = 3
TOP_HEIGHT = len(SYMPTOM_REACH) - 1  # no symptoms at all

# Which way symptoms moved over a period.
MOVED_UP = "up"  # towards the back: good
NO_CHANGE = "same"
MOVED_DOWN = "down"  # further down the leg

_WORST_FIRST = (RED, AMBER, GREEN)


def reach_height(reach: str) -> int:
    """How far up from the foot ``reach`` is: 0 for the foot, 5 for no symptoms."""
    return TOP_HEIGHT - SYMPTOM_REACH.index(reach)


def reach_at_height(height: int) -> str:
    """The reach at ``height``, the opposite of `reach_height`."""
    return SYMPTOM_REACH[TOP_HEIGHT - height]


@dataclass(frozen=True)
class ReachPoint:
    """How far down the leg symptoms reached before and after one session, and the next
    morning when that was checked (on its own date); None where it was not answered."""

    session_id: int
    local_date: date
    before: str | None
    after: str | None
    morning: str | None = None
    morning_date: date | None = None


@dataclass(frozen=True)
class WeekReach:
    """Mean heights (see `reach_height`) over one week's sessions; None where no answer."""

    week_start: date
    before: float | None
    after: float | None
    morning: float | None


@dataclass(frozen=True)
class ReachTrend:
    """Reach before sessions at the start of a period and now.

    ``first`` and ``last`` are each the middle answer of up to REACH_SAMPLE answers at that
    end (with two, the one further down the leg, so a good trend is never claimed early).
    With a single answer both are that answer and ``answers`` is 1.
    """

    first: str
    last: str
    first_date: date
    last_date: date
    answers: int

    @property
    def direction(self) -> str | None:
        """MOVED_UP, NO_CHANGE or MOVED_DOWN; None with a single answer."""
        if self.answers < 2:
            return None
        change = reach_height(self.last) - reach_height(self.first)
        return MOVED_UP if change > 0 else MOVED_DOWN if change < 0 else NO_CHANGE


def reach_points(
    sessions: Iterable[SessionRecord], mornings: Mapping[int, MorningCheck]
) -> list[ReachPoint]:
    """The sessions with any reach answered, oldest first by their start."""
    ordered = sorted(sessions, key=lambda r: (r.started_at, r.id))
    answers = (
        SessionReach(
            record.id,
            record.local_date,
            record.pain_before.reach if record.pain_before else None,
            record.pain_after.reach if record.pain_after else None,
        )
        for record in ordered
    )
    return _answered(answers, mornings)


def reach_series(log: SessionLog, start: date, end: date) -> list[ReachPoint]:
    """Reach per session from ``start`` to ``end`` (local dates, inclusive), oldest first."""
    return _answered(log.reach_answers(start, end), log.morning_checks(start))


def _answered(
    answers: Iterable[SessionReach], mornings: Mapping[int, MorningCheck]
) -> list[ReachPoint]:
    """``answers`` in their order, each with its morning check, less those never answered."""
    points = []
    for answer in answers:
        morning = mornings.get(answer.session_id)
        later = morning.reach if morning else None
        if answer.before is None and answer.after is None and later is None:
            continue
        points.append(
            ReachPoint(
                session_id=answer.session_id,
                local_date=answer.local_date,
                before=answer.before,
                after=answer.after,
                morning=later,
                morning_date=morning.local_date if morning and later else None,
            )
        )
    return points


def reach_by_week(points: Sequence[ReachPoint]) -> list[WeekReach]:
    """Mean heights per week with any answer, oldest first: for long ranges, where one
    point per session would be a blur."""
    weeks: dict[date, list[ReachPoint]] = {}
    for point in points:
        weeks.setdefault(week_start(point.local_date), []).append(point)
    return [
        WeekReach(
            monday,
            _mean_height(p.before for p in held),
            _mean_height(p.after for p in held),
            _mean_height(p.morning for p in held),
        )
        for monday, held in sorted(weeks.items())
    ]


def reach_trend(points: Sequence[ReachPoint]) -> ReachTrend | None:
    """Reach before sessions at the start of the period against now; None when it was
    never answered before a session."""
    answered = [(p.local_date, p.before) for p in points if p.before is not None]
    if not answered:
        return None
    count = max(1, min(REACH_SAMPLE, len(answered) // 2))
    first, last = answered[:count], answered[-count:]
    return ReachTrend(
        first=_middle([reach for _, reach in first]),
        last=_middle([reach for _, reach in last]),
        first_date=first[0][0],
        last_date=last[-1][0],
        answers=len(answered),
    )


def day_lights(lights: Iterable[Light]) -> dict[date, str]:
    """Each day's worst traffic-light colour; days with nothing to judge are left out."""
    days: dict[date, str] = {}
    for light in lights:
        if light.colour is None:
            continue
        held = days.get(light.local_date)
        if held is None or _WORST_FIRST.index(light.colour) < _WORST_FIRST.index(held):
            days[light.local_date] = light.colour
    return days


def calendar_lights(log: SessionLog, since: date) -> dict[date, str]:
    """The worst light of each day from ``since``, read from the log without writing."""
    return day_lights(judge_history(session_facts(log, since)))


def _middle(reaches: Sequence[str]) -> str:
    ordered = sorted(reaches, key=SYMPTOM_REACH.index)
    return ordered[len(ordered) // 2]


def _mean_height(reaches: Iterable[str | None]) -> float | None:
    heights = [reach_height(r) for r in reaches if r is not None]
    return sum(heights) / len(heights) if heights else None

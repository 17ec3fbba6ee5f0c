"""What the session log holds and hands back: sessions, steps, pain checks, plans and totals.

Plain frozen dataclasses with the status and kind codes the log stores, checked as they are
built so a bad value is refused before it reaches the file. No SQL here: `schema` owns the
file and `log` reads and writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

IN_PROGRESS = "in_progress"
COMPLETED = "completed"
STOPPED = "stopped"
INTERRUPTED = "interrupted"
SESSION_STATUSES = frozenset({IN_PROGRESS, COMPLETED, STOPPED, INTERRUPTED})

DONE = "done"
SKIPPED = "skipped"
STEP_STOPPED = "stopped"  # the step running when the session was stopped, as far as it got
STEP_STATUSES = frozenset({DONE, SKIPPED, STEP_STOPPED})
# When a step is logged twice (back, then again), the better outcome stays: a set once done is
# never lowered to skipped by a redo that was skipped or stopped.
STEP_OUTCOME_RANK = {SKIPPED: 0, STEP_STOPPED: 1, DONE: 2}
# The versions of an exercise a step can be logged as, besides the one written (None).
STEP_VARIANTS = frozenset({"easier", "harder"})
LEG_RESPONSE_CODES = ("better", "same", "worse")
STEP_KINDS = frozenset({"prepare", "work", "rest", "switch"})
SIDES = frozenset({"left", "right"})
PAIN_MOMENTS = frozenset({"before", "after"})
# How far down the leg symptoms go, from least to most (further down is worse).
SYMPTOM_REACH = ("none", "back", "buttock", "thigh", "below_knee", "foot")

# A session stopped for one of these still counts as done: stopping was the right thing to do.
STOP_RULE_REASONS = frozenset({"pain_spreading", "numbness", "sharp_pain", "unwell"})


class LogError(Exception):
    """The session log cannot be opened or written; the message says what to do about it."""


def require(condition: bool, message: str) -> None:
    """Refuse a bad argument with ValueError (a caller's mistake, unlike a LogError)."""
    if not condition:
        raise ValueError(message)


def require_aware(moment: datetime, name: str) -> None:
    """Refuse a datetime without a time zone: the log stores UTC and cannot guess one."""
    require(
        isinstance(moment, datetime) and moment.utcoffset() is not None,
        f"{name} must be a datetime with a time zone",
    )


@dataclass(frozen=True)
class PainCheck:
    """Pain scores (0-10) for back and leg, taken before or after a session."""

    moment: str
    back: int
    leg: int
    note: str = ""
    reach: str | None = None

    def __post_init__(self) -> None:
        require(
            self.moment in PAIN_MOMENTS,
            f"pain moment must be 'before' or 'after', not {self.moment!r}",
        )
        for name, score in (("back", self.back), ("leg", self.leg)):
            require(
                isinstance(score, int) and not isinstance(score, bool) and 0 <= score <= 10,
                f"{name} pain must be a whole number from 0 to 10, not {score!r}",
            )
        require(
            self.reach is None or self.reach in SYMPTOM_REACH,
            f"reach must be one of {', '.join(SYMPTOM_REACH)}, not {self.reach!r}",
        )


@dataclass(frozen=True)
class StepRecord:
    """One step of a session as it ended: done, skipped or stopped part-way, planned against
    actual time."""

    step_index: int
    kind: str
    exercise_id: str | None
    exercise_name: str | None
    set_number: int
    set_count: int
    side: str | None
    planned_seconds: float
    actual_seconds: float
    reps_planned: int | None
    reps_done: int | None
    status: str
    ended_at: datetime
    # "easier" or "harder" when the step ran in that version of the exercise; None as written.
    variant: str | None = None
    # The leg's response to the exercise this step ends ("better", "same", "worse"), if asked.
    leg_response: str | None = None

    def __post_init__(self) -> None:
        require(self.step_index >= 0, f"step_index must be 0 or more, not {self.step_index}")
        require(self.kind in STEP_KINDS, f"unknown step kind {self.kind!r}")
        require(
            self.status in STEP_STATUSES,
            f"step status must be done, skipped or stopped, not {self.status!r}",
        )
        require(
            self.side is None or self.side in SIDES,
            f"side must be left, right or None, not {self.side!r}",
        )
        require(self.set_number >= 0 and self.set_count >= 0, "set numbers cannot be negative")
        require(
            self.planned_seconds >= 0 and self.actual_seconds >= 0,
            "step seconds cannot be negative",
        )
        for reps in (self.reps_planned, self.reps_done):
            require(reps is None or reps >= 0, "reps cannot be negative")
        require_aware(self.ended_at, "ended_at")
        require(
            self.variant is None or self.variant in STEP_VARIANTS,
            f"step variant must be easier, harder or None, not {self.variant!r}",
        )
        require(
            self.leg_response is None or self.leg_response in LEG_RESPONSE_CODES,
            f"leg response must be better, same, worse or None, not {self.leg_response!r}",
        )


@dataclass(frozen=True)
class SessionRecord:
    """A logged session with its pain checks and counts of work steps done and skipped."""

    id: int
    routine_id: str
    routine_name: str
    started_at: datetime
    local_date: date
    utc_offset_minutes: int
    ended_at: datetime | None
    status: str
    stop_reason: str | None
    planned_seconds: float
    planned_work_steps: int
    active_seconds: float
    notes: str
    pain_before: PainCheck | None
    pain_after: PainCheck | None
    work_done: int
    work_skipped: int
    stop_step: int | None = None

    @property
    def adherent(self) -> bool:
        """Whether the session counts towards the weekly plan."""
        return self.status == COMPLETED or (
            self.status == STOPPED and self.stop_reason in STOP_RULE_REASONS
        )


@dataclass(frozen=True)
class WeeklyPlan:
    """How many sessions a week the user aims for; with weekdays set, one on each of those days."""

    sessions_per_week: int = 5
    weekdays: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        require(
            1 <= self.sessions_per_week <= 21,
            f"sessions per week must be from 1 to 21, not {self.sessions_per_week}",
        )
        require(
            all(0 <= day <= 6 for day in self.weekdays),
            "weekdays are numbered 0 (Monday) to 6 (Sunday)",
        )

    @property
    def planned_per_week(self) -> int:
        return len(self.weekdays) if self.weekdays else self.sessions_per_week


@dataclass(frozen=True)
class PlanChange:
    """A weekly plan the user set, with the local date it took effect."""

    effective_from: date
    plan: WeeklyPlan


@dataclass(frozen=True)
class PeriodTotals:
    """Aggregates over the finished sessions of one day or one week (period_start = Monday)."""

    period_start: date
    sessions: int
    adherent: int
    active_seconds: float


@dataclass(frozen=True)
class WorkTotals:
    """Work steps planned and done over the finished sessions of a date range."""

    planned: int
    done: int


@dataclass(frozen=True)
class ExerciseTotals:
    """Work steps of one exercise done and skipped over the finished sessions of a range."""

    exercise_id: str | None
    exercise_name: str
    done: int
    skipped: int


@dataclass(frozen=True)
class PainPoint:
    """One session's pain scores before and after; None where that check was not taken."""

    local_date: date
    session_id: int
    back_before: int | None
    leg_before: int | None
    back_after: int | None
    leg_after: int | None


@dataclass(frozen=True)
class WeekPain:
    """Mean pain scores over the sessions of one week that had a pain check."""

    week_start: date
    sessions: int
    back_before: float | None
    leg_before: float | None
    back_after: float | None
    leg_after: float | None

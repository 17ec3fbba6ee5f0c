"""The coach's view of the log on one day: session lights, flagged exercises, suggestions,
where to start, and whether to ask about this morning.

Reads the log and hands the facts to the rules in `coaching`; the only thing it writes is
each suggestion as it is first offered, so the log keeps what was offered and, later, what
the user chose.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sciatica_coach.core.catalog import Routine
from sciatica_coach.core.coaching import (
    EASE_OFF,
    NEXT_ROUTINE,
    RED_REVIEW_DAYS,
    STEP_UP,
    WORSE_FLAG_DAYS,
    CoachingContext,
    ExerciseFlag,
    Light,
    SessionFacts,
    StartHere,
    Suggestion,
    flagged_exercises,
    judge_history,
    start_here,
    suggestions,
)
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import IN_PROGRESS, SessionRecord, StepRecord
from sciatica_coach.core.symptom_log import StoredSuggestion
from sciatica_coach.core.symptoms import LegResponse
from sciatica_coach.core.variants import VariantChoice
from sciatica_coach.core.words import provoking_exercise, provoking_step

# How far back the coach looks: long enough for every rule's window and two sessions before it.
LOOK_BACK_DAYS = max(WORSE_FLAG_DAYS, RED_REVIEW_DAYS) + 14


@dataclass(frozen=True)
class CoachView:
    """What the coach has to say today."""

    lights: tuple[Light, ...]
    flags: tuple[ExerciseFlag, ...]
    suggestions: tuple[StoredSuggestion, ...]  # offered after the latest session, not decided
    start_here: StartHere | None
    morning_due: SessionRecord | None  # yesterday's session, if its morning is not checked


def session_facts(
    log: SessionLog, since: date, responses: Sequence[LegResponse] | None = None
) -> list[SessionFacts]:
    """Every finished session from ``since`` with what was said about it, oldest first;
    ``responses`` are the leg responses since then, when the caller has read them already."""
    # equivalent mutant: a wider read; each session below takes only its own morning
    mornings = log.morning_checks(since)
    if responses is None:
        # equivalent mutant: a wider read; each session below takes only its own responses
        responses = log.leg_responses(since)
    facts = []
    for record in reversed(log.sessions(since)):
        if record.status == IN_PROGRESS:
            continue
        # equivalent mutant: without a stop step there is no exercise it was stopped in anyway
        steps: list[StepRecord] = log.steps(record.id) if record.stop_step is not None else []
        facts.append(
            SessionFacts(
                record=record,
                morning=mornings.get(record.id),
                responses=tuple(r for r in responses if r.session_id == record.id),
                # equivalent mutant: with no steps there is no exercise it was stopped in anyway
                stop_exercise=provoking_exercise(record, steps) if steps else None,
            )
        )
    return facts


def morning_due(log: SessionLog, today: date) -> SessionRecord | None:
    """The last finished session of yesterday (local dates, so a clock change or a skipped
    day never confuses it) when its next morning has not been checked yet."""
    yesterday = today - timedelta(days=1)
    done = [
        r for r in log.sessions(yesterday, yesterday) if r.status != IN_PROGRESS
    ]  # newest first
    if not done:
        return None
    latest = done[0]
    # equivalent mutant: a wider read; only this session's morning is looked for
    return None if latest.id in log.morning_checks(yesterday) else latest


def look(log: SessionLog, routines: Mapping[str, Routine], today: date) -> CoachView:
    """The coach's view today; offers (logs) the suggestions the latest session leads to."""
    since = today - timedelta(days=LOOK_BACK_DAYS)
    # equivalent mutant: a wider read; the facts take their sessions' and the flags their days'
    responses = log.leg_responses(since)
    # equivalent mutant: without the responses read above, session_facts reads the same itself
    facts = session_facts(log, since, responses)
    lights = judge_history(facts)
    flags = flagged_exercises(responses, today)
    # Every step-up ever taken, however long ago: the sessions run it harder (session_variants),
    # so the coach must not offer it again.
    stored = log.suggestions()
    view_suggestions: tuple[StoredSuggestion, ...] = ()
    if facts:
        latest = facts[-1]
        stepped_up = frozenset(
            # equivalent mutant: a step-up names its routine and exercise; no id is "" or "XXXX"
            (s.routine_id or "", s.exercise_id or "")
            for s in stored
            if s.kind == STEP_UP and s.decision == "accepted"
        )
        provoking = _provoking_id(log, latest.record)
        context = CoachingContext(lights, flags, routines, stepped_up, provoking)
        made = suggestions(context)
        for suggestion in made:
            _offer(log, latest.record.id, suggestion)
        # Most pressing first, as the rules made them; any offered earlier under rules that
        # no longer apply come last.
        order = {(m.rule, m.routine_id, m.exercise_id): n for n, m in enumerate(made)}
        open_ones = [
            s
            # equivalent mutant: a wider read; only the latest session's suggestions are kept
            for s in log.suggestions(latest.record.local_date)
            if s.session_id == latest.record.id and s.decision is None
        ]
        view_suggestions = tuple(
            sorted(
                open_ones,
                key=lambda s: order.get((s.rule, s.routine_id, s.exercise_id), len(order)),
            )
        )
    profile = log.profile()
    return CoachView(
        lights=tuple(lights),
        flags=tuple(flags),
        suggestions=view_suggestions,
        start_here=start_here(routines, profile, lights, chosen=chosen_routine(log)),
        morning_due=morning_due(log, today),
    )


def _offer(log: SessionLog, session_id: int, made: Suggestion) -> None:
    log.offer_suggestion(
        session_id,
        rule=made.rule,
        kind=made.kind,
        text=made.text,
        reason=made.reason,
        routine_id=made.routine_id,
        exercise_id=made.exercise_id,
    )


def _provoking_id(log: SessionLog, record: SessionRecord) -> str | None:
    """The exercise the session was stopped in, as the stop advice names it."""
    if record.stop_step is None:
        return None
    step = provoking_step(record, log.steps(record.id))
    return step.exercise_id if step is not None else None


def session_variants(log: SessionLog, routine_id: str) -> VariantChoice:
    """The versions a new session of ``routine_id`` starts with, from suggestions the user
    took: every step up taken for this routine, and "easier" all through when easing off
    was taken after the latest session."""
    taken = [s for s in log.suggestions() if s.decision == "accepted"]
    harder = frozenset(
        s.exercise_id
        for s in taken
        if s.kind == STEP_UP and s.routine_id == routine_id and s.exercise_id
    )
    latest = _latest_finished(log)
    easing = latest is not None and any(
        s.kind == EASE_OFF and s.session_id == latest.id for s in taken
    )
    return VariantChoice(harder=harder, easier_from_start=easing)


def chosen_routine(log: SessionLog) -> str | None:
    """The routine the user chose to do next from a suggestion after the latest session."""
    latest = _latest_finished(log)
    if latest is None:
        return None
    # equivalent mutant: a wider read; only the latest session's suggestions are looked at
    for suggestion in log.suggestions(latest.local_date):
        if (
            suggestion.session_id == latest.id
            and suggestion.decision == "accepted"
            and suggestion.kind in (NEXT_ROUTINE, EASE_OFF)
        ):
            return suggestion.routine_id
    return None


def _latest_finished(log: SessionLog) -> SessionRecord | None:
    return next((r for r in log.sessions(limit=5) if r.status != IN_PROGRESS), None)

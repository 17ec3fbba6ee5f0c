"""Symptom-led coaching: a traffic light for each session, and the suggestions it leads to.

The rules are two tables a physiotherapist can read and change: LIGHT_RULES give a session
its colour from the check-ins around it, SUGGESTION_RULES turn the recent colours into a
suggestion for next time. The numbers they use are the constants just below. Every light
and every suggestion names the rules that produced it. The app only suggests: the user takes
or sets aside each suggestion, and that choice is logged.

Adapted from the pain-monitoring model and the project's clinical notes
(../shared/clinical/research.md §3.5 and §4.4); not reviewed by a clinician.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sciatica_coach.core.catalog import Routine
from sciatica_coach.core.library_text import shown_exercise_name
from sciatica_coach.core.records import COMPLETED, SessionRecord
from sciatica_coach.core.symptoms import (
    WORSE,
    LegResponse,
    MorningCheck,
    SymptomProfile,
    aggravating_directions,
    easing_direction,
    further_down,
    moves_in,
)
from sciatica_coach.i18n import N_, _

GREEN = "green"
AMBER = "amber"
RED = "red"
COLOURS = (GREEN, AMBER, RED)

# --- the numbers the rules use ----------------------------------------------------------------
GREEN_LEG_RISE = 2  # leg pain up to this many points above its start is still green
LEG_CEILING = 6  # leg pain that rose to this or more (out of 10) is amber at least
SETTLED_MARGIN = 1  # next morning, leg pain within this of its start counts as settled
WORSE_FLAG_COUNT = 2  # "leg worse" after an exercise this many times ...
WORSE_FLAG_DAYS = 14  # ... within this many days flags the exercise
RED_REVIEW_COUNT = 2  # this many red sessions ...
RED_REVIEW_DAYS = 7  # ... within this many days: see a clinician
STEP_UP_GREENS = 2  # green sessions in a row, complete and settled, before stepping up
FLARE_ROUTINE = "flare-day"
FIRST_ROUTINE = "gentle-start"

# Stop reasons (core.safety codes) that are nerve signs, and one that is a warning.
NERVE_SIGN_STOPS = frozenset({"pain_spreading", "numbness"})
SHARP_PAIN_STOP = "sharp_pain"

DIRECTION_WORDS = {"flexion": N_("bending forward"), "extension": N_("leaning back")}
# Every suggestion starts with one of these: the app suggests, it never tells or diagnoses.
# i18n: not words (the rule tables in plain words for the clinician reading this file)
SUGGESTION_VERBS = ("Try", "Consider", "Keep", "See")


# --- what is known about one session ---------------------------------------------------------


@dataclass(frozen=True)
class SessionFacts:
    """A finished session with its check-ins, morning check and leg responses."""

    record: SessionRecord
    morning: MorningCheck | None = None
    responses: tuple[LegResponse, ...] = ()
    stop_exercise: str | None = None  # the exercise the session was stopped in, by name

    @property
    def before_leg(self) -> int | None:
        return self.record.pain_before.leg if self.record.pain_before else None

    @property
    def after_leg(self) -> int | None:
        return self.record.pain_after.leg if self.record.pain_after else None

    @property
    def worse_after(self) -> tuple[str, ...]:
        """Names of the exercises after which the leg was worse, in order, once each."""
        names = [
            shown_exercise_name(r.exercise_id, r.exercise_name)
            for r in self.responses
            if r.response == WORSE
        ]
        return tuple(dict.fromkeys(names))

    @property
    def complete(self) -> bool:
        """Finished with every exercise done: the condition for stepping up."""
        record = self.record
        return record.status == COMPLETED and record.work_skipped == 0


# --- the traffic light ------------------------------------------------------------------------


@dataclass(frozen=True)
class LightRule:
    """One way a session earns a colour. ``check`` gives the reason, in the user's words,
    when the rule applies, and None when it does not."""

    id: str
    colour: str
    when: str  # the rule in plain words, for the clinician reading this table
    check: Callable[[SessionFacts], str | None]


def _stopped_for_nerve_signs(facts: SessionFacts) -> str | None:
    reason = facts.record.stop_reason
    if facts.record.status != "stopped" or reason not in NERVE_SIGN_STOPS:
        return None
    spreading = reason == "pain_spreading"
    if facts.stop_exercise:
        if spreading:
            text = _("You stopped during {exercise} because of pain spreading down the leg.")
        else:
            text = _("You stopped during {exercise} because of numbness or weakness.")
        return text.format(exercise=facts.stop_exercise)
    if spreading:
        return _("You stopped because of pain spreading down the leg.")
    return _("You stopped because of numbness or weakness.")


def _spread_after(facts: SessionFacts) -> str | None:
    before, after = facts.record.pain_before, facts.record.pain_after
    if before and after and further_down(after.reach, before.reach):
        return _("After the session your symptoms reached further down the leg than before it.")
    return None


def _worse_next_morning(facts: SessionFacts) -> str | None:
    morning, before = facts.morning, facts.record.pain_before
    if morning is None:
        return None
    if morning.compared == WORSE:
        return _("Your leg was worse the next morning than before the session.")
    if before is not None and further_down(morning.reach, before.reach):
        return _("The next morning your symptoms reached further down the leg than before.")
    return None


def _leg_rose(facts: SessionFacts) -> str | None:
    before, after = facts.before_leg, facts.after_leg
    if before is not None and after is not None and after - before > GREEN_LEG_RISE:
        return _("Leg pain rose from {before} to {after} out of 10.").format(
            before=before, after=after
        )
    return None


def _leg_ceiling(facts: SessionFacts) -> str | None:
    before, after = facts.before_leg, facts.after_leg
    if after is not None and after >= LEG_CEILING and (before is None or after > before):
        return _("Leg pain reached {after} out of 10.").format(after=after)
    return None


def _sharp_pain(facts: SessionFacts) -> str | None:
    if facts.record.stop_reason == SHARP_PAIN_STOP and facts.record.status == "stopped":
        return _("You stopped because of sharp or shooting pain.")
    return None


def _exercise_worse(facts: SessionFacts) -> str | None:
    names = facts.worse_after
    if not names:
        return None
    return _("Your leg felt worse after {exercises}.").format(exercises=_joined(names))


def _slow_to_settle(facts: SessionFacts) -> str | None:
    morning, before = facts.morning, facts.before_leg
    if morning is None or morning.leg is None or before is None:
        return None
    if morning.leg > before + SETTLED_MARGIN:
        return _(
            "The next morning leg pain was {morning}, above the {before} you started at."
        ).format(morning=morning.leg, before=before)
    return None


def _nothing_wrong(facts: SessionFacts) -> str | None:
    if facts.record.pain_after is None and facts.morning is None:
        return None  # nothing to judge by
    if facts.morning:
        return _(
            "Leg pain stayed within {points} points of its start and your leg had settled by "
            "the next morning."
        ).format(points=GREEN_LEG_RISE)
    return _("Leg pain stayed within {points} points of its start.").format(points=GREEN_LEG_RISE)


# i18n: not words (the rule tables in plain words for the clinician reading this file)
LIGHT_RULES: tuple[LightRule, ...] = (
    LightRule(
        "red-nerve-stop",
        RED,
        "The session was stopped for pain spreading down the leg, or numbness or weakness.",
        _stopped_for_nerve_signs,
    ),
    LightRule(
        "red-spread-after",
        RED,
        "After the session the symptoms reach further down the leg than before it.",
        _spread_after,
    ),
    LightRule(
        "red-worse-next-morning",
        RED,
        "Next morning the leg is worse than before the session, or reaches further down.",
        _worse_next_morning,
    ),
    LightRule(
        "amber-leg-rose",
        AMBER,
        f"Leg pain after the session is more than {GREEN_LEG_RISE} points above its start.",
        _leg_rose,
    ),
    LightRule(
        "amber-leg-ceiling",
        AMBER,
        f"Leg pain rose to {LEG_CEILING} out of 10 or more.",
        _leg_ceiling,
    ),
    LightRule(
        "amber-sharp-pain",
        AMBER,
        "The session was stopped for sharp or shooting pain.",
        _sharp_pain,
    ),
    LightRule(
        "amber-exercise-worse",
        AMBER,
        "The user said the leg was worse after one of the exercises.",
        _exercise_worse,
    ),
    LightRule(
        "amber-slow-to-settle",
        AMBER,
        f"Next morning leg pain is more than {SETTLED_MARGIN} point above its start.",
        _slow_to_settle,
    ),
    LightRule(
        "green",
        GREEN,
        "None of the above, with an after-session or next-morning check to go by.",
        _nothing_wrong,
    ),
)


@dataclass(frozen=True)
class Light:
    """A session's colour (None when there was nothing to judge it by), why, and by which
    rules; ``settled_known`` says whether the next morning was checked."""

    session_id: int
    local_date: date
    routine_id: str
    colour: str | None
    reasons: tuple[str, ...]
    rules: tuple[str, ...]
    settled_known: bool
    complete: bool


def judge_session(facts: SessionFacts) -> Light:
    """The worst colour any rule gives the session, with every reason for that colour."""
    found = [(rule, rule.check(facts)) for rule in LIGHT_RULES]
    applied = [(rule, reason) for rule, reason in found if reason is not None]
    colour = None
    for candidate in (RED, AMBER, GREEN):
        if any(rule.colour == candidate for rule, _reason in applied):
            colour = candidate
            break
    chosen = [(rule, reason) for rule, reason in applied if rule.colour == colour]
    return Light(
        session_id=facts.record.id,
        local_date=facts.record.local_date,
        routine_id=facts.record.routine_id,
        colour=colour,
        reasons=tuple(reason for _rule, reason in chosen),
        rules=tuple(rule.id for rule, _reason in chosen),
        settled_known=facts.morning is not None,
        complete=facts.complete,
    )


def judge_history(facts: Iterable[SessionFacts]) -> list[Light]:
    """Lights for sessions, oldest first by start."""
    ordered = sorted(facts, key=lambda f: f.record.started_at)
    return [judge_session(f) for f in ordered]


# --- exercises that keep making the leg worse -------------------------------------------------


@dataclass(frozen=True)
class ExerciseFlag:
    """An exercise after which the leg was worse at least WORSE_FLAG_COUNT times lately."""

    exercise_id: str
    name: str
    worse: int
    answered: int
    routine_ids: tuple[str, ...]

    @property
    def text(self) -> str:
        """``Single knee to chest: leg worse 2 of 3 times``."""
        return _("{exercise}: leg worse {worse} of {count} times").format(
            exercise=self.name, worse=self.worse, count=self.answered
        )


def flagged_exercises(responses: Iterable[LegResponse], today: date) -> list[ExerciseFlag]:
    """Exercises the leg was worse after WORSE_FLAG_COUNT or more times in the last
    WORSE_FLAG_DAYS days (today included), most often worse first."""
    since = today - timedelta(days=WORSE_FLAG_DAYS - 1)
    recent = [r for r in responses if since <= r.local_date <= today]
    by_exercise: dict[str, list[LegResponse]] = {}
    for response in recent:
        by_exercise.setdefault(response.exercise_id, []).append(response)
    flags = []
    for exercise_id, answers in by_exercise.items():
        worse = [a for a in answers if a.response == WORSE]
        if len(worse) >= WORSE_FLAG_COUNT:
            routines = tuple(dict.fromkeys(a.routine_id for a in worse))
            flags.append(
                ExerciseFlag(
                    exercise_id,
                    shown_exercise_name(exercise_id, answers[-1].exercise_name),
                    len(worse),
                    len(answers),
                    routines,
                )
            )
    return sorted(flags, key=lambda f: (-f.worse, f.name))


# --- suggestions ------------------------------------------------------------------------------

STEP_UP = "step_up"
NEXT_ROUTINE = "next_routine"
KEEP = "keep"
EASE_OFF = "ease_off"
LEAVE_OUT = "leave_out"
SEE_CLINICIAN = "see_clinician"


@dataclass(frozen=True)
class Suggestion:
    """Something to consider next time, why, and the rule that made it."""

    rule: str
    kind: str
    text: str
    reason: str
    routine_id: str | None = None
    exercise_id: str | None = None


@dataclass(frozen=True)
class CoachingContext:
    """Everything the suggestion rules look at."""

    lights: Sequence[Light]  # oldest first
    flags: Sequence[ExerciseFlag]
    routines: Mapping[str, Routine]
    stepped_up: frozenset[tuple[str, str]]  # (routine id, exercise id) already stepped up
    provoking: str | None = None  # the exercise id the latest session was stopped in


@dataclass(frozen=True)
class SuggestionRule:
    id: str
    when: str  # the rule in plain words, for the clinician reading this table
    make: Callable[[CoachingContext], list[Suggestion]]


def _judged(context: CoachingContext) -> list[Light]:
    return [light for light in context.lights if light.colour is not None]


def _see_clinician(context: CoachingContext) -> list[Suggestion]:
    judged = _judged(context)
    if not judged or judged[-1].colour != RED:
        return []
    latest = judged[-1].local_date
    reds = [
        light
        for light in judged
        if light.colour == RED and latest - light.local_date < timedelta(days=RED_REVIEW_DAYS)
    ]
    if len(reds) < RED_REVIEW_COUNT:
        return []
    return [
        Suggestion(
            "see-clinician-two-reds",
            SEE_CLINICIAN,
            _(
                "See your physiotherapist or doctor about your leg before your next sessions; "
                "the warning signs are in Help ▸ Safety."
            ),
            _("Your leg was worse after {count} sessions in the last {days} days.").format(
                count=len(reds), days=RED_REVIEW_DAYS
            ),
        )
    ]


def _ease_off(context: CoachingContext) -> list[Suggestion]:
    judged = _judged(context)
    if not judged or judged[-1].colour != RED:
        return []
    latest = judged[-1]
    flare = FLARE_ROUTINE if FLARE_ROUTINE in context.routines else None
    if flare and latest.routine_id != flare:
        text = _("Try the easier versions next time or the Flare-up day routine.")
    else:
        text = _("Try the easier versions next time.")
    suggestions = [
        Suggestion(
            "ease-off-after-red",
            EASE_OFF,
            text,
            latest.reasons[0],
            routine_id=flare or latest.routine_id,
        )
    ]
    routine = context.routines.get(latest.routine_id)
    if context.provoking and routine is not None:
        name = _exercise_name(routine, context.provoking)
        if name:
            suggestions.append(
                Suggestion(
                    "leave-out-after-red",
                    LEAVE_OUT,
                    _("Consider leaving {exercise} out of {routine} for now.").format(
                        exercise=name, routine=routine.name
                    ),
                    _("Your last session stopped during {exercise}.").format(exercise=name),
                    routine_id=routine.id,
                    exercise_id=context.provoking,
                )
            )
    return suggestions


def _leave_out_flagged(context: CoachingContext) -> list[Suggestion]:
    suggestions = []
    for flag in context.flags:
        for routine_id in flag.routine_ids:
            routine = context.routines.get(routine_id)
            if routine is None or not _exercise_name(routine, flag.exercise_id):
                continue
            suggestions.append(
                Suggestion(
                    "leave-out-worse-twice",
                    LEAVE_OUT,
                    _("Consider leaving {exercise} out of {routine}.").format(
                        exercise=flag.name, routine=routine.name
                    ),
                    _("{flag} in the last {days} days.").format(
                        flag=flag.text, days=WORSE_FLAG_DAYS
                    ),
                    routine_id=routine.id,
                    exercise_id=flag.exercise_id,
                )
            )
    return suggestions


def _keep_after_amber(context: CoachingContext) -> list[Suggestion]:
    judged = _judged(context)
    if not judged or judged[-1].colour != AMBER:
        return []
    return [
        Suggestion(
            "keep-after-amber",
            KEEP,
            _("Keep the same routine and amounts next time, without stepping up."),
            judged[-1].reasons[0],
            routine_id=judged[-1].routine_id,
        )
    ]


def _step_up(context: CoachingContext) -> list[Suggestion]:
    judged = _judged(context)
    recent = judged[-STEP_UP_GREENS:]
    if len(recent) < STEP_UP_GREENS:
        return []
    # equivalent mutant: the check below needs every light of the run to be of this routine
    routine_id = recent[-1].routine_id
    if not all(
        light.colour == GREEN
        and light.settled_known
        and light.complete
        and light.routine_id == routine_id
        for light in recent
    ):
        return []
    routine = context.routines.get(routine_id)
    if routine is None:
        return []
    reason = _(
        "Your last {count} sessions of {routine} were green: complete, "
        "and your leg had settled by the next morning."
    ).format(count=STEP_UP_GREENS, routine=routine.name)
    for block in routine.blocks:
        exercise = block.exercise
        if exercise.harder and (routine.id, exercise.id) not in context.stepped_up:
            return [
                Suggestion(
                    "step-up-after-greens",
                    STEP_UP,
                    _("Try the harder version of {exercise} next time: {harder}").format(
                        exercise=exercise.name, harder=exercise.harder
                    ),
                    reason,
                    routine_id=routine.id,
                    exercise_id=exercise.id,
                )
            ]
    following = _next_routine(routine, context.routines)
    if following is None:
        return []
    return [
        Suggestion(
            "next-routine-after-greens",
            NEXT_ROUTINE,
            _("Consider moving on to {routine} next time.").format(routine=following.name),
            reason,
            routine_id=following.id,
        )
    ]


# i18n: not words (the rule tables in plain words for the clinician reading this file)
SUGGESTION_RULES: tuple[SuggestionRule, ...] = (
    SuggestionRule(
        "see-clinician-two-reds",
        f"The latest session is red and {RED_REVIEW_COUNT} or more were red within "
        f"{RED_REVIEW_DAYS} days: see a physiotherapist or doctor.",
        _see_clinician,
    ),
    SuggestionRule(
        "ease-off-after-red",
        "The latest session is red: the easier versions or the flare-up routine next time, "
        "and leaving out the exercise it was stopped in.",
        _ease_off,
    ),
    SuggestionRule(
        "leave-out-worse-twice",
        f"An exercise made the leg worse {WORSE_FLAG_COUNT} or more times in "
        f"{WORSE_FLAG_DAYS} days: leave it out of the routines it was in.",
        _leave_out_flagged,
    ),
    SuggestionRule(
        "keep-after-amber",
        "The latest session is amber: the same routine and amounts again.",
        _keep_after_amber,
    ),
    SuggestionRule(
        "step-up-after-greens",
        f"The latest {STEP_UP_GREENS} sessions are green, settled next morning, complete and "
        "of the same routine: one exercise's harder version, or when none is left, the "
        "next routine up.",
        _step_up,
    ),
)


def suggestions(context: CoachingContext) -> list[Suggestion]:
    """Every suggestion the rules make now, most pressing first, each exercise once."""
    made: list[Suggestion] = []
    seen: set[tuple[str, str | None, str | None]] = set()
    for rule in SUGGESTION_RULES:
        for suggestion in rule.make(context):
            key = (suggestion.kind, suggestion.routine_id, suggestion.exercise_id)
            if key not in seen:
                seen.add(key)
                made.append(suggestion)
    return made


# --- where to start ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StartHere:
    routine_id: str
    why: str


def start_here(
    routines: Mapping[str, Routine],
    profile: SymptomProfile | None,
    lights: Sequence[Light],
    *,
    chosen: str | None = None,
) -> StartHere | None:
    """The routine Today offers first, with one line saying why; ``chosen`` is a routine
    the user picked from a suggestion after the latest session, which comes first."""
    if chosen is not None and chosen in routines:
        return StartHere(chosen, _("You chose this routine for your next session."))
    judged = [light for light in lights if light.colour is not None]
    latest = judged[-1] if judged else None
    if latest is not None and latest.colour == RED and FLARE_ROUTINE in routines:
        return StartHere(
            FLARE_ROUTINE, _("Your leg was worse after your last session: go gently today.")
        )
    easing = easing_direction(profile)
    if easing is not None:
        fitting = _routines_built_on(routines, easing)
        if fitting is not None:
            way = _(DIRECTION_WORDS[easing])
            return StartHere(
                fitting.id,
                _("You said {way} eases your leg, and this routine uses it.").format(way=way),
            )
    aggravating = aggravating_directions(profile)
    if latest is not None and latest.routine_id in routines:
        routine = routines[latest.routine_id]
        if not _moves_in(routine, aggravating):
            return StartHere(routine.id, _again_why(latest))
    if aggravating:
        clear = [r for r in routines.values() if not _moves_in(r, aggravating)]
        if clear:
            pick = min(clear, key=lambda r: (r.level, not r.builtin, r.name))
            # equivalent mutant: only flexion and extension are ever marked; both have words
            way = _(" or ").join(_(DIRECTION_WORDS.get(d, d)) for d in sorted(aggravating))
            return StartHere(
                pick.id,
                _("This routine leaves out {way}, which you said does not help your leg.").format(
                    way=way
                ),
            )
    if FIRST_ROUTINE in routines:
        return StartHere(FIRST_ROUTINE, _("A short, gentle routine to begin with."))
    return None


def _again_why(latest: Light) -> str:
    if latest.colour == GREEN:
        return _("Your last session went well: keep going with it.")
    return _("Your leg was a little stirred up last time: keep to the same routine for now.")


def _routines_built_on(routines: Mapping[str, Routine], direction: str) -> Routine | None:
    """The gentlest routine where most exercises move the spine in ``direction``."""
    built = []
    for routine in routines.values():
        moving = [
            b
            for b in routine.blocks
            if moves_in(b.exercise.spinal_direction, frozenset({direction}))
        ]
        if routine.blocks and len(moving) * 2 > len(routine.blocks):
            built.append(routine)
    if not built:
        return None
    return min(built, key=lambda r: (r.level, not r.builtin, r.name))


def _moves_in(routine: Routine, directions: frozenset[str]) -> bool:
    return any(moves_in(b.exercise.spinal_direction, directions) for b in routine.blocks)


def _next_routine(routine: Routine, routines: Mapping[str, Routine]) -> Routine | None:
    """A built-in routine one level up, or None at the top."""
    higher = [
        r
        for r in routines.values()
        if r.builtin and r.level == routine.level + 1 and r.id != routine.id
    ]
    return min(higher, key=lambda r: r.name) if higher else None


def _exercise_name(routine: Routine, exercise_id: str) -> str | None:
    return next((b.exercise.name for b in routine.blocks if b.exercise.id == exercise_id), None)


def _joined(names: Sequence[str]) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + _(" and ") + names[-1]

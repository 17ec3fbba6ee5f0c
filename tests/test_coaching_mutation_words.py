"""The coach's words and picks, whole: every light's reason as the user reads it, every
suggestion field by field (rule, kind, text, reason, routine and exercise), the flagged
exercises in their order, and each way "start here" chooses, over small hand-made routines
whose names and levels are known."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core.catalog import Routine
from sciatica_coach.core.coaching import (
    AMBER,
    GREEN,
    RED,
    CoachingContext,
    ExerciseFlag,
    Light,
    SessionFacts,
    StartHere,
    Suggestion,
    flagged_exercises,
    judge_history,
    judge_session,
    start_here,
    suggestions,
)
from sciatica_coach.core.records import PainCheck, SessionRecord
from sciatica_coach.core.symptoms import LegResponse, MorningCheck, SymptomProfile

MONDAY = date(2026, 3, 23)


def routine(
    routine_id: str,
    name: str,
    *exercises: dict[str, Any],
    level: int = 1,
    builtin: bool = True,
) -> Routine:
    made = make_routine(
        *({"exercise": e["id"]} for e in exercises),
        exercises=list(exercises),
        id=routine_id,
        name=name,
        level=level,
    )
    return replace(made, builtin=builtin)


def still(ex_id: str, name: str, **fields: Any) -> dict[str, Any]:
    return exercise_table(ex_id, name=name, hold=10, **fields)


BRIDGE = still("bridge_x", "Bridge", harder="One foot.")
CLAM = still("clam_x", "Clam", harder="With a band.")
MARCH = still("march_x", "March")
FLARE = routine("flare-day", "Flare-up day", still("breathe_x", "Breathe"))
GENTLE = routine("gentle-start", "Gentle start", MARCH)
HIPS = routine("hips", "Hips", BRIDGE, CLAM, MARCH, builtin=False)
STRENGTH_B = routine("strength-b", "Strength B", MARCH, level=2)
STRENGTH_A = routine("strength-a", "Strength A", MARCH, level=2)
ROUTINES = {r.id: r for r in (FLARE, GENTLE, HIPS, STRENGTH_B, STRENGTH_A)}


def record(
    number: int,
    day: date,
    *,
    before: tuple[int, str | None] | None = (4, "thigh"),
    after: tuple[int, str | None] | None = (4, "thigh"),
    status: str = "completed",
    stop: str | None = None,
    skipped: int = 0,
    routine_id: str = "hips",
) -> SessionRecord:
    start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC)
    return SessionRecord(
        id=number,
        routine_id=routine_id,
        routine_name=routine_id,
        started_at=start,
        local_date=day,
        utc_offset_minutes=0,
        ended_at=start + timedelta(minutes=15),
        status=status,
        stop_reason=stop,
        planned_seconds=900,
        planned_work_steps=3,
        active_seconds=900,
        notes="",
        pain_before=PainCheck("before", 3, before[0], "", before[1]) if before else None,
        pain_after=PainCheck("after", 3, after[0], "", after[1]) if after else None,
        work_done=3 - skipped,
        work_skipped=skipped,
        stop_step=1 if stop else None,
    )


def morning(
    number: int, day: date, compared: str = "same", leg: int | None = 4, reach: str = "thigh"
) -> MorningCheck:
    taken = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
    return MorningCheck(number, compared, 3, leg, reach, taken, day)


def worse_after(*names: str) -> tuple[LegResponse, ...]:
    return tuple(
        LegResponse(1, n, f"{name.lower()}_x", name, "worse", MONDAY, "hips")
        for n, name in enumerate(names)
    )


# --- every reason of the light ----------------------------------------------------------------

NERVE = {"status": "stopped", "after": None}
NEXT_DAY = MONDAY + timedelta(days=1)

LIGHTS: list[tuple[SessionFacts, str, tuple[str, ...], tuple[str, ...]]] = [
    (
        SessionFacts(record(1, MONDAY, stop="pain_spreading", **NERVE), stop_exercise="Bridge"),
        RED,
        ("red-nerve-stop",),
        ("You stopped during Bridge because of pain spreading down the leg.",),
    ),
    (
        SessionFacts(record(1, MONDAY, stop="numbness", **NERVE), stop_exercise="Bridge"),
        RED,
        ("red-nerve-stop",),
        ("You stopped during Bridge because of numbness or weakness.",),
    ),
    (
        SessionFacts(record(1, MONDAY, stop="pain_spreading", **NERVE)),
        RED,
        ("red-nerve-stop",),
        ("You stopped because of pain spreading down the leg.",),
    ),
    (
        SessionFacts(record(1, MONDAY, stop="numbness", **NERVE)),
        RED,
        ("red-nerve-stop",),
        ("You stopped because of numbness or weakness.",),
    ),
    (
        SessionFacts(record(1, MONDAY, after=(4, "below_knee"))),
        RED,
        ("red-spread-after",),
        ("After the session your symptoms reached further down the leg than before it.",),
    ),
    (
        SessionFacts(record(1, MONDAY), morning(1, NEXT_DAY, "worse")),
        RED,
        ("red-worse-next-morning",),
        ("Your leg was worse the next morning than before the session.",),
    ),
    (
        SessionFacts(record(1, MONDAY), morning(1, NEXT_DAY, reach="foot")),
        RED,
        ("red-worse-next-morning",),
        ("The next morning your symptoms reached further down the leg than before.",),
    ),
    (
        SessionFacts(record(1, MONDAY, before=(5, "thigh"), after=(6, "thigh"))),
        AMBER,
        ("amber-leg-ceiling",),
        ("Leg pain reached 6 out of 10.",),
    ),
    (
        SessionFacts(record(1, MONDAY, stop="sharp_pain", **NERVE)),
        AMBER,
        ("amber-sharp-pain",),
        ("You stopped because of sharp or shooting pain.",),
    ),
    (
        SessionFacts(record(1, MONDAY), morning(1, NEXT_DAY, leg=6)),
        AMBER,
        ("amber-slow-to-settle",),
        ("The next morning leg pain was 6, above the 4 you started at.",),
    ),
    (
        SessionFacts(record(1, MONDAY), responses=worse_after("Bridge")),
        AMBER,
        ("amber-exercise-worse",),
        ("Your leg felt worse after Bridge.",),
    ),
    (
        SessionFacts(record(1, MONDAY), responses=worse_after("Bridge", "Clam")),
        AMBER,
        ("amber-exercise-worse",),
        ("Your leg felt worse after Bridge and Clam.",),
    ),
    (
        SessionFacts(record(1, MONDAY), responses=worse_after("Bridge", "Clam", "March", "Bird")),
        AMBER,
        ("amber-exercise-worse",),
        ("Your leg felt worse after Bridge, Clam, March and Bird.",),
    ),
    (
        SessionFacts(record(1, MONDAY), morning(1, NEXT_DAY, leg=5)),
        GREEN,
        ("green",),
        (
            "Leg pain stayed within 2 points of its start and your leg had settled by the next "
            "morning.",
        ),
    ),
    (
        SessionFacts(record(1, MONDAY, before=(1, "thigh"), after=(3, "thigh"))),
        GREEN,
        ("green",),
        ("Leg pain stayed within 2 points of its start.",),
    ),
    (
        # No leg score before: the morning's 7 cannot be compared, so it is not slow to settle.
        SessionFacts(record(1, MONDAY, before=None), morning(1, NEXT_DAY, leg=7)),
        GREEN,
        ("green",),
        (
            "Leg pain stayed within 2 points of its start and your leg had settled by the next "
            "morning.",
        ),
    ),
]


@pytest.mark.parametrize(("facts", "colour", "rules", "reasons"), LIGHTS)
def test_each_light_in_the_user_s_words(
    facts: SessionFacts, colour: str, rules: tuple[str, ...], reasons: tuple[str, ...]
) -> None:
    light = judge_session(facts)
    assert (light.colour, light.rules, light.reasons) == (colour, rules, reasons)


def test_a_light_names_its_session() -> None:
    facts = SessionFacts(
        record(7, MONDAY, routine_id="gentle-start", skipped=1), morning(7, NEXT_DAY)
    )
    assert judge_session(facts) == Light(
        session_id=7,
        local_date=MONDAY,
        routine_id="gentle-start",
        colour=GREEN,
        reasons=(
            "Leg pain stayed within 2 points of its start and your leg had settled by the next "
            "morning.",
        ),
        rules=("green",),
        settled_known=True,
        complete=False,
    )


# --- flagged exercises ------------------------------------------------------------------------


def answer(exercise: str, name: str, response: str, routine_id: str, day: int = 0) -> LegResponse:
    return LegResponse(day, 1, exercise, name, response, MONDAY + timedelta(days=day), routine_id)


def test_flags_most_often_worse_first_then_by_name_with_the_latest_name() -> None:
    answers = [
        answer("bend_x", "Bend", "worse", "hips", 0),
        answer("twist_x", "Twist", "worse", "hips", 1),
        answer("arch_x", "Arch", "worse", "core", 1),
        answer("twist_x", "Twist", "worse", "core", 2),
        answer("bend_x", "Bend", "worse", "hips", 2),
        answer("arch_x", "Arch", "same", "core", 2),
        answer("arch_x", "Arch", "worse", "core", 3),
        answer("twist_x", "Seated twist", "worse", "hips", 3),  # renamed since
    ]
    flags = flagged_exercises(answers, MONDAY + timedelta(days=3))
    assert flags == [
        ExerciseFlag("twist_x", "Seated twist", 3, 3, ("hips", "core")),
        ExerciseFlag("arch_x", "Arch", 2, 3, ("core",)),
        ExerciseFlag("bend_x", "Bend", 2, 2, ("hips",)),
    ]
    assert flags[0].text == "Seated twist: leg worse 3 of 3 times"


# --- suggestions, field by field --------------------------------------------------------------


def green(number: int, day: date, routine_id: str = "hips") -> SessionFacts:
    return SessionFacts(
        record(number, day, routine_id=routine_id), morning(number, day + timedelta(days=1))
    )


def red(number: int, day: date, routine_id: str = "hips") -> SessionFacts:
    return SessionFacts(record(number, day, after=(4, "foot"), routine_id=routine_id))


def amber(number: int, day: date, routine_id: str = "hips") -> SessionFacts:
    return SessionFacts(
        record(number, day, before=(2, "thigh"), after=(6, "thigh"), routine_id=routine_id)
    )


def context(
    *facts: SessionFacts,
    flags: tuple[ExerciseFlag, ...] = (),
    routines: dict[str, Routine] = ROUTINES,
    stepped_up: frozenset[tuple[str, str]] = frozenset(),
    provoking: str | None = None,
) -> CoachingContext:
    return CoachingContext(judge_history(facts), flags, routines, stepped_up, provoking)


SPREAD = "After the session your symptoms reached further down the leg than before it."
SETTLED = (
    "Your last 2 sessions of Hips were green: complete, and your leg had settled by the next "
    "morning."
)
EASE_OFF_OR_FLARE = Suggestion(
    "ease-off-after-red",
    "ease_off",
    "Try the easier versions next time or the Flare-up day routine.",
    SPREAD,
    routine_id="flare-day",
)


def see_clinician(count: int) -> Suggestion:
    return Suggestion(
        "see-clinician-two-reds",
        "see_clinician",
        "See your physiotherapist or doctor about your leg before your next sessions; the "
        "warning signs are in Help ▸ Safety.",
        f"Your leg was worse after {count} sessions in the last 7 days.",
    )


def test_two_reds_in_a_week_see_a_clinician_then_ease_off() -> None:
    made = suggestions(context(red(1, MONDAY), red(2, MONDAY + timedelta(days=6))))
    assert made == [see_clinician(2), EASE_OFF_OR_FLARE]


def test_three_reds_in_a_week_are_counted() -> None:
    made = suggestions(
        context(red(1, MONDAY), red(2, MONDAY + timedelta(days=2)), red(3, MONDAY + timedelta(4)))
    )
    assert made == [see_clinician(3), EASE_OFF_OR_FLARE]


def test_two_reds_and_then_a_green_suggest_nothing() -> None:
    history = (red(1, MONDAY), red(2, MONDAY + timedelta(days=1)), green(3, MONDAY + timedelta(2)))
    assert suggestions(context(*history)) == []


def test_a_red_in_the_flare_up_routine_itself_just_eases_off() -> None:
    made = suggestions(context(red(1, MONDAY, routine_id="flare-day")))
    assert made == [
        Suggestion(
            "ease-off-after-red",
            "ease_off",
            "Try the easier versions next time.",
            SPREAD,
            routine_id="flare-day",
        )
    ]


def test_a_red_without_a_flare_up_routine_eases_off_in_the_same_routine() -> None:
    routines = {r.id: r for r in (GENTLE, HIPS)}
    made = suggestions(context(red(1, MONDAY), routines=routines))
    assert made == [
        Suggestion(
            "ease-off-after-red",
            "ease_off",
            "Try the easier versions next time.",
            SPREAD,
            routine_id="hips",
        )
    ]


def test_a_red_offers_to_leave_out_the_exercise_it_was_stopped_in() -> None:
    made = suggestions(context(red(1, MONDAY), provoking="clam_x"))
    assert made == [
        EASE_OFF_OR_FLARE,
        Suggestion(
            "leave-out-after-red",
            "leave_out",
            "Consider leaving Clam out of Hips for now.",
            "Your last session stopped during Clam.",
            routine_id="hips",
            exercise_id="clam_x",
        ),
    ]


@pytest.mark.parametrize(
    ("latest", "provoking"),
    [("hips", "plank_x"), ("deleted-routine", "clam_x"), ("hips", None)],
    ids=["not in that routine", "routine gone", "not stopped in one"],
)
def test_no_leave_out_after_a_red_without_the_exercise_in_its_routine(
    latest: str, provoking: str | None
) -> None:
    made = suggestions(context(red(1, MONDAY, routine_id=latest), provoking=provoking))
    assert [m.rule for m in made] == ["ease-off-after-red"]


def test_amber_keeps_the_latest_routine_for_the_latest_reason() -> None:
    history = (
        green(1, MONDAY, "gentle-start"),
        green(2, MONDAY + timedelta(days=1), "gentle-start"),
        amber(3, MONDAY + timedelta(days=2)),
    )
    assert suggestions(context(*history)) == [
        Suggestion(
            "keep-after-amber",
            "keep",
            "Keep the same routine and amounts next time, without stepping up.",
            "Leg pain rose from 2 to 6 out of 10.",
            routine_id="hips",
        )
    ]


def test_a_flagged_exercise_is_offered_out_of_each_routine_that_has_it() -> None:
    flag = ExerciseFlag("march_x", "March", 2, 3, ("deleted-routine", "flare-day", "hips"))
    made = suggestions(context(amber(1, MONDAY, "gentle-start"), flags=(flag,)))
    assert made == [
        Suggestion(
            "leave-out-worse-twice",
            "leave_out",
            "Consider leaving March out of Hips.",
            "March: leg worse 2 of 3 times in the last 14 days.",
            routine_id="hips",
            exercise_id="march_x",
        ),
        Suggestion(
            "keep-after-amber",
            "keep",
            "Keep the same routine and amounts next time, without stepping up.",
            "Leg pain rose from 2 to 6 out of 10.",
            routine_id="gentle-start",
        ),
    ]


def test_one_exercise_left_out_of_one_routine_is_suggested_once() -> None:
    flag = ExerciseFlag("clam_x", "Clam", 2, 2, ("hips",))
    made = suggestions(context(red(1, MONDAY), flags=(flag,), provoking="clam_x"))
    assert [m.rule for m in made] == ["ease-off-after-red", "leave-out-after-red"]


def test_two_settled_greens_step_up_the_first_exercise_with_a_harder_version() -> None:
    made = suggestions(context(green(1, MONDAY), green(2, MONDAY + timedelta(days=2))))
    assert made == [
        Suggestion(
            "step-up-after-greens",
            "step_up",
            "Try the harder version of Bridge next time: One foot.",
            SETTLED,
            routine_id="hips",
            exercise_id="bridge_x",
        )
    ]


def test_with_every_harder_version_taken_the_next_routine_up_by_name() -> None:
    taken = frozenset({("hips", "bridge_x"), ("hips", "clam_x")})
    made = suggestions(
        context(green(1, MONDAY), green(2, MONDAY + timedelta(days=2)), stepped_up=taken)
    )
    assert made == [
        Suggestion(
            "next-routine-after-greens",
            "next_routine",
            "Consider moving on to Strength A next time.",
            SETTLED,
            routine_id="strength-a",
        )
    ]


def test_at_the_top_level_there_is_nothing_to_step_up_to() -> None:
    history = (
        green(1, MONDAY, "strength-a"),
        green(2, MONDAY + timedelta(days=2), "strength-a"),
    )
    assert suggestions(context(*history)) == []


def test_greens_of_a_routine_no_longer_there_step_nothing_up() -> None:
    history = (green(1, MONDAY, "gone"), green(2, MONDAY + timedelta(days=2), "gone"))
    assert suggestions(context(*history)) == []


# --- where to start ---------------------------------------------------------------------------


def profile(eases: str, **self_check: str) -> SymptomProfile:
    return SymptomProfile(datetime(2026, 3, 1, tzinfo=UTC), MONDAY, "thigh", eases, self_check)


def lights(*facts: SessionFacts) -> list[Light]:
    return judge_history(facts)


def test_a_routine_chosen_from_a_suggestion_comes_first() -> None:
    assert start_here(ROUTINES, None, lights(red(1, MONDAY)), chosen="strength-b") == StartHere(
        "strength-b", "You chose this routine for your next session."
    )


def test_a_chosen_routine_that_is_gone_is_passed_over() -> None:
    assert start_here(ROUTINES, None, [], chosen="deleted-routine") == StartHere(
        "gentle-start", "A short, gentle routine to begin with."
    )


def test_after_a_red_session_the_flare_up_routine() -> None:
    assert start_here(ROUTINES, None, lights(red(1, MONDAY))) == StartHere(
        "flare-day", "Your leg was worse after your last session: go gently today."
    )


@pytest.mark.parametrize(
    ("facts", "why"),
    [
        (green(1, MONDAY), "Your last session went well: keep going with it."),
        (
            amber(1, MONDAY),
            "Your leg was a little stirred up last time: keep to the same routine for now.",
        ),
    ],
)
def test_the_latest_routine_again_with_why(facts: SessionFacts, why: str) -> None:
    assert start_here(ROUTINES, None, lights(facts)) == StartHere("hips", why)


def arching(ex_id: str) -> dict[str, Any]:
    return exercise_table(ex_id, name=ex_id, hold=10, spinal_direction="extension")


def test_an_easing_direction_leads_to_the_gentlest_routine_built_on_it() -> None:
    half = routine("half", "Half", arching("a1"), MARCH, level=1)  # only half of it arches
    custom = routine("custom", "Arch custom", arching("a2"), arching("a3"), level=2, builtin=False)
    built = routine("built", "Back bends", arching("a4"), arching("a5"), MARCH, level=2)
    later = routine("later", "Another", arching("a6"), level=3)
    routines = {r.id: r for r in (later, half, custom, built, GENTLE)}
    assert start_here(routines, profile("leaning_back"), []) == StartHere(
        "built", "You said leaning back eases your leg, and this routine uses it."
    )


def test_both_ways_marked_leads_to_the_gentlest_routine_that_moves_neither() -> None:
    custom = routine("aardvark", "Aardvark", MARCH, builtin=False)
    bending = routine("bending", "Bending", exercise_table("b1", spinal_direction="flexion"))
    routines = {r.id: r for r in (bending, custom, STRENGTH_B, GENTLE)}
    both = profile("neither", flexion="down", extension="down")
    assert start_here(routines, both, []) == StartHere(
        "gentle-start",
        "This routine leaves out leaning back or bending forward, which you said does not help "
        "your leg.",
    )


def test_with_nothing_to_go_by_and_no_gentle_start_there_is_no_pick() -> None:
    assert start_here({"hips": HIPS}, None, []) is None

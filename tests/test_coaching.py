"""The coaching rules over hand-made histories: each colour, each suggestion, the "worse
twice" flag, the profile's marks, and where to start."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sciatica_coach.core import coaching
from sciatica_coach.core.coaching import (
    AMBER,
    GREEN,
    RED,
    CoachingContext,
    Light,
    SessionFacts,
    flagged_exercises,
    judge_session,
    start_here,
    suggestions,
)
from sciatica_coach.core.library import load_library
from sciatica_coach.core.records import PainCheck, SessionRecord
from sciatica_coach.core.symptoms import (
    BENDING_FORWARD,
    LEANING_BACK,
    NEITHER,
    NOT_SURE,
    LegResponse,
    MorningCheck,
    SymptomProfile,
    aggravating_directions,
    easing_direction,
    moves_in,
)

LONDON = ZoneInfo("Europe/London")
ROUTINES = load_library(None).routines
MONDAY = date(2026, 3, 23)


def session(
    number: int,
    day: date,
    *,
    before: tuple[int, str | None] | None = (4, "thigh"),
    after: tuple[int, str | None] | None = (4, "thigh"),
    status: str = "completed",
    stop: str | None = None,
    skipped: int = 0,
    routine: str = "core-stability",
) -> SessionRecord:
    start = datetime(day.year, day.month, day.day, 9, 0, tzinfo=LONDON)
    return SessionRecord(
        id=number,
        routine_id=routine,
        routine_name=ROUTINES[routine].name if routine in ROUTINES else routine,
        started_at=start,
        local_date=day,
        utc_offset_minutes=int((start.utcoffset() or timedelta()).total_seconds() // 60),
        ended_at=start + timedelta(minutes=15),
        status=status,
        stop_reason=stop,
        planned_seconds=900,
        planned_work_steps=10,
        active_seconds=900,
        notes="",
        pain_before=PainCheck("before", 3, before[0], "", before[1]) if before else None,
        pain_after=PainCheck("after", 3, after[0], "", after[1]) if after else None,
        work_done=10 - skipped,
        work_skipped=skipped,
        stop_step=4 if stop else None,
    )


def morning(
    number: int, day: date, compared: str = "same", leg: int | None = 4, reach: str | None = "thigh"
) -> MorningCheck:
    taken = datetime(day.year, day.month, day.day, 7, 30, tzinfo=UTC)
    return MorningCheck(number, compared, 3, leg, reach, taken, day)


def response(
    number: int, day: date, exercise: str, answer: str, routine: str = "core-stability"
) -> LegResponse:
    name = exercise.replace("_", " ").capitalize()
    return LegResponse(number, 3, exercise, name, answer, day, routine)


# --- the traffic light ------------------------------------------------------------------------


def test_a_small_rise_with_nothing_spreading_and_a_settled_morning_is_green() -> None:
    day = MONDAY
    light = judge_session(
        SessionFacts(
            session(1, day, before=(3, "thigh"), after=(5, "thigh")),
            morning(1, day + timedelta(days=1), leg=3),
        )
    )
    assert light.colour == GREEN and light.rules == ("green",) and light.settled_known
    assert "settled by the next morning" in light.reasons[0]


def test_a_rise_of_more_than_two_points_is_amber_and_says_by_how_much() -> None:
    light = judge_session(SessionFacts(session(1, MONDAY, before=(2, "thigh"), after=(5, "thigh"))))
    assert light.colour == AMBER and light.rules == ("amber-leg-rose",)
    assert light.reasons == ("Leg pain rose from 2 to 5 out of 10.",)


def test_reaching_the_ceiling_is_amber_even_after_a_small_rise() -> None:
    light = judge_session(SessionFacts(session(1, MONDAY, before=(5, "thigh"), after=(6, "thigh"))))
    assert light.colour == AMBER and light.rules == ("amber-leg-ceiling",)


def test_a_high_score_that_did_not_rise_is_not_held_against_the_session() -> None:
    light = judge_session(SessionFacts(session(1, MONDAY, before=(7, "thigh"), after=(7, "thigh"))))
    assert light.colour == GREEN


def test_symptoms_reaching_further_down_after_the_session_are_red() -> None:
    light = judge_session(SessionFacts(session(1, MONDAY, after=(4, "below_knee"))))
    assert light.colour == RED and light.rules == ("red-spread-after",)


def test_symptoms_moving_up_towards_the_back_are_not_spreading() -> None:
    light = judge_session(SessionFacts(session(1, MONDAY, after=(5, "buttock"))))
    assert light.colour == GREEN


@pytest.mark.parametrize("reason", ["pain_spreading", "numbness"])
def test_a_stop_for_nerve_signs_is_red_and_names_the_exercise(reason: str) -> None:
    record = session(1, MONDAY, status="stopped", stop=reason, after=None)
    light = judge_session(SessionFacts(record, stop_exercise="Single knee to chest"))
    assert light.colour == RED and light.rules == ("red-nerve-stop",)
    assert "during Single knee to chest" in light.reasons[0]


def test_a_stop_for_sharp_pain_is_amber_and_a_stop_for_time_is_judged_by_the_check_in() -> None:
    sharp = session(1, MONDAY, status="stopped", stop="sharp_pain")
    assert judge_session(SessionFacts(sharp)).colour == AMBER
    tired = session(2, MONDAY, status="stopped", stop="tired")
    assert judge_session(SessionFacts(tired)).colour == GREEN


def test_worse_next_morning_is_red_and_slow_to_settle_is_amber() -> None:
    day, next_day = MONDAY, MONDAY + timedelta(days=1)
    worse = judge_session(SessionFacts(session(1, day), morning(1, next_day, "worse")))
    assert worse.colour == RED and worse.rules == ("red-worse-next-morning",)
    further = judge_session(SessionFacts(session(2, day), morning(2, next_day, "same", 4, "foot")))
    assert further.colour == RED
    slow = judge_session(SessionFacts(session(3, day), morning(3, next_day, "same", leg=6)))
    assert slow.colour == AMBER and slow.rules == ("amber-slow-to-settle",)
    within = judge_session(SessionFacts(session(4, day), morning(4, next_day, "same", leg=5)))
    assert within.colour == GREEN


def test_an_exercise_marked_worse_makes_the_session_amber() -> None:
    responses = (response(1, MONDAY, "dead_bug", "worse"), response(1, MONDAY, "bird_dog", "same"))
    light = judge_session(SessionFacts(session(1, MONDAY), responses=responses))
    assert light.colour == AMBER and light.reasons == ("Your leg felt worse after Dead bug.",)


def test_red_outranks_amber_and_lists_every_red_reason() -> None:
    record = session(1, MONDAY, before=(2, "thigh"), after=(7, "foot"))
    light = judge_session(SessionFacts(record, morning(1, MONDAY + timedelta(days=1), "worse")))
    assert light.colour == RED
    assert light.rules == ("red-spread-after", "red-worse-next-morning")


def test_no_check_in_at_all_leaves_the_session_unjudged() -> None:
    light = judge_session(SessionFacts(session(1, MONDAY, before=None, after=None)))
    assert light.colour is None and light.reasons == () and light.rules == ()


def test_every_light_rule_is_documented_and_named_once() -> None:
    ids = [rule.id for rule in coaching.LIGHT_RULES]
    assert len(ids) == len(set(ids))
    assert all(rule.when and rule.colour in coaching.COLOURS for rule in coaching.LIGHT_RULES)


# --- the "worse twice" flag -------------------------------------------------------------------


def test_an_exercise_worse_twice_in_fourteen_days_is_flagged_with_its_count() -> None:
    today = MONDAY + timedelta(days=13)
    answers = [
        response(1, MONDAY, "single_knee_to_chest", "worse"),  # day 1 of the 14: counted
        response(2, MONDAY + timedelta(days=5), "single_knee_to_chest", "same"),
        response(3, today, "single_knee_to_chest", "worse"),
        response(3, today, "dead_bug", "worse"),
    ]
    (flag,) = flagged_exercises(answers, today)
    assert flag.exercise_id == "single_knee_to_chest" and (flag.worse, flag.answered) == (2, 3)
    assert flag.text == "Single knee to chest: leg worse 2 of 3 times"


def test_a_worse_answer_older_than_fourteen_days_no_longer_counts() -> None:
    today = MONDAY + timedelta(days=14)
    answers = [
        response(1, MONDAY, "single_knee_to_chest", "worse"),
        response(2, today, "single_knee_to_chest", "worse"),
    ]
    assert flagged_exercises(answers, today) == []


# --- suggestions ------------------------------------------------------------------------------


def lights_of(*facts: SessionFacts) -> list[Light]:
    return coaching.judge_history(facts)


def context(*facts: SessionFacts, **extra: object) -> CoachingContext:
    fields: dict[str, object] = {
        "lights": lights_of(*facts),
        "flags": [],
        "routines": ROUTINES,
        "stepped_up": frozenset(),
    }
    fields.update(extra)
    return CoachingContext(**fields)  # type: ignore[arg-type]


def green(number: int, day: date, **kw: object) -> SessionFacts:
    return SessionFacts(session(number, day, **kw), morning(number, day + timedelta(days=1)))  # type: ignore[arg-type]


def test_two_settled_complete_greens_step_up_the_first_exercise_with_a_harder_version() -> None:
    made = suggestions(context(green(1, MONDAY), green(2, MONDAY + timedelta(days=2))))
    (step_up,) = made
    first = next(b.exercise for b in ROUTINES["core-stability"].blocks if b.exercise.harder)
    assert step_up.rule == "step-up-after-greens" and step_up.exercise_id == first.id
    assert step_up.text.startswith(f"Try the harder version of {first.name} next time")


def test_an_exercise_already_stepped_up_is_passed_over_and_then_the_next_routine() -> None:
    blocks = ROUTINES["core-stability"].blocks
    done = frozenset(("core-stability", b.exercise.id) for b in blocks[:1])
    (made,) = suggestions(
        context(green(1, MONDAY), green(2, MONDAY + timedelta(days=2)), stepped_up=done)
    )
    assert made.exercise_id == next(b.exercise.id for b in blocks[1:] if b.exercise.harder)
    every = frozenset(("core-stability", b.exercise.id) for b in blocks)
    (moving_on,) = suggestions(
        context(green(1, MONDAY), green(2, MONDAY + timedelta(days=2)), stepped_up=every)
    )
    assert moving_on.kind == coaching.NEXT_ROUTINE
    assert ROUTINES[moving_on.routine_id or ""].level == ROUTINES["core-stability"].level + 1


@pytest.mark.parametrize(
    "spoiler",
    [
        "one is not settled-checked",
        "one skipped an exercise",
        "one is another routine",
        "only one green",
    ],
)
def test_no_step_up_unless_both_greens_are_complete_settled_and_the_same_routine(
    spoiler: str,
) -> None:
    first = green(1, MONDAY)
    second = green(2, MONDAY + timedelta(days=2))
    if spoiler == "one is not settled-checked":
        second = SessionFacts(second.record)
    elif spoiler == "one skipped an exercise":
        first = green(1, MONDAY, skipped=1)
    elif spoiler == "one is another routine":
        first = green(1, MONDAY, routine="gentle-start")
    history = (second,) if spoiler == "only one green" else (first, second)
    assert suggestions(context(*history)) == []


def test_amber_keeps_the_dose() -> None:
    amber = SessionFacts(
        session(2, MONDAY + timedelta(days=2), before=(2, "thigh"), after=(6, "thigh"))
    )
    (keep,) = suggestions(context(green(1, MONDAY), amber))
    assert keep.kind == coaching.KEEP and keep.reason == "Leg pain rose from 2 to 6 out of 10."


def test_red_eases_off_and_offers_to_leave_out_the_exercise_it_stopped_in() -> None:
    stopped = session(1, MONDAY, status="stopped", stop="pain_spreading", after=None)
    exercise = ROUTINES["core-stability"].blocks[1].exercise
    made = suggestions(
        context(SessionFacts(stopped, stop_exercise=exercise.name), provoking=exercise.id)
    )
    assert [m.rule for m in made] == ["ease-off-after-red", "leave-out-after-red"]
    assert made[0].routine_id == "flare-day" and "Flare-up day" in made[0].text
    assert made[1].exercise_id == exercise.id and exercise.name in made[1].text


def test_two_reds_within_a_week_say_see_a_clinician_first() -> None:
    red = lambda n, d: SessionFacts(session(n, d, after=(4, "foot")))  # noqa: E731
    made = suggestions(context(red(1, MONDAY), red(2, MONDAY + timedelta(days=6))))
    assert made[0].kind == coaching.SEE_CLINICIAN and "Help ▸ Safety" in made[0].text
    far_apart = suggestions(context(red(1, MONDAY), red(2, MONDAY + timedelta(days=7))))
    assert coaching.SEE_CLINICIAN not in {m.kind for m in far_apart}


def test_a_flagged_exercise_is_offered_for_leaving_out_of_its_routine() -> None:
    exercise = ROUTINES["core-stability"].blocks[2].exercise
    flag = coaching.ExerciseFlag(exercise.id, exercise.name, 2, 3, ("core-stability",))
    made = suggestions(context(green(1, MONDAY), flags=[flag]))
    (leave,) = [m for m in made if m.rule == "leave-out-worse-twice"]
    assert leave.exercise_id == exercise.id and "leg worse 2 of 3 times" in leave.reason


ALLOWED = set(coaching.SUGGESTION_VERBS)
VERB_FREE_WORDS = re.compile(r"\b(must|will|cure|diagnos\w*|should)\b", re.IGNORECASE)


def every_suggestion() -> list[coaching.Suggestion]:
    exercise = ROUTINES["core-stability"].blocks[1].exercise
    flag = coaching.ExerciseFlag(exercise.id, exercise.name, 2, 2, ("core-stability",))
    red = SessionFacts(
        session(3, MONDAY + timedelta(days=3), status="stopped", stop="pain_spreading", after=None)
    )
    amber = SessionFacts(session(3, MONDAY + timedelta(days=3), before=(1, None), after=(6, None)))
    everything = frozenset(
        ("core-stability", b.exercise.id) for b in ROUTINES["core-stability"].blocks
    )
    histories = [
        context(green(1, MONDAY), green(2, MONDAY + timedelta(days=1))),
        context(green(1, MONDAY), green(2, MONDAY + timedelta(days=1)), stepped_up=everything),
        context(green(1, MONDAY), amber),
        context(
            SessionFacts(session(1, MONDAY, after=(4, "foot"))),
            red,
            flags=[flag],
            provoking=exercise.id,
        ),
    ]
    return [made for history in histories for made in suggestions(history)]


def test_every_kind_of_suggestion_is_covered_by_the_wording_check() -> None:
    kinds = {made.kind for made in every_suggestion()}
    assert kinds == {
        coaching.STEP_UP,
        coaching.NEXT_ROUTINE,
        coaching.KEEP,
        coaching.EASE_OFF,
        coaching.LEAVE_OUT,
        coaching.SEE_CLINICIAN,
    }


@pytest.mark.parametrize("made", every_suggestion(), ids=lambda m: m.rule)
def test_suggestions_only_try_consider_keep_or_see_and_never_diagnose(
    made: coaching.Suggestion,
) -> None:
    assert made.text.split()[0] in ALLOWED, made.text
    assert not VERB_FREE_WORDS.search(made.text + " " + made.reason), made.text
    assert made.reason and made.rule in {rule.id for rule in coaching.SUGGESTION_RULES} | {
        "leave-out-after-red",
        "next-routine-after-greens",
    }


# --- the profile ------------------------------------------------------------------------------


def profile(eases: str, **checks: str) -> SymptomProfile:
    return SymptomProfile(
        datetime(2026, 3, 1, 9, tzinfo=UTC), date(2026, 3, 1), "thigh", eases, checks
    )


@pytest.mark.parametrize(
    ("eases", "checks", "marked"),
    [
        (BENDING_FORWARD, {}, {"extension"}),
        (LEANING_BACK, {}, {"flexion"}),
        (NEITHER, {}, set()),
        (NOT_SURE, {}, set()),
        (NOT_SURE, {"flexion": "down", "extension": "up"}, {"flexion"}),
        (LEANING_BACK, {"flexion": "up"}, set()),  # the self-check says bending helps too
        (NEITHER, {"flexion": "down", "extension": "down"}, {"flexion", "extension"}),
    ],
)
def test_the_profile_marks_the_directions_that_may_make_the_leg_worse(
    eases: str, checks: dict[str, str], marked: set[str]
) -> None:
    assert aggravating_directions(profile(eases, **checks)) == marked


def test_no_profile_marks_nothing_and_cat_camel_moves_both_ways() -> None:
    assert aggravating_directions(None) == frozenset()
    assert moves_in("flexion_and_extension", frozenset({"extension"}))
    assert not moves_in("neural", frozenset({"flexion", "extension"}))


def test_easing_direction_comes_from_the_answer_or_a_clear_self_check() -> None:
    assert easing_direction(profile(LEANING_BACK)) == "extension"
    assert easing_direction(profile(NOT_SURE, extension="up", flexion="same")) == "extension"
    assert easing_direction(profile(NOT_SURE, extension="up", flexion="up")) is None


# --- where to start ---------------------------------------------------------------------------


def test_start_here_is_gentle_start_for_a_new_user_without_a_profile() -> None:
    start = start_here(ROUTINES, None, [])
    assert start is not None and start.routine_id == "gentle-start" and start.why


def test_start_here_after_a_red_session_is_the_flare_up_routine() -> None:
    red = lights_of(SessionFacts(session(1, MONDAY, after=(4, "foot"))))
    start = start_here(ROUTINES, profile(LEANING_BACK), red)
    assert start is not None and start.routine_id == "flare-day"


def test_start_here_follows_a_leaning_back_profile_to_the_extension_routine() -> None:
    start = start_here(ROUTINES, profile(LEANING_BACK), [])
    assert start is not None and start.routine_id == "extension"
    assert "leaning back eases your leg" in start.why


def test_start_here_for_bending_forward_avoids_every_routine_that_leans_back() -> None:
    start = start_here(ROUTINES, profile(NEITHER, extension="down"), [])
    assert start is not None
    routine = ROUTINES[start.routine_id]
    assert not any(
        moves_in(b.exercise.spinal_direction, frozenset({"extension"})) for b in routine.blocks
    )
    assert "leaning back" in start.why


def test_start_here_after_a_green_session_is_that_routine_again() -> None:
    lights = lights_of(green(1, MONDAY, routine="core-stability"))
    start = start_here(ROUTINES, None, lights)
    assert start is not None and start.routine_id == "core-stability"
    assert start.why == "Your last session went well: keep going with it."

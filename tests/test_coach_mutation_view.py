"""The coach's view read from a real log, field by field: the facts of each finished session
(its morning, its leg responses, the exercise it was stopped in), the morning still to ask
about, the suggestions it offers and keeps (in the order the rules make them, earlier ones
last), the step-ups and choices the user took, and how far back it looks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from routine_factory import exercise_table, make_routine
from sciatica_coach.core import coach
from sciatica_coach.core.catalog import Routine
from sciatica_coach.core.coaching import StartHere
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, StepRecord
from sciatica_coach.core.symptom_log import StoredSuggestion
from sciatica_coach.core.symptoms import LegResponse, MorningCheck

DAY = date(2026, 3, 2)  # a Monday


def routine(routine_id: str, name: str, *exercises: dict[str, Any], level: int = 1) -> Routine:
    made = make_routine(
        *({"exercise": e["id"]} for e in exercises),
        exercises=list(exercises),
        id=routine_id,
        name=name,
        level=level,
    )
    return replace(made, builtin=True)


BRIDGE = exercise_table("bridge_x", name="Bridge", hold=10, harder="One foot.")
CLAM = exercise_table("clam_x", name="Clam", hold=10, harder="With a band.")
MARCH = exercise_table("march_x", name="March", hold=10)
ROUTINES = {
    r.id: r
    for r in (
        routine("flare-day", "Flare-up day", MARCH),
        routine("gentle-start", "Gentle start", MARCH),
        routine("hips", "Hips", BRIDGE, CLAM),
        routine("strength", "Strength", MARCH, level=2),
    )
}


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def logged(
    log: SessionLog,
    day: date,
    *,
    routine_id: str = "hips",
    answers: tuple[str, str] = ("same", "same"),
    after: tuple[int, str] = (4, "thigh"),
    stop_in: int | None = None,
    finish: bool = True,
    hour: int = 9,
) -> int:
    """A session of bridge then clam with pain 4 before, each step's leg response, and
    ``stop_in`` the step it was stopped in for pain spreading down the leg."""
    start = at(day, hour)
    session_id = log.start_session(routine_id, routine_id, 600, 2, start)
    log.record_pain(session_id, PainCheck("before", 2, 4, "", "thigh"), start)
    for index, (ex_id, name) in enumerate((("bridge_x", "Bridge"), ("clam_x", "Clam"))):
        status = "stopped" if index == stop_in else "done"
        ended = start + timedelta(minutes=index + 1)
        log.record_step(
            session_id,
            StepRecord(index, "work", ex_id, name, 1, 1, None, 60, 60, None, None, status, ended),
        )
        log.set_leg_response(session_id, index, answers[index])
        if index == stop_in:
            break
    if not finish:
        return session_id
    end = start + timedelta(minutes=10)
    if stop_in is None:
        log.record_pain(session_id, PainCheck("after", 2, after[0], "", after[1]), end)
        log.finish_session(session_id, "completed", end, 600)
    else:
        log.finish_session(session_id, "stopped", end, 120, "pain_spreading", stop_in)
    return session_id


def settled(log: SessionLog, session_id: int, day: date) -> MorningCheck:
    check = MorningCheck(session_id, "same", 2, 4, "thigh", at(day, 7), day)
    log.record_morning_check(check)
    return check


def decided(
    log: SessionLog,
    session_id: int,
    rule: str,
    kind: str,
    decision: str,
    *,
    routine_id: str | None = "hips",
    exercise_id: str | None = None,
) -> None:
    log.offer_suggestion(
        session_id,
        rule=rule,
        kind=kind,
        text="Earlier words.",
        reason="Earlier reason.",
        routine_id=routine_id,
        exercise_id=exercise_id,
    )
    log.decide_suggestion(
        session_id, rule, decision, at(DAY), routine_id=routine_id, exercise_id=exercise_id
    )


# --- the facts of each session ----------------------------------------------------------------


def test_the_facts_of_each_finished_session_from_the_first_day(log: SessionLog) -> None:
    logged(log, DAY - timedelta(days=1))
    first = logged(log, DAY, answers=("same", "worse"))
    morning = settled(log, first, DAY + timedelta(days=1))
    logged(log, DAY + timedelta(days=1), finish=False)
    stopped = logged(log, DAY + timedelta(days=2), answers=("better", "worse"), stop_in=1)

    facts = coach.session_facts(log, DAY)

    assert [f.record.id for f in facts] == [first, stopped]
    assert facts[0].morning == morning
    assert facts[0].responses == (
        LegResponse(first, 0, "bridge_x", "Bridge", "same", DAY, "hips"),
        LegResponse(first, 1, "clam_x", "Clam", "worse", DAY, "hips"),
    )
    assert facts[0].stop_exercise is None
    assert facts[1].morning is None
    assert [(r.session_id, r.exercise_id, r.response) for r in facts[1].responses] == [
        (stopped, "bridge_x", "better"),
        (stopped, "clam_x", "worse"),
    ]
    assert facts[1].stop_exercise == "Clam"


def test_the_facts_take_the_leg_responses_the_caller_read(log: SessionLog) -> None:
    logged(log, DAY, answers=("worse", "worse"))
    (facts,) = coach.session_facts(log, DAY, responses=[])
    assert facts.responses == ()


# --- the morning to ask about -----------------------------------------------------------------


def test_the_morning_after_asks_about_yesterday_s_last_finished_session(log: SessionLog) -> None:
    finished = logged(log, DAY, hour=8)
    logged(log, DAY, hour=18, finish=False)
    due = coach.morning_due(log, DAY + timedelta(days=1))
    assert due is not None and due.id == finished
    assert coach.morning_due(log, DAY + timedelta(days=3)) is None


def test_no_morning_to_ask_about_after_a_day_with_no_finished_session(log: SessionLog) -> None:
    logged(log, DAY, finish=False)
    assert coach.morning_due(log, DAY + timedelta(days=1)) is None


# --- the view ---------------------------------------------------------------------------------


def test_a_new_user_s_view(log: SessionLog) -> None:
    assert coach.look(log, ROUTINES, DAY) == coach.CoachView(
        lights=(),
        flags=(),
        suggestions=(),
        start_here=StartHere("gentle-start", "A short, gentle routine to begin with."),
        morning_due=None,
    )
    assert log.suggestions() == []


def test_the_coach_looks_back_four_weeks(log: SessionLog) -> None:
    today = DAY + timedelta(days=40)
    logged(log, today - timedelta(days=29))
    seen = logged(log, today - timedelta(days=28))
    assert [light.session_id for light in coach.look(log, ROUTINES, today).lights] == [seen]


def test_suggestions_are_kept_whole_and_shown_in_the_rules_order_old_ones_last(
    log: SessionLog,
) -> None:
    logged(log, DAY, after=(4, "foot"))
    latest = logged(log, DAY + timedelta(days=2), stop_in=1)
    earlier = latest - 1
    # Offered after the latest session under a rule that no longer applies, and one decided.
    log.offer_suggestion(
        latest, rule="a-retired-rule", kind="keep", text="Old.", reason="Old reason."
    )
    decided(log, latest, "keep-after-amber", "keep", "dismissed")

    view = coach.look(log, ROUTINES, DAY + timedelta(days=3))

    assert [(s.rule, s.session_id) for s in view.suggestions] == [
        ("see-clinician-two-reds", latest),
        ("ease-off-after-red", latest),
        ("leave-out-after-red", latest),
        ("a-retired-rule", latest),
    ]
    stored = {s.rule: s for s in log.suggestions()}
    assert stored["leave-out-after-red"] == StoredSuggestion(
        session_id=latest,
        rule="leave-out-after-red",
        kind="leave_out",
        text="Consider leaving Clam out of Hips for now.",
        reason="Your last session stopped during Clam.",
        routine_id="hips",
        exercise_id="clam_x",
        decision=None,
        decided_at=None,
    )
    assert stored["ease-off-after-red"] == StoredSuggestion(
        latest,
        "ease-off-after-red",
        "ease_off",
        "Try the easier versions next time or the Flare-up day routine.",
        "You stopped during Clam because of pain spreading down the leg.",
        "flare-day",
        None,
        None,
        None,
    )
    assert all(s.session_id != earlier for s in log.suggestions())
    assert view.lights[-1].reasons == (
        "You stopped during Clam because of pain spreading down the leg.",
    )
    assert view.start_here == StartHere(
        "flare-day", "Your leg was worse after your last session: go gently today."
    )


def two_settled_greens(log: SessionLog, first_day: date) -> int:
    for offset in (0, 2):
        session_id = logged(log, first_day + timedelta(days=offset))
        settled(log, session_id, first_day + timedelta(days=offset + 1))
    return session_id


def test_only_a_step_up_taken_counts_as_taken(log: SessionLog) -> None:
    earlier = logged(log, DAY - timedelta(days=10))
    decided(log, earlier, "step-up-after-greens", "step_up", "accepted", exercise_id="bridge_x")
    decided(log, earlier, "keep-after-amber", "keep", "accepted", exercise_id="clam_x")
    latest = two_settled_greens(log, DAY)
    view = coach.look(log, ROUTINES, DAY + timedelta(days=3))
    assert [(s.session_id, s.kind, s.exercise_id) for s in view.suggestions] == [
        (latest, "step_up", "clam_x")
    ]
    assert view.suggestions[0].text == "Try the harder version of Clam next time: With a band."


def test_a_step_up_set_aside_is_offered_again(log: SessionLog) -> None:
    earlier = logged(log, DAY - timedelta(days=10))
    decided(log, earlier, "step-up-after-greens", "step_up", "dismissed", exercise_id="bridge_x")
    two_settled_greens(log, DAY)
    view = coach.look(log, ROUTINES, DAY + timedelta(days=3))
    assert [(s.kind, s.exercise_id) for s in view.suggestions] == [("step_up", "bridge_x")]


def test_the_view_asks_about_this_morning_and_starts_where_the_user_chose(
    log: SessionLog,
) -> None:
    latest = logged(log, DAY)
    decided(
        log, latest, "next-routine-after-greens", "next_routine", "accepted", routine_id="strength"
    )
    view = coach.look(log, ROUTINES, DAY + timedelta(days=1))
    assert view.morning_due is not None and view.morning_due.id == latest
    assert view.start_here == StartHere("strength", "You chose this routine for your next session.")


# --- what the user took -----------------------------------------------------------------------


def test_a_new_session_runs_harder_the_step_ups_taken_for_its_routine(log: SessionLog) -> None:
    first = logged(log, DAY)
    decided(log, first, "step-up-after-greens", "step_up", "accepted", exercise_id="bridge_x")
    decided(log, first, "step-up-after-greens", "step_up", "dismissed", exercise_id="clam_x")
    decided(
        log,
        first,
        "step-up-after-greens",
        "step_up",
        "accepted",
        routine_id="strength",
        exercise_id="march_x",
    )
    decided(log, first, "leave-out-worse-twice", "leave_out", "accepted", exercise_id="clam_x")
    decided(log, first, "next-routine-after-greens", "step_up", "accepted", routine_id="hips")
    choice = coach.session_variants(log, "hips")
    assert choice.harder == frozenset({"bridge_x"})
    assert choice.rest_of_session is False
    assert coach.session_variants(log, "strength").harder == frozenset({"march_x"})


def test_easing_off_taken_after_the_latest_session_starts_the_next_easier(
    log: SessionLog,
) -> None:
    earlier = logged(log, DAY)
    decided(log, earlier, "ease-off-after-red", "ease_off", "accepted", routine_id="flare-day")
    assert coach.session_variants(log, "hips").rest_of_session is True
    latest = logged(log, DAY + timedelta(days=1))
    logged(log, DAY + timedelta(days=2), finish=False)  # under way: not the latest finished
    assert coach.session_variants(log, "hips").rest_of_session is False
    decided(log, latest, "ease-off-after-red", "ease_off", "dismissed", routine_id="flare-day")
    assert coach.session_variants(log, "hips").rest_of_session is False
    decided(log, latest, "keep-after-amber", "keep", "accepted")
    assert coach.session_variants(log, "hips").rest_of_session is False


def test_the_routine_chosen_after_the_latest_session(log: SessionLog) -> None:
    assert coach.chosen_routine(log) is None
    earlier = logged(log, DAY)
    decided(log, earlier, "ease-off-after-red", "ease_off", "accepted", routine_id="flare-day")
    assert coach.chosen_routine(log) == "flare-day"
    latest = logged(log, DAY + timedelta(days=1))
    assert coach.chosen_routine(log) is None  # chosen after an earlier session
    decided(log, latest, "keep-after-amber", "keep", "accepted")
    decided(log, latest, "step-up-after-greens", "step_up", "accepted", exercise_id="bridge_x")
    decided(log, latest, "ease-off-after-red", "ease_off", "dismissed", routine_id="flare-day")
    assert coach.chosen_routine(log) is None
    decided(
        log, latest, "next-routine-after-greens", "next_routine", "accepted", routine_id="strength"
    )
    assert coach.chosen_routine(log) == "strength"
    logged(log, DAY + timedelta(days=2), finish=False)
    assert coach.chosen_routine(log) == "strength"


def test_a_step_up_taken_long_ago_is_not_offered_again(log: SessionLog) -> None:
    # The sessions still run the bridge harder (session_variants reads every step-up taken),
    # so suggesting it again after the coach's four weeks would contradict them.
    long_ago = logged(log, DAY - timedelta(days=40))
    decided(log, long_ago, "step-up-after-greens", "step_up", "accepted", exercise_id="bridge_x")
    two_settled_greens(log, DAY)
    view = coach.look(log, ROUTINES, DAY + timedelta(days=3))
    assert [(s.kind, s.exercise_id) for s in view.suggestions] == [("step_up", "clam_x")]
    assert coach.session_variants(log, "hips").harder == frozenset({"bridge_x"})


def test_the_view_starts_where_the_profile_points(log: SessionLog) -> None:
    from sciatica_coach.core.symptoms import SymptomProfile

    arching = routine(
        "arching", "Arching", exercise_table("arch_x", hold=10, spinal_direction="extension")
    )
    log.save_profile(SymptomProfile(at(DAY), DAY, "thigh", "leaning_back"))
    view = coach.look(log, {**ROUTINES, "arching": arching}, DAY)
    assert view.start_here == StartHere(
        "arching", "You said leaning back eases your leg, and this routine uses it."
    )


def test_a_session_stopped_while_getting_ready_names_no_exercise(log: SessionLog) -> None:
    start = at(DAY)
    session_id = log.start_session("hips", "Hips", 600, 2, start)
    log.record_step(
        session_id,
        StepRecord(0, "prepare", None, None, 0, 0, None, 10, 4, None, None, "stopped", start),
    )
    log.finish_session(session_id, "stopped", start + timedelta(minutes=1), 4, "numbness", 0)
    view = coach.look(log, ROUTINES, DAY + timedelta(days=1))
    assert view.lights[-1].reasons == ("You stopped because of numbness or weakness.",)
    assert [s.rule for s in view.suggestions] == ["ease-off-after-red"]

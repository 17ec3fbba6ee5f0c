"""The symptom records read back from a real log field by field: profiles (a second save at
the same moment replaces the first), leg responses in session and step order from a given
day, morning checks by session from a given day, suggestions with their decisions (for one
subject or every one a rule made), and every refusal with its message."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError, PainCheck, StepRecord
from sciatica_coach.core.symptom_log import SessionReach, StoredSuggestion
from sciatica_coach.core.symptoms import LegResponse, MorningCheck, SymptomProfile

DAY = date(2026, 3, 2)


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def session(log: SessionLog, day: date, hour: int = 9, routine_id: str = "hips") -> int:
    """A session with a prepare step (0), bridge (1), a rest (2) and an unnamed exercise (3)."""
    start = at(day, hour)
    session_id = log.start_session(routine_id, "Hips", 600, 2, start)
    steps = [
        StepRecord(0, "prepare", None, None, 0, 0, None, 10, 10, None, None, "done", start),
        StepRecord(1, "work", "bridge_x", "Bridge", 1, 1, None, 30, 30, None, None, "done", start),
        StepRecord(2, "rest", None, None, 0, 0, None, 10, 10, None, None, "done", start),
        StepRecord(3, "work", "clam_x", None, 1, 1, None, 30, 30, None, None, "done", start),
    ]
    for step in steps:
        log.record_step(session_id, step)
    return session_id


# --- profiles ---------------------------------------------------------------------------------


def test_a_profile_is_read_back_field_by_field_and_a_resave_replaces_it(log: SessionLog) -> None:
    first = SymptomProfile(at(DAY), DAY, None, "neither", {"flexion": "same"})
    log.save_profile(first)
    assert log.profiles() == [first]
    again = SymptomProfile(
        at(DAY), DAY + timedelta(days=1), "foot", "bending_forward", {"extension": "down"}
    )
    log.save_profile(again)
    assert log.profiles() == [again]
    later = SymptomProfile(
        at(DAY, 10), DAY, "buttock", "leaning_back", {"flexion": "up", "extension": "down"}
    )
    earlier = SymptomProfile(at(DAY, 8), DAY, "back", "not_sure", {})
    log.save_profile(later)
    log.save_profile(earlier)
    assert log.profiles() == [earlier, again, later]
    assert log.profile() == later


def test_a_profile_must_be_a_profile(log: SessionLog) -> None:
    with pytest.raises(ValueError) as raised:
        log.save_profile("leaning back")  # type: ignore[arg-type]
    assert str(raised.value) == "profile must be a SymptomProfile"


def test_a_profile_s_time_is_kept_in_utc(log: SessionLog) -> None:
    from zoneinfo import ZoneInfo

    local = datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    log.save_profile(SymptomProfile(local, DAY, None, "neither"))
    (kept,) = log.profiles()
    assert kept.recorded_at == local and kept.recorded_at.tzinfo == UTC


# --- leg responses ----------------------------------------------------------------------------


def test_leg_responses_in_session_and_step_order_from_the_day_given(log: SessionLog) -> None:
    before = session(log, DAY - timedelta(days=1))
    later = session(log, DAY, hour=18, routine_id="core")
    first = session(log, DAY, hour=8)
    log.set_leg_response(before, 1, "worse")
    log.set_leg_response(later, 3, "better")
    log.set_leg_response(later, 1, "same")
    log.set_leg_response(first, 1, "worse")
    log.set_leg_response(first, 3, "same")
    log.set_leg_response(first, 3, None)  # taken back
    assert log.leg_responses(DAY) == [
        LegResponse(first, 1, "bridge_x", "Bridge", "worse", DAY, "hips"),
        LegResponse(later, 1, "bridge_x", "Bridge", "same", DAY, "core"),
        LegResponse(later, 3, "clam_x", "clam_x", "better", DAY, "core"),
    ]
    assert [r.session_id for r in log.leg_responses()] == [before, first, later, later]


def test_a_leg_response_is_only_for_an_exercise_step_already_logged(log: SessionLog) -> None:
    session_id = session(log, DAY)
    for index in (2, 4):
        with pytest.raises(LogError) as raised:
            log.set_leg_response(session_id, index, "same")
        assert str(raised.value) == f"Session {session_id} has no exercise step {index} yet."
    with pytest.raises(ValueError) as refused:
        log.set_leg_response(session_id, 1, "awful")
    assert str(refused.value) == "unknown response 'awful'"
    with pytest.raises(LogError) as missing:
        log.set_leg_response(session_id + 1, 1, "same")
    assert f"There is no session {session_id + 1}" in str(missing.value)
    assert log.leg_responses() == []


# --- reach answers ----------------------------------------------------------------------------


def test_reach_answers_in_range_field_by_field_oldest_start_first(log: SessionLog) -> None:
    log.start_session("hips", "Hips", 600, 2, at(DAY - timedelta(days=1)))  # the day before
    late = session(log, DAY, 18)
    early = session(log, DAY, 7)  # logged later, started earlier: comes first
    both = session(log, DAY + timedelta(days=2))
    log.start_session("hips", "Hips", 600, 2, at(DAY + timedelta(days=3)))  # the day after
    log.record_pain(late, PainCheck("before", 3, 4, "", "thigh"), at(DAY, 18))
    log.record_pain(early, PainCheck("after", 2, 2, "", "back"), at(DAY, 8))
    log.record_pain(both, PainCheck("before", 5, 6, "", "foot"), at(DAY))
    log.record_pain(both, PainCheck("after", 4, 5, "", None), at(DAY))
    answers = log.reach_answers(DAY, DAY + timedelta(days=2))
    assert answers == [
        SessionReach(early, DAY, None, "back"),
        SessionReach(late, DAY, "thigh", None),
        SessionReach(both, DAY + timedelta(days=2), "foot", None),
    ]
    assert [type(a.session_id) for a in answers] == [int, int, int]
    assert log.reach_answers(DAY + timedelta(days=1), DAY + timedelta(days=1)) == []


# --- morning checks ---------------------------------------------------------------------------


def test_morning_checks_by_session_from_the_day_given(log: SessionLog) -> None:
    before = session(log, DAY - timedelta(days=1))
    first = session(log, DAY)
    early = MorningCheck(before, "better", None, 2, None, at(DAY, 7), DAY)
    check = MorningCheck(first, "worse", 3, 6, "foot", at(DAY, 7, 15), DAY + timedelta(days=1))
    log.record_morning_check(early)
    log.record_morning_check(check)
    assert log.morning_checks(DAY) == {first: check}
    assert log.morning_checks() == {before: early, first: check}
    redone = MorningCheck(first, "same", 0, 10, "none", at(DAY, 8), DAY + timedelta(days=2))
    log.record_morning_check(redone)
    assert log.morning_checks(DAY) == {first: redone}


def test_a_morning_check_must_be_one_and_for_a_logged_session(log: SessionLog) -> None:
    with pytest.raises(ValueError) as raised:
        log.record_morning_check("same")  # type: ignore[arg-type]
    assert str(raised.value) == "check must be a MorningCheck"
    with pytest.raises(LogError) as missing:
        log.record_morning_check(MorningCheck(99, "same", 1, 1, None, at(DAY), DAY))
    assert "There is no session 99" in str(missing.value)


# --- suggestions ------------------------------------------------------------------------------


def offer(
    log: SessionLog, session_id: int, rule: str, routine: str | None, exercise: str | None
) -> None:
    log.offer_suggestion(
        session_id,
        rule=rule,
        kind="leave_out",
        text=f"Leave {exercise} out of {routine}.",
        reason="Worse twice.",
        routine_id=routine,
        exercise_id=exercise,
    )


def test_suggestions_field_by_field_from_the_day_given_in_order(log: SessionLog) -> None:
    before = session(log, DAY - timedelta(days=1))
    later = session(log, DAY, hour=18)
    first = session(log, DAY, hour=8)
    offer(log, before, "leave-out", "hips", "bridge_x")
    offer(log, later, "b-rule", None, None)
    offer(log, later, "a-rule", "hips", "clam_x")
    offer(log, later, "a-rule", "hips", "bridge_x")
    offer(log, first, "z-rule", None, "bridge_x")
    assert log.suggestions(DAY) == [
        StoredSuggestion(
            first, "z-rule", "leave_out", "Leave bridge_x out of None.", "Worse twice.",
            None, "bridge_x", None, None,
        ),
        StoredSuggestion(
            later, "a-rule", "leave_out", "Leave bridge_x out of hips.", "Worse twice.",
            "hips", "bridge_x", None, None,
        ),
        StoredSuggestion(
            later, "a-rule", "leave_out", "Leave clam_x out of hips.", "Worse twice.",
            "hips", "clam_x", None, None,
        ),
        StoredSuggestion(
            later, "b-rule", "leave_out", "Leave None out of None.", "Worse twice.",
            None, None, None, None,
        ),
    ]  # fmt: skip
    assert [s.session_id for s in log.suggestions()] == [before, first, later, later, later]


def test_a_decision_for_one_subject_leaves_the_rule_s_others_open(log: SessionLog) -> None:
    session_id = session(log, DAY)
    offer(log, session_id, "leave-out", "hips", "bridge_x")
    offer(log, session_id, "leave-out", "hips", "clam_x")
    offer(log, session_id, "leave-out", "core", "clam_x")
    decided = at(DAY, 10)
    log.decide_suggestion(
        session_id, "leave-out", "accepted", decided, routine_id="hips", exercise_id="clam_x"
    )
    assert [(s.routine_id, s.exercise_id, s.decision, s.decided_at) for s in log.suggestions()] == [
        ("core", "clam_x", None, None),
        ("hips", "bridge_x", None, None),
        ("hips", "clam_x", "accepted", decided),
    ]
    with pytest.raises(LogError):  # none was about the whole routine
        log.decide_suggestion(session_id, "leave-out", "dismissed", decided, routine_id="core")
    assert [s.decision for s in log.suggestions()] == [None, None, "accepted"]


def test_a_decision_naming_only_the_exercise_is_for_that_exercise_in_no_routine(
    log: SessionLog,
) -> None:
    session_id = session(log, DAY)
    offer(log, session_id, "leave-out", None, "clam_x")
    offer(log, session_id, "leave-out", "hips", "clam_x")
    log.decide_suggestion(session_id, "leave-out", "dismissed", at(DAY), exercise_id="clam_x")
    assert [(s.routine_id, s.decision) for s in log.suggestions()] == [
        (None, "dismissed"),
        ("hips", None),
    ]


def test_a_decision_naming_nothing_is_for_everything_the_rule_made(log: SessionLog) -> None:
    session_id = session(log, DAY)
    other = session(log, DAY, hour=10)
    offer(log, session_id, "leave-out", "hips", "bridge_x")
    offer(log, session_id, "leave-out", "hips", "clam_x")
    offer(log, session_id, "keep", "hips", None)
    offer(log, other, "leave-out", "hips", "bridge_x")
    log.decide_suggestion(session_id, "leave-out", "dismissed", at(DAY, 11))
    assert [(s.session_id, s.rule, s.decision) for s in log.suggestions()] == [
        (session_id, "keep", None),
        (session_id, "leave-out", "dismissed"),
        (session_id, "leave-out", "dismissed"),
        (other, "leave-out", None),
    ]


def test_a_decision_is_refused_with_its_reason(log: SessionLog) -> None:
    session_id = session(log, DAY)
    offer(log, session_id, "leave-out", "hips", "bridge_x")
    with pytest.raises(ValueError) as unknown:
        log.decide_suggestion(session_id, "leave-out", "maybe", at(DAY))
    assert str(unknown.value) == "unknown decision 'maybe'"
    with pytest.raises(ValueError) as naive:
        log.decide_suggestion(session_id, "leave-out", "accepted", datetime(2026, 3, 2, 9))
    assert str(naive.value) == "decided_at must be a datetime with a time zone"
    with pytest.raises(LogError) as none:
        log.decide_suggestion(
            session_id, "leave-out", "accepted", at(DAY), routine_id="hips", exercise_id="clam_x"
        )
    assert str(none.value) == f"There is no suggestion 'leave-out' after session {session_id}."
    assert [s.decision for s in log.suggestions()] == [None]


def test_a_suggestion_is_only_offered_after_a_logged_session(log: SessionLog) -> None:
    with pytest.raises(LogError) as missing:
        offer(log, 42, "leave-out", "hips", "bridge_x")
    assert "There is no session 42" in str(missing.value)
    assert log.suggestions() == []


def test_symptom_times_are_stored_and_read_in_utc_whatever_the_machine_s_zone(
    log: SessionLog, new_york: None
) -> None:
    session_id = session(log, DAY)
    log.save_profile(SymptomProfile(at(DAY, 7), DAY, None, "neither"))
    log.record_morning_check(MorningCheck(session_id, "same", 1, 1, None, at(DAY, 8), DAY))
    offer(log, session_id, "keep", "hips", None)
    log.decide_suggestion(session_id, "keep", "accepted", at(DAY, 9))
    raw = sqlite3.connect(log.path)
    assert raw.execute("SELECT recorded_at FROM symptom_profiles").fetchone() == (
        "2026-03-02T07:00:00.000000+00:00",
    )
    assert raw.execute("SELECT taken_at FROM morning_checks").fetchone() == (
        "2026-03-02T08:00:00.000000+00:00",
    )
    assert raw.execute("SELECT decided_at FROM suggestions").fetchone() == (
        "2026-03-02T09:00:00.000000+00:00",
    )
    assert log.profiles()[0].recorded_at.isoformat() == "2026-03-02T07:00:00+00:00"
    assert log.morning_checks()[session_id].taken_at.isoformat() == "2026-03-02T08:00:00+00:00"
    decided = log.suggestions()[0].decided_at
    assert decided is not None and decided.isoformat() == "2026-03-02T09:00:00+00:00"

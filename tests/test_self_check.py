"""The self-check's order, its stop rule and what its answers are said to mean (no Qt)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from readability import grade
from sciatica_coach.core import self_check
from sciatica_coach.core.self_check import ORDER, SelfCheck, may_check_again
from sciatica_coach.core.symptoms import SymptomProfile, aggravating_directions
from sciatica_coach.core.words import (
    EASES_WORDS,
    eases_explanation,
    eases_label,
    profile_saved_on,
    self_check_findings,
    self_check_hint,
)

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_leaning_back_comes_first_then_bending_forward() -> None:
    check = SelfCheck()
    assert check.next_direction() == "extension"
    check.answer("extension", "up")
    assert check.next_direction() == "flexion"
    check.answer("flexion", "same")
    assert check.finished and not check.stopped
    assert check.answers == {"extension": "up", "flexion": "same"}


def test_spreading_down_stops_the_check_and_leaves_the_other_way_for_another_day() -> None:
    check = SelfCheck()
    check.answer("extension", "down")
    assert check.stopped and check.finished
    assert check.next_direction() is None
    assert check.skipped_directions() == ("flexion",)
    with pytest.raises(ValueError, match="over"):
        check.answer("flexion", "up")


def test_answers_out_of_turn_or_unknown_are_refused() -> None:
    check = SelfCheck()
    with pytest.raises(ValueError, match="not the next movement"):
        check.answer("flexion", "up")
    with pytest.raises(ValueError, match="unknown self-check answer"):
        check.answer("extension", "better")


def test_a_check_that_spread_today_is_not_offered_again_until_tomorrow() -> None:
    spread = SymptomProfile(MONDAY, MONDAY.date(), None, "not_sure", {"extension": "down"})
    helped = SymptomProfile(MONDAY, MONDAY.date(), None, "not_sure", {"extension": "up"})
    assert not may_check_again(spread, MONDAY.date())
    assert may_check_again(spread, date(2026, 3, 3))
    assert may_check_again(helped, MONDAY.date())
    assert may_check_again(None, MONDAY.date())


def test_findings_say_what_each_way_did_in_the_order_done() -> None:
    assert self_check_findings({"flexion": "same", "extension": "up"}, ORDER) == [
        "Leaning back moved your symptoms up towards your back. That is usually a good sign.",
        "Bending forward left your symptoms where they were.",
    ]


def test_findings_of_a_stopped_check_name_the_marked_way_and_the_one_left_out() -> None:
    answers = {"extension": "down"}
    assert self_check_findings(answers, ORDER) == [
        "Leaning back made your symptoms spread further down your leg. The app will mark "
        "exercises that need leaning back.",
        "You stopped before bending forward, as you should. Leave it for today.",
    ]
    profile = SymptomProfile(MONDAY, MONDAY.date(), "thigh", "not_sure", answers)
    assert aggravating_directions(profile) == {"extension"}


def test_a_check_with_no_answers_says_it_found_nothing() -> None:
    assert self_check_findings({}, ORDER) == [
        "You stopped before trying either way, so the check found nothing."
    ]


def test_the_hint_points_to_the_way_that_helped_only_when_the_choice_differs() -> None:
    hint = self_check_hint({"extension": "up", "flexion": "same"}, "not_sure")
    assert "“Leaning back”" in hint
    assert self_check_hint({"extension": "up"}, "leaning_back") == ""
    assert self_check_hint({"extension": "up", "flexion": "up"}, "not_sure") == ""
    assert self_check_hint({"extension": "down", "flexion": "up"}, "not_sure") == ""


def test_every_easing_answer_has_a_name_and_a_line() -> None:
    from sciatica_coach.core.symptoms import EASES_CHOICES

    assert set(EASES_WORDS) == set(EASES_CHOICES)
    assert eases_label("leaning_back") == "Leaning back"
    assert all(eases_explanation(code) for code in EASES_CHOICES)
    assert profile_saved_on(MONDAY.date()) == "You last saved this on Mon 2 Mar 2026."


def test_the_check_reads_at_grade_8_or_below() -> None:
    texts = [
        *self_check.START.lines,
        *(line for step in self_check.MOVEMENTS.values() for line in step.lines),
        self_check.PROFILE_REMINDER,
        self_check.STOPPED_ADVICE,
        *self_check_findings({"extension": "down"}, ORDER),
        *self_check_findings({"extension": "up", "flexion": "same"}, ORDER),
        *(line for _label, line in EASES_WORDS.values()),
    ]
    for text in texts:
        assert grade(text) <= 8, text

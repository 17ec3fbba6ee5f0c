"""The safety wording: three tiers of warning signs, stop rules worded as the app behaves, and
a disclaimer that says what the app is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from sciatica_coach.cli import main
from sciatica_coach.core import safety


def joined(items: tuple[str, ...]) -> str:
    return " ".join(items).lower()


def every_text() -> list[str]:
    texts = [
        safety.DISCLAIMER,
        safety.REASSURANCE,
        safety.STOP_ADVICE,
        safety.REPORT_FOOTER,
        *safety.CHECK_FIRST,
        *safety.STOP_RULES,
    ]
    for tier in safety.RED_FLAG_TIERS:
        texts += [tier.heading, tier.action, *tier.items]
    for reason in safety.SHEET_REASONS:
        if reason.advice is not None:
            texts += [*reason.advice.now, *reason.advice.get_help, *reason.advice.next_time]
    return texts


def test_there_are_three_tiers_most_urgent_first() -> None:
    codes = [tier.code for tier in safety.RED_FLAG_TIERS]
    assert codes == ["emergency", "same_day", "soon"]
    assert safety.RED_FLAG_TIERS[0].heading.startswith("Emergency")
    assert safety.RED_FLAG_TIERS[1].heading.startswith("Same day")
    assert safety.RED_FLAG_TIERS[2].heading.startswith("Soon")


def test_the_emergency_tier_covers_the_signs_of_cauda_equina() -> None:
    emergency = joined(safety.EMERGENCY.items)
    assert "between your legs" in emergency and "saddle" in emergency
    assert "toilet paper" in emergency
    assert "bladder is full" in emergency
    assert "leaking" in emergency
    assert "erection" in emergency and "ejaculating" in emergency
    assert "genitals during sex" in emergency
    assert "both legs" in emergency
    assert "numbness or weakness in both legs" in emergency
    assert "getting worse fast" in emergency
    assert "bad fall" in emergency


def test_the_emergency_action_names_cauda_equina_and_the_emergency_number() -> None:
    action = safety.EMERGENCY.action.lower()
    assert "cauda equina" in action
    assert "emergency number" in action
    assert "999" in action and "112" in action and "911" in action


def test_the_same_day_tier_has_the_signs_that_need_a_doctor_today() -> None:
    same_day = joined(safety.SAME_DAY.items)
    assert "one leg" in same_day and "foot drop" in same_day
    assert "cancer" in same_day and "today" in same_day
    assert "fever" in same_day and "inject drugs" in same_day
    assert "osteoporosis" in same_day and "steroid" in same_day
    assert "losing weight" in same_day
    assert "today" in safety.SAME_DAY.action


def test_fever_and_cancer_are_not_left_for_later() -> None:
    for word in ("fever", "cancer", "hot or shivery", "weight"):
        assert word not in joined(safety.SOON.items)
        assert word not in joined(safety.EMERGENCY.items)


def test_the_soon_tier_includes_slow_recovery_and_lost_sleep() -> None:
    soon = joined(safety.SOON.items)
    assert "several weeks" in soon
    assert "sleeping" in soon
    assert "next week or two" in safety.SOON.heading


def test_the_safety_version_asks_existing_users_to_read_it_again() -> None:
    assert safety.SAFETY_VERSION >= 2


def test_safety_text_prints_every_tier_with_its_action() -> None:
    text = safety.safety_text()
    for tier in safety.RED_FLAG_TIERS:
        assert tier.heading in text
        assert tier.action in text
        for item in tier.items:
            assert item in text
    assert text.index(safety.EMERGENCY.heading) < text.index(safety.SAME_DAY.heading)
    assert text.index(safety.SAME_DAY.heading) < text.index(safety.SOON.heading)
    for line in (*safety.CHECK_FIRST, *safety.STOP_RULES, safety.REASSURANCE):
        assert line in text


def test_the_disclaimer_says_what_the_app_is_not() -> None:
    assert "not medical advice" in safety.DISCLAIMER
    assert "No doctor or physiotherapist has checked" in safety.DISCLAIMER
    assert "not medical advice" in safety.safety_text()
    assert "not medical advice" in safety.REPORT_FOOTER


def test_the_disclaimer_says_who_should_ask_first_and_what_to_expect() -> None:
    check_first = joined(safety.CHECK_FIRST)
    for fact in ("checked your leg pain", "3 months", "hip or knee", "pregnant",
                 "osteoporosis", "heart or lung", "falls", "under 16"):  # fmt: skip
        assert fact in check_first
    assert "within a few weeks" in safety.REASSURANCE
    assert "not a cure" in safety.REASSURANCE


def test_the_stop_rules_say_what_the_buttons_do() -> None:
    assert "End the session" in safety.STOP_HEADING
    stop = joined(safety.STOP_SIGNS)
    assert "stays there after you stop moving" in stop
    assert "2 points" in stop and "6 out of 10" in stop
    assert "sharp" in stop
    settle = joined(safety.SETTLE_SIGNS)
    assert "nerve glide" in settle and "smaller" in settle
    assert "stop this exercise" in settle and "skip" in settle
    assert "next morning" in joined(safety.OKAY_SIGNS)


def test_the_report_footer_names_the_emergency_signs() -> None:
    footer = safety.REPORT_FOOTER.lower()
    assert "emergency" in footer
    assert "between your legs" in footer
    assert "bladder" in footer and "sex" in footer and "both legs" in footer


def test_worsening_numbness_or_weakness_in_one_leg_means_help_today() -> None:
    advice = safety.NUMBNESS.advice
    assert advice is not None
    get_help = joined(advice.get_help)
    assert "one leg" in get_help and "today" in get_help
    assert "both legs" in get_help and "emergency" in get_help


def test_spreading_pain_advice_follows_the_tiers() -> None:
    advice = safety.PAIN_SPREADING.advice
    assert advice is not None
    get_help = joined(advice.get_help)
    assert "today" in get_help
    assert "both legs" in get_help and "emergency" in get_help
    assert "bends your back the same way" in joined(advice.next_time)


def test_no_safety_text_sends_people_to_a_gentler_routine() -> None:
    for text in every_text():
        assert "gentler routine" not in text
    assert "leave out the exercise that set this off" in safety.STOP_ADVICE


def test_stop_reason_codes_stay_the_same_for_the_log() -> None:
    codes = [reason.code for reason in safety.SHEET_REASONS]
    assert codes == ["pain_spreading", "sharp_pain", "numbness", "unwell", "tired", "other"]


def test_the_safety_command_prints_every_tier(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(tmp_path / "data"), "safety"])
    out = capsys.readouterr().out
    assert code == 0
    for tier in safety.RED_FLAG_TIERS:
        assert tier.heading in out and tier.action in out
    assert "cauda equina" in out
    assert not (tmp_path / "data").exists()

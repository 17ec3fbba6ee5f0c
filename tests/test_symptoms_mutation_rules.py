"""The symptom rules case by case: which directions a profile marks and which one eases,
every answer the profile and the morning check refuse (with the message), every pain score
from 0 to 10 and one past each end, and how far down the leg is further down. Answers are
written as the codes the log and the settings keep, not through the module's constants."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from sciatica_coach.core.symptoms import (
    EASES_CHOICES,
    LEG_RESPONSES,
    MORNING_ANSWERS,
    SELF_CHECK_ANSWERS,
    SELF_CHECK_DIRECTIONS,
    LegResponse,
    MorningCheck,
    SymptomProfile,
    aggravating_directions,
    easing_direction,
    further_down,
    further_up,
    moves_in,
)

TAKEN = datetime(2026, 3, 24, 7, 30, tzinfo=UTC)
REACHES = ("none", "back", "buttock", "thigh", "below_knee", "foot")


def profile(eases: str, reach: str | None = "thigh", **self_check: str) -> SymptomProfile:
    return SymptomProfile(TAKEN, date(2026, 3, 24), reach, eases, dict(self_check))


def test_the_codes_the_log_and_settings_keep() -> None:
    assert EASES_CHOICES == ("bending_forward", "leaning_back", "neither", "not_sure")
    assert SELF_CHECK_DIRECTIONS == ("flexion", "extension")
    assert SELF_CHECK_ANSWERS == ("up", "same", "down")
    assert LEG_RESPONSES == MORNING_ANSWERS == ("better", "same", "worse")


# --- the directions a profile marks -----------------------------------------------------------


@pytest.mark.parametrize(
    ("eases", "self_check", "marked"),
    [
        ("bending_forward", {}, {"extension"}),
        ("bending_forward", {"extension": "same"}, {"extension"}),
        ("bending_forward", {"extension": "down"}, {"extension"}),
        ("bending_forward", {"extension": "up"}, set()),  # the self-check found it helps
        ("bending_forward", {"flexion": "down"}, {"flexion", "extension"}),
        ("leaning_back", {}, {"flexion"}),
        ("leaning_back", {"flexion": "up"}, set()),
        ("leaning_back", {"extension": "up"}, {"flexion"}),
        ("leaning_back", {"flexion": "same", "extension": "same"}, {"flexion"}),
        ("neither", {}, set()),
        ("neither", {"flexion": "down"}, {"flexion"}),
        ("neither", {"flexion": "up", "extension": "same"}, set()),
        ("not_sure", {"flexion": "down", "extension": "down"}, {"flexion", "extension"}),
        ("not_sure", {"extension": "up"}, set()),
    ],
)
def test_the_directions_a_profile_marks(
    eases: str, self_check: dict[str, str], marked: set[str]
) -> None:
    assert aggravating_directions(profile(eases, **self_check)) == frozenset(marked)


def test_no_profile_marks_nothing_and_eases_nothing() -> None:
    assert aggravating_directions(None) == frozenset()
    assert easing_direction(None) is None


@pytest.mark.parametrize(
    ("eases", "self_check", "easing"),
    [
        ("bending_forward", {}, "flexion"),
        ("bending_forward", {"flexion": "down"}, "flexion"),  # the answer is the user's to give
        ("leaning_back", {}, "extension"),
        ("leaning_back", {"flexion": "up"}, "extension"),
        ("neither", {}, None),
        ("neither", {"flexion": "up"}, "flexion"),
        ("not_sure", {"extension": "up", "flexion": "same"}, "extension"),
        ("not_sure", {"extension": "up", "flexion": "down"}, "extension"),
        ("not_sure", {"extension": "up", "flexion": "up"}, None),  # two helped: not clear
        ("not_sure", {"extension": "same", "flexion": "down"}, None),
    ],
)
def test_the_direction_that_eases_the_leg(
    eases: str, self_check: dict[str, str], easing: str | None
) -> None:
    assert easing_direction(profile(eases, **self_check)) == easing


@pytest.mark.parametrize(
    ("tag", "directions", "moves"),
    [
        ("flexion", {"flexion"}, True),
        ("flexion", {"extension"}, False),
        ("flexion", {"flexion", "extension"}, True),
        ("extension", set(), False),
        ("neutral", {"flexion", "extension"}, False),
        ("flexion_and_extension", {"flexion"}, True),
        ("flexion_and_extension", {"extension"}, True),
        ("flexion_and_extension", set(), False),
        ("flexion_and_extension", {"rotation"}, False),
    ],
)
def test_which_exercises_move_in_a_marked_direction(
    tag: str, directions: set[str], moves: bool
) -> None:
    assert moves_in(tag, frozenset(directions)) is moves


# --- further down the leg ---------------------------------------------------------------------


def test_each_reach_is_further_down_than_every_one_before_it_and_no_other() -> None:
    for lower, reach in enumerate(REACHES):
        for other, than in enumerate(REACHES):
            assert further_down(reach, than) is (lower > other), (reach, than)
            assert further_up(reach, than) is (lower < other), (reach, than)


@pytest.mark.parametrize(("reach", "than"), [(None, "thigh"), ("foot", None), (None, None)])
def test_an_unknown_reach_is_neither_further_down_nor_up(
    reach: str | None, than: str | None
) -> None:
    assert further_down(reach, than) is False
    assert further_up(reach, than) is False


# --- what a profile refuses -------------------------------------------------------------------


@pytest.mark.parametrize("reach", [*REACHES, None])
def test_a_profile_takes_every_reach_and_none(reach: str | None) -> None:
    assert profile("neither", reach).reach == reach


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: profile("neither", "knee"),
            "reach must be one of none, back, buttock, thigh, below_knee, foot, not 'knee'",
        ),
        (lambda: profile("sometimes"), "unknown answer for what eases: 'sometimes'"),
        (lambda: profile("neither", rotation="up"), "unknown direction 'rotation'"),
        (lambda: profile("neither", flexion="left"), "unknown self-check answer 'left'"),
        (
            lambda: SymptomProfile(datetime(2026, 3, 24, 7), date(2026, 3, 24), None, "neither"),
            "recorded_at must be a datetime with a time zone",
        ),
    ],
)
def test_a_profile_refuses_what_it_cannot_mean(make: object, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        make()  # type: ignore[operator]
    assert str(raised.value) == message


def test_a_profile_keeps_both_self_check_answers() -> None:
    made = profile("not_sure", "buttock", flexion="down", extension="up")
    assert (made.reach, made.eases, dict(made.self_check)) == (
        "buttock",
        "not_sure",
        {"flexion": "down", "extension": "up"},
    )
    assert SymptomProfile(TAKEN, date(2026, 3, 24), None, "neither").self_check == {}


# --- what a morning check refuses -------------------------------------------------------------


def morning(
    compared: str = "same",
    back: object = 3,
    leg: object = 4,
    reach: str | None = "thigh",
    taken: datetime = TAKEN,
) -> MorningCheck:
    return MorningCheck(7, compared, back, leg, reach, taken, date(2026, 3, 24))  # type: ignore[arg-type]


@pytest.mark.parametrize("compared", ["better", "same", "worse"])
def test_a_morning_check_takes_each_comparison(compared: str) -> None:
    assert morning(compared).compared == compared


@pytest.mark.parametrize("score", [0, 1, 9, 10, None])
def test_a_morning_check_takes_every_score_from_0_to_10_or_none(score: int | None) -> None:
    check = morning(back=score, leg=score)
    assert (check.back, check.leg) == (score, score)


@pytest.mark.parametrize("score", [-1, 11, 4.0, "4"])
@pytest.mark.parametrize("name", ["back", "leg"])
def test_a_morning_score_past_either_end_or_not_whole_is_refused(name: str, score: object) -> None:
    with pytest.raises(ValueError) as raised:
        morning(**{name: score})  # type: ignore[arg-type]
    assert str(raised.value) == f"{name} pain must be a whole number from 0 to 10, not {score!r}"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"compared": "fine"}, "unknown comparison 'fine'"),
        ({"compared": "up"}, "unknown comparison 'up'"),
        (
            {"reach": "ankle"},
            "reach must be one of none, back, buttock, thigh, below_knee, foot, not 'ankle'",
        ),
        ({"taken": datetime(2026, 3, 24, 7, 30)}, "taken_at must be a datetime with a time zone"),
    ],
)
def test_a_morning_check_refuses_what_it_cannot_mean(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError) as raised:
        morning(**fields)  # type: ignore[arg-type]
    assert str(raised.value) == message


@pytest.mark.parametrize("reach", [*REACHES, None])
def test_a_morning_check_takes_every_reach_and_none(reach: str | None) -> None:
    assert morning(reach=reach).reach == reach


def test_a_leg_response_is_plain_data() -> None:
    answer = LegResponse(3, 5, "knee_to_chest", "Knee to chest", "worse", date(2026, 3, 24), "r")
    assert (answer.session_id, answer.step_index, answer.exercise_id, answer.response) == (
        3,
        5,
        "knee_to_chest",
        "worse",
    )

"""What the user tells the app about their leg: the symptom profile, the leg's response to
each exercise, and the check-in the morning after a session.

The profile says which way of moving eases the leg, from the user's answer and, if they do
it, a short self-check of repeated movements. From it follows which directions of movement
are marked "may make your leg worse" on routine pages and in the player. Nothing here decides
for the user: marks and hiding are shown, and hiding is the user's choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from sciatica_coach.core.records import (
    LEG_RESPONSE_CODES,
    SYMPTOM_REACH,
    require,
    require_aware,
)

# Which way of moving eases the leg, as the user answers it.
BENDING_FORWARD = "bending_forward"
LEANING_BACK = "leaning_back"
NEITHER = "neither"
NOT_SURE = "not_sure"
EASES_CHOICES = (BENDING_FORWARD, LEANING_BACK, NEITHER, NOT_SURE)

# The self-check's movements, named by the catalog's spinal directions.
FLEXION = "flexion"
EXTENSION = "extension"
SELF_CHECK_DIRECTIONS = (FLEXION, EXTENSION)

# What the leg symptoms did after a set of repeated movements.
MOVED_UP = "up"  # up out of the leg towards the back: the movement helps
STAYED = "same"
SPREAD_DOWN = "down"  # further down the leg: the movement aggravates
SELF_CHECK_ANSWERS = (MOVED_UP, STAYED, SPREAD_DOWN)

# The leg's response to one exercise, asked in the rest after it.
BETTER, SAME, WORSE = LEG_RESPONSE_CODES  # worse: spreading further down, or stronger
LEG_RESPONSES = LEG_RESPONSE_CODES

# The morning after a session, compared with before it.
MORNING_ANSWERS = LEG_RESPONSES

_OPPOSITE = {FLEXION: EXTENSION, EXTENSION: FLEXION}
_EASING_DIRECTION = {BENDING_FORWARD: FLEXION, LEANING_BACK: EXTENSION}


@dataclass(frozen=True)
class SymptomProfile:
    """How far down the leg symptoms reach and which way of moving eases them, with the
    self-check answers by direction (only the directions the user tried)."""

    recorded_at: datetime
    local_date: date
    reach: str | None
    eases: str
    self_check: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        require_aware(self.recorded_at, "recorded_at")
        require(
            self.reach is None or self.reach in SYMPTOM_REACH,
            f"reach must be one of {', '.join(SYMPTOM_REACH)}, not {self.reach!r}",
        )
        require(self.eases in EASES_CHOICES, f"unknown answer for what eases: {self.eases!r}")
        for direction, answer in self.self_check.items():
            require(direction in SELF_CHECK_DIRECTIONS, f"unknown direction {direction!r}")
            require(answer in SELF_CHECK_ANSWERS, f"unknown self-check answer {answer!r}")


def aggravating_directions(profile: SymptomProfile | None) -> frozenset[str]:
    """Directions whose exercises are marked "may make your leg worse".

    A direction is marked when the self-check found it spread symptoms down the leg, or when
    the user says the opposite direction eases the leg and the self-check did not find this
    one helps. "Neither" and "not sure" mark nothing beyond what the self-check found.
    """
    if profile is None:
        return frozenset()
    marked = {d for d, answer in profile.self_check.items() if answer == SPREAD_DOWN}
    easing = _EASING_DIRECTION.get(profile.eases)
    if easing is not None:
        opposite = _OPPOSITE[easing]
        if profile.self_check.get(opposite) != MOVED_UP:
            marked.add(opposite)
    return frozenset(marked)


def easing_direction(profile: SymptomProfile | None) -> str | None:
    """The direction that eases the leg: the user's answer, or failing that the one the
    self-check found moved symptoms up (when exactly one did and it is not also marked)."""
    if profile is None:
        return None
    said = _EASING_DIRECTION.get(profile.eases)
    if said is not None:
        return said
    helped = [d for d, answer in profile.self_check.items() if answer == MOVED_UP]
    # equivalent mutant: with neither or not sure, only directions that spread are marked
    if len(helped) == 1 and helped[0] not in aggravating_directions(profile):
        return helped[0]
    return None


def moves_in(spinal_direction: str, directions: frozenset[str]) -> bool:
    """Whether an exercise tagged ``spinal_direction`` moves the spine in any of
    ``directions``; cat-camel style exercises move both ways."""
    if spinal_direction == "flexion_and_extension":
        return bool(directions & {FLEXION, EXTENSION})
    return spinal_direction in directions


@dataclass(frozen=True)
class MorningCheck:
    """The leg the morning after a session, compared with before that session."""

    session_id: int
    compared: str
    back: int | None
    leg: int | None
    reach: str | None
    taken_at: datetime
    local_date: date

    def __post_init__(self) -> None:
        require(self.compared in MORNING_ANSWERS, f"unknown comparison {self.compared!r}")
        for name, score in (("back", self.back), ("leg", self.leg)):
            require(
                score is None or (isinstance(score, int) and 0 <= score <= 10),
                f"{name} pain must be a whole number from 0 to 10, not {score!r}",
            )
        require(
            self.reach is None or self.reach in SYMPTOM_REACH,
            f"reach must be one of {', '.join(SYMPTOM_REACH)}, not {self.reach!r}",
        )
        require_aware(self.taken_at, "taken_at")


@dataclass(frozen=True)
class LegResponse:
    """The leg's response to one exercise of one session, as the user gave it."""

    session_id: int
    step_index: int
    exercise_id: str
    exercise_name: str
    response: str
    local_date: date
    routine_id: str


def further_down(reach: str | None, than: str | None) -> bool:
    """Whether symptoms reaching ``reach`` go further down the leg than ``than``; False
    when either is not known."""
    if reach is None or than is None:
        return False
    return SYMPTOM_REACH.index(reach) > SYMPTOM_REACH.index(than)


def further_up(reach: str | None, than: str | None) -> bool:
    """Whether symptoms moved up towards the back (centralised) from ``than`` to ``reach``."""
    return further_down(than, reach)

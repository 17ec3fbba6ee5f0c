"""The two-minute self-check: a few slow movements one way, then the other, asking after
each set what the leg symptoms did.

It follows the review's directional check (clinical/review.md §3 item 1): notice how far
down the leg the symptoms reach, lean back ten times, compare; then bend forward ten times,
compare. If one direction makes the symptoms spread further down the leg, the check stops
there and the other direction waits for another day. The answers go into the symptom
profile; nothing here decides anything for the user or names a cause.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sciatica_coach.core.records import require
from sciatica_coach.core.symptoms import (
    EXTENSION,
    FLEXION,
    SELF_CHECK_ANSWERS,
    SPREAD_DOWN,
    SymptomProfile,
)
from sciatica_coach.i18n import N_, _

# Leaning back comes first: the review's order, and the direction most often found to help.
ORDER = (EXTENSION, FLEXION)
REPEATS = 10

# The words are English source marked with N_: show them through `_` (or `translated()`).
STOP_RULE = N_(
    "If your symptoms spread further down your leg, stop the check at once. "
    "Do not try the other way today."
)

PROFILE_REMINDER = N_(
    "This is not a diagnosis. Your answers only help the app choose and mark exercises "
    "for you. If your symptoms spread further down your leg, or numbness gets worse, stop "
    "and read the safety information."
)

STOPPED_ADVICE = N_(
    "Stopping was the right thing to do. Sit or lie in whatever way feels easiest and let "
    "your leg settle. If the spreading has not settled by tomorrow, or numbness or weakness "
    "gets worse, read the safety information and get advice."
)


@dataclass(frozen=True)
class CheckStep:
    """One screen of the self-check: a heading and a few short lines to read aloud.
    ``{repeats}`` in them stands for `REPEATS`."""

    title: str
    lines: tuple[str, ...]

    def translated(self) -> CheckStep:
        """This screen in the current language, with the number of repeats filled in."""
        return CheckStep(
            _(self.title).format(repeats=REPEATS),
            tuple(_(line).format(repeats=REPEATS) for line in self.lines),
        )


START = CheckStep(
    N_("Before you start"),
    (
        N_("This check takes about two minutes. You can stop at any time."),
        N_(
            "First, notice how far down your leg your symptoms reach right now. "
            "Remember it, so you can compare after each set."
        ),
        N_(
            "Then you will lean back {repeats} times and bend forward {repeats} times, slowly. "
            "After each set the app asks what your leg did."
        ),
        STOP_RULE,
    ),
)

MOVEMENTS: dict[str, CheckStep] = {
    EXTENSION: CheckStep(
        N_("Lean back, {repeats} times"),
        (
            N_("Stand with your feet apart and your hands on your lower back."),
            N_(
                "Slowly lean back as far as feels all right, then come back up. Do it "
                "{repeats} times."
            ),
            N_("Or lie face down and press up on your hands, keeping your hips on the floor."),
            N_("Then stand still for a moment and notice your leg."),
        ),
    ),
    FLEXION: CheckStep(
        N_("Bend forward, {repeats} times"),
        (
            N_("Sit on a chair with your feet flat on the floor."),
            N_(
                "Slowly bend forward, sliding your hands down towards your ankles, then sit "
                "up. Do it {repeats} times."
            ),
            N_("Or lie on your back and hug your knees gently towards your chest."),
            N_("Then sit still for a moment and notice your leg."),
        ),
    ),
}

QUESTION = N_("Compared with before, did your leg symptoms…")


@dataclass
class SelfCheck:
    """One run of the self-check: which movement comes next and what was answered.

    Only the directions the user tried have an answer. An answer of "spread further down"
    ends the check: the other direction is not asked today.
    """

    answers: dict[str, str] = field(default_factory=dict)

    def answer(self, direction: str, answer: str) -> None:
        require(direction in ORDER, f"unknown direction {direction!r}")
        require(answer in SELF_CHECK_ANSWERS, f"unknown self-check answer {answer!r}")
        require(not self.finished, "the self-check is over")
        require(direction == self.next_direction(), f"{direction!r} is not the next movement")
        self.answers[direction] = answer

    def next_direction(self) -> str | None:
        """The movement to try next, or None when the check is over."""
        if self.stopped:
            return None
        return next((d for d in ORDER if d not in self.answers), None)

    @property
    def stopped(self) -> bool:
        """Whether a movement made the symptoms spread, which ends the check for today."""
        return SPREAD_DOWN in self.answers.values()

    @property
    def finished(self) -> bool:
        return self.next_direction() is None

    def skipped_directions(self) -> tuple[str, ...]:
        """The directions left out because the check stopped."""
        if not self.stopped:
            return ()
        return tuple(d for d in ORDER if d not in self.answers)


def spread_on(self_check: Mapping[str, str]) -> bool:
    """Whether any direction in ``self_check`` made the symptoms spread down the leg."""
    return SPREAD_DOWN in self_check.values()


def may_check_again(profile: SymptomProfile | None, today: date) -> bool:
    """False on the day a saved check made the symptoms spread: not again until tomorrow."""
    if profile is None or profile.local_date != today:
        return True
    return not spread_on(profile.self_check)

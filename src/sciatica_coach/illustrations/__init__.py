"""Exercise illustrations drawn by code: a stick figure posed by joint angles, rendered to SVG.

No Qt here: the drawing is SVG text. Every built-in exercise has a start and an end pose
(`poses`); `render_svg` draws any phase between them and `render_sheet_svg` both side by side.
Unmirrored pictures show the left side working (the figure faces left, its left side nearest);
pass ``mirrored=True`` for the right side. `motion_phase` turns the time into a step into the
phase to draw.

`qt_pictures`, imported by name only, is the Qt side that the player's view and the printed
summary share: it decodes the user's pictures and fits any picture into its space.
"""

from __future__ import annotations

import math
from functools import lru_cache

from sciatica_coach.i18n import _, pgettext
from sciatica_coach.illustrations import draw
from sciatica_coach.illustrations.poses import SCENES
from sciatica_coach.illustrations.user_image import UserImageError, check_user_image_path

__all__ = [
    "SELF_PACED_REP_SECONDS",
    "IllustrationNotFound",
    "UserImageError",
    "available",
    "check_user_image_path",
    "motion_phase",
    "motion_rate",
    "placeholder_svg",
    "render_sheet_svg",
    "render_svg",
]

SIZE = (480, 360)
SHEET_GAP = 64
SELF_PACED_REP_SECONDS = 4.0
MIRRORED_SIDE = "right"


class IllustrationNotFound(LookupError):
    """There is no built-in illustration with this id."""


def available() -> frozenset[str]:
    """The exercise ids that have a built-in illustration."""
    return frozenset(SCENES)


@lru_cache(maxsize=64)
def _solved(exercise_id: str) -> draw.SolvedScene:
    try:
        scene = SCENES[exercise_id]
    except KeyError:
        # i18n: not words (a programmer's error)
        raise IllustrationNotFound(f"no built-in illustration for {exercise_id!r}") from None
    return draw.solve_scene(scene)


@lru_cache(maxsize=256)
def _view(exercise_id: str, flip: bool, width: float, height: float) -> draw.View:
    return draw.layout(_solved(exercise_id), flip, width, height)


def render_svg(
    exercise_id: str,
    phase: float,
    *,
    mirrored: bool = False,
    size: tuple[int, int] = SIZE,
) -> str:
    """One frame as an SVG document: phase 0 is the start pose, 1 the end pose.

    Phases in between are eased (slow out of the start, slow into the end) and blended joint
    by joint. From the end pose on, a pale ghost of the start pose and an arrow along the path
    of the moving limb fade in. Raises `IllustrationNotFound` for an unknown id.
    """
    width, height = float(size[0]), float(size[1])
    if width <= 0 or height <= 0:
        # i18n: not words (a programmer's error)
        raise ValueError(f"size must be positive, got {size}")
    phase = 0.0 if math.isnan(phase) else min(1.0, max(0.0, phase))
    solved = _solved(exercise_id)
    view = _view(exercise_id, not mirrored, width, height)
    body = draw.panel(solved, view, phase, width=width, height=height)
    return draw.document(width, height, body)


def render_sheet_svg(exercise_id: str, *, mirrored: bool = False) -> str:
    """Start and end pose side by side with a small arrow between them (print, thumbnails)."""
    width, height = SIZE
    solved = _solved(exercise_id)
    view = _view(exercise_id, not mirrored, width, height)
    first, last = pgettext("picture", "Start"), pgettext("picture", "End")
    start = draw.panel(solved, view, 0.0, width=width, height=height, label=first)
    end = draw.panel(solved, view, 1.0, width=width, height=height, label=last)
    total = 2 * width + SHEET_GAP
    body = [
        f'<rect x="0" y="0" width="{total}" height="{height}" fill="#ffffff"/>',
        *start,
        draw.sheet_arrow(width + 14, height / 2, SHEET_GAP - 28),
        *draw.translated(width + SHEET_GAP, end),
    ]
    return draw.document(total, height, body)


def placeholder_svg(size: tuple[int, int] = SIZE, text: str = "") -> str:
    """A neutral grey figure outline with a short note ("No picture" unless given), for a
    missing picture."""
    return draw.placeholder(float(size[0]), float(size[1]), text or _("No picture"))


def motion_phase(
    mode: str,
    seconds_into_step: float,
    *,
    tempo: float | None,
    hold_seconds: float | None,
    ease_in: float = 2.0,
) -> float:
    """The phase to draw (0 start pose, 1 end pose) at a moment in a step.

    ``mode`` "hold": move into the end pose over ``ease_in`` seconds, then stay there.
    ``mode`` "reps": out to the end pose and back once per ``tempo`` seconds; self-paced reps
    (tempo None) loop gently at `SELF_PACED_REP_SECONDS` a rep. For reps, ``hold_seconds``
    (when given and shorter than half the rep) is spent still at the end pose.

    The result rises and falls linearly; `render_svg` eases it, so the figure slows at
    both ends of a movement.
    """
    t = _seconds_in(seconds_into_step)
    if mode == "hold":
        return 1.0 if ease_in <= 0 else min(1.0, t / ease_in)
    if mode != "reps":
        # i18n: not words (a programmer's error)
        raise ValueError(f"unknown mode {mode!r}: expected 'hold' or 'reps'")
    if tempo is not None and not tempo > 0:
        # i18n: not words (a programmer's error)
        raise ValueError(f"tempo must be a positive number of seconds, got {tempo}")
    period, pause, travel = _rep_timing(tempo, hold_seconds)
    u = t % period
    if u < travel:
        return u / travel
    if u < travel + pause:
        return 1.0
    return max(0.0, 1.0 - (u - travel - pause) / travel)


def motion_rate(
    mode: str,
    seconds_into_step: float,
    *,
    tempo: float | None,
    hold_seconds: float | None,
    ease_in: float = 2.0,
) -> tuple[float, float]:
    """How fast `motion_phase` changes at a moment (phase per second, below zero on the way
    back) and for how many more seconds it keeps that rate: the player sleeps until the
    figure's next frame is due rather than polling for it."""
    t = _seconds_in(seconds_into_step)
    if mode == "hold":
        if ease_in <= 0 or t >= ease_in:
            return 0.0, math.inf
        return 1.0 / ease_in, ease_in - t
    period, pause, travel = _rep_timing(tempo, hold_seconds)
    u = t % period
    if u < travel:
        return 1.0 / travel, travel - u
    if u < travel + pause:
        return 0.0, travel + pause - u
    return -1.0 / travel, period - u


def _seconds_in(seconds_into_step: float) -> float:
    """The time into a step, a nonsense one (negative, infinite, NaN) read as its start."""
    return max(0.0, seconds_into_step) if math.isfinite(seconds_into_step) else 0.0


def _rep_timing(tempo: float | None, hold_seconds: float | None) -> tuple[float, float, float]:
    """One rep's seconds: its whole period, its pause at the end pose, and each way's travel
    (self-paced reps loop at `SELF_PACED_REP_SECONDS`)."""
    period = tempo if tempo is not None else SELF_PACED_REP_SECONDS
    pause = min(max(hold_seconds or 0.0, 0.0), period / 2)
    return period, pause, (period - pause) / 2

"""The built-in exercises and routines in the user's language.

The English text lives in ``library/exercises.toml`` and ``library/routines/*.toml``; each
other language has an overlay beside them, ``library/<code>/exercises.toml`` and
``library/<code>/routines.toml``, keyed by id, holding only the words (name, cues,
cautions, easier, harder; name, description, who_for, not_for). Doses, groups and ids stay
in the one English file, so a translation can never change how long anyone holds a stretch.
A missing or broken overlay, or a list of cues of the wrong length, leaves the English.
The user's own routines are never translated: they are in the words the user wrote.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from sciatica_coach.core.catalog import Exercise, Routine

EXERCISE_TEXT_FIELDS = ("name", "cues", "cautions", "easier", "harder")
ROUTINE_TEXT_FIELDS = ("name", "description", "who_for", "not_for")


def read_overlay(path: Path) -> dict[str, dict[str, Any]]:
    """The overlay's tables by id; empty when the file is missing or not valid TOML."""
    try:
        with path.open("rb") as file:
            data = tomllib.load(file)
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    return {key: value for key, value in data.items() if isinstance(value, dict)}


def _text(english: Any, translated: Any) -> Any:
    """``translated`` where it has the shape of ``english`` (a string, or a list of as many
    strings), else ``english``."""
    if isinstance(english, str):
        return translated if isinstance(translated, str) and translated else english
    if (
        isinstance(english, tuple)
        and isinstance(translated, list)
        and len(translated) == len(english)
        and all(isinstance(item, str) and item for item in translated)
    ):
        return tuple(translated)
    return english


def translate_exercise(exercise: Exercise, words: Mapping[str, Any]) -> Exercise:
    changes = {
        field: _text(getattr(exercise, field), words[field])
        for field in EXERCISE_TEXT_FIELDS
        if field in words and getattr(exercise, field) is not None
    }
    return replace(exercise, **changes)


def translate_exercises(
    exercises: Mapping[str, Exercise], library: Path, language: str
) -> dict[str, Exercise]:
    """``exercises`` with the words of ``language``'s overlay where it has them."""
    if language == "en":
        return dict(exercises)
    overlay = read_overlay(library / language / "exercises.toml")
    return {
        key: translate_exercise(exercise, overlay[key]) if key in overlay else exercise
        for key, exercise in exercises.items()
    }


def translate_routine(routine: Routine, words: Mapping[str, Any]) -> Routine:
    changes = {
        field: _text(getattr(routine, field), words[field])
        for field in ROUTINE_TEXT_FIELDS
        if field in words
    }
    return replace(routine, **changes)


def translate_routines(
    routines: Mapping[str, Routine], library: Path, language: str
) -> dict[str, Routine]:
    """The built-in ``routines`` with the words of ``language``'s overlay."""
    if language == "en":
        return dict(routines)
    overlay = read_overlay(library / language / "routines.toml")
    return {
        key: translate_routine(routine, overlay[key])
        if routine.builtin and key in overlay
        else routine
        for key, routine in routines.items()
    }

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

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from sciatica_coach.i18n import LANGUAGES, language

if TYPE_CHECKING:  # the names shown need no catalog: Today is painted before it is read
    from sciatica_coach.core.catalog import Exercise, Routine

EXERCISE_TEXT_FIELDS = ("name", "cues", "cautions", "easier", "harder")
ROUTINE_TEXT_FIELDS = ("name", "description", "who_for", "not_for")


def read_overlay(path: Path) -> dict[str, dict[str, Any]]:
    """The overlay's tables by id; empty when the file is missing or not valid TOML."""
    import tomllib

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


# --- names in the log ------------------------------------------------------------------------
# The log keeps each session's routine and exercise names as they were when it ran, in the
# language of that day. A built-in's logged name is shown in today's language; a name the user
# chose (their own routine, a renamed copy) is shown as it was written.


@dataclass
class _NameBook:
    library: Path
    language: str
    current: dict[tuple[str, str], str]  # (kind, id) -> the name in today's language
    english: dict[tuple[str, str], str]
    others: dict[tuple[str, str], set[str]] | None = None  # every overlay's names, read late

    def known(self, key: tuple[str, str]) -> set[str]:
        if self.others is None:
            self.others = {}
            for code in LANGUAGES:
                if code == "en":
                    continue
                for kind, file in (("exercise", "exercises.toml"), ("routine", "routines.toml")):
                    for item_id, words in read_overlay(self.library / code / file).items():
                        name = words.get("name")
                        if isinstance(name, str) and name:
                            self.others.setdefault((kind, item_id), set()).add(name)
        return {self.english.get(key, ""), self.current.get(key, "")} | self.others.get(key, set())


_book: _NameBook | None = None


def remember_builtin_names(
    library: Path,
    english: tuple[Mapping[str, Exercise], Mapping[str, Routine]],
    shown: tuple[Mapping[str, Exercise], Mapping[str, Routine]],
) -> None:
    """Keep the built-ins' English names and their names in today's language (``load_library``
    calls this), so names in the log can be shown in today's language."""
    global _book
    names: list[dict[tuple[str, str], str]] = []
    for exercises, routines in (english, shown):
        book = {("exercise", key): item.name for key, item in exercises.items()}
        book |= {("routine", key): item.name for key, item in routines.items() if item.builtin}
        names.append(book)
    _book = _NameBook(library, language(), current=names[1], english=names[0])


def _shown(kind: str, item_id: str | None, stored: str | None) -> str | None:
    if stored is None:
        return None
    if _book is None or _book.language != language():
        # Nothing loaded the library in this language (the command line's report): load the
        # built-ins once, which remembers their names.
        from sciatica_coach.core.library import load_library

        load_library(None)
    book = _book
    key = (kind, item_id or "")
    if book is None or key not in book.current:
        return stored
    return book.current[key] if stored in book.known(key) else stored


@overload
def shown_exercise_name(exercise_id: str | None, stored: str) -> str: ...
@overload
def shown_exercise_name(exercise_id: str | None, stored: None) -> None: ...
@overload
def shown_exercise_name(exercise_id: str | None, stored: str | None) -> str | None: ...
def shown_exercise_name(exercise_id: str | None, stored: str | None) -> str | None:
    """The name to show for an exercise the log stored as ``stored``."""
    return _shown("exercise", exercise_id, stored)


def shown_routine_name(routine_id: str | None, stored: str) -> str:
    """The name to show for a routine the log stored as ``stored``."""
    return _shown("routine", routine_id, stored) or stored

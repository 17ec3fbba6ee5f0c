"""Find exercises in the library by name, group, position, level and direction of movement,
and make a one-exercise routine to practise one of them on its own."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from sciatica_coach.core.catalog import GROUPS, ROUTINE_ID, Block, Exercise, Routine
from sciatica_coach.core.library import Library
from sciatica_coach.i18n import _

PRACTICE_PREFIX = "practice-"
PRACTICE_PREPARE_SECONDS = 5.0
# A routine id is at most 64 characters (catalog.ROUTINE_ID); a practice id longer than that
# keeps the start of the exercise id and ends in a short hash of the whole, so two long ids
# with the same start still make different routines.
MAX_ROUTINE_ID = 64
HASH_LENGTH = 8


@dataclass(frozen=True)
class ExerciseFilter:
    """What to look for; each field left as None matches every exercise.

    ``text`` matches when every word of it is found, ignoring case and accents, in the
    exercise's name or in the words of its id (``cat_camel`` reads as "cat camel").
    """

    text: str | None = None
    group: str | None = None
    position: str | None = None
    level: int | None = None
    direction: str | None = None

    @property
    def is_empty(self) -> bool:
        """True when nothing is asked for, so every exercise matches."""
        words = folded(self.text or "").split()
        return not words and all(
            value is None for value in (self.group, self.position, self.level, self.direction)
        )


def folded(text: str) -> str:
    """``text`` in lower case without accents: ``"Pont fessier Élevé"`` reads ``"pont fessier
    eleve"``, so a search finds a name however it was typed."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold()


def _searchable(exercise: Exercise) -> str:
    return folded(f"{exercise.name} {exercise.id.replace('_', ' ')}")


def matches(exercise: Exercise, wanted: ExerciseFilter) -> bool:
    """Whether ``exercise`` passes every part of ``wanted``."""
    if wanted.group is not None and exercise.group != wanted.group:
        return False
    if wanted.position is not None and exercise.position != wanted.position:
        return False
    if wanted.level is not None and exercise.level != wanted.level:
        return False
    if wanted.direction is not None and exercise.spinal_direction != wanted.direction:
        return False
    words = folded(wanted.text or "").split()
    if words:
        haystack = _searchable(exercise)
        return all(word in haystack for word in words)
    return True


def library_order(exercise: Exercise) -> tuple[int, str, str]:
    """Sort key: by group in the catalog's order (mobility first), then by name."""
    group = GROUPS.index(exercise.group) if exercise.group in GROUPS else len(GROUPS)
    return group, folded(exercise.name), exercise.id


def find_exercises(exercises: Iterable[Exercise], wanted: ExerciseFilter) -> list[Exercise]:
    """The exercises that pass ``wanted``, by group then name."""
    return sorted((e for e in exercises if matches(e, wanted)), key=library_order)


def all_exercises(library: Library) -> list[Exercise]:
    """Every exercise the user can do: the built-in catalog first, then those defined inside
    routine files, each id once (the first met wins), in library order."""
    found: dict[str, Exercise] = dict(library.exercises)
    for routine in library.routines.values():
        for block in routine.blocks:
            found.setdefault(block.exercise.id, block.exercise)
    builtin = [e for e in found.values() if e.id in library.exercises]
    own = [e for e in found.values() if e.id not in library.exercises]
    return sorted(builtin, key=library_order) + sorted(own, key=library_order)


def practice_routine_id(exercise_id: str) -> str:
    """``practice-cat-camel`` for ``cat_camel``: a valid routine id (catalog.ROUTINE_ID)."""
    routine_id = PRACTICE_PREFIX + exercise_id.replace("_", "-")
    if len(routine_id) > MAX_ROUTINE_ID:
        import hashlib  # here, not at start-up: it loads OpenSSL (3 MB resident)

        digest = hashlib.sha256(exercise_id.encode("utf-8")).hexdigest()[:HASH_LENGTH]
        keep = MAX_ROUTINE_ID - HASH_LENGTH - 1
        routine_id = f"{routine_id[:keep].rstrip('-')}-{digest}"
    assert ROUTINE_ID.fullmatch(routine_id), routine_id
    return routine_id


def practice_routine(exercise: Exercise) -> Routine:
    """A routine of ``exercise`` alone at its own dose, after a short get-ready: for trying
    one exercise out. It is nobody's file, so it has no source and is not built in."""
    return Routine(
        id=practice_routine_id(exercise.id),
        name=_("Practice: {name}").format(name=exercise.name),
        level=exercise.level,
        target_minutes=None,
        description=_("{name} on its own, at its usual dose.").format(name=exercise.name),
        blocks=(Block(exercise=exercise, dose=exercise.dose),),
        prepare_seconds=PRACTICE_PREPARE_SECONDS,
        source=None,
        builtin=False,
    )


def find_routine(library: Library, routine_id: str) -> Routine | None:
    """The routine ``routine_id`` names: one of the library's, or the practice of one of its
    exercises (so an interrupted practice can be resumed and summarised like any session)."""
    routine = library.find(routine_id)
    if routine is not None or not routine_id.startswith(PRACTICE_PREFIX):
        return routine
    for exercise in all_exercises(library):
        if practice_routine_id(exercise.id) == routine_id:
            return practice_routine(exercise)
    return None

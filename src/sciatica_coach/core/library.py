"""Everything a user can pick from: the built-in catalog and routines plus their own routines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sciatica_coach.core import paths
from sciatica_coach.i18n import language

if TYPE_CHECKING:  # an empty Library (the app's window before its first paint) reads nothing
    from sciatica_coach.core.catalog import Exercise, Problem, Routine


@dataclass
class Library:
    """``routines`` in load order; ``replaced`` holds the built-ins that a user routine with
    the same id stands in for (the user's own copy of a built-in)."""

    exercises: dict[str, Exercise]
    routines: dict[str, Routine]
    problems: list[Problem] = field(default_factory=list)
    replaced: dict[str, Routine] = field(default_factory=dict)

    def find(self, routine_id: str) -> Routine | None:
        return self.routines.get(routine_id)


def load_library(data: Path | None, library: Path | None = None) -> Library:
    """Load built-ins and, with a data folder, the user's ``routines/``; never raises for bad files.

    A broken user file is skipped and reported. A broken built-in catalog is a packaging
    fault, but the app still starts: the user's own routines that define their exercises
    keep working. A user routine with a built-in's id is the user's own copy of it and takes
    its place in the order; two user files with one id are reported, the second skipped.
    """
    from sciatica_coach.core.catalog import RoutineError, load_catalog, load_routines
    from sciatica_coach.core.library_text import (
        remember_builtin_names,
        translate_exercises,
        translate_routines,
    )

    library = library or paths.library_dir()
    problems: list[Problem] = []
    try:
        exercises = load_catalog(library / "exercises.toml", label="library/exercises.toml")
    except RoutineError as error:
        exercises = {}
        problems.extend(error.problems)
    english = exercises
    exercises = translate_exercises(exercises, library, language())
    builtins = load_routines([(library / "routines", True)], exercises)
    routines = translate_routines(builtins.routines, library, language())
    remember_builtin_names(library, (english, builtins.routines), (exercises, routines))
    problems.extend(builtins.problems)
    replaced: dict[str, Routine] = {}
    if data is not None:
        own = load_routines([(paths.user_routines_dir(data), False)], exercises)
        for routine_id, routine in own.routines.items():
            if routine_id in routines:
                replaced[routine_id] = routines[routine_id]
            routines[routine_id] = routine
        problems.extend(own.problems)
    return Library(exercises, routines, problems, replaced)

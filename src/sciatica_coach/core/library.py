"""Everything a user can pick from: the built-in catalog and routines plus their own routines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sciatica_coach.core import paths
from sciatica_coach.core.catalog import (
    Exercise,
    Problem,
    Routine,
    RoutineError,
    load_catalog,
    load_routines,
)


@dataclass
class Library:
    exercises: dict[str, Exercise]
    routines: dict[str, Routine]
    problems: list[Problem] = field(default_factory=list)

    def find(self, routine_id: str) -> Routine | None:
        return self.routines.get(routine_id)


def load_library(data: Path | None, library: Path | None = None) -> Library:
    """Load built-ins and, with a data folder, the user's ``routines/``; never raises for bad files.

    A broken user file is skipped and reported. A broken built-in catalog is a packaging
    fault, but the app still starts: the user's own routines that define their exercises
    keep working.
    """
    library = library or paths.library_dir()
    problems: list[Problem] = []
    try:
        exercises = load_catalog(library / "exercises.toml", label="library/exercises.toml")
    except RoutineError as error:
        exercises = {}
        problems.extend(error.problems)
    folders = [(library / "routines", True)]
    if data is not None:
        folders.append((paths.user_routines_dir(data), False))
    result = load_routines(folders, exercises)
    return Library(exercises, result.routines, problems + result.problems)

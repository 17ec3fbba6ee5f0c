"""The user's own copy of a routine without some of its exercises.

`without_exercises` leaves exercises out of a routine in memory (a session that skips the
exercises the user chose to hide). `write_copy_without` makes the change last: for a built-in
it writes the user's own copy, with the built-in's id, into their ``routines/`` folder, where
it takes the built-in's place (see `library`); for the user's own routine it edits that file.

Files are edited with tomlkit, so a hand-written file keeps its comments, order and layout:
only the ``[[block]]`` tables of the exercise go. An edited file's previous version is kept
beside it as ``<file>.previous``, written before the file itself is touched; every write is
all or nothing (`outputs`). Nothing is written when the result would have no exercise left,
or when the routine's file cannot be read.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Array, Comment, Table, Whitespace

from sciatica_coach.core import outputs, paths
from sciatica_coach.core.catalog import MAX_ROUTINE_BYTES, Routine
from sciatica_coach.core.safe_read import FileRefused, read_regular_file
from sciatica_coach.core.symptoms import moves_in
from sciatica_coach.core.toml_guard import TomlTooComplex, check_toml_shape
from sciatica_coach.core.words import copy_comment, left_out_comment
from sciatica_coach.i18n import _

PREVIOUS_SUFFIX = ".previous"


def without_exercises(routine: Routine, exercise_ids: Collection[str]) -> Routine:
    """``routine`` without the blocks of ``exercise_ids``; ValueError if none would be left."""
    kept = tuple(b for b in routine.blocks if b.exercise.id not in exercise_ids)
    if not kept:
        raise ValueError(
            _("Leaving those exercises out would leave nothing of {name}.").format(
                name=routine.name
            )
        )
    return replace(routine, blocks=kept)


def marked_exercises(routine: Routine, directions: frozenset[str]) -> frozenset[str]:
    """The exercises of ``routine`` that move the spine in any of ``directions`` (those the
    symptom profile marks), which a user who hides them wants left out of a session."""
    return frozenset(
        b.exercise.id for b in routine.blocks if moves_in(b.exercise.spinal_direction, directions)
    )


def copy_target(routine: Routine, routines_dir: Path) -> Path:
    """The file `write_copy_without` writes: the routine's own file, or for a built-in a new
    file named after its id in the user's routines folder."""
    if routine.builtin:
        return routines_dir / f"{routine.id}.toml"
    if routine.source is None:
        raise ValueError(_("{name} has no file to change.").format(name=routine.name))
    return routine.source


def previous_path(path: Path) -> Path:
    """Where the version before an edit is kept: ``mine.toml.previous``."""
    return path.with_name(path.name + PREVIOUS_SUFFIX)


def write_copy_without(
    routine: Routine,
    exercise_id: str,
    routines_dir: Path,
    library_dir: Path | None = None,
    *,
    today: date,
) -> Path:
    """Write the user's own ``routine`` without ``exercise_id`` and return the file written.

    A built-in is copied from its file to ``routines_dir/<id>.toml`` (with the same id, so the
    copy replaces it), ``library_dir`` saying where built-ins are when the routine does not
    name its file. A user routine's file is edited in place, its old text kept as
    ``<file>.previous``. Raises ValueError, naming the file, when nothing would be left, the
    file is gone or changed beyond use, or a copy is already there; OutputError when the
    disk refuses the write.
    """
    exercise = next((b.exercise for b in routine.blocks if b.exercise.id == exercise_id), None)
    if exercise is None:
        raise ValueError(
            _("{name} has no exercise {exercise_id!r}.").format(
                name=routine.name, exercise_id=exercise_id
            )
        )
    source = _source_of(routine, library_dir)
    target = copy_target(routine, routines_dir)
    if all(b.exercise.id == exercise_id for b in routine.blocks):
        raise ValueError(
            _(
                "{exercise} is all there is in {routine}: leaving it out would leave nothing, so "
                "{target} was not written."
            ).format(exercise=exercise.name, routine=routine.name, target=target)
        )
    text = _read_text(source)
    document = _parse(text, source)
    removed = _drop_blocks(document, exercise_id)
    if removed == 0:
        raise ValueError(
            _("{source} no longer has {name} in it; nothing was written.").format(
                source=source, name=exercise.name
            )
        )
    if routine.builtin:
        header = copy_comment(routine.name, exercise.name, today)
    else:
        header = left_out_comment(exercise.name, today)
    new_text = "".join(f"# {line}\n" for line in header.splitlines()) + document.as_string()
    _check_result(new_text, text, exercise_id, source)
    if routine.builtin:
        if target.exists() or target.is_symlink():
            raise ValueError(
                _("{target} is already there; nothing was written.").format(target=target)
            )
        if not routines_dir.exists():
            paths.ensure_private_dir(routines_dir)
    else:
        if target.is_symlink():
            raise ValueError(
                _(
                    "{target} is a link to another file; the app does not change linked files. "
                    "Take {name} out of it by hand."
                ).format(target=target, name=exercise.name)
            )
        # The old version first: if that cannot be written, the routine is not touched.
        outputs.write_text(previous_path(target), text)
    outputs.write_text(target, new_text)
    return target


def _source_of(routine: Routine, library_dir: Path | None) -> Path:
    if routine.source is not None:
        return routine.source
    if routine.builtin:
        return (library_dir or paths.library_dir()) / "routines" / f"{routine.id}.toml"
    raise ValueError(_("{name} has no file to change.").format(name=routine.name))


def _read_text(source: Path) -> str:
    try:
        raw = read_regular_file(source, MAX_ROUTINE_BYTES)
    except FileRefused as error:
        if not source.exists():
            raise ValueError(
                _("{source} is gone; nothing was written.").format(source=source)
            ) from None
        raise ValueError(
            _("{source} {error}; nothing was written.").format(source=source, error=error)
        ) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(
            _("{source} is no longer UTF-8 text; nothing was written.").format(source=source)
        ) from None


def _parse(text: str, source: Path) -> tomlkit.TOMLDocument:
    try:
        check_toml_shape(text)
        return tomlkit.parse(text)
    except (TomlTooComplex, TOMLKitError) as error:
        message = _("{source} is no longer a routine file ({error}); nothing was written.").format(
            source=source, error=error
        )
        raise ValueError(message) from None


def _drop_blocks(document: tomlkit.TOMLDocument, exercise_id: str) -> int:
    """Remove ``exercise_id``'s blocks from ``document``; the number removed."""
    blocks = document.get("block")
    if isinstance(blocks, AoT):
        return _drop_tables(blocks, exercise_id)
    if isinstance(blocks, Array):  # block = [{ exercise = "..." }, ...]
        doomed = [i for i, item in enumerate(blocks) if _names(item, exercise_id)]
        for index in reversed(doomed):
            del blocks[index]
        return len(doomed)
    return 0


def _drop_tables(blocks: AoT, exercise_id: str) -> int:
    """Remove the ``[[block]]`` tables of ``exercise_id``.

    tomlkit keeps the comments and blank lines written above a table at the end of the table
    before it, so a removed table's trailing lines belong to the one after it: they move to
    the table kept before it (or, for the first, to the start of the next one), and no
    comment outside the removed tables is lost.
    """
    tables = list(blocks)
    doomed = [i for i, table in enumerate(tables) if _names(table, exercise_id)]
    for index in reversed(doomed):
        trailing = take_trailing(tables[index])
        kept_before = [i for i in range(index) if i not in doomed]
        kept_after = [i for i in range(index + 1, len(tables)) if i not in doomed]
        if kept_before:
            body = toml_body(tables[kept_before[-1]])
            if body and isinstance(body[-1][1], Whitespace):
                # One blank line between tables is enough.
                trailing = _without_leading_blanks(trailing)
            body.extend(trailing)
        elif kept_after:
            toml_body(tables[kept_after[0]])[0:0] = trailing
        del blocks[index]
    return len(doomed)


def _names(item: Any, exercise_id: str) -> bool:
    return isinstance(item, dict) and item.get("exercise") == exercise_id


def toml_body(container: tomlkit.TOMLDocument | Table) -> list[tuple[Any, Any]]:
    """The (key, item) lines of a document or table, comments and blank lines included,
    for moving comments along with the block they belong to."""
    inner: Container = container if isinstance(container, Container) else container.value
    return inner.body


def take_trailing(table: Table) -> list[tuple[Any, Any]]:
    """Cut the comments and blank lines after ``table``'s last value out of it."""
    body = toml_body(table)
    cut = len(body)
    while (
        cut > 0 and body[cut - 1][0] is None and isinstance(body[cut - 1][1], Comment | Whitespace)
    ):
        cut -= 1
    trailing = body[cut:]
    del body[cut:]
    return trailing


def _without_leading_blanks(lines: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    start = 0
    while start < len(lines) and isinstance(lines[start][1], Whitespace):
        start += 1
    return lines[start:]


def _check_result(new_text: str, old_text: str, exercise_id: str, source: Path) -> None:
    """Before anything is written: the edited text must read as the old one without the
    blocks of ``exercise_id``, and nothing else changed."""
    try:
        old = tomllib.loads(old_text)
        new = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as error:
        message = _("{source} could not be edited safely ({error}); nothing was written.").format(
            source=source, error=error
        )
        raise ValueError(message) from None
    kept = [b for b in old.pop("block", []) if not _names(b, exercise_id)]
    if new.pop("block", []) != kept or old != new:
        raise ValueError(
            _("{source} could not be edited safely; nothing was written.").format(source=source)
        )

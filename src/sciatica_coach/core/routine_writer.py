"""Routines the user makes or changes in the app, saved as TOML a person can still edit.

A `RoutineDraft` is a routine as its file says it: the routine's own fields, its
``[prescription]``, its ``[[block]]`` list (each block the fields the routine sets over the
exercise's own dose) and anything else the file holds (``[[exercise]]`` tables of its own),
kept as it was. `check_draft` reads a draft with the same reader as the app and
``sciatica-coach check``, so the editor shows exactly their problems.

Saving edits the file it came from with tomlkit: comments, blank lines and the order of what
is left stay as they were; a comment above a block moves with the block. The new text is read
back before anything is written and must mean exactly the draft; if tomlkit could not manage
that, a tidy new text is written instead. The previous version is kept beside the file as
``<file>.previous`` (written first: if that fails, the routine is not touched), and every
write is all or nothing and private (`outputs`). Deleting a routine moves its file aside to
``<file>.deleted``, so the delete can be undone.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Comment, Item, Table, Whitespace

from sciatica_coach.core import outputs, paths
from sciatica_coach.core.catalog import (
    DOSE_FIELDS,
    MAX_ROUTINE_BYTES,
    PRESCRIPTION_ORDER,
    ROUTINE_ID,
    ROUTINE_TOP_FIELDS,
    Exercise,
    Problem,
    Routine,
    RoutineError,
    parse_routine,
)
from sciatica_coach.core.routine_copy import previous_path, take_trailing, toml_body
from sciatica_coach.core.safe_read import FileRefused, read_regular_file
from sciatica_coach.core.toml_guard import TomlTooComplex, check_toml_shape
from sciatica_coach.i18n import _

DELETED_SUFFIX = ".deleted"
MAX_ID = 64


@dataclass
class DraftBlock:
    """One exercise of a draft: its id and the dose fields the routine sets for it."""

    exercise: str
    dose: dict[str, Any] = field(default_factory=dict)
    # Which [[block]] table of the file this block was read from, so its comments stay.
    origin: int | None = None


@dataclass
class RoutineDraft:
    """A routine being made or changed; ``path`` is the file it saves to, ``loaded_from``
    the file its ``text`` was read from (None for a new routine or a built-in's copy)."""

    fields: dict[str, Any]
    blocks: list[DraftBlock]
    prescription: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    text: str | None = None
    path: Path | None = None
    loaded_from: Path | None = None

    @property
    def routine_id(self) -> str:
        value = self.fields.get("id")
        return value if isinstance(value, str) else ""

    def document(self) -> dict[str, Any]:
        """The draft as the TOML document its file holds, as `tomllib` would read it."""
        document: dict[str, Any] = {k: v for k, v in self.fields.items() if v is not None}
        if self.prescription:
            document["prescription"] = dict(self.prescription)
        if self.blocks:
            document["block"] = [{"exercise": b.exercise, **b.dose} for b in self.blocks]
        for key, value in self.extra.items():
            document[key] = deepcopy(value)
        return document


# --- making drafts ---------------------------------------------------------------------------


def new_draft(routine_id: str, name: str, routines_dir: Path) -> RoutineDraft:
    """An empty routine of the user's own, to be saved as ``routines_dir/<id>.toml``."""
    fields: dict[str, Any] = {"id": routine_id, "name": name, "level": 1}
    return RoutineDraft(fields=fields, blocks=[], path=routines_dir / f"{routine_id}.toml")


def draft_from_text(text: str, *, path: Path | None = None) -> RoutineDraft:
    """The draft a routine file's ``text`` holds; ValueError if it is not TOML."""
    try:
        check_toml_shape(text)
        document = tomllib.loads(text)
    except (TomlTooComplex, tomllib.TOMLDecodeError) as error:
        if path is None:
            message = _("The file is not a routine file ({error}).").format(error=error)
        else:
            message = _("{path} is not a routine file ({error}).").format(path=path, error=error)
        raise ValueError(message) from None
    fields = {k: document.pop(k) for k in ROUTINE_TOP_FIELDS if k in document}
    prescription = document.pop("prescription", None)
    raw_blocks = document.pop("block", [])
    blocks: list[DraftBlock] = []
    if isinstance(raw_blocks, list):
        for index, table in enumerate(raw_blocks):
            if isinstance(table, dict):
                dose = {k: v for k, v in table.items() if k != "exercise"}
                blocks.append(DraftBlock(str(table.get("exercise", "")), dose, index))
    else:
        document["block"] = raw_blocks  # kept, so the check reports it
    if prescription is not None and not isinstance(prescription, dict):
        document["prescription"] = prescription
        prescription = None
    return RoutineDraft(
        fields=fields,
        blocks=blocks,
        prescription=prescription,
        extra=document,
        text=text,
        path=path,
        loaded_from=path,
    )


def read_routine_text(path: Path) -> str:
    """A routine file's text; ValueError naming the file if it cannot be read."""
    try:
        raw = read_regular_file(path, MAX_ROUTINE_BYTES)
    except FileRefused as error:
        raise ValueError(_("{path} {error}.").format(path=path, error=error)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError(_("{path} is not UTF-8 text.").format(path=path)) from None


def draft_from_routine(
    routine: Routine, routines_dir: Path, library_dir: Path | None = None
) -> RoutineDraft:
    """A draft of ``routine`` read from its file. A built-in's draft saves as the user's own
    copy, ``routines_dir/<id>.toml``, which then takes the built-in's place."""
    source = routine.source
    if source is None and routine.builtin:
        source = (library_dir or paths.library_dir()) / "routines" / f"{routine.id}.toml"
    if source is None:
        raise ValueError(_("{name} has no file to change.").format(name=routine.name))
    draft = draft_from_text(read_routine_text(source), path=source)
    if routine.builtin:
        draft.path = routines_dir / f"{routine.id}.toml"
        draft.loaded_from = None
    return draft


def duplicate_draft(draft: RoutineDraft, taken: Iterable[str], routines_dir: Path) -> RoutineDraft:
    """A copy of ``draft`` under a new id and name ("… (copy)"), saved as a new file; the
    text it came from comes too, so its comments are kept."""
    copy = deepcopy(draft)
    new_id = unique_id(f"{draft.routine_id or 'routine'}-copy", taken, routines_dir)
    name = str(draft.fields.get("name") or _("Routine"))
    copy.fields["id"] = new_id
    copy.fields["name"] = _("{name} (copy)").format(name=name)[:60]
    copy.path = routines_dir / f"{new_id}.toml"
    copy.loaded_from = None
    return copy


def unique_id(base: str, taken: Iterable[str], routines_dir: Path | None = None) -> str:
    """A routine id like ``base``, used by no routine in ``taken`` and by no file in
    ``routines_dir``: ``base``, then ``base-2``, ``base-3``…"""
    stem = re.sub(r"[^a-z0-9-]+", "-", base.lower()).strip("-") or "routine"
    if not stem[0].isalpha():
        stem = f"r-{stem}"
    stem = stem[: MAX_ID - 4].rstrip("-")
    used = set(taken)

    def free(candidate: str) -> bool:
        if candidate in used:
            return False
        return routines_dir is None or not os.path.lexists(routines_dir / f"{candidate}.toml")

    number = 1
    candidate = stem
    while not free(candidate):
        number += 1
        candidate = f"{stem}-{number}"
    assert ROUTINE_ID.fullmatch(candidate), candidate
    return candidate


def id_from_name(name: str) -> str:
    """``"Morning stretch"`` gives ``morning-stretch``."""
    return unique_id(name, ())


# --- checking --------------------------------------------------------------------------------


def check_draft(
    draft: RoutineDraft,
    catalog: Mapping[str, Exercise],
    others: Mapping[str, Routine] | None = None,
) -> tuple[Routine | None, list[Problem]]:
    """The routine the draft makes, or None, and every problem with it: those
    ``sciatica-coach check`` reports, and an id another of the user's files already uses."""
    label = draft.path.name if draft.path else _("new routine")
    problems: list[Problem] = []
    routine: Routine | None = None
    try:
        routine = parse_routine(draft.document(), catalog, label=label, source=draft.path)
    except RoutineError as error:
        problems.extend(error.problems)
    other = (others or {}).get(draft.routine_id)
    if (
        other is not None
        and not other.builtin
        and other.source is not None
        and other.source != draft.path
    ):
        message = _("id is already used by {other}; choose another").format(other=other.source.name)
        item = _("routine '{id}'").format(id=draft.routine_id)
        problems.append(Problem(label, item, "id", message))
        routine = None
    return routine, problems


# --- writing ---------------------------------------------------------------------------------


def routine_text(draft: RoutineDraft) -> str:
    """The text to save: the file it came from with the draft's changes, or a tidy new file.

    Raises ValueError if no text means the draft (which a draft that checks never hits).
    """
    wanted = draft.document()
    if draft.text is not None:
        try:
            edited = _edited_text(draft)
        except (TOMLKitError, TomlTooComplex, ValueError, KeyError, TypeError, IndexError):
            edited = None
        if edited is not None and _means(edited, wanted):
            return edited
    tidy = tidy_text(wanted)
    if not _means(tidy, wanted):
        raise ValueError(_("The routine could not be written as TOML; nothing was saved."))
    return tidy


def _link_refused(path: Path) -> str:
    return _("{path} is a link to another file; the app does not change it.").format(path=path)


def save_draft(
    draft: RoutineDraft,
    catalog: Mapping[str, Exercise],
    others: Mapping[str, Routine] | None = None,
) -> Path:
    """Check the draft and write its file; the path written.

    Raises RoutineError with the problems when the draft does not check, ValueError when
    its file is a link or another routine's file is in the way, and OutputError when the
    disk refuses (the file then is as it was, and so is its ``.previous``).
    """
    routine, problems = check_draft(draft, catalog, others)
    if routine is None:
        raise RoutineError(problems)
    target = draft.path
    if target is None:
        raise ValueError(_("The routine has no file name yet."))
    text = routine_text(draft)
    if target.is_symlink():
        raise ValueError(_link_refused(target))
    if os.path.lexists(target) and target != draft.loaded_from:
        message = _("{path} is already there and is another routine; nothing was saved.")
        raise ValueError(message.format(path=target))
    if not target.parent.exists():
        paths.ensure_private_dir(target.parent)
    if os.path.lexists(target):
        # The old version first: if that cannot be written, the routine is not touched.
        outputs.write_text(previous_path(target), read_routine_text(target))
    outputs.write_text(target, text)
    draft.text = text
    draft.loaded_from = target
    for index, block in enumerate(draft.blocks):
        block.origin = index
    return target


def deleted_path(path: Path) -> Path:
    """Where a deleted routine's file waits, so the delete can be undone."""
    return path.with_name(path.name + DELETED_SUFFIX)


def delete_routine_file(path: Path) -> Path:
    """Move the routine's file aside (``<file>.deleted``); the path it now has.

    Raises ValueError for a link or a file that is gone, OSError if the disk refuses."""
    if path.is_symlink() or not path.is_file():
        raise ValueError(_("{path} is not a routine file the app can delete.").format(path=path))
    aside = deleted_path(path)
    os.replace(path, aside)
    return aside


def restore_routine_file(path: Path) -> None:
    """Undo `delete_routine_file`; ValueError if another file has taken its name since."""
    if os.path.lexists(path):
        message = _("{path} is there again, so the deleted routine was left aside.")
        raise ValueError(message.format(path=path))
    os.replace(deleted_path(path), path)


def _means(text: str, wanted: Mapping[str, Any]) -> bool:
    try:
        return tomllib.loads(text) == wanted
    except tomllib.TOMLDecodeError:
        return False


def tidy_text(document: Mapping[str, Any]) -> str:
    """A routine file laid out as the built-ins are: the routine's fields, a blank line, the
    prescription, then each block and each exercise of its own with a blank line before."""
    lines = [_line(k, document[k]) for k in ROUTINE_TOP_FIELDS if k in document]
    lines += [
        _line(k, v) for k, v in document.items() if k not in ROUTINE_TOP_FIELDS and _scalar(v)
    ]
    prescription = document.get("prescription")
    if isinstance(prescription, dict):
        lines += ["", "[prescription]"]
        ordered = [k for k in PRESCRIPTION_ORDER if k in prescription]
        ordered += [k for k in prescription if k not in PRESCRIPTION_ORDER]
        lines += [_line(k, prescription[k]) for k in ordered]
    for key, value in document.items():
        if key in ROUTINE_TOP_FIELDS or key == "prescription" or _scalar(value):
            continue
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            for table in value:
                lines += ["", f"[[{key}]]"]
                order = ["exercise", "id", *DOSE_FIELDS]
                keys = [k for k in order if k in table] + [k for k in table if k not in order]
                lines += [_line(k, table[k]) for k in keys]
        else:
            lines += ["", tomlkit.dumps({key: value}).rstrip("\n")]
    return "\n".join(lines) + "\n"


def _scalar(value: object) -> bool:
    if isinstance(value, dict):
        return False
    return not (isinstance(value, list) and value and all(isinstance(v, dict) for v in value))


def _line(key: str, value: object) -> str:
    return tomlkit.dumps({key: _whole(value)}).rstrip("\n")


def _whole(value: object) -> object:
    """20.0 is written 20, as a person would."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# --- editing a file in place -----------------------------------------------------------------


def _edited_text(draft: RoutineDraft) -> str:
    """The draft's file text with only what changed changed, comments kept."""
    assert draft.text is not None
    document = tomlkit.parse(draft.text)
    body = toml_body(document)
    first_run = _run_before(body, "block") if "block" in document else []
    added_top = _update_fields(document, draft.fields, ROUTINE_TOP_FIELDS)
    prescription_added = _update_prescription(document, draft.prescription)
    first_header = _update_blocks(document, draft.blocks, first_run)
    # Moving lines about leaves tomlkit's index of keys behind: every lookup comes first.
    if first_header is not None:
        body[:] = [entry for entry in body if not any(entry is line for line in first_run)]
    _tidy_added_keys(body, added_top)
    if prescription_added:
        _move_before_first_table(body, "prescription")
    if first_header is not None:
        index = next(
            i for i, (key, _) in enumerate(body) if key is not None and str(key) == "block"
        )
        body[index:index] = first_header
    return document.as_string()


def _update_fields(
    container: tomlkit.TOMLDocument | Table, wanted: Mapping[str, Any], known: Iterable[str]
) -> list[str]:
    """Set, change or remove each of ``known`` in ``container``; the keys added."""
    added: list[str] = []
    for key in known:
        value = wanted.get(key)
        present = key in container
        if value is None:
            if present:
                del container[key]
        elif not present:
            container[key] = _whole(value)
            added.append(key)
        elif container[key] != value or type(_plain(container[key])) is not type(value):
            container[key] = _whole(value)
    return added


def _plain(item: object) -> object:
    unwrap = getattr(item, "unwrap", None)
    return unwrap() if callable(unwrap) else item


def _update_prescription(document: tomlkit.TOMLDocument, wanted: Mapping[str, Any] | None) -> bool:
    """Bring ``[prescription]`` in line with ``wanted``; True when the table is new."""
    if not wanted:
        if "prescription" in document:
            del document["prescription"]
        return False
    table = document.get("prescription")
    if isinstance(table, Table):
        trailing = take_trailing(table)
        keys = [*PRESCRIPTION_ORDER, *(k for k in table if k not in PRESCRIPTION_ORDER)]
        _update_fields(table, wanted, keys)
        for key in wanted:
            if key not in table:
                table[key] = wanted[key]
        toml_body(table).extend(trailing)
        return False
    fresh = tomlkit.table()
    for key in [*PRESCRIPTION_ORDER, *(k for k in wanted if k not in PRESCRIPTION_ORDER)]:
        if key in wanted:
            fresh[key] = _whole(wanted[key])
    document["prescription"] = fresh
    return True


def _update_blocks(
    document: tomlkit.TOMLDocument, blocks: list[DraftBlock], first_above: list[Any]
) -> list[Any] | None:
    """Make the ``[[block]]`` tables say ``blocks``: a block read from the file keeps its
    table and the comments above it, changed field by field; a new block gets a table.

    tomlkit keeps what is written above a table at the end of the table before it (above
    the first, in the document before the list): each table's lines are taken off and put
    back above it in its new place. Returns the lines for above the first table (the
    caller puts them there, once every lookup is done), None when there is no list left.
    """
    existing = document.get("block")
    if existing is None:
        if not blocks:
            return None
        aot = tomlkit.aot()
        for block in blocks:
            aot.append(_new_block_table(block))
        document["block"] = aot
        return [(None, Whitespace("\n"))]
    if not isinstance(existing, AoT):
        raise ValueError(_("blocks are not [[block]] tables"))
    old = list(existing)
    above = [first_above] + [take_trailing(old[i - 1]) for i in range(1, len(old))]
    tail = take_trailing(old[-1]) if old else []
    kept: list[tuple[Table, list[Any]]] = []
    used: set[int] = set()
    for block in blocks:
        if block.origin is not None and 0 <= block.origin < len(old) and block.origin not in used:
            used.add(block.origin)
            table = old[block.origin]
            _update_fields(table, {"exercise": block.exercise}, ("exercise",))
            keys = [*DOSE_FIELDS, *(k for k in table if k not in DOSE_FIELDS and k != "exercise")]
            _update_fields(table, block.dose, keys)
            for key, value in block.dose.items():
                if key not in table:
                    table[key] = _whole(value)
            kept.append((table, list(above[block.origin])))
        else:
            kept.append((_new_block_table(block), [(None, Whitespace("\n"))]))
    # The comments above a removed block are not lost: they go below the last block.
    orphans = [
        line
        for i, lines in enumerate(above)
        if i not in used
        for line in lines
        if isinstance(line[1], Comment)
    ]
    if not kept:
        del document["block"]
        return None
    aot = tomlkit.aot()
    for index, (table, _lines) in enumerate(kept):
        if index > 0:
            toml_body(kept[index - 1][0]).extend(kept[index][1])
        indent = table.trivia.indent
        aot.append(table)
        table.trivia.indent = indent  # a new list adds a line break above each table
    last = toml_body(kept[-1][0])
    if orphans:
        last.extend([(None, Whitespace("\n")), *orphans])
    last.extend(tail)
    document["block"] = aot
    return kept[0][1]


def _new_block_table(block: DraftBlock) -> Table:
    table = tomlkit.table()
    table["exercise"] = block.exercise
    for key in [*DOSE_FIELDS, *(k for k in block.dose if k not in DOSE_FIELDS)]:
        if key in block.dose:
            table[key] = _whole(block.dose[key])
    return table


def _run_before(body: list[tuple[Any, Any]], name: str) -> list[Any]:
    """The comments and blank lines just above the table ``name`` in ``body``."""
    index = next((i for i, (key, _) in enumerate(body) if key is not None and str(key) == name), 0)
    start = index
    while start > 0 and body[start - 1][0] is None:
        start -= 1
    return body[start:index]


def _is_table(item: Item) -> bool:
    return isinstance(item, Table | AoT)


def _tidy_added_keys(body: list[tuple[Any, Any]], added: list[str]) -> None:
    """tomlkit adds a new key just above the first table, after any comment written above
    that table: move such comments and blank lines below the added keys."""
    if not added:
        return
    names = set(added)
    positions = [i for i, (key, _) in enumerate(body) if key is not None and str(key) in names]
    first, last = positions[0], positions[-1]
    start = first
    while start > 0 and body[start - 1][0] is None:
        start -= 1
    loose = body[start:first]
    moved = body[first : last + 1]
    body[start : last + 1] = moved + loose


def _move_before_first_table(body: list[tuple[Any, Any]], name: str) -> None:
    """Put the table ``name`` just before the first other table, after a blank line."""
    index = next(i for i, (key, _) in enumerate(body) if key is not None and str(key) == name)
    entry = body.pop(index)
    entry[1].trivia.indent = ""  # the blank line above it is ours
    first = next(
        (i for i, (key, item) in enumerate(body) if key is not None and _is_table(item)), len(body)
    )
    # Before the comments that belong to that first table.
    while first > 0 and body[first - 1][0] is None:
        first -= 1
    body[first:first] = [(None, Whitespace("\n")), entry]


def prescription_from_fields(
    prescribed_by: str = "",
    contact: str = "",
    given: date | None = None,
    review: date | None = None,
    affected_side: str = "",
    side_only: bool = False,
    sessions_per_week: int | None = None,
    notes: str = "",
) -> dict[str, Any] | None:
    """The ``[prescription]`` table for what an editor's fields say; None when all are blank."""
    table: dict[str, Any] = {}
    for key, value in (
        ("prescribed_by", prescribed_by.strip()),
        ("contact", contact.strip()),
        ("date", given),
        ("review_date", review),
        ("affected_side", affected_side),
        ("affected_side_only", side_only or None),
        ("sessions_per_week", sessions_per_week),
        ("notes", notes.strip()),
    ):
        if value not in (None, ""):
            table[key] = value
    return table or None


def import_routine_file(
    source: Path,
    routines_dir: Path,
    catalog: Mapping[str, Exercise],
    *,
    replace: bool = False,
) -> Path:
    """Copy a routine file someone sent (a clinician's) into ``routines_dir`` as
    ``<id>.toml``; the path written.

    The file is read as text only (a regular file, size-limited) and checked as if it were
    already in place, so any picture it names must be in ``routines_dir``. Nothing in it is
    run or followed. Raises RoutineError with its problems, ValueError if it cannot be read,
    FileExistsError when a routine file of that id is there and ``replace`` is False (with
    ``replace`` the old file is kept as ``.previous``), OutputError if the disk refuses.
    """
    text = read_routine_text(source)
    try:
        check_toml_shape(text)
        document = tomllib.loads(text)
    except (TomlTooComplex, tomllib.TOMLDecodeError) as error:
        message = _("is not valid TOML: {error}").format(error=error)
        problem = Problem(source.name, None, None, message)
        raise RoutineError([problem]) from None
    raw_id = document.get("id")
    name = f"{raw_id}.toml" if isinstance(raw_id, str) and ROUTINE_ID.fullmatch(raw_id) else ""
    target = routines_dir / (name or "imported.toml")
    parse_routine(document, catalog, label=source.name, source=target)
    if target.is_symlink():
        raise ValueError(_link_refused(target))
    if target.exists():
        if not replace:
            raise FileExistsError(target)
        outputs.write_text(previous_path(target), read_routine_text(target))
    if not routines_dir.exists():
        paths.ensure_private_dir(routines_dir)
    outputs.write_text(target, text)
    return target

"""Exercises and routines: load the TOML files, check every field, explain every problem.

Loading never stops at the first mistake: each problem is reported with the file, the item
and the field, and a file with problems is skipped as a whole so the app still starts. Nothing
in a file can stop or stall loading: files are read with `safe_read` (regular files only, at
most MAX_ROUTINE_BYTES), their shape is checked with `toml_guard` before parsing, pictures with
`pictures`, and any other exception becomes a listed problem too.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sciatica_coach.core.pictures import PictureError, read_picture, resolve_picture_path
from sciatica_coach.core.safe_read import FileRefused, read_regular_file
from sciatica_coach.core.toml_guard import TomlTooComplex, check_toml_shape
from sciatica_coach.i18n import N_, _

GROUPS = ("mobility", "core", "strength", "balance")
POSITIONS = (  # i18n: not words (the TOML values a file writes)
    "lying on back",
    "lying on front",
    "side-lying",
    "hands and knees",
    "kneeling",
    "seated",
    "standing",
)
MODES = ("hold", "reps")
SIDES = ("none", "both", "alternating")
# "neural": the movement mainly tensions or glides the sciatic nerve (nerve glides, a hip
# bent with the knee straight), which matters more for an irritable leg than the spine's way.
SPINAL_DIRECTIONS = (
    "neutral",
    "flexion",
    "extension",
    "rotation",
    "flexion_and_extension",
    "neural",
)
# The whole built-in catalog of 33 exercises is 28 KiB; a routine that defines its own
# exercises with every text field at its longest is still under 100 KiB. 256 KiB is far above
# anything written by hand and small enough to read and parse in a fraction of a second.
MAX_ROUTINE_BYTES = 256 * 1024

EXERCISE_ID = re.compile(r"[a-z][a-z0-9_]{0,63}")
ROUTINE_ID = re.compile(r"[a-z][a-z0-9-]{0,63}")

DOSE_FIELDS = ("hold", "reps", "tempo", "sets", "rest", "rest_after", "sides")
EXERCISE_FIELDS = frozenset(
    {
        "id",
        "name",
        "group",
        "position",
        "mode",
        *DOSE_FIELDS,
        "level",
        "spinal_direction",
        "equipment",
        "cues",
        "cautions",
        "easier",
        "harder",
        "illustration",
        "image",
    }
)
# A routine's own fields and its prescription's, in the order a saved file lists them.
ROUTINE_TOP_FIELDS = (
    "id",
    "name",
    "level",
    "target_minutes",
    "description",
    "who_for",
    "not_for",
    "prepare",
    "switch",
)
PRESCRIPTION_ORDER = (
    "prescribed_by",
    "contact",
    "date",
    "review_date",
    "affected_side",
    "affected_side_only",
    "sessions_per_week",
    "notes",
)
ROUTINE_FIELDS = frozenset({*ROUTINE_TOP_FIELDS, "block", "exercise", "prescription"})
PRESCRIPTION_FIELDS = frozenset(PRESCRIPTION_ORDER)
AFFECTED_SIDES = ("left", "right", "both")
BLOCK_FIELDS = frozenset({"exercise", *DOSE_FIELDS})


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, worded so the user can find and fix it."""

    file: str
    item: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.item:
            where += f": {self.item}"
        return f"{where}: {self.message}"


class RoutineError(Exception):
    """A routine or exercise file that cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Dose:
    """How much of an exercise: a timed hold or repetitions, in sets, on one side or both."""

    mode: str
    hold: float | None
    reps: int | None
    tempo: float | None
    sets: int
    rest: float
    rest_after: float
    sides: str

    @property
    def self_paced(self) -> bool:
        return self.mode == "reps" and self.tempo is None


@dataclass(frozen=True)
class Exercise:
    id: str
    name: str
    group: str
    position: str
    dose: Dose
    level: int
    spinal_direction: str
    equipment: tuple[str, ...]
    cues: tuple[str, ...]
    cautions: tuple[str, ...]
    easier: str | None = None
    harder: str | None = None
    illustration: str | None = None
    image: Path | None = None


@dataclass(frozen=True)
class Block:
    """One exercise inside a routine, with the routine's own dose."""

    exercise: Exercise
    dose: Dose


@dataclass(frozen=True)
class Prescription:
    """What a clinician wrote on a routine they gave: who, how to reach them, when, when to
    review it, which leg, and how often. Every field is optional.

    ``affected_side`` is the leg with the symptoms: an exercise done on both sides starts on
    that side, and with ``affected_side_only`` it is done on that side alone.
    """

    prescribed_by: str = ""
    contact: str = ""
    given_on: date | None = None
    review_date: date | None = None
    affected_side: str | None = None
    affected_side_only: bool = False
    sessions_per_week: int | None = None
    notes: str = ""

    def review_passed(self, today: date) -> bool:
        """True once ``today`` is after the review date."""
        return self.review_date is not None and today > self.review_date


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    level: int
    target_minutes: float | None
    description: str
    blocks: tuple[Block, ...]
    prepare_seconds: float = 10.0
    switch_seconds: float = 5.0
    source: Path | None = None
    builtin: bool = False
    who_for: str = ""
    not_for: str = ""
    prescription: Prescription | None = None


@dataclass
class LoadResult:
    """Routines that loaded, and the problems of the files that did not."""

    routines: dict[str, Routine] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


_MISSING = object()


class _Checker:
    """Reads fields out of one TOML table, noting a problem for each bad one."""

    def __init__(self, file: str, item: str | None, table: Mapping[str, Any]) -> None:
        self.file = file
        self.item = item
        self.table = table
        self.problems: list[Problem] = []

    def problem(self, name: str | None, message: str) -> None:
        self.problems.append(Problem(self.file, self.item, name, message))

    def unknown_fields(self, allowed: frozenset[str]) -> None:
        for name in sorted(set(self.table) - allowed):
            message = _("unknown field '{name}' (allowed: {allowed})")
            self.problem(name, message.format(name=name, allowed=", ".join(sorted(allowed))))

    def _get(self, name: str, required: bool) -> Any:
        value = self.table.get(name, _MISSING)
        if value is _MISSING and required:
            self.problem(name, _("missing required field '{name}'").format(name=name))
        return value

    def text(self, name: str, *, required: bool = True, max_length: int = 400) -> str | None:
        value = self._get(name, required)
        if value is _MISSING:
            return None
        if not isinstance(value, str) or not value.strip():
            message = _("{name} must be non-empty text, got {value}")
            self.problem(name, message.format(name=name, value=_show(value)))
            return None
        if len(value) > max_length:
            message = _("{name} must be at most {max_length} characters, got {length}")
            self.problem(name, message.format(name=name, max_length=max_length, length=len(value)))
            return None
        return value.strip()

    def choice(
        self, name: str, options: Sequence[str], *, default: str | None = None
    ) -> str | None:
        value = self._get(name, default is None)
        if value is _MISSING:
            return default
        if value not in options:
            allowed = ", ".join(f'"{o}"' for o in options)
            message = _("{name} must be one of {allowed}, got {value}")
            self.problem(name, message.format(name=name, allowed=allowed, value=_show(value)))
            return None
        return str(value)

    def number(
        self,
        name: str,
        low: float,
        high: float,
        *,
        unit: str,
        integer: bool = False,
        required: bool = False,
        default: float | None = None,
    ) -> float | None:
        value = self._get(name, required)
        if value is _MISSING:
            return default
        if integer:
            wrong = _("{name} must be a whole number of {unit}, got {value}")
        else:
            wrong = _("{name} must be a positive number of {unit}, got {value}")
        shown = {"name": name, "unit": _(unit), "value": _show(value)}
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        if not is_number or (integer and not isinstance(value, int)) or value != value:
            self.problem(name, wrong.format(**shown))
            return None
        if not low <= value <= high:
            if value <= 0 < low:
                self.problem(name, wrong.format(**shown))
            else:
                span = _("{name} must be from {low} to {high} {unit}, got {value}")
                self.problem(name, span.format(low=_show(low), high=_show(high), **shown))
            return None
        return float(value)

    def day(self, name: str) -> date | None:
        """A date written as a TOML date (``2024-05-01``) or as that text in quotes."""
        # equivalent mutant: None and False are both false here
        value = self._get(name, False)
        if value is _MISSING:
            return None
        if isinstance(value, date) and not isinstance(value, datetime):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        message = _("{name} must be a date like 2024-05-31, got {value}")
        self.problem(name, message.format(name=name, value=_show(value)))
        return None

    def flag(self, name: str) -> bool | None:
        # equivalent mutant: None and False are both false here
        value = self._get(name, False)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            message = _("{name} must be true or false, got {value}")
            self.problem(name, message.format(name=name, value=_show(value)))
            return None
        return value

    def text_list(self, name: str, *, min_items: int, max_items: int) -> tuple[str, ...] | None:
        value = self._get(name, min_items > 0)
        if value is _MISSING:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            message = _("{name} must be a list of non-empty text lines, got {value}")
            self.problem(name, message.format(name=name, value=_show(value)))
            return None
        if not min_items <= len(value) <= max_items:
            message = _("{name} must have from {low} to {high} lines, got {count}")
            low, high = _show(min_items), _show(max_items)
            self.problem(name, message.format(name=name, low=low, high=high, count=len(value)))
            return None
        return tuple(v.strip() for v in value)


def _show(value: object) -> str:
    if value is _MISSING:
        return _("nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 40 else f'"{value[:37]}..."'
    if isinstance(value, list | dict):
        return _("a list") if isinstance(value, list) else _("a table")
    return str(value)


def _read_dose(check: _Checker, base: Dose | None) -> Dose | None:
    """Dose fields from a table; with ``base`` the table overrides it (a routine block)."""
    mode = base.mode if base else check.choice("mode", MODES)
    if mode is None:
        return None
    before = len(check.problems)
    hold = check.number(
        "hold", 1, 300, unit=N_("seconds"), required=base is None and mode == "hold"
    )
    # equivalent mutant: None and False are both false here
    reps = check.number("reps", 1, 50, unit=N_("repetitions"), integer=True, required=False)
    tempo = check.number("tempo", 1, 60, unit=N_("seconds per repetition"))
    sets = check.number("sets", 1, 10, unit=N_("sets"), integer=True)
    rest = check.number("rest", 0, 600, unit=N_("seconds"))
    rest_after = check.number("rest_after", 0, 600, unit=N_("seconds"))
    sides = check.choice("sides", SIDES, default=base.sides if base else "none")
    if mode == "hold":
        for name in ("reps", "tempo"):
            if name in check.table:
                message = _('{name} is only for mode = "reps"; this exercise is a hold')
                check.problem(name, message.format(name=name))
    else:
        if "hold" in check.table:
            check.problem("hold", _('hold is only for mode = "hold"; this exercise counts reps'))
        if base is None and "reps" not in check.table:
            check.problem("reps", _("missing required field '{name}'").format(name="reps"))
    # equivalent mutant: with a problem noted, every caller drops the dose
    if len(check.problems) > before or sides is None:
        return None
    if base is None:
        return Dose(
            mode=mode,
            hold=hold,
            reps=None if reps is None else int(reps),
            tempo=tempo,
            sets=int(sets or 1),
            rest=15.0 if rest is None else rest,
            rest_after=20.0 if rest_after is None else rest_after,
            sides=sides,
        )
    return replace(
        base,
        hold=base.hold if hold is None else hold,
        reps=base.reps if reps is None else int(reps),
        tempo=base.tempo if tempo is None else tempo,
        sets=base.sets if sets is None else int(sets),
        rest=base.rest if rest is None else rest,
        rest_after=base.rest_after if rest_after is None else rest_after,
        sides=sides,
    )


def _read_exercise(
    table: object, file: str, index: int, image_root: Path | None
) -> tuple[Exercise | None, list[Problem]]:
    if not isinstance(table, dict):
        return None, [Problem(file, _exercise_number(index), None, _("must be a table"))]
    raw_id = table.get("id")
    label = _exercise_label(raw_id) if isinstance(raw_id, str) else _exercise_number(index)
    check = _Checker(file, label, table)
    check.unknown_fields(EXERCISE_FIELDS)
    ex_id = check.text("id", max_length=64)
    if ex_id is not None and not EXERCISE_ID.fullmatch(ex_id):
        message = _("id must be lower-case letters, digits and _, got {value}")
        check.problem("id", message.format(value=_show(ex_id)))
    name = check.text("name", max_length=60)
    group = check.choice("group", GROUPS)
    position = check.choice("position", POSITIONS)
    dose = _read_dose(check, None)
    level = check.number(
        "level", 1, 3, unit=N_("(1 gentle to 3 demanding)"), integer=True, default=1
    )
    spine = check.choice("spinal_direction", SPINAL_DIRECTIONS, default="neutral")
    equipment = check.text_list("equipment", min_items=0, max_items=8)
    cues = check.text_list("cues", min_items=1, max_items=5)
    cautions = check.text_list("cautions", min_items=0, max_items=5)
    # equivalent mutant: None and False are both false here
    easier = check.text("easier", required=False)
    # equivalent mutant: None and False are both false here
    harder = check.text("harder", required=False)
    # equivalent mutant: None and False are both false here
    illustration = check.text("illustration", required=False, max_length=64)
    image = _read_image(check, image_root)
    if check.problems:
        return None, check.problems
    # equivalent mutant: reached only with no problem noted, when every value is set
    assert ex_id and name and group and position and dose and spine and level is not None
    # equivalent mutant: reached only with no problem noted, when every value is set
    assert equipment is not None and cues is not None and cautions is not None
    exercise = Exercise(
        id=ex_id,
        name=name,
        group=group,
        position=position,
        dose=dose,
        level=int(level),
        spinal_direction=spine,
        equipment=equipment,
        cues=cues,
        cautions=cautions,
        easier=easier,
        harder=harder,
        illustration=illustration or (None if image else ex_id),
        image=image,
    )
    return exercise, []


def _read_image(check: _Checker, image_root: Path | None) -> Path | None:
    """A user picture must follow the `pictures` path rules and pass its safety rules;
    built-ins use illustrations."""
    relative = check.text("image", required=False, max_length=300)
    if relative is None:
        return None
    if image_root is None:
        message = _("image is only for your own routines; built-ins use illustrations")
        check.problem("image", message)
        return None
    try:
        resolved = resolve_picture_path(image_root, relative)
    except PictureError as error:
        check.problem("image", _("image {error}").format(error=error))
        return None
    try:
        read_picture(resolved)
    except PictureError as error:
        check.problem("image", _("image {path} {error}").format(path=relative, error=error))
        return None
    return resolved


def _read_toml(path: Path, label: str) -> dict[str, Any]:
    def refuse(message: str) -> RoutineError:
        return RoutineError([Problem(label, None, None, message)])

    try:
        raw = read_regular_file(path, MAX_ROUTINE_BYTES)
    except FileRefused as error:
        raise refuse(str(error)) from None
    try:
        text = raw.decode("utf-8")  # equivalent mutant: codec names are case-blind
    except UnicodeDecodeError as error:
        message = _("is not UTF-8 text (byte 0x{byte:02x} at offset {offset})").format(
            byte=raw[error.start], offset=error.start
        )
        raise refuse(message) from None
    try:
        check_toml_shape(text)
    except TomlTooComplex as error:
        raise refuse(_("is too complex to be a routine: it {error}").format(error=error)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise refuse(_("is not valid TOML: {error}").format(error=error)) from None


def _unexpected(label: str, item: str | None, error: BaseException) -> Problem:
    """A problem for an exception no check foresaw, so one odd file never stops loading."""
    detail = str(error) or _("no details")
    message = _("could not be loaded ({kind}: {detail})")
    return Problem(label, item, None, message.format(kind=type(error).__name__, detail=detail))


def _exercise_number(index: int) -> str:
    """The item of the exercise table at ``index`` when it has no usable id."""
    return _("exercise #{number}").format(number=index + 1)


def _exercise_label(exercise_id: str) -> str:
    return _("exercise '{id}'").format(id=exercise_id)


def _routine_label(routine_id: str) -> str:
    return _("routine '{id}'").format(id=routine_id)


def _read_exercise_list(
    tables: object, file: str, image_root: Path | None, known: Mapping[str, Exercise]
) -> tuple[dict[str, Exercise], list[Problem]]:
    if not isinstance(tables, list):
        message = _("'exercise' must be a list of [[exercise]]")
        return {}, [Problem(file, None, "exercise", message)]
    exercises: dict[str, Exercise] = {}
    problems: list[Problem] = []
    for index, table in enumerate(tables):
        try:
            exercise, found = _read_exercise(table, file, index, image_root)
        except Exception as error:
            exercise, found = None, [_unexpected(file, _exercise_number(index), error)]
        problems.extend(found)
        if exercise is None:
            continue
        label = _exercise_label(exercise.id)
        if exercise.id in exercises:
            problems.append(Problem(file, label, "id", _("id is used twice in this file")))
        elif exercise.id in known:
            message = _("id is already used by a built-in exercise")
            problems.append(Problem(file, label, "id", message))
        else:
            exercises[exercise.id] = exercise
    return exercises, problems


def load_catalog(path: Path, label: str | None = None) -> dict[str, Exercise]:
    """The built-in exercises; raises RoutineError listing every problem."""
    label = label or path.name
    try:
        document = _read_toml(path, label)
        check = _Checker(label, None, document)
        check.unknown_fields(frozenset({"exercise"}))
        exercises, problems = _read_exercise_list(document.get("exercise", []), label, None, {})
    except RoutineError:
        raise
    except Exception as error:
        raise RoutineError([_unexpected(label, None, error)]) from None
    if check.problems or problems:
        raise RoutineError(check.problems + problems)
    return exercises


def parse_routine(
    document: Mapping[str, Any],
    catalog: Mapping[str, Exercise],
    *,
    label: str,
    source: Path | None = None,
    builtin: bool = False,
) -> Routine:
    """A Routine from an already-parsed TOML document; raises RoutineError listing every problem."""
    raw_id = document.get("id")
    item = _routine_label(raw_id) if isinstance(raw_id, str) else _("routine")
    check = _Checker(label, item, document)
    check.unknown_fields(ROUTINE_FIELDS)
    routine_id = check.text("id", max_length=64)
    if routine_id is not None and not ROUTINE_ID.fullmatch(routine_id):
        message = _("id must be lower-case letters, digits and -, got {value}")
        check.problem("id", message.format(value=_show(routine_id)))
    name = check.text("name", max_length=60)
    level = check.number(
        "level", 1, 3, unit=N_("(1 gentle to 3 demanding)"), integer=True, default=1
    )
    target = check.number("target_minutes", 1, 180, unit=N_("minutes"))
    # equivalent mutant: None and False are both false here
    description = check.text("description", required=False) or ""
    # equivalent mutant: None and False are both false here
    who_for = check.text("who_for", required=False) or ""
    # equivalent mutant: None and False are both false here
    not_for = check.text("not_for", required=False) or ""
    prescription = _read_prescription(document, label, item, check)
    prepare = check.number("prepare", 0, 120, unit=N_("seconds"), default=10.0)
    switch = check.number("switch", 0, 60, unit=N_("seconds"), default=5.0)
    image_root = None if builtin or source is None else source.parent
    own, problems = _read_exercise_list(document.get("exercise", []), label, image_root, catalog)
    known = {**catalog, **own}
    broken = _declared_ids(document.get("exercise")) - set(own)
    blocks = _read_blocks(document, known, broken, label, check)
    problems = check.problems + problems
    if problems:
        raise RoutineError(problems)
    # equivalent mutant: reached only with no problem noted, when every value is set
    assert routine_id and name and level is not None and prepare is not None and switch is not None
    return Routine(
        id=routine_id,
        name=name,
        level=int(level),
        target_minutes=target,
        description=description,
        blocks=tuple(blocks),
        prepare_seconds=prepare,
        switch_seconds=switch,
        source=source,
        builtin=builtin,
        who_for=who_for,
        not_for=not_for,
        prescription=prescription,
    )


def _read_prescription(
    document: Mapping[str, Any], label: str, item: str, routine: _Checker
) -> Prescription | None:
    """The ``[prescription]`` table, if there is one; its problems join the routine's."""
    table = document.get("prescription", _MISSING)
    if table is _MISSING:
        return None
    if not isinstance(table, dict):
        routine.problem("prescription", _("'prescription' must be a [prescription] table"))
        return None
    check = _Checker(label, f"{item} [prescription]", table)
    check.unknown_fields(PRESCRIPTION_FIELDS)
    # equivalent mutant: None and False are both false here
    by = check.text("prescribed_by", required=False, max_length=80) or ""
    # equivalent mutant: None and False are both false here
    contact = check.text("contact", required=False, max_length=120) or ""
    given = check.day("date")
    review = check.day("review_date")
    side = check.choice("affected_side", AFFECTED_SIDES, default="")
    only = check.flag("affected_side_only")
    per_week = check.number("sessions_per_week", 1, 14, unit=N_("sessions"), integer=True)
    # equivalent mutant: None and False are both false here
    notes = check.text("notes", required=False, max_length=1000) or ""
    if given is not None and review is not None and review < given:
        check.problem(
            "review_date",
            _("review_date {review} is before the date it was given, {given}").format(
                review=review.isoformat(), given=given.isoformat()
            ),
        )
    if only and side not in ("left", "right"):
        check.problem(
            "affected_side_only",
            _('affected_side_only needs affected_side = "left" or "right"'),
        )
    routine.problems.extend(check.problems)
    if check.problems:
        return None
    return Prescription(
        prescribed_by=by,
        contact=contact,
        given_on=given,
        review_date=review,
        affected_side=side or None,
        affected_side_only=bool(only),
        sessions_per_week=None if per_week is None else int(per_week),
        notes=notes,
    )


def _declared_ids(tables: object) -> set[str]:
    if not isinstance(tables, list):
        return set()
    return {t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)}


def _read_blocks(
    document: Mapping[str, Any],
    known: Mapping[str, Exercise],
    broken: set[str],
    label: str,
    routine: _Checker,
) -> list[Block]:
    """The routine's blocks; a block naming an exercise already reported as broken is passed
    over quietly, so one mistake is not reported twice."""
    tables = document.get("block", _MISSING)
    if tables is _MISSING:
        routine.problem("block", _("missing required field 'block' (at least one [[block]])"))
        return []
    if not isinstance(tables, list) or not tables:
        routine.problem("block", _("'block' must be a non-empty list of [[block]] tables"))
        return []
    blocks: list[Block] = []
    for index, table in enumerate(tables):
        item = _("block #{number}").format(number=index + 1)
        if not isinstance(table, dict):
            routine.problems.append(Problem(label, item, None, _("must be a table")))
            continue
        check = _Checker(label, item, table)
        check.unknown_fields(BLOCK_FIELDS)
        exercise_id = check.text("exercise", max_length=64)
        # equivalent mutant: no exercise is known by an empty id
        exercise = known.get(exercise_id) if exercise_id else None
        if exercise_id and exercise is None and exercise_id not in broken:
            check.problem("exercise", _("unknown exercise id '{id}'").format(id=exercise_id))
        if exercise is not None:
            check.item = _("block #{number} (exercise '{id}')").format(
                number=index + 1, id=exercise.id
            )
            dose = _read_dose(check, exercise.dose)
            if dose is not None:
                blocks.append(Block(exercise=exercise, dose=dose))
        routine.problems.extend(check.problems)
    return blocks


def load_routine_file(
    path: Path,
    catalog: Mapping[str, Exercise],
    *,
    label: str | None = None,
    builtin: bool = False,
) -> Routine:
    """One routine file; raises RoutineError listing every problem, and nothing else."""
    label = label or str(path)
    try:
        document = _read_toml(path, label)
        return parse_routine(document, catalog, label=label, source=path, builtin=builtin)
    except RoutineError:
        raise
    except Exception as error:
        raise RoutineError([_unexpected(label, None, error)]) from None


def load_routines(
    folders: Iterable[tuple[Path, bool]], catalog: Mapping[str, Exercise]
) -> LoadResult:
    """Every ``*.toml`` in each ``(folder, builtin)``; bad files are reported and skipped."""
    result = LoadResult()
    for folder, builtin in folders:
        try:
            if not folder.is_dir():
                continue
            paths = sorted(folder.glob("*.toml"))
        except OSError as error:
            message = _("cannot be listed: {error}").format(error=error.strerror or error)
            result.problems.append(Problem(f"{folder.name}/", None, None, message))
            continue
        for path in paths:
            label = f"{folder.name}/{path.name}"
            try:
                routine = load_routine_file(path, catalog, label=label, builtin=builtin)
            except RoutineError as error:
                result.problems.extend(error.problems)
                continue
            if routine.id in result.routines:
                other = result.routines[routine.id].source
                message = _("id is already used by {other}; this file is skipped").format(
                    other=other
                )
                item = _routine_label(routine.id)
                result.problems.append(Problem(label, item, "id", message))
                continue
            result.routines[routine.id] = routine
    return result

"""CSV export and import of the session history: one row per step, session fields repeated.

The file is UTF-8 with a header row. Times are ISO-8601 with the UTC offset the session was
logged in, numbers are plain decimals, empty cells mean "none". A session with no steps (a
line copied from a paper log, say) is a single row with the step columns empty. A stopped
session names the step it was stopped in (``stop_step``, a step index), and a step done in
the exercise's easier version says so (``variant``); files written before those columns
existed import without them.

Import checks every row first and writes nothing if any row is wrong; each problem names its
line and column. A session is known by its start (as a UTC instant) and routine id: one that
is already in the log is skipped, so importing the same file twice adds nothing the second
time. Exporting, importing into an empty log and exporting again gives the identical file.

A cell a spreadsheet would run as a formula (one starting with =, +, -, @, a tab or a carriage
return) is written with an apostrophe in front, as spreadsheets expect; so is a cell that
already starts with an apostrophe. Import takes exactly one leading apostrophe off any cell, so
the round trip gives back the very text that was exported.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import TextIO

from sciatica_coach.core import records as session_log
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import (
    COMPLETED,
    IN_PROGRESS,
    INTERRUPTED,
    LEG_RESPONSE_CODES,
    SIDES,
    STEP_KINDS,
    STEP_VARIANTS,
    STOPPED,
    SYMPTOM_REACH,
    PainCheck,
    SessionRecord,
    StepRecord,
)
from sciatica_coach.core.safe_read import FileRefused, read_regular_file
from sciatica_coach.core.symptoms import MorningCheck
from sciatica_coach.i18n import _

SESSION_COLUMNS = (
    "started_at",
    "routine_id",
    "routine_name",
    "status",
    "stop_reason",
    "stop_step",
    "ended_at",
    "planned_seconds",
    "planned_work_steps",
    "active_seconds",
    "notes",
    "pain_before_back",
    "pain_before_leg",
    "pain_before_reach",
    "pain_before_note",
    "pain_before_at",
    "pain_after_back",
    "pain_after_leg",
    "pain_after_reach",
    "pain_after_note",
    "pain_after_at",
    "morning_compared",
    "morning_back",
    "morning_leg",
    "morning_reach",
    "morning_at",
)
STEP_COLUMNS = (
    "step_index",
    "step_kind",
    "exercise_id",
    "exercise_name",
    "set_number",
    "set_count",
    "side",
    "step_planned_seconds",
    "step_actual_seconds",
    "reps_planned",
    "reps_done",
    "step_status",
    "step_ended_at",
    "variant",
    "leg_response",
)
COLUMNS = SESSION_COLUMNS + STEP_COLUMNS
REQUIRED_COLUMNS = ("started_at", "routine_id")
# Free text is kept exactly as written; every other cell is trimmed before it is read.
TEXT_COLUMNS = frozenset({"notes", "pain_before_note", "pain_after_note"})
IMPORTABLE_STATUSES = (COMPLETED, STOPPED, INTERRUPTED)
# The one limit on free text (session notes, pain-check notes) wherever it enters: the History
# notes box counts towards it and import accepts exactly this much, so every backup restores.
# Names and ids are held to it too; the csv module's own field limit (131,072) is far above.
MAX_TEXT = 10_000
# Bounds that keep every number and time inside what the log and Python's dates can hold.
MAX_COUNT = 1_000_000
MAX_SECONDS = 7 * 24 * 3600
EARLIEST_YEAR = 1970
LATEST_YEAR = 2100
EARLIEST = datetime(EARLIEST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LATEST_YEAR, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
# Spreadsheets run a cell starting with one of these as a formula. The full-width forms are
# included because some spreadsheet locales treat them the same way.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
ESCAPE = "'"
SHOWN_CHARS = 40
# Far above any real history (ten years of daily sessions is a few tens of MB), far below
# what would exhaust memory.
MAX_FILE_BYTES = 512 * 1024 * 1024

Localise = Callable[[datetime], datetime]


@dataclass(frozen=True)
class CsvProblem:
    """One thing wrong in the file, at a line (1 is the header) and, if known, a column."""

    line: int
    column: str | None
    column_number: int | None
    message: str

    def __str__(self) -> str:
        where = _("line {line}").format(line=self.line)
        if self.column is not None:
            where = _("line {line}, column {number} ({column})").format(
                line=self.line, number=self.column_number, column=self.column
            )
        return f"{where}: {self.message}"


class CsvReadError(Exception):
    """The file could not be read at all; the message names it and says why."""


class CsvImportError(Exception):
    """The file cannot be imported; ``problems`` lists every reason, in line order."""

    def __init__(self, problems: Sequence[CsvProblem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.line, p.column_number or 0)))
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class ParsedSession:
    """A session read from the file, ready for `SessionLog.import_sessions`."""

    line: int
    record: SessionRecord
    steps: tuple[StepRecord, ...]
    pain_taken: dict[str, datetime]
    morning: MorningCheck | None = None


@dataclass(frozen=True)
class ImportSummary:
    sessions_added: int
    steps_added: int
    already_present: int


@dataclass(frozen=True)
class ExportSummary:
    sessions: int
    rows: int


# --- export ----------------------------------------------------------------------------------


def export_csv(
    log: SessionLog, out: TextIO, since: date | None = None, until: date | None = None
) -> ExportSummary:
    """Write the sessions whose local date is in [since, until], oldest first, to ``out``.

    Sessions still in progress are left out. ``out`` should be opened with ``newline=""`` and
    UTF-8; rows end in CRLF as RFC 4180 asks.
    """
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    # A session still running has no end yet; it is exported once it has one.
    sessions = [r for r in reversed(log.sessions(since, until)) if r.status != IN_PROGRESS]
    mornings = log.morning_checks(since)
    rows = 0
    for record in sessions:
        zone = timezone(timedelta(minutes=record.utc_offset_minutes))
        taken = log.pain_times(record.id)
        session_cells = _session_cells(record, taken, zone, mornings.get(record.id))
        steps = log.steps(record.id)
        if not steps:
            writer.writerow(escape_cells(session_cells + [""] * len(STEP_COLUMNS)))
            rows += 1
        for step in steps:
            writer.writerow(escape_cells(session_cells + _step_cells(step, zone)))
            rows += 1
    return ExportSummary(len(sessions), rows)


def escape_cell(text: str) -> str:
    """The cell as written: an apostrophe in front of formula-like text or a leading one."""
    return ESCAPE + text if text.startswith((*FORMULA_STARTS, ESCAPE)) else text


def unescape_cell(text: str) -> str:
    """Undo `escape_cell`: one leading apostrophe comes off."""
    return text[len(ESCAPE) :] if text.startswith(ESCAPE) else text


def escape_cells(cells: Sequence[str]) -> list[str]:
    return [escape_cell(cell) for cell in cells]


def _session_cells(
    record: SessionRecord,
    taken: dict[str, datetime],
    zone: timezone,
    morning: MorningCheck | None = None,
) -> list[str]:
    cells = [
        _time(record.started_at, zone),
        record.routine_id,
        record.routine_name,
        record.status,
        record.stop_reason or "",
        "" if record.stop_step is None else str(record.stop_step),
        _time(record.ended_at, zone),
        _number(record.planned_seconds),
        str(record.planned_work_steps),
        _number(record.active_seconds),
        record.notes,
    ]
    for check in (record.pain_before, record.pain_after):
        if check is None:
            cells += [""] * 5
        else:
            cells += [
                str(check.back),
                str(check.leg),
                check.reach or "",
                check.note,
                _time(taken.get(check.moment), zone),
            ]
    if morning is None:
        cells += [""] * 5
    else:
        cells += [
            morning.compared,
            _optional_int(morning.back),
            _optional_int(morning.leg),
            morning.reach or "",
            _time(morning.taken_at, zone),
        ]
    return cells


def _step_cells(step: StepRecord, zone: timezone) -> list[str]:
    return [
        str(step.step_index),
        step.kind,
        step.exercise_id or "",
        step.exercise_name or "",
        str(step.set_number),
        str(step.set_count),
        step.side or "",
        _number(step.planned_seconds),
        _number(step.actual_seconds),
        _optional_int(step.reps_planned),
        _optional_int(step.reps_done),
        step.status,
        _time(step.ended_at, zone),
        step.variant or "",
        step.leg_response or "",
    ]


def _time(moment: datetime | None, zone: timezone) -> str:
    return "" if moment is None else moment.astimezone(zone).isoformat()


def _number(value: float) -> str:
    # Shortest text that reads back as the same float; whole numbers without ".0".
    return str(int(value)) if value.is_integer() else repr(value)


def _optional_int(value: int | None) -> str:
    return "" if value is None else str(value)


# --- import ----------------------------------------------------------------------------------


def read_csv_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raises CsvReadError otherwise.

    A pipe, FIFO or device (such as /dev/zero) is refused rather than read: it could block
    for ever or never end (the rules are `safe_read`'s, the same as for routine files).
    """
    try:
        return read_regular_file(path, limit)
    except FileRefused as error:
        raise CsvReadError(f"{path}: {error}") from None


def decode_csv(data: bytes) -> str:
    """The file's text; raises CsvImportError naming the line of the first byte that is not
    UTF-8. A byte-order mark (as spreadsheet programs write) is dropped."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CsvImportError(
            [CsvProblem(line, None, None, _("is not UTF-8 text; save the file as CSV UTF-8"))]
        ) from None


def import_csv(log: SessionLog, text: str, *, localise: Localise | None = None) -> ImportSummary:
    """Check the whole file, then add its sessions in one transaction (all or none).

    Sessions already in the log (same UTC start, same routine id) are left out.
    See `parse_csv` for ``localise``.
    """
    parsed = parse_csv(text, localise=localise)
    ids = log.import_sessions(
        [(p.record, p.steps, p.pain_taken) for p in parsed], [p.morning for p in parsed]
    )
    added = [p for p, new_id in zip(parsed, ids, strict=True) if new_id is not None]
    return ImportSummary(
        sessions_added=len(added),
        steps_added=sum(len(p.steps) for p in added),
        already_present=len(parsed) - len(added),
    )


def parse_csv(text: str, *, localise: Localise | None = None) -> list[ParsedSession]:
    """Read and check every row; raises CsvImportError listing every problem found.

    Times without a UTC offset are passed to ``localise`` (for example one that reads them as
    the computer's local time); without it they are a problem, since the instant is unknown.
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[CsvProblem] = []
    rows: list[_Row] = []
    header: list[str] | None = None
    line = 1
    try:
        for cells in reader:
            if header is None:
                header = _check_header(cells, problems)
                if problems:
                    raise CsvImportError(problems)
            elif any(cell.strip() for cell in cells):
                row = _Row(line, header, cells, problems, localise)
                if row.width_ok():
                    rows.append(row)
            line = reader.line_num + 1
    except csv.Error as error:
        message = _("is not valid CSV: {error}").format(error=error)
        problems.append(CsvProblem(reader.line_num, None, None, message))
    if header is None:
        message = _("the file is empty; it needs a header")
        raise CsvImportError([CsvProblem(1, None, None, message)])
    parsed = _assemble(rows, problems)
    if problems:
        raise CsvImportError(problems)
    return parsed


def _check_header(cells: list[str], problems: list[CsvProblem]) -> list[str]:
    names = [cell.strip().lstrip("\ufeff") for cell in cells]
    seen: set[str] = set()
    for number, name in enumerate(names, start=1):
        if name not in COLUMNS:
            problems.append(
                CsvProblem(
                    1,
                    name,
                    number,
                    _("unknown column; the columns are {columns}").format(
                        columns=", ".join(COLUMNS)
                    ),
                )
            )
        elif name in seen:
            problems.append(CsvProblem(1, name, number, _("this column appears twice")))
        seen.add(name)
    for name in REQUIRED_COLUMNS:
        if name not in seen:
            message = _("the header has no {name} column").format(name=name)
            problems.append(CsvProblem(1, None, None, message))
    return names


class _Row:
    """One data row: reads cells by column name and notes a problem for each bad one."""

    def __init__(
        self,
        line: int,
        header: list[str],
        cells: list[str],
        problems: list[CsvProblem],
        localise: Localise | None,
    ) -> None:
        self.line = line
        self.header = header
        self.cells = cells
        self.problems = problems
        self.localise = localise
        self.values = {name: cell for name, cell in zip(header, cells, strict=False)}

    def width_ok(self) -> bool:
        if len(self.cells) != len(self.header):
            self.problem(
                None,
                _("has {cells} cells but the header has {columns} columns").format(
                    cells=len(self.cells), columns=len(self.header)
                ),
            )
            return False
        return True

    def problem(self, column: str | None, message: str) -> None:
        number = self.header.index(column) + 1 if column in self.header else None
        self.problems.append(CsvProblem(self.line, column, number, message))

    def raw(self, column: str) -> str:
        value = self.values.get(column, "")
        return unescape_cell(value if column in TEXT_COLUMNS else value.strip())

    def text(self, column: str, *, required: bool = False) -> str | None:
        value = self.raw(column)
        if not value:
            if required:
                self.problem(column, _("is empty; it is required"))
            return None
        if len(value) > MAX_TEXT:
            message = _("has {length:,} characters; at most {limit:,} fit")
            self.problem(column, message.format(length=len(value), limit=MAX_TEXT))
            return None
        return value

    def choice(self, column: str, options: Sequence[str]) -> str | None:
        value = self.raw(column)
        if value and value not in options:
            message = _("must be one of {options}, not {value}")
            self.problem(column, message.format(options=", ".join(options), value=_shown(value)))
            return None
        return value or None

    def integer(self, column: str, low: int = 0, high: int = MAX_COUNT) -> int | None:
        value = self.raw(column)
        if not value:
            return None
        try:
            # Python refuses to read an integer of more than 4,300 digits: a ValueError too.
            number = int(value)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            message = _("must be a whole number from {low} to {high}, not {value}")
            self.problem(column, message.format(low=low, high=high, value=_shown(value)))
            return None
        return number

    def seconds(self, column: str) -> float | None:
        value = self.raw(column)
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not 0 <= number <= MAX_SECONDS:  # also false for NaN
            message = _("must be a number of seconds from 0 to {high}, not {value}")
            self.problem(column, message.format(high=MAX_SECONDS, value=_shown(value)))
            return None
        return number

    def moment(self, column: str, *, required: bool = False) -> datetime | None:
        value = self.raw(column)
        if not value:
            if required:
                self.problem(column, _("is empty; it needs a date and time like 2024-05-06T09:30"))
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            message = _("is not a date and time like 2024-05-06T09:30:00+01:00: {value}")
            self.problem(column, message.format(value=_shown(value)))
            return None
        # Years near 1 or 9999 overflow as soon as they are moved to UTC or added to: turn
        # them away first. The bounds proper hold for the UTC instant, so that a time passes
        # or fails the same whichever zone it was written in.
        if not EARLIEST_YEAR - 1 <= parsed.year <= LATEST_YEAR + 1:
            self.problem(column, self._out_of_range(value))
            return None
        if parsed.utcoffset() is None:
            if self.localise is None:
                self.problem(
                    column, _("needs a UTC offset, like {value}+01:00").format(value=value)
                )
                return None
            try:
                parsed = self.localise(parsed)
            except (OverflowError, OSError, ValueError):
                message = _("cannot be placed in this computer's time zone: {value}")
                self.problem(column, message.format(value=repr(value)))
                return None
        if not EARLIEST <= parsed <= LATEST:
            self.problem(column, self._out_of_range(value))
            return None
        return parsed

    @staticmethod
    def _out_of_range(value: str) -> str:
        message = _("must be a date from {low} to {high}, not {value}")
        return message.format(low=EARLIEST_YEAR, high=LATEST_YEAR, value=_shown(value))

    def has_step(self) -> bool:
        return any(self.raw(column) for column in STEP_COLUMNS)


@dataclass
class _Draft:
    """The rows of one session, gathered before the session is checked as a whole."""

    key: tuple[str, str]
    first: _Row
    started_at: datetime
    rows: list[_Row] = field(default_factory=list)


def _assemble(rows: list[_Row], problems: list[CsvProblem]) -> list[ParsedSession]:
    drafts: dict[tuple[str, str], _Draft] = {}
    for row in rows:
        started = row.moment("started_at", required=True)
        routine_id = row.text("routine_id", required=True)
        if started is None or routine_id is None:
            continue
        key = (started.astimezone(UTC).isoformat(), routine_id)
        draft = drafts.get(key)
        if draft is None:
            drafts[key] = _Draft(key, row, started, [row])
            continue
        draft.rows.append(row)
        for column in SESSION_COLUMNS:
            if row.raw(column) != draft.first.raw(column):
                row.problem(
                    column,
                    _(
                        "differs from line {line}, which has the same session "
                        "(started_at and routine_id): {value}"
                    ).format(line=draft.first.line, value=repr(draft.first.raw(column))),
                )
    parsed: list[ParsedSession] = []
    for draft in drafts.values():
        session = _session(draft, problems)
        if session is not None:
            parsed.append(session)
    return parsed


def _session(draft: _Draft, problems: list[CsvProblem]) -> ParsedSession | None:
    before = len(problems)
    row = draft.first
    started = draft.started_at
    ended = row.moment("ended_at")
    steps = _steps(draft, ended or started)
    status = row.choice("status", IMPORTABLE_STATUSES) or (None if row.raw("status") else COMPLETED)
    stop_reason = row.text("stop_reason")
    if stop_reason is not None and status != STOPPED:
        row.problem("stop_reason", _("only a stopped session has a stop reason"))
    stop_step = row.integer("stop_step")
    if stop_step is not None and status != STOPPED:
        row.problem("stop_step", _("only a stopped session has a stop step"))
    planned_seconds = row.seconds("planned_seconds")
    planned_work = row.integer("planned_work_steps")
    active = row.seconds("active_seconds")
    if active is None:
        active = sum(step.actual_seconds for step in steps)
    if ended is None and status != INTERRUPTED:
        ended = started + timedelta(seconds=active)
    if ended is not None and ended < started:
        row.problem("ended_at", _("is before started_at"))
    pains: dict[str, PainCheck] = {}
    taken: dict[str, datetime] = {}
    for moment in ("before", "after"):
        check, when = _pain(row, moment)
        if check is not None:
            pains[moment] = check
        if when is not None:
            taken[moment] = when
    notes = row.text("notes") or ""
    routine_name = row.text("routine_name") or draft.key[1]
    morning = _morning(row)
    if len(problems) > before or status is None:
        return None
    offset = started.utcoffset()
    assert offset is not None
    record = SessionRecord(
        id=0,
        routine_id=draft.key[1],
        routine_name=routine_name,
        started_at=started,
        local_date=started.date(),
        utc_offset_minutes=int(offset.total_seconds() // 60),
        ended_at=ended,
        status=status,
        stop_reason=stop_reason,
        stop_step=stop_step,
        planned_seconds=(
            planned_seconds
            if planned_seconds is not None
            else sum(step.planned_seconds for step in steps)
        ),
        planned_work_steps=(
            planned_work
            if planned_work is not None
            else sum(1 for step in steps if step.kind == "work")
        ),
        active_seconds=active,
        notes=notes,
        pain_before=pains.get("before"),
        pain_after=pains.get("after"),
        work_done=0,
        work_skipped=0,
    )
    return ParsedSession(row.line, record, tuple(steps), taken, morning)


def _morning(row: _Row) -> MorningCheck | None:
    """The morning check on the session's line; its session id is given on import."""
    compared = row.choice("morning_compared", LEG_RESPONSE_CODES)
    back = row.integer("morning_back", 0, 10)
    leg = row.integer("morning_leg", 0, 10)
    reach = row.choice("morning_reach", SYMPTOM_REACH)
    when = row.moment("morning_at")
    others = ("morning_back", "morning_leg", "morning_reach", "morning_at")
    if not row.raw("morning_compared"):
        if any(row.raw(column) for column in others):
            message = _("is empty; a morning check needs better, same or worse")
            row.problem("morning_compared", message)
        return None
    if when is None:
        if not row.raw("morning_at"):
            message = _("is empty; a morning check needs the time it was taken")
            row.problem("morning_at", message)
        return None
    if compared is None:
        return None
    return MorningCheck(0, compared, back, leg, reach, when, when.date())


def _pain(row: _Row, moment: str) -> tuple[PainCheck | None, datetime | None]:
    prefix = f"pain_{moment}_"
    back = row.integer(prefix + "back", 0, 10)
    leg = row.integer(prefix + "leg", 0, 10)
    reach = row.choice(prefix + "reach", SYMPTOM_REACH)
    note = row.text(prefix + "note") or ""
    when = row.moment(prefix + "at")
    given = [column for column in ("back", "leg") if row.raw(prefix + column)]
    if len(given) == 1:
        missing = "leg" if given == ["back"] else "back"
        message = _("is empty but {column} is set; give both or neither")
        row.problem(prefix + missing, message.format(column=prefix + given[0]))
        return None, None
    if not given:
        for column in ("reach", "note", "at"):
            if row.raw(prefix + column):
                row.problem(
                    prefix + column,
                    _("is set but {back} and {leg} are empty; give the scores too").format(
                        back=prefix + "back", leg=prefix + "leg"
                    ),
                )
        return None, None
    if back is None or leg is None:
        return None, None
    return PainCheck(moment, back, leg, note, reach), when


def _shown(value: str) -> str:
    """A cell quoted for a message, cut short so one huge cell cannot flood the screen."""
    if len(value) <= SHOWN_CHARS:
        return repr(value)
    return f"{value[: SHOWN_CHARS - 3]!r}... ({len(value)} characters)"


def _steps(draft: _Draft, default_end: datetime) -> list[StepRecord]:
    with_steps = [row for row in draft.rows if row.has_step()]
    if with_steps and len(with_steps) != len(draft.rows):
        for row in draft.rows:
            if not row.has_step():
                row.problem(
                    "step_index",
                    _(
                        "is empty but other rows of this session describe steps; a session is "
                        "either one row with no step or one row per step"
                    ),
                )
    if not with_steps and len(draft.rows) > 1:
        for row in draft.rows[1:]:
            message = _("repeats the session of line {line} with no step")
            row.problem(None, message.format(line=draft.first.line))
        return []
    steps: list[StepRecord] = []
    seen: dict[int, int] = {}
    for row in with_steps:
        index = row.integer("step_index")
        if index is None and not row.raw("step_index"):
            row.problem("step_index", _("is empty; each step needs its number in the session"))
        elif index is not None and index in seen:
            message = _("step {index} is already on line {line}")
            row.problem("step_index", message.format(index=index, line=seen[index]))
            index = None
        kind = row.choice("step_kind", sorted(STEP_KINDS))
        if kind is None and not row.raw("step_kind"):
            message = _("is empty; it is one of {options}")
            row.problem("step_kind", message.format(options=", ".join(sorted(STEP_KINDS))))
        # Looked up on each import, so a status the log learns is accepted here at once.
        statuses = sorted(session_log.STEP_STATUSES)
        status = row.choice("step_status", statuses)
        if status is None and not row.raw("step_status"):
            message = _("is empty; it is one of {options}")
            row.problem("step_status", message.format(options=", ".join(statuses)))
        side = row.choice("side", sorted(SIDES))
        variant = row.choice("variant", sorted(STEP_VARIANTS))
        leg_response = row.choice("leg_response", LEG_RESPONSE_CODES)
        set_number = row.integer("set_number")
        set_count = row.integer("set_count")
        planned = row.seconds("step_planned_seconds")
        actual = row.seconds("step_actual_seconds")
        reps_planned = row.integer("reps_planned")
        reps_done = row.integer("reps_done")
        ended = row.moment("step_ended_at") or default_end
        if index is None or kind is None or status is None:
            continue
        seen[index] = row.line
        steps.append(
            StepRecord(
                step_index=index,
                kind=kind,
                exercise_id=row.text("exercise_id"),
                exercise_name=row.text("exercise_name"),
                set_number=set_number or 0,
                set_count=set_count or 0,
                side=side,
                planned_seconds=planned or 0.0,
                actual_seconds=actual or 0.0,
                reps_planned=reps_planned,
                reps_done=reps_done,
                status=status,
                ended_at=ended,
                variant=variant if kind == "work" else None,
                leg_response=leg_response if kind == "work" else None,
            )
        )
    return sorted(steps, key=lambda step: step.step_index)

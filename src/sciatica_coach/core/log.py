"""The session log: one SQLite file holding every session, step and pain check.

Every write is committed at once, so a crash or power cut loses at most the step in progress.
Times are stored as UTC ISO-8601 text next to the local calendar date the session started on;
day and week statistics group by that stored local date, so a DST switch or a flight across time
zones never moves a session to another day after the fact.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

IN_PROGRESS = "in_progress"
COMPLETED = "completed"
STOPPED = "stopped"
INTERRUPTED = "interrupted"
SESSION_STATUSES = frozenset({IN_PROGRESS, COMPLETED, STOPPED, INTERRUPTED})

DONE = "done"
SKIPPED = "skipped"
STEP_STOPPED = "stopped"  # the step running when the session was stopped, as far as it got
STEP_STATUSES = frozenset({DONE, SKIPPED, STEP_STOPPED})
# When a step is logged twice (back, then again), the better outcome stays: a set once done is
# never lowered to skipped by a redo that was skipped or stopped.
STEP_OUTCOME_RANK = {SKIPPED: 0, STEP_STOPPED: 1, DONE: 2}
STEP_KINDS = frozenset({"prepare", "work", "rest", "switch"})
SIDES = frozenset({"left", "right"})
PAIN_MOMENTS = frozenset({"before", "after"})
# How far down the leg symptoms go, from least to most (further down is worse).
SYMPTOM_REACH = ("none", "back", "buttock", "thigh", "below_knee", "foot")

# A session stopped for one of these still counts as done: stopping was the right thing to do.
STOP_RULE_REASONS = frozenset({"pain_spreading", "numbness", "sharp_pain", "unwell"})

APPLICATION_ID = 0x53434F41  # "SCOA": marks the file as a Sciatica Coach log
BUSY_TIMEOUT_SECONDS = 0.25

# Ordered schema migrations: MIGRATIONS[n] takes a database from user_version n to n + 1.
# Each is a list of single statements so that all of them run inside one transaction.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            routine_id TEXT NOT NULL,
            routine_name TEXT NOT NULL,
            started_at TEXT NOT NULL,
            local_date TEXT NOT NULL,
            utc_offset_minutes INTEGER NOT NULL,
            ended_at TEXT,
            status TEXT NOT NULL
                CHECK (status IN ('in_progress', 'completed', 'stopped', 'interrupted')),
            stop_reason TEXT,
            planned_seconds REAL NOT NULL,
            planned_work_steps INTEGER NOT NULL,
            active_seconds REAL NOT NULL DEFAULT 0,
            notes TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX sessions_by_local_date ON sessions (local_date)",
        "CREATE INDEX sessions_by_status ON sessions (status)",
        """CREATE TABLE steps (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            step_index INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('prepare', 'work', 'rest', 'switch')),
            exercise_id TEXT,
            exercise_name TEXT,
            set_number INTEGER NOT NULL,
            set_count INTEGER NOT NULL,
            side TEXT CHECK (side IN ('left', 'right')),
            planned_seconds REAL NOT NULL,
            actual_seconds REAL NOT NULL,
            reps_planned INTEGER,
            reps_done INTEGER,
            status TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
            ended_at TEXT NOT NULL,
            PRIMARY KEY (session_id, step_index)
        ) WITHOUT ROWID""",
        """CREATE TABLE pain_checks (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            moment TEXT NOT NULL CHECK (moment IN ('before', 'after')),
            back INTEGER NOT NULL CHECK (back BETWEEN 0 AND 10),
            leg INTEGER NOT NULL CHECK (leg BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT '',
            taken_at TEXT NOT NULL,
            PRIMARY KEY (session_id, moment)
        ) WITHOUT ROWID""",
    ),
    (
        """ALTER TABLE pain_checks ADD COLUMN reach TEXT
            CHECK (reach IN ('none', 'back', 'buttock', 'thigh', 'below_knee', 'foot'))""",
        "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
        # Lets the per-session work counts be read from the index alone.
        "CREATE INDEX steps_by_outcome ON steps (session_id, kind, status)",
    ),
    (
        # A step may end "stopped" (SQLite cannot alter a CHECK, so the table is rebuilt).
        """CREATE TABLE steps_v3 (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            step_index INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('prepare', 'work', 'rest', 'switch')),
            exercise_id TEXT,
            exercise_name TEXT,
            set_number INTEGER NOT NULL,
            set_count INTEGER NOT NULL,
            side TEXT CHECK (side IN ('left', 'right')),
            planned_seconds REAL NOT NULL,
            actual_seconds REAL NOT NULL,
            reps_planned INTEGER,
            reps_done INTEGER,
            status TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'stopped')),
            ended_at TEXT NOT NULL,
            PRIMARY KEY (session_id, step_index)
        ) WITHOUT ROWID""",
        "INSERT INTO steps_v3 SELECT * FROM steps",
        "DROP TABLE steps",
        "ALTER TABLE steps_v3 RENAME TO steps",
        "CREATE INDEX steps_by_outcome ON steps (session_id, kind, status)",
        # Which step the session was stopped in, so reports can name the exercise.
        "ALTER TABLE sessions ADD COLUMN stop_step INTEGER CHECK (stop_step >= 0)",
        # Each weekly plan with the local date it took effect, so past weeks keep their plan.
        """CREATE TABLE plans (
            effective_from TEXT PRIMARY KEY,
            sessions_per_week INTEGER NOT NULL CHECK (sessions_per_week BETWEEN 1 AND 21),
            weekdays TEXT NOT NULL
        ) WITHOUT ROWID""",
        # The plan set before plans had dates is taken to hold from the first session on.
        """INSERT INTO plans (effective_from, sessions_per_week, weekdays)
           SELECT COALESCE((SELECT MIN(local_date) FROM sessions), date('now', 'localtime')),
                  json_extract(value, '$.sessions_per_week'),
                  json(json_extract(value, '$.weekdays'))
           FROM settings WHERE key = 'weekly_plan'""",
        "DELETE FROM settings WHERE key = 'weekly_plan'",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class LogError(Exception):
    """The session log cannot be opened or written; the message says what to do about it."""


@dataclass(frozen=True)
class PainCheck:
    """Pain scores (0-10) for back and leg, taken before or after a session."""

    moment: str
    back: int
    leg: int
    note: str = ""
    reach: str | None = None

    def __post_init__(self) -> None:
        _require(
            self.moment in PAIN_MOMENTS,
            f"pain moment must be 'before' or 'after', not {self.moment!r}",
        )
        for name, score in (("back", self.back), ("leg", self.leg)):
            _require(
                isinstance(score, int) and not isinstance(score, bool) and 0 <= score <= 10,
                f"{name} pain must be a whole number from 0 to 10, not {score!r}",
            )
        _require(
            self.reach is None or self.reach in SYMPTOM_REACH,
            f"reach must be one of {', '.join(SYMPTOM_REACH)}, not {self.reach!r}",
        )


@dataclass(frozen=True)
class StepRecord:
    """One step of a session as it ended: done, skipped or stopped part-way, planned against
    actual time."""

    step_index: int
    kind: str
    exercise_id: str | None
    exercise_name: str | None
    set_number: int
    set_count: int
    side: str | None
    planned_seconds: float
    actual_seconds: float
    reps_planned: int | None
    reps_done: int | None
    status: str
    ended_at: datetime

    def __post_init__(self) -> None:
        _require(self.step_index >= 0, f"step_index must be 0 or more, not {self.step_index}")
        _require(self.kind in STEP_KINDS, f"unknown step kind {self.kind!r}")
        _require(
            self.status in STEP_STATUSES,
            f"step status must be done, skipped or stopped, not {self.status!r}",
        )
        _require(
            self.side is None or self.side in SIDES,
            f"side must be left, right or None, not {self.side!r}",
        )
        _require(self.set_number >= 0 and self.set_count >= 0, "set numbers cannot be negative")
        _require(
            self.planned_seconds >= 0 and self.actual_seconds >= 0,
            "step seconds cannot be negative",
        )
        for reps in (self.reps_planned, self.reps_done):
            _require(reps is None or reps >= 0, "reps cannot be negative")
        _require_aware(self.ended_at, "ended_at")


@dataclass(frozen=True)
class SessionRecord:
    """A logged session with its pain checks and counts of work steps done and skipped."""

    id: int
    routine_id: str
    routine_name: str
    started_at: datetime
    local_date: date
    utc_offset_minutes: int
    ended_at: datetime | None
    status: str
    stop_reason: str | None
    planned_seconds: float
    planned_work_steps: int
    active_seconds: float
    notes: str
    pain_before: PainCheck | None
    pain_after: PainCheck | None
    work_done: int
    work_skipped: int
    stop_step: int | None = None

    @property
    def adherent(self) -> bool:
        """Whether the session counts towards the weekly plan."""
        return self.status == COMPLETED or (
            self.status == STOPPED and self.stop_reason in STOP_RULE_REASONS
        )


@dataclass(frozen=True)
class WeeklyPlan:
    """How many sessions a week the user aims for; with weekdays set, one on each of those days."""

    sessions_per_week: int = 5
    weekdays: frozenset[int] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        _require(
            1 <= self.sessions_per_week <= 21,
            f"sessions per week must be from 1 to 21, not {self.sessions_per_week}",
        )
        _require(
            all(0 <= day <= 6 for day in self.weekdays),
            "weekdays are numbered 0 (Monday) to 6 (Sunday)",
        )

    @property
    def planned_per_week(self) -> int:
        return len(self.weekdays) if self.weekdays else self.sessions_per_week


@dataclass(frozen=True)
class PeriodTotals:
    """Aggregates over the finished sessions of one day or one week (period_start = Monday)."""

    period_start: date
    sessions: int
    adherent: int
    active_seconds: float


PainRow = tuple[date, int, int | None, int | None, int | None, int | None]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


def _require_aware(moment: datetime, name: str) -> None:
    _require(
        isinstance(moment, datetime) and moment.utcoffset() is not None,
        f"{name} must be a datetime with a time zone",
    )


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _from_utc_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _system_clock() -> datetime:
    return datetime.now(UTC)


_STOP_RULE_SQL = ", ".join(f"'{reason}'" for reason in sorted(STOP_RULE_REASONS))
_ADHERENT_SQL = (
    f"(status = 'completed' OR (status = 'stopped' AND stop_reason IN ({_STOP_RULE_SQL})))"
)
# Monday of the ISO week holding local_date: 'weekday 0' moves forward to Sunday.
_WEEK_START_SQL = "date(local_date, 'weekday 0', '-6 days')"

_SESSION_SELECT = """
SELECT s.id, s.routine_id, s.routine_name, s.started_at, s.local_date, s.utc_offset_minutes,
       s.ended_at, s.status, s.stop_reason, s.planned_seconds, s.planned_work_steps,
       s.active_seconds, s.notes,
       pb.back, pb.leg, pb.note, pb.reach,
       pa.back, pa.leg, pa.note, pa.reach,
       (SELECT COUNT(*) FROM steps AS t
         WHERE t.session_id = s.id AND t.kind = 'work' AND t.status = 'done'),
       (SELECT COUNT(*) FROM steps AS t
         WHERE t.session_id = s.id AND t.kind = 'work' AND t.status = 'skipped'),
       s.stop_step
FROM sessions AS s
LEFT JOIN pain_checks AS pb ON pb.session_id = s.id AND pb.moment = 'before'
LEFT JOIN pain_checks AS pa ON pa.session_id = s.id AND pa.moment = 'after'
"""


class SessionLog:
    """Opens (or creates) the log at db_path; raises LogError if it cannot be used safely.

    On open, sessions still marked in progress (the app was killed mid-session) become
    "interrupted" and are listed in `interrupted` so the UI can offer to resume them.
    A schema migration is preceded by a backup copy next to the file, named with the time from
    `clock` (UTC). Safe to share between threads: each call runs under the log's own lock.
    """

    interrupted: list[SessionRecord]

    def __init__(
        self,
        db_path: Path,
        *,
        clock: Callable[[], datetime] = _system_clock,
        recover: bool = True,
    ) -> None:
        """With ``recover=False`` (command-line readers) sessions in progress are left alone:
        the app may be running one right now."""
        self._path = Path(db_path)
        self._clock = clock
        self._lock = threading.Lock()
        self._prepare_folder()
        self._check_writable()
        self._create_file()
        try:
            self._conn = sqlite3.connect(
                self._path,
                timeout=BUSY_TIMEOUT_SECONDS,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            raise self._explain(error) from error
        try:
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._quick_check()
            self.interrupted = self._open_transaction(recover)
            if self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
                raise LogError(f"Could not switch {self._path} to write-ahead logging.")
            # FULL: a committed step survives a power cut too, not just an app crash.
            self._conn.execute("PRAGMA synchronous = FULL")
        except sqlite3.Error as error:
            self._conn.close()
            raise self._explain(error) from error
        except BaseException:
            self._conn.close()
            raise
        self._tighten_permissions()

    @property
    def path(self) -> Path:
        return self._path

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SessionLog:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- opening -------------------------------------------------------------------------

    def _prepare_folder(self) -> None:
        missing: list[Path] = []
        folder = self._path.parent
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        try:
            for new_folder in reversed(missing):
                new_folder.mkdir(mode=0o700)
                os.chmod(new_folder, 0o700)  # mkdir's mode is filtered by the umask
        except OSError as error:
            raise LogError(
                f"Cannot create the data folder for {self._path}: {error.strerror}. "
                "Choose a folder you can write to."
            ) from error

    def _check_writable(self) -> None:
        folder = self._path.parent
        if not _can_write(folder):
            raise LogError(
                f"The folder holding {self._path} is read-only. Make it writable or "
                "choose another data folder; the log was not changed."
            )
        if self._path.exists() and not _can_write(self._path):
            raise LogError(
                f"The session log {self._path} is read-only. Make it writable "
                "(for example: chmod u+w) and start again; the file was not changed."
            )

    def _create_file(self) -> None:
        try:
            fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return
        except OSError as error:
            raise LogError(
                f"Cannot create the session log {self._path}: {error.strerror}."
            ) from error
        try:
            os.fchmod(fd, 0o600)
        finally:
            os.close(fd)

    def _open_transaction(self, recover: bool) -> list[SessionRecord]:
        """Migrate if needed and mark abandoned sessions, all under one write lock."""
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
            has_tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0
            if app_id not in (0, APPLICATION_ID) or (version == 0 and has_tables):
                raise LogError(
                    f"{self._path} is not a Sciatica Coach session log. Move it aside or "
                    "choose another data folder; the file was not changed."
                )
            if version > SCHEMA_VERSION:
                raise LogError(
                    f"The session log {self._path} was written by a newer version of Sciatica "
                    f"Coach (schema {version}; this version knows up to {SCHEMA_VERSION}). "
                    "Update the app to open it; the file was not changed."
                )
            if 0 < version < SCHEMA_VERSION:
                self._backup(version)
            for statements in MIGRATIONS[version:]:
                for statement in statements:
                    conn.execute(statement)
            if version != SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            ids = [
                row[0]
                for row in conn.execute("SELECT id FROM sessions WHERE status = ?", (IN_PROGRESS,))
                if recover
            ]
            # Best knowledge of an abandoned session: the steps it got through.
            conn.execute(
                """UPDATE sessions SET status = 'interrupted',
                     active_seconds = COALESCE(
                       (SELECT SUM(actual_seconds) FROM steps WHERE session_id = sessions.id), 0),
                     ended_at = (SELECT MAX(ended_at) FROM steps WHERE session_id = sessions.id)
                   WHERE status = 'in_progress' AND ?""",
                (recover,),
            )
            interrupted = [self._fetch_session(session_id) for session_id in ids]
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return interrupted

    def _backup(self, old_version: int) -> Path:
        """Copy the database next to itself before it is migrated away from old_version."""
        stamp = self._clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
        base = f"{self._path.name}.backup-v{old_version}-{stamp}"
        target = self._path.with_name(base)
        attempt = 1
        while True:
            try:
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                break
            except FileExistsError:
                attempt += 1
                target = self._path.with_name(f"{base}-{attempt}")
        os.fchmod(fd, 0o600)
        os.close(fd)
        # Our own connection holds the write lock, so read the source through a second one.
        source = sqlite3.connect(self._path, timeout=BUSY_TIMEOUT_SECONDS)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        except sqlite3.Error as error:
            copy.close()
            target.unlink(missing_ok=True)
            raise LogError(
                f"Could not back up {self._path} before updating it ({error}); "
                "the log was not changed. Free some disk space and try again."
            ) from error
        finally:
            source.close()
            copy.close()
        return target

    def _tighten_permissions(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            candidate = Path(f"{self._path}{suffix}")
            try:
                if stat.S_IMODE(candidate.stat().st_mode) != 0o600:
                    os.chmod(candidate, 0o600)
            except FileNotFoundError:
                continue

    def _quick_check(self) -> None:
        """Refuse a damaged log before anything is read from or written to it, rather than
        open it and fail on some later page. A plain read: it takes no write lock."""
        # Every page and record, but not the CHECK constraints: each write has already been
        # checked against them, and evaluating them again is most of the check's cost (on a
        # ten-year log about 250 ms instead of 25).
        self._conn.execute("PRAGMA ignore_check_constraints = ON")
        try:
            self._refuse_if_damaged("quick_check")
        finally:
            self._conn.execute("PRAGMA ignore_check_constraints = OFF")

    def check_integrity(self) -> None:
        """The full integrity check (every page, index and constraint) that a bulk write such
        as an import runs first; raises LogError if the log is damaged. Slower than the quick
        check made on opening."""
        with self._lock:
            self._refuse_if_damaged("integrity_check")

    def _refuse_if_damaged(self, check: str) -> None:
        try:
            first = self._conn.execute(f"PRAGMA {check}(1)").fetchone()
        except sqlite3.Error as error:
            raise self._explain(error) from error
        if first is None or first[0] != "ok":
            raise self._damaged()

    def _damaged(self) -> LogError:
        return LogError(
            f"The session log {self._path} is damaged or is not a database. Move it aside "
            "or restore a backup copy; the file was not changed."
        )

    def _explain(self, error: sqlite3.Error) -> LogError:
        name = str(getattr(error, "sqlite_errorname", ""))
        if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
            return LogError(
                f"The session log {self._path} is in use by another program (is Sciatica Coach "
                "already running?). Close it and try again."
            )
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            return self._damaged()
        if name.startswith("SQLITE_READONLY"):
            return LogError(
                f"The session log {self._path} or its folder is read-only. Make both writable "
                "and try again."
            )
        if name.startswith("SQLITE_FULL"):
            return LogError(
                f"The disk holding {self._path} is full. Free some space and try again."
            )
        return LogError(f"Could not use the session log {self._path}: {error}.")

    # --- plumbing ------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One committed transaction, so each write survives a crash right after it."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                    self._conn.execute("COMMIT")
                except BaseException:
                    if self._conn.in_transaction:
                        self._conn.execute("ROLLBACK")
                    raise
            except sqlite3.Error as error:
                raise self._explain(error) from error

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise self._explain(error) from error

    def _status_of(self, conn: sqlite3.Connection, session_id: int) -> str:
        row = conn.execute("SELECT status FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise LogError(f"There is no session {session_id} in {self._path}.")
        return str(row[0])

    def _fetch_session(self, session_id: int) -> SessionRecord:
        row = self._conn.execute(_SESSION_SELECT + " WHERE s.id = ?", (session_id,)).fetchone()
        if row is None:
            raise LogError(f"There is no session {session_id} in {self._path}.")
        return _session_from_row(row)

    # --- writes --------------------------------------------------------------------------

    def start_session(
        self,
        routine_id: str,
        routine_name: str,
        planned_seconds: float,
        planned_work_steps: int,
        started_at: datetime,
    ) -> int:
        """Record a session starting now; started_at is aware, in the user's local zone."""
        _require(bool(routine_id), "routine_id cannot be empty")
        _require(planned_seconds >= 0, "planned_seconds cannot be negative")
        _require(planned_work_steps >= 0, "planned_work_steps cannot be negative")
        _require_aware(started_at, "started_at")
        offset = started_at.utcoffset()
        assert offset is not None
        with self._write() as conn:
            cursor = conn.execute(
                """INSERT INTO sessions (routine_id, routine_name, started_at, local_date,
                     utc_offset_minutes, status, planned_seconds, planned_work_steps)
                   VALUES (?, ?, ?, ?, ?, 'in_progress', ?, ?)""",
                (
                    routine_id,
                    routine_name,
                    _utc_text(started_at),
                    started_at.date().isoformat(),
                    int(offset.total_seconds() // 60),
                    float(planned_seconds),
                    int(planned_work_steps),
                ),
            )
            session_id = cursor.lastrowid
        assert session_id is not None
        return session_id

    def record_step(self, session_id: int, step: StepRecord) -> None:
        """Save a step as it ends. A step logged again (after "back") replaces its earlier row
        unless that row was a better outcome: a redo never lowers done to skipped or stopped."""
        with self._write() as conn:
            status = self._status_of(conn, session_id)
            _require(status == IN_PROGRESS, f"session {session_id} is {status}, not in progress")
            conn.execute(
                f"""INSERT INTO steps (session_id, step_index, kind, exercise_id, exercise_name,
                     set_number, set_count, side, planned_seconds, actual_seconds, reps_planned,
                     reps_done, status, ended_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (session_id, step_index) DO UPDATE SET
                     kind = excluded.kind, exercise_id = excluded.exercise_id,
                     exercise_name = excluded.exercise_name, set_number = excluded.set_number,
                     set_count = excluded.set_count, side = excluded.side,
                     planned_seconds = excluded.planned_seconds,
                     actual_seconds = excluded.actual_seconds,
                     reps_planned = excluded.reps_planned, reps_done = excluded.reps_done,
                     status = excluded.status, ended_at = excluded.ended_at
                   WHERE {_rank_sql("excluded.status")} >= {_rank_sql("steps.status")}""",
                (
                    session_id,
                    step.step_index,
                    step.kind,
                    step.exercise_id,
                    step.exercise_name,
                    step.set_number,
                    step.set_count,
                    step.side,
                    float(step.planned_seconds),
                    float(step.actual_seconds),
                    step.reps_planned,
                    step.reps_done,
                    step.status,
                    _utc_text(step.ended_at),
                ),
            )

    def record_pain(self, session_id: int, check: PainCheck, taken_at: datetime) -> None:
        """Save the before or after pain check; a second check for the same moment replaces it."""
        _require(isinstance(check, PainCheck), "check must be a PainCheck")
        _require_aware(taken_at, "taken_at")
        with self._write() as conn:
            self._status_of(conn, session_id)
            conn.execute(
                """INSERT INTO pain_checks (session_id, moment, back, leg, note, reach, taken_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (session_id, moment) DO UPDATE SET
                     back = excluded.back, leg = excluded.leg, note = excluded.note,
                     reach = excluded.reach, taken_at = excluded.taken_at""",
                (
                    session_id,
                    check.moment,
                    check.back,
                    check.leg,
                    check.note,
                    check.reach,
                    _utc_text(taken_at),
                ),
            )

    def set_notes(self, session_id: int, text: str) -> None:
        with self._write() as conn:
            self._status_of(conn, session_id)
            conn.execute("UPDATE sessions SET notes = ? WHERE id = ?", (text, session_id))

    def finish_session(
        self,
        session_id: int,
        status: str,
        ended_at: datetime,
        active_seconds: float,
        stop_reason: str | None = None,
        stop_step: int | None = None,
    ) -> None:
        """Close a session as "completed" or "stopped" (stop_reason says why, if known, and
        stop_step is the index of the step it was stopped in)."""
        _require(
            status in (COMPLETED, STOPPED),
            f"a session finishes completed or stopped, not {status!r}",
        )
        _require(
            status == STOPPED or stop_reason is None, "only a stopped session has a stop reason"
        )
        _require(active_seconds >= 0, "active_seconds cannot be negative")
        _require(status == STOPPED or stop_step is None, "only a stopped session has a stop step")
        _require(stop_step is None or stop_step >= 0, "stop_step cannot be negative")
        _require_aware(ended_at, "ended_at")
        with self._write() as conn:
            current = self._status_of(conn, session_id)
            _require(
                current in (IN_PROGRESS, INTERRUPTED),
                f"session {session_id} is already {current}",
            )
            conn.execute(
                """UPDATE sessions SET status = ?, ended_at = ?, active_seconds = ?,
                     stop_reason = ?, stop_step = ?
                   WHERE id = ?""",
                (
                    status,
                    _utc_text(ended_at),
                    float(active_seconds),
                    stop_reason,
                    stop_step,
                    session_id,
                ),
            )

    def reopen_session(self, session_id: int) -> int:
        """Mark an interrupted or stopped session in progress again.

        Returns the index of the first unfinished step: the lowest step index with no row,
        or whose row says it was stopped part-way.
        """
        with self._write() as conn:
            current = self._status_of(conn, session_id)
            _require(
                current in (INTERRUPTED, STOPPED),
                f"only an interrupted or stopped session can be resumed; {session_id} is {current}",
            )
            conn.execute(
                """UPDATE sessions SET status = 'in_progress', ended_at = NULL, stop_reason = NULL,
                     stop_step = NULL
                   WHERE id = ?""",
                (session_id,),
            )
            finished = {
                int(row[0])
                for row in conn.execute(
                    "SELECT step_index FROM steps WHERE session_id = ? AND status != 'stopped'",
                    (session_id,),
                )
            }
        first = 0
        while first in finished:
            first += 1
        return first

    def delete_session(self, session_id: int) -> None:
        """Remove a session with its steps and pain checks."""
        with self._write() as conn:
            self._status_of(conn, session_id)
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def set_plan(self, plan: WeeklyPlan, effective_from: date) -> None:
        """Adopt ``plan`` from the local date ``effective_from`` on; earlier weeks keep theirs.

        A plan set twice on one day replaces that day's plan.
        """
        _require(
            isinstance(effective_from, date) and not isinstance(effective_from, datetime),
            "a plan takes effect from a date, not a time",
        )
        with self._write() as conn:
            conn.execute(
                """INSERT INTO plans (effective_from, sessions_per_week, weekdays)
                   VALUES (?, ?, ?)
                   ON CONFLICT (effective_from) DO UPDATE SET
                     sessions_per_week = excluded.sessions_per_week,
                     weekdays = excluded.weekdays""",
                (
                    effective_from.isoformat(),
                    plan.sessions_per_week,
                    json.dumps(sorted(plan.weekdays)),
                ),
            )

    # --- reads ---------------------------------------------------------------------------

    def plan(self, on: date | None = None) -> WeeklyPlan:
        """The weekly plan in effect on the local date ``on`` (the newest plan when ``on`` is
        None); the default (5 a week) before any plan was set."""
        history = self.plan_history()
        if on is not None:
            history = [(start, plan) for start, plan in history if start <= on]
        return history[-1][1] if history else WeeklyPlan()

    def plan_history(self) -> list[tuple[date, WeeklyPlan]]:
        """Every plan the user has set, with the local date it took effect, oldest first."""
        rows = self._read(
            "SELECT effective_from, sessions_per_week, weekdays FROM plans ORDER BY effective_from"
        )
        return [
            (
                date.fromisoformat(r[0]),
                WeeklyPlan(int(r[1]), frozenset(int(day) for day in json.loads(r[2]))),
            )
            for r in rows
        ]

    def sessions(
        self, since: date | None = None, until: date | None = None, limit: int | None = None
    ) -> list[SessionRecord]:
        """Sessions whose local start date is within [since, until], newest first.

        With limit, only that many of the newest (for a "recent sessions" list).
        """
        where, params = _date_range("s.local_date", since, until)
        sql = _SESSION_SELECT + where + " ORDER BY s.started_at DESC, s.id DESC"
        if limit is not None:
            _require(limit >= 0, "limit cannot be negative")
            sql += f" LIMIT {int(limit)}"
        return [_session_from_row(row) for row in self._read(sql, params)]

    def unfinished_sessions(self) -> list[SessionRecord]:
        """Sessions cut short by a crash or a closed app and not yet resumed or closed,
        newest first: they stay on offer until the user decides."""
        sql = _SESSION_SELECT + " WHERE s.status = ? ORDER BY s.started_at DESC, s.id DESC"
        return [_session_from_row(row) for row in self._read(sql, (INTERRUPTED,))]

    def session(self, session_id: int) -> SessionRecord:
        with self._lock:
            try:
                return self._fetch_session(session_id)
            except sqlite3.Error as error:
                raise self._explain(error) from error

    def steps(self, session_id: int) -> list[StepRecord]:
        """The recorded steps of a session in step order."""
        rows = self._read(
            """SELECT step_index, kind, exercise_id, exercise_name, set_number, set_count, side,
                      planned_seconds, actual_seconds, reps_planned, reps_done, status, ended_at
               FROM steps WHERE session_id = ? ORDER BY step_index""",
            (session_id,),
        )
        return [_step_from_row(row) for row in rows]

    def day_totals(
        self, since: date | None = None, until: date | None = None
    ) -> list[PeriodTotals]:
        """Per local date with finished sessions: counts and active time, oldest first."""
        return self._totals("local_date", since, until)

    def week_totals(
        self, since: date | None = None, until: date | None = None
    ) -> list[PeriodTotals]:
        """Per ISO week (Monday start) with finished sessions, over local dates in range."""
        return self._totals(_WEEK_START_SQL, since, until)

    def _totals(
        self, period_sql: str, since: date | None, until: date | None
    ) -> list[PeriodTotals]:
        where, params = _date_range("local_date", since, until)
        where += (" AND" if where else " WHERE") + " status != 'in_progress'"
        rows = self._read(
            f"""SELECT {period_sql} AS period, COUNT(*), SUM({_ADHERENT_SQL}), SUM(active_seconds)
                FROM sessions{where} GROUP BY period ORDER BY period""",
            params,
        )
        return [
            PeriodTotals(date.fromisoformat(r[0]), int(r[1]), int(r[2]), float(r[3])) for r in rows
        ]

    def work_totals(self, since: date | None = None, until: date | None = None) -> tuple[int, int]:
        """(planned, done) work steps over finished sessions within the date range."""
        where, params = _date_range("s.local_date", since, until)
        where += (" AND" if where else " WHERE") + " s.status != 'in_progress'"
        row = self._read(
            f"""SELECT COALESCE(SUM(s.planned_work_steps), 0),
                       COALESCE(SUM((SELECT COUNT(*) FROM steps AS t WHERE t.session_id = s.id
                                     AND t.kind = 'work' AND t.status = 'done')), 0)
                FROM sessions AS s{where}""",
            params,
        )[0]
        return int(row[0]), int(row[1])

    def pain_rows(self, since: date | None = None, until: date | None = None) -> list[PainRow]:
        """(local_date, session_id, back_before, leg_before, back_after, leg_after), oldest first,
        for sessions with at least one pain check."""
        where, params = _date_range("s.local_date", since, until)
        rows = self._read(
            f"""SELECT s.local_date, s.id, pb.back, pb.leg, pa.back, pa.leg
                FROM sessions AS s
                LEFT JOIN pain_checks AS pb ON pb.session_id = s.id AND pb.moment = 'before'
                LEFT JOIN pain_checks AS pa ON pa.session_id = s.id AND pa.moment = 'after'
                {where}{" AND" if where else " WHERE"}
                  (pb.session_id IS NOT NULL OR pa.session_id IS NOT NULL)
                ORDER BY s.local_date, s.started_at, s.id""",
            params,
        )
        return [(date.fromisoformat(r[0]), int(r[1]), r[2], r[3], r[4], r[5]) for r in rows]

    # --- for reports and file import ------------------------------------------------------

    def exercise_totals(
        self, since: date | None = None, until: date | None = None
    ) -> list[tuple[str | None, str, int, int]]:
        """(exercise_id, exercise_name, work steps done, skipped) over finished sessions in
        the range, most skipped first."""
        where, params = _date_range("s.local_date", since, until)
        where += (" AND" if where else " WHERE") + " s.status != 'in_progress'"
        rows = self._read(
            f"""SELECT t.exercise_id, MAX(COALESCE(t.exercise_name, t.exercise_id, '')),
                       SUM(t.status = 'done'), SUM(t.status = 'skipped')
                FROM sessions AS s JOIN steps AS t ON t.session_id = s.id AND t.kind = 'work'
                {where}
                GROUP BY t.exercise_id ORDER BY 4 DESC, 2""",
            params,
        )
        return [(r[0], str(r[1]), int(r[2]), int(r[3])) for r in rows]

    def pain_times(self, session_id: int) -> dict[str, datetime]:
        """When each pain check of a session was taken, by moment ("before", "after")."""
        rows = self._read(
            "SELECT moment, taken_at FROM pain_checks WHERE session_id = ?", (session_id,)
        )
        return {str(r[0]): _from_utc_text(r[1]) for r in rows}

    def import_sessions(
        self,
        entries: Sequence[tuple[SessionRecord, Sequence[StepRecord], Mapping[str, datetime]]],
    ) -> list[int | None]:
        """Add whole finished sessions in one transaction: all of them or, on an error, none.

        Each entry is a session (its id and work counts are ignored: they follow from the
        steps), its steps, and when its pain checks were taken, by moment. A session whose
        UTC start and routine id are already logged is left out; the result holds None for it
        and the new id for each session added.
        """
        added: list[int | None] = []
        with self._write() as conn:
            for record, steps, pain_taken in entries:
                _require(
                    record.status in (COMPLETED, STOPPED, INTERRUPTED),
                    f"an imported session is completed, stopped or interrupted, "
                    f"not {record.status!r}",
                )
                _require(bool(record.routine_id), "routine_id cannot be empty")
                _require_aware(record.started_at, "started_at")
                started = _utc_text(record.started_at)
                if conn.execute(
                    "SELECT 1 FROM sessions WHERE started_at = ? AND routine_id = ?",
                    (started, record.routine_id),
                ).fetchone():
                    added.append(None)
                    continue
                ended = None if record.ended_at is None else _utc_text(record.ended_at)
                session_id = conn.execute(
                    """INSERT INTO sessions (routine_id, routine_name, started_at, local_date,
                         utc_offset_minutes, ended_at, status, stop_reason, planned_seconds,
                         planned_work_steps, active_seconds, notes, stop_step)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        record.routine_id,
                        record.routine_name,
                        started,
                        record.local_date.isoformat(),
                        record.utc_offset_minutes,
                        ended,
                        record.status,
                        record.stop_reason,
                        float(record.planned_seconds),
                        int(record.planned_work_steps),
                        float(record.active_seconds),
                        record.notes,
                        record.stop_step,
                    ),
                ).lastrowid
                conn.executemany(
                    """INSERT INTO steps (session_id, step_index, kind, exercise_id,
                         exercise_name, set_number, set_count, side, planned_seconds,
                         actual_seconds, reps_planned, reps_done, status, ended_at)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [
                        (
                            session_id,
                            s.step_index,
                            s.kind,
                            s.exercise_id,
                            s.exercise_name,
                            s.set_number,
                            s.set_count,
                            s.side,
                            float(s.planned_seconds),
                            float(s.actual_seconds),
                            s.reps_planned,
                            s.reps_done,
                            s.status,
                            _utc_text(s.ended_at),
                        )
                        for s in steps
                    ],
                )
                for check in (record.pain_before, record.pain_after):
                    if check is None:
                        continue
                    taken = pain_taken.get(check.moment, record.started_at)
                    _require_aware(taken, "taken_at")
                    conn.execute(
                        """INSERT INTO pain_checks
                             (session_id, moment, back, leg, note, reach, taken_at)
                           VALUES (?, ?, ?, ?, ?, ?, ?)""",
                        (
                            session_id,
                            check.moment,
                            check.back,
                            check.leg,
                            check.note,
                            check.reach,
                            _utc_text(taken),
                        ),
                    )
                added.append(session_id)
        return added

    # --- for the progress charts -------------------------------------------------------

    def pain_week_rows(
        self, since: date | None = None, until: date | None = None
    ) -> list[tuple[date, int, float | None, float | None, float | None, float | None]]:
        """Per ISO week (Monday start) of local dates in range: (week, sessions with a pain
        check, mean back before, leg before, back after, leg after), oldest first; a mean is
        None when no session that week had that check."""
        where, params = _date_range("s.local_date", since, until)
        rows = self._read(
            f"""SELECT date(s.local_date, 'weekday 0', '-6 days') AS week, COUNT(*),
                       AVG(pb.back), AVG(pb.leg), AVG(pa.back), AVG(pa.leg)
                FROM sessions AS s
                LEFT JOIN pain_checks AS pb ON pb.session_id = s.id AND pb.moment = 'before'
                LEFT JOIN pain_checks AS pa ON pa.session_id = s.id AND pa.moment = 'after'
                {where}{" AND" if where else " WHERE"}
                  (pb.session_id IS NOT NULL OR pa.session_id IS NOT NULL)
                GROUP BY week ORDER BY week""",
            params,
        )
        return [(date.fromisoformat(r[0]), int(r[1]), r[2], r[3], r[4], r[5]) for r in rows]


def _rank_sql(column: str) -> str:
    """SQL giving STEP_OUTCOME_RANK of a status column."""
    cases = " ".join(f"WHEN '{status}' THEN {rank}" for status, rank in STEP_OUTCOME_RANK.items())
    return f"(CASE {column} {cases} ELSE -1 END)"


def _date_range(column: str, since: date | None, until: date | None) -> tuple[str, tuple[str, ...]]:
    clauses: list[str] = []
    params: list[str] = []
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append(f"{column} <= ?")
        params.append(until.isoformat())
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def _pain_from(moment: str, back: Any, leg: Any, note: Any, reach: Any) -> PainCheck | None:
    if back is None:
        return None
    return PainCheck(moment, int(back), int(leg), str(note), reach)


def _step_from_row(r: Any) -> StepRecord:
    return StepRecord(
        step_index=int(r[0]),
        kind=str(r[1]),
        exercise_id=r[2],
        exercise_name=r[3],
        set_number=int(r[4]),
        set_count=int(r[5]),
        side=r[6],
        planned_seconds=float(r[7]),
        actual_seconds=float(r[8]),
        reps_planned=r[9],
        reps_done=r[10],
        status=str(r[11]),
        ended_at=_from_utc_text(r[12]),
    )


def _session_from_row(r: Any) -> SessionRecord:
    return SessionRecord(
        id=int(r[0]),
        routine_id=str(r[1]),
        routine_name=str(r[2]),
        started_at=_from_utc_text(r[3]),
        local_date=date.fromisoformat(r[4]),
        utc_offset_minutes=int(r[5]),
        ended_at=None if r[6] is None else _from_utc_text(r[6]),
        status=str(r[7]),
        stop_reason=r[8],
        planned_seconds=float(r[9]),
        planned_work_steps=int(r[10]),
        active_seconds=float(r[11]),
        notes=str(r[12]),
        pain_before=_pain_from("before", r[13], r[14], r[15], r[16]),
        pain_after=_pain_from("after", r[17], r[18], r[19], r[20]),
        work_done=int(r[21]),
        work_skipped=int(r[22]),
        stop_step=None if r[23] is None else int(r[23]),
    )


def _can_write(path: Path) -> bool:
    # effective_ids: a process that dropped privileges must be judged by what it can do now.
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)

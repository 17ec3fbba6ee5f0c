"""The session log's file: schema and migrations, safe opening, backups and error messages.

Everything here is about the SQLite file rather than what it records: creating it private to
the user, refusing one that is read-only, damaged, foreign or from a newer app, copying it
aside before a migration, and turning SQLite's errors into a LogError the user can act on.
`log.SessionLog` calls these in order when it opens the file.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from sciatica_coach.core.records import LogError
from sciatica_coach.i18n import _

logger = logging.getLogger(__name__)

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
    (
        # A step done in the exercise's easier or harder version says so; NULL is as written.
        "ALTER TABLE steps ADD COLUMN variant TEXT CHECK (variant IN ('easier', 'harder'))",
    ),
    (
        # The leg's response to an exercise, given in the rest after it, on its last step.
        """ALTER TABLE steps ADD COLUMN leg_response TEXT
            CHECK (leg_response IN ('better', 'same', 'worse'))""",
        # Each symptom profile the user saved; the latest is the one in use.
        """CREATE TABLE symptom_profiles (
            recorded_at TEXT PRIMARY KEY,
            local_date TEXT NOT NULL,
            reach TEXT CHECK (reach IN ('none', 'back', 'buttock', 'thigh', 'below_knee', 'foot')),
            eases TEXT NOT NULL
                CHECK (eases IN ('bending_forward', 'leaning_back', 'neither', 'not_sure')),
            flexion_check TEXT CHECK (flexion_check IN ('up', 'same', 'down')),
            extension_check TEXT CHECK (extension_check IN ('up', 'same', 'down'))
        ) WITHOUT ROWID""",
        # The morning after a session: the leg compared with before it, and scores.
        """CREATE TABLE morning_checks (
            session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
            compared TEXT NOT NULL CHECK (compared IN ('better', 'same', 'worse')),
            back INTEGER CHECK (back BETWEEN 0 AND 10),
            leg INTEGER CHECK (leg BETWEEN 0 AND 10),
            reach TEXT CHECK (reach IN ('none', 'back', 'buttock', 'thigh', 'below_knee', 'foot')),
            taken_at TEXT NOT NULL,
            local_date TEXT NOT NULL
        )""",
        # What the coach suggested after a session, by which rule, and what the user chose.
        """CREATE TABLE suggestions (
            session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
            rule TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL,
            routine_id TEXT,
            exercise_id TEXT,
            -- "routine id/exercise id": one rule may suggest leaving out several exercises.
            subject TEXT NOT NULL,
            decision TEXT CHECK (decision IN ('accepted', 'dismissed')),
            decided_at TEXT,
            PRIMARY KEY (session_id, rule, subject)
        ) WITHOUT ROWID""",
    ),
    (
        # The time of day of each planned weekday's reminder (0 Monday … 6 Sunday), "HH:MM".
        """CREATE TABLE reminder_times (
            weekday INTEGER PRIMARY KEY CHECK (weekday BETWEEN 0 AND 6),
            at TEXT NOT NULL
        )""",
        # Days the user answered a reminder with "Not today": skipped, not forgotten.
        """CREATE TABLE skipped_days (
            local_date TEXT PRIMARY KEY,
            answered_at TEXT NOT NULL
        ) WITHOUT ROWID""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path) -> sqlite3.Connection:
    """Open the log at path, creating it (and its folders) private to the user if missing.

    Refuses a read-only file or folder and a damaged file before anything is written. The
    connection runs in autocommit mode: the caller begins its own transactions.
    """
    _prepare_folder(path)
    _check_writable(path)
    _create_file(path)
    try:
        conn = sqlite3.connect(
            path,
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,
            check_same_thread=False,
        )
    except sqlite3.Error as error:
        raise explain(error, path) from error
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        _quick_check(conn, path)
    except sqlite3.Error as error:
        conn.close()
        raise explain(error, path) from error
    except BaseException:
        conn.close()
        raise
    return conn


def migrate(conn: sqlite3.Connection, path: Path, clock: Callable[[], datetime]) -> None:
    """Bring the file up to SCHEMA_VERSION inside the caller's write transaction.

    A file at an older version is first copied aside (see `backup`); a foreign file or one
    written by a newer app is refused unchanged.
    """
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    has_tables = conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0
    if app_id not in (0, APPLICATION_ID) or (version == 0 and has_tables):
        raise LogError(
            _(
                "{path} is not a Sciatica Coach session log. Move it aside or "
                "choose another data folder; the file was not changed."
            ).format(path=path)
        )
    if version > SCHEMA_VERSION:
        raise LogError(
            _(
                "The session log {path} was written by a newer version of Sciatica "
                "Coach (schema {version}; this version knows up to {known}). "
                "Update the app to open it; the file was not changed."
            ).format(path=path, version=version, known=SCHEMA_VERSION)
        )
    if version == SCHEMA_VERSION:
        return
    if version == 0:
        logger.info("Creating session log %s at schema %d", path, SCHEMA_VERSION)
    else:
        backup(path, version, clock)
        logger.info("Migrating session log %s from schema %d to %d", path, version, SCHEMA_VERSION)
    for statements in MIGRATIONS[version:]:
        for statement in statements:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def backup(path: Path, old_version: int, clock: Callable[[], datetime]) -> Path:
    """Copy the database next to itself before it is migrated away from old_version; the copy
    is named with the time from clock (UTC) and never overwrites an earlier one."""
    stamp = clock().astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = f"{path.name}.backup-v{old_version}-{stamp}"
    target = path.with_name(base)
    attempt = 1
    while True:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            break
        except FileExistsError:
            attempt += 1
            target = path.with_name(f"{base}-{attempt}")
    os.fchmod(fd, 0o600)
    os.close(fd)
    # The caller's connection holds the write lock, so read the source through a second one.
    source = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    except sqlite3.Error as error:
        copy.close()
        target.unlink(missing_ok=True)
        raise LogError(
            _(
                "Could not back up {path} before updating it ({error}); "
                "the log was not changed. Free some disk space and try again."
            ).format(path=path, error=error)
        ) from error
    finally:
        source.close()
        copy.close()
    logger.info("Backed up session log schema %d to %s", old_version, target)
    return target


def make_durable(conn: sqlite3.Connection, path: Path) -> None:
    """Switch to write-ahead logging with full syncs, so each committed write survives."""
    if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0] != "wal":
        raise LogError(_("Could not switch {path} to write-ahead logging.").format(path=path))
    # FULL: a committed step survives a power cut too, not just an app crash.
    conn.execute("PRAGMA synchronous = FULL")


def tighten_permissions(path: Path) -> None:
    """Make the log and its WAL side files readable by the user alone."""
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        try:
            if stat.S_IMODE(candidate.stat().st_mode) != 0o600:
                os.chmod(candidate, 0o600)
        except FileNotFoundError:
            continue


def refuse_if_damaged(conn: sqlite3.Connection, path: Path, check: str) -> None:
    """Run PRAGMA ``check`` ("quick_check" or "integrity_check"); LogError unless it is ok."""
    try:
        first = conn.execute(f"PRAGMA {check}(1)").fetchone()
    except sqlite3.Error as error:
        raise explain(error, path) from error
    if first is None or first[0] != "ok":
        raise _damaged(path)


def explain(error: sqlite3.Error, path: Path) -> LogError:
    """A LogError for a SQLite error, saying what the user can do about it."""
    name = str(getattr(error, "sqlite_errorname", ""))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return LogError(
            _(
                "The session log {path} is in use by another program (is Sciatica Coach "
                "already running?). Close it and try again."
            ).format(path=path)
        )
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return _damaged(path)
    if name.startswith("SQLITE_READONLY"):
        return LogError(
            _(
                "The session log {path} or its folder is read-only. "
                "Make both writable and try again."
            ).format(path=path)
        )
    if name.startswith("SQLITE_FULL"):
        message = _("The disk holding {path} is full. Free some space and try again.")
        return LogError(message.format(path=path))
    return LogError(
        _("Could not use the session log {path}: {error}.").format(path=path, error=error)
    )


def _damaged(path: Path) -> LogError:
    return LogError(
        _(
            "The session log {path} is damaged or is not a database. Move it aside "
            "or restore a backup copy; the file was not changed."
        ).format(path=path)
    )


def _quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged log before anything is read from or written to it, rather than
    open it and fail on some later page. A plain read: it takes no write lock."""
    # Every page and record, but not the CHECK constraints: each write has already been
    # checked against them, and evaluating them again is most of the check's cost (on a
    # ten-year log about 250 ms instead of 25).
    conn.execute("PRAGMA ignore_check_constraints = ON")
    try:
        refuse_if_damaged(conn, path, "quick_check")
    finally:
        conn.execute("PRAGMA ignore_check_constraints = OFF")


def _prepare_folder(path: Path) -> None:
    missing: list[Path] = []
    folder = path.parent
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    try:
        for new_folder in reversed(missing):
            new_folder.mkdir(mode=0o700)
            os.chmod(new_folder, 0o700)  # mkdir's mode is filtered by the umask
    except OSError as error:
        raise LogError(
            _(
                "Cannot create the data folder for {path}: {error}. "
                "Choose a folder you can write to."
            ).format(path=path, error=error.strerror)
        ) from error


def _check_writable(path: Path) -> None:
    if not _can_write(path.parent):
        raise LogError(
            _(
                "The folder holding {path} is read-only. Make it writable or "
                "choose another data folder; the log was not changed."
            ).format(path=path)
        )
    if path.exists() and not _can_write(path):
        raise LogError(
            _(
                "The session log {path} is read-only. Make it writable "
                "(for example: chmod u+w) and start again; the file was not changed."
            ).format(path=path)
        )


def _create_file(path: Path) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        message = _("Cannot create the session log {path}: {error}.")
        raise LogError(message.format(path=path, error=error.strerror)) from error
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def _can_write(path: Path) -> bool:
    # effective_ids: a process that dropped privileges must be judged by what it can do now.
    if os.access in os.supports_effective_ids:
        return os.access(path, os.W_OK, effective_ids=True)
    return os.access(path, os.W_OK)

"""The session log: one SQLite file holding every session, step and pain check.

Every write is committed at once, so a crash or power cut loses at most the step in progress.
Times are stored as UTC ISO-8601 text next to the local calendar date the session started on;
day and week statistics group by that stored local date, so a DST switch or a flight across time
zones never moves a session to another day after the fact.

This module writes and reads; the record types it takes and returns are in `records`, and
opening the file safely (migrations, backups, permissions, error messages) is in `schema`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sciatica_coach.core import schema
from sciatica_coach.core.records import (
    COMPLETED,
    IN_PROGRESS,
    INTERRUPTED,
    STEP_OUTCOME_RANK,
    STOP_RULE_REASONS,
    STOPPED,
    ExerciseTotals,
    LogError,
    PainCheck,
    PainPoint,
    PeriodTotals,
    PlanChange,
    SessionRecord,
    StepRecord,
    WeeklyPlan,
    WeekPain,
    WorkTotals,
    require,
    require_aware,
)
from sciatica_coach.core.reminder_log import ReminderRecords
from sciatica_coach.core.symptom_log import SymptomRecords, insert_morning_check
from sciatica_coach.core.symptoms import MorningCheck
from sciatica_coach.i18n import _


def _utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _from_utc_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def _system_clock() -> datetime:
    return datetime.now(UTC)


_STOP_RULE_SQL = ", ".join(f"'{reason}'" for reason in sorted(STOP_RULE_REASONS))
# i18n: not words (SQL)
_ADHERENT_SQL = (
    f"(status = 'completed' OR (status = 'stopped' AND stop_reason IN ({_STOP_RULE_SQL})))"
)
# Monday of the ISO week holding local_date: 'weekday 0' moves forward to Sunday.
# i18n: not words (SQL)
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


def _rank_sql(column: str) -> str:
    """SQL giving STEP_OUTCOME_RANK of a status column."""
    cases = " ".join(f"WHEN '{status}' THEN {rank}" for status, rank in STEP_OUTCOME_RANK.items())
    return f"(CASE {column} {cases} ELSE -1 END)"


# The one INSERT for each table, shared by the live writes and import_sessions; the values
# come from _session_values, _step_values and _pain_values below.
_INSERT_SESSION = """INSERT INTO sessions (routine_id, routine_name, started_at, local_date,
     utc_offset_minutes, ended_at, status, stop_reason, planned_seconds, planned_work_steps,
     active_seconds, notes, stop_step)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_INSERT_STEP = """INSERT INTO steps (session_id, step_index, kind, exercise_id, exercise_name,
     set_number, set_count, side, planned_seconds, actual_seconds, reps_planned, reps_done,
     status, ended_at, variant, leg_response)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
_INSERT_PAIN = """INSERT INTO pain_checks (session_id, moment, back, leg, note, reach, taken_at)
   VALUES (?, ?, ?, ?, ?, ?, ?)"""
# A live session may log a step or a pain check again; an import adds new sessions only, so
# there a repeat is a fault in the file and, left to fail, undoes the whole import.
_REDO_STEP = f"""
   ON CONFLICT (session_id, step_index) DO UPDATE SET
     kind = excluded.kind, exercise_id = excluded.exercise_id,
     exercise_name = excluded.exercise_name, set_number = excluded.set_number,
     set_count = excluded.set_count, side = excluded.side,
     planned_seconds = excluded.planned_seconds, actual_seconds = excluded.actual_seconds,
     reps_planned = excluded.reps_planned, reps_done = excluded.reps_done,
     status = excluded.status, ended_at = excluded.ended_at, variant = excluded.variant
   WHERE {_rank_sql("excluded.status")} >= {_rank_sql("steps.status")}"""
_RETAKE_PAIN = """
   ON CONFLICT (session_id, moment) DO UPDATE SET
     back = excluded.back, leg = excluded.leg, note = excluded.note,
     reach = excluded.reach, taken_at = excluded.taken_at"""


class SessionLog(SymptomRecords, ReminderRecords):
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
        self._conn = schema.connect(self._path)
        try:
            self.interrupted = self._open_transaction(recover)
            schema.make_durable(self._conn, self._path)
        except sqlite3.Error as error:
            self._conn.close()
            raise schema.explain(error, self._path) from error
        except BaseException:
            self._conn.close()
            raise
        schema.tighten_permissions(self._path)

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

    def _open_transaction(self, recover: bool) -> list[SessionRecord]:
        """Migrate if needed and mark abandoned sessions, all under one write lock."""
        conn = self._conn
        # equivalent mutant: SQL keywords and names are case-blind
        conn.execute("BEGIN IMMEDIATE")
        try:
            schema.migrate(conn, self._path, self._clock)
            ids = [
                row[0]
                # equivalent mutant: SQL keywords and names are case-blind
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
            # equivalent mutant: SQL keywords and names are case-blind
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                # equivalent mutant: SQL keywords and names are case-blind
                conn.execute("ROLLBACK")
            raise
        return interrupted

    def check_integrity(self) -> None:
        """The full integrity check (every page, index and constraint) that a bulk write such
        as an import runs first; raises LogError if the log is damaged. Slower than the quick
        check made on opening."""
        with self._lock:
            schema.refuse_if_damaged(self._conn, self._path, "integrity_check")

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
                raise schema.explain(error, self._path) from error

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as error:
                raise schema.explain(error, self._path) from error

    def _status_of(self, conn: sqlite3.Connection, session_id: int) -> str:
        # equivalent mutant: SQL keywords and names are case-blind
        row = conn.execute("SELECT status FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise LogError(
                _("There is no session {id} in {path}.").format(id=session_id, path=self._path)
            )
        return str(row[0])

    def _fetch_session(self, session_id: int) -> SessionRecord:
        # equivalent mutant: SQL keywords and names are case-blind
        row = self._conn.execute(_SESSION_SELECT + " WHERE s.id = ?", (session_id,)).fetchone()
        if row is None:
            raise LogError(
                _("There is no session {id} in {path}.").format(id=session_id, path=self._path)
            )
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
        require(bool(routine_id), "routine_id cannot be empty")
        require(planned_seconds >= 0, "planned_seconds cannot be negative")
        require(planned_work_steps >= 0, "planned_work_steps cannot be negative")
        require_aware(started_at, "started_at")
        offset = started_at.utcoffset()
        assert offset is not None
        new = SessionRecord(
            id=0,  # equivalent mutant: the file gives the id; never written
            routine_id=routine_id,
            routine_name=routine_name,
            started_at=started_at,
            local_date=started_at.date(),
            utc_offset_minutes=int(offset.total_seconds() // 60),
            ended_at=None,
            status=IN_PROGRESS,
            stop_reason=None,
            planned_seconds=planned_seconds,
            planned_work_steps=planned_work_steps,
            active_seconds=0.0,
            notes="",
            pain_before=None,
            pain_after=None,
            work_done=0,  # equivalent mutant: counted from the steps; never written
            work_skipped=0,  # equivalent mutant: counted from the steps; never written
        )
        with self._write() as conn:
            return _insert_session(conn, new)

    def record_step(self, session_id: int, step: StepRecord) -> None:
        """Save a step as it ends. A step logged again (after "back") replaces its earlier row
        unless that row was a better outcome: a redo never lowers done to skipped or stopped."""
        with self._write() as conn:
            status = self._status_of(conn, session_id)
            require(status == IN_PROGRESS, f"session {session_id} is {status}, not in progress")
            conn.execute(_INSERT_STEP + _REDO_STEP, _step_values(session_id, step))

    def record_pain(self, session_id: int, check: PainCheck, taken_at: datetime) -> None:
        """Save the before or after pain check; a second check for the same moment replaces it."""
        require(isinstance(check, PainCheck), "check must be a PainCheck")
        require_aware(taken_at, "taken_at")
        with self._write() as conn:
            self._status_of(conn, session_id)
            conn.execute(_INSERT_PAIN + _RETAKE_PAIN, _pain_values(session_id, check, taken_at))

    def set_notes(self, session_id: int, text: str) -> None:
        with self._write() as conn:
            self._status_of(conn, session_id)
            # equivalent mutant: SQL keywords and names are case-blind
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
        require(
            status in (COMPLETED, STOPPED),
            f"a session finishes completed or stopped, not {status!r}",
        )
        require(
            status == STOPPED or stop_reason is None, "only a stopped session has a stop reason"
        )
        require(active_seconds >= 0, "active_seconds cannot be negative")
        require(status == STOPPED or stop_step is None, "only a stopped session has a stop step")
        require(stop_step is None or stop_step >= 0, "stop_step cannot be negative")
        require_aware(ended_at, "ended_at")
        with self._write() as conn:
            current = self._status_of(conn, session_id)
            require(
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
            require(
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
                    # equivalent mutant: SQL keywords and names are case-blind
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
            # equivalent mutant: SQL keywords and names are case-blind
            conn.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def set_plan(self, plan: WeeklyPlan, effective_from: date) -> None:
        """Adopt ``plan`` from the local date ``effective_from`` on; earlier weeks keep theirs.

        A plan set twice on one day replaces that day's plan.
        """
        require(
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
            history = [change for change in history if change.effective_from <= on]
        return history[-1].plan if history else WeeklyPlan()

    def plan_history(self) -> list[PlanChange]:
        """Every plan the user has set, with the local date it took effect, oldest first."""
        rows = self._read(
            # equivalent mutant: SQL keywords and names are case-blind
            "SELECT effective_from, sessions_per_week, weekdays FROM plans ORDER BY effective_from"
        )
        return [
            PlanChange(
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
        # equivalent mutant: SQL keywords and names are case-blind
        where, params = _date_range("s.local_date", since, until)
        # equivalent mutant: SQL keywords and names are case-blind
        sql = _SESSION_SELECT + where + " ORDER BY s.started_at DESC, s.id DESC"
        if limit is not None:
            require(limit >= 0, "limit cannot be negative")
            sql += f" LIMIT {int(limit)}"
        return [_session_from_row(row) for row in self._read(sql, params)]

    def unfinished_sessions(self) -> list[SessionRecord]:
        """Sessions cut short by a crash or a closed app and not yet resumed or closed,
        newest first: they stay on offer until the user decides."""
        # equivalent mutant: SQL keywords and names are case-blind
        sql = _SESSION_SELECT + " WHERE s.status = ? ORDER BY s.started_at DESC, s.id DESC"
        return [_session_from_row(row) for row in self._read(sql, (INTERRUPTED,))]

    def session(self, session_id: int) -> SessionRecord:
        with self._lock:
            try:
                return self._fetch_session(session_id)
            except sqlite3.Error as error:
                raise schema.explain(error, self._path) from error

    def steps(self, session_id: int) -> list[StepRecord]:
        """The recorded steps of a session in step order."""
        rows = self._read(
            """SELECT step_index, kind, exercise_id, exercise_name, set_number, set_count, side,
                      planned_seconds, actual_seconds, reps_planned, reps_done, status, ended_at,
                      variant, leg_response
               FROM steps WHERE session_id = ? ORDER BY step_index""",
            (session_id,),
        )
        return [_step_from_row(row) for row in rows]

    def day_totals(
        self, since: date | None = None, until: date | None = None
    ) -> list[PeriodTotals]:
        """Per local date with finished sessions: counts and active time, oldest first."""
        # equivalent mutant: SQL keywords and names are case-blind
        return self._totals("local_date", since, until)

    def first_day(self) -> date | None:
        """The local date of the first finished session, None before any: the day the user
        started, without adding up every day since (Progress asks at each refresh)."""
        [(first,)] = self._read(
            # equivalent mutant: SQL keywords and names are case-blind
            "SELECT MIN(local_date) FROM sessions WHERE status != 'in_progress'"
        )
        return date.fromisoformat(first) if first is not None else None

    def done_days(self, until: date) -> list[date]:
        """Every local date up to ``until`` with a session that counts towards the plan,
        oldest first: the day streaks, without the day totals' sums (Progress asks at each
        refresh, over the whole history)."""
        rows = self._read(
            # equivalent mutant: SQL keywords and names are case-blind
            f"SELECT DISTINCT local_date FROM sessions WHERE local_date <= ? AND {_ADHERENT_SQL}"
            # equivalent mutant: SQL keywords and names are case-blind
            " ORDER BY local_date",
            (until.isoformat(),),
        )
        return [date.fromisoformat(day) for (day,) in rows]

    def week_totals(
        self, since: date | None = None, until: date | None = None
    ) -> list[PeriodTotals]:
        """Per ISO week (Monday start) with finished sessions, over local dates in range."""
        return self._totals(_WEEK_START_SQL, since, until)

    def _totals(
        self, period_sql: str, since: date | None, until: date | None
    ) -> list[PeriodTotals]:
        # equivalent mutant: SQL keywords and names are case-blind
        where, params = _date_range("local_date", since, until)
        # i18n: not words (SQL)
        where += (" AND" if where else " WHERE") + " status != 'in_progress'"
        rows = self._read(
            f"""SELECT {period_sql} AS period, COUNT(*), SUM({_ADHERENT_SQL}), SUM(active_seconds)
                FROM sessions{where} GROUP BY period ORDER BY period""",
            params,
        )
        return [
            PeriodTotals(date.fromisoformat(r[0]), int(r[1]), int(r[2]), float(r[3])) for r in rows
        ]

    def work_totals(self, since: date | None = None, until: date | None = None) -> WorkTotals:
        """Work steps planned and done over finished sessions within the date range."""
        # equivalent mutant: SQL keywords and names are case-blind
        where, params = _date_range("s.local_date", since, until)
        # i18n: not words (SQL)
        where += (" AND" if where else " WHERE") + " s.status != 'in_progress'"
        row = self._read(
            f"""SELECT COALESCE(SUM(s.planned_work_steps), 0),
                       COALESCE(SUM((SELECT COUNT(*) FROM steps AS t WHERE t.session_id = s.id
                                     AND t.kind = 'work' AND t.status = 'done')), 0)
                FROM sessions AS s{where}""",
            params,
        )[0]
        return WorkTotals(planned=int(row[0]), done=int(row[1]))

    def pain_rows(self, since: date | None = None, until: date | None = None) -> list[PainPoint]:
        """Before and after pain of each session with at least one pain check, oldest first."""
        # equivalent mutant: SQL keywords and names are case-blind
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
        return [
            PainPoint(date.fromisoformat(r[0]), int(r[1]), r[2], r[3], r[4], r[5]) for r in rows
        ]

    # --- for reports and file import ------------------------------------------------------

    def exercise_totals(
        self, since: date | None = None, until: date | None = None
    ) -> list[ExerciseTotals]:
        """Work steps done and skipped per exercise over finished sessions in the range, most
        skipped first."""
        # equivalent mutant: SQL keywords and names are case-blind
        where, params = _date_range("s.local_date", since, until)
        # i18n: not words (SQL)
        where += (" AND" if where else " WHERE") + " s.status != 'in_progress'"
        rows = self._read(
            f"""SELECT t.exercise_id, MAX(COALESCE(t.exercise_name, t.exercise_id, '')),
                       SUM(t.status = 'done'), SUM(t.status = 'skipped')
                FROM sessions AS s JOIN steps AS t ON t.session_id = s.id AND t.kind = 'work'
                {where}
                GROUP BY t.exercise_id ORDER BY 4 DESC, 2""",
            params,
        )
        return [ExerciseTotals(r[0], str(r[1]), int(r[2]), int(r[3])) for r in rows]

    def pain_times(self, session_id: int) -> dict[str, datetime]:
        """When each pain check of a session was taken, by moment ("before", "after")."""
        rows = self._read(
            # equivalent mutant: SQL keywords and names are case-blind
            "SELECT moment, taken_at FROM pain_checks WHERE session_id = ?",
            (session_id,),
        )
        return {str(r[0]): _from_utc_text(r[1]) for r in rows}

    def import_sessions(
        self,
        entries: Sequence[tuple[SessionRecord, Sequence[StepRecord], Mapping[str, datetime]]],
        mornings: Sequence[MorningCheck | None] = (),
    ) -> list[int | None]:
        """Add whole finished sessions in one transaction: all of them or, on an error, none.

        Each entry is a session (its id and work counts are ignored: they follow from the
        steps), its steps, and when its pain checks were taken, by moment; ``mornings``, when
        given, holds each entry's morning check (its session id is ignored). A session whose
        UTC start and routine id are already logged is left out; the result holds None for it
        and the new id for each session added.
        """
        added: list[int | None] = []
        with self._write() as conn:
            for index, (record, steps, pain_taken) in enumerate(entries):
                require(
                    record.status in (COMPLETED, STOPPED, INTERRUPTED),
                    f"an imported session is completed, stopped or interrupted, "
                    f"not {record.status!r}",
                )
                require(bool(record.routine_id), "routine_id cannot be empty")
                require_aware(record.started_at, "started_at")
                started = _utc_text(record.started_at)
                if conn.execute(
                    # equivalent mutant: SQL keywords and names are case-blind
                    "SELECT 1 FROM sessions WHERE started_at = ? AND routine_id = ?",
                    (started, record.routine_id),
                ).fetchone():
                    added.append(None)
                    continue
                session_id = _insert_session(conn, record)
                conn.executemany(_INSERT_STEP, [_step_values(session_id, s) for s in steps])
                for check in (record.pain_before, record.pain_after):
                    if check is None:
                        continue
                    taken = pain_taken.get(check.moment, record.started_at)
                    require_aware(taken, "taken_at")
                    conn.execute(_INSERT_PAIN, _pain_values(session_id, check, taken))
                morning = mornings[index] if index < len(mornings) else None
                if morning is not None:
                    insert_morning_check(conn, replace(morning, session_id=session_id))
                added.append(session_id)
        return added

    # --- for the progress charts -------------------------------------------------------

    def pain_week_rows(
        self, since: date | None = None, until: date | None = None
    ) -> list[WeekPain]:
        """Mean pain per ISO week (Monday start) of local dates in range over the sessions with
        a pain check, oldest first; a mean is None when no session that week had that check."""
        # equivalent mutant: SQL keywords and names are case-blind
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
        return [WeekPain(date.fromisoformat(r[0]), int(r[1]), r[2], r[3], r[4], r[5]) for r in rows]


def _date_range(column: str, since: date | None, until: date | None) -> tuple[str, tuple[str, ...]]:
    clauses: list[str] = []
    params: list[str] = []
    if since is not None:
        clauses.append(f"{column} >= ?")
        params.append(since.isoformat())
    if until is not None:
        clauses.append(f"{column} <= ?")
        params.append(until.isoformat())
    # equivalent mutant: SQL keywords and names are case-blind
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
        variant=r[13],
        leg_response=r[14],
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


def _insert_session(conn: sqlite3.Connection, record: SessionRecord) -> int:
    """Add the session and return its new id (the record's own id is not used)."""
    session_id = conn.execute(_INSERT_SESSION, _session_values(record)).lastrowid
    assert session_id is not None
    return session_id


def _session_values(r: SessionRecord) -> tuple[Any, ...]:
    return (
        r.routine_id,
        r.routine_name,
        _utc_text(r.started_at),
        r.local_date.isoformat(),
        r.utc_offset_minutes,
        None if r.ended_at is None else _utc_text(r.ended_at),
        r.status,
        r.stop_reason,
        float(r.planned_seconds),
        int(r.planned_work_steps),
        float(r.active_seconds),
        r.notes,
        r.stop_step,
    )


def _step_values(session_id: int, step: StepRecord) -> tuple[Any, ...]:
    return (
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
        step.variant,
        step.leg_response,
    )


def _pain_values(session_id: int, check: PainCheck, taken_at: datetime) -> tuple[Any, ...]:
    return (
        session_id,
        check.moment,
        check.back,
        check.leg,
        check.note,
        check.reach,
        _utc_text(taken_at),
    )

"""The symptom side of the session log: profiles, leg responses, morning checks and the
coach's suggestions with what the user chose.

A mixin of `log.SessionLog`, kept apart so the session log stays readable: it uses the log's
own transactions and lock, and the tables schema version 5 adds.
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sciatica_coach.core.records import LogError, require, require_aware
from sciatica_coach.core.symptoms import (
    EXTENSION,
    FLEXION,
    LEG_RESPONSES,
    LegResponse,
    MorningCheck,
    SymptomProfile,
)

SUGGESTION_DECISIONS = ("accepted", "dismissed")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _from_utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


class SessionReach(NamedTuple):
    """How far down the leg one session's check-ins said, before and after it (None where
    not answered)."""

    session_id: int
    local_date: date
    before: str | None
    after: str | None


@dataclass(frozen=True)
class StoredSuggestion:
    """A suggestion as the log keeps it, with the user's decision (None: not yet answered)."""

    session_id: int
    rule: str
    kind: str
    text: str
    reason: str
    routine_id: str | None
    exercise_id: str | None
    decision: str | None
    decided_at: datetime | None


class SymptomRecords:
    """Methods `SessionLog` gains for symptoms; see the module docstring."""

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        raise NotImplementedError

    def _status_of(self, conn: sqlite3.Connection, session_id: int) -> str:
        raise NotImplementedError

    # --- the symptom profile -------------------------------------------------------------

    def save_profile(self, profile: SymptomProfile) -> None:
        """Keep ``profile``; the latest saved is the one in use, earlier ones stay for the
        report."""
        require(isinstance(profile, SymptomProfile), "profile must be a SymptomProfile")
        with self._write() as conn:
            conn.execute(
                """INSERT INTO symptom_profiles
                   (recorded_at, local_date, reach, eases, flexion_check, extension_check)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (recorded_at) DO UPDATE SET local_date = excluded.local_date,
                     reach = excluded.reach, eases = excluded.eases,
                     flexion_check = excluded.flexion_check,
                     extension_check = excluded.extension_check""",
                (
                    _utc(profile.recorded_at),
                    profile.local_date.isoformat(),
                    profile.reach,
                    profile.eases,
                    profile.self_check.get(FLEXION),
                    profile.self_check.get(EXTENSION),
                ),
            )

    def profiles(self) -> list[SymptomProfile]:
        """Every saved profile, oldest first."""
        rows = self._read(
            """SELECT recorded_at, local_date, reach, eases, flexion_check, extension_check
               FROM symptom_profiles ORDER BY recorded_at"""
        )
        return [_profile_from_row(row) for row in rows]

    def profile(self) -> SymptomProfile | None:
        """The profile in use (the latest saved), or None before the user has given one."""
        found = self.profiles()
        return found[-1] if found else None

    # --- the leg's response to each exercise ---------------------------------------------

    def set_leg_response(self, session_id: int, step_index: int, response: str | None) -> None:
        """Keep the leg's response on the step it follows (None takes it back)."""
        require(response is None or response in LEG_RESPONSES, f"unknown response {response!r}")
        with self._write() as conn:
            self._status_of(conn, session_id)
            changed = conn.execute(
                """UPDATE steps SET leg_response = ?
                   WHERE session_id = ? AND step_index = ? AND kind = 'work'""",
                (response, session_id, step_index),
            ).rowcount
            if not changed:
                # i18n: not words (a programmer's error)
                raise LogError(f"Session {session_id} has no exercise step {step_index} yet.")

    def leg_responses(self, since: date | None = None) -> list[LegResponse]:
        """Every leg response given, oldest first, from sessions on or after ``since``."""
        rows = self._read(
            """SELECT t.session_id, t.step_index, t.exercise_id, t.exercise_name,
                      t.leg_response, s.local_date, s.routine_id
               FROM steps AS t JOIN sessions AS s ON s.id = t.session_id
               WHERE t.leg_response IS NOT NULL AND t.exercise_id IS NOT NULL
                 AND s.local_date >= ?
               ORDER BY s.started_at, t.step_index""",
            ((since or date.min).isoformat(),),
        )
        return [
            LegResponse(
                session_id=int(r[0]),
                step_index=int(r[1]),
                exercise_id=str(r[2]),
                exercise_name=str(r[3] or r[2]),
                response=str(r[4]),
                local_date=date.fromisoformat(r[5]),
                routine_id=str(r[6]),
            )
            for r in rows
        ]

    # --- the morning after ---------------------------------------------------------------

    def record_morning_check(self, check: MorningCheck) -> None:
        """Keep the morning check for its session; a second one replaces the first."""
        require(isinstance(check, MorningCheck), "check must be a MorningCheck")
        with self._write() as conn:
            self._status_of(conn, check.session_id)
            insert_morning_check(conn, check)

    def morning_checks(self, since: date | None = None) -> dict[int, MorningCheck]:
        """Morning checks by session id, for sessions on or after ``since``."""
        rows = self._read(
            """SELECT m.session_id, m.compared, m.back, m.leg, m.reach, m.taken_at, m.local_date
               FROM morning_checks AS m JOIN sessions AS s ON s.id = m.session_id
               WHERE s.local_date >= ?""",
            ((since or date.min).isoformat(),),
        )
        return {
            int(r[0]): MorningCheck(
                session_id=int(r[0]),
                compared=str(r[1]),
                back=r[2],
                leg=r[3],
                reach=r[4],
                taken_at=_from_utc(r[5]),
                local_date=date.fromisoformat(r[6]),
            )
            for r in rows
        }

    def reach_answers(self, since: date, until: date) -> list[SessionReach]:
        """How far down the leg each session's check-ins said, for sessions from ``since`` to
        ``until`` (local dates, inclusive), oldest first by their start: what the reach chart
        reads, without the rest of each session's record (a tenth of the time on ten years)."""
        rows = self._read(
            """SELECT s.id, s.local_date, pb.reach, pa.reach FROM sessions AS s
               LEFT JOIN pain_checks AS pb ON pb.session_id = s.id AND pb.moment = 'before'
               LEFT JOIN pain_checks AS pa ON pa.session_id = s.id AND pa.moment = 'after'
               WHERE s.local_date BETWEEN ? AND ? ORDER BY s.started_at, s.id""",
            (since.isoformat(), until.isoformat()),
        )
        return [SessionReach(int(r[0]), date.fromisoformat(r[1]), r[2], r[3]) for r in rows]

    # --- suggestions ---------------------------------------------------------------------

    def offer_suggestion(
        self,
        session_id: int,
        *,
        rule: str,
        kind: str,
        text: str,
        reason: str,
        routine_id: str | None = None,
        exercise_id: str | None = None,
    ) -> None:
        """Keep a suggestion made after ``session_id``; the same rule after the same session
        is kept once, with the user's decision if they already made one."""
        with self._write() as conn:
            self._status_of(conn, session_id)
            conn.execute(
                """INSERT INTO suggestions
                   (session_id, rule, kind, text, reason, routine_id, exercise_id, subject)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (session_id, rule, subject) DO NOTHING""",
                (
                    session_id,
                    rule,
                    kind,
                    text,
                    reason,
                    routine_id,
                    exercise_id,
                    _subject(routine_id, exercise_id),
                ),
            )

    def decide_suggestion(
        self,
        session_id: int,
        rule: str,
        decision: str,
        decided_at: datetime,
        *,
        routine_id: str | None = None,
        exercise_id: str | None = None,
    ) -> None:
        """Record whether the user took or set aside a suggestion; with neither a routine
        nor an exercise named, every suggestion the rule made after that session."""
        require(decision in SUGGESTION_DECISIONS, f"unknown decision {decision!r}")
        require_aware(decided_at, "decided_at")
        which = ""
        params: tuple[Any, ...] = (decision, _utc(decided_at), session_id, rule)
        if routine_id is not None or exercise_id is not None:
            # equivalent mutant: SQL keywords and names are case-blind
            which = " AND subject = ?"
            params += (_subject(routine_id, exercise_id),)
        with self._write() as conn:
            changed = conn.execute(
                f"""UPDATE suggestions SET decision = ?, decided_at = ?
                    WHERE session_id = ? AND rule = ?{which}""",
                params,
            ).rowcount
            if not changed:
                # i18n: not words (a programmer's error)
                raise LogError(f"There is no suggestion '{rule}' after session {session_id}.")

    def suggestions(self, since: date | None = None) -> list[StoredSuggestion]:
        """Suggestions made after sessions on or after ``since``, oldest session first."""
        rows = self._read(
            """SELECT g.session_id, g.rule, g.kind, g.text, g.reason, g.routine_id,
                      g.exercise_id, g.decision, g.decided_at
               FROM suggestions AS g JOIN sessions AS s ON s.id = g.session_id
               WHERE s.local_date >= ?
               ORDER BY s.started_at, g.rule, g.subject""",
            ((since or date.min).isoformat(),),
        )
        return [
            StoredSuggestion(
                session_id=int(r[0]),
                rule=str(r[1]),
                kind=str(r[2]),
                text=str(r[3]),
                reason=str(r[4]),
                routine_id=r[5],
                exercise_id=r[6],
                decision=r[7],
                decided_at=_from_utc(r[8]) if r[8] else None,
            )
            for r in rows
        ]


def _subject(routine_id: str | None, exercise_id: str | None) -> str:
    # equivalent mutant: any stand-in for a missing id that sorts below every id does as well
    return f"{routine_id or ''}/{exercise_id or ''}"


def insert_morning_check(conn: sqlite3.Connection, check: MorningCheck) -> None:
    """Write ``check`` inside the caller's transaction, replacing one for the same session."""
    conn.execute(
        """INSERT INTO morning_checks
           (session_id, compared, back, leg, reach, taken_at, local_date)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (session_id) DO UPDATE SET compared = excluded.compared,
             back = excluded.back, leg = excluded.leg, reach = excluded.reach,
             taken_at = excluded.taken_at, local_date = excluded.local_date""",
        (
            check.session_id,
            check.compared,
            check.back,
            check.leg,
            check.reach,
            _utc(check.taken_at),
            check.local_date.isoformat(),
        ),
    )


def _profile_from_row(r: Any) -> SymptomProfile:
    checks = {FLEXION: r[4], EXTENSION: r[5]}
    return SymptomProfile(
        recorded_at=_from_utc(r[0]),
        local_date=date.fromisoformat(r[1]),
        reach=r[2],
        eases=str(r[3]),
        self_check={d: a for d, a in checks.items() if a is not None},
    )

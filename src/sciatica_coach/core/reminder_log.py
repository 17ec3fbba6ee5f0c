"""The reminder side of the session log: each planned weekday's reminder time, and the days
the user answered a reminder with "Not today".

A mixin of `log.SessionLog` (like `symptom_log`): it uses the log's own transactions and
lock, and the tables the last migration adds. The times live in the log, beside the plan,
so the command line can export the plan to a calendar without the app's settings.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from contextlib import AbstractContextManager
from datetime import UTC, date, datetime, time
from typing import Any

from sciatica_coach.core.records import require, require_aware


class ReminderRecords:
    """Methods `SessionLog` gains for reminders; see the module docstring."""

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:
        raise NotImplementedError

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        raise NotImplementedError

    def set_reminder_times(self, times: Mapping[int, time]) -> None:
        """Replace every reminder time: weekday (0 Monday … 6 Sunday) to time of day."""
        for weekday, at in times.items():
            require(0 <= weekday <= 6, "weekdays are numbered 0 (Monday) to 6 (Sunday)")
            require(isinstance(at, time), "a reminder is set for a time of day")
        with self._write() as conn:
            conn.execute("DELETE FROM reminder_times")
            conn.executemany(
                "INSERT INTO reminder_times (weekday, at) VALUES (?, ?)",
                [(day, at.strftime("%H:%M")) for day, at in sorted(times.items())],
            )

    def reminder_times(self) -> dict[int, time]:
        """Each weekday's reminder time; empty when reminders were never set."""
        rows = self._read("SELECT weekday, at FROM reminder_times ORDER BY weekday")
        return {int(r[0]): time.fromisoformat(r[1]) for r in rows}

    def skip_day(self, day: date, answered_at: datetime) -> None:
        """Log "Not today" for the local date ``day`` (answering again keeps the first time)."""
        require_aware(answered_at, "answered_at")
        with self._write() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO skipped_days (local_date, answered_at) VALUES (?, ?)",
                (day.isoformat(), answered_at.astimezone(UTC).isoformat(timespec="seconds")),
            )

    def skipped_days(self, since: date | None = None, until: date | None = None) -> list[date]:
        """The days answered "Not today", oldest first, within the inclusive range."""
        rows = self._read(
            """SELECT local_date FROM skipped_days
               WHERE local_date >= ? AND local_date <= ? ORDER BY local_date""",
            ((since or date.min).isoformat(), (until or date.max).isoformat()),
        )
        return [date.fromisoformat(r[0]) for r in rows]

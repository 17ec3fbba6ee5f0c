"""How the log's statistics hold up after ten years of daily use.

Builds a 10-year log in a temporary folder (about one session a day: some days skipped, some
doubled, a few stopped or interrupted; about 60,000 step rows) through the log's own schema,
then times weekly_adherence and pain_series over the whole range against a hand-written
sqlite3 GROUP BY over the same rows (median of several rounds).
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from common import verdict  # benchmarks/ is on sys.path when this file is run

from sciatica_coach.core import stats
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import STOP_RULE_REASONS, WeeklyPlan

SESSIONS = 3_650
FIRST_DAY = date(2015, 1, 5)
ROUNDS = 15
RAW_SQL_LIMIT = 2.0  # the log's API may cost at most twice the SQL it wraps
ZONE = ZoneInfo("Europe/London")
# (id, name, steps, work steps): prepare, then work steps with a rest after each.
ROUTINES = (
    ("gentle", "Gentle start", 14, 6),
    ("mobility", "Daily mobility", 18, 8),
    ("core", "Core stability", 21, 10),
)
Row = dict[str, Any]


def session_starts(rng: random.Random) -> list[datetime]:
    """About one a day: some days skipped, a few with a second session in the evening."""
    starts: list[datetime] = []
    day = FIRST_DAY
    while len(starts) < SESSIONS:
        per_day = 0 if rng.random() < 0.12 else 2 if rng.random() < 0.14 else 1
        for n in range(per_day):
            minute = rng.randrange(60)
            starts.append(datetime(day.year, day.month, day.day, 8 + 10 * n, minute, tzinfo=ZONE))
        day += timedelta(days=1)
    return starts[:SESSIONS]


def one_session(rng: random.Random, session_id: int, started: datetime) -> tuple[Row, list[Row]]:
    """A session row (mostly completed; some stopped or interrupted) and its step rows."""
    routine_id, name, step_count, work_steps = rng.choice(ROUTINES)
    roll = rng.random()
    status, reason = "completed", None
    if roll < 0.03:
        status, reason = "stopped", rng.choice(sorted(STOP_RULE_REASONS))
    elif roll < 0.07:
        status, reason = "stopped", rng.choice(("user", "tired"))
    elif roll < 0.10:
        status = "interrupted"
    clock, active = started, 0.0
    steps: list[Row] = []
    for index in range(step_count if status == "completed" else rng.randrange(1, step_count)):
        kind = "prepare" if index == 0 else "work" if index % 2 else "rest"
        planned = {"prepare": 5.0, "work": 30.0, "rest": 15.0}[kind]
        actual = planned + rng.uniform(-1.0, 3.0)
        clock += timedelta(seconds=actual)
        active += actual
        steps.append(
            {
                "session_id": session_id,
                "step_index": index,
                "kind": kind,
                "exercise_id": "bridge" if kind == "work" else None,
                "exercise_name": "Glute bridge" if kind == "work" else None,
                "set_number": 1,
                "set_count": 1,
                "planned_seconds": planned,
                "actual_seconds": actual,
                "status": "skipped" if kind == "work" and rng.random() < 0.05 else "done",
                "ended_at": utc(clock),
            }
        )
    offset = started.utcoffset()
    assert offset is not None
    session = {
        "id": session_id,
        "routine_id": routine_id,
        "routine_name": name,
        "started_at": utc(started),
        "local_date": started.date().isoformat(),
        "utc_offset_minutes": int(offset.total_seconds() // 60),
        "ended_at": None if status == "interrupted" else utc(clock),
        "status": status,
        "stop_reason": reason,
        "planned_seconds": step_count * 20.0,
        "planned_work_steps": work_steps,
        "active_seconds": active,
    }
    return session, steps


def build(path: Path, seed: int = 2015) -> tuple[int, int, int]:
    """Fill a new log at path; returns (sessions, steps, pain checks) written."""
    SessionLog(path).close()  # the schema, exactly as the app creates it
    rng = random.Random(seed)
    sessions: list[Row] = []
    steps: list[Row] = []
    pains: list[Row] = []
    for session_id, started in enumerate(session_starts(rng), start=1):
        session, session_steps = one_session(rng, session_id, started)
        sessions.append(session)
        steps.extend(session_steps)
        for moment, chance in (("before", 0.85), ("after", 0.75)):
            if rng.random() < chance:
                pains.append(
                    {
                        "session_id": session_id,
                        "moment": moment,
                        "back": rng.randrange(11),
                        "leg": rng.randrange(11),
                        "reach": rng.choice((None, "thigh", "below_knee")),
                        "taken_at": session["started_at"],
                    }
                )
    conn = sqlite3.connect(path)
    with conn:
        for table, rows in (("sessions", sessions), ("steps", steps), ("pain_checks", pains)):
            columns = list(rows[0])
            conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join(':' + c for c in columns)})",
                rows,
            )
    conn.execute("ANALYZE")
    conn.close()
    return len(sessions), len(steps), len(pains)


def window_on_ten_years() -> Any:
    """The app's main window (not shown) over a new log of ten years, as the app opens Progress
    (``paint_pages_first``), its today the log's last day so that the default range of three
    months is full of sessions. For the Progress cases of stalls.py and progress_first_visit.py,
    which need a QApplication first."""
    from sciatica_coach.core.paths import DATABASE_NAME
    from sciatica_coach.ui.app import build_main_window

    folder = Path(tempfile.mkdtemp()) / "data"
    folder.mkdir()
    build(folder / DATABASE_NAME)
    window = build_main_window(folder)
    last_day = window.context.log.sessions(limit=1)[0].local_date
    window.context.now = lambda: datetime.combine(last_day, dt_time(20)).astimezone()
    window.paint_pages_first = True  # as run_app sets it
    return window


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


REASONS = ", ".join(f"'{reason}'" for reason in sorted(STOP_RULE_REASONS))
RAW_WEEKS = f"""
SELECT date(local_date, 'weekday 0', '-6 days') AS week,
       SUM(status = 'completed' OR (status = 'stopped' AND stop_reason IN ({REASONS})))
FROM sessions WHERE local_date BETWEEN ? AND ? GROUP BY week ORDER BY week"""
RAW_PAIN = """
SELECT s.local_date, s.id,
       MAX(CASE WHEN p.moment = 'before' THEN p.back END),
       MAX(CASE WHEN p.moment = 'before' THEN p.leg END),
       MAX(CASE WHEN p.moment = 'after' THEN p.back END),
       MAX(CASE WHEN p.moment = 'after' THEN p.leg END)
FROM sessions AS s JOIN pain_checks AS p ON p.session_id = s.id
WHERE s.local_date BETWEEN ? AND ?
GROUP BY s.id ORDER BY s.local_date, s.started_at, s.id"""


def median_ms(action: Callable[[], object]) -> float:
    action()  # warm the page cache and statement cache
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="sciatica-coach-bench-") as folder:
        path = Path(folder) / "sessions.db"
        started = time.perf_counter()
        counts = build(path)
        built = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6
        opened = median_ms(lambda: SessionLog(path).close())
        log = SessionLog(path)
        raw = sqlite3.connect(path)
        first, last = FIRST_DAY, log.sessions()[0].local_date
        span = (first.isoformat(), last.isoformat())
        log.set_plan(WeeklyPlan(5), first)  # the plan comes from the log's own history

        weeks = stats.weekly_adherence(log, first, last)
        raw_weeks = raw.execute(RAW_WEEKS, span).fetchall()
        assert {(w.week_start.isoformat(), w.sessions_done) for w in weeks if w.sessions_done} == {
            tuple(row) for row in raw_weeks if row[1]
        }, "weekly_adherence disagrees with the raw query"
        pain = stats.pain_series(log, first, last)
        raw_pain = raw.execute(RAW_PAIN, span).fetchall()
        assert [
            (
                p.local_date.isoformat(),
                p.session_id,
                p.back_before,
                p.leg_before,
                p.back_after,
                p.leg_after,
            )
            for p in pain
        ] == raw_pain, "pain_series disagrees"

        rows = [
            (
                f"weekly_adherence ({len(weeks)} weeks)",
                median_ms(lambda: stats.weekly_adherence(log, first, last)),
                median_ms(lambda: raw.execute(RAW_WEEKS, span).fetchall()),
            ),
            (
                f"pain_series ({len(pain):,} sessions)",
                median_ms(lambda: stats.pain_series(log, first, last)),
                median_ms(lambda: raw.execute(RAW_PAIN, span).fetchall()),
            ),
        ]
        extras = [
            ("completion_ratio", median_ms(lambda: stats.completion_ratio(log, first, last))),
            ("streaks", median_ms(lambda: stats.streaks(log, last))),
            ("minutes_per_week", median_ms(lambda: stats.minutes_per_week(log, first, last))),
            ("sessions() all rows", median_ms(log.sessions)),
            ("open the log", opened),
        ]
        log.close()
        raw.close()

    print(
        f"Session log, {first} to {last}: {counts[0]:,} sessions, {counts[1]:,} steps, "
        f"{counts[2]:,} pain checks; {size_mb:.1f} MB, built in {built:.2f} s"
    )
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, median of {ROUNDS}")
    print()
    print(f"{'query':<34}{'log API ms':>12}{'raw SQL ms':>12}{'ratio':>8}")
    print("-" * 66)
    for name, api, direct in rows:
        print(f"{name:<34}{api:>12.2f}{direct:>12.2f}{api / direct:>7.2f}x")
    print()
    for name, api in extras:
        print(f"{name:<34}{api:>12.2f}")
    worst = max(api / direct for _name, api, direct in rows)
    passed = verdict(
        "log queries against raw SQL, ten years",
        f"{worst:.2f}x at worst",
        f"<= {RAW_SQL_LIMIT}x",
        worst <= RAW_SQL_LIMIT,
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

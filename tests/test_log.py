"""The session log: schema, writes, reads, and refusing to damage a file it cannot use."""

from __future__ import annotations

import logging
import os
import pwd
import shutil
import sqlite3
import stat
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError, PainCheck, PlanChange, StepRecord, WeeklyPlan
from sciatica_coach.core.schema import MIGRATIONS, SCHEMA_VERSION

LONDON = ZoneInfo("Europe/London")
BERLIN = ZoneInfo("Europe/Berlin")
BACKUP_CLOCK = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


def local(year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def step(index: int, kind: str = "work", status: str = "done", **changes: object) -> StepRecord:
    fields: dict[str, object] = {
        "step_index": index,
        "kind": kind,
        "exercise_id": "bridge" if kind == "work" else None,
        "exercise_name": "Glute bridge" if kind == "work" else None,
        "set_number": 1,
        "set_count": 2,
        "side": None,
        "planned_seconds": 30.0,
        "actual_seconds": 31.5,
        "reps_planned": 10 if kind == "work" else None,
        "reps_done": 10 if kind == "work" and status == "done" else None,
        "status": status,
        "ended_at": local(2024, 5, 6, 9, 1) + timedelta(seconds=30 * index),
    }
    fields.update(changes)
    return StepRecord(**fields)  # type: ignore[arg-type]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "sessions.db"


@pytest.fixture
def log(db_path: Path) -> Iterator[SessionLog]:
    with SessionLog(db_path, clock=lambda: BACKUP_CLOCK) as opened:
        yield opened


def start(log: SessionLog, when: datetime | None = None, work_steps: int = 4) -> int:
    return log.start_session("gentle", "Gentle start", 600.0, work_steps, when or local(2024, 5, 6))


def snapshot(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- schema and files ---------------------------------------------------------------------


def test_new_log_is_created_at_the_current_schema_in_wal_mode(log: SessionLog) -> None:
    conn = sqlite3.connect(log.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert {"sessions", "steps", "pain_checks", "settings"} <= names
    assert {"sessions_by_local_date", "steps_by_outcome"} <= names
    conn.close()


def test_date_queries_use_the_local_date_index(log: SessionLog) -> None:
    conn = sqlite3.connect(log.path)
    plan = conn.execute(
        """EXPLAIN QUERY PLAN SELECT local_date, COUNT(*) FROM sessions
           WHERE local_date >= '2024-01-01' AND local_date <= '2024-12-31' GROUP BY local_date"""
    ).fetchall()
    conn.close()
    assert any("sessions_by_local_date" in row[-1] for row in plan)


def test_foreign_keys_are_enforced(log: SessionLog) -> None:
    with pytest.raises(LogError, match="no session 99"):
        log.record_step(99, step(0))


@pytest.mark.parametrize("umask", [0o022, 0o000])
def test_data_folder_is_private_and_database_files_are_owner_only(
    tmp_path: Path, umask: int
) -> None:
    path = tmp_path / "home" / "coach" / "sessions.db"
    previous = os.umask(umask)
    try:
        with SessionLog(path) as log:
            log.record_step(start(log), step(0))
            assert mode(tmp_path / "home") == 0o700
            assert mode(tmp_path / "home" / "coach") == 0o700
            for name in ("sessions.db", "sessions.db-wal", "sessions.db-shm"):
                assert mode(path.with_name(name)) == 0o600, name
    finally:
        os.umask(previous)


def test_an_existing_folder_keeps_its_permissions(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    SessionLog(tmp_path / "sessions.db").close()
    assert mode(tmp_path) == 0o755
    assert mode(tmp_path / "sessions.db") == 0o600


# --- writes and reads ---------------------------------------------------------------------


def test_start_stores_utc_time_local_date_and_offset(log: SessionLog) -> None:
    late_evening = datetime(2024, 6, 3, 23, 30, tzinfo=BERLIN)
    session_id = start(log, late_evening)
    record = log.session(session_id)
    assert record.started_at == datetime(2024, 6, 3, 21, 30, tzinfo=UTC)
    assert record.started_at.tzinfo == UTC
    assert record.local_date == date(2024, 6, 3)
    assert record.utc_offset_minutes == 120
    assert record.status == "in_progress"
    raw = sqlite3.connect(log.path).execute("SELECT started_at, local_date FROM sessions")
    assert raw.fetchone() == ("2024-06-03T21:30:00.000000+00:00", "2024-06-03")


def test_times_without_a_zone_are_refused(log: SessionLog) -> None:
    with pytest.raises(ValueError, match="time zone"):
        start(log, datetime(2024, 6, 3, 9, 0))
    with pytest.raises(ValueError, match="time zone"):
        step(0, ended_at=datetime(2024, 6, 3, 9, 0))


def test_steps_round_trip_in_step_order(log: SessionLog) -> None:
    session_id = start(log)
    written = [
        step(2, side="right", set_number=2),
        step(0, kind="prepare", planned_seconds=5.0, actual_seconds=5.0),
        step(1, status="skipped", actual_seconds=3.25),
    ]
    for record in written:
        log.record_step(session_id, record)
    read = log.steps(session_id)
    assert read == sorted(written, key=lambda s: s.step_index)
    assert all(s.ended_at.tzinfo == UTC for s in read)


def test_a_step_redone_after_back_replaces_its_row(log: SessionLog) -> None:
    session_id = start(log)
    log.record_step(session_id, step(0))
    log.record_step(session_id, step(1, status="skipped"))
    log.record_step(session_id, step(1, actual_seconds=40.0, reps_done=8))
    steps = log.steps(session_id)
    assert [(s.step_index, s.status, s.actual_seconds, s.reps_done) for s in steps] == [
        (0, "done", 31.5, 10),
        (1, "done", 40.0, 8),
    ]
    record = log.session(session_id)
    assert (record.work_done, record.work_skipped) == (2, 0)


def test_a_redo_that_is_skipped_or_stopped_never_lowers_a_done_step(log: SessionLog) -> None:
    session_id = start(log)
    log.record_step(session_id, step(0))
    log.record_step(session_id, step(0, status="skipped", actual_seconds=2.0))
    log.record_step(session_id, step(0, status="stopped", actual_seconds=5.0, reps_done=2))
    log.record_step(session_id, step(1, status="skipped", actual_seconds=1.0))
    log.record_step(session_id, step(1, status="stopped", actual_seconds=6.0, reps_done=3))
    steps = log.steps(session_id)
    assert [(s.status, s.actual_seconds, s.reps_done) for s in steps] == [
        ("done", 31.5, 10),
        ("stopped", 6.0, 3),
    ]
    record = log.session(session_id)
    assert (record.work_done, record.work_skipped) == (1, 0)


def test_a_stopped_session_keeps_the_step_it_was_stopped_in(log: SessionLog) -> None:
    session_id = start(log)
    log.record_step(session_id, step(0))
    log.record_step(session_id, step(1, status="stopped", actual_seconds=8.0, reps_done=None))
    log.finish_session(session_id, "stopped", local(2024, 5, 6, 9, 5), 40.0, "pain_spreading", 1)
    record = log.session(session_id)
    assert (record.stop_reason, record.stop_step) == ("pain_spreading", 1)
    with pytest.raises(ValueError, match="stop step"):
        log.finish_session(start(log), "completed", local(2024, 5, 6, 10), 40.0, None, 1)
    # Resuming starts again at the step that was stopped part-way, and forgets the stop.
    assert log.reopen_session(session_id) == 1
    assert log.session(session_id).stop_step is None


def test_pain_checks_are_kept_per_moment_and_replaced_when_retaken(log: SessionLog) -> None:
    session_id = start(log)
    log.record_pain(session_id, PainCheck("before", 6, 7, "stiff"), local(2024, 5, 6, 8, 59))
    log.record_pain(session_id, PainCheck("before", 5, 7, "stiff", "thigh"), local(2024, 5, 6, 9))
    log.record_pain(session_id, PainCheck("after", 3, 4), local(2024, 5, 6, 9, 20))
    record = log.session(session_id)
    assert record.pain_before == PainCheck("before", 5, 7, "stiff", "thigh")
    assert record.pain_after == PainCheck("after", 3, 4, "", None)


@pytest.mark.parametrize(
    ("moment", "back", "leg", "reach"),
    [
        ("before", 11, 0, None),
        ("before", -1, 0, None),
        ("after", 2, 2.5, None),
        ("after", True, 3, None),
        ("during", 2, 2, None),
        ("before", 2, 2, "knee"),
    ],
)
def test_pain_checks_outside_the_scale_are_refused(
    moment: str, back: object, leg: object, reach: str | None
) -> None:
    with pytest.raises(ValueError):
        PainCheck(moment, back, leg, reach=reach)  # type: ignore[arg-type]


def test_bad_statuses_and_kinds_are_refused(log: SessionLog) -> None:
    session_id = start(log)
    with pytest.raises(ValueError, match="done, skipped or stopped"):
        step(0, status="half")
    with pytest.raises(ValueError, match="step kind"):
        step(0, kind="warmup")
    with pytest.raises(ValueError, match="completed or stopped"):
        log.finish_session(session_id, "in_progress", local(2024, 5, 6, 10), 60.0)
    with pytest.raises(ValueError, match="stop reason"):
        log.finish_session(session_id, "completed", local(2024, 5, 6, 10), 60.0, "numbness")
    assert log.session(session_id).status == "in_progress"


def test_finishing_records_status_reason_time_and_counts(log: SessionLog) -> None:
    session_id = start(log)
    log.record_step(session_id, step(0, kind="prepare"))
    log.record_step(session_id, step(1))
    log.record_step(session_id, step(2, kind="rest"))
    log.record_step(session_id, step(3, status="skipped"))
    log.finish_session(session_id, "stopped", local(2024, 5, 6, 9, 12), 512.5, "numbness")
    record = log.session(session_id)
    assert record.status == "stopped"
    assert record.stop_reason == "numbness"
    assert record.adherent
    assert record.ended_at == datetime(2024, 5, 6, 8, 12, tzinfo=UTC)
    assert record.active_seconds == 512.5
    assert (record.work_done, record.work_skipped, record.planned_work_steps) == (1, 1, 4)
    with pytest.raises(ValueError, match="already stopped"):
        log.finish_session(session_id, "completed", local(2024, 5, 6, 10), 60.0)
    with pytest.raises(ValueError, match="not in progress"):
        log.record_step(session_id, step(4))


def test_notes_and_pain_after_can_be_added_once_finished(log: SessionLog) -> None:
    session_id = start(log)
    log.finish_session(session_id, "completed", local(2024, 5, 6, 9, 20), 600.0)
    log.set_notes(session_id, "Easier than last week")
    log.record_pain(session_id, PainCheck("after", 2, 1), local(2024, 5, 6, 9, 21))
    record = log.session(session_id)
    assert record.notes == "Easier than last week"
    assert record.pain_after == PainCheck("after", 2, 1)


def test_sessions_are_listed_newest_first_within_the_dates(log: SessionLog) -> None:
    ids = [start(log, local(2024, 5, day)) for day in (3, 1, 2, 4)]
    second_on_the_2nd = start(log, local(2024, 5, 2, 18))
    assert [r.id for r in log.sessions()] == [ids[3], ids[0], second_on_the_2nd, ids[2], ids[1]]
    assert [r.local_date.day for r in log.sessions(since=date(2024, 5, 2))] == [4, 3, 2, 2]
    in_range = log.sessions(since=date(2024, 5, 2), until=date(2024, 5, 3))
    assert [r.id for r in in_range] == [ids[0], second_on_the_2nd, ids[2]]
    assert log.sessions(until=date(2024, 4, 30)) == []
    assert [r.id for r in log.sessions(limit=2)] == [ids[3], ids[0]]


def test_an_unknown_session_is_reported_with_the_database_file(log: SessionLog) -> None:
    with pytest.raises(LogError) as caught:
        log.session(42)
    assert "42" in str(caught.value)
    assert str(log.path) in str(caught.value)


def test_deleting_a_session_removes_its_steps_and_pain_checks(log: SessionLog) -> None:
    keep, drop = start(log), start(log)
    for session_id in (keep, drop):
        log.record_step(session_id, step(0))
        log.record_pain(session_id, PainCheck("before", 4, 4), local(2024, 5, 6))
    log.delete_session(drop)
    assert [r.id for r in log.sessions()] == [keep]
    conn = sqlite3.connect(log.path)
    assert conn.execute("SELECT DISTINCT session_id FROM steps").fetchall() == [(keep,)]
    assert conn.execute("SELECT DISTINCT session_id FROM pain_checks").fetchall() == [(keep,)]
    conn.close()
    with pytest.raises(LogError):
        log.delete_session(drop)


def test_weekly_plan_defaults_to_five_and_survives_reopening(db_path: Path) -> None:
    with SessionLog(db_path) as log:
        assert log.plan() == WeeklyPlan(5, frozenset())
        log.set_plan(WeeklyPlan(3, frozenset({0, 2, 4})), date(2026, 3, 2))
    with SessionLog(db_path) as log:
        plan = log.plan()
    assert plan == WeeklyPlan(3, frozenset({0, 2, 4}))
    assert plan.planned_per_week == 3
    assert WeeklyPlan(4).planned_per_week == 4


def test_each_week_is_judged_by_the_plan_in_effect_then(log: SessionLog) -> None:
    assert log.plan_history() == []
    log.set_plan(WeeklyPlan(3), date(2026, 1, 5))
    log.set_plan(WeeklyPlan(5, frozenset({0, 2})), date(2026, 2, 2))
    log.set_plan(WeeklyPlan(4), date(2026, 2, 2))  # the same day again: replaces it
    assert log.plan_history() == [
        PlanChange(date(2026, 1, 5), WeeklyPlan(3)),
        PlanChange(date(2026, 2, 2), WeeklyPlan(4)),
    ]
    assert log.plan(date(2026, 1, 1)) == WeeklyPlan()  # before any plan: the default
    assert log.plan(date(2026, 1, 20)) == WeeklyPlan(3)
    assert log.plan(date(2026, 2, 2)) == WeeklyPlan(4)
    assert log.plan() == WeeklyPlan(4)


def test_a_version_2_plan_is_kept_from_the_first_session_on(db_path: Path) -> None:
    make_version_1_log(db_path)
    conn = sqlite3.connect(db_path)
    for statement in MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO settings VALUES (?, ?)",
        ("weekly_plan", '{"sessions_per_week": 3, "weekdays": [0, 4]}'),
    )
    conn.execute(
        """INSERT INTO steps VALUES (1, 0, 'work', 'bridge', 'Glute bridge', 1, 1, NULL, 30, 30,
             10, 10, 'done', '2023-11-02T08:01:00.000000+00:00')"""
    )
    conn.commit()
    conn.close()
    with SessionLog(db_path, clock=lambda: BACKUP_CLOCK) as log:
        assert log.plan_history() == [
            PlanChange(date(2023, 11, 2), WeeklyPlan(3, frozenset({0, 4})))
        ]
        assert [s.status for s in log.steps(1)] == ["done"]
        session_id = start(log)
        log.record_step(session_id, step(0, status="stopped"))
    assert list(db_path.parent.glob("*.backup-v2-*"))


def test_a_weekly_plan_needs_sensible_numbers() -> None:
    with pytest.raises(ValueError, match="sessions per week"):
        WeeklyPlan(0)
    with pytest.raises(ValueError, match="weekdays"):
        WeeklyPlan(3, frozenset({7}))


def test_the_log_can_be_written_from_a_worker_thread(log: SessionLog) -> None:
    session_id = start(log)
    errors: list[BaseException] = []

    def write(first: int) -> None:
        try:
            for index in range(first, first + 20):
                log.record_step(session_id, step(index))
        except BaseException as error:
            errors.append(error)

    workers = [threading.Thread(target=write, args=(n * 20,)) for n in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    assert [s.step_index for s in log.steps(session_id)] == list(range(60))


# --- interrupted sessions and resuming ----------------------------------------------------


def test_a_session_left_in_progress_is_interrupted_on_next_open(db_path: Path) -> None:
    with SessionLog(db_path) as log:
        session_id = start(log)
        finished = start(log)
        log.finish_session(finished, "completed", local(2024, 5, 6, 10), 600.0)
        log.record_step(session_id, step(0, actual_seconds=30.0))
        log.record_step(session_id, step(1, actual_seconds=12.5))
        assert log.interrupted == []
    with SessionLog(db_path) as log:
        assert [r.id for r in log.interrupted] == [session_id]
        record = log.interrupted[0]
        assert record.status == "interrupted"
        assert record.active_seconds == 42.5
        assert record.ended_at == step(1).ended_at
        assert log.session(finished).status == "completed"
    with SessionLog(db_path) as log:
        assert log.interrupted == []
        assert log.session(session_id).status == "interrupted"


def test_resuming_returns_the_first_unfinished_step(db_path: Path) -> None:
    with SessionLog(db_path) as log:
        session_id = start(log)
        for index in range(3):
            log.record_step(session_id, step(index))
    with SessionLog(db_path) as log:
        assert log.reopen_session(session_id) == 3
        assert log.session(session_id).status == "in_progress"
        log.record_step(session_id, step(3))
        log.finish_session(session_id, "completed", local(2024, 5, 6, 9, 30), 700.0)
        assert log.session(session_id).status == "completed"
        with pytest.raises(ValueError, match="is completed"):
            log.reopen_session(session_id)


def test_resuming_finds_a_gap_or_starts_at_the_beginning(db_path: Path) -> None:
    with SessionLog(db_path) as log:
        with_gap, empty = start(log), start(log)
        for index in (0, 1, 3):
            log.record_step(with_gap, step(index))
    with SessionLog(db_path) as log:
        assert log.reopen_session(with_gap) == 2
        assert log.reopen_session(empty) == 0


def test_an_interrupted_session_can_be_closed_as_stopped(db_path: Path) -> None:
    with SessionLog(db_path) as log:
        session_id = start(log)
    with SessionLog(db_path) as log:
        log.finish_session(session_id, "stopped", local(2024, 5, 7), 0.0, "interrupted")
        assert log.session(session_id).status == "stopped"


# --- migrations ---------------------------------------------------------------------------


def make_version_1_log(path: Path) -> None:
    """What the first release wrote: schema 1 in rollback-journal mode, with one session."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        """INSERT INTO sessions (routine_id, routine_name, started_at, local_date,
             utc_offset_minutes, status, planned_seconds, planned_work_steps, active_seconds)
           VALUES ('gentle', 'Gentle start', '2023-11-02T08:00:00.000000+00:00', '2023-11-02',
             0, 'completed', 600, 4, 590)"""
    )
    conn.execute(
        """INSERT INTO pain_checks (session_id, moment, back, leg, note, taken_at)
           VALUES (1, 'before', 5, 6, '', '2023-11-02T08:00:00.000000+00:00')"""
    )
    conn.commit()
    conn.close()


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [*conn.iterdump(), f"user_version {conn.execute('PRAGMA user_version').fetchone()}"]
    finally:
        conn.close()


def test_an_old_log_is_backed_up_before_it_is_migrated(db_path: Path) -> None:
    make_version_1_log(db_path)
    original = dump(db_path)
    with SessionLog(db_path, clock=lambda: BACKUP_CLOCK) as log:
        record = log.session(1)
        assert record.pain_before == PainCheck("before", 5, 6, "", None)
        log.record_pain(1, PainCheck("after", 3, 3, reach="buttock"), local(2023, 11, 2))
        log.set_plan(WeeklyPlan(4), date(2023, 11, 2))

    backup = db_path.with_name("sessions.db.backup-v1-20250102T030405Z")
    assert [p.name for p in db_path.parent.glob("*.backup-*")] == [backup.name]
    assert mode(backup) == 0o600
    assert dump(backup) == original
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "reach" not in {row[1] for row in old.execute("PRAGMA table_info(pain_checks)")}
    old.close()
    new = sqlite3.connect(db_path)
    assert new.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert new.execute("SELECT reach FROM pain_checks WHERE moment = 'after'").fetchone() == (
        "buttock",
    )
    new.close()


def test_a_backup_never_overwrites_an_earlier_one(db_path: Path) -> None:
    make_version_1_log(db_path)
    earlier = db_path.with_name("sessions.db.backup-v1-20250102T030405Z")
    earlier.write_bytes(b"an earlier backup")
    SessionLog(db_path, clock=lambda: BACKUP_CLOCK).close()
    assert earlier.read_bytes() == b"an earlier backup"
    second = db_path.with_name("sessions.db.backup-v1-20250102T030405Z-2")
    assert sqlite3.connect(second).execute("SELECT COUNT(*) FROM sessions").fetchone() == (1,)


def test_a_new_or_current_log_makes_no_backup(db_path: Path) -> None:
    SessionLog(db_path).close()
    SessionLog(db_path).close()
    assert list(db_path.parent.glob("*.backup-*")) == []


def test_a_migration_and_its_backup_are_logged_by_path_and_version(
    db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    make_version_1_log(db_path)
    with caplog.at_level(logging.INFO, logger="sciatica_coach.core.schema"):
        SessionLog(db_path, clock=lambda: BACKUP_CLOCK).close()
        SessionLog(db_path).close()  # already current: nothing more to say
    backup = db_path.with_name("sessions.db.backup-v1-20250102T030405Z")
    assert [record.getMessage() for record in caplog.records] == [
        f"Backed up session log schema 1 to {backup}",
        f"Migrating session log {db_path} from schema 1 to {SCHEMA_VERSION}",
    ]


# --- files the log must not touch ---------------------------------------------------------


def test_a_file_that_is_not_a_database_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir()
    db_path.write_bytes(b"Shopping list: bread, milk.\n" * 200)
    before = snapshot(db_path)
    with pytest.raises(LogError, match="damaged or is not a database") as caught:
        SessionLog(db_path)
    assert str(db_path) in str(caught.value)
    assert snapshot(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["sessions.db"]


def test_another_apps_database_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir()
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = snapshot(db_path)
    with pytest.raises(LogError, match="not a Sciatica Coach session log"):
        SessionLog(db_path)
    assert snapshot(db_path) == before


def test_a_log_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    with SessionLog(db_path) as log:
        start(log)
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = snapshot(db_path)
    with pytest.raises(LogError, match="newer version") as caught:
        SessionLog(db_path)
    assert str(db_path) in str(caught.value)
    assert snapshot(db_path) == before
    assert list(db_path.parent.glob("*.backup-*")) == []


@pytest.mark.parametrize("journal_mode", ["wal", "delete"])
def test_a_log_locked_by_another_writer_is_refused_untouched(
    db_path: Path, journal_mode: str
) -> None:
    with SessionLog(db_path) as log:
        start(log)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute(f"PRAGMA journal_mode = {journal_mode}")
    before = snapshot(db_path)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("UPDATE sessions SET notes = 'half-written'")
    try:
        with pytest.raises(LogError, match="in use by another program") as caught:
            SessionLog(db_path)
        assert str(db_path) in str(caught.value)
        assert snapshot(db_path) == before
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert snapshot(db_path) == before
    with SessionLog(db_path) as log:
        assert log.sessions()[0].notes == ""


def test_a_write_blocked_by_another_program_raises_log_error(log: SessionLog) -> None:
    session_id = start(log)
    other = sqlite3.connect(log.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LogError, match="in use by another program"):
            log.record_step(session_id, step(0))
    finally:
        other.execute("ROLLBACK")
        other.close()
    log.record_step(session_id, step(0))
    assert len(log.steps(session_id)) == 1


NOBODY = "nobody"


@dataclass
class Sandbox:
    """A data folder, and a way to act as a user who is bound by permission bits.

    Root ignores permission bits, so as root the checks run with the effective user
    dropped to `nobody`, in a folder that user can reach.
    """

    folder: Path

    @property
    def as_root(self) -> bool:
        return os.geteuid() == 0

    def give_to_user(self, path: Path) -> None:
        if self.as_root:
            user = pwd.getpwnam(NOBODY)
            os.chown(path, user.pw_uid, user.pw_gid)

    @contextmanager
    def as_user(self) -> Iterator[None]:
        if not self.as_root:
            yield
            return
        user = pwd.getpwnam(NOBODY)
        os.setegid(user.pw_gid)
        os.seteuid(user.pw_uid)
        try:
            yield
        finally:
            os.seteuid(0)
            os.setegid(0)


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    if os.geteuid() != 0:
        yield Sandbox(tmp_path / "data")
        return
    try:
        pwd.getpwnam(NOBODY)
    except KeyError:
        pytest.skip("running as root and there is no 'nobody' user to drop to")
    base = Path(tempfile.mkdtemp(prefix="sciatica-coach-test-"))
    os.chmod(base, 0o755)
    try:
        yield Sandbox(base / "data")
    finally:
        shutil.rmtree(base)


def test_a_read_only_log_file_is_refused_untouched(sandbox: Sandbox) -> None:
    path = sandbox.folder / "sessions.db"
    with SessionLog(path) as log:
        start(log)
    os.chmod(sandbox.folder, 0o755)
    sandbox.give_to_user(sandbox.folder)
    os.chmod(path, 0o444)
    before = snapshot(path)
    try:
        with sandbox.as_user(), pytest.raises(LogError, match="read-only") as caught:
            SessionLog(path)
        assert str(path) in str(caught.value)
        assert snapshot(path) == before
        assert sorted(p.name for p in sandbox.folder.iterdir()) == ["sessions.db"]
    finally:
        os.chmod(path, 0o600)


def test_a_log_in_a_read_only_folder_is_refused_untouched(sandbox: Sandbox) -> None:
    path = sandbox.folder / "sessions.db"
    with SessionLog(path) as log:
        start(log)
    sandbox.give_to_user(path)
    os.chmod(sandbox.folder, 0o555)
    before = snapshot(path)
    try:
        with sandbox.as_user(), pytest.raises(LogError, match=r"folder .* is read-only"):
            SessionLog(path)
        assert snapshot(path) == before
    finally:
        os.chmod(sandbox.folder, 0o700)


def test_a_data_folder_that_cannot_be_created_is_reported(sandbox: Sandbox) -> None:
    sandbox.folder.mkdir(mode=0o555)
    os.chmod(sandbox.folder, 0o555)
    try:
        with sandbox.as_user(), pytest.raises(LogError, match="Cannot create the data folder"):
            SessionLog(sandbox.folder / "inner" / "sessions.db")
    finally:
        os.chmod(sandbox.folder, 0o700)

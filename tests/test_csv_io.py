"""CSV export and import of the history, and the log methods they rest on."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sciatica_coach.core.log import PainCheck, SessionLog, SessionRecord, StepRecord

BERLIN_SUMMER = timezone(timedelta(hours=2))


@pytest.fixture
def log(tmp_path: Path) -> Iterator[SessionLog]:
    with SessionLog(tmp_path / "one" / "sessions.sqlite3") as opened:
        yield opened


def record(started_at: datetime, **changes: object) -> SessionRecord:
    base = SessionRecord(
        id=0,
        routine_id="gentle-start",
        routine_name="Gentle start",
        started_at=started_at,
        local_date=started_at.date(),
        utc_offset_minutes=int(started_at.utcoffset().total_seconds() // 60),  # type: ignore[union-attr]
        ended_at=started_at + timedelta(minutes=12),
        status="completed",
        stop_reason=None,
        planned_seconds=600.0,
        planned_work_steps=2,
        active_seconds=590.5,
        notes="",
        pain_before=PainCheck("before", 4, 6, "stiff", "thigh"),
        pain_after=PainCheck("after", 3, 5),
        work_done=0,
        work_skipped=0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def step(index: int, status: str, ended_at: datetime, **changes: object) -> StepRecord:
    base = StepRecord(
        step_index=index,
        kind="work",
        exercise_id="glute_bridge",
        exercise_name="Glute bridge",
        set_number=index + 1,
        set_count=2,
        side=None,
        planned_seconds=30.0,
        actual_seconds=29.25,
        reps_planned=10,
        reps_done=10 if status == "done" else None,
        status=status,
        ended_at=ended_at,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_import_sessions_writes_whole_sessions_and_skips_known_ones(log: SessionLog) -> None:
    start = datetime(2024, 5, 6, 9, 30, tzinfo=BERLIN_SUMMER)
    steps = [step(0, "done", start + timedelta(minutes=1)), step(1, "skipped", start)]
    taken = {"before": start, "after": start + timedelta(minutes=13)}
    first = log.import_sessions([(record(start), steps, taken)])
    assert first[0] is not None
    again = log.import_sessions([(record(start, notes="changed"), [], {})])
    assert again == [None]
    stored = log.session(first[0])
    assert stored.local_date == date(2024, 5, 6) and stored.utc_offset_minutes == 120
    assert stored.started_at == start and stored.work_done == 1 and stored.work_skipped == 1
    assert stored.pain_before == PainCheck("before", 4, 6, "stiff", "thigh")
    assert log.steps(first[0]) == steps
    assert log.pain_times(first[0]) == {"before": start, "after": start + timedelta(minutes=13)}


def test_import_sessions_is_all_or_nothing(log: SessionLog) -> None:
    start = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
    good = (record(start), [], {})
    bad = (record(start + timedelta(days=1), status="in_progress"), [], {})
    with pytest.raises(ValueError, match="completed, stopped or interrupted"):
        log.import_sessions([good, bad])
    assert log.sessions() == []


def test_import_keeps_an_interrupted_session_as_it_was(log: SessionLog) -> None:
    start = datetime(2024, 5, 6, 7, 30, tzinfo=UTC)
    interrupted = record(start, status="interrupted", ended_at=None, active_seconds=12.0)
    (session_id,) = log.import_sessions([(interrupted, [], {})])
    assert session_id is not None
    stored = log.session(session_id)
    assert stored.status == "interrupted" and stored.ended_at is None
    assert stored.active_seconds == 12.0

"""CSV export and import of the history, and the log methods they rest on."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sciatica_coach.core.csv_io import (
    COLUMNS,
    CsvImportError,
    ImportSummary,
    decode_csv,
    export_csv,
    import_csv,
)
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, SessionRecord, StepRecord

BERLIN_SUMMER = timezone(timedelta(hours=2))


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


# --- export and import -----------------------------------------------------------------------

NEW_YORK_WINTER = timezone(timedelta(hours=-5))


def fill(log: SessionLog, tmp_path: Path) -> None:
    """Four sessions: full with both sides, stopped by a safety rule, no steps, interrupted."""
    start = datetime(2024, 5, 6, 9, 30, 15, 250000, tzinfo=BERLIN_SUMMER)
    first = log.start_session("gentle-start", "Gentle start", 615.5, 3, start)
    log.record_pain(first, PainCheck("before", 5, 7, 'stiff, "bad" night', "below_knee"), start)
    at = start
    rows = [
        ("prepare", None, 0, 0, None, 10.0, None, "done"),
        ("work", "left", 1, 1, 10, 40.0, 10, "done"),
        ("switch", "right", 0, 0, None, 5.0, None, "done"),
        ("work", "right", 1, 1, 10, 40.0, 8, "done"),
        ("work", None, 1, 1, 5, 20.0, None, "skipped"),
    ]
    for index, (kind, side, number, count, reps, seconds, done, status) in enumerate(rows):
        at += timedelta(seconds=seconds)
        work = kind == "work"
        log.record_step(
            first,
            StepRecord(
                index,
                kind,
                "clamshell" if work else None,
                "Clamshell" if work else None,
                number,
                count,
                side,
                seconds,
                seconds - 0.125 if status == "done" else 1.5,
                reps if work else None,
                done,
                status,
                at,
            ),
        )
    log.record_pain(first, PainCheck("after", 3, 4, "", "thigh"), at)
    log.set_notes(first, "Ça va.\nSecond line, with a comma; <img src=file:///etc/passwd>")
    log.finish_session(first, "completed", at, 115.75)

    stop_at = datetime(2024, 5, 8, 18, 0, tzinfo=BERLIN_SUMMER)
    stopped = log.start_session("strength", "Strength", 900.0, 12, stop_at)
    log.record_step(
        stopped,
        StepRecord(
            0,
            "work",
            "glute_bridge",
            "Glute bridge",
            1,
            2,
            None,
            30.0,
            12.0,
            10,
            3,
            "done",
            stop_at + timedelta(seconds=12),
        ),
    )
    log.finish_session(stopped, "stopped", stop_at + timedelta(seconds=12), 12.0, "pain_spreading")

    paper = datetime(2024, 1, 2, 7, 0, tzinfo=NEW_YORK_WINTER)
    empty = log.start_session("daily-mobility", "Daily mobility", 900.0, 10, paper)
    log.record_pain(empty, PainCheck("before", 2, 0), paper)
    log.finish_session(empty, "completed", paper + timedelta(minutes=15), 900.0)

    log.start_session("balance", "Balance", 300.0, 4, datetime(2024, 5, 9, 8, 0, tzinfo=UTC))


def exported(log: SessionLog) -> bytes:
    out = io.StringIO(newline="")
    export_csv(log, out)
    return out.getvalue().encode("utf-8")


def reopened(log: SessionLog) -> SessionLog:
    path = log.path
    log.close()
    return SessionLog(path)  # marks the session left in progress as interrupted


def test_export_import_export_gives_the_identical_file(log: SessionLog, tmp_path: Path) -> None:
    fill(log, tmp_path)
    log = reopened(log)
    first = exported(log)
    with SessionLog(tmp_path / "empty" / "sessions.sqlite3") as fresh:
        summary = import_csv(fresh, first.decode("utf-8"))
        assert summary == ImportSummary(sessions_added=4, steps_added=6, already_present=0)
        assert exported(fresh) == first
        statuses = sorted(record.status for record in fresh.sessions())
        assert statuses == ["completed", "completed", "interrupted", "stopped"]
    log.close()


def test_export_has_a_header_one_row_per_step_and_iso_times(
    log: SessionLog, tmp_path: Path
) -> None:
    fill(log, tmp_path)
    rows = list(csv.DictReader(io.StringIO(exported(log).decode("utf-8"), newline="")))
    assert list(rows[0]) == list(COLUMNS)
    # No-step sessions are one row each; the session still in progress is left out.
    assert len(rows) == 1 + 5 + 1
    paper = rows[0]
    assert paper["started_at"] == "2024-01-02T07:00:00-05:00" and paper["step_index"] == ""
    assert paper["pain_before_back"] == "2" and paper["pain_after_back"] == ""
    full = rows[1:6]
    assert {row["started_at"] for row in full} == {"2024-05-06T09:30:15.250000+02:00"}
    assert [row["step_kind"] for row in full] == ["prepare", "work", "switch", "work", "work"]
    assert full[1]["side"] == "left" and full[1]["reps_done"] == "10"
    assert full[0]["planned_seconds"] == "615.5" and full[0]["step_actual_seconds"] == "9.875"
    assert full[0]["notes"].startswith("Ça va.\nSecond line")
    assert rows[6]["stop_reason"] == "pain_spreading"
    log.close()


def test_importing_the_same_file_twice_adds_nothing_the_second_time(
    log: SessionLog, tmp_path: Path
) -> None:
    fill(log, tmp_path)
    log = reopened(log)
    text = exported(log).decode("utf-8")
    log.close()
    with SessionLog(tmp_path / "other" / "sessions.sqlite3") as other:
        import_csv(other, text)
        again = import_csv(other, text)
        assert again == ImportSummary(sessions_added=0, steps_added=0, already_present=4)
        assert len(other.sessions()) == 4


HEADER = "started_at,routine_id,routine_name,status,notes,pain_before_back,pain_before_leg\n"


def test_a_paper_log_needs_only_a_few_columns(log: SessionLog) -> None:
    text = (
        HEADER
        + '2024-03-01T08:15:00+00:00,gentle-start,Gentle start,,"felt ok, ""slow""",4,6\n'
        + "2024-03-02T08:15:00+00:00,gentle-start,,stopped,,,\n"
    )
    assert import_csv(log, text).sessions_added == 2
    first, second = sorted(log.sessions(), key=lambda r: r.started_at)
    assert first.status == "completed" and first.notes == 'felt ok, "slow"'
    assert first.pain_before == PainCheck("before", 4, 6) and first.pain_after is None
    assert second.status == "stopped" and second.routine_name == "gentle-start"
    assert log.steps(second.id) == []


def test_times_without_an_offset_need_a_local_zone(log: SessionLog) -> None:
    text = "started_at,routine_id\n2024-03-01T08:15,gentle-start\n"
    with pytest.raises(CsvImportError) as caught:
        import_csv(log, text)
    assert str(caught.value.problems[0]) == (
        "line 2, column 1 (started_at): needs a UTC offset, like 2024-03-01T08:15+01:00"
    )
    import_csv(log, text, localise=lambda naive: naive.replace(tzinfo=NEW_YORK_WINTER))
    (record_,) = log.sessions()
    assert record_.started_at == datetime(2024, 3, 1, 13, 15, tzinfo=UTC)
    assert record_.local_date == date(2024, 3, 1) and record_.utc_offset_minutes == -300


def test_every_bad_row_is_reported_by_line_and_column_and_nothing_is_imported(
    log: SessionLog,
) -> None:
    text = (
        HEADER
        + "2024-03-01T08:15:00+00:00,gentle-start,Gentle start,completed,fine,4,6\n"
        + "2024-03-02 08:15,gentle-start,Gentle start,done,,11,\n"
        + "yesterday,,Gentle start,completed,,,\n"
        + '2024-03-04T08:15:00+00:00,gentle-start,"Gentle\nstart",completed,,x,2\n'
        + "2024-03-05T08:15:00+00:00,gentle-start,Gentle start,completed,,1,2,extra\n"
    )
    with pytest.raises(CsvImportError) as caught:
        import_csv(log, text, localise=lambda naive: naive.replace(tzinfo=UTC))
    assert [str(problem) for problem in caught.value.problems] == [
        "line 3, column 4 (status): must be one of completed, stopped, interrupted, not 'done'",
        "line 3, column 6 (pain_before_back): must be a whole number from 0 to 10, not '11'",
        "line 3, column 7 (pain_before_leg): is empty but pain_before_back is set; "
        "give both or neither",
        "line 4, column 1 (started_at): is not a date and time like "
        "2024-05-06T09:30:00+01:00: 'yesterday'",
        "line 4, column 2 (routine_id): is empty; it is required",
        "line 5, column 6 (pain_before_back): must be a whole number from 0 to 10, not 'x'",
        "line 7: has 8 cells but the header has 7 columns",
    ]
    assert log.sessions() == []


def test_a_session_split_over_rows_must_agree_and_number_its_steps_once(
    log: SessionLog,
) -> None:
    text = (
        "started_at,routine_id,notes,step_index,step_kind,step_status\n"
        "2024-03-01T08:15:00+00:00,gentle-start,a,0,work,done\n"
        "2024-03-01T09:15:00+01:00,gentle-start,b,0,work,skipped\n"
        "2024-03-01T08:15:00+00:00,gentle-start,a,,,\n"
        "2024-03-01T08:15:00+00:00,gentle-start,a,1,lunge,done\n"
    )
    with pytest.raises(CsvImportError) as caught:
        import_csv(log, text)
    messages = [str(problem) for problem in caught.value.problems]
    assert messages[0].startswith("line 3, column 1 (started_at): differs from line 2")
    assert messages[1].startswith("line 3, column 3 (notes): differs from line 2")
    assert messages[2] == "line 3, column 4 (step_index): step 0 is already on line 2"
    assert messages[3].startswith("line 4, column 4 (step_index): is empty but other rows")
    assert messages[4] == (
        "line 5, column 5 (step_kind): must be one of prepare, rest, switch, work, not 'lunge'"
    )
    assert len(messages) == 5


def test_header_problems_stop_before_the_rows(log: SessionLog) -> None:
    with pytest.raises(CsvImportError) as caught:
        import_csv(log, "\ufeffroutine_id,colour,colour\ngentle-start,red,blue\n")
    assert [str(problem) for problem in caught.value.problems] == [
        "line 1: the header has no started_at column",
        "line 1, column 2 (colour): unknown column; the columns are " + ", ".join(COLUMNS),
        "line 1, column 3 (colour): unknown column; the columns are " + ", ".join(COLUMNS),
    ]
    with pytest.raises(CsvImportError, match="line 1: the file is empty"):
        import_csv(log, "")


def test_a_file_that_is_not_utf8_names_the_line(log: SessionLog) -> None:
    assert decode_csv("\ufeffa,b\n".encode()) == "a,b\n"
    with pytest.raises(CsvImportError) as caught:
        decode_csv("started_at\n2024\nCaf\xe9\n".encode("latin-1"))
    assert str(caught.value) == "line 3: is not UTF-8 text; save the file as CSV UTF-8"


def test_stop_reason_belongs_to_stopped_sessions_and_ends_follow_starts(log: SessionLog) -> None:
    text = (
        "started_at,routine_id,status,stop_reason,ended_at\n"
        "2024-03-01T08:15:00+00:00,gentle-start,completed,tired,2024-03-01T08:00:00+00:00\n"
    )
    with pytest.raises(CsvImportError) as caught:
        import_csv(log, text)
    assert [str(problem) for problem in caught.value.problems] == [
        "line 2, column 4 (stop_reason): only a stopped session has a stop reason",
        "line 2, column 5 (ended_at): is before started_at",
    ]

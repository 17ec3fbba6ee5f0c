"""CSV backups that always restore, and CSV input that cannot hurt: formulas, huge numbers,
out-of-range dates, pipes and devices. Every hostile file is made here, in a temp folder."""

from __future__ import annotations

import io
import os
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from command_line import cli
from sciatica_coach.cli import main
from sciatica_coach.core import csv_io, paths
from sciatica_coach.core import records as session_log
from sciatica_coach.core.csv_io import (
    COLUMNS,
    MAX_COUNT,
    MAX_SECONDS,
    MAX_TEXT,
    CsvImportError,
    CsvReadError,
    escape_cell,
    export_csv,
    import_csv,
    parse_csv,
    read_csv_file,
    unescape_cell,
)
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, SessionRecord, StepRecord

FAR_EAST = timezone(timedelta(hours=14))
FAR_WEST = timezone(timedelta(hours=-12))
FORMULAS = ("=1+1", "+1", "-1", "@SUM(A1)", "\tTAB", "\rCR", "'quoted", "''twice", "＝1")


def exported(log: SessionLog) -> bytes:
    out = io.StringIO(newline="")
    export_csv(log, out)
    return out.getvalue().encode("utf-8")


def session(started: datetime, **fields: object) -> SessionRecord:
    values: dict[str, object] = {
        "id": 0,
        "routine_id": "gentle-start",
        "routine_name": "Gentle start",
        "started_at": started,
        "local_date": started.date(),
        "utc_offset_minutes": int(started.utcoffset().total_seconds() // 60),  # type: ignore[union-attr]
        "ended_at": started + timedelta(minutes=10),
        "status": "completed",
        "stop_reason": None,
        "planned_seconds": 600.0,
        "planned_work_steps": 1,
        "active_seconds": 590.0,
        "notes": "",
        "pain_before": None,
        "pain_after": None,
        "work_done": 0,
        "work_skipped": 0,
    }
    values.update(fields)
    return SessionRecord(**values)  # type: ignore[arg-type]


def work_step(index: int, ended: datetime, **fields: object) -> StepRecord:
    values: dict[str, object] = {
        "step_index": index,
        "kind": "work",
        "exercise_id": "glute_bridge",
        "exercise_name": "Glute bridge",
        "set_number": 1,
        "set_count": 1,
        "side": None,
        "planned_seconds": 30.0,
        "actual_seconds": 30.0,
        "reps_planned": 10,
        "reps_done": 10,
        "status": "done",
        "ended_at": ended,
    }
    values.update(fields)
    return StepRecord(**values)  # type: ignore[arg-type]


def problems(text: str, **options: object) -> list[str]:
    with pytest.raises(CsvImportError) as caught:
        parse_csv(text, **options)  # type: ignore[arg-type]
    return [str(problem) for problem in caught.value.problems]


# --- fault 3: the largest values allowed anywhere survive a backup ---------------------------


def longest(start: str, end: str = ".") -> str:
    """Text of exactly MAX_TEXT characters with everything CSV must quote, and a formula start.

    Names and ids are trimmed on import (a paper log's stray spaces), so they end in ``end``;
    notes are kept exactly as written and may end in white space.
    """
    body = start + 'a "quoted", comma;\r\nnew line\nÇa va 🙂\t'
    return (body * (MAX_TEXT // len(body) + 1))[: MAX_TEXT - len(end)] + end


def test_the_largest_allowed_values_of_every_field_export_and_reimport_byte_identically(
    log: SessionLog, tmp_path: Path
) -> None:
    # The bounds are UTC instants; the file shows them in the session's own zone.
    early = csv_io.EARLIEST.astimezone(FAR_EAST)
    late = csv_io.LATEST.astimezone(FAR_WEST)
    big = session(
        early,
        routine_id=longest("-id"),
        routine_name=longest("=name"),
        status="stopped",
        stop_reason=longest("@reason"),
        ended_at=late,
        planned_seconds=float(MAX_SECONDS),
        planned_work_steps=MAX_COUNT,
        active_seconds=MAX_SECONDS - 0.125,
        notes=longest("+notes", end="\r\n "),
        pain_before=PainCheck("before", 10, 10, longest("'before", end="\t"), "foot"),
        pain_after=PainCheck("after", 10, 10, longest("\tafter", end="\n"), "below_knee"),
    )
    steps = [
        work_step(
            MAX_COUNT,
            late,
            exercise_id=longest("=exercise"),
            exercise_name=longest("-Exercise"),
            set_number=MAX_COUNT,
            set_count=MAX_COUNT,
            side="right",
            planned_seconds=float(MAX_SECONDS),
            actual_seconds=float(MAX_SECONDS),
            reps_planned=MAX_COUNT,
            reps_done=MAX_COUNT,
            status="skipped",
        ),
        work_step(0, early, reps_planned=None, reps_done=None, planned_seconds=0.0),
    ]
    log.import_sessions([(big, steps, {"before": early, "after": late})])
    first = exported(log)
    assert len(first) > 10 * MAX_TEXT  # the long values really are in the file

    with SessionLog(tmp_path / "restored" / paths.DATABASE_NAME) as restored:
        summary = import_csv(restored, first.decode("utf-8"))
        assert (summary.sessions_added, summary.steps_added) == (1, 2)
        assert exported(restored) == first
        (back,) = restored.sessions()
        assert back.notes == big.notes and back.routine_name == big.routine_name
        assert back.pain_before == big.pain_before and back.pain_after == big.pain_after
        assert restored.steps(back.id) == sorted(steps, key=lambda s: s.step_index)


def test_one_character_past_the_limit_is_refused_with_the_limit_named(log: SessionLog) -> None:
    text = f"started_at,routine_id,notes\n2024-03-01T08:15:00+00:00,gentle-start,{'x' * 10_001}\n"
    assert problems(text) == ["line 2, column 3 (notes): has 10,001 characters; at most 10,000 fit"]
    assert MAX_TEXT == 10_000


def test_history_notes_stop_at_the_limit_and_count_towards_it(
    qtbot, tmp_path: Path, log: SessionLog
) -> None:  # type: ignore[no-untyped-def]
    from sciatica_coach.ui.history import HistoryView

    start = datetime(2024, 3, 1, 8, 15, tzinfo=UTC)
    log.import_sessions([(session(start), [], {})])
    view = HistoryView(log)
    qtbot.addWidget(view)
    assert view.notes_counter.text() == f"0 / {MAX_TEXT:,}"

    view.notes.setPlainText("a" * (MAX_TEXT - 2))
    view.notes.moveCursor(view.notes.textCursor().MoveOperation.End)
    view.notes.insertPlainText("🙂xyz")  # a pasted piece that does not all fit
    assert view.notes.toPlainText() == "a" * (MAX_TEXT - 2) + "🙂x"
    assert view.notes_counter.text() == f"{MAX_TEXT:,} / {MAX_TEXT:,}"

    view.notes.setPlainText("b" * (MAX_TEXT + 500))  # set in one go: its beginning is kept
    assert view.notes.toPlainText() == "b" * MAX_TEXT
    assert view.save_notes() is True
    (saved,) = log.sessions()
    assert len(saved.notes) == MAX_TEXT
    with SessionLog(tmp_path / "copy" / paths.DATABASE_NAME) as copy:
        assert import_csv(copy, exported(log).decode("utf-8")).sessions_added == 1


# --- fault 9: formula injection -------------------------------------------------------------


def test_formula_like_text_is_exported_behind_an_apostrophe_and_imported_as_written(
    log: SessionLog, tmp_path: Path
) -> None:
    start = datetime(2024, 3, 1, 8, 15, tzinfo=UTC)
    records = [
        (
            session(
                start + timedelta(days=day),
                routine_name=text,
                notes=text,
                pain_before=PainCheck("before", 1, 2, text),
            ),
            [work_step(0, start + timedelta(days=day), exercise_name=text)],
            {},
        )
        for day, text in enumerate(FORMULAS)
    ]
    log.import_sessions(records)
    first = exported(log)
    rows = list(csv_io.csv.reader(io.StringIO(first.decode("utf-8"), newline="")))
    for row, text in zip(rows[1:], FORMULAS, strict=True):
        cells = dict(zip(COLUMNS, row, strict=True))
        for column in ("routine_name", "notes", "pain_before_note", "exercise_name"):
            assert cells[column] == "'" + text, column
    # Nothing a spreadsheet would run is left at the start of any cell.
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    assert b'"\'\rCR"' in first  # a cell with a CR in it is quoted by the csv module

    with SessionLog(tmp_path / "restored" / paths.DATABASE_NAME) as restored:
        import_csv(restored, first.decode("utf-8"))
        assert exported(restored) == first
        by_note = sorted(record.notes for record in restored.sessions())
        assert by_note == sorted(FORMULAS)


@given(st.text())
def test_the_escape_is_undone_exactly(text: str) -> None:
    assert unescape_cell(escape_cell(text)) == text
    assert not escape_cell(text).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_plain_text_is_exported_unchanged() -> None:
    for text in ("", "Felt fine", "1 2 3", "a=b", "it's ok"):
        assert escape_cell(text) == text


# --- fault 11: hostile numbers and dates ----------------------------------------------------


def test_huge_numbers_are_problems_naming_the_row_and_field_not_tracebacks() -> None:
    header = "started_at,routine_id,planned_work_steps,step_index,step_kind,step_status,"
    header += "reps_done,step_actual_seconds\n"
    row = "2024-03-01T08:15:00+00:00,gentle-start,{},{},work,done,{},{}\n"
    text = header + row.format("9" * 5000, 2**63, 10**30, "1e400")
    text += row.replace("08:15", "09:15").format("-1", "nan", MAX_COUNT + 1, MAX_SECONDS + 1)
    found = problems(text)
    assert found[0] == (
        "line 2, column 3 (planned_work_steps): must be a whole number from 0 to 1000000, "
        "not '9999999999999999999999999999999999999'... (5000 characters)"
    )
    assert found[1] == (
        f"line 2, column 4 (step_index): must be a whole number from 0 to 1000000, not '{2**63}'"
    )
    assert found[2].startswith("line 2, column 7 (reps_done): must be a whole number")
    assert found[3] == (
        "line 2, column 8 (step_actual_seconds): must be a number of seconds from 0 to "
        "604800, not '1e400'"
    )
    assert [problem.split(":")[0] for problem in found[4:]] == [
        "line 3, column 3 (planned_work_steps)",
        "line 3, column 4 (step_index)",
        "line 3, column 7 (reps_done)",
        "line 3, column 8 (step_actual_seconds)",
    ]


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00+01:00",
        "0001-01-01T00:00:00",
        "9999-12-31T23:59:59-01:00",
        "9999-12-31T23:59:59.999999",
        "1969-12-31T23:59:59+00:00",
        "2101-01-01T00:00:00+00:00",
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_problems_not_tracebacks(moment: str) -> None:
    text = f"started_at,routine_id\n{moment},gentle-start\n"
    assert problems(text, localise=lambda naive: naive.astimezone()) == [
        f"line 2, column 1 (started_at): must be a date from 1970 to 2100, not {moment!r}"
    ]


def test_the_import_command_names_the_file_row_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "paper.csv"
    source.write_text(
        "started_at,routine_id,ended_at,reps_done,step_index,step_kind,step_status\n"
        "9999-12-31T23:59:59,gentle-start,,1,0,work,done\n"
        f"2024-01-01T08:00:00+00:00,gentle-start,0001-01-01T00:00:00+00:00,{'7' * 4400},0,work,"
        "done\n",
        encoding="utf-8",
    )
    assert main(["--data-dir", str(tmp_path / "data"), "import", "--csv", str(source)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == (
        f"{source}: line 2, column 1 (started_at): must be a date from 1970 to 2100, "
        "not '9999-12-31T23:59:59'"
    )
    assert lines[1] == (
        f"{source}: line 3, column 3 (ended_at): must be a date from 1970 to 2100, "
        "not '0001-01-01T00:00:00+00:00'"
    )
    assert lines[2].startswith(f"{source}: line 3, column 4 (reps_done): must be a whole number")
    assert lines[2].endswith("... (4400 characters)")
    assert lines[-1] == f"{source}: nothing was imported; fix the rows above and try again"
    assert len(lines) == 4


# --- fault 11: files that are not files -----------------------------------------------------


def run_import(
    data: Path, source: str, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, so a hang fails the test instead of stopping it."""
    return cli(data, "import", "--csv", source, input=input)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_import_from_a_fifo_nobody_writes_to_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "history.csv"
    os.mkfifo(fifo)
    result = run_import(tmp_path / "data", str(fifo))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{fifo}: is a pipe (FIFO), not a regular file"]
    assert not (tmp_path / "data").exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_import_from_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    result = run_import(tmp_path / "data", "/dev/zero")
    assert result.returncode == 2
    assert result.stderr.startswith("/dev/zero: is a device, not a regular file")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.skipif(not Path("/dev/stdin").exists(), reason="no /dev/stdin on this system")
def test_import_from_a_pipe_is_refused(tmp_path: Path) -> None:
    result = run_import(tmp_path / "data", "/dev/stdin", input="started_at,routine_id\n")
    assert result.returncode == 2
    assert "not a regular file" in result.stderr


def test_an_import_file_over_the_size_cap_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "big.csv"
    source.write_bytes(b"x" * 11)
    assert read_csv_file(source, limit=11) == b"x" * 11
    with pytest.raises(CsvReadError, match=r"big\.csv: is 11 bytes; the limit is 10 bytes"):
        read_csv_file(source, limit=10)
    with pytest.raises(CsvReadError, match="is a folder"):
        read_csv_file(tmp_path)


def test_export_when_the_data_folder_is_a_plain_file_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.write_text("not a folder")
    out = tmp_path / "out.csv"
    assert main(["--data-dir", str(data), "export", "--csv", str(out)]) == 1
    assert main(["--data-dir", str(data), "export", "--csv", "-"]) == 1
    err = capsys.readouterr().err.splitlines()
    message = f"The data folder {data} is a file, not a folder; choose another with --data-dir."
    assert err == [message, message]
    assert not out.exists()


# --- step statuses come from the log --------------------------------------------------------


def test_step_status_is_checked_against_the_logs_own_list(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    row = "started_at,routine_id,step_index,step_kind,step_status\n"
    row += "2024-03-01T08:15:00+00:00,gentle-start,0,work,{}\n"
    for status in session_log.STEP_STATUSES:  # 'stopped' too, now that the log has it
        (parsed,) = parse_csv(row.format(status))
        assert parsed.steps[0].status == status
    # Whatever the log's list becomes, import follows it with no edit of its own.
    monkeypatch.setattr(session_log, "STEP_STATUSES", frozenset({"done", "skipped", "paused"}))
    assert parse_csv(row.format("paused"))[0].steps[0].status == "paused"
    assert problems(row.format("stopped")) == [
        "line 2, column 5 (step_status): must be one of done, paused, skipped, not 'stopped'"
    ]
    assert problems(row.format("")) == [
        "line 2, column 5 (step_status): is empty; it is one of done, paused, skipped"
    ]

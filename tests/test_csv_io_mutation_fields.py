"""The CSV backup checked against the data, not against another export: every cell of an
export against the records put in the log, every field of an import against hand-written
rows, each scale at its ends and one past, and each refusal with its line, column and words."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from sciatica_coach.core.csv_io import (
    COLUMNS,
    MAX_SECONDS,
    MAX_TEXT,
    CsvImportError,
    CsvProblem,
    escape_cell,
    export_csv,
    import_csv,
    parse_csv,
    unescape_cell,
)
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import PainCheck, SessionRecord, StepRecord
from sciatica_coach.core.symptoms import MorningCheck

PARIS = timezone(timedelta(hours=2))
START = datetime(2024, 5, 6, 9, 30, tzinfo=PARIS)


def stopped_session() -> SessionRecord:
    return SessionRecord(
        id=0,
        routine_id="gentle-start",
        routine_name="Gentle start",
        started_at=START,
        local_date=START.date(),
        utc_offset_minutes=120,
        ended_at=START + timedelta(minutes=7, seconds=30),
        status="stopped",
        stop_reason="pain",
        stop_step=3,
        planned_seconds=600.5,
        planned_work_steps=4,
        active_seconds=412.25,
        notes="=felt ok",
        pain_before=PainCheck("before", 0, 10, "stiff", "foot"),
        pain_after=PainCheck("after", 10, 0, "", None),
        work_done=0,
        work_skipped=0,
    )


def steps_of_stopped_session() -> list[StepRecord]:
    return [
        StepRecord(
            step_index=1,
            kind="work",
            exercise_id="bridge",
            exercise_name="Bridge",
            set_number=1,
            set_count=2,
            side="left",
            planned_seconds=30.0,
            actual_seconds=29.75,
            reps_planned=8,
            reps_done=7,
            status="done",
            ended_at=START + timedelta(seconds=40),
            variant="easier",
            leg_response="worse",
        ),
        StepRecord(
            step_index=2,
            kind="rest",
            exercise_id=None,
            exercise_name=None,
            set_number=0,
            set_count=0,
            side=None,
            planned_seconds=15.0,
            actual_seconds=3.0,
            reps_planned=None,
            reps_done=None,
            status="skipped",
            ended_at=START + timedelta(seconds=43),
        ),
    ]


def quiet_session() -> SessionRecord:
    started = datetime(2024, 5, 8, 18, 0, tzinfo=UTC)
    return SessionRecord(
        id=0,
        routine_id="flare-day",
        routine_name="Flare day",
        started_at=started,
        local_date=started.date(),
        utc_offset_minutes=0,
        ended_at=started + timedelta(minutes=5),
        status="completed",
        stop_reason=None,
        planned_seconds=300.0,
        planned_work_steps=0,
        active_seconds=300.0,
        notes="",
        pain_before=None,
        pain_after=None,
        work_done=0,
        work_skipped=0,
    )


def exported(log: SessionLog) -> list[dict[str, str]]:
    taken = {"before": START - timedelta(minutes=1), "after": START + timedelta(minutes=8)}
    ids = log.import_sessions(
        [
            (stopped_session(), steps_of_stopped_session(), taken),
            (quiet_session(), [], {}),
        ]
    )
    morning = datetime(2024, 5, 7, 7, 15, tzinfo=PARIS)
    assert ids[0] is not None
    log.record_morning_check(
        MorningCheck(ids[0], "better", 2, None, "thigh", morning, morning.date())
    )
    out = io.StringIO(newline="")
    summary = export_csv(log, out)
    assert (summary.sessions, summary.rows) == (2, 3)
    text = out.getvalue()
    assert text.startswith(",".join(COLUMNS) + "\r\n")
    assert text.count("\r\n") == 4
    return list(csv.DictReader(io.StringIO(text, newline="")))


SESSION_CELLS = {
    "started_at": "2024-05-06T09:30:00+02:00",
    "routine_id": "gentle-start",
    "routine_name": "Gentle start",
    "status": "stopped",
    "stop_reason": "pain",
    "stop_step": "3",
    "ended_at": "2024-05-06T09:37:30+02:00",
    "planned_seconds": "600.5",
    "planned_work_steps": "4",
    "active_seconds": "412.25",
    "notes": "'=felt ok",
    "pain_before_back": "0",
    "pain_before_leg": "10",
    "pain_before_reach": "foot",
    "pain_before_note": "stiff",
    "pain_before_at": "2024-05-06T09:29:00+02:00",
    "pain_after_back": "10",
    "pain_after_leg": "0",
    "pain_after_reach": "",
    "pain_after_note": "",
    "pain_after_at": "2024-05-06T09:38:00+02:00",
    "morning_compared": "better",
    "morning_back": "2",
    "morning_leg": "",
    "morning_reach": "thigh",
    "morning_at": "2024-05-07T07:15:00+02:00",
}

FIRST_STEP = {
    "step_index": "1",
    "step_kind": "work",
    "exercise_id": "bridge",
    "exercise_name": "Bridge",
    "set_number": "1",
    "set_count": "2",
    "side": "left",
    "step_planned_seconds": "30",
    "step_actual_seconds": "29.75",
    "reps_planned": "8",
    "reps_done": "7",
    "step_status": "done",
    "step_ended_at": "2024-05-06T09:30:40+02:00",
    "variant": "easier",
    "leg_response": "worse",
}

SECOND_STEP = {
    "step_index": "2",
    "step_kind": "rest",
    "exercise_id": "",
    "exercise_name": "",
    "set_number": "0",
    "set_count": "0",
    "side": "",
    "step_planned_seconds": "15",
    "step_actual_seconds": "3",
    "reps_planned": "",
    "reps_done": "",
    "step_status": "skipped",
    "step_ended_at": "2024-05-06T09:30:43+02:00",
    "variant": "",
    "leg_response": "",
}

QUIET_CELLS = {column: "" for column in COLUMNS} | {
    "started_at": "2024-05-08T18:00:00+00:00",
    "routine_id": "flare-day",
    "routine_name": "Flare day",
    "status": "completed",
    "ended_at": "2024-05-08T18:05:00+00:00",
    "planned_seconds": "300",
    "planned_work_steps": "0",
    "active_seconds": "300",
}


def test_every_cell_of_the_export_is_the_logged_value(log: SessionLog) -> None:
    rows = exported(log)
    assert rows == [SESSION_CELLS | FIRST_STEP, SESSION_CELLS | SECOND_STEP, QUIET_CELLS]


def test_export_limits_itself_to_the_days_asked_for(log: SessionLog) -> None:
    exported(log)
    out = io.StringIO(newline="")
    summary = export_csv(log, out, since=date(2024, 5, 7), until=date(2024, 5, 9))
    assert (summary.sessions, summary.rows) == (1, 1)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert [row["routine_id"] for row in rows] == ["flare-day"]


def test_a_session_still_running_is_not_exported(log: SessionLog) -> None:
    log.start_session("gentle-start", "Gentle start", 600, 2, START)
    out = io.StringIO(newline="")
    summary = export_csv(log, out)
    assert (summary.sessions, summary.rows) == (0, 0)
    assert out.getvalue() == ",".join(COLUMNS) + "\r\n"


def csv_text(*rows: dict[str, str]) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row.get(column, "") for column in COLUMNS])
    return out.getvalue()


def test_import_of_hand_written_rows_gives_these_records() -> None:
    text = csv_text(SESSION_CELLS | FIRST_STEP, SESSION_CELLS | SECOND_STEP, QUIET_CELLS)
    first, quiet = parse_csv(text)
    expected = stopped_session()
    assert first.record == expected
    assert first.steps == tuple(steps_of_stopped_session())
    assert first.pain_taken == {
        "before": START - timedelta(minutes=1),
        "after": START + timedelta(minutes=8),
    }
    morning_at = datetime(2024, 5, 7, 7, 15, tzinfo=PARIS)
    assert first.morning == MorningCheck(
        0, "better", 2, None, "thigh", morning_at, morning_at.date()
    )
    assert first.line == 2
    assert quiet.record == quiet_session()
    assert (quiet.steps, quiet.pain_taken, quiet.morning, quiet.line) == ((), {}, None, 4)


def test_import_adds_to_the_log_and_counts_what_it_added(log: SessionLog) -> None:
    text = csv_text(SESSION_CELLS | FIRST_STEP, SESSION_CELLS | SECOND_STEP, QUIET_CELLS)
    summary = import_csv(log, text)
    assert (summary.sessions_added, summary.steps_added, summary.already_present) == (2, 2, 0)
    again = import_csv(log, text)
    assert (again.sessions_added, again.steps_added, again.already_present) == (0, 0, 2)
    (stopped,) = [s for s in log.sessions() if s.routine_id == "gentle-start"]
    assert log.steps(stopped.id) == steps_of_stopped_session()


def test_missing_totals_are_worked_out_from_the_steps() -> None:
    session = SESSION_CELLS | {
        "planned_seconds": "",
        "planned_work_steps": "",
        "active_seconds": "",
        "ended_at": "",
        "status": "",
        "stop_reason": "",
        "stop_step": "",
        "routine_name": "",
    }
    (parsed,) = parse_csv(csv_text(session | FIRST_STEP, session | SECOND_STEP))
    record = parsed.record
    assert (record.planned_seconds, record.planned_work_steps, record.active_seconds) == (
        45,
        1,
        32.75,
    )
    assert record.status == "completed"
    assert record.ended_at == START + timedelta(seconds=32.75)
    assert record.routine_name == "gentle-start"


def test_an_interrupted_session_keeps_no_end() -> None:
    session = QUIET_CELLS | {"status": "interrupted", "ended_at": "", "active_seconds": "12"}
    (parsed,) = parse_csv(csv_text(session))
    assert (parsed.record.status, parsed.record.ended_at, parsed.record.active_seconds) == (
        "interrupted",
        None,
        12,
    )


def test_a_step_without_an_end_takes_the_session_s_end() -> None:
    (parsed,) = parse_csv(csv_text(SESSION_CELLS | FIRST_STEP | {"step_ended_at": ""}))
    assert parsed.steps[0].ended_at == START + timedelta(minutes=7, seconds=30)


def test_variant_and_leg_response_are_kept_only_on_work_steps() -> None:
    rest = SECOND_STEP | {"variant": "harder", "leg_response": "better"}
    (parsed,) = parse_csv(csv_text(SESSION_CELLS | rest))
    assert (parsed.steps[0].variant, parsed.steps[0].leg_response) == (None, None)


def test_steps_come_back_in_step_order() -> None:
    (parsed,) = parse_csv(csv_text(SESSION_CELLS | SECOND_STEP, SESSION_CELLS | FIRST_STEP))
    assert [s.step_index for s in parsed.steps] == [1, 2]


def problems(*rows: dict[str, str], localise: object = None) -> list[str]:
    with pytest.raises(CsvImportError) as raised:
        parse_csv(csv_text(*rows), localise=localise)  # type: ignore[arg-type]
    return [str(problem) for problem in raised.value.problems]


def at(column: str) -> str:
    return f"column {COLUMNS.index(column) + 1} ({column})"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("pain_before_back", "0"),
        ("pain_before_back", "10"),
        ("pain_after_leg", "10"),
        ("morning_back", "0"),
        ("morning_leg", "10"),
        ("set_number", "1000000"),
        ("step_actual_seconds", str(MAX_SECONDS)),
        ("step_planned_seconds", "0"),
        ("started_at", "1970-01-01T00:00:00+00:00"),
        ("step_ended_at", "2100-12-31T23:59:59.999999+00:00"),
        ("notes", "x" * MAX_TEXT),
    ],
)
def test_each_scale_at_its_ends_is_accepted(column: str, value: str) -> None:
    row = SESSION_CELLS | FIRST_STEP | {column: value}
    if column == "started_at":
        row |= {"ended_at": "", "step_ended_at": "", "pain_before_at": "", "pain_after_at": ""}
        row |= {"morning_at": "1970-01-02T00:00:00+00:00"}
    (parsed,) = parse_csv(csv_text(row))
    assert parsed.line == 2


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("pain_before_back", "11", "must be a whole number from 0 to 10, not '11'"),
        ("pain_before_leg", "-1", "must be a whole number from 0 to 10, not '-1'"),
        ("pain_after_back", "ten", "must be a whole number from 0 to 10, not 'ten'"),
        ("morning_back", "11", "must be a whole number from 0 to 10, not '11'"),
        ("morning_leg", "-1", "must be a whole number from 0 to 10, not '-1'"),
        ("set_number", "1000001", "must be a whole number from 0 to 1000000, not '1000001'"),
        ("reps_done", "-1", "must be a whole number from 0 to 1000000, not '-1'"),
        (
            "step_actual_seconds",
            str(MAX_SECONDS + 1),
            f"must be a number of seconds from 0 to {MAX_SECONDS}, not '{MAX_SECONDS + 1}'",
        ),
        (
            "step_planned_seconds",
            "-0.5",
            f"must be a number of seconds from 0 to {MAX_SECONDS}, not '-0.5'",
        ),
        (
            "active_seconds",
            "nan",
            f"must be a number of seconds from 0 to {MAX_SECONDS}, not 'nan'",
        ),
        (
            "planned_seconds",
            "soon",
            f"must be a number of seconds from 0 to {MAX_SECONDS}, not 'soon'",
        ),
        (
            "step_ended_at",
            "2101-01-01T00:00:00+00:00",
            "must be a date from 1970 to 2100, not '2101-01-01T00:00:00+00:00'",
        ),
        (
            "step_ended_at",
            "1969-12-31T23:59:59+00:00",
            "must be a date from 1970 to 2100, not '1969-12-31T23:59:59+00:00'",
        ),
        (
            "step_ended_at",
            "0001-01-01T00:00:00+00:00",
            "must be a date from 1970 to 2100, not '0001-01-01T00:00:00+00:00'",
        ),
        (
            "step_ended_at",
            "2102-01-01T00:00:00+00:00",
            "must be a date from 1970 to 2100, not '2102-01-01T00:00:00+00:00'",
        ),
        (
            "step_ended_at",
            "yesterday",
            "is not a date and time like 2024-05-06T09:30:00+01:00: 'yesterday'",
        ),
        ("step_ended_at", "2024-05-06T09:30", "needs a UTC offset, like 2024-05-06T09:30+01:00"),
        ("side", "middle", "must be one of left, right, not 'middle'"),
        ("variant", "hard", "must be one of easier, harder, not 'hard'"),
        ("leg_response", "awful", "must be one of better, same, worse, not 'awful'"),
        ("step_kind", "nap", "must be one of prepare, rest, switch, work, not 'nap'"),
        ("step_status", "gone", "must be one of done, skipped, stopped, not 'gone'"),
        (
            "pain_before_reach",
            "knee",
            "must be one of none, back, buttock, thigh, below_knee, foot, not 'knee'",
        ),
        ("morning_compared", "fine", "must be one of better, same, worse, not 'fine'"),
        (
            "notes",
            "x" * (MAX_TEXT + 1),
            f"has {MAX_TEXT + 1:,} characters; at most {MAX_TEXT:,} fit",
        ),
        ("ended_at", "2024-05-06T09:29:00+02:00", "is before started_at"),
        ("step_index", "", "is empty; each step needs its number in the session"),
        ("step_kind", "", "is empty; it is one of prepare, rest, switch, work"),
        ("step_status", "", "is empty; it is one of done, skipped, stopped"),
        ("routine_id", "", "is empty; it is required"),
        ("started_at", "", "is empty; it needs a date and time like 2024-05-06T09:30"),
        ("morning_at", "", "is empty; a morning check needs the time it was taken"),
    ],
)
def test_each_refusal_names_its_line_column_and_reason(
    column: str, value: str, message: str
) -> None:
    assert problems(SESSION_CELLS | FIRST_STEP | {column: value}) == [
        f"line 2, {at(column)}: {message}"
    ]


def test_a_session_still_in_progress_is_not_imported() -> None:
    assert problems(QUIET_CELLS | {"status": "in_progress"}) == [
        f"line 2, {at('status')}: must be one of completed, stopped, interrupted, not 'in_progress'"
    ]


def test_a_pain_score_of_exactly_ten_is_imported() -> None:
    row = SESSION_CELLS | FIRST_STEP | {"pain_before_back": "10", "pain_before_leg": "10"}
    (parsed,) = parse_csv(csv_text(row))
    assert parsed.record.pain_before == PainCheck("before", 10, 10, "stiff", "foot")


def test_stop_reason_and_stop_step_belong_to_stopped_sessions_only() -> None:
    row = SESSION_CELLS | FIRST_STEP | {"status": "completed"}
    assert problems(row) == [
        f"line 2, {at('stop_reason')}: only a stopped session has a stop reason",
        f"line 2, {at('stop_step')}: only a stopped session has a stop step",
    ]


def test_a_pain_check_needs_both_scores() -> None:
    row = SESSION_CELLS | FIRST_STEP
    assert problems(row | {"pain_before_leg": ""}) == [
        f"line 2, {at('pain_before_leg')}: is empty but pain_before_back is set; "
        "give both or neither"
    ]
    assert problems(row | {"pain_after_back": ""}) == [
        f"line 2, {at('pain_after_back')}: is empty but pain_after_leg is set; give both or neither"
    ]
    no_scores = row | {"pain_before_back": "", "pain_before_leg": ""}
    assert problems(no_scores) == [
        f"line 2, {at(column)}: is set but pain_before_back and pain_before_leg are empty; "
        "give the scores too"
        for column in ("pain_before_reach", "pain_before_note", "pain_before_at")
    ]


def test_a_morning_check_needs_its_answer() -> None:
    row = SESSION_CELLS | FIRST_STEP | {"morning_compared": ""}
    assert problems(row) == [
        f"line 2, {at('morning_compared')}: is empty; a morning check needs better, same or worse"
    ]
    only_time = (
        SESSION_CELLS | FIRST_STEP | {k: "" for k in SESSION_CELLS if k.startswith("morning_")}
    )
    (parsed,) = parse_csv(csv_text(only_time))
    assert parsed.morning is None
    assert problems(only_time | {"morning_at": "2024-05-07T07:15:00+02:00"}) == [
        f"line 2, {at('morning_compared')}: is empty; a morning check needs better, same or worse"
    ]


def test_rows_of_one_session_must_agree_on_the_session() -> None:
    second = SESSION_CELLS | SECOND_STEP | {"notes": "other"}
    assert problems(SESSION_CELLS | FIRST_STEP, second) == [
        f"line 3, {at('notes')}: differs from line 2, which has the same session "
        "(started_at and routine_id): '=felt ok'"
    ]


def test_a_step_number_may_appear_once() -> None:
    assert problems(SESSION_CELLS | FIRST_STEP, SESSION_CELLS | FIRST_STEP) == [
        f"line 3, {at('step_index')}: step 1 is already on line 2"
    ]


def test_a_session_is_one_row_without_steps_or_one_row_per_step() -> None:
    assert problems(QUIET_CELLS, QUIET_CELLS) == [
        "line 3: repeats the session of line 2 with no step"
    ]
    assert problems(SESSION_CELLS | FIRST_STEP, SESSION_CELLS) == [
        f"line 3, {at('step_index')}: is empty but other rows of this session describe steps; "
        "a session is either one row with no step or one row per step"
    ]


def test_header_problems() -> None:
    def header(*names: str) -> list[str]:
        with pytest.raises(CsvImportError) as raised:
            parse_csv(",".join(names) + "\r\n")
        return [str(p) for p in raised.value.problems]

    assert header("started_at", "routine_id", "started_at") == [
        "line 1, column 3 (started_at): this column appears twice"
    ]
    assert header("started_at", "colour") == [
        "line 1: the header has no routine_id column",
        f"line 1, column 2 (colour): unknown column; the columns are {', '.join(COLUMNS)}",
    ]
    assert header("routine_id") == ["line 1: the header has no started_at column"]
    with pytest.raises(CsvImportError) as raised:
        parse_csv("")
    assert [str(p) for p in raised.value.problems] == [
        "line 1: the file is empty; it needs a header"
    ]


def test_a_short_row_and_a_blank_row() -> None:
    text = ",".join(COLUMNS) + "\r\n" + ",,,\r\n" + "a,b\r\n"
    with pytest.raises(CsvImportError) as raised:
        parse_csv(text)
    assert [str(p) for p in raised.value.problems] == [
        f"line 3: has 2 cells but the header has {len(COLUMNS)} columns"
    ]


def test_times_without_an_offset_are_placed_by_localise() -> None:
    row = SESSION_CELLS | FIRST_STEP | {"step_ended_at": "2024-05-06T09:31:00"}
    (parsed,) = parse_csv(csv_text(row), localise=lambda moment: moment.replace(tzinfo=PARIS))
    assert parsed.steps[0].ended_at == datetime(2024, 5, 6, 9, 31, tzinfo=PARIS)

    def refuse(moment: datetime) -> datetime:
        raise OverflowError("no")

    assert problems(row, localise=refuse) == [
        f"line 2, {at('step_ended_at')}: cannot be placed in this computer's time zone: "
        "'2024-05-06T09:31:00'"
    ]


def test_long_values_are_cut_short_in_messages() -> None:
    value = "y" * 50
    assert problems(SESSION_CELLS | FIRST_STEP | {"side": value}) == [
        f"line 2, {at('side')}: must be one of left, right, not {'y' * 37!r}... (50 characters)"
    ]
    exactly = "z" * 40
    assert problems(SESSION_CELLS | FIRST_STEP | {"side": exactly}) == [
        f"line 2, {at('side')}: must be one of left, right, not {exactly!r}"
    ]


def test_broken_csv_is_reported_at_its_line() -> None:
    text = ",".join(COLUMNS) + '\r\n"unclosed\r\n'
    with pytest.raises(CsvImportError) as raised:
        parse_csv(text)
    (problem,) = raised.value.problems
    assert (problem.line, problem.column) == (2, None)
    assert str(problem).startswith("line 2: is not valid CSV: ")


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\uff1dx", "'\uff1dx"),
        ("'quoted", "''quoted"),
        ("plain", "plain"),
        ("a=b", "a=b"),
    ],
)
def test_formula_like_cells_get_one_apostrophe_and_lose_it_on_the_way_back(
    text: str, written: str
) -> None:
    assert escape_cell(text) == written
    assert unescape_cell(written) == text


def test_a_problem_reads_as_line_then_column() -> None:
    assert str(CsvProblem(4, "side", 7, "bad")) == "line 4, column 7 (side): bad"
    assert str(CsvProblem(4, None, None, "bad")) == "line 4: bad"

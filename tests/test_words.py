"""The one wording of a session's outcome, as every screen, paper and the CLI show it."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from sciatica_coach.core.records import SessionRecord, StepRecord
from sciatica_coach.core.words import (
    describe_duration,
    outcome_label,
    outcome_line,
    provoking_exercise,
)

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def record(
    status: str = "stopped", reason: str | None = "pain_spreading", stop_step: int | None = 2
) -> SessionRecord:
    return SessionRecord(
        id=1,
        routine_id="gentle",
        routine_name="Gentle start",
        started_at=WHEN,
        local_date=date(2026, 3, 2),
        utc_offset_minutes=0,
        ended_at=WHEN,
        status=status,
        stop_reason=reason,
        planned_seconds=600,
        planned_work_steps=4,
        active_seconds=60,
        notes="",
        pain_before=None,
        pain_after=None,
        work_done=1,
        work_skipped=0,
        stop_step=stop_step,
    )


def step(
    index: int, kind: str, status: str, seconds: float, name: str | None = None, **more: object
) -> StepRecord:
    fields: dict[str, object] = {
        "step_index": index,
        "kind": kind,
        "exercise_id": name and name.lower().replace(" ", "_"),
        "exercise_name": name,
        "set_number": 1,
        "set_count": 1,
        "side": None,
        "planned_seconds": 30.0,
        "actual_seconds": seconds,
        "reps_planned": None,
        "reps_done": None,
        "status": status,
        "ended_at": WHEN,
    }
    fields.update(more)
    return StepRecord(**fields)  # type: ignore[arg-type]


STEPS = [
    step(0, "prepare", "done", 5.0),
    step(1, "work", "done", 30.0, "Glute bridge"),
    step(2, "work", "stopped", 8.4, "Single knee to chest"),
]


@pytest.mark.parametrize(
    ("status", "reason", "expected"),
    [
        ("completed", None, "Completed"),
        ("stopped", "pain_spreading", "Stopped: pain spreading"),
        ("stopped", "user", "Stopped early"),  # never "Stopped: Stopped early"
        ("stopped", None, "Stopped early"),
        ("stopped", "closed_app", "Stopped: closed the app"),
        ("stopped", "something-new", "Stopped early"),
        ("interrupted", None, "Not finished"),
        ("in_progress", None, "In progress"),
    ],
)
def test_outcome_labels_never_double_their_words(
    status: str, reason: str | None, expected: str
) -> None:
    assert outcome_label(status, reason) == expected


def test_a_stop_names_the_exercise_and_how_far_it_got() -> None:
    assert outcome_line(record(), STEPS) == (
        "Stopped during Single knee to chest after 8 s: pain spreading"
    )
    reps = [*STEPS[:2], replace(STEPS[2], reps_done=3, reps_planned=10)]
    assert outcome_line(record(), reps) == (
        "Stopped during Single knee to chest after 8 s, 3 of 10 reps: pain spreading"
    )


def test_a_stop_in_a_rest_names_the_exercise_before_it() -> None:
    steps = [*STEPS[:2], step(2, "rest", "stopped", 4.0)]
    assert outcome_line(record(reason="tired"), steps) == (
        "Stopped in the rest after Glute bridge: tired or out of time"
    )
    assert provoking_exercise(record(), steps) == "Glute bridge"


def test_a_stop_while_repeating_a_done_set_says_so() -> None:
    steps = [STEPS[0], STEPS[1]]
    assert outcome_line(record(stop_step=1), steps) == (
        "Stopped during Glute bridge (repeating a set): pain spreading"
    )


def test_without_a_known_place_the_outcome_is_the_label() -> None:
    assert outcome_line(record(stop_step=None), STEPS) == "Stopped: pain spreading"
    assert outcome_line(record("completed", None, None), STEPS) == "Completed"
    assert outcome_line(record(stop_step=0), STEPS) == (
        "Stopped while getting ready: pain spreading"
    )


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (8.4, "8 s"), (59.6, "1 min"), (80, "1 min 20 s"), (3900, "1 h 5 min")],
)
def test_durations_in_words(seconds: float, text: str) -> None:
    assert describe_duration(seconds) == text

"""A clinician's prescription in a routine file: read, checked, and followed by the timeline."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core import paths
from sciatica_coach.core.catalog import Prescription, RoutineError
from sciatica_coach.core.library import load_library
from sciatica_coach.core.routine_writer import import_routine_file
from sciatica_coach.core.timeline import SWITCH, WORK, expand_routine
from sciatica_coach.core.words import prescription_facts, prescription_line, sided_dose_words

CATALOG = load_library(None).exercises
TWO_SIDED = exercise_table("clam", sides="both", sets=1)


def with_prescription(**table: Any) -> Any:
    return make_routine({"exercise": "clam"}, exercises=[TWO_SIDED], prescription=table)


def problems(**table: Any) -> list[str]:
    with pytest.raises(RoutineError) as raised:
        with_prescription(**table)
    return [p.message for p in raised.value.problems]


def test_every_field_is_read() -> None:
    routine = with_prescription(
        prescribed_by="Ann Lee, physiotherapist",
        contact="01632 960 123",
        date=date(2024, 5, 1),
        review_date="2024-06-12",
        affected_side="left",
        sessions_per_week=4,
        notes="Little and often.",
    )
    assert routine.prescription == Prescription(
        prescribed_by="Ann Lee, physiotherapist",
        contact="01632 960 123",
        given_on=date(2024, 5, 1),
        review_date=date(2024, 6, 12),
        affected_side="left",
        sessions_per_week=4,
        notes="Little and often.",
    )


def test_a_routine_without_one_has_none() -> None:
    assert make_routine().prescription is None


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2024-02-30", '"2024-02-30"'), ("next week", '"next week"'), (20240501, "20240501")],
)
def test_a_bad_date_is_a_problem(value: object, shown: str) -> None:
    assert problems(date=value) == [f"date must be a date like 2024-05-31, got {shown}"]


def test_a_review_before_the_prescription_is_a_problem() -> None:
    found = problems(date=date(2024, 5, 1), review_date=date(2024, 4, 1))
    assert found == ["review_date 2024-04-01 is before the date it was given, 2024-05-01"]


def test_an_unknown_side_is_a_problem() -> None:
    assert problems(affected_side="middle") == [
        'affected_side must be one of "left", "right", "both", got "middle"'
    ]


def test_one_side_only_needs_a_side() -> None:
    assert problems(affected_side="both", affected_side_only=True) == [
        'affected_side_only needs affected_side = "left" or "right"'
    ]


def test_unknown_fields_and_counts_are_problems() -> None:
    found = problems(sessions_per_week=0, dose="lots")
    assert found[0].startswith("unknown field 'dose'")
    assert found[1] == "sessions_per_week must be a whole number of sessions, got 0"


def test_the_prescription_must_be_a_table() -> None:
    with pytest.raises(RoutineError) as raised:
        make_routine(prescription="Ann")
    assert raised.value.problems[0].message == "'prescription' must be a [prescription] table"


def work_sides(routine: Any) -> list[str | None]:
    return [s.side for s in expand_routine(routine).steps if s.kind == WORK]


def test_both_sides_start_on_the_left_without_a_prescription() -> None:
    routine = make_routine({"exercise": "clam"}, exercises=[TWO_SIDED])
    assert work_sides(routine) == ["left", "right"]


def test_the_affected_side_goes_first() -> None:
    assert work_sides(with_prescription(affected_side="right")) == ["right", "left"]
    assert work_sides(with_prescription(affected_side="left")) == ["left", "right"]
    assert work_sides(with_prescription(affected_side="both")) == ["left", "right"]


def test_the_affected_side_only_has_no_switch() -> None:
    routine = with_prescription(affected_side="right", affected_side_only=True)
    steps = expand_routine(routine).steps
    assert work_sides(routine) == ["right"]
    assert all(s.kind != SWITCH for s in steps)


def test_today_names_the_clinician_and_the_review() -> None:
    prescription = Prescription(prescribed_by="Ann Lee", review_date=date(2024, 6, 12))
    assert prescription_line(prescription, date(2024, 6, 12)) == (
        "From Ann Lee, review on Wed 12 Jun 2024"
    )


def test_a_review_date_in_the_past_says_so() -> None:
    prescription = Prescription(prescribed_by="Ann Lee", review_date=date(2024, 6, 12))
    assert prescription.review_passed(date(2024, 6, 13))
    assert prescription_line(prescription, date(2024, 6, 13)) == (
        "From Ann Lee. The review date, Wed 12 Jun 2024, has passed: ask Ann Lee whether to "
        "go on with this routine."
    )


def test_the_sheet_lists_what_is_filled_in() -> None:
    prescription = Prescription(prescribed_by="Ann Lee", affected_side="left", notes="Go slow")
    assert prescription_facts(prescription) == [
        ("Prescribed by", "Ann Lee"),
        ("Affected side", "Left leg: exercises done on both sides start on the left"),
        ("Notes", "Go slow"),
    ]


def test_the_dose_names_the_side() -> None:
    routine = with_prescription(affected_side="right", affected_side_only=True)
    dose = routine.blocks[0].dose
    assert sided_dose_words(dose, None) == "hold 20 s, left and right"
    assert sided_dose_words(dose, routine.prescription) == "hold 20 s, right side only"


# --- File > Open routine: a clinician's file copied in ----------------------------------------

SENT = """\
# From Ann Lee's clinic
id = "from-ann"
name = "From Ann"

[prescription]
prescribed_by = "Ann Lee"
review_date = 2024-06-12

[[block]]
exercise = "clamshell"
"""


def test_a_sent_file_is_checked_then_copied_private(tmp_path: Path) -> None:
    sent = tmp_path / "sent.toml"
    sent.write_text(SENT)
    folder = paths.user_routines_dir(tmp_path / "data")
    target = import_routine_file(sent, folder, CATALOG)
    assert target == folder / "from-ann.toml"
    assert target.read_text() == SENT
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    routine = load_library(tmp_path / "data").routines["from-ann"]
    assert routine.prescription is not None and routine.prescription.prescribed_by == "Ann Lee"


def test_a_sent_file_with_problems_is_not_copied(tmp_path: Path) -> None:
    sent = tmp_path / "sent.toml"
    sent.write_text(SENT.replace("2024-06-12", '"soon"'))
    folder = paths.user_routines_dir(tmp_path / "data")
    with pytest.raises(
        RoutineError, match='review_date must be a date like 2024-05-31, got "soon"'
    ):
        import_routine_file(sent, folder, CATALOG)
    assert not folder.exists()


def test_a_sent_file_never_reaches_outside_its_folder(tmp_path: Path) -> None:
    sent = tmp_path / "sent.toml"
    sent.write_text(SENT.replace('id = "from-ann"', 'id = "../../escape"'))
    with pytest.raises(RoutineError, match="id must be lower-case letters"):
        import_routine_file(sent, paths.user_routines_dir(tmp_path / "data"), CATALOG)
    picture = SENT + '\n[[exercise]]\nid = "mine"\nimage = "../../etc/passwd"\n'
    sent.write_text(picture)
    with pytest.raises(RoutineError):
        import_routine_file(sent, paths.user_routines_dir(tmp_path / "data"), CATALOG)


def test_a_second_copy_asks_before_replacing_and_keeps_the_old(tmp_path: Path) -> None:
    sent = tmp_path / "sent.toml"
    sent.write_text(SENT)
    folder = paths.user_routines_dir(tmp_path / "data")
    import_routine_file(sent, folder, CATALOG)
    sent.write_text(SENT.replace("2024-06-12", "2024-07-01"))
    with pytest.raises(FileExistsError):
        import_routine_file(sent, folder, CATALOG)
    import_routine_file(sent, folder, CATALOG, replace=True)
    assert "2024-07-01" in (folder / "from-ann.toml").read_text()
    assert (folder / "from-ann.toml.previous").read_text() == SENT

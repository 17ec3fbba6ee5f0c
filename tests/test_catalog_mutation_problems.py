"""Every check of a routine file with its exact problem: the file, the item (routine, exercise,
block, prescription), the field and the words, for each field at its lowest and highest legal
value and one past, each wrong type, and the routine that loads read back field by field."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sciatica_coach.core.catalog import (
    Block,
    Dose,
    Prescription,
    Problem,
    RoutineError,
    load_catalog,
    load_routine_file,
    load_routines,
    parse_routine,
)

FILE = "mine.toml"


def exercise(**fields: Any) -> dict[str, Any]:
    table: dict[str, Any] = {
        "id": "bridge_x",
        "name": "Bridge",
        "group": "core",
        "position": "lying on back",
        "mode": "hold",
        "hold": 20,
        "cues": ["Breathe out"],
    }
    table.update(fields)
    return {k: v for k, v in table.items() if v is not None}


def document(*exercises: dict[str, Any], **fields: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": "my-routine",
        "name": "My routine",
        "exercise": list(exercises) or [exercise()],
        "block": [{"exercise": "bridge_x"}],
    }
    doc.update(fields)
    return {k: v for k, v in doc.items() if v is not None}


def problems(doc: dict[str, Any]) -> list[tuple[str | None, str | None, str]]:
    with pytest.raises(RoutineError) as raised:
        parse_routine(doc, {}, label=FILE)
    assert all(p.file == FILE for p in raised.value.problems)
    return [(p.item, p.field, p.message) for p in raised.value.problems]


EX = "exercise 'bridge_x'"
ROUTINE = "routine 'my-routine'"


@pytest.mark.parametrize(
    ("fields", "found"),
    [
        ({"name": None}, ("name", "missing required field 'name'")),
        ({"name": "  "}, ("name", 'name must be non-empty text, got "  "')),
        ({"name": 7}, ("name", "name must be non-empty text, got 7")),
        ({"name": "x" * 61}, ("name", "name must be at most 60 characters, got 61")),
        (
            {"group": "cardio"},
            (
                "group",
                'group must be one of "mobility", "core", "strength", "balance", got "cardio"',
            ),
        ),
        ({"hold": 0}, ("hold", "hold must be a positive number of seconds, got 0")),
        ({"hold": 301}, ("hold", "hold must be from 1 to 300 seconds, got 301")),
        ({"hold": 0.5}, ("hold", "hold must be from 1 to 300 seconds, got 0.5")),
        ({"hold": "ten"}, ("hold", 'hold must be a positive number of seconds, got "ten"')),
        ({"hold": True}, ("hold", "hold must be a positive number of seconds, got true")),
        ({"hold": float("nan")}, ("hold", "hold must be a positive number of seconds, got nan")),
        ({"hold": [20]}, ("hold", "hold must be a positive number of seconds, got a list")),
        ({"hold": {"s": 1}}, ("hold", "hold must be a positive number of seconds, got a table")),
        ({"sets": 11}, ("sets", "sets must be from 1 to 10 sets, got 11")),
        ({"sets": 2.0}, ("sets", "sets must be a whole number of sets, got 2")),
        ({"sets": 0}, ("sets", "sets must be a whole number of sets, got 0")),
        ({"rest": -1}, ("rest", "rest must be from 0 to 600 seconds, got -1")),
        ({"rest": 601}, ("rest", "rest must be from 0 to 600 seconds, got 601")),
        (
            {"rest_after": 600.5},
            ("rest_after", "rest_after must be from 0 to 600 seconds, got 600.5"),
        ),
        ({"level": 4}, ("level", "level must be from 1 to 3 (1 gentle to 3 demanding), got 4")),
        (
            {"sides": "left"},
            ("sides", 'sides must be one of "none", "both", "alternating", got "left"'),
        ),
        ({"reps": 5}, ("reps", 'reps is only for mode = "reps"; this exercise is a hold')),
        ({"tempo": 2}, ("tempo", 'tempo is only for mode = "reps"; this exercise is a hold')),
        ({"cues": []}, ("cues", "cues must have from 1 to 5 lines, got 0")),
        ({"cues": ["a"] * 6}, ("cues", "cues must have from 1 to 5 lines, got 6")),
        (
            {"cues": "Breathe"},
            ("cues", 'cues must be a list of non-empty text lines, got "Breathe"'),
        ),
        (
            {"cues": ["ok", " "]},
            ("cues", "cues must be a list of non-empty text lines, got a list"),
        ),
        ({"equipment": ["mat"] * 9}, ("equipment", "equipment must have from 0 to 8 lines, got 9")),
        ({"cautions": ["x"] * 6}, ("cautions", "cautions must have from 0 to 5 lines, got 6")),
        (
            {"spinal_direction": "twist"},
            (
                "spinal_direction",
                'spinal_direction must be one of "neutral", "flexion", "extension", "rotation", '
                '"flexion_and_extension", "neural", got "twist"',
            ),
        ),
        ({"easier": "x" * 401}, ("easier", "easier must be at most 400 characters, got 401")),
        (
            {"name": "x" * 45},
            ("name", None),  # fits: the message below is about the long id instead
        ),
    ],
)
def test_each_exercise_field_check(fields: dict[str, Any], found: tuple[str, str | None]) -> None:
    if found[1] is None:
        assert parse_routine(document(exercise(**fields)), {}, label=FILE).blocks
        return
    assert problems(document(exercise(**fields))) == [(EX, *found)]


@pytest.mark.parametrize(
    "fields",
    [
        {"hold": 1, "sets": 1, "rest": 0, "rest_after": 0, "level": 1},
        {"hold": 300, "sets": 10, "rest": 600, "rest_after": 600, "level": 3},
        {"name": "x" * 60, "cues": ["a"] * 5, "equipment": ["m"] * 8, "cautions": ["c"] * 5},
        {"easier": "x" * 400, "harder": "y" * 400},
    ],
)
def test_each_exercise_limit_is_legal(fields: dict[str, Any]) -> None:
    (block,) = parse_routine(document(exercise(**fields)), {}, label=FILE).blocks
    for name, value in fields.items():
        if name in ("hold", "sets", "rest", "rest_after"):
            assert getattr(block.dose, name) == value
        elif name in ("cues", "equipment", "cautions"):
            assert getattr(block.exercise, name) == tuple(value)
        else:
            assert getattr(block.exercise, name) == value


def test_an_exercise_id_in_capitals_is_refused_under_its_own_name() -> None:
    doc = document(exercise(id="Bridge"), block=[{"exercise": "Bridge"}])
    assert problems(doc) == [
        ("exercise 'Bridge'", "id", 'id must be lower-case letters, digits and _, got "Bridge"')
    ]


def test_a_long_value_is_shown_cut_short() -> None:
    long = "a" * 50
    assert problems(document(exercise(group=long))) == [
        (
            EX,
            "group",
            'group must be one of "mobility", "core", "strength", "balance", got "'
            + "a" * 37
            + '..."',
        )
    ]
    exact = "b" * 40
    assert problems(document(exercise(group=exact)))[0][2].endswith(f'got "{exact}"')


def test_an_unknown_exercise_field_lists_the_allowed_ones() -> None:
    assert problems(document(exercise(colour="red"))) == [
        (
            EX,
            "colour",
            "unknown field 'colour' (allowed: cautions, cues, easier, equipment, group, harder, "
            "hold, id, illustration, image, level, mode, name, position, reps, rest, rest_after, "
            "sets, sides, spinal_direction, tempo)",
        )
    ]


def test_reps_exercises_need_reps_and_no_hold() -> None:
    counted = exercise(mode="reps", hold=None, reps=10, tempo=2)
    (block,) = parse_routine(document(counted), {}, label=FILE).blocks
    assert block.dose == Dose("reps", None, 10, 2.0, 1, 15.0, 20.0, "none")
    assert problems(document(exercise(mode="reps", hold=None))) == [
        (EX, "reps", "missing required field 'reps'")
    ]
    assert problems(document(exercise(mode="reps", reps=10))) == [
        (EX, "hold", 'hold is only for mode = "hold"; this exercise counts reps')
    ]
    assert problems(document(exercise(mode="reps", hold=None, reps=51))) == [
        (EX, "reps", "reps must be from 1 to 50 repetitions, got 51")
    ]
    assert problems(document(exercise(mode="reps", hold=None, reps=10, tempo=61))) == [
        (EX, "tempo", "tempo must be from 1 to 60 seconds per repetition, got 61")
    ]


def test_exercise_tables_without_an_id_are_numbered() -> None:
    doc = document(exercise(), "not a table", exercise(id=None))
    assert problems(doc) == [
        ("exercise #2", None, "must be a table"),
        ("exercise #3", "id", "missing required field 'id'"),
    ]


def test_an_exercise_id_used_twice_or_by_a_built_in() -> None:
    doc = document(exercise(), exercise(name="Other"))
    assert problems(doc) == [(EX, "id", "id is used twice in this file")]
    built_in = parse_routine(document(), {}, label=FILE).blocks[0].exercise
    with pytest.raises(RoutineError) as raised:
        parse_routine(document(), {"bridge_x": built_in}, label=FILE)
    assert [(p.item, p.field, p.message) for p in raised.value.problems] == [
        (EX, "id", "id is already used by a built-in exercise")
    ]


# --- the routine ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "found"),
    [
        (
            {"id": "My_routine"},
            (
                "routine 'My_routine'",
                "id",
                'id must be lower-case letters, digits and -, got "My_routine"',
            ),
        ),
        ({"id": None}, ("routine", "id", "missing required field 'id'")),
        (
            {"level": 0},
            (ROUTINE, "level", "level must be a whole number of (1 gentle to 3 demanding), got 0"),
        ),
        (
            {"target_minutes": 181},
            (ROUTINE, "target_minutes", "target_minutes must be from 1 to 180 minutes, got 181"),
        ),
        ({"prepare": 121}, (ROUTINE, "prepare", "prepare must be from 0 to 120 seconds, got 121")),
        ({"switch": 61}, (ROUTINE, "switch", "switch must be from 0 to 60 seconds, got 61")),
        (
            {"block": None},
            (ROUTINE, "block", "missing required field 'block' (at least one [[block]])"),
        ),
        ({"block": []}, (ROUTINE, "block", "'block' must be a non-empty list of [[block]] tables")),
        (
            {"block": {"exercise": "bridge_x"}},
            (ROUTINE, "block", "'block' must be a non-empty list of [[block]] tables"),
        ),
        ({"block": ["bridge_x"]}, ("block #1", None, "must be a table")),
        ({"block": [{"exercise": "nope"}]}, ("block #1", "exercise", "unknown exercise id 'nope'")),
        (
            {"block": [{"exercise": "bridge_x", "sets": 11}]},
            ("block #1 (exercise 'bridge_x')", "sets", "sets must be from 1 to 10 sets, got 11"),
        ),
        (
            {"block": [{"exercise": "bridge_x", "colour": 1}]},
            (
                "block #1",
                "colour",
                "unknown field 'colour' (allowed: exercise, hold, reps, rest, rest_after, sets, "
                "sides, tempo)",
            ),
        ),
        (
            {"exercise": {"id": "x"}},
            (None, "exercise", "'exercise' must be a list of [[exercise]]"),
        ),
        (
            {"prescription": "doctor"},
            (ROUTINE, "prescription", "'prescription' must be a [prescription] table"),
        ),
        (
            {"description": ""},
            (ROUTINE, "description", 'description must be non-empty text, got ""'),
        ),
    ],
)
def test_each_routine_field_check(
    fields: dict[str, Any], found: tuple[str | None, str, str]
) -> None:
    assert found in problems(document(**fields))


def test_a_block_naming_a_broken_exercise_is_not_reported_twice() -> None:
    assert problems(document(exercise(hold=0))) == [
        (EX, "hold", "hold must be a positive number of seconds, got 0")
    ]


def test_a_routine_read_back_field_by_field() -> None:
    doc = document(
        exercise(sides="both", rest=10, rest_after=30, sets=2, harder="One foot."),
        level=2,
        target_minutes=12.5,
        description="  For the mornings.  ",
        who_for="People with a stiff back",
        not_for="Anyone after surgery",
        prepare=0,
        switch=60,
        block=[{"exercise": "bridge_x"}, {"exercise": "bridge_x", "hold": 30, "sides": "none"}],
    )
    routine = parse_routine(doc, {}, label=FILE, source=Path("/x/mine.toml"))
    assert (routine.id, routine.name, routine.level, routine.target_minutes) == (
        "my-routine",
        "My routine",
        2,
        12.5,
    )
    assert (routine.description, routine.who_for, routine.not_for) == (
        "For the mornings.",
        "People with a stiff back",
        "Anyone after surgery",
    )
    assert (routine.prepare_seconds, routine.switch_seconds, routine.builtin) == (0, 60, False)
    assert routine.source == Path("/x/mine.toml") and routine.prescription is None
    first, second = routine.blocks
    assert first.dose == Dose("hold", 20.0, None, None, 2, 10.0, 30.0, "both")
    assert second.dose == Dose("hold", 30.0, None, None, 2, 10.0, 30.0, "none")
    assert first.exercise is second.exercise
    assert first.exercise.harder == "One foot." and first.exercise.easier is None
    assert first.exercise.illustration == "bridge_x" and first.exercise.level == 1
    assert first.exercise.spinal_direction == "neutral"


def test_a_routine_s_defaults() -> None:
    routine = parse_routine(document(), {}, label=FILE)
    assert (routine.level, routine.target_minutes, routine.prepare_seconds) == (1, None, 10.0)
    assert (routine.switch_seconds, routine.description, routine.who_for) == (5.0, "", "")
    assert routine.blocks[0].dose == Dose("hold", 20.0, None, None, 1, 15.0, 20.0, "none")
    assert parse_routine(document(), {}, label=FILE, builtin=True).builtin is True


def test_a_block_may_change_every_part_of_the_dose() -> None:
    doc = document(
        exercise(mode="reps", hold=None, reps=8, tempo=3),
        block=[
            {"exercise": "bridge_x", "reps": 12, "tempo": 2, "sets": 3, "rest": 5},
            {"exercise": "bridge_x", "rest_after": 0, "sides": "alternating"},
        ],
    )
    first, second = parse_routine(doc, {}, label=FILE).blocks
    assert first.dose == Dose("reps", None, 12, 2.0, 3, 5.0, 20.0, "none")
    assert second.dose == Dose("reps", None, 8, 3.0, 1, 15.0, 0.0, "alternating")
    assert first == Block(first.exercise, first.dose)


# --- the prescription -------------------------------------------------------------------------

RX = f"{ROUTINE} [prescription]"


def test_a_prescription_read_back_field_by_field() -> None:
    doc = document(
        prescription={
            "prescribed_by": " Dr Lee ",
            "contact": "0123 456",
            "date": date(2024, 5, 1),
            "review_date": "2024-06-01",
            "affected_side": "left",
            "affected_side_only": True,
            "sessions_per_week": 14,
            "notes": "Go gently.",
        }
    )
    assert parse_routine(doc, {}, label=FILE).prescription == Prescription(
        prescribed_by="Dr Lee",
        contact="0123 456",
        given_on=date(2024, 5, 1),
        review_date=date(2024, 6, 1),
        affected_side="left",
        affected_side_only=True,
        sessions_per_week=14,
        notes="Go gently.",
    )
    empty = parse_routine(document(prescription={}), {}, label=FILE).prescription
    assert empty == Prescription("", "", None, None, None, False, None, "")


@pytest.mark.parametrize(
    ("table", "found"),
    [
        ({"date": "May"}, ("date", 'date must be a date like 2024-05-31, got "May"')),
        ({"date": 20240501}, ("date", "date must be a date like 2024-05-31, got 20240501")),
        (
            {"date": "2024-05-01", "review_date": "2024-04-30"},
            ("review_date", "review_date 2024-04-30 is before the date it was given, 2024-05-01"),
        ),
        (
            {"affected_side_only": True},
            ("affected_side_only", 'affected_side_only needs affected_side = "left" or "right"'),
        ),
        (
            {"affected_side": "both", "affected_side_only": True},
            ("affected_side_only", 'affected_side_only needs affected_side = "left" or "right"'),
        ),
        (
            {"affected_side_only": "yes"},
            ("affected_side_only", 'affected_side_only must be true or false, got "yes"'),
        ),
        (
            {"sessions_per_week": 15},
            ("sessions_per_week", "sessions_per_week must be from 1 to 14 sessions, got 15"),
        ),
        (
            {"affected_side": "up"},
            ("affected_side", 'affected_side must be one of "left", "right", "both", got "up"'),
        ),
        ({"contact": "x" * 121}, ("contact", "contact must be at most 120 characters, got 121")),
        (
            {"prescribed_by": "x" * 81},
            ("prescribed_by", "prescribed_by must be at most 80 characters, got 81"),
        ),
        ({"notes": "x" * 1001}, ("notes", "notes must be at most 1000 characters, got 1001")),
        (
            {"doctor": "x"},
            (
                "doctor",
                "unknown field 'doctor' (allowed: affected_side, affected_side_only, contact, "
                "date, notes, prescribed_by, review_date, sessions_per_week)",
            ),
        ),
    ],
)
def test_each_prescription_check(table: dict[str, Any], found: tuple[str, str]) -> None:
    assert problems(document(prescription=table)) == [(RX, *found)]


def test_a_review_on_the_day_given_and_the_longest_notes_are_legal() -> None:
    table = {
        "date": "2024-05-01",
        "review_date": "2024-05-01",
        "affected_side": "right",
        "affected_side_only": False,
        "notes": "x" * 1000,
        "sessions_per_week": 1,
    }
    made = parse_routine(document(prescription=table), {}, label=FILE).prescription
    assert made is not None and made.review_date == made.given_on == date(2024, 5, 1)
    assert (made.affected_side, made.affected_side_only, made.sessions_per_week) == (
        "right",
        False,
        1,
    )


# --- files ------------------------------------------------------------------------------------


def test_a_file_that_is_not_utf8_or_not_toml_says_where(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'id = "\xff"\n')
    with pytest.raises(RoutineError) as raised:
        load_routine_file(bad, {}, label="routines/bad.toml")
    assert raised.value.problems == (
        Problem("routines/bad.toml", None, None, "is not UTF-8 text (byte 0xff at offset 6)"),
    )
    broken = tmp_path / "broken.toml"
    broken.write_text("id = \n", "utf-8")
    with pytest.raises(RoutineError) as toml:
        load_routine_file(broken, {})
    (problem,) = toml.value.problems
    assert problem.file == str(broken) and problem.message.startswith("is not valid TOML: ")


def test_a_problem_reads_file_item_and_message() -> None:
    assert str(Problem("a.toml", "block #2", "sets", "too many")) == "a.toml: block #2: too many"
    assert str(Problem("a.toml", None, None, "is empty")) == "a.toml: is empty"
    error = RoutineError([Problem("a.toml", None, None, "one"), Problem("b.toml", "x", "f", "two")])
    assert str(error) == "a.toml: one\nb.toml: x: two"


def test_routines_with_the_same_id_keep_the_first_by_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    body = """id = "same"\nname = "{name}"\n[[exercise]]\nid = "bridge_x"\nname = "Bridge"
group = "core"\nposition = "lying on back"\nmode = "hold"\nhold = 20\ncues = ["Breathe"]
[[block]]\nexercise = "bridge_x"\n"""
    (folder / "a.toml").write_text(body.format(name="First"), "utf-8")
    (folder / "b.toml").write_text(body.format(name="Second"), "utf-8")
    (folder / "notes.txt").write_text("not a routine", "utf-8")
    result = load_routines([(folder, True), (tmp_path / "missing", False)], {})
    assert list(result.routines) == ["same"]
    assert result.routines["same"].name == "First" and result.routines["same"].builtin is True
    assert result.problems == [
        Problem(
            "routines/b.toml",
            "routine 'same'",
            "id",
            f"id is already used by {folder / 'a.toml'}; this file is skipped",
        )
    ]


def test_the_catalog_file_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text('colour = 1\n[[exercise]]\nid = "x"\n', "utf-8")
    with pytest.raises(RoutineError) as raised:
        load_catalog(path)
    found = [(p.file, p.item, p.field) for p in raised.value.problems]
    assert found[0] == ("catalog.toml", None, "colour")
    assert ("catalog.toml", "exercise 'x'", "name") in found


@pytest.mark.parametrize(
    ("fields", "found"),
    [
        ({"group": None}, ("group", "missing required field 'group'")),
        ({"hold": None}, ("hold", "missing required field 'hold'")),
        ({"cues": None}, ("cues", "missing required field 'cues'")),
        ({"hold": False}, ("hold", "hold must be a positive number of seconds, got false")),
        (
            {"level": 1.5},
            ("level", "level must be a whole number of (1 gentle to 3 demanding), got 1.5"),
        ),
        ({"id": "b" * 65}, ("id", "id must be at most 64 characters, got 65")),
        (
            {"illustration": "p" * 65},
            ("illustration", "illustration must be at most 64 characters, got 65"),
        ),
        (
            {"group": "c" * 41},
            (
                "group",
                'group must be one of "mobility", "core", "strength", "balance", got "'
                + "c" * 37
                + '..."',
            ),
        ),
    ],
)
def test_more_exercise_field_checks(fields: dict[str, Any], found: tuple[str, str]) -> None:
    item = f"exercise '{fields['id']}'" if "id" in fields else EX
    assert problems(document(exercise(**fields), block=[{"exercise": "b" * 65}])) == [
        ("block #1", "exercise", "exercise must be at most 64 characters, got 65"),
        (item, *found),
    ]


def test_whole_reps_only() -> None:
    doc = document(exercise(mode="reps", hold=None, reps=2.5))
    assert problems(doc) == [(EX, "reps", "reps must be a whole number of repetitions, got 2.5")]


def test_an_exercise_s_own_fields_read_back() -> None:
    table = exercise(
        id="b" * 64,
        group="balance",
        position="standing",
        illustration="bird_dog_pose",
        level=3,
        spinal_direction="extension",
        easier="Hold the wall.",
        equipment=["chair"],
        cautions=["Not after surgery."],
    )
    made = parse_routine(document(table, block=[{"exercise": "b" * 64}]), {}, label=FILE)
    ex = made.blocks[0].exercise
    assert (ex.id, ex.group, ex.position, ex.illustration, ex.level) == (
        "b" * 64,
        "balance",
        "standing",
        "bird_dog_pose",
        3,
    )
    assert (ex.spinal_direction, ex.easier, ex.equipment, ex.cautions) == (
        "extension",
        "Hold the wall.",
        ("chair",),
        ("Not after surgery.",),
    )


def test_every_bad_block_is_reported_not_just_the_first() -> None:
    doc = document(block=["bridge_x", {"exercise": "nope"}, {"exercise": "bridge_x"}])
    assert problems(doc) == [
        ("block #1", None, "must be a table"),
        ("block #2", "exercise", "unknown exercise id 'nope'"),
    ]


@pytest.mark.parametrize(
    ("fields", "found"),
    [
        (
            {"id": "r" * 65},
            (
                "routine 'rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr'",
                "id",
                "id must be at most 64 characters, got 65",
            ),
        ),
        ({"name": "n" * 61}, (ROUTINE, "name", "name must be at most 60 characters, got 61")),
        (
            {"level": 4},
            (ROUTINE, "level", "level must be from 1 to 3 (1 gentle to 3 demanding), got 4"),
        ),
        (
            {"prescription": {"sessions_per_week": 2.5}},
            (
                f"{ROUTINE} [prescription]",
                "sessions_per_week",
                "sessions_per_week must be a whole number of sessions, got 2.5",
            ),
        ),
    ],
)
def test_more_routine_field_checks(fields: dict[str, Any], found: tuple[str, str, str]) -> None:
    assert problems(document(**fields)) == [found]


def test_the_longest_routine_id_and_name_and_level_three_are_legal() -> None:
    routine = parse_routine(document(id="r" * 64, name="n" * 60, level=3), {}, label=FILE)
    assert (routine.id, routine.name, routine.level) == ("r" * 64, "n" * 60, 3)


def test_the_right_side_alone_is_legal() -> None:
    table = {"affected_side": "right", "affected_side_only": True}
    made = parse_routine(document(prescription=table), {}, label=FILE).prescription
    assert made is not None and (made.affected_side, made.affected_side_only) == ("right", True)

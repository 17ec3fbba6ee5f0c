"""Routine files and folders with their exact problems: a user's picture (refused in a
built-in, outside the folder, missing, not really a picture), the built-in catalog file,
folders read in order past a missing one and a duplicate, an exception no check foresaw, and
when a prescription's review is due."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sciatica_coach.core import catalog
from sciatica_coach.core.catalog import (
    Prescription,
    Problem,
    RoutineError,
    load_catalog,
    load_routines,
    parse_routine,
)

EXERCISE = """[[exercise]]
id = "bridge_x"
name = "Bridge"
group = "core"
position = "lying on back"
mode = "hold"
hold = 20
cues = ["Breathe out"]
"""
ROUTINE = 'id = "{id}"\nname = "{name}"\n' + EXERCISE + '[[block]]\nexercise = "bridge_x"\n'


def with_image(image: str) -> dict[str, Any]:
    return {
        "id": "mine",
        "name": "Mine",
        "exercise": [
            {
                "id": "bridge_x",
                "name": "Bridge",
                "group": "core",
                "position": "lying on back",
                "mode": "hold",
                "hold": 20,
                "cues": ["Breathe out"],
                "image": image,
            }
        ],
        "block": [{"exercise": "bridge_x"}],
    }


def image_problem(doc: dict[str, Any], **options: Any) -> Problem:
    with pytest.raises(RoutineError) as raised:
        parse_routine(doc, {}, label="mine.toml", **options)
    (problem,) = raised.value.problems
    assert (problem.file, problem.item, problem.field) == (
        "mine.toml",
        "exercise 'bridge_x'",
        "image",
    )
    return problem


@pytest.mark.parametrize("options", [{"builtin": True}, {}])
def test_a_picture_is_only_for_a_user_s_own_routine_file(
    tmp_path: Path, options: dict[str, Any]
) -> None:
    if "builtin" in options:
        options["source"] = tmp_path / "mine.toml"
    problem = image_problem(with_image("bridge.png"), **options)
    assert problem.message == "image is only for your own routines; built-ins use illustrations"


def test_a_picture_outside_the_routine_s_folder_is_refused(tmp_path: Path) -> None:
    problem = image_problem(with_image("/etc/x.png"), source=tmp_path / "mine.toml")
    assert problem.message == "image must be a path relative to the routine file, got /etc/x.png"


def test_a_missing_picture_is_refused_with_its_path(tmp_path: Path) -> None:
    problem = image_problem(with_image("gone.png"), source=tmp_path / "mine.toml")
    assert problem.message == f"image file {tmp_path / 'gone.png'} does not exist"


def test_a_file_that_is_not_a_picture_is_refused_with_its_name(tmp_path: Path) -> None:
    (tmp_path / "fake.png").write_bytes(b"not a picture at all")
    problem = image_problem(with_image("fake.png"), source=tmp_path / "mine.toml")
    assert problem.message == (
        "image fake.png is not a PNG picture (it does not start with the PNG signature)"
    )


def test_a_picture_path_may_be_300_characters_and_no_more(tmp_path: Path) -> None:
    long = "a" * 297 + ".png"
    problem = image_problem(with_image(long), source=tmp_path / "mine.toml")
    assert problem.message == "image must be at most 300 characters, got 301"
    fits = "a" * 100 + "/" + "b" * 100 + "/" + "c" * 94 + ".png"  # each name under 255
    problem = image_problem(with_image(fits), source=tmp_path / "mine.toml")
    assert problem.message.startswith("image file ") and problem.message.endswith(" does not exist")


# --- the catalog file -------------------------------------------------------------------------


def test_the_catalog_file_gives_its_exercises(tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text(EXERCISE, "utf-8")
    (bridge,) = load_catalog(path).values()
    assert (bridge.id, bridge.name, bridge.dose.hold) == ("bridge_x", "Bridge", 20.0)
    empty = tmp_path / "empty.toml"
    empty.write_text("", "utf-8")
    assert load_catalog(empty) == {}


def test_the_catalog_file_lists_its_own_and_its_exercises_problems(tmp_path: Path) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text("colour = 1\n" + EXERCISE.replace("hold = 20", "hold = 0"), "utf-8")
    with pytest.raises(RoutineError) as raised:
        load_catalog(path, label="built-in catalog")
    assert raised.value.problems == (
        Problem("built-in catalog", None, "colour", "unknown field 'colour' (allowed: exercise)"),
        Problem(
            "built-in catalog",
            "exercise 'bridge_x'",
            "hold",
            "hold must be a positive number of seconds, got 0",
        ),
    )
    only_exercise = tmp_path / "only.toml"
    only_exercise.write_text(EXERCISE.replace("hold = 20", "hold = 0"), "utf-8")
    with pytest.raises(RoutineError) as one:
        load_catalog(only_exercise)
    assert [(p.file, p.field) for p in one.value.problems] == [("only.toml", "hold")]


def test_an_unforeseen_error_in_the_catalog_becomes_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "catalog.toml"
    path.write_text(EXERCISE, "utf-8")

    def broken(*args: object) -> object:
        raise KeyError

    monkeypatch.setattr(catalog, "_read_exercise_list", broken)
    with pytest.raises(RoutineError) as raised:
        load_catalog(path)
    assert raised.value.problems == (
        Problem("catalog.toml", None, None, "could not be loaded (KeyError: no details)"),
    )
    assert str(raised.value) == "catalog.toml: could not be loaded (KeyError: no details)"


# --- folders ----------------------------------------------------------------------------------


def test_folders_are_read_in_order_past_a_missing_one_and_a_duplicate(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "a.toml").write_text(ROUTINE.format(id="same", name="First"), "utf-8")
    (mine / "b.toml").write_text(ROUTINE.format(id="same", name="Second"), "utf-8")
    (mine / "c.toml").write_text(ROUTINE.format(id="third", name="Third"), "utf-8")
    (mine / "d.toml").write_text("id = ", "utf-8")
    (mine / "e.toml").write_text(ROUTINE.format(id="fifth", name="Fifth"), "utf-8")
    built_in = tmp_path / "built-in"
    built_in.mkdir()
    (built_in / "z.toml").write_text(ROUTINE.format(id="zed", name="Zed"), "utf-8")
    result = load_routines([(tmp_path / "missing", False), (mine, False), (built_in, True)], {})
    assert list(result.routines) == ["same", "third", "fifth", "zed"]
    assert [r.builtin for r in result.routines.values()] == [False, False, False, True]
    assert result.routines["same"].name == "First"
    assert result.routines["zed"].source == built_in / "z.toml"
    assert [(p.file, p.item, p.field) for p in result.problems] == [
        ("mine/b.toml", "routine 'same'", "id"),
        ("mine/d.toml", None, None),
    ]
    assert result.problems[0].message == (
        f"id is already used by {mine / 'a.toml'}; this file is skipped"
    )


# --- the prescription's review ----------------------------------------------------------------


def test_a_review_is_due_the_day_after_its_date() -> None:
    given = Prescription(review_date=date(2024, 6, 1))
    assert given.review_passed(date(2024, 5, 31)) is False
    assert given.review_passed(date(2024, 6, 1)) is False
    assert given.review_passed(date(2024, 6, 2)) is True
    assert Prescription().review_passed(date(2099, 1, 1)) is False

from __future__ import annotations

from pathlib import Path

import pytest

from routine_factory import exercise_table, routine_doc
from sciatica_coach.core.catalog import (
    RoutineError,
    load_catalog,
    load_routine_file,
    load_routines,
    parse_routine,
)
from sciatica_coach.core.library import load_library


def problems_of(document: dict[str, object], catalog: dict[str, object] | None = None) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(document, catalog or {}, label="routines/foo.toml")  # type: ignore[arg-type]
    return [str(p) for p in caught.value.problems]


def test_negative_hold_names_file_exercise_and_field() -> None:
    document = routine_doc(exercises=[exercise_table("bridge", hold=-5)])
    assert problems_of(document) == [
        "routines/foo.toml: exercise 'bridge': hold must be a positive number of seconds, got -5"
    ]


def test_absurd_values_are_refused() -> None:
    document = routine_doc(
        {"exercise": "bridge", "hold": 3 * 3600}, {"exercise": "bridge", "sets": 500}
    )
    found = problems_of(document)
    assert any(
        "block #1" in p and "hold must be from 1 to 300 seconds, got 10800" in p for p in found
    )
    assert any("block #2" in p and "sets must be from 1 to 10 sets, got 500" in p for p in found)


def test_every_problem_is_reported_not_just_the_first() -> None:
    broken = exercise_table("bridge", group="cardio", sides="up", cues="breathe")
    del broken["name"]
    found = problems_of(routine_doc(exercises=[broken]))
    assert len(found) == 4
    assert any("missing required field 'name'" in p for p in found)
    assert any("group must be one of" in p and '"cardio"' in p for p in found)
    assert any("sides must be one of" in p for p in found)
    assert any("cues must be a list" in p for p in found)


def test_unknown_exercise_id_in_block() -> None:
    found = problems_of(routine_doc({"exercise": "brigde"}))
    assert found == ["routines/foo.toml: block #1: unknown exercise id 'brigde'"]


def test_duplicate_exercise_ids_in_one_file() -> None:
    found = problems_of(routine_doc(exercises=[exercise_table("bridge"), exercise_table("bridge")]))
    assert found == ["routines/foo.toml: exercise 'bridge': id is used twice in this file"]


def test_wrong_types_are_named() -> None:
    found = problems_of(routine_doc(exercises=[exercise_table("bridge", sets="two", hold=True)]))
    assert any('sets must be a whole number of sets, got "two"' in p for p in found)
    assert any("hold must be a positive number of seconds, got true" in p for p in found)


def test_unknown_field_is_a_typo_worth_reporting() -> None:
    found = problems_of(routine_doc({"exercise": "bridge", "hodl": 30}))
    assert len(found) == 1 and "unknown field 'hodl'" in found[0]


def test_hold_on_a_reps_exercise_is_refused() -> None:
    document = routine_doc(
        {"exercise": "bridge", "hold": 5}, exercises=[exercise_table(mode="reps")]
    )
    assert any("hold is only for mode" in p for p in problems_of(document))


def test_block_overrides_dose() -> None:
    routine = parse_routine(
        routine_doc({"exercise": "bridge", "hold": 45, "sets": 3, "sides": "both"}),
        {},
        label="x.toml",
    )
    dose = routine.blocks[0].dose
    assert (dose.hold, dose.sets, dose.sides, dose.rest) == (45, 3, "both", 10)


def test_catalog_exercises_are_usable_by_reference(tmp_path: Path) -> None:
    catalog_file = tmp_path / "exercises.toml"
    catalog_file.write_text(
        '[[exercise]]\nid = "bridge"\nname = "Bridge"\ngroup = "core"\n'
        'position = "lying on back"\nmode = "reps"\nreps = 10\ntempo = 4\n'
        'cues = ["Lift", "Lower", "Breathe"]\n'
    )
    catalog = load_catalog(catalog_file)
    routine = parse_routine(
        routine_doc({"exercise": "bridge", "reps": 12}, exercises=[]), catalog, label="r.toml"
    )
    assert routine.blocks[0].dose.reps == 12
    assert routine.blocks[0].dose.tempo == 4


def test_own_exercise_may_not_shadow_the_catalog() -> None:
    catalog = {"bridge": parse_routine(routine_doc(), {}, label="x").blocks[0].exercise}
    found = problems_of(routine_doc(), catalog)  # type: ignore[arg-type]
    assert found == [
        "routines/foo.toml: exercise 'bridge': id is already used by a built-in exercise"
    ]


def test_bad_toml_syntax_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('id = "x"\nname = \n')
    with pytest.raises(RoutineError) as caught:
        load_routine_file(path, {}, label="routines/broken.toml")
    assert str(caught.value).startswith("routines/broken.toml: is not valid TOML")
    assert "line 2" in str(caught.value)


def test_non_utf8_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes('id = "x"\nname = "Étirement"\n'.encode("latin-1"))
    with pytest.raises(RoutineError) as caught:
        load_routine_file(path, {}, label="routines/latin.toml")
    assert str(caught.value) == "routines/latin.toml: is not UTF-8 text (byte 0xc9 at offset 17)"


def test_bad_file_is_skipped_and_good_ones_load(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "good.toml").write_text(
        'id = "good"\nname = "Good"\n[[exercise]]\nid = "bridge"\nname = "Bridge"\n'
        'group = "core"\nposition = "lying on back"\nmode = "hold"\nhold = 20\n'
        'cues = ["a", "b", "c"]\n[[block]]\nexercise = "bridge"\n'
    )
    (folder / "bad.toml").write_text('id = "bad"\nname = "Bad"\n[[block]]\nexercise = "nope"\n')
    (folder / "copy.toml").write_text((folder / "good.toml").read_text())
    result = load_routines([(folder, False)], {})
    assert list(result.routines) == ["good"]
    messages = [str(p) for p in result.problems]
    assert "routines/bad.toml: routine 'bad': block #1: unknown exercise id 'nope'" not in messages
    assert any(
        m.startswith("routines/bad.toml: block #1: unknown exercise id 'nope'") for m in messages
    )
    assert any(
        m.startswith("routines/good.toml: routine 'good': id is already used") for m in messages
    )


def test_user_image_must_stay_in_the_routine_folder(tmp_path: Path) -> None:
    (tmp_path / "pics").mkdir()
    (tmp_path / "pics" / "move.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    folder = tmp_path / "routines"
    folder.mkdir()
    routine_file = folder / "mine.toml"
    for relative, expected in [
        ("../secret.png", "must stay inside the folder"),
        ("/etc/passwd", "must be a path relative to the routine file"),
        ("missing.png", "does not exist"),
        ("notes.txt", "must be an SVG, PNG or GIF file"),
    ]:
        document = routine_doc(exercises=[exercise_table(image=relative)])
        with pytest.raises(RoutineError) as caught:
            parse_routine(document, {}, label="routines/mine.toml", source=routine_file)
        assert expected in str(caught.value), relative
        assert "exercise 'bridge'" in str(caught.value)


def test_user_image_inside_the_folder_is_accepted(tmp_path: Path) -> None:
    (tmp_path / "pics").mkdir()
    picture = tmp_path / "pics" / "move.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    document = routine_doc(exercises=[exercise_table(image="pics/move.png")])
    routine = parse_routine(document, {}, label="mine.toml", source=tmp_path / "mine.toml")
    exercise = routine.blocks[0].exercise
    assert exercise.image == picture.resolve()
    assert exercise.illustration is None


def test_broken_builtin_catalog_does_not_stop_loading(tmp_path: Path) -> None:
    library = tmp_path / "library"
    (library / "routines").mkdir(parents=True)
    (library / "exercises.toml").write_text("this is not toml")
    loaded = load_library(None, library)
    assert loaded.routines == {}
    assert str(loaded.problems[0]).startswith("library/exercises.toml: is not valid TOML")


def test_who_for_and_not_for_are_read_and_default_to_empty() -> None:
    routine = parse_routine(
        routine_doc(who_for="People whose leg is settling.", not_for="A day your leg is worse."),
        {},
        label="x.toml",
    )
    assert routine.who_for == "People whose leg is settling."
    assert routine.not_for == "A day your leg is worse."
    plain = parse_routine(routine_doc(), {}, label="x.toml")
    assert (plain.who_for, plain.not_for) == ("", "")


def test_a_bad_who_for_names_file_routine_and_field() -> None:
    document = routine_doc(who_for=12, not_for="x" * 401)
    with pytest.raises(RoutineError) as caught:
        parse_routine(document, {}, label="routines/foo.toml")
    problems = caught.value.problems
    assert [(p.file, p.item, p.field) for p in problems] == [
        ("routines/foo.toml", "routine 'test-routine'", "who_for"),
        ("routines/foo.toml", "routine 'test-routine'", "not_for"),
    ]
    assert str(problems[0]) == (
        "routines/foo.toml: routine 'test-routine': who_for must be non-empty text, got 12"
    )
    assert "not_for must be at most 400 characters, got 401" in str(problems[1])


def test_neural_is_a_known_direction() -> None:
    document = routine_doc(exercises=[exercise_table(spinal_direction="neural")])
    routine = parse_routine(document, {}, label="x.toml")
    assert routine.blocks[0].exercise.spinal_direction == "neural"
    found = problems_of(routine_doc(exercises=[exercise_table(spinal_direction="nerve")]))
    assert any('"neural"' in p and 'got "nerve"' in p for p in found)

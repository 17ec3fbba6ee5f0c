"""The user's own copy of a routine without an exercise: in memory, and written to a file."""

from __future__ import annotations

import shutil
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from routine_factory import exercise_table, make_routine
from sciatica_coach.core import paths
from sciatica_coach.core.catalog import Routine, load_routine_file
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.outputs import OutputError
from sciatica_coach.core.routine_copy import (
    marked_exercises,
    previous_path,
    without_exercises,
    write_copy_without,
)

TODAY = date(2024, 5, 6)
BUILTIN_LIBRARY = load_library(None)
KNEE_HUG = BUILTIN_LIBRARY.exercises["single_knee_to_chest"].name
WALK = BUILTIN_LIBRARY.exercises["walk"].name

HAND_WRITTEN = """\
# My morning routine, from the physio's sheet
id = "morning"
name = "Morning"  # what the list shows
level = 1

# warm up first
[[block]]
exercise = "pelvic_tilt"
reps = 8  # fewer than the sheet

# the knee hug: my leg does not like it
[[block]]
exercise = "single_knee_to_chest"
hold = 20

# bridges last, slowly
[[block]]
exercise = "glute_bridge"
"""


def user_routine(data: Path, text: str = HAND_WRITTEN, name: str = "morning.toml") -> Routine:
    folder = paths.user_routines_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    return load_routine_file(folder / name, BUILTIN_LIBRARY.exercises)


def ids(routine: Routine) -> list[str]:
    return [b.exercise.id for b in routine.blocks]


def loaded_as_user(path: Path) -> Routine:
    return load_routine_file(path, BUILTIN_LIBRARY.exercises)


# --- without_exercises ------------------------------------------------------------------------


def test_without_exercises_drops_every_block_of_those_exercises() -> None:
    routine = make_routine(
        {"exercise": "bridge"},
        {"exercise": "tilt"},
        {"exercise": "bridge", "hold": 30},
        exercises=[exercise_table("bridge"), exercise_table("tilt")],
    )
    left = without_exercises(routine, {"bridge"})
    assert ids(left) == ["tilt"]
    assert replace(left, blocks=routine.blocks) == routine


def test_without_exercises_that_are_not_there_changes_nothing() -> None:
    routine = make_routine()
    assert without_exercises(routine, {"walk"}) == routine


def test_without_every_exercise_is_refused() -> None:
    routine = make_routine({"exercise": "bridge"}, {"exercise": "bridge"})
    with pytest.raises(ValueError, match="would leave nothing of Test routine"):
        without_exercises(routine, ["bridge"])


def test_marked_exercises_are_those_moving_a_marked_way() -> None:
    routine = make_routine(
        {"exercise": "hug"},
        {"exercise": "cat"},
        {"exercise": "arch"},
        {"exercise": "still"},
        exercises=[
            exercise_table("hug", spinal_direction="flexion"),
            exercise_table("cat", spinal_direction="flexion_and_extension"),
            exercise_table("arch", spinal_direction="extension"),
            exercise_table("still", spinal_direction="neutral"),
        ],
    )
    assert marked_exercises(routine, frozenset({"flexion"})) == {"hug", "cat"}
    assert marked_exercises(routine, frozenset({"extension"})) == {"cat", "arch"}
    assert marked_exercises(routine, frozenset()) == set()
    left = without_exercises(routine, marked_exercises(routine, frozenset({"flexion"})))
    assert ids(left) == ["arch", "still"]


# --- the copy of a built-in -------------------------------------------------------------------


def test_copy_of_a_builtin_differs_only_by_the_exercise(tmp_path: Path) -> None:
    builtin = BUILTIN_LIBRARY.routines["gentle-start"]
    folder = tmp_path / "routines"
    written = write_copy_without(builtin, "single_knee_to_chest", folder, today=TODAY)
    assert written == folder / "gentle-start.toml"
    copy = loaded_as_user(written)
    expected = without_exercises(builtin, {"single_knee_to_chest"})
    assert copy == replace(expected, source=written, builtin=False)
    assert "single_knee_to_chest" not in ids(copy)
    assert len(copy.blocks) == len(builtin.blocks) - 1


def test_copy_of_a_builtin_says_what_it_is_at_the_top(tmp_path: Path) -> None:
    builtin = BUILTIN_LIBRARY.routines["gentle-start"]
    written = write_copy_without(builtin, "single_knee_to_chest", tmp_path, today=TODAY)
    lines = written.read_text().splitlines()
    assert lines[0] == (
        f"# Your copy of the built-in Gentle start, without {KNEE_HUG} (Mon 6 May 2024)."
    )
    assert lines[1] == "# Delete this file to go back to the built-in routine."


def test_copy_of_a_builtin_is_private_and_leaves_the_builtin_alone(tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(paths.library_dir(), library)
    before = (library / "routines" / "gentle-start.toml").read_bytes()
    builtin = load_library(None, library).routines["gentle-start"]
    folder = tmp_path / "data" / "routines"
    written = write_copy_without(builtin, "walk", folder, today=TODAY)
    assert (library / "routines" / "gentle-start.toml").read_bytes() == before
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not previous_path(written).exists()


def test_the_copy_replaces_the_builtin_in_the_library(data: Path) -> None:
    builtin = BUILTIN_LIBRARY.routines["gentle-start"]
    write_copy_without(builtin, "single_knee_to_chest", paths.user_routines_dir(data), today=TODAY)
    library = load_library(data)
    mine = library.routines["gentle-start"]
    assert not mine.builtin
    assert "single_knee_to_chest" not in ids(mine)
    assert library.replaced["gentle-start"] == builtin
    assert library.problems == []
    # The copy keeps the built-in's place in the order.
    assert list(library.routines) == list(BUILTIN_LIBRARY.routines)


def test_a_copy_already_there_is_not_overwritten(tmp_path: Path) -> None:
    builtin = BUILTIN_LIBRARY.routines["gentle-start"]
    (tmp_path / "gentle-start.toml").write_text("my own notes, not a routine")
    with pytest.raises(ValueError, match=r"gentle-start\.toml is already there"):
        write_copy_without(builtin, "walk", tmp_path, today=TODAY)
    assert (tmp_path / "gentle-start.toml").read_text() == "my own notes, not a routine"


def test_a_builtin_without_a_source_is_found_in_the_library_folder(tmp_path: Path) -> None:
    builtin = replace(BUILTIN_LIBRARY.routines["gentle-start"], source=None)
    written = write_copy_without(builtin, "walk", tmp_path, paths.library_dir(), today=TODAY)
    assert "walk" not in ids(loaded_as_user(written))


# --- the user's own file ----------------------------------------------------------------------


def test_user_file_is_edited_in_place_keeping_comments_and_order(data: Path) -> None:
    routine = user_routine(data)
    written = write_copy_without(routine, "single_knee_to_chest", data / "routines", today=TODAY)
    assert written == routine.source
    text = written.read_text()
    assert text.startswith(f"# {KNEE_HUG} left out (Mon 6 May 2024).\n")
    for comment in (
        "# My morning routine, from the physio's sheet",
        'name = "Morning"  # what the list shows',
        "reps = 8  # fewer than the sheet",
        "# warm up first",
        "# bridges last, slowly",
    ):
        assert comment in text
    assert "single_knee_to_chest" not in text
    assert text.index("pelvic_tilt") < text.index("# bridges last") < text.index("glute_bridge")
    edited = loaded_as_user(written)
    assert edited == without_exercises(routine, {"single_knee_to_chest"})


def test_user_file_keeps_its_previous_version(data: Path) -> None:
    routine = user_routine(data)
    written = write_copy_without(routine, "glute_bridge", data / "routines", today=TODAY)
    kept = previous_path(written)
    assert kept.name == "morning.toml.previous"
    assert kept.read_text() == HAND_WRITTEN
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    # The previous version is not a routine file: the library does not load it twice.
    assert load_library(data).problems == []


def test_leaving_out_the_first_block_keeps_the_comment_of_the_next(data: Path) -> None:
    routine = user_routine(data)
    written = write_copy_without(routine, "pelvic_tilt", data / "routines", today=TODAY)
    text = written.read_text()
    assert "# the knee hug: my leg does not like it" in text
    assert "reps = 8" not in text
    assert ids(loaded_as_user(written)) == ["single_knee_to_chest", "glute_bridge"]


def test_blocks_written_as_an_inline_list_are_edited_too(data: Path) -> None:
    text = (
        'id = "inline"\nname = "Inline"\n'
        'block = [{ exercise = "walk" }, { exercise = "glute_bridge" }]  # two\n'
    )
    routine = user_routine(data, text, "inline.toml")
    written = write_copy_without(routine, "walk", data / "routines", today=TODAY)
    assert ids(loaded_as_user(written)) == ["glute_bridge"]
    assert "# two" in written.read_text()


def test_the_copy_of_a_copy_edits_the_users_file(data: Path) -> None:
    folder = paths.user_routines_dir(data)
    builtin = BUILTIN_LIBRARY.routines["gentle-start"]
    write_copy_without(builtin, "single_knee_to_chest", folder, today=TODAY)
    mine = load_library(data).routines["gentle-start"]
    write_copy_without(mine, "walk", folder, today=date(2024, 5, 7))
    again = load_library(data).routines["gentle-start"]
    assert ids(again) == [i for i in ids(builtin) if i not in ("single_knee_to_chest", "walk")]
    assert "Your copy of the built-in Gentle start" in (folder / "gentle-start.toml").read_text()


# --- refusals ---------------------------------------------------------------------------------


def test_leaving_out_the_only_exercise_is_refused_naming_the_file(data: Path) -> None:
    text = 'id = "one"\nname = "One"\n[[block]]\nexercise = "walk"\n[[block]]\nexercise = "walk"\n'
    routine = user_routine(data, text, "one.toml")
    with pytest.raises(ValueError) as refused:
        write_copy_without(routine, "walk", data / "routines", today=TODAY)
    assert str(refused.value) == (
        f"{WALK} is all there is in One: leaving it out would leave nothing, so "
        f"{routine.source} was not written."
    )
    assert (data / "routines" / "one.toml").read_text() == text
    assert not previous_path(data / "routines" / "one.toml").exists()


def test_a_routine_whose_file_is_gone_is_refused(data: Path) -> None:
    routine = user_routine(data)
    assert routine.source is not None
    routine.source.unlink()
    with pytest.raises(ValueError, match=r"morning\.toml is gone; nothing was written"):
        write_copy_without(routine, "glute_bridge", data / "routines", today=TODAY)
    assert list((data / "routines").iterdir()) == []


def test_a_file_changed_since_loading_is_not_guessed_at(data: Path) -> None:
    routine = user_routine(data)
    assert routine.source is not None
    routine.source.write_text('id = "morning"\nname = "Morning"\n[[block]]\nexercise = "walk"\n')
    with pytest.raises(ValueError, match=f"no longer has {KNEE_HUG} in it"):
        write_copy_without(routine, "single_knee_to_chest", data / "routines", today=TODAY)
    routine.source.write_text("this is not [ toml")
    with pytest.raises(ValueError, match="is no longer a routine file"):
        write_copy_without(routine, "single_knee_to_chest", data / "routines", today=TODAY)


def test_an_exercise_not_in_the_routine_is_refused(data: Path) -> None:
    routine = user_routine(data)
    with pytest.raises(ValueError, match="Morning has no exercise 'walk'"):
        write_copy_without(routine, "walk", data / "routines", today=TODAY)


def test_a_linked_routine_file_is_not_changed(data: Path, tmp_path: Path) -> None:
    real = tmp_path / "synced" / "morning.toml"
    real.parent.mkdir()
    real.write_text(HAND_WRITTEN)
    folder = paths.user_routines_dir(data)
    folder.mkdir(parents=True)
    (folder / "morning.toml").symlink_to(real)
    routine = load_routine_file(folder / "morning.toml", BUILTIN_LIBRARY.exercises)
    with pytest.raises(ValueError, match="is a link to another file"):
        write_copy_without(routine, "glute_bridge", folder, today=TODAY)
    assert real.read_text() == HAND_WRITTEN


def test_when_the_previous_version_cannot_be_kept_the_file_is_not_touched(data: Path) -> None:
    routine = user_routine(data)
    assert routine.source is not None
    previous_path(routine.source).mkdir()  # a folder where the old version would go
    with pytest.raises(OutputError):
        write_copy_without(routine, "glute_bridge", data / "routines", today=TODAY)
    assert routine.source.read_text() == HAND_WRITTEN


def test_two_user_files_with_one_id_are_still_a_problem(data: Path) -> None:
    user_routine(data, HAND_WRITTEN, "a.toml")
    user_routine(data, HAND_WRITTEN, "b.toml")
    library: Library = load_library(data)
    assert [str(p).split(":")[0] for p in library.problems] == ["routines/b.toml"]
    assert "id is already used by" in str(library.problems[0])
    assert library.routines["morning"].source == data / "routines" / "a.toml"

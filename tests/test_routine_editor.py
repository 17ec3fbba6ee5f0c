"""Making and changing routines: drafts, checks, saving with comments kept, deleting with undo,
and the editor page driven from the keyboard."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from flow_helpers import App
from sciatica_coach.core import outputs, paths
from sciatica_coach.core.catalog import RoutineError, load_routine_file
from sciatica_coach.core.library import load_library
from sciatica_coach.core.outputs import OutputError
from sciatica_coach.core.routine_copy import previous_path
from sciatica_coach.core.routine_writer import (
    DraftBlock,
    check_draft,
    delete_routine_file,
    deleted_path,
    draft_from_routine,
    draft_from_text,
    duplicate_draft,
    new_draft,
    prescription_from_fields,
    restore_routine_file,
    routine_text,
    save_draft,
)
from sciatica_coach.ui.pages import Page

LIBRARY = load_library(None)
CATALOG = LIBRARY.exercises

HAND_WRITTEN = """\
# From the physio, 1 May
id = "morning"
name = "Morning"  # what the list shows
level = 1

# warm up first
[[block]]
exercise = "pelvic_tilt"
reps = 8  # fewer than the sheet

# the knee hug
[[block]]
exercise = "single_knee_to_chest"
hold = 20

# bridges last, slowly
[[block]]
exercise = "glute_bridge"
"""


def write_routine(data: Path, text: str = HAND_WRITTEN, name: str = "morning.toml") -> Path:
    folder = paths.user_routines_dir(data)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)
    return folder / name


def test_an_untouched_draft_saves_the_same_text(tmp_path: Path) -> None:
    path = write_routine(tmp_path)
    draft = draft_from_routine(load_routine_file(path, CATALOG), path.parent)
    assert routine_text(draft) == HAND_WRITTEN


def test_load_edit_save_reload_gives_the_routine_edited(tmp_path: Path) -> None:
    path = write_routine(tmp_path)
    before = load_routine_file(path, CATALOG)
    draft = draft_from_routine(before, path.parent)
    draft.fields["name"] = "Morning, gently"
    draft.fields["target_minutes"] = 8
    draft.blocks[0].dose["reps"] = 6
    draft.blocks.reverse()
    draft.blocks.append(DraftBlock("heel_raise", {"reps": 10, "sets": 2}))
    made, problems = check_draft(draft, CATALOG)
    assert problems == []
    save_draft(draft, CATALOG)
    after = load_routine_file(path, CATALOG)
    assert after == made
    assert [b.exercise.id for b in after.blocks] == [
        "glute_bridge",
        "single_knee_to_chest",
        "pelvic_tilt",
        "heel_raise",
    ]
    assert after.blocks[2].dose.reps == 6
    assert after.blocks[3].dose.sets == 2
    # And a second load of what was saved saves the very same text again.
    again = draft_from_routine(after, path.parent)
    assert routine_text(again) == path.read_text()


def test_a_hand_edited_file_keeps_its_comments(tmp_path: Path) -> None:
    path = write_routine(tmp_path)
    draft = draft_from_routine(load_routine_file(path, CATALOG), path.parent)
    draft.blocks[0].dose["reps"] = 6
    draft.blocks.insert(0, draft.blocks.pop())  # bridges first now
    draft.prescription = prescription_from_fields("Ann Lee", review=date(2024, 6, 1))
    save_draft(draft, CATALOG)
    text = path.read_text()
    for comment in (
        "# From the physio, 1 May",
        'name = "Morning"  # what the list shows',
        "# warm up first",
        "reps = 6  # fewer than the sheet",
        "# the knee hug",
        "# bridges last, slowly",
    ):
        assert comment in text
    # A comment above a block moves with it.
    bridges = text.index("# bridges last, slowly")
    assert bridges < text.index('exercise = "glute_bridge"') < text.index("# warm up first")
    assert '[prescription]\nprescribed_by = "Ann Lee"\nreview_date = 2024-06-01\n' in text
    assert text.index("[prescription]") < text.index("[[block]]")


def test_saving_keeps_the_version_before(tmp_path: Path) -> None:
    path = write_routine(tmp_path)
    draft = draft_from_routine(load_routine_file(path, CATALOG), path.parent)
    draft.fields["level"] = 2
    save_draft(draft, CATALOG)
    assert previous_path(path).read_text() == HAND_WRITTEN
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(previous_path(path).stat().st_mode) == 0o600


def test_a_failing_disk_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_routine(tmp_path)
    draft = draft_from_routine(load_routine_file(path, CATALOG), path.parent)
    draft.fields["level"] = 3
    real_write = os.write
    calls = {"count": 0}

    def full_disk(fd: int, data: bytes) -> int:
        calls["count"] += 1
        if calls["count"] > 1:  # the previous version is kept, then the disk fills up
            raise OSError(28, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(outputs.os, "write", full_disk)
    with pytest.raises(OutputError, match="the disk is full; the file that was there"):
        save_draft(draft, CATALOG)
    monkeypatch.undo()
    assert path.read_text() == HAND_WRITTEN
    assert sorted(p.name for p in path.parent.iterdir()) == [
        "morning.toml",
        "morning.toml.previous",
    ]


def test_a_draft_with_problems_is_not_saved(tmp_path: Path) -> None:
    draft = new_draft("mine", "Mine", paths.user_routines_dir(tmp_path))
    with pytest.raises(RoutineError) as raised:
        save_draft(draft, CATALOG)
    assert "missing required field 'block'" in str(raised.value)
    draft.blocks.append(DraftBlock("glute_bridge", {"reps": 99}))
    routine, problems = check_draft(draft, CATALOG)
    assert routine is None
    assert [p.message for p in problems] == [
        "reps must be from 1 to 50 repetitions, got 99",
    ]
    assert not paths.user_routines_dir(tmp_path).exists()


def test_a_new_routine_is_a_tidy_private_file(tmp_path: Path) -> None:
    folder = paths.user_routines_dir(tmp_path)
    draft = new_draft("evening", "Evening", folder)
    draft.blocks += [DraftBlock("pelvic_tilt"), DraftBlock("walk", {"hold": 120})]
    path = save_draft(draft, CATALOG)
    assert path == folder / "evening.toml"
    assert path.read_text() == (
        'id = "evening"\nname = "Evening"\nlevel = 1\n\n'
        '[[block]]\nexercise = "pelvic_tilt"\n\n'
        '[[block]]\nexercise = "walk"\nhold = 120\n'
    )
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_built_in_saves_as_the_users_copy(tmp_path: Path) -> None:
    folder = paths.user_routines_dir(tmp_path)
    builtin = LIBRARY.routines["gentle-start"]
    draft = draft_from_routine(builtin, folder)
    draft.blocks.pop()
    save_draft(draft, CATALOG)
    library = load_library(tmp_path)
    assert library.routines["gentle-start"].source == folder / "gentle-start.toml"
    assert "gentle-start" in library.replaced
    assert len(library.routines["gentle-start"].blocks) == len(builtin.blocks) - 1


def test_duplicate_gets_a_new_id_and_file(tmp_path: Path) -> None:
    folder = paths.user_routines_dir(tmp_path)
    draft = draft_from_routine(LIBRARY.routines["balance"], folder)
    copy = duplicate_draft(draft, LIBRARY.routines, folder)
    assert copy.routine_id == "balance-copy"
    assert copy.fields["name"] == "Balance (copy)"
    save_draft(copy, CATALOG, LIBRARY.routines)
    again = duplicate_draft(draft, load_library(tmp_path).routines, folder)
    assert again.routine_id == "balance-copy-2"


def test_an_id_another_file_uses_is_a_problem(tmp_path: Path) -> None:
    write_routine(tmp_path)
    library = load_library(tmp_path)
    draft = new_draft("other", "Other", paths.user_routines_dir(tmp_path))
    draft.fields["id"] = "morning"
    draft.blocks.append(DraftBlock("walk"))
    _routine, problems = check_draft(draft, CATALOG, library.routines)
    assert [p.message for p in problems] == ["id is already used by morning.toml; choose another"]


def test_a_new_file_never_overwrites_another(tmp_path: Path) -> None:
    write_routine(tmp_path, HAND_WRITTEN.replace('"morning"', '"older"'), "fresh.toml")
    draft = new_draft("fresh", "Fresh", paths.user_routines_dir(tmp_path))
    draft.blocks.append(DraftBlock("walk"))
    with pytest.raises(ValueError, match="is already there"):
        save_draft(draft, CATALOG)


def test_delete_and_undo(tmp_path: Path) -> None:
    path = write_routine(tmp_path)
    delete_routine_file(path)
    assert "morning" not in load_library(tmp_path).routines
    assert deleted_path(path).read_text() == HAND_WRITTEN
    restore_routine_file(path)
    assert load_library(tmp_path).routines["morning"].source == path


def test_undo_never_overwrites_a_new_file(tmp_path: Path) -> None:
    path = write_routine(tmp_path)
    delete_routine_file(path)
    path.write_text("new")
    with pytest.raises(ValueError, match="is there again"):
        restore_routine_file(path)
    assert path.read_text() == "new"


def test_a_draft_of_text_that_is_not_toml_is_refused() -> None:
    with pytest.raises(ValueError, match="is not a routine file"):
        draft_from_text("id = ")


# --- the editor page, from the keyboard ------------------------------------------------------


def test_a_routine_made_with_the_keyboard_only(app: App) -> None:
    window = app.window
    window.show_page(Page.ROUTINES)
    routines = window.routines
    editor = routines.new_routine()
    assert editor is not None and editor.name.hasFocus()
    app.keys("Evening stretch", Qt.Key.Key_Tab)  # to the id
    assert editor.routine_id.hasFocus()
    editor.routine_id.selectAll()
    app.keys("evening")
    editor.search.setFocus()
    app.keys("bridge", Qt.Key.Key_Return)
    editor.search.clear()
    app.keys("pelvic", Qt.Key.Key_Return)
    assert [b.exercise for b in editor.draft.blocks] == ["glute_bridge", "pelvic_tilt"]
    assert "About 4 minutes, 2 exercises" in editor.length.text()
    # Pelvic tilt first: Alt+Up in the list; then a third set of bridges.
    editor.items.setFocus()
    app.keys(Qt.Key.Key_End)
    app.qtbot.keyClick(editor.items, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert [b.exercise for b in editor.draft.blocks] == ["pelvic_tilt", "glute_bridge"]
    editor.items.setCurrentRow(1)
    editor.dose_boxes["sets"].setFocus()
    editor.dose_boxes["sets"].selectAll()
    app.keys("3")
    assert editor.draft.blocks[1].dose == {"sets": 3}
    assert editor.items.item(1).text() == "Glute bridge — 3 × 10 reps"
    # A review date that is not a date is the check's problem, shown as typed.
    editor.prescription_texts["review_date"].setFocus()
    app.keys("2024-13-01")
    assert not editor.save_button.isEnabled()
    assert "review_date must be a date like 2024-05-31" in editor.problems.text()
    app.keys(*[Qt.Key.Key_Backspace] * 4, "2-01")
    assert editor.save_button.isEnabled()
    app.qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    path = paths.user_routines_dir(window.context.data) / "evening.toml"
    routine = window.context.library.find("evening")
    assert routine is not None and routine.source == path
    assert routine.name == "Evening stretch"
    assert routine.prescription is not None
    assert routine.prescription.review_date == date(2024, 12, 1)
    assert routines.current_routine() == routine
    assert routines.notice.text() == f"Saved evening.toml in {path.parent}."
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_escape_leaves_the_editor_without_saving(app: App) -> None:
    window = app.window
    window.show_page(Page.ROUTINES)
    window.routines.select("balance")
    editor = window.routines.edit_routine()
    assert editor is not None
    app.keys("x")
    app.qtbot.keyClick(editor.name, Qt.Key.Key_Escape)
    assert window.routines.editor is None
    assert not (paths.user_routines_dir(window.context.data) / "balance.toml").exists()


def test_delete_then_undo_from_the_routines_page(app: App) -> None:
    window = app.window
    routines = window.routines
    window.show_page(Page.ROUTINES)
    routines.select("short")
    assert routines.delete_button.isEnabled()
    routines.delete_button.click()
    assert window.context.library.find("short") is None
    assert routines.undo_bar.isVisible() and routines.undo_button.hasFocus()
    app.keys(Qt.Key.Key_Space)
    assert window.context.library.find("short") is not None
    assert routines.current_routine() == window.context.library.find("short")
    routines.select("balance")
    assert not routines.delete_button.isEnabled()  # a built-in is never deleted

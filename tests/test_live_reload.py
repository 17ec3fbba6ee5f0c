"""Routine files added, changed or removed while the app runs show at once."""

from __future__ import annotations

from flow_helpers import App
from sciatica_coach.core import paths

ROUTINE = """\
id = "dropped-in"
name = "Dropped in"

[[block]]
exercise = "walk"
"""


def test_a_file_added_changed_broken_and_removed_shows_at_once(app: App) -> None:
    window = app.window
    folder = paths.user_routines_dir(window.context.data)
    path = folder / "dropped-in.toml"
    path.write_text(ROUTINE)
    app.qtbot.waitUntil(lambda: window.context.library.find("dropped-in") is not None, timeout=5000)
    assert window.routines.library is window.context.library
    path.write_text(ROUTINE.replace('"Dropped in"', '"Renamed by hand"'))
    app.qtbot.waitUntil(
        lambda: window.context.library.routines["dropped-in"].name == "Renamed by hand",
        timeout=5000,
    )
    path.write_text(ROUTINE.replace('"walk"', '"no_such_move"'))
    app.qtbot.waitUntil(lambda: window.context.library.find("dropped-in") is None, timeout=5000)
    assert "unknown exercise id 'no_such_move'" in window.routines.problems_label.text()
    path.unlink()
    app.qtbot.waitUntil(lambda: not window.context.library.problems, timeout=5000)
    assert window.routines.problems_label.isHidden()


def test_the_routines_folder_made_later_is_watched(app: App) -> None:
    window = app.window
    folder = paths.user_routines_dir(window.context.data)
    for file in folder.iterdir():
        file.unlink()
    folder.rmdir()
    window.reload_library()
    window.routine_watcher._watch()
    folder.mkdir()
    app.qtbot.waitUntil(lambda: str(folder) in window.routine_watcher.watched(), timeout=5000)
    (folder / "dropped-in.toml").write_text(ROUTINE)
    app.qtbot.waitUntil(lambda: window.context.library.find("dropped-in") is not None, timeout=5000)

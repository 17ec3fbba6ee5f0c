"""Cautions and the Easier toggle in the player, driven by keyboard through the real window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from flow_helpers import App, make_app
from sciatica_coach.core.catalog import Exercise
from sciatica_coach.core.library import load_library
from sciatica_coach.core.timeline import WORK, Step, expand_routine
from sciatica_coach.core.words import all_cautions, first_caution
from sciatica_coach.ui.history import HistoryView
from sciatica_coach.ui.session_flow import FlowState

BUILT_IN_ROUTINES = sorted(r.id for r in load_library(None).routines.values() if r.builtin)


def current_exercise(app: App) -> Exercise:
    step = running_step(app)
    assert step is not None and step.kind == WORK and step.exercise is not None
    return step.exercise


def into_left_hold(app: App) -> None:
    """Rate before, then 3 s into the left-side hamstring hold of the short routine."""
    app.start_by_keyboard(5, 6)
    assert app.window.flow.state is FlowState.PLAYING
    app.run(8)


def running_step(app: App) -> Step | None:
    session = app.window.flow.player.session
    return None if session is None else session.current_step


def finished_work(app: App) -> list[tuple[str | None, str | None, str | None]]:
    (record,) = app.log.sessions()
    return [(s.exercise_id, s.side, s.variant) for s in app.log.steps(record.id) if s.kind == WORK]


@pytest.mark.parametrize("routine_id", BUILT_IN_ROUTINES)
def test_every_work_step_of_every_built_in_routine_shows_its_first_caution(
    tmp_path: Path, qtbot: QtBot, routine_id: str
) -> None:
    for app in make_app(tmp_path, qtbot):
        assert app.window.start_routine(routine_id)
        app.rate(2, 2)
        player = app.window.flow.player
        seen = 0
        while (step := running_step(app)) is not None:
            if step.kind == WORK:
                assert step.exercise is not None and step.exercise.cautions
                assert player.caution_label.isVisible(), step.exercise.id
                assert player.caution_label.text() == first_caution(step.exercise)
                assert player.caution_label.text().startswith("Take care: ")
                seen += 1
            app.player_keys(Qt.Key.Key_Right)
        routine = app.window.context.library.routines[routine_id]
        assert seen == sum(1 for s in expand_routine(routine).steps if s.kind == WORK)


def test_c_shows_every_caution_and_the_next_step_goes_back_to_the_cues(app: App) -> None:
    into_left_hold(app)
    player = app.window.flow.player
    exercise = current_exercise(app)
    cues = player.cues_label.text()
    assert exercise.cues[0] in cues
    app.player_keys(Qt.Key.Key_C)
    assert player.cues_label.text() == all_cautions(exercise)
    for caution in exercise.cautions:
        assert caution in player.cues_label.text()
    assert not player.caution_label.isVisible()
    assert player.cautions_button.isChecked()
    app.player_keys(Qt.Key.Key_C)
    assert player.cues_label.text() == cues and player.caution_label.isVisible()
    app.player_keys(Qt.Key.Key_C)
    app.run(8)  # into the switch, then the right side: cues again
    assert player.cues_label.text() == cues
    assert not player.cautions_button.isChecked()


def test_easier_switches_the_words_on_screen_and_the_logged_variant(app: App) -> None:
    into_left_hold(app)
    player = app.window.flow.player
    exercise = current_exercise(app)
    assert exercise.easier
    as_written = player.cues_label.text()
    app.player_keys(Qt.Key.Key_E)
    assert player.easier_button.isChecked()
    assert f"Easier: {exercise.easier}" in player.cues_label.text()
    assert player.cues_label.text() != as_written
    assert "Easier version" in player.detail_label.text()
    assert "for this exercise" in player.notice_label.text()
    app.run(7.5)  # the rest of the left hold (10 s) and into the switch
    assert "Easier:" in player.cues_label.text()  # the switch shows the version coming up
    app.run(5)  # into the right side: still easier, the whole exercise was switched
    assert "Easier version" in player.detail_label.text()
    assert not player.notice_label.isVisible()  # the notice went with its step
    app.player_keys(Qt.Key.Key_E)  # the right side as written
    assert player.cues_label.text() == as_written
    assert not player.easier_button.isChecked()
    app.player_keys(Qt.Key.Key_S)
    app.keys("5")  # tired or out of time
    assert finished_work(app) == [
        ("supine_hamstring_stretch", "left", "easier"),
        ("supine_hamstring_stretch", "right", None),
    ]
    history = app.window.history_page.content()
    assert isinstance(history, HistoryView)
    history.select_session(1)
    titles = [
        history.steps_table.item(row, 0).text() for row in range(history.steps_table.rowCount())
    ]
    assert [t for t in titles if t.startswith(exercise.name)] == [
        f"{exercise.name} · left · easier",
        f"{exercise.name} · right",
    ]


def test_shift_e_makes_the_rest_of_the_session_easier(app: App) -> None:
    into_left_hold(app)
    player = app.window.flow.player
    app.qtbot.keyClick(player, Qt.Key.Key_E, Qt.KeyboardModifier.ShiftModifier)
    assert "rest of this session" in player.notice_label.text()
    while (step := running_step(app)) is not None:
        if step.kind == WORK:
            assert step.exercise is not None and step.exercise.easier
            assert f"Easier: {step.exercise.easier}" in player.cues_label.text()
        app.player_keys(Qt.Key.Key_Right)
    work = finished_work(app)
    assert len(work) == 4 and all(variant == "easier" for _, _, variant in work)


def test_as_written_when_easier_is_never_pressed(app: App) -> None:
    into_left_hold(app)
    player = app.window.flow.player
    assert not player.easier_button.isChecked() and player.easier_button.isEnabled()
    app.player_keys(Qt.Key.Key_S)
    app.keys("5")
    assert finished_work(app) == [("supine_hamstring_stretch", "left", None)]

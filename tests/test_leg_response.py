"""The leg question in the rest after each exercise, and the profile's marks in the player,
through the real window by keyboard on a fake clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from flow_helpers import App, make_app
from sciatica_coach.core.symptoms import LEANING_BACK, SymptomProfile
from sciatica_coach.core.timeline import REST, WORK
from sciatica_coach.ui.settings_keys import LEG_QUESTION_KEY

BENDING = """
id = "bending"
name = "Bending test"
prepare = 5

[[block]]
exercise = "single_knee_to_chest"
hold = 10
sets = 1
sides = "none"
rest_after = 8

[[block]]
exercise = "sit_to_stand"
reps = 5
sets = 1
"""


def current(app: App):  # type: ignore[no-untyped-def]
    session = app.window.flow.player.session
    return None if session is None else session.current_step


def run_to(app: App, kind: str, exercise: str | None = None) -> None:
    for _ in range(2000):
        step = current(app)
        wanted = exercise is None or (
            step is not None and step.exercise is not None and step.exercise.id == exercise
        )
        if step is not None and step.kind == kind and wanted:
            return
        app.run(0.5)
    raise AssertionError(f"never reached a {kind} step")


def test_the_rest_between_two_sets_of_one_exercise_asks_nothing(app: App) -> None:
    app.start_by_keyboard(4, 5)
    player = app.window.flow.player
    run_to(app, WORK, "sit_to_stand")  # the hamstring stretch, both sides, is behind us
    # The rest between the two sets of sit-to-stand asks nothing.
    app.player_keys(Qt.Key.Key_Return)
    run_to(app, REST)
    assert not player.leg_row.isVisible()
    app.player_keys(Qt.Key.Key_S)
    app.keys("5")
    (record,) = app.log.sessions()
    # The question after the hamstring stretch came and went unanswered: nothing logged.
    assert app.log.leg_responses() == []
    assert record.status == "stopped"


def test_pressing_3_after_the_hamstring_stretch_logs_worse_on_its_last_step(app: App) -> None:
    app.start_by_keyboard(4, 5)
    player = app.window.flow.player
    run_to(app, WORK, "supine_hamstring_stretch")
    assert not player.leg_row.isVisible()  # not while exercising
    run_to(app, REST)
    assert player.leg_row.isVisible()
    assert player.leg_label.text() == "How is your leg after Lying hamstring stretch?"
    app.player_keys(Qt.Key.Key_3)
    assert player.leg_label.text() == "Leg after Lying hamstring stretch: worse. Noted."
    assert player.leg_buttons["worse"].isChecked()
    app.player_keys(Qt.Key.Key_2)  # a change of mind replaces the answer
    (answer,) = app.log.leg_responses()
    steps = app.log.steps(answer.session_id)
    last_hamstring = max(s.step_index for s in steps if s.exercise_id == "supine_hamstring_stretch")
    assert (answer.step_index, answer.response) == (last_hamstring, "same")
    run_to(app, WORK, "sit_to_stand")
    assert not player.leg_row.isVisible()


def test_no_leg_question_when_it_is_switched_off(app: App) -> None:
    app.window.context.settings.setValue(LEG_QUESTION_KEY, False)
    app.start_by_keyboard(4, 5)
    run_to(app, WORK, "supine_hamstring_stretch")
    run_to(app, REST)
    assert not app.window.flow.player.leg_row.isVisible()
    app.player_keys(Qt.Key.Key_3)
    assert app.log.leg_responses() == []


def test_an_exercise_bending_forward_is_marked_for_a_leaning_back_profile(
    tmp_path: Path, qtbot: QtBot
) -> None:
    routines = tmp_path / "data" / "routines"
    routines.mkdir(parents=True)
    (routines / "bending.toml").write_text(BENDING)
    for app in make_app(tmp_path, qtbot):
        app.log.save_profile(
            SymptomProfile(
                datetime(2026, 3, 1, 9, tzinfo=UTC), date(2026, 3, 1), "thigh", LEANING_BACK
            )
        )
        assert app.window.start_routine("bending")
        app.rate(3, 4)
        player = app.window.flow.player
        run_to(app, WORK, "single_knee_to_chest")
        warning = "Bending forward may make your leg worse: try it gently or skip it."
        assert warning in player.caution_label.text().splitlines()
        run_to(app, WORK, "sit_to_stand")
        assert warning not in player.caution_label.text()


def test_hidden_exercises_are_left_out_of_the_session_when_the_user_hides_them(
    tmp_path: Path, qtbot: QtBot
) -> None:
    from sciatica_coach.ui.settings_keys import HIDE_AGGRAVATING_KEY

    routines = tmp_path / "data" / "routines"
    routines.mkdir(parents=True)
    (routines / "bending.toml").write_text(BENDING)
    for app in make_app(tmp_path, qtbot):
        app.log.save_profile(
            SymptomProfile(
                datetime(2026, 3, 1, 9, tzinfo=UTC), date(2026, 3, 1), "thigh", LEANING_BACK
            )
        )
        app.window.context.settings.setValue(HIDE_AGGRAVATING_KEY, True)
        assert app.window.start_routine("bending")
        app.rate(3, 4)
        session = app.window.flow.session
        assert session is not None
        ids = {s.exercise.id for s in session.timeline.steps if s.exercise is not None}
        assert ids == {"sit_to_stand"}
        (record,) = app.log.sessions()
        assert record.planned_work_steps == 1

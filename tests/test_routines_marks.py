"""The Routines page says what the user's own records say about each exercise: the ways of
moving their symptom profile marks, the exercises the leg was worse after, and it leaves one
out of a routine in the user's own copy."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from flow_helpers import App
from sciatica_coach.core import paths
from sciatica_coach.core.coaching import ExerciseFlag
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import StepRecord
from sciatica_coach.core.symptoms import (
    BENDING_FORWARD,
    LEANING_BACK,
    SymptomProfile,
    aggravating_directions,
)
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.routines import ALL_MARKED, HIDDEN_NOTE, RoutinesView
from sciatica_coach.ui.settings_keys import HIDE_AGGRAVATING_KEY
from sciatica_coach.ui.settings_values import read_flag

LIBRARY = load_library(None)
BENDING = "Bending forward may make your leg worse: try it gently or skip it."
LEANING = "Leaning back may make your leg worse: try it gently or skip it."
KNEE_HUG = LIBRARY.exercises["single_knee_to_chest"].name


def profile(eases: str, self_check: dict[str, str] | None = None) -> SymptomProfile:
    return SymptomProfile(
        datetime(2026, 3, 1, 9, tzinfo=UTC), date(2026, 3, 1), "below_knee", eases, self_check or {}
    )


def make_view(
    qtbot: QtBot, library: Library = LIBRARY, tmp_path: Path | None = None
) -> RoutinesView:
    settings = None
    routines_dir = None
    if tmp_path is not None:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        routines_dir = tmp_path / "data" / "routines"
    view = RoutinesView(
        library, settings=settings, routines_dir=routines_dir, today=lambda: date(2026, 3, 2)
    )
    qtbot.addWidget(view)
    return view


def marked_names(view: RoutinesView, mark: str) -> list[str]:
    """The exercise names whose lines the mark follows."""
    names = []
    current = ""
    for line in view.exercises.text().splitlines():
        if not line.startswith(" "):
            current = line.split("  ", 1)[1].split(" — ")[0]
        elif line.strip() == mark:
            names.append(current)
    return names


def names(*exercise_ids: str) -> list[str]:
    return [LIBRARY.exercises[i].name for i in exercise_ids]


# --- the marks from the symptom profile -------------------------------------------------------


def test_leaning_back_easing_marks_the_bending_exercises_of_gentle_start(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_coaching(aggravating_directions(profile(LEANING_BACK)), [])
    view.select("gentle-start")
    # Gentle start, counted by hand: nerve glide (neural), pelvic tilt (flexion), knee rocks
    # (rotation), bridge (neutral), knee to chest (flexion), walk (neutral).
    assert marked_names(view, BENDING) == names("pelvic_tilt", "single_knee_to_chest")
    assert marked_names(view, LEANING) == []


def test_leaning_back_making_it_worse_marks_arching_and_both_ways(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_coaching(aggravating_directions(profile(BENDING_FORWARD)), [])
    view.select("daily-mobility")
    # Daily mobility, counted by hand: cat-camel moves both ways, prone on elbows arches back;
    # the other eight are flexion, neural, rotation or neutral.
    assert marked_names(view, LEANING) == names("cat_camel", "prone_on_elbows")
    assert marked_names(view, BENDING) == []


def test_the_mark_comes_after_the_caution(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_coaching(frozenset({"flexion"}), [])
    view.select("gentle-start")
    lines = view.exercises.text().splitlines()
    at = next(i for i, line in enumerate(lines) if KNEE_HUG in line and line.startswith("5."))
    assert lines[at + 1].strip().startswith("Take care:")
    assert lines[at + 2].strip() == BENDING


def test_no_profile_marks_nothing_and_offers_no_hiding(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.show()
    view.set_coaching(aggravating_directions(None), [])
    view.select("daily-mobility")
    assert "may make your leg worse" not in view.exercises.text()
    assert not view.hide_marked.isVisible()


def test_a_routine_that_is_all_marked_says_so(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_coaching(frozenset({"extension"}), [])
    view.select("extension")
    assert view.exercises.text().splitlines()[0] == ALL_MARKED
    view.select("gentle-start")
    assert ALL_MARKED not in view.exercises.text()


# --- hiding them ------------------------------------------------------------------------------


def test_hiding_greys_and_strikes_the_marked_lines_and_is_remembered(
    qtbot: QtBot, tmp_path: Path
) -> None:
    view = make_view(qtbot, tmp_path=tmp_path)
    view.show()
    view.set_coaching(frozenset({"flexion"}), [])
    view.select("gentle-start")
    assert view.hide_marked.isVisible() and not view.hide_marked.isChecked()
    assert HIDDEN_NOTE not in view.exercises.text()
    view.hide_marked.click()
    assert view.exercises.text().count(HIDDEN_NOTE) == 2
    assert view.settings is not None
    assert read_flag(view.settings, HIDE_AGGRAVATING_KEY, False) is True
    struck = [label.text() for label in view.exercises._lines if label.font().strikeOut()]
    assert [line.split("  ", 1)[1].split(" — ")[0] for line in struck] == names(
        "pelvic_tilt", "single_knee_to_chest"
    )
    grey = [label.text().strip() for label in view.exercises._lines if not label.isEnabled()]
    assert BENDING in grey and not any("Walk" in line for line in grey)
    again = make_view(qtbot, tmp_path=tmp_path)
    assert again.hide_marked.isChecked()


def test_the_checkbox_and_the_leave_out_button_are_reached_by_tab(
    qtbot: QtBot, tmp_path: Path
) -> None:
    view = make_view(qtbot, tmp_path=tmp_path)
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow, timeout=2000)
    view.set_coaching(frozenset({"flexion"}), [knee_flag()])
    view.select("gentle-start")
    view.list.setFocus()
    button = view.exercises.buttons["single_knee_to_chest"]
    reached = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Tab)
        reached.append(QApplication.focusWidget())
    assert view.hide_marked in reached and button in reached
    # Tabbing to the button scrolled it into view.
    while QApplication.focusWidget() is not button:
        qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Tab)
    assert button.visibleRegion().boundingRect().height() == button.height()
    qtbot.keyClick(view.hide_marked, Qt.Key.Key_Space)
    assert view.hide_marked.isChecked()


# --- exercises the leg was worse after --------------------------------------------------------


def knee_flag(worse: int = 2, answered: int = 3) -> ExerciseFlag:
    return ExerciseFlag("single_knee_to_chest", KNEE_HUG, worse, answered, ("gentle-start",))


def test_a_flagged_exercise_says_how_often_and_offers_to_leave_it_out(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_coaching(frozenset(), [knee_flag()])
    view.select("gentle-start")
    assert marked_names(view, "Leg worse 2 of 3 times lately") == [KNEE_HUG]
    button = view.exercises.buttons["single_knee_to_chest"]
    assert button.text() == f"Leave {KNEE_HUG} out of this routine"
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    view.select("balance")
    assert "Leg worse" not in view.exercises.text() and view.exercises.buttons == {}


def test_leaving_out_writes_the_users_copy_after_asking(qtbot: QtBot, tmp_path: Path) -> None:
    data = tmp_path / "data"
    view = make_view(qtbot, tmp_path=tmp_path)
    view.copy_written.connect(lambda _routine_id: view.set_library(load_library(data)))
    view.set_coaching(frozenset(), [knee_flag()])
    view.select("gentle-start")
    asked: list[str] = []
    view.confirm_leave_out = lambda question: asked.append(question) is None
    view.exercises.buttons["single_knee_to_chest"].click()
    target = paths.user_routines_dir(data) / "gentle-start.toml"
    assert len(asked) == 1 and str(target) in asked[0]
    assert asked[0].startswith(f"This writes your own copy of Gentle start, without {KNEE_HUG}")
    assert target.is_file()
    routine = view.current_routine()
    assert routine is not None and routine.id == "gentle-start" and not routine.builtin
    assert KNEE_HUG not in view.exercises.text()
    assert view.notice.text() == f"Your copy of Gentle start now leaves out {KNEE_HUG}."
    assert view.list.currentItem().text().startswith("Gentle start  (yours)")
    assert "your copy of the built-in" in view.facts.text()


def test_saying_no_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    view = make_view(qtbot, tmp_path=tmp_path)
    view.set_coaching(frozenset(), [knee_flag()])
    view.select("gentle-start")
    view.confirm_leave_out = lambda _question: False
    view.exercises.buttons["single_knee_to_chest"].click()
    assert not (tmp_path / "data" / "routines").exists()
    assert view.notice.isHidden()


# --- in the app, from the log -----------------------------------------------------------------


def log_knee_hug_worse(log: SessionLog, start: datetime, answers: list[str]) -> None:
    """One gentle-start session per answer, the knee hug's leg response each time."""
    for day, answer in enumerate(answers):
        when = start + timedelta(days=day)
        session_id = log.start_session("gentle-start", "Gentle start", 600, 1, when)
        step = StepRecord(
            0, "work", "single_knee_to_chest", KNEE_HUG, 1, 1, None, 20, 20, None, None, "done",
            when + timedelta(minutes=1),
        )  # fmt: skip
        log.record_step(session_id, step)
        log.set_leg_response(session_id, 0, answer)
        log.finish_session(session_id, "completed", when + timedelta(minutes=10), 600)


def test_the_app_marks_from_the_log_and_reloads_after_leaving_out(app: App) -> None:
    window = app.window
    today = window.context.now()
    window.context.log.save_profile(profile(LEANING_BACK))
    log_knee_hug_worse(window.context.log, today - timedelta(days=5), ["worse", "same", "worse"])
    window.show_page(Page.ROUTINES)
    routines = window.routines
    routines.select("gentle-start")
    assert marked_names(routines, "Leg worse 2 of 3 times lately") == [KNEE_HUG]
    assert marked_names(routines, BENDING) == names("pelvic_tilt", "single_knee_to_chest")
    routines.confirm_leave_out = lambda _question: True
    routines.exercises.buttons["single_knee_to_chest"].click()
    mine = window.context.library.find("gentle-start")
    assert mine is not None and not mine.builtin
    assert "single_knee_to_chest" not in [b.exercise.id for b in mine.blocks]
    assert window.today.library is window.context.library
    assert routines.current_routine() == mine
    assert routines.notice.isVisible()

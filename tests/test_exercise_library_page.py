"""The Exercise library page: lists, filters, the chosen exercise, its moving picture, and a
practice session of one exercise started from it through the real main window.

The hand-made library (group, position, level, direction):

    knee_to_chest    Single knee to chest  mobility  lying on back    1  flexion
    prone_press_up   Prone press-up        mobility  lying on front   2  extension
    lumbar_rotation  Lumbar rotation       mobility  lying on back    1  rotation
    bird_dog         Bird dog              core      hands and knees  2  neutral
    bridge           Bridge                core      lying on back    2  neutral
    sit_to_stand     Sit to stand          strength  seated           1  neutral
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from flow_helpers import App, make_app
from routine_factory import exercise_table, make_routine
from sciatica_coach.core import paths, safety
from sciatica_coach.core.catalog import GROUPS, POSITIONS, SPINAL_DIRECTIONS, Exercise, Routine
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import SessionRecord
from sciatica_coach.core.words import direction_words, group_words, position_words
from sciatica_coach.ui.answers import ResumeAnswer
from sciatica_coach.ui.app import MainWindow
from sciatica_coach.ui.exercise_library import (
    NOTHING_MATCHES,
    ExerciseLibraryView,
    preview_phase,
)
from sciatica_coach.ui.pages import NAVIGATION, Page
from sciatica_coach.ui.session_flow import FlowState
from sciatica_coach.ui.settings_keys import ANIMATED_KEY
from test_hostile_text import CUES, EXERCISE_ONE, OTHERS, hostile_routine, walk

ALL_SIX = [
    "lumbar_rotation",
    "prone_press_up",
    "knee_to_chest",
    "bird_dog",
    "bridge",
    "sit_to_stand",
]


def exercise(
    ex_id: str, name: str, group: str, position: str, level: int, direction: str, **fields: Any
) -> Exercise:
    table = exercise_table(
        ex_id,
        name=name,
        group=group,
        position=position,
        level=level,
        spinal_direction=direction,
        **fields,
    )
    return make_routine({"exercise": ex_id}, exercises=[table]).blocks[0].exercise


KNEE = exercise(
    "knee_to_chest",
    "Single knee to chest",
    "mobility",
    "lying on back",
    1,
    "flexion",
    cautions=["Stop if the leg starts to tingle", "Keep the other leg relaxed"],
    easier="Hold behind the thigh instead of the shin",
    harder="Hold for longer",
    equipment=["mat"],
)
EXERCISES = (
    KNEE,
    exercise("prone_press_up", "Prone press-up", "mobility", "lying on front", 2, "extension"),
    exercise("lumbar_rotation", "Lumbar rotation", "mobility", "lying on back", 1, "rotation"),
    exercise("bridge", "Bridge", "core", "lying on back", 2, "neutral"),
    exercise("bird_dog", "Bird dog", "core", "hands and knees", 2, "neutral"),
    exercise("sit_to_stand", "Sit to stand", "strength", "seated", 1, "neutral", mode="reps"),
)

QUICK_ROUTINE = """
id = "mine"
name = "My routine"

[[exercise]]
id = "quick_hold"
name = "Quick hold"
group = "core"
position = "lying on back"
mode = "hold"
hold = 4
sets = 1
rest_after = 5
cues = ["Breathe out and hold"]

[[block]]
exercise = "quick_hold"
"""


@pytest.fixture
def page(tmp_path: Path, qtbot: QtBot) -> ExerciseLibraryView:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    view = ExerciseLibraryView(Library({e.id: e for e in EXERCISES}, {}), settings)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    return view


@pytest.fixture
def app_with_own(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    """The real app, with a routine of the user's that defines a 4-second exercise."""
    routines = paths.ensure_private_dir(tmp_path / "data") / "routines"
    routines.mkdir()
    (routines / "mine.toml").write_text(QUICK_ROUTINE)
    yield from make_app(tmp_path, qtbot)


def choose(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    assert index > 0, f"{value!r} is not offered"
    box.setCurrentIndex(index)


def plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def library_of(app: App) -> ExerciseLibraryView:
    app.window.show_page(Page.LIBRARY)
    page = app.window.library_page.content()
    assert isinstance(page, ExerciseLibraryView)
    return page


# --- the list and its filters --------------------------------------------------------------


def test_the_page_lists_every_builtin_exercise_and_the_users_own_once(app_with_own: App) -> None:
    window = app_with_own.window
    assert NAVIGATION.index(Page.LIBRARY) == NAVIGATION.index(Page.ROUTINES) + 1
    assert window.nav.item(NAVIGATION.index(Page.LIBRARY)).text() == "Exercises"
    page = library_of(app_with_own)
    library = window.context.library
    shown = page.shown_ids()
    assert set(shown) == set(library.exercises) | {"quick_hold"}
    assert len(shown) == len(set(shown)), "each exercise once"
    assert page.count_label.text() == f"{len(shown)} exercises"
    in_catalog = {e.group for e in library.exercises.values()}
    assert page.headings() == [group_words(g) for g in GROUPS if g in in_catalog]

    choose(page.group, "core")  # the user's own exercise sits in its group, by name
    core = [e for e in library.exercises.values() if e.group == "core"]
    names = sorted([e.name for e in core] + ["Quick hold"], key=str.casefold)
    assert [page.list.item(row).text() for row in range(1, page.list.count())] == [
        f"{name}  (yours)" if name == "Quick hold" else name for name in names
    ]
    assert page.select("quick_hold")
    assert "Your own exercise" in plain(page.facts.text())


def test_the_filter_boxes_offer_any_then_every_catalog_value_in_words(
    page: ExerciseLibraryView,
) -> None:
    def offered(box: QComboBox) -> list[str]:
        return [box.itemText(i) for i in range(box.count())]

    assert offered(page.group) == ["Any", *(group_words(g) for g in GROUPS)]
    assert offered(page.position) == ["Any", *(position_words(p) for p in POSITIONS)]
    assert offered(page.level) == ["Any", "1 gentle", "2 moderate", "3 demanding"]
    assert offered(page.direction) == ["Any", *(direction_words(d) for d in SPINAL_DIRECTIONS)]
    assert "Lying on back" in offered(page.position)
    assert "Flexion (bending forward)" in offered(page.direction)
    assert "Extension (arching back)" in offered(page.direction)
    assert "Rotation (twisting)" in offered(page.direction)
    assert page.search.placeholderText() == "Search by name"


def test_search_and_filters_narrow_the_list_to_the_hand_counted_ids(
    page: ExerciseLibraryView, qtbot: QtBot
) -> None:
    assert page.shown_ids() == ALL_SIX and page.count_label.text() == "6 exercises"
    assert page.headings() == ["Mobility", "Core", "Strength"]
    assert not page.clear_button.isEnabled()

    qtbot.keyClicks(page.search, "KNEE")
    assert page.shown_ids() == ["knee_to_chest"]
    assert page.count_label.text() == "1 of 6 exercises"
    assert page.clear_button.isEnabled()
    page.search.clear()

    qtbot.keyClicks(page.search, "press up")
    assert page.shown_ids() == ["prone_press_up"]
    page.search.clear()

    choose(page.group, "core")
    assert page.shown_ids() == ["bird_dog", "bridge"] and page.headings() == ["Core"]
    choose(page.position, "hands and knees")
    assert page.shown_ids() == ["bird_dog"]
    page.clear_filters()

    choose(page.level, 1)
    assert page.shown_ids() == ["lumbar_rotation", "knee_to_chest", "sit_to_stand"]
    choose(page.position, "lying on back")
    assert page.shown_ids() == ["lumbar_rotation", "knee_to_chest"]
    assert page.count_label.text() == "2 of 6 exercises"
    page.clear_filters()

    choose(page.direction, "neutral")
    assert page.shown_ids() == ["bird_dog", "bridge", "sit_to_stand"]
    choose(page.direction, "extension")
    assert page.shown_ids() == ["prone_press_up"]
    qtbot.keyClicks(page.search, "bridge")
    assert page.shown_ids() == []


def test_nothing_matching_says_so_and_offers_nothing_to_practise(
    page: ExerciseLibraryView, qtbot: QtBot
) -> None:
    qtbot.keyClicks(page.search, "zzz")
    assert page.shown_ids() == [] and page.list.count() == 0
    assert page.empty_label.isVisible() and page.empty_label.text() == NOTHING_MATCHES
    assert not page.list.isVisible() and not page.illustration.isVisible()
    assert page.count_label.text() == "0 of 6 exercises"
    assert page.title.text() == "No exercise chosen" and page.current_exercise is None
    assert not page.practise_button.isEnabled() and not page.cues.isVisible()
    with qtbot.assertNotEmitted(page.practice_requested):
        page.practise()
    page.clear_button.click()
    assert page.shown_ids() == ALL_SIX and not page.empty_label.isVisible()
    assert page.list.isVisible() and page.illustration.isVisible()
    assert page.search.text() == "" and page.search.hasFocus()
    assert page.practise_button.isEnabled()


def test_the_chosen_exercise_stays_chosen_while_it_still_matches(
    page: ExerciseLibraryView,
) -> None:
    assert page.select("lumbar_rotation")
    choose(page.position, "lying on back")
    assert page.current_exercise is not None and page.current_exercise.id == "lumbar_rotation"
    choose(page.direction, "flexion")
    assert page.current_exercise is not None and page.current_exercise.id == "knee_to_chest"


# --- the chosen exercise -------------------------------------------------------------------


def test_choosing_shows_how_to_do_it_and_what_to_take_care_of(page: ExerciseLibraryView) -> None:
    assert page.select("knee_to_chest")
    assert page.title.text() == "Single knee to chest"
    facts = plain(page.facts.text())
    for fact in (
        "Mobility",
        "Lying on back",
        "Level 1 gentle",
        "Flexion (bending forward)",
        "Equipment: mat",
        "hold 20 s",
    ):
        assert fact in facts
    assert page.cues.text() == "•  Breathe out\n•  Keep it slow\n•  Stop if pain spreads"
    assert page.cautions_heading.text() == "Take care" and page.cautions.isVisible()
    assert page.cautions.text() == (
        "•  Stop if the leg starts to tingle\n•  Keep the other leg relaxed"
    )
    assert page.easier.text() == "Easier: Hold behind the thigh instead of the shin"
    assert page.harder.text() == "Harder: Hold for longer"
    assert page.illustration.showing_placeholder, "no built-in picture for a made-up id"

    assert page.select("bridge")
    assert "no equipment" in page.facts.text()
    assert not page.cautions_heading.isVisible() and not page.cautions.isVisible()
    assert not page.easier.isVisible() and not page.harder.isVisible()


def test_text_from_the_users_files_is_shown_as_text(tmp_path: Path, qtbot: QtBot) -> None:
    routines = paths.ensure_private_dir(tmp_path / "data") / "routines"
    routines.mkdir()
    (routines / "hostile.toml").write_text(hostile_routine())
    library = load_library(tmp_path / "data")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    view = ExerciseLibraryView(library, settings)
    qtbot.addWidget(view)
    view.show()
    assert view.select("hostile_one")
    assert view.title.text() == EXERCISE_ONE
    result = walk(view)
    assert not result.wrong, result.wrong
    for label in (view.title, view.cues, view.cautions, view.easier, view.harder, view.facts):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert CUES[1] in view.cues.text() and OTHERS[0] in view.cautions.text()


# --- practising by keyboard ------------------------------------------------------------------


def test_tab_goes_search_filters_list_practise(page: ExerciseLibraryView, qtbot: QtBot) -> None:
    page.search.setFocus()
    qtbot.waitUntil(page.search.hasFocus)
    choose(page.level, 2)  # so that Clear filters is on and in the way
    order = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        order.append(QApplication.focusWidget())
    assert order == [
        page.group,
        page.position,
        page.level,
        page.direction,
        page.clear_button,
        page.list,
        page.practise_button,
    ]
    for widget in (page.search, page.group, page.list, page.practise_button):
        assert widget.accessibleName()


def test_enter_on_the_button_practises_and_enter_on_the_list_does_not(
    page: ExerciseLibraryView, qtbot: QtBot
) -> None:
    qtbot.keyClicks(page.search, "bird")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.list.hasFocus(), "Enter in the search box goes to the list"
    with qtbot.assertNotEmitted(page.practice_requested):
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
    qtbot.keyClick(page.list, Qt.Key.Key_Tab)
    assert page.practise_button.hasFocus()
    with qtbot.waitSignal(page.practice_requested, timeout=1000) as emitted:
        qtbot.keyClick(page.practise_button, Qt.Key.Key_Return)
    routine = emitted.args[0]
    assert isinstance(routine, Routine)
    assert (routine.id, routine.name) == ("practice-bird-dog", "Practice: Bird dog")
    assert [b.exercise.id for b in routine.blocks] == ["bird_dog"]


def test_a_practice_session_runs_from_check_in_to_end_and_is_logged(app_with_own: App) -> None:
    app, window = app_with_own, app_with_own.window
    page = library_of(app)
    page.search.setFocus()
    app.keys("quick", Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Return)
    flow = window.flow
    assert flow.state is FlowState.CHECK_IN_BEFORE and window.current_page is Page.CHECK_IN
    assert app.log.sessions() == [], "nothing is logged before the check-in"
    app.rate(3, 4)
    assert flow.state is FlowState.PLAYING
    assert flow.player.routine_label.text() == "Practice: Quick hold"
    app.run(5 + 4 + 0.5)  # get ready, then the 4-second hold; no rest after the last
    assert flow.state is FlowState.CHECK_IN_AFTER
    app.rate(2, 3)
    assert flow.state is FlowState.END

    [record] = app.log.sessions()
    assert (record.routine_id, record.routine_name) == (
        "practice-quick-hold",
        "Practice: Quick hold",
    )
    assert record.status == "completed"
    assert record.pain_before is not None and record.pain_after is not None
    assert (record.pain_before.back, record.pain_before.leg) == (3, 4)
    assert (record.pain_after.back, record.pain_after.leg) == (2, 3)
    steps = app.log.steps(record.id)
    assert [(s.kind, s.exercise_name, s.status) for s in steps if s.kind == "work"] == [
        ("work", "Quick hold", "done")
    ]


def test_a_practice_session_can_be_stopped_for_pain_with_its_advice(app_with_own: App) -> None:
    app, window = app_with_own, app_with_own.window
    page = library_of(app)
    assert page.select("quick_hold")
    page.practise_button.click()
    app.rate(4, 5)
    app.run(5 + 2)
    app.player_keys(Qt.Key.Key_S)
    assert window.flow.state is FlowState.STOP_SHEET
    app.keys("1")
    assert window.flow.state is FlowState.ADVICE
    assert "Quick hold" in window.flow.advice.text()
    app.keys(Qt.Key.Key_Return)
    app.rate(5, 6)
    assert window.flow.state is FlowState.END
    [record] = app.log.sessions()
    assert (record.routine_id, record.status) == ("practice-quick-hold", "stopped")
    assert record.stop_reason == safety.PAIN_SPREADING.code


def test_an_interrupted_practice_is_offered_again_and_resumes(
    app_with_own: App, qtbot: QtBot
) -> None:
    app, first = app_with_own, app_with_own.window
    page = library_of(app)
    assert page.select("quick_hold")
    page.practise_button.click()
    app.rate(4, 5)
    app.run(5 + 2)  # two seconds into the hold
    # A crash: the first window simply stops existing as far as the log is concerned.
    first.flow.player.detach()
    first.flow.session = None
    first.flow.state = FlowState.IDLE
    reopened = SessionLog(app.log.path)
    assert [r.routine_id for r in reopened.interrupted] == ["practice-quick-hold"]
    first.context.log = reopened
    second = MainWindow(first.context)
    second.confirm_quit = lambda: True
    qtbot.addWidget(second)
    second.show()
    offered: list[str] = []

    def resume(record: SessionRecord) -> ResumeAnswer:
        offered.append(record.routine_name)
        return ResumeAnswer.RESUME

    second.offer_resume(ask=resume)
    assert offered == ["Practice: Quick hold"]
    session = second.flow.session
    assert session is not None and session.timeline.routine.id == "practice-quick-hold"
    assert second.flow.player.routine_label.text() == "Practice: Quick hold"
    second.close()
    reopened.close()


def test_no_practice_starts_while_a_session_is_under_way(app_with_own: App) -> None:
    window = app_with_own.window
    page = library_of(app_with_own)
    assert page.select("quick_hold")
    app_with_own.start_by_keyboard()
    assert window.flow.state is FlowState.PLAYING
    assert not window.start_practice(next(iter(window.context.library.routines.values()))), (
        "one session at a time"
    )


# --- the moving picture ----------------------------------------------------------------------


def test_the_picture_moves_only_while_the_page_is_shown(app: App) -> None:
    window = app.window
    assert not window.library_page.built, "nothing is drawn before the page is first opened"
    page = library_of(app)
    assert page.select("sit_to_stand")
    assert page.illustration.showing_builtin and page.timer.isActive()
    shown = page.current_exercise
    assert shown is not None
    app.clock.now += 1.0
    page.advance()
    assert page.illustration.drawn_phase == pytest.approx(preview_phase(shown.dose, 1.0))
    assert 0 < preview_phase(shown.dose, 1.0) <= 1

    window.show_page(Page.TODAY)
    assert not page.isVisible() and not page.timer.isActive()
    window.show_page(Page.LIBRARY)
    assert page.timer.isActive()
    window.show_page(Page.ROUTINES)
    assert not page.timer.isActive()
    window.show_page(Page.LIBRARY)
    assert window.start_routine("short")
    assert window.current_page is Page.CHECK_IN and not page.timer.isActive()


def test_with_animation_off_the_picture_is_still(app: App) -> None:
    window = app.window
    page = library_of(app)
    assert page.select("sit_to_stand") and page.timer.isActive()
    window.set_animated_illustrations(False)
    assert not page.timer.isActive() and page.illustration.drawn_phase == 1.0
    window.show_page(Page.TODAY)
    window.show_page(Page.LIBRARY)
    assert not page.timer.isActive(), "the setting is read again when the page is shown"
    window.set_animated_illustrations(True)
    assert page.timer.isActive()
    assert window.context.settings.value(ANIMATED_KEY) in (True, "true")

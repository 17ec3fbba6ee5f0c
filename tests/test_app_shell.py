"""The main window around the player: navigation, Today, Routines, geometry, single instance."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtNetwork import QLocalServer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from sciatica_coach.core import paths
from sciatica_coach.core.library import load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import WeeklyPlan
from sciatica_coach.ui.app import (
    AppContext,
    MainWindow,
    app_icon,
    build_context,
    build_main_window,
    finish_application,
    make_application,
)
from sciatica_coach.ui.focus_ring import install_focus_ring
from sciatica_coach.ui.launch import (
    bring_forward_running_instance,
    listen_for_second_launch,
    server_name,
)
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.today import week_line

MONDAY = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def make_window(tmp_path: Path, qtbot: QtBot, now: datetime = MONDAY) -> MainWindow:
    data = paths.ensure_private_dir(tmp_path / "data")
    log = SessionLog(data / paths.DATABASE_NAME)
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext(data, settings, log, load_library(data), now=lambda: now)
    window = MainWindow(context)
    window.confirm_quit = lambda: True  # a test's clean-up closes the window unasked
    qtbot.addWidget(window)
    return window


def log_session(log: SessionLog, when: datetime, status: str = "completed") -> int:
    session_id = log.start_session("gentle-start", "Gentle start", 600, 10, when)
    log.finish_session(session_id, status, when + timedelta(minutes=10), 600.0)
    return session_id


def test_week_line_counts_against_the_plan() -> None:
    assert week_line(2, 5) == "●●○○○   2 of 5 sessions this week"
    assert week_line(6, 5).endswith("(+1)")


def test_today_shows_this_week_and_the_last_session(tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(tmp_path, qtbot, now=MONDAY + timedelta(days=2))
    log = window.context.log
    log.set_plan(WeeklyPlan(sessions_per_week=4), (MONDAY - timedelta(days=7)).date())
    log_session(log, MONDAY)
    log_session(log, MONDAY + timedelta(days=1))
    log_session(log, MONDAY - timedelta(days=3))  # last week: not counted
    window.show()
    window.today.refresh((MONDAY + timedelta(days=2)).date())
    assert window.today.week.text() == week_line(2, 4)
    assert "Gentle start" in window.today.last.text()
    assert window.today.heading.text() == "Today, Wednesday 4 March"


def test_today_with_no_sessions_says_how_to_begin(tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(tmp_path, qtbot)
    window.show()
    assert "No sessions yet" in window.today.last.text()
    assert window.today.week.text() == week_line(0, 5)


def test_routines_page_lists_builtins_and_starts_one(tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(tmp_path, qtbot)
    window.show()
    window.nav.setCurrentRow(1)
    routines = window.routines
    assert routines.list.count() >= 5
    routines.select("core-stability")
    assert routines.title.text() == "Core and stability"
    assert "Dead bug" in routines.exercises.text()
    routines.start_button.click()
    assert window.current_page is Page.CHECK_IN
    assert window.context.log.sessions() == [], "nothing is logged before the check-in"
    flow = window.flow
    assert flow.check_in is not None
    flow.check_in.skip_button.click()
    assert flow.session is not None
    assert flow.session.timeline.routine.id == "core-stability"
    assert window.current_page is Page.PLAYER
    assert window.context.log.sessions()[0].status == "in_progress"


def test_window_geometry_is_remembered(tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(tmp_path, qtbot)
    window.resize(760, 520)  # the offscreen screen is 800x600
    window.show()
    qtbot.waitExposed(window)
    saved = (window.width(), window.height())
    window.close()
    again = make_window(tmp_path, qtbot)
    assert (again.width(), again.height()) == saved
    assert saved[1] == 520


def test_second_launch_brings_the_first_window_forward(tmp_path: Path, qtbot: QtBot) -> None:
    window = make_window(tmp_path, qtbot)
    name = server_name(tmp_path / "data")
    assert not bring_forward_running_instance(name)
    server = listen_for_second_launch(name, window)
    try:
        assert isinstance(server, QLocalServer) and server.isListening()
        assert not window.isVisible()
        assert bring_forward_running_instance(name)
        qtbot.waitUntil(window.isVisible, timeout=3000)
    finally:
        server.close()


def test_server_name_differs_per_data_folder(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")


def test_animation_setting_is_remembered_and_reaches_the_player(
    tmp_path: Path, qtbot: QtBot
) -> None:
    window = make_window(tmp_path, qtbot)
    window.set_animated_illustrations(False)
    assert window.context.settings.value("illustrations/animated", type=bool) is False
    window.start_routine("gentle-start")
    assert window.flow.check_in is not None
    window.flow.check_in.skip_button.click()
    illustration = window.flow.player.illustration
    illustration.set_phase(0.5)
    assert illustration.drawn_phase == 1.0  # still picture: the end pose, whatever the timer


def test_the_first_window_fits_the_screen_it_opens_on(tmp_path: Path, qtbot: QtBot) -> None:
    window = build_main_window(tmp_path / "data")
    qtbot.addWidget(window)
    room = window.screen().availableGeometry()
    assert window.width() <= room.width() and window.height() <= room.height() - 40
    assert window.width() == min(1280, room.width())
    assert window.minimumSizeHint().height() <= window.height()


def test_the_window_icon_is_drawn_at_every_size_without_the_svg(qtbot: QtBot) -> None:
    sizes = {size.width() for size in app_icon().availableSizes()}
    assert sizes == {16, 24, 32, 48, 64, 128, 256, 512}


def test_the_large_icon_sizes_and_the_focus_ring_come_after_the_first_window(
    qtbot: QtBot,
) -> None:
    def icon_sizes() -> set[int]:
        return {size.width() for size in QApplication.windowIcon().availableSizes()}

    app = make_application()
    assert icon_sizes() == {16, 24, 32, 48, 64}
    window = QWidget()
    button = QPushButton("Start", window)
    qtbot.addWidget(window)
    window.show()
    button.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is button)
    finish_application()
    assert icon_sizes() == {16, 24, 32, 48, 64, 128, 256, 512}
    # The control focused before the ring was installed has it at once.
    ring = install_focus_ring(app).ring
    assert ring is not None and ring.widget() is button


def test_the_app_window_paints_its_heading_first_and_reads_the_rest_just_after(
    tmp_path: Path, qtbot: QtBot
) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    context = build_context(data, library=False)
    context.now = lambda: MONDAY
    window = MainWindow(context, finish_later=True)
    window.confirm_quit = lambda: True
    qtbot.addWidget(window)
    assert window.today.heading.text() == "Today, Monday 2 March"
    assert window.today.quick.count() == 0 and not window.today.start_here_button.isVisible()
    assert context.library.routines == {} and context.cue_player is None
    window.show_page(Page.ROUTINES)  # opened in the moment before the rest is read
    window.show()
    window.finish_start()
    assert "gentle-start" in context.library.routines and context.cue_player is not None
    assert window.today.quick.count() >= 5
    assert window.routines.current_routine() is not None  # the page got the routines too
    window.show_page(Page.TODAY)
    assert window.today.start_here_button.text().startswith("Start here:")

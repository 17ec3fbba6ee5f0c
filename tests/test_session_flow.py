"""Each rule of a session's life, through the real main window on a fake clock, by keyboard.

The routine ("short", in flow_helpers): get ready 5 s, lying hamstring stretch left 10 s,
switch 3 s, right 10 s, rest 8 s, then sit to stand (5 reps at the user's own pace) twice
with a 6 s rest between.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from flow_helpers import App
from routine_factory import exercise_table, make_routine
from sciatica_coach import cli
from sciatica_coach.core import engine, paths, safety
from sciatica_coach.core.engine import Session
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.timeline import expand_routine
from sciatica_coach.core.words import outcome_line
from sciatica_coach.ui.answers import ResumeAnswer
from sciatica_coach.ui.app import MainWindow
from sciatica_coach.ui.launch import (
    bring_forward_running_instance,
    listen_for_second_launch,
    server_name,
)
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.player import PlayerView
from sciatica_coach.ui.session_flow import FlowState

HAMSTRING = "Lying hamstring stretch"


def into_left_hold(app: App, seconds: float = 3.0) -> None:
    """Rate 5 and 6 before, then run into the left-side hold."""
    app.start_by_keyboard(5, 6)
    assert app.window.flow.state is FlowState.PLAYING
    app.run(5 + seconds)


# --- 1. the stop sheet, every reason by keyboard alone ------------------------------------


@pytest.mark.parametrize(
    ("number", "reason"), list(enumerate(safety.SHEET_REASONS, start=1)), ids=lambda x: str(x)
)
def test_every_stop_reason_by_keyboard_alone(
    app: App, number: int, reason: safety.StopReason
) -> None:
    window, flow, log = app.window, app.window.flow, app.log
    into_left_hold(app, 3)
    app.player_keys(Qt.Key.Key_S)
    assert flow.state is FlowState.STOP_SHEET and window.current_page is Page.STOP_SHEET
    session = flow.session
    assert session is not None and session.status == engine.PAUSED
    app.run(60)  # the sheet left open a minute: nothing runs on behind it
    assert session.index == 1 and [s.step_index for s in log.steps(1)] == [0]

    app.keys(str(number))
    if reason is safety.OTHER:
        assert flow.state is FlowState.STOP_SHEET, "something else asks for a note first"
        app.keys("phone rang", Qt.Key.Key_Return)
    if reason.is_safety:
        # The advice comes first, alone: no check-in over it.
        assert flow.state is FlowState.ADVICE and window.current_page is Page.ADVICE
        assert flow.advice.isVisible() and not (flow.check_in and flow.check_in.isVisible())
        assert HAMSTRING in flow.advice.text() or reason is safety.UNWELL
        app.keys(Qt.Key.Key_Space)
        assert flow.state is FlowState.ADVICE, "a stray Space does not skip the advice"
        app.keys(Qt.Key.Key_Return)
    assert flow.state is FlowState.CHECK_IN_AFTER and window.current_page is Page.CHECK_IN

    panel = flow.check_in
    assert panel is not None and panel.moment == "after"
    assert (panel.back.value(), panel.leg.value()) == (None, None), "the after check-in is empty"
    assert "back 5, leg 6" in panel.reference_label.text()
    app.keys(Qt.Key.Key_Return)
    assert flow.state is FlowState.CHECK_IN_AFTER, "Enter cannot save an empty check-in"
    app.rate(4, 7)
    assert flow.state is FlowState.END and window.current_page is Page.END

    record = log.sessions()[0]
    assert (record.status, record.stop_reason, record.stop_step) == ("stopped", reason.code, 1)
    stopped = [s for s in log.steps(record.id) if s.step_index == 1]
    assert [(s.status, s.exercise_name) for s in stopped] == [("stopped", HAMSTRING)]
    assert stopped[0].actual_seconds == pytest.approx(3.0, abs=0.11)
    assert record.pain_after is not None and (record.pain_after.back, record.pain_after.leg) == (
        4,
        7,
    )
    assert record.notes == ("phone rang" if reason is safety.OTHER else "")
    assert f"during {HAMSTRING} after 3 s: {reason.short}" in flow.finish.subheading.text()


def test_escape_opens_the_sheet_and_escape_again_goes_back_paused(app: App) -> None:
    flow = app.window.flow
    into_left_hold(app)
    app.player_keys(Qt.Key.Key_Escape)
    assert flow.state is FlowState.STOP_SHEET
    app.keys(Qt.Key.Key_Escape)
    assert flow.state is FlowState.PLAYING and app.window.current_page is Page.PLAYER
    assert flow.session is not None and flow.session.status == engine.PAUSED
    assert flow.player.pause_button.text() == "Resume (Space)"
    app.player_keys(Qt.Key.Key_Space)
    assert flow.session.status == engine.RUNNING
    assert app.log.sessions()[0].status == "in_progress"


def test_the_sheet_moves_by_arrows_and_stops_with_enter(app: App) -> None:
    flow = app.window.flow
    into_left_hold(app)
    app.player_keys(Qt.Key.Key_S)
    app.keys(Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return)
    assert app.log.sessions()[0].stop_reason == safety.UNWELL.code
    assert flow.state is FlowState.ADVICE
    assert "emergency number" in flow.advice.text()


def test_the_red_button_stops_at_once_and_shows_the_advice_first(app: App) -> None:
    flow = app.window.flow
    into_left_hold(app, 8)
    flow.player.pain_button.click()
    assert flow.state is FlowState.ADVICE
    record = app.log.sessions()[0]
    assert (record.status, record.stop_reason) == ("stopped", "pain_spreading")
    assert f"Leave out {HAMSTRING}" in flow.advice.text()


# --- 2. the provoking exercise reaches History, the summary and the CSV ------------------


def test_a_pain_stop_names_its_exercise_in_history_summary_and_csv(
    app: App, tmp_path: Path
) -> None:
    into_left_hold(app, 8)
    app.window.flow.player.pain_button.click()
    app.keys(Qt.Key.Key_Return)
    app.rate(5, 8)
    app.window.flow.finish.home_button.click()
    assert app.window.current_page is Page.TODAY

    expected = f"Stopped during {HAMSTRING} after 8 s: pain spreading"
    app.window.show_page(Page.HISTORY)
    history = app.window.history_page.content()
    from sciatica_coach.ui.history import HistoryView

    assert isinstance(history, HistoryView)
    history.select_session(1)
    assert history.detail_outcome.text() == expected
    rows = [
        tuple(history.steps_table.item(row, column).text() for column in range(3))
        for row in range(history.steps_table.rowCount())
    ]
    assert (f"{HAMSTRING} · left", "0:10", "Stopped at 0:08") in rows

    data = app.window.context.data
    pdf = tmp_path / "summary.pdf"
    assert cli.main(["--data-dir", str(data), "summary", "last", "--pdf", str(pdf)]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
    if text.returncode != 0 and not pdf.exists():
        pytest.fail("no summary PDF was written")
    flat = " ".join(text.stdout.split())
    assert f"Stopped during {HAMSTRING} after 8 s" in flat

    report = tmp_path / "report.pdf"
    assert (
        cli.main(["--data-dir", str(data), "report", "--from", "start", "--pdf", str(report)]) == 0
    )
    lines = subprocess.run(
        ["pdftotext", "-layout", str(report), "-"], capture_output=True, text=True
    ).stdout
    assert "Exercise under way when a symptom stopped the session" in lines
    assert any(HAMSTRING in line and "pain spreading" in line for line in lines.splitlines())

    out = tmp_path / "history.csv"
    assert cli.main(["--data-dir", str(data), "export", "--csv", str(out)]) == 0
    rows = out.read_text().splitlines()
    stopped = [row for row in rows if "supine_hamstring_stretch" in row and ",stopped," in row]
    assert len(stopped) == 1
    # The stop survives a round trip through CSV byte for byte, and still names the exercise.
    elsewhere = tmp_path / "elsewhere"
    assert cli.main(["--data-dir", str(elsewhere), "import", "--csv", str(out)]) == 0
    again = tmp_path / "again.csv"
    assert cli.main(["--data-dir", str(elsewhere), "export", "--csv", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()
    with SessionLog(elsewhere / paths.DATABASE_NAME) as imported:
        record = imported.sessions()[0]
        assert outcome_line(record, imported.steps(record.id)) == expected


# --- 3. dialogs and menus pause the clock ---------------------------------------------------


def close_modal_after(app: App, seconds: float) -> None:
    """Once a modal dialog is up, let ``seconds`` pass (polling as the timer would), close it."""

    def later() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, later)
            return
        app.run(seconds)
        modal.close()

    QTimer.singleShot(20, later)


def test_a_dialog_left_open_pauses_the_session_where_it_opened(app: App) -> None:
    flow = app.window.flow
    into_left_hold(app, 2)
    session = flow.session
    assert session is not None
    close_modal_after(app, 90)
    box = QMessageBox(app.window)
    box.setText("Something else wants your attention")
    box.exec()
    assert session.status == engine.PAUSED
    state = session.state()
    assert state.index == 1 and state.elapsed_in_step == pytest.approx(2.0, abs=0.11)
    assert [s.step_index for s in app.log.steps(1)] == [0], "nothing ran on behind the dialog"
    assert flow.player.pause_button.text() == "Resume (Space)"
    assert flow.player.notice_label.isVisible()
    app.window.activateWindow()  # as the window manager does when a dialog closes
    app.qtbot.waitUntil(app.window.isActiveWindow, timeout=2000)
    app.player_keys(Qt.Key.Key_Space)
    assert session.status == engine.RUNNING and not flow.player.notice_label.isVisible()


def test_the_report_shortcut_pauses_the_session(app: App) -> None:
    session_flow = app.window.flow
    into_left_hold(app, 2)
    close_modal_after(app, 120)
    app.qtbot.keyClick(app.window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert session_flow.session is not None and session_flow.session.status == engine.PAUSED
    assert session_flow.session.state().index == 1


def test_opening_a_menu_pauses_the_session(app: App) -> None:
    into_left_hold(app, 2)
    menu = app.window.menuBar().actions()[0].menu()
    assert menu is not None
    menu.popup(app.window.mapToGlobal(QPoint(10, 10)))
    session = app.window.flow.session
    assert session is not None
    # The menu takes the focus on the event loop's next turn, and the session pauses then.
    app.qtbot.waitUntil(lambda: session.status == engine.PAUSED, timeout=2000)
    menu.close()
    app.run(30)
    assert session.state().index == 1


# --- 4. cancel before the start -----------------------------------------------------------


def test_escape_on_the_before_check_in_returns_to_today_and_logs_nothing(app: App) -> None:
    flow = app.window.flow
    assert app.window.start_routine("short")
    assert app.window.current_page is Page.CHECK_IN
    app.keys("4", Qt.Key.Key_Escape)
    assert flow.state is FlowState.IDLE and app.window.current_page is Page.TODAY
    assert app.window.nav.isVisible()
    assert app.log.sessions() == []
    # And the cancel button does the same.
    assert app.window.start_routine("short")
    assert flow.check_in is not None
    flow.check_in.cancel_button.click()
    assert app.window.current_page is Page.TODAY and app.log.sessions() == []


def test_starting_without_rating_still_starts(app: App) -> None:
    app.window.start_routine("short")
    flow = app.window.flow
    assert flow.check_in is not None
    flow.check_in.skip_button.click()
    assert flow.state is FlowState.PLAYING
    assert app.log.sessions()[0].pain_before is None


# --- 5. quitting mid-session ----------------------------------------------------------------


def test_quitting_mid_session_asks_and_keeps_every_finished_step(app: App) -> None:
    window, log = app.window, app.log
    into_left_hold(app, 10 + 1.5)  # left side done, 1.5 s into the switch
    asked: list[bool] = []
    window.confirm_quit = lambda: asked.append(True) or False
    window.close()
    assert asked and window.isVisible() and window.flow.state is FlowState.PLAYING
    window.confirm_quit = lambda: True
    window.close()
    assert not window.isVisible()
    record = log.sessions()[0]
    assert (record.status, record.stop_reason, record.stop_step) == ("stopped", "closed_app", 2)
    assert [(s.step_index, s.status) for s in log.steps(record.id)] == [
        (0, "done"),
        (1, "done"),
        (2, "stopped"),
    ]


# --- 6. back, then skip, never lowers what was done ------------------------------------------


def test_back_then_skip_keeps_a_done_set_done(app: App) -> None:
    into_left_hold(app, 10 + 1)  # left side done, in the switch
    app.player_keys(Qt.Key.Key_Left)  # back to the left side
    assert "Left side" in app.window.flow.player.detail_label.text()
    app.player_keys(Qt.Key.Key_Right)  # and skip it
    steps = {s.step_index: s.status for s in app.log.steps(1)}
    assert steps[1] == "done"
    app.player_keys(Qt.Key.Key_S)
    app.keys("5")  # tired
    app.rate(3, 3)
    record = app.log.sessions()[0]
    assert (record.work_done, record.work_skipped) == (1, 0)
    finish = app.window.flow.finish
    assert finish.figures["steps"].text() == "1 of 4" and finish.figures["skipped"].text() == "0"


# --- 7. resuming after a crash counts down first ----------------------------------------------


def test_resume_after_a_crash_counts_down_into_the_unfinished_step(app: App, qtbot: QtBot) -> None:
    into_left_hold(app, 10 + 3 + 4)  # left done, switch done, 4 s into the right side
    first = app.window
    # A crash: the first window simply stops existing as far as the log is concerned.
    first.flow.player.detach()
    first.flow.session = None
    first.flow.state = FlowState.IDLE
    reopened = SessionLog(app.log.path)
    assert [r.id for r in reopened.interrupted] == [1]
    first.context.log = reopened
    second = MainWindow(first.context)
    second.confirm_quit = lambda: True
    qtbot.addWidget(second)
    second.show()
    second.offer_resume(ask=lambda record: ResumeAnswer.RESUME)
    flow = second.flow
    session = flow.session
    assert session is not None and session.in_lead_in
    assert flow.player.title_label.text() == "Get ready"
    assert "Right side" in flow.player.detail_label.text()
    assert flow.player.ring.text == "10"
    end = app.clock.now + 10.05
    while app.clock.now < end:
        app.clock.now += 0.1
        flow.player.refresh()
    assert session.index == 3 and not session.in_lead_in
    assert flow.player.title_label.text() == HAMSTRING
    assert "Right side" in flow.player.detail_label.text()
    second.close()
    reopened.close()


# --- 9. smaller faults on the same path ----------------------------------------------------------


def test_full_screen_comes_back_to_the_state_before_and_the_labels_follow(
    app: App, qtbot: QtBot
) -> None:
    window = app.window
    app.start_by_keyboard()
    window.showMaximized()
    qtbot.waitUntil(window.isMaximized, timeout=2000)
    app.player_keys(Qt.Key.Key_F)
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    assert not window.menuBar().isVisible()
    assert window.flow.player.full_button.text() == "Leave full screen"
    app.player_keys(Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not window.isFullScreen(), timeout=2000)
    assert window.isMaximized(), "leaving full screen keeps the window maximised"
    assert window.menuBar().isVisible()
    assert window.flow.player.full_button.text() == "Full screen"


def test_the_time_left_rounds_the_same_way_as_the_ring(app: App) -> None:
    into_left_hold(app, 4.05)  # 5.95 s left of the hold
    player = app.window.flow.player
    assert player.ring.text == "6"
    session = app.window.flow.session
    assert session is not None
    left = session.state().session_remaining
    whole = int(left) + 1
    assert player.time_left_label.text() == f"{whole // 60}:{whole % 60:02d} left"


def test_paced_reps_show_the_rep_under_way_as_the_one_big_count(
    qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    routine = make_routine(
        {"exercise": "bridge", "sides": "both"},
        exercises=[exercise_table("bridge", mode="reps", reps=10, tempo=4)],
        prepare=0,
        switch=0,
    )
    now = [100.0]
    session = Session(expand_routine(routine), lambda: now[0])
    player = PlayerView(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(player)
    player.show()
    player.begin(session)
    for _ in range(135):  # 13.5 s: three reps of four seconds done, the fourth under way
        now[0] += 0.1
        player.refresh()
    assert player.ring.text == "4"
    assert player.ring.caption == "of 10 · left side"
    player.detach()


# --- 10. start a routine from outside ---------------------------------------------------------


def test_a_second_launch_with_a_routine_opens_its_check_in(app: App, qtbot: QtBot) -> None:
    name = server_name(app.window.context.data)
    server = listen_for_second_launch(name, app.window)
    try:
        assert bring_forward_running_instance(name, "short")
        qtbot.waitUntil(lambda: app.window.flow.state is FlowState.CHECK_IN_BEFORE, timeout=3000)
        assert app.window.current_page is Page.CHECK_IN
        assert app.log.sessions() == []
        # A second request mid-check-in only brings the window forward.
        assert bring_forward_running_instance(name, "short")
        qtbot.wait(200)
        assert app.window.flow.state is FlowState.CHECK_IN_BEFORE
    finally:
        server.close()


def test_start_with_an_unknown_routine_is_bad_input(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sciatica_coach", "--data-dir", str(tmp_path), "start", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 2
    assert "No routine with id 'nope'" in result.stderr


# --- issue 19: a log that refuses writes mid-session loses nothing ---------------------------


def test_a_locked_log_mid_session_pauses_says_so_and_saves_later(app: App, qtbot: QtBot) -> None:
    import sqlite3

    flow = app.window.flow
    into_left_hold(app, 8)
    blocker = sqlite3.connect(app.log.path, timeout=0.1)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        app.run(2.5)  # the hold ends while the log is locked
        qtbot.waitUntil(lambda: flow.session is not None and flow.session.status == "paused")
        notice = flow.player.notice_label
        assert notice.isVisible() and "could not be saved" in notice.text()
        assert "asleep" not in notice.text()
        assert flow.unsaved == 1
        assert not flow.retry_saving()
    finally:
        blocker.rollback()
        blocker.close()
    assert flow.retry_saving() and flow.unsaved == 0
    assert [(s.step_index, s.status) for s in app.log.steps(1)] == [(0, "done"), (1, "done")]
    assert "Saved" in flow.player.notice_label.text()


# --- issue 19: "decide later" keeps an unfinished session on offer -----------------------------


def test_decide_later_offers_the_session_again_and_history_can_resume_it(
    app: App, qtbot: QtBot
) -> None:
    from sciatica_coach.ui.history import HistoryView

    into_left_hold(app, 4)
    first = app.window
    first.flow.player.detach()
    first.flow.session = None
    first.flow.state = FlowState.IDLE
    first.context.log = SessionLog(app.log.path)  # a crash and a new start
    asked: list[int] = []

    def later(record: object) -> ResumeAnswer:
        asked.append(1)
        return ResumeAnswer.LATER

    first.offer_resume(ask=later)
    first.offer_resume(ask=later)  # the next start asks again
    assert asked == [1, 1]
    assert first.context.log.session(1).status == "interrupted"
    first.show_page(Page.HISTORY)
    history = first.history_page.content()
    assert isinstance(history, HistoryView)
    history.select_session(1)
    assert history.resume_button.isVisible()
    history.resume_button.click()
    assert first.flow.state is FlowState.PLAYING
    assert first.flow.session is not None and first.flow.session.in_lead_in
    assert first.context.log.session(1).status == "in_progress"

"""A whole short routine through the real main window, on a fake clock, driven by keys."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from sciatica_coach.core import engine, paths
from sciatica_coach.core.library import load_library
from sciatica_coach.core.log import PainCheck, SessionLog
from sciatica_coach.ui.app import AppContext, MainWindow
from sciatica_coach.ui.sound import CuePlayer

SHORT_ROUTINE = """
id = "short"
name = "Short test routine"
target_minutes = 2
prepare = 5
switch = 3

[[block]]
exercise = "supine_hamstring_stretch"
hold = 10
sets = 1
sides = "both"
rest_after = 8

[[block]]
exercise = "sit_to_stand"
reps = 5
sets = 2
rest = 6
"""


class FakeClock:
    def __init__(self) -> None:
        self.now = 50.0
        self.wall = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> float:
        return self.now

    def local(self) -> datetime:
        return self.wall + timedelta(seconds=self.now - 50.0)


def failing_backend(path: str) -> None:
    raise OSError("no audio device")


@pytest.fixture
def app_parts(tmp_path: Path, qtbot: QtBot) -> Iterator[tuple[MainWindow, FakeClock, SessionLog]]:
    data = paths.ensure_private_dir(tmp_path / "data")
    routines = data / "routines"
    routines.mkdir()
    (routines / "short.toml").write_text(SHORT_ROUTINE)
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    log = SessionLog(data / paths.DATABASE_NAME)
    clock = FakeClock()
    cue_player = CuePlayer(paths.assets_dir() / "sounds", settings, backend=failing_backend)
    context = AppContext(
        data=data,
        settings=settings,
        log=log,
        library=load_library(data),
        clock=clock,
        now=clock.local,
        cue_player=cue_player,
    )
    window = MainWindow(context)
    answers = {"before": PainCheck("before", 5, 6), "after": PainCheck("after", 3, 4, "easier")}
    window.ask_pain = lambda moment, previous: answers[moment]
    window.show_stop_advice = lambda: None
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    yield window, clock, log
    window.close()
    cue_player.close(wait_seconds=1.0)
    window.context.log.close()
    log.close()


def run_clock(window: MainWindow, clock: FakeClock, seconds: float, tick: float = 0.1) -> None:
    """Advance the fake clock in small ticks, letting the player poll after each."""
    end = clock.now + seconds
    while clock.now < end - 1e-9:
        clock.now = min(end, clock.now + tick)
        window.player.refresh()


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    qtbot.keyClick(window.player, key)


def test_whole_routine_by_keyboard_is_logged_and_summed_up(
    app_parts: tuple[MainWindow, FakeClock, SessionLog], qtbot: QtBot
) -> None:
    window, clock, log = app_parts
    started = clock.now
    window.start_routine("short")
    player = window.player
    session = window.session
    assert session is not None and player.isVisible()
    assert player.title_label.text() == "Get ready"
    assert "Lying hamstring stretch" in player.detail_label.text()

    run_clock(window, clock, 5.05)  # preparation over: left side hold
    assert player.title_label.text() == "Lying hamstring stretch"
    assert "Left side" in player.detail_label.text()
    run_clock(window, clock, 4)
    assert player.ring.text == "6"  # 5.95 s left, shown rounded up

    press(qtbot, window, Qt.Key.Key_Space)  # pause for a minute
    assert session.status == engine.PAUSED
    clock.now += 60
    window.player.refresh()
    assert player.ring.text == "6"
    press(qtbot, window, Qt.Key.Key_Space)
    assert session.status == engine.RUNNING
    run_clock(window, clock, 6)
    assert player.title_label.text() == "Switch sides"  # 0.05 s into the switch

    press(qtbot, window, Qt.Key.Key_Right)  # skip the switch pause
    assert "Right side" in player.detail_label.text()
    press(qtbot, window, Qt.Key.Key_R)  # restart the right side, then let it run
    run_clock(window, clock, 10.05)
    assert player.title_label.text() == "Rest"
    press(qtbot, window, Qt.Key.Key_Left)  # back to the exercise just done
    assert "Right side" in player.detail_label.text()
    run_clock(window, clock, 10 + 8 + 0.05)

    assert player.title_label.text() == "Sit to stand"
    assert player.done_button.isVisible()
    run_clock(window, clock, 20)
    assert session.state().waiting_for_done
    press(qtbot, window, Qt.Key.Key_Return)
    assert player.title_label.text() == "Rest"
    run_clock(window, clock, 6.05)
    press(qtbot, window, Qt.Key.Key_Enter)
    assert window.session is None, "the session ends after the last step"

    record = log.sessions()[0]
    assert record.status == "completed"
    steps = log.steps(record.id)
    kinds = [(s.kind, s.status) for s in steps]
    assert ("switch", "skipped") in kinds
    work = [s for s in steps if s.kind == "work"]
    assert [s.side for s in work] == ["left", "right", None, None]
    assert all(s.status == "done" for s in work)
    assert record.pain_before == PainCheck("before", 5, 6)
    assert record.pain_after is not None and record.pain_after.leg == 4
    # Active time excludes the minute of pause.
    active = clock.now - started - 60
    assert abs(record.active_seconds - active) < 0.01

    finish = window.finish
    assert finish.isVisible()
    assert finish.figures["steps"].text() == "4 of 4"
    assert finish.figures["skipped"].text() == "0"
    assert finish.figures["back"].text().startswith("5 → 3")
    assert finish.figures["leg"].text().startswith("6 → 4")
    minutes, seconds = divmod(round(record.active_seconds), 60)
    assert finish.figures["duration"].text() == f"{minutes} min {seconds} s"


def test_a_broken_sound_backend_does_not_break_the_session(
    app_parts: tuple[MainWindow, FakeClock, SessionLog], qtbot: QtBot
) -> None:
    window, clock, _log = app_parts
    window.start_routine("short")
    run_clock(window, clock, 3)  # the 3-2-1 before the first exercise asks for sound
    notice = window.player.sound_label
    qtbot.waitUntil(notice.isVisible, timeout=3000)
    assert notice.text() == "Sound is off: no audio output was found."
    run_clock(window, clock, 2 + 10)
    assert window.session is not None and window.session.index > 1
    assert "tick" in window.player.sounds_played and "start" in window.player.sounds_played


def test_stop_for_spreading_pain_logs_the_reason(
    app_parts: tuple[MainWindow, FakeClock, SessionLog], qtbot: QtBot
) -> None:
    window, clock, log = app_parts
    advice: list[bool] = []
    window.show_stop_advice = lambda: advice.append(True)
    window.start_routine("short")
    run_clock(window, clock, 8)
    window.player.pain_button.click()
    assert advice == [True]
    record = log.sessions()[0]
    assert record.status == "stopped" and record.stop_reason == "pain_spreading"
    assert window.finish.isVisible()


def test_escape_asks_before_stopping(
    app_parts: tuple[MainWindow, FakeClock, SessionLog], qtbot: QtBot
) -> None:
    window, _clock, log = app_parts
    window.start_routine("short")
    answers = [False, True]
    window.player.confirm_stop = lambda: answers.pop(0)
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.session is not None
    press(qtbot, window, Qt.Key.Key_Escape)
    assert window.session is None
    assert log.sessions()[0].stop_reason == "user"


def test_interrupted_session_resumes_from_first_unfinished_step(
    app_parts: tuple[MainWindow, FakeClock, SessionLog], qtbot: QtBot, tmp_path: Path
) -> None:
    window, clock, log = app_parts
    window.start_routine("short")
    run_clock(window, clock, 5 + 10 + 3 + 2)  # prepare, left, switch done; right under way
    session_id = window.recorder.session_id if window.recorder else None
    assert session_id is not None
    # Simulate a crash: forget the session without closing it, then reopen the log.
    window.session = None
    window.recorder = None
    window.player.session = None
    reopened = SessionLog(log.path)
    assert [r.id for r in reopened.interrupted] == [session_id]
    window.context.log = reopened
    window.offer_resume(ask=lambda record: "resume")
    assert window.session is not None
    assert window.session.index == 3
    assert "Right side" in window.player.detail_label.text()

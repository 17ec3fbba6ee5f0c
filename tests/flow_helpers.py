"""A real main window over a temporary data folder on a fake clock, and keyboard helpers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from sciatica_coach.core import paths
from sciatica_coach.core.library import load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.ui.app import AppContext, MainWindow
from sciatica_coach.ui.enter_key import install_enter_presses
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


@dataclass
class App:
    window: MainWindow
    clock: FakeClock
    log: SessionLog
    qtbot: QtBot

    def run(self, seconds: float, tick: float = 0.1) -> None:
        """Advance the fake clock in small ticks, letting the player poll after each."""
        end = self.clock.now + seconds
        while self.clock.now < end - 1e-9:
            self.clock.now = min(end, self.clock.now + tick)
            if self.window.flow._player is not None:
                self.window.flow.player.refresh()

    def keys(self, *keys: str | Qt.Key) -> None:
        """Type into whatever has the keyboard focus, as a user would."""
        for key in keys:
            target = QApplication.focusWidget() or self.window
            if isinstance(key, str):
                self.qtbot.keyClicks(target, key)
            else:
                self.qtbot.keyClick(target, key)

    def player_keys(self, *keys: Qt.Key) -> None:
        for key in keys:
            self.qtbot.keyClick(self.window.flow.player, key)

    def rate(self, back: int, leg: int) -> None:
        """Answer the check-in on screen by keyboard: back, Down, leg, Enter."""
        self.keys(str(back), Qt.Key.Key_Down, str(leg), Qt.Key.Key_Return)

    def start_by_keyboard(self, back: int = 5, leg: int = 6) -> None:
        assert self.window.start_routine("short")
        self.rate(back, leg)

    def visible(self, widget: QWidget | None) -> bool:
        return widget is not None and widget.isVisible()


def make_app(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    data = paths.ensure_private_dir(tmp_path / "data")
    routines = data / "routines"
    routines.mkdir(exist_ok=True)  # a test may have put its own routines there first
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
    install_enter_presses(QApplication.instance())  # as make_application does for the app
    window = MainWindow(context)
    window.confirm_quit = lambda: True
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    # Keys go to the focused widget, and a window has none until it is active.
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    yield App(window, clock, log, qtbot)
    window.close()
    # The test's other windows go with it (Preferences, a reminder popup): one left on
    # screen kept a later test's hover from seeing the mouse (test_progress_view's bar hover
    # after test_settings_page).
    for other in QApplication.topLevelWidgets():
        if other.isVisible():
            other.close()
    cue_player.close(wait_seconds=1.0)
    window.context.log.close()
    log.close()

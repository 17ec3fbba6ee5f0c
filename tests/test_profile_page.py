"""The symptom profile and its guided self-check, driven by the keyboard as a user would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

from flow_helpers import App
from sciatica_coach.core import paths
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.self_check import STOPPED_ADVICE
from sciatica_coach.core.symptoms import SymptomProfile
from sciatica_coach.ui import app as app_module
from sciatica_coach.ui.profile import (
    NOT_AGAIN_TODAY,
    SymptomProfileDialog,
    offer_profile_once,
)
from sciatica_coach.ui.safety import SafetyDialog
from sciatica_coach.ui.settings_keys import PROFILE_OFFERED_KEY

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Clock:
    """A wall clock the test moves on by hand."""

    def __init__(self) -> None:
        self.moment = MONDAY

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def open_dialog(
    qtbot: QtBot, log: SessionLog, clock: Clock, **options: bool
) -> SymptomProfileDialog:
    dialog = SymptomProfileDialog(log, clock, **options)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def press(qtbot: QtBot, *keys: str | Qt.Key, alt: bool = False) -> None:
    """Type into whatever has the keyboard focus; a letter with ``alt`` is its mnemonic."""
    modifier = Qt.KeyboardModifier.AltModifier if alt else Qt.KeyboardModifier.NoModifier
    for key in keys:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        if isinstance(key, str) and alt:
            # Shortcuts are looked up for keys that reach the window, as the system sends them.
            window = target.window().windowHandle()
            for letter in key:
                QTest.keyClick(window, Qt.Key(ord(letter.upper())), modifier)
                qtbot.wait(200)  # a mnemonic clicks its button as an animated click
        elif isinstance(key, str):
            qtbot.keyClicks(target, key)
        else:
            qtbot.keyClick(target, key, modifier)


def test_by_keyboard_alone_reach_leaning_back_and_the_self_check_are_saved(
    qtbot: QtBot, log: SessionLog, clock: Clock
) -> None:
    dialog = open_dialog(qtbot, log, clock)
    assert QApplication.focusWidget() is dialog.reach
    press(qtbot, *[Qt.Key.Key_Right] * 4)  # No symptoms, Back only, Buttock, Thigh
    assert dialog.reach.value() == "thigh"
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.eases.buttons["not_sure"]
    press(qtbot, Qt.Key.Key_Up, Qt.Key.Key_Up)
    assert dialog.eases.value() == "leaning_back"
    press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.try_button
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.stack.currentIndex() == dialog.CHECK
    assert dialog.step_page.title.text() == "Before you start"
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.step_page.title.text() == "Lean back, 10 times"
    press(qtbot, Qt.Key.Key_Return)  # Enter never answers by accident
    assert dialog.step_page.title.text() == "Lean back, 10 times"
    press(qtbot, "u")
    assert dialog.step_page.title.text() == "Bend forward, 10 times"
    press(qtbot, "s")
    assert dialog.stack.currentIndex() == dialog.RESULT
    found = dialog.result_findings.text()
    assert "Leaning back moved your symptoms up towards your back" in found
    assert "Bending forward left your symptoms where they were" in found
    assert not dialog.result_advice.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.stack.currentIndex() == dialog.FORM
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert log.profiles() == [
        SymptomProfile(
            recorded_at=MONDAY,
            local_date=MONDAY.date(),
            reach="thigh",
            eases="leaning_back",
            self_check={"extension": "up", "flexion": "same"},
        )
    ]


def test_answers_can_be_chosen_with_alt_and_their_letter(
    qtbot: QtBot, log: SessionLog, clock: Clock
) -> None:
    dialog = open_dialog(qtbot, log, clock)
    press(qtbot, "b", alt=True)
    assert dialog.eases.value() == "bending_forward"
    press(qtbot, "t", alt=True)
    press(qtbot, "s", alt=True)
    assert dialog.step_page.title.text() == "Lean back, 10 times"
    press(qtbot, "u", alt=True)
    press(qtbot, "u", alt=True)
    press(qtbot, "d", alt=True)  # Done
    press(qtbot, "s", alt=True)  # Save
    saved = log.profile()
    assert saved is not None and saved.eases == "bending_forward"
    assert dict(saved.self_check) == {"extension": "up", "flexion": "up"}


def test_spreading_on_the_first_movement_stops_the_check_for_the_day(
    qtbot: QtBot, log: SessionLog, clock: Clock
) -> None:
    dialog = open_dialog(qtbot, log, clock)
    dialog.try_button.click()
    press(qtbot, Qt.Key.Key_Return, "d")
    assert dialog.stack.currentIndex() == dialog.RESULT
    assert dialog.result_title.text() == "The check stopped here"
    assert "Leaning back made your symptoms spread further down your leg" in (
        dialog.result_findings.text()
    )
    assert "You stopped before bending forward, as you should" in dialog.result_findings.text()
    assert dialog.result_advice.isVisible() and dialog.result_advice.text() == STOPPED_ADVICE
    press(qtbot, Qt.Key.Key_Return)
    assert not dialog.try_button.isEnabled() and dialog.try_button.isHidden()
    assert dialog.check_hint.text() == NOT_AGAIN_TODAY
    press(qtbot, Qt.Key.Key_Return)
    saved = log.profile()
    assert saved is not None and dict(saved.self_check) == {"extension": "down"}

    same_day = open_dialog(qtbot, log, clock)
    assert not same_day.try_button.isEnabled()
    clock.moment += timedelta(days=1)
    next_day = open_dialog(qtbot, log, clock)
    assert next_day.try_button.isEnabled()


def test_leaving_the_check_part_way_keeps_what_was_answered(
    qtbot: QtBot, log: SessionLog, clock: Clock
) -> None:
    dialog = open_dialog(qtbot, log, clock)
    dialog.try_button.click()
    press(qtbot, Qt.Key.Key_Escape)  # from the first screen: back to the form, nothing kept
    assert dialog.stack.currentIndex() == dialog.FORM and dialog.answers == {}
    dialog.try_button.click()
    press(qtbot, Qt.Key.Key_Return, "s", Qt.Key.Key_Escape)
    assert dialog.stack.currentIndex() == dialog.RESULT
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.stack.currentIndex() == dialog.FORM
    assert dialog.answers == {"extension": "same"}
    assert dialog.isVisible()


def test_editing_later_shows_the_saved_answers_and_their_date(
    qtbot: QtBot, log: SessionLog, clock: Clock
) -> None:
    log.save_profile(
        SymptomProfile(MONDAY, MONDAY.date(), "below_knee", "bending_forward", {"flexion": "up"})
    )
    clock.moment = MONDAY + timedelta(days=3)
    dialog = open_dialog(qtbot, log, clock)
    assert dialog.saved_on_label.isVisible()
    assert dialog.saved_on_label.text() == "You last saved this on Mon 2 Mar 2026."
    assert dialog.reach.value() == "below_knee"
    assert dialog.eases.value() == "bending_forward"
    assert "Bending forward moved your symptoms up" in dialog.check_summary.text()
    assert dialog.try_button.isEnabled() and "again" in dialog.try_button.text()
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert len(log.profiles()) == 1


def when_shown(kind: type[QDialog], act: Callable[[QDialog], None], seen: list[str]) -> None:
    """Once a modal dialog of ``kind`` is up (looking for up to five seconds), note its
    class name and ``act`` on it."""
    tries = [500]

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(10, look)
            return
        seen.append(kind.__name__)
        act(dialog)

    QTimer.singleShot(0, look)


def test_skipping_saves_nothing_and_is_not_offered_again(
    qtbot: QtBot, log: SessionLog, clock: Clock, settings: QSettings
) -> None:
    seen: list[str] = []
    when_shown(SymptomProfileDialog, lambda d: d.reject(), seen)
    assert offer_profile_once(settings, log, clock)
    assert seen == ["SymptomProfileDialog"]
    assert log.profiles() == []
    reopened = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    assert reopened.value(PROFILE_OFFERED_KEY, type=bool) is True
    assert not offer_profile_once(reopened, log, clock)


class NoServer:
    """The launch server's part in start-up: no second launch asked for anything."""

    def attach(self, window: QWidget) -> None:
        return None


class OneShotApp:
    """Stands in for QApplication.exec: lets the start-up run until ``done``, then closes
    the main window as the user would."""

    def __init__(self, qtbot: QtBot, done: Callable[[], bool]) -> None:
        self.qtbot = qtbot
        self.done = done

    def exec(self) -> int:
        self.qtbot.waitUntil(self.done, timeout=5000)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, app_module.MainWindow):
                widget.close()
                widget.deleteLater()
        return 0


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(app_module, "preload_charts", lambda: None)
    yield paths.ensure_private_dir(tmp_path / "data")


def test_first_start_shows_the_safety_screen_then_the_profile_and_only_once(
    qtbot: QtBot, data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def acknowledge(dialog: QDialog) -> None:
        assert isinstance(dialog, SafetyDialog) and dialog.acknowledge is not None
        dialog.acknowledge.click()
        dialog.continue_button.click()
        when_shown(SymptomProfileDialog, lambda d: d.reject(), seen)

    when_shown(SafetyDialog, acknowledge, seen)
    one_shot = OneShotApp(qtbot, lambda: "SymptomProfileDialog" in seen)
    assert app_module._open_and_run(one_shot, data_folder, NoServer(), None) == 0  # type: ignore[arg-type]
    assert seen == ["SafetyDialog", "SymptomProfileDialog"]

    # The next start asks neither question again.
    def refuse(dialog: QDialog) -> int:
        raise AssertionError(f"{type(dialog).__name__} should not have been shown again")

    asked_to_resume: list[bool] = []
    monkeypatch.setattr(SafetyDialog, "exec", refuse)
    monkeypatch.setattr(SymptomProfileDialog, "exec", refuse)
    monkeypatch.setattr(
        app_module.MainWindow, "offer_resume", lambda self: asked_to_resume.append(True)
    )
    settled = OneShotApp(qtbot, lambda: bool(asked_to_resume))
    assert app_module._open_and_run(settled, data_folder, NoServer(), None) == 0  # type: ignore[arg-type]
    with SessionLog(data_folder / paths.DATABASE_NAME) as reopened:
        assert reopened.profiles() == []


def test_the_file_menu_opens_the_profile(qtbot: QtBot, app: App) -> None:
    action = next(
        a
        for menu in app.window.menuBar().findChildren(QMenu)
        for a in menu.actions()
        if a.text() == "Your &symptoms…"
    )
    seen: list[str] = []

    def choose_and_save(dialog: QDialog) -> None:
        assert isinstance(dialog, SymptomProfileDialog)
        dialog.reach.set_value("buttock")
        dialog.save_button.click()

    when_shown(SymptomProfileDialog, choose_and_save, seen)
    action.trigger()
    assert seen == ["SymptomProfileDialog"]
    saved = app.log.profile()
    assert saved is not None and saved.reach == "buttock" and saved.eases == "not_sure"
    assert saved.local_date == app.clock.local().date()

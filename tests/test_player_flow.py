"""A whole short routine through the real main window, on a fake clock, driven by keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from flow_helpers import App
from sciatica_coach.core import engine
from sciatica_coach.core.records import PainCheck


def test_whole_routine_by_keyboard_is_logged_and_summed_up(app: App) -> None:
    window, clock, log = app.window, app.clock, app.log
    started = clock.now
    app.start_by_keyboard(5, 6)
    player = window.flow.player
    session = window.flow.session
    assert session is not None and player.isVisible()
    assert player.title_label.text() == "Get ready"
    assert "Lying hamstring stretch" in player.detail_label.text()

    app.run(5.05)  # preparation over: left side hold
    assert player.title_label.text() == "Lying hamstring stretch"
    assert "Left side" in player.detail_label.text()
    app.run(4)
    assert player.ring.text == "6"  # 5.95 s left, shown rounded up
    assert player.ring.caption == "left side"

    app.player_keys(Qt.Key.Key_Space)  # pause for a minute
    assert session.status == engine.PAUSED
    clock.now += 60
    player.refresh()
    assert player.ring.text == "6"
    app.player_keys(Qt.Key.Key_Space)
    assert session.status == engine.RUNNING
    app.run(6)
    assert player.title_label.text() == "Switch sides"  # 0.05 s into the switch

    app.player_keys(Qt.Key.Key_Right)  # skip the switch pause
    assert "Right side" in player.detail_label.text()
    app.player_keys(Qt.Key.Key_R)  # restart the right side, then let it run
    app.run(10.05)
    assert player.title_label.text() == "Rest"
    app.player_keys(Qt.Key.Key_Left)  # back to the exercise just done
    assert "Right side" in player.detail_label.text()
    app.run(10 + 8 + 0.05)

    assert player.title_label.text() == "Sit to stand"
    assert player.done_button.isVisible()
    app.run(20)
    assert session.state().waiting_for_done
    app.player_keys(Qt.Key.Key_Return)
    assert player.title_label.text() == "Rest"
    app.run(6.05)
    app.player_keys(Qt.Key.Key_Enter)
    assert window.flow.state.value == "check-in after", "the session ends after the last step"
    app.keys("3", Qt.Key.Key_Down, "4", Qt.Key.Key_Down, Qt.Key.Key_Down, "easier")
    app.keys(Qt.Key.Key_Return)

    record = log.sessions()[0]
    assert record.status == "completed"
    steps = log.steps(record.id)
    kinds = [(s.kind, s.status) for s in steps]
    assert ("switch", "skipped") in kinds
    work = [s for s in steps if s.kind == "work"]
    assert [s.side for s in work] == ["left", "right", None, None]
    assert all(s.status == "done" for s in work)
    assert record.pain_before == PainCheck("before", 5, 6)
    assert record.pain_after == PainCheck("after", 3, 4, "easier")
    # Active time excludes the minute of pause.
    active = clock.now - started - 60
    assert abs(record.active_seconds - active) < 0.01

    finish = window.flow.finish
    assert finish.isVisible()
    assert finish.figures["steps"].text() == "4 of 4"
    assert finish.figures["skipped"].text() == "0"
    assert finish.figures["back"].text().startswith("5 → 3")
    assert finish.figures["leg"].text().startswith("6 → 4")
    minutes, seconds = divmod(round(record.active_seconds), 60)
    assert finish.figures["duration"].text() == f"{minutes} min {seconds} s"


def test_a_broken_sound_backend_does_not_break_the_session(app: App, qtbot: QtBot) -> None:
    app.start_by_keyboard()
    app.run(3)  # the 3-2-1 before the first exercise asks for sound
    player = app.window.flow.player
    qtbot.waitUntil(player.sound_label.isVisible, timeout=3000)
    assert player.sound_label.text() == "Sound is off: no audio output was found."
    # The mute button no longer claims the sound is on.
    assert player.mute_button.text() == "No sound device"
    app.run(2 + 10)
    session = app.window.flow.session
    assert session is not None and session.index > 1
    assert "tick" in player.sounds_played and "start" in player.sounds_played

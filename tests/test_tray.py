"""Reminders in the running app, and the tray: its menu, closing to it, quitting from it."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from flow_helpers import App
from sciatica_coach.core.reminders import LONGEST_WAIT, SHORTEST_WAIT
from sciatica_coach.ui import tray
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.settings_keys import REMINDERS_KEY, TRAY_KEY

# The fake clock's wall time is Monday 2 March 2026, 09:00 UTC.


def plan_monday(app: App, at: time) -> None:
    app.log.set_reminder_times({0: at})


def test_a_reminder_missed_before_start_is_shown_once(app: App) -> None:
    plan_monday(app, time(8, 0))
    app.window.reminder_clock.check()
    popup = app.window.reminder_popup
    assert popup.isVisible()
    assert popup.title.text() == "Time for your exercises"
    assert popup.start_button.text().startswith("Start ")
    popup.hide()
    app.window.reminder_clock.check()
    assert not popup.isVisible()


def test_no_timer_faster_than_once_a_minute_nor_slower_than_an_hour(app: App) -> None:
    plan_monday(app, time(23, 59))
    clock = app.window.reminder_clock
    clock.check()
    assert clock.armed
    assert all(SHORTEST_WAIT <= wait <= LONGEST_WAIT for wait in clock.waits)


def test_start_opens_the_check_in_of_todays_routine(app: App) -> None:
    plan_monday(app, time(8, 0))
    app.window.reminder_clock.check()
    app.window.reminder_popup.start_button.click()
    assert app.window.current_page is Page.CHECK_IN


def test_not_today_is_logged_and_silences_the_day(app: App) -> None:
    plan_monday(app, time(8, 0))
    app.window.reminder_clock.check()
    app.window.reminder_popup.not_today_button.click()
    today = app.clock.local().date()
    assert app.log.skipped_days() == [today]
    app.clock.now += timedelta(hours=3).total_seconds()
    assert app.window.reminder_clock.check() is None


def test_in_30_minutes_comes_back_then(app: App) -> None:
    plan_monday(app, time(8, 0))
    app.window.reminder_clock.check()
    app.window.reminder_popup.snooze_button.click()
    app.clock.now += 29 * 60
    assert app.window.reminder_clock.check() is None
    app.clock.now += 2 * 60
    assert app.window.reminder_clock.check() is not None


def test_reminders_switched_off_say_nothing(app: App) -> None:
    plan_monday(app, time(8, 0))
    app.window.context.settings.setValue(REMINDERS_KEY, False)
    assert app.window.reminder_clock.check() is None
    assert not app.window.reminder_popup.isVisible()


@pytest.fixture
def with_tray(app: App, monkeypatch: pytest.MonkeyPatch) -> App:
    monkeypatch.setattr(tray, "tray_available", lambda: True)
    app.window.context.settings.setValue(TRAY_KEY, True)
    app.window.set_tray(True)
    assert app.window.tray is not None
    return app


def test_the_tray_menu_has_start_open_pause_and_quit(with_tray: App) -> None:
    menu = with_tray.window.tray.menu
    with_tray.window._refresh_tray()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts[0].startswith("Start ") and texts[0] != "Start today's routine"
    assert texts[1:] == [
        "Open Sciatica Coach",
        "Pause reminders for today",
        "Quit",
    ]


def test_pause_for_today_from_the_tray(with_tray: App) -> None:
    plan_monday(with_tray, time(10, 0))
    with_tray.window.tray.pause_action.trigger()
    assert with_tray.window.reminder_clock.paused_today
    assert not with_tray.window.tray.pause_action.isEnabled()
    with_tray.clock.now += 2 * 3600
    assert with_tray.window.reminder_clock.check() is None


def test_closing_the_window_keeps_the_app_in_the_tray(with_tray: App) -> None:
    window = with_tray.window
    window.close()
    assert not window.isVisible()
    assert window.reminder_clock.armed or window.reminder_clock.enabled
    window.tray.open_action.trigger()
    assert window.isVisible()


def test_quit_from_the_tray_really_quits(with_tray: App, monkeypatch: pytest.MonkeyPatch) -> None:
    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    with_tray.window.tray.quit_action.trigger()
    assert not with_tray.window.isVisible()
    assert quits == [True]


def test_switching_the_tray_off_takes_the_icon_away(with_tray: App) -> None:
    with_tray.window.set_tray(False)
    assert with_tray.window.tray is None
    with_tray.window.close()  # now closing quits as before


def test_export_plan_to_calendar_from_the_file_menu(app: App, tmp_path) -> None:
    from icalendar import Calendar

    plan_monday(app, time(18, 0))
    from sciatica_coach.core.records import WeeklyPlan

    app.log.set_plan(WeeklyPlan(weekdays=frozenset({0})), app.clock.local().date())
    target = tmp_path / "plan.ics"
    assert app.window.export_plan_calendar(target)
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert event["rrule"]["BYDAY"] == ["MO"]
    labels = [a.text() for a in app.window.menuBar().actions()[0].menu().actions()]
    assert "Export plan to &calendar…" in labels

"""Edit ▸ Preferences: every setting takes effect at once and is remembered."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTime
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from flow_helpers import App
from sciatica_coach.core.autostart import Autostart
from sciatica_coach.core.catalog import Routine
from sciatica_coach.ui.app import apply_appearance
from sciatica_coach.ui.appearance import DARK_COLOURS, Theme
from sciatica_coach.ui.settings_keys import (
    ANIMATED_KEY,
    LEG_QUESTION_KEY,
    PREPARE_SECONDS_KEY,
    QUIET_FROM_KEY,
    REMINDERS_KEY,
    REST_SECONDS_KEY,
    SWITCH_SECONDS_KEY,
    TEXT_SCALE_KEY,
    THEME_KEY,
    TRAY_KEY,
    VOICE_KEY,
    VOICE_RATE_KEY,
    VOICE_REPS_KEY,
    VOLUME_KEY,
)
from sciatica_coach.ui.settings_page import PreferencesPage
from sciatica_coach.ui.voice import VoiceGuide


def saved(app: App) -> QSettings:
    """The settings file as a new start would read it."""
    app.window.context.settings.sync()
    return QSettings(str(app.window.context.data / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def page(app: App, tmp_path: Path) -> PreferencesPage:
    app.window.autostart = Autostart("linux", tmp_path / "home", tmp_path / "config")
    app.window.context.voice = VoiceGuide(app.window.context.settings, engine=FakeEngine())
    app.window.context.appearance = apply_appearance(
        QApplication.instance(), app.window.context.settings
    )
    page = app.window.show_preferences()
    app.qtbot.waitExposed(page)
    yield page
    app.window.context.appearance.set_theme(Theme.SYSTEM)
    app.window.context.appearance.set_text_percent(100)


class FakeEngine:
    def voices(self):
        from sciatica_coach.ui.voice import Voice

        return [Voice("en-gb", "English (UK)"), Voice("de", "German")]

    def synthesise(self, text, path, voice, rate):
        raise RuntimeError("not in this test")


def test_edit_menu_opens_one_preferences_page(app: App) -> None:
    menus = [action.text() for action in app.window.menuBar().actions()]
    assert menus[:3] == ["&File", "&Edit", "&View"]
    first = app.window.show_preferences()
    assert app.window.show_preferences() is first


def test_sound_on_off_and_volume(app: App, page: PreferencesPage) -> None:
    cues = app.window.context.cue_player
    page.sound_on.setChecked(False)
    assert cues.muted
    page.volume.setValue(40)
    assert cues.volume == 40
    assert saved(app).value(VOLUME_KEY, type=int) == 40


def test_voice_on_its_voice_rate_and_rep_counts(app: App, page: PreferencesPage) -> None:
    voice = app.window.context.voice
    page.voice_on.setChecked(True)
    assert voice.enabled
    page.list_voices()
    assert [page.voice_name.itemText(i) for i in range(page.voice_name.count())][1:] == [
        "English (UK)",
        "German",
    ]
    page.voice_name.setCurrentIndex(2)
    page.voice_rate.setCurrentIndex(page.voice_rate.findData(140))
    page.voice_reps.setChecked(True)
    settings = saved(app)
    assert settings.value(VOICE_KEY, type=bool) is True
    assert settings.value("voice/name") == "de"
    assert settings.value(VOICE_RATE_KEY, type=int) == 140
    assert settings.value(VOICE_REPS_KEY, type=bool) is True


def test_session_lengths_apply_to_every_routine_at_once(app: App, page: PreferencesPage) -> None:
    def short() -> Routine:
        return app.window.context.library.find("short")

    page.prepare.setValue(3)
    page.switch.setValue(2)
    page.rests.setCurrentIndex(page.rests.findData(200))
    assert short().prepare_seconds == 3
    assert short().switch_seconds == 2
    settings = saved(app)
    assert settings.value(PREPARE_SECONDS_KEY, type=int) == 3
    assert settings.value(SWITCH_SECONDS_KEY, type=int) == 2
    assert settings.value(REST_SECONDS_KEY, type=int) == 200
    page.prepare.setValue(-1)
    assert short().prepare_seconds == 5  # as the routine says


def test_weekly_plan_and_reminder_times_go_to_the_log(app: App, page: PreferencesPage) -> None:
    page.day_boxes[0].setChecked(True)
    page.day_boxes[3].setChecked(True)
    page.day_times[0].setTime(QTime(7, 45))
    page.same_time.click()
    assert app.log.plan().weekdays == frozenset({0, 3})
    assert app.log.reminder_times() == {0: time(7, 45), 3: time(7, 45)}
    page.reminders_on.setChecked(False)
    page.quiet_from.setTime(QTime(22, 15))
    settings = saved(app)
    assert settings.value(REMINDERS_KEY, type=bool) is False
    assert settings.value(QUIET_FROM_KEY) == "22:15"


def test_tray_and_start_at_login(app: App, page: PreferencesPage, tmp_path: Path) -> None:
    page.tray.setEnabled(True)
    page.tray.setChecked(True)
    assert saved(app).value(TRAY_KEY, type=bool) is True
    page.login.setChecked(True)
    entry = tmp_path / "config" / "autostart" / "sciatica-coach.desktop"
    assert entry.is_file()
    page.login.setChecked(False)
    assert not entry.exists()


def test_theme_applies_a_palette_app_wide(app: App, page: PreferencesPage) -> None:
    page.theme.setCurrentIndex(page.theme.findData("dark"))
    window_colour = QApplication.instance().palette().color(QPalette.ColorRole.Window)
    assert window_colour.name() == DARK_COLOURS[QPalette.ColorRole.Window]
    QApplication.processEvents()
    assert app.window.palette().color(QPalette.ColorRole.Window).name() == window_colour.name()
    assert saved(app).value(THEME_KEY) == "dark"
    page.theme.setCurrentIndex(page.theme.findData("system"))
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window) != window_colour


def test_the_language_is_stored_for_the_next_start(app: App, page: PreferencesPage) -> None:
    """System, English or Deutsch, each in its own words; the words on screen stay until the
    next start, and the page says so."""
    from sciatica_coach import i18n
    from sciatica_coach.ui.settings_keys import LANGUAGE_KEY
    from sciatica_coach.ui.translation import chosen_language

    items = [page.language.itemText(i) for i in range(page.language.count())]
    assert items == ["As the system", "English", "Deutsch"]
    assert page.language.currentData() == "system"
    assert "next time you start" in page.language_note.text()
    page.language.setCurrentIndex(page.language.findData("de"))
    assert saved(app).value(LANGUAGE_KEY) == "de"
    assert i18n.language() == "en", "the pages already built keep their words"
    assert chosen_language(saved(app)) == "de"
    page.language.setCurrentIndex(page.language.findData("system"))
    assert chosen_language(saved(app)) == "system"


def test_text_size_scales_the_app_font(app: App, page: PreferencesPage) -> None:
    before = QApplication.instance().font().pointSizeF()
    page.text_size.setCurrentIndex(page.text_size.findData(130))
    assert QApplication.instance().font().pointSizeF() == pytest.approx(before * 1.3)
    assert saved(app).value(TEXT_SCALE_KEY, type=int) == 130


def test_animation_and_leg_question_follow_the_view_menu_both_ways(
    app: App, page: PreferencesPage
) -> None:
    page.animated.setChecked(False)
    assert not app.window.animate_action.isChecked()
    assert saved(app).value(ANIMATED_KEY, type=bool) is False
    app.window.ask_leg_action.setChecked(False)
    assert not page.leg_question.isChecked()
    page.leg_question.setChecked(True)
    assert app.window.ask_leg_action.isChecked()
    assert saved(app).value(LEG_QUESTION_KEY, type=bool) is True


def test_data_folder_is_shown_and_the_safety_screen_offered(
    app: App, page: PreferencesPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert page.data_label.text() == str(app.window.context.data)
    opened: list[str] = []
    monkeypatch.setattr(
        "sciatica_coach.ui.settings_page.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    page.open_data.click()
    assert opened == [str(app.window.context.data)]
    shown: list[bool] = []
    monkeypatch.setattr(app.window, "_show_safety", lambda: shown.append(True))
    page.safety_requested.disconnect()
    page.safety_requested.connect(app.window._show_safety)
    page.safety.click()
    assert shown == [True]


def test_high_contrast_turns_the_palette_black_and_white_at_once(
    app: App, page: PreferencesPage
) -> None:
    from sciatica_coach.ui.settings_keys import HIGH_CONTRAST_KEY

    assert not page.high_contrast.isChecked()
    page.high_contrast.setChecked(True)
    palette = QApplication.instance().palette()
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    assert {window.name(), text.name()} == {"#ffffff", "#000000"}
    assert saved(app).value(HIGH_CONTRAST_KEY, type=bool) is True
    page.theme.setCurrentIndex(page.theme.findData("dark"))  # still high contrast, now dark
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).name() == "#000000"
    page.high_contrast.setChecked(False)
    assert QApplication.instance().palette().color(QPalette.ColorRole.Window).name() != "#000000"

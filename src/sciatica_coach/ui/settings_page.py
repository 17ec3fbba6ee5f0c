"""Edit ▸ Preferences: every setting in one page; each change takes effect and is saved at once.

The page writes through the objects that own each setting (the cue player, the voice, the
appearance, the log for the plan and reminder times, core.autostart for start at login) and
signals the main window for what only it can change (animation, the tray, the library's
session lengths, reminders re-armed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTime, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach import i18n
from sciatica_coach.core.autostart import Autostart, AutostartError, launch_command
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError, WeeklyPlan
from sciatica_coach.core.words import weekday_name
from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.appearance import TEXT_SIZES, THEME_NAMES, Appearance, Theme, parse_theme
from sciatica_coach.ui.reminder_clock import quiet_hours
from sciatica_coach.ui.settings_keys import (
    ANIMATED_KEY,
    HIGH_CONTRAST_KEY,
    LANGUAGE_KEY,
    LEG_QUESTION_KEY,
    PREPARE_SECONDS_KEY,
    QUIET_FROM_KEY,
    QUIET_UNTIL_KEY,
    REMINDERS_KEY,
    REST_SECONDS_KEY,
    SWITCH_SECONDS_KEY,
    TEXT_SCALE_KEY,
    THEME_KEY,
    TRAY_KEY,
    VOICE_NAME_KEY,
    VOICE_RATE_KEY,
    VOICE_REPS_KEY,
)
from sciatica_coach.ui.settings_values import read_flag, session_lengths
from sciatica_coach.ui.sound import CuePlayer
from sciatica_coach.ui.voice import DEFAULT_RATE, RATES, VoiceGuide

DEFAULT_TIME = time(18, 0)
AS_ROUTINE = N_("as the routine says")
TIME_FORMAT = "HH:mm"  # i18n: not words (a Qt time format)


@dataclass
class PreferenceParts:
    """What the page changes, each owned elsewhere."""

    settings: QSettings
    log: SessionLog
    data: Path
    today: Callable[[], date]
    cue_player: CuePlayer | None = None
    voice: VoiceGuide | None = None
    appearance: Appearance | None = None
    autostart: Autostart | None = None
    tray_possible: bool = True


class PreferencesPage(QDialog):
    animated_changed = Signal(bool)
    tray_changed = Signal(bool)
    reminders_changed = Signal()
    lengths_changed = Signal()
    safety_requested = Signal()

    def __init__(self, parts: PreferenceParts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts = parts
        self.setWindowTitle(_("Preferences"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.hide()
        content = QWidget()
        column = QVBoxLayout(content)
        for group in (
            self._sound_group(),
            self._voice_group(),
            self._plan_group(),
            self._session_group(),
            self._background_group(),
            self._look_group(),
            self._data_group(),
        ):
            column.addWidget(group)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.problem)
        layout.addWidget(scroll, 1)
        layout.addWidget(close)
        self.resize(720, 680)

    # -- sound and voice ------------------------------------------------------------------

    def _sound_group(self) -> QGroupBox:
        box = QGroupBox(_("Sound"))
        form = QFormLayout(box)
        cues = self.parts.cue_player
        self.sound_on = QCheckBox(_("Sound cues (beeps for start, rest, 3-2-1 and the end)"))
        self.sound_on.setChecked(cues is not None and not cues.muted)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(cues.volume if cues else 100)
        self.volume.setAccessibleName(_("Volume"))
        if cues is None:
            self.sound_on.setEnabled(False)
            self.volume.setEnabled(False)
        else:
            self.sound_on.toggled.connect(lambda on: cues.set_muted(not on))
            self.volume.valueChanged.connect(cues.set_volume)
        form.addRow(self.sound_on)
        form.addRow(_("Volume"), self.volume)
        return box

    def _voice_group(self) -> QGroupBox:
        box = QGroupBox(_("Voice"))
        form = QFormLayout(box)
        voice = self.parts.voice
        settings = self.parts.settings
        self.voice_on = QCheckBox(_("Say each exercise, the side, rests, 3-2-1 and halfway"))
        self.voice_name = QComboBox()
        self.voice_rate = QComboBox()
        self.voice_reps = QCheckBox(_("Count paced reps aloud"))
        self.voice_reps.setChecked(read_flag(settings, VOICE_REPS_KEY, False))
        self.voice_reps.toggled.connect(lambda on: settings.setValue(VOICE_REPS_KEY, on))
        for rate in RATES:
            self.voice_rate.addItem(_("{rate} words a minute").format(rate=rate), rate)
        saved_rate = settings.value(VOICE_RATE_KEY, DEFAULT_RATE, type=int)
        self.voice_rate.setCurrentIndex(max(0, self.voice_rate.findData(saved_rate)))
        self.voice_rate.currentIndexChanged.connect(
            lambda _i: settings.setValue(VOICE_RATE_KEY, self.voice_rate.currentData())
        )
        self.try_voice = QPushButton(_("Try it"))
        self.voice_note = QLabel()
        self.voice_note.setWordWrap(True)
        if voice is None or not voice.available:
            self.voice_on.setEnabled(False)
            self.voice_note.setText(_("No system voice was found; sound cues are used instead."))
        else:
            self.voice_on.setChecked(voice.enabled)
            self.voice_on.toggled.connect(voice.set_enabled)
            self.voice_name.addItem(_("The system's default voice"), "")
            self.voice_name.currentIndexChanged.connect(
                lambda _i: settings.setValue(VOICE_NAME_KEY, self.voice_name.currentData())
            )
            self.try_voice.clicked.connect(self._try_voice)
            self._voices_listed = False
            self.voice_name.installEventFilter(self)
            saved = settings.value(VOICE_NAME_KEY, "", type=str)
            if saved:
                self.voice_name.addItem(str(saved), saved)
                self.voice_name.setCurrentIndex(1)
        row = QHBoxLayout()
        row.addWidget(self.voice_name, 1)
        row.addWidget(self.try_voice)
        form.addRow(self.voice_on)
        form.addRow(_("Voice"), row)
        form.addRow(_("Speed"), self.voice_rate)
        form.addRow(self.voice_reps)
        form.addRow(self.voice_note)
        return box

    def list_voices(self) -> None:
        """Fill the voice list from the system (asked only when the list is first opened)."""
        voice = self.parts.voice
        if voice is None or getattr(self, "_voices_listed", True):
            return
        self._voices_listed = True
        saved = self.voice_name.currentData()
        self.voice_name.blockSignals(True)
        self.voice_name.clear()
        self.voice_name.addItem(_("The system's default voice"), "")
        for each in voice.voices():
            self.voice_name.addItem(each.name, each.id)
        self.voice_name.setCurrentIndex(max(0, self.voice_name.findData(saved)))
        self.voice_name.blockSignals(False)

    def eventFilter(self, watched: object, event: object) -> bool:
        from PySide6.QtCore import QEvent

        if watched is self.voice_name and getattr(event, "type", lambda: None)() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.FocusIn,
        ):
            self.list_voices()
        return False

    def _try_voice(self) -> None:
        voice = self.parts.voice
        if voice is None:
            return
        was = voice.enabled
        voice.set_enabled(True)
        voice.say(_("Bridge. Set 1 of 2, left side, hold 20 seconds"))
        voice.set_enabled(was)

    # -- plan and reminders ---------------------------------------------------------------

    def _plan_group(self) -> QGroupBox:
        box = QGroupBox(_("Weekly plan and reminders"))
        grid = QGridLayout(box)
        log = self.parts.log
        try:
            plan, times = log.plan(), log.reminder_times()
        except LogError as error:
            self._say_problem(str(error))
            plan, times = WeeklyPlan(), {}
        self.day_boxes: list[QCheckBox] = []
        self.day_times: list[QTimeEdit] = []
        grid.addWidget(QLabel(_("Days you plan to exercise, and when to remind you:")), 0, 0, 1, 3)
        for day in range(7):
            name = weekday_name(day)
            check = QCheckBox(name)
            check.setChecked(day in plan.weekdays)
            edit = QTimeEdit(_qtime(times.get(day, DEFAULT_TIME)))
            edit.setDisplayFormat(TIME_FORMAT)
            edit.setEnabled(check.isChecked())
            edit.setAccessibleName(_("Reminder time on {day}").format(day=name))
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(lambda _on: self._save_plan())
            edit.timeChanged.connect(lambda _t: self._save_plan())
            grid.addWidget(check, day + 1, 0)
            grid.addWidget(edit, day + 1, 1)
            self.day_boxes.append(check)
            self.day_times.append(edit)
        self.same_time = QPushButton(_("Same time every day"))
        self.same_time.clicked.connect(self._same_time_for_all)
        grid.addWidget(self.same_time, 1, 2)
        self.per_week = QSpinBox()
        self.per_week.setRange(1, 21)
        self.per_week.setValue(plan.sessions_per_week)
        self.per_week.setSuffix(_(" sessions a week (when no days are ticked)"))
        self.per_week.valueChanged.connect(lambda _v: self._save_plan())
        grid.addWidget(self.per_week, 8, 0, 1, 3)
        settings = self.parts.settings
        self.reminders_on = QCheckBox(_("Remind me on planned days"))
        self.reminders_on.setChecked(read_flag(settings, REMINDERS_KEY, True))
        self.reminders_on.toggled.connect(lambda on: self._set(REMINDERS_KEY, on))
        grid.addWidget(self.reminders_on, 9, 0, 1, 3)
        quiet = quiet_hours(settings)
        self.quiet_from = QTimeEdit(_qtime(quiet.start))
        self.quiet_until = QTimeEdit(_qtime(quiet.end))
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Quiet hours from")))
        row.addWidget(self.quiet_from)
        row.addWidget(QLabel(_("until")))
        row.addWidget(self.quiet_until)
        row.addStretch(1)
        for edit, key in ((self.quiet_from, QUIET_FROM_KEY), (self.quiet_until, QUIET_UNTIL_KEY)):
            edit.setDisplayFormat(TIME_FORMAT)
            edit.timeChanged.connect(lambda t, k=key: self._set(k, t.toString(TIME_FORMAT)))
        grid.addLayout(row, 10, 0, 1, 3)
        return box

    def _same_time_for_all(self) -> None:
        first = next(
            (e for c, e in zip(self.day_boxes, self.day_times, strict=True) if c.isChecked()), None
        )
        if first is None:
            return
        for edit in self.day_times:
            edit.blockSignals(True)
            edit.setTime(first.time())
            edit.blockSignals(False)
        self._save_plan()

    def _save_plan(self) -> None:
        days = frozenset(d for d, check in enumerate(self.day_boxes) if check.isChecked())
        times = {day: _pytime(self.day_times[day].time()) for day in sorted(days)}
        try:
            self.parts.log.set_plan(WeeklyPlan(self.per_week.value(), days), self.parts.today())
            self.parts.log.set_reminder_times(times)
        except LogError as error:
            self._say_problem(str(error))
            return
        self.reminders_changed.emit()

    def _set(self, key: str, value: object) -> None:
        self.parts.settings.setValue(key, value)
        self.reminders_changed.emit()

    # -- session lengths ------------------------------------------------------------------

    def _session_group(self) -> QGroupBox:
        box = QGroupBox(_("Pauses in every routine"))
        form = QFormLayout(box)
        settings = self.parts.settings
        lengths = session_lengths(settings)
        self.prepare = self._seconds_box(lengths.prepare_seconds, 60, PREPARE_SECONDS_KEY)
        self.switch = self._seconds_box(lengths.switch_seconds, 30, SWITCH_SECONDS_KEY)
        self.rests = QComboBox()
        for percent in (50, 75, 100, 150, 200):
            label = (
                _(AS_ROUTINE)
                if percent == 100
                else _("{percent} of the routine's").format(percent=i18n.percent(percent / 100))
            )
            self.rests.addItem(label, percent)
        self.rests.setCurrentIndex(max(0, self.rests.findData(lengths.rest_percent)))
        self.rests.currentIndexChanged.connect(
            lambda _i: self._set_length(REST_SECONDS_KEY, self.rests.currentData())
        )
        form.addRow(_("Get ready"), self.prepare)
        form.addRow(_("Switch sides"), self.switch)
        form.addRow(_("Rests"), self.rests)
        return box

    def _seconds_box(self, value: float | None, most: int, key: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(-1, most)
        box.setSpecialValueText(_(AS_ROUTINE))
        box.setSuffix(" s")
        box.setValue(-1 if value is None else int(value))
        box.valueChanged.connect(lambda v: self._set_length(key, v))
        return box

    def _set_length(self, key: str, value: object) -> None:
        self.parts.settings.setValue(key, value)
        self.lengths_changed.emit()

    # -- tray and start at login ----------------------------------------------------------

    def _background_group(self) -> QGroupBox:
        box = QGroupBox(_("In the background"))
        form = QFormLayout(box)
        settings = self.parts.settings
        self.tray = QCheckBox(_("Keep running in the tray when the window is closed"))
        self.tray.setChecked(read_flag(settings, TRAY_KEY, False))
        self.tray.setEnabled(self.parts.tray_possible)
        self.tray.toggled.connect(self._set_tray)
        self.login = QCheckBox(_("Start at login"))
        autostart = self.parts.autostart
        self.login.setChecked(autostart is not None and autostart.enabled())
        self.login.setEnabled(autostart is not None)
        self.login.toggled.connect(self._set_login)
        form.addRow(self.tray)
        form.addRow(self.login)
        if not self.parts.tray_possible:
            form.addRow(
                QLabel(_("This desktop has no tray: reminders come while the window is open."))
            )
        return box

    def _set_tray(self, on: bool) -> None:
        self.parts.settings.setValue(TRAY_KEY, on)
        self.tray_changed.emit(on)

    def _set_login(self, on: bool) -> None:
        autostart = self.parts.autostart
        if autostart is None:
            return
        try:
            if on:
                autostart.enable(launch_command())
            else:
                autostart.disable()
        except AutostartError as error:
            self._say_problem(str(error))
            self.login.blockSignals(True)
            self.login.setChecked(autostart.enabled())
            self.login.blockSignals(False)

    # -- appearance -----------------------------------------------------------------------

    def _look_group(self) -> QGroupBox:
        box = QGroupBox(_("Appearance"))
        form = QFormLayout(box)
        settings = self.parts.settings
        self.theme = QComboBox()
        for theme, name in THEME_NAMES.items():
            self.theme.addItem(_(name), theme.value)
        self.theme.setCurrentIndex(
            max(0, self.theme.findData(parse_theme(settings.value(THEME_KEY)).value))
        )
        self.theme.currentIndexChanged.connect(lambda _i: self._set_theme(self.theme.currentData()))
        self.text_size = QComboBox()
        for percent in TEXT_SIZES:
            self.text_size.addItem(i18n.percent(percent / 100), percent)
        saved = settings.value(TEXT_SCALE_KEY, 100, type=int)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(saved)))
        self.text_size.currentIndexChanged.connect(
            lambda _i: self._set_text_size(self.text_size.currentData())
        )
        self.high_contrast = QCheckBox(_("High contrast: black and white"))
        self.high_contrast.setChecked(read_flag(settings, HIGH_CONTRAST_KEY, False))
        self.high_contrast.toggled.connect(self._set_high_contrast)
        self.animated = QCheckBox(_("Animate the illustrations"))
        self.animated.setChecked(read_flag(settings, ANIMATED_KEY, True))
        self.animated.toggled.connect(self.animated_changed.emit)
        self.leg_question = QCheckBox(_("Ask about my leg after each exercise"))
        self.leg_question.setChecked(read_flag(settings, LEG_QUESTION_KEY, True))
        self.leg_question.toggled.connect(lambda on: settings.setValue(LEG_QUESTION_KEY, on))
        self.language = QComboBox()
        self.language.addItem(_("As the system"), i18n.SYSTEM)
        for code, own_name in i18n.LANGUAGES.items():
            self.language.addItem(own_name, code)
        chosen = settings.value(LANGUAGE_KEY, i18n.SYSTEM)
        self.language.setCurrentIndex(max(0, self.language.findData(chosen)))
        self.language.currentIndexChanged.connect(
            lambda _i: self._set_language(self.language.currentData())
        )
        self.language_note = QLabel(
            _("A new language is used from the next time you start the app.")
        )
        self.language_note.setWordWrap(True)
        self.language.setAccessibleDescription(self.language_note.text())
        form.addRow(_("Theme"), self.theme)
        form.addRow(self.high_contrast)
        form.addRow(_("Text size"), self.text_size)
        form.addRow(_("Language"), self.language)
        form.addRow(self.language_note)
        form.addRow(self.animated)
        form.addRow(self.leg_question)
        return box

    def _set_language(self, code: str) -> None:
        """Stored for the next start: the pages already built keep their words."""
        self.parts.settings.setValue(LANGUAGE_KEY, code)

    def _set_high_contrast(self, on: bool) -> None:
        self.parts.settings.setValue(HIGH_CONTRAST_KEY, on)
        if self.parts.appearance is not None:
            self.parts.appearance.set_high_contrast(on)

    def _set_theme(self, theme: str) -> None:
        self.parts.settings.setValue(THEME_KEY, theme)
        if self.parts.appearance is not None:
            self.parts.appearance.set_theme(Theme(theme))

    def _set_text_size(self, percent: int) -> None:
        self.parts.settings.setValue(TEXT_SCALE_KEY, percent)
        if self.parts.appearance is not None:
            self.parts.appearance.set_text_percent(percent)

    # -- data and safety ------------------------------------------------------------------

    def _data_group(self) -> QGroupBox:
        box = QGroupBox(_("Your data and safety"))
        form = QFormLayout(box)
        self.data_label = QLabel(str(self.parts.data))
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.data_label.setWordWrap(True)
        self.open_data = QPushButton(_("Open folder"))
        self.open_data.clicked.connect(self.open_data_folder)
        row = QHBoxLayout()
        row.addWidget(self.data_label, 1)
        row.addWidget(self.open_data)
        self.safety = QPushButton(_("Show the safety information"))
        self.safety.clicked.connect(self.safety_requested.emit)
        form.addRow(_("Data folder"), row)
        form.addRow(self.safety)
        return box

    def open_data_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.parts.data)))

    def _say_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())

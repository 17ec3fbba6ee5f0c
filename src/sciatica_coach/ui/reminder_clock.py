"""Arms one single-shot timer for the next reminder (core.reminders decides when) and says
when one is due; remembers what happened today in the settings.

The timer sleeps until the next reminder, the end of the quiet hours or midnight, at least a
minute and at most an hour at a time, so an app idling in the tray wakes a handful of times
an hour at most. Waking later than asked (the computer slept) is harmless: the rules look at
the clock, not at how many times the timer fired.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject, QSettings, QTimer, Signal

from sciatica_coach.core import reminders
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError
from sciatica_coach.core.reminders import QuietHours, Reminder, ReminderDay, ReminderRules
from sciatica_coach.ui.settings_keys import (
    QUIET_FROM_KEY,
    QUIET_UNTIL_KEY,
    REMINDER_DAY_KEY,
    REMINDERS_KEY,
)
from sciatica_coach.ui.settings_values import read_flag

logger = logging.getLogger(__name__)

DEFAULT_QUIET = QuietHours(time(21, 30), time(8, 0))


def read_time(settings: QSettings, key: str, default: time) -> time:
    value = settings.value(key, "")
    try:
        return time.fromisoformat(value) if isinstance(value, str) and value else default
    except ValueError:
        return default


def quiet_hours(settings: QSettings) -> QuietHours:
    return QuietHours(
        read_time(settings, QUIET_FROM_KEY, DEFAULT_QUIET.start),
        read_time(settings, QUIET_UNTIL_KEY, DEFAULT_QUIET.end),
    )


def save_day(settings: QSettings, record: ReminderDay) -> None:
    def moment(value: datetime | None) -> str:
        return value.isoformat() if value else ""

    settings.setValue(
        REMINDER_DAY_KEY,
        "|".join(
            [
                record.day.isoformat(),
                str(record.shown),
                moment(record.last_shown),
                moment(record.snoozed_until),
                "1" if record.declined else "",
                "1" if record.paused else "",
            ]
        ),
    )


def load_day(settings: QSettings) -> ReminderDay | None:
    value = settings.value(REMINDER_DAY_KEY, "")
    if not isinstance(value, str) or value.count("|") != 5:
        return None
    day, shown, last, snoozed, declined, paused = value.split("|")
    try:
        return ReminderDay(
            date.fromisoformat(day),
            int(shown),
            datetime.fromisoformat(last) if last else None,
            datetime.fromisoformat(snoozed) if snoozed else None,
            bool(declined),
            bool(paused),
        )
    except ValueError:
        return None


class ReminderClock(QObject):
    """Emits ``due`` when a reminder should be shown; ``now`` is the local aware clock."""

    due = Signal(object)  # a core.reminders.Reminder

    def __init__(
        self,
        log: SessionLog,
        settings: QSettings,
        now: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._log = log
        self._settings = settings
        self._now = now
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check)
        self.waits: list[timedelta] = []  # each wait armed, for the idle benchmark and tests

    @property
    def enabled(self) -> bool:
        return read_flag(self._settings, REMINDERS_KEY, True)

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def rules(self) -> ReminderRules:
        plan = self._log.plan()
        return ReminderRules(
            times=self._log.reminder_times(),
            quiet=quiet_hours(self._settings),
            any_day_time=None,
            sessions_per_week=plan.sessions_per_week,
        )

    def today(self, now: datetime) -> ReminderDay:
        record = reminders.fresh_day(load_day(self._settings), now)
        done = len(self._log.sessions(since=now.date(), until=now.date()))
        return replace(record, sessions_done=done)

    def check(self) -> Reminder | None:
        """Show a due reminder (``due``), then sleep until the next one may be due."""
        self._timer.stop()
        if not self.enabled:
            return None
        now = self._now()
        try:
            rules, record = self.rules(), self.today(now)
        except LogError as error:
            logger.warning("Reminders paused: %s", error)
            self._arm(reminders.LONGEST_WAIT)
            return None
        reminder = reminders.reminder_due(now, rules, record)
        if reminder is not None:
            record = reminders.shown(record, now)
            save_day(self._settings, record)
            self.due.emit(reminder)
        self._arm(reminders.wait_before_asking(now, rules, record))
        return reminder

    def snooze(self) -> None:
        self._change(reminders.snoozed)

    def not_today(self) -> None:
        now = self._now()
        self._change(reminders.declined)
        try:
            self._log.skip_day(now.date(), now)
        except LogError as error:
            logger.warning("'Not today' not logged: %s", error)

    def pause_today(self) -> None:
        self._change(reminders.paused)

    @property
    def paused_today(self) -> bool:
        record = load_day(self._settings)
        return record is not None and record.day == self._now().date() and record.paused

    def stop(self) -> None:
        self._timer.stop()

    def _change(self, how: Callable[[ReminderDay, datetime], ReminderDay]) -> None:
        now = self._now()
        save_day(self._settings, how(reminders.fresh_day(load_day(self._settings), now), now))
        self.check()

    def _arm(self, wait: timedelta) -> None:
        self.waits.append(wait)
        self._timer.start(int(wait.total_seconds() * 1000))

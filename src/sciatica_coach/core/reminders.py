"""When the next exercise reminder is due: pure rules over the plan, the day so far and a clock.

Reminders follow the wall clock of the user's zone: a reminder set for 18:00 is due once the
local time of day reaches 18:00 on a planned day. Comparing wall-clock times (rather than
instants worked out in advance) is what carries them through daylight-saving changes: on the
spring-forward day a reminder in the skipped hour is due as soon as the clock jumps past it,
and on the fall-back day the repeated hour cannot fire it twice, because the day's record
says it was shown. Elapsed times (the nudge, a snooze) are measured between aware instants,
so an hour is an hour whatever the offset did in between.

Each day starts afresh at local midnight: nothing carries over from the day before.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

# Nothing more is said about a day once it has been shown this many times (the reminder
# and at most one nudge); a snooze the user asked for is still honoured.
MOST_UNASKED_PER_DAY = 2
NUDGE_AFTER = timedelta(hours=2)
SNOOZE = timedelta(minutes=30)
# The app asks again at least this often, and never more often than once a minute.
LONGEST_WAIT = timedelta(hours=1)
SHORTEST_WAIT = timedelta(minutes=1)


class ReminderKind(StrEnum):
    FIRST = "first"
    NUDGE = "nudge"
    SNOOZED = "snoozed"


@dataclass(frozen=True)
class QuietHours:
    """No reminder between ``start`` and ``end`` (local time); may run past midnight."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


@dataclass(frozen=True)
class ReminderRules:
    """What the user set: a time of day for each planned weekday (0 Monday … 6 Sunday)."""

    times: Mapping[int, time]
    quiet: QuietHours | None = None
    # With a plan of N sessions a week and no fixed days, every day is a reminder day until
    # the week's target is met, at ``any_day_time``.
    any_day_time: time | None = None
    sessions_per_week: int = 0


@dataclass(frozen=True)
class ReminderDay:
    """What has happened on one local date, as the app remembers it."""

    day: date
    shown: int = 0
    last_shown: datetime | None = None
    snoozed_until: datetime | None = None
    declined: bool = False  # "Not today"
    paused: bool = False  # "Pause reminders for today" from the tray
    sessions_done: int = 0


@dataclass(frozen=True)
class Reminder:
    kind: ReminderKind
    day: date


def fresh_day(saved: ReminderDay | None, now: datetime) -> ReminderDay:
    """``saved`` if it is about today, else an empty record for today."""
    today = now.date()
    if saved is None or saved.day != today:
        return ReminderDay(today)
    return saved


def reminder_time(rules: ReminderRules, day: date, sessions_this_week: int = 0) -> time | None:
    """The time of day of ``day``'s reminder, or None on a day without one."""
    fixed = rules.times.get(day.weekday())
    if fixed is not None:
        return fixed
    if rules.times or rules.any_day_time is None:
        return None
    if sessions_this_week >= rules.sessions_per_week > 0:
        return None
    return rules.any_day_time


def due_at(
    rules: ReminderRules, record: ReminderDay, sessions_this_week: int = 0
) -> tuple[datetime | time, ReminderKind] | None:
    """When the next reminder of ``record``'s day falls due, and of what kind; None if none
    is left. A first reminder is a wall-clock time; a nudge or snooze an aware instant."""
    if record.declined or record.paused or record.sessions_done > 0:
        return None
    if record.snoozed_until is not None:
        return record.snoozed_until, ReminderKind.SNOOZED
    at = reminder_time(rules, record.day, sessions_this_week)
    if at is None:
        return None
    if record.shown == 0:
        return at, ReminderKind.FIRST
    if record.shown < MOST_UNASKED_PER_DAY and record.last_shown is not None:
        return record.last_shown.astimezone(UTC) + NUDGE_AFTER, ReminderKind.NUDGE
    return None


def _reached(now: datetime, when: datetime | time) -> bool:
    if isinstance(when, datetime):
        return now >= when
    return now.time().replace(tzinfo=None) >= when


def _quiet(rules: ReminderRules, now: datetime) -> bool:
    return rules.quiet is not None and rules.quiet.contains(now.time().replace(tzinfo=None))


def reminder_due(
    now: datetime, rules: ReminderRules, record: ReminderDay, sessions_this_week: int = 0
) -> Reminder | None:
    """The reminder to show at ``now`` (an aware local time), if one is due.

    One that fell due while the app was closed, or asleep, is shown once when asked next;
    a nudge or snooze that would run past midnight is dropped with its day.
    """
    record = fresh_day(record, now)
    upcoming = due_at(rules, record, sessions_this_week)
    if upcoming is None or _quiet(rules, now):
        return None
    when, kind = upcoming
    if not _reached(now, when):
        return None
    return Reminder(kind, record.day)


def shown(record: ReminderDay, now: datetime) -> ReminderDay:
    """The day after a reminder was shown at ``now``; a snooze is used up by showing it."""
    record = fresh_day(record, now)
    if record.snoozed_until is not None:
        return replace(record, snoozed_until=None, last_shown=now, shown=MOST_UNASKED_PER_DAY)
    return replace(record, shown=record.shown + 1, last_shown=now)


def snoozed(record: ReminderDay, now: datetime) -> ReminderDay:
    """After "In 30 minutes": shown again then, unless that is tomorrow."""
    record = fresh_day(record, now)
    return replace(record, snoozed_until=now.astimezone(UTC) + SNOOZE)


def declined(record: ReminderDay, now: datetime) -> ReminderDay:
    """After "Not today": nothing more today (the log records the answer)."""
    return replace(fresh_day(record, now), declined=True, snoozed_until=None)


def paused(record: ReminderDay, now: datetime) -> ReminderDay:
    """After "Pause reminders for today" (the tray): quiet until midnight, nothing logged."""
    return replace(fresh_day(record, now), paused=True, snoozed_until=None)


def wait_before_asking(
    now: datetime, rules: ReminderRules, record: ReminderDay, sessions_this_week: int = 0
) -> timedelta:
    """How long the app may sleep before it asks ``reminder_due`` again: until the next
    reminder or the end of the quiet hours or midnight, at least a minute, at most an hour."""
    record = fresh_day(record, now)

    def instant(day: date, at: time) -> datetime:
        return datetime.combine(day, at, tzinfo=now.tzinfo).astimezone(UTC)

    candidates = [instant(record.day + timedelta(days=1), time())]
    upcoming = due_at(rules, record, sessions_this_week)
    if upcoming is not None:
        when, _kind = upcoming
        candidates.append(when if isinstance(when, datetime) else instant(record.day, when))
    if rules.quiet is not None:
        candidates.append(instant(record.day, rules.quiet.end))
    real_now = now.astimezone(UTC)
    later = [moment - real_now for moment in candidates if moment > real_now]
    wait = min(later, default=LONGEST_WAIT)
    return max(SHORTEST_WAIT, min(wait, LONGEST_WAIT))


def planned_days(rules: ReminderRules) -> Collection[int]:
    """The weekdays with a reminder time of their own."""
    return sorted(rules.times)

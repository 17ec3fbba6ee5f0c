"""Reminder scheduling with an injected clock: planned days, midnight, DST, snooze, quiet hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sciatica_coach.core.reminders import (
    LONGEST_WAIT,
    SHORTEST_WAIT,
    QuietHours,
    Reminder,
    ReminderDay,
    ReminderKind,
    ReminderRules,
    declined,
    paused,
    reminder_due,
    reminder_time,
    shown,
    snoozed,
    wait_before_asking,
)

LONDON = ZoneInfo("Europe/London")
# Monday 2 June 2025 … Sunday 8 June 2025
MONDAY = date(2025, 6, 2)
EVENINGS = ReminderRules(times={0: time(18, 0), 2: time(18, 0), 4: time(7, 30)})


def at(day: date, hour: int, minute: int = 0, zone: ZoneInfo = LONDON) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def run(
    rules: ReminderRules,
    start: datetime,
    end: datetime,
    record: ReminderDay | None = None,
    every: timedelta = timedelta(minutes=1),
) -> list[tuple[datetime, ReminderKind]]:
    """Ask every ``every`` from start to end (in UTC steps, as a real clock moves), showing
    each reminder that falls due; what was shown, in local time."""
    record = record or ReminderDay(start.date())
    zone = start.tzinfo
    assert zone is not None
    fired = []
    moment = start.astimezone(UTC)
    while moment <= end.astimezone(UTC):
        now = moment.astimezone(zone)
        if record.day != now.date():
            record = ReminderDay(now.date())
        reminder = reminder_due(now, rules, record)
        if reminder is not None:
            fired.append((now, reminder.kind))
            record = shown(record, now)
        moment += every
    return fired


def test_fires_at_the_planned_time_then_one_nudge_and_no_more() -> None:
    fired = run(EVENINGS, at(MONDAY, 0), at(MONDAY, 23, 59))
    assert fired == [
        (at(MONDAY, 18), ReminderKind.FIRST),
        (at(MONDAY, 20), ReminderKind.NUDGE),
    ]


def test_nothing_on_unplanned_days() -> None:
    tuesday = MONDAY + timedelta(days=1)
    assert run(EVENINGS, at(tuesday, 0), at(tuesday, 23, 59)) == []
    assert reminder_time(EVENINGS, tuesday) is None
    assert reminder_time(EVENINGS, MONDAY + timedelta(days=4)) == time(7, 30)


def test_a_whole_week_fires_only_on_the_planned_days() -> None:
    fired = run(EVENINGS, at(MONDAY, 0), at(MONDAY + timedelta(days=6), 23, 59))
    days = sorted({moment.date().weekday() for moment, _kind in fired})
    assert days == [0, 2, 4]
    assert len(fired) == 6


def test_started_after_the_reminder_time_it_fires_once_not_never_not_twice() -> None:
    record = ReminderDay(MONDAY)
    late = at(MONDAY, 19, 10)
    assert reminder_due(late, EVENINGS, record) == Reminder(ReminderKind.FIRST, MONDAY)
    record = shown(record, late)
    assert reminder_due(late, EVENINGS, record) is None
    assert reminder_due(late + timedelta(minutes=1), EVENINGS, record) is None
    assert run(EVENINGS, late, at(MONDAY, 21, 30), record) == [
        (late + timedelta(hours=2), ReminderKind.NUDGE)
    ]


def test_a_session_done_today_silences_the_day() -> None:
    record = ReminderDay(MONDAY, sessions_done=1)
    assert reminder_due(at(MONDAY, 18), EVENINGS, record) is None


def test_not_today_silences_the_rest_of_the_day_only() -> None:
    record = declined(shown(ReminderDay(MONDAY), at(MONDAY, 18)), at(MONDAY, 18, 1))
    assert record.declined
    assert run(EVENINGS, at(MONDAY, 18, 2), at(MONDAY, 23, 59), record) == []
    wednesday = MONDAY + timedelta(days=2)
    assert reminder_due(at(wednesday, 18), EVENINGS, record) == Reminder(
        ReminderKind.FIRST, wednesday
    )


def test_pause_for_today_is_over_at_midnight() -> None:
    record = paused(ReminderDay(MONDAY), at(MONDAY, 9))
    assert reminder_due(at(MONDAY, 18), EVENINGS, record) is None
    friday = MONDAY + timedelta(days=4)
    assert reminder_due(at(friday, 8), EVENINGS, record) is not None


def test_snooze_comes_back_in_thirty_minutes_once() -> None:
    record = shown(ReminderDay(MONDAY), at(MONDAY, 18))
    record = snoozed(record, at(MONDAY, 18, 1))
    fired = run(EVENINGS, at(MONDAY, 18, 2), at(MONDAY, 23, 59), record)
    assert fired == [(at(MONDAY, 18, 31), ReminderKind.SNOOZED)]


def test_snoozing_again_is_honoured_beyond_the_nudge_limit() -> None:
    record = shown(shown(ReminderDay(MONDAY), at(MONDAY, 18)), at(MONDAY, 20))
    record = snoozed(record, at(MONDAY, 20, 1))
    assert reminder_due(at(MONDAY, 20, 31), EVENINGS, record) == Reminder(
        ReminderKind.SNOOZED, MONDAY
    )


def test_a_snooze_past_midnight_is_dropped_with_its_day() -> None:
    late = ReminderRules(times={0: time(23, 45)})
    record = snoozed(shown(ReminderDay(MONDAY), at(MONDAY, 23, 45)), at(MONDAY, 23, 46))
    tuesday = MONDAY + timedelta(days=1)
    assert run(late, at(MONDAY, 23, 47), at(tuesday, 3), record) == []


def test_midnight_starts_a_fresh_day() -> None:
    daily = ReminderRules(times={1: time(0, 0)})
    start = at(MONDAY, 23, 58)
    fired = run(daily, start, at(MONDAY + timedelta(days=1), 0, 5))
    assert fired == [(at(MONDAY + timedelta(days=1), 0, 0), ReminderKind.FIRST)]


def test_quiet_hours_hold_a_reminder_until_they_end() -> None:
    early = ReminderRules(times={0: time(6, 30)}, quiet=QuietHours(time(22), time(7)))
    fired = run(early, at(MONDAY, 0), at(MONDAY, 12))
    assert fired[0] == (at(MONDAY, 7), ReminderKind.FIRST)


def test_quiet_hours_swallow_a_nudge_that_falls_inside_them() -> None:
    evening = ReminderRules(times={0: time(21, 0)}, quiet=QuietHours(time(22), time(7)))
    fired = run(evening, at(MONDAY, 20), at(MONDAY, 23, 59))
    assert fired == [(at(MONDAY, 21), ReminderKind.FIRST)]


def test_quiet_hours_within_one_day() -> None:
    lunch = QuietHours(time(12), time(14))
    assert lunch.contains(time(12)) and lunch.contains(time(13, 59))
    assert not lunch.contains(time(14)) and not lunch.contains(time(11, 59))
    assert not QuietHours(time(9), time(9)).contains(time(9))


def test_spring_forward_fires_a_reminder_in_the_skipped_hour_once() -> None:
    # 30 March 2025, London: 01:00 becomes 02:00, so 01:30 never shows on the clock.
    sunday = date(2025, 3, 30)
    rules = ReminderRules(times={6: time(1, 30)})
    fired = run(rules, at(sunday, 0), at(sunday, 2, 30))
    assert [(moment.hour, moment.minute, kind) for moment, kind in fired] == [
        (2, 0, ReminderKind.FIRST)
    ]


def test_fall_back_does_not_fire_the_repeated_hour_twice() -> None:
    # 26 October 2025, London: 02:00 becomes 01:00, so 01:30 happens twice.
    sunday = date(2025, 10, 26)
    rules = ReminderRules(times={6: time(1, 30)})
    fired = run(rules, at(sunday, 0), at(sunday, 2, 40))
    assert len([kind for _moment, kind in fired if kind is ReminderKind.FIRST]) == 1


def test_a_nudge_is_two_real_hours_after_the_reminder_across_a_dst_change() -> None:
    sunday = date(2025, 10, 26)
    rules = ReminderRules(times={6: time(0, 30)})
    fired = run(rules, at(sunday, 0), at(sunday, 4))
    first, nudge = fired
    assert nudge[1] is ReminderKind.NUDGE
    assert nudge[0].astimezone(UTC) - first[0].astimezone(UTC) == timedelta(hours=2)
    # 00:30 summer time, then the clock goes back an hour at 02:00: two hours on it is 01:30.
    assert (nudge[0].hour, nudge[0].minute, nudge[0].fold) == (1, 30, 1)


def test_a_plan_without_fixed_days_reminds_daily_until_the_week_is_done() -> None:
    any_day = ReminderRules(times={}, any_day_time=time(9), sessions_per_week=3)
    record = ReminderDay(MONDAY)
    assert reminder_due(at(MONDAY, 9), any_day, record, sessions_this_week=2) is not None
    assert reminder_due(at(MONDAY, 9), any_day, record, sessions_this_week=3) is None


def test_the_app_sleeps_until_the_next_reminder_within_its_bounds() -> None:
    record = ReminderDay(MONDAY)
    assert wait_before_asking(at(MONDAY, 17, 40), EVENINGS, record) == timedelta(minutes=20)
    assert wait_before_asking(at(MONDAY, 9), EVENINGS, record) == LONGEST_WAIT
    assert (
        wait_before_asking(at(MONDAY, 18) - timedelta(seconds=10), EVENINGS, record)
        >= SHORTEST_WAIT
    )
    after = shown(record, at(MONDAY, 18))
    assert wait_before_asking(at(MONDAY, 19, 30), EVENINGS, after) == timedelta(minutes=30)


def test_a_record_from_yesterday_counts_for_nothing_today() -> None:
    yesterday = ReminderDay(MONDAY - timedelta(days=1), shown=2, declined=True)
    assert reminder_due(at(MONDAY, 18), EVENINGS, yesterday) == Reminder(ReminderKind.FIRST, MONDAY)

"""The weekly plan as an iCalendar file: one weekly repeating event per reminder time, so a
phone's calendar can remind the user too.

Times are "floating" (no time zone), as an alarm clock is: 18:00 stays 18:00 wherever the
phone is and across daylight-saving changes, which is what a reminder set by the clock means.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event, vRecur

from sciatica_coach import __version__
from sciatica_coach.core.records import WeeklyPlan
from sciatica_coach.core.words import calendar_event_title, plan_days_text
from sciatica_coach.i18n import _

DEFAULT_REMINDER_TIME = time(18, 0)
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# i18n: not words (calendar file fields)
PRODUCT_ID = f"-//Sciatica Coach//Sciatica Coach {__version__}//EN"


class CalendarError(Exception):
    """The plan cannot be put in a calendar; the message says what to change."""


def planned_times(plan: WeeklyPlan, times: Mapping[int, time]) -> dict[int, time]:
    """Each planned weekday's time: the reminder times set, else the plan's days at 18:00."""
    if times:
        return dict(times)
    return {day: DEFAULT_REMINDER_TIME for day in plan.weekdays}


def plan_calendar(
    plan: WeeklyPlan,
    times: Mapping[int, time],
    starting: date,
    minutes: int = 20,
    routine_name: str | None = None,
) -> bytes:
    """The .ics text of the plan from ``starting`` on: one event per distinct time of day,
    repeating weekly on its days, with an alarm at the start."""
    days = planned_times(plan, times)
    if not days:
        raise CalendarError(
            _(
                "Your weekly plan has no set days. Choose the days you plan to exercise (Edit ▸ "
                "Preferences ▸ Weekly plan), then export again."
            )
        )
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    # i18n: not words (calendar file fields)
    calendar.add("x-wr-calname", "Sciatica Coach")
    by_time: dict[time, list[int]] = {}
    for day, at in sorted(days.items()):
        by_time.setdefault(at, []).append(day)
    for at, weekdays in sorted(by_time.items()):
        calendar.add_component(_event(at, weekdays, starting, minutes, routine_name))
    return bytes(calendar.to_ical())


def _first_on_or_after(starting: date, weekdays: list[int]) -> date:
    return min(starting + timedelta(days=(day - starting.weekday()) % 7) for day in weekdays)


def _event(
    at: time, weekdays: list[int], starting: date, minutes: int, routine_name: str | None
) -> Event:
    first = datetime.combine(_first_on_or_after(starting, weekdays), at)
    title = calendar_event_title(routine_name)
    event = Event()
    event.add("uid", f"plan-{at.strftime('%H%M')}@sciatica-coach")
    event.add("dtstamp", datetime.combine(starting, time(), tzinfo=UTC))
    event.add("summary", title)
    event.add("description", plan_days_text(weekdays, at))
    event.add("dtstart", first)
    event.add("duration", timedelta(minutes=minutes))
    event.add("rrule", vRecur(freq="WEEKLY", byday=[ICAL_DAYS[day] for day in weekdays]))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event

"""The weekly plan as an .ics file: it parses back with icalendar and its RRULEs are valid."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar

from sciatica_coach.cli import main
from sciatica_coach.core import paths
from sciatica_coach.core.calendar_export import CalendarError, plan_calendar
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import WeeklyPlan

THURSDAY = date(2025, 6, 5)


def events(ics: bytes) -> list:
    calendar = Calendar.from_ical(ics)
    return list(calendar.walk("VEVENT"))


def occurrences(event, count: int) -> list[datetime]:
    start = event.decoded("dtstart")
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start)
    return list(rule[:count])


def test_one_weekly_event_per_time_with_valid_rules() -> None:
    times = {0: time(18), 2: time(18), 5: time(9, 30)}
    ics = plan_calendar(WeeklyPlan(weekdays=frozenset(times)), times, THURSDAY, 15, "Gentle start")
    found = {e["uid"]: e for e in events(ics)}
    assert set(found) == {"plan-1800@sciatica-coach", "plan-0930@sciatica-coach"}
    evening = found["plan-1800@sciatica-coach"]
    assert evening["rrule"]["FREQ"] == ["WEEKLY"]
    assert evening["rrule"]["BYDAY"] == ["MO", "WE"]
    assert str(evening["summary"]) == "Exercises: Gentle start"
    assert evening.decoded("duration") == timedelta(minutes=15)
    # The first occurrence is the first planned day on or after the start, never before it.
    assert occurrences(evening, 4) == [
        datetime(2025, 6, 9, 18),
        datetime(2025, 6, 11, 18),
        datetime(2025, 6, 16, 18),
        datetime(2025, 6, 18, 18),
    ]
    saturday = found["plan-0930@sciatica-coach"]
    assert occurrences(saturday, 2) == [datetime(2025, 6, 7, 9, 30), datetime(2025, 6, 14, 9, 30)]


def test_times_float_with_the_clock_and_each_event_has_an_alarm() -> None:
    ics = plan_calendar(WeeklyPlan(weekdays=frozenset({3})), {}, THURSDAY)
    (event,) = events(ics)
    assert event.decoded("dtstart") == datetime(2025, 6, 5, 18)  # the plan's day, at 18:00
    assert event.decoded("dtstart").tzinfo is None
    (alarm,) = event.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert b"PRODID:-//Sciatica Coach//" in ics
    assert b"VERSION:2.0" in ics


def test_a_plan_without_days_is_refused_with_what_to_do() -> None:
    with pytest.raises(CalendarError, match="no set days"):
        plan_calendar(WeeklyPlan(sessions_per_week=3), {}, THURSDAY)


def test_the_command_writes_the_plan_from_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    with SessionLog(data / paths.DATABASE_NAME) as log:
        log.set_plan(WeeklyPlan(weekdays=frozenset({1, 3})), THURSDAY)
        log.set_reminder_times({1: time(7, 15), 3: time(7, 15)})
    out = tmp_path / "plan.ics"
    options = ["--ics", str(out), "--from", "2025-06-05", "--routine", "gentle-start"]
    code = main(["--data-dir", str(data), "plan-calendar", *options])
    assert code == 0, capsys.readouterr().err
    (event,) = events(out.read_bytes())
    assert event["rrule"]["BYDAY"] == ["TU", "TH"]
    assert event.decoded("dtstart") == datetime(2025, 6, 5, 7, 15)
    assert "Wrote" in capsys.readouterr().out


def test_the_command_without_a_plan_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(tmp_path / "data"), "plan-calendar", "--ics", "x.ics"])
    assert code == 2
    assert "no set days" in capsys.readouterr().err


def test_reminder_times_and_skipped_days_are_kept_in_the_log(log: SessionLog) -> None:
    log.set_reminder_times({0: time(18), 4: time(7, 30)})
    assert log.reminder_times() == {0: time(18), 4: time(7, 30)}
    log.set_reminder_times({})
    assert log.reminder_times() == {}
    answered = datetime(2025, 6, 5, 18, 2).astimezone()
    log.skip_day(THURSDAY, answered)
    log.skip_day(THURSDAY, answered + timedelta(hours=1))
    assert log.skipped_days() == [THURSDAY]
    assert log.skipped_days(since=THURSDAY + timedelta(days=1)) == []

"""The Progress view shows the hand-counted figures of a known history, chart by chart."""

from __future__ import annotations

import importlib.util
import os
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest

from known_history import LONDON, PLAN, TODAY
from sciatica_coach.core import stats
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import WeeklyPlan
from sciatica_coach.core.stats import DayActivity, Streaks
from sciatica_coach.ui.charts import date_ticks, day_x, shade_level, tick_label
from sciatica_coach.ui.progress import ProgressView, plotted

MAR, APR = 3, 4


def d(month: int, day: int) -> date:
    return date(2024, month, day)


pytestmark = pytest.mark.known_history  # the log fixture holds it


@pytest.fixture
def view(qtbot, log: SessionLog) -> ProgressView:  # type: ignore[no-untyped-def]
    shown = ProgressView(log, lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1100, 760)
    shown.show()
    qtbot.waitExposed(shown)
    shown.set_range("4w")
    return shown


def test_sessions_each_week_are_counted_by_local_date_across_the_dst_switch(
    view: ProgressView,
) -> None:
    # 25 Mar: sessions 4-7, session 7 stopped because pain spread (still counts).
    # 1 Apr: 8 (00:30 BST, still 31 March in UTC) and 10; 9 was interrupted, 3 stopped early.
    weeks = [d(MAR, 25), d(APR, 1), d(APR, 8), d(APR, 15)]
    assert view.adherence.series["done"] == (weeks, [4.0, 2.0, 0.0, 1.0])
    assert view.adherence.series["plan"] == (weeks, [3.0] * 4)
    assert plotted(view.done_bars) == (
        [day_x(week) + 3.5 for week in weeks],
        [4.0, 2.0, 0.0, 1.0],
    )
    plan_x, plan_y = plotted(view.plan_line)
    assert plan_x == [day_x(week) for week in weeks] + [day_x(d(APR, 22))]
    assert plan_y == [3.0] * 4
    assert [w.adherence for w in view.adherence_series] == [1.0, 2 / 3, 0.0, 1 / 3]


def test_minutes_each_week_include_stopped_and_interrupted_sessions(view: ProgressView) -> None:
    weeks, minutes = view.minutes.series["minutes"]
    assert weeks == [d(MAR, 25), d(APR, 1), d(APR, 8), d(APR, 15)]
    # (600 + 480 + 420 + 240) s; (540 + 70 + 660) s; nothing; 600 s
    assert minutes == pytest.approx([29.0, 1270 / 60, 0.0, 10.0])
    assert plotted(view.minute_bars)[1] == pytest.approx(minutes)


def test_pain_series_keep_back_and_leg_before_and_after_apart(view: ProgressView) -> None:
    series = view.pain.series
    assert series["back_before"] == ([d(MAR, 31), d(APR, 1), d(APR, 4), d(APR, 16)], [4, 3, 3, 2])
    assert series["leg_before"] == ([d(MAR, 31), d(APR, 1), d(APR, 4), d(APR, 16)], [5, 4, 4, 3])
    after_days = [d(MAR, 30), d(MAR, 31), d(APR, 1), d(APR, 4), d(APR, 16)]
    assert series["back_after"] == (after_days, [3, 4, 2, 2, 1])
    assert series["leg_after"] == (after_days, [3, 7, 3, 2, 2])
    assert plotted(view.pain_items["leg_after"]) == (
        [day_x(day) + 0.5 for day in after_days],
        [3.0, 7.0, 3.0, 2.0, 2.0],
    )


def test_pain_over_a_year_is_a_weekly_mean(view: ProgressView) -> None:
    view.set_range("1y")
    assert view.pain_points == []
    weeks = [d(MAR, 18), d(MAR, 25), d(APR, 1), d(APR, 15)]
    series = view.pain.series
    # 18 Mar: sessions 1-3 (3 had no after check); 25 Mar: 5 (after only) and 7.
    assert series["back_before"][0] == weeks
    assert series["back_before"][1] == pytest.approx([14 / 3, 4, 3, 2])
    assert series["leg_before"][1] == pytest.approx([19 / 3, 5, 4, 3])
    assert series["back_after"][1] == pytest.approx([4, 3.5, 2, 1])
    assert series["leg_after"][1] == pytest.approx([4.5, 5, 2.5, 2])
    assert plotted(view.pain_items["leg_after"])[0] == [day_x(week) + 3.5 for week in weeks]
    assert view.pain.y_label == "Weekly average pain (0–10)"
    assert view.pain.hover_at(day_x(d(MAR, 18)) + 2) == (
        "Week of Mon 18 Mar 2024, average of 3 sessions\n"
        "Back pain: 4.67 before, 4 after\nLeg pain: 6.33 before, 4.5 after"
    )
    assert view.pain.hover_at(day_x(d(APR, 8)) + 2) == ""
    view.set_range("3m")
    assert view.pain.y_label == "Pain (0 = none, 10 = worst)"
    assert view.pain_weeks == [] and len(view.pain_points) == 8


def test_completion_and_streaks(view: ProgressView) -> None:
    # Work steps from 25 March: done 3+3+3+2+3+2+2+3 of planned 3+3+3+4+3+4+4+3.
    assert view.completion == pytest.approx(21 / 27)
    assert view.completion_tile.value.text() == "78%"
    assert view.completion_tile.detail.text() == "of those planned, the last 4 weeks"
    # Plan met only in the week of 25 March; days in a row: 30 and 31 March, 1 April.
    assert view.streaks == Streaks(current_weeks=0, best_weeks=1, current_days=1, best_days=3)
    assert view.current_tile.value.text() == "0 weeks"
    assert view.current_tile.detail.text() == "on plan · 1 day in a row"
    assert view.best_tile.value.text() == "1 week"
    assert view.best_tile.detail.text() == "on plan · best run: 3 days"


def test_calendar_marks_each_day_exercised(view: ProgressView) -> None:
    assert view.calendar_days == [
        DayActivity(d(MAR, 18), 1, 1, 10.0),
        DayActivity(d(MAR, 20), 1, 1, 15.0),
        DayActivity(d(MAR, 22), 1, 0, 5.0),
        DayActivity(d(MAR, 25), 1, 1, 10.0),
        DayActivity(d(MAR, 30), 1, 1, 8.0),
        DayActivity(d(MAR, 31), 2, 2, 11.0),
        DayActivity(d(APR, 1), 1, 1, 9.0),
        DayActivity(d(APR, 3), 1, 0, pytest.approx(70 / 60)),
        DayActivity(d(APR, 4), 1, 1, 11.0),
        DayActivity(d(APR, 16), 1, 1, 10.0),
    ]
    calendar = view.calendar
    assert calendar.shown_weeks() >= 26  # at least six months
    assert calendar.last == TODAY
    box = calendar.cell_rect(d(MAR, 31))
    assert box is not None
    assert calendar.day_at(box.center().toPoint()) == d(MAR, 31)
    # Session 7 that day was stopped because pain spread down the leg: a red light.
    assert calendar.describe(d(MAR, 31)) == (
        "Sun 31 Mar 2024: 2 sessions, 11 min\nRed: worse or spreading"
    )
    assert calendar.describe(d(APR, 2)) == "Tue 2 Apr 2024: no exercise"
    assert [shade_level(m) for m in (0, 5, 10, 25, 45)] == [0, 1, 2, 3, 4]


def test_hovering_shows_the_value_and_date(view: ProgressView) -> None:
    assert view.adherence.hover_at(day_x(d(MAR, 25)) + 3.5) == (
        "Week of Mon 25 Mar 2024\n4 sessions done, plan 3"
    )
    assert view.adherence.hover_at(day_x(d(APR, 15)) + 3) == (
        "Week of Mon 15 Apr 2024 (so far)\n1 session done, plan 3"
    )
    assert view.minutes.hover_at(day_x(d(APR, 1)) + 4) == (
        "Week of Mon 1 Apr 2024\n21 minutes of exercise"
    )
    assert view.pain.hover_at(day_x(d(APR, 1)) + 0.6) == (
        "Mon 1 Apr 2024\nBack pain: 3 before, 2 after\nLeg pain: 4 before, 3 after"
    )
    assert view.pain.hover_at(day_x(d(MAR, 30)) + 0.5) == (
        "Sat 30 Mar 2024\nBack pain: – before, 3 after\nLeg pain: – before, 3 after"
    )
    assert view.pain.hover_at(day_x(d(APR, 10))) == ""  # nothing near


def test_moving_the_mouse_over_a_bar_shows_its_week(view: ProgressView) -> None:
    plot = view.adherence.plot
    box = plot.getPlotItem().vb
    over_bar = box.mapViewToScene(QPointF(day_x(d(APR, 1)) + 3.5, 1.0))
    QTest.mouseMove(plot.viewport(), plot.mapFromScene(over_bar))
    assert view.adherence.hover_text == "Week of Mon 1 Apr 2024\n2 sessions done, plan 3"
    between_bars = box.mapViewToScene(QPointF(day_x(d(APR, 8)) - 0.2, 1.0))
    QTest.mouseMove(plot.viewport(), plot.mapFromScene(between_bars))
    assert view.adherence.hover_text == ""


def test_ranges_cover_whole_weeks_up_to_today(view: ProgressView) -> None:
    view.set_range("3m")
    weeks = view.adherence.series["done"][0]
    assert (weeks[0], weeks[-1], len(weeks)) == (d(1, 22), d(APR, 15), 13)
    view.set_range("1y")
    assert len(view.adherence.series["done"][0]) == 52
    view.set_range("all")
    weeks, done = view.adherence.series["done"]
    assert weeks == [d(MAR, 18), d(MAR, 25), d(APR, 1), d(APR, 8), d(APR, 15)]
    assert done == [2.0, 4.0, 2.0, 0.0, 1.0]
    assert view.completion_tile.detail.text() == "of those planned, since Mon 18 Mar 2024"
    assert view.range_buttons["all"].isChecked()
    with pytest.raises(ValueError, match="unknown range"):
        view.set_range("decade")


def test_weeks_before_the_first_session_are_not_counted_or_planned(view: ProgressView) -> None:
    view.set_range("3m")  # 22 January on; the plan and the first session date from 18 March
    planned = view.adherence.series["plan"][1]
    assert planned == [0.0] * 8 + [3.0] * 5
    assert [w.counted for w in view.adherence_series] == [False] * 8 + [True] * 5
    plan_x, plan_y = plotted(view.plan_line)
    assert plan_x[0] == day_x(d(MAR, 18)) and plan_y == [3.0] * 5  # the line starts there
    assert view.adherence.hover_at(day_x(d(MAR, 4)) + 3.5) == (
        "Week of Mon 4 Mar 2024\nBefore you started: not counted"
    )


def test_all_goes_back_to_a_plan_set_before_the_first_session(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    with SessionLog(tmp_path / "planned.db") as planned:
        planned.set_plan(WeeklyPlan(2), d(MAR, 4))  # a week before the first session
        started = datetime(2024, 3, 13, 9, tzinfo=LONDON)
        session_id = planned.start_session("gentle-start", "Gentle start", 600, 4, started)
        planned.finish_session(session_id, "completed", started + timedelta(minutes=10), 600.0)
        view = ProgressView(planned, lambda: d(APR, 8), range_key="all")
        qtbot.addWidget(view)
        first = view.adherence_series[0]
        assert (first.week_start, first.sessions_done, first.planned) == (d(MAR, 4), 0, 2)
        assert view.completion_tile.detail.text() == "of those planned, since Mon 4 Mar 2024"


def test_changing_the_plan_saves_it_and_redraws(view: ProgressView, log: SessionLog) -> None:
    assert log.plan() == PLAN
    assert view.plan_count.value() == 3
    view.plan_count.setValue(2)
    assert log.plan() == WeeklyPlan(2)
    assert log.plan_history()[-1].effective_from == TODAY  # effective from today
    # Only this week takes the new plan; earlier weeks are still judged by 3, so the weeks of
    # 18 March (2 done) and 1 April (2 done) still miss it and the best run stays 1 week.
    assert view.adherence.series["plan"][1] == [3.0, 3.0, 3.0, 2.0]
    assert view.streaks is not None and view.streaks.best_weeks == 1
    assert view.adherence.hover_at(day_x(d(APR, 15)) + 3) == (
        "Week of Mon 15 Apr 2024 (so far)\n1 session done, plan 2"
    )

    for weekday in (0, 2, 4):  # Monday, Wednesday, Friday
        view.plan_days[weekday].click()
    assert log.plan() == WeeklyPlan(2, frozenset({0, 2, 4}))
    assert view.adherence.series["plan"][1] == [3.0] * 4
    assert (view.plan_count.value(), view.plan_count.isEnabled()) == (3, False)
    for weekday in (0, 2, 4):
        view.plan_days[weekday].click()
    assert log.plan() == WeeklyPlan(2)  # the chosen count comes back
    assert (view.plan_count.value(), view.plan_count.isEnabled()) == (2, True)


def test_a_range_without_sessions_says_so_instead_of_drawing_empty_axes(
    qtbot,  # type: ignore[no-untyped-def]
    log: SessionLog,
) -> None:
    later = ProgressView(log, lambda: date(2024, 9, 4))
    qtbot.addWidget(later)
    later.set_range("4w")
    assert not later.is_empty
    assert later.adherence.is_empty
    assert "No finished sessions in the last 4 weeks" in later.adherence.empty.text()
    assert later.minutes.is_empty and later.pain.is_empty
    later.set_range("all")
    assert not later.adherence.is_empty and not later.pain.is_empty


def test_an_empty_log_shows_a_friendly_message(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with SessionLog(tmp_path / "empty.db") as empty:
        view = ProgressView(empty, lambda: TODAY)
        qtbot.addWidget(view)
        view.show()
        assert view.is_empty
        assert "No sessions yet" in view.empty_page.text()
        assert not view.range_buttons["4w"].isVisible()
        assert view.plan_tile.isVisible()  # the plan can be set before the first session
        view.plan_count.setValue(4)
        assert empty.plan() == WeeklyPlan(4)


def test_colours_follow_a_dark_palette(view: ProgressView) -> None:
    assert not view.colours.dark
    light_background = view.pain.plot.backgroundBrush().color()
    dark = QPalette(view.palette())
    for role, colour in (
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.Base, "#1b1b1d"),
        (QPalette.ColorRole.Text, "#e8e8e8"),
        (QPalette.ColorRole.WindowText, "#e8e8e8"),
    ):
        dark.setColor(role, QColor(colour))
    view.setPalette(dark)
    assert view.colours.dark
    assert view.pain.plot.backgroundBrush().color() == QColor("#1b1b1d")
    assert view.pain.plot.backgroundBrush().color() != light_background
    assert view.calendar.colours.dark
    assert not view.grab().isNull()


def test_date_ticks_step_from_weeks_to_years() -> None:
    weekly = date_ticks(d(MAR, 24), d(APR, 21), 500)
    assert weekly == [d(MAR, 25), d(APR, 1), d(APR, 8), d(APR, 15)]
    assert [tick_label(t, weekly) for t in weekly] == ["25 Mar", "1 Apr", "8 Apr", "15 Apr"]
    monthly = date_ticks(date(2023, 10, 20), d(APR, 20), 500)
    assert monthly[0] == date(2023, 11, 1) and monthly[-1] == d(APR, 1)
    assert [tick_label(t, monthly) for t in monthly[:3]] == ["Nov", "Dec", "Jan 2024"]
    yearly = date_ticks(date(2015, 1, 5), d(APR, 20), 500)
    assert [tick_label(t, yearly) for t in yearly][:2] == ["2016", "2018"]


def load_demo_tool(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    path = Path(__file__).parent.parent / "tools" / "make_demo_data.py"
    spec = importlib.util.spec_from_file_location("make_demo_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # its dataclasses look it up there
    spec.loader.exec_module(module)
    return module


def test_demo_data_is_varied_and_repeatable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = load_demo_tool(monkeypatch)
    end = date(2025, 4, 16)
    assert (
        tool.main(["--data-dir", str(tmp_path / "a"), "--months", "6", "--end", "2025-04-16"]) == 0
    )
    with SessionLog(tmp_path / "a" / "sessions.sqlite3") as demo:
        sessions = demo.sessions()
        outcomes = {(s.status, s.stop_reason) for s in sessions}
        assert {
            ("completed", None),
            ("interrupted", None),
            ("stopped", "pain_spreading"),
        } <= outcomes
        assert sum(s.work_skipped for s in sessions) > 20
        assert sum(1 for s in sessions if s.notes) > 5
        assert 80 < len(sessions) < 130  # about four a week
        assert demo.plan() == WeeklyPlan(4)
        weeks = stats.pain_by_week(demo, end - timedelta(days=182), end)
        early = [w.leg_before for w in weeks[:6] if w.leg_before is not None]
        late = [w.leg_before for w in weeks[-6:] if w.leg_before is not None]
        assert sum(late) / len(late) < sum(early) / len(early) - 1.5  # easing over time
        first = [(s.started_at, s.routine_id, s.status, s.active_seconds) for s in sessions]
    # The same seed and end date give the same history; a full folder is refused.
    tool.make_demo_data(tmp_path / "b", 6, 7, end, tool.ZoneInfo("Europe/London"))
    with SessionLog(tmp_path / "b" / "sessions.sqlite3") as again:
        assert [
            (s.started_at, s.routine_id, s.status, s.active_seconds) for s in again.sessions()
        ] == first
    assert tool.main(["--data-dir", str(tmp_path / "b"), "--end", "2025-04-16"]) == 1

"""Time to open the Progress view on ten years of history, against the raw SQL it needs.

Builds the 10-year log of benchmarks/log_scale.py (3,650 sessions, about 60,000 steps), then,
offscreen, times from constructing a ProgressView to a finished grab() (every chart and the
calendar painted into a pixmap) for the 3-month (default), 1-year and "All" ranges. The SQL
side runs the same aggregates straight through sqlite3: weekly and daily totals, work-step
totals and pain (per session, or weekly means for a year and more). Each figure is the median
of several rounds; importing pyqtgraph (once per run of the app) and the very first open are
reported apart. Exits 1 if the slowest open misses the target.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/progress_view.py
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from log_scale import build  # benchmarks/ is on sys.path when this file is run
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import STOP_RULE_REASONS
from sciatica_coach.core.stats import week_start

ROUNDS = 15
TARGET_MS = 150.0
SIZE = (1110, 760)  # the Progress page of a 1280 x 800 window, beside the navigation list

REASONS = ", ".join(f"'{reason}'" for reason in sorted(STOP_RULE_REASONS))
DONE = f"(status = 'completed' OR (status = 'stopped' AND stop_reason IN ({REASONS})))"
TOTALS = f"SELECT {{period}} AS p, COUNT(*), SUM({DONE}), SUM(active_seconds) FROM sessions"
WEEK = "date(local_date, 'weekday 0', '-6 days')"
RAW_QUERIES = {
    # first week, and the week and day runs for the streaks: over all history
    "weeks (all)": (
        TOTALS.format(period=WEEK) + " WHERE local_date <= :end AND status != 'in_progress'"
        " GROUP BY p ORDER BY p"
    ),
    "days (all)": (
        TOTALS.format(period="local_date")
        + " WHERE local_date <= :end AND status != 'in_progress' GROUP BY p ORDER BY p"
    ),
    # adherence and minutes use the weekly totals over the range (each asks once)
    "weeks (range)": (
        TOTALS.format(period=WEEK) + " WHERE local_date BETWEEN :start AND :end"
        " AND status != 'in_progress' GROUP BY p ORDER BY p"
    ),
    "weeks (range, again)": (
        TOTALS.format(period=WEEK) + " WHERE local_date BETWEEN :start AND :end"
        " AND status != 'in_progress' GROUP BY p ORDER BY p"
    ),
    "work steps (range)": """
        SELECT COALESCE(SUM(s.planned_work_steps), 0),
               COALESCE(SUM((SELECT COUNT(*) FROM steps AS t WHERE t.session_id = s.id
                             AND t.kind = 'work' AND t.status = 'done')), 0)
        FROM sessions AS s
        WHERE s.local_date BETWEEN :start AND :end AND s.status != 'in_progress'""",
    "pain (range)": """
        SELECT s.local_date, s.id, pb.back, pb.leg, pa.back, pa.leg
        FROM sessions AS s
        LEFT JOIN pain_checks AS pb ON pb.session_id = s.id AND pb.moment = 'before'
        LEFT JOIN pain_checks AS pa ON pa.session_id = s.id AND pa.moment = 'after'
        WHERE s.local_date BETWEEN :start AND :end
          AND (pb.session_id IS NOT NULL OR pa.session_id IS NOT NULL)
        ORDER BY s.local_date, s.started_at, s.id""",
    "pain by week (range)": """
        SELECT date(s.local_date, 'weekday 0', '-6 days') AS week, COUNT(*),
               AVG(pb.back), AVG(pb.leg), AVG(pa.back), AVG(pa.leg)
        FROM sessions AS s
        LEFT JOIN pain_checks AS pb ON pb.session_id = s.id AND pb.moment = 'before'
        LEFT JOIN pain_checks AS pa ON pa.session_id = s.id AND pa.moment = 'after'
        WHERE s.local_date BETWEEN :start AND :end
          AND (pb.session_id IS NOT NULL OR pa.session_id IS NOT NULL)
        GROUP BY week ORDER BY week""",
    "days (calendar year)": (
        TOTALS.format(period="local_date")
        + " WHERE local_date BETWEEN :year_ago AND :end AND status != 'in_progress'"
        " GROUP BY p ORDER BY p"
    ),
}


def median_ms(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def raw_sql_ms(path: Path, start: date, end: date, weekly_pain: bool) -> float:
    """Median time of the view's aggregates run one after another through sqlite3 (pain per
    session or per week, as the view asks for the range)."""
    conn = sqlite3.connect(path)
    skip = "pain (range)" if weekly_pain else "pain by week (range)"
    queries = [sql for name, sql in RAW_QUERIES.items() if name != skip]
    params = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "year_ago": (week_start(end) - timedelta(weeks=52)).isoformat(),
    }

    def run_all() -> None:
        for sql in queries:
            conn.execute(sql, params).fetchall()

    run_all()  # warm the page cache and statement cache, as the view's rounds are warm too
    result = median_ms(run_all)
    conn.close()
    return result


def has_colour(image: QImage, colour: QColor) -> bool:
    """Whether any pixel (on a coarse grid) is close to colour: proof a chart was drawn."""
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            pixel = image.pixelColor(x, y)
            if (
                abs(pixel.red() - colour.red())
                + abs(pixel.green() - colour.green())
                + abs(pixel.blue() - colour.blue())
                < 12
            ):
                return True
    return False


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="sciatica-coach-bench-") as folder:
        path = Path(folder) / "sessions.db"
        started = time.perf_counter()
        sessions, steps, pains = build(path)
        built = time.perf_counter() - started
        log = SessionLog(path)
        newest = log.sessions(limit=1)[0].local_date
        first = log.sessions()[-1].local_date

        started = time.perf_counter()
        from sciatica_coach.ui import progress

        imported_ms = (time.perf_counter() - started) * 1000

        def open_view(range_key: str) -> tuple[float, QImage, QImage]:
            """Milliseconds from nothing to a painted view, what was painted, and the calendar
            (below the charts, reached by scrolling, so drawn apart and not timed)."""
            started = time.perf_counter()
            view = progress.ProgressView(log, lambda: newest, range_key=range_key)
            view.resize(*SIZE)
            view.show()
            pixmap = view.grab()
            elapsed = (time.perf_counter() - started) * 1000
            calendar = view.calendar.grab().toImage()
            view.close()
            view.deleteLater()
            app.processEvents()  # dispose of it before the next round
            return elapsed, pixmap.toImage(), calendar

        def measure(range_key: str) -> float:
            return statistics.median(open_view(range_key)[0] for _ in range(ROUNDS))

        first_open_ms, image, calendar = open_view(progress.DEFAULT_RANGE)
        colours = progress.ChartColours.from_palette(app.palette())
        drawn = {
            name: has_colour(calendar if name == "calendar" else image, colour)
            for name, colour in (
                ("sessions", colours.sessions),
                ("minutes", colours.minutes),
                ("back pain", colours.back),
                ("leg pain", colours.leg),
                ("calendar", colours.shades[4]),
            )
        }
        assert all(drawn.values()), f"a chart was not drawn: {drawn}"

        rows = []
        for range_key, weeks in (("3m", 13), ("1y", 52), ("all", None)):
            view_ms = measure(range_key)
            start = first if weeks is None else week_start(newest) - timedelta(weeks=weeks - 1)
            sql_ms = raw_sql_ms(path, start, newest, range_key in progress.WEEKLY_PAIN_RANGES)
            rows.append((range_key, view_ms, sql_ms))

        switch_view = progress.ProgressView(log, lambda: newest)
        switch_view.resize(*SIZE)
        switch_view.show()
        switch_view.grab()

        def switch_to_all_and_back() -> None:
            switch_view.set_range("all")
            switch_view.grab()
            switch_view.set_range("3m")
            switch_view.grab()

        switch_ms = median_ms(switch_to_all_and_back) / 2
        switch_view.close()
        log.close()

    print(
        f"Session log {first} to {newest}: {sessions:,} sessions, {steps:,} steps, "
        f"{pains:,} pain checks (built in {built:.1f} s)"
    )
    print(
        f"Qt {QApplication.platformName()} platform, view {SIZE[0]}x{SIZE[1]}, "
        f"median of {ROUNDS} rounds; SQLite {sqlite3.sqlite_version}"
    )
    print()
    print(f"import pyqtgraph + progress module (once per run): {imported_ms:8.1f} ms")
    print(f"very first open, default range (caches cold):      {first_open_ms:8.1f} ms")
    print(f"switch range and repaint, existing view:           {switch_ms:8.1f} ms")
    print()
    print(f"{'range':<8}{'open to first paint ms':>24}{'raw SQL ms':>12}{'ratio':>8}")
    print("-" * 52)
    for range_key, view_ms, sql_ms in rows:
        print(f"{range_key:<8}{view_ms:>24.1f}{sql_ms:>12.2f}{view_ms / sql_ms:>7.1f}x")
    worst = max(view_ms for _key, view_ms, _sql in rows)
    verdict = "within" if worst < TARGET_MS else "OVER"
    print(f"\nslowest open {worst:.1f} ms: {verdict} the {TARGET_MS:.0f} ms target")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())

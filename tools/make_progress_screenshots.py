"""Screenshots of the Progress and History screens at 1280x800, from six months of demo data.

Runs offscreen in a temporary data folder filled by make_demo_data.py (fixed seed and end
date), so the pictures are the same every time. They show the real main window. Progress is
shot twice: at the top, and scrolled down to how far down the leg and the calendar, with
next-morning checks added over the last two months so the calendar has every light.

    .venv/bin/python tools/make_progress_screenshots.py             # docs/screenshots/
    .venv/bin/python tools/make_progress_screenshots.py --dark --out /tmp/shots
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from make_demo_data import make_demo_data  # tools/ is on sys.path when this file is run
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow

from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import COMPLETED, SYMPTOM_REACH
from sciatica_coach.core.symptoms import BETTER, SAME, WORSE, MorningCheck
from sciatica_coach.ui.app import MainWindow, build_context
from sciatica_coach.ui.history import HistoryView
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.progress import ProgressView

END = date(2025, 4, 16)
SIZE = (1280, 800)
DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.Highlight: "#2f65ca",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.Mid: "#555555",
    QPalette.ColorRole.PlaceholderText: "#8a8a8a",
}


MORNING_WEEKS = 8
ZONE = ZoneInfo("Europe/London")


def add_morning_checks(log: SessionLog, end: date) -> int:
    """Next-morning checks for the completed sessions of the last weeks: mostly settled,
    now and then the same, and every seventh worse, reaching one place further down."""
    since = end - timedelta(weeks=MORNING_WEEKS)
    added = 0
    for n, record in enumerate(reversed(log.sessions(since, end - timedelta(days=1)))):
        if record.status != COMPLETED or record.pain_before is None:
            continue
        before = record.pain_before
        reach, leg, compared = before.reach, max(0, before.leg - 1), BETTER
        if n % 7 == 3:
            compared, leg = WORSE, min(10, before.leg + 2)
            if reach is not None and reach != SYMPTOM_REACH[-1]:
                reach = SYMPTOM_REACH[SYMPTOM_REACH.index(reach) + 1]
        elif n % 3 == 1:
            compared, leg = SAME, before.leg
        morning = record.local_date + timedelta(days=1)
        taken = datetime.combine(morning, time(8, 0), ZONE)
        log.record_morning_check(
            MorningCheck(record.id, compared, before.back, leg, reach, taken, morning)
        )
        added += 1
    return added


def shoot(window: QMainWindow, target: Path) -> None:
    for _ in range(3):
        QApplication.processEvents()
    window.grab().save(str(target))
    print(f"wrote {target}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--dark", action="store_true", help="use a dark palette")
    parser.add_argument("--range", default="all", help="Progress range: 4w, 3m, 1y or all")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    if args.dark:
        palette = QPalette()
        for role, colour in DARK.items():
            palette.setColor(role, QColor(colour))
        for role in (
            QPalette.ColorRole.WindowText,
            QPalette.ColorRole.Text,
            QPalette.ColorRole.ButtonText,
        ):
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#777777"))
        app.setPalette(palette)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "-dark" if args.dark else ""
    with tempfile.TemporaryDirectory(prefix="sciatica-coach-shots-") as folder:
        data = Path(folder)
        make_demo_data(data, 6, 7, END, ZONE)
        context = build_context(data)
        add_morning_checks(context.log, END)
        context.now = lambda: datetime.combine(END, time(18, 0), ZONE)
        context.cue_player = None
        window = MainWindow(context)
        window.resize(*SIZE)
        window.show()
        window.show_page(Page.PROGRESS)
        progress = window.progress_page.content()
        assert isinstance(progress, ProgressView)
        progress.set_range(args.range)
        shoot(window, args.out / f"progress{suffix}.png")
        bar = progress.scroller.verticalScrollBar()
        bar.setValue(bar.maximum())
        QCoreApplication.processEvents()
        shoot(window, args.out / f"progress-symptoms{suffix}.png")
        window.show_page(Page.HISTORY)
        history = window.history_page.content()
        assert isinstance(history, HistoryView)
        log = context.log
        # A session stopped because pain spread, with a note and, if any, skipped steps.
        stopped = max(
            (r for r in log.sessions() if r.stop_reason == "pain_spreading" and r.notes),
            key=lambda r: r.work_skipped,
        ).id
        history.select_session(stopped)
        shoot(window, args.out / f"history{suffix}.png")
        window.close()
        log.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

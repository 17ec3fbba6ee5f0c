"""Screenshots of the Progress and History screens at 1280x800, from six months of demo data.

Runs offscreen in a temporary data folder filled by make_demo_data.py (fixed seed and end
date), so the pictures are the same every time. The views sit beside a navigation list like
the main window's.

    .venv/bin/python tools/make_progress_screenshots.py             # docs/screenshots/
    .venv/bin/python tools/make_progress_screenshots.py --dark --out /tmp/shots
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from make_demo_data import make_demo_data  # tools/ is on sys.path when this file is run
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from sciatica_coach.core import paths
from sciatica_coach.core.log import SessionLog

END = date(2025, 4, 16)
SIZE = (1280, 800)
PAGES = ("Today", "Routines", "Progress", "History")
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


def window_around(page: QWidget, row: int) -> QMainWindow:
    """A window like the app's: menus, the navigation list on the left, the page beside it."""
    window = QMainWindow()
    window.setWindowTitle("Sciatica Coach")
    for title in ("&File", "&View", "&Help"):
        window.menuBar().addMenu(title)
    nav = QListWidget()
    nav.addItems(list(PAGES))
    nav.setFixedWidth(170)
    nav.setStyleSheet("QListWidget { font-size: 16px; } QListWidget::item { padding: 10px; }")
    nav.setCurrentRow(row)
    pages = QStackedWidget()
    pages.addWidget(page)
    central = QWidget()
    layout = QHBoxLayout(central)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(nav)
    layout.addWidget(pages, 1)
    window.setCentralWidget(central)
    window.resize(*SIZE)
    return window


def shoot(window: QMainWindow, target: Path) -> None:
    window.show()
    for _ in range(3):
        QApplication.processEvents()
    window.grab().save(str(target))
    window.close()
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
    from sciatica_coach.ui.history import HistoryView
    from sciatica_coach.ui.progress import ProgressView

    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "-dark" if args.dark else ""
    with tempfile.TemporaryDirectory(prefix="sciatica-coach-shots-") as folder:
        data = Path(folder)
        make_demo_data(data, 6, 7, END, ZoneInfo("Europe/London"))
        with SessionLog(data / paths.DATABASE_NAME) as log:
            progress = ProgressView(log, lambda: END, range_key=args.range)
            shoot(window_around(progress, 2), args.out / f"progress{suffix}.png")
            history = HistoryView(log)
            # A session stopped because pain spread, with a note and, if any, skipped steps.
            stopped = max(
                (r for r in log.sessions() if r.stop_reason == "pain_spreading" and r.notes),
                key=lambda r: r.work_skipped,
            ).id
            history.select_session(stopped)
            shoot(window_around(history, 3), args.out / f"history{suffix}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

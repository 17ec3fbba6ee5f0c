"""Time to write a one-year progress report PDF (and, for scale, a session summary).

Writes a year of plausible history (tests/report_history.py: about 230 sessions and 10,000
steps) into a temporary log, then times `write_progress_report_pdf` end to end: the log
queries, both charts, the HTML, layout and the PDF file. The first run (fonts and caches
warming up) is reported apart; the figure is the median of the rounds after it, with the
gathering and the charts also timed alone. Exits 1 if the median misses the target.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/report.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from PySide6.QtGui import QGuiApplication

from report_history import write_history
from sciatica_coach.core.library import load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.report import charts, html
from sciatica_coach.report.documents import write_progress_report_pdf, write_session_summary_pdf
from sciatica_coach.report.progress_report import gather_progress

ROUNDS = 9
TARGET_SECONDS = 0.5
START, END = date(2024, 1, 1), date(2024, 12, 31)


def median_seconds(action: Callable[[], object], rounds: int = ROUNDS) -> tuple[float, float]:
    """(first run, median of the following rounds) in seconds."""
    times = []
    for _ in range(rounds + 1):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times[0], statistics.median(times[1:])


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    library = load_library(None)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        with SessionLog(out / "sessions.sqlite3") as log:
            facts = write_history(log, library, START, END)
            steps = sum(len(log.steps(i)) for i in facts.session_ids)
            print(f"history: {len(facts.session_ids)} sessions, {steps} steps, {START} to {END}")
            pdf = out / "year.pdf"
            first, median = median_seconds(
                lambda: write_progress_report_pdf(log, START, END, pdf, paper="a4")
            )
            pages = write_progress_report_pdf(log, START, END, pdf, paper="a4")
            _, gathering = median_seconds(lambda: gather_progress(log, START, END))
            report = gather_progress(log, START, END)
            _, drawing = median_seconds(
                lambda: (
                    charts.adherence_chart(report.weeks, html.CHART_SIZE),
                    charts.pain_chart(report.weeks, html.CHART_SIZE),
                )
            )
            last = log.sessions()[0].id
            _, summary = median_seconds(
                lambda: write_session_summary_pdf(log, library, last, out / "summary.pdf")
            )
            size = pdf.stat().st_size
    print(f"one-year report: {pages} pages, {size / 1024:.0f} KiB")
    print(f"  first run {first:.3f} s (fonts and caches warming up)")
    print(f"  median of {ROUNDS} rounds: {median:.3f} s (target under {TARGET_SECONDS} s)")
    print(f"    of which gathering from the log {gathering:.3f} s, both charts {drawing:.3f} s")
    print(f"session summary: median {summary:.3f} s")
    del app
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())

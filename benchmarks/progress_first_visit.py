"""How soon Progress shows itself the first time it is opened, with pyqtgraph not loaded
ahead (issue 17, target 2): its frame and figures, then every chart, then a second visit.

In a fresh interpreter, offscreen at 1280x800: the main window (`build_main_window`, as the
app makes it, drawing a page's frame first) over a data folder holding the 10-year log of
benchmarks/log_scale.py (3,650 sessions), its clock at the log's last day. Once Today is on
screen, Progress is opened, and the times are taken from that moment to the first paint of
- the figures (the "Exercises done" tile, once it holds its figure),
- every chart's plot (each plot's first paint; the last one counts),
then Today is shown again and Progress once more, timed to the next paint of its charts.
Each figure is the median of a few runs, each in its own interpreter.

    .venv/bin/python benchmarks/progress_first_visit.py
"""

from __future__ import annotations

import statistics
import sys

from common import ROOT, load_note, platform_env, run_child, value, verdict

RUNS = 3
FIGURES_MS = 100.0
CHARTS_MS = 500.0
AGAIN_MS = 150.0

VISIT = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer, Qt
sys.path[:0] = [os.path.join(sys.argv[1], "benchmarks")]
import log_scale
from sciatica_coach.ui.app import make_application
from sciatica_coach.ui.pages import Page
app = make_application()
window = log_scale.window_on_ten_years()
window.resize(1280, 800)
window.show()
print("painted", flush=True)
times = {}
class Painted(QObject):
    # Notes when each watched widget is first painted (after ``since``) under its name.
    def __init__(self):
        super().__init__()
        self.names, self.since = {}, 0.0
    def watch(self, widget, name):
        self.names[widget] = name
        widget.installEventFilter(self)
    def eventFilter(self, obj, event):
        name = self.names.get(obj)
        if name is not None and event.type() == QEvent.Type.Paint and name not in times:
            if name != "figures" or view().completion_tile.value.text() != "–":
                times[name] = (time.perf_counter() - self.since) * 1000
        return False
painted = Painted()
def view():
    return window.progress_page.content()
def watch_first_visit():
    # The page and its plots come one by one; watch each as soon as it is there.
    if window.progress_page.built:
        page = view()
        if "figures" not in painted.names.values():
            painted.watch(page.completion_tile.value, "figures")
        for n, card in enumerate(page.cards):
            if card.plot is not None and f"chart {n}" not in painted.names.values():
                painted.watch(card.plot.viewport(), f"chart {n}")
    if sum(name.startswith("chart") for name in times) == 4:
        print(f"figures {times['figures']:.1f}", flush=True)
        print(f"charts {max(v for k, v in times.items() if k != 'figures'):.1f}", flush=True)
        QTimer.singleShot(300, visit_again)
        return
    if (time.perf_counter() - painted.since) > 10:
        print("charts never painted", flush=True)
        app.quit()
        return
    QTimer.singleShot(1, watch_first_visit)
def first_visit():
    painted.since = time.perf_counter()
    window.show_page(Page.PROGRESS)
    watch_first_visit()
def visit_again():
    window.show_page(Page.TODAY)
    app.processEvents()
    times.clear()
    painted.names = {card.plot.viewport(): f"chart {n}" for n, card in enumerate(view().cards)}
    painted.since = time.perf_counter()
    window.show_page(Page.PROGRESS)
    QTimer.singleShot(1000, report)
def report():
    print(f"again {max(times.values()):.1f}", flush=True)
    app.quit()
QTimer.singleShot(500, first_visit)
app.exec()
"""


def main() -> int:
    print(f"Progress, first visit over a 10-year log, offscreen 1280x800; {load_note()}")
    runs: list[tuple[float, float, float]] = []
    with platform_env("offscreen") as env:
        for _ in range(RUNS):
            _, lines = run_child(VISIT, str(ROOT), env=env, timeout=300)
            runs.append((value(lines, "figures"), value(lines, "charts"), value(lines, "again")))
    print(f"{'run':<6}{'figures ms':>12}{'charts ms':>12}{'again ms':>11}")
    for n, (figures, charts, again) in enumerate(runs, start=1):
        print(f"{n:<6}{figures:>12.1f}{charts:>12.1f}{again:>11.1f}")
    figures, charts, again = (statistics.median(column) for column in zip(*runs, strict=True))
    passed = verdict(
        "Progress first visit, frame and figures",
        f"{figures:.0f} ms",
        f"< {FIGURES_MS:.0f} ms",
        figures < FIGURES_MS,
    )
    passed &= verdict(
        "Progress first visit, every chart",
        f"{charts:.0f} ms",
        f"< {CHARTS_MS:.0f} ms",
        charts < CHARTS_MS,
    )
    passed &= verdict(
        "Progress second visit, every chart",
        f"{again:.0f} ms",
        f"< {AGAIN_MS:.0f} ms",
        again < AGAIN_MS,
    )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())

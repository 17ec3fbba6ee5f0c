"""Time to the first painted main window, against a bare PySide6 window of the same size.

Each round starts a fresh interpreter for each side, so imports count, and the two sides
alternate so that a busy moment on the machine hits both. The figure is the median ratio.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 7

PAINT_WATCHER = """
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
            self.deleteLater()
        return False
"""

BARE = (
    "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication([])\n" + PAINT_WATCHER + "window = QMainWindow()\n"
    "window.resize(1280, 800)\n"
    "watcher = FirstPaint(); window.installEventFilter(watcher)\n"
    "window.show()\n"
    "app.exec()\n"
)

APP = (
    "import sys\n"
    "from pathlib import Path\n"
    "from sciatica_coach.ui.app import make_application\n"
    "app = make_application()\n"
    + PAINT_WATCHER
    + "from sciatica_coach.ui.app import build_main_window\n"
    "window = build_main_window(Path(sys.argv[1]))\n"
    "watcher = FirstPaint(); window.installEventFilter(watcher)\n"
    "window.show()\n"
    "app.exec()\n"
    "leaked = [m for m in ('pyqtgraph', 'numpy') if m in sys.modules]\n"
    "print('heavy imports:', leaked or 'none', flush=True)\n"
)


def time_to_paint(code: str, *args: str) -> tuple[float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = time.perf_counter() - started
    rest, _ = process.communicate(timeout=60)
    if line.strip() != "painted":
        raise RuntimeError(f"child did not paint: {line!r}")
    return elapsed, rest.strip()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        bare_times: list[float] = []
        app_times: list[float] = []
        note = ""
        for _ in range(ROUNDS):
            bare, _ = time_to_paint(BARE)
            app, note = time_to_paint(APP, str(data))
            bare_times.append(bare)
            app_times.append(app)
        ratios = [a / b for a, b in zip(app_times, bare_times, strict=True)]
        print(f"rounds: {ROUNDS} (fresh interpreter each, offscreen, 1280x800)")
        print(f"bare PySide6 window: median {statistics.median(bare_times) * 1000:.0f} ms")
        print(f"Sciatica Coach main window: median {statistics.median(app_times) * 1000:.0f} ms")
        print(f"median ratio app/bare: {statistics.median(ratios):.2f}")
        print(note)


if __name__ == "__main__":
    main()

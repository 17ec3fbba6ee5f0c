"""What the benchmarks share: a bare PySide6 window to compare with, a private X server, the
resident memory of a process, and the one-line verdict that `make bench` collects.

Every figure is measured in fresh interpreters started from here, so imports count and one
benchmark's caches never help another. Children get a bytecode cache of their own (as an
installed app has one), never the checkout's source folders.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYCACHE = Path(tempfile.gettempdir()) / "sciatica-coach-bench-pycache"
SIZE = (1280, 800)
VERDICT_PREFIX = "TARGET"

# A bare window that tells its parent when it is first painted, then idles or quits.
PAINT_WATCHER = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def __init__(self, then):
        super().__init__()
        self.then, self.done = then, False
    def eventFilter(self, obj, event):
        if not self.done and event.type() == QEvent.Type.Paint and obj.isWindow():
            self.done = True
            print("painted", flush=True)
            QTimer.singleShot(0, self.then)
        return False
def resident_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0
"""

BARE_WINDOW = (
    PAINT_WATCHER + "from PySide6.QtWidgets import QApplication, QMainWindow\n"
    "app = QApplication(sys.argv[:1])\n"
    "window = QMainWindow()\n"
    f"window.resize({SIZE[0]}, {SIZE[1]})\n"
    "idle = float(sys.argv[1]) if len(sys.argv) > 1 else 0.0\n"
    "def after_paint():\n"
    "    QTimer.singleShot(int(idle * 1000), lambda: (print(f'rss {resident_mb():.1f}',"
    " flush=True), app.quit()))\n"
    "watcher = FirstPaint(after_paint)\n"
    "window.installEventFilter(watcher)\n"
    "window.show()\n"
    "app.exec()\n"
)


# The least any start of this app can do before its first paint, as a yardstick for the
# start-up target: the data folder's lock, the app log and the language, then the window's
# frame as the app first paints it (side bar, Today's heading, four menu titles, the icon up
# to 64 px), built straight from PySide with none of the app's own modules or pages: no log,
# no routines, no second-launch listener, no focus ring, and nothing that uses Qt's ``Qt``
# namespace (PySide makes its 93 enums, about 13 ms, on first use).
LEAST_WINDOW = (
    PAINT_WATCHER
    + """
from pathlib import Path
from PySide6.QtCore import QSettings, QSize
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QListWidget, QMainWindow, QStackedWidget, QVBoxLayout,
    QWidget,
)
from sciatica_coach import applog
from sciatica_coach.core import paths
from sciatica_coach.core.instance_lock import InstanceLock
from sciatica_coach.i18n import _
from sciatica_coach.ui.pages import NAVIGATION
from sciatica_coach.ui.translation import apply_language
data = Path(sys.argv[1])
app = QApplication(sys.argv[:1])
icon = QIcon()
icons = paths.assets_dir() / "icons" / "hicolor"
for size in (16, 24, 32, 48, 64):
    png = icons / f"{size}x{size}" / "apps" / "sciatica-coach.png"
    icon.addFile(str(png), QSize(size, size))
app.setWindowIcon(icon)
lock = InstanceLock.acquire(paths.ensure_private_dir(data))
applog.start_app_log(data)
apply_language(app, QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat))
window = QMainWindow()
window.setWindowTitle("Sciatica Coach")
nav = QListWidget()
nav.addItems([_(page.value) for page in NAVIGATION])
nav.setFixedWidth(150)
# ui.colours.NAVIGATION_STYLE, written out: importing ui.colours brings core.timeline along.
nav.setStyleSheet("QListWidget { font-size: 16px; } QListWidget::item { padding: 10px; }")
today = QWidget()
column = QVBoxLayout(today)
column.setContentsMargins(32, 24, 32, 24)
heading = QLabel("Today, Wednesday 2 December")
font = QFont(heading.font())
font.setPointSize(26)
font.setBold(True)
heading.setFont(font)
column.addWidget(heading)
column.addStretch(1)
pages = QStackedWidget()
pages.addWidget(today)
central = QWidget()
row = QHBoxLayout(central)
row.setContentsMargins(0, 0, 0, 0)
row.addWidget(nav)
row.addWidget(pages, 1)
window.setCentralWidget(central)
for title in ("&File", "&Edit", "&View", "&Help"):
    window.menuBar().addMenu(_(title))
nav.setCurrentRow(0)
"""
    + f"window.resize({SIZE[0]}, {SIZE[1]})\n"
    + """
watcher = FirstPaint(window.close)
window.installEventFilter(watcher)
window.show()
app.exec()
"""
)


# The app as a user starts it (`run_app`: the folder's lock, the app log, the second-launch
# server, the log, Today), over a data folder whose safety screen and symptom profile were
# already seen. After its first paint it idles, prints its resident memory, then visits
# every page, waits, prints it again and quits. It also prints how long after that paint
# Today was filled in (``filled``, ms): the window paints before Today reads the log.
# The paint watcher sits on the main window alone, as on the bare window: one on the whole
# application sees every event of every widget in Python (about 90 ms before the first paint
# offscreen, for the wrapper types of each kind of event), which only the app's side paid.
APP_WINDOW = (
    PAINT_WATCHER
    + """
from pathlib import Path
from PySide6.QtWidgets import QApplication, QMainWindow
from sciatica_coach.ui import app as app_module
from sciatica_coach.ui.app import make_application, run_app
data, idle, visit = Path(sys.argv[1]), float(sys.argv[2]), sys.argv[3] == "visit"
app = make_application()
def main_window():
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow))
def after_paint():
    QTimer.singleShot(int(idle * 1000), idled)
def idled():
    print(f"rss {resident_mb():.1f}", flush=True)
    leaked = [m for m in ("pyqtgraph", "numpy") if m in sys.modules]
    print("heavy", ",".join(leaked) or "none", flush=True)
    if not visit:
        main_window().close()
        return
    from sciatica_coach.ui.pages import NAVIGATION
    window = main_window()
    for page in NAVIGATION:
        window.show_page(page)
        app.processEvents()
    window.show_page(NAVIGATION[0])
    QTimer.singleShot(3000, visited)
def visited():
    print(f"visited {resident_mb():.1f}", flush=True)
    main_window().close()
class TimedPaint(FirstPaint):
    painted_at = None
    def eventFilter(self, obj, event):
        if self.painted_at is None and event.type() == QEvent.Type.Paint and obj.isWindow():
            self.painted_at = time.perf_counter()
        return super().eventFilter(obj, event)
watcher = TimedPaint(after_paint)
made = app_module.MainWindow.__init__
def watched(window, *args, **kwargs):
    made(window, *args, **kwargs)
    window.installEventFilter(watcher)
app_module.MainWindow.__init__ = watched
finish = getattr(app_module.MainWindow, "finish_start", None)
def finished(window):
    first = not window._started
    finish(window)
    if first and watcher.painted_at is not None:
        print(f"filled {(time.perf_counter() - watcher.painted_at) * 1000:.0f}", flush=True)
if finish is not None:
    app_module.MainWindow.finish_start = finished
sys.exit(run_app(data))
"""
)
SEEN_BEFORE = "[safety]\nacknowledged_version=2\n\n[coach]\nprofile_offered=true\n"


def returning_user(folder: Path) -> Path:
    """A data folder whose user has seen the safety screen and been offered the profile."""
    data = folder / "data"
    data.mkdir(mode=0o700, exist_ok=True)
    (data / "settings.ini").write_text(SEEN_BEFORE)
    return data


def child_env(platform: str, display: str | None = None) -> dict[str, str]:
    """The environment of a measured child: the Qt platform, this checkout's code, and a
    bytecode cache outside the checkout."""
    env = dict(os.environ, QT_QPA_PLATFORM=platform, PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    if display is not None:
        env["DISPLAY"] = display
    return env


def run_child(
    code: str, *args: str, env: dict[str, str], timeout: float = 120
) -> tuple[float, list[str]]:
    """Run ``code`` in a fresh interpreter; seconds until it printed ``painted``, and every
    other line it printed."""
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", code, *args],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        assert process.stdout is not None
        painted_after = float("nan")
        lines: list[str] = []
        for line in process.stdout:
            if line.strip() == "painted" and painted_after != painted_after:
                painted_after = time.perf_counter() - started
            else:
                lines.append(line.strip())
        process.wait(timeout=timeout)
        if process.returncode != 0 or painted_after != painted_after:
            errors.seek(0)
            said = errors.read().strip().splitlines()[-8:]
            raise RuntimeError(f"child failed ({process.returncode}): {said}")
    return painted_after, lines


def value(lines: list[str], key: str) -> float:
    """The number a child printed as ``key <number>``."""
    for line in lines:
        if line.startswith(key + " "):
            return float(line.split()[1])
    raise KeyError(f"{key} not printed: {lines[-5:]}")


# A pause longer than this in a thread that only sleeps 5 ms at a time is the machine's: the
# process was not run (another program, or the virtual machine itself was held up).
MACHINE_PAUSE_SECONDS = 0.015


@contextmanager
def machine_pauses() -> Iterator[list[tuple[float, float]]]:
    """While inside, a thread of this process sleeps 5 ms at a time; the list fills with the
    (start, end) of every wait that overran by over MACHINE_PAUSE_SECONDS, on the clock all
    processes share (time.monotonic). A child's stall that the same pause covers was not the
    child's doing: on a 2-CPU virtual machine a bare Qt timer here misses 50-100 ms now and
    then with no work at all to do."""
    pauses: list[tuple[float, float]] = []
    stop = threading.Event()

    def watch() -> None:
        before = time.monotonic()
        while not stop.wait(0.005):
            now = time.monotonic()
            if now - before > 0.005 + MACHINE_PAUSE_SECONDS:
                pauses.append((before, now))
            before = now

    watcher = threading.Thread(target=watch, name="machine-pauses", daemon=True)
    watcher.start()
    try:
        yield pauses
    finally:
        stop.set()
        watcher.join()


def own_part(gap: tuple[float, float], pauses: list[tuple[float, float]]) -> float:
    """Seconds of ``gap`` outside every machine pause (pauses do not overlap each other)."""
    start, end = gap
    covered = sum(max(0.0, min(end, b) - max(start, a)) for a, b in pauses)
    return max(0.0, end - start - covered)


@contextmanager
def x_server() -> Iterator[str | None]:
    """A private Xvfb display (its name), or None when Xvfb is not installed."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        yield None
        return
    read, write = os.pipe()
    process = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as answer:
        number = answer.readline().strip()
    try:
        yield f":{number}" if number else None
    finally:
        process.terminate()
        process.wait(timeout=10)


def platforms() -> list[str]:
    """offscreen always; xcb too when Xvfb can be started (SCIATICA_BENCH_PLATFORMS picks)."""
    chosen = os.environ.get("SCIATICA_BENCH_PLATFORMS", "offscreen,xcb")
    wanted = [p.strip() for p in chosen.split(",") if p.strip()]
    return [p for p in wanted if p != "xcb" or shutil.which("Xvfb")]


@contextmanager
def platform_env(platform: str) -> Iterator[dict[str, str]]:
    """The child environment for ``platform``, with its own X server for xcb."""
    if platform != "xcb":
        yield child_env(platform)
        return
    with x_server() as display:
        if display is None:
            raise RuntimeError("Xvfb did not start")
        yield child_env("xcb", display)


def verdict(name: str, measured: str, limit: str, passed: bool) -> bool:
    """Print the line `make bench` collects; returns ``passed``."""
    print(f"{VERDICT_PREFIX} {name}: {measured} (target {limit}) {'PASS' if passed else 'FAIL'}")
    return passed


def load_note() -> str:
    """The machine's load, printed with each run: a busy machine stretches every figure."""
    try:
        one, five, _fifteen = os.getloadavg()
    except OSError:
        return ""
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"

"""``sciatica-coach --self-test``: the whole app, offscreen, through one tiny routine.

It proves an install or a bundle can start Qt, find its assets, run a session through the
real main window, write it to a log, print its summary to PDF and draw a chart: the parts a
bundle may lack. A short routine runs on a fast fake clock in a temporary data folder, which
is removed afterwards. The user's own data is never opened.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sciatica_coach.core import paths
from sciatica_coach.core.library import Library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from sciatica_coach.ui.checkin import PainCheckInPanel

ROUTINE_ID = "self-test"
# Three steps: get ready, then two short holds of a built-in exercise, with no rest between.
# i18n: not words (a routine file the self-test writes; its name is not shown to anyone)
ROUTINE_TOML = """\
id = "self-test"
name = "Self-test"
prepare = 2
switch = 0

[[block]]
exercise = "child_pose"
hold = 3
sets = 1
sides = "none"
rest_after = 0

[[block]]
exercise = "double_knee_to_chest"
hold = 3
sets = 1
sides = "none"
rest_after = 0
"""
EXPECTED_STEPS = 3
TICK_SECONDS = 0.1
# The fake clock gives up well after the routine should have ended.
CLOCK_LIMIT_SECONDS = 120.0


class SelfTestError(Exception):
    """What went wrong, in one line."""


class FakeClock:
    """A monotonic clock that moves only when told, and the wall clock that goes with it."""

    def __init__(self) -> None:
        self.now = 0.0
        self._wall = datetime.now().astimezone()

    def __call__(self) -> float:
        return self.now

    def local(self) -> datetime:
        return self._wall + timedelta(seconds=self.now)


def run_self_test() -> int:
    """Run the self-test, print one line of result, and return the exit code (0 or 1)."""
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(
            prefix="sciatica-coach-self-test-", ignore_cleanup_errors=True
        ) as folder:
            summary = _run(Path(folder) / "data")
    except Exception as error:
        # The "self-test ok:" and "self-test FAILED:" prefixes stay English: scripts look for them.
        # i18n: not words (the self-test's result line, read by scripts)
        print(f"self-test FAILED: {type(error).__name__}: {error}", flush=True)
        return 1
    seconds = time.perf_counter() - started
    took = _("{summary} in {seconds} s").format(summary=summary, seconds=f"{seconds:.1f}")
    # i18n: not words (the self-test's result line, read by scripts)
    print(f"self-test ok: {took}", flush=True)
    return 0


def _run(data: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt is imported only now, after the platform is chosen.
    from PySide6.QtCore import qInstallMessageHandler

    from sciatica_coach.ui.app import make_application

    app = make_application()
    previous_handler = qInstallMessageHandler(_qt_message)
    try:
        summary = _run_session(app, data)
        _draw_chart(app)
        _check_numbers()
        _check_parts()
        return _("{steps}, summary printed, chart drawn").format(steps=summary)
    finally:
        qInstallMessageHandler(previous_handler)


def _run_session(app: QApplication, data: Path) -> str:
    from sciatica_coach.ui.app import MainWindow, build_context
    from sciatica_coach.ui.sound import CuePlayer

    routines = paths.user_routines_dir(paths.ensure_private_dir(data))
    routines.mkdir()
    (routines / f"{ROUTINE_ID}.toml").write_text(ROUTINE_TOML, encoding="utf-8")
    context = build_context(data)
    clock = FakeClock()
    context.clock = clock
    context.now = clock.local
    if context.cue_player is not None:
        context.cue_player.close()
    # The cues still go through the player, to a backend that checks the file and stays quiet.
    cue_player = CuePlayer(paths.assets_dir() / "sounds", context.settings, _silent)
    context.cue_player = cue_player
    window = MainWindow(context)
    try:
        if context.library.problems:
            raise SelfTestError(
                _("the routine library has problems: {problem}").format(
                    problem=context.library.problems[0]
                )
            )
        window.show()
        app.processEvents()
        flow = window.flow
        if not window.start_routine(ROUTINE_ID) or flow.check_in is None:
            raise SelfTestError(_("routine '{id}' did not start").format(id=ROUTINE_ID))
        _answer(flow.check_in, 3, 2)
        if flow.session is None:
            raise SelfTestError(
                _("routine '{id}' did not start after the check-in").format(id=ROUTINE_ID)
            )
        while flow.session_running:
            if clock.now > CLOCK_LIMIT_SECONDS:
                raise SelfTestError(
                    _("the session did not end after {seconds} s").format(
                        seconds=f"{clock.now:.0f}"
                    )
                )
            clock.now += TICK_SECONDS
            flow.player.refresh()
            app.processEvents()
        if flow.check_in is None or flow.check_in.moment != "after":
            raise SelfTestError(_("the after check-in did not follow the session"))
        _answer(flow.check_in, 2, 1)
        summary = _check_log(context.log)
        _print_summary(context.log, context.library, data / "summary.pdf")
        return summary
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
        cue_player.close(wait_seconds=1.0)
        context.log.close()


def _answer(panel: PainCheckInPanel, back: int, leg: int) -> None:
    panel.back.set_value(back)
    panel.leg.set_value(leg)
    panel.save()


# Colours no theme uses, one for each kind of item the Progress charts draw with.
CHART_COLOURS = {"line": "#ff00ff", "dots": "#00ffff", "bars": "#ffff00"}
CHART_PIXELS = 40  # at least this many of each in the drawn chart


def _draw_chart(app: QApplication) -> None:
    """Draw a chart as the Progress screen makes them (its date axis, a line with dots, bars)
    and find each item's colour in the picture: a bundle without a part pyqtgraph paints with
    (Qt's OpenGL binding is left out of it) would leave an item out, not fail."""
    # The Progress screen's plotting library loads lazily; a bundle must carry it all the same.
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtGui import QImage

    from sciatica_coach.ui.plots import chart_plot

    plot = chart_plot(week_bars=False)
    try:
        plot.resize(320, 200)
        plot.plot(
            [0.0, 1.0, 2.0],
            [1.0, 3.0, 2.0],
            pen=pg.mkPen(CHART_COLOURS["line"], width=3),
            symbol="o",
            symbolPen=None,
            symbolBrush=CHART_COLOURS["dots"],
            symbolSize=12,
        )
        bars = pg.BarGraphItem(x=[3.0], height=[2.0], width=0.6, brush=CHART_COLOURS["bars"])
        plot.addItem(bars)
        plot.setXRange(-0.5, 3.5)
        plot.setYRange(0.0, 3.5)
        plot.show()
        app.processEvents()
        image = plot.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        if image.isNull():
            raise SelfTestError(_("the chart could not be drawn"))
        pixels = np.frombuffer(image.constBits(), dtype=np.uint32)
        for colour in CHART_COLOURS.values():
            if np.count_nonzero(pixels == 0xFF000000 | int(colour[1:], 16)) < CHART_PIXELS:
                raise SelfTestError(_("the chart could not be drawn"))
    finally:
        plot.close()
        plot.deleteLater()
        app.processEvents()


def _check_numbers() -> None:
    """numpy's matrix products and linear solver against sums worked out exactly: the bundle
    carries its own small BLAS and LAPACK in place of OpenBLAS (packaging/pyinstaller)."""
    import numpy as np

    size = 40
    whole = np.add.outer(np.arange(size), 2 * np.arange(size)) % 7 - 3  # small integers
    matrix = whole.astype(np.float64) + size * np.eye(size)  # and far from singular
    exact = whole @ whole.T + size * (whole + whole.T) + size * size * np.eye(size, dtype=np.int64)
    product = matrix @ matrix.T  # a float product goes to the BLAS library, an integer one not
    answer = np.arange(size, dtype=np.float64)
    solved = np.linalg.solve(matrix, matrix @ answer)  # LAPACK's solver
    if not (np.array_equal(product, exact) and np.allclose(solved, answer)):
        raise SelfTestError(_("numpy's matrix arithmetic gives wrong answers"))


# The modules that load a platform's speech service, found (not imported: importing one
# loads the service, which a machine without it lacks).
SPEECH_DRIVERS = {"linux": "pyttsx3.drivers.espeak", "win32": "pyttsx3.drivers.sapi5"}


def _check_parts() -> None:
    """What a trimmed bundle could lack that the session does not reach: German dates and
    numbers (Babel's data) and Qt's German buttons, the picture formats, hashlib without
    OpenSSL, the voice's engine and the reminders' notification library."""
    import hashlib
    import importlib
    import importlib.util
    from datetime import date

    from babel.dates import format_date
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QImageReader

    hashlib.sha1(b"self-test").hexdigest()
    hashlib.sha256(b"self-test").hexdigest()
    if format_date(date(2026, 1, 5), format="EEEE", locale="de_DE") != "Montag":
        raise SelfTestError(_("German dates are missing"))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load("qtbase_de", folder):
        raise SelfTestError(_("Qt's German words are missing from {folder}").format(folder=folder))
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    missing = {"png", "gif", "svg"} - formats
    if missing:
        raise SelfTestError(
            _("picture formats missing: {formats}").format(formats=", ".join(sorted(missing)))
        )
    importlib.import_module("desktop_notifier")
    driver = SPEECH_DRIVERS.get(sys.platform, "pyttsx3.drivers.nsss")
    for module in ("pyttsx3", driver):
        if importlib.util.find_spec(module) is None:
            raise SelfTestError(_("{module} is missing").format(module=module))


def _print_summary(log: SessionLog, library: Library, pdf: Path) -> None:
    # The report module prints with QtPrintSupport and QPdfWriter: the bundle must carry both.
    from sciatica_coach.report.documents import write_session_summary_pdf

    pages = write_session_summary_pdf(log, library, log.sessions()[0].id, pdf)
    if pages < 1 or not pdf.read_bytes().startswith(b"%PDF"):
        raise SelfTestError(_("the session summary could not be printed to PDF"))


def _check_log(log: SessionLog) -> str:
    sessions = log.sessions()
    if len(sessions) != 1:
        raise SelfTestError(
            _("expected 1 logged session, found {count}").format(count=len(sessions))
        )
    record = sessions[0]
    if record.status != "completed":
        raise SelfTestError(
            _("the session was logged as {status}, not completed").format(status=record.status)
        )
    steps = log.steps(record.id)
    done = [step for step in steps if step.status == "done"]
    if len(done) != EXPECTED_STEPS:
        raise SelfTestError(
            _("expected {expected} steps done, the log has {count}").format(
                expected=EXPECTED_STEPS, count=len(done)
            )
        )
    if record.pain_after is None or record.pain_after.leg != 1:
        raise SelfTestError(_("the pain check after the session was not logged"))
    return _("{count} steps logged, session completed").format(count=len(done))


def _qt_message(kind: object, context: object, message: str) -> None:
    # The offscreen platform says this whenever a window is shown; it means nothing here.
    if "does not support propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def _silent(path: str) -> None:
    if not Path(path).is_file():
        raise FileNotFoundError(path)


if __name__ == "__main__":
    sys.exit(run_self_test())

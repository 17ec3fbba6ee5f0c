"""Saving a report as PDF from the app: the pages are painted and written on a worker thread
while the window keeps answering, the result or the error is shown when it is done, and a
window closed mid-write leaves a whole file and no crash."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from report_history import write_history
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.log import SessionLog
from sciatica_coach.report.documents import DocumentDraft
from sciatica_coach.report.paint import ReportDocument
from sciatica_coach.ui import file_actions, pdf_saving, printing
from test_report import needs_poppler, pdf_pages, pdf_words

OLD = b"%PDF-1.4 the good file from last week\n%%EOF\n"
SPRING = (date(2024, 4, 1), date(2024, 6, 30))
TESTS = Path(__file__).resolve().parent
SRC = TESTS.parent / "src"
# One QApplication for every test.
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(None)


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """What the user is told when a saving is done: ("saved", path) or ("warning", text)."""
    said: list[tuple[str, object]] = []

    def saved(parent: object, path: Path, what: str = "") -> str:
        said.append(("saved", path))
        return ""

    def warned(parent: object, title: str, text: str, *icon: object) -> None:
        said.append(("warning", text))

    monkeypatch.setattr(file_actions, "tell_saved", saved)
    monkeypatch.setattr(pdf_saving, "show_warning", warned)
    monkeypatch.setattr(printing, "show_warning", warned)
    return said


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    shown = QWidget()
    shown.resize(800, 600)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def answer_the_dialogs(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    """The date range and file name a user would choose, without the dialogs."""
    monkeypatch.setattr(printing, "ask_date_range", lambda parent, today, started=None: SPRING)
    monkeypatch.setattr(printing, "ask_pdf_path", lambda parent, suggested: target)


class HeldWrite:
    """`write_document_pdf` made to wait on the worker until released, so a test can look at
    the app while the write is certainly under way."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.entered = threading.Event()
        self.released = threading.Event()
        self.threads: list[threading.Thread] = []
        real = pdf_saving.write_document_pdf

        def held(document: ReportDocument, path: Path, paper: str | None = None) -> int:
            self.threads.append(threading.current_thread())
            self.entered.set()
            self.released.wait(timeout=30)
            return real(document, path, paper)

        monkeypatch.setattr(pdf_saving, "write_document_pdf", held)


def busy_lines(window: QWidget) -> list[str]:
    return [label.text() for label in window.findChildren(QLabel) if label.isVisible()]


@needs_poppler
def test_the_report_is_painted_on_a_worker_while_the_window_keeps_answering(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    window: QWidget,
    log: SessionLog,
    library: Library,
    told: list[tuple[str, object]],
) -> None:
    write_history(log, library, *SPRING)
    target = tmp_path / "spring.pdf"
    answer_the_dialogs(monkeypatch, target)
    write = HeldWrite(monkeypatch)
    ticks: list[int] = []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start()

    saving = printing.save_progress_report_pdf(window, log, today=SPRING[1])

    assert saving is not None
    qtbot.waitUntil(write.entered.is_set)
    # The worker is held inside the write, and the UI thread's timer still ticks.
    held_at = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= held_at + 5)
    assert write.threads[0] is not threading.main_thread()
    assert busy_lines(window) == ["Saving spring.pdf…"]
    cursor = QGuiApplication.overrideCursor()
    assert cursor is not None and cursor.shape() == Qt.CursorShape.WaitCursor
    assert not target.exists() and told == []

    write.released.set()
    with qtbot.waitSignal(saving.done, timeout=30_000) as done:
        pass
    ticker.stop()

    assert done.args == [target] and told == [("saved", target)]
    assert saving.pages == pdf_pages(target) >= 2
    assert "Exercise progress report" in pdf_words(target)
    assert target.read_bytes().rstrip().endswith(b"%%EOF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "spring.pdf"]
    qtbot.waitUntil(lambda: busy_lines(window) == [])
    assert QGuiApplication.overrideCursor() is None


def test_an_error_on_the_worker_is_shown_with_the_file_and_keeps_the_old_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    window: QWidget,
    told: list[tuple[str, object]],
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(OLD)
    monkeypatch.setattr(printing, "ask_pdf_path", lambda parent, suggested: target)

    def broken_chart() -> dict[str, QImage]:
        raise RuntimeError("the chart could not be drawn")

    draft = DocumentDraft(ReportDocument("<p>Hello</p>", "Test", date(2024, 5, 6)), broken_chart)
    saving = printing.save_pdf(window, draft, "report.pdf", saved_title="Saved")

    assert saving is not None
    with qtbot.waitSignal(saving.done, timeout=30_000) as done:
        pass
    assert done.args == [None]
    assert told == [("warning", f"Could not write {target}: the chart could not be drawn.")]
    assert target.read_bytes() == OLD
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.pdf"]
    qtbot.waitUntil(lambda: busy_lines(window) == [])
    assert QGuiApplication.overrideCursor() is None


def test_a_full_disk_on_the_worker_says_so_and_keeps_the_old_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    window: QWidget,
    log: SessionLog,
    library: Library,
    told: list[tuple[str, object]],
) -> None:
    from test_outputs import failing_write

    write_history(log, library, *SPRING)
    target = tmp_path / "spring.pdf"
    target.write_bytes(OLD)
    answer_the_dialogs(monkeypatch, target)
    monkeypatch.setattr(os, "write", failing_write(4096))

    saving = printing.save_progress_report_pdf(window, log, today=SPRING[1])

    assert saving is not None
    with qtbot.waitSignal(saving.done, timeout=30_000) as done:
        pass
    assert done.args == [None]
    assert told == [
        (
            "warning",
            f"Could not write {target}: the disk is full; the file that was there is unchanged.",
        )
    ]
    assert target.read_bytes() == OLD
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "spring.pdf"]


# Runs in a child: the real main window saves a report, and is closed while the worker is
# held inside the write; the write is let go only as the app quits.
QUIT_MID_WRITE = textwrap.dedent(
    """
    import sys, threading
    from datetime import date
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from report_history import write_history
    from sciatica_coach.core.library import load_library
    from sciatica_coach.ui import file_actions, pdf_saving, printing
    from sciatica_coach.ui.app import build_main_window, make_application

    folder = Path(sys.argv[1])
    target = folder / "report.pdf"
    app = make_application()
    window = build_main_window(folder / "data")
    write_history(window.context.log, load_library(None), date(2024, 4, 1), date(2024, 6, 30))
    told = []
    file_actions.tell_saved = lambda *args: told.append(args)
    pdf_saving.show_warning = lambda *args: told.append(args)
    printing.ask_date_range = lambda parent, today, started=None: (
        date(2024, 4, 1), date(2024, 6, 30))
    printing.ask_pdf_path = lambda parent, suggested: target
    entered, released = threading.Event(), threading.Event()
    real_write = pdf_saving.write_document_pdf

    def held(document, path, paper=None):
        entered.set()
        released.wait(timeout=30)
        return real_write(document, path, paper)

    pdf_saving.write_document_pdf = held
    # Connected before the saving's own wait, so this runs first as the app quits.
    app.aboutToQuit.connect(released.set)

    def close_mid_write():
        if not entered.is_set():
            QTimer.singleShot(5, close_mid_write)
            return
        print("closing", flush=True)
        window.close()

    def save():
        printing.save_progress_report_pdf(window, window.context.log, today=date(2024, 6, 30))
        close_mid_write()

    window.show()
    QTimer.singleShot(0, save)
    code = app.exec()
    print("quit", code, "whole", target.read_bytes().rstrip().endswith(b"%%EOF"), flush=True)
    print("told", len(told), flush=True)
    """
)


def test_closing_the_window_mid_write_waits_for_a_whole_file_and_tells_no_one(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), str(TESTS), env.get("PYTHONPATH")]))
    child = subprocess.run(
        [sys.executable, "-c", QUIT_MID_WRITE, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert child.returncode == 0, child.stderr
    assert child.stdout.split("\n") == ["closing", "quit 0 whole True", "told 0", ""]
    assert "QThread" not in child.stderr  # "Destroyed while thread is still running"
    target = tmp_path / "report.pdf"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "report.pdf"]


def test_each_thread_paints_the_page_icon_with_its_own_renderer() -> None:
    from sciatica_coach.report import paint

    found: list[object] = []
    threads = [threading.Thread(target=lambda: found.append(paint._icon())) for _ in range(2)]
    for thread in threads:
        thread.start()
        thread.join()
    here = paint._icon()
    assert here is paint._icon() and here is not None
    assert len({id(icon) for icon in (*found, here)}) == 3

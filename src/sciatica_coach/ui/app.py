"""Application set-up, the main window and the flow of a session from check-in to end screen."""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach import __version__
from sciatica_coach.core import paths
from sciatica_coach.core.clock import local_now
from sciatica_coach.core.library import Library, load_library
from sciatica_coach.core.log import LogError, PainCheck, SessionLog, SessionRecord
from sciatica_coach.core.timeline import Timeline, expand_routine
from sciatica_coach.ui.routines import RoutinesView
from sciatica_coach.ui.settings_keys import ANIMATED_KEY, GEOMETRY_KEY
from sciatica_coach.ui.today import TodayView

if TYPE_CHECKING:
    from sciatica_coach.core.engine import Session
    from sciatica_coach.core.recorder import SessionRecorder
    from sciatica_coach.ui.finish import FinishView
    from sciatica_coach.ui.player import PlayerView
    from sciatica_coach.ui.sound import CuePlayer

ORGANISATION = "Sciatica Coach"
APP_TITLE = "Sciatica Coach"
PAGES = ("Today", "Routines", "Progress", "History")


@dataclass
class AppContext:
    """Everything the views share, made once at start-up and injected (tests make their own)."""

    data: Path
    settings: QSettings
    log: SessionLog
    library: Library
    clock: Callable[[], float] = time.monotonic
    now: Callable[[], datetime] = local_now
    cue_player: CuePlayer | None = None


def ask_pain(parent: QWidget, moment: str, previous: PainCheck | None) -> PainCheck | None:
    from sciatica_coach.ui.checkin import PainCheckInDialog

    values = (previous.back, previous.leg) if previous else None
    reach = previous.reach if previous else None
    dialog = PainCheckInDialog(moment, parent, previous=values, previous_reach=reach)
    dialog.exec()
    return dialog.result_check()


class MainWindow(QMainWindow):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(APP_TITLE)
        self.ask_pain: Callable[[str, PainCheck | None], PainCheck | None] = (
            lambda moment, previous: ask_pain(self, moment, previous)
        )
        self.show_stop_advice: Callable[[], object] = self._stop_advice
        self.session: Session | None = None
        self.recorder: SessionRecorder | None = None
        self._pain_before: PainCheck | None = None

        self.nav = QListWidget()
        self.nav.addItems(list(PAGES))
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 16px; } QListWidget::item { padding: 10px; }"
        )
        self.pages = QStackedWidget()
        self.today = TodayView(context.library, context.log)
        self.routines = RoutinesView(context.library)
        # Progress and History are built on first visit: the charts pull in pyqtgraph and
        # numpy, which the first window must not wait for.
        self.progress_page = LazyPage(self._make_progress)
        self.history_page = LazyPage(self._make_history)
        # The player and end screen are made for the first session, not at start.
        self._player: PlayerView | None = None
        self._finish: FinishView | None = None
        for page in (self.today, self.routines, self.progress_page, self.history_page):
            self.pages.addWidget(page)
        self.nav.currentRowChanged.connect(self._show_page)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.today.start_requested.connect(self.start_routine)
        self.today.browse_requested.connect(lambda: self.nav.setCurrentRow(1))
        self.routines.start_requested.connect(self.start_routine)
        self._build_menus()
        self._restore_geometry()
        self._go(0)

    @property
    def player(self) -> PlayerView:
        if self._player is None:
            from sciatica_coach.ui.player import PlayerView

            self._player = PlayerView(self.context.settings, self.context.cue_player)
            self._player.ended.connect(self._session_ended)
            self._player.stop_rule_requested.connect(lambda: self.show_stop_advice())
            self.pages.addWidget(self._player)
        return self._player

    @property
    def finish(self) -> FinishView:
        if self._finish is None:
            from sciatica_coach.ui.finish import FinishView

            self._finish = FinishView()
            self._finish.home_requested.connect(lambda: self._go(0))
            self._finish.progress_requested.connect(lambda: self._go(2))
            self._finish.summary_requested.connect(self.offer_summary)
            self.pages.addWidget(self._finish)
        return self._finish

    def _stop_advice(self) -> None:
        from sciatica_coach.ui.safety import StopAdviceDialog

        StopAdviceDialog(self).exec()

    def _show_safety(self) -> None:
        from sciatica_coach.ui.safety import SafetyDialog

        SafetyDialog(self, require_ack=False).exec()

    def _toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def _make_progress(self) -> RefreshingPage:
        from sciatica_coach.ui.progress import ProgressView

        return ProgressView(self.context.log, lambda: self.context.now().date())

    def _make_history(self) -> RefreshingPage:
        from sciatica_coach.ui.history import HistoryView

        history = HistoryView(self.context.log)
        history.summary_requested.connect(self.offer_summary)
        return history

    def offer_summary(self, session_id: int) -> None:
        """Print the session summary, or save it as a PDF, as the user chooses."""
        from sciatica_coach.ui import printing

        choice = self._ask_print_or_save("Session summary")
        if choice == "print":
            printing.print_session(self, self.context.log, self.context.library, session_id)
        elif choice == "pdf":
            printing.save_session_pdf(self, self.context.log, self.context.library, session_id)

    def offer_progress_report(self) -> None:
        from sciatica_coach.ui import printing

        choice = self._ask_print_or_save("Progress report")
        today = self.context.now().date()
        if choice == "print":
            printing.print_progress_report(self, self.context.log, today=today)
        elif choice == "pdf":
            printing.save_progress_report_pdf(self, self.context.log, today=today)

    def _ask_print_or_save(self, what: str) -> str:
        box = QMessageBox(self)
        box.setWindowTitle(what)
        box.setText(f"{what}: print it, or save it as a PDF to send or keep?")
        print_button = box.addButton("Print…", QMessageBox.ButtonRole.AcceptRole)
        pdf_button = box.addButton("Save as PDF…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "print" if clicked is print_button else "pdf" if clicked is pdf_button else ""

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        report = QAction("Progress &report…", self)
        report.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_P))
        report.triggered.connect(self.offer_progress_report)
        file_menu.addAction(report)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        view_menu = self.menuBar().addMenu("&View")
        full = QAction("&Full screen", self)
        full.setShortcut(QKeySequence(Qt.Key.Key_F11))
        full.triggered.connect(self._toggle_full_screen)
        view_menu.addAction(full)
        animate = QAction("&Animate illustrations", self)
        animate.setCheckable(True)
        animate.setChecked(self.context.settings.value(ANIMATED_KEY, True, type=bool))
        animate.toggled.connect(self.set_animated_illustrations)
        view_menu.addAction(animate)
        help_menu = self.menuBar().addMenu("&Help")
        safety = QAction("&Safety information", self)
        safety.triggered.connect(self._show_safety)
        help_menu.addAction(safety)
        about = QAction("&About", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def set_animated_illustrations(self, on: bool) -> None:
        """Off: a still picture of the movement instead of one that moves with the timer."""
        self.context.settings.setValue(ANIMATED_KEY, on)
        if self._player is not None:
            self._player.illustration.set_animated(on)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_TITLE}",
            f"{APP_TITLE} {__version__}\n\nA companion for your home exercises. It is not "
            f"medical advice.\n\nYour data stays on this computer, in\n{self.context.data}",
        )

    # -- navigation -----------------------------------------------------------------------

    def _go(self, row: int) -> None:
        self.nav.setEnabled(True)
        self.nav.show()
        if self.nav.currentRow() == row:
            self._show_page(row)
        else:
            self.nav.setCurrentRow(row)

    def _show_page(self, row: int) -> None:
        if row == 0:
            self.today.refresh(self.context.now().date())
        self._commit_history_deletes()
        if row in (2, 3):
            page = self.progress_page if row == 2 else self.history_page
            if page.built:
                page.content().refresh()
            else:
                page.content()  # a new view reads the log as it is made
        self.pages.setCurrentIndex(row)

    def _commit_history_deletes(self) -> None:
        """Deleted sessions can be undone until the History view is left."""
        if self.history_page.built and self.pages.currentWidget() is self.history_page:
            self.history_page.content().commit_pending_deletes()

    # -- a session from check-in to end screen --------------------------------------------

    def start_routine(self, routine_id: str) -> None:
        routine = self.context.library.find(routine_id)
        if routine is None or self.session is not None:
            return
        from sciatica_coach.core.recorder import SessionRecorder

        timeline = expand_routine(routine)
        self._pain_before = self.ask_pain("before", None)
        recorder = SessionRecorder(self.context.log, timeline, now=self.context.now)
        self._run(timeline_session(timeline, self.context, recorder), recorder)
        if self._pain_before is not None:
            recorder.record_pain(self._pain_before)

    def resume_session(self, record: SessionRecord) -> bool:
        """Carry on an interrupted session from its first unfinished step."""
        from sciatica_coach.core.recorder import SessionRecorder

        routine = self.context.library.find(record.routine_id)
        if routine is None:
            return False
        timeline = expand_routine(routine)
        start = self.context.log.reopen_session(record.id)
        if start >= len(timeline.steps):
            start = len(timeline.steps) - 1
        done_seconds = sum(s.actual_seconds for s in self.context.log.steps(record.id))
        recorder = SessionRecorder(
            self.context.log,
            timeline,
            now=self.context.now,
            session_id=record.id,
            prior_seconds=done_seconds,
        )
        self._pain_before = record.pain_before
        self._run(timeline_session(timeline, self.context, recorder, start), recorder)
        return True

    def _run(self, session: Session, recorder: SessionRecorder) -> None:
        recorder.begin()
        self.session = session
        self.recorder = recorder
        self.nav.hide()
        self.pages.setCurrentWidget(self.player)
        self.player.begin(session)

    def _session_ended(self) -> None:
        session, recorder = self.session, self.recorder
        if session is None or recorder is None:
            return
        recorder.finish(session)
        after = self.ask_pain("after", self._pain_before)
        if after is not None:
            recorder.record_pain(after)
        session_id = recorder.session_id
        self.session = None
        self.recorder = None
        if self.isFullScreen():
            self.showNormal()
        assert session_id is not None
        record = self.context.log.session(session_id)
        if record is not None:
            self.finish.show_session(record)
        self.nav.hide()
        self.pages.setCurrentWidget(self.finish)

    def offer_resume(self, ask: Callable[[SessionRecord], str] | None = None) -> None:
        """For each interrupted session: resume it, or close it as stopped."""
        choose = ask or self._ask_resume
        for record in self.context.log.interrupted:
            answer = choose(record)
            if answer == "resume" and self.resume_session(record):
                return
            if answer in ("resume", "close"):
                self.context.log.finish_session(
                    record.id,
                    "stopped",
                    self.context.now(),
                    record.active_seconds,
                    "interrupted",
                )

    def _ask_resume(self, record: SessionRecord) -> str:
        box = QMessageBox(self)
        box.setWindowTitle("Unfinished session")
        box.setText(
            f"Your {record.routine_name} session on {record.local_date:%A %d %B} did not finish."
        )
        box.setInformativeText("Carry on where you left off, or close it as stopped?")
        resume = box.addButton("Resume", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Close it", QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton("Decide later", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "resume" if clicked is resume else "later" if clicked is later else "close"

    # -- window state ---------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        saved = self.context.settings.value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None and self.recorder is not None:
            # Closing mid-session stops it; no end screen or check-in follows.
            if self._player is not None:
                self._player.detach()
            self.session.stop("user")
            self.recorder.finish(self.session)
            self.session = None
            self.recorder = None
        self._commit_history_deletes()
        self.context.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.context.settings.sync()
        super().closeEvent(event)


@runtime_checkable
class RefreshingPage(Protocol):
    def refresh(self) -> None: ...


@runtime_checkable
class HistoryLike(RefreshingPage, Protocol):
    def commit_pending_deletes(self) -> int: ...


class LazyPage(QWidget):
    """A page whose real widget is made the first time it is shown."""

    def __init__(self, make: Callable[[], RefreshingPage]) -> None:
        super().__init__()
        self._make = make
        self._content: RefreshingPage | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> RefreshingPage:
        if self._content is None:
            self._content = self._make()
            assert isinstance(self._content, QWidget)
            self._layout.addWidget(self._content)
        return self._content


def timeline_session(
    timeline: Timeline, context: AppContext, recorder: SessionRecorder, start: int = 0
) -> Session:
    """An engine session on the app's clock whose finished steps go straight to the log."""
    from sciatica_coach.core.engine import Session

    return Session(timeline, context.clock, on_step_end=recorder.record_step, start_index=start)


def settings_for(data: Path) -> QSettings:
    """Settings live in the data folder beside the log, private like it."""
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    return settings


def server_name(data: Path) -> str:
    digest = hashlib.sha256(str(data.resolve()).encode()).hexdigest()[:16]
    return f"sciatica-coach-{digest}"


def bring_forward_running_instance(name: str) -> bool:
    """True when another window already serves this data folder (and was asked to show)."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(300):
        return False
    socket.write(b"raise\n")
    socket.waitForBytesWritten(300)
    socket.disconnectFromServer()
    return True


def listen_for_second_launch(name: str, window: QMainWindow) -> QLocalServer:
    server = QLocalServer(window)
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    QLocalServer.removeServer(name)
    server.listen(name)

    def bring_to_front() -> None:
        connection = server.nextPendingConnection()
        if connection is not None:
            connection.disconnectFromServer()
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
        window.show()
        window.raise_()
        window.activateWindow()

    server.newConnection.connect(bring_to_front)
    return server


def preload_charts() -> None:
    import sciatica_coach.ui.progress  # noqa: F401 - imported for its side effect of loading


def make_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("sciatica-coach")
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("sciatica-coach")
    icon = paths.assets_dir() / "icons" / "sciatica-coach.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def build_context(data: Path) -> AppContext:
    """Open the data folder: log, settings, routines and sound. Raises LogError or OSError."""
    from sciatica_coach.ui.sound import CuePlayer

    paths.ensure_private_dir(data)
    log = SessionLog(data / paths.DATABASE_NAME)
    settings = settings_for(data)
    return AppContext(
        data=data,
        settings=settings,
        log=log,
        library=load_library(data),
        cue_player=CuePlayer(paths.assets_dir() / "sounds", settings),
    )


def build_main_window(data: Path) -> MainWindow:
    """The main window over ``data``, without the first-start questions (for start-up tests)."""
    return MainWindow(build_context(data))


def run_app(data: Path) -> int:
    app = make_application()
    name = server_name(data)
    if bring_forward_running_instance(name):
        print("Sciatica Coach is already open; brought its window forward.", file=sys.stderr)
        return 0
    try:
        context = build_context(data)
    except (LogError, OSError) as error:
        QMessageBox.critical(None, APP_TITLE, f"Your exercise log could not be opened.\n\n{error}")
        return 1
    from sciatica_coach.ui.safety import ensure_safety_acknowledged

    if not ensure_safety_acknowledged(context.settings):
        context.log.close()
        return 0
    window = MainWindow(context)
    server = listen_for_second_launch(name, window)
    window.show()
    QTimer.singleShot(0, window.offer_resume)
    # Load the charting libraries once the window is up, so Progress opens quickly later.
    QTimer.singleShot(2000, preload_charts)
    code = app.exec()
    server.close()
    if context.cue_player is not None:
        context.cue_player.close()
    context.log.close()
    return code

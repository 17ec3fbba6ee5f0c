"""Application set-up, the main window and the flow of a session from check-in to end screen."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QObject,
    QRect,
    QSettings,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    QUrl,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QGuiApplication,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

# Only what the first paint needs is imported here: the other pages, the session, the coach's
# actions, the second-launch server (QtNetwork) and the reminders are imported when first
# used, most of them just after the window is on screen (MainWindow.finish_start).
from sciatica_coach import __version__, applog
from sciatica_coach.core import paths
from sciatica_coach.core.clock import local_now
from sciatica_coach.core.instance_lock import InstanceLock, InstanceLockHeld
from sciatica_coach.core.library_text import shown_routine_name
from sciatica_coach.core.records import LogError, SessionRecord
from sciatica_coach.core.words import day_heading, leave_out_done
from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.answers import OutputChoice, ResumeAnswer
from sciatica_coach.ui.colours import NAVIGATION_STYLE
from sciatica_coach.ui.pages import NAVIGATION, Page
from sciatica_coach.ui.plain_text import show_warning
from sciatica_coach.ui.settings_keys import ANIMATED_KEY, GEOMETRY_KEY, LEG_QUESTION_KEY, TRAY_KEY
from sciatica_coach.ui.settings_values import read_flag
from sciatica_coach.ui.today import TodayView
from sciatica_coach.ui.translation import apply_language

if TYPE_CHECKING:
    from sciatica_coach.core.autostart import Autostart
    from sciatica_coach.core.catalog import Routine
    from sciatica_coach.core.library import Library
    from sciatica_coach.core.log import SessionLog
    from sciatica_coach.core.reminders import Reminder
    from sciatica_coach.core.symptoms import MorningCheck
    from sciatica_coach.ui.appearance import Appearance
    from sciatica_coach.ui.coach_actions import CoachActions
    from sciatica_coach.ui.launch import LaunchServer
    from sciatica_coach.ui.notify import ReminderAnswers, ReminderPopup, SystemNotifications
    from sciatica_coach.ui.reminder_clock import ReminderClock
    from sciatica_coach.ui.routine_watch import RoutinesWatcher
    from sciatica_coach.ui.routines import RoutinesView
    from sciatica_coach.ui.session_flow import SessionFlow
    from sciatica_coach.ui.settings_page import PreferencesPage
    from sciatica_coach.ui.sound import CuePlayer
    from sciatica_coach.ui.tray import CoachTray
    from sciatica_coach.ui.voice import VoiceGuide

logger = logging.getLogger(__name__)

ORGANISATION = "Sciatica Coach"  # i18n: not words (the program's name)
APP_TITLE = "Sciatica Coach"  # i18n: not words (the program's name)
# Height kept free for the window's title bar and frame when it first opens.
WINDOW_FRAME_ALLOWANCE = 40


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
    voice: VoiceGuide | None = None
    appearance: Appearance | None = None


QUIT_QUESTION = N_("Quit in the middle of your session?")
QUIT_DETAIL = N_(
    "Everything you have done so far is saved, and the session is logged as stopped "
    "(closed the app)."
)


# Long enough for the window to paint a page's frame before the page is made.
FRAME_FIRST_MS = 30


class MainWindow(QMainWindow):
    # The app paints a page's frame before a slow first build; tests build pages at once.
    paint_pages_first = False

    def __init__(self, context: AppContext, *, finish_later: bool = False) -> None:
        """The window over ``context``. With ``finish_later`` (the app's own start) Today is
        only its heading until ``finish_start``, which the app calls once the window is on
        screen: then the routines are read, Today reads the log, and the reminders, the
        routine folder's watch and the coach start. Without it (tests) that happens here."""
        super().__init__()
        self.context = context
        self.setWindowTitle(APP_TITLE)
        self.confirm_quit: Callable[[], bool] = self._ask_to_quit
        self.confirm_lose_unsaved: Callable[[], bool] = self._ask_to_lose_unsaved
        self._state_before_full_screen = Qt.WindowState.WindowNoState

        self.nav = QListWidget()
        self.nav.setAccessibleName(_("Pages"))
        self.nav.addItems([_(page.value) for page in NAVIGATION])
        self.nav.setFixedWidth(150)
        self.nav.setStyleSheet(NAVIGATION_STYLE)
        self.pages = QStackedWidget()
        # Only the page on show sets how small the window may be: a page left behind (the
        # player in its large type, say) must not stop the window from shrinking later.
        self.pages.currentChanged.connect(self._size_by_current_page)
        self._page_widgets: dict[Page, QWidget] = {}
        self.today = TodayView(context.library, context.log)
        # Every page but Today is built on its first visit (or first use, for Routines).
        self.routines_page: LazyPage[RoutinesView] = LazyPage(self._make_routines)
        # Progress and History: the charts pull in pyqtgraph and numpy, which the first
        # window must not wait for.
        self.progress_page: LazyPage[RefreshingPage] = LazyPage(self._make_progress)
        self.history_page: LazyPage[HistoryLike] = LazyPage(self._make_history)
        # The library draws its pictures only once it is first opened.
        self.library_page: LazyPage[ExerciseLibraryLike] = LazyPage(self._make_library)
        navigable: tuple[QWidget, ...] = (
            self.today,
            self.routines_page,
            self.library_page,
            self.progress_page,
            self.history_page,
        )
        for page, widget in zip(NAVIGATION, navigable, strict=True):
            self.place(page, widget)
        # The session's pages (check-in, player, stop sheet, advice, end) belong to the flow,
        # made for the first session (or the first question about one), not at start.
        self._flow: SessionFlow | None = None
        self._coach_actions: CoachActions | None = None
        self.routine_watcher: RoutinesWatcher | None = None
        self._started = False
        self.nav.currentRowChanged.connect(lambda row: self._show_navigable(NAVIGATION[row]))
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.today.start_requested.connect(self.start_routine)
        self.today.browse_requested.connect(lambda: self.show_page(Page.ROUTINES))
        self.today.suggestion_decided.connect(
            lambda suggestion, decision: self.coach_actions.decide(suggestion, decision)
        )
        self.today.warning_signs_requested.connect(self._show_safety)
        self.today.morning_requested.connect(self.ask_morning_check)
        self._build_menus()
        self._restore_geometry()
        self._init_reminders()
        self._library_pending = finish_later
        if finish_later:
            self.today.show_heading(self.context.now().date())
            with QSignalBlocker(self.nav):  # Today on show, but not read yet
                self.nav.setCurrentRow(NAVIGATION.index(Page.TODAY))
        else:
            self.finish_start()

    def finish_start(self) -> None:
        """What the first paint does not wait for: the routines, Today's reading of the log,
        the routine folder's watch and the reminders (once; later calls do nothing)."""
        if self._started:
            return
        self._started = True
        from sciatica_coach.ui.routine_watch import RoutinesWatcher

        if self._library_pending:  # the app's window starts with no routines and no sound
            self._library_pending = False
            library = self.context.library = library_for(self.context.data, self.context.settings)
            self.today.set_library(library)
            # A page opened in the moment before (from the side bar or a menu) gets it too.
            if self.routines_page.built:
                self._give_routines(library)
            if self.library_page.built:
                self.library_page.content().set_library(library)
            if self.context.cue_player is None:
                add_sound(self.context)
        # Routine files changed by hand, or by another copy of the app, show at once.
        self.routine_watcher = RoutinesWatcher(paths.user_routines_dir(self.context.data), self)
        self.routine_watcher.changed.connect(self.reload_library)
        if self.current_page in (None, Page.TODAY):
            self.show_page(Page.TODAY)
        self._start_reminders()

    @property
    def flow(self) -> SessionFlow:
        """The session's flow, made the first time it is needed."""
        if self._flow is None:
            from sciatica_coach.ui.session_flow import SessionFlow

            flow = self._flow = SessionFlow(self.context, self)
            flow.leave_requested.connect(self.show_page)
            flow.summary_requested.connect(self.offer_summary)
            flow.leave_out_requested.connect(self._leave_out_after_stop)
            flow.suggestion_decided.connect(
                lambda suggestion, decision: self.coach_actions.decide(suggestion, decision)
            )
            flow.warning_signs_requested.connect(self._show_safety)
        return self._flow

    @property
    def busy(self) -> bool:
        """A session is under way (its check-in, player or end screen on show)."""
        return self._flow is not None and self._flow.busy

    @property
    def coach_actions(self) -> CoachActions:
        """What taking or setting aside a coach's suggestion does, made on the first answer."""
        if self._coach_actions is None:
            from sciatica_coach.ui.coach_actions import CoachActions

            actions = self._coach_actions = CoachActions(
                self.context, write_copy=self._write_copy_without
            )
            actions.library_changed.connect(self.reload_library)
            actions.changed.connect(self._refresh_today)
        return self._coach_actions

    @property
    def routines(self) -> RoutinesView:
        """The Routines page, built the first time anything asks for it."""
        return self.routines_page.content()

    def _make_routines(self) -> RoutinesView:
        from sciatica_coach.ui.routines import RoutinesView

        routines = RoutinesView(
            self.context.library,
            settings=self.context.settings,
            routines_dir=paths.user_routines_dir(self.context.data),
            today=lambda: self.context.now().date(),
        )
        routines.start_requested.connect(self.start_routine)
        routines.copy_written.connect(lambda _routine_id: self.reload_library())
        return routines

    # -- pages ------------------------------------------------------------------------------

    def place(self, page: Page, widget: QWidget) -> None:
        """Put ``widget`` in the window as ``page``, replacing what was there."""
        old = self._page_widgets.get(page)
        if old is widget:
            return
        self.pages.addWidget(widget)
        self._page_widgets[page] = widget
        if old is not None:
            if self.pages.currentWidget() is old:
                self.pages.setCurrentWidget(widget)
            self.pages.removeWidget(old)

    def _size_by_current_page(self, index: int) -> None:
        current = self.pages.widget(index)
        for position in range(self.pages.count()):
            page = self.pages.widget(position)
            if page is None:
                continue
            shown = page is current
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
        self.pages.updateGeometry()

    @property
    def current_page(self) -> Page | None:
        current = self.pages.currentWidget()
        return next((page for page, w in self._page_widgets.items() if w is current), None)

    def show_page(self, page: Page) -> None:
        """Show ``page``; the side bar shows only outside a session."""
        in_session = page not in NAVIGATION
        self.nav.setVisible(not in_session)
        if in_session:
            self._commit_history_deletes()
            self.pages.setCurrentWidget(self._page_widgets[page])
            return
        row = NAVIGATION.index(page)
        if self.nav.currentRow() == row:
            self._show_navigable(page)
        else:
            self.nav.setCurrentRow(row)  # which shows the page

    def _show_navigable(self, page: Page) -> None:
        if self.busy:
            return
        if page is Page.TODAY:
            self.today.refresh(self.context.now().date())
        self._commit_history_deletes()
        if page in (Page.PROGRESS, Page.HISTORY):
            lazy = self.progress_page if page is Page.PROGRESS else self.history_page
            if lazy.built:
                lazy.content().refresh()
            elif self.paint_pages_first and page is Page.HISTORY:
                lazy.build_soon()  # a new view reads the log as it is made
            else:
                # Progress paints its frame and figures at once and its charts after.
                lazy.content()
        if page is Page.LIBRARY:
            self.library_page.content()
        if page is Page.ROUTINES:
            self.refresh_routine_marks()  # which builds the page on its first visit
        self.pages.setCurrentWidget(self._page_widgets[page])

    def refresh_routine_marks(self) -> None:
        """Give the Routines page what the log says now: the ways of moving the symptom
        profile marks, and the exercises the leg was worse after lately."""
        from sciatica_coach.core.coaching import WORSE_FLAG_DAYS, flagged_exercises
        from sciatica_coach.core.symptoms import aggravating_directions

        today = self.context.now().date()
        log = self.context.log
        try:
            aggravating = aggravating_directions(log.profile())
            since = today - timedelta(days=WORSE_FLAG_DAYS)
            flags = flagged_exercises(log.leg_responses(since), today)
        except LogError as error:
            # The page still lists the routines; the damaged log is reported where it is read.
            logger.warning("Routine marks left out: %s", error)
            aggravating, flags = frozenset(), []
        self.routines.set_coaching(aggravating, flags)

    def _write_copy_without(self, routine: Routine, exercise_id: str) -> Path:
        """The user's own copy of ``routine`` without ``exercise_id``, for a suggestion."""
        from sciatica_coach.core.routine_copy import write_copy_without

        folder = paths.user_routines_dir(self.context.data)
        return write_copy_without(routine, exercise_id, folder, today=self.context.now().date())

    def leave_out_of(self, routine_id: str, exercise_id: str) -> bool:
        """Leave an exercise out of a routine (from the stop advice or History): asks, writes
        the user's copy, and says so; True when it was written."""
        routine = self.context.library.find(routine_id)
        if routine is None:
            show_warning(self, APP_TITLE, _("That routine is no longer in your library."))
            return False
        return self.routines.leave_out_of(routine, exercise_id)

    def _leave_out_after_stop(self, routine_id: str, exercise_id: str) -> None:
        routine = self.context.library.find(routine_id)
        name = (
            next((b.exercise.name for b in routine.blocks if b.exercise.id == exercise_id), "")
            if routine
            else ""
        )
        if self.leave_out_of(routine_id, exercise_id) and routine is not None:
            self.flow.advice.leave_out_done(leave_out_done(routine.name, name))

    def reload_library(self) -> None:
        """Read the routines again (the user's own copy of one was written) and give the new
        library to every page that shows routines or exercises."""
        library = library_for(self.context.data, self.context.settings)
        self.context.library = library
        self.today.set_library(library)
        if self.routines_page.built:
            self._give_routines(library)
        # Only a window on screen reads the log: a change seen as the app closes must not.
        if self.isVisible() and self.current_page is Page.TODAY:
            self.today.refresh(self.context.now().date())
        if self.library_page.built:
            self.library_page.content().set_library(library)

    def _give_routines(self, library: Library) -> None:
        """The Routines page over ``library``, keeping the routine chosen and its notice."""
        chosen = self.routines.current_routine()
        notice = self.routines.notice.text() if self.routines.notice.isVisible() else ""
        self.routines.set_library(library)
        if chosen is not None:
            self.routines.select(chosen.id)
            if notice:  # what was just done to it still holds
                self.routines.notice.setText(notice)
                self.routines.notice.show()

    def _commit_history_deletes(self) -> None:
        """Deleted sessions can be undone until the History view is left."""
        if self.history_page.built and self.pages.currentWidget() is self.history_page:
            self.history_page.content().commit_pending_deletes()

    def _make_progress(self) -> RefreshingPage:
        from sciatica_coach.ui.progress import ProgressView

        # In the app the charts come a moment after the figures: see ProgressView.
        return ProgressView(
            self.context.log,
            lambda: self.context.now().date(),
            charts_later=self.paint_pages_first,
        )

    def _make_library(self) -> ExerciseLibraryLike:
        from sciatica_coach.ui.exercise_library import ExerciseLibraryView

        library = ExerciseLibraryView(
            self.context.library, self.context.settings, clock=self.context.clock
        )
        library.practice_requested.connect(self.start_practice)
        return library

    def _make_history(self) -> HistoryLike:
        from sciatica_coach.ui.history import HistoryView

        history = HistoryView(self.context.log)
        history.summary_requested.connect(self.offer_summary)
        history.resume_requested.connect(self._resume_from_history)
        history.leave_out_requested.connect(self.leave_out_of)
        return history

    # -- a session ------------------------------------------------------------------------

    def start_routine(self, routine_id: str) -> bool:
        """Open the before check-in of ``routine_id``; False if a session is under way or the
        routine is unknown."""
        return self.flow.start(routine_id)

    def start_practice(self, routine: Routine) -> bool:
        """Open the before check-in of a one-exercise practice ``routine`` from the library."""
        return self.flow.start_routine(routine)

    def resume_session(self, record: SessionRecord) -> bool:
        """Carry on an interrupted session, after a get-ready countdown into its step."""
        from sciatica_coach.core.engine import RESUME_LEAD_IN_SECONDS

        return self.flow.resume(record, RESUME_LEAD_IN_SECONDS)

    def _resume_from_history(self, session_id: int) -> None:
        try:
            record = self.context.log.session(session_id)
        except LogError as error:
            show_warning(self, APP_TITLE, str(error))
            return
        from sciatica_coach.core.exercise_search import find_routine

        if find_routine(self.context.library, record.routine_id) is None:
            show_warning(
                self,
                APP_TITLE,
                _(
                    "The routine {routine!r} is no longer in your library, so this "
                    "session cannot be resumed."
                ).format(routine=shown_routine_name(record.routine_id, record.routine_name)),
                QMessageBox.Icon.Information,
            )
            return
        self.resume_session(record)

    def _refresh_today(self) -> None:
        """Today again after a suggestion was answered, still saying what became of it."""
        if self.current_page is Page.TODAY:
            self.today.refresh(self.context.now().date(), keep_note=True)

    def offer_morning_check(self) -> bool:
        """At the first start on the day after a session, ask how the leg is this morning;
        whether the question is on screen."""
        from sciatica_coach.core.coach import morning_due

        if self.busy:
            return False
        try:
            due = morning_due(self.context.log, self.context.now().date())
        except LogError as error:
            logger.error("Could not read the log for the morning check: %s", error)
            return False
        if due is None:
            return False
        self.ask_morning_check(due)
        return True

    def ask_morning_check(self, session: SessionRecord | None) -> None:
        """The morning check-in about ``session`` as a page; back to Today when answered."""
        from sciatica_coach.ui.morning import MorningCheckPanel

        if session is None or self.busy:
            return
        panel = MorningCheckPanel(session, self.context.now())
        panel.saved.connect(self._morning_saved)
        panel.skipped.connect(lambda: self.show_page(Page.TODAY))
        self.place(Page.MORNING, panel)
        self.show_page(Page.MORNING)
        panel.focus_first()

    def _morning_saved(self, check: MorningCheck) -> None:
        try:
            self.context.log.record_morning_check(check)
        except LogError as error:
            show_warning(self, _("Your answers could not be saved"), str(error))
            return
        self.show_page(Page.TODAY)

    def offer_resume(self, ask: Callable[[SessionRecord], ResumeAnswer] | None = None) -> None:
        """For each unfinished session, newest first: resume it, close it as stopped, or
        decide later (it is offered again at the next start, and from History)."""
        from sciatica_coach.core.exercise_search import find_routine

        choose = ask or self._ask_resume
        try:
            unfinished = self.context.log.unfinished_sessions()
        except LogError as error:
            show_warning(self, APP_TITLE, str(error))
            return
        for record in unfinished:
            if find_routine(self.context.library, record.routine_id) is None:
                continue  # its routine is gone: History still shows it
            answer = choose(record)
            if answer is ResumeAnswer.LATER:
                return
            if answer is ResumeAnswer.RESUME and self.resume_session(record):
                return
            if answer in (ResumeAnswer.RESUME, ResumeAnswer.CLOSE):
                self.context.log.finish_session(
                    record.id,
                    "stopped",
                    self.context.now(),
                    record.active_seconds,
                    "interrupted",
                )

    def _ask_resume(self, record: SessionRecord) -> ResumeAnswer:
        box = QMessageBox(self)
        box.setWindowTitle(_("Unfinished session"))
        box.setTextFormat(Qt.TextFormat.PlainText)  # the routine's name may be a user's
        box.setText(
            _("Your {routine} session on {day} did not finish.").format(
                routine=shown_routine_name(record.routine_id, record.routine_name),
                day=day_heading(record.local_date),
            )
        )
        box.setInformativeText(_("Carry on where you left off, or close it as stopped?"))
        resume = box.addButton(_("&Resume"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("&Close it"), QMessageBox.ButtonRole.DestructiveRole)
        later = box.addButton(_("Decide &later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(resume)
        box.exec()
        clicked = box.clickedButton()
        if clicked is resume:
            return ResumeAnswer.RESUME
        return ResumeAnswer.LATER if clicked is later else ResumeAnswer.CLOSE

    # -- printing -------------------------------------------------------------------------

    def offer_summary(self, session_id: int) -> None:
        """Print the session summary, or save it as a PDF, as the user chooses."""
        from sciatica_coach.ui import printing

        choice = self._ask_print_or_save(_("Session summary"))
        if choice is OutputChoice.PRINT:
            printing.print_session(self, self.context.log, self.context.library, session_id)
        elif choice is OutputChoice.PDF:
            printing.save_session_pdf(self, self.context.log, self.context.library, session_id)

    def offer_progress_report(self) -> None:
        from sciatica_coach.ui import printing

        choice = self._ask_print_or_save(_("Progress report"))
        today = self.context.now().date()
        if choice is OutputChoice.PRINT:
            printing.print_progress_report(self, self.context.log, today=today)
        elif choice is OutputChoice.PDF:
            printing.save_progress_report_pdf(self, self.context.log, today=today)

    def offer_exercise_sheet(self) -> None:
        """The routine chosen on the Routines page (else Today's) on paper, or as a PDF."""
        from sciatica_coach.report.sheet import SheetOptions, sheet_document
        from sciatica_coach.ui import printing
        from sciatica_coach.ui.file_actions import sheet_file_name

        routine = self.routines.current_routine()
        if routine is None:
            show_warning(self, APP_TITLE, _("Choose a routine on the Routines page first."))
            return
        choice = self._ask_print_or_save(
            _("Exercise sheet of {routine}").format(routine=routine.name)
        )
        if choice is OutputChoice.CANCEL:
            return
        today = self.context.now().date()
        try:
            plan = self.context.log.plan(today)
        except LogError:
            plan = None
        document = sheet_document(routine, SheetOptions(start=today, plan=plan))
        if choice is OutputChoice.PRINT:
            printing.preview_and_print(self, document)
            return
        printing.save_pdf(
            self, document, sheet_file_name(routine), saved_title=_("Exercise sheet saved")
        )

    def open_routine(self) -> None:
        """File > Open routine…: add a routine file someone sent to the user's routines."""
        from sciatica_coach.ui.file_actions import ask_open_routine

        folder = paths.user_routines_dir(self.context.data)
        target = ask_open_routine(self, folder, self.context.library.exercises)
        if target is not None:
            self.reload_library()
            routine = next(
                (r for r in self.context.library.routines.values() if r.source == target), None
            )
            if routine is not None:
                self.show_page(Page.ROUTINES)
                self.routines.select(routine.id)

    def export_history(self) -> None:
        from sciatica_coach.ui.file_actions import ask_export_history

        ask_export_history(self, self.context.log, self.context.now())

    def import_history(self) -> None:
        from sciatica_coach.ui.file_actions import ask_import_history

        if self.busy:
            show_warning(self, APP_TITLE, _("Finish or stop your session first, then import."))
            return
        if ask_import_history(self, self.context.log):
            current = self.current_page
            if current in NAVIGATION:
                self._show_navigable(current)

    def _ask_print_or_save(self, what: str) -> OutputChoice:
        box = QMessageBox(self)
        box.setWindowTitle(what)
        box.setText(_("{what}: print it, or save it as a PDF to send or keep?").format(what=what))
        print_button = box.addButton(_("&Print…"), QMessageBox.ButtonRole.AcceptRole)
        pdf_button = box.addButton(_("&Save as PDF…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is print_button:
            return OutputChoice.PRINT
        return OutputChoice.PDF if clicked is pdf_button else OutputChoice.CANCEL

    # -- menus ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        symptoms = QAction(_("Your &symptoms…"), self)
        symptoms.triggered.connect(self.edit_symptom_profile)
        file_menu.addAction(symptoms)
        report = QAction(_("Progress &report…"), self)
        report.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_P))
        report.triggered.connect(self.offer_progress_report)
        file_menu.addAction(report)
        sheet = QAction(_("Print e&xercise sheet…"), self)
        sheet.triggered.connect(self.offer_exercise_sheet)
        file_menu.addAction(sheet)
        file_menu.addSeparator()
        open_routine = QAction(_("&Open routine…"), self)
        open_routine.setShortcut(QKeySequence.StandardKey.Open)
        open_routine.triggered.connect(self.open_routine)
        file_menu.addAction(open_routine)
        export = QAction(_("&Export history as CSV…"), self)
        export.triggered.connect(self.export_history)
        file_menu.addAction(export)
        import_ = QAction(_("&Import history…"), self)
        import_.triggered.connect(self.import_history)
        file_menu.addAction(import_)
        export_calendar = QAction(_("Export plan to &calendar…"), self)
        export_calendar.triggered.connect(lambda: self.export_plan_calendar())
        file_menu.addAction(export_calendar)
        file_menu.addSeparator()
        quit_action = QAction(_("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.quit_app)
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu(_("&Edit"))
        preferences = QAction(_("&Preferences…"), self)
        preferences.setShortcut(QKeySequence.StandardKey.Preferences)
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        preferences.triggered.connect(self.show_preferences)
        edit_menu.addAction(preferences)
        view_menu = self.menuBar().addMenu(_("&View"))
        self.full_screen_action = QAction(_("&Full screen"), self)
        self.full_screen_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.full_screen_action.triggered.connect(self.toggle_full_screen)
        # Kept working while the menu bar is hidden in full screen.
        self.addAction(self.full_screen_action)
        view_menu.addAction(self.full_screen_action)
        self.animate_action = animate = QAction(_("&Animate illustrations"), self)
        animate.setCheckable(True)
        animate.setChecked(read_flag(self.context.settings, ANIMATED_KEY, True))
        animate.toggled.connect(self.set_animated_illustrations)
        view_menu.addAction(animate)
        self.ask_leg_action = ask_leg = QAction(_("Ask about my &leg after each exercise"), self)
        ask_leg.setCheckable(True)
        ask_leg.setChecked(read_flag(self.context.settings, LEG_QUESTION_KEY, True))
        ask_leg.toggled.connect(lambda on: self.context.settings.setValue(LEG_QUESTION_KEY, on))
        view_menu.addAction(ask_leg)
        help_menu = self.menuBar().addMenu(_("&Help"))
        self.shortcuts_action = QAction(_("&Keyboard shortcuts"), self)
        self.shortcuts_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.addAction(self.shortcuts_action)  # F1 works in full screen too
        help_menu.addAction(self.shortcuts_action)
        safety = QAction(_("&Safety information"), self)
        safety.triggered.connect(self._show_safety)
        help_menu.addAction(safety)
        self.open_logs_action = QAction(_("Open &log folder"), self)
        self.open_logs_action.triggered.connect(self.open_log_folder)
        help_menu.addAction(self.open_logs_action)
        about = QAction(_("&About"), self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def edit_symptom_profile(self) -> bool:
        """File > Your symptoms: the symptom profile, pre-filled; whether one was saved."""
        from sciatica_coach.ui.profile import edit_profile

        if self.busy:
            show_warning(
                self,
                APP_TITLE,
                _("Finish or stop your session first, then change your symptoms."),
                QMessageBox.Icon.Information,
            )
            return False
        if edit_profile(self.context.log, self.context.now, self) is None:
            return False
        # The page on show may mark exercises by the profile: show it as it now reads.
        current = self.current_page
        if current in NAVIGATION:
            self._show_navigable(current)
        return True

    def offer_symptom_profile(self) -> bool:
        """First start, after the safety screen: offer the symptom profile, once only."""
        from sciatica_coach.ui.settings_keys import PROFILE_OFFERED_KEY

        context = self.context
        if read_flag(context.settings, PROFILE_OFFERED_KEY, False):
            return False  # offered before (asked here first: the dialog's module is large)
        from sciatica_coach.ui.profile import offer_profile_once

        shown = offer_profile_once(context.settings, context.log, context.now, self)
        if shown:
            self._refresh_today()  # "Start here" follows the answers, if any were saved
        return shown

    def set_animated_illustrations(self, on: bool) -> None:
        """Off: a still picture of the movement instead of one that moves with the timer."""
        self.context.settings.setValue(ANIMATED_KEY, on)
        if self._flow is not None and self._flow._player is not None:
            self._flow.player.illustration.set_animated(on)
        if self.library_page.built:
            self.library_page.content().set_animated(on)

    def show_shortcuts(self) -> None:
        """Help > Keyboard shortcuts: every key of every screen (ui/keys.py)."""
        from sciatica_coach.ui.shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def _show_safety(self) -> None:
        from sciatica_coach.ui.safety import SafetyDialog

        SafetyDialog(self, require_ack=False).exec()

    def open_log_folder(self) -> bool:
        """Show the app log's folder in the file manager, making it first if needed."""
        folder = applog.logs_dir(self.context.data)
        try:
            paths.ensure_private_dir(folder)
        except OSError as error:
            show_warning(
                self,
                APP_TITLE,
                _("The log folder could not be opened.\n\n{error}").format(error=error),
            )
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _about(self) -> None:
        QMessageBox.about(
            self,
            _("About {app}").format(app=APP_TITLE),
            _(
                "{app} {version}\n\nA companion for your home exercises. It is not "
                "medical advice.\n\nYour data stays on this computer, in\n{folder}"
            ).format(app=APP_TITLE, version=__version__, folder=self.context.data),
        )

    # -- reminders, the tray and preferences ----------------------------------------------

    def _init_reminders(self) -> None:
        self._quitting = False
        self.tray: CoachTray | None = None
        self.notifications: SystemNotifications | None = None
        self.preferences_page: PreferencesPage | None = None
        self.autostart: Autostart | None = None  # tests put one under a temporary home
        self.reminder_clock: ReminderClock | None = None
        self._reminder_answers: ReminderAnswers | None = None
        self._reminder_popup: ReminderPopup | None = None

    def _start_reminders(self) -> None:
        from sciatica_coach.ui.reminder_clock import ReminderClock

        context = self.context
        self.reminder_clock = ReminderClock(context.log, context.settings, context.now, self)
        self.reminder_clock.due.connect(self.show_reminder)
        self.set_tray(read_flag(context.settings, TRAY_KEY, False))
        QTimer.singleShot(0, self.reminder_clock.check)

    @property
    def reminder_answers(self) -> ReminderAnswers:
        """Start, In 30 minutes or Not today, from the popup or a desktop notification."""
        if self._reminder_answers is None:
            from sciatica_coach.ui.notify import ReminderAnswers

            answers = self._reminder_answers = ReminderAnswers(self)
            answers.start.connect(self.start_todays_routine)
            answers.snooze.connect(lambda: self._reminders.snooze())
            answers.not_today.connect(lambda: self._reminders.not_today())
        return self._reminder_answers

    @property
    def reminder_popup(self) -> ReminderPopup:
        """The app's own reminder window, made for the first reminder it shows."""
        if self._reminder_popup is None:
            from sciatica_coach.ui.notify import ReminderPopup

            self._reminder_popup = ReminderPopup(self.reminder_answers)
        return self._reminder_popup

    @property
    def _reminders(self) -> ReminderClock:
        if self.reminder_clock is None:
            self.finish_start()
        assert self.reminder_clock is not None
        return self.reminder_clock

    def todays_routine(self) -> Routine | None:
        """What a reminder starts: Today's "Start here", else the last routine done, else the
        first in the library."""
        from sciatica_coach.core.exercise_search import find_routine

        library = self.context.library
        wanted = getattr(self.today, "_start_here_id", "")
        if not wanted:
            try:
                last = self.context.log.sessions(limit=1)
            except LogError:
                last = []
            wanted = last[0].routine_id if last else ""
        routine = find_routine(library, wanted) if wanted else None
        return routine or next(iter(library.routines.values()), None)

    def show_reminder(self, reminder: Reminder) -> None:
        """A reminder through the desktop's notification service, else the app's window."""
        from sciatica_coach.core.timeline import expand_routine
        from sciatica_coach.core.words import reminder_body, reminder_title

        routine = self.todays_routine()
        name = routine.name if routine else None
        minutes = round(expand_routine(routine).total_seconds / 60) if routine else None
        title, body = reminder_title(reminder.kind), reminder_body(name, minutes)
        if self.notifications is None and QApplication.platformName() not in _NO_SERVICES:
            from sciatica_coach.ui.notify import SystemNotifications

            if SystemNotifications.installed():
                self.notifications = SystemNotifications(self.reminder_answers, APP_TITLE)
        if self.notifications is not None and self.notifications.send(title, body, name):
            return
        self.reminder_popup.show_reminder(title, body, name)

    def start_todays_routine(self) -> None:
        routine = self.todays_routine()
        self.bring_forward()
        if routine is not None:
            self.start_routine(routine.id)

    def bring_forward(self) -> None:
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()

    def set_tray(self, on: bool) -> None:
        """Show or take away the tray icon; closing the window then hides it, or quits."""
        if on and self.tray is None:
            from sciatica_coach.ui.tray import CoachTray, tray_available

            if not tray_available():
                return
            self.tray = CoachTray(QApplication.windowIcon(), self)
            self.tray.start_requested.connect(self.start_todays_routine)
            self.tray.open_requested.connect(self.bring_forward)
            self.tray.pause_requested.connect(self._pause_reminders)
            self.tray.quit_requested.connect(self.quit_app)
            self.tray.menu.aboutToShow.connect(self._refresh_tray)
            self._refresh_tray()
            self.tray.show()
        elif not on and self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None

    def _refresh_tray(self) -> None:
        if self.tray is not None:
            routine = self.todays_routine()
            self.tray.set_routine(routine.name if routine else None)
            self.tray.set_paused(self._reminders.paused_today)

    def _pause_reminders(self) -> None:
        self._reminders.pause_today()
        self._refresh_tray()

    def quit_app(self) -> None:
        """Quit for real, tray or not (File > Quit, the tray's Quit)."""
        self._quitting = True
        if not self.close():
            self._quitting = False
            return
        QApplication.quit()

    def export_plan_calendar(self, target: Path | None = None) -> bool:
        """File > Export plan to calendar: the plan as repeating events in an .ics file."""
        from PySide6.QtWidgets import QFileDialog

        from sciatica_coach.core import outputs
        from sciatica_coach.core.calendar_export import CalendarError, plan_calendar
        from sciatica_coach.core.timeline import expand_routine

        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export plan to calendar"),
                str(Path.home() / "exercise-plan.ics"),
                _("Calendar (*.ics)"),
            )
            if not chosen:
                return False
            target = Path(chosen)
        routine = self.todays_routine()
        today = self.context.now().date()
        log = self.context.log
        try:
            minutes = round(expand_routine(routine).total_seconds / 60) if routine else 20
            text = plan_calendar(
                log.plan(today),
                log.reminder_times(),
                today,
                max(minutes, 5),
                routine.name if routine else None,
            )
            outputs.write_bytes(target, text)
        except (CalendarError, outputs.OutputError, LogError) as error:
            show_warning(self, _("Export plan to calendar"), str(error))
            return False
        return True

    def show_preferences(self) -> PreferencesPage:
        """Edit > Preferences, beside the window: each change takes effect at once."""
        from sciatica_coach.core.autostart import for_this_machine
        from sciatica_coach.ui.settings_page import PreferenceParts, PreferencesPage
        from sciatica_coach.ui.tray import tray_available

        page = self.preferences_page
        if page is None:
            context = self.context
            parts = PreferenceParts(
                settings=context.settings,
                log=context.log,
                data=context.data,
                today=lambda: self.context.now().date(),
                cue_player=context.cue_player,
                voice=context.voice,
                appearance=context.appearance,
                autostart=self.autostart or for_this_machine(),
                tray_possible=tray_available(),
            )
            page = PreferencesPage(parts, self)
            page.animated_changed.connect(self.animate_action.setChecked)
            page.tray_changed.connect(self.set_tray)
            page.reminders_changed.connect(lambda: self._reminders.check())
            page.reminders_changed.connect(self._refresh_today)
            page.lengths_changed.connect(self.reload_library)
            page.safety_requested.connect(self._show_safety)
            self.ask_leg_action.toggled.connect(page.leg_question.setChecked)
            page.leg_question.toggled.connect(self.ask_leg_action.setChecked)
            self.animate_action.toggled.connect(page.animated.setChecked)
            self.preferences_page = page
        page.show()
        page.raise_()
        return page

    # -- window state ---------------------------------------------------------------------

    def toggle_full_screen(self) -> None:
        """Full screen and back to exactly the state before it (maximised stays maximised)."""
        if self.isFullScreen():
            self.setWindowState(self._state_before_full_screen)
        else:
            self._state_before_full_screen = self.windowState() & ~Qt.WindowState.WindowMinimized
            self.setWindowState(self.windowState() | Qt.WindowState.WindowFullScreen)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.WindowStateChange:
            full = self.isFullScreen()
            self.menuBar().setVisible(not full)
            self.full_screen_action.setText(_("Leave &full screen") if full else _("&Full screen"))
            if self._flow is not None and self._flow._player is not None:
                self._flow.player.show_full_screen_state(full)
        super().changeEvent(event)

    def _restore_geometry(self) -> None:
        saved = self.context.settings.value(GEOMETRY_KEY)
        if isinstance(saved, QByteArray) and self.restoreGeometry(saved):
            return
        # 1280x800, or less on a smaller screen, leaving room for the title bar and panels.
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 840)
        self.resize(min(1280, room.width()), min(800, room.height() - WINDOW_FRAME_ALLOWANCE))

    def _ask_to_quit(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Quit Sciatica Coach"))
        box.setText(_(QUIT_QUESTION))
        box.setInformativeText(_(QUIT_DETAIL))
        quit_button = box.addButton(_("&Quit"), QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton(_("&Keep going"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is quit_button

    def _ask_to_lose_unsaved(self) -> bool:
        problem = self.flow.recorder.problem if self.flow.recorder else ""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Not saved"),
            _(
                "Part of your session could not be saved: {problem}\n\nIf you quit now it is "
                "lost. Keep the app open and it is saved as soon as the log can be written."
            ).format(problem=problem),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Discard

    def closeEvent(self, event: QCloseEvent) -> None:
        flow = self._flow
        running = flow is not None and flow.session_running
        if self.tray is not None and not self._quitting and not running:
            # Keep running in the tray: the window goes, reminders stay armed.
            if not self.isFullScreen():
                self.context.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
            self.hide()
            event.ignore()
            return
        if running and not self.confirm_quit():
            event.ignore()
            return
        if flow is not None:
            flow.quit()
            if flow.unsaved and not flow.retry_saving() and not self.confirm_lose_unsaved():
                event.ignore()
                return
        self._commit_history_deletes()
        if not self.isFullScreen():
            self.context.settings.setValue(GEOMETRY_KEY, self.saveGeometry())
        from sciatica_coach.ui.safety import sync_settings

        problem = sync_settings(self.context.settings)
        if problem:
            print(problem, file=sys.stderr)
        if self.reminder_clock is not None:
            self.reminder_clock.stop()
        if self.tray is not None:
            self.tray.hide()
        super().closeEvent(event)


# Platforms without a desktop notification service: reminders use the app's own window.
_NO_SERVICES = ("offscreen", "minimal", "vnc")


def library_for(data: Path, settings: QSettings) -> Library:
    """The routines, with the pauses the user set in Preferences."""
    from sciatica_coach.core.library import load_library
    from sciatica_coach.core.session_lengths import adjusted_library
    from sciatica_coach.ui.settings_values import session_lengths

    return adjusted_library(load_library(data), session_lengths(settings))


def apply_appearance(app: QApplication, settings: QSettings) -> Appearance:
    """Theme and text size as saved, applied to the whole app."""
    from sciatica_coach.ui.appearance import Appearance, parse_theme
    from sciatica_coach.ui.settings_keys import HIGH_CONTRAST_KEY, TEXT_SCALE_KEY, THEME_KEY

    appearance = Appearance(app)
    appearance.high_contrast = read_flag(settings, HIGH_CONTRAST_KEY, False)
    appearance.set_theme(parse_theme(settings.value(THEME_KEY)))
    percent = settings.value(TEXT_SCALE_KEY, 100, type=int)
    if isinstance(percent, int) and percent != 100:
        appearance.set_text_percent(percent)
    return appearance


class RefreshingPage(Protocol):
    """A page that reads the log again when it is shown."""

    def refresh(self) -> None: ...


class ExerciseLibraryLike(RefreshingPage, Protocol):
    """The Exercise library page, whose pictures follow the animation setting."""

    def set_animated(self, on: bool) -> None: ...

    def set_library(self, library: Library) -> None: ...


class HistoryLike(RefreshingPage, Protocol):
    """The History page, whose deletes can be undone until it is left."""

    def commit_pending_deletes(self) -> int: ...


# The page's own type, so content() of the History page offers commit_pending_deletes.
PageT = TypeVar("PageT")  # i18n: not words (a type name)


class LazyPage(QWidget, Generic[PageT]):
    """A page whose real widget is made the first time it is shown."""

    def __init__(self, make: Callable[[], PageT]) -> None:
        super().__init__()
        self._make = make
        self._content: PageT | None = None
        self._coming = False  # build_soon has asked for it
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> PageT:
        if self._content is None:
            self._content = self._make()
            assert isinstance(self._content, QWidget)
            self._layout.addWidget(self._content)
        return self._content

    def build_soon(self) -> None:
        """Make the page once the window has painted its frame: a first build that reads a
        long log takes a moment, and the window answers meanwhile."""
        if self.built or self._coming:
            return
        self._coming = True
        QTimer.singleShot(FRAME_FIRST_MS, self.content)


def settings_for(data: Path) -> QSettings:
    """Settings live in the data folder beside the log, private like it."""
    file = data / "settings.ini"
    # Qt saves over an existing file keeping its permissions: make it owner-only first.
    with contextlib.suppress(OSError):
        os.close(os.open(file, os.O_CREAT | os.O_WRONLY, 0o600))
        os.chmod(file, 0o600)
    settings = QSettings(str(file), QSettings.Format.IniFormat)
    return settings


# How long the rest of the start waits for a first paint that does not come (a window that
# opens covered, on a platform that then paints nothing).
FIRST_PAINT_PATIENCE_MS = 1000


class AfterFirstPaint(QObject):
    """Calls ``then`` once, just after ``window`` is first painted, or after
    FIRST_PAINT_PATIENCE_MS if it is not painted by then."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._then: Callable[[], None] | None = then
        window.installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_PATIENCE_MS, self._run)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Once the paint is on screen: the event loop has flushed it by the next turn.
            QTimer.singleShot(0, self._run)
        return False

    def _run(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()


def preload_charts() -> None:
    import sciatica_coach.ui.progress  # noqa: F401 - imported for its side effect of loading


ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
FIRST_ICON_SIZE = 64  # the largest before the first paint


def make_application(qt_options: Sequence[str] = ()) -> QApplication:
    """The one QApplication, given only Qt's own options (``-style fusion`` and the like)."""
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0] if sys.argv else "sciatica-coach", *qt_options])
    )
    app.setApplicationName("sciatica-coach")
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("sciatica-coach")
    # Up to 64 pixels until the first paint (finish_application adds the rest): on X11 every
    # size is decoded as the window is mapped, and the three largest take about 8 ms.
    app.setWindowIcon(app_icon(up_to=FIRST_ICON_SIZE))
    return app


def finish_application() -> None:
    """What the first window does not wait for: the icon's large sizes (task switchers, docks)
    and the keyboard focus ring (ui.focus_ring), which imports most of the colours."""
    from sciatica_coach.ui.focus_ring import install_focus_ring

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    largest = max((size.width() for size in app.windowIcon().availableSizes()), default=0)
    if largest < ICON_SIZES[-1]:
        app.setWindowIcon(app_icon())
    install_focus_ring(app)


def app_icon(up_to: int = ICON_SIZES[-1]) -> QIcon:
    """The app's icon from its drawn sizes (16 to ``up_to`` pixels), else its SVG: the PNGs
    need neither QtSvg nor its icon plugin at start-up (about 1 MB resident, a few ms)."""
    icons = paths.assets_dir() / "icons"
    icon = QIcon()
    for size in (size for size in ICON_SIZES if size <= up_to):
        png = icons / "hicolor" / f"{size}x{size}" / "apps" / "sciatica-coach.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))
    svg = icons / "sciatica-coach.svg"
    return QIcon(str(svg)) if icon.isNull() and svg.is_file() else icon


def build_context(data: Path, *, library: bool = True) -> AppContext:
    """Open the data folder: log, settings, routines and sound. Raises LogError or OSError.

    Without ``library`` the routines are left empty and there is no cue player yet, for
    MainWindow.finish_start to add once the window is on screen.
    The log is opened with recovery (sessions left in progress become interrupted), so only
    the holder of the data folder's lock may call this on a folder an app could be using.
    """
    from sciatica_coach.core.library import Library
    from sciatica_coach.core.log import SessionLog

    paths.ensure_private_dir(data)
    log = SessionLog(data / paths.DATABASE_NAME)
    settings = settings_for(data)
    context = AppContext(
        data=data,
        settings=settings,
        log=log,
        library=library_for(data, settings) if library else Library({}, {}),
    )
    if library:
        add_sound(context)
    return context


def add_sound(context: AppContext) -> None:
    """The cue player, and the voice that may speak its cues, as the settings say."""
    from sciatica_coach.ui.sound import CuePlayer
    from sciatica_coach.ui.voice import VoiceGuide

    cue_player = CuePlayer(paths.assets_dir() / "sounds", context.settings)
    cue_player.voice = VoiceGuide(context.settings)
    context.cue_player, context.voice = cue_player, cue_player.voice


def build_main_window(data: Path) -> MainWindow:
    """The main window over ``data``, without the first-start questions (for start-up tests)."""
    return MainWindow(build_context(data))


ALREADY_OPEN = N_("Sciatica Coach is already open; brought its window forward.")


def run_app(
    data: Path,
    start_routine: str | None = None,
    qt_options: Sequence[str] = (),
    background: bool = False,
) -> int:
    """The app over ``data``; with ``start_routine`` it opens at that routine's check-in.

    The data folder's lock comes first, before the log or the safety screen: a second launch
    over the same folder only brings the first one's window forward, and never opens the log.
    """
    app = make_application(qt_options)
    try:
        paths.ensure_private_dir(data)
        lock = InstanceLock.acquire(data)
    except InstanceLockHeld as held:
        from sciatica_coach.ui.launch import server_name

        return hand_over_to_running_instance(server_name(data), start_routine, held)
    except OSError as error:
        return _cannot_open(error)
    try:
        from sciatica_coach.ui.launch import listen_for_second_launch, server_name

        applog.start_app_log(data)
        # The words of every page come from the language chosen here, so it comes first.
        apply_language(app, settings_for(data))
        logger.info("Sciatica Coach %s started; data folder %s", __version__, data)
        # Answer second launches from the moment the lock is held, safety screen included:
        # a launch at the same moment gives way to this one only once it is answered.
        server = listen_for_second_launch(server_name(data), holding_lock=True)
        restore_excepthook = show_log_errors_in_dialogs()
        try:
            if background:
                return _open_and_run(app, data, server, start_routine, background=True)
            return _open_and_run(app, data, server, start_routine)
        finally:
            restore_excepthook()
            server.close()
    finally:
        logger.info("Sciatica Coach closed")
        applog.stop_app_log()
        lock.release()


def hand_over_to_running_instance(
    name: str, start_routine: str | None, held: InstanceLockHeld
) -> int:
    """Ask the app holding the lock to come forward (and start the routine): exit status 0 if
    it did, else 1 with a message."""
    from sciatica_coach.ui.launch import HANDOVER_PATIENCE_SECONDS, bring_forward_running_instance

    if bring_forward_running_instance(name, start_routine, patience=HANDOVER_PATIENCE_SECONDS):
        print(_(ALREADY_OPEN), file=sys.stderr)
        return 0
    # The holder is an import, or an app that does not answer: say so rather than wait.
    message = _("{held} It did not answer; try again in a moment.").format(held=held)
    print(message, file=sys.stderr)
    QMessageBox.critical(None, APP_TITLE, message)
    return 1


def _open_and_run(
    app: QApplication,
    data: Path,
    server: LaunchServer,
    start_routine: str | None,
    background: bool = False,
) -> int:
    from sciatica_coach.ui.safety import ensure_safety_acknowledged, safety_acknowledged

    try:
        # On screen, the routines are read just after the first paint (finish_start).
        context = build_context(data, library=background)
    except (LogError, OSError) as error:
        logger.error("Could not open the data folder: %s: %s", type(error).__name__, error)
        return _cannot_open(error)
    try:
        qt_app = QApplication.instance()  # ``app`` itself may be a stand-in in tests
        if isinstance(qt_app, QApplication):
            context.appearance = apply_appearance(qt_app, context.settings)
        if background or not safety_acknowledged(context.settings):
            # The safety screen comes first: its keys need the focus ring.
            finish_application()
        if not ensure_safety_acknowledged(context.settings):
            return 0
        try:
            # On screen, Today is its heading until the first paint, then reads the log
            # (finish_start); started at login, the window is finished before it is shown.
            window = MainWindow(context, finish_later=not background)
        except LogError as error:
            logger.error("Could not read the log: %s: %s", type(error).__name__, error)
            return _cannot_open(error)

        def first_questions(routine: str | None) -> None:
            # The symptom profile comes right after the safety screen, before anything else.
            window.offer_symptom_profile()
            if routine is not None:
                window.start_routine(routine)
            else:
                window.offer_resume()
                window.offer_morning_check()

        def finish() -> None:
            finish_application()
            try:
                window.finish_start()
            except LogError as error:
                logger.error("Could not read the log: %s: %s", type(error).__name__, error)
                window.hide()
                QApplication.exit(_cannot_open(error))
                return
            # Requests go to the window once it has its routines; one that came before
            # (a second launch with a routine to start) is carried out now.
            first_questions(server.attach(window) or start_routine)

        if background:
            routine = server.attach(window) or start_routine
            if routine is not None:
                window.show()
            elif window.tray is None:
                window.showMinimized()  # started at login without a tray: out of the way
            QTimer.singleShot(0, lambda: first_questions(routine))
        else:
            window.show()
            AfterFirstPaint(window, finish)
        # The charting libraries are not loaded ahead (40 MB for a page many never open):
        # Progress shows its frame at once and its charts when they are loaded.
        window.paint_pages_first = True
        return app.exec()
    finally:
        if context.voice is not None:
            context.voice.close()
        if context.cue_player is not None:
            context.cue_player.close()
        context.log.close()


def _cannot_open(error: Exception) -> int:
    print(error, file=sys.stderr)
    QMessageBox.critical(
        None, APP_TITLE, _("Your exercise log could not be opened.\n\n{error}").format(error=error)
    )
    return 1


LOG_FAILED = N_("Sciatica Coach could not use your exercise log.")


def show_log_errors_in_dialogs() -> Callable[[], None]:
    """From now on a LogError raised in a slot or event handler (a page reading a log that
    turned out damaged, a write refused) is shown in a dialog instead of a traceback, one
    dialog at a time. Every error that reaches the hook is written to the app log first, any
    other kind with its traceback before the previous hook sees it. Returns the function that
    puts the previous hook back."""
    previous = sys.excepthook
    showing = False

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        nonlocal showing
        if not isinstance(error, LogError):
            logger.error("Uncaught %s", kind.__name__, exc_info=(kind, error, trace))
            previous(kind, error, trace)
            return
        logger.error("Caught %s: %s", kind.__name__, error)
        print(error, file=sys.stderr)
        if showing:
            return
        showing = True
        try:
            parent = QApplication.activeModalWidget() or QApplication.activeWindow()
            QMessageBox.critical(parent, APP_TITLE, _(LOG_FAILED) + f"\n\n{error}")
        finally:
            showing = False

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore

"""The life of one session: before check-in, player, stop sheet, advice, after check-in, end.

One object owns the whole path with named states, so each rule a patient relies on is a
property of the flow rather than of whichever slot happened to run: Esc on the before
check-in starts nothing; a stop asks why and a safety stop shows its advice before any
check-in; a dialog or menu opened mid-session pauses it; quitting mid-session keeps what
was done. Every page is a page of the main window, never a nested event loop.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget

from sciatica_coach.core import coach, safety
from sciatica_coach.core.coach import session_variants
from sciatica_coach.core.exercise_search import find_routine
from sciatica_coach.core.records import LogError, PainCheck, SessionRecord
from sciatica_coach.core.routine_copy import marked_exercises, without_exercises
from sciatica_coach.core.symptoms import aggravating_directions
from sciatica_coach.core.timeline import Timeline, expand_routine
from sciatica_coach.core.words import provoking_exercise
from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.pages import Page
from sciatica_coach.ui.plain_text import show_warning
from sciatica_coach.ui.settings_keys import HIDE_AGGRAVATING_KEY
from sciatica_coach.ui.settings_values import read_flag

if TYPE_CHECKING:
    from sciatica_coach.core.catalog import Routine
    from sciatica_coach.core.engine import Session
    from sciatica_coach.core.recorder import SessionRecorder
    from sciatica_coach.ui.app import AppContext
    from sciatica_coach.ui.checkin import PainCheckInPanel
    from sciatica_coach.ui.finish import FinishView
    from sciatica_coach.ui.player import PlayerView
    from sciatica_coach.ui.stop import StopAdvicePage, StopSheet

# Sessions and routines by id, stops by code: never pain scores, notes or names.
logger = logging.getLogger(__name__)


# i18n: not words (the states' names are for the log and tests)
class FlowState(Enum):
    IDLE = "idle"
    CHECK_IN_BEFORE = "check-in before"
    PLAYING = "playing"
    STOP_SHEET = "stop sheet"
    ADVICE = "advice"
    CHECK_IN_AFTER = "check-in after"
    END = "end"


# States in which a session is logged as in progress: quitting now must close it.
RUNNING_STATES = frozenset({FlowState.PLAYING, FlowState.STOP_SHEET})
BUSY_STATES = RUNNING_STATES | {
    FlowState.CHECK_IN_BEFORE,
    FlowState.ADVICE,
    FlowState.CHECK_IN_AFTER,
}
INTERRUPTED_NOTICE = N_("Paused while another window was open. Press Space to carry on.")
RETRY_SAVE_MS = 3000


class FlowHost(Protocol):
    """What the flow needs of the main window: somewhere to put its pages."""

    def place(self, page: Page, widget: QWidget) -> None: ...

    def show_page(self, page: Page) -> None: ...

    def toggle_full_screen(self) -> None: ...


class SessionFlow(QObject):
    """Runs one session at a time through its pages; ``state`` says where it is."""

    state_changed = Signal(object)
    summary_requested = Signal(int)
    leave_requested = Signal(object)  # a Page: where the end screen's buttons lead
    suggestion_decided = Signal(object, str)  # from the end screen's suggestion cards
    warning_signs_requested = Signal()
    leave_out_requested = Signal(str, str)  # a routine id, an exercise id: from the advice

    def __init__(self, context: AppContext, host: FlowHost) -> None:
        super().__init__()
        self.context = context
        self.host = host
        self.state = FlowState.IDLE
        self.session: Session | None = None
        self.recorder: SessionRecorder | None = None
        self.check_in: PainCheckInPanel | None = None
        self.pain_before: PainCheck | None = None
        self._routine: Routine | None = None  # the routine the before check-in is for
        self._stop_note = ""
        self._player: PlayerView | None = None
        self._stop_sheet: StopSheet | None = None
        self._advice: StopAdvicePage | None = None
        self._finish: FinishView | None = None
        self._watcher = InterruptionWatcher(self._interrupted)
        self._running_exercise: str | None = None
        # While the log refuses writes, try again every few seconds.
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_SAVE_MS)
        self._retry.timeout.connect(self.retry_saving)

    # -- the pages, made when first needed --------------------------------------------------

    @property
    def player(self) -> PlayerView:
        if self._player is None:
            from sciatica_coach.ui.player import PlayerView

            self._player = PlayerView(self.context.settings, self.context.cue_player)
            self._player.ended.connect(self._session_over)
            self._player.stop_requested.connect(self.open_stop_sheet)
            self._player.pain_stop_requested.connect(lambda: self.stop(safety.PAIN_SPREADING.code))
            self._player.full_screen_requested.connect(self.host.toggle_full_screen)
            self._player.leg_response_given.connect(self._leg_response)
            self.host.place(Page.PLAYER, self._player)
        return self._player

    @property
    def stop_sheet(self) -> StopSheet:
        if self._stop_sheet is None:
            from sciatica_coach.ui.stop import StopSheet

            self._stop_sheet = StopSheet()
            self._stop_sheet.reason_chosen.connect(self.stop)
            self._stop_sheet.back_requested.connect(self.back_to_session)
            self.host.place(Page.STOP_SHEET, self._stop_sheet)
        return self._stop_sheet

    @property
    def advice(self) -> StopAdvicePage:
        if self._advice is None:
            from sciatica_coach.ui.stop import StopAdvicePage

            self._advice = StopAdvicePage()
            self._advice.continue_requested.connect(self._ask_after)
            self._advice.leave_out_requested.connect(self.leave_out_requested)
            self.host.place(Page.ADVICE, self._advice)
        return self._advice

    @property
    def finish(self) -> FinishView:
        if self._finish is None:
            from sciatica_coach.ui.finish import FinishView

            self._finish = FinishView()
            self._finish.home_requested.connect(lambda: self._leave(Page.TODAY))
            self._finish.progress_requested.connect(lambda: self._leave(Page.PROGRESS))
            self._finish.summary_requested.connect(self.summary_requested)
            self._finish.suggestions.decided.connect(self.suggestion_decided)
            self._finish.suggestions.warning_signs_requested.connect(self.warning_signs_requested)
            self.host.place(Page.END, self._finish)
        return self._finish

    # -- what the rest of the app may ask ---------------------------------------------------

    @property
    def busy(self) -> bool:
        """Whether a session is somewhere between its before and after check-ins."""
        return self.state in BUSY_STATES

    @property
    def session_running(self) -> bool:
        """Whether a session is logged as in progress (quitting now would cut it short)."""
        return self.state in RUNNING_STATES

    def start(self, routine_id: str) -> bool:
        """Open the before check-in for ``routine_id``; nothing is logged until it is answered."""
        routine = self.context.library.find(routine_id)
        return routine is not None and self.start_routine(routine)

    def start_routine(self, routine: Routine) -> bool:
        """Open the before check-in for ``routine``, which need not be in the library (a
        practice of one exercise); False while another session is under way."""
        if self.busy:
            return False
        if self.unsaved and not self.retry_saving():
            problem = self.recorder.problem if self.recorder else ""
            self._tell(
                _("Your last session is not saved yet"),
                _("{problem} Try again in a moment.").format(problem=problem),
            )
            return False
        self._routine = routine
        self.pain_before = None
        self._show_check_in("before", None, can_cancel=True, routine_name=routine.name)
        self._enter(FlowState.CHECK_IN_BEFORE, Page.CHECK_IN)
        assert self.check_in is not None
        self.check_in.focus_first()
        return True

    def resume(self, record: SessionRecord, lead_in_seconds: float) -> bool:
        """Carry on an unfinished session from its first unfinished step, after a countdown."""
        from sciatica_coach.core.recorder import SessionRecorder

        routine = find_routine(self.context.library, record.routine_id)
        if routine is None or self.busy:
            return False
        timeline = self._timeline_of(routine, record.planned_work_steps)
        log = self.context.log
        try:
            start = min(log.reopen_session(record.id), len(timeline.steps) - 1)
            done = sum(s.actual_seconds for s in log.steps(record.id) if s.status != "stopped")
            recorder = SessionRecorder(
                log, timeline, now=self.context.now, session_id=record.id, prior_seconds=done
            )
            self.pain_before = record.pain_before
            self._play(timeline, recorder, start, lead_in_seconds)
        except LogError as error:
            logger.error("Session %s could not be resumed: %s", record.id, error)
            self._tell(_("The session could not be resumed"), str(error))
            return False
        return True

    def _without_hidden(self, routine: Routine) -> Routine:
        """``routine`` less the exercises the profile marks, when the user hides them;
        raises ValueError when that would leave nothing."""
        if not read_flag(self.context.settings, HIDE_AGGRAVATING_KEY, False):
            return routine
        marked = marked_exercises(routine, aggravating_directions(self.context.log.profile()))
        return without_exercises(routine, marked) if marked else routine

    def _timeline_of(self, routine: Routine, planned_work_steps: int) -> Timeline:
        """The timeline a session was started with: with the hidden exercises left out if
        that is how it was planned, else the whole routine (the setting may have changed)."""
        try:
            hidden = expand_routine(self._without_hidden(routine))
        except ValueError:
            return expand_routine(routine)
        return hidden if hidden.work_steps == planned_work_steps else expand_routine(routine)

    def open_stop_sheet(self) -> None:
        """Pause and ask why the session is stopping."""
        if self.state != FlowState.PLAYING or self.session is None:
            return
        self.player.pause()
        sheet = self.stop_sheet
        self._enter(FlowState.STOP_SHEET, Page.STOP_SHEET)
        sheet.reset()

    def back_to_session(self) -> None:
        """Leave the stop sheet for the paused session; Space carries on."""
        if self.state != FlowState.STOP_SHEET:
            return
        self.player.show_notice(_("Paused. Press Space to carry on, or S to stop."))
        self._enter(FlowState.PLAYING, Page.PLAYER)

    def stop(self, reason_code: str, note: str = "") -> None:
        """End the session for ``reason_code``: a safety reason shows its advice first."""
        if self.state not in RUNNING_STATES or self.session is None:
            return
        self._stop_note = note
        self.session.stop(reason_code)
        self.player.refresh()  # the player sees the stop and reports the session over

    @property
    def unsaved(self) -> int:
        """Writes of the current or last session that the log has not taken yet."""
        return self.recorder.unsaved if self.recorder is not None else 0

    def retry_saving(self) -> bool:
        """Try the writes the log refused again; True when everything is saved."""
        if self.recorder is None or self.recorder.flush():
            self._retry.stop()
            if self.state == FlowState.PLAYING and self._player is not None:
                self._player.show_notice(_("Saved. Press Space to carry on."))
            if self.state == FlowState.END and self.recorder is not None:
                self._show_record()
            return True
        return False

    def quit(self) -> None:
        """The app is closing: a running session ends as stopped, keeping every step done."""
        if self.state in RUNNING_STATES and self.session is not None:
            logger.info(
                "Quit during session %s", self.recorder.session_id if self.recorder else "?"
            )
            self._stop_note = ""
            self.session.stop(safety.CLOSED_APP.code)
            self._close_session()
        if self._player is not None:
            self._player.detach()
        self._watcher.watch(False)
        self.state = FlowState.IDLE

    # -- inner workings ---------------------------------------------------------------------

    def _enter(self, state: FlowState, page: Page) -> None:
        self.state = state
        self._watcher.watch(state == FlowState.PLAYING, self._player)
        self.host.show_page(page)
        self.state_changed.emit(state)

    def _show_check_in(
        self,
        moment: str,
        reference: PainCheck | None,
        *,
        can_cancel: bool,
        routine_name: str = "",
    ) -> None:
        from sciatica_coach.ui.checkin import PainCheckInPanel

        old = self.check_in
        panel = PainCheckInPanel(
            moment, reference=reference, can_cancel=can_cancel, routine_name=routine_name
        )
        if moment == "before":
            panel.saved.connect(self._begin)
            panel.skipped.connect(lambda: self._begin(None))
            panel.cancelled.connect(self._cancel_before)
        else:
            panel.saved.connect(self._after_saved)
            panel.skipped.connect(self._show_end)
        self.check_in = panel
        self.host.place(Page.CHECK_IN, panel)
        if old is not None:
            old.deleteLater()

    def _cancel_before(self) -> None:
        if self.state == FlowState.CHECK_IN_BEFORE:
            self.state = FlowState.IDLE
            self._leave(Page.TODAY)

    def _begin(self, before: PainCheck | None) -> None:
        from sciatica_coach.core.recorder import SessionRecorder

        routine = self._routine
        if self.state != FlowState.CHECK_IN_BEFORE or routine is None:
            return
        try:
            timeline = expand_routine(self._without_hidden(routine))
        except ValueError as error:  # every exercise is one the user chose to hide
            self._cancel_before()
            self._tell(_("Nothing left to do in this routine"), str(error))
            return
        recorder = SessionRecorder(self.context.log, timeline, now=self.context.now)
        self.pain_before = before
        try:
            self._play(timeline, recorder, 0, 0.0)
        except LogError as error:
            logger.error("A session of routine %s could not start: %s", routine.id, error)
            self._cancel_before()
            self._tell(_("The session could not start"), str(error))
            return
        if before is not None:
            recorder.record_pain(before)

    def _play(
        self, timeline: Timeline, recorder: SessionRecorder, start: int, lead_in: float
    ) -> None:
        from sciatica_coach.core.engine import Session

        resuming = recorder.session_id is not None
        recorder.begin()
        logger.info(
            "Session %s %s: routine %s, step %s",
            recorder.session_id,
            "resumed" if resuming else "started",
            timeline.routine.id,
            start,
        )
        recorder.on_problem = self._log_problem
        self.recorder = recorder
        self._stop_note = ""
        log = self.context.log
        self.session = Session(
            timeline,
            self.context.clock,
            on_step_end=recorder.record_step,
            start_index=start,
            lead_in_seconds=lead_in,
            variants=session_variants(log, timeline.routine.id),
        )
        player = self.player
        player.set_marked_directions(aggravating_directions(log.profile()))
        self._enter(FlowState.PLAYING, Page.PLAYER)
        player.begin(self.session)

    def _leg_response(self, step_index: int, response: str) -> None:
        if self.recorder is not None and self.state in RUNNING_STATES:
            self.recorder.record_leg_response(step_index, response)

    def _session_over(self) -> None:
        """The session finished or was stopped: log its end, then advice or the check-in."""
        if self.state not in RUNNING_STATES or self.session is None:
            return
        session = self.session
        self._close_session()
        reason = safety.stop_reason(session.stop_reason) if session.stop_reason else None
        if reason is not None and reason.is_safety:
            exercise = self._provoking_exercise()
            self.advice.show_advice(reason, exercise)
            self.advice.offer_leave_out(session.timeline.routine, exercise)
            self._enter(FlowState.ADVICE, Page.ADVICE)
            self.advice.take_focus()
        else:
            self._ask_after()

    def _close_session(self) -> None:
        assert self.session is not None and self.recorder is not None
        index = self.session.stop_index
        step = self.session.timeline.steps[index] if index is not None else None
        self._running_exercise = step.exercise.name if step and step.exercise else None
        self.recorder.finish(self.session)
        reason = self.session.stop_reason
        logger.info(
            "Session %s %s at step %s, reason %s",
            self.recorder.session_id,
            "stopped" if reason else "completed",
            self.session.index if index is None else index,
            reason or "none",
        )
        if self._stop_note:
            self.recorder.set_notes(self._stop_note)
        self._watcher.watch(False)

    def _provoking_exercise(self) -> str | None:
        if self.recorder is None or self.recorder.session_id is None or self.recorder.unsaved:
            return self._running_exercise
        session_id = self.recorder.session_id
        try:
            record = self.context.log.session(session_id)
            return provoking_exercise(record, self.context.log.steps(session_id))
        except LogError:
            return self._running_exercise

    def _ask_after(self) -> None:
        if self.state not in (FlowState.PLAYING, FlowState.STOP_SHEET, FlowState.ADVICE):
            return
        self._show_check_in("after", self.pain_before, can_cancel=False)
        self._enter(FlowState.CHECK_IN_AFTER, Page.CHECK_IN)
        assert self.check_in is not None
        self.check_in.focus_first()

    def _after_saved(self, check: PainCheck) -> None:
        if self.state == FlowState.CHECK_IN_AFTER and self.recorder is not None:
            self.recorder.record_pain(check)
        self._show_end()

    def _show_end(self) -> None:
        if self.state != FlowState.CHECK_IN_AFTER or self.recorder is None:
            return
        self.session = None
        finish = self.finish
        self._enter(FlowState.END, Page.END)
        self._show_record()
        finish.home_button.setFocus()

    def _show_record(self) -> None:
        """The end screen from the log, or what is known while the log refuses writes."""
        assert self.recorder is not None and self.recorder.session_id is not None
        session_id = self.recorder.session_id
        if not self.recorder.unsaved:
            try:
                log = self.context.log
                self.finish.show_session(log.session(session_id), log.steps(session_id))
                today = self.context.now().date()
                view = coach.look(log, self.context.library.routines, today)
                self.finish.suggestions.show_suggestions(view.suggestions)
                return
            except LogError as error:
                self.recorder.problem = str(error)
        self.finish.show_unsaved(self.recorder.problem or "")

    def _log_problem(self, message: str) -> None:
        """The log refused a write: pause, say so plainly, keep trying in the background.

        Called from inside the engine's tick, so the pause waits for the tick to return.
        """
        logger.error("A write to the log was refused: %s", message)
        self._retry.start()
        QTimer.singleShot(0, lambda: self._pause_for_log(message))

    def _pause_for_log(self, message: str) -> None:
        if self.state == FlowState.PLAYING and self._player is not None and self.unsaved:
            self._player.pause(
                _(
                    "Paused: your progress could not be saved. {message} Nothing is lost: it is "
                    "kept here and saved as soon as the log can be written. Press Space to carry "
                    "on."
                ).format(message=message)
            )

    def _tell(self, title: str, message: str) -> None:
        parent = self.host if isinstance(self.host, QWidget) else None
        show_warning(parent, title, f"{title}.\n\n{message}")

    def _leave(self, page: Page) -> None:
        if self.state in (FlowState.END, FlowState.IDLE):
            self.state = FlowState.IDLE
            self.leave_requested.emit(page)

    def _interrupted(self) -> None:
        """A dialog or menu opened over the running session: pause it at this moment."""
        if self.state == FlowState.PLAYING and self.session is not None:
            self.player.pause(_(INTERRUPTED_NOTICE))


class InterruptionWatcher(QObject):
    """Calls ``on_interrupt`` when a dialog or menu of the app opens, while watching.

    A modal dialog blocks the window, and the widget watched hears so at once; a menu or any
    other dialog takes the focus as it opens. Both are told a few times a session, where a
    filter on every event of the application (as before) cost a tenth of a session's CPU at
    ten frames a second.
    """

    def __init__(self, on_interrupt: Callable[[], None]) -> None:
        super().__init__()
        self._on_interrupt = on_interrupt
        self._watched: QWidget | None = None
        self._watching = False

    def watch(self, on: bool, widget: QWidget | None = None) -> None:
        """Start (``on``) or stop watching; ``widget`` is one inside the main window."""
        app = QApplication.instance()
        if not isinstance(app, QApplication) or on == self._watching:
            return
        if on:
            app.focusWindowChanged.connect(self._focus_moved)
            self._watched = widget
            if widget is not None:
                widget.installEventFilter(self)
        else:
            app.focusWindowChanged.disconnect(self._focus_moved)
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            self._watched = None
        self._watching = on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowBlocked:
            self._on_interrupt()
        return False

    def _focus_moved(self, window: QWindow | None) -> None:
        if window is None:
            return  # another program took the focus: not an interruption of ours
        widget = next(
            (w for w in QApplication.topLevelWidgets() if w.windowHandle() is window), None
        )
        if isinstance(widget, (QDialog, QMenu)):
            self._on_interrupt()

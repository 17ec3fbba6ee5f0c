"""The follow-along screen: renders the engine's state in large type and forwards the user's keys.

The player holds no timing of its own. A precise timer asks the session what time it is
while a step runs and paints the answer; pausing stops the timer, so an idle player costs
nothing. The timer wakes when something on screen or a cue is due (the next second of a
countdown, the next rep, the next cue, the next frame of a moving figure), and at least once
a second, rather than ten times a second whatever happens: the session is just as punctual
and a still screen is not painted again.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from itertools import pairwise

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QFont,
    QFontMetrics,
    QKeySequence,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core import engine
from sciatica_coach.core.engine import Session, SessionState, planned_cues
from sciatica_coach.core.symptoms import BETTER, SAME, WORSE
from sciatica_coach.core.timeline import PREPARE, REST, SWITCH, WORK, Step, exercise_just_finished
from sciatica_coach.core.variants import has_easier
from sciatica_coach.core.words import (
    all_cautions,
    countdown,
    direction_warnings,
    first_caution,
    instructions,
    leg_answer,
    leg_question,
    minutes_seconds,
    position_words,
    side_name,
    spoken_cue,
    time_left,
    whole_seconds_left,
)
from sciatica_coach.i18n import _, short_number
from sciatica_coach.illustrations import motion_phase, motion_rate
from sciatica_coach.ui import ring_accessible
from sciatica_coach.ui.colours import PLAYER_STYLE, kind_colour
from sciatica_coach.ui.dialog_parts import scaled
from sciatica_coach.ui.fitting_label import FittingLabel
from sciatica_coach.ui.illustration import IllustrationView, frame_phase, seconds_to_next_frame
from sciatica_coach.ui.keys import PLAYER_KEYS, key_strip, spoken
from sciatica_coach.ui.ring import CountdownRing
from sciatica_coach.ui.ring_accessible import ring_value
from sciatica_coach.ui.settings_keys import ANIMATED_KEY, LEG_QUESTION_KEY, VOICE_REPS_KEY
from sciatica_coach.ui.settings_values import read_flag
from sciatica_coach.ui.sound import CuePlayer

POLL_MS = 100  # at most 10 Hz while the figure moves: a wake for each of its frames
# While the figure stands still, its movement's frames are drawn one at a time this far apart,
# so the loop stays free for everything else.
DRAW_AHEAD_MS = 10
LONGEST_POLL_MS = 1000  # at least once a second (a gap of 5 s reads as the computer asleep)
# Woken this long after a moment is due, so the clock has surely passed it.
WAKE_MARGIN_S = 0.003

# When several cues fall due in one poll, the most telling one is heard.
CUE_PRIORITY = (
    engine.CUE_SESSION_END,
    engine.CUE_SWITCH,
    engine.CUE_START,
    engine.CUE_REST,
    engine.CUE_HALFWAY,
    engine.CUE_TICK,
    engine.CUE_REP,
)
CUE_SOUNDS = {
    engine.CUE_SESSION_END: "done",
    engine.CUE_SWITCH: "switch",
    engine.CUE_START: "start",
    engine.CUE_REST: "rest",
    engine.CUE_HALFWAY: "halfway",
    engine.CUE_TICK: "tick",
    engine.CUE_REP: "tick",
}


def _until_next_second(seconds_left: float) -> float:
    """Seconds until a countdown showing ``seconds_left`` shows the second below
    (`core.words.whole_seconds_left` rounds up, with a millisecond of tolerance)."""
    shown = whole_seconds_left(seconds_left)
    return max(0.0, seconds_left - (shown - 1 + 1e-3)) if shown else LONGEST_POLL_MS / 1000


def _set_text(widget: QLabel | QPushButton, text: str) -> None:
    """Set ``text`` only when it differs: a label told its text again lays the page out
    again."""
    if widget.text() != text:
        widget.setText(text)


def step_detail(step: Step) -> str:
    """``Set 1 of 2 · Left side · 10 reps`` for a work step."""
    parts = []
    if step.set_count > 1:
        parts.append(
            _("Set {number} of {count}").format(number=step.set_number, count=step.set_count)
        )
    if step.side:
        parts.append(side_label(step.side))
    if step.reps is not None:
        if step.alternating and step.self_paced:
            amount = _("{reps} reps each side, at your own pace")
        elif step.alternating:
            amount = _("{reps} reps each side")
        elif step.self_paced:
            amount = _("{reps} reps, at your own pace")
        else:
            amount = _("{reps} reps")
        parts.append(amount.format(reps=step.reps))
    else:
        parts.append(_("Hold {seconds} s").format(seconds=short_number(step.seconds)))
    return " · ".join(parts)


def next_preview(steps: tuple[Step, ...], index: int) -> str:
    """What comes after the current step, in one line."""
    following = steps[index + 1] if index + 1 < len(steps) else None
    if following is None:
        return _("Next: that's the last one")
    if following.kind == WORK:
        assert following.exercise is not None
        return _("Next: {exercise} — {detail}").format(
            exercise=following.exercise.name, detail=step_detail(following)
        )
    later = next((s for s in steps[index + 2 :] if s.kind == WORK), None)
    what = _("Rest") if following.kind == REST else following.title
    length = following.seconds
    how_long = (
        _("{seconds} s").format(seconds=short_number(length))
        if length < 60
        else minutes_seconds(length)
    )
    if later and later.exercise:
        return _("Next: {what} {length}, then {exercise}").format(
            what=what, length=how_long, exercise=later.exercise.name
        )
    return _("Next: {what} {length}").format(what=what, length=how_long)


def side_label(side: str) -> str:
    """``Left side``: a side as a step's detail shows it."""
    return {"left": _("Left side"), "right": _("Right side")}.get(side, side.capitalize())


def get_ready_for(side: str | None) -> str:
    """``Get ready for the left side``: what a side switch asks."""
    if side == "left":
        return _("Get ready for the left side")
    if side == "right":
        return _("Get ready for the right side")
    return _("Get ready for the {side} side").format(side=side)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def ring_name(step: Step) -> str:
    """What the countdown ring counts in ``step``, as a screen reader names it."""
    if step.self_paced:
        return _("Reps")
    if step.kind == WORK and step.tempo and step.reps:
        return _("Rep")
    return _("Time left")


class PlayerView(QWidget):
    """Follow-along screen for one running Session."""

    ended = Signal()
    stop_requested = Signal()
    pain_stop_requested = Signal()
    full_screen_requested = Signal()
    sound_notice = Signal(str)
    leg_response_given = Signal(int, str)  # the exercise's last step index, the answer

    def __init__(
        self,
        settings: QSettings,
        cue_player: CuePlayer | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.cue_player = cue_player
        self.session: Session | None = None
        self.sounds_played: list[str] = []
        self._shown_step: Step | None = None
        self._passing_notice = False
        self._marked_directions: frozenset[str] = frozenset()
        self._asked_after: Step | None = None  # the exercise the leg question is about
        self._cautions_for: Step | None = None  # the step whose cautions are all on show
        self._sound_missing = False
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self._figure_moving = False
        self._next_frame_in = 0.0  # seconds until the moving figure's next frame is due
        self._ahead = QTimer(self)
        self._ahead.setSingleShot(True)
        self._ahead.timeout.connect(self._draw_ahead)
        # What the timer asks of the step on screen at every poll, worked out once per step.
        self._cue_times: tuple[Step | None, tuple[float, ...], int] = (None, (), 0)
        # The seconds of time left and the pause on screen, and the ring's caption with what
        # it is for: their words are made again when these change, not at each poll.
        self._shown_time_left: int | None = None
        self._shown_paused: bool | None = None
        self._caption: tuple[Step | None, bool, str] = (None, False, "")
        self._build()
        self._bind_keys()
        if cue_player is not None:
            cue_player.unavailable.connect(self._on_sound_unavailable)
            cue_player.muted_changed.connect(lambda _muted: self._update_mute_button())
        self._update_mute_button()

    # -- construction ---------------------------------------------------------------------

    def _build(self) -> None:
        self.routine_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAutoFillBackground(True)  # repainted alone, not with the page behind
        self.time_left_label = QLabel()
        self.time_left_label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        # It changes every second: filling its own background, it repaints alone, not the
        # page and window behind it too.
        self.time_left_label.setAutoFillBackground(True)
        top = QHBoxLayout()
        top.addWidget(self.routine_label, 3)
        top.addWidget(self.progress, 4)
        top.addWidget(self.time_left_label, 2)

        self.illustration = IllustrationView()
        self.illustration.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail_label = QLabel()
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ring = CountdownRing()
        self.done_button = QPushButton(_("Done  ⏎"))
        self.done_button.setObjectName("doneButton")
        self.done_button.setAccessibleName(_("Done"))
        self.done_button.setAccessibleDescription(_("Mark these reps done (Enter)"))
        self.done_button.clicked.connect(self.mark_done)
        self.cues_label = FittingLabel()
        self.caution_label = QLabel()
        self.caution_label.setObjectName("caution")
        self.caution_label.setWordWrap(True)
        self.caution_label.setTextFormat(Qt.TextFormat.PlainText)
        self.caution_label.hide()
        self.notice_label = QLabel()
        self.notice_label.setWordWrap(True)
        self.notice_label.setObjectName("notice")
        self.notice_label.hide()
        self.sound_label = QLabel()
        self.sound_label.setObjectName("soundNotice")
        self.sound_label.hide()
        self.leg_row = self._build_leg_question()
        right = QVBoxLayout()
        right.addWidget(self.title_label)
        right.addWidget(self.detail_label)
        right.addWidget(self.ring, 5)
        right.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignHCenter)
        right.addWidget(self.cues_label, 2)
        right.addWidget(self.caution_label)
        right.addWidget(self.leg_row)
        middle = QHBoxLayout()
        middle.addWidget(self.illustration, 5)
        middle.addLayout(right, 5)

        self.next_label = QLabel()
        self.next_label.setWordWrap(True)
        # Routine and exercise names come from the user's files: shown as text, never markup.
        for label in (self.routine_label, self.title_label, self.detail_label, self.next_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.back_button = self._button(
            _("◀  Back"), self.back, _("Previous exercise (Left arrow)"), name=_("Back")
        )
        self.pause_button = self._button(
            _("Pause (Space)"), self.toggle_pause, _("Pause or resume (Space)"), name=_("Pause")
        )
        self.skip_button = self._button(
            _("Skip  ▶"), self.skip, _("Skip this step (Right arrow)"), name=_("Skip")
        )
        self.restart_button = self._button(
            _("↺  Restart"), self.restart_step, _("Restart step (R)"), name=_("Restart step")
        )
        self.mute_button = self._button(_("Sound on"), self.toggle_mute, _("Mute or unmute (M)"))
        self.full_button = self._button(
            _("Full screen"), self.toggle_full_screen, _("Full screen (F)")
        )
        self.easier_button = self._button(
            _("Easier (E)"),
            self.toggle_easier,
            _(
                "Switch this exercise to its easier version, or back (E). "
                "Shift+E: the easier version for the rest of the session."
            ),
            name=_("Easier version"),
        )
        self.easier_button.setCheckable(True)
        self.cautions_button = self._button(
            _("Take care (C)"),
            self.toggle_cautions,
            _("Show every caution for this exercise (C)"),
            name=_("Take care"),
        )
        self.cautions_button.setCheckable(True)
        self.pain_button = self._button(
            _("Stop — pain is spreading"),
            self.stop_for_pain,
            _("Stop now because pain spreads down the leg (one press)"),
            name=_("Stop: pain is spreading"),
        )
        self.pain_button.setObjectName("painStop")
        self.stop_button = self._button(
            _("Stop (S)"),
            self.request_stop,
            _("Stop the session and say why (S or Esc)"),
            name=_("Stop"),
        )
        self.session_buttons = (
            self.back_button,
            self.pause_button,
            self.skip_button,
            self.restart_button,
            self.easier_button,
            self.cautions_button,
            self.mute_button,
            self.full_button,
        )
        controls = QHBoxLayout()
        for button in self.session_buttons:
            controls.addWidget(button)
        controls.addStretch(1)
        self.keys_label = QLabel(key_strip())
        self.keys_label.setObjectName("keyStrip")
        self.keys_label.setWordWrap(True)
        self.keys_label.setTextFormat(Qt.TextFormat.PlainText)
        self.keys_label.setAccessibleName(spoken(key_strip()))
        # Each new step in words, as a screen reader was told it (newest last).
        self.announcements: list[str] = []
        # The stop actions sit apart, top right, where no one hits them by accident.
        top.addSpacing(12)
        top.addWidget(self.pain_button)
        top.addWidget(self.stop_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice_label)
        layout.addWidget(self.sound_label, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(middle, 1)
        layout.addWidget(self.next_label)
        layout.addLayout(controls)
        layout.addWidget(self.keys_label)
        self.setStyleSheet(PLAYER_STYLE)
        self._set_tab_order()
        self._apply_scale()

    def _set_tab_order(self) -> None:
        """Tab reads the screen top to bottom: the two stops first (top right), then Done, the
        leg's answers and the row of controls. The player itself takes no Tab stop."""
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        order = (
            self.pain_button,
            self.stop_button,
            self.done_button,
            *self.leg_buttons.values(),
            *self.session_buttons,
        )
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def _build_leg_question(self) -> QWidget:
        """In the rest after an exercise: how is the leg? Three answers, keys 1 to 3."""
        row = QWidget()
        row.setObjectName("legQuestion")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 4)
        self.leg_label = QLabel()
        self.leg_label.setWordWrap(True)
        self.leg_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.leg_label, 1)
        self.leg_buttons: dict[str, QPushButton] = {}
        for key, answer, text, name, description in (
            (
                "1",
                BETTER,
                _("Better"),
                _("Leg better"),
                _("Leg better after this exercise ({key})"),
            ),
            ("2", SAME, _("Same"), _("Leg same"), _("Leg same after this exercise ({key})")),
            ("3", WORSE, _("Worse"), _("Leg worse"), _("Leg worse after this exercise ({key})")),
        ):
            button = self._button(
                f"{key}  {text}",
                partial(self.answer_leg, answer),
                description.format(key=key),
                name=name,
            )
            button.setCheckable(True)
            layout.addWidget(button)
            self.leg_buttons[answer] = button
        row.hide()
        return row

    def _button(
        self, text: str, slot: Callable[[], object], tip: str, *, name: str = ""
    ) -> QPushButton:
        """A player button: Tab reaches it, and a screen reader hears ``name`` (the words
        without arrows and key hints), else its text; the tip names its key."""
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleDescription(tip)
        if name:
            button.setAccessibleName(name)
        # Tab, not a click, takes the focus: a mouse user's Enter stays "done".
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.clicked.connect(slot)
        return button

    def _bind_keys(self) -> None:
        """Every key in ``keys.PLAYER_KEYS`` (the Help list and the key strip come from it).

        The keys are window shortcuts, so they work whatever has the focus: Space pauses even
        when a button has the focus (Qt's own "Space presses the button" would make pausing
        depend on where the focus last was). Enter presses a focused button instead of
        marking reps done, so Tab then Enter reaches every button, both stops included."""
        slots: dict[str, Callable[[], object]] = {
            "pause": self.toggle_pause,
            "back": self.back,
            "skip": self.skip,
            "restart": self.restart_step,
            "done": self.press_enter,
            "easier": self.toggle_easier,
            "easier_rest": self.toggle_easier_for_the_rest,
            "cautions": self.toggle_cautions,
            "leg_better": partial(self.answer_leg, BETTER),
            "leg_same": partial(self.answer_leg, SAME),
            "leg_worse": partial(self.answer_leg, WORSE),
            "mute": self.toggle_mute,
            "full_screen": self.toggle_full_screen,
            "stop": self.request_stop,
        }
        for key in PLAYER_KEYS:
            slot = slots.get(key.action)
            if slot is None:
                continue  # Tab: Qt's own focus chain
            for sequence in key.keys:
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
                shortcut.activated.connect(slot)

    def press_enter(self) -> None:
        """Enter: press the player's button that has the focus, else mark self-paced reps done."""
        focused = self.focusWidget()
        if (
            isinstance(focused, QPushButton)
            and focused.hasFocus()
            and focused.isVisible()
            and focused.isEnabled()
            and self.isAncestorOf(focused)
        ):
            focused.click()
        else:
            self.mark_done()

    # -- session control ------------------------------------------------------------------

    def begin(self, session: Session) -> None:
        """Show ``session`` and start it; the player only renders and forwards commands."""
        self.session = session
        self._shown_step = None
        self.notice_label.hide()
        self.routine_label.setText(session.timeline.routine.name)
        self.illustration.set_animated(read_flag(self.settings, ANIMATED_KEY, True))
        session.start()
        # No button has the focus to begin with, so Enter marks reps done until Tab is used.
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.refresh()

    def detach(self) -> None:
        """Stop following the session without ending it (the window is closing)."""
        self._timer.stop()
        self._ahead.stop()
        self.session = None

    def refresh(self) -> None:
        if self.session is None:
            return
        state = self.session.state()
        self._play_cues(state)
        self._render(state)
        if state.status == engine.RUNNING:
            self._timer.start(self._next_poll_ms(state))
            return
        self._timer.stop()
        if state.status in (engine.FINISHED, engine.STOPPED):
            self.ended.emit()

    def _next_poll_ms(self, state: SessionState) -> int:
        """Milliseconds until the first moment something is due: a cue, a new second on the
        step's countdown or the session's time left, a new rep, the figure's next frame."""
        waits = [LONGEST_POLL_MS / 1000]
        step = state.step
        if step is not None:
            elapsed = state.elapsed_in_step
            cue = next((at for at in self._step_times(step)[0] if at > elapsed), None)
            if cue is not None:
                waits.append(cue - elapsed)
            if state.remaining is not None:
                waits.append(_until_next_second(state.remaining))
            time_left_changes = _until_next_second(state.session_remaining)
            if step.kind == WORK and step.tempo and step.reps:
                waits.append(step.tempo - elapsed % step.tempo)
            if self._figure_moving:
                # The figure's next frame, but never more than ten a second.
                frame = max(POLL_MS / 1000, self._next_frame_in)
                waits.append(frame)
                # The small time-left line shows its new second with that frame, at most a
                # tenth of a second late, rather than wake the player once more for it.
                if time_left_changes < frame - POLL_MS / 1000:
                    waits.append(time_left_changes)
            else:
                waits.append(time_left_changes)
        return max(1, math.ceil((max(0.0, min(waits)) + WAKE_MARGIN_S) * 1000))

    def _step_times(self, step: Step) -> tuple[tuple[float, ...], int]:
        """The step's cue times and its number of paced reps (kept for the step on screen)."""
        if self._cue_times[0] is not step:
            times = tuple(at for at, _kind, _n in planned_cues(step))
            self._cue_times = (step, times, len(step.rep_cue_times()))
        return self._cue_times[1], self._cue_times[2]

    def _draw_ahead(self) -> None:
        """One more frame of the figure on show, then again a moment later, while it is still."""
        running = self.session is not None and self.session.status == engine.RUNNING
        if running and not self._figure_moving and self.illustration.draw_ahead():
            self._ahead.start(DRAW_AHEAD_MS)

    def toggle_pause(self) -> None:
        if self.session is None or not self.isVisible():
            return
        self.session.toggle_pause()
        if self.session.status == engine.RUNNING:
            self.notice_label.hide()
        self.refresh()

    def pause(self, notice: str | None = None) -> None:
        """Pause now (a no-op unless running), saying why when ``notice`` is given."""
        if self.session is None or self.session.status != engine.RUNNING:
            return
        self.session.pause()
        if notice:
            self.show_notice(notice)
        self.refresh()

    def show_notice(self, text: str, *, passing: bool = False) -> None:
        """Show ``text`` above the exercise; a ``passing`` notice goes at the next step."""
        self.notice_label.setText(text)
        self.notice_label.show()
        self._passing_notice = passing

    def skip(self) -> None:
        self._command(lambda s: s.skip())

    def back(self) -> None:
        self._command(lambda s: s.back())

    def restart_step(self) -> None:
        self._command(lambda s: s.restart_step())

    def mark_done(self) -> None:
        self._command(lambda s: s.mark_done())

    def toggle_easier(self) -> None:
        """E: this exercise (every set and side of it) in its easier version, or back."""
        self._switch_easier(rest_of_session=False)

    def toggle_easier_for_the_rest(self) -> None:
        """Shift+E: every exercise from this one on in its easier version, or back."""
        self._switch_easier(rest_of_session=True)

    def _switch_easier(self, *, rest_of_session: bool) -> None:
        if not (self._active() and self.isVisible()):
            return
        assert self.session is not None
        now_easier = self.session.toggle_easier(rest_of_session=rest_of_session)
        if now_easier is None:
            self.show_notice(
                _("This exercise has no easier version. Skip it if it is too much."), passing=True
            )
        else:
            if rest_of_session:
                told = (
                    _("Easier version for the rest of this session.")
                    if now_easier
                    else _("As written for the rest of this session.")
                )
            else:
                told = (
                    _("Easier version for this exercise.")
                    if now_easier
                    else _("As written for this exercise.")
                )
            self.show_notice(told, passing=True)
        self._shown_step = None  # the words on screen change
        self.refresh()

    def set_marked_directions(self, directions: frozenset[str]) -> None:
        """The ways of moving the symptom profile marks as possibly making the leg worse."""
        self._marked_directions = directions
        self._shown_step = None

    def answer_leg(self, response: str) -> None:
        """1, 2 or 3 in the rest after an exercise: the leg is better, the same or worse."""
        finished = self._asked_after
        if finished is None or not self.leg_row.isVisible() or finished.exercise is None:
            return
        for answer, button in self.leg_buttons.items():
            button.setChecked(answer == response)
        self.leg_label.setText(leg_answer(finished.exercise.name, response))
        self.leg_response_given.emit(finished.index, response)

    def toggle_cautions(self) -> None:
        """C: every caution of the exercise on screen in place of its cues, or back."""
        if not (self._active() and self.isVisible()):
            return
        step = self.session.current_step if self.session is not None else None
        self._cautions_for = None if self._cautions_for is step else step
        self._shown_step = None
        self.refresh()

    def stop_for_pain(self) -> None:
        """The red button: stop at once for the commonest safety reason."""
        if self._active():
            self.pain_stop_requested.emit()

    def request_stop(self) -> None:
        """S, Esc or the Stop button: the session pauses and the stop sheet asks why."""
        if self._active() and self.isVisible():
            self.stop_requested.emit()

    def toggle_mute(self) -> None:
        if not self.isVisible():
            return
        if self.cue_player is not None:
            self.cue_player.toggle_muted()
        self._update_mute_button()

    def toggle_full_screen(self) -> None:
        if self.isVisible():
            self.full_screen_requested.emit()

    def show_full_screen_state(self, full: bool) -> None:
        """The button names what it will do next."""
        self.full_button.setText(_("Leave full screen") if full else _("Full screen"))

    def _command(self, action: Callable[[Session], object]) -> None:
        if self._active() and self.isVisible():
            assert self.session is not None
            action(self.session)
            self.refresh()

    def _active(self) -> bool:
        return self.session is not None and self.session.status in (
            engine.RUNNING,
            engine.PAUSED,
        )

    # -- painting -------------------------------------------------------------------------

    def _play_cues(self, state: SessionState) -> None:
        if not state.cues:
            return
        by_kind = {cue.kind: cue for cue in state.cues}
        kind = next((k for k in CUE_PRIORITY if k in by_kind), None)
        if kind is None:
            return
        sound = CUE_SOUNDS[kind]
        self.sounds_played.append(sound)
        if self.cue_player is not None:
            self.cue_player.cue(sound, self._cue_words(by_kind[kind]))

    def _cue_words(self, cue: engine.Cue) -> str:
        """What the voice says for ``cue``, in the screen's words; rep counts only if asked."""
        if self.session is None:
            return ""
        if cue.kind == engine.CUE_REP and not read_flag(self.settings, VOICE_REPS_KEY, False):
            return ""
        steps = self.session.timeline.steps
        step = steps[cue.step_index] if 0 <= cue.step_index < len(steps) else None
        return spoken_cue(cue.kind, step, cue.count)

    def _render(self, state: SessionState) -> None:
        assert self.session is not None
        steps = self.session.timeline.steps
        value = int(state.progress * 1000)
        bar = self.progress
        # Qt works out at some cost whether a new value moves the bar by a pixel; ask only
        # when it does.
        if value in (0, 1000) or abs(value - bar.value()) * max(1, bar.width()) >= 1000:
            # QProgressBar paints and flushes at once on a new value; with updates off it is
            # painted with the rest of the screen instead (turning them on asks for it).
            bar.setUpdatesEnabled(False)
            bar.setValue(value)
            bar.setUpdatesEnabled(True)
        whole_left = whole_seconds_left(state.session_remaining)
        if whole_left != self._shown_time_left:
            self._shown_time_left = whole_left
            left = _("{time} left").format(time=time_left(whole_left))
            _set_text(self.time_left_label, left)
        step = state.step
        self._figure_moving = False
        if step is None:
            self.ring.show_time(1.0, "✓", _("Finished") if state.status == engine.FINISHED else "")
            self.done_button.hide()
            return
        if step is not self._shown_step:
            if self._shown_step is not None and self._passing_notice:
                self.notice_label.hide()
                self._passing_notice = False
            self._show_step(step, steps)
            self._shown_step = step
            self._announce_step(step)
        if step.kind != WORK and not self._ahead.isActive():
            self._ahead.start(DRAW_AHEAD_MS)  # again after a resize let the frames go
        said = self.ring.text
        self._show_clock(step, state)
        if self.ring.text != said:
            ring_accessible.value_changed(self.ring, ring_value(self.ring.text, self.ring.caption))
        if state.slept:
            self.notice_label.setText(
                _("Paused: the computer seemed to be asleep. Press Space when you are ready.")
            )
            self.notice_label.show()
        paused = state.status == engine.PAUSED
        if paused != self._shown_paused:
            self._shown_paused = paused
            _set_text(self.pause_button, _("Resume (Space)") if paused else _("Pause (Space)"))
            self.pause_button.setAccessibleName(_("Resume") if paused else _("Pause"))
        # Only a work step moves its figure; rests show the next exercise's start pose.
        if step.kind == WORK and step.exercise is not None:
            mode = step.exercise.dose.mode
            hold = step.seconds if mode == "hold" else None
            # On the frame grid, so each rep after the first is copied, not drawn again.
            elapsed = state.elapsed_in_step
            phase = motion_phase(mode, elapsed, tempo=step.tempo, hold_seconds=hold)
            self.illustration.set_phase(frame_phase(phase))
            illustration = self.illustration
            self._figure_moving = (
                illustration.animated
                and illustration.showing_builtin
                and (mode == "reps" or phase < 1.0)
            )
            if self._figure_moving:
                rate, lasting = motion_rate(mode, elapsed, tempo=step.tempo, hold_seconds=hold)
                self._next_frame_in = min(lasting, seconds_to_next_frame(phase, rate))

    def _show_clock(self, step: Step, state: SessionState) -> None:
        paused = state.status == engine.PAUSED
        caption = self._ring_caption(step, paused)
        if step.self_paced:
            self.ring.show_time(0.0, str(step.reps), caption)
            return
        remaining = state.remaining or 0.0
        gone = 1 - remaining / step.seconds
        if step.kind == WORK and step.tempo and step.reps:
            # Paced reps: the big number is the rep under way, one count and no seconds.
            count = self._step_times(step)[1]
            rep = min(count, int(state.elapsed_in_step // step.tempo) + 1)
            self.ring.show_time(gone, str(rep), caption)
            return
        self.ring.show_time(gone, countdown(remaining), caption)

    def _ring_caption(self, step: Step, paused: bool) -> str:
        """The words under the ring's number: "Paused", else the side, with "reps" or
        "of 10" for reps (made once per step and pause, not at each poll)."""
        if self._caption[:2] != (step, paused):
            side = side_name(step.side) if step.side and step.kind == WORK else ""
            if paused:
                caption = _("Paused")
            elif step.self_paced:
                caption = " · ".join(filter(None, (_("reps"), side)))
            elif step.kind == WORK and step.tempo and step.reps:
                of_count = _("of {count}").format(count=self._step_times(step)[1])
                caption = " · ".join(filter(None, (of_count, side)))
            else:
                caption = side
            self._caption = (step, paused, caption)
        return self._caption[2]

    def _announce_step(self, step: Step) -> None:
        """Tell a screen reader the new step (its title and what it asks) and name the clock."""
        self.ring.setAccessibleName(ring_name(step))
        detail = self.detail_label.text().replace(" · ", ", ")
        words = ". ".join(part for part in (self.title_label.text(), detail) if part)
        self.announcements = [*self.announcements[-19:], words]
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, words))

    def _upcoming(self, steps: tuple[Step, ...], index: int) -> Step | None:
        return next((s for s in steps[index:] if s.kind == WORK), None)

    def _show_step(self, step: Step, steps: tuple[Step, ...]) -> None:
        self.ring.set_accent(kind_colour(step.kind))
        self.done_button.setVisible(step.self_paced)
        # Between exercises the big type already says what comes next.
        self.next_label.setText(next_preview(steps, step.index) if step.kind == WORK else "")
        focus = step if step.kind in (WORK, SWITCH) else self._upcoming(steps, step.index)
        exercise = focus.exercise if focus else None
        if step.kind == WORK:
            self.title_label.setText(step.title)
            self.detail_label.setText(step_detail(step))
        elif step.kind == SWITCH:
            self.title_label.setText(_("Switch sides"))
            self.detail_label.setText(get_ready_for(step.side))
        else:
            self.title_label.setText(step.title)
            upcoming = _("Up next: {exercise}").format(exercise=exercise.name) if exercise else ""
            if focus is not None and exercise is not None:
                upcoming = _("Up next: {exercise} — {detail}").format(
                    exercise=exercise.name, detail=step_detail(focus)
                )
                if step.kind == PREPARE:
                    upcoming = _("Start {position}. {upcoming}").format(
                        position=_lower_first(position_words(exercise.position)),
                        upcoming=upcoming,
                    )
            self.detail_label.setText(upcoming)
        self._show_variant_controls(step)
        self._show_leg_question(step, steps)
        if exercise is None:
            self.illustration.show_exercise(None)
            self.cues_label.setText("")
            self.caution_label.hide()
            return
        mirrored = focus is not None and focus.side == "right"
        self.illustration.show_exercise(
            exercise.illustration, image=exercise.image, mirrored=mirrored
        )
        self.illustration.set_phase(0.0)
        easier = self._runs_easier()
        harder = self.session is not None and self.session.variants.is_harder(
            self.session.easier_target
        )
        if step.kind == WORK and (easier or harder):
            version = _("Easier version") if easier else _("Harder version")
            self.detail_label.setText(f"{step_detail(step)} · {version}")
        if self._cautions_for is step:
            self.cues_label.setText(all_cautions(exercise))
            self.caution_label.hide()
        else:
            self.cues_label.setText(instructions(exercise, easier=easier, harder=harder))
            marks = direction_warnings(exercise.spinal_direction, self._marked_directions)
            care = "\n".join(filter(None, (first_caution(exercise), *marks)))
            self.caution_label.setText(care)
            self.caution_label.setVisible(bool(care))

    def _show_leg_question(self, step: Step, steps: tuple[Step, ...]) -> None:
        finished = exercise_just_finished(steps, step.index)
        asking = finished is not None and read_flag(self.settings, LEG_QUESTION_KEY, True)
        if not asking or finished is None or finished.exercise is None:
            self._asked_after = None
            self.leg_row.hide()
            return
        if finished is not self._asked_after:
            self._asked_after = finished
            self.leg_label.setText(leg_question(finished.exercise.name))
            for button in self.leg_buttons.values():
                button.setChecked(False)
        self.leg_row.show()

    def _runs_easier(self) -> bool:
        """Whether the exercise on screen (or coming up) runs in its easier version."""
        return self.session is not None and self.session.variants.applies(
            self.session.easier_target
        )

    def _show_variant_controls(self, step: Step) -> None:
        target = self.session.easier_target if self.session is not None else None
        self.easier_button.setEnabled(has_easier(target))
        self.easier_button.setChecked(self._runs_easier())
        self.cautions_button.setChecked(self._cautions_for is step)

    def _update_mute_button(self) -> None:
        muted = self.cue_player is not None and self.cue_player.muted
        if muted:
            self.mute_button.setText(_("Muted"))
        elif self._sound_missing or self.cue_player is None:
            self.mute_button.setText(_("No sound device"))
        else:
            self.mute_button.setText(_("Sound on"))

    def _on_sound_unavailable(self, message: str) -> None:
        self._sound_missing = True
        self._update_mute_button()
        self.sound_label.setText(message)
        self.sound_label.show()
        self.sound_notice.emit(message)

    # -- type that scales with the window -------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_scale()

    def _apply_scale(self) -> None:
        # The window's size sets the type, the user's text size setting scales it further.
        scale = max(0.55, min(self.width() / 1280, self.height() / 800, 2.0)) * scaled(1.0)

        def sized(widget: QWidget, pixels: float, bold: bool = False) -> None:
            font = QFont(widget.font())
            font.setPixelSize(max(13, int(pixels * scale)))
            font.setBold(bold)
            widget.setFont(font)

        sized(self.title_label, 48, bold=True)
        sized(self.detail_label, 28)
        self.cues_label.set_base_pixels(max(13, int(24 * scale)))
        sized(self.caution_label, 20)
        sized(self.leg_label, 20)
        for button in self.leg_buttons.values():
            sized(button, 18)
        sized(self.next_label, 24)
        # A line kept for "Next: ..." in rests too (where it is empty), so the picture keeps
        # its size, and its drawn frames, from the rest into the exercise.
        # (A little over a line spacing: the label's own line can be a pixel taller.)
        self.next_label.setMinimumHeight(QFontMetrics(self.next_label.font()).lineSpacing() + 2)
        sized(self.routine_label, 22, bold=True)
        sized(self.time_left_label, 22)
        # A fixed size, as wide as the longest time: Qt lays a page out again when a label's
        # text changes, unless the label's size cannot change, and this one changes every second.
        metrics = QFontMetrics(self.time_left_label.font())
        widest = _("{time} left").format(time="888:88")
        self.time_left_label.setFixedSize(
            metrics.horizontalAdvance(widest) + metrics.averageCharWidth(), metrics.height() + 4
        )
        sized(self.notice_label, 20)
        sized(self.sound_label, 16)
        sized(self.keys_label, 15)
        sized(self.done_button, 34, bold=True)
        for button in (*self.session_buttons, self.pain_button, self.stop_button):
            sized(button, 18)
        self.progress.setFixedHeight(max(10, int(16 * scale)))

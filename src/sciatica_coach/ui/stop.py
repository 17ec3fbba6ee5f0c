"""The stop sheet (why are you stopping?) and the advice page a safety stop leads to.

Both are pages of the main window, not dialogs: a patient on the floor reads them at full
size, and no nested event loop runs the session on behind them. Everything works from the
keyboard: digits pick a reason, arrows and Tab move, Enter confirms, Esc goes back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core import safety
from sciatica_coach.core.catalog import Routine
from sciatica_coach.core.safety import StopReason
from sciatica_coach.core.words import leave_out_label
from sciatica_coach.i18n import _
from sciatica_coach.ui.colours import PLAIN_EDGE, REASON_STYLE, SAFETY_EDGE
from sciatica_coach.ui.dialog_parts import (
    BASE_POINT_SIZE,
    HEADING_POINT_SIZE,
    TITLE_POINT_SIZE,
    bullet_list,
    scaled,
    scrolling,
    sized_label,
    use_readable_font,
)
from sciatica_coach.ui.safety import RedFlagBox

NOTE_LIMIT = 200


def _big_button(text: str, point_size: float) -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.setAutoDefault(False)
    button.setMinimumHeight(52)
    font = button.font()
    font.setPointSizeF(scaled(point_size))
    button.setFont(font)
    return button


class StopSheet(QWidget):
    """Asks why the session is stopping. Emits ``reason_chosen(code, note)`` or
    ``back_requested()`` (Esc: carry on with the paused session)."""

    reason_chosen = Signal(str, str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        use_readable_font(self)
        self.reason_buttons: dict[str, QPushButton] = {}
        body = QVBoxLayout()
        body.setContentsMargins(32, 24, 32, 12)
        body.setSpacing(10)
        body.addWidget(sized_label(_("Why are you stopping?"), TITLE_POINT_SIZE, bold=True))
        body.addWidget(
            sized_label(
                _(
                    "The session is paused and everything you have done is saved. "
                    "Press a number or choose a reason."
                ),
                BASE_POINT_SIZE + 1,
            )
        )
        groups = {
            safety.SHEET_REASONS[0].code: _("Your body says stop:"),
            next(r.code for r in safety.SHEET_REASONS if not r.is_safety): _("Or:"),
        }
        for number, reason in enumerate(safety.SHEET_REASONS, start=1):
            reason = reason.translated()
            if reason.code in groups:
                body.addSpacing(6)
                body.addWidget(sized_label(groups[reason.code], BASE_POINT_SIZE + 1, bold=True))
            button = _big_button(f"{number}   {reason.label}", HEADING_POINT_SIZE)
            edge = SAFETY_EDGE if reason.is_safety else PLAIN_EDGE
            button.setStyleSheet(REASON_STYLE.format(edge=edge))
            button.setAccessibleName(reason.label)
            button.setAccessibleDescription(_("Key {number}").format(number=number))
            button.clicked.connect(lambda _=False, code=reason.code: self.choose(code))
            self.reason_buttons[reason.code] = button
            body.addWidget(button)
        self.note = QLineEdit()
        self.note.setMaxLength(NOTE_LIMIT)
        self.note.setPlaceholderText(_("What made you stop? (optional) Then press Enter."))
        self.note.setAccessibleName(_("What made you stop"))
        self.note.setMinimumHeight(44)
        self.note.returnPressed.connect(lambda: self._confirm_other())
        self.note.hide()
        body.addWidget(self.note)
        body.addStretch(1)
        content = QWidget()
        content.setLayout(body)

        self.back_button = _big_button(_("Back to the session (Esc)"), BASE_POINT_SIZE + 1)
        self.back_button.clicked.connect(self.back_requested)
        footer = QHBoxLayout()
        footer.setContentsMargins(32, 8, 32, 20)
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scrolling(content, _("Why did you stop?")), 1)
        layout.addLayout(footer)
        self._buttons = [*self.reason_buttons.values(), self.back_button]

    def reset(self) -> None:
        """Ready for a new stop: no note, focus on the first reason."""
        self.note.clear()
        self.note.hide()
        self.reason_buttons[safety.PAIN_SPREADING.code].setFocus(Qt.FocusReason.OtherFocusReason)

    def choose(self, code: str) -> None:
        """Pick a reason; "something else" first asks for a short note."""
        if code == safety.OTHER.code and not self.note.isVisible():
            self.note.show()
            self.note.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        note = self.note.text().strip() if code == safety.OTHER.code else ""
        self.reason_chosen.emit(code, note)

    def _confirm_other(self) -> None:
        self.choose(safety.OTHER.code)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        number = key - Qt.Key.Key_0.value
        if 1 <= number <= len(safety.SHEET_REASONS) and not self.note.hasFocus():
            self.choose(safety.SHEET_REASONS[number - 1].code)
        elif key == Qt.Key.Key_Escape:
            self.back_requested.emit()
        elif key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._move_focus(+1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
        else:
            super().keyPressEvent(event)

    def _move_focus(self, step: int) -> None:
        focused = self.focusWidget()
        index = self._buttons.index(focused) if focused in self._buttons else -1
        target = max(0, min(len(self._buttons) - 1, index + step))
        self._buttons[target].setFocus(Qt.FocusReason.TabFocusReason)


def _lower_first(text: str) -> str:
    """``pain spreading down the leg``: a label inside a sentence (German nouns keep theirs)."""
    return text[:1].lower() + text[1:]


class StopAdvicePage(QWidget):
    """What to do after a safety stop: now, when to get help, next time; then the check-in.

    With `offer_leave_out`, a button leaves the exercise that set it off out of the routine
    for next time: ``leave_out_requested(routine_id, exercise_id)``.
    """

    continue_requested = Signal()
    leave_out_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        use_readable_font(self)
        self._content: QWidget | None = None
        self.reason: StopReason | None = None
        self.area = scrolling(QWidget(), _("Advice"))
        self.continue_button = _big_button(
            _("Continue: how is your pain now?  ⏎"), HEADING_POINT_SIZE
        )
        self.continue_button.clicked.connect(self.continue_requested)
        self.continue_button.setAccessibleName(_("Continue: how is your pain now?"))
        self.leave_out_button = _big_button("", BASE_POINT_SIZE + 1)
        self.leave_out_button.clicked.connect(self._leave_out)
        self.leave_out_button.hide()
        self._leave_out_ids: tuple[str, str] | None = None
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_("Advice after stopping"))
        # One above the other: side by side, the two long buttons were wider than a small screen.
        footer = QVBoxLayout()
        footer.setContentsMargins(32, 8, 32, 20)
        footer.addWidget(self.leave_out_button, 0, Qt.AlignmentFlag.AlignLeft)
        footer.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area, 1)
        layout.addLayout(footer)

    def show_advice(self, reason: StopReason, exercise: str | None) -> None:
        """Fill the page for ``reason``; ``exercise`` names what was under way, if known."""
        reason = reason.translated()
        # i18n: not words (a programmer's check)
        assert reason.advice is not None, "only a safety stop has advice"
        self.reason = reason
        self.leave_out_button.setEnabled(True)
        self.offer_leave_out(None, None)
        advice = reason.advice
        name = exercise or _("the exercise that set this off")

        def named(items: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(item.replace("{exercise}", name) for item in items)

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(32, 24, 32, 12)
        body.setSpacing(10)
        body.addWidget(sized_label(advice.title, TITLE_POINT_SIZE, bold=True))
        label = _lower_first(reason.label)
        if exercise:
            stopped = _("You stopped: {reason}, during {exercise}.").format(
                reason=label, exercise=exercise
            )
        else:
            stopped = _("You stopped: {reason}.").format(reason=label)
        body.addWidget(sized_label(stopped, 15))
        self.sections: dict[str, tuple[str, ...]] = {
            _("What to do now"): named(advice.now),
            _("When to get help"): named(advice.get_help),
            _("Next time"): named(advice.next_time),
        }
        for heading, items in self.sections.items():
            body.addSpacing(6)
            body.addWidget(sized_label(heading, HEADING_POINT_SIZE, bold=True))
            body.addWidget(bullet_list(items, BASE_POINT_SIZE + 1))
        body.addSpacing(8)
        self.red_flags = RedFlagBox(compact=True)
        body.addWidget(self.red_flags)
        body.addStretch(1)
        self.area.setWidget(content)
        self._content = content
        self.take_focus()

    def offer_leave_out(self, routine: Routine | None, exercise: str | None) -> bool:
        """Offer to leave ``exercise`` (a name, as the advice shows it) out of ``routine`` next
        time; not when it is the routine's only exercise. Whether it is offered."""
        block = None
        if routine is not None and exercise and len({b.exercise.id for b in routine.blocks}) > 1:
            block = next((b for b in routine.blocks if b.exercise.name == exercise), None)
        if routine is None or block is None:
            self._leave_out_ids = None
            self.leave_out_button.hide()
            return False
        self._leave_out_ids = (routine.id, block.exercise.id)
        self.leave_out_button.setText(leave_out_label(block.exercise.name))
        self.leave_out_button.show()
        return True

    def _leave_out(self) -> None:
        if self._leave_out_ids is not None:
            self.leave_out_requested.emit(*self._leave_out_ids)

    def leave_out_done(self, message: str) -> None:
        """The copy is written: the button says so instead of offering it again."""
        self._leave_out_ids = None
        self.leave_out_button.setText(message)
        self.leave_out_button.setEnabled(False)
        self.take_focus()

    def take_focus(self) -> None:
        """The page, not its button, takes the keys: Space on a focused button would click it."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        """Everything the page says, for tests and for reading it back."""
        lines = [f"{heading}: " + " ".join(items) for heading, items in self.sections.items()]
        return "\n".join(lines)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter only: a Space meant to pause must not skip past the advice.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.continue_requested.emit()
        else:
            super().keyPressEvent(event)

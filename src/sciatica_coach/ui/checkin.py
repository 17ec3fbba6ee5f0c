"""The pain check-in asked before and after a session: back pain and leg pain on 0 to 10,
how far down the leg symptoms reach, and an optional note.

Everything works from the keyboard: digits set the focused row (type 1 then 0 for ten, or
press T), Left and Right nudge the value, Up and Down move between rows, Enter saves.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core.records import PainCheck
from sciatica_coach.core.safety import leg_reach, reach_label
from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.colours import (
    CHOICE_BUTTON_STYLE,
    CHOICE_ROW_STYLE,
    HIGHLIGHT_CHOICE,
    pain_colours,
)
from sciatica_coach.ui.dialog_parts import (
    BASE_POINT_SIZE,
    TITLE_POINT_SIZE,
    fit_to_screen,
    scaled,
    scrolling,
    sized_label,
    use_readable_font,
)
from sciatica_coach.ui.keys import spoken

MOMENT_TITLES = {
    "before": N_("Before you start: how is your pain?"),
    "after": N_("After your session: how is your pain now?"),
}
KEY_HINT = N_("Keys: type 0 to 10 · ← → change · ↑ ↓ next row · Enter saves")
TEN_WINDOW_MS = 1000  # "1" then "0" within this time means ten
NUMBER_POINT_SIZE = 17.0


def _font(widget: QWidget, point_size: float, *, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPointSizeF(scaled(point_size))
    font.setBold(bold)
    widget.setFont(font)


def choice_button(text: str, style: str, point_size: float, *, bold: bool) -> QPushButton:
    button = QPushButton(text)
    button.setCheckable(True)
    button.setAutoDefault(False)
    # The row takes the keyboard focus; the buttons are for pointing and tapping.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setMinimumSize(44, 44)
    button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    button.setStyleSheet(style)
    _font(button, point_size, bold=bold)
    return button


class ChoiceRow(QFrame):
    """A focusable row of exclusive buttons. Emits ``row_step(-1 | +1)`` on Up and Down."""

    row_step = Signal(int)
    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(CHOICE_ROW_STYLE.format(name=name))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self._clicked)

    def _clicked(self, _id: int) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.changed.emit()

    def _select(self, button_id: int | None) -> None:
        if button_id is None:
            checked = self.group.checkedButton()
            if checked is not None:
                self.group.setExclusive(False)
                checked.setChecked(False)
                self.group.setExclusive(True)
        else:
            self.group.button(button_id).setChecked(True)
        self.changed.emit()

    def _selected_id(self) -> int | None:
        checked = self.group.checkedId()
        return None if checked < 0 else checked

    def _nudge(self, step: int) -> None:
        count = len(self.group.buttons())
        current = self._selected_id()
        target = 0 if current is None else max(0, min(count - 1, current + step))
        self._select(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Left:
            self._nudge(-1)
        elif key == Qt.Key.Key_Right:
            self._nudge(+1)
        elif key == Qt.Key.Key_Home:
            self._select(0)
        elif key == Qt.Key.Key_End:
            self._select(len(self.group.buttons()) - 1)
        elif key == Qt.Key.Key_Up:
            self.row_step.emit(-1)
        elif key == Qt.Key.Key_Down:
            self.row_step.emit(+1)
        else:
            super().keyPressEvent(event)


class PainScale(ChoiceRow):
    """One 0-10 pain row with its anchors; ``value()`` is ``None`` until chosen."""

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.title = title
        self._ten_timer = QElapsedTimer()
        self._one_pending = False
        heading = QLabel(title)
        _font(heading, BASE_POINT_SIZE + 2, bold=True)
        self.value_label = QLabel()
        _font(self.value_label, BASE_POINT_SIZE)
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.value_label)
        numbers = QHBoxLayout()
        numbers.setSpacing(4)
        for score in range(11):
            fill, edge, ink = pain_colours(score)
            button = choice_button(
                str(score),
                CHOICE_BUTTON_STYLE.format(fill=fill, edge=edge, ink=ink),
                NUMBER_POINT_SIZE,
                bold=True,
            )
            button.setAccessibleName(f"{title} {score}")
            self.group.addButton(button, score)
            numbers.addWidget(button)
        low = QLabel(_("0 = no pain"))
        high = QLabel(_("10 = worst imaginable"))
        for anchor in (low, high):
            _font(anchor, BASE_POINT_SIZE)
        anchors = QHBoxLayout()
        anchors.addWidget(low)
        anchors.addStretch(1)
        anchors.addWidget(high)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(numbers)
        layout.addLayout(anchors)
        self.setAccessibleName(_("{title}, 0 to 10").format(title=title))
        self.changed.connect(self._show_value)
        self._show_value()

    def value(self) -> int | None:
        return self._selected_id()

    def set_value(self, value: int | None) -> None:
        self._select(None if value is None else max(0, min(10, value)))

    def _show_value(self) -> None:
        value = self.value()
        self.value_label.setText(
            _("not chosen yet") if value is None else _("{score} out of 10").format(score=value)
        )
        self.setAccessibleDescription(self.value_label.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value:
            digit = key - Qt.Key.Key_0.value
            quick = self._ten_timer.isValid() and self._ten_timer.elapsed() < TEN_WINDOW_MS
            if digit == 0 and self._one_pending and quick and self.value() == 1:
                self.set_value(10)
                self._one_pending = False
            else:
                self.set_value(digit)
                self._one_pending = digit == 1
                self._ten_timer.start()
            return
        self._one_pending = False
        if key in (Qt.Key.Key_T, Qt.Key.Key_Equal):
            self.set_value(10)
        else:
            super().keyPressEvent(event)


class ReachRow(ChoiceRow):
    """How far down the leg symptoms reach; optional, and a second click clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("reachRow", parent)
        self.codes = [code for code, _label in leg_reach()]
        heading = QLabel(_("How far down the leg? (optional)"))
        _font(heading, BASE_POINT_SIZE + 2, bold=True)
        style = CHOICE_BUTTON_STYLE.format(**HIGHLIGHT_CHOICE)
        grid = QGridLayout()
        grid.setSpacing(4)
        columns = 3
        for index, (_code, label) in enumerate(leg_reach()):
            button = choice_button(label, style, BASE_POINT_SIZE, bold=False)
            button.setAccessibleName(label)
            button.pressed.connect(lambda b=button: self._remember(b.isChecked()))
            self.group.addButton(button, index)
            grid.addWidget(button, index // columns, index % columns)
        self._was_checked = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addLayout(grid)
        self.setAccessibleName(_("How far down the leg"))

    def _remember(self, checked: bool) -> None:
        self._was_checked = checked

    def _clicked(self, button_id: int) -> None:
        if self._was_checked:
            self._was_checked = False
            self._select(None)
        super()._clicked(button_id)

    def value(self) -> str | None:
        index = self._selected_id()
        return None if index is None else self.codes[index]

    def set_value(self, code: str | None) -> None:
        self._select(self.codes.index(code) if code in self.codes else None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._select(None)
        else:
            super().keyPressEvent(event)


def reference_text(check: PainCheck | None) -> str:
    """``Before the session: back 5, leg 6, reaching the thigh`` for the after check-in."""
    if check is None:
        return _("Before the session: not rated")
    reach = reach_label(check.reach)
    if reach:
        return _("Before the session: back {back}, leg {leg}, reaching: {reach}").format(
            back=check.back, leg=check.leg, reach=reach[:1].lower() + reach[1:]
        )
    return _("Before the session: back {back}, leg {leg}").format(back=check.back, leg=check.leg)


class PainCheckInPanel(QWidget):
    """The check-in as a page of the main window (and the body of ``PainCheckInDialog``).

    Emits ``saved(PainCheck)``, ``skipped()`` or, when it may back out of starting a session,
    ``cancelled()`` (Esc). The after check-in starts empty, with the before scores shown
    beside it for reference: the patient rates how things are now, not whether they changed.
    """

    saved = Signal(object)
    skipped = Signal()
    cancelled = Signal()

    def __init__(
        self,
        moment: str,
        parent: QWidget | None = None,
        *,
        reference: PainCheck | None = None,
        can_cancel: bool = False,
        previous: tuple[int, int] | None = None,
        previous_reach: str | None = None,
        routine_name: str = "",
    ) -> None:
        super().__init__(parent)
        if moment not in MOMENT_TITLES:
            # i18n: not words (a programmer's error)
            raise ValueError(f"moment must be 'before' or 'after', not {moment!r}")
        self.moment = moment
        self.can_cancel = can_cancel
        use_readable_font(self)

        self.back = PainScale(_("Back pain"), "backRow")
        self.leg = PainScale(_("Leg pain"), "legRow")
        self.reach = ReachRow()
        self.note = QLineEdit()
        self.note.setMaxLength(500)
        self.note.setPlaceholderText(_("Anything you want to remember about today"))
        self.note.setMinimumHeight(40)
        self.note.setAccessibleName(_("Note"))
        self.note.installEventFilter(self)
        note_label = sized_label(_("Note (optional)"), BASE_POINT_SIZE + 2, bold=True)
        note_label.setBuddy(self.note)

        self.title_label = sized_label(_(MOMENT_TITLES[moment]), TITLE_POINT_SIZE, bold=True)
        self.reference_label = sized_label(reference_text(reference), BASE_POINT_SIZE + 1)
        self.reference_label.setObjectName("reference")
        if moment == "before" and routine_name:
            self.reference_label.setText(_("Next: {routine}").format(routine=routine_name))
        self.reference_label.setVisible(moment == "after" or bool(routine_name))
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(20, 20, 20, 12)
        body.setSpacing(10)
        body.addWidget(self.title_label)
        body.addWidget(self.reference_label)
        keys = sized_label(_(KEY_HINT), BASE_POINT_SIZE)
        keys.setAccessibleName(spoken(_(KEY_HINT)))  # arrows in words for a screen reader
        body.addWidget(keys)
        body.addWidget(self.back)
        body.addWidget(self.leg)
        body.addWidget(self.reach)
        notes = QVBoxLayout()
        notes.setContentsMargins(14, 4, 14, 0)
        notes.setSpacing(6)
        notes.addWidget(note_label)
        notes.addWidget(self.note)
        body.addLayout(notes)
        body.addStretch(1)

        starting = moment == "before" and can_cancel
        self.save_button = QPushButton(_("&Start session") if starting else _("&Save"))
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(True)
        self.save_button.clicked.connect(self.save)
        self.skip_button = QPushButton(_("Start &without rating") if starting else _("S&kip"))
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.skipped)
        self.cancel_button = QPushButton(_("&Cancel (Esc)"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(can_cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.save_button)
        for button in (self.save_button, self.skip_button, self.cancel_button):
            button.setMinimumSize(120, 44)
        footer = QVBoxLayout()
        footer.setContentsMargins(20, 8, 20, 16)
        footer.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.scroll_area = scrolling(content, _("Pain check-in"))
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(footer)

        self.rows: list[ChoiceRow] = [self.back, self.leg, self.reach]
        for row in self.rows:
            row.row_step.connect(lambda step, row=row: self._step_from(row, step))
            row.changed.connect(self._update_save)
        QWidget.setTabOrder(self.back, self.leg)
        QWidget.setTabOrder(self.leg, self.reach)
        QWidget.setTabOrder(self.reach, self.note)
        QWidget.setTabOrder(self.note, self.save_button)
        QWidget.setTabOrder(self.save_button, self.skip_button)
        QWidget.setTabOrder(self.skip_button, self.cancel_button)

        if previous is not None:
            self.back.set_value(previous[0])
            self.leg.set_value(previous[1])
        self.reach.set_value(previous_reach)
        self._update_save()

    def focus_first(self) -> None:
        self.back.setFocus(Qt.FocusReason.OtherFocusReason)

    def save(self) -> None:
        check = self.result_check()
        if check is not None:
            self.saved.emit(check)

    def cancel(self) -> None:
        """Esc: back out of starting (before) or leave the scores out (after)."""
        if self.can_cancel:
            self.cancelled.emit()
        else:
            self.skipped.emit()

    def result_check(self) -> PainCheck | None:
        """The answers as they stand, or ``None`` while a pain score is missing."""
        back, leg = self.back.value(), self.leg.value()
        if back is None or leg is None:
            return None
        return PainCheck(
            moment=self.moment,
            back=back,
            leg=leg,
            note=self.note.text().strip(),
            reach=self.reach.value(),
        )

    def _step_from(self, row: ChoiceRow, step: int) -> None:
        index = self.rows.index(row) + step
        if index >= len(self.rows):
            self._focus(self.note)
        elif index >= 0:
            self._focus(self.rows[index])

    def _focus(self, widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        self.scroll_area.ensureWidgetVisible(widget)

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.back.value() is not None and self.leg.value() is not None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        elif key == Qt.Key.Key_Escape:
            self.cancel()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up in the note goes back to the rows instead of scrolling the page.
        if (
            watched is self.note
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Up
        ):
            self._focus(self.reach)
            return True
        return super().eventFilter(watched, event)


class PainCheckInDialog(QDialog):
    """The check-in in a window of its own; ``result_check()`` gives the ``PainCheck`` or
    ``None`` when it was skipped or closed."""

    def __init__(
        self,
        moment: str,
        parent: QWidget | None = None,
        *,
        reference: PainCheck | None = None,
        previous: tuple[int, int] | None = None,
        previous_reach: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.panel = PainCheckInPanel(
            moment,
            self,
            reference=reference,
            previous=previous,
            previous_reach=previous_reach,
        )
        self.moment = moment
        self.setWindowTitle(_(MOMENT_TITLES[moment]))
        use_readable_font(self)
        self.back, self.leg, self.reach = self.panel.back, self.panel.leg, self.panel.reach
        self.note = self.panel.note
        self.save_button, self.skip_button = self.panel.save_button, self.panel.skip_button
        self.scroll_area = self.panel.scroll_area
        self._answer: PainCheck | None = None
        self.panel.saved.connect(self._saved)
        self.panel.skipped.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.panel)
        self.panel.focus_first()
        fit_to_screen(self, 760, 700)

    def _saved(self, check: PainCheck) -> None:
        self._answer = check
        super().accept()

    def accept(self) -> None:
        self.panel.save()

    def result_check(self) -> PainCheck | None:
        """The answers if the user saved, ``None`` if they skipped or closed the window."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return self._answer

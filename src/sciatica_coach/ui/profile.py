"""The symptom profile: how far down the leg symptoms reach, which way of moving eases the
leg, and an optional two-minute self-check that walks through its movements one screen at a
time. Offered once after the safety screen on first start, and from File > Your symptoms.

The wording of the check and what its answers mean live in ``core.self_check`` and
``core.words``; this module only shows them. Everything works from the keyboard: Tab moves
between the parts, arrows choose, Enter saves, Esc skips (or leaves the check).
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core import self_check as check_text
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError
from sciatica_coach.core.self_check import ORDER, SelfCheck, spread_on
from sciatica_coach.core.symptoms import (
    BENDING_FORWARD,
    EASES_CHOICES,
    LEANING_BACK,
    MOVED_UP,
    NEITHER,
    NOT_SURE,
    SELF_CHECK_ANSWERS,
    SPREAD_DOWN,
    STAYED,
    SymptomProfile,
)
from sciatica_coach.core.words import (
    SELF_CHECK_ANSWER_WORDS,
    eases_explanation,
    eases_label,
    profile_saved_on,
    self_check_findings,
    self_check_hint,
)
from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.checkin import ReachRow
from sciatica_coach.ui.colours import PLAIN_EDGE, REASON_STYLE, SAFETY_EDGE
from sciatica_coach.ui.dialog_parts import (
    BASE_POINT_SIZE,
    HEADING_POINT_SIZE,
    LIST_STYLE,
    TITLE_POINT_SIZE,
    bullet_list,
    fit_to_screen,
    scaled,
    scrolling,
    sized_label,
    use_readable_font,
)
from sciatica_coach.ui.plain_text import show_warning
from sciatica_coach.ui.settings_keys import PROFILE_OFFERED_KEY
from sciatica_coach.ui.settings_values import read_flag

TITLE = N_("Your symptoms")
EASES_QUESTION = N_("What eases your leg?")
# The choices' names with a mnemonic letter each (Alt+letter picks one).
EASES_MNEMONICS = {
    BENDING_FORWARD: N_("&Bending forward"),
    LEANING_BACK: N_("&Leaning back"),
    NEITHER: N_("N&either"),
    NOT_SURE: N_("&Not sure"),
}
ANSWER_MNEMONICS = {
    MOVED_UP: N_("Moved &up towards my back"),
    STAYED: N_("Stayed the &same"),
    SPREAD_DOWN: N_("Spread further &down my leg"),
}
# Plain keys that answer the check's question too, as the hint says.
ANSWER_KEYS = {
    Qt.Key.Key_U.value: MOVED_UP,
    Qt.Key.Key_1.value: MOVED_UP,
    Qt.Key.Key_S.value: STAYED,
    Qt.Key.Key_2.value: STAYED,
    Qt.Key.Key_D.value: SPREAD_DOWN,
    Qt.Key.Key_3.value: SPREAD_DOWN,
}
FORM_KEYS = N_("Keys: Tab moves on · arrows choose · Enter saves")
STEP_KEYS = N_("Keys: U, S or D answers · Esc stops the check")
NOT_AGAIN_TODAY = N_(
    "Your check today made your symptoms spread, so it is not offered again until tomorrow."
)
CHECK_INVITE = N_(
    "Not sure what eases your leg? A few slow movements each way can show you. "
    "It takes about two minutes, one step at a time."
)
REMINDER_STYLE = (  # i18n: not words (a style sheet)
    "QFrame#reminder { border-style: solid; border-color: rgb(233, 162, 59);"
    " border-width: 0px 0px 0px 5px; background: palette(alternate-base); }"
)


def set_bullets(label: QLabel, items: Sequence[str]) -> None:
    """Show ``items`` as the bulleted list in ``label`` (one made by ``bullet_list``)."""
    rows = "".join(f"<li style='margin-bottom:6px'>{html.escape(item)}</li>" for item in items)
    label.setText(f"<ul style='{LIST_STYLE}'>{rows}</ul>")


def _button(text: str, *, minimum_width: int = 120) -> QPushButton:
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setMinimumSize(minimum_width, 44)
    return button


class EasesChoice(QFrame):
    """The four answers to "what eases your leg?", each with a line saying what it means.

    Arrow keys move between the answers (as radio buttons do); Tab leaves the group.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 0, 12, 0)
        layout.setSpacing(6)
        heading = sized_label(_(EASES_QUESTION), BASE_POINT_SIZE + 2, bold=True)
        layout.addWidget(heading)
        # Each answer with its line beside it; the line wraps under itself when narrow.
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        for index, code in enumerate(EASES_CHOICES):
            button = QRadioButton(_(EASES_MNEMONICS[code]))
            button.setMinimumHeight(34)
            button.setAccessibleName(eases_label(code))
            button.setAccessibleDescription(eases_explanation(code))
            explanation = sized_label(eases_explanation(code), BASE_POINT_SIZE)
            explanation.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.group.addButton(button, index)
            self.buttons[code] = button
            grid.addWidget(button, index, 0)
            grid.addWidget(explanation, index, 1)
        layout.addLayout(grid)
        self.setAccessibleName(_(EASES_QUESTION))
        self.group.idToggled.connect(self._tab_stop_on_choice)

    def _tab_stop_on_choice(self, _id: int, _on: bool) -> None:
        # Tab stops once in the group, on the chosen answer; the arrows move within it.
        for button in self.buttons.values():
            tabbing = button.isChecked() or self.group.checkedId() < 0
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus if tabbing else Qt.FocusPolicy.ClickFocus
            )

    def value(self) -> str:
        checked = self.group.checkedId()
        return EASES_CHOICES[checked] if checked >= 0 else NOT_SURE

    def set_value(self, code: str) -> None:
        self.buttons.get(code, self.buttons[NOT_SURE]).setChecked(True)

    def focus_choice(self) -> None:
        self.buttons[self.value()].setFocus(Qt.FocusReason.TabFocusReason)


class CheckStepPage(QWidget):
    """One screen of the self-check: a heading, a few lines, and (after a movement) the
    question with its three answers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.place = sized_label("", BASE_POINT_SIZE)
        self.place.setWordWrap(False)
        self.title = sized_label("", TITLE_POINT_SIZE, bold=True)
        self.lines = bullet_list(())
        # The stop rule stays in sight while the user moves.
        self.stop_rule = sized_label(_(check_text.STOP_RULE), BASE_POINT_SIZE)
        self.stop_rule.setObjectName("reminder")
        # i18n: not words (style sheet selectors)
        self.stop_rule.setStyleSheet(REMINDER_STYLE.replace("QFrame#", "QLabel#"))
        self.stop_rule.setContentsMargins(12, 8, 8, 8)
        self.question = sized_label(_(check_text.QUESTION), HEADING_POINT_SIZE, bold=True)
        self.answers: dict[str, QPushButton] = {}
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(28, 16, 28, 8)
        body.setSpacing(8)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.place, 0, Qt.AlignmentFlag.AlignVCenter)
        body.addLayout(heading)
        body.addWidget(self.lines)
        body.addWidget(self.stop_rule)
        body.addSpacing(4)
        body.addWidget(self.question)
        for answer in SELF_CHECK_ANSWERS:
            edge = SAFETY_EDGE if answer == SPREAD_DOWN else PLAIN_EDGE
            button = _button(_(ANSWER_MNEMONICS[answer]))
            button.setMinimumHeight(46)
            button.setStyleSheet(REASON_STYLE.format(edge=edge))
            # Set outright: a button with its own style sheet does not take the dialog's font.
            font = QFont(button.font())
            font.setPointSizeF(scaled(BASE_POINT_SIZE + 1))
            button.setFont(font)
            button.setAccessibleName(_(SELF_CHECK_ANSWER_WORDS[answer]))
            self.answers[answer] = button
            body.addWidget(button)
        self.keys = sized_label(_(STEP_KEYS), BASE_POINT_SIZE)
        body.addWidget(self.keys)
        body.addStretch(1)
        self.scroll_area = scrolling(content)

        self.stop_button = _button(_("S&top the check (Esc)"), minimum_width=160)
        self.start_button = _button(_("&Start the check"), minimum_width=160)
        footer = QHBoxLayout()
        footer.setContentsMargins(28, 8, 28, 16)
        footer.addWidget(self.stop_button)
        footer.addStretch(1)
        footer.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(footer)

    def show_step(self, step: check_text.CheckStep, *, place: str = "") -> None:
        """Show ``step``; a movement (with its ``place``, "Movement 1 of 2") asks what the
        leg did, the first screen only explains."""
        asking = bool(place)
        step = step.translated()
        self.place.setText(place)
        self.place.setVisible(asking)
        self.title.setText(step.title)
        set_bullets(self.lines, step.lines)
        self.stop_rule.setVisible(asking)
        self.question.setVisible(asking)
        self.keys.setVisible(asking)
        for button in self.answers.values():
            button.setVisible(asking)
        self.start_button.setVisible(not asking)
        self.stop_button.setText(_("S&top the check (Esc)") if asking else _("&Back (Esc)"))
        self.scroll_area.verticalScrollBar().setValue(0)


class SymptomProfileDialog(QDialog):
    """The symptom profile, pre-filled from the one in use. Save keeps a new profile with
    the time from ``now`` (an aware local datetime); Skip or Esc keeps nothing.

    ``saved_profile`` is the profile saved, or None.
    """

    FORM, CHECK, RESULT = range(3)

    def __init__(
        self,
        log: SessionLog,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
        *,
        first_start: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_(TITLE))
        use_readable_font(self)
        self._log = log
        self._now = now
        self.saved_profile: SymptomProfile | None = None
        self.existing = log.profile()
        self.answers: dict[str, str] = dict(self.existing.self_check) if self.existing else {}
        # Whether ``answers`` come from a check done today (here, or saved earlier today).
        self._checked_today = self.existing is not None and self.existing.local_date == now().date()
        self.check: SelfCheck | None = None

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_form(first_start))
        self.step_page = CheckStepPage()
        self.step_page.stop_button.clicked.connect(self.stop_check)
        self.step_page.start_button.clicked.connect(self.next_check_step)
        for answer, button in self.step_page.answers.items():
            button.clicked.connect(lambda _=False, a=answer: self.answer(a))
        self.stack.addWidget(self.step_page)
        self.stack.addWidget(self._build_result())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        if self.existing is not None:
            self.reach.set_value(self.existing.reach)
            self.eases.set_value(self.existing.eases)
        else:
            self.eases.set_value(NOT_SURE)
        self._show_check_summary()
        self.reach.setFocus(Qt.FocusReason.OtherFocusReason)
        fit_to_screen(self, 760, 760)

    # -- building -------------------------------------------------------------------------

    def _build_form(self, first_start: bool) -> QWidget:
        self.reminder = QFrame()
        self.reminder.setObjectName("reminder")
        self.reminder.setStyleSheet(REMINDER_STYLE)
        reminder_text = sized_label(_(check_text.PROFILE_REMINDER), BASE_POINT_SIZE)
        self.safety_button = _button(_("Safety &information…"), minimum_width=160)
        self.safety_button.clicked.connect(self.show_safety)
        boxed = QHBoxLayout(self.reminder)
        boxed.setContentsMargins(16, 10, 12, 10)
        boxed.setSpacing(12)
        boxed.addWidget(reminder_text, 1)
        boxed.addWidget(self.safety_button, 0, Qt.AlignmentFlag.AlignVCenter)

        saved_on = profile_saved_on(self.existing.local_date) if self.existing else ""
        self.saved_on_label = sized_label(saved_on, BASE_POINT_SIZE)
        self.saved_on_label.setVisible(bool(saved_on))
        self.reach = ReachRow()
        self.reach.row_step.connect(self._row_step)
        self.eases = EasesChoice()
        self.eases.group.idToggled.connect(lambda _id, _on: self._show_check_summary())

        check_heading = sized_label(
            _("Two-minute self-check (optional)"), BASE_POINT_SIZE + 2, bold=True
        )
        self.check_summary = bullet_list(())
        self.check_invite = sized_label(_(CHECK_INVITE), BASE_POINT_SIZE)
        self.check_hint = sized_label("", BASE_POINT_SIZE)
        self.try_button = _button(_("&Try the two-minute self-check"), minimum_width=260)
        self.try_button.clicked.connect(self.start_check)
        check_box = QVBoxLayout()
        check_box.setContentsMargins(14, 0, 14, 0)
        check_box.setSpacing(8)
        check_box.addWidget(check_heading)
        check_box.addWidget(self.check_invite)
        check_box.addWidget(self.check_summary)
        check_box.addWidget(self.check_hint)
        check_box.addWidget(self.try_button, 0, Qt.AlignmentFlag.AlignLeft)

        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(20, 16, 20, 12)
        body.setSpacing(10)
        body.addWidget(sized_label(_(TITLE), TITLE_POINT_SIZE, bold=True))
        body.addWidget(self.reminder)
        body.addWidget(self.saved_on_label)
        body.addWidget(self.reach)
        body.addWidget(self.eases)
        body.addLayout(check_box)
        body.addStretch(1)
        self.form_scroll = scrolling(content)

        self.save_button = _button(_("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.skip_button = _button(_("S&kip for now (Esc)") if first_start else _("&Cancel (Esc)"))
        self.skip_button.clicked.connect(self.reject)
        keys = sized_label(_(FORM_KEYS), BASE_POINT_SIZE - 1)
        keys.setAlignment(Qt.AlignmentFlag.AlignCenter)
        footer = QHBoxLayout()
        footer.setContentsMargins(20, 8, 20, 16)
        footer.setSpacing(12)
        footer.addWidget(self.skip_button)
        footer.addWidget(keys, 1)
        footer.addWidget(self.save_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.form_scroll, 1)
        layout.addLayout(footer)

        chain: list[QWidget] = [
            self.reach,
            *self.eases.buttons.values(),
            self.try_button,
            self.save_button,
            self.skip_button,
            self.safety_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        return page

    def _build_result(self) -> QWidget:
        self.result_title = sized_label(_("What the check found"), TITLE_POINT_SIZE, bold=True)
        self.result_findings = bullet_list(())
        self.result_advice = sized_label(_(check_text.STOPPED_ADVICE), BASE_POINT_SIZE)
        self.result_hint = sized_label("", BASE_POINT_SIZE)
        not_diagnosis = sized_label(
            _("This is how your leg answered today, not a diagnosis."), BASE_POINT_SIZE
        )
        self.result_safety_button = _button(_("Safety &information…"), minimum_width=160)
        self.result_safety_button.clicked.connect(self.show_safety)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(28, 24, 28, 12)
        body.setSpacing(12)
        body.addWidget(self.result_title)
        body.addWidget(self.result_findings)
        body.addWidget(self.result_advice)
        body.addWidget(self.result_hint)
        body.addWidget(not_diagnosis)
        body.addWidget(self.result_safety_button, 0, Qt.AlignmentFlag.AlignLeft)
        body.addStretch(1)
        self.done_button = _button(_("&Done"))
        self.done_button.clicked.connect(self.finish_check)
        footer = QHBoxLayout()
        footer.setContentsMargins(28, 8, 28, 16)
        footer.addStretch(1)
        footer.addWidget(self.done_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scrolling(content), 1)
        layout.addLayout(footer)
        return page

    # -- the form -------------------------------------------------------------------------

    def _row_step(self, step: int) -> None:
        if step > 0:
            self.eases.focus_choice()

    def _show_check_summary(self) -> None:
        """The last check's findings under its heading, or an invitation to try it."""
        set_bullets(self.check_summary, self_check_findings(self.answers, ORDER))
        self.check_summary.setVisible(bool(self.answers))
        self.check_invite.setVisible(not self.answers)
        hint = self_check_hint(self.answers, self.eases.value())
        if self._checked_today and spread_on(self.answers):
            hint = _(NOT_AGAIN_TODAY)
        self.check_hint.setText(hint)
        self.check_hint.setVisible(bool(hint))
        may_try = not (self._checked_today and spread_on(self.answers))
        self.try_button.setEnabled(may_try)
        self.try_button.setVisible(may_try)
        self.try_button.setText(
            _("&Try the two-minute self-check again")
            if self.answers
            else _("&Try the two-minute self-check")
        )

    def result_profile(self) -> SymptomProfile:
        """The answers on screen as a profile stamped with the time now."""
        moment = self._now()
        return SymptomProfile(
            recorded_at=moment,
            local_date=moment.date(),
            reach=self.reach.value(),
            eases=self.eases.value(),
            self_check=dict(self.answers),
        )

    def save(self) -> None:
        profile = self.result_profile()
        try:
            self._log.save_profile(profile)
        except LogError as error:
            show_warning(
                self,
                _("Not saved"),
                _("Your answers could not be saved.\n\n{error}").format(error=error),
            )
            return
        self.saved_profile = profile
        self.accept()

    def show_safety(self) -> None:
        from sciatica_coach.ui.safety import SafetyDialog

        SafetyDialog(self, require_ack=False).exec()

    # -- the self-check -------------------------------------------------------------------

    def start_check(self) -> None:
        self.check = SelfCheck()
        self.step_page.show_step(check_text.START)
        self.stack.setCurrentIndex(self.CHECK)
        self.step_page.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def next_check_step(self) -> None:
        """Show the next movement, or what the check found once it is over."""
        assert self.check is not None
        direction = self.check.next_direction()
        if direction is None:
            self._show_result()
            return
        place = _("Movement {number} of {count}").format(
            number=ORDER.index(direction) + 1, count=len(ORDER)
        )
        self.step_page.show_step(check_text.MOVEMENTS[direction], place=place)
        self.stack.setCurrentIndex(self.CHECK)
        # The page takes the keys, not an answer: Enter must not answer by accident.
        self.step_page.scroll_area.setFocus(Qt.FocusReason.OtherFocusReason)

    def answer(self, answer: str) -> None:
        """Answer the question after the movement on screen."""
        if self.check is None or self.stack.currentIndex() != self.CHECK:
            return
        direction = self.check.next_direction()
        if direction is None or not self.step_page.answers[answer].isVisible():
            return
        self.check.answer(direction, answer)
        self.next_check_step()

    def stop_check(self) -> None:
        """Leave the check: on its first screen back to the form, later to what it found."""
        if self.check is not None and self.check.answers:
            self._show_result()
        else:
            self.check = None
            self._back_to_form()

    def _show_result(self) -> None:
        assert self.check is not None
        answers = self.check.answers
        set_bullets(self.result_findings, self_check_findings(answers, ORDER))
        self.result_title.setText(
            _("The check stopped here") if self.check.stopped else _("What the check found")
        )
        self.result_advice.setVisible(self.check.stopped)
        hint = self_check_hint(answers, self.eases.value())
        self.result_hint.setText(hint)
        self.result_hint.setVisible(bool(hint))
        self.stack.setCurrentIndex(self.RESULT)
        self.done_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def finish_check(self) -> None:
        """Back to the form, keeping what the check found (if it found anything)."""
        if self.check is not None and self.check.answers:
            self.answers = dict(self.check.answers)
            self._checked_today = True
        self.check = None
        self._back_to_form()

    def _back_to_form(self) -> None:
        self._show_check_summary()
        self.stack.setCurrentIndex(self.FORM)
        # After a check, Save is the next thing to do; after backing out, the check again.
        target = self.save_button if self.answers or not self.try_button.isEnabled() else None
        (target or self.try_button).setFocus(Qt.FocusReason.OtherFocusReason)

    # -- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        page = self.stack.currentIndex()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        focused = self.focusWidget()
        if enter and isinstance(focused, QPushButton) and focused.isEnabled():
            focused.click()
        elif key == Qt.Key.Key_Escape:
            self.reject()
        elif page == self.FORM and enter:
            self.save()
        elif page == self.CHECK and enter and self.step_page.start_button.isVisible():
            self.next_check_step()
        elif page == self.CHECK and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            answer = ANSWER_KEYS.get(int(key))
            if answer is not None:
                self.answer(answer)
            else:
                super().keyPressEvent(event)
        elif page == self.RESULT and enter:
            self.finish_check()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the window closes it from any screen, as skipping does.
        self.check = None
        self.stack.setCurrentIndex(self.FORM)
        super().closeEvent(event)

    def reject(self) -> None:
        """Esc: inside the check it leaves the check; on the form it skips."""
        page = self.stack.currentIndex()
        if page == self.CHECK:
            self.stop_check()
        elif page == self.RESULT:
            self.finish_check()
        else:
            super().reject()


def edit_profile(
    log: SessionLog, now: Callable[[], datetime], parent: QWidget | None = None
) -> SymptomProfile | None:
    """Show the profile for editing; the profile saved, or None if the user cancelled."""
    dialog = SymptomProfileDialog(log, now, parent)
    dialog.exec()
    return dialog.saved_profile


def offer_profile_once(
    settings: QSettings,
    log: SessionLog,
    now: Callable[[], datetime],
    parent: QWidget | None = None,
) -> bool:
    """On first start, right after the safety screen: offer the profile, once.

    Whether it is saved or skipped, it is not offered again (File > Your symptoms stays).
    Returns whether it was shown.
    """
    if read_flag(settings, PROFILE_OFFERED_KEY, False) or log.profile() is not None:
        return False
    settings.setValue(PROFILE_OFFERED_KEY, True)
    settings.sync()
    dialog = SymptomProfileDialog(log, now, parent, first_start=True)
    dialog.exec()
    return True

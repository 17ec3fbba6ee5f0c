"""The check-in the morning after a session: is the leg better, the same or worse than before
yesterday's session, with back and leg pain and how far down the leg symptoms reach.

It settles the session's traffic light (an increase should settle by the next morning).
Keyboard as in the other check-ins: 1, 2 or 3 answer the first row, digits rate the pain
rows, Up and Down move between rows, Enter saves and Esc leaves it for now.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sciatica_coach.core.library_text import shown_routine_name
from sciatica_coach.core.records import SessionRecord
from sciatica_coach.core.symptoms import BETTER, LEG_RESPONSES, SAME, WORSE, MorningCheck
from sciatica_coach.core.words import day_heading
from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.checkin import ChoiceRow, PainScale, ReachRow, choice_button
from sciatica_coach.ui.colours import CHOICE_BUTTON_STYLE, HIGHLIGHT_CHOICE
from sciatica_coach.ui.dialog_parts import (
    BASE_POINT_SIZE,
    TITLE_POINT_SIZE,
    scaled,
    scrolling,
    sized_label,
    use_readable_font,
)

COMPARED_WORDS = {
    BETTER: N_("1  Better"),
    SAME: N_("2  About the same"),
    WORSE: N_("3  Worse"),
}
MORNING_HINT = N_("Keys: 1 to 3 for the first row · 0 to 10 for pain · ↑ ↓ next row · Enter saves")


class ComparedRow(ChoiceRow):
    """Better, the same or worse than before yesterday's session; keys 1 to 3."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("comparedRow", parent)
        heading = QLabel(_("Compared with before yesterday's session, your leg is:"))
        heading.setWordWrap(True)
        font = heading.font()
        font.setPointSizeF(scaled(BASE_POINT_SIZE + 2))
        font.setBold(True)
        heading.setFont(font)
        style = CHOICE_BUTTON_STYLE.format(**HIGHLIGHT_CHOICE)
        grid = QGridLayout()
        grid.setSpacing(4)
        for index, answer in enumerate(LEG_RESPONSES):
            button = choice_button(_(COMPARED_WORDS[answer]), style, BASE_POINT_SIZE, bold=False)
            button.setAccessibleName(_(COMPARED_WORDS[answer]).split(maxsplit=1)[1])
            self.group.addButton(button, index)
            grid.addWidget(button, 0, index)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(heading)
        layout.addLayout(grid)
        self.setAccessibleName(_("Your leg compared with before yesterday's session"))

    def value(self) -> str | None:
        index = self._selected_id()
        return None if index is None else LEG_RESPONSES[index]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1.value <= key <= Qt.Key.Key_3.value:
            self._select(key - Qt.Key.Key_1.value)
        else:
            super().keyPressEvent(event)


class MorningCheckPanel(QWidget):
    """A page of the main window about one session; emits ``saved(MorningCheck)`` or
    ``skipped()``. ``now`` gives the local time the answers are taken at."""

    saved = Signal(object)
    skipped = Signal()

    def __init__(
        self,
        session: SessionRecord,
        now: datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        use_readable_font(self)
        self.session = session
        self.now = now
        self.compared = ComparedRow()
        self.back = PainScale(_("Back pain now"), "morningBack")
        self.leg = PainScale(_("Leg pain now"), "morningLeg")
        self.reach = ReachRow()
        title = sized_label(_("Good morning: how is your leg today?"), TITLE_POINT_SIZE, bold=True)
        about = sized_label(
            _(
                "About your {routine} session, {day}. "
                "An increase after exercise should settle by the next morning; this tells the "
                "coach whether it did."
            ).format(
                routine=shown_routine_name(session.routine_id, session.routine_name),
                day=day_heading(session.local_date),
            ),
            BASE_POINT_SIZE + 1,
        )
        about.setTextFormat(Qt.TextFormat.PlainText)
        content = QWidget()
        body = QVBoxLayout(content)
        body.setContentsMargins(20, 20, 20, 12)
        body.setSpacing(10)
        body.addWidget(title)
        body.addWidget(about)
        body.addWidget(sized_label(_(MORNING_HINT), BASE_POINT_SIZE))
        for question in (self.compared, self.back, self.leg, self.reach):
            body.addWidget(question)
        body.addStretch(1)
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.skip_button = QPushButton(_("&Not now (Esc)"))
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.skipped)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(20, 8, 20, 16)
        buttons.addStretch(1)
        for button in (self.skip_button, self.save_button):
            button.setMinimumSize(120, 44)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.scroll_area = scrolling(content)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)
        self.rows: list[ChoiceRow] = [self.compared, self.back, self.leg, self.reach]
        for row in self.rows:
            row.row_step.connect(lambda step, row=row: self._step_from(row, step))
            row.changed.connect(self._update_save)
            row.installEventFilter(self)
        QWidget.setTabOrder(self.compared, self.back)
        QWidget.setTabOrder(self.back, self.leg)
        QWidget.setTabOrder(self.leg, self.reach)
        QWidget.setTabOrder(self.reach, self.save_button)
        QWidget.setTabOrder(self.save_button, self.skip_button)
        self._update_save()

    def focus_first(self) -> None:
        self.compared.setFocus(Qt.FocusReason.OtherFocusReason)

    def result(self) -> MorningCheck | None:
        """The answers as a MorningCheck, or None until the first row is answered (the pain
        scores are optional: the comparison is what settles the light)."""
        compared = self.compared.value()
        if compared is None:
            return None
        return MorningCheck(
            session_id=self.session.id,
            compared=compared,
            back=self.back.value(),
            leg=self.leg.value(),
            reach=self.reach.value(),
            taken_at=self.now,
            local_date=self.now.date(),
        )

    def save(self) -> None:
        check = self.result()
        if check is not None:
            self.saved.emit(check)

    def _step_from(self, row: ChoiceRow, step: int) -> None:
        index = self.rows.index(row) + step
        if 0 <= index < len(self.rows):
            self.rows[index].setFocus(Qt.FocusReason.TabFocusReason)
            self.scroll_area.ensureWidgetVisible(self.rows[index])

    def _update_save(self) -> None:
        self.save_button.setEnabled(self.compared.value() is not None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.save()
        elif event.key() == Qt.Key.Key_Escape:
            self.skipped.emit()
        else:
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter and Esc on a focused row act for the whole page.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
        ):
            self.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

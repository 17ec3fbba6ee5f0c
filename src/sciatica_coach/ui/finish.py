"""The end-of-session screen: what was done, how the pain changed, and where to go next."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core.library_text import shown_routine_name
from sciatica_coach.core.records import SessionRecord, StepRecord
from sciatica_coach.core.words import describe_duration, outcome_line, pain_change
from sciatica_coach.i18n import _
from sciatica_coach.ui.dialog_parts import scrolling
from sciatica_coach.ui.plain_text import plain_label
from sciatica_coach.ui.suggestions import SuggestionList


class FinishView(QWidget):
    """Shows one finished session; the buttons ask the main window to move on."""

    summary_requested = Signal(int)
    progress_requested = Signal()
    home_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session_id = -1
        self.heading = plain_label()
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.heading.setWordWrap(True)
        heading_font = QFont(self.font())
        heading_font.setPointSize(28)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.subheading = plain_label()  # the routine's name, from a user file perhaps
        self.subheading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subheading.setWordWrap(True)
        sub_font = QFont(self.font())
        sub_font.setPointSize(16)
        self.subheading.setFont(sub_font)
        self.figures: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(14)
        rows = [
            ("duration", _("Time exercising")),
            ("steps", _("Exercises done")),
            ("skipped", _("Skipped")),
            ("back", _("Back pain")),
            ("leg", _("Leg pain")),
        ]
        for row, (key, label) in enumerate(rows):
            name = QLabel(label)
            value = plain_label()
            value.setObjectName(f"figure_{key}")
            for widget, bold in ((name, False), (value, True)):
                font = QFont(self.font())
                font.setPointSize(18)
                font.setBold(bold)
                widget.setFont(font)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignLeft)
            self.figures[key] = value
        self.summary_button = QPushButton(_("Session summary…"))
        self.summary_button.clicked.connect(lambda: self.summary_requested.emit(self._session_id))
        self.progress_button = QPushButton(_("See progress"))
        self.progress_button.clicked.connect(self.progress_requested)
        self.home_button = QPushButton(_("Back to Today"))
        self.home_button.clicked.connect(self.home_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.summary_button, self.progress_button, self.home_button):
            font = QFont(button.font())
            font.setPointSize(15)
            button.setFont(font)
            button.setMinimumHeight(44)
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The page scrolls when the coach has several suggestions or the window is small.
        content = QWidget()
        scroller = scrolling(content, _("End of the session"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroller)
        layout = QVBoxLayout(content)
        layout.addStretch(1)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addSpacing(24)
        layout.addLayout(grid)
        layout.addSpacing(24)
        layout.addLayout(buttons)
        self.suggestions = SuggestionList()
        suggestions_row = QHBoxLayout()
        suggestions_row.addStretch(1)
        suggestions_row.addWidget(self.suggestions, 4)
        suggestions_row.addStretch(1)
        layout.addSpacing(16)
        layout.addLayout(suggestions_row)
        layout.addStretch(2)

    def show_unsaved(self, problem: str) -> None:
        """The session ended while the log refused writes: say so, and that it is kept."""
        self.heading.setText(_("Your session is not saved yet"))
        self.subheading.setText(
            _(
                "{problem} Everything is kept while the app stays open and is saved as soon as "
                "the log can be written again."
            ).format(problem=problem)
        )
        for value in self.figures.values():
            value.setText("—")
        self.summary_button.setEnabled(False)
        self.suggestions.show_suggestions(())

    def show_session(self, record: SessionRecord, steps: Sequence[StepRecord] = ()) -> None:
        """Show ``record``; with its ``steps`` a stop names the exercise it happened in."""
        self._session_id = record.id
        self.summary_button.setEnabled(True)
        if record.status == "completed":
            self.heading.setText(_("Well done — session complete"))
            self.subheading.setText(shown_routine_name(record.routine_id, record.routine_name))
        else:
            self.heading.setText(_("Session stopped"))
            name = shown_routine_name(record.routine_id, record.routine_name)
            self.subheading.setText(f"{name} · {outcome_line(record, steps)}")
        self.figures["duration"].setText(describe_duration(record.active_seconds))
        planned = record.planned_work_steps
        self.figures["steps"].setText(
            _("{done} of {planned}").format(done=record.work_done, planned=planned)
        )
        self.figures["skipped"].setText(str(record.work_skipped))
        self.figures["back"].setText(pain_change(record.pain_before, record.pain_after, "back"))
        self.figures["leg"].setText(pain_change(record.pain_before, record.pain_after, "leg"))

"""The Today screen: this week against the plan, the last session, and a quick start."""

from __future__ import annotations

import logging
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core.library_text import shown_routine_name
from sciatica_coach.core.records import LogError
from sciatica_coach.core.words import (
    day_heading,
    describe_duration,
    outcome_label,
    pain_change,
    prescription_line,
)
from sciatica_coach.i18n import _
from sciatica_coach.ui.dialog_parts import scrolling
from sciatica_coach.ui.plain_text import button_text, plain_label, plain_tooltip
from sciatica_coach.ui.suggestions import SuggestionList

if TYPE_CHECKING:
    from sciatica_coach.core.catalog import Routine
    from sciatica_coach.core.coach import CoachView
    from sciatica_coach.core.library import Library
    from sciatica_coach.core.log import SessionLog
    from sciatica_coach.core.records import SessionRecord

logger = logging.getLogger(__name__)

SUGGESTED = ("gentle-start", "daily-mobility", "core-stability", "strength", "balance")


def routine_minutes(routine: Routine) -> int:
    """How long ``routine`` takes, in whole minutes, as its buttons and lists say."""
    from sciatica_coach.core.timeline import expand_routine

    return round(expand_routine(routine).total_seconds / 60)


def week_line(done: int, planned: int) -> str:
    """``●●○○○  2 of 5 sessions this week``."""
    dots = "●" * min(done, planned) + "○" * max(0, planned - done)
    if done > planned:
        words = _("{done} of {planned} sessions this week (+{extra})").format(
            done=done, planned=planned, extra=done - planned
        )
    else:
        words = _("{done} of {planned} sessions this week").format(done=done, planned=planned)
    return f"{dots}   {words}"


class TodayView(QWidget):
    start_requested = Signal(str)
    browse_requested = Signal()
    morning_requested = Signal(object)  # the SessionRecord whose morning to check
    suggestion_decided = Signal(object, str)
    warning_signs_requested = Signal()

    def __init__(self, library: Library, log: SessionLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.log = log
        self.heading = plain_label()
        self.week = plain_label()
        self.last = plain_label()  # names the last routine, which may come from a user file
        self.last.setWordWrap(True)
        self.heading.setWordWrap(True)
        self.week.setWordWrap(True)
        for label, size, bold in ((self.heading, 26, True), (self.week, 18, False)):
            font = QFont(label.font())
            font.setPointSize(size)
            font.setBold(bold)
            label.setFont(font)
        last_font = QFont(self.last.font())
        last_font.setPointSize(14)
        self.last.setFont(last_font)
        self.quick = QGridLayout()
        self.quick.setSpacing(12)
        browse = QPushButton(_("All routines…"))
        browse.setMinimumHeight(40)
        browse_font = QFont(browse.font())
        browse_font.setPointSize(13)
        browse.setFont(browse_font)
        browse.clicked.connect(self.browse_requested)
        # The page scrolls when the coach has a lot to say or the window is small.
        content = QWidget()
        scroller = scrolling(content, _("Today"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroller)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.heading)
        # What a clinician's routine says about who gave it and when to review it.
        self.prescriptions = plain_label()
        self.prescriptions.setWordWrap(True)
        layout.addWidget(self.prescriptions)
        layout.addWidget(self.week)
        layout.addWidget(self.last)
        layout.addSpacing(8)
        layout.addWidget(self._build_coach())
        layout.addSpacing(8)
        start_label = QLabel(_("Start a routine"))
        start_font = QFont(start_label.font())
        start_font.setPointSize(16)
        start_font.setBold(True)
        start_label.setFont(start_font)
        layout.addWidget(start_label)
        layout.addLayout(self.quick)
        layout.addWidget(browse, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        self._fill_quick_starts()

    def _build_coach(self) -> QWidget:
        """The morning question, "Start here" and the coach's suggestions."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self._morning_record: SessionRecord | None = None
        self.morning_button = QPushButton()
        self.morning_button.setMinimumHeight(44)
        morning_font = QFont(self.morning_button.font())
        morning_font.setPointSize(13)
        self.morning_button.setFont(morning_font)
        self.morning_button.clicked.connect(
            lambda: self.morning_requested.emit(self._morning_record)
        )
        self.morning_button.hide()
        self._start_here_id = ""
        self.start_here_button = QPushButton()
        self.start_here_button.setMinimumHeight(56)
        font = QFont(self.start_here_button.font())
        font.setPointSize(15)
        font.setBold(True)
        self.start_here_button.setFont(font)
        self.start_here_button.clicked.connect(
            lambda: self.start_requested.emit(self._start_here_id)
        )
        self.start_here_why = plain_label()
        self.start_here_why.setWordWrap(True)
        why_font = QFont(self.start_here_why.font())
        why_font.setPointSize(13)
        self.start_here_why.setFont(why_font)
        self.suggestions = SuggestionList()
        self.suggestions.decided.connect(self.suggestion_decided)
        self.suggestions.warning_signs_requested.connect(self.warning_signs_requested)
        for widget in (self.morning_button, self.start_here_button):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.start_here_why)
        layout.addWidget(self.suggestions)
        return box

    def show_coach(self, view: CoachView | None, *, keep_note: bool = False) -> None:
        """What the coach has to say today; None (the log could not be read) hides it.
        ``keep_note`` keeps the line saying what became of the suggestion just answered."""
        due = view.morning_due if view else None
        self._morning_record = due
        if due is not None:
            self.morning_button.setText(_("How is your leg this morning?"))
            about = _("About {routine}, {day}").format(
                routine=shown_routine_name(due.routine_id, due.routine_name),
                day=day_heading(due.local_date),
            )
            self.morning_button.setToolTip(plain_tooltip(about))
            self.morning_button.setAccessibleDescription(about)
        self.morning_button.setVisible(due is not None)
        start = view.start_here if view else None
        routine = self.library.find(start.routine_id) if start else None
        if start is not None and routine is not None:
            self._start_here_id = routine.id
            self.start_here_button.setText(
                button_text(
                    _("Start here: {routine} · {minutes} min").format(
                        routine=routine.name, minutes=routine_minutes(routine)
                    )
                )
            )
            self.start_here_why.setText(start.why)
        self.start_here_button.setVisible(routine is not None)
        self.start_here_why.setVisible(routine is not None)
        noted = self.suggestions.noted.text() if keep_note else ""
        self.suggestions.show_suggestions(view.suggestions if view else (), noted=noted)

    def set_library(self, library: Library) -> None:
        """Show the routines of ``library`` (read again, or read for the first time)."""
        self.library = library
        while self.quick.count():
            item = self.quick.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self._fill_quick_starts()

    def show_heading(self, today: date) -> None:
        """Only the day's heading: the page as it is first painted, before the log is read
        (``refresh`` fills in the rest)."""
        self.heading.setText(_("Today, {day}").format(day=day_heading(today)))
        self.prescriptions.hide()
        for widget in (self.start_here_button, self.start_here_why, self.morning_button):
            widget.hide()

    def _fill_quick_starts(self) -> None:
        chosen = [self.library.find(i) for i in SUGGESTED]
        routines = [r for r in chosen if r is not None]
        routines += [r for r in self.library.routines.values() if not r.builtin][:3]
        for index, routine in enumerate(routines):
            button = QPushButton(
                button_text(
                    _("{routine}\n{minutes} min").format(
                        routine=routine.name, minutes=routine_minutes(routine)
                    )
                )
            )
            button.setMinimumSize(160, 72)
            font = QFont(button.font())
            font.setPointSize(14)
            button.setFont(font)
            button.clicked.connect(lambda _=False, rid=routine.id: self.start_requested.emit(rid))
            self.quick.addWidget(button, index // 2, index % 2)

    def show_prescriptions(self, today: date) -> None:
        """One line for each routine a clinician gave: who from, and the review date (or that
        it has passed)."""
        lines: list[str] = []
        for routine in self.library.routines.values():
            if routine.prescription is not None:
                line = prescription_line(routine.prescription, today)
                if line:
                    lines.append(f"{routine.name}: {line}")
        self.prescriptions.setText("\n".join(lines))
        self.prescriptions.setVisible(bool(lines))

    def refresh(self, today: date, *, keep_note: bool = False) -> None:
        from sciatica_coach.core import coach, stats

        self.heading.setText(_("Today, {day}").format(day=day_heading(today)))
        self.show_prescriptions(today)
        try:
            view = coach.look(self.log, self.library.routines, today)
            self.show_coach(view, keep_note=keep_note)
        except LogError as error:
            logger.error("The coach could not read the log: %s", error)
            self.show_coach(None)
        week = stats.week_of(self.log, today)
        self.week.setText(week_line(week.sessions_done, week.planned))
        self.week.setAccessibleName(week_line(week.sessions_done, week.planned).lstrip("●○ "))
        recent = self.log.sessions(limit=1)
        if not recent:
            self.last.setText(_("No sessions yet. Pick a routine below to make a start."))
            return
        last = recent[0]
        when = day_heading(last.local_date)
        outcome = outcome_label(last.status, last.stop_reason)
        self.last.setText(
            _("Last session: {routine}, {day}, {duration} ({outcome}). Leg pain {leg}.").format(
                routine=shown_routine_name(last.routine_id, last.routine_name),
                day=when,
                duration=describe_duration(last.active_seconds),
                outcome=outcome[:1].lower() + outcome[1:],
                leg=pain_change(last.pain_before, last.pain_after, "leg"),
            )
        )

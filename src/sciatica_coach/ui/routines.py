"""Pick a routine: built-ins and the user's own, with what is in each and how long it takes."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core.catalog import Routine
from sciatica_coach.core.library import Library
from sciatica_coach.core.timeline import expand_routine
from sciatica_coach.core.words import dose_words, first_caution, level_words
from sciatica_coach.ui.plain_text import plain_label


def routine_minutes(routine: Routine) -> int:
    return round(expand_routine(routine).total_seconds / 60)


def routine_contents(routine: Routine) -> str:
    """Each exercise with its dose, and under it the caution that matters most."""
    lines = []
    for number, block in enumerate(routine.blocks, 1):
        lines.append(f"{number}.  {block.exercise.name} — {dose_words(block.dose)}")
        caution = first_caution(block.exercise)
        if caution:
            lines.append(f"      {caution}")
    return "\n".join(lines)


def routine_audience(routine: Routine) -> str:
    """Who the routine is for and who should leave it, as the routine file says."""
    parts = []
    if routine.who_for:
        parts.append(f"Who it is for: {routine.who_for}")
    if routine.not_for:
        parts.append(f"Not for: {routine.not_for}")
    return "\n\n".join(parts)


class RoutinesView(QWidget):
    """List on the left, details on the right; Start asks the main window to begin."""

    start_requested = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.list = QListWidget()
        self.list.setMinimumWidth(240)
        self.list.currentItemChanged.connect(self._show_current)
        self.list.itemActivated.connect(lambda _item: self._start_current())
        # A user's routine names itself, its file and its exercises: all shown as text.
        self.title = plain_label()
        title_font = QFont(self.font())
        title_font.setPointSize(22)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.facts = plain_label()
        self.description = plain_label()
        self.description.setWordWrap(True)
        self.audience = plain_label()
        self.audience.setWordWrap(True)
        self.exercises = plain_label()
        self.exercises.setWordWrap(True)
        self.exercises.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        for label in (self.facts, self.description, self.audience, self.exercises):
            font = QFont(label.font())
            font.setPointSize(13)
            label.setFont(font)
        self.start_button = QPushButton("Start this routine")
        self.start_button.setMinimumHeight(48)
        start_font = QFont(self.start_button.font())
        start_font.setPointSize(15)
        start_font.setBold(True)
        self.start_button.setFont(start_font)
        self.start_button.clicked.connect(self._start_current)
        self.problems_label = plain_label()
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # The words scroll; the Start button stays in view below them.
        words = QWidget()
        words_layout = QVBoxLayout(words)
        words_layout.addWidget(self.title)
        words_layout.addWidget(self.facts)
        words_layout.addWidget(self.description)
        words_layout.addWidget(self.audience)
        words_layout.addSpacing(8)
        words_layout.addWidget(self.exercises)
        words_layout.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(words)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(scroller, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.start_button)
        detail_layout.addLayout(row)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problems_label)
        self.set_library(library)

    def set_library(self, library: Library) -> None:
        self.library = library
        self.list.clear()
        ordered = sorted(library.routines.values(), key=lambda r: (not r.builtin, r.level, r.name))
        for routine in ordered:
            mark = "" if routine.builtin else "  (yours)"
            item = QListWidgetItem(f"{routine.name}{mark}\n{routine_minutes(routine)} min")
            item.setData(Qt.ItemDataRole.UserRole, routine.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        if library.problems:
            lines = "\n".join(f"• {p}" for p in library.problems[:8])
            more = len(library.problems) - 8
            extra = f"\n… and {more} more" if more > 0 else ""
            self.problems_label.setText(f"Some routine files were skipped:\n{lines}{extra}")
            self.problems_label.show()
        else:
            self.problems_label.hide()

    def select(self, routine_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == routine_id:
                self.list.setCurrentRow(row)

    def current_routine(self) -> Routine | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return self.library.find(item.data(Qt.ItemDataRole.UserRole))

    def _show_current(self) -> None:
        routine = self.current_routine()
        self.start_button.setEnabled(routine is not None)
        if routine is None:
            self.title.setText("No routines")
            return
        self.title.setText(routine.name)
        source = "built-in" if routine.builtin else f"your routine ({routine.source})"
        level = level_words(routine.level)
        self.facts.setText(f"{routine_minutes(routine)} minutes · level {level} · {source}")
        self.description.setText(routine.description)
        audience = routine_audience(routine)
        self.audience.setText(audience)
        self.audience.setVisible(bool(audience))
        self.exercises.setText(routine_contents(routine))

    def _start_current(self) -> None:
        routine = self.current_routine()
        if routine is not None:
            self.start_requested.emit(routine.id)

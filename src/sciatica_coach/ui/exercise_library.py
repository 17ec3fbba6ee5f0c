"""The Exercise library: every exercise, built-in or from the user's routines, found by name,
group, position, level and direction of movement, with its moving picture, how to do it,
what to take care of, and a button to practise it on its own."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QHideEvent, QPalette, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core.catalog import GROUPS, POSITIONS, SPINAL_DIRECTIONS, Dose, Exercise
from sciatica_coach.core.exercise_search import (
    ExerciseFilter,
    all_exercises,
    find_exercises,
    practice_routine,
)
from sciatica_coach.core.library import Library
from sciatica_coach.core.words import (
    LEVEL_WORDS,
    direction_words,
    dose_words,
    equipment_words,
    group_words,
    level_words,
    position_words,
    shown_count,
)
from sciatica_coach.i18n import N_, _
from sciatica_coach.illustrations import motion_phase
from sciatica_coach.ui.dialog_parts import (
    BASE_POINT_SIZE,
    HEADING_POINT_SIZE,
    TITLE_POINT_SIZE,
    scaled,
    scrolling,
    sized_label,
)
from sciatica_coach.ui.illustration import IllustrationView
from sciatica_coach.ui.plain_text import plain_tooltip
from sciatica_coach.ui.settings_keys import ANIMATED_KEY
from sciatica_coach.ui.settings_values import read_flag

# About 20 frames a second: smooth enough for a slow movement, and idle when the page is hidden.
ANIMATION_INTERVAL_MS = 50
# A hold is shown as a loop: into the pose, a still moment there, and back out.
HOLD_LOOP_SECONDS = 6.0
HOLD_LOOP_STILL_SECONDS = 3.0
LIST_POINT_SIZE = 12.0
FILTER_COLUMN_WIDTH = 290
FILTER_COLUMN_MIN_WIDTH = 250
FILTER_COLUMN_SHARE = 0.4
PICTURE_SHARE = 0.36
NO_BREAK_SPACE = "\u00a0"
PICTURE_MIN_HEIGHT = 150
PICTURE_MAX_HEIGHT = 320
NOTHING_MATCHES = N_("No exercise matches. Try fewer words or clear the filters.")


def preview_phase(dose: Dose, seconds: float) -> float:
    """The phase of the picture ``seconds`` into the library's endless preview of a movement.

    Reps move as they would in a session (at their tempo, or the self-paced pace); a hold,
    which in a session stays in its pose, goes in and out again so the movement can be seen.
    """
    if dose.mode == "hold":
        return motion_phase(
            "reps", seconds, tempo=HOLD_LOOP_SECONDS, hold_seconds=HOLD_LOOP_STILL_SECONDS
        )
    return motion_phase("reps", seconds, tempo=dose.tempo, hold_seconds=None)


class ExerciseLibraryView(QWidget):
    """Search and filters with the matching list on the left, the chosen exercise on the right.

    ``practice_requested`` carries a one-exercise Routine (`practice_routine`) for the main
    window to start. The picture moves only while the page is on screen.
    """

    practice_requested = Signal(object)

    def __init__(
        self,
        library: Library,
        settings: QSettings,
        clock: Callable[[], float] = time.monotonic,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._clock = clock
        self._exercises: list[Exercise] = []
        self._by_id: dict[str, Exercise] = {}
        self._own: set[str] = set()
        self._shown: Exercise | None = None
        self._since = 0.0
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(ANIMATION_INTERVAL_MS)
        self.timer.timeout.connect(self.advance)
        self._build_filters()
        self._build_detail()
        self._lay_out()
        self.set_library(library)

    # -- construction -----------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search by name"))
        self.search.setAccessibleName(_("Search exercises by name"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.apply_filter)
        self.search.returnPressed.connect(self._go_to_list)
        self.group = self._filter_box(_("Filter by group"), [(g, group_words(g)) for g in GROUPS])
        self.position = self._filter_box(
            _("Filter by position"), [(p, position_words(p)) for p in POSITIONS]
        )
        self.level = self._filter_box(
            _("Filter by level"), [(n, level_words(n)) for n in sorted(LEVEL_WORDS)]
        )
        directions = [(d, direction_words(d)) for d in SPINAL_DIRECTIONS]
        self.direction = self._filter_box(_("Filter by direction of movement"), directions)
        self.clear_button = QPushButton(_("Clear filters"))
        self.clear_button.setAccessibleName(_("Clear the search and every filter"))
        self.clear_button.clicked.connect(self.clear_filters)
        self.count_label = QLabel()
        self.list = QListWidget()
        self.list.setAccessibleName(_("Matching exercises"))
        self.list.setMinimumHeight(96)
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        list_font = QFont(self.list.font())
        list_font.setPointSizeF(scaled(LIST_POINT_SIZE))
        self.list.setFont(list_font)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.empty_label = sized_label(_(NOTHING_MATCHES), BASE_POINT_SIZE)
        self.empty_label.hide()

    def _filter_box(self, name: str, options: Sequence[tuple[object, str]]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.addItem(_("Any"), None)
        for value, words in options:
            box.addItem(words, value)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(12)
        box.currentIndexChanged.connect(lambda _index: self.apply_filter())
        return box

    def _build_detail(self) -> None:
        self.title = sized_label("", TITLE_POINT_SIZE, bold=True)
        self.illustration = IllustrationView()
        self.illustration.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.illustration.setFixedHeight(PICTURE_MAX_HEIGHT)
        self.facts = sized_label("", BASE_POINT_SIZE)
        self.cues_heading = sized_label(_("How to do it"), HEADING_POINT_SIZE, bold=True)
        self.cues = sized_label("", BASE_POINT_SIZE)
        self.cautions_heading = sized_label(_("Take care"), HEADING_POINT_SIZE, bold=True)
        self.cautions = sized_label("", BASE_POINT_SIZE)
        self.easier = sized_label("", BASE_POINT_SIZE)
        self.harder = sized_label("", BASE_POINT_SIZE)
        for label in (self.cues, self.cautions, self.easier, self.harder, self.facts):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.practise_button = QPushButton(_("Practise this exercise"))
        self.practise_button.setAccessibleName(_("Practise this exercise on its own"))
        self.practise_button.setMinimumHeight(44)
        font = QFont(self.practise_button.font())
        font.setPointSizeF(scaled(BASE_POINT_SIZE + 1))
        font.setBold(True)
        self.practise_button.setFont(font)
        self.practise_button.setAutoDefault(True)
        self.practise_button.clicked.connect(self.practise)

    def _lay_out(self) -> None:
        filters = QFormLayout()
        filters.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, box in (
            (_("&Group"), self.group),
            (_("&Position"), self.position),
            (_("&Level"), self.level),
            (_("&Direction"), self.direction),
        ):
            filters.addRow(label, box)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.clear_button)
        # A width set by the window's alone (see resizeEvent), so the list does not jump about
        # as the chosen exercise changes.
        self.filter_column = left = QWidget()
        left.setFixedWidth(FILTER_COLUMN_WIDTH)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addLayout(count_row)
        left_layout.addWidget(self.empty_label)
        left_layout.addWidget(self.list, 1)
        left_layout.addStretch(0)  # takes up the room when the list is hidden

        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        body_layout.addWidget(self.title)
        body_layout.addWidget(self.illustration)
        body_layout.addWidget(self.facts)
        body_layout.addSpacing(6)
        body_layout.addWidget(self.cues_heading)
        body_layout.addWidget(self.cues)
        body_layout.addWidget(self.cautions_heading)
        body_layout.addWidget(self.cautions)
        body_layout.addWidget(self.easier)
        body_layout.addWidget(self.harder)
        body_layout.addStretch(1)
        self.detail_scroll = scrolling(body, _("About this exercise"))
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.practise_button)
        right = QVBoxLayout()
        right.addWidget(self.detail_scroll, 1)
        right.addLayout(button_row)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(20)
        layout.addWidget(left)
        layout.addLayout(right, 1)
        for first, second in (
            (self.search, self.group),
            (self.group, self.position),
            (self.position, self.level),
            (self.level, self.direction),
            (self.direction, self.clear_button),
            (self.clear_button, self.list),
            (self.list, self.practise_button),
            (self.practise_button, self.detail_scroll),
        ):
            QWidget.setTabOrder(first, second)

    # -- what callers can do ----------------------------------------------------------------

    def set_library(self, library: Library) -> None:
        """List ``library``'s exercises: the built-in ones and those defined in routines."""
        self._exercises = all_exercises(library)
        self._by_id = {e.id: e for e in self._exercises}
        self._own = {e.id for e in self._exercises if e.id not in library.exercises}
        self.apply_filter()

    def current_filter(self) -> ExerciseFilter:
        return ExerciseFilter(
            text=self.search.text() or None,
            group=self.group.currentData(),
            position=self.position.currentData(),
            level=self.level.currentData(),
            direction=self.direction.currentData(),
        )

    def apply_filter(self) -> None:
        """List the exercises matching the search and filters, keeping the chosen one if it
        still matches."""
        wanted = self.current_filter()
        matching = find_exercises(self._exercises, wanted)
        keep = self._shown.id if self._shown is not None else None
        self.list.blockSignals(True)
        self.list.clear()
        group = None
        for exercise in matching:
            if exercise.group != group:
                group = exercise.group
                self.list.addItem(self._heading_item(group))
            item = QListWidgetItem(self._item_text(exercise))
            item.setData(Qt.ItemDataRole.UserRole, exercise.id)
            item.setToolTip(plain_tooltip(position_words(exercise.position)))
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not (keep is not None and self.select(keep)):
            first = next(iter(self._rows()), None)
            self.list.setCurrentRow(-1 if first is None else first)
        self._show_current()
        self.count_label.setText(shown_count(len(matching), len(self._exercises), "exercise"))
        self.empty_label.setVisible(not matching)
        self.list.setVisible(bool(matching))
        self.clear_button.setEnabled(not wanted.is_empty)

    def clear_filters(self) -> None:
        for box in (self.group, self.position, self.level, self.direction):
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()
        self.search.setFocus()

    def shown_ids(self) -> list[str]:
        """The ids listed, top to bottom (the group headings between them left out)."""
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in self._rows()]

    def headings(self) -> list[str]:
        """The group headings listed, top to bottom."""
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item.text() for item in items if item.data(Qt.ItemDataRole.UserRole) is None]

    def select(self, exercise_id: str) -> bool:
        for row in self._rows():
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == exercise_id:
                self.list.setCurrentRow(row)
                return True
        return False

    @property
    def current_exercise(self) -> Exercise | None:
        return self._shown

    def practise(self) -> None:
        """Ask for a session of the chosen exercise alone."""
        if self._shown is not None:
            self.practice_requested.emit(practice_routine(self._shown))

    def refresh(self) -> None:
        """Read the animation setting again (the page is shown anew)."""
        self.set_animated(read_flag(self.settings, ANIMATED_KEY, True))

    def set_animated(self, on: bool) -> None:
        """Off: a still of the movement's end pose with its start ghosted, and no timer."""
        self.illustration.set_animated(on)
        self._run_timer()

    def advance(self) -> None:
        """Move the picture to where the preview loop is now."""
        if self._shown is not None:
            self.illustration.set_phase(
                preview_phase(self._shown.dose, self._clock() - self._since)
            )

    # -- Qt ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        # The picture takes a good share of a tall window and leaves a short one room to read;
        # a narrow window gives the filters a little less room and the exercise a little more.
        share = round(self.height() * PICTURE_SHARE)
        self.illustration.setFixedHeight(max(PICTURE_MIN_HEIGHT, min(PICTURE_MAX_HEIGHT, share)))
        column = round(self.width() * FILTER_COLUMN_SHARE)
        self.filter_column.setFixedWidth(
            max(FILTER_COLUMN_MIN_WIDTH, min(FILTER_COLUMN_WIDTH, column))
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    # -- internals --------------------------------------------------------------------------

    def _go_to_list(self) -> None:
        self.list.setFocus()

    def _rows(self) -> list[int]:
        """The rows that hold exercises, not group headings."""
        return [
            row
            for row in range(self.list.count())
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) is not None
        ]

    def _heading_item(self, group: str) -> QListWidgetItem:
        # Not selectable nor enabled: the arrow keys and Home pass over it.
        item = QListWidgetItem(group_words(group))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.list.font())
        font.setBold(True)
        item.setFont(font)
        palette = self.list.palette()
        item.setForeground(palette.color(QPalette.ColorRole.WindowText))
        item.setBackground(palette.color(QPalette.ColorRole.Window))
        return item

    def _item_text(self, exercise: Exercise) -> str:
        if exercise.id in self._own:
            return _("{name}  (yours)").format(name=exercise.name)
        return exercise.name

    def _run_timer(self) -> None:
        wanted = (
            self.isVisible()
            and self.illustration.animated
            and self._shown is not None
            and self.illustration.showing_builtin
        )
        if wanted and not self.timer.isActive():
            self.timer.start()
        elif not wanted:
            self.timer.stop()

    def _show_current(self) -> None:
        item = self.list.currentItem()
        exercise = self._by_id.get(item.data(Qt.ItemDataRole.UserRole)) if item else None
        if exercise is self._shown and exercise is not None:
            return
        self._shown = exercise
        self._since = self._clock()
        self.practise_button.setEnabled(exercise is not None)
        if exercise is None:
            self.title.setText(_("No exercise chosen"))
            self.illustration.show_exercise(None)
            for widget in self._details():
                widget.hide()
            self._run_timer()
            return
        self.title.setText(exercise.name)
        self.illustration.show_exercise(exercise.illustration, image=exercise.image)
        self.illustration.setAccessibleDescription(
            _("Picture of {exercise}").format(exercise=exercise.name)
        )
        self.facts.setText(self._facts(exercise))
        self.cues.setText("\n".join(f"•  {cue}" for cue in exercise.cues))
        self.cautions.setText("\n".join(f"•  {caution}" for caution in exercise.cautions))
        self.easier.setText(
            _("Easier: {how}").format(how=exercise.easier) if exercise.easier else ""
        )
        self.harder.setText(
            _("Harder: {how}").format(how=exercise.harder) if exercise.harder else ""
        )
        for widget in (self.illustration, self.facts, self.cues_heading, self.cues):
            widget.show()
        self.cautions_heading.setVisible(bool(exercise.cautions))
        self.cautions.setVisible(bool(exercise.cautions))
        self.easier.setVisible(bool(exercise.easier))
        self.harder.setVisible(bool(exercise.harder))
        self.detail_scroll.verticalScrollBar().setValue(0)
        self.advance()
        self._run_timer()

    def _details(self) -> tuple[QWidget, ...]:
        return (
            self.illustration,
            self.facts,
            self.cues_heading,
            self.cues,
            self.cautions_heading,
            self.cautions,
            self.easier,
            self.harder,
        )

    def _facts(self, exercise: Exercise) -> str:
        parts = [
            group_words(exercise.group),
            position_words(exercise.position),
            _("Level {level}").format(level=level_words(exercise.level)),
        ]
        if exercise.id in self._own:
            parts.append(_("Your own exercise"))
        # A narrow window breaks the line between facts, never inside one.
        where = " · ".join(part.replace(" ", NO_BREAK_SPACE) for part in parts)
        lines = (
            where,
            _("Movement: {direction}").format(direction=direction_words(exercise.spinal_direction)),
            _("Equipment: {equipment}").format(equipment=equipment_words(exercise.equipment)),
            _("Dose: {dose}").format(dose=dose_words(exercise.dose)),
        )
        return "\n".join(lines)

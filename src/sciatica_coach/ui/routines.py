"""Pick a routine: built-ins and the user's own, with what is in each and how long it takes.

Under each exercise the page says what the user's own records say about it: the ways of
moving their symptom profile marks as "may make your leg worse", and how often the leg was
worse after it lately, with a button that writes the user's own copy of the routine without
it (core/routine_copy). The user may hide the marked exercises: the choice is stored under
HIDE_AGGRAVATING_KEY, and the session flow leaves them out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core.catalog import Block, Routine
from sciatica_coach.core.coaching import ExerciseFlag
from sciatica_coach.core.library import Library
from sciatica_coach.core.outputs import OutputError
from sciatica_coach.core.routine_copy import copy_target, marked_exercises, write_copy_without
from sciatica_coach.core.routine_writer import (
    RoutineDraft,
    delete_routine_file,
    draft_from_routine,
    duplicate_draft,
    new_draft,
    restore_routine_file,
    unique_id,
)
from sciatica_coach.core.words import (
    direction_warnings,
    dose_words,
    first_caution,
    leave_out_done,
    leave_out_label,
    leave_out_question,
    level_words,
    saved_where,
    worse_lately,
)
from sciatica_coach.i18n import N_, _
from sciatica_coach.ui.colours import warning_colour
from sciatica_coach.ui.plain_text import plain_label, plain_tooltip, show_warning
from sciatica_coach.ui.routine_editor import RoutineEditor
from sciatica_coach.ui.settings_keys import HIDE_AGGRAVATING_KEY
from sciatica_coach.ui.settings_values import read_flag
from sciatica_coach.ui.today import routine_minutes

HIDE_LABEL = N_("&Hide exercises that may make my leg worse")
HIDDEN_NOTE = N_("Left out of your sessions.")
ALL_MARKED = N_(
    "Every exercise in this routine may make your leg worse. You may want another routine today."
)
LEAVE_OUT_TITLE = N_("Leave an exercise out")
EDIT_TITLE = N_("Change a routine")
DELETE_TITLE = N_("Delete a routine")
UNDER_INDENT = 30  # pixels: the lines under an exercise's name start under the name


def routine_audience(routine: Routine) -> str:
    """Who the routine is for and who should leave it, as the routine file says."""
    parts = []
    if routine.who_for:
        parts.append(_("Who it is for: {who}").format(who=routine.who_for))
    if routine.not_for:
        parts.append(_("Not for: {who}").format(who=routine.not_for))
    return "\n\n".join(parts)


class ExerciseLines(QWidget):
    """The routine's exercises, one under the other: each with its dose, its first caution,
    and the marks from the user's own records; ``text()`` is all of it, line by line."""

    leave_out_requested = Signal(str)  # an exercise id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._body = QWidget()
        self._new_body = self._body
        self._layout = QVBoxLayout(self._body)
        self._outer.addWidget(self._body)
        self._lines: list[QLabel] = []
        self.buttons: dict[str, QPushButton] = {}

    def text(self) -> str:
        """Every line shown, the lines under an exercise's name indented."""
        return "\n".join(
            ("      " if label.property("under") else "") + label.text() for label in self._lines
        )

    def show_routine(
        self,
        routine: Routine,
        aggravating: frozenset[str],
        flags: Sequence[ExerciseFlag],
        hide_marked: bool,
    ) -> None:
        self._start_body()
        flagged = {flag.exercise_id: flag for flag in flags}
        marked = marked_exercises(routine, aggravating)
        hidden = marked if hide_marked else frozenset()
        every = {b.exercise.id for b in routine.blocks}
        if marked == every:
            self._add(_(ALL_MARKED), kind="warning", under=False)
        several = len(every) > 1
        for number, block in enumerate(routine.blocks, 1):
            self._add_block(number, block, aggravating, flagged, block.exercise.id in hidden)
            flag = flagged.get(block.exercise.id)
            if flag is not None and several and flag.exercise_id not in self.buttons:
                self._add_button(flag)
        self._swap_body()

    def _add_block(
        self,
        number: int,
        block: Block,
        aggravating: frozenset[str],
        flagged: dict[str, ExerciseFlag],
        hidden: bool,
    ) -> None:
        exercise = block.exercise
        if number > 1:
            self._layout.addSpacing(8)
        name = self._add(
            f"{number}.  {exercise.name} — {dose_words(block.dose)}", kind="name", under=False
        )
        caution = first_caution(exercise)
        if caution:
            self._add(caution)
        for mark in direction_warnings(exercise.spinal_direction, aggravating):
            self._add(mark, kind="warning")
        flag = flagged.get(exercise.id)
        if flag is not None:
            self._add(worse_lately(flag), kind="warning")
        if hidden:
            font = QFont(name.font())
            font.setStrikeOut(True)
            name.setFont(font)
            for label in self._lines[self._lines.index(name) :]:
                label.setEnabled(False)  # greyed in any palette
            self._add(_(HIDDEN_NOTE))

    def _add(self, text: str, kind: str = "", *, under: bool = True) -> QLabel:
        label = plain_label(text)
        label.setWordWrap(True)
        label.setProperty("under", under)
        if under:  # a margin, not spaces, so a wrapped line keeps the indent
            label.setContentsMargins(UNDER_INDENT, 0, 0, 0)
        font = QFont(label.font())
        font.setPointSize(13)
        if kind == "name":
            font.setBold(True)
        label.setFont(font)
        if kind == "warning":
            label.setStyleSheet(f"color: {warning_colour(label.palette())};")
        self._layout.addWidget(label)
        self._lines.append(label)
        return label

    def _add_button(self, flag: ExerciseFlag) -> None:
        # The name comes from the log, which a user's routine may have named: a button's
        # text is never read as markup.
        button = QPushButton(leave_out_label(flag.name).replace("&", "&&"))
        button.clicked.connect(lambda: self.leave_out_requested.emit(flag.exercise_id))
        row = QHBoxLayout()
        row.setContentsMargins(UNDER_INDENT, 2, 0, 0)
        row.addWidget(button)
        row.addStretch(1)
        self._layout.addLayout(row)
        self.buttons[flag.exercise_id] = button

    def _start_body(self) -> None:
        """A new, empty body to fill, not yet in the window."""
        self._lines.clear()
        self.buttons.clear()
        self._new_body = QWidget()
        self._layout = QVBoxLayout(self._new_body)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)

    def _swap_body(self) -> None:
        """Show the filled body in place of the old one, which goes with all it holds.

        Filled before it is shown, every line and button is visible at once (a child added
        to a shown widget shows only when the event loop next runs, and Tab may come first).
        """
        old, self._body = self._body, self._new_body
        self._outer.replaceWidget(old, self._body)
        self._body.show()
        old.hide()
        old.deleteLater()


class RoutinesView(QWidget):
    """List on the left, details on the right; Start asks the main window to begin.

    With ``routines_dir`` (the data folder's ``routines/``) a flagged exercise can be left
    out of a routine: `copy_written` then says which routine's file changed, so the main
    window can load the library again (and give it back through `set_library`).
    """

    start_requested = Signal(str)
    copy_written = Signal(str)  # a routine id
    file_saved = Signal(Path)  # a routine file the editor wrote

    def __init__(
        self,
        library: Library,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
        routines_dir: Path | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.routines_dir = routines_dir
        self.today = today
        self.aggravating: frozenset[str] = frozenset()
        self.flags: list[ExerciseFlag] = []
        # Asked before a file is written; tests answer for the user.
        self.confirm_leave_out: Callable[[str], bool] = self._ask_leave_out
        self.list = QListWidget()
        self.list.setAccessibleName(_("Routines"))
        self.list.setMinimumWidth(190)
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
        self.facts.setWordWrap(True)
        self.description = plain_label()
        self.description.setWordWrap(True)
        self.audience = plain_label()
        self.audience.setWordWrap(True)
        self.notice = plain_label()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.exercises = ExerciseLines()
        self.exercises.leave_out_requested.connect(self.leave_out)
        for label in (self.facts, self.description, self.audience, self.notice):
            font = QFont(label.font())
            font.setPointSize(13)
            label.setFont(font)
        self.start_button = QPushButton(_("Start this routine"))
        self.start_button.setMinimumHeight(48)
        start_font = QFont(self.start_button.font())
        start_font.setPointSize(15)
        start_font.setBold(True)
        self.start_button.setFont(start_font)
        self.start_button.clicked.connect(self._start_current)
        self.hide_marked = QCheckBox(_(HIDE_LABEL))
        self.hide_marked.setToolTip(
            _(
                "Exercises that move the way your symptom profile says may make your leg worse "
                "are left out of your sessions."
            )
        )
        hidden = read_flag(settings, HIDE_AGGRAVATING_KEY, False) if settings else False
        self.hide_marked.setChecked(hidden)
        self.hide_marked.setVisible(False)
        self.hide_marked.toggled.connect(self._set_hide_marked)
        self.problems_label = plain_label()
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # The words scroll; the Start button stays in view below them.
        words = QWidget()
        words_layout = QVBoxLayout(words)
        words_layout.addWidget(self.notice)
        words_layout.addWidget(self.title)
        words_layout.addWidget(self.facts)
        words_layout.addWidget(self.description)
        words_layout.addWidget(self.audience)
        words_layout.addSpacing(8)
        # Beside the exercises it acts on; it shows only when the profile marks a direction.
        words_layout.addWidget(self.hide_marked)
        words_layout.addWidget(self.exercises)
        words_layout.addStretch(1)
        scroller = QScrollArea()
        scroller.setAccessibleName(_("About this routine"))
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
        self.new_button = QPushButton(_("&New"))
        self.new_button.clicked.connect(self.new_routine)
        self.duplicate_button = QPushButton(_("D&uplicate"))
        self.duplicate_button.clicked.connect(self.duplicate_routine)
        self.edit_button = QPushButton(_("&Change"))
        self.edit_button.clicked.connect(self.edit_routine)
        self.delete_button = QPushButton(_("&Delete"))
        self.delete_button.clicked.connect(self.delete_routine)
        for button in (self.new_button, self.duplicate_button, self.edit_button):
            button.setEnabled(routines_dir is not None)
        actions = QGridLayout()  # two by two: the list stays narrow
        for index, button in enumerate(
            (self.new_button, self.duplicate_button, self.edit_button, self.delete_button)
        ):
            actions.addWidget(button, index // 2, index % 2)
        chooser = QWidget()
        chooser_layout = QVBoxLayout(chooser)
        chooser_layout.setContentsMargins(0, 0, 0, 0)
        chooser_layout.addWidget(self.list, 1)
        chooser_layout.addLayout(actions)
        self.undo_note = plain_label()
        self.undo_button = QPushButton(_("&Undo"))
        self.undo_button.clicked.connect(self.undo_delete)
        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_note, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar = QWidget()
        self.undo_bar.setLayout(undo_row)
        self.undo_bar.hide()
        self._deleted: tuple[Path, str] | None = None  # the file and the routine's name
        splitter = QSplitter()
        splitter.addWidget(chooser)
        splitter.addWidget(detail)
        splitter.setStretchFactor(1, 3)
        browse = QWidget()
        browse_layout = QVBoxLayout(browse)
        browse_layout.setContentsMargins(0, 0, 0, 0)
        browse_layout.addWidget(self.undo_bar)
        browse_layout.addWidget(splitter, 1)
        browse_layout.addWidget(self.problems_label)
        self.stack = QStackedWidget()
        self.stack.addWidget(browse)
        self.editor: RoutineEditor | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.set_library(library)

    def set_library(self, library: Library) -> None:
        self.library = library
        self.list.clear()
        # The user's copy of a built-in stays among the built-ins, where they last saw it.
        ordered = sorted(
            library.routines.values(),
            key=lambda r: (not (r.builtin or r.id in library.replaced), r.level, r.name),
        )
        for routine in ordered:
            name = (
                routine.name if routine.builtin else _("{name}  (yours)").format(name=routine.name)
            )
            minutes = _("{minutes} min").format(minutes=routine_minutes(routine))
            item = QListWidgetItem(f"{name}\n{minutes}")
            item.setData(Qt.ItemDataRole.UserRole, routine.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        if library.problems:
            lines = "\n".join(f"• {p}" for p in library.problems[:8])
            more = len(library.problems) - 8
            extra = "\n" + _("… and {count} more").format(count=more) if more > 0 else ""
            heading = _("Some routine files were skipped:")
            self.problems_label.setText(f"{heading}\n{lines}{extra}")
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
        self.notice.hide()
        self.start_button.setEnabled(routine is not None)
        own = routine is not None and not routine.builtin and self.routines_dir is not None
        self.delete_button.setEnabled(own)
        self.edit_button.setEnabled(routine is not None and self.routines_dir is not None)
        self.duplicate_button.setEnabled(routine is not None and self.routines_dir is not None)
        if routine is None:
            self.title.setText(_("No routines"))
            return
        self.title.setText(routine.name)
        # The file's name only: a full path would not fit, so it is the tool tip.
        file = routine.source.name if routine.source else ""
        if routine.builtin:
            source = _("built-in")
        elif routine.id in self.library.replaced:
            source = _("your copy of the built-in ({file})").format(file=file)
        else:
            source = _("your routine ({file})").format(file=file)
        self.facts.setToolTip("" if routine.builtin else plain_tooltip(str(routine.source)))
        level = level_words(routine.level)
        self.facts.setText(
            _("{minutes} minutes · level {level} · {source}").format(
                minutes=routine_minutes(routine), level=level, source=source
            )
        )
        self.description.setText(routine.description)
        audience = routine_audience(routine)
        self.audience.setText(audience)
        self.audience.setVisible(bool(audience))
        self.exercises.show_routine(
            routine, self.aggravating, self.flags, self.hide_marked.isChecked()
        )

    def set_coaching(self, aggravating: frozenset[str], flags: Sequence[ExerciseFlag]) -> None:
        """The ways of moving the symptom profile marks, and the exercises flagged for making
        the leg worse lately; the checkbox shows only when there is something to hide."""
        self.aggravating = frozenset(aggravating)
        self.flags = list(flags)
        self.hide_marked.setVisible(bool(self.aggravating))
        self._show_current()

    def _set_hide_marked(self, on: bool) -> None:
        if self.settings is not None:
            self.settings.setValue(HIDE_AGGRAVATING_KEY, on)
        self._show_current()

    def leave_out(self, exercise_id: str) -> bool:
        """Ask, then write the user's own copy of the current routine without
        ``exercise_id``; True when it was written."""
        routine = self.current_routine()
        return routine is not None and self.leave_out_of(routine, exercise_id)

    def leave_out_of(self, routine: Routine, exercise_id: str) -> bool:
        """Ask, then write the user's own copy of ``routine`` without ``exercise_id`` (from
        this page, the stop advice or History); True when it was written."""
        if self.routines_dir is None:
            return False
        block = next((b for b in routine.blocks if b.exercise.id == exercise_id), None)
        if block is None:
            return False
        name = block.exercise.name
        try:
            target = copy_target(routine, self.routines_dir)
        except ValueError as error:
            show_warning(self, _(LEAVE_OUT_TITLE), str(error))
            return False
        if not self.confirm_leave_out(leave_out_question(routine, name, target)):
            return False
        try:
            write_copy_without(routine, exercise_id, self.routines_dir, today=self.today())
        except (ValueError, OutputError) as error:
            show_warning(self, _(LEAVE_OUT_TITLE), str(error))
            return False
        self.copy_written.emit(routine.id)
        self.select(routine.id)
        self._show_current()
        self.notice.setText(leave_out_done(routine.name, name))
        self.notice.show()
        return True

    # -- making and changing routines ---------------------------------------------------------

    def new_routine(self) -> RoutineEditor | None:
        """Open the editor on a new, empty routine of the user's own."""
        if self.routines_dir is None:
            return None
        routine_id = unique_id("my-routine", self.library.routines, self.routines_dir)
        return self._open_editor(new_draft(routine_id, _("My routine"), self.routines_dir))

    def edit_routine(self) -> RoutineEditor | None:
        """Open the editor on the chosen routine; a built-in is saved as the user's copy."""
        draft = self._current_draft()
        return self._open_editor(draft) if draft is not None else None

    def duplicate_routine(self) -> RoutineEditor | None:
        """Open the editor on a copy of the chosen routine, under a new id and name."""
        draft = self._current_draft()
        if draft is None or self.routines_dir is None:
            return None
        return self._open_editor(duplicate_draft(draft, self.library.routines, self.routines_dir))

    def _current_draft(self) -> RoutineDraft | None:
        """The chosen routine as a draft to edit; None (after saying why, if its file could
        not be read) when there is none."""
        routine = self.current_routine()
        if routine is None or self.routines_dir is None:
            return None
        try:
            return draft_from_routine(routine, self.routines_dir)
        except ValueError as error:
            show_warning(self, _(EDIT_TITLE), str(error))
            return None

    def _open_editor(self, draft: RoutineDraft) -> RoutineEditor:
        self.close_editor()
        editor = RoutineEditor(draft, self.library.exercises, self.library.routines)
        editor.saved.connect(self._editor_saved)
        editor.closed.connect(self.close_editor)
        self.editor = editor
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        editor.name.setFocus(Qt.FocusReason.OtherFocusReason)
        editor.name.selectAll()
        return editor

    def close_editor(self) -> None:
        """Back to the list; an unsaved draft is dropped."""
        editor, self.editor = self.editor, None
        self.stack.setCurrentIndex(0)
        if editor is not None:
            self.stack.removeWidget(editor)
            editor.deleteLater()
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _editor_saved(self, routine_id: str, path: Path) -> None:
        self.close_editor()
        self.copy_written.emit(routine_id)
        self.select(routine_id)
        self.notice.setText(saved_where(path))
        self.notice.show()
        self.file_saved.emit(path)

    def delete_routine(self) -> bool:
        """Move the chosen routine of the user's own aside; Undo brings it back."""
        routine = self.current_routine()
        if routine is None or routine.builtin or routine.source is None:
            return False
        try:
            delete_routine_file(routine.source)
        except (ValueError, OSError) as error:
            show_warning(self, _(DELETE_TITLE), str(error))
            return False
        self._deleted = (routine.source, routine.name)
        self.copy_written.emit(routine.id)
        self.undo_note.setText(_("Deleted {routine}.").format(routine=routine.name))
        self.undo_bar.show()
        self.undo_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def undo_delete(self) -> bool:
        """Put the routine deleted last back; True when it is back."""
        if self._deleted is None:
            return False
        path, name = self._deleted
        try:
            restore_routine_file(path)
        except (ValueError, OSError) as error:
            show_warning(self, _(DELETE_TITLE), str(error))
            return False
        self._deleted = None
        self.undo_bar.hide()
        self.copy_written.emit("")
        for routine in self.library.routines.values():
            if routine.source == path:
                self.select(routine.id)
        self.notice.setText(_("{routine} is back.").format(routine=name))
        self.notice.show()
        return True

    def _ask_leave_out(self, question: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_(LEAVE_OUT_TITLE))
        box.setTextFormat(Qt.TextFormat.PlainText)  # names and paths from the user's files
        box.setText(question)
        write = box.addButton(_("&Leave it out"), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(_("&Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is write

    def _start_current(self) -> None:
        routine = self.current_routine()
        if routine is not None:
            self.start_requested.emit(routine.id)

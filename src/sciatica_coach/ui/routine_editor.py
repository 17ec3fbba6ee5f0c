"""The routine editor: a routine's fields, its prescription and its exercises, each with its
own dose, with the length and the file's problems shown as you type.

The page edits a `RoutineDraft` (core/routine_writer): each field writes only its own key when
the user changes it, so saving a file nobody touched gives back the same text. Every check is
the core's (`check_draft`), the same as ``sciatica-coach check``. Everything works from the
keyboard: Tab moves, Enter in the search adds the exercise found, Alt+Up and Alt+Down move
the chosen exercise, Delete takes it out, Ctrl+S saves, Esc leaves without saving.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core.catalog import AFFECTED_SIDES, GROUPS, SIDES, Exercise, Routine
from sciatica_coach.core.exercise_search import ExerciseFilter, find_exercises
from sciatica_coach.core.outputs import OutputError
from sciatica_coach.core.routine_writer import (
    DraftBlock,
    RoutineDraft,
    check_draft,
    save_draft,
    unique_id,
)
from sciatica_coach.core.timeline import expand_routine
from sciatica_coach.core.words import dose_words, group_words, side_words
from sciatica_coach.i18n import N_, _, pgettext
from sciatica_coach.ui.plain_text import plain_label

# Dose fields a spin box sets; its lowest value means "as the exercise has it".
DOSE_BOXES = (
    ("hold", N_("Hold (seconds)"), 0, 300, ("hold",)),
    ("reps", N_("Repetitions"), 0, 50, ("reps",)),
    ("tempo", N_("Seconds per repetition"), 0, 60, ("reps",)),
    ("sets", N_("Sets"), 0, 10, ("hold", "reps")),
    ("rest", N_("Rest between sets (seconds)"), -1, 600, ("hold", "reps")),
    ("rest_after", N_("Rest after (seconds)"), -1, 600, ("hold", "reps")),
)
PRESCRIPTION_TEXTS = (
    ("prescribed_by", N_("Prescribed &by")),
    ("contact", N_("Co&ntact")),
    ("date", N_("Given on (YYYY-MM-DD)")),
    ("review_date", N_("Revie&w on (YYYY-MM-DD)")),
    ("notes", N_("Notes for you")),
)
AS_EXERCISE = N_("as the exercise")


def side_name(code: str) -> str:
    """A ``sides`` or ``affected_side`` value in words (the file keeps the code)."""
    names = {
        "none": pgettext("sides", "none"),
        "both": pgettext("sides", "both"),
        "alternating": pgettext("sides", "alternating"),
    }
    return names.get(code) or side_words(code)


class RoutineEditor(QWidget):
    """Edits one draft; emits ``saved(routine_id)`` after a save and ``closed()`` on leaving."""

    saved = Signal(str, Path)
    closed = Signal()

    def __init__(
        self,
        draft: RoutineDraft,
        catalog: Mapping[str, Exercise],
        others: Mapping[str, Routine],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        # The built-in catalog: a routine's own [[exercise]] tables are read from its file.
        self.catalog = catalog
        self.exercises = list(catalog.values())
        self.others = others
        self.routine: Routine | None = None
        self._loading = True

        self.name = QLineEdit(str(draft.fields.get("name", "")))
        # A new routine's id (and file name) follows its name until the id is typed.
        self._id_follows_name = draft.text is None and draft.loaded_from is None
        self.name.textEdited.connect(self._name_edited)
        self.routine_id = QLineEdit(draft.routine_id)
        self.routine_id.textEdited.connect(self._id_edited)
        self.level = QSpinBox()
        self.level.setRange(1, 3)
        self.level.setValue(int(draft.fields.get("level", 1) or 1))
        self.level.valueChanged.connect(lambda value: self._set_field("level", value))
        self.target = QSpinBox()
        self.target.setRange(0, 180)
        self.target.setSpecialValueText(_("not set"))
        self.target.setValue(int(draft.fields.get("target_minutes") or 0))
        self.target.valueChanged.connect(lambda v: self._set_field("target_minutes", v or None))
        self.description = QLineEdit(str(draft.fields.get("description", "")))
        self.description.textEdited.connect(
            lambda text: self._set_field("description", text.strip() or None)
        )
        fields = QFormLayout()
        fields.addRow(_("&Name"), self.name)
        fields.addRow(_("&Id (file and history)"), self.routine_id)
        fields.addRow(_("&Level (1 gentle to 3 demanding)"), self.level)
        fields.addRow(_("&Target minutes"), self.target)
        fields.addRow(_("&Description"), self.description)

        self.items = QListWidget()
        self.items.setAccessibleName(_("Exercises in this routine"))
        self.items.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.items.model().rowsMoved.connect(lambda *_: self._order_from_list())
        self.items.currentRowChanged.connect(lambda _row: self._show_dose())
        self.items.installEventFilter(self)
        self.up_button = QPushButton(_("Move &up"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(_("Move d&own"))
        self.down_button.clicked.connect(lambda: self.move_current(+1))
        self.remove_button = QPushButton(_("&Remove"))
        self.remove_button.clicked.connect(self.remove_current)
        order_row = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            order_row.addWidget(button)
        order_row.addStretch(1)

        self.dose_boxes: dict[str, QSpinBox] = {}
        self.dose_form = dose_form = QFormLayout()
        for key, label, low, high, _modes in DOSE_BOXES:
            box = QSpinBox()
            box.setRange(low, high)
            box.valueChanged.connect(
                lambda value, key=key, low=low: self._set_dose(key, value, low)
            )
            self.dose_boxes[key] = box
            dose_form.addRow(_(label), box)
        self.sides = QComboBox()
        self.sides.addItems([_(AS_EXERCISE), *(side_name(side) for side in SIDES)])
        self.sides.currentIndexChanged.connect(self._set_sides)
        dose_form.addRow(_("Sides"), self.sides)
        self.dose_group = QGroupBox(_("Dose of the chosen exercise"))
        self.dose_group.setLayout(dose_form)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Find an exercise to add, then press Enter"))
        self.search.setAccessibleName(_("Find an exercise to add"))
        self.search.textChanged.connect(lambda _text: self._find())
        self.search.returnPressed.connect(self.add_found)
        self.group = QComboBox()
        self.group.addItem(_("Any group"), None)
        for group in GROUPS:
            self.group.addItem(group_words(group), group)
        self.group.currentIndexChanged.connect(lambda _index: self._find())
        self.found = QListWidget()
        self.found.setAccessibleName(_("Exercises found"))
        self.found.itemActivated.connect(lambda _item: self.add_found())
        self.add_button = QPushButton(_("Add to routine (Enter)"))
        self.add_button.clicked.connect(self.add_found)
        finder = QVBoxLayout()
        search_row = QHBoxLayout()
        find_label = QLabel(_("&Search"))
        find_label.setBuddy(self.search)
        search_row.addWidget(find_label)
        search_row.addWidget(self.search, 2)
        search_row.addWidget(self.group, 1)
        finder.addLayout(search_row)
        finder.addWidget(self.found, 1)
        finder.addWidget(self.add_button)
        finder_box = QGroupBox(_("Add exercises from the library"))
        finder_box.setLayout(finder)

        self.prescription_texts: dict[str, QLineEdit] = {}
        prescription_form = QFormLayout()
        given = draft.prescription or {}
        for key, label in PRESCRIPTION_TEXTS:
            edit = QLineEdit("" if given.get(key) is None else str(given.get(key)))
            edit.textEdited.connect(lambda text, key=key: self._set_prescription(key, text))
            self.prescription_texts[key] = edit
            prescription_form.addRow(_(label), edit)
        self.affected = QComboBox()
        self.affected.addItems([_("not set"), *(side_name(side) for side in AFFECTED_SIDES)])
        side = given.get("affected_side")
        self.affected.setCurrentIndex(
            1 + AFFECTED_SIDES.index(side) if side in AFFECTED_SIDES else 0
        )
        self.affected.currentIndexChanged.connect(self._set_affected)
        prescription_form.addRow(_("&Affected side"), self.affected)
        self.side_only = QCheckBox(_("One-sided exercises on the affected side onl&y"))
        self.side_only.setChecked(bool(given.get("affected_side_only")))
        self.side_only.toggled.connect(
            lambda on: self._set_prescription("affected_side_only", on or None)
        )
        prescription_form.addRow("", self.side_only)
        self.per_week = QSpinBox()
        self.per_week.setRange(0, 14)
        self.per_week.setSpecialValueText(_("not set"))
        per_week = given.get("sessions_per_week")
        self.per_week.setValue(per_week if isinstance(per_week, int) else 0)
        self.per_week.valueChanged.connect(
            lambda v: self._set_prescription("sessions_per_week", v or None)
        )
        prescription_form.addRow(_("Sessions a wee&k"), self.per_week)
        prescription_box = QGroupBox(_("From your clinician (optional)"))
        prescription_box.setLayout(prescription_form)

        self.length = plain_label()
        self.problems = plain_label()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.save_button = QPushButton(_("Save routine (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(_("Close without saving"))
        self.cancel_button.clicked.connect(self.closed)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.closed.emit)

        left = QVBoxLayout()
        left.addLayout(fields)
        left.addWidget(QLabel(_("Exercises (drag, or Alt+Up and Alt+Down, to reorder)")))
        left.addWidget(self.items, 1)
        left.addLayout(order_row)
        left.addWidget(self.dose_group)
        right = QVBoxLayout()
        right.addWidget(finder_box, 1)
        right.addWidget(prescription_box)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.length)
        footer.addStretch(1)
        footer.addWidget(self.cancel_button)
        footer.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.problems)
        layout.addLayout(footer)

        self._fill_items()
        self._find()
        self._loading = False
        self.recheck()

    # -- the routine's fields ---------------------------------------------------------------

    def _set_field(self, key: str, value: Any) -> None:
        if self._loading:
            return
        if value is None:
            self.draft.fields.pop(key, None)
        else:
            self.draft.fields[key] = value
        self.recheck()

    def _name_edited(self, text: str) -> None:
        if self._id_follows_name and text.strip():
            new_id = unique_id(text, self.others, self._folder())
            self.routine_id.setText(new_id)
            self._set_id(new_id)
        self._set_field("name", text.strip() or None)

    def _id_edited(self, text: str) -> None:
        self._id_follows_name = False
        self._set_id(text.strip())
        self.recheck()

    def _folder(self) -> Path | None:
        return self.draft.path.parent if self.draft.path is not None else None

    def _set_id(self, routine_id: str) -> None:
        """The id; a file not saved yet is named after it."""
        self.draft.fields["id"] = routine_id
        folder = self._folder()
        if self.draft.loaded_from is None and folder is not None and routine_id:
            self.draft.path = folder / f"{routine_id}.toml"

    def _set_prescription(self, key: str, value: Any) -> None:
        if self._loading:
            return
        table = dict(self.draft.prescription or {})
        if isinstance(value, str):
            value = value.strip()
            if key in ("date", "review_date") and value:
                # Kept as typed if it is not a date: the check says what is wrong with it.
                with suppress(ValueError):
                    value = date.fromisoformat(value)
        if value in (None, ""):
            table.pop(key, None)
        else:
            table[key] = value
        self.draft.prescription = table or None
        self.recheck()

    def _set_affected(self, index: int) -> None:
        self._set_prescription("affected_side", AFFECTED_SIDES[index - 1] if index else None)

    # -- the exercises ----------------------------------------------------------------------

    def _exercise(self, block: DraftBlock) -> Exercise | None:
        found = self.catalog.get(block.exercise)
        if found is None and self.routine is not None:
            own = (b.exercise for b in self.routine.blocks if b.exercise.id == block.exercise)
            found = next(own, None)
        return found

    def _item_text(self, block: DraftBlock) -> str:
        exercise = self._exercise(block)
        if exercise is None:
            return _("{exercise} (unknown exercise)").format(exercise=block.exercise)
        routine = self.routine
        index = self.draft.blocks.index(block)
        if routine is not None and index < len(routine.blocks):
            return f"{exercise.name} — {dose_words(routine.blocks[index].dose)}"
        return exercise.name

    def _fill_items(self, current: int | None = None) -> None:
        self.items.blockSignals(True)
        self.items.clear()
        for block in self.draft.blocks:
            item = QListWidgetItem(self._item_text(block))
            item.setData(Qt.ItemDataRole.UserRole, id(block))
            self.items.addItem(item)
        self.items.blockSignals(False)
        if self.draft.blocks:
            row = current if current is not None else 0
            self.items.setCurrentRow(max(0, min(row, len(self.draft.blocks) - 1)))
        self._show_dose()

    def _order_from_list(self) -> None:
        by_id = {id(block): block for block in self.draft.blocks}
        order = [
            self.items.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.items.count())
        ]
        self.draft.blocks = [by_id[key] for key in order]
        self.recheck()

    def current_block(self) -> DraftBlock | None:
        row = self.items.currentRow()
        return self.draft.blocks[row] if 0 <= row < len(self.draft.blocks) else None

    def move_current(self, step: int) -> None:
        row = self.items.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < len(self.draft.blocks):
            return
        blocks = self.draft.blocks
        blocks[row], blocks[target] = blocks[target], blocks[row]
        self.recheck()
        self._fill_items(target)
        self.items.setFocus()

    def remove_current(self) -> None:
        row = self.items.currentRow()
        if row < 0:
            return
        del self.draft.blocks[row]
        self.recheck()
        self._fill_items(row)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.items
            and isinstance(event, QKeyEvent)
            and event.type() == event.Type.KeyPress
        ):
            alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if event.key() == Qt.Key.Key_Up else +1)
                return True
            if event.key() == Qt.Key.Key_Delete:
                self.remove_current()
                return True
        return super().eventFilter(watched, event)

    def _show_dose(self) -> None:
        block = self.current_block()
        exercise = self._exercise(block) if block else None
        self.dose_group.setEnabled(exercise is not None)
        if block is None or exercise is None:
            return
        self._loading = True
        own = exercise.dose
        for key, _label, low, _high, modes in DOSE_BOXES:
            box = self.dose_boxes[key]
            self.dose_form.setRowVisible(box, own.mode in modes)
            shown = getattr(own, key)
            box.setSpecialValueText(
                _("{as_exercise} ({value})").format(
                    as_exercise=_(AS_EXERCISE), value="—" if shown is None else f"{shown:g}"
                )
            )
            value = block.dose.get(key)
            box.setValue(int(value) if isinstance(value, int | float) else low)
        side = block.dose.get("sides")
        self.sides.setCurrentIndex(1 + SIDES.index(side) if side in SIDES else 0)
        self._loading = False

    def _set_dose(self, key: str, value: int, low: int) -> None:
        block = self.current_block()
        if self._loading or block is None:
            return
        if value == low:
            block.dose.pop(key, None)
        else:
            block.dose[key] = value
        self.recheck()
        self._refresh_item()

    def _set_sides(self, index: int) -> None:
        block = self.current_block()
        if self._loading or block is None:
            return
        if index == 0:
            block.dose.pop("sides", None)
        else:
            block.dose["sides"] = SIDES[index - 1]
        self.recheck()
        self._refresh_item()

    def _refresh_item(self) -> None:
        block = self.current_block()
        item = self.items.currentItem()
        if block is not None and item is not None:
            item.setText(self._item_text(block))

    def _find(self) -> None:
        wanted = ExerciseFilter(text=self.search.text() or None, group=self.group.currentData())
        self.found.clear()
        for exercise in find_exercises(self.exercises, wanted):
            item = QListWidgetItem(f"{exercise.name} — {dose_words(exercise.dose)}")
            item.setData(Qt.ItemDataRole.UserRole, exercise.id)
            self.found.addItem(item)
        if self.found.count():
            self.found.setCurrentRow(0)

    def add_found(self) -> None:
        """Add the exercise chosen in the search results, at its own dose, at the end."""
        item = self.found.currentItem()
        if item is None:
            return
        self.draft.blocks.append(DraftBlock(item.data(Qt.ItemDataRole.UserRole)))
        self.recheck()
        self._fill_items(len(self.draft.blocks) - 1)

    # -- checking and saving ----------------------------------------------------------------

    def recheck(self) -> list[str]:
        """Check the draft as ``sciatica-coach check`` would; show the length and problems."""
        self.routine, problems = check_draft(self.draft, self.catalog, self.others)
        if self.routine is not None:
            minutes = expand_routine(self.routine).total_seconds / 60
            self.length.setText(
                _("About {minutes} minutes, {count} exercises").format(
                    minutes=f"{minutes:.0f}", count=len(self.routine.blocks)
                )
            )
        else:
            self.length.setText(_("Not ready to save yet"))
        lines = [str(p) for p in problems]
        self.problems.setText("\n".join(f"• {line}" for line in lines))
        self.problems.setVisible(bool(lines))
        self.save_button.setEnabled(self.routine is not None)
        for row, block in enumerate(self.draft.blocks):
            item = self.items.item(row)
            if item is not None:
                item.setText(self._item_text(block))
        return lines

    def save(self) -> Path | None:
        """Write the routine's file; the path written, or None (the page says why)."""
        if self.recheck():
            return None
        try:
            path = save_draft(self.draft, self.catalog, self.others)
        except (ValueError, OutputError) as error:
            self.problems.setText(str(error))
            self.problems.show()
            return None
        self.saved.emit(self.draft.routine_id, path)
        return path

"""The History screen: every session newest first, one session's steps in detail, its notes,
deleting with undo, and a request for a printable summary.

A deleted session is only hidden at first: it leaves the log when the view is hidden (the user
moves to another page or closes the window) or when ``commit_pending_deletes`` is called, so
Undo can bring it back until then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHideEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sciatica_coach.core.csv_io import MAX_TEXT as MAX_NOTES
from sciatica_coach.core.library_text import shown_exercise_name, shown_routine_name
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import (
    IN_PROGRESS,
    INTERRUPTED,
    LogError,
    SessionRecord,
    StepRecord,
)
from sciatica_coach.core.safety import reach_label
from sciatica_coach.core.variants import EASIER
from sciatica_coach.core.words import (
    leave_out_label,
    minutes_seconds,
    outcome_label,
    outcome_line,
    pain_pair,
    side_words,
    stopped_step,
    when_text,
)
from sciatica_coach.i18n import N_, _, ngettext
from sciatica_coach.ui.colours import UNDO_BAR_STYLE, muted_text, warning_colour
from sciatica_coach.ui.plain_text import plain_label, plain_tooltip, show_warning

COLUMNS = (N_("Date"), N_("Routine"), N_("Length"), N_("Outcome"), N_("Back pain"), N_("Leg pain"))
COLUMN_WIDTHS = (156, 114, 52, 154, 66, 66)
LIST_WIDTH = sum(COLUMN_WIDTHS) + 36  # room for the frame and a scroll bar
STEP_COLUMNS = (N_("Step"), N_("Planned"), N_("Done"))
STEP_TITLES = {"prepare": N_("Get ready"), "rest": N_("Rest"), "switch": N_("Switch sides")}
AnyIndex = QModelIndex | QPersistentModelIndex


def outcome_text(record: SessionRecord, steps: Sequence[StepRecord] = ()) -> str:
    """``Stopped: pain spreading`` for the list; with the session's steps, where it stopped."""
    return (
        outcome_line(record, steps) if steps else outcome_label(record.status, record.stop_reason)
    )


def pain_column(record: SessionRecord, which: str) -> str:
    before, after = record.pain_before, record.pain_after
    if before is None and after is None:
        return ""
    return pain_pair(before, after, which)


def step_title(step: StepRecord) -> str:
    if step.kind != "work":
        return _(STEP_TITLES[step.kind]) if step.kind in STEP_TITLES else step.kind
    title = shown_exercise_name(
        step.exercise_id, step.exercise_name or step.exercise_id or _("Exercise")
    )
    if step.set_count > 1:
        title += _(" · set {number}/{count}").format(number=step.set_number, count=step.set_count)
    if step.side:
        title += f" · {side_words(step.side)}"
    if step.variant == EASIER:
        title += _(" · easier")
    return title


def step_amount(seconds: float, reps: int | None) -> str:
    return minutes_seconds(seconds) + (
        "" if reps is None else _(" · {reps} reps").format(reps=reps)
    )


def step_texts(step: StepRecord) -> tuple[str, str, str]:
    """Step, planned and done columns; a skipped or stopped step says so, with the time it ran.

    A step planned in reps shows the reps alone as planned: its planned time is an estimate.
    """
    planned = (
        minutes_seconds(step.planned_seconds)
        if step.reps_planned is None
        else _("{reps} reps").format(reps=step.reps_planned)
    )
    if step.status == "skipped":
        done = _("Skipped at {time}").format(time=minutes_seconds(step.actual_seconds))
        return step_title(step), planned, done
    if step.status == "stopped":  # the session was stopped during this step
        done = _("Stopped at {time}").format(time=minutes_seconds(step.actual_seconds))
        if step.reps_done:
            done += _(" · {reps} reps").format(reps=step.reps_done)
        return step_title(step), planned, done
    return step_title(step), planned, step_amount(step.actual_seconds, step.reps_done)


class SessionTableModel(QAbstractTableModel):
    """The sessions shown in the list, newest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.records: list[SessionRecord] = []

    def set_records(self, records: list[SessionRecord]) -> None:
        self.beginResetModel()
        self.records = records
        self.endResetModel()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.records[row]
        self.endRemoveRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.row_texts(record)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return outcome_text(record)
        if role == Qt.ItemDataRole.UserRole:
            return record.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 4, 5):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def row_texts(record: SessionRecord) -> tuple[str, ...]:
        """What the list shows for a session, column by column."""
        return (
            when_text(record),
            shown_routine_name(record.routine_id, record.routine_name),
            minutes_seconds(record.active_seconds),
            outcome_text(record),
            pain_column(record, "back"),
            pain_column(record, "leg"),
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def row_of(self, session_id: int) -> int | None:
        return next((row for row, r in enumerate(self.records) if r.id == session_id), None)


class HistoryView(QWidget):
    """Every logged session; select one to see its steps, edit its notes, delete or print it."""

    summary_requested = Signal(int)
    resume_requested = Signal(int)
    leave_out_requested = Signal(str, str)  # a routine id, an exercise id

    def __init__(self, log: SessionLog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.log = log
        self.pending_deletes: list[int] = []
        self.confirm_delete: Callable[[SessionRecord], bool] = self._ask_to_delete
        self.current: SessionRecord | None = None
        self.steps: list[StepRecord] = []

        heading = QLabel(_("History"))
        heading.setFont(_font(self.font(), 22, bold=True))
        self.count_label = QLabel()
        header = QHBoxLayout()
        header.addWidget(heading)
        header.addSpacing(16)
        header.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignBottom)
        header.addStretch(1)

        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("undoBar")
        self.undo_label = plain_label()
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.clicked.connect(self.undo_delete)
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(12, 6, 12, 6)
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.hide()

        self.model = SessionTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(_("Sessions"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        row_height = self.fontMetrics().height() + 8
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([LIST_WIDTH, 480])
        splitter.setChildrenCollapsible(False)
        self.list_page = splitter
        self.empty_page = QLabel(
            _(
                "No sessions yet.\n\nWhen you finish a routine it appears here, newest first, with "
                "every step and your pain scores before and after."
            )
        )
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_page.setWordWrap(True)
        self.empty_page.setFont(_font(self.font(), 15))
        self.body = QStackedWidget()
        self.body.addWidget(self.list_page)
        self.body.addWidget(self.empty_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.body, 1)
        self.setStyleSheet(UNDO_BAR_STYLE)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.activated.connect(self.delete_selected)
        undo_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo_key.activated.connect(self.undo_delete)
        self.refresh()

    def _build_detail(self) -> QWidget:
        pane = QWidget()
        # Routine and exercise names and pain notes come from the log: shown as text.
        self.detail_title = plain_label()
        self.detail_title.setFont(_font(self.font(), 16, bold=True))
        self.detail_when = plain_label()
        self.detail_outcome = plain_label()
        self.detail_outcome.setWordWrap(True)
        self.detail_outcome.setFont(_font(self.font(), self.font().pointSize(), bold=True))
        self.detail_pain = plain_label()
        self.detail_pain.setWordWrap(True)
        self.steps_table = QTableWidget(0, len(STEP_COLUMNS))
        self.steps_table.setAccessibleName(_("Exercises of this session"))
        self.steps_table.setHorizontalHeaderLabels([_(column) for column in STEP_COLUMNS])
        self.steps_table.verticalHeader().hide()
        self.steps_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.steps_table.setWordWrap(False)
        self.steps_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        step_columns = self.steps_table.horizontalHeader()
        step_columns.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            step_columns.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.steps_summary = plain_label()
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setPlaceholderText(_("How did it go? Anything to remember next time?"))
        self.notes.setMaximumHeight(80)
        self.notes.textChanged.connect(self._notes_edited)
        # Notes longer than a CSV backup can restore are not accepted; the counter says so.
        self.notes_counter = QLabel()
        self.notes_counter.setForegroundRole(self.palette().ColorRole.PlaceholderText)
        self._notes_length = 0
        self.save_notes_button = QPushButton(_("Save notes"))
        self.save_notes_button.setEnabled(False)
        self.save_notes_button.clicked.connect(self.save_notes)
        self.notes_status = QLabel()
        self.summary_button = QPushButton(_("Print / PDF…"))
        self.summary_button.setToolTip(_("A one-page summary of this session, to print or save"))
        self.summary_button.clicked.connect(self._request_summary)
        self.delete_button = QPushButton(_("Delete session…"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.resume_button = QPushButton(_("Resume session"))
        self.resume_button.setToolTip(_("Carry on this unfinished session where it stopped"))
        self.resume_button.clicked.connect(self._request_resume)
        self.resume_button.hide()
        # After a stop during an exercise: leave it out of the routine next time.
        self.leave_out_button = QPushButton()
        self.leave_out_button.clicked.connect(self._request_leave_out)
        self.leave_out_button.hide()
        self._leave_out_ids: tuple[str, str] | None = None

        notes_row = QHBoxLayout()
        notes_row.addWidget(QLabel(_("Notes")))
        notes_row.addWidget(self.notes_counter)
        notes_row.addStretch(1)
        notes_row.addWidget(self.notes_status)
        notes_row.addWidget(self.save_notes_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.leave_out_button)
        buttons.addStretch(1)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.summary_button)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.detail_title)
        layout.addWidget(self.detail_when)
        layout.addWidget(self.detail_outcome)
        layout.addWidget(self.detail_pain)
        layout.addWidget(self.steps_table, 1)
        layout.addWidget(self.steps_summary)
        layout.addLayout(notes_row)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        return pane

    # --- loading --------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the sessions again (still hiding those waiting to be deleted)."""
        self.save_notes()
        keep = self.current.id if self.current else None
        hidden = set(self.pending_deletes)
        records = [r for r in self.log.sessions() if r.id not in hidden]
        self.current = None
        self.model.set_records(records)
        self._show_count()
        row = self.model.row_of(keep) if keep is not None else None
        self._select_row(row if row is not None else 0)

    def _show_count(self) -> None:
        count = len(self.model.records)
        self.count_label.setText(
            ngettext("{count} session", "{count} sessions", count).format(count=count)
        )
        self.body.setCurrentWidget(self.empty_page if count == 0 else self.list_page)

    @property
    def is_empty(self) -> bool:
        return self.body.currentWidget() is self.empty_page

    def _select_row(self, row: int) -> None:
        if not self.model.records:
            self._show_session(None)
            return
        row = max(0, min(row, len(self.model.records) - 1))
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.selectRow(row)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        if self.current is None or self.current.id != self.model.records[row].id:
            self._show_session(self.model.records[row])

    def select_session(self, session_id: int) -> bool:
        """Show one session (False if it is not listed)."""
        row = self.model.row_of(session_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.save_notes()
        valid = current.isValid() and current.row() < len(self.model.records)
        self._show_session(self.model.records[current.row()] if valid else None)

    def _show_session(self, record: SessionRecord | None) -> None:
        self.current = record
        for widget in (self.summary_button, self.delete_button, self.notes):
            widget.setEnabled(record is not None)
        self.delete_button.setEnabled(record is not None and record.status != IN_PROGRESS)
        self.resume_button.setVisible(record is not None and record.status == INTERRUPTED)
        if record is None:
            for label in (self.detail_title, self.detail_when, self.detail_outcome):
                label.clear()
            self.detail_pain.clear()
            self.steps_summary.clear()
            self.steps = []
            self.steps_table.setRowCount(0)
            self._set_notes_text("")
            self._offer_leave_out(None)
            return
        self.detail_title.setText(shown_routine_name(record.routine_id, record.routine_name))
        self.detail_when.setText(
            _("{when} · exercised {active} of {planned} planned").format(
                when=when_text(record),
                active=minutes_seconds(record.active_seconds),
                planned=minutes_seconds(record.planned_seconds),
            )
        )
        self.steps = self.log.steps(record.id)
        self.detail_outcome.setText(outcome_text(record, self.steps))
        self.detail_pain.setText(self._pain_detail(record))
        self._fill_steps()
        self.steps_summary.setText(
            _("Exercises: {done} done, {skipped} skipped, {planned} planned").format(
                done=record.work_done,
                skipped=record.work_skipped,
                planned=record.planned_work_steps,
            )
        )
        self._set_notes_text(record.notes)
        self._offer_leave_out(record)

    def _offer_leave_out(self, record: SessionRecord | None) -> None:
        """For a session stopped during an exercise, a button to leave it out next time."""
        step = stopped_step(record, self.steps) if record is not None else None
        if record is None or step is None or not step.exercise_id or not step.exercise_name:
            self._leave_out_ids = None
            self.leave_out_button.hide()
            return
        self._leave_out_ids = (record.routine_id, step.exercise_id)
        self.leave_out_button.setText(
            leave_out_label(shown_exercise_name(step.exercise_id, step.exercise_name))
        )
        self.leave_out_button.show()

    def _request_leave_out(self) -> None:
        if self._leave_out_ids is not None:
            self.leave_out_requested.emit(*self._leave_out_ids)

    def _pain_detail(self, record: SessionRecord) -> str:
        before, after = record.pain_before, record.pain_after
        if before is None and after is None:
            return _("Pain: not recorded")
        lines = [
            _("Back pain {back}   ·   Leg pain {leg}").format(
                back=pain_pair(before, after, "back"), leg=pain_pair(before, after, "leg")
            )
        ]
        reach = [reach_label(check.reach) if check else "" for check in (before, after)]
        if any(reach):
            lines.append(
                _("Symptoms reached: {before} before, {after} after").format(
                    before=reach[0] or "–", after=reach[1] or "–"
                )
            )
        for check in (before, after):
            if check is not None and check.note:
                moment = {"before": _("before"), "after": _("after")}.get(
                    check.moment, check.moment
                )
                lines.append(f"“{check.note}” ({moment})")
        return "\n".join(lines)

    def _fill_steps(self) -> None:
        table = self.steps_table
        table.setRowCount(len(self.steps))
        skipped_colour = QColor(warning_colour(self.palette()))
        for row, step in enumerate(self.steps):
            values = step_texts(step)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(plain_tooltip(value))
                if column > 0:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if step.status in ("skipped", "stopped"):
                    item.setForeground(skipped_colour)
                    font = QFont(table.font())
                    font.setItalic(True)
                    item.setFont(font)
                elif step.kind != "work":
                    item.setForeground(muted_text(self.palette()))
                table.setItem(row, column, item)

    # --- notes ----------------------------------------------------------------------------

    def _set_notes_text(self, text: str) -> None:
        self.notes.blockSignals(True)
        self.notes.setPlainText(text)
        self.notes.blockSignals(False)
        self._notes_length = len(text)
        self._show_notes_count()
        self.save_notes_button.setEnabled(False)
        self.notes_status.clear()

    def _notes_edited(self) -> None:
        text = self.notes.toPlainText()
        if len(text) > MAX_NOTES and len(text) > self._notes_length:
            self._cut_notes_to_limit(text)
            return  # the cut edits the text again, and that call updates the rest
        self._notes_length = len(text)
        self._show_notes_count()
        changed = self.current is not None and text != self.current.notes
        over = len(text) > MAX_NOTES  # only an old note from before the limit can be
        self.save_notes_button.setEnabled(changed and not over)
        if over:
            self.notes_status.setText(
                _("{count} characters too long to save").format(count=f"{len(text) - MAX_NOTES:,}")
            )
        else:
            self.notes_status.setText(_("Not saved yet") if changed else "")

    def _cut_notes_to_limit(self, text: str) -> None:
        """Drop what was just typed or pasted beyond the limit, keeping everything else."""
        excess = len(text) - max(MAX_NOTES, self._notes_length)
        cursor = self.notes.textCursor()
        # Qt counts positions in UTF-16 units, Python in code points.
        end = cursor.position()
        before = text.encode("utf-16-le")[: end * 2].decode("utf-16-le", errors="ignore")
        if len(before) >= excess:
            start = len(before[: len(before) - excess].encode("utf-16-le")) // 2
        else:  # text set as a whole: keep its beginning
            start = len(text[: len(text) - excess].encode("utf-16-le")) // 2
            end = len(text.encode("utf-16-le")) // 2
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        self.notes.setTextCursor(cursor)

    def _show_notes_count(self) -> None:
        count = self._notes_length
        self.notes_counter.setText(f"{count:,} / {MAX_NOTES:,}")
        full = count >= MAX_NOTES
        # The orange follows the palette: the light one's deep orange is too dim on dark.
        warning = f"color: {warning_colour(self.palette())}; font-weight: bold;"
        self.notes_counter.setStyleSheet(warning if full else "")

    def save_notes(self) -> bool:
        """Write the notes of the shown session if they were edited; False if that failed.

        Notes over the limit (only an old note can be) are not written until shortened.
        """
        record = self.current
        if record is None or self.notes.toPlainText() == record.notes:
            return True
        text = self.notes.toPlainText()
        if len(text) > MAX_NOTES:
            return False
        try:
            self.log.set_notes(record.id, text)
        except LogError as error:
            show_warning(self, _("Notes not saved"), str(error))
            return False
        updated = self.log.session(record.id)
        row = self.model.row_of(record.id)
        if row is not None:
            self.model.records[row] = updated
        self.current = updated
        self.save_notes_button.setEnabled(False)
        self.notes_status.setText(_("Saved"))
        return True

    # --- delete and undo ------------------------------------------------------------------

    def _ask_to_delete(self, record: SessionRecord) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Delete session"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            _("Delete your {routine} session of {when}?").format(
                routine=shown_routine_name(record.routine_id, record.routine_name),
                when=when_text(record),
            )
        )
        box.setInformativeText(
            _(
                "Its steps, pain scores and notes will be removed. You can undo this until you "
                "leave the History page."
            )
        )
        delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete

    def delete_selected(self) -> None:
        """Ask, then hide the selected session until the deletes are committed."""
        record = self.current
        if record is None or record.status == IN_PROGRESS or not self.confirm_delete(record):
            return
        self.save_notes()
        row = self.model.row_of(record.id)
        self.pending_deletes.append(record.id)
        self.current = None
        if row is not None:
            self.model.remove(row)
        self._show_count()
        self._select_row(row or 0)
        self._show_undo(record)

    def _show_undo(self, record: SessionRecord | None) -> None:
        """Offer Undo while deletes are pending; name the session just deleted, if any."""
        count = len(self.pending_deletes)
        if count == 0:
            self.undo_bar.hide()
            return
        if record is not None:
            text = _("Deleted your {routine} session of {when}.").format(
                routine=shown_routine_name(record.routine_id, record.routine_name),
                when=when_text(record),
            )
            if count > 1:
                text += _(" {count} deleted in all; Undo brings back one at a time.").format(
                    count=count
                )
        else:
            text = ngettext("{count} session deleted.", "{count} sessions deleted.", count).format(
                count=count
            )
        self.undo_label.setText(text)
        self.undo_bar.show()

    def undo_delete(self) -> None:
        """Bring back the most recently deleted session."""
        if not self.pending_deletes:
            return
        session_id = self.pending_deletes.pop()
        self.save_notes()
        self.current = None
        self.refresh()
        row = self.model.row_of(session_id)
        if row is not None:
            self._select_row(row)
        self._show_undo(None)

    def commit_pending_deletes(self) -> int:
        """Delete the hidden sessions from the log for good; returns how many were deleted."""
        deleted = 0
        failed: list[int] = []
        for session_id in self.pending_deletes:
            try:
                self.log.delete_session(session_id)
                deleted += 1
            except LogError as error:
                failed.append(session_id)
                show_warning(self, _("Session not deleted"), str(error))
        self.pending_deletes = []
        self.undo_bar.hide()
        if failed:
            self.refresh()
        return deleted

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page (or closing the window) ends the chance to undo; minimising does not.
        if not event.spontaneous():
            self.save_notes()
            self.commit_pending_deletes()
        super().hideEvent(event)

    def _request_resume(self) -> None:
        if self.current is not None and self.current.status == INTERRUPTED:
            self.save_notes()
            self.resume_requested.emit(self.current.id)

    def _request_summary(self) -> None:
        if self.current is not None:
            self.save_notes()
            self.summary_requested.emit(self.current.id)


def _font(base: QFont, points: int, *, bold: bool = False) -> QFont:
    font = QFont(base)
    font.setPointSize(points)
    font.setBold(bold)
    return font

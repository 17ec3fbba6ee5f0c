"""The History view: sessions newest first, each step in detail, notes, delete with undo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from known_history import NOTE
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError
from sciatica_coach.ui.history import HistoryView, SessionTableModel

pytestmark = pytest.mark.known_history  # the log fixture holds it


@pytest.fixture
def view(qtbot, log: SessionLog) -> HistoryView:  # type: ignore[no-untyped-def]
    shown = HistoryView(log)
    qtbot.addWidget(shown)
    shown.resize(1100, 760)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def ids(view: HistoryView) -> list[int]:
    return [record.id for record in view.model.records]


def select(view: HistoryView, session_id: int) -> None:
    """Click the session's row, as a user would."""
    row = view.model.row_of(session_id)
    assert row is not None
    view.table.scrollTo(view.model.index(row, 0))
    cell = view.table.visualRect(view.model.index(row, 1)).center()
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert view.current is not None and view.current.id == session_id


def row_texts(view: HistoryView, session_id: int) -> list[str]:
    row = view.model.row_of(session_id)
    assert row is not None
    return [view.model.index(row, column).data() for column in range(view.model.columnCount())]


def step_rows(view: HistoryView) -> list[tuple[str, str, str]]:
    table = view.steps_table
    return [
        (table.item(row, 0).text(), table.item(row, 1).text(), table.item(row, 2).text())
        for row in range(table.rowCount())
    ]


def test_sessions_are_listed_newest_first_by_the_moment_they_started(view: HistoryView) -> None:
    # Session 8 started at 00:30 BST on 1 April, an hour after session 7 (23:30 BST, 31 March).
    assert ids(view) == [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    assert view.count_label.text() == "11 sessions"
    assert view.current is not None and view.current.id == 11  # the newest is shown at once


def test_each_row_shows_date_routine_length_outcome_and_pain(view: HistoryView) -> None:
    assert row_texts(view, 8) == [
        "Mon 1 Apr 2024  00:30",
        "Gentle start",
        "9:00",
        "Completed",
        "3 → 2",
        "4 → 3",
    ]
    assert row_texts(view, 7) == [
        "Sun 31 Mar 2024  23:30",
        "Gentle start",
        "4:00",
        "Stopped: pain spreading",
        "4 → 4",
        "5 → 7",
    ]
    assert row_texts(view, 6)[0] == "Sun 31 Mar 2024  00:30"  # before the clocks went forward
    assert row_texts(view, 9)[2:] == ["1:10", "Not finished", "", ""]
    assert row_texts(view, 5)[3:] == ["Completed", "– → 3", "– → 3"]
    assert row_texts(view, 3)[3:] == ["Stopped early", "5 → –", "7 → –"]
    assert view.model.headerData(4, Qt.Orientation.Horizontal) == "Back pain"
    assert SessionTableModel.row_texts(view.model.records[0])[1] == "Gentle start"


def test_the_detail_pane_lists_every_step_planned_against_done(view: HistoryView) -> None:
    select(view, 10)
    assert view.detail_title.text() == "Core and stability"
    assert view.detail_when.text() == "Thu 4 Apr 2024  09:00 · exercised 11:00 of 15:00 planned"
    assert view.detail_outcome.text() == "Completed"
    assert view.detail_pain.text() == "Back pain 3 → 2   ·   Leg pain 4 → 2"
    assert step_rows(view) == [
        ("Get ready", "0:10", "0:10"),
        ("Glute bridge · set 1/4 · left", "10 reps", "0:30 · 10 reps"),
        ("Glute bridge · set 2/4", "10 reps", "0:30 · 10 reps"),
        ("Glute bridge · set 3/4 · left", "10 reps", "Skipped at 0:02"),
        ("Glute bridge · set 4/4", "10 reps", "Skipped at 0:02"),
    ]
    assert view.steps_summary.text() == "Exercises: 2 done, 2 skipped, 4 planned"
    skipped = view.steps_table.item(3, 2)
    assert skipped.font().italic()


def test_a_stopped_session_names_the_reason_in_full(view: HistoryView) -> None:
    select(view, 7)
    assert view.detail_outcome.text() == "Stopped: pain spreading"
    select(view, 9)
    assert view.detail_outcome.text() == "Not finished"
    assert view.detail_pain.text() == "Pain: not recorded"
    assert len(step_rows(view)) == 3


def test_notes_can_be_edited_and_saved_afterwards(view: HistoryView, log: SessionLog) -> None:
    select(view, 10)
    assert view.notes.toPlainText() == NOTE
    assert not view.save_notes_button.isEnabled()
    view.notes.setPlainText("Felt easier than last week.")
    assert view.save_notes_button.isEnabled()
    assert view.notes_status.text() == "Not saved yet"
    view.save_notes_button.click()
    assert log.session(10).notes == "Felt easier than last week."
    assert not view.save_notes_button.isEnabled()
    assert view.notes_status.text() == "Saved"


def test_unsaved_notes_are_kept_when_another_session_is_chosen(
    view: HistoryView, log: SessionLog
) -> None:
    select(view, 2)
    view.notes.setPlainText("Knees ached a little.")
    select(view, 1)
    assert log.session(2).notes == "Knees ached a little."
    select(view, 2)
    assert view.notes.toPlainText() == "Knees ached a little."


def test_delete_asks_first_and_can_be_undone(view: HistoryView, log: SessionLog) -> None:
    asked: list[int] = []

    def refuse(record):  # type: ignore[no-untyped-def]
        asked.append(record.id)
        return False

    view.confirm_delete = refuse
    select(view, 7)
    view.delete_button.click()
    assert asked == [7] and 7 in ids(view) and view.undo_bar.isHidden()

    view.confirm_delete = lambda record: True
    view.delete_button.click()
    assert 7 not in ids(view)
    assert view.current is not None and view.current.id == 6  # the next older one
    assert view.count_label.text() == "10 sessions"
    assert not view.undo_bar.isHidden()
    assert "Gentle start session of Sun 31 Mar 2024  23:30" in view.undo_label.text()
    assert log.session(7).id == 7  # still in the log until the view closes

    view.undo_button.click()
    assert ids(view) == [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
    assert view.current is not None and view.current.id == 7
    assert view.undo_bar.isHidden()
    assert view.commit_pending_deletes() == 0
    assert log.session(7).id == 7


def test_deletes_happen_for_real_when_committed(view: HistoryView, log: SessionLog) -> None:
    view.confirm_delete = lambda record: True
    select(view, 3)
    view.delete_selected()
    select(view, 9)
    view.delete_selected()
    assert "2 deleted in all" in view.undo_label.text()
    view.refresh()  # a refresh keeps them hidden
    assert 3 not in ids(view) and 9 not in ids(view)
    view.undo_delete()  # brings back 9, the last one deleted
    assert 9 in ids(view) and 3 not in ids(view)
    assert view.undo_label.text() == "1 session deleted."
    assert view.commit_pending_deletes() == 1
    with pytest.raises(LogError, match="no session 3"):
        log.session(3)
    assert log.session(9).id == 9
    assert view.undo_bar.isHidden()


def test_leaving_the_page_commits_the_deletes(view: HistoryView, log: SessionLog) -> None:
    view.confirm_delete = lambda record: True
    select(view, 1)
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    assert 1 not in ids(view)
    view.hide()
    with pytest.raises(LogError):
        log.session(1)
    assert [r.id for r in log.sessions()] == [11, 10, 9, 8, 7, 6, 5, 4, 3, 2]


def test_a_session_can_be_shown_by_its_id(view: HistoryView) -> None:
    assert view.select_session(4)
    assert view.current is not None and view.current.id == 4
    assert view.table.currentIndex().row() == view.model.row_of(4)
    assert not view.select_session(999)


def test_print_asks_for_a_summary_of_the_selected_session(view: HistoryView, qtbot) -> None:  # type: ignore[no-untyped-def]
    select(view, 4)
    with qtbot.waitSignal(view.summary_requested, timeout=1000) as signal:
        view.summary_button.click()
    assert signal.args == [4]
    assert view.summary_button.text() == "Print / PDF…"


def test_a_session_in_progress_cannot_be_deleted(qtbot, log: SessionLog) -> None:  # type: ignore[no-untyped-def]
    from known_history import at

    running = log.start_session("balance", "Balance", 600.0, 5, at(4, 17, 8))
    view = HistoryView(log)
    qtbot.addWidget(view)
    select(view, running)
    assert row_texts(view, running)[3] == "In progress"
    assert not view.delete_button.isEnabled()
    view.confirm_delete = lambda record: True
    view.delete_selected()
    assert running in ids(view)


def test_an_empty_log_shows_a_friendly_message(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with SessionLog(tmp_path / "empty.db") as empty:
        view = HistoryView(empty)
        qtbot.addWidget(view)
        assert view.is_empty
        assert "No sessions yet" in view.empty_page.text()
        assert view.current is None
        assert not view.summary_button.isEnabled()
        view.delete_selected()  # nothing to delete, nothing happens
        assert view.commit_pending_deletes() == 0

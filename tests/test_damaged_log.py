"""A partly damaged log is refused as a whole, in one clear line or a dialog, and never written."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from command_line import cli, exported_csv
from sciatica_coach.core import paths
from sciatica_coach.core.instance_lock import InstanceLock
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import LogError
from sciatica_coach.core.schema import SCHEMA_VERSION
from sciatica_coach.ui import app as app_module

STARTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SESSIONS = 40
STEPS_PER_SESSION = 30


def write_log(data: Path) -> Path:
    """A healthy log of several pages: sessions with their steps."""
    path = paths.ensure_private_dir(data) / paths.DATABASE_NAME
    with SessionLog(path) as log:
        ids = [
            log.start_session("gentle-start", "Gentle start", 600.0, 10, STARTED + timedelta(n))
            for n in range(SESSIONS)
        ]
        for session_id in ids:
            log.finish_session(session_id, "completed", STARTED, 600.0)
    # The steps in one transaction: a test needs the pages, not thousands of fsyncs.
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            """INSERT INTO steps (session_id, step_index, kind, exercise_id, exercise_name,
                 set_number, set_count, side, planned_seconds, actual_seconds, reps_planned,
                 reps_done, status, ended_at)
               VALUES (?, ?, 'work', 'bridge', 'Glute bridge', 1, 2, NULL,
                 30.0, 31.5, 10, 10, 'done', ?)""",
            [
                (session_id, index, STARTED.isoformat())
                for session_id in ids
                for index in range(STEPS_PER_SESSION)
            ],
        )
    conn.close()
    return path


def overwrite_in_page(path: Path, table: str, where: Callable[[bytes], int], data: bytes) -> None:
    """Overwrite bytes of the root page of ``table`` at the offset ``where`` picks in it."""
    conn = sqlite3.connect(path)
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        page = file.read(page_size)
        file.seek((root - 1) * page_size + where(page))
        file.write(data)


def check(path: Path, pragma: str) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute(f"PRAGMA {pragma}").fetchone()[0])
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        conn.close()


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A log with garbage in the middle of a table page; its header is intact."""
    path = write_log(tmp_path / "data")
    overwrite_in_page(path, "steps", lambda page: len(page) // 2, b"\xff" * 64)
    # The header still reads, so the log used to open and fail later, page by page.
    assert check(path, "user_version") == str(SCHEMA_VERSION)
    assert check(path, "quick_check") != "ok"
    return path


@pytest.fixture
def damaged_index(tmp_path: Path) -> Path:
    """A log whose tables are sound but one index no longer matches its table: only the full
    integrity check sees it."""
    path = write_log(tmp_path / "data")
    overwrite_in_page(path, "sessions_by_status", lambda page: page.rfind(b"completed"), b"X")
    assert check(path, "quick_check") == "ok"
    assert check(path, "integrity_check") != "ok"
    return path


def files_of(path: Path) -> dict[str, bytes]:
    """The log and anything beside it, to show nothing was written."""
    return {p.name: p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name)}


@pytest.mark.parametrize("recover", [True, False])
def test_opening_a_damaged_log_raises_a_log_error_naming_the_file(
    damaged: Path, recover: bool
) -> None:
    before = files_of(damaged)
    with pytest.raises(LogError) as caught:
        SessionLog(damaged, recover=recover)
    assert str(damaged) in str(caught.value)
    assert "damaged" in str(caught.value)
    assert files_of(damaged) == before


def commands(tmp_path: Path) -> dict[str, list[str]]:
    return {
        "history": ["history"],
        "report": ["report", "--pdf", str(tmp_path / "report.pdf")],
        "summary": ["summary", "--pdf", str(tmp_path / "summary.pdf")],
        "export": ["export", "--csv", str(tmp_path / "out.csv")],
        "import": ["import", "--csv", str(exported_csv(tmp_path))],
    }


def assert_refused_in_one_line(result: subprocess.CompletedProcess[str], log: Path) -> None:
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert str(log) in lines[0] and "damaged" in lines[0]


@pytest.mark.parametrize("command", ["history", "report", "summary", "export", "import"])
def test_commands_refuse_a_damaged_log_in_one_line_and_leave_it_as_it_was(
    damaged: Path, tmp_path: Path, command: str
) -> None:
    args = commands(tmp_path)[command]
    before = files_of(damaged)
    assert_refused_in_one_line(cli(damaged.parent, *args), damaged)
    assert files_of(damaged) == before
    assert not (tmp_path / "report.pdf").exists() and not (tmp_path / "out.csv").exists()


def test_a_log_that_fails_only_the_full_check_opens_but_takes_no_import(
    damaged_index: Path, tmp_path: Path
) -> None:
    with SessionLog(damaged_index, recover=False) as log:
        assert len(log.sessions()) == SESSIONS  # readable, so reading commands still work
        with pytest.raises(LogError, match="damaged"):
            log.check_integrity()
    before = files_of(damaged_index)
    result = cli(damaged_index.parent, *commands(tmp_path)["import"])
    assert_refused_in_one_line(result, damaged_index)
    assert files_of(damaged_index) == before
    assert check(damaged_index, "integrity_check") != "ok"


def test_the_app_refuses_a_damaged_log_with_a_dialog(
    damaged: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", lambda parent, title, text, *rest: shown.append(text)
    )
    before = files_of(damaged)
    # Should the app open anyway, its event loop ends instead of hanging the test.
    give_up = QTimer()
    give_up.setSingleShot(True)
    give_up.timeout.connect(QApplication.quit)
    give_up.start(5000)
    try:
        assert app_module.run_app(damaged.parent) == 1
    finally:
        give_up.stop()
    assert len(shown) == 1 and str(damaged) in shown[0] and "damaged" in shown[0]
    assert files_of(damaged) == before
    InstanceLock.acquire(damaged.parent).release()  # let go of on the way out


def test_a_log_error_in_a_slot_is_a_dialog_and_other_errors_pass_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    passed_on: list[BaseException] = []

    def show(parent: QWidget | None, title: str, text: str, *rest: object) -> None:
        shown.append(text)

    monkeypatch.setattr(QMessageBox, "critical", show)
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: passed_on.append(error))
    restore = app_module.show_log_errors_in_dialogs()
    try:

        def read_a_damaged_page() -> None:
            raise LogError("The session log /x/sessions.sqlite3 is damaged or is not a database.")

        def something_else() -> None:
            raise ValueError("not a log problem")

        QTimer.singleShot(0, read_a_damaged_page)
        QTimer.singleShot(0, something_else)
        qtbot.waitUntil(lambda: bool(shown) and bool(passed_on), timeout=3000)
    finally:
        restore()
    assert shown == [
        f"{app_module.LOG_FAILED}\n\nThe session log /x/sessions.sqlite3 is damaged "
        "or is not a database."
    ]
    assert [type(error) for error in passed_on] == [ValueError]

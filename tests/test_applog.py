"""The app log: private rotating files in the data folder, a line for each session's start and
end by id only, errors with their type, and a folder that cannot be written never stops the app."""

from __future__ import annotations

import errno
import io
import logging
import os
import re
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from flow_helpers import App, failing_backend, make_app
from sciatica_coach import __version__, applog
from sciatica_coach.core import paths, safety
from sciatica_coach.ui import app as app_module
from sciatica_coach.ui.answers import ResumeAnswer
from sciatica_coach.ui.session_flow import FlowState
from sciatica_coach.ui.sound import CuePlayer

LINE = re.compile(
    r"^(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (?P<level>[A-Z]+) "
    r"(?P<name>[\w.]+): (?P<message>.*)$"
)
NOTE = "phone rang, Alice from the clinic"


@pytest.fixture(autouse=True)
def no_app_log_left_behind() -> Iterator[None]:
    yield
    applog.stop_app_log()
    assert logging.getLogger(applog.LOGGER_NAME).handlers == []


@pytest.fixture
def app(tmp_path: Path, qtbot: QtBot) -> Iterator[App]:
    """The real window over ``tmp_path/data``, its app log started as run_app starts it."""
    assert applog.start_app_log(paths.ensure_private_dir(tmp_path / "data")) is not None
    yield from make_app(tmp_path, qtbot)


def log_file(data: Path) -> Path:
    return applog.logs_dir(data) / applog.LOG_FILE


def messages(data: Path, logger: str | None = None) -> list[str]:
    """The messages of the log's lines (without time and level), from ``logger`` if given."""
    found = []
    for line in log_file(data).read_text().splitlines():
        match = LINE.match(line)
        if match and (logger is None or match["name"] == logger):
            found.append(match["message"])
    return found


def file_handler() -> applog.PrivateRotatingFileHandler:
    [handler] = [
        h
        for h in logging.getLogger(applog.LOGGER_NAME).handlers
        if isinstance(h, applog.PrivateRotatingFileHandler)
    ]
    return handler


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_log_file_is_private_in_a_private_folder_whatever_the_umask(tmp_path: Path) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    old = os.umask(0)
    try:
        path = applog.start_app_log(data)
        logging.getLogger("sciatica_coach.test").info("hello")
    finally:
        os.umask(old)
    assert path == log_file(data)
    assert mode(path.parent) == 0o700 and mode(path) == 0o600
    [line] = path.read_text().splitlines()
    match = LINE.match(line)
    assert match is not None and match["level"] == "INFO" and match["message"] == "hello"


def test_a_loose_log_folder_and_file_left_from_before_are_tightened(tmp_path: Path) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    folder = applog.logs_dir(data)
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    log_file(data).write_text("")
    log_file(data).chmod(0o644)
    applog.start_app_log(data)
    assert mode(folder) == 0o700 and mode(log_file(data)) == 0o600


def test_rotation_keeps_at_most_the_backups_it_is_told(tmp_path: Path) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    applog.start_app_log(data, max_bytes=2_000, backup_count=2)
    for number in range(500):
        logging.getLogger("sciatica_coach.test").info("line %d of a long morning", number)
    kept = sorted(p.name for p in applog.logs_dir(data).iterdir())
    assert kept == [applog.LOG_FILE, f"{applog.LOG_FILE}.1", f"{applog.LOG_FILE}.2"]
    assert all(mode(applog.logs_dir(data) / name) == 0o600 for name in kept)
    assert all(p.stat().st_size <= 2_000 for p in applog.logs_dir(data).iterdir())
    assert messages(data)[-1] == "line 499 of a long morning"


def test_a_line_that_cannot_be_formatted_is_still_written_and_raises_nothing(
    tmp_path: Path,
) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    applog.start_app_log(data)

    class Hostile:
        def __str__(self) -> str:
            raise RuntimeError("no")

        __repr__ = __str__

    # Straight to the file handler: pytest's own capture handler raises on such lines.
    for msg, args in (("%d minutes", ("ten",)), (Hostile(), ())):
        record = logging.makeLogRecord(
            {"name": "sciatica_coach.test", "msg": msg, "args": args, "levelname": "INFO"}
        )
        file_handler().handle(record)
    first, second = messages(data)
    assert first.startswith("(a log line that could not be formatted, TypeError: '%d minutes'")
    assert second == "(a log line that could not be formatted, RuntimeError: ?)"


def test_a_session_logs_its_start_and_stop_by_ids_and_codes_only(app: App) -> None:
    data = app.window.context.data
    app.start_by_keyboard(7, 8)
    app.run(5 + 3)  # into the left-side hold
    app.player_keys(Qt.Key.Key_S)
    app.keys(str(safety.SHEET_REASONS.index(safety.OTHER) + 1))
    app.keys(NOTE, Qt.Key.Key_Return)
    app.rate(3, 9)
    assert app.window.flow.state is FlowState.END
    record = app.log.sessions()[0]
    assert record.notes == NOTE and record.pain_after is not None  # all of it is in the log
    assert messages(data, "sciatica_coach.ui.session_flow") == [
        "Session 1 started: routine short, step 0",
        "Session 1 stopped at step 1, reason other",
    ]
    # The app log holds none of it: no routine or exercise names, notes or scores.
    text = log_file(data).read_text()
    for private in ("Short test routine", "hamstring", "Alice", "phone", "pain", "back", "leg"):
        assert private.lower() not in text.lower()


def test_quitting_mid_session_is_logged(app: App) -> None:
    app.start_by_keyboard()
    app.run(5 + 10 + 1.5)  # left side done, in the switch
    app.window.close()
    assert messages(app.window.context.data, "sciatica_coach.ui.session_flow") == [
        "Session 1 started: routine short, step 0",
        "Quit during session 1",
        "Session 1 stopped at step 2, reason closed_app",
    ]


def test_resuming_after_a_crash_is_logged(app: App, qtbot: QtBot) -> None:
    app.start_by_keyboard()
    app.run(5 + 10 + 3 + 4)  # 4 s into the right side
    first = app.window
    # A crash: the first window simply stops existing as far as the log is concerned.
    first.flow.player.detach()
    first.flow.session = None
    first.flow.state = FlowState.IDLE
    reopened = type(app.log)(app.log.path)
    first.context.log = reopened
    second = app_module.MainWindow(first.context)
    second.confirm_quit = lambda: True
    qtbot.addWidget(second)
    second.offer_resume(ask=lambda record: ResumeAnswer.RESUME)
    assert second.flow.session is not None
    second.close()
    reopened.close()
    assert messages(first.context.data, "sciatica_coach.ui.session_flow") == [
        "Session 1 started: routine short, step 0",
        "Session 1 resumed: routine short, step 3",
        "Quit during session 1",
        "Session 1 stopped at step 3, reason closed_app",
    ]


def test_sound_turning_itself_off_reaches_the_file(tmp_path: Path, qtbot: QtBot) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    applog.start_app_log(data, stderr=io.StringIO())
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    player = CuePlayer(paths.assets_dir() / "sounds", settings, backend=failing_backend)
    try:
        player.play("tick")
        qtbot.waitUntil(lambda: bool(messages(data, "sciatica_coach.ui.sound")), timeout=3000)
    finally:
        player.close(wait_seconds=1.0)
    assert messages(data, "sciatica_coach.ui.sound") == [
        "Sound cues turned off: OSError: no audio device"
    ]


def test_errors_reaching_the_hook_are_logged_with_their_type(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    applog.start_app_log(data)
    passed_on: list[BaseException] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: None)
    monkeypatch.setattr(sys, "excepthook", lambda kind, error, trace: passed_on.append(error))
    restore = app_module.show_log_errors_in_dialogs()
    try:
        log_error = app_module.LogError  # wherever the log module keeps it
        sys.excepthook(log_error, log_error("The log is locked."), None)
        try:
            raise ValueError("not a log problem")
        except ValueError as error:
            sys.excepthook(ValueError, error, error.__traceback__)
    finally:
        restore()
    assert [type(error) for error in passed_on] == [ValueError]
    text = log_file(data).read_text()
    assert "ERROR sciatica_coach.ui.app: Caught LogError: The log is locked.\n" in text
    assert "ERROR sciatica_coach.ui.app: Uncaught ValueError\nTraceback (most recent" in text
    assert text.endswith("ValueError: not a log problem\n")


def fake_open_and_run(app: object, data: Path, server: object, routine: str | None) -> int:
    logging.getLogger("sciatica_coach.test").info("the window ran")
    return 0


def test_run_app_logs_its_start_and_close_and_stops_the_log(
    tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr(app_module, "_open_and_run", fake_open_and_run)
    assert app_module.run_app(data) == 0
    assert messages(data) == [
        f"Sciatica Coach {__version__} started; data folder {data}",
        "the window ran",
        "Sciatica Coach closed",
    ]
    assert logging.getLogger(applog.LOGGER_NAME).handlers == []


def test_a_file_where_the_log_folder_should_be_does_not_stop_the_app(
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    applog.logs_dir(data).write_text("not a folder")
    monkeypatch.setattr(app_module, "_open_and_run", fake_open_and_run)
    assert app_module.run_app(data) == 0
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"Sciatica Coach is running without its app log: {applog.logs_dir(data)}: "
        f"{os.strerror(errno.ENOTDIR)}"
    ]
    assert applog.logs_dir(data).read_text() == "not a folder"


def test_a_write_that_fails_later_is_said_once_and_raises_nothing(tmp_path: Path) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    said = io.StringIO()
    applog.start_app_log(data, stderr=said)
    handler = file_handler()
    assert handler.stream is not None
    handler.stream.close()  # as if the disk had gone away
    for _ in range(3):
        logging.getLogger("sciatica_coach.test").info("lost")
    [line] = said.getvalue().splitlines()
    assert line.startswith(f"Sciatica Coach could not write its app log {log_file(data)}")


def test_help_opens_the_log_folder(app: App, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    folder = applog.logs_dir(app.window.context.data)
    log_file(app.window.context.data).unlink()
    folder.rmdir()  # gone since: the menu makes it again
    [help_menu] = [a.menu() for a in app.window.menuBar().actions() if a.text() == "&Help"]
    assert help_menu is not None
    assert app.window.open_logs_action in help_menu.actions()
    assert app.window.open_logs_action.text() == "Open &log folder"
    app.window.open_logs_action.trigger()
    assert [url.toLocalFile() for url in opened] == [str(folder)]
    assert folder.is_dir() and mode(folder) == 0o700

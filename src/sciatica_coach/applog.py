"""The app's own log: what it did and what went wrong, in a few small files in the data folder.

Every module logs through ``logging.getLogger(__name__)``; ``start_app_log`` sends all of
``sciatica_coach.*`` to ``logs/sciatica-coach.log`` (rotated at about 1 MB, a few files kept),
private like the rest of the folder. Lines name sessions and routines by id and stops by code,
never pain scores, notes or names: the file is for finding faults, and may be sent to someone.

The log never stops the app: a folder that cannot be written means no file log this run,
said once on stderr, and a write that fails later is said once and then dropped.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from datetime import UTC, datetime
from io import TextIOWrapper
from pathlib import Path
from typing import TextIO

from sciatica_coach.core.paths import ensure_private_dir

LOGGER_NAME = "sciatica_coach"
LOGS_DIR = "logs"
LOG_FILE = "sciatica-coach.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
# i18n: not words (the log's own format and its complaints on the terminal)
LINE_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# What start_app_log added, and the logger's level before, for stop_app_log.
_started: list[tuple[list[logging.Handler], int]] = []


def logs_dir(data: Path) -> Path:
    """The folder of the app log inside the data folder ``data``."""
    return data / LOGS_DIR


class SafeFormatter(logging.Formatter):
    """Times in UTC ISO-8601; a line whose arguments do not fit its message is still written."""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        moment = datetime.fromtimestamp(record.created, UTC)
        return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def format(self, record: logging.LogRecord) -> str:
        try:
            return super().format(record)
        except Exception as error:
            # A bad log call must not cost the line, nor raise inside whatever was logging.
            try:
                what = repr(record.msg)
            except Exception:
                what = "?"
            # i18n: not words (the log's own format and its complaints on the terminal)
            return (
                f"{self.formatTime(record)} {record.levelname} {record.name}: "
                f"(a log line that could not be formatted, {type(error).__name__}: {what})"
            )


class PrivateRotatingFileHandler(logging.FileHandler):
    """A rotating file handler whose files are readable by their owner only (0600).

    It rotates as logging.handlers.RotatingFileHandler does (``sciatica-coach.log.1`` is the
    newest kept file), without that module, which brings sockets and pickling into every
    start. A write that fails (disk full, the folder taken away) is said once on ``stderr``,
    not as a traceback for every line as logging does by default.
    """

    def __init__(self, path: Path, max_bytes: int, backup_count: int, stderr: TextIO) -> None:
        self._stderr = stderr
        self._failed = False
        self.max_bytes = max_bytes
        self.backup_count = backup_count
        super().__init__(path, encoding="utf-8", errors="backslashreplace")

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self._should_roll_over(record):
                self._roll_over()
            super().emit(record)
        except Exception:
            self.handleError(record)

    def _should_roll_over(self, record: logging.LogRecord) -> bool:
        if os.path.exists(self.baseFilename) and not os.path.isfile(self.baseFilename):
            return False  # never roll a device or a pipe over
        if self.stream is None:
            self.stream = self._open()
        if self.max_bytes <= 0:
            return False
        line = f"{self.format(record)}\n"
        self.stream.seek(0, os.SEEK_END)
        return self.stream.tell() + len(line) >= self.max_bytes

    def _roll_over(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        if self.backup_count > 0:
            for number in range(self.backup_count - 1, 0, -1):
                older = f"{self.baseFilename}.{number}"
                if os.path.exists(older):
                    os.replace(older, f"{self.baseFilename}.{number + 1}")
            if os.path.exists(self.baseFilename):
                os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()

    def _open(self) -> TextIOWrapper:
        # Made 0600 from the first byte, whatever the umask; an older, looser file is
        # tightened. Rotation renames files, so the kept ones stay private too.
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(self.baseFilename, flags, 0o600)
        try:
            if os.stat(descriptor).st_mode & 0o077:
                os.chmod(self.baseFilename, 0o600)
            return open(descriptor, "a", encoding=self.encoding, errors=self.errors)
        except BaseException:
            os.close(descriptor)
            raise

    def handleError(self, record: logging.LogRecord) -> None:
        if self._failed:
            return
        self._failed = True
        error = sys.exc_info()[1]
        # If stderr itself is gone there is nobody left to tell.
        with contextlib.suppress(Exception):
            # i18n: not words (the log's own format and its complaints on the terminal)
            print(
                f"Sciatica Coach could not write its app log {self.baseFilename} ({error}); "
                "carrying on without it.",
                file=self._stderr,
            )


def start_app_log(
    data: Path,
    *,
    max_bytes: int = MAX_BYTES,
    backup_count: int = BACKUP_COUNT,
    stderr: TextIO | None = None,
) -> Path | None:
    """Log ``sciatica_coach.*`` at INFO and above to the rotating file in ``data``'s logs folder.

    Returns the file's path, or None when the folder or file cannot be made: then there is no
    file log this run, and one line on ``stderr`` says so. Never raises OSError. A second
    start replaces the first; ``stop_app_log`` undoes it.
    """
    out = stderr if stderr is not None else sys.stderr
    stop_app_log()
    logger = logging.getLogger(LOGGER_NAME)
    # While no handler listened, Python's last resort printed warnings and errors on stderr.
    # Warnings still go there (sound turned off, say); errors are printed or shown by whatever
    # caught them, so they are not said twice.
    warnings = logging.StreamHandler(out)
    warnings.setLevel(logging.WARNING)
    warnings.addFilter(lambda record: record.levelno < logging.ERROR)
    handlers: list[logging.Handler] = [warnings]
    path: Path | None = None
    folder = logs_dir(data)
    try:
        ensure_private_dir(folder)
        file_log = PrivateRotatingFileHandler(folder / LOG_FILE, max_bytes, backup_count, out)
    except OSError as error:
        why = os.strerror(error.errno) if error.errno else str(error)
        # i18n: not words (the log's own format and its complaints on the terminal)
        print(f"Sciatica Coach is running without its app log: {folder}: {why}", file=out)
    else:
        file_log.setFormatter(SafeFormatter(LINE_FORMAT))
        file_log.setLevel(logging.INFO)
        handlers.append(file_log)
        path = Path(file_log.baseFilename)
    _started.append((handlers, logger.level))
    for handler in handlers:
        logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return path


def stop_app_log() -> None:
    """Close the file log and put the ``sciatica_coach`` logger back as it was."""
    logger = logging.getLogger(LOGGER_NAME)
    while _started:
        handlers, level = _started.pop()
        for handler in handlers:
            logger.removeHandler(handler)
            # Closing flushes: a disk that went away must not fail the app on its way out.
            with contextlib.suppress(OSError, ValueError):
                handler.close()
        logger.setLevel(level)

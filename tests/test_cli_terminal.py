"""The command line in a terminal: names from files cannot drive the terminal, a closed pipe
is not a traceback, a data folder that is a file is an error, and Qt's own options pass."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sciatica_coach.cli import main, split_qt_options
from sciatica_coach.core import paths
from sciatica_coach.core.log import SessionLog

HOSTILE_NAME = "Evil\x1b[2J\x1b]0;owned\x07 \u202ename\nsecond line\r"
ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def hostile_routine(data: Path) -> None:
    routines = paths.ensure_private_dir(data) / "routines"
    routines.mkdir(exist_ok=True)
    name = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in HOSTILE_NAME)
    (routines / "evil.toml").write_text(
        f'id = "evil"\nname = "{name}"\n[[block]]\nexercise = "glute_bridge"\n'
    )


def assert_tame(text: str) -> None:
    for char in ("\x1b", "\x07", "\r", "\u202e"):
        assert char not in text


def test_routine_names_are_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_routine(tmp_path)
    assert main(["--data-dir", str(tmp_path), "routines"]) == 0
    out = capsys.readouterr().out
    assert_tame(out)
    assert "\\x1b[2J" in out and "\\u202e" in out
    row = next(line for line in out.splitlines() if line.startswith("evil "))
    assert "second line" in row, "a newline in a name stays on the name's own row"
    assert main(["--data-dir", str(tmp_path), "plan", "evil"]) == 0
    assert_tame(capsys.readouterr().out)


def test_history_prints_logged_names_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    with SessionLog(data / paths.DATABASE_NAME) as log:
        when = datetime(2026, 3, 2, 9, tzinfo=UTC)
        session_id = log.start_session("evil", HOSTILE_NAME, 60, 1, when)
        log.finish_session(session_id, "completed", when, 60.0)
    assert main(["--data-dir", str(data), "history"]) == 0
    out = capsys.readouterr().out
    assert_tame(out)
    assert len(out.splitlines()) == 2


def test_a_data_folder_that_is_a_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plain = tmp_path / "data"
    plain.write_text("not a folder")
    for command in (["history"], ["routines"], ["export", "--csv", str(tmp_path / "x.csv")]):
        assert main(["--data-dir", str(plain), *command]) == 1
        err = capsys.readouterr().err
        assert "is a file, not a folder" in err and len(err.splitlines()) == 1
    assert plain.read_text() == "not a folder"


def test_history_into_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    with SessionLog(data / paths.DATABASE_NAME) as log:
        for day in range(1, 28):
            when = datetime(2026, 2, day, 9, tzinfo=UTC)
            session_id = log.start_session("gentle", "Gentle start " * 20, 60, 1, when)
            log.finish_session(session_id, "completed", when, 60.0)
    history = subprocess.Popen(
        [sys.executable, "-m", "sciatica_coach", "--data-dir", str(data), "history"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert history.stdout is not None
    history.stdout.readline()
    history.stdout.close()  # what "| head -1" does
    _, err = history.communicate(timeout=60)
    assert b"Traceback" not in err and b"BrokenPipe" not in err


def test_qt_options_go_to_qt_and_not_to_the_argument_parser() -> None:
    ours, qt = split_qt_options(
        ["-style", "fusion", "--data-dir", "d", "-platform=offscreen", "-reverse", "start", "x"]
    )
    assert ours == ["--data-dir", "d", "start", "x"]
    assert qt == ["-style", "fusion", "-platform=offscreen", "-reverse"]


def test_qt_options_are_accepted_for_the_app_and_refused_for_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "start" with an unknown routine stops before any window: the options were accepted.
    code = main(["-style", "fusion", "--data-dir", str(tmp_path), "start", "nope"])
    assert code == 2 and "No routine with id 'nope'" in capsys.readouterr().err
    assert main(["-style", "fusion", "--data-dir", str(tmp_path), "history"]) == 2
    assert "does nothing for 'history'" in capsys.readouterr().err

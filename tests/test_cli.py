from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sciatica_coach import __version__
from sciatica_coach.cli import main


def run(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    code = main(["--data-dir", str(tmp_path / "data"), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_prints_a_timeline_matching_the_stated_length(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["plan", "gentle-start"], tmp_path, capsys)
    assert code == 0
    assert "Get ready" in out and "Switch sides" in out and "Rest" in out
    total_line = next(line for line in out.splitlines() if line.startswith("Total"))
    minutes = float(total_line.split("(")[1].split(" min")[0])
    assert abs(minutes - 10) <= 1.5
    assert "stated length 10 min" in total_line


def test_plan_of_an_unknown_routine_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["plan", "nope"], tmp_path, capsys)
    assert code == 2
    assert err.startswith("unknown routine 'nope'") and len(err.strip().splitlines()) == 1


def test_check_reports_file_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "mine.toml"
    broken.write_text(
        'id = "mine"\nname = "Mine"\n[[block]]\nexercise = "glute_bridge"\nsets = 500\n'
    )
    code, _, err = run(["check", str(broken)], tmp_path, capsys)
    assert code == 2
    assert f"{broken}: block #1 (exercise 'glute_bridge'): sets must be from 1 to 10" in err


def test_check_accepts_a_good_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "mine.toml"
    good.write_text('id = "mine"\nname = "Mine"\n[[block]]\nexercise = "glute_bridge"\n')
    code, out, _ = run(["check", str(good)], tmp_path, capsys)
    assert code == 0 and "ok, routine 'mine'" in out


def test_routines_lists_builtins_and_skips_broken_user_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "data" / "routines"
    own.mkdir(parents=True)
    (own / "broken.toml").write_text("id = ")
    (own / "mine.toml").write_text('id = "mine"\nname = "Mine"\n[[block]]\nexercise = "bird_dog"\n')
    code, out, err = run(["routines"], tmp_path, capsys)
    assert code == 0
    assert "gentle-start" in out and "built-in" in out and "mine" in out
    assert "routines/broken.toml: is not valid TOML" in err


def test_bad_arguments_exit_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["history", "--since", "yesterday"], tmp_path, capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1


def test_history_on_a_fresh_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["history"], tmp_path, capsys)
    assert code == 0 and "No sessions" in out


def test_version_from_the_installed_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sciatica_coach", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.strip() == f"sciatica-coach {__version__}"


def test_history_leaves_a_running_session_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from datetime import UTC, datetime

    from sciatica_coach.core.log import SessionLog

    database = tmp_path / "data" / "sessions.sqlite3"
    with SessionLog(database) as log:
        log.start_session("gentle-start", "Gentle start", 600, 10, datetime.now(UTC))
    code, out, _ = run(["history"], tmp_path, capsys)
    assert code == 0 and "In progress" in out
    with SessionLog(database) as log:
        assert [r.routine_id for r in log.interrupted] == ["gentle-start"]

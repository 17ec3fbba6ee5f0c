"""``--self-test``: a tiny routine through the real window, offscreen, in a folder of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from sciatica_coach import selftest

OK_LINE = re.compile(
    r"^self-test ok: 3 steps logged, session completed, summary printed, chart drawn in \d+\.\d s$"
)


def test_self_test_runs_a_session_and_leaves_nothing_behind(
    qapp: QApplication,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    assert selftest.run_self_test() == 0
    out = capsys.readouterr().out
    assert OK_LINE.match(out.strip()), out
    assert list(tmp_path.iterdir()) == [], "the temporary data folder is removed"


def test_a_failing_self_test_says_what_failed_in_one_line(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = selftest.ROUTINE_TOML.replace('"child_pose"', '"no_such_exercise"')
    monkeypatch.setattr(selftest, "ROUTINE_TOML", broken)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out.strip()
    assert out.startswith("self-test FAILED: SelfTestError: the routine library has problems")
    assert "no_such_exercise" in out and len(out.splitlines()) == 1


def test_self_test_flag_prints_one_line_and_chooses_offscreen_itself(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["HOME"] = str(tmp_path / "home")  # nothing may land in the user's own folders
    env["TMPDIR"] = str(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "sciatica_coach", "--self-test"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert OK_LINE.match(result.stdout.strip()), result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_chart_drawn_without_its_line_fails_the_self_test(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As a bundle would draw if pyqtgraph's line took a path the bundle cannot carry (its
    # OpenGL one): the frame, the axes and the dots, no line.
    import pyqtgraph as pg

    monkeypatch.setattr(pg.PlotCurveItem, "paint", lambda self, painter, *args: None)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out.strip()
    assert out == "self-test FAILED: SelfTestError: the chart could not be drawn"


def test_wrong_matrix_arithmetic_fails_the_self_test(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As numpy would answer with a BLAS or LAPACK built for 32-bit sizes in place of its own.
    import numpy as np

    monkeypatch.setattr(np.linalg, "solve", lambda a, b: np.zeros_like(b))
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out.strip()
    assert out == "self-test FAILED: SelfTestError: numpy's matrix arithmetic gives wrong answers"

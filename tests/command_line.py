"""The command line run for real in its own process, and a backup file to import."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sciatica_coach.cli import main
from sciatica_coach.core import paths
from sciatica_coach.core.log import SessionLog

STARTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def cli(data: Path, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m sciatica_coach --data-dir DATA ARGS``; a separate process, so a hang or a
    lock held by this one fails the test instead of stopping it."""
    return subprocess.run(
        [sys.executable, "-m", "sciatica_coach", "--data-dir", str(data), *args],
        input=input,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=60,
    )


def exported_csv(tmp_path: Path) -> Path:
    """A valid backup holding one finished session, written by 'export' from another folder."""
    source = tmp_path / "elsewhere"
    with SessionLog(source / paths.DATABASE_NAME) as log:
        session_id = log.start_session("gentle-start", "Gentle start", 600.0, 10, STARTED)
        log.finish_session(session_id, "completed", STARTED + timedelta(minutes=10), 600.0)
    target = tmp_path / "backup.csv"
    assert main(["--data-dir", str(source), "export", "--csv", str(target)]) == 0
    return target

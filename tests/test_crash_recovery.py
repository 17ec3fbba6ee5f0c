"""A process killed mid-session loses nothing it had recorded, and the session can be resumed."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import StepRecord

NOW = datetime(2024, 5, 6, 8, 6, tzinfo=UTC)
SRC = Path(__file__).resolve().parents[1] / "src"

# Runs in a child: open the log, start a session, record steps, then die without any clean-up.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from datetime import datetime, timedelta
    from pathlib import Path
    from zoneinfo import ZoneInfo
    from sciatica_coach.core.log import SessionLog
    from sciatica_coach.core.records import StepRecord

    path, steps, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    log = SessionLog(path)
    start = datetime(2024, 5, 6, 9, 0, tzinfo=ZoneInfo("Europe/London"))
    session_id = log.start_session("gentle", "Gentle start", 600.0, steps, start)

    def record(index):
        log.record_step(session_id, StepRecord(
            index, "work", "bridge", "Glute bridge", 1, 1, None, 30.0, 29.5, 10, 10,
            "done", start + timedelta(seconds=30 * (index + 1))))

    for index in range(steps):
        record(index)
    print("ready", session_id, flush=True)
    if mode == "self":
        os.kill(os.getpid(), signal.SIGKILL)
    index = steps
    while True:  # keep writing until the parent kills us, reporting each committed step
        record(index)
        sys.stdout.write(f"recorded {index}\\n")
        sys.stdout.flush()
        index += 1
    """
)


def spawn(db_path: Path, steps: int, mode: str) -> subprocess.Popen[str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db_path), str(steps), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_crash_mid_session_keeps_finished_steps(tmp_path: Path) -> None:
    db_path = tmp_path / "data" / "sessions.db"
    child = spawn(db_path, 5, "self")
    out, err = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL, err
    assert out.split()[:1] == ["ready"]
    session_id = int(out.split()[1])
    # The killed process never checkpointed: its writes live only in the write-ahead log.
    assert db_path.with_name("sessions.db-wal").stat().st_size > 0

    with SessionLog(db_path) as log:
        [record] = log.interrupted
        assert record.id == session_id
        assert record.status == "interrupted"
        assert log.session(session_id).status == "interrupted"
        steps = log.steps(session_id)
        assert [s.step_index for s in steps] == [0, 1, 2, 3, 4]
        assert all(s.status == "done" and s.actual_seconds == 29.5 for s in steps)
        assert steps[-1].ended_at == datetime(2024, 5, 6, 8, 2, 30, tzinfo=UTC)
        assert record.active_seconds == 5 * 29.5
        assert record.work_done == 5


def test_a_session_killed_while_writing_keeps_every_step_it_reported(tmp_path: Path) -> None:
    db_path = tmp_path / "sessions.db"
    child = spawn(db_path, 1, "loop")
    assert child.stdout is not None
    session_id = int(child.stdout.readline().split()[1])
    reported = [int(child.stdout.readline().split()[1]) for _ in range(25)]
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    complete_lines = child.stdout.read().split("\n")[:-1]  # the kill may cut the last line
    reported += [int(line.split()[1]) for line in complete_lines]
    child.stdout.close()
    assert child.stderr is not None
    child.stderr.close()

    with SessionLog(db_path) as log:
        assert [r.id for r in log.interrupted] == [session_id]
        kept = [s.step_index for s in log.steps(session_id)]
    assert kept == list(range(len(kept)))  # whole commits only: no holes, nothing half-written
    assert set(reported) <= set(kept)
    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_an_interrupted_session_resumes_where_it_stopped(tmp_path: Path) -> None:
    db_path = tmp_path / "sessions.db"
    child = spawn(db_path, 3, "self")
    out, _ = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL
    session_id = int(out.split()[1])

    with SessionLog(db_path) as log:
        assert log.reopen_session(session_id) == 3
        rest = StepRecord(3, "rest", None, None, 1, 1, None, 10.0, 10.0, None, None, "done", NOW)
        log.record_step(session_id, rest)
        log.finish_session(session_id, "completed", NOW, 99.0)
    with SessionLog(db_path) as log:
        assert log.interrupted == []
        record = log.session(session_id)
        assert record.status == "completed"
        assert [s.step_index for s in log.steps(session_id)] == [0, 1, 2, 3]

"""One app per data folder: the lock comes first, a second launch only brings the first forward,
a running session is never touched by another process, and import waits its turn."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from command_line import cli, exported_csv
from sciatica_coach.cli import main
from sciatica_coach.core import paths
from sciatica_coach.core.instance_lock import LOCK_NAME, InstanceLock, InstanceLockHeld
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.records import IN_PROGRESS, INTERRUPTED, StepRecord
from sciatica_coach.core.safety import SAFETY_VERSION
from sciatica_coach.ui.app import ALREADY_OPEN
from sciatica_coach.ui.launch import (
    DONE_REPLY,
    RAISE_MESSAGE,
    listen_for_second_launch,
    send_to_running_instance,
    server_name,
)
from sciatica_coach.ui.settings_keys import ACK_KEY

RACES = 20
START = ("start", "gentle-start")
RACES_AT_ONCE = 10
STARTED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

# Each launch first pays for its imports and its QApplication (which the app reuses), then
# waits for the start line (a file), so the two launches of a race reach the real entry point
# and its lock within a few milliseconds of each other.
LAUNCHER = """\
import runpy, sys, time
from pathlib import Path
from sciatica_coach.ui.app import make_application
make_application()
go, ready = Path(sys.argv[1]), Path(sys.argv[2])
ready.touch()
while not go.exists():
    time.sleep(0.003)
sys.argv = ["sciatica-coach", *sys.argv[3:]]
runpy.run_module("sciatica_coach", run_name="__main__", alter_sys=True)
"""


def acknowledged_folder(data: Path) -> Path:
    """A data folder whose user has already read the safety screen."""
    paths.ensure_private_dir(data)
    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(ACK_KEY, SAFETY_VERSION)
    settings.sync()
    return data


def app_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


@dataclass
class Launch:
    """One ``python -m sciatica_coach --data-dir DATA``, held at the start line until ``go``."""

    process: subprocess.Popen[bytes]
    ready: Path
    err: Path

    @classmethod
    def start(cls, launcher: Path, data: Path, go: Path, name: str) -> Launch:
        ready, err = data.parent / f"{name}.ready", data.parent / f"{name}.err"
        with open(err, "wb") as err_file:
            process = subprocess.Popen(
                [sys.executable, str(launcher), str(go), str(ready), "--data-dir", str(data)],
                stdout=subprocess.DEVNULL,
                stderr=err_file,
                env=app_env(),
            )
        return cls(process, ready, err)

    @property
    def stderr(self) -> str:
        return self.err.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=10)


@dataclass
class Race:
    """Two launches over one fresh data folder, and a third kept back for later."""

    data: Path
    go: Path
    late_go: Path
    pair: tuple[Launch, Launch]
    late: Launch
    winner: Launch | None = None
    session_id: int = 0
    losers: list[Launch] = field(default_factory=list)

    @property
    def launches(self) -> list[Launch]:
        return [*self.pair, self.late]


@pytest.fixture
def launcher(tmp_path: Path) -> Path:
    path = tmp_path / "launcher.py"
    path.write_text(LAUNCHER)
    return path


@pytest.fixture
def races(tmp_path: Path, launcher: Path) -> Iterator[list[Race]]:
    made: list[Race] = []
    yield made
    for race in made:
        for launch in race.launches:
            launch.stop()


def wait_until(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def answers(data: Path, within: float = 1.0) -> bool:
    """Whether an app over ``data`` is up with its window and acts on a request in time."""
    return send_to_running_instance(server_name(data), RAISE_MESSAGE, within) == DONE_REPLY


def start_running_session(data: Path) -> int:
    """A session under way, as the app logs one: started, one step done, not finished."""
    with SessionLog(data / paths.DATABASE_NAME, recover=False) as log:
        session_id = log.start_session("gentle-start", "Gentle start", 600.0, 10, STARTED)
        log.record_step(
            session_id,
            StepRecord(
                0,
                "work",
                "bridge",
                "Glute bridge",
                1,
                2,
                None,
                30.0,
                30.5,
                10,
                10,
                "done",
                STARTED + timedelta(seconds=40),
            ),
        )
    return session_id


def session_state(data: Path, session_id: int) -> tuple[str, int]:
    with SessionLog(data / paths.DATABASE_NAME, recover=False) as log:
        return log.session(session_id).status, len(log.steps(session_id))


def test_two_launches_at_once_leave_one_app_and_its_running_session_untouched(
    tmp_path: Path, launcher: Path, races: list[Race], qapp: QApplication
) -> None:
    began = time.monotonic()
    for first in range(0, RACES, RACES_AT_ONCE):
        batch: list[Race] = []
        for n in range(first, min(first + RACES_AT_ONCE, RACES)):
            data = acknowledged_folder(tmp_path / f"race{n}" / "data")
            go, late_go = data.parent / "go", data.parent / "late-go"
            pair = (
                Launch.start(launcher, data, go, "a"),
                Launch.start(launcher, data, go, "b"),
            )
            race = Race(data, go, late_go, pair, Launch.start(launcher, data, late_go, "c"))
            races.append(race)
            batch.append(race)
        readies = [launch.ready for race in batch for launch in race.launches]
        wait_until(lambda r=readies: all(p.exists() for p in r), 60, "the imports")

        for race in batch:
            race.go.touch()
        for race in batch:
            wait_until(
                lambda p=race.pair: any(launch.process.poll() is not None for launch in p),
                20,
                f"one launch of {race.data} to give way",
            )
            a, b = race.pair
            loser, winner = (a, b) if a.process.poll() is not None else (b, a)
            assert loser.process.returncode == 0, loser.stderr
            assert ALREADY_OPEN in loser.stderr.splitlines(), loser.stderr
            assert winner.process.poll() is None, winner.stderr
            race.winner = winner

        # Each winner is up with its window (it answers), and is running a session.
        for race in batch:
            # A generous wait: twenty apps may be starting on a busy machine.
            assert answers(race.data, within=20), race.winner and race.winner.stderr
            race.session_id = start_running_session(race.data)
            race.late_go.touch()
        for race in batch:
            race.late.process.wait(timeout=20)
            assert race.late.process.returncode == 0, race.late.stderr
            assert ALREADY_OPEN in race.late.stderr.splitlines(), race.late.stderr
            assert race.winner is not None and race.winner.process.poll() is None
            assert session_state(race.data, race.session_id) == (IN_PROGRESS, 1)
            for launch in race.launches:
                assert "Traceback" not in launch.stderr, launch.stderr
            # Done with it: stopped before it loads the charts, which the others would wait on.
            for launch in race.launches:
                launch.stop()
    elapsed = time.monotonic() - began
    print(f"{RACES} races of two launches (and a third) in {elapsed:.1f} s")


def launch_app(data: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sciatica_coach", "--data-dir", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=app_env(),
    )


def test_a_lock_left_by_a_killed_app_does_not_block_the_next_start(
    tmp_path: Path, qapp: QApplication
) -> None:
    data = acknowledged_folder(tmp_path / "data")
    first = launch_app(data)
    second: subprocess.Popen[bytes] | None = None
    try:
        wait_until(lambda: answers(data), 30, "the first app")
        session_id = start_running_session(data)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        assert (data / LOCK_NAME).exists()  # left behind, as after any crash

        second = launch_app(data)
        wait_until(lambda: answers(data) or second.poll() is not None, 30, "the second app")
        assert second.poll() is None
        # The second app holds the lock now, so the dead app's session is its to recover.
        assert session_state(data, session_id) == (INTERRUPTED, 1)

        # While it runs, readers work and an import is refused in one line.
        history = cli(data, "history")
        assert history.returncode == 0 and "Gentle start" in history.stdout, history.stderr
        backup = exported_csv(tmp_path)
        before = (data / paths.DATABASE_NAME).read_bytes()
        refused = cli(data, "import", "--csv", str(backup))
        assert refused.returncode == 1
        assert refused.stderr.startswith(f"Another Sciatica Coach (process {second.pid})")
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
        assert (data / paths.DATABASE_NAME).read_bytes() == before
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=10)


def test_import_is_refused_while_the_lock_is_held_and_works_after(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    SessionLog(data / paths.DATABASE_NAME).close()
    backup = exported_csv(tmp_path)
    capsys.readouterr()
    log_file = data / paths.DATABASE_NAME
    with InstanceLock.acquire(data):
        before = log_file.read_bytes()
        code = main(["--data-dir", str(data), "import", "--csv", str(backup)])
        out, err = capsys.readouterr()
        assert code == 1 and out == ""
        assert err.strip() == (
            f"Another Sciatica Coach (process {os.getpid()}) is using {data}. Close it, then "
            "try again; nothing was written to the log."
        )
        assert log_file.read_bytes() == before
    assert main(["--data-dir", str(data), "import", "--csv", str(backup)]) == 0
    assert "Imported 1 session" in capsys.readouterr().out


def test_the_lock_is_held_once_and_names_its_holder(tmp_path: Path) -> None:
    with InstanceLock.acquire(tmp_path) as lock:
        with pytest.raises(InstanceLockHeld) as held:
            InstanceLock.acquire(tmp_path)
        assert held.value.pid == os.getpid()
        assert lock.held
    assert not lock.held
    InstanceLock.acquire(tmp_path).release()


def test_the_lock_file_is_private_and_stays_after_release(tmp_path: Path) -> None:
    old_umask = os.umask(0)
    try:
        InstanceLock.acquire(tmp_path).release()
    finally:
        os.umask(old_umask)
    lock_file = tmp_path / LOCK_NAME
    assert lock_file.exists() and lock_file.stat().st_mode & 0o777 == 0o600


def test_a_lock_file_left_by_a_dead_process_does_not_block(tmp_path: Path) -> None:
    holder = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; from pathlib import Path\n"
            "from sciatica_coach.core.instance_lock import InstanceLock\n"
            "InstanceLock.acquire(Path(sys.argv[1]))\n"
            "os.kill(os.getpid(), 9)",
            str(tmp_path),
        ],
        timeout=30,
    )
    assert holder.returncode == -signal.SIGKILL
    assert (tmp_path / LOCK_NAME).read_text().strip().isdigit()
    with InstanceLock.acquire(tmp_path) as lock:
        assert (tmp_path / LOCK_NAME).read_text() == f"{os.getpid()}\n"
        assert lock.held


def test_a_launch_during_the_safety_screen_brings_it_forward_and_opens_nothing(
    tmp_path: Path, qapp: QApplication
) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")  # the safety screen not yet read
    first = launch_app(data)
    try:
        wait_until(lambda: answers(data), 30, "the safety screen")
        second = cli(data)
        assert second.returncode == 0
        assert ALREADY_OPEN in second.stderr.splitlines(), second.stderr
        assert first.poll() is None
    finally:
        first.kill()
        first.wait(timeout=10)


def test_a_routine_asked_for_before_the_window_exists_is_kept_for_it(
    tmp_path: Path, qapp: QApplication
) -> None:
    data = paths.ensure_private_dir(tmp_path / "data")
    # This process plays the first app, still at its safety screen: lock held, no window yet.
    with InstanceLock.acquire(data):
        server = listen_for_second_launch(server_name(data), holding_lock=True)
        try:
            second = subprocess.Popen(
                [sys.executable, "-m", "sciatica_coach", "--data-dir", str(data), *START],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=app_env(),
            )
            deadline = time.monotonic() + 30
            while second.poll() is None and time.monotonic() < deadline:
                qapp.processEvents()
                time.sleep(0.01)
            _, err = second.communicate(timeout=10)
            assert second.returncode == 0 and ALREADY_OPEN in err.splitlines(), err
            assert server.pending_routine == "gentle-start"
        finally:
            server.close()
    # The second launch gave way without so much as opening the log.
    assert not (data / paths.DATABASE_NAME).exists()

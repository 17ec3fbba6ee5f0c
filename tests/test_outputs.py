"""Files the user asks for (CSV export, PDF summary, PDF report) are written whole and private,
or not at all: a full disk or a failing write keeps the old file, and a link, pipe, device,
socket or folder given as the target is refused, never replaced."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from sciatica_coach.cli import main
from sciatica_coach.core import outputs, paths
from sciatica_coach.core.log import SessionLog
from sciatica_coach.core.outputs import OutputError

OLD = b"%PDF-1.4 the good file from last week\n%%EOF\n"
BERLIN = timezone(timedelta(hours=2))
COMMANDS = {
    "summary": ["summary", "--pdf"],
    "report": ["report", "--from", "2024-05-01", "--to", "2024-05-31", "--pdf"],
    "export": ["export", "--csv"],
}
# One QApplication for every test, so the CLI's headless start-up reuses it.
pytestmark = pytest.mark.usefixtures("qapp")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder holding one finished session."""
    folder = tmp_path / "data"
    with SessionLog(folder / paths.DATABASE_NAME) as log:
        start = datetime(2024, 5, 6, 9, 30, tzinfo=BERLIN)
        session_id = log.start_session("gentle-start", "Gentle start", 600.0, 4, start)
        log.set_notes(session_id, '=HYPERLINK("http://example.invalid")')
        log.finish_session(session_id, "completed", start + timedelta(minutes=10), 580.0)
    return folder


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def cli(data: Path, command: str, target: Path | str) -> int:
    return main(["--data-dir", str(data), *COMMANDS[command], str(target)])


def failing_write(after: int = 0) -> Callable[[int, object], int]:
    """os.write for files (not the terminal) that fails with ENOSPC after ``after`` bytes."""
    real = os.write
    written = 0

    def write(fd: int, data: object) -> int:
        nonlocal written
        if fd <= 2:
            return real(fd, data)  # type: ignore[arg-type]
        room = after - written
        if room <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        count = real(fd, bytes(memoryview(data))[:room])  # type: ignore[arg-type]
        written += count
        return count

    return write


# --- fault 5: private files, nothing replaced that is not a file ----------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_every_output_is_owner_only_even_under_umask_000(
    command: str, data: Path, out: Path
) -> None:
    target = out / f"new.{command}"
    replaced = out / f"old.{command}"
    replaced.write_bytes(OLD)
    replaced.chmod(0o644)
    previous = os.umask(0)
    try:
        assert cli(data, command, target) == 0
        assert cli(data, command, replaced) == 0
    finally:
        os.umask(previous)
    for path in (target, replaced):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert replaced.read_bytes() != OLD
    assert sorted(p.name for p in out.iterdir()) == sorted([target.name, replaced.name])


def special_targets(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (private / "secret.txt").write_bytes(b"secret\n")
    link = tmp_path / "link.out"
    link.symlink_to(private / "secret.txt")
    yield "is a symbolic link; give the path of the file itself", link
    dangling = tmp_path / "dangling.out"
    dangling.symlink_to(private / "not-yet.txt")
    yield "is a symbolic link; give the path of the file itself", dangling
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "fifo.out"
        os.mkfifo(fifo)
        yield "is a named pipe (FIFO), not a regular file", fifo
    sock_path = tmp_path / "s.out"
    if hasattr(socket, "AF_UNIX") and len(str(sock_path)) < 100:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(sock_path))
        server.close()
        yield "is a socket, not a regular file", sock_path
    if Path("/dev/null").exists():
        yield "is a device, not a regular file", Path("/dev/null")
    yield "is a folder; give a file name", private


@pytest.mark.parametrize("command", COMMANDS)
def test_links_pipes_devices_sockets_and_folders_are_refused_and_left_alone(
    command: str, data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / command).mkdir()
    for reason, target in special_targets(tmp_path / command):
        before = os.lstat(target)
        assert cli(data, command, target) == 2, target
        assert capsys.readouterr().err.splitlines() == [f"{target}: {reason}"]
        after = os.lstat(target)
        assert (after.st_mode, after.st_ino, after.st_mtime_ns) == (
            before.st_mode,
            before.st_ino,
            before.st_mtime_ns,
        )
    private = tmp_path / command / "private"
    assert [p.name for p in private.iterdir()] == ["secret.txt"]
    assert (private / "secret.txt").read_bytes() == b"secret\n"
    assert stat.S_IMODE(private.stat().st_mode) == 0o700


def test_a_target_swapped_for_a_link_while_writing_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"keep\n")
    with (
        pytest.raises(OutputError, match="is a symbolic link"),
        outputs.open_text(target) as stream,
    ):
        stream.write("a,b\r\n")
        target.symlink_to(elsewhere)
    assert target.is_symlink() and elsewhere.read_bytes() == b"keep\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.txt", "out.csv"]


def test_the_cli_tightens_an_existing_data_folder(
    data: Path, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data.chmod(0o755)
    assert cli(data, "export", out / "history.csv") == 0
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert capsys.readouterr().out.startswith(f"Wrote {out / 'history.csv'}: 1 sessions")


# --- fault 2: a failing write keeps the old file ---------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("after", [0, 100])
def test_a_failing_write_keeps_the_old_file_and_exits_1_with_one_line(
    command: str,
    after: int,
    data: Path,
    out: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = out / "kept"
    target.write_bytes(OLD)
    monkeypatch.setattr(os, "write", failing_write(after))
    assert cli(data, command, target) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"Could not write {target}: the disk is full; the file that was there is unchanged."
    ]
    assert "Wrote" not in captured.out
    assert target.read_bytes() == OLD
    assert [p.name for p in out.iterdir()] == ["kept"]  # no temporary file left behind


def test_short_writes_are_completed_not_lost(
    data: Path, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = out / "whole.csv"
    assert cli(data, "export", whole) == 0
    real = os.write

    def trickle(fd: int, data: object) -> int:
        chunk = bytes(memoryview(data))  # type: ignore[arg-type]
        return real(fd, chunk if fd <= 2 else chunk[:7])

    monkeypatch.setattr(os, "write", trickle)
    pieces = out / "pieces.csv"
    assert cli(data, "export", pieces) == 0
    assert pieces.read_bytes() == whole.read_bytes()


def test_an_error_while_exporting_keeps_the_old_file_and_passes_through(tmp_path: Path) -> None:
    target = tmp_path / "history.csv"
    target.write_bytes(OLD)

    class Interrupted(Exception):
        pass

    with pytest.raises(Interrupted), outputs.open_text(target) as stream:
        stream.write("x" * 100_000)
        raise Interrupted
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["history.csv"]


def test_an_incomplete_pdf_is_never_written(
    data: Path, out: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sciatica_coach.report import documents

    target = out / "summary.pdf"
    target.write_bytes(OLD)
    # A writer that stops before the end: nothing is painted and the PDF is never closed.
    monkeypatch.setattr(documents, "paint_document", lambda document, device, where: 1)
    assert cli(data, "summary", target) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"Could not make {target}: the PDF came out incomplete."
    ]
    assert target.read_bytes() == OLD


def test_save_as_pdf_in_the_app_says_why_in_a_dialog_and_keeps_the_old_file(
    data: Path, out: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from sciatica_coach.core.library import load_library
    from sciatica_coach.ui import file_actions, pdf_saving, printing

    target = out / "summary.pdf"
    target.write_bytes(OLD)
    chosen: list[Path] = [target]
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda parent, title, suggested, kinds: (str(chosen[0]), kinds)),
    )
    warnings: list[tuple[str, str]] = []

    def warn(parent: object, title: str, text: str, *icon: object) -> None:
        warnings.append((title, text))

    monkeypatch.setattr(printing, "show_warning", warn)
    monkeypatch.setattr(pdf_saving, "show_warning", warn)
    monkeypatch.setattr(file_actions, "tell_saved", lambda parent, path, what="": "")
    with SessionLog(data / paths.DATABASE_NAME, recover=False) as log:
        library = load_library(data)
        with monkeypatch.context() as failing:
            failing.setattr(os, "write", failing_write(4096))
            saving = printing.save_session_pdf(None, log, library, 1)
            assert saving is not None
            with qtbot.waitSignal(saving.done) as failed:
                pass
        assert failed.args == [None]
        assert warnings == [
            (
                "PDF not saved",
                f"Could not write {target}: the disk is full; the file that was there is "
                "unchanged.",
            )
        ]
        assert target.read_bytes() == OLD

        link = out / "link.pdf"
        link.symlink_to(target)
        chosen[0] = link
        assert printing.save_session_pdf(None, log, library, 1) is None
        assert warnings[-1] == (
            "PDF not saved",
            f"{link}: is a symbolic link; give the path of the file itself",
        )
        assert target.read_bytes() == OLD and link.is_symlink()

        chosen[0] = target
        saving = printing.save_session_pdf(None, log, library, 1)
        assert saving is not None
        with qtbot.waitSignal(saving.done) as saved:
            pass
        assert saved.args == [target]
        assert target.read_bytes().startswith(b"%PDF-") and target.read_bytes() != OLD
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert sorted(path.name for path in out.iterdir()) == ["link.pdf", "summary.pdf"]


# --- fault 2 on a real full disk --------------------------------------------------------------


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KiB tmpfs with nearly every byte taken and an old file on it; Linux root only."""
    mount = shutil.which("mount")
    if sys.platform != "linux" or mount is None or os.geteuid() != 0:
        pytest.skip(
            "mounting a small tmpfs needs Linux and root; the injected-error tests cover it"
        )
    disk = tmp_path / "disk"
    disk.mkdir()
    made = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(disk)],
        capture_output=True,
        text=True,
    )
    if made.returncode != 0:
        pytest.skip(f"could not mount a tmpfs here: {made.stderr.strip()}")
    try:
        (disk / "kept.pdf").write_bytes(OLD)
        (disk / "kept.csv").write_bytes(OLD)
        with open(disk / "filler", "wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError as error:
                assert error.errno == errno.ENOSPC
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=False)


@pytest.mark.parametrize(("command", "name"), [("summary", "kept.pdf"), ("export", "kept.csv")])
def test_a_full_disk_keeps_the_old_file_and_exits_1(
    command: str, name: str, data: Path, full_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = full_disk / name
    assert cli(data, command, target) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"Could not write {target}: the disk is full; the file that was there is unchanged."
    ]
    assert target.read_bytes() == OLD
    assert sorted(p.name for p in full_disk.iterdir()) == ["filler", "kept.csv", "kept.pdf"]

"""Start at login: the entry is made where the desktop looks, and removed without a trace."""

from __future__ import annotations

import plistlib
import shlex
from pathlib import Path

from sciatica_coach.core.autostart import BACKGROUND_OPTION, MARKER, Autostart, launch_command

COMMAND = ["/opt/Sciatica Coach/sciatica-coach"]


def test_linux_entry_is_an_xdg_autostart_file_that_starts_the_app(tmp_path: Path) -> None:
    entry = Autostart("linux", tmp_path / "home", config_home=tmp_path / "config")
    assert not entry.enabled()
    entry.enable(COMMAND)
    assert entry.path == tmp_path / "config" / "autostart" / "sciatica-coach.desktop"
    assert entry.enabled()
    lines = entry.path.read_text().splitlines()
    assert lines[0] == "[Desktop Entry]"
    exec_line = next(line for line in lines if line.startswith("Exec="))
    assert shlex.split(exec_line.removeprefix("Exec=")) == [*COMMAND, BACKGROUND_OPTION]
    assert MARKER in lines
    assert not list(entry.path.parent.glob("*.tmp"))


def test_linux_entry_defaults_to_dot_config(tmp_path: Path) -> None:
    entry = Autostart("linux", tmp_path)
    assert entry.path == tmp_path / ".config" / "autostart" / "sciatica-coach.desktop"


def test_switching_off_removes_the_file_and_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "config" / "autostart"
    folder.mkdir(parents=True)
    other = folder / "someone-else.desktop"
    other.write_text("[Desktop Entry]\n")
    entry = Autostart("linux", tmp_path, config_home=tmp_path / "config")
    entry.enable(COMMAND)
    entry.disable()
    assert not entry.enabled()
    assert sorted(folder.iterdir()) == [other]
    entry.disable()  # twice is fine


def test_a_file_that_is_not_ours_is_never_removed(tmp_path: Path) -> None:
    entry = Autostart("linux", tmp_path, config_home=tmp_path)
    assert entry.path is not None
    entry.path.parent.mkdir(parents=True)
    entry.path.write_text("[Desktop Entry]\nExec=something-else\n")
    assert not entry.enabled()
    entry.disable()
    assert entry.path.exists()


def test_macos_entry_is_a_launch_agent(tmp_path: Path) -> None:
    entry = Autostart("darwin", tmp_path)
    entry.enable(COMMAND)
    assert entry.path is not None and entry.path.parent == tmp_path / "Library" / "LaunchAgents"
    agent = plistlib.loads(entry.path.read_bytes())
    assert agent["ProgramArguments"] == [*COMMAND, BACKGROUND_OPTION]
    assert agent["RunAtLoad"] is True
    assert entry.enabled()
    entry.disable()
    assert not entry.path.exists()


def test_the_launch_command_starts_this_package() -> None:
    command = launch_command()
    assert command[-2:] == ["-m", "sciatica_coach"]

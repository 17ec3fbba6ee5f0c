"""Start at login: the per-user start-up entry of each desktop, made and taken away cleanly.

Linux and other XDG desktops: a .desktop file in ``$XDG_CONFIG_HOME/autostart``. macOS: a
launch agent plist in ``~/Library/LaunchAgents``. Windows: a value under the user's
``Software\\Microsoft\\Windows\\CurrentVersion\\Run`` key. Only what this module wrote is
removed: a file that is not ours (no marker line) is left alone.
"""

from __future__ import annotations

import importlib
import os
import plistlib
import shlex
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sciatica_coach.i18n import _

APP_ID = "sciatica-coach"
# i18n: not words (the system's start-up entry)
MARKER = "X-Sciatica-Coach-Autostart=true"
LAUNCH_AGENT_LABEL = "org.sciatica-coach.autostart"
# i18n: not words (the system's start-up entry)
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
# i18n: not words (the system's start-up entry)
RUN_VALUE = "Sciatica Coach"
# Started at login, the app waits in the tray (or minimised) rather than taking the screen.
BACKGROUND_OPTION = "--background"


class AutostartError(Exception):
    """The start-up entry could not be written or removed; the message says where."""


@dataclass(frozen=True)
class Autostart:
    """The start-up entry for one platform (``sys.platform`` spelling) under ``home``."""

    platform: str
    home: Path
    config_home: Path | None = None

    @property
    def path(self) -> Path | None:
        """The file this platform's entry lives in; None on Windows (the registry)."""
        if self.platform == "win32":
            return None
        if self.platform == "darwin":
            # i18n: not words (the system's start-up entry)
            return self.home / "Library" / "LaunchAgents" / f"{LAUNCH_AGENT_LABEL}.plist"
        config = self.config_home or self.home / ".config"
        return config / "autostart" / f"{APP_ID}.desktop"

    def enabled(self) -> bool:
        if self.platform == "win32":
            return _read_run_value() is not None
        path = self.path
        assert path is not None
        return path.is_file() and _is_ours(path)

    def enable(self, command: Sequence[str]) -> None:
        """Start ``command`` (with BACKGROUND_OPTION added) at each login."""
        argv = [*command, BACKGROUND_OPTION]
        if self.platform == "win32":
            _write_run_value(" ".join(_quote_windows(arg) for arg in argv))
            return
        path = self.path
        assert path is not None
        text = _plist(argv) if self.platform == "darwin" else _desktop_entry(argv)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(path.suffix + ".tmp")
            temporary.write_bytes(text)
            os.replace(temporary, path)
        except OSError as error:
            raise AutostartError(
                _("Could not write {path}: {reason}").format(
                    path=path, reason=error.strerror or error
                )
            ) from None

    def disable(self) -> None:
        """Remove the entry if it is ours; nothing to do if it is not there."""
        if self.platform == "win32":
            _delete_run_value()
            return
        path = self.path
        assert path is not None
        if not path.is_file() or not _is_ours(path):
            return
        try:
            path.unlink()
        except OSError as error:
            raise AutostartError(
                _("Could not remove {path}: {reason}").format(
                    path=path, reason=error.strerror or error
                )
            ) from None


def for_this_machine() -> Autostart:
    config = os.environ.get("XDG_CONFIG_HOME")
    return Autostart(sys.platform, Path.home(), Path(config) if config else None)


def launch_command() -> list[str]:
    """How to start this same app again: the bundle's executable, else this Python."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "sciatica_coach"]


def _is_ours(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return MARKER.encode() in data or LAUNCH_AGENT_LABEL.encode() in data


def _desktop_entry(argv: Sequence[str]) -> bytes:
    # i18n: not words (the system's start-up entry)
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Name=Sciatica Coach",
        "Comment=Reminders for your home exercises",
        f"Exec={' '.join(_quote_desktop(arg) for arg in argv)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
        MARKER,
    ]
    return ("\n".join(lines) + "\n").encode()


def _quote_desktop(arg: str) -> str:
    # The desktop entry spec quotes like a shell, and a literal % is written %%.
    return shlex.quote(arg).replace("%", "%%")


def _plist(argv: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {"Label": LAUNCH_AGENT_LABEL, "ProgramArguments": list(argv), "RunAtLoad": True}
    )


def _quote_windows(arg: str) -> str:
    return f'"{arg}"' if " " in arg else arg


def _read_run_value() -> str | None:  # pragma: no cover - Windows only
    winreg: Any = importlib.import_module("winreg")

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _kind = winreg.QueryValueEx(key, RUN_VALUE)
    except OSError:
        return None
    return str(value)


def _write_run_value(command: str) -> None:  # pragma: no cover - Windows only
    winreg: Any = importlib.import_module("winreg")

    try:
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, command)
    except OSError as error:
        raise AutostartError(
            _("Could not add the start-up entry: {error}").format(error=error)
        ) from None


def _delete_run_value() -> None:  # pragma: no cover - Windows only
    winreg: Any = importlib.import_module("winreg")

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, RUN_VALUE)
    except FileNotFoundError:
        return
    except OSError as error:
        raise AutostartError(
            _("Could not remove the start-up entry: {error}").format(error=error)
        ) from None

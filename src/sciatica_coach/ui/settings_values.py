"""Typed reads of QSettings values (the keys are in settings_keys)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from sciatica_coach.ui.settings_keys import (
    PREPARE_SECONDS_KEY,
    REST_SECONDS_KEY,
    SWITCH_SECONDS_KEY,
)

if TYPE_CHECKING:
    from sciatica_coach.core.session_lengths import SessionLengths


def read_flag(settings: QSettings, key: str, default: bool) -> bool:
    """The on/off setting at ``key``, or ``default`` when it was never saved."""
    # Asked with type=bool, PySide6 always turns the stored text into a bool, but its stubs say
    # value() returns object; the check is what tells the type checker so.
    value = settings.value(key, default, type=bool)
    return value if isinstance(value, bool) else default


def session_lengths(settings: QSettings) -> SessionLengths:
    """The pauses saved in Preferences (a negative or missing value: as the routine says)."""
    from sciatica_coach.core.session_lengths import SessionLengths

    def seconds(key: str) -> float | None:
        value = settings.value(key, -1, type=int)
        return float(value) if isinstance(value, int) and value >= 0 else None

    percent = settings.value(REST_SECONDS_KEY, 100, type=int)
    return SessionLengths(
        seconds(PREPARE_SECONDS_KEY),
        seconds(SWITCH_SECONDS_KEY),
        percent if isinstance(percent, int) and 25 <= percent <= 300 else 100,
    )

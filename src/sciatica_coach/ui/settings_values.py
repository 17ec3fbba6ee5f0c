"""Typed reads of QSettings values (the keys are in settings_keys)."""

from PySide6.QtCore import QSettings


def read_flag(settings: QSettings, key: str, default: bool) -> bool:
    """The on/off setting at ``key``, or ``default`` when it was never saved."""
    # Asked with type=bool, PySide6 always turns the stored text into a bool, but its stubs say
    # value() returns object; the check is what tells the type checker so.
    value = settings.value(key, default, type=bool)
    return value if isinstance(value, bool) else default

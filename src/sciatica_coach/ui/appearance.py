"""The app's look as the user set it: theme (system, light or dark) and text size, app-wide.

A theme is a QPalette set on the application, so every widget that takes its colours from
the palette follows at once; "system" puts back the palette the app started with. The text
size scales the application font from the size it started with. Both are applied again
whenever the setting changes, without a restart.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

TEXT_SIZES = (90, 100, 115, 130, 150)  # percent of the system's text size


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


THEME_NAMES = {Theme.SYSTEM: "As the system", Theme.LIGHT: "Light", Theme.DARK: "Dark"}

_Role = QPalette.ColorRole
# Colours chosen for contrast of ordinary text (at least 7:1 for text on its background).
LIGHT_COLOURS = {
    _Role.Window: "#f4f4f2",
    _Role.WindowText: "#1a1a1a",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#ecebe7",
    _Role.Text: "#1a1a1a",
    _Role.Button: "#e7e6e2",
    _Role.ButtonText: "#1a1a1a",
    _Role.Highlight: "#1f5fa8",
    _Role.HighlightedText: "#ffffff",
    _Role.ToolTipBase: "#ffffdc",
    _Role.ToolTipText: "#1a1a1a",
    _Role.PlaceholderText: "#5c5c5c",
    _Role.Link: "#1f5fa8",
}
DARK_COLOURS = {
    _Role.Window: "#202124",
    _Role.WindowText: "#ececec",
    _Role.Base: "#17181a",
    _Role.AlternateBase: "#2a2b2e",
    _Role.Text: "#ececec",
    _Role.Button: "#303134",
    _Role.ButtonText: "#ececec",
    _Role.Highlight: "#8ab4f8",
    _Role.HighlightedText: "#111111",
    _Role.ToolTipBase: "#303134",
    _Role.ToolTipText: "#ececec",
    _Role.PlaceholderText: "#a0a0a0",
    _Role.Link: "#8ab4f8",
}


def theme_palette(theme: Theme, system: QPalette) -> QPalette:
    """The palette of ``theme``; ``system`` is the palette the app started with."""
    if theme is Theme.SYSTEM:
        return QPalette(system)
    palette = QPalette(system)
    colours = DARK_COLOURS if theme is Theme.DARK else LIGHT_COLOURS
    for role, colour in colours.items():
        palette.setColor(QPalette.ColorGroup.All, role, QColor(colour))
    muted = QColor(colours[_Role.PlaceholderText])
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return palette


class Appearance:
    """Applies theme and text size to ``app``, remembering where it started from."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._system_palette = QPalette(app.palette())
        self._system_font = QFont(app.font())
        self.theme = Theme.SYSTEM
        self.text_percent = 100

    def set_theme(self, theme: Theme | str) -> None:
        self.theme = Theme(theme) if theme in Theme.__members__.values() else Theme.SYSTEM
        self._app.setPalette(theme_palette(self.theme, self._system_palette))

    def set_text_percent(self, percent: int) -> None:
        self.text_percent = max(50, min(int(percent), 200))
        font = QFont(self._system_font)
        base = self._system_font.pointSizeF()
        if base > 0:
            font.setPointSizeF(base * self.text_percent / 100)
        else:
            font.setPixelSize(round(self._system_font.pixelSize() * self.text_percent / 100))
        self._app.setFont(font)


def parse_theme(value: object) -> Theme:
    """A saved theme setting, or SYSTEM for anything else."""
    return Theme(value) if isinstance(value, str) and value in set(Theme) else Theme.SYSTEM

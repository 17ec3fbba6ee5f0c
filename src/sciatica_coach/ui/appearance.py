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

from sciatica_coach.i18n import N_
from sciatica_coach.ui.colours import legible, mix
from sciatica_coach.ui.dialog_parts import set_text_scale

TEXT_SIZES = (90, 100, 115, 130, 150)  # percent of the system's text size


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


# The themes as the settings page lists them (translate with ``_`` where shown).
THEME_NAMES = {Theme.SYSTEM: N_("As the system"), Theme.LIGHT: N_("Light"), Theme.DARK: N_("Dark")}

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


# High contrast: black on white or white on black, a strong highlight, every edge in the
# text colour, muted text still 7:1. Kept light or dark as the theme underneath is.
HIGH_CONTRAST_LIGHT = {
    _Role.Window: "#ffffff",
    _Role.WindowText: "#000000",
    _Role.Base: "#ffffff",
    _Role.AlternateBase: "#f0f0f0",
    _Role.Text: "#000000",
    _Role.Button: "#ffffff",
    _Role.ButtonText: "#000000",
    _Role.Highlight: "#0000b4",
    _Role.HighlightedText: "#ffffff",
    _Role.ToolTipBase: "#ffffff",
    _Role.ToolTipText: "#000000",
    _Role.PlaceholderText: "#3c3c3c",
    _Role.Link: "#0000b4",
    _Role.Mid: "#000000",
    _Role.Dark: "#000000",
    _Role.Shadow: "#000000",
}
HIGH_CONTRAST_DARK = {
    _Role.Window: "#000000",
    _Role.WindowText: "#ffffff",
    _Role.Base: "#000000",
    _Role.AlternateBase: "#1a1a1a",
    _Role.Text: "#ffffff",
    _Role.Button: "#000000",
    _Role.ButtonText: "#ffffff",
    _Role.Highlight: "#ffd400",
    _Role.HighlightedText: "#000000",
    _Role.ToolTipBase: "#000000",
    _Role.ToolTipText: "#ffffff",
    _Role.PlaceholderText: "#cccccc",
    _Role.Link: "#ffd400",
    _Role.Mid: "#ffffff",
    _Role.Light: "#ffffff",
    _Role.Dark: "#ffffff",
}


def high_contrast_palette(palette: QPalette) -> QPalette:
    """``palette`` in high contrast, staying dark if it is dark."""
    dark = palette.color(_Role.Window).lightness() < 128
    return _painted(palette, HIGH_CONTRAST_DARK if dark else HIGH_CONTRAST_LIGHT)


def _painted(system: QPalette, colours: dict[QPalette.ColorRole, str]) -> QPalette:
    palette = QPalette(system)
    for role, colour in colours.items():
        palette.setColor(QPalette.ColorGroup.All, role, QColor(colour))
    muted = QColor(colours[_Role.PlaceholderText])
    for role in (_Role.WindowText, _Role.Text, _Role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, muted)
    return palette


def legible_system(system: QPalette) -> QPalette:
    """The system's palette with its two faint pairs made to read at 4.5:1: grey hints
    (Fusion's are half-transparent text, 4:1) and white on the highlight (3.7:1)."""
    palette = QPalette(system)
    base, text = palette.color(_Role.Base), palette.color(_Role.Text)
    hint = legible(mix(base, text, 0.6), base)
    palette.setColor(QPalette.ColorGroup.All, _Role.PlaceholderText, hint)
    chosen = palette.color(_Role.HighlightedText)
    highlight = legible(palette.color(_Role.Highlight), chosen)
    palette.setColor(QPalette.ColorGroup.All, _Role.Highlight, highlight)
    return palette


def theme_palette(theme: Theme, system: QPalette) -> QPalette:
    """The palette of ``theme``; ``system`` is the palette the app started with."""
    if theme is Theme.SYSTEM:
        return legible_system(system)
    return _painted(system, DARK_COLOURS if theme is Theme.DARK else LIGHT_COLOURS)


class Appearance:
    """Applies theme and text size to ``app``, remembering where it started from."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._system_palette = QPalette(app.palette())
        self._system_font = QFont(app.font())
        self.theme = Theme.SYSTEM
        self.text_percent = 100
        self.high_contrast = False

    def set_theme(self, theme: Theme | str) -> None:
        self.theme = Theme(theme) if theme in Theme.__members__.values() else Theme.SYSTEM
        palette = theme_palette(self.theme, self._system_palette)
        if self.high_contrast:
            palette = high_contrast_palette(palette)
        self._app.setPalette(palette)

    def set_high_contrast(self, on: bool) -> None:
        """Black and white (or white and black), with the theme's lightness kept."""
        self.high_contrast = on
        self.set_theme(self.theme)

    def set_text_percent(self, percent: int) -> None:
        self.text_percent = max(50, min(int(percent), 200))
        font = QFont(self._system_font)
        base = self._system_font.pointSizeF()
        if base > 0:
            font.setPointSizeF(base * self.text_percent / 100)
        else:
            font.setPixelSize(round(self._system_font.pixelSize() * self.text_percent / 100))
        self._app.setFont(font)
        set_text_scale(self.text_percent / 100)


def parse_theme(value: object) -> Theme:
    """A saved theme setting, or SYSTEM for anything else."""
    return Theme(value) if isinstance(value, str) and value in set(Theme) else Theme.SYSTEM

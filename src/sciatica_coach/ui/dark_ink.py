"""The built-in illustrations on a dark palette: the same drawing with its lightness turned
round (a cream panel becomes the window's dark grey, the slate figure a light one), hues
kept, so the orange of the working limb stays orange and no bright block sits on a dark
window. Light palettes get the drawing as it is.

Works on the SVG text, colour by colour, so it needs nothing from the renderer; each colour is
worked out once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtGui import QColor, QPalette

from sciatica_coach.ui.colours import is_dark

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}\b")


@lru_cache(maxsize=1024)
def turned(colour: str, floor: float) -> str:
    """``colour`` with its lightness turned round onto ``floor`` (the window's lightness) to 1:
    white goes to the floor, black to white, hue kept (and saturation, but for pale tints)."""
    original = QColor(colour)
    hue, saturation, lightness = (
        original.hslHueF(),
        original.hslSaturationF(),
        original.lightnessF(),
    )
    # Near-white tints (the cream panel, the pale ghost) would turn brown: they go grey.
    saturation *= min(1.0, (1.0 - lightness) / 0.3)
    lightness = floor + (1.0 - floor) * (1.0 - lightness)
    return QColor.fromHslF(max(hue, 0.0), saturation, lightness).name()


def svg_for_palette(svg: str, palette: QPalette) -> str:
    """``svg`` as drawn on ``palette``: unchanged on a light window, turned on a dark one."""
    if not is_dark(palette):
        return svg
    floor = palette.color(QPalette.ColorRole.Window).lightnessF()
    return HEX_COLOUR.sub(lambda match: turned(match.group(0), floor), svg)

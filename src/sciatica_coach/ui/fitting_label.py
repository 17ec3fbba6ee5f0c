"""A word-wrapped label whose type shrinks until the text fits the room it is given.

The player's cues share a column with the exercise's name, the ring and a caution; in a small
window, or when a long (German) name wraps to two lines, a plain QLabel would cut the first
and last cue off. This one asks the layout for no height of its own (so its font never feeds
back into the room it gets) and picks the largest pixel size, from the one the window's scale
asks for down to a floor still readable from the floor, at which every line is seen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

SMALLEST_PIXELS = 13
HINT_WIDTH = 120
HEIGHTS_KEPT = 256  # answers kept, a few steps' worth at a few widths


class FittingLabel(QLabel):
    """Plain, word-wrapped text at the largest size up to ``base_pixels`` that fits."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._base_pixels = 24
        self._bold = False
        self._heights: dict[tuple[str, int, int, bool, str], int] = {}

    def set_base_pixels(self, pixels: int, *, bold: bool = False) -> None:
        """The size the text has when there is room: the window's scale sets it."""
        self._base_pixels = max(SMALLEST_PIXELS, pixels)
        self._bold = bold
        self.updateGeometry()
        self._fit()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.updateGeometry()
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    # The label asks for the room its text takes at the full size (never at the size it was
    # shrunk to, which would shrink the room it is given in turn); the layout asks by width.
    def sizeHint(self) -> QSize:
        # A fixed width: one that followed the label's own would feed back into the layout.
        return QSize(HINT_WIDTH, self.heightForWidth(max(HINT_WIDTH, self.width())))

    def minimumSizeHint(self) -> QSize:
        return QSize(60, 2 * QFontMetrics(self._font_of(SMALLEST_PIXELS)).lineSpacing())

    def heightForWidth(self, width: int) -> int:
        margins = self.contentsMargins()
        inner = width - margins.left() - margins.right()
        return self._height_at(self._base_pixels, max(1, inner)) + margins.top() + margins.bottom()

    def fitted_pixels(self) -> int:
        """The pixel size the text is drawn at now."""
        return self.font().pixelSize()

    def _font_of(self, pixels: int) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(pixels)
        font.setBold(self._bold)
        return font

    def _height_at(self, pixels: int, width: int) -> int:
        if not self.text():
            return 0
        # The layout asks again each time anything on the page changes (the time left, every
        # second): the answer is kept for the text, width and size it was worked out for.
        key = (self.text(), pixels, width, self._bold, self.font().family())
        if key not in self._heights:
            if len(self._heights) > HEIGHTS_KEPT:
                self._heights.clear()
            flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
            needed = QFontMetrics(self._font_of(pixels)).boundingRect(
                QRect(0, 0, width, 1_000_000), flags, self.text()
            )
            self._heights[key] = needed.height()
        return self._heights[key]

    def _fits(self, pixels: int) -> bool:
        room = self.contentsRect()
        if room.width() <= 0 or room.height() <= 0:
            return True  # not laid out yet: keep the full size
        return self._height_at(pixels, room.width()) <= room.height()

    def _fit(self) -> None:
        pixels = self._base_pixels
        while pixels > SMALLEST_PIXELS and not self._fits(pixels):
            pixels -= 1
        if self.font().pixelSize() != pixels or self.font().bold() != self._bold:
            self.setFont(self._font_of(pixels))

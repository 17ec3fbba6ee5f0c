"""A large countdown ring: the time left in the middle, the part of the step gone as an arc."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from sciatica_coach.i18n import _
from sciatica_coach.ui import ring_accessible
from sciatica_coach.ui.colours import TEAL, ring_track

# What the drawn words depend on: size, pixel ratio, text, caption, font, colour.
_WordsKey = tuple[QSize, float, str, str, str, int]


class CountdownRing(QWidget):
    """Shows ``text`` inside a ring filled to ``fraction``; sized by the layout, type by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._painted_fraction = 0.0  # where the arc on screen ends
        self._text = ""
        self._caption = ""
        self._accent = QColor(TEAL)
        self._track: QPixmap | None = None
        self._words: tuple[_WordsKey, QPoint, QPixmap] | None = None
        self.setMinimumSize(120, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # A screen reader hears this name and, as the value, the time or reps left.
        ring_accessible.install()
        self.setAccessibleName(_("Time left"))

    @property
    def text(self) -> str:
        return self._text

    @property
    def caption(self) -> str:
        return self._caption

    def set_accent(self, color: QColor) -> None:
        self._accent = color
        self.update()

    def show_time(self, fraction: float, text: str, caption: str = "") -> None:
        fraction = min(1.0, max(0.0, fraction))
        if (fraction, text, caption) != (self._fraction, self._text, self._caption):
            changed_enough = abs(fraction - self._fraction) > 0.004 or text != self._text
            same_words = (text, caption) == (self._text, self._caption)
            self._fraction, self._text, self._caption = fraction, text, caption
            if not (changed_enough or caption):
                return
            if same_words:
                # Only the arc moved: repaint the stretch of ring between its two ends.
                self.update(self._arc_region(self._painted_fraction, fraction))
            else:
                self.update()

    def _geometry(self) -> tuple[int, float, QRectF]:
        """The ring's side, the thickness of its stroke, and the box its centre line fills."""
        side = min(self.width(), self.height()) - 8
        thickness = max(6.0, side * 0.07)
        box = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        return side, thickness, box

    def _arc_region(self, start: float, end: float) -> QRect:
        """The pixels the arc covers between fractions ``start`` and ``end``, round caps
        included."""
        _side, thickness, box = self._geometry()
        low, high = sorted((start, end))
        turns = [low + (high - low) * n / 32 for n in range(33)]
        xs, ys = [], []
        for turn in turns:
            angle = math.radians(90 - turn * 360)
            xs.append(box.center().x() + box.width() / 2 * math.cos(angle))
            ys.append(box.center().y() - box.height() / 2 * math.sin(angle))
        reach = math.ceil(thickness / 2) + 2
        return QRect(
            math.floor(min(xs)) - reach,
            math.floor(min(ys)) - reach,
            math.ceil(max(xs) - min(xs)) + 2 * reach + 1,
            math.ceil(max(ys) - min(ys)) + 2 * reach + 1,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        side, thickness, box = self._geometry()
        if side <= 0:
            return
        self._painted_fraction = self._fraction
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawPixmap(0, 0, self._track_pixmap(box, thickness))
        pen = QPen(self._accent, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        if self._fraction > 0:
            painter.setPen(pen)
            span = -round(self._fraction * 360 * 16)
            painter.drawArc(box, 90 * 16, span)
        corner, words = self._words_pixmap(box, side)
        painter.drawPixmap(corner, words)
        painter.end()

    def _words_pixmap(self, box: QRectF, side: int) -> tuple[QPoint, QPixmap]:
        """The text and caption, drawn once per change: type this large is drawn as outlines,
        not from Qt's glyph cache, and was most of the cost of a repaint at 10 Hz."""
        ratio = self.devicePixelRatioF()
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        key = (self.size(), ratio, self._text, self._caption, self.font().key(), colour.rgba())
        if self._words is None or self._words[0] != key:
            left, top = math.floor(box.left()), math.floor(box.top())
            width = math.ceil(box.right()) - left
            height = math.ceil(box.bottom()) - top
            pixmap = QPixmap(round(width * ratio), round(height * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.translate(-left, -top)
            self._draw_words(painter, box, side, colour)
            painter.end()
            self._words = (key, QPoint(left, top), pixmap)
        return self._words[1], self._words[2]

    def _draw_words(self, painter: QPainter, box: QRectF, side: int, colour: QColor) -> None:
        painter.setPen(colour)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(12, int(side * (0.30 if len(self._text) <= 3 else 0.24))))
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._text)
        if self._caption:
            small = QFont(self.font())
            small.setPixelSize(max(10, int(side * 0.075)))
            painter.setFont(small)
            lower = QRectF(box.left(), box.center().y() + side * 0.16, box.width(), side * 0.14)
            painter.drawText(lower, Qt.AlignmentFlag.AlignCenter, self._caption)

    def _track_pixmap(self, box: QRectF, thickness: float) -> QPixmap:
        """The grey full circle, drawn once per size: a thick smooth ellipse is costly."""
        ratio = self.devicePixelRatioF()
        if self._track is None or self._track.size() != self.size() * ratio:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            track = ring_track(self.palette())
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(track, thickness))
            painter.drawEllipse(box)
            painter.end()
            self._track = pixmap
        return self._track

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._track = None
        super().changeEvent(event)

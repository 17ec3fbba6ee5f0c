"""A large countdown ring: the time left in the middle, the part of the step gone as an arc.

It repaints only what changed: the words when they change, and the stretch of arc that moved
once the arc's end has moved `ARC_STEP_PX` (the player may ask ten times a second while the
arc creeps a pixel at a time)."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QRegion,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from sciatica_coach.i18n import _
from sciatica_coach.ui import ring_accessible
from sciatica_coach.ui.colours import TEAL, ring_track

# What the drawn words depend on: size, pixel ratio, text, caption, colour.
_WordsKey = tuple[QSize, float, str, str, int]
# The arc is repainted once its end has moved this far along the ring (about four times a
# second on a minute's step, smooth to the eye for a ring this size).
ARC_STEP_PX = 3.0


class CountdownRing(QWidget):
    """Shows ``text`` inside a ring filled to ``fraction``; sized by the layout, type by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._painted_fraction = 0.0  # where the arc on screen ends
        self._asked_fraction = 0.0  # where the arc ends once the repaint asked for is done
        self._text = ""
        self._caption = ""
        self._accent = QColor(TEAL)
        self._track: QPixmap | None = None
        self._words: tuple[_WordsKey, QRect, QPixmap] | None = None
        self.setMinimumSize(120, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The ring paints its own background, so a repaint stops at the ring and does not
        # paint the page and window behind it as well.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
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
        if (fraction, text, caption) == (self._fraction, self._text, self._caption):
            return
        if (text, caption) != (self._text, self._caption):
            before = self._words_rect()
            arc = self._arc_region(self._painted_fraction, fraction)
            self._fraction, self._text, self._caption = fraction, text, caption
            self._asked_fraction = fraction
            self.update(QRegion(before) | QRegion(self._words_rect()) | QRegion(arc))
            return
        self._fraction = fraction
        # Only the arc moved: once its end has moved far enough, repaint the stretch of ring
        # between its two ends.
        diameter = min(self.width(), self.height())
        moved = abs(fraction - self._asked_fraction) * math.pi * diameter
        if moved >= ARC_STEP_PX or (fraction in (0.0, 1.0) and fraction != self._asked_fraction):
            self._asked_fraction = fraction
            self.update(self._arc_region(self._painted_fraction, fraction))

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
        included: the box around its two ends and any of the ring's four extremes between."""
        _side, thickness, box = self._geometry()
        low, high = sorted((start, end))
        turns = [low, high, *(q / 4 for q in range(1, 4) if low < q / 4 < high)]
        centre, rx, ry = box.center(), box.width() / 2, box.height() / 2
        xs = [centre.x() + rx * math.sin(2 * math.pi * turn) for turn in turns]
        ys = [centre.y() - ry * math.cos(2 * math.pi * turn) for turn in turns]
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
            QPainter(self).fillRect(event.rect(), self.palette().window())
            return
        stretch = self._arc_region(self._painted_fraction, self._fraction)
        if QRegion(stretch).subtracted(event.region()).isEmpty():
            self._painted_fraction = self._fraction  # else part of the arc on screen is old
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # Only the part of the track in the repainted area: Qt would go over the whole of it.
        area, ratio = event.rect(), self.devicePixelRatioF()
        source = QRectF(
            area.x() * ratio, area.y() * ratio, area.width() * ratio, area.height() * ratio
        )
        painter.drawPixmap(QRectF(area), self._track_pixmap(box, thickness), source)
        pen = QPen(self._accent, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        if self._fraction > 0:
            painter.setPen(pen)
            span = -round(self._fraction * 360 * 16)
            painter.drawArc(box, 90 * 16, span)
        place, words = self._words_pixmap(box, side)
        if place.intersects(event.rect()):
            painter.drawPixmap(place.topLeft(), words)
        painter.end()

    def _fonts(self, side: int) -> tuple[QFont, QFont]:
        """The big type (smaller for long text such as 10:00) and the caption's."""
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(12, int(side * (0.30 if len(self._text) <= 3 else 0.24))))
        small = QFont(self.font())
        small.setPixelSize(max(10, int(side * 0.075)))
        return font, small

    def _caption_box(self, box: QRectF, side: int) -> QRectF:
        return QRectF(box.left(), box.center().y() + side * 0.16, box.width(), side * 0.14)

    def _words_rect(self) -> QRect:
        """Where the words are drawn: their laid-out boxes with room for the ink beyond."""
        side, _thickness, box = self._geometry()
        if side <= 0:
            return QRect()
        font, small = self._fonts(side)
        area = QFontMetricsF(font).boundingRect(box, Qt.AlignmentFlag.AlignCenter, self._text)
        margin = font.pixelSize() * 0.1 + 2
        area.adjust(-margin, -margin, margin, margin)
        if self._caption:
            lower = self._caption_box(box, side)
            ink = QFontMetricsF(small).boundingRect(
                lower, Qt.AlignmentFlag.AlignCenter, self._caption
            )
            margin = small.pixelSize() * 0.1 + 2
            area |= ink.adjusted(-margin, -margin, margin, margin)
        return area.toAlignedRect()

    def _words_pixmap(self, box: QRectF, side: int) -> tuple[QRect, QPixmap]:
        """The text and caption, drawn once per change: type this large is drawn as outlines,
        not from Qt's glyph cache, and was most of the cost of a repaint at 10 Hz."""
        ratio = self.devicePixelRatioF()
        colour = self.palette().color(QPalette.ColorRole.WindowText)
        key = (self.size(), ratio, self._text, self._caption, colour.rgba())
        if self._words is None or self._words[0] != key:
            place = self._words_rect()
            pixmap = QPixmap(round(place.width() * ratio), round(place.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            # Whole pixels, so the type lands where drawing it straight on the ring puts it.
            painter.translate(-place.left(), -place.top())
            self._draw_words(painter, box, side, colour)
            painter.end()
            self._words = (key, place, pixmap)
        return self._words[1], self._words[2]

    def _draw_words(self, painter: QPainter, box: QRectF, side: int, colour: QColor) -> None:
        painter.setPen(colour)
        font, small = self._fonts(side)
        painter.setFont(font)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, self._text)
        if self._caption:
            painter.setFont(small)
            lower = self._caption_box(box, side)
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
        if event.type() == QEvent.Type.FontChange:
            self._words = None
        super().changeEvent(event)

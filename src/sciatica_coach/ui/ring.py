"""A large countdown ring: the time left in the middle, the part of the step gone as an arc."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from sciatica_coach.ui import ring_accessible
from sciatica_coach.ui.colours import TEAL, ring_track


class CountdownRing(QWidget):
    """Shows ``text`` inside a ring filled to ``fraction``; sized by the layout, type by itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fraction = 0.0
        self._text = ""
        self._caption = ""
        self._accent = QColor(TEAL)
        self._track: QPixmap | None = None
        self.setMinimumSize(120, 120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # A screen reader hears this name and, as the value, the time or reps left.
        ring_accessible.install()
        self.setAccessibleName("Time left")

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
            self._fraction, self._text, self._caption = fraction, text, caption
            if changed_enough or caption:
                self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height()) - 8
        if side <= 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        thickness = max(6.0, side * 0.07)
        box = QRectF(
            (self.width() - side) / 2 + thickness / 2,
            (self.height() - side) / 2 + thickness / 2,
            side - thickness,
            side - thickness,
        )
        painter.drawPixmap(0, 0, self._track_pixmap(box, thickness))
        pen = QPen(self._accent, thickness, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        if self._fraction > 0:
            painter.setPen(pen)
            span = -round(self._fraction * 360 * 16)
            painter.drawArc(box, 90 * 16, span)
        text_color = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(text_color)
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
        painter.end()

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

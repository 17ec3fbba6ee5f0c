"""The exercise picture: a built-in illustration drawn at a phase of the movement, or the user's
own picture (SVG, PNG or animated GIF), or a neutral placeholder when there is nothing to show.

With animation off the view shows the end pose, which carries a pale ghost of the start pose and
an arrow along the movement: one still picture that still says where the movement starts and
where it goes, drawn as large as the space allows (a two-panel sheet would be half the size).

A built-in picture is drawn once per phase into a pixmap, and the pixmaps of the phases on the
frame grid (`frame_phase`) are kept for the exercise on show: a movement that repeats (paced
reps) is drawn once and after that only copied to the screen, the cheap part. While the figure
stands still the view also works out, for each step along the grid, the rectangle where the two
frames differ (the moving limbs, about a third of the picture), so a new frame copies only that.
"""

from __future__ import annotations

import math
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QImage,
    QMovie,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QTransform,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from sciatica_coach.core.pictures import PictureError
from sciatica_coach.i18n import _
from sciatica_coach.illustrations import available, placeholder_svg, render_svg
from sciatica_coach.illustrations.draw import ease, uneased
from sciatica_coach.illustrations.qt_pictures import (
    Picture,
    fit,
    illustration_image,
    load_user_picture,
    paint_fitted,
    validate_user_image,
)
from sciatica_coach.ui.dark_ink import svg_for_palette

# The sheet and the picture check live in `illustrations.qt_pictures`, below the report too;
# they are still named here for the callers that have always imported them from the view.
__all__ = [
    "IllustrationView",
    "frame_phase",
    "illustration_image",
    "seconds_to_next_frame",
    "validate_user_image",
]

# A phase step smaller than this moves a limb by well under a pixel at the usual size.
VISIBLE_PHASE_STEP = 0.01
RENDER_WIDTH = 480
# Frames on the grid between the start and the end pose. The grid is even in the figure's
# eased movement, not in time: each frame moves the figure by the same 1/24 of the way, so
# the slow ends of a movement take fewer frames (and fewer wake-ups) and its quick middle
# moves by smaller steps than an even grid of 32 gave (about 1/20 of the way). A repeated
# movement costs at most this many pictures (about 1.6 MB each at 1280x800), kept while one
# exercise is on show: the budget holds every exercise's at that size.
FRAMES_PER_MOVEMENT = 24
FRAME_CACHE_BYTES = 64 * 1024 * 1024
# The phase of each frame: drawn there, the eased figure stands exactly n / 24 of the way.
FRAME_GRID: tuple[float, ...] = tuple(
    uneased(n / FRAMES_PER_MOVEMENT) for n in range(FRAMES_PER_MOVEMENT + 1)
)
_GRID_INDEX = {phase: n for n, phase in enumerate(FRAME_GRID)}


def frame_index(phase: float) -> int:
    """The frame of the grid nearest to where the figure stands at ``phase``."""
    return round(ease(phase) * FRAMES_PER_MOVEMENT)


def frame_phase(phase: float) -> float:
    """``phase`` moved to the nearest frame of the grid, whose pictures the view keeps (the
    figure stands within half a frame, 1/48 of its movement, of where it would)."""
    return FRAME_GRID[frame_index(phase)]


def seconds_to_next_frame(phase: float, rate: float) -> float:
    """Seconds until a phase moving at ``rate`` a second (below zero on the way back) comes
    nearer to the next frame of the grid than to its own: when a new picture is due."""
    if rate == 0:
        return math.inf
    n = frame_index(phase)
    halfway = uneased((n + (0.5 if rate > 0 else -0.5)) / FRAMES_PER_MOVEMENT)
    return max(0.0, (halfway - phase) / rate)


def _on_grid(phase: float) -> bool:
    return phase in _GRID_INDEX


class IllustrationView(QWidget):
    """Shows one exercise's picture; the player drives the movement with `set_phase`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        # The view paints its own background, so a new frame repaints the view alone, not the
        # page and window behind it as well.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._exercise_id: str | None = None
        self._mirrored = False
        self._animated = True
        self._phase = 0.0
        self._drawn_phase: float | None = None
        self._renders = 0
        self._svg: QSvgRenderer | None = None
        self._image: QImage | None = None
        self._movie: QMovie | None = None
        self._frame: tuple[QPoint, QPixmap] | None = None  # the built-in picture on show
        self._frames: dict[float, tuple[QPoint, QPixmap]] = {}
        self._frame_bytes = 0
        # Grid step n -> where frames n and n + 1 differ, in the frame's own pixels.
        self._changes: dict[int, QRect] = {}
        placeholder = svg_for_palette(placeholder_svg(), self.palette())
        self._placeholder = QSvgRenderer(QByteArray(placeholder.encode("utf-8")), self)
        self._show_placeholder()

    # -- what callers can ask ------------------------------------------------------------------

    @property
    def showing_placeholder(self) -> bool:
        """True when the view shows the grey 'No picture' stand-in."""
        return self._svg is None and self._image is None and self._movie is None

    @property
    def showing_builtin(self) -> bool:
        return self._exercise_id is not None and self._svg is not None

    @property
    def drawn_phase(self) -> float | None:
        """The phase of the built-in picture on screen (None for user pictures and the stand-in)."""
        return self._drawn_phase if self.showing_builtin else None

    @property
    def render_count(self) -> int:
        """How many times a built-in picture has been drawn (re-rendering is the costly part)."""
        return self._renders

    @property
    def animated(self) -> bool:
        return self._animated

    # -- what callers can do -------------------------------------------------------------------

    def show_exercise(
        self, exercise_id: str | None, *, image: Path | None = None, mirrored: bool = False
    ) -> None:
        """Show a user picture when given, else the built-in illustration, else the stand-in.

        ``mirrored`` shows the right side working (built-in pictures show the left side
        unmirrored). User pictures are shown as they are, never flipped: they may hold text.
        """
        # The same built-in picture again (the next set, or the rest before it) keeps the
        # frames already drawn.
        same = image is None and (exercise_id, mirrored) == self._shown_builtin()
        frames = self._frames if same else {}
        kept_bytes = self._frame_bytes if frames else 0
        changes = self._changes if frames else {}
        self._clear()
        self._frames, self._frame_bytes, self._changes = frames, kept_bytes, changes
        self._mirrored = mirrored
        self._phase = 0.0
        if image is not None:
            self._load_user_image(image)
        elif exercise_id is not None and exercise_id in available():
            self._exercise_id = exercise_id
            self._svg = QSvgRenderer(self)
            self._render(force=True)
        if self.showing_placeholder:
            self._show_placeholder()
        else:
            self.setAccessibleDescription(_("Picture of the exercise"))
        self.update()

    def set_phase(self, phase: float) -> None:
        """Move the built-in figure to ``phase`` (0 start pose, 1 end pose).

        Only redraws when the change would be visible, or on reaching either end exactly.
        """
        self._phase = min(1.0, max(0.0, phase)) if phase == phase else 0.0
        if self._animated:
            self._render()

    def draw_ahead(self) -> bool:
        """Draw and keep one more frame of the grid for the built-in picture on show, while it
        stands still (a rest shows the next exercise's start pose), so its movement is copied
        from kept frames rather than drawn as it plays; then, one step at a time, where each
        frame differs from the next. True while some of that is still to do."""
        if not (self._animated and self.showing_builtin) or self.width() <= 1:
            return False
        phase = next((phase for phase in FRAME_GRID if phase not in self._frames), None)
        if phase is not None:
            self._draw_phase(phase)
            return phase in self._frames
        step = next((n for n in range(FRAMES_PER_MOVEMENT) if n not in self._changes), None)
        if step is None:
            return False
        first = self._frames[FRAME_GRID[step]][1]
        second = self._frames[FRAME_GRID[step + 1]][1]
        self._changes[step] = changed_rect(first, second)
        return len(self._changes) < FRAMES_PER_MOVEMENT

    def set_animated(self, on: bool) -> None:
        """Animation off: a still of the end pose (with the start pose ghosted), GIFs stopped."""
        self._animated = on
        if self._movie is not None:
            if on:
                self._movie.start()
            else:
                self._movie.stop()
                self._movie.jumpToFrame(0)
        self._render(force=True)
        self.update()

    # -- Qt ----------------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(480, 360)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 120)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            # The drawing follows the palette: redrawn light or dark, the stand-in too.
            placeholder = svg_for_palette(placeholder_svg(), self.palette())
            self._placeholder.load(QByteArray(placeholder.encode("utf-8")))
            self.resizeEvent(QResizeEvent(self.size(), self.size()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._forget_frames()
        self._render(force=True)

    def paintEvent(self, event: QPaintEvent) -> None:
        if (
            self._frame is not None
            and self._frame[1].devicePixelRatio() != self.devicePixelRatioF()
        ):
            self._forget_frames()  # moved to a screen of another density
            self._render(force=True)
        painter = QPainter(self)
        if self._frame is not None and self.showing_builtin:
            corner, pixmap = self._frame
            # The frame is opaque: a repaint of the frame alone needs no background.
            if not _frame_rect(self._frame).contains(event.rect()):
                painter.fillRect(event.rect(), self.palette().window())
            # Qt copies only the part asked for (a new frame asks for where it differs).
            painter.drawPixmap(corner, pixmap)
        else:
            painter.fillRect(event.rect(), self.palette().window())
            _fitting_hints(painter)
            paint_fitted(painter, QRectF(self.rect()), self._shown())
        painter.end()

    # -- internals ---------------------------------------------------------------------------

    def _render_size(self) -> tuple[int, int]:
        """Render at the widget's shape (within 2:1 and 1:1), so the figure fills the space."""
        width, height = max(1, self.width()), max(1, self.height())
        ratio = min(1.0, max(0.5, height / width))
        return RENDER_WIDTH, round(RENDER_WIDTH * ratio)

    def _render(self, *, force: bool = False) -> None:
        if self._svg is None or self._exercise_id is None:
            return
        phase = self._phase if self._animated else 1.0
        last = self._drawn_phase
        if not force and last is not None:
            small = abs(phase - last) < VISIBLE_PHASE_STEP
            if small and not (phase in (0.0, 1.0) and phase != last):
                return
        self._drawn_phase = phase
        before = self._frame
        self._frame = self._frames.get(phase) or self._draw_phase(phase)
        if before is None:
            self.update()
            return
        changed = self._changed_between(last, phase) if before[0] == self._frame[0] else None
        if changed is not None:
            if not changed.isEmpty():
                self.update(changed.translated(self._frame[0]))
        else:  # the space around the picture stays as it is
            self.update(_frame_rect(before) | _frame_rect(self._frame))

    def _changed_between(self, before: float | None, after: float) -> QRect | None:
        """Where the kept frames at grid phases ``before`` and ``after`` differ, or None when
        that is not known (a phase off the grid, a step not yet worked out)."""
        if before is None or not (_on_grid(before) and _on_grid(after)):
            return None
        low, high = sorted((_GRID_INDEX[before], _GRID_INDEX[after]))
        changed = QRect()
        for step in range(low, high):
            known = self._changes.get(step)
            if known is None:
                return None
            changed |= known
        return changed

    def _draw_phase(self, phase: float) -> tuple[QPoint, QPixmap]:
        """The built-in picture at ``phase``, drawn now (and kept when on the grid)."""
        assert self._svg is not None and self._exercise_id is not None
        svg = render_svg(
            self._exercise_id, phase, mirrored=self._mirrored, size=self._render_size()
        )
        svg = svg_for_palette(svg, self.palette())
        self._svg.load(QByteArray(svg.encode("utf-8")))
        self._renders += 1
        frame = self._draw_frame(self._svg)
        self._keep(phase, frame)
        return frame

    def _draw_frame(self, svg: QSvgRenderer) -> tuple[QPoint, QPixmap]:
        """The picture exactly as `paint_fitted` puts it in this widget, on an opaque pixmap of
        the view's background that covers it to the whole pixel, and where that pixmap goes."""
        area = QRectF(self.rect())
        target = fit(area, svg.defaultSize())
        left, top = math.floor(target.left()), math.floor(target.top())
        width = max(1, math.ceil(target.right()) - left)
        height = max(1, math.ceil(target.bottom()) - top)
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(round(width * ratio), round(height * ratio))
        pixmap.setDevicePixelRatio(ratio)
        # Drawn on the view's own background: an opaque picture is copied to the screen, not
        # blended.
        pixmap.fill(self.palette().window().color())
        painter = QPainter(pixmap)
        _fitting_hints(painter)
        painter.translate(-left, -top)
        paint_fitted(painter, area, svg)
        painter.end()
        return QPoint(left, top), pixmap

    def _keep(self, phase: float, frame: tuple[QPoint, QPixmap]) -> None:
        """Keep a frame on the grid while the budget allows; others are drawn and let go."""
        size = frame[1].width() * frame[1].height() * 4
        if _on_grid(phase) and self._frame_bytes + size <= FRAME_CACHE_BYTES:
            self._frames[phase] = frame
            self._frame_bytes += size

    def _forget_frames(self) -> None:
        self._frames = {}
        self._frame_bytes = 0
        self._changes = {}
        self._frame = None

    def _load_user_image(self, path: Path) -> None:
        """The user's picture, or nothing (the stand-in) if it breaks a rule or will not decode.

        The bytes are read and checked again here, not trusted from when the routine loaded:
        the file may have been replaced since.
        """
        try:
            picture = load_user_picture(path, self)
        except PictureError:
            return
        if isinstance(picture, QSvgRenderer):
            self._svg = picture
        elif isinstance(picture, QMovie):
            picture.frameChanged.connect(self.update)
            self._movie = picture
            if self._animated:
                picture.start()
        else:
            self._image = picture

    def _shown_builtin(self) -> tuple[str, bool] | None:
        if self._exercise_id is None or self._svg is None:
            return None
        return self._exercise_id, self._mirrored

    def _shown(self) -> Picture:
        if self._movie is not None:
            return self._movie
        if self._image is not None:
            return self._image
        return self._svg if self._svg is not None else self._placeholder

    def _clear(self) -> None:
        if self._movie is not None:
            self._movie.stop()
            self._movie.deleteLater()
        self._movie = None
        self._image = None
        if self._svg is not None:
            self._svg.deleteLater()
        self._svg = None
        self._exercise_id = None
        self._drawn_phase = None
        self._forget_frames()

    def _show_placeholder(self) -> None:
        self.setAccessibleDescription(_("No picture for this exercise"))


def changed_rect(first: QPixmap, second: QPixmap) -> QRect:
    """The smallest rectangle outside which two pictures of one size are the same (empty if
    they are the same everywhere), in device-independent pixels, rounded outwards."""
    difference = first.toImage().convertToFormat(QImage.Format.Format_RGB32)
    other = second.toImage()
    ratio = difference.devicePixelRatio()
    difference.setDevicePixelRatio(1.0)
    other.setDevicePixelRatio(1.0)
    painter = QPainter(difference)
    # Equal pixels come out black; any other pixel shows a change.
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Difference)
    painter.drawImage(0, 0, other)
    painter.end()
    rows = _changed_lines(difference)
    if rows is None:
        return QRect()
    # The columns are the rows of the changed band turned on its diagonal.
    band = difference.copy(0, rows[0], difference.width(), rows[1] - rows[0] + 1)
    columns = _changed_lines(band.transformed(QTransform(0, 1, 1, 0, 0, 0)))
    assert columns is not None
    left, right = math.floor(columns[0] / ratio), math.ceil((columns[1] + 1) / ratio)
    top, bottom = math.floor(rows[0] / ratio), math.ceil((rows[1] + 1) / ratio)
    return QRect(left, top, right - left, bottom - top)


def _changed_lines(difference: QImage) -> tuple[int, int] | None:
    """The first and last row of a difference picture that is not all black, or None."""
    stride, width = difference.bytesPerLine(), difference.width() * 4
    pixels = bytes(difference.constBits())
    black = b"\0\0\0\xff" * difference.width()  # RGB32: blue, green, red, then opaque

    def changed(row: int) -> bool:
        return pixels[row * stride : row * stride + width] != black

    rows = range(difference.height())
    first = next((row for row in rows if changed(row)), None)
    if first is None:
        return None
    last = next(row for row in reversed(rows) if changed(row))
    return first, last


def _frame_rect(frame: tuple[QPoint, QPixmap]) -> QRect:
    """Where a kept frame covers the view, in the view's pixels."""
    corner, pixmap = frame
    return QRect(corner, pixmap.deviceIndependentSize().toSize())


def _fitting_hints(painter: QPainter) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)

"""The exercise picture: a built-in illustration drawn at a phase of the movement, or the user's
own picture (SVG, PNG or animated GIF), or a neutral placeholder when there is nothing to show.

With animation off the view shows the end pose, which carries a pale ghost of the start pose and
an arrow along the movement: one still picture that still says where the movement starts and
where it goes, drawn as large as the space allows (a two-panel sheet would be half the size).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSize
from PySide6.QtGui import QImage, QMovie, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from sciatica_coach.core.pictures import PictureError
from sciatica_coach.illustrations import available, placeholder_svg, render_svg
from sciatica_coach.illustrations.qt_pictures import (
    Picture,
    illustration_image,
    load_user_picture,
    paint_fitted,
    validate_user_image,
)
from sciatica_coach.ui.dark_ink import svg_for_palette

# The sheet and the picture check live in `illustrations.qt_pictures`, below the report too;
# they are still named here for the callers that have always imported them from the view.
__all__ = ["IllustrationView", "illustration_image", "validate_user_image"]

# A phase step smaller than this moves a limb by well under a pixel at the usual size.
VISIBLE_PHASE_STEP = 0.01
RENDER_WIDTH = 480


class IllustrationView(QWidget):
    """Shows one exercise's picture; the player drives the movement with `set_phase`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._exercise_id: str | None = None
        self._mirrored = False
        self._animated = True
        self._phase = 0.0
        self._drawn_phase: float | None = None
        self._renders = 0
        self._svg: QSvgRenderer | None = None
        self._image: QImage | None = None
        self._movie: QMovie | None = None
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
        self._clear()
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
            self.setAccessibleDescription("Picture of the exercise")
        self.update()

    def set_phase(self, phase: float) -> None:
        """Move the built-in figure to ``phase`` (0 start pose, 1 end pose).

        Only redraws when the change would be visible, or on reaching either end exactly.
        """
        self._phase = min(1.0, max(0.0, phase)) if phase == phase else 0.0
        if self._animated:
            self._render()

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
        self._render(force=True)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
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
        svg = render_svg(
            self._exercise_id, phase, mirrored=self._mirrored, size=self._render_size()
        )
        svg = svg_for_palette(svg, self.palette())
        self._svg.load(QByteArray(svg.encode("utf-8")))
        self._drawn_phase = phase
        self._renders += 1
        self.update()

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

    def _show_placeholder(self) -> None:
        self.setAccessibleDescription("No picture for this exercise")

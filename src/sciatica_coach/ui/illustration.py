"""The exercise picture: a built-in illustration drawn at a phase of the movement, or the user's
own picture (SVG, PNG or animated GIF), or a neutral placeholder when there is nothing to show.

With animation off the view shows the end pose, which carries a pale ghost of the start pose and
an arrow along the movement: one still picture that still says where the movement starts and
where it goes, drawn as large as the space allows (a two-panel sheet would be half the size).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QImageReader, QMovie, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from sciatica_coach.core.pictures import PictureError, check_dimensions, read_picture
from sciatica_coach.illustrations import (
    UserImageError,
    available,
    check_user_image_path,
    placeholder_svg,
    render_sheet_svg,
    render_svg,
)

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
        self._placeholder = QSvgRenderer(QByteArray(placeholder_svg().encode("utf-8")), self)
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

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._render(force=True)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        area = QRectF(self.rect())
        if self._movie is not None:
            frame = self._movie.currentImage()
            if not frame.isNull():
                painter.drawImage(_fit(area, QSize(frame.width(), frame.height())), frame)
        elif self._image is not None:
            painter.drawImage(_fit(area, self._image.size()), self._image)
        else:
            renderer = self._svg if self._svg is not None else self._placeholder
            renderer.render(painter, _fit(area, renderer.defaultSize()))
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
            data = read_picture(path)
        except PictureError:
            return
        suffix = path.suffix.lower()
        if suffix == ".svg":
            renderer = QSvgRenderer(QByteArray(data), self)
            if renderer.isValid():
                self._svg = renderer
            else:
                renderer.deleteLater()
        elif suffix == ".gif":
            movie = _movie(data, self)
            if movie.isValid() and movie.jumpToFrame(0) and not movie.currentImage().isNull():
                movie.frameChanged.connect(self.update)
                self._movie = movie
                if self._animated:
                    movie.start()
            else:
                movie.deleteLater()
        else:
            try:
                self._image = _decode_raster(data, suffix)
            except PictureError:
                return

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


def _fit(area: QRectF, size: QSize) -> QRectF:
    """The largest rectangle of the picture's shape centred in ``area``."""
    if size.width() <= 0 or size.height() <= 0:
        return area
    scale = min(area.width() / size.width(), area.height() / size.height())
    width, height = size.width() * scale, size.height() * scale
    return QRectF(
        area.x() + (area.width() - width) / 2,
        area.y() + (area.height() - height) / 2,
        width,
        height,
    )


def illustration_image(exercise_id: str, width: int, height: int) -> QImage:
    """The start-to-end sheet drawn on a white image (for the printed summary).

    An exercise without a built-in illustration gets the grey stand-in, so a report keeps its
    layout.
    """
    svg = render_sheet_svg(exercise_id) if exercise_id in available() else placeholder_svg()
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(
        painter, _fit(QRectF(0, 0, image.width(), image.height()), renderer.defaultSize())
    )
    painter.end()
    return image


def _buffer(data: bytes, parent: QObject | None = None) -> QBuffer:
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def _movie(data: bytes, parent: QObject) -> QMovie:
    """An animated GIF played from memory (the buffer lives as long as the movie)."""
    buffer = _buffer(data)
    movie = QMovie(buffer, QByteArray(b"gif"), parent)
    buffer.setParent(movie)
    return movie


def _decode_raster(data: bytes, suffix: str) -> QImage:
    """The first frame of a PNG or GIF already passed by `check_picture`; raises PictureError.

    Qt's own reading of the size is checked too before it allocates the image.
    """
    buffer = _buffer(data)
    reader = QImageReader(buffer, QByteArray(suffix.lstrip(".").encode("ascii")))
    size = reader.size()
    if size.isValid():
        check_dimensions(size.width(), size.height())
    image = reader.read()
    if image.isNull():
        raise PictureError(f"is damaged: it cannot be read as a picture ({reader.errorString()})")
    return image


def check_user_picture(path: Path) -> None:
    """Check a picture the way the player loads it: the safety rules, then a real decode.

    Raises `PictureError` whose message starts with a verb ("is damaged: ...", "has an <image>
    element ...") so callers can put the picture's name in front.
    """
    data = read_picture(path)
    suffix = path.suffix.lower()
    if suffix == ".svg":
        if not QSvgRenderer(QByteArray(data)).isValid():
            raise PictureError("is damaged: it is not a valid SVG drawing")
    else:
        _decode_raster(data, suffix)


def validate_user_image(routine_file: Path, relative: str) -> Path:
    """The picture a routine file names, checked for safety and that it really is a picture.

    Raises `UserImageError` (a ValueError) naming the routine file and the path when the path
    is absolute, leaves the routine's folder, is missing, has the wrong type or cannot be read,
    or when the picture breaks a `core.pictures` rule or does not decode.
    """
    path = check_user_image_path(routine_file, relative)
    try:
        check_user_picture(path)
    except PictureError as error:
        raise UserImageError(f"{routine_file}: picture {relative!r} {error}") from None
    return path

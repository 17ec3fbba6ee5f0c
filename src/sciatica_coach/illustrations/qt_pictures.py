"""Exercise pictures in Qt, for the player's view and the printed summary alike.

A user's picture is read and checked by `core.pictures` and decoded from those same bytes in
memory, never opened again by path: a file swapped in after the check cannot slip past it.
Every picture, built-in or the user's, is drawn as large as fits and centred (`fit`).

This is the one module of the package that uses Qt; the package itself imports none.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeAlias

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QImageReader, QMovie, QPainter
from PySide6.QtSvg import QSvgRenderer

from sciatica_coach.core.pictures import PictureError, check_dimensions, read_picture
from sciatica_coach.i18n import _
from sciatica_coach.illustrations import (
    UserImageError,
    available,
    check_user_image_path,
    placeholder_svg,
    render_sheet_svg,
)

# What a decoded picture is: a drawing, an animated GIF, or a still PNG.
Picture: TypeAlias = QSvgRenderer | QMovie | QImage


def fit(area: QRectF, size: QSize) -> QRectF:
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


def paint_fitted(painter: QPainter, area: QRectF, picture: Picture) -> None:
    """Draw ``picture`` (a GIF at its current frame) fitted into ``area``."""
    if isinstance(picture, QSvgRenderer):
        picture.render(painter, fit(area, picture.defaultSize()))
        return
    frame = picture.currentImage() if isinstance(picture, QMovie) else picture
    if not frame.isNull():
        painter.drawImage(fit(area, frame.size()), frame)


def load_user_picture(path: Path, parent: QObject | None = None) -> Picture:
    """The user's picture at ``path``, read and checked now and decoded from those bytes.

    A GIF comes as a movie at its first frame (not started). Raises `PictureError` whose
    message starts with a verb ("is damaged: ...", "has an <image> element ...") so callers
    can put the picture's name in front.
    """
    data = read_picture(path)
    suffix = path.suffix.lower()
    if suffix == ".svg":
        renderer = QSvgRenderer(QByteArray(data), parent)
        if not renderer.isValid():
            _discard(renderer)
            raise PictureError(_("is damaged: it is not a valid SVG drawing"))
        return renderer
    # Decoded as a still first, even a GIF: that is where Qt's own reading of the size is
    # checked before it allocates, and a first frame that does not decode is reported.
    still = _decode_raster(data, suffix)
    if suffix != ".gif":
        return still
    del still  # the movie decodes its own frames
    movie = _movie(data, parent)
    if not (movie.isValid() and movie.jumpToFrame(0) and not movie.currentImage().isNull()):
        _discard(movie)
        raise PictureError(_("is damaged: it cannot be played as an animation"))
    return movie


def _discard(thing: QObject) -> None:
    # One with a parent would live as long as the parent; one without is Python's to free.
    if thing.parent() is not None:
        thing.deleteLater()


def check_user_picture(path: Path) -> None:
    """Check a picture the way the player loads it: the safety rules, then a real decode.

    Raises `PictureError` as `load_user_picture` does.
    """
    load_user_picture(path)


def validate_user_image(routine_file: Path, relative: str) -> Path:
    """The picture a routine file names, checked for safety and that it really is a picture.

    Raises `UserImageError` (a ValueError) naming the routine file and the path when the path
    breaks a rule of `core.pictures.resolve_picture_path`, or when the picture breaks a
    `core.pictures` safety rule or does not decode.
    """
    path = check_user_image_path(routine_file, relative)
    try:
        check_user_picture(path)
    except PictureError as error:
        raise UserImageError(f"{routine_file}: image {relative} {error}") from None
    return path


def user_picture_image(path: Path, width: int, height: int) -> QImage | None:
    """The user's picture fitted on a white image (a GIF's first frame); None if it breaks a
    rule or does not decode."""
    try:
        picture = load_user_picture(path)
    except PictureError:
        return None
    return _on_white(picture, width, height)


def illustration_image(exercise_id: str, width: int, height: int) -> QImage:
    """The start-to-end sheet drawn on a white image (for the printed summary).

    An exercise without a built-in illustration gets the grey stand-in, so a report keeps its
    layout.
    """
    svg = render_sheet_svg(exercise_id) if exercise_id in available() else placeholder_svg()
    return _on_white(QSvgRenderer(QByteArray(svg.encode("utf-8"))), width, height)


def _on_white(picture: Picture, width: int, height: int) -> QImage:
    image = QImage(max(1, width), max(1, height), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    paint_fitted(painter, QRectF(0, 0, image.width(), image.height()), picture)
    painter.end()
    return image


def _buffer(data: bytes, parent: QObject | None = None) -> QBuffer:
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def _movie(data: bytes, parent: QObject | None) -> QMovie:
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
        raise PictureError(
            _("is damaged: it cannot be read as a picture ({reason})").format(
                reason=reader.errorString()
            )
        )
    return image

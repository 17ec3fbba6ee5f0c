"""Checks on a picture a user's routine file points to, named after the routine file (no Qt).

The rules are `core.pictures.resolve_picture_path`, the ones the catalog applies on loading.
"""

from __future__ import annotations

from pathlib import Path

from sciatica_coach.core.pictures import PictureError, resolve_picture_path


class UserImageError(ValueError):
    """A routine's picture cannot be used; the message names the routine file and the path."""


def check_user_image_path(routine_file: Path, relative: str) -> Path:
    """The resolved picture path, if it is safe and plausible to load.

    Raises `UserImageError` (a ValueError) when the path breaks a rule of
    `core.pictures.resolve_picture_path`.
    """
    try:
        return resolve_picture_path(routine_file.parent, relative)
    except PictureError as error:
        raise UserImageError(f"{routine_file}: image {error}") from None

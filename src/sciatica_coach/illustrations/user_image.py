"""Checks on a picture a user's routine file points to (no Qt: the path rules only)."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

IMAGE_SUFFIXES = frozenset({".svg", ".png", ".gif"})


class UserImageError(ValueError):
    """A routine's picture cannot be used; the message names the routine file and the path."""


def check_user_image_path(routine_file: Path, relative: str) -> Path:
    """The resolved picture path, if it is safe and plausible to load.

    The path must be relative, stay inside the routine file's folder once symlinks and ".."
    are resolved, name an existing readable file and end in .svg, .png or .gif. Raises
    `UserImageError` (a ValueError) otherwise.
    """

    def refuse(why: str) -> UserImageError:
        return UserImageError(f"{routine_file}: picture {relative!r} {why}")

    if not relative.strip():
        raise refuse("is empty")
    if any(ord(c) < 32 or ord(c) == 127 for c in relative):
        raise refuse("contains control characters")
    if (
        PurePosixPath(relative).is_absolute()
        or PureWindowsPath(relative).is_absolute()
        or PureWindowsPath(relative).drive
        or relative.startswith("~")
    ):
        raise refuse("must be a path relative to the routine file, not an absolute path")
    suffix = PurePosixPath(relative.replace("\\", "/")).suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise refuse(f"has an unsupported type; use one of {', '.join(sorted(IMAGE_SUFFIXES))}")
    try:
        folder = routine_file.parent.resolve()
        target = (folder / relative).resolve()
    except (OSError, RuntimeError) as error:
        # RuntimeError is how Python 3.11 reports a symbolic link loop.
        raise refuse(f"cannot be followed ({error})") from None
    if not target.is_relative_to(folder):
        raise refuse(f"points outside the routine's folder {folder}")
    if not target.exists():
        raise refuse("does not exist")
    if not target.is_file():
        raise refuse("is not a file")
    if target.suffix.lower() not in IMAGE_SUFFIXES:
        raise refuse("links to a file that is not an .svg, .png or .gif picture")
    if not os.access(target, os.R_OK):
        raise refuse("cannot be read (check its permissions)")
    return target

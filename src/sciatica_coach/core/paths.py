"""Where things live: the user's private data folder and the assets shipped with the app."""

from __future__ import annotations

import errno
import os
from collections.abc import Mapping
from pathlib import Path

from sciatica_coach.i18n import _

APP_NAME = "sciatica-coach"
DATA_DIR_ENV = "SCIATICA_COACH_DATA_DIR"
DATABASE_NAME = "sessions.sqlite3"
USER_ROUTINES_DIR = "routines"


def data_dir(override: str | os.PathLike[str] | None, environ: Mapping[str, str]) -> Path:
    """The data folder: ``--data-dir`` first, then the environment, then the platform default."""
    if override:
        return Path(override).expanduser()
    from_env = environ.get(DATA_DIR_ENV, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # only for the default folder: the app's own start names its folder

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path, *, create: bool = True) -> Path:
    """Make ``path`` a folder readable by its owner only (0700): the log is health data.

    With ``create=False`` a missing folder is left missing (commands that only read). Raises
    NotADirectoryError, with a message naming the path, if ``path`` is something else, and
    other OSErrors if it cannot be made or tightened.
    """
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(
            errno.ENOTDIR, _("is not a folder; choose another data folder"), str(path)
        )
    if not path.exists():
        if not create:
            return path
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)
    return path


def assets_dir() -> Path:
    """The shipped ``assets`` folder: inside the installed package, or at the top of a checkout."""
    package_dir = Path(__file__).resolve().parent.parent
    bundled = package_dir / "assets"
    if bundled.is_dir():
        return bundled
    checkout = package_dir.parent.parent / "assets"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        _("the app's assets folder is missing (looked in {bundled} and {checkout})").format(
            bundled=bundled, checkout=checkout
        )
    )


def library_dir() -> Path:
    return assets_dir() / "library"


def builtin_routines_dir() -> Path:
    return library_dir() / "routines"


def user_routines_dir(data: Path) -> Path:
    return data / USER_ROUTINES_DIR

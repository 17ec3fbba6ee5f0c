"""Read a small file the user controls without letting it hang, flood or trick the reader.

Only regular files are read. A symbolic link is followed when it ends at a regular file (people
keep routines in a synced folder and link them in; the link's target is checked, not the link),
and refused when it ends at a FIFO, a device, a socket or a folder. The type is checked before
opening (so a device is never opened) and again on the open descriptor (so a FIFO swapped in
between the two cannot block: it is opened non-blocking and refused). At most ``limit + 1``
bytes are read, so a file that grows past its size check is still caught without reading it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sciatica_coach.i18n import _

# O_NONBLOCK keeps open() of a FIFO from waiting for a writer; O_NOCTTY keeps a terminal from
# becoming ours. Neither exists on Windows, where FIFOs cannot appear in a folder anyway.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 64 * 1024


class FileRefused(Exception):
    """The file is not something to read: the message says why, in words a user can act on."""


def describe_kind(mode: int) -> str:
    """What a non-regular file is, in plain words."""
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("not a regular file")


def _check(mode: int, size: int, limit: int) -> None:
    if not stat.S_ISREG(mode):
        raise FileRefused(_("is {kind}, not a regular file").format(kind=describe_kind(mode)))
    if size > limit:
        raise FileRefused(
            _("is {size}; the limit is {limit}").format(
                size=_show_size(size), limit=_show_size(limit)
            )
        )


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of ``path``; raises `FileRefused` for anything but a regular file of at most
    ``limit`` bytes, and `FileRefused` too (with the system's reason) when it cannot be read."""
    try:
        before = os.stat(path)
        _check(before.st_mode, before.st_size, limit)
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileRefused:
        raise
    except (OSError, ValueError) as error:
        raise FileRefused(_("cannot be read: {reason}").format(reason=_reason(error))) from None
    try:
        opened = os.fstat(descriptor)
        _check(opened.st_mode, opened.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except FileRefused:
        raise
    except OSError as error:
        raise FileRefused(_("cannot be read: {reason}").format(reason=_reason(error))) from None
    finally:
        os.close(descriptor)
    if total > limit:
        raise FileRefused(
            _("grew past the limit of {limit} while being read").format(limit=_show_size(limit))
        )
    return b"".join(chunks)


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    if isinstance(error, ValueError):
        return _("the path contains a NUL character")
    return str(error)


def _show_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size / (1024 * 1024):.1f} MiB"

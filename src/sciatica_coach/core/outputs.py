"""Writing the files a user asks for (CSV exports, PDF summaries and reports) without harm.

Every output is written to a new private (0600) file next to its target, each write checked,
flushed to the disk, and only then renamed over the target. A failure at any point leaves the
old file exactly as it was and raises `OutputError` with one line the user can act on.

A target that is not a regular file is refused rather than replaced: a symbolic link (which
may point into a private folder), a folder, a FIFO, a device or a socket.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sciatica_coach.i18n import N_, _

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

FILE_MODE = 0o600
# Keeps the temporary name within the 255-byte limit of common file systems.
TEMP_PREFIX_CHARS = 64

_REASONS = {
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("your disk quota is used up"),
    errno.EFBIG: N_("the file is too large for the disk"),
    errno.EACCES: N_("permission denied; choose a folder you can write to"),
    errno.EPERM: N_("permission denied; choose a folder you can write to"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EIO: N_("the disk reported an input/output error"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.ENOTDIR: N_("part of the path is not a folder"),
    errno.ENOENT: N_("the folder does not exist"),
}
_SPECIAL_KINDS = (
    (stat.S_ISDIR, N_("is a folder; give a file name")),
    (stat.S_ISFIFO, N_("is a named pipe (FIFO), not a regular file")),
    (stat.S_ISCHR, N_("is a device, not a regular file")),
    (stat.S_ISBLK, N_("is a device, not a regular file")),
    (stat.S_ISSOCK, N_("is a socket, not a regular file")),
)


class OutputError(Exception):
    """The file was not written; ``str()`` is one line naming the path and the reason."""

    def __init__(self, path: Path, message: str) -> None:
        self.path = path
        super().__init__(message)


def _refused(path: Path, reason: str) -> OutputError:
    return OutputError(path, f"{path}: {reason}")


def _failed(path: Path, reason: str) -> OutputError:
    return OutputError(
        path, _("Could not write {path}: {reason}.").format(path=path, reason=reason)
    )


def check_target(path: Path) -> None:
    """Raise OutputError unless ``path`` may be created or replaced as a regular file."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise _refused(path, _reason(error)) from None
    if found is not None:
        if stat.S_ISLNK(found.st_mode):
            raise _refused(path, _("is a symbolic link; give the path of the file itself"))
        for test, kind in _SPECIAL_KINDS:
            if test(found.st_mode):
                raise _refused(path, _(kind))
    folder = path.parent
    try:
        folder_mode = os.stat(folder).st_mode
    except FileNotFoundError:
        raise _refused(
            path, _("the folder {folder} does not exist").format(folder=folder)
        ) from None
    except OSError as error:
        raise _refused(path, _reason(error)) from None
    if not stat.S_ISDIR(folder_mode):
        raise _refused(path, _("{folder} is not a folder").format(folder=folder))


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` as a 0600 file, all or nothing."""
    with replacing(path) as sink:
        sink.write(data)


def write_text(path: Path, text: str, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` as a 0600 file, all or nothing; newlines as given."""
    write_bytes(path, text.encode(encoding))


@contextmanager
def open_text(path: Path, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream (``newline=""``) that replaces ``path`` when the block ends without error.

    For writers that stream, such as the CSV export: nothing replaces ``path`` unless every
    byte reached the disk.
    """
    with replacing(path) as sink:
        stream = io.TextIOWrapper(io.BufferedWriter(sink), encoding=encoding, newline="")
        try:
            yield stream
            stream.flush()
        except BaseException:
            # What is still buffered belongs to a file that is being thrown away.
            sink.discarding = True
            raise
        finally:
            # Unwrap now, so that no wrapper flushes into a closed descriptor when collected.
            stream.detach().detach()


class _Sink(io.RawIOBase):
    """Writes straight to a file descriptor, checking every write; short writes are retried."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd
        self.written = 0
        self.discarding = False

    def writable(self) -> bool:
        return True

    def write(self, data: ReadableBuffer, /) -> int:
        view = memoryview(data).cast("B")
        if self.discarding:
            return len(view)
        if self.fd < 0:
            # i18n: not words (a programmer's error)
            raise ValueError("write to an output that is already finished")
        done = 0
        while done < len(view):
            count = os.write(self.fd, view[done:])
            if count <= 0:
                # A write that makes no progress is how some file systems say "full".
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            done += count
        self.written += done
        return done


@contextmanager
def replacing(path: Path) -> Iterator[_Sink]:
    """A raw sink whose bytes replace ``path`` when the block ends without error."""
    check_target(path)
    existed = os.path.lexists(path)
    prefix = f".{path.name[:TEMP_PREFIX_CHARS]}."
    try:
        fd, temp_name = tempfile.mkstemp(prefix=prefix, suffix=".part", dir=path.parent)
    except OSError as error:
        raise _failed(path, _reason(error)) from None
    temp = Path(temp_name)
    sink = _Sink(fd)
    done = False
    try:
        # mkstemp already creates 0600; say so explicitly in case a platform differs.
        if hasattr(os, "fchmod"):  # not on Windows before Python 3.13
            os.fchmod(fd, FILE_MODE)
        yield sink
        os.fsync(fd)
        size = os.fstat(fd).st_size
        if size != sink.written:
            # i18n: not words (the system's reason is shown instead)
            raise OSError(errno.EIO, f"{size} of {sink.written} bytes reached the disk")
        # Some network file systems report a failed write only at close: check it too.
        closing, fd, sink.fd = fd, -1, -1
        os.close(closing)
        # The target may have changed while we wrote; never rename over a link or a FIFO.
        check_target(path)
        os.replace(temp, path)
        done = True
        _sync_folder(path.parent)
    except OSError as error:
        raise _failed(path, _reason(error) + _kept(existed)) from None
    finally:
        if fd >= 0:
            os.close(fd)
            sink.fd = -1
        if not done:
            temp.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems cannot open a folder, which is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(error: OSError) -> str:
    if error.errno in _REASONS:
        return _(_REASONS[error.errno])
    return error.strerror or str(error)


def _kept(existed: bool) -> str:
    # Translators: added after the reason a file could not be written.
    return _("; the file that was there is unchanged") if existed else ""

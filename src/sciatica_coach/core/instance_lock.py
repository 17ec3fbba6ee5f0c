"""One writer per data folder: a lock file held for as long as the app (or an import) runs.

The lock is an operating-system lock on an open file (``flock`` on Unix, ``msvcrt.locking``
on Windows), so taking it is atomic and the system drops it when its process ends, however it
ends: a lock left by a killed process never blocks the next start. The file itself stays in the
data folder and is never deleted, because deleting a lock file lets two processes each lock a
different file of the same name.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType

from sciatica_coach.i18n import _

LOCK_NAME = "instance.lock"


class InstanceLockHeld(Exception):
    """Another process holds the data folder's lock; ``pid`` is its process id if known."""

    def __init__(self, path: Path, pid: int | None) -> None:
        holder = _(" (process {pid})").format(pid=pid) if pid else ""
        super().__init__(
            _("Another Sciatica Coach{holder} is using {parent}.").format(
                holder=holder, parent=path.parent
            )
        )
        self.path = path
        self.pid = pid


class InstanceLock:
    """The held lock on ``data``; release it with ``release`` or by leaving a ``with`` block."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, data: Path) -> InstanceLock:
        """Take the lock of the data folder ``data`` (which must exist) without waiting.

        Raises InstanceLockHeld if another process holds it, OSError if the lock file cannot
        be made or opened.
        """
        path = data / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if not _try_lock(fd):
                raise InstanceLockHeld(path, _read_pid(fd))
            _write_pid(fd)
        except BaseException:
            os.close(fd)
            raise
        return cls(path, fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let the next process in; closing the file drops the lock. Safe to call twice."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":
    import msvcrt

    # Windows locks are mandatory, so the locked byte lies past the process id written at the
    # start of the file, where a waiting process can still read that id.
    _LOCK_OFFSET = 1024

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def _write_pid(fd: int) -> None:
    """Note who holds the lock, only to name them in a message."""
    if hasattr(os, "fchmod"):  # the umask may have loosened the mode os.open asked for
        os.fchmod(fd, 0o600)
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, f"{os.getpid()}\n".encode())


def _read_pid(fd: int) -> int | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None

"""Notice routine files added, changed or removed in the data folder's ``routines/`` while the
app runs, so the library can be read again at once.

A folder watch sees files appear, go and be renamed over (every save the app makes is a
rename); each ``*.toml`` file is watched too, for an editor that writes a file in place. The
data folder itself is watched until ``routines/`` exists. Changes come in bursts (a save writes
a temporary file, renames it, writes the previous version): they are gathered for a moment
and reported once.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

SETTLE_MS = 150


class RoutinesWatcher(QObject):
    """Emits ``changed()`` once a burst of changes in ``routines_dir`` has settled."""

    changed = Signal()

    def __init__(self, routines_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.routines_dir = routines_dir
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._noticed)
        self._watcher.fileChanged.connect(self._noticed)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self._watch()

    def watched(self) -> list[str]:
        return [*self._watcher.directories(), *self._watcher.files()]

    def _noticed(self, _path: str) -> None:
        self._settle.start()

    def _settled(self) -> None:
        self._watch()
        self.changed.emit()

    def _watch(self) -> None:
        """Watch the folder (or the data folder until it exists) and each routine file in it;
        a file renamed over is a new file to the system, so the list is made afresh."""
        wanted: list[str] = []
        folder = self.routines_dir
        if folder.is_dir():
            wanted.append(str(folder))
            with contextlib.suppress(OSError):
                wanted += sorted(str(p) for p in folder.glob("*.toml") if p.is_file())
        elif folder.parent.is_dir():
            wanted.append(str(folder.parent))
        # A file renamed over keeps its path but not its watch: every path is watched afresh.
        current = self.watched()
        if current:
            self._watcher.removePaths(current)
        if wanted:
            self._watcher.addPaths(wanted)

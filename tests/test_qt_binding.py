"""Guards against a Qt binding that loses references to None/True (PySide6 6.12.0 on 3.11).

Such a binding aborts the interpreter after a few minutes of a session's timer signals,
so the pin in pyproject.toml must keep it out; this test says so if it ever comes back.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal


class _Emitter(QObject):
    fired = Signal(str)


def test_signals_and_settings_keep_reference_counts(tmp_path: Path) -> None:
    emitter = _Emitter()
    received: list[str] = []
    emitter.fired.connect(received.append)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    before = (sys.getrefcount(None), sys.getrefcount(True))
    for _ in range(200):
        emitter.fired.emit("x")
        settings.setValue("sound/muted", True)
        settings.sync()
    after = (sys.getrefcount(None), sys.getrefcount(True))
    assert len(received) == 200
    assert after[0] - before[0] > -50 and after[1] - before[1] > -50, (before, after)

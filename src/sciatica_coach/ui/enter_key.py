"""Enter presses the button that has the keyboard focus, on every page.

Qt presses a focused push button with Space; Enter presses one only inside a dialog (its
"auto default" button). Someone who moves with Tab expects Enter to work everywhere: on
Today, Tab to "Start here" and Enter did nothing. Dialogs and the player keep their own
handling: a dialog presses its focused button itself, and the player's Enter is a window
shortcut, which Qt gives its key before any widget sees it.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QToolButton, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterPresses(QObject):
    """Enter on a focused button outside a dialog clicks it. The filter sits on the focused
    button alone, moved as the focus moves: one on the whole application would see every
    event of a running session (paints, timers) in Python."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._watched: QWidget | None = None
        app.focusChanged.connect(self._follow)

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._watched is not None and shiboken6.isValid(self._watched):
            self._watched.removeEventFilter(self)
        self._watched = None
        if isinstance(new, QPushButton | QToolButton) and not isinstance(new.window(), QDialog):
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.key() not in ENTER_KEYS or event.modifiers() not in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            return False
        if not isinstance(watched, QPushButton | QToolButton) or not watched.hasFocus():
            return False
        if not watched.isEnabled():
            return False
        if event.isAutoRepeat():
            return True  # one press, however long the key is held
        watched.click()  # at once, as the key handlers it stands in for did
        return True


_filter: EnterPresses | None = None


def install_enter_presses(app: QApplication) -> EnterPresses:
    """From now on Enter presses the focused button in every window of ``app`` (once)."""
    global _filter
    if _filter is None:
        _filter = EnterPresses(app)
    return _filter

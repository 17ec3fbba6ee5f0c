"""The reminder on screen: "Time for your exercises", with Start, In 30 minutes and Not today.

Where the desktop has a notification service, the reminder goes there through
desktop-notifier (buttons included) and is also offered in the tray; where it has none, or
sending fails, a small window of the app's own shows it in the corner of the screen, above
other windows, without taking the keyboard from what the user is doing.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sciatica_coach.core.words import not_today_label, snooze_label, start_label

if TYPE_CHECKING:
    import asyncio

logger = logging.getLogger(__name__)


class ReminderAnswers(QObject):
    """What the user chose, from whichever way the reminder was shown."""

    start = Signal()
    snooze = Signal()
    not_today = Signal()


class ReminderPopup(QWidget):
    """The app's own reminder window, in the screen's bottom-right corner."""

    def __init__(self, answers: ReminderAnswers) -> None:
        super().__init__(
            None,
            Qt.WindowType.Tool
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.FramelessWindowHint,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("reminderPopup")
        # i18n: not words (a style sheet)
        self.setStyleSheet(
            "#reminderPopup { border: 1px solid palette(mid); background: palette(window); }"
        )
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        for label in (self.title, self.body):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.start_button = QPushButton()
        self.snooze_button = QPushButton(snooze_label())
        self.not_today_button = QPushButton(not_today_label())
        self.start_button.setDefault(True)
        buttons = QHBoxLayout()
        for button, signal in (
            (self.start_button, answers.start),
            (self.snooze_button, answers.snooze),
            (self.not_today_button, answers.not_today),
        ):
            button.clicked.connect(signal.emit)
            button.clicked.connect(self.hide)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        layout.addLayout(buttons)
        self.setFixedWidth(420)

    def show_reminder(self, title: str, body: str, routine_name: str | None) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.start_button.setText(start_label(routine_name))
        self.adjustSize()
        screen = self.screen().availableGeometry()
        self.move(screen.right() - self.width() - 16, screen.bottom() - self.height() - 16)
        self.show()
        self.raise_()


class SystemNotifications:
    """desktop-notifier on its own asyncio thread; ``send`` returns False if it cannot."""

    def __init__(self, answers: ReminderAnswers, app_name: str) -> None:
        self._answers = answers
        self._app_name = app_name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._notifier: Any = None
        self._checked = False
        self.working = True

    @staticmethod
    def installed() -> bool:
        import importlib.util

        return importlib.util.find_spec("desktop_notifier") is not None

    def _start(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            # asyncio (and ssl under it) only once a reminder is due: not for every start.
            import asyncio

            from desktop_notifier import DesktopNotifier

            loop = asyncio.new_event_loop()
            threading.Thread(target=loop.run_forever, name="notifications", daemon=True).start()
            self._loop = loop
            self._notifier = DesktopNotifier(app_name=self._app_name)
        return self._loop

    def send(self, title: str, body: str, routine_name: str | None, timeout: float = 5) -> bool:
        if not self.working:
            return False
        import asyncio

        from desktop_notifier import Button

        def emit(signal: Any) -> Callable[[], None]:
            return lambda: signal.emit()  # Qt queues it to the UI thread

        try:
            loop = self._start()
            if not self._checked:
                # desktop-notifier logs a failed send rather than raising it: ask first
                # whether a service is there that can show the three buttons.
                from desktop_notifier import Capability

                found = asyncio.run_coroutine_threadsafe(self._notifier.get_capabilities(), loop)
                if Capability.BUTTONS not in found.result(timeout):
                    # i18n: not words (logged, not shown)
                    raise RuntimeError("the notification service shows no buttons")
                self._checked = True
            buttons = [
                Button(title=start_label(routine_name), on_pressed=emit(self._answers.start)),
                Button(title=snooze_label(), on_pressed=emit(self._answers.snooze)),
                Button(title=not_today_label(), on_pressed=emit(self._answers.not_today)),
            ]
            future = asyncio.run_coroutine_threadsafe(
                self._notifier.send(title=title, message=body, buttons=buttons), loop
            )
            future.result(timeout)
        except Exception as error:
            logger.info("No desktop notification service (%s); the app shows reminders", error)
            self.working = False
            return False
        return True

    def close(self) -> None:
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._loop.stop)

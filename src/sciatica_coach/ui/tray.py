"""The tray icon and its menu: start today's routine, open, pause reminders for today, quit.

Shown only while "Keep running in the tray" is on and the desktop has a tray; the window's
close button then hides the window and the app keeps running here, reminders armed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from sciatica_coach.core.words import start_label
from sciatica_coach.i18n import N_, _

OPEN_LABEL = N_("Open Sciatica Coach")
PAUSE_LABEL = N_("Pause reminders for today")
QUIT_LABEL = N_("Quit")


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


class CoachTray(QSystemTrayIcon):
    start_requested = Signal()
    open_requested = Signal()
    pause_requested = Signal()
    quit_requested = Signal()

    def __init__(self, icon: QIcon, parent: QWidget | None = None) -> None:
        super().__init__(icon, parent)
        self.setToolTip("Sciatica Coach")  # i18n: not words (the program's name)
        self.menu = QMenu(parent)
        self.start_action = QAction(start_label(None), self.menu)
        self.open_action = QAction(_(OPEN_LABEL), self.menu)
        self.pause_action = QAction(_(PAUSE_LABEL), self.menu)
        self.pause_action.setCheckable(True)
        self.quit_action = QAction(_(QUIT_LABEL), self.menu)
        self.start_action.triggered.connect(self.start_requested.emit)
        self.open_action.triggered.connect(self.open_requested.emit)
        self.pause_action.triggered.connect(lambda _on: self.pause_requested.emit())
        self.quit_action.triggered.connect(self.quit_requested.emit)
        for action in (self.start_action, self.open_action, self.pause_action):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.quit_action)
        self.setContextMenu(self.menu)
        self.activated.connect(self._activated)

    def set_routine(self, routine_name: str | None) -> None:
        self.start_action.setText(start_label(routine_name))
        self.start_action.setEnabled(routine_name is not None)

    def set_paused(self, paused: bool) -> None:
        self.pause_action.setChecked(paused)
        self.pause_action.setEnabled(not paused)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.open_requested.emit()

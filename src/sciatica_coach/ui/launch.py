"""Later launches over the same data folder reach the app already open: it comes forward and,
asked for a routine, opens that routine's check-in.

The data folder's lock (``core.instance_lock``) decides which app is the one open; the local
socket here only carries requests to it, one line each, answered once carried out.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, Qt
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from sciatica_coach.ui.app import MainWindow


def server_name(data: Path) -> str:
    """The local socket name of the app serving ``data``: one per data folder."""
    # SHA-256 through Qt, not hashlib, which would load OpenSSL (3 MB resident) to name it.
    sha256 = QCryptographicHash.Algorithm.Sha256
    hashed = QCryptographicHash.hash(str(data.resolve()).encode(), sha256)
    digest = bytes(hashed.toHex().data()).decode()[:16]
    return f"sciatica-coach-{digest}"


RAISE_MESSAGE = "raise"
START_PREFIX = "start "
DONE_REPLY = "ok"
# How long a second launch waits for the first: it may still be between taking the data
# folder's lock and listening, or opening the log before it can answer.
HANDOVER_PATIENCE_SECONDS = 2.0
_RETRY_SECONDS = 0.05


def send_to_running_instance(name: str, message: str, reply_seconds: float = 0.0) -> str | None:
    """Send one request line to the app listening as ``name``; None if nobody listens.

    Otherwise the reply line, given once the request has been carried out, or "" if none came
    within ``reply_seconds``.
    """
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(300):
        return None
    socket.write((message + "\n").encode())
    socket.waitForBytesWritten(300)
    reply = ""
    deadline = time.monotonic() + reply_seconds
    while (
        not socket.canReadLine() and socket.state() == QLocalSocket.LocalSocketState.ConnectedState
    ):
        left_ms = int((deadline - time.monotonic()) * 1000)
        if left_ms <= 0 or not socket.waitForReadyRead(left_ms):
            break
    if socket.canReadLine():
        reply = bytes(socket.readLine().data()).decode(errors="replace").strip()
    socket.disconnectFromServer()
    return reply


def bring_forward_running_instance(
    name: str, routine_id: str | None = None, *, patience: float = 0.0
) -> bool:
    """True when another window already serves this data folder; it is asked to come forward
    and, with ``routine_id``, to open that routine's check-in.

    With ``patience`` (seconds) an app still starting is given that long to listen and to
    answer; without, the request is only delivered.
    """
    message = START_PREFIX + routine_id if routine_id else RAISE_MESSAGE
    deadline = time.monotonic() + patience
    while True:
        left = deadline - time.monotonic()
        if send_to_running_instance(name, message, max(left, 0.0)) is not None:
            return True
        if left <= 0:
            return False
        time.sleep(_RETRY_SECONDS)


class LaunchServer(QLocalServer):
    """Answers later launches over the same data folder: brings the window forward and, for
    "start ROUTINE", opens that routine's check-in, then replies ``DONE_REPLY``.

    It may listen before the main window exists (during the safety screen): then it brings
    forward what is on screen and keeps the routine asked for until ``attach``.
    """

    def __init__(self, window: MainWindow | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.pending_routine: str | None = None
        self.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.newConnection.connect(self._accept)

    def attach(self, window: MainWindow) -> str | None:
        """From now on requests go to ``window``; returns the routine asked for before."""
        self.window = window
        pending, self.pending_routine = self.pending_routine, None
        return pending

    def _accept(self) -> None:
        connection = self.nextPendingConnection()
        while connection is not None:
            connection.readyRead.connect(lambda c=connection: self._read_request(c))
            connection.disconnected.connect(connection.deleteLater)
            self._read_request(connection)
            connection = self.nextPendingConnection()

    def _read_request(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            return
        line = bytes(connection.readLine().data()).decode(errors="replace").strip()
        routine = line[len(START_PREFIX) :].strip() if line.startswith(START_PREFIX) else None
        if self.window is None:
            showing = QApplication.activeModalWidget()
            if showing is not None:
                _bring_to_front(showing)
            self.pending_routine = routine or self.pending_routine
        else:
            _bring_to_front(self.window)
            if routine:
                self.window.start_routine(routine)
        connection.write((DONE_REPLY + "\n").encode())
        connection.disconnectFromServer()


def _bring_to_front(window: QWidget) -> None:
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def listen_for_second_launch(
    name: str, window: MainWindow | None = None, *, holding_lock: bool = False
) -> LaunchServer:
    """Listen as ``name`` for later launches (see LaunchServer).

    Only the holder of the data folder's lock should listen, and only it (``holding_lock``)
    may clear a socket left under ``name``: no live app can own that socket then, so it was
    left by one that died.
    """
    server = LaunchServer(window)
    if not server.listen(name) and holding_lock:
        QLocalServer.removeServer(name)
        server.listen(name)
    return server

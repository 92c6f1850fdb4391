"""One running app per user: a second launch asks the first to show its window and quits,
instead of opening a second microphone and a second session."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from desktop import appinfo

_WAIT_MS = 500
_SHOW = b"show\n"


def instance_name() -> str:
    """Per user (and per session): two people on one machine each get their own app."""
    if sys.platform == "win32":
        return f"{appinfo.APP_NAME}-{getpass.getuser()}"  # a named pipe
    # The user's runtime folder (XDG_RUNTIME_DIR on Linux): private to them, and emptied
    # when they log out.
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    return str(Path(runtime) / f"{appinfo.APP_NAME}.instance")


class SingleInstance(QObject):
    show_requested = Signal()
    """Another launch asked this one to come forward."""

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name or instance_name()
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        """True: this process is the app from now on. False: one was already running, and
        it has been asked to show its window."""
        if self._ask_running_one_to_show():
            return False
        # A crashed app leaves its socket file behind; nobody answered on it.
        QLocalServer.removeServer(self._name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self._name):
            return True  # no socket (an odd file system): run, as an app without this would
        server.newConnection.connect(self._on_server_new_connection)
        self._server = server
        return True

    def release(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            server.deleteLater()

    def _ask_running_one_to_show(self) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(_WAIT_MS):
            return False
        socket.write(_SHOW)
        socket.waitForBytesWritten(_WAIT_MS)
        socket.disconnectFromServer()
        return True

    @Slot()
    def _on_server_new_connection(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            # The request is one short line; it may still arrive in pieces.
            connection.readyRead.connect(self._on_connection_ready_read)
            connection.disconnected.connect(connection.deleteLater)
            self._read_request(connection)

    @Slot()
    def _on_connection_ready_read(self) -> None:
        connection = self.sender()
        if isinstance(connection, QLocalSocket):
            self._read_request(connection)

    def _read_request(self, connection: QLocalSocket) -> None:
        if connection.canReadLine() and bytes(connection.readLine().data()) == _SHOW:
            self.show_requested.emit()

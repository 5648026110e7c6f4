"""ListenServer: server mode. Accepts many TCP clients and records what each one does.

Each client gets a small integer id; the table is a dict keyed by it, so work per event is
O(1) however many clients are connected. Table changes are announced at most every
CLIENTS_CHANGED_DELAY_MS, so a thousand connects repaint the client list a few times, not
a thousand.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSignalMapper, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QTcpServer, QTcpSocket

from .address import format_endpoint, plain_address
from .auto_reply import AutoReplyRules
from .events import Direction, EventClock, EventKind, EventSource

LISTEN_BACKLOG = 1024
CLIENTS_CHANGED_DELAY_MS = 50

_ANY_ADDRESSES = (
    QHostAddress(QHostAddress.SpecialAddress.Any),
    QHostAddress(QHostAddress.SpecialAddress.AnyIPv4),
    QHostAddress(QHostAddress.SpecialAddress.AnyIPv6),
)


class ListenError(ValueError):
    """The server cannot listen; str(error) is the message for the user."""


def is_wide_bind(host: str) -> bool:
    """True for 0.0.0.0 / :: (every interface): the port becomes reachable from the network."""
    text = host.strip().strip("[]")
    if text in ("", "*"):
        return True
    address = QHostAddress(text)
    return not address.isNull() and any(address.isEqual(a) for a in _ANY_ADDRESSES)


@dataclass
class ClientInfo:
    id: int
    peer: str
    """address:port of the client."""
    bytes_in: int = 0
    bytes_out: int = 0
    """Bytes the OS accepted for sending (bytesWritten)."""
    connected_since: float = 0.0
    """Seconds since the epoch."""


@dataclass
class _Client:
    info: ClientInfo
    socket: QTcpSocket
    handed: int = 0  # bytes given to socket.write(); what bytesWritten confirmed is in info

class ListenServer(EventSource, QObject):
    event_recorded = Signal(object)  # SessionEvent
    client_connected = Signal(int)
    client_disconnected = Signal(int)
    clients_changed = Signal()  # coalesced: the table or its counters changed
    data_received = Signal(int, bytes)  # client id, data
    listening_changed = Signal(bool)
    error_occurred = Signal(str, str)  # error name, human message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = EventClock()
        self.echo = False
        self.auto_replies = AutoReplyRules()
        self._clients: dict[int, _Client] = {}
        self._next_id = 1
        self._server = QTcpServer(self)
        self._server.setListenBacklogSize(LISTEN_BACKLOG)
        # We take every pending connection as it arrives; the default cap of 30 would
        # make Qt pause accepting during a burst.
        self._server.setMaxPendingConnections(LISTEN_BACKLOG)
        self._server.newConnection.connect(self._accept_pending)
        self._server.acceptError.connect(self._on_accept_error)
        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(CLIENTS_CHANGED_DELAY_MS)
        self._changed_timer.timeout.connect(self.clients_changed)
        # Every client's socket signals reach one slot each, with the client's id, through a
        # mapper: the routing stays in C++. QObject.sender() in Python costs ~12 µs a call with
        # a thousand sockets open (more than the rest of the slot), and per-client Python
        # callables (lambdas, partials) make PySide crash when their socket is deleted.
        self._client_routes = []
        for slot in (self._on_ready_read, self._on_bytes_written, self._on_disconnected, self._on_client_error):
            mapper = QSignalMapper(self)
            mapper.mappedInt.connect(slot)
            self._client_routes.append(mapper)

    # ----------------------------------------------------------------- state
    @property
    def is_listening(self) -> bool:
        return self._server.isListening()

    @property
    def port(self) -> int:
        return self._server.serverPort() if self.is_listening else 0

    @property
    def local_endpoint(self) -> str:
        if not self.is_listening:
            return ""
        return format_endpoint(self._server.serverAddress().toString(), self._server.serverPort())

    def clients(self) -> list[ClientInfo]:
        """A snapshot of the client table, oldest connection first."""
        return [dataclasses.replace(c.info) for c in self._clients.values()]

    def client(self, client_id: int) -> ClientInfo | None:
        entry = self._clients.get(client_id)
        return dataclasses.replace(entry.info) if entry else None

    @property
    def client_count(self) -> int:
        return len(self._clients)

    # ----------------------------------------------------------------- operations
    def start(self, host: str = "127.0.0.1", port: int = 0) -> int:
        """Listen on host:port (0 = any free port); returns the port. Raises ListenError."""
        text = host.strip().strip("[]")
        address = QHostAddress(text)
        if address.isNull():
            self._fail(ListenError(f"Bind address {host!r} is not an IP address "
                                   "(use 127.0.0.1, ::1, 0.0.0.0 or ::)."), "InvalidEndpoint")
        if not 0 <= int(port) <= 65535:
            self._fail(ListenError(f"Port {port} is out of range: use 0 to 65535."), "InvalidEndpoint")
        if self.is_listening:
            self.stop()
        self.clock.restart()
        self._record(EventKind.CALL, f"listen({address.toString()!r}, {port}), backlog {LISTEN_BACKLOG}")
        if not self._server.listen(address, int(port)):
            name = self._server.serverError().name
            self._fail(ListenError(f"Cannot listen on {format_endpoint(address.toString(), int(port))}: "
                                   f"{self._server.errorString()}"), name)
        wide = " — reachable from the network" if is_wide_bind(text) else ""
        self._record(EventKind.NOTE, f"listening on {self.local_endpoint}{wide}")
        self.listening_changed.emit(True)
        return self._server.serverPort()

    def stop(self) -> None:
        """Stop accepting and close every client connection (queued data is still sent)."""
        if not self.is_listening and not self._clients:
            return
        if self.is_listening:
            self._record(EventKind.CALL, "close()")
            self._server.close()
            self.listening_changed.emit(False)
        for client_id in list(self._clients):
            self.disconnect_client(client_id)

    def send_to(self, client_id: int, data: bytes) -> bool:
        entry = self._clients.get(client_id)
        if entry is None or not data:
            return False
        self._write(entry, bytes(data))
        return True

    def send_to_all(self, data: bytes) -> int:
        """Send `data` to every connected client; returns how many clients it went to."""
        if not data:
            return 0
        data = bytes(data)
        entries = list(self._clients.values())
        for entry in entries:
            self._write(entry, data)
        return len(entries)

    def disconnect_client(self, client_id: int) -> bool:
        entry = self._clients.get(client_id)
        if entry is None:
            return False
        self._record(EventKind.CALL, "disconnectFromHost()", peer=entry.info.peer,
                     extra={"client": client_id})
        entry.socket.disconnectFromHost()
        return True

    # ----------------------------------------------------------------- slots
    def _accept_pending(self) -> None:
        while self._server.hasPendingConnections():
            sock = self._server.nextPendingConnection()
            if sock is not None:
                self._adopt(sock)

    def _adopt(self, sock: QTcpSocket) -> None:
        client_id = self._next_id
        self._next_id += 1
        peer = format_endpoint(plain_address(sock.peerAddress()), sock.peerPort())
        entry = _Client(ClientInfo(client_id, peer, connected_since=time.time()), sock)
        self._clients[client_id] = entry
        signals = (sock.readyRead, sock.bytesWritten, sock.disconnected, sock.errorOccurred)
        for signal, mapper in zip(signals, self._client_routes):
            mapper.setMapping(sock, client_id)  # dropped by the mapper when the socket is deleted
            signal.connect(mapper.map)
        self._record(EventKind.CONNECTED, f"client #{client_id} connected from {peer}", peer=peer,
                     extra={"client": client_id})
        self.client_connected.emit(client_id)
        self._schedule_clients_changed()

    def _on_ready_read(self, client_id: int) -> None:
        entry = self._clients.get(client_id)
        if entry is None:
            return
        data = entry.socket.readAll().data()
        if not data:
            return
        info = entry.info
        info.bytes_in += len(data)
        self._record(EventKind.READY_READ, f"{len(data)} bytes from client #{info.id}", data=data,
                     count=len(data), direction=Direction.IN, peer=info.peer, extra={"client": info.id})
        self.data_received.emit(info.id, data)
        if self.echo:
            self._write(entry, data, why="echo")
        else:
            reply = self.auto_replies.match(data)
            if reply:
                self._write(entry, reply, why="auto-reply")
        self._schedule_clients_changed()

    def _on_bytes_written(self, client_id: int) -> None:
        entry = self._clients.get(client_id)
        if entry is None:
            return
        # The mapper passes no count; Qt has taken it off its queue before it signals, so what
        # left since the last signal is what was handed minus what still waits, minus before.
        confirmed = entry.handed - entry.socket.bytesToWrite()
        count = confirmed - entry.info.bytes_out
        if count <= 0:
            return
        entry.info.bytes_out = confirmed
        self._record(EventKind.BYTES_WRITTEN, f"{count} bytes to client #{entry.info.id}", count=count,
                     peer=entry.info.peer, extra={"client": entry.info.id})
        self._schedule_clients_changed()

    def _on_disconnected(self, client_id: int) -> None:
        entry = self._clients.get(client_id)
        if entry is None:
            return
        info = entry.info
        del self._clients[info.id]
        self._record(EventKind.DISCONNECTED, f"client #{info.id} disconnected", peer=info.peer,
                     extra={"client": info.id})
        entry.socket.deleteLater()
        self.client_disconnected.emit(info.id)
        self._schedule_clients_changed()

    def _on_client_error(self, client_id: int) -> None:
        entry = self._clients.get(client_id)
        if entry is None:
            return
        info = entry.info
        error = entry.socket.error()
        if error == QAbstractSocket.SocketError.RemoteHostClosedError:
            # For a server the client hanging up is the normal end, not a failure.
            self._record(EventKind.READ_CHANNEL_FINISHED, f"client #{info.id} closed the connection",
                         peer=info.peer, extra={"client": info.id})
            return
        message = entry.socket.errorString()
        self._record(EventKind.ERROR, f"{error.name} — client #{info.id}: {message}", peer=info.peer,
                     extra={"client": info.id, "name": error.name, "message": message})

    def _on_accept_error(self, error: QAbstractSocket.SocketError) -> None:
        self._report_error(error.name, f"Could not accept a connection: {self._server.errorString()}")

    # ----------------------------------------------------------------- helpers
    def _write(self, entry: _Client, data: bytes, why: str = "") -> None:
        info = entry.info
        label = f" ({why})" if why else ""
        self._record(EventKind.CALL, f"write(): {len(data)} bytes to client #{info.id}{label}", data=data,
                     count=len(data), direction=Direction.OUT, peer=info.peer, extra={"client": info.id})
        written = entry.socket.write(data)
        if written > 0:
            entry.handed += written

    def _schedule_clients_changed(self) -> None:
        if not self._changed_timer.isActive():
            self._changed_timer.start()

    def _fail(self, error: ListenError, name: str) -> None:
        self._report_error(name, str(error))
        raise error

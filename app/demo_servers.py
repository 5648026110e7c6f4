"""Built-in demo servers: something for users and teachers to talk to.

Each server runs in the GUI thread's event loop (QTcpServer and QTcpSocket signals, no
threads, no waitFor*), listens on 127.0.0.1 unless told otherwise, and reports one
human-readable line per thing it does through `DemoServer.activity`.
"""

from __future__ import annotations

import errno
import socket as pysocket
import sys

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QTcpServer, QTcpSocket

from .address import format_endpoint
from .demo_kinds import DEMO_KINDS
from .sockopts import TCP_CLOSE, TCP_CLOSE_WAIT, borrowed_socket, can_read_tcp_state, set_linger_zero, tcp_state

# How much a server lets Qt queue for one client before it waits for bytesWritten
# (flood) or stops reading (echo), so a client that never reads cannot make us balloon.
HIGH_WATER = 1024 * 1024
# Qt stops pulling from the OS once this much is unread, which passes back-pressure on to
# the client's kernel instead of our memory.
READ_BUFFER_SIZE = 64 * 1024
FLOOD_CHUNK = 64 * 1024
# The flood stream is this line over and over: readable, and byte i is FLOOD_LINE[i % 64].
FLOOD_LINE = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-\n"
_FLOOD_BLOCK = FLOOD_LINE * (FLOOD_CHUNK // len(FLOOD_LINE))
EOF_MARKER = b"<EOF>"
EOF_LIMIT = 16 * 1024 * 1024  # without <EOF> in sight by then, the client is not playing along
CLOSE_REPLY = b"bye\n"
DRIP_BACKLOG = 64 * 1024  # stop reading while this much is still waiting to drip out
NEVER_READ_RCVBUF = 4096  # the kernel doubles it; small so the client feels it at once
_REAP_INTERVAL_MS = 500


class DemoServerError(OSError):
    """The server could not start; str(error) is the message for the user."""


def describe(kind: str) -> str:
    """The one-line description of a demo server kind."""
    try:
        return DEMO_KINDS[kind]
    except KeyError:
        raise ValueError(_unknown_kind_message(kind)) from None


def _unknown_kind_message(kind: str) -> str:
    return f"Unknown demo server {kind!r}: choose one of {', '.join(DEMO_KINDS)}."


def format_size(count: int) -> str:
    """`5 bytes`, `64 KiB`, `1 MiB`, `1.5 GiB`."""
    if count < 1024:
        return f"{count} byte" if count == 1 else f"{count} bytes"
    value = float(count)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            return f"{value:.1f}".removesuffix(".0") + f" {unit}"
    raise AssertionError("unreachable")


class _Client:
    """One accepted connection and the little state its server kind needs."""

    __slots__ = ("socket", "peer", "sent", "handed", "next_report", "inbox", "drip", "drip_timer", "done")

    def __init__(self, sock: QTcpSocket) -> None:
        self.socket = sock
        self.peer = format_endpoint(sock.peerAddress().toString(), sock.peerPort())
        self.sent = 0  # confirmed by bytesWritten
        self.handed = 0  # given to write() (flood)
        self.next_report = 1024 * 1024  # flood reports 1 MiB, 2 MiB, 4 MiB ... so the log stays short
        self.inbox = bytearray()  # eof: everything read so far
        self.drip = bytearray()  # drip: bytes still to send
        self.drip_timer: QTimer | None = None
        self.done = False  # replied and closing: whatever else arrives is dropped


class DemoServer(QObject):
    activity = Signal(str)  # one line per thing the server did
    client_count_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, *, drip_piece_size: int = 16, drip_delay_ms: int = 50,
                 flood_limit: int | None = None) -> None:
        super().__init__(parent)
        self.drip_piece_size = max(1, int(drip_piece_size))
        self.drip_delay_ms = max(0, int(drip_delay_ms))
        self.flood_limit = flood_limit  # bytes per connection, then close; None = until the client closes
        self.bytes_in = 0
        self.bytes_out = 0  # accepted by the OS (bytesWritten)
        self._kind = ""
        self._host = ""
        self._port = 0
        self._server: QTcpServer | None = None
        self._full_queue: _FullAcceptQueue | None = None
        # Keyed by the socket: slots find their client through self.sender(). (Lambdas that
        # captured the emitting object made PySide crash deleting it after stop().)
        self._clients: dict[QTcpSocket, _Client] = {}
        # never-read sockets never notice that the peer left (Qt stops reading them), so
        # we look at the kernel's TCP state now and then instead.
        self._reaper = QTimer(self)
        self._reaper.setInterval(_REAP_INTERVAL_MS)
        self._reaper.timeout.connect(self._reap_closed_peers)

    # ----------------------------------------------------------------- public state
    @property
    def kind(self) -> str:
        return self._kind

    @property
    def port(self) -> int:
        return self._port

    @property
    def host(self) -> str:
        return self._host

    @property
    def is_running(self) -> bool:
        return bool(self._kind)

    @property
    def address(self) -> str:
        """`127.0.0.1:7000` while running, "" otherwise."""
        return format_endpoint(self._host, self._port) if self.is_running else ""

    @property
    def client_count(self) -> int:
        return len(self._clients)

    def client_sockets(self) -> list[QTcpSocket]:
        """The accepted sockets that are still open (for views and tests; do not write to them)."""
        return [client.socket for client in self._clients.values()]

    # ----------------------------------------------------------------- start / stop
    def start(self, kind: str, port: int = 0, host: str = "127.0.0.1") -> int:
        """Start listening; returns the bound port. A running server is stopped first."""
        if kind not in DEMO_KINDS:
            raise ValueError(_unknown_kind_message(kind))
        if host == "localhost":
            host = "127.0.0.1"
        if QHostAddress(host).protocol() == QAbstractSocket.NetworkLayerProtocol.UnknownNetworkLayerProtocol:
            raise ValueError(f"Host {host!r} is not an IP address (like 127.0.0.1 or ::1).")
        if not isinstance(port, int) or not 0 <= port <= 65535:
            raise ValueError(f"Port {port!r} is out of range: use 1 to 65535, or 0 for any free port.")
        self.stop()
        self.bytes_in = self.bytes_out = 0
        if kind == "slow-accept":
            bound = self._start_full_queue(host, port)
        else:
            bound = self._start_qt_server(kind, host, port)
        self._kind, self._host, self._port = kind, host, bound
        self.activity.emit(f"{kind} server listening on {self.address}")
        return bound

    def stop(self) -> None:
        """Close the listener and every connection, at once."""
        if not self.is_running:
            return
        kind = self._kind
        self._kind, self._port = "", 0
        self._reaper.stop()
        for client in list(self._clients.values()):
            client.socket.abort()  # emits disconnected, which forgets the client
        self._clients.clear()
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
        if self._full_queue is not None:
            self._full_queue.close()
            self._full_queue = None
        self.client_count_changed.emit(0)
        self.activity.emit(f"{kind} server stopped")

    def _start_qt_server(self, kind: str, host: str, port: int) -> int:
        server = QTcpServer(self)
        if hasattr(server, "setListenBacklogSize"):  # Qt >= 6.3; bursts of connects need not wait
            server.setListenBacklogSize(1024)
        if not server.listen(QHostAddress(host), port):
            message = server.errorString()
            in_use = server.serverError() == QAbstractSocket.SocketError.AddressInUseError
            server.deleteLater()
            if in_use:
                raise DemoServerError(errno.EADDRINUSE, f"Port {port} on {host} is already in use: "
                                                        "pick another port, or 0 for any free one.")
            raise DemoServerError(f"Cannot listen on {format_endpoint(host, port)}: {message}")
        if kind == "never-read":
            # Accepted sockets inherit the listener's receive buffer, and the window offered
            # in the SYN-ACK is sized from it: so a small one here means a small window.
            with borrowed_socket(server) as raw:
                if raw is not None:
                    raw.setsockopt(pysocket.SOL_SOCKET, pysocket.SO_RCVBUF, NEVER_READ_RCVBUF)
            if can_read_tcp_state():
                self._reaper.start()
        server.pendingConnectionAvailable.connect(self._accept_pending)
        server.acceptError.connect(self._on_accept_error)
        self._server = server
        return server.serverPort()

    def _start_full_queue(self, host: str, port: int) -> int:
        try:
            self._full_queue = _FullAcceptQueue(host, port)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise DemoServerError(errno.EADDRINUSE, f"Port {port} on {host} is already in use: "
                                                        "pick another port, or 0 for any free one.") from exc
            raise DemoServerError(exc.errno, f"Cannot listen on {format_endpoint(host, port)}: "
                                             f"{exc.strerror}") from exc
        if not self._full_queue.is_full:
            self.activity.emit("could not fill the accept queue on this system: connects may succeed")
        return self._full_queue.port

    # ----------------------------------------------------------------- connections
    def _accept_pending(self) -> None:
        server = self._server
        while server is not None and server.hasPendingConnections():
            sock = server.nextPendingConnection()
            if sock is None:
                break
            self._adopt(sock)

    def _on_accept_error(self, error: QAbstractSocket.SocketError) -> None:
        message = self._server.errorString() if self._server is not None else error.name
        self.activity.emit(f"accept failed: {message}")

    def _adopt(self, sock: QTcpSocket) -> None:
        client = _Client(sock)
        self._clients[sock] = client
        kind = self._kind
        sock.disconnected.connect(self._on_disconnected)
        sock.errorOccurred.connect(self._on_error)
        sock.bytesWritten.connect(self._on_bytes_written)
        self.activity.emit(f"accepted {client.peer}")
        self.client_count_changed.emit(len(self._clients))
        if kind == "never-read":
            # Qt reads until its own buffer holds this much, then stops asking the OS; we
            # never read, so the kernel buffers fill and the client's sends stall.
            sock.setReadBufferSize(1)
            self.activity.emit(f"{client.peer}: not reading anything")
            return
        sock.setReadBufferSize(READ_BUFFER_SIZE)
        sock.readyRead.connect(self._on_ready_read)
        if kind == "drip":
            timer = QTimer(sock)
            timer.setInterval(self.drip_delay_ms)
            timer.timeout.connect(self._on_drip_timer)
            client.drip_timer = timer
        elif kind == "flood":
            what = format_size(self.flood_limit) if self.flood_limit is not None else "until the client closes"
            self.activity.emit(f"{client.peer}: flooding ({what})")
            self._flood(client)

    def _client_of(self, sock: QObject | None) -> _Client | None:
        return self._clients.get(sock) if sock is not None else None

    def _on_disconnected(self) -> None:
        client = self._client_of(self.sender())
        if client is not None:
            self._forget(client)

    def _forget(self, client: _Client) -> None:
        if self._clients.pop(client.socket, None) is None:
            return
        if client.drip_timer is not None:
            client.drip_timer.stop()
        leftover = client.socket.bytesAvailable()
        if leftover and self._kind != "never-read":
            self.bytes_in += len(client.socket.readAll().data())
        client.socket.deleteLater()
        self.activity.emit(f"{client.peer}: closed")
        self.client_count_changed.emit(len(self._clients))

    def _on_error(self, error: QAbstractSocket.SocketError) -> None:
        client = self._client_of(self.sender())
        if client is None:
            return
        if error == QAbstractSocket.SocketError.RemoteHostClosedError:
            self.activity.emit(f"{client.peer}: client closed the connection")
        else:
            self.activity.emit(f"{client.peer}: {client.socket.errorString()}")

    def _on_bytes_written(self, count: int) -> None:
        self.bytes_out += count
        client = self._client_of(self.sender())
        if client is None:
            return
        client.sent += count
        kind = self._kind
        if kind == "flood":
            while client.sent >= client.next_report:
                self.activity.emit(f"{client.peer}: sent {format_size(client.next_report)}")
                client.next_report *= 2
            self._flood(client)
        elif kind == "echo" and client.socket.bytesAvailable():
            self._echo(client)  # it paused while the client was not reading

    def _on_ready_read(self) -> None:
        client = self._client_of(self.sender())
        if client is None:
            return
        if client.done:
            self._take(client)
            return
        handler = _READ_HANDLERS.get(self._kind)
        if handler is not None:
            handler(self, client)

    def _take(self, client: _Client) -> bytes:
        data = client.socket.readAll().data()
        self.bytes_in += len(data)
        return data

    # ----------------------------------------------------------------- what each kind does with data
    def _echo(self, client: _Client) -> None:
        if client.socket.bytesToWrite() >= HIGH_WATER:
            return  # the client is not reading its replies: wait for bytesWritten
        data = self._take(client)
        if data:
            client.socket.write(data)
            self.activity.emit(f"{client.peer}: echoed {format_size(len(data))}")

    def _read_until_eof_marker(self, client: _Client) -> None:
        data = self._take(client)
        if not data:
            return
        search_from = max(0, len(client.inbox) - len(EOF_MARKER) + 1)  # a marker split across reads
        client.inbox += data
        at = client.inbox.find(EOF_MARKER, search_from)
        if at < 0:
            self.activity.emit(f"{client.peer}: read {format_size(len(data))}, "
                               f"{format_size(len(client.inbox))} so far, no <EOF> yet")
            if len(client.inbox) > EOF_LIMIT:
                self.activity.emit(f"{client.peer}: {format_size(EOF_LIMIT)} without <EOF>: closing")
                client.done = True
                client.socket.disconnectFromHost()
            return
        reply = bytes(client.inbox[: at + len(EOF_MARKER)])
        ignored = len(client.inbox) - len(reply)
        client.inbox.clear()
        client.done = True
        client.socket.write(reply)
        note = f" (ignored {format_size(ignored)} after it)" if ignored else ""
        self.activity.emit(f"{client.peer}: saw <EOF>, sending {format_size(len(reply))} back and closing{note}")
        client.socket.disconnectFromHost()  # Qt sends what is queued first

    def _queue_drip(self, client: _Client) -> None:
        if len(client.drip) >= DRIP_BACKLOG:
            return  # resumes as the queue drains
        data = self._take(client)
        if not data:
            return
        client.drip += data
        self.activity.emit(f"{client.peer}: received {format_size(len(data))}, replying in pieces of "
                           f"{self.drip_piece_size} bytes every {self.drip_delay_ms} ms")
        if client.drip_timer is not None and not client.drip_timer.isActive():
            self._drip_next_piece(client)
            if client.drip:
                client.drip_timer.start()

    def _on_drip_timer(self) -> None:
        timer = self.sender()
        client = self._client_of(timer.parent() if timer is not None else None)
        if client is not None:
            self._drip_next_piece(client)

    def _drip_next_piece(self, client: _Client) -> None:
        piece = bytes(client.drip[: self.drip_piece_size])
        del client.drip[: self.drip_piece_size]
        if piece and client.socket.state() == QAbstractSocket.SocketState.ConnectedState:
            client.socket.write(piece)
            self.activity.emit(f"{client.peer}: dripped {format_size(len(piece))}, {len(client.drip)} to go")
        if not client.drip:
            if client.drip_timer is not None:
                client.drip_timer.stop()
            if client.socket.bytesAvailable():
                self._queue_drip(client)

    def _discard(self, client: _Client) -> None:
        data = self._take(client)
        if data:
            self.activity.emit(f"{client.peer}: discarded {format_size(len(data))} "
                               f"({format_size(self.bytes_in)} in all)")

    def _ignore(self, client: _Client) -> None:
        # Silent reads (so nothing piles up in the kernel) but never writes a byte.
        data = self._take(client)
        if data:
            self.activity.emit(f"{client.peer}: ignored {format_size(len(data))}, not answering")

    def _reply_and_close(self, client: _Client) -> None:
        data = self._take(client)
        if not data:
            return
        client.done = True
        client.socket.write(CLOSE_REPLY)
        self.activity.emit(f"{client.peer}: received {format_size(len(data))}, replied {CLOSE_REPLY!r} and closing")
        client.socket.disconnectFromHost()

    def _reset(self, client: _Client) -> None:
        data = self._take(client)
        if not data:
            return
        client.done = True
        self.activity.emit(f"{client.peer}: received {format_size(len(data))}, resetting the connection (RST)")
        set_linger_zero(client.socket)  # close() then drops everything and sends RST, not FIN
        client.socket.abort()

    def _flood(self, client: _Client) -> None:
        sock = client.socket
        if client.done:
            return
        if sock.state() != QAbstractSocket.SocketState.ConnectedState:
            return
        limit = self.flood_limit
        while sock.bytesToWrite() < HIGH_WATER:
            size = FLOOD_CHUNK if limit is None else min(FLOOD_CHUNK, limit - client.handed)
            if size <= 0:
                client.done = True
                self.activity.emit(f"{client.peer}: flooded {format_size(client.handed)}, closing")
                sock.disconnectFromHost()
                return
            written = sock.write(_FLOOD_BLOCK[:size])
            if written <= 0:
                return
            # Chunks are whole lines until the last, so the stream stays FLOOD_LINE repeated.
            client.handed += written

    def _reap_closed_peers(self) -> None:
        for client in list(self._clients.values()):
            if _peer_is_gone(client.socket):
                self.activity.emit(f"{client.peer}: the client went away")
                client.socket.abort()


_READ_HANDLERS = {
    "echo": DemoServer._echo,
    "eof": DemoServer._read_until_eof_marker,
    "drip": DemoServer._queue_drip,
    "flood": DemoServer._take,  # whatever the client says, the flood goes on
    "discard": DemoServer._discard,
    "close-after-reply": DemoServer._reply_and_close,
    "reset": DemoServer._reset,
    "silent": DemoServer._ignore,
}

# Linux TCP states (include/net/tcp_states.h): the peer sent FIN, or the connection is gone (RST).
def _peer_is_gone(sock: QTcpSocket) -> bool:
    return tcp_state(sock) in (TCP_CLOSE, TCP_CLOSE_WAIT)


class _FullAcceptQueue:
    """A listener that never accepts, with its accept queue already full.

    The trick (Linux): the kernel completes handshakes for a listening socket by itself
    and parks them in the accept queue until the program calls accept(). When that queue
    is full, the kernel drops incoming SYNs without answering, so the client's connect()
    stays in SYN-SENT, retransmitting, until its own timeout gives up. We listen with a
    tiny backlog (1, not 0: with 0 some kernels treat every SYN as a flood and answer with
    SYN cookies, logging a warning), never accept, and make loopback connections of our own
    until one of them stays pending: from then on the queue is full. On loopback a
    connect to a listener with room completes inside the connect() call, so "pending right
    after connect()" means "dropped". Other systems may refuse instead of hanging.
    """

    BACKLOG = 1
    MAX_FILLERS = 16

    def __init__(self, host: str, port: int) -> None:
        family = pysocket.AF_INET6 if ":" in host else pysocket.AF_INET
        self._listener = pysocket.socket(family, pysocket.SOCK_STREAM)
        self._fillers: list[pysocket.socket] = []
        try:
            if sys.platform != "win32":
                self._listener.setsockopt(pysocket.SOL_SOCKET, pysocket.SO_REUSEADDR, 1)
            self._listener.bind((host, port))
            self._listener.listen(self.BACKLOG)
            self._listener.setblocking(False)
            self.port = self._listener.getsockname()[1]
            self.is_full = self._fill(family, _loopback_for(host))
        except OSError:
            self.close()
            raise

    def _fill(self, family: int, host: str) -> bool:
        for index in range(self.MAX_FILLERS):
            filler = pysocket.socket(family, pysocket.SOCK_STREAM)
            filler.setblocking(False)
            self._fillers.append(filler)
            result = filler.connect_ex((host, self.port))
            if result not in (0, errno.EINPROGRESS, errno.EWOULDBLOCK, errno.EAGAIN):
                return False  # refused: this system does not let a full queue hang clients
            # The first BACKLOG + 1 fillers take the queue's places even if one is slow to
            # complete; a later one still pending is the proof that SYNs are now dropped.
            if index > self.BACKLOG and not _is_established(filler):
                return True
        return False

    def close(self) -> None:
        for filler in self._fillers:
            filler.close()
        self._fillers.clear()
        self._listener.close()


def _loopback_for(host: str) -> str:
    """Where our own filler connections go: the wildcard addresses mean this machine."""
    if host == "0.0.0.0":
        return "127.0.0.1"
    if host == "::":
        return "::1"
    return host


def _is_established(sock: pysocket.socket) -> bool:
    try:
        sock.getpeername()  # fails with ENOTCONN while the handshake is still under way
    except OSError:
        return False
    return True


def start_demo_server(kind: str, port: int = 0, parent: QObject | None = None) -> DemoServer:
    """For the command line (--demo KIND): a running demo server on 127.0.0.1."""
    server = DemoServer(parent)
    server.start(kind, port)
    return server

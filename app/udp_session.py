"""UdpSession: one QUdpSocket, every datagram in and out turned into a SessionEvent.

UDP has no connection: each datagram travels alone, may be lost, and carries its own
sender address, so every record names its peer.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QAbstractSocket, QHostAddress, QHostInfo, QNetworkDatagram, QUdpSocket

from .address import EndpointError, format_endpoint, parse_host, parse_port, plain_address
from .events import Direction, EventClock, EventKind, EventSource
from .session import state_name

# The largest UDP payload IPv4 can carry: 65535 - 8 (UDP header) - 20 (IP header).
MAX_DATAGRAM = 65507

Protocol = QAbstractSocket.NetworkLayerProtocol


class UdpSession(EventSource, QObject):
    datagram_received = Signal(bytes, str, int)  # data, sender address, sender port
    datagram_sent = Signal(bytes, str, int)  # data, destination address, destination port
    event_recorded = Signal(object)  # SessionEvent
    error_occurred = Signal(str, str)  # error name, human message
    bound = Signal(str, int)  # local address, local port
    counters_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = EventClock()
        self.datagrams_sent = 0
        self.datagrams_received = 0
        self.bytes_sent = 0
        self.bytes_received = 0
        self._previous_state = QAbstractSocket.SocketState.UnconnectedState
        self._socket = QUdpSocket(self)
        self._socket.readyRead.connect(self._on_ready_read)
        self._socket.errorOccurred.connect(self._on_error)
        self._socket.stateChanged.connect(self._on_state_changed)

    # ----------------------------------------------------------------- state
    @property
    def is_bound(self) -> bool:
        return self._socket.state() == QAbstractSocket.SocketState.BoundState

    @property
    def local_port(self) -> int:
        return self._socket.localPort() if self.is_bound else 0

    @property
    def local_endpoint(self) -> str:
        if not self.is_bound:
            return ""
        return format_endpoint(self._socket.localAddress().toString(), self._socket.localPort())

    # ----------------------------------------------------------------- operations
    def bind(self, port: int = 0, host: str = "127.0.0.1") -> int:
        """Start receiving on host:port (0 = any free port). Returns the port, 0 on failure."""
        address = QHostAddress(host.strip().strip("[]"))
        if address.isNull():
            self._report_error("InvalidEndpoint", f"Bind address {host!r} is not an IP address "
                                                  "(use 127.0.0.1, ::1, 0.0.0.0 or ::).")
            return 0
        if not 0 <= int(port) <= 65535:
            self._report_error("InvalidEndpoint", f"Port {port} is out of range: use 0 to 65535.")
            return 0
        if self._socket.state() != QAbstractSocket.SocketState.UnconnectedState:
            self.close()
        self.clock.restart()
        self._record(EventKind.CALL, f"bind({address.toString()!r}, {port})")
        if not self._socket.bind(address, int(port)):
            return 0  # errorOccurred has reported why
        self._record(EventKind.NOTE, f"bound to {self.local_endpoint}; waiting for datagrams")
        self.bound.emit(self._socket.localAddress().toString(), self._socket.localPort())
        return self._socket.localPort()

    def fits_in_a_datagram(self, size: int) -> bool:
        """False, with an error event, for more bytes than one datagram carries."""
        if size > MAX_DATAGRAM:
            self._report_error("DatagramTooLargeError",
                               f"{size} bytes do not fit in one UDP datagram (at most {MAX_DATAGRAM}); "
                               "nothing was sent.")
            return False
        return True

    def send_to(self, data: bytes, host: str, port: int | str) -> bool:
        """Send one datagram. Returns False, with an error event, if it cannot be sent as is."""
        data = bytes(data)
        if not self.fits_in_a_datagram(len(data)):
            return False
        try:
            host = parse_host(host)
            port = parse_port(port)
        except EndpointError as exc:
            self._report_error("InvalidEndpoint", str(exc))
            return False
        address = QHostAddress(host)
        if not address.isNull():
            return self._write(data, address, port)
        # A name: look it up without blocking, then send to the first usable address.
        self._record(EventKind.CALL, f"QHostInfo.lookupHost({host!r})")
        QHostInfo.lookupHost(host, lambda info: self._send_after_lookup(info, data, host, port))
        return True

    def close(self) -> None:
        if self._socket.state() == QAbstractSocket.SocketState.UnconnectedState:
            return
        self._record(EventKind.CALL, "close()")
        self._socket.close()

    # ----------------------------------------------------------------- internals
    def _send_after_lookup(self, info: QHostInfo, data: bytes, host: str, port: int) -> None:
        addresses = info.addresses()
        if info.error() != QHostInfo.HostInfoError.NoError or not addresses:
            self._report_error("HostNotFoundError", f"Host {host!r} not found: {info.errorString()}")
            return
        self._record(EventKind.HOST_FOUND, f"{host} → {', '.join(a.toString() for a in addresses)}")
        self._write(data, self._pick_address(addresses), port)

    def _pick_address(self, addresses: list[QHostAddress]) -> QHostAddress:
        # A socket bound to an IPv4 address cannot send to IPv6 and vice versa.
        if self.is_bound:
            family = self._socket.localAddress().protocol()
            if family != Protocol.AnyIPProtocol:
                for address in addresses:
                    if address.protocol() == family:
                        return address
        return addresses[0]

    def _ensure_bound_for(self, destination: QHostAddress) -> bool:
        if self.is_bound:
            return True
        # Bind explicitly rather than let writeDatagram() bind to every interface: replies
        # to a loopback destination only ever come back over loopback.
        ipv6 = destination.protocol() == Protocol.IPv6Protocol
        if destination.isLoopback():
            host = "::1" if ipv6 else "127.0.0.1"
        else:
            host = "::" if ipv6 else "0.0.0.0"
        return self.bind(0, host) != 0

    def _write(self, data: bytes, address: QHostAddress, port: int) -> bool:
        if not self._ensure_bound_for(address):
            return False
        peer = format_endpoint(address.toString(), port)
        self._record(EventKind.CALL, f"writeDatagram(): {len(data)} bytes to {peer}", data=data,
                     count=len(data), direction=Direction.OUT, peer=peer)
        written = self._socket.writeDatagram(data, address, port)
        if written < 0:
            return False  # errorOccurred has reported why
        self.datagrams_sent += 1
        self.bytes_sent += written
        self.datagram_sent.emit(data, address.toString(), port)
        self.counters_changed.emit()
        return True

    def _on_ready_read(self) -> None:
        while self._socket.hasPendingDatagrams():
            datagram: QNetworkDatagram = self._socket.receiveDatagram()
            if not datagram.isValid():
                break
            data = datagram.data().data()
            address = plain_address(datagram.senderAddress())
            port = datagram.senderPort()
            peer = format_endpoint(address, port)
            self.datagrams_received += 1
            self.bytes_received += len(data)
            self._record(EventKind.READY_READ, f"datagram of {len(data)} bytes from {peer}", data=data,
                         count=len(data), direction=Direction.IN, peer=peer)
            self.datagram_received.emit(data, address, port)
        self.counters_changed.emit()

    def _on_state_changed(self, state: QAbstractSocket.SocketState) -> None:
        old, self._previous_state = self._previous_state, state
        self._record(EventKind.STATE, f"{state_name(old)} → {state_name(state)}",
                     extra={"old": state_name(old), "new": state_name(state)})

    def _on_error(self, error: QAbstractSocket.SocketError) -> None:
        self._report_error(error.name, self._socket.errorString())


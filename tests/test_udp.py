"""UdpSession against plain Python UDP sockets on 127.0.0.1."""

from __future__ import annotations

import socket
import threading

import pytest

from app.events import Direction, EventKind
from app.udp_session import MAX_DATAGRAM, UdpSession

TIMEOUT_MS = 5000


class ReplyingUdpServer:
    """Answers each of the first `count` datagrams with b"re:" + datagram, in a thread."""

    def __init__(self, count: int = 1) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(TIMEOUT_MS / 1000)  # the thread ends even if nothing comes
        self.port = self.sock.getsockname()[1]
        self.received: list[tuple[bytes, tuple[str, int]]] = []
        self.thread = threading.Thread(target=self._serve, args=(count,), daemon=True)
        self.thread.start()

    def _serve(self, count: int) -> None:
        try:
            for _ in range(count):
                data, sender = self.sock.recvfrom(70000)
                self.received.append((data, sender))
                self.sock.sendto(b"re:" + data[:100], sender)
        except OSError:
            pass

    def close(self) -> None:
        self.sock.close()
        self.thread.join(TIMEOUT_MS / 1000)


@pytest.fixture
def udp(qtbot):
    session = UdpSession()
    session.events = []
    session.event_recorded.connect(session.events.append)
    yield session
    session.close()


@pytest.fixture
def server():
    server = ReplyingUdpServer()
    yield server
    server.close()


def test_round_trip_records_one_event_per_datagram_with_peer(qtbot, udp, server):
    local_port = udp.bind(0, "127.0.0.1")
    assert local_port > 0 and udp.local_endpoint == f"127.0.0.1:{local_port}"

    with qtbot.waitSignal(udp.datagram_received, timeout=TIMEOUT_MS) as blocker:
        assert udp.send_to(b"hello", "127.0.0.1", server.port)
    assert blocker.args == [b"re:hello", "127.0.0.1", server.port]
    assert server.received == [(b"hello", ("127.0.0.1", local_port))]

    peer = f"127.0.0.1:{server.port}"
    sent = [e for e in udp.events if e.kind is EventKind.CALL and e.direction is Direction.OUT]
    received = [e for e in udp.events if e.kind is EventKind.READY_READ]
    assert [(e.data, e.peer) for e in sent] == [(b"hello", peer)]
    assert [(e.data, e.peer, e.direction) for e in received] == [(b"re:hello", peer, Direction.IN)]
    assert (udp.datagrams_sent, udp.bytes_sent, udp.datagrams_received, udp.bytes_received) == (1, 5, 1, 8)


def test_each_sender_is_named_in_its_own_record(qtbot, udp):
    port = udp.bind()
    senders = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(2)]
    got = []
    udp.datagram_received.connect(lambda data, host, sport: got.append((data, host, sport)))
    try:
        for i, sender in enumerate(senders):
            sender.bind(("127.0.0.1", 0))
            sender.sendto(f"from {i}".encode(), ("127.0.0.1", port))
        qtbot.waitUntil(lambda: len(got) == 2, timeout=TIMEOUT_MS)
        expected = {(f"from {i}".encode(), "127.0.0.1", s.getsockname()[1]) for i, s in enumerate(senders)}
        assert set(got) == expected
        peers = {e.peer for e in udp.events if e.kind is EventKind.READY_READ}
        assert peers == {f"127.0.0.1:{s.getsockname()[1]}" for s in senders}
    finally:
        for sender in senders:
            sender.close()


def test_largest_datagram_arrives_whole_and_one_more_byte_is_refused(qtbot, udp):
    receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    receiver.bind(("127.0.0.1", 0))
    receiver.setblocking(False)
    try:
        port = receiver.getsockname()[1]
        udp.bind()
        with qtbot.waitSignal(udp.error_occurred, timeout=TIMEOUT_MS) as blocker:
            assert not udp.send_to(b"x" * (MAX_DATAGRAM + 1), "127.0.0.1", port)
        assert blocker.args[0] == "DatagramTooLargeError"
        assert str(MAX_DATAGRAM + 1) in blocker.args[1] and "nothing was sent" in blocker.args[1]
        assert udp.datagrams_sent == 0

        payload = bytes(range(256)) * (MAX_DATAGRAM // 256) + b"z" * (MAX_DATAGRAM % 256)
        assert udp.send_to(payload, "127.0.0.1", port)
        arrived = []

        def poll() -> bool:
            try:
                arrived.append(receiver.recvfrom(70000)[0])
            except BlockingIOError:
                pass
            return bool(arrived)

        qtbot.waitUntil(poll, timeout=TIMEOUT_MS)
        # Loopback keeps order, so had the refused datagram gone out it would be first.
        assert arrived[0] == payload and len(arrived[0]) == MAX_DATAGRAM
    finally:
        receiver.close()


def test_send_without_bind_binds_to_loopback_for_a_loopback_destination(qtbot, udp, server):
    with qtbot.waitSignal(udp.datagram_received, timeout=TIMEOUT_MS):
        assert udp.send_to(b"auto", "127.0.0.1", server.port)
    assert udp.local_endpoint.startswith("127.0.0.1:")
    assert server.received[0][0] == b"auto"


def test_host_name_is_looked_up_without_blocking(qtbot, udp, server):
    udp.bind(0, "127.0.0.1")
    with qtbot.waitSignal(udp.datagram_received, timeout=TIMEOUT_MS) as blocker:
        assert udp.send_to(b"by name", "localhost", server.port)
    assert blocker.args[0] == b"re:by name"
    assert any(e.kind is EventKind.HOST_FOUND for e in udp.events)


def test_bad_bind_address_is_reported(qtbot, udp):
    with qtbot.waitSignal(udp.error_occurred, timeout=TIMEOUT_MS) as blocker:
        assert udp.bind(0, "not an address") == 0
    assert blocker.args[0] == "InvalidEndpoint"
    assert not udp.is_bound

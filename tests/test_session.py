"""ClientSession against real loopback peers: event order, data integrity and every fault."""

from __future__ import annotations

import hashlib
import os
import socket

import pytest
from loopback import ThreadedPeer, free_port, has_ipv6_loopback

from app.events import Direction, EventKind
from app.session import WRITE_HIGH_WATER, NotConnectedError




def kinds(session) -> list[EventKind]:
    return [e.kind for e in session.recorded]


def received(session) -> bytes:
    return b"".join(e.data for e in session.recorded if e.direction is Direction.IN)


def test_echo_session_logs_every_callback_in_order(qtbot, session, demo):
    server = demo("echo")
    with qtbot.waitSignal(session.connected, timeout=3000) as blocker:
        assert session.connect_to_host("127.0.0.1", server.port)
    assert blocker.args == ["127.0.0.1", server.port]
    with qtbot.waitSignal(session.data_received, timeout=3000):
        session.send(b"hello")
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.disconnect_from_host()

    order = [k for k in kinds(session) if k is not EventKind.HOST_FOUND]
    assert order == [
        EventKind.CALL,  # connectToHost()
        EventKind.STATE,  # Unconnected -> HostLookup
        EventKind.STATE,  # HostLookup -> Connecting
        EventKind.STATE,  # Connecting -> Connected
        EventKind.CONNECTED,
        EventKind.CALL,  # write()
        EventKind.BYTES_WRITTEN,
        EventKind.READY_READ,
        EventKind.CALL,  # disconnectFromHost()
        EventKind.STATE,  # Connected -> Closing
        EventKind.STATE,  # Closing -> Unconnected
        EventKind.READ_CHANNEL_FINISHED,
        EventKind.DISCONNECTED,
    ]
    assert not session.peer_has_closed
    states = [e.extra["new"] for e in session.recorded if e.kind is EventKind.STATE]
    assert states == ["HostLookup", "Connecting", "Connected", "Closing", "Unconnected"]
    written = [e for e in session.recorded if e.kind is EventKind.BYTES_WRITTEN]
    assert [e.count for e in written] == [5]
    assert received(session) == b"hello"
    assert session.bytes_sent == 5 and session.bytes_received == 5
    times = [e.elapsed_ns for e in session.recorded]
    assert times == sorted(times)
    assert {e.thread for e in session.recorded} == {"MainThread"}


def test_refused_connection_reports_error_and_returns_to_idle(qtbot, session):
    with qtbot.waitSignal(session.error_occurred, timeout=3000) as blocker:
        session.connect_to_host("127.0.0.1", free_port())
    assert blocker.args[0] == "ConnectionRefusedError"
    qtbot.waitUntil(lambda: session.is_idle, timeout=3000)
    assert "refused" in blocker.args[1].lower()


@pytest.mark.parametrize(("host", "port", "words"), [
    ("", "80", "Host is empty"),
    ("bad host", "80", "not a valid host name"),
    ("300.1.1.1", "80", "not a valid IPv4"),
    ("127.0.0.1:80", "", "put 80 in the port field"),
    ("[127.0.0.1]", "80", "brackets must hold an IPv6"),
    ("127.0.0.1", "0", "out of range"),
    ("127.0.0.1", "65536", "out of range"),
    ("127.0.0.1", "http", "not a number"),
    ("127.0.0.1", "", "Port is empty"),
])
def test_invalid_endpoint_is_a_clear_error_without_connecting(qtbot, session, host, port, words):
    with qtbot.waitSignal(session.error_occurred, timeout=1000) as blocker:
        assert session.connect_to_host(host, port) is False
    assert blocker.args[0] == "InvalidEndpoint"
    assert words in blocker.args[1]
    assert session.is_idle
    assert EventKind.CALL not in kinds(session)


def test_send_while_disconnected_raises_a_clear_error(session):
    with pytest.raises(NotConnectedError, match="connect to a server before sending"):
        session.send(b"x")


def test_connect_timeout_aborts_a_hanging_connect(qtbot, session, demo):
    server = demo("slow-accept")
    session.connect_timeout_ms = 300
    with qtbot.waitSignal(session.error_occurred, timeout=5000) as blocker:
        session.connect_to_host("127.0.0.1", server.port)
    assert blocker.args[0] == "SocketTimeoutError"
    assert "0.3 s" in blocker.args[1]
    qtbot.waitUntil(lambda: session.is_idle, timeout=2000)


@pytest.mark.skipif(not has_ipv6_loopback(), reason="this machine has no IPv6 loopback")
@pytest.mark.parametrize("host", ["::1", "[::1]"])
def test_ipv6_literals_connect(qtbot, session, host):
    peer = ThreadedPeer(lambda conn: conn.sendall(b"v6"), host="::1")
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.connect_to_host(host, peer.port)
    assert received(session) == b"v6"
    assert session.peer.startswith("[::1]:")


def test_localhost_name_connects(qtbot, session):
    peer = ThreadedPeer(lambda conn: conn.sendall(b"hi"))
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.connect_to_host("localhost", peer.port)
    assert received(session) == b"hi"


def test_every_byte_of_a_dripped_reply_arrives_before_disconnected(qtbot, session):
    pieces = [os.urandom(37 + i % 50) for i in range(400)]

    def drip(conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for piece in pieces:
            conn.sendall(piece)

    peer = ThreadedPeer(drip)
    with qtbot.waitSignal(session.disconnected, timeout=5000):
        session.connect_to_host("127.0.0.1", peer.port)
    assert peer.error is None
    expected = b"".join(pieces)
    assert hashlib.sha256(received(session)).hexdigest() == hashlib.sha256(expected).hexdigest()
    last_read = max(i for i, e in enumerate(session.recorded) if e.direction is Direction.IN)
    assert kinds(session).index(EventKind.DISCONNECTED) > last_read


def test_large_reply_then_immediate_close_loses_nothing_with_a_small_read_buffer(qtbot, session):
    payload = os.urandom(2 * 1024 * 1024)
    peer = ThreadedPeer(lambda conn: conn.sendall(payload))
    session.set_read_chunk_limit(4096)
    with qtbot.waitSignal(session.disconnected, timeout=10000):
        session.connect_to_host("127.0.0.1", peer.port)
    data = received(session)
    assert len(data) == len(payload) and data == payload
    assert max(len(e.data) for e in session.recorded if e.direction is Direction.IN) <= 4096


def test_read_buffer_of_256_turns_1kb_into_four_callbacks(qtbot, session):
    payload = bytes(range(256)) * 4
    peer = ThreadedPeer(lambda conn: (conn.sendall(payload), conn.recv(1)))
    session.set_read_chunk_limit(256)
    session.connect_to_host("127.0.0.1", peer.port)
    qtbot.waitUntil(lambda: session.bytes_received == 1024, timeout=3000)
    reads = [len(e.data) for e in session.recorded if e.direction is Direction.IN]
    assert reads == [256, 256, 256, 256]
    assert received(session) == payload


def test_step_mode_holds_data_until_next(qtbot, session):
    payload = b"x" * 600
    peer = ThreadedPeer(lambda conn: (conn.sendall(payload), conn.recv(1)))
    session.set_read_chunk_limit(256)
    session.set_step_mode(True)
    session.connect_to_host("127.0.0.1", peer.port)
    qtbot.waitUntil(lambda: session.pending_in > 0 and session.waiting_callbacks > 0, timeout=3000)
    assert session.bytes_received == 0
    assert session.deliver_next() == 256
    qtbot.waitUntil(lambda: session.pending_in > 0, timeout=3000)
    assert session.deliver_next() == 256
    qtbot.waitUntil(lambda: session.pending_in > 0, timeout=3000)
    assert session.deliver_next() == 88
    assert received(session) == payload


def test_peer_reset_mid_session_is_reported(qtbot, session, demo):
    server = demo("reset")
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", server.port)
    with qtbot.waitSignal(session.error_occurred, timeout=3000) as blocker:
        session.send(b"hello")
    assert blocker.args == ["ConnectionResetError", "The peer reset the connection (RST)."]
    qtbot.waitUntil(lambda: session.is_idle, timeout=3000)
    assert EventKind.DISCONNECTED in kinds(session)


def test_back_pressure_keeps_qt_buffer_bounded_and_disconnect_still_works(qtbot, session, demo):
    server = demo("never-read")
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", server.port)
    session.send(b"\0" * (40 * 1024 * 1024))
    qtbot.waitUntil(lambda: session.bytes_sent > 0, timeout=3000)
    assert session._socket.bytesToWrite() <= WRITE_HIGH_WATER
    assert session.pending_out > 20 * 1024 * 1024  # the rest waits in our queue, counted
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.abort()
    assert session.pending_out == 0


def test_half_close_sends_fin_and_keeps_reading(qtbot, session):
    def reply_after_eof(conn: socket.socket) -> None:
        data = peer.recv_until_eof(conn)  # reads until our FIN
        conn.sendall(b"got " + str(len(data)).encode())

    peer = ThreadedPeer(reply_after_eof)
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", peer.port)
    session.send(b"a" * 1000)
    session.half_close()
    with qtbot.waitSignal(session.disconnected, timeout=5000):
        pass
    assert bytes(peer.received) == b"a" * 1000
    assert received(session) == b"got 1000"
    calls = [e.detail for e in session.recorded if e.kind is EventKind.CALL]
    assert "shutdown(SHUT_WR)" in calls


def test_graceful_disconnect_flushes_the_queue_first(qtbot, session):
    payload = os.urandom(8 * 1024 * 1024)
    peer = ThreadedPeer(lambda conn: peer.recv_until_eof(conn))
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", peer.port)
    session.send(payload)
    session.disconnect_from_host()
    qtbot.waitUntil(lambda: peer.done.is_set(), timeout=10000)
    assert hashlib.sha256(peer.received).digest() == hashlib.sha256(payload).digest()


def test_discarding_counts_received_bytes_without_keeping_them(qtbot, session):
    payload = os.urandom(300_000)
    peer = ThreadedPeer(lambda conn: conn.sendall(payload))
    session.discard_received = True
    got = []
    session.data_received.connect(got.append)
    with qtbot.waitSignal(session.disconnected, timeout=5000):
        session.connect_to_host("127.0.0.1", peer.port)
    reads = [e for e in session.recorded if e.kind is EventKind.READY_READ]
    assert session.bytes_received == len(payload)
    assert sum(e.count for e in reads) == len(payload)
    assert all(e.data == b"" for e in reads) and got == []


def test_host_not_found_is_reported_with_qt_s_words(qtbot, session):
    # A 64-character label is refused by Qt's own name check, so HostNotFoundError comes
    # from a real lookup attempt without any DNS query leaving the machine (our parse_host
    # would refuse it earlier, so the hook behind connect_to_host is driven directly).
    name = "a" * 64 + ".test"
    session.peer = f"{name}:80"
    with qtbot.waitSignal(session.error_occurred, timeout=5000) as blocker:
        session._begin_connect(name, 80)
    assert blocker.args == ["HostNotFoundError", "Host not found"]
    qtbot.waitUntil(lambda: session.is_idle, timeout=2000)
    assert [e.extra.get("new") for e in session.recorded if e.kind is EventKind.STATE] == ["HostLookup", "Unconnected"]

"""The session's outbox: what waits while Qt is still writing, and how it reaches Qt.

Qt writes one buffered QByteArray per system call and per bytesWritten. Messages sent while
Qt is busy wait in the session's outbox and go to Qt joined, as one write(); these tests pin
that the joining keeps every byte in order, keeps Qt's buffer bounded, and really joins.
"""

from __future__ import annotations

import hashlib
import socket
import random
import threading

from loopback import ThreadedPeer

from app.events import EventKind
from app.session import WRITE_HIGH_WATER, WRITE_LOW_WATER

KIB = 1024
MIB = 1024 * KIB


def written_counts(session) -> list[int]:
    return [e.count for e in session.recorded if e.kind is EventKind.BYTES_WRITTEN]


def test_sends_made_in_the_send_callback_reach_qt_as_one_write(qtbot, session):
    message_size, per_callback, rounds = 64 * KIB, 8, 6
    messages = [bytes([n]) * message_size for n in range(per_callback * rounds)]
    peer = ThreadedPeer(lambda conn: peer.recv_until_eof(conn))
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", peer.port)
    waiting = list(messages)

    def send_more(_count: int) -> None:  # the classic SendCallback: begin the next sends
        for _ in range(min(per_callback, len(waiting))):
            session.send(waiting.pop(0))
        if not waiting:
            session.bytes_written.disconnect(send_more)
            session.disconnect_from_host()

    session.bytes_written.connect(send_more)
    session.send(b"go")
    qtbot.waitUntil(peer.done.is_set, timeout=10000)

    assert bytes(peer.received) == b"go" + b"".join(messages)
    counts = written_counts(session)
    assert sum(counts) == 2 + len(messages) * message_size
    # Each message alone would be at most one message per bytesWritten; joined, a callback's
    # eight go to Qt as one buffer, and the OS takes more than one message per system call.
    assert max(counts) > message_size
    assert len(counts) < len(messages)
    assert session.sends == len(messages) + 1  # every send() is still its own call in the log


def test_messages_queued_behind_a_busy_socket_keep_their_bytes_and_order(qtbot, session):
    rng = random.Random(7)
    # Bigger than Qt's share, at its edge, and many small ones: joins and splits all happen.
    sizes = [6 * MIB, 1, WRITE_HIGH_WATER, 3 * MIB + 17] + [rng.randrange(1, 70_000) for _ in range(300)]
    messages = [rng.randbytes(size) for size in sizes]
    reading = threading.Event()

    def read_when_told(conn) -> None:
        reading.wait(10)  # a peer that does not read yet: the OS buffers fill, Qt stays busy
        peer.recv_until_eof(conn)

    peer = ThreadedPeer(read_when_told)
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", peer.port)
    qt_buffer = []
    session.bytes_written.connect(lambda _n: qt_buffer.append(session._socket.bytesToWrite()))
    for message in messages:
        session.send(message)
        qt_buffer.append(session._socket.bytesToWrite())
    total = sum(sizes)
    assert session.pending_out + session.bytes_sent == total
    qtbot.waitUntil(lambda: session.bytes_sent > 0, timeout=3000)
    reading.set()
    session.disconnect_from_host()  # graceful: the outbox drains first
    qtbot.waitUntil(peer.done.is_set, timeout=20000)

    assert len(peer.received) == total
    assert hashlib.sha256(peer.received).digest() == hashlib.sha256(b"".join(messages)).digest()
    assert max(qt_buffer) <= WRITE_HIGH_WATER
    assert sum(written_counts(session)) == total and session.pending_out == 0


def test_a_stream_to_a_slow_reader_reaches_qt_in_big_pieces(qtbot, session):
    # A reader with a small window: the OS accepts a little per system call, so Qt's buffer
    # drains in small bytesWritten steps. Topping Qt up at each of them would hand it small
    # pieces (one system call each); it is topped up only once it is down to the low-water mark.
    chunk, total = MIB, 24 * MIB
    payload = random.Random(3).randbytes(total)

    def read_slowly(conn) -> None:
        while piece := conn.recv(4 * KIB):
            peer.received += piece

    peer = ThreadedPeer(read_slowly)
    peer.listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 * KIB)
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", peer.port)
    sock = session._socket
    handed_to_qt = []  # (bytes Qt held just before, bytes handed) per write()
    real_write = sock.write

    def write_and_note(data):  # the real write(); what it was given is noted
        handed_to_qt.append((sock.bytesToWrite(), len(data)))
        return real_write(data)

    sock.write = write_and_note
    fed = [0]

    def feed(*_args) -> None:  # like bench/send.py: a few MiB queued at most
        while fed[0] < total and session.pending_out < 4 * MIB:
            session.send(payload[fed[0]:fed[0] + chunk])
            fed[0] += chunk
        if fed[0] == total and session.pending_out == 0:
            session.disconnect_from_host()

    session.bytes_written.connect(feed)
    feed()
    qtbot.waitUntil(peer.done.is_set, timeout=20000)

    assert hashlib.sha256(peer.received).digest() == hashlib.sha256(payload).digest()
    assert sum(size for _held, size in handed_to_qt) == total
    assert all(held <= WRITE_LOW_WATER for held, _size in handed_to_qt), handed_to_qt
    # The first send found Qt idle and went as it was; the last piece is what was left.
    assert min(size for _held, size in handed_to_qt[1:-1]) >= WRITE_HIGH_WATER - WRITE_LOW_WATER


def connect_to_a_peer_that_counts_after_eof(qtbot, session, receive_buffer: int = 0):
    """A peer that reads until our FIN, then answers `got N`; returns it and our replies."""
    def read_then_count(conn) -> None:
        data = peer.recv_until_eof(conn)
        conn.sendall(b"got %d" % len(data))

    peer = ThreadedPeer(read_then_count)
    if receive_buffer:
        peer.listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", peer.port)
    replies = bytearray()
    session.data_received.connect(replies.extend)
    return peer, replies


def test_half_close_waits_for_messages_queued_behind_a_busy_socket(qtbot, session):
    peer, replies = connect_to_a_peer_that_counts_after_eof(qtbot, session)
    session.send(b"A" * 100)
    session.send(b"B" * 100)  # Qt is still writing the first: this one waits in the outbox
    session.half_close()
    qtbot.waitUntil(lambda: session.sending_shut, timeout=3000)
    qtbot.waitUntil(lambda: bytes(replies) == b"got 200", timeout=3000)
    assert bytes(peer.received) == b"A" * 100 + b"B" * 100


def test_half_close_after_megabytes_to_a_slow_reader_sends_them_all_then_fin(qtbot, session):
    payload = random.Random(5).randbytes(6 * MIB)
    peer, replies = connect_to_a_peer_that_counts_after_eof(qtbot, session, receive_buffer=16 * KIB)
    for offset in range(0, len(payload), MIB):
        session.send(payload[offset:offset + MIB])
    session.half_close()
    qtbot.waitUntil(lambda: bytes(replies) == b"got %d" % len(payload), timeout=10000)
    assert hashlib.sha256(peer.received).digest() == hashlib.sha256(payload).digest()
    assert session.sending_shut and session.pending_out == 0


def test_half_close_from_the_send_callback_follows_what_it_sent(qtbot, session):
    peer, replies = connect_to_a_peer_that_counts_after_eof(qtbot, session)

    def last_words(_count: int) -> None:
        session.bytes_written.disconnect(last_words)
        session.send(b"bye")
        session.half_close()

    session.bytes_written.connect(last_words)
    session.send(b"hello ")
    qtbot.waitUntil(lambda: bytes(replies) == b"got 9", timeout=3000)
    assert bytes(peer.received) == b"hello bye" and session.sending_shut


def test_half_close_after_a_graceful_disconnect_was_asked_for_does_not_undo_it(qtbot, session):
    reading = threading.Event()

    def read_when_told(conn) -> None:
        reading.wait(10)
        peer.recv_until_eof(conn)

    peer = ThreadedPeer(read_when_told)
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", peer.port)
    payload = random.Random(9).randbytes(12 * MIB)  # more than the OS buffers: some stays queued
    for offset in range(0, len(payload), MIB):
        session.send(payload[offset:offset + MIB])
    qtbot.waitUntil(lambda: session.bytes_sent > 0, timeout=3000)
    session.disconnect_from_host()
    session.half_close()
    reading.set()
    qtbot.waitUntil(lambda: session.is_idle, timeout=10000)  # closed both ways, as asked first
    qtbot.waitUntil(peer.done.is_set, timeout=3000)
    assert hashlib.sha256(peer.received).digest() == hashlib.sha256(payload).digest()


def test_a_send_callback_that_waits_for_the_reply_gets_it(qtbot, session, demo):
    # A listener that sends and then waits in a nested event loop (a synchronous-style call)
    # must not leave what it sent waiting for its own return.
    from PySide6.QtCore import QEventLoop, QTimer

    server = demo("echo")
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", server.port)
    replies = bytearray()
    session.data_received.connect(replies.extend)
    outcome = []

    def ask_and_wait(_count: int) -> None:
        session.bytes_written.disconnect(ask_and_wait)
        session.send(b"request")
        loop = QEventLoop()
        session.data_received.connect(lambda _data: loop.quit() if b"request" in replies else None)
        QTimer.singleShot(3000, loop.quit)
        loop.exec()
        outcome.append(bytes(replies))

    session.bytes_written.connect(ask_and_wait)
    session.send(b"hello ")
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome[0] == b"hello request"

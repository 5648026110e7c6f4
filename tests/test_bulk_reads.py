"""Bulk reads: while data streams in, the kernel wakes the session only once a MiB waits
(SO_RCVLOWAT); when the stream pauses, the mark drops back so the tail is not held back."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from loopback import ThreadedPeer

from app.events import Direction, EventKind
from app.session import BULK_LOW_WATER, BULK_TRIGGER
from app.sockopts import receive_low_water

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="SO_RCVLOWAT is only raised on Linux, where poll() honours it")

TAIL = 1000  # smaller than the mark: only the idle timer lets it through before the peer closes


def received(session) -> bytes:
    return b"".join(e.data for e in session.recorded if e.direction is Direction.IN)


def bulk_notes(session) -> list[str]:
    return [e.detail for e in session.recorded if e.kind is EventKind.NOTE and "SO_RCVLOWAT" in e.detail]


class StreamThenWait:
    """Sends `payload`, then keeps the connection open until `release` is set."""

    def __init__(self, payload: bytes) -> None:
        self.payload = payload
        self.release = threading.Event()
        self.peer = ThreadedPeer(self._script)

    def _script(self, conn) -> None:
        conn.sendall(self.payload)
        self.release.wait(10)

    def close(self) -> None:
        self.release.set()
        self.peer.done.wait(10)


def start_streaming(qtbot, session, payload: bytes) -> StreamThenWait:
    """Connect with reads held back (step mode) until more than BULK_TRIGGER bytes wait, then
    let them go: the first read is then a big one, as when a peer outruns us."""
    stream = StreamThenWait(payload)
    session.set_step_mode(True)
    session.connect_to_host("127.0.0.1", stream.peer.port)
    qtbot.waitUntil(lambda: session.pending_in >= BULK_TRIGGER, timeout=5000)
    marks = []
    session.event_recorded.connect(
        lambda e: marks.append(receive_low_water(session._socket)) if e.kind is EventKind.NOTE else None)
    session.set_step_mode(False)
    assert session.bulk_reading
    assert marks == [BULK_LOW_WATER]  # the kernel holds reads back from the note on
    return stream


def test_a_stream_raises_the_mark_and_its_tail_still_arrives_while_the_peer_waits(qtbot, session):
    payload = os.urandom(6 * BULK_LOW_WATER + TAIL)
    stream = start_streaming(qtbot, session, payload)
    try:
        qtbot.waitUntil(lambda: session.bytes_received == len(payload), timeout=5000)
        assert received(session) == payload
        qtbot.waitUntil(lambda: not session.bulk_reading, timeout=1000)
        assert receive_low_water(session._socket) == 1
        assert session.is_connected  # nothing was closed to let the tail through
        assert len(bulk_notes(session)) == 1
    finally:
        stream.close()


def test_the_mark_drops_as_soon_as_reads_must_be_small(qtbot, session):
    payload = os.urandom(4 * BULK_LOW_WATER)
    stream = start_streaming(qtbot, session, payload)
    try:
        session.set_read_chunk_limit(256)
        assert not session.bulk_reading
        assert receive_low_water(session._socket) == 1
        qtbot.waitUntil(lambda: session.bytes_received == len(payload), timeout=10000)
        assert received(session) == payload
        assert not session.bulk_reading  # 256-byte reads never raise it again
    finally:
        stream.close()


def test_every_byte_arrives_when_the_peer_closes_in_the_middle_of_a_stream(qtbot, session):
    payload = os.urandom(3 * BULK_LOW_WATER + TAIL)
    stream = StreamThenWait(payload)
    stream.release.set()  # the peer closes right after sending
    with qtbot.waitSignal(session.disconnected, timeout=5000):
        session.connect_to_host("127.0.0.1", stream.peer.port)
    assert received(session) == payload
    assert not session.bulk_reading


def test_round_trips_of_small_messages_never_hold_reads_back(qtbot, session, demo):
    server = demo("echo")
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", server.port)
    for i in range(20):
        with qtbot.waitSignal(session.data_received, timeout=3000):
            session.send(b"%02d" % i * 32)
    assert not session.bulk_reading and bulk_notes(session) == []
    assert receive_low_water(session._socket) == 1


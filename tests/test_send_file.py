"""Sending a file: read a piece at a time as the socket drains, in order with other sends,
every byte accounted for, and the file closed however the sending ends."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from pathlib import Path

from loopback import LOOPBACK, ThreadedPeer, connect_window, log_lines

from app.events import Direction, EventKind
from app.file_source import FileSource
from app.session import FILE_PIECE, WRITE_HIGH_WATER

MiB = 1024 * 1024


def write_file(tmp_path: Path, size: int, name: str = "payload.bin") -> tuple[Path, bytes]:
    data = os.urandom(size)
    path = tmp_path / name
    path.write_bytes(data)
    return path, data


def written_pieces(session) -> list[bytes]:
    return [e.data for e in session.recorded if e.kind is EventKind.CALL and e.direction is Direction.OUT]


def is_open_here(path: Path) -> bool:
    fds = Path("/proc/self/fd")
    return any(os.path.realpath(fd) == str(path.resolve()) for fd in fds.iterdir()) if fds.exists() else False


def connect(qtbot, session, port: int) -> None:
    with qtbot.waitSignal(session.connected, timeout=3000):
        session.connect_to_host("127.0.0.1", port)


def test_a_file_goes_a_piece_at_a_time_and_arrives_whole(qtbot, session, tmp_path):
    path, data = write_file(tmp_path, 20 * MiB + 123)
    peer = ThreadedPeer(lambda conn: peer.recv_until_eof(conn))
    connect(qtbot, session, peer.port)

    assert session.send_file(FileSource(str(path))) == len(data)
    # Only what fits in Qt's share has been read from the file so far; the rest waits on disk.
    assert sum(map(len, written_pieces(session))) <= WRITE_HIGH_WATER
    assert session.pending_out == len(data) - session.bytes_sent
    with qtbot.waitSignal(session.disconnected, timeout=10000):
        session.disconnect_from_host()  # graceful: the whole file first, then FIN

    assert peer.done.wait(5) and peer.error is None
    assert hashlib.sha256(peer.received).digest() == hashlib.sha256(data).digest()
    pieces = written_pieces(session)
    assert b"".join(pieces) == data and max(map(len, pieces)) <= FILE_PIECE
    assert session.bytes_sent == session.bytes_handed == len(data)
    notes = [e.detail for e in session.recorded if e.kind is EventKind.NOTE]
    assert any(f"sending file payload.bin: {len(data)} bytes" in note for note in notes)
    assert not any("never sent" in note for note in notes)
    assert not is_open_here(path)


def test_what_is_sent_after_a_file_follows_it(qtbot, session, tmp_path):
    path, data = write_file(tmp_path, 6 * MiB)
    peer = ThreadedPeer(lambda conn: peer.recv_until_eof(conn))
    connect(qtbot, session, peer.port)
    session.send(b"before|")
    session.send_file(FileSource(str(path)))
    session.send(b"|after")
    with qtbot.waitSignal(session.disconnected, timeout=10000):
        session.disconnect_from_host()
    assert peer.done.wait(5)
    assert bytes(peer.received) == b"before|" + data + b"|after"


def test_abort_in_the_middle_closes_the_file_and_counts_what_never_left(qtbot, session, tmp_path):
    path, _ = write_file(tmp_path, 64 * MiB)
    release = threading.Event()

    def never_read(conn: socket.socket) -> None:
        release.wait(10)

    peer = ThreadedPeer(never_read)
    connect(qtbot, session, peer.port)
    session.send_file(FileSource(str(path)))
    qtbot.waitUntil(lambda: session.bytes_sent > 0, timeout=3000)
    assert is_open_here(path)
    queued = session.pending_out
    assert queued > 32 * MiB  # most of the file is still on disk, not in memory
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.abort()
    release.set()
    assert not is_open_here(path)
    notes = [e.detail for e in session.recorded if e.kind is EventKind.NOTE]
    assert f"abort dropped {queued} unsent bytes" in notes
    assert session.pending_out == 0


def test_a_file_that_shrinks_while_it_is_sent_is_reported_and_counted_exactly(qtbot, session, tmp_path):
    path, data = write_file(tmp_path, 16 * MiB)
    peer = ThreadedPeer(lambda conn: peer.recv_until_eof(conn))
    connect(qtbot, session, peer.port)
    session.send_file(FileSource(str(path)))
    already = sum(map(len, written_pieces(session)))
    os.truncate(path, already)  # everything not read yet is gone
    with qtbot.waitSignal(session.disconnected, timeout=10000):
        session.disconnect_from_host()
    assert peer.done.wait(5)
    assert bytes(peer.received) == data[:already]
    assert session.bytes_handed == session.bytes_sent == already
    notes = [e.detail for e in session.recorded if e.kind is EventKind.NOTE]
    assert f"file payload.bin ended early (it shrank while being sent); {len(data) - already} bytes not sent" in notes
    assert not any("never sent" in note for note in notes)


def test_the_window_streams_a_file_over_tcp_and_refuses_one_too_big_for_udp(qtbot, window, tmp_path):
    path, data = write_file(tmp_path, 3 * MiB + 7)
    peer = ThreadedPeer(lambda conn: peer.recv_until_eof(conn))
    connect_window(qtbot, window, peer.port)
    notes = []
    window.session.event_recorded.connect(lambda e: notes.append(e.detail) if e.kind is EventKind.NOTE else None)
    window.send_file(str(path))
    with qtbot.waitSignal(window.session.disconnected, timeout=10000):
        window.session.disconnect_from_host()
    assert peer.done.wait(5)
    assert hashlib.sha256(peer.received).digest() == hashlib.sha256(data).digest()
    assert any(f"sending file payload.bin: {len(data)} bytes" in note for note in notes)
    # Megabytes of random text are a flood for the log; the note passes it all the same.
    assert any(f"sending file payload.bin: {len(data)} bytes" in line for line in log_lines(window))

    window.protocolCombo.setCurrentIndex(window.protocolCombo.findData("UDP"))
    window.hostEdit.setText(LOOPBACK)
    window.send_file(str(path))
    assert any("DatagramTooLargeError" in line and f"{len(data)} bytes do not fit" in line
               for line in log_lines(window))


def test_a_file_sent_while_not_connected_is_refused_and_closed(session, tmp_path):
    import pytest

    from app.session import NotConnectedError

    path, _ = write_file(tmp_path, 10)
    source = FileSource(str(path))
    with pytest.raises(NotConnectedError):
        session.send_file(source)
    assert source.file.closed and not is_open_here(path)

"""Atomic writes, and byte-exact capture of a real session to a JSON Lines file."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import stat
import threading

import pytest

from app.atomic import AtomicFile, atomic_write_bytes, atomic_write_text
from app.capture import (
    CaptureFormatError,
    CaptureWriter,
    events_from_capture,
    read_capture,
)
from app.events import Direction, EventClock, EventKind
from app.session import ClientSession

HEADER = b'{"format": "socket-tester-capture", "version": 1, "started": "2024-05-01T12:00:00.000+00:00", "peer": ""}\n'
GOOD_RECORD = b'{"t": 1.5, "us": 10, "dir": "in", "kind": "readyRead", "detail": "", "data": "aGk="}\n'


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# ===================================================================== atomic writes
def test_atomic_write_replaces_target_and_leaves_no_temp_files(tmp_path):
    target = tmp_path / "settings.json"
    target.write_bytes(b"old content")

    atomic_write_bytes(target, b"new content")

    assert target.read_bytes() == b"new content"
    assert os.listdir(tmp_path) == ["settings.json"]


def test_write_that_raises_midway_keeps_old_content_and_removes_temp(tmp_path):
    target = tmp_path / "log.txt"
    target.write_bytes(b"old content")

    with pytest.raises(RuntimeError, match="crash while writing"):
        with AtomicFile(target) as f:
            f.write(b"half of the new")
            f.flush()
            # The partial data lives in a temp file beside the target, never in the target.
            assert os.path.dirname(f.temp_path) == str(tmp_path)
            assert os.path.basename(f.temp_path).startswith(".log.txt.")
            assert f.temp_path.endswith(".part")
            with open(f.temp_path, "rb") as partial:
                assert partial.read() == b"half of the new"
            assert target.read_bytes() == b"old content"
            raise RuntimeError("crash while writing")

    assert target.read_bytes() == b"old content"
    assert os.listdir(tmp_path) == ["log.txt"]


def test_discard_leaves_an_absent_target_absent(tmp_path):
    target = tmp_path / "export.json"
    f = AtomicFile(target)
    f.write(b"{}")
    f.discard()
    f.close()  # after discard, close() must not resurrect the file

    assert f.closed
    assert not target.exists()
    assert os.listdir(tmp_path) == []


def test_atomic_write_text_encodes_and_commits(tmp_path):
    target = tmp_path / "notes.txt"
    atomic_write_text(target, "Grüße → 世界\n", encoding="utf-16")
    assert target.read_bytes().decode("utf-16") == "Grüße → 世界\n"

    with AtomicFile(target, "w") as f:  # text mode defaults to UTF-8, not the locale
        f.write("naïve\n")
    assert target.read_bytes() == "naïve\n".encode("utf-8")
    assert os.listdir(tmp_path) == ["notes.txt"]


def test_replacing_keeps_the_targets_permissions(tmp_path):
    target = tmp_path / "private.cfg"
    target.write_bytes(b"old")
    os.chmod(target, 0o600)

    atomic_write_bytes(target, b"new")

    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert target.read_bytes() == b"new"


def test_failed_rename_removes_temp_and_raises(tmp_path):
    # A directory in the way makes os.replace fail for real, after all data was written.
    target = tmp_path / "occupied"
    target.mkdir()
    (target / "keep.txt").write_bytes(b"keep")

    with pytest.raises(OSError):
        atomic_write_bytes(target, b"data")

    assert sorted(os.listdir(tmp_path)) == ["occupied"]
    assert (target / "keep.txt").read_bytes() == b"keep"


def test_bad_mode_is_refused_before_any_temp_file_exists(tmp_path):
    with pytest.raises(ValueError, match="mode"):
        AtomicFile(tmp_path / "x", "ab")
    with pytest.raises(LookupError):
        AtomicFile(tmp_path / "x", "w", encoding="no-such-codec")
    assert os.listdir(tmp_path) == []


# ===================================================================== a real session
class EchoServer:
    """A plain blocking echo server on loopback, in a thread; remembers what it sent back."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(10)
        self.port = self.listener.getsockname()[1]
        self.echoed = bytearray()
        self.errors: list[BaseException] = []
        self.finished = threading.Event()
        self.thread = threading.Thread(target=self._serve, name="echo-server", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self.listener.accept()
            with conn:
                conn.settimeout(10)
                while chunk := conn.recv(256 * 1024):
                    conn.sendall(chunk)
                    self.echoed += chunk
        except BaseException as exc:  # reported by the test, not lost in the thread
            self.errors.append(exc)
        finally:
            self.listener.close()
            self.finished.set()

    def stop(self) -> None:
        self.listener.close()
        self.thread.join(timeout=10)


@pytest.fixture
def echo_server():
    server = EchoServer()
    yield server
    server.stop()


@pytest.fixture
def session(qtbot):
    s = ClientSession()
    yield s
    s.abort()


def run_echo_session(qtbot, session, server, writer, payloads):
    """Connect, send `payloads`, wait for every echoed byte, disconnect. Returns events and received."""
    events = []
    received = bytearray()
    session.event_recorded.connect(writer.record)
    session.event_recorded.connect(events.append)
    session.data_received.connect(received.extend)

    with qtbot.waitSignal(session.connected, timeout=5000):
        assert session.connect_to_host("127.0.0.1", server.port)
    for payload in payloads:
        session.send(payload)
    total = sum(map(len, payloads))
    qtbot.waitUntil(lambda: session.bytes_received == total, timeout=10_000)
    with qtbot.waitSignal(session.disconnected, timeout=5000):
        session.disconnect_from_host()
    qtbot.waitUntil(server.finished.is_set, timeout=5000)
    assert server.errors == []
    session.event_recorded.disconnect(writer.record)
    return events, bytes(received)


def test_capture_of_a_real_session_is_byte_exact(qtbot, session, echo_server, tmp_path):
    capture_path = tmp_path / "session.capture.jsonl"
    raw_path = tmp_path / "session.in.bin"
    payloads = [os.urandom(n) for n in (1_000_000, 1, 700_000, 65_536, 1_234_567)]
    sent = b"".join(payloads)
    writer = CaptureWriter(capture_path, raw_in_path=raw_path)

    events, received = run_echo_session(qtbot, session, echo_server, writer, payloads)

    # Still recording: nothing under the final names, but the data is already on disk
    # in the temp file (base64 of 2 x 3 MB), not held in memory.
    assert not capture_path.exists() and not raw_path.exists()
    parts = [p for p in os.listdir(tmp_path) if p.startswith(".session.capture.jsonl.")]
    assert len(parts) == 1
    assert os.path.getsize(tmp_path / parts[0]) > 2 * len(sent)

    writer.close()

    assert sorted(os.listdir(tmp_path)) == ["session.capture.jsonl", "session.in.bin"]
    assert received == sent == bytes(echo_server.echoed)
    assert writer.bytes_out == len(sent)
    assert writer.bytes_in == len(received)
    assert writer.records == len(events)

    capture = read_capture(capture_path)
    assert capture.header["format"] == "socket-tester-capture"
    assert capture.header["version"] == 1
    assert capture.header["peer"] == f"127.0.0.1:{echo_server.port}"
    assert "T" in capture.header["started"]
    assert sha256(capture.sent_bytes()) == sha256(sent)
    assert sha256(capture.received_bytes()) == sha256(bytes(echo_server.echoed))
    assert raw_path.read_bytes() == received

    out_records = [r for r in capture.records if r.direction == "out"]
    assert [r.data for r in out_records] == payloads  # one record per send(), in order
    assert all(r.kind is EventKind.CALL for r in out_records)
    assert all(r.kind is EventKind.READY_READ for r in capture.records if r.direction == "in")
    kinds = [r.kind for r in capture.records]
    assert kinds[0] is EventKind.CALL and kinds[-1] is EventKind.DISCONNECTED
    assert EventKind.CONNECTED in kinds and EventKind.BYTES_WRITTEN in kinds
    assert [r.us for r in capture.records] == sorted(r.us for r in capture.records)


def test_events_from_capture_round_trips_the_session_events(qtbot, session, echo_server, tmp_path):
    capture_path = tmp_path / "replay.jsonl"
    writer = CaptureWriter(capture_path)
    payloads = [os.urandom(50_000), b"hello\r\n", os.urandom(10)]

    events, _ = run_echo_session(qtbot, session, echo_server, writer, payloads)
    writer.close()
    replayed = events_from_capture(read_capture(capture_path))

    def essence(e):
        return (e.kind, e.elapsed_ns // 1000, e.wall_time, e.detail, e.data, e.direction,
                e.count, e.peer, e.extra)

    assert [essence(e) for e in replayed] == [essence(e) for e in events]
    assert b"".join(e.data for e in replayed if e.direction is Direction.OUT) == b"".join(payloads)


# ===================================================================== writer edge cases
def test_writer_without_records_writes_a_header_and_ignores_late_events(tmp_path):
    path = tmp_path / "empty.jsonl"
    writer = CaptureWriter(path, peer="[::1]:7")
    writer.close()
    writer.record(EventClock().make(EventKind.NOTE, "after close"))  # a late signal
    writer.close()

    capture = read_capture(path)
    assert capture.header["peer"] == "[::1]:7"
    assert capture.records == []
    assert path.read_bytes().count(b"\n") == 1


def test_event_lines_keep_count_extra_and_text(tmp_path):
    path = tmp_path / "events.jsonl"
    clock = EventClock()
    writer = CaptureWriter(path)
    writer.record(clock.make(EventKind.STATE, "Connecting → Connected",
                             extra={"old": "Connecting", "new": "Connected"}))
    writer.record(clock.make(EventKind.BYTES_WRITTEN, "5 bytes", count=5))
    writer.record(clock.make(EventKind.READY_READ, "bytesAvailable=3, waiting for Next", count=3))
    writer.close()

    lines = [json.loads(line) for line in path.read_bytes().splitlines()]
    assert [line.get("dir") for line in lines[1:]] == ["event", "event", "event"]
    assert all("data" not in line for line in lines[1:])
    records = read_capture(path).records
    assert records[0].detail == "Connecting → Connected"
    assert records[0].extra == {"old": "Connecting", "new": "Connected"}
    assert records[1].count == 5
    assert writer.records == 3 and writer.bytes_in == writer.bytes_out == 0


def test_discarded_recording_leaves_nothing(tmp_path):
    writer = CaptureWriter(tmp_path / "c.jsonl", raw_in_path=tmp_path / "c.bin")
    writer.record(EventClock().make(EventKind.READY_READ, data=b"x", direction=Direction.IN))
    writer.discard()
    writer.close()
    assert os.listdir(tmp_path) == []


def test_a_write_error_stops_recording_and_close_reports_it(tmp_path):
    # A real write failure: a file-size limit makes write() fail with EFBIG.
    import resource
    import signal

    writer = CaptureWriter(tmp_path / "big.jsonl", raw_in_path=tmp_path / "big.bin")
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    old_limit = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, old_limit[1]))
    try:
        writer.record(EventClock().make(EventKind.READY_READ, data=os.urandom(1_000_000),
                                        direction=Direction.IN))
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, old_limit)
        signal.signal(signal.SIGXFSZ, old_handler)

    assert isinstance(writer.error, OSError)
    assert writer.closed
    writer.record(EventClock().make(EventKind.NOTE, "ignored after the failure"))
    with pytest.raises(OSError):
        writer.close()
    writer.close()  # reported once
    assert os.listdir(tmp_path) == []


# ===================================================================== malformed files
@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", 1, "missing header"),
        (GOOD_RECORD, 1, "missing header"),
        (b"just text\n", 1, "not valid JSON"),
        (HEADER.replace(b'"version": 1', b'"version": 2'), 1, "unknown capture version 2"),
        (HEADER.replace(b', "version": 1', b""), 1, "unknown capture version None"),
        (HEADER + b'{"t": 1.5, "us": 10, "dir": "in"\n', 2, "not valid JSON"),
        (HEADER + GOOD_RECORD + GOOD_RECORD.replace(b"aGk=", b"a*k="), 3, "base64"),
        (HEADER + GOOD_RECORD.replace(b"aGk=", b"aGk"), 2, "base64"),
        (HEADER + b"\n" + GOOD_RECORD + b"\xff\xfe\n", 4, "not valid JSON"),
        (HEADER + b"[1, 2]\n", 2, "JSON object"),
        (HEADER + GOOD_RECORD.replace(b"readyRead", b"teleport"), 2, "unknown event kind"),
        (HEADER + GOOD_RECORD.replace(b'"in"', b'"sideways"'), 2, "'dir'"),
        (HEADER + GOOD_RECORD.replace(b'"us": 10', b'"us": "10"'), 2, "'us'"),
    ],
)
def test_malformed_capture_names_the_line(tmp_path, content, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(CaptureFormatError) as info:
        read_capture(path)
    assert isinstance(info.value, ValueError)
    assert info.value.line == line
    assert str(info.value).startswith(f"line {line}: ")
    assert message in str(info.value)


def test_hand_written_capture_reads_back(tmp_path):
    path = tmp_path / "good.jsonl"
    out_line = json.dumps({"t": 2.0, "us": 5, "dir": "out", "kind": "call", "detail": "write(): 3 bytes",
                           "data": base64.b64encode(b"\x00\xff\n").decode()}).encode() + b"\n"
    path.write_bytes(HEADER + out_line + b"\n" + GOOD_RECORD)
    capture = read_capture(path)
    assert capture.sent_bytes() == b"\x00\xff\n"
    assert capture.received_bytes() == b"hi"
    assert [r.kind for r in capture.records] == [EventKind.CALL, EventKind.READY_READ]

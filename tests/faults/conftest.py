"""Shared pieces of the fault suite: real loopback peers, an event-loop ticker, log helpers.

Test modules here are plain modules (no package), so helpers reach them as fixtures; the
parent `tests/` folder is put on sys.path so that `from loopback import ...` works too.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent.parent
if str(TESTS_DIR) not in sys.path:
    sys.path.insert(0, str(TESTS_DIR))

from PySide6.QtCore import Qt, QTimer  # noqa: E402


# Characters that must never reach a log row: controls, invisible format/direction marks,
# line and paragraph separators, lone surrogates.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def sha(data: bytes | bytearray | memoryview) -> str:
    return hashlib.sha256(data).hexdigest()


def reset_and_close(conn: socket.socket) -> None:
    """Close with SO_LINGER {on, 0}: the kernel drops what is queued and sends RST, not FIN."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def unsafe_characters(text: str) -> list[str]:
    if text.isprintable():  # fast path: "printable" excludes every category above
        return []
    return sorted({f"U+{ord(ch):04X}" for ch in text if unicodedata.category(ch) in UNSAFE_CATEGORIES})


class HashingSink:
    """A peer that accepts one connection and reads until EOF (or a reset), hashing as it goes.

    `gate`: when given, the peer does not read a byte until the test sets it, so what we
    send piles up (a peer that never reads). `rcvbuf` shrinks its receive buffer so the
    pile-up reaches our side quickly; a small `read_size` keeps it a slow reader after
    that. Only the digest and the count are kept, so 100 MiB costs no memory here.
    """

    def __init__(self, *, gate: threading.Event | None = None, rcvbuf: int = 0, read_size: int = 1 << 20) -> None:
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if rcvbuf:
            # Accepted sockets inherit it, and the window advertised in the handshake follows it.
            self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(4)
        self.listener.settimeout(10)
        self.port = self.listener.getsockname()[1]
        self.gate = gate
        self.read_size = read_size
        self.count = 0
        self.ended_by = ""  # "eof", "reset" or an exception name
        self.error: BaseException | None = None
        self.done = threading.Event()
        self._hash = hashlib.sha256()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @property
    def digest(self) -> str:
        return self._hash.hexdigest()

    def _run(self) -> None:
        try:
            conn, _ = self.listener.accept()
            with conn:
                if self.gate is not None and not self.gate.wait(20):
                    raise TimeoutError("the test never opened the gate")
                conn.settimeout(20)
                while True:
                    try:
                        chunk = conn.recv(self.read_size)
                    except ConnectionResetError:
                        self.ended_by = "reset"
                        return
                    if not chunk:
                        self.ended_by = "eof"
                        return
                    self._hash.update(chunk)
                    self.count += len(chunk)
        except BaseException as exc:  # handed to the test through .error
            self.error = exc
            self.ended_by = type(exc).__name__
        finally:
            self.listener.close()
            self.done.set()


class CountingEchoServer:
    """Echoes every byte on every connection and keeps, per connection, all it received.

    Each connection is served by its own thread; `connections` lists them in accept order.
    """

    class Connection:
        def __init__(self) -> None:
            self.received = bytearray()
            self.finished = threading.Event()

    def __init__(self) -> None:
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.connections: list[CountingEchoServer.Connection] = []
        self.errors: list[BaseException] = []
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._stopping = False
        threading.Thread(target=self._accept_loop, daemon=True).start()

    def _accept_loop(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return  # listener closed by stop()
            record = CountingEchoServer.Connection()
            with self._lock:
                self.connections.append(record)
                self._open.append(conn)
            threading.Thread(target=self._serve, args=(conn, record), daemon=True).start()

    def _serve(self, conn: socket.socket, record: Connection) -> None:
        try:
            with conn:
                while True:
                    try:
                        chunk = conn.recv(65536)
                    except (ConnectionResetError, OSError):
                        return
                    if not chunk:
                        return
                    with self._lock:
                        record.received += chunk
                    try:
                        conn.sendall(chunk)
                    except OSError:
                        return  # the client closed while its echo was on the way
        except BaseException as exc:
            if not self._stopping:
                self.errors.append(exc)
        finally:
            record.finished.set()

    def all_finished(self) -> bool:
        with self._lock:
            return all(c.finished.is_set() for c in self.connections)

    def received_since(self, first: int) -> list[bytes]:
        with self._lock:
            return [bytes(c.received) for c in self.connections[first:]]

    def stop(self) -> None:
        self._stopping = True
        self.listener.close()
        with self._lock:
            for conn in self._open:
                try:
                    conn.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


class EventLoopTicker:
    """A timer that notes when it fires: proof that the event loop kept turning.

    Tests compare tick counts with moments of the transfer (first and last chunk) rather
    than asserting absolute durations, which depend on the machine's load.
    """

    def __init__(self, interval_ms: int = 1) -> None:
        self.times_ns: list[int] = []
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(lambda: self.times_ns.append(time.perf_counter_ns()))

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def between(self, start_ns: int, end_ns: int) -> int:
        return sum(1 for t in self.times_ns if start_ns < t < end_ns)





@pytest.fixture
def ticker(qtbot):
    t = EventLoopTicker()
    t.start()
    yield t
    t.stop()


@pytest.fixture
def sink():
    """Factory for HashingSink peers; every one is finished (or abandoned) by teardown."""
    sinks: list[HashingSink] = []

    def make(**options) -> HashingSink:
        s = HashingSink(**options)
        sinks.append(s)
        return s

    yield make
    for s in sinks:
        if s.gate is not None:
            s.gate.set()  # never leave a thread waiting on a gate


@pytest.fixture
def echo_server():
    server = CountingEchoServer()
    yield server
    server.stop()


@pytest.fixture
def log_rows():
    """Every row of a window's log as the view would show it (queued records flushed first)."""
    def rows(window) -> list[str]:
        model = window.log_model
        model.flush()
        return [model.data(model.index(i)) for i in range(model.rowCount())]

    return rows


@pytest.fixture
def kit():
    """The small helpers above, for test modules (conftest is not importable by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(sha=sha, reset_and_close=reset_and_close, unsafe_characters=unsafe_characters,
                           UNSAFE_CATEGORIES=UNSAFE_CATEGORIES)

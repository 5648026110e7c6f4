"""The demo servers, each checked from a plain Python socket client.

The client runs in a thread and the test waits with qtbot.waitUntil, so the Qt event
loop (where the servers live) keeps running.
"""

from __future__ import annotations

import errno
import os
import select
import socket
import struct
import threading
import time

import pytest

from app.demo_servers import (
    CLOSE_REPLY,
    DEMO_KINDS,
    FLOOD_CHUNK,
    FLOOD_LINE,
    HIGH_WATER,
    READ_BUFFER_SIZE,
    DemoServer,
    DemoServerError,
    describe,
    format_size,
    start_demo_server,
)

LOOPBACK = "127.0.0.1"


class ClientJob:
    """A blocking client function running in its own thread."""

    def __init__(self, fn, *args) -> None:
        self.result = None
        self.error: BaseException | None = None
        self.finished = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(fn, *args), daemon=True)
        self._thread.start()

    def _run(self, fn, *args) -> None:
        try:
            self.result = fn(*args)
        except BaseException as exc:  # handed to the test thread by outcome()
            self.error = exc
        finally:
            self.finished.set()

    def outcome(self, qtbot, timeout: int = 5000):
        qtbot.waitUntil(self.finished.is_set, timeout=timeout)
        self._thread.join()
        if self.error is not None:
            raise self.error
        return self.result


def run_client(qtbot, fn, *args, timeout: int = 5000):
    return ClientJob(fn, *args).outcome(qtbot, timeout)


def recv_until_closed(sock: socket.socket) -> bytes:
    received = bytearray()
    while chunk := sock.recv(65536):
        received += chunk
    return bytes(received)


@pytest.fixture
def make_server(qtbot):
    servers: list[DemoServer] = []

    def make(kind: str, **options) -> DemoServer:
        server = DemoServer(**options)
        lines: list[str] = []
        server.activity.connect(lines.append)
        server.lines = lines  # the activity log, for assertions
        server.start(kind)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.stop()


# ---------------------------------------------------------------------- the catalogue
def test_kinds_are_listed_in_order_with_descriptions():
    assert list(DEMO_KINDS) == ["echo", "eof", "drip", "flood", "discard", "never-read",
                                "close-after-reply", "reset", "silent", "slow-accept"]
    assert describe("eof") == DEMO_KINDS["eof"]
    assert "<EOF>" in describe("eof")
    with pytest.raises(ValueError, match="choose one of echo"):
        describe("chargen")


def test_unknown_kind_is_a_value_error(qtbot):
    server = DemoServer()
    with pytest.raises(ValueError, match="Unknown demo server 'chargen'"):
        server.start("chargen")
    assert not server.is_running
    assert server.address == ""


def test_format_size():
    assert [format_size(n) for n in (1, 5, 1024, 1536, 1024 ** 2, 3 * 1024 ** 3)] == [
        "1 byte", "5 bytes", "1 KiB", "1.5 KiB", "1 MiB", "3 GiB"]


# ---------------------------------------------------------------------- start / stop
def test_start_reports_port_and_address_and_stop_frees_the_port(qtbot, make_server):
    server = make_server("echo")
    port = server.port
    assert server.is_running and server.kind == "echo" and port > 0
    assert server.address == f"127.0.0.1:{port}"
    assert server.lines == [f"echo server listening on 127.0.0.1:{port}"]

    server.stop()
    assert not server.is_running and server.port == 0
    assert server.lines[-1] == "echo server stopped"
    with socket.socket() as probe:  # the port is free again: we can listen on it ourselves
        probe.bind((LOOPBACK, port))
        probe.listen()


@pytest.mark.parametrize("kind", ["echo", "slow-accept"])
def test_a_taken_port_is_a_clear_os_error(qtbot, make_server, kind):
    with socket.socket() as taken:
        taken.bind((LOOPBACK, 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = DemoServer()
        with pytest.raises(DemoServerError, match=f"Port {port} on 127.0.0.1 is already in use") as caught:
            server.start(kind, port)
    assert isinstance(caught.value, OSError) and caught.value.errno == errno.EADDRINUSE
    assert not server.is_running


def test_stop_closes_open_connections(qtbot, make_server):
    server = make_server("silent")
    counts: list[int] = []
    server.client_count_changed.connect(counts.append)
    with socket.create_connection((LOOPBACK, server.port), timeout=2) as client:
        qtbot.waitUntil(lambda: server.client_count == 1, timeout=2000)
        server.stop()
        assert run_client(qtbot, recv_until_closed, client) == b""
    assert counts[0] == 1 and counts[-1] == 0
    assert server.client_sockets() == []


def test_start_demo_server_for_the_command_line(qtbot):
    server = start_demo_server("discard")
    try:
        assert server.is_running and server.kind == "discard" and server.port > 0
    finally:
        server.stop()


# ---------------------------------------------------------------------- each kind
def test_echo_round_trip_of_random_bytes(qtbot, make_server):
    server = make_server("echo")
    payload = os.urandom(512 * 1024)

    def client() -> bytes:
        with socket.create_connection((LOOPBACK, server.port), timeout=3) as sock:
            sender = threading.Thread(target=sock.sendall, args=(payload,))
            sender.start()
            received = bytearray()
            while len(received) < len(payload):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                received += chunk
            sender.join()
            return bytes(received)

    assert run_client(qtbot, client) == payload
    qtbot.waitUntil(lambda: server.bytes_out == len(payload), timeout=2000)
    assert server.bytes_in == len(payload)
    assert server.lines[1].startswith("accepted 127.0.0.1:")
    assert any("echoed" in line for line in server.lines)


def test_echo_stops_reading_while_the_client_does_not_read_its_replies(qtbot, make_server):
    server = make_server("echo")
    payload = os.urandom(16 * 1024 * 1024)
    may_read = threading.Event()

    def client() -> bytes:
        with socket.create_connection((LOOPBACK, server.port), timeout=3) as sock:
            sender = threading.Thread(target=sock.sendall, args=(payload,))
            sender.start()
            if not may_read.wait(5):
                raise TimeoutError("the test never let the client read")
            received = bytearray()
            while len(received) < len(payload):
                chunk = sock.recv(1024 * 1024)
                if not chunk:
                    break
                received += chunk
            sender.join()
            return bytes(received)

    job = ClientJob(client)
    qtbot.waitUntil(lambda: server.client_count == 1, timeout=2000)
    sock = server.client_sockets()[0]
    qtbot.waitUntil(lambda: sock.bytesToWrite() >= HIGH_WATER, timeout=3000)
    samples: list[tuple[int, int]] = []
    started = time.monotonic()

    def sampled_long_enough() -> bool:
        samples.append((sock.bytesToWrite(), server.bytes_in))
        return time.monotonic() - started > 0.2

    qtbot.waitUntil(sampled_long_enough, timeout=2000)
    assert max(pending for pending, _ in samples) <= HIGH_WATER + READ_BUFFER_SIZE
    assert samples[-1][1] < len(payload)  # it stopped reading: the rest waits in the kernel
    may_read.set()
    assert job.outcome(qtbot) == payload
    assert server.bytes_in == len(payload)


def test_echo_logs_small_exchange(qtbot, make_server):
    server = make_server("echo")

    def client() -> bytes:
        with socket.create_connection((LOOPBACK, server.port), timeout=2) as sock:
            sock.sendall(b"hello")
            return sock.recv(100)

    assert run_client(qtbot, client) == b"hello"
    qtbot.waitUntil(lambda: any(line.endswith(": closed") for line in server.lines), timeout=2000)
    peer = server.lines[1].removeprefix("accepted ")
    assert f"{peer}: echoed 5 bytes" in server.lines


def test_echo_serves_many_clients_at_once(qtbot, make_server):
    server = make_server("echo")
    peak: list[int] = []
    server.client_count_changed.connect(peak.append)

    def clients() -> list[bytes]:
        socks = [socket.create_connection((LOOPBACK, server.port), timeout=3) for _ in range(20)]
        try:
            for index, sock in enumerate(socks):
                sock.sendall(b"client %d" % index)
            return [sock.recv(100) for sock in socks]
        finally:
            for sock in socks:
                sock.close()

    assert run_client(qtbot, clients) == [b"client %d" % i for i in range(20)]
    assert max(peak) == 20
    qtbot.waitUntil(lambda: server.client_count == 0, timeout=2000)


def test_eof_returns_everything_up_to_the_marker_then_closes(qtbot, make_server):
    server = make_server("eof")

    def client() -> bytes:
        with socket.create_connection((LOOPBACK, server.port), timeout=2) as sock:
            sock.sendall(b"This is a test<EO")  # the marker split across two sends
            sock.sendall(b"F>after the marker")
            return recv_until_closed(sock)

    assert run_client(qtbot, client) == b"This is a test<EOF>"
    assert any("saw <EOF>, sending 19 bytes back and closing" in line for line in server.lines)


def test_drip_replies_in_several_pieces(qtbot, make_server):
    server = make_server("drip", drip_piece_size=16, drip_delay_ms=20)
    payload = bytes(range(100))

    def client() -> list[bytes]:
        with socket.create_connection((LOOPBACK, server.port), timeout=2) as sock:
            sock.sendall(payload)
            pieces = []
            while sum(map(len, pieces)) < len(payload):
                pieces.append(sock.recv(4096))
                if not pieces[-1]:
                    break
            return pieces

    pieces = run_client(qtbot, client)
    assert b"".join(pieces) == payload
    assert len(pieces) >= 4  # 7 pieces sent 20 ms apart: the client sees them separately
    assert all(len(piece) <= 16 * 2 for piece in pieces)
    assert sum("dripped 16 bytes" in line for line in server.lines) == 6


def test_flood_respects_back_pressure_and_delivers_the_requested_amount(qtbot, make_server):
    limit = 16 * 1024 * 1024
    server = make_server("flood", flood_limit=limit)
    may_read = threading.Event()

    def client() -> bytes:
        with socket.create_connection((LOOPBACK, server.port), timeout=3) as sock:
            if not may_read.wait(5):
                raise TimeoutError("the test never let the client read")
            return recv_until_closed(sock)

    job = ClientJob(client)
    qtbot.waitUntil(lambda: server.client_count == 1, timeout=2000)
    sock = server.client_sockets()[0]
    # The client is not reading: kernel buffers fill, then the server's own queue reaches
    # its bound, and there it stays.
    qtbot.waitUntil(lambda: sock.bytesToWrite() >= HIGH_WATER // 2, timeout=3000)
    samples: list[int] = []
    started = time.monotonic()

    def sampled_long_enough() -> bool:
        samples.append(sock.bytesToWrite())
        return time.monotonic() - started > 0.3

    qtbot.waitUntil(sampled_long_enough, timeout=2000)
    assert max(samples) <= HIGH_WATER + FLOOD_CHUNK
    assert server.bytes_out < limit  # it really waited for the reader
    may_read.set()

    received = job.outcome(qtbot)
    assert len(received) == limit
    assert received == FLOOD_LINE * (limit // len(FLOOD_LINE))
    qtbot.waitUntil(lambda: server.client_count == 0, timeout=2000)
    assert server.bytes_out == limit
    assert any(line.endswith(": sent 8 MiB") for line in server.lines)
    assert any(line.endswith(": flooded 16 MiB, closing") for line in server.lines)


def test_flood_without_a_limit_runs_until_the_client_closes(qtbot, make_server):
    server = make_server("flood")

    def client() -> int:
        with socket.create_connection((LOOPBACK, server.port), timeout=2) as sock:
            received = 0
            while received < 3 * 1024 * 1024:
                received += len(sock.recv(65536))
            return received

    assert run_client(qtbot, client) >= 3 * 1024 * 1024
    qtbot.waitUntil(lambda: server.client_count == 0, timeout=2000)


def test_discard_counts_what_it_throws_away(qtbot, make_server):
    server = make_server("discard")
    payload = os.urandom(200_000)

    def client() -> bytes:
        with socket.create_connection((LOOPBACK, server.port), timeout=2) as sock:
            sock.sendall(payload)
            sock.shutdown(socket.SHUT_WR)
            return recv_until_closed(sock)

    assert run_client(qtbot, client) == b""
    qtbot.waitUntil(lambda: server.bytes_in == len(payload), timeout=2000)
    assert server.bytes_out == 0
    assert any("discarded" in line for line in server.lines)


def test_never_read_makes_the_client_feel_back_pressure(qtbot, make_server):
    server = make_server("never-read")
    cap = 32 * 1024 * 1024

    def client() -> tuple[int, bool, bool]:
        sock = socket.create_connection((LOOPBACK, server.port), timeout=2)
        try:
            sock.setblocking(False)
            chunk = b"x" * 65536
            sent = 0
            blocked = False
            while sent < cap:
                try:
                    sent += sock.send(chunk)
                except BlockingIOError:
                    # Buffers momentarily full? Give the kernel a moment to move data on.
                    _, writable, _ = select.select([], [sock], [], 0.3)
                    if not writable:
                        blocked = True
                        break
            _, writable, _ = select.select([], [sock], [], 0.3)
            # RST on close, so the server's side sees the client go away.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return sent, blocked, bool(writable)
        finally:
            sock.close()

    sent, blocked, writable_later = run_client(qtbot, client)
    assert blocked, f"sent {sent} bytes without ever being held back"
    assert not writable_later
    assert 0 < sent < cap
    assert server.bytes_in == 0
    # Qt never notices a peer it does not read from; the server looks at the TCP state.
    qtbot.waitUntil(lambda: server.client_count == 0, timeout=3000)
    assert any(line.endswith(": the client went away") for line in server.lines)


def test_close_after_reply(qtbot, make_server):
    server = make_server("close-after-reply")

    def client() -> bytes:
        with socket.create_connection((LOOPBACK, server.port), timeout=2) as sock:
            sock.sendall(b"hello")
            return recv_until_closed(sock)

    assert run_client(qtbot, client) == CLOSE_REPLY
    qtbot.waitUntil(lambda: server.client_count == 0, timeout=2000)
    assert server.bytes_in == 5 and server.bytes_out == len(CLOSE_REPLY)


def test_reset_makes_the_client_see_connection_reset(qtbot, make_server):
    server = make_server("reset")

    def client() -> str:
        with socket.create_connection((LOOPBACK, server.port), timeout=2) as sock:
            sock.sendall(b"hello")
            try:
                data = sock.recv(100)
            except ConnectionResetError as exc:
                return errno.errorcode[exc.errno]
            return f"recv returned {data!r}"

    assert run_client(qtbot, client) == "ECONNRESET"
    assert any("resetting the connection (RST)" in line for line in server.lines)
    qtbot.waitUntil(lambda: server.client_count == 0, timeout=2000)


def test_silent_never_answers(qtbot, make_server):
    server = make_server("silent")

    def client() -> str:
        with socket.create_connection((LOOPBACK, server.port), timeout=2) as sock:
            sock.sendall(b"anyone there?")
            sock.settimeout(0.3)
            try:
                data = sock.recv(100)
            except TimeoutError:
                return "timed out"
            return f"recv returned {data!r}"

    assert run_client(qtbot, client) == "timed out"
    qtbot.waitUntil(lambda: server.bytes_in == len(b"anyone there?"), timeout=2000)
    assert server.bytes_out == 0


def test_slow_accept_leaves_a_connect_hanging(qtbot, make_server):
    server = make_server("slow-accept")
    assert server.lines == [f"slow-accept server listening on 127.0.0.1:{server.port}"]  # no warning

    def client() -> tuple[int, bool]:
        with socket.socket() as sock:
            sock.setblocking(False)
            result = sock.connect_ex((LOOPBACK, server.port))
            # Past the first SYN retransmission (1 s): that one is dropped as well.
            _, writable, _ = select.select([], [sock], [], 1.1)
            return result, bool(writable)

    result, writable = run_client(qtbot, client)
    assert result == errno.EINPROGRESS
    assert not writable, "the connect completed: the accept queue was not full"
    port = server.port
    server.stop()
    with socket.socket() as probe:  # stop() closed the listener and its own connections
        probe.bind((LOOPBACK, port))

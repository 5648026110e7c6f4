"""ListenServer (server mode) with real plain-socket clients on 127.0.0.1."""

from __future__ import annotations

import asyncio
import socket
import threading

import pytest
from loopback import ThreadClient

from app.auto_reply import AutoReplyRule, AutoReplyRules, RuleError, compile_rule
from app.events import Direction, EventKind
from app.listen_server import ListenError, ListenServer, is_wide_bind

TIMEOUT_MS = 5000


@pytest.fixture
def server(qtbot):
    server = ListenServer()
    server.events = []
    server.event_recorded.connect(server.events.append)
    server.start("127.0.0.1", 0)
    yield server
    server.stop()


@pytest.fixture
def connect(qtbot, server):
    clients: list[ThreadClient] = []

    def make(count: int = 1) -> list[ThreadClient]:
        new = [ThreadClient(server.port) for _ in range(count)]
        clients.extend(new)
        qtbot.waitUntil(lambda: all(c.connected.is_set() for c in new), timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: {c.peer for c in new} <= {i.peer for i in server.clients()}, timeout=TIMEOUT_MS)
        return new

    yield make
    for client in clients:
        client.close()


def client_id(server: ListenServer, client: ThreadClient) -> int:
    return next(info.id for info in server.clients() if info.peer == client.peer)


# ----------------------------------------------------------------------------- listening
def test_wide_bind_addresses_are_recognised():
    assert all(is_wide_bind(h) for h in ("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0"))
    assert not any(is_wide_bind(h) for h in ("127.0.0.1", "::1", "192.168.1.10"))


def test_start_reports_a_busy_port_and_a_bad_address(qtbot):
    busy = socket.socket()
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    server = ListenServer()
    errors = []
    server.error_occurred.connect(lambda name, message: errors.append(name))
    try:
        with pytest.raises(ListenError, match="Cannot listen on 127.0.0.1:"):
            server.start("127.0.0.1", busy.getsockname()[1])
        with pytest.raises(ListenError, match="not an IP address"):
            server.start("localhost.invalid", 0)
        assert errors == ["AddressInUseError", "InvalidEndpoint"]
        assert not server.is_listening
    finally:
        busy.close()


def test_client_table_tracks_connect_bytes_and_disconnect(qtbot, server, connect):
    with qtbot.waitSignal(server.clients_changed, timeout=TIMEOUT_MS):
        (client,) = connect()
    info = next(i for i in server.clients() if i.peer == client.peer)
    assert info.bytes_in == info.bytes_out == 0 and info.connected_since > 0

    with qtbot.waitSignal(server.data_received, timeout=TIMEOUT_MS) as blocker:
        client.send(b"abc")
    assert blocker.args == [info.id, b"abc"]
    assert server.client(info.id).bytes_in == 3
    reads = [e for e in server.events if e.kind is EventKind.READY_READ]
    assert [(e.data, e.peer, e.direction) for e in reads] == [(b"abc", client.peer, Direction.IN)]

    with qtbot.waitSignal(server.client_disconnected, timeout=TIMEOUT_MS) as blocker:
        assert server.disconnect_client(info.id)
    assert blocker.args == [info.id]
    qtbot.waitUntil(client.closed_by_server.is_set, timeout=TIMEOUT_MS)
    assert server.clients() == [] and client.received == b""


def test_send_to_one_reaches_only_that_client_and_send_to_all_reaches_all(qtbot, server, connect):
    a, b, c = connect(3)
    assert server.send_to(client_id(server, b), b"only b;")
    assert server.send_to_all(b"all") == 3
    qtbot.waitUntil(lambda: all(x.received.endswith(b"all") for x in (a, b, c)), timeout=TIMEOUT_MS)
    assert (bytes(a.received), bytes(b.received), bytes(c.received)) == (b"all", b"only b;all", b"all")
    qtbot.waitUntil(lambda: server.client(client_id(server, b)).bytes_out == 10, timeout=TIMEOUT_MS)
    assert not server.send_to(9999, b"nobody")


def test_bytes_written_adds_up_to_what_the_client_received(qtbot, server, connect):
    # Megabytes take many bytesWritten signals, each routed with only the client's id: every
    # record must carry the bytes that left since the one before, and they must add up.
    (client,) = connect(1)
    cid = client_id(server, client)
    payload = bytes(range(256)) * 4096 * 8  # 8 MiB: more than the kernel's buffers hold at once
    server.send_to(cid, payload[: len(payload) // 2])
    server.send_to(cid, payload[len(payload) // 2:])
    qtbot.waitUntil(lambda: len(client.received) == len(payload), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: server.client(cid).bytes_out == len(payload), timeout=TIMEOUT_MS)
    assert bytes(client.received) == payload
    counts = [e.count for e in server.events if e.kind is EventKind.BYTES_WRITTEN and e.extra["client"] == cid]
    assert len(counts) > 1 and min(counts) > 0 and sum(counts) == len(payload)


def test_stop_closes_every_client(qtbot, server, connect):
    clients = connect(2)
    server.stop()
    qtbot.waitUntil(lambda: all(c.closed_by_server.is_set() for c in clients), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: server.client_count == 0, timeout=TIMEOUT_MS)
    assert not server.is_listening


# ----------------------------------------------------------------------------- replies
def test_echo_mode_sends_every_chunk_back(qtbot, server, connect):
    server.echo = True
    server.auto_replies.add(AutoReplyRule("contains", "echo", False, b"rule"))  # echo wins
    (client,) = connect()
    client.send(b"echo me")
    qtbot.waitUntil(lambda: client.received == b"echo me", timeout=TIMEOUT_MS)
    writes = [e for e in server.events if e.kind is EventKind.CALL and e.direction is Direction.OUT]
    assert [(e.data, e.peer) for e in writes] == [(b"echo me", client.peer)]
    assert "(echo)" in writes[0].detail


def test_auto_reply_rules_answer_exact_contains_and_regex(qtbot, server, connect):
    server.auto_replies.add(AutoReplyRule("exact", "PING", False, b"PONG\n"))
    server.auto_replies.add(AutoReplyRule("contains", "de ad", True, b"hex hit\n"))
    server.auto_replies.add(AutoReplyRule("regex", r"^GET /(\w+) HTTP", False, b"HTTP/1.0 200 OK\r\n"))
    (client,) = connect()

    def exchange(data: bytes, expected_total: bytes) -> None:
        with qtbot.waitSignal(server.data_received, timeout=TIMEOUT_MS):
            client.send(data)
        qtbot.waitUntil(lambda: client.received == expected_total, timeout=TIMEOUT_MS)

    with qtbot.waitSignal(server.data_received, timeout=TIMEOUT_MS):
        client.send(b"no rule matches this")
    exchange(b"PING", b"PONG\n")  # were there a reply to the first message, it would come first
    exchange(b"\x01\xde\xad\x02", b"PONG\nhex hit\n")
    exchange(b"GET /index HTTP/1.0\r\n", b"PONG\nhex hit\nHTTP/1.0 200 OK\r\n")
    assert client.received == b"PONG\nhex hit\nHTTP/1.0 200 OK\r\n"


def test_rules_match_first_rule_and_refuse_bad_ones():
    rules = AutoReplyRules()
    rules.add(AutoReplyRule("contains", "ab", False, b"first"))
    rules.add(AutoReplyRule("exact", "abc", False, b"second"))
    rules.add(AutoReplyRule("regex", "ü+", False, b"utf8"))
    assert rules.match(b"abc") == b"first"
    assert rules.match("xüü".encode()) == b"utf8"
    assert rules.match(b"zzz") is None

    with pytest.raises(RuleError, match=r"missing \), unterminated subpattern"):
        rules.add(AutoReplyRule("regex", "(unclosed", False, b"x"))
    with pytest.raises(RuleError, match="not a hex digit"):
        rules.add(AutoReplyRule("exact", "zz", True, b"x"))
    with pytest.raises(RuleError, match="empty"):
        compile_rule(AutoReplyRule("contains", "", False, b"x"))
    assert len(rules) == 3
    assert rules.remove(0).reply == b"first"
    assert rules.match(b"abc") == b"second"


# ----------------------------------------------------------------------------- load
def run_many_clients(port: int, count: int, results: list, done: threading.Event) -> None:
    async def one(index: int) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            writer.write(f"{index:04d}".encode() * 25)  # 100 bytes, different per client
            await writer.drain()
            return await asyncio.wait_for(reader.readexactly(100), TIMEOUT_MS / 1000)
        finally:
            writer.close()
            await writer.wait_closed()

    async def main() -> list:
        return await asyncio.gather(*(one(i) for i in range(count)), return_exceptions=True)

    try:
        results.extend(asyncio.run(main()))
    finally:
        done.set()


def test_a_thousand_clients_all_get_their_echo(qtbot, server):
    server.echo = True
    connects, changes = [], []
    server.client_connected.connect(connects.append)
    server.clients_changed.connect(lambda: changes.append(1))
    results: list = []
    done = threading.Event()
    worker = threading.Thread(target=run_many_clients, args=(server.port, 1000, results, done), daemon=True)
    worker.start()
    qtbot.waitUntil(done.is_set, timeout=20_000)
    worker.join(TIMEOUT_MS / 1000)

    failures = [r for r in results if isinstance(r, BaseException)]
    assert failures == []
    assert results == [f"{i:04d}".encode() * 25 for i in range(1000)]
    assert len(connects) == 1000
    qtbot.waitUntil(lambda: server.client_count == 0, timeout=TIMEOUT_MS)
    assert len(changes) < 200  # coalesced, not one per client

"""Explanations, .NET counterparts and live source for the events of real sessions."""

from __future__ import annotations

import inspect
import socket
import textwrap

from PySide6.QtNetwork import QHostAddress, QTcpServer

from app.events import EventKind, SessionEvent
from app.explain import (ExplainContext, Explainer, code_for, dotnet_equivalent, explain,
                         plain_explanation)
from app.session import ClientSession

TIMEOUT_MS = 3000


class EchoServer:
    """A QTcpServer on 127.0.0.1 that echoes; optionally closes after the first echo or on EOF."""

    def __init__(self, *, close_after_echo: bool = False) -> None:
        self.close_after_echo = close_after_echo
        self.server = QTcpServer()
        assert self.server.listen(QHostAddress(QHostAddress.SpecialAddress.LocalHost), 0)
        self.port = self.server.serverPort()
        self.connections = []
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            conn = self.server.nextPendingConnection()
            self.connections.append(conn)
            conn.readyRead.connect(lambda c=conn: self._echo(c))
            # Our client half-closed: answer FIN with FIN.
            conn.readChannelFinished.connect(conn.disconnectFromHost)

    def _echo(self, conn) -> None:
        conn.write(conn.readAll())
        if self.close_after_echo:
            conn.disconnectFromHost()

    def close(self) -> None:
        for conn in self.connections:
            conn.abort()
        self.server.close()


def connect(qtbot, session: ClientSession, port: int) -> None:
    with qtbot.waitSignal(session.connected, timeout=TIMEOUT_MS):
        assert session.connect_to_host("127.0.0.1", port)


def first(events: list[SessionEvent], kind: EventKind, predicate=lambda e: True) -> SessionEvent:
    matches = [e for e in events if e.kind is kind and predicate(e)]
    assert matches, f"no {kind} among {[e.kind.value for e in events]}"
    return matches[0]


def is_call(name: str):
    return lambda e: e.detail.startswith(name)


# ===================================================================== a whole exchange
def test_every_event_of_an_echo_exchange_closed_by_the_server_is_explained(qtbot, session):
    server = EchoServer(close_after_echo=True)
    try:
        connect(qtbot, session, server.port)
        with qtbot.waitSignal(session.disconnected, timeout=TIMEOUT_MS):
            session.send(b"hello\n")
    finally:
        server.close()

    events = session.recorded
    kinds = {e.kind for e in events}
    assert {EventKind.CALL, EventKind.STATE, EventKind.CONNECTED, EventKind.BYTES_WRITTEN, EventKind.READY_READ,
            EventKind.READ_CHANNEL_FINISHED, EventKind.DISCONNECTED, EventKind.ERROR} <= kinds
    for event in events:
        assert explain(event), event
        assert plain_explanation(event), event

    assert dotnet_equivalent(first(events, EventKind.CALL, is_call("connectToHost"))) == "BeginConnect()"
    assert dotnet_equivalent(first(events, EventKind.CONNECTED)) == "ConnectCallback → EndConnect()"
    write_call = first(events, EventKind.CALL, is_call("write()"))
    assert dotnet_equivalent(write_call) == "BeginSend()"
    assert explain(write_call).startswith("BeginSend() · 6 bytes handed to write()")
    written = first(events, EventKind.BYTES_WRITTEN)
    assert dotnet_equivalent(written) == "SendCallback → EndSend(): Sent 6 bytes"
    assert plain_explanation(written) == ("the OS accepted 6 bytes for sending; "
                                          "the peer has not necessarily read them yet")
    echoed = first(events, EventKind.READY_READ, lambda e: e.data)
    assert echoed.data == b"hello\n"
    assert dotnet_equivalent(echoed) == "ReceiveCallback → EndReceive() = 6, then BeginReceive() again"
    assert plain_explanation(echoed) == ("6 bytes arrived and were read; more may follow — "
                                         "TCP has no message boundaries")
    connecting = first(events, EventKind.STATE, lambda e: e.extra["new"] == "Connecting")
    assert plain_explanation(connecting) == "the SYN is on its way; the event loop keeps running"
    assert dotnet_equivalent(first(events, EventKind.READ_CHANNEL_FINISHED)) == "EndReceive() = 0: the server closed"
    assert first(events, EventKind.ERROR).extra["name"] == "RemoteHostClosedError"
    assert dotnet_equivalent(first(events, EventKind.ERROR)).startswith("EndReceive() = 0")

    # Streamed through an Explainer, the final disconnected knows the server closed first.
    explainer = Explainer()
    lines = [explainer.explain(e) for e in events]
    assert lines[-1].startswith("EndReceive() = 0: the server closed · ")
    assert explainer.context == ExplainContext(peer_closed=True, we_closed=False)


def test_our_own_close_half_close_and_abort_map_to_their_dotnet_calls(qtbot, session):
    server = EchoServer()
    try:
        # Half-close: the server answers our FIN with its own, so we end up disconnected.
        connect(qtbot, session, server.port)
        with qtbot.waitSignal(session.disconnected, timeout=TIMEOUT_MS):
            session.half_close()
        half = list(session.recorded)
        shutdown = first(half, EventKind.CALL, is_call("shutdown"))
        assert dotnet_equivalent(shutdown) == "Shutdown(SocketShutdown.Send)"
        assert "keep reading" in plain_explanation(shutdown)

        session.recorded.clear()
        connect(qtbot, session, server.port)
        with qtbot.waitSignal(session.disconnected, timeout=TIMEOUT_MS):
            session.disconnect_from_host()
        graceful = list(session.recorded)
        assert dotnet_equivalent(first(graceful, EventKind.CALL, is_call("disconnectFromHost"))) == \
            "Shutdown(Both) + Close()"
        # Qt emits readChannelFinished for our own close too; it must not read as the server's.
        finished = first(graceful, EventKind.READ_CHANNEL_FINISHED)
        assert dotnet_equivalent(finished) == "our own Close(): no more receives (no EndReceive() = 0 here)"
        explainer = Explainer()
        by_kind = {e.kind: explainer.explain(e) for e in graceful}
        assert not by_kind[EventKind.READ_CHANNEL_FINISHED].startswith("EndReceive() = 0")
        assert by_kind[EventKind.DISCONNECTED].startswith("Close() has returned")

        session.recorded.clear()
        connect(qtbot, session, server.port)
        session.abort()
        aborted = first(session.recorded, EventKind.CALL, is_call("abort"))
        assert dotnet_equivalent(aborted) == "Close() with LingerState(true, 0)"
        assert "RST" in plain_explanation(aborted)
        assert session.is_idle
    finally:
        server.close()


def test_connection_refused_is_a_socket_exception(qtbot, session):
    # A port that was just free on loopback: nothing listens there now.
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()

    with qtbot.waitSignal(session.error_occurred, timeout=TIMEOUT_MS) as blocker:
        session.connect_to_host("127.0.0.1", port)
    assert blocker.args[0] == "ConnectionRefusedError"
    error = first(session.recorded, EventKind.ERROR)
    assert dotnet_equivalent(error) == "SocketException (ConnectionRefused)"
    assert explain(error) == ("SocketException (ConnectionRefused) · nothing listens on that port: "
                              "the peer answered our SYN with a reset (RST)")
    title, source = code_for(error)
    assert title.startswith("ClientSession._on_error → _report_error")
    assert "def _on_error" in source and "def _report_error" in source


def test_invalid_endpoint_is_explained_without_touching_the_network(session):
    assert not session.connect_to_host("127.0.0.1", "99999")
    error = first(session.recorded, EventKind.ERROR)
    assert dotnet_equivalent(error).startswith("ArgumentException")
    assert "not valid" in plain_explanation(error)
    assert "def connect_to_host" in code_for(error)[1]


# ===================================================================== step mode and small buffers
def test_step_mode_and_read_limit_explanations(qtbot, session):
    server = EchoServer()
    try:
        session.set_read_chunk_limit(4)
        session.set_step_mode(True)
        connect(qtbot, session, server.port)
        with qtbot.waitSignal(session.queues_changed, timeout=TIMEOUT_MS,
                              check_params_cb=lambda: session.pending_in > 0):
            session.send(b"0123456789")
        held = first(session.recorded, EventKind.READY_READ)
        assert not held.data
        assert dotnet_equivalent(held) == "no BeginReceive() pending yet: nothing runs, the data waits"
        assert plain_explanation(held).endswith("the data waits in the socket's buffer until we read it")
        assert code_for(held)[0] == "ClientSession._on_ready_read — slot for QTcpSocket.readyRead"

        assert session.deliver_next() == 4
        delivered = first(session.recorded, EventKind.READY_READ, lambda e: e.data)
        assert delivered.data == b"0123"
        assert dotnet_equivalent(delivered) == "ReceiveCallback → EndReceive() = 4, then BeginReceive() again"
        title, source = code_for(delivered)
        assert title.startswith("ClientSession.deliver_next → _read_once")
        assert "def deliver_next" in source and "def _read_once" in source
    finally:
        server.close()


# ===================================================================== live code
def test_code_for_shows_the_live_source_of_every_recorded_event(qtbot, session):
    server = EchoServer(close_after_echo=True)
    try:
        connect(qtbot, session, server.port)
        with qtbot.waitSignal(session.disconnected, timeout=TIMEOUT_MS):
            session.send(b"ping")
    finally:
        server.close()

    for event in session.recorded:
        title, source = code_for(event)
        assert title.startswith("ClientSession."), title
        assert "def " in source, event

    ready = first(session.recorded, EventKind.READY_READ, lambda e: e.data)
    title, source = code_for(ready)
    assert title == "ClientSession._on_ready_read → _read_once — slot for QTcpSocket.readyRead"
    assert "def _on_ready_read" in source
    # Exactly the code that runs, not a copy.
    assert textwrap.dedent(inspect.getsource(ClientSession._read_once)) in source

    assert "def _on_bytes_written" in code_for(first(session.recorded, EventKind.BYTES_WRITTEN))[1]
    assert "def _on_connected" in code_for(first(session.recorded, EventKind.CONNECTED))[1]
    assert "def _on_state_changed" in code_for(first(session.recorded, EventKind.STATE))[1]
    call_title, call_source = code_for(first(session.recorded, EventKind.CALL, is_call("write()")))
    assert call_title.startswith("ClientSession.send → _pump_outbox")
    assert "def send" in call_source
    connect_source = code_for(first(session.recorded, EventKind.CALL, is_call("connectToHost")))[1]
    assert "def connect_to_host" in connect_source and "def _begin_connect" in connect_source


def test_code_for_prefers_a_subclass_override(qtbot, session):
    class LoudSession(ClientSession):
        def _on_connected(self) -> None:  # an override the pane must show instead of the base
            super()._on_connected()

    server = EchoServer()
    try:
        connect(qtbot, session, server.port)
    finally:
        server.close()
    title, source = code_for(first(session.recorded, EventKind.CONNECTED), LoudSession)
    assert "LoudSession._on_connected" in title
    assert "an override the pane must show" in source

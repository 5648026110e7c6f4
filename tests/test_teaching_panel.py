"""The teaching panel against real loopback servers: read buffer, step mode, write queue, timings."""

from __future__ import annotations

import re
import socket

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QHostAddress, QTcpServer
from PySide6.QtWidgets import QLabel

from app.events import EventKind
from app.session import ClientSession, SocketState
from ui.teaching_panel import TeachingPanel, describe_peer_state

TIMEOUT_MS = 3000
KIB = 1024


class SendingServer:
    """A QTcpServer on 127.0.0.1 that sends `greeting` in one write to each client, then listens."""

    def __init__(self, greeting: bytes = b"", *, close_after_greeting: bool = False) -> None:
        self.greeting = greeting
        self.close_after_greeting = close_after_greeting
        self.server = QTcpServer()
        assert self.server.listen(QHostAddress(QHostAddress.SpecialAddress.LocalHost), 0)
        self.port = self.server.serverPort()
        self.connections = []
        self.server.newConnection.connect(self._accept)

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            conn = self.server.nextPendingConnection()
            self.connections.append(conn)
            if self.greeting:
                conn.write(self.greeting)
            if self.close_after_greeting:
                conn.disconnectFromHost()

    def close(self) -> None:
        for conn in self.connections:
            conn.abort()
        self.server.close()


@pytest.fixture
def panel(qtbot, session):
    widget = TeachingPanel(session)
    qtbot.addWidget(widget)
    return widget


def connect(qtbot, session: ClientSession, port: int) -> None:
    with qtbot.waitSignal(session.connected, timeout=TIMEOUT_MS):
        assert session.connect_to_host("127.0.0.1", port)


def data_callbacks(session) -> list[bytes]:
    return [e.data for e in session.recorded if e.kind is EventKind.READY_READ and e.data]


# ===================================================================== read buffer
def test_a_256_byte_read_buffer_splits_1024_bytes_into_four_callbacks(qtbot, session, panel):
    payload = bytes(range(256)) * 4
    server = SendingServer(payload)
    try:
        panel.readBufferSpin.setValue(256)
        assert session.read_chunk_limit == 256
        connect(qtbot, session, server.port)
        qtbot.waitUntil(lambda: session.bytes_received == len(payload), timeout=TIMEOUT_MS)
    finally:
        server.close()

    chunks = data_callbacks(session)
    assert [len(c) for c in chunks] == [256, 256, 256, 256]
    assert b"".join(chunks) == payload


def test_read_buffer_spin_shows_unlimited_at_zero(panel, session):
    spin = panel.readBufferSpin
    assert (spin.minimum(), spin.maximum()) == (0, 1_048_576)
    assert spin.value() == 0 and spin.text() == "unlimited"
    assert "256" in spin.toolTip()
    spin.setValue(256)
    spin.setValue(0)
    assert session.read_chunk_limit == 0


# ===================================================================== step mode
def test_step_mode_holds_1_kib_until_next_is_clicked(qtbot, session, panel):
    payload = b"k" * KIB
    server = SendingServer(payload)
    try:
        assert not panel.nextButton.isEnabled()
        qtbot.mouseClick(panel.stepCheck, Qt.MouseButton.LeftButton)
        assert session.step_mode and panel.nextButton.isEnabled() and panel.next_action.isEnabled()
        connect(qtbot, session, server.port)
        qtbot.waitUntil(lambda: panel.pendingInLabel.text().startswith("1,024 bytes wait"), timeout=TIMEOUT_MS)
        assert panel.pendingInLabel.text().endswith("(1 callback held)")
        assert session.bytes_received == 0 and data_callbacks(session) == []

        qtbot.mouseClick(panel.nextButton, Qt.MouseButton.LeftButton)

        assert data_callbacks(session) == [payload]
        assert panel.pendingInLabel.text() == "0 bytes wait in the socket's buffer (0 callbacks held)"
    finally:
        server.close()


def test_each_next_click_delivers_one_256_byte_callback(qtbot, session, panel):
    payload = bytes(range(256)) * 4
    server = SendingServer(payload)
    try:
        panel.readBufferSpin.setValue(256)
        panel.stepCheck.setChecked(True)
        connect(qtbot, session, server.port)
        for clicks in range(1, 5):
            qtbot.waitUntil(lambda: panel.pendingInLabel.text().startswith("256 bytes wait"),
                            timeout=TIMEOUT_MS)
            assert len(data_callbacks(session)) == clicks - 1
            qtbot.mouseClick(panel.nextButton, Qt.MouseButton.LeftButton)
            assert [len(c) for c in data_callbacks(session)] == [256] * clicks
        assert b"".join(data_callbacks(session)) == payload
        # The code pane follows: the last event is the delivery, run by deliver_next.
        qtbot.waitUntil(lambda: panel.codeTitleLabel.text().startswith("ClientSession.deliver_next"),
                        timeout=TIMEOUT_MS)
        assert "def _read_once" in panel.codeView.toPlainText()
    finally:
        server.close()


def test_f10_action_runs_the_next_callback(qtbot, session, panel):
    server = SendingServer(b"abc")
    try:
        panel.stepCheck.setChecked(True)
        connect(qtbot, session, server.port)
        qtbot.waitUntil(lambda: session.pending_in == 3, timeout=TIMEOUT_MS)
        assert panel.next_action.shortcut().toString() == "F10"
        panel.next_action.trigger()
        assert data_callbacks(session) == [b"abc"]
    finally:
        server.close()


# ===================================================================== write queue
def test_write_queue_labels_show_handed_confirmed_and_queued_bytes(qtbot, session, panel):
    # A listener that never accepts: the kernel completes the handshake, then the data piles
    # up in its buffers and ours, so part of what we hand to write() stays queued.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        connect(qtbot, session, listener.getsockname()[1])
        total = 32 * 1024 * 1024  # more than loopback buffers hold on common systems
        session.send(b"q" * total)
        qtbot.waitUntil(lambda: session.bytes_sent > 0, timeout=TIMEOUT_MS)
        qtbot.waitUntil(lambda: panel.confirmedLabel.text() == f"{session.bytes_sent:,} bytes",
                        timeout=TIMEOUT_MS)
        assert panel.handedLabel.text() == f"{total:,} bytes"
        queued = int(panel.queuedLabel.text().split()[0].replace(",", ""))
        confirmed = int(panel.confirmedLabel.text().split()[0].replace(",", ""))
        assert queued > 0
        assert confirmed + queued == total
    finally:
        session.abort()
        listener.close()
    qtbot.waitUntil(lambda: panel.queuedLabel.text() == "0 bytes", timeout=TIMEOUT_MS)


def test_a_burst_of_queue_signals_is_coalesced(qtbot, session, panel):
    before = panel.refresh_count
    for _ in range(2000):
        session.queues_changed.emit()
    # One update at once, then at most one per interval.
    assert panel.refresh_count - before <= 1
    qtbot.waitUntil(lambda: panel.refresh_count - before == 2, timeout=TIMEOUT_MS)
    qtbot.wait(250)
    assert panel.refresh_count - before == 2


# ===================================================================== timings and peer state
def test_timings_label_shows_the_connect_time(qtbot, session, panel):
    server = SendingServer()
    try:
        assert "connect —" in panel.timingsLabel.text()
        connect(qtbot, session, server.port)
        qtbot.waitUntil(lambda: bool(re.search(r"^connect \d+\.\d+ ms$", panel.timingsLabel.text(), re.M)),
                        timeout=TIMEOUT_MS)
        assert "time to first byte —" in panel.timingsLabel.text()
        assert panel.peerStateLabel.text() == "both sides open"
    finally:
        server.close()


def test_peer_state_after_the_server_closes(qtbot, session, panel):
    server = SendingServer(b"bye", close_after_greeting=True)
    try:
        connect(qtbot, session, server.port)
        qtbot.waitUntil(lambda: panel.peerStateLabel.text() == "closed (the peer closed first)",
                        timeout=TIMEOUT_MS)
        assert data_callbacks(session) == [b"bye"]
        assert re.search(r"^time to first byte \d+\.\d+ ms$", panel.timingsLabel.text(), re.M)
    finally:
        server.close()


def test_peer_state_after_we_close_first(qtbot, session, panel):
    server = SendingServer()
    try:
        connect(qtbot, session, server.port)
        with qtbot.waitSignal(session.disconnected, timeout=TIMEOUT_MS):
            session.disconnect_from_host()
        # Qt reports readChannelFinished for our own close too: it must not read as the peer's.
        assert session.recorded[-2].kind is EventKind.READ_CHANNEL_FINISHED
        qtbot.waitUntil(lambda: panel.codeTitleLabel.text().startswith("ClientSession._on_disconnected"),
                        timeout=TIMEOUT_MS)
        assert panel.peerStateLabel.text() == "not connected"
        assert panel.explanationLabel.text() == ("Close() has returned (.NET has no callback for it) · "
                                                 "the connection is fully closed")
    finally:
        server.close()


def test_peer_state_words():
    assert describe_peer_state(SocketState.ConnectedState, True) == "peer closed, we have not"
    assert describe_peer_state(SocketState.ClosingState, True) == "peer closed, we have not"
    assert describe_peer_state(SocketState.UnconnectedState, False) == "not connected"
    assert describe_peer_state(SocketState.ConnectedState, False) == "both sides open"


# ===================================================================== code pane and accessibility
def test_code_pane_and_explain_checkbox(qtbot, session, panel):
    server = SendingServer(b"hi")
    try:
        connect(qtbot, session, server.port)
        qtbot.waitUntil(lambda: bool(data_callbacks(session)), timeout=TIMEOUT_MS)
    finally:
        server.close()
    ready = next(e for e in session.recorded if e.kind is EventKind.READY_READ and e.data)
    panel.show_code_for(ready)
    assert panel.codeTitleLabel.text() == "ClientSession._on_ready_read → _read_once — slot for QTcpSocket.readyRead"
    assert "def _on_ready_read" in panel.codeView.toPlainText()
    assert panel.codeView.isReadOnly()
    assert panel.codeView.font().fixedPitch()
    assert panel.explanationLabel.text().startswith("ReceiveCallback → EndReceive() = 2")

    with qtbot.waitSignal(panel.explain_toggled, timeout=TIMEOUT_MS) as blocker:
        panel.explainCheck.setChecked(True)
    assert blocker.args == [True]


def test_every_widget_has_an_object_and_accessible_name(panel):
    for name in ("readBufferSpin", "stepCheck", "nextButton", "pendingInLabel", "handedLabel",
                 "confirmedLabel", "queuedLabel", "timingsLabel", "peerStateLabel", "codeTitleLabel",
                 "codeView", "explainCheck", "followCheck", "explanationLabel"):
        widget = getattr(panel, name)
        assert widget.objectName() == name
        assert widget.accessibleName(), name
        if isinstance(widget, QLabel):
            assert widget.textFormat() == Qt.TextFormat.PlainText, name
    buddies = {label.buddy() for label in panel.findChildren(QLabel) if label.buddy() is not None}
    assert panel.readBufferSpin in buddies and panel.codeView in buddies

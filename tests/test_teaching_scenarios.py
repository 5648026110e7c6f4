"""Teaching mode, scenario by scenario: what a teacher projects, checked against real sockets.

The first half drives a `ClientSession` against each built-in demo server and checks the
exact order of the callbacks a class would see (with state names, error names and byte
counts). The second half drives the real main window: the 256-byte read buffer, step
mode, the timeline and its export, the Signals view with explanations, and the
projector font size.
"""

from __future__ import annotations

import itertools

import pytest
from loopback import ThreadedPeer, activate, connect_window, log_lines
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.demo_servers import CLOSE_REPLY, FLOOD_LINE
from app.events import Direction, EventKind, SessionEvent
from app.session import ClientSession
from ui.main_window import MainWindow

LOOPBACK = "127.0.0.1"

# What every connection starts with. Qt reports hostFound only after the state already
# moved on to Connecting (even for an IP literal): the order students actually see.
OPENING = ["call:connectToHost", "state:HostLookup", "state:Connecting", "hostFound", "state:Connected",
           "connected"]
# We close gracefully with nothing queued.
WE_CLOSE = ["call:disconnectFromHost", "state:Closing", "state:Unconnected", "readChannelFinished",
            "disconnected"]
# The peer closes (FIN) after its reply: Qt reports it as an error first.
PEER_CLOSES = ["error:RemoteHostClosedError", "state:Closing", "state:Unconnected", "readChannelFinished",
               "disconnected"]


# ============================================================================ helpers
def label(event: SessionEvent) -> str:
    """One event as a teacher names it: `state:Connected`, `error:SocketTimeoutError`, `call:write`."""
    kind = event.kind
    if kind is EventKind.CALL:
        return "call:" + event.detail.split("(", 1)[0]
    if kind is EventKind.STATE:
        return "state:" + event.extra["new"]
    if kind is EventKind.ERROR:
        return "error:" + event.extra["name"]
    return kind.value


def labels(events: list[SessionEvent]) -> list[str]:
    return [label(e) for e in events]


def collapsed(names: list[str]) -> list[str]:
    """Runs of the same event as one (a reply may take any number of readyRead callbacks)."""
    return [name for name, _run in itertools.groupby(names)]


def reads(events: list[SessionEvent]) -> list[bytes]:
    """The bytes each receive callback delivered, in order."""
    return [e.data for e in events if e.kind is EventKind.READY_READ and e.direction is Direction.IN]


def of_kind(events: list[SessionEvent], kind: EventKind) -> list[SessionEvent]:
    return [e for e in events if e.kind is kind]


@pytest.fixture
def session(qtbot):
    s = ClientSession(connect_timeout_ms=3000)
    s.recorded = []
    s.event_recorded.connect(s.recorded.append)
    yield s
    s.abort()



def connect(qtbot, session: ClientSession, port: int) -> None:
    with qtbot.waitSignal(session.connected, timeout=3000):
        assert session.connect_to_host(LOOPBACK, port)


def close_and_wait(qtbot, session: ClientSession) -> None:
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.disconnect_from_host()


# ============================================================================ each demo server
def test_echo_reply_then_we_close(qtbot, session, demo):
    server = demo("echo")
    connect(qtbot, session, server.port)
    with qtbot.waitSignal(session.data_received, timeout=3000):
        session.send(b"hello")
    close_and_wait(qtbot, session)

    assert labels(session.recorded) == [*OPENING, "call:write", "bytesWritten", "readyRead", *WE_CLOSE]
    assert [e.count for e in of_kind(session.recorded, EventKind.BYTES_WRITTEN)] == [5]
    assert reads(session.recorded) == [b"hello"]
    assert of_kind(session.recorded, EventKind.READ_CHANNEL_FINISHED)[0].detail == "read channel closed (we closed)"
    assert not session.peer_has_closed


def test_eof_server_echoes_up_to_the_marker_then_closes(qtbot, session, demo):
    # The server of the classic .NET example: read until <EOF>, send it back, close.
    server = demo("eof")
    connect(qtbot, session, server.port)
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.send(b"This is a test<EOF>")

    assert labels(session.recorded) == [*OPENING, "call:write", "bytesWritten", "readyRead", *PEER_CLOSES]
    assert [e.count for e in of_kind(session.recorded, EventKind.BYTES_WRITTEN)] == [19]
    assert reads(session.recorded) == [b"This is a test<EOF>"]
    assert "peer closed" in of_kind(session.recorded, EventKind.READ_CHANNEL_FINISHED)[0].detail
    assert session.peer_has_closed
    assert session.bytes_sent == session.bytes_received == 19


def test_drip_reply_takes_several_receive_callbacks(qtbot, session, demo):
    server = demo("drip", drip_piece_size=8, drip_delay_ms=15)
    message = b"The quick brown fox jumps over the lazy dog"  # 43 bytes: 6 pieces
    connect(qtbot, session, server.port)
    session.send(message)
    qtbot.waitUntil(lambda: session.bytes_received == len(message), timeout=3000)
    close_and_wait(qtbot, session)

    names = labels(session.recorded)
    assert collapsed(names) == [*OPENING, "call:write", "bytesWritten", "readyRead", *WE_CLOSE]
    pieces = reads(session.recorded)
    assert len(pieces) >= 2, f"the reply came in one callback: {pieces}"
    assert len(pieces[0]) < len(message)  # the first callback had only part of the reply
    assert b"".join(pieces) == message


def test_flood_streams_until_its_limit_then_closes(qtbot, session, demo):
    limit = 16 * 1024
    server = demo("flood", flood_limit=limit)
    # Nothing to send: the flood starts as soon as the connection is accepted.
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        assert session.connect_to_host(LOOPBACK, server.port)

    assert collapsed(labels(session.recorded)) == [*OPENING, "readyRead", *PEER_CLOSES]
    data = b"".join(reads(session.recorded))
    assert len(data) == limit == session.bytes_received
    assert data == (FLOOD_LINE * (limit // len(FLOOD_LINE) + 1))[:limit]


def test_discard_server_reads_but_never_answers(qtbot, session, demo):
    server = demo("discard")
    connect(qtbot, session, server.port)
    session.send(b"hello")
    qtbot.waitUntil(lambda: server.bytes_in == 5, timeout=3000)
    close_and_wait(qtbot, session)

    assert labels(session.recorded) == [*OPENING, "call:write", "bytesWritten", *WE_CLOSE]
    assert session.bytes_sent == 5 and session.bytes_received == 0


def test_never_read_server_bytes_written_is_not_the_peer_reading(qtbot, session, demo):
    server = demo("never-read")
    connect(qtbot, session, server.port)
    with qtbot.waitSignal(session.bytes_written, timeout=3000) as blocker:
        session.send(b"hello")
    assert blocker.args == [5]
    close_and_wait(qtbot, session)

    assert labels(session.recorded) == [*OPENING, "call:write", "bytesWritten", *WE_CLOSE]
    assert server.bytes_in == 0  # bytesWritten(5) meant "the OS took them", nothing more


def test_close_after_reply_gives_reply_then_peer_close(qtbot, session, demo):
    server = demo("close-after-reply")
    connect(qtbot, session, server.port)
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.send(b"hello")

    assert labels(session.recorded) == [*OPENING, "call:write", "bytesWritten", "readyRead", *PEER_CLOSES]
    assert reads(session.recorded) == [CLOSE_REPLY]
    assert session.peer_has_closed


def test_reset_server_is_reported_as_a_reset(qtbot, session, demo):
    server = demo("reset")
    connect(qtbot, session, server.port)
    with qtbot.waitSignal(session.disconnected, timeout=3000):
        session.send(b"hello")

    names = labels(session.recorded)
    assert names[:len(OPENING) + 2] == [*OPENING, "call:write", "bytesWritten"]
    assert names[-1] == "disconnected"
    assert "readyRead" not in names
    errors = of_kind(session.recorded, EventKind.ERROR)
    assert len(errors) == 1
    # A teacher shows the reset demo to contrast RST with FIN: the log must say "reset".
    assert "reset" in errors[0].detail.lower(), f"the error does not name a reset: {errors[0].detail!r}"
    finished = of_kind(session.recorded, EventKind.READ_CHANNEL_FINISHED)
    assert not any("FIN" in e.detail for e in finished), \
        f"a reset is described as the peer's FIN: {[e.detail for e in finished]}"


def test_silent_server_sends_nothing_back(qtbot, session, demo):
    server = demo("silent")
    connect(qtbot, session, server.port)
    session.send(b"hello")
    qtbot.waitUntil(lambda: server.bytes_in == 5, timeout=3000)  # it read them and said nothing
    close_and_wait(qtbot, session)

    assert labels(session.recorded) == [*OPENING, "call:write", "bytesWritten", *WE_CLOSE]
    assert of_kind(session.recorded, EventKind.READY_READ) == []
    assert any("ignored 5 bytes" in line for line in server.lines)


def test_silent_server_makes_the_receive_timeout_fire(qtbot, session, demo):
    # DEMO_KINDS["silent"] promises "the client's receive timeout fires".
    assert hasattr(session, "receive_timeout_ms"), \
        "ClientSession has no receive timeout, so the silent demo's promised timeout never fires"
    session.receive_timeout_ms = 200
    server = demo("silent")
    connect(qtbot, session, server.port)
    with qtbot.waitSignal(session.error_occurred, timeout=3000) as blocker:
        session.send(b"hello")
    assert blocker.args[0] == "ReceiveTimeoutError"
    assert session.is_connected  # a receive timeout is news, not a reason to close
    assert of_kind(session.recorded, EventKind.READY_READ) == []


def test_slow_accept_gives_up_after_the_connect_timeout(qtbot, session, demo):
    server = demo("slow-accept")
    session.connect_timeout_ms = 250
    with qtbot.waitSignal(session.error_occurred, timeout=3000) as blocker:
        assert session.connect_to_host(LOOPBACK, server.port)
    assert blocker.args[0] == "SocketTimeoutError"
    qtbot.waitUntil(lambda: session.is_idle, timeout=2000)

    error = of_kind(session.recorded, EventKind.ERROR)[0]
    # QTimer's default (coarse) timers may fire up to 5 % early; more would be a wrong claim.
    assert 250 * 0.95 <= error.elapsed_ms < 250 + 1000
    assert "0.25 s" in error.detail
    # Nobody answered at all: nothing may claim that the peer closed (sent FIN).
    finished = [e.detail for e in of_kind(session.recorded, EventKind.READ_CHANNEL_FINISHED)]
    assert finished == ["read channel closed (we closed)"], f"our own timeout is told as the peer's FIN: {finished}"
    assert not session.peer_has_closed
    # Every call the app makes is one event: giving up is an abort() the class should see.
    assert labels(session.recorded) == [
        "call:connectToHost", "state:HostLookup", "state:Connecting", "hostFound",
        "error:SocketTimeoutError", "call:abort", "state:Unconnected", "readChannelFinished"]


# ============================================================================ through the window
@pytest.fixture
def window(qtbot):
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.recorded = []
    w.session.event_recorded.connect(w.recorded.append)
    yield w
    w.close()





def send_from_composer(qtbot, window, text: str) -> None:
    window.composer.load_message("text", text)
    qtbot.waitUntil(window.composer.sendButton.isEnabled, timeout=1000)
    window.composer.sendButton.click()


def test_read_buffer_of_256_makes_four_callbacks_in_the_window(qtbot, window):
    payload = bytes(ord("A") + i % 26 for i in range(1024))
    peer = ThreadedPeer(lambda conn: (conn.sendall(payload), conn.recv(1)))  # stays open
    window.teaching_panel.readBufferSpin.setValue(256)
    assert window.session.read_chunk_limit == 256
    connect_window(qtbot, window, peer.port)
    qtbot.waitUntil(lambda: window.session.bytes_received == 1024, timeout=3000)

    assert [len(d) for d in reads(window.recorded)] == [256, 256, 256, 256]
    assert b"".join(reads(window.recorded)) == payload
    rows = [line for line in log_lines(window) if "readyRead: 256 bytes" in line]
    assert len(rows) == 4
    assert not [line for line in log_lines(window) if "readyRead" in line and "256 bytes" not in line]


def test_step_mode_holds_each_callback_until_next(qtbot, window):
    payload = b"s" * 600
    peer = ThreadedPeer(lambda conn: (conn.sendall(payload), conn.recv(1)))
    panel = window.teaching_panel
    panel.readBufferSpin.setValue(256)
    assert not panel.nextButton.isEnabled()
    panel.stepCheck.click()
    assert panel.stepCheck.isChecked() and window.session.step_mode
    assert panel.nextButton.isEnabled()
    connect_window(qtbot, window, peer.port)
    activate(qtbot, window)

    def pending_label_shows(waiting: int) -> None:
        text = panel.pendingInLabel.text()
        assert text.startswith(f"{waiting} bytes wait"), text
        assert "1 callback held" in text, text

    # Data arrived, nothing was read: the callback waits for the student.
    qtbot.waitUntil(lambda: pending_label_shows(256), timeout=3000)
    assert window.session.bytes_received == 0 and reads(window.recorded) == []

    panel.nextButton.click()  # one press, one callback
    assert [len(d) for d in reads(window.recorded)] == [256]
    qtbot.waitUntil(lambda: pending_label_shows(256), timeout=3000)

    qtbot.keyClick(window, Qt.Key.Key_F10)  # the keyboard way
    assert [len(d) for d in reads(window.recorded)] == [256, 256]
    qtbot.waitUntil(lambda: pending_label_shows(88), timeout=3000)

    qtbot.keyClick(window, Qt.Key.Key_F10)
    assert [len(d) for d in reads(window.recorded)] == [256, 256, 88]
    assert b"".join(reads(window.recorded)) == payload
    qtbot.waitUntil(lambda: panel.pendingInLabel.text().startswith("0 bytes wait"), timeout=3000)
    held = [e for e in window.recorded if e.kind is EventKind.READY_READ and not e.data]
    assert [e.count for e in held] == [256, 256, 88]  # each held callback was logged as it came


def test_timeline_draws_one_arrow_per_event(qtbot, window):
    server = window.demo_panel.start("echo")
    assert window.side_tabs.currentWidget() is window.teaching_panel
    connect_window(qtbot, window, server.port)
    send_from_composer(qtbot, window, "ping")
    qtbot.waitUntil(lambda: window.session.bytes_received == 4, timeout=3000)
    assert window.timeline.arrow_count == 0  # hidden: it waits instead of drawing

    window.side_tabs.setCurrentWidget(window.timeline_panel)
    qtbot.waitUntil(lambda: window.timeline.arrow_count == len(window.recorded), timeout=2000)

    # While it is shown, new events keep arriving in batches.
    with qtbot.waitSignal(window.session.disconnected, timeout=3000):
        window.disconnectButton.click()
    qtbot.waitUntil(lambda: window.timeline.arrow_count == len(window.recorded), timeout=2000)
    assert len(window.recorded) >= 14
    assert [row.event for row in window.timeline.rows()] == window.recorded


def test_timeline_exports_png_and_svg(qtbot, window, tmp_path):
    server = window.demo_panel.start("echo")
    window.side_tabs.setCurrentWidget(window.timeline_panel)
    connect_window(qtbot, window, server.port)
    send_from_composer(qtbot, window, "draw me")
    qtbot.waitUntil(lambda: window.session.bytes_received == 7, timeout=3000)
    qtbot.waitUntil(lambda: window.timeline.arrow_count == len(window.recorded), timeout=2000)

    png = tmp_path / "timeline.png"
    svg = tmp_path / "timeline.svg"
    window.timeline.export_png(str(png))
    window.timeline.export_svg(str(svg))

    image = QImage(str(png))
    assert not image.isNull()
    assert image.width() > 100 and image.height() > 100
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml")
    assert "<svg" in text
    assert "Socket Tester session timeline" in text


def test_signals_view_shows_microseconds_thread_and_calls_and_explain_adds_dotnet(qtbot, window):
    server = window.demo_panel.start("echo")
    window.log_panel.traceCheck.setChecked(True)
    connect_window(qtbot, window, server.port)
    send_from_composer(qtbot, window, "hi")
    qtbot.waitUntil(lambda: window.session.bytes_received == 2, timeout=3000)

    lines = log_lines(window)
    connect_rows = [line for line in lines if "▶ connectToHost" in line]
    assert len(connect_rows) == 1
    assert " µs" in connect_rows[0] and "[MainThread]" in connect_rows[0]
    assert [line for line in lines if "bytesWritten(2)" in line]
    assert [line for line in lines if "readyRead (bytesAvailable=2, read 2)" in line]
    event_rows = [line for line in lines if "[MainThread]" in line]
    assert len(event_rows) == len(window.recorded)
    assert all(" µs" in line for line in event_rows)

    window.teaching_panel.explainCheck.setChecked(True)
    write_rows = [line for line in log_lines(window) if "▶ write()" in line]
    assert len(write_rows) == 1
    assert "BeginSend" in write_rows[0]
    assert [line for line in log_lines(window) if "bytesWritten(2)" in line and "EndSend" in line]

    # Explain alone keeps the Signals view on; switching both off goes back to the plain log.
    window.log_panel.traceCheck.setChecked(False)
    assert [line for line in log_lines(window) if "BeginSend" in line]
    window.teaching_panel.explainCheck.setChecked(False)
    lines = log_lines(window)
    assert not [line for line in lines if "[MainThread]" in line or "BeginSend" in line]
    assert [line for line in lines if "sent 2 bytes" in line]


def test_projector_font_grows_and_shrinks_with_ctrl_plus_minus(qtbot, window):
    view = window.log_panel.logView
    activate(qtbot, window)
    start = view.font().pointSize()
    assert start > 0

    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    bigger = view.font().pointSize()
    assert bigger > start
    window.view_larger.trigger()
    assert view.font().pointSize() > bigger

    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.font().pointSize() == bigger
    window.view_smaller.trigger()
    assert view.font().pointSize() == start
